"""Local days, ISO weeks, months and the period keys the leaderboards count by.

Period keys: 'life' (never reset), 's<season>' (all time this season),
's<season>:w<YYYY-Www>' (ISO week) and 's<season>:m<YYYY-MM>' (calendar month),
all in the community's time zone at the moment a kudos is given.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import Enum

from bot.timezones import load_zone

LIFE = "life"


class Window(Enum):
    WEEK = "week"
    MONTH = "month"
    ALL = "all"


def local_date(moment: datetime, timezone: str) -> date:
    return moment.astimezone(load_zone(timezone)).date()


def next_midnight(moment: datetime, timezone: str) -> datetime:
    """When the local day after ``moment``'s begins in ``timezone`` (UTC): when daily
    budgets reset. A zone whose clocks jump over midnight starts that day at the jump."""
    zone = load_zone(timezone)
    tomorrow = moment.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=zone).astimezone(UTC)


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def period_key(window: Window, season: int, day: date) -> str:
    if window is Window.WEEK:
        return f"s{season}:w{week_key(day)}"
    if window is Window.MONTH:
        return f"s{season}:m{month_key(day)}"
    return f"s{season}"


def start_of_local_day(moment: datetime, timezone: str) -> datetime:
    zone = load_zone(timezone)
    local = moment.astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(zone)
