"""Messages added by the web-pages helper (issue #14: the Prompts page, the wallboard).
The lead merges them into the catalogs and deletes this file."""

EN = {
    "config.name.wallboard": "Wallboard (a read-only page for a screen)",
    "web.when": "{day} at {time} ({zone})",
    "web.nav.prompts": "Prompts",
    "web.prompts.next": "Next posts",
    "web.prompts.channel": "#{channel}",
    "web.prompts.schedule": "{time} ({zone}), {days}",
    "web.prompts.next_prompt": "The next prompt:",
    "web.prompts.paused": (
        "Paused: Roots can no longer post in this channel. An admin can set it up again."
    ),
    "web.prompts.off": "Switched off for now.",
    "web.prompts.none": (
        "No channel has daily prompts yet. An admin sets them up with /roots-config prompts."
    ),
    "web.prompts.week": "This week's prompts",
    "web.prompts.week_empty": "No prompt has been posted yet this week.",
    "web.prompts.day": "Day",
    "web.prompts.where": "Channel",
    "web.prompts.prompt": "Prompt",
    "web.prompts.checkins_column": "Check-ins",
    "web.prompts.checkins": ("{count} check-in", "{count} check-ins"),
    "web.prompts.suggest": "Suggest a prompt",
    "web.prompts.suggest_label": "Your idea for a daily prompt",
    "web.prompts.suggest_hint": (
        "Up to 280 characters. An admin reviews it before it joins the rotation."
    ),
    "web.prompts.suggest_button": "Suggest",
    "web.wall.title": "{community} this week",
    "web.wall.updated": "Updated {when}",
    "wallboard.on": (
        "Wallboard on. Open this link on the office screen: {url}\n"
        "Keep it private: anyone with it sees the page (leaderboards of the week, the kudos"
        " chart). It is shown only this once; /roots-config wallboard on gives a new one and"
        " the old link stops working."
    ),
    "wallboard.off": "Wallboard off: its link no longer works.",
    "wallboard.was_off": "The wallboard was already off.",
    "wallboard.usage": "Usage: /roots-config wallboard on, or /roots-config wallboard off.",
    "help.config_wallboard": (
        "/roots-config wallboard on|off: (admins) a read-only page for a screen in the"
        " office, at a private link"
    ),
}

FR = {
    "config.name.wallboard": "Écran (une page en lecture seule pour un écran)",
    "web.when": "{day} à {time} ({zone})",
    "web.nav.prompts": "Gestes du jour",
    "web.prompts.next": "Prochaines publications",
    "web.prompts.channel": "#{channel}",
    "web.prompts.schedule": "{time} ({zone}), {days}",
    "web.prompts.next_prompt": "Le prochain geste du jour :",
    "web.prompts.paused": (
        "En pause : Roots ne peut plus publier dans ce salon. Un admin peut le reconfigurer."
    ),
    "web.prompts.off": "Désactivé pour l'instant.",
    "web.prompts.none": (
        "Aucun salon n'a encore de geste du jour. Un admin les configure avec"
        " /roots-config prompts."
    ),
    "web.prompts.week": "Les gestes du jour de la semaine",
    "web.prompts.week_empty": "Aucun geste du jour n'a encore été publié cette semaine.",
    "web.prompts.day": "Jour",
    "web.prompts.where": "Salon",
    "web.prompts.prompt": "Geste du jour",
    "web.prompts.checkins_column": "Participations",
    "web.prompts.checkins": (
        "{count} participation",
        "{count} de participations",
        "{count} participations",
    ),
    "web.prompts.suggest": "Proposer un geste du jour",
    "web.prompts.suggest_label": "Ton idée de geste du jour",
    "web.prompts.suggest_hint": (
        "280 caractères au plus. Un admin la valide avant qu'elle rejoigne la rotation."
    ),
    "web.prompts.suggest_button": "Proposer",
    "web.wall.title": "{community} cette semaine",
    "web.wall.updated": "Mis à jour {when}",
    "wallboard.on": (
        "Écran activé. Ouvre ce lien sur l'écran du bureau : {url}\n"
        "Garde-le privé : toute personne qui l'a voit la page (classements de la semaine,"
        " graphique des kudos). Il ne s'affiche qu'une fois ; /roots-config wallboard on en"
        " donne un nouveau et l'ancien lien cesse de fonctionner."
    ),
    "wallboard.off": "Écran désactivé : son lien ne fonctionne plus.",
    "wallboard.was_off": "L'écran était déjà désactivé.",
    "wallboard.usage": "Utilisation : /roots-config wallboard on, ou /roots-config wallboard off.",
    "help.config_wallboard": (
        "/roots-config wallboard on|off : (admins) une page en lecture seule pour un écran"
        " au bureau, à un lien privé"
    ),
}

