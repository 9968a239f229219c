"""Messages of the dashboard's Admin page (issue 14, section 5), and the goals line of
the /roots-admin forget preview. The lead merges them into the catalogs, then deletes
this file."""

EN = {
    "forget.preview_goals": (
        "Their goals and every note they wrote go too; the {count} minute they gave to"
        " others' goals stays counted anonymously.",
        "Their goals and every note they wrote go too; the {count} minutes they gave to"
        " others' goals stay counted anonymously.",
    ),
    "web.admin.intro_forms": (
        "Everything /roots-config, /prompt, /challenge start, /kudos revoke and"
        " /roots-admin forget do in chat, with the same rules and the same answers."
        " A change here shows in chat at once."
    ),
    "web.admin.sections": "Admin sections",
    "web.admin.settings": "Settings",
    "web.admin.schedules": "Schedules",
    "web.admin.queue": "Suggested prompts",
    "web.admin.prompts": "Custom prompts",
    "web.admin.challenge": "Gratitude challenge",
    "web.admin.revoke": "Revoke a kudos",
    "web.admin.forget": "Forget a member",
    "web.admin.export": "Export",
    "web.admin.audit": "Audit log",
    "web.admin.save": "Save",
    "web.admin.add": "Add",
    "web.admin.edit": "Edit",
    "web.admin.back": "Back to the Admin page",
    "web.admin.channel": "Channel",
    "web.admin.channel_other": "(another channel)",
    "web.admin.channel_typed": "or its id",
    "web.admin.channel_unchecked": (
        "I can't tell from here whether that channel belongs to this community, so I"
        " changed nothing. Pick a channel from the list, or set it once in chat (for"
        " example /roots-config prompts #channel 09:00), then change it here."
    ),
    "web.admin.days": "Days (every day when none is ticked)",
    "web.admin.hint.budget": "members each one may thank per day, 1 to 50",
    "web.admin.hint.cooldown": "seconds, 0 to 86400",
    "web.admin.hint.catchup": "minutes, 0 to 2880",
    "web.admin.announce_where": "Kudos confirmations go",
    "web.admin.announce.here": "where the kudos was given",
    "web.admin.announce.thread": "in a thread",
    "web.admin.announce.channel": "in a log channel",
    "web.admin.announce.private": "privately",
    "web.admin.season_now": "This is season {season}.",
    "web.admin.season_button": "Start a new season (history is kept)",
    "web.admin.kind": "Kind",
    "web.admin.when": "When",
    "web.admin.state": "State",
    "web.admin.change": "Change",
    "web.admin.pause": "Pause",
    "web.admin.resume": "Resume",
    "web.admin.time": "Time (HH:MM)",
    "web.admin.zone": "Time zone",
    "web.admin.add_schedule": "Add a schedule",
    "web.admin.number": "Number",
    "web.admin.prompt": "Prompt",
    "web.admin.author": "Author",
    "web.admin.decision": "Decision",
    "web.admin.approve": "Approve",
    "web.admin.reject": "Reject",
    "web.admin.remove": "Remove",
    "web.admin.approve_n": "Approve suggestion #{id}",
    "web.admin.reject_n": "Reject suggestion #{id}",
    "web.admin.remove_n": "Remove prompt #{id}",
    "web.admin.add_prompt": "A new prompt, as members will read it",
    "web.admin.challenge_hint": (
        "Seven days of gratitude prompts in one channel, then a recap. Everyone can join"
        " with /challenge join."
    ),
    "web.admin.start": "Start date",
    "web.admin.start_hint": "tomorrow when left empty",
    "web.admin.challenge_button": "Start the challenge",
    "web.admin.revoke_number": "The kudos number (shown under the kudos)",
    "web.admin.revoke_button": "Revoke",
    "web.admin.forget_hint": (
        "Erases a member's personal data in this community, for good. You will see what"
        " goes before anything is erased."
    ),
    "web.admin.forget_member": "Member's name",
    "web.admin.forget_preview": "See what would be erased",
    "web.admin.forget_confirm_title": "Erase {name}'s personal data?",
    "web.admin.forget_warning": "This can't be undone.",
    "web.admin.forget_button": "Erase {name}'s data for good",
    "web.admin.export_hint": (
        "Everything this community has in Roots' database, as roots export writes it."
        " In the CSV files, no cell starts a spreadsheet formula."
    ),
    "web.admin.export_json": "Download as JSON",
    "web.admin.export_csv": "Download as CSV (a zip, one file per table)",
    "web.admin.audit_caption": "Settings changes, revocations and erasures, newest first",
    "web.admin.audit_empty": "Nothing yet: no setting changed, no kudos revoked, nobody erased.",
    "web.admin.at": "When",
    "web.admin.who": "Who",
    "web.admin.what": "What",
    "web.admin.detail": "Given",
    "web.admin.audit.config": "changed the setting {setting}",
    "web.admin.audit.revoke": "revoked kudos #{id} (to {name})",
    "web.admin.audit.forget": "erased a member's personal data",
    "web.admin.audit.goal": "removed the goal of {name}",
    "web.admin.post_now": "Post one now",
    "web.admin.post_now_in": "Post a prompt in #{channel} now",
    "web.admin.themes": "Prompt themes in the rotation",
    "web.admin.theme": "Theme",
    "web.admin.exclude": "Leave out",
    "web.admin.include": "Take back",
    "web.admin.exclude_theme": "Leave the theme {theme} out of the rotation",
    "web.admin.include_theme": "Take the theme {theme} back into the rotation",
}

