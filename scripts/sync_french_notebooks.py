"""Carry the English notebooks' code over to their French translations, cell by cell id.

A French notebook is its English notebook with the markdown translated and one change to the
code (its imports cell starts with ``set_language("fr")``). When the English code changes (a
new figure call, a new panel cell), this script copies it into the French notebook, matching
cells by their ``id``:

* a code cell: the English source and tags (the French imports cell keeps its first lines; a
  cell marked ``lessons_translated_code`` in its metadata keeps its French code);
* a markdown cell that holds only a directive the page needs as it is (``{explorer}``,
  ``{objectives}``): copied;
* any other English markdown cell missing from the French notebook: inserted at its place,
  still in English, and listed, so a translator finds it (the edition tests also report the
  page as out of date).

Outputs are left alone: execute the notebook afterwards
(``scripts/execute_notebooks.py fr/notebooks/NAME.ipynb``).

Usage: ``python scripts/sync_french_notebooks.py [fr/notebooks/NAME.ipynb ...]``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
LANGUAGE_LINES = ("from lessons.i18n import set_language", 'set_language("fr")')
#: Cell metadata of a French code cell whose code is translated on purpose (the KPI names a
#: learner types, checked by the French SMART rules): the sync leaves its source alone.
TRANSLATED_CODE = "lessons_translated_code"
AS_IS = re.compile(r"^\s*```\{(explorer|objectives)\}[^\n]*\n(:[^\n]*\n)*```\s*$")


def _with_language(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() not in LANGUAGE_LINES]
    while lines and not lines[0].strip():
        lines.pop(0)
    # As ruff's isort wants it: the language import, a blank line, then the call.
    return "\n".join([LANGUAGE_LINES[0], "", LANGUAGE_LINES[1], *lines])


def sync(french_path: Path) -> list[str]:
    """Update one French notebook in place; return what a translator still has to do."""
    english_path = REPO / "notebooks" / french_path.name
    english = nbformat.read(english_path, as_version=4)
    french = nbformat.read(french_path, as_version=4)
    by_id = {cell.get("id"): cell for cell in french.cells}
    todo: list[str] = []
    cells = []
    for cell in english.cells:
        mine = by_id.get(cell.get("id"))
        if cell.cell_type == "code":
            copy = nbformat.from_dict(dict(cell))
            if mine is not None and mine.cell_type == "code":
                copy["outputs"] = mine.get("outputs", [])
                copy["execution_count"] = mine.get("execution_count")
                if mine.get("metadata", {}).get(TRANSLATED_CODE):
                    copy["source"] = mine.source
                    copy["metadata"][TRANSLATED_CODE] = True
                elif any(line in mine.source for line in LANGUAGE_LINES):
                    copy["source"] = _with_language(cell.source)
            else:
                copy["outputs"], copy["execution_count"] = [], None
            cells.append(copy)
        elif mine is not None:
            mine["metadata"] = cell.get("metadata", {})
            cells.append(mine)
        else:
            cells.append(nbformat.from_dict(dict(cell)))
            if not AS_IS.match(cell.source):
                todo.append(f"{french_path.name}: translate the new cell {cell.get('id')}")
    french.cells = cells
    nbformat.write(french, french_path)
    return todo


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((REPO / "fr" / "notebooks").glob("*.ipynb"))
    todo = [line for path in paths for line in sync(path)]
    for line in todo:
        print(line)
    print(f"{len(paths)} French notebook(s) synced; {len(todo)} cell(s) to translate.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
