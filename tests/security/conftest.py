"""The Slack HTTP-mode fixtures (a fake Slack and Roots in front of it), shared."""

from tests.adapters.slack.conftest import core, fake, roots  # noqa: F401
