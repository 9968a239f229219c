"""Helpers to follow a console transcript: the welcome's advice, and what each answer
must show a newcomer."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.fakes import START


def advice(welcome: list[str]) -> list[str]:
    """The commands the welcome's second line suggests: `Try first: /a · /b x · /c`."""
    assert len(welcome) == 2, welcome
    suggested = welcome[1].split(":", 1)[1]
    return [command.strip() for command in suggested.split("·")]


def check_answer(locale: str, line: str, answer: str) -> None:
    """What a newcomer must see after typing ``line``: an answer, no refusal, data."""
    assert answer.strip(), f"{line!r} got no answer"
    assert "⚠" not in answer, f"{line!r} was refused:\n{answer}"
    word = line.split()[0].lower()
    if word == "/kudos" or "++" in line:
        assert re.search(r"^roots: 🌱 @", answer, re.M), f"{line!r} gave no kudos:\n{answer}"
    elif word == "/leaderboard":
        assert re.search(r"^    1\. @", answer, re.M), f"{line!r} shows an empty board:\n{answer}"
        assert text(locale, "leaderboard.empty") not in answer
    elif word == "/roots":
        assert text(locale, "roots.helped_most") in answer, answer
        assert text(locale, "roots.no_helpers") not in answer, f"{line!r} shows no roots"
    elif word == "/help":
        assert text(locale, "help.title") in answer
    elif word == "/wait":  # moving the clock shows what Roots posts meanwhile
        assert re.search(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d [^]]*\] #", answer, re.M), answer


class Session:
    """A console fed one line at a time, each line's answer read on its own."""

    def __init__(self, console: ConsoleAdapter, out: io.StringIO) -> None:
        self.console = console
        self.out = out

    async def type(self, line: str) -> str:
        start = len(self.out.getvalue())
        await self.console.handle_line(line)
        return self.out.getvalue()[start:]


async def run_console(
    db: Path, lines: Sequence[str], *, actor: str = "alice", start: datetime = START
) -> str:
    """A console session on a fresh SQLite core whose simulated clock starts at
    ``start``: ``lines`` typed as ``actor``, everything the console printed returned."""
    out = io.StringIO()
    async with running_core(
        Settings(database_url=f"sqlite:///{db}"), clock=ManualClock(start)
    ) as core:
        console = ConsoleAdapter(core, out=out, actor=actor)
        await core.scheduler.startup()
        await console.run(io.StringIO("\n".join(lines)), interactive=False)
    return out.getvalue()
