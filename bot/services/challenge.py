"""The 7-day Roots challenge: an admin starts it, members opt in, one challenge prompt
a day for a week, then a recap (participants, who did all 7 days, kudos exchanged)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from bot.builtin_prompts import CHALLENGE_PROMPTS, builtin_by_id
from bot.calendar.timing import EVERY_DAY
from bot.clock import Clock
from bot.errors import Refusal, require_admin
from bot.messages import base_locale, day_text, join, t
from bot.periods import local_date
from bot.scheduler import PostKind, Scheduler, plan
from bot.services.checkins import CHECKIN_ACTION
from bot.services.community import CommunityService, post_locale
from bot.services.schedules import ScheduleService, channel_name
from bot.storage.base import ChallengeStore
from bot.storage.records import ChallengeRecord, PostRecord, ScheduleDraft, ScheduleRecord
from bot.timezones import load_zone
from bot.types import Button, Context, Mention, Plain, Reply, Rich, Tone, Visibility

log = logging.getLogger(__name__)

DAYS = len(CHALLENGE_PROMPTS)  # 7
RECAP_ID = "challenge-recap"
DEFAULT_TIME = "09:00"


def challenge_prompt_id(schedule: ScheduleRecord, day: date) -> str | None:
    if schedule.first_date is None:
        return None
    index = (day - schedule.first_date).days
    if 0 <= index < DAYS:
        return CHALLENGE_PROMPTS[index].id
    return RECAP_ID


class ChallengePosts:
    """How the scheduler renders a challenge's posts (the day's prompt, then the
    recap) and ends the challenge once its recap is out."""

    def __init__(self, store: ChallengeStore) -> None:
        self.store = store

    def kind(self) -> PostKind:
        return PostKind(
            render=self.render, prompt_id=challenge_prompt_id, after_sent=self.after_sent
        )

    async def render(self, post: PostRecord) -> Reply:
        schedule = await self.store.get_schedule(post.schedule_id) if post.schedule_id else None
        locale = await post_locale(self.store, schedule, post.community_id)
        if post.prompt_id == RECAP_ID:
            return await self._recap(post, schedule, locale)
        prompt = builtin_by_id(post.prompt_id or "") or CHALLENGE_PROMPTS[0]
        day = CHALLENGE_PROMPTS.index(prompt) + 1
        return Reply(
            body=(Plain(prompt.text_for(locale)),),
            title=t(locale, "challenge.day_title", day=day, total=DAYS),
            lines=(t(locale, "prompt.checkin_hint"),),
            buttons=(
                Button(CHECKIN_ACTION, t(locale, "prompt.checkin_button"), str(post.post_id)),
            ),
            visibility=Visibility.PUBLIC,
        )

    async def _recap(self, post: PostRecord, schedule: ScheduleRecord | None, locale: str) -> Reply:
        progress = await self.store.challenge_progress(post.ref_id)
        completed = [m for m, n in progress if n >= DAYS]
        start = schedule.first_date if schedule and schedule.first_date else post.local_date
        zone = load_zone(schedule.timezone if schedule else "UTC")
        since = datetime.combine(start, time(0), tzinfo=zone)
        kudos = await self.store.kudos_count_between(post.community_id, since, post.due_at)
        everyone = join([(Mention(m.id, m.name),) for m, _ in progress]) if progress else None
        finishers = join([(Mention(m.id, m.name),) for m in completed]) if completed else None
        lines: list[Rich] = [
            t(locale, "challenge.recap_participants", count=len(progress)),
        ]
        if everyone:
            lines.append(everyone)
        lines.append(
            t(locale, "challenge.recap_completed", names=finishers)
            if finishers
            else t(locale, "challenge.recap_completed_none")
        )
        lines.append(t(locale, "challenge.recap_kudos", count=kudos))
        return Reply(
            body=t(locale, "challenge.recap_body"),
            title=t(locale, "challenge.recap_title"),
            lines=tuple(lines),
            visibility=Visibility.PUBLIC,
        )

    async def after_sent(self, post: PostRecord) -> None:
        if post.prompt_id == RECAP_ID:
            await self.store.end_challenge(post.ref_id)


class ChallengeService:
    def __init__(
        self,
        store: ChallengeStore,
        clock: Clock,
        communities: CommunityService,
        schedules: ScheduleService,
        scheduler: Scheduler,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.schedules = schedules
        self.scheduler = scheduler

    async def start(self, ctx: Context, channel_id: str | None, start_raw: str | None) -> Reply:
        require_admin(ctx)
        settings = await self.communities.settings(ctx)
        channel = channel_id or ctx.channel_id
        await self.schedules.check_channel(ctx, channel)
        now = self.clock.now()
        today = local_date(now, settings.timezone)
        start = self._start_date(start_raw, today)
        daily = await self.store.find_schedule(ctx.community_id, channel, "prompt")
        at_time, timezone = (
            (daily.at_time, daily.timezone) if daily else (DEFAULT_TIME, settings.timezone)
        )
        draft = ScheduleDraft(
            community_id=ctx.community_id,
            channel_id=channel,
            kind="challenge",
            at_time=at_time,
            timezone=timezone,
            days=EVERY_DAY,
            locale=base_locale(settings.locale),  # its language; the tone is read when posting
            first_date=start,
            last_date=start + timedelta(days=DAYS),  # the recap, the day after day 7
        )
        probe = ScheduleRecord(
            0, ctx.community_id, channel, "challenge", 0, at_time, timezone, EVERY_DAY,
            draft.locale, True, None, draft.first_date, draft.last_date, None, None,
        )  # fmt: skip
        nxt = plan(probe, now)
        if nxt.due_at is None:
            raise Refusal("challenge.bad_start", value=start_raw or "")
        await self._active(ctx)  # ends a stale one
        created = await self.store.create_challenge(draft, nxt, ctx.actor.id, now)
        if created is None:
            raise Refusal("challenge.already_running")
        self.scheduler.changed()
        # The one who starts it takes part, unless they leave.
        await self.store.set_participation(created.challenge_id, ctx.actor.id, True, now)
        log.info(
            "Challenge %d in %s #%s from %s", created.challenge_id, ctx.community_id, channel, start
        )
        announcement = Reply(
            t(
                settings.locale,
                "challenge.announce",
                channel=channel_name(channel),
                date=day_text(settings.locale, start),
                time=at_time,
                zone=timezone,
            ),
            title=t(settings.locale, "challenge.announce_title"),
            lines=(t(settings.locale, "challenge.are_you_in"),),
            visibility=Visibility.PUBLIC,
            tone=Tone.SUCCESS,
        )
        if channel != ctx.channel_id:  # announce it where it will happen, too
            try:
                await self.scheduler.delivery.send(ctx.community_id, channel, announcement)
            except Exception:
                log.warning("Could not announce challenge %d in #%s", created.challenge_id, channel)
        return announcement

    @staticmethod
    def _start_date(raw: str | None, today: date) -> date:
        if raw is None or raw.lower() in ("tomorrow", "demain"):
            return today + timedelta(days=1)
        if raw.lower() in ("today", "aujourd'hui", "aujourdhui"):
            return today
        try:
            start = date.fromisoformat(raw)
        except ValueError:
            raise Refusal("challenge.bad_start", value=raw) from None
        if start < today or start > today + timedelta(days=90):
            raise Refusal("challenge.bad_start", value=raw)
        return start

    async def _active(self, ctx: Context) -> ChallengeRecord | None:
        """The running challenge; one whose recap could not be posted (Roots was down
        past the catch-up window) ends the day after its recap was due."""
        found = await self.store.active_challenge(ctx.community_id)
        if found is None:
            return None
        timezone = (await self.communities.settings(ctx)).timezone
        if local_date(self.clock.now(), timezone) > found.end_date + timedelta(days=1):
            await self.store.end_challenge(found.challenge_id)
            return None
        return found

    async def _current(self, ctx: Context) -> ChallengeRecord:
        found = await self._active(ctx)
        if found is None:
            raise Refusal("challenge.none")
        return found

    async def join(self, ctx: Context) -> Reply:
        settings = await self.communities.settings(ctx)
        if ctx.actor.is_bot:
            raise Refusal("challenge.bot")
        challenge = await self._current(ctx)
        changed = await self.store.set_participation(
            challenge.challenge_id, ctx.actor.id, True, self.clock.now()
        )
        if not changed:
            return Reply(t(await self.communities.private_locale(ctx), "challenge.already_in"))
        return Reply(
            t(
                settings.locale,
                "challenge.joined",
                name=Mention(ctx.actor.id, ctx.actor.name),
                date=day_text(settings.locale, challenge.start_date),
            ),
            tone=Tone.SUCCESS,
            visibility=Visibility.PUBLIC,
        )

    async def leave(self, ctx: Context) -> Reply:
        locale = await self.communities.private_locale(ctx)
        challenge = await self._current(ctx)
        changed = await self.store.set_participation(
            challenge.challenge_id, ctx.actor.id, False, self.clock.now()
        )
        key = "challenge.left" if changed else "challenge.not_in"
        return Reply(t(locale, key), tone=Tone.SUCCESS if changed else Tone.INFO)

    async def status(self, ctx: Context) -> Reply:
        settings = await self.communities.settings(ctx)
        locale = await self.communities.private_locale(ctx)  # the status is the asker's alone
        challenge = await self._current(ctx)
        today = local_date(self.clock.now(), settings.timezone)
        day = (today - challenge.start_date).days + 1
        if day < 1:
            title = t(locale, "challenge.status_soon", date=day_text(locale, challenge.start_date))
        else:
            title = t(locale, "challenge.status_day", day=min(day, DAYS), total=DAYS)
        progress = await self.store.challenge_progress(challenge.challenge_id)
        lines: list[Rich] = [
            t(locale, "challenge.progress", name=Mention(m.id, m.name), count=n, total=DAYS)
            for m, n in progress
        ]
        if not lines:
            lines.append(t(locale, "challenge.nobody"))
        return Reply(body=(), title=title, lines=tuple(lines))
