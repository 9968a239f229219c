"""The `roots migrate|export|import|forget` subcommands: argparse definitions and runners.

bot/cli.py adds these parsers and hands the parsed arguments here. Messages go to
stderr (stdout carries only the exported JSON when no --output is given), and a
problem the user can fix exits with DataToolError's code (2 for bad arguments).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bot.config import Settings

COMMANDS = ("migrate", "export", "import", "forget")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser(
        "migrate",
        help="apply pending database migrations (DATABASE_URL) and exit",
        description="Apply pending migrations to the database at DATABASE_URL and print its"
        " schema version.",
    )
    export = sub.add_parser(
        "export",
        help="export one community's data as JSON or CSV",
        description="Export everything one community has (settings, members, the kudos ledger"
        " with revocations, schedules, posts, check-ins, custom prompts, challenges, goals and"
        " the time given to them, the audit log) from the"
        " database at DATABASE_URL. Nothing in the database changes.",
    )
    export.add_argument("--community", required=True, metavar="ID", help="community id")
    export.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json: one document (stdout unless --output); csv: a directory with one"
        " <table>.csv per table (default json)",
    )
    export.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="json: the file to write (default stdout); csv: a new or empty directory"
        " (default roots-export-<community>/)",
    )
    imported = sub.add_parser(
        "import",
        help="copy a whole SQLite database into PostgreSQL (DATABASE_URL)",
        description="Copy every table of a SQLite Roots database into the PostgreSQL"
        " database at DATABASE_URL, in one transaction, keeping ids; counts are verified and"
        " running it again adds nothing.",
    )
    imported.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="SOURCE",
        help="the SQLite database: sqlite:///path/roots.db or a file path",
    )

    forget = sub.add_parser(
        "forget",
        help="erase a member's personal data (their kudos stay counted, anonymously)",
        description="Erase a member's personal data from the database at DATABASE_URL: their"
        " name, the reasons they wrote, their check-in notes and suggestions. Their kudos"
        " stay in the ledger under an anonymous id, so other members' totals don't change.",
    )
    forget.add_argument("--member", required=True, metavar="ID", help="the member's platform id")
    forget.add_argument(
        "--community", default=None, metavar="ID", help="only this community (default: all)"
    )
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one data tool; DataToolError and StorageError are left to the caller."""
    if args.command == "forget":
        from bot.datatools.forget import forget

        return asyncio.run(forget(settings, args.member, args.community, args.yes))
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "export":
        return asyncio.run(_export(settings, args.community, args.format, args.output))
    return asyncio.run(_import(settings, args.source))


async def _migrate(settings: Settings) -> int:
    from bot.datatools.migrate import migrate

    report = await migrate(settings.database_url)
    for line in report.lines():
        print(line)
    return 0


async def _export(settings: Settings, community: str, fmt: str, output: Path | None) -> int:
    from bot.datatools.export import (
        check_output,
        collect,
        default_csv_dir,
        write_csv_dir,
        write_json,
        write_json_file,
    )

    if fmt == "csv" and output is None:
        output = default_csv_dir(community)
    check_output(fmt, output)
    export = await collect(settings.database_url, community)
    if fmt == "csv":
        assert output is not None
        write_csv_dir(export, output)
        where = f"{output}/ (one CSV file per table)"
    elif output is None:
        try:
            write_json(export, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `roots export … | head`: the reader has gone
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        where = "stdout"
    else:
        write_json_file(export, output)
        where = str(output)
    print(f"Exported community {community} to {where}: {export.summary()}.", file=sys.stderr)
    return 0


async def _import(settings: Settings, source: str) -> int:
    from bot.datatools.transfer import import_sqlite

    report = await import_sqlite(source, settings.database_url)
    for line in report.lines():
        print(line)
    return 0
