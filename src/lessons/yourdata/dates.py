"""Parsing a date column: ISO, day-first or month-first, and never a date that wraps around.

The format is chosen once for the whole column, so a file is never read half one way and
half the other. Dates outside the years 1900-2099 (``9999-12-31`` for "no end", ``0001-01-01``
for "no date", a year typed ``2204``) are refused with their rows: pandas would read them at
a coarse resolution and a cast to nanoseconds would silently wrap them into another century.

>>> dates, used = parse_dates(["31/01/2024", "01/02/2024"])
>>> dates.dt.strftime("%Y-%m-%d").tolist(), used
(['2024-01-31', '2024-02-01'], '%d/%m/%Y')
>>> parse_dates(pd.Series(["2024-01-31", "9999-12-31"], index=[2, 3]), column="Date")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: The column 'Date' has 1 date outside the years 1900 to 2099: \
row 3: '9999-12-31'. ...
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from lessons.i18n import t
from lessons.yourdata.messages import DataError, option, rows_text
from lessons.yourdata.rules import FIRST_YEAR, LAST_YEAR, is_missing_marker

__all__ = ["DATE_FORMATS", "parse_dates"]

#: Date formats tried, in order; day-first before month-first (European files).
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%Y/%m/%d",
    "%Y%m%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%m/%d/%Y %H:%M",
    "%Y-%m",
)
_DAY_FIRST = tuple(f for f in DATE_FORMATS if f.startswith("%d"))
_MONTH_FIRST = tuple(f for f in DATE_FORMATS if f.startswith("%m"))
# Seconds: every date is checked at this resolution, which holds any year from 1 to 9999.
_UNIT = "datetime64[s]"


def _formats(dayfirst: bool | None) -> list[str]:
    if dayfirst is True:
        return [f for f in DATE_FORMATS if f not in _MONTH_FIRST]
    if dayfirst is False:
        return [f for f in DATE_FORMATS if f not in _DAY_FIRST]
    return list(DATE_FORMATS)


def _best_format(texts: pd.Series, formats: list[str]) -> str | None:
    """The format that reads the most of the first values (the first one wins a tie)."""
    sample = texts.head(500)
    best, count = None, -1
    for candidate in formats:
        read = int(pd.to_datetime(sample, format=candidate, errors="coerce").notna().sum())
        if read > count:
            best, count = candidate, read
    return best


def _as_seconds(values: Any) -> np.ndarray:
    return np.array(values, dtype=_UNIT)  # a copy: pandas' own arrays are read-only


def _unique_dates(
    uniques: np.ndarray, is_date: np.ndarray, dayfirst: bool | None
) -> tuple[np.ndarray, str | None]:
    """Each distinct value as a date (NaT where it cannot be read), and the format used."""
    texts = pd.Series(uniques, dtype=object).astype(str).str.strip()
    texts[[is_missing_marker(u) for u in uniques]] = ""
    used = _best_format(texts[~is_date], _formats(dayfirst))
    out = _as_seconds(pd.to_datetime(texts, format=used, errors="coerce"))
    if is_date.any():
        direct = pd.to_datetime(pd.Series(uniques[is_date], dtype=object), errors="coerce")
        out[is_date] = _as_seconds(direct)
        used = used if (~is_date).any() else None
    return out, used


def parse_dates(
    values: pd.Series | list[Any],
    *,
    dayfirst: bool | None = None,
    column: str = "date",
) -> tuple[pd.Series, str | None]:
    """Dates from text: ISO (``2024-01-31``), day-first (``31/01/2024``) or month-first.

    The format is the one that reads the most values, day-first winning a tie
    (``03/04/2024`` is 3 April) unless ``dayfirst`` says otherwise. Date cells from Excel
    pass through.

    Args:
        values: the column, as read; its index holds the spreadsheet rows.
        dayfirst: ``None`` detects the order; ``True`` reads day first only; ``False`` (US
            files, ``04/03/2024`` = 3 April) month first only, and a value that can only be
            read day first is reported rather than read the other way.
        column: the column name, for the error message.

    Returns:
        ``(dates, format)``: a ``datetime64`` Series with the same index, and the format used
        (``None`` when the cells were already dates).

    Raises:
        DataError: some values are not dates, contradict ``dayfirst``, or fall outside the
            years 1900-2099 (the message lists rows and values as the file has them).

    >>> parse_dates(pd.Series(["2024-01-31", "soon"], index=[2, 3]), column="Date")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The column 'Date' has 1 value that is not a date: \