FR = {
    "forget.preview_goals": (
        "Ses objectifs et toutes les notes qu'il ou elle a écrites partent aussi ; la"
        " {count} minute donnée aux objectifs des autres reste comptée anonymement.",
        "Ses objectifs et toutes les notes qu'il ou elle a écrites partent aussi ; les"
        " {count} de minutes données aux objectifs des autres restent comptées anonymement.",
        "Ses objectifs et toutes les notes qu'il ou elle a écrites partent aussi ; les"
        " {count} minutes données aux objectifs des autres restent comptées anonymement.",
    ),
    "web.admin.intro_forms": (
        "Tout ce que font /roots-config, /prompt, /challenge start, /kudos revoke et"
        " /roots-admin forget dans le chat, avec les mêmes règles et les mêmes réponses."
        " Un changement fait ici se voit aussitôt dans le chat."
    ),
    "web.admin.sections": "Rubriques d'administration",
    "web.admin.settings": "Réglages",
    "web.admin.schedules": "Programmations",
    "web.admin.queue": "Gestes suggérés",
    "web.admin.prompts": "Gestes de la communauté",
    "web.admin.challenge": "Défi Roots",
    "web.admin.revoke": "Révoquer un kudos",
    "web.admin.forget": "Oublier un membre",
    "web.admin.export": "Export",
    "web.admin.audit": "Journal d'administration",
    "web.admin.save": "Enregistrer",
    "web.admin.add": "Ajouter",
    "web.admin.edit": "Modifier",
    "web.admin.back": "Retour à la page Admin",
    "web.admin.channel": "Salon",
    "web.admin.channel_other": "(un autre salon)",
    "web.admin.channel_typed": "ou son identifiant",
    "web.admin.channel_unchecked": (
        "Je ne peux pas vérifier d'ici que ce salon appartient à cette communauté, donc"
        " je n'ai rien changé. Choisis un salon dans la liste, ou règle-le une première"
        " fois dans le chat (par exemple /roots-config prompts #salon 09:00), puis"
        " modifie-le ici."
    ),
    "web.admin.days": "Jours (tous les jours si aucun n'est coché)",
    "web.admin.hint.budget": "membres que chacun peut remercier par jour, de 1 à 50",
    "web.admin.hint.cooldown": "secondes, de 0 à 86400",
    "web.admin.hint.catchup": "minutes, de 0 à 2880",
    "web.admin.announce_where": "Les confirmations de kudos sont publiées",
    "web.admin.announce.here": "là où le kudos a été donné",
    "web.admin.announce.thread": "dans un fil",
    "web.admin.announce.channel": "dans un salon de suivi",
    "web.admin.announce.private": "en privé",
    "web.admin.season_now": "C'est la saison {season}.",
    "web.admin.season_button": "Commencer une nouvelle saison (l'historique est gardé)",
    "web.admin.kind": "Type",
    "web.admin.when": "Quand",
    "web.admin.state": "État",
    "web.admin.change": "Modifier",
    "web.admin.pause": "Mettre en pause",
    "web.admin.resume": "Reprendre",
    "web.admin.time": "Heure (HH:MM)",
    "web.admin.zone": "Fuseau horaire",
    "web.admin.add_schedule": "Ajouter une programmation",
    "web.admin.number": "Numéro",
    "web.admin.prompt": "Geste",
    "web.admin.author": "Auteur",
    "web.admin.decision": "Décision",
    "web.admin.approve": "Approuver",
    "web.admin.reject": "Refuser",
    "web.admin.remove": "Retirer",
    "web.admin.approve_n": "Approuver la suggestion n° {id}",
    "web.admin.reject_n": "Refuser la suggestion n° {id}",
    "web.admin.remove_n": "Retirer le geste n° {id}",
    "web.admin.add_prompt": "Un nouveau geste, tel que les membres le liront",
    "web.admin.challenge_hint": (
        "Sept jours de gestes de gratitude dans un salon, puis un bilan. Chacun peut y"
        " participer avec /challenge join."
    ),
    "web.admin.start": "Date de début",
    "web.admin.start_hint": "demain si tu laisses vide",
    "web.admin.challenge_button": "Lancer le défi",
    "web.admin.revoke_number": "Le numéro du kudos (affiché sous le kudos)",
    "web.admin.revoke_button": "Révoquer",
    "web.admin.forget_hint": (
        "Efface pour de bon les données personnelles d'un membre dans cette communauté."
        " Tu verras ce qui part avant que quoi que ce soit ne soit effacé."
    ),
    "web.admin.forget_member": "Nom du membre",
    "web.admin.forget_preview": "Voir ce qui serait effacé",
    "web.admin.forget_confirm_title": "Effacer les données personnelles de {name} ?",
    "web.admin.forget_warning": "C'est irréversible.",
    "web.admin.forget_button": "Effacer pour de bon les données de {name}",
    "web.admin.export_hint": (
        "Tout ce que cette communauté a dans la base de données de Roots, comme l'écrit"
        " roots export. Dans les fichiers CSV, aucune cellule ne commence une formule de"
        " tableur."
    ),
    "web.admin.export_json": "Télécharger en JSON",
    "web.admin.export_csv": "Télécharger en CSV (un zip, un fichier par table)",
    "web.admin.audit_caption": (
        "Changements de réglages, révocations et effacements, du plus récent au plus ancien"
    ),
    "web.admin.audit_empty": (
        "Rien pour l'instant : aucun réglage changé, aucun kudos révoqué, personne d'effacé."
    ),
    "web.admin.at": "Quand",
    "web.admin.who": "Qui",
    "web.admin.what": "Quoi",
    "web.admin.detail": "Valeur donnée",
    "web.admin.audit.config": "a changé le réglage {setting}",
    "web.admin.audit.revoke": "a révoqué le kudos n° {id} (pour {name})",
    "web.admin.audit.forget": "a effacé les données personnelles d'un membre",
    "web.admin.audit.goal": "a retiré l'objectif de {name}",
    "web.admin.post_now": "En publier un maintenant",
    "web.admin.post_now_in": "Publier un geste dans #{channel} maintenant",
    "web.admin.themes": "Thèmes des gestes dans la rotation",
    "web.admin.theme": "Thème",
    "web.admin.exclude": "Écarter",
    "web.admin.include": "Reprendre",
    "web.admin.exclude_theme": "Écarter le thème {theme} de la rotation",
    "web.admin.include_theme": "Remettre le thème {theme} dans la rotation",
}

