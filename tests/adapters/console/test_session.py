"""A whole piped console session, in English and in French, on a real SQLite file."""

from __future__ import annotations

import io
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.fakes import reset_at

SESSION = """\
/as bob
/as dave
/as erin
/as frank
/as alice
/kudos @bob thanks for the review
/as bob
/kudos @bob I did great
/as carol
/kudos @alice @bob @dave for the onboarding
/kudos @erin @frank for the docs
/kudos @alice one more
/as dave
@bob++ for the talk
/retry
/leaderboard
/roots bob
/kudos undo
/roots bob
"""


async def run_session(db: Path, lines: str, *, prelude: str = "") -> str:
    out = io.StringIO()
    clock = ManualClock(datetime(2026, 3, 25, 10, 0, tzinfo=UTC))
    settings = Settings(database_url=f"sqlite:///{db}")
    async with running_core(settings, clock=clock) as core:
        console = ConsoleAdapter(core, out=out, actor="admin", session="t")
        await console.run(io.StringIO(prelude + lines), interactive=False)
    return out.getvalue()


def blocks(output: str) -> list[str]:
    """Split console output into one block per printed reply or notice."""
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("  ") and found:
            found[-1] += "\n" + line
        else:
            found.append(line)
    return found


def ledger(db: Path) -> list[tuple[str, str, str, str, bool]]:
    with sqlite3.connect(db) as conn:
        return [
            (giver, receiver, reason, source, revoked is not None)
            for giver, receiver, reason, source, revoked in conn.execute(
                "SELECT giver_id, receiver_id, reason, source, revoked_at FROM kudos"
                " ORDER BY kudos_id"
            )
        ]


async def test_english_session(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    out = blocks(await run_session(db, SESSION))
    en = "en"

    assert "roots: 🌱 @alice thanked @bob\n  “thanks for the review”" in out[5]
    assert "kudos #1 · 4 of 5 left today" in out[5]
    # bob thanks himself: refused, only bob sees it.
    assert out[7] == "roots (only bob sees this) ⚠: " + text(en, "kudos.self")
    # carol: 3 + 2 recipients fit in the budget of 5, the sixth does not.
    assert out[9].startswith("roots: 🌱 @carol thanked @alice, @bob, and @dave")
    assert "0 of 5 left today" in out[10]
    assert out[11] == "roots (only carol sees this) ⚠: " + text(
        en, "kudos.over_budget", budget=5, left=0, asked=1, reset=reset_at()
    )
    # dave's ++ message is a public kudos; the retried event is not counted again.
    assert out[13].startswith("roots: 🌱 @dave thanked @bob\n  “for the talk”")
    assert out[14] == text(en, "console.retried", event="console-t-msg-6")
    leaderboard = out[15]
    assert leaderboard.startswith("roots: ** Leaderboard: this week **")
    assert "Givers:\n    1. @carol: 5\n    2. @alice: 1\n    2. @dave: 1" in leaderboard
    assert "Receivers:\n    1. @bob: 3" in leaderboard
    roots_before = out[16]
    assert "The roots of @bob" in roots_before
    assert "received 3 · given 0" in roots_before
    assert "@alice (1), @carol (1), @dave (1)" in roots_before
    assert "Pay it back:\n    @alice, @carol, and @dave thanked @bob recently" in roots_before
    # dave undoes his ++: bob's totals drop, the audit row stays.
    assert out[17] == "roots (only dave sees this): " + text(
        en, "kudos.undone", receivers="@bob"
    ).replace("“", "").replace("”", "")
    assert "received 2 · given 0" in out[18]

    rows = ledger(db)
    assert len(rows) == 7
    assert rows[0] == ("alice", "bob", "thanks for the review", "command", False)
    assert rows[-1] == ("dave", "bob", "for the talk", "plusplus", True)
    assert [r for r in rows if r[0] == "bob"] == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT kind, revoked_by FROM kudos_revocations").fetchall() == [
            ("undo", "dave")
        ]


