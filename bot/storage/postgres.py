"""PostgreSQL storage (asyncpg): a connection pool, one transaction per write.

The seam of ``sql.SqlStore`` on PostgreSQL: same schema, statements, row formats and
answers as on SQLite (instants are UTC ISO text). What differs:

- Kudos: the concurrent actions of this process go to the server as one group, one
  statement (``pg_kudos.KudosWriter``, ``roots_record_kudos`` of migration 015). Other
  processes write too: the group takes a transaction-scoped advisory lock on each
  (community, giver) before its checks, so two processes never both spend the last unit
  of a giver's daily budget; a duplicate platform event is refused by the unique
  (community, event, receiver) index, and the group is then checked again (the action
  answered DUPLICATE).
- Ids come from ``RETURNING`` (sequences are not consecutive across processes).
- Other writes that must not interleave across processes (an erasure, a member's
  suggestions, a channel's rotation, a community's challenge) take an advisory lock
  (``lock``); a revoke locks the row it reads.
- Planning computes each distinct (zone, time, days) in Python, then one UPDATE; the
  boards are one statement (one round trip); shard scope is computed on numeric.
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
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.config import redact_url
from bot.storage import DEFAULT_POOL_SIZE
from bot.storage.kudos_rules import GroupState, check
from bot.storage.pg_kudos import KudosWriter
from bot.storage.records import (
    Board,
    KudosDraft,
    KudosOutcome,
    Planner,
    Role,
    SchemaTooNewError,
    ShardScope,
    StorageError,
)
from bot.storage.rows import UNPLANNED, member_row, ranked, ts
from bot.storage.sql import (
    BUDGET_USED,
    RECORD_MIGRATION,
    SCHEMA_VERSION,
    SCHEMA_VERSION_TABLE,
    Op,
    Row,
    SqlStore,
    Tx,
    numbered,
    pending_migrations,
    rank_sql,
    standing,
    top_sql,
)

T = TypeVar("T")
log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
COMMAND_TIMEOUT = 2.0  # seconds one statement may take (Roots' statements take milliseconds)
ACQUIRE_TIMEOUT = 2.0  # seconds to get a pooled connection, opening one included
# Statements that may legitimately run long get their own timeout: migrations (an
# index on a big table; the lock that makes processes migrate one at a time) and an
# erasure (it may rewrite many rows; still bounded).
MIGRATION_TIMEOUT = 3600.0
ERASURE_TIMEOUT = 30.0
FIGURES_TIMEOUT = 30.0  # the dashboard's daily health figures: one count over months of pairs
LOCK = "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))"  # until the transaction ends

# Errors that mean "the connection is gone": the pool's connections are replaced.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,  # admin shutdown, terminated backend
)
# Any error from the server or the connection to it.
_DATABASE_ERRORS: tuple[type[BaseException], ...] = (asyncpg.PostgresError, *_CONNECTION_ERRORS)

# A connection of its own (a test helper's, doctor's) or one lent by the pool: a proxy
# with the same methods.
Conn = asyncpg.Connection | PoolConnectionProxy


def _count(status: str) -> int:
    """Rows changed, from a command status ("UPDATE 3", "INSERT 0 1")."""
    try:
        return int(status.rsplit(" ", 1)[-1])
    except ValueError:
        return 0


class PgTx:
    """The seam's connection on PostgreSQL (see ``sql.Tx``): ``?`` becomes ``$n``."""

    __slots__ = ("conn", "timeout")

    def __init__(self, conn: Conn, timeout: float | None = None) -> None:
        self.conn = conn
        self.timeout = timeout  # None: the pool's COMMAND_TIMEOUT

    async def rows(self, sql: str, *params: Any) -> list[Row]:
        return list(await self.conn.fetch(numbered(sql), *params, timeout=self.timeout))

    async def row(self, sql: str, *params: Any) -> Row | None:
        return await self.conn.fetchrow(numbered(sql), *params, timeout=self.timeout)

    async def value(self, sql: str, *params: Any) -> Any:
        return await self.conn.fetchval(numbered(sql), *params, timeout=self.timeout)

    async def run(self, sql: str, *params: Any) -> int:
        return _count(await self.conn.execute(numbered(sql), *params, timeout=self.timeout))

    async def many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        await self.conn.executemany(numbered(sql), params, timeout=self.timeout)


