"""Gateway events: ``@member++`` in messages, kudos-emoji and ✅ reactions."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from adapters.discord.translate import (
    PLATFORM,
    canonical,
    member_of,
    message_posted,
    reaction_added,
    replied_author,
)
from bot.emoji import reaction_kind
from bot.thanks import detect
from bot.types import Context, Reply

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot

log = logging.getLogger(__name__)


class Listeners(commands.Cog):
    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self.bot.discord_settings.message_content or message.author.bot:
            return
        content = message.content
        if "+" not in content and "\uff0b" not in content and not self._thanks(message):
            return  # neither ++ nor a thank-you: nearly every message, read no further
        event = message_posted(message)
        if event is None:
            return
        replies = await self.bot.core.router.message(event)
        # Public replies answer the message; private ones (a refusal, the "Keep this as
        # kudos?" question) go to its author alone, by DM.
        await self.bot.post_replies(
            message.channel,
            replies,
            actor=message.author,
            reference=message.to_reference(fail_if_not_exists=False),
        )

    def _thanks(self, message: discord.Message) -> bool:
        """Whether the text reads as a thank-you (pure, no I/O: the core decides the rest)."""
        replied = replied_author(message)
        text, mentions = canonical(message.content, message.mentions)
        found = detect(
            text,
            mentions,
            author_id=str(message.author.id),
            reply_to=replied.id if replied else None,
            bot_id=str(self.bot.user.id) if self.bot.user else None,
        )
        return found is not None

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        """A deleted message's pending "Keep this as kudos?" offer disappears."""
        if payload.guild_id is None:
            return
        await self.bot.core.router.message_deleted(
            str(payload.guild_id), str(payload.channel_id), str(payload.message_id)
        )

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        reactor = payload.member
        me = self.bot.user
        if payload.guild_id is None or reactor is None or reactor.bot or me is None:
            return
        emoji = str(payload.emoji)
        ctx = Context(PLATFORM, str(payload.guild_id), str(payload.channel_id), member_of(reactor))
        settings = await self.bot.core.communities.settings(ctx)
        kind = reaction_kind(emoji, settings.kudos_emoji)
        kudos, check = kind.kudos, kind.check
        on_roots_post = payload.message_author_id == me.id
        if not (kudos or (check and (on_roots_post or payload.message_author_id is None))):
            return
        replies = await self._reaction(payload, reactor, ctx, emoji, check and on_roots_post)
        channel = self.bot.get_partial_messageable(payload.channel_id, guild_id=payload.guild_id)
        reference = discord.MessageReference(
            message_id=payload.message_id,
            channel_id=payload.channel_id,
            guild_id=payload.guild_id,
            fail_if_not_exists=False,
        )
        await self.bot.post_replies(channel, replies, actor=reactor, reference=reference)

    async def _reaction(
        self,
        payload: discord.RawReactionActionEvent,
        reactor: discord.Member,
        ctx: Context,
        emoji: str,
        checkin: bool,
    ) -> list[Reply]:
        """One member's reactions one at a time: the core's pre-check (budget, cooldown
        on the author, their own message) before the message is fetched."""
        router = self.bot.core.router
        me = self.bot.user
        assert me is not None
        async with router.reaction_turn(ctx):
            author: discord.abc.User
            if checkin:
                author, text = me, ""  # a ✅ on one of Roots' posts: a check-in
            else:
                author_id = payload.message_author_id
                early = await router.reaction_precheck(
                    ctx, emoji, str(payload.message_id), str(author_id) if author_id else None
                )
                if early is not None:
                    return early
                found = await self._message(payload)
                if found is None:
                    return []
                author, text = found.author, found.content
            return await router.reaction(reaction_added(payload, reactor, author, text))

    async def _message(self, payload: discord.RawReactionActionEvent) -> discord.Message | None:
        cached = discord.utils.get(self.bot.cached_messages, id=payload.message_id)
        if cached is not None:
            return cached
        channel = self.bot.get_partial_messageable(payload.channel_id, guild_id=payload.guild_id)
        try:
            return await channel.fetch_message(payload.message_id)
        except discord.HTTPException as exc:
            log.info("Reaction on a message Roots cannot read (%s)", exc.status)
            return None


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Listeners(bot))
