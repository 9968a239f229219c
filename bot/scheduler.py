"""The one scheduler task: posts daily prompts, challenge days, recaps and digests.

It sleeps until the earliest planned fire (a query on the indexed ``next_due_at``
column), wakes, claims every due post in one transaction, sends them, and plans each
schedule's next fire from the calendar (never "last run + 24 h"). A change to a
schedule wakes it to re-plan. Time comes from the injected clock; with a manual clock,
:meth:`Scheduler.advance_to` moves time forward through every fire on the way.

Exactly once: a post's row, unique per (schedule, local date), is committed before
sending; a row another instance (or an earlier run) inserted is never sent again. A row
left 'claimed' by a crash is in doubt: it is logged, not resent. A failed send is
retried a bounded number of times, then logged and left. A channel that is gone pauses
its schedule; the community's admins hear about it at their next command. So does a
channel the platform says belongs to another community (the delivery refuses to post
there); :meth:`Scheduler.pause_foreign` pauses such schedules ahead of time.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.calendar.planning import BulkPlanner, latest_fire, next_planned
from bot.clock import Clock, ManualClock
from bot.delivery import (
    ChannelUnavailable,
    Delivery,
    ForeignChannel,
    NoDelivery,
    Ownership,
    ownership,
)
from bot.events import Events, PostSent
from bot.storage.base import ScheduleStore
from bot.storage.records import (
    PostClaim,
    PostRecord,
    PostStatus,
    PromptChooser,
    Replan,
    ScheduleRecord,
    ShardScope,
)
from bot.types import Reply

log = logging.getLogger(__name__)

ON_TIME_GRACE = timedelta(minutes=2)  # later than this, a post is "late" (catch-up)
MAX_ATTEMPTS = 3
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5))
BATCH = 500
PLAN_BATCH = 5000
MAX_SLEEP = timedelta(hours=1)  # a real clock may jump (suspend, NTP): look again hourly
IN_DOUBT_AFTER = timedelta(minutes=5)
CHANNEL_GONE = "channel_unavailable"
FOREIGN_CHANNEL = "foreign_channel"  # the channel belongs to another community


class NothingToSay(Exception):
    """Raised by a kind's ``render`` (or ``send``) when this post has nothing worth
    sending (a weekly nudge with no suggestion and no memory): the claim is kept as
    skipped, so it is never sent later, and nothing is posted."""


@dataclass
class PostKind:
    """How the scheduler turns a claimed post of one kind into a reply.

    ``send``: how it reaches the platform, when not ``delivery.send`` to the post's
    channel (a weekly nudge goes to the member privately: ``channel_id`` is their id).
    """

    render: Callable[[PostRecord], Awaitable[Reply]]
    prompt_id: Callable[[ScheduleRecord, date], str | None] = lambda schedule, day: None
    after_sent: Callable[[PostRecord], Awaitable[None]] | None = None
    send: Callable[[Delivery, PostRecord, Reply], Awaitable[str]] | None = None


def plan(schedule: ScheduleRecord, after: datetime) -> Replan:
    found = next_planned(
        after,
        schedule.at_time,
        schedule.timezone,
        schedule.days,
        schedule.first_date,
        schedule.last_date,
    )
    if found is None:
        return Replan(schedule.schedule_id, None, None)
    return Replan(schedule.schedule_id, found[0], found[1])


class Scheduler:
    def __init__(
        self,
        store: ScheduleStore,
        clock: Clock,
        *,
        kinds: Mapping[str, PostKind] | None = None,
        chooser: PromptChooser | None = None,
        scope: ShardScope | None = None,
        events: Events | None = None,
        delivery: Delivery | None = None,
        name: str | None = None,
        concurrency: int = 1,
    ) -> None:
        """``kinds``: how to render each kind of post ("prompt", "challenge", "digest");
        ``chooser``: picks the prompt of a claimed daily post from its channel's pool;
        ``scope``: set for a Discord process holding some shards only (it posts for
        their guilds); ``events``: where each send is published (metrics)."""
        self.store = store
        self.clock = clock
        self.delivery: Delivery = delivery or NoDelivery()
        self.name = name or uuid.uuid4().hex[:8]
        self.kinds: Mapping[str, PostKind] = dict(kinds or {})
        self.chooser: PromptChooser = chooser or (lambda pool: None)
        self.scope = scope
        self.events = events or Events()
        self.concurrency = concurrency  # 1 sends in order; more for throughput (bench)
        self.wakeups = 0  # run_due() calls: the bench divides it by posts due
        self.sent = 0
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    # ------------------------------------------------------------ lifecycle

    def changed(self) -> None:
        """A schedule changed: wake up and plan again."""
        self._changed.set()

    @property
    def running(self) -> bool:
        """Whether the background task is alive (started, not stopped or crashed)."""
        return self._task is not None and not self._task.done()

    def start(self) -> asyncio.Task[None]:
        if self._task is None or self._task.done():
            self._stopping = False
            self._task = asyncio.create_task(self.run(), name=f"roots-scheduler-{self.name}")
        return self._task

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            self._stopping = True
            self._changed.set()
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    async def startup(self) -> None:
        """Plan schedules that have no next fire yet, and log posts left in doubt."""
        now = self.clock.now()
        for post in await self.store.posts_in_doubt(now - IN_DOUBT_AFTER):
            if post.claimed_at < now - timedelta(days=2):
                continue  # already reported at earlier starts
            log.warning(
                "Post %d (%s, %s, %s) was claimed but never confirmed: it may or may not "
                "have been sent, so it is not sent again",
                post.post_id,
                post.community_id,
                post.channel_id,
                post.local_date,
            )
        await self.plan_all(now)

    async def pause_foreign(self, platform: str, delivery: Delivery | None = None) -> int:
        """Pause every running schedule of ``platform``'s communities (in this process's
        scope) whose channel the platform says belongs to another community.

        The data fix for schedules stored before channels were checked: a platform
        whose channel ids don't tell their community (Discord) runs it once connected.
        Returns how many were paused; each is logged, and its admins are told.
        """
        delivery = delivery or self.delivery
        paused, after = 0, 0
        while True:
            batch = await self.store.running_schedules(platform, after, PLAN_BATCH)
            if not batch:
                return paused
            after = batch[-1].schedule_id
            for schedule in batch:
                if self.scope is not None and not self.scope.holds(schedule.community_id):
                    continue
                kind = self.kinds.get(schedule.kind)
                if kind is not None and kind.send is not None:
                    continue  # not posted in a channel (a member's nudge)
                found = await ownership(delivery, schedule.community_id, schedule.channel_id)
                if found is not Ownership.FOREIGN:
                    continue
                if await self.store.pause_schedule(schedule.schedule_id, FOREIGN_CHANNEL):
                    paused += 1
                    log.warning(
                        "Schedule %d (%s of %s) posts in channel %s of another community: "
                        "paused; it never posts there",
                        schedule.schedule_id,
                        schedule.kind,
                        schedule.community_id,
                        schedule.channel_id,
                    )

    async def plan_all(self, now: datetime) -> int:
        """Give every schedule without a next fire its next fire after ``now``."""
        planned = await self.store.plan_unplanned(BulkPlanner(now).next_iso)
        while True:  # the rest: bounded schedules (challenges), one by one
            unplanned = await self.store.unplanned_schedules(PLAN_BATCH)
            if not unplanned:
                break
            await self.store.replan([plan(s, now) for s in unplanned])
            planned += len(unplanned)
        return planned

    async def run(self) -> None:
        """The background task: sleep until due, post, repeat."""
        started = False
        while not self._stopping:
            # Cleared before the round, so a change made during it is not lost.
            self._changed.clear()
            if isinstance(self.clock, ManualClock):
                self.clock.changed.clear()
            try:
                if not started:
                    await self.startup()
                    started = True
                await self.run_due()
                nxt = await self.store.earliest_due(self.scope)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("Scheduler %s: a round failed; trying again in a minute", self.name)
                nxt = self.clock.now() + timedelta(minutes=1)
            await self._sleep_until(nxt)

    async def _sleep_until(self, when: datetime | None) -> None:
        now = self.clock.now()
        if when is not None and when <= now:
            return
        if isinstance(self.clock, ManualClock):
            # A manual clock only moves when told to: wait for it, or for a schedule change.
            waiters = [
                asyncio.ensure_future(self._changed.wait()),
                asyncio.ensure_future(self.clock.changed.wait()),
            ]
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for w in waiters:
                    w.cancel()
            return
        delay = MAX_SLEEP if when is None else min(when - now, MAX_SLEEP)
        # asyncio.wait, not wait_for: wait_for (3.11) can swallow a cancellation that
        # arrives just as the event is set, and stop() would then wait for an hour.
        waiter = asyncio.ensure_future(self._changed.wait())
        try:
            await asyncio.wait({waiter}, timeout=delay.total_seconds())
        finally:
            waiter.cancel()

    async def advance_to(self, target: datetime) -> int:
        """Move a manual clock to ``target``, stopping at every fire on the way.

        Returns the number of posts sent. Used by tests, benches and `/wait`.
        """
        if not isinstance(self.clock, ManualClock):
            raise TypeError("advance_to needs a ManualClock")
        sent_before = self.sent
        stuck_at: datetime | None = None
        while True:
            nxt = await self.store.earliest_due(self.scope)
            if nxt is None or nxt > target:
                break
            if nxt > self.clock.now():
                self.clock.set(nxt)
            elif stuck_at == nxt:
                log.error("Scheduler %s: nothing moves past %s; stopping here", self.name, nxt)
                break
            stuck_at = nxt
            await self.run_due()
        if target > self.clock.now():
            self.clock.set(target)
        return self.sent - sent_before

    # ------------------------------------------------------------ one round

    async def run_due(self) -> int:
        """Claim and send everything due now (and due retries). Returns posts sent."""
        self.wakeups += 1
        now = self.clock.now()
        sent_before = self.sent
        windows: dict[str, timedelta] = {}
        while True:
            due = await self.store.due_schedules(now, BATCH, self.scope)
            if not due:
                break
            claims: list[PostClaim] = []
            replans: list[Replan] = []
            for schedule in due:
                claim = await self._decide(schedule, now, windows)
                if claim is not None:
                    claims.append(claim)
                replans.append(plan(schedule, now))
            posts = await self.store.claim_posts(claims, replans, self.chooser, now)
            await self._send_all([p for p in posts if p.status is PostStatus.CLAIMED])
        retries = await self.store.due_retries(now, BATCH, self.scope)
        mine = [p for p in retries if await self.store.reclaim_post(p, now)]
        await self._send_all(mine)
        return self.sent - sent_before

    async def _decide(
        self, schedule: ScheduleRecord, now: datetime, windows: dict[str, timedelta]
    ) -> PostClaim | None:
        planned_date, planned_at = schedule.next_local_date, schedule.next_due_at
        assert planned_at is not None
        latest = latest_fire(
            now,
            schedule.at_time,
            schedule.timezone,
            schedule.days,
            schedule.first_date,
            schedule.last_date,
        )
        if latest is None or (planned_date is not None and latest[0] < planned_date):
            if planned_date is None:
                return None
            latest = (planned_date, planned_at)
        day, due_at = latest
        if planned_date is not None and day > planned_date:
            log.warning(
                "Schedule %d (%s #%s): posts from %s to before %s were missed while Roots "
                "was offline; they are skipped, only the latest is considered",
                schedule.schedule_id,
                schedule.community_id,
                schedule.channel_id,
                planned_date,
                day,
            )
        lateness = now - due_at
        if schedule.community_id not in windows:
            minutes = await self.store.get_catchup_minutes(schedule.community_id)
            windows[schedule.community_id] = timedelta(minutes=minutes)
        window = max(windows[schedule.community_id], ON_TIME_GRACE)
        late = lateness > ON_TIME_GRACE
        status = PostStatus.CLAIMED
        if lateness > window:
            status = PostStatus.SKIPPED
            log.warning(
                "Schedule %d (%s #%s): the post of %s was due %s ago, beyond the catch-up "
                "window; skipped",
                schedule.schedule_id,
                schedule.community_id,
                schedule.channel_id,
                day,
                lateness,
            )
        elif late:
            log.info(
                "Schedule %d: posting %s late (%s), within the catch-up window",
                schedule.schedule_id,
                day,
                lateness,
            )
        kind = self.kinds.get(schedule.kind)
        return PostClaim(
            schedule_id=schedule.schedule_id,
            community_id=schedule.community_id,
            channel_id=schedule.channel_id,
            kind=schedule.kind,
            local_date=day,
            due_at=due_at,
            status=status,
            ref_id=schedule.ref_id,
            prompt_id=kind.prompt_id(schedule, day) if kind else None,
            late=late,
        )

    # ------------------------------------------------------------ sending

    async def _send_all(self, posts: list[PostRecord]) -> None:
        if self.concurrency <= 1:
            for post in posts:
                await self.send(post)
            return
        gate = asyncio.Semaphore(self.concurrency)

        async def one(post: PostRecord) -> None:
            async with gate:
                await self.send(post)

        await asyncio.gather(*(one(p) for p in posts))

    async def send(self, post: PostRecord) -> str | None:
        """Send a post this instance claimed; record the outcome. The message id or None."""
        message_id = await self._send(post)
        self.events.publish(PostSent(post.post_id, post.kind, post.late, message_id))
        return message_id

    async def _send(self, post: PostRecord) -> str | None:
        now = self.clock.now()
        kind = self.kinds.get(post.kind)
        try:
            if kind is None:
                raise LookupError(f"no renderer for posts of kind {post.kind!r}")
            reply = await kind.render(post)
            if kind.send is not None:
                message_id = await kind.send(self.delivery, post, reply)
            else:
                message_id = await self.delivery.send(post.community_id, post.channel_id, reply)
        except NothingToSay as exc:
            log.info("Post %d (%s): nothing to send (%s)", post.post_id, post.kind, exc)
            await self.store.record_skipped(post.post_id, str(exc) or "nothing to say")
            return None
        except ForeignChannel as exc:
            log.warning(
                "Post %d: channel %s is not one of %s's (%s); its schedule is paused, "
                "nothing is posted there",
                post.post_id,
                post.channel_id,
                post.community_id,
                exc,
            )
            await self.store.record_failed(
                post.post_id, str(exc) or "foreign channel", None, FOREIGN_CHANNEL
            )
            return None
        except ChannelUnavailable as exc:
            log.warning(
                "Post %d: channel %s of %s is unavailable (%s); its schedule is paused until "
                "an admin sets it again",
                post.post_id,
                post.channel_id,
                post.community_id,
                exc,
            )
            await self.store.record_failed(
                post.post_id, str(exc) or "unavailable", None, CHANNEL_GONE
            )
            return None
        except Exception as exc:
            attempts = post.attempts + 1
            retry_at = None
            if post.schedule_id is None:  # /prompt now: the admin is told, no retry later
                log.warning("Post %d (posted by hand) failed: %r", post.post_id, exc)
            elif attempts < MAX_ATTEMPTS:
                retry_at = now + RETRY_DELAYS[min(attempts - 1, len(RETRY_DELAYS) - 1)]
                log.warning(
                    "Post %d (%s #%s) failed (attempt %d of %d): %r; retrying at %s",
                    post.post_id,
                    post.community_id,
                    post.channel_id,
                    attempts,
                    MAX_ATTEMPTS,
                    exc,
                    retry_at.isoformat(),
                )
            else:
                log.error(
                    "Post %d (%s #%s) failed %d times; giving up: %r",
                    post.post_id,
                    post.community_id,
                    post.channel_id,
                    attempts,
                    exc,
                )
            await self.store.record_failed(post.post_id, repr(exc), retry_at, None)
            return None
        await self.store.record_sent(post.post_id, message_id, self.clock.now())
        self.sent += 1
        if kind.after_sent is not None:
            try:
                await kind.after_sent(post)
            except Exception:
                log.exception("After-send step of post %d failed", post.post_id)
        return message_id
