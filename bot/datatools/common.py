"""What the data tools share: their error, URL helpers, and read-only database readers.

Readers never create anything: a SQLite file is opened read-only (``mode=ro``), so a
mistyped path is reported instead of leaving an empty database behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from bot.config import redact_url
from bot.storage.migrations import migrations
from bot.storage.records import StorageError
from bot.storage.sql import numbered

Rows = list[tuple[Any, ...]]


class DataToolError(Exception):
    """A problem the user can fix; the CLI prints it and exits with ``exit_code``.

    Raised before anything was changed (or with everything rolled back).
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def shown(url: str) -> str:
    """The URL as the tools print it: passwords masked."""
    return url if is_sqlite(url) else redact_url(url)


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:")


def sqlite_file(url_or_path: str) -> Path:
    """'sqlite:///roots.db' -> roots.db; 'sqlite:////abs/x.db' -> /abs/x.db; a path as is."""
    if url_or_path.startswith("sqlite:"):
        if not url_or_path.startswith("sqlite:///"):
            raise DataToolError(
                f"{url_or_path!r} is not a SQLite URL: use sqlite:///relative/path.db"
                " or sqlite:////absolute/path.db"
            )
        return Path(url_or_path.removeprefix("sqlite:///") or "roots.db")
    return Path(url_or_path)


def latest_version(backend: str) -> int:
    known = migrations(backend)
    return known[-1][0] if known else 0


def sqlite_connect_existing(path: Path) -> sqlite3.Connection:
    """Connect to an existing SQLite file; never creates one (``mode=rw``).

    Not ``mode=ro``: a read-only connection to a WAL database leaves its -wal and -shm
    files behind, while the last read-write connection to close removes them.
    """
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as exc:
        raise DataToolError(f"Cannot open {path}: {exc}", 1) from exc


@contextmanager
def sqlite_readonly(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to an existing SQLite Roots database (schema_version present)."""
    if not path.is_file():
        raise DataToolError(f"No SQLite database at {path} (nothing was changed).")
    conn = sqlite_connect_existing(path)
    try:
        try:
            conn.execute("PRAGMA query_only = ON")
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise DataToolError(f"{path} is not a SQLite database ({exc}).") from exc
        if found is None:
            raise DataToolError(f"{path} is not a Roots database (it has no schema_version table).")
        yield conn
    finally:
        conn.close()


class Reader(Protocol):
    """Read-only queries on either backend, in the storage layer's ``?`` style."""

    backend: str

    async def select(self, sql: str, *params: object) -> tuple[list[str], Rows]:
        """Column names and rows (plain tuples of str, int or None)."""

    async def schema_version(self) -> int: ...

    async def tables(self) -> list[str]: ...


class SqliteReader:
    backend = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    async def select(self, sql: str, *params: object) -> tuple[list[str], Rows]:
        cur = self.conn.execute(sql, params)
        columns = [d[0] for d in cur.description]
        return columns, [tuple(r) for r in cur.fetchall()]

    async def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    async def tables(self) -> list[str]:
        return sqlite_tables(self.conn)


def sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [name for (name,) in rows]


class PostgresReader:
    backend = "postgres"

    def __init__(self, conn: Any) -> None:  # an asyncpg.Connection
        self.conn = conn

    async def select(self, sql: str, *params: object) -> tuple[list[str], Rows]:
        statement = await self.conn.prepare(numbered(sql))
        columns = [a.name for a in statement.get_attributes()]
        return columns, [tuple(r) for r in await statement.fetch(*params)]

    async def schema_version(self) -> int:
        exists = await self.conn.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
        if not exists:
            return 0
        return int(await self.conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_version"))

    async def tables(self) -> list[str]:
        return await postgres_tables(self.conn)


async def postgres_tables(conn: Any) -> list[str]:
    rows = await conn.fetch(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        " ORDER BY table_name"
    )
    return [r["table_name"] for r in rows]


async def postgres_connect(url: str) -> Any:
    """An asyncpg connection; failures become StorageError with the password masked."""
    import asyncpg

    try:
        return await asyncpg.connect(url, timeout=10)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise StorageError(f"cannot open {shown(url)}: {exc}") from exc


@asynccontextmanager
async def snapshot_reader(url: str) -> AsyncIterator[Reader]:
    """A reader seeing one consistent snapshot of the database at ``url``; writes nothing."""
    if is_sqlite(url):
        with sqlite_readonly(sqlite_file(url)) as conn:
            conn.isolation_level = None
            conn.execute("BEGIN")  # one snapshot for every table read
            try:
                yield SqliteReader(conn)
            finally:
                conn.execute("ROLLBACK")
        return
    if not is_postgres(url):
        raise DataToolError(f"Unsupported database URL {shown(url)}.")
    conn = await postgres_connect(url)
    try:
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            yield PostgresReader(conn)
    finally:
        await conn.close()


def check_current(version: int, backend: str, url: str) -> None:
    """Refuse a database that is not exactly at this code's schema version."""
    latest = latest_version(backend)
    if version > latest:
        raise DataToolError(
            f"The database {shown(url)} is at schema version {version}, but this Roots only"
            f" knows version {latest}. Upgrade Roots first.",
            1,
        )
    if version < latest:
        raise DataToolError(
            f"The database {shown(url)} is at schema version {version} (this Roots uses"
            f" {latest}): run `roots migrate` first.",
            1,
        )


def human_list(items: Sequence[str], limit: int = 20) -> str:
    if not items:
        return "none"
    shown_items = ", ".join(items[:limit])
    return shown_items if len(items) <= limit else f"{shown_items}… ({len(items)} in all)"
