"""Print the trainer's handouts from the built site into SITE/handouts/ (`make book`).

Usage: python scripts/build_handouts.py [SITE]   (SITE defaults to _build/html)

SITE is one edition's built site (``_build/html``, or ``_build/html/fr`` for the French
edition): the handouts are printed from that edition's pages, in its language (the ``lang`` of
its trainer guide page). The pieces are found by their labels, which are the same in every
edition; the guide's two items found by their words are in :data:`TEXTS`, one entry a language.
An exercise the edition has not translated yet is taken from the English page the guide links.

Every handout is made of pages the site already has, so it says what the site says (numbers
included: they were glued or rendered by the package when the pages were built):

``cheat-sheet.pdf``
    the summary's cheat sheet (section ``summary-cheat-sheet``), at most two A4 pages;
``worksheet.pdf``
    the exercises the trainer guide lists under "The worksheet's exercises", each copied from
    its chapter page, followed by room to write, without the solutions;
``answer-key.pdf``
    the same exercises, each with its solution;
``group-cards.pdf``
    one card (an A5 page) per example of the guide's group work: the example, what to open and
    move, and the question each group reports on. What the guide tells only the trainer (the
    aha, the expected report) stays off the cards: a card holds the first paragraph of its
    example.

The pieces are cut from the built HTML files (before any script runs, so folded solutions are
plain HTML), put into the trainer guide's page in place of its article, and printed by Debian
chromium through Playwright (``page.pdf``) with the site's print stylesheet (_css/print.css).
The browser may read files of the site only: any other request is refused.
"""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag

from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
# One place for the browser's path and flags: the test helpers' module (it imports pytest,
# which the course's environment has).
sys.path.insert(0, str(ROOT / "tests"))
from real_browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from build_deck import GUIDE, site_language, site_root  # noqa: E402

__all__ = [
    "HANDOUTS",
    "TEXTS",
    "Exercise",
    "build_handouts",
    "group_cards",
    "worksheet_exercises",
]

SUMMARY = "book/summary.html"
#: The handouts' file names, in the order the trainer guide links them.
HANDOUTS = ("cheat-sheet.pdf", "worksheet.pdf", "answer-key.pdf", "group-cards.pdf")
GROUP_WORK = "trainer-group-work"
#: Per language: the trainer guide's item that lists the worksheet's exercises (Sphinx curls
#: its quote), the start of the group work's question, and the words the handouts add.
TEXTS = {
    "en": {
        "worksheet_term": "The worksheet's exercises",
        "report": "Each group reports",
        "course": "Key Account vs KPI",
        "worksheet": "Worksheet",
        "answer_key": "Answer key",
        "worksheet_intro": "The workshop's exercises, one per block of the plan, from the "
        "course's chapters.",
        "key_intro": "The workshop's exercises with their solutions, as the course gives them.",
        "group_work": "group work",
        "where": "On the site: {page} · in JupyterLab: {notebook}",
    },
    "fr": {
        "worksheet_term": "Les exercices de la fiche",
        "report": "Chaque groupe rend compte",
        "course": "Compte Clé vs KPI",
        "worksheet": "Fiche d\u2019exercices",
        "answer_key": "Corrigé",
        "worksheet_intro": "Les exercices de l\u2019atelier, un par séquence du plan, tirés des "
        "chapitres du cours.",
        "key_intro": "Les exercices de l\u2019atelier avec leurs solutions, telles que le cours "
        "les donne.",
        "group_work": "travail en groupes",
        "where": "Sur le site\u00a0: {page} · dans JupyterLab\u00a0: {notebook}",
    },
}


@dataclass(frozen=True)
class Exercise:
    """One exercise cut from its page: where it comes from, its HTML and its solution's."""

    page: str
    label: str
    chapter: str
    html: str
    solution: str


