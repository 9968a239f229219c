"""/roots-admin forget through the real bot and the fake Discord."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ADMIN, ALICE, BOB, CAROL, DAVE, OTHER_BOT
from tests.adapters.discord.fake_discord import GUILD_ID, FakeDiscord
from tests.adapters.discord.helpers import description, is_ephemeral, kudos_rows, rows

A, B, C = ALICE["id"], BOB["id"], CAROL["id"]


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


def everything(db: Path) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    tables = rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        if table != "schema_version" and not table.startswith("sqlite_"):
            found += sorted(rows(db, f"SELECT * FROM {table}"), key=repr)
    return found


def traces_of_bob(db: Path) -> list[str]:
    cells = [str(v) for row in everything(db) for v in row]
    return [c for c in cells if B in c or "bob" in c.casefold()]


async def populate(fake: FakeDiscord) -> None:
    for giver, receiver, reason in (
        (BOB, ALICE, "for the bobsecret recipe"),
        (ALICE, BOB, "for the review"),
        (CAROL, ALICE, "for the docs"),
    ):
        cb = await run(fake, fake.slash(giver, "kudos", member=receiver, reason=reason))
        assert not is_ephemeral(cb), cb
    # The admin's first command records their name: before any snapshot.
    await run(fake, fake.slash(ADMIN, "roots-config", sub="show", admin=True))


async def test_an_admin_previews_then_forgets(fake: FakeDiscord, bot, db_path: Path) -> None:
    await populate(fake)
    assert traces_of_bob(db_path)
    before = everything(db_path)

    preview = await run(
        fake, fake.slash(ADMIN, "roots-admin", sub="forget", admin=True, member=BOB)
    )

    assert is_ephemeral(preview)
    assert description(preview) == "\n".join(
        (
            text("en", "forget.preview.discord", name="bob", given=1, received=1),
            text("en", "forget.preview_goals", count=0),
        )
    )
    assert everything(db_path) == before

    done = await run(
        fake,
        fake.slash(ADMIN, "roots-admin", sub="forget", admin=True, member=BOB, confirm=True),
    )

    assert is_ephemeral(done)
    assert description(done) == text("en", "forget.done", name="bob", given=1, received=1, count=0)
    assert traces_of_bob(db_path) == []
    assert [(g, r) for g, r, *_ in kudos_rows(db_path) if B not in (g, r)] == [
        (g, r) for g, r, *_ in kudos_rows(db_path)
    ]
    assert rows(
        db_path,
        "SELECT given, received FROM kudos_totals WHERE community_id = ? AND period = 'life'"
        " AND member_id = ?",
        str(GUILD_ID),
        A,
    ) == [(1, 2)]


async def test_members_and_bots_are_refused(fake: FakeDiscord, bot, db_path: Path) -> None:
    await populate(fake)
    before = everything(db_path)

    refused = await run(
        fake, fake.slash(ALICE, "roots-admin", sub="forget", member=BOB, confirm=True)
    )
    assert is_ephemeral(refused)
    assert description(refused) == text("en", "error.admin_only")

    robot = await run(
        fake,
        fake.slash(ADMIN, "roots-admin", sub="forget", admin=True, member=OTHER_BOT, confirm=True),
    )
    assert is_ephemeral(robot)
    assert description(robot) == text("en", "forget.bot", name="otherbot")

    stranger = await run(
        fake,
        fake.slash(ADMIN, "roots-admin", sub="forget", admin=True, member=DAVE, confirm=True),
    )
    assert is_ephemeral(stranger)
    assert description(stranger) == text("en", "forget.unknown", name="dave")
    assert everything(db_path) == before
