"""Next and latest fires of a stored schedule, with optional first/last local dates.

Fast wrappers over :mod:`bot.calendar.timing`. On an ordinary date a schedule's wall
time maps to one instant, checked by a round trip through the zone; only when that
check fails (a DST gap, a skipped date) does the exact, slower search of ``timing``
decide. Results are the same as ``timing.next_fire`` / ``previous_fire``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.calendar.timing import CATCH_UP_DAYS, fire_time, load_zone, parse_hhmm

_SEARCH_DAYS = 16
_PROBE_DAYS = 9  # yesterday to a week ahead: every weekday at least once


@lru_cache(maxsize=4096)
def _clock_time(at_time: str) -> time:
    return parse_hhmm(at_time)


_PROBES = (time(0), time(6), time(12), time(18))


@lru_cache(maxsize=65536)
def _uniform_offset(zone: ZoneInfo, day: date) -> timedelta | None:
    """The zone's UTC offset on ``day`` when it is the same all day long (no transition
    that day or at the next midnight), else None."""
    walls = [datetime.combine(day, t) for t in _PROBES]
    walls.append(datetime.combine(day + timedelta(days=1), time(0)))
    offsets = {zone.utcoffset(w.replace(fold=fold)) for w in walls for fold in (0, 1)}
    if len(offsets) != 1:
        return None
    return offsets.pop()


def _fire(day: date, at: time, zone: ZoneInfo) -> datetime | None:
    """``timing.fire_time``, with fast paths: a day without a clock change is a subtraction;
    a wall time that exists (once or twice) is a round trip through the zone."""
    offset = _uniform_offset(zone, day)
    if offset is not None:
        return (datetime.combine(day, at) - offset).replace(tzinfo=UTC)
    wall = datetime.combine(day, at)
    instant = wall.replace(tzinfo=zone).astimezone(UTC)  # fold=0: the first occurrence
    if instant.astimezone(zone).replace(tzinfo=None) == wall:
        return instant
    return fire_time(day, at, zone)  # in a gap, or a skipped date: the exact rules


def next_planned(
    after: datetime,
    at_time: str,
    timezone: str,
    days: frozenset[int],
    first: date | None = None,
    last: date | None = None,
) -> tuple[date, datetime] | None:
    """The first (local date, UTC instant) strictly after ``after`` within the bounds."""
    zone = load_zone(timezone)
    at = _clock_time(at_time)
    start = after.astimezone(zone).date() - timedelta(days=1)
    if first is not None and first - timedelta(days=1) > start:
        start = first - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = start + timedelta(days=offset)
        if day.weekday() not in days or (first is not None and day < first):
            continue
        if last is not None and day > last:
            return None
        fires = _fire(day, at, zone)
        if fires is not None and fires > after:
            return day, fires
    return None


def latest_fire(
    before: datetime,
    at_time: str,
    timezone: str,
    days: frozenset[int],
    first: date | None = None,
    last: date | None = None,
) -> tuple[date, datetime] | None:
    """The latest (local date, UTC instant) at or before ``before`` within the bounds,
    looking back about a week (:data:`timing.CATCH_UP_DAYS`)."""
    zone = load_zone(timezone)
    at = _clock_time(at_time)
    newest = before.astimezone(zone).date() + timedelta(days=1)
    if last is not None and last < newest:
        newest = last
    for offset in range(CATCH_UP_DAYS + 2):
        day = newest - timedelta(days=offset)
        if first is not None and day < first:
            return None
        if day.weekday() not in days:
            continue
        fires = _fire(day, at, zone)
        if fires is not None and fires <= before:
            return day, fires
    return None


class BulkPlanner:
    """Next fires of many schedules after one instant (startup planning, the bench).

    Per zone, the local dates of the coming week around ``after`` and their UTC offsets are
    computed once; answers are memoised per (date, time, offset), so schedules in zones
    with the same offset share them. The result is always that of :func:`next_planned`.
    """

    def __init__(self, after: datetime) -> None:
        self.after = after
        self._zones: dict[str, list[tuple[date, int, timedelta | None, ZoneInfo]]] = {}
        self._days: dict[str, frozenset[int]] = {}
        self._memo: dict[tuple[date, str, object], tuple[str, str] | None] = {}
        self._steady_zones: dict[str, tuple[str, list[tuple[int, timedelta]]] | None] = {}
        self._steady_memo: dict[tuple[int, str, timedelta], tuple[str, str]] = {}

    def _probes(self, timezone: str) -> list[tuple[date, int, timedelta | None, ZoneInfo]]:
        found = self._zones.get(timezone)
        if found is None:
            zone = load_zone(timezone)
            start = self.after.astimezone(zone).date() - timedelta(days=1)
            found = []
            for k in range(_PROBE_DAYS):
                day = start + timedelta(days=k)
                found.append((day, day.weekday(), _uniform_offset(zone, day), zone))
            self._zones[timezone] = found
        return found

    def _steady(self, timezone: str) -> tuple[str, list[tuple[int, timedelta]]] | None:
        """For a zone without any clock change from yesterday to a week ahead: the local
        time of ``after`` ('HH:MM:SS.ffffff') and (weekday, offset) from today on."""
        if timezone in self._steady_zones:
            return self._steady_zones[timezone]
        probes = self._probes(timezone)
        steady: tuple[str, list[tuple[int, timedelta]]] | None = None
        offsets = [offset for _, _, offset, _ in probes]
        if all(offset is not None for offset in offsets):
            local = self.after.astimezone(probes[0][3])
            week = [(weekday, offset) for _, weekday, offset, _ in probes[1:] if offset is not None]
            steady = (local.strftime("%H:%M:%S.%f"), week)
        self._steady_zones[timezone] = steady
        return steady

    def next_iso(
        self, timezone: str, at_time: str, days_text: str
    ) -> tuple[str | None, str | None]:
        """(local date, UTC instant) of the next fire, as ISO texts; (None, None) if none."""
        days = self._days.get(days_text)
        if days is None:
            days = self._days[days_text] = frozenset(int(d) for d in days_text)
        steady = self._steady(timezone)
        if steady is not None:
            # No clock change: today's time is still ahead when it sorts after "now".
            now_text, week = steady
            for k in range(0 if at_time > now_text[:5] else 1, len(week)):
                steady_weekday, steady_offset = week[k]
                if steady_weekday in days:
                    steady_key = (k, at_time, steady_offset)
                    steady_answer = self._steady_memo.get(steady_key)
                    if steady_answer is None:
                        steady_day = self._probes(timezone)[k + 1][0]
                        wall = datetime.combine(steady_day, _clock_time(at_time))
                        steady_fires = (wall - steady_offset).replace(tzinfo=UTC)
                        steady_answer = (
                            steady_day.isoformat(),
                            steady_fires.isoformat(timespec="microseconds"),
                        )
                        self._steady_memo[steady_key] = steady_answer
                    return steady_answer
        for day, weekday, offset, zone in self._probes(timezone):
            if weekday not in days:
                continue
            key = (day, at_time, offset if offset is not None else timezone)
            if key in self._memo:
                answer = self._memo[key]
            else:
                fires = _fire(day, _clock_time(at_time), zone)
                answer = None
                if fires is not None and fires > self.after:
                    answer = (day.isoformat(), fires.isoformat(timespec="microseconds"))
                self._memo[key] = answer
            if answer is not None:
                return answer
        found = next_planned(self.after, at_time, timezone, days)
        if found is None:
            return None, None
        return found[0].isoformat(), found[1].isoformat(timespec="microseconds")

    def next(self, timezone: str, at_time: str, days_text: str) -> tuple[date, datetime] | None:
        local_date, due_at = self.next_iso(timezone, at_time, days_text)
        if local_date is None or due_at is None:
            return None
        return date.fromisoformat(local_date), datetime.fromisoformat(due_at)
