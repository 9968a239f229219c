"""A week of the Roots challenge in the console (issue 16): alice sets a goal, bob and
carol give time to it on the challenge's goal day, the digest counts it, and alice
closes it and thanks them with the buttons (/press)."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.builtin_prompts import builtin_by_id
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.wiring import running_core

GOAL = "finish the slides of my conference talk"

WEEK = f"""\
/as admin:root
/challenge start #general 2026-03-30
/roots-config digest #general 17:00 fri
/as alice
/challenge join
/goal set {GOAL}
/as bob
/challenge join
/as carol
/challenge join
/wait 6d
/as bob
/goal list
/goal help @alice 30 reviewed the outline with her
/done
/as carol
/goal help @alice 300
/goal help @carol
/goal help @alice
/as alice
/goal help @alice
/goal
/wait 2d
/goal done
/as bob
/press 1 thank @carol
/as alice
/press 1 thank @bob
/press 1 thank @carol
/press 1 thank @bob
/as bob
/roots
"""


async def run_week(db: Path, lines: str) -> str:
    out = io.StringIO()
    clock = ManualClock(datetime(2026, 3, 28, 12, tzinfo=UTC))  # a Saturday
    async with running_core(Settings(database_url=f"sqlite:///{db}"), clock=clock) as core:
        console = ConsoleAdapter(core, out=out, actor="admin", session="t")
        await core.scheduler.startup()
        await console.run(io.StringIO(lines), interactive=False)
    return out.getvalue()


def blocks(output: str) -> list[str]:
    """One block per printed reply, post or notice (continuation lines are indented)."""
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("  ") and found:
            found[-1] += "\n" + line
        else:
            found.append(line)
    return found


def after(out: list[str], start: str) -> list[str]:
    """The blocks from the first one starting with ``start`` on."""
    index = next(i for i, block in enumerate(out) if block.startswith(start))
    return out[index:]


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


async def test_a_week_of_the_challenge_with_a_goal_helped_and_closed_with_thanks(tmp_path):
    db = tmp_path / "roots.db"
    out = blocks(await run_week(db, WEEK))

    # alice's goal is public.
    assert f"roots: {en('goal.set_done', name='@alice', goal=GOAL)}" in "\n".join(out)
    # Day 5 of the challenge points to /goal list.
    day5 = builtin_by_id("challenge-day-5")
    assert day5 is not None and "/goal list" in day5.text_for("en")
    (posted,) = [b for b in out if en("challenge.day_title", day=5, total=7) in b]
    assert day5.text_for("en") in posted
    # bob looks at the list that day, gives 30 minutes; alice alone is told, privately.
    bobs_day = after(out, en("console.waited", time="2026-04-03 12:00 UTC"))  # a Friday
    (listing, notice, helped) = [b for b in bobs_day[:8] if b.startswith("roots (only")][:3]
    assert listing.startswith("roots (only bob sees this): ** " + en("goal.list_title"))
    assert en("goal.list_row_new", name="@alice", goal=GOAL) in listing
    assert notice == (
        f"roots (only alice sees this): ** {en('goal.notice_title')} **\n"
        f"  {en('goal.notice', name='@bob', minutes=30, goal=GOAL)}\n"
        f"  {en('goal.notice_note', note='reviewed the outline with her')}"
    )
    assert helped == (
        f"roots (only bob sees this): {en('goal.helped', name='@alice', minutes=30, goal=GOAL)}\n"
        f"  {en('goal.told', name='@alice')}"
    )
    # carol: too many minutes, then herself (she has no goal), then the default 15.
    carols = after(bobs_day, "You are now carol.")
    assert carols[1] == (
        "roots (only carol sees this) ⚠: " + en("goal.minutes_range", value=300, low=5, high=240)
    )
    assert carols[2] == "roots (only carol sees this) ⚠: " + en("goal.own", minutes=15)
    assert any(en("goal.notice", name="@carol", minutes=15, goal=GOAL) in b for b in carols[3:6])
    # alice cannot give time to her own goal; her list shows the 45 minutes.
    alices = after(carols, "You are now alice.")
    assert alices[1] == "roots (only alice sees this) ⚠: " + en("goal.own", minutes=15)
    assert en("goal.list_row", name="@alice", goal=GOAL, recent=45, total=45) in alices[2]
    # Friday's digest counts the minutes the community gave.
    (digest,) = [b for b in out if en("digest.title") in b]
    assert en("digest.goal_minutes", minutes=45, helpers=2) in digest
    # Sunday, day 7: alice closes her goal; both helpers listed, each with a button.
    done = after(out, "roots: ** " + en("goal.done_title", name="@alice"))
    assert done[0].splitlines()[1:] == [
        f"  {en('goal.done_body', goal=GOAL)}",
        f"  {en('goal.done_helped', minutes=45)}",
        f"  {en('goal.done_helper', name='@bob', minutes=30)}",
        f"  {en('goal.done_helper', name='@carol', minutes=15)}",
        f"  {en('goal.done_thank_hint', name='@alice')}",
        f"  [{en('goal.thanks_button', name='@bob')}]",
        f"  [{en('goal.thanks_button', name='@carol')}]",
    ]
    # bob can't press alice's thank-yous; alice's presses give one kudos each, once.
    assert done[2] == "roots (only bob sees this) ⚠: " + en("goal.thanks_not_yours", name="@alice")
    reason = en("goal.thanks_reason", goal=GOAL)
    assert done[4].startswith(f"roots: {en('kudos.given', giver='@alice', receivers='@bob')}")
    assert f"“{reason}”" in done[4]
    assert done[5].startswith(f"roots: {en('kudos.given', giver='@alice', receivers='@carol')}")
    assert done[6] == "roots (only alice sees this): " + en("goal.thanks_already", name="@bob")
    # bob's roots show the time he gave.
    roots_of_bob = done[-1]
    assert f"{en('roots.goal_time')}:\n    {en('roots.goal_minutes', week=30, total=30)}" in (
        roots_of_bob
    )
    with closing(sqlite3.connect(db)) as conn:
        kudos = conn.execute(
            "SELECT giver_id, receiver_id, source FROM kudos ORDER BY kudos_id"
        ).fetchall()
        helps = conn.execute("SELECT helper_id, minutes FROM goal_help ORDER BY help_id").fetchall()
    assert kudos == [("alice", "bob", "goal"), ("alice", "carol", "goal")]
    assert helps == [("bob", 30), ("carol", 15)]
