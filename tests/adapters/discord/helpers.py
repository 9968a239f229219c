"""Reading what the fake Discord received, and the SQLite file, in tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.adapters.discord.fake_discord import EPHEMERAL, GUILD_ID


def is_ephemeral(callback: dict[str, Any]) -> bool:
    return bool((callback.get("data") or {}).get("flags", 0) & EPHEMERAL)


def embed(payload: dict[str, Any]) -> dict[str, Any]:
    """The one embed of a callback (``data``) or a message body."""
    body = payload.get("data", payload) if "type" in payload else payload
    embeds: list[dict[str, Any]] = body["embeds"]
    (found,) = embeds
    return found


def description(payload: dict[str, Any]) -> str:
    found: str = embed(payload).get("description", "")
    return found


def everything(payload: dict[str, Any]) -> str:
    """Title, description and fields of the embed, as one string."""
    e = embed(payload)
    parts = [e.get("title", ""), e.get("description", "")]
    parts += [f"{f['name']}: {f['value']}" for f in e.get("fields", [])]
    return "\n".join(parts)


def rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def kudos_rows(db: Path) -> list[tuple[str, str, str, str, bool]]:
    return [
        (giver, receiver, reason, source, revoked is not None)
        for giver, receiver, reason, source, revoked in rows(
            db,
            "SELECT giver_id, receiver_id, reason, source, revoked_at FROM kudos"
            " WHERE community_id = ? ORDER BY kudos_id",
            str(GUILD_ID),
        )
    ]


def setting(db: Path, column: str) -> Any:
    ((value,),) = rows(
        db, f"SELECT {column} FROM communities WHERE community_id = ?", str(GUILD_ID)
    )
    return value