row 3: 'soon'. ...
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    used: str | None = None
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        dates = series.dt.tz_localize(None) if series.dt.tz is not None else series
        seconds = _as_seconds(dates)
    else:
        if isinstance(series.dtype, pd.CategoricalDtype):  # each distinct text is there once
            codes = series.cat.codes.to_numpy()
            uniques = np.asarray(series.cat.categories, dtype=object)
        else:
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            uniques = np.asarray(uniques, dtype=object)
        if series.dtype != object and not isinstance(series.dtype, pd.CategoricalDtype):
            is_date = np.zeros(len(uniques), dtype=bool)  # a text column holds only text
        else:  # categories, or an Excel column mixing date cells and text cells
            is_date = np.array([hasattr(u, "year") for u in uniques], dtype=bool)
        per_value, used = _unique_dates(uniques, is_date, dayfirst)
        # One lookup per row; code -1 (an empty cell) takes the NaT appended last.
        seconds = np.append(per_value, np.datetime64("NaT", "s"))[codes]
    _check_read(series, seconds, column, dayfirst)
    _check_range(series, seconds, column)
    return pd.Series(seconds, index=series.index, name=series.name), used


def _check_read(series: pd.Series, seconds: np.ndarray, column: str, dayfirst: bool | None):
    bad = np.isnat(seconds)
    if not bad.any():
        return
    where, shown = series.index[bad], series[bad].tolist()
    count = int(bad.sum())
    if dayfirst is not None:
        # Would these values read the other way? Then the order asked for is wrong for them.
        other = _formats(not dayfirst)
        texts = pd.Series(shown, dtype=object).astype(str).str.strip()
        readable = pd.Series(False, index=texts.index)
        for candidate in other:
            readable |= pd.to_datetime(texts, format=candidate, errors="coerce").notna()
        if readable.any():
            raise DataError(
                t(
                    "yourdata.error.date_order",
                    column=column,
                    count=int(readable.sum()),
                    asked=option("dayfirst", dayfirst),
                    order=t("yourdata.order.day" if dayfirst else "yourdata.order.month"),
                    other=t("yourdata.order.month" if dayfirst else "yourdata.order.day"),
                    examples=rows_text(where[readable.to_numpy()], texts[readable].tolist()),
                    undo=option("dayfirst", not dayfirst),
                )
            )
    missing = [v for v in shown if is_missing_marker(v)]
    raise DataError(
        t(
            "yourdata.error.not_dates" if count > 1 else "yourdata.error.not_date",
            column=column,
            count=count,
            examples=rows_text(where, shown),
            leave_out=option("date", None),
        )
        + (t("yourdata.hint.missing", markers=repr(missing[0])) if missing else "")
    )


def _check_range(series: pd.Series, seconds: np.ndarray, column: str) -> None:
    first = np.datetime64(f"{FIRST_YEAR}-01-01", "s")
    after = np.datetime64(f"{LAST_YEAR + 1}-01-01", "s")
    outside = (seconds < first) | (seconds >= after)
    if outside.any():
        count = int(outside.sum())
        raise DataError(
            t(
                "yourdata.error.date_range" if count > 1 else "yourdata.error.date_out",
                column=column,
                count=count,
                first=FIRST_YEAR,
                last=LAST_YEAR,
                examples=rows_text(series.index[outside], series[outside].tolist()),
                leave_out=option("date", None),
            )
        )
