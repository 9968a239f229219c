"""Render neutral replies as Slack mrkdwn and Block Kit.

Everything a member typed is escaped (``&`` ``<`` ``>``), so ``<!channel>``,
``<!here>``, ``<!everyone>`` or ``<!subteam^…>`` in a reason or a name is shown
as text and pings nobody. A :class:`Mention` becomes a real ``<@ID>`` only
when its id is in ``reply.ping``; otherwise it is the member's escaped name.
Catalog text is escaped too (it may contain ``<number>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.types import Mention, Moment, MomentStyle, Reply, Rich, Tone

SECTION_LIMIT = 3000  # characters of mrkdwn in one section
FIELD_LIMIT = 2000  # characters in one section field
FIELDS_PER_SECTION = 10
MAX_BLOCKS = 50  # messages (a Home tab allows 100)
BUTTON_LABEL_LIMIT = 75
ELLIPSIS = "…"

Block = dict[str, Any]


@dataclass(frozen=True)
class Image:
    """A picture Slack fetches from ``url`` (see adapters/slack/pictures.py)."""

    url: str
    alt: str


MAX_ALT = 2000  # Slack's limit on an image block's alt_text


@dataclass(frozen=True)
class Rendered:
    text: str  # notification / fallback text
    blocks: list[Block]


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Slack's date tokens ("Formatting text for app surfaces"): each reader sees the moment
# in their own time zone; the fallback (the moment in its zone, in the reply's language)
# is what a client that can't format it shows.
_DATE_TOKENS = {
    MomentStyle.FULL: "{date_long_pretty} {time}",
    MomentStyle.TIME: "{time}",
    MomentStyle.RELATIVE: "{ago}",
}


def date_markup(moment: Moment) -> str:
    """``moment`` as Slack's ``<!date^…|fallback>`` markup."""
    fallback = escape(moment.text or moment.at.isoformat()).replace("|", "/")
    return f"<!date^{moment.unix}^{_DATE_TOKENS[moment.style]}|{fallback}>"


def mrkdwn(rich: Rich, ping: frozenset[str] | tuple[str, ...] = ()) -> str:
    out: list[str] = []
    for span in rich:
        if isinstance(span, Moment):
            out.append(date_markup(span))
        elif isinstance(span, Mention):
            if span.member_id in ping:
                out.append(f"<@{span.member_id}>")
            else:
                out.append("@" + escape(span.name))
        else:
            out.append(escape(span.text))
    return "".join(out)


def plain(rich: Rich) -> str:
    """For plain_text objects (button labels): never parsed, never pings."""
    return "".join("@" + span.name if isinstance(span, Mention) else span.text for span in rich)


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, never ending inside ``&amp;`` or ``<@ID>``."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    for opener, closer in (("&", ";"), ("<", ">")):
        at = head.rfind(opener)
        if at != -1 and closer not in head[at:]:
            head = head[:at]
    return head + ELLIPSIS


def chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split on line breaks into pieces of at most ``limit`` characters."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        line = cut(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def render(reply: Reply, *, max_blocks: int = MAX_BLOCKS, image: Image | None = None) -> Rendered:
    ping = frozenset(reply.ping)
    blocks: list[Block] = []
    title = mrkdwn(reply.title, ping) if reply.title else ""
    body = mrkdwn(reply.body, ping)
    if reply.tone is Tone.ERROR and body:
        body = ":warning: " + body
    if title.strip():
        blocks.append(_section(f"*{cut(title, SECTION_LIMIT - 2)}*"))
    blocks.extend(_section(piece) for piece in chunks(body))
    lines = "\n".join(mrkdwn(line, ping) for line in reply.lines)
    blocks.extend(_section(piece) for piece in chunks(lines))
    fields = [
        {
            "type": "mrkdwn",
            "text": cut(f"*{mrkdwn(f.name, ping)}*\n{mrkdwn(f.value, ping)}", FIELD_LIMIT),
        }
        for f in reply.fields
    ]
    for start in range(0, len(fields), FIELDS_PER_SECTION):
        blocks.append({"type": "section", "fields": fields[start : start + FIELDS_PER_SECTION]})
    if image is not None:  # plain text: Slack shows alt_text as is, parses nothing
        blocks.append(
            {"type": "image", "image_url": image.url, "alt_text": cut(image.alt, MAX_ALT)}
        )
    if reply.buttons:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": b.action_id,
                        "text": {
                            "type": "plain_text",
                            "text": cut(plain(b.label), BUTTON_LABEL_LIMIT) or "…",
                            "emoji": True,
                        },
                        "value": b.value[:2000],
                    }
                    for b in reply.buttons[:25]
                ],
            }
        )
    if len(blocks) > max_blocks:
        blocks = [*blocks[: max_blocks - 1], _section(ELLIPSIS)]
    text = cut(body or title or " ", SECTION_LIMIT)
    return Rendered(text=text, blocks=blocks)
