"""Validated IANA time zones (zoneinfo + the tzdata package)."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class TimezoneError(ValueError):
    pass


@lru_cache(maxsize=1024)
def load_zone(name: str) -> ZoneInfo:
    """The zone called ``name`` ('Europe/Paris'); TimezoneError when unknown."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 64 or ".." in cleaned or cleaned.startswith("/"):
        raise TimezoneError(f"'{name}' is not a time zone name such as Europe/Paris.")
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise TimezoneError(f"'{name}' is not a time zone name such as Europe/Paris.") from exc
