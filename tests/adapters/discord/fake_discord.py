"""A fake Discord on loopback: the REST routes Roots uses and a JSON gateway.

An aiohttp server (port 0) answers under ``/api/v10`` and speaks the gateway
protocol on ``/gateway``: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats,
RESUME (replaying missed events, and optionally some already delivered ones),
and dispatches real-shaped ``INTERACTION_CREATE``, ``MESSAGE_CREATE`` and
``MESSAGE_REACTION_ADD`` payloads. Everything the bot sends is recorded in
:attr:`FakeDiscord.requests` so tests assert on what Discord would receive.
Intents are honoured: message events need GUILD_MESSAGES, content needs
MESSAGE_CONTENT, reactions need GUILD_MESSAGE_REACTIONS.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

API = "/api/v10"
APP_ID = 100000000000000001
BOT_ID = APP_ID
GUILD_ID = 200000000000000001
CHANNEL_ID = 300000000000000001
OTHER_CHANNEL_ID = 300000000000000002
TIMESTAMP = "2026-03-25T10:00:00.000000+00:00"

ADMIN_PERMISSIONS = str((1 << 41) - 1)  # everything, Manage Server included
MEMBER_PERMISSIONS = str((1 << 10) | (1 << 11) | (1 << 6) | (1 << 16) | (1 << 31))

INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_REACTIONS = 1 << 10
INTENT_MESSAGE_CONTENT = 1 << 15

EPHEMERAL = 64

_ids = itertools.count(900000000000000001)


def snowflake() -> str:
    return str(next(_ids))


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def member(user_payload: dict[str, Any], permissions: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "user": user_payload,
        "nick": None,
        "roles": [],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "avatar": None,
        "premium_since": None,
        "pending": False,
        "communication_disabled_until": None,
    }
    if permissions is not None:
        data["permissions"] = permissions
    return data


def channel(channel_id: int, name: str, guild_id: int = GUILD_ID) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def role(role_id: int, name: str) -> dict[str, Any]:
    """A guild role (team kudos thank its holders: issue 15)."""
    return {
        "id": str(role_id),
        "name": name,
        "permissions": MEMBER_PERMISSIONS,
        "position": 1,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": True,
        "flags": 0,
    }


def guild(
    guild_id: int,
    channels: list[dict[str, Any]],
    bot_user: dict[str, Any],
    roles: tuple[dict[str, Any], ...] = (),
    member_count: int = 2,
) -> dict[str, Any]:
    return {
        "id": str(guild_id),
        "name": f"guild-{guild_id}",
        "icon": None,
        "owner_id": "1",
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "features": [],
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "permissions": MEMBER_PERMISSIONS,
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            },
            *roles,
        ],
        "emojis": [],
        "stickers": [],
        "channels": channels,
        "threads": [],
        "members": [member(bot_user)],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "member_count": member_count,
        "large": False,
        "unavailable": False,
        "joined_at": TIMESTAMP,
        "system_channel_id": None,
        "max_members": 500000,
        "premium_progress_bar_enabled": False,
    }


@dataclass
class Sent:
    """One HTTP request the bot made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    # Files of a multipart request (pictures in chat, issue 14): (form field, filename,
    # content type, bytes), as Discord would receive them.
    files: list[tuple[str, str, str, bytes]] = field(default_factory=list)


@dataclass
class Session:
    session_id: str
    intents: int
    shard: tuple[int, int]
    seq: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    resumes: int = 0
    replayed: list[str] = field(default_factory=list)

    def covers(self, guild_id: int | None) -> bool:
        if guild_id is None:
            return True
        shard_id, count = self.shard
        return (guild_id >> 22) % count == shard_id


