"""Security issue #12, item 16: a number from outside is 1 to 18 ASCII digits.

``str.isdigit()`` accepts ``²`` and ``٣`` (``int()`` then fails, or reads another
script) and any length (a 30-digit number overflows a 64-bit column): a check-in button
value like that ended in "something went wrong". Every such spot now takes ASCII digits
of a bounded length; a bad value gets a polite answer and changes nothing.
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from adapters.discord.delivery import DiscordDelivery
from adapters.discord.manage import application_id_from_token
from adapters.discord.render import render_reply
from adapters.slack.config import load_slack_settings
from adapters.slack.server import RequestCheck
from bot.clock import ManualClock
from bot.config import Settings, SettingsError
from bot.delivery import DeliveryError, Ownership
from bot.messages import text
from bot.services.checkins import CHECKIN_ACTION
from bot.storage.records import ShardScope
from bot.types import ButtonClicked, Mention, Plain, Reply, Visibility
from bot.wiring import Core, running_core
from tests.fakes import admin, ask, assert_refused, context, db_rows

ODD = ["²", "٣", "1" * 30, "9" * 19, "-1", "", " 1", "1e3", "0x1"]


@pytest.mark.parametrize("value", ODD)
async def test_item16_an_odd_checkin_button_value_gets_a_polite_answer(
    core: Core, value: str
) -> None:
    replies = await core.router.button(ButtonClicked(context("erin"), CHECKIN_ACTION, value))
    assert len(replies) == 1, replies
    assert_refused(replies[0], "checkin.no_post")
    assert db_rows(core, "SELECT count(*) FROM checkins") == [(0,)]


@pytest.mark.parametrize("value", ["²", "٣", "#²", "1" * 30])
async def test_item16_an_odd_prompt_number_is_refused(core: Core, value: str) -> None:
    await ask(core, "prompt", "suggest", "what", "did", "you", "learn", "today?", actor="bob")
    for action in ("approve", "reject", "remove"):
        reply = await admin(core, "prompt", action, value)
        assert_refused(reply, "prompt.bad_id", id=value)
    queue = await admin(core, "prompt", "queue")
    assert "what did you learn today?" in queue.as_text()  # nothing changed


async def test_item16_odd_ids_on_the_discord_side_are_not_snowflakes() -> None:
    reply = Reply(
        (Plain("hi "), Mention("²", "bob"), Mention("1" * 30, "carol")),
        visibility=Visibility.PUBLIC,
        ping=("²", "1" * 30, "123456789012345678"),
    )
    rendered = render_reply(reply)
    assert rendered.embed.description == "hi @bob@carol"
    assert rendered.content == "<@123456789012345678>"
    assert ShardScope(2, frozenset({0})).holds("²")  # not a Discord guild: not filtered
    delivery = DiscordDelivery(None, None)  # type: ignore[arg-type]  # the id check comes first
    for channel in ("²", "1" * 30):
        with pytest.raises(DeliveryError):
            await delivery._channel("123456789012345678", channel)
        assert await delivery.ownership("123456789012345678", channel) is Ownership.UNKNOWN
    token = base64.b64encode("²".encode()).decode().rstrip("=") + ".x.y"
    assert application_id_from_token(token) is None


def test_item16_odd_numbers_in_slack_settings_and_headers_are_refused() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "ROOTS_HTTP_PORT": "²"}
    with pytest.raises(SettingsError, match="ROOTS_HTTP_PORT"):
        load_slack_settings(env)
    check = RequestCheck("secret", clock=lambda: 1_700_000_000.0)
    assert check.why_refused(b"{}", "1" * 5000, "v0=abc") == "non-numeric timestamp"


async def test_item16_an_odd_console_reaction_number_gets_the_usage(tmp_path: Path) -> None:
    out = io.StringIO()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    clock = ManualClock(datetime(2026, 3, 25, 10, 0, tzinfo=UTC))
    async with running_core(settings, clock=clock) as core:
        console = ConsoleAdapter(core, out=out, actor="alice", session="t")
        await console.run(io.StringIO("/react 🌱 ²\n/react 🌱 1\n"), interactive=False)
    shown = out.getvalue()
    assert text("en", "console.usage_react") in shown
    assert text("en", "console.no_message", n="1") in shown  # and the console goes on
