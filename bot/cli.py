"""`roots`: the command-line entry point.

roots                 run every platform whose tokens are set, else the console
roots console         the console adapter (no token needed)
roots console --clock 2026-03-28T12:00
                      the console on a simulated clock (/wait 2d moves it)
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
from bot.storage.base import StorageError

log = logging.getLogger("roots")


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
    console.add_argument("--as", dest="actor", default="you", help="member to start as")
    console.add_argument(
        "--clock",
        type=parse_clock,
        default=None,
        metavar="ISO",
        help="start on a simulated clock (2026-03-28T12:00, UTC unless an offset is given);"
        " /wait 2d moves it",
    )
    return parser


def setup_logging(settings: Settings, quiet_default: bool) -> None:
    import os

    level = settings.log_level
    if quiet_default and "ROOTS_LOG_LEVEL" not in os.environ:
        level = "WARNING"  # keep an interactive console readable
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


async def run_console(
    settings: Settings, actor: str, announce: bool, start: datetime | None = None
) -> None:
    from adapters.console import ConsoleAdapter
    from bot.clock import Clock, ManualClock, SystemClock
    from bot.wiring import running_core

    clock: Clock = ManualClock(start) if start is not None else SystemClock()
    async with running_core(settings, clock=clock) as core:
        if announce:
            print(text(settings.default_locale, "console.no_tokens"), file=sys.stderr)
        console = ConsoleAdapter(core, actor=actor)
        if start is None:
            core.scheduler.start()  # real time: posts appear when due
        else:
            await core.scheduler.startup()  # simulated time: /wait drives the scheduler
        await console.run()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    load_dotenv_file(args.env_file)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"roots: configuration problem: {exc}", file=sys.stderr)
        return 2
    command = args.command
    if command is None and settings.platforms:
        # Platform adapters are not part of this version yet: say so plainly.
        names = " and ".join(settings.platforms)
        print(
            f"roots: tokens for {names} are set, but this version of Roots cannot connect to "
            f"{names} yet; starting the console instead.",
            file=sys.stderr,
        )
    setup_logging(settings, quiet_default=True)
    try:
        asyncio.run(
            run_console(
                settings,
                getattr(args, "actor", "you"),
                announce=command is None,
                start=getattr(args, "clock", None),
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
