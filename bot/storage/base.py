"""The storage port: records and the interface every backend implements.

Services speak only these types. SQLite implements it today (``sqlite.py``);
PostgreSQL will implement the same Protocol. Nothing SQL-specific leaks out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Protocol

from bot.types import Member


class StorageError(RuntimeError):
    """The database could not do what was asked (unreachable, locked too long...)."""


class SchemaTooNewError(StorageError):
    """The database was migrated by a newer Roots than this one."""


@dataclass(frozen=True)
class CommunityDefaults:
    platform: str
    timezone: str
    locale: str


@dataclass(frozen=True)
class CommunitySettings:
    community_id: str
    platform: str
    timezone: str
    locale: str
    daily_budget: int = 5
    kudos_emoji: str = "🌱"
    reason_required: bool = True
    leaderboards_enabled: bool = True
    cooldown_seconds: int = 60
    season: int = 1
    season_started_at: datetime | None = None


# Settings an admin may change with /roots-config (column name -> python type).
EDITABLE_SETTINGS: dict[str, type] = {
    "timezone": str,
    "locale": str,
    "daily_budget": int,
    "kudos_emoji": str,
    "reason_required": bool,
    "leaderboards_enabled": bool,
    "cooldown_seconds": int,
}


@dataclass(frozen=True)
class MemberRecord:
    id: str
    name: str
    is_bot: bool = False
    opted_out: bool = False


@dataclass(frozen=True)
class KudosDraft:
    """One kudos action (one giver, one or more receivers), checked atomically.

    The store refuses the whole action when the giver's kudos on ``local_day``
    plus ``len(receivers)`` exceed ``budget``, or when the giver thanked one of
    the receivers after ``cooldown_since``; it records nothing twice for one
    ``source_event_id``.
    """

    community_id: str
    action_id: str
    giver: Member
    receivers: tuple[Member, ...]
    reason: str
    channel_id: str
    source: str
    source_event_id: str | None
    created_at: datetime
    local_day: date
    season: int
    week_key: str
    month_key: str
    budget: int
    cooldown_since: datetime | None


class KudosStatus(Enum):
    RECORDED = "recorded"
    DUPLICATE = "duplicate"
    OVER_BUDGET = "over_budget"
    COOLDOWN = "cooldown"
    OPTED_OUT = "opted_out"


@dataclass(frozen=True)
class KudosOutcome:
    status: KudosStatus
    kudos_ids: tuple[int, ...] = ()
    given_today: int = 0  # after this action when recorded, before it otherwise
    cooling_receiver: str | None = None  # the receiver that blocked it (cooldown, opt-out)
    last_given_at: datetime | None = None


@dataclass(frozen=True)
class KudosRow:
    kudos_id: int
    action_id: str
    giver_id: str
    receiver_id: str
    reason: str
    source: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class BoardRow:
    member: MemberRecord
    count: int
    rank: int


class Role(Enum):
    GIVERS = "given"
    RECEIVERS = "received"


@dataclass(frozen=True)
class Tally:
    given: int = 0
    received: int = 0


class Store(Protocol):
    async def open(self) -> None:
        """Connect and apply migrations. Raises SchemaTooNewError."""

    async def close(self) -> None: ...

    async def get_community(
        self, community_id: str, defaults: CommunityDefaults
    ) -> CommunitySettings:
        """The community's settings, created from ``defaults`` on first use."""

    async def update_community(self, community_id: str, **changes: object) -> CommunitySettings:
        """Change editable settings (keys of EDITABLE_SETTINGS)."""

    async def start_season(self, community_id: str, at: datetime) -> CommunitySettings: ...

    async def upsert_members(self, community_id: str, members: Iterable[Member]) -> None: ...

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None: ...

    async def find_member_by_name(self, community_id: str, name: str) -> MemberRecord | None:
        """A member whose display name is ``name`` (case-insensitive), if exactly one."""

    async def set_opted_out(self, community_id: str, member_id: str, opted_out: bool) -> None: ...

    async def record_kudos(self, draft: KudosDraft) -> KudosOutcome: ...

    async def undo_last_action(
        self, community_id: str, giver_id: str, since: datetime, at: datetime
    ) -> list[KudosRow]:
        """Revoke the giver's latest action if it was made after ``since``."""

    async def revoke_kudos(
        self, community_id: str, kudos_id: int, by: str, at: datetime
    ) -> KudosRow | None:
        """Revoke one kudos; returns the row as it was before, None when unknown."""

    async def get_kudos(self, community_id: str, kudos_id: int) -> KudosRow | None: ...

    async def top_members(
        self, community_id: str, period: str, role: Role, limit: int
    ) -> list[BoardRow]:
        """Opted-in members with a count > 0, best first, ties sharing a rank."""

    async def member_rank(
        self, community_id: str, period: str, role: Role, member_id: str
    ) -> BoardRow | None: ...

    async def tallies(
        self, community_id: str, member_id: str, periods: Iterable[str]
    ) -> dict[str, Tally]: ...

    async def giving_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        """Distinct local days with an active kudos given, newest first."""

    async def top_helpers(
        self, community_id: str, member_id: str, limit: int
    ) -> list[tuple[MemberRecord, int]]: ...

    async def not_thanked_back(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[tuple[MemberRecord, int]]:
        """Opted-in members who thanked ``member_id`` since ``since``, never thanked back."""

    async def count_active_kudos(self, community_id: str) -> int: ...
