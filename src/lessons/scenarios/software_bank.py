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
from lessons.scenarios import _base
from lessons.scenarios._base import KpiSpec, Periods, ScenarioParams, param

__all__ = [
    "BANK_RESPONDENTS",
    "CSAT_TARGET",
    "CSAT_WINDOW",
    "DATA_COLUMNS",
    "GROWTH_TARGET",
    "KPIS",
    "NRR_TARGET",
    "OTHER_RESPONDENTS",
    "PERIODS",
    "Params",
    "bank_mean_rating",
    "check_data",
    "kpi_table",
    "period_kpis",
    "renewal_probability",
    "simulate",
    "summary",
    "targets",
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

#: Months simulated: 24 by default (the renewal and a year after it), 2 to 120.
PERIODS = Periods(default=24, low=2, high=120, unit="months")

#: The columns of the table :func:`simulate` returns (its index is the month, from 1).
DATA_COLUMNS = (
    "bank_revenue",
    "others_revenue",
    "total_revenue",
    "bank_share",
    "bank_active",
    "renewal_probability",
    "renewed",
)

#: The company's KPIs, then the same KPIs for the bank alone.
KPIS = (
    KpiSpec("growth", "business", "%"),
    KpiSpec("nrr", "business", "%"),
    KpiSpec("csat", "business", "%"),
    KpiSpec("bank_growth", "key_account", "%"),
    KpiSpec("bank_nrr", "key_account", "%"),
    KpiSpec("bank_csat", "key_account", "%"),
)


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

    monthly_revenue: float = param(500_000.0, low=50_000.0, high=5e6, step=50_000.0, unit="€")
    bank_share: float = param(0.35, low=0.05, high=0.80, step=0.05, unit="%")
    manager_hours: float = param(20.0, low=0.0, high=40.0, step=2.0, unit="h/week")
    renewal_month: int = param(12, low=3, high=21, step=1, unit="")
    renewal_uplift: float = param(0.10, low=0.0, high=0.30, step=0.01, unit="%")
    others_growth: float = param(0.01, low=-0.05, high=0.05, step=0.005, unit="%")


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


def simulate(
    params: Params | None = None, periods: int = PERIODS.default, seed: int = 0
) -> pd.DataFrame:
    """Month-by-month revenue by client, bank satisfaction and the renewal decision.

    Args:
        params: the scenario's settings (:class:`Params`); the defaults if omitted.
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
    params, periods, rng = _base.simulation_inputs(
        params, periods, seed, Params, PERIODS, "software_bank"
    )
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


def check_data(data: object, params: object) -> None:
    """Refuse, in words, anything but a table from :func:`simulate` and its :class:`Params`.

    >>> check_data(simulate().drop(columns="renewed"), Params())
    Traceback (most recent call last):
        ...
    ValueError: data must be the table returned by simulate() of the software_bank scenario (got
    24 rows, missing columns: renewed): run data = simulate(params) and pass that table.
    """
    _base.check_data(data, params, Params, DATA_COLUMNS, "software_bank")
    if "ratings" not in data.attrs:  # type: ignore[union-attr]
        raise ValueError(t("scenarios.software_bank.error.no_ratings"))


def _ratings(data: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Month, rating and "is the bank" of every survey answer, as arrays."""
    ratings = data.attrs["ratings"]
    return (
        ratings["month"].to_numpy(),
        ratings["rating"].to_numpy(),
        (ratings["client"] == "bank").to_numpy(),
    )


def period_kpis(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Month by month: revenue by client, the bank's share, and CSAT over the last 3 months.

    Returns one row per month with ``bank_revenue``, ``others_revenue``, ``total_revenue``
    (€), ``bank_share``, ``bank_csat`` (the bank's CSAT; NaN once it has left) and ``csat``
    (the whole company's), fractions computed with :func:`lessons.kpis.csat`.

    >>> period_kpis(simulate(), Params())["csat"].round(3).tolist()[:3]
    [0.925, 0.862, 0.9]
    """
    check_data(data, params)
    month, rating, is_bank = _ratings(data)
    bank, business = [], []
    for m, active in zip(data.index, data["bank_active"].to_numpy(), strict=True):
        recent = (month > m - CSAT_WINDOW) & (month <= m)
        bank.append(csat(rating[recent & is_bank]) if active else np.nan)
        business.append(csat(rating[recent]))
    shown = ["bank_revenue", "others_revenue", "total_revenue", "bank_share"]
    table = pd.DataFrame({column: data[column].to_numpy() for column in shown}, index=data.index)
    table["bank_csat"] = bank
    table["csat"] = business
    return table


def summary(data: pd.DataFrame, params: Params) -> dict[str, float]:
    """The KPIs of the whole period, for the company and for the bank, and the renewal.

    Revenue growth and net revenue retention compare the last month with month 1 (the other
    clients' new business is growth, not retention); CSAT covers the last 3 months (for the
    bank: its last 3 months as a client). Keys: those of :data:`KPIS`, then
    ``renewal_probability`` and ``renewed`` (1 if the bank renewed, 0 if not, NaN if the renewal
    falls after the simulated months) and ``periods``.

    >>> s = summary(simulate(), Params())
    >>> round(s["growth"], 3), s["renewed"], s["periods"]
    (0.202, 1.0, 24)
    """
    check_data(data, params)
    first, last = data.index[0], data.index[-1]
    month, rating, is_bank = _ratings(data)
    bank_first = data.loc[first, "bank_revenue"]
    bank_last = data.loc[last, "bank_revenue"]
    left = not data.loc[last, "bank_active"]
    expansion = max(bank_last - bank_first, 0.0)
    churn = bank_first if left else 0.0
    total_first = data.loc[first, "total_revenue"]
    recent = month > last - CSAT_WINDOW
    bank_recent = month > month[is_bank].max() - CSAT_WINDOW
    r = params.renewal_month
    in_period = r in data.index
    values = {
        "growth": growth_rate(data.loc[last, "total_revenue"], total_first),
        "nrr": net_revenue_retention(total_first, expansion, 0.0, churn),
        "csat": csat(rating[recent]),
        "bank_growth": growth_rate(bank_last, bank_first),
        "bank_nrr": net_revenue_retention(bank_first, expansion, 0.0, churn),
        "bank_csat": csat(rating[bank_recent & is_bank]),
        "renewal_probability": data.loc[r, "renewal_probability"] if in_period else np.nan,
        "renewed": float(bool(data.loc[r, "renewed"])) if in_period else np.nan,
    }
    return {**{key: float(value) for key, value in values.items()}, "periods": len(data)}


def targets(params: Params) -> dict[str, float]:
    """The target of each KPI: the same for the company and for the bank.

    >>> targets(Params())["bank_csat"]
    0.8
    """
    _base.check_params(params, Params, "software_bank")
    shared = {"growth": GROWTH_TARGET, "nrr": NRR_TARGET, "csat": CSAT_TARGET}
    return {**shared, **{f"bank_{key}": value for key, value in shared.items()}}


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
    """
    return _base.kpi_table_of("software_bank", KPIS, summary(data, params), targets(params))
