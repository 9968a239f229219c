"""`roots export`: everything one community has in the database, as JSON or CSV.

Rows are read in one snapshot, ordered by primary key, with the values exactly as
stored (UTC ISO text for instants, 0/1 flags), so an export is the same on SQLite and
PostgreSQL and two exports of unchanged data are identical. Nothing is written to the
database. The aggregate tables kept by triggers are left out: they follow from the
ledger (``kudos``).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.datatools.common import (
    DataToolError,
    Reader,
    check_current,
    human_list,
    snapshot_reader,
)
from bot.datatools.tables import EXPORTED

FORMATS = ("json", "csv")
EXPORT_FORMAT = "roots-export"
EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class TableData:
    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class CommunityExport:
    community_id: str
    schema_version: int
    tables: list[TableData]

    def document(self) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "community_id": self.community_id,
            "schema_version": self.schema_version,
            "tables": {t.name: t.records() for t in self.tables},
        }

    def summary(self) -> str:
        return ", ".join(f"{t.name} {len(t.rows)}" for t in self.tables)


async def known_communities(reader: Reader) -> list[str]:
    _, rows = await reader.select("SELECT community_id FROM communities ORDER BY community_id")
    return [str(r[0]) for r in rows]


async def collect(url: str, community_id: str) -> CommunityExport:
    """Read one community's rows; DataToolError (exit 2) when there is no such community."""
    async with snapshot_reader(url) as reader:
        version = await reader.schema_version()
        check_current(version, reader.backend, url)
        _, found = await reader.select(
            "SELECT 1 FROM communities WHERE community_id = ?", community_id
        )
        if not found:
            known = await known_communities(reader)
            raise DataToolError(
                f"No community with id {community_id}. Known communities: {human_list(known)}"
            )
        tables: list[TableData] = []
        for table in EXPORTED:
            where = table.community_filter
            columns, rows = await reader.select(
                f"SELECT * FROM {table.name} WHERE {where} ORDER BY {', '.join(table.key)}",
                community_id,
            )
            tables.append(TableData(table.name, columns, rows))
    return CommunityExport(community_id, version, tables)


def default_csv_dir(community_id: str) -> Path:
    return Path(f"roots-export-{re.sub(r'[^A-Za-z0-9_.-]', '_', community_id)}")


def check_output(fmt: str, output: Path | None) -> None:
    """Refuse an output that cannot be written, before reading anything."""
    if fmt == "csv":
        assert output is not None
        if output.exists() and (not output.is_dir() or any(output.iterdir())):
            raise DataToolError(
                f"{output} already exists and is not an empty directory: choose another --output."
            )
        parent = output.absolute().parent
    else:
        if output is None:
            return
        if output.is_dir():
            raise DataToolError(f"{output} is a directory: give --output a file name.")
        parent = output.absolute().parent
    if not parent.is_dir():
        raise DataToolError(f"The directory {parent} does not exist.")


def write_json(export: CommunityExport, out: TextIO) -> None:
    json.dump(export.document(), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_json_file(export: CommunityExport, path: Path) -> None:
    """Write through a temporary file, so a failure never leaves half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.absolute().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            write_json(export, out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and
# carriage return, strips them and reads what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell no spreadsheet runs: text that could start a formula gets a
    leading ``'`` (read as "this is text"). Numbers are left alone: a negative integer is
    a number, not a formula. JSON exports keep the exact stored text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_dir(export: CommunityExport, directory: Path) -> list[Path]:
    """One ``<table>.csv`` per table (header row first; NULL is an empty field; text that
    could start a spreadsheet formula prefixed with ``'``, see :func:`csv_cell`).

    Written in a temporary directory renamed at the end: all files or none.
    """
    parent = directory.absolute().parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=parent))
    try:
        for table in export.tables:
            with open(tmp / f"{table.name}.csv", "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(table.columns)
                writer.writerows([csv_cell(v) for v in row] for row in table.rows)
        if directory.exists():  # checked empty before
            directory.rmdir()
        tmp.rename(directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [directory / f"{t.name}.csv" for t in export.tables]
