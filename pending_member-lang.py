"""Messages of issue 18, item 3: each member's language (/roots language)."""

EN = {
    "help.language": (
        "/roots language fr|en|es|de|auto: the language of Roots' private answers to you"
        " (auto: your app's when the platform says it, else this community's)"
    ),
    "help.language.discord": (
        "/roots-language: the language of Roots' private answers to you"
        " (auto: your app's, else this server's)"
    ),
    "language.set": (
        "Done: Roots now answers you privately in {language}."
        " Public posts stay in this community's language."
    ),
    "language.set_auto": (
        "Done: Roots answers you privately in your app's language when the platform"
        " says it, else in this community's language: {language} for now."
    ),
    "language.current": (
        "Roots answers you privately in {language}, as you chose."
        " Change it with /roots language {choices}."
    ),
    "language.current.discord": (
        "Roots answers you privately in {language}, as you chose. Change it with /roots-language."
    ),
    "language.current_auto": (
        "Roots answers you privately in {language} (auto: your app's language when the"
        " platform says it, else this community's). Choose one with /roots language {choices}."
    ),
    "language.current_auto.discord": (
        "Roots answers you privately in {language} (auto: your app's language, else this"
        " server's). Choose one with /roots-language."
    ),
    "language.usage": (
        "“{value}” isn't a language I speak yet, so nothing changed. Choose one of: {choices}."
    ),
}

FR = {
    "help.language": (
        "/roots language fr|en|es|de|auto : la langue des réponses privées de Roots pour toi"
        " (auto : celle de ton appli quand la plateforme la donne, sinon celle de la communauté)"
    ),
    "help.language.discord": (
        "/roots-language : la langue des réponses privées de Roots pour toi"
        " (auto : celle de ton appli, sinon celle du serveur)"
    ),
    "language.set": (
        "C'est noté : Roots te répond désormais en privé en {language}."
        " Les messages publics restent dans la langue de la communauté."
    ),
    "language.set_auto": (
        "C'est noté : Roots te répond en privé dans la langue de ton appli quand la"
        " plateforme la donne, sinon dans celle de la communauté : en {language} pour l'instant."
    ),
    "language.current": (
        "Roots te répond en privé en {language}, comme tu l'as choisi."
        " Pour changer : /roots language {choices}."
    ),
    "language.current.discord": (
        "Roots te répond en privé en {language}, comme tu l'as choisi."
        " Pour changer : /roots-language."
    ),
    "language.current_auto": (
        "Roots te répond en privé en {language} (auto : la langue de ton appli quand la"
        " plateforme la donne, sinon celle de la communauté). Pour en choisir une :"
        " /roots language {choices}."
    ),
    "language.current_auto.discord": (
        "Roots te répond en privé en {language} (auto : la langue de ton appli, sinon celle"
        " du serveur). Pour en choisir une : /roots-language."
    ),
    "language.usage": (
        "Je ne parle pas encore « {value} », donc rien n'a changé. Choisis parmi : {choices}."
    ),
}

ES = {
    "help.language": (
        "/roots language fr|en|es|de|auto: el idioma de las respuestas privadas de Roots"
        " para ti (auto: el de tu app cuando la plataforma lo indica; si no, el de la"
        " comunidad)"
    ),
    "help.language.discord": (
        "/roots-language: el idioma de las respuestas privadas de Roots para ti"
        " (auto: el de tu app; si no, el del servidor)"
    ),
    "language.set": (
        "¡Hecho! A partir de ahora, Roots te responde en privado en {language}."
        " Las publicaciones públicas siguen en el idioma de la comunidad."
    ),
    "language.set_auto": (
        "¡Hecho! Roots te responde en privado en el idioma de tu app cuando la plataforma"
        " lo indica; si no, en el de la comunidad: de momento, en {language}."
    ),
    "language.current": (
        "Roots te responde en privado en {language}, como elegiste."
        " Para cambiarlo: /roots language {choices}."
    ),
    "language.current.discord": (
        "Roots te responde en privado en {language}, como elegiste."
        " Para cambiarlo: /roots-language."
    ),
    "language.current_auto": (
        "Roots te responde en privado en {language} (auto: el idioma de tu app cuando la"
        " plataforma lo indica; si no, el de la comunidad). Para elegir uno:"
        " /roots language {choices}."
    ),
    "language.current_auto.discord": (
        "Roots te responde en privado en {language} (auto: el idioma de tu app; si no,"
        " el del servidor). Para elegir uno: /roots-language."
    ),
    "language.usage": (
        "Todavía no hablo «{value}», así que no he cambiado nada. Elige uno de estos: {choices}."
    ),
}

DE = {
    "help.language": (
        "/roots language fr|en|es|de|auto: die Sprache der privaten Antworten von Roots"
        " an dich (auto: die deiner App, wenn die Plattform sie mitteilt, sonst die der"
        " Community)"
    ),
    "help.language.discord": (
        "/roots-language: die Sprache der privaten Antworten von Roots an dich"
        " (auto: die deiner App, sonst die des Servers)"
    ),
    "language.set": (
        "Erledigt: Roots antwortet dir privat ab jetzt auf {language}."
        " Öffentliche Beiträge bleiben in der Sprache der Community."
    ),
    "language.set_auto": (
        "Erledigt: Roots antwortet dir privat in der Sprache deiner App, wenn die Plattform"
        " sie mitteilt, sonst in der Sprache der Community: im Moment auf {language}."
    ),
    "language.current": (
        "Roots antwortet dir privat auf {language}, so wie du es gewählt hast."
        " Ändern kannst du das mit /roots language {choices}."
    ),
    "language.current.discord": (
        "Roots antwortet dir privat auf {language}, so wie du es gewählt hast."
        " Ändern kannst du das mit /roots-language."
    ),
    "language.current_auto": (
        "Roots antwortet dir privat auf {language} (auto: die Sprache deiner App, wenn die"
        " Plattform sie mitteilt, sonst die der Community). Eine Sprache wählst du mit"
        " /roots language {choices}."
    ),
    "language.current_auto.discord": (
        "Roots antwortet dir privat auf {language} (auto: die Sprache deiner App, sonst die"
        " des Servers). Eine Sprache wählst du mit /roots-language."
    ),
    "language.usage": (
        "„{value}“ spreche ich noch nicht, also hat sich nichts geändert."
        " Wähle eine davon: {choices}."
    ),
}
