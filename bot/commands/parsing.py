"""Mentions and channels in the words of a command (console, Slack), shared by every
command module. The words that name sub-commands and choices are the registry's
(``bot/commands/registry.py``: ``Command.sub``, ``Arg.value_of``)."""

from __future__ import annotations

import re

from bot.errors import Refusal
from bot.messages import text
from bot.plusplus import MENTION_RE
from bot.services.community import CommunityService
from bot.services.schedules import channel_word
from bot.types import CommandCall, Context, Member


def looks_like_mention(word: str) -> bool:
    return bool(MENTION_RE.fullmatch(word)) or (word.startswith("@") and len(word) > 1)


def humanize_mentions(text: str, mentions: dict[str, Member]) -> str:
    """Replace canonical tokens by @name so a stored reason reads well anywhere."""

    def name(match: re.Match[str]) -> str:
        member = mentions.get(match.group(1))
        return f"@{member.name}" if member else f"@{match.group(1)}"

    return MENTION_RE.sub(name, text)


async def resolve_member(
    communities: CommunityService, ctx: Context, word: str, mentions: dict[str, Member]
) -> Member:
    """The member behind a mention token (or a known name), or a polite 'who?'."""
    match = MENTION_RE.fullmatch(word)
    if match and match.group(1) in mentions:
        return mentions[match.group(1)]
    name = match.group(1) if match else word.removeprefix("@")
    record = await communities.member_named(ctx.community_id, name)
    if record is None:
        raise Refusal("kudos.unknown_member", name=name)
    return Member(record.id, record.name, record.is_bot)


def channel_arg(call: CommandCall, word: str) -> str | None:
    """The channel id ``word`` names (``<#C1>``, ``#general``), None when it names none.

    Only a channel the platform resolved as one of the community's is taken
    (``call.channels``); one typed as text (a ``<#id>`` inside a free-text option)
    is refused politely: it may be another community's channel.
    """
    found = channel_word(word)
    if found is None:
        return None
    if found not in call.channels:
        raise Refusal("schedule.channel_not_given")
    return found


def on_off(locale: str, value: bool) -> str:
    return text(locale, "on" if value else "off")
