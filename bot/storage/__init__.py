"""Storage: the port (``base``) and its backends, chosen from DATABASE_URL."""

from __future__ import annotations

from bot.storage.base import Store

DEFAULT_POOL_SIZE = 10


def store_from_url(url: str, pool_size: int = DEFAULT_POOL_SIZE) -> Store:
    """Build (not open) the store for ``url``.

    ``pool_size`` is the most connections a PostgreSQL store keeps open (SQLite ignores
    it: it has one writer and one reader connection).
    """
    if url.startswith("sqlite:"):
        from bot.storage.sqlite import SqliteStore, sqlite_path

        return SqliteStore(sqlite_path(url))
    if url.startswith(("postgresql://", "postgres://")):
        from bot.storage.postgres import PostgresStore

        return PostgresStore(url, pool_size=pool_size)
    raise ValueError(
        f"DATABASE_URL {url.split(':', 1)[0]}:… is not supported; use sqlite:///roots.db"
        " or postgresql://user@host/db."
    )
