"""The quick-start session in each language, compared with reviewed golden files.

A community whose language is ``en``, ``fr``, ``es`` or ``de`` runs the README's quick
start (its reasons written in that language, as a member would type them), and the whole
console output
must match ``golden/<lang>.txt`` line for line. Those files were read, line by line, as
a native speaker reads them; a change to any message they show makes this test fail
until the golden file is read again and updated. To rewrite them after such a reading:
``ROOTS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/adapters/console/test_golden.py``
(``-k fr`` for one language). Every catalog language must have a session here and a
golden file: adding a language without them fails the first test below.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import LOCALES, text
from bot.wiring import running_core
from tests.adapters.console.transcript import Session, check_answer

GOLDEN = Path(__file__).parent / "golden"
START = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)  # a Wednesday morning

# The README's quick start, with the reasons a member of each language would write.
SESSIONS = {
    "en": [
        "/kudos @bob thanks for the review",
        "@carol++ for yesterday's talk",
        "/leaderboard",
        "/roots @bob",
        "/kudos @you thanks to me",
        "/help",
    ],
    "fr": [
        "/kudos @bob merci pour la relecture",
        "@carol++ pour la présentation d'hier",
        "/leaderboard",
        "/roots @bob",
        "/kudos @you merci à moi",
        "/help",
    ],
    "es": [
        "/kudos @bob gracias por la revisión",
        "@carol++ por la charla de ayer",
        "/leaderboard",
        "/roots @bob",
        "/kudos @you gracias a mí",
        "/help",
    ],
    "de": [
        "/kudos @bob danke fürs Gegenlesen",
        "@carol++ für den Vortrag gestern",
        "/leaderboard",
        "/roots @bob",
        "/kudos @you danke an mich",
        "/help",
    ],
}


async def transcript(db: Path, locale: str) -> tuple[str, list[tuple[str, str]]]:
    """The whole console output (welcome, each typed line, each answer) and the answers."""
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{db}", default_locale=locale)
    async with running_core(settings, clock=ManualClock(START)) as core:
        console = ConsoleAdapter(core, out=out, session="golden")
        await console.run(io.StringIO(""), interactive=True)  # the welcome and a prompt
        session = Session(console, out)
        answers = []
        for line in SESSIONS[locale]:
            out.write(f"{line}\n")  # as the terminal shows what the member typed
            answers.append((line, await session.type(line)))
            out.write("you> ")
    return out.getvalue().removesuffix("you> "), answers


def test_every_language_has_a_session_and_a_golden_file() -> None:
    assert sorted(SESSIONS) == sorted(LOCALES)
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == sorted(LOCALES)


@pytest.mark.parametrize("locale", sorted(SESSIONS))
async def test_the_quick_start_reads_as_the_reviewed_golden_file(
    tmp_path: Path, locale: str
) -> None:
    shown, _ = await transcript(tmp_path / "roots.db", locale)
    golden = GOLDEN / f"{locale}.txt"
    if os.environ.get("ROOTS_UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown.splitlines() == golden.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("locale", sorted(SESSIONS))
async def test_every_quick_start_line_gets_a_helpful_answer(tmp_path: Path, locale: str) -> None:
    shown, answers = await transcript(tmp_path / "roots.db", locale)
    assert shown.splitlines()[:2] == [text(locale, "console.welcome"), text(locale, "console.try")]
    for line, answer in answers:
        if line.startswith("/kudos @you"):  # thanking yourself: a kind refusal
            assert "⚠" in answer and text(locale, "kudos.self") in answer, answer
        else:
            check_answer(locale, line, answer)


async def test_the_spanish_session_reads_as_written(tmp_path: Path) -> None:
    shown, _ = await transcript(tmp_path / "roots.db", "es")
    assert "roots: 🌱 @you dio las gracias a @bob" in shown
    assert "  «gracias por la revisión»" in shown
    assert "  kudos #1 · disponibles hoy: 4 de 5" in shown
    assert "** Clasificación de esta semana **" in shown
    assert "Quienes más han ayudado:\n    @you (1)" in shown
    assert (
        "@you le dio las gracias a @bob hace poco, y @bob aún no le ha devuelto el gesto." in shown
    )
    assert "¡pero dárselas a quien te ayudó sí! 🌱" in shown
    assert "** Roots: recuerda quién te ayudó a crecer 🌱 **" in shown


async def test_the_german_session_reads_as_written(tmp_path: Path) -> None:
    shown, _ = await transcript(tmp_path / "roots.db", "de")
    assert "roots: 🌱 @you hat sich bei @bob bedankt" in shown
    assert "  „danke fürs Gegenlesen“" in shown
    assert "  Kudos #1 · heute noch 4 von 5 übrig" in shown
    assert "** Rangliste dieser Woche **" in shown
    assert "Am meisten geholfen haben:\n    @you (1)" in shown
    assert "@you hat @bob vor Kurzem gedankt, und @bob hat sich noch nicht revanchiert." in shown
    assert (
        "Dich bei dir selbst zu bedanken zählt hier nicht – "
        "bei jemandem, der dir geholfen hat, aber schon! 🌱" in shown
    )
    assert "** Roots: Vergiss nicht, wer dir beim Wachsen geholfen hat 🌱 **" in shown


async def test_the_english_session_reads_as_written(tmp_path: Path) -> None:
    shown, _ = await transcript(tmp_path / "roots.db", "en")
    assert "roots: 🌱 @you thanked @bob" in shown
    assert "  “thanks for the review”" in shown
    assert "  kudos #1 · 4 of 5 left today" in shown
    assert "    received 1 · given 0" in shown
    assert "    0 days in a row" in shown and "day(s)" not in shown
    assert "@you thanked @bob recently, and @bob hasn't thanked @you back yet." in shown
    assert "(Mondays at 10:00 by default)" in shown


async def test_the_french_session_reads_as_written(tmp_path: Path) -> None:
    """The lines issue 18 quoted, as they read now."""
    shown, _ = await transcript(tmp_path / "roots.db", "fr")
    assert "roots: 🌱 @you a remercié @bob" in shown
    assert "  «\u00a0merci pour la relecture\u00a0»" in shown
    assert "    1 reçu · 0 donné" in shown  # was "1 reçus · 0 donnés"
    assert "  Ceux qui donnent\u00a0:" in shown  # a no-break space before the colon
    assert "    0 jour d'affilée" in shown and "jour(s)" not in shown
    # one person, a singular verb (was "@alice t'ont remercié récemment")
    assert "@you a dit merci à @bob récemment, sans avoir encore reçu de merci en retour." in shown
    assert "votre" not in shown and " vous " not in shown  # tutoiement throughout
