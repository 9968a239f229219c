"""Gateway events: ``++`` messages (with and without the intent), reactions, a resume."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.adapters.discord.conftest import ALICE, BOB, CAROL, OTHER_BOT, bot_on
from tests.adapters.discord.fake_discord import (
    INTENT_GUILD_MESSAGES,
    INTENT_GUILD_REACTIONS,
    INTENT_MESSAGE_CONTENT,
    FakeDiscord,
)
from tests.adapters.discord.helpers import description, kudos_rows

A, B, C = ALICE["id"], BOB["id"], CAROL["id"]


async def test_plusplus_with_the_message_content_intent(
    fake: FakeDiscord, core, db_path: Path
) -> None:
    async with bot_on(fake, core, message_content=True):
        intents = fake.identifies[-1]["intents"]
        assert intents & INTENT_MESSAGE_CONTENT and intents & INTENT_GUILD_MESSAGES
        msg = await fake.post_message(ALICE, f"<@!{B}>++ for the talk", mentions=[BOB])
        posts = await fake.wait_for(fake.channel_posts)
        post = posts[0]
        assert post["content"] == f"<@{B}>"
        assert post["allowed_mentions"] == {"parse": [], "users": [int(B)], "replied_user": False}
        assert str(post["message_reference"]["message_id"]) == msg["id"]
        assert post["enforce_nonce"] is True
        # Self-kudos by ++ is refused in private: by DM, not in the channel.
        await fake.post_message(BOB, f"<@{B}>++ me", mentions=[BOB])
        await fake.wait_for(lambda: fake.sent("POST", "/users/@me/channels"))
        await fake.post_message(OTHER_BOT, f"<@{A}>++ beep", mentions=[ALICE])
        await fake.post_message(ALICE, "c++ is fine, no kudos")
        await fake.post_message(CAROL, f"<@{A}>++ thanks", mentions=[ALICE])
        await fake.wait_for(lambda: len(fake.channel_posts()) == 2)
    assert kudos_rows(db_path) == [
        (A, B, "for the talk", "plusplus", False),
        (C, A, "thanks", "plusplus", False),
    ]


async def test_without_the_intent_plusplus_is_off_but_commands_work(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    intents = fake.identifies[-1]["intents"]
    assert not intents & INTENT_MESSAGE_CONTENT
    assert not intents & INTENT_GUILD_MESSAGES
    assert intents & INTENT_GUILD_REACTIONS
    await fake.post_message(ALICE, f"<@{B}>++ for the talk", mentions=[BOB])
    iid = await fake.send_interaction(fake.slash(ALICE, "kudos", member=BOB, reason="thanks"))
    await fake.callback(iid)
    assert kudos_rows(db_path) == [(A, B, "thanks", "command", False)]
    assert fake.channel_posts() == []


async def test_reaction_with_the_kudos_emoji_thanks_the_author(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    msg = await fake.post_message(BOB, "here is the fix for the flaky build")
    await fake.react(ALICE, msg, "👍")  # not the kudos emoji
    await fake.react(ALICE, msg, "🌱")
    posts = await fake.wait_for(fake.channel_posts)
    assert posts[0]["content"] == f"<@{B}>"
    assert f"<@{A}> thanked <@{B}>" in description(posts[0])
    # Only the kudos emoji made Roots read the message (for its excerpt).
    assert len(fake.sent("GET", f"/messages/{msg['id']}")) == 1
    assert kudos_rows(db_path) == [(A, B, "here is the fix for the flaky build", "reaction", False)]


async def test_a_replayed_event_after_a_resume_counts_once(
    fake: FakeDiscord, bot, db_path: Path
) -> None:
    msg = await fake.post_message(BOB, "the release notes")
    await fake.react(ALICE, msg, "🌱")
    await fake.wait_for(fake.channel_posts)
    iid = await fake.send_interaction(fake.slash(CAROL, "kudos", member=BOB, reason="docs"))
    await fake.callback(iid)

    # The connection drops; on RESUME the gateway sends the last two events again.
    fake.replay_on_resume = 2
    session = next(iter(fake.sessions.values()))
    await fake.drop_connection()
    await fake.wait_for(lambda: session.resumes == 1 and session.ws is not None, within=15)
    # The replayed reaction reaches the core, which sees it was counted already:
    # dropped before the message is read again.
    await asyncio.sleep(0.5)
    assert len(fake.sent("GET", f"/messages/{msg['id']}")) == 1
    iid2 = await fake.send_interaction(fake.slash(ALICE, "kudos", member=CAROL, reason="ok"))
    await fake.callback(iid2)

    assert session.replayed == ["MESSAGE_REACTION_ADD", "INTERACTION_CREATE"]
    assert len(fake.identifies) == 1  # resumed, not re-identified
    assert len(fake.callbacks(iid)) == 1
    assert len(fake.channel_posts()) == 1
    assert kudos_rows(db_path) == [
        (A, B, "the release notes", "reaction", False),
        (C, B, "docs", "command", False),
        (A, C, "ok", "command", False),
    ]
