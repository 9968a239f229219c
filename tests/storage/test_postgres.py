"""The PostgreSQL store under several processes, migrations, and lost connections.

The behaviour shared with SQLite is covered by the core tests, which run on both
backends (tests/bot/conftest.py). Skipped without a reachable server, unless
ROOTS_REQUIRE_POSTGRES=1 (see tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.storage import store_from_url
from bot.storage.migrations import migrations
from bot.storage.postgres import PostgresStore
from bot.storage.records import (
    CommunityDefaults,
    Replan,
    ScheduleDraft,
    SchemaTooNewError,
    StorageError,
)
from bot.types import Member
from bot.wiring import running_core
from tests.fakes import call
from tests.storage import pg
from tests.storage.pg_worker import COMMUNITY, GIVER, START, draft

ROOT = Path(__file__).resolve().parents[2]
LATEST = migrations("postgres")[-1][0]
DEFAULTS = CommunityDefaults(platform="console", timezone="UTC", locale="en")


@pytest.fixture
async def store(postgres_url: str):
    opened = PostgresStore(postgres_url, pool_size=3)
    await opened.open()
    await opened.get_community(COMMUNITY, DEFAULTS)
    yield opened
    await opened.close()


def spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.storage.pg_worker", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", (line, proc.stderr.read() if proc.stderr else "")


def go(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()


def test_postgres_urls_build_a_postgres_store_with_the_pool_size_asked():
    built = store_from_url("postgresql://roots@db.example/roots", pool_size=3)
    assert isinstance(built, PostgresStore)
    assert built.pool_size == 3
    assert isinstance(store_from_url("postgres://roots@db.example/roots"), PostgresStore)
    default = store_from_url("postgresql://roots@db.example/roots")
    assert isinstance(default, PostgresStore) and default.pool_size == 10


async def test_stores_opening_together_migrate_once(postgres_url):
    stores = [PostgresStore(postgres_url, pool_size=2) for _ in range(6)]
    await asyncio.gather(*(s.open() for s in stores))
    try:
        versions = pg.rows(postgres_url, "SELECT version FROM schema_version ORDER BY version")
        assert [v for (v,) in versions] == [m[0] for m in migrations("postgres")]
        assert {await s.schema_version() for s in stores} == {LATEST}
    finally:
        await asyncio.gather(*(s.close() for s in stores))
    # Opening again applies nothing.
    again = PostgresStore(postgres_url)
    await again.open()
    await again.close()
    assert len(pg.rows(postgres_url, "SELECT version FROM schema_version")) == len(
        migrations("postgres")
    )


async def test_a_database_newer_than_the_code_refuses_to_start(store, postgres_url):
    pg.rows(
        postgres_url,
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'future', 'x')"
        " RETURNING version",
        LATEST + 1,
    )
    newer = PostgresStore(postgres_url)
    with pytest.raises(SchemaTooNewError, match=f"schema version {LATEST + 1}.*Upgrade Roots"):
        await newer.open()


async def test_an_unreachable_server_is_a_storage_error():
    # Port 1 on loopback: nothing listens there.
    store = PostgresStore("postgresql://postgres:secret@127.0.0.1:1/test")
    with pytest.raises(StorageError, match="cannot open") as caught:
        await store.open()
    assert "secret" not in str(caught.value)
    with pytest.raises(StorageError, match="not open"):
        await store.count_active_kudos(COMMUNITY)


def prepare(url: str, schedules: int = 0) -> None:
    """The community (and ``schedules`` unplanned daily schedules), from sync code."""

    async def run() -> None:
        store = PostgresStore(url, pool_size=2)
        await store.open()
        try:
            await store.get_community(COMMUNITY, DEFAULTS)
            for i in range(schedules):
                await store.upsert_schedule(
                    ScheduleDraft(
                        community_id=COMMUNITY,
                        channel_id=f"C-{i:03d}",
                        kind="prompt",
                        at_time=f"{8 + i % 4:02d}:{15 * (i % 2):02d}",
                        timezone=("UTC", "Europe/Paris", "America/New_York")[i % 3],
                        days=frozenset(range(7)),
                        locale="en",
                    ),
                    Replan(0, None, None),  # unplanned: the schedulers plan them at start
                )
        finally:
            await store.close()

    pg.run_sync(run)


def test_four_processes_racing_one_giver_never_exceed_the_budget(postgres_url):
    prepare(postgres_url)
    procs = [spawn("kudos", postgres_url, str(i), "6") for i in range(4)]
    try:
        wait_ready(procs)
        go(procs)
        outputs = [proc.communicate(timeout=60) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    statuses = Counter(
        (line.split()[0].startswith("shared"), line.split()[1])
        for out, _ in outputs
        for line in out.splitlines()
    )
    # The shared platform event counts once; the budget (5) caps the rest.
    assert statuses[(True, "recorded")] + statuses[(True, "over_budget")] >= 1
    assert statuses[(True, "recorded")] <= 1
    recorded = statuses[(True, "recorded")] + statuses[(False, "recorded")]
    assert recorded == 5
    rows = pg.rows(
        postgres_url,
        "SELECT count(*), count(DISTINCT kudos_id) FROM kudos WHERE giver_id = ?",
        GIVER.id,
    )
    assert rows == [(5, 5)]
    totals = pg.rows(
        postgres_url,
        "SELECT given FROM kudos_totals WHERE member_id = ? AND period = 'life'",
        GIVER.id,
    )
    assert totals == [(5,)]


def test_three_scheduler_processes_post_once_per_schedule_and_day(postgres_url, tmp_path):
    prepare(postgres_url, schedules=100)
    days = 30
    logs = [tmp_path / f"sent-{i}.log" for i in range(3)]
    procs = [spawn("scheduler", postgres_url, str(i), str(days), str(logs[i])) for i in range(3)]
    try:
        wait_ready(procs)
        go(procs)
        victim = procs[2]
        assert victim.stdout is not None
        for line in victim.stdout:  # let it work a while, then kill it mid-run
            if line.strip() == "day 8":
                break
        else:
            pytest.fail(f"the third scheduler stopped early: {victim.communicate()[1]}")
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        outputs = [proc.communicate(timeout=120) for proc in procs[:2]]
    finally:
        for proc in procs:
            proc.kill()
    for proc, (out, err) in zip(procs[:2], outputs, strict=True):
        assert proc.returncode == 0, err
        assert f"day {days}" in out
    rows = pg.rows(
        postgres_url, "SELECT schedule_id, local_date, status, platform_message_id FROM posts"
    )
    keys = [(s, d) for s, d, _, _ in rows]
    assert len(keys) == len(set(keys))  # one post per schedule and day
    by_schedule: dict[int, list[date]] = {}
    for schedule_id, day in keys:
        by_schedule.setdefault(schedule_id, []).append(date.fromisoformat(day))
    assert len(by_schedule) == 100
    for found in by_schedule.values():  # every day, none missed (30 or 31 by the hour)
        found.sort()
        assert len(found) in (days, days + 1)
        assert (found[-1] - found[0]).days == len(found) - 1
    statuses = Counter(status for _, _, status, _ in rows)
    assert set(statuses) <= {"sent", "claimed"}  # claimed: in doubt after the kill
    assert statuses["claimed"] <= 100
    delivered = [
        line.split()[0] for log in logs if log.exists() for line in log.read_text().splitlines()
    ]
    assert len(delivered) == len(set(delivered))  # no message sent twice
    assert len(delivered) <= len(keys)
    sent_ids = {m for _, _, status, m in rows if status == "sent"}
    assert sent_ids <= set(delivered)
    assert len(sent_ids) == statuses["sent"]


NUDGED = 12


def prepare_nudges(url: str) -> None:
    """NUDGED members who each thanked "hub" twice 80 days ago, with weekly nudges on."""

    async def run() -> None:
        clock = ManualClock(START - timedelta(days=80))
        async with running_core(Settings(database_url=url), clock=clock) as core:
            hub = Member("U-hub", "hub")
            for day in (0, 1):
                clock.set(START - timedelta(days=80 - day))
                for i in range(NUDGED):
                    kudos = call("kudos", hub, "thanks", actor=f"m{i}")
                    assert (await core.router.command(kudos))[0].tone.value == "success"
            clock.set(START)
            for i in range(NUDGED):
                on = await core.router.command(call("roots", "nudges", "on", actor=f"m{i}"))
                assert on[0].tone.value == "success", on[0].as_text()

    pg.run_sync(run)


def test_two_processes_send_each_member_one_nudge_a_week(postgres_url, tmp_path):
    """Reconnect (issue 16): two schedulers on one database, four weeks, one nudge per
    member per week, none twice."""
    prepare_nudges(postgres_url)
    days = 28  # four Mondays: 30 March, 6, 13 and 20 April 2026
    logs = [tmp_path / f"sent-{i}.log" for i in range(2)]
    procs = [spawn("scheduler", postgres_url, str(i), str(days), str(logs[i])) for i in range(2)]
    try:
        wait_ready(procs)
        go(procs)
        outputs = [proc.communicate(timeout=120) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert f"day {days}" in out
    delivered = Counter(
        line.split()[1] for log in logs if log.exists() for line in log.read_text().splitlines()
    )
    assert delivered == {f"dm:U-m{i}": 4 for i in range(NUDGED)}
    rows = pg.rows(postgres_url, "SELECT schedule_id, local_date, status FROM posts")
    assert len(rows) == 4 * NUDGED
    assert len({(s, d) for s, d, _ in rows}) == len(rows)
    assert {status for _, _, status in rows} == {"sent"}


async def test_a_lost_connection_fails_the_command_then_the_pool_recovers(store, postgres_url):
    await store.upsert_members(COMMUNITY, [Member("U-a", "a")])
    blocker = await asyncpg.connect(pg.server_url())
    try:
        # Hold the giver's kudos lock so the store's command is in flight...
        await blocker.execute("BEGIN")
        await blocker.execute(
            "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", COMMUNITY, GIVER.id
        )
        pending = asyncio.create_task(store.record_kudos(draft("cut", "U-a", None)))
        await asyncio.sleep(0.3)
        assert not pending.done()
        # ...then end every backend of this test's schema (not the server).
        ended = await blocker.fetchval(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = $1) AS t",
            pg.schema_of(postgres_url),
        )
        assert ended >= 1
        with pytest.raises(StorageError):
            await asyncio.wait_for(pending, timeout=10)
        await blocker.execute("ROLLBACK")
    finally:
        await blocker.close()
    # Recovery: new connections, same data.
    outcome = await store.record_kudos(draft("after", "U-a", None))
    assert outcome.status.value == "recorded"
    assert await store.count_active_kudos(COMMUNITY) == 1
    assert (await store.get_member(COMMUNITY, "U-a")) is not None
    # Idle connections ended too: the next command still works.
    pg.run_sync(
        lambda: _terminate(pg.schema_of(postgres_url)),
    )
    for _ in range(3):
        try:
            assert await store.count_active_kudos(COMMUNITY) == 1
            break
        except StorageError:
            continue
    else:
        pytest.fail("the pool never recovered")


async def _terminate(application_name: str) -> None:
    conn = await asyncpg.connect(pg.server_url())
    try:
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            application_name,
        )
    finally:
        await conn.close()


async def test_ids_come_from_returning_and_events_count_once(store):
    first = await store.record_kudos(draft("one", "U-a", "e1"))
    two = replace(draft("two", "U-b", None), receivers=(Member("U-b", "b"), Member("U-c", "c")))
    second = await store.record_kudos(two)
    assert len(first.kudos_ids) == 1 and len(second.kudos_ids) == 2
    assert min(second.kudos_ids) > first.kudos_ids[0]
    assert second.given_today == 3
    again = await store.record_kudos(draft("one-again", "U-a", "e1"))
    assert again.status.value == "duplicate"
    assert again.given_today == 3


async def test_a_store_that_cannot_open_never_shows_the_password() -> None:
    """Both forms of a password (user:pass@ and ?password=) are masked in the error a
    member's operator sees; the query form used to be shown as typed."""
    store = PostgresStore(
        "postgresql://roots:hunter2@127.0.0.1:9/roots?password=hunter3&connect_timeout=1"
    )
    with pytest.raises(StorageError) as caught:
        await store.open()
    message = str(caught.value)
    assert "hunter2" not in message and "hunter3" not in message
    assert "roots:***@127.0.0.1:9" in message
