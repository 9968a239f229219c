"""Reconnect on Discord (issue 16): /roots-reconnect, /roots-nudges, the nudge by DM, and
a member who blocks DMs (403, code 50007 from the fake Discord)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ALICE, BOB
from tests.adapters.discord.fake_discord import CHANNEL_ID, FakeDiscord
from tests.adapters.discord.helpers import description, is_ephemeral, rows
from tests.fakes import START

A, B = ALICE["id"], BOB["id"]


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def history(fake: FakeDiscord, core) -> None:
    """alice and bob thanked each other 70 days before START; alice turns nudges on."""
    core.clock.set(START - timedelta(days=71))
    await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="helped me ship"))
    core.clock.set(START - timedelta(days=70))
    await run(fake, fake.slash(BOB, "kudos", member=ALICE, reason="thanks back"))
    core.clock.set(START)
    cb = await run(fake, fake.slash(ALICE, "roots-nudges", state="on", day="mon", time="09:30"))
    assert is_ephemeral(cb)
    assert text("en", "nudges.on", day="Monday", time="09:30", zone="UTC") == description(cb)


def dm_messages(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [
        r.body
        for r in fake.requests
        if r.method == "POST"
        and r.path.startswith("/channels/")
        and r.path.endswith("/messages")
        and int(r.path.split("/")[2]) in fake.dm_channels
    ]


async def test_reconnect_suggests_privately_with_two_buttons_per_person(
    fake: FakeDiscord, bot, core
) -> None:
    await history(fake, core)
    cb = await run(fake, fake.slash(ALICE, "roots-reconnect"))
    assert is_ephemeral(cb)
    assert cb["data"]["allowed_mentions"] == {"parse": []}
    buttons = [c for row in cb["data"]["components"] for c in row["components"]]
    assert [b["custom_id"] for b in buttons] == [
        f"roots:reconnect-thank:{B}",
        f"roots:reconnect-snooze:{B}",
    ]


async def test_the_weekly_nudge_is_a_direct_message(
    fake: FakeDiscord, bot, core, db_path: Path
) -> None:
    await history(fake, core)
    await core.scheduler.advance_to(START + timedelta(days=6))
    opened = fake.sent("POST", "/users/@me/channels")
    assert [str(o.body["recipient_id"]) for o in opened] == [A]
    (message,) = dm_messages(fake)
    assert text("en", "nudge.title") in json.dumps(message, ensure_ascii=False)
    assert message["allowed_mentions"] == {"parse": []}
    assert rows(db_path, "SELECT status FROM posts WHERE kind = 'nudge'") == [("sent",)]


async def test_a_member_who_blocks_dms_is_skipped_and_told_once(
    fake: FakeDiscord, bot, core, db_path: Path
) -> None:
    await history(fake, core)
    fake.dm_refusers.add(int(A))
    await core.scheduler.advance_to(START + timedelta(days=6))
    assert fake.sent("POST", "/users/@me/channels")  # Roots tried...
    dms = {str(c) for c in fake.dm_channels}
    assert [m for m in fake.messages.values() if m["channel_id"] in dms] == []
    assert rows(db_path, "SELECT status FROM posts WHERE kind = 'nudge'") == [("skipped",)]
    told = text("en", "nudges.dm_refused.discord")

    await run(fake, fake.slash(ALICE, "leaderboard"))
    notices = await fake.wait_for(lambda: fake.sent("POST", "/webhooks/"))
    assert told.split(":")[0] in json.dumps([n.body for n in notices], ensure_ascii=False)
    assert all(n.body["flags"] & 64 for n in notices)  # privately
    before = len(fake.sent("POST", "/webhooks/"))
    await run(fake, fake.slash(ALICE, "leaderboard"))
    await run(fake, fake.slash(ALICE, "roots"))
    assert len(fake.sent("POST", "/webhooks/")) == before  # once only


async def test_say_thanks_again_opens_the_kudos_form_and_not_now_hides(
    fake: FakeDiscord, bot, core, db_path: Path
) -> None:
    await history(fake, core)
    shown = await run(fake, fake.slash(ALICE, "roots-reconnect"))
    message = fake._message(CHANNEL_ID, fake.bot_user, shown["data"])  # the ephemeral reply
    opened = await run(fake, fake.click(ALICE, message, f"roots:reconnect-thank:{B}"))
    assert opened["type"] == 9  # a modal: the kudos form
    assert opened["data"]["title"] == text("en", "kudos.modal_title")
    label = text("en", "kudos.modal_reason")
    sent = await run(fake, fake.modal_submit(ALICE, opened["data"], {label: "still grateful"}))
    assert not is_ephemeral(sent)
    assert rows(db_path, "SELECT giver_id, receiver_id, reason FROM kudos ORDER BY kudos_id")[
        -1
    ] == (A, B, "still grateful")

    core.clock.set(START)  # bob is quiet again only in 60 days; hide him now anyway
    hidden = await run(fake, fake.click(ALICE, message, f"roots:reconnect-snooze:{B}"))
    assert is_ephemeral(hidden)
    assert rows(db_path, "SELECT member_id, other_id FROM reconnect_snoozes") == [(A, B)]
