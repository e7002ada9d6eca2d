"""Analysing a checked file: key-account candidates, concentration and the revenue KPIs.

:func:`analyze` turns a :class:`~lessons.yourdata.loading.CustomerData` into a
:class:`Report`: ABC classes, concentration (top 1/5/10/20 % shares, share of customers
making 80 % of revenue, HHI, largest customer against the 10 % major-customer and 15 % risk
thresholds), the weighted key-account score when score columns exist, and with dates the
monthly revenue, its month-over-month growth and each class-A customer's growth. Every
formula is called from :mod:`lessons.accounts` and :mod:`lessons.kpis`; none is repeated.

Class A is a list of *candidates*: as the course says, a class-A customer is a candidate, not
automatically a key account; strategic value, growth potential and engagement decide.

>>> report = analyze_file(b"c;a\\nBank;600\\nShop;300\\nCafe;100\\n", customer="c", amount="a")
>>> report.candidates, round(report.hhi)
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
from lessons.yourdata.messages import DataError
from lessons.yourdata.render import report_dict, report_text
from lessons.yourdata.rules import MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, TOP_FRACTIONS

__all__ = ["Report", "analyze", "analyze_file"]


@dataclass(frozen=True)
class Report:
    """Key-account candidates, concentration and, with dates, monthly KPIs of one file.

    Shares are fractions (0.25 = 25 %), money in € as the file gives it. ``revenue`` is net
    revenue per customer (refunds netted), highest first, for the customers with a positive
    net revenue; customers whose refunds cancel their purchases are listed in
    ``excluded_customers``. ``candidates`` are class A of the ABC analysis, largest first:
    candidates for key accounts, to be weighed on more than revenue. ``notes`` say what was
    handled while reading the file (rows left out, encodings, dates after today...).
    """

    name: str
    kind: str
    rows: int
    customers: int
    total_revenue: float
    revenue: pd.Series = field(repr=False)
    pareto: pd.DataFrame = field(repr=False)
    candidates: list[str] = field(repr=False)
    top_share: dict[str, float]
    customers_share_for_80pct: float
    hhi: float
    largest_customer: str
    largest_share: float
    major_customer: bool
    concentration_risk: bool
    refund_rows: int
    refund_total: float
    excluded_customers: list[str] = field(repr=False)
    scores: pd.DataFrame | None = field(default=None, repr=False)
    monthly_revenue: pd.Series | None = field(default=None, repr=False)
    monthly_growth: pd.Series | None = field(default=None, repr=False)
    candidate_growth: pd.DataFrame | None = field(default=None, repr=False)
    detected: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON summary of ``lessons analyze --json`` (plain Python numbers and lists)."""
        return report_dict(self)

    def to_text(self) -> str:
        """A readable report, as ``lessons analyze`` prints it."""
        return report_text(self)


def _percent_key(fraction: float) -> str:
    """The key of a top share in ``Report.top_share`` and the JSON (a key, not a display)."""
    return f"{round(fraction * 100, 6):g}%"


def analyze(data: CustomerData, *, a: float = 0.80, b: float = 0.95) -> Report:
    """Key-account candidates, concentration and monthly KPIs of a checked file.

    Refunds are netted per customer; customers whose net revenue is zero or negative are left
    out of the shares and listed. Class A of the ABC analysis (customers making the first
    ``a`` of revenue) are the candidates for key accounts by revenue.

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
    >>> report.candidates, round(report.hhi), report.refund_rows
    (['Bank', 'Shop'], 4752, 1)
    >>> analyze(load_customer_file(b"c;a\\nBank;600\\nBank;50\\n", customer="c", amount="a"))
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: Only one customer has revenue in (uploaded file): 'Bank'. ...
    """
    frame = data.frame
    amounts = frame["amount"].to_numpy()
    if not (amounts != 0).any():
        raise DataError(t("yourdata.error.all_zero", name=data.name, rows=len(frame)))
    # Customers as category codes: sums, lookups and the growth table never compare names.
    codes = frame["customer"].cat.codes.to_numpy()
    # The names as a NumPy array: indexing a pandas Index of a million texts checks them all.
    names = np.asarray(frame["customer"].cat.categories, dtype=object)
    net = np.bincount(codes, weights=amounts, minlength=len(names))
    orders = np.bincount(codes, minlength=len(names))
    positive = np.flatnonzero(net > 0)
    if len(positive) < 2:
        if len(positive) == 1:
            raise DataError(
                t("yourdata.error.single_customer", name=data.name, customer=names[positive[0]])
            )
        raise DataError(t("yourdata.error.no_revenue", name=data.name))
    revenue = pd.Series(
        net[positive],
        index=pd.CategoricalIndex(
            pd.Categorical.from_codes(positive, dtype=frame["customer"].dtype)
        ),
        name="revenue",
    )
    pareto = pareto_table(revenue, a=a, b=b)
    # Still indexed by categories: checking a million accounts for duplicates compares codes.
    conc = concentration(pareto["revenue"])
    ranked_codes = np.asarray(pareto.index.codes)
    pareto.index = pd.Index(names[ranked_codes], dtype=object, name="account")
    candidate = (pareto["abc_class"] == "A").to_numpy()
    candidates = pareto.index[candidate].tolist()
    total = float(pareto["revenue"].sum())
    largest_share = float(conc.largest_share)
    refunds = amounts[amounts < 0]
    monthly = growth = ka_growth = None
    if "date" in frame:
        monthly, month = _monthly(frame["date"].to_numpy(), amounts)
        growth = _monthly_growth(monthly) if len(monthly) > 1 else None
        ka_growth = _candidate_growth(
            codes, month, amounts, ranked_codes[candidate], pareto.index[candidate], monthly.index
        )
    return Report(
        name=data.name,
        kind=data.kind,
        rows=data.rows,
        customers=len(positive),
        total_revenue=total,
        revenue=pd.Series(
            pareto["revenue"].to_numpy(), index=pareto.index.rename("customer"), name="revenue"
        ),
        pareto=pareto,
        candidates=candidates,
        top_share={_percent_key(p): float(conc.top_share(p)) for p in TOP_FRACTIONS},
        customers_share_for_80pct=float(conc.customers_share_for(0.80)),
        hhi=float(conc.hhi),
        largest_customer=str(pareto.index[0]),
        largest_share=largest_share,
        major_customer=largest_share >= MAJOR_CUSTOMER_THRESHOLD,
        concentration_risk=largest_share >= RISK_THRESHOLD,
        refund_rows=len(refunds),
        refund_total=float(refunds.sum()),
        # Only customers with rows: a name left by a total line or a blank row is no customer.
        excluded_customers=sorted(str(n) for n in names[(net <= 0) & (orders > 0)]),
        scores=_scores(frame, codes, data.scores, pareto) if data.scores else None,
        monthly_revenue=monthly,
        monthly_growth=growth,
        candidate_growth=ka_growth,
        detected={
            "sep": data.sep,
            "decimal": data.decimal,
            "encoding": data.encoding,
            "date_format": data.date_format,
        },
        notes=data.notes,
    )


