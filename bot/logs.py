"""Process logging: level, text or JSON lines, and secrets masked in every line.

:func:`setup_logging` installs one handler on the root logger (stderr) with a
:class:`RedactSecrets` filter on it. Every record any library logs goes through
that handler, so the configured secrets (``DISCORD_TOKEN``, ``SLACK_BOT_TOKEN``,
``SLACK_APP_TOKEN``, ``SLACK_SIGNING_SECRET``, the password in ``DATABASE_URL``)
and anything shaped like a Slack token are masked in the message, its
arguments, the traceback and the stack, before the line is written.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urlsplit

from bot.config import Settings

MASK = "***"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_SLACK_TOKENS = re.compile(r"\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+")
# A ``token`` field (Slack's legacy verification token in payloads): 'token': 'x', token=x
_TOKEN_FIELD = re.compile(r"""((?<![A-Za-z0-9_])['"]?token['"]?\s*[:=]\s*['"]?)[^'"&,\s})]+""")
_PASSWORD_KEYS = frozenset({"password", "pass", "pwd", "sslpassword"})
MIN_SECRET = 4  # shorter values would mask ordinary words


def database_password(url: str) -> list[str]:
    """Passwords carried by a database URL (``user:pw@host`` and ``?password=``)."""
    found: list[str] = []
    try:
        parts = urlsplit(url)
        if parts.password:
            found.append(unquote(parts.password))
            found.append(parts.password)
        found.extend(
            v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k in _PASSWORD_KEYS
        )
    except ValueError:
        pass
    return found


def secrets_of(settings: Settings) -> tuple[str, ...]:
    """Every configured secret value, with the encodings it may appear in."""
    raw = [
        settings.discord_token,
        settings.slack_bot_token,
        settings.slack_app_token,
        settings.slack_signing_secret,
        *database_password(settings.database_url),
    ]
    values: set[str] = set()
    for secret in raw:
        if secret and len(secret) >= MIN_SECRET:
            values |= {secret, quote(secret, safe=""), quote_plus(secret)}
    # Longest first, so a secret containing another is masked whole.
    return tuple(sorted(values, key=len, reverse=True))


def redact(text: str, secrets: Iterable[str] = (), *, token_fields: bool = False) -> str:
    """``text`` with every secret and anything shaped like a Slack token masked;
    with ``token_fields``, the values of ``token`` fields too."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _SLACK_TOKENS.sub(MASK, text)
    if token_fields:
        text = _TOKEN_FIELD.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactSecrets(logging.Filter):
    """Masks secrets in a record's message, traceback and stack (in place).

    On the process's handler (:func:`setup_logging`) and on the Slack SDK's loggers
    (``adapters.slack.logs.safe_logger``, with ``token_fields``). Values shorter than
    :data:`MIN_SECRET` and unset ones are ignored.
    """

    def __init__(self, secrets: Iterable[str | None] = (), *, token_fields: bool = False) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s and len(s) >= MIN_SECRET)
        self.token_fields = token_fields

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what we can, masked
            message = f"{record.msg!r} % {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        return redact(text, self.secrets, token_fields=self.token_fields)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (+ exc, stack)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is at the time of each record."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def setup_logging(
    settings: Settings,
    *,
    quiet_default: bool = False,
    env: Mapping[str, str] | None = None,
    stream: TextIO | None = None,
) -> logging.Handler:
    """Configure the root logger once per process; returns the installed handler.

    ``quiet_default``: WARNING unless ROOTS_LOG_LEVEL is set (the console).
    A handler installed by an earlier call is replaced, other handlers are kept.
    """
    env = os.environ if env is None else env
    level = settings.log_level
    if quiet_default and not env.get("ROOTS_LOG_LEVEL", "").strip():
        level = "WARNING"  # keep an interactive console readable
    handler: logging.Handler = (
        logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    )
    handler.set_name("roots")
    handler.setFormatter(
        JsonFormatter() if settings.log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    handler.addFilter(RedactSecrets(secrets_of(settings)))
    # Neither format shows the thread or process: the logging HOWTO's "Optimization"
    # switches skip gathering them for every record. (The caller's frame is still
    # looked up: a record asked with stack_info=True needs it.)
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "roots"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
