"""The console shows the private "Keep this as kudos?" question (issue 15) as a line only
the thanker sees, with its buttons, pressed with /press."""

from __future__ import annotations

from pathlib import Path

from bot.messages import text
from tests.adapters.console.transcript import run_console


async def run_session(db: Path, lines: list[str]) -> str:
    return await run_console(db, lines)


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


async def test_only_the_thanker_sees_the_question_and_keep_gives_kudos(tmp_path: Path) -> None:
    out = await run_session(
        tmp_path / "r.db",
        [
            "/as bob",
            "/as alice",
            "thanks @bob, that fixed it!",
            "/as bob",
            "/press 1",
            "/as alice",
            "/press 1 keep",
            "/press 1 keep",
            "/roots @bob",
        ],
    )
    question = (
        "roots (only alice sees this): "
        + en("detect.ask", receivers="@bob")
        + "\n  “thanks @bob, that fixed it!”"
        + f"\n  [{en('detect.keep')}]\n  [{en('detect.no')}]\n  [{en('detect.never')}]"
    )
    assert question in out
    assert en("console.not_your_buttons", name="alice") in out  # bob can't press it
    assert "roots (only alice sees this): 🌱 @alice thanked @bob" in out
    assert en("detect.already_kept") in out  # the second press counts once
    assert out.count("🌱 @alice thanked @bob") == 1


async def test_dont_ask_me_again_then_roots_detect_on(tmp_path: Path) -> None:
    out = await run_session(
        tmp_path / "r.db",
        [
            "thanks @bob!",
            "/press 1 don't",
            "thanks @bob, again!",
            "/roots detect on",
            "merci @bob !",
        ],
    )
    assert en("detect.quiet") in out
    assert out.count(en("detect.ask", receivers="@bob")) == 2  # not about the second message
    assert en("detect.member_on") in out
