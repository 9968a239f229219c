"""Every performance target of issues #17 and #14 in one table: ``make bench``.

    .venv/bin/python -m bench.summary [--quick] [--strict]
        [--only slack_http,slack_socket,discord,postgres,discord_guilds,dashboard]

Runs the production-shape platform benches (each bot its own process, the load
generator and the fakes in this one: bench.slack_kudos, bench.slack_plusplus,
bench.discord_kudos), the writers part of bench.postgres_scale (CPU per kudos,
lock waits; needs the PostgreSQL server of ROOTS_TEST_POSTGRES_URL, by default
127.0.0.1:5432/test), bench.discord_guilds (Roots started in 5,000 fake guilds) and
bench.dashboard_latency (the dashboard's My roots and Community pages at 10k and 1M
ledger rows, SQLite and PostgreSQL; issue #14), each printing its own table, then
prints one summary of every target with met / MISSED. A target whose bench failed
or was skipped (``--only``) reads "not measured (...)", as does one a bench could
not measure (e.g. the server's processes unreadable): never met. ``--quick`` runs
smaller passes (300 requests, 2 rounds; 300 kudos per PostgreSQL writer, 1 round;
dashboard pages at 10k and 100k rows) for a smoke check in a few minutes; the
default (2,000 requests, 5 rounds; 1,000 kudos per writer, 2 rounds; 1M rows)
takes longer. ``--strict`` exits 1 unless every target is met.
The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench import (
    dashboard_latency,
    discord_guilds,
    discord_kudos,
    postgres_scale,
    slack_kudos,
    slack_plusplus,
)
from bench._common import environment, json_line, table

# 2,000 requests a pass and 5 rounds: on a shared 2-CPU machine a 1,000-request pass
# lasts under a second and the median of 3 rounds still moved by a fifth between runs.
PLATFORM_DEFAULT = ["--n", "2000", "--rounds", "5", "--warmup", "100"]
PLATFORM_QUICK = ["--n", "300", "--rounds", "2", "--warmup", "50"]


@dataclass(frozen=True)
class Bench:
    module: str
    main: Callable[[list[str] | None], dict[str, Any]]
    default: list[str]
    quick: list[str]
    covers: tuple[tuple[str, str], ...]  # (target, goal): listed when the bench cannot run


def postgres_bench() -> Bench:
    """Issue #17's PostgreSQL hot path (bench.postgres_scale, its writers part only: the
    1M-row leaderboard part takes minutes and has no #17 target): round trips per kudos
    (bench.roundtrips), CPU per kudos client + server, lock waits with 4 writers."""
    return Bench(
        "bench.postgres_scale",
        postgres_scale.main,
        ["--writers-only", "--n", "1000", "--repeats", "2"],
        ["--writers-only", "--n", "300", "--repeats", "1"],
        (
            ("PostgreSQL: round trips per kudos action", "<= 2"),
            ("PostgreSQL: CPU per kudos (client + server), 1 writer", "<= 1.0 ms"),
            ("PostgreSQL: lock-wait share, 4 writers", "< 5%"),
        ),
    )


BENCHES = {
    "slack_http": Bench(
        "bench.slack_kudos",
        slack_kudos.main,
        PLATFORM_DEFAULT,
        PLATFORM_QUICK,
        (
            ("Slack HTTP /kudos: roots CPU per request, warm directory", "<= 1.0 ms"),
            ("Slack HTTP /kudos: roots answered/s vs bare ack-only Bolt", ">= 0.6x"),
        ),
    ),
    "slack_socket": Bench(
        "bench.slack_plusplus",
        slack_plusplus.main,
        PLATFORM_DEFAULT,
        PLATFORM_QUICK,
        (("Slack Socket Mode ++: roots answered/s vs naive bot", ">= 1.5x"),),
    ),
    "discord": Bench(
        "bench.discord_kudos",
        discord_kudos.main,
        PLATFORM_DEFAULT,
        PLATFORM_QUICK,
        (
            ("Discord /kudos: roots CPU per answer vs bare discord.py", "<= 1.5x"),
            ("Discord /kudos: roots answered/s vs bare discord.py", ">= 0.7x"),
        ),
    ),
    "postgres": postgres_bench(),
    "discord_guilds": Bench(
        "bench.discord_guilds",
        discord_guilds.main,
        ["--guilds", "5000", "--rounds", "1"],
        ["--guilds", "5000", "--rounds", "1"],
        (
            ("Discord 5,000 guilds: RSS (peak)", "< 500 MB"),
            ("Discord 5,000 guilds: ready (start to /healthz 200)", "< 60 s"),
        ),
    ),
    # Issue #14: the dashboard's pages at 1M ledger rows, SQLite and PostgreSQL (seeding
    # 1M rows twice per backend takes a few minutes; --quick stops at 100k).
    "dashboard": Bench(
        "bench.dashboard_latency",
        dashboard_latency.main,
        ["--sizes", "10000,1000000", "--calls", "200"],
        ["--sizes", "10000,100000", "--calls", "100", "--warmup", "10"],
        tuple(
            (f"Dashboard {page} p99 at 1,000,000 rows ({backend})", "< 50 ms, <= 2x")
            for backend in dashboard_latency.BACKENDS
            for page in dashboard_latency.PAGE_NAMES.values()
        ),
    ),
}


def status(target: dict[str, Any]) -> str:
    """met / MISSED / info / not measured (...): a target without a verdict is never met."""
    if target.get("not_measured"):
        return f"not measured ({target['not_measured']})"
    met = target.get("met")
    if met is None:
        return "info" if target["goal"] == "info" else "not measured"
    return "met" if met else "MISSED"


def unmeasured(bench: Bench, why: str) -> list[dict[str, Any]]:
    return [
        {"target": name, "measured": "", "goal": goal, "status": f"not measured ({why})"}
        for name, goal in bench.covers
    ]


def run(args: argparse.Namespace) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    results: dict[str, Any] = {}
    for key, bench in BENCHES.items():
        if args.only and key not in args.only:
            rows += unmeasured(bench, "skipped by --only")
            continue
        print(f"== {bench.module}", flush=True)
        started = time.perf_counter()
        try:
            result = bench.main(bench.quick if args.quick else bench.default)
        except Exception as exc:  # one bench failing must not hide the others
            traceback.print_exc()
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:80]
            rows += unmeasured(bench, f"{bench.module} failed: {reason}")
            results[key] = {"error": reason}
            print(flush=True)
            continue
        result["wall_seconds"] = round(time.perf_counter() - started, 1)
        results[key] = result
        rows += [{**t, "status": status(t)} for t in result["targets"]]
        print(flush=True)
    graded = [r for r in rows if r["status"] != "info"]
    return {
        "bench": "summary",
        "quick": args.quick,
        "rows": rows,
        "met": sum(r["status"] == "met" for r in graded),
        "missed": sum(r["status"] == "MISSED" for r in graded),
        "not_measured": sum(r["status"].startswith("not measured") for r in graded),
        "all_met": bool(graded) and all(r["status"] == "met" for r in graded),
        "results": results,
        "env": environment(),
    }


def report(summary: dict[str, Any]) -> str:
    rows = [[r["target"], r["measured"], r["goal"], r["status"]] for r in summary["rows"]]
    size = "QUICK smoke sizes (--quick): indicative only" if summary["quick"] else "default sizes"
    return "\n".join(
        [
            f"== performance targets of issues #17 and #14 ({size}; each bot its own process)",
            "",
            table(["target", "measured", "goal", "status"], rows),
            "",
            f"{summary['met']} met, {summary['missed']} missed,"
            f" {summary['not_measured']} not measured",
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.summary")
    parser.add_argument("--quick", action="store_true", help="small smoke runs (1-2 minutes)")
    parser.add_argument(
        "--only",
        type=lambda raw: [p.strip() for p in raw.split(",") if p.strip()],
        default=None,
        help=f"comma-separated subset of {','.join(BENCHES)}",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 unless every target is met")
    args = parser.parse_args(argv)
    unknown = set(args.only or ()) - set(BENCHES)
    if unknown:
        parser.error(f"unknown bench(es): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    summary = run(args)
    print(report(summary))
    print(json_line({k: v for k, v in summary.items() if k != "results"}))
    if args.strict and not summary["all_met"]:
        raise SystemExit(1)
    return summary


if __name__ == "__main__":
    main()
