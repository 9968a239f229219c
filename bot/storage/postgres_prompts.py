"""PostgreSQL storage for daily prompts: schedules, exactly-once posts, rotation, custom
prompts, check-ins and the 7-day challenge. Mixed into :class:`PostgresStore`.

Exactly once: a post is claimed by ``INSERT … ON CONFLICT (schedule_id, local_date) DO
NOTHING`` in a committed transaction before anything is sent; only the rows this
transaction inserted (found by a per-call token) are returned to the caller.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractAsyncContextManager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import asyncpg

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
)
from bot.storage.rows import (
    UNPLANNED,
    challenge_row,
    channels_by_community,
    choose_prompts,
    claim_params,
    custom_row,
    days_text,
    member_row,
    opt_ts,
    post_row,
    replace_prompt,
    rotation_pools,
    schedule_row,
    ts,
)


def _opt_day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _count(status: str) -> int:
    try:
        return int(status.rsplit(" ", 1)[-1])
    except ValueError:
        return 0


class PostgresPromptMixin:
    """The daily-prompt half of the Store protocol, on PostgreSQL."""

    if TYPE_CHECKING:

        def _conn(self) -> AbstractAsyncContextManager[asyncpg.Connection]: ...

        def _tx(self) -> AbstractAsyncContextManager[asyncpg.Connection]: ...

        async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]: ...

        async def _fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None: ...

        async def _fetchval(self, sql: str, *args: Any) -> Any: ...

        async def _execute(self, sql: str, *args: Any) -> str: ...

    # ------------------------------------------------------------ community settings

    async def get_catchup_minutes(self, community_id: str) -> int:
        value = await self._fetchval(
            "SELECT catchup_minutes FROM communities WHERE community_id = $1", community_id
        )
        return int(value) if value is not None else 180

    async def set_catchup_minutes(self, community_id: str, minutes: int) -> None:
        await self._execute(
            "UPDATE communities SET catchup_minutes = $2 WHERE community_id = $1",
            community_id,
            minutes,
        )

    # ------------------------------------------------------------ schedules

    async def upsert_schedule(self, draft: ScheduleDraft, plan: Replan) -> ScheduleRecord:
        now = ts(datetime.now(UTC))
        row = await self._fetchrow(
            "INSERT INTO schedules (community_id, channel_id, kind, ref_id, at_time,"
            " timezone, days, locale, enabled, paused_reason, pause_notified, first_date,"
            " last_date, next_local_date, next_due_at, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, NULL, 0, $9, $10, $11, $12, $13, $13)"
            " ON CONFLICT (community_id, channel_id, kind, ref_id) DO UPDATE SET"
            " at_time = excluded.at_time, timezone = excluded.timezone,"
            " days = excluded.days, locale = excluded.locale, enabled = 1,"
            " paused_reason = NULL, pause_notified = 0, first_date = excluded.first_date,"
            " last_date = excluded.last_date, next_local_date = excluded.next_local_date,"
            " next_due_at = excluded.next_due_at, updated_at = excluded.updated_at"
            " RETURNING *",
            draft.community_id,
            draft.channel_id,
            draft.kind,
            draft.ref_id,
            draft.at_time,
            draft.timezone,
            days_text(draft.days),
            draft.locale,
            _opt_day(draft.first_date),
            _opt_day(draft.last_date),
            _opt_day(plan.local_date),
            opt_ts(plan.due_at),
            now,
        )
        assert row is not None
        return schedule_row(row)

    async def set_schedule_enabled(self, schedule_id: int, enabled: bool, plan: Replan) -> None:
        await self._execute(
            "UPDATE schedules SET enabled = $2, paused_reason = NULL, pause_notified = 0,"
            " next_local_date = $3, next_due_at = $4, updated_at = $5 WHERE schedule_id = $1",
            schedule_id,
            int(enabled),
            _opt_day(plan.local_date),
            opt_ts(plan.due_at),
            ts(datetime.now(UTC)),
        )

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None:
        row = await self._fetchrow("SELECT * FROM schedules WHERE schedule_id = $1", schedule_id)
        return schedule_row(row) if row is not None else None

    async def find_schedule(
        self, community_id: str, channel_id: str, kind: str, ref_id: int = 0
    ) -> ScheduleRecord | None:
        row = await self._fetchrow(
            "SELECT * FROM schedules WHERE community_id = $1 AND channel_id = $2 AND kind = $3"
            " AND ref_id = $4",
            community_id,
            channel_id,
            kind,
            ref_id,
        )
        return schedule_row(row) if row is not None else None

    async def list_schedules(self, community_id: str) -> list[ScheduleRecord]:
        rows = await self._fetch(
            "SELECT * FROM schedules WHERE community_id = $1 ORDER BY kind, channel_id, ref_id",
            community_id,
        )
        return [schedule_row(r) for r in rows]

    async def running_schedules(
        self, platform: str, after_id: int, limit: int
    ) -> list[ScheduleRecord]:
        rows = await self._fetch(
            "SELECT * FROM schedules WHERE enabled = 1 AND paused_reason IS NULL"
            " AND schedule_id > $1 AND community_id IN"
            " (SELECT community_id FROM communities WHERE platform = $2)"
            " ORDER BY schedule_id LIMIT $3",
            after_id,
            platform,
            limit,
        )
        return [schedule_row(r) for r in rows]

    async def pause_schedule(self, schedule_id: int, reason: str) -> bool:
        async with self._tx() as conn:
            status = await conn.execute(
                "UPDATE schedules SET paused_reason = $2, pause_notified = 0, updated_at = $3"
                " WHERE schedule_id = $1 AND paused_reason IS NULL",
                schedule_id,
                reason,
                ts(datetime.now(UTC)),
            )
        return status != "UPDATE 0"

    async def unplanned_schedules(self, limit: int) -> list[ScheduleRecord]:
        rows = await self._fetch(
            "SELECT * FROM schedules WHERE enabled = 1 AND paused_reason IS NULL"
            " AND next_due_at IS NULL ORDER BY schedule_id LIMIT $1",
            limit,
        )
        return [schedule_row(r) for r in rows]

    async def plan_unplanned(self, planner: Planner) -> int:
        """Plan every unbounded, unplanned schedule: ``planner`` once per distinct (zone,
        time, days), then one UPDATE joining the answers."""
        async with self._tx() as conn:
            combos = await conn.fetch(
                f"SELECT DISTINCT timezone, at_time, days FROM schedules WHERE {UNPLANNED}"
            )
            if not combos:
                return 0
            zones, times, days, dates, dues = [], [], [], [], []
            for row in combos:
                local_date, due_at = planner(row["timezone"], row["at_time"], row["days"])
                both = local_date is not None and due_at is not None
                zones.append(row["timezone"])
                times.append(row["at_time"])
                days.append(row["days"])
                dates.append(local_date if both else None)
                dues.append(due_at if both else None)
            status = await conn.execute(
                "UPDATE schedules s SET next_local_date = v.d, next_due_at = v.t"
                " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])"
                " AS v(tz, at, days, d, t)"
                " WHERE s.timezone = v.tz AND s.at_time = v.at AND s.days = v.days"
                " AND s.enabled = 1 AND s.paused_reason IS NULL AND s.next_due_at IS NULL"
                " AND s.first_date IS NULL AND s.last_date IS NULL",
                zones,
                times,
                days,
                dates,
                dues,
            )
            return _count(status)

    async def replan(self, replans: list[Replan]) -> None:
        params = [(r.schedule_id, _opt_day(r.local_date), opt_ts(r.due_at)) for r in replans]
        if params:
            async with self._tx() as conn:
                await conn.executemany(_REPLAN, params)

    async def earliest_due(self, scope: ShardScope | None = None) -> datetime | None:
        outside, params = _outside(scope, 1)
        value = await self._fetchval(
            "SELECT min(t) FROM ("
            " SELECT min(next_due_at) AS t FROM schedules WHERE enabled = 1"
            f" AND paused_reason IS NULL AND next_due_at IS NOT NULL{outside}"
            " UNION ALL SELECT min(next_attempt_at) FROM posts"
            f" WHERE next_attempt_at IS NOT NULL{outside}) AS due",
            *params,
        )
        return datetime.fromisoformat(value) if value else None

    async def due_schedules(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[ScheduleRecord]:
        outside, params = _outside(scope, 3)
        rows = await self._fetch(
            "SELECT * FROM schedules WHERE enabled = 1 AND paused_reason IS NULL"
            f" AND next_due_at IS NOT NULL AND next_due_at <= $1{outside}"
            " ORDER BY next_due_at, schedule_id LIMIT $2",
            ts(now),
            limit,
            *params,
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
        plans = [(r.schedule_id, _opt_day(r.local_date), opt_ts(r.due_at)) for r in replans]
        async with self._tx() as conn:
            if rows:
                await conn.executemany(
                    "INSERT INTO posts (schedule_id, community_id, channel_id, kind, ref_id,"
                    " local_date, prompt_id, due_at, status, late, claimed_by, claimed_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                    " ON CONFLICT (schedule_id, local_date) DO NOTHING",
                    rows,
                )
            if plans:
                await conn.executemany(_REPLAN, plans)
            if not rows:
                return []
            got = await conn.fetch(
                "SELECT * FROM posts WHERE claimed_by = $1 ORDER BY post_id", token
            )
            posts = [post_row(r) for r in got]
            need = [
                p
                for p in posts
                if p.kind == "prompt" and p.prompt_id is None and p.status is PostStatus.CLAIMED
            ]
            if not need:
                return posts
            channels = sorted({(p.community_id, p.channel_id) for p in need})
            # One rotation per channel: concurrent claims on a channel take turns.
            for community_id, channel_id in channels:
                await conn.execute(
                    "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
                    community_id,
                    "rotation:" + channel_id,
                )
            pools = await _pools(conn, set(channels))
            chosen = choose_prompts(need, pools, chooser)
            if chosen:
                await conn.executemany(
                    "UPDATE posts SET prompt_id = $2, cycle = $3 WHERE post_id = $1",
                    [(post_id, pid, cycle) for post_id, (pid, cycle) in chosen.items()],
                )
            await _save_rotations(conn, [pools[k] for k in channels])
            return [
                replace_prompt(p, chosen[p.post_id][0]) if p.post_id in chosen else p for p in posts
            ]

    async def due_retries(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[PostRecord]:
        outside, params = _outside(scope, 3)
        rows = await self._fetch(
            "SELECT * FROM posts WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1"
            f" AND status = 'failed'{outside} ORDER BY next_attempt_at, post_id LIMIT $2",
            ts(now),
            limit,
            *params,
        )
        return [post_row(r) for r in rows]

    async def reclaim_post(self, post: PostRecord, at: datetime) -> bool:
        status = await self._execute(
            "UPDATE posts SET status = 'claimed', claimed_at = $2, next_attempt_at = NULL"
            " WHERE post_id = $1 AND status = 'failed' AND next_attempt_at = $3",
            post.post_id,
            ts(at),
            opt_ts(post.next_attempt_at),
        )
        return _count(status) == 1

    async def record_sent(self, post_id: int, message_id: str, at: datetime) -> None:
        await self._execute(
            "UPDATE posts SET status = 'sent', attempts = attempts + 1, sent_at = $2,"
            " platform_message_id = $3, next_attempt_at = NULL, error = NULL"
            " WHERE post_id = $1",
            post_id,
            ts(at),
            message_id,
        )

    async def record_failed(
        self, post_id: int, error: str, retry_at: datetime | None, pause: str | None
    ) -> None:
        async with self._tx() as conn:
            await conn.execute(
                "UPDATE posts SET status = 'failed', attempts = attempts + 1, error = $2,"
                " next_attempt_at = $3 WHERE post_id = $1",
                post_id,
                error[:500],
                opt_ts(retry_at),
            )
            if pause is not None:
                await conn.execute(
                    "UPDATE schedules SET paused_reason = $2, pause_notified = 0"
                    " WHERE schedule_id = (SELECT schedule_id FROM posts WHERE post_id = $1)",
                    post_id,
                    pause,
                )

    async def posts_in_doubt(self, before: datetime) -> list[PostRecord]:
        rows = await self._fetch(
            "SELECT * FROM posts WHERE status = 'claimed' AND claimed_at < $1 ORDER BY post_id",
            ts(before),
        )
        return [post_row(r) for r in rows]

    async def take_pause_notices(self, community_id: str) -> list[ScheduleRecord]:
        waiting = await self._fetchval(
            "SELECT 1 FROM schedules WHERE community_id = $1 AND paused_reason IS NOT NULL"
            " AND pause_notified = 0 LIMIT 1",
            community_id,
        )
        if not waiting:  # the common case costs one read, no write
            return []
        # One UPDATE … RETURNING: two processes never both tell the same notice.
        rows = await self._fetch(
            "UPDATE schedules SET pause_notified = 1 WHERE community_id = $1"
            " AND paused_reason IS NOT NULL AND pause_notified = 0 RETURNING *",
            community_id,
        )
        return sorted((schedule_row(r) for r in rows), key=lambda s: s.schedule_id)

    async def get_post(self, post_id: int) -> PostRecord | None:
        row = await self._fetchrow("SELECT * FROM posts WHERE post_id = $1", post_id)
        return post_row(row) if row is not None else None

    async def post_by_message(self, community_id: str, message_id: str) -> PostRecord | None:
        row = await self._fetchrow(
            "SELECT * FROM posts WHERE community_id = $1 AND platform_message_id = $2",
            community_id,
            message_id,
        )
        return post_row(row) if row is not None else None

    async def latest_post(
        self, community_id: str, channel_id: str, kinds: tuple[str, ...]
    ) -> PostRecord | None:
        row = await self._fetchrow(
            "SELECT * FROM posts WHERE community_id = $1 AND channel_id = $2 AND status = 'sent'"
            " AND kind = ANY($3::text[]) ORDER BY sent_at DESC, post_id DESC LIMIT 1",
            community_id,
            channel_id,
            list(kinds),
        )
        return post_row(row) if row is not None else None

    async def list_posts(self, community_id: str) -> list[PostRecord]:
        rows = await self._fetch(
            "SELECT * FROM posts WHERE community_id = $1 ORDER BY post_id", community_id
        )
        return [post_row(r) for r in rows]

    # ------------------------------------------------------------ rotation & themes

    async def rotation_pool(self, community_id: str, channel_id: str) -> RotationPool:
        async with self._conn() as conn:
            pools = await _pools(conn, {(community_id, channel_id)})
        return pools[(community_id, channel_id)]

    async def set_theme_excluded(self, community_id: str, theme: str, excluded: bool) -> None:
        if excluded:
            await self._execute(
                "INSERT INTO excluded_themes (community_id, theme) VALUES ($1, $2)"
                " ON CONFLICT DO NOTHING",
                community_id,
                theme,
            )
        else:
            await self._execute(
                "DELETE FROM excluded_themes WHERE community_id = $1 AND theme = $2",
                community_id,
                theme,
            )

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
        async with self._tx() as conn:
            if status == "pending" and pending_limit is not None:
                # One suggestion per member at a time, whatever the process: the
                # count and the insert below see no other one in between.
                await conn.execute(
                    "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
                    community_id,
                    "suggest:" + author_id,
                )
                waiting = await conn.fetchval(
                    "SELECT count(*) FROM custom_prompts WHERE community_id = $1"
                    " AND author_id = $2 AND status = 'pending'",
                    community_id,
                    author_id,
                )
                if int(waiting) >= pending_limit:
                    raise PendingLimitError(pending_limit)
            row = await conn.fetchrow(
                "INSERT INTO custom_prompts (community_id, text, norm_text, status, author_id,"
                " created_at) VALUES ($1, $2, $3, $4, $5, $6)"
                " ON CONFLICT (community_id, norm_text) WHERE status IN ('active', 'pending')"
                " DO NOTHING RETURNING *",
                community_id,
                text,
                norm_text,
                status,
                author_id,
                ts(at),
            )
        return custom_row(row) if row is not None else None

    async def custom_prompts(
        self, community_id: str, status: str, limit: int | None = None
    ) -> list[CustomPrompt]:
        rows = await self._fetch(
            "SELECT * FROM custom_prompts WHERE community_id = $1 AND status = $2"
            " ORDER BY custom_id LIMIT $3",
            community_id,
            status,
            limit,  # NULL: no limit
        )
        return [custom_row(r) for r in rows]

    async def count_custom_prompts(self, community_id: str, status: str) -> int:
        rows = await self._fetch(
            "SELECT count(*) FROM custom_prompts WHERE community_id = $1 AND status = $2",
            community_id,
            status,
        )
        return int(rows[0][0])

    async def reject_pending_of(
        self, community_id: str, author_id: str, by: str, at: datetime
    ) -> int:
        async with self._tx() as conn:
            result = await conn.execute(
                "UPDATE custom_prompts SET status = 'rejected', decided_by = $3,"
                " decided_at = $4 WHERE community_id = $1 AND author_id = $2"
                " AND status = 'pending'",
                community_id,
                author_id,
                by,
                ts(at),
            )
        return int(result.split()[-1])  # "UPDATE n"

    async def get_custom_prompt(self, community_id: str, custom_id: int) -> CustomPrompt | None:
        row = await self._fetchrow(
            "SELECT * FROM custom_prompts WHERE community_id = $1 AND custom_id = $2",
            community_id,
            custom_id,
        )
        return custom_row(row) if row is not None else None

    async def decide_custom_prompt(
        self,
        community_id: str,
        custom_id: int,
        from_status: str,
        to_status: str,
        by: str,
        at: datetime,
    ) -> CustomPrompt | None:
        row = await self._fetchrow(
            "UPDATE custom_prompts SET status = $4, decided_by = $5, decided_at = $6"
            " WHERE community_id = $1 AND custom_id = $2 AND status = $3 RETURNING *",
            community_id,
            custom_id,
            from_status,
            to_status,
            by,
            ts(at),
        )
        return custom_row(row) if row is not None else None

    # ------------------------------------------------------------ check-ins

    async def record_checkin(
        self, post: PostRecord, member_id: str, note: str, at: datetime
    ) -> CheckinOutcome:
        async with self._tx() as conn:
            status = await conn.execute(
                "INSERT INTO checkins (post_id, member_id, community_id, local_date, note,"
                " created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                post.post_id,
                member_id,
                post.community_id,
                post.local_date.isoformat(),
                note,
                ts(at),
            )
            count = await conn.fetchval(
                "SELECT count(*) FROM checkins WHERE post_id = $1", post.post_id
            )
        return CheckinOutcome(_count(status) == 1, int(count or 0))

    async def checkin_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        rows = await self._fetch(
            "SELECT DISTINCT local_date FROM checkins WHERE community_id = $1"
            " AND member_id = $2 ORDER BY local_date DESC LIMIT $3",
            community_id,
            member_id,
            limit,
        )
        return [date.fromisoformat(r[0]) for r in rows]

    async def posted_days(
        self, community_id: str, kinds: tuple[str, ...], limit: int
    ) -> list[date]:
        rows = await self._fetch(
            "SELECT DISTINCT local_date FROM posts WHERE community_id = $1 AND status = 'sent'"
            " AND kind = ANY($2::text[]) ORDER BY local_date DESC LIMIT $3",
            community_id,
            list(kinds),
            limit,
        )
        return [date.fromisoformat(r[0]) for r in rows]

    # ------------------------------------------------------------ challenges

    async def create_challenge(
        self, draft: ScheduleDraft, plan: Replan, created_by: str, at: datetime
    ) -> ChallengeRecord | None:
        assert draft.first_date is not None and draft.last_date is not None
        async with self._tx() as conn:
            # One active challenge per community, even with several processes.
            await conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext($1), hashtext('challenge'))",
                draft.community_id,
            )
            if await conn.fetchval(
                "SELECT 1 FROM challenges WHERE community_id = $1 AND status = 'active'",
                draft.community_id,
            ):
                return None
            row = await conn.fetchrow(
                "INSERT INTO challenges (community_id, channel_id, start_date, end_date,"
                " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
                draft.community_id,
                draft.channel_id,
                draft.first_date.isoformat(),
                draft.last_date.isoformat(),
                created_by,
                ts(at),
            )
            assert row is not None
            challenge = challenge_row(row)
            await conn.execute(
                "INSERT INTO schedules (community_id, channel_id, kind, ref_id, at_time,"
                " timezone, days, locale, first_date, last_date, next_local_date, next_due_at,"
                " created_at, updated_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
                draft.community_id,
                draft.channel_id,
                draft.kind,
                challenge.challenge_id,
                draft.at_time,
                draft.timezone,
                days_text(draft.days),
                draft.locale,
                draft.first_date.isoformat(),
                draft.last_date.isoformat(),
                _opt_day(plan.local_date),
                opt_ts(plan.due_at),
                ts(at),
            )
        return challenge

    async def active_challenge(self, community_id: str) -> ChallengeRecord | None:
        row = await self._fetchrow(
            "SELECT * FROM challenges WHERE community_id = $1 AND status = 'active'"
            " ORDER BY challenge_id DESC LIMIT 1",
            community_id,
        )
        return challenge_row(row) if row is not None else None

    async def end_challenge(self, challenge_id: int) -> None:
        await self._execute(
            "UPDATE challenges SET status = 'ended' WHERE challenge_id = $1", challenge_id
        )

    async def set_participation(
        self, challenge_id: int, member_id: str, active: bool, at: datetime
    ) -> bool:
        if active:
            status = await self._execute(
                "INSERT INTO challenge_participants AS cp (challenge_id, member_id, joined_at,"
                " active) VALUES ($1, $2, $3, 1) ON CONFLICT (challenge_id, member_id)"
                " DO UPDATE SET active = 1 WHERE cp.active = 0",
                challenge_id,
                member_id,
                ts(at),
            )
        else:
            status = await self._execute(
                "UPDATE challenge_participants SET active = 0"
                " WHERE challenge_id = $1 AND member_id = $2 AND active = 1",
                challenge_id,
                member_id,
            )
        return _count(status) == 1

    async def challenge_progress(self, challenge_id: int) -> list[tuple[MemberRecord, int]]:
        rows = await self._fetch(
            "SELECT m.*, (SELECT count(DISTINCT p.local_date) FROM checkins c"
            "   JOIN posts p ON p.post_id = c.post_id"
            "   WHERE p.kind = 'challenge' AND p.ref_id = cp.challenge_id"
            "   AND p.prompt_id LIKE 'challenge-day-%' AND c.member_id = cp.member_id) AS n"
            " FROM challenge_participants cp"
            " JOIN challenges ch ON ch.challenge_id = cp.challenge_id"
            " JOIN members m ON m.community_id = ch.community_id AND m.member_id = cp.member_id"
            " WHERE cp.challenge_id = $1 AND cp.active = 1"
            " ORDER BY n DESC, m.display_name",
            challenge_id,
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    async def kudos_count_between(self, community_id: str, since: datetime, until: datetime) -> int:
        value = await self._fetchval(
            "SELECT count(*) FROM kudos WHERE community_id = $1 AND revoked_at IS NULL"
            " AND created_at >= $2 AND created_at < $3",
            community_id,
            ts(since),
            ts(until),
        )
        return int(value)

    async def digest_stats(
        self, community_id: str, since: datetime, until: datetime
    ) -> DigestStats:
        window = (community_id, ts(since), ts(until))
        async with self._conn() as conn:
            totals = await conn.fetchrow(
                "SELECT count(*), count(DISTINCT giver_id) FROM kudos WHERE community_id = $1"
                " AND revoked_at IS NULL AND created_at >= $2 AND created_at < $3",
                *window,
            )
            pairs = await conn.fetchval(
                "SELECT count(*) FROM (SELECT min(created_at) AS first_at FROM kudos"
                " WHERE community_id = $1 AND revoked_at IS NULL"
                " GROUP BY least(giver_id, receiver_id), greatest(giver_id, receiver_id))"
                " AS firsts WHERE first_at >= $2 AND first_at < $3",
                *window,
            )
            top = await conn.fetch(
                "SELECT m.*, count(*) AS n FROM kudos k JOIN members m"
                " ON m.community_id = k.community_id AND m.member_id = k.giver_id"
                " WHERE k.community_id = $1 AND k.revoked_at IS NULL AND k.created_at >= $2"
                " AND k.created_at < $3 AND m.opted_out = 0"
                " GROUP BY m.community_id, m.member_id ORDER BY n DESC, m.display_name LIMIT 3",
                *window,
            )
            checkins = await conn.fetchval(
                "SELECT count(*) FROM checkins WHERE community_id = $1 AND created_at >= $2"
                " AND created_at < $3",
                *window,
            )
        assert totals is not None
        return DigestStats(
            kudos=int(totals[0]),
            givers=int(totals[1]),
            new_connections=int(pairs),
            top_givers=tuple((member_row(r), int(r["n"])) for r in top),
            checkins=int(checkins),
        )


# ---------------------------------------------------------------- helpers

# A schedule with no future fire (a finished challenge) is switched off.
_REPLAN = (
    "UPDATE schedules SET next_local_date = $2, next_due_at = $3,"
    " enabled = CASE WHEN $3::text IS NULL THEN 0 ELSE enabled END WHERE schedule_id = $1"
)


async def _pools(
    conn: asyncpg.Connection, channels: set[tuple[str, str]]
) -> dict[tuple[str, str], RotationPool]:
    """Rotation state of ``channels``: three queries per community, not per channel."""
    pools: dict[tuple[str, str], RotationPool] = {}
    for community_id, channel_ids in channels_by_community(channels).items():
        themes = frozenset(
            r[0]
            for r in await conn.fetch(
                "SELECT theme FROM excluded_themes WHERE community_id = $1", community_id
            )
        )
        customs = tuple(
            int(r[0])
            for r in await conn.fetch(
                "SELECT custom_id FROM custom_prompts WHERE community_id = $1"
                " AND status = 'active' ORDER BY custom_id",
                community_id,
            )
        )
        rotations = await conn.fetch(
            "SELECT channel_id, cycle, used FROM rotations WHERE community_id = $1"
            " AND channel_id = ANY($2::text[])",
            community_id,
            channel_ids,
        )
        pools.update(rotation_pools(community_id, channel_ids, themes, customs, rotations))
    return pools


async def _save_rotations(conn: asyncpg.Connection, pools: list[RotationPool]) -> None:
    await conn.executemany(
        "INSERT INTO rotations (community_id, channel_id, cycle, used) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (community_id, channel_id) DO UPDATE SET cycle = excluded.cycle,"
        " used = excluded.used",
        [(p.community_id, p.channel_id, p.cycle, ",".join(sorted(p.used))) for p in pools],
    )


def _outside(scope: ShardScope | None, first: int) -> tuple[str, tuple[object, ...]]:
    """A condition leaving out the communities on shards this process doesn't hold.

    ``first`` is the number of the first placeholder it uses. The shard is computed
    on numeric (a snowflake may not fit a signed bigint shift), and only for ids that
    are all digits: CASE keeps the cast from seeing any other id.
    """
    if scope is None:
        return "", ()
    platform, count, ids = (f"${first + i}" for i in range(3))
    return (
        " AND community_id NOT IN (SELECT community_id FROM communities"
        f" WHERE platform = {platform} AND CASE WHEN community_id ~ '^[0-9]{{1,20}}$'"
        f" THEN NOT (mod(div(community_id::numeric, 4194304), {count}) = ANY({ids}::int[]))"
        " ELSE false END)",
        (scope.platform, scope.count, sorted(scope.ids)),
    )
