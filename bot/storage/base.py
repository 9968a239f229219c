"""The storage ports: one Protocol per thing the services hold, and ``Store``, all of them.

Each service is typed against the one port it uses; the records they speak are in
``records``. ``bot.storage.sql.SqlStore`` implements every port on both backends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

from bot.storage.records import (
    FORGOTTEN_MENTION,
    AuditEntry,
    Board,
    BoardRow,
    ChallengeRecord,
    CheckinOutcome,
    CommunityDefaults,
    CommunityHealth,
    CommunitySettings,
    CustomPrompt,
    DetectOffer,
    DigestStats,
    ForgetReport,
    GoalHelpDraft,
    GoalHelper,
    GoalRecord,
    KudosDraft,
    KudosOutcome,
    KudosRow,
    MemberRecord,
    Memory,
    OpenGoal,
    Planner,
    PostClaim,
    PostRecord,
    PromptChooser,
    ReconnectCandidate,
    Replan,
    Role,
    RotationPool,
    ScheduleDraft,
    ScheduleRecord,
    ShardScope,
    Tally,
)
from bot.storage.records import StorageError as StorageError  # re-exported: many importers
from bot.types import Member
from bot.weblogin import SessionStore


class SeenRequests(Protocol):
    """Signed requests already seen (Slack's replay guard), shared by every process."""

    async def remember_request(self, key: str, now: int, until: int) -> bool:
        """Note ``key`` (a signed request's fingerprint) as seen until ``until`` (Unix
        seconds). False when it is already noted and not expired at ``now``: a replay.
        One unique key shared by every process on the database."""
        ...

    async def forget_requests(self, now: int) -> int:
        """Drop the fingerprints expired at ``now``; how many went."""
        ...


class ErasureStore(Protocol):
    """Erasing one member's personal data (``/roots-admin forget``, ``roots forget``)."""

    async def forget_member(
        self, community_id: str, member_id: str, placeholder: str = FORGOTTEN_MENTION
    ) -> ForgetReport:
        """Erase one member's personal data in one community, in one transaction.

        Their name, the reasons they wrote, the excerpts of their messages that became
        kudos reasons, their check-in notes and their withdrawn suggestions are blanked;
        ``@name`` in what others wrote becomes ``placeholder``. Every row that named
        them by id is given a fresh tombstone id instead (one per call, never a platform
        id), so the ledger and every aggregate keep their counts: other members' totals,
        ranks among themselves and helpers are unchanged. The tombstone is an opted-out,
        nameless member: it shows on no board and in no list. ``found`` is False (and
        nothing changed) when the community holds nothing about the member.
        """

    async def communities_of_member(self, member_id: str) -> list[str]:
        """Communities holding data about ``member_id`` (sorted)."""


class ReconnectStore(Protocol):
    """Reconnect (issue 16): whom a member exchanged thanks with, "Not now" snoozes,
    anniversaries of thank-yous received, refused direct messages, departures."""

    async def reconnect_candidates(
        self,
        community_id: str,
        member_id: str,
        *,
        quiet_since: datetime,
        at_least: int,
        now: datetime,
        limit: int,
    ) -> list[ReconnectCandidate]:
        """Members who exchanged at least ``at_least`` active kudos with ``member_id``
        (both ways together), the last one at or before ``quiet_since``, oldest first.
        Never opted-out (so never erased) members, bots, departed members, nor those
        the member snoozed until after ``now``."""

    async def snooze(
        self, community_id: str, member_id: str, other_id: str, until: datetime
    ) -> None:
        """Hide ``other_id`` from ``member_id``'s suggestions until ``until``."""

    async def memories(
        self, community_id: str, member_id: str, days: Sequence[date]
    ) -> list[Memory]:
        """Active kudos ``member_id`` received on one of the local ``days``, from
        members still opted in (an erased giver is an opted-out tombstone), oldest first."""

    async def note_dm_refused(self, community_id: str, member_id: str, at: datetime) -> None:
        """The platform refused a direct message to the member: tell them once."""

    async def take_dm_refusal(self, community_id: str, member_id: str) -> bool:
        """True once after a refused direct message (marks it told)."""

    async def untold_dm_refusals(self, community_id: str) -> set[str]:
        """Members of the community with a refused direct message not told yet."""

    async def clear_dm_refusal(self, community_id: str, member_id: str) -> None: ...

    async def set_departed(self, community_id: str, member_id: str, at: datetime | None) -> None:
        """Note that the member left (``at``), or came back (None)."""


class MemberStore(Protocol):
    """Members as a community knows them, and their kudos counts."""

    async def upsert_members(self, community_id: str, members: Iterable[Member]) -> None: ...

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None: ...

    async def find_member_by_name(self, community_id: str, name: str) -> MemberRecord | None:
        """A member whose display name is ``name`` (case-insensitive), if exactly one."""

    async def set_opted_out(self, community_id: str, member_id: str, opted_out: bool) -> None: ...

    async def tallies(
        self, community_id: str, member_id: str, periods: Iterable[str]
    ) -> dict[str, Tally]: ...


class GoalMinutes(Protocol):
    """Time given to others' goals (issue 16): for /roots and the dashboard."""

    async def minutes_given(
        self, community_id: str, member_id: str, week_key: str
    ) -> tuple[int, int]:
        """Minutes ``member_id`` gave to others' goals: in week ``week_key``, and in all."""


class MemberLanguages(Protocol):
    """The language each member chose for private answers (issue 18); None: auto."""

    async def member_language(self, community_id: str, member_id: str) -> str | None: ...

    async def set_member_language(
        self, community_id: str, member_id: str, locale: str | None
    ) -> None:
        """Store the member's choice; None (auto) removes it."""


class CommunityStore(GoalMinutes, MemberStore, MemberLanguages, ErasureStore, Protocol):
    """A community's settings and members (what CommunityService holds)."""

    async def get_community(
        self, community_id: str, defaults: CommunityDefaults
    ) -> CommunitySettings:
        """The community's settings, created from ``defaults`` on first use."""

    async def update_community(self, community_id: str, **changes: object) -> CommunitySettings:
        """Change editable settings (keys of EDITABLE_SETTINGS)."""

    async def start_season(self, community_id: str, at: datetime) -> CommunitySettings: ...

    async def add_audit(
        self,
        community_id: str,
        actor_id: str,
        action: str,
        at: datetime,
        *,
        subject_id: str = "",
        ref_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        """One row of the admins' audit log (a setting changed, a member erased)."""

    async def audit_entries(self, community_id: str, limit: int) -> list[AuditEntry]:
        """The newest ``limit`` lines of the audit log, revocations included, newest first."""

    async def get_catchup_minutes(self, community_id: str) -> int: ...

    async def set_catchup_minutes(self, community_id: str, minutes: int) -> None: ...

    async def name_community(self, community_id: str, name: str) -> bool:
        """Record the name the platform shows for the community; False (and nothing
        created) for a community not yet known."""


class TeamStore(Protocol):
    """Team kudos (issue 15): who in a group asked for no kudos."""

    async def opted_out_among(self, community_id: str, member_ids: Sequence[str]) -> set[str]:
        """The ids among ``member_ids`` of members who opted out of kudos."""
        ...


class AnnounceStore(Protocol):
    """Quiet announcements (issue 15): where a community's kudos confirmations go."""

    async def get_announce(self, community_id: str) -> tuple[str, str | None] | None:
        """(mode, channel id) as an admin set it; None: never set (``here``)."""
        ...

    async def set_announce(self, community_id: str, mode: str, channel_id: str | None) -> None: ...


class KudosStore(MemberStore, TeamStore, Protocol):
    """The kudos ledger, its checks, boards and a member's roots."""

    async def record_kudos(self, draft: KudosDraft) -> KudosOutcome: ...

    async def check_kudos(self, draft: KudosDraft) -> KudosOutcome:
        """What ``record_kudos(draft)`` would answer now, recording nothing (a cheap
        read: RECORDED, with the giver's count today, when it would be recorded)."""

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

    async def boards(
        self, community_id: str, period: str, roles: Sequence[Role], member_id: str, limit: int
    ) -> list[Board]:
        """``top_members`` and ``member_rank`` of each role, for one caller, at once."""

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


class ScheduleStore(Protocol):
    """Schedules and the posts made from them (claimed exactly once)."""

    async def get_catchup_minutes(self, community_id: str) -> int: ...

    async def set_catchup_minutes(self, community_id: str, minutes: int) -> None: ...

    async def upsert_schedule(self, draft: ScheduleDraft, plan: Replan) -> ScheduleRecord:
        """Create or replace the schedule of (channel, kind, ref), enabled and unpaused."""

    async def set_schedule_enabled(self, schedule_id: int, enabled: bool, plan: Replan) -> None: ...

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None: ...

    async def find_schedule(
        self, community_id: str, channel_id: str, kind: str, ref_id: int = 0
    ) -> ScheduleRecord | None: ...

    async def list_schedules(self, community_id: str) -> list[ScheduleRecord]: ...

    async def running_schedules(
        self, platform: str, after_id: int, limit: int
    ) -> list[ScheduleRecord]:
        """Enabled, unpaused schedules of ``platform``'s communities with an id above
        ``after_id``, by id (a page of them)."""

    async def pause_schedule(self, schedule_id: int, reason: str) -> bool:
        """Pause a running schedule (its admins are told); False when it already was."""

    async def unplanned_schedules(self, limit: int) -> list[ScheduleRecord]:
        """Enabled, unpaused schedules with no next fire stored (first run, migration)."""

    async def plan_unplanned(self, planner: Planner) -> int:
        """Store the next fire of every unplanned schedule without first/last dates, calling
        ``planner(timezone, at_time, days)`` once per distinct combination."""

    async def replan(self, replans: list[Replan]) -> None:
        """Store next fires; a schedule with no future fire (a finished challenge) is
        disabled."""

    async def earliest_due(self, scope: ShardScope | None = None) -> datetime | None:
        """The earliest planned fire or post retry, over every community (in ``scope``)."""

    async def due_schedules(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[ScheduleRecord]:
        """Schedules due at ``now``, earliest first; with a scope, only its communities'."""

    async def claim_posts(
        self,
        claims: list[PostClaim],
        replans: list[Replan],
        chooser: PromptChooser,
        at: datetime,
    ) -> list[PostRecord]:
        """Insert claims (a unique row per schedule and date) and store the replans, in one
        transaction. Returns the rows this call inserted; a claim another caller already
        made is left alone and not returned."""

    async def due_retries(
        self, now: datetime, limit: int, scope: ShardScope | None = None
    ) -> list[PostRecord]: ...

    async def reclaim_post(self, post: PostRecord, at: datetime) -> bool:
        """Take a failed post back for a retry; False when another scheduler took it."""

    async def record_sent(self, post_id: int, message_id: str, at: datetime) -> None: ...

    async def record_skipped(self, post_id: int, reason: str) -> None:
        """Keep a claimed post as skipped (nothing to send): it is never sent later."""

    async def record_failed(
        self, post_id: int, error: str, retry_at: datetime | None, pause: str | None
    ) -> None:
        """Note a failed send; ``pause`` (a reason) pauses the post's schedule."""

    async def posts_in_doubt(self, before: datetime) -> list[PostRecord]: ...

    async def list_posts(self, community_id: str) -> list[PostRecord]: ...

    async def take_pause_notices(self, community_id: str) -> list[ScheduleRecord]:
        """Paused schedules whose admins were not told yet; marks them told."""


class CheckinStore(Protocol):
    """Check-ins: the post one is for (by id, by message, the channel's latest), the
    check-in itself, and the days a streak counts."""

    async def get_post(self, post_id: int) -> PostRecord | None: ...

    async def post_by_message(self, community_id: str, message_id: str) -> PostRecord | None: ...

    async def latest_post(
        self, community_id: str, channel_id: str, kinds: tuple[str, ...]
    ) -> PostRecord | None:
        """The newest sent post of one of ``kinds`` in the channel."""

    async def record_checkin(
        self, post: PostRecord, member_id: str, note: str, at: datetime
    ) -> CheckinOutcome: ...

    async def checkin_days(self, community_id: str, member_id: str, limit: int) -> list[date]:
        """Local dates of posts the member checked in on, newest first."""

    async def posted_days(
        self, community_id: str, kinds: tuple[str, ...], limit: int
    ) -> list[date]:
        """Local dates with a sent post of one of ``kinds``, newest first."""


class PromptLibrary(Protocol):
    """What prompts draw from: the rotation, excluded themes, custom prompts and
    suggestions (with the per-member cap on waiting ones)."""

    async def rotation_pool(self, community_id: str, channel_id: str) -> RotationPool: ...

    async def set_theme_excluded(self, community_id: str, theme: str, excluded: bool) -> None: ...

    async def add_custom_prompt(
        self,
        community_id: str,
        text: str,
        norm_text: str,
        status: str,
        author_id: str,
        at: datetime,
        pending_limit: int | None = None,
    ) -> CustomPrompt | None:
        """None when the same (normalised) text is already active or pending.

        With ``pending_limit``, a pending prompt whose author already has that many
        waiting raises PendingLimitError instead; the count is taken inside the write
        transaction, so racing suggestions never pass the limit.
        """

    async def custom_prompts(
        self, community_id: str, status: str, limit: int | None = None
    ) -> list[CustomPrompt]:
        """Prompts of that status, oldest first; at most ``limit`` of them."""

    async def count_custom_prompts(self, community_id: str, status: str) -> int: ...

    async def reject_pending_of(
        self, community_id: str, author_id: str, by: str, at: datetime
    ) -> int:
        """Reject every suggestion of ``author_id`` still waiting; how many there were."""

    async def get_custom_prompt(self, community_id: str, custom_id: int) -> CustomPrompt | None: ...

    async def decide_custom_prompt(
        self,
        community_id: str,
        custom_id: int,
        from_status: str,
        to_status: str,
        by: str,
        at: datetime,
    ) -> CustomPrompt | None:
        """Move a prompt from ``from_status`` to ``to_status``; None when it was not there."""


class PromptsStore(PromptLibrary, MemberStore, Protocol):
    """What the prompt service and a daily prompt's rendering use: the library, the
    members who suggested prompts, and the schedule a post came from (its language)."""

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None: ...


class CommunityLookup(Protocol):
    """A community's settings without creating it (a scheduled post's tone, issue 18)."""

    async def find_community(self, community_id: str) -> CommunitySettings | None:
        """The community's settings; None (and nothing created) when it is unknown."""


class DigestStore(CommunityLookup, Protocol):
    """What the weekly digest reads."""

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None: ...

    async def digest_stats(
        self, community_id: str, since: datetime, until: datetime
    ) -> DigestStats: ...


class ChallengeStore(CommunityLookup, Protocol):
    """The 7-day challenge: its row, participants, progress, and its schedule."""

    async def create_challenge(
        self, draft: ScheduleDraft, plan: Replan, created_by: str, at: datetime
    ) -> ChallengeRecord | None:
        """A new challenge and its schedule; None when one is already active."""

    async def active_challenge(self, community_id: str) -> ChallengeRecord | None: ...

    async def end_challenge(self, challenge_id: int) -> None: ...

    async def set_participation(
        self, challenge_id: int, member_id: str, active: bool, at: datetime
    ) -> bool:
        """True when the member's participation changed."""

    async def challenge_progress(self, challenge_id: int) -> list[tuple[MemberRecord, int]]:
        """Active participants and the challenge days each checked in on."""

    async def kudos_count_between(
        self, community_id: str, since: datetime, until: datetime
    ) -> int: ...

    async def get_schedule(self, schedule_id: int) -> ScheduleRecord | None: ...

    async def find_schedule(
        self, community_id: str, channel_id: str, kind: str, ref_id: int = 0
    ) -> ScheduleRecord | None: ...


class GoalsStore(GoalMinutes, MemberStore, Protocol):
    """Goals others give time to (issue 16): one open goal per member, the minutes
    given to it, and the admins' removals (with an audit_log row)."""

    async def open_goal(self, community_id: str, member_id: str) -> GoalRecord | None:
        """The member's open goal, if any."""

    async def get_goal(self, community_id: str, goal_id: int) -> GoalRecord | None: ...

    async def set_goal(
        self, community_id: str, member_id: str, text: str, at: datetime
    ) -> GoalRecord | None:
        """A new open goal; None (nothing stored) when the member already has one."""

    async def close_goal(
        self, community_id: str, member_id: str, status: str, by: str, at: datetime
    ) -> GoalRecord | None:
        """Close the member's open goal as ``status`` (done, dropped); None when there
        was none. With status ``removed`` an audit_log row names ``by`` (an admin), in
        the same transaction."""

    async def record_help(self, draft: GoalHelpDraft) -> bool:
        """Record minutes given to a goal; False (nothing stored) when the goal is no
        longer open, or the draft's event id was already recorded (a platform retry)."""

    async def goal_helpers(self, goal_id: int) -> list[GoalHelper]:
        """Who gave time to the goal and how many minutes in all, most first."""

    async def open_goals(self, community_id: str, since: datetime, limit: int) -> list[OpenGoal]:
        """Open goals, the least helped since ``since`` first, then the oldest."""

    async def count_open_goals(self, community_id: str) -> int: ...

    async def goal_minutes_between(
        self, community_id: str, since: datetime, until: datetime
    ) -> tuple[int, int]:
        """Minutes given to goals in [since, until), and by how many members."""


class DetectStore(Protocol):
    """Thank-you detection (issue 15): the community's switch, members who asked not to be
    asked, and the offers made (one per message and thanker, a few per day)."""

    async def detect_enabled(self, community_id: str) -> bool | None:
        """The community's switch; None when never set (the default applies)."""

    async def set_detect_enabled(self, community_id: str, enabled: bool) -> None: ...

    async def detect_quiet(self, community_id: str, member_id: str) -> bool:
        """Whether the member said "Don't ask me again"."""

    async def set_detect_quiet(self, community_id: str, member_id: str, quiet: bool) -> None: ...

    async def add_detect_offer(self, offer: DetectOffer, per_day: int) -> int | None:
        """Store ``offer``; its id, or None when this message was already offered to this
        member, or when they were asked ``per_day`` times on ``offer.local_day`` already."""

    async def detect_offer(self, community_id: str, offer_id: int) -> DetectOffer | None: ...

    async def answer_detect_offer(self, community_id: str, offer_id: int, answer: str) -> None:
        """Note the thanker's answer ("keep" or "no") to an offer."""

    async def drop_detect_offers(self, community_id: str, channel_id: str, message_id: str) -> int:
        """Forget the offers about a deleted message; how many went."""


class WebSessions(SessionStore, Protocol):
    """The dashboard's one-time sign-in links and its sessions (``bot.weblogin``), in
    tables, so that the bot processes and ``roots web`` share them. Secrets are stored
    hashed; erasing a member deletes their rows."""


class DashboardStore(GoalMinutes, MemberLanguages, Protocol):
    """What the web dashboard reads: aggregates and indexed ranges, never a ledger scan."""

    async def find_community(self, community_id: str) -> CommunitySettings | None:
        """The community's settings; None (and nothing created) when it is unknown."""

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None: ...

    async def helpers_of(
        self, community_id: str, member_id: str, since: datetime | None, limit: int
    ) -> list[tuple[MemberRecord, int, bool]]:
        """Opted-in members who thanked ``member_id`` (all time, or since ``since``), most
        thanks first, each with its count and whether the member thanked them back."""

    async def weekly_figures(
        self, community_id: str, season: int, weeks: Sequence[date], timezone: str
    ) -> dict[str, list[tuple[date, int]]]:
        """Per measure of ``bot.charts.MEASURES``, (Monday, value) for the local weeks
        ``weeks`` that have one: kudos, givers, new connections, check-ins."""

    async def kudos_of(
        self, community_id: str, member_id: str, role: Role, offset: int, limit: int
    ) -> list[tuple[KudosRow, MemberRecord | None]]:
        """Active kudos the member gave (GIVERS) or received (RECEIVERS), newest first,
        each with the other member (None when unknown)."""

    async def health(
        self, community_id: str, month: str, season: str, now: datetime
    ) -> CommunityHealth:
        """The counts behind the health figures: ``month`` and ``season`` are period keys
        of ``kudos_totals``."""

    async def giving_days(self, community_id: str, member_id: str, limit: int) -> list[date]: ...

    async def checkin_days(self, community_id: str, member_id: str, limit: int) -> list[date]: ...

    async def posted_days(
        self, community_id: str, kinds: tuple[str, ...], limit: int
    ) -> list[date]: ...

    async def tallies(
        self, community_id: str, member_id: str, periods: Iterable[str]
    ) -> dict[str, Tally]: ...

    async def boards(
        self, community_id: str, period: str, roles: Sequence[Role], member_id: str, limit: int
    ) -> list[Board]: ...


class PictureStore(Protocol):
    """What ``bot.pictures`` reads to draw a picture for chat (the same aggregates as the
    dashboard), and the key that signs picture URLs."""

    async def find_community(self, community_id: str) -> CommunitySettings | None: ...

    async def get_member(self, community_id: str, member_id: str) -> MemberRecord | None: ...

    async def helpers_of(
        self, community_id: str, member_id: str, since: datetime | None, limit: int
    ) -> list[tuple[MemberRecord, int, bool]]: ...

    async def weekly_figures(
        self, community_id: str, season: int, weeks: Sequence[date], timezone: str
    ) -> dict[str, list[tuple[date, int]]]: ...

    async def boards(
        self, community_id: str, period: str, roles: Sequence[Role], member_id: str, limit: int
    ) -> list[Board]: ...

    async def site_secret(self, name: str, fresh: str, now: datetime) -> str:
        """The secret ``name`` kept in the database; when there is none yet, ``fresh``,
        kept from now on (of two processes making one at once, the first one wins and
        both get it)."""


class WallboardStore(Protocol):
    """The wallboard's token (issue #14), one per community, stored as its hash."""

    async def start_wallboard(self, community_id: str, token_hash: str, at: datetime) -> None:
        """Record the community's wallboard token, replacing the one it had."""

    async def end_wallboard(self, community_id: str) -> bool:
        """Forget the community's wallboard token; False when there was none."""

    async def wallboard_community(self, token_hash: str) -> str | None:
        """The community whose wallboard has this token hash, if any."""

    async def wallboard_since(self, community_id: str) -> datetime | None:
        """When the community's wallboard link was made; None when it has none."""


class PromptPageStore(Protocol):
    """What the dashboard's Prompts page reads: the schedules, the prompts sent lately
    with their check-ins, and how a prompt reads."""

    async def list_schedules(self, community_id: str) -> list[ScheduleRecord]: ...

    async def prompt_posts_since(
        self, community_id: str, since: date, limit: int
    ) -> list[tuple[PostRecord, int]]:
        """Daily prompts sent from the local date ``since`` on, newest first, each with
        its count of check-ins."""


class Store(
    CommunityStore,
    KudosStore,
    ScheduleStore,
    CheckinStore,
    PromptsStore,
    DigestStore,
    ChallengeStore,
    SeenRequests,
    GoalsStore,
    DetectStore,
    ReconnectStore,
    WebSessions,
    DashboardStore,
    AnnounceStore,
    PictureStore,
    WallboardStore,
    PromptPageStore,
    Protocol,
):
    """Every port, and the store's life cycle."""

    async def open(self) -> None:
        """Connect and apply migrations. Raises SchemaTooNewError."""

    async def close(self) -> None: ...

    async def schema_version(self) -> int:
        """The latest migration applied to the database."""
