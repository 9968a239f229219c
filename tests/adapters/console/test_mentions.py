"""In the console, mentioning a new name creates that member (a sandbox: typos cost
nothing); the platforms keep refusing members they don't know."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core
from tests.fakes import ask, assert_refused


async def session(db: Path, lines: str, *, actor: str = "you") -> list[str]:
    out = io.StringIO()
    async with running_core(Settings(database_url=f"sqlite:///{db}")) as core:
        console = ConsoleAdapter(core, out=out, actor=actor, session="t")
        await console.run(io.StringIO(lines), interactive=False)
    return out.getvalue().splitlines()


def members(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT member_id FROM members ORDER BY member_id")]


async def test_the_first_kudos_to_a_new_name_creates_them_and_says_so_once(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    out = await session(
        db, "/kudos @bob thanks for the review\n@bob++ for the talk\n/roots @bob\n", actor="alice"
    )

    assert out[0] == text("en", "console.joined", names="@bob")
    assert out[1] == "roots: 🌱 @alice thanked @bob"
    assert sum("joined the console community" in line for line in out) == 1
    assert "received 1 · given 0" in "\n".join(out)
    assert members(db) == ["alice", "bob"]


async def test_several_new_names_join_together_in_the_order_typed(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    out = await session(db, "/as carol\n/as alice\n/kudos @zoe @carol @Max.B for the docs\n")

    assert out[2] == text("en", "console.joined", names="@zoe, @Max.B")
    assert out[3] == "roots: 🌱 @alice thanked @zoe, @carol, and @Max.B"
    assert members(db) == ["alice", "carol", "max.b", "you", "zoe"]


async def test_a_mention_in_a_plain_message_creates_the_member_too(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    out = await session(db, "hello @dana, welcome!\n/as dana\n/roots\n")
    assert out[0] == text("en", "console.joined", names="@dana")
    assert "dana" in members(db)


async def test_names_outside_the_console_rules_are_still_unknown(tmp_path: Path) -> None:
    db = tmp_path / "roots.db"
    long_name = "x" * 33
    out = await session(db, f"/kudos @{long_name} thanks\n/kudos @everyone thanks\n")

    assert out == [
        "roots (only you see this) ⚠: " + text("en", "kudos.unknown_member", name=long_name),
        "roots (only you see this) ⚠: " + text("en", "kudos.unknown_member", name="everyone"),
    ]
    assert members(db) == ["you"]


async def test_platforms_still_refuse_a_member_they_do_not_know(tmp_path: Path) -> None:
    async with running_core(Settings(database_url=f"sqlite:///{tmp_path}/r.db")) as core:
        reply = await ask(core, "kudos", "@bob", "thanks")  # a platform event, not the console
    assert_refused(reply, "kudos.unknown_member", name="bob")
    assert members(tmp_path / "r.db") == ["U-alice"]
