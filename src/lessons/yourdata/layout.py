"""Where the table starts in a sheet or a CSV file, and what its columns are called.

Exports often put something above the column names: Excel's ``sep=;`` hint line, blank rows,
a title ("Export des ventes 2024"), the date of the export. :func:`find_header` finds the row
that holds the column names; :func:`column_names` names the columns as the file does (spaces
trimmed, an empty name as ``Unnamed: 2``, a repeated name made unique and reported).

>>> find_header([["Ventes 2024"], [], ["Client", "Montant"], ["ACME", "12,50"]])
2
>>> column_names(["Client", " Montant ", "", "Montant"])
(['Client', 'Montant', 'Unnamed: 2', 'Montant.1'], {'Montant': (2, 4)})
"""

from __future__ import annotations

import csv
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from lessons.yourdata.messages import is_blank

__all__ = ["HEADER_SEARCH", "SEPARATORS", "column_names", "detect_sep", "find_header", "sep_hint"]

#: How many rows at the top of a file may come before the column names.
HEADER_SEARCH = 20
#: The separators detected, most likely first.
SEPARATORS = (";", ",", "\t", "|")

_NUMBER_LIKE = re.compile(r"[\s\d.,:/€$£%+\-−()'\u00a0\u202f]*\d[\s\d.,:/€$£%+\-−()'\u00a0\u202f]*")
_SEP_HINT = re.compile(r"\ufeff?sep=(.)\s*")


def sep_hint(first_line: str) -> str | None:
    """The separator named by Excel's ``sep=;`` first line, or ``None``."""
    found = _SEP_HINT.fullmatch(first_line)
    return found.group(1) if found else None


def detect_sep(lines: Sequence[str]) -> str:
    """The separator that splits most lines into the same number (≥ 2) of fields.

    A title line or a blank line above the table does not count against a separator.

    >>> detect_sep(["Export", "a;b;c", "1;2,5;3"]), detect_sep(["a,b", "1,2"])
    (';', ',')
    """
    lines = [line for line in lines if line.strip()]
    best, best_score = ",", (-1.0, -1, 0)
    for rank, sep in enumerate(SEPARATORS):
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        wide = [c for c in counts if c >= 2]
        if not wide:
            continue
        width, _ = Counter(wide).most_common(1)[0]
        score = (sum(c == width for c in counts) / len(counts), width, -rank)
        if score > best_score:
            best, best_score = sep, score
    return best


def _filled(row: Sequence[Any]) -> list[Any]:
    return [cell for cell in row if not is_blank(cell) and str(cell).strip()]


def _looks_like_data(cells: list[Any]) -> bool:
    """A row with a number or a date in it: data, or a title's date, never column names."""
    return any(
        not isinstance(c, str) or _NUMBER_LIKE.fullmatch(c.strip()) is not None for c in cells
    )


def find_header(rows: Sequence[Sequence[Any]]) -> int:
    """The position (0-based) of the row holding the column names among the first rows.

    The column names are the first row with at least two filled cells, none of them a number
    or a date, and about as many filled cells as the rows below it (one fewer is allowed: a
    column without a name). Blank rows and one-cell titles above it are skipped.

    Args:
        rows: the first rows of the file, as lists of cells (text, or Excel values).

    Returns:
        the position of the header row; 0 when no row fits (the header's own problems are
        then reported by the column check).
    """
    filled = [_filled(row) for row in rows[: HEADER_SEARCH + 10]]
    for i, cells in enumerate(filled[:HEADER_SEARCH]):
        if len(cells) < 2 or _looks_like_data(cells):
            continue
        below = [len(c) for c in filled[i + 1 : i + 11] if c]
        if not below or len(cells) >= statistics.median(below) - 1:
            return i
    return 0


def column_names(header: Sequence[Any]) -> tuple[list[str], dict[str, tuple[int, ...]]]:
    """Unique column names from a header row, and the names the header repeats.

    Names are trimmed; an empty cell at position p (0-based) is ``Unnamed: p``; a repeated
    name gets ``.1``, ``.2``... as pandas does, and is reported with its positions (1-based,
    as a spreadsheet numbers columns).
    """
    names: list[str] = []
    positions: dict[str, list[int]] = {}
    for p, cell in enumerate(header):
        name = "" if is_blank(cell) else str(cell).strip()
        if not name:
            names.append(f"Unnamed: {p}")
            continue
        positions.setdefault(name, []).append(p + 1)
        count = len(positions[name]) - 1
        names.append(name if count == 0 else f"{name}.{count}")
    repeated = {name: tuple(where) for name, where in positions.items() if len(where) > 1}
    return names, repeated
