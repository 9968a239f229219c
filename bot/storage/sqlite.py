"""SQLite storage (aiosqlite): one file, WAL, one writer task that groups writes.

The seam of ``sql.SqlStore`` on SQLite, and what only SQLite does: the grouped kudos
write path (JSON statements whose text never varies with the group's size), planning
by calling back into Python, the shard scope, migrations.

Writes go through a queue to a single writer task. It drains whatever is
waiting, runs it in one ``BEGIN IMMEDIATE`` transaction and answers each caller
only after COMMIT, so concurrent coroutines never interleave transactions and
fifty concurrent kudos cost one commit, not fifty. If a grouped transaction
fails, each write is retried alone so one bad write cannot sink the others.
Reads use a second connection and see committed data only.

Every connection turns ``secure_delete`` on, whatever the SQLite build's default:
deleted rows, the old versions of updated cells and freed pages are overwritten with
zeros instead of lingering in the file. A write that erases personal data also asks
for a TRUNCATE checkpoint once committed, so the write-ahead log, which still holds
the page images from before the erasure, is copied back and emptied at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import queue
import sqlite3
import stat
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import aiosqlite

from bot.storage.kudos_rules import GroupState, check, decide
from bot.storage.records import (
    KudosDraft,
    KudosOutcome,
    KudosStatus,
    Planner,
    ShardScope,
    StorageError,
)
from bot.storage.rows import UNPLANNED, ts
from bot.storage.sql import (
    BUDGET_USED,
    RECORD_MIGRATION,
    SCHEMA_VERSION,
    SCHEMA_VERSION_TABLE,
    Op,
    Row,
    SqlStore,
    Tx,
    marks,
    pending_migrations,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_BATCH = 256
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    # Erased data must not survive in free space (see the module docstring).
    "PRAGMA secure_delete=ON",
)
CHECKPOINT_ATTEMPTS = 5
BUSY_TIMEOUT_MS = 10_000


def sqlite_path(url: str) -> str:
    """'sqlite:///roots.db' -> 'roots.db'; 'sqlite:////abs/x.db' -> '/abs/x.db'."""
    if not url.startswith("sqlite:///"):
        raise ValueError(f"not a sqlite URL (sqlite:///path/to/file.db): {url}")
    return url.removeprefix("sqlite:///") or "roots.db"


def create_private(path: str) -> None:
    """Create the database file readable by its owner only (0600) before SQLite opens it;
    SQLite gives its -wal and -shm files the database's mode. An existing file keeps the
    mode its operator chose (a backup group may rely on it), with a warning when every
    user of the host may read it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o007:
            log.warning(
                "%s is readable by every user of this host (mode %o); run chmod 600 %s",
                path,
                mode,
                path,
            )
        return
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
    finally:
        os.close(fd)


async def apply_pragmas(db: aiosqlite.Connection) -> None:
    await db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    for pragma in PRAGMAS:
        await db.execute(pragma)


def _connect(path: str) -> sqlite3.Connection:
    """A connection of the store (autocommit: the writer says BEGIN itself), pragmas set."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        for pragma in PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # the caller was cancelled meanwhile
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class _Worker:
    """One sqlite3 connection and the one thread it is used from.

    :meth:`call` runs a plain function there and awaits its result: a whole read or
    a whole write transaction crosses between the event loop and the thread once,
    however many statements it runs (aiosqlite crosses once per statement, and once
    more to close a cursor; each crossing wakes a thread and the event loop).
    """

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[asyncio.Future[Any], Callable[[], Any]] | None] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection: only for functions running in this worker's thread."""
        if self._conn is None:
            raise StorageError("the SQLite store is not open")
        return self._conn

    async def open(self, path: str) -> None:
        self._thread.start()
        self._conn = await self.call(lambda: _connect(path))

    async def call(self, fn: Callable[[], T]) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._jobs.put((future, fn))
        return await future

    async def close(self) -> None:
        if not self._thread.is_alive():
            return
        conn, self._conn = self._conn, None
        if conn is not None:
            await self.call(conn.close)
        self._jobs.put(None)
        await asyncio.to_thread(self._thread.join)

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn = job
            try:
                result, error = fn(), None
            except BaseException as exc:  # handed to the waiting coroutine
                result, error = None, exc
            try:
                future.get_loop().call_soon_threadsafe(_settle, future, result, error)
            except RuntimeError:  # the event loop is closed: nobody waits any more
                pass


