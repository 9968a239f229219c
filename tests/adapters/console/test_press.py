"""The console's /press: every button Roots shows can be pressed from the keyboard,
by the member who sees it."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.adapters.console.transcript import run_console

SET_UP = [
    "/as admin:root",
    "/roots-config prompts #general 09:00 UTC",
    "/wait 1d",
]


async def run_session(db: Path, lines: list[str]) -> str:
    return await run_console(db, lines, actor="admin", start=datetime(2026, 3, 28, 12, tzinfo=UTC))


async def test_pressing_the_check_in_button_of_a_prompt_checks_in(tmp_path: Path) -> None:
    out = await run_session(tmp_path / "r.db", [*SET_UP, "/as alice", "/press 1", "/press 1 I DID"])
    button = text("en", "prompt.checkin_button")
    assert f"[{button}]" in out  # the prompt shows its button
    assert text("en", "checkin.already", date="Sunday, March 29") in out  # the second press
    assert "#general (updated): " + text("en", "prompt.count", count=1) in out


async def test_press_explains_itself_when_there_is_nothing_to_press(tmp_path: Path) -> None:
    out = await run_session(
        tmp_path / "r.db", ["/press 1", "/press x", *SET_UP, "/press 2", "/press 1 nope"]
    )
    assert text("en", "console.no_buttons", n="1") in out
    assert text("en", "console.usage_press") in out
    assert text("en", "console.no_buttons", n="2") in out
    labels = text("en", "prompt.checkin_button")
    assert text("en", "console.no_such_button", label="nope", labels=labels) in out
    assert "updated" not in out  # nobody checked in


async def test_a_private_message_s_buttons_are_for_its_viewer_only(tmp_path: Path) -> None:
    async with running_core(Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}")) as core:
        out = io.StringIO()
        console = ConsoleAdapter(core, out=out, actor="alice")
        from bot.types import Button, Reply

        pressed: list[str] = []
        await console.show([Reply(body=(), buttons=(Button("x", (), "1"),))])  # private to alice

        async def button(event: object) -> list[Reply]:
            pressed.append(getattr(event, "value", ""))
            return []

        core.router.button = button  # type: ignore[method-assign]  # hear the press only
        await console.handle_line("/as bob")
        await console.handle_line("/press 1")
        assert text("en", "console.not_your_buttons", name="alice") in out.getvalue()
        assert pressed == []
        await console.handle_line("/as alice")
        await console.handle_line("/press 1")
        assert pressed == ["1"]
