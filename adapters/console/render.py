"""Render neutral replies as terminal text.

User text is printed as data: control characters (terminal escape sequences)
are removed, and nothing here can ping anyone.
"""

from __future__ import annotations

import re

from bot.messages import DEFAULT_LOCALE, text
from bot.types import Mention, Reply, Rich, UserText, Visibility

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def render_rich(rich: Rich) -> str:
    out: list[str] = []
    for span in rich:
        if isinstance(span, Mention):
            out.append("@" + _CONTROL.sub("", span.name))
        elif isinstance(span, UserText):
            out.append(_CONTROL.sub("", span.text).replace("\n", " "))
        else:  # catalog text; a Moment as written in its zone, naming it
            out.append(span.text)
    return "".join(out)


def render_reply(reply: Reply, actor_name: str, locale: str = DEFAULT_LOCALE) -> str:
    """``reply`` as the terminal shows it; a private one says, in the community's
    language (``locale``), who alone sees it."""
    if reply.visibility is Visibility.PUBLIC:
        head = "roots"
    elif actor_name == "you":  # the console's default member (DEFAULT_ACTOR)
        head = text(locale, "console.private_you")
    else:
        head = text(locale, "console.private", name=_CONTROL.sub("", actor_name))
    if reply.is_error:
        head += " ⚠"
    lines: list[str] = []
    if reply.title:
        lines.append(f"** {render_rich(reply.title)} **")
    if reply.body:
        lines.append(render_rich(reply.body))
    lines.extend(render_rich(line) for line in reply.lines)
    for field in reply.fields:
        value = render_rich(field.value).replace("\n", "\n    ")
        label = render_rich(field.label) if field.label else f"{render_rich(field.name)}:"
        lines.append(f"{label}\n    {value}")
    for button in reply.buttons:
        lines.append(f"[{render_rich(button.label)}]")
    body = "\n  ".join(lines)
    return f"{head}: {body}"
