"""/help names each command as the member's platform spells it."""

from __future__ import annotations

import pytest

from bot.messages import text
from bot.types import CommandCall, Context, Member, Reply


def help_text(replies: list[Reply]) -> str:
    assert len(replies) == 1
    return replies[0].as_text()


@pytest.mark.parametrize(
    ("platform", "present", "absent"),
    [
        ("console", ["/kudos undo", "/help: this list"], ["/kudos-undo", "/roots help"]),
        ("discord", ["/kudos-undo", "/roots-optout", "/kudos-revoke"], ["/kudos undo"]),
        ("slack", ["/roots help: this list", "/kudos undo"], ["/help: this list"]),
    ],
)
async def test_help_speaks_each_platform(core, platform, present, absent) -> None:
    ctx = Context(platform, f"{platform}-1", "c1", Member("u1", "Ada"), is_admin=True)
    shown = help_text(await core.router.command(CommandCall(ctx, "help")))
    for words in present:
        assert words in shown
    for words in absent:
        assert words not in shown


async def test_unknown_command_points_to_the_platforms_help(core) -> None:
    ctx = Context("slack", "T1", "C1", Member("U1", "Ada"))
    replies = await core.router.command(CommandCall(ctx, "frobnicate"))
    assert replies[0].as_text() == text("en", "error.unknown_command.slack", name="frobnicate")
    assert "/roots help" in replies[0].as_text()
