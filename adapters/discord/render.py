"""Render neutral replies as Discord embeds.

Everything a member typed (:class:`UserText`) is escaped: no markdown, no masked
link (every ``[ ] ( ) < >`` is escaped, a bare URL is shown as ``<url>``: the address
is what is shown and Discord makes no preview of it), and ``@everyone``, ``@here``,
user and role mentions are broken with a zero-width space. Nothing pings unless the
reply says so (``Reply.ping``): the receivers of a kudos announcement are mentioned in
the message content and are the only users :class:`discord.AllowedMentions` lets
through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Required, TypedDict

import discord

from adapters.discord.views import button_view, custom_id
from bot.numbers import snowflake
from bot.types import Button, Mention, Moment, MomentStyle, Reply, Rich, Tone, UserText, Visibility

MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_EMBED_TOTAL = 6000
MAX_BUTTONS = 25
MAX_CUSTOM_ID = 100

COLOURS = {
    Tone.INFO: discord.Colour(0x5865F2),
    Tone.SUCCESS: discord.Colour(0x3BA55C),
    Tone.ERROR: discord.Colour(0xED4245),
}


class SendKwargs(TypedDict, total=False):
    """The keyword arguments of a send (and an edit) on Discord: embed and mentions always."""

    content: str
    embed: Required[discord.Embed]
    allowed_mentions: Required[discord.AllowedMentions]
    view: discord.ui.View


@dataclass
class Rendered:
    content: str | None
    embed: discord.Embed
    allowed_mentions: discord.AllowedMentions
    ephemeral: bool
    buttons: tuple[Button, ...] = ()

    def view(self) -> discord.ui.View | None:
        """Persistent components for the reply's buttons (built inside the event loop)."""
        if not self.buttons:
            return None
        return button_view(self.buttons)

    def send_kwargs(self) -> SendKwargs:
        kwargs: SendKwargs = {
            "embed": self.embed,
            "allowed_mentions": self.allowed_mentions,
        }
        if self.content:
            kwargs["content"] = self.content
        view = self.view()
        if view is not None:
            kwargs["view"] = view
        return kwargs


# Characters the escaping can act on; text without any is left as is.
_SPECIAL = frozenset("\\*_~|`[]()<>#+-@:")
# One left-to-right pass (linear: no pattern here can backtrack over the text), in order:
# what stays as typed (custom emoji, channel mentions: no ping, no link out), a bare URL
# (shown as <url>), a block marker at a line start (heading, -# subtext, list), and any
# other character Discord's markdown acts on. discord.utils.escape_markdown escaped one
# `[` of the first `[…](…)` only, in cubic time (0.9 s for 4,000 characters).
_TOKENS = re.compile(
    r"(?P<keep><a?:[A-Za-z0-9_]{2,32}:[0-9]{15,21}>|<#[0-9]{15,21}>)"
    r"|(?P<url>https?://[^\s<>\\]+)"
    r"|^(?P<indent>[ \t]*)(?P<lead>[#+-])"
    r"|(?P<char>[\\*_~|`\[\]()<>])",
    re.IGNORECASE | re.MULTILINE,
)
_ESCAPE_CHARS = str.maketrans({c: "\\" + c for c in "\\*_~|`[]()<>"})
# Not part of a URL at its end: sentence punctuation, markdown, an unopened bracket.
_URL_TAIL = ".,:;!?'\"*_~|"


def _split_url(url: str) -> tuple[str, str]:
    """``url`` without what ends a sentence around it (in linear time)."""
    unopened = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in unopened and unopened[last] > 0:
            unopened[last] -= 1
        elif last not in _URL_TAIL:
            break
        end -= 1
    return url[:end], url[end:]


def _escape_token(match: re.Match[str]) -> str:
    if match["keep"]:
        return match["keep"]
    if match["url"]:
        url, tail = _split_url(match["url"])
        if url.partition("://")[2]:
            return f"<{url}>{tail.translate(_ESCAPE_CHARS)}"
        return match["url"].translate(_ESCAPE_CHARS)
    if match["lead"]:
        return f"{match['indent']}\\{match['lead']}"
    return "\\" + match["char"]


def escape_user_text(text: str) -> str:
    """Member text as Discord shows it literally: no markdown, no live link, no ping."""
    if _SPECIAL.isdisjoint(text):
        return text
    return _TOKENS.sub(_escape_token, discord.utils.escape_mentions(text))


def _is_snowflake(value: str) -> bool:
    return snowflake(value) is not None


# Discord's timestamp styles: "F" a long date and time ("Sunday, 29 March 2026 03:00"),
# "t" a short time, "R" relative ("in 3 hours"); every reader sees their own zone.
_TIMESTAMP_STYLE = {MomentStyle.FULL: "F", MomentStyle.TIME: "t", MomentStyle.RELATIVE: "R"}


def timestamp(moment: Moment) -> str:
    """``moment`` as Discord's timestamp markup, shown in each reader's time zone."""
    return f"<t:{moment.unix}:{_TIMESTAMP_STYLE[moment.style]}>"


def render_rich(rich: Rich) -> str:
    out: list[str] = []
    for span in rich:
        if isinstance(span, Moment):
            out.append(timestamp(span))
        elif isinstance(span, Mention):
            if _is_snowflake(span.member_id):
                out.append(f"<@{span.member_id}>")
            else:
                # "@" + the name is escaped as one text: a member named "everyone"
                # must not read as @everyone.
                out.append(escape_user_text("@" + span.name))
        elif isinstance(span, UserText):
            out.append(escape_user_text(span.text))
        else:
            out.append(span.text)
    return "".join(out)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_embed(reply: Reply) -> discord.Embed:
    budget = MAX_EMBED_TOTAL
    title = clip(render_rich(reply.title), MAX_TITLE) if reply.title else None
    budget -= len(title or "")
    parts = [render_rich(reply.body)] if reply.body else []
    parts.extend(render_rich(line) for line in reply.lines)
    description = clip("\n".join(p for p in parts if p), min(MAX_DESCRIPTION, budget))
    budget -= len(description)
    embed = discord.Embed(title=title, description=description or None, colour=COLOURS[reply.tone])
    for field in reply.fields[:MAX_FIELDS]:
        name = clip(render_rich(field.name) or "\u200b", MAX_FIELD_NAME)
        value = clip(render_rich(field.value) or "\u200b", MAX_FIELD_VALUE)
        if len(name) + len(value) > budget:
            break
        budget -= len(name) + len(value)
        embed.add_field(name=name, value=value, inline=False)
    return embed


def render_reply(reply: Reply) -> Rendered:
    public = reply.visibility is Visibility.PUBLIC
    pinged = [i for i in dict.fromkeys(reply.ping) if _is_snowflake(i)] if public else []
    if pinged:
        content: str | None = clip(" ".join(f"<@{i}>" for i in pinged), MAX_CONTENT)
        allowed = discord.AllowedMentions(
            everyone=False,
            roles=False,
            replied_user=False,
            users=[discord.Object(int(i)) for i in pinged],
        )
    else:
        content = None
        allowed = discord.AllowedMentions.none()
    buttons = tuple(
        b for b in reply.buttons if len(custom_id(b.action_id, b.value)) <= MAX_CUSTOM_ID
    )[:MAX_BUTTONS]
    return Rendered(content, render_embed(reply), allowed, not public, buttons)
