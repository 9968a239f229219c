"""/goal on Slack (issue 16): the slash command, the owner's app DM (chat.postMessage to
the user id), a DM Slack refuses, and a closed goal's thank-you buttons."""

from __future__ import annotations

from typing import Any

from bot.messages import text
from tests.adapters.slack.conftest import ALICE, BOB, CAROL, Roots
from tests.fakes import db_rows

GOAL = "write the onboarding guide"


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def lines(payload: dict[str, Any]) -> list[str]:
    """The texts of a message's sections, as Slack shows them."""
    return [b["text"]["text"] for b in payload.get("blocks", []) if b["type"] == "section"]


async def test_a_goal_helped_told_by_app_dm_and_thanked_with_a_button(roots: Roots) -> None:
    status, body = await roots.slack.command("/goal", f"set {GOAL}", user=ALICE)
    assert status == 200 and body["response_type"] == "in_channel", body
    assert roots.fake.count("chat.postMessage") == 0

    status, body = await roots.slack.command("/goal", f"help <@{ALICE}> 30 proofread", user=BOB)
    assert status == 200 and body["response_type"] == "ephemeral", body
    assert lines(body)[1] == en("goal.told", name="@Alice")
    (dm,) = await roots.fake.wait_calls("chat.postMessage")
    assert dm["channel"] == ALICE  # the user id: Slack opens the app DM
    assert lines(dm) == [
        f"*{en('goal.notice_title')}*",
        en("goal.notice", name="@Bob", minutes=30, goal=GOAL),
        en("goal.notice_note", note="proofread"),
    ]
    assert db_rows(roots.core, "SELECT helper_id, minutes FROM goal_help") == [(BOB, 30)]

    status, body = await roots.slack.command("/goal", "done", user=ALICE)
    assert status == 200 and body["response_type"] == "in_channel", body
    (button,) = [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == "roots:goal-thanks"
    assert button["text"]["text"] == en("goal.thanks_button", name="@Bob")

    for who in (CAROL, ALICE):
        payload = roots.slack.action_payload(
            button["action_id"], button["value"], user=who, channel="C0GENERAL", message_ts="1.2"
        )
        status, _ = await roots.slack.action(payload)
        assert status == 200
    refused, thanked = await roots.fake.wait_responses(2)
    assert refused["response_type"] == "ephemeral"
    assert thanked["response_type"] == "in_channel"
    reason = en("goal.thanks_reason", goal=GOAL)
    assert db_rows(roots.core, "SELECT giver_id, receiver_id, source, reason FROM kudos") == [
        (ALICE, BOB, "goal", reason)
    ]


async def test_a_dm_slack_refuses_still_records_the_time(roots: Roots) -> None:
    await roots.slack.command("/goal", f"set {GOAL}", user=ALICE)
    roots.fake.scripted["chat.postMessage"] = [(200, {}, {"ok": False, "error": "user_disabled"})]
    status, body = await roots.slack.command("/goal", f"help <@{ALICE}>", user=BOB)
    assert status == 200 and body["response_type"] == "ephemeral", body
    assert lines(body)[1] == en("goal.not_told", name="@Alice")
    assert db_rows(roots.core, "SELECT helper_id, minutes FROM goal_help") == [(BOB, 15)]


async def test_bad_input_is_private_and_changes_nothing(roots: Roots) -> None:
    await roots.slack.command("/goal", f"set {GOAL}", user=ALICE)
    for words, who, refusal in (
        (f"help <@{ALICE}> 500", BOB, en("goal.minutes_range", value=500, low=5, high=240)),
        (f"help <@{BOB}>", CAROL, en("goal.none_other", name="@Bob")),
        (f"help <@{ALICE}> 20", ALICE, en("goal.own", minutes=15)),
        ("set " + "x" * 201, BOB, en("goal.too_long", length=201, limit=200)),
        ("set again", ALICE, en("goal.already_open", goal=GOAL)),
    ):
        status, body = await roots.slack.command("/goal", words, user=who)
        assert status == 200 and body["response_type"] == "ephemeral", (words, body)
        assert refusal in body["text"], (words, body)
    assert db_rows(roots.core, "SELECT count(*) FROM goal_help") == [(0,)]
    assert roots.fake.count("chat.postMessage") == 0
