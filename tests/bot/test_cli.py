"""The `roots` command as a user runs it: a real process, piped stdin, a real SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOTS = [sys.executable, "-m", "bot.cli"]


def run(
    tmp_path: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "ROOTS_", "DATABASE_URL"))
    } | {"ROOTS_WEB": "off"}  # no dashboard on port 8080 here (tests/adapters/web serve it)
    environ.update({"DATABASE_URL": f"sqlite:///{tmp_path}/roots.db", **env})
    return subprocess.run(
        [*ROOTS, "--env-file", str(tmp_path / "missing.env"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


def test_plain_roots_without_tokens_starts_the_console(tmp_path: Path) -> None:
    done = run(tmp_path, stdin="/as bob\n/as alice\n/kudos @bob thanks for the review\n")
    assert done.returncode == 0, done.stderr
    assert "No Discord or Slack token set: starting the console." in done.stderr
    assert "roots: 🌱 @alice thanked @bob" in done.stdout
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        assert conn.execute("SELECT giver_id, receiver_id FROM kudos").fetchall() == [
            ("alice", "bob")
        ]


def test_console_subcommand_and_restart_keeps_state(tmp_path: Path) -> None:
    run(tmp_path, "console", stdin="/as bob\n/as alice\n/kudos @bob thanks for the review\n")
    done = run(tmp_path, "console", "--as", "carol", stdin="/roots bob\n")
    assert done.returncode == 0, done.stderr
    assert "No Discord or Slack token" not in done.stderr
    assert "received 1 · given 0" in done.stdout


def test_bad_settings_stop_with_a_clear_message(tmp_path: Path) -> None:
    done = run(tmp_path, ROOTS_DEFAULT_TIMEZONE="Mars/Base")
    assert done.returncode == 2
    assert "configuration problem" in done.stderr
    assert "Mars/Base" in done.stderr


def test_newer_database_refuses_to_start(tmp_path: Path) -> None:
    run(tmp_path, "console", stdin="/help\n")
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01')")
    done = run(tmp_path, "console", stdin="/help\n")
    assert done.returncode == 1
    assert "schema version 999" in done.stderr
    assert "Upgrade Roots" in done.stderr
