"""Security issue #12, item 18c: the SQLite database is readable by its owner only.

``roots.db`` was created 0644 (with the usual umask) while exports are 0600: any user
of the host could read every member's name, kudos and notes. A new database, and its
``-wal`` and ``-shm`` files, are now created 0600. An existing file keeps the mode its
operator gave it (a backup group may rely on it), with a warning when every user of the
host can read it.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import running_core
from tests.fakes import START, assert_given, thank


@pytest.fixture
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def use(db: Path) -> None:
    async with running_core(
        Settings(database_url=f"sqlite:///{db}"), clock=ManualClock(START)
    ) as core:
        assert_given(await thank(core, "alice", "bob"))
        # WAL mode: both files exist while the store is open (mode() fails otherwise)
        assert (mode(Path(f"{db}-wal")), mode(Path(f"{db}-shm"))) == (0o600, 0o600)


async def test_item18c_a_new_database_and_its_wal_files_are_private(
    tmp_path: Path, usual_umask: None
) -> None:
    db = tmp_path / "data" / "roots.db"
    await use(db)
    assert mode(db) == 0o600


async def test_item18c_an_existing_database_keeps_its_mode_with_a_warning(
    tmp_path: Path, usual_umask: None, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "roots.db"
    await use(db)
    db.chmod(0o640)  # an operator's choice: a backup group reads it
    with caplog.at_level(logging.WARNING):
        async with running_core(Settings(database_url=f"sqlite:///{db}")):
            pass
    assert mode(db) == 0o640
    assert not [r for r in caplog.records if "chmod 600" in r.getMessage()]
    db.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        async with running_core(Settings(database_url=f"sqlite:///{db}")):
            pass
    assert mode(db) == 0o644
    warned = [r.getMessage() for r in caplog.records if "chmod 600" in r.getMessage()]
    assert warned and str(db) in warned[0]
