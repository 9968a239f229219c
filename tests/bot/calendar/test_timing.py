from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.calendar.timing import (
    EVERY_DAY,
    WEEKDAYS,
    fire_time,
    load_zone,
    next_fire,
    parse_days,
    parse_hhmm,
    previous_fire,
)
from bot.timezones import check_zone

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
APIA = ZoneInfo("Pacific/Apia")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- fire_time: exact instants --------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "at", "expected"),
    [
        # Saturday before the switch: still CET (+01:00), 02:30 - 1h.
        ("2026-03-28", "02:30", "2026-03-28T01:30"),
        # Clocks jump 02:00 CET -> 03:00 CEST at 01:00 UTC; 02:30 does not exist, so the
        # schedule fires at the jump: 03:00 CEST = 01:00 UTC.
        ("2026-03-29", "02:30", "2026-03-29T01:00"),
        # Monday after: CEST (+02:00), 02:30 - 2h.
        ("2026-03-30", "02:30", "2026-03-30T00:30"),
        # Clocks fall back 03:00 CEST -> 02:00 CET at 01:00 UTC; 02:30 happens twice
        # (00:30 UTC in CEST, 01:30 UTC in CET): first occurrence.
        ("2026-10-25", "02:30", "2026-10-25T00:30"),
        # Next days are CET (+01:00).
        ("2026-10-26", "02:30", "2026-10-26T01:30"),
        ("2026-10-27", "02:30", "2026-10-27T01:30"),
        # A time outside the transition window on the switch day: 09:00 CET = 08:00 UTC.
        ("2026-10-25", "09:00", "2026-10-25T08:00"),
        ("2026-03-29", "09:00", "2026-03-29T07:00"),
    ],
)
def test_paris_around_dst(day: str, at: str, expected: str):
    assert fire_time(date.fromisoformat(day), parse_hhmm(at), PARIS) == utc(expected)


def test_new_york_spring_gap_fires_at_the_jump():
    # 2025-03-09: 02:00 EST (-05:00) jumps to 03:00 EDT at 07:00 UTC; 02:30 is skipped.
    assert fire_time(date(2025, 3, 9), time(2, 30), NEW_YORK) == utc("2025-03-09T07:00")
    # The day before (EST) and after (EDT) are plain offsets.
    assert fire_time(date(2025, 3, 8), time(2, 30), NEW_YORK) == utc("2025-03-08T07:30")
    assert fire_time(date(2025, 3, 10), time(2, 30), NEW_YORK) == utc("2025-03-10T06:30")


def test_new_york_fall_back_fires_once_at_first_occurrence():
    # 2025-11-02: 01:30 happens at 05:30 UTC (EDT, -04:00) and again at 06:30 UTC (EST).
    first = utc("2025-11-02T05:30")
    assert fire_time(date(2025, 11, 2), time(1, 30), NEW_YORK) == first
    # Asking just before gives the first occurrence; asking at it skips to the next day
    # (01:30 EST = 06:30 UTC), never the repeated 01:30.
    daily = EVERY_DAY
    assert next_fire(first - timedelta(seconds=1), time(1, 30), NEW_YORK, daily) == (
        date(2025, 11, 2),
        first,
    )
    assert next_fire(first, time(1, 30), NEW_YORK, daily) == (
        date(2025, 11, 3),
        utc("2025-11-03T06:30"),
    )
    # Even from inside the repeated hour.
    assert next_fire(utc("2025-11-02T06:30"), time(1, 30), NEW_YORK, daily)[0] == date(2025, 11, 3)


def test_lord_howe_half_hour_gap():
    # Lord Howe moves 02:00 (+10:30) -> 02:30 (+11:00) on 2025-10-05, at 15:30 UTC the day
    # before. 02:15 does not exist: it fires at 02:30 +11:00 = 15:30 UTC on 10-04.
    fired = fire_time(date(2025, 10, 5), time(2, 15), LORD_HOWE)
    assert fired == utc("2025-10-04T15:30")
    assert fired.astimezone(LORD_HOWE).replace(tzinfo=None) == datetime(2025, 10, 5, 2, 30)
    # The day before: 02:15 +10:30 = 15:45 UTC on 10-03.
    assert fire_time(date(2025, 10, 4), time(2, 15), LORD_HOWE) == utc("2025-10-03T15:45")
    # The day after: 02:15 +11:00 = 15:15 UTC on 10-05.
    assert fire_time(date(2025, 10, 6), time(2, 15), LORD_HOWE) == utc("2025-10-05T15:15")
    # Back on 2026-04-05, 02:00 +11:00 -> 01:30 +10:30; 01:45 happens twice, first at +11:00.
    assert fire_time(date(2026, 4, 5), time(1, 45), LORD_HOWE) == utc("2026-04-04T14:45")


