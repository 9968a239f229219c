"""Security issue #12, item 14: /healthz and /metrics stay off the public Slack port and
listen on loopback unless the operator says otherwise (ROOTS_OPS_HOST, ROOTS_METRICS_PORT)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from adapters.ops import Ops
from bot.clock import ManualClock
from bot.config import Settings, SettingsError, load_settings
from bot.metrics import Metrics
from bot.wiring import Core, running_core
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack
from tests.adapters.test_runner import free_port, roots, wait_healthy
from tests.fakes import START


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    async with running_core(
        Settings(database_url=f"sqlite:///{tmp_path}/roots.db"), clock=ManualClock(START)
    ) as running:
        yield running


def test_item14_ops_host_setting_defaults_to_loopback_and_is_checked() -> None:
    assert load_settings({}).ops_host == "127.0.0.1"
    assert load_settings({"ROOTS_OPS_HOST": "0.0.0.0"}).ops_host == "0.0.0.0"
    assert load_settings({"ROOTS_OPS_HOST": "::1"}).ops_host == "::1"
    assert load_settings({"ROOTS_OPS_HOST": "metrics.internal"}).ops_host == "metrics.internal"
    for bad in ("http://0.0.0.0", "10.0.0.1:9100", "two words"):
        with pytest.raises(SettingsError, match="ROOTS_OPS_HOST"):
            load_settings({"ROOTS_OPS_HOST": bad})


async def test_item14_the_ops_server_listens_on_loopback_by_default(core: Core) -> None:
    ops = Ops(core, Metrics(), [])
    port = await ops.serve(0)
    try:
        assert ops.host == "127.0.0.1"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
                assert resp.status == 200
        runner = ops._runner
        assert runner is not None
        assert [address[0] for address in runner.addresses] == ["127.0.0.1"]
    finally:
        await ops.stop()


async def get(url: str) -> int | None:
    """The status of GET ``url``; None when nothing listens there."""
    try:
        async with aiohttp.ClientSession() as http, http.get(url) as resp:
            return resp.status
    except aiohttp.ClientConnectionError:
        return None


async def test_item14_slack_http_mode_keeps_health_and_metrics_off_the_slack_port(
    tmp_path: Path,
) -> None:
    fake = FakeSlack()
    await fake.start()
    slack_port, ops_port = free_port(), free_port()
    proc = await roots(
        tmp_path,
        "slack",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        ROOTS_HTTP_PORT=str(slack_port),
        ROOTS_METRICS_PORT=str(ops_port),
    )
    try:
        await wait_healthy(f"http://127.0.0.1:{ops_port}/healthz", proc)
        assert await get(f"http://127.0.0.1:{ops_port}/metrics") == 200
        # The public Slack port answers Slack (and GET / for load balancers), nothing more.
        assert await get(f"http://127.0.0.1:{slack_port}/") == 200
        assert await get(f"http://127.0.0.1:{slack_port}/healthz") == 404
        assert await get(f"http://127.0.0.1:{slack_port}/metrics") == 404
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.communicate(), 20)
    finally:
        await fake.stop()
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0


async def test_item14_without_a_metrics_port_http_mode_serves_no_ops_endpoint(
    tmp_path: Path,
) -> None:
    fake = FakeSlack()
    await fake.start()
    slack_port = free_port()
    proc = await roots(
        tmp_path,
        "slack",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        ROOTS_HTTP_PORT=str(slack_port),
        ROOTS_LOG_LEVEL="INFO",
    )
    try:
        await wait_healthy(f"http://127.0.0.1:{slack_port}/", proc)
        assert await get(f"http://127.0.0.1:{slack_port}/metrics") == 404
        assert await get(f"http://127.0.0.1:{slack_port}/healthz") == 404
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        await fake.stop()
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0
    assert "ROOTS_METRICS_PORT" in stderr.decode()  # the log says how to turn them on
