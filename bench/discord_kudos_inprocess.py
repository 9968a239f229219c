"""``/kudos`` through the real Discord bot and a fake Discord, next to a bare discord.py bot.

IN-PROCESS DIAGNOSTIC, NOT FOR TARGETS: both bots run inside this process, which
is also the load generator's (only the fake Discord has a process of its own).
Sharing a process slows the baseline too, so the ratios here are not those of a
deployed bot; the production-shape bench, giving the issue #17 figures, is
bench.discord_kudos. Keep this one to see where Roots' cost goes (its (info) sides).

    .venv/bin/python -m bench.discord_kudos_inprocess [--n 2000] [--concurrency 50] [--repeats 3]
                                            [--new-members] [--no-explain]

The fake Discord (tests/adapters/discord/fake_discord.py) runs in its own process
on loopback, as Discord is not in the bot's process: REST routes and a gateway
websocket. Each side is a real discord.py client connected to it; the fake
delivers ``--n`` real-shaped ``INTERACTION_CREATE`` payloads for ``/kudos member
reason`` from ``--n`` distinct givers (giver i thanks giver i+1), keeping
``--concurrency`` interactions outstanding. Latency runs from the moment the fake
writes the event to the gateway until the bot's interaction callback (``POST
/interactions/{id}/{token}/callback``) reaches the fake; the rate is answered
interactions per second of wall time; "CPU ms/answer" is the bot process's CPU
time (every thread, SQLite's included) per interaction, which machine load
disturbs less than the rate; "loop" is the part of it spent on the bot's
event-loop thread (discord.py, the adapter and the core; the rest is SQLite's
thread), and "fake" is the fake Discord's process CPU per interaction. A Roots
answer deferred because the core took over 1.5 s counts at its defer (column
"deferred"; 0 at the default load).

Roots side: ``RootsBot`` with the core on a fresh SQLite file (every kudos is
committed before the answer, and the ledger is checked at the end). The givers
are members the community has seen before (as in a live server), unless
``--new-members``: then each /kudos also records its giver. Bare side: a
``commands.Bot`` whose ``/kudos`` only answers ``send_message("ok")``. Both run
``--repeats`` times, interleaved, after a warm-up of ``--warmup`` interactions;
medians are reported. Target: Roots >= 0.6 x the bare rate. The last line of
output is JSON.

Two more Roots sides, marked (info), show where its cost goes (``--no-explain``
skips them): "store writes nothing" runs the whole core and adapter but the
store answers each kudos as recorded without touching SQLite; "core's answer
replayed" runs the core once and then answers every /kudos with that same reply,
so only discord.py and the adapter work. Neither is Roots as shipped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.bot import create_bot
from adapters.discord.config import DiscordSettings
from bench._common import environment, json_line, median, percentile, table
from bot.clock import ManualClock
from bot.config import Settings
from bot.runtime import tune_gc
from bot.storage.records import KudosDraft, KudosOutcome, KudosStatus
from bot.types import CommandCall, Context, Member, Reply
from bot.wiring import Core, running_core
from tests.adapters.discord.fake_discord import CHANNEL_ID, GUILD_ID, FakeDiscord, Sent, user
from tests.fakes import START

TARGET_RATIO = 0.6
TOKEN = "bench-token"
FIRST_USER = 500000000000000000


class BareBot(commands.Bot):
    """The baseline: discord.py answering /kudos with no work at all."""

    def __init__(self) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.none())

        @app_commands.command(name="kudos", description="bare")
        async def kudos(
            interaction: discord.Interaction,
            member: discord.User,
            reason: str | None = None,
        ) -> None:
            await interaction.response.send_message("ok")

        self.tree.add_command(kudos)


# ---------------------------------------------------------------- the fake Discord's process


async def drive(fake: FakeDiscord, first: int, n: int, concurrency: int) -> dict[str, float]:
    """Deliver n /kudos interactions, at most ``concurrency`` unanswered; rate and latency."""
    sent_at: dict[str, float] = {}
    latencies: list[float] = []
    deferred = 0
    window = asyncio.Semaphore(concurrency)
    done = asyncio.Event()

    def on_request(sent: Sent) -> None:
        nonlocal deferred
        if sent.method != "POST" or not sent.path.endswith("/callback"):
            return
        deferred += sent.body.get("type") == 5
        start = sent_at.pop(sent.path.split("/")[2], None)
        if start is None:
            return
        latencies.append(time.perf_counter() - start)
        window.release()
        if len(latencies) == n:
            done.set()

    fake.on_request = on_request
    payloads = []
    for i in range(n):
        giver = user(first + i, f"giver{first + i}")
        receiver = user(first + i + 1, f"giver{first + i + 1}")
        payloads.append(fake.slash(giver, "kudos", member=receiver, reason="thanks for the help"))
    began = time.perf_counter()
    for payload in payloads:
        await window.acquire()
        sent_at[payload["id"]] = time.perf_counter()
        await fake.send_interaction(payload)
    await asyncio.wait_for(done.wait(), 300)
    elapsed = time.perf_counter() - began
    fake.on_request = None
    fake.requests.clear()
    return {
        "rate": n / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "deferred": deferred,
    }


async def serve_fake() -> None:
    """The driver process: a fake Discord; reads `run BOT FIRST N CONCURRENCY` lines on stdin.

    BOT counts the bots connected so far (1 for the first): the run waits for that
    bot's gateway session, so events never go to a bot that just closed.
    """
    fake = await FakeDiscord().start()
    fake.token = TOKEN
    print(f"port {fake.port}", flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        _, bots, first, n, concurrency = line.split()

        def connected(bots: int = int(bots)) -> bool:
            sessions = list(fake.sessions.values())
            return len(sessions) >= bots and sessions[-1].ws is not None

        await fake.wait_for(connected, 30)
        result = await drive(fake, int(first), int(n), int(concurrency))
        print(json.dumps(result), flush=True)
    await fake.stop()


class Driver:
    """The parent's handle on the fake Discord's process."""

    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process = process
        self.api_url = f"http://127.0.0.1:{port}/api/v10"
        self.gateway_url = f"ws://127.0.0.1:{port}/gateway"
        self.bots = 0  # bots started so far

    @classmethod
    async def start(cls) -> Driver:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.discord_kudos_inprocess",
            "--serve-fake",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        line = (await process.stdout.readline()).decode()
        return cls(process, int(line.split()[1]))

    async def run(self, first: int, n: int, concurrency: int) -> dict[str, float]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"run {self.bots} {first} {n} {concurrency}\n".encode())
        await self.process.stdin.drain()
        line = await self.process.stdout.readline()
        if not line:
            raise SystemExit("the fake Discord process stopped")
        figures: dict[str, float] = json.loads(line)
        return figures

    async def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        await self.process.wait()


# ---------------------------------------------------------------- the bots' process


@contextlib.asynccontextmanager
async def connected(driver: Driver, client: discord.Client) -> AsyncIterator[None]:
    driver.bots += 1
    task = asyncio.create_task(client.start(TOKEN))
    try:
        await asyncio.sleep(0)
        yield
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def timed_run(driver: Driver, first: int, args: argparse.Namespace) -> dict[str, float]:
    """The measured run, plus CPU time per interaction: the bot's process (all threads),
    its event-loop thread alone, and the fake Discord's process."""
    cpu, loop_cpu = time.process_time(), time.thread_time()
    fake_cpu = _process_cpu(driver.process.pid)
    result = await driver.run(first, args.n, args.concurrency)
    result["loop_cpu_ms"] = (time.thread_time() - loop_cpu) / args.n * 1000
    result["cpu_ms"] = (time.process_time() - cpu) / args.n * 1000
    result["fake_cpu_ms"] = (_process_cpu(driver.process.pid) - fake_cpu) / args.n * 1000
    return result


