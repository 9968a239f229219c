"""Each member's language (issue 18, item 3): `/roots language fr|en|es|de|auto`.

A member's private answers (ephemeral replies, refusals, /help, /roots, direct messages)
are in the language they chose; on ``auto`` (the default), in their app's language when
the platform says it (``Context.platform_locale``), else the community's. Public posts
stay in the community's language. Stored per member per community. Both backends.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.config import Settings
from bot.messages import text
from bot.services.community import language_choices, member_locale
from bot.types import CommandCall, Visibility, plain_text
from bot.wiring import running_core
from tests.fakes import (
    COMMUNITY,
    RecordingDelivery,
    admin,
    ask,
    assert_given,
    assert_refused,
    call,
    configure,
    context,
    db_rows,
    member,
    thank,
)

BOB = member("bob")
CHOICES = language_choices()  # every language Roots speaks, then auto


def stored(core: Any) -> list[tuple[Any, ...]]:
    return db_rows(
        core,
        "SELECT member_id, locale FROM member_languages WHERE community_id = ? ORDER BY 1",
        COMMUNITY,
    )


def with_app_locale(one: CommandCall, locale: str | None) -> CommandCall:
    """The call as a platform that says the member's app language sends it."""
    return replace(one, ctx=replace(one.ctx, platform_locale=locale))


async def test_a_french_member_gets_private_answers_in_french_and_public_kudos_in_english(
    core,
) -> None:
    chosen = await ask(core, "roots", "language", "fr", actor="alice")
    assert chosen.visibility is Visibility.EPHEMERAL
    assert chosen.as_text() == text("fr", "language.set", language="français")

    # Public: the kudos confirmation everyone reads stays in the community's English.
    given = await thank(core, "alice", "bob")
    assert_given(given)
    assert plain_text(given.body) == text("en", "kudos.given", giver="@alice", receivers="@bob")
    # Private: a refusal, /help and /roots are hers alone, in French.
    refused = await ask(core, "kudos", member("alice"), "me", actor="alice")
    assert_refused(refused, "kudos.self", "fr")
    helped = await ask(core, "help", actor="alice")
    assert plain_text(helped.title or ()) == text("fr", "help.title")
    roots = await ask(core, "roots", actor="alice")
    assert plain_text(roots.title or ()) == text("fr", "roots.title", name="@alice")
    # Bob chose nothing: English, as the community.
    assert_refused(await ask(core, "kudos", BOB, "me", actor="bob"), "kudos.self")
    assert stored(core) == [("U-alice", "fr")]


async def test_the_word_of_each_language_is_accepted_and_the_answer_is_in_it(core) -> None:
    for word, name in (("de", "Deutsch"), ("ES", "español"), ("en", "English")):
        reply = await ask(core, "roots", "langue", word, actor="alice")
        lang = word.lower()
        assert reply.as_text() == text(lang, "language.set", language=name)
        assert stored(core) == [("U-alice", lang)]


async def test_without_a_word_it_says_the_language_in_use(core) -> None:
    shown = await ask(core, "roots", "language", actor="alice")
    assert shown.as_text() == text(
        "en", "language.current_auto", language="English", choices=CHOICES
    )

    await ask(core, "roots", "language", "es", actor="alice")
    shown = await ask(core, "roots", "language", actor="alice")
    assert shown.as_text() == text("es", "language.current", language="español", choices=CHOICES)


async def test_bad_input_is_refused_politely_and_changes_nothing(core) -> None:
    await ask(core, "roots", "language", "fr", actor="alice")

    for words in (("klingon",), ("fr", "de")):
        reply = await ask(core, "roots", "language", *words, actor="alice")
        # Refused in her language, with the choices; her choice is still French.
        assert_refused(reply, "language.usage", "fr", value=" ".join(words), choices=CHOICES)
    assert stored(core) == [("U-alice", "fr")]


async def test_auto_follows_the_platforms_locale_then_the_community(core) -> None:
    spanish = with_app_locale(call("kudos", member("alice"), actor="alice"), "es-419")
    (reply,) = await core.router.command(spanish)
    assert_refused(reply, "kudos.self", "es")

    german = with_app_locale(call("kudos", member("alice"), actor="alice"), "de")
    (reply,) = await core.router.command(german)
    assert_refused(reply, "kudos.self", "de")

    # A language Roots doesn't speak: the community's.
    portuguese = with_app_locale(call("kudos", member("alice"), actor="alice"), "pt-BR")
    (reply,) = await core.router.command(portuguese)
    assert_refused(reply, "kudos.self", "en")


