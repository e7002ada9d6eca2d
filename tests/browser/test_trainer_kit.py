"""The trainer's kit in the built site: the static deck, the handouts and the print stylesheet.

- The static deck (``deck/workshop.html``, scripts/build_deck.py) runs reveal.js from the site,
  over http and from disk (file://), with no outside request; it has the deck notebook's slides,
  its speaker notes, and the stored panels rendered on their slides.
- The handouts (``handouts/*.pdf``, scripts/build_handouts.py) render with poppler's
  ``pdftoppm``; the cheat sheet fits two A4 pages; the worksheet holds every exercise and no
  solution, the answer key every solution (compared with the solutions of the chapter pages);
  one group card per example of the guide's group work.
- Printing a page leaves out the sidebar, the header and the buttons, and keeps the article.

Every check runs on both editions: the English site and the French one under ``fr/``, whose
deck, handouts and cards are in French (its deck and plan are those of the French guide).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata

import pytest
from bs4 import BeautifulSoup
from test_workshop_deck import deck_steps

from .conftest import DESKTOP, REPO, SITE, open_page, screenshot

sys.path.insert(0, str(REPO / "scripts"))
import build_handouts

pytestmark = pytest.mark.browser

DECK = "deck/workshop.html"
#: Each edition's folder in the site, and what its kit says in its language.
EDITIONS = {
    "en": {
        "folder": "",
        "cards": [
            "Start-up, Client A and Client B",
            "Consulting firm",
            "Digital marketing agency",
            "Restaurant",
        ],
        "trainer_only": ["Aha", "Expected report"],
        "question": "who is the key account",
        "static_note": "Static copy",
        "kpi_title": "What is a KPI",
        "sidebar_caption": "Going further: tools and pitfalls",
    },
    "fr": {
        "folder": "fr/",
        "cards": [
            "La startup, le client A et le client B",
            "La société de conseil",
            "L'agence de marketing digital",
            "Le restaurant",
        ],
        "trainer_only": ["Déclic", "Compte rendu attendu"],
        "question": "qui est le compte clé",
        "static_note": "Copie statique",
        "kpi_title": "Qu'est-ce qu'un KPI",
        "sidebar_caption": "Pour aller plus loin : outils et pièges",
    },
}
LANGS = pytest.mark.parametrize("lang", list(EDITIONS))
READY = "() => window.Reveal && window.Reveal.isReady()"
PRESENT_PANEL = """() => {
  const slide = Reveal.getCurrentSlide();
  return {
    sliders: slide.querySelectorAll('.widget-slider').length,
    tables: slide.querySelectorAll('table').length,
    images: Array.from(slide.querySelectorAll('img')).filter(i => i.naturalWidth > 0).length,
  };
}"""


def _site(lang: str):
    """The built site of edition ``lang`` (the French one is inside the English one)."""
    return SITE / EDITIONS[lang]["folder"]


def _handouts(lang: str):
    return _site(lang) / "handouts"


def _require_site_file(path) -> None:
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book` (it writes the deck and the handouts)")


# ------------------------------------------------------------------ the static deck


def _slide_index(start_minute: int, lang: str) -> int:
    steps = [s["start"] for s in deck_steps(lang=lang)]
    return steps.index(start_minute)


@LANGS
def test_the_static_deck_runs_from_the_site_with_no_outside_request(browser, site_url, lang):
    _require_site_file(_site(lang) / DECK)
    page, visit = open_page(browser, site_url, EDITIONS[lang]["folder"] + DECK, DESKTOP)
    try:
        page.wait_for_function(READY, timeout=30_000)
        assert page.evaluate("() => document.documentElement.lang") == lang
        assert EDITIONS[lang]["static_note"] in page.inner_text(".lessons-deck-static")
        slides = page.evaluate("() => Reveal.getHorizontalSlides().length")
        assert slides == len(deck_steps(lang=lang)), "one slide per block of the deck notebook"
        page.evaluate(f"() => Reveal.slide({_slide_index(23, lang)})")
        page.wait_for_function(f"() => ({PRESENT_PANEL})().images > 0", timeout=30_000)
        panel = page.evaluate(PRESENT_PANEL)
        assert panel["sliders"] >= 3 and panel["tables"] >= 1, panel
        notes = page.evaluate("() => Reveal.getSlideNotes()")
        assert "0:23 · 16 min." in notes, notes
        # a prompt waits as a fragment: hidden until the trainer advances
        fragments = page.evaluate(
            "() => Array.from(Reveal.getCurrentSlide().querySelectorAll('.fragment'))"
            ".map(f => f.classList.contains('visible'))"
        )
        assert fragments and not any(fragments)
        page.keyboard.press("ArrowRight")
        assert page.evaluate(
            "() => Reveal.getCurrentSlide().querySelector('.fragment').classList"
            ".contains('visible')"
        )
        screenshot(page, "deck", lang, "software-bank")
    finally:
        page.context.close()
    assert not visit.offsite_requests, visit.offsite_requests
    assert not visit.failed_requests, visit.failed_requests
    assert not visit.console, visit.console


@LANGS
def test_the_static_deck_opens_from_disk_offline(browser, lang):
    _require_site_file(_site(lang) / DECK)
    context = browser.new_context(viewport=DESKTOP)
    outside: list[str] = []

    def refuse(route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(("file:", "data:", "blob:")), refuse)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    try:
        page.goto((_site(lang) / DECK).resolve().as_uri(), wait_until="load")
        page.wait_for_function(READY, timeout=30_000)
        page.evaluate(f"() => Reveal.slide({_slide_index(44, lang)}, 1)")
        page.wait_for_function(f"() => ({PRESENT_PANEL})().sliders > 0", timeout=30_000)
    finally:
        context.close()
    assert not outside, outside
    assert not errors, errors


# ------------------------------------------------------------------ the handouts


def _text(pdf) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return _squash(out.stdout)


def _squash(text: str) -> str:
    """Text without spaces, line breaks or ligatures: a PDF breaks lines where a page did not."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


