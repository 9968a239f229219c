"""`roots import`: a whole SQLite database into PostgreSQL, as a user runs it.

The source is a real SQLite file built through the core; the target a PostgreSQL
schema of its own (skipped without a server, unless ROOTS_REQUIRE_POSTGRES=1).
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.datatools.tables import TABLES, table_names
from bot.storage.migrations import migrations
from bot.wiring import running_core
from tests.bot.test_datatools import (
    answers,
    export_json,
    roots,
    scenario,
    sqlite_at_version_1,
)
from tests.fakes import COMMUNITY, assert_given, thank, utc
from tests.storage import pg

LATEST = migrations("postgres")[-1][0]


def sqlite_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in table_names()}


def pg_counts(url: str) -> dict[str, int]:
    return {t: pg.rows(url, f"SELECT count(*) FROM {t}")[0][0] for t in table_names()}


def pg_snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    return {
        t.name: pg.rows(url, f"SELECT * FROM {t.name} ORDER BY {', '.join(t.key)}") for t in TABLES
    }


def sqlite_snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        return {
            t.name: db.execute(f"SELECT * FROM {t.name} ORDER BY {', '.join(t.key)}").fetchall()
            for t in TABLES
        }


def pg_tables(url: str) -> list[str]:
    return [
        n
        for (n,) in pg.rows(
            url,
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema()",
        )
    ]


def summary(out: str) -> dict[str, tuple[int, int]]:
    """table -> (rows, new) from the printed summary."""
    found: dict[str, tuple[int, int]] = {}
    for line in out.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] in table_names():
            found[words[0]] = (int(words[1]), int(words[2]))
    return found


def do_import(monkeypatch: pytest.MonkeyPatch, target: str, source: str) -> int:
    return roots(monkeypatch, target, "import", "--from", source)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A SQLite database with the shared scenario."""
    path = tmp_path / "roots.db"
    scenario(f"sqlite:///{path}")
    return path


def test_import_keeps_what_members_see(source, postgres_url, monkeypatch, capsys):
    seen_before = asyncio.run(answers(f"sqlite:///{source}"))

    assert do_import(monkeypatch, postgres_url, f"sqlite:///{source}") == 0

    out = capsys.readouterr().out
    assert out.startswith(f"Imported sqlite:///{source} into postgresql://")
    assert f"(schema version {LATEST}), in one transaction:" in out
    counts = sqlite_counts(source)
    assert summary(out) == {t: (n, n) for t, n in counts.items()}
    assert counts["kudos"] == 5 and counts["checkins"] == 1 and counts["challenges"] == 1
    assert pg_counts(postgres_url) == counts
    assert f"({sum(counts.values())} rows in all)" in out
    # Leaderboards and roots on PostgreSQL are the ones members saw on SQLite.
    seen_after = asyncio.run(answers(postgres_url))
    assert seen_after == seen_before
    assert "@bob" in seen_after[1] and "@carol" not in seen_after[1]  # carol's kudos was revoked
    # Every row came across as it was, ids included: exports are identical.
    assert pg_snapshot(postgres_url) == sqlite_snapshot(source)
    exported = export_json(monkeypatch, capsys, f"sqlite:///{source}")
    assert export_json(monkeypatch, capsys, postgres_url) == exported
    assert len(exported["tables"]["kudos"]) == 4


def test_importing_again_changes_nothing(source, postgres_url, monkeypatch, capsys):
    assert do_import(monkeypatch, postgres_url, str(source)) == 0
    first = summary(capsys.readouterr().out)
    before = pg_snapshot(postgres_url)

    assert do_import(monkeypatch, postgres_url, str(source)) == 0

    out = capsys.readouterr().out
    again = summary(out)
    assert {t: rows for t, (rows, _) in again.items()} == {
        t: rows for t, (rows, _) in first.items()
    }
    assert {new for _, new in again.values()} == {0}
    assert "Nothing new: this data had already been imported." in out
    assert pg_snapshot(postgres_url) == before


def test_after_import_new_kudos_get_new_ids_and_count(source, postgres_url, monkeypatch, capsys):
    assert do_import(monkeypatch, postgres_url, str(source)) == 0
    largest = sqlite_snapshot(source)["kudos"][-1][0]

    async def thank_on_postgres() -> tuple[int, int]:
        clock = ManualClock(utc(2026, 3, 27, 10))
        async with running_core(Settings(database_url=postgres_url), clock=clock) as core:
            assert_given(await thank(core, "dana", "bob", reason="for the onboarding"))
            tallies = await core.store.tallies(COMMUNITY, "U-bob", ["life"])
            added = await core.store.add_custom_prompt(
                COMMUNITY, "Another", "another", "active", "U-admin", clock.now()
            )
            assert added is not None
            goal = await core.store.set_goal(COMMUNITY, "U-dana", "a goal", clock.now())
            assert goal is not None and goal.goal_id == 3  # past the two imported goals
            return tallies["life"].received, added.custom_id

    received, custom_id = asyncio.run(thank_on_postgres())

    assert pg.rows(postgres_url, "SELECT max(kudos_id), count(*) FROM kudos") == [
        (largest + 1, largest + 1)
    ]
    assert received == 3  # the totals triggers run again after the import
    assert custom_id == 3  # past the two imported custom prompts


