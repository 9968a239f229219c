"""Team kudos on Discord (issue 15): a role's members, as the core's :class:`Team`.

Discord tells a bot who holds a role only with the privileged Server Members intent,
which Roots asks for only when ``ROOTS_DISCORD_MEMBERS=1``; without it a role is
refused politely (the message says what to enable). With it, the guild's members are
fetched once, on the first team kudos (a member chunk over the gateway), and kept
current by the gateway's member events.
"""

from __future__ import annotations

import logging

import discord

from adapters.discord.translate import member_of
from bot.services.kudos import MAX_TEAM
from bot.types import Team

log = logging.getLogger(__name__)

# A role larger than this is only sized, not listed (team kudos thank at most MAX_TEAM;
# the margin is for the giver and bots, who are left out).
TEAM_LISTED = MAX_TEAM * 4


def role_name(role: discord.Role) -> str:
    """How a role is named in a confirmation: ``@design`` (``@everyone`` as it is)."""
    return role.name if role.name.startswith("@") else "@" + role.name


async def role_team(role: discord.Role, members_intent: bool) -> Team:
    """The members holding ``role``, as team kudos see them."""
    name = role_name(role)
    if not members_intent:
        return Team(str(role.id), name, unavailable="team.discord_members_off")
    guild = role.guild
    if not guild.chunked:
        try:
            await guild.chunk()
        except (discord.ClientException, TimeoutError) as exc:
            log.warning("Could not list the members of guild %s: %s", guild.id, exc)
            return Team(str(role.id), name, unavailable="team.discord_members_off")
    holders = role.members
    if len(holders) > TEAM_LISTED:
        return Team(str(role.id), name, size=len(holders))
    return Team(str(role.id), name, tuple(member_of(m) for m in holders))
