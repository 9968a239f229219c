"""`roots doctor` as an operator runs it: a real process, loopback fakes, real SQLite files.

Each check prints one line; a failing one says how to fix it; the exit code is 1 when
anything is wrong.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.doctor import manifest_scopes
from bot.storage.migrations import migrations
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack
from tests.adapters.test_runner import environment, roots

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


async def doctor(tmp_path: Path, **env: str) -> tuple[int, list[str], str]:
    proc = await roots(tmp_path, "doctor", **env)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode().splitlines(), err.decode()


def console(tmp_path: Path, lines: str, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none"), "console", *args],
        input=lines,
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    assert done.returncode == 0


def line(lines: list[str], start: str) -> str:
    found = [x for x in lines if x.startswith(start)]
    assert found, lines
    return found[0]


async def test_a_healthy_console_deployment_passes(tmp_path: Path) -> None:
    console(tmp_path, "/as bob\n/as alice\n/kudos @bob thanks\n")
    code, lines, err = await doctor(tmp_path)
    assert code == 0, (lines, err)
    assert lines[0].startswith("ok   settings: no platform token set")
    latest = migrations("sqlite")[-1][0]
    assert line(lines, "ok   database:").endswith(f"migrations current ({latest})")
    assert line(lines, "ok   scheduler:").startswith("ok   scheduler: 0 schedules")
    assert lines[-1] == "Everything looks right."
    assert "ok   web: the dashboard is off (ROOTS_WEB=off)" in lines


async def test_the_dashboard_settings_get_a_line(tmp_path: Path) -> None:
    console(tmp_path, "/as alice\n")
    _, lines, _ = await doctor(tmp_path, ROOTS_WEB="on", ROOTS_WEB_URL="https://roots.example.org")
    assert line(lines, "ok   web:") == (
        "ok   web: dashboard on 127.0.0.1:8080, sign-in links to https://roots.example.org,"
        " Secure cookies, X-Forwarded-For ignored (no ROOTS_WEB_TRUSTED_PROXIES)"
    )
    _, lines, _ = await doctor(tmp_path, ROOTS_WEB="on", ROOTS_WEB_TRUSTED_PROXIES="127.0.0.1, ::1")
    assert line(lines, "ok   web:").endswith(
        "X-Forwarded-For believed from 127.0.0.1/32, ::1/128 (ROOTS_WEB_TRUSTED_PROXIES)"
    )
    code, lines, _ = await doctor(tmp_path, ROOTS_WEB="on", ROOTS_WEB_HOST="0.0.0.0")
    assert code == 1
    assert line(lines, "FAIL web:").endswith(
        "— fix: set ROOTS_WEB_URL to its public address (https://… behind a reverse proxy)"
    )


async def test_bad_settings_and_a_missing_database_are_explained(tmp_path: Path) -> None:
    code, lines, _ = await doctor(tmp_path, ROOTS_DEFAULT_TIMEZONE="Mars/Base")
    assert code == 1
    assert lines[0].startswith("FAIL settings: ROOTS_DEFAULT_TIMEZONE")
    assert "— fix: " in lines[0]
    code, lines, _ = await doctor(tmp_path)
    assert code == 1
    assert line(lines, "FAIL database: no database file").endswith(
        "— fix: start Roots once (it creates the file), or correct DATABASE_URL"
    )


async def test_pending_migrations_and_paused_schedules_are_reported(tmp_path: Path) -> None:
    console(
        tmp_path,
        "/as admin:ana\n/roots-config prompts #general 09:00 Europe/Paris\n"
        "/roots-config prompts #random 10:00 Europe/Paris\n",
        "--clock",
        "2026-03-28T12:00",
    )
    db = tmp_path / "roots.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schedules SET paused_reason = 'channel deleted'"
                     " WHERE channel_id = 'random'")  # fmt: skip
    code, lines, _ = await doctor(tmp_path)
    assert code == 1
    planned = line(lines, "ok   scheduler: 2 schedules, 1 planned")
    assert "prompt #general (console)" in planned
    paused = line(lines, "FAIL scheduler: prompt schedule of #random in console is paused")
    assert "channel deleted" in paused and "/roots-config prompts #channel" in paused
    (previous, _, _), (latest, _, _) = migrations("sqlite")[-2:]
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM schema_version WHERE version = ?", (latest,))
    code, lines, _ = await doctor(tmp_path)
    assert code == 1
    expected = f"schema version {previous}, this Roots expects {latest}"
    assert expected in line(lines, "FAIL database:")
    assert "applies the pending migrations" in line(lines, "FAIL database:")


async def test_an_unreachable_postgres_is_reported_without_its_password(tmp_path: Path) -> None:
    password = "s3cret-pg-password"
    url = f"postgresql://roots:{password}@127.0.0.1:1/roots"
    code, lines, err = await doctor(tmp_path, DATABASE_URL=url, ROOTS_LOG_LEVEL="DEBUG")
    assert code == 1
    assert "FAIL database: cannot read postgresql://roots:***@127.0.0.1:1/roots" in "\n".join(lines)
    assert password not in "\n".join(lines) + err


async def test_slack_token_and_scopes_are_checked(tmp_path: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "ROOTS_LOG_LEVEL": "DEBUG",
    }
    console(tmp_path, "/help\n")
    scopes = manifest_scopes()
    assert "chat:write" in scopes and "reactions:read" in scopes
    ok_body = {"ok": True, "user": "roots", "team": "Roots", "user_id": "U0ROOTSBOT"}
    try:
        fake.scripted["auth.test"] = [(200, {"x-oauth-scopes": ",".join(scopes)}, ok_body)]
        code, lines, err = await doctor(tmp_path, **env)
        assert code == 0, lines
        assert line(lines, "ok   slack:").startswith("ok   slack: token valid: bot roots")
        assert (
            line(lines, "ok   slack scopes:")
            == f"ok   slack scopes: all {len(scopes)} scopes granted"
        )

        partial = ",".join(s for s in scopes if s not in ("reactions:read", "users:read"))
        fake.scripted["auth.test"] = [(200, {"x-oauth-scopes": partial}, ok_body)]
        code, lines, err = await doctor(tmp_path, **env)
        assert code == 1
        missing = line(lines, "FAIL slack scopes:")
        assert "missing users:read, reactions:read" in missing and "reinstall" in missing

        fake.scripted["auth.test"] = [(200, {}, {"ok": False, "error": "invalid_auth"})]
        code, lines, err = await doctor(tmp_path, **env)
        assert code == 1
        assert "invalid_auth" in line(lines, "FAIL slack:")
        assert BOT_TOKEN not in "\n".join(lines) + err and SECRET not in err
    finally:
        await fake.stop()


async def test_discord_token_intents_and_synced_commands_are_checked(tmp_path: Path) -> None:
    fake = await FakeDiscord().start()
    env = {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url}
    console(tmp_path, "/help\n")
    try:
        code, lines, err = await doctor(tmp_path, **env)
        assert code == 1, err
        assert line(lines, "ok   discord:").startswith("ok   discord: token valid")
        assert "run `roots discord sync`" in line(lines, "FAIL discord commands: not synced")

        sync = await roots(tmp_path, "discord", "sync", **env)
        _, sync_err = await asyncio.wait_for(sync.communicate(), 60)
        assert sync.returncode == 0, sync_err.decode()
        code, lines, err = await doctor(tmp_path, **env)
        assert code == 0, lines
        assert "commands synced" in line(lines, "ok   discord commands:")
        off = line(lines, "ok   discord thank-you detection: off")
        assert "ROOTS_DISCORD_MESSAGE_CONTENT=1" in off and "Message Content intent" in off

        code, lines, _ = await doctor(tmp_path, ROOTS_DISCORD_MESSAGE_CONTENT="1", **env)
        assert code == 1
        assert "Privileged Gateway Intents" in line(lines, "FAIL discord intents:")
        fake.application_flags = 1 << 18
        code, lines, _ = await doctor(tmp_path, ROOTS_DISCORD_MESSAGE_CONTENT="1", **env)
        assert code == 0, lines
        assert line(lines, "ok   discord thank-you detection: on")
        team_off = line(lines, "ok   discord team kudos: off")
        assert "ROOTS_DISCORD_MEMBERS=1" in team_off and "Server Members intent" in team_off

        # team kudos (issue 15): the Server Members intent, asked for only when set
        code, lines, _ = await doctor(tmp_path, ROOTS_DISCORD_MEMBERS="1", **env)
        assert code == 1
        assert "ROOTS_DISCORD_MEMBERS" in line(lines, "FAIL discord intents:")
        fake.application_flags |= 1 << 14
        code, lines, _ = await doctor(tmp_path, ROOTS_DISCORD_MEMBERS="1", **env)
        assert code == 0, lines
        assert line(lines, "ok   discord team kudos: on")

        fake.token = "another-token"
        code, lines, err = await doctor(tmp_path, **env)
        assert code == 1
        assert "Reset Token" in line(lines, "FAIL discord:")
        assert "fake-token" not in err
    finally:
        await fake.stop()
