"""Messages added by the pictures helper (issue #14, pictures in chat): the text
alternative of the leaderboard picture. Merged into the catalogs by the lead."""

EN = {
    "chart.board_desc": "{board}, most kudos first: {people}.",
    "chart.board_desc_empty": "{board}: no kudos yet in this period.",
}

FR = {
    "chart.board_desc": "{board}, du plus de kudos au moins : {people}.",
    "chart.board_desc_empty": "{board} : pas encore de kudos sur cette période.",
}

ES = {
    "chart.board_desc": "{board}, de más a menos kudos: {people}.",
    "chart.board_desc_empty": "{board}: todavía no hay kudos en este periodo.",
}

DE = {
    "chart.board_desc": "{board}, die meisten Kudos zuerst: {people}.",
    "chart.board_desc_empty": "{board}: in diesem Zeitraum noch keine Kudos.",
}
