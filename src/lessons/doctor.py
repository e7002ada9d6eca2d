"""A pre-flight check of a trainer's laptop: can this machine run the workshop?

``lessons doctor`` runs each check of :data:`CHECKS` and says in words what it found: OK, or
PROBLEM with the exact command that fixes it. A check is *required* (the workshop cannot run
without it: Python, the pinned packages, JupyterLab, the widgets, a panel that draws, the
notebooks) or *optional* (Chromium, needed only for the tests and the printed handouts; port
8888, which JupyterLab replaces by the next free one). Every check is local: no network, a
few seconds in all.

>>> check = Check("python", True, True, "Python 3.11.2.")
>>> print(report_text([check], lang="en").splitlines()[0])
OK       Python 3.11.2.
>>> report_text(["python"])
Traceback (most recent call last):
    ...
TypeError: lessons doctor reports Check objects, got str.
"""

from __future__ import annotations

import re
import shutil
import socket
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from lessons import format as fmt
from lessons.i18n import t

__all__ = [
    "CHECKS",
    "JUPYTER_PORT",
    "MIN_PYTHON",
    "Check",
    "check_browser",
    "check_jupyterlab",
    "check_notebooks",
    "check_packages",
    "check_panel",
    "check_port",
    "check_python",
    "check_widgets",
    "diagnose",
    "ready",
    "report_text",
    "repository_root",
]

#: The oldest Python the pinned requirements were resolved for.
MIN_PYTHON = (3, 11)
#: The port ``make lab`` asks for (JupyterLab takes the next free one if it is taken).
JUPYTER_PORT = 8888
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")
_SETUP = "make setup"


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, whether it passed, and what to do if not."""

    name: str
    ok: bool
    required: bool
    text: str
    fix: str = ""


def repository_root() -> Path | None:
    """The clone this package was installed from (``pip install -e .``), or None."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "requirements.txt").is_file() and (root / "notebooks").is_dir() else None


def _no_clone(name: str) -> Check:
    return Check(name, False, True, t("doctor.no_clone"), t("doctor.fix.clone"))


def check_python() -> Check:
    """The running Python is at least :data:`MIN_PYTHON`."""
    found = ".".join(str(p) for p in sys.version_info[:3])
    wanted = ".".join(str(p) for p in MIN_PYTHON)
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("python", True, True, t("doctor.python.ok", found=found, wanted=wanted))
    return Check(
        "python",
        False,
        True,
        t("doctor.python.old", found=found, wanted=wanted),
        t("doctor.fix.python"),
    )


def _pins(root: Path) -> list[tuple[str, str]]:
    pins = []
    for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins.append((match.group(1), match.group(2)))
    return pins


def check_packages() -> Check:
    """Every package pinned in ``requirements.txt`` is installed at its pinned version."""
    root = repository_root()
    if root is None:
        return _no_clone("packages")
    pins = _pins(root)
    wrong = []
    for name, pinned in pins:
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(t("doctor.packages.missing_one", name=name, pinned=pinned))
            continue
        if found != pinned:
            wrong.append(t("doctor.packages.other_one", name=name, found=found, pinned=pinned))
    if not wrong:
        return Check("packages", True, True, t("doctor.packages.ok", count=len(pins)))
    shown = "; ".join(wrong[:5]) + (" …" if len(wrong) > 5 else "")
    return Check(
        "packages",
        False,
        True,
        t("doctor.packages.wrong", count=len(wrong), total=len(pins), which=shown),
        t("doctor.fix.setup"),
    )


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check_jupyterlab() -> Check:
    """JupyterLab is installed and its command sits next to this Python."""
    version = _version("jupyterlab")
    command = Path(sys.executable).with_name("jupyter-lab")
    if version and (command.exists() or shutil.which("jupyter-lab")):
        return Check("jupyterlab", True, True, t("doctor.jupyterlab.ok", version=version))
    return Check("jupyterlab", False, True, t("doctor.jupyterlab.missing"), t("doctor.fix.setup"))


def _labextension_dirs() -> list[Path]:
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]
    return [Path(p) for p in jupyter_path("labextensions")]


