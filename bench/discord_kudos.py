"""Discord ``/kudos`` interactions, each bot as its own process, as deployed.

    .venv/bin/python -m bench.discord_kudos [--n 1000] [--receivers 200] [--concurrency 50]
                                            [--rounds 3] [--warmup 100]

This process is the load generator and the fake Discord (tests/adapters/discord/
fake_discord.py: REST routes and a gateway websocket) on loopback. Each bot under
test is a separate OS process, started fresh for each run:

- ``bare``: a discord.py ``commands.Bot`` whose ``/kudos`` only answers
  ``send_message("ok")`` (bench/bare_discord_bot.py);
- ``roots``: the real ``roots discord`` command (``python -m bot.cli discord``) on
  its own SQLite file, ``DISCORD_API_URL`` / ``DISCORD_GATEWAY_URL`` pointing at
  the fake.

A run: start the bot, wait for its gateway session, ``--warmup`` untimed
interactions (givers of their own), then the measured pass(es): ``--n``
real-shaped ``INTERACTION_CREATE`` payloads for ``/kudos member reason`` from
``--n`` distinct givers to ``--receivers`` members, ``--concurrency`` unanswered
at most. Latency runs from the moment the fake writes the event until the bot's
interaction callback reaches it (a Roots answer deferred because the core took
over 1.5 s counts at its defer; column "deferred"). Roots has two passes: the
givers new to the community (information), then the same givers again, each
thanking another member (members known: the target figures). Every Roots kudos
must be in its ledger at the end.

CPU per answer is the bot process's user + system time (/proc/<pid>/stat, every
thread) over the pass, divided by the interactions answered. Sides alternate for
``--rounds`` rounds; medians are reported, and ratios are the median of
per-round ratios to the bare bot measured in the same round. Targets (issue
#17): roots CPU per answer <= 1.5 x bare, answered/s >= 0.7 x bare. The last line
of output is JSON. (bench.discord_kudos_inprocess is the older variant running
the bots inside the load generator's process, with diagnostic sides.)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from bench._common import environment
from bench.procs import (
    BotProcess,
    Replies,
    bot_env,
    count_rows,
    measured_pass,
    notes,
    platform_args,
    reply_within,
    roots_argv,
    run_platform_bench,
    run_rounds,
    running,
    script_argv,
    sides_table,
    summarize,
    target_lines,
)
from tests.adapters.discord.fake_discord import FakeDiscord, Sent, user

SIDES = ("bare", "roots")
LABELS = {
    "bare": "bare discord.py bot",
    "roots": "roots, members known",
    "roots_new": "(info) roots, givers new",
}
TARGET_CPU_RATIO = 1.5
TARGET_RATE_RATIO = 0.7
TOKEN = "bench-token"
FIRST_GIVER = 500000000000000000
FIRST_RECEIVER = 600000000000000000
START_TIMEOUT = 60.0


class Load:
    """/kudos interactions through the fake's gateway; each waits for its callback."""

    def __init__(self, fake: FakeDiscord, side: str, args: argparse.Namespace) -> None:
        self.fake = fake
        self.side = side
        self.args = args
        self.replies = Replies()
        self.deferred = 0
        fake.on_request = self.on_request

    def on_request(self, sent: Sent) -> None:
        if sent.method == "POST" and sent.path.endswith("/callback"):
            self.replies.arrived(sent.path.split("/")[2], sent.body)

    def run(self, bot: BotProcess, n: int, first: int, shift: int) -> Any:
        """Giver ``first + i`` thanks member ``(i + shift) % receivers``."""

        async def one(i: int) -> None:
            giver = user(FIRST_GIVER + first + i, f"giver{first + i}")
            j = (i + shift) % self.args.receivers
            receiver = user(FIRST_RECEIVER + j, f"member{j}")
            payload = self.fake.slash(giver, "kudos", member=receiver, reason="thanks for the help")
            reply = self.replies.expect(payload["id"])
            await self.fake.send_interaction(payload)
            body = await reply_within(reply, f"{self.side} /kudos from {giver['id']}")
            if body.get("type") == 5:
                self.deferred += 1
            elif body.get("type") != 4 or (
                self.side == "roots" and receiver["id"] not in str(body.get("data"))
            ):
                raise AssertionError(f"{self.side} answered something else: {body!r:.300}")

        return measured_pass(bot, n, self.args.concurrency, one)


