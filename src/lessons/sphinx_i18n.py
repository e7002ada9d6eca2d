"""Sphinx extension: each page of the course linked to the same page in the other language.

Listed in ``extra_extensions`` of both books: the English one at the repository root and the
French one in ``fr/`` (:mod:`lessons.editions`). The book's ``language`` decides everything:

* the package speaks that language from the start of the build (:func:`lessons.i18n.set_language`),
  so every extension that writes text through the catalog (quiz, glossary, sidebar labels,
  objectives) writes it in the book's language, and :mod:`lessons.format` writes its numbers;
* every page gets a link to *the same page* in the other edition, in the article header (a
  link with ``hreflang`` and a name in the other language, "Version française" / "English
  version"), and ``<link rel="alternate" hreflang>`` in its head. The link is computed from the
  docname; an English page whose translation does not exist yet shows "Version française à
  venir" (not a link) while ``lessons_untranslated`` is ``"notice"``; with ``"error"`` (the
  default, and the French book's setting) a page without its counterpart fails the build;
* a reference from a translated page to a page not translated yet (``{doc}``, ``{ref}``,
  ``{term}``) resolves to the English page, through the English build's ``objects.inv``,
  marked "(en anglais)" and ``hreflang="en"``. So the English edition is built first.

>>> switch_html("book/kpi", "en", "fr", exists=True)
'<a class="btn btn-sm lessons-edition-switch" href="../fr/book/kpi.html" hreflang="fr" ...'
>>> switch_html("book/kpi", "en", "fr", exists=False)
'<span class="btn btn-sm lessons-edition-switch is-pending" lang="fr">... à venir</span>'
>>> switch_html("book/kpi", "en", "xx", exists=True)
Traceback (most recent call last):
    ...
ValueError: The course has no 'xx' edition. Its editions: en (the repository root), fr (fr/).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from importlib import resources
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

from lessons.editions import (
    EDITION_FOLDERS,
    counterpart_href,
    edition_dir,
    read_toc,
)
from lessons.i18n import available_languages, set_language, t
from lessons.sphinx_quiz import STATIC_DIR

__all__ = [
    "TEMPLATE",
    "alternate_links",
    "french_spacing",
    "other_edition_reference",
    "setup",
    "switch_html",
    "theme_strings",
]

logger = logging.getLogger(__name__)

#: The header component that shows the language link (in ``lessons/data/sphinx_templates``).
TEMPLATE = "lessons-edition-switch.html"
_TEMPLATES = Path(str(resources.files("lessons") / "data" / "sphinx_templates"))
#: Pages Sphinx writes in every edition without a source file.
_GENERATED = {"genindex", "search", "py-modindex"}
_MODES = ("notice", "error")
_BEFORE_COLON = re.compile(r"(?<=\S) ([:»])")
_BEFORE_PUNCT = re.compile(r"(?<=\S) ([;?!])")
_AFTER_GUILLEMET = re.compile(r"« ")
#: Text nodes whose characters are code, kept exactly as written.
_VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block)


def _lang(app: Any) -> str:
    return (app.config.language or "en").split("_")[0]


def _others(lang: str) -> list[str]:
    return [other for other in EDITION_FOLDERS if other != lang]


def switch_html(docname: str, lang: str, other: str, *, exists: bool) -> str:
    """The header link from a page to its counterpart in edition ``other`` (escaped HTML).

    Args:
        docname: the page (``book/kpi``).
        lang: the edition the page belongs to.
        other: the edition to link to.
        exists: whether the counterpart page exists; if not, a notice that is not a link.

    Returns:
        An ``<a>`` named in the other language (its ``lang`` and ``hreflang`` set), or a
        ``<span>`` saying the translation is coming.
    """
    href = counterpart_href(docname, lang, other)
    icon = '<i class="fa-solid fa-language" aria-hidden="true"></i>'
    if not exists:
        text = html.escape(t("sphinx_i18n.switch.pending", lang=other))
        return (
            f'<span class="btn btn-sm lessons-edition-switch is-pending" lang="{other}">'
            f"{icon} {text}</span>"
        )
    text = html.escape(t("sphinx_i18n.switch.link", lang=other))
    return (
        f'<a class="btn btn-sm lessons-edition-switch" href="{html.escape(href)}" '
        f'hreflang="{other}" lang="{other}">{icon} {text}</a>'
    )


def alternate_links(docname: str, lang: str, existing: list[str]) -> str:
    """``<link rel="alternate" hreflang>`` for the page itself and each existing counterpart.

    >>> alternate_links("book/kpi", "fr", ["en"]).splitlines()[1]
    '<link rel="alternate" hreflang="en" href="../../book/kpi.html">'
    """
    own = f'<link rel="alternate" hreflang="{lang}" href="{posixpath.basename(docname)}.html">'
    links = [own] + [
        f'<link rel="alternate" hreflang="{other}" '
        f'href="{html.escape(counterpart_href(docname, lang, other))}">'
        for other in existing
    ]
    return "\n".join(links)


def other_edition_reference(text: str, href: str, other: str, text_lang: str | None = None) -> str:
    """A link from a translated page to a page that exists only in edition ``other`` (HTML).

    Args:
        text: the link's words: the page's own words, or the other page's title.
        href: the URL of the other edition's page, relative to this page.
        other: the other edition's language; the link says the page is in that language.
        text_lang: the language of ``text`` when it is not the page's (the other title).

    >>> from lessons.i18n import set_language
    >>> set_language("fr")
    >>> other_edition_reference("The KPI", "../../book/kpi.html", "en", text_lang="en")
    '<a ... hreflang="en"><span lang="en">The KPI</span> (page en anglais)</a>'
    >>> set_language("en")
    """
    words = html.escape(text)
    if text_lang:
        words = f'<span lang="{text_lang}">{words}</span>'
    return (
        f'<a class="reference external lessons-other-edition" href="{html.escape(href)}" '
        f'hreflang="{other}">{words} {html.escape(t(f"sphinx_i18n.in.{other}"))}</a>'
    )


# --------------------------------------------------------------------------- Sphinx wiring


class _Editions:
    """What one build knows about the other editions: their pages and their inventories."""

    def __init__(self, app: Any) -> None:
        self.lang = _lang(app)
        srcdir = Path(app.srcdir).resolve()
        folder = EDITION_FOLDERS[self.lang]
        self.repo = (srcdir / posixpath.relpath(".", folder or ".")).resolve()
        if edition_dir(self.repo, self.lang).resolve() != srcdir:
            raise ConfigError(f"The {self.lang} edition's book must be in {folder or '.'}/.")
        self.pages: dict[str, set[str]] = {}
        for other in _others(self.lang):
            toc = edition_dir(self.repo, other) / "_toc.yml"
            self.pages[other] = {s.docname for s in read_toc(toc)} if toc.is_file() else set()
        self.inventories: dict[str, dict[str, Any]] = {}

    def has(self, other: str, docname: str) -> bool:
        return docname in _GENERATED or docname in self.pages.get(other, set())

    def inventory_path(self, other: str) -> Path:
        return edition_dir(self.repo, other) / "_build" / "html" / "objects.inv"

    def state(self) -> dict[str, Any]:
        """What this build's pages depend on in the other editions: their pages, their titles."""
        digests = {}
        for other in self.pages:
            path = self.inventory_path(other)
            digests[other] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        return {"pages": {o: sorted(p) for o, p in self.pages.items()}, "inventories": digests}

    def inventory(self, other: str) -> dict[str, Any]:
        """The other edition's ``objects.inv`` (its pages, labels and terms), loaded once."""
        if other not in self.inventories:
            from sphinx.util.inventory import InventoryFile

            path = self.inventory_path(other)
            if not path.is_file():
                raise ExtensionError(
                    f"The {self.lang} edition links to {other} pages not translated yet, and "
                    f"{path} does not exist: build the {other} edition first (`make book` "
                    "builds both editions in order)."
                )
            with path.open("rb") as stream:
                self.inventories[other] = InventoryFile.load(stream, "", lambda base, uri: uri)
        return self.inventories[other]


