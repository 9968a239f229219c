"""Discord settings, read from an environment mapping. The token never appears in a repr."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.config import SettingsError
from bot.storage.records import ShardScope

DEFAULT_API_URL = "https://discord.com/api/v10"


@dataclass(frozen=True)
class DiscordSettings:
    token: str = field(repr=False)
    api_url: str | None = None
    gateway_url: str | None = None
    message_content: bool = False
    # ROOTS_DISCORD_MEMBERS=1: the privileged Server Members intent, so team kudos can
    # list a role's members (issue 15). Off by default: a role is then refused politely.
    members: bool = False
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    application_id: int | None = None
    # Seconds the core may take before an interaction is deferred (Discord allows 3).
    defer_after: float = 1.5

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    def scope(self) -> ShardScope | None:
        """The guilds this process posts for, when it holds some shards only."""
        if not self.shard_count or self.shard_ids is None:
            return None
        return ShardScope(self.shard_count, frozenset(self.shard_ids))

    def holds(self, guild_id: int) -> bool:
        """Whether this process's shards receive (and post for) ``guild_id``."""
        scope = self.scope()
        return scope is None or scope.holds(str(guild_id))

    def __repr__(self) -> str:
        return (
            f"DiscordSettings(api_url={self.api_url!r}, gateway_url={self.gateway_url!r}, "
            f"message_content={self.message_content!r}, members={self.members!r},"
            f" shard_count={self.shard_count!r}, "
            f"shard_ids={self.shard_ids!r}, token=***)"
        )

    __str__ = __repr__


def _int(name: str, raw: str, minimum: int = 0) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise SettingsError(f"{name}={raw!r} must be at least {minimum}.")
    return value


def _flag(name: str, raw: str | None) -> bool:
    if raw is None:
        return False
    value = raw.lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}={raw!r}: use 1 or 0.")


def load_discord_settings(env: Mapping[str, str] | None = None) -> DiscordSettings | None:
    """Discord settings, or None when ``DISCORD_TOKEN`` is not set."""
    env = os.environ if env is None else env

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    token = get("DISCORD_TOKEN")
    if token is None:
        return None
    api_url = get("DISCORD_API_URL")
    if api_url and not api_url.startswith(("http://", "https://")):
        raise SettingsError(f"DISCORD_API_URL={api_url!r}: use an http(s):// URL.")
    gateway_url = get("DISCORD_GATEWAY_URL")
    if gateway_url and not gateway_url.startswith(("ws://", "wss://")):
        raise SettingsError(f"DISCORD_GATEWAY_URL={gateway_url!r}: use a ws(s):// URL.")
    shards_raw = get("ROOTS_DISCORD_SHARDS")
    ids_raw = get("ROOTS_DISCORD_SHARD_IDS")
    shard_count = _int("ROOTS_DISCORD_SHARDS", shards_raw, 1) if shards_raw else None
    shard_ids: tuple[int, ...] | None = None
    if ids_raw:
        if shard_count is None:
            raise SettingsError("ROOTS_DISCORD_SHARD_IDS needs ROOTS_DISCORD_SHARDS (the count).")
        shard_ids = tuple(
            sorted({_int("ROOTS_DISCORD_SHARD_IDS", p.strip()) for p in ids_raw.split(",")})
        )
        if any(i >= shard_count for i in shard_ids):
            raise SettingsError(
                f"ROOTS_DISCORD_SHARD_IDS={ids_raw!r}: ids go from 0 to {shard_count - 1}."
            )
    app_raw = get("DISCORD_APPLICATION_ID")
    content_raw = get("ROOTS_DISCORD_MESSAGE_CONTENT")
    return DiscordSettings(
        token=token,
        api_url=api_url.rstrip("/") if api_url else None,
        gateway_url=gateway_url,
        message_content=_flag("ROOTS_DISCORD_MESSAGE_CONTENT", content_raw),
        members=_flag("ROOTS_DISCORD_MEMBERS", get("ROOTS_DISCORD_MEMBERS")),
        shard_count=shard_count,
        shard_ids=shard_ids,
        application_id=_int("DISCORD_APPLICATION_ID", app_raw) if app_raw else None,
    )
