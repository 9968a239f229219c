"""Quiet announcements on Slack (issue 15): /roots-config announce thread answers a ++ in
its message's thread (thread_ts); #channel posts the confirmation in a log channel."""

from __future__ import annotations

from typing import Any

from bot.messages import text
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, Roots
from tests.fakes import db_rows


def message(user: str, body: str, ts: str) -> dict[str, Any]:
    return {
        "type": "message",
        "user": user,
        "text": body,
        "channel": "C0GENERAL",
        "channel_type": "channel",
        "ts": ts,
        "event_ts": ts,
    }


async def test_thread_mode_answers_a_plusplus_in_its_thread(roots: Roots) -> None:
    _, done = await roots.slack.command("/roots-config", "announce thread", user=ADMIN)
    assert text("en", "announce.set_thread") in done["text"]

    await roots.slack.event(message(ALICE, f"<@{BOB}>++ for the demo", "1774432800.000700"))

    (posted,) = await roots.fake.wait_calls("chat.postMessage")
    assert posted["channel"] == "C0GENERAL"
    assert posted["thread_ts"] == "1774432800.000700"
    assert f"<@{BOB}>" in posted["text"]


async def test_here_mode_answers_a_plusplus_in_the_channel(roots: Roots) -> None:
    await roots.slack.event(message(ALICE, f"<@{BOB}>++ for the demo", "1774432800.000800"))

    (posted,) = await roots.fake.wait_calls("chat.postMessage")
    assert "thread_ts" not in posted


async def test_a_log_channel_gets_the_kudos_and_the_giver_is_told_privately(
    roots: Roots,
) -> None:
    _, done = await roots.slack.command("/roots-config", "announce <#C0LOG|kudos-log>", user=ADMIN)
    assert done["response_type"] == "ephemeral", done

    _, body = await roots.slack.command("/kudos", f"<@{BOB}> for the review", user=ALICE)

    assert body["response_type"] == "ephemeral"
    assert text("en", "announce.posted", channel="#C0LOG") in body["text"]
    (posted,) = roots.fake.of("chat.postMessage")
    assert posted["channel"] == "C0LOG"
    assert f"<@{BOB}>" in posted["text"]
    assert db_rows(roots.core, "SELECT receiver_id FROM kudos") == [(BOB,)]
