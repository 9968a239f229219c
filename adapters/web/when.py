"""How the dashboard writes a moment: in a given time zone, naming the zone, in the
page's language ("dimanche 29 mars à 03:00 (Europe/Paris)"). One small function, so that
the dashboard follows whatever the chat's way of writing times becomes."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date, format_time

from bot.messages import text
from bot.timezones import load_zone

# The day as each language writes it in a sentence (CLDR's full date, without the year).
DAY_PATTERNS = {
    "en": "EEEE, MMMM d",
    "fr": "EEEE d MMMM",
    "es": "EEEE, d 'de' MMMM",
    "de": "EEEE, d. MMMM",
}


def local_moment(moment: datetime, timezone: str, locale: str) -> str:
    """``moment`` in ``timezone``, e.g. "Sunday, March 29 at 3:00 AM (Europe/Paris)"."""
    local = moment.astimezone(load_zone(timezone))
    day = format_date(local.date(), DAY_PATTERNS.get(locale, DAY_PATTERNS["en"]), locale=locale)
    time = format_time(local.time(), "short", locale=locale)
    return text(locale, "web.when", day=day, time=time, zone=timezone)
