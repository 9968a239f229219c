"""Neutral types shared by the core and every adapter.

Adapters translate platform payloads into these values (incoming) and render
:class:`Reply` values into platform output (outgoing). Nothing here knows about
Discord, Slack or the console.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from bot.errors import Refusal

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` as valid Unicode: a lone surrogate becomes U+FFFD.

    JSON lets a client send one (``"\\ud800"``) and no database can store it, so
    every text that comes in through these types is cleaned once, here.
    """
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def _clean(obj: object, name: str) -> None:
    """Replace the frozen field ``name`` of ``obj`` by its valid_text, if it changes."""
    value = getattr(obj, name)
    if value is not None and (cleaned := valid_text(value)) is not value:
        object.__setattr__(obj, name, cleaned)


@dataclass(frozen=True)
class Member:
    """A person (or bot) in a community, identified by the platform's id."""

    id: str
    name: str
    is_bot: bool = False

    def __post_init__(self) -> None:
        _clean(self, "name")


@dataclass(frozen=True)
class Context:
    """Who did something, where. Built by the adapter for every incoming event."""

    platform: str
    community_id: str
    channel_id: str
    actor: Member
    is_admin: bool = False
    # The language the actor's app is set to, as the platform says it ("fr", "es-419",
    # "fr-FR"; Discord's interaction locale, Slack's user locale); None when it says
    # nothing. The core reads it for private answers only (CommunityService.private_locale).
    platform_locale: str | None = None


# ---------------------------------------------------------------- rich text


@dataclass(frozen=True)
class Plain:
    """Trusted text from the message catalog."""

    text: str


@dataclass(frozen=True)
class UserText:
    """Untrusted text typed by a member: renderers escape it, it never pings."""

    text: str


@dataclass(frozen=True)
class Mention:
    """A reference to a member; renderers decide whether it may ping."""

    member_id: str
    name: str


class MomentStyle(Enum):
    """How much of a :class:`Moment` to show."""

    FULL = "full"  # weekday, day, month and hour: when a post goes out
    TIME = "time"  # the hour alone: when a daily budget resets
    RELATIVE = "relative"  # "in 3 hours" where the platform can say it, else as FULL


@dataclass(frozen=True)
class Moment:
    """An instant shown to people: each renderer writes it its own way (Discord and
    Slack as their time markup, which every reader sees in their own time zone).

    ``at`` is timezone-aware; ``zone`` is the IANA zone it belongs to (the schedule's,
    the community's). ``text`` is filled when the catalog puts the moment in a
    message: the moment written in that message's language, in ``zone``, naming it
    ("dimanche 29 mars à 03:00 (Europe/Paris)"). It is what a surface without time
    markup shows (the console, logs, a notification) and the markup's fallback.
    """

    at: datetime
    zone: str
    style: MomentStyle = MomentStyle.FULL
    text: str = ""

    @property
    def unix(self) -> int:
        """Whole seconds since the epoch, as Discord and Slack markup want them."""
        return int(self.at.timestamp())


Span = Plain | UserText | Mention | Moment
Rich = tuple[Span, ...]


def plain_text(rich: Rich) -> str:
    """Rich text flattened for logs and tests: mentions as @name, no escaping."""
    out: list[str] = []
    for span in rich:
        if isinstance(span, Mention):
            out.append(f"@{span.name}")
        else:
            out.append(span.text)
    return "".join(out)


# ---------------------------------------------------------------- replies


class Visibility(Enum):
    PUBLIC = "public"  # everyone in the channel sees it
    EPHEMERAL = "ephemeral"  # only the actor sees it


