"""Community settings (cached), members seen, opt-out, and /roots-config."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.clock import Clock
from bot.errors import Refusal, require_admin
from bot.messages import normalize_locale
from bot.storage.base import CommunityStore
from bot.storage.records import (
    AuditEntry,
    CommunityDefaults,
    CommunitySettings,
    ForgetReport,
    MemberRecord,
    Tally,
)
from bot.timezones import TimezoneError, check_zone
from bot.types import Context, Member

MAX_BUDGET = 50
SETTINGS_TTL = 30.0  # seconds a process trusts its cached copy of a community's settings
SEEN_TTL = 600.0  # seconds a process trusts that a member's name is recorded as it knows it
MAX_COOLDOWN_SECONDS = 24 * 3600
ON_WORDS = {"on", "yes", "true", "1", "oui", "required", "requis", "obligatoire"}
OFF_WORDS = {"off", "no", "false", "0", "non", "optional", "optionnel", "facultatif"}


@dataclass(frozen=True)
class Defaults:
    timezone: str = "UTC"
    locale: str = "en"


class CommunityService:
    def __init__(
        self,
        store: CommunityStore,
        clock: Clock,
        defaults: Defaults,
        settings_ttl: float = SETTINGS_TTL,
    ) -> None:
        self.store = store
        self.clock = clock
        self.defaults = defaults
        self.settings_ttl = settings_ttl
        # community id -> (settings, monotonic time fetched). Other processes sharing
        # the database may change settings: a cached copy is trusted for settings_ttl.
        self._settings: dict[str, tuple[CommunitySettings, float]] = {}
        # (community, member) -> (name, is_bot, monotonic time): names already recorded,
        # trusted for SEEN_TTL (another process may erase a member, `roots forget`).
        self._seen: dict[tuple[str, str], tuple[str, bool, float]] = {}

    async def settings(self, ctx: Context) -> CommunitySettings:
        cached = self._settings.get(ctx.community_id)
        if cached is not None and time.monotonic() - cached[1] < self.settings_ttl:
            return cached[0]
        fresh = await self.store.get_community(
            ctx.community_id,
            CommunityDefaults(ctx.platform, self.defaults.timezone, self.defaults.locale),
        )
        self._remember_settings(fresh)
        return fresh

    def _remember_settings(self, settings: CommunitySettings) -> None:
        self._settings[settings.community_id] = (settings, time.monotonic())

    async def see(self, community_id: str, *members: Member) -> None:
        """Remember members' names; writes only when something changed."""
        now = time.monotonic()
        changed = [m for m in members if not self._known(community_id, m, now)]
        if changed:
            await self.store.upsert_members(community_id, changed)
            self.remember(community_id, *changed)

    def _known(self, community_id: str, member: Member, now: float) -> bool:
        seen = self._seen.get((community_id, member.id))
        return (
            seen is not None
            and seen[:2] == (member.name, member.is_bot)
            and now - seen[2] < SEEN_TTL
        )

    def remember(self, community_id: str, *members: Member) -> None:
        """Note members the store already upserted (the kudos path does it itself)."""
        now = time.monotonic()
        for m in members:
            self._seen[(community_id, m.id)] = (m.name, m.is_bot, now)

    def forget(self, community_id: str, member_id: str) -> None:
        """The member was erased: record their name again if they come back."""
        self._seen.pop((community_id, member_id), None)

    async def member(self, community_id: str, member_id: str) -> MemberRecord | None:
        return await self.store.get_member(community_id, member_id)

    async def member_named(self, community_id: str, name: str) -> MemberRecord | None:
        """The one member whose display name is ``name`` (case-insensitive), if any."""
        return await self.store.find_member_by_name(community_id, name)

    async def life_tally(self, community_id: str, member_id: str) -> Tally:
        """The member's kudos given and received, all time."""
        return (await self.store.tallies(community_id, member_id, ["life"]))["life"]

    async def erase_member(
        self, community_id: str, member_id: str, placeholder: str
    ) -> ForgetReport:
        """Erase the member's personal data (``CommunityStore.forget_member``)."""
        return await self.store.forget_member(community_id, member_id, placeholder=placeholder)

    async def goal_minutes_given(self, community_id: str, member_id: str) -> int:
        """Minutes the member gave to others' goals, all time (what an erasure keeps
        anonymously)."""
        return (await self.store.minutes_given(community_id, member_id, ""))[1]

    async def audit(
        self,
        ctx: Context,
        action: str,
        *,
        subject_id: str = "",
        detail: str | None = None,
        anonymous: bool = False,
    ) -> None:
        """An audit-log row: ``ctx.actor`` (an admin) did ``action`` now. ``anonymous``
        when the actor was just erased (they forgot themselves): no id of theirs stays."""
        actor = "" if anonymous else ctx.actor.id
        await self.store.add_audit(
            ctx.community_id, actor, action, self.clock.now(), subject_id=subject_id, detail=detail
        )

    async def audit_log(self, community_id: str, limit: int) -> list[AuditEntry]:
        return await self.store.audit_entries(community_id, limit)

    async def catchup_minutes(self, community_id: str) -> int:
        return await self.store.get_catchup_minutes(community_id)

    async def set_opted_out(self, ctx: Context, opted_out: bool) -> None:
        # Recorded whatever this process remembers: the row must exist for the flag.
        await self.store.upsert_members(ctx.community_id, [ctx.actor])
        self.remember(ctx.community_id, ctx.actor)
        await self.store.set_opted_out(ctx.community_id, ctx.actor.id, opted_out)

    # ------------------------------------------------------------ /roots-config

    async def update(self, ctx: Context, setting: str, raw: str) -> CommunitySettings:
        require_admin(ctx)
        value = _parse_setting(setting, raw)
        updated = await self.store.update_community(ctx.community_id, **{setting: value})
        self._remember_settings(updated)
        return updated

    async def new_season(self, ctx: Context) -> CommunitySettings:
        require_admin(ctx)
        await self.settings(ctx)
        updated = await self.store.start_season(ctx.community_id, self.clock.now())
        self._remember_settings(updated)
        return updated


def _parse_setting(setting: str, raw: str) -> object:
    value = raw.strip()
    if setting == "timezone":
        try:
            return check_zone(value)
        except TimezoneError:
            raise Refusal("config.bad_timezone", value=value) from None
    if setting == "locale":
        locale = normalize_locale(value) if value else None
        if locale is None:
            raise Refusal("config.bad_locale", value=value)
        return locale
    if setting == "daily_budget":
        return _bounded_int(value, 1, MAX_BUDGET, "config.bad_budget")
    if setting == "cooldown_seconds":
        return _bounded_int(value, 0, MAX_COOLDOWN_SECONDS, "config.bad_cooldown")
    if setting == "kudos_emoji":
        if not value or len(value) > 64 or any(c.isspace() for c in value):
            raise Refusal("config.bad_emoji", value=value)
        return value
    if setting in ("reason_required", "leaderboards_enabled"):
        word = value.lower()
        if word in ON_WORDS:
            return True
        if word in OFF_WORDS:
            return False
        raise Refusal("config.bad_toggle", value=value)
    raise Refusal("config.unknown", value=setting)


def _bounded_int(value: str, low: int, high: int, key: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise Refusal(key, value=value, low=low, high=high) from None
    if not low <= number <= high:
        raise Refusal(key, value=value, low=low, high=high)
    return number
