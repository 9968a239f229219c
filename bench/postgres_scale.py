"""Roots on PostgreSQL: kudos/s with 1 and 4 writer processes, and leaderboard p99 at 1M rows.

    .venv/bin/python -m bench.postgres_scale [--url postgresql://postgres@127.0.0.1:5432/test]
                                             [--n 1500] [--repeats 3] [--rows 1000000]

Everything happens in a private schema (``?search_path=<schema>``), created at the
start and dropped at the end, even on failure.

Writers: a configuration is P writer processes (``bench._pg_worker``), each opening
its own core (``running_core``, default pool of 10 connections) and giving ``--n``
kudos through ``KudosService.give`` from ``--workers`` (50) concurrent coroutines,
with ``--givers`` (1,000) givers of its own, so budgets (raised to 50) and cooldowns
never refuse: every give must succeed and ``count_active_kudos`` must equal P x N.
The processes open their cores, report ready, and all start at the same wall-clock
instant; the rate is P x N over the window from the first start to the last end.
Configurations, in the same run, each on a fresh community: 1 process on SQLite (a
temporary file), 1 process on PostgreSQL, 4 processes on PostgreSQL. ``--repeats``
rounds (order rotated each round); the median rate of each is reported, and the
ratio 4 x PG / 1 x PG (target >= 2.5), with the share of all CPUs busy meanwhile.

Round trips (issue #17: a kudos in at most 2): ``bench.roundtrips.measure``, kudos
through the core one at a time, then 20 at once, counted on the wire by a loopback
proxy, in a schema of its own.

Leaderboard: ``--rows`` ledger rows made by ``bench.leaderboard_latency.ledger_rows``
(2,000 members, 365 days up to a Sunday, Zipf-like) go into the schema: the rows
before this ISO week by COPY with the aggregate trigger disabled and the kudos
indexes dropped, ``kudos_totals``/``kudos_pairs`` then built by GROUP BY with the
trigger's period keys (life, s<season>, s<season>:w<week>, s<season>:m<month>), the
indexes rebuilt and the trigger enabled; this week's rows then go through the real
trigger (COPY fires it per row). The aggregates are checked (grand totals, and the
callers' rows against the ledger). Then ``core.leaderboard.board(ctx, (GIVERS,
RECEIVERS), window)`` for Window.ALL and Window.WEEK, asked by a typical member and a
newcomer (both outside every top 10): ``--warmup`` untimed and ``--calls`` (1,000)
timed calls each; p50/p99 (target p99 < 10 ms for the typical caller).

The machine's CPUs are shared by the writer processes AND the PostgreSQL server: on a
2-CPU machine 4 writers cannot scale past what 2 CPUs give; the output says so. The
last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bench import leaderboard_latency as lb
from bench import roundtrips
from bench._common import environment, json_line, median, percentile, table
from bench.kudos_throughput import BUDGET, START, check_plan
from bot.clock import ManualClock
from bot.config import Settings
from bot.types import Context, Member
from bot.wiring import running_core

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
PLATFORM = "bench"
TARGET_RATIO = 2.5
TARGET_P99_MS = 10.0
TARGET_CPU_MS = 1.0  # issue #17: client + server CPU per kudos
TARGET_LOCK_WAIT = 0.05  # issue #17: share of active backend samples waiting on a lock
CONFIGS = (("sqlite", 1), ("postgres", 1), ("postgres", 4))
COLUMNS = (
    "community_id",
    "action_id",
    "giver_id",
    "receiver_id",
    "reason",
    "channel_id",
    "source",
    "source_event_id",
    "created_at",
    "local_day",
    "season",
    "week_key",
    "month_key",
)


# ---------------------------------------------------------------- schema


def with_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    extra = f"search_path={schema}&application_name={schema}"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


async def create_schema(url: str, schema: str) -> None:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
    finally:
        await conn.close()


async def drop_schema(url: str, schema: str) -> None:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        # Leftover connections (a killed writer) would hold locks: end them first.
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = $1 AND pid <> pg_backend_pid()",
            schema,
        )
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    finally:
        await conn.close()


# ---------------------------------------------------------------- writers


async def prepare_community(url: str, community: str) -> None:
    """The community exists with the maximum daily budget (the core creates it)."""
    async with running_core(Settings(database_url=url), clock=ManualClock(START)) as core:
        admin = Context(PLATFORM, community, "admin", Member("admin", "Admin"), is_admin=True)
        await core.communities.settings(admin)
        await core.communities.update(admin, "daily_budget", str(BUDGET))


async def count_active(url: str, community: str) -> int:
    async with running_core(Settings(database_url=url), clock=ManualClock(START)) as core:
        return await core.store.count_active_kudos(community)


def _cpu_jiffies() -> tuple[int, int] | None:
    """(busy, total) jiffies over all CPUs, from /proc/stat; None where it is missing."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


