"""Real-browser checks of the built site: shared server, browser and page visits.

The built site (``_build/html``) is served on 127.0.0.1 at a free port by a throwaway server
for the whole test session, and Debian's ``/usr/bin/chromium`` is driven by Python playwright
(``playwright install`` is never used). Every request that leaves 127.0.0.1 is blocked and
counted as a failure: the course must work on a laptop with no internet.

A failed check saves a screenshot under ``test-artifacts/``.

Environment:
    SITE_ROOT: a book folder holding ``_toc.yml`` and ``_build/html`` (default: the repository).
    CI: when ``true``, a missing chromium or a missing build fails instead of skipping.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from real_browser import launch, require_chromium, skip_or_fail

REPO = Path(__file__).resolve().parents[2]
BOOK = Path(os.environ.get("SITE_ROOT", REPO)).resolve()
SITE = BOOK / "_build" / "html"
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

# Console messages a learner may see that the course cannot remove, each with the reason.
# Anything else of type "error" or "warning", and any uncaught exception, fails the page.
TOLERATED_CONSOLE: list[tuple[str, str]] = [
    (
        r"^strict mode: use allowUnionTypes to allow union type keyword at "
        r'"#/properties/state/.*buffers.*" \(strictTypes\)$',
        "warning printed by the JSON-schema validator (ajv) bundled inside "
        "@jupyter-widgets/html-manager 1.0.x while it checks the stored widget state; "
        "the state is valid and the widgets render. It is inside the pinned vendor bundle.",
    ),
]

# axe rules switched off, each with the reason (none: fix the page instead).
AXE_DISABLED_RULES: dict[str, str] = {}


def toc_files(toc_path: Path | None = None) -> list[str]:
    """Every source file of ``_toc.yml`` in reading order, without extension."""
    toc = yaml.safe_load((toc_path or BOOK / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [re.sub(r"\.(md|ipynb)$", "", f) for f in files]


def toc_pages() -> list[str]:
    """The HTML path of every page listed in ``_toc.yml``, in reading order."""
    return [f + ".html" for f in toc_files()]


def scenario_pages() -> list[str]:
    """The pages of the scenario notebooks (``notebooks/scenario_*``) listed in ``_toc.yml``."""
    return [p for p in toc_pages() if re.match(r"notebooks/scenario_[a-z_]+\.html$", p)]


def artifact_name(*parts: str) -> Path:
    """A file under ``test-artifacts/`` named after ``parts`` (a page path, a width...)."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = "-".join(re.sub(r"[^A-Za-z0-9_.]+", "_", p) for p in parts if p)
    return ARTIFACTS / f"{name}.png"


def screenshot(page, *parts: str) -> Path:
    """Save a full-page screenshot of ``page`` under ``test-artifacts/`` and return its path."""
    path = artifact_name(*parts)
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as error:  # a screenshot must never hide the real failure
        return Path(f"(no screenshot: {error})")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """The throwaway site server. A browser that leaves a page while a file is still being
    sent (the tests navigate fast) closes the connection: not an error of the site, and no
    traceback in the test log; any other error is still reported."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (free port) for the session; yield its base URL."""
    if not (SITE / "index.html").is_file():
        skip_or_fail(
            f"No built site in {SITE}: run `make book` first "
            "(`make test` builds it before running the tests)."
        )
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    """Debian chromium driven by playwright, for one test module.

    Module scope, not session: only one sync playwright may run in a process at a time, and
    other test modules (the live JupyterLab test, the quiz script test) start their own.
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What happened while one page loaded: every problem found, by kind."""

    path: str
    width: int
    console: list[str] = field(default_factory=list)
    tolerated: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)


def _offsite(base: str):
    return re.compile(r"^(?!" + re.escape(base) + r"|data:|blob:|about:)")


