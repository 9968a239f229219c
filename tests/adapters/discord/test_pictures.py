"""Pictures in chat on Discord (issue #14): /roots and /leaderboard attach a PNG that their
embed shows, the weekly digest attaches the community chart, and a picture that can't
be drawn never costs the text reply. Against the loopback fake Discord, which receives
the multipart upload as Discord would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from adapters.discord import pictures as discord_pictures
from adapters.discord.delivery import DiscordDelivery
from bot.charts.png import PNG_SIGNATURE
from bot.storage.records import PostRecord, PostStatus
from bot.wiring import Core
from tests.adapters.discord.conftest import ALICE, BOB, CAROL, settings_for
from tests.adapters.discord.fake_discord import CHANNEL_ID, GUILD_ID, FakeDiscord, Sent
from tests.adapters.discord.helpers import embed, everything, is_ephemeral
from tests.fakes import START


async def answered(fake: FakeDiscord, payload: dict[str, Any]) -> Sent:
    """The bot's answer to the interaction: the callback request, as sent."""
    interaction_id = await fake.send_interaction(payload)
    await fake.callback(interaction_id)
    (sent,) = [
        r
        for r in fake.requests
        if r.path.endswith("/callback") and f"/interactions/{interaction_id}/" in r.path
    ]
    return sent


def one_png(sent: Sent, filename: str) -> bytes:
    (part,) = sent.files
    field_name, name, _content_type, data = part  # discord.py sends octet-stream
    assert field_name == "files[0]" and name == filename
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
    return data


async def thanks(fake: FakeDiscord) -> None:
    for giver, receiver in ((ALICE, BOB), (CAROL, BOB), (BOB, ALICE)):
        await fake.callback(
            await fake.send_interaction(
                fake.slash(giver, "kudos", member=receiver, reason="for the help")
            )
        )


async def test_roots_attaches_the_roots_picture_to_its_embed(fake: FakeDiscord, bot) -> None:
    await thanks(fake)
    sent = await answered(fake, fake.slash(BOB, "roots"))
    one_png(sent, "roots.png")
    data = sent.body["data"]
    assert embed(sent.body)["image"]["url"] == "attachment://roots.png"
    (attachment,) = data["attachments"]
    assert attachment["filename"] == "roots.png"
    # the text alternative goes with the file (Discord's alt text), names included
    assert "alice" in attachment["description"] and "carol" in attachment["description"]
    assert f"<@{ALICE['id']}>" in everything(sent.body)  # the text is all there too


async def test_leaderboard_attaches_a_bar_chart_of_the_board(fake: FakeDiscord, bot) -> None:
    await thanks(fake)
    sent = await answered(fake, fake.slash(ALICE, "leaderboard"))
    one_png(sent, "leaderboard.png")
    assert embed(sent.body)["image"]["url"] == "attachment://leaderboard.png"
    (attachment,) = sent.body["data"]["attachments"]
    alt = attachment["description"]
    assert alt.startswith("Leaderboard: this week.")
    assert "Givers, most kudos first: 1. alice: 1; 1. bob: 1; 1. carol: 1." in alt
    assert "Receivers, most kudos first: 1. bob: 2; 2. alice: 1." in alt


async def test_a_picture_that_cannot_be_drawn_leaves_the_text_reply(
    fake: FakeDiscord, bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(svg: str, **_: object) -> bytes:
        raise RuntimeError("no renderer")

    monkeypatch.setattr(discord_pictures, "to_png", broken)
    await thanks(fake)
    sent = await answered(fake, fake.slash(BOB, "roots"))
    assert sent.files == []
    assert "image" not in embed(sent.body)
    assert f"<@{ALICE['id']}>" in everything(sent.body)  # the text reply, whole
    assert "Could not draw the roots picture" in caplog.text


async def test_the_weekly_digest_attaches_the_kudos_chart(
    fake: FakeDiscord, bot, core: Core
) -> None:
    await thanks(fake)
    post = PostRecord(
        post_id=1,
        schedule_id=None,
        community_id=str(GUILD_ID),
        channel_id=str(CHANNEL_ID),
        kind="digest",
        ref_id=0,
        local_date=START.date(),
        prompt_id=None,
        due_at=START + timedelta(days=5),
        status=PostStatus.CLAIMED,
        attempts=0,
        late=False,
        claimed_at=START,
        next_attempt_at=None,
        sent_at=None,
        platform_message_id=None,
    )
    reply = await core.digest.render(post)
    assert reply.picture is not None and reply.picture.kind == "weekly"
    delivery = DiscordDelivery(bot, settings_for(fake))
    await delivery.send(str(GUILD_ID), str(CHANNEL_ID), reply)
    (sent,) = [r for r in fake.requests if r.path == f"/channels/{CHANNEL_ID}/messages"]
    one_png(sent, "weekly.png")
    assert embed(sent.body)["image"]["url"] == "attachment://weekly.png"
    assert "Kudos per week" in sent.body["attachments"][0]["description"]


async def test_a_deferred_answer_uploads_its_picture_with_the_edit(
    fake: FakeDiscord, core: Core
) -> None:
    from tests.adapters.discord.conftest import bot_on

    async with bot_on(fake, core, defer_after=0.0):
        await thanks(fake)
        # /leaderboard answers publicly: "thinking…" is public, then edited with the file
        iid = await fake.send_interaction(fake.slash(ALICE, "leaderboard"))
        assert (await fake.callback(iid))["type"] == 5
        edits = await fake.wait_for(
            lambda: [r for r in fake.sent("PATCH", "/messages/@original") if r.files]
        )
        one_png(edits[-1], "leaderboard.png")
        assert embed(edits[-1].body)["image"]["url"] == "attachment://leaderboard.png"
        # /roots: a private "thinking…", edited with the file too
        iid = await fake.send_interaction(fake.slash(BOB, "roots"))
        assert is_ephemeral(await fake.callback(iid))
        edits = await fake.wait_for(
            lambda: [
                r
                for r in fake.sent("PATCH", "/messages/@original")
                if len(r.files) and (r.files[0][1] == "roots.png")
            ]
        )
        one_png(edits[-1], "roots.png")
        assert embed(edits[-1].body)["image"]["url"] == "attachment://roots.png"
