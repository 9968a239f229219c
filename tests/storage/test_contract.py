"""Store methods the core tests reach rarely, on both backends with the same answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.storage import store_from_url
from bot.storage.base import Store
from bot.storage.records import (
    CommunityDefaults,
    DetectOffer,
    GoalHelpDraft,
    KudosDraft,
    KudosStatus,
    PostClaim,
    PostStatus,
    ReconnectCandidate,
    Replan,
    Role,
    ScheduleDraft,
    ShardScope,
)
from bot.storage.sql import Tx
from bot.types import Member
from tests.storage.pg_worker import COMMUNITY, START, draft

DEFAULTS = CommunityDefaults(platform="console", timezone="UTC", locale="en")
T0 = START


@pytest.fixture(params=["sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/roots.db"
    else:
        url = request.getfixturevalue("postgres_url")
    opened = store_from_url(url, pool_size=2)
    await opened.open()
    await opened.get_community(COMMUNITY, DEFAULTS)
    try:
        yield opened
    finally:
        await opened.close()


def schedule(channel: str, at: str = "09:00", zone: str = "UTC", **kw: Any) -> ScheduleDraft:
    return ScheduleDraft(
        community_id=COMMUNITY,
        channel_id=channel,
        kind=str(kw.pop("kind", "prompt")),
        at_time=at,
        timezone=zone,
        days=frozenset(range(7)),
        locale="en",
        **kw,
    )


UNPLANNED = Replan(0, None, None)


async def test_plan_unplanned_calls_the_planner_once_per_combination(store):
    await store.upsert_schedule(schedule("a"), UNPLANNED)
    await store.upsert_schedule(schedule("b"), UNPLANNED)
    await store.upsert_schedule(schedule("c", "10:00", "Europe/Paris"), UNPLANNED)
    await store.upsert_schedule(schedule("nowhere", "11:00"), UNPLANNED)
    bounded = await store.upsert_schedule(
        schedule("d", kind="challenge", first_date=date(2026, 3, 26), last_date=date(2026, 4, 1)),
        UNPLANNED,
    )
    calls: list[tuple[str, str, str]] = []

    def planner(zone: str, at: str, days: str) -> tuple[str | None, str | None]:
        calls.append((zone, at, days))
        if at == "11:00":
            return None, None
        return "2026-03-26", f"2026-03-26T{at}:00.000000+00:00"

    assert await store.plan_unplanned(planner) == 4
    assert sorted(set(calls)) == [  # (SQLite asks per row; the caller memoises)
        ("Europe/Paris", "10:00", "0123456"),
        ("UTC", "09:00", "0123456"),
        ("UTC", "11:00", "0123456"),
    ]
    a = await store.find_schedule(COMMUNITY, "a", "prompt")
    assert a is not None and a.next_local_date == date(2026, 3, 26)
    assert a.next_due_at == datetime(2026, 3, 26, 9, tzinfo=UTC)
    left = await store.unplanned_schedules(10)
    assert sorted(s.channel_id for s in left) == ["d", "nowhere"]
    assert await store.earliest_due() == datetime(2026, 3, 26, 9, tzinfo=UTC)

    await store.replan(
        [Replan(bounded.schedule_id, date(2026, 3, 26), datetime(2026, 3, 26, 8, tzinfo=UTC))]
    )
    assert await store.earliest_due() == datetime(2026, 3, 26, 8, tzinfo=UTC)
    await store.replan([Replan(bounded.schedule_id, None, None)])
    done = await store.get_schedule(bounded.schedule_id)
    assert done is not None and not done.enabled and done.next_due_at is None
    due = await store.due_schedules(datetime(2026, 3, 26, 9, tzinfo=UTC), 10)
    assert [s.channel_id for s in due] == ["a", "b"]


async def test_a_failed_post_is_retried_by_one_caller_only(store):
    planned = Replan(0, date(2026, 3, 26), datetime(2026, 3, 26, 9, tzinfo=UTC))
    sched = await store.upsert_schedule(schedule("a"), planned)
    due_at = datetime(2026, 3, 26, 9, tzinfo=UTC)
    claim = PostClaim(
        sched.schedule_id, COMMUNITY, "a", "prompt", date(2026, 3, 26), due_at, prompt_id="p-1"
    )
    nxt = Replan(sched.schedule_id, date(2026, 3, 27), due_at + timedelta(days=1))
    posts = await store.claim_posts([claim], [nxt], lambda pool: None, due_at)
    assert len(posts) == 1 and posts[0].status is PostStatus.CLAIMED
    assert await store.claim_posts([claim], [nxt], lambda pool: None, due_at) == []
    post = posts[0]
    assert [p.post_id for p in await store.posts_in_doubt(due_at + timedelta(hours=1))] == [
        post.post_id
    ]

    retry_at = due_at + timedelta(minutes=1)
    await store.record_failed(post.post_id, "timeout", retry_at, None)
    assert await store.earliest_due() == retry_at
    (failed,) = await store.due_retries(retry_at, 10)
    assert failed.status is PostStatus.FAILED and failed.attempts == 1
    assert await store.reclaim_post(failed, retry_at)
    assert not await store.reclaim_post(failed, retry_at)  # another scheduler took it
    await store.record_sent(post.post_id, "m-1", retry_at)
    sent = await store.get_post(post.post_id)
    assert sent is not None and sent.status is PostStatus.SENT and sent.attempts == 2
    assert sent.platform_message_id == "m-1" and sent.sent_at == retry_at
    assert [p.post_id for p in await store.list_posts(COMMUNITY)] == [post.post_id]
    assert await store.posts_in_doubt(due_at + timedelta(hours=1)) == []
    assert await store.post_by_message(COMMUNITY, "m-1") == sent

    await store.record_failed(post.post_id, "gone", None, "channel_gone")
    (notice,) = await store.take_pause_notices(COMMUNITY)
    assert notice.paused_reason == "channel_gone"
    assert await store.take_pause_notices(COMMUNITY) == []


async def test_catch_up_window_and_kudos_lookup(store):
    assert await store.get_catchup_minutes(COMMUNITY) == 180
    await store.set_catchup_minutes(COMMUNITY, 45)
    assert await store.get_catchup_minutes(COMMUNITY) == 45
    assert await store.get_catchup_minutes("T-unknown") == 180

    outcome = await store.record_kudos(draft("x", "U-Ann", None))
    (kudos_id,) = outcome.kudos_ids
    row = await store.get_kudos(COMMUNITY, kudos_id)
    assert row is not None and row.receiver_id == "U-Ann" and row.created_at == T0
    assert await store.get_kudos(COMMUNITY, kudos_id + 100) is None
    assert await store.get_kudos("T-other", kudos_id) is None
    assert (await store.find_member_by_name(COMMUNITY, "U-ANN")) is not None
    await store.upsert_members(COMMUNITY, [Member("U-2", "u-ann")])
    assert await store.find_member_by_name(COMMUNITY, "u-ann") is None  # two match: none


async def test_names_match_ignoring_ascii_case_only_like_sqlite_nocase(store):
    await store.upsert_members(COMMUNITY, [Member("U-e", "ÉLODIE"), Member("U-s", "Sam")])
    assert (await store.find_member_by_name(COMMUNITY, "ÉLODIE")) is not None
    assert (await store.find_member_by_name(COMMUNITY, "élodie")) is None
    assert (await store.find_member_by_name(COMMUNITY, "éLodie")) is None
    assert (await store.find_member_by_name(COMMUNITY, "ÉLodie")) is not None
    assert (await store.find_member_by_name(COMMUNITY, "sAM")) is not None


async def test_a_shard_scope_leaves_out_the_guilds_of_other_shards(store):
    """A process holding Discord shard 0 of 2 sees its guilds' schedules and retries,
    every other platform's, and none of shard 1's."""
    mine, theirs = "200000000000000001", str(200000000000000001 + (1 << 22))
    if (int(mine) >> 22) % 2:
        mine, theirs = theirs, mine
    discord = CommunityDefaults(platform="discord", timezone="UTC", locale="en")
    slack = CommunityDefaults(platform="slack", timezone="UTC", locale="en")
    await store.get_community(mine, discord)
    await store.get_community(theirs, discord)
    await store.get_community("T123", slack)
    due_at = datetime(2026, 3, 26, 9, tzinfo=UTC)
    early = Replan(0, date(2026, 3, 26), due_at - timedelta(hours=1))
    planned = Replan(0, date(2026, 3, 26), due_at)
    await store.upsert_schedule(replace(schedule("theirs"), community_id=theirs), early)
    await store.upsert_schedule(replace(schedule("mine"), community_id=mine), planned)
    await store.upsert_schedule(replace(schedule("slack"), community_id="T123"), planned)
    scope = ShardScope(2, frozenset({0}))

    assert await store.earliest_due() == due_at - timedelta(hours=1)
    assert await store.earliest_due(scope) == due_at
    everyone = await store.due_schedules(due_at, 10)
    assert [s.channel_id for s in everyone] == ["theirs", "mine", "slack"]
    assert [s.channel_id for s in await store.due_schedules(due_at, 10, scope)] == [
        "mine",
        "slack",
    ]
    other = ShardScope(2, frozenset({1}))
    assert [s.channel_id for s in await store.due_schedules(due_at, 10, other)] == [
        "theirs",
        "slack",
    ]

    # A failed post of the other shard's guild is not retried here either.
    (theirs_schedule, *_) = everyone
    claim = PostClaim(
        theirs_schedule.schedule_id, theirs, "theirs", "prompt", date(2026, 3, 26), due_at
    )
    (post,) = await store.claim_posts([claim], [], lambda pool: None, due_at)
    retry_at = due_at + timedelta(minutes=1)
    await store.record_failed(post.post_id, "timeout", retry_at, None)
    assert [p.post_id for p in await store.due_retries(retry_at, 10)] == [post.post_id]
    assert await store.due_retries(retry_at, 10, scope) == []
    assert [p.post_id for p in await store.due_retries(retry_at, 10, other)] == [post.post_id]


async def test_check_kudos_answers_like_record_kudos_and_records_nothing(store):
    """Issue #12, item 6: the reaction pre-check's read (budget, cooldown, event seen)."""
    first = draft("c1", "U-Ann", "event-1")
    checked = await store.check_kudos(first)
    assert checked.status is KudosStatus.RECORDED and checked.given_today == 0
    assert await store.count_active_kudos(COMMUNITY) == 0  # nothing recorded
    assert (await store.record_kudos(first)).status is KudosStatus.RECORDED
    assert (await store.check_kudos(first)).status is KudosStatus.DUPLICATE
    cooling = replace(draft("c2", "U-Ann", "event-2"), cooldown_since=T0 - timedelta(seconds=60))
    refused = await store.check_kudos(cooling)
    assert refused.status is KudosStatus.COOLDOWN and refused.cooling_receiver == "U-Ann"
    for i in range(4):
        await store.record_kudos(draft(f"b{i}", f"U-{i}", None))
    over = await store.check_kudos(draft("c3", "U-Zed", None))
    assert over.status is KudosStatus.OVER_BUDGET and over.given_today == 5
    await store.set_opted_out(COMMUNITY, "U-0", True)
    quiet = await store.check_kudos(draft("c4", "U-0", None))
    assert quiet.status is KudosStatus.OPTED_OUT


