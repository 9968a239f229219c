"""A plain Slack kudos bot, the baseline a first attempt would be: Bolt + aiosqlite.

    python -m bench.naive_slack_bot     (started by bench.slack_kudos / bench.slack_plusplus)

HTTP mode (``SLACK_SIGNING_SECRET`` set): Bolt's own aiohttp server on
127.0.0.1:``ROOTS_HTTP_PORT``; ``/kudos @member reason`` acks at once, then
calls ``users.info`` for the giver (every time: no cache), inserts one row and
commits, and answers in the channel through the response_url.

Socket Mode (``SLACK_APP_TOKEN`` set): Bolt's ``AsyncSocketModeHandler``; a
message ``<@member>++ reason`` does the same ``users.info``, insert and commit,
then ``say()`` (``chat.postMessage``) in the channel.

The database is one SQLite file (``DATABASE_URL=sqlite:///path``) in WAL mode with
synchronous=NORMAL, the durability Roots uses, so the comparison is not about
fsyncs. The Web API is at ``SLACK_API_URL``. It runs until killed (SIGTERM).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from typing import Any

import aiosqlite
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

MENTION = re.compile(r"<@(\w+)(?:\|[^>]*)?>")
PLUSPLUS = re.compile(r"<@(\w+)(?:\|[^>]*)?>\s*\+\+")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS kudos (id INTEGER PRIMARY KEY, team TEXT, channel TEXT,"
    " giver TEXT, giver_name TEXT, receiver TEXT, reason TEXT, created REAL)"
)
INSERT = "INSERT INTO kudos (team, channel, giver, giver_name, receiver, reason, created)"


async def open_db() -> aiosqlite.Connection:
    db = await aiosqlite.connect(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
    await db.execute("PRAGMA journal_mode=WAL")
    await db.execute("PRAGMA synchronous=NORMAL")
    await db.execute(SCHEMA)
    await db.commit()
    return db


def build(db: aiosqlite.Connection, socket_mode: bool) -> AsyncApp:
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]
    )
    secret = os.environ.get("SLACK_SIGNING_SECRET", "")
    app = AsyncApp(
        client=client,
        signing_secret=secret,
        name="naive",
        request_verification_enabled=not socket_mode,
    )

    async def record(team: str, channel: str, giver: str, receiver: str, reason: str) -> str:
        info = await client.users_info(user=giver)
        name = info["user"]["profile"].get("display_name") or info["user"]["name"]
        await db.execute(
            INSERT + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (team, channel, giver, name, receiver, reason, time.time()),
        )
        await db.commit()
        return f"<@{giver}> gave a kudos to <@{receiver}>: {reason}"

    @app.command("/kudos")
    async def kudos(ack: Any, command: dict[str, Any], respond: Any) -> None:
        await ack()
        text = command.get("text") or ""
        found = MENTION.search(text)
        if found is None:
            await respond(text="Usage: /kudos @member reason")
            return
        reason = text[found.end() :].strip()
        answer = await record(
            command["team_id"], command["channel_id"], command["user_id"], found.group(1), reason
        )
        await respond(response_type="in_channel", text=answer)

    @app.message(PLUSPLUS)
    async def plusplus(message: dict[str, Any], say: Any, context: Any) -> None:
        receiver = context["matches"][0]
        reason = PLUSPLUS.sub("", message.get("text") or "").strip()
        answer = await record(
            message.get("team", ""), message["channel"], message["user"], receiver, reason
        )
        await say(text=answer)

    return app


async def socket_mode() -> None:
    db = await open_db()
    app = build(db, socket_mode=True)
    handler = AsyncSocketModeHandler(app, os.environ["SLACK_APP_TOKEN"], web_client=app.client)
    await handler.start_async()


async def http_app() -> web.Application:
    db = await open_db()
    app = build(db, socket_mode=False)
    port = int(os.environ["ROOTS_HTTP_PORT"])
    web_app = AsyncSlackAppServer(
        port=port, path="/slack/events", app=app, host="127.0.0.1"
    ).web_app

    async def close_db(_app: web.Application) -> None:
        await db.close()  # aiosqlite's thread would otherwise keep the process alive

    web_app.on_cleanup.append(close_db)
    return web_app


def main() -> None:
    if os.environ.get("SLACK_APP_TOKEN"):
        asyncio.run(socket_mode())
    else:
        port = int(os.environ["ROOTS_HTTP_PORT"])
        web.run_app(http_app(), host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
