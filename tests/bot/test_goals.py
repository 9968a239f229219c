"""Goals others give time to (issue 16): /goal set, list, help, done, drop, remove, the
thank-you buttons, the minutes in /roots and the digest, and erasure.

Each test runs on SQLite and on PostgreSQL (the ``core`` fixture).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery import DeliveryError
from bot.messages import text
from bot.services.goals import THANKS_ACTION
from bot.storage.records import TOMBSTONE_PREFIX
from bot.types import ButtonClicked, CommandCall, Member, Reply, Tone, Visibility, plain_text
from bot.wiring import Core, running_core
from tests.fakes import (
    COMMUNITY,
    RecordingDelivery,
    Sent,
    admin,
    ask,
    assert_refused,
    configure,
    context,
    db_rows,
    en,
    field_map,
    member,
    reset_at,
    say,
    sent,
    utc,
)

ALICE, BOB, CAROL = member("alice"), member("bob"), member("carol")
GOAL = "ship the French translation of the docs"


@dataclass
class PrivateDelivery(RecordingDelivery):
    """A platform with private messages (a DM, recorded in ``private`` with the member's
    id as channel); ``refuse`` closes them with a plain DeliveryError."""

    refuse: bool = False

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        if self.refuse:
            raise DeliveryError("this member does not accept direct messages")
        self.private.append(Sent(self.clock.now(), member_id, reply))
        return f"dm{len(self.private)}"


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(PrivateDelivery(clock))
        yield running


def private(core: Core) -> list[tuple[str, str]]:
    delivery = core.scheduler.delivery
    assert isinstance(delivery, PrivateDelivery)
    return [(dm.channel, dm.reply.as_text()) for dm in delivery.private]


async def goal(core: Core, *words: str | Member, actor: str | Member = "alice", **kw: Any) -> Reply:
    return await ask(core, "goal", *words, actor=actor, **kw)


async def set_goal(core: Core, owner: str | Member = "alice", text: str = GOAL) -> Reply:
    reply = await goal(core, "set", *text.split(), actor=owner)
    assert reply.tone is Tone.SUCCESS, reply.as_text()
    return reply


async def give(
    core: Core, helper: str | Member, owner: Member, *words: str, event_id: str | None = None
) -> Reply:
    return await goal(core, "help", owner, *words, actor=helper, event_id=event_id)


def helps(core: Core) -> list[tuple[str, int, str]]:
    return db_rows(core, "SELECT helper_id, minutes, note FROM goal_help ORDER BY help_id")


def goals(core: Core) -> list[tuple[str, str, str]]:
    return db_rows(core, "SELECT member_id, text, status FROM goals ORDER BY goal_id")


async def press(core: Core, actor: str | Member, button: Any) -> Reply:
    event = ButtonClicked(context(actor), button.action_id, button.value)
    replies = await core.router.button(event)
    assert len(replies) == 1, replies
    return replies[0]


def goal_kudos(core: Core) -> list[tuple[str, str, str, str]]:
    return db_rows(
        core,
        "SELECT giver_id, receiver_id, source, reason FROM kudos WHERE source = 'goal'"
        " AND revoked_at IS NULL ORDER BY kudos_id",
    )


# ---------------------------------------------------------------- set, list, drop


async def test_a_goal_is_set_once_and_shown_to_the_community(core):
    reply = await set_goal(core)

    assert reply.visibility is Visibility.PUBLIC
    assert reply.as_text().splitlines()[0] == en("goal.set_done", name="@alice", goal=GOAL)
    assert goals(core) == [(ALICE.id, GOAL, "open")]
    listing = await goal(core, "list", actor="bob")
    assert en("goal.list_row_new", name="@alice", goal=GOAL) in listing.as_text()
    # /goal alone is the list too
    assert (await goal(core, actor="carol")).as_text() == listing.as_text()

    again = await goal(core, "set", "something", "else")
    assert_refused(again, "goal.already_open", goal=GOAL)
    assert goals(core) == [(ALICE.id, GOAL, "open")]


async def test_a_goal_of_200_characters_is_kept_and_201_refused(core):
    assert_refused(await goal(core, "set", "x" * 201), "goal.too_long", length=201, limit=200)
    assert_refused(await goal(core, "set"), "goal.set_usage", limit=200)
    assert goals(core) == []
    await set_goal(core, text="y" * 200)
    assert goals(core) == [(ALICE.id, "y" * 200, "open")]


async def test_member_text_in_a_goal_never_pings(core):
    reply = await goal(core, "set", "help", BOB, "and", "@everyone", "with", "the", "talk")
    assert reply.ping == ()
    assert goals(core) == [(ALICE.id, "help @bob and @everyone with the talk", "open")]


async def test_drop_withdraws_the_goal(core):
    await set_goal(core)
    reply = await goal(core, "drop")
    assert reply.as_text() == en("goal.dropped", goal=GOAL)
    assert reply.visibility is Visibility.EPHEMERAL
    assert goals(core) == [(ALICE.id, GOAL, "dropped")]
    assert (await goal(core, "list")).as_text() == en("goal.list_empty", minutes=15)
    assert_refused(await goal(core, "drop"), "goal.none")
    assert_refused(await goal(core, "done"), "goal.none")
    await set_goal(core, text="a new one")  # a new goal may follow


async def test_the_least_helped_recently_come_first(core, clock):
    await set_goal(core, "alice", "alice's goal")
    clock.set(clock.now() + timedelta(minutes=1))
    await set_goal(core, "bob", "bob's goal")
    clock.set(clock.now() + timedelta(minutes=1))
    await set_goal(core, "carol", "carol's goal")
    await give(core, "dave", ALICE, "60")  # long ago: no longer "recent"
    clock.set(clock.now() + timedelta(days=8))
    await give(core, "dave", BOB, "30")
    await give(core, "erin", CAROL, "5")

    lines = (await goal(core, "list", actor="dave")).lines
    rows = [plain_text(line) for line in lines[:3]]
    assert rows == [
        en("goal.list_row", name="@alice", goal="alice's goal", recent=0, total=60),
        en("goal.list_row", name="@carol", goal="carol's goal", recent=5, total=5),
        en("goal.list_row", name="@bob", goal="bob's goal", recent=30, total=30),
    ]


# ---------------------------------------------------------------- help


async def test_time_given_is_recorded_and_the_owner_told_privately(core):
    await set_goal(core)
    reply = await give(core, "bob", ALICE, "30", "reviewed", "chapter", "2")

    assert reply.tone is Tone.SUCCESS and reply.visibility is Visibility.EPHEMERAL
    assert reply.as_text().splitlines() == [
        en("goal.helped", name="@alice", minutes=30, goal=GOAL),
        en("goal.told", name="@alice"),
    ]
    assert helps(core) == [(BOB.id, 30, "reviewed chapter 2")]
    assert private(core) == [
        (
            ALICE.id,
            "\n".join(
                [
                    en("goal.notice_title"),
                    en("goal.notice", name="@bob", minutes=30, goal=GOAL),
                    en("goal.notice_note", note="reviewed chapter 2"),
                ]
            ),
        )
    ]
    assert sent(core) == []  # nothing posted in a channel


async def test_minutes_default_to_15(core):
    await set_goal(core)
    await give(core, "bob", ALICE)
    await give(core, "carol", ALICE, "thanks", "for", "asking")
    assert helps(core) == [(BOB.id, 15, ""), (CAROL.id, 15, "thanks for asking")]


@pytest.mark.parametrize("word,minutes", [("5", 5), ("240", 240), ("45min", 45)])
async def test_minutes_at_the_edges_are_taken(core, word, minutes):
    await set_goal(core)
    assert (await give(core, "bob", ALICE, word)).tone is Tone.SUCCESS
    assert helps(core) == [(BOB.id, minutes, "")]


@pytest.mark.parametrize("word,value", [("4", 4), ("241", 241), ("0", 0), ("-15", -15)])
async def test_minutes_out_of_range_are_refused_and_change_nothing(core, word, value):
    await set_goal(core)
    reply = await give(core, "bob", ALICE, word)
    assert_refused(reply, "goal.minutes_range", value=value, low=5, high=240)
    assert helps(core) == []
    assert private(core) == []


async def test_bad_help_is_refused_politely_and_changes_nothing(core):
    await set_goal(core)
    # your own goal
    assert_refused(await give(core, "alice", ALICE, "30"), "goal.own", minutes=15)
    # someone with no open goal
    assert_refused(await give(core, "alice", BOB, "30"), "goal.none_other", name="@bob")
    # an unknown member
    reply = await goal(core, "help", "@nobody", "30", actor="bob")
    assert_refused(reply, "kudos.unknown_member", name="nobody")
    # a note too long
    reply = await give(core, "bob", ALICE, "30", "n" * 201)
    assert_refused(reply, "goal.note_too_long", length=201, limit=200)
    # no member at all
    assert_refused(await goal(core, "help", actor="bob"), "goal.help_usage", low=5, high=240)
    # an unknown sub-command
    assert_refused(await goal(core, "frobnicate", actor="bob"), "goal.usage")
    # a bot
    assert_refused(await give(core, member("ci", bot=True), ALICE), "goal.bot")
    assert helps(core) == []
    assert private(core) == []


async def test_a_retried_command_is_recorded_once(core):
    await set_goal(core)
    await give(core, "bob", ALICE, "30", event_id="ev-1")
    again = await give(core, "bob", ALICE, "30", event_id="ev-1")
    assert again.as_text() == en("goal.help_again", name="@alice")
    assert helps(core) == [(BOB.id, 30, "")]
    assert len(private(core)) == 1


async def test_a_closed_dm_still_records_the_time_and_says_so(core):
    await set_goal(core)
    delivery = core.scheduler.delivery
    assert isinstance(delivery, PrivateDelivery)
    delivery.refuse = True
    reply = await give(core, "bob", ALICE, "20")
    assert reply.tone is Tone.SUCCESS
    assert reply.as_text().splitlines()[1] == en("goal.not_told", name="@alice")
    assert helps(core) == [(BOB.id, 20, "")]


async def test_help_after_the_goal_closed_is_refused(core):
    await set_goal(core)
    await goal(core, "done")
    assert_refused(await give(core, "bob", ALICE, "30"), "goal.none_other", name="@alice")
    assert helps(core) == []


# ---------------------------------------------------------------- done and thanks


async def test_done_lists_the_helpers_with_one_thank_you_button_each(core):
    await set_goal(core)
    await give(core, "bob", ALICE, "30")
    await give(core, "carol", ALICE, "15")
    await give(core, "bob", ALICE, "15")

    done = await goal(core, "done")

    assert done.visibility is Visibility.PUBLIC and done.ping == ()
    assert done.as_text().splitlines() == [
        en("goal.done_title", name="@alice"),
        en("goal.done_body", goal=GOAL),
        en("goal.done_helped", minutes=60),
        en("goal.done_helper", name="@bob", minutes=45),
        en("goal.done_helper", name="@carol", minutes=15),
        en("goal.done_thank_hint", name="@alice"),
    ]
    assert [plain_text(b.label) for b in done.buttons] == [
        en("goal.thanks_button", name="@bob"),
        en("goal.thanks_button", name="@carol"),
    ]
    assert {b.action_id for b in done.buttons} == {THANKS_ACTION}
    assert goals(core) == [(ALICE.id, GOAL, "done")]

    thanked = await press(core, "alice", done.buttons[0])
    assert thanked.tone is Tone.SUCCESS and thanked.visibility is Visibility.PUBLIC
    assert thanked.as_text().splitlines()[0] == en("kudos.given", giver="@alice", receivers="@bob")
    reason = en("goal.thanks_reason", goal=GOAL)
    assert goal_kudos(core) == [(ALICE.id, BOB.id, "goal", reason)]

    # A second click counts once.
    again = await press(core, "alice", done.buttons[0])
    assert again.as_text() == en("goal.thanks_already", name="@bob")
    assert len(goal_kudos(core)) == 1


async def test_a_goal_nobody_helped_closes_without_buttons(core):
    await set_goal(core)
    done = await goal(core, "done")
    assert done.buttons == ()
    assert en("goal.done_alone") in done.as_text()


async def test_only_the_owner_can_thank_from_the_buttons(core):
    await set_goal(core)
    await give(core, "bob", ALICE, "30")
    done = await goal(core, "done")
    refused = await press(core, "carol", done.buttons[0])
    assert_refused(refused, "goal.thanks_not_yours", name="@alice")
    assert goal_kudos(core) == []
    forged = ButtonClicked(context("alice"), THANKS_ACTION, "999-U-bob")
    (reply,) = await core.router.button(forged)
    assert_refused(reply, "goal.thanks_unknown")
    assert goal_kudos(core) == []


async def test_thanks_follow_the_kudos_rules_budget_and_cooldown(core):
    await configure(core, "budget", "1")
    await set_goal(core)
    await give(core, "bob", ALICE, "30")
    await give(core, "carol", ALICE, "30")
    done = await goal(core, "done")

    assert (await press(core, "alice", done.buttons[0])).tone is Tone.SUCCESS
    over = await press(core, "alice", done.buttons[1])
    assert_refused(over, "kudos.over_budget", budget=1, left=0, asked=1, reset=reset_at())
    assert goal_kudos(core) == [(ALICE.id, BOB.id, "goal", en("goal.thanks_reason", goal=GOAL))]


async def test_thanking_a_helper_who_opted_out_is_refused(core):
    await set_goal(core)
    await give(core, "bob", ALICE, "30")
    await ask(core, "roots", "optout", actor="bob")
    done = await goal(core, "done")
    assert_refused(await press(core, "alice", done.buttons[0]), "kudos.opted_out", name="@bob")
    assert goal_kudos(core) == []


# ---------------------------------------------------------------- admins


async def test_an_admin_removes_a_goal_with_an_audit_row(core, clock):
    await set_goal(core, text="something hostile")
    members_try = await goal(core, "remove", ALICE, actor="bob")
    assert_refused(members_try, "error.admin_only")
    assert goals(core) == [(ALICE.id, "something hostile", "open")]

    reply = await admin(core, "goal", "remove", ALICE)
    assert reply.as_text() == en("goal.removed", name="@alice")
    assert reply.visibility is Visibility.EPHEMERAL
    assert goals(core) == [(ALICE.id, "something hostile", "removed")]
    (goal_id,) = db_rows(core, "SELECT goal_id FROM goals")[0]
    assert db_rows(
        core, "SELECT community_id, actor_id, action, subject_id, ref_id FROM audit_log"
    ) == [(COMMUNITY, member("admin").id, "goal.remove", ALICE.id, goal_id)]
    assert private(core)[-1][0] == ALICE.id
    assert en("goal.removed_notice") in private(core)[-1][1]
    assert (await goal(core, "list", actor="bob")).as_text() == en("goal.list_empty", minutes=15)
    again = await admin(core, "goal", "remove", ALICE)
    assert_refused(again, "goal.none_other", name="@alice")
    assert len(db_rows(core, "SELECT * FROM audit_log")) == 1


# ---------------------------------------------------------------- /roots and the digest


async def test_roots_shows_minutes_this_week_and_all_time(core, clock):
    await set_goal(core)
    await set_goal(core, "carol", "carol's goal")
    await give(core, "bob", ALICE, "30")
    clock.set(utc(2026, 3, 30, 10))  # the next Monday: a new week
    await give(core, "bob", CAROL, "20")
    shown = field_map(await ask(core, "roots", actor="bob"))
    assert shown[en("roots.goal_time")] == en("roots.goal_minutes", week=20, total=50)
    others = field_map(await ask(core, "roots", BOB, actor="alice"))
    assert others[en("roots.goal_time")] == en("roots.goal_minutes", week=20, total=50)
    mine = field_map(await ask(core, "roots", actor="alice"))
    assert mine[en("roots.goal_time")] == en("roots.goal_minutes", week=0, total=0)


async def test_the_digest_counts_the_minutes_given_that_week(core, clock):
    await admin(core, "roots-config", "digest", "#C-general", "friday", "17:00")
    await set_goal(core)
    await give(core, "bob", ALICE, "30")
    await give(core, "carol", ALICE, "15")
    await give(core, "bob", ALICE, "15")
    await core.scheduler.advance_to(utc(2026, 3, 27, 18))
    (digest,) = sent(core)
    assert en("digest.goal_minutes", minutes=60, helpers=2) in digest.as_text().splitlines()
    # The next week's digest counts the next week only, and says nothing when none.
    await core.scheduler.advance_to(utc(2026, 4, 3, 18))
    assert "goal" not in sent(core)[-1].as_text()


# ---------------------------------------------------------------- Discord's typed options


def typed(sub: str, actor: str = "bob", **values: Any) -> CommandCall:
    return CommandCall(context(actor), "goal", sub=sub, values=values, event_id=f"i-{sub}")


async def test_typed_options_work_like_words(core):
    reply = (await core.router.command(typed("set", "alice", text=GOAL)))[0]
    assert reply.tone is Tone.SUCCESS
    (helped,) = await core.router.command(typed("help", member=ALICE, minutes=45, note="tests"))
    assert helped.tone is Tone.SUCCESS
    (out_of_range,) = await core.router.command(typed("help", member=ALICE, minutes=300))
    assert_refused(out_of_range, "goal.minutes_range", value=300, low=5, high=240)
    (listing,) = await core.router.command(typed("list"))
    assert "@alice" in listing.as_text()
    assert helps(core) == [(BOB.id, 45, "tests")]


# ---------------------------------------------------------------- French


async def test_in_french(core):
    await configure(core, "locale", "fr")
    await set_goal(core)
    reply = await give(core, "bob", ALICE, "30")
    from bot.messages import text

    assert reply.as_text().splitlines()[0] == text(
        "fr", "goal.helped", name="@alice", minutes=30, goal=GOAL
    )
    words = await say(core, "goal", "aider", ALICE, "20", actor="carol")
    assert words[0].tone is Tone.SUCCESS
    assert helps(core) == [(BOB.id, 30, ""), (CAROL.id, 20, "")]


# ---------------------------------------------------------------- erasure

ZEB = member("Zebulon", id="U-zeb")
SECRETS = ("zebulon", "u-zeb", "zebgoal", "zebnote")


def leaks(core: Core) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for table in ("goals", "goal_help", "audit_log", "kudos", "members"):
        for row in db_rows(core, f"SELECT * FROM {table}"):
            for value in row:
                if any(s in str(value).casefold() for s in SECRETS):
                    found.append((table, str(value)))
    return found


async def test_erasure_takes_a_members_goals_and_notes_and_keeps_others_minutes(core):
    await configure(core, "budget", "50")
    await set_goal(core, ZEB, "ZEBGOAL learn the cello")
    await set_goal(core, "alice", "alice's goal")
    await give(core, "alice", ZEB, "30", "ZEBNOTE from alice")
    await give(core, ZEB, ALICE, "20", "ZEBNOTE for alice")
    await give(core, "bob", ALICE, "10", "thanks to @Zebulon's idea")
    await admin(core, "goal", "remove", ALICE)  # an audit row naming alice
    await set_goal(core, "alice", "a kinder goal")
    await give(core, ZEB, ALICE, "15")
    done = await goal(core, "done", actor=ZEB)
    await press(core, ZEB, done.buttons[0])  # Zebulon thanks alice: a kudos with source goal
    alice_before = await core.store.minutes_given(COMMUNITY, ALICE.id, "2026-W13")
    bob_before = await core.store.minutes_given(COMMUNITY, BOB.id, "2026-W13")
    assert leaks(core)

    reply = await admin(core, "roots-admin", "forget", ZEB, "confirm")
    assert reply.tone is Tone.SUCCESS

    assert leaks(core) == []
    assert await core.store.minutes_given(COMMUNITY, ALICE.id, "2026-W13") == alice_before
    assert await core.store.minutes_given(COMMUNITY, BOB.id, "2026-W13") == bob_before
    # Zebulon's goals are gone from every list; alice's open goal stays, with its time.
    listing = (await goal(core, "list", actor="bob")).as_text()
    assert "cello" not in listing and TOMBSTONE_PREFIX not in listing
    assert "a kinder goal" in listing
    statuses = sorted(status for _, _, status in goals(core))
    assert statuses == ["done", "open", "removed"]
    # The minutes Zebulon gave stay counted, anonymously, with their notes blanked.
    assert all(note == "" for helper, _, note in helps(core) if helper.startswith(TOMBSTONE_PREFIX))


# ---------------------------------------------------------------- the prompts point to /goal list


@pytest.mark.parametrize(
    "prompt_id",
    ["fifteen-minutes-for-someone", "their-goal-first", "challenge-day-5", "challenge-day-6"],
)
def test_the_prompts_about_someone_elses_goal_point_to_goal_list(prompt_id):
    from bot.builtin_prompts import builtin_by_id

    prompt = builtin_by_id(prompt_id)
    assert prompt is not None
    for locale in ("en", "fr"):
        assert "/goal list" in prompt.text_for(locale), (prompt_id, locale)


async def test_private_notices_reach_the_communitys_platform_when_several_are_connected(
    core, clock
):
    ours = core.scheduler.delivery
    assert isinstance(ours, PrivateDelivery)
    other = RecordingDelivery(clock)  # another platform (Slack beside Discord): no DMs here
    core.attach_delivery(other, "elsewhere")
    assert core.scheduler.delivery is core.deliveries  # now routed by community
    await set_goal(core)
    reply = await give(core, "bob", ALICE, "25")
    assert reply.as_text().splitlines()[1] == en("goal.told", name="@alice")
    assert [dm.channel for dm in ours.private] == [ALICE.id]


async def test_the_owners_notice_is_in_the_owners_language_and_the_helpers_answer_in_theirs(
    core,
):
    """Issue 18: each reads their private text in their own language (/roots language);
    the goal itself, set publicly, stays in the community's."""
    await ask(core, "roots", "language", "fr", actor="alice")
    await ask(core, "roots", "language", "de", actor="bob")
    shown = await set_goal(core)
    assert shown.visibility is Visibility.PUBLIC
    assert shown.as_text().splitlines()[0] == en("goal.set_done", name="@alice", goal=GOAL)

    reply = await give(core, "bob", ALICE, "30")

    assert reply.as_text().splitlines()[0] == text(
        "de", "goal.helped", name="@alice", minutes=30, goal=GOAL
    )
    ((who, notice),) = private(core)
    assert who == ALICE.id
    assert notice.splitlines()[1] == text("fr", "goal.notice", name="@bob", minutes=30, goal=GOAL)
