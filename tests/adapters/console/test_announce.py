"""Quiet announcements in the console (issue 15): /roots-config announce private keeps a
kudos confirmation to its giver; #channel posts it in that channel."""

from __future__ import annotations

from pathlib import Path

from bot.messages import text
from tests.adapters.console.transcript import run_console


async def run_session(db: Path, lines: list[str]) -> str:
    return await run_console(db, lines)


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
