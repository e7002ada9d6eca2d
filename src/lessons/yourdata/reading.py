"""Reading a customer file as a table: CSV or Excel, its header, its columns, all its rows.

:func:`open_table` takes the file's bytes (from :func:`~lessons.yourdata.decoding.read_source`),
finds what they are and how they are written (:mod:`~lessons.yourdata.decoding`), where the
column names are (:mod:`~lessons.yourdata.layout`) and returns a :class:`Table`: a
:class:`FileInfo` saying what was detected, and a way to read the columns you map. The file
is opened read-only and read once.

>>> info = inspect_file("Client\\tCA\\nCafé\\t12\\n".encode("cp1252"))
>>> info.columns, info.sep, info.encoding
(['Client', 'CA'], '\\t', 'cp1252')
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from lessons.i18n import t
from lessons.yourdata.decoding import decode, display_name, file_kind, read_source
from lessons.yourdata.layout import HEADER_SEARCH, column_names, detect_sep, find_header, sep_hint
from lessons.yourdata.messages import DataError, option, show_sep
from lessons.yourdata.rules import MAX_FILE_BYTES
from lessons.yourdata.workbook import read_sheet

__all__ = [
    "SAMPLE_MAPPING",
    "SAMPLE_ROWS",
    "FileInfo",
    "Table",
    "check_sep",
    "guess_mapping",
    "inspect_file",
    "open_table",
    "sample_file",
]

#: The columns of the bundled sample (:func:`sample_file`), a French export. Its amounts are
#: net of VAT (HT, *hors taxes*), as revenue is measured.
SAMPLE_MAPPING = {"customer": "Client", "amount": "Montant HT", "date": "Date"}
#: Rows read first to detect the formats (separator, decimal mark, header).
SAMPLE_ROWS = 2000

_SEP_ALIASES = {"\\t": "\t", "tab": "\t", "TAB": "\t", "semicolon": ";", "comma": ","}


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


@dataclass(frozen=True)
class FileInfo:
    """What was read and detected: the columns, and how the file is written.

    ``sep`` and ``encoding`` are ``None`` for Excel files, ``sheet`` for CSV files.
    ``header_row`` is the row of the column names as a spreadsheet numbers it (1 unless
    something came above them); ``repeated`` maps a column name the header repeats to its
    positions (1-based); ``notes`` say what the learner should know about how the file was
    read; ``sample`` is the first rows as read, for a preview.
    """

    name: str
    kind: str  # "csv" or "excel"
    columns: list[str]
    sep: str | None
    encoding: str | None
    sample: pd.DataFrame = field(repr=False)
    header_row: int = 1
    sheet: str | None = None
    repeated: dict[str, tuple[int, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A file opened for reading: what was detected (:attr:`info`) and how to read it all."""

    info: FileInfo
    data: bytes | None = field(default=None, repr=False)  # CSV text as the parser reads it
    parser_encoding: str | None = None
    body: list[list[Any]] | None = field(default=None, repr=False)  # Excel rows below the header

    def read(
        self,
        columns: list[str],
        *,
        text: tuple[str, ...] = (),
        repeated: tuple[str, ...] = (),
        decimal: str | None = None,
    ) -> pd.DataFrame:
        """Every data row of ``columns`` (names from :attr:`FileInfo.columns`), indexed by row
        number as a spreadsheet shows it.

        ``text`` columns are kept as text (object); ``repeated`` ones, whose values repeat
        (a date, a customer of many orders), as categories: the parser then keeps each
        distinct text once instead of a Python string per row. ``decimal`` lets the CSV
        parser read plain amounts such as ``12,50`` directly.
        """
        info = self.info
        first = info.header_row + 1
        if self.body is not None:
            where = [info.columns.index(c) for c in columns]
            cells = [[row[p] if p < len(row) else None for p in where] for row in self.body]
            frame = pd.DataFrame(cells, columns=columns, dtype=object)
        else:
            dtypes: dict[int, Any] = {info.columns.index(c): object for c in text}
            dtypes.update({info.columns.index(c): "category" for c in repeated})
            options: dict[str, Any] = {"dtype": dtypes}
            if decimal and decimal != info.sep:
                options["decimal"] = decimal
            frame = _read_csv(
                self.data,
                info.sep,
                self.parser_encoding,
                info.name,
                info.header_row - 1,
                len(info.columns),
                **options,
            )
            frame = frame[[info.columns.index(c) for c in columns]]
            frame.columns = columns
        frame.index = pd.RangeIndex(first, first + len(frame))
        return frame