def check_widgets() -> Check:
    """ipywidgets is installed with its JupyterLab extension (else panels show as text)."""
    version = _version("ipywidgets")
    manager = "@jupyter-widgets/jupyterlab-manager"
    found = any((d / manager / "package.json").is_file() for d in _labextension_dirs())
    if version and found:
        return Check("widgets", True, True, t("doctor.widgets.ok", version=version))
    what = t("doctor.widgets.no_package") if not version else t("doctor.widgets.no_extension")
    return Check("widgets", False, True, what, t("doctor.fix.setup"))


def check_panel() -> Check:
    """One scenario panel builds and draws its figure, headless (no kernel, no screen)."""
    started = time.perf_counter()
    try:
        from lessons.widgets.panel import scenario_panel

        panel = scenario_panel("restaurant")
        panel.update()
        drawn = "<img" in panel.figure.value and "base64," in panel.figure.value
    except Exception as error:  # the report must say what broke, whatever it was
        reason = f"{type(error).__name__}: {error}"
        return Check(
            "panel", False, True, t("doctor.panel.failed", reason=reason), t("doctor.fix.setup")
        )
    if not drawn:
        return Check("panel", False, True, t("doctor.panel.no_figure"), t("doctor.fix.setup"))
    seconds = time.perf_counter() - started
    return Check("panel", True, True, t("doctor.panel.ok", seconds=fmt.number(seconds, 1)))


def check_browser() -> Check:
    """Chromium, for the tests and the printed handouts (optional for the workshop)."""
    found = next(
        (p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()),
        None,
    )
    if found:
        return Check("browser", True, False, t("doctor.browser.ok", path=found))
    return Check("browser", False, False, t("doctor.browser.missing"), t("doctor.fix.browser"))


def check_notebooks() -> Check:
    """Every notebook of the book's table of contents is in the clone."""
    root = repository_root()
    if root is None:
        return _no_clone("notebooks")
    toc = (root / "_toc.yml").read_text(encoding="utf-8") if (root / "_toc.yml").is_file() else ""
    wanted = re.findall(r"file:\s*(notebooks/[\w-]+)", toc)
    missing = [name for name in wanted if not (root / f"{name}.ipynb").is_file()]
    if wanted and not missing:
        return Check("notebooks", True, True, t("doctor.notebooks.ok", count=len(wanted)))
    which = ", ".join(f"{m}.ipynb" for m in missing) or "_toc.yml"
    return Check(
        "notebooks", False, True, t("doctor.notebooks.missing", which=which), t("doctor.fix.clone")
    )


def check_port(port: int = JUPYTER_PORT) -> Check:
    """Whether JupyterLab's usual port is free on 127.0.0.1 (optional: it takes the next one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return Check(
                "port",
                False,
                False,
                t("doctor.port.busy", port=port, next=port + 1),
                t("doctor.fix.port", port=port),
            )
    return Check("port", True, False, t("doctor.port.ok", port=port))


#: The checks ``lessons doctor`` runs, in the order it reports them.
CHECKS: tuple[Callable[[], Check], ...] = (
    check_python,
    check_packages,
    check_jupyterlab,
    check_widgets,
    check_panel,
    check_notebooks,
    check_browser,
    check_port,
)


def diagnose(checks: Sequence[Callable[[], Check]] | None = None) -> list[Check]:
    """Run the checks (default :data:`CHECKS`) and return what each found."""
    return [check() for check in (CHECKS if checks is None else checks)]


def ready(checks: Sequence[Check]) -> bool:
    """True when every required check passed: the workshop can run on this machine."""
    return all(c.ok or not c.required for c in checks)


def report_text(checks: Sequence[Check], *, lang: str | None = None) -> str:
    """The report: one line a check (OK / PROBLEM / NOTE), the fix under each, then a verdict.

    Args:
        checks: what :func:`diagnose` returned.
        lang: the language (default: the current one).
    """
    lines = []
    for check in checks:
        if not isinstance(check, Check):
            raise TypeError(t("doctor.error.not_check", lang=lang, type=type(check).__name__))
        if check.ok:
            label = t("doctor.label.ok", lang=lang)
        elif check.required:
            label = t("doctor.label.problem", lang=lang)
        else:
            label = t("doctor.label.note", lang=lang)
        lines.append(f"{label:<8} {check.text}")
        if not check.ok and check.fix:
            lines.append(" " * 9 + t("doctor.fix_prefix", lang=lang, fix=check.fix))
    if checks:
        verdict = "doctor.verdict.ready" if ready(checks) else "doctor.verdict.not_ready"
        lines += ["", t(verdict, lang=lang)]
    return "\n".join(lines)
