"""Security regression tests reuse the fixtures of the areas they cross: the fake
Discord (``fake``, ``db_path``) and the core on both backends (``clock``, ``core``,
``db_url``, ``settings``: a real SQLite file and a real PostgreSQL schema)."""

from tests.adapters.discord.conftest import db_path, fake
from tests.bot.conftest import clock, core, db_url, settings

__all__ = ["clock", "core", "db_path", "db_url", "fake", "settings"]
