"""A failure is counted as an error whatever the community's language."""

from __future__ import annotations

import pytest

from bot.messages import LOCALES, VARIANTS
from bot.metrics import Metrics
from bot.router import error_reply


@pytest.mark.parametrize("locale", [*LOCALES, *VARIANTS])  # fr@formal: "réessayez"
def test_a_failure_in_any_language_counts_as_an_error_not_a_refusal(locale: str) -> None:
    metrics = Metrics()
    assert metrics.outcome([error_reply(locale, "error.storage")]) == "error"
    assert metrics.outcome([error_reply(locale, "error.unexpected")]) == "error"
    assert metrics.outcome([error_reply(locale, "kudos.self")]) == "refused"
