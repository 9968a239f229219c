"""`roots migrate` and `roots export` as a user runs them, on a real SQLite file and a real
PostgreSQL schema (``db_url`` runs a test on both). `roots import` is in
tests/storage/test_import.py; the scenario below is shared with it.
"""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.config import Settings
from bot.datatools.tables import EXPORTED, TABLES, is_internal, table_names
from bot.storage.migrations import migrations
from bot.types import Tone
from bot.wiring import running_core
from tests.fakes import (
    COMMUNITY,
    START,
    RecordingDelivery,
    admin,
    ask,
    assert_given,
    call,
    member,
    thank,
    utc,
)
from tests.storage import pg

LATEST = migrations("sqlite")[-1][0]
OTHER = "T-other"
MISSING_ENV = "/nonexistent/roots-test.env"


# ---------------------------------------------------------------- helpers


def roots(monkeypatch: pytest.MonkeyPatch, url: str, *args: str) -> int:
    """`roots <args>` in this process, with DATABASE_URL=url."""
    monkeypatch.setenv("DATABASE_URL", url)
    return main(["--env-file", MISSING_ENV, *args])


async def build_scenario(url: str) -> None:
    """Kudos (one revoked), a daily prompt posted and answered, a custom prompt and a
    suggestion, a challenge with a participant, and a second community."""
    clock = ManualClock(START)
    async with running_core(Settings(database_url=url), clock=clock) as core:
        core.attach_delivery(RecordingDelivery(clock))
        assert_given(await thank(core, "alice", "bob", reason="thanks for the review"))
        assert_given(await thank(core, "carol", "bob", reason="for the demo"))
        assert_given(await thank(core, "bob", "alice", reason="merci pour le café"))
        assert_given(await thank(core, "alice", "carol", reason="oops wrong person"))
        revoked = await ask(core, "kudos", "revoke", "4", actor="mod", admin=True)
        assert revoked.tone is Tone.SUCCESS, revoked.as_text()
        for reply in (
            await admin(core, "roots-config", "prompts", "#C-general", "09:00"),
            await admin(core, "prompt", "add", "Thank", "a", "reviewer"),
            await ask(core, "prompt", "suggest", "Call", "an", "old", "mentor", actor="dana"),
        ):
            assert reply.tone is Tone.SUCCESS, reply.as_text()
        await core.scheduler.advance_to(utc(2026, 3, 26, 9))
        done = await ask(core, "done", "called", "my", "mentor", actor="bob")
        assert done.tone is Tone.SUCCESS, done.as_text()
        await admin(core, "challenge", "start", "2026-03-30")
        await ask(core, "challenge", "join", actor="carol")
        # goals (issue 16): an open goal helped once, another removed by an admin
        for reply in (
            await ask(core, "goal", "set", "write", "the", "talk", actor="alice"),
            await ask(core, "goal", "help", member("alice"), "30", "slides", actor="bob"),
            await ask(core, "goal", "set", "something", "rude", actor="carol"),
            await ask(core, "goal", "remove", member("carol"), actor="mod", admin=True),
        ):
            assert reply.tone is Tone.SUCCESS, reply.as_text()
        other = await core.router.command(
            call("kudos", member("erin"), "hello", "there", actor="frank", community=OTHER)
        )
        assert other[0].tone is Tone.SUCCESS, other[0].as_text()


def scenario(url: str) -> None:
    asyncio.run(build_scenario(url))


async def answers(url: str, at: Any = None) -> list[str]:
    """What members see: both leaderboards and two members' roots."""
    clock = ManualClock(at or utc(2026, 3, 26, 12))
    async with running_core(Settings(database_url=url), clock=clock) as core:
        return [
            (await ask(core, *words, actor="dana")).as_text()
            for words in (
                ("leaderboard",),
                ("leaderboard", "receivers", "all"),
                ("roots", member("bob")),
                ("roots", member("alice")),
            )
        ]


def export_json(monkeypatch: pytest.MonkeyPatch, capsys: Any, url: str) -> dict[str, Any]:
    code = roots(monkeypatch, url, "export", "--community", COMMUNITY)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"Exported community {COMMUNITY} to stdout" in err
    exported: dict[str, Any] = json.loads(out)
    return exported


def sqlite_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT max(version) FROM schema_version").fetchone()[0])


