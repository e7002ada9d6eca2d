"""Every page of the book at 375 px: figures and tables fit a phone and read there; the site's
icon is served (issue 15).

One visit per page measures, in Chromium:

* figures: no ``<img>`` wider than the screen, and none inside a box that scrolls sideways;
* figure text: the smallest font of each SVG figure the page shows (the variant the
  ``<picture>`` chose: the image's ``currentSrc``, read back and parsed), as CSS pixels on
  screen: font size in the SVG's units × rendered width / the SVG's ``viewBox`` width. At
  least 10 px;
* tables: no table wider than the box it sits in (columns behind sideways scrolling);
* the page's console and requests at that width (no error, no failed request).

The site's icon: ``/favicon.ico`` at the root is served (a browser asks for it on its own) and
every page links an icon that loads.

Figures inside stored widget snapshots (``.widget-subarea``) are measured for width only:
their text is the live panel's, which the static explorer replaces on the published site.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass, field

import pytest

from .conftest import PHONE, describe, open_page, screenshot, toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()
#: Smallest text a phone figure may draw, CSS px.
MIN_TEXT_PX = 10.0

MEASURE_JS = """
async () => {
  const width = document.documentElement.clientWidth;
  const label = el => el.tagName.toLowerCase()
    + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const scrollsSideways = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (/(auto|scroll)/.test(style.overflowX) && box.scrollWidth > box.clientWidth + 1)
        return label(box);
    }
    return null;
  };
  const figures = [];
  for (const img of document.querySelectorAll('.bd-article img')) {
    const box = img.getBoundingClientRect();
    if (box.width === 0) continue;
    const src = img.currentSrc || img.src;
    const figure = {src: src.slice(0, 70), width: box.width, right: box.right,
                    scroller: scrollsSideways(img),
                    widget: img.closest('.widget-subarea') !== null, svg: null};
    if (/^data:image\\/svg|\\.svg($|\\?)/.test(src)) {
      const text = await (await fetch(src)).text();
      const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
      const viewBox = (svg.getAttribute('viewBox') || '').trim().split(/[\\s,]+/).map(Number);
      const units = viewBox.length === 4 ? viewBox[2] : parseFloat(svg.getAttribute('width'));
      const sizes = [];
      for (const node of svg.querySelectorAll('text, tspan')) {
        const style = (node.getAttribute('style') || '') + ';';
        let found = style.match(/font-size:\\s*([\\d.]+)(px|pt)?/)
          || style.match(/font:\\s*(?:[a-z-]+\\s+)*([\\d.]+)(px|pt)?/);
        let size = found ? parseFloat(found[1]) : parseFloat(node.getAttribute('font-size'));
        if (!isNaN(size) && node.textContent.trim()) sizes.push(size);
      }
      figure.svg = {units, smallest: sizes.length ? Math.min(...sizes) : null};
      if (figure.svg.smallest !== null)
        figure.svg.px = figure.svg.smallest * box.width / units;
    }
    figures.push(figure);
  }
  const tables = [];
  for (const table of document.querySelectorAll('.bd-article table')) {
    const box = table.getBoundingClientRect();
    if (box.width === 0) continue;
    const holder = table.parentElement;
    tables.push({table: label(table), width: box.width, right: box.right,
                 holder: holder.clientWidth, scroller: scrollsSideways(table),
                 head: (table.querySelector('th') || {}).textContent || ''});
  }
  const link = document.querySelector('link[rel~="icon"]');
  let icon = 'no <link rel="icon">';
  if (link) {
    const response = await fetch(link.href);
    icon = response.ok ? null : link.href + ': HTTP ' + response.status;
  }
  return {width, figures, tables, icon};
}
"""


@dataclass
class PhoneReport:
    """What one page at 375 px showed: problems by check, and the screenshot if any."""

    load: list[str] = field(default_factory=list)
    wide_figures: list[str] = field(default_factory=list)
    small_text: list[str] = field(default_factory=list)
    wide_tables: list[str] = field(default_factory=list)
    icon: list[str] = field(default_factory=list)
    shot: object = None


def _check(measured: dict) -> PhoneReport:
    found = PhoneReport(icon=[measured["icon"]] if measured["icon"] else [])
    width = measured["width"]
    for fig in measured["figures"]:
        if fig["right"] > width + 1 or fig["scroller"]:
            found.wide_figures.append(
                f"figure {fig['src']}... is {fig['width']:.0f} px wide (right edge "
                f"{fig['right']:.0f} px on a {width} px screen; scrolling box: {fig['scroller']})"
            )
        svg = fig["svg"]
        if svg and not fig["widget"] and svg.get("px") is not None and svg["px"] < MIN_TEXT_PX:
            found.small_text.append(
                f"figure {fig['src']}... draws text at {svg['px']:.1f} CSS px (font "
                f"{svg['smallest']} in an SVG {svg['units']} wide shown {fig['width']:.0f} px)"
            )
    for table in measured["tables"]:
        if table["width"] > table["holder"] + 1 or table["scroller"] or table["right"] > width + 1:
            found.wide_tables.append(
                f"{table['table']} (first header {table['head'][:30]!r}) is "
                f"{table['width']:.0f} px wide in a {table['holder']} px box "
                f"(scrolling box: {table['scroller']})"
            )
    return found


@pytest.fixture(scope="module")
def phone_report(browser, site_url):
    """Open each page once at 375 px and measure its figures and tables on that visit."""
    reports: dict[str, PhoneReport] = {}

    def report(path: str) -> PhoneReport:
        if path not in reports:
            page, visit = open_page(browser, site_url, path, PHONE)
            try:
                found = _check(page.evaluate(MEASURE_JS))
                found.load = visit.console + [f"failed request {r}" for r in visit.failed_requests]
                if found.load or found.wide_figures or found.small_text or found.wide_tables:
                    found.shot = screenshot(page, path, "phone")
            finally:
                page.context.close()
            reports[path] = found
        return reports[path]

    return report


def _fail(path: str, what: str, problems: list[str], shot) -> None:
    pytest.fail(f"{path} at 375 px: {what}\n{describe(problems)}\nscreenshot: {shot}", False)


@pytest.mark.parametrize("path", PAGES)
def test_no_figure_is_wider_than_a_phone(phone_report, path):
    found = phone_report(path)
    if found.wide_figures:
        _fail(path, "figures wider than the screen", found.wide_figures, found.shot)


@pytest.mark.parametrize("path", PAGES)
def test_figure_text_reads_at_10_css_px_on_a_phone(phone_report, path):
    found = phone_report(path)
    if found.small_text:
        _fail(path, f"figure text under {MIN_TEXT_PX} CSS px", found.small_text, found.shot)


@pytest.mark.parametrize("path", PAGES)
def test_no_table_hides_columns_on_a_phone(phone_report, path):
    found = phone_report(path)
    if found.wide_tables:
        _fail(path, "tables wider than their box", found.wide_tables, found.shot)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_error_or_failed_request_on_a_phone(phone_report, path):
    found = phone_report(path)
    if found.load:
        _fail(path, "console or requests", found.load, found.shot)


def test_the_site_root_serves_a_favicon(site_url):
    with urllib.request.urlopen(site_url + "favicon.ico") as response:
        assert response.status == 200
        body = response.read()
    assert body[:4] == b"\x00\x00\x01\x00", "favicon.ico is not an ICO file"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_links_an_icon_that_loads(phone_report, path):
    found = phone_report(path)
    if found.icon:
        _fail(path, "the site's icon", found.icon, found.shot)
