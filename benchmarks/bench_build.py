"""Time the site build: once from clean, once again with nothing changed.

Builds into a temporary folder so the working ``_build/`` is left alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")


def build(output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(JB), "build", str(ROOT), "--path-output", str(output), "-W", "-n", "--keep-going"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> int:
    subprocess.run(["bash", str(ROOT / "scripts" / "widget_js.sh")], check=True)
    output = Path(tempfile.mkdtemp(prefix="lessons-build-"))
    try:
        clean = build(output)
        again = build(output)
    finally:
        shutil.rmtree(output, ignore_errors=True)
    print(f"site build from clean:        {clean:6.1f} s")
    print(f"rebuild with nothing changed: {again:6.1f} s  ({again / clean:.0%} of clean)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
