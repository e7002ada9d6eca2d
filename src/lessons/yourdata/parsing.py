"""Parsing the values of a column: amounts (``1 234,56 €``, ``$1,234.56``, ``(12.50)``) and dates.

Each parser takes the column as read (its index holds the spreadsheet rows), reads each
distinct text once, and either returns numbers or raises :class:`DataError` listing the rows
and the values, as the file has them, that it could not read.

>>> parse_amounts(["1 234,56 €", "-12,50", "(7,00)"]).tolist()
[1234.56, -12.5, -7.0]
>>> parse_amounts(["douze"], column="Montant")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: The column 'Montant' has 1 value that is not an amount: ...
"""

from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np
import pandas as pd

from lessons.i18n import t
from lessons.yourdata.messages import DataError, rows_text
from lessons.yourdata.reading import SAMPLE_ROWS

__all__ = ["DECIMALS", "check_decimal", "detect_decimal", "parse_amounts", "parse_dates"]

#: The decimal marks an amount may use.
DECIMALS = (".", ",")

# Spaces that spreadsheets put between thousands: normal, no-break, narrow no-break, thin.
_SPACES = " \u00a0\u202f\u2009"
_CURRENCY = r"(?:€|\$|£|¥|eur|euros?|usd|us\$|gbp|chf|cad|aud)"
_MINUS = "-\u2212"  # hyphen-minus and the typographic minus sign


def check_decimal(decimal: str | None) -> str | None:
    """The decimal mark given, checked (``"."`` or ``","``); ``None`` means "detect it".

    >>> check_decimal(";")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The decimal mark must be '.' or ',' (got ';').
    """
    if decimal is None:
        return None
    if decimal not in DECIMALS:
        raise DataError(t("yourdata.error.bad_decimal", decimal=decimal))
    return decimal


@functools.cache
def _amount_pattern(decimal: str) -> re.Pattern[str]:
    """One amount: signs, currency and parentheses around a number written with ``decimal``."""
    dec = re.escape(decimal)
    thousands = "[" + re.escape(_SPACES + "'’" + ("." if decimal == "," else ",")) + "]"
    number = rf"(?:\d{{1,3}}(?:{thousands}\d{{3}})+|\d+)(?:{dec}\d*)?|{dec}\d+"
    sign = "[+" + re.escape(_MINUS) + "]"  # escaped: "+-−" would be a range
    space = rf"[\s{_SPACES}]*"
    return re.compile(
        rf"{space}(?P<open>\()?{space}(?P<s1>{sign})?{space}(?:{_CURRENCY}{space})?"
        rf"(?P<s2>{sign})?{space}(?P<number>{number}){space}(?:{_CURRENCY})?{space}"
        rf"(?P<s3>[{re.escape(_MINUS)}])?{space}(?P<close>\))?{space}",
        re.IGNORECASE,
    )


def _amount_reader(decimal: str):
    """A function text -> float (NaN if the text is not an amount), for one decimal mark."""
    match = _amount_pattern(decimal).fullmatch
    # Deleting the thousands marks and turning the decimal mark into "." is one translate().
    table = str.maketrans({c: None for c in _SPACES + "'’" + ("." if decimal == "," else ",")})
    if decimal == ",":
        table[ord(",")] = "."
    minus = set(_MINUS)
    nan = float("nan")

    def read(text: str) -> float:
        found = match(text)
        if found is None or (found["open"] is None) != (found["close"] is None):
            return nan
        value = float(found["number"].translate(table))
        signs = (found["s1"], found["s2"], found["s3"])
        negative = found["open"] is not None or any(s in minus for s in signs if s)
        return -value if negative else value

    return read


