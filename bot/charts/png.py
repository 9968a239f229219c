"""SVG to PNG for pictures in chat, with resvg (a Rust renderer shipped as a wheel).

No system package is needed: no Cairo, no ImageMagick. Text is drawn with the Noto Sans
subset shipped in ``bot/charts/fonts`` (see its README), so a machine without any font
installed still gets labelled pictures; the machine's own fonts, when it has some, only
fill in letters the subset lacks (``system_fonts=False`` draws with the bundled font alone).
"""

from __future__ import annotations

from pathlib import Path

FONT = Path(__file__).parent / "fonts" / "NotoSans-Roots.ttf"
FAMILY = "Noto Sans"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def to_png(svg: str, *, zoom: float = 2.0, system_fonts: bool = True) -> bytes:
    """The PNG of ``svg``, ``zoom`` times its size (2: sharp on high-density screens)."""
    import resvg_py  # imported here: only pictures need it

    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        zoom=zoom,
        background="white",
        skip_system_fonts=not system_fonts,
        font_files=[str(FONT)],
        font_family=FAMILY,
        sans_serif_family=FAMILY,
    )
    return bytes(png)
