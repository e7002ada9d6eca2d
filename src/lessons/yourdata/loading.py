"""Loading a customer file: the columns you map, checked and parsed into one tidy table.

:func:`load_customer_file` reads the file (:mod:`~lessons.yourdata.reading`), keeps the
columns you name for each role (customer, amount, optional date and scores), parses them
(:mod:`~lessons.yourdata.parsing`, :mod:`~lessons.yourdata.dates`), leaves out blank rows and
total lines (:mod:`~lessons.yourdata.totals`) with a note, and returns a
:class:`CustomerData`, ready for :func:`lessons.yourdata.analyze`. The file is only read.

>>> data = load_customer_file(b"c;a\\nBank;600\\nShop;300\\nTotal;900\\n", customer="c", amount="a")
>>> data.kind, data.rows
('customers', 2)
>>> print(data.notes[0])
Left out 1 total row(s) (not customers): row 4: 'Total' (€900.00).
>>> load_customer_file(b"c;a\\nBank;600\\n", customer="client", amount="a")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: There is no column 'client' (the customer column) in the file. ...
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons.i18n import t
from lessons.yourdata.dates import parse_dates
from lessons.yourdata.decoding import display_name, read_source
from lessons.yourdata.messages import (
    EXAMPLES,
    DataError,
    column_position,
    is_blank,
    option,
    role_label,
    rows_text,
    show_sep,
)
from lessons.yourdata.parsing import check_decimal, detect_decimal, parse_amounts, parse_scores
from lessons.yourdata.reading import FileInfo, Table, open_table
from lessons.yourdata.rules import MARKER_LENGTH, MAX_AMOUNT, MAX_FILE_BYTES, is_missing_marker
from lessons.yourdata.totals import find_totals

__all__ = ["ROLES", "SCORE_ROLES", "CustomerData", "load_customer_file"]

#: The optional 1-5 score columns, in the order of :func:`lessons.accounts.key_account_score`.
SCORE_ROLES = ("strategic_value", "growth_potential", "engagement")
#: Every column role, required ones first.
ROLES = ("customer", "amount", "date", *SCORE_ROLES)

_GROSS = re.compile(r"\b(ttc|tvac|gross|incl(?:uding|\.)?\s*(?:vat|tax)|brut)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CustomerData:
    """A checked file: one row per order (``transactions``) or per customer (``customers``).

    ``frame`` has the columns ``customer`` (categories), ``amount`` (€, refunds negative),
    ``date`` (when mapped) and the mapped score columns, indexed by the spreadsheet row.
    ``notes`` say what was handled on the way (rows left out, encodings, a header found
    lower down) in words the report repeats.
    """

    frame: pd.DataFrame = field(repr=False)
    kind: str
    name: str
    sep: str | None
    decimal: str
    encoding: str | None
    date_format: str | None
    scores: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def rows(self) -> int:
        """Number of data rows kept (blank rows and total lines left out)."""
        return len(self.frame)


def _unknown_column(column: str, role: str, info: FileInfo) -> DataError:
    columns = info.columns
    close = difflib.get_close_matches(column, columns, n=1, cutoff=0.5)
    if not close:
        lowered = {c.lower(): c for c in columns}
        close = [lowered[column.lower()]] if column.lower() in lowered else []
    hint = t("yourdata.hint.closest", closest=close[0]) if close else ""
    if len(columns) == 1 and info.kind == "csv":
        hint += t("yourdata.hint.one_column", sep=show_sep(info.sep), option=option("sep", ";"))
    unnamed = [c for c in columns if c.startswith("Unnamed: ")]
    if unnamed:
        hint += t("yourdata.hint.unnamed", row=info.header_row, count=len(unnamed))
    return DataError(
        t(
            "yourdata.error.unknown_column",
            column=column,
            role=role_label(role),
            columns=", ".join(repr(c) for c in columns),
            hint=hint,
        )
    )


def _check_mapping(mapping: dict[str, str | None], info: FileInfo) -> None:
    seen: dict[str, str] = {}
    for role, column in mapping.items():
        if column is None:
            continue
        if column not in info.columns:
            raise _unknown_column(column, role, info)
        if column in info.repeated:
            raise DataError(
                t(
                    "yourdata.error.repeated_header",
                    column=column,
                    role=role_label(role),
                    where=" and ".join(column_position(p) for p in info.repeated[column]),
                    row=info.header_row,
                )
            )
        if column in seen:
            raise DataError(
                t(
                    "yourdata.error.same_column",
                    column=column,
                    first=role_label(seen[column]),
                    second=role_label(role),
                )
            )
        seen[column] = role


def _text_of(value: Any) -> str:
    """A customer cell as text: a numeric id 1001.0 (from Excel) reads ``'1001'``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _labels(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Customer codes (-1: empty or a missing-value marker) and names, trimmed, so that
    ``'ACME '`` and ``'ACME'`` are one customer and a numeric id 1001.0 reads ``'1001'``."""
    if isinstance(column.dtype, pd.CategoricalDtype):  # read as categories: codes are there
        codes = column.cat.codes.to_numpy()
        uniques = np.asarray(column.cat.categories, dtype=object)
    else:
        codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    # Each distinct name is looked at once, and only the few that need it are changed: with
    # a million customers, a Python call per name would cost seconds.
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        texts = uniques.tolist()
    else:
        texts = [_text_of(u) for u in uniques]
    cleaned = [u.strip() for u in texts]
    lengths = np.fromiter(map(len, cleaned), dtype=np.int64, count=len(cleaned))
    for i in np.flatnonzero(lengths <= MARKER_LENGTH):
        if is_missing_marker(cleaned[i]):
            cleaned[i] = ""
    names = np.asarray(cleaned, dtype=object)
    if cleaned != texts:  # compares object by object, identical ones at once
        new_codes, names = pd.factorize(names)
        names = np.asarray(names, dtype=object)
        codes = np.where(codes >= 0, new_codes[np.maximum(codes, 0)], -1)
    empty = np.flatnonzero(names == "")
    if empty.size:
        codes = np.where(codes == empty[0], -1, codes)
    # Names in name order, so a code's order is its name's: ranking equal revenues by name
    # (lessons.accounts) then compares integers, not a million texts.
    listed = names.tolist()
    order = np.asarray(sorted(range(len(listed)), key=listed.__getitem__), dtype=np.int64)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1) if len(names) else codes
    return codes, names[order]


def _blank(column: pd.Series) -> np.ndarray:
    """True where a cell is empty or holds a missing-value marker such as ``N/A``."""
    values = column.to_numpy(dtype=object)
    return np.array([is_blank(v) or is_missing_marker(v) for v in values], dtype=bool)


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
    max_bytes: int = MAX_FILE_BYTES,
) -> CustomerData:
    """Read and check a transactions file (one row per order) or a customers file.

    The file is only read, never written. Columns are named by you: ``customer`` and
    ``amount`` are required; ``date`` gives monthly KPIs; the three score columns (1-5)
    give the weighted key-account score. Blank rows, cells such as ``N/A`` or ``#N/A``
    (read as empty) and total lines are left out with a note.

    Args:
        source: path of a ``.csv`` / ``.txt`` / ``.xlsx`` file, or its bytes (an upload).
        customer, amount, date, strategic_value, growth_potential, engagement: column names.
        sep: CSV separator; ``None`` detects ``;``, ``,``, tab or ``|`` (and Excel's
            ``sep=;`` first line).
        decimal: ``"."`` or ``","``; ``None`` detects it from the amounts.
        encoding: ``None`` detects UTF-8, UTF-8 with BOM, UTF-16, Windows-1252 or a mix.
        sheet: Excel sheet name, or its number from 1 (default: the first).
        dayfirst: ``None`` detects the date order; ``True`` day first (31/01/2024);
            ``False`` month first (US, 01/31/2024).
        name: the file name to show in messages when ``source`` is bytes.
        max_bytes: the largest file read, in bytes.

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
    display = display_name(source, name)
    decimal = check_decimal(decimal)
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
            raise DataError(
                t("yourdata.error.no_column", role=role_label(role), option=option(role, "…"))
            )
    content = read_source(source, max_bytes=max_bytes, name=display)
    wanted = [c for c in mapping.values() if c]
    table = open_table(content, display, sep=sep, encoding=encoding, sheet=sheet, wanted=wanted)
    info = table.info
    _check_mapping(mapping, info)
    if info.sample.empty:
        raise DataError(
            t(
                "yourdata.error.header_only",
                name=display,
                columns=", ".join(repr(c) for c in info.columns),
            )
        )
    used = {role: col for role, col in mapping.items() if col is not None}
    amount_decimal = decimal
    if info.kind == "csv" and decimal is None:
        amount_decimal = detect_decimal(info.sample[amount], info.sep)
    # Columns whose values repeat are read as categories (each distinct text parsed once);
    # a column of mostly distinct names as text (categories would sort a million names).
    repeated = tuple(used[r] for r in ("customer", "date") if r in used and _repeats(info, used[r]))
    text = tuple(used[r] for r in ("customer", "date") if r in used and used[r] not in repeated)
    frame = table.read(
        list(dict.fromkeys(used.values())), text=text, repeated=repeated, decimal=amount_decimal
    )
    # The file's bytes weigh as much as the file: keep them only if an amount must be shown
    # as the file writes it (a number the parser read as infinity), which is rare.
    if not _unreadable_numbers(frame[amount], info):
        table = dataclasses.replace(table, data=None)
    del content
    return _build_data(frame, used, table, amount_decimal, dayfirst)


def _unreadable_numbers(values: pd.Series, info: FileInfo) -> bool:
    """True for a CSV column the parser read as numbers, some too large to be amounts."""
    if info.kind != "csv" or not pd.api.types.is_numeric_dtype(values.dtype):
        return False
    return not bool((np.abs(values.to_numpy(dtype=float)) < MAX_AMOUNT).all())


def _repeats(info: FileInfo, column: str) -> bool:
    """True if the first rows of ``column`` repeat their values (at most half distinct)."""
    values = info.sample[column].dropna()
    return len(values) >= 20 and values.nunique() <= len(values) / 2


def _build_data(
    frame: pd.DataFrame,
    used: dict[str, str],
    table: Table,
    decimal: str | None,
    dayfirst: bool | None,
) -> CustomerData:
    info = table.info
    notes = list(info.notes)
    codes, names = _labels(frame[used["customer"]])
    # A blank row has every mapped cell empty (or a marker); look only where the customer is.
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        blank = np.ones(missing.size, dtype=bool)
        for column in dict.fromkeys(used.values()):
            if column != used["customer"]:
                blank &= _blank(frame[column].iloc[missing])
        cells = frame.iloc[missing[blank]].to_numpy().ravel()
        markers = sum(is_missing_marker(v) for v in cells)
        if blank.any():
            keep = np.ones(len(frame), dtype=bool)
            keep[missing[blank]] = False
            frame, codes = frame[keep], codes[keep]
            if markers:
                notes.append(t("yourdata.note.marker_rows", rows=int(blank.sum()), cells=markers))
    if frame.empty:
        raise DataError(
            t(
                "yourdata.error.header_only",
                name=info.name,
                columns=", ".join(repr(c) for c in info.columns),
            )
        )
    amounts = _amounts(frame, used["amount"], table, decimal)
    totals = find_totals(codes, names, amounts.to_numpy())
    if totals.rows.size:
        notes.append(_totals_note(frame.index[totals.rows], codes[totals.rows], names, amounts))
        keep = np.ones(len(frame), dtype=bool)
        keep[totals.rows] = False
        frame, codes, amounts = frame[keep], codes[keep], amounts[keep]
    for p in totals.named_total_kept[:1]:
        notes.append(t("yourdata.note.named_total", customer=names[codes[p]]))
    lacking = codes < 0
    if lacking.any():
        where = frame.index[lacking]
        raise DataError(
            t(
                "yourdata.error.missing_customer",
                column=used["customer"],
                count=int(lacking.sum()),
                examples=rows_text(where, frame[used["customer"]][lacking].tolist()),
            )
        )
    out = pd.DataFrame(
        {"customer": pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype="str"))},
        index=frame.index,
    )
    out["amount"] = amounts.to_numpy()
    date_format = None
    if "date" in used:
        dates, date_format = parse_dates(
            frame[used["date"]], dayfirst=dayfirst, column=used["date"]
        )
        out["date"] = dates.to_numpy()
        notes += _future_note(frame[used["date"]], dates)
    scores = []
    for role in SCORE_ROLES:
        if role in used:
            out[role] = parse_scores(frame[used[role]], column=used[role], role=role).to_numpy()
            scores.append(role)
    if _GROSS.search(used["amount"]):
        notes.append(t("yourdata.note.gross", column=used["amount"]))
    counts = np.bincount(codes, minlength=1)
    return CustomerData(
        frame=out,
        kind="customers" if counts.max() <= 1 else "transactions",
        name=info.name,
        sep=info.sep,
        decimal=decimal or ".",
        encoding=info.encoding,
        date_format=date_format,
        scores=tuple(scores),
        notes=tuple(notes),
    )


