"""Tone in a console session (issue 18): the same message in tu, then in vous, once an
admin chose ``/roots-config formality``; German likewise, du then Sie."""

from __future__ import annotations

from bot.messages import text
from tests.adapters.console.transcript import run_console


async def test_the_same_refusal_in_tu_then_in_vous(tmp_path):
    out = await run_console(
        tmp_path / "roots.db",
        [
            "/as admin:alice",
            "/roots-config locale fr",
            "/kudos @bob merci pour la relecture",
            "/kudos @bob encore merci",
            "/roots-config formality vous",
            "/kudos @bob toujours merci",
            "/roots-config formality tu",
            "/kudos @bob merci encore",
        ],
    )

    private = "roots (visible par alice seulement) ⚠: "  # the header speaks French too
    tu = private + "Tu viens de remercier @bob. Attends encore 60 secondes avant de recommencer."
    vous = private + (
        "Vous venez de remercier @bob. Attendez encore 60 secondes avant de recommencer."
    )
    lines = out.splitlines()
    assert [line for line in lines if "remercier @bob" in line] == [tu, vous, tu]
    assert f"roots (visible par alice seulement): {text('fr', 'config.formality_formal')}" in lines


async def test_german_says_du_then_sie(tmp_path):
    out = await run_console(
        tmp_path / "roots.db",
        [
            "/as admin:alice",
            "/roots-config locale de",
            "/goal drop",
            "/roots-config anrede Sie",
            "/goal drop",
        ],
    )

    assert text("de", "goal.none") in out
    assert text("de@formal", "goal.none") in out
    assert "Sie haben gerade kein offenes Ziel. Setzen Sie sich eines mit /goal set <Text>." in out
    assert out.index(text("de", "goal.none")) < out.index(text("de@formal", "goal.none"))


async def test_the_private_header_follows_the_community_s_language_and_tone(tmp_path):
    out = await run_console(
        tmp_path / "roots.db",
        [
            "/roots-config show",
            "/as admin:you",
            "/roots-config locale de",
            "/goal drop",
            "/roots-config formality formal",
            "/goal drop",
            "/roots-config locale es",
            "/goal drop",
        ],
        actor="you",
    )

    heads = [line.split(":")[0] for line in out.splitlines() if line.startswith("roots (")]
    assert heads[0] == "roots (only you see this) ⚠"  # not an admin yet: refused, in English
    assert "roots (nur du siehst das)" in heads
    assert "roots (nur Sie sehen das)" in heads
    assert heads[-1] == "roots (solo tú lo ves) ⚠"  # /goal drop without a goal
