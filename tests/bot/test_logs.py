"""Logging as an operator sees it: the level, JSON lines, and secrets never shown."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from bot.config import Settings, SettingsError, load_settings
from bot.logs import setup_logging

DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.discord-test-token.abcdef"
SLACK_BOT = "xoxb-1111-2222-bot-token-value"
SLACK_APP = "xapp-1-A0ROOTS-3333-app-token-value"
SIGNING = "signing-secret-4f9a8b7c6d5e"
DB_PASSWORD = "pg-p@ss/word!42"
DB_URL = "postgresql://roots:pg-p%40ss%2Fword%2142@db.internal:5432/roots"
SECRETS = (DISCORD, SLACK_BOT, SLACK_APP, SIGNING, DB_PASSWORD, "pg-p%40ss%2Fword%2142")


def settings(**extra: object) -> Settings:
    values: dict[str, Any] = {
        "database_url": DB_URL,
        "discord_token": DISCORD,
        "slack_bot_token": SLACK_BOT,
        "slack_app_token": SLACK_APP,
        "slack_signing_secret": SIGNING,
        "log_level": "DEBUG",
        **extra,
    }
    return Settings(**values)


@pytest.fixture
def logs() -> Iterator[io.StringIO]:
    """Yields the stream; the root logger is restored afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    stream = io.StringIO()
    yield stream
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def emit_everything(name: str = "roots.test") -> None:
    log = logging.getLogger(name)
    log.debug("connecting with token %s", DISCORD)
    log.info("Authorization: Bearer %s and app token %s", SLACK_BOT, SLACK_APP)
    log.warning("signature computed with %s", SIGNING)
    log.info("database at %s", DB_URL)
    log.info("decoded password %r", DB_PASSWORD)
    log.info("a dict %s", {"token": SLACK_BOT, "nested": [DISCORD]})
    try:
        raise RuntimeError(f"login failed for {DISCORD} / {SIGNING}")
    except RuntimeError:
        log.exception("startup failed")
    log.info("stack follows", stack_info=True)
    logging.getLogger("slack_sdk.web").debug("body=%s", f"token={SLACK_BOT}&x=1")


def test_text_lines_mask_every_configured_secret(logs: io.StringIO) -> None:
    setup_logging(settings(), stream=logs, env={"ROOTS_LOG_LEVEL": "DEBUG"})
    emit_everything()
    out = logs.getvalue()
    assert "connecting with token ***" in out
    assert "login failed for *** / ***" in out
    assert "postgresql://roots:***@db.internal:5432/roots" in out
    for secret in SECRETS:
        assert secret not in out


def test_json_format_writes_one_object_per_line_without_secrets(logs: io.StringIO) -> None:
    setup_logging(settings(log_format="json"), stream=logs, env={"ROOTS_LOG_LEVEL": "DEBUG"})
    emit_everything()
    lines = logs.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 9
    assert {e["level"] for e in entries} == {"DEBUG", "INFO", "WARNING", "ERROR"}
    failed = next(e for e in entries if e["message"] == "startup failed")
    assert failed["logger"] == "roots.test"
    assert "RuntimeError: login failed for *** / ***" in failed["exc"]
    assert "stack" in next(e for e in entries if e["message"] == "stack follows")
    for secret in SECRETS:
        assert secret not in logs.getvalue()


def test_level_is_honoured_and_the_console_is_quiet_by_default(logs: io.StringIO) -> None:
    setup_logging(settings(log_level="INFO"), stream=logs, env={})
    logging.getLogger("roots.test").debug("hidden detail")
    logging.getLogger("roots.test").info("shown fact")
    setup_logging(settings(log_level="INFO"), stream=logs, quiet_default=True, env={})
    logging.getLogger("roots.test").info("console chatter")
    logging.getLogger("roots.test").warning("console warning")
    out = logs.getvalue()
    assert "shown fact" in out and "console warning" in out
    assert "hidden detail" not in out and "console chatter" not in out
    # a second setup replaced the first handler instead of doubling lines
    assert out.count("console warning") == 1


def test_log_settings_are_checked() -> None:
    loaded = load_settings({"ROOTS_LOG_FORMAT": "JSON", "ROOTS_LOG_LEVEL": "debug"})
    assert (loaded.log_format, loaded.log_level) == ("json", "DEBUG")
    assert load_settings({}).log_format == "text"
    with pytest.raises(SettingsError, match="ROOTS_LOG_FORMAT"):
        load_settings({"ROOTS_LOG_FORMAT": "xml"})
