from __future__ import annotations

import pytest

from adapters.discord.bot import intents_for
from adapters.discord.config import DiscordSettings, load_discord_settings
from adapters.discord.manage import (
    application_id_from_token,
    bot_permissions,
    invite_url,
    invite_url_for,
)
from bot.config import SettingsError


def test_no_token_no_discord() -> None:
    assert load_discord_settings({}) is None


def test_settings_from_the_environment_hide_the_token() -> None:
    s = load_discord_settings(
        {
            "DISCORD_TOKEN": "secret-token",
            "DISCORD_API_URL": "http://127.0.0.1:9/api/v10/",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway",
            "ROOTS_DISCORD_MESSAGE_CONTENT": "1",
            "ROOTS_DISCORD_SHARDS": "4",
            "ROOTS_DISCORD_SHARD_IDS": "2, 3",
        }
    )
    assert s is not None
    assert s.api_url == "http://127.0.0.1:9/api/v10"
    assert s.message_content and s.shard_count == 4 and s.shard_ids == (2, 3)
    assert "secret-token" not in repr(s) and "secret-token" not in str(s)


@pytest.mark.parametrize(
    "env",
    [
        {"ROOTS_DISCORD_SHARD_IDS": "0"},
        {"ROOTS_DISCORD_SHARDS": "2", "ROOTS_DISCORD_SHARD_IDS": "2"},
        {"ROOTS_DISCORD_SHARDS": "zero"},
        {"ROOTS_DISCORD_MESSAGE_CONTENT": "maybe"},
        {"DISCORD_API_URL": "discord.com"},
    ],
)
def test_bad_settings_are_explained(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        load_discord_settings({"DISCORD_TOKEN": "t", **env})


def test_intents_are_the_least_that_works() -> None:
    off = intents_for(DiscordSettings(token="t"))
    assert off.guilds and off.guild_reactions
    assert not off.message_content and not off.guild_messages and not off.members
    on = intents_for(DiscordSettings(token="t", message_content=True))
    assert on.message_content and on.guild_messages and not on.members


def test_shards_held_by_this_process() -> None:
    s = DiscordSettings(token="t", shard_count=2, shard_ids=(1,))
    assert s.holds(1 << 22) and not s.holds(2 << 22)
    assert DiscordSettings(token="t").holds(12345)


def test_invite_url() -> None:
    url = invite_url(100000000000000001)
    assert "client_id=100000000000000001" in url
    assert "scope=bot+applications.commands" in url
    assert f"permissions={bot_permissions().value}" in url
    perms = bot_permissions()
    assert perms.send_messages and perms.embed_links and perms.read_message_history
    assert not perms.administrator and not perms.mention_everyone
    assert application_id_from_token("MTAwMDAwMDAwMDAwMDAwMDAx.x.y") == 100000000000000001


def test_invite_needs_an_application_id() -> None:
    assert "client_id=42" in invite_url_for(DiscordSettings(token="x.y.z", application_id=42))
    with pytest.raises(ValueError, match="DISCORD_APPLICATION_ID"):
        invite_url_for(DiscordSettings(token="not-a-token"))