# ---------------------------------------------------------------- goals (issue 16)


def help_draft(
    goal_id: int,
    helper: str,
    minutes: int,
    at: datetime,
    week: str = "2026-W13",
    event_id: str | None = None,
) -> GoalHelpDraft:
    return GoalHelpDraft(COMMUNITY, goal_id, helper, minutes, "", at, week, event_id)


async def test_goals_one_open_per_member_help_and_totals(store):
    await store.upsert_members(
        COMMUNITY, [Member("a", "Ada"), Member("b", "Bo"), Member("c", "Cy")]
    )
    first = await store.set_goal(COMMUNITY, "a", "write the talk", T0)
    assert first is not None and first.status == "open" and first.created_at == T0
    assert await store.set_goal(COMMUNITY, "a", "another", T0) is None  # one open goal
    assert await store.open_goal(COMMUNITY, "a") == first
    second = await store.set_goal(COMMUNITY, "b", "learn Rust", T0 + timedelta(minutes=1))
    assert second is not None

    assert await store.record_help(help_draft(first.goal_id, "b", 30, T0, event_id="e1"))
    assert not await store.record_help(help_draft(first.goal_id, "b", 30, T0, event_id="e1"))
    assert await store.record_help(help_draft(first.goal_id, "c", 15, T0, week="2026-W14"))
    assert await store.record_help(help_draft(first.goal_id, "c", 20, T0 - timedelta(days=9)))
    helpers = await store.goal_helpers(first.goal_id)
    assert [(h.member.id, h.member.name, h.minutes) for h in helpers] == [
        ("c", "Cy", 35),
        ("b", "Bo", 30),
    ]
    # Least helped since the given moment first: Bo's goal (0) before Ada's (45).
    listed = await store.open_goals(COMMUNITY, T0 - timedelta(days=7), 10)
    assert [(g.owner.name, g.recent_minutes, g.total_minutes, g.helpers) for g in listed] == [
        ("Bo", 0, 0, 0),
        ("Ada", 45, 65, 2),
    ]
    assert len(await store.open_goals(COMMUNITY, T0, 1)) == 1
    assert await store.count_open_goals(COMMUNITY) == 2
    assert await store.minutes_given(COMMUNITY, "c", "2026-W14") == (15, 35)
    assert await store.minutes_given(COMMUNITY, "a", "2026-W14") == (0, 0)
    assert await store.goal_minutes_between(COMMUNITY, T0, T0 + timedelta(days=1)) == (45, 2)

    closed = await store.close_goal(COMMUNITY, "a", "done", "a", T0 + timedelta(hours=1))
    assert closed is not None and closed.status == "done" and closed.closed_by == "a"
    assert await store.close_goal(COMMUNITY, "a", "done", "a", T0) is None
    assert not await store.record_help(help_draft(first.goal_id, "b", 30, T0))  # closed
    assert await store.get_goal(COMMUNITY, first.goal_id) == closed
    assert await store.get_goal("elsewhere", first.goal_id) is None
    again = await store.set_goal(COMMUNITY, "a", "a second goal", T0)  # a new one may follow
    assert again is not None and again.goal_id != first.goal_id