async def run_bare(driver: Driver, args: argparse.Namespace, first: int) -> dict[str, float]:
    bot = BareBot()
    Route.BASE = driver.api_url
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(driver.gateway_url)
    async with connected(driver, bot):
        await driver.run(first, args.warmup, args.concurrency)
        return await timed_run(driver, first + args.warmup + 1, args)


# Roots sides: the real one, and two diagnostic ones that show where its cost goes.
ROOTS = "roots"
NO_DB = "no-db"  # the whole core, but the store answers a kudos as recorded, writing nothing
REPLAY = "replay"  # the adapter alone: every /kudos gets the core's first answer again
SIDES = ("bare", ROOTS, NO_DB, REPLAY)


def skip_the_write(core: Core) -> None:
    """``record_kudos`` says "recorded" at once (ids counted up) and writes nothing."""
    ids = itertools.count(1)

    async def record_kudos(draft: KudosDraft) -> KudosOutcome:
        await asyncio.sleep(0)
        return KudosOutcome(KudosStatus.RECORDED, kudos_ids=(next(ids),), given_today=1)

    core.store.record_kudos = record_kudos  # type: ignore[method-assign]


def replay_first_answer(core: Core) -> None:
    """``router.command`` runs the core once, then answers every call with that reply."""
    real = core.router.command
    first: list[asyncio.Task[list[Reply]]] = []  # shared by the calls that race the first

    async def command(call: CommandCall) -> list[Reply]:
        if not first:
            first.append(asyncio.ensure_future(real(call)))
        return await asyncio.shield(first[0])

    core.router.command = command  # type: ignore[method-assign]


