"""The production-shape benches run end to end at a tiny size: each bot its own process.

Each bench checks every answer itself (the public kudos naming the receiver) and
the ledger of every bot that writes one; here we check that every side was
measured as its own process (its CPU time, its memory) and that targets come out.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench import discord_kudos, slack_kudos, slack_plusplus

# 120 requests: Roots' CPU over the pass must reach a few of /proc's 10 ms ticks (at about
# 0.5 ms a request on a quiet machine, 20 requests often counted none).
TINY = ["--n", "120", "--rounds", "1", "--warmup", "5", "--receivers", "5"]


@pytest.mark.parametrize(
    ("bench", "sides"),
    [
        (slack_kudos, {"bare", "naive", "roots", "roots_cold"}),
        (slack_plusplus, {"naive", "roots", "roots_cold"}),
        (discord_kudos, {"bare", "roots", "roots_new"}),
    ],
    ids=["slack_http", "slack_socket", "discord"],
)
def test_bench_measures_every_side_as_its_own_process(bench: Any, sides: set[str]) -> None:
    result = bench.main(TINY)
    assert set(result["sides"]) == sides
    for side, found in result["sides"].items():
        assert found["rate"] > 0, side
        assert found["rss_mb"] > 10, side  # a Python process of its own, not a thread
    # Roots parses, writes and renders: its process used CPU in the measured passes.
    assert sum(run["cpu_ms"] for run in result["runs"]["roots"]) > 0
    assert result["targets"] and all("met" in t for t in result["targets"])
