"""The message catalog: en, fr, es and de in step, and member-typed text kept inert."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import bot
from bot.messages import CATALOGS, join, placeholders, t, text
from bot.types import Mention, Plain, UserText
from tests.fakes import ask, configure, db_rows, member, posted, reacted

EN = CATALOGS["en"]
OTHERS = sorted(set(CATALOGS) - {"en"})
KEY_RE = re.compile(r"^(kudos|leaderboard|roots|config|error|usage|help|console)(\.[a-z_]+)+$")


def test_the_catalogs_are_english_french_spanish_and_german():
    assert sorted(CATALOGS) == ["de", "en", "es", "fr"]


@pytest.mark.parametrize("locale", OTHERS)
def test_every_english_key_exists_in_each_language_and_vice_versa(locale):
    assert sorted(set(EN) - set(CATALOGS[locale])) == []
    assert sorted(set(CATALOGS[locale]) - set(EN)) == []


@pytest.mark.parametrize("locale", OTHERS)
def test_every_language_uses_the_english_placeholders(locale):
    catalog = CATALOGS[locale]
    wrong = [k for k in EN if k in catalog and placeholders(EN[k]) != placeholders(catalog[k])]
    assert wrong == []


@pytest.mark.parametrize("locale", ["es", "de"])
def test_spanish_and_german_are_written_not_copied(locale):
    """Each message is its own text: English stays only where a message is a name or
    placeholders ("Kudos 🌱", "{rank}. {name}: {count}"), never a sentence."""
    catalog = CATALOGS[locale]

    def words(template: str) -> list[str]:
        return re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[a-z_]+\}", "", template))

    same = [k for k in EN if catalog[k] == EN[k] and len(words(EN[k])) >= 2]
    assert len([k for k in EN if len(words(EN[k])) >= 2]) > 250  # the check sees sentences
    assert same == []
    assert not [k for k, v in catalog.items() if "(s)" in v or "(en)" in v or "(n)" in v]


def test_spanish_opens_its_questions_and_exclamations_and_says_tu():
    spanish = CATALOGS["es"]
    for key, value in spanish.items():
        assert value.count("¿") == value.count("?"), key
        assert value.count("¡") == value.count("!"), key
        assert not re.search(r"\b(usted|ustedes|vosotros|vuestr[oa]s?)\b", value.lower()), key
        assert "“" not in value and '"' not in value, key  # Spanish quotes are « »


def test_german_says_du_and_uses_german_quotes():
    german = CATALOGS["de"]
    for key, value in german.items():
        # "Sie"/"Ihnen" inside a sentence is the formal address ("Wählen Sie")
        assert not re.search(r"[^.!?:]\s(Sie|Ihnen|Ihr|Ihre|Ihren)\b", value), key
        assert "«" not in value and '"' not in value, key
        assert value.count("„") == value.count("“"), key
    assert german["kudos.reason"] == "„{reason}“"


@pytest.mark.parametrize("locale", sorted(CATALOGS))
def test_discord_form_texts_fit_discord_s_45_characters(locale):
    for key in ("kudos.modal_title", "kudos.modal_reason"):
        assert len(CATALOGS[locale][key]) <= 45, (locale, key)


@pytest.mark.parametrize("locale", sorted(CATALOGS))
def test_no_message_is_empty(locale):
    empty = [key for key, value in CATALOGS[locale].items() if not value.strip()]
    assert empty == []


@pytest.mark.parametrize("locale", sorted(CATALOGS))
def test_every_message_formats_with_its_placeholders(locale):
    for key, template in CATALOGS[locale].items():
        values = {name: f"<{name}>" for name in placeholders(template)}
        rendered = text(locale, key, **values)
        for name in values:
            assert f"<{name}>" in rendered, (locale, key, name)


def test_every_key_the_code_uses_is_in_the_catalog():
    root = Path(bot.__file__).parent
    used: set[str] = set()
    for path in root.rglob("*.py"):
        if "messages" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and KEY_RE.match(node.value)
                and not node.value.endswith(".db")
            ):
                used.add(node.value)
    assert len(used) > 40  # the scan really found the keys
    assert sorted(used - set(EN)) == []
    dynamic = [f"leaderboard.title.{w}" for w in ("week", "month", "all")]
    dynamic += [f"leaderboard.{r}" for r in ("givers", "receivers")]
    assert [k for k in dynamic if k not in EN] == []


# ---------------------------------------------------------------- rich text


def test_t_turns_strings_into_user_text_and_keeps_trusted_values():
    sam = Mention("U-sam", "sam")
    rich = t("en", "kudos.given", giver=sam, receivers="<!here>")

    assert rich == (Plain("🌱 "), sam, Plain(" thanked "), UserText("<!here>"))
    assert t("en", "leaderboard.you", rank=3, count=7) == (
        Plain("You: #"),
        Plain("3"),
        Plain(" with "),
        Plain("7"),
    )
    joined = join([(sam,), (Mention("U-kim", "kim"),)])
    assert t("en", "kudos.undone", receivers=joined)[1:4] == (
        sam,
        Plain(", "),
        Mention("U-kim", "kim"),
    )


@pytest.mark.parametrize("locale", ["en", "fr"])
async def test_a_reason_that_looks_like_a_ping_stays_user_text(core, locale):
    if locale != "en":
        await configure(core, "locale", locale)
    reason = "for @everyone <!channel> <@U-carol> **bold**"
    reply = await ask(
        core, "kudos", member("bob"), *reason.split(), actor="alice", mentions=[member("carol")]
    )

    shown = "for @everyone <!channel> @carol **bold**"  # the token reads as a name
    spans = [span for line in reply.lines for span in line] + list(reply.body)
    assert UserText(shown) in spans
    for span in spans:
        if isinstance(span, Plain):
            assert "everyone" not in span.text and "channel" not in span.text
        if isinstance(span, Mention):
            assert span.member_id in ("U-alice", "U-bob")
    assert reply.ping == ("U-bob",)
    assert text(locale, "kudos.reason", reason=shown) in reply.as_text()


async def test_a_plusplus_reason_that_is_a_ping_stays_user_text(core):
    msg = posted("alice", member("bob"), "++ @everyone <!channel>")

    (reply,) = await core.router.message(msg)

    assert (Plain("“"), UserText("@everyone <!channel>"), Plain("”")) in reply.lines
    assert reply.ping == ("U-bob",)
    assert db_rows(core, "SELECT reason FROM kudos") == [("@everyone <!channel>",)]


async def test_a_typed_name_in_a_refusal_stays_user_text(core):
    reply = await ask(core, "kudos", "@everyone", "hello")

    assert UserText("everyone") in reply.body
    assert reply.as_text() == text("en", "kudos.unknown_member", name="everyone")
    assert reply.ping == ()


async def test_a_reaction_excerpt_stays_user_text(core):
    replies = await core.router.reaction(reacted("carol", "bob", message_text="<!here> ship it"))

    (reply,) = replies
    assert UserText("<!here> ship it") in [span for line in reply.lines for span in line]
    assert reply.ping == ("U-bob",)
