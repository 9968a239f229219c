"""The dashboard's My roots and Community pages, server side, at growing ledgers (issue #14).

    .venv/bin/python -m bench.dashboard_latency [--sizes 10000,1000000] [--calls 200]

Each size is seeded on a temporary SQLite file as ``bench.leaderboard_latency`` seeds it
(2,000 members, a year of Zipf-like kudos, the aggregates built as the triggers would).
The real dashboard (``adapters.web``, on the real store through ``StoreData``) is served
by aiohttp's test server; a typical member (mid-ranked) signs in by a link as
``/roots web`` mints it, then each page is asked ``--calls`` times after ``--warmup``
untimed calls, the sizes taking turns. The time is the whole request over loopback
HTTP: queries, SVG charts, Jinja2. Target (issue #14): p99 under 50 ms at the largest
size, and at most 2x the smallest size's. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp.test_utils import TestClient, TestServer

from adapters.web import RateLimiter, create_app
from adapters.web.actions import CoreActions
from adapters.web.data import StoreData
from bench import leaderboard_latency as lb
from bench._common import environment, percentile
from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import running_core

PAGES = ("roots", "community")
TARGET_P99_MS = 50.0
TARGET_GROWTH = 2.0


async def time_pages(paths: dict[str, Path], calls: int, warmup: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for size, path in paths.items():
        clock = ManualClock(lb.NOW)
        async with running_core(Settings(database_url=f"sqlite:///{path}"), clock=clock) as core:
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
                    url = f"/c/{lb.COMMUNITY}/{name}"
                    for _ in range(warmup):
                        assert (await client.get(url)).status == 200
                    samples: list[float] = []
                    for _ in range(calls):
                        start = time.perf_counter()
                        resp = await client.get(url)
                        await resp.read()
                        samples.append((time.perf_counter() - start) * 1000)
                        assert resp.status == 200
                    figures[name] = {
                        "p50_ms": round(percentile(samples, 50), 3),
                        "p99_ms": round(percentile(samples, 99), 3),
                        "max_ms": round(max(samples), 3),
                    }
                found[size] = figures
    return found


def run(args: argparse.Namespace) -> dict[str, Any]:
    sizes: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="roots-bench-") as tmp:
        paths = {str(n): Path(tmp) / f"ledger-{n}.db" for n in args.sizes}
        for n in args.sizes:
            print(f"  seeding {n:,} rows...", file=sys.stderr, flush=True)
            seeding = lb.seed(paths[str(n)], n, "bulk", verify=False)
            sizes[str(n)] = {"seed_s": round(seeding["seconds"], 1)}
        print("  timing pages...", file=sys.stderr, flush=True)
        timed = asyncio.run(time_pages(paths, args.calls, args.warmup))
    for size, figures in timed.items():
        sizes[size].update(figures)
    small, large = str(args.sizes[0]), str(args.sizes[-1])
    result: dict[str, Any] = {
        "bench": "dashboard_latency",
        "calls": args.calls,
        "sizes": sizes,
        "targets": {"p99_ms_max": TARGET_P99_MS, "p99_growth_max": TARGET_GROWTH},
        "env": environment(),
    }
    met = True
    for name in PAGES:
        growth = sizes[large][name]["p99_ms"] / sizes[small][name]["p99_ms"]
        ok = growth <= TARGET_GROWTH and sizes[large][name]["p99_ms"] < TARGET_P99_MS
        result[f"p99_growth_{name}"] = round(growth, 3)
        result[f"target_met_{name}"] = ok
        met = met and ok
        print(
            f"{name:9}: p99 {sizes[small][name]['p99_ms']:.1f} ms at {int(small):,},"
            f" {sizes[large][name]['p99_ms']:.1f} ms at {int(large):,} (x{growth:.2f}):"
            f" {'met' if ok else 'MISSED'}",
            file=sys.stderr,
        )
    result["target_met"] = met
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=lambda raw: [int(x) for x in raw.split(",")],
        default=[10_000, 1_000_000],
    )
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    result = run(parser.parse_args(argv))
    print(json.dumps(result, separators=(",", ":")))
    return result


if __name__ == "__main__":
    main()
