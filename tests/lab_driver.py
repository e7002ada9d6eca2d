"""JupyterLab for real, started and driven in Chromium: one place for the tests and the benchmark.

Used by the live JupyterLab test (``tests/test_live_lab.py``) and the browser benchmark
(``benchmarks/bench_lab.py``), so the way a throwaway JupyterLab is started, a notebook opened
and all its cells run is written once.

The server is a throwaway one: it listens on 127.0.0.1 only, on a free port, without a token
(only for such a server), and keeps its configuration, runtime files, settings, workspaces and
IPython profile under its own temporary root, so it never reads or writes the user's. It
serves a copy of the notebooks: running cells in JupyterLab saves the notebook, and the
repository's notebooks must stay as they are.

Steps of a trainer's session:

>>> with start_lab(root, NOTEBOOKS) as lab, lab_page(lab.base) as (page, errors):  # doctest: +SKIP
...     open_notebook(page, lab.base, "scenario_restaurant.ipynb", "demo")
...     wait_run_all_done(page)
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from real_browser import launch

__all__ = [
    "IDLE",
    "NOTEBOOKS",
    "REPO",
    "Lab",
    "LabError",
    "free_port",
    "kernel_client",
    "kernel_run",
    "kernel_value",
    "lab_page",
    "new_lab_window",
    "notebook_session",
    "open_notebook",
    "shutdown_kernel",
    "start_lab",
    "wait_idle",
    "wait_run_all_done",
]

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
#: JupyterLab's status bar item that reads "Python 3 (ipykernel) | Idle" when the kernel waits.
IDLE = ".jp-StatusBar-Widget"


class LabError(RuntimeError):
    """JupyterLab did not start, or a notebook's kernel could not be found."""


@dataclass(frozen=True)
class Lab:
    """A running throwaway JupyterLab: its URL and its folders."""

    base: str
    root: Path
    work: Path

    @property
    def runtime(self) -> Path:
        """Where the server writes the kernels' connection files."""
        return self.root / "runtime"

    @property
    def log(self) -> Path:
        return self.root / "lab.log"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[var] = str(root / sub)
    return env


def _lab_command(port: int, work: Path) -> list[str]:
    return [
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
    ]