def detect_decimal(texts: pd.Series, sep: str | None) -> str:
    """The decimal mark of amounts written as text, voted by the amounts themselves.

    A mark followed by one or two digits (``12,5``, ``12.50``) can only be a decimal mark;
    repeated groups of three (``1.234.567``) are thousands; with both marks, the last one is
    the decimal. A tie (no amount decides, as ``1,234``) follows the separator: ``;`` files
    are French, with a decimal comma.

    Args:
        texts: the amounts as text; sep: the file's separator (``None`` if unknown).

    Returns:
        ``"."`` or ``","``.

    >>> detect_decimal(pd.Series(["12,50", "1 234,56 €"]), sep=","), detect_decimal(
    ...     pd.Series(["1,234"]), sep=";")
    (',', ',')
    """
    votes = {".": 0, ",": 0}
    for text in texts.dropna().astype(str).head(SAMPLE_ROWS):
        digits = re.sub(r"[^0-9.,]", "", text)
        last_dot, last_comma = digits.rfind("."), digits.rfind(",")
        if last_dot >= 0 and last_comma >= 0:
            votes["." if last_dot > last_comma else ","] += 1
            continue
        mark = "." if last_dot >= 0 else "," if last_comma >= 0 else None
        if mark is None:
            continue
        tail = digits[digits.rfind(mark) + 1 :]
        if len(tail) != 3 or (digits.count(mark) == 1 and digits.startswith(mark)):
            votes[mark] += 1  # "12,5" or "12.50": only a decimal mark is followed by 1-2 digits
        elif digits.count(mark) > 1:
            votes["," if mark == "." else "."] += 1  # "1.234.567": thousands groups
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return "," if sep == ";" else "."


def parse_amounts(
    values: pd.Series | list[Any],
    *,
    decimal: str | None = None,
    column: str = "amount",
    sep: str | None = None,
) -> pd.Series:
    """Amounts as numbers (€), from text such as ``1 234,56 €``, ``$1,234.56`` or ``(12.50)``.

    Spaces of every kind (normal, no-break, narrow no-break, thin) and apostrophes between
    thousands, a currency sign or code before or after, a minus sign before or after, or
    parentheses (an accounting refund) are accepted. Numbers already numeric pass through.

    Args:
        values: the column, as read (text or numbers); its index holds the spreadsheet rows.
        decimal: ``"."`` or ``","``; ``None`` detects it from the values.
        column: the column name, for the error message.
        sep: the file's separator, used only to break a tie in the detection.

    Returns:
        a float Series with the same index.

    Raises:
        DataError: some values are not amounts (the message lists rows and values).

    >>> parse_amounts(["1 234,56 €", "-12,50", "(7,00)"]).tolist()
    [1234.56, -12.5, -7.0]
    >>> parse_amounts(["$1,234.56", "USD 20", "3.5"]).tolist()
    [1234.56, 20.0, 3.5]
    >>> parse_amounts(pd.Series(["12", "twelve", ""], index=[2, 3, 4]), column="Montant")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The column 'Montant' has 2 values that are not amounts: \
row 3: 'twelve', row 4: (empty). ...
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    decimal = check_decimal(decimal)
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    if pd.api.types.is_numeric_dtype(series.dtype):
        numbers = series.astype("float64")
        bad = numbers.isna() | ~np.isfinite(numbers.to_numpy())
        if bad.any():
            _raise_bad_amounts(series, bad, column, decimal or ".")
        return numbers
    # Text (or mixed): parse each distinct value once, then spread the results back.
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
        is_number = np.zeros(len(uniques), dtype=bool)  # a text column holds only text
    else:  # e.g. an Excel column mixing number cells and text cells
        is_number = np.array(
            [isinstance(u, (int, float, np.number)) and not isinstance(u, bool) for u in uniques],
            dtype=bool,
        )
    if decimal is None:
        decimal = detect_decimal(pd.Series(uniques[~is_number]).astype(str), sep)
    read = _amount_reader(decimal)
    parsed = np.array(
        [float(u) if n else read(str(u)) for u, n in zip(uniques, is_number, strict=True)],
        dtype="float64",
    )
    result = np.full(len(series), np.nan)
    known = codes >= 0
    result[known] = parsed[codes[known]]
    bad = ~np.isfinite(result)
    if bad.any():
        _raise_bad_amounts(series, pd.Series(bad, index=series.index), column, decimal)
    return pd.Series(result, index=series.index, name=series.name)


def _raise_bad_amounts(series: pd.Series, bad: pd.Series, column: str, decimal: str) -> None:
    where = series.index[bad.to_numpy()]
    count = int(bad.sum())
    raise DataError(
        t(
            "yourdata.error.not_amounts" if count > 1 else "yourdata.error.not_amount",
            column=column,
            count=count,
            examples=rows_text(where, series[bad.to_numpy()].tolist()),
            decimal=decimal,
        )
    )


#: Date formats tried, in order; day-first before month-first (European files).
_DATE_FORMATS = (
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


def parse_dates(
    values: pd.Series | list[Any],
    *,
    dayfirst: bool | None = None,
    column: str = "date",
) -> tuple[pd.Series, str | None]:
    """Dates from text: ISO (``2024-01-31``) or day-first (``31/01/2024``, ``31.01.2024``).

    The format is chosen once for the whole column (the one that reads the most values, with
    day-first winning a tie: ``03/04/2024`` is 3 April unless ``dayfirst=False``), so a file
    is never read half one way and half the other. Date cells from Excel pass through.

    Args:
        values: the column, as read; its index holds the spreadsheet rows.
        dayfirst: ``False`` for US files (``04/03/2024`` = 3 April); ``None`` or ``True``:
            day first when ambiguous.
        column: the column name, for the error message.

    Returns:
        ``(dates, format)``: a ``datetime64`` Series with the same index, and the format used
        (``None`` when the cells were already dates).

    Raises:
        DataError: some values are not dates (the message lists rows and values).

    >>> dates, fmt = parse_dates(["31/01/2024", "01/02/2024"])
    >>> dates.dt.strftime("%Y-%m-%d").tolist(), fmt
    (['2024-01-31', '2024-02-01'], '%d/%m/%Y')
    >>> parse_dates(pd.Series(["2024-01-31", "soon"], index=[2, 3]), column="Date")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The column 'Date' has 1 value that is not a date: \
