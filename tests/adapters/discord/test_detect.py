"""Thank-you detection on Discord (issue 15): what Discord receives.

The question goes to the thanker alone, by DM (Discord has no private message in a
channel outside interactions), with the Keep / No / Don't ask me again buttons; it
pings nobody, and nothing is posted in the channel.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import discord

from bot.messages import text
from tests.adapters.discord.conftest import ALICE, BOB, bot_on
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import description, everything, kudos_rows, rows
from tests.fakes import START, eventually

A, B = ALICE["id"], BOB["id"]


def at(minutes_ago: float = 0) -> str:
    """A message id Discord would give a message posted ``minutes_ago`` before START."""
    return str(discord.utils.time_snowflake(START - timedelta(minutes=minutes_ago)))


def dms(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [m for m in fake.messages.values() if int(m["channel_id"]) in fake.dm_channels]


async def click_in_dm(fake: FakeDiscord, dm: dict[str, Any], label: str) -> dict[str, Any]:
    """The thanker clicks a button of the DM; the interaction's answer."""
    buttons = [c for row in dm["components"] for c in row["components"]]
    button = next(b for b in buttons if b["label"] == label)
    payload = fake.interaction(
        3,
        {"custom_id": button["custom_id"], "component_type": 2},
        ALICE,
        guild_id=None,
        channel_id=int(dm["channel_id"]),
        message=dm,
    )
    return await fake.callback(await fake.send_interaction(payload))


async def test_a_thank_you_is_asked_about_by_dm_and_keep_records_kudos(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    async with bot_on(fake, core, message_content=True):
        await fake.post_message(
            ALICE, f"thanks <@{B}>, that fixed it!", mentions=[BOB], message_id=at()
        )
        (dm,) = await fake.wait_for(lambda: dms(fake))
        labels = [c["label"] for row in dm["components"] for c in row["components"]]
        assert labels == [text("en", k) for k in ("detect.keep", "detect.no", "detect.never")]
        assert description(dm).startswith(text("en", "detect.ask", receivers=f"<@{B}>"))
        (sent,) = fake.sent("POST", f"/channels/{dm['channel_id']}/messages")
        assert sent.body["allowed_mentions"]["parse"] == []
        assert not sent.body["allowed_mentions"].get("users")
        assert fake.channel_posts() == []  # nothing in the channel
        answer = await click_in_dm(fake, dm, text("en", "detect.keep"))
        again = await click_in_dm(fake, dm, text("en", "detect.keep"))
    assert answer["data"]["allowed_mentions"]["parse"] == []
    assert not answer["data"]["allowed_mentions"].get("users")
    assert description(again) == text("en", "detect.already_kept")
    assert kudos_rows(db_path) == [(A, B, "thanks @bob, that fixed it!", "detected", False)]


async def test_a_reply_thanks_the_replied_to_author(fake: FakeDiscord, core) -> None:
    async with bot_on(fake, core, message_content=True):
        fix = await fake.post_message(BOB, "here is the fix", message_id=at(2))
        await fake.post_message(ALICE, "thanks, that works!", message_id=at(), reply_to=fix)
        (dm,) = await fake.wait_for(lambda: dms(fake))
    assert description(dm).startswith(text("en", "detect.ask", receivers=f"<@{B}>"))


async def test_a_deleted_messages_offer_disappears(fake: FakeDiscord, core, db_path: Path) -> None:
    async with bot_on(fake, core, message_content=True):
        msg = await fake.post_message(ALICE, f"thanks <@{B}>!", mentions=[BOB], message_id=at())
        (dm,) = await fake.wait_for(lambda: dms(fake))
        await fake.delete_message(msg)
        await eventually(lambda: rows(db_path, "SELECT * FROM detect_offers") == [])
        answer = await click_in_dm(fake, dm, text("en", "detect.keep"))
    assert description(answer) == text("en", "detect.gone")
    assert kudos_rows(db_path) == []


async def test_a_hostile_excerpt_has_no_live_link_and_pings_nobody(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    hostile = f"thanks <@{B}> see [docs](https://evil.example) @everyone"
    async with bot_on(fake, core, message_content=True):
        await fake.post_message(ALICE, hostile, mentions=[BOB], message_id=at())
        (dm,) = await fake.wait_for(lambda: dms(fake))
        (sent,) = fake.sent("POST", f"/channels/{dm['channel_id']}/messages")
        answer = await click_in_dm(fake, dm, text("en", "detect.keep"))
    for shown in (everything(dm), everything(answer)):
        assert "](https://evil.example)" not in shown  # no masked link
        assert "@everyone" not in shown or "@\u200beveryone" in shown
    assert sent.body["allowed_mentions"]["parse"] == []
    assert kudos_rows(db_path)[0][2] == "thanks @bob see [docs](https://evil.example) @everyone"


async def test_an_old_message_and_an_ordinary_one_are_not_asked_about(
    fake: FakeDiscord, core
) -> None:
    async with bot_on(fake, core, message_content=True):
        await fake.post_message(ALICE, f"thanks <@{B}>!", mentions=[BOB], message_id=at(11))
        await fake.post_message(ALICE, f"<@{B}> can you look?", mentions=[BOB], message_id=at())
        await fake.post_message(ALICE, f"thanks <@{B}>!", mentions=[BOB], message_id=at(9))
        await fake.wait_for(lambda: dms(fake))
        await fake.post_message(ALICE, f"<@{B}>++ for the fix", mentions=[BOB], message_id=at())
        await fake.wait_for(fake.channel_posts)  # the ++ came after: everything was read
    assert len(dms(fake)) == 1


async def test_the_switches_as_discord_slash_commands(fake: FakeDiscord, core) -> None:
    async with bot_on(fake, core, message_content=True):
        iid = await fake.send_interaction(fake.slash(ALICE, "roots-detect", asks="off"))
        off = await fake.callback(iid)
        iid = await fake.send_interaction(
            fake.slash(ALICE, "roots-config", sub="detect", enabled="off")
        )
        refused = await fake.callback(iid)  # the command is for admins
        await fake.post_message(ALICE, f"thanks <@{B}>!", mentions=[BOB], message_id=at())
        await fake.post_message(ALICE, f"<@{B}>++ for the fix", mentions=[BOB], message_id=at())
        await fake.wait_for(fake.channel_posts)
    assert description(off) == text("en", "detect.member_off.discord")
    assert description(refused) == text("en", "error.admin_only")
    assert dms(fake) == []  # alice said off
