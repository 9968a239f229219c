"""Run every Roots benchmark: ``.venv/bin/python -m bench [--strict]``.

Runs ``bench.kudos_throughput`` then ``bench.leaderboard_latency`` with their
default settings (each prints its table and its JSON line), then prints one
last JSON line holding both results. ``--strict`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
from typing import Any

from bench import kudos_throughput, leaderboard_latency
from bench._common import json_line


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for name, module in (
        ("kudos_throughput", kudos_throughput),
        ("leaderboard_latency", leaderboard_latency),
    ):
        print(f"== {name}", flush=True)
        results[name] = module.main([])
        print(flush=True)
    results["target_met"] = all(r["target_met"] for r in results.values())
    print(json_line(results))
    if args.strict and not results["target_met"]:
        raise SystemExit(1)
    return results


if __name__ == "__main__":
    main()
