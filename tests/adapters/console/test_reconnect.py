"""Reconnect in the console (issue 16): suggestions, their buttons through /press, and
the weekly nudge printed as a private message."""

from __future__ import annotations

from pathlib import Path

from bot.messages import text
from tests.adapters.console.transcript import run_console


async def run_session(db: Path, lines: list[str]) -> str:
    return await run_console(db, lines)


HISTORY = [
    "/kudos @bob helped me debug the release",
    "/as bob",
    "/kudos @alice thanks for the review",
    "/as alice",
    "/wait 61d",
]


async def test_a_quiet_friend_is_suggested_and_say_thanks_again_tells_the_line(tmp_path) -> None:
    out = await run_session(
        tmp_path / "r.db",
        [*HISTORY, "/roots reconnect", "/press 1 say thanks", "/as bob", "/press 1"],
    )
    assert text("en", "reconnect.title") in out
    assert "@bob, 2 months ago, they wrote: “thanks for the review”" in out
    assert "[" + text("en", "reconnect.button_snooze", name="@bob") + "]" in out
    assert text("en", "reconnect.thank_line", name="@bob", handle="bob") in out
    # the buttons were alice's: bob can't press them
    assert text("en", "console.not_your_buttons", name="alice") in out


async def test_not_now_then_the_weekly_nudge_in_private(tmp_path) -> None:
    out = await run_session(
        tmp_path / "r.db",
        [
            *HISTORY,
            "/roots nudges on",
            "/wait 7d",  # the next Monday 10:00: the nudge, privately
            "/roots reconnect",
            "/press 1 not now",
            "/roots reconnect",
            "/wait 7d",  # nothing to say: nothing printed
        ],
    )
    assert text("en", "nudges.on", day="Monday", time="10:00", zone="UTC") in out
    nudge = "roots (only alice sees this): ** " + text("en", "nudge.title") + " **"
    assert out.count(nudge) == 1
    assert "[2026-06-01 10:00 UTC]\n" + nudge in out
    assert text("en", "reconnect.snoozed", name="@bob", days=90) in out
    assert text("en", "reconnect.none", days=60) in out
