"""Slack adapter: Roots on Slack with slack-bolt's async API (Socket Mode or HTTP mode)."""

from adapters.slack.app import SlackRuntime, build_app, make_client, run_slack
from adapters.slack.config import SlackSettings, load_slack_settings

__all__ = [
    "SlackRuntime",
    "SlackSettings",
    "build_app",
    "load_slack_settings",
    "make_client",
    "run_slack",
]
