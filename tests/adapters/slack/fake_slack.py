"""A local stand-in for Slack: the Web API methods Roots uses, response_url posts,
and a signed-request driver playing Slack's side of HTTP mode. Loopback only.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

TEAM = "T0ROOTS"
BOT_USER = "U0ROOTSBOT"
BOT_ID = "B0ROOTS"
APP_ID = "A0ROOTS"
SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-0000-secret-token"


def user(uid: str, name: str, **flags: Any) -> dict[str, Any]:
    return {
        "id": uid,
        "team_id": TEAM,
        "name": name.lower(),
        "real_name": name,
        "tz": flags.pop("tz", "Europe/Paris"),
        "profile": {"display_name": name, "real_name": name},
        **flags,
    }


def _with_locale(found: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    """A user object as Slack sends it: ``locale`` only when include_locale was asked."""
    if str(args.get("include_locale", "")).lower() in ("1", "true"):
        return found
    return {k: v for k, v in found.items() if k != "locale"}


@dataclass
class Call:
    method: str
    args: dict[str, Any]


@dataclass
class FakeSlack:
    """Answers ``/api/<method>`` and records every call; ``/response/<id>`` records posts."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    # user group id -> member ids (usergroups.users.list; team kudos, issue 15)
    usergroups: dict[str, list[str]] = field(default_factory=dict)
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # method -> queued (status, headers, body) answers used before the normal one
    scripted: dict[str, list[tuple[int, dict[str, str], dict[str, Any]]]] = field(
        default_factory=dict
    )
    envelopes: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    acks: list[dict[str, Any]] = field(default_factory=list)
    sockets: list[web.WebSocketResponse] = field(default_factory=list)  # Socket Mode, open
    sockets_refused: bool = False  # True: Socket Mode connections are refused (an outage)
    port: int = 0
    _runner: web.AppRunner | None = None
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, n: int | str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{n}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{id}", self._response)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------ queries

    def of(self, method: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method]

    def count(self, method: str) -> int:
        return len(self.of(method))

    async def wait_for(self, predicate: Any, within: float = 5.0) -> None:
        deadline = time.monotonic() + within
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("timed out waiting for Slack calls")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass

    async def wait_calls(
        self, method: str, n: int = 1, within: float = 5.0
    ) -> list[dict[str, Any]]:
        await self.wait_for(lambda: self.count(method) >= n, within)
        return self.of(method)

    async def wait_responses(self, n: int = 1, within: float = 5.0) -> list[dict[str, Any]]:
        await self.wait_for(lambda: len(self.responses) >= n, within)
        return [body for _, body in self.responses]

    # ------------------------------------------------------------ handlers

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.body_exists:
            raw = await request.read()
            if request.content_type == "application/json":
                args.update(json.loads(raw or b"{}"))
            else:
                args.update(dict(await request.post()))
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        self.calls.append(Call(method, args))
        self._changed.set()
        queued = self.scripted.get(method)
        if queued:
            status, headers, body = queued.pop(0)
            return web.json_response(body, status=status, headers=headers)
        return web.json_response(self._answer(method, args))

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://roots.slack.com/",
                "team": "Roots",
                "user": "roots",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
            }
        if method == "bots.info":
            return {
                "ok": True,
                "bot": {
                    "id": args.get("bot"),
                    "app_id": APP_ID,
                    "user_id": BOT_USER,
                    "name": "roots",
                },
            }
        if method == "users.info":
            found = self.users.get(args.get("user", ""))
            if found is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": _with_locale(found, args)}
        if method == "users.list":  # paged with a cursor, like Slack
            start = int(args.get("cursor") or 0)
            limit = int(args.get("limit") or 200)
            everyone = [_with_locale(u, args) for u in self.users.values()]
            page = everyone[start : start + limit]
            more = start + limit < len(everyone)
            meta = {"next_cursor": str(start + limit) if more else ""}
            return {"ok": True, "members": page, "response_metadata": meta}
        if method == "usergroups.users.list":
            users = self.usergroups.get(args.get("usergroup", ""))
            if users is None:
                return {"ok": False, "error": "no_such_subteam"}
            return {"ok": True, "users": list(users)}
        if method == "chat.postMessage":
            ts = f"{1774432800 + next(self._ts)}.000100"
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": {"ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{1774432800 + next(self._ts)}.000200"}
        if method == "conversations.history":
            found = self.messages.get((args.get("channel", ""), args.get("latest", "")))
            return {"ok": True, "messages": [found] if found else [], "has_more": False}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket?ticket=t"}
        if method in ("views.publish", "views.open", "chat.update", "conversations.info"):
            return {"ok": True}
        return {"ok": False, "error": "unknown_method"}

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        """Socket Mode: say hello, push queued envelopes, record the acks."""
        if self.sockets_refused:
            return web.Response(status=503, text="socket mode unavailable")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1})

        async def push() -> None:
            while True:
                await ws.send_json(await self.envelopes.get())

        pusher = asyncio.ensure_future(push())
        try:
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    self.acks.append(json.loads(msg.data))
                    self._changed.set()
        finally:
            pusher.cancel()
            self.sockets.remove(ws)
        return ws

    async def drop_sockets(self) -> None:
        """Close every Socket Mode connection, as a network drop would."""
        for ws in list(self.sockets):
            await ws.close()

    async def _response(self, request: web.Request) -> web.Response:
        self.responses.append((request.match_info["id"], await request.json()))
        self._changed.set()
        return web.Response(text="ok")


