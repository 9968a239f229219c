"""The core fixtures of tests/bot (a real SQLite file and a real PostgreSQL schema)."""

from tests.bot.conftest import clock, core, db_url, settings

__all__ = ["clock", "core", "db_url", "settings"]
