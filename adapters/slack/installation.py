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

    def is_home_member(self, team_id: str | None, enterprise_id: str | None = None) -> bool:
        """Whether a member (``users.info``: ``team_id``, ``enterprise_user.enterprise_id``)
        belongs to this workspace (org-wide install: to this organisation). Members of
        other organisations (Slack Connect) do not; nor does a member whose lookup failed."""
        if self.org_wide:
            return enterprise_id is not None and enterprise_id == self.enterprise_id
        return team_id is not None and team_id == self.team_id

    def foreign(self, body: dict[str, Any]) -> tuple[str, str] | None:
        """("team", id) or ("app", id) when ``body`` is for another installation, else None.

        The team ids the handlers read (``team_id``, ``team.id``) and the one Slack
        names in ``authorizations`` must all be this workspace's (on an org-wide
        install: the organisation's ``enterprise_id``); ``api_app_id``, this app's.
        Payloads without them (``url_verification``, ``ssl_check``) pass.
        """
        app = body.get("api_app_id")
        if self.app_id is not None and isinstance(app, str) and app and app != self.app_id:
            return ("app", app)
        if self.org_wide:
            for enterprise in _enterprise_ids(body):
                if enterprise != self.enterprise_id:
                    return ("organisation", enterprise)
            return None
        for team in _team_ids(body):
            if team != self.team_id:
                return ("team", team)
        return None


def _team_ids(body: dict[str, Any]) -> list[str]:
    found: list[Any] = [body.get("team_id")]
    team = body.get("team")
    found.append(team.get("id") if isinstance(team, dict) else team)
    for authorization in (body.get("authorizations") or [])[:1]:
        if isinstance(authorization, dict):
            found.append(authorization.get("team_id"))
    return [t for t in found if isinstance(t, str) and t]


def _enterprise_ids(body: dict[str, Any]) -> list[str]:
    found: list[Any] = [body.get("enterprise_id")]
    enterprise = body.get("enterprise")
    found.append(enterprise.get("id") if isinstance(enterprise, dict) else enterprise)
    for authorization in (body.get("authorizations") or [])[:1]:
        if isinstance(authorization, dict):
            found.append(authorization.get("enterprise_id"))
    return [e for e in found if isinstance(e, str) and e]


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
        foreign = self.installation.foreign(body) if isinstance(body, dict) else None
        if foreign is None:
            await next()
            return None
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
        return BoltResponse(status=200, body="")
