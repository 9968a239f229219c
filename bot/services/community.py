"""Community settings (cached), members seen, opt-out, and /roots-config."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, replace

from bot.clock import Clock
from bot.errors import Refusal, require_admin
from bot.messages import FORMALITIES, INFORMAL, LOCALES, normalize_locale, voiced
from bot.messages.catalog import FORMAL, MODIFIER, base_locale
from bot.storage.base import CommunityLookup, CommunityStore
from bot.storage.records import (
    AuditEntry,
    CommunityDefaults,
    CommunitySettings,
    ForgetReport,
    MemberRecord,
    ScheduleRecord,
    Tally,
)
from bot.timezones import TimezoneError, check_zone
from bot.types import Context, Member, Plain

MAX_BUDGET = 50
SETTINGS_TTL = 30.0  # seconds a process trusts its cached copy of a community's settings
SEEN_TTL = 600.0  # seconds a process trusts that a member's name is recorded as it knows it
MAX_COOLDOWN_SECONDS = 24 * 3600
LANGUAGE_TTL = 30.0  # seconds a process trusts its cached copy of a member's language
MAX_CACHED_LANGUAGES = 10_000
AUTO = "auto"  # /roots language auto: no choice stored

MAX_COMMUNITY_NAME = 100  # Discord's limit for a server's name
ON_WORDS = {"on", "yes", "true", "1", "oui", "required", "requis", "obligatoire"}
ON_WORDS |= {"sí", "si", "obligatorio", "ja", "an", "ein", "pflicht"}  # Spanish, German
OFF_WORDS = {"off", "no", "false", "0", "non", "optional", "optionnel", "facultatif"}
OFF_WORDS |= {"opcional", "nein", "aus", "optional"}
# /roots-config formality: the words for each tone, in every language of the bot.
FORMALITY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "informal",
            "informel",
            "informelle",
            "tu",
            "tutoiement",
            "du",
            "duzen",
            "informell",
            "tú",
            "tu-form",
            "du-form",
        ),
        INFORMAL,
    ),
    **dict.fromkeys(
        (
            "formal",
            "formel",
            "formelle",
            "vous",
            "vouvoiement",
            "sie",
            "siezen",
            "förmlich",
            "usted",
            "sie-form",
        ),
        FORMAL,
    ),
}


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
        # community id -> the read of its settings under way: callers that miss the cache
        # together (fifty concurrent kudos when it expires) share one read.
        self._reading: dict[str, asyncio.Future[CommunitySettings]] = {}
        # (community, member) -> (name, is_bot, monotonic time): names already recorded,
        # trusted for SEEN_TTL (another process may erase a member, `roots forget`).
        self._seen: dict[tuple[str, str], tuple[str, bool, float]] = {}
        # (community, member) -> (their language or None for auto, monotonic time).
        self._languages: dict[tuple[str, str], tuple[str | None, float]] = {}

        self._names: dict[str, str] = {}  # community id -> the name recorded

    async def settings(self, ctx: Context) -> CommunitySettings:
        """The community's settings; ``locale`` is the one its texts are in, with the
        community's tone: ``fr@formal`` for a French community that chose vouvoiement
        (see :func:`bot.messages.voiced`; the stored language is ``base_locale`` of it).
        """
        cached = self._settings.get(ctx.community_id)
        if cached is not None and time.monotonic() - cached[1] < self.settings_ttl:
            return cached[0]
        reading = self._reading.get(ctx.community_id)
        if reading is None:
            reading = asyncio.ensure_future(self._read_settings(ctx))
            self._reading[ctx.community_id] = reading
        # Shielded: one caller giving up (a cancelled command) doesn't cancel the others'.
        return await asyncio.shield(reading)

    async def _read_settings(self, ctx: Context) -> CommunitySettings:
        try:
            fresh = await self.store.get_community(
                ctx.community_id,
                CommunityDefaults(ctx.platform, self.defaults.timezone, self.defaults.locale),
            )
        finally:
            self._reading.pop(ctx.community_id, None)
        return self._remember_settings(fresh)

    def _remember_settings(self, settings: CommunitySettings) -> CommunitySettings:
        spoken = replace(settings, locale=voiced(settings.locale, settings.formality))
        self._settings[settings.community_id] = (spoken, time.monotonic())
        return spoken

    async def voice(self, ctx: Context, locale: str) -> str:
        """``locale`` (a schedule's language, say) in the community's tone."""
        return voiced(locale, (await self.settings(ctx)).formality)

    # ------------------------------------------------------------ each member's language
    #
    # Which language a text uses (CONTRIBUTING.md, "Which language a message uses"):
    # what everyone reads (a public post, a scheduled post in a channel) is in the
    # community's language, ``settings(ctx).locale`` (or the schedule's); what one
    # member reads (an ephemeral reply, an error, a direct message, their dashboard)
    # is in theirs, ``private_locale(ctx)`` or ``locale_of(...)``.

    async def private_locale(self, ctx: Context) -> str:
        """The language of a private answer to ``ctx.actor``: the one they chose with
        /roots language; on auto, the language their app is set to when the platform
        said it (``ctx.platform_locale``) and Roots speaks it; else the community's."""
        community = (await self.settings(ctx)).locale
        return await self.locale_of(
            ctx.community_id, ctx.actor.id, community, platform_locale=ctx.platform_locale
        )

    async def private_settings(self, ctx: Context) -> CommunitySettings:
        """The community's settings as a private answer to ``ctx.actor`` uses them: its
        zone, budget…, and as ``locale`` the member's language (:meth:`private_locale`)."""
        return replace(await self.settings(ctx), locale=await self.private_locale(ctx))

    async def locale_of(
        self,
        community_id: str,
        member_id: str,
        community_locale: str,
        *,
        platform_locale: str | None = None,
    ) -> str:
        """The language for ``member_id`` alone (see :meth:`private_locale`), when the
        community's language is ``community_locale``."""
        chosen = await self.language(community_id, member_id)
        if chosen is None and platform_locale:
            chosen = normalize_locale(platform_locale)
        return member_locale(chosen, community_locale)

    async def language(self, community_id: str, member_id: str) -> str | None:
        """The language the member chose (/roots language); None: auto."""
        key = (community_id, member_id)
        cached = self._languages.get(key)
        if cached is not None and time.monotonic() - cached[1] < LANGUAGE_TTL:
            return cached[0]
        chosen = await self.store.member_language(community_id, member_id)
        self._remember_language(key, chosen)
        return chosen

    async def set_language(self, ctx: Context, word: str) -> str | None:
        """Store ``ctx.actor``'s choice: a language Roots speaks (``fr``, ``FR``,
        ``fr-CA``) or ``auto``; returns it (None for auto). Refusal for anything else,
        and nothing changes."""
        value = word.strip()
        chosen = None if value.lower() == AUTO else normalize_locale(value) if value else None
        if chosen is None and value.lower() != AUTO:
            raise Refusal("language.usage", value=value, choices=Plain(language_choices()))
        await self.store.upsert_members(ctx.community_id, [ctx.actor])
        self.remember(ctx.community_id, ctx.actor)
        await self.store.set_member_language(ctx.community_id, ctx.actor.id, chosen)
        self._remember_language((ctx.community_id, ctx.actor.id), chosen)
        return chosen

    def _remember_language(self, key: tuple[str, str], chosen: str | None) -> None:
        if len(self._languages) >= MAX_CACHED_LANGUAGES:
            self._languages.clear()
        self._languages[key] = (chosen, time.monotonic())

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

    async def name_community(self, platform: str, community_id: str, name: str) -> None:
        """Record the community's name as its platform shows it (the Discord server's,
        the Slack workspace's): the dashboard shows it rather than the id. Writes only
        a name this process has not recorded yet (the community is created if new)."""
        name = " ".join(name.split())[:MAX_COMMUNITY_NAME]
        if not name or self._names.get(community_id) == name:
            return
        await self.settings(Context(platform, community_id, "", Member("", "")))
        if await self.store.name_community(community_id, name):
            self._names[community_id] = name
            self._settings.pop(community_id, None)

    def forget(self, community_id: str, member_id: str) -> None:
        """The member was erased: record their name again if they come back."""
        self._seen.pop((community_id, member_id), None)
        self._languages.pop((community_id, member_id), None)

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
        return self._remember_settings(updated)

    async def new_season(self, ctx: Context) -> CommunitySettings:
        require_admin(ctx)
        await self.settings(ctx)
        updated = await self.store.start_season(ctx.community_id, self.clock.now())
        return self._remember_settings(updated)


async def post_locale(
    store: CommunityLookup, schedule: ScheduleRecord | None, community_id: str
) -> str:
    """The locale of a scheduled post: its schedule's language in the community's tone."""
    found = await store.find_community(community_id)
    language = schedule.locale if schedule else found.locale if found else "en"
    return voiced(language, found.formality if found else INFORMAL)


def language_choices() -> str:
    """The words /roots language takes: every language Roots speaks, then auto."""
    return ", ".join([*(lang for lang in LOCALES if "@" not in lang), AUTO])


def member_locale(chosen: str | None, community: str) -> str:
    """``chosen`` (a language, or None for none) as the catalog to use, the community's
    being ``community``. A community's locale may name a variant of its language
    (``fr@formal``: how Roots addresses people there); a member who chose that language
    gets the community's variant of it, and another language in the community's tone."""
    if chosen is None or chosen == community:
        return community
    if base_locale(community) == base_locale(chosen):
        return community
    tone = FORMAL if community.endswith(f"{MODIFIER}{FORMAL}") else INFORMAL
    return voiced(chosen, tone)


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
    if setting == "formality":
        tone = FORMALITY_WORDS.get(value.lower())
        if tone is None or tone not in FORMALITIES:
            raise Refusal("config.bad_formality", value=value)
        return tone
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
