"""SQLite storage (aiosqlite): one file, WAL, one writer task that groups writes.

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
import sqlite3
import stat
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.kudos_rules import GroupState, decide
from bot.storage.migrations import migrations
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
from bot.storage.sqlite_erasure import ErasureStoreMixin
from bot.storage.sqlite_prompts import PromptStoreMixin
from bot.types import Member

log = logging.getLogger(__name__)

T = TypeVar("T")
WriteOp = Callable[[aiosqlite.Connection], Awaitable[Any]]

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


@dataclass
class _Job:
    future: asyncio.Future[Any]
    op: WriteOp | None = None
    draft: KudosDraft | None = None
    checkpoint: bool = False


class SqliteStore(PromptStoreMixin, ErasureStoreMixin):
    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._writer_db: aiosqlite.Connection | None = None
        self._reader_db: aiosqlite.Connection | None = None
        self._queue: asyncio.Queue[_Job | None] = asyncio.Queue()
        self._writer_task: asyncio.Task[None] | None = None
        self._closing = False

    # ------------------------------------------------------------ lifecycle

    async def open(self) -> None:
        self._closing = False
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            create_private(self.path)
        try:
            self._writer_db = await aiosqlite.connect(self.path, isolation_level=None)
            self._writer_db.row_factory = aiosqlite.Row
            await apply_pragmas(self._writer_db)
            await self._migrate(self._writer_db)
            self._reader_db = await aiosqlite.connect(self.path, isolation_level=None)
            self._reader_db.row_factory = aiosqlite.Row
            await apply_pragmas(self._reader_db)
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
        for db in (self._reader_db, self._writer_db):
            if db is not None:
                await db.close()
        self._reader_db = self._writer_db = None

    async def schema_version(self) -> int:
        rows = await self._read("SELECT max(version) AS v FROM schema_version")
        return int(rows[0]["v"] or 0)

    async def remember_request(self, key: str, now: int, until: int) -> bool:
        async def note(db: aiosqlite.Connection) -> bool:
            cursor = await db.execute(_REMEMBER_REQUEST, (key, until, now))
            return cursor.rowcount == 1

        return bool(await self.write(note))

    async def forget_requests(self, now: int) -> int:
        async def purge(db: aiosqlite.Connection) -> int:
            cursor = await db.execute("DELETE FROM seen_requests WHERE expires_at <= ?", (now,))
            return cursor.rowcount

        return int(await self.write(purge))

    async def _migrate(self, db: aiosqlite.Connection) -> None:
        await db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        async with db.execute("SELECT max(version) FROM schema_version") as cur:
            row = await cur.fetchone()
        current = int(row[0] or 0) if row else 0
        known = migrations("sqlite")
        latest = known[-1][0] if known else 0
        if current > latest:
            raise SchemaTooNewError(
                f"The database {self.path} is at schema version {current}, but this Roots only "
                f"knows version {latest}. Upgrade Roots, or point DATABASE_URL at another file."
            )
        for version, name, sql in known:
            if version <= current:
                continue
            await db.execute("BEGIN IMMEDIATE")
            try:
                # Another process on this file may have applied it while we
                # waited for the write lock; read the version again under the lock.
                async with db.execute("SELECT max(version) FROM schema_version") as cur:
                    row = await cur.fetchone()
                if version <= (int(row[0] or 0) if row else 0):
                    await db.execute("COMMIT")
                    continue
                log.info("Applying SQLite migration %03d_%s", version, name)
                for statement in _split_sql(sql):
                    await db.execute(statement)
                await db.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, ts(datetime.now(UTC))),
                )
                await db.execute("COMMIT")
            except BaseException:
                await db.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------ plumbing

    @property
    def _reader(self) -> aiosqlite.Connection:
        if self._reader_db is None:
            raise StorageError("the SQLite store is not open")
        return self._reader_db

    async def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return list(await self._reader.execute_fetchall(sql, tuple(params)))
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc

    async def _submit(self, job: _Job) -> Any:
        if self._closing or self._writer_task is None or self._writer_task.done():
            raise StorageError("the SQLite store is not open")
        await self._queue.put(job)
        return await job.future

    async def write(self, op: WriteOp, *, checkpoint: bool = False) -> Any:
        """Run ``op(connection)`` inside a write transaction (possibly shared).

        ``checkpoint``: the write erased something; once committed, the write-ahead log
        is checkpointed and truncated before the caller gets its answer.
        """
        job = _Job(asyncio.get_running_loop().create_future(), op=op, checkpoint=checkpoint)
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

    async def _run_batch(self, batch: list[_Job]) -> None:
        db = self._writer_db
        assert db is not None
        try:
            results = await self._transaction(db, batch)
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
            await self._truncate_wal(db)
        for job, result in zip(batch, results, strict=True):
            if not job.future.done():
                job.future.set_result(result)

    async def _truncate_wal(self, db: aiosqlite.Connection) -> None:
        """Copy the write-ahead log into the main file and empty it.

        The log still holds the page images written before an erasure (a passive
        checkpoint copies them but leaves the log as it is). TRUNCATE waits (busy
        timeout) for readers of older snapshots, another process's included; if one
        still holds on, the next attempts follow, then a warning.
        """
        for attempt in range(CHECKPOINT_ATTEMPTS):
            try:
                rows = await db.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
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

    async def _transaction(self, db: aiosqlite.Connection, batch: list[_Job]) -> list[Any]:
        await db.execute("BEGIN IMMEDIATE")
        try:
            results: list[Any] = []
            i = 0
            while i < len(batch):
                if batch[i].draft is not None:
                    j = i
                    while j < len(batch) and batch[j].draft is not None:
                        j += 1
                    results.extend(await self._record_group(db, [b.draft for b in batch[i:j]]))  # type: ignore[misc]
                    i = j
                else:
                    op = batch[i].op
                    assert op is not None
                    results.append(await op(db))
                    i += 1
            await db.execute("COMMIT")
            return results
        except BaseException:
            if db.in_transaction:
                await db.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ communities

    async def get_community(
        self, community_id: str, defaults: CommunityDefaults
    ) -> CommunitySettings:
        rows = await self._read("SELECT * FROM communities WHERE community_id = ?", (community_id,))
        if rows:
            return community_row(rows[0])

        async def create(db: aiosqlite.Connection) -> None:
            await db.execute(
                "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id) DO NOTHING",
                (
                    community_id,
                    defaults.platform,
                    defaults.timezone,
                    defaults.locale,
                    ts(datetime.now(UTC)),
                ),
            )

        await self.write(create)
        rows = await self._read("SELECT * FROM communities WHERE community_id = ?", (community_id,))
        return community_row(rows[0])

    async def update_community(self, community_id: str, **changes: object) -> CommunitySettings:
        unknown = set(changes) - set(EDITABLE_SETTINGS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if changes:
            # Column names come from the EDITABLE_SETTINGS whitelist, values are bound.
            assignments = ", ".join(f"{name} = ?" for name in changes)
            values = [int(v) if isinstance(v, bool) else v for v in changes.values()]

            async def update(db: aiosqlite.Connection) -> None:
                await db.execute(
                    f"UPDATE communities SET {assignments} WHERE community_id = ?",
                    (*values, community_id),
                )

            await self.write(update)
        rows = await self._read("SELECT * FROM communities WHERE community_id = ?", (community_id,))
        return community_row(rows[0])

    async def start_season(self, community_id: str, at: datetime) -> CommunitySettings:
        async def bump(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE communities SET season = season + 1, season_started_at = ?"
                " WHERE community_id = ?",
                (ts(at), community_id),
            )

        await self.write(bump)
        rows = await self._read("SELECT * FROM communities WHERE community_id = ?", (community_id,))
        return community_row(rows[0])

    # ------------------------------------------------------------ members

    async def upsert_members(self, community_id: str, members: Iterable[Member]) -> None:
        params = [(community_id, m.id, m.name, int(m.is_bot)) for m in members]
        if not params:
            return

        async def upsert(db: aiosqlite.Connection) -> None:
            await db.executemany(_UPSERT_MEMBER, params)

        await self.write(upsert)

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None:
        rows = await self._read(
            "SELECT * FROM members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return member_row(rows[0]) if rows else None

    async def find_member_by_name(self, community_id: str, name: str) -> MemberRecord | None:
        rows = await self._read(
            "SELECT * FROM members WHERE community_id = ? AND display_name = ? COLLATE NOCASE"
            " LIMIT 2",
            (community_id, name),
        )
        return member_row(rows[0]) if len(rows) == 1 else None

    async def set_opted_out(self, community_id: str, member_id: str, opted_out: bool) -> None:
        async def update(db: aiosqlite.Connection) -> None:
            await db.execute(
                "UPDATE members SET opted_out = ? WHERE community_id = ? AND member_id = ?",
                (int(opted_out), community_id, member_id),
            )

        await self.write(update)

    # ------------------------------------------------------------ kudos

    async def record_kudos(self, draft: KudosDraft) -> KudosOutcome:
        job = _Job(asyncio.get_running_loop().create_future(), draft=draft)
        return await self._submit(job)

    async def check_kudos(self, draft: KudosDraft) -> KudosOutcome:
        try:
            state = await self._group_state(self._reader, [draft])
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc
        used = state.day_counts.get(
            (draft.community_id, draft.giver.id, draft.local_day.isoformat()), 0
        )
        return decide(draft, state) or KudosOutcome(KudosStatus.RECORDED, given_today=used)

    async def _record_group(
        self, db: aiosqlite.Connection, drafts: list[KudosDraft]
    ) -> list[KudosOutcome]:
        """Check and record a run of kudos actions with a handful of statements."""
        members = {
            (d.community_id, m.id): (d.community_id, m.id, m.name, int(m.is_bot))
            for d in drafts
            for m in (d.giver, *d.receivers)
        }
        await db.execute(_UPSERT_MEMBERS, (_json_rows(list(members.values())),))

        state = await self._group_state(db, drafts)
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
                state.day_counts[day_key] += len(d.receivers)
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
            await db.execute(_INSERT_KUDOS_ROWS, (_json_rows(rows),))
        return outcomes

    async def _group_state(self, db: aiosqlite.Connection, drafts: list[KudosDraft]) -> GroupState:
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
        ((found,),) = await db.execute_fetchall(_GROUP_STATE, keys)
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

    async def undo_last_action(
        self, community_id: str, giver_id: str, since: datetime, at: datetime
    ) -> list[KudosRow]:
        async def undo(db: aiosqlite.Connection) -> list[KudosRow]:
            async with db.execute(
                "SELECT action_id FROM kudos WHERE community_id = ? AND giver_id = ?"
                " AND local_day >= ? AND revoked_at IS NULL AND created_at >= ?"
                " ORDER BY created_at DESC, kudos_id DESC LIMIT 1",
                # local days lag or lead UTC by at most 14 hours: a day of margin
                (community_id, giver_id, (since - timedelta(days=1)).date().isoformat(), ts(since)),
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                return []
            rows = await db.execute_fetchall(
                "SELECT * FROM kudos WHERE community_id = ? AND action_id = ?"
                " AND revoked_at IS NULL ORDER BY kudos_id",
                (community_id, row[0]),
            )
            found = [kudos_row(r) for r in rows]
            for k in found:
                await _revoke(db, k.kudos_id, giver_id, "undo", at)
            return found

        return await self.write(undo)

    async def revoke_kudos(
        self, community_id: str, kudos_id: int, by: str, at: datetime
    ) -> KudosRow | None:
        async def revoke(db: aiosqlite.Connection) -> KudosRow | None:
            rows = await db.execute_fetchall(
                "SELECT * FROM kudos WHERE community_id = ? AND kudos_id = ?",
                (community_id, kudos_id),
            )
            if not rows:
                return None
            row = kudos_row(rows[0])
            if row.revoked_at is None:
                await _revoke(db, kudos_id, by, "revoke", at)
            return row

        return await self.write(revoke)

    async def get_kudos(self, community_id: str, kudos_id: int) -> KudosRow | None:
        rows = await self._read(
            "SELECT * FROM kudos WHERE community_id = ? AND kudos_id = ?", (community_id, kudos_id)
        )
        return kudos_row(rows[0]) if rows else None

    async def count_active_kudos(self, community_id: str) -> int:
        rows = await self._read(
            "SELECT count(*) FROM kudos WHERE community_id = ? AND revoked_at IS NULL",
            (community_id,),
        )
        return int(rows[0][0])

    # ------------------------------------------------------------ leaderboards & roots

    async def top_members(
        self, community_id: str, period: str, role: Role, limit: int
    ) -> list[BoardRow]:
        column = role.value  # 'given' or 'received': an enum value, never user input
        rows = await self._read(
            f"SELECT m.*, t.{column} AS n FROM kudos_totals t"
            " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
            f" WHERE t.community_id = ? AND t.period = ? AND t.{column} > 0 AND m.opted_out = 0"
            f" ORDER BY t.{column} DESC, t.member_id LIMIT ?",
            (community_id, period, limit),
        )
        return ranked((member_row(row), int(row["n"])) for row in rows)

    async def member_rank(
        self, community_id: str, period: str, role: Role, member_id: str
    ) -> BoardRow | None:
        column = role.value  # 'given' or 'received': an enum value, never user input
        # Members above = rows above on the ranking index alone, minus the (few)
        # opted-out members above: cost follows the caller's rank, not the ledger.
        rows = await self._read(
            f"SELECT m.*, t.{column} AS n,"
            f" (SELECT count(*) FROM kudos_totals x WHERE x.community_id = t.community_id"
            f"   AND x.period = t.period AND x.{column} > t.{column})"
            f" - (SELECT count(*) FROM members o CROSS JOIN kudos_totals y"
            f"   ON y.community_id = o.community_id AND y.member_id = o.member_id"
            f"   WHERE o.community_id = t.community_id AND o.opted_out = 1"
            f"   AND y.period = t.period AND y.{column} > t.{column}) AS above"
            " FROM kudos_totals t"
            " JOIN members m ON m.community_id = t.community_id AND m.member_id = t.member_id"
            " WHERE t.community_id = ? AND t.period = ? AND t.member_id = ?",
            (community_id, period, member_id),
        )
        if not rows or int(rows[0]["n"]) == 0 or rows[0]["opted_out"]:
            return None
        return BoardRow(member_row(rows[0]), int(rows[0]["n"]), int(rows[0]["above"]) + 1)

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

    async def tallies(
        self, community_id: str, member_id: str, periods: Iterable[str]
    ) -> dict[str, Tally]:
        wanted = list(periods)
        marks = ", ".join("?" for _ in wanted)
        rows = await self._read(
            f"SELECT period, given, received FROM kudos_totals WHERE community_id = ?"
            f" AND member_id = ? AND period IN ({marks})",
            (community_id, member_id, *wanted),
        )
        found = {r["period"]: Tally(int(r["given"]), int(r["received"])) for r in rows}
        return {p: found.get(p, Tally()) for p in wanted}

    async def giving_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        rows = await self._read(
            "SELECT DISTINCT local_day FROM kudos WHERE community_id = ? AND giver_id = ?"
            " AND revoked_at IS NULL ORDER BY local_day DESC LIMIT ?",
            (community_id, member_id, limit),
        )
        return [date.fromisoformat(r[0]) for r in rows]

    async def top_helpers(
        self, community_id: str, member_id: str, limit: int
    ) -> list[tuple[MemberRecord, int]]:
        rows = await self._read(
            "SELECT m.*, p.count AS n FROM kudos_pairs p"
            " JOIN members m ON m.community_id = p.community_id AND m.member_id = p.giver_id"
            " WHERE p.community_id = ? AND p.receiver_id = ? AND p.count > 0 AND m.opted_out = 0"
            " ORDER BY p.count DESC, p.last_at DESC, m.display_name LIMIT ?",
            (community_id, member_id, limit),
        )
        return [(member_row(r), int(r["n"])) for r in rows]

    async def not_thanked_back(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[tuple[MemberRecord, int]]:
        rows = await self._read(
            "SELECT m.*, p.count AS n FROM kudos_pairs p"
            " JOIN members m ON m.community_id = p.community_id AND m.member_id = p.giver_id"
            " WHERE p.community_id = ? AND p.receiver_id = ? AND p.count > 0 AND p.last_at >= ?"
            " AND m.opted_out = 0 AND p.giver_id <> p.receiver_id AND NOT EXISTS ("
            "   SELECT 1 FROM kudos_pairs back WHERE back.community_id = p.community_id"
            "   AND back.giver_id = p.receiver_id AND back.receiver_id = p.giver_id"
            "   AND back.count > 0)"
            " ORDER BY p.last_at DESC, m.display_name LIMIT 10",
            (community_id, member_id, ts(since)),
        )
        return [(member_row(r), int(r["n"])) for r in rows]


# ---------------------------------------------------------------- helpers

_UPSERT_MEMBER = (
    "INSERT INTO members (community_id, member_id, display_name, is_bot) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (community_id, member_id) DO UPDATE SET"
    " display_name = excluded.display_name, is_bot = excluded.is_bot"
    " WHERE display_name <> excluded.display_name OR is_bot <> excluded.is_bot"
)


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
    SELECT 'day', c, g, d, (SELECT count(*) FROM kudos k WHERE k.community_id = day.c
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


async def _revoke(
    db: aiosqlite.Connection, kudos_id: int, by: str, kind: str, at: datetime
) -> None:
    await db.execute("UPDATE kudos SET revoked_at = ? WHERE kudos_id = ?", (ts(at), kudos_id))
    await db.execute(
        "INSERT INTO kudos_revocations (kudos_id, revoked_by, kind, revoked_at)"
        " VALUES (?, ?, ?, ?)",
        (kudos_id, by, kind, ts(at)),
    )


# A new key, or an expired one noted again: one row changed. A live one: none.
_REMEMBER_REQUEST = (
    "INSERT INTO seen_requests (request_key, expires_at) VALUES (?, ?)"
    " ON CONFLICT (request_key) DO UPDATE SET expires_at = excluded.expires_at"
    " WHERE seen_requests.expires_at <= ?"
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
