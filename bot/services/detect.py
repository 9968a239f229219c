"""Thank-yous that already happen (issue 15): "thanks @bob" noticed, the thanker asked.

A message :func:`bot.thanks.detect` reads as a thank-you is offered, privately and to
the thanker only, as kudos: "Keep this as kudos for @bob? [Keep 🌱] [No] [Don't ask me
again]". Roots never answers in public on its own: Keep records kudos through the same
rules as ``/kudos`` (budget, cooldown, opt-out) and tells the thanker, privately too
(the thank-you itself is already in the channel).

Limits: at most :data:`ASKS_PER_DAY` asks per member per local day; never about a
message older than :data:`MAX_AGE` (a platform replaying an old event); a thank-you to
opted-out members only is not offered; a deleted message's offer disappears; the
community's switch (``/roots-config detect on|off``, on by default) and the member's
(``/roots detect on|off``, or "Don't ask me again") are read only once a message
really reads as thanks, so ordinary messages cost no storage read.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import Protocol

from bot.clock import Clock
from bot.commands.parsing import humanize_mentions
from bot.errors import Refusal
from bot.messages import for_platform, join, t
from bot.periods import local_date
from bot.services.community import OFF_WORDS, ON_WORDS, CommunityService
from bot.services.kudos import MAX_RECIPIENTS, KudosService
from bot.storage.base import DetectStore, MemberStore
from bot.storage.records import DetectOffer
from bot.thanks import detect
from bot.types import (
    Button,
    ButtonClicked,
    Context,
    Member,
    Mention,
    MessagePosted,
    Reply,
    Tone,
    Visibility,
)

log = logging.getLogger(__name__)

ASKS_PER_DAY = 5
MAX_AGE = timedelta(minutes=10)
SOURCE = "detected"
KEEP = "roots:detect-keep"
NO = "roots:detect-no"
NEVER = "roots:detect-never"
ACTIONS = (KEEP, NO, NEVER)


def switch(words: tuple[str, ...] | list[str], usage: str) -> bool:
    """``on`` / ``off`` (or oui/non, yes/no) as the one word given; else the usage."""
    word = words[0].lower() if len(words) == 1 else ""
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    raise Refusal(usage)


class DetectPort(DetectStore, MemberStore, Protocol):
    """What detection needs of the store."""


def button_value(community_id: str, offer_id: int) -> str:
    """A confirm button's value: the offer, and its community (a Discord DM has none)."""
    return f"{community_id}.{offer_id}"


def parse_value(value: str) -> tuple[str, int] | None:
    """(community id, offer id) of a button's value; None when it is not one of ours."""
    community_id, _, number = value.rpartition(".")
    if not community_id or not number.isascii() or not number.isdigit() or len(number) > 18:
        return None
    return community_id, int(number)


def event_id(offer: DetectOffer) -> str:
    """The kudos' source event: the message (one kudos per message, however often kept)."""
    return f"detected:{offer.channel_id}:{offer.message_id}"


