"""Reading an Excel ``.xlsx`` workbook: which sheet, and its cells as the file has them.

Sheets are named as in Excel or numbered from 1, as Excel's tabs are counted. An empty sheet
is never mistaken for an empty workbook: the message says which sheets hold data. Cells are
read as they are: numbers, dates, text, and Excel's error values (``#N/A``, ``#DIV/0!``) as
their text, so that a message can show them.

>>> import io
>>> from openpyxl import Workbook
>>> book = Workbook()
>>> book.active.title = "Notes"
>>> book.create_sheet("Ventes").append(["Client", "CA"])
>>> buffer = io.BytesIO()
>>> book.save(buffer)
>>> sheet_names(buffer.getvalue(), "v.xlsx")
['Notes', 'Ventes']
>>> read_sheet(buffer.getvalue(), "v.xlsx", None)
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: The first sheet of v.xlsx, 'Notes', is empty. The sheets with \
data are: 2: 'Ventes'. Choose one with sheet="Ventes" (or its number, sheet=2).
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from lessons.i18n import t
from lessons.yourdata.messages import DataError, option

__all__ = ["read_sheet", "sheet_names"]

_PEEK_ROWS = 50  # rows looked at to tell whether a sheet has data


def _open(data: bytes, name: str):
    from openpyxl import load_workbook  # imported here: only workbooks need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise DataError(t("yourdata.error.bad_excel", name=name, detail=str(error))) from None


def sheet_names(data: bytes, name: str) -> list[str]:
    """The sheets of a workbook, in the order of their tabs."""
    book = _open(data, name)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _has_data(sheet) -> bool:
    for number, row in enumerate(sheet.iter_rows(values_only=True)):
        if number >= _PEEK_ROWS:
            return False
        if any(cell is not None and str(cell).strip() for cell in row):
            return True
    return False


def _listing(sheets: list[tuple[int, str]]) -> str:
    return ", ".join(f"{number}: {title!r}" for number, title in sheets)


def _choose(book, name: str, sheet: str | int | None) -> tuple[Any, bool]:
    """The worksheet asked for, and whether it was asked for (not the default first one)."""
    titles = list(book.sheetnames)
    if sheet is None:
        return book[titles[0]], False
    if isinstance(sheet, str) and sheet in titles:
        return book[sheet], True
    position = None
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        position = sheet
    elif isinstance(sheet, str) and sheet.strip().isdigit():
        position = int(sheet.strip())
    if position is not None and 1 <= position <= len(titles):
        return book[titles[position - 1]], True
    raise DataError(
        t(
            "yourdata.error.unknown_sheet",
            sheet=sheet,
            name=name,
            sheets=_listing(list(enumerate(titles, start=1))),
            count=len(titles),
        )
    )


def read_sheet(data: bytes, name: str, sheet: str | int | None) -> tuple[list[list[Any]], str]:
    """The rows of one sheet (lists of cell values, row 1 first) and the sheet's name.

    Args:
        data: the workbook's bytes; name: the file name for messages.
        sheet: a sheet name, or its number from 1 (``2`` or ``"2"``); ``None``: the first.

    Raises:
        DataError: a damaged workbook, an unknown sheet, or an empty sheet (the message lists
            the sheets that have data).
    """
    book = _open(data, name)
    try:
        chosen, asked = _choose(book, name, sheet)
        rows = [list(row) for row in chosen.iter_rows(values_only=True)]
        if not any(c is not None and str(c).strip() for row in rows for c in row):
            titles = list(book.sheetnames)
            with_data = [(n, s) for n, s in enumerate(titles, start=1) if _has_data(book[s])]
            if not with_data:
                raise DataError(t("yourdata.error.empty_file", name=name))
            first = with_data[0]
            raise DataError(
                t(
                    "yourdata.error.empty_sheet" if asked else "yourdata.error.empty_first_sheet",
                    name=name,
                    sheet=chosen.title,
                    sheets=_listing(with_data),
                    by_name=option("sheet", first[1]),
                    by_number=option("sheet", first[0]),
                )
            )
        return rows, chosen.title
    finally:
        book.close()
