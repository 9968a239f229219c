"""Slack text in (mentions, escaping) and Slack text out (mrkdwn, Block Kit limits)."""

from __future__ import annotations

from adapters.slack.config import SlackSettings, load_slack_settings
from adapters.slack.render import MAX_BLOCKS, SECTION_LIMIT, escape, mrkdwn, render
from adapters.slack.translate import from_slack
from bot.plusplus import parse_plusplus
from bot.types import Button, Field, Mention, Plain, Reply, Tone, UserText, Visibility


def test_mentions_become_canonical_with_or_without_a_name() -> None:
    parsed = from_slack("<@U1|bob> and <@W2> thanks <@U1>")
    assert parsed.text == "<@U1> and <@W2> thanks <@U1>"
    assert parsed.names == {"U1": "bob", "W2": ""}


def test_typed_text_is_unescaped_once_and_typed_mentions_are_defused() -> None:
    parsed = from_slack("&lt;div&gt; &amp;lt; &lt;@U9&gt;++")
    assert parsed.text.startswith("<div> &lt; <")
    assert parsed.names == {}
    assert parse_plusplus(parsed.text) is None


def test_other_entities_read_as_text() -> None:
    parsed = from_slack("see <#C1|general>, <!here>, <!subteam^S1|@devs>, <https://x.io|docs>")
    assert parsed.text == "see #general, @here, @devs, docs"
    kept = from_slack("prompts <#C1|general> 09:00", keep_channels=True)
    assert kept.text == "prompts <#C1> 09:00"


def test_quoted_kudos_survive_unescaping_as_quotes() -> None:
    assert parse_plusplus(from_slack("&gt; <@U1>++ old").text) is None
    found = parse_plusplus(from_slack("<@U1>++ for the &lt;3").text)
    assert found is not None and found.reason == "for the <3"


def test_user_text_is_escaped_and_only_pinged_mentions_ping() -> None:
    rich = (Plain("/kudos revoke <n> "), UserText("<!channel> & <@U3>"), Mention("U1", "<b>"))
    assert mrkdwn(rich) == "/kudos revoke &lt;n&gt; &lt;!channel&gt; &amp; &lt;@U3&gt;@&lt;b&gt;"
    assert mrkdwn((Mention("U1", "bob"),), ping=("U1",)) == "<@U1>"
    assert escape("a&b") == "a&amp;b"


def test_reply_blocks_respect_slack_limits() -> None:
    long_line = (UserText("x" * 5000),)
    reply = Reply(
        body=(Plain("body"),),
        title=(Plain("title"),),
        lines=tuple(long_line for _ in range(80)),
        fields=tuple(Field((Plain(f"f{i}"),), (Plain("v"),)) for i in range(12)),
        buttons=(Button("roots:checkin", (Plain("Done"),), "7"),),
        tone=Tone.ERROR,
        visibility=Visibility.PUBLIC,
    )
    shown = render(reply)
    assert len(shown.blocks) <= MAX_BLOCKS
    for block in shown.blocks:
        if "text" in block:
            assert 0 < len(block["text"]["text"]) <= SECTION_LIMIT
    assert shown.text.startswith(":warning: body")
    small = render(Reply(body=(Plain("hi"),), fields=reply.fields, buttons=reply.buttons))
    sections = [b for b in small.blocks if "fields" in b]
    assert [len(b["fields"]) for b in sections] == [10, 2]
    (actions,) = [b for b in small.blocks if b["type"] == "actions"]
    assert actions["elements"][0]["action_id"] == "roots:checkin"
    assert actions["elements"][0]["value"] == "7"


def test_settings_from_env_hide_secrets() -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-secret-bot",
        "SLACK_APP_TOKEN": "xapp-secret-app",
        "SLACK_SIGNING_SECRET": "shh-signing",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "ROOTS_HTTP_PORT": "8080",
        "ROOTS_SLACK_ADMINS": "U1, U2 U3",
    }
    settings = load_slack_settings(env)
    assert settings.mode == "socket"
    assert settings.http_port == 8080 and settings.admins == {"U1", "U2", "U3"}
    for shown in (repr(settings), str(settings)):
        assert "secret" not in shown and "shh" not in shown
    http = load_slack_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"})
    assert http.mode == "http" and http.http_port == 3000 and http.api_url is None
    assert SlackSettings().mode is None


def test_bad_settings_say_how_to_fix_them() -> None:
    import pytest

    from bot.config import SettingsError

    with pytest.raises(SettingsError, match="ROOTS_HTTP_PORT"):
        load_slack_settings({"ROOTS_HTTP_PORT": "http"})
    with pytest.raises(SettingsError, match="SLACK_API_URL"):
        load_slack_settings({"SLACK_API_URL": "slack.com/api"})
    with pytest.raises(SettingsError, match="xapp-"):
        load_slack_settings({"SLACK_APP_TOKEN": "xoxb-wrong"})


def test_log_records_are_redacted() -> None:
    import logging

    from adapters.slack.logs import safe_logger
    from bot.logs import RedactSecrets

    (slack_filter,) = safe_logger("roots.slack.test", ["s3cret-value"]).filters
    assert isinstance(slack_filter, RedactSecrets)
    redact = slack_filter.redact

    assert redact("Bearer xoxb-1-abc and xapp-1-A0-zz") == "Bearer *** and ***"
    assert redact("{'token': 'legacy123', 'team_id': 'T1'}") == "{'token': '***', 'team_id': 'T1'}"
    assert redact("token=legacy123&team_id=T1") == "token=***&team_id=T1"
    assert redact("trigger_id=1.2&user_name=tokenizer") == "trigger_id=1.2&user_name=tokenizer"
    record = logging.LogRecord("x", logging.DEBUG, "f", 1, "secret is %s", ("s3cret-value",), None)
    slack_filter.filter(record)
    assert record.getMessage() == "secret is ***"


def test_manifest_declares_every_command_event_and_scope() -> None:
    import re
    from pathlib import Path

    from adapters.slack.handlers import COMMANDS
    from bot.commands.registry import COMMANDS as REGISTRY

    # Slack's slash commands are the registry's (all but /help, which is /roots help).
    assert COMMANDS == tuple(c.name for c in REGISTRY if c.name != "help")
    manifest = (Path(__file__).parents[3] / "adapters/slack/manifest.yml").read_text()
    declared = re.findall(r"^\s*- command: /(\S+)$", manifest, re.MULTILINE)
    assert sorted(declared) == sorted(COMMANDS)
    assert manifest.count("should_escape: true") == len(COMMANDS)
    assert "should_escape: false" not in manifest
    for needed in (
        "app_home_opened",
        "message.channels",
        "message.groups",
        "reaction_added",
        "commands",
        "chat:write",
        "users:read",
        "reactions:read",
        "channels:history",
        "im:history",
        "mpim:history",
        "usergroups:read",
        "home_tab_enabled: true",
        "is_enabled: true",
        # reconnect (issue 16): the weekly nudge by DM, departures
        "im:write",
        "messages_tab_enabled: true",
        "messages_tab_read_only_enabled: true",
        "user_change",
    ):
        assert re.search(rf"^\s*(- )?{re.escape(needed)}$", manifest, re.MULTILINE), needed