row 3: 'soon'. ...
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        dates = series.dt.tz_localize(None) if series.dt.tz is not None else series
        fmt = None
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        uniques = np.asarray(uniques, dtype=object)
        if series.dtype != object and not isinstance(series.dtype, pd.CategoricalDtype):
            is_date = np.zeros(len(uniques), dtype=bool)  # a text column holds only text
        else:  # categories, or an Excel column mixing date cells and text cells
            is_date = np.array(
                [
                    isinstance(u, (pd.Timestamp, np.datetime64)) or hasattr(u, "year")
                    for u in uniques
                ],
                dtype=bool,
            )
        texts = pd.Series(uniques, dtype=object).astype(str).str.strip()
        formats = list(_DATE_FORMATS)
        if dayfirst is False:
            formats.sort(key=lambda f: not f.startswith("%m"))
        sample = texts[~is_date].head(500)
        fmt, best = None, -1
        for candidate in formats:
            count = int(pd.to_datetime(sample, format=candidate, errors="coerce").notna().sum())
            if count > best:
                fmt, best = candidate, count
        parsed = pd.to_datetime(texts, format=fmt, errors="coerce")
        if is_date.any():
            direct = pd.to_datetime(pd.Series(uniques[is_date], dtype=object), errors="coerce")
            parsed = pd.Series(parsed.to_numpy(), dtype="datetime64[ns]")
            parsed[is_date] = direct.to_numpy(dtype="datetime64[ns]")
            fmt = fmt if (~is_date).any() else None
        values_ns = np.asarray(parsed, dtype="datetime64[ns]")
        out = np.full(len(series), np.datetime64("NaT"), dtype="datetime64[ns]")
        known = codes >= 0
        out[known] = values_ns[codes[known]]
        dates = pd.Series(out, index=series.index, name=series.name)
    bad = dates.isna().to_numpy()
    if bad.any():
        where = series.index[bad]
        count = int(bad.sum())
        raise DataError(
            t(
                "yourdata.error.not_dates" if count > 1 else "yourdata.error.not_date",
                column=column,
                count=count,
                examples=rows_text(where, series[bad].tolist()),
            )
        )
    return dates, fmt