def test_a_target_that_is_not_postgres_is_refused(source, tmp_path, monkeypatch, capsys):
    before = source.read_bytes()
    target = tmp_path / "other.db"

    assert do_import(monkeypatch, f"sqlite:///{target}", str(source)) == 2

    err = capsys.readouterr().err
    assert "roots import copies a SQLite database into PostgreSQL: set DATABASE_URL" in err
    assert "Nothing was changed." in err
    assert not target.exists()
    assert source.read_bytes() == before


def test_a_missing_source_is_refused_and_nothing_is_created(
    tmp_path, postgres_url, monkeypatch, capsys
):
    missing = tmp_path / "typo.db"

    assert do_import(monkeypatch, postgres_url, f"sqlite:///{missing}") == 2

    assert f"roots: No SQLite database at {missing} (nothing was changed)." in (
        capsys.readouterr().err
    )
    assert not missing.exists()
    assert pg_tables(postgres_url) == []  # the target was not even migrated


def test_a_postgres_source_is_refused(postgres_url, monkeypatch, capsys):
    source = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret@")
    assert do_import(monkeypatch, postgres_url, source) == 2
    err = capsys.readouterr().err
    assert "--from must be a SQLite database" in err and "s3cret" not in err
    assert pg_tables(postgres_url) == []


def test_a_file_that_is_not_a_roots_database_is_left_alone(
    tmp_path, postgres_url, monkeypatch, capsys
):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE things (id INTEGER)")
        db.commit()
    other_before = other.read_bytes()

    assert do_import(monkeypatch, postgres_url, str(notes)) == 2
    assert f"{notes} is not a SQLite database" in capsys.readouterr().err
    assert do_import(monkeypatch, postgres_url, str(other)) == 2
    assert f"{other} is not a Roots database" in capsys.readouterr().err

    assert other.read_bytes() == other_before
    assert notes.read_text() == "not a database\n" * 100
    assert pg_tables(postgres_url) == []


def test_an_old_source_is_migrated_first(tmp_path, postgres_url, monkeypatch, capsys):
    old = tmp_path / "old.db"
    sqlite_at_version_1(old)

    assert do_import(monkeypatch, postgres_url, str(old)) == 0

    found = summary(capsys.readouterr().out)
    assert found["kudos"] == (1, 1) and found["kudos_totals"] == (8, 8)
    assert pg.rows(postgres_url, "SELECT giver_id, receiver_id, reason FROM kudos") == [
        ("U-ann", "U-ben", "old times")
    ]
    assert pg.rows(postgres_url, "SELECT catchup_minutes FROM communities") == [(180,)]
    with closing(sqlite3.connect(old)) as db:
        assert db.execute("SELECT max(version) FROM schema_version").fetchone() == (LATEST,)


def test_different_data_under_the_same_ids_stops_the_import(
    source, tmp_path, postgres_url, monkeypatch, capsys
):
    async def other_history() -> None:  # kudos 1 on PostgreSQL is not kudos 1 of the source
        clock = ManualClock(utc(2026, 3, 20, 10))
        async with running_core(Settings(database_url=postgres_url), clock=clock) as core:
            assert_given(await thank(core, "zoe", "yann", reason="something else"))

    asyncio.run(other_history())
    before = pg_snapshot(postgres_url)

    assert do_import(monkeypatch, postgres_url, str(source)) == 1

    err = capsys.readouterr().err
    assert "PostgreSQL already holds different rows in" in err
    assert "Nothing was imported." in err
    assert pg_snapshot(postgres_url) == before


def test_extra_rows_in_the_target_fail_the_count_check_and_roll_back(
    source, postgres_url, monkeypatch, capsys
):
    assert do_import(monkeypatch, postgres_url, str(source)) == 0
    pg.rows(
        postgres_url,
        "INSERT INTO members (community_id, member_id, display_name) VALUES (?, 'U-zed', 'zed')"
        " RETURNING member_id",
        COMMUNITY,
    )
    # A new row in the source too: the import must not keep it when the check fails.
    with closing(sqlite3.connect(source)) as db:
        db.execute(
            "INSERT INTO excluded_themes (community_id, theme) VALUES (?, 'learning')", (COMMUNITY,)
        )
        db.commit()
    capsys.readouterr()

    assert do_import(monkeypatch, postgres_url, str(source)) == 1

    err = capsys.readouterr().err
    members = sqlite_counts(source)["members"]
    assert (
        f"Row counts differ after the copy (members: {members} in SQLite, {members + 1} in" in err
    )
    assert pg.rows(postgres_url, "SELECT count(*) FROM excluded_themes") == [(0,)]