def _on_config(app: Any, config: Any) -> None:
    lang = _lang(app)
    if lang not in EDITION_FOLDERS or lang not in available_languages():
        raise ConfigError(
            f"language: {config.language!r} is not an edition of the course "
            f"(editions: {', '.join(EDITION_FOLDERS)})."
        )
    if config.lessons_untranslated not in _MODES:
        raise ConfigError(
            f"lessons_untranslated: {config.lessons_untranslated!r}; use one of {_MODES}."
        )
    set_language(lang)
    config.templates_path.append(str(_TEMPLATES))
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))
    options = config.html_theme_options
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [s.strip() for s in end.split(",")] if isinstance(end, str) else list(end)
    options["article_header_end"] = [TEMPLATE, *(e for e in end if e != TEMPLATE)]
    if lang != "en":
        options["search_bar_text"] = t("sphinx_i18n.search_bar")
        config.nb_code_prompt_show = t("sphinx_i18n.code_prompt_show")
        config.nb_code_prompt_hide = t("sphinx_i18n.code_prompt_hide")


def _on_builder_inited(app: Any) -> None:
    app.lessons_editions = editions = _Editions(app)
    app.add_css_file("editions/edition-switch.css")
    own = {s.docname for s in read_toc(Path(app.srcdir) / "_toc.yml")}
    for other in _others(editions.lang):
        lacking = sorted(d for d in own if not editions.has(other, d))
        if not lacking:
            continue
        listed = ", ".join(lacking)
        # a French page always translates an English one; only English may wait for translations
        if app.config.lessons_untranslated == "error" or editions.lang != "en":
            raise ExtensionError(
                f"{len(lacking)} page(s) of the {editions.lang} edition have no {other} page: "
                f"{listed}. Every page needs its counterpart with the same name in "
                f"{EDITION_FOLDERS[other] or 'the repository root'}/ (and in its _toc.yml)."
            )
        logger.info(
            f"[editions] {len(lacking)} {editions.lang} page(s) without a {other} page yet "
            f"(their language link says so): {listed}"
        )


