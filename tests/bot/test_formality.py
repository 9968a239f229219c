"""Tone (issue 18, item 5): tutoiement or vouvoiement, du or Sie, chosen once per community.

``/roots-config formality informal|formal`` (admins) is stored with the community; French
and German texts then come from the variant catalogs ``fr@formal`` / ``de@formal``, which
hold only the messages that differ; every other message comes from ``fr`` / ``de``.
"""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.catalog import Catalog

from bot.builtin_prompts import BUILTIN_PROMPTS, CHALLENGE_PROMPTS, builtin_by_id
from bot.messages import (
    _LOADED,
    _VARIANTS,
    VARIANTS,
    and_list,
    base_locale,
    has_formal,
    text,
    tools,
    voiced,
)
from bot.messages.catalog import LOCALE_DIR, _from_babel, load
from bot.messages.tools import source, variant_problems
from bot.types import Plain, Rich, Tone, plain_text
from tests.fakes import (
    COMMUNITY,
    RecordingDelivery,
    ask,
    assert_refused,
    configure,
    db_rows,
    en,
    field_map,
    sent,
    thank,
)


async def admin(core, *args: str):
    return await ask(core, "roots-config", *args, actor="admin", admin=True)


async def formality(core) -> str:
    found = await core.store.find_community(COMMUNITY)
    assert found is not None
    word: str = found.formality
    return word


# ---------------------------------------------------------------- the command


async def test_a_french_community_switches_to_vous_and_back(core):
    await configure(core, "locale", "fr")
    await thank(core, "alice", "bob")
    informal = await thank(core, "alice", "bob")  # the cooldown: addressed to alice
    assert informal.as_text().startswith("Tu viens de remercier")

    saved = await admin(core, "formality", "vous")

    assert saved.tone is Tone.SUCCESS
    assert saved.as_text() == text("fr", "config.formality_formal")
    assert await formality(core) == "formal"
    formal = await thank(core, "alice", "bob")
    assert formal.as_text() == text("fr@formal", "kudos.cooldown", name="@bob", count=60)
    assert formal.as_text().startswith("Vous venez de remercier @bob. Attendez encore")
    shown = field_map(await admin(core, "show"))
    assert shown[text("fr", "config.name.formality")] == "vouvoiement (vous, Sie)"
    assert shown[text("fr", "config.name.locale")] == "fr"  # the language, not fr@formal

    await admin(core, "formality", "tutoiement")

    assert await formality(core) == "informal"
    assert (await thank(core, "alice", "bob")).as_text().startswith("Tu viens de remercier")


@pytest.mark.parametrize(
    ("word", "tone"),
    [
        ("formal", "formal"),
        ("FORMEL", "formal"),
        ("Sie", "formal"),
        ("förmlich", "formal"),
        ("vouvoiement", "formal"),
        ("informal", "informal"),
        ("tu", "informal"),
        ("du", "informal"),
        ("informell", "informal"),
    ],
)
async def test_every_language_s_words_for_a_tone(core, word, tone):
    await admin(core, "formality", "formal" if tone == "informal" else "informal")

    reply = await admin(core, "formality", word)

    assert reply.tone is Tone.SUCCESS, reply.as_text()
    assert await formality(core) == tone


async def test_the_german_names_of_the_setting_work_too(core):
    await configure(core, "locale", "de")

    reply = await admin(core, "anrede", "Sie")

    assert reply.as_text() == text("de", "config.formality_formal")
    listing = await ask(core, "help", actor="bob")
    assert text("de@formal", "help.intro") in listing.as_text()
    assert "Bedanken Sie sich bei den Menschen" in listing.as_text()


async def test_an_unknown_tone_is_refused_politely_and_changes_nothing(core):
    await configure(core, "locale", "fr")
    await admin(core, "formality", "formal")

    reply = await admin(core, "formality", "bof")

    # already in the community's tone: "Choisissez", not "Choisis"
    assert_refused(reply, "config.bad_formality", "fr@formal", value="bof")
    assert "Choisissez" in reply.as_text()
    assert await formality(core) == "formal"


async def test_only_admins_choose_the_tone(core):
    await admin(core, "show")

    reply = await ask(core, "roots-config", "formality", "formal", actor="alice")

    assert_refused(reply, "error.admin_only")
    assert await formality(core) == "informal"


async def test_in_english_the_setting_is_kept_and_says_it_changes_nothing_here(core):
    reply = await admin(core, "formality", "formal")

    assert reply.tone is Tone.SUCCESS
    assert reply.as_text().splitlines() == [
        en("config.formality_formal"),
        en("config.formality_no_effect"),
    ]
    assert await formality(core) == "formal"
    # and it applies as soon as the community speaks French
    await configure(core, "locale", "fr")
    help_text = (await ask(core, "help", actor="bob")).as_text()
    assert text("fr@formal", "help.title") in help_text
    assert "n'oubliez pas qui vous a aidé" in help_text


async def test_the_help_lists_the_setting_for_admins(core):
    listing = await ask(core, "help", actor="admin", admin=True)

    assert en("help.config_formality") in listing.as_text()


