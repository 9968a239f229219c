"""Real `roots` processes at DEBUG: whatever they log, no token or secret shows.

A Slack HTTP-mode process (JSON lines) answers signed commands and events against the
loopback fake Slack, and a console session runs with every platform secret in its
environment; their whole stderr is searched for the secrets.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, SlackDriver, user
from tests.adapters.test_runner import environment, free_port, roots, wait_healthy

DISCORD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx-test.discord-secret-value"
APP_TOKEN = "xapp-1-A0TEST-0000-app-secret-value"
SECRETS = (BOT_TOKEN, SECRET, DISCORD_TOKEN, APP_TOKEN)


async def test_slack_process_at_debug_logs_json_lines_without_secrets(tmp_path: Path) -> None:
    fake = FakeSlack()
    fake.users.update({"U0ALICE": user("U0ALICE", "Alice"), "U0BOB": user("U0BOB", "Bob")})
    await fake.start()
    port = free_port()
    proc = await roots(
        tmp_path,
        "slack",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        DISCORD_TOKEN=DISCORD_TOKEN,
        SLACK_API_URL=fake.api_url,
        ROOTS_HTTP_PORT=str(port),
        ROOTS_LOG_LEVEL="DEBUG",
        ROOTS_LOG_FORMAT="json",
    )
    driver = SlackDriver(f"http://127.0.0.1:{port}", fake)
    try:
        await wait_healthy(f"http://127.0.0.1:{port}/", proc)
        status, _ = await driver.command("/kudos", "<@U0BOB|bob> thanks", user="U0ALICE")
        assert status == 200
        await driver.command("/leaderboard", "", user="U0BOB")
        await driver.command("/roots", "", user="U0BOB")
        await driver.event(
            {
                "type": "message",
                "channel": "C0GENERAL",
                "user": "U0BOB",
                "text": "<@U0ALICE>++ for the pairing",
                "ts": "1774432801.000100",
            }
        )
        bad = driver.command_body("/kudos", "<@U0BOB|bob> forged", user="U0ALICE")
        status, _ = await driver.post(
            bad, "application/x-www-form-urlencoded", driver.headers(bad, timestamp="1")
        )
        assert status == 401
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        await driver.close()
        await fake.stop()
        if proc.returncode is None:
            proc.kill()
    logs = stderr.decode()
    assert proc.returncode == 0, logs
    entries = [json.loads(line) for line in logs.splitlines() if line.strip()]
    assert any(e["level"] == "DEBUG" for e in entries)
    assert any(e["message"] == "Stopping Roots" for e in entries)
    assert any("Refused a Slack request" in e["message"] for e in entries)
    for secret in SECRETS:
        assert secret not in logs
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        given = conn.execute("SELECT giver_id, receiver_id FROM kudos ORDER BY kudos_id").fetchall()
    assert given == [("U0ALICE", "U0BOB"), ("U0BOB", "U0ALICE")]


def test_console_session_at_debug_never_logs_secrets(tmp_path: Path) -> None:
    env = environment(
        tmp_path,
        ROOTS_LOG_LEVEL="DEBUG",
        DISCORD_TOKEN=DISCORD_TOKEN,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
    )
    session = "/as bob\n/as alice\n/kudos @bob thanks\n@bob++ again\n/leaderboard\n/roots bob\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env"), "console"],
        input=session,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "thanked @bob" in done.stdout
    assert " DEBUG " in done.stderr  # the level was honoured: there is something to search
    for secret in SECRETS:
        assert secret not in done.stderr
        assert secret not in done.stdout
