"""Issue #12, item 8: a PostgreSQL server that stops answering (without resetting the
connections) must not hang commands: the member gets the polite "try again" within
5 seconds, and Roots recovers by itself when the server answers again.

A small TCP proxy in front of the test server stops forwarding bytes when told to
(sockets stay open, as with a frozen server or a network partition).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.types import Reply, Tone
from bot.wiring import Core, running_core
from tests.fakes import ask, assert_refused, configure, thank

WITHIN = 5.0  # seconds the member may wait for the "try again"


class FreezingProxy:
    """127.0.0.1:<port> -> the server; ``freeze()`` stops every byte, ``thaw()`` resumes."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.server: asyncio.Server | None = None
        self.port = 0
        self.tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    def freeze(self) -> None:
        self.flowing.clear()

    def thaw(self) -> None:
        self.flowing.set()

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
        for task in list(self.tasks):
            task.cancel()
        for task in list(self.tasks):
            with contextlib.suppress(BaseException):
                await task

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        try:
            await self.flowing.wait()  # a frozen server does not answer new connections
            server_r, server_w = await asyncio.open_connection(*self.target)
            await asyncio.gather(self._pump(client_r, server_w), self._pump(server_r, client_w))
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            client_w.close()
            self.tasks.discard(task)

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                await self.flowing.wait()
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()


@pytest.fixture
async def proxy(postgres_url: str) -> AsyncIterator[FreezingProxy]:
    parts = urlsplit(postgres_url)
    running = FreezingProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await running.start()
    yield running
    running.thaw()
    await running.close()


def through(url: str, port: int) -> str:
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(
        (parts.scheme, f"{user}127.0.0.1:{port}", parts.path, parts.query, parts.fragment)
    )


@pytest.fixture
async def core(proxy: FreezingProxy, postgres_url: str, clock: ManualClock) -> AsyncIterator[Core]:
    settings = Settings(database_url=through(postgres_url, proxy.port), db_pool=3)
    async with running_core(settings, clock=clock) as running:
        yield running


async def timed(proxy: FreezingProxy, coro) -> tuple[Reply, float]:
    """The reply and how long it took; a command still hanging after 15 s fails the
    test (after a thaw, so that the hung command and the teardown can finish)."""
    started = time.monotonic()
    task = asyncio.ensure_future(coro)
    done, _ = await asyncio.wait({task}, timeout=15)
    if not done:
        proxy.thaw()
        await asyncio.wait({task}, timeout=15)
        pytest.fail("the command still hung 15 s after the server froze")
    return task.result(), time.monotonic() - started


async def test_item8_a_frozen_server_gets_the_member_a_try_again_within_5_seconds(
    core: Core, proxy: FreezingProxy
):
    await configure(core, "cooldown", "0")
    assert (await thank(core, "alice", "bob")).tone is Tone.SUCCESS
    assert (await ask(core, "leaderboard")).tone is not Tone.ERROR

    proxy.freeze()
    read, read_took = await timed(proxy, ask(core, "leaderboard"))
    assert_refused(read, "error.storage")
    write, write_took = await timed(proxy, thank(core, "carol", "bob"))
    assert_refused(write, "error.storage")
    print(f"frozen server: read answered in {read_took:.2f} s, write in {write_took:.2f} s")
    assert read_took < WITHIN and write_took < WITHIN

    # Several members at once, more than the pool holds: each is answered in time.
    many = await asyncio.gather(
        *(timed(proxy, ask(core, "leaderboard", actor=f"m{i}")) for i in range(6))
    )
    for reply, took in many:
        assert_refused(reply, "error.storage")
        assert took < WITHIN, f"{took:.2f} s"
    print(f"6 members at once (pool of 3): the slowest answered in {max(t for _, t in many):.2f} s")

    # The server answers again: so does Roots, without a restart.
    proxy.thaw()
    deadline = time.monotonic() + 15
    while True:
        reply, _ = await timed(proxy, thank(core, "carol", "bob"))
        if reply.tone is Tone.SUCCESS:
            break
        assert time.monotonic() < deadline, reply.as_text()
        await asyncio.sleep(0.2)
    board = await ask(core, "leaderboard")
    assert board.tone is not Tone.ERROR and "@bob" in board.as_text()
