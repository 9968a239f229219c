"""The dashboard's My roots and Community pages, server side, at growing ledgers (issue #14),
on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.dashboard_latency [--sizes 10000,1000000] [--calls 200]
        [--backends sqlite,postgres] [--url postgresql://postgres@127.0.0.1:5432/test]

Each size is seeded on its own database: a temporary SQLite file as
``bench.leaderboard_latency`` seeds it, and a private PostgreSQL schema (created, then
dropped at the end even on failure) as ``bench.postgres_scale`` seeds it: 2,000 members,
a year of Zipf-like kudos, the aggregates built as the triggers would. The real dashboard
(``adapters.web``, on the real store through ``StoreData``) is served by aiohttp's test
server; a typical member (mid-ranked) signs in by a link as ``/roots web`` mints it, then
each page is asked ``--calls`` times after ``--warmup`` untimed calls. The time is the
whole request over loopback HTTP: queries, SVG charts, Jinja2. Targets (issue #14), per
backend and page: p99 under 50 ms at the largest size, and at most 2x the smallest
size's. A backend that can't be reached (no PostgreSQL server) is reported "not
measured". Timings are noisy on a shared machine: the load average is printed with them.
The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp.test_utils import TestClient, TestServer

from adapters.web import RateLimiter, create_app
from adapters.web.actions import CoreActions
from adapters.web.data import StoreData
from bench import leaderboard_latency as lb
from bench import postgres_scale as pg
from bench._common import environment, percentile, table
from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import running_core

PAGES = ("roots", "community")
PAGE_NAMES = {"roots": "My roots", "community": "Community"}
BACKENDS = ("sqlite", "postgres")
TARGET_P99_MS = 50.0
TARGET_GROWTH = 2.0


async def time_pages(url: str, calls: int, warmup: int) -> dict[str, Any]:
    """p50/p99/max of each page on the database at ``url``."""
    clock = ManualClock(lb.NOW)
    async with running_core(Settings(database_url=url), clock=clock) as core:
        assert core.web is not None
        app = create_app(
            login=core.web,
            data=StoreData(core.store),
            clock=clock,
            limiter=RateLimiter(clock, limit=10**6),
            actions=CoreActions(core),
        )
        async with TestClient(TestServer(app)) as client:
            link = await core.web.mint_link(lb.COMMUNITY, lb.TYPICAL.id, is_admin=False)
            page = await (await client.get(urlsplit(link).path)).text()
            fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
            await client.post("/login", data=fields)
            figures: dict[str, Any] = {}
            for name in PAGES:
                path = f"/c/{lb.COMMUNITY}/{name}"
                for _ in range(warmup):
                    assert (await client.get(path)).status == 200
                samples: list[float] = []
                for _ in range(calls):
                    start = time.perf_counter()
                    resp = await client.get(path)
                    await resp.read()
                    samples.append((time.perf_counter() - start) * 1000)
                    assert resp.status == 200
                figures[name] = {
                    "p50_ms": round(percentile(samples, 50), 3),
                    "p99_ms": round(percentile(samples, 99), 3),
                    "max_ms": round(max(samples), 3),
                }
            return figures


def on_sqlite(tmp: Path, n: int) -> tuple[str, Callable[[], None]]:
    path = tmp / f"ledger-{n}.db"
    lb.seed(path, n, "bulk", verify=False)
    return f"sqlite:///{path}", lambda: None


def on_postgres(server: str, n: int) -> tuple[str, Callable[[], None]]:
    schema = f"roots_dash_{uuid.uuid4().hex[:12]}"
    asyncio.run(pg.create_schema(server, schema))
    url = pg.with_schema(server, schema)

    def drop() -> None:
        asyncio.run(pg.drop_schema(server, schema))

    try:
        asyncio.run(pg.seed(url, n))
    except BaseException:
        drop()
        raise
    return url, drop


def measure(backend: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """{size: {seed_s, roots: {...}, community: {...}}} of one backend."""
    sizes: dict[str, Any] = {}
    for n in args.sizes:
        print(f"  {backend}: seeding {n:,} rows...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        if backend == "sqlite":
            url, cleanup = on_sqlite(tmp, n)
        else:
            url, cleanup = on_postgres(args.url, n)
        try:
            seeded = round(time.perf_counter() - started, 1)
            print(f"  {backend}: timing pages at {n:,}...", file=sys.stderr, flush=True)
            timed = asyncio.run(time_pages(url, args.calls, args.warmup))
            sizes[str(n)] = {"seed_s": seeded, **timed}
        finally:
            cleanup()
    return sizes


def targets(backend: str, sizes: dict[str, Any], small: str, large: str) -> list[dict[str, Any]]:
    found = []
    for name in PAGES:
        low, high = sizes[small][name]["p99_ms"], sizes[large][name]["p99_ms"]
        growth = high / low
        found.append(
            {
                "target": f"Dashboard {PAGE_NAMES[name]} p99 at {int(large):,} rows ({backend})",
                "measured": f"{high:.1f} ms ({low:.1f} ms at {int(small):,}: x{growth:.2f})",
                "goal": f"< {TARGET_P99_MS:.0f} ms, <= {TARGET_GROWTH:.0f}x",
                "met": high < TARGET_P99_MS and growth <= TARGET_GROWTH,
                "p99_ms": high,
                "growth": round(growth, 3),
            }
        )
    return found


def unmeasured(backend: str, large: str, why: str) -> list[dict[str, Any]]:
    return [
        {
            "target": f"Dashboard {PAGE_NAMES[name]} p99 at {int(large):,} rows ({backend})",
            "measured": "",
            "goal": f"< {TARGET_P99_MS:.0f} ms, <= {TARGET_GROWTH:.0f}x",
            "met": None,
            "not_measured": why,
        }
        for name in PAGES
    ]


def run(args: argparse.Namespace) -> dict[str, Any]:
    small, large = str(args.sizes[0]), str(args.sizes[-1])
    load_before = os.getloadavg()
    backends: dict[str, Any] = {}
    found: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="roots-bench-") as tmp:
        for backend in args.backends:
            try:
                sizes = measure(backend, args, Path(tmp))
            except Exception as exc:  # no PostgreSQL here: say so, measure the rest
                if backend == "sqlite":
                    raise
                traceback.print_exc()
                why = f"{type(exc).__name__}: {exc}".splitlines()[0][:80]
                backends[backend] = {"error": why}
                found += unmeasured(backend, large, why)
                continue
            backends[backend] = sizes
            found += targets(backend, sizes, small, large)
    graded = [t for t in found if t["met"] is not None]
    return {
        "bench": "dashboard_latency",
        "calls": args.calls,
        "backends": backends,
        "loadavg_before": [round(v, 2) for v in load_before],
        "loadavg_after": [round(v, 2) for v in os.getloadavg()],
        "goals": {"p99_ms_max": TARGET_P99_MS, "p99_growth_max": TARGET_GROWTH},
        "targets": found,
        "target_met": bool(graded) and all(t["met"] for t in graded),
        "env": environment(),
    }


def report(result: dict[str, Any]) -> str:
    rows = []
    for backend, sizes in result["backends"].items():
        if "error" in sizes:
            rows.append([backend, "-", "-", "-", "-", sizes["error"]])
            continue
        for size, figures in sizes.items():
            for name in PAGES:
                f = figures[name]
                rows.append(
                    [backend, f"{int(size):,}", PAGE_NAMES[name], f["p50_ms"], f["p99_ms"], ""]
                )
    verdicts = [
        f"{t['target']}: {t['measured'] or t.get('not_measured', '')}"
        f" ({'met' if t['met'] else 'MISSED' if t['met'] is False else 'not measured'})"
        for t in result["targets"]
    ]
    load = " ".join(str(v) for v in result["loadavg_before"])
    return "\n".join(
        [
            table(["backend", "rows", "page", "p50 ms", "p99 ms", "note"], rows),
            "",
            *verdicts,
            f"(load average before: {load}; a shared machine makes p99 noisy)",
        ]
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=lambda raw: [int(x) for x in raw.split(",")],
        default=[10_000, 1_000_000],
    )
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--backends",
        type=lambda raw: [b for b in raw.split(",") if b in BACKENDS],
        default=list(BACKENDS),
    )
    parser.add_argument("--url", default=os.environ.get("ROOTS_TEST_POSTGRES_URL", pg.DEFAULT_URL))
    result = run(parser.parse_args(argv))
    print(report(result), file=sys.stderr)
    print(json.dumps(result, separators=(",", ":")))
    return result


if __name__ == "__main__":
    main()
