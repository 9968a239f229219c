"""Issue #12, item 3: a forgotten member's data must not stay in the SQLite files.

After ``/roots-admin forget … confirm`` the erased strings (name, platform id, the
reasons they wrote, the excerpts of their messages) must be in neither the main file
nor the write-ahead log, while the process still runs and after a clean shutdown.

The SQLite here is built with SQLITE_SECURE_DELETE; many are not. Every connection
these tests open starts with ``secure_delete`` OFF, as on such a build, so the store
must turn it on itself. (PostgreSQL keeps dead row versions until VACUUM: the README
says so; its data files are not ours to read.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.storage.sqlite import SqliteStore, _Worker
from bot.types import Tone
from bot.wiring import running_core
from tests.fakes import RecordingDelivery, ask, configure, member, posted, reacted, thank

ZEB = member("Zebulonique", id="U0ZEB4242")
SECRETS = (
    "Zebulonique",
    "zebulonique",
    "U0ZEB4242",
    "zebsecretreason",
    "zebprivatethought",
    "zebplusplusreason",
    "zebnotetext",
)


@pytest.fixture
def insecure_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new SQLite connection starts as on a build without SQLITE_SECURE_DELETE."""
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(*args, **kwargs)
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.fixture
def sqlite_settings(tmp_path: Path, insecure_build: None) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path}/roots.db")


def on_disk(folder: Path) -> dict[str, bytes]:
    """The bytes of the database files (main, WAL, shared memory) that exist."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.name.startswith("roots.db") and p.is_file()
    }


def found(files: dict[str, bytes]) -> list[tuple[str, str]]:
    hits: list[tuple[str, str]] = []
    for name, data in files.items():
        for secret in SECRETS:
            for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le")):
                if encoded in data:
                    hits.append((name, secret))
    return hits


async def populate(core) -> None:
    core.attach_delivery(RecordingDelivery(core.clock))
    await configure(core, "budget", "50")
    await configure(core, "cooldown", "0")
    await thank(core, ZEB, "alice", reason="zebsecretreason one")
    await thank(core, "alice", ZEB, reason="thanks @Zebulonique for the review")
    await thank(core, "bob", "alice", reason="for the talk with Zebulonique")
    await core.router.reaction(
        reacted("alice", ZEB, message_id="m-z", message_text="zebprivatethought of mine")
    )
    await core.router.message(posted(ZEB, member("bob"), "++ zebplusplusreason", event_id="e1"))
    await ask(core, "prompt", "now", actor="admin", admin=True)
    done = await ask(core, "done", "zebnotetext", "called", "mum", actor=ZEB)
    assert done.tone is Tone.SUCCESS, done.as_text()
    # Enough other activity that pages split, merge and move.
    for i in range(40):
        await thank(core, "carol", "bob", reason=f"filler reason number {i} " + "x" * 60)


@pytest.fixture
async def forgotten(
    sqlite_settings: Settings, clock: ManualClock, tmp_path: Path
) -> AsyncIterator[Path]:
    async with running_core(sqlite_settings, clock=clock) as core:
        await populate(core)
        assert found(on_disk(tmp_path))  # the scan sees the secrets while they are there
        reply = await ask(core, "roots-admin", "forget", ZEB, "confirm", actor="admin", admin=True)
        assert reply.tone is Tone.SUCCESS, reply.as_text()
        yield tmp_path


async def test_item3_erased_strings_are_in_no_database_file_while_running(forgotten: Path):
    # What another process (or a backup tool) could read right now.
    assert found(on_disk(forgotten)) == []
    # And after a passive checkpoint copies the log into the main file.
    with sqlite3.connect(forgotten / "roots.db") as conn:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert found(on_disk(forgotten)) == []


async def test_item3_erased_strings_are_in_no_database_file_after_a_clean_shutdown(
    sqlite_settings: Settings, clock: ManualClock, tmp_path: Path
):
    async with running_core(sqlite_settings, clock=clock) as core:
        await populate(core)
        reply = await ask(core, "roots-admin", "forget", ZEB, "confirm", actor="admin", admin=True)
        assert reply.tone is Tone.SUCCESS, reply.as_text()
        # Later writes, before the shutdown, do not bring anything back.
        await thank(core, "carol", "alice", reason="after the erasure")
    files = on_disk(tmp_path)
    assert "roots.db" in files
    assert found(files) == []
    # The data of everyone else is still there.
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        reasons = [r for (r,) in conn.execute("SELECT reason FROM kudos")]
    assert "thanks @former member for the review" in reasons
    assert "after the erasure" in reasons


async def test_item3_every_store_connection_has_secure_delete_on(
    sqlite_settings: Settings, clock: ManualClock
):
    async with running_core(sqlite_settings, clock=clock) as core:
        store = core.store
        assert isinstance(store, SqliteStore)
        for worker in (store._writer, store._reader_worker):
            assert worker is not None

            def pragma(w: _Worker = worker) -> list[Any]:
                return w.conn.execute("PRAGMA secure_delete").fetchall()

            rows = await worker.call(pragma)
            assert rows[0][0] == 1