class PostgresStore(SqlStore):
    backend = "postgres"
    # lower() under "C" folds ASCII only, like SQLite's NOCASE.
    NOCASE_EQ = 'lower(display_name) = lower(? COLLATE "C")'
    # Several processes write: a revoke locks the row it reads.
    FOR_UPDATE = " FOR UPDATE"
    # Times are ISO texts: compared as timestamptz (any offset, microseconds)
    WITHIN_30_DAYS = "b.first_at::timestamptz - p.first_at::timestamptz <= interval '30 days'"

    def __init__(self, url: str, pool_size: int = DEFAULT_POOL_SIZE) -> None:
        if pool_size < 1:
            raise ValueError(f"the pool size must be at least 1, not {pool_size}")
        self.url = url
        self.pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._kudos: KudosWriter | None = None

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
            self._kudos = KudosWriter(self._kudos_connection)
        except SchemaTooNewError:
            await self.close()
            raise
        except _DATABASE_ERRORS as exc:
            await self.close()
            raise StorageError(f"cannot open {redact_url(self.url)}: {exc}") from exc
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        kudos, self._kudos = self._kudos, None
        if kudos is not None:
            await kudos.close()
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), timeout=CONNECT_TIMEOUT)
            except _DATABASE_ERRORS:
                pool.terminate()

    async def _migrate(self, conn: Conn) -> None:
        # Differs: one lock per schema, so processes starting together migrate once.
        await conn.execute(
            "SELECT pg_advisory_lock(hashtext('roots-migrate:' || current_schema()))",
            timeout=MIGRATION_TIMEOUT,
        )
        try:
            tx = PgTx(conn)
            await tx.run(SCHEMA_VERSION_TABLE)
            current = int(await tx.value(SCHEMA_VERSION))
            where = redact_url(self.url)
            for version, name, sql in pending_migrations("postgres", current, where, "database"):
                log.info("Applying PostgreSQL migration %03d_%s", version, name)
                async with conn.transaction():
                    await conn.execute(sql, timeout=MIGRATION_TIMEOUT)
                    await tx.run(RECORD_MIGRATION, version, name, ts(datetime.now(UTC)))
        finally:
            if not conn.is_closed():
                await conn.execute(
                    "SELECT pg_advisory_unlock(hashtext('roots-migrate:' || current_schema()))"
                )

    # ------------------------------------------------------------ plumbing

    @asynccontextmanager
    async def _conn(self) -> AsyncIterator[Conn]:
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
    async def _tx(self) -> AsyncIterator[Conn]:
        async with self._conn() as conn, conn.transaction():
            yield conn

    async def read(self, op: Op[T], *, long: bool = False) -> T:
        async with self._conn() as conn:
            return await op(PgTx(conn, FIGURES_TIMEOUT if long else None))

    async def write(self, op: Op[T], *, erasing: bool = False) -> T:
        async with self._tx() as conn:
            return await op(PgTx(conn, ERASURE_TIMEOUT if erasing else None))

    async def lock(self, tx: Tx, scope: str, key: str) -> None:
        # Several processes write at once: a transaction-scoped advisory lock.
        await tx.run(LOCK, scope, key)

    def outside(self, scope: ShardScope | None) -> tuple[str, tuple[Any, ...]]:
        """The shard is computed on numeric (a snowflake may not fit a signed bigint
        shift), and only for ids that are all digits: CASE keeps the cast from seeing
        any other id."""
        if scope is None:
            return "", ()
        return (
            " AND community_id NOT IN (SELECT community_id FROM communities"
            " WHERE platform = ? AND CASE WHEN community_id ~ '^[0-9]{1,20}$'"
            " THEN NOT (mod(div(community_id::numeric, 4194304), ?) = ANY(?::int[]))"
            " ELSE false END)",
            (scope.platform, scope.count, sorted(scope.ids)),
        )

    async def plan_unplanned(self, planner: Planner) -> int:
        """``planner`` once per distinct (zone, time, days), then one UPDATE joining the
        answers (PostgreSQL can't call back into Python)."""

        async def plan(tx: Tx) -> int:
            combos = await tx.rows(
                f"SELECT DISTINCT timezone, at_time, days FROM schedules WHERE {UNPLANNED}"
            )
            if not combos:
                return 0
            columns: list[list[str | None]] = [[], [], [], [], []]
            for row in combos:
                local_date, due_at = planner(row["timezone"], row["at_time"], row["days"])
                both = local_date is not None and due_at is not None
                found = (local_date if both else None, due_at if both else None)
                for column, value in zip(columns, (*row, *found), strict=True):
                    column.append(value)
            return await tx.run(
                "UPDATE schedules s SET next_local_date = v.d, next_due_at = v.t"
                " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                " AS v(tz, at, days, d, t)"
                " WHERE s.timezone = v.tz AND s.at_time = v.at AND s.days = v.days"
                " AND s.enabled = 1 AND s.paused_reason IS NULL AND s.next_due_at IS NULL"
                " AND s.first_date IS NULL AND s.last_date IS NULL",
                *columns,
            )

        return await self.write(plan)

    # ------------------------------------------------------------ kudos

    async def _kudos_connection(self) -> asyncpg.Connection:
        """The kudos writer's own connection (outside the pool: see ``pg_kudos``)."""
        return await asyncpg.connect(
            self.url, timeout=ACQUIRE_TIMEOUT, command_timeout=COMMAND_TIMEOUT
        )

    async def record_kudos(self, draft: KudosDraft) -> KudosOutcome:
        # Differs: concurrent actions go as one group, one statement (pg_kudos).
        kudos = self._kudos
        if kudos is None:
            raise StorageError("the PostgreSQL store is not open")
        return await kudos.record(draft)

    async def check_kudos(self, draft: KudosDraft) -> KudosOutcome:
        async with self._conn() as conn:
            return check(draft, await _giver_state(conn, draft))

    async def boards(
        self, community_id: str, period: str, roles: Sequence[Role], member_id: str, limit: int
    ) -> list[Board]:
        """Every top list and the caller's ranks in one statement: one round trip over
        the network (SQLite, in process, reads the ranks only when needed)."""
        if not roles:
            return []
        params = (community_id, period, limit, community_id, period, member_id) * len(roles)
        rows = await self._rows(_boards_sql(tuple(roles)), *params)
        found: list[Board] = []
        for i, role in enumerate(roles):
            top = sorted(
                ((member_row(r), int(r["n"])) for r in rows if r["k"] == i and not r["mine"]),
                key=lambda pair: (-pair[1], pair[0].id),
            )
            caller = next((r for r in rows if r["k"] == i and r["mine"]), None)
            found.append(Board(role, ranked(top), standing(caller)))
        return found


