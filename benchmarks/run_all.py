"""Run every benchmark (``make bench``) and print its figures.

Each ``bench_*.py`` in this folder is run in its own process so memory figures do not mix
(``bench_lab.py``, the browser benchmark, takes several minutes: run it alone with its
``--panel`` option while working on one panel).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        start = time.perf_counter()
        failures += subprocess.call([sys.executable, str(script)]) != 0
        print(f"=== {script.name}: {time.perf_counter() - start:.0f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