class ThreadTx:
    """The seam's connection inside a worker's thread (see ``sql.Tx``).

    Its methods are coroutines that never suspend, so an operation written against
    ``Tx`` runs to its end in the thread (:func:`run_op`) without the event loop.
    """

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    async def rows(self, sql: str, *params: Any) -> list[Row]:
        return self.conn.execute(sql, params).fetchall()

    async def row(self, sql: str, *params: Any) -> Row | None:
        return next(iter(self.conn.execute(sql, params).fetchall()), None)

    async def value(self, sql: str, *params: Any) -> Any:
        found = await self.row(sql, *params)
        return None if found is None else found[0]

    async def run(self, sql: str, *params: Any) -> int:
        return int(self.conn.execute(sql, params).rowcount)

    async def many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, params)

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """The raw connection's, for a caller's own statement."""
        return self.conn.execute(sql, params)


def run_op(op: Op[T], tx: ThreadTx) -> T:
    """Run ``op(tx)`` to its end, here and now (in a worker's thread).

    An operation may only await its ``Tx`` (whose methods never suspend here); one
    that waits on anything else is a bug, refused loudly rather than run half.
    """
    steps = op(tx).__await__()
    try:
        waited = steps.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    close = getattr(steps, "close", None)
    if close is not None:
        close()
    raise RuntimeError(f"a SQLite operation awaited {waited!r}: an op may only await its Tx")


class SqliteTx:
    """The seam's connection on SQLite (see ``sql.Tx``)."""

    __slots__ = ("db",)

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    @property
    def execute(self) -> Any:  # the raw connection's, for a caller's own statement
        return self.db.execute

    async def rows(self, sql: str, *params: Any) -> list[Row]:
        return list(await self.db.execute_fetchall(sql, params))

    async def row(self, sql: str, *params: Any) -> Row | None:
        found = await self.db.execute_fetchall(sql, params)
        return next(iter(found), None)

    async def value(self, sql: str, *params: Any) -> Any:
        found = await self.row(sql, *params)
        return None if found is None else found[0]

    async def run(self, sql: str, *params: Any) -> int:
        cursor = await self.db.execute(sql, params)
        changed = cursor.rowcount
        await cursor.close()
        return int(changed)

    async def many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        await self.db.executemany(sql, params)


@dataclass
class _Job(Generic[T]):
    future: asyncio.Future[T]
    op: Op[T] | None = None
    draft: KudosDraft | None = None
    checkpoint: bool = False