@pytest.fixture(scope="module")
def poppler():
    if not shutil.which("pdftoppm") or not shutil.which("pdfinfo"):
        pytest.fail("poppler-utils is missing: run `make browser` (apt-get install poppler-utils)")


@LANGS
@pytest.mark.parametrize("name", build_handouts.HANDOUTS)
def test_every_handout_renders_with_pdftoppm(poppler, name, lang, tmp_path):
    pdf = _handouts(lang) / name
    _require_site_file(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.pgm")
    pixels = image.read_bytes().split(b"\n", 3)[3]
    # a rendered page has ink on it, not only white paper
    assert sum(1 for byte in pixels if byte < 128) > 500, f"{name}: page 1 looks blank"


@LANGS
def test_the_cheat_sheet_fits_two_a4_pages(poppler, lang):
    sheet = _handouts(lang) / "cheat-sheet.pdf"
    _require_site_file(sheet)
    assert _pages(sheet) <= 2
    info = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True)
    assert "(A4)" in info.stdout


def _solution_texts(exercise: build_handouts.Exercise) -> list[str]:
    content = BeautifulSoup(exercise.solution, "html.parser").select_one("#solution-content")
    paragraphs = [p.get_text(" ", strip=True) for p in content.find_all("p")]
    return [_squash(p)[:80] for p in paragraphs if len(p) >= 30]


def _exercise_text(exercise: build_handouts.Exercise) -> str:
    content = BeautifulSoup(exercise.html, "html.parser").select_one("#exercise-content")
    return _squash(content.find("p").get_text(" ", strip=True))[:80]


