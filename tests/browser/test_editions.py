"""Both editions in Chromium: the language link, French search, a French quiz, French pages clean.

The language link of a page is in its header, visible at 1280 px and on a 375-px phone,
reachable with the keyboard, named in the other language ("Version française" / "English
version"), and leads to *the same page* in the other edition, both ways, over http and from
``file://``. The French pages pass the checks every English page passes (console, requests,
accessibility, phone width); the search of the French site stems French words; a quiz answers in
French.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessons.editions import EDITION_FOLDERS, read_toc, source_of
from lessons.i18n import t

from .conftest import (
    BOOK,
    DESKTOP,
    PHONE,
    SITE,
    axe_violations,
    describe,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.browser

FR_BOOK = BOOK / EDITION_FOLDERS["fr"]
FR_PAGES = [s.docname for s in read_toc(FR_BOOK / "_toc.yml")] if FR_BOOK.is_dir() else []
EN_PAGES = [s.docname for s in read_toc(BOOK / "_toc.yml")]
#: English pages without their French page yet (their header says so, without a link).
UNTRANSLATED = [d for d in EN_PAGES if source_of(FR_BOOK, d) is None]
NAMES = {lang: t("sphinx_i18n.switch.link", lang=lang) for lang in EDITION_FOLDERS}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
#: Over file:// the links are the same relative links as over http (checked on every page):
#: what file:// adds is resolving them from disk, once per folder depth (the root, book/,
#: notebooks/).
FILE_PAGES = list({docname.rpartition("/")[0]: docname for docname in reversed(FR_PAGES)}.values())


def url_of(lang: str, docname: str) -> str:
    folder = EDITION_FOLDERS[lang]
    return f"{folder + '/' if folder else ''}{docname}.html"


def fail(page, name: str, message: str) -> None:
    pytest.fail(f"{message}\nscreenshot: {screenshot(page, name)}", pytrace=False)


def switch_of(page, other: str):
    """The header link to the other edition, found as a learner's assistive technology would."""
    return page.get_by_role("link", name=NAMES[other], exact=True)


@pytest.fixture(scope="module")
def french_site():
    if not (SITE / "fr" / "index.html").is_file():
        pytest.skip("No French edition in the built site: run `make book` (it builds both).")
    return SITE


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", list(EDITION_FOLDERS))
def test_the_language_link_is_in_sight_and_reachable_with_the_keyboard(
    browser, site_url, french_site, lang, viewport
):
    other = next(o for o in EDITION_FOLDERS if o != lang)
    docname = FR_PAGES[-1]
    page, _visit = open_page(browser, site_url, url_of(lang, docname), VIEWPORTS[viewport])
    try:
        link = switch_of(page, other)
        if link.count() != 1 or not link.is_visible():
            fail(
                page,
                f"switch-{lang}-{viewport}",
                f"{docname} ({lang}, {viewport}): no visible link named {NAMES[other]!r}",
            )
        box, width = link.bounding_box(), VIEWPORTS[viewport]["width"]
        if box["x"] < 0 or box["y"] < 0 or box["x"] + box["width"] > width or box["height"] < 16:
            fail(
                page, f"switch-{lang}-{viewport}", f"the language link is cut or off screen: {box}"
            )
        if link.get_attribute("hreflang") != other or link.get_attribute("lang") != other:
            fail(page, f"switch-{lang}-{viewport}", "the language link lacks hreflang/lang")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate(
                "() => document.activeElement.classList.contains('lessons-edition-switch')"
            ):
                break
        else:
            fail(
                page, f"switch-{lang}-{viewport}", "40 presses of Tab never reach the language link"
            )
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(url_of(other, docname)), page.url
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_the_language_link_leads_to_the_same_page_both_ways(browser, site_url, french_site, scheme):
    base = site_url if scheme == "http" else SITE.resolve().as_uri() + "/"
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        for docname in FR_PAGES if scheme == "http" else FILE_PAGES:
            page.goto(base + url_of("en", docname))
            with page.expect_navigation():
                switch_of(page, "fr").click()
            if (
                not page.url.endswith(url_of("fr", docname))
                or page.locator("html").get_attribute("lang") != "fr"
            ):
                fail(page, f"en-to-fr-{scheme}", f"{docname}: the French link led to {page.url}")
            with page.expect_navigation():
                switch_of(page, "en").click()
            if (
                not page.url.endswith(url_of("en", docname))
                or page.locator("html").get_attribute("lang") != "en"
            ):
                fail(page, f"fr-to-en-{scheme}", f"{docname}: the English link led to {page.url}")
    finally:
        context.close()


