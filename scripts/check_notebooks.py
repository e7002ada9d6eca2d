"""Refuse to build the site from a notebook that was never run or that holds an error.

The site shows the outputs stored in the notebooks (execution is off in ``_config.yml``, so the
widget state saved by ``make notebooks`` is kept). This check is what makes the build fail when
a cell raised: run it before ``jupyter-book build``. It checks both editions: ``notebooks/``
and ``fr/notebooks/``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lessons.editions import notebook_dirs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = tuple(notebook_dirs(ROOT))


def problems(path: Path) -> list[str]:
    """List what is wrong with one notebook: cells never executed, cells that raised."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("execution_count") is None and cell.get("source"):
            found.append(f"cell {number} was never executed")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number} raised {output.get('ename')}: {output.get('evalue')}")
    return found


def main(folders: tuple[Path, ...] = NOTEBOOK_DIRS) -> int:
    notebooks = [nb for folder in folders for nb in sorted(folder.glob("*.ipynb"))]
    bad = {nb: problems(nb) for nb in notebooks}
    bad = {nb: p for nb, p in bad.items() if p}
    for nb, found in bad.items():
        for line in found:
            print(f"{nb.relative_to(ROOT)}: {line}")
    if bad:
        print("Run `make notebooks` to re-execute them, fix the errors, and build again.")
        return 1
    counts = ", ".join(
        f"{len(list(f.glob('*.ipynb')))} in {f.relative_to(ROOT)}/" for f in folders if f.is_dir()
    )
    print(f"{len(notebooks)} notebooks executed, no error outputs ({counts}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
