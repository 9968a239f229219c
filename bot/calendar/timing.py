"""When a daily local-time schedule fires: pure functions over zoneinfo, DST-correct.

A schedule is "at HH:MM local time, on these weekdays, in this zone". Each eligible local
date fires at most once, at an instant computed from the calendar, never as "last run +
24 hours" (which drifts by an hour twice a year):

- a wall time that does not exist (spring-forward gap) fires at the moment the clocks
  jump, the first instant whose local time is past the requested one;
- a wall time that occurs twice (fall-back) fires at its first occurrence only;
- a local date the zone skipped entirely (Pacific/Apia, 2011-12-30) does not fire.

All instants returned are aware and in UTC.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.timezones import load_zone as _load_zone

EVERY_DAY: frozenset[int] = frozenset(range(7))
WEEKDAYS: frozenset[int] = frozenset(range(5))  # Monday=0 .. Friday=4
WEEKENDS: frozenset[int] = frozenset({5, 6})

_HHMM = re.compile(r"([0-9]{1,2}):([0-9]{2})")

_DAY_SETS: dict[str, frozenset[int]] = {
    **dict.fromkeys(
        (
            "daily",
            "everyday",
            "every day",
            "every-day",
            "all",
            "tous les jours",
            "tous-les-jours",
            "chaque jour",
            "quotidien",
            # Spanish and German (accents are folded: "todos los días", "täglich")
            "diario",
            "todos los dias",
            "todos-los-dias",
            "cada dia",
            "taglich",
            "jeden tag",
            "alle tage",
        ),
        EVERY_DAY,
    ),
    **dict.fromkeys(
        (
            "weekdays",
            "weekday",
            "semaine",
            "en semaine",
            "jours ouvres",
            "jours-ouvres",
            "laborables",
            "dias laborables",
            "entre semana",
            "entre-semana",
            "werktags",
            "wochentags",
            "an werktagen",
        ),
        WEEKDAYS,
    ),
    **dict.fromkeys(
        (
            "weekends",
            "weekend",
            "week-end",
            "week-ends",
            "fin de semaine",
            "fin de semana",
            "fines de semana",
            "findes",
            "wochenende",
            "wochenenden",
            "am wochenende",
        ),
        WEEKENDS,
    ),
}

# English, French, Spanish and German names and abbreviations ("mié" and "sáb" are
# folded to "mie" and "sab"; German also says "montags", on Mondays). "mar" is
# Tuesday in French and Spanish alike, "sam" Saturday in French and German.
_DAY_NAMES: dict[str, int] = {
    **dict.fromkeys(("mon", "monday", "lun", "lundi", "lunes", "mo", "montag", "montags"), 0),
    **dict.fromkeys(
        ("tue", "tues", "tuesday", "mar", "mardi", "martes", "di", "die", "dienstag", "dienstags"),
        1,
    ),
    **dict.fromkeys(
        ("wed", "wednesday", "mer", "mercredi", "mie", "miercoles", "mi", "mittwoch", "mittwochs"),
        2,
    ),
    **dict.fromkeys(
        (
            *("thu", "thur", "thurs", "thursday", "jeu", "jeudi", "jue", "jueves"),
            *("do", "don", "donnerstag", "donnerstags"),
        ),
        3,
    ),
    **dict.fromkeys(
        ("fri", "friday", "ven", "vendredi", "vie", "viernes", "fr", "fre", "freitag", "freitags"),
        4,
    ),
    **dict.fromkeys(
        ("sat", "saturday", "sam", "samedi", "sab", "sabado", "sa", "samstag", "samstags"), 5
    ),
    **dict.fromkeys(
        ("sun", "sunday", "dim", "dimanche", "dom", "domingo", "so", "son", "sonntag", "sonntags"),
        6,
    ),
}

_DAYS_HELP = "use daily, weekdays, weekends or a list of days such as mon,wed,fri"

# A schedule checks this many local dates around a given instant; more than a week, so
# every weekday is covered even when one date of the window was skipped by the zone.
_SEARCH_DAYS = 16
CATCH_UP_DAYS = 8


def parse_hhmm(text: str) -> time:
    """'09:00', '9:05', '23:59' -> time. ValueError for anything else ('24:00', '9h')."""
    match = _HHMM.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"{text!r} is not a time of day: use 24-hour HH:MM, such as 09:00 or 18:30."
        )
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(
            f"{text!r} is not a time of day: hours go from 00 to 23 and minutes from 00 to 59."
        )
    return time(hour, minute)


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _parse_day_token(token: str, original: str) -> frozenset[int]:
    if token in _DAY_SETS:
        return _DAY_SETS[token]
    if token in _DAY_NAMES:
        return frozenset({_DAY_NAMES[token]})
    first, sep, last = token.partition("-")
    if sep and first in _DAY_NAMES and last in _DAY_NAMES:  # a range: mon-fri, fri-mon
        start, end = _DAY_NAMES[first], _DAY_NAMES[last]
        return frozenset((start + i) % 7 for i in range((end - start) % 7 + 1))
    raise ValueError(f"{original!r}: {token!r} is not a day; {_DAYS_HELP}.")


def parse_days(text: str) -> frozenset[int]:
    """Days of the week (Monday=0) from 'daily', 'weekdays', 'mon,wed,fri', 'lundi,jeudi'...

    English, French, Spanish and German names, their abbreviations and ranges
    ('mon-fri', 'lun-vie', 'mo-fr') are accepted, separated by commas or spaces.
    ValueError otherwise.
    """
    cleaned = " ".join(_fold_accents(text).lower().split())
    if not cleaned:
        raise ValueError(f"No days given; {_DAYS_HELP}.")
    if cleaned in _DAY_SETS:
        return _DAY_SETS[cleaned]
    tokens = [t for t in re.split(r"[,;/+\s]+", cleaned) if t]
    if not tokens:
        raise ValueError(f"{text!r}: no days given; {_DAYS_HELP}.")
    days: set[int] = set()
    for token in tokens:
        days |= _parse_day_token(token, text)
    return frozenset(days)


def load_zone(name: str) -> ZoneInfo:
    """The stored IANA zone called ``name``, by the tzdata package's rules (see
    :func:`bot.timezones.load_zone`: a name the package lacks reads as UTC)."""
    return _load_zone(name)


def _wall(instant_ts: int, zone: ZoneInfo) -> datetime:
    """Naive local wall time in ``zone`` of a POSIX timestamp."""
    return datetime.fromtimestamp(instant_ts, zone).replace(tzinfo=None)


def _first_instant_at_or_after(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first UTC instant whose local time in ``zone`` reaches the naive ``wall`` time.

    For a wall time that exists, that is its first occurrence. For one inside a gap, it is
    the moment the clocks jump over it.
    """
    candidates = [wall.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)]
    valid = [c for c in candidates if c.astimezone(zone).replace(tzinfo=None) == wall]
    if valid:
        return min(valid)
    # In a gap, zoneinfo maps the wall time with the offsets before and after the
    # transition, which gives one instant on each side of it; the transition itself is the
    # first whole second in between whose local time is not before ``wall``.
    lo = int(min(candidates).timestamp())
    hi = int(max(candidates).timestamp()) + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if _wall(mid, zone) >= wall:
            hi = mid
        else:
            lo = mid + 1
    return datetime.fromtimestamp(lo, UTC)


