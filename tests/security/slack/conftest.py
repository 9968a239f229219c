"""The Slack side of the channel checks runs against the fake Slack (``roots``)."""

from tests.adapters.slack.conftest import core, fake, roots  # noqa: F401
