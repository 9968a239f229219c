"""Issue #12, items 11 and 18b: who a Slack member is (users.info) must be known, and
fresh enough for admin rights.

Slack's Web API is the local fake (tests/adapters/slack/fake_slack.py); the users.info
cache gets a clock the test moves, so nothing sleeps.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.messages import text
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, Roots
from tests.adapters.slack.fake_slack import user
from tests.fakes import db_rows
from tests.security.harness import directory_clock, slack_roots

# (status, headers, body) as FakeSlack.scripted replays it
OUTAGE: tuple[int, dict[str, str], dict[str, Any]] = (
    500,
    {},
    {"ok": False, "error": "internal_error"},
)
LATE_BOT = "U0LATEBOT"


@pytest.fixture
async def roots(tmp_path: Path) -> AsyncIterator[Roots]:
    async with slack_roots(tmp_path) as running:
        yield running


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def budget(roots: Roots) -> int:
    ((value,),) = db_rows(roots.core, "SELECT daily_budget FROM communities")
    return int(value)


def kudos_rows(roots: Roots) -> list[tuple[str, str]]:
    return db_rows(roots.core, "SELECT giver_id, receiver_id FROM kudos ORDER BY kudos_id")


# ---------------------------------------------------------------- item 11


async def test_item11_demoted_admin_loses_admin_rights_within_a_minute(roots: Roots) -> None:
    clock = directory_clock(roots)
    status, body = await roots.slack.command("/roots-config", "budget 7", user=ADMIN)
    assert status == 200 and en("error.admin_only") not in body["text"]
    assert budget(roots) == 7

    roots.fake.users[ADMIN]["is_admin"] = False  # demoted in Slack
    clock.advance(30)  # a profile 30 s old is trusted
    await roots.slack.command("/roots-config", "budget 8", user=ADMIN)
    assert budget(roots) == 8
    clock.advance(31)  # 61 s: admin rights are checked again before an admin command
    status, body = await roots.slack.command("/roots-config", "budget 9", user=ADMIN)
    assert en("error.admin_only") in body["text"]
    assert budget(roots) == 8


async def test_item11_admin_rights_not_confirmed_during_an_outage(roots: Roots) -> None:
    clock = directory_clock(roots)
    await roots.slack.command("/roots-config", "budget 7", user=ADMIN)
    clock.advance(61)
    roots.fake.scripted["users.info"] = [OUTAGE]
    _status, body = await roots.slack.command("/roots-config", "budget 9", user=ADMIN)
    assert body["response_type"] == "ephemeral"
    assert en("error.slack_busy") in body["text"]
    assert budget(roots) == 7


# ---------------------------------------------------------------- item 18b


async def test_item18b_kudos_to_an_unknown_user_is_refused(roots: Roots) -> None:
    status, body = await roots.slack.command("/kudos", "<@U0NOSUCH> thanks", user=ALICE)
    assert status == 200 and body["response_type"] == "ephemeral"
    assert en("kudos.unknown_member", name="U0NOSUCH") in body["text"]
    await roots.slack.event(
        {
            "type": "message",
            "user": ALICE,
            "text": "<@U0NOSUCH>++ thanks",
            "channel": "C0GENERAL",
            "ts": "1774432800.000100",
        }
    )
    (sorry,) = await roots.fake.wait_calls("chat.postEphemeral")
    assert en("kudos.unknown_member", name="U0NOSUCH") in sorry["text"]
    assert kudos_rows(roots) == []


async def test_item18b_kudos_during_a_users_info_outage_are_refused_politely(
    roots: Roots,
) -> None:
    await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=ALICE)  # Alice is known
    # A bot installed after Roots started (its team_join missed): unknown to the directory.
    roots.fake.users[LATE_BOT] = user(LATE_BOT, "Latebot", is_bot=True)
    roots.fake.scripted["users.info"] = [OUTAGE] * 3
    status, body = await roots.slack.command("/kudos", f"<@{LATE_BOT}> beep", user=ALICE)
    assert status == 200 and body["response_type"] == "ephemeral"
    assert en("error.slack_busy") in body["text"]
    await roots.slack.event(
        {
            "type": "message",
            "user": ALICE,
            "text": f"<@{LATE_BOT}>++ beep",
            "channel": "C0GENERAL",
            "ts": "1774432800.000200",
        }
    )
    (sorry,) = await roots.fake.wait_calls("chat.postEphemeral")
    assert en("error.slack_busy") in sorry["text"]
    assert kudos_rows(roots) == [(ALICE, BOB)]  # nothing for the bot
