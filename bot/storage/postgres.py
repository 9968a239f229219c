"""PostgreSQL storage (asyncpg): a connection pool, one transaction per write.

Same schema, row formats and answers as the SQLite store (instants are UTC ISO text,
so the row helpers of ``sqlite.py`` read these rows too). What differs:

- Concurrency comes from several processes, not one writer task: a kudos action
  takes a transaction-scoped advisory lock on (community, giver) before its checks,
  so two processes never both spend the last unit of a giver's daily budget; a
  duplicate platform event is refused by the unique (community, event, receiver)
  index, and the action is then checked again (and answered DUPLICATE).
- Ids come from ``RETURNING`` (sequences are not consecutive across processes).
- Migrations run under a session advisory lock, so processes starting together
  migrate once.
- A lost connection (database restart, terminated backend) raises StorageError for
  the command that hit it; the pool's connections are then replaced on next use.
- A server that stops answering without closing the connections (frozen, or a
  network partition) must not hang a command: each statement has COMMAND_TIMEOUT
  seconds and getting a connection from the pool ACQUIRE_TIMEOUT, so the member hears
  "try again" within about 4 seconds. A connection whose statement timed out is
  dropped at once (waiting to cancel the statement or reset it would wait on the
  frozen server too); the pool opens new ones once the server answers again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.storage.kudos_rules import GroupState, decide
from bot.storage.migrations import migrations
from bot.storage.postgres_erasure import PostgresErasureMixin
from bot.storage.postgres_prompts import PostgresPromptMixin
from bot.storage.records import (
    EDITABLE_SETTINGS,
    Board,
    BoardRow,
    CommunityDefaults,
    CommunitySettings,
    KudosDraft,
    KudosOutcome,
    KudosRow,
    KudosStatus,
    MemberRecord,
    Role,
    SchemaTooNewError,
    StorageError,
    Tally,
)
from bot.storage.rows import community_row, kudos_row, member_row, ranked, ts
from bot.types import Member

log = logging.getLogger(__name__)

DEFAULT_POOL_SIZE = 10
CONNECT_TIMEOUT = 10.0
COMMAND_TIMEOUT = 2.0  # seconds one statement may take (Roots' statements take milliseconds)
ACQUIRE_TIMEOUT = 2.0  # seconds to get a pooled connection, opening one included
# Statements that may legitimately run long get their own timeout: migrations (an
# index on a big table; the lock that makes processes migrate one at a time) and an
# erasure (postgres_erasure.ERASURE_TIMEOUT).
MIGRATION_TIMEOUT = 3600.0
KUDOS_ATTEMPTS = 3  # a deadlock or a racing duplicate event: check the action again

# Errors that mean "the connection is gone": the pool's connections are replaced.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,  # admin shutdown, terminated backend
)


def redact(url: str) -> str:
    """The URL without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


