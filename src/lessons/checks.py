"""Public input checks, shared by every module: a bad value gets a message in words.

Each check returns the value it checked in a convenient form (a float, a float array, a
DataFrame) or raises ``TypeError``/``ValueError`` with a message from the catalog that shows
the bad value, says what is accepted and what to do. The KPI formulas, the account analyses,
the scorecard and the scenarios all check their inputs here, so the same mistake reads the
same everywhere.

>>> finite_number("margin", 0.25)
0.25
>>> finite_number("margin", "25 %")
Traceback (most recent call last):
    ...
TypeError: margin must be a number (got '25 %' of type str).
>>> finite_array("clicks", [3, None])
Traceback (most recent call last):
    ...
ValueError: clicks[1] must be a finite number (got None): check for a missing value (NaN) ...
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from lessons.format import plain
from lessons.i18n import t

__all__ = [
    "MAX_LISTED",
    "Values",
    "column_numbers",
    "finite_array",
    "finite_number",
    "fraction",
    "is_array_like",
    "is_number",
    "listed",
    "numeric_fast_path",
    "table",
]

#: How many names a message lists before it says how many there are in all.
MAX_LISTED = 5


def is_number(value: object) -> bool:
    """True for int, float and NumPy numbers; False for bool, text, None."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def is_array_like(value: object) -> bool:
    return isinstance(value, pd.Series | np.ndarray | list | tuple)


def finite_number(name: str, value: object) -> float:
    """A finite float from a number, or a beginner-friendly ``TypeError``/``ValueError``."""
    if not is_number(value):
        raise TypeError(t("errors.not_a_number", name=name, value=value, type=type(value).__name__))
    value = float(value)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise ValueError(t("errors.not_finite", name=name, value=value))
    return value


class Values:
    """Validated inputs of one formula, as float arrays of a common length.

    Remembers whether the caller gave scalars (answer a float), arrays (answer an array) or a
    Series (answer a Series with the same index), and labels each element in messages.
    """

    def __init__(self, **named: object) -> None:
        self.index: pd.Index | None = None
        self.vector = any(is_array_like(v) for v in named.values())
        self.arrays: dict[str, np.ndarray] = {}
        length: tuple[str, int] | None = None
        series_name: str | None = None
        for name, value in named.items():
            if not is_array_like(value):
                self.arrays[name] = np.array([finite_number(name, value)])
                continue
            arr = finite_array(name, value)
            if length is not None and len(arr) != length[1]:
                raise ValueError(
                    t(
                        "kpis.error.length_mismatch",
                        a=length[0],
                        n_a=length[1],
                        b=name,
                        n_b=len(arr),
                    )
                )
            length = length or (name, len(arr))
            if isinstance(value, pd.Series):
                if self.index is None:
                    self.index, series_name = value.index, name
                elif not self.index.equals(value.index):
                    raise ValueError(t("kpis.error.index_mismatch", a=series_name, b=name))
            self.arrays[name] = arr
        n = length[1] if length else 1
        for name, arr in self.arrays.items():
            if len(arr) == 1 and n != 1:
                self.arrays[name] = np.full(n, arr[0])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def where(self, name: str, position: int) -> str:
        """``name`` for a scalar, ``name[label]`` for one element of a series."""
        if not self.vector:
            return name
        label = self.index[position] if self.index is not None else position
        return f"{name}[{label}]"

    def positive(self, name: str, why: str) -> None:
        bad = np.flatnonzero(self.arrays[name] <= 0)
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                t(
                    "errors.not_positive",
                    name=self.where(name, i),
                    value=plain(self.arrays[name][i]),
                    why=why,
                )
            )

    def non_negative(self, name: str, why: str) -> None:
        bad = np.flatnonzero(self.arrays[name] < 0)
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                t(
                    "errors.negative",
                    name=self.where(name, i),
                    value=plain(self.arrays[name][i]),
                    why=why,
                )
            )

    def at_most(self, part: str, whole: str, why: str) -> None:
        bad = np.flatnonzero(self.arrays[part] > self.arrays[whole])
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                t(
                    "kpis.error.exceeds",
                    part=self.where(part, i),
                    whole=self.where(whole, i),
                    part_value=plain(self.arrays[part][i]),
                    whole_value=plain(self.arrays[whole][i]),
                    why=why,
                )
            )

    def result(self, values: np.ndarray, name: str | None = None) -> Any:
        """The answer in the caller's shape: float, array or Series."""
        if not self.vector:
            return float(values[0])
        if self.index is not None:
            return pd.Series(values, index=self.index, name=name)
        return values