ES = {
    "forget.preview_goals": (
        "También se borran sus objetivos y todas las notas que escribió; el {count} minuto"
        " que dedicó a objetivos de otros sigue contando de forma anónima.",
        "También se borran sus objetivos y todas las notas que escribió; los {count} de"
        " minutos que dedicó a objetivos de otros siguen contando de forma anónima.",
        "También se borran sus objetivos y todas las notas que escribió; los {count}"
        " minutos que dedicó a objetivos de otros siguen contando de forma anónima.",
    ),
    "web.admin.intro_forms": (
        "Todo lo que hacen /roots-config, /prompt, /challenge start, /kudos revoke y"
        " /roots-admin forget en el chat, con las mismas reglas y las mismas respuestas."
        " Un cambio hecho aquí se ve al instante en el chat."
    ),
    "web.admin.sections": "Secciones de administración",
    "web.admin.settings": "Ajustes",
    "web.admin.schedules": "Programaciones",
    "web.admin.queue": "Gestos sugeridos",
    "web.admin.prompts": "Gestos propios de la comunidad",
    "web.admin.challenge": "Reto Roots",
    "web.admin.revoke": "Revocar un kudos",
    "web.admin.forget": "Olvidar a un miembro",
    "web.admin.export": "Exportar",
    "web.admin.audit": "Registro de administración",
    "web.admin.save": "Guardar",
    "web.admin.add": "Añadir",
    "web.admin.edit": "Editar",
    "web.admin.back": "Volver a la página de administración",
    "web.admin.channel": "Canal",
    "web.admin.channel_other": "(otro canal)",
    "web.admin.channel_typed": "o su id",
    "web.admin.channel_unchecked": (
        "Desde aquí no puedo comprobar que ese canal sea de esta comunidad, así que no he"
        " cambiado nada. Elige un canal de la lista, o configúralo una vez en el chat (por"
        " ejemplo /roots-config prompts #canal 09:00) y luego cámbialo aquí."
    ),
    "web.admin.days": "Días (todos los días si no marcas ninguno)",
    "web.admin.hint.budget": "miembros a los que cada uno puede agradecer al día, de 1 a 50",
    "web.admin.hint.cooldown": "segundos, de 0 a 86400",
    "web.admin.hint.catchup": "minutos, de 0 a 2880",
    "web.admin.announce_where": "Las confirmaciones de kudos se publican",
    "web.admin.announce.here": "donde se dio el kudos",
    "web.admin.announce.thread": "en un hilo",
    "web.admin.announce.channel": "en un canal de registro",
    "web.admin.announce.private": "en privado",
    "web.admin.season_now": "Esta es la temporada {season}.",
    "web.admin.season_button": "Empezar una nueva temporada (el historial se conserva)",
    "web.admin.kind": "Tipo",
    "web.admin.when": "Cuándo",
    "web.admin.state": "Estado",
    "web.admin.change": "Cambiar",
    "web.admin.pause": "Pausar",
    "web.admin.resume": "Reanudar",
    "web.admin.time": "Hora (HH:MM)",
    "web.admin.zone": "Zona horaria",
    "web.admin.add_schedule": "Añadir una programación",
    "web.admin.number": "Número",
    "web.admin.prompt": "Gesto",
    "web.admin.author": "Autor",
    "web.admin.decision": "Decisión",
    "web.admin.approve": "Aprobar",
    "web.admin.reject": "Rechazar",
    "web.admin.remove": "Quitar",
    "web.admin.approve_n": "Aprobar la sugerencia n.º {id}",
    "web.admin.reject_n": "Rechazar la sugerencia n.º {id}",
    "web.admin.remove_n": "Quitar el gesto n.º {id}",
    "web.admin.add_prompt": "Un gesto nuevo, tal como lo leerán los miembros",
    "web.admin.challenge_hint": (
        "Siete días de gestos de gratitud en un canal y después un resumen. Cualquiera"
        " puede unirse con /challenge join."
    ),
    "web.admin.start": "Fecha de inicio",
    "web.admin.start_hint": "mañana si lo dejas vacío",
    "web.admin.challenge_button": "Empezar el reto",
    "web.admin.revoke_number": "El número del kudos (aparece debajo del kudos)",
    "web.admin.revoke_button": "Revocar",
    "web.admin.forget_hint": (
        "Borra para siempre los datos personales de un miembro en esta comunidad. Verás lo"
        " que se borra antes de que se borre nada."
    ),
    "web.admin.forget_member": "Nombre del miembro",
    "web.admin.forget_preview": "Ver qué se borraría",
    "web.admin.forget_confirm_title": "¿Borrar los datos personales de {name}?",
    "web.admin.forget_warning": "No se puede deshacer.",
    "web.admin.forget_button": "Borrar para siempre los datos de {name}",
    "web.admin.export_hint": (
        "Todo lo que esta comunidad tiene en la base de datos de Roots, tal como lo"
        " escribe roots export. En los archivos CSV ninguna celda empieza una fórmula de"
        " hoja de cálculo."
    ),
    "web.admin.export_json": "Descargar en JSON",
    "web.admin.export_csv": "Descargar en CSV (un zip, un archivo por tabla)",
    "web.admin.audit_caption": (
        "Cambios de ajustes, revocaciones y borrados, del más reciente al más antiguo"
    ),
    "web.admin.audit_empty": (
        "Nada por ahora: ningún ajuste cambiado, ningún kudos revocado, nadie borrado."
    ),
    "web.admin.at": "Cuándo",
    "web.admin.who": "Quién",
    "web.admin.what": "Qué",
    "web.admin.detail": "Valor dado",
    "web.admin.audit.config": "cambió el ajuste {setting}",
    "web.admin.audit.revoke": "revocó el kudos n.º {id} (para {name})",
    "web.admin.audit.forget": "borró los datos personales de un miembro",
    "web.admin.audit.goal": "quitó el objetivo de {name}",
    "web.admin.post_now": "Publicar uno ahora",
    "web.admin.post_now_in": "Publicar un gesto en #{channel} ahora",
    "web.admin.themes": "Temas de los gestos en la rotación",
    "web.admin.theme": "Tema",
    "web.admin.exclude": "Excluir",
    "web.admin.include": "Recuperar",
    "web.admin.exclude_theme": "Excluir el tema {theme} de la rotación",
    "web.admin.include_theme": "Volver a incluir el tema {theme} en la rotación",
}

