"""`roots forget` as an operator runs it: a real process on a real SQLite file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.bot.test_cli import run

SETUP = (
    "/as bob\n/as carol\n/as alice\n"
    "/kudos @bob thanks for the alicesecret review\n"
    "/kudos @carol for the docs\n"
    "/as bob\n/kudos @alice thanks @alice for the pairing\n"
    "/kudos @carol for the coffee\n"
)


def dump(tmp_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(tmp_path / "roots.db")) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'"
            )
        ]
        return {n: sorted(db.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}


def cells(tmp_path: Path) -> list[str]:
    return [str(v) for rows in dump(tmp_path).values() for row in rows for v in row]


def totals(tmp_path: Path, member: str) -> tuple[int, int]:
    with closing(sqlite3.connect(tmp_path / "roots.db")) as db:
        row = db.execute(
            "SELECT given, received FROM kudos_totals WHERE period = 'life' AND member_id = ?",
            (member,),
        ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def populated(tmp_path: Path) -> None:
    done = run(tmp_path, "console", stdin=SETUP)
    assert done.returncode == 0, done.stderr
    assert any("alicesecret" in c for c in cells(tmp_path))


def test_forget_with_yes_erases_the_member_and_keeps_others_totals(tmp_path: Path) -> None:
    populated(tmp_path)
    bob, carol = totals(tmp_path, "bob"), totals(tmp_path, "carol")

    done = run(tmp_path, "forget", "--member", "alice", "--yes")

    assert done.returncode == 0, done.stderr
    assert "erased; 2 kudos given and 1 received are now anonymous" in done.stdout
    assert not [c for c in cells(tmp_path) if "alice" in c.casefold()]
    assert (totals(tmp_path, "bob"), totals(tmp_path, "carol")) == (bob, carol)
    # The console shows bob's roots as before, without the forgotten name.
    shown = run(tmp_path, "console", "--as", "bob", stdin="/roots\n/leaderboard all\n")
    assert "received 1 · given 2" in shown.stdout
    assert "alice" not in shown.stdout.replace("as alice", "")


def test_an_unknown_member_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    populated(tmp_path)
    before = dump(tmp_path)

    done = run(tmp_path, "forget", "--member", "nobody", "--yes")

    assert done.returncode == 2
    assert "no data about member nobody; nothing erased" in done.stderr
    assert dump(tmp_path) == before


def test_an_unknown_community_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    populated(tmp_path)
    before = dump(tmp_path)

    done = run(tmp_path, "forget", "--member", "alice", "--community", "T-nope", "--yes")

    assert done.returncode == 2
    assert "no data about member alice in community T-nope" in done.stderr
    assert dump(tmp_path) == before


def test_without_yes_it_asks_and_a_no_changes_nothing(tmp_path: Path) -> None:
    populated(tmp_path)
    before = dump(tmp_path)

    refused = run(tmp_path, "forget", "--member", "alice", stdin="no\n")

    assert refused.returncode == 1
    assert "Type yes" in refused.stdout and "Nothing erased." in refused.stdout
    assert dump(tmp_path) == before

    confirmed = run(tmp_path, "forget", "--member", "alice", stdin="yes\n")

    assert confirmed.returncode == 0, confirmed.stderr
    assert not [c for c in cells(tmp_path) if "alicesecret" in c]


def test_a_missing_member_option_is_a_usage_error(tmp_path: Path) -> None:
    done = run(tmp_path, "forget")
    assert done.returncode == 2
    assert "--member" in done.stderr
