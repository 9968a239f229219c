"""Socket Mode: the same payloads dispatched through the Bolt app with mode="socket_mode"
(as AsyncSocketModeHandler does), no network but the local fake Web API."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Sequence
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.slack import SlackSettings, build_app, make_client
from adapters.slack.app import SlackRuntime
from adapters.slack.handlers import SlackAdapter
from bot.wiring import Core
from tests.adapters.slack.conftest import ALICE, BOB, CAROL
from tests.adapters.slack.fake_slack import BOT_TOKEN, BOT_USER, TEAM, FakeSlack, SlackDriver
from tests.fakes import db_rows


@pytest.fixture
async def socket_app(
    core: Core, fake: FakeSlack
) -> AsyncIterator[tuple[AsyncApp, SlackAdapter, SlackDriver]]:
    settings = SlackSettings(bot_token=BOT_TOKEN, app_token="xapp-1-test", api_url=fake.api_url)
    assert settings.mode == "socket"
    async with aiohttp.ClientSession() as session:
        app, adapter = build_app(core, settings, make_client(settings, session))
        driver = SlackDriver("http://unused.invalid", fake)
        yield app, adapter, driver
        await driver.close()


def socket_request(payload: dict[str, Any], retry: int | None = None) -> AsyncBoltRequest:
    headers: dict[str, str | Sequence[str]] | None = (
        {"x-slack-retry-num": str(retry)} if retry else None
    )
    return AsyncBoltRequest(mode="socket_mode", body=payload, headers=headers)


async def test_slash_command_over_socket_mode(socket_app, fake: FakeSlack, core: Core) -> None:
    app, _adapter, driver = socket_app
    form = dict(parse_qsl(driver.command_body("/kudos", f"<@{BOB}|bob> merci", user=ALICE)))
    response = await app.async_dispatch(socket_request(form))
    assert response.status == 200
    body = json.loads(response.body)
    assert body["response_type"] == "in_channel" and f"<@{BOB}>" in body["text"]
    assert db_rows(core, "SELECT giver_id, receiver_id FROM kudos") == [(ALICE, BOB)]


async def test_events_over_socket_mode_count_once(socket_app, fake: FakeSlack, core: Core) -> None:
    app, _adapter, driver = socket_app
    event = {
        "type": "message",
        "user": ALICE,
        "text": f"<@{BOB}>++ for the docs",
        "channel": "C0GENERAL",
        "ts": "1774432800.000100",
    }
    payload = json.loads(driver.event_body(event, "Ev0SOCKET"))
    assert (await app.async_dispatch(socket_request(payload))).status == 200
    await fake.wait_calls("chat.postMessage")
    assert (await app.async_dispatch(socket_request(payload, retry=1))).status == 200
    await asyncio.sleep(0.2)  # the retried listener runs after the ack
    assert db_rows(core, "SELECT COUNT(*) FROM kudos") == [(1,)]
    assert fake.count("chat.postMessage") == 1


async def test_button_over_socket_mode_is_acked(socket_app, fake: FakeSlack) -> None:
    app, _adapter, driver = socket_app
    payload = driver.action_payload(
        "roots:checkin", "999", user=ALICE, channel="C0GENERAL", message_ts="1.2"
    )
    response = await app.async_dispatch(socket_request(payload))
    assert response.status == 200
    (answer,) = await fake.wait_responses(1)
    assert answer["response_type"] == "ephemeral"


async def test_run_slack_in_socket_mode_over_a_local_websocket(core: Core, fake: FakeSlack) -> None:
    """run_slack with an app token: apps.connections.open, hello, an envelope, its ack."""
    import contextlib

    from adapters.slack import run_slack

    settings = SlackSettings(bot_token=BOT_TOKEN, app_token="xapp-1-test", api_url=fake.api_url)
    ready: asyncio.Future[SlackRuntime] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(run_slack(core, settings, ready=ready.set_result))
    try:
        await asyncio.wait_for(ready, 10)
        driver = SlackDriver("http://unused.invalid", fake)
        form = dict(parse_qsl(driver.command_body("/kudos", f"<@{BOB}> merci", user=ALICE)))
        await driver.close()
        fake.envelopes.put_nowait(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "payload": form,
                "accepts_response_payload": True,
            }
        )
        await fake.wait_for(lambda: any(a.get("envelope_id") == "env-1" for a in fake.acks))
        (ack,) = [a for a in fake.acks if a.get("envelope_id") == "env-1"]
        assert ack["payload"]["response_type"] == "in_channel"
        assert f"<@{BOB}>" in ack["payload"]["text"]
        assert fake.count("apps.connections.open") == 1
        assert db_rows(core, "SELECT giver_id, receiver_id FROM kudos") == [(ALICE, BOB)]
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def socket_runtime(core: Core, fake: FakeSlack) -> AsyncIterator[Any]:
    """``run_slack`` in Socket Mode against the fake's websocket, until the block ends."""
    from adapters.slack import run_slack

    settings = SlackSettings(bot_token=BOT_TOKEN, app_token="xapp-1-test", api_url=fake.api_url)
    ready: asyncio.Future[SlackRuntime] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(run_slack(core, settings, ready=ready.set_result))
    try:
        yield await asyncio.wait_for(ready, 10)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def message_envelope(
    envelope_id: str, event: dict[str, Any], event_id: str, *, team: str = TEAM
) -> dict[str, Any]:
    driver = SlackDriver("http://unused.invalid", FakeSlack())
    payload = json.loads(driver.event_body(event, event_id))
    payload["authorizations"][0]["team_id"] = team
    payload["team_id"] = team
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "payload": payload,
        "retry_attempt": 0,
    }