# ---------------------------------------------------------------- helpers

# One statement (a pre-check is one round trip plus the pool's reset): the giver's head
# row, joined to one row per receiver (none when there is no receiver).
_STATE = (
    f"SELECT h.used, h.seen, r.id, r.opted_out, r.last_at FROM (SELECT"
    f" (SELECT {BUDGET_USED} FROM kudos WHERE community_id = $1 AND giver_id = $2"
    "   AND local_day = $3 AND revoked_at IS NULL) AS used,"
    " EXISTS (SELECT 1 FROM kudos WHERE community_id = $1 AND source_event_id = $4) AS seen"
    ") AS h LEFT JOIN LATERAL (SELECT u.id,"
    " (SELECT opted_out FROM members m WHERE m.community_id = $1 AND m.member_id = u.id)"
    "   AS opted_out,"
    " (SELECT max(created_at) FROM kudos k WHERE k.community_id = $1 AND k.giver_id = $2"
    "   AND k.receiver_id = u.id AND k.revoked_at IS NULL) AS last_at"
    " FROM unnest($5::text[]) AS u(id)) AS r ON true"
)


async def _giver_state(conn: Conn, d: KudosDraft) -> GroupState:
    """The giver's count today, the event seen or not, and each receiver's opt-out and
    last kudos from this giver: everything ``check`` needs for ``d``."""
    day = d.local_day.isoformat()
    receiver_ids = [r.id for r in d.receivers]
    rows = await conn.fetch(
        _STATE, d.community_id, d.giver.id, day, d.source_event_id, receiver_ids
    )
    state = GroupState()
    state.day_counts[(d.community_id, d.giver.id, day)] = int(rows[0]["used"])
    if rows[0]["seen"] and d.source_event_id is not None:
        state.seen_events.add((d.community_id, d.source_event_id))
    for row in rows:
        if row["id"] is not None:
            state.opted_out[(d.community_id, row["id"])] = bool(row["opted_out"])
            state.last_pair[(d.community_id, d.giver.id, row["id"])] = row["last_at"]
    return state


@lru_cache(maxsize=8)
def _boards_sql(roles: tuple[Role, ...]) -> str:
    """For each role k: its top rows, and the caller's row (mine) with its rank."""
    parts: list[str] = []
    for k, role in enumerate(roles):
        top = top_sql(role, f"{k} AS k, false AS mine, ", ", CAST(0 AS BIGINT) AS above")
        parts.append(f"({top})")
        parts.append(f"({rank_sql(role, 'JOIN', f'{k}, true, ')})")
    return " UNION ALL ".join(parts)
