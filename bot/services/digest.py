"""The weekly digest: kudos given this week, how many gave, new connections, top givers,
prompts answered. Posted by the scheduler (same exactly-once machinery as prompts)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.messages import join, t
from bot.periods import local_date
from bot.services.community import post_locale
from bot.storage.base import DigestStore, GoalsStore
from bot.storage.records import PostRecord
from bot.types import Mention, Reply, Rich, Visibility

if TYPE_CHECKING:
    from bot.pictures import PictureService

WEEK = timedelta(days=7)


class DigestService:
    """Renders the scheduler's "digest" kind of post."""

    def __init__(
        self,
        store: DigestStore,
        goals: GoalsStore | None = None,
        pictures: PictureService | None = None,
    ) -> None:
        self.store = store
        self.goals = goals
        self.pictures = pictures  # issue 14: the kudos-per-week chart goes with the digest

    async def render(self, post: PostRecord) -> Reply:
        schedule = await self.store.get_schedule(post.schedule_id) if post.schedule_id else None
        locale = await post_locale(self.store, schedule, post.community_id)
        stats = await self.store.digest_stats(post.community_id, post.due_at - WEEK, post.due_at)
        lines: list[Rich] = [
            t(locale, "digest.kudos", kudos=stats.kudos, count=stats.givers),
            t(locale, "digest.connections", count=stats.new_connections),
        ]
        if stats.top_givers:
            top = join(
                [
                    t(locale, "digest.person_count", name=Mention(m.id, m.name), count=n)
                    for m, n in stats.top_givers
                ]
            )
            lines.append(t(locale, "digest.top_givers", names=top))
        lines.append(t(locale, "digest.checkins", count=stats.checkins))
        if self.goals is not None:  # goals (issue 16): minutes given to each other's goals
            minutes, helpers = await self.goals.goal_minutes_between(
                post.community_id, post.due_at - WEEK, post.due_at
            )
            if minutes:
                lines.append(t(locale, "digest.goal_minutes", minutes=minutes, helpers=helpers))
        picture = None
        if self.pictures is not None:
            # the 26 weeks ending with the day before the digest is due: one due on
            # Monday morning shows the week that just ended as its last bar
            zone = schedule.timezone if schedule else "UTC"
            last_day = local_date(post.due_at - timedelta(days=1), zone)
            picture = await self.pictures.weekly(post.community_id, "kudos", last_day, locale)
        return Reply(
            body=t(locale, "digest.body"),
            title=t(locale, "digest.title"),
            lines=tuple(lines),
            visibility=Visibility.PUBLIC,
            picture=picture,
        )