@LANGS
def test_the_worksheet_holds_the_exercises_and_no_solution_the_key_holds_them_all(poppler, lang):
    handouts = _handouts(lang)
    for name in ("worksheet.pdf", "answer-key.pdf"):
        _require_site_file(handouts / name)
    exercises = build_handouts.worksheet_exercises(_site(lang))
    assert len(exercises) == 9
    worksheet, key = _text(handouts / "worksheet.pdf"), _text(handouts / "answer-key.pdf")
    for exercise in exercises:
        solutions = _solution_texts(exercise)
        assert solutions, f"{exercise.label}: no solution text found on {exercise.page}"
        assert _exercise_text(exercise) in worksheet, f"{exercise.label} missing from worksheet"
        assert _exercise_text(exercise) in key, f"{exercise.label} missing from the key"
        for solution in solutions:
            assert solution not in worksheet, f"the worksheet gives away {exercise.label}"
            assert solution in key, f"the key lacks part of {exercise.label}'s solution"
    assert "Solution" not in worksheet


@LANGS
def test_one_group_card_per_example_without_the_trainer_s_answers(poppler, lang):
    edition = EDITIONS[lang]
    pdf = _handouts(lang) / "group-cards.pdf"
    _require_site_file(pdf)
    cards = build_handouts.group_cards(_site(lang))
    # Sphinx curls the apostrophes of a page
    assert [title.replace("\u2019", "'") for title, _ in cards] == edition["cards"]
    assert _pages(pdf) == len(cards)
    text = _text(pdf)
    for title, _ in cards:
        assert _squash(title) in text
    for words in edition["trainer_only"]:
        assert _squash(words) not in text, f"a card shows the trainer's {words!r}"
    assert text.count(_squash(edition["question"])) == len(cards)
    # a card says where its notebook is, in this edition (or in English until it is translated)
    for _title, html in cards:
        where = BeautifulSoup(html, "html.parser").select_one(".lessons-handout-where")
        notebook = re.search(r"\S+\.ipynb", where.get_text())[0]
        assert (REPO / notebook).is_file(), notebook


# ------------------------------------------------------------------ the print stylesheet


@LANGS
def test_a_printed_page_keeps_the_article_and_drops_the_navigation(
    browser, site_url, tmp_path, lang
):
    edition = EDITIONS[lang]
    page, visit = open_page(browser, site_url, edition["folder"] + "book/kpi.html", DESKTOP)
    try:
        page.emulate_media(media="print")
        shown = page.evaluate(
            """() => Object.fromEntries(['.bd-sidebar-primary', '.bd-header',
                 '.bd-header-article', '.prev-next-area', '.lq-check', 'article.bd-article']
                 .map(s => {
                   const el = document.querySelector(s);
                   return [s, el ? getComputedStyle(el).display !== 'none' : null];
                 }))"""
        )
        assert shown["article.bd-article"] is True
        assert None not in shown.values(), f"the page has none of {shown}: update the selectors"
        printed = [s for s, visible in shown.items() if visible and s != "article.bd-article"]
        assert not printed, f"printed with the page: {printed}"
        # an external link shows its address on paper (the course has none yet: add one as
        # MyST writes it), an internal one does not
        after = page.evaluate(
            """() => {
              const a = document.createElement('a');
              a.className = 'reference external';
              a.href = 'https://example.org/report';
              a.textContent = 'a report';
              document.querySelector('.bd-article p').append(a);
              const inside = document.querySelector('.bd-article a.reference.internal');
              return [getComputedStyle(a, '::after').content,
                      getComputedStyle(inside, '::after').content];
            }"""
        )
        assert "https://example.org/report" in after[0], after
        assert "http" not in after[1], after
        pdf = tmp_path / "kpi.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        page.context.close()
    text = _text(pdf).replace("\u2019", "'")
    assert _squash(edition["kpi_title"]) in text
    # the sidebar's table of contents is not printed
    assert _squash(edition["sidebar_caption"]) not in text
    assert not visit.console, visit.console
