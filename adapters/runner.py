"""Run Roots on every chat platform whose tokens are set, in one process, with the web
dashboard (unless ROOTS_WEB=off).

One core and one database are shared by all platforms; the scheduler starts
once the platforms are connected. SIGTERM and SIGINT stop everything cleanly:
the platform runners are cancelled, the scheduler stops, the store closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from bot.config import Settings, SettingsError
from bot.runtime import tune_gc
from bot.storage.records import ShardScope
from bot.wiring import Core, running_core

log = logging.getLogger("roots.runner")

Runner = Callable[[Core, Callable[[Any], None]], Coroutine[Any, Any, None]]


def platform_runners(platforms: tuple[str, ...], env: Mapping[str, str]) -> dict[str, Runner]:
    """Build the runner of each platform; a SettingsError explains what is missing."""
    runners: dict[str, Runner] = {}
    if "slack" in platforms:
        from adapters.slack import load_slack_settings, run_slack

        slack_settings = load_slack_settings(env)

        async def slack(core: Core, ready: Callable[[Any], None]) -> None:
            await run_slack(core, slack_settings, ready=ready)

        runners["slack"] = slack
    if "discord" in platforms:
        from adapters.discord import load_discord_settings, run_discord

        discord_settings = load_discord_settings(env)
        if discord_settings is None:
            raise SettingsError("Discord needs DISCORD_TOKEN.")

        async def discord(core: Core, ready: Callable[[Any], None]) -> None:
            await run_discord(core, discord_settings, ready=ready)

        runners["discord"] = discord
    return runners


def platform_scope(platforms: tuple[str, ...], env: Mapping[str, str]) -> ShardScope | None:
    """The guilds this process posts for, when it holds some Discord shards only."""
    if "discord" not in platforms:
        return None
    from adapters.discord import load_discord_settings

    discord_settings = load_discord_settings(env)
    return discord_settings.scope() if discord_settings is not None else None


async def run_platforms(
    settings: Settings, runners: dict[str, Runner], scope: ShardScope | None = None
) -> None:
    """Run ``runners`` until one fails or a stop signal arrives.

    ``scope``: see :func:`platform_scope` (the scheduler posts for those guilds only).
    """
    async with running_core(settings, scope=scope) as core, contextlib.AsyncExitStack() as stack:
        tune_gc()  # a long-running process: see bot/runtime.py
        waiting = set(runners)
        # --- metrics and /healthz ---
        from adapters.ops import Ops
        from bot.metrics import Metrics, instrument

        metrics = Metrics()
        instrument(core, metrics)
        ops = Ops(core, metrics, runners)
        # On a port of their own, never on the public Slack port (issue #12, item 14).
        if settings.metrics_port is not None:
            try:
                await ops.serve(settings.metrics_port, host=settings.ops_host)
            except OSError as exc:
                raise SettingsError(
                    f"ROOTS_METRICS_PORT={settings.metrics_port}, ROOTS_OPS_HOST="
                    f"{settings.ops_host}: cannot listen ({exc})."
                ) from exc
        else:
            log.info("No /healthz or /metrics: set ROOTS_METRICS_PORT to serve them")
        # --- the web dashboard (ROOTS_WEB=off: none); PortInUse says how to fix it ---
        from adapters.web.serving import dashboard

        try:
            await stack.enter_async_context(dashboard(core))
        except SettingsError:
            await ops.stop()
            raise
        # ---

        def ready_for(name: str) -> Callable[[Any], None]:
            def ready(runtime: Any) -> None:
                waiting.discard(name)
                ops.ready(name, runtime)
                log.info("%s connected", name)
                if not waiting:
                    core.scheduler.start()

            return ready

        tasks = [
            asyncio.create_task(runner(core, ready_for(name)), name=f"roots-{name}")
            for name, runner in runners.items()
        ]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        stopper = asyncio.create_task(stop.wait())
        try:
            done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task is not stopper and (error := task.exception()) is not None:
                    raise error
            log.info("Stopping Roots")
        finally:
            for task in [*tasks, stopper]:
                task.cancel()
            await asyncio.gather(*tasks, stopper, return_exceptions=True)
            await ops.stop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.remove_signal_handler(sig)
