"""HTTP mode: an aiohttp server in front of the Bolt app.

``POST /slack/events`` takes slash commands, events and interactivity; ``GET /``
answers 200 for health checks. Every POST is verified here before Bolt sees it:
a missing, non-numeric or stale (over 5 minutes) timestamp, or a bad signature,
is refused with 401 and nothing runs. A request whose signature was already seen
(a captured request replayed within the 5 minutes) is acknowledged and dropped:
see :class:`ReplayGuard`. Nothing secret or typed by a member is logged.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from adapters.slack.config import EVENTS_PATH
from bot.numbers import ascii_int
from bot.storage.base import SeenRequests
from bot.storage.records import StorageError

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 5 * 60
MAX_BODY_BYTES = 1024 * 1024
# Unix time has 10 digits until 2286; Slack sends it without leading zeros. A
# longer header is refused before int() (which gives up over 4,300 digits).
MAX_TIMESTAMP_DIGITS = 12
MAX_SIGNATURE_CHARS = 128  # "v0=" and 64 hex digits
RECENT_REQUESTS = 10_000  # signatures remembered in the process (2.2 MB at most, measured)
PURGE_EVERY = 60  # seconds between deletions of expired rows in the database
# Signatures are kept this long after their window closes, so processes on hosts
# whose clocks differ a little still agree that a request was seen.
CLOCK_MARGIN_SECONDS = 30
MAX_SLACK_RETRIES = 3  # Slack retries an event at most 3 times (X-Slack-Retry-Num 1 to 3)


class RequestCheck:
    """Slack's v0 request signature, with a strict timestamp check.

    Headers are whatever a client sent: a timestamp longer than any Unix time
    (``int()`` refuses over 4,300 digits) or a signature with non-ASCII characters
    (``hmac.compare_digest`` refuses non-ASCII ``str``) must be refused like any bad
    signature, never raise.
    """

    def __init__(self, signing_secret: str, clock: Callable[[], float] = time.time) -> None:
        self._verifier = SignatureVerifier(signing_secret)
        self._clock = clock

    def why_refused(self, body: bytes, timestamp: str | None, signature: str | None) -> str | None:
        if not timestamp or not signature:
            return "missing signature headers"
        sent_at = ascii_int(timestamp, MAX_TIMESTAMP_DIGITS)
        if sent_at is None:
            return "non-numeric timestamp"
        if abs(self._clock() - sent_at) > MAX_AGE_SECONDS:
            return "stale timestamp"
        if len(signature) > MAX_SIGNATURE_CHARS:
            return "bad signature"
        expected = self._verifier.generate_signature(timestamp=timestamp, body=body)
        given = signature.encode("utf-8", "surrogateescape")
        if expected is None or not hmac.compare_digest(expected.encode("ascii"), given):
            return "bad signature"
        return None


class ReplayGuard:
    """Signed requests seen while their timestamp is fresh; seeing one again is a replay.

    A request is accepted for 5 minutes after (or before) its timestamp, so its
    signature is remembered until then (plus ``CLOCK_MARGIN_SECONDS`` for clocks that
    differ between hosts), and no longer. The database decides (the
    ``seen_requests`` table, one unique key): several Roots processes behind a load
    balancer share it, so a copy sent to another process is caught too; memory in
    each process alone would only catch copies sent to the same process. A bounded
    in-process memory answers repeats without a query, and stands in alone (with a
    warning) when the database can't be reached; the request then fails politely
    anyway, as the core needs the database.
    """

    def __init__(
        self,
        store: SeenRequests | None,
        *,
        clock: Callable[[], float] = time.time,
        capacity: int = RECENT_REQUESTS,
    ) -> None:
        self._store = store
        self._clock = clock
        self._capacity = capacity
        self._recent: OrderedDict[str, int] = OrderedDict()  # key -> expiry, oldest first
        self._next_purge = 0
        self.checked = 0
        self.dropped = 0

    def __len__(self) -> int:
        return len(self._recent)

    async def first_time(self, key: str, timestamp: int) -> bool:
        """True the first time ``key`` (signed at ``timestamp``) is seen in its window."""
        self.checked += 1
        now = int(self._clock())
        until = timestamp + MAX_AGE_SECONDS + CLOCK_MARGIN_SECONDS  # then it's stale anyway
        while self._recent and next(iter(self._recent.values())) <= now:
            self._recent.popitem(last=False)
        known = self._recent.get(key)
        fresh = known is None or known <= now
        if fresh and self._store is not None:
            try:
                fresh = await self._store.remember_request(key, now, until)
            except StorageError as exc:
                log.warning("Replay check in this process only: the database failed (%s)", exc)
            if now >= self._next_purge:
                self._next_purge = now + PURGE_EVERY
                try:
                    await self._store.forget_requests(now)
                except StorageError as exc:
                    log.warning("Could not forget expired request signatures (%s)", exc)
        if not fresh:
            self.dropped += 1
            return False
        self._recent[key] = until
        self._recent.move_to_end(key)
        while len(self._recent) > self._capacity:
            self._recent.popitem(last=False)
        return True


def replay_key(signature: str, body: bytes, retry_num: str | None) -> str:
    """What identifies a request: its signature (timestamp and body, signed).

    Slack retries an event (``X-Slack-Retry-Num`` 1 to 3, JSON bodies only) when it
    got no answer in time; those are not replays, and the core dedupes them by event
    id, so each retry number counts apart. Slash commands and buttons are never retried.
    """
    if (
        retry_num
        and body[:1] == b"{"
        and retry_num.isascii()
        and retry_num.isdigit()
        and len(retry_num) == 1
        and 1 <= int(retry_num) <= MAX_SLACK_RETRIES
    ):
        return f"{signature}#retry{retry_num}"
    return signature


@dataclass(frozen=True)
class SlashCommands:
    """The slash commands the server answers itself, without Bolt's dispatch.

    ``answer(form)`` gets a verified, fresh slash command's form and returns the body of
    its acknowledgement (None: an empty one). Every other request (events, buttons,
    forms, a command not listed) goes through Bolt.
    """

    names: frozenset[str]
    answer: Callable[[dict[str, str]], Awaitable[dict[str, Any] | None]]


def slash_command(body: bytes, names: frozenset[str]) -> dict[str, str] | None:
    """The form of a slash command named in ``names``; None for anything else.

    Read as Bolt reads a form (the last value of a repeated field wins), but a
    command whose text mentions "payload" is still a command (Bolt's parser takes
    any body containing that word for an interactivity payload, and drops it).
    """
    if body[:1] == b"{":
        return None  # JSON: an event
    try:
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return None
    if "payload" in form or "ssl_check" in form:
        return None
    return form if form.get("command") in names else None


def ack_response(payload: dict[str, Any] | None) -> web.Response:
    """The acknowledgement Bolt's ``ack(**payload)`` would send: an empty 200, or the
    message (text, response_type, blocks) as JSON."""
    if not payload:
        return web.Response(status=200)
    body: dict[str, Any] = {"text": payload.get("text", "")}
    if payload.get("response_type"):
        body["response_type"] = payload["response_type"]
    if payload.get("blocks"):
        body["blocks"] = payload["blocks"]
    return web.Response(status=200, text=json.dumps(body), content_type="application/json")


class SlackHttpServer:
    def __init__(
        self,
        app: AsyncApp,
        signing_secret: str,
        *,
        host: str = "0.0.0.0",
        port: int = 3000,
        path: str = EVENTS_PATH,
        clock: Callable[[], float] = time.time,
        replays: ReplayGuard | None = None,
        commands: SlashCommands | None = None,
    ) -> None:
        self.app = app
        self.commands = commands
        self.check = RequestCheck(signing_secret, clock)
        self.replays = replays if replays is not None else ReplayGuard(None, clock=clock)
        self.host = host
        self.port = port
        self.path = path
        self.refused = 0
        self._runner: web.AppRunner | None = None

    def web_app(self) -> web.Application:
        web_app = web.Application(client_max_size=MAX_BODY_BYTES)
        web_app.router.add_get("/", self._health)
        web_app.router.add_post(self.path, self._post)
        return web_app

    async def start(self) -> int:
        """Listen; returns the bound port (useful with port 0)."""
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site.port  # the bound port once started
        log.info("Slack HTTP mode listening on %s:%s%s", self.host, self.port, self.path)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        reason = self.check.why_refused(body, timestamp, signature)
        if reason is not None:
            self.refused += 1
            log.warning("Refused a Slack request: %s", reason)
            return web.json_response({"error": "invalid request"}, status=401)
        assert timestamp is not None and signature is not None  # checked above
        key = replay_key(signature, body, request.headers.get("X-Slack-Retry-Num"))
        if not await self.replays.first_time(key, int(timestamp)):
            log.info("Dropped a replayed Slack request (its signature was seen already)")
            return web.Response(status=200)
        if self.commands is not None:
            form = slash_command(body, self.commands.names)
            if form is not None:
                return ack_response(await self.commands.answer(form))
        bolt_response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)
