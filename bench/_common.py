"""Small helpers shared by the benchmarks (tables, percentiles, JSON line)."""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import sqlite3
import sys
import time
from collections.abc import Sequence
from typing import Any


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of ``samples``."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(math.ceil(pct / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain, right-aligned text table."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "platform": sys.platform,
    }


def json_line(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"))


class CpuWatch:
    """How busy the machine was with OTHER processes while a benchmark ran.

    Reads /proc/stat (all CPUs) and this process's own CPU time (all threads);
    the difference is what everything else used. None where /proc is missing.
    """

    def __init__(self) -> None:
        self._start = _cpu_snapshot()

    def others_share(self) -> float | None:
        end = _cpu_snapshot()
        if self._start is None or end is None:
            return None
        busy = end[0] - self._start[0]
        mine = end[1] - self._start[1]
        wall = end[2] - self._start[2]
        cpus = os.cpu_count() or 1
        return max(busy - mine, 0.0) / (wall * cpus) if wall > 0 else None


def _cpu_snapshot() -> tuple[float, float, float] | None:
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    per_second = os.sysconf("SC_CLK_TCK")
    busy = (sum(ticks) - ticks[3] - ticks[4]) / per_second  # minus idle and iowait
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return busy, usage.ru_utime + usage.ru_stime, time.monotonic()


def load_warning(share: float | None) -> str | None:
    """A line to print when other processes used a noticeable share of the CPUs."""
    if share is not None and share > 0.10:
        return (
            f"WARNING: other processes used {share:.0%} of the CPUs during the run;"
            " these figures (p99 and ratios especially) are skewed. Re-run on a quiet machine."
        )
    return None