async def test_a_scheduled_prompt_speaks_in_the_community_s_tone(core, clock):
    """The schedule keeps its language ("fr"); the tone is the community's when it posts."""
    core.attach_delivery(RecordingDelivery(clock))
    await configure(core, "locale", "fr")
    await admin(core, "formality", "formal")
    await ask(
        core, "roots-config", "prompts", "#C-general", "11:00", "UTC", actor="admin", admin=True
    )
    assert db_rows(core, "SELECT locale FROM schedules") == [("fr",)]

    await core.scheduler.advance_to(clock.now().replace(hour=11, minute=0))

    [post] = sent(core)
    [(prompt_id,)] = db_rows(core, "SELECT prompt_id FROM posts")
    prompt = builtin_by_id(prompt_id)
    assert prompt is not None
    assert plain_text(post.body) == prompt.text_for("fr@formal")
    assert text("fr@formal", "prompt.checkin_hint") in post.as_text()
    assert "Dites-le avec /done" in post.as_text()


# ---------------------------------------------------------------- the catalogs


def test_a_variant_holds_what_differs_and_the_language_gives_the_rest():
    assert has_formal("fr") and has_formal("de@formal")
    assert not has_formal("en") and not has_formal("es")
    assert voiced("fr", "formal") == "fr@formal"
    assert voiced("fr@formal", "informal") == "fr"
    assert voiced("es", "formal") == "es"  # one form of address: stays as it is
    assert base_locale("de@formal") == "de"
    # not in the variant (nobody is addressed): the French text
    assert "kudos.given" not in _VARIANTS["fr@formal"].entries
    assert text("fr@formal", "kudos.given", giver="@a", receivers="@b") == text(
        "fr", "kudos.given", giver="@a", receivers="@b"
    )
    assert text("fr@formal", "challenge.are_you_in") == (
        "Vous en êtes\u00a0? Rejoignez-nous avec /challenge join."
    )
    assert text("de@formal", "challenge.are_you_in") == (
        "Sind Sie dabei? Machen Sie mit über /challenge join."
    )


def test_babel_gets_the_language_not_the_variant():
    """Numbers and lists come from Babel, which is given "fr" for "fr@formal"."""
    assert text(
        "fr@formal", "kudos.over_budget", budget=5000, left=1200, asked=3, reset="minuit"
    ) == (
        "Ça dépasserait votre budget quotidien de 5\u202f000 kudos\u00a0: il vous en reste "
        "1\u202f200 aujourd'hui et vous en demandez 3. Le compteur repart à zéro à minuit."
    )
    names: list[Rich] = [(Plain("@dave"),), (Plain("@alice"),)]
    assert plain_text(and_list("fr@formal", names)) == "@dave et @alice"
    assert plain_text(and_list("de@formal", names)) == "@dave und @alice"


def test_the_prompts_and_challenge_days_have_their_formal_texts():
    for prompt in (*BUILTIN_PROMPTS, *CHALLENGE_PROMPTS):
        for lang in ("fr", "de"):
            formal, informal = prompt.text_for(f"{lang}@formal"), prompt.text_for(lang)
            if _informal_words(lang, informal):
                assert formal != informal, (lang, prompt.id)
                assert not _informal_words(lang, formal), (lang, prompt.id, formal)
    assert BUILTIN_PROMPTS[0].text_for("fr-CA@formal") == BUILTIN_PROMPTS[0].text_for("fr@formal")


# A small word list: the forms that address one reader informally. "(tu, du)" and
# "tu/du" name the tones (the formality messages); "le ton"/"Ton (" is the tone itself.
_NAMING = re.compile(r"\((?:tu, du|du, tu)\)|\btu/du\b|\bdu/tu\b|\b[Ll]e ton\b|^Ton \(")
_FRENCH = re.compile(
    r"(?<![\w’'-])(tu|te|toi|ton|ta|tes|tien|tienne|tiens|tiennes)(?![\w’'])|(?<![\w])t['’]",
    re.I,
)
_GERMAN = re.compile(
    r"(?<![\w])(du|dich|dir|dein|deine|deinen|deinem|deiner|deines"
    r"|euch|euer|eure|euren|eurem|eurer|eures)(?![\w])",
    re.I,
)
# French informal imperatives the pronoun list misses ("Remercie…", "; réessaie", "Ajoutes-en").
_FRENCH_IMPERATIVE = re.compile(
    r"(?:^|[.!?:;]\s+|\(|,\s+(?:ou|et|puis)\s+)"
    r"(remercie|choisis|essaie|réessaie|utilise|écris|donne|demande|partage|propose|trouve"
    r"|regarde|vérifie|attends|réponds|sois|aide|pense|raconte|dis|prends|ajoute|tape"
    r"|précise|reviens|fixe|fais|relis|ouvre|autorise|renseigne|reprogramme|réactive"
    r"|mentionne|invite|garde|retrouve|cherche|rappelle|consacre|passe|publie|lis|cite"
    r"|identifie|présente|explique|remonte|envoie|pose|repère|célèbre|recharge|clôture"
    r"|retire|vois|arrête|réagis|valide|annule|découvre|retiens|résume|échange"
    r"|ajoutes-en|donnes-en|lances-en|offres-en|choisis-en|fixes-en)(?=[\s,.!?:;]|-(?!en\b))",
    re.I,
)


