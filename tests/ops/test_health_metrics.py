"""`/healthz` and `/metrics` as an operator's monitoring sees them.

A real `roots slack` process (HTTP mode) serves both on ROOTS_METRICS_PORT; the metrics
count commands by name, platform and outcome, kudos given and handler latency. In
process: /healthz says which part failed, and scheduled posts are counted as sent,
late or failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.discord.bot import run_discord
from adapters.ops import Ops
from adapters.slack import SlackSettings, run_slack
from bot.clock import ManualClock
from bot.config import Settings, SettingsError, load_settings
from bot.delivery import Ownership
from bot.metrics import Metrics, instrument
from bot.types import Reply
from bot.wiring import Core, running_core
from tests.adapters.discord.conftest import settings_for
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, SlackDriver, user
from tests.adapters.test_runner import free_port, roots, wait_healthy
from tests.fakes import ask, eventually, say

LATE_START = datetime(2026, 3, 25, 6, 0, tzinfo=UTC)


def sample(exposition: str, name: str, **labels: str) -> float:
    """The value of one sample in the Prometheus text format (0 when absent)."""
    for line in exposition.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if match is None or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
        if found == labels:
            return float(match.group(3))
    return 0.0


async def test_slack_process_serves_healthz_and_metrics_on_the_metrics_port(
    tmp_path: Path,
) -> None:
    """In HTTP mode too, on ROOTS_METRICS_PORT (not the public Slack port: issue #12, item 14)."""
    fake = FakeSlack()
    fake.users.update({"U0ALICE": user("U0ALICE", "Alice"), "U0BOB": user("U0BOB", "Bob")})
    await fake.start()
    port, ops_port = free_port(), free_port()
    proc = await roots(
        tmp_path,
        "slack",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        ROOTS_HTTP_PORT=str(port),
        ROOTS_METRICS_PORT=str(ops_port),
    )
    base = f"http://127.0.0.1:{ops_port}"
    driver = SlackDriver(f"http://127.0.0.1:{port}", fake)
    try:
        await wait_healthy(f"{base}/healthz", proc)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as resp:
                assert resp.status == 200
                assert await resp.json() == {
                    "database": "ok",
                    "platforms": {"slack": "connected"},
                    "scheduler": "running",
                    "status": "ok",
                }
            await driver.command("/kudos", "<@U0BOB|bob> thanks", user="U0ALICE")
            await driver.command("/kudos", "<@U0ALICE|alice>", user="U0ALICE")  # yourself
            await driver.command("/leaderboard", "", user="U0BOB")
            async with http.get(f"{base}/metrics") as resp:
                assert resp.status == 200
                assert resp.headers["Content-Type"].startswith("text/plain")
                metrics = await resp.text()
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.communicate(), 20)
    finally:
        await driver.close()
        await fake.stop()
        if proc.returncode is None:
            proc.kill()
    commands = "roots_commands_total"
    assert sample(metrics, commands, command="kudos", platform="slack", outcome="ok") == 1
    assert sample(metrics, commands, command="kudos", platform="slack", outcome="refused") == 1
    assert sample(metrics, commands, command="leaderboard", platform="slack", outcome="ok") == 1
    assert sample(metrics, "roots_kudos_given_total", platform="slack") == 1
    count = "roots_handler_seconds_count"
    assert sample(metrics, count, command="kudos", platform="slack") == 2
    assert "roots_handler_seconds_bucket" in metrics


async def test_without_slack_http_mode_the_metrics_port_serves_both(tmp_path: Path) -> None:
    """Slack in Socket Mode has no HTTP server: ROOTS_METRICS_PORT is used."""
    fake = FakeSlack()
    await fake.start()
    port = free_port()
    proc = await roots(
        tmp_path,
        "slack",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN="xapp-1-A0ROOTS-test",
        SLACK_API_URL=fake.api_url,
        ROOTS_METRICS_PORT=str(port),
    )
    try:
        await wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                assert (await resp.json())["platforms"] == {"slack": "connected"}
            async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
                assert "roots_commands_total" in await resp.text()
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.communicate(), 20)
    finally:
        await fake.stop()
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings, clock=ManualClock(LATE_START)) as running:
        yield running


class Flaky:
    def __init__(self) -> None:
        self.fail = False

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        if self.fail:
            raise ConnectionError("platform down")
        return "m1"

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN  # cannot tell: ``send`` decides