def _on_env_get_outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list:
    """Pages to write again because the other edition changed, though their sources did not.

    A page's language link depends on whether its counterpart exists, and a translated page's
    links to untranslated pages on the other edition's titles: Sphinx cannot see either.
    """
    editions: _Editions = app.lessons_editions
    now = editions.state()
    before = getattr(env, "lessons_editions_state", None)
    env.lessons_editions_state = now
    if before is None or before == now:
        return []
    if before.get("inventories") != now["inventories"]:
        return sorted(env.found_docs)
    flipped = set()
    for other, pages in now["pages"].items():
        flipped |= set(pages) ^ set(before.get("pages", {}).get(other, []))
    return sorted(flipped & set(env.found_docs))


def _on_page_context(app: Any, pagename: str, templatename: str, context: dict, doctree):
    editions: _Editions = app.lessons_editions
    switches, existing = [], []
    for other in _others(editions.lang):
        exists = editions.has(other, pagename)
        switches.append(switch_html(pagename, editions.lang, other, exists=exists))
        if exists:
            existing.append(other)
    context["lessons_edition_switch"] = "".join(switches)
    context["metatags"] = (
        context.get("metatags", "") + "\n" + alternate_links(pagename, editions.lang, existing)
    )


def theme_strings() -> dict[str, str]:
    """Attributes the theme and myst-nb write in English whatever the language, and their
    replacement in the current language (their templates hold the text, not a gettext call).

    >>> theme_strings()['aria-label="Main"']
    'aria-label="Main"'
    """
    names = {
        'title="Toggle primary sidebar"': ("title", "sphinx_i18n.theme.primary_sidebar"),
        'title="Toggle secondary sidebar"': ("title", "sphinx_i18n.theme.secondary_sidebar"),
        'aria-label="Main"': ("aria-label", "sphinx_i18n.theme.main_navigation"),
        'aria-label="Toggle hidden content"': ("aria-label", "sphinx_i18n.toggle_hidden"),
    }
    return {
        english: f'{attribute}="{html.escape(t(key), quote=True)}"'
        for english, (attribute, key) in names.items()
    }


