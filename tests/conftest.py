"""Top-level fixtures: a per-test PostgreSQL schema.

Without a reachable server the Postgres tests are skipped with a one-line reason;
with ``ROOTS_REQUIRE_POSTGRES=1`` (CI) an unreachable server fails them instead.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.storage import pg


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The server URL, once it answered; skips (or fails in CI) otherwise."""
    problem = pg.reachable()
    if problem is not None:
        where = pg.redacted(pg.server_url())
        if pg.required():
            pytest.fail(
                f"ROOTS_REQUIRE_POSTGRES=1 but PostgreSQL at {where} is unreachable ({problem});"
                " start it or set ROOTS_TEST_POSTGRES_URL.",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL not reachable at {where} (set ROOTS_TEST_POSTGRES_URL)")
    return pg.server_url()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL selecting a fresh schema of its own, dropped after the test."""
    url = pg.create_schema()
    try:
        yield url
    finally:
        pg.drop_schema(url)
