"""A trainer's session, for real: JupyterLab, a scenario notebook, Run All, move a slider.

Starts a throwaway JupyterLab on 127.0.0.1 (free port; token disabled for this test server
only, which listens on the loopback interface and stops with the test), opens a copy of
``notebooks/scenario_restaurant.ipynb`` in Chromium, runs all cells, drags the first slider of
the live panel and checks that the figure and the KPI table redraw: the kernel round trip the
static site cannot show. A screenshot after the slider moved is saved under test-artifacts/.

The repository's notebooks are never modified: the notebooks folder is copied to a temporary
directory first (running cells in JupyterLab saves the notebook). How JupyterLab is started and
a notebook opened and run lives in ``tests/lab_driver.py``, shared with the browser benchmark.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from lab_driver import NOTEBOOKS, REPO, LabError, lab_page, open_notebook, start_lab, wait_idle
from real_browser import require_chromium

SCENARIO = "scenario_restaurant.ipynb"
ARTIFACTS = REPO / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the notebooks; yields (base URL, scenario notebook name)."""
    require_chromium()
    try:
        with start_lab(tmp_path_factory.mktemp("lab")) as server:
            yield server.base, SCENARIO
    except LabError as error:
        pytest.fail(str(error), pytrace=False)


PANEL_STATE_JS = """
() => {
  const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'))
    .filter(o => o.querySelector('.widget-slider'));
  if (!outputs.length) return null;
  const panel = outputs[0];
  return {
    images: Array.from(panel.querySelectorAll('img')).map(i => i.src),
    tables: Array.from(panel.querySelectorAll('table')).map(t => t.innerText),
    slider: panel.querySelector('.widget-slider .widget-readout')?.innerText ?? null,
  };
}
"""


@contextmanager
def lab_notebook(base: str, notebook: str, workspace: str, shot: Path):
    """Chromium on JupyterLab with ``notebook`` open and every cell run (Run > Run All).

    Yields ``(page, errors)``; on leaving, asserts no page error. ``shot`` is saved on leaving,
    also when the test failed.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    with lab_page(base, shot=shot) as (page, errors):
        open_notebook(page, base, notebook, workspace)
        yield page, errors
        assert not errors, errors


def test_moving_a_slider_redraws_the_figure_and_the_kpi_table(lab):
    base, name = lab
    shot = ARTIFACTS / f"lab-{Path(name).stem}-after-slider.png"
    with lab_notebook(base, name, "slider", shot) as (page, _errors):
        page.locator(".jp-OutputArea-output .widget-slider").first.wait_for(
            state="attached", timeout=180_000
        )
        wait_idle(page, 180_000)
        page.wait_for_function(
            f"() => {{ const s = ({PANEL_STATE_JS})(); return s && s.images.length > 0; }}",
            timeout=60_000,
        )
        before = page.evaluate(PANEL_STATE_JS)
        assert before["tables"], f"the live panel shows no KPI table: {before}"

        handle = page.locator(".jp-OutputArea-output .widget-slider [role='slider']").first
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 80, box["y"] + box["height"] / 2, steps=8)
        page.mouse.up()
        # let the kernel finish every redraw the drag asked for
        page.wait_for_timeout(500)
        wait_idle(page)

        page.wait_for_function(
            f"""before => {{ const s = ({PANEL_STATE_JS})();
                 return s && s.images.length > 0 && s.images.join() !== before.images.join()
                   && s.tables.join() !== before.tables.join(); }}""",
            arg=before,
            timeout=60_000,
        )
        after = page.evaluate(PANEL_STATE_JS)
        assert after["slider"] != before["slider"], (before["slider"], after["slider"])


ASSESSMENT = "self_assessment.ipynb"


def test_the_final_assessment_scores_in_jupyterlab(lab):
    """A learner's self-check, live: Run All on the final assessment shows the score and the
    per-topic breakdown of the worked attempt; the quiz panel checks a typed answer (feedback
    and running score, through the kernel); the learner's own breakdown then counts it."""
    base, _ = lab
    if not (NOTEBOOKS / ASSESSMENT).is_file():
        pytest.fail(f"notebooks/{ASSESSMENT} is missing", pytrace=False)
    shot = ARTIFACTS / "lab-self_assessment-after-answer.png"
    with lab_notebook(base, ASSESSMENT, "assessment", shot) as (page, _errors):
        first_choice = page.locator(".jp-OutputArea-output .widget-radio-box input").first
        first_choice.wait_for(state="attached", timeout=180_000)
        wait_idle(page, 180_000)

        # the worked attempt, scored by the kernel: total and per-topic breakdown
        outputs = page.locator(".jp-OutputArea-output")
        assert outputs.filter(has_text="Score: 15.93 / 20").count() == 1
        assert outputs.filter(has_text="Weak topic").count() >= 1
        assert outputs.filter(has_text="What is a Key Account").count() >= 1

        # the live panel: question 14 asks for a retention rate in % (150 of 200: 75 %)
        next_button = page.get_by_role("button", name="Next question").first
        for number in range(2, 15):
            next_button.click()
            outputs.filter(has_text=f"Question {number} of 20").first.wait_for(timeout=30_000)
        panel_input = page.locator(".jp-OutputArea-output .widget-text input").first
        panel_input.scroll_into_view_if_needed()
        panel_input.fill("75,0 %")
        page.get_by_role("button", name="Check answer").first.click()
        outputs.filter(has_text="Correct.").first.wait_for(timeout=30_000)
        outputs.filter(has_text="Score: 1 / 1 answered (20 questions)").first.wait_for(
            timeout=30_000
        )

        # the learner's own breakdown: re-run the report cell after answering
        report_cell = page.locator(".jp-CodeCell", has_text="mine = panel.report()").first
        report_cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        wait_idle(page)
        your_data_row = report_cell.locator("tr", has_text="Apply it to your own data")
        your_data_row.first.wait_for(timeout=30_000)
        assert "100" in your_data_row.first.inner_text()  # 1 of 1 point: 100 %
        report_cell.scroll_into_view_if_needed()
