"""The dashboard in a real browser: Debian's headless Chromium, driven by Playwright.

It signs in through a link as `/roots web` mints it, sees the roots picture and the
community charts drawn, and no Content-Security-Policy violation in the console, and
saves screenshots (ROOTS_SCREENSHOT_DIR=docs also keeps them for the README). On the
demo community in the console, it thanks a member back from the web page and sees it in
the console's /roots.
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

from adapters.web import CommunityView, create_app, serve
from bot.charts import Helper, last_weeks
from bot.clock import ManualClock
from bot.weblogin import WebLogin
from tests.adapters.web.conftest import NOW, console_link, signed_in
from tests.adapters.web.memory import MemoryCommunity, MemoryDashboardData, MemorySessionStore


def garden() -> MemoryCommunity:
    """A community with half a year of history, for the pages and the README's pictures."""
    weeks = last_weeks(NOW.date())
    growth = [4, 6, 5, 9, 8, 12, 11, 10, 15, 14, 18, 16, 21, 19, 24, 22, 20, 26, 25, 29, 27, 31]
    kudos = [0] * (len(weeks) - len(growth)) + growth
    return MemoryCommunity(
        CommunityView("T1", "Open Garden", "en", "Europe/Paris"),
        names={"U1": "Maya"},
        figures={
            "kudos": list(zip(weeks, kudos, strict=True)),
            "givers": [(w, (k + 3) // 3) for w, k in zip(weeks, kudos, strict=True)],
            "connections": [(w, k // 5) for w, k in zip(weeks, kudos, strict=True)],
            "checkins": [(w, k // 2) for w, k in zip(weeks, kudos, strict=True)],
        },
        helpers={
            "U1": [
                Helper("Bob", 14, True),
                Helper("Claire", 9, False),
                Helper("Dan", 6, True),
                Helper("Émile", 4, False),
                Helper("Fatou", 3, True),
                Helper("Grace", 2, True),
                Helper("Hiro", 1, False),
            ]
        },
    )


async def test_a_member_signs_in_with_a_link_and_sees_the_charts(
    chromium: str, tmp_path: Path
) -> None:
    clock = ManualClock(NOW)
    login = WebLogin(MemorySessionStore(), clock, "http://127.0.0.1")
    app = create_app(login=login, data=MemoryDashboardData(garden()), clock=clock)
    runner, port = await serve(app, "127.0.0.1", 0)
    login.base_url = f"http://127.0.0.1:{port}"  # ROOTS_WEB_URL, once the port is known
    link = await login.mint_link("T1", "U1", is_admin=False)
    console: list[str] = []
    shots = tmp_path / "shots"
    shots.mkdir()
    try:
        async with signed_in(chromium, tmp_path / "profile", link, console) as (_pw, page):
            picture = page.get_by_role("img", name="The roots of Maya", exact=True)
            await picture.wait_for(state="visible")
            assert await picture.evaluate("e => e.tagName") == "svg"
            assert await page.locator("svg text", has_text="Claire (9)").is_visible()
            await page.screenshot(path=str(shots / "dashboard-roots.png"), full_page=True)

            response = await page.goto(f"http://127.0.0.1:{port}/c/T1/community")
            assert response is not None and response.status == 200
            assert "default-src 'none'" in (await response.all_headers())["content-security-policy"]
            chart = page.get_by_role("img", name="Kudos per week", exact=True)
            await chart.wait_for(state="visible")
            box = await chart.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            assert await page.locator("#chart-kudos rect").count() > 20  # the bars
            assert await page.locator("svg text", has_text="Kudos per week").is_visible()
            await page.screenshot(path=str(shots / "dashboard-community.png"), full_page=True)
            await page.keyboard.press("Tab")  # the skip link is the keyboard's first stop
            assert await page.evaluate("document.activeElement.textContent") == (
                "Skip to the content"
            )
            await page.get_by_text("The figures as a table").first.click()
            table = page.get_by_role("table", name="Kudos per week")
            assert await table.is_visible()
            assert await table.get_by_role("row").count() == 27  # header and 26 weeks

            clock.advance(timedelta(days=8))  # the session is over: back to the sign-in page
            await page.reload()
            assert await page.get_by_role("heading", name="Sign in to Roots").is_visible()
    finally:
        await runner.cleanup()

    violations = [line for line in console if "Content Security Policy" in line]
    assert violations == []
    assert [line for line in console if line.startswith(("error", "pageerror"))] == []
    for name in ("dashboard-roots.png", "dashboard-community.png"):
        data = (shots / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
        if keep := os.environ.get("ROOTS_SCREENSHOT_DIR"):
            shutil.copy(shots / name, Path(keep) / name)


async def test_in_a_browser_a_console_member_signs_in_and_thanks_back(
    chromium: str, tmp_path: Path
) -> None:
    """The demo community in the console: `/roots web` mints the link, the browser signs
    in, sees the roots picture and the community chart drawn from the database, thanks
    bob back through the form, and the console's /roots shows it at once."""
    import io

    from adapters.console import ConsoleAdapter
    from adapters.web.actions import CoreActions
    from adapters.web.data import StoreData
    from bot import demo
    from bot.config import Settings
    from bot.wiring import running_core

    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots-demo.db")
    async with running_core(settings, clock=ManualClock(demo.start_time())) as core:
        console = ConsoleAdapter(core, out=out, actor=demo.VIEWER)
        await console.seed_demo()
        assert core.web is not None
        app = create_app(
            login=core.web, data=StoreData(core.store), clock=core.clock, actions=CoreActions(core)
        )
        runner, port = await serve(app, "127.0.0.1", 0)
        core.web.base_url = f"http://127.0.0.1:{port}"
        before = (await core.store.tallies("console", demo.VIEWER, ["life"]))["life"]
        await console.handle_line("/roots web")
        link = console_link(out.getvalue())
        shots = tmp_path / "shots"
        shots.mkdir()
        console_lines: list[str] = []
        try:
            async with signed_in(chromium, tmp_path / "profile", link, console_lines) as (
                _pw,
                page,
            ):
                picture = page.get_by_role("img", name="The roots of maya", exact=True)
                await picture.wait_for(state="visible")
                await page.screenshot(path=str(shots / "demo-roots.png"), full_page=True)

                await page.get_by_role("link", name="Community").click()
                chart = page.get_by_role("img", name="Kudos per week", exact=True)
                await chart.wait_for(state="visible")
                # a bar for each of the demo's eight weeks (and the frame)
                assert await page.locator("#chart-kudos rect").count() > demo.WEEKS

                await page.get_by_role("link", name="My roots").click()
                await page.get_by_role("link", name=f"Thank {demo.FRIEND} back").first.click()
                await page.get_by_label("What are you thanking them for?").fill(
                    "for the warm welcome"
                )
                await page.get_by_role("button", name="Send my thanks").click()
                await page.get_by_role("heading", name="Done").wait_for()
                await page.screenshot(path=str(shots / "demo-thanked.png"), full_page=True)
        finally:
            await runner.cleanup()

        start = len(out.getvalue())
        await console.handle_line("/roots")
        shown = out.getvalue()[start:]
        assert f"given {before.given + 1}" in shown, shown
        assert [line for line in console_lines if "Content Security Policy" in line] == []
    for name in ("demo-roots.png", "demo-thanked.png"):
        assert (shots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if keep := os.environ.get("ROOTS_SCREENSHOT_DIR"):
            shutil.copy(shots / name, Path(keep) / name)


async def test_in_a_browser_an_admin_approves_a_suggestion_seen_in_prompt_list(
    chromium: str, tmp_path: Path
) -> None:
    """The demo community in the console: a member suggests a prompt, an admin signs in
    with `/roots web`, opens the Admin page, approves the suggestion with its button, sees
    the core's answer, and the console's /prompt list shows the prompt at once."""
    import io
    import re

    from adapters.console import ConsoleAdapter
    from adapters.web.actions import CoreActions
    from adapters.web.admin_actions import CoreAdmin
    from adapters.web.data import StoreData
    from bot import demo
    from bot.config import Settings
    from bot.wiring import running_core

    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots-admin.db")
    idea = "Thank someone who reviewed your code this week"
    async with running_core(settings, clock=ManualClock(demo.start_time())) as core:
        console = ConsoleAdapter(core, out=out, actor=demo.VIEWER)
        await console.seed_demo()
        assert core.web is not None
        app = create_app(
            login=core.web,
            data=StoreData(core.store),
            clock=core.clock,
            actions=CoreActions(core),
            admin=CoreAdmin(core),
        )
        runner, port = await serve(app, "127.0.0.1", 0)
        core.web.base_url = f"http://127.0.0.1:{port}"
        await console.handle_line(f"/as {demo.FRIEND}")
        await console.handle_line(f"/prompt suggest {idea}")
        await console.handle_line(f"/as admin:{demo.VIEWER}")
        start = len(out.getvalue())
        await console.handle_line("/roots web")
        link = console_link(out.getvalue()[start:])
        shots = tmp_path / "shots"
        shots.mkdir()
        console_lines: list[str] = []
        try:
            async with signed_in(chromium, tmp_path / "profile", link, console_lines) as (
                _pw,
                page,
            ):
                await page.get_by_role("link", name="Admin", exact=True).click()
                await page.wait_for_url("**/c/console/admin")
                queue = page.get_by_role("table", name="Suggestions waiting for approval")
                row = queue.get_by_role("row").filter(has_text=idea)
                await row.wait_for(state="visible")
                await page.screenshot(path=str(shots / "admin-queue.png"), full_page=True)
                await row.get_by_role("button", name=re.compile(r"^Approve suggestion")).click()
                await page.wait_for_url("**/c/console/admin#notice")
                notice = page.get_by_role("status").filter(has_text="Approved")
                await notice.wait_for(state="visible")
                assert await page.get_by_role("heading", name="Done").is_visible()
                listing = page.get_by_role("table", name="Custom prompts")
                assert await listing.get_by_role("row").filter(has_text=idea).count() == 1
                await page.screenshot(path=str(shots / "admin-approved.png"), full_page=True)
        finally:
            await runner.cleanup()

        start = len(out.getvalue())
        await console.handle_line("/prompt list")
        assert idea in out.getvalue()[start:], out.getvalue()[start:]
        assert [line for line in console_lines if "Content Security Policy" in line] == []
        assert [line for line in console_lines if line.startswith("error")] == []
    for name in ("admin-queue.png", "admin-approved.png"):
        assert (shots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if keep := os.environ.get("ROOTS_SCREENSHOT_DIR"):
            shutil.copy(shots / name, Path(keep) / name)
