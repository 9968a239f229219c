"""Issue #12, item 1: an admin of one Discord server must never make Roots post into a
channel of another server.

Two guilds on the fake Discord: ours (GUILD_ID, where the admin is) and theirs
(THEIR_GUILD_ID). Free-text options used to be split into words and a ``<#id>`` in
them taken as the channel, with no check of its guild: a challenge announcement, a
schedule and a digest of one server were posted into another.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.delivery import DiscordDelivery
from bot.calendar.timing import EVERY_DAY
from bot.delivery import ChannelUnavailable
from bot.messages import text
from bot.storage.records import Replan, ScheduleDraft
from bot.types import Context, Member, Plain, Reply, Visibility
from tests.adapters.discord.conftest import ADMIN, bot_on, core_on
from tests.adapters.discord.fake_discord import (
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    FakeDiscord,
    channel,
)
from tests.adapters.discord.helpers import description, embed, everything, is_ephemeral, rows
from tests.fakes import START, eventually

THEIR_GUILD_ID = 200000000000000077
THEIR_CHANNEL_ID = 300000000000000077
STRANGER_GUILD_ID = 200000000000000088  # a server Roots is not in (not in its cache)
STRANGER_CHANNEL_ID = 300000000000000088
THEIRS = f"<#{THEIR_CHANNEL_ID}>"


@pytest.fixture
def theirs(fake: FakeDiscord) -> dict[str, Any]:
    """Another server with Roots in it, and its #their-general channel."""
    fake.guild_ids.append(THEIR_GUILD_ID)
    found = channel(THEIR_CHANNEL_ID, "their-general", THEIR_GUILD_ID)
    fake.channels[THEIR_CHANNEL_ID] = found
    fake.channels[STRANGER_CHANNEL_ID] = channel(STRANGER_CHANNEL_ID, "far", STRANGER_GUILD_ID)
    return found


def nothing_for_their_channel(fake: FakeDiscord, db: Path) -> None:
    for table in ("schedules", "challenges", "posts"):
        found = rows(
            db, f"SELECT count(*) FROM {table} WHERE channel_id = ?", str(THEIR_CHANNEL_ID)
        )
        assert found == [(0,)], table
    assert fake.channel_posts(THEIR_CHANNEL_ID) == []


FREE_TEXT = [
    ("challenge-admin", "start", {"start": f"{THEIRS} today"}),
    ("challenge-admin", "start", {"start": THEIRS}),
    ("roots-config", "prompts", {"when": f"{THEIRS} 11:00"}),
    ("roots-config", "prompts", {"when": f"{THEIRS} off"}),
    ("roots-config", "digest", {"when": f"{THEIRS} 17:00 fri"}),
    ("roots-config", "prompts", {"channel": "ours", "when": f"{THEIRS} 11:00"}),
]


@pytest.mark.parametrize(("command", "sub", "options"), FREE_TEXT)
async def test_item1_a_channel_typed_in_free_text_is_never_taken(
    fake: FakeDiscord,
    theirs: dict[str, Any],
    db_path: Path,
    command: str,
    sub: str,
    options: dict[str, Any],
) -> None:
    async with core_on(db_path) as core, bot_on(fake, core):
        if options.get("channel") == "ours":
            options = {**options, "channel": fake.channels[OTHER_CHANNEL_ID]}
        payload = fake.slash(ADMIN, command, sub=sub, admin=True, **options)
        cb = await fake.callback(await fake.send_interaction(payload))
        assert is_ephemeral(cb)
        assert description(cb) == text("en", "schedule.channel_not_given.discord")
        await core.scheduler.startup()
        await core.scheduler.advance_to(START + timedelta(days=9))
    nothing_for_their_channel(fake, db_path)


# (command, sub-command, its other options as FakeDiscord.slash takes them)
TYPED_OPTION: list[tuple[str, str, dict[str, Any]]] = [
    ("prompt-admin", "now", {}),
    ("prompt", "next", {}),
    ("challenge-admin", "start", {"start": "today"}),
    ("roots-config", "prompts", {"when": "11:00"}),
    ("roots-config", "digest", {"when": "17:00 fri"}),
]


@pytest.mark.parametrize(("command", "sub", "options"), TYPED_OPTION)
async def test_item1_a_channel_option_naming_another_servers_channel_is_refused_politely(
    fake: FakeDiscord,
    theirs: dict[str, Any],
    db_path: Path,
    command: str,
    sub: str,
    options: dict[str, Any],
) -> None:
    """Discord resolves a channel option in the interaction's own server; should a
    payload name another server's channel anyway, the admin is answered, nothing is
    stored and nothing is posted there."""
    async with core_on(db_path) as core, bot_on(fake, core):
        payload = fake.slash(ADMIN, command, sub=sub, admin=True, channel=theirs, **options)
        cb = await fake.callback(await fake.send_interaction(payload))
        assert is_ephemeral(cb)
        assert description(cb) == text("en", "schedule.channel_not_given.discord")
    nothing_for_their_channel(fake, db_path)


