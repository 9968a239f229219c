"""Daily pay-it-forward prompts: schedules, rotation, custom prompts, check-ins, streaks."""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.clock import Clock
from bot.delivery import ChannelUnavailable, Ownership, ownership
from bot.errors import Refusal
from bot.messages import normalize_locale, t, text
from bot.numbers import ascii_int
from bot.periods import local_date
from bot.prompts.library import BUILTIN_PROMPTS, THEMES, builtin_by_id
from bot.schedule.timing import EVERY_DAY, WEEKDAYS, WEEKENDS, parse_days, parse_hhmm
from bot.scheduler import FOREIGN_CHANNEL, PostKind, Scheduler, plan
from bot.services.community import CommunityService
from bot.services.kudos import KudosService
from bot.storage.base import PromptsStore
from bot.storage.records import (
    PendingLimitError,
    PostClaim,
    PostRecord,
    PostStatus,
    Replan,
    RotationPool,
    ScheduleDraft,
    ScheduleRecord,
)
from bot.timezones import TimezoneError, check_zone, load_zone
from bot.types import (
    Button,
    Context,
    Field,
    Member,
    Mention,
    Plain,
    Reply,
    Rich,
    Tone,
    UserText,
    Visibility,
)

log = logging.getLogger(__name__)

CHECKIN_ACTION = "roots:checkin"
MAX_PROMPT = 280
MAX_PENDING = 3  # suggestions one member may have waiting for a decision
QUEUE_PAGE = 20  # suggestions /prompt queue shows (the oldest), with the count of the rest
MAX_BULK_IDS = 25  # numbers one /prompt reject may decline
MAX_NOTE = 280
MAX_CATCHUP_MINUTES = 48 * 60
CHECKIN_KINDS = ("prompt", "challenge")
STREAK_LOOKBACK = 400
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


def normalize_prompt(raw: str) -> str:
    """Case- and space-insensitive form used to spot duplicate prompts."""
    return " ".join(raw.casefold().split())


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


def pool_ids(pool: RotationPool) -> list[str]:
    ids = [p.id for p in BUILTIN_PROMPTS if p.theme not in pool.excluded_themes]
    ids += [f"custom:{i}" for i in pool.custom_ids]
    return ids or [p.id for p in BUILTIN_PROMPTS]


def choose_prompt(pool: RotationPool) -> tuple[str, int] | None:
    """The next prompt of a channel: no repeat until the pool is used up, then a new cycle.

    Deterministic (a preview shows what will be posted), and different per channel.
    """
    ids = pool_ids(pool)
    cycle, used = pool.cycle, pool.used
    remaining = [i for i in ids if i not in used]
    if not remaining:
        cycle, used = cycle + 1, frozenset()
        remaining = ids
    seed = f"{pool.community_id}/{pool.channel_id}/{cycle}/{len(used)}".encode()
    return remaining[zlib.crc32(seed) % len(remaining)], cycle


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


def format_local(moment: datetime, timezone: str, locale: str) -> str:
    local = moment.astimezone(load_zone(timezone))
    day = text(locale, f"weekday.{local.weekday()}")
    return f"{day} {local:%Y-%m-%d %H:%M} ({timezone})"


def describe_days(days: frozenset[int], locale: str) -> str:
    if days == EVERY_DAY:
        return text(locale, "schedule.days_every")
    if days == WEEKDAYS:
        return text(locale, "schedule.days_weekdays")
    if days == WEEKENDS:
        return text(locale, "schedule.days_weekends")
    return ", ".join(text(locale, f"weekday.{d}") for d in sorted(days))