def open_page(browser, site_url: str, path: str, viewport: dict) -> tuple[object, Visit]:
    """Open ``path`` in a fresh context; record console problems and failed/offsite requests.

    Offsite requests are aborted (the site must work offline) and recorded.
    """
    context = browser.new_context(viewport=viewport)
    visit = Visit(path=path, width=viewport["width"])

    def block(route) -> None:
        visit.offsite_requests.append(route.request.url)
        route.abort()

    context.route(_offsite(site_url), block)
    page = context.new_page()

    def on_console(message) -> None:
        if message.type not in ("error", "warning"):
            return
        text = message.text
        for pattern, _reason in TOLERATED_CONSOLE:
            if re.search(pattern, text):
                visit.tolerated.append(text)
                return
        location = message.location.get("url", "")
        visit.console.append(f"console.{message.type}: {text} ({location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.console.append(f"uncaught exception: {error}"))

    def on_failed(request) -> None:
        if request.url in visit.offsite_requests:
            return
        visit.failed_requests.append(f"{request.url}: {request.failure}")

    page.on("requestfailed", on_failed)
    page.on(
        "response",
        lambda r: r.status >= 400 and visit.failed_requests.append(f"{r.url}: HTTP {r.status}"),
    )
    page.goto(site_url + path, wait_until="load")
    try:
        wait_for_widgets(page)
    except Exception as error:  # reported with the page's other problems, with a screenshot
        visit.console.append(f"stored widgets did not render: {str(error).splitlines()[0]}")
    if visit.offsite_requests and cdn_fallback_build():
        visit.console.append(
            "the site was built without npm (CDN fallback of scripts/widget_js.sh): install "
            "Node.js/npm and rebuild with `make book` so the widget JavaScript is self-hosted"
        )
    return page, visit


def cdn_fallback_build() -> bool:
    """True when the built site loads its widget JavaScript from the CDN (npm was missing)."""
    loader = SITE / "ipywidgets-offline" / "require.js"
    return loader.is_file() and "CDN fallback" in loader.read_text(encoding="utf-8")[:200]


def wait_for_widgets(page, timeout_ms: int = 20_000) -> None:
    """If the page stores widget state, wait until the widget manager has rendered it."""
    views = 'script[type="application/vnd.jupyter.widget-view+json"]'
    if page.locator(views).count():
        # the widget manager renders each stored view into a .widget-subarea just before it
        page.wait_for_function(
            """selector => Array.from(document.querySelectorAll(selector)).every(s => {
                 const area = s.previousElementSibling;
                 return area && area.classList.contains('widget-subarea')
                   && area.childElementCount > 0; })""",
            arg=views,
            timeout=timeout_ms,
        )
    # late console messages (fonts, MathJax typesetting) arrive shortly after load
    page.wait_for_timeout(300)


IMAGES_JS = """
() => Array.from(document.querySelectorAll('img')).map(img => ({
  src: (img.getAttribute('src') || '').slice(0, 80),
  alt: img.getAttribute('alt'),
  hidden: img.closest('[aria-hidden="true"]') !== null,
  loaded: img.complete && img.naturalWidth > 0,
}))
"""

PATH_LIKE = re.compile(r"^\S*\.(png|jpe?g|svg|gif|webp)$|^\S*/\S*$|^(image|img|figure|png)$", re.I)


def image_problems(page) -> list[str]:
    """Every <img> without meaningful alt text (missing, empty, a file path), or not loaded."""
    problems = []
    for img in page.evaluate(IMAGES_JS):
        alt = (img["alt"] or "").strip()
        if not img["loaded"]:
            problems.append(f"image did not load: {img['src']}")
        if img["hidden"]:
            continue
        if not alt:
            problems.append(f"image without alt text: {img['src']}")
        elif PATH_LIKE.match(alt) or len(alt) < 5:
            problems.append(f"alt text is not a description ({alt!r}): {img['src']}")
    return problems


SETTLE_JS = """
async () => {
  const settled = (async () => {
    await document.fonts.ready;
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
    const finite = document.getAnimations().filter(
      a => a.effect && a.effect.getTiming().iterations !== Infinity);
    await Promise.all(finite.map(a => a.finished.catch(() => null)));
  })();
  await Promise.race([settled, new Promise(done => setTimeout(done, 3000))]);
}
"""

AXE_RUN_JS = """
rules => axe.run(document, {resultTypes: ['violations'], rules}).then(r => r.violations.map(
  v => ({id: v.id, impact: v.impact, help: v.help,
         nodes: v.nodes.map(n => n.target.join(' ') + '  ' + n.html.slice(0, 160))})))
"""


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core in the page; describe each violation of the given impacts.

    axe runs once fonts, MathJax and CSS transitions have settled; a violation must show up in
    two runs in a row (a colour measured mid-transition is not a property of the page).
    """
    if not AXE.is_file():
        skip_or_fail(f"axe-core is missing ({AXE}): run `make widget-js` (npm ci) first.")
    page.evaluate(SETTLE_JS)
    page.add_script_tag(path=str(AXE))
    rules = {rule: {"enabled": False} for rule in AXE_DISABLED_RULES}
    results = page.evaluate(AXE_RUN_JS, rules)
    if any(v["impact"] in impacts for v in results):
        page.wait_for_timeout(500)
        page.evaluate(SETTLE_JS)
        again = {v["id"] for v in page.evaluate(AXE_RUN_JS, rules)}
        results = [v for v in results if v["id"] in again]
    found = []
    for violation in results:
        if violation["impact"] in impacts:
            nodes = "\n      ".join(violation["nodes"][:5])
            found.append(
                f"{violation['impact']} {violation['id']}: {violation['help']} "
                f"({len(violation['nodes'])} element(s))\n      {nodes}"
            )
    return found


def describe(problems: list[str]) -> str:
    """Problems as an indented bullet list for an assertion message."""
    return "\n".join("  - " + p for p in problems)


def as_json(value) -> str:
    """Compact JSON for an assertion message."""
    return json.dumps(value, ensure_ascii=False)
