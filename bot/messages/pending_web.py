"""Spanish and German text of the keys added by the "web" work (issue #14), for the lead
to move into the gettext catalogs. Not loaded at run time."""

ES = {
    "console.web": "Tu panel web está en {url}: escribe /roots web para recibir un enlace privado de acceso.",
    "cli.web_serving": "Panel web de Roots en {url} (los enlaces de acceso llegan con /roots web en el chat). Ctrl-C lo detiene.",
    "help.web": "/roots web: un enlace privado a tu panel web; /roots web logout cierra tu sesión en todos los navegadores",
    "web.link": "Tu enlace privado para entrar al panel de Roots: {url}\nFunciona una sola vez, durante 10 minutos. No lo compartas: abre la sesión a tu nombre.",
    "web.logout_done.none": "No tenías ninguna sesión abierta en el panel. No hay nada que hacer.",
    "web.logout_done.one": "Sesión cerrada en el panel: tu sesión abierta ha terminado.",
    "web.logout_done.other": "Sesión cerrada en el panel en todas partes: tus {count} sesiones abiertas han terminado.",
    "web.off": "El panel web está desactivado en este Roots (ROOTS_WEB=off). Pide a quien administra Roots que lo active.",
    "usage.web": "Uso: /roots web para recibir un enlace de acceso, o /roots web logout para cerrar la sesión en todos los navegadores.",
}

DE = {
    "console.web": "Dein Web-Dashboard findest du unter {url}: Tippe /roots web, um einen privaten Anmeldelink zu bekommen.",
    "cli.web_serving": "Das Web-Dashboard von Roots läuft unter {url} (Anmeldelinks gibt es mit /roots web im Chat). Strg-C beendet es.",
    "help.web": "/roots web: ein privater Link zu deinem Web-Dashboard; /roots web logout meldet dich in allen Browsern ab",
    "web.link": "Dein privater Anmeldelink für das Roots-Dashboard: {url}\nEr funktioniert einmal, innerhalb von 10 Minuten. Gib ihn nicht weiter: Er meldet dich unter deinem Namen an.",
    "web.logout_done.none": "Du warst nirgends im Dashboard angemeldet. Es gibt nichts zu tun.",
    "web.logout_done.one": "Vom Dashboard abgemeldet: Deine offene Sitzung ist beendet.",
    "web.logout_done.other": "Überall vom Dashboard abgemeldet: Deine {count} offenen Sitzungen sind beendet.",
    "web.off": "Das Web-Dashboard ist bei diesem Roots ausgeschaltet (ROOTS_WEB=off). Bitte die Person, die Roots betreibt, es einzuschalten.",
    "usage.web": "Verwendung: /roots web für einen Anmeldelink, oder /roots web logout, um dich in allen Browsern abzumelden.",
}
