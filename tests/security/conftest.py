"""Security regression tests reuse the fixtures of the areas they cross: the fake
Discord (``fake``, ``db_path``) and the core on both backends (``clock``, ``db_url``,
``settings``)."""

from tests.adapters.discord.conftest import db_path, fake  # noqa: F401
from tests.bot.conftest import clock, db_url, settings  # noqa: F401
