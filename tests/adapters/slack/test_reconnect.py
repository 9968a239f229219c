"""Reconnect on Slack (issue 16): the weekly nudge in the app's Messages tab
(chat.postMessage to the member's user id), a direct message Slack refuses, and a
deactivated member (user_change) never suggested."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.messages import text
from bot.services.reconnect import THANK_ACTION
from bot.storage.records import NUDGE_KIND
from tests.adapters.slack.conftest import ALICE, BOB
from tests.adapters.slack.fake_slack import APP_ID, TEAM
from tests.fakes import START, db_rows, eventually


async def history(roots) -> None:
    """Alice and Bob thanked each other 70 days before START; Alice turns nudges on."""
    clock = roots.core.clock
    clock.set(START - timedelta(days=71))
    await roots.slack.command("/kudos", f"<@{BOB}> helped me ship", user=ALICE)
    clock.set(START - timedelta(days=70))
    await roots.slack.command("/kudos", f"<@{ALICE}> thanks back", user=BOB)
    clock.set(START)
    status, body = await roots.slack.command("/roots", "nudges on", user=ALICE)
    assert status == 200
    assert text("en", "nudges.status_off") not in str(body)


async def test_the_weekly_nudge_is_posted_to_the_member_privately(roots) -> None:
    await history(roots)
    status, body = await roots.slack.command("/roots", "reconnect", user=ALICE)
    assert status == 200 and body["response_type"] == "ephemeral"
    before = len(roots.fake.of("chat.postMessage"))
    await roots.core.scheduler.advance_to(START + timedelta(days=6))
    posted = roots.fake.of("chat.postMessage")[before:]
    assert [p["channel"] for p in posted] == [ALICE]  # the member's id: their app DM
    assert "thanks back" in str(posted[0]["blocks"])
    rows = db_rows(roots.core, "SELECT status FROM posts WHERE kind = ?", NUDGE_KIND)
    assert rows == [("sent",)]


async def test_a_direct_message_slack_refuses_is_skipped_and_told_once(roots) -> None:
    await history(roots)
    roots.fake.scripted["chat.postMessage"] = [
        (200, {}, {"ok": False, "error": "messages_tab_disabled"})
    ]
    await roots.core.scheduler.advance_to(START + timedelta(days=6))
    rows = db_rows(roots.core, "SELECT status FROM posts WHERE kind = ?", NUDGE_KIND)
    assert rows == [("skipped",)]
    told = text("en", "nudges.dm_refused")
    await roots.slack.command("/leaderboard", "", user=ALICE)
    (notice,) = await roots.fake.wait_responses(1)
    assert notice["response_type"] == "ephemeral" and told[:40] in str(notice)
    for _ in range(2):
        await roots.slack.command("/leaderboard", "", user=ALICE)
    bodies = [body for _, body in roots.fake.responses]
    assert sum(told[:40] in str(b) for b in bodies) == 1  # once only


async def test_a_deactivated_member_is_never_suggested(roots) -> None:
    await history(roots)
    roots.core.clock.set(START)
    status, _ = await roots.slack.event(
        {"type": "user_change", "user": {"id": BOB, "name": "bob", "deleted": True}}
    )
    assert status == 200

    async def left() -> bool:
        return db_rows(roots.core, "SELECT member_id FROM member_departures") == [(BOB,)]

    await eventually(left)
    _, body = await roots.slack.command("/roots", "reconnect", user=ALICE)
    assert text("en", "reconnect.none", days=60) in str(body)


async def test_say_thanks_again_opens_the_kudos_form_and_its_submission_thanks(roots) -> None:
    await history(roots)
    action = roots.slack.action_payload(
        THANK_ACTION, BOB, user=ALICE, channel="C0GENERAL", message_ts="1.1"
    )
    status, _ = await roots.slack.action(action)
    assert status == 200
    (opened,) = await eventually(lambda: roots.fake.of("views.open"))
    view = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
    assert opened["trigger_id"] == action["trigger_id"]
    assert view["type"] == "modal" and view["title"]["text"] == text("en", "kudos.modal_title")

    submission = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "roots"},
        "user": {"id": ALICE, "username": "alice", "name": "alice", "team_id": TEAM},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": "9.9.view",
        "view": {
            **view,
            "id": "V0FORM",
            "team_id": TEAM,
            "app_id": APP_ID,
            "state": {
                "values": {
                    "reason": {"reason": {"type": "plain_text_input", "value": "still grateful"}}
                }
            },
        },
    }
    status, _ = await roots.slack.action(submission)
    assert status == 200

    async def given() -> list[tuple[Any, ...]]:
        return db_rows(
            roots.core,
            "SELECT giver_id, receiver_id, reason FROM kudos WHERE reason = ?",
            "still grateful",
        )

    assert await eventually(given) == [(ALICE, BOB, "still grateful")]
    posted = await eventually(
        lambda: [p for p in roots.fake.of("chat.postMessage") if "still grateful" in str(p)]
    )
    assert posted[0]["channel"] == "C0GENERAL"
