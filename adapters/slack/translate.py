"""Slack text -> neutral text: canonical ``<@ID>`` mentions and unescaped user text.

Slack escapes what a member types (``&`` ``<`` ``>`` become ``&amp;`` ``&lt;``
``&gt;``), so every ``<…>`` in a payload is an entity Slack made: a user
mention (``<@U123>`` or ``<@U123|name>``), a channel, a link, a special
mention. User mentions become the canonical ``<@U123>`` token; other entities
become readable text (``#general``, ``@here``, a link's label), except channels
in command arguments, kept as ``<#C123>``. Only then is the typed text
unescaped, and a typed ``<@`` is defused so that it never passes for a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENTITY = re.compile(r"<([^<>]*)>")
_USER = re.compile(r"@([UW][A-Z0-9]+)(?:\|([^>]*))?")
_CHANNEL = re.compile(r"#[CG][A-Z0-9]+(?:\|[^>]*)?")
_SUBTEAM = re.compile(r"!subteam\^([A-Z0-9]+)(?:\|[^>]*)?")
_DEFUSE = "\u200b"  # zero-width space between a typed '<' and '@'


@dataclass(frozen=True)
class SlackText:
    """``text`` with canonical mentions; ``names`` maps each mentioned id to the
    name Slack showed in the payload (may be empty)."""

    text: str
    names: dict[str, str]
    # Channel entities Slack itself made (kept as ``<#C123>`` tokens): the channels a
    # command names. A ``<#C123>`` the member typed is not one of them.
    channels: tuple[str, ...] = ()
    # User groups Slack itself made entities of (``<!subteam^S123|@design>``), in order:
    # (id, the readable label left in ``text``). Team kudos thank one (issue 15).
    subteams: tuple[tuple[str, str], ...] = ()


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _typed(piece: str) -> str:
    return unescape(piece).replace("<@", "<" + _DEFUSE + "@")


def _entity_label(inner: str) -> str:
    """Readable text for a non-user entity, still escaped as Slack sent it."""
    target, _, label = inner.partition("|")
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        if label:
            return label
        word = target[1:].split("^", 1)[0]
        return "@" + word
    return label or target


def from_slack(raw: str, *, keep_channels: bool = False) -> SlackText:
    """Canonical text of a Slack payload. ``keep_channels`` keeps channel entities
    as ``<#C123>`` tokens (command arguments name channels by id)."""
    out: list[str] = []
    names: dict[str, str] = {}
    channels: list[str] = []
    subteams: list[tuple[str, str]] = []
    pos = 0
    for match in _ENTITY.finditer(raw):
        out.append(_typed(raw[pos : match.start()]))
        pos = match.end()
        user = _USER.fullmatch(match.group(1))
        if user:
            names.setdefault(user.group(1), unescape(user.group(2) or ""))
            out.append(f"<@{user.group(1)}>")
        elif keep_channels and _CHANNEL.fullmatch(match.group(1)):
            token = match.group(1).split("|", 1)[0]
            channels.append(token[1:])
            out.append("<" + token + ">")
        else:
            label = _typed(_entity_label(match.group(1)))
            subteam = _SUBTEAM.fullmatch(match.group(1))
            if subteam:
                subteams.append((subteam.group(1), label))
            out.append(label)
    out.append(_typed(raw[pos:]))
    return SlackText("".join(out), names, tuple(channels), tuple(subteams))
