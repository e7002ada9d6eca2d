"""Execute every notebook top to bottom in a fresh kernel, storing outputs and widget state.

Usage: python scripts/execute_notebooks.py [notebooks/NAME.ipynb | fr/notebooks/NAME.ipynb ...]

Without arguments: every notebook of both editions, ``notebooks/`` (English) then
``fr/notebooks/`` (French; each French notebook calls ``set_language("fr")`` in its imports
cell, so its charts, tables, panels and messages are French). The stored widget state is what
lets the static site display each panel; nbval then compares the stored outputs with a fresh
run in the tests.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from lessons.editions import notebook_dirs

ROOT = Path(__file__).resolve().parents[1]
#: The notebook folders of the editions, English first (``notebooks``, ``fr/notebooks``).
NOTEBOOK_DIRS = tuple(notebook_dirs(ROOT))


def all_notebooks() -> list[Path]:
    """Every notebook of every edition, folder by folder, sorted by name within a folder."""
    return [path for folder in NOTEBOOK_DIRS for path in sorted(folder.glob("*.ipynb"))]


def execute(path: Path) -> float:
    """Run one notebook in place (cwd = its folder) and return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    client.execute()
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or all_notebooks()
    for path in paths:
        shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
        print(f"{shown}: {execute(path.resolve()):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