async def test_item1_the_channel_option_still_works_for_our_own_channels(
    fake: FakeDiscord, theirs: dict[str, Any], db_path: Path
) -> None:
    async with core_on(db_path) as core, bot_on(fake, core):
        ours = fake.channels[OTHER_CHANNEL_ID]
        for command, sub, options in TYPED_OPTION[:1] + TYPED_OPTION[2:]:
            payload = fake.slash(ADMIN, command, sub=sub, admin=True, channel=ours, **options)
            cb = await fake.callback(await fake.send_interaction(payload))
            assert embed(cb)["color"] != 0xED4245, everything(cb)
    kinds = rows(db_path, "SELECT kind FROM schedules WHERE channel_id = ?", str(OTHER_CHANNEL_ID))
    assert sorted(k for (k,) in kinds) == ["challenge", "digest", "prompt"]
    assert len(fake.channel_posts(OTHER_CHANNEL_ID)) == 2  # the prompt now, the announcement


async def test_item1_the_delivery_refuses_another_servers_channel_and_logs_it(
    fake: FakeDiscord,
    theirs: dict[str, Any],
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reply = Reply((Plain("Daily prompt: thank a mentor"),), visibility=Visibility.PUBLIC)
    async with core_on(db_path) as core, bot_on(fake, core) as bot:
        delivery = DiscordDelivery(bot, bot.discord_settings)
        await fake.wait_for(lambda: bot.get_channel(THEIR_CHANNEL_ID) is not None)
        with caplog.at_level(logging.WARNING, logger="adapters.discord.delivery"):
            for foreign in (THEIR_CHANNEL_ID, STRANGER_CHANNEL_ID):
                with pytest.raises(ChannelUnavailable):
                    await delivery.send(str(GUILD_ID), str(foreign), reply)
                with pytest.raises(ChannelUnavailable):
                    await delivery.edit(str(GUILD_ID), str(foreign), "1", reply)
        # Our own channels are still served, the far one was asked to Discord (not cached).
        assert await delivery.send(str(GUILD_ID), str(CHANNEL_ID), reply)
        assert fake.sent("GET", f"/channels/{STRANGER_CHANNEL_ID}")
    assert fake.channel_posts(THEIR_CHANNEL_ID) == []
    assert fake.channel_posts(STRANGER_CHANNEL_ID) == []
    refusals = [r for r in caplog.records if "another community" in r.getMessage()]
    assert len(refusals) == 4, caplog.text
    assert str(THEIR_GUILD_ID) in refusals[0].getMessage()


async def test_item1_an_existing_schedule_in_another_servers_channel_is_paused(
    fake: FakeDiscord, theirs: dict[str, Any], db_path: Path
) -> None:
    """Rows stored before the fix: our daily prompts and digest in their channel (and
    our own prompts in our channel, which must keep working)."""
    async with core_on(db_path) as core:
        ctx = Context("discord", str(GUILD_ID), str(CHANNEL_ID), Member(ADMIN["id"], "admin"))
        await core.communities.settings(ctx)  # our community's row, platform discord
        for channel_id, kind in (
            (THEIR_CHANNEL_ID, "prompt"),
            (THEIR_CHANNEL_ID, "digest"),
            (OTHER_CHANNEL_ID, "prompt"),
        ):
            draft = ScheduleDraft(
                str(GUILD_ID), str(channel_id), kind, "09:00", "UTC", EVERY_DAY, "en"
            )
            await core.store.upsert_schedule(draft, Replan(0, None, None))

        async with bot_on(fake, core):  # start-up: the foreign ones are paused
            await eventually(
                lambda: (
                    rows(
                        db_path,
                        "SELECT paused_reason FROM schedules WHERE channel_id = ?",
                        str(THEIR_CHANNEL_ID),
                    )
                    == [("foreign_channel",), ("foreign_channel",)]
                ),
                what="the foreign schedules being paused",
            )
            await core.scheduler.startup()
            await core.scheduler.advance_to(START + timedelta(days=8))
            assert len(fake.channel_posts(OTHER_CHANNEL_ID)) == 8
            # Our admin hears about it at their next command.
            payload = fake.slash(ADMIN, "roots-config", sub="show", admin=True)
            await fake.callback(await fake.send_interaction(payload))
            notices = await fake.wait_for(lambda: fake.sent("POST", "/webhooks/"))
            shown = " ".join(str(n.body) for n in notices)
            assert "isn't one of this community's" in shown, shown
    assert rows(
        db_path, "SELECT paused_reason FROM schedules WHERE channel_id = ?", str(OTHER_CHANNEL_ID)
    ) == [(None,)]
    assert fake.channel_posts(THEIR_CHANNEL_ID) == []
