"""Signed Slack ``/kudos`` (HTTP mode), each bot as its own process, as deployed.

    .venv/bin/python -m bench.slack_kudos [--n 1000] [--receivers 200] [--concurrency 50]
                                          [--rounds 3] [--warmup 100]

This process is the load generator and the fake Slack (tests/adapters/slack/
fake_slack.py: Web API, response_url posts) on loopback. Each bot under test is
a separate OS process, started fresh for each run on its own SQLite file:

- ``bare``: a Bolt app whose ``/kudos`` listener only acks (bench/bare_slack_bot.py),
  the ceiling;
- ``naive``: Bolt + aiosqlite, ``users.info`` on every kudos, one insert + commit,
  answer through the response_url (bench/naive_slack_bot.py);
- ``roots``: the real ``roots slack`` command (``python -m bot.cli slack``) in HTTP
  mode, its ``SLACK_API_URL`` pointing at the fake.

A run: start the bot, wait for its port, ``--warmup`` untimed requests (givers of
their own), then the measured pass(es): ``--n`` requests from ``--n`` distinct
givers to ``--receivers`` receivers, ``--concurrency`` in flight. Roots has two
passes: first "cold" (every giver new to the community's database; the member
directory was filled from ``users.list`` at start, as in production, so no pass
calls ``users.info``; reported for information), then "warm": the same givers
again, each thanking a different receiver (members known, as in a workspace Roots
has been running in; the target figures). A request counts when
its visible reply arrives: a non-empty ack body, else the response_url post (the
bare app's empty ack is its answer). Every answer of roots and naive must be the
public kudos naming the receiver, and each ledger must hold every kudos.

CPU per request is the bot process's user + system time (/proc/<pid>/stat, every
thread) over the pass, divided by the requests answered. Sides alternate (A B C,
C B A, ...) for ``--rounds`` rounds; medians are reported, and ratios are the
median of per-round ratios to the bare app measured in the same round. Targets
(issue #17): roots warm CPU <= 1.0 ms per request and answered/s >= 0.6 x bare.
The last line of output is JSON. (bench.slack_kudos_inprocess is the older
variant running Roots inside this process, for diagnostics only.)
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench._common import environment
from bench._slack import (
    TEAM,
    BenchSlack,
    check_answer,
    giver,
    receiver,
    slack_bot,
    wait_http,
    wait_rows,
)
from bench.procs import (
    BotProcess,
    measured_pass,
    notes,
    platform_args,
    reply_within,
    run_platform_bench,
    run_rounds,
    running,
    sides_table,
    summarize,
    target_lines,
)
from tests.adapters.slack.fake_slack import SlackDriver

SIDES = ("bare", "naive", "roots")
LABELS = {
    "bare": "bare Bolt app (ack only)",
    "naive": "naive Bolt + aiosqlite",
    "roots": "roots, warm directory",
    "roots_cold": "(info) roots, cold directory",
}
TARGET_CPU_MS = 1.0
TARGET_RATE_RATIO = 0.6


class Load:
    """Signed /kudos requests against one bot; waits for each visible reply."""

    def __init__(self, fake: BenchSlack, port: int, side: str, tag: str, args: argparse.Namespace):
        self.fake = fake
        self.side = side
        self.tag = tag
        self.args = args
        self.driver = SlackDriver(f"http://127.0.0.1:{port}", fake)

    async def close(self) -> None:
        await self.driver.close()

    def run(self, bot: BotProcess, name: str, n: int, first: int, shift: int) -> Any:
        """A pass: giver ``first + i`` thanks receiver ``(i + shift) % receivers``."""

        async def one(i: int) -> None:
            g, r = giver(first + i), receiver((i + shift) % self.args.receivers)
            key = f"{self.tag}-{name}-{i}"
            body = urlencode(
                {
                    "token": "legacy",
                    "team_id": TEAM,
                    "channel_id": f"C{i % 10:08d}",
                    "user_id": g,
                    "user_name": g.lower(),
                    "command": "/kudos",
                    "text": f"<@{r}|{r.lower()}> thanks for the review",
                    "response_url": self.fake.response_url(key),
                    "trigger_id": f"{key}.trigger",
                }
            )
            form = "application/x-www-form-urlencoded"
            status, answer = await self.driver.post(body, form, self.driver.headers(body))
            if status != 200:
                raise AssertionError(f"{self.side} request {key}: HTTP {status} {answer!r:.200}")
            if not answer and self.side != "bare":
                answer = await reply_within(self.fake.replies.expect(key), f"{self.side} {key}")
            check_answer(self.side, answer, r)

        return measured_pass(bot, n, self.args.concurrency, one)


async def run_side(
    side: str, fake: BenchSlack, tmp: Path, tag: str, args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    bot, port, db = slack_bot(side, fake, tmp, tag, socket_mode=False)
    fake.forget_calls()
    out: dict[str, dict[str, float]] = {}
    async with running(bot):
        await wait_http(bot, port)
        load = Load(fake, port, side, tag, args)
        try:
            await load.run(bot, "warmup", args.warmup, args.n, 2)  # givers of its own
            passes = [("roots_cold", 0), ("roots", 1)] if side == "roots" else [(side, 0)]
            for name, shift in passes:
                before = fake.count("users.info")
                out[name] = await load.run(bot, name, args.n, 0, shift)
                out[name]["users_info"] = fake.count("users.info") - before
        finally:
            await load.close()  # before the bot stops: its server waits for open connections
        if side != "bare":
            expected = args.warmup + len(passes) * args.n
            found = await wait_rows(db, expected)
            if found != expected:
                raise AssertionError(f"{side} holds {found} kudos, expected {expected}")
    return out


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    fake = BenchSlack()
    fake.add_members(args.n + args.warmup, args.receivers)
    await fake.start()
    load_before = os.getloadavg()
    try:
        runs = await run_rounds(
            SIDES,
            LABELS,
            args.rounds,
            "roots-bench-slack-",
            lambda side, tmp, name: run_side(side, fake, tmp, name, args),
        )
    finally:
        await fake.stop()
    sides, ratios = summarize(runs, "bare")
    roots = sides["roots"]
    rate_ratio = ratios["roots"]["rate"]
    return {
        "bench": "slack_kudos",
        "shape": "each bot its own process; load generator + fake Slack in this one",
        "n": args.n,
        "receivers": args.receivers,
        "concurrency": args.concurrency,
        "warmup": args.warmup,
        "rounds": args.rounds,
        "sides": sides,
        "ratios": ratios,
        "users_info_per_pass": {k: [run["users_info"] for run in v] for k, v in runs.items()},
        "runs": runs,
        "loadavg_before": [round(v, 2) for v in load_before],
        "targets": [
            {
                "target": "Slack HTTP /kudos: roots CPU per request, warm directory",
                "measured": f"{roots['cpu_ms']:.2f} ms",
                "goal": f"<= {TARGET_CPU_MS} ms",
                "met": roots["cpu_ms"] <= TARGET_CPU_MS,
            },
            {
                "target": "Slack HTTP /kudos: roots answered/s vs bare ack-only Bolt",
                "measured": f"{rate_ratio:.2f}x ({roots['rate']:,.0f}/s)",
                "goal": f">= {TARGET_RATE_RATIO}x",
                "met": rate_ratio >= TARGET_RATE_RATIO,
            },
            {
                "target": "Slack HTTP /kudos: roots CPU per request, cold directory",
                "measured": f"{sides['roots_cold']['cpu_ms']:.2f} ms"
                f" ({ratios['roots_cold']['rate']:.2f}x bare rate)",
                "goal": "info",
                "met": None,
            },
        ],
        "env": environment(),
    }


def report(result: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"Slack HTTP /kudos, each bot its own process: {result['n']:,} signed requests per"
            f" pass from {result['n']:,} givers to {result['receivers']} receivers, concurrency"
            f" {result['concurrency']}, median of {result['rounds']} alternating rounds",
            "",
            sides_table(result, LABELS, "bare"),
            "",
            "CPU = the bot process's user+system time over the pass / requests answered;"
            " ratios = median of per-round ratios to bare.",
            "users.info calls per pass: "
            + ", ".join(f"{k} {v}" for k, v in result["users_info_per_pass"].items()),
            *notes(result, LABELS),
            *target_lines(result["targets"]),
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return platform_args("bench.slack_kudos", "requests", argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_platform_bench(parse_args(argv), measure, report, logging.WARNING)


if __name__ == "__main__":
    main()
