"""The records the storage ports speak (``base``).

Plain frozen dataclasses and enums: nothing SQL-specific leaks out of a store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from bot.numbers import snowflake
from bot.types import Member


class StorageError(RuntimeError):
    """The database could not do what was asked (unreachable, locked too long...)."""


class SchemaTooNewError(StorageError):
    """The database was migrated by a newer Roots than this one."""


class PendingLimitError(Exception):
    """The member already has as many suggestions waiting as allowed; nothing stored."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"at most {limit} suggestions waiting per member")
        self.limit = limit


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
    # The name the platform shows (Discord server, Slack workspace); None until known.
    display_name: str | None = None

    # How Roots addresses members where the language has two forms (French tu/vous,
    # German du/Sie): "informal" (the default) or "formal". /roots-config formality.
    formality: str = "informal"


# Settings an admin may change with /roots-config (column name -> python type).
EDITABLE_SETTINGS: dict[str, type] = {
    "timezone": str,
    "locale": str,
    "daily_budget": int,
    "kudos_emoji": str,
    "reason_required": bool,
    "leaderboards_enabled": bool,
    "cooldown_seconds": int,
    "formality": str,
}


@dataclass(frozen=True)
class MemberRecord:
    id: str
    name: str
    is_bot: bool = False
    opted_out: bool = False


# The source of team kudos (a Discord role, a Slack user group thanked at once): one
# unit of the giver's budget, shown in roots and digests, never on leaderboards.
TEAM_SOURCE = "team"


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

    @property
    def cost(self) -> int:
        """Units of the giver's daily budget it spends: one per receiver, and one for a
        whole team (team kudos, issue 15: thanking a group costs one unit)."""
        return 1 if self.source == TEAM_SOURCE else len(self.receivers)


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
class Board:
    """One column of a leaderboard: the top members, and the caller's own standing."""

    role: Role
    top: list[BoardRow]
    caller: BoardRow | None  # None when the caller has no count (or opted out)


@dataclass(frozen=True)
class Tally:
    given: int = 0
    received: int = 0


@dataclass(frozen=True)
class CommunityHealth:
    """The counts behind the dashboard's health figures (``DashboardStore.health``)."""

    active: int = 0  # members who gave or received this month
    givers: int = 0  # of them, members who gave
    started: int = 0  # connections started 30 to 120 days ago (A thanked B first)
    returned: int = 0  # of them, returned within 30 days (B thanked A back)
    receivers: int = 0  # members who received this season
    received: int = 0  # kudos they received
    top_received: int = 0  # kudos the top 10 % of them received


# What replaces ``@name`` of a forgotten member in texts other members wrote.
FORGOTTEN_MENTION = "@former member"

# Prefix of the ids that replace a forgotten member's id (followed by a random token).
TOMBSTONE_PREFIX = "forgotten-"


# ---------------------------------------------------------------- daily prompts


class PostStatus(Enum):
    CLAIMED = "claimed"  # being sent (or in doubt after a crash: never resent)
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # missed beyond the catch-up window


@dataclass(frozen=True)
class ScheduleDraft:
    community_id: str
    channel_id: str
    kind: str  # 'prompt', 'digest' or 'challenge'
    at_time: str  # HH:MM
    timezone: str
    days: frozenset[int]
    locale: str
    ref_id: int = 0
    first_date: date | None = None
    last_date: date | None = None


@dataclass(frozen=True)
class ScheduleRecord:
    schedule_id: int
    community_id: str
    channel_id: str
    kind: str
    ref_id: int
    at_time: str
    timezone: str
    days: frozenset[int]
    locale: str
    enabled: bool
    paused_reason: str | None
    first_date: date | None
    last_date: date | None
    next_local_date: date | None
    next_due_at: datetime | None


@dataclass(frozen=True)
class ShardScope:
    """The Discord guilds whose posts this process makes, when it holds some shards only.

    A guild is on shard ``(guild_id >> 22) % count`` (Discord's rule). Communities of
    other platforms are never filtered out.
    """

    count: int
    ids: frozenset[int]
    platform: str = "discord"

    def holds(self, community_id: str) -> bool:
        guild_id = snowflake(community_id)
        if guild_id is None:
            return True
        return (guild_id >> 22) % self.count in self.ids


@dataclass(frozen=True)
class Replan:
    """The next planned fire of a schedule (None when it has no future fire)."""

    schedule_id: int
    local_date: date | None
    due_at: datetime | None


@dataclass(frozen=True)
class PostClaim:
    """A post to claim: one row per (schedule, local date), or a manual one (no schedule)."""

    schedule_id: int | None
    community_id: str
    channel_id: str
    kind: str
    local_date: date
    due_at: datetime
    status: PostStatus = PostStatus.CLAIMED
    ref_id: int = 0
    prompt_id: str | None = None  # None for kind 'prompt': chosen by rotation at claim time
    late: bool = False


@dataclass(frozen=True)
class PostRecord:
    post_id: int
    schedule_id: int | None
    community_id: str
    channel_id: str
    kind: str
    ref_id: int
    local_date: date
    prompt_id: str | None
    due_at: datetime
    status: PostStatus
    attempts: int
    late: bool
    claimed_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    platform_message_id: str | None


