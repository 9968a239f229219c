"""HTTP mode end to end: signed requests in; ack bodies, response_url posts, Web API
calls and the SQLite file out. Slack is played by a local server (tests/…/fake_slack.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
import pytest

from bot.messages import text
from bot.storage.records import StorageError
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, BOTU, CAROL, HELPER, OWNER, Roots
from tests.adapters.slack.fake_slack import BOT_TOKEN, BOT_USER, SECRET, user
from tests.fakes import db_rows, eventually

PINGS = ("<!channel>", "<!here>", "<!everyone>", "<!subteam^")


def kudos_rows(roots: Roots) -> list[tuple[str, str, str]]:
    return db_rows(roots.core, "SELECT giver_id, receiver_id, reason FROM kudos ORDER BY kudos_id")


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def message(user: str, body: str, ts: str = "1774432800.000100", **extra: object) -> dict[str, Any]:
    return {
        "type": "message",
        "user": user,
        "text": body,
        "channel": "C0GENERAL",
        "channel_type": "channel",
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def reaction(user: str, author: str, ts: str, name: str = "seedling") -> dict[str, Any]:
    return {
        "type": "reaction_added",
        "user": user,
        "reaction": name,
        "item_user": author,
        "item": {"type": "message", "channel": "C0GENERAL", "ts": ts},
        "event_ts": f"{time.time():.6f}",
    }


async def settle() -> None:
    """Let listeners that run after the ack finish."""
    await asyncio.sleep(0.2)


# ---------------------------------------------------------------- basics


async def test_health_check_answers_200(roots: Roots) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(roots.slack.base_url + "/") as resp:
            assert resp.status == 200


async def test_kudos_command_is_public_and_pings_only_the_receiver(roots: Roots) -> None:
    status, body = await roots.slack.command(
        "/kudos", f"<@{BOB}|bob> thanks for the review", user=ALICE
    )
    assert status == 200, body
    assert body["response_type"] == "in_channel"
    assert f"<@{BOB}>" in body["text"]
    assert f"<@{ALICE}>" not in body["text"] and "@Alice" in body["text"]
    assert any("thanks for the review" in str(b) for b in body["blocks"])
    assert kudos_rows(roots) == [(ALICE, BOB, "thanks for the review")]


async def test_mentions_without_a_name_work_too(roots: Roots) -> None:
    status, body = await roots.slack.command(
        "/kudos", f"<@{BOB}> <@{CAROL}|carol> for the docs", user=ALICE
    )
    assert status == 200 and body["response_type"] == "in_channel"
    assert {r[1] for r in kudos_rows(roots)} == {BOB, CAROL}


async def test_kudos_between_members_cost_no_web_api_call_once_the_directory_is_filled(
    roots: Roots,
) -> None:
    directory = roots.runtime.adapter.directory
    await eventually(lambda: len(directory) == len(roots.fake.users), what="the directory fill")
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> first", user=ALICE)
    assert status == 200 and body["response_type"] == "in_channel"
    await roots.slack.command("/kudos", f"<@{ALICE}> and you", user=CAROL)
    assert roots.fake.count("users.info") == 0
    # Someone Roots never heard of (their team_join was missed) is looked up once.
    roots.fake.users["U0DAVE"] = user("U0DAVE", "Dave")
    await roots.slack.command("/kudos", "<@U0DAVE> welcome", user=ALICE)
    await roots.slack.command("/kudos", "<@U0DAVE> again", user=CAROL)
    assert [c["user"] for c in roots.fake.of("users.info")] == ["U0DAVE"]


async def test_a_kudos_whose_reason_says_payload_is_given(roots: Roots) -> None:
    # Bolt's form parser takes any body containing the word "payload" for a button's
    # payload and found no command in it (404): slash commands are read by the server.
    status, body = await roots.slack.command(
        "/kudos", f"<@{BOB}> thanks for fixing the payload parser", user=ALICE
    )
    assert status == 200, body
    assert body["response_type"] == "in_channel"
    assert kudos_rows(roots) == [(ALICE, BOB, "thanks for fixing the payload parser")]


async def test_refusals_are_ephemeral(roots: Roots) -> None:
    status, body = await roots.slack.command("/kudos", f"<@{ALICE}> me", user=ALICE)
    assert status == 200
    assert body["response_type"] == "ephemeral"
    assert en("kudos.self") in body["text"]
    status, body = await roots.slack.command("/kudos", f"<@{BOTU}> thanks", user=ALICE)
    assert body["response_type"] == "ephemeral"
    assert "Deploybot" in body["text"]
    assert kudos_rows(roots) == []


async def test_undo(roots: Roots) -> None:
    await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    status, body = await roots.slack.command("/kudos", "undo", user=ALICE)
    assert status == 200 and body["response_type"] == "ephemeral"
    assert "Undone" in body["text"]
    assert db_rows(roots.core, "SELECT COUNT(*) FROM kudos WHERE revoked_at IS NULL") == [(0,)]


async def test_leaderboard_and_roots(roots: Roots) -> None:
    await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    status, board = await roots.slack.command("/leaderboard", "receivers all", user=CAROL)
    assert status == 200 and board["response_type"] == "in_channel"
    assert "Bob" in str(board["blocks"])
    status, mine = await roots.slack.command("/roots", "", user=BOB)
    assert status == 200 and mine["response_type"] == "ephemeral"
    assert "Alice" in str(mine["blocks"])
    status, theirs = await roots.slack.command("/roots", f"<@{ALICE}|alice>", user=BOB)
    assert "Alice" in theirs["text"]
    status, bad = await roots.slack.command("/leaderboard", "yesterday", user=BOB)
    assert bad["response_type"] == "ephemeral" and "yesterday" in bad["text"]


async def test_optout_and_help(roots: Roots) -> None:
    status, body = await roots.slack.command("/roots", "optout", user=BOB)
    assert body["response_type"] == "ephemeral"
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    assert body["response_type"] == "ephemeral" and "Bob" in body["text"]
    status, body = await roots.slack.command("/roots", "help", user=ALICE)
    assert status == 200 and en("help.title") in str(body["blocks"])


# ---------------------------------------------------------------- admin commands


async def test_non_admin_is_refused_admin_commands(roots: Roots) -> None:
    for command, words in (
        ("/roots-config", "budget 9"),
        ("/roots-config", "show"),
        ("/prompt", "now"),
        ("/prompt", "add Who made you smile today?"),
        ("/kudos", "revoke 1"),
    ):
        status, body = await roots.slack.command(command, words, user=ALICE)
        assert status == 200
        assert body["response_type"] == "ephemeral", (command, body)
        assert en("error.admin_only") in body["text"], (command, body["text"])
    assert roots.fake.count("chat.postMessage") == 0


@pytest.mark.parametrize("who", [ADMIN, OWNER, HELPER])
async def test_workspace_admins_owners_and_listed_members_may_configure(
    roots: Roots, who: str
) -> None:
    status, body = await roots.slack.command("/roots-config", "budget 9", user=who)
    assert status == 200, body
    assert body["text"] == en("config.updated", setting="budget", value="9")
    assert db_rows(roots.core, "SELECT daily_budget FROM communities") == [(9,)]


async def test_admin_revokes(roots: Roots) -> None:
    await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    (kudos_id,) = db_rows(roots.core, "SELECT kudos_id FROM kudos")[0]
    status, body = await roots.slack.command("/kudos", f"revoke {kudos_id}", user=ADMIN)
    assert status == 200 and "revoked" in body["text"]


# ---------------------------------------------------------------- prompts, check-ins, challenges


async def post_prompt(roots: Roots) -> tuple[str, str]:
    """/prompt now in #general; (post id, Slack ts) of the posted prompt."""
    status, body = await roots.slack.command("/prompt", "now", user=ADMIN)
    assert status == 200 and body["response_type"] == "ephemeral", body
    (posted,) = await roots.fake.wait_calls("chat.postMessage")
    assert posted["channel"] == "C0GENERAL"
    (button,) = [e for b in posted["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == "roots:checkin"
    (row,) = db_rows(roots.core, "SELECT post_id, platform_message_id FROM posts")
    assert str(row[0]) == button["value"]
    return button["value"], row[1]


async def test_prompt_now_posts_and_stores_the_ts(roots: Roots) -> None:
    _post_id, ts = await post_prompt(roots)
    assert ts and "." in ts


async def test_checkin_button(roots: Roots) -> None:
    post_id, ts = await post_prompt(roots)
    payload = roots.slack.action_payload(
        "roots:checkin", post_id, user=BOB, channel="C0GENERAL", message_ts=ts
    )
    status, _ = await roots.slack.action(payload)
    assert status == 200
    (answer,) = await roots.fake.wait_responses(1)
    assert answer["response_type"] == "ephemeral"
    assert answer.get("replace_original") is False
    assert db_rows(roots.core, "SELECT member_id FROM checkins") == [(BOB,)]
    # the post shows the count (chat.update)
    await roots.fake.wait_calls("chat.update")


async def test_checkmark_reaction_on_a_prompt_checks_in(roots: Roots) -> None:
    _post_id, ts = await post_prompt(roots)
    status, _ = await roots.slack.event(reaction(CAROL, BOT_USER, ts, "white_check_mark"))
    assert status == 200
    await roots.fake.wait_calls("chat.postEphemeral")
    assert db_rows(roots.core, "SELECT member_id FROM checkins") == [(CAROL,)]


async def test_done_and_challenge_commands_reach_the_core(roots: Roots) -> None:
    await post_prompt(roots)
    status, body = await roots.slack.command("/done", "paid it forward", user=BOB)
    assert status == 200 and body["response_type"] == "in_channel", body
    assert db_rows(roots.core, "SELECT member_id FROM checkins") == [(BOB,)]
    status, body = await roots.slack.command("/challenge", "", user=BOB)
    assert status == 200 and body["text"]
    assert "/challenge" not in body["text"] or "know" not in body["text"]


# ---------------------------------------------------------------- ++ messages


async def test_plusplus_message_is_announced_in_the_channel(roots: Roots) -> None:
    status, _ = await roots.slack.event(message(ALICE, f"<@{BOB}>++ for the talk &amp; demo"))
    assert status == 200
    (posted,) = await roots.fake.wait_calls("chat.postMessage")
    assert posted["channel"] == "C0GENERAL"
    assert f"<@{BOB}>" in posted["text"]
    assert kudos_rows(roots) == [(ALICE, BOB, "for the talk & demo")]


async def test_retried_event_counts_once(roots: Roots) -> None:
    event = message(ALICE, f"<@{BOB}> ++ thanks", ts="1774432800.000200")
    await roots.slack.event(event, event_id="Ev0RETRY")
    await roots.fake.wait_calls("chat.postMessage")
    status, _ = await roots.slack.event(event, event_id="Ev0RETRY", retry=1)
    assert status == 200
    await settle()
    assert len(kudos_rows(roots)) == 1
    assert roots.fake.count("chat.postMessage") == 1


async def test_a_retry_after_a_failed_first_attempt_is_processed(
    roots: Roots, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_give = roots.core.kudos.give
    calls = 0

    async def flaky_give(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 1:
            raise StorageError("disk hiccup")
        return await real_give(*args, **kwargs)

    monkeypatch.setattr(roots.core.kudos, "give", flaky_give)
    event = message(ALICE, f"<@{BOB}>++ thanks", ts="1774432800.000300")
    await roots.slack.event(event, event_id="Ev0FLAKY")
    (sorry,) = await roots.fake.wait_calls("chat.postEphemeral")
    assert sorry["user"] == ALICE and en("error.storage") in sorry["text"]
    assert kudos_rows(roots) == []
    await roots.slack.event(event, event_id="Ev0FLAKY", retry=1)
    await roots.fake.wait_calls("chat.postMessage")
    assert kudos_rows(roots) == [(ALICE, BOB, "thanks")]


@pytest.mark.parametrize(
    "extra",
    [
        {"bot_id": "B0OTHER"},
        {"subtype": "bot_message"},
        {"subtype": "message_changed"},
        {"user": BOT_USER},
    ],
)
async def test_bots_edits_and_own_messages_are_ignored(roots: Roots, extra: dict[str, Any]) -> None:
    status, _ = await roots.slack.event({**message(ALICE, f"<@{BOB}>++ thanks"), **extra})
    assert status == 200
    await settle()
    assert kudos_rows(roots) == []
    assert roots.fake.count("chat.postMessage") == roots.fake.count("chat.postEphemeral") == 0


async def test_quoted_plusplus_does_not_count(roots: Roots) -> None:
    await roots.slack.event(message(ALICE, f"&gt; <@{BOB}>++ old news"))
    await settle()
    assert kudos_rows(roots) == []


async def test_plusplus_refusal_is_ephemeral_to_the_author(roots: Roots) -> None:
    await roots.slack.event(message(ALICE, f"<@{ALICE}>++ me"))
    (sorry,) = await roots.fake.wait_calls("chat.postEphemeral")
    assert sorry["user"] == ALICE and sorry["channel"] == "C0GENERAL"
    assert roots.fake.count("chat.postMessage") == 0


# ---------------------------------------------------------------- reactions


async def test_kudos_emoji_reaction_thanks_the_author(roots: Roots) -> None:
    ts = "1774432800.000400"
    await roots.slack.event(message(BOB, "here is the fix for the flaky build", ts=ts))
    status, _ = await roots.slack.event(reaction(ALICE, BOB, ts))
    assert status == 200
    (posted,) = await roots.fake.wait_calls("chat.postMessage")
    assert f"<@{BOB}>" in posted["text"]
    assert kudos_rows(roots) == [(ALICE, BOB, "here is the fix for the flaky build")]
    assert roots.fake.count("conversations.history") == 0


async def test_reaction_on_an_unseen_message_reads_it_once(roots: Roots) -> None:
    ts = "1774432700.000100"
    old = {"type": "message", "user": BOB, "text": "old fix", "ts": ts}
    roots.fake.messages[("C0GENERAL", ts)] = old
    await roots.slack.event(reaction(ALICE, BOB, ts))
    await roots.fake.wait_calls("chat.postMessage")
    assert kudos_rows(roots) == [(ALICE, BOB, "old fix")]
    assert roots.fake.count("conversations.history") == 1


async def test_other_reactions_are_ignored(roots: Roots) -> None:
    await roots.slack.event(reaction(ALICE, BOB, "1774432800.000500", "tada"))
    await settle()
    assert kudos_rows(roots) == []
    assert roots.fake.count("users.info") == 0


async def test_configured_emoji_with_skin_tone(roots: Roots) -> None:
    await roots.slack.command("/roots-config", "emoji :clap:", user=ADMIN)
    ts = "1774432800.000600"
    await roots.slack.event(message(BOB, "slides are up", ts=ts))
    await roots.slack.event(reaction(ALICE, BOB, ts, "clap::skin-tone-3"))
    await roots.fake.wait_calls("chat.postMessage")
    assert kudos_rows(roots) == [(ALICE, BOB, "slides are up")]


# ---------------------------------------------------------------- App Home


async def test_app_home_shows_roots_streak_and_leaderboard(roots: Roots) -> None:
    await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    status, _ = await roots.slack.event(
        {"type": "app_home_opened", "user": BOB, "channel": "D0BOB", "tab": "home"}
    )
    assert status == 200
    (published,) = await roots.fake.wait_calls("views.publish")
    assert published["user_id"] == BOB
    view = published["view"]
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    shown = str(view["blocks"])
    assert en("roots.title", name="@Bob") in shown
    assert en("roots.streak") in shown
    assert en("leaderboard.title.week") in shown


# ---------------------------------------------------------------- safety


async def test_bad_stale_and_non_numeric_signatures_are_refused(roots: Roots) -> None:
    slack = roots.slack
    at_start = len(roots.fake.calls)  # auth.test and bots.info: who this installation is
    body = slack.command_body("/kudos", f"<@{BOB}> thanks", user=ALICE)
    form = "application/x-www-form-urlencoded"
    good = slack.headers(body)
    wrong_secret = type(slack.verifier)("other-secret").generate_signature(
        timestamp=good["X-Slack-Request-Timestamp"], body=body
    )
    assert wrong_secret is not None
    cases: dict[str, dict[str, str]] = {
        "bad signature": {**good, "X-Slack-Signature": "v0=" + "0" * 64},
        "wrong secret": {**good, "X-Slack-Signature": wrong_secret},
        "stale": slack.headers(body, timestamp=str(int(time.time()) - 301)),
        "future": slack.headers(body, timestamp=str(int(time.time()) + 600)),
        "non-numeric": slack.headers(body, timestamp="12e3"),
        "missing": {},
    }
    for name, headers in cases.items():
        status, _ = await slack.post(body, form, headers)
        assert status == 401, name
    event_body = slack.event_body(message(ALICE, f"<@{BOB}>++ x"), "Ev0BAD")
    status, _ = await slack.post(event_body, "application/json", cases["bad signature"])
    assert status == 401
    await settle()
    assert kudos_rows(roots) == []
    assert roots.fake.calls[at_start:] == []
    assert roots.runtime.server is not None and roots.runtime.server.refused == 7


async def test_typed_broadcasts_never_ping(roots: Roots) -> None:
    roots.fake.users[CAROL]["profile"]["display_name"] = "<!channel> Carol"
    typed = (
        "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;!subteam^S0TEAM&gt; "
        "<!here> <!subteam^S0TEAM|@devs> &lt;@U0ALICE&gt;"
    )
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> {typed}", user=CAROL)
    assert status == 200 and body["response_type"] == "in_channel"
    shown = body["text"] + str(body["blocks"])
    for ping in PINGS:
        assert ping not in shown
    assert f"<@{ALICE}>" not in shown
    assert "&lt;!channel&gt;" in shown  # shown as text
    await roots.slack.event(message(CAROL, f"<@{ALICE}>++ {typed}", ts="1774432800.000700"))
    (posted,) = await roots.fake.wait_calls("chat.postMessage")
    for ping in PINGS:
        assert ping not in posted["text"] + str(posted["blocks"])


async def test_secrets_never_reach_the_logs(roots: Roots, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    await roots.slack.event(message(ALICE, f"<@{CAROL}>++ x", ts="1774432800.000800"))
    await roots.fake.wait_calls("chat.postMessage")
    body = roots.slack.command_body("/kudos", "x", user=ALICE)
    await roots.slack.post(body, "application/x-www-form-urlencoded", {})
    logged = caplog.text
    assert BOT_TOKEN not in logged and SECRET not in logged
    assert "legacy-verification-token" not in logged


async def test_slow_work_is_acked_at_once_and_answered_through_response_url(
    roots: Roots, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots.runtime.adapter.ack_budget = 0.05
    real = roots.core.router.command

    async def slow(call):
        await asyncio.sleep(0.3)
        return await real(call)

    monkeypatch.setattr(roots.core.router, "command", slow)
    started = time.monotonic()
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)
    assert status == 200 and not body
    assert time.monotonic() - started < 0.3
    (answer,) = await roots.fake.wait_responses(1)
    assert answer["response_type"] == "in_channel" and f"<@{BOB}>" in answer["text"]
    assert kudos_rows(roots) == [(ALICE, BOB, "thanks")]


async def test_rate_limited_scheduled_post_is_retried_and_its_ts_stored(roots: Roots) -> None:
    roots.fake.scripted["chat.postMessage"] = [
        (429, {"Retry-After": "0"}, {"ok": False, "error": "ratelimited"})
    ]
    status, _body = await roots.slack.command("/prompt", "now", user=ADMIN)
    assert status == 200
    await roots.fake.wait_calls("chat.postMessage", 2)
    await roots.fake.wait_for(
        lambda: db_rows(roots.core, "SELECT platform_message_id FROM posts")[0][0] is not None
    )
    (ts,) = db_rows(roots.core, "SELECT platform_message_id FROM posts")[0]
    assert ts.endswith(".000100")


async def test_url_verification_is_answered(roots: Roots) -> None:
    import json

    body = json.dumps({"token": "t", "challenge": "ch4llenge", "type": "url_verification"})
    status, answer = await roots.slack.post(body, "application/json", roots.slack.headers(body))
    assert status == 200 and answer == {"challenge": "ch4llenge"}


async def test_schedule_config_keeps_the_channel_id_of_a_channel_mention(roots: Roots) -> None:
    status, body = await roots.slack.command(
        "/roots-config", "prompts <#C0RANDOM|random> 09:00 Europe/Paris weekdays", user=ADMIN
    )
    assert status == 200 and body["response_type"] == "ephemeral", body
    assert db_rows(roots.core, "SELECT channel_id FROM schedules") == [("C0RANDOM",)]
