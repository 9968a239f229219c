"""Loggers for Bolt and slack_sdk that never print a token or a secret.

Bolt and slack_sdk log payloads at DEBUG (and Slack payloads carry the legacy
verification ``token``). Every record that goes through these loggers (Bolt
copies the filter to its internal loggers) has Slack tokens, the configured
secrets and ``token`` fields masked before any handler formats it, by the
process's one secret filter (:class:`bot.logs.RedactSecrets`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.logs import RedactSecrets


def safe_logger(name: str, secrets: Iterable[str | None] = ()) -> logging.Logger:
    """``logging.getLogger(name)`` with one :class:`RedactSecrets` filter on it."""
    logger = logging.getLogger(name)
    for old in [f for f in logger.filters if isinstance(f, RedactSecrets)]:
        logger.removeFilter(old)
    logger.addFilter(RedactSecrets(secrets, token_fields=True))
    return logger
