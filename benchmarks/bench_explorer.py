"""The site's explorers: states per panel, build time, bytes per state, page weight, key to figure.

Figures side by side in one run:

* the states of every explorer drawn from clean into a temporary folder (processor seconds
  per panel, and the wall time of the whole pool), then the same build again with nothing
  changed (the cache answers);
* bytes per state (figures and state scripts over the number of states);
* on the built site (``_build/html``, from ``make book``), served on 127.0.0.1: each explorer
  page's decoded bytes against a plain text page, and the time from a key press on a control
  to the new figure painted in Chromium (two animation frames after the state is shown),
  median and 95th percentile.

``--site-only`` skips the drawing from clean (several minutes of both cores) and reads the
states and bytes of each explorer from the built site's ``_explorer/`` folder instead.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lessons.explorer.grids import EXPLORERS  # noqa: E402
from lessons.explorer.states import build  # noqa: E402

SITE = ROOT / "_build" / "html"
#: Plain pages of prose: an explorer page is weighed against the one that, like it, loads
#: MathJax or not (MathJax comes with a page's formulas, not with its panel).
TEXT_PAGES = {False: "book/difference.html", True: "book/welcome.html"}
PRESSES = 24

TIMING_JS = """
section => {
  window.__lxTimes = [];
  let start = null;
  section.addEventListener('keydown', () => { start = performance.now(); }, true);
  section.addEventListener('lx-shown', () => {
    if (start === null) return;
    const began = start;
    start = null;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__lxTimes.push(performance.now() - began);
    }));
  });
}
"""

MATH_JS = "() => performance.getEntriesByType('resource').some(r => r.name.includes('/mathjax/'))"

WEIGHT_JS = """() => {
  const [nav] = performance.getEntriesByType('navigation');
  return performance.getEntriesByType('resource').reduce(
    (sum, r) => sum + (r.decodedBodySize || 0), nav ? nav.decodedBodySize : 0);
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build_figures() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="lessons-explorer-"))
    try:
        start = time.perf_counter()
        clean = build(EXPLORERS, folder, log=lambda line: None)
        clean_wall = time.perf_counter() - start
        start = time.perf_counter()
        cached = build(EXPLORERS, folder, log=lambda line: None)
        cached_wall = time.perf_counter() - start
        assert all(b.cached for b in cached.values())
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"clean": clean, "clean_wall": clean_wall, "cached_wall": cached_wall, "size": size}


def _pages() -> dict[str, str]:
    found = {}
    for html_file in sorted(SITE.rglob("*.html")):
        for name in re.findall(
            r'<section class="lx" [^>]*data-lx="(\w+)"', html_file.read_text(encoding="utf-8")
        ):
            found[name] = html_file.relative_to(SITE).as_posix()
    return found


def _step(control, forward: bool) -> None:
    """One key press on a control, towards its other end when it sits at one."""
    position, last = control.evaluate(
        "el => [+el.value, el.tagName === 'SELECT' ? el.options.length - 1 : +el.max]"
    )
    forward = (forward or position == 0) and position < last
    slider = control.evaluate("el => el.tagName") == "INPUT"
    keys = ("ArrowRight", "ArrowLeft") if slider else ("ArrowDown", "ArrowUp")
    control.focus()
    control.press(keys[0] if forward else keys[1])


def browser_figures() -> dict | None:
    pages = _pages()
    if not pages:
        return None
    from playwright.sync_api import sync_playwright
    from real_browser import launch

    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            texts = {}
            for math, path in TEXT_PAGES.items():
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(500)
                texts[math] = page.evaluate(WEIGHT_JS)
                page.close()
            results["text pages"] = texts
            for name in EXPLORERS:
                if name not in pages:
                    continue
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + pages[name], wait_until="load")
                page.wait_for_timeout(500)
                weight = page.evaluate(WEIGHT_JS)
                math = page.evaluate(MATH_JS)
                section = page.locator("section.lx").first
                section.evaluate(TIMING_JS)
                controls = section.locator("[data-lx-control]")
                for press in range(PRESSES):
                    control = controls.nth(press % controls.count())
                    _step(control, forward=(press // controls.count()) % 2 == 0)
                    # a learner's pace: the neighbouring states load meanwhile
                    page.wait_for_timeout(250)
                times = page.evaluate("() => window.__lxTimes")
                results[name] = {"weight": weight, "math": math, "times": times}
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def site_figures() -> None:
    """States and bytes per state of each explorer as the built site holds them."""
    print(f"{'explorer':14s} {'states':>6s} {'KB/state':>8s}  (from {SITE / '_explorer'})")
    total = size = 0
    for name in EXPLORERS:
        folder = SITE / "_explorer" / name
        if not (folder / "s").is_dir():
            continue
        states = len(list((folder / "s").iterdir()))
        bytes_ = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        total, size = total + states, size + bytes_
        print(f"{name:14s} {states:6d} {bytes_ / states / 1000:8.1f}")
    print(f"all states: {total}, {size / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site-only", action="store_true", help="no drawing from clean: read the built site"
    )
    args = parser.parse_args(argv)
    if args.site_only:
        site_figures()
    else:
        print(f"explorers on {os.cpu_count()} cores (one drawing process per core)")
        built = build_figures()
        clean = built["clean"]
        print(f"{'explorer':14s} {'states':>6s} {'drawing s':>9s} {'KB/state':>8s}")
        for name, b in clean.items():
            print(f"{name:14s} {b.states:6d} {b.seconds:9.1f} {b.bytes / b.states / 1000:8.1f}")
        total = sum(b.states for b in clean.values())
        print(f"all states: {total}, {built['size'] / 1e6:.1f} MB")
        print(f"states from clean (wall):      {built['clean_wall']:6.1f} s")
        print(f"again, nothing changed (wall): {built['cached_wall']:6.1f} s")
    figures = browser_figures()
    if figures is None:
        print("no built site with explorers: run `make book` for page weights and key timings")
        return 0
    texts = figures.pop("text pages")
    for math, path in TEXT_PAGES.items():
        print(f"text page {path}: {texts[math] / 1e6:.2f} MB decoded")
    print(f"{'explorer':14s} {'page MB':>7s} {'vs text':>8s} {'median ms':>9s} {'p95 ms':>7s}")
    for name, found in figures.items():
        times = found["times"]
        median = statistics.median(times) if times else float("nan")
        p95 = _percentile(times, 0.95) if times else float("nan")
        extra = (found["weight"] - texts[found["math"]]) / 1e6
        print(f"{name:14s} {found['weight'] / 1e6:7.2f} {extra:+8.2f} {median:9.1f} {p95:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