DE = {
    "forget.preview_goals": (
        "Auch die Ziele und alle selbst geschriebenen Notizen werden gelöscht; die"
        " {count} Minute für die Ziele anderer zählt anonym weiter.",
        "Auch die Ziele und alle selbst geschriebenen Notizen werden gelöscht; die"
        " {count} Minuten für die Ziele anderer zählen anonym weiter.",
    ),
    "web.admin.intro_forms": (
        "Alles, was /roots-config, /prompt, /challenge start, /kudos revoke und"
        " /roots-admin forget im Chat können, mit denselben Regeln und denselben"
        " Antworten. Eine Änderung hier ist sofort im Chat sichtbar."
    ),
    "web.admin.sections": "Bereiche der Verwaltung",
    "web.admin.settings": "Einstellungen",
    "web.admin.schedules": "Zeitpläne",
    "web.admin.queue": "Vorgeschlagene Impulse",
    "web.admin.prompts": "Eigene Impulse",
    "web.admin.challenge": "Roots-Challenge",
    "web.admin.revoke": "Ein Kudos widerrufen",
    "web.admin.forget": "Ein Mitglied vergessen",
    "web.admin.export": "Export",
    "web.admin.audit": "Verwaltungsprotokoll",
    "web.admin.save": "Speichern",
    "web.admin.add": "Hinzufügen",
    "web.admin.edit": "Bearbeiten",
    "web.admin.back": "Zurück zur Verwaltung",
    "web.admin.channel": "Kanal",
    "web.admin.channel_other": "(ein anderer Kanal)",
    "web.admin.channel_typed": "oder seine ID",
    "web.admin.channel_unchecked": (
        "Von hier aus kann ich nicht prüfen, ob dieser Kanal zu dieser Community gehört,"
        " darum habe ich nichts geändert. Wähle einen Kanal aus der Liste oder richte ihn"
        " einmal im Chat ein (zum Beispiel /roots-config prompts #kanal 09:00) und ändere"
        " ihn dann hier."
    ),
    "web.admin.days": "Tage (jeden Tag, wenn keiner angekreuzt ist)",
    "web.admin.hint.budget": "Mitglieder, denen jede Person pro Tag danken kann, 1 bis 50",
    "web.admin.hint.cooldown": "Sekunden, 0 bis 86400",
    "web.admin.hint.catchup": "Minuten, 0 bis 2880",
    "web.admin.announce_where": "Kudos-Bestätigungen erscheinen",
    "web.admin.announce.here": "dort, wo das Kudos gegeben wurde",
    "web.admin.announce.thread": "in einem Thread",
    "web.admin.announce.channel": "in einem Protokollkanal",
    "web.admin.announce.private": "privat",
    "web.admin.season_now": "Das ist Saison {season}.",
    "web.admin.season_button": "Neue Saison beginnen (der Verlauf bleibt erhalten)",
    "web.admin.kind": "Art",
    "web.admin.when": "Wann",
    "web.admin.state": "Status",
    "web.admin.change": "Ändern",
    "web.admin.pause": "Pausieren",
    "web.admin.resume": "Fortsetzen",
    "web.admin.time": "Uhrzeit (HH:MM)",
    "web.admin.zone": "Zeitzone",
    "web.admin.add_schedule": "Zeitplan hinzufügen",
    "web.admin.number": "Nummer",
    "web.admin.prompt": "Impuls",
    "web.admin.author": "Von",
    "web.admin.decision": "Entscheidung",
    "web.admin.approve": "Annehmen",
    "web.admin.reject": "Ablehnen",
    "web.admin.remove": "Entfernen",
    "web.admin.approve_n": "Vorschlag Nr. {id} annehmen",
    "web.admin.reject_n": "Vorschlag Nr. {id} ablehnen",
    "web.admin.remove_n": "Impuls Nr. {id} entfernen",
    "web.admin.add_prompt": "Ein neuer Impuls, so wie die Mitglieder ihn lesen werden",
    "web.admin.challenge_hint": (
        "Sieben Tage Dankbarkeits-Impulse in einem Kanal, danach ein Rückblick. Alle"
        " können mit /challenge join mitmachen."
    ),
    "web.admin.start": "Startdatum",
    "web.admin.start_hint": "morgen, wenn du es leer lässt",
    "web.admin.challenge_button": "Challenge starten",
    "web.admin.revoke_number": "Die Nummer des Kudos (steht unter dem Kudos)",
    "web.admin.revoke_button": "Widerrufen",
    "web.admin.forget_hint": (
        "Löscht die persönlichen Daten eines Mitglieds in dieser Community endgültig. Du"
        " siehst, was gelöscht wird, bevor irgendetwas gelöscht wird."
    ),
    "web.admin.forget_member": "Name des Mitglieds",
    "web.admin.forget_preview": "Zeigen, was gelöscht würde",
    "web.admin.forget_confirm_title": "Die persönlichen Daten von {name} löschen?",
    "web.admin.forget_warning": "Das lässt sich nicht rückgängig machen.",
    "web.admin.forget_button": "Die Daten von {name} endgültig löschen",
    "web.admin.export_hint": (
        "Alles, was diese Community in der Datenbank von Roots hat, so wie roots export"
        " es schreibt. In den CSV-Dateien beginnt keine Zelle eine Tabellenformel."
    ),
    "web.admin.export_json": "Als JSON herunterladen",
    "web.admin.export_csv": "Als CSV herunterladen (ein Zip, eine Datei pro Tabelle)",
    "web.admin.audit_caption": (
        "Geänderte Einstellungen, Widerrufe und Löschungen, die neuesten zuerst"
    ),
    "web.admin.audit_empty": (
        "Noch nichts: keine Einstellung geändert, kein Kudos widerrufen, niemand gelöscht."
    ),
    "web.admin.at": "Wann",
    "web.admin.who": "Wer",
    "web.admin.what": "Was",
    "web.admin.detail": "Angegeben",
    "web.admin.audit.config": "hat die Einstellung {setting} geändert",
    "web.admin.audit.revoke": "hat Kudos Nr. {id} widerrufen (an {name})",
    "web.admin.audit.forget": "hat die persönlichen Daten eines Mitglieds gelöscht",
    "web.admin.audit.goal": "hat das Ziel von {name} entfernt",
    "web.admin.post_now": "Jetzt einen posten",
    "web.admin.post_now_in": "Jetzt einen Impuls in #{channel} posten",
    "web.admin.themes": "Themen der Impulse in der Rotation",
    "web.admin.theme": "Thema",
    "web.admin.exclude": "Herausnehmen",
    "web.admin.include": "Wieder aufnehmen",
    "web.admin.exclude_theme": "Das Thema {theme} aus der Rotation nehmen",
    "web.admin.include_theme": "Das Thema {theme} wieder in die Rotation aufnehmen",
}
