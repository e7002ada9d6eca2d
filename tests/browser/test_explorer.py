"""The explorers on the built site, in Chromium: every enabled control moves the figure and the
table, the numbers shown are the package's for those settings, over http and from disk, the
fixed controls say why, nothing leaves the site, axe finds nothing serious, and the page is
light (no widget manager, states loaded on demand)."""

from __future__ import annotations

import random
import re
from html import unescape

import pandas as pd
import pytest

from lessons import accounts, kpis, scenarios
from lessons import format as fmt
from lessons.explorer.grids import EXPLORERS, grid
from lessons.explorer.panels import site_panel
from lessons.explorer.views import ScorecardViews, builder_history
from lessons.i18n import t
from lessons.samples import load_sample_portfolio

from .conftest import (
    DESKTOP,
    PHONE,
    SITE,
    axe_violations,
    describe,
    open_page,
    screenshot,
    toc_pages,
)

pytestmark = pytest.mark.browser

#: The table slot each explorer's numbers are read from.
TABLE_PART = {
    **{name: "kpis" for name in scenarios.SCENARIOS},
    "portfolio": "tables",
    "kpi_builder": "history",
    "scorecard": "scorecard",
}
#: Plain pages of prose (no figure, no panel) to weigh an explorer page against: one without
#: a formula, and one whose formulas load MathJax as some panel pages do (the startup
#: chapter's): MathJax (1.2 MB) comes with the page's mathematics, not with its panel.
TEXT_PAGE = "book/difference.html"
TEXT_PAGE_WITH_MATH = "book/welcome.html"
#: How much more a panel page may load than a text page (decoded bytes).
EXTRA_BYTES = 1_000_000


def explorer_pages() -> dict[str, str]:
    """The page of each explorer, from the built HTML (``data-lx="<name>"``)."""
    found = {}
    for path in toc_pages():
        html_file = SITE / path
        if html_file.is_file():
            for name in re.findall(
                r'<section class="lx" [^>]*data-lx="(\w+)"', html_file.read_text(encoding="utf-8")
            ):
                found[name] = path
    return found


PAGES = explorer_pages()


def test_every_panel_of_the_course_has_its_explorer_on_the_site():
    if not PAGES:
        pytest.skip("no built site with explorers (run `make book`)")
    assert sorted(PAGES) == sorted(EXPLORERS)


SHOWN_JS = """
section => ({
  shown: section.getAttribute('data-lx-shown'),
  figures: Array.from(section.querySelectorAll('.lx-figure')).map(slot =>
    slot.hidden ? '' : (slot.querySelector('img') || {}).src || ''),
  parts: Object.fromEntries(Array.from(section.querySelectorAll('.lx-html')).map(slot =>
    [slot.dataset.lxPart, slot.innerHTML])),
  status: section.querySelector('.lx-status').textContent,
  message: section.querySelector('.lx-message').textContent,
  positions: Array.from(section.querySelectorAll('[data-lx-control]')).map(i => +i.value),
  strides: JSON.parse(section.querySelector('.lx-config').textContent).strides,
})
"""

LOADED_JS = """
([section, index]) => section.getAttribute('data-lx-shown') === String(index) &&
  Array.from(section.querySelectorAll('.lx-figure:not([hidden]) img')).every(
    img => img.complete && img.naturalWidth > 0)
"""


def _section(page):
    return page.locator("section.lx").first


def _shown(page) -> dict:
    return _section(page).evaluate(SHOWN_JS)


def _index(shown: dict) -> int:
    return sum(p * s for p, s in zip(shown["positions"], shown["strides"], strict=True))


def _wait_for_state(page, index: int) -> dict:
    handle = _section(page).element_handle()
    page.wait_for_function(LOADED_JS, arg=[handle, index], timeout=10_000)
    return _shown(page)


def _press(page, control, at_end: bool) -> None:
    kind = control.evaluate("el => el.tagName")
    key = (
        ("ArrowLeft" if at_end else "ArrowRight")
        if kind == "INPUT"
        else ("ArrowUp" if at_end else "ArrowDown")
    )
    control.focus()
    control.press(key)


def _set_positions(page, positions: list[int]) -> dict:
    """Put the controls at ``positions`` the way a learner's change does (value + event)."""
    _section(page).evaluate(
        """(section, positions) => {
             const inputs = Array.from(section.querySelectorAll('[data-lx-control]'));
             inputs.forEach((input, i) => { input.value = String(positions[i]); });
             const last = inputs[inputs.length - 1];
             last.dispatchEvent(new Event(last.tagName === 'SELECT' ? 'change' : 'input'));
           }""",
        positions,
    )
    index = _index({**_shown(page), "positions": positions})
    return _wait_for_state(page, index)


# ----------------------------------------------------------------------------- expectations


