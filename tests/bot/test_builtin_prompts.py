import re
from collections import Counter

import pytest

from bot.builtin_prompts import (
    BUILTIN_PROMPTS,
    CHALLENGE_PROMPTS,
    THEMES,
    Prompt,
    builtin_by_id,
)
from bot.messages import LOCALES

SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
ALL_PROMPTS = (*BUILTIN_PROMPTS, *CHALLENGE_PROMPTS)
MAX_CHARS = 220


def test_themes_are_the_six_agreed_tags():
    assert THEMES == ("gratitude", "reconnect", "pay-forward", "learning", "unstuck", "reasons")


def test_library_is_large_enough():
    assert len(BUILTIN_PROMPTS) >= 48


def test_every_theme_has_at_least_six_prompts():
    counts = Counter(p.theme for p in BUILTIN_PROMPTS)
    assert set(counts) == set(THEMES)
    for theme in THEMES:
        assert counts[theme] >= 6, theme


def test_each_of_the_ten_reasons_has_a_prompt():
    reasons = {p.id for p in BUILTIN_PROMPTS if p.theme == "reasons"}
    expected = {
        "reason-friendship",
        "reason-outlast-platforms",
        "reason-emulation",
        "reason-reality-check",
        "reason-courage",
        "reason-unstuck",
        "reason-learning",
        "reason-innovation",
        "reason-mental-health",
        "reason-pay-forward",
    }
    assert expected <= reasons


def test_ids_are_unique_slugs_across_library_and_challenge():
    ids = [p.id for p in ALL_PROMPTS]
    assert len(ids) == len(set(ids))
    for prompt_id in ids:
        assert SLUG.fullmatch(prompt_id), prompt_id
        assert len(prompt_id) <= 40, prompt_id


def test_ids_are_not_positional():
    # Ids are written by hand; a trailing index like "gratitude-3" would mean they were
    # generated from list order and would shift when prompts are reordered.
    for prompt in BUILTIN_PROMPTS:
        assert not re.fullmatch(r"[a-z-]+-[0-9]+", prompt.id), prompt.id


@pytest.mark.parametrize("prompt", ALL_PROMPTS, ids=lambda p: p.id)
def test_texts_are_short_in_four_languages_and_mention_free(prompt: Prompt):
    assert set(prompt.text) == set(LOCALES) == {"en", "fr", "es", "de"}
    texts = [prompt.text[lang] for lang in ("en", "fr", "es", "de")]
    assert all(text.strip() for text in texts)
    assert len(set(texts)) == 4  # each language really has its own text
    for text in texts:
        assert len(text) < MAX_CHARS, (prompt.id, len(text))
        assert "@" not in text
        assert text == text.strip()
        assert "  " not in text
        assert text[-1] in ".!?", text
        # one or two sentences
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", text)) <= 2, text


@pytest.mark.parametrize("prompt", ALL_PROMPTS, ids=lambda p: p.id)
def test_french_uses_tu_consistently(prompt: Prompt):
    fr = prompt.text["fr"].lower()
    assert not re.search(r"\bvous\b|\bvotre\b|\bvos\b", fr), fr


@pytest.mark.parametrize("prompt", ALL_PROMPTS, ids=lambda p: p.id)
def test_french_punctuation_never_wraps_alone(prompt: Prompt):
    fr = prompt.text["fr"]
    assert not re.search(r" [?!:;»]|« ", fr), fr


@pytest.mark.parametrize("prompt", ALL_PROMPTS, ids=lambda p: p.id)
def test_spanish_uses_tu_and_opening_marks(prompt: Prompt):
    es = prompt.text["es"]
    assert not re.search(r"\b(usted|ustedes|vosotros|vuestr[oa]s?)\b", es.lower()), es
    assert es.count("¿") == es.count("?"), es
    assert es.count("¡") == es.count("!"), es
    assert '"' not in es and "“" not in es, es  # Spanish quotes are « »


@pytest.mark.parametrize("prompt", ALL_PROMPTS, ids=lambda p: p.id)
def test_german_uses_du_and_german_quotes(prompt: Prompt):
    de = prompt.text["de"]
    # "Sie"/"Ihnen" mid-sentence is the formal address ("Schreiben Sie"); at a sentence
    # start "Sie" may be "they"
    assert not re.search(r"[^.!?:]\s(Sie|Ihnen|Ihr|Ihre|Ihren)\b", de), de
    assert '"' not in de and "«" not in de, de
    assert de.count("„") == de.count("“"), de


def test_challenge_has_seven_days_in_order():
    assert [p.id for p in CHALLENGE_PROMPTS] == [f"challenge-day-{n}" for n in range(1, 8)]
    assert {p.theme for p in CHALLENGE_PROMPTS} == {"challenge"}
    assert "challenge" not in THEMES
    assert "welcome" in CHALLENGE_PROMPTS[0].text["en"].lower()
    assert "bienvenue" in CHALLENGE_PROMPTS[0].text["fr"].lower()
    assert "bienvenida" in CHALLENGE_PROMPTS[0].text["es"].lower()
    assert "willkommen" in CHALLENGE_PROMPTS[0].text["de"].lower()


def test_challenge_covers_the_three_tips():
    week = " ".join(p.text["en"].lower() for p in CHALLENGE_PROMPTS)
    assert "react" in week  # look at who reacts
    assert "thank" in week  # thank those who shared
    assert "lost touch" in week  # say hello again
    assert "someone else's goal" in week  # 15 minutes on another's goals
    assert week.count("15 minutes") >= 3


def test_text_for_falls_back_to_english():
    prompt = BUILTIN_PROMPTS[0]
    assert prompt.text_for("fr") == prompt.text["fr"]
    assert prompt.text_for("fr-CA") == prompt.text["fr"]
    assert prompt.text_for("FR_fr") == prompt.text["fr"]
    assert prompt.text_for("en") == prompt.text["en"]
    assert prompt.text_for("es-MX") == prompt.text["es"]
    assert prompt.text_for("de_AT") == prompt.text["de"]
    assert prompt.text_for("it") == prompt.text["en"]
    assert prompt.text_for("") == prompt.text["en"]


def test_builtin_by_id_finds_library_and_challenge_prompts():
    found = builtin_by_id("thank-reactors")
    assert found is not None
    assert found.theme == "gratitude"
    assert builtin_by_id("challenge-day-7") is CHALLENGE_PROMPTS[6]
    assert builtin_by_id("no-such-prompt") is None
    for prompt in ALL_PROMPTS:
        assert builtin_by_id(prompt.id) is prompt


def test_prompts_are_immutable_and_hashable():
    prompt = BUILTIN_PROMPTS[0]
    with pytest.raises(AttributeError):
        prompt.id = "other"  # type: ignore[misc]  # frozen: must raise
    assert len({*ALL_PROMPTS}) == len(ALL_PROMPTS)
