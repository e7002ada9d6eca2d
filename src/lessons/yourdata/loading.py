"""Loading a customer file: the columns you map, checked and parsed into one tidy table.

:func:`load_customer_file` reads the file (:mod:`lessons.yourdata.reading`), keeps the
columns you name for each role (customer, amount, optional date and scores), parses them
(:mod:`lessons.yourdata.parsing`) and returns a :class:`CustomerData`, ready for
:func:`lessons.yourdata.analyze`. The file is only read, never written.

>>> data = load_customer_file(b"c;a\\nBank;600\\nShop;300\\n", customer="c", amount="a")
>>> data.kind, data.rows
('customers', 2)
>>> load_customer_file(b"c;a\\nBank;600\\n", customer="client", amount="a")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: There is no column 'client' (the customer column) in the file. ...
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons.i18n import t
from lessons.yourdata.messages import EXAMPLES, DataError, role_label, show_sep
from lessons.yourdata.parsing import check_decimal, detect_decimal, parse_amounts, parse_dates
from lessons.yourdata.reading import (
    FileInfo,
    clean_columns,
    display_name,
    inspect_bytes,
    read_csv,
    read_source,
)

__all__ = ["ROLES", "SCORE_ROLES", "CustomerData", "load_customer_file"]

#: The optional 1-5 score columns, in the order of :func:`lessons.accounts.key_account_score`.
SCORE_ROLES = ("strategic_value", "growth_potential", "engagement")
#: Every column role, required ones first.
ROLES = ("customer", "amount", "date", *SCORE_ROLES)


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
                hint += t("yourdata.hint.one_column", sep=show_sep(info.sep))
            raise DataError(
                t(
                    "yourdata.error.unknown_column",
                    column=column,
                    role=role_label(role),
                    columns=", ".join(repr(c) for c in columns),
                    hint=hint,
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
    display = display_name(source, name)
    decimal = check_decimal(decimal)
    data = read_source(source)
    info, excel_frame = inspect_bytes(data, display, sep, encoding, sheet)
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
            raise DataError(t("yourdata.error.no_column", role=role_label(role)))
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
        amount_decimal = decimal or detect_decimal(info.sample[amount], info.sep)
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
    frame = read_csv(data, info.sep, info.encoding, info.name, **options)
    frame.columns = clean_columns(frame.columns)
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
                rows=", ".join(str(r) for r in where[:EXAMPLES]),
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
    for role in SCORE_ROLES:
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