def test_apia_skipped_date_never_fires():
    at = time(9, 0)
    # 12-29 was -10:00: 09:00 + 10h = 19:00 UTC.
    assert fire_time(date(2011, 12, 29), at, APIA) == utc("2011-12-29T19:00")
    # 12-29 23:59:59 -10:00 was followed by 12-31 00:00 +14:00: 12-30 never happened.
    assert fire_time(date(2011, 12, 30), at, APIA) is None
    # 12-31 is +14:00: 09:00 - 14h = 19:00 UTC the previous UTC day.
    assert fire_time(date(2011, 12, 31), at, APIA) == utc("2011-12-30T19:00")

    start = utc("2011-12-29T00:00")
    first = next_fire(start, at, APIA, EVERY_DAY)
    second = next_fire(first[1], at, APIA, EVERY_DAY)
    assert first == (date(2011, 12, 29), utc("2011-12-29T19:00"))
    assert second == (date(2011, 12, 31), utc("2011-12-30T19:00"))
    assert previous_fire(utc("2011-12-30T18:59"), at, APIA, EVERY_DAY) == first


def test_midnight_gap_fires_when_the_day_starts():
    # Santiago springs forward at 00:00 (-04:00) -> 01:00 (-03:00) on 2025-09-07, i.e.
    # at 04:00 UTC; 00:30 does not exist and fires at 01:00 -03:00.
    santiago = ZoneInfo("America/Santiago")
    assert fire_time(date(2025, 9, 7), time(0, 30), santiago) == utc("2025-09-07T04:00")
    assert fire_time(date(2025, 9, 7), time(0, 0), santiago) == utc("2025-09-07T04:00")


def test_weekdays_skip_the_weekend():
    # Friday 2026-01-09 at 09:00 Paris (CET) = 08:00 UTC; the next weekday is Monday.
    friday = utc("2026-01-09T08:00")
    assert next_fire(friday - timedelta(minutes=1), time(9), PARIS, WEEKDAYS) == (
        date(2026, 1, 9),
        friday,
    )
    assert next_fire(friday, time(9), PARIS, WEEKDAYS) == (
        date(2026, 1, 12),
        utc("2026-01-12T08:00"),
    )
    # On Sunday evening, the latest weekday fire is still Friday's.
    sunday = utc("2026-01-11T20:00")
    assert previous_fire(sunday, time(9), PARIS, WEEKDAYS) == (date(2026, 1, 9), friday)
    assert previous_fire(sunday, time(9), PARIS, frozenset({5, 6})) == (
        date(2026, 1, 11),
        utc("2026-01-11T08:00"),
    )


def test_next_fire_is_strictly_after_and_previous_fire_is_inclusive():
    fired = utc("2026-06-01T07:00")  # 09:00 CEST
    assert next_fire(fired, time(9), PARIS, EVERY_DAY)[1] == utc("2026-06-02T07:00")
    assert previous_fire(fired, time(9), PARIS, EVERY_DAY) == (date(2026, 6, 1), fired)
    assert previous_fire(fired - timedelta(seconds=1), time(9), PARIS, EVERY_DAY) == (
        date(2026, 5, 31),
        utc("2026-05-31T07:00"),
    )


def test_previous_fire_looks_back_eight_days_at_most():
    monday_only = frozenset({0})
    # Monday 2026-06-01 09:00 CEST fired; a week and a day later it is still found.
    assert previous_fire(utc("2026-06-07T12:00"), time(9), PARIS, monday_only) == (
        date(2026, 6, 1),
        utc("2026-06-01T07:00"),
    )
    # Apia at 12-30: the fire of 12-29 is found across the skipped date.
    assert previous_fire(utc("2011-12-30T12:00"), time(9), APIA, EVERY_DAY) == (
        date(2011, 12, 29),
        utc("2011-12-29T19:00"),
    )


def test_naive_datetimes_and_empty_days_are_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        next_fire(datetime(2026, 1, 1), time(9), PARIS, EVERY_DAY)
    with pytest.raises(ValueError, match="timezone-aware"):
        previous_fire(datetime(2026, 1, 1), time(9), PARIS, EVERY_DAY)
    with pytest.raises(ValueError, match="at least one day"):
        next_fire(utc("2026-01-01T00:00"), time(9), PARIS, frozenset())
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        next_fire(utc("2026-01-01T00:00"), time(9), PARIS, frozenset({7}))