async def test_removing_a_goal_writes_an_audit_row_in_the_same_transaction(store):
    goal = await store.set_goal(COMMUNITY, "a", "hostile text", T0)
    assert goal is not None
    removed = await store.close_goal(COMMUNITY, "a", "removed", "admin", T0)
    assert removed is not None and removed.status == "removed"
    dropped_goal = await store.set_goal(COMMUNITY, "b", "fine", T0)
    assert dropped_goal is not None
    await store.close_goal(COMMUNITY, "b", "dropped", "b", T0)

    async def audit(tx: Tx) -> list[tuple[object, ...]]:
        rows = await tx.rows("SELECT actor_id, action, subject_id, ref_id FROM audit_log")
        return [tuple(r) for r in rows]

    assert await store.read(audit) == [("admin", "goal.remove", "a", goal.goal_id)]


# ---------------------------------------------------------------- thank-you detection


def offer(message: str, giver: str = "alice", day: date = date(2026, 3, 25)) -> DetectOffer:
    return DetectOffer(
        community_id=COMMUNITY,
        channel_id="general",
        message_id=message,
        giver_id=giver,
        receiver_ids=("bob", "carol"),
        reason="thanks @bob and @carol",
        local_day=day,
        created_at=T0,
    )


async def test_detect_switches_default_to_unset_and_are_kept(store):
    assert await store.detect_enabled(COMMUNITY) is None
    await store.set_detect_enabled(COMMUNITY, False)
    assert await store.detect_enabled(COMMUNITY) is False
    await store.set_detect_enabled(COMMUNITY, True)
    assert await store.detect_enabled(COMMUNITY) is True
    assert not await store.detect_quiet(COMMUNITY, "alice")
    await store.set_detect_quiet(COMMUNITY, "alice", True)
    await store.set_detect_quiet(COMMUNITY, "alice", True)  # twice: still one answer
    assert await store.detect_quiet(COMMUNITY, "alice")
    assert not await store.detect_quiet(COMMUNITY, "bob")
    await store.set_detect_quiet(COMMUNITY, "alice", False)
    assert not await store.detect_quiet(COMMUNITY, "alice")