class ServerSampler:
    """What the PostgreSQL server does for the writers, sampled every ``interval`` seconds.

    In a thread of its own, on its own connection (another application_name, so not
    counted): the writers' backends (``application_name`` = the bench schema) from
    ``pg_stat_activity``: their CPU time from ``/proc/<pid>/stat`` (the server must
    run on this host; None otherwise), and how many of the active ones wait for a
    heavyweight lock (``wait_event_type = 'Lock'``). Server CPU = for each backend,
    its last sample minus its first (0 for a backend born after the first sample);
    the shared WAL writer and checkpointer are not counted.
    """

    def __init__(self, url: str, application: str, interval: float = 0.01) -> None:
        self.url = url
        self.application = application
        self.interval = interval
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.active = 0  # active backend-samples
        self.lock_waits = 0  # of which waiting on a heavyweight lock
        self.lwlock_waits = 0  # of which waiting on a lightweight lock (info)
        self.proc_readable = True
        self.read_any = False  # a backend's /proc read at least once (else not this host)
        self._stop = threading.Event()
        self._started = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> ServerSampler:
        self._thread.start()
        self._started.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    async def _run(self) -> None:
        from bench.procs import cpu_seconds

        conn = await asyncpg.connect(_without_app(self.url), timeout=10)
        try:
            first_round = True
            while not self._stop.is_set():
                rows = await conn.fetch(
                    "SELECT pid, state, wait_event_type FROM pg_stat_activity"
                    " WHERE application_name = $1",
                    self.application,
                )
                for row in rows:
                    try:
                        cpu = cpu_seconds(row["pid"])
                    except PermissionError:
                        self.proc_readable = False  # not readable by this user
                        cpu = 0.0
                    except (OSError, ValueError, IndexError):
                        # The backend ended since the query (a pool closing: the file is
                        # gone or half-written), or it is another host's (no backend ever
                        # read: see server_cpu).
                        continue
                    self.read_any = True
                    self.first.setdefault(row["pid"], cpu if first_round else 0.0)
                    self.last[row["pid"]] = cpu
                    if row["state"] == "active":
                        self.active += 1
                        self.lock_waits += row["wait_event_type"] == "Lock"
                        self.lwlock_waits += row["wait_event_type"] == "LWLock"
                first_round = False
                self._started.set()
                await asyncio.sleep(self.interval)
        finally:
            self._started.set()
            await conn.close()

    def server_cpu(self) -> float | None:
        if not self.proc_readable or not self.read_any:
            return None
        return sum(self.last[pid] - self.first[pid] for pid in self.last)

    def lock_wait_share(self) -> float | None:
        return self.lock_waits / self.active if self.active else None