ES = {
    "config.name.wallboard": "Pantalla (una página de solo lectura para una pantalla)",
    "web.when": "{day} a las {time} ({zone})",
    "web.nav.prompts": "Gestos del día",
    "web.prompts.next": "Próximas publicaciones",
    "web.prompts.channel": "#{channel}",
    "web.prompts.schedule": "{time} ({zone}), {days}",
    "web.prompts.next_prompt": "El próximo gesto del día:",
    "web.prompts.paused": (
        "En pausa: Roots ya no puede publicar en este canal. Un admin puede volver a configurarlo."
    ),
    "web.prompts.off": "Desactivado por ahora.",
    "web.prompts.none": (
        "Ningún canal tiene todavía gestos del día. Un admin los configura con"
        " /roots-config prompts."
    ),
    "web.prompts.week": "Los gestos del día de esta semana",
    "web.prompts.week_empty": "Todavía no se ha publicado ningún gesto del día esta semana.",
    "web.prompts.day": "Día",
    "web.prompts.where": "Canal",
    "web.prompts.prompt": "Gesto del día",
    "web.prompts.checkins_column": "Participaciones",
    "web.prompts.checkins": (
        "{count} participación",
        "{count} de participaciones",
        "{count} participaciones",
    ),
    "web.prompts.suggest": "Sugerir un gesto del día",
    "web.prompts.suggest_label": "Tu idea para un gesto del día",
    "web.prompts.suggest_hint": (
        "Hasta 280 caracteres. Un admin la revisa antes de que entre en la rotación."
    ),
    "web.prompts.suggest_button": "Sugerir",
    "web.wall.title": "{community} esta semana",
    "web.wall.updated": "Actualizado: {when}",
    "wallboard.on": (
        "Pantalla activada. Abre este enlace en la pantalla de la oficina: {url}\n"
        "Mantenlo en privado: cualquiera que lo tenga ve la página (clasificaciones de la"
        " semana, gráfico de kudos). Solo se muestra esta vez; /roots-config wallboard on te"
        " da uno nuevo y el anterior deja de funcionar."
    ),
    "wallboard.off": "Pantalla desactivada: su enlace ya no funciona.",
    "wallboard.was_off": "La pantalla ya estaba desactivada.",
    "wallboard.usage": "Uso: /roots-config wallboard on, o /roots-config wallboard off.",
    "help.config_wallboard": (
        "/roots-config wallboard on|off: (admins) una página de solo lectura para una"
        " pantalla en la oficina, con un enlace privado"
    ),
}

DE = {
    "config.name.wallboard": "Wandbildschirm (eine schreibgeschützte Seite für einen Bildschirm)",
    "web.when": "{day} um {time} ({zone})",
    "web.nav.prompts": "Tagesimpulse",
    "web.prompts.next": "Nächste Beiträge",
    "web.prompts.channel": "#{channel}",
    "web.prompts.schedule": "{time} ({zone}), {days}",
    "web.prompts.next_prompt": "Der nächste Tagesimpuls:",
    "web.prompts.paused": (
        "Pausiert: Roots kann in diesem Kanal nicht mehr posten. Ein Admin kann ihn neu einrichten."
    ),
    "web.prompts.off": "Zurzeit ausgeschaltet.",
    "web.prompts.none": (
        "Noch kein Kanal hat Tagesimpulse. Ein Admin richtet sie mit /roots-config prompts ein."
    ),
    "web.prompts.week": "Die Tagesimpulse dieser Woche",
    "web.prompts.week_empty": "Diese Woche wurde noch kein Tagesimpuls gepostet.",
    "web.prompts.day": "Tag",
    "web.prompts.where": "Kanal",
    "web.prompts.prompt": "Tagesimpuls",
    "web.prompts.checkins_column": "Teilnahmen",
    "web.prompts.checkins": ("{count} Teilnahme", "{count} Teilnahmen"),
    "web.prompts.suggest": "Einen Tagesimpuls vorschlagen",
    "web.prompts.suggest_label": "Deine Idee für einen Tagesimpuls",
    "web.prompts.suggest_hint": (
        "Höchstens 280 Zeichen. Ein Admin prüft sie, bevor sie in die Rotation kommt."
    ),
    "web.prompts.suggest_button": "Vorschlagen",
    "web.wall.title": "{community} diese Woche",
    "web.wall.updated": "Aktualisiert: {when}",
    "wallboard.on": (
        "Wandbildschirm an. Öffne diesen Link auf dem Bildschirm im Büro: {url}\n"
        "Behalte ihn für dich: Wer ihn hat, sieht die Seite (Bestenlisten der Woche,"
        " Kudos-Diagramm). Er wird nur dieses eine Mal angezeigt; /roots-config wallboard on"
        " gibt dir einen neuen, und der alte Link funktioniert nicht mehr."
    ),
    "wallboard.off": "Wandbildschirm aus: Sein Link funktioniert nicht mehr.",
    "wallboard.was_off": "Der Wandbildschirm war schon aus.",
    "wallboard.usage": "Verwendung: /roots-config wallboard on oder /roots-config wallboard off.",
    "help.config_wallboard": (
        "/roots-config wallboard on|off: (Admins) eine schreibgeschützte Seite für einen"
        " Bildschirm im Büro, unter einem privaten Link"
    ),
}
