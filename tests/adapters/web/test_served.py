"""The dashboard served as an operator runs Roots (issue #14): in the bot's process
(adapters/runner.py), alone (`roots web`), off with ROOTS_WEB=off, and a clear message
when its port is taken."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.runner import run_platforms
from bot.config import SettingsError, load_settings
from bot.wiring import Core
from tests.adapters.test_runner import environment, free_port


def settings_for(tmp_path: Path, **env: str) -> Any:
    return load_settings({"DATABASE_URL": f"sqlite:///{tmp_path}/roots.db", **env})


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


async def test_the_bot_process_serves_the_dashboard_and_its_links_sign_in(tmp_path: Path) -> None:
    port = free_port()
    settings = settings_for(tmp_path, ROOTS_WEB_PORT=str(port))
    seen: dict[str, Any] = {}

    async def platform(core: Core, ready: Callable[[Any], None]) -> None:
        ready(None)
        assert core.web is not None
        link = await core.web.mint_link("T1", "U1", is_admin=False)
        seen["link"] = link
        async with aiohttp.ClientSession() as browser:
            async with browser.get(f"http://127.0.0.1:{port}/") as resp:
                seen["home"] = (resp.status, await resp.text())
            async with browser.get(link) as resp:
                seen["confirm"] = resp.status

    await asyncio.wait_for(run_platforms(settings, {"fake": platform}), 30)

    assert seen["link"].startswith(f"http://127.0.0.1:{port}/login/")
    assert seen["home"][0] == 200 and "Sign in to Roots" in seen["home"][1]
    assert seen["confirm"] == 200
    assert not listening(port)  # stopped with the bot


async def test_a_taken_port_is_explained(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = settings_for(tmp_path, ROOTS_WEB_PORT=str(port))

        async def platform(core: Core, ready: Callable[[Any], None]) -> None:
            raise AssertionError("no platform starts without its dashboard")

        with pytest.raises(SettingsError) as caught:
            await run_platforms(settings, {"fake": platform})
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert "ROOTS_WEB_PORT" in message and "ROOTS_WEB=off" in message


async def test_roots_web_off_serves_no_dashboard(tmp_path: Path) -> None:
    port = free_port()
    settings = settings_for(tmp_path, ROOTS_WEB="off", ROOTS_WEB_PORT=str(port))
    seen: dict[str, Any] = {}

    async def platform(core: Core, ready: Callable[[Any], None]) -> None:
        seen["web"] = core.web
        seen["listening"] = listening(port)

    await asyncio.wait_for(run_platforms(settings, {"fake": platform}), 30)
    assert seen == {"web": None, "listening": False}


async def roots_process(tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
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


async def test_roots_web_runs_the_dashboard_alone_until_sigterm(tmp_path: Path) -> None:
    port = free_port()
    proc = await roots_process(tmp_path, "web", ROOTS_WEB="on", ROOTS_WEB_PORT=str(port))
    try:
        status = 0
        async with aiohttp.ClientSession() as browser:
            for _ in range(150):
                try:
                    async with browser.get(f"http://127.0.0.1:{port}/") as resp:
                        status = resp.status
                        break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
        assert status == 200
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0, stderr.decode()
    assert f"dashboard at http://127.0.0.1:{port}" in stderr.decode()


async def test_roots_web_with_the_dashboard_off_says_so(tmp_path: Path) -> None:
    proc = await roots_process(tmp_path, "web", ROOTS_WEB="off")
    _, stderr = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert "ROOTS_WEB=off" in stderr.decode()
