"""Parsing the values of a column: amounts (``1 234,56 €``, ``$1,234.56``, ``(12.50)``) and scores.

Each parser takes the column as read (its index holds the spreadsheet rows), reads each
distinct text once, and either returns numbers or raises :class:`DataError` listing the rows
and the values, as the file has them, that it could not read. Dates are
:mod:`lessons.yourdata.dates`.

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

from lessons import format as fmt
from lessons.i18n import t
from lessons.yourdata.messages import DataError, option, rows_text
from lessons.yourdata.rules import MAX_AMOUNT, is_missing_marker

__all__ = ["DECIMALS", "check_decimal", "detect_decimal", "parse_amounts", "parse_scores"]

#: The decimal marks an amount may use.
DECIMALS = (".", ",")
#: Amounts read to detect the decimal mark.
_VOTERS = 2000

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
    # A number without thousands marks may carry an exponent (1e3, 1.5E+06), as spreadsheets
    # and databases write big ones.
    number = (
        rf"\d{{1,3}}(?:{thousands}\d{{3}})+(?:{dec}\d*)?"
        rf"|\d+(?:{dec}\d*)?(?:e[+-]?\d+)?|{dec}\d+(?:e[+-]?\d+)?"
    )
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
    for text in texts.dropna().astype(str).head(_VOTERS):
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
    An amount of :data:`~lessons.yourdata.rules.MAX_AMOUNT` or more (``1e309`` reads as
    infinity) is refused: it is a code or a typo, and totals of it would be wrong.

    Args:
        values: the column, as read (text or numbers); its index holds the spreadsheet rows.
        decimal: ``"."`` or ``","``; ``None`` detects it from the values.
        column: the column name, for the error message.
        sep: the file's separator, used only to break a tie in the detection.

    Returns:
        a float Series with the same index.

    Raises:
        DataError: some values are not amounts, or too large to be amounts (the message lists
            rows and values as the file has them).

    >>> parse_amounts(["1 234,56 €", "-12,50", "(7,00)"]).tolist()
    [1234.56, -12.5, -7.0]
    >>> parse_amounts(["$1,234.56", "USD 20", "3.5", "1.5e3"]).tolist()
    [1234.56, 20.0, 3.5, 1500.0]
    >>> parse_amounts(pd.Series(["12", "twelve", ""], index=[2, 3, 4]), column="Montant")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The column 'Montant' has 2 values that are not amounts: \
row 3: 'twelve', row 4: (empty). ...
    >>> parse_amounts(pd.Series(["12", "1e309"], index=[2, 3]), column="Montant")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The column 'Montant' has 1 value too large to be an amount: \
row 3: '1e309'. ...
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    decimal = check_decimal(decimal)
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    if pd.api.types.is_numeric_dtype(series.dtype):
        numbers = series.astype("float64")
        _check_amounts(series, numbers.to_numpy(), column, decimal or ".")
        return numbers
    parsed = _parse_each(series, lambda u, d: _amount_reader(d)(u), decimal, sep)
    _check_amounts(series, parsed.to_numpy(), column, parsed.attrs["decimal"])
    return parsed


def _parse_each(series: pd.Series, read_text, decimal: str | None, sep: str | None) -> pd.Series:
    """Parse each distinct value once (numbers pass through, missing markers give NaN)."""
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
    reader = functools.partial(read_text, d=decimal)
    nan = float("nan")
    values = np.array(
        [
            float(u) if n else nan if is_missing_marker(u) else reader(str(u))
            for u, n in zip(uniques, is_number, strict=True)
        ],
        dtype="float64",
    )
    result = np.full(len(series), np.nan)
    known = codes >= 0
    result[known] = values[codes[known]]
    parsed = pd.Series(result, index=series.index, name=series.name)
    parsed.attrs["decimal"] = decimal
    return parsed


def _missing_hint(values: list[Any]) -> str:
    markers = sorted({str(v).strip() for v in values if is_missing_marker(v)})
    if not markers:
        return ""
    return t("yourdata.hint.missing", markers=", ".join(repr(m) for m in markers))


def _check_amounts(series: pd.Series, values: np.ndarray, column: str, decimal: str) -> None:
    unread = np.isnan(values)
    if unread.any():
        bad = series[unread].tolist()
        count = int(unread.sum())
        raise DataError(
            t(
                "yourdata.error.not_amounts" if count > 1 else "yourdata.error.not_amount",
                column=column,
                count=count,
                examples=rows_text(series.index[unread], bad),
                decimal=decimal,
                comma=option("decimal", ","),
                dot=option("decimal", "."),
            )
            + _missing_hint(bad)
        )
    huge = ~(np.abs(values) < MAX_AMOUNT)
    if huge.any():
        count = int(huge.sum())
        raise DataError(
            t(
                "yourdata.error.huge_amounts" if count > 1 else "yourdata.error.huge_amount",
                column=column,
                count=count,
                examples=rows_text(series.index[huge], _as_written(series[huge].tolist())),
                limit=fmt.money(MAX_AMOUNT, 0),
            )
        )


def _as_written(values: list[Any]) -> list[Any]:
    """Numbers as a learner would have typed them (``1e+300``, not ``1e+300`` as ``inf``)."""
    return [fmt.plain(v) if isinstance(v, float) else v for v in values]


_SCORE = re.compile(r"\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\s*")


def _read_score(text: str, d: str) -> float:
    if _SCORE.fullmatch(text) is None:
        return float("nan")
    return float(text.strip().replace(",", "."))


def parse_scores(
    values: pd.Series | list[Any], *, column: str = "score", role: str | None = None
) -> pd.Series:
    """Scores from 1 (low) to 5 (high) as numbers: ``4``, ``3.5`` or ``3,5``.

    Args:
        values: the column, as read; its index holds the spreadsheet rows.
        column: the column name as the file has it, for the error message.
        role: the score's role (``"engagement"``...), so the message can say how to leave
            the column out.

    Returns:
        a float Series with the same index.

    Raises:
        DataError: some values are not numbers, or outside 1-5 (the message lists rows and
            values as the file has them).

    >>> parse_scores(["4", "3,5", 5]).tolist()
    [4.0, 3.5, 5.0]
    >>> parse_scores(pd.Series(["4", "9"], index=[2, 3]), column="Engagement")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The score column 'Engagement' has 1 value(s) outside the 1-5 \
scale: row 3: '9'. ...
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    if pd.api.types.is_numeric_dtype(series.dtype):
        parsed = series.astype("float64")
    else:
        parsed = _parse_each(series, _read_score, ".", None)
    numbers = parsed.to_numpy()
    unread = np.isnan(numbers)
    if unread.any():
        bad = series[unread].tolist()
        raise DataError(
            t(
                "yourdata.error.not_scores",
                column=column,
                count=int(unread.sum()),
                examples=rows_text(series.index[unread], _as_written(bad)),
                leave_out=option(role, None) if role else t("yourdata.leave_out_column"),
            )
            + _missing_hint(bad)
        )
    outside = (numbers < 1) | (numbers > 5)
    if outside.any():
        raise DataError(
            t(
                "yourdata.error.score_range",
                column=column,
                count=int(outside.sum()),
                examples=rows_text(series.index[outside], _as_written(series[outside].tolist())),
            )
        )
    return pd.Series(numbers, index=series.index, name=series.name)