class FakeDiscord:
    def __init__(self) -> None:
        self.bot_user = user(BOT_ID, "Roots", bot=True)
        self.guild_ids = [GUILD_ID]
        self.channels: dict[int, dict[str, Any]] = {
            CHANNEL_ID: channel(CHANNEL_ID, "general"),
            OTHER_CHANNEL_ID: channel(OTHER_CHANNEL_ID, "prompts"),
        }
        self.messages: dict[int, dict[str, Any]] = {}
        self.requests: list[Sent] = []
        self.sessions: dict[str, Session] = {}
        self.identifies: list[dict[str, Any]] = []
        self.acknowledged: set[str] = set()
        self.nonces: dict[tuple[str, str], dict[str, Any]] = {}
        self.dm_channels: set[int] = set()
        # DM channel -> its recipient; users who refuse DMs (Discord answers 403 50007)
        self.dm_recipients: dict[int, int] = {}
        self.dm_refusers: set[int] = set()
        # GET /guilds/{id}/members/{user}: the guild's members by user id (unknown: 404)
        self.guild_members: dict[int, dict[str, Any]] = {}
        self.replay_on_resume = 0  # extra already-delivered events replayed on RESUME
        self.token = "fake-token"  # REST answers 401 to any other bot token
        self.message_content_allowed = True  # False: IDENTIFY with that intent gets 4014
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.application_flags = 0  # e.g. 1 << 18: Message Content intent enabled
        self.on_request: Callable[[Sent], None] | None = None  # the bench's stopwatch
        self.gateway_down = False  # True: the gateway refuses connections (an outage)
        # Team kudos (issue 15): the guild's roles, and its members with their role ids
        # (answered by a member chunk, op 8, only to a session with the members intent).
        self.roles: list[dict[str, Any]] = []
        self.members: list[dict[str, Any]] = []
        self.chunk_requests: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------ lifecycle

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]  # (host, port) of the one site
        return self

    async def stop(self) -> None:
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], within: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked whenever something happens)."""

        async def check() -> Any:
            async with self._changed:
                while True:
                    result = predicate()
                    if result:
                        return result
                    await self._changed.wait()

        return await asyncio.wait_for(check(), within)

    async def ready(self, sessions: int = 1, within: float = 10.0) -> None:
        await self.wait_for(
            lambda: sum(1 for s in self.sessions.values() if s.ws is not None) >= sessions,
            within,
        )

    # ------------------------------------------------------------ what the bot sent

    def sent(self, method: str, path_part: str) -> list[Sent]:
        return [r for r in self.requests if r.method == method and path_part in r.path]

    def callbacks(self, interaction_id: str | None = None) -> list[dict[str, Any]]:
        return [
            r.body
            for r in self.requests
            if r.method == "POST"
            and r.path.endswith("/callback")
            and (interaction_id is None or f"/interactions/{interaction_id}/" in r.path)
        ]

    async def callback(self, interaction_id: str, within: float = 5.0) -> dict[str, Any]:
        found: list[dict[str, Any]] = await self.wait_for(
            lambda: self.callbacks(interaction_id), within
        )
        return found[0]

    def channel_posts(self, channel_id: int = CHANNEL_ID) -> list[dict[str, Any]]:
        return [
            r.body
            for r in self.requests
            if r.method == "POST" and r.path == f"/channels/{channel_id}/messages"
        ]

    # ------------------------------------------------------------ REST

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        files: list[tuple[str, str, str, bytes]] = []
        if request.content_type == "multipart/form-data":
            # a message with files: its JSON in payload_json, then files[n] parts
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                data = await part.read()
                if part.name == "payload_json":
                    body = json.loads(data)
                else:
                    kind = part.headers.get("Content-Type", "")
                    files.append((part.name or "", part.filename or "", kind, bytes(data)))
        elif request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        if "/webhooks/" not in path and "/interactions/" not in path:
            if request.headers.get("Authorization") != f"Bot {self.token}":
                return _error(401, 0, "401: Unauthorized")
        sent = Sent(request.method, path, dict(request.query), body, files)
        self.requests.append(sent)
        if self.on_request is not None:
            self.on_request(sent)
        try:
            return await self._route(request.method, path, body)
        finally:
            await self._notify()

    async def _route(self, method: str, path: str, body: Any) -> web.StreamResponse:
        parts = path.strip("/").split("/")
        if path in ("/gateway/bot", "/gateway"):
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 16,
                    },
                }
            )
        if path == "/users/@me":
            return _json(self.bot_user)
        if path == "/oauth2/applications/@me":
            return _json(self._application())
        if parts[0] == "applications" and method == "PUT":
            return self._put_commands(parts, body)
        if parts[0] == "applications" and method == "GET" and parts[-1] == "commands":
            scope = parts[3] if len(parts) > 4 and parts[2] == "guilds" else "global"
            return _json(self.commands.get(scope, []))
        if parts[0] == "interactions" and parts[-1] == "callback":
            return self._interaction_callback(parts[1], body)
        if parts[0] == "webhooks":
            return self._webhook(method, parts, body)
        if path == "/users/@me/channels":
            dm_id = snowflake()
            self.dm_channels.add(int(dm_id))
            self.dm_recipients[int(dm_id)] = int(body["recipient_id"])
            recipient = user(int(body["recipient_id"]), "someone")
            return _json({"id": dm_id, "type": 1, "recipients": [recipient]})
        if parts[0] == "channels":
            return self._channel(method, parts, body)
        if parts[0] == "guilds" and len(parts) == 4 and parts[2] == "members" and method == "GET":
            found = self.guild_members.get(int(parts[3])) if parts[3].isdigit() else None
            if found is None:
                return _error(404, 10007, "Unknown Member")
            return _json(found)
        return _error(404, 0, f"fake Discord has no route {method} {path}")

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "Roots",
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": user(1, "owner"),
            "verify_key": "0" * 64,
            "flags": self.application_flags,
            "team": None,
            "summary": "",
        }

    def _put_commands(self, parts: list[str], body: list[dict[str, Any]]) -> web.Response:
        scope = parts[3] if len(parts) > 4 and parts[2] == "guilds" else "global"
        out = []
        for command in body:
            registered = {
                "id": snowflake(),
                "application_id": str(APP_ID),
                "version": snowflake(),
                "default_member_permissions": None,
                "type": 1,
                "description": "",
                "options": [],
                **command,
            }
            out.append(registered)
        self.commands[scope] = out
        return _json(out)

    def _interaction_callback(self, interaction_id: str, body: dict[str, Any]) -> web.Response:
        if interaction_id in self.acknowledged:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        self.acknowledged.add(interaction_id)
        return _json({"interaction": {"id": interaction_id, "type": 2}})

    def _webhook(self, method: str, parts: list[str], body: Any) -> web.Response:
        if method == "DELETE":
            return web.Response(status=204)
        payload = body or {}
        message = self._message(CHANNEL_ID, self.bot_user, payload)
        return _json(message)

    def _channel(self, method: str, parts: list[str], body: Any) -> web.StreamResponse:
        channel_id = int(parts[1])
        if channel_id not in self.channels and channel_id not in self.dm_channels:
            return _error(404, 10003, "Unknown Channel")
        if len(parts) == 2 and method == "GET":  # GET /channels/{id}: tells its guild_id
            return _json(self.channels[channel_id])
        if len(parts) == 3 and parts[2] == "messages" and method == "POST":
            if self.dm_recipients.get(channel_id) in self.dm_refusers:
                return _error(403, 50007, "Cannot send messages to this user")
            nonce = body.get("nonce")
            if nonce is not None and body.get("enforce_nonce"):
                key = (str(channel_id), str(nonce))
                if key in self.nonces:
                    return _json(self.nonces[key])
            message = self._message(channel_id, self.bot_user, body)
            self.messages[int(message["id"])] = message
            if nonce is not None and body.get("enforce_nonce"):
                self.nonces[(str(channel_id), str(nonce))] = message
            return _json(message)
        if len(parts) == 4 and parts[2] == "messages":
            message_id = int(parts[3])
            if message_id not in self.messages:
                return _error(404, 10008, "Unknown Message")
            if method == "PATCH":
                self.messages[message_id].update(body or {})
            return _json(self.messages[message_id])
        if "reactions" in parts:
            return web.Response(status=204)
        return _error(404, 0, "fake Discord: unknown channel route")

    def _message(
        self, channel_id: int, author: dict[str, Any], body: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "id": snowflake(),
            "channel_id": str(channel_id),
            "guild_id": str(GUILD_ID),
            "author": author,
            "content": body.get("content") or "",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags") or 0,
            "nonce": body.get("nonce"),
        }

    # ------------------------------------------------------------ gateway

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        if self.gateway_down:
            return web.Response(status=503, text="gateway unavailable")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        session: Session | None = None
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            op = data["op"]
            if op == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif op == 2:
                session = await self._identify(ws, data["d"])
            elif op == 6:
                session = await self._resume(ws, data["d"])
            elif op == 8 and session is not None:
                await self._chunk(session, data["d"])
        if session is not None and session.ws is ws:
            session.ws = None
        await self._notify()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> Session | None:
        self.identifies.append(d)
        if int(d.get("intents", 0)) & INTENT_MESSAGE_CONTENT and not self.message_content_allowed:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        shard = tuple(d.get("shard") or (0, 1))
        session = Session(snowflake(), int(d.get("intents", 0)), (shard[0], shard[1]))
        self.sessions[session.session_id] = session
        guilds = [g for g in self.guild_ids if session.covers(g)]
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "shard": list(shard),
        }
        session.ws = ws
        await self._send(session, "READY", ready)
        for g in guilds:
            channels = [c for c in self.channels.values() if c["guild_id"] == str(g)]
            count = 1 + len(self.members)
            payload = guild(g, channels, self.bot_user, tuple(self.roles), count)
            await self._send(session, "GUILD_CREATE", payload)
        await self._notify()
        return session

    async def _chunk(self, session: Session, d: dict[str, Any]) -> None:
        """REQUEST_GUILD_MEMBERS: every member in one GUILD_MEMBERS_CHUNK, when the
        session asked for the (privileged) members intent, as Discord requires."""
        self.chunk_requests.append(d)
        if not session.intents & INTENT_GUILD_MEMBERS:
            return
        everyone = [member(self.bot_user), *self.members]
        chunk = {
            "guild_id": d["guild_id"],
            "members": everyone,
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if d.get("nonce"):
            chunk["nonce"] = d["nonce"]
        await self._send(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _resume(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> Session:
        session = self.sessions[d["session_id"]]
        session.ws = ws
        session.resumes += 1
        since = int(d["seq"] or 0) - self.replay_on_resume
        for event in session.history:
            if event["s"] > since:
                session.replayed.append(event["t"])
                await ws.send_json(event)
        session.seq += 1
        await ws.send_json({"op": 0, "t": "RESUMED", "s": session.seq, "d": {}})
        await self._notify()
        return session

    async def _send(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.history.append(payload)
        if session.ws is not None and not session.ws.closed:
            await session.ws.send_json(payload)

    async def dispatch(self, event: str, data: dict[str, Any], guild_id: int | None) -> None:
        for session in list(self.sessions.values()):
            if not session.covers(guild_id):
                continue
            payload = data
            if event == "MESSAGE_CREATE":
                if not session.intents & INTENT_GUILD_MESSAGES:
                    continue
                if not session.intents & INTENT_MESSAGE_CONTENT:
                    payload = {**data, "content": "", "embeds": [], "attachments": []}
            if event == "MESSAGE_REACTION_ADD" and not session.intents & INTENT_GUILD_REACTIONS:
                continue
            await self._send(session, event, payload)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close every gateway socket as a network drop would; the bot resumes."""
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close(code=code)
                session.ws = None

    # ------------------------------------------------------------ events users cause

    def interaction(
        self,
        kind: int,
        data: dict[str, Any],
        actor: dict[str, Any],
        *,
        admin: bool = False,
        guild_id: int | None = GUILD_ID,
        channel_id: int = CHANNEL_ID,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": snowflake(),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "channel_id": str(channel_id),
            "token": "tok-" + snowflake(),
            "version": 1,
            "app_permissions": ADMIN_PERMISSIONS,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 8388608,
        }
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            payload["member"] = member(actor, ADMIN_PERMISSIONS if admin else MEMBER_PERMISSIONS)
            payload["channel"] = self.channels.get(channel_id, channel(channel_id, "gone"))
            payload["context"] = 0
            payload["authorizing_integration_owners"] = {"0": str(guild_id)}
        else:
            payload["user"] = actor
            payload["channel"] = {"id": str(channel_id), "type": 1, "recipients": [actor]}
            payload["context"] = 1
            payload["authorizing_integration_owners"] = {"1": actor["id"]}
        if message is not None:
            payload["message"] = message
        return payload

    def slash(
        self,
        actor: dict[str, Any],
        name: str,
        *,
        sub: str | None = None,
        admin: bool = False,
        guild_id: int | None = GUILD_ID,
        **options: Any,
    ) -> dict[str, Any]:
        """A slash command; option values: user payloads, channel payloads, str, int, bool."""
        resolved: dict[str, dict[str, Any]] = {}
        opts = [
            _option(key, value, resolved) for key, value in options.items() if value is not None
        ]
        if sub is not None:
            opts = [{"name": sub, "type": 1, "options": opts}]
        data: dict[str, Any] = {"id": snowflake(), "name": name, "type": 1, "options": opts}
        if resolved:
            data["resolved"] = resolved
        if guild_id is not None:
            data["guild_id"] = str(guild_id)
        return self.interaction(2, data, actor, admin=admin, guild_id=guild_id)

    def user_menu(self, actor: dict[str, Any], name: str, target: dict[str, Any]) -> dict[str, Any]:
        resolved: dict[str, dict[str, Any]] = {}
        _option("target", target, resolved)
        data = {"id": snowflake(), "name": name, "type": 2, "target_id": target["id"]}
        data["resolved"] = resolved
        return self.interaction(2, data, actor)

    def message_menu(
        self, actor: dict[str, Any], name: str, message: dict[str, Any]
    ) -> dict[str, Any]:
        data = {
            "id": snowflake(),
            "name": name,
            "type": 3,
            "target_id": message["id"],
            "resolved": {"messages": {message["id"]: message}},
        }
        return self.interaction(2, data, actor)

    def modal_submit(
        self, actor: dict[str, Any], modal: dict[str, Any], values: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Submit the modal the bot opened (callback type 9); text inputs get ``values``."""
        values = values or {}

        def answer(component: dict[str, Any]) -> dict[str, Any]:
            if component["type"] == 1:
                return {"type": 1, "components": [answer(c) for c in component["components"]]}
            if component["type"] == 18:
                return {"type": 18, "component": answer(component["component"])}
            value = values.get(component.get("label", ""), component.get("value") or "")
            return {"type": component["type"], "custom_id": component["custom_id"], "value": value}

        data = {
            "custom_id": modal["custom_id"],
            "components": [answer(c) for c in modal["components"]],
        }
        return self.interaction(5, data, actor)

    def click(
        self, actor: dict[str, Any], message: dict[str, Any], custom_id: str
    ) -> dict[str, Any]:
        data = {"custom_id": custom_id, "component_type": 2}
        return self.interaction(3, data, actor, message=message)

    async def send_interaction(self, payload: dict[str, Any]) -> str:
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        await self.dispatch("INTERACTION_CREATE", payload, guild_id)
        interaction_id: str = payload["id"]
        return interaction_id

    async def post_message(
        self,
        author: dict[str, Any],
        content: str,
        *,
        mentions: Sequence[dict[str, Any]] = (),
        channel_id: int = CHANNEL_ID,
        message_id: str | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A member's message. ``message_id`` (a snowflake) tells when it was posted;
        ``reply_to``: the message it replies to (sent along, as Discord does)."""
        message = {
            **self._message(channel_id, author, {"content": content}),
            "member": member(author),
            "mentions": [{**m, "member": member(m)} for m in mentions],
        }
        if message_id is not None:
            message["id"] = message_id
        if reply_to is not None:
            message["type"] = 19
            message["message_reference"] = {
                "type": 0,
                "message_id": reply_to["id"],
                "channel_id": reply_to["channel_id"],
                "guild_id": str(GUILD_ID),
            }
            message["referenced_message"] = {
                k: v for k, v in reply_to.items() if k not in ("member", "referenced_message")
            }
        message.pop("nonce")
        self.messages[int(message["id"])] = message
        await self.dispatch("MESSAGE_CREATE", message, GUILD_ID)
        return message

    async def delete_message(self, message: dict[str, Any]) -> None:
        """A member deleted ``message`` (MESSAGE_DELETE)."""
        self.messages.pop(int(message["id"]), None)
        data = {"id": message["id"], "channel_id": message["channel_id"], "guild_id": str(GUILD_ID)}
        await self.dispatch("MESSAGE_DELETE", data, GUILD_ID)

    async def react(
        self, reactor: dict[str, Any], message: dict[str, Any], emoji: str
    ) -> dict[str, Any]:
        data = {
            "user_id": reactor["id"],
            "channel_id": message["channel_id"],
            "message_id": message["id"],
            "guild_id": str(GUILD_ID),
            "member": member(reactor),
            "emoji": {"id": None, "name": emoji},
            "message_author_id": message["author"]["id"],
            "burst": False,
            "burst_colors": [],
            "type": 0,
        }
        await self.dispatch("MESSAGE_REACTION_ADD", data, GUILD_ID)
        return data


def _option(name: str, value: Any, resolved: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if isinstance(value, dict) and "username" in value:
        resolved.setdefault("users", {})[value["id"]] = value
        as_member = {k: v for k, v in member(value, MEMBER_PERMISSIONS).items() if k != "user"}
        resolved.setdefault("members", {})[value["id"]] = as_member
        return {"name": name, "type": 6, "value": value["id"]}
    if isinstance(value, dict) and "color" in value:  # a role
        resolved.setdefault("roles", {})[value["id"]] = value
        return {"name": name, "type": 8, "value": value["id"]}
    if isinstance(value, dict):  # a channel
        resolved.setdefault("channels", {})[value["id"]] = {
            "id": value["id"],
            "name": value["name"],
            "type": value["type"],
            "permissions": ADMIN_PERMISSIONS,
        }
        return {"name": name, "type": 7, "value": value["id"]}
    if isinstance(value, bool):
        return {"name": name, "type": 5, "value": value}
    if isinstance(value, int):
        return {"name": name, "type": 4, "value": value}
    return {"name": name, "type": 3, "value": value}


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only for exactly "application/json".
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"code": code, "message": message}, status=status)
