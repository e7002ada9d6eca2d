"""What key accounts cost: cost to serve, profit per account, and the whale curve.

The source says a key account "requires particular attention and resources". Those resources
cost money, and revenue is not profit: the customer that buys the most can be the one that
earns the least once its discounts, its account manager's time and the work done only for it
are paid for. This module measures it, per account, in €:

* :func:`cost_to_serve`: discounts + account-manager time + tailored work + standard service;
* :func:`account_profit`: the gross margin earned on revenue, minus the cost to serve;
* :func:`profit_by_account`: both for every account of a table;
* :func:`whale_curve`: cumulative profit, accounts ranked from the most to the least
  profitable. It climbs above 100 % of total profit and falls back to 100 % as the
  loss-making accounts are added: the shape Kaplan and Cooper (*Cost & Effect*, 1998) call the
  **whale curve**. :func:`whale_readings` reads its peak.

>>> cost_to_serve(100_000, discount_rate=0.05, manager_hours=100, hourly_cost=90)
14000.0
>>> account_profit(100_000, gross_margin=0.35, discount_rate=0.05, manager_hours=100,
...                hourly_cost=90)
21000.0
>>> cost_to_serve(100_000, discount_rate=5)
Traceback (most recent call last):
    ...
ValueError: discount_rate must be between 0 and 1 (got 5): write 5 % as 0.05.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from lessons import checks
from lessons.format import plain
from lessons.i18n import t

__all__ = [
    "COST_COLUMNS",
    "WhaleReadings",
    "account_profit",
    "cost_to_serve",
    "profit_by_account",
    "whale_curve",
    "whale_readings",
]

#: Columns :func:`profit_by_account` reads: revenue (€ per year, before discounts), the
#: discount given back (a fraction of revenue), account-manager hours per year, and tailored
#: work (€ per year spent only for that account: custom products, reports, projects).
COST_COLUMNS = ("revenue", "discount_rate", "manager_hours", "tailored_work")


def _fraction_between_0_and_1(values: checks.Values, name: str) -> None:
    bad = np.flatnonzero((values[name] < 0) | (values[name] > 1))
    if bad.size:
        i = int(bad[0])
        value = plain(values[name][i])
        raise ValueError(t("profit.error.fraction", name=values.where(name, i), value=value))


def _checked(**named: Any) -> checks.Values:
    values = checks.Values(**named)
    for name in named:
        if name in ("discount_rate", "gross_margin"):
            _fraction_between_0_and_1(values, name)
        else:
            values.non_negative(name, t(f"profit.why.{name}"))
    return values


def cost_to_serve(
    revenue: Any,
    *,
    discount_rate: Any = 0.0,
    manager_hours: Any = 0.0,
    hourly_cost: float = 0.0,
    tailored_work: Any = 0.0,
    service_cost: float = 0.0,
) -> Any:
    """What serving an account costs in a year, in €.

    ``discount_rate x revenue + manager_hours x hourly_cost + tailored_work + service_cost``.

    Args:
        revenue: revenue from the account in € per year, before discounts.
        discount_rate: rebates and special prices given back, a fraction of revenue (0.05).
        manager_hours: hours of account management per year (the dedicated account manager).
        hourly_cost: what an hour of account management costs, in € (salary and overheads).
        tailored_work: € per year of work done only for this account (custom products,
            special reports, projects).
        service_cost: the standard cost of serving any account, in € per year (orders,
            invoices, standard support).

    Returns:
        A float for numbers, an array for arrays, a Series (same index) for Series.

    >>> cost_to_serve(pd.Series({"Bank": 500_000, "Shop": 20_000}), discount_rate=0.04,
    ...               manager_hours=pd.Series({"Bank": 400, "Shop": 0}), hourly_cost=80,
    ...               service_cost=3_000).tolist()
    [55000.0, 3800.0]
    >>> cost_to_serve(100_000, manager_hours=-10, hourly_cost=90)
    Traceback (most recent call last):
        ...
    ValueError: manager_hours cannot be negative (got -10): it counts hours spent on the account.
    """
    v = _checked(
        revenue=revenue,
        discount_rate=discount_rate,
        manager_hours=manager_hours,
        hourly_cost=hourly_cost,
        tailored_work=tailored_work,
        service_cost=service_cost,
    )
    cost = (
        v["discount_rate"] * v["revenue"]
        + v["manager_hours"] * v["hourly_cost"]
        + v["tailored_work"]
        + v["service_cost"]
    )
    return v.result(cost, "cost_to_serve")


def account_profit(revenue: Any, *, gross_margin: Any, **costs: Any) -> Any:
    """The profit an account brings in a year, in €: gross margin minus its cost to serve.

    ``gross_margin x revenue - cost_to_serve(...)``; negative when the account costs more than
    it earns.

    Args:
        revenue: revenue from the account in € per year, before discounts.
        gross_margin: the fraction of revenue left after the cost of the goods or services
            sold (0.35).
        costs: what serving it costs, as :func:`cost_to_serve` takes it (``discount_rate``,
            ``manager_hours``, ``hourly_cost``, ``tailored_work``, ``service_cost``; each
            zero when left out).

    >>> account_profit(400_000, gross_margin=0.3, discount_rate=0.05, manager_hours=200,
    ...                hourly_cost=80, tailored_work=20_000)
    64000.0
    >>> account_profit(400_000, gross_margin=30)
    Traceback (most recent call last):
        ...
    ValueError: gross_margin must be between 0 and 1 (got 30): write 5 % as 0.05.
    """
    v = _checked(revenue=revenue, gross_margin=gross_margin)
    cost = cost_to_serve(revenue, **costs)
    return v.result(v["gross_margin"] * v["revenue"] - np.asarray(cost, dtype=float), "profit")


def profit_by_account(
    accounts: pd.DataFrame, *, gross_margin: float, hourly_cost: float, service_cost: float = 0.0
) -> pd.DataFrame:
    """Revenue, cost to serve and profit of every account, the most profitable first.

    Args:
        accounts: one row per account, with an ``account`` column (or index) and the
            :data:`COST_COLUMNS`.
        gross_margin: the fraction of revenue left after the cost of what is sold.
        hourly_cost: € per hour of account management.
        service_cost: the standard cost of serving any account, € per year.

    Returns:
        A DataFrame indexed by account with ``revenue``, ``gross_profit``, the four parts of
        the cost to serve (``discounts``, ``account_management``, ``tailored_work``,
        ``service``), ``cost_to_serve``, ``profit``, ``profit_rank`` and ``revenue_rank``
        (1 = largest), sorted by profit, largest first (equal profits by account name).

    >>> table = pd.DataFrame({"account": ["Big", "Small"], "revenue": [1_000_000, 50_000],
    ...                       "discount_rate": [0.2, 0.0], "manager_hours": [1_000, 0],
    ...                       "tailored_work": [150_000, 0]})
    >>> profit_by_account(table, gross_margin=0.4, hourly_cost=100)[["profit", "revenue_rank"]]
                profit  revenue_rank
    account
    Small      20000.0             2
    Big       -50000.0             1
    >>> profit_by_account(table.drop(columns="manager_hours"), gross_margin=0.4, hourly_cost=100)
    Traceback (most recent call last):
        ...
    ValueError: accounts has no column "manager_hours". Its columns are: "account", "revenue",
    "discount_rate", "tailored_work". Give each account its revenue, discount_rate,
    manager_hours and tailored_work (see lessons.samples.load_sample_costs).
    """
    data = checks.table(accounts, "accounts", COST_COLUMNS, t("profit.hint.columns"))
    if "account" in data.columns:
        data = data.set_index("account")
    data.index = data.index.rename("account")
    duplicated = data.index[data.index.duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(t("accounts.error.duplicate_accounts", accounts=checks.listed(duplicated)))
    columns = {c: pd.Series(checks.column_numbers(data, c), index=data.index) for c in COST_COLUMNS}
    v = _checked(
        **columns, gross_margin=gross_margin, hourly_cost=hourly_cost, service_cost=service_cost
    )
    out = pd.DataFrame(index=data.index)
    out["revenue"] = v["revenue"]
    out["gross_profit"] = v["gross_margin"] * v["revenue"]
    out["discounts"] = v["discount_rate"] * v["revenue"]
    out["account_management"] = v["manager_hours"] * v["hourly_cost"]
    out["tailored_work"] = v["tailored_work"]
    out["service"] = v["service_cost"]
    parts = ["discounts", "account_management", "tailored_work", "service"]
    out["cost_to_serve"] = out[parts].sum(axis=1)
    out["profit"] = out["gross_profit"] - out["cost_to_serve"]
    out["revenue_rank"] = _ranks(out["revenue"])
    out["profit_rank"] = _ranks(out["profit"])
    return out.sort_values("profit_rank")


def _ranks(values: pd.Series) -> np.ndarray:
    """1 for the largest value; equal values in account-name order (reproducible)."""
    names = values.index.astype(str).to_numpy()
    order = np.lexsort((names, -values.to_numpy(dtype=float)))
    ranks = np.empty(len(order), dtype=int)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def whale_curve(profit: pd.Series) -> pd.DataFrame:
    """Cumulative profit, accounts ranked from the most to the least profitable.

    Args:
        profit: profit per account in €, a Series indexed by account (e.g. the ``profit``
            column of :func:`profit_by_account`); some may be negative.

    Returns:
        A DataFrame indexed by account, in that order, with ``profit``, ``cumulative_profit``
        (€), ``cumulative_share`` (cumulative profit over total profit: above 1 before the
        loss makers come in, exactly 1 at the end) and ``customer_share`` (the share of
        accounts counted so far).

    >>> whale_curve(pd.Series({"A": 60.0, "B": 60.0, "C": -20.0}))["cumulative_share"].tolist()
    [0.6, 1.2, 1.0]
    >>> whale_curve(pd.Series({"A": 10.0, "B": -30.0}))
    Traceback (most recent call last):
        ...
    ValueError: The accounts' profits add up to -20 €: a whale curve reads each account's share of
    a positive total profit, so there is no curve to draw when the business makes no profit.
    """
    if not isinstance(profit, pd.Series):
        raise TypeError(t("accounts.error.not_a_series", name="profit", type=type(profit).__name__))
    values = pd.Series(checks.finite_array("profit", profit), index=profit.index, name="profit")
    total = float(values.sum())
    if total <= 0:
        raise ValueError(t("profit.error.no_profit", total=plain(total)))
    ranked = values.iloc[np.argsort(_ranks(values))]
    out = pd.DataFrame({"profit": ranked})
    out.index = out.index.rename("account")
    out["cumulative_profit"] = ranked.cumsum()
    out["cumulative_share"] = out["cumulative_profit"] / total
    out["customer_share"] = np.arange(1, len(out) + 1) / len(out)
    return out


@dataclass(frozen=True)
class WhaleReadings:
    """What a whale curve says, in numbers.

    Attributes:
        n_accounts: number of accounts.
        total_profit: profit of all accounts together, €.
        peak_share: the top of the curve, as a multiple of total profit (1.3 = 130 %).
        peak_count: how many of the most profitable accounts reach that peak.
        loss_makers: how many accounts lose money (profit below 0).
        losses: what the loss makers cost together, € (a positive number).
    """

    n_accounts: int
    total_profit: float
    peak_share: float
    peak_count: int
    loss_makers: int
    losses: float


def whale_readings(curve: pd.DataFrame) -> WhaleReadings:
    """The peak of a whale curve and what the loss-making accounts cost.

    Args:
        curve: the table returned by :func:`whale_curve`.

    >>> whale_readings(whale_curve(pd.Series({"A": 60.0, "B": 60.0, "C": -20.0})))
    WhaleReadings(n_accounts=3, total_profit=100.0, peak_share=1.2, peak_count=2, loss_makers=1,
    losses=20.0)
    >>> whale_readings(pd.DataFrame({"profit": [1.0]}))
    Traceback (most recent call last):
        ...
    ValueError: curve has no column "cumulative_share". Its columns are: "profit". Pass the
    table that whale_curve returns.
    """
    columns = ("profit", "cumulative_share")
    data = checks.table(curve, "curve", columns, t("profit.hint.curve"))
    shares = data["cumulative_share"].to_numpy(dtype=float)
    peak = int(np.argmax(shares))
    profit = data["profit"].to_numpy(dtype=float)
    return WhaleReadings(
        n_accounts=len(data),
        total_profit=float(profit.sum()),
        peak_share=float(shares[peak]),
        peak_count=peak + 1,
        loss_makers=int((profit < 0).sum()),
        losses=float(-profit[profit < 0].sum()),
    )
