"""Days and hours written the language's way, with Babel's CLDR patterns.

A day is the language's full date without the year ("dimanche 29 mars", "Sunday,
March 29", "domingo, 29 de marzo", "Sonntag, 29. März"): what Roots shows is always
within days or weeks of now. An hour is the language's short time ("03:00",
"3:00 AM"). How a day and an hour are put together ("à", "at", "um") is a catalog
message, ``moment.date_time``, since CLDR's ``atTime`` patterns are not in Babel.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time

from bot.messages.catalog import SOURCE_LOCALE

# The year of a full date pattern and what ties it to the rest: ", y" (en),
# " y" (fr, de), " 'de' y" (es).
_YEAR = re.compile(r"(?:,?\s*(?:'[^']*'\s*)?)y+")


@cache
def day_pattern(locale: str) -> str:
    """The language's full date pattern without its year ("EEEE d MMMM" in French)."""
    full = Locale.parse(locale).date_formats["full"].pattern
    return _YEAR.sub("", full).strip(" ,")


def format_day(locale: str, day: date) -> str:
    """``day`` as the language writes it, weekday first: "dimanche 29 mars"."""
    lang = _known(locale)
    return format_date(day, day_pattern(lang), locale=lang)


def format_hour(locale: str, moment: datetime | time) -> str:
    """The wall-clock hour of ``moment`` (already in its zone): "03:00", "3:00 AM"."""
    return format_time(moment, "short", tzinfo=None, locale=_known(locale))


@cache
def _known(locale: str) -> str:
    """``locale`` if CLDR knows it, else the source language."""
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return SOURCE_LOCALE
    return locale
