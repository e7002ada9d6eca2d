"""Apply the course to your own data: load a customer or transactions file, check it, report.

Real exports are messy. French spreadsheets use ``;`` between columns, a decimal comma,
(narrow) non-breaking spaces between thousands, ``DD/MM/YYYY`` dates and the Windows-1252
encoding; English ones use ``,`` and ISO dates; amounts carry ``€`` or ``$``; refunds are
negative; columns are named anything. This module

* reads a CSV (separator, decimal mark, encoding UTF-8 / UTF-8 with BOM / Windows-1252
  detected or given) or an Excel ``.xlsx`` file, **never writing to it**;
* keeps the columns you map (customer, amount, optional date and score columns), parses
  amounts such as ``1 234,56 €``, ``$1,234.56``, ``-12,50`` or ``(12.50)`` and dates such as
  ``2024-01-31`` or ``31/01/2024``;
* stops with one error type, :class:`DataError` (a ``ValueError``), whose message says what
  is wrong, where (row numbers as a spreadsheet shows them: the header is row 1) and what is
  accepted;
* builds a :class:`Report` with :func:`analyze`: ABC key accounts, concentration (top 1/5/10/20 %
  shares, share of customers making 80 % of revenue, HHI, largest customer against the 10 %
  major-customer and 15 % risk thresholds), the weighted key-account score when score columns
  exist, and with dates the monthly revenue, its month-over-month growth and each key
  account's growth. Every formula is called from :mod:`lessons.accounts` and
  :mod:`lessons.kpis`; none is repeated here.

>>> csv_text = "Client;Montant\\nACME;1 234,56 €\\nBeta;765,44 €\\nGamma;-12,50\\n"
>>> report = analyze_file(csv_text.encode("cp1252"), customer="Client", amount="Montant")
>>> report.customers, round(report.total_revenue, 2)
(2, 2000.0)
>>> analyze_file(csv_text.encode(), customer="Clients", amount="Montant")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: There is no column 'Clients' (the customer column) in the file. \
The file has these columns: 'Client', 'Montant'. Did you mean 'Client'?
"""

from __future__ import annotations

import codecs
import csv
import difflib
import functools
import io
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons.accounts import concentration, key_account_score, pareto_table
from lessons.i18n import t
from lessons.kpis import growth_rate, monthly_growth

__all__ = [
    "MAJOR_CUSTOMER_THRESHOLD",
    "RISK_THRESHOLD",
    "SAMPLE_MAPPING",
    "TOP_FRACTIONS",
    "CustomerData",
    "DataError",
    "FileInfo",
    "Report",
    "analyze",
    "analyze_file",
    "guess_mapping",
    "inspect_file",
    "load_customer_file",
    "parse_amounts",
    "parse_dates",
    "sample_file",
    "synthetic_transactions",
]

#: A customer making at least this share of revenue is a "major customer" (the threshold of
#: IFRS 8.34, which requires disclosing any customer that makes 10 % or more of revenue).
MAJOR_CUSTOMER_THRESHOLD = 0.10
#: Above this share, losing the customer is a risk the course asks you to plan for: the line
#: this course draws (not a legal or accounting threshold; adjust it to your business).
RISK_THRESHOLD = 0.15
#: The shares of customers whose revenue share the report gives (top ceil(p x N) customers).
TOP_FRACTIONS = (0.01, 0.05, 0.10, 0.20)

#: The columns of the bundled sample (:func:`sample_file`), a French export.
SAMPLE_MAPPING = {"customer": "Client", "amount": "Montant TTC", "date": "Date"}

_SEPARATORS = (";", ",", "\t", "|")
_DECIMALS = (".", ",")
_SCORE_ROLES = ("strategic_value", "growth_potential", "engagement")
_EXAMPLES = 5  # how many bad values an error message shows
_SAMPLE_ROWS = 2000  # rows read first to detect the formats
_EXCEL_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format

# Spaces that spreadsheets put between thousands: normal, no-break, narrow no-break, thin.
_SPACES = " \u00a0\u202f\u2009"
_CURRENCY = r"(?:€|\$|£|¥|eur|euros?|usd|us\$|gbp|chf|cad|aud)"
_MINUS = "-\u2212"  # hyphen-minus and the typographic minus sign


def sample_file(name: str = "sample_transactions_fr.csv") -> Path:
    """Path of a bundled sample file: by default 2,400 made-up orders of 40 French customers.

    The default sample is a typical French export (``;``, decimal comma, no-break spaces,
    ``€``, ``DD/MM/YYYY`` dates, Windows-1252); its columns are :data:`SAMPLE_MAPPING`.
    ``"samples/customers_en.csv"`` is an English per-customer file with 1-5 scores.

    >>> sample_file().name
    'sample_transactions_fr.csv'
    >>> sample_file("nope.csv")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: There is no sample 'nope.csv'. Samples: ...
    """
    root = Path(str(resources.files("lessons") / "data"))
    extra = sorted(f"samples/{p.name}" for p in (root / "samples").glob("*.csv"))
    known = ["sample_transactions_fr.csv", *extra]
    if name not in known:
        raise DataError(t("yourdata.error.no_sample", name=name, known=", ".join(known)))
    return root / name


class DataError(ValueError):
    """A file or column that cannot be analysed; the message says what, where and what to do.

    >>> raise DataError("The file is empty.")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The file is empty.
    """