async def test_a_choice_wins_over_the_platforms_locale_and_auto_gives_it_back(core) -> None:
    await ask(core, "roots", "language", "fr", actor="alice")
    refused = with_app_locale(call("kudos", member("alice"), actor="alice"), "de")
    (reply,) = await core.router.command(refused)
    assert_refused(reply, "kudos.self", "fr")

    back = with_app_locale(call("roots", "language", "auto", actor="alice"), "de")
    (reply,) = await core.router.command(back)
    assert reply.as_text() == text("de", "language.set_auto", language="Deutsch")
    assert stored(core) == []


async def test_the_public_kudos_stays_in_the_community_language_whatever_the_app_says(
    core,
) -> None:
    await configure(core, "locale", "fr")
    english_app = with_app_locale(call("kudos", BOB, "merci", actor="alice"), "en-US")
    (given,) = await core.router.command(english_app)
    assert_given(given)
    assert plain_text(given.body) == text("fr", "kudos.given", giver="@alice", receivers="@bob")


async def test_discords_typed_option_sets_and_shows_the_language(core) -> None:
    def typed(**values: Any) -> CommandCall:
        return CommandCall(context("alice"), "roots", sub="language", values=values)

    (reply,) = await core.router.command(typed(language="de"))
    assert reply.as_text() == text("de", "language.set", language="Deutsch")
    (reply,) = await core.router.command(typed(language=None))
    assert reply.as_text() == text("de", "language.current", language="Deutsch", choices=CHOICES)
    assert stored(core) == [("U-alice", "de")]


async def test_the_choice_survives_a_restart(settings: Settings, clock) -> None:
    async with running_core(settings, clock=clock) as core:
        await ask(core, "roots", "language", "fr", actor="alice")
    async with running_core(settings, clock=clock) as again:
        refused = await ask(again, "kudos", member("alice"), actor="alice")
        assert_refused(refused, "kudos.self", "fr")


async def test_an_admins_settings_answer_is_in_the_admins_language(core) -> None:
    await ask(core, "roots", "language", "fr", actor="admin", admin=True)
    reply = await admin(core, "roots-config", "budget", "4")
    assert reply.as_text() == text("fr", "config.updated", setting="budget", value="4")


async def test_private_announcements_tell_each_reader_in_their_language(core, clock) -> None:
    platform = RecordingDelivery(clock)
    core.attach_delivery(platform)
    await admin(core, "roots-config", "announce", "private")
    await ask(core, "roots", "language", "de", actor="alice")
    await ask(core, "roots", "language", "fr", actor="bob")

    reply = await thank(core, "alice", "bob")

    assert reply.visibility is Visibility.EPHEMERAL
    assert plain_text(reply.body) == text("de", "kudos.given", giver="@alice", receivers="@bob")
    ((sent_to, sent),) = [(s.channel, s.reply) for s in platform.private]
    assert sent_to == BOB.id
    assert plain_text(sent.body) == text("fr", "kudos.given", giver="@alice", receivers="@bob")


async def test_forgetting_a_member_erases_their_language(core) -> None:
    await ask(core, "roots", "language", "fr", actor="alice")
    await ask(core, "roots", "language", "de", actor="bob")

    erased = await ask(
        core, "roots-admin", "forget", member("alice"), "confirm", actor="admin", admin=True
    )
    assert not erased.is_error, erased.as_text()

    assert stored(core) == [("U-bob", "de")]


@pytest.mark.parametrize("word", ["auto", "AUTO"])
async def test_auto_removes_the_stored_choice(core, word: str) -> None:
    await ask(core, "roots", "language", "es", actor="alice")
    reply = await ask(core, "roots", "language", word, actor="alice")
    assert reply.as_text() == text("en", "language.set_auto", language="English")
    assert stored(core) == []


async def test_when_the_database_is_gone_the_apology_is_in_the_communitys_language(
    tmp_path, clock
) -> None:
    """The member's language can't be read then: the community's, which the process
    still has, rather than English."""
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings, clock=clock) as core:
        await configure(core, "locale", "fr")
    assert_refused(await thank(core, "alice", "carol"), "error.storage", "fr")


def test_a_member_s_own_language_takes_the_community_s_tone() -> None:
    """A German community that chose Sie: a member who reads French gets vous (fr@formal),
    one who reads English gets English (one form of address), one on auto the community's."""
    assert member_locale("fr", "de@formal") == "fr@formal"
    assert member_locale("fr", "de") == "fr"
    assert member_locale("en", "de@formal") == "en"
    assert member_locale("de", "de@formal") == "de@formal"
    assert member_locale(None, "de@formal") == "de@formal"
