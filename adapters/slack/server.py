"""HTTP mode: an aiohttp server in front of the Bolt app.

``POST /slack/events`` takes slash commands, events and interactivity; ``GET /``
answers 200 for health checks. Every POST is verified here before Bolt sees it:
a missing, non-numeric or stale (over 5 minutes) timestamp, or a bad signature,
is refused with 401 and nothing runs. Nothing secret or typed by a member is
logged.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from adapters.slack.config import EVENTS_PATH
from bot.numbers import ascii_int

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 5 * 60
MAX_BODY_BYTES = 1024 * 1024


class RequestCheck:
    """Slack's v0 request signature, with a strict timestamp check."""

    def __init__(self, signing_secret: str, clock: Callable[[], float] = time.time) -> None:
        self._verifier = SignatureVerifier(signing_secret)
        self._clock = clock

    def why_refused(self, body: bytes, timestamp: str | None, signature: str | None) -> str | None:
        if not timestamp or not signature:
            return "missing signature headers"
        sent_at = ascii_int(timestamp)
        if sent_at is None:
            return "non-numeric timestamp"
        if abs(self._clock() - sent_at) > MAX_AGE_SECONDS:
            return "stale timestamp"
        expected = self._verifier.generate_signature(timestamp=timestamp, body=body)
        if expected is None or not hmac.compare_digest(expected, signature):
            return "bad signature"
        return None


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
    ) -> None:
        self.app = app
        self.check = RequestCheck(signing_secret, clock)
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
        reason = self.check.why_refused(
            body,
            request.headers.get("X-Slack-Request-Timestamp"),
            request.headers.get("X-Slack-Signature"),
        )
        if reason is not None:
            self.refused += 1
            log.warning("Refused a Slack request: %s", reason)
            return web.json_response({"error": "invalid request"}, status=401)
        bolt_response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)