@contextmanager
def start_lab(root: Path, notebooks: Path = NOTEBOOKS, timeout: float = 60) -> Iterator[Lab]:
    """A throwaway JupyterLab serving a copy of ``notebooks`` under ``root`` (a fresh folder).

    Raises :class:`LabError`, with the end of the server's log, if it is not up within
    ``timeout`` seconds. The server is stopped on leaving.
    """
    work = root / "notebooks"
    shutil.copytree(notebooks, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # Render every cell (JupyterLab 4 otherwise renders cells lazily as they scroll into view)
    tracker = (
        root / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    )
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}', encoding="utf-8")
    port = free_port()
    lab = Lab(f"http://127.0.0.1:{port}/", root, work)
    log = lab.log.open("w")
    server = subprocess.Popen(
        _lab_command(port, work),
        cwd=work,
        env=_environment(root),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _answers(lab.base + "api/status"):
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise LabError("JupyterLab did not start:\n" + lab.log.read_text()[-3000:])
            time.sleep(0.5)
        yield lab
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def lab_page(base: str, shot: Path | None = None, viewport=(1400, 1000)):
    """Chromium on a blank page that may reach ``base`` only; yields ``(page, errors)``.

    The page is a :func:`new_lab_window` (open more with ``page.context.browser``). ``shot``,
    if given, is a screenshot saved on leaving, also when the block failed.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page, errors = new_lab_window(browser, base, viewport)
        try:
            yield page, errors
        finally:
            if shot is not None:
                shot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot), full_page=False)
            browser.close()


def new_lab_window(browser, base: str, viewport=(1400, 1000)):
    """A page in a browser context (window) of its own, for ``base``; ``(page, errors)``.

    Nothing may leave the machine: the page reaches ``base`` only (JupyterLab and the kernel
    are local). ``errors`` collects its uncaught errors. JupyterLab's "Select Kernel" dialog
    (shown on a loaded machine) is answered with the default kernel, as a trainer would. A
    window of its own keeps two pages visible at once: a second tab of one window would be a
    background tab, whose animation frames Chromium throttles.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.route(
        lambda url: not url.startswith(base) and not url.startswith(("data:", "blob:")),
        lambda route: route.abort(),
    )
    page = context.new_page()
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    page.add_locator_handler(
        dialog, lambda: dialog.get_by_role("button", name="Select", exact=True).click()
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def open_notebook(page, base: str, notebook: str, workspace: str, timeout: int = 90_000) -> None:
    """Open ``notebook`` in a fresh workspace, wait for its kernel, then Run > Run All Cells.

    A workspace of its own (``?reset``) means no notebook of another run is restored beside
    it. Returns once the cells are queued: see :func:`wait_run_all_done`.
    """
    page.goto(
        f"{base}lab/workspaces/{workspace}/tree/{notebook}?reset", wait_until="domcontentloaded"
    )
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    news = page.get_by_role("button", name="No", exact=True)
    if news.count():  # the "official Jupyter news?" toast: answer it like a trainer
        news.first.click()
    # the kernel must be up before Run All, or JupyterLab drops the queued cells
    wait_idle(page, timeout)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells").first.click()


def wait_idle(page, timeout: int = 60_000) -> None:
    """Until the status bar says the kernel is idle."""
    page.locator(IDLE, has_text="| Idle").first.wait_for(timeout=timeout)


_RUNNING_JS = """
() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
  .some(p => p.textContent.includes('*'))
"""


def wait_run_all_done(page, timeout: int = 300_000) -> None:
    """Until no cell is queued or running (no ``[*]`` prompt) and the kernel is idle.

    The kernel goes idle between two cells of a Run All, so idle alone is not enough.
    """
    page.wait_for_function(f"() => !({_RUNNING_JS})()", timeout=timeout)
    wait_idle(page, timeout)


def notebook_session(lab: Lab, notebook: str) -> dict:
    """The server's session of ``notebook`` (its ``id`` and ``kernel``); LabError if none."""
    with urllib.request.urlopen(lab.base + "api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        if session.get("path") == notebook and session.get("kernel"):
            return session
    raise LabError(f"no running kernel for {notebook}: sessions are {sessions}")


def kernel_client(lab: Lab, notebook: str):
    """A second client of ``notebook``'s kernel (jupyter_client), on its shell channel only.

    Lets a benchmark read the kernel's own figures (see :func:`kernel_value`) while the page
    stays the kernel's main client. Without the IOPub channel it is not sent the page's
    traffic (every figure). Call ``stop_channels()`` when done.
    """
    from jupyter_client import BlockingKernelClient

    kernel = notebook_session(lab, notebook)["kernel"]["id"]
    client = BlockingKernelClient(connection_file=str(lab.runtime / f"kernel-{kernel}.json"))
    client.load_connection_file()
    client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    return client


def kernel_run(client, code: str, timeout: float = 60, **expressions: str) -> dict:
    """Run ``code`` in the kernel silently (no output, no history); the reply's content.

    ``expressions`` are evaluated after the code (``user_expressions``). Raises
    :class:`LabError` with the kernel's error if the code fails.
    """
    msg_id = client.execute(code, silent=True, store_history=False, user_expressions=expressions)
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    content = reply["content"]
    if content.get("status") != "ok":
        raise LabError(f"{code!r} failed: {content.get('ename')}: {content.get('evalue')}")
    return content


def kernel_value(client, expression: str, timeout: float = 60) -> str:
    """``repr`` of ``expression`` evaluated in the kernel, silently (no output, no history).

    Raises :class:`LabError` with the kernel's error if the expression fails. The answer does
    not mean the kernel has finished with a widget change made just before: with ipykernel
    7.4 it was seen to answer in the middle of one.
    """
    value = kernel_run(client, "", timeout, value=expression)["user_expressions"]["value"]
    if value.get("status") != "ok":
        raise LabError(f"{expression!r} failed: {value.get('ename')}: {value.get('evalue')}")
    return value["data"]["text/plain"]


def shutdown_kernel(lab: Lab, notebook: str) -> None:
    """Stop ``notebook``'s kernel (frees a core on a loaded machine); no error if none runs."""
    try:
        session = notebook_session(lab, notebook)
    except LabError:
        return
    # The server refuses a DELETE without its XSRF token, which any page it serves sets.
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with opener.open(lab.base + "lab", timeout=30):
        pass
    xsrf = next((c.value for c in cookies if c.name == "_xsrf"), "")
    request = urllib.request.Request(
        lab.base + f"api/sessions/{session['id']}", method="DELETE", headers={"X-XSRFToken": xsrf}
    )
    with opener.open(request, timeout=30):
        pass
