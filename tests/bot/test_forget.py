"""/roots-admin forget: a member's personal data erased, everyone else's totals kept.

Each test runs on SQLite and on PostgreSQL (the ``core`` fixture).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.storage.erasure import redact_name
from bot.storage.records import TOMBSTONE_PREFIX, Role
from bot.storage.sql import SqlStore
from bot.types import Member, Tone, Visibility
from bot.wiring import Core, running_core
from tests.fakes import (
    COMMUNITY,
    RecordingDelivery,
    admin,
    ask,
    assert_refused,
    call,
    configure,
    db_rows,
    en,
    member,
    posted,
    reacted,
    say,
    thank,
)

ZEB = member("Zebulon", id="U-zeb")
SECRETS = ("zebulon", "u-zeb", "zebsecret", "zebnote", "zebmessage", "zebprompt", "zebreact")
PERIODS = ["life", "s1", "s1:w2026-W13", "s1:m2026-03"]
OTHERS = ("alice", "bob", "carol")


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(RecordingDelivery(clock))
        yield running


# ---------------------------------------------------------------- helpers


def tables(core: Core) -> list[str]:
    store = core.store
    assert isinstance(store, SqlStore)
    if store.backend == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = (
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    return sorted(str(r[0]) for r in db_rows(core, sql))


def everything(core: Core) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (schema_version aside), in a stable order."""
    return {
        table: sorted(db_rows(core, f"SELECT * FROM {table}"), key=repr)
        for table in tables(core)
        if table != "schema_version"
    }


def leaks(core: Core) -> list[tuple[str, str]]:
    """(table, value) of every cell that still holds one of the member's secrets."""
    found: list[tuple[str, str]] = []
    for table, rows in everything(core).items():
        for row in rows:
            for value in row:
                if any(s in str(value).casefold() for s in SECRETS):
                    found.append((table, str(value)))
    return found


async def forget(core: Core, *args: str | Member, actor: str = "admin", **kw: Any) -> Any:
    return await ask(core, "roots-admin", "forget", *args, actor=actor, admin=True, **kw)


async def populate(core: Core) -> None:
    """Zebulon gives, receives, reacts, is reacted to, checks in, suggests, joins."""
    await configure(core, "budget", "50")
    await configure(core, "cooldown", "0")
    await thank(core, ZEB, "alice", reason="ZEBSECRET one")
    await thank(core, "alice", ZEB, reason="thanks @Zebulon for the review")
    await thank(core, "bob", ZEB, reason="for the pairing")
    await thank(core, ZEB, "bob", "carol", reason="ZEBSECRET two")
    await thank(core, "carol", "alice", reason="for the docs")
    await thank(core, "bob", "alice", reason="for the talk with Zebulon")
    await thank(core, "bob", "carol", reason="for the coffee")
    await core.router.reaction(
        reacted("alice", ZEB, message_id="m-z", message_text="zebmessage: a private thought")
    )
    await core.router.reaction(reacted(ZEB, "carol", message_id="m-c", message_text="zebreact"))
    await core.router.message(posted(ZEB, member("alice"), "++ ZEBSECRET three", event_id="e-3"))
    undone = await thank(core, ZEB, "bob", reason="ZEBSECRET undone")
    assert undone.tone is Tone.SUCCESS
    assert (await ask(core, "kudos", "undo", actor=ZEB)).tone is Tone.SUCCESS
    await admin(core, "prompt", "now")
    assert (await ask(core, "done", "ZEBNOTE", "called", "mum", actor=ZEB)).tone is not Tone.ERROR
    assert (await ask(core, "done", "called", "dad", actor="alice")).tone is not Tone.ERROR
    await ask(core, "prompt", "suggest", "Call", "ZEBPROMPT", "today", actor=ZEB)
    await admin(core, "challenge", "start")
    await ask(core, "challenge", "join", actor=ZEB)
    await ask(core, "challenge", "join", actor="carol")


