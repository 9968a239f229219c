"""Prompt posts through the Delivery port: the Done button, ✅, a deleted channel, nonces."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.delivery import DiscordDelivery
from bot.delivery import ChannelUnavailable, DeliveryError
from bot.messages import text
from bot.types import Plain, Reply, Visibility
from tests.adapters.discord.conftest import ADMIN, ALICE, CAROL, bot_on, core_on
from tests.adapters.discord.fake_discord import (
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    FakeDiscord,
)
from tests.adapters.discord.helpers import description, embed, everything, is_ephemeral, rows
from tests.fakes import START


async def post_prompt(fake: FakeDiscord) -> dict[str, Any]:
    """An admin posts a prompt now in #prompts; the message Discord created."""
    prompts = fake.channels[OTHER_CHANNEL_ID]
    payload = fake.slash(ADMIN, "prompt-admin", sub="now", admin=True, channel=prompts)
    cb = await fake.callback(await fake.send_interaction(payload))
    assert is_ephemeral(cb), cb
    (body,) = fake.channel_posts(OTHER_CHANNEL_ID)
    assert body["allowed_mentions"] == {"parse": []}
    assert body["enforce_nonce"] is True and body["nonce"]
    return next(m for m in fake.messages.values() if m["components"])


async def test_done_button_still_works_after_a_restart(fake: FakeDiscord, db_path: Path) -> None:
    async with core_on(db_path) as core, bot_on(fake, core):
        message = await post_prompt(fake)
    ((post_id, message_id),) = rows(db_path, "SELECT post_id, platform_message_id FROM posts")
    assert message_id == message["id"]
    (button,) = message["components"][0]["components"]
    assert button["custom_id"] == f"roots:checkin:{post_id}"

    async with core_on(db_path) as core, bot_on(fake, core):  # a new process
        iid = await fake.send_interaction(fake.click(ALICE, message, button["custom_id"]))
        cb = await fake.callback(iid)
        assert cb["type"] == 4 and is_ephemeral(cb)
        assert description(cb) != text("en", "error.unexpected")
        # The post is edited to show the count, its button kept, still pinging nobody.
        path = f"/channels/{OTHER_CHANNEL_ID}/messages/{message['id']}"
        (edit,) = await fake.wait_for(lambda: fake.sent("PATCH", path))
        assert edit.body["components"] == message["components"]
        assert edit.body["allowed_mentions"] == {"parse": []}
        # ✅ on the post is a check-in too.
        await fake.react(CAROL, message, "✅")
        await fake.wait_for(
            lambda: len(rows(db_path, "SELECT member_id FROM checkins")) == 2, within=5
        )
    assert sorted(rows(db_path, "SELECT member_id, post_id FROM checkins")) == [
        (ALICE["id"], post_id),
        (CAROL["id"], post_id),
    ]


async def test_a_deleted_channel_pauses_the_prompt(fake: FakeDiscord, bot, db_path: Path) -> None:
    prompts = fake.channels.pop(OTHER_CHANNEL_ID)
    payload = fake.slash(ADMIN, "prompt-admin", sub="now", admin=True, channel=prompts)
    cb = await fake.callback(await fake.send_interaction(payload))
    assert is_ephemeral(cb)
    expected = text("en", "prompt.now_failed", channel=f"#{OTHER_CHANNEL_ID}")
    assert description(cb) == expected.replace("#", "\\#")  # user text is escaped
    ((status, sent),) = rows(db_path, "SELECT status, platform_message_id FROM posts")
    assert sent is None and status != "sent"


async def test_a_resend_with_the_same_nonce_is_dropped(fake: FakeDiscord, bot) -> None:
    delivery = DiscordDelivery(bot, bot.discord_settings)
    reply = Reply((Plain("Daily prompt: thank a mentor"),), visibility=Visibility.PUBLIC)
    first = await delivery.send(str(GUILD_ID), str(OTHER_CHANNEL_ID), reply)
    again = await delivery.send(str(GUILD_ID), str(OTHER_CHANNEL_ID), reply)
    assert first == again
    assert len([m for m in fake.messages.values() if m["id"] == first]) == 1
    with pytest.raises(ChannelUnavailable):
        await delivery.send(str(GUILD_ID), "300000000000000999", reply)
    with pytest.raises(DeliveryError) as slack_channel:
        await delivery.send("T123", "C123", reply)  # a Slack community: retry, never pause
    assert not isinstance(slack_channel.value, ChannelUnavailable)


