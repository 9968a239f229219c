"""Members' names, bot flags, admin flags, time zones and locales, cached.

At start the directory is filled from ``users.list`` (paged, in the background,
waiting out a 429's ``Retry-After``), and filled again every ``ttl / 2`` seconds;
``team_join`` and ``user_change`` events keep it current in between (:meth:`learn`).
So in steady state a kudos costs no Web API call: ``users.info`` is only asked about
a member the directory doesn't know (one lookup per member per ``ttl`` seconds;
concurrent lookups of the same member share one call).

The cache is bounded: at most ``max_entries`` members (least recently used go
first, expired ones before them), so a flood of made-up ids can't grow it.

Every answer says whether Slack knows the member (:class:`Found`):

* ``FOUND``: a real profile;
* ``MISSING``: Slack said ``user_not_found`` (remembered for ``FAILURE_TTL``);
* ``UNAVAILABLE``: Slack could not answer (an outage, or rate limited), so even the
  bot flag is unknown. The caller refuses politely rather than guess.

A 429 is never waited out inline: users.info calls go through a copy of the client
without the rate-limit retry handler, and the workspace is left alone until the
``Retry-After`` has passed (other failures: ``OUTAGE_PAUSE`` seconds). Meanwhile
members already known are served from the cache, even past their TTL; only an
unknown member (or admin rights to confirm) gets ``UNAVAILABLE`` at once, instead
of making every member's command wait behind the rate limit.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.types import Member

log = logging.getLogger(__name__)

DEFAULT_TTL = 3600.0
DEFAULT_MAX_ENTRIES = 10_000  # ~0.4 KB each: a few MB at most
PAGE_SIZE = 200  # users.list page size Slack recommends
FAILURE_TTL = 60.0  # a user_not_found is remembered this long
OUTAGE_PAUSE = 5.0  # seconds users.info is left alone after a failed call
MAX_RETRY_AFTER = 300.0  # a longer Retry-After is capped (and logged)
ADMIN_MAX_AGE = 60.0  # admin rights are re-checked when the profile is older
SLACKBOT = "USLACKBOT"
GONE = frozenset({"user_not_found", "users_not_found"})


class Found(Enum):
    FOUND = "found"
    MISSING = "missing"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    is_bot: bool = False
    is_admin: bool = False
    tz: str | None = None
    team_id: str | None = None  # the member's workspace (another one: Slack Connect)
    enterprise_id: str | None = None
    found: Found = Found.FOUND
    # The language the member's Slack is set to ("fr-FR"): Slack sends it when asked
    # (include_locale, users:read scope); None when it did not say.
    locale: str | None = None

    @property
    def member(self) -> Member:
        return Member(self.id, self.name, self.is_bot)


@dataclass(frozen=True)
class _Entry:
    profile: Profile
    fetched_at: float
    expires_at: float


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
        locale=user["locale"] if isinstance(user.get("locale"), str) else None,
    )


def without_rate_limit_retries(client: AsyncWebClient) -> AsyncWebClient:
    """The same client (session, token, URL) minus the handler that sleeps on 429s."""
    lookups = copy.copy(client)
    handlers: list[AsyncRetryHandler] = [
        h for h in client.retry_handlers if not isinstance(h, AsyncRateLimitErrorRetryHandler)
    ]
    lookups.retry_handlers = handlers
    return lookups


class Directory:
    def __init__(
        self,
        client: AsyncWebClient,
        admins: Iterable[str] = (),
        *,
        ttl: float = DEFAULT_TTL,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = without_rate_limit_retries(client)
        self.admins = frozenset(admins)
        self.ttl = ttl
        self.max_entries = max_entries
        self.clock = clock
        self._cache: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
        self._pending: dict[tuple[str, str], asyncio.Future[Profile]] = {}
        self._quiet_until: dict[str, float] = {}  # team -> no users.info before then
        self.calls = 0  # users.info calls made (for tests and the benchmark)
        self.list_calls = 0  # users.list pages asked for

    def __len__(self) -> int:
        return len(self._cache)

    # ------------------------------------------------------------ reading

    def known(self, team_id: str, user_id: str) -> Profile | None:
        """The cached, unexpired answer for a member (found or missing), else None."""
        key = (team_id, user_id)
        entry = self._cache.get(key)
        if entry is None or entry.expires_at <= self.clock():
            return None
        self._cache.move_to_end(key)
        return self._with_admins(entry.profile)

    def busy(self, team_id: str) -> bool:
        """Whether users.info is being left alone for this workspace right now."""
        return self._quiet_until.get(team_id, 0.0) > self.clock()

    async def profile(
        self,
        team_id: str,
        user_id: str,
        fallback_name: str = "",
        *,
        max_age: float | None = None,
    ) -> Profile:
        """The member's profile; ``max_age``: a cached one must be at most that old."""
        key = (team_id, user_id)
        now = self.clock()
        entry = self._cache.get(key)
        if entry is not None and entry.expires_at > now:
            if max_age is None or now - entry.fetched_at <= max_age:
                self._cache.move_to_end(key)
                return self._with_admins(entry.profile)
        if self.busy(team_id):
            if entry is not None and max_age is None and entry.profile.found is Found.FOUND:
                self._cache.move_to_end(key)
                return self._with_admins(entry.profile)  # stale, but Slack is busy
            return _unavailable(user_id, fallback_name)
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._fetch(team_id, user_id, fallback_name))
            self._pending[key] = pending
            pending.add_done_callback(lambda _f: self._pending.pop(key, None))
        return self._with_admins(await asyncio.shield(pending))

    async def admin_checked(self, team_id: str, user_id: str, fallback_name: str = "") -> Profile:
        """The profile of someone about to run a command: when Slack said they are an
        admin, that answer is at most ``ADMIN_MAX_AGE`` seconds old (a demoted admin
        loses Roots admin rights within a minute). UNAVAILABLE when it can't be checked."""
        found = await self.profile(team_id, user_id, fallback_name)
        entry = self._cache.get((team_id, user_id))
        if entry is None or not entry.profile.is_admin:
            return found
        return await self.profile(team_id, user_id, fallback_name, max_age=ADMIN_MAX_AGE)

    async def lookup(
        self, team_id: str, ids: Sequence[str], names: dict[str, str], *, limit: int
    ) -> dict[str, Profile]:
        """Profiles for ``ids`` (in order): the first ``limit`` are looked up, the
        others only come from the cache (a flood of mentions costs ``limit`` calls)."""
        wanted = list(dict.fromkeys(ids))
        asked = wanted[:limit]
        found = await asyncio.gather(*(self.profile(team_id, i, names.get(i, "")) for i in asked))
        profiles = dict(zip(asked, found, strict=True))
        for i in wanted[limit:]:
            cached = self.known(team_id, i)
            if cached is not None:
                profiles[i] = cached
        return profiles

    def _with_admins(self, profile: Profile) -> Profile:
        if profile.id in self.admins and not profile.is_admin and profile.found is Found.FOUND:
            return replace(profile, is_admin=True)
        return profile

    # ------------------------------------------------------------ fetching

    async def _fetch(self, team_id: str, user_id: str, fallback_name: str) -> Profile:
        self.calls += 1
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
            profile = profile_from_user(response["user"])
        except SlackApiError as exc:
            error = str(exc.response.get("error", "error"))
            if error in GONE:
                log.info("users.info: %s is not a member (%s)", user_id, error)
                profile = Profile(user_id, fallback_name or user_id, found=Found.MISSING)
                self._store(team_id, profile, FAILURE_TTL)
                return profile
            if exc.response.status_code == 429 or error == "ratelimited":
                pause = _retry_after(exc.response.headers)
                log.warning("users.info rate limited: lookups paused for %.0f s", pause)
            else:
                pause = OUTAGE_PAUSE
                log.warning("users.info failed for %s: %s", user_id, error)
            self._pause(team_id, pause)
            return _unavailable(user_id, fallback_name)
        except (TimeoutError, aiohttp.ClientError, OSError, KeyError) as exc:
            log.warning("users.info failed for %s: %s", user_id, type(exc).__name__)
            self._pause(team_id, OUTAGE_PAUSE)
            return _unavailable(user_id, fallback_name)
        self._store(team_id, profile, self.ttl)
        return profile

    # ------------------------------------------------------------ filling

    def learn(self, team_id: str, user: dict[str, Any]) -> Profile | None:
        """Keep a profile Slack sent (``users.list``, ``team_join``, ``user_change``) as
        fresh as a ``users.info`` answer. None when it is not a user object."""
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            return None
        profile = profile_from_user(user)
        if profile.locale is None:  # an event's user object has none: keep the one known
            previous = self._cache.get((team_id, profile.id))
            if previous is not None and previous.profile.locale is not None:
                profile = replace(profile, locale=previous.profile.locale)
        self._store(team_id, profile, self.ttl)
        return profile

    async def fill(self, team_id: str, *, page_size: int = PAGE_SIZE) -> int:
        """Learn the workspace's members from ``users.list``, page by page, up to
        ``max_entries`` (members beyond are looked up one by one when needed). A 429 is
        waited out (this runs in the background); another failure ends the fill, and
        lookups fall back to ``users.info``. Returns how many members were learned."""
        learned = 0
        cursor: str | None = None
        while learned < self.max_entries:
            self.list_calls += 1
            try:
                response = await self.client.users_list(
                    limit=page_size, cursor=cursor, include_locale=True
                )
            except SlackApiError as exc:
                error = str(exc.response.get("error", "error"))
                if exc.response.status_code == 429 or error == "ratelimited":
                    pause = _retry_after(exc.response.headers)
                    log.info("users.list rate limited: next page in %.0f s", pause)
                    await asyncio.sleep(pause)
                    continue
                log.warning("users.list failed (%s): members are looked up one by one", error)
                break
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                log.warning("users.list failed (%s): members are looked up one by one", exc)
                break
            for user in response.get("members") or ():
                if learned < self.max_entries and self.learn(team_id, user) is not None:
                    learned += 1
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                break
        log.info("Slack directory: %d members learned from users.list", learned)
        return learned

    async def keep_filled(self, team_id: str, filled: asyncio.Event | None = None) -> None:
        """Fill now, then every ``ttl / 2`` seconds, so known members never expire.
        ``filled`` is set once the first fill has ended."""
        while True:
            await self.fill(team_id)
            if filled is not None:
                filled.set()
            await asyncio.sleep(self.ttl / 2)

    def _pause(self, team_id: str, seconds: float) -> None:
        until = self.clock() + seconds
        self._quiet_until[team_id] = max(until, self._quiet_until.get(team_id, 0.0))

    def _store(self, team_id: str, profile: Profile, ttl: float) -> None:
        now = self.clock()
        key = (team_id, profile.id)
        self._cache[key] = _Entry(profile, now, now + ttl)
        self._cache.move_to_end(key)
        # Expired entries at the least recently used end go first, then the LRU ones.
        while self._cache:
            oldest_key, oldest = next(iter(self._cache.items()))
            if oldest.expires_at > now and len(self._cache) <= self.max_entries:
                break
            del self._cache[oldest_key]


def _unavailable(user_id: str, fallback_name: str) -> Profile:
    return Profile(user_id, fallback_name or user_id, found=Found.UNAVAILABLE)


def _retry_after(headers: Any) -> float:
    raw = None
    for name, value in dict(headers or {}).items():
        if str(name).lower() == "retry-after":
            raw = value[0] if isinstance(value, list) and value else value
    try:
        seconds = float(raw) if raw is not None else OUTAGE_PAUSE
    except (TypeError, ValueError):
        seconds = OUTAGE_PAUSE
    return min(max(seconds, 1.0), MAX_RETRY_AFTER)
