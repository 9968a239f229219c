"""`roots migrate`: bring the database at DATABASE_URL to this code's schema, then exit."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.datatools.common import is_sqlite, postgres_connect, shown, sqlite_file
from bot.storage import store_from_url


@dataclass(frozen=True)
class MigrateReport:
    url: str
    before: int  # 0: a new database
    after: int

    def lines(self) -> list[str]:
        if self.before == self.after:
            done = "already up to date"
        elif self.before == 0:
            done = f"created, migrations 1 to {self.after} applied"
        else:
            done = f"migrated from version {self.before}"
        return [f"Database at schema version {self.after} ({shown(self.url)}): {done}."]


async def version_before(url: str) -> int:
    """The schema version before migrating (0 when there is no Roots database yet)."""
    if is_sqlite(url):
        path = sqlite_file(url)
        if not path.is_file():
            return 0
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
            try:
                row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return 0  # no schema_version yet; the store reports anything worse
        return int(row[0] or 0)
    conn = await postgres_connect(url)
    try:
        if not await conn.fetchval("SELECT to_regclass('schema_version') IS NOT NULL"):
            return 0
        return int(await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_version"))
    finally:
        await conn.close()


async def migrate(url: str) -> MigrateReport:
    """Open the store (which applies pending migrations) and read its version.

    Raises StorageError (SchemaTooNewError included) when the database is unreachable
    or newer than this code.
    """
    before = await version_before(url)
    store = store_from_url(url, pool_size=1)
    await store.open()
    try:
        after = int(await store.schema_version())
    finally:
        await store.close()
    return MigrateReport(url, before, after)