async def test_healthz_names_the_part_that_failed(core: Core) -> None:
    ops = Ops(core, Metrics(), ["slack", "discord"])
    port = await ops.serve(0, host="127.0.0.1")
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as resp:
                assert resp.status == 503
                body = await resp.json()
            assert body["platforms"] == {"slack": "not connected", "discord": "not connected"}
            assert body["scheduler"] == "not running" and body["database"] == "ok"
            ops.connected.update(slack=True, discord=True)
            core.scheduler.start()
            async with http.get(url) as resp:
                assert resp.status == 200
                assert (await resp.json())["status"] == "ok"
            await core.store.close()
            async with http.get(url) as resp:
                assert resp.status == 503
                assert (await resp.json())["database"].startswith("failed")
    finally:
        await ops.stop()


async def test_scheduled_posts_are_counted_sent_late_and_failed(core: Core) -> None:
    metrics = Metrics()
    instrument(core, metrics)
    delivery = Flaky()
    core.attach_delivery(delivery)
    await ask(core, "roots-config", "prompts", "#general", "07:00", "UTC", actor="a", admin=True)
    clock = core.clock
    assert isinstance(clock, ManualClock)
    clock.set(LATE_START + timedelta(hours=2))  # Roots was down at 07:00: posted late
    await core.scheduler.startup()
    await core.scheduler.advance_to(LATE_START + timedelta(days=1, hours=2))  # on time
    delivery.fail = True
    await core.scheduler.advance_to(LATE_START + timedelta(days=2, hours=2))
    await say(core, "kudos", "nobody")  # a refused command is counted too
    shown = metrics.exposition().decode()
    assert sample(shown, "roots_scheduled_posts_total", outcome="sent") == 2
    assert sample(shown, "roots_scheduled_posts_total", outcome="late") == 1
    assert sample(shown, "roots_scheduled_posts_total", outcome="failed") >= 1
    assert (
        sample(shown, "roots_commands_total", command="kudos", platform="test", outcome="refused")
        == 1
    )


def test_metrics_port_setting_is_checked() -> None:
    assert load_settings({"ROOTS_METRICS_PORT": "9100"}).metrics_port == 9100
    assert load_settings({}).metrics_port is None
    with pytest.raises(SettingsError, match="ROOTS_METRICS_PORT"):
        load_settings({"ROOTS_METRICS_PORT": "http"})


@contextlib.asynccontextmanager
async def platform_health(
    core: Core, platform: str, run: Callable[[Callable[[Any], None]], Coroutine[Any, Any, None]]
) -> AsyncIterator[Callable[[int, str], Awaitable[None]]]:
    """Run ``run(ready)`` (a platform) beside an Ops server; yield ``until(status, state)``,
    which waits until /healthz answers ``status`` with the platform in ``state``."""
    ops = Ops(core, Metrics(), [platform])
    port = await ops.serve(0, host="127.0.0.1")
    task = asyncio.create_task(run(lambda runtime: ops.ready(platform, runtime)))
    url = f"http://127.0.0.1:{port}/healthz"

    async def until(status: int, state: str) -> None:
        async def said() -> bool:
            async with aiohttp.ClientSession() as http, http.get(url) as resp:
                return (resp.status, (await resp.json())["platforms"][platform]) == (status, state)

        await eventually(said, within=15, what=f"/healthz saying {status} {platform} {state}")

    try:
        yield until
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await ops.stop()


async def test_healthz_reports_a_lost_discord_gateway_until_it_is_back(core: Core) -> None:
    """Connected once is not enough: while the gateway is down (discord.py retrying),
    /healthz answers 503 with Discord "disconnected", and 200 again once it resumes."""
    fake = await FakeDiscord().start()
    try:
        discord = lambda ready: run_discord(core, settings_for(fake), ready=ready)  # noqa: E731
        async with platform_health(core, "discord", discord) as until:
            await until(200, "connected")
            fake.gateway_down = True
            await fake.drop_connection()
            await until(503, "disconnected")
            fake.gateway_down = False
            await until(200, "connected")
    finally:
        await fake.stop()


async def test_healthz_reports_a_dropped_slack_socket_mode_connection(core: Core) -> None:
    """Socket Mode: /healthz asks slack_sdk whether the websocket is still connected."""
    fake = FakeSlack()
    await fake.start()
    settings = SlackSettings(bot_token=BOT_TOKEN, app_token="xapp-1-test", api_url=fake.api_url)
    core.scheduler.start()  # as the runner does once every platform is ready
    try:
        slack = lambda ready: run_slack(core, settings, ready=ready)  # noqa: E731
        async with platform_health(core, "slack", slack) as until:
            await until(200, "connected")
            fake.sockets_refused = True  # slack_sdk reconnects at once; keep it out for now
            await fake.drop_sockets()
            await until(503, "disconnected")
    finally:
        await fake.stop()