class PostgresStore(PostgresPromptMixin, PostgresErasureMixin):
    backend = "postgres"

    def __init__(self, url: str, pool_size: int = DEFAULT_POOL_SIZE) -> None:
        if pool_size < 1:
            raise ValueError(f"the pool size must be at least 1, not {pool_size}")
        self.url = url
        self.pool_size = pool_size
        self._pool: asyncpg.Pool | None = None

    # ------------------------------------------------------------ lifecycle

    async def open(self) -> None:
        try:
            self._pool = await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=self.pool_size,
                timeout=CONNECT_TIMEOUT,
                command_timeout=COMMAND_TIMEOUT,
            )
            async with self._pool.acquire(timeout=CONNECT_TIMEOUT) as conn:
                await self._migrate(conn)
        except SchemaTooNewError:
            await self.close()
            raise
        except (asyncpg.PostgresError, *_CONNECTION_ERRORS) as exc:
            await self.close()
            raise StorageError(f"cannot open {redact(self.url)}: {exc}") from exc
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), timeout=CONNECT_TIMEOUT)
            except (TimeoutError, *_CONNECTION_ERRORS, asyncpg.PostgresError):
                pool.terminate()

    async def schema_version(self) -> int:
        return int(await self._fetchval("SELECT coalesce(max(version), 0) FROM schema_version"))

    async def remember_request(self, key: str, now: int, until: int) -> bool:
        # A new key, or an expired one noted again: a row comes back. A live one: none.
        noted = await self._fetchval(
            "INSERT INTO seen_requests (request_key, expires_at) VALUES ($1, $2)"
            " ON CONFLICT (request_key) DO UPDATE SET expires_at = EXCLUDED.expires_at"
            " WHERE seen_requests.expires_at <= $3 RETURNING 1",
            key,
            until,
            now,
        )
        return noted is not None

    async def forget_requests(self, now: int) -> int:
        status = await self._execute("DELETE FROM seen_requests WHERE expires_at <= $1", now)
        return int(status.rsplit(" ", 1)[-1])

    async def _migrate(self, conn: asyncpg.Connection) -> None:
        # One lock per schema: processes starting together migrate once, in turn.
        await conn.execute(
            "SELECT pg_advisory_lock(hashtext('roots-migrate:' || current_schema()))",
            timeout=MIGRATION_TIMEOUT,
        )
        try:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = int(
                await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_version")
            )
            known = migrations("postgres")
            latest = known[-1][0] if known else 0
            if current > latest:
                raise SchemaTooNewError(
                    f"The database {redact(self.url)} is at schema version {current}, but this"
                    f" Roots only knows version {latest}. Upgrade Roots, or point DATABASE_URL"
                    " at another database."
                )
            for version, name, sql in known:
                if version <= current:
                    continue
                log.info("Applying PostgreSQL migration %03d_%s", version, name)
                async with conn.transaction():
                    await conn.execute(sql, timeout=MIGRATION_TIMEOUT)
                    await conn.execute(
                        "INSERT INTO schema_version (version, name, applied_at)"
                        " VALUES ($1, $2, $3)",
                        version,
                        name,
                        ts(datetime.now(UTC)),
                    )
        finally:
            if not conn.is_closed():
                await conn.execute(
                    "SELECT pg_advisory_unlock(hashtext('roots-migrate:' || current_schema()))"
                )

    # ------------------------------------------------------------ plumbing

    @asynccontextmanager
    async def _conn(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection; database and connection errors become StorageError."""
        pool = self._pool
        if pool is None:
            raise StorageError("the PostgreSQL store is not open")
        try:
            async with pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
                try:
                    yield conn
                except TimeoutError:
                    # The server stopped answering: drop this connection now rather
                    # than wait (on the same server) to cancel and reset it.
                    conn.terminate()
                    raise
        except StorageError:
            raise
        except _CONNECTION_ERRORS as exc:
            # The server restarted or our backend was terminated: every pooled
            # connection is suspect. Replace them all on next use.
            try:
                await pool.expire_connections()
            except Exception:  # pragma: no cover - best effort
                pass
            raise StorageError(f"lost the connection to PostgreSQL: {exc}") from exc
        except asyncpg.PostgresError as exc:
            raise StorageError(str(exc)) from exc

    @asynccontextmanager
    async def _tx(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._conn() as conn, conn.transaction():
            yield conn

    async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return list(await conn.fetch(sql, *args))

    async def _fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(sql, *args)

    async def _fetchval(self, sql: str, *args: Any) -> Any:
        async with self._conn() as conn:
            return await conn.fetchval(sql, *args)

    async def _execute(self, sql: str, *args: Any) -> str:
        async with self._conn() as conn:
            return str(await conn.execute(sql, *args))

    # ------------------------------------------------------------ communities

    async def _community_row(self, community_id: str) -> CommunitySettings:
        row = await self._fetchrow(
            "SELECT * FROM communities WHERE community_id = $1", community_id
        )
        if row is None:
            raise StorageError(f"unknown community {community_id!r}")
        return community_row(row)

    async def get_community(
        self, community_id: str, defaults: CommunityDefaults
    ) -> CommunitySettings:
        row = await self._fetchrow(
            "SELECT * FROM communities WHERE community_id = $1", community_id
        )
        if row is not None:
            return community_row(row)
        await self._execute(
            "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (community_id) DO NOTHING",
            community_id,
            defaults.platform,
            defaults.timezone,
            defaults.locale,
            ts(datetime.now(UTC)),
        )
        return await self._community_row(community_id)

    async def update_community(self, community_id: str, **changes: object) -> CommunitySettings:
        unknown = set(changes) - set(EDITABLE_SETTINGS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if changes:
            # Column names come from the EDITABLE_SETTINGS whitelist, values are bound.
            names = list(changes)
            assignments = ", ".join(f"{name} = ${i}" for i, name in enumerate(names, start=2))
            values = [int(v) if isinstance(v, bool) else v for v in changes.values()]
            await self._execute(
                f"UPDATE communities SET {assignments} WHERE community_id = $1",
                community_id,
                *values,
            )
        return await self._community_row(community_id)

    async def start_season(self, community_id: str, at: datetime) -> CommunitySettings:
        await self._execute(
            "UPDATE communities SET season = season + 1, season_started_at = $2"
            " WHERE community_id = $1",
            community_id,
            ts(at),
        )
        return await self._community_row(community_id)

    # ------------------------------------------------------------ members

    async def upsert_members(self, community_id: str, members: Iterable[Member]) -> None:
        params = sorted({(community_id, m.id, m.name, int(m.is_bot)) for m in members})
        if not params:
            return
        async with self._tx() as conn:
            await conn.executemany(_UPSERT_MEMBER, params)

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None:
        row = await self._fetchrow(
            "SELECT * FROM members WHERE community_id = $1 AND member_id = $2",
            community_id,
            member_id,
        )
        return member_row(row) if row is not None else None

    async def find_member_by_name(self, community_id: str, name: str) -> MemberRecord | None:
        rows = await self._fetch(
            # lower() under "C" folds ASCII only, like SQLite's NOCASE.
            "SELECT * FROM members WHERE community_id = $1"
            ' AND lower(display_name) = lower($2 COLLATE "C")'
            " LIMIT 2",
            community_id,
            name,
        )
        return member_row(rows[0]) if len(rows) == 1 else None

    async def set_opted_out(self, community_id: str, member_id: str, opted_out: bool) -> None:
        await self._execute(
            "UPDATE members SET opted_out = $3 WHERE community_id = $1 AND member_id = $2",
            community_id,
            member_id,
            int(opted_out),
        )

    # ------------------------------------------------------------ kudos

    async def record_kudos(self, draft: KudosDraft) -> KudosOutcome:
        for attempt in range(1, KUDOS_ATTEMPTS + 1):
            try:
                async with self._tx() as conn:
                    return await _record(conn, draft)
            except StorageError as exc:
                retry = isinstance(
                    exc.__cause__,
                    asyncpg.UniqueViolationError | asyncpg.DeadlockDetectedError,
                )
                if not retry or attempt == KUDOS_ATTEMPTS:
                    raise
                log.info("Kudos action %s raced another one; checking it again", draft.action_id)
        raise AssertionError("unreachable")  # pragma: no cover

    async def check_kudos(self, draft: KudosDraft) -> KudosOutcome:
        async with self._conn() as conn:
            state = await _giver_state(conn, draft)
        used = state.day_counts[(draft.community_id, draft.giver.id, draft.local_day.isoformat())]
        return decide(draft, state) or KudosOutcome(KudosStatus.RECORDED, given_today=used)

    async def undo_last_action(
        self, community_id: str, giver_id: str, since: datetime, at: datetime
    ) -> list[KudosRow]:
        async with self._tx() as conn:
            await _lock_giver(conn, community_id, giver_id)
            action_id = await conn.fetchval(
                "SELECT action_id FROM kudos WHERE community_id = $1 AND giver_id = $2"
                " AND local_day >= $3 AND revoked_at IS NULL AND created_at >= $4"
                " ORDER BY created_at DESC, kudos_id DESC LIMIT 1",
                # local days lag or lead UTC by at most 14 hours: a day of margin
                community_id,
                giver_id,
                (since - timedelta(days=1)).date().isoformat(),
                ts(since),
            )
            if action_id is None:
                return []
            rows = await conn.fetch(
                "SELECT * FROM kudos WHERE community_id = $1 AND action_id = $2"
                " AND revoked_at IS NULL ORDER BY kudos_id",
                community_id,
                action_id,
            )
            found = [kudos_row(r) for r in rows]
            for k in found:
                await _revoke(conn, k.kudos_id, giver_id, "undo", at)
            return found

    async def revoke_kudos(
        self, community_id: str, kudos_id: int, by: str, at: datetime
    ) -> KudosRow | None:
        async with self._tx() as conn:
            row = await conn.fetchrow(
                "SELECT * FROM kudos WHERE community_id = $1 AND kudos_id = $2 FOR UPDATE",
                community_id,
                kudos_id,
            )
            if row is None:
                return None
            found = kudos_row(row)
            if found.revoked_at is None:
                await _revoke(conn, kudos_id, by, "revoke", at)
            return found

    async def get_kudos(self, community_id: str, kudos_id: int) -> KudosRow | None:
        row = await self._fetchrow(
            "SELECT * FROM kudos WHERE community_id = $1 AND kudos_id = $2", community_id, kudos_id
        )
        return kudos_row(row) if row is not None else None

    async def count_active_kudos(self, community_id: str) -> int:
        return int(
            await self._fetchval(
                "SELECT count(*) FROM kudos WHERE community_id = $1 AND revoked_at IS NULL",
                community_id,
            )
        )

    # ------------------------------------------------------------ leaderboards & roots

    async def top_members(
        self, community_id: str, period: str, role: Role, limit: int
    ) -> list[BoardRow]:
        column = role.value  # 'given' or 'received': an enum value, never user input
        rows = await self._fetch(
            f"SELECT m.*, t.{column} AS n FROM kudos_totals t"
            " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
            f" WHERE t.community_id = $1 AND t.period = $2 AND t.{column} > 0 AND m.opted_out = 0"
            f" ORDER BY t.{column} DESC, t.member_id LIMIT $3",
            community_id,
            period,
            limit,
        )
        return ranked((member_row(row), int(row["n"])) for row in rows)

    async def member_rank(
        self, community_id: str, period: str, role: Role, member_id: str
    ) -> BoardRow | None:
        row = await self._fetchrow(_rank_sql(role), community_id, period, member_id)
        return _standing(row)

    async def boards(
        self, community_id: str, period: str, roles: Sequence[Role], member_id: str, limit: int
    ) -> list[Board]:
        """Every top list and the caller's ranks in one statement: one round trip."""
        if not roles:
            return []
        rows = await self._fetch(_boards_sql(tuple(roles)), community_id, period, member_id, limit)
        found: list[Board] = []
        for i, role in enumerate(roles):
            top = sorted(
                ((member_row(r), int(r["n"])) for r in rows if r["k"] == i and not r["mine"]),
                key=lambda pair: (-pair[1], pair[0].id),
            )
            caller = next((r for r in rows if r["k"] == i and r["mine"]), None)
            found.append(Board(role, ranked(top), _standing(caller)))
        return found

    async def tallies(
        self, community_id: str, member_id: str, periods: Iterable[str]
    ) -> dict[str, Tally]:
        wanted = list(periods)
        rows = await self._fetch(
            "SELECT period, given, received FROM kudos_totals WHERE community_id = $1"
            " AND member_id = $2 AND period = ANY($3::text[])",
            community_id,
            member_id,
            wanted,
        )
        found = {r["period"]: Tally(int(r["given"]), int(r["received"])) for r in rows}
        return {p: found.get(p, Tally()) for p in wanted}

    async def giving_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        rows = await self._fetch(
            "SELECT DISTINCT local_day FROM kudos WHERE community_id = $1 AND giver_id = $2"
            " AND revoked_at IS NULL ORDER BY local_day DESC LIMIT $3",
            community_id,
            member_id,
            limit,
        )
        return [date.fromisoformat(r[0]) for r in rows]

    async def top_helpers(
        self, community_id: str, member_id: str, limit: int
    ) -> list[tuple[MemberRecord, int]]:
        rows = await self._fetch(
            "SELECT m.*, p.count AS n FROM kudos_pairs p"
            " JOIN members m ON m.community_id = p.community_id AND m.member_id = p.giver_id"
            " WHERE p.community_id = $1 AND p.receiver_id = $2 AND p.count > 0"
            " AND m.opted_out = 0"
            " ORDER BY p.count DESC, p.last_at DESC, m.display_name LIMIT $3",
            community_id,
            member_id,
            limit,
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    async def not_thanked_back(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[tuple[MemberRecord, int]]:
        rows = await self._fetch(
            "SELECT m.*, p.count AS n FROM kudos_pairs p"
            " JOIN members m ON m.community_id = p.community_id AND m.member_id = p.giver_id"
            " WHERE p.community_id = $1 AND p.receiver_id = $2 AND p.count > 0"
            " AND p.last_at >= $3"
            " AND m.opted_out = 0 AND p.giver_id <> p.receiver_id AND NOT EXISTS ("
            "   SELECT 1 FROM kudos_pairs back WHERE back.community_id = p.community_id"
            "   AND back.giver_id = p.receiver_id AND back.receiver_id = p.giver_id"
            "   AND back.count > 0)"
            " ORDER BY p.last_at DESC, m.display_name LIMIT 10",
            community_id,
            member_id,
            ts(since),
        )
        return [(member_row(r), int(r["n"])) for r in rows]


# ---------------------------------------------------------------- helpers

_UPSERT_MEMBER = (
    "INSERT INTO members AS m (community_id, member_id, display_name, is_bot)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (community_id, member_id) DO UPDATE SET"
    " display_name = excluded.display_name, is_bot = excluded.is_bot"
    " WHERE m.display_name <> excluded.display_name OR m.is_bot <> excluded.is_bot"
)

_STATE = (
    "SELECT (SELECT count(*) FROM kudos WHERE community_id = $1 AND giver_id = $2"
    "   AND local_day = $3 AND revoked_at IS NULL) AS used,"
    " EXISTS (SELECT 1 FROM kudos WHERE community_id = $1 AND source_event_id = $4) AS seen"
)

_RECEIVERS = (
    "SELECT r.id,"
    " (SELECT opted_out FROM members m WHERE m.community_id = $1 AND m.member_id = r.id)"
    "   AS opted_out,"
    " (SELECT max(created_at) FROM kudos k WHERE k.community_id = $1 AND k.giver_id = $2"
    "   AND k.receiver_id = r.id AND k.revoked_at IS NULL) AS last_at"
    " FROM unnest($3::text[]) AS r(id)"
)

_INSERT_KUDOS = (
    "INSERT INTO kudos (community_id, action_id, giver_id, receiver_id, reason, channel_id,"
    " source, source_event_id, created_at, local_day, season, week_key, month_key)"
    " SELECT $1, $2, $3, u.r, $5, $6, $7, $8, $9, $10, $11, $12, $13"
    " FROM unnest($4::text[]) WITH ORDINALITY AS u(r, n) ORDER BY u.n"
    " RETURNING kudos_id"
)


async def _lock_giver(conn: asyncpg.Connection, community_id: str, giver_id: str) -> None:
    """Serialise one giver's kudos writes across processes until the transaction ends."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", community_id, giver_id
    )


async def _giver_state(conn: asyncpg.Connection, d: KudosDraft) -> GroupState:
    """The giver's count today, the event seen or not, and each receiver's opt-out and
    last kudos from this giver: everything ``decide`` needs for ``d``."""
    day = d.local_day.isoformat()
    head = await conn.fetchrow(_STATE, d.community_id, d.giver.id, day, d.source_event_id)
    assert head is not None
    state = GroupState()
    state.day_counts[(d.community_id, d.giver.id, day)] = int(head["used"])
    if head["seen"] and d.source_event_id is not None:
        state.seen_events.add((d.community_id, d.source_event_id))
    receiver_ids = [r.id for r in d.receivers]
    for row in await conn.fetch(_RECEIVERS, d.community_id, d.giver.id, receiver_ids):
        state.opted_out[(d.community_id, row["id"])] = bool(row["opted_out"])
        state.last_pair[(d.community_id, d.giver.id, row["id"])] = row["last_at"]
    return state


async def _record(conn: asyncpg.Connection, d: KudosDraft) -> KudosOutcome:
    """Check and record one kudos action (the caller holds a transaction)."""
    await _lock_giver(conn, d.community_id, d.giver.id)
    members = sorted(
        {(d.community_id, m.id, m.name, int(m.is_bot)) for m in (d.giver, *d.receivers)}
    )
    await conn.executemany(_UPSERT_MEMBER, members)
    day = d.local_day.isoformat()
    receiver_ids = [r.id for r in d.receivers]
    day_key = (d.community_id, d.giver.id, day)
    state = await _giver_state(conn, d)
    refused = decide(d, state)
    if refused is not None:
        return refused
    ids = await conn.fetch(
        _INSERT_KUDOS,
        d.community_id,
        d.action_id,
        d.giver.id,
        receiver_ids,
        d.reason,
        d.channel_id,
        d.source,
        d.source_event_id,
        ts(d.created_at),
        day,
        d.season,
        d.week_key,
        d.month_key,
    )
    return KudosOutcome(
        KudosStatus.RECORDED,
        kudos_ids=tuple(sorted(int(r[0]) for r in ids)),
        given_today=state.day_counts[day_key] + len(receiver_ids),
    )


async def _revoke(
    conn: asyncpg.Connection, kudos_id: int, by: str, kind: str, at: datetime
) -> None:
    await conn.execute("UPDATE kudos SET revoked_at = $2 WHERE kudos_id = $1", kudos_id, ts(at))
    await conn.execute(
        "INSERT INTO kudos_revocations (kudos_id, revoked_by, kind, revoked_at)"
        " VALUES ($1, $2, $3, $4)",
        kudos_id,
        by,
        kind,
        ts(at),
    )


def _rank_sql(role: Role, key: str = "") -> str:
    """The caller's row ($3) and how many opted-in members are above it.

    Members above = rows above on the ranking index alone, minus the (few) opted-out
    members above: the cost follows the caller's rank, not the ledger.
    """
    column = role.value  # 'given' or 'received': an enum value, never user input
    return (
        f"SELECT {key}m.*, t.{column} AS n,"
        f" (SELECT count(*) FROM kudos_totals x WHERE x.community_id = t.community_id"
        f"   AND x.period = t.period AND x.{column} > t.{column})"
        f" - (SELECT count(*) FROM members o JOIN kudos_totals y"
        f"   ON y.community_id = o.community_id AND y.member_id = o.member_id"
        f"   WHERE o.community_id = t.community_id AND o.opted_out = 1"
        f"   AND y.period = t.period AND y.{column} > t.{column}) AS above"
        " FROM kudos_totals t"
        " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
        " WHERE t.community_id = $1 AND t.period = $2 AND t.member_id = $3"
    )


@lru_cache(maxsize=8)
def _boards_sql(roles: tuple[Role, ...]) -> str:
    """For each role k: its top $4 rows, and the caller's row (mine) with its rank."""
    parts: list[str] = []
    for k, role in enumerate(roles):
        column = role.value
        parts.append(
            f"(SELECT {k} AS k, false AS mine, m.*, t.{column} AS n, 0::bigint AS above"
            " FROM kudos_totals t"
            " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
            f" WHERE t.community_id = $1 AND t.period = $2 AND t.{column} > 0"
            f" AND m.opted_out = 0 ORDER BY t.{column} DESC, t.member_id LIMIT $4)"
        )
        parts.append(f"({_rank_sql(role, key=f'{k}, true, ')})")
    return " UNION ALL ".join(parts)


def _standing(row: asyncpg.Record | None) -> BoardRow | None:
    if row is None or int(row["n"]) == 0 or row["opted_out"]:
        return None
    return BoardRow(member_row(row), int(row["n"]), int(row["above"]) + 1)
