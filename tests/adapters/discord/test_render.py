"""Reply -> embed: escaping, pings, Discord's limits."""

from __future__ import annotations

import discord

from adapters.discord.render import (
    MAX_DESCRIPTION,
    MAX_EMBED_TOTAL,
    MAX_FIELDS,
    render_reply,
    render_rich,
)
from bot.types import Button, Field, Mention, Plain, Reply, Tone, UserText, Visibility


def test_user_text_is_escaped_and_mentions_render() -> None:
    rich = (
        Plain("**trusted** "),
        UserText("@everyone @here <@123456789012345678> _x_"),
        Mention("123456789012345678", "bob"),
        Mention("not-a-snowflake", "@here"),
    )
    out = render_rich(rich)
    assert out.startswith("**trusted** @\u200beveryone @\u200bhere \\<@\u200b123456789012345678\\>")
    assert "\\_x\\_" in out
    assert out.endswith("<@123456789012345678>@@\u200bhere")


def test_only_public_replies_ping_and_only_the_listed_members() -> None:
    public = Reply((Plain("hi"),), visibility=Visibility.PUBLIC, ping=("111111111111111111",))
    rendered = render_reply(public)
    assert rendered.content == "<@111111111111111111>"
    assert dict(rendered.allowed_mentions.to_dict()) == {
        "parse": [],
        "users": [111111111111111111],
    }
    assert not rendered.ephemeral
    private = Reply((Plain("hi"),), ping=("111111111111111111",))
    rendered = render_reply(private)
    assert rendered.content is None and rendered.ephemeral
    assert dict(rendered.allowed_mentions.to_dict()) == {"parse": []}


def test_limits_are_respected() -> None:
    long = "x" * 10_000
    reply = Reply(
        (UserText(long),),
        title=(Plain(long),),
        lines=tuple((Plain(long),) for _ in range(3)),
        fields=tuple(Field((Plain(long),), (Plain(long),)) for _ in range(40)),
        tone=Tone.SUCCESS,
    )
    embed = render_reply(reply).embed
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= MAX_DESCRIPTION
    assert len(embed.fields) <= MAX_FIELDS
    assert len(embed) <= MAX_EMBED_TOTAL
    assert all(len(f.value or "") <= 1024 for f in embed.fields)
    many = Reply(
        (Plain("x"),), fields=tuple(Field((Plain("n"),), (Plain("v"),)) for _ in range(30))
    )
    assert len(render_reply(many).embed.fields) == MAX_FIELDS


async def test_buttons_become_persistent_components() -> None:
    reply = Reply(
        (Plain("prompt"),),
        buttons=(Button("roots:checkin", (Plain("Done"),), "42"),),
        visibility=Visibility.PUBLIC,
    )
    view = render_reply(reply).view()
    assert isinstance(view, discord.ui.View)
    assert view.is_persistent()
    (row,) = view.to_components()
    assert row["components"][0]["custom_id"] == "roots:checkin:42"
    assert row["components"][0]["label"] == "Done"


def test_a_mention_without_a_discord_id_named_everyone_does_not_read_as_everyone() -> None:
    """A member erased or from another platform has no snowflake: their name is shown as
    text, and a name such as "everyone" must not become a broadcast (the fuzz found it)."""
    out = render_rich((Mention("U0BOB", "everyone"), Plain(" "), Mention("x", "here")))
    assert "@everyone" not in out and "@here" not in out
    assert out == "@\u200beveryone @\u200bhere"
