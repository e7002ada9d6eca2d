"""A trainer's session, for real: JupyterLab, a scenario notebook, Run All, move a slider.

Starts a throwaway JupyterLab on 127.0.0.1 (free port; token disabled for this test server
only, which listens on the loopback interface and stops with the test), opens a copy of
``notebooks/scenario_restaurant.ipynb`` in Chromium, runs all cells, drags the first slider of
the live panel and checks that the figure and the KPI table redraw: the kernel round trip the
static site cannot show. A screenshot after the slider moved is saved under test-artifacts/.

The repository's notebooks are never modified: the notebooks folder is copied to a temporary
directory first (running cells in JupyterLab saves the notebook).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from real_browser import launch, require_chromium

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
SCENARIO = "scenario_restaurant.ipynb"
ARTIFACTS = REPO / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("lab")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the notebooks; yields (base URL, scenario notebook name)."""
    require_chromium()
    root = tmp_path_factory.mktemp("lab")
    work = root / "notebooks"
    shutil.copytree(NOTEBOOKS, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    name = SCENARIO
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[var] = str(root / sub)
    # Render every cell (JupyterLab 4 otherwise renders cells lazily as they scroll into view)
    tracker = (
        root / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    )
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}', encoding="utf-8")
    port = free_port()
    log = (root / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            # no token: only for this throwaway server on the loopback interface
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={work}",
            # offline: no news feed, no update check
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            # containers and CI often run as root; JupyterLab refuses that unless told
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        ],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "api/status", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "JupyterLab did not start:\n" + (root / "lab.log").read_text()[-3000:],
                    pytrace=False,
                )
            time.sleep(0.5)
        yield base, name
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


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


IDLE = ".jp-StatusBar-Widget"


@contextmanager
def lab_page(base: str, notebook: str, workspace: str, shot: Path):
    """Chromium on a JupyterLab page with ``notebook`` open and every cell run (Run > Run All).

    Yields ``(page, errors)``; on leaving, asserts no page error and saves ``shot`` (also when
    the test failed). Nothing may leave the machine: JupyterLab and the kernel are local.
    """
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.route(
            lambda url: not url.startswith(base) and not url.startswith(("data:", "blob:")),
            lambda route: route.abort(),
        )
        page = context.new_page()
        # On a loaded machine JupyterLab may ask which kernel to start: take the default
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        page.add_locator_handler(
            dialog, lambda: dialog.get_by_role("button", name="Select", exact=True).click()
        )
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            # a workspace of its own (?reset): no notebook of another test is restored beside it
            url = f"{base}lab/workspaces/{workspace}/tree/{notebook}?reset"
            page.goto(url, wait_until="domcontentloaded")
            page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
            news = page.get_by_role("button", name="No", exact=True)
            if news.count():  # the "official Jupyter news?" toast: answer it like a trainer
                news.first.click()
            # the kernel must be up before Run All, or JupyterLab drops the queued cells
            wait_idle(page, 90_000)
            # Run > Run All Cells, as a trainer does from the menu
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells").first.click()
            yield page, errors
            page.screenshot(path=str(shot), full_page=False)
            assert not errors, errors
        except Exception:
            page.screenshot(path=str(shot), full_page=False)
            raise
        finally:
            browser.close()


def wait_idle(page, timeout: int = 60_000) -> None:
    """Until the kernel has finished what it was asked."""
    page.locator(IDLE, has_text="| Idle").first.wait_for(timeout=timeout)


def test_moving_a_slider_redraws_the_figure_and_the_kpi_table(lab):
    base, name = lab
    shot = ARTIFACTS / f"lab-{Path(name).stem}-after-slider.png"
    with lab_page(base, name, "slider", shot) as (page, _errors):
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
    with lab_page(base, ASSESSMENT, "assessment", shot) as (page, _errors):
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
