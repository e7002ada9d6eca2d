"""How the your-data messages speak: the one error type, rows and values, and options.

Every module of :mod:`lessons.yourdata` raises :class:`DataError` with a text from the
catalog (``lessons/data/i18n/*/yourdata.json``); the helpers here write the parts those texts
share: a few bad rows with their values as the file has them, a column's role, a separator,
and the option that fixes the problem *as the reader gives it*: ``sep=";"`` in Python,
``--sep ";"`` on the command line, a menu in the panel. The command line and the panel say
who is reading with :func:`speaking_to`.

>>> import pandas as pd
>>> rows_text(pd.Index([3, 7]), ["twelve", ""])
"row 3: 'twelve', row 7: (empty)"
>>> option("sep", ";")
'sep=";"'
>>> with speaking_to("cli"):
...     option("sep", ";"), option("dayfirst", False)
('--sep ";"', '--us-dates')
>>> speaking_to("email")
Traceback (most recent call last):
    ...
ValueError: Messages speak to 'python', 'cli' or 'panel' (got 'email').
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from lessons.i18n import t

__all__ = [
    "CALLERS",
    "EXAMPLES",
    "DataError",
    "column_position",
    "is_blank",
    "option",
    "role_label",
    "rows_text",
    "show_sep",
    "speaking_to",
]

#: How many bad values a message shows.
EXAMPLES = 5
#: Who reads the messages: Python code, the ``lessons`` command, the live panel.
CALLERS = ("python", "cli", "panel")

_CALLER: contextvars.ContextVar[str] = contextvars.ContextVar("yourdata_caller", default="python")
# option name -> (Python keyword, command-line flag, panel label key)
_OPTIONS = {
    "sep": ("sep", "--sep", "yourdata.panel.sep"),
    "decimal": ("decimal", "--decimal", "yourdata.panel.decimal"),
    "encoding": ("encoding", "--encoding", "yourdata.panel.encoding"),
    "sheet": ("sheet", "--sheet", "yourdata.panel.sheet"),
    "max_bytes": ("max_bytes", "--max-mb", ""),
    "customer": ("customer", "--customer", "yourdata.panel.role.customer"),
    "amount": ("amount", "--amount", "yourdata.panel.role.amount"),
    "date": ("date", "--date", "yourdata.panel.role.date"),
    "strategic_value": (
        "strategic_value",
        "--strategic-value",
        "yourdata.panel.role.strategic_value",
    ),
    "growth_potential": (
        "growth_potential",
        "--growth-potential",
        "yourdata.panel.role.growth_potential",
    ),
    "engagement": ("engagement", "--engagement", "yourdata.panel.role.engagement"),
}


class DataError(ValueError):
    """A file or column that cannot be analysed; the message says what, where and what to do.

    >>> raise DataError("The file is empty.")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The file is empty.
    """

    # Shown (and pickled) under the name learners import it by.
    __module__ = "lessons.yourdata"


def speaking_to(caller: str) -> contextlib.AbstractContextManager[None]:
    """Within this block, messages name options as ``caller`` gives them (see :data:`CALLERS`)."""
    if caller not in CALLERS:
        raise ValueError(t("yourdata.error.caller", value=caller))
    return _speaking(caller)


@contextlib.contextmanager
def _speaking(caller: str) -> Iterator[None]:
    token = _CALLER.set(caller)
    try:
        yield
    finally:
        _CALLER.reset(token)


def _quoted(value: str) -> str:
    """A value as a shell reads it: bare when safe, else in double quotes."""
    return value if re.fullmatch(r"[\w.+/-]+", value) else '"' + value.replace('"', '\\"') + '"'


def option(name: str, value: Any = True) -> str:
    """The option ``name`` set to ``value``, as the current reader writes it.

    ``value=None`` means "leave it out" (no date column, detect the encoding...).

    >>> option("date", None), option("sheet", 2), option("dayfirst", False)
    ('date=None', 'sheet=2', 'dayfirst=False')
    """
    caller = _CALLER.get()
    if name == "dayfirst":
        key = "month_first" if value is False else "day_first"
        return t(f"yourdata.option.{caller}.{key}")
    keyword, flag, label = _OPTIONS[name]
    if caller == "python":
        shown = '"' + value + '"' if isinstance(value, str) else repr(value)
        return f"{keyword}={shown}"
    if caller == "cli":
        if value is None:
            return t("yourdata.option.cli.without", flag=flag)
        if name == "max_bytes":
            value = math.ceil(value / 1e6)
        return f"{flag} {_quoted(str(value))}"
    if not label:
        return t("yourdata.option.panel.none")
    shown = t("yourdata.panel.none") if value is None else str(value)
    return t("yourdata.option.panel.menu", label=t(label), value=shown)


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


def column_position(position: int) -> str:
    """A column by its place, as a spreadsheet shows it: ``2`` -> ``"column 2 (B)"``."""
    letters, n = "", position
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return t("yourdata.column_position", number=position, letters=letters)


def role_label(role: str) -> str:
    """A column role in words: ``"customer"`` -> ``"the customer column"``."""
    return t(f"yourdata.role.{role}")


def show_sep(sep: str | None) -> str:
    """A separator as a message shows it (a tab is the word ``tab``)."""
    return {"\t": "tab", None: "-"}.get(sep, sep)
