"""The gettext catalogs: complete, consistent, compiled, with each language's plural and
punctuation rules, and the tool that merges dict-shaped messages into them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.messages import LOCALES, and_list, t, text, tools
from bot.messages.catalog import LOCALE_DIR, _from_babel, load, read_mo
from bot.messages.typography import NBSP, fix_french, typography_problems
from bot.types import Mention, Plain, Rich

# ---------------------------------------------------------------- every catalog


@pytest.mark.parametrize("locale", LOCALES)
def test_every_catalog_is_complete_and_consistent(locale):
    # missing or fuzzy messages, placeholders against English, plural forms, typography
    assert tools.problems(locale) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalog_matches_its_po_file(locale):
    # a .po edited without `make messages` would ship the old text
    assert load(locale).entries == _from_babel(locale, tools.compiled(locale)).entries


def test_the_template_and_translations_are_up_to_date_with_the_english_source():
    pot = tools.template_from(tools.source())
    assert tools.po_bytes(pot) == tools.POT_PATH.read_bytes(), "run make messages"
    for lang in tools.translated_locales():
        updated = tools.update(pot, lang)
        assert tools.po_bytes(updated) == tools.po_path(lang).read_bytes(), f"{lang}: make messages"


def test_the_catalogs_ship_in_the_wheel():
    pyproject = (Path(tools.__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"bot.messages" = [' in pyproject
    for pattern in ("locale/*/LC_MESSAGES/*.mo", "locale/*.pot"):
        assert pattern in pyproject


def test_every_builtin_prompt_is_a_catalog_entry_of_its_own():
    from bot.builtin_prompts import BUILTIN_PROMPTS, CHALLENGE_PROMPTS

    keys = {k for k in tools.keyed(tools.source()) if k.startswith("prompt.")}
    prompt_keys = {p.key for p in (*BUILTIN_PROMPTS, *CHALLENGE_PROMPTS)}
    assert len(prompt_keys) == 57 and prompt_keys <= keys


# ---------------------------------------------------------------- plurals, lists, numbers


@pytest.mark.parametrize(
    ("locale", "count", "shown"),
    [
        ("en", 0, "0 days in a row"),
        ("en", 1, "1 day in a row"),
        ("en", 2, "2 days in a row"),
        ("fr", 0, "0 jour d'affilée"),
        ("fr", 1, "1 jour d'affilée"),
        ("fr", 2, "2 jours d'affilée"),
        ("fr", 1_000_000, "1\u202f000\u202f000 de jours d'affilée"),
    ],
)
def test_a_count_chooses_the_plural_form_of_its_language(locale, count, shown):
    assert text(locale, "roots.streak_days", count=count) == shown


def test_the_french_verb_agrees_with_the_number_of_people():
    alice = (Mention("U-alice", "alice"),)
    bob = (Mention("U-bob", "bob"),)
    one = text("fr", "roots.pay_back_list", names=and_list("fr", [alice]), count=1)
    two = text("fr", "roots.pay_back_list", names=and_list("fr", [alice, bob]), count=2)

    assert one.startswith("@alice t'a dit merci")
    assert two.startswith("@alice et @bob t'ont dit merci")


def test_lists_are_joined_the_way_each_language_writes_them():
    people: list[Rich] = [(Mention(f"U-{n}", n),) for n in ("dave", "alice", "kim")]

    assert text("en", "raw", v=and_list("en", people[:2])) == "@dave and @alice"
    assert text("fr", "raw", v=and_list("fr", people[:2])) == "@dave et @alice"
    assert text("en", "raw", v=and_list("en", people)) == "@dave, @alice, and @kim"
    assert text("fr", "raw", v=and_list("fr", people)) == "@dave, @alice et @kim"
    # the names stay mentions, only the glue is plain text
    assert and_list("fr", people[:2]) == (people[0][0], Plain(" et "), people[1][0])
    assert and_list("en", people[:1]) == people[0]
    assert and_list("en", []) == ()


def test_numbers_are_written_the_language_s_way_but_identifiers_are_not():
    assert "1,234 more" in text("en", "prompt.queue_more", count=1234)
    assert "1\u202f234 autres" in text("fr", "prompt.queue_more", count=1234)
    assert "#12345" in text("en", "kudos.unknown_id", id=12345)
    assert "n°12345" in text("fr", "kudos.unknown_id", id=12345)


def test_a_field_label_follows_the_language():
    name = t("fr", "leaderboard.givers")
    assert text("fr", "field.label", name=name) == f"Ceux qui donnent{NBSP}:"
    assert text("en", "field.label", name=t("en", "leaderboard.givers")) == "Givers:"


# ---------------------------------------------------------------- the checks can fail


def _fr_with(key: str, value: str | tuple[str, ...]):
    catalog = tools.read(tools.po_path("fr"), "fr")
    tools.keyed(catalog)[key].string = value
    return catalog


@pytest.mark.parametrize("mark", [":", "?", "!", ";"])
def test_a_french_plain_space_before_punctuation_fails_the_check(mark):
    bad = _fr_with("help.help", f"/help {mark} cette liste")
    assert [p for p in tools.problems("fr", bad) if "help.help" in p] == [
        f"fr: help.help: plain space before “{mark}” (use a no-break space)"
    ]
    good = _fr_with("help.help", fix_french(f"/help {mark} cette liste"))
    assert tools.problems("fr", good) == []


def test_a_placeholder_mismatch_fails_the_check():
    bad = _fr_with("kudos.given", "🌱 {giver} a remercié {receveurs}")
    assert tools.problems("fr", bad) == [
        "fr: kudos.given: unknown placeholder(s) ['receveurs']",
        "fr: kudos.given: placeholder(s) ['receivers'] missing",
    ]


def test_a_missing_plural_form_fails_the_check():
    bad = _fr_with("roots.streak_days", ("{count} jour d'affilée", "{count} jours d'affilée"))
    assert tools.problems("fr", bad) == ["fr: roots.streak_days: 2 plural forms, needs 3"]


def test_a_missing_or_fuzzy_message_fails_the_check():
    catalog = tools.read(tools.po_path("fr"), "fr")
    catalog.delete(tools.keyed(catalog)["help.help"].id, context="help.help")
    tools.keyed(catalog)["help.title"].flags.add("fuzzy")
    assert sorted(tools.problems("fr", catalog)) == [
        "fr: help.help: missing",
        "fr: help.title: fuzzy (to review)",
    ]


def test_spanish_and_german_punctuation_rules():
    assert typography_problems("es", "¿Listo? ¡Vamos!") == []
    assert typography_problems("es", "Listo? Vamos!") == [
        "a question without its opening “¿”",
        "an exclamation without its opening “¡”",
    ]
    assert typography_problems("de", "Danke für „{reason}“") == []
    assert typography_problems("de", "Danke für “{reason}”") != []
    assert typography_problems("de", 'Danke für "{reason}"') != []
    assert typography_problems("en", "Ready? Go!") == []


# ---------------------------------------------------------------- add-from-dict


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    """A copy of the catalogs the tool may change, English and French only (the tool's
    tests create Spanish and German themselves)."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("es", "de"))
    monkeypatch.setattr(tools, "LOCALE_DIR", copy)
    monkeypatch.setattr(tools, "POT_PATH", copy / "roots.pot")
    return copy