def sqlite_at_version_1(path: Path) -> None:
    """A database as Roots 001 left it, with one kudos."""
    _, name, sql = migrations("sqlite")[0]
    with closing(sqlite3.connect(path)) as db:
        db.executescript(sql)
        db.executescript(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL);"
            f"INSERT INTO schema_version VALUES (1, '{name}', '2026-01-01T00:00:00+00:00');"
            "INSERT INTO communities (community_id, platform, timezone, locale, created_at)"
            " VALUES ('T-old', 'slack', 'UTC', 'en', '2026-01-01T00:00:00+00:00');"
            "INSERT INTO kudos (community_id, action_id, giver_id, receiver_id, reason,"
            " channel_id, source, created_at, local_day, season, week_key, month_key)"
            " VALUES ('T-old', 'a1', 'U-ann', 'U-ben', 'old times', 'C1', 'command',"
            " '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-W01', '2026-01');"
        )
        db.commit()


# ---------------------------------------------------------------- the table list


def test_the_data_tools_know_every_table_of_the_migrations(tmp_path, postgres_url, monkeypatch):
    assert roots(monkeypatch, f"sqlite:///{tmp_path}/roots.db", "migrate") == 0
    assert roots(monkeypatch, postgres_url, "migrate") == 0
    with closing(sqlite3.connect(tmp_path / "roots.db")) as db:
        in_sqlite = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    in_postgres = {
        n
        for (n,) in pg.rows(
            postgres_url,
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema()",
        )
    }
    known = set(table_names())
    assert {n for n in in_sqlite if not is_internal(n)} == known
    assert {n for n in in_postgres if not is_internal(n)} == known
    assert len(known) == len(TABLES)
    # Every primary key and id column named in the list exists in the schema.
    for table in TABLES:
        with closing(sqlite3.connect(tmp_path / "roots.db")) as db:
            info = db.execute(f"PRAGMA table_info({table.name})").fetchall()
        pk = tuple(
            name for _, name, _, _, _, position in sorted(info, key=lambda r: r[5]) if position
        )
        assert pk == table.key, table.name
        if table.serial:
            assert table.key == (table.serial,)


# ---------------------------------------------------------------- roots migrate


def test_migrate_creates_then_reports_an_up_to_date_sqlite_database(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/data/roots.db"

    assert roots(monkeypatch, url, "migrate") == 0
    first = capsys.readouterr().out
    assert roots(monkeypatch, url, "migrate") == 0
    second = capsys.readouterr().out

    assert first == (
        f"Database at schema version {LATEST} ({url}): created, migrations 1 to {LATEST} applied.\n"
    )
    assert second == f"Database at schema version {LATEST} ({url}): already up to date.\n"
    assert sqlite_version(tmp_path / "data" / "roots.db") == LATEST


def test_migrate_brings_an_old_database_up_to_date_and_keeps_its_data(
    tmp_path, monkeypatch, capsys
):
    path = tmp_path / "old.db"
    sqlite_at_version_1(path)

    assert roots(monkeypatch, f"sqlite:///{path}", "migrate") == 0

    assert capsys.readouterr().out == (
        f"Database at schema version {LATEST} (sqlite:///{path}): migrated from version 1.\n"
    )
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT giver_id, receiver_id, reason FROM kudos").fetchall() == [
            ("U-ann", "U-ben", "old times")
        ]
        assert db.execute("SELECT catchup_minutes FROM communities").fetchall() == [(180,)]


def test_migrate_on_postgres_masks_the_password(postgres_url, monkeypatch, capsys):
    url = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret@")
    assert url != postgres_url

    assert roots(monkeypatch, url, "migrate") == 0

    out = capsys.readouterr().out
    assert out.startswith(f"Database at schema version {LATEST} (postgresql://postgres:***@")
    assert "created" in out
    assert "s3cret" not in out
    assert pg.rows(postgres_url, "SELECT max(version) FROM schema_version") == [(LATEST,)]


def test_migrate_refuses_a_database_newer_than_the_code(db_url, monkeypatch, capsys):
    assert roots(monkeypatch, db_url, "migrate") == 0
    future = "INSERT INTO schema_version VALUES (999, 'future', '2030-01-01')"
    if db_url.startswith("sqlite"):
        with closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as db:
            db.execute(future)
            db.commit()
    else:
        pg.rows(db_url, future + " RETURNING version")
    capsys.readouterr()

    assert roots(monkeypatch, db_url, "migrate") == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "roots: database problem:" in captured.err
    assert "schema version 999" in captured.err and "Upgrade Roots" in captured.err


