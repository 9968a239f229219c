"""The dashboard served next to the bot, in the same process (``roots``, ``roots console``)
or alone (``roots web``), on ROOTS_WEB_HOST:ROOTS_WEB_PORT."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from adapters.web.actions import CoreActions
from adapters.web.admin_actions import CoreAdmin
from adapters.web.app import create_app, serve
from adapters.web.data import StoreData
from adapters.web.prompts_data import CorePrompts
from adapters.web.security import TrustedProxies
from bot.config import SettingsError
from bot.wiring import Core

log = logging.getLogger("roots.web")


class PortInUse(SettingsError):
    """The dashboard's address is taken (another Roots, another program)."""


@asynccontextmanager
async def dashboard(core: Core) -> AsyncIterator[str | None]:
    """Serve the dashboard while the block runs; yields its public URL (ROOTS_WEB_URL),
    or None when ROOTS_WEB=off. Raises PortInUse, which says how to fix it."""
    settings = core.settings
    if core.web is None:
        log.info("No web dashboard: ROOTS_WEB=off")
        yield None
        return
    app = create_app(
        login=core.web,
        data=StoreData(core.store),
        clock=core.clock,
        default_locale=settings.default_locale,
        actions=CoreActions(core),
        pictures=(
            (core.pictures, core.picture_links)
            if core.pictures is not None and core.picture_links is not None
            else None
        ),
        prompts=CorePrompts(core),
        wallboards=core.wallboards,
        trusted_proxies=TrustedProxies(settings.web_trusted_proxies),
        admin=CoreAdmin(core),
    )
    try:
        runner, _ = await serve(app, settings.web_host, settings.web_port)
    except OSError as exc:
        raise PortInUse(
            f"the web dashboard cannot listen on {settings.web_host}:{settings.web_port}"
            f" ({exc.strerror or exc}). Set ROOTS_WEB_PORT to a free port, or ROOTS_WEB=off"
            " to run without the dashboard."
        ) from exc
    log.info("Web dashboard at %s", settings.web_base_url)
    try:
        yield settings.web_base_url
    finally:
        await runner.cleanup()
