"""Spanish and German for the messages the move to gettext changed (not loaded at run time).

These messages became plural entries chosen by ``{count}`` (a tuple holds the forms in
the language's gettext order: Spanish one / many / other, German one / other), or are new
(``roots.tally_line``, ``roots.received``, ``roots.given``, ``field.label``). Merge them
BEFORE es.py / de.py, so the dict texts written for the old one-form messages are skipped:

    python -m bot.messages.tools add-from-dict bot/messages/pending_catalogs.py --lang es
    python -m bot.messages.tools add-from-dict bot/messages/pending_catalogs.py --lang de
"""

ES: dict[str, str | tuple[str, ...]] = {
    "field.label": "{name}:",
    "roots.tally_line": "{received} · {given}",
    "roots.received": ("{count} recibido", "{count} recibidos", "{count} recibidos"),
    "roots.given": ("{count} dado", "{count} dados", "{count} dados"),
    "roots.streak_days": (
        "{count} día seguido",
        "{count} de días seguidos",
        "{count} días seguidos",
    ),
    "checkin.streak_days": (
        "{count} día seguido",
        "{count} de días seguidos",
        "{count} días seguidos",
    ),
    "checkin.streak": (
        "Racha de gestos: {count} día seguido",
        "Racha de gestos: {count} de días seguidos",
        "Racha de gestos: {count} días seguidos",
    ),
    "prompt.rejected_many": (
        "{count} sugerencia rechazada: {ids}.",
        "{count} de sugerencias rechazadas: {ids}.",
        "{count} sugerencias rechazadas: {ids}.",
    ),
    "prompt.rejected_member": (
        "{count} sugerencia de {name} rechazada.",
        "{count} de sugerencias de {name} rechazadas.",
        "{count} sugerencias de {name} rechazadas.",
    ),
    "digest.kudos": (
        "Kudos dados: {kudos}, por {count} miembro",
        "Kudos dados: {kudos}, por {count} de miembros distintos",
        "Kudos dados: {kudos}, por {count} miembros distintos",
    ),
    "forget.done": tuple(
        "Hecho: los datos personales de {name} se han borrado de esta comunidad. Sus kudos "
        "(dados: {given}, recibidos: {received}) ahora son anónimos y sus motivos se han "
        f"borrado; {notes}. Los totales de los demás miembros no cambian."
        for notes in (
            "se ha borrado {count} nota de participación",
            "se han borrado {count} de notas de participación",
            "se han borrado {count} notas de participación",
        )
    ),
    "kudos.cooldown": (
        "Acabas de darle las gracias a {name}. Espera {count} segundo antes de volver a hacerlo.",
        "Acabas de darle las gracias a {name}. Espera {count} de segundos antes de volver a hacerlo.",
        "Acabas de darle las gracias a {name}. Espera {count} segundos antes de volver a hacerlo.",
    ),
    "roots.pay_back_list": (
        "{names} te dio las gracias hace poco, y aún no le has devuelto el gesto.",
        "{names} te dieron las gracias hace poco, y aún no les has devuelto el gesto.",
        "{names} te dieron las gracias hace poco, y aún no les has devuelto el gesto.",
    ),
    "roots.pay_back_list_other": (
        "{names} le dio las gracias a {name} hace poco, y {name} aún no le ha devuelto el gesto.",
        "{names} le dieron las gracias a {name} hace poco, y {name} aún no les ha devuelto el gesto.",
        "{names} le dieron las gracias a {name} hace poco, y {name} aún no les ha devuelto el gesto.",
    ),
    "prompt.count": (
        "✅ {count} persona lo ha hecho por ahora",
        "✅ {count} de personas lo han hecho por ahora",
        "✅ {count} personas lo han hecho por ahora",
    ),
    "prompt.queue_more": (
        "…y {count} más en espera (primero las más antiguas).",
        "…y {count} más en espera (primero las más antiguas).",
        "…y {count} más en espera (primero las más antiguas).",
    ),
    "checkin.done": (
        "✅ ¡{name} lo ha hecho! {count} persona por ahora.",
        "✅ ¡{name} lo ha hecho! {count} de personas por ahora.",
        "✅ ¡{name} lo ha hecho! {count} personas por ahora.",
    ),
    "challenge.progress": (
        "{name}: {count} día de {total}",
        "{name}: {count} días de {total}",
        "{name}: {count} días de {total}",
    ),
}

DE: dict[str, str | tuple[str, ...]] = {
    "field.label": "{name}:",
    "roots.tally_line": "{received} · {given}",
    "roots.received": ("{count} erhalten", "{count} erhalten"),
    "roots.given": ("{count} vergeben", "{count} vergeben"),
    "roots.streak_days": ("{count} Tag in Folge", "{count} Tage in Folge"),
    "checkin.streak_days": ("{count} Tag in Folge", "{count} Tage in Folge"),
    "checkin.streak": (
        "Mitmach-Serie: {count} Tag in Folge",
        "Mitmach-Serie: {count} Tage in Folge",
    ),
    "prompt.rejected_many": (
        "{count} Vorschlag abgelehnt: {ids}.",
        "{count} Vorschläge abgelehnt: {ids}.",
    ),
    "prompt.rejected_member": (
        "{count} Vorschlag von {name} abgelehnt.",
        "{count} Vorschläge von {name} abgelehnt.",
    ),
    "digest.kudos": (
        "Vergebene Kudos: {kudos}, von {count} Mitglied",
        "Vergebene Kudos: {kudos}, von {count} verschiedenen Mitgliedern",
    ),
    "forget.done": tuple(
        "Erledigt: Die persönlichen Daten von {name} sind aus dieser Community gelöscht. "
        "Die Kudos (vergeben: {given}, erhalten: {received}) sind jetzt anonym, ihre "
        f"Begründungen gelöscht; {notes}. Die Summen der anderen Mitglieder bleiben gleich."
        for notes in ("{count} Mitmach-Notiz gelöscht", "{count} Mitmach-Notizen gelöscht")
    ),
    "kudos.cooldown": (
        "Du hast {name} gerade gedankt. Warte bitte noch {count} Sekunde, bevor du es wieder tust.",
        "Du hast {name} gerade gedankt. Warte bitte noch {count} Sekunden, bevor du es wieder tust.",
    ),
    "roots.pay_back_list": (
        "{names} hat dir vor Kurzem gedankt, und du hast dich noch nicht revanchiert.",
        "{names} haben dir vor Kurzem gedankt, und du hast dich noch nicht revanchiert.",
    ),
    "roots.pay_back_list_other": (
        "{names} hat {name} vor Kurzem gedankt, und {name} hat sich noch nicht revanchiert.",
        "{names} haben {name} vor Kurzem gedankt, und {name} hat sich noch nicht revanchiert.",
    ),
    "prompt.count": (
        "✅ {count} Person hat bisher mitgemacht",
        "✅ {count} Personen haben bisher mitgemacht",
    ),
    "prompt.queue_more": (
        "…und {count} weiterer wartet (die ältesten zuerst).",
        "…und {count} weitere warten (die ältesten zuerst).",
    ),
    "checkin.done": (
        "✅ {name} hat es geschafft! {count} Person bisher.",
        "✅ {name} hat es geschafft! {count} Personen bisher.",
    ),
    "challenge.progress": (
        "{name}: {count} von {total} Tagen",
        "{name}: {count} von {total} Tagen",
    ),
}