@dataclass(frozen=True)
class RotationPool:
    """What the rotation of one channel may draw from, read inside the claim."""

    community_id: str
    channel_id: str
    excluded_themes: frozenset[str]
    custom_ids: tuple[int, ...]
    cycle: int
    used: frozenset[str]


# (timezone, 'HH:MM', weekday digits) -> (next local date, next UTC instant), ISO texts.
Planner = Callable[[str, str, str], tuple[str | None, str | None]]

# Picks (prompt_id, cycle) for a channel; the store calls it inside the claim transaction.
PromptChooser = Callable[[RotationPool], tuple[str, int] | None]


@dataclass(frozen=True)
class CustomPrompt:
    custom_id: int
    community_id: str
    text: str
    status: str  # 'active', 'pending', 'rejected', 'removed'
    author_id: str
    created_at: datetime


@dataclass(frozen=True)
class CheckinOutcome:
    recorded: bool  # False: this member had already checked in on this post
    count: int  # check-ins on the post, after this one


@dataclass(frozen=True)
class ChallengeRecord:
    challenge_id: int
    community_id: str
    channel_id: str
    start_date: date
    end_date: date
    created_by: str
    status: str


@dataclass(frozen=True)
class DigestStats:
    kudos: int
    givers: int
    new_connections: int
    top_givers: tuple[tuple[MemberRecord, int], ...]
    checkins: int


# ---------------------------------------------------------------- erasure


@dataclass(frozen=True)
class ForgetReport:
    """What :meth:`ErasureStore.forget_member` erased. Revoked kudos are erased too, but the
    kudos counts are of active ones, as /roots showed them."""

    found: bool
    kudos_given: int = 0  # active kudos they gave: now anonymous, reason blanked
    kudos_received: int = 0  # active kudos they received: now anonymous
    checkins: int = 0  # check-ins: now anonymous, note blanked
    prompts: int = 0  # custom prompts or suggestions they wrote
    mentions: int = 0  # other members' texts where their @name was replaced


@dataclass(frozen=True)
class AuditEntry:
    """One line of the admins' audit log (issue 14): who did what, and when.

    ``action``: ``config.<sub-command>`` (a setting or schedule changed; ``detail`` is
    what the admin gave), ``member.forget`` (an erasure), ``goal.remove`` and
    ``kudos.revoke`` (``ref_id``: the kudos number, read from kudos_revocations).
    An erased member appears as their tombstone id."""

    at: datetime
    actor_id: str
    action: str
    subject_id: str
    ref_id: int | None
    detail: str | None


# ---------------------------------------------------------------- goals (issue 16)


@dataclass(frozen=True)
class GoalRecord:
    """A member's goal. ``status``: open, done, dropped, removed (by an admin), erased."""

    goal_id: int
    community_id: str
    member_id: str
    text: str
    status: str
    created_at: datetime
    closed_at: datetime | None = None
    closed_by: str | None = None


@dataclass(frozen=True)
class GoalHelpDraft:
    """Minutes ``helper_id`` gave to goal ``goal_id`` (one /goal help)."""

    community_id: str
    goal_id: int
    helper_id: str
    minutes: int
    note: str
    created_at: datetime
    week_key: str  # the ISO week in the community's zone, as the kudos ledger keeps it
    event_id: str | None = None


@dataclass(frozen=True)
class OpenGoal:
    """An open goal as /goal list shows it: its owner, and the help it got."""

    goal: GoalRecord
    owner: MemberRecord
    recent_minutes: int  # since the "recently" the caller asked about
    total_minutes: int
    helpers: int


@dataclass(frozen=True)
class GoalHelper:
    """Someone who gave time to a goal, and how much in all."""

    member: MemberRecord
    minutes: int


# ---------------------------------------------------------------- thank-you detection


@dataclass(frozen=True)
class DetectOffer:
    """A detected thank-you the thanker was asked about (issue 15): "Keep this as kudos?"

    ``offer_id`` is 0 until stored. ``reason`` is the message's excerpt, humanized.
    """

    community_id: str
    channel_id: str
    message_id: str
    giver_id: str
    receiver_ids: tuple[str, ...]
    reason: str
    local_day: date
    created_at: datetime
    offer_id: int = 0
    answer: str | None = None  # the thanker's last answer: None, "keep" or "no"


# ---------------------------------------------------------------- reconnect (issue 16)

NUDGE_KIND = "nudge"  # a member's weekly nudge: a schedule whose channel_id is their id


@dataclass(frozen=True)
class ReconnectCandidate:
    """Someone a member exchanged thanks with: how often (both ways, active kudos),
    when last, and the last thank-you between them (either way)."""

    member: MemberRecord
    count: int
    last_at: datetime
    last_reason: str
    last_giver_id: str


@dataclass(frozen=True)
class Memory:
    """A thank-you a member received (active), on the local day it was given."""

    kudos_id: int
    giver: MemberRecord
    reason: str
    local_day: date
