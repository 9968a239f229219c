"""`roots import`: copy a whole SQLite Roots database into PostgreSQL.

1. The source must be an existing SQLite Roots database (never created here); it is
   brought to the current schema with SqliteStore, and the target with PostgresStore.
2. In ONE PostgreSQL transaction, every table of ``tables.TABLES`` is copied in
   foreign-key order with its ids: rows go to a temporary table by COPY, rows whose
   primary key already exists with other values stop the import (nothing changed),
   then ``INSERT … SELECT … ON CONFLICT DO NOTHING`` adds the missing ones. So
   re-running an import adds nothing and reports the same counts.
3. Sequences are moved past the largest imported id, the row count of every table
   is compared with the source, and any difference rolls everything back.

Aggregates (``kudos_totals``, ``kudos_pairs``) are copied as they are, with the
``kudos`` triggers disabled during the copy, rather than rebuilt by letting the
triggers fire on each inserted kudos: the insert trigger counts every row, including
one already revoked (the uncount trigger fires only on a later UPDATE of
``revoked_at``), and a pair's ``last_at`` after a revocation depends on the order in
which things happened. Copying the source's aggregates keeps exactly the
leaderboards and roots the community saw; the triggers are enabled again before the
commit (``ALTER TABLE`` is transactional in PostgreSQL), so nothing else ever sees
them off.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.datatools.common import (
    DataToolError,
    is_postgres,
    is_sqlite,
    postgres_connect,
    postgres_tables,
    shown,
    sqlite_file,
    sqlite_readonly,
    sqlite_tables,
)
from bot.datatools.tables import TABLES, Table, is_internal, table_names
from bot.storage.records import StorageError

CHUNK = 5_000  # rows per COPY


@dataclass(frozen=True)
class TableCount:
    name: str
    source: int
    target: int
    inserted: int


@dataclass(frozen=True)
class ImportReport:
    source: str
    target: str
    schema_version: int
    counts: list[TableCount]

    @property
    def inserted(self) -> int:
        return sum(c.inserted for c in self.counts)

    def lines(self) -> list[str]:
        width = max(len(c.name) for c in self.counts)
        lines = [
            f"Imported {self.source} into {shown(self.target)}"
            f" (schema version {self.schema_version}), in one transaction:",
            f"  {'table':<{width}}  {'rows':>8}  {'new':>8}",
        ]
        lines += [f"  {c.name:<{width}}  {c.target:>8}  {c.inserted:>8}" for c in self.counts]
        total = sum(c.target for c in self.counts)
        lines.append(f"Every table holds as many rows as the source ({total} rows in all).")
        if self.inserted == 0:
            lines.append("Nothing new: this data had already been imported.")
        return lines


def source_path(source: str) -> Path:
    if is_postgres(source) or ("://" in source and not is_sqlite(source)):
        raise DataToolError(
            f"--from must be a SQLite database (sqlite:///path/roots.db or a file path),"
            f" not {shown(source)}."
        )
    return sqlite_file(source)


def check_target(target_url: str) -> None:
    if not is_postgres(target_url):
        raise DataToolError(
            "roots import copies a SQLite database into PostgreSQL: set DATABASE_URL to"
            f" postgresql://user:password@host:5432/db (it is {shown(target_url)})."
            " Nothing was changed."
        )


async def import_sqlite(source: str, target_url: str) -> ImportReport:
    """Copy the SQLite database ``source`` into the PostgreSQL database ``target_url``."""
    check_target(target_url)
    path = source_path(source)
    with sqlite_readonly(path):  # exists and is a Roots database: safe to migrate
        pass
    version = await _migrated_version("sqlite", str(path))
    target_version = await _migrated_version("postgres", target_url)
    if version != target_version:  # both stores at this code's latest: cannot differ
        raise DataToolError(
            f"Schema versions differ after migrating: SQLite {version},"
            f" PostgreSQL {target_version}.",
            1,
        )
    with sqlite_readonly(path) as src:
        src.isolation_level = None
        src.execute("BEGIN")  # one snapshot of the source
        try:
            _check_known(sqlite_tables(src), f"the SQLite database {path}")
            counts = await _copy_all(src, target_url)
        finally:
            src.execute("ROLLBACK")
    return ImportReport(f"sqlite:///{path}", target_url, version, counts)


async def _migrated_version(backend: str, where: str) -> int:
    if backend == "sqlite":
        from bot.storage.sqlite import SqliteStore

        store: Any = SqliteStore(where)
    else:
        from bot.storage.postgres import PostgresStore

        store = PostgresStore(where, pool_size=1)
    await store.open()
    try:
        return int(await store.schema_version())
    finally:
        await store.close()


def _check_known(found: list[str], where: str) -> None:
    unknown = sorted(set(found) - set(table_names()) - {n for n in found if is_internal(n)})
    missing = sorted(set(table_names()) - set(found))
    if unknown or missing:
        raise DataToolError(
            f"The tables of {where} do not match what the data tools know"
            f" (unknown: {', '.join(unknown) or 'none'}; missing: {', '.join(missing) or 'none'})."
            " Nothing was imported.",
            1,
        )


async def _copy_all(src: sqlite3.Connection, target_url: str) -> list[TableCount]:
    import asyncpg

    conn = await postgres_connect(target_url)
    try:
        _check_known(await postgres_tables(conn), shown(target_url))
        async with conn.transaction():
            for table in TABLES:  # see the module docstring: aggregates are copied
                await conn.execute(f"ALTER TABLE {table.name} DISABLE TRIGGER USER")
            copied = [(t, *(await _copy_table(src, conn, t))) for t in TABLES]
            for table in TABLES:
                await conn.execute(f"ALTER TABLE {table.name} ENABLE TRIGGER USER")
            for table in TABLES:
                if table.serial:
                    await _reset_sequence(src, conn, table)
            counts = [
                TableCount(
                    t.name,
                    source,
                    int(await conn.fetchval(f"SELECT count(*) FROM {t.name}")),
                    inserted,
                )
                for t, source, inserted in copied
            ]
            wrong = [c for c in counts if c.source != c.target]
            if wrong:  # raising here rolls the whole import back
                details = "; ".join(
                    f"{c.name}: {c.source} in SQLite, {c.target} in PostgreSQL" for c in wrong
                )
                raise DataToolError(
                    f"Row counts differ after the copy ({details}). PostgreSQL holds rows the"
                    " SQLite database does not have: import into an empty database."
                    " Nothing was imported.",
                    1,
                )
    except asyncpg.PostgresError as exc:
        raise StorageError(f"the import failed and was rolled back: {exc}") from exc
    finally:
        await conn.close()
    return counts


async def _copy_table(src: sqlite3.Connection, conn: Any, table: Table) -> tuple[int, int]:
    """(rows in the source, rows inserted) for one table."""
    cur = src.execute(f"SELECT * FROM {table.name} ORDER BY {', '.join(table.key)}")
    columns = [d[0] for d in cur.description]
    target_columns = [
        r["column_name"]
        for r in await conn.fetch(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = $1",
            table.name,
        )
    ]
    if set(columns) != set(target_columns):
        raise DataToolError(
            f"The columns of {table.name} differ: SQLite {sorted(columns)},"
            f" PostgreSQL {sorted(target_columns)}. Nothing was imported.",
            1,
        )
    staging = f"roots_import_{table.name}"
    await conn.execute(f"CREATE TEMPORARY TABLE {staging} (LIKE {table.name}) ON COMMIT DROP")
    source_rows = 0
    while chunk := cur.fetchmany(CHUNK):
        await conn.copy_records_to_table(staging, records=chunk, columns=columns)
        source_rows += len(chunk)
    key = ", ".join(table.key)
    clash = await conn.fetch(
        f"SELECT {key} FROM {staging} s JOIN {table.name} t USING ({key})"
        f" WHERE ROW(s.*) IS DISTINCT FROM ROW(t.*) ORDER BY {key} LIMIT 3"
    )
    if clash:
        keys = ", ".join(str(tuple(r.values()) if len(r) > 1 else r[0]) for r in clash)
        raise DataToolError(
            f"PostgreSQL already holds different rows in {table.name} for the same"
            f" {key} ({keys}). Import into an empty database. Nothing was imported.",
            1,
        )
    names = ", ".join(columns)
    status = await conn.execute(
        f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {staging}"
        f" ORDER BY {key} ON CONFLICT DO NOTHING"
    )
    return source_rows, int(status.split()[-1])


async def _reset_sequence(src: sqlite3.Connection, conn: Any, table: Table) -> None:
    """Next id past every imported id (and past ids SQLite already handed out)."""
    row = src.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).fetchone()
    used = int(row[0]) if row else 0
    sequence = await conn.fetchval(
        "SELECT pg_get_serial_sequence($1, $2)", table.name, table.serial
    )
    if sequence is None:
        raise DataToolError(f"{table.name}.{table.serial} has no sequence in PostgreSQL.", 1)
    current = await conn.fetchrow(f"SELECT last_value, is_called FROM {sequence}")
    highest = int(await conn.fetchval(f"SELECT coalesce(max({table.serial}), 0) FROM {table.name}"))
    issued = int(current["last_value"]) if current["is_called"] else 0
    target = max(used, highest)
    if target > issued:
        await conn.execute("SELECT setval($1, $2, true)", sequence, target)
