"""Kudos given per second through the core on SQLite, next to a raw aiosqlite loop.

    .venv/bin/python -m bench.kudos_throughput [--n 20000] [--repeats 3] [--profile]

Core side: a fresh database, one community, ``--workers`` (50) concurrent giver
coroutines. The givers are spread over the workers (``--givers`` 2,000 by
default, 40 per worker), so no two workers ever act for the same giver. Each
give is one ``KudosService.give`` with one receiver, a reason and an event id,
as a slash command would make it. Every giver gives to distinct receivers and
stays under the daily budget (raised to 50), so every give must succeed; the
run checks that the ledger holds exactly ``--n`` active kudos at the end. The
community keeps its default cooldown (60 s) unless ``--cooldown`` says
otherwise, so the per-pair cooldown check runs as in production.

Raw side: the same file layout and pragmas (``bot.storage.sqlite.apply_pragmas``),
the ledger table ``kudos`` and its indexes exactly as migration 001 creates
them but WITHOUT the aggregate triggers (``kudos_totals``/``kudos_pairs``), and
one coroutine looping ``BEGIN; INSERT one row; COMMIT`` for ``--n`` rows.

A round puts both sides on fresh files and alternates them in ``--slices`` (10)
slices of N/10 kudos (core first, then raw first, ...), so both see the same
machine conditions even when other processes come and go; a side's rate is its
kudos over its own time. ``--repeats`` (3) rounds follow a short warm-up; the
median rate of each side is reported with the ratio core/raw (target >= 1.0).
The run also reports how much CPU other processes took meanwhile and warns when
it was noticeable. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import logging
import pstats
import re
import sqlite3
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bench._common import CpuWatch, environment, json_line, load_warning, median, percentile, table
from bot.clock import ManualClock
from bot.config import Settings
from bot.periods import month_key, week_key
from bot.storage.migrations import migrations
from bot.storage.rows import ts
from bot.storage.sqlite import apply_pragmas
from bot.types import Context, Member
from bot.wiring import Core, running_core

COMMUNITY = "bench-community"
PLATFORM = "bench"
START = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)
REASON = "thanks for reviewing the release notes"
SOURCE = "command"
BUDGET = 50  # the service's maximum daily budget
TARGET_RATIO = 1.0

_INSERT = (
    "INSERT INTO kudos (community_id, action_id, giver_id, receiver_id, reason, channel_id,"
    " source, source_event_id, created_at, local_day, season, week_key, month_key)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# ---------------------------------------------------------------- workload


def check_plan(n: int, givers: int, workers: int) -> None:
    per_giver = -(-n // givers)
    if givers % workers:
        raise SystemExit("--givers must be a multiple of --workers")
    if per_giver > BUDGET or per_giver >= givers:
        raise SystemExit(f"--n {n} needs {per_giver} kudos per giver; raise --givers")


def pair(i: int, givers: int) -> tuple[int, int]:
    """Give ``i``: giver ``i % givers`` thanks the ``i // givers``-th member after them.

    Pairs never repeat (no cooldown hit) and nobody thanks themself.
    """
    giver = i % givers
    return giver, (giver + 1 + i // givers) % givers


def plan(seqs: range, givers: int, workers: int) -> list[list[tuple[int, int, int]]]:
    """Per worker, the (sequence, giver, receiver) gives it makes, in order.

    Giver ``g`` belongs to worker ``g % workers``: workers never share a giver.
    """
    jobs: list[list[tuple[int, int, int]]] = [[] for _ in range(workers)]
    for i in seqs:
        giver, receiver = pair(i, givers)
        jobs[giver % workers].append((i, giver, receiver))
    return jobs


def member(i: int) -> Member:
    return Member(f"u{i:05d}", f"Member {i}")


# ---------------------------------------------------------------- core side


async def _prepare(core: Core, givers: int, cooldown: int | None) -> None:
    admin = Context(PLATFORM, COMMUNITY, "admin", Member("admin", "Admin"), is_admin=True)
    await core.communities.settings(admin)
    await core.communities.update(admin, "daily_budget", str(BUDGET))
    if cooldown is not None:
        await core.communities.update(admin, "cooldown_seconds", str(cooldown))
    # Members already known, as in a community that has been running a while.
    await core.communities.see(COMMUNITY, *(member(i) for i in range(givers)))


class CoreSide:
    """A running core on a fresh database; ``run`` times one slice of gives."""

    def __init__(self, path: Path, args: argparse.Namespace) -> None:
        self.path = path
        self.args = args
        self.people = [member(i) for i in range(args.givers)]
        self.latencies: list[float] = []
        self.seconds = 0.0
        self.done = 0
        self._stack = AsyncExitStack()
        self._core: Core | None = None

    async def __aenter__(self) -> CoreSide:
        settings = Settings(database_url=f"sqlite:///{self.path}")
        core = await self._stack.enter_async_context(
            running_core(settings, clock=ManualClock(START))
        )
        await _prepare(core, self.args.givers, self.args.cooldown)
        self._core = core
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stack.aclose()

    async def run(self, seqs: range) -> None:
        core = self._core
        assert core is not None
        failures: list[str] = []

        async def worker(w: int, mine: list[tuple[int, int, int]]) -> None:
            for seq, giver, receiver in mine:
                ctx = Context(PLATFORM, COMMUNITY, f"channel-{w}", self.people[giver])
                started = time.perf_counter()
                given = await core.kudos.give(
                    ctx, [self.people[receiver]], REASON, source=SOURCE, event_id=f"evt-{seq}"
                )
                self.latencies.append(time.perf_counter() - started)
                if given is None or len(given.kudos_ids) != 1:
                    failures.append(f"give {seq} returned {given!r}")

        jobs = plan(seqs, self.args.givers, self.args.workers)
        started = time.perf_counter()
        await asyncio.gather(*(worker(w, mine) for w, mine in enumerate(jobs)))
        self.seconds += time.perf_counter() - started
        self.done += len(seqs)
        if failures:
            raise AssertionError(f"{len(failures)} gives failed, first: {failures[0]}")

    async def check(self) -> None:
        assert self._core is not None
        active = await self._core.store.count_active_kudos(COMMUNITY)
        if active != self.done:
            raise AssertionError(f"ledger holds {active} active kudos, expected {self.done}")


# ---------------------------------------------------------------- raw side


def ledger_ddl() -> list[str]:
    """Migration 001's communities and kudos tables and the kudos indexes, no triggers."""
    sql = next(s for v, _, s in migrations("sqlite") if v == 1)
    statements: list[str] = []
    buf = ""
    for line in sql.splitlines():
        if line.strip().startswith("--"):  # whole-line comments only
            continue
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    keep = re.compile(r"CREATE (TABLE (communities|kudos) \(|(UNIQUE )?INDEX \w+ ON kudos )")
    wanted = [stmt for stmt in statements if keep.match(" ".join(stmt.split()))]
    if len(wanted) != 6:
        raise RuntimeError(f"migration 001 changed shape; picked {len(wanted)} statements")
    return wanted