def _amounts(frame: pd.DataFrame, column: str, table: Table, decimal: str | None) -> pd.Series:
    """The amounts parsed; a number the CSV parser read as infinity is shown as the file has
    it (``1e309``), read again as text."""
    values = frame[column]
    if table.data is not None and _unreadable_numbers(values, table.info):
        values = table.read([column], text=(column,))[column].loc[frame.index]
    return parse_amounts(values, decimal=decimal, column=column, sep=table.info.sep)


def _totals_note(rows: pd.Index, codes: np.ndarray, names: np.ndarray, amounts: pd.Series) -> str:
    shown = [
        t(
            "yourdata.row_total",
            row=int(row),
            label=repr(names[c]) if c >= 0 else t("yourdata.empty_value"),
            amount=fmt.money(amounts.loc[row], 2),
        )
        for row, c in zip(rows[:EXAMPLES], codes[:EXAMPLES], strict=False)
    ]
    return t("yourdata.note.totals", count=len(rows), rows=", ".join(shown))


def _future_note(raw: pd.Series, dates: pd.Series) -> list[str]:
    today = np.datetime64(pd.Timestamp.now().normalize().to_datetime64(), "s")
    later = dates.to_numpy() > today
    if not later.any():
        return []
    return [
        t(
            "yourdata.note.future",
            count=int(later.sum()),
            today=fmt.date(pd.Timestamp(today)),
            examples=rows_text(raw.index[later], raw[later].tolist()),
        )
    ]