def test_non_utc_after_is_accepted():
    after = datetime(2026, 1, 9, 9, 30, tzinfo=PARIS)  # 08:30 UTC, after Friday's fire
    assert next_fire(after, time(9), PARIS, WEEKDAYS)[0] == date(2026, 1, 12)


# --- iterating over a long period -----------------------------------------------------

ITERATION_CASES = [
    ("Europe/Paris", "2025-12-01", "02:30", EVERY_DAY),
    ("Europe/Paris", "2026-01-01", "09:00", WEEKDAYS),
    ("America/New_York", "2025-01-01", "02:30", EVERY_DAY),
    ("America/New_York", "2025-01-01", "01:30", EVERY_DAY),
    ("Australia/Lord_Howe", "2025-06-01", "02:15", EVERY_DAY),
    ("Australia/Lord_Howe", "2025-06-01", "01:45", frozenset({6})),
    ("Pacific/Apia", "2011-06-01", "09:00", EVERY_DAY),
    ("Pacific/Apia", "2011-06-01", "23:59", EVERY_DAY),
    ("America/Santiago", "2025-01-01", "00:00", EVERY_DAY),
    ("America/Sao_Paulo", "2018-01-01", "00:15", EVERY_DAY),  # midnight DST back then
    ("Pacific/Chatham", "2025-01-01", "02:45", EVERY_DAY),
    ("Asia/Kolkata", "2025-01-01", "07:00", frozenset({5, 6})),
    ("UTC", "2025-01-01", "00:00", EVERY_DAY),
]


@pytest.mark.parametrize(("zone_name", "start", "at", "days"), ITERATION_CASES)
def test_iterating_400_days_fires_once_per_existing_eligible_date(
    zone_name: str, start: str, at: str, days: frozenset[int]
):
    zone = ZoneInfo(zone_name)
    when = parse_hhmm(at)
    first_day = date.fromisoformat(start)
    last_day = first_day + timedelta(days=400)
    cursor = datetime.combine(first_day, time(), zone).astimezone(UTC) - timedelta(days=1)

    fired: list[tuple[date, datetime]] = []
    while True:
        local_date, instant = next_fire(cursor, when, zone, days)
        if local_date > last_day:
            break
        assert instant > cursor
        cursor = instant
        if local_date < first_day:  # the cursor starts a day early
            continue
        # previous_fire agrees with next_fire on the same instant.
        assert previous_fire(instant, when, zone, days) == (local_date, instant)
        fired.append((local_date, instant))

    instants = [i for _, i in fired]
    assert instants == sorted(instants)
    assert len(set(instants)) == len(instants)
    expected_dates = [
        d
        for d in (first_day + timedelta(days=n) for n in range(401))
        if d.weekday() in days and fire_time(d, when, zone) is not None
    ]
    assert [d for d, _ in fired] == expected_dates


def test_apia_iteration_skips_exactly_one_date():
    cursor = utc("2011-12-25T00:00")
    dates = []
    for _ in range(10):
        local_date, cursor = next_fire(cursor, time(9), APIA, EVERY_DAY)
        dates.append(local_date)
    assert date(2011, 12, 30) not in dates
    assert dates[:6] == [
        date(2011, 12, 25),
        date(2011, 12, 26),
        date(2011, 12, 27),
        date(2011, 12, 28),
        date(2011, 12, 29),
        date(2011, 12, 31),
    ]


# --- properties over every zone -------------------------------------------------------

