"""What the Slack benches share: the fake Slack with a stopwatch, members, and the bots.

The fake is tests/adapters/slack/fake_slack.py's ``FakeSlack`` (Web API,
response_url posts, a Socket Mode websocket), run in the bench's own process;
:class:`BenchSlack` adds only the stopwatch: each visible reply (a response_url
post, or a ``chat.postMessage``) resolves the request waiting for it.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from bench.procs import (
    BotProcess,
    Replies,
    bot_env,
    count_rows,
    free_port,
    port_open,
    roots_argv,
    script_argv,
)
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, TEAM, FakeSlack, user

APP_TOKEN = "xapp-1-bench"
GIVER = re.compile(r"UG\d{6}")
START_TIMEOUT = 60.0


def giver(i: int) -> str:
    return f"UG{i:06d}"


def receiver(j: int) -> str:
    return f"UR{j:06d}"


@dataclass
class BenchSlack(FakeSlack):
    """FakeSlack whose visible replies resolve waiters: response_url posts by their
    key, ``chat.postMessage`` by the giver id (``UG…``) its text names."""

    replies: Replies = field(default_factory=Replies)

    def add_members(self, givers: int, receivers: int) -> None:
        # Display names are the ids: Roots names the giver without a ping ("@UG000012"),
        # and the stopwatch finds the giver's id in the text either way.
        for uid in [giver(i) for i in range(givers)] + [receiver(j) for j in range(receivers)]:
            self.users[uid] = user(uid, uid)

    def forget_calls(self) -> None:
        """Between runs: the fake keeps every call; only counts are needed."""
        self.calls.clear()
        self.responses.clear()
        self.acks.clear()
        self.replies.clear()

    async def _api(self, request: web.Request) -> web.Response:
        response = await super()._api(request)
        call = self.calls[-1]  # appended by super() with no await since: this request's
        if call.method == "chat.postMessage":
            found = GIVER.search(str(call.args.get("text", "")))
            if found:
                self.replies.arrived(found.group(0), call.args)
        return response

    async def _response(self, request: web.Request) -> web.Response:
        response = await super()._response(request)
        key, body = self.responses[-1]
        self.replies.arrived(key, body)
        return response


def slack_env(fake: FakeSlack, db: Path, *, socket_mode: bool) -> tuple[dict[str, str], int]:
    """Environment of a Slack bot under test (Roots or a baseline), and its HTTP port."""
    port = free_port()
    extra = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": f"sqlite:///{db}",
        "ROOTS_HTTP_PORT": str(port),
    }
    if socket_mode:
        extra["SLACK_APP_TOKEN"] = APP_TOKEN
    else:
        extra["SLACK_SIGNING_SECRET"] = SECRET
    return bot_env(extra), port


def slack_bot(
    side: str, fake: FakeSlack, tmp: Path, tag: str, *, socket_mode: bool
) -> tuple[BotProcess, int, Path]:
    """The process for ``side`` (roots, naive or bare), its HTTP port and database file."""
    db = tmp / f"{tag}.db"
    env, port = slack_env(fake, db, socket_mode=socket_mode)
    argv = {
        "roots": roots_argv("slack"),
        "naive": script_argv("bench.naive_slack_bot"),
        "bare": script_argv("bench.bare_slack_bot"),
    }[side]
    return BotProcess(f"{side} ({tag})", argv, env, tmp / f"{tag}.log"), port, db


async def wait_http(bot: BotProcess, port: int) -> None:
    await bot.wait_until(lambda: port_open(port), START_TIMEOUT)


async def wait_socket(bot: BotProcess, fake: FakeSlack) -> None:
    """Until the bot holds the fake's Socket Mode websocket (the previous bot's is gone)."""
    await bot.wait_until(lambda: bool(fake.sockets), START_TIMEOUT)
    await asyncio.sleep(0.1)  # the hello is on its way; events may follow


async def wait_gone(fake: FakeSlack) -> None:
    for _ in range(200):
        if not fake.sockets:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("a stopped bot's Socket Mode websocket is still open")


def kudos_rows(db: Path) -> int:
    return count_rows(db, "SELECT COUNT(*) FROM kudos")


async def wait_rows(db: Path, expected: int, within: float = 15.0) -> int:
    """The ledger row count once it reaches ``expected`` (or whatever it is after ``within``)."""
    found = 0
    for _ in range(int(within / 0.1)):
        found = await asyncio.to_thread(kudos_rows, db)
        if found >= expected:
            break
        await asyncio.sleep(0.1)
    return found


def check_answer(side: str, answer: Any, receiver_id: str) -> None:
    """Every answer must be the public kudos announcement naming the receiver."""
    if side == "bare":
        return
    text = str(answer.get("text", "")) if isinstance(answer, dict) else ""
    public = (
        not isinstance(answer, dict) or answer.get("response_type", "in_channel") == "in_channel"
    )
    if not public or receiver_id not in text:
        raise AssertionError(f"{side} answered something else than the kudos: {answer!r:.300}")


__all__ = ["APP_TOKEN", "SECRET", "TEAM", "BenchSlack", "giver", "receiver"]
