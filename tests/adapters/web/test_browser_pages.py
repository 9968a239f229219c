"""The Prompts page and the wallboard in a real browser (Debian's headless Chromium,
driven by Playwright), on the demo community in the console: a member suggests a prompt
from the page and the console's admin sees it in /prompt queue; an admin turns the
wallboard on in the console and the browser opens its URL without signing in. Saves
screenshots (ROOTS_SCREENSHOT_DIR=docs keeps them for the README)."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

from adapters.console import ConsoleAdapter
from adapters.web import create_app, serve
from adapters.web.actions import CoreActions
from adapters.web.data import StoreData
from adapters.web.prompts_data import CorePrompts
from bot import demo
from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import running_core
from tests.adapters.web.conftest import CHROMIUM_FLAGS, console_link, signed_in

IDEA = "Tell a newcomer which channel helped you most"


async def test_in_a_browser_a_member_suggests_a_prompt_and_a_screen_shows_the_week(
    chromium: str, tmp_path: Path
) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots-demo.db")
    async with running_core(settings, clock=ManualClock(demo.start_time())) as core:
        console = ConsoleAdapter(core, out=out, actor=demo.VIEWER)
        await console.seed_demo()
        assert core.web is not None and core.wallboards is not None
        app = create_app(
            login=core.web,
            data=StoreData(core.store),
            clock=core.clock,
            actions=CoreActions(core),
            prompts=CorePrompts(core),
            wallboards=core.wallboards,
        )
        runner, port = await serve(app, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{port}"
        core.web.base_url = base
        core.wallboards.base_url = base
        await console.handle_line("/roots web")
        link = console_link(out.getvalue())
        shots = tmp_path / "shots"
        shots.mkdir()
        problems: list[str] = []
        try:
            async with signed_in(chromium, tmp_path / "profile", link, problems) as (
                pw,
                page,
            ):
                await page.get_by_role("link", name="Prompts").click()
                await page.get_by_role("heading", name="Next posts").wait_for()
                await page.get_by_label("Your idea for a daily prompt").fill(IDEA)
                await page.get_by_role("button", name="Suggest").click()
                await page.get_by_role("status").filter(has_text="is waiting").wait_for()
                await page.screenshot(path=str(shots / "dashboard-prompts.png"), full_page=True)

                await console.handle_line("/as admin:host")
                start = len(out.getvalue())
                await console.handle_line("/prompt queue")
                assert IDEA in out.getvalue()[start:]
                await console.handle_line("/roots-config wallboard on")
                wall = re.search(r"http://127\.0\.0\.1:\d+/wall/\S+", out.getvalue()[start:])
                assert wall is not None, out.getvalue()[start:]

                screen = await pw.chromium.launch(
                    executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
                )
                tv = await screen.new_page(viewport={"width": 1600, "height": 900})
                tv.on("console", lambda m: problems.append(f"{m.type}: {m.text}"))
                await tv.goto(wall.group(0))  # no session in this browser
                chart = tv.get_by_role("img", name="Kudos per week", exact=True)
                await chart.wait_for(state="visible")
                await tv.get_by_role("heading", name="Givers · This week").wait_for()
                assert demo.OPTED_OUT not in await tv.content()
                await tv.screenshot(path=str(shots / "dashboard-wallboard.png"), full_page=True)
                await screen.close()
        finally:
            await runner.cleanup()
    assert [line for line in problems if "Content Security Policy" in line] == []
    for name in ("dashboard-prompts.png", "dashboard-wallboard.png"):
        assert (shots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if keep := os.environ.get("ROOTS_SCREENSHOT_DIR"):
            shutil.copy(shots / name, Path(keep) / name)