async def test_a_message_is_offered_once_and_reads_back_as_stored(store):
    first = await store.add_detect_offer(offer("m1"), per_day=5)
    assert first is not None
    assert await store.add_detect_offer(offer("m1"), per_day=5) is None  # a retry
    found = await store.detect_offer(COMMUNITY, first)
    assert found == replace(offer("m1"), offer_id=first)
    assert await store.detect_offer("elsewhere", first) is None
    await store.answer_detect_offer(COMMUNITY, first, "keep")
    assert await store.detect_offer(COMMUNITY, first) == replace(found, answer="keep")


async def test_offers_stop_at_the_daily_limit_and_start_again_the_next_day(store):
    ids = [await store.add_detect_offer(offer(f"m{n}"), per_day=3) for n in range(4)]
    assert [i is not None for i in ids] == [True, True, True, False]
    assert await store.add_detect_offer(offer("m9", giver="dan"), per_day=3) is not None
    later = offer("m5", day=date(2026, 3, 26))
    assert await store.add_detect_offer(later, per_day=3) is not None


async def test_a_deleted_messages_offers_go(store):
    kept = await store.add_detect_offer(offer("m1"), per_day=5)
    gone = await store.add_detect_offer(offer("m2"), per_day=5)
    assert kept is not None and gone is not None
    assert await store.drop_detect_offers(COMMUNITY, "general", "m2") == 1
    assert await store.drop_detect_offers(COMMUNITY, "general", "m2") == 0
    assert await store.detect_offer(COMMUNITY, gone) is None
    assert await store.detect_offer(COMMUNITY, kept) is not None


# ---------------------------------------------------------------- reconnect (issue 16)


async def given(
    store: Store, action: str, giver: str, receiver: str, at: datetime, reason: str = "thanks"
) -> int:
    """One recorded kudos from ``giver`` to ``receiver`` at ``at``; its id."""
    await store.upsert_members(
        COMMUNITY, [Member(giver, giver.lower()), Member(receiver, receiver.lower())]
    )
    found = replace(
        draft(action, receiver, None),
        giver=Member(giver, giver.lower()),
        reason=reason,
        created_at=at,
        local_day=at.date(),
    )
    outcome = await store.record_kudos(found)
    assert outcome.status is KudosStatus.RECORDED, outcome
    return outcome.kudos_ids[0]


