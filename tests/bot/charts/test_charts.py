"""Charts and pictures (issue #14): accessible, escaped, deterministic SVG, and PNGs that
decode and show something."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, timedelta

import pytest

from bot.charts import (
    Helper,
    community_charts,
    fill_weeks,
    last_weeks,
    roots_chart,
    to_png,
    weekly_svg,
)
from bot.charts.svg import frame, text
from bot.charts.weekly import nice_scale
from tests.bot.charts import png

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 12, 3)  # a Thursday
HOSTILE = '<script>alert("x")</script> & <b>Bob</b>\x07'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def all_text(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def weekly_figures(weeks: list[date]) -> dict[str, list[tuple[date, int]]]:
    return {
        "kudos": [(w, (i * 7) % 23) for i, w in enumerate(weeks)],
        "givers": [(w, i % 9) for i, w in enumerate(weeks)],
        "checkins": [(weeks[-1], 5)],
    }


# ---------------------------------------------------------------- weeks


def test_last_weeks_are_26_mondays_ending_with_this_week() -> None:
    weeks = last_weeks(TODAY)
    assert len(weeks) == 26
    assert weeks[-1] == date(2026, 11, 30)
    assert all(w.weekday() == 0 for w in weeks)
    assert all(b - a == timedelta(weeks=1) for a, b in itertools.pairwise(weeks))


def test_missing_weeks_count_zero_and_weeks_outside_are_left_out() -> None:
    weeks = last_weeks(TODAY, 3)
    filled = fill_weeks([(weeks[1], 4), (weeks[0] - timedelta(weeks=1), 99)], weeks)
    assert filled == [(weeks[0], 0), (weeks[1], 4), (weeks[2], 0)]


@pytest.mark.parametrize(
    ("high", "scale"), [(0, (1, 1)), (3, (3, 1)), (7, (8, 2)), (22, (30, 10)), (341, (400, 100))]
)
def test_the_y_axis_has_round_steps_and_holds_the_highest_value(high, scale) -> None:
    top, step = nice_scale(high)
    assert (top, step) == scale
    assert top >= high and top // step <= 4


# ---------------------------------------------------------------- weekly charts


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_community_charts_are_accessible_images_with_a_table(locale) -> None:
    weeks = last_weeks(TODAY)
    charts = community_charts(weekly_figures(weeks), weeks, locale)

    assert [c.id for c in charts] == [
        "chart-kudos",
        "chart-givers",
        "chart-connections",
        "chart-checkins",
    ]
    for chart in charts:
        root = parse(chart.svg)
        assert root.get("role") == "img"
        ids = {el.get("id"): el for el in root.iter() if el.get("id")}
        name, described = ids[root.get("aria-labelledby")], ids[root.get("aria-describedby")]
        assert name.tag == f"{SVG}title" and name.text == chart.title
        assert described.tag == f"{SVG}desc" and described.text == chart.description
        assert chart.title in all_text(root)  # visible too, for the PNG in chat
        assert len(chart.rows) == 26 and len(chart.columns) == 2
    kudos = charts[0]
    bars = parse(kudos.svg).findall(f"{SVG}rect")[1:]  # the first rect is the background
    assert len(bars) == sum(1 for _, v in weekly_figures(weeks)["kudos"] if v)
    assert [row[1] for row in kudos.rows] == [str(v) for _, v in weekly_figures(weeks)["kudos"]]


def test_taller_bars_for_bigger_weeks() -> None:
    weeks = last_weeks(TODAY, 3)
    points = list(zip(weeks, [2, 0, 8], strict=True))
    root = parse(weekly_svg("c", points, title="t", description="d"))
    heights = [float(r.attrib["height"]) for r in root.findall(f"{SVG}rect")[1:]]
    assert len(heights) == 2 and heights[1] == pytest.approx(4 * heights[0])


def test_descriptions_say_the_figures_in_words() -> None:
    weeks = last_weeks(TODAY)
    kudos, _, connections, _ = community_charts(weekly_figures(weeks), weeks, "en")
    assert kudos.description == (
        "Kudos per week, over the last 26 weeks: between 0 and 22 a week, 14 in the latest week."
        " The highest was in the week starting 09/07/2026."
    )
    assert connections.description.endswith("over the last 26 weeks: nothing yet.")
    fr = community_charts(weekly_figures(weeks), weeks, "fr")[0]
    assert "semaine du 07/09/2026" in fr.description


def test_the_same_figures_draw_the_same_svg() -> None:
    weeks = last_weeks(TODAY)
    first = [c.svg for c in community_charts(weekly_figures(weeks), weeks, "en")]
    again = [c.svg for c in community_charts(weekly_figures(weeks), weeks, "en")]
    assert first == again


def test_a_chart_id_cannot_inject_markup() -> None:
    with pytest.raises(ValueError):
        weekly_svg('x" onload="alert(1)', [], title="t", description="d")


# ---------------------------------------------------------------- my roots


HELPERS = [
    Helper("Bob", 12, True),
    Helper("Claire", 3, False),
    Helper("Dan", 7, False),
    Helper("Émile", 1, True),
]


def roots_of(svg: str) -> dict[str, ET.Element]:
    """Each drawn root by the helper its tooltip names."""
    found = {}
    for path in parse(svg).iter(f"{SVG}path"):
        tip = path.find(f"{SVG}title")
        if tip is not None:
            assert tip.text is not None
            found[tip.text.split(":")[0]] = path
    return found


def test_roots_are_thicker_for_more_thanks_and_dashed_when_not_thanked_back() -> None:
    chart = roots_chart("Maya", HELPERS, "en")
    roots = roots_of(chart.svg)
    width = {name: float(el.attrib["stroke-width"]) for name, el in roots.items()}

    assert width["Bob"] > width["Dan"] > width["Claire"] > width["Émile"]
    assert {n for n, el in roots.items() if el.get("stroke-dasharray")} == {"Claire", "Dan"}
    claire = roots["Claire"].find(f"{SVG}title")
    assert claire is not None
    assert claire.text == "Claire: 3 thanks, not thanked back yet"
    assert "Maya" in all_text(parse(chart.svg))
    assert chart.rows == (
        ("Bob", "12", "yes"),
        ("Dan", "7", "not yet"),
        ("Claire", "3", "not yet"),
        ("Émile", "1", "yes"),
    )
    assert chart.description == (
        "Maya drawn as a tree: 4 people who helped are its roots, thicker for more thanks."
        " 2 of them have not been thanked back yet (dashed roots with an open ring)."
    )


def test_at_most_twelve_roots_are_drawn_and_the_table_has_everyone() -> None:
    many = [Helper(f"m{i:02d}", 20 - i, i % 2 == 0) for i in range(15)]
    chart = roots_chart("Maya", many, "fr")
    assert len(roots_of(chart.svg)) == 12
    assert "et 3 de plus, dans le tableau ci-dessous" in all_text(parse(chart.svg))
    assert len(chart.rows) == 15


def test_no_helpers_yet_draws_a_young_tree() -> None:
    chart = roots_chart("Maya", [], "en")
    assert roots_of(chart.svg) == {}
    assert "Nobody yet. Roots grow slowly." in all_text(parse(chart.svg))
    assert chart.description == "Maya drawn as a young tree: no roots yet."


def test_hostile_names_stay_text_in_the_svg() -> None:
    chart = roots_chart(HOSTILE, [Helper(HOSTILE, 2, False)], "en")
    root = parse(chart.svg)  # still well-formed XML: the control character is replaced

    assert not any(el.tag.endswith(("script", "b")) for el in root.iter())
    cleaned = HOSTILE.replace("\x07", "\ufffd")
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"The roots of {cleaned}"
    assert f"The roots of {cleaned}" in all_text(root)
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    assert chart.rows[0][0] == HOSTILE  # the page's table escapes it in turn (autoescape)
    png.size(to_png(chart.svg))  # the rasteriser reads it too


# ---------------------------------------------------------------- PNG


def test_the_png_decodes_at_twice_the_size_and_is_not_blank() -> None:
    weeks = last_weeks(TODAY)
    chart = community_charts(weekly_figures(weeks), weeks, "en")[0]
    data = to_png(chart.svg)
    assert data[:8] == png.SIGNATURE
    assert png.size(data) == (1280, 520)

    small = png.pixels(to_png(chart.svg, zoom=1))
    colours = Counter(p[:3] for p in small)
    assert len(small) == 640 * 260
    assert colours[(255, 255, 255)] > len(small) // 3  # mostly background
    assert colours[(0x2F, 0x6F, 0x4F)] > 1000  # the bars, in their colour
    assert len(colours) > 20  # anti-aliased text and lines


def test_text_is_drawn_with_the_bundled_font_alone() -> None:
    """No system font (a fresh CI machine may have none): the labels still show."""
    svg = frame("t", 200, 40, "t", "d") + text(10, 28, "Héllo Ωж", size=20) + "</svg>"
    pixels = png.pixels(to_png(svg, zoom=1, system_fonts=False))
    inked = [p for p in pixels if p[0] < 128]
    assert len(inked) > 100
