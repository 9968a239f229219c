"""Messages of the "times" branch (issue 18, item 2: times where people live; and the
English and French golden transcripts' reading). The lead merges them into the .po files
and deletes this file.

New: ``moment.date_time`` and ``moment.in_zone`` (how a day and an hour make a moment,
and how its zone is named). Changed: ``kudos.over_budget`` says when the budget resets
(``{reset}``, the community's midnight in its zone); the others read better (see CHANGED).
"""

EN = {
    # {date} is the day ("Sunday, March 29"), {time} the hour ("3:00 AM"). The form is
    # chosen by {count}, the hour from 0 to 23 (Spanish: "a la 1:00", "a las 3:00").
    "moment.date_time": ("{date} at {time}", "{date} at {time}"),
    # {when} is a moment ("Sunday, March 29 at 3:00 AM"), {zone} its IANA time zone.
    "moment.in_zone": "{when} ({zone})",
    "kudos.over_budget": (
        "That would go over your daily budget of {budget} kudos: you have {left} left "
        "today and asked for {asked}. It resets at {reset}."
    ),
    "roots.pay_back_list_other": (
        "{names} thanked {name} recently, and {name} hasn't thanked {names} back yet.",
        "{names} thanked {name} recently, and {name} hasn't thanked them back yet.",
    ),
    "help.nudges": (
        "/roots nudges on [day] [HH:MM] or off: a private weekly nudge with people to say "
        "hello to and memories (Mondays at 10:00 by default)"
    ),
    "help.nudges.discord": (
        "/roots-nudges on [day] [time] or off: a private weekly nudge with people to say "
        "hello to and memories (Mondays at 10:00 by default)"
    ),
    "help.roots": "/roots [@member]: who helped you most, your streak, and whom to thank back",
    "nudges.status_off": (
        "Weekly nudges are off. /roots nudges on [day] [HH:MM] turns them on (Mondays at "
        "10:00 by default)."
    ),
}

FR = {
    "moment.date_time": ("{date} à {time}", "{date} à {time}", "{date} à {time}"),
    "moment.in_zone": "{when} ({zone})",
    "kudos.over_budget": (
        "Ça dépasserait ton budget quotidien de {budget} kudos\u00a0: il t'en reste "
        "{left} aujourd'hui et tu en demandes {asked}. Le compteur repart à zéro à {reset}."
    ),
    "roots.pay_back_list_other": (
        "{names} a dit merci à {name} récemment, sans avoir encore reçu de merci en retour.",
        "{names} ont dit merci à {name} récemment, sans avoir encore reçu de merci en retour.",
        "{names} ont dit merci à {name} récemment, sans avoir encore reçu de merci en retour.",
    ),
    "help.nudges": (
        "/roots nudges on [jour] [HH:MM] ou off\u00a0: un rappel privé chaque semaine, avec "
        "des personnes à qui dire bonjour et des souvenirs (le lundi à 10:00 par défaut)"
    ),
    "help.nudges.discord": (
        "/roots-nudges on [jour] [heure] ou off\u00a0: un rappel privé chaque semaine, avec "
        "des personnes à qui dire bonjour et des souvenirs (le lundi à 10:00 par défaut)"
    ),
    "nudges.status_off": (
        "Les rappels de la semaine sont désactivés. /roots nudges on [jour] [HH:MM] les "
        "active (le lundi à 10:00 par défaut)."
    ),
    "help.web": (
        "/roots web\u00a0: un lien privé vers ton tableau de bord web\u00a0; /roots web "
        "logout te déconnecte de tous tes navigateurs"
    ),
    "help.web.discord": (
        "/roots-web\u00a0: un lien privé vers ton tableau de bord web\u00a0; /roots-web "
        "action: se déconnecter partout ferme toutes tes sessions du tableau de bord"
    ),
}

ES = {
    "moment.date_time": (
        "{date}, a la {time}",
        "{date}, a las {time}",
        "{date}, a las {time}",
    ),
    "moment.in_zone": "{when} ({zone})",
    "kudos.over_budget": (
        "Eso superaría tu límite diario de {budget} kudos: has pedido {asked} y tu saldo "
        "de hoy es de {left}. Se renueva a las {reset}."
    ),
    "roots.pay_back_list_other": (
        "{names} le dio las gracias a {name} hace poco, y {name} aún no le ha devuelto el gesto.",
        "{names} le dieron las gracias a {name} hace poco, y {name} aún no les ha devuelto "
        "el gesto.",
        "{names} le dieron las gracias a {name} hace poco, y {name} aún no les ha devuelto "
        "el gesto.",
    ),
    "help.nudges": (
        "/roots nudges on [día] [HH:MM] u off: un recordatorio privado cada semana, con "
        "personas a las que saludar y recuerdos (lunes a las 10:00 por defecto)"
    ),
    "help.nudges.discord": (
        "/roots-nudges on [día] [hora] u off: un recordatorio privado cada semana, con "
        "personas a las que saludar y recuerdos (lunes a las 10:00 por defecto)"
    ),
    "nudges.status_off": (
        "Los recordatorios semanales están desactivados. /roots nudges on [día] [HH:MM] "
        "los activa (lunes a las 10:00 por defecto)."
    ),
}

DE = {
    "moment.date_time": ("{date} um {time}", "{date} um {time}"),
    "moment.in_zone": "{when} ({zone})",
    "kudos.over_budget": (
        "Damit würdest du dein Tagesbudget von {budget} Kudos überschreiten: Du möchtest "
        "{asked} vergeben, dein Guthaben für heute beträgt {left}. Um {reset} geht es "
        "wieder von vorn los."
    ),
    "roots.pay_back_list_other": (
        "{names} hat {name} vor Kurzem gedankt, und {name} hat sich noch nicht revanchiert.",
        "{names} haben {name} vor Kurzem gedankt, und {name} hat sich noch nicht revanchiert.",
    ),
    "help.nudges": (
        "/roots nudges on [Tag] [HH:MM] oder off: eine private Erinnerung pro Woche, mit "
        "Menschen zum Hallo-Sagen und Erinnerungen (standardmäßig montags um 10:00)"
    ),
    "help.nudges.discord": (
        "/roots-nudges on [Tag] [Uhrzeit] oder off: eine private Erinnerung pro Woche, mit "
        "Menschen zum Hallo-Sagen und Erinnerungen (standardmäßig montags um 10:00)"
    ),
    "nudges.status_off": (
        "Die wöchentliche Erinnerung ist aus. /roots nudges on [Tag] [HH:MM] schaltet sie "
        "ein (standardmäßig montags um 10:00)."
    ),
}

# Existing messages whose text changes (re-apply by hand at merge). An English change is a
# new msgid in every .po: the translations of roots.pay_back_list_other and help.roots stay
# as they are (ES/DE/FR repeat the unchanged ones where given). help.web*: only the French
# changes (it said "vous" in a "tu" catalog). How this branch applied them: set
# each CHANGED key's msgid to EN[key] in every .po, its msgstr to XX[key] where XX has it,
# then `python -m bot.messages.tools extract && ... compile && ... check`.
CHANGED = [
    "kudos.over_budget",
    "roots.pay_back_list_other",
    "help.nudges",
    "help.nudges.discord",
    "help.roots",
    "nudges.status_off",
    "help.web",
    "help.web.discord",
]
