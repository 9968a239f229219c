"""The "my roots" picture: the member as a tree, the people who helped them as its roots.

A root is thicker for more thanks; a person the member has not thanked back yet has a
dashed root ending in an open ring (not told by colour alone), and a legend says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.charts.svg import INK, MUTED, Chart, esc, frame, num, shorten, text
from bot.messages import text as msg

MAX_ROOTS = 12
NAME_CHARS = 22
WIDTH = 640
TRUNK_X = 320
GROUND = 150
ROW0, ROW_H = 192, 34
LEFT_TIP, RIGHT_TIP = 200, 440
WOOD = "#6b4423"
LEAF = "#2f6f4f"
SOIL = "#8b6b4a"


@dataclass(frozen=True)
class Helper:
    """Someone who helped the member: their name, how many thanks, and whether the member
    has thanked them back."""

    name: str
    count: int
    thanked_back: bool


def _ordered(helpers: Sequence[Helper]) -> list[Helper]:
    return sorted(helpers, key=lambda h: (-h.count, h.name.casefold(), h.name))


def roots_svg(chart_id: str, me: str, helpers: Sequence[Helper], locale: str) -> str:
    ordered = _ordered(helpers)
    shown, hidden = ordered[:MAX_ROOTS], len(ordered) - MAX_ROOTS
    rows = math.ceil(len(shown) / 2)
    legend_y = ROW0 + max(rows, 1) * ROW_H + (22 if hidden > 0 else 0)
    height = legend_y + 34
    title = msg(locale, "roots.title", name=me)
    description = describe(locale, me, ordered)
    top = max((h.count for h in shown), default=1)

    parts = [frame(chart_id, WIDTH, height, title, description)]
    parts.append(text(8, 24, title, size=16, weight="bold"))
    # the tree: canopy with the member's name, trunk, ground
    parts.append(f'<ellipse cx="{TRUNK_X}" cy="72" rx="120" ry="40" fill="{LEAF}"/>')
    parts.append(text(TRUNK_X, 77, shorten(me, 24), size=15, anchor="middle", fill="#ffffff"))
    parts.append(
        f'<path d="M{TRUNK_X - 16},{GROUND} L{TRUNK_X - 10},108 L{TRUNK_X + 10},108'
        f' L{TRUNK_X + 16},{GROUND} Z" fill="{WOOD}"/>'
    )
    parts.append(
        f'<line x1="24" y1="{GROUND}" x2="{WIDTH - 24}" y2="{GROUND}" stroke="{SOIL}"'
        ' stroke-width="2"/>'
    )
    if not shown:
        parts.append(
            text(TRUNK_X, ROW0 + 6, msg(locale, "roots.no_helpers"), anchor="middle", fill=MUTED)
        )
    for i, helper in enumerate(shown):
        right = i % 2 == 1
        y = ROW0 + (i // 2) * ROW_H
        tip = RIGHT_TIP if right else LEFT_TIP
        start = TRUNK_X + (6 if right else -6)
        width = 2 + 10 * math.sqrt(max(helper.count, 0) / max(top, 1))
        dash = "" if helper.thanked_back else ' stroke-dasharray="7 5"'
        parts.append(
            f'<path d="M{start},{GROUND} C{start},{num(y - 8)} {num((tip + start) / 2)},{num(y)}'
            f' {tip},{num(y)}" fill="none" stroke="{WOOD}" stroke-width="{num(width)}"'
            f' stroke-linecap="round"{dash}>'
            f"<title>{_label(locale, helper)}</title></path>"
        )
        ring = (
            f'<circle cx="{tip}" cy="{num(y)}" r="5" fill="{WOOD}"/>'
            if helper.thanked_back
            else f'<circle cx="{tip}" cy="{num(y)}" r="5" fill="#ffffff" stroke="{WOOD}"'
            ' stroke-width="2"/>'
        )
        parts.append(ring)
        label = f"{shorten(helper.name, NAME_CHARS)} ({helper.count})"
        parts.append(
            text(tip + (12 if right else -12), y + 4, label, anchor="start" if right else "end")
        )
    if hidden > 0:
        more = msg(locale, "chart.roots_more", count=hidden)
        parts.append(text(TRUNK_X, legend_y - 20, more, anchor="middle", fill=MUTED))
    # legend: a filled tip for thanked back, a dashed root and open ring for not yet
    parts.append(
        f'<line x1="24" y1="{legend_y}" x2="54" y2="{legend_y}" stroke="{WOOD}" stroke-width="4"/>'
        f'<circle cx="58" cy="{legend_y}" r="5" fill="{WOOD}"/>'
    )
    parts.append(text(70, legend_y + 4, msg(locale, "chart.roots_thanked"), size=11, fill=INK))
    parts.append(
        f'<line x1="330" y1="{legend_y}" x2="360" y2="{legend_y}" stroke="{WOOD}"'
        ' stroke-width="4" stroke-dasharray="7 5"/>'
        f'<circle cx="364" cy="{legend_y}" r="5" fill="#ffffff" stroke="{WOOD}"'
        ' stroke-width="2"/>'
    )
    parts.append(text(376, legend_y + 4, msg(locale, "chart.roots_waiting"), size=11, fill=INK))
    parts.append("</svg>")
    return "".join(parts)


def _label(locale: str, helper: Helper) -> str:
    key = "chart.roots_row_thanked" if helper.thanked_back else "chart.roots_row_waiting"
    return esc(msg(locale, key, name=helper.name, count=helper.count))


def describe(locale: str, me: str, helpers: Sequence[Helper]) -> str:
    if not helpers:
        return msg(locale, "chart.roots_desc_empty", name=me)
    waiting = sum(1 for h in helpers if not h.thanked_back)
    return msg(locale, "chart.roots_desc", name=me, count=len(helpers), waiting=waiting)


def roots_chart(me: str, helpers: Sequence[Helper], locale: str, chart_id: str = "roots") -> Chart:
    """The picture and its table (everyone, not only the roots drawn)."""
    ordered = _ordered(helpers)
    svg = roots_svg(chart_id, me, ordered, locale)
    yes, no = msg(locale, "chart.yes"), msg(locale, "chart.not_yet")
    rows = tuple((h.name, str(h.count), yes if h.thanked_back else no) for h in ordered)
    columns = (
        msg(locale, "chart.roots_person"),
        msg(locale, "chart.roots_thanks"),
        msg(locale, "chart.roots_thanked_back"),
    )
    return Chart(
        chart_id,
        msg(locale, "roots.title", name=me),
        describe(locale, me, ordered),
        svg,
        columns,
        rows,
    )
