"""Draw the site's icon: three bars (accounts) rising to a dashed target line (a KPI).

Writes ``favicon.svg`` (the icon the pages link, ``html_favicon``) in this folder and
``root/favicon.ico`` (16, 32 and 48 px: the ``/favicon.ico`` a browser asks the site's root
for; ``root/`` is an ``html_extra_path``, copied as is to the site's root), from one list of
shapes. Run it again after changing the shapes: ``.venv/bin/python _icon/make_favicon.py``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

__all__ = ["BARS", "main"]

HERE = Path(__file__).parent
#: The drawing is on a 32 x 32 grid. Background: the key-account blue of the charts.
BACKGROUND = "#0072B2"
INK = "#FFFFFF"
TARGET = "#E69F00"
#: Bars (left, top, right, bottom), grid units.
BARS = [(6, 20, 11, 27), (13.5, 14, 18.5, 27), (21, 9, 26, 27)]
#: The dashed target line: y and its dashes (x from, x to).
TARGET_Y = 6.5
DASHES = [(4, 9), (12, 17), (20, 25), (28, 30)]


def svg() -> str:
    """The icon as SVG text."""
    bars = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="{INK}"/>'
        for x0, y0, x1, y1 in BARS
    )
    dashes = "".join(
        f'<line x1="{a}" y1="{TARGET_Y}" x2="{b}" y2="{TARGET_Y}" stroke="{TARGET}" '
        'stroke-width="2.5"/>'
        for a, b in DASHES
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">'
        f'<rect width="32" height="32" rx="6" fill="{BACKGROUND}"/>{bars}{dashes}</svg>\n'
    )


def bitmap(size: int) -> Image.Image:
    """The icon drawn at ``size`` pixels (drawn 8 times larger, then reduced: smooth edges)."""
    scale = size * 8 / 32
    image = Image.new("RGBA", (size * 8, size * 8), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size * 8 - 1, size * 8 - 1), radius=6 * scale, fill=BACKGROUND)
    for x0, y0, x1, y1 in BARS:
        draw.rectangle((x0 * scale, y0 * scale, x1 * scale, y1 * scale), fill=INK)
    half = 1.25 * scale
    for a, b in DASHES:
        draw.rectangle(
            (a * scale, (TARGET_Y * scale) - half, b * scale, TARGET_Y * scale + half), fill=TARGET
        )
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    """Write favicon.svg and root/favicon.ico."""
    (HERE / "favicon.svg").write_text(svg(), encoding="utf-8")
    bitmap(48).save(HERE / "root" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
