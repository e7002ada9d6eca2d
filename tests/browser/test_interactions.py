"""What a learner does on the built site, done in Chromium: look at a scenario's widget and
figure, answer a quiz, open an exercise solution, search, and page through the book."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from .conftest import (
    DESKTOP,
    PHONE,
    SITE,
    describe,
    open_page,
    scenario_pages,
    screenshot,
    toc_pages,
)

pytestmark = pytest.mark.browser


def pages_containing(pattern: str) -> list[str]:
    """Pages of the book (``_toc.yml`` order) whose built HTML matches ``pattern``."""
    found = []
    for path in toc_pages():
        html_file = SITE / path
        if html_file.is_file() and re.search(pattern, html_file.read_text(encoding="utf-8")):
            found.append(path)
    return found


def fail_with_screenshot(page, name: str, message: str) -> None:
    shot = screenshot(page, name)
    pytest.fail(f"{message}\nscreenshot: {shot}", pytrace=False)


@pytest.mark.parametrize("path", scenario_pages())
def test_scenario_page_shows_its_widget_and_figure(browser, site_url, path):
    for viewport, label in ((DESKTOP, "desktop"), (PHONE, "375px")):
        page, _visit = open_page(browser, site_url, path, viewport)
        try:
            # The panel on the site is its explorer (lessons.sphinx_explorer): native sliders.
            sliders = page.locator("section.lx input[type=range]")
            if not sliders.count() or not sliders.first.is_visible():
                fail_with_screenshot(
                    page, f"{path}-{label}", f"{path} ({label}): no rendered slider widget."
                )
            figures = page.evaluate(
                """() => Array.from(document.querySelectorAll('article img')).filter(img =>
                     img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0
                   ).map(img => img.closest('.lx-figure') ? 'widget' : 'page')"""
            )
            if "page" not in figures:
                fail_with_screenshot(
                    page, f"{path}-{label}", f"{path} ({label}): no static figure displayed."
                )
            if "widget" not in figures:
                fail_with_screenshot(
                    page,
                    f"{path}-{label}",
                    f"{path} ({label}): the live panel's snapshot shows no figure.",
                )
            # kept for review even when it passes: what a learner sees
            screenshot(page, path, label)
        finally:
            page.context.close()


QUIZ = '[class*="quiz" i]'
# A single-choice question: a form holding radio buttons (src/lessons/sphinx_quiz.py renders one
# <form> per question, a <label> per option, feedback in an aria-live region).
QUESTION = 'form:has(input[type="radio"])'


def test_every_quiz_answers_on_click(browser, site_url):
    pages = pages_containing(r'class="[^"]*quiz')
    assert pages, "no page of the book shows a quiz (no element with a 'quiz' class)"
    for path in pages:
        page, visit = open_page(browser, site_url, path, DESKTOP)
        try:
            question = page.locator(QUIZ).locator(QUESTION).first
            if not question.count():
                fail_with_screenshot(page, f"{path}-quiz", f"{path}: no single-choice question.")
            question.scroll_into_view_if_needed()
            feedback = question.locator("[aria-live]").first
            before = feedback.inner_text() if feedback.count() else ""
            question.locator('label:has(input[type="radio"]), label[for]').first.click()
            question.get_by_role("button").first.click()  # "Check answer"
            try:
                page.wait_for_function(
                    "([el, before]) => el.innerText.trim() && el.innerText !== before",
                    arg=[feedback.element_handle(), before],
                    timeout=3_000,
                )
            except Exception:
                fail_with_screenshot(
                    page,
                    f"{path}-quiz",
                    f"{path}: choosing an answer and pressing the button showed no feedback.",
                )
            assert not visit.console, describe(visit.console)
        finally:
            page.context.close()


def test_an_exercise_solution_opens(browser, site_url):
    pages = pages_containing(r'class="solution[^"]*dropdown')
    assert pages, "no page of the book has an exercise solution in a dropdown"
    path = pages[0]
    page, _visit = open_page(browser, site_url, path, DESKTOP)
    try:
        solution = page.locator(".solution.dropdown").first
        body = solution.locator("section, .admonition-body, p:not(.admonition-title)").first
        if body.is_visible():
            fail_with_screenshot(page, f"{path}-solution", f"{path}: solution shown before click.")
        # the chevron button ("Click to show"); the title itself holds a link to the exercise
        solution.locator(".toggle-button, summary").first.click()
        try:
            body.wait_for(state="visible", timeout=3_000)
        except Exception:
            fail_with_screenshot(
                page, f"{path}-solution", f"{path}: the solution did not open on click."
            )
    finally:
        page.context.close()


def test_search_finds_turnover(browser, site_url):
    page, visit = open_page(browser, site_url, "search.html?q=turnover", DESKTOP)
    try:
        results = page.locator("#search-results li")
        try:
            results.first.wait_for(state="visible", timeout=10_000)
        except Exception:
            fail_with_screenshot(page, "search-turnover", "search for 'turnover' found nothing.")
        assert not visit.console, describe(visit.console)
    finally:
        page.context.close()


def test_next_and_previous_links_follow_the_table_of_contents(browser, site_url):
    pages = toc_pages()
    page, _visit = open_page(browser, site_url, pages[0], DESKTOP)
    try:
        visited = [pages[0]]
        while len(visited) < len(pages) + 1:
            following = page.locator("a.right-next")
            if not following.count():
                break
            following.first.click()
            page.wait_for_load_state("load")
            visited.append(urlparse(page.url).path.lstrip("/"))
        if visited != pages:
            fail_with_screenshot(
                page,
                "next-links",
                "Following 'Next' from the first page visits:\n"
                + describe(visited)
                + "\nbut _toc.yml lists:\n"
                + describe(pages),
            )
        page.locator("a.left-prev").first.click()
        page.wait_for_load_state("load")
        back = urlparse(page.url).path.lstrip("/")
        if len(pages) > 1 and back != pages[-2]:
            fail_with_screenshot(
                page, "previous-link", f"'Previous' from {pages[-1]} goes to {back}."
            )
    finally:
        page.context.close()
