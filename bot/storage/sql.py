"""The one SQL layer: every statement written once, every port implemented once.

Statements use SQLite's ``?`` placeholders; :func:`numbered` turns each into
PostgreSQL's ``$1, $2…`` once, on first use, and caches it. :class:`SqlStore`
implements every read and every simple write over a small executor seam:
``read(op)`` runs ``op(tx)`` on a reading connection, ``write(op)`` inside a write
transaction, ``tx`` being a :class:`Tx`. SQLite's group-commit writer (``sqlite.py``)
and asyncpg's pool (``postgres.py``) each implement the seam, and only what really
differs between them: the hot kudos write path, planning, shard scope, locks,
migrations.

Exactly once: a post is claimed by ``INSERT … ON CONFLICT (schedule_id, local_date) DO
NOTHING`` in a committed transaction before anything is sent; only the rows this
transaction inserted (found by a per-call token) are returned to the caller.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from bot.periods import week_key
from bot.storage import erasure
from bot.storage.migrations import migrations
from bot.storage.records import (
    EDITABLE_SETTINGS,
    FORGOTTEN_MENTION,
    AuditEntry,
    Board,
    BoardRow,
    ChallengeRecord,
    CheckinOutcome,
    CommunityDefaults,
    CommunityHealth,
    CommunitySettings,
    CustomPrompt,
    DetectOffer,
    DigestStats,
    ForgetReport,
    GoalHelpDraft,
    GoalHelper,
    GoalRecord,
    KudosRow,
    MemberRecord,
    Memory,
    OpenGoal,
    PendingLimitError,
    PostClaim,
    PostRecord,
    PostStatus,
    PromptChooser,
    ReconnectCandidate,
    Replan,
    Role,
    RotationPool,
    ScheduleDraft,
    ScheduleRecord,
    SchemaTooNewError,
    ShardScope,
    Tally,
)
from bot.storage.rows import (
    challenge_row,
    channels_by_community,
    choose_prompts,
    claim_params,
    community_row,
    custom_row,
    days_text,
    from_ts,
    kudos_row,
    member_row,
    opt_ts,
    post_row,
    ranked,
    replace_prompt,
    rotation_pools,
    schedule_row,
    ts,
)
from bot.timezones import load_zone
from bot.types import Member
from bot.weblogin import LoginToken, WebSession

T = TypeVar("T")
Row = Any  # sqlite3.Row or asyncpg.Record: indexable by position and by column name
NO_LIMIT = 2**62  # LIMIT for "all": SQLite takes -1, PostgreSQL NULL; both take this
_NUMBERED: dict[str, str] = {}
Migration = tuple[int, str, str]


def numbered(sql: str) -> str:
    """``sql`` with ``?`` placeholders as ``$1, $2…`` (none sit in literals), cached."""
    found = _NUMBERED.get(sql)
    if found is None:
        counter = iter(range(1, 10_000))
        found = _NUMBERED[sql] = re.sub(r"\?", lambda _: f"${next(counter)}", sql)
    return found


SCHEMA_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)
SCHEMA_VERSION = "SELECT coalesce(max(version), 0) FROM schema_version"
RECORD_MIGRATION = "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"


def pending_migrations(backend: str, current: int, where: str, other: str) -> list[Migration]:
    """The migrations above ``current``; SchemaTooNewError when the database is newer."""
    known = migrations(backend)
    latest = known[-1][0] if known else 0
    if current > latest:
        raise SchemaTooNewError(
            f"The database {where} is at schema version {current}, but this Roots only knows"
            f" version {latest}. Upgrade Roots, or point DATABASE_URL at another {other}."
        )
    return [m for m in known if m[0] > current]


def marks(n: int) -> str:
    """``?, ?, …`` for an IN list; ``NULL`` (matching nothing) when empty."""
    return ", ".join("?" * n) or "NULL"


class Tx(Protocol):
    """A connection inside a read or a write transaction, ``?`` statements only."""

    async def rows(self, sql: str, *params: Any) -> list[Row]: ...

    async def row(self, sql: str, *params: Any) -> Row | None: ...

    async def value(self, sql: str, *params: Any) -> Any:
        """The first column of the first row; None without a row."""

    async def run(self, sql: str, *params: Any) -> int:
        """Execute; the number of rows it changed."""

    async def many(self, sql: str, params: Sequence[Sequence[Any]]) -> None: ...


Op = Callable[[Tx], Awaitable[T]]


# ---------------------------------------------------------------- statements

UPSERT_MEMBER = (
    "INSERT INTO members AS m (community_id, member_id, display_name, is_bot)"
    " VALUES (?, ?, ?, ?) ON CONFLICT (community_id, member_id) DO UPDATE SET"
    " display_name = excluded.display_name, is_bot = excluded.is_bot"
    " WHERE m.display_name <> excluded.display_name OR m.is_bot <> excluded.is_bot"
)
COMMUNITY = "SELECT * FROM communities WHERE community_id = ?"
KUDOS = "SELECT * FROM kudos WHERE community_id = ? AND kudos_id = ?"
# A schedule with no future fire (a finished challenge) is switched off.
REPLAN = (
    "UPDATE schedules SET next_local_date = ?, next_due_at = ?,"
    " enabled = CASE WHEN CAST(? AS TEXT) IS NULL THEN 0 ELSE enabled END WHERE schedule_id = ?"
)
SCHEDULE_COLUMNS = (
    "community_id, channel_id, kind, ref_id, at_time, timezone, days, locale, first_date,"
    " last_date, next_local_date, next_due_at, created_at, updated_at"
)
UPSERT_SCHEDULE = (
    f"INSERT INTO schedules ({SCHEDULE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, channel_id, kind, ref_id) DO UPDATE SET"
    " at_time = excluded.at_time, timezone = excluded.timezone,"
    " days = excluded.days, locale = excluded.locale, enabled = 1,"
    " paused_reason = NULL, pause_notified = 0, first_date = excluded.first_date,"
    " last_date = excluded.last_date, next_local_date = excluded.next_local_date,"
    " next_due_at = excluded.next_due_at, updated_at = excluded.updated_at"
    " RETURNING *"
)
RUNNING = "enabled = 1 AND paused_reason IS NULL"
PAIRS_OF = (
    "SELECT m.*, p.count AS n FROM kudos_pairs p"
    " JOIN members m ON m.community_id = p.community_id AND m.member_id = p.giver_id"
    " WHERE p.community_id = ? AND p.receiver_id = ? AND p.count > 0 AND m.opted_out = 0"
)
WINDOW = "community_id = ? AND created_at >= ? AND created_at < ?"
# A member's suggestions still waiting.
PENDING_OF = (
    "SELECT count(*) FROM custom_prompts WHERE community_id = ? AND author_id = ?"
    " AND status = 'pending'"
)
OVER_LIMIT = -1  # what the write answers when the member is at the limit
# Whether the member (the first parameter) thanked the helper ``m`` back, ever.
THANKED_BACK = (
    "EXISTS (SELECT 1 FROM kudos_pairs b WHERE b.community_id = m.community_id"
    " AND b.giver_id = ? AND b.receiver_id = m.member_id AND b.count > 0)"
)
LOGIN_COLUMNS = "token_hash, community_id, member_id, is_admin, expires_at"
SESSION_COLUMNS = "session_hash, community_id, member_id, is_admin, csrf, created_at, expires_at"

# Reconnect (issue 16): people a member exchanged active kudos with, both ways summed
# from kudos_pairs (its primary key and its receiver index), quiet since a moment,
# oldest first. Parameters: see _candidate_params.
RECONNECT_CANDIDATES = (
    "SELECT m.*, x.n, x.last_at FROM ("
    " SELECT other_id, sum(cnt) AS n, max(last_at) AS last_at FROM ("
    "  SELECT receiver_id AS other_id, count AS cnt, last_at FROM kudos_pairs"
    "   WHERE community_id = ? AND giver_id = ? AND count > 0"
    "  UNION ALL SELECT giver_id, count, last_at FROM kudos_pairs"
    "   WHERE community_id = ? AND receiver_id = ? AND count > 0) AS both_ways"
    " GROUP BY other_id HAVING sum(cnt) >= ? AND max(last_at) <= ?) AS x"
    " JOIN members m ON m.community_id = ? AND m.member_id = x.other_id"
    " WHERE m.opted_out = 0 AND m.is_bot = 0 AND m.member_id <> ?"
    " AND NOT EXISTS (SELECT 1 FROM member_departures d"
    "  WHERE d.community_id = m.community_id AND d.member_id = m.member_id)"
    " AND NOT EXISTS (SELECT 1 FROM reconnect_snoozes s WHERE s.community_id = m.community_id"
    "  AND s.member_id = ? AND s.other_id = m.member_id AND s.until_at > ?)"
    " ORDER BY x.last_at, m.member_id LIMIT ?"
)
# The last active kudos between two members, either way: (community, a, b, a, b).
LAST_BETWEEN = (
    "SELECT giver_id, reason FROM kudos WHERE community_id = ? AND revoked_at IS NULL"
    " AND ((giver_id = ? AND receiver_id = ?) OR (receiver_id = ? AND giver_id = ?))"
    " ORDER BY created_at DESC, kudos_id DESC LIMIT 1"
)


def _candidate_params(
    community_id: str,
    member_id: str,
    quiet_since: datetime,
    at_least: int,
    now: datetime,
    limit: int,
) -> tuple[Any, ...]:
    c, x = community_id, member_id
    return (c, x, c, x, at_least, ts(quiet_since), c, x, x, ts(now), limit)


# Units of the daily budget a giver's kudos rows spend (team kudos, issue 15): one per
# row, except a team kudos (source 'team'), one per action however many it thanked.
BUDGET_USED = (
    "(count(CASE WHEN source <> 'team' THEN 1 END)"
    " + count(DISTINCT CASE WHEN source = 'team' THEN action_id END))"
)


def top_sql(role: Role, first: str = "", last: str = "") -> str:
    """Opted-in members with a count in ``role``, best first (``LIMIT ?`` last)."""
    column = role.value  # 'given' or 'received': an enum value, never user input
    return (
        f"SELECT {first}m.*, t.{column} AS n{last} FROM kudos_totals t"
        " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
        f" WHERE t.community_id = ? AND t.period = ? AND t.{column} > 0 AND m.opted_out = 0"
        f" ORDER BY t.{column} DESC, t.member_id LIMIT ?"
    )


def rank_sql(role: Role, pin_join: str, first: str = "") -> str:
    """The caller's row (community, period, member) and how many members are above it.

    Members above = rows above on the ranking index alone, minus the (few) opted-out
    members above: the cost follows the caller's rank, not the ledger.
    """
    column = role.value
    return (
        f"SELECT {first}m.*, t.{column} AS n,"
        f" (SELECT count(*) FROM kudos_totals x WHERE x.community_id = t.community_id"
        f"   AND x.period = t.period AND x.{column} > t.{column})"
        f" - (SELECT count(*) FROM members o {pin_join} kudos_totals y"
        f"   ON y.community_id = o.community_id AND y.member_id = o.member_id"
        f"   WHERE o.community_id = t.community_id AND o.opted_out = 1"
        f"   AND y.period = t.period AND y.{column} > t.{column}) AS above"
        " FROM kudos_totals t"
        " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
        " WHERE t.community_id = ? AND t.period = ? AND t.member_id = ?"
    )


def standing(row: Row | None) -> BoardRow | None:
    if row is None or int(row["n"]) == 0 or row["opted_out"]:
        return None
    return BoardRow(member_row(row), int(row["n"]), int(row["above"]) + 1)


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _plan(r: Replan) -> tuple[Any, ...]:
    return (_day(r.local_date), opt_ts(r.due_at), opt_ts(r.due_at), r.schedule_id)


def member_rows(community_id: str, members: Iterable[Member]) -> list[tuple[Any, ...]]:
    """Upsert rows, one per member, in key order (writers lock rows in one order)."""
    rows = {m.id: (community_id, m.id, m.name, int(m.is_bot)) for m in members}
    return [rows[k] for k in sorted(rows)]


class SqlStore:
    """Every port of ``base.Store``, over the seam a backend implements."""

    backend = "sql"
    # Per dialect, each with its reason at its definition (SQLite's here: NOCASE folds
    # ASCII only, and the members index serves it):
    NOCASE_EQ = "display_name = ? COLLATE NOCASE"
    # The thanks back (b) came within 30 days of the first thanks (p): ISO texts as times
    # (whole seconds, in integers: no rounding at the boundary).
    WITHIN_30_DAYS = (
        "CAST(strftime('%s', b.first_at) AS INTEGER)"
        " - CAST(strftime('%s', p.first_at) AS INTEGER) <= 2592000"
    )
    PIN_JOIN = "JOIN"
    FOR_UPDATE = ""

    # ------------------------------------------------------------ the seam

    async def read(self, op: Op[T], *, long: bool = False) -> T:
        """``op`` on a reading connection; ``long``: a once-a-day count over a big range
        (the dashboard's health figures), allowed more than a statement's usual time."""
        raise NotImplementedError

    async def write(self, op: Op[T], *, erasing: bool = False) -> T:
        """``op`` in a write transaction; ``erasing``: it erases personal data."""
        raise NotImplementedError

    async def lock(self, tx: Tx, scope: str, key: str) -> None:
        """Serialise writers of (scope, key) across processes until the transaction ends."""

    def outside(self, scope: ShardScope | None) -> tuple[str, tuple[Any, ...]]:
        """A condition leaving out the communities on shards this process doesn't hold."""
        raise NotImplementedError

    async def _rows(self, sql: str, *params: Any) -> list[Row]:
        return await self.read(lambda tx: tx.rows(sql, *params))

    async def _row(self, sql: str, *params: Any) -> Row | None:
        return await self.read(lambda tx: tx.row(sql, *params))

    async def _value(self, sql: str, *params: Any) -> Any:
        return await self.read(lambda tx: tx.value(sql, *params))

    async def _run(self, sql: str, *params: Any) -> int:
        return await self.write(lambda tx: tx.run(sql, *params))

    async def schema_version(self) -> int:
        return int(await self._value(SCHEMA_VERSION))

    async def site_secret(self, name: str, fresh: str, now: datetime) -> str:
        async def keep(tx: Tx) -> str:
            await tx.run(
                "INSERT INTO site_secrets (name, secret, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO NOTHING",
                name,
                fresh,
                ts(now),
            )
            return str(await tx.value("SELECT secret FROM site_secrets WHERE name = ?", name))

        return await self.write(keep)

    # ------------------------------------------------------------ seen requests

    async def remember_request(self, key: str, now: int, until: int) -> bool:
        # A new key, or an expired one noted again: one row changed. A live one: none.
        return 1 == await self._run(
            "INSERT INTO seen_requests (request_key, expires_at) VALUES (?, ?)"
            " ON CONFLICT (request_key) DO UPDATE SET expires_at = excluded.expires_at"
            " WHERE seen_requests.expires_at <= ?",
            key,
            until,
            now,
        )

    async def forget_requests(self, now: int) -> int:
        return await self._run("DELETE FROM seen_requests WHERE expires_at <= ?", now)

    # ------------------------------------------------------------ each member's language

    async def member_language(self, community_id: str, member_id: str) -> str | None:
        found = await self._value(
            "SELECT locale FROM member_languages WHERE community_id = ? AND member_id = ?",
            community_id,
            member_id,
        )
        return None if found is None else str(found)

    async def set_member_language(
        self, community_id: str, member_id: str, locale: str | None
    ) -> None:
        if locale is None:
            await self._run(
                "DELETE FROM member_languages WHERE community_id = ? AND member_id = ?",
                community_id,
                member_id,
            )
            return
        await self._run(
            "INSERT INTO member_languages (community_id, member_id, locale) VALUES (?, ?, ?)"
            " ON CONFLICT (community_id, member_id) DO UPDATE SET locale = excluded.locale",
            community_id,
            member_id,
            locale,
        )

    # ------------------------------------------------------------ thank-you detection

    async def detect_enabled(self, community_id: str) -> bool | None:
        found = await self._value(
            "SELECT enabled FROM detect_settings WHERE community_id = ?", community_id
        )
        return None if found is None else bool(found)

    async def set_detect_enabled(self, community_id: str, enabled: bool) -> None:
        await self._run(
            "INSERT INTO detect_settings (community_id, enabled) VALUES (?, ?)"
            " ON CONFLICT (community_id) DO UPDATE SET enabled = excluded.enabled",
            community_id,
            int(enabled),
        )

    async def detect_quiet(self, community_id: str, member_id: str) -> bool:
        found = await self._value(
            "SELECT 1 FROM detect_quiet WHERE community_id = ? AND member_id = ?",
            community_id,
            member_id,
        )
        return found is not None

    async def set_detect_quiet(self, community_id: str, member_id: str, quiet: bool) -> None:
        if quiet:
            sql = (
                "INSERT INTO detect_quiet (community_id, member_id) VALUES (?, ?)"
                " ON CONFLICT (community_id, member_id) DO NOTHING"
            )
        else:
            sql = "DELETE FROM detect_quiet WHERE community_id = ? AND member_id = ?"
        await self._run(sql, community_id, member_id)

    async def add_detect_offer(self, offer: DetectOffer, per_day: int) -> int | None:
        async def add(tx: Tx) -> int | None:
            # No other offer to this member lands between the count and the insert.
            await self.lock(tx, offer.community_id, "detect:" + offer.giver_id)
            day = offer.local_day.isoformat()
            asked = await tx.value(
                "SELECT count(*) FROM detect_offers"
                " WHERE community_id = ? AND giver_id = ? AND local_day = ?",
                offer.community_id,
                offer.giver_id,
                day,
            )
            if int(asked) >= per_day:
                return None
            # Offers of earlier days are done with: at most a day's worth is kept.
            await tx.run(
                "DELETE FROM detect_offers"
                " WHERE community_id = ? AND giver_id = ? AND local_day < ?",
                offer.community_id,
                offer.giver_id,
                (offer.local_day - timedelta(days=1)).isoformat(),
            )
            found = await tx.value(
                "INSERT INTO detect_offers (community_id, channel_id, message_id, giver_id,"
                " receiver_ids, reason, local_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (community_id, channel_id, message_id, giver_id) DO NOTHING"
                " RETURNING offer_id",
                offer.community_id,
                offer.channel_id,
                offer.message_id,
                offer.giver_id,
                " ".join(offer.receiver_ids),
                offer.reason,
                day,
                ts(offer.created_at),
            )
            return None if found is None else int(found)

        return await self.write(add)

    async def detect_offer(self, community_id: str, offer_id: int) -> DetectOffer | None:
        r = await self._row(
            "SELECT * FROM detect_offers WHERE community_id = ? AND offer_id = ?",
            community_id,
            offer_id,
        )
        if r is None:
            return None
        created = from_ts(r["created_at"])
        assert created is not None
        return DetectOffer(
            community_id=r["community_id"],
            channel_id=r["channel_id"],
            message_id=r["message_id"],
            giver_id=r["giver_id"],
            receiver_ids=tuple(str(r["receiver_ids"]).split()),
            reason=r["reason"],
            local_day=date.fromisoformat(r["local_day"]),
            created_at=created,
            offer_id=int(r["offer_id"]),
            answer=r["answer"],
        )

    async def answer_detect_offer(self, community_id: str, offer_id: int, answer: str) -> None:
        await self._run(
            "UPDATE detect_offers SET answer = ? WHERE community_id = ? AND offer_id = ?",
            answer,
            community_id,
            offer_id,
        )

    async def drop_detect_offers(self, community_id: str, channel_id: str, message_id: str) -> int:
        return await self._run(
            "DELETE FROM detect_offers"
            " WHERE community_id = ? AND channel_id = ? AND message_id = ?",
            community_id,
            channel_id,
            message_id,
        )

    # ------------------------------------------------------------ web sign-in (issue #14)

    async def create_login_token(self, token: LoginToken) -> None:
        await self._run(
            "INSERT INTO web_login_tokens (token_hash, community_id, member_id, is_admin,"
            " expires_at) VALUES (?, ?, ?, ?, ?)",
            token.token_hash,
            token.community_id,
            token.member_id,
            int(token.is_admin),
            ts(token.expires_at),
        )

    async def find_login_token(self, token_hash: str, now: datetime) -> LoginToken | None:
        row = await self._row(
            f"SELECT {LOGIN_COLUMNS} FROM web_login_tokens"
            " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
            token_hash,
            ts(now),
        )
        return _login_token(row)

    async def consume_login_token(self, token_hash: str, now: datetime) -> LoginToken | None:
        # One statement: of two concurrent uses of a link, exactly one gets the row.
        row = await self.write(
            lambda tx: tx.row(
                "UPDATE web_login_tokens SET used_at = ?"
                " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"
                f" RETURNING {LOGIN_COLUMNS}",
                ts(now),
                token_hash,
                ts(now),
            )
        )
        return _login_token(row)

    async def create_session(self, session: WebSession) -> None:
        await self._run(
            f"INSERT INTO web_sessions ({SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            session.session_hash,
            session.community_id,
            session.member_id,
            int(session.is_admin),
            session.csrf,
            ts(session.created_at),
            ts(session.expires_at),
        )

    async def get_session(self, session_hash: str, now: datetime) -> WebSession | None:
        row = await self._row(
            f"SELECT {SESSION_COLUMNS} FROM web_sessions WHERE session_hash = ? AND expires_at > ?",
            session_hash,
            ts(now),
        )
        if row is None:
            return None
        return WebSession(
            str(row["session_hash"]),
            str(row["community_id"]),
            str(row["member_id"]),
            bool(row["is_admin"]),
            str(row["csrf"]),
            datetime.fromisoformat(row["created_at"]),
            datetime.fromisoformat(row["expires_at"]),
        )

    async def end_session(self, session_hash: str) -> None:
        await self._run("DELETE FROM web_sessions WHERE session_hash = ?", session_hash)

    async def end_sessions_of_member(self, community_id: str, member_id: str) -> int:
        return await self._run(
            "DELETE FROM web_sessions WHERE community_id = ? AND member_id = ?",
            community_id,
            member_id,
        )

    async def forget_expired_web_logins(self, now: datetime) -> int:
        async def purge(tx: Tx) -> int:
            moment = ts(now)
            tokens = await tx.run("DELETE FROM web_login_tokens WHERE expires_at <= ?", moment)
            return tokens + await tx.run("DELETE FROM web_sessions WHERE expires_at <= ?", moment)

        return await self.write(purge)

    # ------------------------------------------------------------ the dashboard (issue #14)

    async def find_community(self, community_id: str) -> CommunitySettings | None:
        row = await self._row(COMMUNITY, community_id)
        return community_row(row) if row is not None else None

    async def name_community(self, community_id: str, name: str) -> bool:
        return bool(
            await self._run(
                "UPDATE communities SET display_name = ? WHERE community_id = ?",
                name,
                community_id,
            )
        )

    async def start_wallboard(self, community_id: str, token_hash: str, at: datetime) -> None:
        await self._run(
            "INSERT INTO web_wallboards (community_id, token_hash, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (community_id) DO UPDATE SET token_hash = excluded.token_hash,"
            " created_at = excluded.created_at",
            community_id,
            token_hash,
            ts(at),
        )

    async def end_wallboard(self, community_id: str) -> bool:
        return bool(
            await self._run("DELETE FROM web_wallboards WHERE community_id = ?", community_id)
        )

    async def wallboard_community(self, token_hash: str) -> str | None:
        found = await self._value(
            "SELECT community_id FROM web_wallboards WHERE token_hash = ?", token_hash
        )
        return str(found) if found is not None else None

    async def wallboard_since(self, community_id: str) -> datetime | None:
        found = await self._value(
            "SELECT created_at FROM web_wallboards WHERE community_id = ?", community_id
        )
        return from_ts(found) if found is not None else None

    async def prompt_posts_since(
        self, community_id: str, since: date, limit: int
    ) -> list[tuple[PostRecord, int]]:
        """The daily prompts sent from the local date ``since`` on, newest first, with
        their count of check-ins."""
        rows = await self._rows(
            "SELECT p.*, (SELECT count(*) FROM checkins c WHERE c.post_id = p.post_id) AS n"
            " FROM posts p WHERE p.community_id = ? AND p.kind = 'prompt'"
            " AND p.status = 'sent' AND p.local_date >= ?"
            " ORDER BY p.local_date DESC, p.post_id DESC LIMIT ?",
            community_id,
            since.isoformat(),
            limit,
        )
        return [(post_row(r), int(r["n"])) for r in rows]

    async def helpers_of(
        self, community_id: str, member_id: str, since: datetime | None, limit: int
    ) -> list[tuple[MemberRecord, int, bool]]:
        if since is None:  # all time: the pairs aggregate
            rows = await self._rows(
                f"SELECT m.*, p.count AS n, {THANKED_BACK} AS back FROM kudos_pairs p"
                " JOIN members m ON m.community_id = p.community_id AND m.member_id = p.giver_id"
                " WHERE p.community_id = ? AND p.receiver_id = ? AND p.count > 0"
                " AND p.giver_id <> p.receiver_id AND m.opted_out = 0"
                " ORDER BY p.count DESC, p.last_at DESC, m.display_name LIMIT ?",
                member_id,
                community_id,
                member_id,
                limit,
            )
        else:  # a window: the member's thanks received, on kudos_receiver_time
            rows = await self._rows(
                f"SELECT m.*, count(*) AS n, {THANKED_BACK} AS back FROM kudos k"
                " JOIN members m ON m.community_id = k.community_id AND m.member_id = k.giver_id"
                " WHERE k.community_id = ? AND k.receiver_id = ? AND k.created_at >= ?"
                " AND k.revoked_at IS NULL AND k.giver_id <> k.receiver_id AND m.opted_out = 0"
                " GROUP BY m.community_id, m.member_id"
                " ORDER BY n DESC, max(k.created_at) DESC, m.display_name LIMIT ?",
                member_id,
                community_id,
                member_id,
                ts(since),
                limit,
            )
        return [(member_row(r), int(r["n"]), bool(r["back"])) for r in rows]

    async def weekly_figures(
        self, community_id: str, season: int, weeks: Sequence[date], timezone: str
    ) -> dict[str, list[tuple[date, int]]]:
        """Per measure, (week's Monday, value) for the local weeks ``weeks`` (Mondays, the
        last one the current week): kudos and givers from the weekly totals of every
        season so far, new connections from the pairs' first thank-you, check-ins by the
        local date of their post. Finished weeks are counted once and kept (web_figures);
        the current week is counted at each call."""
        finished = list(weeks[:-1])
        keys = {f"week:{w.isoformat()}": w for w in finished}
        kept: dict[date, dict[str, int]] = {}
        if keys:
            rows = await self._rows(
                "SELECT figure_key, figures FROM web_figures WHERE community_id = ?"
                f" AND figure_key IN ({marks(len(keys))})",
                community_id,
                *keys,
            )
            kept = {keys[r[0]]: json.loads(r[1]) for r in rows}
        missing = [w for w in finished if w not in kept]
        if missing:
            counted = await self._count_weeks(community_id, season, missing, timezone)
            kept.update(counted)
            params = [
                (community_id, f"week:{w.isoformat()}", json.dumps(counted[w])) for w in missing
            ]
            await self.write(
                lambda tx: tx.many(
                    "INSERT INTO web_figures (community_id, figure_key, figures) VALUES (?, ?, ?)"
                    " ON CONFLICT (community_id, figure_key) DO UPDATE SET"
                    " figures = excluded.figures",
                    params,
                )
            )
        if weeks:
            kept.update(await self._count_weeks(community_id, season, weeks[-1:], timezone))
        return {
            measure: [(w, kept[w][measure]) for w in weeks if kept[w].get(measure)]
            for measure in ("kudos", "givers", "connections", "checkins")
        }

    async def _count_weeks(
        self, community_id: str, season: int, weeks: Sequence[date], timezone: str
    ) -> dict[date, dict[str, int]]:
        """Count ``weeks`` (Mondays) from the aggregates, over the range they span."""
        zone = load_zone(timezone)
        wanted = set(weeks)
        periods = {f"s{s}:w{week_key(w)}": w for s in range(1, season + 1) for w in wanted}
        first, end = min(wanted), max(wanted) + timedelta(days=7)

        def midnight(day: date) -> str:
            return ts(datetime.combine(day, datetime.min.time(), zone))

        bounds = [(w.isoformat(), midnight(w), midnight(w + timedelta(days=7))) for w in wanted]

        async def read(tx: Tx) -> tuple[list[Row], list[Row], list[Row]]:
            # Team kudos (migration 009) count too: each member of the team got a kudos.
            totals = await tx.rows(
                "SELECT period, sum(given + team_given) AS kudos, count(*) AS givers"
                f" FROM kudos_totals WHERE community_id = ? AND period IN ({marks(len(periods))})"
                " AND given + team_given > 0 GROUP BY period",
                community_id,
                *periods,
            )
            # A connection is new when neither of the two had thanked the other before:
            # its opening pair, counted per week between the week's local midnights (a
            # range of an index of (community, opened, first_at): the index alone).
            firsts = await tx.rows(
                f"WITH w (monday, lo, hi) AS (VALUES {', '.join([WEEK_BOUNDS] * len(bounds))})"
                " SELECT w.monday, (SELECT count(*) FROM kudos_pairs p"
                " WHERE p.community_id = ? AND p.opened = 1"
                " AND p.first_at >= w.lo AND p.first_at < w.hi) FROM w",
                *[value for week in bounds for value in week],
                community_id,
            )
            checkins = await tx.rows(
                "SELECT local_date, count(*) AS n FROM checkins WHERE community_id = ?"
                " AND local_date >= ? AND local_date < ? GROUP BY local_date",
                community_id,
                first.isoformat(),
                end.isoformat(),
            )
            return totals, firsts, checkins

        totals, firsts, checkins = await self.read(read)
        found = {w: {"kudos": 0, "givers": 0, "connections": 0, "checkins": 0} for w in wanted}

        def add(week: date, measure: str, n: int) -> None:
            if week in found:
                found[week][measure] += n

        for r in totals:
            add(periods[r[0]], "kudos", int(r[1]))
            add(periods[r[0]], "givers", int(r[2]))
        for r in firsts:
            add(date.fromisoformat(r[0]), "connections", int(r[1]))
        for r in checkins:
            add(_monday(date.fromisoformat(r[0])), "checkins", int(r[1]))
        return found

    async def kudos_of(
        self, community_id: str, member_id: str, role: Role, offset: int, limit: int
    ) -> list[tuple[KudosRow, MemberRecord | None]]:
        # Newest first in the order of an index, so a page reads a page of it: RECEIVERS
        # on kudos_receiver_time (created_at), GIVERS on kudos_giver_day (local_day);
        # kudos_id (SQLite's rowid, the index's last column) breaks ties.
        if role is Role.RECEIVERS:
            mine, other, newest = "receiver_id", "giver_id", "k.created_at"
        else:
            mine, other, newest = "giver_id", "receiver_id", "k.local_day"
        rows = await self._rows(
            "SELECT k.*, m.member_id AS m_id, m.display_name AS m_name, m.is_bot AS m_bot,"
            " m.opted_out AS m_out FROM kudos k LEFT JOIN members m"
            f" ON m.community_id = k.community_id AND m.member_id = k.{other}"
            f" WHERE k.community_id = ? AND k.{mine} = ? AND k.revoked_at IS NULL"
            f" ORDER BY {newest} DESC, k.kudos_id DESC LIMIT ? OFFSET ?",
            community_id,
            member_id,
            limit,
            offset,
        )
        return [
            (
                kudos_row(r),
                MemberRecord(r["m_id"], r["m_name"], bool(r["m_bot"]), bool(r["m_out"]))
                if r["m_id"] is not None
                else None,
            )
            for r in rows
        ]

    async def health(
        self, community_id: str, month: str, season: str, now: datetime
    ) -> CommunityHealth:
        # Counted once a day (and again after a revocation), then kept.
        key = f"health:{ts(now)[:10]}:{month}:{season}"
        kept = await self._value(
            "SELECT figures FROM web_figures WHERE community_id = ? AND figure_key = ?",
            community_id,
            key,
        )
        if kept is not None:
            return CommunityHealth(**json.loads(kept))
        found = await self._count_health(community_id, month, season, now)

        async def keep(tx: Tx) -> None:
            await tx.run(  # yesterday's figures go
                "DELETE FROM web_figures WHERE community_id = ? AND figure_key LIKE 'health:%'",
                community_id,
            )
            await tx.run(
                "INSERT INTO web_figures (community_id, figure_key, figures) VALUES (?, ?, ?)"
                " ON CONFLICT (community_id, figure_key) DO UPDATE SET figures = excluded.figures",
                community_id,
                key,
                json.dumps(asdict(found)),
            )

        await self.write(keep)
        return found

    async def _count_health(
        self, community_id: str, month: str, season: str, now: datetime
    ) -> CommunityHealth:
        async def read(tx: Tx) -> CommunityHealth:
            active = await tx.row(
                "SELECT count(*), coalesce(sum(CASE WHEN given > 0 THEN 1 ELSE 0 END), 0)"
                " FROM kudos_totals WHERE community_id = ? AND period = ?"
                " AND (given > 0 OR received > 0)",
                community_id,
                month,
            )
            # Connections started 30 to 120 days ago (no earlier thanks the other way),
            # and those thanked back within 30 days: counted by the database (a big
            # community has tens of thousands of them), not row by row here.
            pairs = await tx.row(
                "SELECT count(*), coalesce(sum(CASE WHEN b.first_at IS NOT NULL AND"
                f" {self.WITHIN_30_DAYS} THEN 1 ELSE 0 END), 0)"
                " FROM kudos_pairs p LEFT JOIN kudos_pairs b"
                " ON b.community_id = p.community_id AND b.giver_id = p.receiver_id"
                " AND b.receiver_id = p.giver_id"
                " WHERE p.community_id = ? AND p.first_at >= ? AND p.first_at < ?"
                " AND p.opened = 1",
                community_id,
                ts(now - timedelta(days=120)),
                ts(now - timedelta(days=30)),
            )
            spread = await tx.row(
                "SELECT count(*), coalesce(sum(received), 0) FROM kudos_totals"
                " WHERE community_id = ? AND period = ? AND received > 0",
                community_id,
                season,
            )
            assert active is not None and spread is not None and pairs is not None
            receivers = int(spread[0])
            top = (receivers + 9) // 10
            top_received = await tx.value(
                "SELECT coalesce(sum(received), 0) FROM (SELECT received FROM kudos_totals"
                " WHERE community_id = ? AND period = ? AND received > 0"
                " ORDER BY received DESC LIMIT ?) AS top",
                community_id,
                season,
                top,
            )
            return CommunityHealth(
                active=int(active[0]),
                givers=int(active[1]),
                started=int(pairs[0]),
                returned=int(pairs[1]),
                receivers=receivers,
                received=int(spread[1]),
                top_received=int(top_received or 0),
            )

        return await self.read(read, long=True)

    # ------------------------------------------------------------ communities & members

    async def get_community(
        self, community_id: str, defaults: CommunityDefaults
    ) -> CommunitySettings:
        row = await self._row(COMMUNITY, community_id)
        if row is None:
            await self._run(
                "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id) DO NOTHING",
                community_id,
                defaults.platform,
                defaults.timezone,
                defaults.locale,
                ts(datetime.now(UTC)),
            )
            row = await self._row(COMMUNITY, community_id)
        return community_row(row)

    async def update_community(self, community_id: str, **changes: object) -> CommunitySettings:
        unknown = set(changes) - set(EDITABLE_SETTINGS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if changes:
            # Column names come from the EDITABLE_SETTINGS whitelist, values are bound.
            assignments = ", ".join(f"{name} = ?" for name in changes)
            values = [int(v) if isinstance(v, bool) else v for v in changes.values()]
            await self._run(
                f"UPDATE communities SET {assignments} WHERE community_id = ?",
                *values,
                community_id,
            )
        return community_row(await self._row(COMMUNITY, community_id))

    async def start_season(self, community_id: str, at: datetime) -> CommunitySettings:
        await self._run(
            "UPDATE communities SET season = season + 1, season_started_at = ?"
            " WHERE community_id = ?",
            ts(at),
            community_id,
        )
        return community_row(await self._row(COMMUNITY, community_id))

    async def get_catchup_minutes(self, community_id: str) -> int:
        value = await self._value(
            "SELECT catchup_minutes FROM communities WHERE community_id = ?", community_id
        )
        return int(value) if value is not None else 180

    async def set_catchup_minutes(self, community_id: str, minutes: int) -> None:
        await self._run(
            "UPDATE communities SET catchup_minutes = ? WHERE community_id = ?",
            minutes,
            community_id,
        )

    async def upsert_members(self, community_id: str, members: Iterable[Member]) -> None:
        params = member_rows(community_id, members)
        if params:
            await self.write(lambda tx: tx.many(UPSERT_MEMBER, params))

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None:
        row = await self._row(
            "SELECT * FROM members WHERE community_id = ? AND member_id = ?",
            community_id,
            member_id,
        )
        return member_row(row) if row is not None else None

    async def find_member_by_name(self, community_id: str, name: str) -> MemberRecord | None:
        rows = await self._rows(
            f"SELECT * FROM members WHERE community_id = ? AND {self.NOCASE_EQ} LIMIT 2",
            community_id,
            name,
        )
        return member_row(rows[0]) if len(rows) == 1 else None

    async def set_opted_out(self, community_id: str, member_id: str, opted_out: bool) -> None:
        await self._run(
            "UPDATE members SET opted_out = ? WHERE community_id = ? AND member_id = ?",
            int(opted_out),
            community_id,
            member_id,
        )

    # ------------------------------------------------------------ kudos

    async def undo_last_action(
        self, community_id: str, giver_id: str, since: datetime, at: datetime
    ) -> list[KudosRow]:
        async def undo(tx: Tx) -> list[KudosRow]:
            await self.lock(tx, community_id, giver_id)
            action_id = await tx.value(
                "SELECT action_id FROM kudos WHERE community_id = ? AND giver_id = ?"
                " AND local_day >= ? AND revoked_at IS NULL AND created_at >= ?"
                " ORDER BY created_at DESC, kudos_id DESC LIMIT 1",
                community_id,
                giver_id,
                # local days lag or lead UTC by at most 14 hours: a day of margin
                (since - timedelta(days=1)).date().isoformat(),
                ts(since),
            )
            if action_id is None:
                return []
            rows = await tx.rows(
                "SELECT * FROM kudos WHERE community_id = ? AND action_id = ?"
                " AND revoked_at IS NULL ORDER BY kudos_id",
                community_id,
                action_id,
            )
            found = [kudos_row(r) for r in rows]
            for k in found:
                await _revoke(tx, k.kudos_id, giver_id, "undo", at)
            return found

        return await self.write(undo)

    async def revoke_kudos(
        self, community_id: str, kudos_id: int, by: str, at: datetime
    ) -> KudosRow | None:
        async def revoke(tx: Tx) -> KudosRow | None:
            row = await tx.row(KUDOS + self.FOR_UPDATE, community_id, kudos_id)
            if row is None:
                return None
            found = kudos_row(row)
            if found.revoked_at is None:
                await _revoke(tx, kudos_id, by, "revoke", at)
            return found

        return await self.write(revoke)

    async def get_kudos(self, community_id: str, kudos_id: int) -> KudosRow | None:
        row = await self._row(KUDOS, community_id, kudos_id)
        return kudos_row(row) if row is not None else None

    async def count_active_kudos(self, community_id: str) -> int:
        return int(
            await self._value(
                "SELECT count(*) FROM kudos WHERE community_id = ? AND revoked_at IS NULL",
                community_id,
            )
        )

    # ------------------------------------------------------------ leaderboards & roots

    async def top_members(
        self, community_id: str, period: str, role: Role, limit: int
    ) -> list[BoardRow]:
        rows = await self._rows(top_sql(role), community_id, period, limit)
        return ranked((member_row(row), int(row["n"])) for row in rows)

    async def member_rank(
        self, community_id: str, period: str, role: Role, member_id: str
    ) -> BoardRow | None:
        sql = rank_sql(role, self.PIN_JOIN)
        return standing(await self._row(sql, community_id, period, member_id))

    async def boards(
        self, community_id: str, period: str, roles: Sequence[Role], member_id: str, limit: int
    ) -> list[Board]:
        found: list[Board] = []
        for role in roles:
            top = await self.top_members(community_id, period, role, limit)
            caller = next((row for row in top if row.member.id == member_id), None)
            if caller is None:
                caller = await self.member_rank(community_id, period, role, member_id)
            found.append(Board(role, top, caller))
        return found

    async def get_announce(self, community_id: str) -> tuple[str, str | None] | None:
        # quiet announcements (issue 15)
        row = await self._row(
            "SELECT mode, channel_id FROM announce_settings WHERE community_id = ?", community_id
        )
        return None if row is None else (str(row[0]), row[1])

    async def set_announce(self, community_id: str, mode: str, channel_id: str | None) -> None:
        await self._run(
            "INSERT INTO announce_settings (community_id, mode, channel_id) VALUES (?, ?, ?)"
            " ON CONFLICT (community_id) DO UPDATE SET mode = excluded.mode,"
            " channel_id = excluded.channel_id",
            community_id,
            mode,
            channel_id,
        )

    async def opted_out_among(self, community_id: str, member_ids: Sequence[str]) -> set[str]:
        # team kudos (issue 15): a group's opted-out members, in one read
        wanted = sorted(set(member_ids))
        if not wanted:
            return set()
        rows = await self._rows(
            "SELECT member_id FROM members WHERE community_id = ? AND opted_out = 1"
            f" AND member_id IN ({marks(len(wanted))})",
            community_id,
            *wanted,
        )
        return {str(r[0]) for r in rows}

    async def tallies(
        self, community_id: str, member_id: str, periods: Iterable[str]
    ) -> dict[str, Tally]:
        wanted = list(periods)
        rows = await self._rows(
            # team kudos count in a member's own tallies, not on leaderboards (issue 15)
            "SELECT period, given + team_given AS given, received + team_received AS received"
            " FROM kudos_totals WHERE community_id = ?"
            f" AND member_id = ? AND period IN ({marks(len(wanted))})",
            community_id,
            member_id,
            *wanted,
        )
        found = {r["period"]: Tally(int(r["given"]), int(r["received"])) for r in rows}
        return {p: found.get(p, Tally()) for p in wanted}

    async def giving_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        rows = await self._rows(
            "SELECT DISTINCT local_day FROM kudos WHERE community_id = ? AND giver_id = ?"
            " AND revoked_at IS NULL ORDER BY local_day DESC LIMIT ?",
            community_id,
            member_id,
            limit,
        )
        return [date.fromisoformat(r[0]) for r in rows]

    async def top_helpers(
        self, community_id: str, member_id: str, limit: int
    ) -> list[tuple[MemberRecord, int]]:
        rows = await self._rows(
            PAIRS_OF + " ORDER BY p.count DESC, p.last_at DESC, m.display_name LIMIT ?",
            community_id,
            member_id,
            limit,
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    async def not_thanked_back(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[tuple[MemberRecord, int]]:
        rows = await self._rows(
            PAIRS_OF + " AND p.last_at >= ? AND p.giver_id <> p.receiver_id AND NOT EXISTS ("
            "   SELECT 1 FROM kudos_pairs back WHERE back.community_id = p.community_id"
            "   AND back.giver_id = p.receiver_id AND back.receiver_id = p.giver_id"
            "   AND back.count > 0)"
            " ORDER BY p.last_at DESC, m.display_name LIMIT 10",
            community_id,
            member_id,
            ts(since),
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    async def kudos_count_between(self, community_id: str, since: datetime, until: datetime) -> int:
        return int(
            await self._value(
                f"SELECT count(*) FROM kudos WHERE {WINDOW} AND revoked_at IS NULL",
                community_id,
                ts(since),
                ts(until),
            )
        )

    async def digest_stats(
        self, community_id: str, since: datetime, until: datetime
    ) -> DigestStats:
        window = (community_id, ts(since), ts(until))

        async def stats(tx: Tx) -> DigestStats:
            totals = await tx.row(
                "SELECT count(*), count(DISTINCT giver_id) FROM kudos"
                f" WHERE {WINDOW} AND revoked_at IS NULL",
                *window,
            )
            pairs = await tx.value(
                "SELECT count(*) FROM (SELECT min(created_at) AS first_at FROM kudos"
                " WHERE community_id = ? AND revoked_at IS NULL GROUP BY"
                " CASE WHEN giver_id < receiver_id THEN giver_id ELSE receiver_id END,"
                " CASE WHEN giver_id < receiver_id THEN receiver_id ELSE giver_id END)"
                " AS firsts WHERE first_at >= ? AND first_at < ?",
                *window,
            )
            top = await tx.rows(
                # a team kudos counts once for its giver, as on their budget (issue 15)
                f"SELECT m.*, {BUDGET_USED} AS n FROM kudos k JOIN members m"
                " ON m.community_id = k.community_id AND m.member_id = k.giver_id"
                " WHERE k.community_id = ? AND k.revoked_at IS NULL AND k.created_at >= ?"
                " AND k.created_at < ? AND m.opted_out = 0"
                " GROUP BY m.community_id, m.member_id ORDER BY n DESC, m.display_name LIMIT 3",
                *window,
            )
            checkins = await tx.value(f"SELECT count(*) FROM checkins WHERE {WINDOW}", *window)
            assert totals is not None
            return DigestStats(
                kudos=int(totals[0]),
                givers=int(totals[1]),
                new_connections=int(pairs),
                top_givers=tuple((member_row(r), int(r["n"])) for r in top),
                checkins=int(checkins),
            )

        return await self.read(stats)

    # ------------------------------------------------------------ schedules

    async def upsert_schedule(self, draft: ScheduleDraft, plan: Replan) -> ScheduleRecord:
        now = ts(datetime.now(UTC))
        row = await self.write(
            lambda tx: tx.row(
                UPSERT_SCHEDULE,
                *_schedule_values(draft, draft.ref_id, plan),
                now,
                now,
            )
        )
        return schedule_row(row)

    async def set_schedule_enabled(self, schedule_id: int, enabled: bool, plan: Replan) -> None:
        await self._run(
            "UPDATE schedules SET enabled = ?, paused_reason = NULL, pause_notified = 0,"
            " next_local_date = ?, next_due_at = ?, updated_at = ? WHERE schedule_id = ?",
            int(enabled),
            _day(plan.local_date),
            opt_ts(plan.due_at),
            ts(datetime.now(UTC)),
            schedule_id,
        )

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None:
        row = await self._row("SELECT * FROM schedules WHERE schedule_id = ?", schedule_id)
        return schedule_row(row) if row is not None else None

    async def find_schedule(
        self, community_id: str, channel_id: str, kind: str, ref_id: int = 0
    ) -> ScheduleRecord | None:
        row = await self._row(
            "SELECT * FROM schedules WHERE community_id = ? AND channel_id = ? AND kind = ?"
            " AND ref_id = ?",
            community_id,
            channel_id,
            kind,
            ref_id,
        )
        return schedule_row(row) if row is not None else None

    async def list_schedules(self, community_id: str) -> list[ScheduleRecord]:
        rows = await self._rows(
            "SELECT * FROM schedules WHERE community_id = ? ORDER BY kind, channel_id, ref_id",
            community_id,
        )
        return [schedule_row(r) for r in rows]

    async def running_schedules(
        self, platform: str, after_id: int, limit: int
    ) -> list[ScheduleRecord]:
        rows = await self._rows(
            f"SELECT * FROM schedules WHERE {RUNNING} AND schedule_id > ? AND community_id IN"
            " (SELECT community_id FROM communities WHERE platform = ?)"
            " ORDER BY schedule_id LIMIT ?",
            after_id,
            platform,
            limit,
        )
        return [schedule_row(r) for r in rows]

    async def pause_schedule(self, schedule_id: int, reason: str) -> bool:
        return 0 < await self._run(
            "UPDATE schedules SET paused_reason = ?, pause_notified = 0, updated_at = ?"
            " WHERE schedule_id = ? AND paused_reason IS NULL",
            reason,
            ts(datetime.now(UTC)),
            schedule_id,
        )

    async def unplanned_schedules(self, limit: int) -> list[ScheduleRecord]:
        rows = await self._rows(
            f"SELECT * FROM schedules WHERE {RUNNING} AND next_due_at IS NULL"
            " ORDER BY schedule_id LIMIT ?",
            limit,
        )
        return [schedule_row(r) for r in rows]

    async def replan(self, replans: list[Replan]) -> None:
        params = [_plan(r) for r in replans]
        if params:
            await self.write(lambda tx: tx.many(REPLAN, params))

    async def earliest_due(self, scope: ShardScope | None = None) -> datetime | None:
        outside, params = self.outside(scope)
        value = await self._value(
            "SELECT min(t) FROM ("
            f" SELECT min(next_due_at) AS t FROM schedules WHERE {RUNNING}"
            f" AND next_due_at IS NOT NULL{outside}"
            " UNION ALL SELECT min(next_attempt_at) FROM posts"
            f" WHERE next_attempt_at IS NOT NULL{outside}) AS due",
            *params,
            *params,
        )
        return from_ts(value)

    async def due_schedules(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[ScheduleRecord]:
        outside, params = self.outside(scope)
        rows = await self._rows(
            f"SELECT * FROM schedules WHERE {RUNNING}"
            f" AND next_due_at IS NOT NULL AND next_due_at <= ?{outside}"
            " ORDER BY next_due_at, schedule_id LIMIT ?",
            ts(now),
            *params,
            limit,
        )
        return [schedule_row(r) for r in rows]

    async def take_pause_notices(self, community_id: str) -> list[ScheduleRecord]:
        waiting = await self._value(
            "SELECT 1 FROM schedules WHERE community_id = ? AND paused_reason IS NOT NULL"
            " AND pause_notified = 0 LIMIT 1",
            community_id,
        )
        if not waiting:  # the common case costs one read, no write
            return []
        # One UPDATE … RETURNING: two processes never both tell the same notice.
        rows = await self.write(
            lambda tx: tx.rows(
                "UPDATE schedules SET pause_notified = 1 WHERE community_id = ?"
                " AND paused_reason IS NOT NULL AND pause_notified = 0 RETURNING *",
                community_id,
            )
        )
        return sorted((schedule_row(r) for r in rows), key=lambda s: s.schedule_id)

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
        plans = [_plan(r) for r in replans]

        async def claim(tx: Tx) -> list[PostRecord]:
            if rows:
                await tx.many(
                    "INSERT INTO posts (schedule_id, community_id, channel_id, kind, ref_id,"
                    " local_date, prompt_id, due_at, status, late, claimed_by, claimed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (schedule_id, local_date) DO NOTHING",
                    rows,
                )
            if plans:
                await tx.many(REPLAN, plans)
            if not rows:
                return []
            got = await tx.rows("SELECT * FROM posts WHERE claimed_by = ? ORDER BY post_id", token)
            posts = [post_row(r) for r in got]
            need = [
                p
                for p in posts
                if p.kind == "prompt" and p.prompt_id is None and p.status is PostStatus.CLAIMED
            ]
            if not need:
                return posts
            channels = sorted({(p.community_id, p.channel_id) for p in need})
            for community_id, channel_id in channels:  # concurrent claims take turns
                await self.lock(tx, community_id, "rotation:" + channel_id)
            pools = await _pools(tx, set(channels))
            chosen = choose_prompts(need, pools, chooser)
            if chosen:
                await tx.many(
                    "UPDATE posts SET prompt_id = ?, cycle = ? WHERE post_id = ?",
                    [(pid, cycle, post_id) for post_id, (pid, cycle) in chosen.items()],
                )
            await tx.many(
                "INSERT INTO rotations (community_id, channel_id, cycle, used) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (community_id, channel_id) DO UPDATE SET cycle = excluded.cycle,"
                " used = excluded.used",
                [
                    (p.community_id, p.channel_id, p.cycle, ",".join(sorted(p.used)))
                    for p in (pools[k] for k in channels)
                ],
            )
            return [
                replace_prompt(p, chosen[p.post_id][0]) if p.post_id in chosen else p for p in posts
            ]

        return await self.write(claim)

    async def due_retries(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[PostRecord]:
        outside, params = self.outside(scope)
        rows = await self._rows(
            "SELECT * FROM posts WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?"
            f" AND status = 'failed'{outside} ORDER BY next_attempt_at, post_id LIMIT ?",
            ts(now),
            *params,
            limit,
        )
        return [post_row(r) for r in rows]

    async def reclaim_post(self, post: PostRecord, at: datetime) -> bool:
        return 1 == await self._run(
            "UPDATE posts SET status = 'claimed', claimed_at = ?, next_attempt_at = NULL"
            " WHERE post_id = ? AND status = 'failed' AND next_attempt_at = ?",
            ts(at),
            post.post_id,
            opt_ts(post.next_attempt_at),
        )

    async def record_sent(self, post_id: int, message_id: str, at: datetime) -> None:
        await self._run(
            "UPDATE posts SET status = 'sent', attempts = attempts + 1, sent_at = ?,"
            " platform_message_id = ?, next_attempt_at = NULL, error = NULL WHERE post_id = ?",
            ts(at),
            message_id,
            post_id,
        )

    async def record_skipped(self, post_id: int, reason: str) -> None:
        await self._run(
            "UPDATE posts SET status = 'skipped', error = ?, next_attempt_at = NULL"
            " WHERE post_id = ?",
            reason,
            post_id,
        )

    async def record_failed(
        self, post_id: int, error: str, retry_at: datetime | None, pause: str | None
    ) -> None:
        async def failed(tx: Tx) -> None:
            await tx.run(
                "UPDATE posts SET status = 'failed', attempts = attempts + 1, error = ?,"
                " next_attempt_at = ? WHERE post_id = ?",
                error[:500],
                opt_ts(retry_at),
                post_id,
            )
            if pause is not None:
                await tx.run(
                    "UPDATE schedules SET paused_reason = ?, pause_notified = 0"
                    " WHERE schedule_id = (SELECT schedule_id FROM posts WHERE post_id = ?)",
                    pause,
                    post_id,
                )

        await self.write(failed)

    async def posts_in_doubt(self, before: datetime) -> list[PostRecord]:
        rows = await self._rows(
            "SELECT * FROM posts WHERE status = 'claimed' AND claimed_at < ? ORDER BY post_id",
            ts(before),
        )
        return [post_row(r) for r in rows]

    async def get_post(self, post_id: int) -> PostRecord | None:
        row = await self._row("SELECT * FROM posts WHERE post_id = ?", post_id)
        return post_row(row) if row is not None else None

    async def post_by_message(self, community_id: str, message_id: str) -> PostRecord | None:
        row = await self._row(
            "SELECT * FROM posts WHERE community_id = ? AND platform_message_id = ?",
            community_id,
            message_id,
        )
        return post_row(row) if row is not None else None

    async def latest_post(
        self, community_id: str, channel_id: str, kinds: tuple[str, ...]
    ) -> PostRecord | None:
        row = await self._row(
            "SELECT * FROM posts WHERE community_id = ? AND channel_id = ? AND status = 'sent'"
            f" AND kind IN ({marks(len(kinds))}) ORDER BY sent_at DESC, post_id DESC LIMIT 1",
            community_id,
            channel_id,
            *kinds,
        )
        return post_row(row) if row is not None else None

    async def list_posts(self, community_id: str) -> list[PostRecord]:
        rows = await self._rows(
            "SELECT * FROM posts WHERE community_id = ? ORDER BY post_id", community_id
        )
        return [post_row(r) for r in rows]

    async def posted_days(
        self, community_id: str, kinds: tuple[str, ...], limit: int
    ) -> list[date]:
        rows = await self._rows(
            "SELECT DISTINCT local_date FROM posts WHERE community_id = ? AND status = 'sent'"
            f" AND kind IN ({marks(len(kinds))}) ORDER BY local_date DESC LIMIT ?",
            community_id,
            *kinds,
            limit,
        )
        return [date.fromisoformat(r[0]) for r in rows]

    # ------------------------------------------------------------ check-ins

    async def record_checkin(
        self, post: PostRecord, member_id: str, note: str, at: datetime
    ) -> CheckinOutcome:
        async def checkin(tx: Tx) -> CheckinOutcome:
            recorded = await tx.run(
                "INSERT INTO checkins (post_id, member_id, community_id, local_date, note,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                post.post_id,
                member_id,
                post.community_id,
                post.local_date.isoformat(),
                note,
                ts(at),
            )
            count = await tx.value("SELECT count(*) FROM checkins WHERE post_id = ?", post.post_id)
            if recorded:  # a late check-in changes a finished week the dashboard kept
                await tx.run(
                    "DELETE FROM web_figures WHERE community_id = ? AND figure_key = ?",
                    post.community_id,
                    f"week:{_monday(post.local_date).isoformat()}",
                )
            return CheckinOutcome(recorded == 1, int(count or 0))

        return await self.write(checkin)

    async def checkin_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        rows = await self._rows(
            "SELECT DISTINCT local_date FROM checkins WHERE community_id = ? AND member_id = ?"
            " ORDER BY local_date DESC LIMIT ?",
            community_id,
            member_id,
            limit,
        )
        return [date.fromisoformat(r[0]) for r in rows]

    # ------------------------------------------------------------ rotation & custom prompts

    async def rotation_pool(self, community_id: str, channel_id: str) -> RotationPool:
        pools = await self.read(lambda tx: _pools(tx, {(community_id, channel_id)}))
        return pools[(community_id, channel_id)]

    async def set_theme_excluded(self, community_id: str, theme: str, excluded: bool) -> None:
        await self._run(
            "INSERT INTO excluded_themes (community_id, theme) VALUES (?, ?) ON CONFLICT DO NOTHING"
            if excluded
            else "DELETE FROM excluded_themes WHERE community_id = ? AND theme = ?",
            community_id,
            theme,
        )

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
        async def add(tx: Tx) -> Row | int | None:
            if status == "pending" and pending_limit is not None:
                # No other suggestion of this member lands between the count and the insert.
                await self.lock(tx, community_id, "suggest:" + author_id)
                if int(await tx.value(PENDING_OF, community_id, author_id)) >= pending_limit:
                    return OVER_LIMIT
            return await tx.row(
                "INSERT INTO custom_prompts (community_id, text, norm_text, status, author_id,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (community_id, norm_text) WHERE status IN ('active', 'pending')"
                " DO NOTHING RETURNING *",
                community_id,
                text,
                norm_text,
                status,
                author_id,
                ts(at),
            )

        row = await self.write(add)
        if row == OVER_LIMIT:
            assert pending_limit is not None
            raise PendingLimitError(pending_limit)
        return custom_row(row) if row is not None else None

    async def custom_prompts(
        self, community_id: str, status: str, limit: int | None = None
    ) -> list[CustomPrompt]:
        rows = await self._rows(
            "SELECT * FROM custom_prompts WHERE community_id = ? AND status = ?"
            " ORDER BY custom_id LIMIT ?",
            community_id,
            status,
            NO_LIMIT if limit is None else limit,
        )
        return [custom_row(r) for r in rows]

    async def count_custom_prompts(self, community_id: str, status: str) -> int:
        return int(
            await self._value(
                "SELECT count(*) FROM custom_prompts WHERE community_id = ? AND status = ?",
                community_id,
                status,
            )
        )

    async def reject_pending_of(
        self, community_id: str, author_id: str, by: str, at: datetime
    ) -> int:
        return await self._run(
            "UPDATE custom_prompts SET status = 'rejected', decided_by = ?, decided_at = ?"
            " WHERE community_id = ? AND author_id = ? AND status = 'pending'",
            by,
            ts(at),
            community_id,
            author_id,
        )

    async def get_custom_prompt(self, community_id: str, custom_id: int) -> CustomPrompt | None:
        row = await self._row(
            "SELECT * FROM custom_prompts WHERE community_id = ? AND custom_id = ?",
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
        row = await self.write(
            lambda tx: tx.row(
                "UPDATE custom_prompts SET status = ?, decided_by = ?, decided_at = ?"
                " WHERE community_id = ? AND custom_id = ? AND status = ? RETURNING *",
                to_status,
                by,
                ts(at),
                community_id,
                custom_id,
                from_status,
            )
        )
        return custom_row(row) if row is not None else None

    # ------------------------------------------------------------ challenges

    async def create_challenge(
        self, draft: ScheduleDraft, plan: Replan, created_by: str, at: datetime
    ) -> ChallengeRecord | None:
        assert draft.first_date is not None and draft.last_date is not None
        start, end = draft.first_date, draft.last_date

        async def create(tx: Tx) -> ChallengeRecord | None:
            # One active challenge per community, even with several processes.
            await self.lock(tx, draft.community_id, "challenge")
            if await tx.value(
                "SELECT 1 FROM challenges WHERE community_id = ? AND status = 'active'",
                draft.community_id,
            ):
                return None
            row = await tx.row(
                "INSERT INTO challenges (community_id, channel_id, start_date, end_date,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
                draft.community_id,
                draft.channel_id,
                start.isoformat(),
                end.isoformat(),
                created_by,
                ts(at),
            )
            challenge = challenge_row(row)
            await tx.run(
                f"INSERT INTO schedules ({SCHEDULE_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                *_schedule_values(draft, challenge.challenge_id, plan),
                ts(at),
                ts(at),
            )
            return challenge

        return await self.write(create)

    async def active_challenge(self, community_id: str) -> ChallengeRecord | None:
        row = await self._row(
            "SELECT * FROM challenges WHERE community_id = ? AND status = 'active'"
            " ORDER BY challenge_id DESC LIMIT 1",
            community_id,
        )
        return challenge_row(row) if row is not None else None

    async def end_challenge(self, challenge_id: int) -> None:
        await self._run(
            "UPDATE challenges SET status = 'ended' WHERE challenge_id = ?", challenge_id
        )

    async def set_participation(
        self, challenge_id: int, member_id: str, active: bool, at: datetime
    ) -> bool:
        if active:
            changed = await self._run(
                "INSERT INTO challenge_participants AS cp (challenge_id, member_id, joined_at,"
                " active) VALUES (?, ?, ?, 1) ON CONFLICT (challenge_id, member_id)"
                " DO UPDATE SET active = 1 WHERE cp.active = 0",
                challenge_id,
                member_id,
                ts(at),
            )
        else:
            changed = await self._run(
                "UPDATE challenge_participants SET active = 0"
                " WHERE challenge_id = ? AND member_id = ? AND active = 1",
                challenge_id,
                member_id,
            )
        return changed == 1

    async def challenge_progress(self, challenge_id: int) -> list[tuple[MemberRecord, int]]:
        rows = await self._rows(
            "SELECT m.*, (SELECT count(DISTINCT p.local_date) FROM checkins c"
            "   JOIN posts p ON p.post_id = c.post_id"
            "   WHERE p.kind = 'challenge' AND p.ref_id = cp.challenge_id"
            "   AND p.prompt_id LIKE 'challenge-day-%' AND c.member_id = cp.member_id) AS n"
            " FROM challenge_participants cp"
            " JOIN challenges ch ON ch.challenge_id = cp.challenge_id"
            " JOIN members m ON m.community_id = ch.community_id AND m.member_id = cp.member_id"
            " WHERE cp.challenge_id = ? AND cp.active = 1"
            " ORDER BY n DESC, m.display_name",
            challenge_id,
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    # ------------------------------------------------------------ reconnect (issue 16)

    async def reconnect_candidates(
        self,
        community_id: str,
        member_id: str,
        *,
        quiet_since: datetime,
        at_least: int,
        now: datetime,
        limit: int,
    ) -> list[ReconnectCandidate]:
        async def find(tx: Tx) -> list[ReconnectCandidate]:
            rows = await tx.rows(
                RECONNECT_CANDIDATES,
                *_candidate_params(community_id, member_id, quiet_since, at_least, now, limit),
            )
            found: list[ReconnectCandidate] = []
            for r in rows:
                last = await tx.row(LAST_BETWEEN, community_id, *(member_id, r["member_id"]) * 2)
                found.append(
                    ReconnectCandidate(
                        member=member_row(r),
                        count=int(r["n"]),
                        last_at=datetime.fromisoformat(r["last_at"]),
                        last_reason=str(last["reason"]) if last else "",
                        last_giver_id=str(last["giver_id"]) if last else "",
                    )
                )
            return found

        return await self.read(find)

    async def snooze(
        self, community_id: str, member_id: str, other_id: str, until: datetime
    ) -> None:
        await self._run(
            "INSERT INTO reconnect_snoozes (community_id, member_id, other_id, until_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (community_id, member_id, other_id)"
            " DO UPDATE SET until_at = excluded.until_at",
            community_id,
            member_id,
            other_id,
            ts(until),
        )

    async def memories(
        self, community_id: str, member_id: str, days: Sequence[date]
    ) -> list[Memory]:
        wanted = sorted({d.isoformat() for d in days})
        if not wanted:
            return []
        # Through kudos_pairs (receiver index), then kudos_pair_time: the member's
        # givers, then their kudos, with no index on receivers to slow the kudos write.
        rows = await self._rows(
            "SELECT k.kudos_id, k.reason, k.local_day, m.* FROM kudos_pairs p"
            " JOIN kudos k ON k.community_id = p.community_id AND k.giver_id = p.giver_id"
            "  AND k.receiver_id = p.receiver_id"
            " JOIN members m ON m.community_id = k.community_id AND m.member_id = k.giver_id"
            " WHERE p.community_id = ? AND p.receiver_id = ? AND p.count > 0"
            f" AND k.revoked_at IS NULL AND k.local_day IN ({marks(len(wanted))})"
            " AND m.opted_out = 0 AND m.is_bot = 0"
            " ORDER BY k.created_at, k.kudos_id",
            community_id,
            member_id,
            *wanted,
        )
        return [
            Memory(
                kudos_id=int(r["kudos_id"]),
                giver=member_row(r),
                reason=str(r["reason"]),
                local_day=date.fromisoformat(r["local_day"]),
            )
            for r in rows
        ]

    async def note_dm_refused(self, community_id: str, member_id: str, at: datetime) -> None:
        await self._run(
            "INSERT INTO dm_refusals (community_id, member_id, refused_at, told)"
            " VALUES (?, ?, ?, 0) ON CONFLICT (community_id, member_id)"
            " DO UPDATE SET refused_at = excluded.refused_at",
            community_id,
            member_id,
            ts(at),
        )

    async def take_dm_refusal(self, community_id: str, member_id: str) -> bool:
        waiting = await self._value(
            "SELECT 1 FROM dm_refusals WHERE community_id = ? AND member_id = ? AND told = 0",
            community_id,
            member_id,
        )
        if not waiting:  # the common case: one read by primary key, no write
            return False
        # One UPDATE: two processes never both tell it.
        return 1 == await self._run(
            "UPDATE dm_refusals SET told = 1 WHERE community_id = ? AND member_id = ? AND told = 0",
            community_id,
            member_id,
        )

    async def untold_dm_refusals(self, community_id: str) -> set[str]:
        rows = await self._rows(
            "SELECT member_id FROM dm_refusals WHERE community_id = ? AND told = 0",
            community_id,
        )
        return {str(r[0]) for r in rows}

    async def clear_dm_refusal(self, community_id: str, member_id: str) -> None:
        await self._run(
            "DELETE FROM dm_refusals WHERE community_id = ? AND member_id = ?",
            community_id,
            member_id,
        )

    async def set_departed(self, community_id: str, member_id: str, at: datetime | None) -> None:
        if at is None:
            await self._run(
                "DELETE FROM member_departures WHERE community_id = ? AND member_id = ?",
                community_id,
                member_id,
            )
            return
        await self._run(
            "INSERT INTO member_departures (community_id, member_id, departed_at)"
            " VALUES (?, ?, ?) ON CONFLICT (community_id, member_id) DO NOTHING",
            community_id,
            member_id,
            ts(at),
        )

    # ------------------------------------------------------------ goals (issue 16)

    async def open_goal(self, community_id: str, member_id: str) -> GoalRecord | None:
        row = await self._row(
            "SELECT * FROM goals WHERE community_id = ? AND member_id = ? AND status = 'open'",
            community_id,
            member_id,
        )
        return _goal_row(row) if row is not None else None

    async def get_goal(self, community_id: str, goal_id: int) -> GoalRecord | None:
        row = await self._row(
            "SELECT * FROM goals WHERE community_id = ? AND goal_id = ?", community_id, goal_id
        )
        return _goal_row(row) if row is not None else None

    async def set_goal(
        self, community_id: str, member_id: str, text: str, at: datetime
    ) -> GoalRecord | None:
        # The partial unique index (one open goal per member) decides between racers.
        row = await self.write(
            lambda tx: tx.row(
                "INSERT INTO goals (community_id, member_id, text, status, created_at)"
                " VALUES (?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING RETURNING *",
                community_id,
                member_id,
                text,
                ts(at),
            )
        )
        return _goal_row(row) if row is not None else None

    async def close_goal(
        self, community_id: str, member_id: str, status: str, by: str, at: datetime
    ) -> GoalRecord | None:
        async def close(tx: Tx) -> GoalRecord | None:
            row = await tx.row(
                "UPDATE goals SET status = ?, closed_at = ?, closed_by = ?"
                " WHERE community_id = ? AND member_id = ? AND status = 'open' RETURNING *",
                status,
                ts(at),
                by,
                community_id,
                member_id,
            )
            if row is None:
                return None
            goal = _goal_row(row)
            if status == "removed":
                await tx.run(
                    "INSERT INTO audit_log (community_id, actor_id, action, subject_id, ref_id,"
                    " created_at) VALUES (?, ?, 'goal.remove', ?, ?, ?)",
                    community_id,
                    by,
                    member_id,
                    goal.goal_id,
                    ts(at),
                )
            return goal

        return await self.write(close)

    async def record_help(self, draft: GoalHelpDraft) -> bool:
        changed = await self._run(
            "INSERT INTO goal_help (goal_id, community_id, helper_id, minutes, note,"
            " created_at, week_key, event_id)"
            " SELECT CAST(? AS BIGINT), ?, ?, CAST(? AS INTEGER), ?, ?, ?, ?"
            " WHERE EXISTS (SELECT 1 FROM goals WHERE goal_id = ? AND community_id = ?"
            " AND status = 'open') ON CONFLICT DO NOTHING",
            draft.goal_id,
            draft.community_id,
            draft.helper_id,
            draft.minutes,
            draft.note,
            ts(draft.created_at),
            draft.week_key,
            draft.event_id,
            draft.goal_id,
            draft.community_id,
        )
        return changed == 1

    async def goal_helpers(self, goal_id: int) -> list[GoalHelper]:
        rows = await self._rows(
            "SELECT h.helper_id, sum(h.minutes) AS n, min(h.help_id) AS first,"
            " coalesce(m.display_name, h.helper_id) AS display_name,"
            " coalesce(m.is_bot, 0) AS is_bot, coalesce(m.opted_out, 0) AS opted_out"
            " FROM goal_help h LEFT JOIN members m"
            " ON m.community_id = h.community_id AND m.member_id = h.helper_id"
            " WHERE h.goal_id = ?"
            " GROUP BY h.helper_id, m.display_name, m.is_bot, m.opted_out"
            " ORDER BY n DESC, first",
            goal_id,
        )
        return [
            GoalHelper(
                MemberRecord(
                    str(r["helper_id"]),
                    str(r["display_name"]),
                    bool(r["is_bot"]),
                    bool(r["opted_out"]),
                ),
                int(r["n"]),
            )
            for r in rows
        ]

    async def open_goals(self, community_id: str, since: datetime, limit: int) -> list[OpenGoal]:
        rows = await self._rows(
            "SELECT g.*, coalesce(m.display_name, g.member_id) AS display_name,"
            " coalesce(m.is_bot, 0) AS is_bot, coalesce(m.opted_out, 0) AS opted_out,"
            " coalesce(sum(CASE WHEN h.created_at >= ? THEN h.minutes END), 0) AS recent,"
            " coalesce(sum(h.minutes), 0) AS total, count(DISTINCT h.helper_id) AS helpers"
            " FROM goals g LEFT JOIN members m"
            " ON m.community_id = g.community_id AND m.member_id = g.member_id"
            " LEFT JOIN goal_help h ON h.goal_id = g.goal_id"
            " WHERE g.community_id = ? AND g.status = 'open'"
            " GROUP BY g.goal_id, m.display_name, m.is_bot, m.opted_out"
            " ORDER BY recent, g.created_at, g.goal_id LIMIT ?",
            ts(since),
            community_id,
            limit,
        )
        return [
            OpenGoal(
                _goal_row(r),
                MemberRecord(
                    str(r["member_id"]),
                    str(r["display_name"]),
                    bool(r["is_bot"]),
                    bool(r["opted_out"]),
                ),
                int(r["recent"]),
                int(r["total"]),
                int(r["helpers"]),
            )
            for r in rows
        ]

    async def count_open_goals(self, community_id: str) -> int:
        return int(
            await self._value(
                "SELECT count(*) FROM goals WHERE community_id = ? AND status = 'open'",
                community_id,
            )
        )

    async def minutes_given(
        self, community_id: str, member_id: str, week_key: str
    ) -> tuple[int, int]:
        row = await self._row(
            "SELECT coalesce(sum(CASE WHEN week_key = ? THEN minutes END), 0),"
            " coalesce(sum(minutes), 0) FROM goal_help WHERE community_id = ? AND helper_id = ?",
            week_key,
            community_id,
            member_id,
        )
        assert row is not None
        return int(row[0]), int(row[1])

    async def goal_minutes_between(
        self, community_id: str, since: datetime, until: datetime
    ) -> tuple[int, int]:
        row = await self._row(
            "SELECT coalesce(sum(minutes), 0), count(DISTINCT helper_id) FROM goal_help"
            " WHERE community_id = ? AND created_at >= ? AND created_at < ?",
            community_id,
            ts(since),
            ts(until),
        )
        assert row is not None
        return int(row[0]), int(row[1])

    # ------------------------------------------------------------ erasure

    async def forget_member(
        self, community_id: str, member_id: str, placeholder: str = FORGOTTEN_MENTION
    ) -> ForgetReport:
        async def forget(tx: Tx) -> ForgetReport:
            # A kudos the member is giving elsewhere lands before the erasure or after it.
            await self.lock(tx, community_id, member_id)
            return await erasure.forget(tx, community_id, member_id, placeholder)

        return await self.write(forget, erasing=True)

    # ------------------------------------------------------------ audit log (issue 14)

    async def add_audit(
        self,
        community_id: str,
        actor_id: str,
        action: str,
        at: datetime,
        *,
        subject_id: str = "",
        ref_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        await self._run(
            "INSERT INTO audit_log (community_id, actor_id, action, subject_id, ref_id,"
            " created_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            community_id,
            actor_id,
            action,
            subject_id,
            ref_id,
            ts(at),
            detail,
        )

    async def audit_entries(self, community_id: str, limit: int) -> list[AuditEntry]:
        rows = await self._rows(
            "SELECT created_at, actor_id, action, subject_id, ref_id, detail FROM ("
            " SELECT created_at, actor_id, action, subject_id, ref_id, detail, audit_id AS n"
            " FROM audit_log WHERE community_id = ?"
            " UNION ALL"
            " SELECT r.revoked_at, r.revoked_by, 'kudos.revoke', k.receiver_id, k.kudos_id,"
            " CAST(NULL AS TEXT), k.kudos_id AS n"
            " FROM kudos_revocations r JOIN kudos k ON k.kudos_id = r.kudos_id"
            " WHERE k.community_id = ? AND r.kind = 'revoke'"
            ") AS entries ORDER BY created_at DESC, n DESC LIMIT ?",
            community_id,
            community_id,
            limit,
        )
        return [
            AuditEntry(
                datetime.fromisoformat(r["created_at"]),
                str(r["actor_id"]),
                str(r["action"]),
                str(r["subject_id"]),
                None if r["ref_id"] is None else int(r["ref_id"]),
                None if r["detail"] is None else str(r["detail"]),
            )
            for r in rows
        ]

    async def communities_of_member(self, member_id: str) -> list[str]:
        rows = await self._rows(erasure.COMMUNITIES, *(member_id,) * erasure.COMMUNITIES_PARAMS)
        return [str(r[0]) for r in rows]


# One week of weekly_figures' VALUES list: its Monday, and its local midnights in UTC
# (text, as first_at is stored; the casts type the parameters on PostgreSQL).
WEEK_BOUNDS = "(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _login_token(row: Row | None) -> LoginToken | None:
    if row is None:
        return None
    return LoginToken(
        str(row["token_hash"]),
        str(row["community_id"]),
        str(row["member_id"]),
        bool(row["is_admin"]),
        datetime.fromisoformat(row["expires_at"]),
    )


def _schedule_values(draft: ScheduleDraft, ref_id: int, plan: Replan) -> tuple[Any, ...]:
    """A schedules row, columns community_id … next_due_at (SCHEDULE_COLUMNS)."""
    return (
        draft.community_id,
        draft.channel_id,
        draft.kind,
        ref_id,
        draft.at_time,
        draft.timezone,
        days_text(draft.days),
        draft.locale,
        _day(draft.first_date),
        _day(draft.last_date),
        _day(plan.local_date),
        opt_ts(plan.due_at),
    )


async def _revoke(tx: Tx, kudos_id: int, by: str, kind: str, at: datetime) -> None:
    await tx.run("UPDATE kudos SET revoked_at = ? WHERE kudos_id = ?", ts(at), kudos_id)
    # The dashboard's kept figures count it: they are computed again (revocations are rare).
    await tx.run(
        "DELETE FROM web_figures WHERE community_id = (SELECT community_id FROM kudos"
        " WHERE kudos_id = ?)",
        kudos_id,
    )
    await tx.run(
        "INSERT INTO kudos_revocations (kudos_id, revoked_by, kind, revoked_at)"
        " VALUES (?, ?, ?, ?)",
        kudos_id,
        by,
        kind,
        ts(at),
    )


async def _pools(tx: Tx, channels: set[tuple[str, str]]) -> dict[tuple[str, str], RotationPool]:
    """Rotation state of ``channels``: a few queries per community, not per channel."""
    pools: dict[tuple[str, str], RotationPool] = {}
    for community_id, channel_ids in channels_by_community(channels).items():
        themes = await tx.rows(
            "SELECT theme FROM excluded_themes WHERE community_id = ?", community_id
        )
        customs = await tx.rows(
            "SELECT custom_id FROM custom_prompts WHERE community_id = ?"
            " AND status = 'active' ORDER BY custom_id",
            community_id,
        )
        rotations: list[Row] = []
        for start in range(0, len(channel_ids), 500):
            chunk = channel_ids[start : start + 500]
            rotations += await tx.rows(
                "SELECT channel_id, cycle, used FROM rotations WHERE community_id = ?"
                f" AND channel_id IN ({marks(len(chunk))})",
                community_id,
                *chunk,
            )
        pools.update(
            rotation_pools(
                community_id,
                channel_ids,
                frozenset(r[0] for r in themes),
                tuple(int(r[0]) for r in customs),
                rotations,
            )
        )
    return pools


def _goal_row(row: Row) -> GoalRecord:
    return GoalRecord(
        goal_id=int(row["goal_id"]),
        community_id=str(row["community_id"]),
        member_id=str(row["member_id"]),
        text=str(row["text"]),
        status=str(row["status"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        closed_at=from_ts(row["closed_at"]),
        closed_by=row["closed_by"],
    )
