"""Charts and pictures, drawn on the server as SVG (and rasterised to PNG for chat).

Pure and platform-neutral: the input is plain data (weekly figures, a member's helpers),
which the storage layer reads from its aggregates; the output is a :class:`Chart`, an
accessible SVG with a title, a description and the table of its figures.
"""

from bot.charts.png import to_png
from bot.charts.roots import Helper, roots_chart, roots_svg
from bot.charts.svg import Chart, esc
from bot.charts.weekly import (
    MEASURES,
    WEEKS,
    community_charts,
    fill_weeks,
    last_weeks,
    week_start,
    weekly_svg,
)

__all__ = [
    "MEASURES",
    "WEEKS",
    "Chart",
    "Helper",
    "community_charts",
    "esc",
    "fill_weeks",
    "last_weeks",
    "roots_chart",
    "roots_svg",
    "to_png",
    "week_start",
    "weekly_svg",
]
