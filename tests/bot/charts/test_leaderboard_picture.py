"""The leaderboard's picture for chat (issue #14): a bar per member, names escaped and
shortened, a text alternative that reads the boards in order, in the community's language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bot.charts import to_png
from bot.charts.leaderboard import BoardFigures, Standing, describe, leaderboard_svg
from bot.charts.png import PNG_SIGNATURE

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<b>"x"</b>&amp;\x07'


def boards() -> list[BoardFigures]:
    return [
        BoardFigures("Givers", [Standing(1, HOSTILE, 12), Standing(2, "Ana " * 20, 3)]),
        BoardFigures("Receivers", []),
    ]


def test_hostile_names_are_text_and_long_ones_are_cut() -> None:
    svg = leaderboard_svg("leaderboard", "Leaderboard: this week", boards(), "en")
    assert "<b>" not in svg
    root = ET.fromstring(svg)  # well-formed: a control character can't break it
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert '<b>"x"</b>&amp;\ufffd' in texts
    assert any(t.startswith("Ana Ana") and t.endswith("…") and len(t) <= 26 for t in texts)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#2f6f4f"]
    assert [float(b.get("width", 0)) for b in bars] == [320.0, 80.0]  # 12 and 3 of 12
    assert "No kudos yet in this period" in "".join(texts)
    assert root.get("role") == "img" and root.find(f"{SVG}desc") is not None
    assert to_png(svg).startswith(PNG_SIGNATURE)


def test_the_text_alternative_reads_every_board_in_its_language() -> None:
    one = [BoardFigures("Donneurs", [Standing(1, "Zoé", 4), Standing(2, "Léo", 1)])]
    nbsp = "\u00a0"  # French puts a no-break space before a colon
    assert describe("fr", one) == (
        f"Donneurs, du plus de kudos au moins{nbsp}: 1. Zoé{nbsp}: 4; 2. Léo{nbsp}: 1."
    )
    assert describe("en", boards()).endswith("Receivers: no kudos yet in this period.")