def test_migrate_on_an_unreachable_server_says_so_without_the_password(monkeypatch, capsys):
    assert roots(monkeypatch, "postgresql://postgres:s3cret@127.0.0.1:1/test", "migrate") == 1
    captured = capsys.readouterr()
    assert "roots: database problem: cannot open postgresql://postgres:***@127.0.0.1:1" in (
        captured.err
    )
    assert "s3cret" not in captured.err + captured.out


# ---------------------------------------------------------------- roots export


def test_export_json_holds_the_community_and_nothing_else(db_url, monkeypatch, capsys):
    scenario(db_url)

    doc = export_json(monkeypatch, capsys, db_url)

    assert doc["format"] == "roots-export" and doc["community_id"] == COMMUNITY
    assert doc["schema_version"] == LATEST
    tables = doc["tables"]
    assert list(tables) == [t.name for t in EXPORTED]
    assert "kudos_totals" not in tables  # kept by triggers, follows from the ledger
    assert [(c["community_id"], c["locale"], c["daily_budget"]) for c in tables["communities"]] == [
        (COMMUNITY, "en", 5)
    ]
    assert [m["display_name"] for m in tables["members"]] == [
        "admin",
        "alice",
        "bob",
        "carol",
        "dana",
        "mod",
    ]
    assert [
        (k["kudos_id"], k["giver_id"], k["receiver_id"], k["reason"], k["revoked_at"] is not None)
        for k in tables["kudos"]
    ] == [
        (1, "U-alice", "U-bob", "thanks for the review", False),
        (2, "U-carol", "U-bob", "for the demo", False),
        (3, "U-bob", "U-alice", "merci pour le café", False),
        (4, "U-alice", "U-carol", "oops wrong person", True),
    ]
    assert [(r["kudos_id"], r["revoked_by"], r["kind"]) for r in tables["kudos_revocations"]] == [
        (4, "U-mod", "revoke")
    ]
    assert [(s["channel_id"], s["kind"], s["at_time"]) for s in tables["schedules"]] == [
        ("C-general", "prompt", "09:00"),
        ("C-general", "challenge", "09:00"),
    ]
    assert [(p["kind"], p["local_date"], p["status"]) for p in tables["posts"]] == [
        ("prompt", "2026-03-26", "sent")
    ]
    post_id = tables["posts"][0]["post_id"]
    assert [(c["post_id"], c["member_id"], c["note"]) for c in tables["checkins"]] == [
        (post_id, "U-bob", "called my mentor")
    ]
    assert [(p["text"], p["status"], p["author_id"]) for p in tables["custom_prompts"]] == [
        ("Thank a reviewer", "active", "U-admin"),
        ("Call an old mentor", "pending", "U-dana"),
    ]
    assert [(c["start_date"], c["status"]) for c in tables["challenges"]] == [
        ("2026-03-30", "active")
    ]
    assert [p["member_id"] for p in tables["challenge_participants"]] == ["U-admin", "U-carol"]
    assert [(g["member_id"], g["text"], g["status"]) for g in tables["goals"]] == [
        ("U-alice", "write the talk", "open"),
        ("U-carol", "something rude", "removed"),
    ]
    assert [(h["helper_id"], h["minutes"], h["note"]) for h in tables["goal_help"]] == [
        ("U-bob", 30, "slides")
    ]
    assert [
        (a["actor_id"], a["action"], a["subject_id"])
        for a in tables["audit_log"]
        if not a["action"].startswith("config.")  # the settings changes (issue 14)
    ] == [("U-mod", "goal.remove", "U-carol")]
    assert {a["action"] for a in tables["audit_log"]} >= {"config.prompts", "goal.remove"}
    everything = json.dumps(tables)
    assert "U-erin" not in everything and "U-frank" not in everything and OTHER not in everything


def test_export_is_the_same_on_sqlite_and_postgres(tmp_path, postgres_url, monkeypatch, capsys):
    sqlite_url = f"sqlite:///{tmp_path}/roots.db"
    scenario(sqlite_url)
    scenario(postgres_url)

    from_sqlite = export_json(monkeypatch, capsys, sqlite_url)
    from_postgres = export_json(monkeypatch, capsys, postgres_url)

    # Random ids and wall-clock instants differ between two runs, whatever the backend.
    volatile = {
        "communities": ("created_at",),
        "kudos": ("action_id",),
        "schedules": ("created_at", "updated_at"),
        "posts": ("claimed_by",),
    }
    for doc in (from_sqlite, from_postgres):
        for table, columns in volatile.items():
            for row in doc["tables"][table]:
                for column in columns:
                    assert row.pop(column)
    assert from_sqlite == from_postgres
    assert len(from_sqlite["tables"]["kudos"]) == 4


