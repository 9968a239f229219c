"""Versioned SQL migrations: `<backend>_<NNN>_<name>.sql`, applied in order."""

from __future__ import annotations

from importlib import resources


def migrations(backend: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) for ``backend`` ('sqlite' or 'postgres'), oldest first."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files(__name__).iterdir():
        name = entry.name
        if not (name.startswith(f"{backend}_") and name.endswith(".sql")):
            continue
        _, number, rest = name.split("_", 2)
        found.append((int(number), rest.removesuffix(".sql"), entry.read_text(encoding="utf-8")))
    return sorted(found)