def _date_exists(local_date: date, zone: ZoneInfo) -> bool:
    first = _first_instant_at_or_after(datetime.combine(local_date, time()), zone)
    return first.astimezone(zone).date() == local_date


def fire_time(local_date: date, at: time, zone: ZoneInfo) -> datetime | None:
    """The UTC instant at which a daily ``at`` schedule fires on ``local_date`` in ``zone``.

    None when the zone skipped that whole date. A time inside a DST gap fires when the
    clocks jump (Europe/Paris 02:30 on 2026-03-29 -> 01:00 UTC, i.e. 03:00 CEST); a time
    that happens twice fires at its first occurrence.
    """
    if not _date_exists(local_date, zone):
        return None
    wall = datetime.combine(local_date, at.replace(tzinfo=None, fold=0))
    return _first_instant_at_or_after(wall, zone)


def _as_utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}.")
    return moment.astimezone(UTC)


def _check_days(days: frozenset[int]) -> None:
    if not days:
        raise ValueError("A schedule needs at least one day of the week.")
    if not days <= EVERY_DAY:
        raise ValueError(f"Days of the week go from 0 (Monday) to 6 (Sunday), got {days!r}.")


def next_fire(
    after: datetime, at: time, zone: ZoneInfo, days: frozenset[int]
) -> tuple[date, datetime]:
    """The first (local date, UTC fire instant) strictly after ``after``, on one of ``days``.

    The search starts one local date early: when a date's time falls in a gap that runs
    past midnight, that date fires on the next local date, possibly after ``after``.
    """
    _check_days(days)
    after = _as_utc(after, "after")
    start = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        local_date = start + timedelta(days=offset)
        if local_date.weekday() not in days:
            continue
        fires = fire_time(local_date, at, zone)
        if fires is not None and fires > after:
            return local_date, fires
    raise ValueError(f"No fire time within {_SEARCH_DAYS} days after {after.isoformat()}.")


def previous_fire(
    before: datetime, at: time, zone: ZoneInfo, days: frozenset[int]
) -> tuple[date, datetime] | None:
    """The latest (local date, UTC fire instant) at or before ``before``, for catch-up.

    Only the last :data:`CATCH_UP_DAYS` local dates are considered; None if none fired.
    """
    _check_days(days)
    before = _as_utc(before, "before")
    newest = before.astimezone(zone).date() + timedelta(days=1)
    for offset in range(CATCH_UP_DAYS + 2):
        local_date = newest - timedelta(days=offset)
        if local_date.weekday() not in days:
            continue
        fires = fire_time(local_date, at, zone)
        if fires is not None and fires <= before:
            return local_date, fires
    return None
