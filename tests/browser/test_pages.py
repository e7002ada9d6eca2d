"""Every page of the book, opened in Chromium: clean console, no failed or offsite request,
described images, no serious accessibility violation, no sideways scrolling on a phone."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe,
    image_problems,
    open_page,
    screenshot,
    toc_pages,
)

pytestmark = pytest.mark.browser

PAGES = toc_pages()


@dataclass
class PageReport:
    """Problems found on one page at desktop width, by check; the screenshot if any."""

    load: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    screenshot: Path | None = None


@pytest.fixture(scope="module")
def desktop_report(browser, site_url):
    """Open each page once at desktop width and run every per-page check on that visit."""
    reports: dict[str, PageReport] = {}

    def report(path: str) -> PageReport:
        if path not in reports:
            page, visit = open_page(browser, site_url, path, DESKTOP)
            try:
                found = PageReport(
                    load=visit.console
                    + [f"failed request {r}" for r in visit.failed_requests]
                    + [
                        f"request left the site (blocked, must work offline): {u}"
                        for u in visit.offsite_requests
                    ],
                    images=image_problems(page),
                    accessibility=axe_violations(page),
                )
                if found.load or found.images or found.accessibility:
                    found.screenshot = screenshot(page, path, "desktop")
            finally:
                page.context.close()
            reports[path] = found
        return reports[path]

    return report


def fail_page(path: str, what: str, problems: list[str], shot: Path | None) -> None:
    pytest.fail(f"{path}: {what}\n{describe(problems)}\nscreenshot: {shot}", pytrace=False)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_error_or_failed_request(desktop_report, path):
    found = desktop_report(path)
    if found.load:
        fail_page(path, "", found.load, found.screenshot)


@pytest.mark.parametrize("path", PAGES)
def test_every_image_has_alt_text(desktop_report, path):
    found = desktop_report(path)
    if found.images:
        fail_page(path, "", found.images, found.screenshot)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(desktop_report, path):
    found = desktop_report(path)
    if found.accessibility:
        fail_page(path, "axe-core found", found.accessibility, found.screenshot)


@pytest.mark.parametrize("path", PAGES)
def test_page_does_not_scroll_sideways_on_a_phone(browser, site_url, path):
    page, _visit = open_page(browser, site_url, path, PHONE)
    try:
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if widths[0] > widths[1]:
            culprits = page.evaluate(WIDEST_JS, widths[1])
            shot = screenshot(page, path, "375px")
            pytest.fail(
                f"{path} at 375 px: page is {widths[0]} px wide for a {widths[1]} px screen.\n"
                f"Elements sticking out:\n{describe(culprits)}\nscreenshot: {shot}",
                pytrace=False,
            )
    finally:
        page.context.close()


# The innermost elements whose right edge passes the screen edge (what to fix).
WIDEST_JS = """
width => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      const inner = Array.from(el.children).some(c => c.getBoundingClientRect().right > width + 1);
      if (!inner) out.push(el.tagName.toLowerCase() + '.' + Array.from(el.classList).join('.')
                          + ' right=' + Math.round(box.right));
    }
  }
  return out.slice(0, 8);
}
"""
