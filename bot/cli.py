"""`roots`: the command-line entry point.

roots                 run every platform whose tokens are set, else the console
roots console         the console adapter (no token needed)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot.config import Settings, SettingsError, load_dotenv_file, load_settings
from bot.messages import text
from bot.storage.base import StorageError

log = logging.getLogger("roots")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roots",
        description="Roots: a community bot that keeps the people who helped you in view.",
    )
    parser.add_argument("--env-file", default=".env", help="settings file to load (default .env)")
    sub = parser.add_subparsers(dest="command")
    console = sub.add_parser("console", help="use Roots in this terminal (no token needed)")
    console.add_argument("--as", dest="actor", default="you", help="member to start as")
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


async def run_console(settings: Settings, actor: str, announce: bool) -> None:
    from adapters.console import ConsoleAdapter
    from bot.wiring import running_core

    async with running_core(settings) as core:
        if announce:
            print(text(settings.default_locale, "console.no_tokens"), file=sys.stderr)
        await ConsoleAdapter(core, actor=actor).run()


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
        asyncio.run(run_console(settings, getattr(args, "actor", "you"), announce=command is None))
    except StorageError as exc:
        print(f"roots: database problem: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
