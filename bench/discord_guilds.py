"""Roots on Discord in 5,000 guilds: time to ready and memory, as its own process.

    .venv/bin/python -m bench.discord_guilds [--guilds 5000] [--channels 10] [--shards 2]
                                             [--rounds 1]

This process runs the fake Discord (tests/adapters/discord/fake_discord.py) with
``--guilds`` guilds of ``--channels`` text channels each (one role, the bot as
the only member cached: ``chunk_guilds_at_startup`` is off in Roots). Roots is the
real ``roots discord`` command (``python -m bot.cli discord``) on a fresh SQLite
file, with ``ROOTS_DISCORD_SHARDS=--shards`` (Discord requires sharding past
2,500 guilds; 0 runs unsharded) and ``ROOTS_METRICS_PORT`` set. "Ready" is the
time from starting the process until its ``/healthz`` first answers 200 (every
shard connected, every guild's GUILD_CREATE sent by the fake, the scheduler
running); RSS is read from /proc right then and after ``--settle`` seconds more,
with the peak (VmHWM). Real guilds carry more (members, roles, threads), so this
is a floor for a real 5,000-guild bot. Targets (issue #17): RSS < 500 MB, ready
< 60 s. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import aiohttp
from aiohttp import web

from bench._common import environment, json_line, median, table
from bench.procs import BotProcess, bot_env, free_port, roots_argv, running, target_lines
from tests.adapters.discord.fake_discord import FakeDiscord, Session, channel, guild

TOKEN = "bench-token"
FIRST_GUILD = 200000000000000001
FIRST_CHANNEL = 310000000000000000
TARGET_RSS_MB = 500
TARGET_READY_S = 60.0


class ManyGuilds(FakeDiscord):
    """The fake Discord with many guilds; GUILD_CREATE payloads built once, by guild."""

    def __init__(self, guilds: int, channels: int, shards: int) -> None:
        super().__init__()
        self.shard_total = max(shards, 1)
        self.guild_ids = [FIRST_GUILD + (g << 22) for g in range(guilds)]
        self.by_guild: dict[int, list[dict[str, Any]]] = {}
        for n, g in enumerate(self.guild_ids):
            ids = range(FIRST_CHANNEL + n * channels, FIRST_CHANNEL + (n + 1) * channels)
            self.by_guild[g] = [channel(c, f"channel-{c % 1000}", guild_id=g) for c in ids]
        self.sent_guilds = 0

    async def _route(self, method: str, path: str, body: Any) -> web.StreamResponse:
        response = await super()._route(method, path, body)
        if path == "/gateway/bot":  # how many shards Discord recommends
            assert isinstance(response, web.Response) and isinstance(response.body, bytes)
            data = json.loads(response.body)
            data["shards"] = self.shard_total
            return web.json_response(data)
        return response

    async def _identify(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> Session | None:
        self.identifies.append(d)
        shard = tuple(d.get("shard") or (0, 1))
        session = Session(f"s{len(self.sessions)}", int(d.get("intents", 0)), (shard[0], shard[1]))
        self.sessions[session.session_id] = session
        mine = [g for g in self.guild_ids if session.covers(g)]
        session.ws = ws
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(g), "unavailable": True} for g in mine],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.bot_user["id"]), "flags": 0},
            "shard": list(shard),
        }
        await self._send(session, "READY", ready)
        for g in mine:
            await self._send(session, "GUILD_CREATE", guild(g, self.by_guild[g], self.bot_user))
            self.sent_guilds += 1
        await self._notify()
        return session


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def healthy(session: aiohttp.ClientSession, port: int) -> bool:
    try:
        async with session.get(f"http://127.0.0.1:{port}/healthz") as resp:
            return resp.status == 200
    except aiohttp.ClientError:
        return False


async def one_run(args: argparse.Namespace, tmp: Path, tag: str) -> dict[str, float]:
    fake = ManyGuilds(args.guilds, args.channels, args.shards)
    await fake.start()
    fake.token = TOKEN
    port = free_port()
    extra = {
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "DATABASE_URL": f"sqlite:///{tmp / f'{tag}.db'}",
        "ROOTS_METRICS_PORT": str(port),
    }
    if args.shards:
        extra["ROOTS_DISCORD_SHARDS"] = str(args.shards)
    bot = BotProcess(f"roots ({tag})", roots_argv("discord"), bot_env(extra), tmp / f"{tag}.log")
    try:
        async with aiohttp.ClientSession() as session:
            started = time.perf_counter()
            async with running(bot):
                await bot.wait_until(lambda: healthy(session, port), args.timeout)
                ready_s = time.perf_counter() - started
                if fake.sent_guilds < args.guilds:
                    raise AssertionError(f"healthy after {fake.sent_guilds} GUILD_CREATE only")
                rss_ready = bot.rss() / 2**20
                await asyncio.sleep(args.settle)
                out = {
                    "ready_s": ready_s,
                    "rss_ready_mb": rss_ready,
                    "rss_settled_mb": bot.rss() / 2**20,
                    "rss_peak_mb": vm_hwm_mb(bot.pid),
                    "cpu_s_to_settled": bot.cpu(),
                }
    finally:
        await fake.stop()
    return out


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    runs = []
    with TemporaryDirectory(prefix="roots-bench-guilds-") as tmp:
        for r in range(args.rounds):
            run = await one_run(args, Path(tmp), f"guilds-{r}")
            print(
                f"  round {r + 1}/{args.rounds}: ready in {run['ready_s']:.1f} s,"
                f" RSS {run['rss_settled_mb']:.0f} MB (peak {run['rss_peak_mb']:.0f})",
                flush=True,
            )
            runs.append(run)
    m = {key: median([run[key] for run in runs]) for key in runs[0]}
    rss = max(m["rss_settled_mb"], m["rss_peak_mb"])
    return {
        "bench": "discord_guilds",
        "guilds": args.guilds,
        "channels_per_guild": args.channels,
        "shards": args.shards,
        "rounds": args.rounds,
        "median": m,
        "runs": runs,
        "targets": [
            {
                "target": f"Discord {args.guilds:,} guilds: RSS (peak)",
                "measured": f"{rss:.0f} MB (small fake guilds: a floor)",
                "goal": f"< {TARGET_RSS_MB} MB",
                "met": rss < TARGET_RSS_MB,
            },
            {
                "target": f"Discord {args.guilds:,} guilds: ready (start to /healthz 200)",
                "measured": f"{m['ready_s']:.1f} s",
                "goal": f"< {TARGET_READY_S:.0f} s",
                "met": m["ready_s"] < TARGET_READY_S,
            },
        ],
        "env": environment(),
    }


def report(result: dict[str, Any]) -> str:
    m = result["median"]
    shards = result["shards"] or "unsharded"
    rows = [
        [
            f"{result['guilds']:,}",
            result["channels_per_guild"],
            shards,
            f"{m['ready_s']:.1f}",
            f"{m['rss_ready_mb']:.0f}",
            f"{m['rss_settled_mb']:.0f}",
            f"{m['rss_peak_mb']:.0f}",
            f"{m['cpu_s_to_settled']:.1f}",
        ]
    ]
    headers = ["guilds", "channels/guild", "shards", "ready s", "RSS at ready MB"]
    headers += ["RSS settled MB", "peak MB", "CPU s"]
    return "\n".join(
        [
            f"Roots on Discord, its own process, median of {result['rounds']} start(s):",
            "",
            table(headers, rows),
            "",
            *target_lines(result["targets"]),
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.discord_guilds")
    parser.add_argument("--guilds", type=int, default=5_000)
    parser.add_argument("--channels", type=int, default=10, help="text channels per guild")
    parser.add_argument("--shards", type=int, default=2, help="ROOTS_DISCORD_SHARDS (0: none)")
    parser.add_argument("--rounds", type=int, default=1, help="fresh starts (median)")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds after ready for RSS")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for ready")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = asyncio.run(measure(args))
    print(report(result))
    print(json_line(result))
    return result


if __name__ == "__main__":
    main()
