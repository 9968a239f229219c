"""The command registry drives the router, /help and the admin guard."""

from __future__ import annotations

import pytest

from bot.commands.registry import COMMANDS, help_keys
from bot.messages import t, text
from bot.types import CommandCall, Context, Member, Tone, Value

ADMIN_CALLS = [
    (c.name, (s.name,) if s else ())
    for c in COMMANDS
    for s in (c.subs if not c.admin else (None, *c.subs))
    if c.admin or (s is not None and s.admin)
]


def test_every_admin_sub_command_is_listed() -> None:
    assert ("roots-config", ()) in ADMIN_CALLS
    assert ("kudos", ("revoke",)) in ADMIN_CALLS
    assert ("prompt", ("reject",)) in ADMIN_CALLS
    assert ("challenge", ("start",)) in ADMIN_CALLS
    assert ("prompt", ("next",)) not in ADMIN_CALLS


@pytest.mark.parametrize(("name", "args"), ADMIN_CALLS, ids=lambda v: str(v))
async def test_the_guard_refuses_members_every_admin_command(core, name, args) -> None:
    """Every admin command and sub-command, even with missing arguments, tells a
    member it is for admins (and changes nothing: no setting, no season)."""
    ctx = Context("console", "c1", "ch1", Member("u1", "Ada"))
    before = await core.communities.settings(ctx)
    replies = await core.router.command(CommandCall(ctx, name, args))
    assert [r.as_text() for r in replies] == [text("en", "error.admin_only")]
    assert replies[0].tone is Tone.ERROR
    assert await core.communities.settings(ctx) == before


async def test_the_router_answers_exactly_the_registrys_commands(core) -> None:
    assert sorted(core.router.commands) == sorted(c.name for c in COMMANDS)


async def test_help_lists_the_registrys_lines_in_order(core) -> None:
    admin = Context("console", "c1", "ch1", Member("u1", "Ada"), is_admin=True)
    shown = (await core.router.command(CommandCall(admin, "help")))[0].lines
    every = frozenset({"prompts", "challenges", "goals"})
    keys = help_keys(every, admin=True, platform="console")
    assert shown == tuple(t("en", f"help.{k}") for k in keys)
    member = help_keys(every, admin=False, platform="slack")
    assert member[:5] == ["kudos", "kudos_team", "plusplus", "reaction", "undo"]
    # The console has no user groups: team kudos are not offered there.
    console = help_keys(every, admin=False, platform="console")
    assert "kudos_team" not in console and "leaderboard_team" not in console
    assert member[-1] == "help"
    assert "revoke" not in member and "config" not in member


async def test_typed_kudos_reach_the_handler_without_words(core) -> None:
    """A typed call (Discord's options) gives kudos to the Members it carries, with
    the reason as typed; the guard reads a typed sub-command too."""
    ctx = Context("discord", "g1", "ch1", Member("u1", "Ada"))
    bob = Member("u2", "Bob")
    values: dict[str, Value] = {
        "member": bob,
        "member2": Member("u3", "Cy"),
        "reason": "<@u2> ++ thanks",
    }
    replies = await core.router.command(CommandCall(ctx, "kudos", values=values))
    assert replies[0].tone is Tone.SUCCESS
    assert "Bob" in replies[0].as_text() and "Cy" in replies[0].as_text()
    revoke = CommandCall(ctx, "kudos", sub="revoke", values={"number": 1})
    refused = await core.router.command(revoke)
    assert [r.as_text() for r in refused] == [text("en", "error.admin_only")]
    admin = Context("discord", "g1", "ch1", Member("u9", "Root"), is_admin=True)
    done = await core.router.command(
        CommandCall(admin, "kudos", sub="revoke", values=revoke.values)
    )
    assert done[0].as_text() == text("en", "kudos.revoked", id=1)
    again = await core.router.command(
        CommandCall(admin, "kudos", sub="revoke", values={"number": 1})
    )
    assert again[0].as_text() == text("en", "kudos.already_revoked", id=1)


async def test_typed_kudos_without_a_member_get_the_usage(core) -> None:
    ctx = Context("discord", "g1", "ch1", Member("u1", "Ada"))
    replies = await core.router.command(CommandCall(ctx, "kudos", values={"reason": "hi"}))
    assert [r.as_text() for r in replies] == [text("en", "usage.kudos")]


ARGS_WITH_WORDS = [
    (c.name, s.name if s else "", a)
    for c in COMMANDS
    for s in (None, *c.subs)
    for a in (s.args if s else c.args)
    if a.words
]


def test_the_words_of_a_choice_are_written_once_and_name_its_values() -> None:
    """The words the console and Slack type for a choice (leaderboard boards and
    periods, theme actions, a confirmation) live on the registry's Arg alone: each word
    names one value, each value is named by itself first, and a choice's words name
    only values Discord can also choose."""
    assert {(c, s, a.name) for c, s, a in ARGS_WITH_WORDS} >= {
        ("leaderboard", "", "board"),
        ("leaderboard", "", "period"),
        ("roots-config", "themes", "action"),
        ("roots-admin", "forget", "confirm"),
    }
    for _, _, arg in ARGS_WITH_WORDS:
        words = [w for _, names in arg.words for w in names]
        assert len(words) == len(set(words)), arg.name
        assert all(names[0] == value for value, names in arg.words), arg.name
        assert all(w == w.lower() for w in words), arg.name
        if arg.choices:
            assert {v for v, _ in arg.words} <= {v for _, v in arg.choices}, arg.name


@pytest.mark.parametrize(
    ("words", "board", "period"),
    [(("donneurs", "MOIS"), "givers", "month"), (("receiver", "alltime"), "receivers", "all")],
)
def test_a_typed_word_names_the_same_value_as_discords_choice(words, board, period) -> None:
    leaderboard = next(c for c in COMMANDS if c.name == "leaderboard")
    assert leaderboard.arg("board").value_of(words[0]) == board
    assert leaderboard.arg("period").value_of(words[1]) == period
    assert leaderboard.arg("board").value_of("semaine") is None
