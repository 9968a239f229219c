"""Security issue #12, item 17: a malformed DATABASE_URL is a clear one-line error.

An unbalanced ``[`` (or a port that is no number) made ``urlsplit`` raise inside every
``roots`` command, ``doctor`` included: a traceback, sometimes ending with the URL and
its password. Now doctor prints ``FAIL settings: DATABASE_URL …`` and every other
command stops with one line and exit code 2, the password never shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "s3cret-pg-password"
MALFORMED = [
    f"postgresql://roots:{PASSWORD}@[::1/roots",
    f"postgresql://roots:{PASSWORD}@db.example:port/roots",
    f"postgresql://roots:{PASSWORD}@db.example:99999/roots",
    f"mysql://roots:{PASSWORD}@[::1/roots",
]


def roots(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "ROOTS_", "DATABASE_URL"))
    } | {"ROOTS_WEB": "off"}  # no dashboard on port 8080 here (tests/adapters/web serve it)
    env["DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env"), *args],
        input="",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("url", MALFORMED)
def test_item17_doctor_reports_a_malformed_database_url(tmp_path: Path, url: str) -> None:
    done = roots(tmp_path, url, "doctor")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("FAIL settings: DATABASE_URL"), lines
    assert "— fix: " in lines[0]
    assert lines[-1] == "1 problem(s) found."
    assert PASSWORD not in done.stdout + done.stderr


@pytest.mark.parametrize("url", MALFORMED)
@pytest.mark.parametrize("args", [(), ("console",), ("migrate",), ("export", "--community", "x")])
def test_item17_other_commands_stop_with_one_clear_line(
    tmp_path: Path, url: str, args: tuple[str, ...]
) -> None:
    done = roots(tmp_path, url, *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("roots: configuration problem: DATABASE_URL"), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
