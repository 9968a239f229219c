"""The kudos rules a store checks inside its write transaction.

Given what the database says (kudos given today, last kudos per pair, events
already counted, opted-out receivers), decide whether an action is recorded or
why it is refused. Shared by the SQLite and PostgreSQL stores so both answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.storage.records import KudosDraft, KudosOutcome, KudosStatus
from bot.storage.rows import from_ts, ts


@dataclass
class GroupState:
    """What a grouped kudos check has seen so far in this transaction."""

    day_counts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    last_pair: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    seen_events: set[tuple[str, str]] = field(default_factory=set)
    opted_out: dict[tuple[str, str], bool] = field(default_factory=dict)
    last_kudos_id: int = 0


def decide(d: KudosDraft, state: GroupState) -> KudosOutcome | None:
    """Why ``d`` must be refused given ``state``, or None to record it."""
    day_key = (d.community_id, d.giver.id, d.local_day.isoformat())
    used = state.day_counts.get(day_key, 0)
    if d.source_event_id is not None and (d.community_id, d.source_event_id) in state.seen_events:
        return KudosOutcome(KudosStatus.DUPLICATE, given_today=used)
    for r in d.receivers:
        if state.opted_out.get((d.community_id, r.id)):
            return KudosOutcome(KudosStatus.OPTED_OUT, given_today=used, cooling_receiver=r.id)
    if used + d.cost > d.budget:
        return KudosOutcome(KudosStatus.OVER_BUDGET, given_today=used)
    if d.cooldown_since is not None:
        limit = ts(d.cooldown_since)
        for r in d.receivers:
            last = state.last_pair.get((d.community_id, d.giver.id, r.id))
            if last is not None and last > limit:
                return KudosOutcome(
                    KudosStatus.COOLDOWN,
                    given_today=used,
                    cooling_receiver=r.id,
                    last_given_at=from_ts(last),
                )
    return None


def check(d: KudosDraft, state: GroupState) -> KudosOutcome:
    """What recording ``d`` now would answer, without recording it (a pre-check)."""
    used = state.day_counts.get((d.community_id, d.giver.id, d.local_day.isoformat()), 0)
    return decide(d, state) or KudosOutcome(KudosStatus.RECORDED, given_today=used)
