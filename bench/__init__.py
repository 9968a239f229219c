"""Benchmarks for Roots (not tests: pytest never collects them).

Run from the project root:

    .venv/bin/python -m bench.kudos_throughput    # kudos/s through the core vs a raw loop
    .venv/bin/python -m bench.leaderboard_latency # top-10 board p50/p99 at 10k and 1M rows
    .venv/bin/python -m bench.scheduler_plan      # 100k schedules: planning, RSS, wake-ups
    .venv/bin/python -m bench                     # both, one after the other

Each prints a short table and ends with one line of JSON holding the figures.
Every database lives in a temporary directory; the repository's roots.db is
never touched.
"""