def raw_row(i: int, givers: int) -> tuple[Any, ...]:
    """Give ``i`` as the core would store it (same values, one receiver)."""
    giver, receiver = pair(i, givers)
    day = START.date()
    return (
        COMMUNITY,
        f"{i:032x}",
        member(giver).id,
        member(receiver).id,
        REASON,
        f"channel-{giver % 50}",
        SOURCE,
        f"evt-{i}",
        ts(START),
        day.isoformat(),
        1,
        week_key(day),
        month_key(day),
    )


class RawSide:
    """One aiosqlite connection, same pragmas; ``run`` times BEGIN/INSERT/COMMIT per row."""

    def __init__(self, path: Path, args: argparse.Namespace) -> None:
        self.path = path
        self.args = args
        self.seconds = 0.0
        self.done = 0
        self._db: aiosqlite.Connection | None = None

    async def __aenter__(self) -> RawSide:
        db = await aiosqlite.connect(self.path, isolation_level=None)
        await apply_pragmas(db)
        for stmt in ledger_ddl():
            await db.execute(stmt)
        await db.execute(
            "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
            " VALUES (?, ?, 'UTC', 'en', ?)",
            (COMMUNITY, PLATFORM, ts(START)),
        )
        self._db = db
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._db is not None:
            await self._db.close()

    async def run(self, seqs: range) -> None:
        db = self._db
        assert db is not None
        rows = [raw_row(i, self.args.givers) for i in seqs]
        started = time.perf_counter()
        for row in rows:
            await db.execute("BEGIN")
            await db.execute(_INSERT, row)
            await db.execute("COMMIT")
        self.seconds += time.perf_counter() - started
        self.done += len(seqs)

    async def check(self) -> None:
        assert self._db is not None
        async with self._db.execute("SELECT count(*) FROM kudos WHERE revoked_at IS NULL") as cur:
            found = await cur.fetchone()
        if found is None or found[0] != self.done:
            raise AssertionError(f"raw table holds {found}, expected {self.done}")


# ---------------------------------------------------------------- driver