async def test_reconnect_candidates_count_both_ways_and_keep_out_snoozed_and_departed(store):
    await given(store, "a1", "U-me", "U-ann", T0, "first")
    await given(store, "a2", "U-ann", "U-me", T0 + timedelta(days=1), "ann's last word")
    await given(store, "b1", "U-me", "U-bo", T0 - timedelta(days=5))
    await given(store, "b2", "U-me", "U-bo", T0 - timedelta(days=4))
    await given(store, "c1", "U-me", "U-cy", T0 - timedelta(days=9))  # once: never

    async def find(now: datetime, quiet: datetime) -> list[ReconnectCandidate]:
        found: list[ReconnectCandidate] = await store.reconnect_candidates(
            COMMUNITY, "U-me", quiet_since=quiet, at_least=2, now=now, limit=3
        )
        return found

    now = T0 + timedelta(days=90)
    found = await find(now, T0 + timedelta(days=1))
    assert [(c.member.id, c.count) for c in found] == [("U-bo", 2), ("U-ann", 2)]
    ann = found[1]
    assert (ann.last_reason, ann.last_giver_id) == ("ann's last word", "U-ann")
    assert ann.last_at == T0 + timedelta(days=1)
    # quiet since a second earlier: ann's last thank-you is too recent
    assert [c.member.id for c in await find(now, T0 + timedelta(days=1, seconds=-1))] == ["U-bo"]

    await store.snooze(COMMUNITY, "U-me", "U-bo", now + timedelta(days=1))
    assert [c.member.id for c in await find(now, now)] == ["U-ann"]
    assert [c.member.id for c in await find(now + timedelta(days=1), now)] == ["U-bo", "U-ann"]

    await store.set_departed(COMMUNITY, "U-ann", now)
    assert [c.member.id for c in await find(now, now)] == []
    await store.set_departed(COMMUNITY, "U-ann", None)
    assert [c.member.id for c in await find(now, now)] == ["U-ann"]


async def test_memories_are_the_active_kudos_received_on_the_days_asked(store):
    kept = await given(store, "m1", "U-ann", "U-me", T0, "kept")
    revoked = await given(store, "m2", "U-bo", "U-me", T0 + timedelta(hours=1), "revoked")
    await given(store, "m3", "U-cy", "U-me", T0 + timedelta(days=1), "another day")
    await given(store, "m4", "U-me", "U-ann", T0 + timedelta(days=2), "given, not received")
    await store.revoke_kudos(COMMUNITY, revoked, "U-admin", T0 + timedelta(hours=2))
    found = await store.memories(COMMUNITY, "U-me", [T0.date(), T0.date() + timedelta(days=2)])
    assert [(m.kudos_id, m.giver.id, m.reason, m.local_day) for m in found] == [
        (kept, "U-ann", "kept", T0.date())
    ]
    assert await store.memories(COMMUNITY, "U-me", []) == []


async def test_a_refused_direct_message_is_taken_once(store):
    assert await store.take_dm_refusal(COMMUNITY, "U-me") is False
    await store.note_dm_refused(COMMUNITY, "U-me", T0)
    assert await store.take_dm_refusal(COMMUNITY, "U-me") is True
    assert await store.take_dm_refusal(COMMUNITY, "U-me") is False
    await store.note_dm_refused(COMMUNITY, "U-me", T0)  # still told: not again
    assert await store.take_dm_refusal(COMMUNITY, "U-me") is False
    await store.clear_dm_refusal(COMMUNITY, "U-me")
    await store.note_dm_refused(COMMUNITY, "U-me", T0)
    assert await store.take_dm_refusal(COMMUNITY, "U-me") is True


async def test_untold_refusals_list_the_members_not_told_yet(store):
    assert await store.untold_dm_refusals(COMMUNITY) == set()
    await store.note_dm_refused(COMMUNITY, "U-me", T0)
    await store.note_dm_refused(COMMUNITY, "U-you", T0)
    assert await store.untold_dm_refusals(COMMUNITY) == {"U-me", "U-you"}
    assert await store.take_dm_refusal(COMMUNITY, "U-me")
    assert await store.untold_dm_refusals(COMMUNITY) == {"U-you"}
    assert await store.untold_dm_refusals("T-elsewhere") == set()


# ---------------------------------------------------------------- web sign-in (issue #14)


