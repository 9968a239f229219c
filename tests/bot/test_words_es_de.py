"""Spanish and German words on the text platforms (issue 18): wherever the registry takes
English and French words (sub-commands, choices), a Spanish or German member may type
their own: ``/leaderboard semana``, ``/leaderboard woche``, ``/roots-config zeitzone``."""

from __future__ import annotations

import pytest

from bot.commands.registry import BY_NAME, COMMANDS
from bot.types import Tone, plain_text
from tests.fakes import COMMUNITY, ask, en, thank


async def admin(core, *args: str):
    return await ask(core, "roots-config", *args, actor="admin", admin=True)


@pytest.mark.parametrize(
    ("words", "window"),
    [
        (("semana",), "week"),
        (("woche",), "week"),
        (("mes",), "month"),
        (("monat",), "month"),
        (("temporada",), "all"),
        (("gesamt",), "all"),
        (("donantes", "mes"), "month"),
        (("empfangende", "woche"), "week"),
    ],
)
async def test_the_leaderboard_takes_spanish_and_german_words(core, words, window):
    await thank(core, "alice", "bob")

    reply = await ask(core, "leaderboard", *words, actor="carol")

    assert reply.tone is not Tone.ERROR, reply.as_text()
    assert reply.title is not None
    assert plain_text(reply.title) == en(f"leaderboard.title.{window}", season=1)


async def test_one_board_by_its_spanish_or_german_name(core):
    await thank(core, "alice", "bob")

    givers = await ask(core, "leaderboard", "gebende", actor="carol")
    both = await ask(core, "leaderboard", actor="carol")

    assert len(givers.fields) == 1 and len(both.fields) == 2


async def test_settings_by_their_spanish_and_german_names(core):
    await admin(core, "zeitzone", "Europe/Berlin")
    await admin(core, "idioma", "es")
    await admin(core, "grund", "nein")
    reply = await admin(core, "presupuesto", "7")

    assert reply.tone is Tone.SUCCESS, reply.as_text()
    found = await core.store.find_community(COMMUNITY)
    assert found is not None
    assert (found.timezone, found.locale, found.reason_required, found.daily_budget) == (
        "Europe/Berlin",
        "es",
        False,
        7,
    )
    await admin(core, "motivo", "sí")
    found = await core.store.find_community(COMMUNITY)
    assert found is not None and found.reason_required


async def test_undo_in_spanish_and_german(core):
    await thank(core, "alice", "bob")
    undone = await ask(core, "kudos", "deshacer", actor="alice")
    assert undone.tone is Tone.SUCCESS, undone.as_text()

    await thank(core, "alice", "carol")
    assert (await ask(core, "kudos", "rückgängig", actor="alice")).tone is Tone.SUCCESS


def test_each_word_names_one_sub_command_and_spanish_and_german_words_resolve():
    """Each word names one sub-command of its command, and the table really grew."""
    for command in COMMANDS:
        seen: dict[str, str] = {}
        for sub in command.subs:
            for word in sub.words:
                assert seen.setdefault(word, sub.name) == sub.name, (command.name, word)
    config = BY_NAME["roots-config"]
    assert config.sub_name("zeitzone") == "timezone"
    assert config.sub_name("idioma") == "locale"
    assert BY_NAME["goal"].sub_name("aufgeben") == "drop"
    assert BY_NAME["challenge"].sub_name("mitmachen") == "join"
    assert BY_NAME["prompt"].sub_name("siguiente") == "next"
