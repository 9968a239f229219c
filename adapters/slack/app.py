"""Build the Bolt app around the core, and run Slack (Socket Mode or HTTP mode)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.config import SlackSettings
from adapters.slack.delivery import SlackDelivery
from adapters.slack.directory import Directory
from adapters.slack.handlers import SlackAdapter
from adapters.slack.installation import ForeignPayloads, Installation, learn_installation
from adapters.slack.logs import safe_logger
from adapters.slack.server import ReplayGuard, SlackHttpServer, SlashCommands
from adapters.slack.socket import messages_first
from bot.config import SettingsError
from bot.wiring import Core

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3


@dataclass
class SlackRuntime:
    """What a running Slack connection offers the rest of the process."""

    app: AsyncApp
    adapter: SlackAdapter
    delivery: SlackDelivery
    server: SlackHttpServer | None = None
    socket: AsyncSocketModeHandler | None = None
    installation: Installation | None = None

    async def link_up(self) -> bool:
        """Socket Mode: whether Slack's websocket is connected now (for /healthz).

        HTTP mode has no link of its own: Slack calls in while the server listens.
        """
        if self.socket is None:
            return True
        return await self.socket.client.is_connected()


def _secrets(settings: SlackSettings) -> tuple[str | None, ...]:
    return (settings.bot_token, settings.app_token, settings.signing_secret)


def make_client(
    settings: SlackSettings, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """The bot's Web API client: SLACK_API_URL when set, 429s retried after Retry-After."""
    return AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.api_url or AsyncWebClient.BASE_URL,
        session=session,
        logger=safe_logger("roots.slack.web", _secrets(settings)),
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def build_app(
    core: Core,
    settings: SlackSettings,
    client: AsyncWebClient,
    installation: Installation | None = None,
) -> tuple[AsyncApp, SlackAdapter]:
    """A Bolt app with every Roots listener registered.

    Request signatures are checked by :class:`SlackHttpServer` in front of Bolt
    (strictly: non-numeric timestamps are refused with 401 too), so Bolt's own
    check is off; Socket Mode needs none. With the ``installation``, payloads for
    another team or app are acknowledged and dropped before any listener runs, and
    members of other organisations are never admins.
    """
    app = AsyncApp(
        client=client,
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=False,
        # Listeners return at once (slow work goes to background tasks), so Bolt
        # can answer Slack when they return instead of polling every 10 ms.
        process_before_response=True,
        name="roots",
        logger=safe_logger("roots.slack.bolt", _secrets(settings)),
    )
    foreign = ForeignPayloads(installation) if installation is not None else None
    if foreign is not None:
        app.middleware(foreign.check)
    adapter = SlackAdapter(
        core,
        client,
        Directory(client, settings.admins),
        installation=installation,
        foreign=foreign,
    )
    adapter.register(app)
    return app, adapter


async def run_slack(
    core: Core,
    slack_settings: SlackSettings,
    *,
    host: str = "0.0.0.0",
    ready: Callable[[SlackRuntime], None] | None = None,
) -> None:
    """Run Slack until cancelled: Socket Mode with an app token, else HTTP mode.

    The core's scheduled posts go out through Slack (``core.attach_delivery``);
    starting the scheduler is the caller's job. ``ready`` is called once
    connected, with the runtime. The HTTP-mode server serves Slack only: /healthz and
    /metrics have a server of their own (see adapters/ops.py).
    """
    mode = slack_settings.mode
    if mode is None:
        raise SettingsError(
            "Slack needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode)"
            " or SLACK_SIGNING_SECRET (HTTP mode)."
        )
    async with aiohttp.ClientSession() as session:
        client = make_client(slack_settings, session)
        installation = await learn_installation(client, slack_settings.app_id)
        if installation.team_name:  # the dashboard shows the workspace's name
            await core.communities.name_community(
                "slack", installation.team_id, installation.team_name
            )
        app, adapter = build_app(core, slack_settings, client, installation)
        runtime = SlackRuntime(
            app, adapter, SlackDelivery(client, core.picture_links), installation=installation
        )
        core.attach_delivery(runtime.delivery, platform="slack")
        adapter.start_directory()
        if core.web is not None:  # the dashboard's admin pages ask Slack again
            core.web.admin_checks["slack"] = adapter.web_admin
        if mode == "socket":
            handler = AsyncSocketModeHandler(
                app,
                slack_settings.app_token,
                logger=safe_logger("roots.slack.socket", _secrets(slack_settings)),
                web_client=client,
            )
            messages_first(handler, adapter)  # messages skip Bolt's dispatch
            runtime.socket = handler
            await handler.connect_async()
            log.info("Slack connected in Socket Mode")
            try:
                if ready is not None:
                    ready(runtime)
                await asyncio.Event().wait()
            finally:
                await handler.close_async()
                await adapter.drain()
        else:
            server = SlackHttpServer(
                app,
                slack_settings.signing_secret or "",
                host=host,
                port=slack_settings.http_port,
                replays=ReplayGuard(core.store),
                commands=SlashCommands(adapter.command_names, adapter.http_command),
            )
            runtime.server = server
            await server.start()
            try:
                if ready is not None:
                    ready(runtime)
                await asyncio.Event().wait()
            finally:
                await server.stop()
                await adapter.drain()
