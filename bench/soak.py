"""Soak: one simulated hour of mixed traffic in 1,000 communities, compressed into minutes.

    .venv/bin/python -m bench.soak [--communities 1000] [--members 20] [--per-minute 600]

A fresh SQLite file and a core on a simulated clock (the router wrapped by the
metrics, as in production). Each community has a daily prompt in #general at a
minute of the simulated hour, so about 1,000 scheduled posts fall due along the
way. Every simulated minute the scheduler is moved on (posting what is due) and
``--per-minute`` events are handled, 50 at a time: kudos (55 %), ``/leaderboard``
(15 %), ``/roots`` (10 %), check-ins ``/done`` (15 %) and ``/prompt next`` (5 %),
from random members of random communities.

The measured hour follows ``--warmup`` (10) simulated minutes of the same traffic,
while SQLite's page caches and the WAL index fill up (RSS rises quickly there, then
flattens). Reported: resident memory (VmRSS) after setup, after the warm-up ("start"),
every 10 simulated minutes and at the end (target: growth under 10 % from start to
end); handler latency p50/p99 per kind and over
all (time from the router call to its replies); outcomes; posts sent. A table, then
one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import random
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._common import environment, json_line, percentile, table
from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery import Ownership
from bot.metrics import Metrics, instrument
from bot.runtime import tune_gc
from bot.types import CommandCall, Context, Member, Reply
from bot.wiring import Core, build_core

START = datetime(2026, 3, 23, 8, 0, tzinfo=UTC)  # a Monday
MIX = (("kudos", 55), ("leaderboard", 15), ("roots", 10), ("done", 15), ("prompt", 5))
CONCURRENCY = 50
TARGET_GROWTH = 0.10


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class CountingDelivery:
    def __init__(self) -> None:
        self.sent = 0

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        self.sent += 1
        return f"post-{self.sent}"

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN  # as a platform that cannot tell: send decides


class Soak:
    def __init__(
        self, core: Core, metrics: Metrics, communities: int, members: int, seed: int
    ) -> None:
        self.core = core
        self.metrics = metrics
        self.rng = random.Random(seed)
        self.communities = [f"T{c:04d}" for c in range(communities)]
        self.members = [
            Member(f"U{m:03d}", f"member{m}") for m in range(members)
        ]  # the same ids in every community, as separate people
        self.latency: dict[str, list[float]] = {name: [] for name, _ in MIX}
        self.outcomes: Counter[str] = Counter()
        self.kinds = [name for name, weight in MIX for _ in range(weight)]
        self.n = 0

    def ctx(self, community: str, who: Member, admin: bool = False) -> Context:
        return Context("soak", community, "general", who, admin)

    async def setup(self) -> None:
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one(i: int, community: str) -> None:
            async with gate:
                admin = self.members[0]
                await self.core.communities.settings(self.ctx(community, admin))
                for member in self.members:
                    await self.core.communities.see(community, member)
                minute = i % 60
                call = CommandCall(
                    self.ctx(community, admin, True),
                    "roots-config",
                    (
                        "prompts",
                        "#general",
                        f"{8 + (minute + 1) // 60:02d}:{(minute + 1) % 60:02d}",
                    ),
                )
                await self.core.router.command(call)

        await asyncio.gather(*(one(i, c) for i, c in enumerate(self.communities)))

    def event(self) -> tuple[str, CommandCall]:
        kind = self.rng.choice(self.kinds)
        community = self.rng.choice(self.communities)
        actor, other = self.rng.sample(self.members, 2)
        self.n += 1
        args: tuple[str, ...] = ()
        mentions: dict[str, Member] = {}
        if kind == "kudos":
            args = (f"<@{other.id}>", "thanks", "for", "the", "help", str(self.n))
            mentions = {other.id: other}
        elif kind == "leaderboard":
            args = (self.rng.choice(("week", "month", "all")),)
        elif kind == "roots" and self.rng.random() < 0.5:
            args = (f"<@{other.id}>",)
            mentions = {other.id: other}
        elif kind == "done":
            args = ("did", "it")
        elif kind == "prompt":
            args = ("next",)
        call = CommandCall(self.ctx(community, actor), kind, args, mentions, f"ev{self.n}")
        return kind, call

    async def traffic(self, events: int) -> None:
        gate = asyncio.Semaphore(CONCURRENCY)
        metrics = self.metrics

        async def one() -> None:
            kind, call = self.event()
            async with gate:
                start = time.perf_counter()
                replies = await self.core.router.command(call)
                self.latency[kind].append(time.perf_counter() - start)
            self.outcomes[metrics.outcome(replies)] += 1

        await asyncio.gather(*(one() for _ in range(events)))

    async def minute(self, at: datetime, events: int) -> None:
        await self.core.scheduler.advance_to(at)
        await self.traffic(events)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="roots-soak-"))
    clock = ManualClock(START)
    core = build_core(Settings(database_url=f"sqlite:///{folder}/soak.db"), clock=clock)
    metrics = Metrics()
    instrument(core, metrics)
    delivery = CountingDelivery()
    core.attach_delivery(delivery)
    await core.store.open()
    wall = time.perf_counter()
    try:
        soak = Soak(core, metrics, args.communities, args.members, args.seed)
        await soak.setup()
        await core.scheduler.startup()
        gc.collect()
        rss_setup = rss_mb()
        for minute in range(1, args.warmup + 1):  # caches fill: not measured
            await soak.minute(START + timedelta(minutes=minute), args.per_minute)
        for samples in soak.latency.values():
            samples.clear()
        soak.outcomes.clear()
        gc.collect()
        rss_start = rss_mb()
        checkpoints: list[tuple[int, float]] = [(0, rss_start)]
        for minute in range(1, args.minutes + 1):
            at = START + timedelta(minutes=args.warmup + minute)
            await soak.minute(at, args.per_minute)
            if minute % 10 == 0:
                checkpoints.append((minute, rss_mb()))
        gc.collect()
        rss_end = rss_mb()
    finally:
        await core.scheduler.stop()
        await core.store.close()
    seconds = time.perf_counter() - wall
    every = [s for samples in soak.latency.values() for s in samples]
    growth = (rss_end - rss_start) / rss_start
    rows = [
        (
            kind,
            len(samples),
            f"{percentile(samples, 50) * 1000:.2f}",
            f"{percentile(samples, 99) * 1000:.2f}",
        )
        for kind, samples in soak.latency.items()
        if samples
    ]
    rows.append(
        (
            "all",
            len(every),
            f"{percentile(every, 50) * 1000:.2f}",
            f"{percentile(every, 99) * 1000:.2f}",
        )
    )
    print(table(("kind", "events", "p50 ms", "p99 ms"), rows))
    print()
    print(
        table(
            ("measure", "value"),
            [
                ("communities", args.communities),
                ("simulated minutes", args.minutes),
                ("wall seconds", f"{seconds:.1f}"),
                ("events", len(every)),
                ("outcomes", ", ".join(f"{k} {v}" for k, v in sorted(soak.outcomes.items()))),
                ("scheduled posts sent", delivery.sent),
                ("RSS after setup MB", f"{rss_setup:.1f}"),
                ("RSS start MB (after warm-up)", f"{rss_start:.1f}"),
                (
                    "RSS by minute",
                    " ".join(f"{m}:{mb:.1f}" for m, mb in checkpoints),
                ),
                ("RSS end MB", f"{rss_end:.1f}"),
                ("RSS growth", f"{growth * 100:+.1f} % (target < {TARGET_GROWTH * 100:.0f} %)"),
            ],
        )
    )
    return {
        "bench": "soak",
        "communities": args.communities,
        "simulated_minutes": args.minutes,
        "wall_seconds": round(seconds, 1),
        "events": len(every),
        "outcomes": dict(soak.outcomes),
        "posts_sent": delivery.sent,
        "handler_p50_ms": round(percentile(every, 50) * 1000, 3),
        "handler_p99_ms": round(percentile(every, 99) * 1000, 3),
        "p99_ms_by_kind": {str(r[0]): float(r[3]) for r in rows if r[0] != "all"},
        "rss_setup_mb": round(rss_setup, 1),
        "warmup_minutes": args.warmup,
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
        "rss_growth": round(growth, 4),
        "rss_by_minute": {str(m): round(mb, 1) for m, mb in checkpoints},
        "target_met": growth < TARGET_GROWTH and soak.outcomes.get("error", 0) == 0,
        "environment": environment(),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.soak")
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--minutes", type=int, default=60, help="simulated minutes measured")
    parser.add_argument(
        "--warmup", type=int, default=10, help="simulated minutes first, not measured"
    )
    parser.add_argument("--per-minute", type=int, default=600, help="events per minute")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    tune_gc()  # as a roots process does at start (adapters/runner.py)
    result = asyncio.run(run(args))
    print(json_line(result))
    return result


if __name__ == "__main__":
    main()