def numeric_fast_path(value: object) -> np.ndarray | None:
    """Floats straight from an all-finite numeric Series/array (no per-element loop), else None.

    Anything unusual (text, booleans, missing or infinite values, several dimensions) returns
    None so that the careful path below can name the offending element.
    """
    if not isinstance(value, pd.Series | np.ndarray) or len(value) == 0:
        return None
    if isinstance(value, np.ndarray) and value.ndim != 1:
        return None
    if getattr(value.dtype, "kind", "O") not in "iuf":
        return None
    if isinstance(value, pd.Series) and value.hasnans:
        return None
    arr = np.asarray(value, dtype=float)
    return arr if np.isfinite(arr).all() else None


def finite_array(name: str, value: object) -> np.ndarray:
    """A non-empty 1-D float array of finite numbers, or a clear error naming the bad element."""
    fast = numeric_fast_path(value)
    if fast is not None:
        return fast
    if isinstance(value, pd.Series):
        labels = list(value.index)
        items = list(value.array)
    else:
        if not isinstance(value, np.ndarray):
            value = np.array(
                list(value) if isinstance(value, list | tuple) else value, dtype=object
            )
        if value.ndim > 1:
            raise ValueError(t("kpis.error.not_one_dimensional", name=name, shape=value.shape))
        items = list(value.ravel())
        labels = list(range(len(items)))
    if not items:
        raise ValueError(t("errors.empty", name=name))
    for label, item in zip(labels, items, strict=True):
        if item is None or item is pd.NA or item is pd.NaT:
            raise ValueError(t("errors.not_finite", name=f"{name}[{label}]", value=item))
        if not is_number(item):
            raise TypeError(
                t(
                    "errors.not_a_number",
                    name=f"{name}[{label}]",
                    value=item,
                    type=type(item).__name__,
                )
            )
        if not math.isfinite(float(item)):
            raise ValueError(t("errors.not_finite", name=f"{name}[{label}]", value=item))
    return np.array(items, dtype=float)


def listed(items: list[Any], total: int | None = None) -> str:
    """``a, b, c, d, e, ... (25 in all)``: a few names, and how many there are."""
    total = len(items) if total is None else total
    shown = ", ".join(str(item) for item in items[:MAX_LISTED])
    if total > MAX_LISTED:
        return t("accounts.list.more", shown=shown, total=total)
    return shown


def table(data: object, name: str, required: tuple[str, ...], hint: str) -> pd.DataFrame:
    """A non-empty DataFrame holding ``required`` columns, or a clear error ending in ``hint``."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(t("accounts.error.not_a_table", name=name, type=type(data).__name__))
    missing = [c for c in required if c not in data.columns]
    if missing:
        raise ValueError(
            t(
                "accounts.error.missing_columns",
                name=name,
                missing=", ".join(f'"{c}"' for c in missing),
                present=", ".join(f'"{c}"' for c in data.columns) or "-",
                hint=hint,
            )
        )
    if data.empty:
        raise ValueError(t("errors.empty", name=name))
    return data


def column_numbers(data: pd.DataFrame, column: str, labels: pd.Index | None = None) -> np.ndarray:
    """Column ``column`` as finite floats, naming the row (and account) of the first bad cell."""
    labels = data.index if labels is None else labels
    column_data = data[column]
    if pd.api.types.is_numeric_dtype(column_data) and not pd.api.types.is_bool_dtype(column_data):
        fast = column_data.to_numpy(dtype=float, na_value=np.nan)
        if np.isfinite(fast).all():  # the common case: no per-cell Python loop
            return fast
    values = column_data.tolist()
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        where = t("accounts.where", row=row, account=label)
        if value is None or value is pd.NA or (is_number(value) and math.isnan(float(value))):
            raise ValueError(t("accounts.error.missing_value", column=column, where=where))
        if not is_number(value):
            raise TypeError(
                t("accounts.error.not_numeric", column=column, where=where, value=value)
            )
        if not math.isfinite(float(value)):
            raise ValueError(t("errors.not_finite", name=f'"{column}" {where}', value=value))
    return np.array(values, dtype=float)


def fraction(name: str, value: object, *, allow_zero: bool = False) -> float:
    """A number in (0, 1] (or [0, 1]), for thresholds and targets."""
    if not is_number(value):
        raise TypeError(t("errors.not_a_number", name=name, value=value, type=type(value).__name__))
    value = float(value)  # type: ignore[arg-type]
    low_ok = value >= 0 if allow_zero else value > 0
    if not (math.isfinite(value) and low_ok and value <= 1):
        key = "accounts.error.fraction_closed" if allow_zero else "accounts.error.fraction"
        raise ValueError(t(key, name=name, value=plain(value)))
    return value
