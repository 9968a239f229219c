"""Two Roots processes on one SQLite file, writing at the same time.

A `roots slack` (HTTP mode) process and a `roots console` process take kudos at the
same time: the
console from piped stdin, Slack from signed slash commands sent eight at a time. Every
kudos is answered and recorded exactly once, the counters behind leaderboards are
exact, and no member ever reads "database is locked" or the "couldn't reach my
database" apology.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import sys
from pathlib import Path

from bot.messages import text
from tests.adapters.slack.fake_slack import (
    BOT_TOKEN,
    SECRET,
    TEAM,
    FakeSlack,
    SlackDriver,
    user,
)
from tests.adapters.test_runner import environment, free_port, roots, wait_healthy

CONSOLE_KUDOS = 200
MIN_SLACK_KUDOS = 40
MAX_SLACK_KUDOS = 800
RECEIVERS = 7
APOLOGY = text("en", "error.storage")


def console_stream() -> str:
    lines = [f"/as r{j}" for j in range(RECEIVERS)]
    for i in range(CONSOLE_KUDOS):
        lines += [f"/as g{i}", f"/kudos @r{i % RECEIVERS} thanks from g{i}"]
    return "\n".join(lines) + "\n"


async def console(tmp_path: Path) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "--env-file",
        str(tmp_path / "none.env"),
        "console",
        env=environment(tmp_path, ROOTS_LOG_LEVEL="WARNING"),
        cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(console_stream().encode()), 120)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def slack_traffic(driver: SlackDriver, console_done: asyncio.Event) -> list[str]:
    """Signed /kudos, eight at a time, from a new member each, until the console is done;
    what each member was shown."""
    shown: list[str] = []

    async def one(i: int) -> None:
        status, body = await driver.command(
            "/kudos", f"<@U0R{i % RECEIVERS}|r> thanks {i}", user=f"U0G{i:03d}"
        )
        assert status == 200
        shown.append(json.dumps(body, ensure_ascii=False))

    i = 0
    while i < MAX_SLACK_KUDOS and not (console_done.is_set() and i >= MIN_SLACK_KUDOS):
        await asyncio.gather(*(one(i + k) for k in range(8)))
        i += 8
    return shown


async def test_console_and_slack_processes_share_one_file_exactly(tmp_path: Path) -> None:
    fake = FakeSlack()
    fake.users.update({f"U0R{j}": user(f"U0R{j}", f"R{j}") for j in range(RECEIVERS)})
    fake.users.update({f"U0G{i:03d}": user(f"U0G{i:03d}", f"G{i}") for i in range(MAX_SLACK_KUDOS)})
    await fake.start()
    port = free_port()
    slack = await roots(
        tmp_path,
        "slack",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        ROOTS_HTTP_PORT=str(port),
        ROOTS_LOG_LEVEL="WARNING",
    )
    driver = SlackDriver(f"http://127.0.0.1:{port}", fake)
    try:
        await wait_healthy(f"http://127.0.0.1:{port}/", slack)
        console_done = asyncio.Event()

        async def console_then_flag() -> tuple[int, str, str]:
            try:
                return await console(tmp_path)
            finally:
                console_done.set()

        (code, out, err), shown = await asyncio.gather(
            console_then_flag(), slack_traffic(driver, console_done)
        )
        slack.send_signal(signal.SIGTERM)
        _, slack_err = await asyncio.wait_for(slack.communicate(), 30)
    finally:
        await driver.close()
        await fake.stop()
        if slack.returncode is None:
            slack.kill()
    assert code == 0, err
    assert slack.returncode == 0, slack_err.decode()
    seen_by_members = out + "".join(shown) + json.dumps([c.args for c in fake.calls])
    seen_by_members += json.dumps(fake.responses, ensure_ascii=False)
    assert "locked" not in seen_by_members.lower() and APOLOGY not in seen_by_members
    assert "locked" not in (err + slack_err.decode()).lower()
    assert len([line for line in out.splitlines() if " thanked @r" in line]) == CONSOLE_KUDOS
    slack_kudos = len(shown)
    assert sum("thanked" in s for s in shown) + len(fake.responses) >= slack_kudos

    with sqlite3.connect(tmp_path / "roots.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        per_community = dict(
            conn.execute("SELECT community_id, count(*) FROM kudos GROUP BY community_id")
        )
        periods = conn.execute(
            "SELECT community_id, period, sum(given), sum(received) FROM kudos_totals"
            " GROUP BY community_id, period"
        ).fetchall()
        spans = dict(
            (c, (first, last))
            for c, first, last in conn.execute(
                "SELECT community_id, min(created_at), max(created_at) FROM kudos"
                " GROUP BY community_id"
            )
        )
        pairs = conn.execute(
            "SELECT count(*), count(DISTINCT community_id || giver_id || receiver_id) FROM kudos"
        ).fetchone()
    # the two processes really wrote at the same time
    assert spans["console"][0] < spans[TEAM][1] and spans[TEAM][0] < spans["console"][1]
    assert per_community == {"console": CONSOLE_KUDOS, TEAM: slack_kudos}
    assert pairs == (CONSOLE_KUDOS + slack_kudos,) * 2
    expected = {"console": CONSOLE_KUDOS, TEAM: slack_kudos}
    assert periods and all(g == r == expected[c] for c, _, g, r in periods), periods


async def test_processes_starting_together_on_a_fresh_file_all_start(tmp_path: Path) -> None:
    """Each one finds no schema and creates it; only one may, the others must see it."""
    for attempt in range(3):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "--env-file",
                str(folder / "none.env"),
                "console",
                env=environment(folder),
                cwd=folder,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for _ in range(4)
        ]
        results = await asyncio.gather(
            *(asyncio.wait_for(p.communicate(b"/roots\n"), 60) for p in procs)
        )
        for proc, (out, err) in zip(procs, results, strict=True):
            assert proc.returncode == 0, err.decode()
            assert "database problem" not in err.decode()
            assert "received 0" in out.decode()
        with sqlite3.connect(folder / "roots.db") as conn:
            versions = [v for (v,) in conn.execute("SELECT version FROM schema_version")]
        assert versions == sorted(set(versions))