async def acked(fake: FakeSlack, envelope_id: str) -> dict[str, Any]:
    await fake.wait_for(lambda: any(a.get("envelope_id") == envelope_id for a in fake.acks))
    (ack,) = [a for a in fake.acks if a.get("envelope_id") == envelope_id]
    return ack


def plusplus(user: str, ts: str) -> dict[str, Any]:
    text = f"<@{BOB}>++ for the docs"
    return {"type": "message", "user": user, "text": text, "channel": "C0GENERAL", "ts": ts}


async def test_socket_messages_skip_bolt_and_count_once(core: Core, fake: FakeSlack) -> None:
    """A ``message`` envelope is acknowledged and handled without Bolt's dispatch (no
    middleware of the app sees it), still counted once when Slack sends it again;
    a slash command still goes through Bolt."""
    async with socket_runtime(core, fake) as runtime:
        seen: list[str] = []

        async def spy(body: dict[str, Any], next: Any) -> None:
            seen.append(str(body.get("command") or body.get("event", {}).get("type")))
            await next()

        runtime.app.middleware(spy)
        event = plusplus(ALICE, "1774432800.000100")
        fake.envelopes.put_nowait(message_envelope("env-m1", event, "Ev0M1"))
        assert "payload" not in await acked(fake, "env-m1")  # an event's ack is empty
        await fake.wait_calls("chat.postMessage")
        fake.envelopes.put_nowait(message_envelope("env-m2", event, "Ev0M1"))  # a retry
        await acked(fake, "env-m2")
        await asyncio.sleep(0.2)
        assert db_rows(core, "SELECT giver_id, receiver_id FROM kudos") == [(ALICE, BOB)]
        assert fake.count("chat.postMessage") == 1

        driver = SlackDriver("http://unused.invalid", fake)
        form = dict(parse_qsl(driver.command_body("/kudos", f"<@{BOB}> merci", user=CAROL)))
        await driver.close()
        fake.envelopes.put_nowait(
            {"envelope_id": "env-c", "type": "slash_commands", "payload": form}
        )
        assert "in_channel" == (await acked(fake, "env-c"))["payload"]["response_type"]
        assert seen == ["/kudos"]


async def test_socket_messages_from_roots_or_another_team_are_dropped(
    core: Core, fake: FakeSlack
) -> None:
    """Roots' own message and a message for another workspace are acknowledged and
    change nothing, as when Bolt's middleware dropped them."""
    async with socket_runtime(core, fake):
        own = plusplus(BOT_USER, "1774432800.000200")
        fake.envelopes.put_nowait(message_envelope("env-own", own, "Ev0OWN"))
        other = plusplus(ALICE, "1774432800.000300")
        fake.envelopes.put_nowait(message_envelope("env-other", other, "Ev0OTH", team="T0OTHER"))
        await acked(fake, "env-own")
        await acked(fake, "env-other")
        await asyncio.sleep(0.3)
        assert db_rows(core, "SELECT COUNT(*) FROM kudos") == [(0,)]
        assert fake.count("chat.postMessage") == 0
        # The same message from a member of this workspace counts (the test can fail).
        fake.envelopes.put_nowait(message_envelope("env-ok", other, "Ev0OK"))
        await fake.wait_calls("chat.postMessage")
        assert db_rows(core, "SELECT giver_id FROM kudos") == [(ALICE,)]
