"""`GET /healthz` and `GET /metrics` for a running Roots process.

Served on a small server of their own, on ``ROOTS_METRICS_PORT`` when it is set (in
every mode, Slack HTTP mode included), else not at all, and on ``ROOTS_OPS_HOST``
(default 127.0.0.1: this machine only). Never on the public Slack port: metrics and
the health details are for the operator, not for the internet. ``/healthz`` answers 200
only when the database answers, every enabled platform is connected (and still
is: Discord's gateway or Slack's Socket Mode websocket, "disconnected" while the
library reconnects) and the scheduler task is alive; its JSON body says which
part failed (503).
``/metrics`` is the Prometheus text format (see :mod:`bot.metrics`).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiohttp import web

from bot.config import DEFAULT_OPS_HOST
from bot.metrics import Metrics
from bot.wiring import Core

log = logging.getLogger("roots.ops")

DB_TIMEOUT = 2.0


class Ops:
    def __init__(self, core: Core, metrics: Metrics, platforms: Iterable[str]) -> None:
        self.core = core
        self.metrics = metrics
        self.connected: dict[str, bool] = dict.fromkeys(platforms, False)
        # Live checks of a platform's link, from its runtime's ``link_up()`` (Discord's gateway,
        # Slack's Socket Mode websocket): a platform that connected once and lost it is reported.
        self.links: dict[str, Callable[[], bool | Awaitable[bool]]] = {}
        self._runner: web.AppRunner | None = None
        self.host: str | None = None
        self.port: int | None = None

    # ------------------------------------------------------------ checks

    def ready(self, platform: str, runtime: object) -> None:
        """``platform`` connected; keep its runtime's ``link_up`` to check it later."""
        self.connected[platform] = True
        link_up = getattr(runtime, "link_up", None)
        if callable(link_up):
            self.links[platform] = link_up

    async def _platform_state(self, platform: str) -> str:
        if not self.connected[platform]:
            return "not connected"
        link_up = self.links.get(platform)
        if link_up is None:
            return "connected"
        up = link_up()
        if inspect.isawaitable(up):
            up = await up
        return "connected" if up else "disconnected"

    async def health(self) -> tuple[bool, dict[str, Any]]:
        body: dict[str, Any] = {}
        healthy = True
        try:
            await asyncio.wait_for(self.core.store.schema_version(), DB_TIMEOUT)
            body["database"] = "ok"
        except Exception as exc:
            healthy = False
            body["database"] = f"failed: {type(exc).__name__}"
        body["platforms"] = {name: await self._platform_state(name) for name in self.connected}
        healthy &= all(state == "connected" for state in body["platforms"].values())
        alive = self.core.scheduler.running
        body["scheduler"] = "running" if alive else "not running"
        healthy &= alive
        body["status"] = "ok" if healthy else "failing"
        return healthy, body

    # ------------------------------------------------------------ HTTP

    def mount(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)

    async def _healthz(self, request: web.Request) -> web.Response:
        healthy, body = await self.health()
        return web.json_response(body, status=200 if healthy else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        return web.Response(
            body=self.metrics.exposition(),
            headers={"Content-Type": self.metrics.content_type},
        )

    async def serve(self, port: int, host: str = DEFAULT_OPS_HOST) -> int:
        """Listen on ``host:port`` (port 0: any free port); returns the bound port."""
        app = web.Application()
        self.mount(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.host = host
        self.port = self._runner.addresses[0][1]  # the one site's socket: the bound port
        log.info("Health and metrics on %s:%s (/healthz, /metrics)", host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