def discord_bot(side: str, fake: FakeDiscord, tmp: Path, tag: str) -> tuple[BotProcess, Path]:
    db = tmp / f"{tag}.db"
    env = bot_env(
        {
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_URL": fake.api_url,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DATABASE_URL": f"sqlite:///{db}",
        }
    )
    argv = roots_argv("discord") if side == "roots" else script_argv("bench.bare_discord_bot")
    return BotProcess(f"{side} ({tag})", argv, env, tmp / f"{tag}.log"), db


def connected(fake: FakeDiscord) -> bool:
    return any(s.ws is not None and not s.ws.closed for s in fake.sessions.values())


async def run_side(
    side: str, fake: FakeDiscord, tmp: Path, tag: str, args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    bot, db = discord_bot(side, fake, tmp, tag)
    await fake.wait_for(lambda: not connected(fake), 20)  # the previous bot is gone
    fake.requests.clear()
    load = Load(fake, side, args)
    out: dict[str, dict[str, float]] = {}
    async with running(bot):
        await bot.wait_until(lambda: connected(fake), START_TIMEOUT)
        await load.run(bot, args.warmup, args.n, 2)  # givers of its own
        passes = [("roots_new", 0), ("roots", 1)] if side == "roots" else [(side, 0)]
        for name, shift in passes:
            load.deferred = 0
            out[name] = await load.run(bot, args.n, 0, shift)
            out[name]["deferred"] = load.deferred
        if side == "roots":
            expected = args.warmup + len(passes) * args.n
            found = 0
            for _ in range(150):  # deferred answers finish their kudos after the defer
                found = await asyncio.to_thread(count_rows, db, "SELECT COUNT(*) FROM kudos")
                if found >= expected:
                    break
                await asyncio.sleep(0.1)
            if found != expected:
                raise AssertionError(f"roots holds {found} kudos, expected {expected}")
    fake.on_request = None
    return out


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    fake = await FakeDiscord().start()
    fake.token = TOKEN
    load_before = os.getloadavg()
    try:
        runs = await run_rounds(
            SIDES,
            LABELS,
            args.rounds,
            "roots-bench-discord-",
            lambda side, tmp, name: run_side(side, fake, tmp, name, args),
        )
    finally:
        await fake.stop()
    sides, ratios = summarize(runs, "bare")
    roots = ratios["roots"]
    return {
        "bench": "discord_kudos",
        "shape": "each bot its own process; load generator + fake Discord in this one",
        "n": args.n,
        "receivers": args.receivers,
        "concurrency": args.concurrency,
        "warmup": args.warmup,
        "rounds": args.rounds,
        "sides": sides,
        "ratios": ratios,
        "deferred": {k: [run["deferred"] for run in v] for k, v in runs.items()},
        "runs": runs,
        "loadavg_before": [round(v, 2) for v in load_before],
        "targets": [
            {
                "target": "Discord /kudos: roots CPU per answer vs bare discord.py",
                "measured": f"{roots['cpu_ms']:.2f}x ({sides['roots']['cpu_ms']:.2f} ms"
                f" vs {sides['bare']['cpu_ms']:.2f})",
                "goal": f"<= {TARGET_CPU_RATIO}x",
                "met": roots["cpu_ms"] <= TARGET_CPU_RATIO,
            },
            {
                "target": "Discord /kudos: roots answered/s vs bare discord.py",
                "measured": f"{roots['rate']:.2f}x ({sides['roots']['rate']:,.0f}/s)",
                "goal": f">= {TARGET_RATE_RATIO}x",
                "met": roots["rate"] >= TARGET_RATE_RATIO,
            },
        ],
        "env": environment(),
    }


def report(result: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"Discord /kudos, each bot its own process: {result['n']:,} interactions per pass"
            f" from {result['n']:,} givers to {result['receivers']} members, at most"
            f" {result['concurrency']} unanswered, median of {result['rounds']} alternating rounds",
            "",
            sides_table(result, LABELS, "bare"),
            "",
            "CPU = the bot process's user+system time over the pass / interactions answered;"
            " ratios = median of per-round ratios to bare.",
            "answers deferred per pass: "
            + ", ".join(f"{k} {v}" for k, v in result["deferred"].items()),
            *notes(result, LABELS),
            *target_lines(result["targets"]),
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return platform_args("bench.discord_kudos", "interactions", argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_platform_bench(parse_args(argv), measure, report, logging.ERROR)


if __name__ == "__main__":
    main()