def _without_app(url: str) -> str:
    """``url`` with this bench's application_name removed (the sampler is not a writer)."""
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if not p.startswith("application_name="))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def run_writers(url: str, community: str, procs: int, args: argparse.Namespace) -> dict[str, Any]:
    """``procs`` writer processes started together; aggregate kudos/s over one window."""
    asyncio.run(prepare_community(url, community))
    command = [sys.executable, "-m", "bench._pg_worker", url, community]
    children = [
        subprocess.Popen(
            [*command, str(i), str(args.n), str(args.givers), str(args.workers)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(procs)
    ]
    try:
        for child in children:
            assert child.stdout is not None
            line = child.stdout.readline().strip()
            if line != "ready":
                raise RuntimeError(f"writer said {line!r} instead of ready")
        application = _application(url)
        sampler = ServerSampler(url, application) if application else contextlib.nullcontext()
        with sampler:
            start_at = time.time() + 0.3
            time.sleep(0.25)
            cpu_before = _cpu_jiffies()
            for child in children:
                assert child.stdin is not None
                child.stdin.write(f"{start_at}\n")
                child.stdin.flush()
            reports = []
            for child in children:
                out, _ = child.communicate(timeout=args.timeout)
                if child.returncode != 0:
                    raise RuntimeError(f"writer exited {child.returncode}")
                reports.append(json.loads(out.strip().splitlines()[-1]))
            cpu_after = _cpu_jiffies()
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    failures = sum(r["failures"] for r in reports)
    if failures:
        first = next(r["first_failure"] for r in reports if r["failures"])
        raise AssertionError(f"{failures} gives failed, first: {first}")
    active = asyncio.run(count_active(url, community))
    if active != procs * args.n:
        raise AssertionError(f"{community} holds {active} active kudos, expected {procs * args.n}")
    window = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    busy = None  # share of all CPUs busy (writers, server, anything else) meanwhile
    if cpu_before is not None and cpu_after is not None:
        busy = (cpu_after[0] - cpu_before[0]) / max(cpu_after[1] - cpu_before[1], 1)
    client_cpu = sum(r["cpu_s"] for r in reports)
    sampled = sampler if isinstance(sampler, ServerSampler) else None
    server_cpu = sampled.server_cpu() if sampled else None
    return {
        "kudos": active,
        "client_cpu_ms_per_kudos": client_cpu / active * 1000,
        "server_cpu_ms_per_kudos": None if server_cpu is None else server_cpu / active * 1000,
        "lock_wait_share": sampled.lock_wait_share() if sampled else None,
        "lwlock_wait_share": sampled.lwlock_waits / sampled.active
        if sampled and sampled.active
        else None,
        "seconds": window,
        "rate": active / window,
        "start_skew_ms": (max(r["began"] for r in reports) - min(r["began"] for r in reports))
        * 1000,
        "per_process_rate": [r["done"] / (r["ended"] - r["began"]) for r in reports],
        "p50_ms": median([r["p50_ms"] for r in reports]),
        "p99_ms": max(r["p99_ms"] for r in reports),
        "cpu_busy": busy,
    }


def _application(url: str) -> str | None:
    """The application_name ``with_schema`` put in a PostgreSQL URL (None for SQLite)."""
    for part in urlsplit(url).query.split("&"):
        if part.startswith("application_name="):
            return part.split("=", 1)[1]
    return None


def _median_or_none(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else median(values)  # type: ignore[arg-type]


def writers(pg_url: str, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    found: dict[str, list[dict[str, Any]]] = {}
    sqlite_url = f"sqlite:///{tmp / 'writers.db'}"
    for k in range(args.repeats):
        turn = CONFIGS[k % len(CONFIGS) :] + CONFIGS[: k % len(CONFIGS)]
        for backend, procs in turn:
            name = f"{procs}x{backend}"
            url = pg_url if backend == "postgres" else sqlite_url
            print(f"  round {k + 1}: {name}...", file=sys.stderr, flush=True)
            got = run_writers(url, f"bench-{name}-{k}", procs, args)
            print(
                f"    {got['kudos']:,} kudos in {got['seconds']:.2f} s = {got['rate']:,.0f}/s",
                file=sys.stderr,
                flush=True,
            )
            found.setdefault(name, []).append(got)
    out: dict[str, Any] = {}
    for name, runs in found.items():
        rates = [r["rate"] for r in runs]
        best = sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]
        out[name] = {
            "rate_median": median(rates),
            "rates": rates,
            "kudos_per_run": runs[0]["kudos"],
            "p50_ms": best["p50_ms"],
            "p99_ms": best["p99_ms"],
            "start_skew_ms_max": max(r["start_skew_ms"] for r in runs),
            "per_process_rate": best["per_process_rate"],
            "cpu_busy_median": None
            if any(r["cpu_busy"] is None for r in runs)
            else median([r["cpu_busy"] for r in runs]),
            "client_cpu_ms_per_kudos": median([r["client_cpu_ms_per_kudos"] for r in runs]),
            "server_cpu_ms_per_kudos": _median_or_none(
                [r["server_cpu_ms_per_kudos"] for r in runs]
            ),
            "lock_wait_share": _median_or_none([r["lock_wait_share"] for r in runs]),
            "lwlock_wait_share": _median_or_none([r["lwlock_wait_share"] for r in runs]),
        }
    return out


# ---------------------------------------------------------------- leaderboard seeding

_PERIODS = (
    "'life'",
    "'s' || season",
    "'s' || season || ':w' || week_key",
    "'s' || season || ':m' || month_key",
)
# What the kudos_count trigger accumulates, by GROUP BY: per role down to (season,
# week, month, member) first, then expanded into the trigger's four period keys.
_FAST_TOTALS = (
    "WITH base AS MATERIALIZED ("
    " SELECT community_id, season, week_key, month_key, giver_id AS member_id,"
    " count(*) AS g, 0 AS r FROM kudos WHERE community_id = $1"
    " GROUP BY community_id, season, week_key, month_key, giver_id"
    " UNION ALL"
    " SELECT community_id, season, week_key, month_key, receiver_id, 0, count(*) FROM kudos"
    " WHERE community_id = $1 GROUP BY community_id, season, week_key, month_key, receiver_id)"
    " SELECT community_id, period, member_id, sum(g), sum(r) FROM ("
    + " UNION ALL ".join(
        f"SELECT community_id, {p} AS period, member_id, g, r FROM base" for p in _PERIODS
    )
    + ") AS expanded GROUP BY community_id, period, member_id"
)
_PAIRS = (
    "SELECT community_id, giver_id, receiver_id, count, last_at, first_at,"
    " CASE WHEN giver_id <> receiver_id AND NOT EXISTS (SELECT 1 FROM kudos b"
    "   WHERE b.community_id = f.community_id AND b.giver_id = f.receiver_id"
    "   AND b.receiver_id = f.giver_id AND (b.created_at < f.first_at"
    "   OR (b.created_at = f.first_at AND b.giver_id < f.giver_id)))"
    " THEN 1 ELSE 0 END FROM (SELECT community_id, giver_id, receiver_id, count(*) AS count,"
    " max(created_at) AS last_at, min(created_at) AS first_at"
    " FROM kudos WHERE community_id = $1 GROUP BY community_id, giver_id, receiver_id) AS f"
)


async def seed(url: str, n: int) -> dict[str, Any]:
    phases: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = now - clock
        clock = now

    async with running_core(Settings(database_url=url), clock=ManualClock(lb.NOW)) as core:
        ctx = Context(PLATFORM, lb.COMMUNITY, "general", lb.member(0))
        await core.communities.settings(ctx)
        await core.communities.see(lb.COMMUNITY, *(lb.member(i) for i in range(lb.MEMBERS)))
    lap("schema_and_members")
    week_start = lb._week_start().isoformat()
    before: list[tuple[Any, ...]] = []
    tail: list[tuple[Any, ...]] = []
    for row in lb.ledger_rows(n, seed=n):
        (tail if row[9] >= week_start else before).append(row)
    lap("generate_rows")
    conn = await asyncpg.connect(url, timeout=10)
    try:
        indexes = await conn.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = 'kudos' AND indexname <> 'kudos_pkey'"
        )
        async with conn.transaction():
            await conn.execute("ALTER TABLE kudos DISABLE TRIGGER kudos_count")
            for idx in indexes:
                await conn.execute(f"DROP INDEX {idx['indexname']}")
            await conn.copy_records_to_table("kudos", records=before, columns=COLUMNS)
        lap("copy_without_trigger")
        async with conn.transaction():
            await conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for idx in indexes:
                await conn.execute(idx["indexdef"])
        lap("ledger_indexes")
        async with conn.transaction():
            await conn.execute("SET LOCAL work_mem = '128MB'")
            await conn.execute(
                "INSERT INTO kudos_totals (community_id, period, member_id, given, received) "
                + _FAST_TOTALS,
                lb.COMMUNITY,
            )
            await conn.execute(f"INSERT INTO kudos_pairs {_PAIRS}", lb.COMMUNITY)
            await conn.execute("ALTER TABLE kudos ENABLE TRIGGER kudos_count")
        lap("aggregates_by_group_by")
        await conn.copy_records_to_table("kudos", records=tail, columns=COLUMNS)
        lap("rows_through_trigger")
        await conn.execute("VACUUM ANALYZE kudos")
        await conn.execute("VACUUM ANALYZE kudos_totals")
        await conn.execute("VACUUM ANALYZE kudos_pairs")
        await conn.execute("ANALYZE members")
        lap("vacuum_analyze")
        counts = {
            t: await conn.fetchval(
                f"SELECT count(*) FROM {t} WHERE community_id = $1", lb.COMMUNITY
            )
            for t in ("kudos", "kudos_totals", "kudos_pairs")
        }
        await verify(conn, n)
        lap("verify")
        size = await conn.fetchval(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
            " JOIN pg_namespace s ON s.oid = c.relnamespace"
            " WHERE s.nspname = current_schema() AND c.relkind = 'r'"
        )
    finally:
        await conn.close()
    if counts["kudos"] != n:
        raise AssertionError(f"seeded {counts['kudos']} rows, expected {n}")
    return {
        "seconds": sum(phases.values()),
        "phases_s": phases,
        "rows_through_trigger": len(tail),
        "schema_mb": int(size) / 2**20,
        **{f"{t}_rows": c for t, c in counts.items()},
    }


async def verify(conn: asyncpg.Connection, n: int) -> None:
    """Grand totals, and the callers' aggregate rows equal to what the ledger says."""
    totals = await conn.fetchrow(
        "SELECT sum(given), sum(received) FROM kudos_totals WHERE community_id = $1",
        lb.COMMUNITY,
    )
    assert totals is not None  # an aggregate always has its row
    given, received = totals
    pairs = await conn.fetchval(
        "SELECT sum(count) FROM kudos_pairs WHERE community_id = $1", lb.COMMUNITY
    )
    if given != 4 * n or received != 4 * n or pairs != n:
        raise AssertionError(f"aggregates hold {given}/{received}/{pairs} for {n} kudos")
    for caller in lb.CALLERS.values():
        expected = await conn.fetch(
            "SELECT period, sum(g) AS given, sum(r) AS received FROM ("
            + " UNION ALL ".join(
                f"SELECT {p} AS period, (giver_id = $2)::int AS g, (receiver_id = $2)::int AS r"
                " FROM kudos WHERE community_id = $1 AND (giver_id = $2 OR receiver_id = $2)"
                for p in _PERIODS
            )
            + ") AS e GROUP BY period ORDER BY period",
            lb.COMMUNITY,
            caller.id,
        )
        stored = await conn.fetch(
            "SELECT period, given, received FROM kudos_totals"
            " WHERE community_id = $1 AND member_id = $2 ORDER BY period",
            lb.COMMUNITY,
            caller.id,
        )
        if [tuple(r) for r in expected] != [tuple(r) for r in stored]:
            raise AssertionError(f"kudos_totals rows of {caller.id} differ from the ledger")


async def time_boards(url: str, calls: int, warmup: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with running_core(Settings(database_url=url), clock=ManualClock(lb.NOW)) as core:
        for name, caller in lb.CALLERS.items():
            ctx = Context(PLATFORM, lb.COMMUNITY, "general", caller)
            for window in lb.WINDOWS:
                ranks = lb._check(await core.leaderboard.board(ctx, lb.ROLES, window), caller)
                for _ in range(warmup):
                    await core.leaderboard.board(ctx, lb.ROLES, window)
                samples = []
                for _ in range(calls):
                    started = time.perf_counter_ns()
                    await core.leaderboard.board(ctx, lb.ROLES, window)
                    samples.append((time.perf_counter_ns() - started) / 1e6)
                out.setdefault(name, {})[window.value] = {
                    "p50_ms": percentile(samples, 50),
                    "p99_ms": percentile(samples, 99),
                    "max_ms": max(samples),
                    "caller_rank": ranks,
                }
    return out


# ---------------------------------------------------------------- driver


def run(args: argparse.Namespace) -> dict[str, Any]:
    check_plan(args.n, args.givers, args.workers)
    print("  round trips per kudos...", file=sys.stderr, flush=True)
    trips = asyncio.run(roundtrips.measure(args.url))
    schema = f"roots_bench_{uuid.uuid4().hex[:12]}"
    url = with_schema(args.url, schema)
    asyncio.run(create_schema(args.url, schema))
    try:
        with tempfile.TemporaryDirectory(prefix="roots-bench-") as tmp:
            load_before = os.getloadavg()
            found = writers(url, Path(tmp), args)
        seeding: dict[str, Any] | None = None
        boards: dict[str, Any] | None = None
        if not args.writers_only:
            print(f"  seeding {args.rows:,} ledger rows...", file=sys.stderr, flush=True)
            seeding = asyncio.run(seed(url, args.rows))
            steps = ", ".join(f"{k} {v:.1f}" for k, v in seeding["phases_s"].items())
            print(f"  seeded in {seeding['seconds']:.1f} s ({steps})", file=sys.stderr, flush=True)
            print("  timing boards...", file=sys.stderr, flush=True)
            boards = asyncio.run(time_boards(url, args.calls, args.warmup))
    finally:
        asyncio.run(drop_schema(args.url, schema))
    ratio = found["4xpostgres"]["rate_median"] / found["1xpostgres"]["rate_median"]
    typical_p99 = max(boards["typical"][w.value]["p99_ms"] for w in lb.WINDOWS) if boards else None
    result: dict[str, Any] = {
        "bench": "postgres_scale",
        "server": re.sub(r"//[^@/]*@", "//", args.url),
        "schema": schema,
        "n_per_process": args.n,
        "workers_per_process": args.workers,
        "givers_per_process": args.givers,
        "repeats": args.repeats,
        "writers": _rounded(found),
        "ratio_4x_1x_postgres": round(ratio, 3),
        "ratio_1x_postgres_sqlite": round(
            found["1xpostgres"]["rate_median"] / found["1xsqlite"]["rate_median"], 3
        ),
        "loadavg_before": [round(v, 2) for v in load_before],
        "rows": None if args.writers_only else args.rows,
        "seed": _rounded(seeding),
        "boards": _rounded(boards),
        "goals": {"ratio_4x_1x_min": TARGET_RATIO, "p99_ms_max": TARGET_P99_MS},
        "target_met_ratio": ratio >= TARGET_RATIO,
        "target_met_p99": None if typical_p99 is None else typical_p99 < TARGET_P99_MS,
        "round_trips": trips,
        "targets": [roundtrips.target(trips), *issue17_targets(found)],
        "env": environment(),
    }
    result["target_met"] = result["target_met_ratio"] and result["target_met_p99"] is not False
    return result


def issue17_targets(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue #17's PostgreSQL targets: CPU per kudos (client + server), 4-writer lock waits."""
    one, four = found["1xpostgres"], found["4xpostgres"]
    targets = []
    if one["server_cpu_ms_per_kudos"] is None:
        targets.append(
            {
                "target": "PostgreSQL: CPU per kudos (client + server), 1 writer",
                "measured": f"client {one['client_cpu_ms_per_kudos']:.2f} ms; server unreadable",
                "goal": f"<= {TARGET_CPU_MS} ms",
                "met": None,
                "not_measured": "the server's processes are not readable in /proc here",
            }
        )
    else:
        total = one["client_cpu_ms_per_kudos"] + one["server_cpu_ms_per_kudos"]
        targets.append(
            {
                "target": "PostgreSQL: CPU per kudos (client + server), 1 writer",
                "measured": f"{total:.2f} ms ({one['client_cpu_ms_per_kudos']:.2f}"
                f" + {one['server_cpu_ms_per_kudos']:.2f})",
                "goal": f"<= {TARGET_CPU_MS} ms",
                "met": total <= TARGET_CPU_MS,
            }
        )
    share = four["lock_wait_share"]
    targets.append(
        {
            "target": "PostgreSQL: lock-wait share, 4 writers",
            "measured": "no active samples" if share is None else f"{share:.1%}",
            "goal": f"< {TARGET_LOCK_WAIT:.0%}",
            "met": None if share is None else share < TARGET_LOCK_WAIT,
        }
    )
    return targets


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


WRITER_COLUMNS = ("config", "kudos", "kudos/s", "each round", "p50 ms", "p99 ms", "CPUs busy")


def report(result: dict[str, Any]) -> str:
    w = result["writers"]
    rows = [
        [
            name,
            f"{d['kudos_per_run']:,}",
            f"{d['rate_median']:,.0f}",
            " / ".join(f"{r:,.0f}" for r in d["rates"]),
            f"{d['p50_ms']:.1f}",
            f"{d['p99_ms']:.1f}",
            "?" if d["cpu_busy_median"] is None else f"{d['cpu_busy_median']:.0%}",
            f"{d['client_cpu_ms_per_kudos']:.2f}",
            _fmt(d["server_cpu_ms_per_kudos"], "{:.2f}"),
            _fmt(d["lock_wait_share"], "{:.1%}"),
            _fmt(d["lwlock_wait_share"], "{:.1%}"),
        ]
        for name, d in w.items()
    ]
    cpus = result["env"]["cpus"]
    lines = [
        f"kudos through the core, {result['workers_per_process']} concurrent givers per process,"
        f" {result['n_per_process']:,} kudos per process, {result['repeats']} rounds (median):",
        "",
        table(
            [
                "config",
                "kudos",
                "kudos/s",
                "each round",
                "p50 ms",
                "p99 ms",
                "CPUs busy",
                "client CPU ms/kudos",
                "server CPU ms/kudos",
                "lock waits",
                "LWLock waits",
            ],
            rows,
        ),
        "",
        "client CPU: the writer processes' CPU over their window; server CPU: the writers'"
        " backends (/proc, sampled every 10 ms; WAL writer and checkpointer not counted);"
        " lock waits: share of active backend samples waiting on a heavyweight lock.",
        f"round trips per kudos through the core (bench.roundtrips, warm, counted on the wire):"
        f" {result['round_trips']['round_trips_per_kudos_max']} at most one at a time;"
        f" {result['round_trips']['round_trips_group']} for"
        f" {result['round_trips']['group']} given at once.",
        *[
            f"{t['target']}: {t['measured']} (goal {t['goal']}):"
            f" {'info' if t['met'] is None else 'met' if t['met'] else 'MISSED'}"
            for t in result["targets"]
        ],
        "",
        f"4 x PG / 1 x PG = {result['ratio_4x_1x_postgres']:.2f} (target >= {TARGET_RATIO}):"
        f" {'met' if result['target_met_ratio'] else 'MISSED'};"
        f" 1 x PG / 1 x SQLite = {result['ratio_1x_postgres_sqlite']:.2f}",
        f"NOTE: this machine has {cpus} CPU(s), shared by the writer processes AND the"
        " PostgreSQL server (same host): 4 writers compete with the server for them, so the"
        " 4x figure measures CPU contention here, not how PostgreSQL scales on separate hosts"
        " ('CPUs busy' is the share of all CPUs in use during the writers' window).",
        "",
    ]
    if result["boards"] is None:
        return "\n".join([*lines, "(--writers-only: leaderboard not measured)"])
    board_rows = [
        [
            name,
            window,
            " / ".join(f["caller_rank"].values()),
            f"{f['p50_ms']:.3f}",
            f"{f['p99_ms']:.3f}",
            f"{f['max_ms']:.2f}",
        ]
        for name, by_window in result["boards"].items()
        for window, f in by_window.items()
    ]
    s = result["seed"]
    lines += [
        f"leaderboard on PostgreSQL at {result['rows']:,} ledger rows: board(GIVERS+RECEIVERS),"
        " top 10 of each + the caller's rank:",
        "",
        table(
            ["caller", "window", "rank (givers / receivers)", "p50 ms", "p99 ms", "max ms"],
            board_rows,
        ),
        "",
        f"seeded in {s['seconds']:.1f} s ("
        + ", ".join(f"{k} {v:.1f}" for k, v in s["phases_s"].items())
        + f"); totals rows {s['kudos_totals_rows']:,}, pairs rows {s['kudos_pairs_rows']:,},"
        f" {s['rows_through_trigger']:,} rows through the trigger, {s['schema_mb']:.0f} MB",
        f"typical caller p99 < {TARGET_P99_MS} ms:"
        f" {'met' if result['target_met_p99'] else 'MISSED'}",
    ]
    return "\n".join(lines)


def _fmt(value: float | None, spec: str) -> str:
    return "?" if value is None else spec.format(value)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres_scale")
    parser.add_argument("--url", default=os.environ.get("ROOTS_TEST_POSTGRES_URL", DEFAULT_URL))
    parser.add_argument("--n", type=int, default=1_500, help="kudos per writer process")
    parser.add_argument("--workers", type=int, default=50, help="concurrent givers per process")
    parser.add_argument("--givers", type=int, default=1_000, help="givers per process")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of the three configs")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per writer run")
    parser.add_argument("--rows", type=int, default=1_000_000, help="ledger rows for boards")
    parser.add_argument("--calls", type=int, default=1_000, help="timed boards per caller/window")
    parser.add_argument("--warmup", type=int, default=50, help="untimed boards per caller/window")
    parser.add_argument(
        "--writers-only", action="store_true", help="skip the 1M-row leaderboard part"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = run(args)
    print(report(result))
    print(json_line(result))
    if args.strict and not result["target_met"]:
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main()
