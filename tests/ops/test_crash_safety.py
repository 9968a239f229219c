"""`roots console` killed with SIGKILL in the middle of a stream of kudos.

Every kudos whose confirmation was printed must be in the database after the crash,
none twice; the file passes SQLite's integrity check; a restarted Roots opens it and,
given the whole stream again, records only what was missing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from tests.adapters.test_runner import environment

KUDOS = 300
KILL_AFTER = 40  # confirmations read before the kill


def stream(n: int = KUDOS) -> str:
    lines: list[str] = []
    for i in range(n):
        lines += [f"/as r{i}", f"/as g{i}", f"/kudos @r{i} thanks for step {i}"]
    return "\n".join(lines) + "\n"


async def console(tmp_path: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "--env-file",
        str(tmp_path / "none.env"),
        "console",
        env=environment(tmp_path),
        cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def confirmed_pairs(lines: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for line in lines:
        if "thanked @" in line and line.startswith("roots:"):
            words = line.split()
            found.append((words[2].removeprefix("@"), words[4].removeprefix("@")))
    return found


def ledger(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT giver_id, receiver_id FROM kudos ORDER BY kudos_id").fetchall()


async def test_sigkill_mid_stream_loses_no_confirmed_kudos_and_doubles_none(
    tmp_path: Path,
) -> None:
    db = tmp_path / "roots.db"
    proc = await console(tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(stream().encode())
    await proc.stdin.drain()
    printed: list[str] = []
    try:
        while len(confirmed_pairs(printed)) < KILL_AFTER:
            raw = await asyncio.wait_for(proc.stdout.readline(), 30)
            assert raw, "the console stopped before the kill"
            printed.append(raw.decode())
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    printed += rest.decode().splitlines()
    confirmed = confirmed_pairs(printed)
    assert KILL_AFTER <= len(confirmed) < KUDOS, "the kill must land mid-stream"

    after_crash = ledger(db)
    assert set(confirmed) <= set(after_crash)
    assert len(after_crash) == len(set(after_crash))
    assert all(giver == f"g{receiver[1:]}" for giver, receiver in after_crash)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    # Restart and send the whole stream again: the missing kudos are recorded, those
    # already there are refused by the pair cooldown, nothing is doubled.
    again = await console(tmp_path)
    out, err = await asyncio.wait_for(again.communicate(stream().encode()), 60)
    assert again.returncode == 0, err.decode()
    assert "database is locked" not in out.decode() + err.decode()
    final = ledger(db)
    assert sorted(final) == sorted((f"g{i}", f"r{i}") for i in range(KUDOS))
    assert final[: len(after_crash)] == after_crash
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # the counters leaderboards read agree with the ledger, in every period
        periods = conn.execute(
            "SELECT period, sum(given), sum(received) FROM kudos_totals GROUP BY period"
        ).fetchall()
    assert periods and all(row[1:] == (KUDOS, KUDOS) for row in periods), periods