async def test_a_sign_in_link_works_once_for_ten_minutes_and_is_stored_hashed(store):
    from bot.clock import ManualClock
    from bot.weblogin import WebLogin, hash_secret

    clock = ManualClock(T0)
    login = WebLogin(store, clock, "https://roots.example.org")
    link = await login.mint_link(COMMUNITY, "U-maya", is_admin=True)
    token = link.rsplit("/", 1)[1]
    assert link.startswith("https://roots.example.org/login/") and len(token) >= 22

    found = await login.peek(token)
    assert found is not None and (found.member_id, found.is_admin) == ("U-maya", True)
    assert await login.peek(token) is not None  # peeking does not use it
    assert await store.find_login_token(token, T0) is None  # only the hash is a key
    assert await store.find_login_token(hash_secret(token), T0) is not None

    signed = await login.sign_in(token)
    assert signed is not None
    session_id, session = signed
    assert (session.community_id, session.member_id, session.is_admin) == (
        COMMUNITY,
        "U-maya",
        True,
    )
    assert await login.sign_in(token) is None  # used
    assert await login.peek(token) is None
    assert await store.get_session(session_id, T0) is None  # stored hashed
    assert await login.session(session_id) == session

    late = await login.mint_link(COMMUNITY, "U-maya", is_admin=False)
    clock.advance(timedelta(minutes=10))
    assert await login.sign_in(late.rsplit("/", 1)[1]) is None  # expired
    assert await login.sign_in("B" * 43) is None  # forged


async def test_of_two_concurrent_uses_of_a_link_one_signs_in(store):
    import asyncio

    from bot.clock import ManualClock
    from bot.weblogin import WebLogin

    login = WebLogin(store, ManualClock(T0), "http://127.0.0.1:8080")
    token = (await login.mint_link(COMMUNITY, "U-maya", is_admin=False)).rsplit("/", 1)[1]
    results = await asyncio.gather(*(login.sign_in(token) for _ in range(5)))
    assert sum(r is not None for r in results) == 1


async def test_sessions_last_seven_days_and_logout_ends_all_of_the_members(store):
    from bot.clock import ManualClock
    from bot.weblogin import WebLogin

    clock = ManualClock(T0)
    login = WebLogin(store, clock, "http://127.0.0.1:8080")

    async def sign_in(member: str, community: str = COMMUNITY) -> str:
        link = await login.mint_link(community, member, is_admin=False)
        signed = await login.sign_in(link.rsplit("/", 1)[1])
        assert signed is not None
        return signed[0]

    laptop, phone, bob = await sign_in("U-maya"), await sign_in("U-maya"), await sign_in("U-bob")
    elsewhere = await sign_in("U-maya", "T-other")
    assert laptop != phone  # a fresh session id at every sign-in
    assert await login.sign_out_everywhere(COMMUNITY, "U-maya") == 2
    assert await login.session(laptop) is None and await login.session(phone) is None
    assert await login.session(bob) is not None
    assert await login.session(elsewhere) is not None  # another community's session

    clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert await login.session(bob) is not None
    clock.advance(timedelta(seconds=1))
    assert await login.session(bob) is None
    assert await store.forget_expired_web_logins(clock.now()) >= 2  # rows and tokens go
    assert await store.forget_expired_web_logins(clock.now()) == 0


async def test_forgetting_a_member_ends_their_sessions_and_links(store):
    from bot.clock import ManualClock
    from bot.weblogin import WebLogin

    await store.upsert_members(COMMUNITY, [Member("U-maya", "maya"), Member("U-bob", "bob")])
    login = WebLogin(store, ManualClock(T0), "http://127.0.0.1:8080")
    signed = await login.sign_in(
        (await login.mint_link(COMMUNITY, "U-maya", is_admin=False)).rsplit("/", 1)[1]
    )
    unused = (await login.mint_link(COMMUNITY, "U-maya", is_admin=False)).rsplit("/", 1)[1]
    bob = await login.sign_in(
        (await login.mint_link(COMMUNITY, "U-bob", is_admin=False)).rsplit("/", 1)[1]
    )
    assert signed is not None and bob is not None

    assert (await store.forget_member(COMMUNITY, "U-maya")).found
    assert await login.session(signed[0]) is None
    assert await login.peek(unused) is None
    assert await login.session(bob[0]) is not None


# ---------------------------------------------------------------- the dashboard's reads


def thanks(giver: str, receiver: str, at: datetime, reason: str = "thanks") -> KudosDraft:
    from bot.periods import month_key, week_key

    return KudosDraft(
        community_id=COMMUNITY,
        action_id=f"{giver}-{receiver}-{at.isoformat()}",
        giver=Member(giver, giver.removeprefix("U-")),
        receivers=(Member(receiver, receiver.removeprefix("U-")),),
        reason=reason,
        channel_id="C-general",
        source="command",
        source_event_id=None,
        created_at=at,
        local_day=at.date(),
        season=1,
        week_key=week_key(at.date()),
        month_key=month_key(at.date()),
        budget=50,
        cooldown_since=None,
    )