def test_an_untranslated_page_says_so_without_a_dead_link(browser, site_url, french_site):
    if not UNTRANSLATED:
        pytest.skip("every English page has its French page")
    page, _visit = open_page(browser, site_url, url_of("en", UNTRANSLATED[0]), PHONE)
    try:
        notice = page.locator(".lessons-edition-switch")
        assert notice.count() == 1 and notice.is_visible()
        assert notice.inner_text().strip() == t("sphinx_i18n.switch.pending", lang="fr")
        assert switch_of(page, "fr").count() == 0, "a link to a French page that does not exist"
    finally:
        page.context.close()


@pytest.mark.parametrize("docname", FR_PAGES)
def test_a_french_page_is_clean_on_a_desktop_and_fits_a_phone(
    browser, site_url, french_site, docname
):
    """The checks every English page passes: console, requests, axe, no sideways scrolling."""
    path = url_of("fr", docname)
    for label, viewport in VIEWPORTS.items():
        page, visit = open_page(browser, site_url, path, viewport)
        try:
            problems = visit.console + [f"failed request {r}" for r in visit.failed_requests]
            problems += [f"request left the site (offline!): {u}" for u in visit.offsite_requests]
            if label == "desktop":
                problems += axe_violations(page)
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                problems.append(f"{scroll} px wide for a {client} px screen")
            if problems:
                fail(page, f"{path}-{label}", f"{path} ({label}):\n{describe(problems)}")
        finally:
            page.context.close()


@pytest.mark.parametrize(
    ("word", "page", "page_title"),
    [("fidèle", "examples", "Six exemples"), ("rentable", "difference", "La différence")],
)
def test_the_french_search_finds_a_page_by_a_french_word_stem(
    browser, site_url, french_site, word, page, page_title
):
    """Neither word is on its page: "fidélité" and "rentabilité" are, and share their stems."""
    html = (SITE / "fr" / "book" / f"{page}.html").read_text(encoding="utf-8")
    assert word not in html
    page, visit = open_page(browser, site_url, f"fr/search.html?q={word}", DESKTOP)
    try:
        results = page.locator("#search-results li")
        try:
            results.first.wait_for(state="visible", timeout=10_000)
        except Exception:
            fail(page, f"search-fr-{word}", f"the French search for {word!r} found nothing")
        titles = results.locator("a").all_inner_texts()
        assert any(page_title in title.replace("\u2019", "'") for title in titles), titles
        assert not visit.console, describe(visit.console)
    finally:
        page.context.close()


def test_a_french_quiz_answers_in_french(browser, site_url, french_site):
    path = url_of("fr", "book/difference")
    page, visit = open_page(browser, site_url, path, PHONE)
    try:
        question = page.locator("form.lq-q[data-lq-type=single]").first
        question.scroll_into_view_if_needed()
        feedback = question.locator(".lq-feedback")
        check = question.get_by_role("button", name=t("quiz.ui.check", lang="fr"))
        right = question.get_attribute("data-lq-correct").split()
        wrong = question.locator("input[type=radio]").evaluate_all(
            "(inputs, right) => inputs.find(i => !right.includes(i.value)).id", right
        )
        question.locator(f"label[for='{wrong}']").click()
        check.click()
        page.wait_for_function(
            "el => el.innerText.trim()", arg=feedback.element_handle(), timeout=3_000
        )
        said = feedback.inner_text()
        expected = t("quiz.ui.incorrect", lang="fr")
        if expected not in said or not re.search(r"Idée fausse", said):
            fail(page, "quiz-fr", f"the French quiz answered {said!r}")
        assert not visit.console, describe(visit.console)
    finally:
        page.context.close()


def test_the_french_pages_are_the_french_sources(french_site):
    """Every page of the French table of contents was built (a guard for the tests above)."""
    missing = [d for d in FR_PAGES if not (SITE / "fr" / f"{d}.html").is_file()]
    assert FR_PAGES and not missing, missing
    assert Path(SITE / "fr" / "search.html").is_file()
