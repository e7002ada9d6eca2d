"""Reading a customer file: its bytes, encoding, separator and header, as CSV or Excel.

The file is opened read-only and read once; what is detected (separator, encoding) is kept
in a :class:`FileInfo` so that the rest of the analysis, and its report, can say how the file
was read. Column values are parsed by :mod:`lessons.yourdata.parsing`.

>>> info = inspect_file("Client\\tCA\\nCafé\\t12\\n".encode("cp1252"))
>>> info.columns, info.sep, info.encoding
(['Client', 'CA'], '\\t', 'cp1252')
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from lessons.i18n import t
from lessons.yourdata.messages import DataError, show_sep

__all__ = [
    "SAMPLE_MAPPING",
    "SAMPLE_ROWS",
    "FileInfo",
    "clean_columns",
    "display_name",
    "guess_mapping",
    "inspect_bytes",
    "inspect_file",
    "read_csv",
    "read_source",
    "sample_file",
]

#: The columns of the bundled sample (:func:`sample_file`), a French export.
SAMPLE_MAPPING = {"customer": "Client", "amount": "Montant TTC", "date": "Date"}
#: Rows read first to detect the formats (separator, decimal mark, header).
SAMPLE_ROWS = 2000

_SEPARATORS = (";", ",", "\t", "|")
_EXCEL_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format


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

    ``sep``, ``decimal`` and ``encoding`` are ``None`` for Excel files. ``sample`` is the first
    rows as text, for a preview.
    """

    name: str
    kind: str  # "csv" or "excel"
    columns: list[str]
    sep: str | None
    encoding: str | None
    sample: pd.DataFrame = field(repr=False)


def display_name(source: Any, name: str | None) -> str:
    """The file's name as reports show it: no folders (they differ between machines)."""
    if name:
        return str(name)
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return t("yourdata.uploaded_file")


def read_source(source: Any) -> bytes:
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


def clean_columns(columns: pd.Index) -> list[str]:
    """Column names as texts without the spaces around them (``' amount '`` -> ``'amount'``)."""
    return [str(c).strip() for c in columns]


def read_csv(data: bytes, sep: str, encoding: str, name: str, **options: Any) -> pd.DataFrame:
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
                        sep=show_sep(sep),
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
            sep=show_sep(sep),
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
    frame.columns = clean_columns(frame.columns)
    return frame


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
    display = display_name(source, name)
    data = read_source(source)
    return inspect_bytes(data, display, sep, encoding, sheet)[0]


def inspect_bytes(
    data: bytes, name: str, sep: str | None, encoding: str | None, sheet: str | int | None
) -> tuple[FileInfo, pd.DataFrame | None]:
    """:func:`inspect_file` on bytes already read; for Excel also the whole sheet (read once).

    Args:
        data: the file's content; name: its name for messages; sep, encoding, sheet: as in
            :func:`inspect_file`.

    Returns:
        ``(info, frame)``: the :class:`FileInfo`, and the sheet as a DataFrame of cells
        (``None`` for a CSV file, which is read again in full by the caller).
    """
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
    sample = read_csv(data, sep, encoding, name, dtype=str, nrows=SAMPLE_ROWS)
    sample.attrs["raw_columns"] = list(sample.columns)
    sample.columns = clean_columns(sample.columns)
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
