"""A sharded process, `roots discord sync`, and the gateway URL override."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from pathlib import Path

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import run_discord
from adapters.discord.bot import ShardedRootsBot
from adapters.discord.manage import sync_commands
from bot.clock import ManualClock
from bot.config import SettingsError
from bot.types import CommandCall, Context, Member, Tone
from bot.wiring import Core
from tests.adapters.discord.conftest import ALICE, BOB, bot_on, core_on, settings_for
from tests.adapters.discord.fake_discord import CHANNEL_ID, GUILD_ID, FakeDiscord, channel
from tests.adapters.discord.helpers import kudos_rows, rows
from tests.fakes import START, eventually

HELD_SHARD = (GUILD_ID >> 22) % 2
OTHER_GUILD = GUILD_ID + (1 << 22)  # lands on the other of two shards
OTHER_GUILD_CHANNEL = 300000000000000777


async def test_a_process_holding_one_of_two_shards(fake: FakeDiscord, core, db_path: Path) -> None:
    fake.guild_ids.append(OTHER_GUILD)
    async with bot_on(fake, core, shard_count=2, shard_ids=(HELD_SHARD,)) as bot:
        assert isinstance(bot, ShardedRootsBot)
        (identify,) = fake.identifies
        assert identify["shard"] == [HELD_SHARD, 2]
        iid = await fake.send_interaction(fake.slash(ALICE, "kudos", member=BOB, reason="hi"))
        assert (await fake.callback(iid))["type"] == 4
        # /healthz's view of the link: the held shard's gateway, lost and back.
        assert bot.link_up()
        fake.gateway_down = True
        await fake.drop_connection()
        await eventually(lambda: not bot.link_up(), what="the link going down")
        fake.gateway_down = False
        await eventually(bot.link_up, within=15, what="the link coming back")
    assert len(kudos_rows(db_path)) == 1


async def schedule_daily(core: Core, guild: int, channel_id: int) -> None:
    ctx = Context("discord", str(guild), str(channel_id), Member("1", "admin"), is_admin=True)
    words = ("prompts", f"<#{channel_id}>", "09:00", "daily")
    call = CommandCall(ctx, "roots-config", words, channels=(str(channel_id),))
    (reply,) = await core.router.command(call)
    assert reply.tone is Tone.SUCCESS, reply.as_text()


async def test_each_shard_process_posts_only_for_its_own_guilds(
    fake: FakeDiscord, db_path: Path
) -> None:
    """Two processes, one shard each, one database: each guild's prompt is posted once,
    by the process whose shard holds the guild."""
    fake.guild_ids.append(OTHER_GUILD)
    fake.channels[OTHER_GUILD_CHANNEL] = channel(OTHER_GUILD_CHANNEL, "prompts", OTHER_GUILD)
    tomorrow = START + timedelta(days=1)
    held = {"shard_count": 2, "shard_ids": (HELD_SHARD,)}
    async with (
        core_on(db_path, settings_for(fake, **held).scope()) as core,
        bot_on(fake, core, **held),
    ):
        await schedule_daily(core, GUILD_ID, CHANNEL_ID)
        await schedule_daily(core, OTHER_GUILD, OTHER_GUILD_CHANNEL)
        await core.scheduler.startup()
        assert await core.scheduler.advance_to(tomorrow) == 1
        assert len(fake.channel_posts(CHANNEL_ID)) == 1
        assert fake.channel_posts(OTHER_GUILD_CHANNEL) == []
    # The other guild's post is left for the process holding its shard, unclaimed.
    assert rows(db_path, "SELECT community_id FROM posts") == [(str(GUILD_ID),)]

    other = {"shard_count": 2, "shard_ids": (1 - HELD_SHARD,)}
    async with (
        core_on(db_path, settings_for(fake, **other).scope()) as core,
        bot_on(fake, core, **other),
    ):
        clock = core.clock
        assert isinstance(clock, ManualClock)
        clock.set(tomorrow)
        await core.scheduler.startup()
        assert await core.scheduler.run_due() == 1
    assert len(fake.channel_posts(OTHER_GUILD_CHANNEL)) == 1
    assert len(fake.channel_posts(CHANNEL_ID)) == 1  # not posted twice
    assert sorted(rows(db_path, "SELECT community_id, status FROM posts")) == sorted(
        [(str(GUILD_ID), "sent"), (str(OTHER_GUILD), "sent")]
    )


async def test_the_gateway_is_the_one_the_api_names(fake: FakeDiscord, bot) -> None:
    assert fake.sent("GET", "/gateway/bot")
    assert str(DiscordWebSocket.DEFAULT_GATEWAY) == fake.gateway_url


async def test_gateway_url_override_and_restore(fake: FakeDiscord, core) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    async with bot_on(fake, core, gateway_url=fake.gateway_url):
        assert Route.BASE == fake.api_url
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == fake.gateway_url
        assert not fake.sent("GET", "/gateway/bot")  # DISCORD_GATEWAY_URL wins
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == (base, gateway)


async def test_sync_registers_every_command_for_a_guild(fake: FakeDiscord) -> None:
    names = await sync_commands(settings_for(fake), guild_id=GUILD_ID)
    registered = fake.commands[str(GUILD_ID)]
    assert sorted(names) == sorted(c["name"] for c in registered)
    by_name = {c["name"]: c for c in registered}
    assert {"kudos", "leaderboard", "roots", "done", "prompt", "challenge", "roots-config"} <= set(
        by_name
    )
    assert by_name["Give kudos"]["type"] == 2
    assert by_name["Give kudos"]["name_localizations"] == {
        "fr": "Donner des kudos",
        "es-ES": "Dar kudos",
        "es-419": "Dar kudos",
        "de": "Kudos geben",
    }
    assert by_name["kudos"]["description_localizations"]["fr"].startswith("Remercie")
    assert by_name["kudos"]["description_localizations"]["es-ES"].startswith("Da las gracias")
    assert by_name["kudos"]["description_localizations"]["de"].startswith("Bei bis zu 5")
    assert by_name["Thank for this message"]["type"] == 3
    manage_guild = str(1 << 5)
    for admin in ("roots-config", "kudos-revoke", "prompt-admin", "challenge-admin"):
        assert str(by_name[admin]["default_member_permissions"]) == manage_guild
    assert by_name["kudos"]["default_member_permissions"] is None
    assert all(c.get("contexts") == [0] for c in registered), "guild-only everywhere"
    assert not fake.sessions  # sync never opens the gateway
    await sync_commands(settings_for(fake))
    assert len(fake.commands["global"]) == len(registered)


async def test_run_discord_is_the_entry_point(fake: FakeDiscord, core, db_path: Path) -> None:
    connected: list[object] = []
    task = asyncio.create_task(run_discord(core, settings_for(fake), ready=connected.append))
    try:
        await fake.ready()
        for _ in range(100):  # the gateway's READY reaches the bot just after the fake sends it
            if connected:
                break
            await asyncio.sleep(0.05)
        assert len(connected) == 1  # the runner's /healthz counts Discord connected from here
        iid = await fake.send_interaction(fake.slash(ALICE, "kudos", member=BOB, reason="hi"))
        assert (await fake.callback(iid))["type"] == 4
        assert core.scheduler.running  # started once logged in
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert len(kudos_rows(db_path)) == 1


async def test_a_refused_token_is_explained(fake: FakeDiscord, core) -> None:
    fake.token = "another-token"
    with pytest.raises(SettingsError, match="DISCORD_TOKEN"):
        await asyncio.wait_for(run_discord(core, settings_for(fake)), 10)


async def test_a_missing_message_content_intent_is_explained(fake: FakeDiscord, core) -> None:
    fake.message_content_allowed = False
    settings = settings_for(fake, message_content=True)
    with pytest.raises(SettingsError, match="Message Content intent"):
        await asyncio.wait_for(run_discord(core, settings), 10)
