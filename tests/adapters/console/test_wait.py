"""The console on a simulated clock: /wait prints every post that falls due, in order,
with its local timestamp; ✅ on a post checks in."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core


async def run_session(db: Path, lines: str, start: datetime) -> str:
    out = io.StringIO()
    clock = ManualClock(start)
    async with running_core(Settings(database_url=f"sqlite:///{db}"), clock=clock) as core:
        console = ConsoleAdapter(core, out=out, actor="admin")
        await core.scheduler.startup()
        await console.run(io.StringIO(lines), interactive=False)
    return out.getvalue()


async def test_wait_prints_posts_in_order_with_their_local_time(tmp_path: Path) -> None:
    session = "\n".join(
        [
            "/as admin:root",
            "/roots-config timezone Europe/Paris",
            "/roots-config prompts #general 02:30 Europe/Paris",
            "/roots-config prompts #late 18:00 Europe/Paris weekdays",
            "/wait 2d",
            "/as alice",
            "/react ✅ 1",
            "/react ✅ 1",
            "/wait 90m",
            "/wait soon",
        ]
    )
    out = await run_session(tmp_path / "roots.db", session, datetime(2026, 3, 28, 12, tzinfo=UTC))
    stamps = [line for line in out.splitlines() if line.startswith("[")]

    # Saturday 28 March 18:00 is a weekend for #late; the night of the 29th has no 02:30
    # in Paris (clocks jump to 03:00).
    assert stamps == [
        "[2026-03-29 03:00 Europe/Paris] #general",
        "[2026-03-30 02:30 Europe/Paris] #general",
        "[2026-03-30 14:00 Europe/Paris] #general (updated): "
        + text("en", "prompt.count", count=1),
    ]
    assert text("en", "console.waited", time="2026-03-30 14:00 Europe/Paris") in out
    assert text("en", "console.waited", time="2026-03-30 15:30 Europe/Paris") in out
    assert text("en", "console.usage_wait") in out
    assert text("en", "checkin.already", date="Monday, March 30") in out
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        assert conn.execute("SELECT member_id FROM checkins").fetchall() == [("alice",)]


async def test_wait_needs_a_simulated_clock(tmp_path: Path) -> None:
    out = io.StringIO()
    async with running_core(Settings(database_url=f"sqlite:///{tmp_path}/r.db")) as core:
        await ConsoleAdapter(core, out=out).run(io.StringIO("/wait 1h\n"), interactive=False)
    assert out.getvalue().strip() == text("en", "console.wait_needs_clock")


def test_roots_console_clock_from_the_command_line(tmp_path: Path) -> None:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "ROOTS_", "DATABASE_URL"))
    } | {"ROOTS_WEB": "off"}  # no dashboard on port 8080 here (tests/adapters/web serve it)
    environ["DATABASE_URL"] = f"sqlite:///{tmp_path}/roots.db"
    roots = [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env")]
    stdin = "/as admin:root\n/roots-config prompts #general 09:00 UTC\n/wait 1d\n"
    done = subprocess.run(
        [*roots, "console", "--clock", "2026-03-28T12:00"],
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[2026-03-29 09:00 UTC] #general" in done.stdout
    bad = subprocess.run(
        [*roots, "console", "--clock", "someday"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "is not a date and time" in bad.stderr