def _cells(html: str) -> list[list[str]]:
    """The text of every body cell of the tables in ``html``, row by row."""
    bodies = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)
    rows = [row for body in bodies for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [
        [unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in cell.findall(row)]
        for row in rows
    ]


def _kpi_rows(table: pd.DataFrame) -> list[list[str]]:
    """The rows a learner reads in a KPI table: label, scope, value, target, status."""
    rows = []
    for row in table.to_dict("records"):
        value, target = fmt.value_and_target(row["value"], row["target"], row["unit"])
        # a band (the consultants' utilisation, 70–80 %) reads as the band, with no arrow
        arrow = {"higher": "≥ ", "lower": "≤ "}.get(row["direction"], "")
        rows.append(
            [
                row["kpi"],
                t("format.scope." + row["scope"]),
                value,
                f"{arrow}{target}",
                fmt.status_label(row["status"]),
            ]
        )
    return rows


def expected_rows(name: str, values: dict) -> list[list[str]]:
    """What the table must say for these settings, computed with the package's computation
    modules (not with the explorer)."""
    if name in scenarios.SCENARIOS:
        module = scenarios.load(name)
        params = module.Params(**values)
        return _kpi_rows(module.kpi_table(module.simulate(params, seed=0), params))
    if name == "scorecard":
        from lessons.scorecard import DEFAULT_TARGETS, account_scorecard

        targets = {
            **DEFAULT_TARGETS,
            "on_time_rate": values["on_time_rate"],
            "revenue_share": values["revenue_share"],
        }
        card = account_scorecard(ScorecardViews().history, targets, values["tolerance"])
        mine = card[card["account"] == values["account"]]
        return _kpi_rows(mine.assign(kpi=mine["label"], scope="key_account"))
    if name == "kpi_builder":
        kpi = site_panel("kpi_builder").kpi(values)
        history = builder_history(kpi.unit, kpi.direction.value, 0)
        statuses = kpis.status_series(history, kpi.target, kpi.direction.value, values["tolerance"])
        return [
            [t("format.table.value"), *(fmt.value(float(v), kpi.unit) for v in history)],
            [t("format.table.status"), *(fmt.status_label(s) for s in statuses)],
        ]
    portfolio = load_sample_portfolio()
    if values["remove"]:
        portfolio = portfolio[portfolio["account"] != values["remove"]]
    weights = {c: 5.0 for c in accounts.CRITERIA} | {"revenue": values["w_revenue"]}
    scores = accounts.key_account_score(portfolio, weights)
    table = accounts.pareto_table(portfolio.set_index("account")["revenue"])
    rows = []
    for account, row in table.head(12).iterrows():
        rows.append(
            [
                str(account),
                fmt.integer(row["rank"]),
                fmt.money(float(row["revenue"])),
                fmt.percent(float(row["share"])),
                fmt.percent(float(row["cumulative_share"])),
                str(row["abc_class"]),
                fmt.number(scores.loc[account, "score"], 0),
                fmt.integer(scores.loc[account, "rank"]),
            ]
        )
    return rows


def _table_rows(name: str, shown: dict) -> list[list[str]]:
    return _cells(shown["parts"][TABLE_PART[name]])


def sampled_states(name: str, count: int = 3) -> list[int]:
    """A few states of the explorer, drawn with a seed (the same every run)."""
    g = grid(name)
    return random.Random(f"explorer-{name}").sample(range(g.size), count)


def _check_numbers(page, name: str, shown: dict, where: str) -> None:
    values = grid(name).values_at(int(shown["shown"]))
    if shown["message"]:
        with pytest.raises(ValueError):
            scenarios.load(name).Params(**values)
        return
    expected = expected_rows(name, values)
    got = _table_rows(name, shown)[: len(expected)]
    if got != expected:
        shot = screenshot(page, f"explorer-{name}-{where}")
        pytest.fail(
            f"{name} ({where}), state {shown['shown']} {values}: the table shows\n"
            f"{describe([' | '.join(r) for r in got])}\nwhere the package computes\n"
            f"{describe([' | '.join(r) for r in expected])}\nscreenshot: {shot}",
            pytrace=False,
        )


# ----------------------------------------------------------------------------- over http


@pytest.fixture(scope="module")
def visits(browser, site_url):
    """Open each explorer page once at desktop width; keep the page for the checks."""
    opened = {}
    yield (
        lambda name: (
            opened.get(name)
            or opened.setdefault(name, open_page(browser, site_url, PAGES[name], DESKTOP))
        )
    )
    for page, _visit in opened.values():
        page.context.close()


def _require(name: str) -> None:
    if name not in PAGES:
        pytest.skip(f"no built page with the {name} explorer (run `make book`)")


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_enabled_control_moved_by_keyboard_changes_the_figure_and_the_table(visits, name):
    _require(name)
    page, _visit = visits(name)
    controls = _section(page).locator("[data-lx-control]")
    assert controls.count() >= 2
    for i in range(controls.count()):
        control = controls.nth(i)
        before = _shown(page)
        steps = int(control.evaluate("el => el.max || el.options.length - 1"))
        at_end = before["positions"][i] >= steps
        _press(page, control, at_end)
        moved = _shown(page)
        assert moved["positions"] != before["positions"], f"{name}: control {i} did not move"
        after = _wait_for_state(page, _index(moved))
        name_of = control.get_attribute("data-lx-control")
        if after["message"]:
            pytest.fail(f"{name}: one step of {name_of} from the default is a refused state")
        assert after["figures"] != before["figures"], f"{name}: {name_of} left the figure"
        part = TABLE_PART[name]
        assert after["parts"][part] != before["parts"][part], f"{name}: {name_of} left the table"
        _press(page, control, not at_end)  # back to the default
        _wait_for_state(page, _index(before))


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_numbers_shown_are_the_packages_for_sampled_states(visits, name):
    _require(name)
    page, _visit = visits(name)
    _check_numbers(page, name, _shown(page), "default")
    g = grid(name)
    for index in sampled_states(name):
        shown = _set_positions(page, list(g.positions(index)))
        assert int(shown["shown"]) == index
        _check_numbers(page, name, shown, f"state {index}")


@pytest.mark.parametrize("name", EXPLORERS)
def test_fixed_controls_are_disabled_and_say_why(visits, name):
    _require(name)
    page, _visit = visits(name)
    fixed = _section(page).locator("[data-lx-fixed]")
    assert fixed.count() == len(grid(name).fixed)
    reasons = {t("explorer.fixed.reason"), t("explorer.fixed.reason_example")}
    for i in range(fixed.count()):
        field = fixed.nth(i)
        assert field.is_disabled()
        reason = page.locator("#" + field.get_attribute("aria-describedby")).inner_text()
        assert reason in reasons and field.is_visible()


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_page_is_clean_light_and_accessible_after_a_change(browser, site_url, name):
    _require(name)
    page, visit = open_page(browser, site_url, PAGES[name], DESKTOP)
    try:
        loaded = _decoded_bytes(page)
        text = TEXT_PAGE_WITH_MATH if _loads_mathjax(page) else TEXT_PAGE
        text_page, _ = open_page(browser, site_url, text, DESKTOP)
        text_bytes = _decoded_bytes(text_page)
        assert _loads_mathjax(text_page) == _loads_mathjax(page), f"{text}: no longer comparable"
        text_page.context.close()
        assert loaded <= text_bytes + EXTRA_BYTES, (
            f"{name}: the page loads {loaded:,} bytes, the text page {text} {text_bytes:,}"
        )
        scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.src)")
        assert not [s for s in scripts if "embed-amd" in s or "require.js" in s]
        controls = _section(page).locator("[data-lx-control]")
        _press(page, controls.first, False)
        _wait_for_state(page, _index(_shown(page)))
        problems = (
            visit.console
            + visit.failed_requests
            + [f"left the site: {u}" for u in visit.offsite_requests]
        )
        problems += axe_violations(page)
        if problems:
            shot = screenshot(page, f"explorer-{name}")
            pytest.fail(f"{name}:\n{describe(problems)}\nscreenshot: {shot}", pytrace=False)
    finally:
        page.context.close()


