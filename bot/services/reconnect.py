"""Reconnect (issue 16): say hello again to people you exchanged thanks with.

- ``/roots reconnect`` suggests, privately, up to 3 members the caller exchanged active
  kudos with at least twice (both ways together) but not in the last 60 days, the
  quietest first, each with the count, when they last thanked each other and the last
  reason. "Say thanks again" opens the kudos form (the console tells the line to type);
  "Not now" hides that person for 90 days. Opted-out (so erased) members, bots and
  members who left are never suggested.
- Memories: on the anniversary of a thank-you received (6 months, then every year),
  ``/roots`` and the weekly nudge show it. A revoked kudos, or one whose giver was erased
  (an opted-out tombstone) or opted out, is never remembered. The anniversary of
  29 February is 28 February in a year without one (so is any day the target month
  lacks: 31 August's six months fall on the last day of February): it stays in its
  month, never drifts into the next.
- The weekly nudge, opt-in (``/roots nudges on [day] [HH:MM]``, default Monday 10:00
  in the community's zone): a schedule of kind ``nudge`` whose channel is the member's
  id, so the scheduler plans it from the calendar (DST-correct) and claims it exactly
  once per local date, across restarts and processes. It is sent privately
  (``bot.delivery.send_private``) and holds the suggestions and the week's memories;
  a week with nothing to say sends nothing. A platform that refuses the direct message
  (the member blocks them) skips it, and the member is told once, privately, at their
  next command.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.calendar.timing import parse_days, parse_hhmm
from bot.clock import Clock
from bot.delivery import Delivery, DirectMessagesClosed, send_private
from bot.errors import Refusal
from bot.messages import for_platform, t, text
from bot.periods import local_date
from bot.scheduler import NothingToSay, PostKind, plan
from bot.services.community import CommunityService
from bot.storage.base import MemberStore, ReconnectStore, ScheduleStore
from bot.storage.records import (
    NUDGE_KIND,
    Memory,
    PostRecord,
    ReconnectCandidate,
    Replan,
    ScheduleDraft,
    ScheduleRecord,
)
from bot.types import Button, Context, Member, Mention, Plain, Reply, Rich, Tone, UserText

log = logging.getLogger(__name__)

QUIET_DAYS = 60  # suggested when the last thank-you between them is at least this old
AT_LEAST = 2  # thank-yous exchanged (both ways together) to be suggested
SUGGESTIONS = 3
SNOOZE_DAYS = 90  # "Not now" hides someone this long
MEMORY_MONTHS = (6, *range(12, 12 * 30 + 1, 12))  # six months, then every year (30 years)
NUDGE_DAY = 0  # Monday
NUDGE_TIME = "10:00"
THANK_ACTION = "roots:reconnect-thank"
SNOOZE_ACTION = "roots:reconnect-snooze"
ACTIONS = (THANK_ACTION, SNOOZE_ACTION)
# Refused direct messages not told yet are read once a minute per community (a
# member's command costs no query); another process's refusal shows within that.
REFUSALS_TTL = timedelta(seconds=60)
ON_WORDS = frozenset({"on", "oui", "activer", "active", "sí", "si", "activar", "ja", "an", "ein"})
OFF_WORDS = frozenset(
    {"off", "non", "desactiver", "désactiver", "stop", "no", "desactivar", "nein", "aus"}
)


class ReconnectServiceStore(ReconnectStore, ScheduleStore, MemberStore, Protocol):
    """What reconnect uses: its own port, the schedules (the nudge) and members."""


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; a day the target month lacks becomes its
    last day (29 February + 12 months = 28 February in a year without a 29th)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def anniversaries(today: date) -> dict[date, int]:
    """Every local day whose anniversary (6 months, then each year) is ``today``, with
    how many months ago it was."""
    found: dict[date, int] = {}
    last_target = calendar.monthrange(today.year, today.month)[1]
    for months in MEMORY_MONTHS:
        years, month0 = divmod(today.month - 1 - months, 12)
        year, month = today.year + years, month0 + 1
        if year < 1:
            break
        last_source = calendar.monthrange(year, month)[1]
        # The same day of the month; and on the last day of a shorter month, the days
        # the shorter month lacks (29 February -> 28 February).
        days = [today.day] if today.day <= last_source else []
        if today.day == last_target:
            days.extend(range(today.day + 1, last_source + 1))
        for day in days:
            found[date(year, month, day)] = months
    return found


@dataclass(frozen=True)
class Remembered:
    memory: Memory
    months: int  # how long ago: 6, 12, 24...


class ReconnectService:
    def __init__(
        self,
        store: ReconnectServiceStore,
        clock: Clock,
        communities: CommunityService,
        changed: Callable[[], None],
    ) -> None:
        """``changed``: wakes the scheduler when a nudge is switched on or off."""
        self.store = store
        self.clock = clock
        self.communities = communities
        self.changed = changed
        # community -> (members with an untold refused DM, when it was read)
        self._untold: dict[str, tuple[set[str], datetime]] = {}

    def kind(self) -> PostKind:
        """How the scheduler renders and sends a weekly nudge."""
        return PostKind(render=self.render_nudge, send=self.send_nudge)

    # ------------------------------------------------------------ suggestions

    async def suggestions(self, community_id: str, member_id: str) -> list[ReconnectCandidate]:
        now = self.clock.now()
        return await self.store.reconnect_candidates(
            community_id,
            member_id,
            quiet_since=now - timedelta(days=QUIET_DAYS),
            at_least=AT_LEAST,
            now=now,
            limit=SUGGESTIONS,
        )

    def _ago(self, locale: str, then: datetime, timezone: str) -> str:
        """ "yesterday", "3 weeks ago", "2 months ago", "a year ago", by local days."""
        days = max((local_date(self.clock.now(), timezone) - local_date(then, timezone)).days, 0)
        if days >= 365:
            n, unit = days // 365, "years"
        elif days >= 45:
            n, unit = min(round(days / 30.44), 11), "months"
        elif days >= 14:
            n, unit = days // 7, "weeks"
        else:
            n, unit = days, "days"
        return text(locale, f"ago.{unit}.{'one' if n == 1 else 'other'}", n=n)

    def _line(self, locale: str, timezone: str, me: str, found: ReconnectCandidate) -> Rich:
        who = Mention(found.member.id, found.member.name)
        ago = Plain(self._ago(locale, found.last_at, timezone))
        if not found.last_reason:
            return t(locale, "reconnect.line_no_reason", name=who, count=found.count, ago=ago)
        key = "reconnect.line_you" if found.last_giver_id == me else "reconnect.line_they"
        return t(
            locale,
            key,
            name=who,
            count=found.count,
            ago=ago,
            reason=UserText(found.last_reason),
        )

    async def reconnect(self, ctx: Context) -> Reply:
        """``/roots reconnect``: the suggestions, privately, with their buttons."""
        settings = await self.communities.settings(ctx)
        locale = await self.communities.private_locale(ctx)  # for them alone
        found = await self.suggestions(ctx.community_id, ctx.actor.id)
        if not found:
            return Reply(t(locale, "reconnect.none", days=QUIET_DAYS))
        lines = tuple(self._line(locale, settings.timezone, ctx.actor.id, f) for f in found)
        buttons: list[Button] = []
        for f in found:
            who = Mention(f.member.id, f.member.name)
            buttons.append(
                Button(THANK_ACTION, t(locale, "reconnect.button_thank", name=who), f.member.id)
            )
            buttons.append(
                Button(SNOOZE_ACTION, t(locale, "reconnect.button_snooze", name=who), f.member.id)
            )
        return Reply(
            body=t(locale, "reconnect.intro", days=QUIET_DAYS),
            title=t(locale, "reconnect.title"),
            lines=(*lines, t(locale, "reconnect.hint", days=SNOOZE_DAYS)),
            buttons=tuple(buttons),
        )

    async def _other(self, ctx: Context, other_id: str) -> Mention:
        record = await self.store.get_member(ctx.community_id, other_id)
        if record is None or other_id == ctx.actor.id:
            raise Refusal("reconnect.unknown")
        return Mention(record.id, record.name)

    async def snooze(self, ctx: Context, other_id: str) -> Reply:
        """ "Not now": hide ``other_id`` from the caller's suggestions for 90 days."""
        locale = await self.communities.private_locale(ctx)
        who = await self._other(ctx, other_id)
        until = self.clock.now() + timedelta(days=SNOOZE_DAYS)
        await self.store.snooze(ctx.community_id, ctx.actor.id, other_id, until)
        return Reply(t(locale, "reconnect.snoozed", name=who, days=SNOOZE_DAYS), tone=Tone.SUCCESS)

    async def thank_again(self, ctx: Context, other_id: str) -> Reply:
        """ "Say thanks again" where no form can open (the console): the /kudos line."""
        locale = await self.communities.private_locale(ctx)
        who = await self._other(ctx, other_id)
        key = for_platform("reconnect.thank_line", ctx.platform)
        return Reply(t(locale, key, name=who, handle=UserText(who.name)))

    # ------------------------------------------------------------ memories

    async def remembered(
        self, community_id: str, member_id: str, days: Sequence[date]
    ) -> list[Remembered]:
        """Thank-yous ``member_id`` received whose anniversary falls on one of ``days``."""
        sources: dict[date, int] = {}
        for day in days:
            sources.update(anniversaries(day))
        found = await self.store.memories(community_id, member_id, list(sources))
        return [Remembered(m, sources[m.local_day]) for m in found]

    def memory_line(self, locale: str, found: Remembered, when: str) -> Rich:
        """ "A year ago today, @bob thanked you: “…” Say hello?" (``when``: today, week)."""
        giver = Mention(found.memory.giver.id, found.memory.giver.name)
        reason = UserText(found.memory.reason or "…")
        if found.months < 12:
            return t(locale, f"memory.{when}.six_months", name=giver, reason=reason)
        years = found.months // 12
        plural = "one" if years == 1 else "other"
        return t(locale, f"memory.{when}.years.{plural}", name=giver, reason=reason, years=years)

    async def todays_memories(self, ctx: Context, member: Member) -> list[Rich]:
        """The lines ``/roots`` shows a member about their own roots (none for others)."""
        if member.id != ctx.actor.id:
            return []
        settings = await self.communities.settings(ctx)
        today = local_date(self.clock.now(), settings.timezone)
        found = await self.remembered(ctx.community_id, member.id, [today])
        locale = await self.communities.private_locale(ctx)
        return [self.memory_line(locale, f, "today") for f in found]

    # ------------------------------------------------------------ the weekly nudge

    async def nudges(self, ctx: Context, words: Sequence[str]) -> Reply:
        """``/roots nudges [on [day] [HH:MM] | off]``."""
        settings = await self.communities.settings(ctx)
        locale = await self.communities.private_locale(ctx)  # for them alone
        existing = await self.store.find_schedule(ctx.community_id, ctx.actor.id, NUDGE_KIND)
        if not words:
            if existing is None or not existing.enabled or existing.next_due_at is None:
                return Reply(t(locale, "nudges.status_off"))
            return Reply(t(locale, "nudges.status_on", **self._when(locale, existing)))
        state, rest = words[0].lower(), list(words[1:])
        if state in OFF_WORDS and not rest:
            if existing is not None and existing.enabled:
                off = Replan(existing.schedule_id, None, None)
                await self.store.set_schedule_enabled(existing.schedule_id, False, off)
                self.changed()
            return Reply(t(locale, "nudges.off"), tone=Tone.SUCCESS)
        if state not in ON_WORDS:
            raise Refusal("nudges.usage")
        day, at = NUDGE_DAY, NUDGE_TIME
        day_given = time_given = False
        for word in rest:
            if ":" in word and not time_given:
                try:
                    at = f"{parse_hhmm(word):%H:%M}"
                except ValueError:
                    raise Refusal("nudges.bad_time", value=word) from None
                time_given = True
                continue
            try:
                days = parse_days(word)
            except ValueError:
                days = frozenset()
            if len(days) != 1 or day_given:
                raise Refusal("nudges.bad_day", value=word)
            day, day_given = next(iter(days)), True
        draft = ScheduleDraft(
            community_id=ctx.community_id,
            channel_id=ctx.actor.id,
            kind=NUDGE_KIND,
            at_time=at,
            timezone=settings.timezone,
            days=frozenset({day}),
            locale=locale,
        )
        probe = ScheduleRecord(
            0, ctx.community_id, ctx.actor.id, NUDGE_KIND, 0, at, settings.timezone,
            draft.days, locale, True, None, None, None, None, None,
        )  # fmt: skip
        saved = await self.store.upsert_schedule(draft, plan(probe, self.clock.now()))
        await self.store.clear_dm_refusal(ctx.community_id, ctx.actor.id)
        self.changed()
        log.info("Weekly nudge of %s in %s: %s", ctx.actor.id, ctx.community_id, saved.next_due_at)
        return Reply(t(locale, "nudges.on", **self._when(locale, saved)), tone=Tone.SUCCESS)

    @staticmethod
    def _when(locale: str, schedule: ScheduleRecord) -> dict[str, object]:
        day = min(schedule.days) if schedule.days else NUDGE_DAY
        return {
            "day": Plain(text(locale, f"weekday.{day}")),
            "time": Plain(schedule.at_time),
            "zone": Plain(schedule.timezone),
        }

    async def render_nudge(self, post: PostRecord) -> Reply:
        """The nudge of ``post`` (channel_id: the member): suggestions and the memories of
        the week ending on its local date. NothingToSay when there is neither."""
        member_id = post.channel_id
        record = await self.store.get_member(post.community_id, member_id)
        if record is None or record.opted_out or record.is_bot:
            raise NothingToSay("the member opted out or is gone")
        ctx = Context("", post.community_id, member_id, Member(record.id, record.name))
        settings = await self.communities.settings(ctx)
        locale = await self.communities.private_locale(ctx)  # for them alone
        await self._follow_zone(post, settings.timezone)
        found = await self.suggestions(post.community_id, member_id)
        week = [post.local_date - timedelta(days=n) for n in range(6, -1, -1)]
        memories = await self.remembered(post.community_id, member_id, week)
        if not found and not memories:
            raise NothingToSay("nothing to say this week")
        lines: list[Rich] = []
        if found:
            lines.append(t(locale, "nudge.suggestions"))
            lines.extend(self._line(locale, settings.timezone, member_id, f) for f in found)
        if memories:
            lines.append(t(locale, "nudge.memories"))
            lines.extend(self.memory_line(locale, m, "week") for m in memories)
        lines.append(t(locale, "nudge.footer"))
        return Reply(
            body=t(locale, "nudge.intro", name=Mention(record.id, record.name)),
            title=t(locale, "nudge.title"),
            lines=tuple(lines),
        )

    async def _follow_zone(self, post: PostRecord, zone: str) -> None:
        """The community's zone changed since the nudge was set: from next week on, the
        nudge comes at its local time in the new zone (this one was due in the old)."""
        schedule = await self.store.get_schedule(post.schedule_id) if post.schedule_id else None
        if schedule is None or schedule.timezone == zone:
            return
        draft = ScheduleDraft(
            community_id=schedule.community_id,
            channel_id=schedule.channel_id,
            kind=NUDGE_KIND,
            at_time=schedule.at_time,
            timezone=zone,
            days=schedule.days,
            locale=schedule.locale,
        )
        moved = replace(schedule, timezone=zone)
        await self.store.upsert_schedule(draft, plan(moved, self.clock.now()))
        self.changed()

    async def send_nudge(self, delivery: Delivery, post: PostRecord, reply: Reply) -> str:
        """Privately; a member who refuses direct messages is skipped and told later."""
        try:
            return await send_private(delivery, post.community_id, post.channel_id, reply)
        except DirectMessagesClosed as exc:
            log.info(
                "Weekly nudge of %s in %s: direct messages refused (%s); skipped",
                post.channel_id,
                post.community_id,
                exc,
            )
            await self.store.note_dm_refused(post.community_id, post.channel_id, self.clock.now())
            known = self._untold.get(post.community_id)
            if known is not None:
                known[0].add(post.channel_id)
            raise NothingToSay(f"direct messages refused: {exc}") from exc

    async def button(self, ctx: Context, action_id: str, value: str) -> Reply:
        """A click on "Say thanks again" (where no form opens) or "Not now"."""
        if action_id == SNOOZE_ACTION:
            return await self.snooze(ctx, value)
        return await self.thank_again(ctx, value)

    async def dm_notices(self, ctx: Context) -> list[Reply]:
        """Once after a refused direct message: tell the member, privately.

        Runs after every command, so it reads the community's untold refusals at most
        once a minute (REFUSALS_TTL); the told flag is taken atomically in the store."""
        now = self.clock.now()
        known = self._untold.get(ctx.community_id)
        if known is None or not timedelta(0) <= now - known[1] < REFUSALS_TTL:
            known = (await self.store.untold_dm_refusals(ctx.community_id), now)
            self._untold[ctx.community_id] = known
        if ctx.actor.id not in known[0]:
            return []
        known[0].discard(ctx.actor.id)
        if not await self.store.take_dm_refusal(ctx.community_id, ctx.actor.id):
            return []  # told by another process
        locale = await self.communities.private_locale(ctx)
        key = for_platform("nudges.dm_refused", ctx.platform)
        return [Reply(t(locale, key), tone=Tone.ERROR)]

    async def member_left(self, community_id: str, member_id: str, left: bool) -> None:
        """The platform says the member left (or came back): never suggested meanwhile."""
        await self.store.set_departed(community_id, member_id, self.clock.now() if left else None)
