"""A key-account scorecard: KPIs that measure key accounts.

The source says key accounts and KPIs "are not mutually exclusive: KPIs can be used to assess
the performance of key accounts too, by tracking metrics tied to them, such as revenue growth
or customer satisfaction scores" (section 2). This module builds that scorecard from a monthly
history per key account, with every value computed by :mod:`lessons.kpis`:

========================  =====================================================  =========
KPI code                  value (over the history)                                better
========================  =====================================================  =========
``revenue_growth``        revenue of the last ``growth_window`` months vs the     higher
                          ``growth_window`` months before (H2 vs H1 by default)
``revenue_share``         the account's share of company revenue: a *ceiling*,    lower
                          since depending on one customer is a risk
``csat``                  share of monthly satisfaction ratings of 4 or 5         higher
``average_satisfaction``  mean monthly satisfaction rating (1-5)                  higher
``on_time_rate``          deliveries on time / deliveries                         higher
========================  =====================================================  =========

>>> card = account_scorecard(sample_account_history(seed=0))
>>> sorted(card["kpi"].unique()) == sorted(SCORECARD_KPIS)
True
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from lessons import kpis
from lessons.accounts import revenue_share
from lessons.checks import column_numbers, finite_number, is_number
from lessons.format import plain
from lessons.i18n import t
from lessons.samples.scorecard import sample_account_history

__all__ = [
    "DEFAULT_TARGETS",
    "HISTORY_COLUMNS",
    "SCORECARD_COLUMNS",
    "SCORECARD_KPIS",
    "account_monthly",
    "account_rows",
    "account_scorecard",
    "check_scorecard",
    "sample_account_history",
    "scorecard_wide",
]

#: Columns a history needs: one row per key account per month. ``company_revenue`` (the whole
#: company's revenue that month, repeated on each row of the month) is optional.
HISTORY_COLUMNS = ("month", "account", "revenue", "deliveries", "on_time", "satisfaction")

#: KPI codes of the scorecard, in display order, with their unit and better direction.
SCORECARD_KPIS = {
    "revenue_growth": ("%", "higher"),
    "revenue_share": ("%", "lower"),
    "csat": ("%", "higher"),
    "average_satisfaction": ("/5", "higher"),
    "on_time_rate": ("%", "higher"),
}

#: Default targets (fractions for "%"). Growth +5 % half-year on half-year; no account above
#: 25 % of company revenue; 80 % of ratings satisfied; average 4 out of 5; 95 % on time.
DEFAULT_TARGETS = {
    "revenue_growth": 0.05,
    "revenue_share": 0.25,
    "csat": 0.80,
    "average_satisfaction": 4.0,
    "on_time_rate": 0.95,
}

#: Columns of :func:`account_scorecard` (the scenario ``kpi_table`` columns, per account).
SCORECARD_COLUMNS = ["account", "kpi", "label", "value", "target", "unit", "direction", "status"]


def _history(history: object) -> pd.DataFrame:
    """A validated copy of the history, sorted by account then month, numbers as floats."""
    if not isinstance(history, pd.DataFrame):
        raise TypeError(t("scorecard.error.not_a_table", type=type(history).__name__))
    missing = [c for c in HISTORY_COLUMNS if c not in history.columns]
    if missing:
        raise ValueError(
            t(
                "scorecard.error.missing_columns",
                missing=", ".join(f'"{c}"' for c in missing),
                present=", ".join(f'"{c}"' for c in history.columns) or "-",
                required=", ".join(HISTORY_COLUMNS),
            )
        )
    if history.empty:
        raise ValueError(t("errors.empty", name="history"))
    data = history.reset_index(drop=True).copy()
    for column in ("account", "month"):
        if data[column].isna().any():
            row = int(np.flatnonzero(data[column].isna().to_numpy())[0])
            raise ValueError(t("scorecard.error.missing_key", column=column, row=row))
    duplicated = data.duplicated(["account", "month"])
    if duplicated.any():
        first = data[duplicated].iloc[0]
        raise ValueError(
            t("scorecard.error.duplicate_month", account=first["account"], month=first["month"])
        )
    numeric = ["revenue", "deliveries", "on_time", "satisfaction"]
    if "company_revenue" in data.columns:
        numeric.append("company_revenue")
    for column in numeric:
        data[column] = column_numbers(data, column, labels=pd.Index(data["account"]))
    where = [
        t("scorecard.where", account=a, month=m)
        for a, m in zip(data["account"], data["month"], strict=True)
    ]
    checks = [
        ("revenue", data["revenue"] < 0, "scorecard.error.negative"),
        ("deliveries", data["deliveries"] < 0, "scorecard.error.negative"),
        ("on_time", data["on_time"] < 0, "scorecard.error.negative"),
        ("on_time", data["on_time"] > data["deliveries"], "scorecard.error.on_time_exceeds"),
        ("satisfaction", ~data["satisfaction"].between(1, 5), "scorecard.error.satisfaction"),
    ]
    for column, bad, key in checks:
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(
                t(
                    key,
                    column=column,
                    where=where[i],
                    value=plain(data[column].iloc[i]),
                    deliveries=plain(data["deliveries"].iloc[i]),
                )
            )
    kinds = {"number" if is_number(m) else type(m).__name__ for m in data["month"]}
    if len(kinds) > 1:
        raise TypeError(t("scorecard.error.month_type", kinds=", ".join(sorted(kinds))))
    data = data.sort_values(["account", "month"], kind="stable")
    return data.reset_index(drop=True)


def _company_total(data: pd.DataFrame) -> float | None:
    """Company revenue over the history, from the optional ``company_revenue`` column."""
    if "company_revenue" not in data.columns:
        return None
    per_month = data.groupby("month", sort=True)["company_revenue"]
    varies = per_month.nunique() > 1
    if varies.any():
        raise ValueError(t("scorecard.error.company_revenue_varies", month=varies.idxmax()))
    company = per_month.first()
    accounts = data.groupby("month", sort=True)["revenue"].sum()
    too_small = company < accounts * (1 - 1e-12)
    if too_small.any():
        month = too_small.idxmax()
        raise ValueError(
            t(
                "scorecard.error.company_too_small",
                month=month,
                company=plain(company[month]),
                accounts=plain(accounts[month]),
            )
        )
    return float(company.sum())


def _targets(targets: object) -> dict[str, float]:
    if targets is None:
        return dict(DEFAULT_TARGETS)
    if not isinstance(targets, Mapping):
        raise TypeError(t("scorecard.error.targets_type", kpis=", ".join(SCORECARD_KPIS)))
    unknown = [k for k in targets if k not in SCORECARD_KPIS]
    if unknown:
        raise ValueError(
            t(
                "scorecard.error.unknown_kpi",
                unknown=", ".join(map(repr, unknown)),
                kpis=", ".join(SCORECARD_KPIS),
            )
        )
    merged = dict(DEFAULT_TARGETS)
    for key, value in targets.items():
        merged[key] = finite_number(f"targets[{key!r}]", value)
    return merged


def _growth_window(growth_window: object) -> int:
    if not is_number(growth_window):
        raise TypeError(
            t(
                "errors.not_a_number",
                name="growth_window",
                value=growth_window,
                type=type(growth_window).__name__,
            )
        )
    if float(growth_window) != int(growth_window):
        raise ValueError(t("errors.not_integer", name="growth_window", value=growth_window))
    if growth_window < 1:
        raise ValueError(
            t(
                "errors.not_positive",
                name="growth_window",
                value=growth_window,
                why=t("scorecard.why.growth_window"),
            )
        )
    return int(growth_window)


def _shares(totals: pd.Series, company_total: float | None) -> pd.Series:
    """Each account's share of company revenue (via :func:`lessons.accounts.revenue_share`)."""
    if company_total is None:
        return revenue_share(totals)
    others = max(company_total - float(totals.sum()), 0.0)
    with_others = pd.concat([totals, pd.Series({_OTHERS: others})])
    return revenue_share(with_others).drop(_OTHERS)


