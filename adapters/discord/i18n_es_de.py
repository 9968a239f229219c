"""Spanish and German names and descriptions for the slash commands and menus.

Keyed, like :data:`adapters.discord.i18n.FRENCH`, by the English text the registry
(bot/commands/registry.py) and the cogs give discord.py. Spanish serves both of
Discord's Spanish locales (es-ES and es-419), so it uses "tú" and no "vosotros";
German uses "du", and the infinitive for what a command does, as German apps do.
Command and option names stay English, as in French: they are what members type.
"""

from __future__ import annotations

SPANISH: dict[str, str] = {
    # context menus (32 characters at most)
    "Give kudos": "Dar kudos",
    "Thank for this message": "Agradecer este mensaje",
    # /kudos
    "Thank up to 5 members, with a reason": "Da las gracias a hasta 5 miembros, con un motivo",
    "who you thank": "a quién das las gracias",
    "what for": "por qué",
    "someone else to thank": "otra persona a la que dar las gracias",
    "Take back your last kudos (5 minutes)": "Retira tus últimos kudos (5 minutos)",
    "(admins) Cancel any kudos": "(admins) Anula cualquier kudos",
    "the number shown under the kudos": "el número que aparece debajo de los kudos",
    # /leaderboard, /help, /roots
    "Who gives and who receives kudos": "Quién da y quién recibe kudos",
    "both boards when left out": "las dos clasificaciones si lo dejas vacío",
    "this week by default": "esta semana si no eliges",
    "givers": "quienes dan",
    "receivers": "quienes reciben",
    "this week": "esta semana",
    "this month": "este mes",
    "this season": "esta temporada",
    "What Roots can do": "Lo que Roots sabe hacer",
    "Who helped you most, and whom to thank back": (
        "Quién te ha ayudado más y a quién devolverle las gracias"
    ),
    "whose roots (yours when left out)": "las raíces de quién (las tuyas si lo dejas vacío)",
    "Receive no kudos, leave leaderboards": "Deja de recibir kudos y sal de las clasificaciones",
    "Receive kudos again": "Vuelve a recibir kudos",
    # /roots-config
    "(admins) Roots settings for this server": "(admins) Ajustes de Roots en este servidor",
    "This server's settings": "Los ajustes de este servidor",
    "Time zone for budgets, weeks and months": "Zona horaria de los límites, semanas y meses",
    "an IANA time zone, such as Europe/Paris": "una zona horaria IANA, como Europe/Madrid",
    "Roots' language here": "El idioma de Roots aquí",
    "Tone in French and German: tu/du or vous/Sie": (
        "El trato en francés y en alemán: tu/du o vous/Sie"
    ),
    "informal (tu, du) or formal (vous, Sie); English and Spanish have one": (
        "informal (tu, du) o formal (vous, Sie); el inglés y el español tienen una sola forma"
    ),
    "informal (tu, du)": "trato informal (tu, du)",
    "formal (vous, Sie)": "trato formal (vous, Sie)",
    "Members one may thank per day": "A cuántos miembros se puede agradecer al día",
    "Seconds before thanking the same person again": (
        "Segundos antes de volver a dar las gracias a la misma persona"
    ),
    "The reaction that gives kudos": "La reacción que da kudos",
    "Whether kudos need a reason": "Si los kudos necesitan un motivo",
    "Show rankings, or thanks without ranking": "Mostrar clasificaciones o agradecer sin puestos",
    "Start a new season (history is kept)": "Empieza una temporada nueva (se guarda el historial)",
    "Daily prompts: where and when": "Gestos del día: dónde y cuándo",
    "Weekly digest: where and when": "Resumen semanal: dónde y cuándo",
    "Minutes a late prompt may still be posted": (
        "Minutos de retraso con los que aún se publica un gesto"
    ),
    "List prompt themes, or include/exclude one": (
        "Temas de los gestos: verlos, incluir o excluir uno"
    ),
    "where prompts are posted (overview when left out)": (
        "dónde se publican los gestos (vista general si lo dejas vacío)"
    ),
    "on, off, or a time and days such as 09:00 weekdays": (
        "on, off, o una hora y unos días, como 09:00 weekdays"
    ),
    "on, off, or a time and days such as 17:00 fri": (
        "on, off, o una hora y unos días, como 17:00 fri"
    ),
    "the language of Roots' replies here": "el idioma de las respuestas de Roots aquí",
    "English": "English",
    "Français": "Français",
    "Español": "Español",
    "Deutsch": "Deutsch",
    "how many members each one may thank per day": (
        "a cuántos miembros puede dar las gracias cada persona al día"
    ),
    "seconds to wait before thanking the same member again": (
        "segundos de espera antes de volver a dar las gracias al mismo miembro"
    ),
    "the emoji members react with to give kudos": "el emoji con el que se reacciona para dar kudos",
    "on: kudos need a reason; off: a reason is optional": (
        "on: los kudos necesitan un motivo; off: el motivo es opcional"
    ),
    "on: show rankings; off: thanks without ranking": (
        "on: mostrar clasificaciones; off: agradecer sin puestos"
    ),
    "on": "on (activado)",
    "off": "off (desactivado)",
    "where the digest is posted (overview when left out)": (
        "dónde se publica el resumen (vista general si lo dejas vacío)"
    ),
    "how many minutes late a prompt may still be posted": (
        "con cuántos minutos de retraso puede publicarse aún un gesto"
    ),
    "exclude or include a theme (the list when left out)": (
        "excluir o incluir un tema (la lista si lo dejas vacío)"
    ),
    "exclude": "excluir",
    "include": "incluir",
    "the theme to exclude or include": "el tema que quieres excluir o incluir",
    # /prompt, /prompt-admin, /done
    "Daily pay-it-forward prompts": "Gestos del día: cadena de favores",
    "Today's prompt": "El gesto de hoy",
    "Suggest a prompt to the admins": "Propón un gesto a los admins",
    "The prompt themes": "Los temas de los gestos",
    "(admins) Manage daily prompts": "(admins) Gestiona los gestos del día",
    "Post a prompt now": "Publica un gesto ahora",
    "Add a prompt to this server's rotation": "Añade un gesto a la rotación de este servidor",
    "This server's own prompts": "Los gestos propios de este servidor",
    "Suggestions waiting for a decision": "Sugerencias pendientes de decisión",
    "Approve a suggested prompt": "Aprueba un gesto sugerido",
    "Reject a suggested prompt": "Rechaza un gesto sugerido",
    "Remove one of this server's prompts": "Retira uno de los gestos de este servidor",
    "Reject suggestions: a number, several, or a member's": (
        "Rechaza sugerencias: un número, varios o las de un miembro"
    ),
    "the schedule's channel (this one when left out)": (
        "el canal de la programación (este si lo dejas vacío)"
    ),
    "the prompt, as members read it": "el gesto, tal como lo leerán los miembros",
    "where to post (this channel when left out)": "dónde publicar (este canal si lo dejas vacío)",
    "the suggestion's number": "el número de la sugerencia",
    "more numbers, separated by spaces": "más números, separados por espacios",
    "reject all of this member's waiting suggestions": (
        "rechazar todas las sugerencias pendientes de este miembro"
    ),
    "the prompt's number": "el número del gesto",
    "Check in: you did today's prompt": "Cuenta que has hecho el gesto de hoy",
    "whom you helped or thanked": "a quién ayudaste o diste las gracias",
    "a word about it": "unas palabras sobre ello",
    # /challenge
    "The gratitude challenge": "El reto de gratitud",
    "Join the challenge": "Únete al reto",
    "Leave the challenge": "Deja el reto",
    "How the challenge is going": "Cómo va el reto",
    "(admins) Run the gratitude challenge": "(admins) Organiza el reto de gratitud",
    "Start a challenge": "Empieza un reto",
    "where it runs": "dónde se hace",
    "start date, YYYY-MM-DD": "fecha de inicio, AAAA-MM-DD",
    # /roots-admin
    "(admins) Roots data tools for this server": "(admins) Herramientas de datos de Roots aquí",
    "Erase a member's personal data in this server": (
        "Borra los datos personales de un miembro en este servidor"
    ),
    "whose data to erase": "de quién borrar los datos",
    "True to erase now; otherwise Roots only says what would be erased": (
        "True para borrar ya; si no, Roots solo dice qué se borraría"
    ),
    # thank-you detection (issue 15)
    "Whether Roots asks you to keep your thank-yous as kudos": (
        "Si Roots te pregunta si guardar tus agradecimientos como kudos"
    ),
    "on: ask me privately; off: never ask me": (
        "on: pregúntame en privado; off: no me preguntes nunca"
    ),
    "Notice thank-yous in messages, ask the thanker": (
        "Detectar agradecimientos en los mensajes y preguntar a quien los escribe"
    ),
    "on: offer plain thank-yous as kudos, privately; off: never": (
        "on: ofrecer los agradecimientos como kudos, en privado; off: nunca"
    ),
    # reconnect (issue 16)
    "People you thanked who went quiet: say hello again": (
        "Personas a las que diste las gracias y perdiste de vista: vuelve a saludar"
    ),
    "A private weekly nudge: people to say hello to, memories": (
        "Un recordatorio privado cada semana: a quién saludar, recuerdos"
    ),
    "on or off": "on u off",
    "the day of the week (Monday when left out)": "el día de la semana (lunes si lo dejas vacío)",
    "local time, HH:MM (10:00 when left out)": "hora local, HH:MM (10:00 si lo dejas vacío)",
    "Monday": "lunes",
    "Tuesday": "martes",
    "Wednesday": "miércoles",
    "Thursday": "jueves",
    "Friday": "viernes",
    "Saturday": "sábado",
    "Sunday": "domingo",
    # /goal, /goal-admin (issue 16)
    "Goals others can give time to": "Objetivos a los que otras personas dedican tiempo",
    "The community's open goals": "Los objetivos abiertos de la comunidad",
    "Set your goal (one at a time)": "Fija tu objetivo (uno a la vez)",
    "your goal, as others will read it": "tu objetivo, tal como lo leerán los demás",
    "Record time you gave to someone's goal": "Anota el tiempo que diste al objetivo de alguien",
    "whose goal you gave time to": "a qué objetivo, de quién, le diste tiempo",
    "how many minutes (15 when left out)": "cuántos minutos (15 si lo dejas vacío)",
    "what you did, for them only": "lo que hiciste, solo para esa persona",
    "Close your goal and thank who helped": "Cierra tu objetivo y da las gracias a quien ayudó",
    "Withdraw your goal": "Retira tu objetivo",
    "(admins) Moderate members' goals": "(admins) Modera los objetivos de los miembros",
    "(admins) Remove a member's goal": "(admins) Quita el objetivo de un miembro",
    "whose goal to remove": "de quién es el objetivo que quitar",
    # /roots-web (issue 14)
    "A private sign-in link to your web dashboard": (
        "Un enlace privado para entrar en tu panel web"
    ),
    "sign out: end every dashboard session of yours": (
        "cerrar sesión: termina todas tus sesiones del panel"
    ),
    "sign in": "entrar",
    "sign out everywhere": "cerrar sesión en todas partes",
    # /roots-language (issue 18)
    "The language of Roots' private answers to you": (
        "El idioma de las respuestas privadas de Roots para ti"
    ),
    "auto: your app's language when it says, else this server's": (
        "auto: el idioma de tu app cuando lo indica; si no, el del servidor"
    ),
    "auto": "auto",
    # /roots-config wallboard (issue 14)
    "A read-only page for a screen in the office": (
        "Una página de solo lectura para una pantalla en la oficina"
    ),
    "on: a new private link (the old one stops); off: no wallboard": (
        "on: un enlace privado nuevo (el anterior deja de funcionar); off: sin pantalla"
    ),
    # /roots-config announce (issue 15)
    "Where kudos confirmations are posted": "Dónde se publican las confirmaciones de kudos",
    "here, in a thread, in a log channel, or privately": (
        "aquí, en un hilo, en un canal de registro o en privado"
    ),
    "the log channel (with: in a log channel)": (
        "el canal de registro (con: en un canal de registro)"
    ),
    "here": "aquí",
    "in a thread": "en un hilo",
    "in a log channel": "en un canal de registro",
    "privately": "en privado",
    # /kudos team (issue 15)
    "a role: thank all its members at once": "un rol: da las gracias a todos sus miembros a la vez",
}

