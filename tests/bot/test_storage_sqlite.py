"""The SQLite store: migrations, pragmas, durability, grouped writes and closing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.periods import month_key, week_key
from bot.storage import store_from_url
from bot.storage.migrations import migrations
from bot.storage.records import (
    CommunityDefaults,
    KudosDraft,
    KudosStatus,
    SchemaTooNewError,
    StorageError,
    Tally,
)
from bot.storage.sqlite import SqliteStore
from bot.types import Member
from bot.wiring import running_core
from tests.fakes import (
    CHANNEL,
    COMMUNITY,
    PLATFORM,
    START,
    ask,
    assert_refused,
    context,
    en,
    member,
    thank,
)

LATEST = migrations("sqlite")[-1][0]
DEFAULTS = CommunityDefaults(PLATFORM, "UTC", "en")
WRITER = "roots-sqlite-writer"


def peek(path: str | Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql, params).fetchall()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "roots.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SqliteStore]:
    opened = SqliteStore(db_path)
    await opened.open()
    await opened.get_community(COMMUNITY, DEFAULTS)
    try:
        yield opened
    finally:
        await opened.close()


def draft(
    giver: str,
    *receivers: str,
    at: datetime = START,
    event_id: str | None = None,
    budget: int = 5,
) -> KudosDraft:
    day = at.date()
    return KudosDraft(
        community_id=COMMUNITY,
        action_id=uuid.uuid4().hex,
        giver=member(giver),
        receivers=tuple(member(r) for r in receivers),
        reason="thanks",
        channel_id=CHANNEL,
        source="command",
        source_event_id=event_id,
        created_at=at,
        local_day=day,
        season=1,
        week_key=week_key(day),
        month_key=month_key(day),
        budget=budget,
        cooldown_since=at - timedelta(seconds=60),
    )


# ---------------------------------------------------------------- migrations


async def test_opening_creates_the_schema_at_the_latest_version(store, db_path):
    assert await store.schema_version() == LATEST
    versions = peek(db_path, "SELECT version, name FROM schema_version ORDER BY version")
    assert versions == [(v, name) for v, name, _ in migrations("sqlite")]
    tables = {name for (name,) in peek(db_path, "SELECT name FROM sqlite_master")}
    assert {
        "communities",
        "members",
        "kudos",
        "kudos_revocations",
        "kudos_totals",
        "kudos_pairs",
    } <= tables


async def test_reopening_does_not_apply_migrations_again(store, db_path):
    await store.record_kudos(draft("alice", "bob"))
    await store.close()
    before = peek(db_path, "SELECT * FROM schema_version")

    again = SqliteStore(db_path)
    await again.open()
    try:
        assert await again.schema_version() == LATEST
        assert peek(db_path, "SELECT * FROM schema_version") == before
        assert await again.count_active_kudos(COMMUNITY) == 1
    finally:
        await again.close()


async def test_a_database_from_a_newer_roots_refuses_to_open(store, db_path):
    await store.close()
    with closing(sqlite3.connect(db_path)) as db:
        db.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'future', 'x')",
            (LATEST + 1,),
        )
        db.commit()

    newer = SqliteStore(db_path)
    with pytest.raises(SchemaTooNewError) as caught:
        await newer.open()
    await newer.close()

    message = str(caught.value)
    assert f"schema version {LATEST + 1}" in message
    assert f"version {LATEST}." in message
    assert str(db_path) in message
    assert isinstance(caught.value, StorageError)  # `roots` reports it as a database problem
    assert peek(db_path, "SELECT max(version) FROM schema_version") == [(LATEST + 1,)]


# ---------------------------------------------------------------- pragmas


async def test_the_database_is_in_wal_mode(store, db_path):
    # journal_mode=WAL is stored in the file: a brand-new connection sees it.
    assert peek(db_path, "PRAGMA journal_mode") == [("wal",)]


async def test_the_writer_enforces_foreign_keys(store):
    async def pragmas(tx):
        return {name: await tx.value(f"PRAGMA {name}") for name in ("foreign_keys", "busy_timeout")}

    assert await store.write(pragmas) == {"foreign_keys": 1, "busy_timeout": 10_000}

    async def orphan(tx):
        await tx.run(
            "INSERT INTO members (community_id, member_id, display_name) VALUES ('nope', 'x', 'x')"
        )

    with pytest.raises(StorageError, match="FOREIGN KEY"):
        await store.write(orphan)
    assert await store.get_member("nope", "x") is None


# ---------------------------------------------------------------- durability


async def test_data_survives_closing_and_reopening(tmp_path, clock):
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings, clock=clock) as core:
        await thank(core, "alice", "bob", "carol")
        await ask(core, "roots-config", "budget", "9", actor="admin", admin=True)
        await ask(core, "roots", "optout", actor="dan")

    async with running_core(settings, clock=clock) as core:
        assert await core.store.count_active_kudos(COMMUNITY) == 2
        totals = await core.store.tallies(COMMUNITY, "U-alice", ["life"])
        assert totals["life"] == Tally(given=2)
        assert (await core.communities.settings(context("alice"))).daily_budget == 9
        dan = await core.store.get_member(COMMUNITY, "U-dan")
        assert dan is not None and dan.opted_out
        reply = await thank(core, "alice", "erin")
        assert en("kudos.footer", ids="#3", left=6, budget=9) in reply.as_text()


# ---------------------------------------------------------------- grouped writes


async def test_a_failing_write_does_not_sink_the_others_in_its_batch(store, db_path, caplog):
    caplog.set_level(logging.WARNING, logger="bot.storage.sqlite")

    async def boom(db):
        await db.execute(
            "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
            " VALUES ('half-done', 'test', 'UTC', 'en', 'now')"
        )
        raise RuntimeError("boom")

    async def orphan(tx):
        await tx.run(
            "INSERT INTO members (community_id, member_id, display_name) VALUES ('nope', 'x', 'x')"
        )

    async def fine(db):
        await db.execute(
            "UPDATE communities SET daily_budget = 7 WHERE community_id = ?", (COMMUNITY,)
        )
        return "ok"

    jobs = [store.record_kudos(draft(f"g{i}", "bob")) for i in range(5)]
    jobs += [store.write(boom), store.write(orphan), store.write(fine)]
    jobs += [store.record_kudos(draft(f"g{i}", "carol")) for i in range(5, 10)]

    results = await asyncio.gather(*jobs, return_exceptions=True)

    outcomes, rest = results[:5] + results[8:], results[5:8]
    kudos = [k for k in outcomes if not isinstance(k, BaseException)]
    assert len(kudos) == len(outcomes), outcomes
    assert [k.status for k in kudos] == [KudosStatus.RECORDED] * 10
    assert sorted(i for k in kudos for i in k.kudos_ids) == list(range(1, 11))
    assert type(rest[0]) is RuntimeError and str(rest[0]) == "boom"
    assert isinstance(rest[1], StorageError)
    assert rest[2] == "ok"
    assert "retrying" in caplog.text  # the writes really were grouped, then retried
    assert await store.count_active_kudos(COMMUNITY) == 10
    assert peek(db_path, "SELECT count(*) FROM communities WHERE community_id = 'half-done'") == [
        (0,)
    ]
    assert peek(db_path, "SELECT daily_budget FROM communities") == [(7,)]


async def test_grouped_kudos_still_apply_budget_cooldown_and_duplicates(store):
    drafts = [draft("alice", f"r{i}") for i in range(7)]  # budget 5
    drafts += [draft("bob", "carol"), draft("bob", "carol")]  # cooldown
    drafts += [draft("dan", "erin", event_id="e1"), draft("dan", "frank", event_id="e1")]

    outcomes = await asyncio.gather(*(store.record_kudos(d) for d in drafts))

    assert [o.status for o in outcomes] == [KudosStatus.RECORDED] * 5 + [
        KudosStatus.OVER_BUDGET,
        KudosStatus.OVER_BUDGET,
        KudosStatus.RECORDED,
        KudosStatus.COOLDOWN,
        KudosStatus.RECORDED,
        KudosStatus.DUPLICATE,
    ]
    assert [o.given_today for o in outcomes[:5]] == [1, 2, 3, 4, 5]
    assert await store.count_active_kudos(COMMUNITY) == 7


async def test_a_large_batch_of_multi_receiver_kudos_is_all_recorded(store):
    drafts = [
        draft(f"g{i:03d}", *(f"r{i:03d}-{j}" for j in range(5)), event_id=f"ev-{i}")
        for i in range(60)
    ]

    outcomes = await asyncio.gather(*(store.record_kudos(d) for d in drafts))

    assert all(o.status is KudosStatus.RECORDED for o in outcomes)
    assert await store.count_active_kudos(COMMUNITY) == 300


async def test_a_large_batch_is_written_in_one_go(store, caplog):
    caplog.set_level(logging.WARNING, logger="bot.storage.sqlite")
    drafts = [draft(f"g{i:03d}", *(f"r{i:03d}-{j}" for j in range(5))) for i in range(60)]

    await asyncio.gather(*(store.record_kudos(d) for d in drafts))

    assert "Grouped write failed" not in caplog.text


# ---------------------------------------------------------------- closing


def writer_tasks() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t.get_name() == WRITER and not t.done()]


async def test_close_stops_the_writer_and_later_calls_raise_storage_error(store):
    assert len(writer_tasks()) == 1
    await store.record_kudos(draft("alice", "bob"))

    await store.close()

    assert writer_tasks() == []
    with pytest.raises(StorageError):
        await store.record_kudos(draft("alice", "carol"))
    with pytest.raises(StorageError):
        await store.write(lambda db: db.execute("SELECT 1"))
    with pytest.raises(StorageError):
        await store.count_active_kudos(COMMUNITY)
    with pytest.raises(StorageError):
        await store.get_community(COMMUNITY, DEFAULTS)
    await store.close()  # closing twice is harmless


async def test_close_answers_writes_already_queued(store):
    pending = [asyncio.ensure_future(store.record_kudos(draft(f"g{i}", "bob"))) for i in range(5)]
    await asyncio.sleep(0)  # they are queued

    await store.close()

    assert all(p.done() for p in pending)
    assert [p.result().status for p in pending] == [KudosStatus.RECORDED] * 5


async def test_after_close_members_are_told_to_try_again(tmp_path, clock):
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings, clock=clock) as core:
        await thank(core, "alice", "bob")
    # The core's store is closed now; an event that still arrives gets a polite answer.
    assert_refused(await thank(core, "alice", "carol"), "error.storage")
    assert peek(tmp_path / "roots.db", "SELECT count(*) FROM kudos") == [(1,)]


async def test_a_write_racing_with_close_is_answered(store):
    closing_task = asyncio.create_task(store.close())
    late = asyncio.create_task(store.record_kudos(draft("alice", "bob")))
    await closing_task
    for _ in range(20):
        await asyncio.sleep(0)
    try:
        assert late.done()
        with pytest.raises(StorageError):
            late.result()
    finally:
        late.cancel()
        with contextlib.suppress(asyncio.CancelledError, StorageError):
            await late


async def test_store_from_url_builds_an_unopened_sqlite_store(tmp_path):
    built = store_from_url(f"sqlite:///{tmp_path}/x.db")

    assert isinstance(built, SqliteStore)
    assert built.path == f"{tmp_path}/x.db"
    assert not (tmp_path / "x.db").exists()
    with pytest.raises(StorageError):
        await built.count_active_kudos(COMMUNITY)
    with pytest.raises(ValueError, match="not supported"):
        store_from_url("mysql://localhost/roots")


async def test_members_are_upserted_with_their_latest_name(store):
    await store.upsert_members(COMMUNITY, [Member("U-1", "sam"), Member("U-2", "Kim")])
    await store.upsert_members(COMMUNITY, [Member("U-1", "samuel")])

    assert (await store.get_member(COMMUNITY, "U-1")).name == "samuel"
    assert (await store.find_member_by_name(COMMUNITY, "kim")).id == "U-2"
    assert await store.find_member_by_name(COMMUNITY, "sam") is None