async def test_french_session(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    prelude = "/as admin:root\n/roots-config locale fr\n"
    out = blocks(await run_session(db, SESSION, prelude=prelude))[2:]
    fr = "fr"

    assert out[0] == text(fr, "console.acting_as", name="bob")
    assert "roots: 🌱 @alice a remercié @bob\n  «\u00a0thanks for the review\u00a0»" in out[5]
    assert "kudos #1 · encore 4 sur 5 aujourd'hui" in out[5]
    # the private header speaks the community's language too (issue 18)
    assert out[7] == "roots (visible par bob seulement) ⚠: " + text(fr, "kudos.self")
    assert out[11] == text(fr, "console.private", name="carol") + " ⚠: " + text(
        fr, "kudos.over_budget", budget=5, left=0, asked=1, reset=reset_at()
    )
    assert out[14] == text(fr, "console.retried", event="console-t-msg-7")
    assert out[15].startswith("roots: ** Classement de la semaine **")
    assert "Ceux qui donnent\u00a0:\n    1. @carol\u00a0: 5" in out[15]
    assert "Les racines de @bob" in out[16]
    assert "Cette semaine\u00a0:\n    3 reçus · 0 donné\n" in out[16]
    assert "Série de remerciements\u00a0:\n    0 jour d'affilée\n" in out[16]
    assert (
        "@alice, @carol et @dave ont dit merci à @bob récemment, sans avoir encore reçu de"
        " merci en retour."
    ) in out[16]
    assert "C'est annulé\u00a0: tes kudos à @bob ne comptent plus." in out[17]
    assert "2 reçus · 0 donné" in out[18]
    assert "@alice et @carol ont dit merci à @bob récemment" in out[18]
    assert len(ledger(db)) == 7


async def test_french_agrees_with_one_person_and_a_count_of_one(tmp_path: Path) -> None:
    # The lines issue #18 quoted: "@alice t'ont remercié récemment, et tu ne les as pas
    # encore remerciés", "1 reçus · 0 donnés", "Ceux qui donnent:", "0 jour(s) d'affilée".
    script = "/as admin:root\n/roots-config locale fr\n/as bob\n/as alice\n"
    script += "/kudos @bob merci pour la relecture\n/leaderboard\n/as bob\n/roots\n"
    out = await run_session(tmp_path / "roots.db", script)

    assert "  Ceux qui donnent\u00a0:\n    1. @alice\u00a0: 1\n" in out
    assert "  Cette semaine\u00a0:\n    1 reçu · 0 donné\n" in out
    assert "  Série de remerciements\u00a0:\n    0 jour d'affilée\n" in out
    assert (
        "  Renvoyer l'ascenseur\u00a0:\n    @alice t'a dit merci récemment, et tu ne lui as"
        " pas encore rendu la pareille."
    ) in out


async def test_state_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    await run_session(db, "/as bob\n/as alice\n/kudos @bob thanks for the review\n")
    out = await run_session(db, "/as carol\n/roots bob\n")
    assert "received 1 · given 0" in out
    assert "@alice (1)" in out


@pytest.mark.parametrize(
    "line",
    [
        "/kudos @bob thanks @everyone ping <!channel> \x1b[31mred",
    ],
)
async def test_user_text_cannot_inject_terminal_escapes(tmp_path: Path, line: str) -> None:
    out = await run_session(tmp_path / "roots.db", f"/as bob\n/as alice\n{line}\n")
    assert "\x1b" not in out
    assert "“thanks @everyone ping <!channel> [31mred”" in out


async def test_two_consoles_on_one_database_do_not_swallow_each_others_kudos(
    tmp_path: Path,
) -> None:
    # Each console numbers its events from 1: without a per-process session in the
    # event id, the second console's first ++ would look like a retry of the first's.
    db = tmp_path / "roots.db"
    await run_session(db, "/as bob\n/as alice\n@bob++ for the talk\n")
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{db}")
    async with running_core(settings) as core:
        second = ConsoleAdapter(core, out=out, actor="admin")
        await second.run(io.StringIO("/as carol\n@bob++ for the docs\n"), interactive=False)
    assert "@carol thanked @bob" in out.getvalue()
    assert [r[:3] for r in ledger(db)] == [
        ("alice", "bob", "for the talk"),
        ("carol", "bob", "for the docs"),
    ]


async def test_the_default_member_reads_a_private_answer_in_good_english(tmp_path: Path) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'roots.db'}")
    async with running_core(settings) as core:
        console = ConsoleAdapter(core, out=out)  # plain `roots`: you are "you"
        await console.run(io.StringIO("/done\n/as bob\n/done\n"), interactive=False)
    heads = [line.split(":")[0] for line in out.getvalue().splitlines() if "only" in line]
    assert heads == ["roots (only you see this) ⚠", "roots (only bob sees this) ⚠"]


async def test_the_welcome_shows_how_to_make_a_member_to_thank(tmp_path: Path) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'roots.db'}")
    async with running_core(settings) as core:
        console = ConsoleAdapter(core, out=out)
        # The welcome's first advice, typed as is, ends in a kudos.
        script = "/kudos @bob thanks for the review\n"
        await console.run(io.StringIO(script), interactive=True)
    printed = out.getvalue()
    assert "Try first: /kudos @bob thanks for the review" in printed
    assert "you> @bob joined the console community.\nroots: 🌱 @you thanked @bob" in printed
