"""A software company and its major banking client: the key account and the KPIs that measure it.

The source text's example (section 2): a software company has a major client in banking that
brings a significant share of its revenue; the company assigns it a dedicated account manager
who works closely with the bank to understand its needs and keep it satisfied. The bank is
*who* matters (the key account); revenue growth, net revenue retention and customer
satisfaction say *how well* things go (KPIs). The same KPIs can be computed for the whole
company and for the bank alone: that is how KPIs measure a key account.

The model, month by month (month 1 is the first month):

* **Revenue.** The bank pays a fixed monthly fee, ``bank_share`` of the company's month-1
  revenue. Other clients start with the rest and grow by ``others_growth`` a month through new
  contracts (new business, so not part of net revenue retention: the other clients present in
  month 1 keep paying the same).
* **Satisfaction.** Every month 10 people at the bank and 30 other clients rate the service on
  a 1-5 scale. A bank rating is ``round(mean + noise)`` with noise of standard deviation 0.9 and
  a mean that rises with the account manager's effort, ``2.5 + 2.3 * (1 - exp(-hours / 10))``
  (2.5 with no dedicated time, about 4.5 at 20 h/week): the more time, the better the bank's
  needs are understood, with diminishing returns. Other clients' mean rating is 4.5.
* **Renewal.** At the end of ``renewal_month`` the bank decides whether to renew. The
  probability that it renews is ``1 / (1 + exp(-10 * (c - 0.6)))`` where ``c`` is the bank's
  CSAT over its last three months (50 % at a CSAT of 60 %, 88 % at 80 %). The simulation plays
  the likelier outcome (renewal when the probability is at least 50 %), so the story changes
  exactly when satisfaction crosses that line; the probability is kept to show how close the
  call was. If the bank renews, its fee rises by ``renewal_uplift``; if not, it pays nothing
  from the next month on and stops answering the survey.

These response curves are illustrative: they are chosen to make the mechanism visible, not
estimated from data.

>>> data = simulate(Params(), periods=24, seed=0)
>>> data.loc[1, ["bank_revenue", "others_revenue", "total_revenue"]].tolist()
[175000.0, 325000.0, 500000.0]
>>> Params(bank_share=0.9)
Traceback (most recent call last):
    ...
ValueError: Bank's share of revenue (bank_share) must be between 5 % and 80 % (got 90 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons.i18n import t
from lessons.kpis import csat, growth_rate, net_revenue_retention
from lessons.scenarios._base import KPI_TABLE_COLUMNS, ScenarioParams, check_periods, kpi_row, param

__all__ = [
    "CSAT_TARGET",
    "GROWTH_TARGET",
    "NRR_TARGET",
    "Params",
    "bank_mean_rating",
    "kpi_table",
    "kpi_values",
    "renewal_probability",
    "rolling_csat",
    "simulate",
]

#: Respondents per month to the satisfaction survey (1-5 scale).
BANK_RESPONDENTS = 10
OTHER_RESPONDENTS = 30
#: Mean rating of the other clients, and the spread of individual ratings around a mean.
OTHERS_MEAN_RATING = 4.5
RATING_SPREAD = 0.9
#: Months of ratings a CSAT covers (the renewal looks at the same window).
CSAT_WINDOW = 3

#: Targets of the company's KPIs, used for both scopes (illustrative values).
GROWTH_TARGET = 0.10  # revenue growth from month 1 to the last month
NRR_TARGET = 1.0  # existing clients, together, do not shrink
CSAT_TARGET = 0.80  # 80 % of ratings are 4 or 5


@dataclass(frozen=True)
class Params(ScenarioParams):
    """Settings of the software company and its banking client.

    Typical values (all illustrative unless a source is named):

    * ``monthly_revenue``: €500,000 a month (€6 m a year), a small software firm.
    * ``bank_share``: 35 %. Above 10 % a customer is a "major customer" that listed companies
      must disclose (IFRS 8 *Operating Segments*, paragraph 34; US GAAP ASC 280-10-50-42).
    * ``manager_hours``: 20 h/week, half of a dedicated account manager's time.
    * ``renewal_month``: 12, a yearly contract.
    * ``renewal_uplift``: 10 % more revenue at renewal (a price rise or more licences).
    * ``others_growth``: 1 % a month of new business from other clients.

    >>> Params(manager_hours=45)
    Traceback (most recent call last):
        ...
    ValueError: Account manager's time on the bank (manager_hours) must be between 0 h/week and
    40 h/week (got 45 h/week).
    """

    monthly_revenue: float = param(
        500_000.0,
        low=50_000.0,
        high=5_000_000.0,
        step=50_000.0,
        unit="€",
        label="scenarios.software_bank.param.monthly_revenue",
    )
    bank_share: float = param(
        0.35,
        low=0.05,
        high=0.80,
        step=0.05,
        unit="%",
        label="scenarios.software_bank.param.bank_share",
    )
    manager_hours: float = param(
        20.0,
        low=0.0,
        high=40.0,
        step=2.0,
        unit="h/week",
        label="scenarios.software_bank.param.manager_hours",
    )
    renewal_month: int = param(
        12,
        low=3,
        high=21,
        step=1,
        unit="",
        label="scenarios.software_bank.param.renewal_month",
    )
    renewal_uplift: float = param(
        0.10,
        low=0.0,
        high=0.30,
        step=0.01,
        unit="%",
        label="scenarios.software_bank.param.renewal_uplift",
    )
    others_growth: float = param(
        0.01,
        low=-0.05,
        high=0.05,
        step=0.005,
        unit="%",
        label="scenarios.software_bank.param.others_growth",
    )


def bank_mean_rating(manager_hours: float) -> float:
    """Mean satisfaction rating (1-5) of the bank for a weekly effort of its account manager.

    >>> round(bank_mean_rating(0), 2), round(bank_mean_rating(20), 2)
    (2.5, 4.49)
    """
    return 2.5 + 2.3 * (1.0 - math.exp(-manager_hours / 10.0))


def renewal_probability(bank_csat: float) -> float:
    """Probability that the bank renews, given its CSAT (fraction) over the last 3 months.

    >>> renewal_probability(0.6)
    0.5
    >>> round(renewal_probability(0.8), 2)
    0.88
    """
    return 1.0 / (1.0 + math.exp(-10.0 * (bank_csat - 0.6)))


def simulate(params: Params = Params(), periods: int = 24, seed: int = 0) -> pd.DataFrame:
    """Month-by-month revenue by client, bank satisfaction and the renewal decision.

    Args:
        params: the scenario's settings (:class:`Params`).
        periods: number of months to simulate, 2 to 120.
        seed: seed of the random draws (the satisfaction ratings).

    Returns:
        One row per month (index ``month`` from 1) with columns ``bank_revenue``,
        ``others_revenue``, ``total_revenue`` (€), ``bank_share`` (fraction), ``bank_active``
        (the bank is still a client), ``renewal_probability`` (only in the renewal month) and
        ``renewed`` (the decision, only in the renewal month). The individual ratings are in
        ``data.attrs["ratings"]`` (columns ``month``, ``client`` = "bank"/"others", ``rating``).

    >>> simulate(Params(), periods=1)
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 2 and 120 months (got 1).
    """
    periods = check_periods(periods, 2, 120, "months")
    rng = np.random.default_rng(seed)
    months = np.arange(1, periods + 1)

    others = (
        params.monthly_revenue
        * (1 - params.bank_share)
        * (1 + params.others_growth) ** (months - 1)
    )
    fee = params.monthly_revenue * params.bank_share

    # Ratings are drawn for every month up front so that a given seed gives the same ratings
    # whatever happens at the renewal; the bank's ratings after it leaves are then dropped.
    bank_draws = np.rint(
        bank_mean_rating(params.manager_hours)
        + rng.normal(0.0, RATING_SPREAD, (periods, BANK_RESPONDENTS))
    ).clip(1, 5)
    other_draws = np.rint(
        OTHERS_MEAN_RATING + rng.normal(0.0, RATING_SPREAD, (periods, OTHER_RESPONDENTS))
    ).clip(1, 5)

    bank = np.full(periods, fee)
    active = np.ones(periods, dtype=bool)
    probability = np.full(periods, np.nan)
    renewed = pd.array([pd.NA] * periods, dtype="boolean")
    r = params.renewal_month
    if r <= periods:
        window = bank_draws[max(0, r - CSAT_WINDOW) : r].ravel()
        p = renewal_probability(csat(window))
        probability[r - 1] = p
        renewed[r - 1] = p >= 0.5
        if p >= 0.5:
            bank[r:] = fee * (1 + params.renewal_uplift)
        else:
            bank[r:] = 0.0
            active[r:] = False

    data = pd.DataFrame(
        {
            "bank_revenue": bank,
            "others_revenue": others,
            "total_revenue": bank + others,
            "bank_share": bank / (bank + others),
            "bank_active": active,
            "renewal_probability": probability,
            "renewed": renewed,
        },
        index=pd.Index(months, name="month"),
    )
    bank_months = np.repeat(months[active], BANK_RESPONDENTS)
    data.attrs["ratings"] = pd.DataFrame(
        {
            "month": np.concatenate([bank_months, np.repeat(months, OTHER_RESPONDENTS)]),
            "client": ["bank"] * bank_months.size + ["others"] * (periods * OTHER_RESPONDENTS),
            "rating": np.concatenate([bank_draws[active].ravel(), other_draws.ravel()]),
        }
    )
    return data


def rolling_csat(data: pd.DataFrame) -> pd.DataFrame:
    """CSAT over the last 3 months, month by month, for the bank and for the whole company.

    Returns one row per month with columns ``bank`` and ``business`` (fractions); ``bank`` is
    NaN once the bank has left.
    """
    ratings = data.attrs["ratings"]
    month = ratings["month"].to_numpy()
    rating = ratings["rating"].to_numpy()
    is_bank = (ratings["client"] == "bank").to_numpy()
    bank, business = [], []
    for m, active in zip(data.index, data["bank_active"], strict=True):
        recent = (month > m - CSAT_WINDOW) & (month <= m)
        bank.append(csat(rating[recent & is_bank]) if active else np.nan)
        business.append(csat(rating[recent]))
    return pd.DataFrame({"bank": bank, "business": business}, index=data.index)


def _last_months(ratings: pd.DataFrame) -> pd.Series:
    """The ratings of the last 3 months present in ``ratings``."""
    last = ratings["month"].max()
    return ratings.loc[ratings["month"] > last - CSAT_WINDOW, "rating"]


def kpi_values(data: pd.DataFrame) -> dict[tuple[str, str], float]:
    """The KPI values keyed by ``(kpi, scope)``: kpi in growth, nrr, csat; scope business or
    key_account (the bank).

    Revenue growth and net revenue retention compare the last month with month 1 (the other
    clients' new business is growth, not retention); CSAT covers the last 3 months (for the
    bank: its last 3 months as a client).
    """
    first, last = data.index[0], data.index[-1]
    ratings = data.attrs["ratings"]
    bank_ratings = ratings[ratings["client"] == "bank"]
    bank_first = data.loc[first, "bank_revenue"]
    bank_last = data.loc[last, "bank_revenue"]
    left = not data.loc[last, "bank_active"]
    expansion = max(bank_last - bank_first, 0.0)
    churn = bank_first if left else 0.0
    total_first = data.loc[first, "total_revenue"]
    values = {
        ("growth", "business"): growth_rate(data.loc[last, "total_revenue"], total_first),
        ("nrr", "business"): net_revenue_retention(total_first, expansion, 0.0, churn),
        ("csat", "business"): csat(_last_months(ratings)),
        ("growth", "key_account"): growth_rate(bank_last, bank_first),
        ("nrr", "key_account"): net_revenue_retention(bank_first, expansion, 0.0, churn),
        ("csat", "key_account"): csat(_last_months(bank_ratings)),
    }
    return {key: float(value) for key, value in values.items()}


def kpi_table(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The company's KPIs and the same KPIs for the bank alone (scope ``"key_account"``).

    Args:
        data: the output of :func:`simulate`.
        params: the settings that produced it.

    Returns:
        A DataFrame with the columns of ``KPI_TABLE_COLUMNS``: revenue growth, net revenue
        retention and CSAT, first for the whole company, then for the bank.

    >>> table = kpi_table(simulate(Params(), seed=0), Params())
    >>> table[["scope", "value", "status"]].round(3).values.tolist()[:3]
    [['business', 0.202, 'on track'], ['business', 1.035, 'on track'],
     ['business', 0.842, 'on track']]
    >>> kpi_table(pd.DataFrame(), Params())
    Traceback (most recent call last):
        ...
    ValueError: data is empty: give at least one value.
    """
    if data.empty:
        raise ValueError(t("errors.empty", name="data"))
    first, last = data.index[0], data.index[-1]
    targets = {"growth": GROWTH_TARGET, "nrr": NRR_TARGET, "csat": CSAT_TARGET}
    rows = [
        kpi_row(
            t(f"scenarios.software_bank.kpi.{kpi}.{scope}", first=first, last=last),
            scope,
            value,
            targets[kpi],
            "%",
        )
        for (kpi, scope), value in kpi_values(data).items()
    ]
    return pd.DataFrame(rows, columns=KPI_TABLE_COLUMNS)
