"""IANA time zones, always from the tzdata package Roots depends on, never the host's.

Python's ``zoneinfo.ZoneInfo(name)`` reads the host's /usr/share/zoneinfo first (its
TZPATH, or PYTHONTZPATH) and falls back to the tzdata package. Host copies lag behind
or run ahead of the package (2025b here while the package is 2026.6: fifteen zones,
Vancouver, Edmonton, Havana, Chisinau, Casablanca among them, differ in 2026-2027), and
they hold names that exist on that host only (``localtime``, ``posixrules``). So every
zone of Roots is read here, from the package's files, and only the names the package
lists are accepted: the same schedule fires at the same instant on every host.

:func:`check_zone` validates a name someone typed (settings, schedules, the
environment); :func:`load_zone` reads a stored one. A name stored before this check
that the package lacks (``localtime``, ``Factory``) reads as UTC, with a warning, so
the community keeps working until an admin sets its zone again.

``ZoneInfo.from_file`` objects are not cached by ``zoneinfo``; :func:`load_zone` keeps
one per name, so a zone is always the same object (``is``, hashing and same-zone
datetime arithmetic behave as with ``ZoneInfo(name)``). They cannot be pickled: Roots
stores and passes zone names, never zone objects.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import logging
from functools import cache
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

# In the package, but no place anyone lives: its abbreviation is "-00", "local time
# zone must be set".
NOT_PLACES = frozenset({"Factory"})
# Prefixes of the host copies' variants of every zone (the same rules under another name).
_HOST_PREFIXES = ("posix/", "right/")


class TimezoneError(ValueError):
    pass


@cache
def zone_names() -> frozenset[str]:
    """Every zone name the tzdata package provides (its ``zones`` list), but Factory."""
    listed = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in listed.splitlines() if line.strip()) - NOT_PLACES


def zone_data() -> str:
    """Where zone rules come from, for `roots doctor`: 'tzdata 2026.6 (package)'."""
    return f"tzdata {importlib.metadata.version('tzdata')} (package)"


@cache
def _package_zone(key: str) -> ZoneInfo:
    resource = importlib.resources.files("tzdata.zoneinfo").joinpath(*key.split("/"))
    with resource.open("rb") as rules:
        return ZoneInfo.from_file(rules, key=key)


def check_zone(name: str) -> str:
    """The tzdata package's name for the zone someone typed ('Europe/Paris');
    TimezoneError when the package has no such zone.

    A host-style ``posix/Europe/Paris`` is read as ``Europe/Paris`` (the same rules).
    """
    cleaned = name.strip()
    for prefix in _HOST_PREFIXES:
        if cleaned.startswith(prefix):
            cleaned = cleaned.removeprefix(prefix)
            break
    if cleaned not in zone_names():
        raise TimezoneError(f"'{name}' is not a time zone name such as Europe/Paris.")
    return cleaned


def load_zone(name: str) -> ZoneInfo:
    """The stored zone called ``name``, by the tzdata package's rules.

    A name the package lacks (saved before names were checked against it) reads as UTC,
    with a warning once per name: better posts at a shifted hour than none at all.
    """
    try:
        return _package_zone(check_zone(name))
    except TimezoneError:
        _warn_unknown(name)
        return _package_zone("UTC")


@cache
def _warn_unknown(name: str) -> None:
    log.warning(
        "Time zone %r is not in the tzdata package: read as UTC. Set the community's"
        " zone again (/roots-config timezone, or the schedule's zone).",
        name,
    )
