"""Before / after on PostgreSQL in one run: this tree against an older commit.

    .venv/bin/python -m bench.postgres_compare --ref <commit> [--rounds 2] [--n 1000]

The commit is extracted (``git archive``) to a temporary directory, and this tree's
bench/roundtrips.py and bench/postgres_scale.py are copied into it: both sides are
measured by the same harness, only ``bot`` differs. Each round runs, for both trees in
alternating order, ``python -m bench.roundtrips`` and ``python -m bench.postgres_scale
--writers-only --repeats 1`` (each in a schema of its own) as subprocesses whose working
directory is that tree, so each imports its own ``bot``. Reported: medians over the
rounds of round trips per kudos, client and server CPU per kudos with 1 writer, the
lock-wait share with 1 and 4 writers, kudos/s. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench._common import json_line, median, table

ROOT = Path(__file__).resolve().parent.parent


def extract(ref: str, into: Path, timeouts: float | None = None) -> Path:
    tree = into / "before"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    if timeouts is not None:  # the older code, given longer statement and pool timeouts
        store = tree / "bot" / "storage" / "postgres.py"
        text = store.read_text()
        for name in ("COMMAND_TIMEOUT", "ACQUIRE_TIMEOUT"):
            text = re.sub(rf"^{name} = [0-9.]+", f"{name} = {timeouts}", text, flags=re.M)
        store.write_text(text)
    for harness in ("roundtrips.py", "postgres_scale.py"):  # one harness for both sides
        shutil.copy(ROOT / "bench" / harness, tree / "bench" / harness)
    return tree


def last_json(tree: Path, *argv: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", *argv], cwd=tree, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} in {tree} failed:\n{done.stderr[-2000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def one_side(tree: Path, n: int, workers: int) -> dict[str, float | None]:
    """One side's figures (a server figure the run could not read is None)."""
    trips = last_json(tree, "bench.roundtrips")
    scale = last_json(
        tree,
        "bench.postgres_scale",
        "--writers-only",
        "--repeats",
        "1",
        "--n",
        str(n),
        "--workers",
        str(workers),
    )
    one, four = scale["writers"]["1xpostgres"], scale["writers"]["4xpostgres"]
    return {
        "round_trips_alone": trips["round_trips_per_kudos_max"],
        "round_trips_20_at_once": trips["round_trips_group"],
        "client_cpu_ms": one["client_cpu_ms_per_kudos"],
        "server_cpu_ms": one["server_cpu_ms_per_kudos"],
        "cpu_ms": one["client_cpu_ms_per_kudos"] + (one["server_cpu_ms_per_kudos"] or 0.0),
        "client_cpu_ms_4x": four["client_cpu_ms_per_kudos"],
        "server_cpu_ms_4x": four["server_cpu_ms_per_kudos"],
        "lock_wait_1x": one["lock_wait_share"],
        "lock_wait_4x": four["lock_wait_share"],
        "kudos_per_s_1x": one["rate_median"],
        "kudos_per_s_4x": four["rate_median"],
    }


def _median(values: list[float | None]) -> float | None:
    """The median of the values measured (a figure a run could not read is left out)."""
    found = [v for v in values if v is not None]
    return median(found) if found else None


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres_compare")
    parser.add_argument("--ref", required=True, help="the commit to compare with (before)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--n", type=int, default=1000, help="kudos per writer process")
    parser.add_argument("--workers", type=int, default=50, help="concurrent givers per process")
    parser.add_argument(
        "--before-timeouts",
        type=float,
        default=None,
        help="seconds per statement and per pool wait in the older code (its 2 s time out"
        " on a busy machine; the CPU per kudos does not depend on them)",
    )
    args = parser.parse_args(argv)
    runs: dict[str, list[dict[str, float | None]]] = {"before": [], "after": []}
    failed: dict[str, list[str]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory(prefix="roots-compare-") as tmp:
        trees = {"before": extract(args.ref, Path(tmp), args.before_timeouts), "after": ROOT}
        for k in range(args.rounds):
            order = ("before", "after") if k % 2 == 0 else ("after", "before")
            for side in order:
                print(f"  round {k + 1}: {side}...", file=sys.stderr, flush=True)
                try:
                    runs[side].append(one_side(trees[side], args.n, args.workers))
                    print(f"    {json.dumps(runs[side][-1])}", file=sys.stderr, flush=True)
                except RuntimeError as exc:  # e.g. statements timing out on a busy machine
                    failed[side].append(str(exc).splitlines()[-1][:200])
                    print(f"    failed: {failed[side][-1]}", file=sys.stderr, flush=True)
    if not runs["before"] and not runs["after"]:
        raise SystemExit(f"every run failed: {failed}")
    keys = list(next(r for found in runs.values() for r in found))
    medians = {
        side: {key: _median([r[key] for r in found]) for key in keys}
        for side, found in runs.items()
    }
    rows = [
        [key, *(f"{v:.3g}" if v is not None else "failed" for v in (b[key], a[key]))]
        for key in keys
        for b, a in [(medians["before"], medians["after"])]
    ]
    rows.append(["runs failed", str(len(failed["before"])), str(len(failed["after"]))])
    print(
        f"PostgreSQL kudos path, {args.ref} (before) vs this tree (after), median of"
        f" {args.rounds} alternating rounds, {args.n} kudos per writer,"
        f" {args.workers} concurrent givers per writer:\n"
    )
    print(table(["figure", "before", "after"], rows))
    result = {
        "failed": failed,
        "bench": "postgres_compare",
        "ref": args.ref,
        "n": args.n,
        "runs": runs,
        "medians": medians,
    }
    print(json_line(result))
    return result


if __name__ == "__main__":
    main()