_OTHERS = object()


def account_scorecard(
    history: pd.DataFrame,
    targets: Mapping[str, float] | None = None,
    tolerance: float = 0.05,
    growth_window: int = 6,
) -> pd.DataFrame:
    """One row per key account and KPI: value, target and status, computed with lessons.kpis.

    Args:
        history: DataFrame with one row per key account per month and the columns
            :data:`HISTORY_COLUMNS`: ``month`` (sortable, e.g. a monthly ``Period``),
            ``account``, ``revenue`` (€), ``deliveries`` and ``on_time`` (counts) and
            ``satisfaction`` (the account's monthly rating, 1-5). With a ``company_revenue``
            column (€, the whole company's revenue that month) the share is of company
            revenue; without it, of the accounts in the history.
        targets: dict overriding :data:`DEFAULT_TARGETS` (fractions for %).
        tolerance: relative miss still called "at risk" (see :func:`lessons.kpis.status`).
        growth_window: months compared for growth (the last ``growth_window`` months against
            the ``growth_window`` before); each account needs ``2 x growth_window`` months.

    Returns:
        A DataFrame with :data:`SCORECARD_COLUMNS`, accounts by decreasing revenue, KPIs in
        the order of :data:`SCORECARD_KPIS`.

    >>> history = pd.DataFrame({
    ...     "month": [1, 2, 1, 2], "account": ["Bank", "Bank", "Hotel", "Hotel"],
    ...     "revenue": [100, 120, 50, 40], "deliveries": [10, 10, 4, 4],
    ...     "on_time": [10, 9, 4, 3], "satisfaction": [5, 4, 3, 4]})
    >>> card = account_scorecard(history, growth_window=1)
    >>> card[card["account"] == "Bank"][["kpi", "value", "status"]].round(3)
                        kpi  value     status
    0        revenue_growth   0.20   on track
    1         revenue_share   0.71  off track
    2                  csat   1.00   on track
    3  average_satisfaction   4.50   on track
    4          on_time_rate   0.95   on track
    >>> account_scorecard(history.drop(columns="on_time"))
    Traceback (most recent call last):
        ...
    ValueError: history has no column "on_time". Its columns are: "month", "account", "revenue",
    "deliveries", "satisfaction". A history needs: month, account, revenue, deliveries, on_time,
    satisfaction.
    """
    data = _history(history)
    goals = _targets(targets)
    window = _growth_window(growth_window)
    kpis.status(0, 0, "higher", tolerance)  # validates tolerance before any work
    totals = data.groupby("account", sort=False)["revenue"].sum()
    shares = _shares(totals, _company_total(data))
    order = sorted(totals.index, key=lambda a: (-totals[a], str(a)))

    rows = []
    for account in order:
        of = data[data["account"] == account]
        if len(of) < 2 * window:
            raise ValueError(
                t(
                    "scorecard.error.too_few_months",
                    account=account,
                    months=len(of),
                    needed=2 * window,
                    window=window,
                )
            )
        revenue = of["revenue"].to_numpy()
        if of["deliveries"].sum() <= 0:
            raise ValueError(t("scorecard.error.no_deliveries", account=account))
        values = {
            "revenue_growth": _growth(account, revenue, window),
            "revenue_share": float(shares[account]),
            "csat": kpis.csat(of["satisfaction"]),
            "average_satisfaction": kpis.average_rating(of["satisfaction"]),
            "on_time_rate": kpis.on_time_rate(of["on_time"].sum(), of["deliveries"].sum()),
        }
        for kpi, (unit, direction) in SCORECARD_KPIS.items():
            rows.append(
                {
                    "account": account,
                    "kpi": kpi,
                    "label": t(f"scorecard.kpi.{kpi}"),
                    "value": values[kpi],
                    "target": goals[kpi],
                    "unit": unit,
                    "direction": direction,
                    "status": kpis.status(values[kpi], goals[kpi], direction, tolerance),
                }
            )
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def _growth(account: object, revenue: np.ndarray, window: int) -> float:
    before = float(revenue[-2 * window : -window].sum())
    if before <= 0:
        raise ValueError(t("scorecard.error.growth_from_zero", account=account, window=window))
    return kpis.growth_rate(float(revenue[-window:].sum()), before)


