"""Store methods the core tests reach rarely, on both backends with the same answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import store_from_url
from bot.storage.base import Role, Store
from bot.storage.records import (
    CommunityDefaults,
    DetectOffer,
    KudosStatus,
    PostClaim,
    PostStatus,
    Replan,
    ScheduleDraft,
    ShardScope,
)
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


def schedule(channel: str, at: str = "09:00", zone: str = "UTC", **kw: object) -> ScheduleDraft:
    return ScheduleDraft(
        community_id=COMMUNITY,
        channel_id=channel,
        kind=str(kw.pop("kind", "prompt")),
        at_time=at,
        timezone=zone,
        days=frozenset(range(7)),
        locale="en",
        **kw,  # type: ignore[arg-type]
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
