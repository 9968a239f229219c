"""Spanish and German text of the team kudos and announcements keys (issue 15), for the
lead to move into the gettext catalogs. Not loaded at run time; same keys and
placeholders as the "team kudos and announcements (issue 15)" block of en.py and fr.py."""

ES = {
    "team.given": "🌱 {giver} ha dado las gracias a todo el grupo {team}",
    "team.footer": "kudos de equipo · personas agradecidas: {count} · te quedan {left} de {budget} hoy",
    "team.too_big": "En {team} hay {count} personas a quienes agradecer, y un kudos de equipo llega como máximo a {limit}. Agradece a un grupo más pequeño, o a las personas una a una. No se ha dado nada.",
    "team.empty": "Nadie en {team} puede recibir este kudos: solo estás tú, hay bots o personas que decidieron no recibir kudos. No se ha dado nada.",
    "team.and_members": "Un kudos agradece a un grupo o a personas, no a ambos a la vez: dalos uno después del otro.",
    "team.discord_members_off": "Roots no puede ver quién tiene el rol {team}: agradecer a un rol requiere el intent Server Members de Discord, que este bot no tiene. Quien administra el bot puede activarlo (ROOTS_DISCORD_MEMBERS=1 y el intent en el Developer Portal). No se ha dado nada.",
    "team.slack_unavailable": "Slack no le ha dicho a Roots quién forma parte de {team} (quizá a la app le falta el permiso usergroups:read, o Slack está ocupado). No se ha dado nada: vuelve a intentarlo en un momento, o agradece a las personas una a una.",
    "help.kudos_team": "/kudos @grupo motivo: agradecer de una vez a todo un grupo de usuarios (hasta 25 personas), por un solo kudos de tu presupuesto diario",
    "help.kudos_team.discord": "/kudos team:@rol motivo: agradecer de una vez a todo un rol (hasta 25 personas), por un solo kudos de tu presupuesto diario",
    "help.leaderboard_team": "Los kudos de equipo aparecen en el /roots de cada persona y en el resumen, nunca en las clasificaciones: nadie sube agradeciendo a un grupo grande",
}

DE = {
    "team.given": "🌱 {giver} hat sich bei allen in {team} bedankt",
    "team.footer": "Team-Kudos · bedankte Personen: {count} · heute noch {left} von {budget} übrig",
    "team.too_big": "In {team} gibt es {count} Personen zu bedanken, und ein Team-Kudos erreicht höchstens {limit}. Bedanke dich bei einer kleineren Gruppe oder bei den Personen selbst. Es wurde nichts vergeben.",
    "team.empty": "Niemand in {team} kann dieses Kudos erhalten: Dort sind nur du, Bots oder Mitglieder, die keine Kudos erhalten möchten. Es wurde nichts vergeben.",
    "team.and_members": "Ein Kudos bedankt sich entweder bei einer Gruppe oder bei Personen, nicht bei beiden: Vergib sie nacheinander.",
    "team.discord_members_off": "Roots kann nicht sehen, wer die Rolle {team} hat: Für den Dank an eine Rolle braucht der Bot den Server-Members-Intent von Discord, den er nicht bekommen hat. Wer den Bot verwaltet, kann ihn aktivieren (ROOTS_DISCORD_MEMBERS=1 und der Intent im Developer Portal). Es wurde nichts vergeben.",
    "team.slack_unavailable": "Slack hat Roots nicht gesagt, wer zu {team} gehört (der App fehlt vielleicht die Berechtigung usergroups:read, oder Slack ist gerade ausgelastet). Es wurde nichts vergeben: Versuch es gleich noch einmal oder bedanke dich bei den Personen selbst.",
    "help.kudos_team": "/kudos @gruppe Grund: dich auf einmal bei einer ganzen Benutzergruppe bedanken (bis zu 25 Personen), für nur ein Kudos deines Tagesbudgets",
    "help.kudos_team.discord": "/kudos team:@rolle Grund: dich auf einmal bei allen mit einer Rolle bedanken (bis zu 25 Personen), für nur ein Kudos deines Tagesbudgets",
    "help.leaderboard_team": "Team-Kudos erscheinen im /roots aller Beteiligten und in der Zusammenfassung, nie in den Ranglisten: Niemand steigt auf, indem er einer großen Gruppe dankt",
}
