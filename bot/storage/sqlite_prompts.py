"""SQLite storage for daily prompts: schedules, exactly-once posts, rotation, custom
prompts, check-ins and the 7-day challenge. Mixed into :class:`SqliteStore`.

Exactly once: a post is claimed by INSERTing its row, unique per (schedule, local date),
in a committed transaction before anything is sent. Whoever inserted the row sends it;
a second scheduler (or a restarted one) finds the row and leaves it alone.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import aiosqlite

from bot.storage.records import (
    ChallengeRecord,
    CheckinOutcome,
    CustomPrompt,
    DigestStats,
    MemberRecord,
    PendingLimitError,
    Planner,
    PostClaim,
    PostRecord,
    PostStatus,
    PromptChooser,
    Replan,
    RotationPool,
    ScheduleDraft,
    ScheduleRecord,
    ShardScope,
    StorageError,
)
from bot.storage.rows import (
    UNPLANNED,
    challenge_row,
    channels_by_community,
    choose_prompts,
    claim_params,
    custom_row,
    days_text,
    from_ts,
    member_row,
    opt_ts,
    post_row,
    replace_prompt,
    rotation_pools,
    schedule_row,
    ts,
)

_Op = Callable[[aiosqlite.Connection], Awaitable[Any]]

# A member's suggestions still waiting (shared with the PostgreSQL mixin).
PENDING_OF_SQL = (
    "SELECT count(*) FROM custom_prompts WHERE community_id = ? AND author_id = ?"
    " AND status = 'pending'"
)
OVER_LIMIT = -1  # what the write answers when the member is at the limit


class PromptStoreMixin:
    """The daily-prompt half of the Store protocol, on SQLite."""

    if TYPE_CHECKING:

        async def write(self, op: _Op) -> Any: ...

        async def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]: ...

        @property
        def _reader(self) -> aiosqlite.Connection: ...

    # ------------------------------------------------------------ community settings

    async def get_catchup_minutes(self, community_id: str) -> int:
        rows = await self._read(
            "SELECT catchup_minutes FROM communities WHERE community_id = ?", (community_id,)
        )
        return int(rows[0][0]) if rows else 180

    async def set_catchup_minutes(self, community_id: str, minutes: int) -> None:
        async def op(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE communities SET catchup_minutes = ? WHERE community_id = ?",
                (minutes, community_id),
            )

        await self.write(op)

    # ------------------------------------------------------------ schedules

    async def upsert_schedule(self, draft: ScheduleDraft, plan: Replan) -> ScheduleRecord:
        now = ts(datetime.now(UTC))

        async def op(db: aiosqlite.Connection) -> int:
            async with db.execute(
                "INSERT INTO schedules (community_id, channel_id, kind, ref_id, at_time,"
                " timezone, days, locale, enabled, paused_reason, pause_notified, first_date,"
                " last_date, next_local_date, next_due_at, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, 0, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (community_id, channel_id, kind, ref_id) DO UPDATE SET"
                " at_time = excluded.at_time, timezone = excluded.timezone,"
                " days = excluded.days, locale = excluded.locale, enabled = 1,"
                " paused_reason = NULL, pause_notified = 0, first_date = excluded.first_date,"
                " last_date = excluded.last_date, next_local_date = excluded.next_local_date,"
                " next_due_at = excluded.next_due_at, updated_at = excluded.updated_at"
                " RETURNING schedule_id",
                (
                    draft.community_id,
                    draft.channel_id,
                    draft.kind,
                    draft.ref_id,
                    draft.at_time,
                    draft.timezone,
                    days_text(draft.days),
                    draft.locale,
                    draft.first_date.isoformat() if draft.first_date else None,
                    draft.last_date.isoformat() if draft.last_date else None,
                    plan.local_date.isoformat() if plan.local_date else None,
                    opt_ts(plan.due_at),
                    now,
                    now,
                ),
            ) as cur:
                row = await cur.fetchone()
            assert row is not None
            return int(row[0])

        schedule_id = await self.write(op)
        found = await self.get_schedule(schedule_id)
        assert found is not None
        return found

    async def set_schedule_enabled(self, schedule_id: int, enabled: bool, plan: Replan) -> None:
        async def op(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE schedules SET enabled = ?, paused_reason = NULL, pause_notified = 0,"
                " next_local_date = ?, next_due_at = ?, updated_at = ? WHERE schedule_id = ?",
                (
                    int(enabled),
                    plan.local_date.isoformat() if plan.local_date else None,
                    opt_ts(plan.due_at),
                    ts(datetime.now(UTC)),
                    schedule_id,
                ),
            )

        await self.write(op)

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None:
        rows = await self._read("SELECT * FROM schedules WHERE schedule_id = ?", (schedule_id,))
        return schedule_row(rows[0]) if rows else None

    async def find_schedule(
        self, community_id: str, channel_id: str, kind: str, ref_id: int = 0
    ) -> ScheduleRecord | None:
        rows = await self._read(
            "SELECT * FROM schedules WHERE community_id = ? AND channel_id = ? AND kind = ?"
            " AND ref_id = ?",
            (community_id, channel_id, kind, ref_id),
        )
        return schedule_row(rows[0]) if rows else None

    async def list_schedules(self, community_id: str) -> list[ScheduleRecord]:
        rows = await self._read(
            "SELECT * FROM schedules WHERE community_id = ? ORDER BY kind, channel_id, ref_id",
            (community_id,),
        )
        return [schedule_row(r) for r in rows]

    async def running_schedules(
        self, platform: str, after_id: int, limit: int
    ) -> list[ScheduleRecord]:
        rows = await self._read(
            "SELECT * FROM schedules WHERE enabled = 1 AND paused_reason IS NULL"
            " AND schedule_id > ? AND community_id IN"
            " (SELECT community_id FROM communities WHERE platform = ?)"
            " ORDER BY schedule_id LIMIT ?",
            (after_id, platform, limit),
        )
        return [schedule_row(r) for r in rows]

    async def pause_schedule(self, schedule_id: int, reason: str) -> bool:
        async def op(db: aiosqlite.Connection) -> bool:
            cur = await db.execute(
                "UPDATE schedules SET paused_reason = ?, pause_notified = 0, updated_at = ?"
                " WHERE schedule_id = ? AND paused_reason IS NULL",
                (reason, ts(datetime.now(UTC)), schedule_id),
            )
            changed = cur.rowcount
            await cur.close()
            return bool(changed)

        return bool(await self.write(op))

    async def unplanned_schedules(self, limit: int) -> list[ScheduleRecord]:
        rows = await self._read(
            "SELECT * FROM schedules WHERE enabled = 1 AND paused_reason IS NULL"
            " AND next_due_at IS NULL"
            " ORDER BY schedule_id LIMIT ?",
            (limit,),
        )
        return [schedule_row(r) for r in rows]

    async def plan_unplanned(self, planner: Planner) -> int:
        """Plan every unbounded, unplanned schedule in one UPDATE: SQLite calls ``planner``
        (memoised by the caller) for each row, nothing is read back into Python."""

        def plan_text(timezone: str, at_time: str, days: str) -> str | None:
            local_date, due_at = planner(timezone, at_time, days)
            return None if due_at is None or local_date is None else f"{local_date}|{due_at}"

        async def op(db: aiosqlite.Connection) -> int:
            await db.create_function("roots_plan", 3, plan_text, deterministic=True)
            cur = await db.execute(
                "UPDATE schedules SET (next_local_date, next_due_at) = ("
                " SELECT substr(v, 1, instr(v, '|') - 1), substr(v, instr(v, '|') + 1)"
                " FROM (SELECT roots_plan(timezone, at_time, days) AS v)) WHERE " + UNPLANNED
            )
            planned = cur.rowcount
            await cur.close()
            return int(planned)

        return int(await self.write(op))

    async def replan(self, replans: list[Replan]) -> None:
        """Store many next fires at once (the planner's bulk write)."""
        params = [
            (
                r.local_date.isoformat() if r.local_date else None,
                opt_ts(r.due_at),
                opt_ts(r.due_at),
                r.schedule_id,
            )
            for r in replans
        ]

        async def op(db: aiosqlite.Connection) -> None:
            await db.executemany(
                _REPLAN,
                params,
            )

        if params:
            await self.write(op)

    async def earliest_due(self, scope: ShardScope | None = None) -> datetime | None:
        outside, params = _outside(scope)
        rows = await self._read(
            "SELECT min(t) FROM ("
            " SELECT min(next_due_at) AS t FROM schedules WHERE enabled = 1"
            f" AND paused_reason IS NULL AND next_due_at IS NOT NULL{outside}"
            " UNION ALL SELECT min(next_attempt_at) FROM posts"
            f" WHERE next_attempt_at IS NOT NULL{outside})",
            (*params, *params),
        )
        return from_ts(rows[0][0]) if rows else None

    async def due_schedules(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[ScheduleRecord]:
        outside, params = _outside(scope)
        rows = await self._read(
            "SELECT * FROM schedules WHERE enabled = 1 AND paused_reason IS NULL"
            f" AND next_due_at IS NOT NULL AND next_due_at <= ?{outside}"
            " ORDER BY next_due_at, schedule_id LIMIT ?",
            (ts(now), *params, limit),
        )
        return [schedule_row(r) for r in rows]

    # ------------------------------------------------------------ posts (the claim)

    async def claim_posts(
        self,
        claims: list[PostClaim],
        replans: list[Replan],
        chooser: PromptChooser,
        at: datetime,
    ) -> list[PostRecord]:
        token = uuid.uuid4().hex
        now = ts(at)
        rows = [claim_params(c, token, now) for c in claims]
        plans = [
            (
                r.local_date.isoformat() if r.local_date else None,
                opt_ts(r.due_at),
                opt_ts(r.due_at),
                r.schedule_id,
            )
            for r in replans
        ]

        async def op(db: aiosqlite.Connection) -> list[PostRecord]:
            if rows:
                await db.executemany(
                    "INSERT INTO posts (schedule_id, community_id, channel_id, kind, ref_id,"
                    " local_date, prompt_id, due_at, status, late, claimed_by, claimed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (schedule_id, local_date) DO NOTHING",
                    rows,
                )
            if plans:
                await db.executemany(_REPLAN, plans)
            if not rows:
                return []
            got = await db.execute_fetchall(
                "SELECT * FROM posts WHERE claimed_by = ? ORDER BY post_id", (token,)
            )
            posts = [post_row(r) for r in got]
            need = [
                p
                for p in posts
                if p.kind == "prompt" and p.prompt_id is None and p.status is PostStatus.CLAIMED
            ]
            if not need:
                return posts
            pools = await _pools(db, {(p.community_id, p.channel_id) for p in need})
            chosen = choose_prompts(need, pools, chooser)
            await db.executemany(
                "UPDATE posts SET prompt_id = ?, cycle = ? WHERE post_id = ?",
                [(pid, cycle, post_id) for post_id, (pid, cycle) in chosen.items()],
            )
            await _save_rotations(
                db, [pools[k] for k in {(p.community_id, p.channel_id) for p in need}]
            )
            return [
                replace_prompt(p, chosen[p.post_id][0]) if p.post_id in chosen else p for p in posts
            ]

        return await self.write(op)

    async def due_retries(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[PostRecord]:
        outside, params = _outside(scope)
        rows = await self._read(
            "SELECT * FROM posts WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?"
            f" AND status = 'failed'{outside} ORDER BY next_attempt_at, post_id LIMIT ?",
            (ts(now), *params, limit),
        )
        return [post_row(r) for r in rows]

    async def reclaim_post(self, post: PostRecord, at: datetime) -> bool:
        async def op(db: aiosqlite.Connection) -> bool:
            cur = await db.execute(
                "UPDATE posts SET status = 'claimed', claimed_at = ?, next_attempt_at = NULL"
                " WHERE post_id = ? AND status = 'failed' AND next_attempt_at = ?",
                (ts(at), post.post_id, opt_ts(post.next_attempt_at)),
            )
            changed = cur.rowcount == 1
            await cur.close()
            return changed

        return bool(await self.write(op))

    async def record_sent(self, post_id: int, message_id: str, at: datetime) -> None:
        async def op(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE posts SET status = 'sent', attempts = attempts + 1, sent_at = ?,"
                " platform_message_id = ?, next_attempt_at = NULL, error = NULL"
                " WHERE post_id = ?",
                (ts(at), message_id, post_id),
            )

        await self.write(op)

    async def record_failed(
        self, post_id: int, error: str, retry_at: datetime | None, pause: str | None
    ) -> None:
        async def op(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE posts SET status = 'failed', attempts = attempts + 1, error = ?,"
                " next_attempt_at = ? WHERE post_id = ?",
                (error[:500], opt_ts(retry_at), post_id),
            )
            if pause is not None:
                await db.execute(
                    "UPDATE schedules SET paused_reason = ?, pause_notified = 0"
                    " WHERE schedule_id = (SELECT schedule_id FROM posts WHERE post_id = ?)",
                    (pause, post_id),
                )

        await self.write(op)

    async def posts_in_doubt(self, before: datetime) -> list[PostRecord]:
        rows = await self._read(
            "SELECT * FROM posts WHERE status = 'claimed' AND claimed_at < ? ORDER BY post_id",
            (ts(before),),
        )
        return [post_row(r) for r in rows]

    async def take_pause_notices(self, community_id: str) -> list[ScheduleRecord]:
        waiting = await self._read(
            "SELECT 1 FROM schedules WHERE community_id = ? AND paused_reason IS NOT NULL"
            " AND pause_notified = 0 LIMIT 1",
            (community_id,),
        )
        if not waiting:  # the common case costs one read, no write
            return []

        async def op(db: aiosqlite.Connection) -> list[ScheduleRecord]:
            rows = await db.execute_fetchall(
                "SELECT * FROM schedules WHERE community_id = ? AND paused_reason IS NOT NULL"
                " AND pause_notified = 0 ORDER BY schedule_id",
                (community_id,),
            )
            await db.execute(
                "UPDATE schedules SET pause_notified = 1 WHERE community_id = ?"
                " AND paused_reason IS NOT NULL",
                (community_id,),
            )
            return [schedule_row(r) for r in rows]

        return list(await self.write(op))

    async def get_post(self, post_id: int) -> PostRecord | None:
        rows = await self._read("SELECT * FROM posts WHERE post_id = ?", (post_id,))
        return post_row(rows[0]) if rows else None

    async def post_by_message(self, community_id: str, message_id: str) -> PostRecord | None:
        rows = await self._read(
            "SELECT * FROM posts WHERE community_id = ? AND platform_message_id = ?",
            (community_id, message_id),
        )
        return post_row(rows[0]) if rows else None

    async def latest_post(
        self, community_id: str, channel_id: str, kinds: tuple[str, ...]
    ) -> PostRecord | None:
        marks = ", ".join("?" for _ in kinds)
        rows = await self._read(
            "SELECT * FROM posts WHERE community_id = ? AND channel_id = ? AND status = 'sent'"
            f" AND kind IN ({marks}) ORDER BY sent_at DESC, post_id DESC LIMIT 1",
            (community_id, channel_id, *kinds),
        )
        return post_row(rows[0]) if rows else None

    async def list_posts(self, community_id: str) -> list[PostRecord]:
        rows = await self._read(
            "SELECT * FROM posts WHERE community_id = ? ORDER BY post_id", (community_id,)
        )
        return [post_row(r) for r in rows]

    # ------------------------------------------------------------ rotation & themes

    async def rotation_pool(self, community_id: str, channel_id: str) -> RotationPool:
        try:
            pools = await _pools(self._reader, {(community_id, channel_id)})
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc
        return pools[(community_id, channel_id)]

    async def set_theme_excluded(self, community_id: str, theme: str, excluded: bool) -> None:
        async def op(db: aiosqlite.Connection) -> None:
            if excluded:
                await db.execute(
                    "INSERT INTO excluded_themes (community_id, theme) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (community_id, theme),
                )
            else:
                await db.execute(
                    "DELETE FROM excluded_themes WHERE community_id = ? AND theme = ?",
                    (community_id, theme),
                )

        await self.write(op)

    # ------------------------------------------------------------ custom prompts

    async def add_custom_prompt(
        self,
        community_id: str,
        text: str,
        norm_text: str,
        status: str,
        author_id: str,
        at: datetime,
        pending_limit: int | None = None,
    ) -> CustomPrompt | None:
        async def op(db: aiosqlite.Connection) -> int | None:
            # Inside the write transaction (one writer, BEGIN IMMEDIATE across
            # processes): no other suggestion lands between the count and the insert.
            if status == "pending" and pending_limit is not None:
                rows = await db.execute_fetchall(PENDING_OF_SQL, (community_id, author_id))
                if int(next(iter(rows))[0]) >= pending_limit:
                    return OVER_LIMIT
            async with db.execute(
                "INSERT INTO custom_prompts (community_id, text, norm_text, status, author_id,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (community_id, norm_text) WHERE status IN ('active', 'pending')"
                " DO NOTHING RETURNING custom_id",
                (community_id, text, norm_text, status, author_id, ts(at)),
            ) as cur:
                row = await cur.fetchone()
            return int(row[0]) if row else None

        custom_id = await self.write(op)
        if custom_id == OVER_LIMIT:
            assert pending_limit is not None
            raise PendingLimitError(pending_limit)
        if custom_id is None:
            return None
        return await self.get_custom_prompt(community_id, custom_id)

    async def custom_prompts(
        self, community_id: str, status: str, limit: int | None = None
    ) -> list[CustomPrompt]:
        rows = await self._read(
            "SELECT * FROM custom_prompts WHERE community_id = ? AND status = ?"
            " ORDER BY custom_id LIMIT ?",
            (community_id, status, -1 if limit is None else limit),
        )
        return [custom_row(r) for r in rows]

    async def count_custom_prompts(self, community_id: str, status: str) -> int:
        rows = await self._read(
            "SELECT count(*) FROM custom_prompts WHERE community_id = ? AND status = ?",
            (community_id, status),
        )
        return int(rows[0][0])

    async def reject_pending_of(
        self, community_id: str, author_id: str, by: str, at: datetime
    ) -> int:
        async def op(db: aiosqlite.Connection) -> int:
            cur = await db.execute(
                "UPDATE custom_prompts SET status = 'rejected', decided_by = ?, decided_at = ?"
                " WHERE community_id = ? AND author_id = ? AND status = 'pending'",
                (by, ts(at), community_id, author_id),
            )
            changed = cur.rowcount
            await cur.close()
            return int(changed)

        return int(await self.write(op))

    async def get_custom_prompt(self, community_id: str, custom_id: int) -> CustomPrompt | None:
        rows = await self._read(
            "SELECT * FROM custom_prompts WHERE community_id = ? AND custom_id = ?",
            (community_id, custom_id),
        )
        return custom_row(rows[0]) if rows else None

    async def decide_custom_prompt(
        self,
        community_id: str,
        custom_id: int,
        from_status: str,
        to_status: str,
        by: str,
        at: datetime,
    ) -> CustomPrompt | None:
        async def op(db: aiosqlite.Connection) -> bool:
            cur = await db.execute(
                "UPDATE custom_prompts SET status = ?, decided_by = ?, decided_at = ?"
                " WHERE community_id = ? AND custom_id = ? AND status = ?",
                (to_status, by, ts(at), community_id, custom_id, from_status),
            )
            changed = cur.rowcount == 1
            await cur.close()
            return changed

        if not await self.write(op):
            return None
        return await self.get_custom_prompt(community_id, custom_id)

    # ------------------------------------------------------------ check-ins

    async def record_checkin(
        self, post: PostRecord, member_id: str, note: str, at: datetime
    ) -> CheckinOutcome:
        async def op(db: aiosqlite.Connection) -> CheckinOutcome:
            cur = await db.execute(
                "INSERT INTO checkins (post_id, member_id, community_id, local_date, note,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    post.post_id,
                    member_id,
                    post.community_id,
                    post.local_date.isoformat(),
                    note,
                    ts(at),
                ),
            )
            recorded = cur.rowcount == 1
            await cur.close()
            async with db.execute(
                "SELECT count(*) FROM checkins WHERE post_id = ?", (post.post_id,)
            ) as c:
                row = await c.fetchone()
            return CheckinOutcome(recorded, int(row[0]) if row else 0)

        return await self.write(op)

    async def checkin_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        rows = await self._read(
            "SELECT DISTINCT local_date FROM checkins WHERE community_id = ? AND member_id = ?"
            " ORDER BY local_date DESC LIMIT ?",
            (community_id, member_id, limit),
        )
        return [date.fromisoformat(r[0]) for r in rows]

    async def posted_days(
        self, community_id: str, kinds: tuple[str, ...], limit: int
    ) -> list[date]:
        marks = ", ".join("?" for _ in kinds)
        rows = await self._read(
            "SELECT DISTINCT local_date FROM posts WHERE community_id = ? AND status = 'sent'"
            f" AND kind IN ({marks}) ORDER BY local_date DESC LIMIT ?",
            (community_id, *kinds, limit),
        )
        return [date.fromisoformat(r[0]) for r in rows]

    # ------------------------------------------------------------ challenges

    async def create_challenge(
        self, draft: ScheduleDraft, plan: Replan, created_by: str, at: datetime
    ) -> ChallengeRecord | None:
        assert draft.first_date is not None and draft.last_date is not None
        start, end = draft.first_date, draft.last_date

        async def op(db: aiosqlite.Connection) -> int | None:
            async with db.execute(
                "SELECT 1 FROM challenges WHERE community_id = ? AND status = 'active'",
                (draft.community_id,),
            ) as cur:
                if await cur.fetchone():
                    return None
            async with db.execute(
                "INSERT INTO challenges (community_id, channel_id, start_date, end_date,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING challenge_id",
                (
                    draft.community_id,
                    draft.channel_id,
                    start.isoformat(),
                    end.isoformat(),
                    created_by,
                    ts(at),
                ),
            ) as cur:
                row = await cur.fetchone()
            assert row is not None
            challenge_id = int(row[0])
            await db.execute(
                "INSERT INTO schedules (community_id, channel_id, kind, ref_id, at_time,"
                " timezone, days, locale, first_date, last_date, next_local_date, next_due_at,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.community_id,
                    draft.channel_id,
                    draft.kind,
                    challenge_id,
                    draft.at_time,
                    draft.timezone,
                    days_text(draft.days),
                    draft.locale,
                    start.isoformat(),
                    draft.last_date.isoformat(),
                    plan.local_date.isoformat() if plan.local_date else None,
                    opt_ts(plan.due_at),
                    ts(at),
                    ts(at),
                ),
            )
            return challenge_id

        challenge_id = await self.write(op)
        if challenge_id is None:
            return None
        rows = await self._read("SELECT * FROM challenges WHERE challenge_id = ?", (challenge_id,))
        return challenge_row(rows[0])

    async def active_challenge(self, community_id: str) -> ChallengeRecord | None:
        rows = await self._read(
            "SELECT * FROM challenges WHERE community_id = ? AND status = 'active'"
            " ORDER BY challenge_id DESC LIMIT 1",
            (community_id,),
        )
        return challenge_row(rows[0]) if rows else None

    async def end_challenge(self, challenge_id: int) -> None:
        async def op(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE challenges SET status = 'ended' WHERE challenge_id = ?", (challenge_id,)
            )

        await self.write(op)

    async def set_participation(
        self, challenge_id: int, member_id: str, active: bool, at: datetime
    ) -> bool:
        async def op(db: aiosqlite.Connection) -> bool:
            if active:
                cur = await db.execute(
                    "INSERT INTO challenge_participants (challenge_id, member_id, joined_at,"
                    " active) VALUES (?, ?, ?, 1) ON CONFLICT (challenge_id, member_id)"
                    " DO UPDATE SET active = 1 WHERE active = 0",
                    (challenge_id, member_id, ts(at)),
                )
            else:
                cur = await db.execute(
                    "UPDATE challenge_participants SET active = 0"
                    " WHERE challenge_id = ? AND member_id = ? AND active = 1",
                    (challenge_id, member_id),
                )
            changed = cur.rowcount == 1
            await cur.close()
            return changed

        return bool(await self.write(op))

    async def challenge_progress(self, challenge_id: int) -> list[tuple[MemberRecord, int]]:
        rows = await self._read(
            "SELECT m.*, (SELECT count(DISTINCT p.local_date) FROM checkins c"
            "   JOIN posts p ON p.post_id = c.post_id"
            "   WHERE p.kind = 'challenge' AND p.ref_id = cp.challenge_id"
            "   AND p.prompt_id LIKE 'challenge-day-%' AND c.member_id = cp.member_id) AS n"
            " FROM challenge_participants cp"
            " JOIN challenges ch ON ch.challenge_id = cp.challenge_id"
            " JOIN members m ON m.community_id = ch.community_id AND m.member_id = cp.member_id"
            " WHERE cp.challenge_id = ? AND cp.active = 1"
            " ORDER BY n DESC, m.display_name",
            (challenge_id,),
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    async def kudos_count_between(self, community_id: str, since: datetime, until: datetime) -> int:
        rows = await self._read(
            "SELECT count(*) FROM kudos WHERE community_id = ? AND revoked_at IS NULL"
            " AND created_at >= ? AND created_at < ?",
            (community_id, ts(since), ts(until)),
        )
        return int(rows[0][0])

    async def digest_stats(
        self, community_id: str, since: datetime, until: datetime
    ) -> DigestStats:
        window = (community_id, ts(since), ts(until))
        totals = await self._read(
            "SELECT count(*), count(DISTINCT giver_id) FROM kudos WHERE community_id = ?"
            " AND revoked_at IS NULL AND created_at >= ? AND created_at < ?",
            window,
        )
        pairs = await self._read(
            "SELECT count(*) FROM (SELECT min(created_at) AS first FROM kudos"
            " WHERE community_id = ? AND revoked_at IS NULL"
            " GROUP BY min(giver_id, receiver_id), max(giver_id, receiver_id))"
            " WHERE first >= ? AND first < ?",
            window,
        )
        top = await self._read(
            "SELECT m.*, count(*) AS n FROM kudos k JOIN members m"
            " ON m.community_id = k.community_id AND m.member_id = k.giver_id"
            " WHERE k.community_id = ? AND k.revoked_at IS NULL AND k.created_at >= ?"
            " AND k.created_at < ? AND m.opted_out = 0"
            " GROUP BY k.giver_id ORDER BY n DESC, m.display_name LIMIT 3",
            window,
        )
        checkins = await self._read(
            "SELECT count(*) FROM checkins WHERE community_id = ? AND created_at >= ?"
            " AND created_at < ?",
            window,
        )
        return DigestStats(
            kudos=int(totals[0][0]),
            givers=int(totals[0][1]),
            new_connections=int(pairs[0][0]),
            top_givers=tuple((member_row(r), int(r["n"])) for r in top),
            checkins=int(checkins[0][0]),
        )


# ---------------------------------------------------------------- helpers

# A schedule with no future fire (a finished challenge) is switched off.
_REPLAN = (
    "UPDATE schedules SET next_local_date = ?, next_due_at = ?,"
    " enabled = CASE WHEN ? IS NULL THEN 0 ELSE enabled END WHERE schedule_id = ?"
)


async def _pools(
    db: aiosqlite.Connection, channels: set[tuple[str, str]]
) -> dict[tuple[str, str], RotationPool]:
    """Rotation state of ``channels``: a few queries per community, not per channel."""
    pools: dict[tuple[str, str], RotationPool] = {}
    for community_id, channel_ids in channels_by_community(channels).items():
        themes = frozenset(
            r[0]
            for r in await db.execute_fetchall(
                "SELECT theme FROM excluded_themes WHERE community_id = ?", (community_id,)
            )
        )
        customs = tuple(
            int(r[0])
            for r in await db.execute_fetchall(
                "SELECT custom_id FROM custom_prompts WHERE community_id = ?"
                " AND status = 'active' ORDER BY custom_id",
                (community_id,),
            )
        )
        rotations: list[sqlite3.Row] = []
        for start in range(0, len(channel_ids), 500):
            chunk = channel_ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rotations += await db.execute_fetchall(
                "SELECT channel_id, cycle, used FROM rotations WHERE community_id = ?"
                f" AND channel_id IN ({marks})",
                (community_id, *chunk),
            )
        pools.update(rotation_pools(community_id, channel_ids, themes, customs, rotations))
    return pools


async def _save_rotations(db: aiosqlite.Connection, pools: list[RotationPool]) -> None:
    await db.executemany(
        "INSERT INTO rotations (community_id, channel_id, cycle, used) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (community_id, channel_id) DO UPDATE SET cycle = excluded.cycle,"
        " used = excluded.used",
        [(p.community_id, p.channel_id, p.cycle, ",".join(sorted(p.used))) for p in pools],
    )


def _outside(scope: ShardScope | None) -> tuple[str, tuple[object, ...]]:
    """A condition leaving out the communities on shards this process doesn't hold."""
    if scope is None:
        return "", ()
    marks = ", ".join("?" * len(scope.ids)) or "NULL"
    return (
        " AND community_id NOT IN (SELECT community_id FROM communities"
        " WHERE platform = ? AND community_id GLOB '[0-9]*'"
        f" AND (CAST(community_id AS INTEGER) >> 22) % ? NOT IN ({marks}))",
        (scope.platform, scope.count, *sorted(scope.ids)),
    )
