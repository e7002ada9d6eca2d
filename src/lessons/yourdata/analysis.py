"""Analysing a checked file: key-account candidates, concentration and the revenue KPIs.

:func:`analyze` turns a :class:`~lessons.yourdata.loading.CustomerData` into a
:class:`Report`: ABC classes, concentration (top 1/5/10/20 % shares, share of customers
making 80 % of revenue, HHI, largest customer against the 10 % major-customer and 15 % risk
thresholds), the weighted key-account score when score columns exist, and with dates the
monthly revenue, its month-over-month growth and each class-A customer's growth. Every
formula is called from :mod:`lessons.accounts` and :mod:`lessons.kpis`; none is repeated.

>>> report = analyze_file(b"c;a\\nBank;600\\nShop;300\\nCafe;100\\n", customer="c", amount="a")
>>> report.key_accounts, round(report.hhi)
(['Bank', 'Shop'], 4600)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons.accounts import concentration, key_account_score, pareto_table
from lessons.i18n import t
from lessons.kpis import growth_rate, monthly_growth
from lessons.yourdata.loading import SCORE_ROLES, CustomerData, load_customer_file
from lessons.yourdata.messages import DataError, rows_text
from lessons.yourdata.render import report_dict, report_text
from lessons.yourdata.rules import MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, TOP_FRACTIONS

__all__ = [
    "Report",
    "analyze",
    "analyze_file",
]


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
        return report_dict(self)

    def to_text(self) -> str:
        """A readable report, as ``lessons analyze`` prints it."""
        return report_text(self)


def _percent_key(fraction: float) -> str:
    """The key of a top share in ``Report.top_share`` and the JSON (a key, not a display)."""
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
                    examples=rows_text(frame.index[bad], values[bad].tolist()),
                )
            )
    table = pd.DataFrame({"account": revenue.index, "revenue": revenue.to_numpy()})
    for role in SCORE_ROLES:
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