def test_export_json_to_a_file(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/roots.db"
    scenario(url)
    target = tmp_path / "out.json"

    assert roots(monkeypatch, url, "export", "--community", OTHER, "--output", str(target)) == 0

    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"Exported community {OTHER} to {target}: communities 1, members 2, kudos 1" in (
        captured.err
    )
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [(k["giver_id"], k["receiver_id"], k["reason"]) for k in doc["tables"]["kudos"]] == [
        ("U-frank", "U-erin", "hello there")
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_export_csv_writes_one_file_per_table_with_headers(db_url, tmp_path, monkeypatch, capsys):
    scenario(db_url)
    out = tmp_path / "export"

    code = roots(
        monkeypatch,
        db_url,
        "export",
        "--community",
        COMMUNITY,
        "--format",
        "csv",
        "--output",
        str(out),
    )

    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t.name}.csv" for t in EXPORTED)
    with open(out / "kudos.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
        f.seek(0)
        kudos = list(csv.DictReader(f))
    assert header[:5] == ["kudos_id", "community_id", "action_id", "giver_id", "receiver_id"]
    assert [(k["kudos_id"], k["giver_id"], k["receiver_id"], k["reason"]) for k in kudos] == [
        ("1", "U-alice", "U-bob", "thanks for the review"),
        ("2", "U-carol", "U-bob", "for the demo"),
        ("3", "U-bob", "U-alice", "merci pour le café"),
        ("4", "U-alice", "U-carol", "oops wrong person"),
    ]
    assert [k["revoked_at"] != "" for k in kudos] == [False, False, False, True]
    with open(out / "excluded_themes.csv", encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [["community_id", "theme"]]  # empty table: header only
    with open(out / "checkins.csv", encoding="utf-8", newline="") as f:
        assert [(r["member_id"], r["note"]) for r in csv.DictReader(f)] == [
            ("U-bob", "called my mentor")
        ]


def test_export_csv_defaults_to_a_directory_named_after_the_community(
    tmp_path, monkeypatch, capsys
):
    url = f"sqlite:///{tmp_path}/roots.db"
    scenario(url)
    monkeypatch.chdir(tmp_path)

    assert roots(monkeypatch, url, "export", "--community", COMMUNITY, "--format", "csv") == 0

    assert (tmp_path / f"roots-export-{COMMUNITY}" / "members.csv").is_file()
    # Exporting again never overwrites: the directory is not empty any more.
    before = (tmp_path / f"roots-export-{COMMUNITY}" / "kudos.csv").read_bytes()
    assert roots(monkeypatch, url, "export", "--community", COMMUNITY, "--format", "csv") == 2
    assert "already exists and is not an empty directory" in capsys.readouterr().err
    assert (tmp_path / f"roots-export-{COMMUNITY}" / "kudos.csv").read_bytes() == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_unknown_community_names_the_known_ones_and_writes_nothing(
    db_url, tmp_path, monkeypatch, capsys, fmt
):
    scenario(db_url)
    target = tmp_path / f"out-{fmt}"

    code = roots(
        monkeypatch,
        db_url,
        "export",
        "--community",
        "T-nope",
        "--format",
        fmt,
        "--output",
        str(target),
    )

    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == (
        f"roots: No community with id T-nope. Known communities: {OTHER}, {COMMUNITY}\n"
    )
    assert captured.out == ""
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_export_of_a_missing_sqlite_file_creates_nothing(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/nothere.db"

    assert roots(monkeypatch, url, "export", "--community", COMMUNITY) == 2

    assert f"No SQLite database at {tmp_path}/nothere.db" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_asks_to_migrate_an_old_database_and_leaves_it_alone(tmp_path, monkeypatch, capsys):
    path = tmp_path / "old.db"
    sqlite_at_version_1(path)
    before = path.read_bytes()

    assert roots(monkeypatch, f"sqlite:///{path}", "export", "--community", "T-old") == 1

    assert "run `roots migrate` first" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_a_bad_format_is_rejected_by_argparse(tmp_path, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exited:
        roots(
            monkeypatch,
            f"sqlite:///{tmp_path}/roots.db",
            "export",
            "--community",
            "x",
            "--format",
            "xml",
        )
    assert exited.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_needs_a_community(tmp_path, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exited:
        roots(monkeypatch, f"sqlite:///{tmp_path}/roots.db", "export")
    assert exited.value.code == 2
    assert "--community" in capsys.readouterr().err
