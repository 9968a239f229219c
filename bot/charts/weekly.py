"""Week-by-week charts of a community (issue #14): kudos, givers, new connections, check-ins.

Input is plain data, one list of ``(week start, value)`` per measure, read by the storage
layer from its aggregates; weeks without a row count as zero (:func:`fill_weeks`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Literal

from bot.charts.svg import GRID, INK, MUTED, Chart, frame, num, text
from bot.messages import text as msg

WEEKS = 26
MEASURES: tuple[str, ...] = ("kudos", "givers", "connections", "checkins")
BAR = "#2f6f4f"
LINE = "#8a4b08"

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 628, 44, 220

Points = Sequence[tuple[date, int]]


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def last_weeks(today: date, count: int = WEEKS) -> list[date]:
    """The Mondays of the ``count`` weeks ending with ``today``'s, oldest first."""
    current = week_start(today)
    return [current - timedelta(weeks=count - 1 - i) for i in range(count)]


def fill_weeks(points: Points, weeks: Sequence[date]) -> list[tuple[date, int]]:
    """One value per week of ``weeks``: the points' (summed when a week repeats), else 0.
    Points outside the weeks are left out."""
    wanted = {week: 0 for week in weeks}
    for week, value in points:
        if week in wanted:
            wanted[week] += int(value)
    return list(wanted.items())


def nice_scale(high: int) -> tuple[int, int]:
    """(top, step) of a y axis from 0 that holds ``high``: steps of 1, 2 or 5 x 10^k,
    at most five ticks."""
    if high <= 0:
        return 1, 1
    magnitude = 10 ** max(0, math.floor(math.log10(high)) - 1)
    for base in (1, 2, 5, 10, 20, 50, 100):
        step = base * magnitude
        if math.ceil(high / step) <= 4:
            return step * math.ceil(high / step), step
    step = 10 ** math.ceil(math.log10(high))  # pragma: no cover (the loop always returns)
    return step, step


def weekly_svg(
    chart_id: str,
    points: Points,
    *,
    title: str,
    description: str,
    week_label: Callable[[date], str] = date.isoformat,
    style: Literal["bar", "line"] = "bar",
) -> str:
    """An SVG chart of one value per week, with a visible title, y grid and week labels."""
    values = [max(0, int(v)) for _, v in points]
    top, step = nice_scale(max(values, default=0))
    plot_h = BOTTOM - TOP
    slot = (RIGHT - LEFT) / max(1, len(values))

    def y(value: float) -> float:
        return BOTTOM - value / top * plot_h

    parts = [frame(chart_id, WIDTH, HEIGHT, title, description)]
    parts.append(text(LEFT - 40, 24, title, size=16, weight="bold"))
    for tick in range(0, top + 1, step):
        ty = y(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{num(ty)}" x2="{RIGHT}" y2="{num(ty)}"'
            f' stroke="{INK if tick == 0 else GRID}" stroke-width="1"/>'
        )
        parts.append(text(LEFT - 6, ty + 4, str(tick), size=11, anchor="end", fill=MUTED))
    for i, (week, _) in enumerate(points):
        if i % 4 == 0:
            cx = LEFT + (i + 0.5) * slot
            parts.append(text(cx, BOTTOM + 18, week_label(week), size=11, anchor="middle"))
    if style == "bar":
        width = slot * 0.7
        for i, value in enumerate(values):
            if value:
                x = LEFT + i * slot + slot * 0.15
                parts.append(
                    f'<rect x="{num(x)}" y="{num(y(value))}" width="{num(width)}"'
                    f' height="{num(BOTTOM - y(value))}" fill="{BAR}"/>'
                )
    else:
        coords = [(LEFT + (i + 0.5) * slot, y(v)) for i, v in enumerate(values)]
        line = " ".join(f"{num(cx)},{num(cy)}" for cx, cy in coords)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2.5"'
            ' stroke-linejoin="round"/>'
        )
        for cx, cy in coords:
            parts.append(f'<circle cx="{num(cx)}" cy="{num(cy)}" r="3" fill="{LINE}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _date(locale: str, day: date) -> str:
    return msg(
        locale, "chart.date", year=f"{day.year:04d}", month=f"{day.month:02d}", day=f"{day.day:02d}"
    )


def _week_label(locale: str) -> Callable[[date], str]:
    return lambda day: msg(locale, "chart.week_label", month=str(day.month), day=str(day.day))


def describe(locale: str, title: str, points: Points) -> str:
    """One sentence a screen reader says instead of the picture."""
    values = [v for _, v in points]
    if not any(values):
        return msg(locale, "chart.weekly_desc_empty", title=title, weeks=len(values))
    best = max(range(len(values)), key=lambda i: (values[i], i))
    return msg(
        locale,
        "chart.weekly_desc",
        title=title,
        weeks=len(values),
        low=min(values),
        high=values[best],
        best_week=_date(locale, points[best][0]),
        last=values[-1],
    )


def community_charts(
    figures: Mapping[str, Points], weeks: Sequence[date], locale: str
) -> list[Chart]:
    """The Community page's charts, one per measure of :data:`MEASURES`, each with the
    table of its figures."""
    charts: list[Chart] = []
    for measure in MEASURES:
        points = fill_weeks(figures.get(measure, ()), weeks)
        title = msg(locale, f"chart.{measure}")
        description = describe(locale, title, points)
        svg = weekly_svg(
            f"chart-{measure}",
            points,
            title=title,
            description=description,
            week_label=_week_label(locale),
            style="line" if measure == "givers" else "bar",
        )
        rows = tuple((_date(locale, week), str(value)) for week, value in points)
        columns = (msg(locale, "chart.week_of"), title)
        charts.append(Chart(f"chart-{measure}", title, description, svg, columns, rows))
    return charts
