"""/goal on Discord (issue 16): typed options, the owner's DM, and the thank-you buttons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ALICE, BOB
from tests.adapters.discord.fake_discord import CHANNEL_ID, FakeDiscord
from tests.adapters.discord.helpers import description, everything, is_ephemeral, kudos_rows, rows

A, B = ALICE["id"], BOB["id"]
GOAL = "ship the release notes"


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def test_a_goal_helped_by_dm_and_thanked_with_a_button(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    set_cb = await run(fake, fake.slash(ALICE, "goal", sub="set", text=GOAL))
    assert not is_ephemeral(set_cb)
    assert set_cb["data"]["allowed_mentions"] == {"parse": []}  # nobody pinged
    assert text("en", "goal.set_done", name=f"<@{A}>", goal=GOAL) in everything(set_cb)

    out_of_range = await run(fake, fake.slash(BOB, "goal", sub="help", member=ALICE, minutes=3))
    assert is_ephemeral(out_of_range)
    assert description(out_of_range) == text("en", "goal.minutes_range", value=3, low=5, high=240)
    helped = await run(
        fake, fake.slash(BOB, "goal", sub="help", member=ALICE, minutes=30, note="proofread")
    )
    assert is_ephemeral(helped)
    assert text("en", "goal.told", name=f"<@{A}>") in everything(helped)
    assert rows(db_path, "SELECT helper_id, minutes, note FROM goal_help") == [(B, 30, "proofread")]
    # alice got a direct message: a DM channel with her, then the notice in it.
    (opened,) = fake.sent("POST", "/users/@me/channels")
    assert opened.body == {"recipient_id": int(A)}
    dm = [
        r
        for r in fake.requests
        if r.method == "POST" and r.path.endswith("/messages") and str(CHANNEL_ID) not in r.path
    ]
    (notice,) = dm
    shown = everything(notice.body)
    assert text("en", "goal.notice", name=f"<@{B}>", minutes=30, goal=GOAL) in shown
    assert text("en", "goal.notice_note", note="proofread") in shown
    assert notice.body["allowed_mentions"] == {"parse": []}

    done = await run(fake, fake.slash(ALICE, "goal", sub="done"))
    assert not is_ephemeral(done)
    (button,) = done["data"]["components"][0]["components"]
    assert button["label"] == text("en", "goal.thanks_button", name="@bob")
    assert button["custom_id"].startswith("roots:goal-thanks:")
    message = fake._message(CHANNEL_ID, fake.bot_user, done["data"])  # the reply, as posted

    others = await run(fake, fake.click(BOB, message, button["custom_id"]))
    assert is_ephemeral(others)
    assert description(others) == text("en", "goal.thanks_not_yours", name=f"<@{A}>")
    thanked = await run(fake, fake.click(ALICE, message, button["custom_id"]))
    assert not is_ephemeral(thanked)
    assert f"<@{A}> thanked <@{B}>" in description(thanked)
    again = await run(fake, fake.click(ALICE, message, button["custom_id"]))
    assert description(again) == text("en", "goal.thanks_already", name=f"<@{B}>")
    reason = text("en", "goal.thanks_reason", goal=GOAL)
    assert kudos_rows(db_path) == [(A, B, reason, "goal", False)]


async def test_goal_admin_remove_needs_an_admin(fake: FakeDiscord, bot, db_path: Path) -> None:
    await run(fake, fake.slash(ALICE, "goal", sub="set", text="something rude"))
    refused = await run(fake, fake.slash(BOB, "goal-admin", sub="remove", member=ALICE))
    assert description(refused) == text("en", "error.admin_only")
    removed = await run(fake, fake.slash(BOB, "goal-admin", sub="remove", member=ALICE, admin=True))
    assert is_ephemeral(removed)
    assert description(removed) == text("en", "goal.removed", name=f"<@{A}>")
    assert rows(db_path, "SELECT status FROM goals") == [("removed",)]
    assert rows(db_path, "SELECT actor_id, action, subject_id FROM audit_log") == [
        (B, "goal.remove", A)
    ]
