"""Row <-> record conversions shared by the SQLite and PostgreSQL stores.

Both backends keep instants as sortable UTC ISO text, dates as ISO text and flags
as 0/1, so one set of converters serves both (rows are sqlite3.Row or
asyncpg.Record: anything indexable by column name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from bot.storage.records import (
    BoardRow,
    ChallengeRecord,
    CommunitySettings,
    CustomPrompt,
    KudosRow,
    MemberRecord,
    PostClaim,
    PostRecord,
    PostStatus,
    PromptChooser,
    RotationPool,
    ScheduleRecord,
)

Row = Any  # sqlite3.Row or asyncpg.Record


def ts(moment: datetime) -> str:
    """UTC instant as sortable ISO text (one format everywhere)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_ts(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def opt_ts(moment: datetime | None) -> str | None:
    return ts(moment) if moment is not None else None


def opt_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def days_text(days: frozenset[int]) -> str:
    return "".join(str(d) for d in sorted(days))


@lru_cache(maxsize=256)
def days_from_text(text: str) -> frozenset[int]:
    return frozenset(int(c) for c in text)


def community_row(row: Row) -> CommunitySettings:
    values: dict[str, Any] = {}
    for f in fields(CommunitySettings):
        raw = row[f.name]
        if f.name in ("reason_required", "leaderboards_enabled"):
            raw = bool(raw)
        elif f.name == "season_started_at":
            raw = from_ts(raw)
        values[f.name] = raw
    return CommunitySettings(**values)


def member_row(row: Row) -> MemberRecord:
    return MemberRecord(
        id=row["member_id"],
        name=row["display_name"],
        is_bot=bool(row["is_bot"]),
        opted_out=bool(row["opted_out"]),
    )


def kudos_row(row: Row) -> KudosRow:
    created = from_ts(row["created_at"])
    assert created is not None
    return KudosRow(
        kudos_id=int(row["kudos_id"]),
        action_id=row["action_id"],
        giver_id=row["giver_id"],
        receiver_id=row["receiver_id"],
        reason=row["reason"],
        source=row["source"],
        created_at=created,
        revoked_at=from_ts(row["revoked_at"]),
    )


def schedule_row(row: Row) -> ScheduleRecord:
    return ScheduleRecord(
        schedule_id=int(row["schedule_id"]),
        community_id=row["community_id"],
        channel_id=row["channel_id"],
        kind=row["kind"],
        ref_id=int(row["ref_id"]),
        at_time=row["at_time"],
        timezone=row["timezone"],
        days=days_from_text(row["days"]),
        locale=row["locale"],
        enabled=bool(row["enabled"]),
        paused_reason=row["paused_reason"],
        first_date=opt_date(row["first_date"]),
        last_date=opt_date(row["last_date"]),
        next_local_date=opt_date(row["next_local_date"]),
        next_due_at=from_ts(row["next_due_at"]),
    )


def post_row(row: Row) -> PostRecord:
    due = from_ts(row["due_at"])
    claimed = from_ts(row["claimed_at"])
    assert due is not None and claimed is not None
    schedule_id = row["schedule_id"]
    return PostRecord(
        post_id=int(row["post_id"]),
        schedule_id=int(schedule_id) if schedule_id is not None else None,
        community_id=row["community_id"],
        channel_id=row["channel_id"],
        kind=row["kind"],
        ref_id=int(row["ref_id"]),
        local_date=date.fromisoformat(row["local_date"]),
        prompt_id=row["prompt_id"],
        due_at=due,
        status=PostStatus(row["status"]),
        attempts=int(row["attempts"]),
        late=bool(row["late"]),
        claimed_at=claimed,
        next_attempt_at=from_ts(row["next_attempt_at"]),
        sent_at=from_ts(row["sent_at"]),
        platform_message_id=row["platform_message_id"],
    )


def custom_row(row: Row) -> CustomPrompt:
    created = from_ts(row["created_at"])
    assert created is not None
    return CustomPrompt(
        custom_id=int(row["custom_id"]),
        community_id=row["community_id"],
        text=row["text"],
        status=row["status"],
        author_id=row["author_id"],
        created_at=created,
    )


def challenge_row(row: Row) -> ChallengeRecord:
    return ChallengeRecord(
        challenge_id=int(row["challenge_id"]),
        community_id=row["community_id"],
        channel_id=row["channel_id"],
        start_date=date.fromisoformat(row["start_date"]),
        end_date=date.fromisoformat(row["end_date"]),
        created_by=row["created_by"],
        status=row["status"],
    )


def replace_prompt(post: PostRecord, prompt_id: str) -> PostRecord:
    return replace(post, prompt_id=prompt_id)


def claim_params(claim: PostClaim, token: str, now: str) -> tuple[Any, ...]:
    """A claim as the posts row both stores insert (columns schedule_id … claimed_at)."""
    return (
        claim.schedule_id,
        claim.community_id,
        claim.channel_id,
        claim.kind,
        claim.ref_id,
        claim.local_date.isoformat(),
        claim.prompt_id,
        ts(claim.due_at),
        claim.status.value,
        int(claim.late),
        token,
        now,
    )


def ranked(members: Iterable[tuple[MemberRecord, int]]) -> list[BoardRow]:
    """Best first as given; tied counts share the rank of the first of them."""
    board: list[BoardRow] = []
    for i, (member, count) in enumerate(members):
        rank = board[-1].rank if board and board[-1].count == count else i + 1
        board.append(BoardRow(member, count, rank))
    return board


# Schedules still to plan: enabled, not paused, no next fire, not bounded (challenges).
UNPLANNED = (
    "enabled = 1 AND paused_reason IS NULL AND next_due_at IS NULL"
    " AND first_date IS NULL AND last_date IS NULL"
)


def channels_by_community(channels: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    by_community: dict[str, list[str]] = {}
    for community_id, channel_id in channels:
        by_community.setdefault(community_id, []).append(channel_id)
    return by_community


def rotation_pools(
    community_id: str,
    channel_ids: Iterable[str],
    themes: frozenset[str],
    customs: tuple[int, ...],
    rotations: Iterable[Row],
) -> dict[tuple[str, str], RotationPool]:
    """Each channel's rotation state from its ``rotations`` row (channel_id, cycle, used)."""
    state = {
        row[0]: (int(row[1]), frozenset(u for u in str(row[2]).split(",") if u))
        for row in rotations
    }
    return {
        (community_id, channel_id): RotationPool(
            community_id, channel_id, themes, customs, *state.get(channel_id, (0, frozenset()))
        )
        for channel_id in channel_ids
    }


def choose_prompts(
    posts: Iterable[PostRecord],
    pools: dict[tuple[str, str], RotationPool],
    chooser: PromptChooser,
) -> dict[int, tuple[str, int]]:
    """The prompt (id, cycle) for each post, advancing its channel's rotation as it goes,
    so two posts of one channel in one claim get different prompts. ``pools`` is updated."""
    chosen: dict[int, tuple[str, int]] = {}
    for post in posts:
        key = (post.community_id, post.channel_id)
        pick = chooser(pools[key])
        if pick is None:
            continue
        prompt_id, cycle = pick
        pool = pools[key]
        used = pool.used if cycle == pool.cycle else frozenset()
        pools[key] = replace(pool, cycle=cycle, used=used | {prompt_id})
        chosen[post.post_id] = pick
    return chosen