def french_spacing(text: str) -> str:
    """Text with the no-break spaces of French typography, so that a line never starts with
    ``:``, ``;``, ``?``, ``!`` or ``»`` (nor ends with ``«``), however narrow the screen.

    >>> french_spacing("Qui ? Le client : « la banque » ; oui !") == (
    ...     "Qui\u202f? Le client\xa0: «\xa0la banque\xa0»\u202f; oui\u202f!")
    True
    """
    text = _BEFORE_COLON.sub("\xa0\\1", text)
    text = _BEFORE_PUNCT.sub("\u202f\\1", text)
    return _AFTER_GUILLEMET.sub("«\xa0", text)


def _french_typography(app: Any, doctree: Any, docname: str) -> None:
    if _lang(app) != "fr":
        return
    for node in list(doctree.findall(nodes.Text)):
        if isinstance(node.parent, _VERBATIM) or _inside(node, nodes.literal_block):
            continue
        spaced = french_spacing(str(node))
        if spaced != str(node):
            node.parent.replace(node, nodes.Text(spaced))


def _inside(node: Any, kind: type) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


def _translate_theme_strings(app: Any, exception: Exception | None) -> None:
    if exception is not None or _lang(app) == "en" or app.builder.format != "html":
        return
    replacements = theme_strings()
    for page in Path(app.outdir).rglob("*.html"):
        if "_static" in page.relative_to(app.outdir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        changed = text
        for english, translated in replacements.items():
            changed = changed.replace(english, translated)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _find(inventory: dict[str, Any], kind: str, target: str) -> tuple[str, str] | None:
    entries = inventory.get(kind, {})
    hit = entries.get(target)
    if hit is None and kind == "std:term":
        folded = target.casefold()
        hit = next((v for k, v in entries.items() if k.casefold() == folded), None)
        target = next((k for k in entries if k.casefold() == folded), target)
    if hit is None:
        return None
    shown = target if hit[3] == "-" else hit[3]
    return hit[2], shown


def _on_missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "std" or node.get("reftype") not in ("doc", "ref", "term"):
        return None
    editions: _Editions = app.lessons_editions
    target = node["reftarget"]
    if node["reftype"] == "doc":
        from sphinx.util import docname_join

        target = docname_join(node.get("refdoc", ""), target).lstrip("/")
    kind = {"doc": "std:doc", "ref": "std:label", "term": "std:term"}[node["reftype"]]
    for other in _others(editions.lang):
        if other != "en":
            continue  # only English is complete enough to stand in for a missing page
        found = _find(editions.inventory(other), kind, target)
        if found is None:
            continue
        uri, shown = found
        text = contnode.astext() if node.get("refexplicit") else shown
        page = node.get("refdoc", env.docname)
        base = counterpart_href(page, editions.lang, other, suffix="")
        # the counterpart of this page, minus its own name: the other edition's root from here
        root = base[: len(base) - len(page)]
        href = root + uri
        if app.builder.format != "html":
            ref = nodes.reference("", "", internal=False, refuri=href)
            ref += nodes.Text(text)
            return ref
        text_lang = None if node.get("refexplicit") else other
        return nodes.raw("", other_edition_reference(text, href, other, text_lang), format="html")
    return None


def setup(app: Any) -> dict[str, Any]:
    """Register the hooks: language, header link, alternate links, links to untranslated pages."""
    app.add_config_value("lessons_untranslated", "error", "env", [str])
    app.connect("config-inited", _on_config)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("html-page-context", _on_page_context)
    app.connect("missing-reference", _on_missing_reference)
    app.connect("doctree-resolved", _french_typography)
    app.connect("build-finished", _translate_theme_strings)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