def _loads_mathjax(page) -> bool:
    return page.evaluate(
        "() => performance.getEntriesByType('resource').some(r => r.name.includes('/mathjax/'))"
    )


def _decoded_bytes(page) -> int:
    return page.evaluate(
        """() => {
             const [nav] = performance.getEntriesByType('navigation');
             return performance.getEntriesByType('resource').reduce(
               (sum, r) => sum + (r.decodedBodySize || 0), nav ? nav.decodedBodySize : 0);
           }"""
    )


# ----------------------------------------------------------------------------- from disk


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_explorer_works_opened_from_disk(browser, name):
    _require(name)
    context = browser.new_context(viewport=PHONE if name == "restaurant" else DESKTOP)
    outside: list[str] = []
    errors: list[str] = []

    def block(route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), block)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: r.url not in outside and errors.append(r.url))
    try:
        page.goto((SITE / PAGES[name]).as_uri(), wait_until="load")
        before = _shown(page)
        control = _section(page).locator("[data-lx-control]").first
        _press(page, control, False)
        after = _wait_for_state(page, _index(_shown(page)))
        assert after["figures"] != before["figures"]
        _check_numbers(page, name, after, "file")
        index = sampled_states(name, 1)[0]
        _check_numbers(page, name, _set_positions(page, list(grid(name).positions(index))), "file")
        assert not outside, f"{name} from disk asked for {outside}"
        assert not errors, f"{name} from disk: {errors}"
        screenshot(page, f"explorer-{name}-file")
    finally:
        context.close()
