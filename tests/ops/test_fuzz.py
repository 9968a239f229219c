"""Random input everywhere a member can type, and random replies through every renderer.

Parsers: slash commands with random arguments (as a member and as an admin, every
`/roots-config` setting with random values), `++` messages, reactions. Whatever comes
in, a reply comes back and it is never the "something went wrong" apology (that would
be a bug caught by the router's last guard); input over the limit is refused with the
limit stated.

Renderers: console text, Slack mrkdwn and Block Kit, Discord markdown and embeds. User
text never becomes a live broadcast ping (`@everyone`, `@here`, `<!channel>`, `<!here>`,
`<!everyone>`, `<!subteam^…>`, role mentions) nor a live Discord masked link
(`[text](url)`), and the platforms' size limits hold.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.console.render import render_reply as console_render
from adapters.discord.render import (
    MAX_CONTENT,
    MAX_DESCRIPTION,
    MAX_EMBED_TOTAL,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_TITLE,
)
from adapters.discord.render import render_reply as discord_render
from adapters.slack.render import FIELD_LIMIT, MAX_BLOCKS, SECTION_LIMIT
from adapters.slack.render import render as slack_render
from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery import Ownership
from bot.messages import LOCALES, text
from bot.router import MAX_ARGS_TEXT
from bot.services.kudos import MAX_REASON
from bot.types import (
    Button,
    CommandCall,
    Context,
    Field,
    Member,
    Mention,
    MessagePosted,
    Plain,
    ReactionAdded,
    Reply,
    Rich,
    UserText,
    Visibility,
)
from bot.wiring import Core, build_core
from tests.fakes import START

FUZZ = settings(
    max_examples=150,
    deadline=None,
    # Replies are meant to be large (the platforms' size limits are under test), so a
    # generation that hits Hypothesis's entropy cap is expected, not a problem.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
APOLOGIES = {text(locale, "error.unexpected") for locale in LOCALES}
COMMUNITY = "T-fuzz"
CHANNEL = "C-general"
MEMBERS = {
    name: Member(f"{n + 1}0000000000000000{n}", name, is_bot=name == "deploybot")
    for n, name in enumerate(("alice", "bob", "carol", "deploybot"))
}
BROADCASTS = (
    "@everyone",
    "@here",
    "@channel",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!here|here>",
    "<!subteam^S0123ABC|devs>",
    "<!subteam^S0123ABC>",
    "<@&123456789012345678>",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "＠everyone",
    "@\u200beveryone",
    "&lt;!channel&gt;",
    "<#C123|general>",
    "[link](https://example.com)",
    "[docs](https://ok.example) then [Free Nitro](https://evil.example)",
    "[Free Nitro](<https://evil.example>)",
    "https://ok.example/>[Free Nitro](https://evil.example)",
)
WORDS = (
    *BROADCASTS,
    *(f"<@{m.id}>" for m in MEMBERS.values()),
    "@alice",
    "@bob",
    "@nobody",
    "bob",
    "undo",
    "revoke",
    "1",
    "0",
    "-1",
    "51",
    "99999999999999999999999",
    "optout",
    "optin",
    "givers",
    "receivers",
    "week",
    "month",
    "all",
    "show",
    "season",
    "timezone",
    "Europe/Paris",
    "Mars/Base",
    "locale",
    "fr",
    "en",
    "es",
    "de",
    "xx",
    "budget",
    "cooldown",
    "emoji",
    "🌱",
    "✅",
    ":seedling:",
    "reason",
    "leaderboard",
    "on",
    "off",
    "prompts",
    "digest",
    "catchup",
    "themes",
    "exclude",
    "include",
    "gratitude",
    "#general",
    "<#C-general>",
    "09:00",
    "24:61",
    "2:30",
    "weekdays",
    "weekends",
    "mon,wed,fri",
    "lun,jeu",
    "friday",
    "3h",
    "90m",
    "next",
    "now",
    "add",
    "suggest",
    "list",
    "queue",
    "approve",
    "reject",
    "remove",
    "join",
    "leave",
    "status",
    "start",
    "2026-03-26",
    "2026-02-30",
    "*bold*",
    "`code`",
    "```",
    "\u202e",
    "\x00",
    "\n",
    "++",
    "+ +",
)
COMMANDS = (
    "kudos",
    "leaderboard",
    "roots",
    "roots-config",
    "help",
    "prompt",
    "done",
    "challenge",
    "KUDOS",
    "nope",
)

HEADS = (
    *(f"<@{m.id}>" for m in MEMBERS.values()),
    *("undo", "revoke", "optout", "optin", "givers", "receivers", "week", "all", "show"),
    *("season", "timezone", "budget", "cooldown", "emoji", "reason", "leaderboard"),
    *("prompts", "digest", "catchup", "themes", "next", "now", "add", "suggest", "list"),
    *("queue", "approve", "reject", "remove", "join", "leave", "status", "start"),
)
word = st.one_of(st.sampled_from(WORDS), st.text(max_size=24))
words = st.one_of(
    st.lists(word, max_size=8).map(tuple),
    st.tuples(st.sampled_from(HEADS), st.lists(word, max_size=6)).map(lambda t: (t[0], *t[1])),
    st.tuples(st.sampled_from(HEADS), st.sampled_from(HEADS), st.lists(word, max_size=4)).map(
        lambda t: (t[0], t[1], *t[2])
    ),
)
actor = st.sampled_from(list(MEMBERS.values()))


def mentions_in(args: tuple[str, ...] | str) -> dict[str, Member]:
    joined = " ".join(args) if isinstance(args, tuple) else args
    return {m.id: m for m in MEMBERS.values() if f"<@{m.id}>" in joined}


class Recorder:
    """The delivery port: scheduled posts are rendered by every renderer too."""

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        self.sent.append(reply)
        return f"m{len(self.sent)}"

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        self.sent.append(reply)
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN  # cannot tell: ``send`` decides


class Harness:
    """A core on a real SQLite file, driven from synchronous hypothesis tests."""

    def __init__(self, tmp_path: Path) -> None:
        self.runner = asyncio.Runner()
        self.delivery = Recorder()
        self.core: Core = build_core(
            Settings(database_url=f"sqlite:///{tmp_path}/fuzz.db"), clock=ManualClock(START)
        )
        self.core.attach_delivery(self.delivery)
        self.run(self._open())

    async def _open(self) -> None:
        await self.core.store.open()
        await self.core.communities.settings(self.ctx(MEMBERS["alice"]))
        for member in MEMBERS.values():
            await self.core.communities.see(COMMUNITY, member)

    def run(self, work: Any) -> Any:
        return self.runner.run(work)

    def close(self) -> None:
        async def shut() -> None:
            await self.core.scheduler.stop()
            await self.core.store.close()

        self.run(shut())
        self.runner.close()

    def ctx(self, who: Member, admin: bool = False) -> Context:
        return Context("fuzz", COMMUNITY, CHANNEL, who, admin)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    found = Harness(tmp_path)
    yield found
    found.close()


def answered(replies: list[Reply], *, must_answer: bool = True) -> None:
    assert isinstance(replies, list)
    if must_answer:
        assert replies, "a command always gets an answer"
    for reply in replies:
        assert isinstance(reply, Reply)
        assert reply.as_text() not in APOLOGIES, "a bug reached the router's last guard"
        check_rendering(reply)


# ---------------------------------------------------------------- parsers


def test_commands_with_random_arguments_always_answer(harness: Harness) -> None:
    counter = iter(range(1_000_000))

    @settings(FUZZ, max_examples=400)
    @given(st.sampled_from(COMMANDS), words, actor, st.booleans())
    def check(name: str, args: tuple[str, ...], who: Member, admin: bool) -> None:
        event_id = f"ev{next(counter)}"  # each example is a new platform event
        call = CommandCall(harness.ctx(who, admin), name, args, mentions_in(args), event_id)
        answered(harness.run(harness.core.router.command(call)))

    check()
    for reply in harness.delivery.sent:
        check_rendering(reply)


def test_every_config_setting_takes_any_value_politely(harness: Harness) -> None:
    setting = st.sampled_from(
        ["timezone", "locale", "budget", "cooldown", "emoji", "reason", "leaderboard",
         "prompts", "digest", "catchup", "themes", "season", "show", "bogus"]
    )  # fmt: skip

    @FUZZ
    @given(setting, words)
    def check(name: str, values: tuple[str, ...]) -> None:
        args = (name, *values)
        call = CommandCall(harness.ctx(MEMBERS["alice"], True), "roots-config", args)
        answered(harness.run(harness.core.router.command(call)))

    check()
    # and the community still works afterwards
    call = CommandCall(harness.ctx(MEMBERS["bob"]), "roots", ())
    answered(harness.run(harness.core.router.command(call)))


def test_plusplus_messages_never_fail(harness: Harness) -> None:
    pieces = st.one_of(
        word,
        st.sampled_from([f"<@{m.id}>++" for m in MEMBERS.values()]),
        st.sampled_from(["++", "＋＋", " ", "`", "> ", "c++", "@bob++", "<@U0>++"]),
    )
    counter = iter(range(1_000_000))

    @FUZZ
    @given(st.lists(pieces, max_size=12).map("".join), actor)
    def check(message: str, who: Member) -> None:
        n = next(counter)
        event = MessagePosted(harness.ctx(who), f"msg{n}", message, mentions_in(message))
        answered(harness.run(harness.core.router.message(event)), must_answer=False)

    check()


def test_reactions_never_fail(harness: Harness) -> None:
    counter = iter(range(1_000_000))

    @FUZZ
    @given(
        st.one_of(
            st.sampled_from(["🌱", "✅", ":seedling:", "seedling", "white_check_mark"]), word
        ),
        actor,
        actor,
        st.text(max_size=3000),
    )
    def check(emoji: str, who: Member, author: Member, message: str) -> None:
        n = next(counter)
        event = ReactionAdded(harness.ctx(who), f"m{n % 7}", emoji, author, message, f"r{n}")
        answered(harness.run(harness.core.router.reaction(event)), must_answer=False)

    check()


def test_over_long_input_is_refused_with_the_limit_stated(harness: Harness) -> None:
    bob = MEMBERS["bob"]

    @FUZZ
    @given(st.sampled_from(COMMANDS[:8]), st.integers(MAX_ARGS_TEXT + 1, 20_000))
    def too_long(name: str, length: int) -> None:
        args = (f"<@{bob.id}>", "x" * length)
        call = CommandCall(harness.ctx(MEMBERS["alice"], True), name, args, {bob.id: bob})
        replies = harness.run(harness.core.router.command(call))
        assert len(replies) == 1 and replies[0].is_error
        assert f"{MAX_ARGS_TEXT:,}" in replies[0].as_text()  # 2,000

    @FUZZ
    @given(st.integers(MAX_REASON + 1, MAX_ARGS_TEXT - 40))
    def long_reason(length: int) -> None:
        args = (f"<@{bob.id}>", "y" * length)
        call = CommandCall(harness.ctx(MEMBERS["carol"]), "kudos", args, {bob.id: bob})
        replies = harness.run(harness.core.router.command(call))
        assert len(replies) == 1 and replies[0].is_error
        assert str(MAX_REASON) in replies[0].as_text()

    too_long()
    long_reason()


# ---------------------------------------------------------------- renderers

SNOWFLAKES = ("111111111111111111", "222222222222222222", "333333333333333333")
trusted = st.text(
    alphabet=st.characters(
        blacklist_characters="@<>&#_*~`|\\[]:", blacklist_categories=["Cs", "Cc"]
    ),
    max_size=60,
)
untrusted = st.one_of(
    st.sampled_from(BROADCASTS),
    st.lists(st.one_of(st.sampled_from(BROADCASTS), st.text(max_size=40)), max_size=6).map(
        " ".join
    ),
    st.text(min_size=500, max_size=7000),
)
span = st.one_of(
    trusted.map(Plain),
    untrusted.map(UserText),
    st.builds(
        Mention,
        st.sampled_from([*SNOWFLAKES, "U0BOB", "alice"]),
        st.one_of(st.sampled_from(BROADCASTS), st.text(max_size=40)),
    ),
)
rich = st.lists(span, max_size=5).map(tuple)
replies = st.builds(
    Reply,
    body=rich,
    title=st.one_of(st.none(), rich),
    lines=st.lists(rich, max_size=60).map(tuple),
    fields=st.lists(st.builds(Field, rich, rich), max_size=40).map(tuple),
    buttons=st.lists(
        st.builds(Button, st.sampled_from(["checkin", "x" * 90]), rich, st.text(max_size=30)),
        max_size=3,
    ).map(tuple),
    visibility=st.sampled_from(list(Visibility)),
    ping=st.lists(st.sampled_from([*SNOWFLAKES, "U0BOB"]), max_size=3).map(tuple),
)

LIVE_SLACK = re.compile(r"<([^<>]*)>")
DISCORD_BROADCAST = re.compile(r"@(?:everyone|here)|<@&\d+>")
DISCORD_USER = re.compile(r"<@!?(\d+)>")
# Escaped characters and the `<url>` links Roots writes; what is left, Discord parses.
DISCORD_ESCAPED = re.compile(r"\\[^0-9A-Za-z\s]|<https?://[^\s<>]+>", re.IGNORECASE)


def slack_mrkdwn(blocks: list[dict[str, Any]]) -> Iterator[str]:
    for block in blocks:
        if block.get("text", {}).get("type") == "mrkdwn":
            yield block["text"]["text"]
        for item in block.get("fields", []):
            yield item["text"]


def check_slack(reply: Reply) -> None:
    rendered = slack_render(reply)
    assert len(rendered.blocks) <= MAX_BLOCKS
    for block in rendered.blocks:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= SECTION_LIMIT
        assert len(block.get("fields", [])) <= 10
        assert all(len(item["text"]) <= FIELD_LIMIT for item in block.get("fields", []))
        for element in block.get("elements", []):
            assert len(element["text"]["text"]) <= 75
    for mrkdwn in [rendered.text, *slack_mrkdwn(rendered.blocks)]:
        for inside in LIVE_SLACK.findall(mrkdwn):
            # the only live syntax left is a mention of a member the reply may ping
            assert inside.startswith("@") and inside[1:] in reply.ping, mrkdwn


def discord_texts(embed: discord.Embed) -> Iterator[str]:
    yield embed.title or ""
    yield embed.description or ""
    for field in embed.fields:
        yield field.name or ""
        yield field.value or ""


def check_discord(reply: Reply) -> None:
    rendered = discord_render(reply)
    allowed = rendered.allowed_mentions.to_dict()
    assert allowed["parse"] == []  # never @everyone/@here or roles
    assert {str(u) for u in allowed.get("users", [])} <= set(reply.ping)
    if rendered.content is not None:
        assert len(rendered.content) <= MAX_CONTENT
        assert set(DISCORD_USER.findall(rendered.content)) <= set(reply.ping)
        assert not DISCORD_BROADCAST.search(rendered.content)
    embed = rendered.embed
    assert len(embed.title or "") <= MAX_TITLE
    assert len(embed.description or "") <= MAX_DESCRIPTION
    assert len(embed.fields) <= MAX_FIELDS
    assert len(embed) <= MAX_EMBED_TOTAL
    for field in embed.fields:
        assert len(field.name or "") <= MAX_FIELD_NAME
        assert len(field.value or "") <= MAX_FIELD_VALUE
    mentioned = {
        span.member_id
        for rich_text in (reply.body, reply.title or (), *reply.lines)
        for span in rich_text
        if isinstance(span, Mention)
    } | {
        span.member_id
        for f in reply.fields
        for span in (*f.name, *f.value)
        if isinstance(span, Mention)
    }
    for shown in discord_texts(embed):
        assert not DISCORD_BROADCAST.search(shown), shown
        assert "](" not in DISCORD_ESCAPED.sub("¤", shown), shown  # a live masked link
        assert set(DISCORD_USER.findall(shown)) <= mentioned, shown


def check_console(reply: Reply) -> None:
    out = console_render(reply, "alice")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", out)


def check_rendering(reply: Reply) -> None:
    check_console(reply)
    check_slack(reply)
    check_discord(reply)


@FUZZ
@given(replies)
def test_random_replies_render_safely_within_platform_limits(reply: Reply) -> None:
    check_rendering(reply)


def test_user_text_rich_is_what_members_type() -> None:
    """A reminder of what the strategies above cover (kept honest by one example)."""
    example: Rich = (Plain("thanks "), UserText("<!channel> @everyone"), Mention("1", "bob"))
    check_rendering(Reply(example, visibility=Visibility.PUBLIC, ping=("1",)))


def test_typed_slack_text_never_becomes_a_mention_and_round_trips_safely(
    harness: Harness,
) -> None:
    """What a member types reaches Roots escaped by Slack; it can never forge a mention,
    and whatever Roots answers renders back without a live broadcast."""
    from adapters.slack.render import escape
    from adapters.slack.translate import from_slack

    counter = iter(range(1_000_000))

    @FUZZ
    @given(
        st.lists(
            st.one_of(
                st.sampled_from(BROADCASTS).map(escape),
                st.text(max_size=30).map(escape),
                st.sampled_from(["<@U0BOB|bob>", "<!here>", "<!subteam^S1|devs>", "<#C1|gen>"]),
            ),
            max_size=8,
        ).map(" ".join),
        st.sampled_from(["kudos", "done", "prompt", "roots-config"]),
    )
    def check(raw: str, name: str) -> None:
        typed_only = from_slack(raw.replace("<@U0BOB|bob>", ""), keep_channels=True)
        assert "<@" not in typed_only.text and not typed_only.names
        parsed = from_slack(raw, keep_channels=True)
        assert set(parsed.names) <= {"U0BOB"}
        bob = Member("U0BOB", "bob")
        mentions = {"U0BOB": bob} if parsed.names else {}
        ctx = harness.ctx(MEMBERS["alice"], admin=name == "roots-config")
        call = CommandCall(ctx, name, tuple(parsed.text.split()), mentions, f"s{next(counter)}")
        answered(harness.run(harness.core.router.command(call)))

    check()