class DetectService:
    def __init__(
        self,
        store: DetectPort,
        clock: Clock,
        communities: CommunityService,
        kudos: KudosService,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.kudos = kudos

    # ------------------------------------------------------------ asking

    async def offer(self, msg: MessagePosted) -> list[Reply]:
        """The private question for a thank-you in ``msg``; none for anything else."""
        ctx, actor = msg.ctx, msg.ctx.actor
        if actor.is_bot:
            return []
        found = detect(
            msg.text,
            msg.mentions,
            author_id=actor.id,
            reply_to=msg.reply_to.id if msg.reply_to is not None else None,
        )
        if found is None:
            return []
        now = self.clock.now()
        if msg.posted_at is not None and now - msg.posted_at > MAX_AGE:
            log.info("Thanks in message %s of %s: too old to ask", msg.message_id, ctx.community_id)
            return []
        if not await self.enabled(ctx.community_id):
            return []
        if await self.store.detect_quiet(ctx.community_id, actor.id):
            return []
        known = dict(msg.mentions)
        if msg.reply_to is not None:
            known.setdefault(msg.reply_to.id, msg.reply_to)
        receivers: list[Member] = []
        for member_id in found.receiver_ids:
            member = known.get(member_id)
            if member is None or member.is_bot:
                continue
            record = await self.store.get_member(ctx.community_id, member_id)
            if record is not None and record.opted_out:
                continue  # they asked for no kudos: nobody asks on their behalf
            receivers.append(member)
        if not receivers or len(receivers) > MAX_RECIPIENTS:
            return []  # nobody to thank, or more than one kudos may thank: Keep would refuse
        settings = await self.communities.settings(ctx)
        await self.communities.see(ctx.community_id, actor, *receivers)
        reason = humanize_mentions(found.excerpt, known)
        offer_id = await self.store.add_detect_offer(
            DetectOffer(
                community_id=ctx.community_id,
                channel_id=ctx.channel_id,
                message_id=msg.message_id,
                giver_id=actor.id,
                receiver_ids=tuple(m.id for m in receivers),
                reason=reason,
                local_day=local_date(now, settings.timezone),
                created_at=now,
            ),
            ASKS_PER_DAY,
        )
        if offer_id is None:  # asked already (a retry), or enough for today
            return []
        locale = await self.communities.private_locale(ctx)  # only the thanker sees it
        value = button_value(ctx.community_id, offer_id)
        names = join([(Mention(m.id, m.name),) for m in receivers])
        return [
            Reply(
                body=t(locale, "detect.ask", receivers=names),
                lines=(t(locale, "detect.excerpt", excerpt=reason),),
                buttons=(
                    Button(KEEP, t(locale, "detect.keep"), value),
                    Button(NO, t(locale, "detect.no"), value),
                    Button(NEVER, t(locale, "detect.never"), value),
                ),
                visibility=Visibility.EPHEMERAL,
            )
        ]

    async def enabled(self, community_id: str) -> bool:
        """The community's switch: on unless an admin turned it off."""
        return await self.store.detect_enabled(community_id) is not False

    # ------------------------------------------------------------ answers

    async def answer(self, event: ButtonClicked) -> list[Reply]:
        """Keep, No or Don't ask me again, clicked by the thanker."""
        ctx = event.ctx
        parsed = parse_value(event.value)
        offer = None
        if parsed is not None and parsed[0] == ctx.community_id:
            offer = await self.store.detect_offer(ctx.community_id, parsed[1])
        if offer is None:
            raise Refusal("detect.gone")
        if offer.giver_id != ctx.actor.id:
            raise Refusal("detect.not_yours")
        locale = await self.communities.private_locale(ctx)
        if event.action_id == NEVER:
            await self.store.set_detect_quiet(ctx.community_id, ctx.actor.id, True)
            key = for_platform("detect.quiet", ctx.platform)
            return [Reply(t(locale, key), tone=Tone.SUCCESS)]
        if offer.answer == "keep":  # kept already: Keep again, or No, changes nothing
            return [Reply(t(locale, "detect.already_kept"))]
        if event.action_id == NO:
            await self.store.answer_detect_offer(ctx.community_id, offer.offer_id, "no")
            return [Reply(t(locale, "detect.not_kept"))]
        receivers = []
        for member_id in offer.receiver_ids:
            record = await self.store.get_member(ctx.community_id, member_id)
            name = record.name if record is not None else member_id
            receivers.append(Member(member_id, name, record.is_bot if record else False))
        # The kudos belong to the message's channel, wherever the button was (a DM).
        given = await self.kudos.give(
            replace(ctx, channel_id=offer.channel_id),
            receivers,
            offer.reason,
            source=SOURCE,
            event_id=event_id(offer),
        )
        await self.store.answer_detect_offer(ctx.community_id, offer.offer_id, "keep")
        if given is None:
            return [Reply(t(locale, "detect.already_kept"))]
        # The thanks are already in the channel: the confirmation is the thanker's only.
        quiet = given.written(locale)
        return [replace(quiet, visibility=Visibility.EPHEMERAL, ping=())]

    # ------------------------------------------------------------ settings, deletions

    async def set_community(self, ctx: Context, on: bool) -> Reply:
        await self.store.set_detect_enabled(ctx.community_id, on)
        locale = await self.communities.private_locale(ctx)
        key = "detect.community_on" if on else "detect.community_off"
        return Reply(t(locale, key), tone=Tone.SUCCESS)

    async def set_member(self, ctx: Context, on: bool) -> Reply:
        await self.store.set_detect_quiet(ctx.community_id, ctx.actor.id, not on)
        locale = await self.communities.private_locale(ctx)
        key = for_platform("detect.member_on" if on else "detect.member_off", ctx.platform)
        return Reply(t(locale, key), tone=Tone.SUCCESS)

    async def deleted(self, community_id: str, channel_id: str, message_id: str) -> int:
        """A message was deleted: its offer goes (Keep then finds nothing)."""
        dropped = await self.store.drop_detect_offers(community_id, channel_id, message_id)
        if dropped:
            log.info("Offer about deleted message %s in %s dropped", message_id, community_id)
        return dropped