class Tone(Enum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


@dataclass(frozen=True)
class Field:
    name: Rich
    value: Rich
    # The name as a label before its value, in the reply's language ("Givers:", with a
    # no-break space before the colon in French); None: the name and ":".
    label: Rich | None = None


@dataclass(frozen=True)
class Button:
    action_id: str
    label: Rich
    value: str = ""


@dataclass(frozen=True)
class Picture:
    """A picture that goes with a reply (issue #14): the core says WHAT, an adapter says HOW
    (Discord attaches it as a PNG, Slack shows it from a signed dashboard URL, the console
    shows nothing). ``kind`` and ``subject`` name it for the dashboard, which draws it again
    from them (``bot.pictures``); ``alt`` is its text alternative, in the reply's language."""

    kind: str  # "roots", "leaderboard", "weekly"
    subject: str  # whose roots, which board and period, which measure
    svg: str
    alt: str

    @property
    def filename(self) -> str:
        return f"{self.kind}.png"


@dataclass(frozen=True)
class Reply:
    """A platform-neutral answer. Adapters render it (text, embed, Block Kit)."""

    body: Rich
    title: Rich | None = None
    lines: tuple[Rich, ...] = ()
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    visibility: Visibility = Visibility.EPHEMERAL
    tone: Tone = Tone.INFO
    # Member ids that may be pinged by this reply (kudos receivers). Everyone
    # else, and anything inside UserText, must never ping.
    ping: tuple[str, ...] = ()
    # Quiet announcements (issue 15): post it as a reply in the thread of the message
    # that caused it, where the platform has one (else where it would go anyway).
    thread: bool = False
    # A picture to show with the reply (a chart, the roots picture), where the platform can.
    picture: Picture | None = None

    @property
    def is_error(self) -> bool:
        return self.tone is Tone.ERROR

    def as_text(self) -> str:
        parts: list[str] = []
        if self.title:
            parts.append(plain_text(self.title))
        parts.append(plain_text(self.body))
        parts.extend(plain_text(line) for line in self.lines)
        parts.extend(f"{field_label(f)} {plain_text(f.value)}" for f in self.fields)
        return "\n".join(p for p in parts if p)


def field_label(field: Field) -> str:
    """The field's name with its colon, as the language writes it."""
    return plain_text(field.label) if field.label else f"{plain_text(field.name)}:"


# ---------------------------------------------------------------- incoming


@dataclass(frozen=True)
class Team:
    """A group thanked at once by team kudos (issue 15): a Discord role, a Slack user
    group. ``name`` is how the platform shows it (member-chosen text: rendered as such,
    it never pings). ``members`` are who the platform says is in it, bots and the giver
    included (the core leaves them out); ``size`` is its size when the adapter did not
    list them all (too big to be thanked); ``unavailable`` a catalog key saying why the
    platform can't list them (an intent the bot was not given)."""

    id: str
    name: str
    members: tuple[Member, ...] = ()
    size: int | None = None
    unavailable: str | None = None

    def __post_init__(self) -> None:
        _clean(self, "name")


# A typed option's value (see CommandCall.values).
Value = str | int | bool | Member


# CommandCall.source of the dashboard's admin forms (adapters/web/admin.py).
WEB_SOURCE = "web"


@dataclass(frozen=True)
class CommandCall:
    """A slash command: `/name arg arg...` with mentions already resolved.

    ``args`` are the words after the command name; a word that was a mention on
    the platform is replaced by the canonical token ``<@ID>`` and the member is
    in ``mentions``; a channel the platform resolved is the token ``<#ID>`` and its
    id is in ``channels``.
    """

    ctx: Context
    name: str
    args: tuple[str, ...] = ()
    mentions: dict[str, Member] = field(default_factory=dict)
    event_id: str | None = None
    # Ids of the channels the platform itself resolved as channels of
    # ctx.community_id (a typed channel option, a Slack channel entity). A channel
    # token in ``args`` whose id is not here was typed as text: it is never used.
    channels: tuple[str, ...] = ()
    # How kudos were asked for: "command", or "menu" when the reason defaults to an
    # excerpt of the receiver's message (Discord's "Thank for this message"), which
    # erasing the receiver blanks like a reaction's excerpt. WEB_SOURCE: the dashboard's
    # admin forms, whose answers say no command to type (they show a button instead).
    source: str = "command"
    # Typed options (Discord): ``sub`` is the registry's sub-command name and
    # ``values`` the options by the registry's argument names (bot/commands/registry.py):
    # a Member, an int, a bool or a text; a channel is its id, read with ``channel``.
    # A handler reads them instead of parsing ``args``.
    sub: str | None = None
    values: dict[str, Value] = field(default_factory=dict)
    # Team kudos (issue 15): the group the platform resolved as the receiver of /kudos
    # (a Slack user group first in the text, Discord's ``team`` role option).
    team: Team | None = None

    def __post_init__(self) -> None:
        args = tuple(valid_text(word) for word in self.args)
        if args != self.args:
            object.__setattr__(self, "args", args)
        if any(isinstance(v, str) for v in self.values.values()):
            cleaned = {
                k: valid_text(v) if isinstance(v, str) else v for k, v in self.values.items()
            }
            object.__setattr__(self, "values", cleaned)

    @property
    def typed(self) -> bool:
        """Whether the platform gave typed options (``sub``/``values``), not words."""
        return self.sub is not None or bool(self.values)

    def channel(self, key: str) -> str | None:
        """The typed channel option ``key``: its id, None when not given; refused
        politely when the platform did not vouch for it (another community's)."""
        value = self.values.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in self.channels:
            raise Refusal("schedule.channel_not_given")
        return value


@dataclass(frozen=True)
class MessagePosted:
    """A chat message. ``text`` uses canonical ``<@ID>`` mentions."""

    ctx: Context
    message_id: str
    text: str
    mentions: dict[str, Member] = field(default_factory=dict)
    event_id: str | None = None
    # The author of the message this one replies to (a Discord reply): whom a
    # "thanks!" with no mention thanks. None when it is not a reply.
    reply_to: Member | None = None
    # When the platform says it was posted (None: just now). Roots never asks about
    # a thank-you much older than that (a replayed or late event).
    posted_at: datetime | None = None

    def __post_init__(self) -> None:
        _clean(self, "text")


@dataclass(frozen=True)
class ReactionAdded:
    """``ctx.actor`` reacted with ``emoji`` to ``author``'s message."""

    ctx: Context
    message_id: str
    emoji: str
    author: Member
    message_text: str
    event_id: str | None = None

    def __post_init__(self) -> None:
        _clean(self, "message_text")


@dataclass(frozen=True)
class ButtonClicked:
    """``ctx.actor`` clicked a :class:`Button` (``action_id``, ``value``) on a Roots post."""

    ctx: Context
    action_id: str
    value: str
    event_id: str | None = None