async def run_roots(
    driver: Driver, args: argparse.Namespace, first: int, db: Path, side: str = ROOTS
) -> dict[str, float]:
    settings = Settings(database_url=f"sqlite:///{db}")
    discord_settings = DiscordSettings(token=TOKEN, api_url=driver.api_url)
    community = str(GUILD_ID)
    async with running_core(settings, clock=ManualClock(START)) as core:
        if not args.new_members:  # members the community has seen before, as in production
            ctx = Context("discord", community, str(CHANNEL_ID), Member(str(first), "giver"))
            await core.communities.settings(ctx)
            givers = [
                Member(str(first + i), f"giver{first + i}") for i in range(args.warmup + args.n + 3)
            ]
            await core.communities.see(community, *givers)
        if side == NO_DB:
            skip_the_write(core)
        elif side == REPLAY:
            replay_first_answer(core)
        bot = create_bot(core, discord_settings)
        async with connected(driver, bot):
            await driver.run(first, args.warmup, args.concurrency)
            result = await timed_run(driver, first + args.warmup + 1, args)
            # Deferred answers are counted at the defer; let their kudos finish.
            expected = {ROOTS: args.warmup + args.n, NO_DB: 0, REPLAY: 1}[side]
            for _ in range(600):
                given = await core.store.count_active_kudos(community)
                if given >= expected:
                    break
                await asyncio.sleep(0.1)
    if given != expected:
        raise SystemExit(f"Roots recorded {given} kudos, expected {expected}")
    return result


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    driver = await Driver.start()
    sides = SIDES if args.explain else ("bare", ROOTS)
    runs: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
    stride = args.n + args.warmup + 2
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for r in range(args.repeats):
                order = sides if r % 2 == 0 else sides[::-1]
                for side in order:
                    first = FIRST_USER + (len(sides) * r + sides.index(side)) * stride
                    if side == "bare":
                        runs[side].append(await run_bare(driver, args, first))
                    else:
                        db = Path(tmp) / f"{side}-{r}.db"
                        runs[side].append(await run_roots(driver, args, first, db, side))
    finally:
        await driver.stop()
    summary = {
        side: {
            key: median([run[key] for run in found])
            for key in (
                "rate",
                "p50_ms",
                "p99_ms",
                "cpu_ms",
                "loop_cpu_ms",
                "fake_cpu_ms",
                "deferred",
            )
        }
        for side, found in runs.items()
    }
    ratio = summary["roots"]["rate"] / summary["bare"]["rate"]
    return {
        "bench": "discord_kudos_inprocess",
        "n": args.n,
        "givers": args.n,
        "concurrency": args.concurrency,
        "new_members": args.new_members,
        "repeats": args.repeats,
        **summary,
        "ratios": {side: summary[side]["rate"] / summary["bare"]["rate"] for side in sides[1:]},
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "target_met": ratio >= TARGET_RATIO,
        "env": environment(),
    }


LABELS = {
    "bare": "bare",
    ROOTS: "roots",
    NO_DB: "(info) roots, store writes nothing",
    REPLAY: "(info) roots adapter, core's answer replayed",
}


def report(result: dict[str, Any]) -> str:
    sides = [side for side in SIDES if side in result]
    rows = [
        [
            LABELS[side],
            f"{result[side]['rate']:.0f}",
            f"{result[side]['p50_ms']:.2f}",
            f"{result[side]['p99_ms']:.2f}",
            f"{result[side]['cpu_ms']:.2f}",
            f"{result[side]['loop_cpu_ms']:.2f}",
            f"{result[side]['fake_cpu_ms']:.2f}",
            f"{result[side]['deferred']:.0f}",
            f"{result['ratios'][side]:.2f}" if side != "bare" else "",
        ]
        for side in sides
    ]
    head = table(
        [
            "bot",
            "answered/s",
            "p50 ms",
            "p99 ms",
            "CPU ms/answer",
            "loop",
            "fake",
            "deferred",
            "x bare",
        ],
        rows,
    )
    verdict = "met" if result["target_met"] else "MISSED"
    return (
        f"{head}\n\nroots/bare = {result['ratio']:.2f} (target >= {TARGET_RATIO}: {verdict}); "
        f"{result['n']} distinct givers, {result['concurrency']} outstanding, "
        f"median of {result['repeats']}"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.discord_kudos_inprocess")
    parser.add_argument("--n", type=int, default=2000, help="interactions (distinct givers)")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--serve-fake", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--new-members",
        action="store_true",
        help="givers unknown to the community until their /kudos (one more write each)",
    )
    parser.add_argument(
        "--no-explain",
        dest="explain",
        action="store_false",
        help="skip the two (info) sides that show where Roots' cost goes",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    logging.basicConfig(level=logging.ERROR)
    args = parse_args(argv)
    if args.serve_fake:
        asyncio.run(serve_fake())
        return {}
    tune_gc()  # as a roots process does at start (adapters/runner.py); both bots share it
    result = asyncio.run(measure(args))
    print(report(result))
    print(json_line(result))
    return result


if __name__ == "__main__":
    main()