GERMAN: dict[str, str] = {
    # context menus (32 characters at most)
    "Give kudos": "Kudos geben",
    "Thank for this message": "Für diese Nachricht danken",
    # /kudos
    "Thank up to 5 members, with a reason": "Bei bis zu 5 Mitgliedern bedanken, mit Grund",
    "who you thank": "bei wem du dich bedankst",
    "what for": "wofür",
    "someone else to thank": "noch jemand, bei dem du dich bedankst",
    "Take back your last kudos (5 minutes)": "Deine letzten Kudos zurücknehmen (5 Minuten)",
    "(admins) Cancel any kudos": "(Admins) Beliebige Kudos widerrufen",
    "the number shown under the kudos": "die Nummer, die unter den Kudos steht",
    # /leaderboard, /help, /roots
    "Who gives and who receives kudos": "Wer Kudos gibt und wer sie bekommt",
    "both boards when left out": "beide Ranglisten, wenn leer",
    "this week by default": "standardmäßig diese Woche",
    "givers": "Gebende",
    "receivers": "Empfangende",
    "this week": "diese Woche",
    "this month": "dieser Monat",
    "this season": "diese Saison",
    "What Roots can do": "Was Roots kann",
    "Who helped you most, and whom to thank back": (
        "Wer dir am meisten geholfen hat und bei wem du dich revanchieren kannst"
    ),
    "whose roots (yours when left out)": "wessen Wurzeln (deine, wenn leer)",
    "Receive no kudos, leave leaderboards": "Keine Kudos bekommen, raus aus den Ranglisten",
    "Receive kudos again": "Wieder Kudos bekommen",
    # /roots-config
    "(admins) Roots settings for this server": "(Admins) Roots-Einstellungen für diesen Server",
    "This server's settings": "Die Einstellungen dieses Servers",
    "Time zone for budgets, weeks and months": "Zeitzone für Budgets, Wochen und Monate",
    "an IANA time zone, such as Europe/Paris": "eine IANA-Zeitzone, etwa Europe/Berlin",
    "Roots' language here": "Die Sprache von Roots hier",
    "Tone in French and German: tu/du or vous/Sie": (
        "Die Anrede auf Französisch und Deutsch: du/tu oder Sie/vous"
    ),
    "informal (tu, du) or formal (vous, Sie); English and Spanish have one": (
        "informell (du, tu) oder förmlich (Sie, vous); Englisch und Spanisch haben nur eine Form"
    ),
    "informal (tu, du)": "informell (du, tu)",
    "formal (vous, Sie)": "förmlich (Sie, vous)",
    "Members one may thank per day": "Wie vielen Mitgliedern man pro Tag danken kann",
    "Seconds before thanking the same person again": (
        "Sekunden bis zum nächsten Dank an dieselbe Person"
    ),
    "The reaction that gives kudos": "Die Reaktion, die Kudos vergibt",
    "Whether kudos need a reason": "Ob Kudos einen Grund brauchen",
    "Show rankings, or thanks without ranking": "Ranglisten zeigen oder danken ohne Rangliste",
    "Start a new season (history is kept)": "Neue Saison starten (der Verlauf bleibt)",
    "Daily prompts: where and when": "Tagesimpulse: wo und wann",
    "Weekly digest: where and when": "Wochenrückblick: wo und wann",
    "Minutes a late prompt may still be posted": "Wie lange ein Impuls verspätet noch erscheint",
    "List prompt themes, or include/exclude one": "Impuls-Themen anzeigen, ein- oder ausschließen",
    "where prompts are posted (overview when left out)": (
        "wo die Impulse erscheinen (Übersicht, wenn leer)"
    ),
    "on, off, or a time and days such as 09:00 weekdays": (
        "on, off oder Uhrzeit und Tage, etwa 09:00 weekdays"
    ),
    "on, off, or a time and days such as 17:00 fri": (
        "on, off oder Uhrzeit und Tage, etwa 17:00 fri"
    ),
    "the language of Roots' replies here": "die Sprache der Antworten von Roots hier",
    "English": "English",
    "Français": "Français",
    "Español": "Español",
    "Deutsch": "Deutsch",
    "how many members each one may thank per day": (
        "bei wie vielen Mitgliedern sich jede Person pro Tag bedanken kann"
    ),
    "seconds to wait before thanking the same member again": (
        "Sekunden Wartezeit, bevor man sich erneut beim selben Mitglied bedankt"
    ),
    "the emoji members react with to give kudos": (
        "das Emoji, mit dem man reagiert, um Kudos zu geben"
    ),
    "on: kudos need a reason; off: a reason is optional": (
        "on: Kudos brauchen einen Grund; off: ein Grund ist freiwillig"
    ),
    "on: show rankings; off: thanks without ranking": (
        "on: Ranglisten zeigen; off: danken ohne Rangliste"
    ),
    "on": "on (an)",
    "off": "off (aus)",
    "where the digest is posted (overview when left out)": (
        "wo der Wochenrückblick erscheint (Übersicht, wenn leer)"
    ),
    "how many minutes late a prompt may still be posted": (
        "wie viele Minuten verspätet ein Impuls noch erscheinen darf"
    ),
    "exclude or include a theme (the list when left out)": (
        "ein Thema aus- oder einschließen (die Liste, wenn leer)"
    ),
    "exclude": "ausschließen",
    "include": "einschließen",
    "the theme to exclude or include": "das Thema, das aus- oder eingeschlossen wird",
    # /prompt, /prompt-admin, /done
    "Daily pay-it-forward prompts": "Tagesimpulse: Gutes weitergeben",
    "Today's prompt": "Der heutige Impuls",
    "Suggest a prompt to the admins": "Den Admins einen Impuls vorschlagen",
    "The prompt themes": "Die Themen der Impulse",
    "(admins) Manage daily prompts": "(Admins) Tagesimpulse verwalten",
    "Post a prompt now": "Jetzt einen Impuls posten",
    "Add a prompt to this server's rotation": "Einen Impuls zur Rotation dieses Servers hinzufügen",
    "This server's own prompts": "Die eigenen Impulse dieses Servers",
    "Suggestions waiting for a decision": "Vorschläge, die auf eine Entscheidung warten",
    "Approve a suggested prompt": "Einen vorgeschlagenen Impuls freigeben",
    "Reject a suggested prompt": "Einen vorgeschlagenen Impuls ablehnen",
    "Remove one of this server's prompts": "Einen Impuls dieses Servers entfernen",
    "Reject suggestions: a number, several, or a member's": (
        "Vorschläge ablehnen: eine Nummer, mehrere oder die eines Mitglieds"
    ),
    "the schedule's channel (this one when left out)": "der Kanal des Plans (dieser, wenn leer)",
    "the prompt, as members read it": "der Impuls, so wie die Mitglieder ihn lesen",
    "where to post (this channel when left out)": "wo gepostet wird (dieser Kanal, wenn leer)",
    "the suggestion's number": "die Nummer des Vorschlags",
    "more numbers, separated by spaces": "weitere Nummern, durch Leerzeichen getrennt",
    "reject all of this member's waiting suggestions": (
        "alle wartenden Vorschläge dieses Mitglieds ablehnen"
    ),
    "the prompt's number": "die Nummer des Impulses",
    "Check in: you did today's prompt": "Abhaken: Du hast den heutigen Impuls erledigt",
    "whom you helped or thanked": "wem du geholfen oder bei wem du dich bedankt hast",
    "a word about it": "ein paar Worte dazu",
    # /challenge
    "The gratitude challenge": "Die Dankbarkeits-Challenge",
    "Join the challenge": "Bei der Challenge mitmachen",
    "Leave the challenge": "Die Challenge verlassen",
    "How the challenge is going": "Wie es bei der Challenge läuft",
    "(admins) Run the gratitude challenge": "(Admins) Die Dankbarkeits-Challenge leiten",
    "Start a challenge": "Eine Challenge starten",
    "where it runs": "wo sie stattfindet",
    "start date, YYYY-MM-DD": "Startdatum, JJJJ-MM-TT",
    # /roots-admin
    "(admins) Roots data tools for this server": "(Admins) Roots-Datenwerkzeuge für diesen Server",
    "Erase a member's personal data in this server": (
        "Persönliche Daten eines Mitglieds auf diesem Server löschen"
    ),
    "whose data to erase": "wessen Daten gelöscht werden",
    "True to erase now; otherwise Roots only says what would be erased": (
        "True löscht sofort; sonst sagt Roots nur, was gelöscht würde"
    ),
    # thank-you detection (issue 15)
    "Whether Roots asks you to keep your thank-yous as kudos": (
        "Ob Roots dich fragt, deine Dankesworte als Kudos zu behalten"
    ),
    "on: ask me privately; off: never ask me": "on: frag mich privat; off: frag mich nie",
    "Notice thank-yous in messages, ask the thanker": (
        "Dankesworte in Nachrichten erkennen und die Person fragen, die dankt"
    ),
    "on: offer plain thank-yous as kudos, privately; off: never": (
        "on: Dankesworte privat als Kudos anbieten; off: nie"
    ),
    # reconnect (issue 16)
    "People you thanked who went quiet: say hello again": (
        "Menschen, denen du gedankt hast und die still geworden sind: sag wieder Hallo"
    ),
    "A private weekly nudge: people to say hello to, memories": (
        "Eine private Erinnerung pro Woche: wem du Hallo sagen kannst, Erinnerungen"
    ),
    "on or off": "on oder off",
    "the day of the week (Monday when left out)": "der Wochentag (Montag, wenn leer)",
    "local time, HH:MM (10:00 when left out)": "Ortszeit, HH:MM (10:00, wenn leer)",
    "Monday": "Montag",
    "Tuesday": "Dienstag",
    "Wednesday": "Mittwoch",
    "Thursday": "Donnerstag",
    "Friday": "Freitag",
    "Saturday": "Samstag",
    "Sunday": "Sonntag",
    # /goal, /goal-admin (issue 16)
    "Goals others can give time to": "Ziele, denen andere Zeit schenken können",
    "The community's open goals": "Die offenen Ziele der Community",
    "Set your goal (one at a time)": "Dein Ziel festlegen (eins zur Zeit)",
    "your goal, as others will read it": "dein Ziel, so wie andere es lesen werden",
    "Record time you gave to someone's goal": (
        "Zeit eintragen, die du dem Ziel von jemandem geschenkt hast"
    ),
    "whose goal you gave time to": "wessen Ziel du Zeit geschenkt hast",
    "how many minutes (15 when left out)": "wie viele Minuten (15, wenn leer)",
    "what you did, for them only": "was du getan hast, nur für diese Person",
    "Close your goal and thank who helped": (
        "Dein Ziel abschließen und dich bei allen bedanken, die geholfen haben"
    ),
    "Withdraw your goal": "Dein Ziel zurückziehen",
    "(admins) Moderate members' goals": "(Admins) Ziele der Mitglieder moderieren",
    "(admins) Remove a member's goal": "(Admins) Das Ziel eines Mitglieds entfernen",
    "whose goal to remove": "wessen Ziel entfernt werden soll",
    # /roots-web (issue 14)
    "A private sign-in link to your web dashboard": (
        "Ein privater Anmeldelink zu deinem Web-Dashboard"
    ),
    "sign out: end every dashboard session of yours": (
        "abmelden: alle deine Dashboard-Sitzungen beenden"
    ),
    "sign in": "anmelden",
    "sign out everywhere": "überall abmelden",
    # /roots-language (issue 18)
    "The language of Roots' private answers to you": (
        "Die Sprache der privaten Antworten von Roots an dich"
    ),
    "auto: your app's language when it says, else this server's": (
        "auto: die Sprache deiner App, wenn sie sie mitteilt, sonst die des Servers"
    ),
    "auto": "auto",
    # /roots-config wallboard (issue 14)
    "A read-only page for a screen in the office": (
        "Eine schreibgeschützte Seite für einen Bildschirm im Büro"
    ),
    "on: a new private link (the old one stops); off: no wallboard": (
        "on: ein neuer privater Link (der alte funktioniert nicht mehr); off: kein Wandbildschirm"
    ),
    # /roots-config announce (issue 15)
    "Where kudos confirmations are posted": "Wo Kudos-Bestätigungen erscheinen",
    "here, in a thread, in a log channel, or privately": (
        "hier, in einem Thread, in einem Log-Kanal oder privat"
    ),
    "the log channel (with: in a log channel)": "der Log-Kanal (bei: in einem Log-Kanal)",
    "here": "hier",
    "in a thread": "in einem Thread",
    "in a log channel": "in einem Log-Kanal",
    "privately": "privat",
    # /kudos team (issue 15)
    "a role: thank all its members at once": (
        "eine Rolle: allen ihren Mitgliedern auf einmal danken"
    ),
}