@dataclass(frozen=True)
class FileInfo:
    """What was read and detected: the columns, and how the file is written.

    ``sep``, ``decimal`` and ``encoding`` are ``None`` for Excel files. ``sample`` is the first
    rows as text, for a preview.
    """

    name: str
    kind: str  # "csv" or "excel"
    columns: list[str]
    sep: str | None
    encoding: str | None
    sample: pd.DataFrame = field(repr=False)


@dataclass(frozen=True)
class CustomerData:
    """A checked file: one row per order (``transactions``) or per customer (``customers``).

    ``frame`` has the columns ``customer`` (text), ``amount`` (€, refunds negative), ``date``
    (when mapped), the mapped score columns, and ``row`` (the spreadsheet row number).
    """

    frame: pd.DataFrame = field(repr=False)
    kind: str
    name: str
    sep: str | None
    decimal: str
    encoding: str | None
    date_format: str | None
    scores: tuple[str, ...]

    @property
    def rows(self) -> int:
        """Number of data rows kept (blank lines dropped)."""
        return len(self.frame)


@dataclass(frozen=True)
class Report:
    """Key accounts, concentration and, with dates, monthly KPIs of one customer file.

    Shares are fractions (0.25 = 25 %), money in €. ``revenue`` is net revenue per customer
    (refunds netted), highest first, for the customers with a positive net revenue; customers
    whose refunds cancel their purchases are listed in ``excluded_customers``.
    """

    name: str
    kind: str
    rows: int
    customers: int
    total_revenue: float
    revenue: pd.Series = field(repr=False)
    pareto: pd.DataFrame = field(repr=False)
    key_accounts: list[str]
    top_share: dict[str, float]
    customers_share_for_80pct: float
    hhi: float
    largest_customer: str
    largest_share: float
    major_customer: bool
    concentration_risk: bool
    refund_rows: int
    refund_total: float
    excluded_customers: list[str]
    scores: pd.DataFrame | None = field(default=None, repr=False)
    monthly_revenue: pd.Series | None = field(default=None, repr=False)
    monthly_growth: pd.Series | None = field(default=None, repr=False)
    key_account_growth: pd.DataFrame | None = field(default=None, repr=False)
    detected: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON summary of ``lessons analyze --json`` (plain Python numbers and lists)."""
        return {
            "customers": int(self.customers),
            "total_revenue": float(self.total_revenue),
            "top_share": {k: float(v) for k, v in self.top_share.items()},
            "customers_share_for_80pct": float(self.customers_share_for_80pct),
            "hhi": float(self.hhi),
            "largest_share": float(self.largest_share),
            "key_accounts": [str(c) for c in self.key_accounts],
        }

    def to_text(self) -> str:
        """A readable report, as ``lessons analyze`` prints it."""
        return _report_text(self)


# --------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------


def _display_name(source: Any, name: str | None) -> str:
    """The file's name as reports show it: no folders (they differ between machines)."""
    if name:
        return str(name)
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return t("yourdata.uploaded_file")


def _read_source(source: Any) -> bytes:
    """The bytes of the file (a path or the content itself); opened read-only."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "read"):
        data = source.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not isinstance(source, (str, os.PathLike)):
        raise DataError(t("yourdata.error.bad_source", type=type(source).__name__))
    path = Path(source)
    if not path.exists():
        raise DataError(t("yourdata.error.missing_file", path=str(path), cwd=os.getcwd()))
    if path.is_dir():
        raise DataError(t("yourdata.error.not_a_file", path=str(path)))
    with path.open("rb") as handle:
        return handle.read()


def _file_kind(data: bytes, name: str) -> str:
    lower = name.lower()
    if data.startswith(_OLE_MAGIC) or lower.endswith(".xls"):
        raise DataError(t("yourdata.error.old_excel", name=name))
    if data.startswith(_EXCEL_MAGIC) or lower.endswith((".xlsx", ".xlsm")):
        return "excel"
    return "csv"


def _detect_encoding(data: bytes, encoding: str | None, name: str) -> str:
    """The encoding given (checked) or detected: BOM, then UTF-8, then Windows-1252."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise DataError(t("yourdata.error.unknown_encoding", encoding=encoding)) from None
        try:
            data.decode(codec)
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise DataError(
                t(
                    "yourdata.error.wrong_encoding",
                    name=name,
                    encoding=encoding,
                    line=line,
                    byte=data[error.start : error.start + 1].hex(),
                )
            ) from None
        return "utf-8-sig" if codec == "utf-8" and data.startswith(codecs.BOM_UTF8) else codec
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"  # decodes any byte: the last resort, never fails


def _check_sep(sep: str | None) -> str | None:
    if sep is None:
        return None
    aliases = {"\\t": "\t", "tab": "\t", "TAB": "\t", "semicolon": ";", "comma": ","}
    sep = aliases.get(sep, sep)
    if len(sep) != 1 or sep.isalnum() or sep in "\"'\n\r":
        raise DataError(t("yourdata.error.bad_sep", sep=sep))
    return sep


def _check_decimal(decimal: str | None) -> str | None:
    if decimal is None:
        return None
    if decimal not in _DECIMALS:
        raise DataError(t("yourdata.error.bad_decimal", decimal=decimal))
    return decimal


