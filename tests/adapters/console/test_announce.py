"""Quiet announcements in the console (issue 15): /roots-config announce private keeps a
kudos confirmation to its giver; #channel posts it in that channel."""

from __future__ import annotations

import io
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.fakes import START


async def run_session(db: Path, lines: list[str]) -> str:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{db}")
    async with running_core(settings, clock=ManualClock(START)) as core:
        console = ConsoleAdapter(core, out=out, actor="alice")
        await console.run(io.StringIO("\n".join(lines)), interactive=False)
    return out.getvalue()


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


async def test_private_confirmations_are_seen_by_the_giver_only(tmp_path: Path) -> None:
    out = await run_session(
        tmp_path / "r.db",
        [
            "/as bob",
            "/as admin:ada",
            "/roots-config announce private",
            "/as alice",
            "/kudos @bob for the fix",
        ],
    )

    assert en("announce.set_private") in out
    assert "roots (only alice sees this): 🌱 @alice thanked @bob" in out


async def test_a_log_channel_gets_the_confirmation(tmp_path: Path) -> None:
    out = await run_session(
        tmp_path / "r.db",
        [
            "/as bob",
            "/as admin:ada",
            "/roots-config announce #kudos-log",
            "/as alice",
            "/kudos @bob for the fix",
        ],
    )

    assert en("announce.set_channel", channel="#kudos-log") in out
    assert "#kudos-log\nroots: 🌱 @alice thanked @bob" in out  # posted in the log channel
    assert "roots (only alice sees this): " + en("announce.posted", channel="#kudos-log") in out
