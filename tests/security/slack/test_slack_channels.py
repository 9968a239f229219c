"""Issue #12, item 1, on Slack: a channel comes only from a channel entity Slack made
(``<#C123|name>``, resolved in the command's workspace), never from text a member
typed to look like one (Slack sends a typed ``<`` as ``&lt;``)."""

from __future__ import annotations

import json

import pytest

from adapters.slack.translate import from_slack
from bot.messages import text
from tests.adapters.slack.conftest import ADMIN, Roots
from tests.fakes import db_rows


def test_item1_only_channel_entities_slack_made_are_channels() -> None:
    parsed = from_slack("prompts <#C0RANDOM|random> &lt;#C0OTHER&gt; #general", keep_channels=True)
    assert parsed.text == "prompts <#C0RANDOM> <#C0OTHER> #general"
    assert parsed.channels == ("C0RANDOM",)


@pytest.mark.parametrize(
    ("command", "typed"),
    [
        ("/roots-config", "prompts &lt;#C0OTHER&gt; 09:00"),
        ("/roots-config", "digest &lt;#C0OTHER|their-general&gt; friday 17:00"),
        ("/challenge", "start &lt;#C0OTHER&gt;"),
        ("/prompt", "now &lt;#C0OTHER&gt;"),
    ],
)
async def test_item1_a_channel_typed_as_text_is_refused(
    roots: Roots, command: str, typed: str
) -> None:
    status, body = await roots.slack.command(command, typed, user=ADMIN)
    assert status == 200 and body["response_type"] == "ephemeral", body
    assert text("en", "schedule.channel_not_given") in json.dumps(body, ensure_ascii=False)
    for table in ("schedules", "challenges", "posts"):
        assert db_rows(roots.core, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert roots.fake.count("chat.postMessage") == 0
