"""Helpers for tests against a real PostgreSQL server (fixtures in tests/conftest.py).

The server comes from ``ROOTS_TEST_POSTGRES_URL`` (default
``postgresql://postgres@127.0.0.1:5432/test``). Each test gets its own schema, selected
through the URL (``?search_path=…``, which asyncpg sends as a server setting).
"""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.storage.postgres import PgTx

T = TypeVar("T")

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="roots-test-pg")


def server_url() -> str:
    return os.environ.get("ROOTS_TEST_POSTGRES_URL") or DEFAULT_URL


def required() -> bool:
    return os.environ.get("ROOTS_REQUIRE_POSTGRES", "") == "1"


def run_sync(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from sync code, even inside a running event loop."""

    async def main() -> T:
        return await factory()

    return _POOL.submit(asyncio.run, main()).result()


async def _with_conn(url: str, fn: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    conn = await asyncpg.connect(url, timeout=5)
    try:
        return await fn(conn)
    finally:
        await conn.close()


def redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def reachable() -> str | None:
    """None when the server answers, else why not (one line)."""
    try:
        run_sync(lambda: _with_conn(server_url(), lambda c: c.fetchval("SELECT 1")))
    except Exception as exc:  # any failure: not reachable
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return None


def with_schema(url: str, schema: str) -> str:
    parts = urlsplit(url)
    extra = f"search_path={schema}&application_name={schema}"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def schema_of(url: str) -> str:
    found = re.search(r"search_path=([A-Za-z0-9_]+)", url)
    assert found, url
    return found.group(1)


def create_schema() -> str:
    """A fresh, empty schema; returns the URL that selects it."""
    schema = f"roots_test_{uuid.uuid4().hex[:12]}"
    run_sync(lambda: _with_conn(server_url(), lambda c: c.execute(f"CREATE SCHEMA {schema}")))
    return with_schema(server_url(), schema)


def drop_schema(url: str) -> None:
    schema = schema_of(url)

    async def drop(conn: asyncpg.Connection) -> None:
        # Leftover connections of a killed process would hold locks: end them first.
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = $1 AND pid <> pg_backend_pid()",
            schema,
        )
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    run_sync(lambda: _with_conn(server_url(), drop))


def rows(url: str, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Committed rows, read on a separate connection; ``?`` placeholders as in SQLite."""

    async def fetch(conn: asyncpg.Connection) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await PgTx(conn).rows(sql, *params)]

    return run_sync(lambda: _with_conn(url, fetch))
