"""Loggers for Bolt and slack_sdk that never print a token or a secret.

Bolt and slack_sdk log payloads at DEBUG (and Slack payloads carry the legacy
verification ``token``). Every record that goes through these loggers (Bolt
copies the filter to its internal loggers) has Slack tokens, the configured
secrets and ``token`` fields masked before any handler formats it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "***"
_TOKENS = re.compile(r"\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+")
_TOKEN_FIELD = re.compile(r"""((?<![A-Za-z0-9_])['"]?token['"]?\s*[:=]\s*['"]?)[^'"&,\s})]+""")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    text = _TOKENS.sub(MASK, text)
    return _TOKEN_FIELD.sub(lambda m: m.group(1) + MASK, text)


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s and len(s) >= 4)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def safe_logger(name: str, secrets: Iterable[str | None] = ()) -> logging.Logger:
    """``logging.getLogger(name)`` with one :class:`RedactSecrets` filter on it."""
    logger = logging.getLogger(name)
    for old in [f for f in logger.filters if isinstance(f, RedactSecrets)]:
        logger.removeFilter(old)
    logger.addFilter(RedactSecrets(secrets))
    return logger