async def boards(core: Core) -> dict[str, list[tuple[str, int]]]:
    """Lifetime and weekly boards of the other members: (id, count), best first."""
    out: dict[str, list[tuple[str, int]]] = {}
    for period in ("life", "s1:w2026-W13"):
        for role in Role:
            rows = await core.store.top_members(COMMUNITY, period, role, 50)
            out[f"{period}/{role.value}"] = [
                (r.member.id, r.count) for r in rows if r.member.id != ZEB.id
            ]
    return out


async def others(core: Core) -> dict[str, Any]:
    """What alice, bob and carol see about themselves: totals and helpers."""
    seen: dict[str, Any] = {}
    for name in OTHERS:
        mid = member(name).id
        seen[f"{name}/tallies"] = await core.store.tallies(COMMUNITY, mid, PERIODS)
        helpers = await core.store.top_helpers(COMMUNITY, mid, 10)
        seen[f"{name}/helpers"] = [(m.id, n) for m, n in helpers if m.id != ZEB.id]
    return seen


def recount_matches_aggregates(core: Core) -> None:
    ledger = db_rows(
        core,
        "SELECT giver_id, receiver_id, season, week_key, month_key FROM kudos"
        " WHERE community_id = ? AND revoked_at IS NULL",
        COMMUNITY,
    )
    given: Counter[tuple[str, str]] = Counter()
    received: Counter[tuple[str, str]] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for giver, receiver, season, week, month in ledger:
        for period in ("life", f"s{season}", f"s{season}:w{week}", f"s{season}:m{month}"):
            given[(period, giver)] += 1
            received[(period, receiver)] += 1
        pairs[(giver, receiver)] += 1
    totals = db_rows(
        core,
        "SELECT period, member_id, given, received FROM kudos_totals WHERE community_id = ?",
        COMMUNITY,
    )
    assert {(p, m): g for p, m, g, _ in totals if g} == dict(given)
    assert {(p, m): r for p, m, _, r in totals if r} == dict(received)
    stored_pairs = db_rows(
        core,
        "SELECT giver_id, receiver_id, count FROM kudos_pairs WHERE community_id = ?",
        COMMUNITY,
    )
    assert {(g, r): n for g, r, n in stored_pairs if n} == dict(pairs)


# ---------------------------------------------------------------- erasure


async def test_forget_erases_the_member_and_keeps_everyone_elses_totals(core):
    await populate(core)
    boards_before, others_before = await boards(core), await others(core)
    kudos_before = db_rows(core, "SELECT count(*) FROM kudos")
    assert leaks(core)  # the scan sees the secrets while they are there

    reply = await forget(core, ZEB, "confirm")

    assert reply.tone is Tone.SUCCESS and reply.visibility is Visibility.EPHEMERAL
    assert reply.as_text() == en("forget.done", name="Zebulon", given=5, received=3, count=1)
    assert leaks(core) == []
    assert await boards(core) == boards_before
    assert await others(core) == others_before
    assert db_rows(core, "SELECT count(*) FROM kudos") == kudos_before
    recount_matches_aggregates(core)
    # What members see: no name, no stranger, everyone else as before.
    shown = (await ask(core, "leaderboard", "all")).as_text()
    assert "Zebulon" not in shown and TOMBSTONE_PREFIX not in shown
    assert "@alice" in shown and "@carol" in shown
    roots_of_alice = (await ask(core, "roots", actor="alice")).as_text()
    assert "Zebulon" not in roots_of_alice and TOMBSTONE_PREFIX not in roots_of_alice
    status = (await ask(core, "challenge", "status", actor="carol")).as_text()
    assert "@carol" in status and TOMBSTONE_PREFIX not in status
    # Others' words keep their meaning; the name is gone.
    reasons = [r for (r,) in db_rows(core, "SELECT reason FROM kudos ORDER BY kudos_id")]
    assert "thanks @former member for the review" in reasons
    assert "for the talk with @former member" in reasons
    assert "for the coffee" in reasons