def check_scorecard(scorecard: object, function: str) -> pd.DataFrame:
    """``scorecard`` if it is a table of :func:`account_scorecard`, else a clear error.

    Args:
        scorecard: what was given.
        function: the name of the function that was given it, for the message.

    >>> check_scorecard(pd.DataFrame(), "plot_scorecard")
    Traceback (most recent call last):
        ...
    TypeError: plot_scorecard needs the table returned by lessons.scorecard.account_scorecard(...).
    """
    if not isinstance(scorecard, pd.DataFrame) or not set(SCORECARD_COLUMNS) <= set(scorecard):
        raise TypeError(t("scorecard.error.not_a_scorecard", function=function))
    if scorecard.empty:
        raise ValueError(t("scorecard.error.not_a_scorecard", function=function))
    return scorecard


def account_rows(table: pd.DataFrame, account: object) -> pd.DataFrame:
    """The rows of one account in a scorecard or a monthly history, or a clear error.

    >>> account_rows(account_scorecard(sample_account_history()), "Bnak")
    Traceback (most recent call last):
        ...
    ValueError: "Bnak" is not one of the key accounts: Vantor Retail Group, Banque Méridienne, ...
    """
    rows = table[table["account"] == account]
    if rows.empty:
        known = ", ".join(map(str, dict.fromkeys(table["account"])))
        raise ValueError(t("scorecard.error.unknown_account", account=account, known=known))
    return rows


