"""Team kudos on Discord (issue 15): /kudos team:@role thanks the role's members, which
Discord only tells a bot with the Server Members intent (ROOTS_DISCORD_MEMBERS=1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ALICE, BOB, CAROL, DAVE, OTHER_BOT, bot_on
from tests.adapters.discord.fake_discord import (
    INTENT_GUILD_MEMBERS,
    FakeDiscord,
    member,
    role,
    user,
)
from tests.adapters.discord.helpers import description, is_ephemeral, kudos_rows

A, B, C, D = ALICE["id"], BOB["id"], CAROL["id"], DAVE["id"]
DESIGN = role(500000000000000001, "design")


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def holding(role_payload: dict[str, Any], *users: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**member(u), "roles": [role_payload["id"]]} for u in users]


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def test_a_role_is_thanked_for_one_unit_and_nobody_is_pinged(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    fake.roles.append(DESIGN)
    fake.members = [*holding(DESIGN, ALICE, BOB, CAROL, OTHER_BOT), member(DAVE)]
    async with bot_on(fake, core, members=True):
        cb = await run(fake, fake.slash(ALICE, "kudos", team=DESIGN, reason="great launch"))

    assert fake.identifies[-1]["intents"] & INTENT_GUILD_MEMBERS
    assert len(fake.chunk_requests) == 1  # the guild's members, fetched on demand
    assert not is_ephemeral(cb)
    assert cb["data"]["allowed_mentions"] == {"parse": []}  # no member, no role ping
    assert not cb["data"].get("content")
    body = description(cb)
    assert f"<@{A}> thanked everyone in @design" in body
    assert f"<@{B}>" not in body and "<@&" not in body
    assert en("team.footer", count=2, left=4, budget=5) in body
    assert sorted(kudos_rows(db_path)) == [
        (A, B, "great launch", "team", False),
        (A, C, "great launch", "team", False),
    ]


async def test_a_26_member_role_is_refused_privately(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    fake.roles.append(DESIGN)
    crowd = [user(410000000000000000 + i, f"m{i}") for i in range(26)]
    fake.members = holding(DESIGN, *crowd)
    async with bot_on(fake, core, members=True):
        cb = await run(fake, fake.slash(ALICE, "kudos", team=DESIGN, reason="thanks"))

    assert is_ephemeral(cb)
    assert description(cb) == en("team.too_big", team="@design", count=26, limit=25)
    assert kudos_rows(db_path) == []


async def test_without_the_members_intent_a_role_is_refused_with_what_to_enable(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    fake.roles.append(DESIGN)
    fake.members = holding(DESIGN, BOB, CAROL)
    async with bot_on(fake, core):
        cb = await run(fake, fake.slash(ALICE, "kudos", team=DESIGN, reason="thanks"))

    assert not fake.identifies[-1]["intents"] & INTENT_GUILD_MEMBERS
    assert fake.chunk_requests == []
    assert is_ephemeral(cb)
    assert description(cb) == en("team.discord_members_off", team="@design")
    assert kudos_rows(db_path) == []


async def test_a_role_and_a_member_in_one_kudos_is_refused(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    fake.roles.append(DESIGN)
    fake.members = holding(DESIGN, BOB)
    async with bot_on(fake, core, members=True):
        cb = await run(fake, fake.slash(ALICE, "kudos", member=DAVE, team=DESIGN, reason="thanks"))

    assert is_ephemeral(cb)
    assert description(cb) == en("team.and_members")
    assert kudos_rows(db_path) == []