class SqliteStore(SqlStore):
    backend = "sqlite"
    # CROSS JOIN pins SQLite's join order: the few opted-out members first.
    PIN_JOIN = "CROSS JOIN"
    # lock() is a no-op and FOR UPDATE absent: one writer task, BEGIN IMMEDIATE
    # across processes, so every write transaction already runs alone.

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._writer: _Worker | None = None
        self._reader_worker: _Worker | None = None
        self._queue: asyncio.Queue[_Job[Any] | None] = asyncio.Queue()
        self._writer_task: asyncio.Task[None] | None = None
        self._closing = False

    # ------------------------------------------------------------ lifecycle

    async def open(self) -> None:
        self._closing = False
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            create_private(self.path)
        try:
            self._writer = _Worker("roots-sqlite-writer")
            await self._writer.open(self.path)
            writer = self._writer
            await writer.call(lambda: self._migrate(writer.conn))
            self._reader_worker = _Worker("roots-sqlite-reader")
            await self._reader_worker.open(self.path)
        except sqlite3.Error as exc:
            await self.close()  # a half-open store must not keep its threads alive
            raise StorageError(f"cannot open {self.path}: {exc}") from exc
        except BaseException:
            await self.close()
            raise
        self._writer_task = asyncio.create_task(self._write_loop(), name="roots-sqlite-writer")

    async def close(self) -> None:
        self._closing = True
        if self._writer_task is not None:
            await self._queue.put(None)
            await self._writer_task
            self._writer_task = None
        while not self._queue.empty():  # writes that raced with close get an answer
            job = self._queue.get_nowait()
            if job is not None and not job.future.done():
                job.future.set_exception(StorageError("the SQLite store is closing"))
        for worker in (self._reader_worker, self._writer):
            if worker is not None:
                await worker.close()
        self._reader_worker = self._writer = None

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Apply pending migrations (in the writer's thread)."""
        # Differs: each migration under BEGIN IMMEDIATE, the file's own write lock.
        conn.execute(SCHEMA_VERSION_TABLE)
        current = int(conn.execute(SCHEMA_VERSION).fetchone()[0])
        for version, name, sql in pending_migrations("sqlite", current, self.path, "file"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process on this file may have applied it while we
                # waited for the write lock; read the version again under the lock.
                row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
                if version <= (int(row[0] or 0) if row else 0):
                    conn.execute("COMMIT")
                    continue
                log.info("Applying SQLite migration %03d_%s", version, name)
                for statement in _split_sql(sql):
                    conn.execute(statement)
                conn.execute(RECORD_MIGRATION, (version, name, ts(datetime.now(UTC))))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------ plumbing

    def _worker(self, worker: _Worker | None) -> _Worker:
        if worker is None:
            raise StorageError("the SQLite store is not open")
        return worker

    async def _in_thread(self, worker: _Worker | None, fn: Callable[[], T]) -> T:
        try:
            return await self._worker(worker).call(fn)
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc

    async def read(self, op: Op[T], *, long: bool = False) -> T:
        """Run ``op`` on the reading connection, every statement of it in one go
        (``long``, a statement timeout's matter on PostgreSQL, changes nothing here)."""
        reader = self._worker(self._reader_worker)
        return await self._in_thread(reader, lambda: run_op(op, ThreadTx(reader.conn)))

    async def _submit(self, job: _Job[T]) -> T:
        if self._closing or self._writer_task is None or self._writer_task.done():
            raise StorageError("the SQLite store is not open")
        await self._queue.put(job)
        return await job.future

    async def write(self, op: Op[T], *, erasing: bool = False) -> T:
        """Run ``op(tx)`` inside a write transaction (possibly shared with others).

        ``erasing``: once committed, the write-ahead log is checkpointed and truncated
        before the caller gets its answer.
        """
        job = _Job(asyncio.get_running_loop().create_future(), op=op, checkpoint=erasing)
        return await self._submit(job)

    async def _write_loop(self) -> None:
        stop = False
        while not stop:
            first = await self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                nxt = self._queue.get_nowait()
                if nxt is None:
                    stop = True
                    break
                batch.append(nxt)
            await self._run_batch(batch)

    async def _run_batch(self, batch: list[_Job[Any]]) -> None:
        writer = self._worker(self._writer)
        try:
            # The whole transaction runs in the writer's thread: one crossing per group.
            results = await writer.call(lambda: self._transaction(writer.conn, batch))
        except Exception as exc:  # one bad write must not sink the others
            if len(batch) > 1:
                log.warning(
                    "Grouped write failed (%s); retrying %d writes one by one", exc, len(batch)
                )
                for job in batch:
                    await self._run_batch([job])
                return
            if not batch[0].future.done():
                batch[0].future.set_exception(
                    StorageError(str(exc)) if isinstance(exc, sqlite3.Error) else exc
                )
            return
        if any(job.checkpoint for job in batch):
            await self._truncate_wal(writer)
        for job, result in zip(batch, results, strict=True):
            if not job.future.done():
                job.future.set_result(result)

    async def _truncate_wal(self, writer: _Worker) -> None:
        """Copy the write-ahead log into the main file and empty it.

        The log still holds the page images written before an erasure (a passive
        checkpoint copies them but leaves the log as it is). TRUNCATE waits (busy
        timeout) for readers of older snapshots, another process's included; if one
        still holds on, the next attempts follow, then a warning.
        """
        for attempt in range(CHECKPOINT_ATTEMPTS):
            try:
                rows = await writer.call(
                    lambda: writer.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                )
            except sqlite3.Error as exc:
                log.warning("WAL checkpoint after an erasure failed: %s", exc)
                return
            busy = int(next(iter(rows))[0]) if rows else 0
            if not busy:
                return
            await asyncio.sleep(0.05 * (attempt + 1))
        log.warning(
            "The WAL of %s could not be truncated after an erasure (a reader held on);"
            " it will be at the next checkpoint",
            self.path,
        )

    def _transaction(self, conn: sqlite3.Connection, batch: list[_Job[Any]]) -> list[Any]:
        """One write transaction for the batch (in the writer's thread)."""
        conn.execute("BEGIN IMMEDIATE")
        tx = ThreadTx(conn)
        try:
            results: list[Any] = []
            i = 0
            while i < len(batch):
                if batch[i].draft is not None:
                    drafts: list[KudosDraft] = []
                    while i < len(batch) and (draft := batch[i].draft) is not None:
                        drafts.append(draft)
                        i += 1
                    results.extend(self._record_group(conn, drafts))
                else:
                    op = batch[i].op
                    assert op is not None
                    results.append(run_op(op, tx))
                    i += 1
            conn.execute("COMMIT")
            return results
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    async def record_kudos(self, draft: KudosDraft) -> KudosOutcome:
        # Differs: the writer checks and records a whole run of drafts in one go.
        job: _Job[KudosOutcome] = _Job(asyncio.get_running_loop().create_future(), draft=draft)
        return await self._submit(job)

    async def check_kudos(self, draft: KudosDraft) -> KudosOutcome:
        reader = self._worker(self._reader_worker)
        return await self._in_thread(
            reader, lambda: check(draft, self._group_state(reader.conn, [draft]))
        )

    def _record_group(
        self, conn: sqlite3.Connection, drafts: list[KudosDraft]
    ) -> list[KudosOutcome]:
        """Check and record a run of kudos actions with a handful of statements."""
        members = {
            (d.community_id, m.id): (d.community_id, m.id, m.name, int(m.is_bot))
            for d in drafts
            for m in (d.giver, *d.receivers)
        }
        conn.execute(_UPSERT_MEMBERS, (_json_rows(list(members.values())),))

        state = self._group_state(conn, drafts)
        # This transaction holds SQLite's write lock (BEGIN IMMEDIATE) and the table uses
        # AUTOINCREMENT, so the rows inserted below get exactly the next consecutive ids.
        next_id = state.last_kudos_id + 1

        outcomes: list[KudosOutcome] = []
        rows: list[tuple[Any, ...]] = []
        for d in drafts:
            outcome = decide(d, state)
            if outcome is None:
                ids = tuple(range(next_id, next_id + len(d.receivers)))
                next_id += len(d.receivers)
                day_key = (d.community_id, d.giver.id, d.local_day.isoformat())
                state.day_counts[day_key] += d.cost
                for r in d.receivers:
                    state.last_pair[(d.community_id, d.giver.id, r.id)] = ts(d.created_at)
                    rows.append(
                        (
                            d.community_id,
                            d.action_id,
                            d.giver.id,
                            r.id,
                            d.reason,
                            d.channel_id,
                            d.source,
                            d.source_event_id,
                            ts(d.created_at),
                            d.local_day.isoformat(),
                            d.season,
                            d.week_key,
                            d.month_key,
                        )
                    )
                if d.source_event_id is not None:
                    state.seen_events.add((d.community_id, d.source_event_id))
                outcome = KudosOutcome(
                    KudosStatus.RECORDED, kudos_ids=ids, given_today=state.day_counts[day_key]
                )
            outcomes.append(outcome)
        if rows:
            conn.execute(_INSERT_KUDOS_ROWS, (_json_rows(rows),))
        return outcomes

    def _group_state(self, conn: sqlite3.Connection, drafts: list[KudosDraft]) -> GroupState:
        """Answer every budget, cooldown, duplicate and opt-out check in one query.

        The keys go in as JSON arrays, so the statement's text is always the same:
        SQLite prepares it once, whatever the size of the group.
        """
        days = {(d.community_id, d.giver.id, d.local_day.isoformat()) for d in drafts}
        pairs = {
            (d.community_id, d.giver.id, r.id)
            for d in drafts
            if d.cooldown_since is not None
            for r in d.receivers
        }
        events = {(d.community_id, d.source_event_id) for d in drafts if d.source_event_id}
        receivers = {(d.community_id, r.id) for d in drafts for r in d.receivers}
        keys = [_json_rows(list(found)) for found in (days, pairs, events, receivers)]
        ((found,),) = conn.execute(_GROUP_STATE, keys).fetchall()
        state = GroupState()
        for kind, a, b, c, value in json.loads(found):
            if kind == "seq":
                state.last_kudos_id = int(value or 0)
            elif kind == "day":
                state.day_counts[(a, b, c)] = int(value)
            elif kind == "pair":
                state.last_pair[(a, b, c)] = value
            elif kind == "event":
                if value:
                    state.seen_events.add((a, b))
            else:
                state.opted_out[(a, b)] = bool(value)
        return state

    # ------------------------------------------------------------ planning

    async def plan_unplanned(self, planner: Planner) -> int:
        """Plan every unbounded, unplanned schedule in one UPDATE: SQLite calls ``planner``
        (memoised by the caller) for each row, nothing is read back into Python."""

        def plan_text(timezone: str, at_time: str, days: str) -> str | None:
            local_date, due_at = planner(timezone, at_time, days)
            return None if due_at is None or local_date is None else f"{local_date}|{due_at}"

        async def op(tx: Tx) -> int:
            assert isinstance(tx, ThreadTx)  # write() runs ops in the writer's thread
            tx.conn.create_function("roots_plan", 3, plan_text, deterministic=True)
            return await tx.run(
                "UPDATE schedules SET (next_local_date, next_due_at) = ("
                " SELECT substr(v, 1, instr(v, '|') - 1), substr(v, instr(v, '|') + 1)"
                " FROM (SELECT roots_plan(timezone, at_time, days) AS v)) WHERE " + UNPLANNED
            )

        return await self.write(op)

    def outside(self, scope: ShardScope | None) -> tuple[str, tuple[Any, ...]]:
        # SQLite's integers are 64-bit signed and GLOB picks the all-digit ids.
        if scope is None:
            return "", ()
        return (
            " AND community_id NOT IN (SELECT community_id FROM communities"
            " WHERE platform = ? AND community_id GLOB '[0-9]*'"
            f" AND (CAST(community_id AS INTEGER) >> 22) % ? NOT IN ({marks(len(scope.ids))}))",
            (scope.platform, scope.count, *sorted(scope.ids)),
        )


# ---------------------------------------------------------------- helpers


def _json_rows(rows: list[Any]) -> str:
    """Rows as one JSON array for ``json_each(?)``.

    Unicode stays as is (not escaped), so a lone surrogate, which no UTF-8 text can
    hold, fails the bind like a plain parameter would instead of being stored as bytes
    that can't be read back.
    """
    return json.dumps(rows, ensure_ascii=False)


def _row_values(n: int, names: str = "") -> str:
    """The n values of each element of a JSON array of rows (``json_each(?)``)."""
    aliases = [f" AS {name.strip()}" for name in names.split(",")] if names else [""] * n
    return ", ".join(f"json_extract(value, '$[{i}]'){aliases[i]}" for i in range(n))


# The group's checks, one row per key (kept as a JSON array): ?1 (community, giver,
# day) for the day's count, ?2 (community, giver, receiver) for the last kudos of the
# pair, ?3 (community, event id) for a repeated event, ?4 (community, member) for an
# opt-out; plus the last kudos id. Each subquery is a lookup on an index.
_GROUP_STATE = f"""
WITH day AS (SELECT {_row_values(3, "c, g, d")} FROM json_each(?1)),
pair AS (SELECT {_row_values(3, "c, g, r")} FROM json_each(?2)),
event AS (SELECT {_row_values(2, "c, e")} FROM json_each(?3)),
member AS (SELECT {_row_values(2, "c, m")} FROM json_each(?4))
SELECT json_group_array(json_array(k, a, b, c, v)) FROM (
    SELECT 'seq' AS k, NULL AS a, NULL AS b, NULL AS c,
        (SELECT seq FROM sqlite_sequence WHERE name = 'kudos') AS v
    UNION ALL
    SELECT 'day', c, g, d, (SELECT {BUDGET_USED} FROM kudos k WHERE k.community_id = day.c
        AND k.giver_id = day.g AND k.local_day = day.d AND k.revoked_at IS NULL) FROM day
    UNION ALL
    SELECT 'pair', c, g, r, (SELECT max(created_at) FROM kudos k WHERE k.community_id = pair.c
        AND k.giver_id = pair.g AND k.receiver_id = pair.r AND k.revoked_at IS NULL) FROM pair
    UNION ALL
    SELECT 'event', c, e, NULL, EXISTS (SELECT 1 FROM kudos k WHERE k.community_id = event.c
        AND k.source_event_id = event.e) FROM event
    UNION ALL
    SELECT 'optout', c, m, NULL, (SELECT opted_out FROM members o
        WHERE o.community_id = member.c AND o.member_id = member.m) FROM member
)
"""


# One statement for a whole group (rows as a JSON array): sqlite3 releases the GIL
# once per statement step, so the SQLite thread and the event loop trade it a few
# times per group instead of once per row. json_extract, not ->>, for SQLite < 3.38.
_UPSERT_MEMBERS = (
    "INSERT INTO members (community_id, member_id, display_name, is_bot)"
    f" SELECT {_row_values(4)} FROM json_each(?) WHERE true"
    " ON CONFLICT (community_id, member_id) DO UPDATE SET"
    " display_name = excluded.display_name, is_bot = excluded.is_bot"
    " WHERE display_name <> excluded.display_name OR is_bot <> excluded.is_bot"
)
_INSERT_KUDOS_ROWS = (
    "INSERT INTO kudos (community_id, action_id, giver_id, receiver_id, reason, channel_id,"
    " source, source_event_id, created_at, local_day, season, week_key, month_key)"
    f" SELECT {_row_values(13)} FROM json_each(?) ORDER BY key"
)


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        candidate = "\n".join(buf)
        if sqlite3.complete_statement(candidate):
            statements.append(candidate.strip())
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        statements.append(rest)
    return statements
