"""Write the workshop deck into the built site as a static reveal.js slideshow (`make book`).

Usage: python scripts/build_deck.py [SITE]   (SITE defaults to _build/html)

The deck is ``notebooks/workshop.ipynb``, committed executed: its panels are the stored outputs
and widget state, the same snapshots the site's scenario pages show. nbconvert's slides
exporter turns it into ``SITE/deck/workshop.html`` with the template in
``scripts/templates/deck/``, which loads nothing from outside the site:

- reveal.js (and its speaker-notes plugin) from npm (package.json), copied to
  ``SITE/deck/reveal.js/``;
- RequireJS, its configuration and the widget manager from ``SITE/ipywidgets-offline/``, which
  ``scripts/widget_js.sh`` writes and the book build copies to the site's root.

Code inputs are left out (a room reads the slides, not the plumbing). Relative addresses only,
so the deck opens from a web server and from disk (file://) alike. The notebook is not
modified.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

__all__ = ["DECK", "REVEAL", "build_deck"]

ROOT = Path(__file__).resolve().parents[1]
#: The deck notebook.
DECK = ROOT / "notebooks" / "workshop.ipynb"
#: reveal.js as npm installed it (scripts/widget_js.sh runs `npm ci`).
REVEAL = ROOT / "node_modules" / "reveal.js"
TEMPLATES = ROOT / "scripts" / "templates"
#: The site's own copies of the widget JavaScript, relative to SITE/deck/.
WIDGETS = "../ipywidgets-offline"


def _exporter() -> SlidesExporter:
    config = Config()
    config.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    # heading anchors are for pages; a slide is reached by its number (and ids keep quotes)
    config.HTMLExporter.exclude_anchor_links = True
    config.SlidesExporter.template_name = "deck"
    config.SlidesExporter.reveal_url_prefix = "reveal.js"
    config.SlidesExporter.reveal_theme = "white"
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.require_js_url = f"{WIDGETS}/require.js"
    config.SlidesExporter.widget_renderer_url = f"{WIDGETS}/embed-amd.js"
    return SlidesExporter(config=config)


def build_deck(site: Path, deck: Path = DECK) -> Path:
    """Write ``site/deck/<deck name>.html`` and reveal.js beside it; return the HTML's path.

    Raises ``FileNotFoundError`` naming what is missing and the command that makes it.
    """
    if not (REVEAL / "dist" / "reveal.js").is_file():
        raise FileNotFoundError(
            f"reveal.js is not installed ({REVEAL} is missing): run  bash scripts/widget_js.sh"
            "  (npm ci installs it from package.json), then build again."
        )
    if not (site / "ipywidgets-offline" / "embed-amd.js").is_file():
        raise FileNotFoundError(
            f"{site} has no ipywidgets-offline/ folder: build the book first (make book)."
        )
    out = site / "deck"
    shutil.rmtree(out, ignore_errors=True)
    (out / "reveal.js" / "plugin").mkdir(parents=True)
    # source maps are for reveal.js's developers: a third of the weight, never loaded
    maps = shutil.ignore_patterns("*.map")
    shutil.copytree(REVEAL / "dist", out / "reveal.js" / "dist", ignore=maps)
    shutil.copytree(
        REVEAL / "plugin" / "notes", out / "reveal.js" / "plugin" / "notes", ignore=maps
    )
    nb = nbformat.read(deck, as_version=4)
    resources = {"require_config_url": f"{WIDGETS}/require-config.js"}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    html = out / f"{deck.stem}.html"
    html.write_text(body, encoding="utf-8")
    return html


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    try:
        html = build_deck(site)
    except FileNotFoundError as error:
        print(f"build_deck: {error}", file=sys.stderr)
        return 1
    print(f"Workshop deck written: {html.relative_to(ROOT) if html.is_relative_to(ROOT) else html}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
