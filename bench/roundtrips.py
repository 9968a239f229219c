"""Round trips between Roots and PostgreSQL per kudos, counted on the wire.

    .venv/bin/python -m bench.roundtrips [--url postgresql://postgres@127.0.0.1:5432/test]

``RoundTripProxy`` is a loopback TCP proxy put between a store and the server (the
store's URL points at the proxy). It counts *turns*: each time a client connection
sends after the server has answered it (or for the first time). A statement sent
with its Parse/Bind/Execute/Sync in one write is one turn; so is BEGIN, COMMIT, or
the query a pool sends to reset a connection it gets back. Whatever the driver does,
a turn is one wait for the network, which is what a round trip costs.

``measure`` gives kudos through the real core (``KudosService.give``) in a schema of
its own, once warm (the community's settings cached, statements prepared): one at a
time (the worst case: nothing to group with), then ``group`` at once from distinct
givers. Used by bench.postgres_scale (the issue #17 target "<= 2 round trips") and
tests/storage/test_pg_kudos_path.py. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bench._common import json_line
from bot.clock import ManualClock
from bot.config import Settings
from bot.types import Context, Member
from bot.wiring import running_core

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
TARGET_ROUND_TRIPS = 2  # issue #17: a kudos action in at most two round trips
COMMUNITY = "T-roundtrips"
START = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)


@dataclass
class _Link:
    answered: bool = True  # the server spoke last (or nothing was said yet)


@dataclass
class RoundTripProxy:
    """A counting TCP proxy to ``host:port`` (see the module docstring)."""

    host: str
    port: int
    turns: int = 0
    connections: int = 0
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @classmethod
    def to(cls, url: str) -> RoundTripProxy:
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or 5432)

    @property
    def listening(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def url(self, url: str) -> str:
        """``url`` with the server's address replaced by the proxy's."""
        parts = urlsplit(url)
        netloc = parts.netloc.rsplit("@", 1)
        auth = f"{netloc[0]}@" if len(netloc) == 2 else ""
        return urlunsplit(
            (parts.scheme, f"{auth}127.0.0.1:{self.listening}", *parts[2:]),
        )

    async def __aenter__(self) -> RoundTripProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        link = _Link()
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            writer.close()
            self._tasks.discard(task)
            return
        try:
            await asyncio.gather(
                self._pipe(reader, up_writer, link, client=True),
                self._pipe(up_reader, writer, link, client=False),
            )
        finally:
            for w in (writer, up_writer):
                w.close()
            self._tasks.discard(task)

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        link: _Link,
        *,
        client: bool,
    ) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                if client and link.answered:
                    self.turns += 1
                link.answered = not client
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(OSError, RuntimeError):
            writer.write_eof()


def with_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    extra = f"search_path={schema}&application_name={schema}"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


async def measure(url: str, alone: int = 20, group: int = 20) -> dict[str, Any]:
    """Round trips per kudos through the core on ``url`` (a schema of its own is made
    and dropped); see the module docstring."""
    schema = f"roots_rt_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url, timeout=10)
    try:
        await admin.execute(f"CREATE SCHEMA {schema}")
        async with RoundTripProxy.to(url) as proxy:
            found = await _give(proxy, proxy.url(with_schema(url, schema)), alone, group)
    finally:
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.close()
    return found


async def _give(proxy: RoundTripProxy, url: str, alone: int, group: int) -> dict[str, Any]:
    receiver = Member("U-receiver", "receiver")
    async with running_core(Settings(database_url=url), clock=ManualClock(START)) as core:

        def ctx(giver: str) -> Context:
            return Context("bench", COMMUNITY, "C-general", Member(giver, giver))

        async def give(giver: str) -> None:
            given = await core.kudos.give(ctx(giver), [receiver], "thanks", source="command")
            if given is None or len(given.kudos_ids) != 1:
                raise AssertionError(f"the kudos of {giver} was not recorded: {given!r}")

        await give("U-warm-0")  # the community, its settings, prepared statements
        await asyncio.gather(*(give(f"U-warm-{i}") for i in range(1, 3)))
        each: list[int] = []
        for i in range(alone):
            before = proxy.turns
            await give(f"U-alone-{i}")
            each.append(proxy.turns - before)
        before = proxy.turns
        await asyncio.gather(*(give(f"U-group-{i}") for i in range(group)))
        grouped = proxy.turns - before
    return {
        "alone": alone,
        "round_trips_alone": each,
        "round_trips_per_kudos_max": max(each),
        "round_trips_per_kudos_mean": sum(each) / len(each),
        "group": group,
        "round_trips_group": grouped,
        "round_trips_per_kudos_grouped": grouped / group,
    }


def target(found: dict[str, Any] | None, why: str | None = None) -> dict[str, Any]:
    """The summary row of issue #17's "a kudos in at most 2 round trips"."""
    row: dict[str, Any] = {
        "target": "PostgreSQL: round trips per kudos action",
        "goal": f"<= {TARGET_ROUND_TRIPS}",
    }
    if found is None:
        return {**row, "measured": "", "met": None, "not_measured": why or "not run"}
    worst = found["round_trips_per_kudos_max"]
    return {
        **row,
        "measured": f"{worst} alone (worst of {found['alone']});"
        f" {found['round_trips_group']} for {found['group']} at once",
        "met": worst <= TARGET_ROUND_TRIPS,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.roundtrips")
    parser.add_argument("--url", default=os.environ.get("ROOTS_TEST_POSTGRES_URL", DEFAULT_URL))
    parser.add_argument("--alone", type=int, default=20, help="kudos given one at a time")
    parser.add_argument("--group", type=int, default=20, help="kudos given at once")
    args = parser.parse_args(argv)
    found = asyncio.run(measure(args.url, args.alone, args.group))
    print(
        f"round trips per kudos through the core, warm: {found['round_trips_per_kudos_max']}"
        f" at most one at a time ({found['round_trips_per_kudos_mean']:.2f} on average over"
        f" {found['alone']}); {found['round_trips_group']} for {found['group']} given at once"
    )
    result = {"bench": "roundtrips", **found, "targets": [target(found)]}
    print(json_line(result))
    return result


if __name__ == "__main__":
    main()