def _detect_sep(text: str) -> str:
    """The separator that splits the first lines into the same number (≥ 2) of fields."""
    lines = text.splitlines()[:51]
    if len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut in the middle
    lines = [line for line in lines if line.strip()]
    best, best_score = ",", (-1, -1, 0)
    for rank, sep in enumerate(_SEPARATORS):
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        score = (consistent, counts[0], -rank)
        if score > best_score:
            best, best_score = sep, score
    return best


def _clean_columns(columns: pd.Index) -> list[str]:
    return [str(c).strip() for c in columns]


def _read_csv(data: bytes, sep: str, encoding: str, name: str, **options: Any) -> pd.DataFrame:
    """The C parser, strict: a row with more fields than the header is an error, not data."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(data),
                sep=sep,
                encoding=encoding,
                engine="c",
                index_col=False,
                skip_blank_lines=False,
                keep_default_na=False,
                na_values=[""],
                skipinitialspace=True,
                **options,
            )
    except pd.errors.EmptyDataError:
        raise DataError(t("yourdata.error.empty_file", name=name)) from None
    except (pd.errors.ParserError, pd.errors.ParserWarning, csv.Error, ValueError) as error:
        raise _table_error(data, sep, encoding, name, error) from None
    return frame


def _table_error(data: bytes, sep: str, encoding: str, name: str, error: Exception) -> DataError:
    """Say which row breaks the table, found by reading the file again with :mod:`csv`."""
    if isinstance(error, UnicodeDecodeError):
        return DataError(
            t("yourdata.error.wrong_encoding", name=name, encoding=encoding, line="?", byte="?")
        )
    try:
        rows = csv.reader(io.StringIO(data.decode(encoding, errors="replace")), delimiter=sep)
        header = next(rows)
        for number, row in enumerate(rows, start=2):
            if len(row) > len(header):  # fewer fields are fine: missing values
                return DataError(
                    t(
                        "yourdata.error.field_count",
                        name=name,
                        row=number,
                        found=len(row),
                        expected=len(header),
                        sep=_show_sep(sep),
                        text=sep.join(row)[:80],
                    )
                )
    except (csv.Error, StopIteration):
        pass
    quote = re.search(r"EOF inside string starting at row (\d+)", str(error))
    if quote:
        return DataError(t("yourdata.error.open_quote", name=name, row=int(quote.group(1)) + 1))
    return DataError(
        t(
            "yourdata.error.unreadable",
            name=name,
            sep=_show_sep(sep),
            detail=" ".join(str(error).split()).rstrip("."),
        )
    )


def _read_excel(data: bytes, name: str, sheet: str | int | None, **options: Any) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise DataError(t("yourdata.error.bad_excel", name=name, detail=str(error))) from None
    sheets = book.sheet_names
    if sheet is None:
        sheet = sheets[0]
    elif sheet not in sheets and not (isinstance(sheet, int) and 0 <= sheet < len(sheets)):
        raise DataError(
            t(
                "yourdata.error.unknown_sheet",
                sheet=sheet,
                name=name,
                sheets=", ".join(repr(s) for s in sheets),
            )
        )
    try:
        frame = pd.read_excel(book, sheet_name=sheet, **options)
    except ValueError as error:
        raise DataError(t("yourdata.error.bad_excel", name=name, detail=str(error))) from None
    frame.columns = _clean_columns(frame.columns)
    return frame


def _show_sep(sep: str | None) -> str:
    return {"\t": "tab", None: "-"}.get(sep, sep)


def inspect_file(
    source: Any,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
) -> FileInfo:
    """The columns of a file and how it is written, to choose the column mapping.

    Args:
        source: a path, or the file's bytes (an upload); the file is only read.
        sep: column separator (``";"``, ``","``, ``"\\t"``, ``"|"``); ``None`` detects it.
        encoding: e.g. ``"utf-8"``, ``"cp1252"``; ``None`` detects UTF-8 (with or without
            BOM) or Windows-1252.
        sheet: Excel sheet name or position (default: the first sheet).
        name: the file name to show in messages (and its extension) when ``source`` is bytes.

    Returns:
        a :class:`FileInfo` (columns, detected separator and encoding, the first rows).

    >>> info = inspect_file(b"Date;Client;Montant\\n31/01/2024;ACME;12,50\\n")
    >>> info.columns, info.sep, info.encoding
    (['Date', 'Client', 'Montant'], ';', 'utf-8')
    >>> inspect_file(b"")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The file (uploaded file) is empty: ...
    """
    display = _display_name(source, name)
    data = _read_source(source)
    return _inspect(data, display, sep, encoding, sheet)[0]


def _inspect(
    data: bytes, name: str, sep: str | None, encoding: str | None, sheet: str | int | None
) -> tuple[FileInfo, pd.DataFrame | None]:
    """FileInfo and, for Excel, the whole sheet (read once)."""
    kind = _file_kind(data, name)
    if kind == "excel":
        frame = _read_excel(data, name, sheet, dtype=object)
        if frame.shape[1] == 0 and frame.empty:
            raise DataError(t("yourdata.error.empty_file", name=name))
        info = FileInfo(name, "excel", list(frame.columns), None, None, frame.head(20))
        return info, frame
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise DataError(t("yourdata.error.empty_file", name=name))
    encoding = _detect_encoding(data, encoding, name)
    sep = _check_sep(sep)
    if sep is None:
        sep = _detect_sep(data[:65536].decode(encoding, errors="replace"))
    sample = _read_csv(data, sep, encoding, name, dtype=str, nrows=_SAMPLE_ROWS)
    sample.attrs["raw_columns"] = list(sample.columns)
    sample.columns = _clean_columns(sample.columns)
    return FileInfo(name, "csv", list(sample.columns), sep, encoding, sample), None


def guess_mapping(columns: list[str]) -> dict[str, str | None]:
    """A first guess of which column is which, from usual English and French names.

    Returns a dict with the roles ``customer``, ``amount``, ``date``, ``strategic_value``,
    ``growth_potential``, ``engagement``: a column name, or ``None`` when no name fits.

    >>> guess_mapping(["Date facture", "Nom client", "Montant TTC"])["amount"]
    'Montant TTC'
    >>> guess_mapping(["a", "b"])["customer"] is None
    True
    """
    hints = {
        "customer": ("customer", "client", "account", "compte", "company", "société", "name"),
        "amount": ("amount", "montant", "revenue", "sales", "chiffre", "ca", "total", "price"),
        "date": ("date", "jour", "day", "month", "mois"),
        "strategic_value": ("strateg",),
        "growth_potential": ("growth", "potential", "croissance", "potentiel"),
        "engagement": ("engagement", "relation"),
    }
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    for role, words in hints.items():
        found = None
        for word in words:
            for column in columns:
                tokens = re.split(r"[\s_\-./()]+", column.lower())
                if column not in used and (
                    word in tokens or (len(word) > 3 and word in column.lower())
                ):
                    found = column
                    break
            if found:
                break
        mapping[role] = found
        if found:
            used.add(found)
    return mapping


# --------------------------------------------------------------------------------------
# Parsing values
# --------------------------------------------------------------------------------------


def _rows_text(rows: pd.Index | np.ndarray, values: list[Any]) -> str:
    parts = []
    for row, value in zip(list(rows)[:_EXAMPLES], values[:_EXAMPLES], strict=False):
        shown = t("yourdata.empty_value") if _is_blank(value) else repr(str(value))
        parts.append(t("yourdata.row_value", row=int(row), value=shown))
    return ", ".join(parts)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == ""


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


def _detect_decimal(texts: pd.Series, sep: str | None) -> str:
    """'.' or ',' from the amounts themselves; ties follow the separator (';' -> ',')."""
    votes = {".": 0, ",": 0}
    for text in texts.dropna().astype(str).head(_SAMPLE_ROWS):
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
    decimal = _check_decimal(decimal)
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
        decimal = _detect_decimal(pd.Series(uniques[~is_number]).astype(str), sep)
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
            examples=_rows_text(where, series[bad.to_numpy()].tolist()),
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
                examples=_rows_text(where, series[bad].tolist()),
            )
        )
    return dates, fmt


# --------------------------------------------------------------------------------------
# Loading and checking a file
# --------------------------------------------------------------------------------------


def _role_label(role: str) -> str:
    return t(f"yourdata.role.{role}")


def _check_mapping(mapping: dict[str, str | None], columns: list[str], info: FileInfo) -> None:
    seen: dict[str, str] = {}
    for role, column in mapping.items():
        if column is None:
            continue
        if column not in columns:
            close = difflib.get_close_matches(column, columns, n=1, cutoff=0.5)
            if not close:
                lowered = {c.lower(): c for c in columns}
                close = [lowered[column.lower()]] if column.lower() in lowered else []
            hint = t("yourdata.hint.closest", closest=close[0]) if close else ""
            if len(columns) == 1 and info.kind == "csv":
                hint += t("yourdata.hint.one_column", sep=_show_sep(info.sep))
            raise DataError(
                t(
                    "yourdata.error.unknown_column",
                    column=column,
                    role=_role_label(role),
                    columns=", ".join(repr(c) for c in columns),
                    hint=hint,
                )
            )
        if column in seen:
            raise DataError(
                t(
                    "yourdata.error.same_column",
                    column=column,
                    first=_role_label(seen[column]),
                    second=_role_label(role),
                )
            )
        seen[column] = role


def _customer_labels(series: pd.Series) -> pd.Series:
    """Customer names as categories, trimmed (``'ACME '`` and ``'ACME'`` are one customer)."""
    if not isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype("category")
    categories = series.cat.categories
    if pd.api.types.is_float_dtype(categories.dtype) and np.all(
        np.mod(categories.to_numpy(), 1) == 0
    ):
        labels = pd.Index(categories.astype("int64").astype(str))
    else:
        labels = pd.Index(categories.astype(str).str.strip())
    new_codes, uniques = pd.factorize(labels)
    old = series.cat.codes.to_numpy()
    codes = np.where(old >= 0, new_codes[np.maximum(old, 0)], -1) if len(labels) else old
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        codes = np.where(codes == empty[0], -1, codes)
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object)),
        index=series.index,
        name="customer",
    )


def load_customer_file(
    source: Any,
    *,
    customer: str,
    amount: str,
    date: str | None = None,
    strategic_value: str | None = None,
    growth_potential: str | None = None,
    engagement: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    dayfirst: bool | None = None,
    name: str | None = None,
) -> CustomerData:
    """Read and check a transactions file (one row per order) or a customers file.

    The file is only read, never written. Columns are named by you: ``customer`` and
    ``amount`` are required; ``date`` gives monthly KPIs; the three score columns (any scale,
    e.g. 1–5) give the weighted key-account score.

    Args:
        source: path of a ``.csv`` / ``.txt`` / ``.xlsx`` file, or its bytes (an upload).
        customer, amount, date, strategic_value, growth_potential, engagement: column names.
        sep: CSV separator; ``None`` detects ``;``, ``,``, tab or ``|``.
        decimal: ``"."`` or ``","``; ``None`` detects it from the amounts.
        encoding: ``None`` detects UTF-8, UTF-8 with BOM or Windows-1252.
        sheet: Excel sheet name or position (default: the first).
        dayfirst: ``False`` for US dates (month first); by default day first when ambiguous.
        name: the file name to show in messages when ``source`` is bytes.

    Returns:
        a :class:`CustomerData`.

    Raises:
        DataError: the file or a column cannot be used; the message says where and why.

    >>> data = load_customer_file(
    ...     b"customer,amount\\nACME,$1,200.00\\nACME,-200\\nBeta,$500\\n",
    ...     customer="customer", amount="amount")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: Row 2 of (uploaded file) has 3 fields but the header has 2 ...
    >>> data = load_customer_file(
    ...     b'customer,amount\\nACME,"$1,200.00"\\nACME,-200\\nBeta,$500\\n',
    ...     customer="customer", amount="amount")
    >>> data.kind, data.frame["amount"].tolist()
    ('transactions', [1200.0, -200.0, 500.0])
    """
    display = _display_name(source, name)
    decimal = _check_decimal(decimal)
    data = _read_source(source)
    info, excel_frame = _inspect(data, display, sep, encoding, sheet)
    mapping = {
        "customer": customer,
        "amount": amount,
        "date": date,
        "strategic_value": strategic_value,
        "growth_potential": growth_potential,
        "engagement": engagement,
    }
    for role in ("customer", "amount"):
        if not isinstance(mapping[role], str) or not mapping[role]:
            raise DataError(t("yourdata.error.no_column", role=_role_label(role)))
    _check_mapping(mapping, info.columns, info)
    if info.sample.empty:
        raise DataError(
            t(
                "yourdata.error.header_only",
                name=display,
                columns=", ".join(repr(c) for c in info.columns),
            )
        )
    used = {role: col for role, col in mapping.items() if col is not None}
    if info.kind == "excel":
        frame = excel_frame[list(dict.fromkeys(used.values()))].copy()
        amount_decimal = decimal
    else:
        amount_decimal = decimal or _detect_decimal(info.sample[amount], info.sep)
        frame = _read_full_csv(data, info, used, amount_decimal)
    frame.index = pd.RangeIndex(2, len(frame) + 2)  # spreadsheet rows: the header is row 1
    # A blank line has every mapped cell empty; look only where the customer is missing.
    missing = np.flatnonzero(frame[used["customer"]].isna().to_numpy())
    if missing.size:
        blank = missing[frame.iloc[missing].isna().all(axis=1).to_numpy()]
        frame = frame.drop(frame.index[blank])
    if frame.empty:
        raise DataError(
            t(
                "yourdata.error.header_only",
                name=display,
                columns=", ".join(repr(c) for c in info.columns),
            )
        )
    return _build_data(frame, used, info, amount_decimal, dayfirst)


def _read_full_csv(data: bytes, info: FileInfo, used: dict[str, str], decimal: str) -> pd.DataFrame:
    """The whole file; customers and dates as categories (each distinct text parsed once).

    Every column is read, not only the mapped ones: with ``usecols`` the parser would silently
    drop the extra fields of a broken row instead of reporting it.
    """
    raw = dict(zip(info.columns, info.sample.attrs["raw_columns"], strict=True))
    dtypes = {raw[used["customer"]]: "category"}
    if "date" in used:
        dtypes[raw[used["date"]]] = "category"
    options: dict[str, Any] = {"dtype": dtypes}
    if decimal != info.sep:
        options["decimal"] = decimal
    frame = _read_csv(data, info.sep, info.encoding, info.name, **options)
    frame.columns = _clean_columns(frame.columns)
    return frame[list(dict.fromkeys(used.values()))]


def _build_data(
    frame: pd.DataFrame,
    used: dict[str, str],
    info: FileInfo,
    decimal: str | None,
    dayfirst: bool | None,
) -> CustomerData:
    out = pd.DataFrame(index=frame.index)
    customers = _customer_labels(frame[used["customer"]])
    missing = customers.isna().to_numpy()
    if missing.any():
        where = frame.index[missing]
        raise DataError(
            t(
                "yourdata.error.missing_customer",
                column=used["customer"],
                count=int(missing.sum()),
                rows=", ".join(str(r) for r in where[:_EXAMPLES]),
            )
        )
    out["customer"] = customers
    out["amount"] = parse_amounts(
        frame[used["amount"]], decimal=decimal, column=used["amount"], sep=info.sep
    )
    date_format = None
    if "date" in used:
        out["date"], date_format = parse_dates(
            frame[used["date"]], dayfirst=dayfirst, column=used["date"]
        )
    scores = []
    for role in _SCORE_ROLES:
        if role in used:
            out[role] = parse_amounts(
                frame[used[role]], decimal=decimal, column=used[role], sep=info.sep
            )
            scores.append(role)
    counts = np.bincount(customers.cat.codes.to_numpy(), minlength=1)
    kind = "customers" if counts.max() <= 1 else "transactions"
    return CustomerData(
        frame=out,
        kind=kind,
        name=info.name,
        sep=info.sep,
        decimal=decimal or ".",
        encoding=info.encoding,
        date_format=date_format,
        scores=tuple(scores),
    )


# --------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------


def _percent_key(fraction: float) -> str:
    return f"{fraction * 100:g}%"


def analyze(data: CustomerData, *, a: float = 0.80, b: float = 0.95) -> Report:
    """Key accounts, concentration and monthly KPIs of a checked file.

    Refunds are netted per customer; customers whose net revenue is zero or negative are left
    out of the shares and listed. Class A of the ABC analysis (customers making the first
    ``a`` of revenue) are the key accounts by revenue.

    Args:
        data: from :func:`load_customer_file`.
        a, b: cumulative revenue shares closing classes A and B (fractions).

    Returns:
        a :class:`Report`.

    Raises:
        DataError: every amount is zero, or fewer than two customers have revenue.

    >>> data = load_customer_file(b"c;a\\nBank;600\\nShop;300\\nCafe;100\\nCafe;-20\\n",
    ...                           customer="c", amount="a")
    >>> report = analyze(data)
    >>> report.key_accounts, round(report.hhi), report.refund_rows
    (['Bank', 'Shop'], 4752, 1)
    >>> analyze(load_customer_file(b"c;a\\nBank;600\\nBank;50\\n", customer="c", amount="a"))
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: Only one customer has revenue in (uploaded file): 'Bank'. ...
    """
    frame = data.frame
    amounts = frame["amount"]
    if not (amounts != 0).any():
        raise DataError(t("yourdata.error.all_zero", name=data.name, rows=len(frame)))
    net = amounts.groupby(frame["customer"], observed=True, sort=False).sum()
    net.index = net.index.astype(str)
    positive = net[net > 0].sort_values(ascending=False, kind="stable")
    excluded = sorted(net.index[net <= 0].astype(str).tolist())
    if len(positive) < 2:
        if len(positive) == 1:
            raise DataError(
                t("yourdata.error.single_customer", name=data.name, customer=positive.index[0])
            )
        raise DataError(t("yourdata.error.no_revenue", name=data.name))
    positive.index.name = "customer"
    positive.name = "revenue"
    pareto = pareto_table(positive, a=a, b=b)
    conc = concentration(positive)
    total = float(positive.sum())
    key_accounts = [str(c) for c in _class_members(pareto, "A")]
    largest = str(positive.index[0])
    largest_share = float(conc.largest_share)
    refunds = amounts[amounts < 0]
    scores = _scores(frame, data.scores, positive) if data.scores else None
    monthly = growth = ka_growth = None
    if "date" in frame:
        # Months as integers (months since 1970-01): one pass over the dates, then bincount.
        month = frame["date"].to_numpy().astype("datetime64[M]").view("int64")
        first = int(month.min())
        sums = np.bincount(month - first, weights=amounts.to_numpy())
        labels = (first + np.arange(len(sums))).astype("datetime64[M]").astype("datetime64[ns]")
        monthly = pd.Series(sums, index=pd.DatetimeIndex(labels, name="month"), name="revenue")
        growth = _monthly_growth(monthly) if len(monthly) > 1 else None
        ka_growth = _key_account_growth(frame, month - first, key_accounts, monthly.index)
    return Report(
        name=data.name,
        kind=data.kind,
        rows=data.rows,
        customers=len(positive),
        total_revenue=total,
        revenue=positive,
        pareto=pareto,
        key_accounts=key_accounts,
        top_share={_percent_key(p): float(conc.top_share(p)) for p in TOP_FRACTIONS},
        customers_share_for_80pct=float(conc.customers_share_for(0.80)),
        hhi=float(conc.hhi),
        largest_customer=largest,
        largest_share=largest_share,
        major_customer=largest_share >= MAJOR_CUSTOMER_THRESHOLD,
        concentration_risk=largest_share >= RISK_THRESHOLD,
        refund_rows=len(refunds),
        refund_total=float(refunds.sum()),
        excluded_customers=excluded,
        scores=scores,
        monthly_revenue=monthly,
        monthly_growth=growth,
        key_account_growth=ka_growth,
        detected={
            "sep": data.sep,
            "decimal": data.decimal,
            "encoding": data.encoding,
            "date_format": data.date_format,
        },
    )


def _class_members(pareto: pd.DataFrame, label: str) -> list[Any]:
    column = "abc_class" if "abc_class" in pareto.columns else "class"
    members = pareto[pareto[column] == label]
    if "customer" in members.columns:
        return members["customer"].tolist()
    if "account" in members.columns:
        return members["account"].tolist()
    return members.index.tolist()


def _scores(frame: pd.DataFrame, roles: tuple[str, ...], revenue: pd.Series) -> pd.DataFrame:
    """The weighted key-account score of :func:`lessons.accounts.key_account_score`.

    Revenue and every mapped score column weigh the same; a score column not mapped weighs 0
    (its placeholder value, the middle of the 1-5 scale, then plays no part).
    """
    # One value per customer: the mean, so a score repeated on every order counts once.
    per_customer = frame.groupby("customer", observed=True)[list(roles)].mean()
    per_customer.index = per_customer.index.astype(str)
    per_customer = per_customer.reindex(revenue.index)
    for role in roles:
        values = frame[role].to_numpy()
        bad = np.flatnonzero((values < 1) | (values > 5))
        if bad.size:
            raise DataError(
                t(
                    "yourdata.error.score_range",
                    column=role,
                    count=bad.size,
                    examples=_rows_text(frame.index[bad], values[bad].tolist()),
                )
            )
    table = pd.DataFrame({"account": revenue.index, "revenue": revenue.to_numpy()})
    for role in _SCORE_ROLES:
        table[role] = per_customer[role].to_numpy() if role in roles else 3.0
    weights = {"revenue": 1.0, **{role: 1.0 for role in roles}}
    return key_account_score(table, weights=weights)


def _key_account_growth(
    frame: pd.DataFrame, month: np.ndarray, key_accounts: list[str], months: pd.DatetimeIndex
) -> pd.DataFrame | None:
    """Each key account's revenue in the last two months and its growth (NaN if from 0).

    ``month`` holds each row's month as a position in ``months`` (0 = the first month).
    """
    if len(months) < 2 or not key_accounts:
        return None
    last = len(months) - 1
    recent = np.flatnonzero(month >= last - 1)
    # Work on category codes: comparing a million names as text would dominate the run time.
    categories = pd.Index(frame["customer"].cat.categories.astype(str))
    wanted = categories.get_indexer(key_accounts)
    slot = np.full(len(categories), -1)
    slot[wanted] = np.arange(len(wanted))
    where = slot[frame["customer"].cat.codes.to_numpy()[recent]]
    keep = where >= 0
    # Column 0: the month before last; column 1: the last month.
    cell = where[keep] * 2 + (month[recent][keep] - (last - 1))
    sums = np.bincount(
        cell, weights=frame["amount"].to_numpy()[recent][keep], minlength=2 * len(wanted)
    ).reshape(-1, 2)
    before, now = sums[:, 0], sums[:, 1]
    result = pd.DataFrame(
        {"previous_month": before, "last_month": now, "growth": _growth_or_nan(now, before)},
        index=pd.Index(key_accounts, name="customer"),
    )
    result.attrs["months"] = (months[-2].strftime("%Y-%m"), months[-1].strftime("%Y-%m"))
    return result


def _growth_or_nan(current: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """:func:`lessons.kpis.growth_rate`, or NaN where it is undefined (from 0, or refunds)."""
    current = np.asarray(current, dtype=float)
    previous = np.asarray(previous, dtype=float)
    out = np.full(current.shape, np.nan)
    ok = (previous > 0) & (current >= 0)
    if ok.any():
        out[ok] = np.asarray(growth_rate(current[ok], previous[ok]), dtype=float)
    return out


def _monthly_growth(monthly: pd.Series) -> pd.Series:
    """:func:`lessons.kpis.monthly_growth`; a month after an empty (or net refund) month is NaN."""
    if (monthly.iloc[:-1] > 0).all() and (monthly >= 0).all():
        return monthly_growth(monthly)
    values = monthly.to_numpy()
    growth = np.concatenate([[np.nan], _growth_or_nan(values[1:], values[:-1])])
    return pd.Series(growth, index=monthly.index, name="monthly_growth")


def analyze_file(source: Any, **options: Any) -> Report:
    """:func:`load_customer_file` then :func:`analyze`: a report from a file in one call.

    ``a`` and ``b`` go to :func:`analyze`; every other option to :func:`load_customer_file`.

    >>> text = "Client;Montant\\nA;1 000,00 €\\nB;(250,00)\\nB;750\\n"
    >>> report = analyze_file(text.encode(), customer="Client", amount="Montant")
    >>> report.to_dict()["top_share"]["20%"], report.customers_share_for_80pct
    (0.6666666666666666, 1.0)
    >>> analyze_file("my_orders.csv", customer="Client", amount="Montant")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The file my_orders.csv does not exist. ...
    """
    thresholds = {k: options.pop(k) for k in ("a", "b") if k in options}
    return analyze(load_customer_file(source, **options), **thresholds)


# --------------------------------------------------------------------------------------
# Text report
# --------------------------------------------------------------------------------------


def _report_text(report: Report) -> str:
    lines = [
        t("yourdata.text.title", name=report.name),
        t(
            "yourdata.text.read",
            rows=f"{report.rows:,}",
            kind=t(f"yourdata.kind.{report.kind}"),
            sep=_show_sep(report.detected.get("sep")),
            decimal=report.detected.get("decimal"),
            encoding=report.detected.get("encoding") or "-",
        ),
        "",
        t("yourdata.text.customers", customers=f"{report.customers:,}"),
        t("yourdata.text.total", total=fmt.money(report.total_revenue, 2)),
    ]
    if report.refund_rows:
        lines.append(
            t(
                "yourdata.text.refunds",
                rows=f"{report.refund_rows:,}",
                total=fmt.money(report.refund_total, 2),
            )
        )
    if report.excluded_customers:
        lines.append(
            t(
                "yourdata.text.excluded",
                count=len(report.excluded_customers),
                names=", ".join(report.excluded_customers[:_EXAMPLES]),
            )
        )
    lines += ["", t("yourdata.text.concentration")]
    for key, share in report.top_share.items():
        lines.append(t("yourdata.text.top_share", top=key, share=fmt.percent(share)))
    lines.append(
        t("yourdata.text.share_for_80", share=fmt.percent(report.customers_share_for_80pct))
    )
    lines.append(t("yourdata.text.hhi", hhi=f"{report.hhi:,.0f}"))
    flag = (
        "yourdata.text.flag_risk"
        if report.concentration_risk
        else "yourdata.text.flag_major"
        if report.major_customer
        else "yourdata.text.flag_ok"
    )
    lines.append(
        t(
            "yourdata.text.largest",
            customer=report.largest_customer,
            share=fmt.percent(report.largest_share),
        )
        + " "
        + t(flag, major=fmt.percent(MAJOR_CUSTOMER_THRESHOLD), risk=fmt.percent(RISK_THRESHOLD))
    )
    lines += ["", t("yourdata.text.key_accounts", count=len(report.key_accounts))]
    for customer in report.key_accounts[:20]:
        share = fmt.percent(report.revenue[customer] / report.total_revenue)
        amount = fmt.money(report.revenue[customer], 2)
        lines.append(f"  {customer[:34]:<34} {amount:>16} {share:>8}")
    if len(report.key_accounts) > 20:
        lines.append(t("yourdata.text.more", count=len(report.key_accounts) - 20))
    if report.scores is not None:
        lines += ["", t("yourdata.text.scores")]
        for customer, row in report.scores.head(10).iterrows():
            lines.append(f"  {int(row['rank']):>3}. {str(customer)[:34]:<34} {row['score']:6.1f}")
    if report.monthly_revenue is not None:
        lines += ["", t("yourdata.text.monthly")]
        growth = report.monthly_growth
        for month, value in report.monthly_revenue.tail(12).items():
            g = growth[month] if growth is not None else float("nan")
            lines.append(f"  {month:%Y-%m}  {fmt.money(value, 2):>18}  {fmt.percent(g):>8}")
    if report.key_account_growth is not None:
        before, now = report.key_account_growth.attrs["months"]
        lines += ["", t("yourdata.text.ka_growth", previous=before, last=now)]
        for customer, row in report.key_account_growth.head(20).iterrows():
            lines.append(
                f"  {customer[:34]:<34} {fmt.money(row['previous_month'], 2):>14} "
                f"{fmt.money(row['last_month'], 2):>14} {fmt.percent(row['growth']):>8}"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Synthetic data (the bundled sample, the tests and the benchmark)
# --------------------------------------------------------------------------------------


def synthetic_transactions(
    rows: int = 2_000,
    customers: int | list[str] = 40,
    *,
    start: str = "2024-01-01",
    months: int = 18,
    refund_rate: float = 0.03,
    seed: int = 0,
) -> pd.DataFrame:
    """A made-up transactions table: a few large customers, many small ones, some refunds.

    Customer sizes follow a Zipf-like law (the k-th largest buys about 1/k^1.1 as much as the
    largest), the usual shape of B2B portfolios; order values are log-normal around €500.

    Args:
        rows: number of orders.
        customers: how many customers, or their names.
        start: first day (ISO); ``months``: how many months the orders span.
        refund_rate: share of orders that are refunds (negative amounts), 0 to 0.5.
        seed: the random seed (same seed, same table).

    Returns:
        a DataFrame with columns ``date`` (datetime64), ``customer`` (text), ``amount`` (€).

    >>> synthetic_transactions(rows=3, customers=["A", "B"], seed=1).columns.tolist()
    ['date', 'customer', 'amount']
    >>> synthetic_transactions(rows=0)
    Traceback (most recent call last):
        ...
    ValueError: rows must be greater than 0 (got 0): the table needs at least one order.
    """
    if not isinstance(rows, int) or rows <= 0:
        raise ValueError(
            t("errors.not_positive", name="rows", value=rows, why=t("yourdata.why.rows"))
        )
    names = (
        [f"C{i:05d}" for i in range(1, customers + 1)]
        if isinstance(customers, int)
        else list(customers)
    )
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(names) + 1) ** 1.1
    who = rng.choice(len(names), size=rows, p=weights / weights.sum())
    amount = np.round(rng.lognormal(mean=np.log(500), sigma=0.8, size=rows), 2)
    amount[rng.random(rows) < refund_rate] *= -1
    first = np.datetime64(start, "D")
    last = (
        (pd.Timestamp(start) + pd.DateOffset(months=months)).to_datetime64().astype("datetime64[D]")
    )
    span = int((last - first).astype(int))
    # Half the orders spread evenly, half more and more frequent: a business that grows.
    u = rng.random(rows)
    u = np.where(rng.random(rows) < 0.5, u, np.sqrt(u))
    day = np.minimum((span * u).astype(np.int64), span - 1)
    return pd.DataFrame(
        {
            "date": pd.to_datetime(first + day.astype("timedelta64[D]")),
            "customer": np.asarray(names, dtype=object)[who],
            "amount": amount,
        }
    )
