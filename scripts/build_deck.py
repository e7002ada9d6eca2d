"""Write the workshop deck into the built site as a static reveal.js slideshow (`make book`).

Usage: python scripts/build_deck.py [SITE]   (SITE defaults to _build/html)

SITE is one edition's built site: the English one (``_build/html``) or the French one
(``_build/html/fr``, inside the English site). Its language (the ``lang`` of its trainer guide
page) picks the deck: ``notebooks/workshop.ipynb`` or ``fr/notebooks/workshop.ipynb``, each
committed executed: its panels are the stored outputs and widget state, the same snapshots the
edition's scenario pages show. nbconvert's slides
exporter turns it into ``SITE/deck/workshop.html`` with the template in
``scripts/templates/deck/``, which loads nothing from outside the site:

- reveal.js (and its speaker-notes plugin) from npm (package.json), copied to
  ``SITE/deck/reveal.js/``;
- RequireJS, its configuration and the widget manager from ``ipywidgets-offline/``, which
  ``scripts/widget_js.sh`` writes and the book build copies to the English site's root (the
  French edition, one folder down, shares that copy).

Code inputs are left out (a room reads the slides, not the plumbing). Relative addresses only,
so the deck opens from a web server and from disk (file://) alike. The notebook is not
modified.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

from lessons.editions import edition_dir

__all__ = [
    "DECK",
    "GUIDE",
    "REVEAL",
    "build_deck",
    "deck_of",
    "site_language",
    "site_root",
]

ROOT = Path(__file__).resolve().parents[1]
#: The English deck notebook; each edition has its own at the same place in its folder.
DECK = ROOT / "notebooks" / "workshop.ipynb"
#: The page of an edition's site that links its deck and handouts.
GUIDE = "book/trainer_guide.html"
#: reveal.js as npm installed it (scripts/widget_js.sh runs `npm ci`).
REVEAL = ROOT / "node_modules" / "reveal.js"
TEMPLATES = ROOT / "scripts" / "templates"
#: The folder of the site's own widget JavaScript, at the English site's root.
WIDGETS = "ipywidgets-offline"
#: What the static deck says of itself, in its edition's language.
TEXTS = {
    "en": {
        "title": "Key Account vs KPI: the workshop deck",
        "static_note": "Static copy: the panels are snapshots and do not respond. To move them, "
        "open {deck} in JupyterLab (make lab) and show it as a slideshow.",
    },
    "fr": {
        "title": "Compte Clé vs KPI\u00a0: le diaporama de l\u2019atelier",
        "static_note": "Copie statique\u00a0: les panneaux sont des instantanés et ne réagissent "
        "pas. Pour les manipuler, ouvrez {deck} dans JupyterLab (make lab) et affichez-le en "
        "diaporama.",
    },
}


def site_language(site: Path) -> str:
    """The language of the edition built in ``site``: the ``lang`` of its trainer guide page.

    Raises ``FileNotFoundError`` when the page is missing and ``ValueError`` when it names a
    language the deck has no texts for.
    """
    page = site / GUIDE
    if not page.is_file():
        raise FileNotFoundError(f"{page} is missing: build the book first (make book).")
    match = re.search(r'<html[^>]*\blang="([^"]+)"', page.read_text(encoding="utf-8"))
    lang = match[1].split("-")[0] if match else "en"
    if lang not in TEXTS:
        raise ValueError(
            f"{page} is in {lang!r}; the deck and the handouts know {', '.join(TEXTS)}: add "
            f"the language's texts to scripts/build_deck.py and scripts/build_handouts.py."
        )
    return lang


def site_root(site: Path) -> Path:
    """The site that serves the shared JavaScript: ``site`` itself, or the English site that
    holds this edition (``_build/html`` for ``_build/html/fr``)."""
    for folder in (site, site.parent):
        if (folder / WIDGETS / "embed-amd.js").is_file():
            return folder
    raise FileNotFoundError(
        f"neither {site} nor {site.parent} has an {WIDGETS}/ folder: build the book first "
        "(make book)."
    )


def deck_of(lang: str) -> Path:
    """The deck notebook of edition ``lang`` (``notebooks/workshop.ipynb`` in its folder)."""
    return edition_dir(ROOT, lang) / DECK.relative_to(ROOT)


def _exporter(lang: str, widgets: str) -> SlidesExporter:
    config = Config()
    config.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    # heading anchors are for pages; a slide is reached by its number (and ids keep quotes)
    config.HTMLExporter.exclude_anchor_links = True
    config.HTMLExporter.language_code = lang
    config.SlidesExporter.template_name = "deck"
    config.SlidesExporter.reveal_url_prefix = "reveal.js"
    config.SlidesExporter.reveal_theme = "white"
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.require_js_url = f"{widgets}/require.js"
    config.SlidesExporter.widget_renderer_url = f"{widgets}/embed-amd.js"
    return SlidesExporter(config=config)


def build_deck(site: Path, deck: Path | None = None) -> Path:
    """Write ``site/deck/<deck name>.html`` and reveal.js beside it; return the HTML's path.

    ``deck`` defaults to the deck of the site's edition (:func:`deck_of`). Raises
    ``FileNotFoundError`` naming what is missing and the command that makes it.
    """
    if not (REVEAL / "dist" / "reveal.js").is_file():
        raise FileNotFoundError(
            f"reveal.js is not installed ({REVEAL} is missing): run  bash scripts/widget_js.sh"
            "  (npm ci installs it from package.json), then build again."
        )
    lang = site_language(site)
    deck = deck if deck is not None else deck_of(lang)
    up = "../" * (len(site.resolve().relative_to(site_root(site).resolve()).parts) + 1)
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
    texts = TEXTS[lang]
    where = deck.resolve()
    source = where.relative_to(ROOT).as_posix() if where.is_relative_to(ROOT) else where
    resources = {
        "require_config_url": f"{up}{WIDGETS}/require-config.js",
        "static_note": html.escape(texts["static_note"].format(deck=source)),
    }
    body, _ = _exporter(lang, up + WIDGETS).from_notebook_node(nb, resources=resources)
    # nbconvert titles a deck "<notebook name> slides", in English whatever the edition
    title = f"<title>{html.escape(texts['title'])}</title>"
    body = re.sub(r"<title>.*?</title>", title, body, count=1, flags=re.S)
    page = out / f"{deck.stem}.html"
    page.write_text(body, encoding="utf-8")
    return page


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    try:
        page = build_deck(site)
    except (FileNotFoundError, ValueError) as error:
        print(f"build_deck: {error}", file=sys.stderr)
        return 1
    print(f"Workshop deck written: {page.relative_to(ROOT) if page.is_relative_to(ROOT) else page}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