class PromptService:
    def __init__(
        self,
        store: PromptsStore,
        clock: Clock,
        communities: CommunityService,
        kudos: KudosService,
        scheduler: Scheduler,
    ) -> None:
        self.store = store
        self.clock = clock
        self.communities = communities
        self.kudos = kudos
        self.scheduler = scheduler
        scheduler.chooser = choose_prompt
        scheduler.kinds["prompt"] = PostKind(render=self.render)

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

    # ------------------------------------------------------------ schedules

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
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        await self.check_channel(ctx, channel_id)
        settings = await self.communities.settings(ctx)
        timezone, locale = settings.timezone, settings.locale
        at_raw: str | None = None
        day_words: list[str] = []
        for word in words:
            lowered = word.lower()
            if at_raw is None and re.fullmatch(r"[0-9]{1,2}:[0-9]{2}", word):
                at_raw = word
            elif lowered in ("en", "fr"):
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
        return Reply(
            t(
                settings.locale,
                f"schedule.saved_{kind}",
                channel=channel_name(channel_id),
                time=draft.at_time,
                zone=timezone,
                days=Plain(describe_days(days, settings.locale)),
                next=Plain(format_local(nxt.due_at, settings.timezone, settings.locale)),
            ),
            tone=Tone.SUCCESS,
        )

    async def switch(self, ctx: Context, channel_id: str, on: bool, kind: str = "prompt") -> Reply:
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
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
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        locale = settings.locale
        lines: list[Rich] = []
        for s in await self.store.list_schedules(ctx.community_id):
            if s.kind not in ("prompt", "digest"):
                continue
            if s.paused_reason:
                state = text(locale, "schedule.state_paused")
            elif not s.enabled or s.next_due_at is None:
                state = text(locale, "schedule.state_off")
            else:
                state = format_local(s.next_due_at, settings.timezone, locale)
            lines.append(
                t(
                    locale,
                    f"schedule.line_{s.kind}",
                    channel=channel_name(s.channel_id),
                    time=s.at_time,
                    zone=s.timezone,
                    days=Plain(describe_days(s.days, locale)),
                    state=Plain(state),
                )
            )
        if not lines:
            lines.append(t(locale, "schedule.none_yet"))
        minutes = await self.store.get_catchup_minutes(ctx.community_id)
        lines.append(t(locale, "schedule.catchup_line", minutes=minutes))
        return Reply(body=(), title=t(locale, "schedule.title"), lines=tuple(lines))

    async def set_catchup(self, ctx: Context, raw: str) -> Reply:
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
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

    async def set_theme(self, ctx: Context, action: str, theme: str) -> Reply:
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        theme = theme.lower()
        if theme not in THEMES:
            raise Refusal("prompt.unknown_theme", value=theme, themes=", ".join(THEMES))
        exclude = action in ("exclude", "exclure", "off")
        await self.store.set_theme_excluded(ctx.community_id, theme, exclude)
        key = "prompt.theme_excluded" if exclude else "prompt.theme_included"
        return Reply(t(settings.locale, key, theme=theme), tone=Tone.SUCCESS)

    async def themes(self, ctx: Context) -> Reply:
        settings = await self.communities.settings(ctx)
        pool = await self.store.rotation_pool(ctx.community_id, ctx.channel_id)
        locale = settings.locale
        lines = tuple(
            t(
                locale,
                "prompt.theme_line",
                theme=theme,
                state=Plain(text(locale, "off" if theme in pool.excluded_themes else "on")),
            )
            for theme in THEMES
        )
        return Reply(body=(), title=t(locale, "prompt.themes_title"), lines=lines)

    async def pause_notices(self, ctx: Context) -> list[Reply]:
        """For an admin's command: schedules paused since an admin last heard of it."""
        if not ctx.is_admin:
            return []
        paused = await self.store.take_pause_notices(ctx.community_id)
        if not paused:
            return []
        locale = (await self.communities.settings(ctx)).locale
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

    # ------------------------------------------------------------ what gets posted

    async def prompt_text(self, community_id: str, prompt_id: str | None, locale: str) -> Rich:
        if prompt_id and prompt_id.startswith("custom:"):
            custom = await self.store.get_custom_prompt(community_id, int(prompt_id[7:]))
            if custom is not None:
                return (UserText(custom.text),)
        builtin = builtin_by_id(prompt_id or "") or BUILTIN_PROMPTS[0]
        return (Plain(builtin.text_for(locale)),)

    async def _locale_of(self, post: PostRecord) -> str:
        if post.schedule_id is not None:
            schedule = await self.store.get_schedule(post.schedule_id)
            if schedule is not None:
                return schedule.locale
        ctx = Context("", post.community_id, post.channel_id, Member("", ""))
        return (await self.communities.settings(ctx)).locale

    async def render(self, post: PostRecord, count: int = 0) -> Reply:
        locale = await self._locale_of(post)
        lines: list[Rich] = [t(locale, "prompt.checkin_hint")]
        if post.late:
            lines.append(t(locale, "prompt.late"))
        if count:
            lines.append(t(locale, "prompt.count", count=count))
        return Reply(
            body=await self.prompt_text(post.community_id, post.prompt_id, locale),
            title=t(locale, "prompt.title"),
            lines=tuple(lines),
            buttons=(
                Button(CHECKIN_ACTION, t(locale, "prompt.checkin_button"), str(post.post_id)),
            ),
            visibility=Visibility.PUBLIC,
        )

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
        settings = await self.communities.settings(ctx)
        schedule = await self._schedule_for(ctx, channel_id)
        pool = await self.store.rotation_pool(ctx.community_id, schedule.channel_id)
        pick = choose_prompt(pool)
        prompt = await self.prompt_text(
            ctx.community_id, pick[0] if pick else None, schedule.locale
        )
        if schedule.paused_reason:
            when = t(settings.locale, "schedule.state_paused")
        elif not schedule.enabled or schedule.next_due_at is None:
            when = t(settings.locale, "schedule.state_off")
        else:
            when = t(
                settings.locale,
                "prompt.next_when",
                when=Plain(format_local(schedule.next_due_at, settings.timezone, settings.locale)),
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
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
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
        (post,) = await self.store.claim_posts([claim], [], choose_prompt, now)
        message_id = await self.scheduler.send(post)
        if message_id is None:
            raise Refusal("prompt.now_failed", channel=channel_name(channel))
        return Reply(
            t(settings.locale, "prompt.now_done", channel=channel_name(channel)),
            tone=Tone.SUCCESS,
        )

    # ------------------------------------------------------------ custom prompts

    async def add(self, ctx: Context, raw: str, *, suggest: bool) -> Reply:
        if not suggest and not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        body = " ".join(raw.split())
        if not body:
            raise Refusal("prompt.usage_suggest" if suggest else "prompt.usage_add")
        if len(body) > MAX_PROMPT:
            raise Refusal("prompt.too_long", limit=MAX_PROMPT, length=len(body))
        norm = normalize_prompt(body)
        if any(normalize_prompt(p.text_for(settings.locale)) == norm for p in BUILTIN_PROMPTS):
            raise Refusal("prompt.duplicate")
        status = "pending" if suggest else "active"
        try:
            added = await self.store.add_custom_prompt(
                ctx.community_id,
                body,
                norm,
                status,
                ctx.actor.id,
                self.clock.now(),
                pending_limit=MAX_PENDING if suggest else None,
            )
        except PendingLimitError as exc:
            raise Refusal("prompt.pending_limit", limit=exc.limit) from None
        if added is None:
            raise Refusal("prompt.duplicate")
        key = "prompt.suggested" if suggest else "prompt.added"
        return Reply(t(settings.locale, key, id=added.custom_id), tone=Tone.SUCCESS)

    async def listing(self, ctx: Context, status: str) -> Reply:
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        locale = settings.locale
        page = QUEUE_PAGE if status == "pending" else None
        found = await self.store.custom_prompts(ctx.community_id, status, limit=page)
        lines: list[Rich] = []
        for p in found:
            author = await self.store.get_member(ctx.community_id, p.author_id)
            name = Mention(p.author_id, author.name if author else p.author_id)
            lines.append(t(locale, "prompt.list_line", id=p.custom_id, text=p.text, author=name))
        if not lines:
            lines.append(
                t(locale, "prompt.queue_empty" if status == "pending" else "prompt.list_empty")
            )
        if page is not None and len(found) == page:
            more = await self.store.count_custom_prompts(ctx.community_id, status) - page
            if more > 0:
                lines.append(t(locale, "prompt.queue_more", count=more))
        title = "prompt.queue_title" if status == "pending" else "prompt.list_title"
        return Reply(body=(), title=t(locale, title), lines=tuple(lines))

    async def decide(self, ctx: Context, raw_id: str, action: str) -> Reply:
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        custom_id = _prompt_id(raw_id)
        moves = {
            "approve": ("pending", "active", "prompt.approved"),
            "reject": ("pending", "rejected", "prompt.rejected"),
            "remove": ("active", "removed", "prompt.removed"),
        }
        source, target, key = moves[action]
        done = await self.store.decide_custom_prompt(
            ctx.community_id, custom_id, source, target, ctx.actor.id, self.clock.now()
        )
        if done is None:
            raise Refusal(f"prompt.not_{source}", id=custom_id)
        return Reply(t(settings.locale, key, id=custom_id), tone=Tone.SUCCESS)

    async def reject_many(self, ctx: Context, raw_ids: list[str]) -> Reply:
        """``/prompt reject <id> <id> …``: decline every listed suggestion still waiting.

        Every number is checked before anything changes; numbers that are not waiting
        are named in the answer (refused when none was).
        """
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        if len(raw_ids) > MAX_BULK_IDS:
            raise Refusal("prompt.too_many_ids", limit=MAX_BULK_IDS)
        ids = list(dict.fromkeys(_prompt_id(raw) for raw in raw_ids))
        done: list[int] = []
        missing: list[int] = []
        now = self.clock.now()
        for custom_id in ids:
            moved = await self.store.decide_custom_prompt(
                ctx.community_id, custom_id, "pending", "rejected", ctx.actor.id, now
            )
            (done if moved is not None else missing).append(custom_id)
        if not done:
            raise Refusal("prompt.not_pending_many", ids=_numbers(missing))
        locale = settings.locale
        body = t(locale, "prompt.rejected_many", count=len(done), ids=_numbers(done))
        lines = [t(locale, "prompt.not_pending_many", ids=_numbers(missing))] if missing else []
        return Reply(body, lines=tuple(lines), tone=Tone.SUCCESS)

    async def reject_all_of(self, ctx: Context, author: Member) -> Reply:
        """``/prompt reject all @member``: decline every suggestion of theirs still waiting."""
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        settings = await self.communities.settings(ctx)
        count = await self.store.reject_pending_of(
            ctx.community_id, author.id, ctx.actor.id, self.clock.now()
        )
        name = Mention(author.id, author.name)
        if not count:
            raise Refusal("prompt.member_none_pending", name=name)
        log.info("Declined %d suggestion(s) of one member in %s", count, ctx.community_id)
        return Reply(
            t(settings.locale, "prompt.rejected_member", count=count, name=name),
            tone=Tone.SUCCESS,
        )

    # ------------------------------------------------------------ check-ins

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
        settings = await self.communities.settings(ctx)
        locale = settings.locale
        if ctx.actor.is_bot:
            raise Refusal("checkin.bot")
        outcome = await self.store.record_checkin(post, ctx.actor.id, note, self.clock.now())
        if not outcome.recorded:
            return Reply(t(locale, "checkin.already", date=post.local_date.isoformat()))
        await self._show_count(post, outcome.count)
        streak = await self.streak(ctx.community_id, ctx.actor.id)
        who = Mention(ctx.actor.id, ctx.actor.name)
        return Reply(
            t(locale, "checkin.done", name=who, count=outcome.count),
            lines=(t(locale, "checkin.streak", days=streak),),
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
                reply = await self.render(post, count)
            elif render is not None:
                base = await render.render(post)
                locale = await self._locale_of(post)
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
        return Field(t(locale, "checkin.streak_name"), t(locale, "checkin.streak_days", days=days))


def _prompt_id(raw: str) -> int:
    """A custom prompt's number as typed (``12`` or ``#12``), or a polite refusal."""
    custom_id = ascii_int(raw.strip().lstrip("#"), 12)
    if custom_id is None:
        raise Refusal("prompt.bad_id", id=raw)
    return custom_id


def _numbers(ids: list[int]) -> Plain:
    return Plain(", ".join(f"#{i}" for i in ids))  # ours, not user text
