"""Slack settings, read from an environment mapping. Secrets never show in repr()."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.config import SettingsError
from bot.numbers import ascii_int

DEFAULT_HTTP_PORT = 3000
EVENTS_PATH = "/slack/events"


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    api_url: str | None = None
    http_port: int = DEFAULT_HTTP_PORT
    admins: frozenset[str] = frozenset()
    app_id: str | None = None  # SLACK_APP_ID; else learned from Slack at start

    @property
    def mode(self) -> str | None:
        """'socket' when an app token is set, 'http' with a signing secret, else None."""
        if not self.bot_token:
            return None
        if self.app_token:
            return "socket"
        if self.signing_secret:
            return "http"
        return None

    def __repr__(self) -> str:
        return (
            f"SlackSettings(mode={self.mode!r}, api_url={self.api_url!r}, "
            f"http_port={self.http_port!r}, admins={len(self.admins)})"
        )

    __str__ = __repr__


def load_slack_settings(env: Mapping[str, str] | None = None) -> SlackSettings:
    env = os.environ if env is None else env

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    port_raw = get("ROOTS_HTTP_PORT") or str(DEFAULT_HTTP_PORT)
    port = ascii_int(port_raw, 5)
    if port is None or port > 65535:
        raise SettingsError(f"ROOTS_HTTP_PORT={port_raw!r}: use a port number from 0 to 65535.")
    admins = frozenset(
        word for word in (get("ROOTS_SLACK_ADMINS") or "").replace(",", " ").split() if word
    )
    app_token = get("SLACK_APP_TOKEN")
    if app_token and not app_token.startswith("xapp-"):
        raise SettingsError("SLACK_APP_TOKEN must be an app-level token starting with xapp-.")
    app_id = get("SLACK_APP_ID")
    if app_id and not (app_id.isascii() and app_id.isalnum() and app_id.startswith("A")):
        raise SettingsError(f"SLACK_APP_ID={app_id!r}: use the app id from the app's page (A…).")
    api_url = get("SLACK_API_URL")
    if api_url and not api_url.startswith(("https://", "http://")):
        raise SettingsError(f"SLACK_API_URL={api_url!r}: use a URL like https://slack.com/api/.")
    return SlackSettings(
        bot_token=get("SLACK_BOT_TOKEN"),
        app_token=app_token,
        signing_secret=get("SLACK_SIGNING_SECRET"),
        api_url=api_url,
        http_port=port,
        admins=admins,
        app_id=app_id,
    )
