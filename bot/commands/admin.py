"""`/roots-admin forget @member [confirm]` (admins): erase a member's personal data."""

from __future__ import annotations

import logging

from bot.commands.parsing import looks_like_mention
from bot.commands.registry import BY_NAME
from bot.errors import Refusal
from bot.messages import for_platform, t, text
from bot.plusplus import MENTION_RE
from bot.services.community import CommunityService
from bot.storage.records import TOMBSTONE_PREFIX, MemberRecord
from bot.types import WEB_SOURCE, CommandCall, Context, Member, Reply, Tone, Visibility

log = logging.getLogger(__name__)

FORGET = BY_NAME["roots-admin"].subcommand("forget")


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
        if call.typed:  # Discord: a member option (resolved by id) and a yes/no
            member = call.values.get("member")
            if call.sub != "forget" or not isinstance(member, Member):
                raise Refusal("forget.usage")
            confirmed = call.values.get("confirm") is True
            target = await self._known_member(ctx, member.id, member)
        else:
            args = list(call.args)
            if not args or args.pop(0).lower() not in FORGET.words:
                raise Refusal("forget.usage")
            confirmed = bool(args) and FORGET.arg("confirm").value_of(args[-1]) == "confirm"
            if confirmed:
                args.pop()
            if len(args) != 1 or not looks_like_mention(args[0]):
                raise Refusal("forget.usage")
            target = await self._forget_target(ctx, args[0], call.mentions)
        locale = await self.communities.private_locale(ctx)  # the admin's answer
        if not confirmed:
            life = await self.communities.life_tally(ctx.community_id, target.id)
            # The dashboard shows a button to go ahead: its preview doesn't say which
            # command to type (CommandCall.source "web", see adapters/web/admin.py).
            where = "web" if call.source == WEB_SOURCE else ctx.platform
            key = for_platform("forget.preview", where)
            body = t(locale, key, name=target.name, given=life.given, received=life.received)
            minutes = await self.communities.goal_minutes_given(ctx.community_id, target.id)
            goals = t(locale, "forget.preview_goals", count=minutes)
            return [Reply(body, lines=(goals,), tone=Tone.INFO, visibility=Visibility.EPHEMERAL)]
        report = await self.communities.erase_member(
            ctx.community_id,
            target.id,
            # it stands in for them in what others wrote: the community's language
            text((await self.communities.settings(ctx)).locale, "forget.placeholder"),
        )
        if not report.found:
            raise Refusal("forget.unknown", name=target.name)
        self.communities.forget(ctx.community_id, target.id)
        # for the record: who erased someone, and when (never whom: that is erased)
        await self.communities.audit(ctx, "member.forget", anonymous=target.id == ctx.actor.id)
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
            return await self._known_member(ctx, match.group(1), mentions.get(match.group(1)))
        name = word.removeprefix("@")
        record = await self.communities.member_named(ctx.community_id, name)
        return _forgettable(name, record.is_bot if record else False, record)

    async def _known_member(self, ctx: Context, member_id: str, mentioned: Member | None) -> Member:
        """The member ``member_id`` as the community knows them (named as the platform
        showed them when the community never stored a name)."""
        record = await self.communities.member(ctx.community_id, member_id)
        name = record.name if record else mentioned.name if mentioned else member_id
        is_bot = bool(record and record.is_bot) or bool(mentioned and mentioned.is_bot)
        return _forgettable(name, is_bot, record)


def _forgettable(name: str, is_bot: bool, record: MemberRecord | None) -> Member:
    """A bot, or a member the community knows nothing about, is refused politely."""
    if is_bot:
        raise Refusal("forget.bot", name=name)
    if record is None or record.id.startswith(TOMBSTONE_PREFIX):
        raise Refusal("forget.unknown", name=name)
    return Member(record.id, record.name, record.is_bot)
