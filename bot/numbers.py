"""Whole numbers in text from outside: ids, button values, ports, headers.

``str.isdigit()`` is not the check: it accepts ``²`` (``int()`` then fails) and ``٣``
(read as 3), and any length (a 30-digit number overflows a 64-bit column). Here a number
is 1 to ``digits`` ASCII digits, nothing else.
"""

from __future__ import annotations

MAX_ID_DIGITS = 18  # always below 2**63: fits a SQLite INTEGER and a PostgreSQL BIGINT
SNOWFLAKE_DIGITS = 20  # a Discord id is an unsigned 64-bit number


def ascii_int(raw: str, digits: int = MAX_ID_DIGITS) -> int | None:
    """``raw`` as an int when it is 1 to ``digits`` ASCII digits, else None."""
    if 0 < len(raw) <= digits and raw.isascii() and raw.isdigit():
        return int(raw)
    return None


def snowflake(raw: str) -> int | None:
    """``raw`` as a Discord id (a positive unsigned 64-bit number), else None."""
    value = ascii_int(raw, SNOWFLAKE_DIGITS)
    return value if value is not None and 0 < value < 2**64 else None
