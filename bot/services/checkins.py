"""Check-ins on the daily prompts and challenge days (:class:`CheckinService`): /done,
the check-in button, a check mark on a post, the count shown on the post, and streaks.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.delivery import ChannelUnavailable
from bot.errors import Refusal
from bot.messages import day_text, field, t
from bot.numbers import ascii_int
from bot.scheduler import Scheduler
from bot.services.community import CommunityService
from bot.services.kudos import KudosService
from bot.storage.base import CheckinStore
from bot.storage.records import PostRecord, PostStatus
from bot.types import Context, Field, Member, Mention, Reply, Tone, Visibility

if TYPE_CHECKING:
    from bot.services.prompts import PromptPosts

log = logging.getLogger(__name__)

CHECKIN_ACTION = "roots:checkin"
CHECKIN_KINDS = ("prompt", "challenge")
MAX_NOTE = 280
STREAK_LOOKBACK = 400


def checkin_streak(posted: list[date], checked: set[date]) -> int:
    """Consecutive posted days (newest first) the member checked in on. Days without a
    post never break a streak; the newest post may still be unanswered."""
    streak = 0
    for i, day in enumerate(posted):
        if day in checked:
            streak += 1
        elif i == 0:
            continue
        else:
            break
    return streak


class CheckinService:
    """The check-ins. ``/done @bob …`` also thanks through ``kudos``; the count on a
    post is edited through the scheduler's delivery, rendered as its kind says."""

    def __init__(
        self,
        store: CheckinStore,
        clock: Clock,
        communities: CommunityService,
        kudos: KudosService,
        scheduler: Scheduler,
        posts: PromptPosts,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.kudos = kudos
        self.scheduler = scheduler
        self.posts = posts

    async def done(
        self,
        ctx: Context,
        note: str,
        receivers: list[Member],
        event_id: str | None,
    ) -> list[Reply]:
        """`/done [note]` or `/done @bob thanks for…`: check in on the channel's latest post."""
        post = await self.store.latest_post(ctx.community_id, ctx.channel_id, CHECKIN_KINDS)
        if post is None:
            raise Refusal("checkin.no_post")
        note = " ".join(note.split())
        if len(note) > MAX_NOTE:
            raise Refusal("checkin.note_too_long", limit=MAX_NOTE, length=len(note))
        replies: list[Reply] = []
        if receivers:
            given = await self.kudos.give(
                ctx, receivers, note, source="checkin", event_id=event_id
            )  # a refusal here changes nothing: the check-in is not recorded either
            if given is not None:
                replies.append(given.reply)
        return [await self.check_in(ctx, post, note, public=True), *replies]

    async def check_in(self, ctx: Context, post: PostRecord, note: str, *, public: bool) -> Reply:
        # A public check-in is for everyone to read; a private one (a reaction, a
        # button) for the member alone.
        if public:
            locale = (await self.communities.settings(ctx)).locale
        else:
            locale = await self.communities.private_locale(ctx)
        if ctx.actor.is_bot:
            raise Refusal("checkin.bot")
        outcome = await self.store.record_checkin(post, ctx.actor.id, note, self.clock.now())
        if not outcome.recorded:
            mine = await self.communities.private_locale(ctx)  # a private answer
            return Reply(t(mine, "checkin.already", date=day_text(mine, post.local_date)))
        await self._show_count(post, outcome.count)
        streak = await self.streak(ctx.community_id, ctx.actor.id)
        who = Mention(ctx.actor.id, ctx.actor.name)
        return Reply(
            t(locale, "checkin.done", name=who, count=outcome.count),
            lines=(t(locale, "checkin.streak", count=streak),),
            tone=Tone.SUCCESS,
            visibility=Visibility.PUBLIC if public else Visibility.EPHEMERAL,
        )

    async def _show_count(self, post: PostRecord, count: int) -> None:
        """Edit the post to show how many checked in, when the platform can edit."""
        if post.platform_message_id is None:
            return
        render = self.scheduler.kinds.get(post.kind)
        try:
            if post.kind == "prompt":
                reply = await self.posts.render(post, count)
            elif render is not None:
                base = await render.render(post)
                locale = await self.posts.locale_of(post)
                reply = replace(base, lines=(*base.lines, t(locale, "prompt.count", count=count)))
            else:
                return
            await self.scheduler.delivery.edit(
                post.community_id, post.channel_id, post.platform_message_id, reply
            )
        except ChannelUnavailable:
            log.info("Post %d can no longer be edited", post.post_id)
        except Exception:
            log.exception("Could not update the check-in count of post %d", post.post_id)

    async def check_in_message(self, ctx: Context, message_id: str) -> list[Reply]:
        """A ✅ reaction on a message: a check-in when it is one of Roots' posts."""
        post = await self.store.post_by_message(ctx.community_id, message_id)
        if post is None or post.status is not PostStatus.SENT or ctx.actor.is_bot:
            return []
        return [await self.check_in(ctx, post, "", public=False)]

    async def check_in_button(self, ctx: Context, value: str) -> list[Reply]:
        """The check-in button of a post (``value`` is the post id)."""
        post_id = ascii_int(value)
        post = await self.store.get_post(post_id) if post_id is not None else None
        if post is None or post.community_id != ctx.community_id:
            raise Refusal("checkin.no_post")
        return [await self.check_in(ctx, post, "", public=False)]

    async def streak(self, community_id: str, member_id: str) -> int:
        posted = await self.store.posted_days(community_id, CHECKIN_KINDS, STREAK_LOOKBACK)
        if not posted:
            return 0
        checked = set(await self.store.checkin_days(community_id, member_id, STREAK_LOOKBACK))
        return checkin_streak(posted, checked)

    def checkin_field(self, locale: str, days: int) -> Field:
        name = t(locale, "checkin.streak_name")
        return field(locale, name, t(locale, "checkin.streak_days", count=days))
