"""The security tests reuse the core fixtures (sqlite + postgres) of tests/bot."""

from tests.bot.conftest import clock, core, db_url, settings

__all__ = ["clock", "core", "db_url", "settings"]
