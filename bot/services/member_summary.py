"""A member's summary, what /roots shows: their tallies, who helped them, their giving
streak, their check-in streak and whom to thank back; and the opt-out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.messages import and_list, field, join, t
from bot.periods import LIFE, Window, local_date, period_key, week_key
from bot.services.community import CommunityService
from bot.storage.base import GoalMinutes, KudosStore
from bot.storage.records import Tally
from bot.types import Context, Member, Mention, Plain, Reply, Rich, Span, Tone

if TYPE_CHECKING:
    from bot.pictures import PictureService
    from bot.services.checkins import CheckinService

TOP_HELPERS = 3
PAY_BACK_DAYS = 30


def tally(locale: str, counts: Tally) -> Rich:
    """ "received 3 · given 1", each count with its own plural ("1 reçu · 0 donné")."""
    return t(
        locale,
        "roots.tally_line",
        received=t(locale, "roots.received", count=counts.received),
        given=t(locale, "roots.given", count=counts.given),
    )


def giving_streak(days: list[date], today: date) -> int:
    """Consecutive days with a kudos given, ending today (or yesterday: still alive)."""
    if not days:
        return 0
    expected = today if days[0] == today else today - timedelta(days=1)
    streak = 0
    for day in days:
        if day != expected:
            break
        streak += 1
        expected -= timedelta(days=1)
    return streak


class MemberSummaryService:
    def __init__(
        self,
        store: KudosStore,
        clock: Clock,
        communities: CommunityService,
        checkins: CheckinService | None = None,
        memories: Callable[[Context, Member], Awaitable[list[Rich]]] | None = None,
        goals: GoalMinutes | None = None,
        pictures: PictureService | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.checkins = checkins
        self.memories = memories  # reconnect (issue 16): today's anniversaries
        self.goals = goals
        self.pictures = pictures  # issue 14: the roots picture, for chat

    async def summary(self, ctx: Context, member: Member) -> Reply:
        settings = await self.communities.settings(ctx)
        locale = await self.communities.private_locale(ctx)  # only the asker reads it
        community = ctx.community_id
        record = await self.store.get_member(community, member.id)
        who = Mention(member.id, record.name if record else member.name)
        if record is not None and record.opted_out and member.id != ctx.actor.id:
            return Reply(t(locale, "roots.opted_out", name=who))
        now = self.clock.now()
        today = local_date(now, settings.timezone)
        week = period_key(Window.WEEK, settings.season, today)
        tallies = await self.store.tallies(community, member.id, (week, LIFE))
        days = await self.store.giving_days(community, member.id, limit=400)
        streak = giving_streak(days, today)
        helpers = await self.store.top_helpers(community, member.id, TOP_HELPERS)
        owed = await self.store.not_thanked_back(
            community, member.id, now - timedelta(days=PAY_BACK_DAYS)
        )

        fields = [
            field(locale, t(locale, "roots.this_week"), tally(locale, tallies[week])),
            field(locale, t(locale, "roots.all_time"), tally(locale, tallies[LIFE])),
            field(locale, t(locale, "roots.streak"), t(locale, "roots.streak_days", count=streak)),
        ]
        if self.checkins is not None:
            checked = await self.checkins.streak(community, member.id)
            fields.append(self.checkins.checkin_field(locale, checked))
        if self.goals is not None:  # goals (issue 16): time given to others' goals
            week_minutes, all_minutes = await self.goals.minutes_given(
                community, member.id, week_key(today)
            )
            minutes = t(locale, "roots.goal_minutes", week=week_minutes, total=all_minutes)
            fields.append(field(locale, t(locale, "roots.goal_time"), minutes))
        if helpers:
            helped = join(
                [
                    t(locale, "roots.person_count", name=Mention(m.id, m.name), count=n)
                    for m, n in helpers
                ]
            )
        else:
            helped = t(locale, "roots.no_helpers")
        fields.append(field(locale, t(locale, "roots.helped_most"), helped))
        # Someone else's roots speak of them, not of "you".
        other = {"name": who} if member.id != ctx.actor.id else {}
        suffix = "_other" if other else ""
        if owed:
            pay_back = and_list(locale, [(Mention(m.id, m.name),) for m, _ in owed])
            owed_text = t(
                locale, f"roots.pay_back_list{suffix}", names=pay_back, count=len(owed), **other
            )
            fields.append(field(locale, t(locale, "roots.pay_back"), owed_text))
        else:
            none_text = t(locale, f"roots.pay_back_none{suffix}", **other)
            fields.append(field(locale, t(locale, "roots.pay_back"), none_text))
        # ---- reconnect (issue 16): anniversaries of thank-yous received, today
        if self.memories is not None and (remembered := await self.memories(ctx, member)):
            joined: list[Span] = []
            for n, line in enumerate(remembered):
                joined.extend(((Plain("\n"),) if n else ()) + line)
            fields.append(field(locale, t(locale, "roots.memories"), tuple(joined)))
        picture = (
            await self.pictures.roots(community, member.id, who.name, locale)
            if self.pictures is not None
            else None
        )
        return Reply(
            body=(),
            title=t(locale, "roots.title", name=who),
            fields=tuple(fields),
            picture=picture,
        )

    async def opt(self, ctx: Context, opted_out: bool) -> Reply:
        locale = await self.communities.private_locale(ctx)
        await self.communities.set_opted_out(ctx, opted_out)
        key = "roots.optout_done" if opted_out else "roots.optin_done"
        return Reply(t(locale, key), tone=Tone.SUCCESS)