async def ledger(store: Store, *kudos: tuple[str, str, datetime]) -> list[int]:
    ids: list[int] = []
    for giver, receiver, at in kudos:
        outcome = await store.record_kudos(thanks(giver, receiver, at))
        assert outcome.status is KudosStatus.RECORDED, outcome
        ids += outcome.kudos_ids
    return ids


MON = datetime(2026, 3, 16, 12, tzinfo=UTC)  # a Monday; T0 is Wednesday the 25th


async def test_weekly_figures_count_kudos_givers_and_new_connections(store):
    await ledger(
        store,
        ("U-ann", "U-bob", MON),
        ("U-ann", "U-bob", MON + timedelta(days=1)),
        ("U-bob", "U-ann", MON + timedelta(days=2)),  # thanks back: not a new connection
        ("U-cat", "U-ann", MON + timedelta(days=7)),  # next week: new
        ("U-ann", "U-cat", MON + timedelta(days=8)),  # back again: not new
        ("U-dan", "U-eve", MON + timedelta(days=9)),  # new
    )
    weeks = [date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23)]
    figures = await store.weekly_figures(COMMUNITY, 1, weeks, "UTC")
    assert sorted(figures["kudos"]) == [(date(2026, 3, 16), 3), (date(2026, 3, 23), 3)]
    assert sorted(figures["givers"]) == [(date(2026, 3, 16), 2), (date(2026, 3, 23), 3)]
    per_week: dict[date, int] = {}
    for week, n in figures["connections"]:
        per_week[week] = per_week.get(week, 0) + n
    assert per_week == {date(2026, 3, 16): 1, date(2026, 3, 23): 2}
    assert figures["checkins"] == []

    # A revoked kudos leaves the weekly counts: this week's, counted live...
    [last] = await ledger(store, ("U-eve", "U-dan", MON + timedelta(days=9, hours=1)))
    await store.revoke_kudos(COMMUNITY, last, "U-admin", T0)
    again = await store.weekly_figures(COMMUNITY, 1, weeks, "UTC")
    assert sorted(again["kudos"]) == sorted(figures["kudos"])
    # ... and a finished week's, kept since the first call: revoking drops what was kept.
    second = (await store.kudos_of(COMMUNITY, "U-bob", Role.RECEIVERS, 0, 1))[0][0]
    await store.revoke_kudos(COMMUNITY, second.kudos_id, "U-admin", T0)
    later = await store.weekly_figures(COMMUNITY, 1, weeks, "UTC")
    assert sorted(later["kudos"]) == [(date(2026, 3, 16), 2), (date(2026, 3, 23), 3)]


async def test_new_connections_fall_in_the_local_week_of_a_half_hour_zone(store):
    """India is UTC+05:30: Sunday 18:20 UTC is still Sunday there (23:50), 18:40 UTC is
    already Monday (00:10). Each pair opened then counts in its own local week (they were
    counted by UTC hour, so both fell on Sunday and the new week's connection was lost)."""
    sunday = datetime(2026, 3, 22, 18, tzinfo=UTC)
    await ledger(
        store,
        ("U-ann", "U-bob", sunday + timedelta(minutes=20)),
        ("U-cat", "U-dan", sunday + timedelta(minutes=40)),
    )
    weeks = [date(2026, 3, 16), date(2026, 3, 23)]
    figures = await store.weekly_figures(COMMUNITY, 1, weeks, "Asia/Kolkata")
    assert sorted(figures["connections"]) == [(date(2026, 3, 16), 1), (date(2026, 3, 23), 1)]
    kept = await store.weekly_figures(COMMUNITY, 1, weeks, "Asia/Kolkata")
    assert sorted(kept["connections"]) == sorted(figures["connections"])


async def test_helpers_all_time_and_recent_with_thanked_back(store):
    await ledger(
        store,
        ("U-bob", "U-ann", MON - timedelta(days=200)),
        ("U-bob", "U-ann", MON - timedelta(days=199)),
        ("U-bob", "U-ann", MON - timedelta(days=198)),
        ("U-cat", "U-ann", MON),
        ("U-cat", "U-ann", MON + timedelta(days=1)),
        ("U-ann", "U-cat", MON + timedelta(days=2)),
        ("U-out", "U-ann", MON),
    )
    await store.set_opted_out(COMMUNITY, "U-out", True)
    all_time = await store.helpers_of(COMMUNITY, "U-ann", None, 10)
    assert [(m.id, n, back) for m, n, back in all_time] == [
        ("U-bob", 3, False),
        ("U-cat", 2, True),
    ]
    recent = await store.helpers_of(COMMUNITY, "U-ann", T0 - timedelta(days=90), 10)
    assert [(m.id, n, back) for m, n, back in recent] == [("U-cat", 2, True)]
    assert await store.helpers_of(COMMUNITY, "U-ann", None, 1) == all_time[:1]


