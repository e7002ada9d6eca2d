"""How the your-data messages speak: the one error type, and how they show rows and values.

Every module of :mod:`lessons.yourdata` raises :class:`DataError` with a text from the
catalog (``lessons/data/i18n/*/yourdata.json``); the helpers here write the parts those texts
share (a few bad rows with their values as the file has them, a column's role, a separator),
so the same mistake reads the same wherever it is found.

>>> import pandas as pd
>>> rows_text(pd.Index([3, 7]), ["twelve", ""])
"row 3: 'twelve', row 7: (empty)"
>>> raise DataError("The file is empty.")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: The file is empty.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from lessons.i18n import t

__all__ = ["EXAMPLES", "DataError", "is_blank", "role_label", "rows_text", "show_sep"]

#: How many bad values a message shows.
EXAMPLES = 5


class DataError(ValueError):
    """A file or column that cannot be analysed; the message says what, where and what to do.

    >>> raise DataError("The file is empty.")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The file is empty.
    """

    # Shown (and pickled) under the name learners import it by.
    __module__ = "lessons.yourdata"


def is_blank(value: Any) -> bool:
    """True for a cell with nothing in it: ``None``, NaN or the empty text."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == ""


def rows_text(rows: pd.Index | np.ndarray, values: list[Any]) -> str:
    """The first :data:`EXAMPLES` bad cells as ``row 3: 'twelve'`` (rows as a spreadsheet
    numbers them), each value as the file has it."""
    parts = []
    for row, value in zip(list(rows)[:EXAMPLES], values[:EXAMPLES], strict=False):
        shown = t("yourdata.empty_value") if is_blank(value) else repr(str(value))
        parts.append(t("yourdata.row_value", row=int(row), value=shown))
    return ", ".join(parts)


def role_label(role: str) -> str:
    """A column role in words: ``"customer"`` -> ``"the customer column"``."""
    return t(f"yourdata.role.{role}")


def show_sep(sep: str | None) -> str:
    """A separator as a message shows it (a tab is the word ``tab``)."""
    return {"\t": "tab", None: "-"}.get(sep, sep)