class SlackDriver:
    """Plays Slack: signed slash commands, events and interactions against Roots."""

    def __init__(self, base_url: str, fake: FakeSlack, secret: str = SECRET) -> None:
        self.base_url = base_url
        self.fake = fake
        self.verifier = SignatureVerifier(secret)
        self.session = aiohttp.ClientSession()
        self._n = itertools.count(1)

    async def close(self) -> None:
        await self.session.close()

    def headers(self, body: str, *, timestamp: str | None = None, **extra: str) -> dict[str, str]:
        ts = timestamp if timestamp is not None else str(int(time.time()))
        signature = self.verifier.generate_signature(timestamp=ts, body=body) or ""
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, **extra}

    async def post(self, body: str, content_type: str, headers: dict[str, str]) -> tuple[int, Any]:
        async with self.session.post(
            f"{self.base_url}/slack/events",
            data=body.encode(),
            headers={"Content-Type": content_type, **headers},
        ) as resp:
            text = await resp.text()
            try:
                return resp.status, json.loads(text) if text else None
            except json.JSONDecodeError:
                return resp.status, text

    def command_body(
        self, command: str, text: str, *, user: str, channel: str = "C0GENERAL"
    ) -> str:
        n = next(self._n)
        return urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM,
                "team_domain": "roots",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": command,
                "text": text,
                "api_app_id": APP_ID,
                "response_url": self.fake.response_url(f"cmd{n}"),
                "trigger_id": f"{n}.{n}.trigger",
            }
        )

    async def command(
        self, command: str, text: str = "", *, user: str, channel: str = "C0GENERAL"
    ) -> tuple[int, Any]:
        body = self.command_body(command, text, user=user, channel=channel)
        return await self.post(body, "application/x-www-form-urlencoded", self.headers(body))

    def event_body(self, event: dict[str, Any], event_id: str) -> str:
        return json.dumps(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM,
                "api_app_id": APP_ID,
                "event": event,
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "authorizations": [
                    {"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "enterprise_id": None}
                ],
            }
        )

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> tuple[int, Any]:
        body = self.event_body(event, event_id or f"Ev{next(self._n):08d}")
        extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        headers = self.headers(body, **(extra if retry else {}))
        return await self.post(body, "application/json", headers)

    def action_payload(
        self, action_id: str, value: str, *, user: str, channel: str, message_ts: str
    ) -> dict[str, Any]:
        n = next(self._n)
        return {
            "type": "block_actions",
            "team": {"id": TEAM, "domain": "roots"},
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
            "api_app_id": APP_ID,
            "token": "legacy-verification-token",
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
            "trigger_id": f"{n}.{n}.action",
            "channel": {"id": channel, "name": "general"},
            "message": {"type": "message", "ts": message_ts, "text": "prompt"},
            "response_url": self.fake.response_url(f"act{n}"),
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b1",
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                    "text": {"type": "plain_text", "text": "Done"},
                }
            ],
        }

    async def action(self, payload: dict[str, Any]) -> tuple[int, Any]:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", self.headers(body))
