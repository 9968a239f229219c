"""Small helpers to write SVG by hand: escaping, numbers, the accessible frame.

Every chart is a string built from these, so its output is the same for the same data
(tests compare structure) and every piece of member text goes through :func:`esc`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"
INK = "#1f2a24"
MUTED = "#5b6660"
GRID = "#d5dbd7"

# Characters XML 1.0 forbids (a control character in a name would make the SVG unreadable
# to a strict parser such as the rasteriser's), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_CHART_ID = re.compile(r"[a-z][a-z0-9-]{0,40}")


def esc(value: object) -> str:
    """``value`` as SVG/XML text or attribute content: markup characters escaped and
    characters XML cannot carry replaced by U+FFFD."""
    text = _NOT_XML.sub("\ufffd", str(value))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing '.0' (stable output)."""
    text = f"{round(value, 1):.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def shorten(name: str, limit: int) -> str:
    """``name`` cut to ``limit`` characters, with an ellipsis when it was longer."""
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def check_id(chart_id: str) -> str:
    if not _CHART_ID.fullmatch(chart_id):
        raise ValueError(f"chart id {chart_id!r}: use lowercase letters, digits and dashes")
    return chart_id


def frame(chart_id: str, width: int, height: int, title: str, description: str) -> str:
    """The opening of an accessible SVG: role="img", named by its <title> and described by
    its <desc> (a screen reader says the name, then the description)."""
    check_id(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"'
        f' aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" id="{chart_id}"'
        f' font-family="{FONT_FAMILY}">'
        f'<title id="{chart_id}-title">{esc(title)}</title>'
        f'<desc id="{chart_id}-desc">{esc(description)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    )


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 12,
    anchor: str = "start",
    fill: str = INK,
    weight: str | None = None,
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" text-anchor="{anchor}"'
        f' fill="{fill}"{extra}>{esc(content)}</text>'
    )


@dataclass(frozen=True)
class Chart:
    """A drawing and its words: what a page shows (the SVG, then a table with the same
    figures for screen readers and for anyone who prefers numbers)."""

    id: str
    title: str
    description: str
    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
