"""Debian chromium for every real-browser test: where it is, how it starts, what if it is missing.

Used by the site checks (tests/browser/), the live JupyterLab tests and the quiz-script test,
so the flags and the skip-or-fail rule live in one place. Never `playwright install`: it
downloads another browser, which this machine cannot reach.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: Headless, no sandbox (root in CI), and no background traffic to hosts this machine can't reach.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(message: str) -> None:
    """Skip with a loud message locally; in CI (CI=true) fail, since nothing may skip there."""
    banner = "\n" + "#" * 80 + "\n# " + message.replace("\n", "\n# ") + "\n" + "#" * 80
    if IN_CI:
        pytest.fail(banner, pytrace=False)
    pytest.skip(banner)


def require_chromium() -> None:
    """Skip (locally) or fail (CI) with install instructions when chromium is missing."""
    if not CHROMIUM.exists():
        skip_or_fail(
            "Browser tests need Debian's chromium at /usr/bin/chromium.\n"
            "Install it with:  make browser   (runs: apt-get install -y chromium)\n"
            "Never run `playwright install`: it downloads another browser."
        )


def launch(playwright):
    """Start Debian's chromium through a running ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