ZONES = sorted(available_timezones())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone_name=st.sampled_from(ZONES),
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    at=st.times(),
)
def test_fire_time_is_the_first_instant_reaching_the_wall_time(zone_name: str, day: date, at: time):
    zone = ZoneInfo(zone_name)
    at = at.replace(microsecond=0)
    fired = fire_time(day, at, zone)
    if fired is None:
        # Only a date the zone skipped entirely: no instant has that local date.
        start = datetime.combine(day - timedelta(days=1), time(12), zone).astimezone(UTC)
        for hour in range(72):
            assert (start + timedelta(hours=hour)).astimezone(zone).date() != day
        return
    assert fired.tzinfo is UTC
    requested = datetime.combine(day, at)
    wall = fired.astimezone(zone).replace(tzinfo=None)
    # At or after the requested wall time: the same date, or past a gap that ran over
    # midnight into the following date.
    assert wall >= requested
    assert wall.date() in (day, day + timedelta(days=1))
    # And it is the first such instant: one second earlier the clock had not got there.
    assert (fired - timedelta(seconds=1)).astimezone(zone).replace(tzinfo=None) < requested
    # A wall time that exists fires exactly at it.
    exists = any(
        requested.replace(tzinfo=zone, fold=f).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        == requested
        for f in (0, 1)
    )
    if exists:
        assert wall == requested


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone_name=st.sampled_from(ZONES),
    after=st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2060, 1, 1)),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    days=st.frozensets(st.integers(0, 6), min_size=1),
)
def test_next_fire_leaves_no_fire_in_between(
    zone_name: str, after: datetime, at: time, days: frozenset[int]
):
    zone = ZoneInfo(zone_name)
    after = after.replace(tzinfo=UTC)
    local_date, instant = next_fire(after, at, zone, days)
    assert instant > after
    assert local_date.weekday() in days
    assert fire_time(local_date, at, zone) == instant
    # Nothing fired between `after` and the answer.
    latest = previous_fire(instant - timedelta(seconds=1), at, zone, days)
    assert latest is None or latest[1] <= after


# --- parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9:05", time(9, 5)),
        ("23:59", time(23, 59)),
        ("00:00", time(0, 0)),
        (" 7:30 ", time(7, 30)),
    ],
)
def test_parse_hhmm_accepts(text: str, expected: time):
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize(
    "text",
    ["24:00", "9h", "12:60", "", "  ", "9", "09:00:00", "9:5", "-1:00", "123:00", "٠٩:٠٠", "9 :00"],
)
def test_parse_hhmm_rejects(text: str):
    with pytest.raises(ValueError, match="not a time of day"):
        parse_hhmm(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", EVERY_DAY),
        ("everyday", EVERY_DAY),
        ("Every Day", EVERY_DAY),
        ("tous-les-jours", EVERY_DAY),
        ("tous les jours", EVERY_DAY),
        ("weekdays", WEEKDAYS),
        ("semaine", WEEKDAYS),
        ("weekends", frozenset({5, 6})),
        ("week-end", frozenset({5, 6})),
        ("mon,wed,fri", frozenset({0, 2, 4})),
        ("Mon, Wed, Fri", frozenset({0, 2, 4})),
        ("lundi,mercredi", frozenset({0, 2})),
        ("mardi jeudi", frozenset({1, 3})),
        ("sunday", frozenset({6})),
        ("mon-fri", WEEKDAYS),
        ("fri-mon", frozenset({4, 5, 6, 0})),
        ("weekends,mon", frozenset({5, 6, 0})),
        # Spanish and German (issue 18: every language's words, accents or not)
        ("lunes,miércoles", frozenset({0, 2})),
        ("sáb dom", frozenset({5, 6})),
        ("lun-vie", WEEKDAYS),
        ("laborables", WEEKDAYS),
        ("entre semana", WEEKDAYS),
        ("fines de semana", frozenset({5, 6})),
        ("diario", EVERY_DAY),
        ("Mo,Mi,Fr", frozenset({0, 2, 4})),
        ("Montag Donnerstag", frozenset({0, 3})),
        ("mo-fr", WEEKDAYS),
        ("werktags", WEEKDAYS),
        ("täglich", EVERY_DAY),
        ("am Wochenende", frozenset({5, 6})),
        ("freitags", frozenset({4})),
    ],
)
def test_parse_days_accepts(text: str, expected: frozenset[int]):
    assert parse_days(text) == expected


@pytest.mark.parametrize("text", ["", "  ", ",", "someday", "mon,funday", "lundi-xyz", "8"])
def test_parse_days_rejects(text: str):
    with pytest.raises(ValueError, match="day"):
        parse_days(text)


def test_load_zone():
    # Read from the tzdata package (bot/timezones.py): one object per name, not the
    # ZoneInfo("Europe/Paris") of zoneinfo's own cache, with the same key.
    assert load_zone("Europe/Paris").key == PARIS.key == "Europe/Paris"
    assert load_zone(" Europe/Paris ") is load_zone("Europe/Paris")
    assert str(load_zone("Europe/Paris")) == "Europe/Paris"


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "../etc/passwd", "/etc/localtime", "Paris"])
def test_check_zone_rejects_unknown_or_malformed(name: str):
    with pytest.raises(ValueError, match="not a time zone"):
        check_zone(name)
    assert load_zone(name).key == "UTC"  # a stored one reads as UTC (bot/timezones.py)
