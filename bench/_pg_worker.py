"""One writer process for ``bench.postgres_scale`` (not run by hand).

    python -m bench._pg_worker URL COMMUNITY INDEX N GIVERS WORKERS

Opens its own core on URL (``running_core``), makes its GIVERS members known, prints
``ready``, then reads one line from stdin: the wall-clock instant (``time.time()``)
at which every writer starts. It then gives N kudos through ``KudosService.give``
from WORKERS concurrent coroutines, with givers of its own (member ids offset by
INDEX * GIVERS, so no two processes share a giver), and prints one JSON line: its
start and end instants, its CPU seconds (all threads) between them, its count,
failures and latency percentiles.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from bench._common import percentile
from bench.kudos_throughput import REASON, SOURCE, START, plan
from bot.clock import ManualClock
from bot.config import Settings
from bot.types import Context, Member
from bot.wiring import running_core

PLATFORM = "bench"


def member(i: int) -> Member:
    return Member(f"u{i:06d}", f"Member {i}")


async def work(url: str, community: str, index: int, n: int, givers: int, workers: int) -> None:
    offset = index * givers
    people = [member(offset + i) for i in range(givers)]
    async with running_core(Settings(database_url=url), clock=ManualClock(START)) as core:
        await core.communities.see(community, *people)
        jobs = plan(range(n), givers, workers)
        print("ready", flush=True)
        start_at = float(await asyncio.to_thread(sys.stdin.readline))
        await asyncio.sleep(max(start_at - time.time(), 0.0))
        latencies: list[float] = []
        failures: list[str] = []

        async def worker(w: int, mine: list[tuple[int, int, int]]) -> None:
            for seq, giver, receiver in mine:
                ctx = Context(PLATFORM, community, f"channel-{w}", people[giver])
                started = time.perf_counter()
                try:
                    given = await core.kudos.give(
                        ctx,
                        [people[receiver]],
                        REASON,
                        source=SOURCE,
                        event_id=f"evt-{index}-{seq}",
                    )
                except Exception as exc:  # a refusal or a storage error: a failure
                    failures.append(f"give {seq}: {type(exc).__name__}: {exc}")
                    continue
                latencies.append(time.perf_counter() - started)
                if given is None or len(given.kudos_ids) != 1:
                    failures.append(f"give {seq} returned {given!r}")

        began, cpu_began = time.time(), time.process_time()
        await asyncio.gather(*(worker(w, mine) for w, mine in enumerate(jobs)))
        ended, cpu = time.time(), time.process_time() - cpu_began
    print(
        json.dumps(
            {
                "index": index,
                "began": began,
                "ended": ended,
                "cpu_s": cpu,
                "done": len(latencies),
                "failures": len(failures),
                "first_failure": failures[0] if failures else None,
                "p50_ms": percentile(latencies, 50) * 1000 if latencies else None,
                "p99_ms": percentile(latencies, 99) * 1000 if latencies else None,
            }
        ),
        flush=True,
    )


def main() -> None:
    url, community = sys.argv[1], sys.argv[2]
    index, n, givers, workers = (int(v) for v in sys.argv[3:7])
    asyncio.run(work(url, community, index, n, givers, workers))


if __name__ == "__main__":
    main()
