"""Slack Socket Mode ``<@member>++`` messages, each bot as its own process, as deployed.

    .venv/bin/python -m bench.slack_plusplus [--n 1000] [--receivers 200] [--concurrency 50]
                                             [--rounds 3] [--warmup 100]

This process is the load generator and the fake Slack (tests/adapters/slack/
fake_slack.py: Web API and the Socket Mode websocket) on loopback. Each bot under
test is a separate OS process, started fresh for each run on its own SQLite file,
and connects to the fake's websocket (``apps.connections.open``):

- ``naive``: Bolt + aiosqlite in Socket Mode (bench/naive_slack_bot.py): on each
  ``++`` message, ``users.info`` for the giver, one insert + commit, ``say()``;
- ``roots``: the real ``roots slack`` command (``python -m bot.cli slack``) with an
  app token (Socket Mode), its ``SLACK_API_URL`` pointing at the fake.

Each message is an ``events_api`` envelope holding a ``message`` event
``<@receiver>++ thanks for the review`` from its own giver; ``--concurrency``
are in flight. A message counts when its visible reply arrives: the
``chat.postMessage`` naming its giver. Runs, passes (Roots: a cold-directory pass
for information, then the same givers again with members known: the target
figures), CPU per message (the bot process's user + system time from /proc) and
alternating rounds are as in bench.slack_kudos; ratios are the median of
per-round ratios to the naive bot. Target (issue #17): roots answered/s >= 1.5 x
naive. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any

from bench._common import environment
from bench._slack import (
    TEAM,
    BenchSlack,
    check_answer,
    giver,
    receiver,
    slack_bot,
    wait_gone,
    wait_rows,
    wait_socket,
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
from tests.adapters.slack.fake_slack import BOT_USER

SIDES = ("naive", "roots")
LABELS = {
    "naive": "naive Bolt + aiosqlite (Socket Mode)",
    "roots": "roots, warm directory",
    "roots_cold": "(info) roots, cold directory",
}
TARGET_RATE_RATIO = 1.5
BASE_TS = 1774432800


def envelope(key: str, ts: str, giver_id: str, receiver_id: str, channel: str) -> dict[str, Any]:
    event = {
        "type": "message",
        "user": giver_id,
        "text": f"<@{receiver_id}>++ thanks for the review",
        "channel": channel,
        "channel_type": "channel",
        "team": TEAM,
        "ts": ts,
        "event_ts": ts,
    }
    body = {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A0ROOTS",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{key}",
        "event_time": BASE_TS,
        "authorizations": [
            {"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "enterprise_id": None}
        ],
    }
    return {
        "envelope_id": f"env-{key}",
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": 0,
        "retry_reason": "",
        "payload": body,
    }


def run_pass(
    bot: BotProcess,
    fake: BenchSlack,
    side: str,
    n: int,
    first: int,
    shift: int,
    serial: list[int],
    args: argparse.Namespace,
) -> Any:
    """Giver ``first + i`` writes ``<@receiver (i + shift) % receivers>++``."""

    async def one(i: int) -> None:
        g, r = giver(first + i), receiver((i + shift) % args.receivers)
        serial[0] += 1
        key = f"{serial[0]:09d}"
        ts = f"{BASE_TS + serial[0] // 1000}.{serial[0] % 1000:06d}"
        reply = fake.replies.expect(g)
        fake.envelopes.put_nowait(envelope(key, ts, g, r, f"C{i % 10:08d}"))
        check_answer(side, await reply_within(reply, f"{side} ++ from {g}"), r)

    fake.replies.clear()  # a reply left over from an earlier pass must not answer this one
    return measured_pass(bot, n, args.concurrency, one)


async def run_side(
    side: str, fake: BenchSlack, tmp: Path, tag: str, args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    bot, _port, db = slack_bot(side, fake, tmp, tag, socket_mode=True)
    fake.forget_calls()
    await wait_gone(fake)
    out: dict[str, dict[str, float]] = {}
    serial = [0]  # message timestamps stay unique within a run (Roots dedupes on them)
    async with running(bot):
        await wait_socket(bot, fake)
        await run_pass(bot, fake, side, args.warmup, args.n, 2, serial, args)
        passes = [("roots_cold", 0), ("roots", 1)] if side == "roots" else [(side, 0)]
        for name, shift in passes:
            before = fake.count("users.info")
            out[name] = await run_pass(bot, fake, side, args.n, 0, shift, serial, args)
            out[name]["users_info"] = fake.count("users.info") - before
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
            "roots-bench-socket-",
            lambda side, tmp, name: run_side(side, fake, tmp, name, args),
        )
    finally:
        await fake.stop()
    sides, ratios = summarize(runs, "naive")
    rate_ratio = ratios["roots"]["rate"]
    return {
        "bench": "slack_plusplus",
        "shape": "each bot its own process (Socket Mode); load generator + fake Slack in this one",
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
                "target": "Slack Socket Mode ++: roots answered/s vs naive bot",
                "measured": f"{rate_ratio:.2f}x ({sides['roots']['rate']:,.0f}/s)",
                "goal": f">= {TARGET_RATE_RATIO}x",
                "met": rate_ratio >= TARGET_RATE_RATIO,
            },
            {
                "target": "Slack Socket Mode ++: roots CPU per message, warm (cold)",
                "measured": f"{sides['roots']['cpu_ms']:.2f} ms"
                f" ({sides['roots_cold']['cpu_ms']:.2f}); naive {sides['naive']['cpu_ms']:.2f}",
                "goal": "info",
                "met": None,
            },
        ],
        "env": environment(),
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        f"Slack Socket Mode ++, each bot its own process: {result['n']:,} messages per pass"
        f" from {result['n']:,} givers to {result['receivers']} receivers, concurrency"
        f" {result['concurrency']}, median of {result['rounds']} alternating rounds",
        "",
        sides_table(result, LABELS, "naive"),
        "",
        "CPU = the bot process's user+system time over the pass / messages answered;"
        " ratios = median of per-round ratios to naive.",
        "users.info calls per pass: "
        + ", ".join(f"{k} {v}" for k, v in result["users_info_per_pass"].items()),
        *notes(result, LABELS),
        *target_lines(result["targets"]),
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return platform_args("bench.slack_plusplus", "messages", argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_platform_bench(parse_args(argv), measure, report, logging.WARNING)


if __name__ == "__main__":
    main()