def _module(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_add_from_dict_creates_a_language_and_never_overwrites(locale_dir, tmp_path, capsys):
    pending = _module(
        tmp_path,
        "pending_x.py",
        'ES = {"help.help": "/help: esta lista", "roots.streak_days": '
        '("{count} día seguido", "{count} de días seguidos", "{count} días seguidos"), '
        '"checkin.streak_days": "{count} día(s)", "no.such.key": "x"}\n'
        'DE = {"help.help": "/help: diese Liste"}\n',
    )

    assert tools.main(["add-from-dict", str(pending), "--lang", "es"]) == 0

    out = capsys.readouterr().out
    assert "es: added 2, kept 0 existing" in out
    assert "not in the English source (or retired), skipped: no.such.key" in out
    assert "give the forms as a tuple, skipped: checkin.streak_days" in out
    es = tools.keyed(tools.read(locale_dir / "es/LC_MESSAGES/roots.po", "es"))
    assert es["help.help"].string == "/help: esta lista"
    assert es["roots.streak_days"].string == (
        "{count} día seguido",
        "{count} de días seguidos",
        "{count} días seguidos",
    )
    assert es["kudos.given"].string == ""  # the rest waits for its translator
    assert "es: help.help: missing" not in tools.problems("es")
    assert "es: kudos.given: missing (empty translation)" in tools.problems("es")

    again = _module(tmp_path, "again.py", 'ES = {"help.help": "/help: otra lista"}\n')
    tools.main(["add-from-dict", str(again), "--lang", "es"])
    es = tools.keyed(tools.read(locale_dir / "es/LC_MESSAGES/roots.po", "es"))
    assert es["help.help"].string == "/help: esta lista"
    assert "kept 1 existing" in capsys.readouterr().out


def test_add_from_dict_adds_english_then_french_and_the_compiled_catalog_has_them(
    locale_dir, tmp_path
):
    english = _module(
        tmp_path,
        "en.py",
        'MESSAGES = {"help.help": "changed?", "goals.set": "Goal set: {goal}.", '
        '"goals.count": ("{count} goal", "{count} goals")}\n',
    )
    french = _module(
        tmp_path,
        "fr.py",
        'MESSAGES = {"goals.set": "Objectif fixé : {goal}.", '
        '"goals.count": ("{count} objectif", "{count} d\'objectifs", "{count} objectifs")}\n',
    )

    tools.main(["add-from-dict", str(english), "--lang", "en", "--comment", "goals (issue 16)"])
    tools.extract()
    assert "fr: goals.set: missing (empty translation)" in tools.problems("fr")
    tools.main(["add-from-dict", str(french), "--lang", "fr"])
    tools.extract()
    tools.compile_all()

    assert tools.problems("fr") == []
    source = tools.keyed(tools.source())
    assert source["help.help"].id == "/help: this list"  # an English text is never replaced
    assert source["goals.set"].auto_comments == ["goals (issue 16)"]
    fr = read_mo("fr", (locale_dir / "fr/LC_MESSAGES/roots.mo").read_bytes())
    assert fr.form("goals.set", None) == f"Objectif fixé{NBSP}: {{goal}}."  # typography fixed
    assert fr.form("goals.count", 1) == "{count} objectif"
    assert fr.form("goals.count", 5) == "{count} objectifs"


def test_add_from_dict_reads_the_prompts_of_an_old_builtin_prompts_file(locale_dir, tmp_path):
    old = _module(
        tmp_path,
        "builtin_prompts.py",
        "from dataclasses import dataclass, field\n"
        "@dataclass(frozen=True)\n"
        "class Prompt:\n"
        "    id: str\n"
        "    theme: str\n"
        "    text: dict = field(hash=False)\n"
        'BUILTIN_PROMPTS = (Prompt("thank-reactors", "gratitude", '
        '{"en": "x", "de": "Schau nach, wer reagiert hat."}),)\n'
        'CHALLENGE_PROMPTS = (Prompt("challenge-day-1", "challenge", {"de": "Willkommen!"}),)\n',
    )

    tools.main(["add-from-dict", str(old), "--lang", "de"])

    de = tools.keyed(tools.read(locale_dir / "de/LC_MESSAGES/roots.po", "de"))
    assert de["prompt.thank-reactors"].string == "Schau nach, wer reagiert hat."
    assert de["prompt.challenge-day-1"].string == "Willkommen!"


def test_po_files_parse_back_to_the_same_messages():
    # what Poedit or Weblate would read: every entry has its key as msgctxt
    with tools.po_path("fr").open("rb") as fh:
        catalog = read_po(fh)
    assert all(m.context for m in catalog if m.id)


def test_the_old_english_dict_merged_again_adds_only_its_new_messages(locale_dir, tmp_path):
    # At merge, a feature branch's whole en.py comes back: only its new block is added,
    # not the messages the move retired or rewrote as plurals.
    before = set(tools.keyed(tools.source()))
    old = _module(
        tmp_path,
        "en.py",
        'MESSAGES = {"roots.tally": "received {received} · given {given}", '
        '"roots.streak_days": "{days} day(s) in a row", "goals.set": "Goal set: {goal}."}\n',
    )

    tools.main(["add-from-dict", str(old), "--lang", "en"])

    source = tools.keyed(tools.source())
    assert set(source) - before == {"goals.set"}
    assert source["roots.streak_days"].id == ("{count} day in a row", "{count} days in a row")


def test_prompt_texts_keyed_by_id_take_a_prefix(locale_dir, tmp_path):
    pending = _module(tmp_path, "p.py", 'ES = {"challenge-day-7": "¡Último día!"}\n')
    tools.main(["add-from-dict", str(pending), "--lang", "es", "--prefix", "prompt."])
    es = tools.keyed(tools.read(locale_dir / "es/LC_MESSAGES/roots.po", "es"))
    assert es["prompt.challenge-day-7"].string == "¡Último día!"


def test_german_quotes_are_fixed_on_the_way_in(locale_dir, tmp_path):
    pending = _module(tmp_path, "p.py", 'DE = {"kudos.reason": "“{reason}”"}\n')
    tools.main(["add-from-dict", str(pending), "--lang", "de"])
    de = tools.keyed(tools.read(locale_dir / "de/LC_MESSAGES/roots.po", "de"))
    assert de["kudos.reason"].string == "„{reason}“"
    assert typography_problems("de", de["kudos.reason"].string) == []


def test_a_changed_english_text_keeps_its_translation_for_review_and_no_other(locale_dir):
    source = tools.source()
    tools.keyed(source)["help.help"].id = "/help: every command"
    tools.write(tools.po_path("en"), source)
    english = _module(locale_dir, "new.py", 'MESSAGES = {"goals.none": "You have no goal yet."}\n')
    tools.main(["add-from-dict", str(english), "--lang", "en"])

    tools.extract()

    fr = tools.keyed(tools.read(tools.po_path("fr"), "fr"))
    assert fr["help.help"].string == "/help\u00a0: cette liste" and fr["help.help"].fuzzy
    assert fr["goals.none"].string == "" and not fr["goals.none"].fuzzy
    assert sorted(p for p in tools.problems("fr") if "help.help" in p or "goals" in p) == [
        "fr: goals.none: missing (empty translation)",
        "fr: help.help: fuzzy (to review)",
    ]
