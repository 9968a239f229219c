"""`/roots-admin forget @member [confirm]` (admins): erase a member's personal data."""

from __future__ import annotations

import logging

from bot.commands.parsing import CONFIRM_WORDS, FORGET_WORDS, looks_like_mention
from bot.errors import Refusal
from bot.messages import for_platform, t, text
from bot.plusplus import MENTION_RE
from bot.services.community import CommunityService
from bot.storage.records import TOMBSTONE_PREFIX
from bot.types import CommandCall, Context, Member, Reply, Tone, Visibility

log = logging.getLogger(__name__)


class AdminCommands:
    """The Router's `/roots-admin` handlers."""

    communities: CommunityService

    async def _admin(self, call: CommandCall) -> list[Reply]:
        """`/roots-admin forget @member [confirm]`: erase a member's personal data.

        Without ``confirm`` it only says what would be erased. Any other shape of
        arguments, a bot, or a member the community knows nothing about is refused
        politely and changes nothing. Admins may forget themselves.
        """
        ctx = call.ctx
        args = list(call.args)
        if not args or args.pop(0).lower() not in FORGET_WORDS:
            raise Refusal("forget.usage")
        confirmed = bool(args) and args[-1].lower() in CONFIRM_WORDS
        if confirmed:
            args.pop()
        if len(args) != 1 or not looks_like_mention(args[0]):
            raise Refusal("forget.usage")
        target = await self._forget_target(ctx, args[0], call.mentions)
        locale = (await self.communities.settings(ctx)).locale
        if not confirmed:
            life = await self.communities.life_tally(ctx.community_id, target.id)
            key = for_platform("forget.preview", ctx.platform)
            body = t(locale, key, name=target.name, given=life.given, received=life.received)
            return [Reply(body, tone=Tone.INFO, visibility=Visibility.EPHEMERAL)]
        report = await self.communities.erase_member(
            ctx.community_id, target.id, text(locale, "forget.placeholder")
        )
        if not report.found:
            raise Refusal("forget.unknown", name=target.name)
        self.communities.forget(ctx.community_id, target.id)
        log.info("Erased a member's personal data in %s", ctx.community_id)
        done = t(
            locale,
            "forget.done",
            name=target.name,
            given=report.kudos_given,
            received=report.kudos_received,
            count=report.checkins,
        )
        return [Reply(done, tone=Tone.SUCCESS, visibility=Visibility.EPHEMERAL)]

    async def _forget_target(self, ctx: Context, word: str, mentions: dict[str, Member]) -> Member:
        """The member to forget, by mention (even one never seen) or by known name."""
        match = MENTION_RE.fullmatch(word)
        if match:
            member_id = match.group(1)
            record = await self.communities.member(ctx.community_id, member_id)
            mentioned = mentions.get(member_id)
            name = record.name if record else mentioned.name if mentioned else member_id
            is_bot = bool(record and record.is_bot) or bool(mentioned and mentioned.is_bot)
        else:
            name = word.removeprefix("@")
            record = await self.communities.member_named(ctx.community_id, name)
            is_bot = bool(record and record.is_bot)
        if is_bot:
            raise Refusal("forget.bot", name=name)
        if record is None or record.id.startswith(TOMBSTONE_PREFIX):
            raise Refusal("forget.unknown", name=name)
        return Member(record.id, record.name, record.is_bot)
