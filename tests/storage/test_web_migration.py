"""Migration 008 (the dashboard) on a database that already holds kudos: the pairs get
when they first connected and which of the two opened the connection, as the trigger
sets them for new pairs (issue #14)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from bot.storage.migrations import migrations
from bot.storage.sqlite import SqliteStore

KUDOS = (
    # (giver, receiver, created_at): ann opens with ben, ben thanks back, cat opens with ann
    ("U-ann", "U-ben", "2026-03-16T10:00:00.000000+00:00"),
    ("U-ann", "U-ben", "2026-03-17T10:00:00.000000+00:00"),
    ("U-ben", "U-ann", "2026-03-18T10:00:00.000000+00:00"),
    ("U-cat", "U-ann", "2026-03-24T10:00:00.000000+00:00"),
)


def database_at_version_4(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        for version, name, sql in migrations("sqlite"):
            if version <= 4:
                db.executescript(sql)
                db.execute(
                    "INSERT INTO schema_version VALUES (?, ?, '2026-01-01T00:00:00+00:00')",
                    (version, name),
                )
        db.execute(
            "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
            " VALUES ('T-old', 'slack', 'UTC', 'en', '2026-01-01T00:00:00+00:00')"
        )
        db.executemany(
            "INSERT INTO members (community_id, member_id, display_name) VALUES ('T-old', ?, ?)",
            [("U-ann", "ann"), ("U-ben", "ben"), ("U-cat", "cat")],
        )
        for n, (giver, receiver, at) in enumerate(KUDOS):
            day = date.fromisoformat(at[:10])
            year, week, _ = day.isocalendar()
            db.execute(
                "INSERT INTO kudos (community_id, action_id, giver_id, receiver_id, reason,"
                " channel_id, source, created_at, local_day, season, week_key, month_key)"
                " VALUES ('T-old', ?, ?, ?, 'thanks', 'C1', 'command', ?, ?, 1, ?, ?)",
                (f"a{n}", giver, receiver, at, day.isoformat(), f"{year}-W{week:02d}", at[:7]),
            )
        db.commit()
    path.chmod(0o600)


async def test_the_pairs_of_an_existing_ledger_get_their_first_thanks(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database_at_version_4(path)
    store = SqliteStore(path)
    await store.open()
    try:
        assert await store.schema_version() >= 5
        with closing(sqlite3.connect(path)) as db:
            pairs = db.execute(
                "SELECT giver_id, receiver_id, first_at, opened FROM kudos_pairs ORDER BY 1, 2"
            ).fetchall()
        assert pairs == [
            ("U-ann", "U-ben", KUDOS[0][2], 1),
            ("U-ben", "U-ann", KUDOS[2][2], 0),
            ("U-cat", "U-ann", KUDOS[3][2], 1),
        ]
        weeks = [date(2026, 3, 16), date(2026, 3, 23)]
        figures = await store.weekly_figures("T-old", 1, weeks, "UTC")
        assert figures["connections"] == [(date(2026, 3, 16), 1), (date(2026, 3, 23), 1)]
        helpers = await store.helpers_of("T-old", "U-ann", None, 10)
        assert [(m.id, n, back) for m, n, back in helpers] == [
            ("U-cat", 1, False),  # as many thanks: the latest first
            ("U-ben", 1, True),
        ]
    finally:
        await store.close()
