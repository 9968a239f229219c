"""The dashboard's admin re-check on Discord (issue #14): Manage Server in the guild now,
fetched from (the loopback fake of) Discord."""

from __future__ import annotations

from bot.wiring import Core
from tests.adapters.discord.conftest import ADMIN, ALICE
from tests.adapters.discord.fake_discord import GUILD_ID, FakeDiscord, member, user
from tests.adapters.discord.helpers import description, is_ephemeral


async def test_admin_pages_ask_discord_for_manage_server_now(
    fake: FakeDiscord, core: Core, bot: object
) -> None:
    assert core.web is not None
    check = core.web.admin_checks["discord"]
    fake.guild_members[1] = member(user(1, "owner"))  # the guild's owner: every right
    fake.guild_members[300] = member(user(300, "maya"))  # @everyone's rights only
    guild = str(GUILD_ID)

    assert await check(guild, "1") is True
    assert await check(guild, "300") is False
    assert await check(guild, "301") is False  # not (or no longer) a member
    assert await check(guild, "not-an-id") is False
    assert await check("999", "1") is None  # a guild this process doesn't hold
    asked = [r for r in fake.requests if "/members/" in r.path]
    assert len(asked) == 3  # fetched each time: the right of the moment, not a cache


async def test_the_wallboard_link_is_private_and_the_server_is_named(
    fake: FakeDiscord, core: Core, bot: object
) -> None:
    """/roots-config wallboard on (issue #14) answers only the admin, with the URL; the
    dashboard names the community as Discord names the server."""
    refused = await fake.callback(
        await fake.send_interaction(fake.slash(ALICE, "roots-config", sub="wallboard", shown="on"))
    )
    assert is_ephemeral(refused) and "/wall/" not in description(refused)
    cb = await fake.callback(
        await fake.send_interaction(
            fake.slash(ADMIN, "roots-config", sub="wallboard", shown="on", admin=True)
        )
    )
    assert is_ephemeral(cb)
    assert "/wall/" in description(cb)
    found = await core.store.find_community(str(GUILD_ID))
    assert found is not None and found.display_name == f"guild-{GUILD_ID}"