def _monthly(dates: np.ndarray, amounts: np.ndarray) -> tuple[pd.Series, np.ndarray]:
    """Revenue per calendar month, months without orders at 0, and each row's month as a
    position in it (0 = the first month)."""
    # Months as integers (months since 1970-01), then bincount. The dates were checked to lie
    # within 1900-2099, so the series spans at most 2,400 months. Each row's day is looked up
    # in a table of the days between the first and the last order: converting millions of
    # dates to months one by one is many times slower than that arithmetic.
    day = dates.astype("datetime64[D]").view("int64")
    low = int(day.min())
    days = np.arange(low, int(day.max()) + 1).astype("datetime64[D]")
    month = days.astype("datetime64[M]").view("int64")[day - low]
    first = int(month.min())
    month = month - first
    sums = np.bincount(month, weights=amounts)
    labels = (first + np.arange(len(sums))).astype("datetime64[M]").astype("datetime64[ns]")
    monthly = pd.Series(sums, index=pd.DatetimeIndex(labels, name="month"), name="revenue")
    return monthly, month


def _scores(
    frame: pd.DataFrame, codes: np.ndarray, roles: tuple[str, ...], pareto: pd.DataFrame
) -> pd.DataFrame:
    """The weighted key-account score of :func:`lessons.accounts.key_account_score`.

    Revenue and every mapped score column weigh the same; a score column not mapped weighs 0
    (its placeholder value, the middle of the 1-5 scale, then plays no part).
    """
    # One value per customer: the mean, so a score repeated on every order counts once.
    counts = np.bincount(codes, minlength=len(frame["customer"].cat.categories))
    table = pd.DataFrame({"account": pareto.index, "revenue": pareto["revenue"].to_numpy()})
    order = frame["customer"].cat.categories.get_indexer(pareto.index)
    for role in SCORE_ROLES:
        if role in roles:
            sums = np.bincount(codes, weights=frame[role].to_numpy(), minlength=len(counts))
            table[role] = (sums / np.maximum(counts, 1))[order]
        else:
            table[role] = 3.0
    weights = {"revenue": 1.0, **{role: 1.0 for role in roles}}
    return key_account_score(table, weights=weights)


def _candidate_growth(
    codes: np.ndarray,
    month: np.ndarray,
    amounts: np.ndarray,
    candidate_codes: np.ndarray,
    candidate_names: pd.Index,
    months: pd.DatetimeIndex,
) -> pd.DataFrame | None:
    """Each candidate's revenue in the last two months and its growth (NaN if from 0)."""
    if len(months) < 2 or not len(candidate_codes):
        return None
    last = len(months) - 1
    recent = np.flatnonzero(month >= last - 1)
    slot = np.full(int(codes.max()) + 1, -1)
    slot[candidate_codes] = np.arange(len(candidate_codes))
    where = slot[codes[recent]]
    keep = where >= 0
    # Column 0: the month before last; column 1: the last month.
    cell = where[keep] * 2 + (month[recent][keep] - (last - 1))
    sums = np.bincount(
        cell, weights=amounts[recent][keep], minlength=2 * len(candidate_codes)
    ).reshape(-1, 2)
    before, now = sums[:, 0], sums[:, 1]
    result = pd.DataFrame(
        {"previous_month": before, "last_month": now, "growth": _growth_or_nan(now, before)},
        index=candidate_names.rename("customer"),
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