def _soup(site: Path, page: str) -> BeautifulSoup:
    path = site / page
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: build the book first (make book).")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _join(page: str, href: str) -> str:
    """``href`` (relative, from ``page``) as a path from the site's folder; a page of the other
    edition starts with ``../`` (urljoin would drop what climbs above the site)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _definition(soup: BeautifulSoup, term: str) -> Tag:
    for dt in soup.find_all("dt"):
        if dt.get_text(" ", strip=True).replace("\u2019", "'") == term:
            return dt.find_next_sibling("dd")
    raise ValueError(f'the trainer guide has no item "{term}": it lists the worksheet\'s exercises')


def _section(soup: BeautifulSoup, label: str) -> Tag:
    """The section a MyST label names (Sphinx puts the label's anchor inside the section)."""
    anchor = soup.find(id=label)
    if anchor is None:
        raise ValueError(f"the built site has no section labelled {label!r}")
    return anchor if anchor.name == "section" else anchor.find_parent("section")


def _chapter_title(soup: BeautifulSoup) -> str:
    h1 = soup.find("h1")
    return re.sub(r"\s*#\s*$", "", h1.get_text(" ", strip=True)) if h1 else ""


def worksheet_exercises(site: Path) -> list[Exercise]:
    """The exercises the trainer guide lists for the worksheet, cut from their pages."""
    guide = _soup(site, GUIDE)
    term = TEXTS[site_language(site)]["worksheet_term"]
    links = _definition(guide, term).find_all("a", href=True)
    if not links:
        raise ValueError(f'"{term}" in the trainer guide links no exercise')
    exercises = []
    for link in links:
        url, label = urldefrag(_join(GUIDE, link["href"]))
        soup = _soup(site, url)
        exercise = soup.find(id=label)
        if exercise is None or "exercise" not in exercise.get("class", []):
            raise ValueError(f"{url} has no exercise labelled {label!r} (linked from the guide)")
        solution = next(
            (
                div
                for div in soup.select("div.solution")
                if div.select_one(f'p.admonition-title a[href="#{label}"]')
            ),
            None,
        )
        if solution is None:
            raise ValueError(f"{url}: exercise {label!r} has no solution")
        classes = [c for c in solution["class"] if c not in ("dropdown", "toggle")]
        solution["class"] = classes
        exercises.append(Exercise(url, label, _chapter_title(soup), str(exercise), str(solution)))
    return exercises


def group_cards(site: Path) -> list[tuple[str, str]]:
    """The group work's examples as ``(title, HTML of the card)``, from the trainer guide."""
    guide = _soup(site, GUIDE)
    texts = TEXTS[site_language(site)]
    section = _section(guide, GROUP_WORK)
    question = next(
        (p for p in section.find_all("p") if p.get_text().startswith(texts["report"])), None
    )
    if question is None:
        raise ValueError(f'the group work of {GUIDE} has no paragraph "{texts["report"]}…"')
    # a card names a page by its place in the whole site (the French pages are under fr/)
    edition = site.resolve().relative_to(site_root(site).resolve()).as_posix()
    cards = []
    for dt in section.find("dl").find_all("dt", recursive=False):
        first = dt.find_next_sibling("dd").find("p")
        where = ""
        link = first.find("a", href=True)
        if link is not None:
            # Paper cannot be clicked: say where the page is, on the site and in JupyterLab.
            page = posixpath.normpath(posixpath.join(edition, _join(GUIDE, link["href"])))
            page = urldefrag(page)[0]
            notebook = page.removesuffix(".html") + ".ipynb"
            text = texts["where"].format(page=page, notebook=notebook)
            where = f'<span class="lessons-handout-where">{text}</span>'
        cards.append((dt.get_text(" ", strip=True), str(first) + where + str(question)))
    return cards


def _relocate(html: str, page: str) -> str:
    """``html`` from ``page`` with its relative addresses made to work from the guide's page."""
    if Path(page).parent == Path(GUIDE).parent:
        return html

    def fix(match: re.Match) -> str:
        target = match[2]
        if target.startswith(("#", "http:", "https:", "data:", "/")):
            return match[0]
        return f'{match[1]}="../{_join(page, target)}"'

    return re.sub(r'\b(src|href)="([^"]*)"', fix, html)


def _worksheet_html(exercises: list[Exercise], with_solutions: bool, lang: str) -> str:
    texts = TEXTS[lang]
    title = texts["answer_key"] if with_solutions else texts["worksheet"]
    intro = texts["key_intro"] if with_solutions else texts["worksheet_intro"]
    parts = [f"<h1>{texts['course']} — {title}</h1>", f"<p>{intro}</p>"]
    for exercise in exercises:
        body = exercise.html + (exercise.solution if with_solutions else "")
        space = "" if with_solutions else '<div class="lessons-handout-space"></div>'
        parts.append(
            f'<section class="lessons-handout-item"><p class="lessons-handout-source">'
            f"{exercise.chapter}</p>{_relocate(body, exercise.page)}{space}</section>"
        )
    return "\n".join(parts)


#: The cards' paper, after the site's A4 rule: a card is read across a table, not filed.
CARD_PAGE = "<style>@page { size: A5 landscape; margin: 12mm; }</style>"


def _cards_html(cards: list[tuple[str, str]], lang: str) -> str:
    source = f"{TEXTS[lang]['course']} — {TEXTS[lang]['group_work']}"
    return CARD_PAGE + "\n".join(
        f'<section class="lessons-group-card"><p class="lessons-handout-source">{source}</p>'
        f"<h1>{title}</h1>{body}</section>"
        for title, body in cards
    )


def _cheat_sheet_html(site: Path) -> str:
    soup = _soup(site, SUMMARY)
    return _relocate(str(_section(soup, "summary-cheat-sheet")), SUMMARY)


_SHOW = """([html, classes]) => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  article.innerHTML = html;
  document.body.classList.add('lessons-handout', ...classes);
}"""


def _print(page, site: Path, html: str, out: Path, classes=(), **pdf) -> None:
    page.goto((site / GUIDE).resolve().as_uri(), wait_until="load")
    page.evaluate(_SHOW, [html, list(classes)])
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready")
    page.pdf(path=str(out), print_background=True, **pdf)


def build_handouts(site: Path) -> list[Path]:
    """Print the four handouts into ``site/handouts/``; return their paths."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"the handouts are printed by Debian chromium ({CHROMIUM} is missing): "
            "run  make browser  (apt-get install -y chromium poppler-utils), then build again."
        )
    lang = site_language(site)
    exercises = worksheet_exercises(site)
    documents = {
        "cheat-sheet.pdf": (_cheat_sheet_html(site), {"classes": ["lessons-handout-compact"]}),
        "worksheet.pdf": (_worksheet_html(exercises, False, lang), {}),
        "answer-key.pdf": (_worksheet_html(exercises, True, lang), {}),
        "group-cards.pdf": (_cards_html(group_cards(site), lang), {}),
    }
    out = site / "handouts"
    out.mkdir(exist_ok=True)
    # the whole site: a French page reaches the shared JavaScript and English pages above it
    site_uri = site_root(site).resolve().as_uri()
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.route(
            lambda url: not url.startswith((site_uri, "data:", "blob:")),
            lambda route: route.abort(),
        )
        page = context.new_page()
        for name in HANDOUTS:
            html, pdf = documents[name]
            _print(page, site, html, out / name, prefer_css_page_size=True, **pdf)
            written.append(out / name)
        browser.close()
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    try:
        written = build_handouts(site)
    except (FileNotFoundError, ValueError) as error:
        print(f"build_handouts: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Handout written: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
