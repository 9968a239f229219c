"""Issue #12, item 7: pending suggestions are capped, and admins can clear a flood.

- A member has at most 3 suggestions waiting; a 4th is refused politely (naming the
  limit) and stored nowhere, also when the suggestions race each other.
- ``/prompt queue`` shows the 20 oldest suggestions and says how many more wait.
- ``/prompt reject <id> <id> …`` and ``/prompt reject all @member`` decline many at once.

Each test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.types import Tone
from tests.fakes import COMMUNITY, admin, ask, assert_refused, en, member

LIMIT = 3
PAGE = 20


def db_rows(core: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    from tests.fakes import db_rows as sqlite_rows

    return sqlite_rows(core, sql, *params)


def pending_of(core: Any, who: str) -> int:
    rows = db_rows(
        core,
        "SELECT count(*) FROM custom_prompts WHERE author_id = ? AND status = 'pending'",
        member(who).id,
    )
    return int(rows[0][0])


def statuses(core: Any) -> list[tuple[int, str]]:
    return [
        (int(i), str(s))
        for i, s in db_rows(core, "SELECT custom_id, status FROM custom_prompts ORDER BY 1")
    ]


async def suggest(core: Any, who: str, idea: str) -> Any:
    return await ask(core, "prompt", "suggest", *idea.split(), actor=who)


async def test_item7_a_member_has_at_most_three_suggestions_waiting(core):
    for i in range(LIMIT):
        reply = await suggest(core, "alice", f"Idea number {i}")
        assert reply.tone is Tone.SUCCESS, reply.as_text()
    fourth = await suggest(core, "alice", "One idea too many")
    assert_refused(fourth, "prompt.pending_limit", limit=LIMIT)
    assert pending_of(core, "alice") == LIMIT
    assert "One idea too many" not in str(db_rows(core, "SELECT text FROM custom_prompts"))
    # Others are not affected, and a decision frees a place.
    assert (await suggest(core, "bob", "Bob's idea")).tone is Tone.SUCCESS
    assert (await admin(core, "prompt", "reject", "1")).tone is Tone.SUCCESS
    assert (await suggest(core, "alice", "One idea too many")).tone is Tone.SUCCESS
    assert pending_of(core, "alice") == LIMIT


async def test_item7_racing_suggestions_never_pass_the_cap(core):
    replies = await asyncio.gather(*(suggest(core, "alice", f"Racing idea {i}") for i in range(12)))
    accepted = [r for r in replies if r.tone is Tone.SUCCESS]
    assert len(accepted) == LIMIT
    for refused in (r for r in replies if r.tone is not Tone.SUCCESS):
        assert_refused(refused, "prompt.pending_limit", limit=LIMIT)
    assert pending_of(core, "alice") == LIMIT


async def test_item7_the_queue_shows_the_oldest_page_and_counts_the_rest(core):
    authors = [f"m{i}" for i in range(9)]
    for round_ in range(LIMIT):
        for who in authors:
            await suggest(core, who, f"Idea {round_} of {who}")
    total = LIMIT * len(authors)  # 27
    queue = await admin(core, "prompt", "queue")
    lines = queue.as_text().splitlines()[1:]
    assert len(lines) == PAGE + 1
    shown = [line.split(":")[0] for line in lines[:PAGE]]
    assert shown == [f"#{i}" for i in range(1, PAGE + 1)]  # the oldest first
    assert lines[-1] == en("prompt.queue_more", count=total - PAGE)


async def test_item7_a_huge_old_queue_still_answers_at_once(core):
    """5,000 suggestions left from before the cap (stored directly): one page, quickly."""
    at = datetime(2026, 3, 25, 9, 0, tzinfo=UTC)
    await admin(core, "prompt", "queue")  # the community exists
    await core.store.upsert_members(COMMUNITY, [member("flood")])
    for i in range(5000):
        await core.store.add_custom_prompt(
            COMMUNITY, f"flood {i}", f"flood {i}", "pending", member("flood").id, at
        )
    started = time.perf_counter()
    queue = await admin(core, "prompt", "queue")
    elapsed = time.perf_counter() - started
    print(f"/prompt queue with 5,000 waiting: {elapsed * 1000:.0f} ms")
    lines = queue.as_text().splitlines()[1:]
    assert len(lines) == PAGE + 1 and lines[-1] == en("prompt.queue_more", count=5000 - PAGE)
    assert elapsed < 1.0, f"/prompt queue took {elapsed:.2f} s"
    # And the admin clears the flood in one command.
    flood = member("flood")
    cleared = await ask(core, "prompt", "reject", "all", flood, actor="admin", admin=True)
    assert cleared.as_text() == en("prompt.rejected_member", count=5000, name="@flood")
    assert (await admin(core, "prompt", "queue")).as_text().splitlines()[1:] == [
        en("prompt.queue_empty")
    ]


async def test_item7_admins_reject_several_suggestions_by_number(core):
    for who in ("alice", "bob", "carol"):
        await suggest(core, who, f"Idea of {who}")
    reply = await admin(core, "prompt", "reject", "1", "#3")
    assert reply.tone is Tone.SUCCESS
    assert reply.as_text() == en("prompt.rejected_many", count=2, ids="#1, #3")
    assert statuses(core) == [(1, "rejected"), (2, "pending"), (3, "rejected")]
    # Numbers that are not waiting are named; those that are get declined.
    reply = await admin(core, "prompt", "reject", "2", "3", "99")
    assert reply.as_text().splitlines() == [
        en("prompt.rejected_many", count=1, ids="#2"),
        en("prompt.not_pending_many", ids="#3, #99"),
    ]
    assert_refused(await admin(core, "prompt", "reject", "3", "99"),
                   "prompt.not_pending_many", ids="#3, #99")  # fmt: skip
    assert statuses(core) == [(1, "rejected"), (2, "rejected"), (3, "rejected")]


async def test_item7_admins_reject_all_of_a_members_suggestions(core):
    for i in range(LIMIT):
        await suggest(core, "alice", f"Alice idea {i}")
    await suggest(core, "bob", "Bob idea")
    reply = await ask(core, "prompt", "reject", "all", member("alice"), actor="admin", admin=True)
    assert reply.as_text() == en("prompt.rejected_member", count=LIMIT, name="@alice")
    assert pending_of(core, "alice") == 0 and pending_of(core, "bob") == 1
    decided = db_rows(core, "SELECT decided_by FROM custom_prompts WHERE status = 'rejected'")
    assert decided == [("U-admin",)] * LIMIT
    again = await ask(core, "prompt", "reject", "all", member("alice"), actor="admin", admin=True)
    assert_refused(again, "prompt.member_none_pending", name="@alice")


@pytest.mark.parametrize(
    ("words", "key", "values"),
    [
        (["reject"], "prompt.usage", {}),
        (["reject", "all"], "prompt.usage", {}),
        (["reject", "all", "<@U-alice>", "2"], "prompt.usage", {}),
        (["reject", "1", "two"], "prompt.bad_id", {"id": "two"}),
        (["reject", *[str(i) for i in range(1, 27)]], "prompt.too_many_ids", {"limit": 25}),
    ],
)
async def test_item7_bad_bulk_rejects_are_refused_and_change_nothing(
    core, words: list[str], key: str, values: dict[str, Any]
):
    await suggest(core, "alice", "Alice idea")
    assert_refused(await admin(core, "prompt", *words), key, **values)
    assert statuses(core) == [(1, "pending")]
    refused = await ask(core, "prompt", "reject", "all", member("alice"), actor="bob")
    assert_refused(refused, "error.admin_only")
    assert statuses(core) == [(1, "pending")]


async def test_item7_help_shows_the_bulk_reject(core):
    shown = (await ask(core, "help", actor="admin", admin=True)).as_text()
    assert "/prompt reject all @member" in shown
    assert "reject all @member" in en("prompt.usage")
