"""What the dashboard's Prompts page reads and does, as a narrow port, and its
implementation on the running core: the schedules and the prompt rotation as the
scheduler sees them, the prompts sent this week with their check-ins, and a suggestion
that goes through the core's PromptService exactly as ``/prompt suggest`` does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from adapters.web.actions import Outcome
from bot.calendar.planning import next_planned
from bot.errors import Refusal
from bot.messages import for_platform, text
from bot.storage.records import ScheduleRecord, StorageError
from bot.types import Context, plain_text
from bot.wiring import Core

NEXT_POSTS = 3  # upcoming posts shown per channel
WEEK_POSTS = 50  # at most, this week's prompts listed


@dataclass(frozen=True)
class ChannelPlan:
    """One channel's daily prompts: its next posts (UTC instants; the page writes them
    in ``timezone``), the prompt it will post next, or why it is quiet."""

    channel_id: str
    timezone: str
    at_time: str
    days: frozenset[int]
    state: str  # "on", "off" or "paused"
    next_posts: Sequence[datetime]
    next_prompt: str


@dataclass(frozen=True)
class PostedPrompt:
    channel_id: str
    local_date: date
    prompt: str
    checkins: int


class PromptsPort(Protocol):
    async def plans(self, community_id: str, locale: str) -> Sequence[ChannelPlan]: ...

    async def posted_since(
        self, community_id: str, since: date, locale: str
    ) -> Sequence[PostedPrompt]: ...

    async def suggest(self, ctx: Context, raw: str, locale: str) -> Outcome: ...


def upcoming(schedule: ScheduleRecord, count: int) -> list[datetime]:
    """The schedule's next ``count`` posts, from the one the scheduler planned."""
    if schedule.next_due_at is None:
        return []
    found = [schedule.next_due_at]
    while len(found) < count:
        nxt = next_planned(
            found[-1],
            schedule.at_time,
            schedule.timezone,
            schedule.days,
            schedule.first_date,
            schedule.last_date,
        )
        if nxt is None:
            break
        found.append(nxt[1])
    return found


class CorePrompts:
    """:class:`PromptsPort` on the running core's services and store."""

    def __init__(self, core: Core) -> None:
        self.core = core

    async def plans(self, community_id: str, locale: str) -> Sequence[ChannelPlan]:
        core = self.core
        posts = core.schedules.posts
        plans: list[ChannelPlan] = []
        for s in await core.store.list_schedules(community_id):
            if s.kind != "prompt":
                continue
            state = "paused" if s.paused_reason else "on" if s.enabled else "off"
            nxt = upcoming(s, NEXT_POSTS) if state == "on" else []
            prompt = await posts.next_prompt(
                community_id, s.channel_id, s.locale, core.scheduler.chooser
            )
            plans.append(
                ChannelPlan(
                    s.channel_id, s.timezone, s.at_time, s.days, state, nxt, plain_text(prompt)
                )
            )
        return plans

    async def posted_since(
        self, community_id: str, since: date, locale: str
    ) -> Sequence[PostedPrompt]:
        posts = self.core.schedules.posts
        found = await self.core.store.prompt_posts_since(community_id, since, WEEK_POSTS)
        return [
            PostedPrompt(
                post.channel_id,
                post.local_date,
                plain_text(await posts.prompt_text(community_id, post.prompt_id, locale)),
                count,
            )
            for post, count in found
        ]

    async def suggest(self, ctx: Context, raw: str, locale: str) -> Outcome:
        """A suggestion as ``/prompt suggest`` makes it: the same checks (length,
        duplicates, the pending limit) and texts, the same queue admins decide from."""
        try:
            await self.core.communities.see(ctx.community_id, ctx.actor)
            reply = await self.core.prompts.add(ctx, raw, suggest=True)
        except Refusal as refusal:
            key = for_platform(refusal.key, ctx.platform)
            return Outcome(False, text(locale, key, **refusal.values))
        except StorageError:
            return Outcome(False, text(locale, "error.storage"))
        return Outcome(True, reply.as_text())
