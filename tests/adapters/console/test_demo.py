"""`roots console --demo` (and `make demo`): a living community from the first command,
on its own database, rebuilt the same at every start."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot import demo
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.adapters.console.transcript import Session, advice, check_answer

REPO = Path(__file__).resolve().parents[3]


def roots(
    tmp_path: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "ROOTS_", "DATABASE_URL"))
    } | {"ROOTS_WEB": "off"}  # no dashboard on port 8080 here (tests/adapters/web serve it)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**environ, "PYTHONPATH": str(REPO), **env},
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def test_the_first_commands_of_the_demo_show_a_living_community(tmp_path: Path) -> None:
    done = roots(tmp_path, "console", "--demo", stdin="/leaderboard\n/roots\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # Before any command: the week's digest, as Roots posted it on Friday at 17:00.
    digest, rest = out.split("roots: ** Leaderboard", 1)
    assert digest.startswith("[2026-04-17 17:00 Europe/Paris] #general\nroots: ** 🌱 This week")
    kudos = re.search(r"Kudos given: (\d+), by (\d+) different", digest)
    assert kudos and int(kudos.group(1)) > 20 and int(kudos.group(2)) >= 8
    assert "Top givers: @" in digest
    leaderboard, roots_of = rest.split("roots (only maya sees this): ** The roots of @maya **")
    check_answer("en", "/leaderboard", "roots: ** Leaderboard" + leaderboard)
    check_answer("en", "/roots", roots_of)
    assert "@bob" in roots_of.split("Pay it back:")[1]  # the welcome suggests thanking him
    # The demo has its own database; the real one is not even created.
    assert (tmp_path / "roots-demo.db").is_file()
    assert not (tmp_path / "roots.db").exists()
    assert "Demo community ready in roots-demo.db" in done.stderr


def test_the_demo_is_rebuilt_the_same_at_every_start(tmp_path: Path) -> None:
    session = "/kudos @bob thanks for the warm welcome\n/roots\n/leaderboard all\n"
    first = roots(tmp_path, "console", "--demo", stdin=session)
    again = roots(tmp_path, "console", "--demo", stdin=session)
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout  # the first run's kudos did not survive
    assert "roots: 🌱 @maya thanked @bob" in first.stdout


def test_the_demo_sits_next_to_the_configured_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    done = roots(tmp_path, "console", "--demo", DATABASE_URL=f"sqlite:///{data}/roots.db")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in data.iterdir() if p.suffix == ".db") == ["roots-demo.db"]


def test_demo_and_clock_do_not_mix(tmp_path: Path) -> None:
    done = roots(tmp_path, "console", "--demo", "--clock", "2026-03-28T12:00")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_the_demo_welcome_s_advice_works_word_for_word(tmp_path: Path, locale: str) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots-demo.db", default_locale=locale)
    async with running_core(settings, clock=ManualClock(demo.start_time())) as core:
        console = ConsoleAdapter(core, out=out, actor=demo.VIEWER)
        await console.seed_demo()
        await core.scheduler.startup()
        await console.run(io.StringIO(""), interactive=True)
        shown = out.getvalue().removesuffix(f"{demo.VIEWER}> ").splitlines()
        welcome = shown[-2:]
        assert welcome[0] == text(
            locale, "console.demo_welcome", time="2026-04-17 17:30 Europe/Paris", name="maya"
        )
        session = Session(console, out)
        commands = advice(welcome)
        assert len(commands) >= 3
        for line in commands:
            check_answer(locale, line, await session.type(line))
