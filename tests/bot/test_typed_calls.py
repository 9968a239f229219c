"""Typed options, as Discord gives them (``CommandCall.sub`` and ``.values``, by the
registry's argument names): the core reads the values as they are, a member by its id
and a channel only when the platform vouched for it, and never parses them again as
words. Both backends."""

from __future__ import annotations

from typing import Any

import pytest

from bot.types import CommandCall, Member, Reply, Tone, Value
from tests.fakes import (
    COMMUNITY,
    RecordingDelivery,
    assert_refused,
    context,
    db_rows,
    en,
    tally,
    thank,
)

OURS = "C-prompts"  # a channel the platform vouched for
UNVOUCHED = "C-unvouched"  # an id no platform resolved for this community


def typed(
    name: str,
    sub: str | None,
    *,
    actor: str = "admin",
    admin: bool = True,
    channels: tuple[str, ...] = (),
    **values: Value,
) -> CommandCall:
    return CommandCall(context(actor, admin=admin), name, sub=sub, values=values, channels=channels)


async def one(core: Any, call: CommandCall) -> Reply:
    replies: list[Reply] = await core.router.command(call)
    (reply,) = replies
    return reply


def stored_for(core: Any, channel: str) -> list[int]:
    return [
        db_rows(core, f"SELECT count(*) FROM {table} WHERE channel_id = ?", channel)[0][0]
        for table in ("schedules", "challenges", "posts")
    ]


# ---------------------------------------------------------------- members, by id


async def test_a_member_option_is_taken_by_id_never_looked_up_by_name(core) -> None:
    await thank(core, "alice", "bob")
    # Someone the community never saw, who happens to show as "bob" on the platform.
    stranger = Member("U-stranger", "bob")
    refused = await one(core, typed("roots-admin", "forget", member=stranger, confirm=True))
    assert_refused(refused, "forget.unknown", name="bob")
    assert (await tally(core, "bob")).received == 1  # the real bob is untouched

    # The real bob, by id, whatever name the platform shows now.
    renamed = Member("U-bob", "Robert")
    preview = await one(core, typed("roots-admin", "forget", member=renamed))
    assert preview.as_text().startswith(en("forget.preview", name="bob", given=0, received=1))
    done = await one(core, typed("roots-admin", "forget", member=renamed, confirm=True))
    assert done.as_text() == en("forget.done", name="bob", given=0, received=1, count=0)
    assert db_rows(core, "SELECT count(*) FROM members WHERE member_id = 'U-bob'") == [(0,)]


async def test_a_member_option_rejects_that_members_suggestions(core) -> None:
    for who, idea in (("alice", "Say thanks"), ("carol", "Share a tip"), ("carol", "Pair up")):
        suggested = await one(core, typed("prompt", "suggest", actor=who, admin=False, text=idea))
        assert suggested.tone is Tone.SUCCESS, suggested.as_text()
    carol = Member("U-carol", "Caroline")  # carol's id, as the platform shows her now
    reply = await one(core, typed("prompt", "reject", member=carol))
    assert reply.as_text() == en("prompt.rejected_member", count=2, name="@Caroline")
    found = db_rows(core, "SELECT author_id, status FROM custom_prompts ORDER BY custom_id")
    assert found == [("U-alice", "pending"), ("U-carol", "rejected"), ("U-carol", "rejected")]

    mixed = await one(core, typed("prompt", "reject", member=carol, number=1))
    assert_refused(mixed, "prompt.usage")
    assert db_rows(core, "SELECT status FROM custom_prompts WHERE custom_id = 1") == [("pending",)]


# ---------------------------------------------------------------- channels, vouched for

CHANNEL_COMMANDS = [
    ("roots-config", "prompts", {"when": "09:00"}),
    ("roots-config", "digest", {"when": "17:00 fri"}),
    ("challenge", "start", {"start": "2026-03-26"}),
    ("prompt", "now", {}),
]


@pytest.mark.parametrize(("name", "sub", "values"), CHANNEL_COMMANDS)
async def test_a_channel_option_the_platform_did_not_vouch_for_is_refused(
    core, name: str, sub: str, values: dict[str, Any]
) -> None:
    core.attach_delivery(RecordingDelivery(core.clock))
    reply = await one(core, typed(name, sub, channel=UNVOUCHED, **values))
    assert_refused(reply, "schedule.channel_not_given")
    assert stored_for(core, UNVOUCHED) == [0, 0, 0]


@pytest.mark.parametrize(("name", "sub", "values"), CHANNEL_COMMANDS)
async def test_a_channel_option_the_platform_vouched_for_is_used(
    core, name: str, sub: str, values: dict[str, Any]
) -> None:
    core.attach_delivery(RecordingDelivery(core.clock))
    reply = await one(core, typed(name, sub, channel=OURS, channels=(OURS,), **values))
    assert reply.tone is Tone.SUCCESS, reply.as_text()
    assert sum(stored_for(core, OURS)) >= 1


async def test_a_channel_typed_in_the_time_is_not_a_second_channel(core) -> None:
    text = f"<#{UNVOUCHED}> 09:00"
    call = typed("roots-config", "prompts", channel=OURS, channels=(OURS,), when=text)
    assert_refused(await one(core, call), "schedule.channel_not_given")
    assert stored_for(core, OURS) == [0, 0, 0]


# ---------------------------------------------------------------- settings and texts


async def test_typed_settings_are_stored_as_given(core) -> None:
    for sub, values in (
        ("timezone", {"zone": "Europe/Paris"}),
        ("emoji", {"emoji": "🙏"}),
        ("budget", {"recipients": 3}),
        ("reason", {"required": "on"}),
    ):
        reply = await one(core, typed("roots-config", sub, **values))
        assert reply.tone is Tone.SUCCESS, reply.as_text()
    found = db_rows(
        core,
        "SELECT timezone, kudos_emoji, daily_budget, reason_required FROM communities"
        " WHERE community_id = ?",
        COMMUNITY,
    )
    assert [(z, e, b, bool(r)) for z, e, b, r in found] == [("Europe/Paris", "🙏", 3, True)]


async def test_a_theme_is_excluded_and_included_with_typed_options(core) -> None:
    excluded = await one(core, typed("roots-config", "themes", action="exclude", theme="Learning"))
    assert excluded.as_text() == en("prompt.theme_excluded", theme="learning")
    assert db_rows(core, "SELECT theme FROM excluded_themes") == [("learning",)]
    half = await one(core, typed("roots-config", "themes", action="include"))
    assert_refused(half, "prompt.usage_themes")
    included = await one(core, typed("roots-config", "themes", action="include", theme="learning"))
    assert included.as_text() == en("prompt.theme_included", theme="learning")
    assert db_rows(core, "SELECT theme FROM excluded_themes") == []


async def test_a_typed_prompt_is_one_text_even_when_its_first_word_is_a_sub_command(
    core,
) -> None:
    """Typed text is never split into a sub-command and its words: "reject all" is the
    prompt an admin added, not a decision."""
    added = await one(core, typed("prompt", "add", text="reject   all the noise today"))
    assert added.tone is Tone.SUCCESS, added.as_text()
    assert db_rows(core, "SELECT text, status FROM custom_prompts") == [
        ("reject all the noise today", "active")
    ]