async def test_a_scheduled_prompt_in_a_deleted_channel_pauses_its_schedule(
    fake: FakeDiscord, bot, core, db_path: Path
) -> None:
    prompts = fake.channels[OTHER_CHANNEL_ID]
    payload = fake.slash(
        ADMIN, "roots-config", sub="prompts", admin=True, channel=prompts, when="09:00 daily"
    )
    cb = await fake.callback(await fake.send_interaction(payload))
    assert embed(cb)["color"] != 0xED4245, everything(cb)
    ((channel, at_time, days),) = rows(db_path, "SELECT channel_id, at_time, days FROM schedules")
    assert (channel, at_time, days) == (str(OTHER_CHANNEL_ID), "09:00", "0123456")

    # The first post goes out through the Delivery port, with its Done button.
    await core.scheduler.startup()
    assert await core.scheduler.advance_to(START + timedelta(days=1)) == 1
    (body,) = fake.channel_posts(OTHER_CHANNEL_ID)
    assert body["components"][0]["components"][0]["custom_id"].startswith("roots:checkin:")

    # Then the channel is deleted: the next post pauses the schedule, nothing is retried.
    fake.channels.pop(OTHER_CHANNEL_ID)
    assert await core.scheduler.advance_to(START + timedelta(days=2)) == 0
    ((paused,),) = rows(db_path, "SELECT paused_reason FROM schedules")
    assert paused
    statuses = [s for (s,) in rows(db_path, "SELECT status FROM posts ORDER BY post_id")]
    assert statuses[0] == "sent" and statuses[1] != "sent"


async def test_schedule_settings_and_prompt_decisions(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    async def admin(name: str, sub: str, **options: Any) -> dict[str, Any]:
        payload = fake.slash(ADMIN, name, sub=sub, admin=True, **options)
        cb = await fake.callback(await fake.send_interaction(payload))
        assert embed(cb)["color"] != 0xED4245, everything(cb)
        return cb

    prompts = fake.channels[OTHER_CHANNEL_ID]
    await admin("roots-config", "digest", channel=prompts, when="17:00 fri")
    await admin("roots-config", "catchup", minutes=30)
    overview = await admin("roots-config", "prompts")
    assert overview["type"] == 4
    await admin("roots-config", "themes")
    kinds = rows(db_path, "SELECT kind, at_time, days FROM schedules")
    assert kinds == [("digest", "17:00", "4")]

    for n, words in enumerate(("Say thanks", "Share a tip", "Pair with someone"), start=1):
        payload = fake.slash(ALICE, "prompt", sub="suggest", text=words)
        await fake.callback(await fake.send_interaction(payload))
        assert rows(db_path, "SELECT count(*) FROM custom_prompts") == [(n,)]
    ids = [i for (i,) in rows(db_path, "SELECT custom_id FROM custom_prompts ORDER BY custom_id")]
    await admin("prompt-admin", "approve", number=ids[0])
    await admin("prompt-admin", "reject", number=ids[1])
    await admin("prompt-admin", "remove", number=ids[0])
    statuses = rows(db_path, "SELECT status FROM custom_prompts ORDER BY custom_id")
    assert [s for (s,) in statuses][:2] != ["pending", "pending"]

    # /done after a post in this channel: a public check-in.
    general = fake.channels[CHANNEL_ID]
    await admin("prompt-admin", "now", channel=general)
    payload = fake.slash(CAROL, "done", note="thanked my mentor")
    cb = await fake.callback(await fake.send_interaction(payload))
    assert not is_ephemeral(cb), description(cb)
    assert rows(db_path, "SELECT member_id, note FROM checkins") == [
        (CAROL["id"], "thanked my mentor")
    ]


async def test_a_done_note_starting_with_an_at_name_is_a_note_not_a_receiver(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    """/done's options reach the core typed: the note is the note as written. (It used
    to be split into words, and a leading "@sam" was taken for a member to thank:
    "I don't know sam", and no check-in.)"""
    general = fake.channels[CHANNEL_ID]
    payload = fake.slash(ADMIN, "prompt-admin", sub="now", admin=True, channel=general)
    await fake.callback(await fake.send_interaction(payload))
    payload = fake.slash(CAROL, "done", member=ALICE, note="@sam and I paired on it")
    cb = await fake.callback(await fake.send_interaction(payload))
    assert not is_ephemeral(cb), description(cb)
    assert rows(db_path, "SELECT member_id, note FROM checkins") == [
        (CAROL["id"], "@sam and I paired on it")
    ]
    assert rows(db_path, "SELECT giver_id, receiver_id FROM kudos") == [(CAROL["id"], ALICE["id"])]
