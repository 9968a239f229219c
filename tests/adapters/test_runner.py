"""`roots` as an operator runs it: a real process serving Slack (HTTP mode) against a loopback
fake Slack, answering a signed /kudos, then stopping cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from pathlib import Path

import aiohttp

from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, SlackDriver, user


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "ROOTS_", "DATABASE_URL"))
    }
    # The dashboard listens on 8080 by default: tests that want it say so (test_web_served)
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path}/roots.db", "ROOTS_WEB": "off", **extra})
    return env


async def roots(tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "--env-file",
        str(tmp_path / "none.env"),
        *args,
        env=environment(tmp_path, **env),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def wait_healthy(url: str, proc: asyncio.subprocess.Process) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            if proc.returncode is not None:
                raise AssertionError("roots exited early")
            try:
                async with session.get(url) as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("roots never answered its health check")


async def test_plain_roots_serves_slack_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    fake = FakeSlack()
    fake.users.update({"U0ALICE": user("U0ALICE", "Alice"), "U0BOB": user("U0BOB", "Bob")})
    await fake.start()
    port = free_port()
    proc = await roots(
        tmp_path,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        ROOTS_HTTP_PORT=str(port),
        ROOTS_LOG_LEVEL="INFO",
    )
    driver = SlackDriver(f"http://127.0.0.1:{port}", fake)
    try:
        await wait_healthy(f"http://127.0.0.1:{port}/", proc)
        status, body = await driver.command(
            "/kudos", "<@U0BOB|bob> thanks for the review", user="U0ALICE"
        )
        assert status == 200
        shown = str(body) + str(await fake.wait_responses(1) if body is None else "")
        assert "thanked" in shown
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        await driver.close()
        await fake.stop()
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0, stderr.decode()
    logs = stderr.decode()
    assert "Starting Roots on slack" in logs
    assert "Stopping Roots" in logs
    assert BOT_TOKEN not in logs and SECRET not in logs
    with sqlite3.connect(tmp_path / "roots.db") as conn:
        assert conn.execute("SELECT giver_id, receiver_id FROM kudos").fetchall() == [
            ("U0ALICE", "U0BOB")
        ]


async def test_a_platform_without_its_tokens_is_explained(tmp_path: Path) -> None:
    for platform, hint in (("slack", "SLACK_BOT_TOKEN"), ("discord", "DISCORD_TOKEN")):
        proc = await roots(tmp_path, platform)
        _, stderr = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 2
        assert "configuration problem" in stderr.decode()
        assert hint in stderr.decode()


async def test_discord_invite_without_a_token_is_explained(tmp_path: Path) -> None:
    proc = await roots(tmp_path, "discord", "invite")
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert "DISCORD_TOKEN" in stderr.decode()
