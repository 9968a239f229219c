"""Issue #12, item 7 on Discord: /prompt-admin reject takes one number, several, or a
member (all their waiting suggestions); a 4th waiting suggestion is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ADMIN, ALICE, CAROL
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import description, is_ephemeral, rows


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


def statuses(db_path: Path) -> list[tuple[int, str]]:
    return rows(db_path, "SELECT custom_id, status FROM custom_prompts ORDER BY custom_id")


async def test_item7_prompt_admin_reject_by_numbers_and_by_member(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    for idea in ("Say thanks", "Share a tip", "Pair with someone"):
        await run(fake, fake.slash(ALICE, "prompt", sub="suggest", text=idea))
    fourth = await run(fake, fake.slash(ALICE, "prompt", sub="suggest", text="One more"))
    assert is_ephemeral(fourth)
    assert description(fourth) == text("en", "prompt.pending_limit", limit=3)
    for idea in ("Carol one", "Carol two"):
        await run(fake, fake.slash(CAROL, "prompt", sub="suggest", text=idea))
    assert len(statuses(db_path)) == 5

    many = fake.slash(ADMIN, "prompt-admin", sub="reject", admin=True, number=1, more="#2")
    cb = await run(fake, many)
    assert description(cb) == text("en", "prompt.rejected_many", count=2, ids="#1, #2")

    everyone = fake.slash(ADMIN, "prompt-admin", sub="reject", admin=True, member=CAROL)
    cb = await run(fake, everyone)
    assert description(cb) == text(
        "en", "prompt.rejected_member", count=2, name=f"<@{CAROL['id']}>"
    )
    assert statuses(db_path) == [
        (1, "rejected"),
        (2, "rejected"),
        (3, "pending"),
        (4, "rejected"),
        (5, "rejected"),
    ]

    nothing = await run(fake, fake.slash(ADMIN, "prompt-admin", sub="reject", admin=True))
    assert is_ephemeral(nothing)
    assert description(nothing) == text("en", "prompt.usage")
    assert statuses(db_path)[2] == (3, "pending")
