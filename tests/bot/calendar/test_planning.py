"""The fast planners agree with the exact calendar rules of bot.calendar.timing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar.planning import BulkPlanner, latest_fire, next_planned
from bot.calendar.timing import load_zone, next_fire, parse_hhmm, previous_fire
from bot.timezones import zone_names

TRICKY = ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia"]
ZONES = sorted(zone_names())
DAY_SETS = ["0123456", "01234", "56", "4", "02"]

instants = st.datetimes(
    min_value=datetime(2010, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
zones = st.one_of(st.sampled_from(TRICKY), st.sampled_from(ZONES))
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


@settings(max_examples=400, deadline=None)
@given(after=instants, zone=zones, at=times, days=st.sampled_from(DAY_SETS))
def test_fast_planning_matches_the_exact_rules(after, zone, at, days):
    wanted = frozenset(int(d) for d in days)
    exact_next = next_fire(after, parse_hhmm(at), load_zone(zone), wanted)
    assert next_planned(after, at, zone, wanted) == exact_next
    assert BulkPlanner(after).next(zone, at, days) == exact_next
    assert BulkPlanner(after).next_iso(zone, at, days) == (
        exact_next[0].isoformat(),
        exact_next[1].isoformat(timespec="microseconds"),
    )
    assert latest_fire(after, at, zone, wanted) == previous_fire(
        after, parse_hhmm(at), load_zone(zone), wanted
    )


def test_apia_around_the_skipped_date():
    every = frozenset(range(7))
    for hours in range(0, 24 * 5):
        after = datetime(2011, 12, 28, tzinfo=UTC) + timedelta(hours=hours)
        found = next_planned(after, "09:00", "Pacific/Apia", every)
        assert found is not None and found[0] != date(2011, 12, 30)


def test_bounds_limit_a_schedule_to_its_dates():
    every = frozenset(range(7))
    start = datetime(2026, 3, 25, tzinfo=UTC)
    first, last = date(2026, 3, 30), date(2026, 4, 2)

    assert next_planned(start, "09:00", "UTC", every, first, last) == (
        first,
        datetime(2026, 3, 30, 9, tzinfo=UTC),
    )
    assert (
        next_planned(datetime(2026, 4, 2, 10, tzinfo=UTC), "09:00", "UTC", every, first, last)
        is None
    )
    assert latest_fire(datetime(2026, 4, 9, tzinfo=UTC), "09:00", "UTC", every, first, last) == (
        last,
        datetime(2026, 4, 2, 9, tzinfo=UTC),
    )
    assert latest_fire(start, "09:00", "UTC", every, first, last) is None
