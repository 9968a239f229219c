"""Storage: the port (``base``) and its backends, chosen from DATABASE_URL."""

from __future__ import annotations

from bot.storage.base import Store


def store_from_url(url: str) -> Store:
    """Build (not open) the store for ``url``."""
    if url.startswith("sqlite:"):
        from bot.storage.sqlite import SqliteStore, sqlite_path

        return SqliteStore(sqlite_path(url))
    raise ValueError(
        f"DATABASE_URL {url.split(':', 1)[0]}:… is not supported yet; use sqlite:///roots.db."
    )