def check_sep(sep: str | None) -> str | None:
    """The separator given, checked (one character such as ``;``); ``None`` means "detect".

    >>> check_sep("tab") == "\\t", check_sep(";")
    (True, ';')
    >>> check_sep("ab")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: The separator must be one character such as ';', ',', '|' \
or a tab (got 'ab').
    """
    if sep is None:
        return None
    sep = _SEP_ALIASES.get(sep, sep)
    if len(sep) != 1 or sep.isalnum() or sep in "\"'\n\r":
        raise DataError(t("yourdata.error.bad_sep", sep=sep))
    return sep


def _read_csv(
    data: bytes, sep: str, encoding: str, name: str, skip: int, width: int, **options: Any
) -> pd.DataFrame:
    """The rows below the header (``skip`` lines above it, ``width`` columns), columns
    numbered from 0. The C parser, strict: a row with more fields than the header is an
    error, not data."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(data),
                sep=sep,
                encoding=encoding,
                engine="c",
                index_col=False,
                header=None,
                names=list(range(width)),
                skiprows=skip + 1,
                skip_blank_lines=False,
                keep_default_na=False,
                na_values=[""],
                skipinitialspace=True,
                **options,
            )
    except pd.errors.EmptyDataError:
        raise DataError(t("yourdata.error.empty_file", name=name)) from None
    except (pd.errors.ParserError, pd.errors.ParserWarning, csv.Error, ValueError) as error:
        raise _table_error(data, sep, encoding, name, skip, error) from None
    return frame


def _table_error(
    data: bytes, sep: str, encoding: str, name: str, skip: int, error: Exception
) -> DataError:
    """Say which row breaks the table, found by reading the file again with :mod:`csv`."""
    if isinstance(error, UnicodeDecodeError):
        return DataError(t("yourdata.error.undecodable", name=name, encoding=encoding))
    try:
        text = data.decode(encoding, errors="replace")
        rows = csv.reader(io.StringIO(text), delimiter=sep)
        for _ in range(skip):
            next(rows)
        header = next(rows)
        for number, row in enumerate(rows, start=skip + 2):
            if len(row) > len(header):  # fewer fields are fine: missing values
                return DataError(
                    t(
                        "yourdata.error.field_count",
                        name=name,
                        row=number,
                        found=len(row),
                        expected=len(header),
                        sep=show_sep(sep),
                        text=sep.join(row)[:80],
                        other=option("sep", ";" if sep != ";" else "\t"),
                    )
                )
    except (csv.Error, StopIteration):
        pass
    quote = re.search(r"EOF inside string starting at row (\d+)", str(error))
    if quote:
        row = int(quote.group(1)) + 1 + skip
        return DataError(t("yourdata.error.open_quote", name=name, row=row))
    return DataError(
        t(
            "yourdata.error.unreadable",
            name=name,
            sep=show_sep(sep),
            detail=" ".join(str(error).split()).rstrip("."),
        )
    )


def _header_at(rows: list[list[Any]], wanted: list[str]) -> int:
    """The header row: the first row holding every column asked for, else :func:`find_header`."""
    wanted_set = {w.strip() for w in wanted if w}
    if wanted_set:
        for i, row in enumerate(rows[:HEADER_SEARCH]):
            if wanted_set <= {str(c).strip() for c in row if c is not None}:
                return i
    return find_header(rows)


def _above_note(rows: list[list[Any]], header: int, name: str) -> tuple[str, ...]:
    """A note naming what came above the header (a title, blank rows)."""
    if header == 0:
        return ()
    texts = [
        str(c).strip() for row in rows[:header] for c in row if c is not None and str(c).strip()
    ]
    shown = ", ".join(repr(s) for s in texts[:3]) or t("yourdata.blank_rows")
    return (t("yourdata.note.header_row", name=name, row=header + 1, above=shown),)


def open_table(
    data: bytes,
    name: str,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    wanted: list[str] | None = None,
) -> Table:
    """Open a file's bytes as a table: detect its kind, encoding, separator and header.

    Args:
        data: the file's bytes; name: its name for messages.
        sep, encoding, sheet: as in :func:`inspect_file` (``None`` detects them).
        wanted: column names the caller will map; the first row holding all of them is the
            header, whatever comes above it.

    Returns:
        a :class:`Table`.
    """
    kind, notes = file_kind(data, name)
    if kind == "excel":
        rows, title = read_sheet(data, name, sheet)
        header = _header_at(rows, wanted or [])
        columns, repeated = column_names(rows[header])
        body = rows[header + 1 :]
        sample = pd.DataFrame([r[: len(columns)] for r in body[:20]], columns=columns, dtype=object)
        info = FileInfo(
            name=name,
            kind="excel",
            columns=columns,
            sep=None,
            encoding=None,
            sample=sample,
            header_row=header + 1,
            sheet=title,
            repeated=repeated,
            notes=notes + _above_note(rows, header, name),
        )
        return Table(info, body=body)
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise DataError(t("yourdata.error.empty_file", name=name))
    decoded = decode(data, encoding, name)
    notes += decoded.notes
    head = decoded.data[:65536].decode(decoded.parser_encoding, errors="replace")
    lines = head.lstrip("\ufeff").splitlines()[: HEADER_SEARCH + 40]
    if len(decoded.data) > 65536 and len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut in the middle
    start = 0
    hinted = sep_hint(lines[0]) if lines else None
    sep = check_sep(sep)
    if hinted:
        start = 1
        notes += (t("yourdata.note.sep_line", name=name, line=lines[0].strip()),)
        sep = sep or check_sep(hinted)
    sep = sep or detect_sep(lines[start:])
    try:
        rows = list(csv.reader(lines[start:], delimiter=sep))
    except csv.Error:
        rows = [line.split(sep) for line in lines[start:]]
    header = _header_at(rows, wanted or []) if rows else 0
    columns, repeated = column_names(rows[header]) if rows else ([], {})
    skip = start + header
    if not columns:
        raise DataError(t("yourdata.error.empty_file", name=name))
    sample = _read_csv(
        decoded.data,
        sep,
        decoded.parser_encoding,
        name,
        skip,
        len(columns),
        dtype=str,
        nrows=SAMPLE_ROWS,
    )
    sample.columns = columns
    if header:
        notes += _above_note(rows, header, name)
    info = FileInfo(
        name=name,
        kind="csv",
        columns=columns,
        sep=sep,
        encoding=decoded.encoding,
        sample=sample,
        header_row=skip + 1,
        repeated=repeated,
        notes=notes,
    )
    return Table(info, data=decoded.data, parser_encoding=decoded.parser_encoding)


def inspect_file(
    source: Any,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    name: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> FileInfo:
    """The columns of a file and how it is written, to choose the column mapping.

    Args:
        source: a path, or the file's bytes (an upload); the file is only read.
        sep: column separator (``";"``, ``","``, ``"\\t"``, ``"|"``); ``None`` detects it.
        encoding: e.g. ``"utf-8"``, ``"cp1252"``; ``None`` detects UTF-8 (with or without
            BOM), UTF-16 or Windows-1252, and lines mixing UTF-8 and Windows-1252.
        sheet: Excel sheet name, or its number from 1 as Excel shows the tabs (default: the
            first sheet).
        name: the file name to show in messages when ``source`` is bytes.
        max_bytes: the largest file read, in bytes.

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
    display = display_name(source, name)
    data = read_source(source, max_bytes=max_bytes, name=display)
    return open_table(data, display, sep=sep, encoding=encoding, sheet=sheet).info


def guess_mapping(columns: list[str]) -> dict[str, str | None]:
    """A first guess of which column is which, from usual English and French names.

    Amounts net of tax (``HT``, ``net``) are preferred to amounts with tax (``TTC``).

    Returns a dict with the roles ``customer``, ``amount``, ``date``, ``strategic_value``,
    ``growth_potential``, ``engagement``: a column name, or ``None`` when no name fits.

    >>> guess_mapping(["Date facture", "Nom client", "Montant TTC", "Montant HT"])["amount"]
    'Montant HT'
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
    gross = re.compile(r"\b(ttc|gross|incl|brut)", re.IGNORECASE)
    # Net amounts first, so "Montant HT" wins over "Montant TTC" whatever their order.
    ordered = sorted(columns, key=lambda c: gross.search(c) is not None)
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    for role, words in hints.items():
        found = None
        for word in words:
            for column in ordered if role == "amount" else columns:
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
