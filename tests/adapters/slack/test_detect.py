"""Thank-you detection on Slack (issue 15): what Slack receives.

A plain "thanks @bob" is asked about with chat.postEphemeral, to the thanker only,
with the Keep / No / Don't ask me again buttons; a click answers in place of the
question (response_url, replace_original), privately; nothing is posted publicly.
"""

from __future__ import annotations

import json
from typing import Any

from bot.services.detect import KEEP, NO
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, BOTU, Roots
from tests.adapters.slack.test_http_mode import en, kudos_rows, message, settle

NOW = 1774432800  # tests.fakes.START, the core's clock


def ts(seconds_ago: int = 0, n: int = 1) -> str:
    return f"{NOW - seconds_ago}.{n:06d}"


def blocks(call: dict[str, Any]) -> list[dict[str, Any]]:
    found = call.get("blocks") or []
    return json.loads(found) if isinstance(found, str) else found


def buttons(call: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The question's buttons by action id."""
    return {
        e["action_id"]: e for b in blocks(call) if b["type"] == "actions" for e in b["elements"]
    }


async def asked(roots: Roots, n: int = 1) -> dict[str, Any]:
    calls = await roots.fake.wait_calls("chat.postEphemeral", n)
    return calls[n - 1]


async def press(
    roots: Roots, question: dict[str, Any], action: str, user: str = ALICE
) -> dict[str, Any]:
    button = buttons(question)[action]
    before = len(roots.fake.responses)
    payload = roots.slack.action_payload(
        action, button["value"], user=user, channel="C0GENERAL", message_ts=ts()
    )
    payload["container"]["type"] = "ephemeral"
    status, _ = await roots.slack.action(payload)
    assert status == 200
    responses = await roots.fake.wait_responses(before + 1)
    return responses[before]


async def test_a_thank_you_is_asked_about_privately_and_keep_records_kudos(roots: Roots) -> None:
    await roots.slack.event(message(ALICE, f"thanks <@{BOB}>, that fixed it!", ts=ts()))
    question = await asked(roots)
    assert question["user"] == ALICE and question["channel"] == "C0GENERAL"
    assert question["text"] == en("detect.ask", receivers="@Bob")  # a name: no ping
    assert "<@" not in json.dumps(blocks(question))
    labels = [b["text"]["text"] for b in buttons(question).values()]
    assert labels == [en("detect.keep"), en("detect.no"), en("detect.never")]
    kept = await press(roots, question, KEEP)
    assert kept["replace_original"] is True and kept["response_type"] == "ephemeral"
    again = await press(roots, question, KEEP)  # a second click
    assert again["text"] == en("detect.already_kept")
    assert kudos_rows(roots) == [(ALICE, BOB, "thanks @Bob, that fixed it!")]
    assert roots.fake.count("chat.postMessage") == 0  # nothing public


async def test_a_retried_message_is_asked_about_once(roots: Roots) -> None:
    event = message(ALICE, f"thank you <@{BOB}>", ts=ts())
    await roots.slack.event(event, event_id="Ev0THANKS")
    await asked(roots)
    await roots.slack.event(event, event_id="Ev0THANKS", retry=1)
    await roots.slack.event(event, event_id="Ev0THANKS2")  # the same message, a new event id
    await settle()
    assert roots.fake.count("chat.postEphemeral") == 1


async def test_a_deleted_messages_question_has_nothing_left_to_keep(roots: Roots) -> None:
    await roots.slack.event(message(ALICE, f"merci <@{BOB}> !", ts=ts()))
    question = await asked(roots)
    deleted = {
        "type": "message",
        "subtype": "message_deleted",
        "hidden": True,
        "channel": "C0GENERAL",
        "deleted_ts": ts(),
        "ts": ts(n=9),
        "event_ts": ts(n=9),
    }
    await roots.slack.event(deleted)
    await settle()
    gone = await press(roots, question, KEEP)
    assert gone["text"] == ":warning: " + en("detect.gone")  # an error, privately
    assert kudos_rows(roots) == []


async def test_hostile_text_in_the_excerpt_pings_nobody(roots: Roots) -> None:
    hostile = f"=cmd|' /C calc'!A0 thanks <@{BOB}> <!everyone> <https://evil.example|docs>"
    await roots.slack.event(message(ALICE, hostile, ts=ts()))
    question = await asked(roots)
    shown = json.dumps(blocks(question))
    assert "<!everyone>" not in shown and "<https://" not in shown and "<@" not in shown
    await press(roots, question, KEEP)
    assert kudos_rows(roots) == [(ALICE, BOB, "=cmd|' /C calc'!A0 thanks @Bob @everyone docs")]


async def test_no_old_messages_bots_or_switched_off_communities(roots: Roots) -> None:
    await roots.slack.event(message(ALICE, f"thanks <@{BOB}>!", ts=ts(11 * 60)))
    await roots.slack.event(message(ALICE, f"thanks <@{BOTU}>!", ts=ts(n=2)))
    await roots.slack.event(message(ALICE, f"<@{BOB}> can you look?", ts=ts(n=3)))
    await roots.slack.event(message(ALICE, f"thanks <@{BOB}>!", ts=ts(9 * 60, n=4)))
    question = await asked(roots)
    answer = await press(roots, question, NO)
    assert answer["text"] == en("detect.not_kept")
    status, _ = await roots.slack.command("/roots-config", "detect off", user=ADMIN)
    assert status == 200
    await roots.slack.event(message(ALICE, f"thanks <@{BOB}>!", ts=ts(n=5)))
    await settle()
    assert roots.fake.count("chat.postEphemeral") == 1
    assert kudos_rows(roots) == []
