"""The PostgreSQL kudos write path: one round trip per group of concurrent kudos actions.

``PostgresStore.record_kudos`` hands its draft to a ``KudosWriter``. The writer takes
whatever actions are waiting (at most ``MAX_BATCH``), sends them as one JSON argument to
``roots_record_kudos`` (migration postgres_015), one statement that is its own
transaction: it takes each giver's advisory lock, upserts the members, checks the rules
of ``kudos_rules`` in batch order and inserts the kudos (the totals trigger counts the
whole insert at once). Each caller is answered after that statement, so after COMMIT.
While a group is on its way, the next actions wait and form the next group: fifty
concurrent kudos cost one statement and one commit, not fifty (like SQLite's writer).

The writer has a connection of its own, outside the pool, kept open: a pooled one costs
an extra round trip (and server work) to reset it on every release. Its prepared
statement is reused, so once warm an action costs one round trip.

Failures: a deadlock or a racing duplicate event (unique violation) sends the group
again (it is checked again); any other database error sends each action of the group
alone, so one bad action cannot sink the others. A lost or unanswered connection fails
the group (StorageError: "try again") and is replaced on the next group.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import asyncpg

from bot.storage.records import KudosDraft, KudosOutcome, KudosStatus, StorageError
from bot.storage.rows import from_ts, ts

log = logging.getLogger(__name__)

MAX_BATCH = 256  # actions per statement (as SQLite's writer)
KUDOS_ATTEMPTS = 3  # a deadlock or a racing duplicate event: check the group again
RECORD = (
    "SELECT draft, outcome, kudos_ids, given_today, cooling_receiver, last_given_at"
    " FROM roots_record_kudos($1::jsonb)"
)
_STATUS = {status.value: status for status in KudosStatus}
_RETRY = (asyncpg.UniqueViolationError, asyncpg.DeadlockDetectedError)
# The connection is gone or stopped answering: drop it, open another next time.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.OperatorInterventionError,
)
_CLOSE_ERRORS: tuple[type[BaseException], ...] = (*_CONNECTION_ERRORS, asyncpg.PostgresError)

Waiting = tuple[KudosDraft, "asyncio.Future[KudosOutcome]"]


def encode(drafts: Sequence[KudosDraft]) -> str:
    """The batch argument of ``roots_record_kudos`` (positions documented there)."""
    return json.dumps(
        [
            [
                d.community_id,
                d.action_id,
                d.giver.id,
                d.giver.name,
                int(d.giver.is_bot),
                [[r.id, r.name, int(r.is_bot)] for r in d.receivers],
                d.reason,
                d.channel_id,
                d.source,
                d.source_event_id,
                ts(d.created_at),
                d.local_day.isoformat(),
                d.season,
                d.week_key,
                d.month_key,
                d.budget,
                None if d.cooldown_since is None else ts(d.cooldown_since),
            ]
            for d in drafts
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(rows: Sequence[Any], count: int) -> list[KudosOutcome]:
    """One outcome per action, in batch order."""
    outcomes: list[KudosOutcome | None] = [None] * count
    for draft, outcome, ids, given_today, receiver, last_at in rows:
        outcomes[draft - 1] = KudosOutcome(
            _STATUS[outcome],
            kudos_ids=tuple(ids),
            given_today=given_today,
            cooling_receiver=receiver,
            last_given_at=None if last_at is None else from_ts(last_at),
        )
    if any(o is None for o in outcomes):
        raise StorageError(f"roots_record_kudos answered {len(rows)} of {count} actions")
    return [o for o in outcomes if o is not None]


class KudosWriter:
    """Groups the concurrent kudos actions of one process (see the module docstring)."""

    def __init__(self, connect: Callable[[], Awaitable[asyncpg.Connection]]) -> None:
        self._connect = connect
        self._conn: asyncpg.Connection | None = None
        self._waiting: list[Waiting] = []
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    async def record(self, draft: KudosDraft) -> KudosOutcome:
        if self._closing:
            raise StorageError("the PostgreSQL store is not open")
        future: asyncio.Future[KudosOutcome] = asyncio.get_running_loop().create_future()
        self._waiting.append((draft, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="roots-postgres-kudos")
        return await future

    async def close(self) -> None:
        """Finish the actions already waiting, then close the connection."""
        self._closing = True
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await asyncio.wait_for(conn.close(), timeout=2.0)
            except _CLOSE_ERRORS:
                conn.terminate()

    async def _run(self) -> None:
        batch: list[Waiting] = []
        try:
            while self._waiting:
                batch = self._waiting[:MAX_BATCH]
                del self._waiting[:MAX_BATCH]
                await self._settle(batch)
                batch = []
        finally:  # cancelled (the loop is ending): nobody waits forever
            for _, future in [*batch, *self._waiting]:
                if not future.done():
                    future.set_exception(StorageError("the PostgreSQL store is closing"))
            self._waiting.clear()

    async def _settle(self, batch: list[Waiting]) -> None:
        try:
            outcomes = await self._attempts([draft for draft, _ in batch])
        except Exception as exc:
            if len(batch) > 1 and not isinstance(exc, _CONNECTION_ERRORS):
                log.warning(
                    "Grouped kudos failed (%s); sending its %d actions one by one", exc, len(batch)
                )
                for one in batch:
                    await self._settle([one])
                return
            for _, future in batch:
                if not future.done():
                    future.set_exception(_storage_error(exc))
            return
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if not future.done():
                future.set_result(outcome)

    async def _attempts(self, drafts: list[KudosDraft]) -> list[KudosOutcome]:
        for attempt in range(1, KUDOS_ATTEMPTS + 1):
            try:
                return await self._call(drafts)
            except _RETRY:
                if attempt == KUDOS_ATTEMPTS:
                    raise
                log.info("%d kudos actions raced another group; checking them again", len(drafts))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _call(self, drafts: list[KudosDraft]) -> list[KudosOutcome]:
        conn = self._conn
        if conn is None or conn.is_closed():
            conn = self._conn = await self._connect()
        try:
            rows = await conn.fetch(RECORD, encode(drafts))
        except _CONNECTION_ERRORS:
            # Lost, or not answering: drop it now rather than wait on the same server to
            # cancel the statement; the next group opens another.
            self._conn = None
            conn.terminate()
            raise
        return decode(rows, len(drafts))


def _storage_error(exc: BaseException) -> StorageError:
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, _CONNECTION_ERRORS):
        error = StorageError(f"lost the connection to PostgreSQL: {str(exc) or type(exc).__name__}")
    else:
        error = StorageError(str(exc))
    error.__cause__ = exc
    return error
