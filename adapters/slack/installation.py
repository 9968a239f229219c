"""Which Slack installation this process serves, learned once at start.

``auth.test`` names the workspace (``team_id``; ``enterprise_id`` and
``is_enterprise_install`` on Enterprise Grid) and the bot (``bot_id``); the app id
comes from ``SLACK_APP_ID`` when set, else from ``auth.test`` when Slack includes it,
else from ``bots.info`` (its ``bot.app_id``: "use the app_id field to identify whether
a bot belongs to your Slack app", Slack's reference). Every payload is then checked
against it (:class:`ForeignPayloads`): one for another team or another app is
acknowledged and dropped; and only members of this workspace (or, on Enterprise
Grid, of this organisation) may be Roots admins.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import SettingsError

log = logging.getLogger(__name__)

MAX_LOGGED_FOREIGN = 1000  # foreign teams/apps remembered to log each once
TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


@dataclass(frozen=True)
class Installation:
    team_id: str
    app_id: str | None = None
    enterprise_id: str | None = None
    org_wide: bool = False  # installed on a whole Enterprise Grid organisation
    team_name: str | None = None  # the workspace's name (auth.test's "team")
    bot_user_id: str | None = None  # Roots' own member id (auth.test's "user_id")

    def is_home_member(self, team_id: str | None, enterprise_id: str | None = None) -> bool:
        """Whether a member (``users.info``: ``team_id``, ``enterprise_user.enterprise_id``)
        belongs to this workspace (org-wide install: to this organisation). Members of
        other organisations (Slack Connect) do not; nor does a member whose lookup failed."""
        if self.org_wide:
            return enterprise_id is not None and enterprise_id == self.enterprise_id
        return team_id is not None and team_id == self.team_id

    def foreign(self, body: dict[str, Any]) -> tuple[str, str] | None:
        """("team", id), ("organisation", id) or ("app", id) when ``body`` is for another
        installation, else None.

        ``api_app_id`` must be this app's, and the installation the payload is for, this
        workspace (org-wide install: this organisation). For events that is the one
        ``authorizations`` names: in a Slack Connect channel started by another
        organisation, the outer ``team_id`` is theirs though the event is ours (see
        :func:`installed_team`). Payloads naming none (``url_verification``) pass.
        """
        app = body.get("api_app_id")
        if self.app_id is not None and isinstance(app, str) and app and app != self.app_id:
            return ("app", app)
        if self.org_wide:
            enterprise = _installed(body, "enterprise_id", "enterprise")
            if enterprise is not None and enterprise != self.enterprise_id:
                return ("organisation", enterprise)
            return None
        team = installed_team(body)
        if team is not None and team != self.team_id:
            return ("team", team)
        return None

    def community(self, body: dict[str, Any]) -> str:
        """The community (workspace) an accepted event belongs to: this workspace, never
        the outer ``team_id`` of a shared channel's event (another organisation's)."""
        if self.org_wide:
            return installed_team(body) or ""
        return self.team_id


def installed_team(body: dict[str, Any]) -> str | None:
    """The workspace a payload was delivered for: ``authorizations[0].team_id`` (Events
    API), else ``team_id`` (slash commands), else ``team.id`` (interactivity)."""
    return _installed(body, "team_id", "team")


def _installed(body: dict[str, Any], key: str, nested: str) -> str | None:
    authorizations = body.get("authorizations")
    if isinstance(authorizations, list) and authorizations:
        first = authorizations[0]
        value = first.get(key) if isinstance(first, dict) else None
        return value if isinstance(value, str) and value else None
    value = body.get(key)
    if isinstance(value, str) and value:
        return value
    inner = body.get(nested)
    value = inner.get("id") if isinstance(inner, dict) else inner
    return value if isinstance(value, str) and value else None


async def learn_installation(client: AsyncWebClient, app_id: str | None = None) -> Installation:
    """Ask Slack who this bot token belongs to (``auth.test``, then ``bots.info``)."""
    try:
        auth = await client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error in TOKEN_ERRORS:
            raise SettingsError(
                f"Slack refused SLACK_BOT_TOKEN ({error}): check the token."
            ) from exc
        raise
    app_id = app_id or auth.get("app_id")
    bot_id = auth.get("bot_id")
    if app_id is None and bot_id:
        try:
            info = await client.bots_info(bot=bot_id)
            app_id = (info.get("bot") or {}).get("app_id")
        except SlackApiError as exc:
            log.warning(
                "bots.info failed (%s): Slack payloads are checked by team only;"
                " set SLACK_APP_ID to check the app too",
                exc.response.get("error"),
            )
    installation = Installation(
        team_id=str(auth["team_id"]),
        app_id=app_id,
        enterprise_id=auth.get("enterprise_id") or None,
        org_wide=bool(auth.get("is_enterprise_install")),
        team_name=auth.get("team") if isinstance(auth.get("team"), str) else None,
        bot_user_id=auth.get("user_id") if isinstance(auth.get("user_id"), str) else None,
    )
    log.info(
        "Slack installation: team %s, app %s", installation.team_id, installation.app_id or "?"
    )
    return installation


class ForeignPayloads:
    """Bolt middleware: acknowledge and drop payloads meant for another team or app.

    Logged at WARNING once per foreign team or app (then at DEBUG), so a flood of them
    cannot flood the logs.
    """

    def __init__(self, installation: Installation) -> None:
        self.installation = installation
        self.dropped = 0
        self._logged: set[tuple[str, str]] = set()

    async def check(
        self, body: dict[str, Any], next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        if not self.drops(body):
            await next()
            return None
        return BoltResponse(status=200, body="")

    def drops(self, body: dict[str, Any]) -> bool:
        """Whether ``body`` is for another team or app (then counted and logged)."""
        foreign = self.installation.foreign(body) if isinstance(body, dict) else None
        if foreign is None:
            return False
        self.dropped += 1
        kind, value = foreign
        if foreign not in self._logged and len(self._logged) < MAX_LOGGED_FOREIGN:
            self._logged.add(foreign)
            log.warning(
                "Dropped a Slack payload for another Slack %s %s (this installation: team %s,"
                " app %s); further ones from it are logged at DEBUG",
                kind,
                value,
                self.installation.team_id,
                self.installation.app_id or "?",
            )
        else:
            log.debug("Dropped a Slack payload for another Slack %s %s", kind, value)
        return True
