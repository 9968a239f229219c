"""The daily-prompt and digest schedules (:class:`ScheduleService`): configure, list,
switch on and off, the catch-up window, the notices of paused schedules, the
next-post preview and "/prompt now"; and the check that a channel a command names is
the community's own.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.calendar.timing import EVERY_DAY, WEEKDAYS, WEEKENDS, parse_days, parse_hhmm
from bot.clock import Clock
from bot.delivery import Ownership, ownership
from bot.errors import Refusal, require_admin
from bot.messages import LOCALES, base_locale, normalize_locale, t, text
from bot.periods import local_date
from bot.scheduler import FOREIGN_CHANNEL, Scheduler, plan
from bot.services.community import CommunityService
from bot.storage.base import ScheduleStore
from bot.storage.records import PostClaim, Replan, ScheduleDraft, ScheduleRecord
from bot.timezones import TimezoneError, check_zone
from bot.types import Context, Moment, MomentStyle, Plain, Reply, Rich, Span, Tone, UserText

if TYPE_CHECKING:
    from bot.services.prompts import PromptPosts

log = logging.getLogger(__name__)

MAX_CATCHUP_MINUTES = 48 * 60
_DURATION = re.compile(r"([0-9]{1,5})\s*(d|h|m|min|j)?", re.IGNORECASE)


def parse_duration(raw: str) -> timedelta:
    """'2d', '90m', '3h', '1h30m' -> timedelta; a bare number is minutes. ValueError."""
    cleaned = raw.strip().lower().replace(" ", "")
    if not cleaned:
        raise ValueError(raw)
    total = timedelta(0)
    pos = 0
    for match in _DURATION.finditer(cleaned):
        if match.start() != pos:
            raise ValueError(raw)
        number, unit = int(match[1]), (match[2] or "m")
        if unit in ("d", "j"):
            total += timedelta(days=number)
        elif unit == "h":
            total += timedelta(hours=number)
        else:
            total += timedelta(minutes=number)
        pos = match.end()
    if pos != len(cleaned):
        raise ValueError(raw)
    return total


def channel_word(word: str) -> str | None:
    """'#general', '<#C123>', '<#C123|general>' -> the channel id; None otherwise."""
    match = re.fullmatch(r"<#([A-Za-z0-9_.\-]+)(?:\|[^>]*)?>", word)
    if match:
        return match.group(1)
    if word.startswith("#") and re.fullmatch(r"#[A-Za-z0-9_.\-]{1,80}", word):
        return word[1:]
    return None


def channel_name(channel_id: str) -> Rich:
    return (UserText(f"#{channel_id}"),)


def next_post(due_at: datetime, timezone: str) -> Moment:
    """When a schedule posts next, in the schedule's own zone (not the community's:
    a channel scheduled at 03:00 Europe/Paris posts at 03:00 Europe/Paris)."""
    return Moment(due_at, timezone, MomentStyle.FULL)


def describe_days(days: frozenset[int], locale: str) -> str:
    if days == EVERY_DAY:
        return text(locale, "schedule.days_every")
    if days == WEEKDAYS:
        return text(locale, "schedule.days_weekdays")
    if days == WEEKENDS:
        return text(locale, "schedule.days_weekends")
    return ", ".join(text(locale, f"weekday.{d}") for d in sorted(days))


class ScheduleService:
    """The schedule commands. The scheduler is read (its delivery, its prompt chooser)
    and told a schedule changed; ``posts`` says what a daily prompt will show."""

    def __init__(
        self,
        store: ScheduleStore,
        clock: Clock,
        communities: CommunityService,
        scheduler: Scheduler,
        posts: PromptPosts,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.scheduler = scheduler
        self.posts = posts

    async def check_channel(self, ctx: Context, channel_id: str) -> None:
        """Refuse a channel the platform says belongs to another community.

        Called before anything is stored for, or posted to, a channel a command named.
        The channel the command came from is the community's by definition.
        """
        if channel_id == ctx.channel_id:
            return
        found = await ownership(self.scheduler.delivery, ctx.community_id, channel_id)
        if found is Ownership.FOREIGN:
            log.warning(
                "Refused: %s in %s named channel %s, which belongs to another community",
                ctx.actor.id,
                ctx.community_id,
                channel_id,
            )
            raise Refusal("schedule.foreign_channel", channel=channel_name(channel_id))

    async def configure(
        self,
        ctx: Context,
        channel_id: str,
        words: list[str],
        *,
        kind: str = "prompt",
        default_days: frozenset[int] = EVERY_DAY,
    ) -> Reply:
        """`/roots-config prompts #channel 09:00 [Europe/Paris] [weekdays] [fr]`."""
        require_admin(ctx)
        await self.check_channel(ctx, channel_id)
        settings = await self.communities.settings(ctx)
        # The schedule keeps a language ("fr"); the community's tone is applied when posting.
        timezone, locale = settings.timezone, base_locale(settings.locale)
        at_raw: str | None = None
        day_words: list[str] = []
        for word in words:
            lowered = word.lower()
            if at_raw is None and re.fullmatch(r"[0-9]{1,2}:[0-9]{2}", word):
                at_raw = word
            elif lowered in LOCALES:
                locale = normalize_locale(lowered) or locale
            elif "/" in word or lowered in ("utc", "gmt"):
                try:
                    timezone = check_zone(word)
                except TimezoneError:
                    raise Refusal("config.bad_timezone", value=word) from None
            else:
                day_words.append(word)
        if at_raw is None:
            raise Refusal(f"schedule.usage_{kind}")
        try:
            at = parse_hhmm(at_raw)
        except ValueError:
            raise Refusal("schedule.bad_time", value=at_raw) from None
        try:
            days = parse_days(" ".join(day_words)) if day_words else default_days
        except ValueError:
            raise Refusal("schedule.bad_days", value=" ".join(day_words)) from None
        draft = ScheduleDraft(
            community_id=ctx.community_id,
            channel_id=channel_id,
            kind=kind,
            at_time=f"{at:%H:%M}",
            timezone=timezone,
            days=days,
            locale=locale,
        )
        now = self.clock.now()
        probe = ScheduleRecord(
            0, ctx.community_id, channel_id, kind, 0, draft.at_time, timezone, days, locale,
            True, None, None, None, None, None,
        )  # fmt: skip
        nxt = plan(probe, now)
        saved = await self.store.upsert_schedule(draft, nxt)
        self.scheduler.changed()
        log.info(
            "Schedule %d (%s) in %s #%s: %s %s %s",
            saved.schedule_id,
            kind,
            ctx.community_id,
            channel_id,
            draft.at_time,
            timezone,
            sorted(days),
        )
        assert nxt.due_at is not None
        settings = await self.communities.private_settings(ctx)  # the answer is the admin's
        return Reply(
            t(
                settings.locale,
                f"schedule.saved_{kind}",
                channel=channel_name(channel_id),
                time=draft.at_time,
                zone=timezone,
                days=Plain(describe_days(days, settings.locale)),
                next=next_post(nxt.due_at, timezone),
            ),
            tone=Tone.SUCCESS,
        )

    async def switch(self, ctx: Context, channel_id: str, on: bool, kind: str = "prompt") -> Reply:
        require_admin(ctx)
        settings = await self.communities.private_settings(ctx)  # a private answer
        schedule = await self.store.find_schedule(ctx.community_id, channel_id, kind)
        if schedule is None:
            raise Refusal(f"schedule.none_{kind}", channel=channel_name(channel_id))
        if on:  # switching off is always allowed, whatever the channel
            await self.check_channel(ctx, channel_id)
        nxt = plan(schedule, self.clock.now()) if on else Replan(schedule.schedule_id, None, None)
        await self.store.set_schedule_enabled(schedule.schedule_id, on, nxt)
        self.scheduler.changed()
        key = "schedule.switched_on" if on else "schedule.switched_off"
        return Reply(t(settings.locale, key, channel=channel_name(channel_id)), tone=Tone.SUCCESS)

    async def overview(self, ctx: Context) -> Reply:
        """`/roots-config prompts` with no channel: every schedule of the community."""
        require_admin(ctx)
        settings = await self.communities.private_settings(ctx)  # a private answer
        locale = settings.locale
        lines: list[Rich] = []
        for s in await self.store.list_schedules(ctx.community_id):
            if s.kind not in ("prompt", "digest"):
                continue
            state: Span
            if s.paused_reason:
                state = Plain(text(locale, "schedule.state_paused"))
            elif not s.enabled or s.next_due_at is None:
                state = Plain(text(locale, "schedule.state_off"))
            else:
                state = next_post(s.next_due_at, s.timezone)
            lines.append(
                t(
                    locale,
                    f"schedule.line_{s.kind}",
                    channel=channel_name(s.channel_id),
                    time=s.at_time,
                    zone=s.timezone,
                    days=Plain(describe_days(s.days, locale)),
                    state=state,
                )
            )
        if not lines:
            lines.append(t(locale, "schedule.none_yet"))
        minutes = await self.store.get_catchup_minutes(ctx.community_id)
        lines.append(t(locale, "schedule.catchup_line", minutes=minutes))
        return Reply(body=(), title=t(locale, "schedule.title"), lines=tuple(lines))

    async def set_catchup(self, ctx: Context, raw: str) -> Reply:
        require_admin(ctx)
        settings = await self.communities.private_settings(ctx)  # a private answer
        try:
            window = parse_duration(raw)
        except ValueError:
            raise Refusal("schedule.bad_catchup", value=raw, high=MAX_CATCHUP_MINUTES) from None
        minutes = int(window.total_seconds() // 60)
        if minutes > MAX_CATCHUP_MINUTES:
            raise Refusal("schedule.bad_catchup", value=raw, high=MAX_CATCHUP_MINUTES)
        await self.store.set_catchup_minutes(ctx.community_id, minutes)
        return Reply(
            t(settings.locale, "schedule.catchup_saved", minutes=minutes), tone=Tone.SUCCESS
        )

    async def pause_notices(self, ctx: Context) -> list[Reply]:
        """For an admin's command: schedules paused since an admin last heard of it."""
        if not ctx.is_admin:
            return []
        paused = await self.store.take_pause_notices(ctx.community_id)
        if not paused:
            return []
        locale = await self.communities.private_locale(ctx)
        return [
            Reply(
                t(
                    locale,
                    "schedule.paused_notice_foreign"
                    if s.paused_reason == FOREIGN_CHANNEL
                    else "schedule.paused_notice",
                    channel=channel_name(s.channel_id),
                    kind=Plain(text(locale, f"schedule.kind_{s.kind}")),
                ),
                tone=Tone.ERROR,
            )
            for s in paused
        ]

    async def _schedule_for(self, ctx: Context, channel_id: str | None) -> ScheduleRecord:
        if channel_id is not None:
            found = await self.store.find_schedule(ctx.community_id, channel_id, "prompt")
            if found is None:
                raise Refusal("schedule.none_prompt", channel=channel_name(channel_id))
            return found
        here = await self.store.find_schedule(ctx.community_id, ctx.channel_id, "prompt")
        if here is not None:
            return here
        mine = [s for s in await self.store.list_schedules(ctx.community_id) if s.kind == "prompt"]
        if len(mine) == 1:
            return mine[0]
        raise Refusal("schedule.none_here")

    async def preview(self, ctx: Context, channel_id: str | None) -> Reply:
        """`/prompt next`: the next prompt of a channel and when it will be posted."""
        settings = await self.communities.private_settings(ctx)  # a private answer
        schedule = await self._schedule_for(ctx, channel_id)
        prompt = await self.posts.next_prompt(
            ctx.community_id, schedule.channel_id, schedule.locale, self.scheduler.chooser
        )
        if schedule.paused_reason:
            when = t(settings.locale, "schedule.state_paused")
        elif not schedule.enabled or schedule.next_due_at is None:
            when = t(settings.locale, "schedule.state_off")
        else:
            when = t(
                settings.locale,
                "prompt.next_when",
                when=next_post(schedule.next_due_at, schedule.timezone),
            )
        return Reply(
            body=prompt,
            title=t(
                settings.locale, "prompt.next_title", channel=channel_name(schedule.channel_id)
            ),
            lines=(when,),
        )

    async def post_now(self, ctx: Context, channel_id: str | None) -> Reply:
        """`/prompt now` (admins): post the channel's next prompt at once."""
        require_admin(ctx)
        settings = await self.communities.private_settings(ctx)  # a private answer
        channel = channel_id or ctx.channel_id
        await self.check_channel(ctx, channel)
        now = self.clock.now()
        claim = PostClaim(
            schedule_id=None,
            community_id=ctx.community_id,
            channel_id=channel,
            kind="prompt",
            local_date=local_date(now, settings.timezone),
            due_at=now,
        )
        (post,) = await self.store.claim_posts([claim], [], self.scheduler.chooser, now)
        message_id = await self.scheduler.send(post)
        if message_id is None:
            raise Refusal("prompt.now_failed", channel=channel_name(channel))
        return Reply(
            t(settings.locale, "prompt.now_done", channel=channel_name(channel)),
            tone=Tone.SUCCESS,
        )
