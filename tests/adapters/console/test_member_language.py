"""Each member's language in the console (issue 18, item 3): a French member of an
English community reads her private answers in French and the public kudos in English;
the console has no platform locale, so ``auto`` is the community's language."""

from __future__ import annotations

from pathlib import Path

from bot.messages import text
from tests.adapters.console.transcript import run_console


async def test_a_french_member_in_an_english_community(tmp_path: Path) -> None:
    out = await run_console(
        tmp_path / "r.db",
        [
            "/as bob",
            "/as alice",
            "/roots language fr",
            "/kudos @bob pour la revue",
            "/kudos @alice moi",
            "/as bob",
            "/kudos @bob me",
            "/roots language",
        ],
    )
    fr = text("fr", "language.set", language="français")
    head = text("fr", "console.private", name="alice")  # the header in her language too
    assert f"{head}: {fr}" in out
    # The kudos everyone reads: the community's English.
    assert "roots: 🌱 @alice thanked @bob" in out
    assert f"{head} ⚠: {text('fr', 'kudos.self')}" in out
    # Bob chose nothing: English, and auto is the community's language here.
    assert f"roots (only bob sees this) ⚠: {text('en', 'kudos.self')}" in out
    auto = text("en", "language.current_auto", language="English", choices="en, de, es, fr, auto")
    assert f"roots (only bob sees this): {auto}" in out


async def test_the_choice_is_kept_between_sessions(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    await run_console(db, ["/roots language de"])
    out = await run_console(db, ["/kudos @alice ich"])
    assert f"⚠: {text('de', 'kudos.self')}" in out
