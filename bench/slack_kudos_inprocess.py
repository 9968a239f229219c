"""Signed `/kudos` requests against Slack HTTP mode, next to a bare Bolt app that only acks.

IN-PROCESS DIAGNOSTIC, NOT FOR TARGETS: Roots, the bare app, the fake Slack and
the load generator all run in this one process. Sharing a process slows the
baseline too, so the ratios here flatter Roots (0.67x bare here, while the
independent review, each bot its own process, found 475-557 answered/s against
1,560-2,260 for the bare app); the production-shape bench, giving the issue #17 figures, is
bench.slack_kudos. Keep this one to see where Roots' cost goes (its (info) side).

    .venv/bin/python -m bench.slack_kudos_inprocess [--n 2000] [--concurrency 50] [--repeats 3]
                                                    [--cold]

Roots side: ``run_slack`` in HTTP mode on a loopback port (port 0), a fresh SQLite
file per run, its Web API (``SLACK_API_URL``) a local aiohttp server answering
``auth.test``, ``users.info``, ``chat.postMessage`` and response_url posts. Each of
``--n`` requests is a ``/kudos @next thanks…`` from a distinct giver (2,000 by
default), signed with the test signing secret, sent by ``--concurrency`` (50)
workers. A request counts as answered when its visible reply arrives: a non-empty
ack body, or the response_url post that follows an empty ack. Every Roots answer
must be the public kudos announcement, and the ledger must hold ``--n`` kudos.
By default members are already known (one ``users.info`` each before timing, as
in a workspace Roots has been running in); ``--cold`` times first lookups too.

Bare side: a Bolt ``AsyncApp`` served by Bolt's own aiohttp server
(``AsyncSlackAppServer``, signature verification on) whose ``/kudos`` listener
only calls ``ack()``; the ack is its answer.

Informational third side: the Roots adapter exactly as above but with the
router answering a prebuilt kudos reply (no core, no SQLite), to show what the
adapter itself costs; it is not part of the targets.

All sides run ``--repeats`` times, interleaved, after a short warm-up of each;
medians are reported, and the ratios are the medians of the per-repeat ratios
(each pair ran back to back, under the same machine load). CPU time of the
whole process (client, server, core and SQLite threads) per request is shown
too: it is steadier than rates on a busy machine. Targets: Roots
answers >= 0.6x the bare rate, p99 < 2x the bare p99. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import SlackRuntime, SlackSettings, run_slack
from bench._common import environment, json_line, median, percentile, table
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import t
from bot.runtime import tune_gc
from bot.types import CommandCall, Context, Mention, Reply, Tone, Visibility
from bot.wiring import running_core

TEAM = "TBENCH"
SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
START_UTC = "2026-03-25T10:00:00+00:00"
TARGET_RATE_RATIO = 0.6
TARGET_P99_RATIO = 2.0


def uid(i: int) -> str:
    return f"U{i:06d}"


class FakeSlackApi:
    """The Web API methods both apps use, and response_url posts, on loopback."""

    def __init__(self) -> None:
        self.port = 0
        self.waiters: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.early: dict[str, dict[str, Any]] = {}
        self.calls: dict[str, int] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{id}", self._response)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def expect(self, key: str) -> asyncio.Future[dict[str, Any]]:
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        if key in self.early:
            future.set_result(self.early.pop(key))
        else:
            self.waiters[key] = future
        return future

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls[method] = self.calls.get(method, 0) + 1
        if method == "auth.test":
            body = {"ok": True, "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT"}
        elif method == "users.info":
            user = request.query.get("user", "")
            body = {
                "ok": True,
                "user": {"id": user, "name": user.lower(), "profile": {"display_name": user}},
            }
        elif method == "chat.postMessage":
            body = {"ok": True, "ts": f"{1774432800 + next(self._ts)}.000100"}
        else:
            body = {"ok": True}
        return web.json_response(body)

    async def _response(self, request: web.Request) -> web.Response:
        key = request.match_info["id"]
        payload = await request.json()
        waiter = self.waiters.pop(key, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(payload)
        else:
            self.early[key] = payload
        return web.Response(text="ok")


# ---------------------------------------------------------------- load


async def drive(
    base_url: str, api: FakeSlackApi, n: int, givers: int, concurrency: int, tag: str
) -> dict[str, Any]:
    """Send ``n`` signed /kudos requests; latency until each visible answer."""
    verifier = SignatureVerifier(SECRET)
    latencies: list[float] = []
    answers: list[dict[str, Any] | None] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)

    async def one(session: aiohttp.ClientSession, i: int) -> None:
        giver, receiver = i % givers, (i % givers + 1 + i // givers) % givers
        key = f"{tag}-{i}"
        body = urlencode(
            {
                "token": "legacy",
                "team_id": TEAM,
                "channel_id": f"C{i % 10}",
                "user_id": uid(giver),
                "user_name": uid(giver).lower(),
                "command": "/kudos",
                "text": f"<@{uid(receiver)}|{uid(receiver).lower()}> thanks for the review",
                "response_url": f"http://127.0.0.1:{api.port}/response/{key}",
                "trigger_id": f"{key}.trigger",
            }
        )
        started = time.perf_counter()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": verifier.generate_signature(timestamp=stamp, body=body) or "",
        }
        async with session.post(base_url, data=body.encode(), headers=headers) as resp:
            text = await resp.text()
            if resp.status != 200:
                raise AssertionError(f"request {i}: HTTP {resp.status} {text[:200]}")
        if text.strip():
            answer: dict[str, Any] | None = json.loads(text) if text.startswith("{") else {}
        elif tag.startswith("bare"):
            answer = None  # the bare app's empty ack is its whole answer
        else:
            answer = await asyncio.wait_for(api.expect(key), 30)
        latencies.append(time.perf_counter() - started)
        answers.append(answer)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            await one(session, queue.get_nowait())

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        cpu_started = time.process_time()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    return {
        "seconds": elapsed,
        "rate": n / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "cpu_ms_per_request": cpu / n * 1000,
        "answers": answers,
    }


# ---------------------------------------------------------------- sides


def stub_command(real: Any) -> Any:
    """A router.command that answers a kudos like the core would, without the core."""

    async def command(call: CommandCall) -> list[Reply]:
        receiver = next(iter(call.mentions.values()))
        body = t("en", "kudos.given", giver=Mention(call.ctx.actor.id, call.ctx.actor.name),
                 receivers=(Mention(receiver.id, receiver.name),))  # fmt: skip
        lines = (t("en", "kudos.reason", reason=" ".join(call.args[1:])),)
        return [Reply(body, lines=lines, visibility=Visibility.PUBLIC, tone=Tone.SUCCESS,
                      ping=(receiver.id,))]  # fmt: skip

    return command


async def run_roots(
    path: Path, args: argparse.Namespace, tag: str, n: int, *, stub_core: bool = False
) -> dict[str, Any]:
    from datetime import datetime

    api = FakeSlackApi()
    await api.start()
    settings = Settings(database_url=f"sqlite:///{path}")
    slack = SlackSettings(bot_token=TOKEN, signing_secret=SECRET, api_url=api.api_url, http_port=0)
    clock = ManualClock(datetime.fromisoformat(START_UTC))
    try:
        async with running_core(settings, clock=clock) as core:
            loop = asyncio.get_running_loop()
            ready: asyncio.Future[SlackRuntime] = loop.create_future()
            task = asyncio.create_task(
                run_slack(core, slack, host="127.0.0.1", ready=ready.set_result)
            )
            runtime = await ready
            assert runtime.server is not None
            if not args.cold:  # a workspace Roots already knows (as bench.kudos_throughput)
                directory = runtime.adapter.directory
                known = await asyncio.gather(
                    *(directory.profile(TEAM, uid(i)) for i in range(args.givers))
                )
                await core.communities.settings(Context("slack", TEAM, "C0", known[0].member))
                await core.communities.see(TEAM, *(p.member for p in known))
            if stub_core:  # adapter cost alone: the router answers without the core
                core.router.command = stub_command(core.router.command)  # type: ignore[method-assign]
            lookups_before = api.calls.get("users.info", 0)
            url = f"http://127.0.0.1:{runtime.server.port}/slack/events"
            result = await drive(url, api, n, args.givers, args.concurrency, tag)
            result["users_info_calls"] = api.calls.get("users.info", 0) - lookups_before
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            active = await core.store.count_active_kudos(TEAM)
    finally:
        await api.stop()
    public = sum(1 for a in result["answers"] if a and a.get("response_type") == "in_channel")
    if public != n or active != (0 if stub_core else n):
        raise AssertionError(f"{public} public answers and {active} kudos, expected {n}")
    return result


async def run_bare(args: argparse.Namespace, tag: str, n: int) -> dict[str, Any]:
    api = FakeSlackApi()
    await api.start()
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(token=TOKEN, base_url=api.api_url, session=session)
        app = AsyncApp(client=client, signing_secret=SECRET, name="bare")

        @app.command("/kudos")
        async def only_ack(ack: Any) -> None:
            await ack()

        server = AsyncSlackAppServer(port=0, path="/slack/events", app=app)
        runner = web.AppRunner(server.web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        try:
            url = f"http://127.0.0.1:{site.port}/slack/events"
            return await drive(url, api, n, args.givers, args.concurrency, tag)
        finally:
            await runner.cleanup()
            await api.stop()


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"roots": [], "bare": [], "stub": []}
    sides = ["roots", "bare", "stub"]
    with tempfile.TemporaryDirectory(prefix="roots-bench-slack-") as tmp:
        root = Path(tmp)
        warm = min(args.n, args.warmup)
        await run_roots(root / "warm.db", args, "roots-warm", warm)
        await run_bare(args, "bare-warm", warm)
        for rep in range(args.repeats):
            for side in sides[rep % 3 :] + sides[: rep % 3]:  # rotate the order
                tag = f"{side}-{rep}"
                if side == "bare":
                    res = await run_bare(args, tag, args.n)
                else:
                    stub = side == "stub"
                    res = await run_roots(root / f"{tag}.db", args, tag, args.n, stub_core=stub)
                res.pop("answers")
                runs[side].append(res)
                print(
                    f"  run {rep + 1}/{args.repeats} {side:>5}: {res['rate']:>7,.0f} answered/s"
                    f"  p50 {res['p50_ms']:6.1f} ms  p99 {res['p99_ms']:6.1f} ms"
                    f"  cpu {res['cpu_ms_per_request']:.2f} ms/request",
                    file=sys.stderr,
                )

    def med(side: str, key: str) -> float:
        return median([r[key] for r in runs[side]])

    # Ratios are taken per repeat (roots and bare ran back to back, under the same
    # machine load), then the median of those ratios is reported.
    pairs = list(zip(runs["roots"], runs["bare"], strict=True))
    rate_ratio = median([r["rate"] / b["rate"] for r, b in pairs])
    stubs = zip(runs["stub"], runs["bare"], strict=True)
    stub_ratio = median([r["rate"] / b["rate"] for r, b in stubs])
    p99_ratio = median([r["p99_ms"] / b["p99_ms"] for r, b in pairs])
    return {
        "bench": "slack_kudos_inprocess",
        "n": args.n,
        "givers": args.givers,
        "concurrency": args.concurrency,
        "repeats": args.repeats,
        "members_known": not args.cold,
        "roots_rate": round(med("roots", "rate"), 1),
        "bare_rate": round(med("bare", "rate"), 1),
        "roots_p50_ms": round(med("roots", "p50_ms"), 2),
        "roots_p99_ms": round(med("roots", "p99_ms"), 2),
        "bare_p50_ms": round(med("bare", "p50_ms"), 2),
        "bare_p99_ms": round(med("bare", "p99_ms"), 2),
        "roots_cpu_ms_per_request": round(med("roots", "cpu_ms_per_request"), 3),
        "bare_cpu_ms_per_request": round(med("bare", "cpu_ms_per_request"), 3),
        "adapter_only_rate": round(med("stub", "rate"), 1),
        "adapter_only_cpu_ms_per_request": round(med("stub", "cpu_ms_per_request"), 3),
        "adapter_only_rate_ratio": round(stub_ratio, 3),
        "roots_users_info_calls": [r["users_info_calls"] for r in runs["roots"]],
        "roots_rates": [round(r["rate"], 1) for r in runs["roots"]],
        "bare_rates": [round(r["rate"], 1) for r in runs["bare"]],
        "rate_ratio": round(rate_ratio, 3),
        "p99_ratio": round(p99_ratio, 3),
        "target_rate_ratio": TARGET_RATE_RATIO,
        "target_p99_ratio": TARGET_P99_RATIO,
        "target_met": rate_ratio >= TARGET_RATE_RATIO and p99_ratio < TARGET_P99_RATIO,
        "env": environment(),
    }


def report(r: dict[str, Any]) -> str:
    rows = [
        ["roots (HTTP mode, core, SQLite)", f"{r['roots_rate']:,.0f}", r["roots_p50_ms"],
         r["roots_p99_ms"], r["roots_cpu_ms_per_request"]],
        ["bare Bolt app (ack only)", f"{r['bare_rate']:,.0f}", r["bare_p50_ms"],
         r["bare_p99_ms"], r["bare_cpu_ms_per_request"]],
        ["(info) roots adapter, core stubbed", f"{r['adapter_only_rate']:,.0f}", "", "",
         r["adapter_only_cpu_ms_per_request"]],
    ]  # fmt: skip
    verdict = "met" if r["target_met"] else "MISSED"
    return "\n".join(
        [
            f"slack /kudos: {r['n']:,} signed requests per run from {r['givers']:,} givers,"
            f" concurrency {r['concurrency']}, median of {r['repeats']}"
            f" (members {'known' if r['members_known'] else 'unknown: cold cache'})",
            "",
            table(["side", "answered/s", "p50 ms", "p99 ms", "cpu ms/request"], rows),
            "",
            "ratios: median over repeats of roots/bare within each repeat",
            f"rate roots/bare = {r['rate_ratio']:.3f} (target >= {TARGET_RATE_RATIO}),"
            f" p99 roots/bare = {r['p99_ratio']:.3f} (target < {TARGET_P99_RATIO}): {verdict}",
            f"(info) adapter alone, core stubbed: rate/bare = {r['adapter_only_rate_ratio']:.3f}",
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.slack_kudos_inprocess")
    parser.add_argument("--n", type=int, default=2_000, help="requests per run and side")
    parser.add_argument("--givers", type=int, default=2_000, help="distinct givers")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=300, help="requests per warm-up run")
    parser.add_argument("--cold", action="store_true", help="members unknown: time users.info")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.n > args.givers * 5:
        parser.error("--n may be at most 5x --givers (the default daily budget)")
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    tune_gc()  # as a roots process does at start (adapters/runner.py); both sides share it
    result = asyncio.run(measure(args))
    print(report(result))
    print(json_line(result))
    if args.strict and not result["target_met"]:
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main()
