"""The first five minutes, word for word: the README's quick start and the console
welcome's advice are run exactly as written, and every line must get a helpful answer.

If the README or the welcome suggests something that stops working (a refusal, an
empty board), these tests fail.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.adapters.console.transcript import Session, advice, check_answer

REPO = Path(__file__).resolve().parents[3]


def quick_start() -> tuple[list[str], str]:
    """The console lines of the README's quick start, and its piped-input example."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block is not None, "the quick start has no console block"
    piped = re.search(r"printf '([^']*)' \| \.venv/bin/roots console", section)
    assert piped is not None, "the quick start has no piped-input example"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    return lines, piped.group(1).replace("\\n", "\n")


async def welcome_and_answers(
    db: Path, locale: str, lines: list[str] | None = None, actor: str = "you"
) -> tuple[list[str], list[tuple[str, str]]]:
    """The welcome's lines, then each typed line with its answer (the welcome's own
    advice when ``lines`` is None)."""
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{db}", default_locale=locale)
    async with running_core(settings) as core:
        console = ConsoleAdapter(core, out=out, actor=actor)
        await console.run(io.StringIO(""), interactive=True)  # welcome, then end of input
        welcome = out.getvalue().removesuffix(f"{actor}> ").splitlines()
        session = Session(console, out)
        typed = advice(welcome) if lines is None else lines
        answers = [(line, await session.type(line)) for line in typed]
    return welcome, answers


@pytest.mark.parametrize("locale", ["en", "fr", "es", "de"])
async def test_the_welcome_is_two_natural_lines(tmp_path: Path, locale: str) -> None:
    welcome, _ = await welcome_and_answers(tmp_path / "roots.db", locale, [])
    assert len(welcome) == 2, welcome
    assert welcome[0] == text(locale, "console.welcome")
    assert welcome[1] == text(locale, "console.try")
    for odd in ("You are you", "Tu es you", "Eres you", "Du bist you", "/as you"):
        assert odd not in "\n".join(welcome)
    named, _ = await welcome_and_answers(tmp_path / "roots.db", locale, [], actor="alice")
    assert named[0] == text(locale, "console.welcome_as", name="alice")


@pytest.mark.parametrize("locale", ["en", "fr", "es", "de"])
async def test_the_welcome_s_advice_works_word_for_word(tmp_path: Path, locale: str) -> None:
    _, answers = await welcome_and_answers(tmp_path / "roots.db", locale)
    assert len(answers) >= 3
    for line, answer in answers:
        check_answer(locale, line, answer)


async def test_the_readme_quick_start_works_line_by_line(tmp_path: Path) -> None:
    lines, _ = quick_start()
    _, answers = await welcome_and_answers(tmp_path / "roots.db", "en", lines)
    for line, answer in answers:
        check_answer("en", line, answer)


def roots_command(tmp_path: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    """`roots …` with no token, in a fresh directory (as on a fresh clone)."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "ROOTS_", "DATABASE_URL"))
    } | {"ROOTS_WEB": "off"}  # no dashboard on port 8080 here (tests/adapters/web serve it)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**environ, "PYTHONPATH": str(REPO)},
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_the_readme_quick_start_through_make_run_and_piped_input(tmp_path: Path) -> None:
    lines, piped = quick_start()
    # `make run` runs `roots`: with no token, the console, on roots.db.
    done = roots_command(tmp_path, stdin="\n".join(lines) + "\n")
    assert "⚠" not in done.stdout, done.stdout
    assert "roots: 🌱 @" in done.stdout
    assert (tmp_path / "roots.db").is_file()
    # The piped example, on the same database: it survives the restart.
    again = roots_command(tmp_path, "console", stdin=piped)
    assert "⚠" not in again.stdout, again.stdout
    assert "roots: 🌱 @" in again.stdout
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        (count,) = conn.execute("SELECT count(*) FROM kudos").fetchone()
    assert count == sum(1 for line in lines if "++" in line or line.startswith("/kudos")) + sum(
        1 for line in piped.splitlines() if "++" in line or line.startswith("/kudos")
    )
