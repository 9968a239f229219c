"""Quiet announcements on Discord (issue 15): /roots-config announce with a log channel
posts kudos confirmations there; private keeps them to the giver (an ephemeral answer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.messages import text
from tests.adapters.discord.conftest import ADMIN, ALICE, BOB
from tests.adapters.discord.fake_discord import OTHER_CHANNEL_ID, FakeDiscord
from tests.adapters.discord.helpers import description, is_ephemeral, kudos_rows

B = BOB["id"]


async def run(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    return await fake.callback(await fake.send_interaction(payload))


async def test_a_log_channel_gets_the_confirmation(fake: FakeDiscord, bot, db_path: Path) -> None:
    log_channel = fake.channels[OTHER_CHANNEL_ID]
    done = await run(
        fake,
        fake.slash(
            ADMIN, "roots-config", sub="announce", where="channel", channel=log_channel, admin=True
        ),
    )
    # (the channel's name is member-visible text: Discord's markdown is escaped)
    assert description(done).replace("\\#", "#") == text(
        "en", "announce.set_channel", channel=f"#{OTHER_CHANNEL_ID}"
    )

    cb = await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="for the review"))

    assert is_ephemeral(cb)
    assert description(cb).replace("\\#", "#") == text(
        "en", "announce.posted", channel=f"#{OTHER_CHANNEL_ID}"
    )
    (posted,) = await fake.wait_for(lambda: fake.channel_posts(OTHER_CHANNEL_ID))
    assert posted["allowed_mentions"] == {"parse": [], "users": [int(B)]}
    assert len(kudos_rows(db_path)) == 1


async def test_private_keeps_the_confirmation_to_the_giver(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    await run(fake, fake.slash(ADMIN, "roots-config", sub="announce", where="private", admin=True))

    cb = await run(fake, fake.slash(ALICE, "kudos", member=BOB, reason="for the review"))

    assert is_ephemeral(cb)
    assert f"<@{B}>" in description(cb)
    assert not cb["data"].get("content")  # nobody pinged
    assert fake.channel_posts(OTHER_CHANNEL_ID) == []
    assert len(kudos_rows(db_path)) == 1