async def test_the_tombstone_is_one_unlinkable_id_per_forget(core):
    await populate(core)
    await forget(core, ZEB, "confirm")
    ids = {
        g for (g,) in db_rows(core, "SELECT giver_id FROM kudos") if g.startswith(TOMBSTONE_PREFIX)
    }
    assert len(ids) == 1
    (tombstone,) = ids
    assert db_rows(
        core, "SELECT display_name, opted_out FROM members WHERE member_id = ?", tombstone
    ) == [(tombstone, 1)]
    # Back, and forgotten again: a different tombstone.
    await thank(core, ZEB, "alice", reason="hello again")
    await forget(core, ZEB, "confirm")
    again = {
        g for (g,) in db_rows(core, "SELECT giver_id FROM kudos") if g.startswith(TOMBSTONE_PREFIX)
    }
    assert len(again) == 2 and tombstone in again


async def test_a_forgotten_member_who_comes_back_starts_from_zero(core):
    await populate(core)
    await forget(core, ZEB, "confirm")

    assert (await thank(core, ZEB, "alice", reason="hello again")).tone is Tone.SUCCESS
    assert (await thank(core, "bob", ZEB, reason="welcome back")).tone is Tone.SUCCESS

    mine = await core.store.tallies(COMMUNITY, ZEB.id, ["life"])
    assert (mine["life"].given, mine["life"].received) == (1, 1)
    board = (await ask(core, "leaderboard", "givers", "all")).as_text()
    assert "@Zebulon: 1" in board
    assert db_rows(core, "SELECT opted_out FROM members WHERE member_id = ?", ZEB.id) == [(0,)]
    recount_matches_aggregates(core)


async def test_a_process_that_knew_the_member_records_them_again(core, settings, clock):
    """Another process (roots forget, or /roots-admin in another worker) erases Zeb while
    this one remembers having recorded him: his opt-out here still takes effect."""
    await populate(core)
    async with running_core(settings, clock=clock) as other:
        other.attach_delivery(RecordingDelivery(clock))
        await forget(other, ZEB, "confirm")
    assert db_rows(core, "SELECT member_id FROM members WHERE member_id = ?", ZEB.id) == []

    reply = await ask(core, "roots", "optout", actor=ZEB)
    assert reply.tone is not Tone.ERROR
    assert db_rows(core, "SELECT opted_out FROM members WHERE member_id = ?", ZEB.id) == [(1,)]
    assert "Zebulon" not in (await ask(core, "leaderboard", "givers", "all")).as_text()


async def test_an_admin_may_forget_themselves(core):
    boss = member("boss")
    await thank(core, boss, "alice", reason="for the onboarding")
    reply = await ask(core, "roots-admin", "forget", boss, "confirm", actor=boss, admin=True)

    assert reply.tone is Tone.SUCCESS
    assert db_rows(core, "SELECT count(*) FROM members WHERE member_id = ?", boss.id) == [(0,)]
    assert (await core.store.tallies(COMMUNITY, "U-alice", ["life"]))["life"].received == 1


async def test_other_communities_keep_their_data(core):
    await thank(core, ZEB, "alice", reason="ZEBSECRET here")
    elsewhere = await core.router.command(
        call("kudos", member("alice"), "ZEBSECRET", "there", actor=ZEB, community="T-other")
    )
    assert elsewhere[0].tone is Tone.SUCCESS
    assert await core.store.communities_of_member(ZEB.id) == sorted([COMMUNITY, "T-other"])

    await forget(core, ZEB, "confirm")

    assert db_rows(core, "SELECT community_id, reason FROM kudos WHERE giver_id = ?", ZEB.id) == [
        ("T-other", "ZEBSECRET there")
    ]
    assert await core.store.communities_of_member(ZEB.id) == ["T-other"]


# ---------------------------------------------------------------- asking first, refusing


async def test_without_confirm_it_only_says_what_would_be_erased(core):
    await populate(core)
    before = everything(core)

    reply = await forget(core, ZEB)

    assert reply.visibility is Visibility.EPHEMERAL and reply.tone is not Tone.ERROR
    assert reply.as_text() == "\n".join(
        (
            en("forget.preview", name="Zebulon", given=5, received=3),
            en("forget.preview_goals", count=0),
        )
    )
    assert everything(core) == before