def _informal_words(lang: str, value: str) -> list[str]:
    value = _NAMING.sub("", value)
    pattern = _FRENCH if lang == "fr" else _GERMAN
    found = [m.group(0) for m in pattern.finditer(value)]
    if lang == "fr":
        found += [m.group(1) for m in _FRENCH_IMPERATIVE.finditer(value)]
    return found


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_every_message_that_says_tu_or_du_has_its_formal_text(lang):
    variant = _VARIANTS[f"{lang}@formal"].entries
    missing, still = [], []
    for key, value in _LOADED[lang].entries.items():
        forms = value if isinstance(value, tuple) else (value,)
        if any(_informal_words(lang, f) for f in forms) and key not in variant:
            missing.append(key)
    for key, value in variant.items():
        forms = value if isinstance(value, tuple) else (value,)
        if any(_informal_words(lang, f) for f in forms):
            still.append(key)
    assert missing == []
    assert still == []
    assert len(variant) > 150  # the check sees the catalog


def test_the_heuristic_sees_an_informal_text():
    assert _informal_words("fr", "Remercie une personne qui t'a aidé.") == ["t'", "Remercie"]
    assert _informal_words("de", "Bedank dich bei deinem Team.") == ["dich", "deinem"]
    assert _informal_words("fr", "Choisissez informal (tu, du).") == []


# ---------------------------------------------------------------- the tools


def _variant(*entries: tuple[str, str | tuple[str, ...]]) -> Catalog:
    catalog = Catalog(locale="fr@formal", domain="roots")
    english = {m.context: m for m in source() if m.context}
    for key, value in entries:
        catalog.add(english[key].id if key in english else key, value, context=key)
    return catalog


def test_check_wants_a_variant_s_entries_right_not_every_message():
    good = _variant(("challenge.not_in", "Vous ne participez pas au défi."))
    assert variant_problems("fr@formal", good) == []

    bad = _variant(
        ("kudos.undone", "C'est annulé\u00a0: vos kudos ne comptent plus."),  # {receivers}?
        ("kudos.cooldown", ("Attendez {count} seconde.", "Attendez {count} secondes.")),
        ("no.such.key", "Bonjour"),
        ("challenge.not_in", "Vous ne participez pas au défi !"),  # a plain space before !
    )
    found = variant_problems("fr@formal", bad)

    assert "fr@formal: kudos.undone: placeholder(s) ['receivers'] missing" in found
    assert "fr@formal: kudos.cooldown: 2 plural forms, needs 3" in found
    assert "fr@formal: no.such.key: not in the English source (remove it)" in found
    assert any(p.startswith("fr@formal: challenge.not_in: plain space before") for p in found)
    assert not any("missing" in p and "placeholder" not in p for p in found)


def test_the_shipped_variants_pass_the_check():
    assert variant_problems("fr@formal") == []
    assert variant_problems("de@formal") == []


async def test_a_built_in_prompt_in_either_tone_is_a_duplicate_suggestion(core):
    await configure(core, "locale", "fr")
    prompt = BUILTIN_PROMPTS[0]

    tu = await ask(core, "prompt", "suggest", *prompt.text_for("fr").split(), actor="bob")
    await admin(core, "formality", "formal")
    vous = await ask(core, "prompt", "suggest", *prompt.text_for("fr@formal").split(), actor="bob")
    tu_again = await ask(core, "prompt", "suggest", *prompt.text_for("fr").split(), actor="bob")

    assert_refused(tu, "prompt.duplicate", "fr")
    assert_refused(vous, "prompt.duplicate", "fr@formal")
    assert_refused(tu_again, "prompt.duplicate", "fr@formal")


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_variant_is_compiled_and_in_step_with_the_english(variant):
    assert load(variant).entries == _from_babel(variant, tools.compiled(variant)).entries
    updated = tools.update_variant(tools.source(), variant)
    assert tools.po_bytes(updated) == tools.po_path(variant).read_bytes(), "make messages"


def test_extract_keeps_a_variant_to_its_entries_and_a_changed_english_to_review(
    tmp_path, monkeypatch
):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    monkeypatch.setattr(tools, "LOCALE_DIR", copy)
    monkeypatch.setattr(tools, "POT_PATH", copy / "roots.pot")
    before = tools.keyed(tools.read(tools.po_path("fr@formal"), "fr@formal"))
    english = tools.source()
    tools.keyed(english)["challenge.not_in"].id = "You are not in the challenge (yet)."
    tools.write(tools.po_path("en"), english)

    tools.extract()

    after = tools.keyed(tools.read(tools.po_path("fr@formal"), "fr@formal"))
    assert set(after) == set(before)  # the other messages stay in fr only
    changed = after["challenge.not_in"]
    assert changed.fuzzy and changed.string == before["challenge.not_in"].string
    assert changed.id == "You are not in the challenge (yet)."
    assert tools.variant_problems("fr@formal") == ["fr@formal: challenge.not_in: fuzzy (to review)"]
