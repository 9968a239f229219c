"""The leaderboard as a picture for chat (issue #14): one horizontal bar per member, each
board (givers, receivers) under its heading, the rank and name written before the bar
and the count after it (not told by length alone).

Names are member text: every one goes through :func:`bot.charts.svg.esc` (by ``text``)
and is shortened, so a long or hostile name neither breaks the SVG nor the layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.charts.svg import GRID, MUTED, frame, num, shorten, text
from bot.messages import text as msg

WIDTH = 640
TOP = 44
HEADING_H = 30
ROW_H = 26
GAP = 14
NAME_X, NAME_CHARS = 44, 26
BAR_X, BAR_END = 260, 580
BAR = "#2f6f4f"


@dataclass(frozen=True)
class Standing:
    """One bar: the member's rank, name and count."""

    rank: int
    name: str
    count: int


@dataclass(frozen=True)
class BoardFigures:
    """One board: its heading ("Givers") and its rows, best first."""

    heading: str
    rows: Sequence[Standing]


def leaderboard_svg(chart_id: str, title: str, boards: Sequence[BoardFigures], locale: str) -> str:
    """An accessible SVG of ``boards`` (title and description inside), 640 wide."""
    height = TOP + sum(HEADING_H + max(len(b.rows), 1) * ROW_H + GAP for b in boards)
    parts = [frame(chart_id, WIDTH, height, title, describe(locale, boards))]
    parts.append(text(8, 24, title, size=16, weight="bold"))
    y = TOP
    for board in boards:
        parts.append(text(8, y + 20, board.heading, size=14, weight="bold"))
        parts.append(
            f'<line x1="8" y1="{y + 27}" x2="{WIDTH - 8}" y2="{y + 27}" stroke="{GRID}"'
            ' stroke-width="1"/>'
        )
        y += HEADING_H
        if not board.rows:
            parts.append(text(NAME_X, y + 17, msg(locale, "leaderboard.empty"), fill=MUTED))
            y += ROW_H
        top = max((r.count for r in board.rows), default=1)
        for row in board.rows:
            parts.append(text(NAME_X - 8, y + 17, f"{row.rank}.", anchor="end", fill=MUTED))
            parts.append(text(NAME_X, y + 17, shorten(row.name, NAME_CHARS)))
            width = max(2.0, (BAR_END - BAR_X) * max(row.count, 0) / max(top, 1))
            parts.append(
                f'<rect x="{BAR_X}" y="{y + 5}" width="{num(width)}" height="{ROW_H - 10}"'
                f' fill="{BAR}"/>'
            )
            parts.append(text(BAR_X + width + 6, y + 17, str(row.count)))
            y += ROW_H
        y += GAP
    parts.append("</svg>")
    return "".join(parts)


def describe(locale: str, boards: Sequence[BoardFigures]) -> str:
    """The text alternative: each board's people in order, with their counts."""
    sentences: list[str] = []
    for board in boards:
        if not board.rows:
            sentences.append(msg(locale, "chart.board_desc_empty", board=board.heading))
            continue
        people = "; ".join(
            msg(
                locale, "leaderboard.row", rank=r.rank, name=" ".join(r.name.split()), count=r.count
            )
            for r in board.rows
        )
        sentences.append(msg(locale, "chart.board_desc", board=board.heading, people=people))
    return " ".join(sentences)
