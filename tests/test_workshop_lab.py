"""The workshop deck as a trainer presents it: JupyterLab, Run All, then RISE's slideshow.

Starts a throwaway JupyterLab (tests/lab_driver.py: 127.0.0.1, free port, token disabled for
this test server only, a copy of the notebooks), opens ``workshop.ipynb`` in Chromium, runs all
cells, opens *View › Render as Reveal Slideshow* (jupyterlab-rise), advances through the slides
with the keyboard to the software company's slide and runs its panel cell there, in the kernel.

Known limit, checked rather than hidden: jupyterlab-rise 0.43.1 (the latest release) runs the
slideshow in its own app, built on JupyterLab 4.3 packages; the ipywidgets manager of
JupyterLab 4.6 (jupyterlab_widgets 3.0.17) needs 4.6 packages and ``@jupyterlab/console``, so
it does not load there and a panel shows as its text repr in the slideshow (upstream issues
jupyterlab-contrib/rise#119 and #126). The panel stays live in the notebook beside the
slideshow. The test that the panel draws as a widget in the slideshow is a strict xfail: it
turns red the day an upgrade fixes it, so the guide can then be simplified.
"""

from __future__ import annotations

import pytest
from lab_driver import REPO, LabError, lab_page, open_notebook, start_lab, wait_run_all_done
from real_browser import require_chromium
from test_workshop_deck import _kind, deck_cells, deck_steps

DECK = "workshop.ipynb"
ARTIFACTS = REPO / "test-artifacts"
PANEL_SLIDE = "The software company and its bank, live"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_PRESENT = """() => {
  const slide = document.querySelector('.reveal .slides > section.present');
  const current = slide && (slide.querySelector('section.present') || slide);
  return current ? current.innerText : '';
}"""
_PROMPT = """() => {
  const slide = document.querySelector('.reveal .slides > section.present');
  const prompt = slide && slide.querySelector('.jp-CodeCell .jp-InputPrompt');
  return prompt ? prompt.innerText : null;
}"""


def _advance_to(frame, page, title: str, presses: int = 80) -> int:
    """Press the right arrow until the present slide shows ``title``; how many times the slide
    changed on the way.

    On a loaded machine a press can land before the slideshow has the focus again: when the
    slide did not change, the slideshow is given the focus back before the next press (that
    press is not counted as a move).
    """
    shown, moves = None, 0
    for _ in range(presses + 1):
        present = frame.evaluate(_PRESENT)
        if shown is not None and present != shown:
            moves += 1
        if title in present:
            return moves
        if present == shown:
            frame.locator(".reveal").first.focus()
        shown = present
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(400)
    raise LabError(f"no slide showed {title!r} after {presses} presses")


def _go_home(frame, page, tries: int = 10) -> str:
    """Go to the first slide (Home), giving the slideshow the focus again until a press lands
    (under load the first presses can reach JupyterLab instead); the first slide's text."""
    for _ in range(tries):
        page.keyboard.press("Home")
        page.wait_for_timeout(500)
        if frame.evaluate(
            "() => { const s = document.querySelectorAll('.reveal .slides > section');"
            " return s.length > 0 && s[0].classList.contains('present'); }"
        ):
            break
        frame.locator(".reveal").first.focus()
    return frame.evaluate(_PRESENT)


def _rise_frame(page, seconds: int = 60):
    """The slideshow's frame, once the iframe has navigated to RISE's page."""
    for _ in range(seconds * 2):
        frames = [f for f in page.frames if "/rise/" in f.url]
        if frames:
            return frames[0]
        page.wait_for_timeout(500)
    raise LabError(f"the RISE slideshow did not open within {seconds} s")


@pytest.fixture(scope="module")
def slideshow(tmp_path_factory):
    """What a trainer's session showed: slides, the way through them, the panel slide's run."""
    require_chromium()
    seen: dict = {}
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "lab-workshop-slideshow.png"
    try:
        with (
            start_lab(tmp_path_factory.mktemp("lab")) as lab,
            lab_page(lab.base, shot=shot) as (page, errors),
        ):
            open_notebook(page, lab.base, DECK, "slides")
            wait_run_all_done(page)
            # The slideshow opens at the selected cell, the last one after Run All: select the
            # first cell, so it opens at the beginning.
            page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-InputPrompt").click()
            page.get_by_role("menuitem", name="View", exact=True).click()
            page.get_by_role("menuitem", name="Render as Reveal Slideshow").click()
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('iframe'))"
                ".some(f => f.src.includes('/rise/'))",
                timeout=60_000,
            )
            frame = _rise_frame(page)
            frame.wait_for_function(
                "() => document.querySelectorAll('.reveal .slides > section').length > 0",
                timeout=120_000,
            )
            seen["slides"] = frame.evaluate(
                "() => document.querySelectorAll('.reveal .slides > section').length"
            )
            frame.locator(".reveal").first.click()
            frame.evaluate("() => window.scrollTo(0, 0)")
            seen["first"] = _go_home(frame, page)
            seen["presses"] = _advance_to(frame, page, PANEL_SLIDE)
            before = frame.evaluate(_PROMPT)
            frame.locator(
                ".reveal .slides > section.present .jp-CodeCell .jp-InputArea-editor"
            ).first.click()
            page.keyboard.press("Shift+Enter")
            frame.wait_for_function(
                f"before => ({_PROMPT})() !== before && !({_PROMPT})().includes('*')",
                arg=before,
                timeout=120_000,
            )
            seen["prompts"] = (before, frame.evaluate(_PROMPT))
            page.wait_for_timeout(2000)
            seen["present"] = frame.evaluate(_PRESENT)
            seen["sliders"] = frame.evaluate(
                "() => document.querySelectorAll('.reveal section.present .widget-slider').length"
            )
            seen["errors"] = list(errors)
    except LabError as error:
        pytest.fail(str(error), pytrace=False)
    return seen


def test_the_deck_opens_as_a_slideshow_in_jupyterlab(slideshow):
    assert slideshow["slides"] == len(deck_steps())
    assert "Our key KPI is the bank." in slideshow["first"]
    assert not slideshow["errors"], slideshow["errors"]


def _slides_before_panel() -> int:
    """How many slides come between the first slide and the panel's, in the deck's order."""
    slides = [c for c in deck_cells() if _kind(c) == "slide"]
    return next(i for i, c in enumerate(slides) if PANEL_SLIDE in "".join(c["source"]))


def test_the_slideshow_advances_to_the_panel_slide_and_runs_it_in_the_kernel(slideshow):
    # The right arrow moves from slide to slide (a slide's fragments are shown with it), in
    # the deck's order: one move per slide between the first and the panel's.
    assert slideshow["presses"] == _slides_before_panel()
    before, after = slideshow["prompts"]
    assert before != after, "the panel cell did not run again from the slideshow"
    assert "ScenarioPanel" in slideshow["present"] or slideshow["sliders"]


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,  # only the missing widget: a session that broke earlier fails
    reason="jupyterlab-rise 0.43.1 cannot load the ipywidgets manager of JupyterLab 4.6 "
    "(jupyterlab-contrib/rise#119, #126): panels show as text in the slideshow",
)
def test_the_panel_draws_as_a_live_widget_in_the_slideshow(slideshow):
    assert slideshow["sliders"] > 0
