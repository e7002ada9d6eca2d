"""The course's sample portfolio: 25 fictional B2B customers of one supplier (shipped CSVs).

>>> load_sample_portfolio().columns.tolist()[:3]
['account', 'sector', 'revenue']
>>> load_sample_costs().columns.tolist()
['account', 'discount_rate', 'manager_hours', 'tailored_work']
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = [
    "SAMPLE_GROSS_MARGIN",
    "SAMPLE_HOURLY_COST",
    "SAMPLE_SERVICE_COST",
    "load_sample_costs",
    "load_sample_portfolio",
    "sample_profit",
]

#: The sample supplier's gross margin: 35 % of revenue is left after the cost of the goods.
#: Illustrative, like every number of the sample.
SAMPLE_GROSS_MARGIN = 0.35
#: What an hour of account management costs the sample supplier, in € (salary and overheads).
SAMPLE_HOURLY_COST = 90.0
#: The standard cost of serving any account for a year, in € (orders, invoices, support).
SAMPLE_SERVICE_COST = 4_000.0


def _read(name: str) -> pd.DataFrame:
    with (resources.files("lessons") / "data" / name).open(encoding="utf-8") as handle:
        return pd.read_csv(handle)


def load_sample_portfolio() -> pd.DataFrame:
    """The course's sample portfolio: 25 fictional B2B customers of one supplier.

    Columns: ``account``, ``sector``, ``revenue`` (€ per year), ``strategic_value``,
    ``growth_potential``, ``engagement`` (1-5). All names are invented. It is built so that
    the largest customer by revenue is *not* the top account by weighted score, and so that
    revenue is clearly concentrated without being exactly "80/20".

    Returns:
        A new DataFrame on each call (changing it never changes the next one).

    >>> sample = load_sample_portfolio()
    >>> len(sample), int(sample["revenue"].sum())
    (25, 9824000)
    """
    return _read("portfolio_sample.csv")


def load_sample_costs() -> pd.DataFrame:
    """What the sample supplier spends on each of its 25 customers in a year.

    Columns: ``account``; ``discount_rate``, the rebates and special prices it gives back (a
    fraction of revenue); ``manager_hours``, hours of account management a year;
    ``tailored_work``, € a year of work done only for that customer (custom products,
    reports, projects). Illustrative values, invented like the customers, set so that the
    attention the source says key accounts need shows as a cost: the largest customer buys on
    price (an 18 % discount) and asks for much tailored work; the smallest ones cost their
    standard service (:data:`SAMPLE_SERVICE_COST`) whatever they buy.

    >>> costs = load_sample_costs()
    >>> len(costs), costs.loc[0, "account"], float(costs.loc[0, "discount_rate"])
    (25, 'Vantor Retail Group', 0.18)
    """
    return _read("portfolio_costs.csv")


def sample_profit() -> pd.DataFrame:
    """Revenue, cost to serve and profit of the 25 sample customers, the most profitable first.

    :func:`lessons.accounts.profit_by_account` on the sample portfolio and its costs, with the
    sample's gross margin, hourly cost and standard service cost.

    >>> table = sample_profit()
    >>> table.index[0], table.index[-1], int(table["profit"].sum())
    ('Banque Méridienne', 'Vantor Retail Group', 829960)
    """
    # Imported here: lessons.accounts imports this module for load_sample_portfolio.
    from lessons.accounts.profit import profit_by_account

    accounts = load_sample_portfolio()[["account", "revenue"]].merge(
        load_sample_costs(), on="account", how="left", validate="one_to_one"
    )
    return profit_by_account(
        accounts,
        gross_margin=SAMPLE_GROSS_MARGIN,
        hourly_cost=SAMPLE_HOURLY_COST,
        service_cost=SAMPLE_SERVICE_COST,
    )