@pytest.mark.parametrize(
    "words",
    [
        (),
        ("frobnicate",),
        ("forget",),
        ("forget", "confirm"),
        ("forget", ZEB, "please"),
        ("forget", ZEB, member("alice"), "confirm"),
        ("forget", "Zebulon", "confirm"),  # not a mention: maybe a typo
    ],
)
async def test_bad_arguments_get_the_usage_and_change_nothing(core, words):
    await populate(core)
    before = everything(core)

    reply = await ask(core, "roots-admin", *words, actor="admin", admin=True)

    assert_refused(reply, "forget.usage")
    assert everything(core) == before


async def test_members_who_are_not_admins_cannot_forget(core):
    await populate(core)
    before = everything(core)

    reply = await ask(core, "roots-admin", "forget", ZEB, "confirm", actor="bob")

    assert_refused(reply, "error.admin_only")
    assert everything(core) == before


async def test_unknown_members_and_bots_are_refused_politely(core):
    await populate(core)
    before = everything(core)
    stranger = member("stranger")
    robot = member("robot", bot=True)

    assert_refused(await forget(core, stranger, "confirm"), "forget.unknown", name="stranger")
    assert_refused(await forget(core, "@nobody", "confirm"), "forget.unknown", name="nobody")
    assert_refused(await forget(core, robot, "confirm"), "forget.bot", name="robot")
    assert everything(core) == before


async def test_the_second_forget_finds_nothing(core):
    await populate(core)
    await forget(core, ZEB, "confirm")
    before = everything(core)

    reply = await forget(core, ZEB, "confirm")

    assert_refused(reply, "forget.unknown", name="Zebulon")
    assert everything(core) == before


async def test_in_french(core):
    await admin(core, "roots-config", "locale", "fr")
    await thank(core, ZEB, "alice", reason="merci pour tout")
    await thank(core, "alice", ZEB, reason="merci @Zebulon")

    preview = await forget(core, ZEB)
    done = await forget(core, ZEB, "confirmer")

    assert preview.as_text() == "\n".join(
        (
            text("fr", "forget.preview", name="Zebulon", given=1, received=1),
            text("fr", "forget.preview_goals", count=0),
        )
    )
    assert done.as_text() == text("fr", "forget.done", name="Zebulon", given=1, received=1, count=0)
    assert ("merci @ancien membre",) in db_rows(core, "SELECT reason FROM kudos")


async def test_admins_see_the_command_in_help(core):
    shown = (await ask(core, "help", actor="admin", admin=True)).as_text()
    assert en("help.admin_forget") in shown
    assert en("help.admin_forget") not in (await ask(core, "help", actor="bob")).as_text()


async def test_say_returns_one_reply(core):
    # The command answers with one ephemeral reply, never a public one.
    replies = await say(core, "roots-admin", "forget", ZEB, actor="admin", admin=True)
    assert len(replies) == 1 and replies[0].visibility is Visibility.EPHEMERAL


# ---------------------------------------------------------------- others' words


@pytest.mark.parametrize(
    ("before", "name", "after"),
    [
        ("thanks @Zebulon and @zebulon!", "Zebulon", "thanks @former member and @former member!"),
        ("pairing with Zebulon today", "Zebulon", "pairing with @former member today"),
        ("Zebulonia is a place", "Zebulon", "Zebulonia is a place"),
        ("Also @Al helped", "Al", "Also @former member helped"),  # short: mentions only
        ("ask Jo Ann", "Jo Ann", "ask @former member"),
        ("@member rocks", "member", "@… rocks"),  # the placeholder would name them
    ],
)
def test_the_name_is_replaced_in_what_others_wrote(before: str, name: str, after: str) -> None:
    assert redact_name(before, name, "@former member") == after


async def test_the_preview_says_goals_go_and_their_minutes_stay_counted(core):
    await say(core, "goal", "set", "Learn", "Rust", actor="carol")
    await say(core, "goal", "help", member("carol"), "45", actor=ZEB)
    await say(core, "goal", "help", member("carol"), "30", actor=ZEB)

    preview = await forget(core, ZEB)

    assert en("forget.preview_goals", count=75) in preview.as_text()
    assert "75 minutes they gave to others' goals stay counted" in preview.as_text()
    assert len(db_rows(core, "SELECT * FROM goal_help WHERE helper_id = 'U-zeb'")) == 2
