"""`roots`: the command-line entry point.

roots                 run every platform whose tokens are set, else the console
roots console         the console adapter (no token needed)
roots console --clock 2026-03-28T12:00
                      the console on a simulated clock (/wait 2d moves it)
roots console --demo  the console on a demo community (12 members, 8 weeks of history),
                      in its own database (roots-demo.db), rebuilt at each start
roots slack           Slack only (Socket Mode or HTTP mode)
roots discord         Discord only; `roots discord sync [--guild ID]`, `roots discord invite`
roots web             the web dashboard only (ROOTS_WEB_HOST:ROOTS_WEB_PORT), for a process of
                      its own next to bot processes on one PostgreSQL database
roots doctor          check a deployment: one line per check, a fix for each problem
roots migrate         apply pending database migrations (DATABASE_URL) and exit
roots export --community ID [--format json|csv] [--output PATH]
                      one community's data: settings, members, ledger, check-ins, prompts…
roots import --from sqlite:///roots.db
                      copy a whole SQLite database into PostgreSQL (DATABASE_URL)
roots forget --member ID [--community ID] [--yes]
                      erase a member's personal data (every community, or one)

The platform adapters are imported only when asked for: bot/ stays platform-neutral.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from bot.config import Settings, SettingsError, load_dotenv_file, load_settings
from bot.messages import text
from bot.storage.records import StorageError

log = logging.getLogger("roots")


PLATFORM_HELP = {
    "slack": "Slack needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or"
    " SLACK_SIGNING_SECRET (HTTP mode); see README, Deploying on Slack.",
    "discord": "Discord needs DISCORD_TOKEN; see README, Deploying on Discord.",
}


def parse_clock(raw: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not a date and time such as 2026-03-28T12:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roots",
        description="Roots: a community bot that keeps the people who helped you in view.",
    )
    parser.add_argument("--env-file", default=".env", help="settings file to load (default .env)")
    sub = parser.add_subparsers(dest="command")
    console = sub.add_parser("console", help="use Roots in this terminal (no token needed)")
    console.add_argument(
        "--as",
        dest="actor",
        default=None,
        help="member to start as (default: you; maya in the demo)",
    )
    start = console.add_mutually_exclusive_group()
    start.add_argument(
        "--demo",
        action="store_true",
        help="start on a demo community (12 members, 8 weeks of history) in its own database,"
        " roots-demo.db next to roots.db, rebuilt at each start",
    )
    start.add_argument(
        "--clock",
        type=parse_clock,
        default=None,
        metavar="ISO",
        help="start on a simulated clock (2026-03-28T12:00, UTC unless an offset is given);"
        " /wait 2d moves it",
    )
    sub.add_parser("slack", help="run Roots on Slack only")
    sub.add_parser("web", help="run the web dashboard only (next to bot processes)")
    discord = sub.add_parser("discord", help="run Roots on Discord only, or manage its commands")
    discord_sub = discord.add_subparsers(dest="discord_command")
    sync = discord_sub.add_parser("sync", help="register the slash commands with Discord")
    sync.add_argument("--guild", type=int, default=None, help="one server (visible at once)")
    discord_sub.add_parser("invite", help="print the URL that adds Roots to a server")
    # `roots doctor`
    sub.add_parser("doctor", help="check settings, database, platforms and schedules")
    # `roots migrate`, `roots export`, `roots import`, `roots forget` (bot/datatools/)
    from bot.datatools.commands import add_parsers as add_data_tool_parsers

    add_data_tool_parsers(sub)
    return parser


def run_on_platforms(settings: Settings, platforms: tuple[str, ...]) -> int:
    """Run the given platforms in one process; exit code."""
    import os

    from adapters.runner import platform_runners, platform_scope, run_platforms
    from bot.runtime import loop_factory

    runners = platform_runners(platforms, os.environ)
    scope = platform_scope(platforms, os.environ)
    log.info("Starting Roots on %s", ", ".join(platforms))
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(run_platforms(settings, runners, scope))
    return 0


async def run_web_only(settings: Settings) -> None:
    """`roots web`: the dashboard alone, until SIGTERM or SIGINT. No scheduler, no platform:
    the bot processes on the same database post and answer; links come from their chat."""
    import contextlib
    import signal

    from adapters.web.serving import dashboard
    from bot.wiring import running_core

    if not settings.web_enabled:
        raise SettingsError("roots web serves the dashboard, and ROOTS_WEB=off turns it off.")
    async with running_core(settings) as core, dashboard(core) as url:
        print(text(settings.default_locale, "cli.web_serving", url=url), file=sys.stderr)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        log.info("Stopping the dashboard")


def discord_tool(args: argparse.Namespace) -> int:
    """`roots discord sync|invite`."""
    from adapters.discord import invite_url_for, load_discord_settings, sync_commands

    discord_settings = load_discord_settings()
    if discord_settings is None:
        raise SettingsError("set DISCORD_TOKEN first (see README, Deploying on Discord).")
    if args.discord_command == "invite":
        try:
            print(invite_url_for(discord_settings))
        except ValueError as exc:
            raise SettingsError(str(exc)) from exc
        return 0
    names = asyncio.run(sync_commands(discord_settings, args.guild))
    where = f"server {args.guild}" if args.guild else "every server (may take a while to show)"
    print(f"Synced {len(names)} commands to {where}: {', '.join(names)}")
    return 0


def setup_logging(settings: Settings, quiet_default: bool) -> None:
    # Level, text/JSON lines and secret masking live in bot/logs.py.
    from bot.logs import setup_logging as install

    install(settings, quiet_default=quiet_default)


def doctor() -> int:
    """`roots doctor`: one line per check, exit 1 when something is wrong."""
    import os

    from adapters.doctor import run_doctor

    try:
        setup_logging(load_settings(), quiet_default=True)
    except SettingsError:
        setup_logging(Settings(), quiet_default=True)
    return run_doctor(os.environ, sys.stdout)


def data_tool(args: argparse.Namespace, settings: Settings) -> int:
    """`roots migrate|export|import|forget` (bot/datatools/): a clear message when it fails."""
    from bot.datatools.commands import run
    from bot.datatools.common import DataToolError

    setup_logging(settings, quiet_default=True)
    try:
        return run(args, settings)
    except DataToolError as exc:
        print(f"roots: {exc}", file=sys.stderr)
        return exc.exit_code
    except StorageError as exc:
        print(f"roots: database problem: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


async def run_console(
    settings: Settings,
    actor: str | None,
    announce: bool,
    start: datetime | None = None,
    demo: bool = False,
) -> None:
    from dataclasses import replace

    from adapters.console import ConsoleAdapter
    from adapters.console.app import DEFAULT_ACTOR
    from bot.clock import Clock, ManualClock, SystemClock
    from bot.wiring import running_core

    demo_path = None
    if demo:  # its own SQLite database, emptied: the same community at every start
        from bot import demo as demo_community

        settings = replace(
            settings, database_url=demo_community.demo_database_url(settings.database_url)
        )
        demo_path = demo_community.reset_demo_database(settings.database_url)
        start = demo_community.start_time()
        actor = actor or demo_community.VIEWER
    from contextlib import AsyncExitStack

    from adapters.web.serving import dashboard

    clock: Clock = ManualClock(start) if start is not None else SystemClock()
    async with running_core(settings, clock=clock) as core, AsyncExitStack() as stack:
        if announce:
            print(text(settings.default_locale, "console.no_tokens"), file=sys.stderr)
        console = ConsoleAdapter(core, actor=actor or DEFAULT_ACTOR)
        try:  # the console is a sandbox: without its port, it runs without the dashboard
            console.web_url = await stack.enter_async_context(dashboard(core))
        except SettingsError as exc:
            print(f"roots: {exc}", file=sys.stderr)
        if demo_path is not None:
            seeded = await console.seed_demo()
            seconds = f"{seeded.seconds:.1f}"
            ready = text(
                settings.default_locale, "console.demo_ready", path=demo_path, seconds=seconds
            )
            print(ready, file=sys.stderr)
        if start is None:
            core.scheduler.start()  # real time: posts appear when due
        else:
            await core.scheduler.startup()  # simulated time: /wait drives the scheduler
        await console.run()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    load_dotenv_file(args.env_file)
    if args.command == "doctor":  # it reports bad settings itself
        return doctor()
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"roots: configuration problem: {exc}", file=sys.stderr)
        return 2
    command = args.command
    if command in ("migrate", "export", "import", "forget"):
        return data_tool(args, settings)
    try:
        if command == "discord" and args.discord_command in ("sync", "invite"):
            setup_logging(settings, quiet_default=True)
            return discord_tool(args)
        if command == "web":
            setup_logging(settings, quiet_default=False)
            asyncio.run(run_web_only(settings))
            return 0
        platforms: tuple[str, ...] = ()
        if command in ("slack", "discord"):
            if command not in settings.platforms:
                raise SettingsError(PLATFORM_HELP[command])
            platforms = (command,)
        elif command is None:
            platforms = settings.platforms
        if platforms:
            setup_logging(settings, quiet_default=False)
            return run_on_platforms(settings, platforms)
    except SettingsError as exc:
        print(f"roots: configuration problem: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"roots: database problem: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    setup_logging(settings, quiet_default=True)
    try:
        asyncio.run(
            run_console(
                settings,
                getattr(args, "actor", None),
                announce=command is None,
                start=getattr(args, "clock", None),
                demo=getattr(args, "demo", False),
            )
        )
    except StorageError as exc:
        print(f"roots: database problem: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