def scorecard_wide(scorecard: pd.DataFrame, values: str = "status") -> pd.DataFrame:
    """The scorecard as a grid: one row per account, one column per KPI.

    Args:
        scorecard: the DataFrame returned by :func:`account_scorecard`.
        values: which column fills the grid: ``"status"`` (default) or ``"value"``.

    >>> history = sample_account_history(seed=0)
    >>> scorecard_wide(account_scorecard(history)).columns.tolist() == list(SCORECARD_KPIS)
    True
    >>> scorecard_wide(account_scorecard(history), values="colour")
    Traceback (most recent call last):
        ...
    ValueError: values must be "status" or "value" (got 'colour').
    """
    scorecard = check_scorecard(scorecard, "scorecard_wide")
    if values not in ("status", "value"):
        raise ValueError(t("scorecard.error.wide_values", value=values))
    order = list(dict.fromkeys(scorecard["account"]))
    grid = scorecard.pivot(index="account", columns="kpi", values=values)
    return grid.loc[order, [k for k in SCORECARD_KPIS if k in grid.columns]].rename_axis(
        columns=None
    )


def account_monthly(history: pd.DataFrame) -> pd.DataFrame:
    """Month-by-month KPIs per account, for charts: revenue, growth, on-time rate, rating.

    Args:
        history: as for :func:`account_scorecard`.

    Returns:
        A DataFrame with ``month``, ``account``, ``revenue`` (€), ``monthly_growth``
        (:func:`lessons.kpis.monthly_growth`, NaN in each account's first month),
        ``on_time_rate`` (NaN in a month without deliveries) and ``satisfaction``.

    >>> history = pd.DataFrame({"month": [1, 2], "account": ["Bank", "Bank"],
    ...     "revenue": [100, 110], "deliveries": [10, 8], "on_time": [9, 8],
    ...     "satisfaction": [4, 5]})
    >>> account_monthly(history)
       month account  revenue  monthly_growth  on_time_rate  satisfaction
    0      1    Bank    100.0             NaN           0.9           4.0
    1      2    Bank    110.0             0.1           1.0           5.0
    >>> account_monthly(history.assign(satisfaction=[4, 7]))
    Traceback (most recent call last):
        ...
    ValueError: satisfaction must be a rating from 1 to 5, but Bank in month 2 has 7.
    """
    data = _history(history)
    parts = []
    for _, of in data.groupby("account", sort=False):
        of = of.copy()
        of["monthly_growth"] = kpis.monthly_growth(of["revenue"]).to_numpy()
        delivered = of["deliveries"] > 0
        rate = np.full(len(of), np.nan)
        if delivered.any():
            rate[delivered.to_numpy()] = kpis.on_time_rate(
                of.loc[delivered, "on_time"].to_numpy(), of.loc[delivered, "deliveries"].to_numpy()
            )
        of["on_time_rate"] = rate
        parts.append(of)
    columns = ["month", "account", "revenue", "monthly_growth", "on_time_rate", "satisfaction"]
    return pd.concat(parts, ignore_index=True)[columns]
