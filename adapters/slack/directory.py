"""Members' names, bot flags, admin flags and time zones from ``users.info``, cached.

One lookup per member per ``ttl`` seconds; concurrent lookups of the same member
share one call. Once a member is known, a kudos to them costs no Web API call.
When Slack can't answer, the name Slack showed in the payload is used (and
remembered briefly, so a flaky API isn't hammered).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.types import Member

log = logging.getLogger(__name__)

DEFAULT_TTL = 3600.0
FAILURE_TTL = 60.0
SLACKBOT = "USLACKBOT"


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    is_bot: bool = False
    is_admin: bool = False
    tz: str | None = None
    team_id: str | None = None  # the member's workspace (another one: Slack Connect)
    enterprise_id: str | None = None

    @property
    def member(self) -> Member:
        return Member(self.id, self.name, self.is_bot)


def profile_from_user(user: dict[str, Any]) -> Profile:
    info = user.get("profile") or {}
    name = (
        info.get("display_name")
        or info.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user["id"]
    )
    return Profile(
        id=user["id"],
        name=name,
        is_bot=bool(user.get("is_bot")) or user["id"] == SLACKBOT,
        is_admin=bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")),
        tz=user.get("tz"),
        team_id=user.get("team_id"),
        enterprise_id=(user.get("enterprise_user") or {}).get("enterprise_id"),
    )


class Directory:
    def __init__(
        self,
        client: AsyncWebClient,
        admins: Iterable[str] = (),
        *,
        ttl: float = DEFAULT_TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.admins = frozenset(admins)
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[tuple[str, str], tuple[Profile, float]] = {}
        self._pending: dict[tuple[str, str], asyncio.Future[Profile]] = {}
        self.calls = 0  # users.info calls made (for tests and the benchmark)

    def known(self, team_id: str, user_id: str) -> Profile | None:
        hit = self._cache.get((team_id, user_id))
        if hit is None or hit[1] <= self.clock():
            return None
        return hit[0]

    async def profile(self, team_id: str, user_id: str, fallback_name: str = "") -> Profile:
        found = self.known(team_id, user_id)
        if found is not None:
            return self._with_admins(found)
        key = (team_id, user_id)
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._fetch(team_id, user_id, fallback_name))
            self._pending[key] = pending
            pending.add_done_callback(lambda _f: self._pending.pop(key, None))
        return self._with_admins(await asyncio.shield(pending))

    async def members(self, team_id: str, names: dict[str, str]) -> dict[str, Member]:
        """Members for the ids in ``names`` (id -> fallback name), looked up together."""
        known = {i: self.known(team_id, i) for i in names}
        missing = [i for i, p in known.items() if p is None]
        if missing:
            found = await asyncio.gather(*(self.profile(team_id, i, names[i]) for i in missing))
            known.update(zip(missing, found, strict=True))
        return {i: p.member for i, p in known.items() if p is not None}

    def _with_admins(self, profile: Profile) -> Profile:
        if profile.id in self.admins and not profile.is_admin:
            return replace(profile, is_admin=True)
        return profile

    async def _fetch(self, team_id: str, user_id: str, fallback_name: str) -> Profile:
        self.calls += 1
        try:
            response = await self.client.users_info(user=user_id)
            profile = profile_from_user(response["user"])
            ttl = self.ttl
        except (TimeoutError, SlackApiError, aiohttp.ClientError, OSError, KeyError) as exc:
            log.warning("users.info failed for %s: %s", user_id, _reason(exc))
            profile = Profile(user_id, fallback_name or user_id)
            ttl = FAILURE_TTL
        self._cache[(team_id, user_id)] = (profile, self.clock() + ttl)
        return profile


def _reason(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "error"))
    return type(exc).__name__