async def test_kudos_of_a_member_are_paged_newest_first_without_revoked_ones(store):
    ids = await ledger(store, *((f"U-g{i}", "U-ann", MON + timedelta(hours=i)) for i in range(5)))
    await ledger(store, ("U-ann", "U-g1", MON + timedelta(days=1)))
    await store.revoke_kudos(COMMUNITY, ids[2], "U-admin", T0)

    page1 = await store.kudos_of(COMMUNITY, "U-ann", Role.RECEIVERS, 0, 2)
    page2 = await store.kudos_of(COMMUNITY, "U-ann", Role.RECEIVERS, 2, 2)
    assert [k.kudos_id for k, _ in page1 + page2] == [ids[4], ids[3], ids[1], ids[0]]
    assert [m.id for _, m in page1 if m is not None] == ["U-g4", "U-g3"]
    given = await store.kudos_of(COMMUNITY, "U-ann", Role.GIVERS, 0, 10)
    assert [(k.receiver_id, m.name if m else None) for k, m in given] == [("U-g1", "g1")]


async def test_health_counts_active_givers_returned_connections_and_concentration(store):
    now = T0
    await ledger(
        store,
        # this month (March): ann, bob, cat gave; dan only received
        ("U-ann", "U-dan", now - timedelta(days=1)),
        ("U-bob", "U-dan", now - timedelta(days=2)),
        ("U-cat", "U-ann", now - timedelta(days=3)),
        # connections started 30-120 days ago: one returned within 30 days, one later,
        # one never
        ("U-eve", "U-fay", now - timedelta(days=100)),
        ("U-fay", "U-eve", now - timedelta(days=90)),
        ("U-gus", "U-hal", now - timedelta(days=100)),
        ("U-hal", "U-gus", now - timedelta(days=40)),
        ("U-ivy", "U-jon", now - timedelta(days=60)),
        # returned 30 days to the second after: within 30 days; a second later: not
        ("U-kim", "U-lou", now - timedelta(days=80)),
        ("U-lou", "U-kim", now - timedelta(days=50)),
        ("U-max", "U-ned", now - timedelta(days=80)),
        ("U-ned", "U-max", now - timedelta(days=50, seconds=-1)),
    )
    found = await store.health(COMMUNITY, "s1:m2026-03", "s1", now)
    assert (found.active, found.givers) == (4, 3)
    assert (found.started, found.returned) == (5, 2)
    assert (found.receivers, found.received) == (11, 12)
    assert found.top_received == 3  # dan (2) and one more (1): the top 10 %, two of eleven


# ---------------------------------------------------------------- team kudos (issue 15)


async def test_opted_out_among_names_only_the_opted_out_of_those_asked(store: Store) -> None:
    await store.upsert_members(COMMUNITY, [Member(f"U-{i}", f"m{i}") for i in range(4)])
    await store.set_opted_out(COMMUNITY, "U-1", True)
    await store.set_opted_out(COMMUNITY, "U-3", True)

    assert await store.opted_out_among(COMMUNITY, ["U-0", "U-1", "U-2", "U-9"]) == {"U-1"}
    assert await store.opted_out_among(COMMUNITY, []) == set()
    assert await store.opted_out_among("T-other", ["U-1"]) == set()


async def test_a_team_action_spends_one_budget_unit_and_stays_off_the_boards(
    store: Store,
) -> None:
    members = tuple(Member(f"U-t{i}", f"t{i}") for i in range(4))
    team = replace(draft("team-1", "U-x", "ev-team"), receivers=members, source="team")
    solo = replace(draft("solo-1", "U-solo", None), source="command")

    recorded = await store.record_kudos(team)
    after = await store.record_kudos(solo)

    assert recorded.status is KudosStatus.RECORDED and len(recorded.kudos_ids) == 4
    assert recorded.given_today == 1
    assert after.given_today == 2
    assert (await store.check_kudos(replace(solo, action_id="x"))).given_today == 2
    top = await store.top_members(COMMUNITY, "life", Role.RECEIVERS, 10)
    assert [row.member.id for row in top] == ["U-solo"]
    tallies = await store.tallies(COMMUNITY, "U-t0", ["life"])
    assert (tallies["life"].given, tallies["life"].received) == (0, 1)
    undone = await store.undo_last_action(COMMUNITY, solo.giver.id, T0 - timedelta(1), T0)
    assert len(undone) == 1
    undone = await store.undo_last_action(COMMUNITY, solo.giver.id, T0 - timedelta(1), T0)
    assert len(undone) == 4
    tallies = await store.tallies(COMMUNITY, "U-t0", ["life"])
    assert (tallies["life"].given, tallies["life"].received) == (0, 0)