async def one_round(
    root: Path, tag: str, args: argparse.Namespace, n: int, slices: int, first: int
) -> tuple[CoreSide, RawSide]:
    """Both sides on fresh files, ``n`` kudos each, in ``slices`` alternating slices.

    Slicing keeps both sides under the same machine conditions even when other
    processes come and go; each side's rate is its kudos over its own time.
    """
    bounds = [n * k // slices for k in range(slices + 1)]
    async with (
        CoreSide(root / f"core-{tag}.db", args) as core,
        RawSide(root / f"raw-{tag}.db", args) as raw,
    ):
        sides: tuple[CoreSide | RawSide, ...] = (core, raw)
        for k in range(slices):
            seqs = range(bounds[k], bounds[k + 1])
            order = sides if (k + first) % 2 == 0 else sides[::-1]
            for side in order:
                await side.run(seqs)
        await core.check()
        await raw.check()
    return core, raw


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    check_plan(args.n, args.givers, args.workers)
    watch = CpuWatch()
    core_runs: list[CoreSide] = []
    raw_runs: list[RawSide] = []
    with tempfile.TemporaryDirectory(prefix="roots-bench-") as tmp:
        root = Path(tmp)
        await one_round(root, "warm", args, min(args.n, args.warmup), 2, 0)
        for rep in range(args.repeats):
            core, raw = await one_round(root, str(rep), args, args.n, args.slices, rep)
            core_runs.append(core)
            raw_runs.append(raw)
            print(
                f"  round {rep + 1}/{args.repeats}: core {core.done / core.seconds:,.0f} kudos/s"
                f" ({core.seconds:.2f} s), raw {raw.done / raw.seconds:,.0f} kudos/s"
                f" ({raw.seconds:.2f} s)",
                file=sys.stderr,
                flush=True,
            )
    share = watch.others_share()
    core_rates = [c.done / c.seconds for c in core_runs]
    raw_rates = [r.done / r.seconds for r in raw_runs]
    ratios = [c / r for c, r in zip(core_rates, raw_rates, strict=True)]
    rate_core, rate_raw = median(core_rates), median(raw_rates)
    return {
        "bench": "kudos_throughput",
        "n": args.n,
        "workers": args.workers,
        "givers": args.givers,
        "repeats": args.repeats,
        "slices": args.slices,
        "cooldown_seconds": 60 if args.cooldown is None else args.cooldown,
        "raw_table": "kudos as in migration 001 (same columns, indexes), no aggregate triggers",
        "rate_core": round(rate_core, 1),
        "rate_raw": round(rate_raw, 1),
        "ratio": round(rate_core / rate_raw, 3),
        "ratio_per_round": [round(x, 3) for x in ratios],
        "target_ratio": TARGET_RATIO,
        "target_met": rate_core / rate_raw >= TARGET_RATIO,
        "core_rates": [round(x, 1) for x in core_rates],
        "raw_rates": [round(x, 1) for x in raw_rates],
        "core_give_p50_ms": round(
            median([percentile(c.latencies, 50) for c in core_runs]) * 1e3, 3
        ),
        "core_give_p99_ms": round(
            median([percentile(c.latencies, 99) for c in core_runs]) * 1e3, 3
        ),
        "env": environment(),
        "others_cpu_share": None if share is None else round(share, 3),
    }


def report(result: dict[str, Any]) -> str:
    rows = [
        [
            "core (KudosService.give, 50 workers)",
            f"{result['rate_core']:,.0f}",
            " / ".join(f"{r:,.0f}" for r in result["core_rates"]),
        ],
        [
            "raw (BEGIN; INSERT; COMMIT per row)",
            f"{result['rate_raw']:,.0f}",
            " / ".join(f"{r:,.0f}" for r in result["raw_rates"]),
        ],
    ]
    verdict = "met" if result["target_met"] else "MISSED"
    return "\n".join(
        [
            f"kudos throughput: {result['n']:,} kudos per side and round, {result['workers']}"
            f" concurrent givers ({result['givers']:,} distinct), cooldown"
            f" {result['cooldown_seconds']} s, median of {result['repeats']} rounds of"
            f" {result['slices']} alternating slices",
            f"raw side: {result['raw_table']}",
            "",
            table(["side", "kudos/s (median)", "rounds"], rows),
            "",
            f"core give latency: p50 {result['core_give_p50_ms']:.2f} ms,"
            f" p99 {result['core_give_p99_ms']:.2f} ms",
            f"ratio core/raw = {result['ratio']:.3f} (target >= {TARGET_RATIO}): {verdict};"
            f" per round {' / '.join(f'{r:.2f}' for r in result['ratio_per_round'])}",
        ]
    )


def profile(args: argparse.Namespace) -> None:
    """cProfile one core run (wall time is inflated; look at the shares)."""

    async def once() -> None:
        check_plan(args.n, args.givers, args.workers)
        with tempfile.TemporaryDirectory(prefix="roots-bench-") as tmp:
            async with CoreSide(Path(tmp) / "p.db", args) as core:
                await core.run(range(args.n))
                await core.check()

    prof = cProfile.Profile()
    prof.enable()
    asyncio.run(once())
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("tottime")
    stats.print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    print(out.getvalue(), file=sys.stderr)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.kudos_throughput")
    parser.add_argument("--n", type=int, default=20_000, help="kudos per side and round")
    parser.add_argument("--workers", type=int, default=50, help="concurrent giver coroutines")
    parser.add_argument("--givers", type=int, default=2_000, help="distinct givers")
    parser.add_argument("--repeats", type=int, default=3, help="rounds, each on fresh files")
    parser.add_argument(
        "--slices", type=int, default=10, help="alternating core/raw slices per round"
    )
    parser.add_argument("--warmup", type=int, default=2_000, help="kudos per side to warm up")
    parser.add_argument(
        "--cooldown", type=int, default=None, help="community cooldown_seconds (default: keep 60)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile one core run instead")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.profile:
        profile(args)
        return {}
    result = asyncio.run(measure(args))
    print(report(result))
    warning = load_warning(result["others_cpu_share"])
    if warning:
        print(warning)
    print(json_line(result))
    if args.strict and not result["target_met"]:
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main()
