"""A startup with two major clients, Client A and Client B: the key account and the growth KPI.

The source text's example (section 2.1): a startup has two major clients; Client A brings most
of the revenue, which makes it the key account; the startup's KPI could be monthly revenue
growth, which shows the company's overall financial performance. Both are true at once, and
they answer different questions: *who* matters (Client A) and *how well* the business grows
(the KPI). The simulation shows what the KPI alone hides: growth looks healthy until the key
account leaves, and looks healthy again soon after, from a much lower base.

The model, month by month (month 1 is the first):

* Client A spends ``a_spend`` in month 1 and grows by ``a_growth`` a month, until the month
  it leaves (``a_leaves_month``; 0 = never): from that month on it spends nothing.
* Client B spends ``b_spend`` in month 1 and grows by ``b_growth`` a month.
* From month 2, new small clients sign up: a Poisson number each month with mean
  ``new_clients``; each spends ``new_client_spend`` a month from the month it arrives.

>>> data = simulate(Params(new_clients=0.0), periods=3)
>>> data[["client_a", "client_b", "others"]].round(2).values.tolist()
[[30000.0, 10000.0, 0.0], [30900.0, 10200.0, 0.0], [31827.0, 10404.0, 0.0]]
>>> Params(a_spend=5_000, b_spend=10_000)
Traceback (most recent call last):
    ...
ValueError: In this story Client A is the key account and brings most of the revenue, so its
monthly spend must be larger than Client B's (got A €5,000, B €10,000). Raise A's spend or
lower B's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons.accounts import concentration, revenue_share, revenue_share_by_period
from lessons.i18n import t
from lessons.kpis import growth_rate, monthly_growth
from lessons.scenarios import _base
from lessons.scenarios._base import KpiSpec, Periods, ScenarioParams, param, shown_setting

__all__ = [
    "A_GROWTH_TARGET",
    "A_SHARE_TARGET",
    "DATA_COLUMNS",
    "FLOOR_TARGET",
    "GROWTH_TARGET",
    "HHI_TARGET",
    "KPIS",
    "PERIODS",
    "Params",
    "check_data",
    "kpi_table",
    "period_kpis",
    "revenue_by_client",
    "simulate",
    "summary",
    "targets",
]

#: Monthly revenue growth the startup aims for (illustrative; see :class:`Params`).
GROWTH_TARGET = 0.03
#: No month should see revenue shrink; Client A's revenue should at least not shrink either.
FLOOR_TARGET = 0.0
A_GROWTH_TARGET = 0.0
#: Client A's share of revenue: above half, one client decides the company's fate.
A_SHARE_TARGET = 0.5
#: HHI above 1,800 is "highly concentrated" (US DOJ & FTC Merger Guidelines, 2023).
HHI_TARGET = 1_800.0

#: Months simulated: 24 by default, 2 to 60.
PERIODS = Periods(default=24, low=2, high=60, unit="months")

#: The columns of the table :func:`simulate` returns (its index is the month, from 1).
DATA_COLUMNS = ("client_a", "client_b", "others", "total", "new_clients", "other_clients")

#: The startup's KPIs, then Client A's.
KPIS = (
    KpiSpec("growth_latest", "business", "%"),
    KpiSpec("growth_lowest", "business", "%"),
    KpiSpec("hhi", "business", "points", "lower"),
    KpiSpec("a_growth", "key_account", "%"),
    KpiSpec("a_share", "key_account", "%", "lower"),
)


@dataclass(frozen=True)
class Params(ScenarioParams):
    """Settings of the startup and its two major clients.

    Typical values (illustrative unless a source is named):

    * Client A €30,000 a month growing 3 % a month; Client B €10,000 growing 2 %: A brings
      three quarters of the revenue at the start, as in the source where A brings "the
      majority".
    * Two new small clients a month at €1,500 each.
    * Growth target 3 % a month (about 43 % a year), and no month of decline. For scale, Paul
      Graham ("Startup = Growth", 2012) calls 5-7 % a *week* good for a startup in Y
      Combinator: young startups grow much faster than established firms, so the target is a
      choice, not a law.

    >>> Params(a_leaves_month=40)
    Traceback (most recent call last):
        ...
    ValueError: Month Client A leaves (0 = never) (a_leaves_month) must be between 0 and 36
    (got 40).
    """

    a_spend: float = param(30_000.0, low=1_000.0, high=200_000.0, step=1_000.0, unit="€")
    a_growth: float = param(0.03, low=-0.05, high=0.10, step=0.005, unit="%")
    b_spend: float = param(10_000.0, low=1_000.0, high=200_000.0, step=1_000.0, unit="€")
    b_growth: float = param(0.02, low=-0.05, high=0.10, step=0.005, unit="%")
    a_leaves_month: int = param(0, low=0, high=36, step=1, unit="")
    new_clients: float = param(2.0, low=0.0, high=10.0, step=0.5, unit="per month")
    new_client_spend: float = param(1_500.0, low=100.0, high=20_000.0, step=100.0, unit="€")

    def check(self) -> None:
        """Client A is the key account of the story: a client from month 1 that out-spends B."""
        if self.a_leaves_month == 1:
            raise ValueError(t("scenarios.startup.error.a_leaves_at_start"))
        if self.a_spend <= self.b_spend:
            raise ValueError(
                t(
                    "scenarios.startup.error.a_not_largest",
                    a=shown_setting(self.a_spend, "€"),
                    b=shown_setting(self.b_spend, "€"),
                )
            )


def simulate(
    params: Params | None = None, periods: int = PERIODS.default, seed: int = 0
) -> pd.DataFrame:
    """Month-by-month revenue of Client A, Client B and the new small clients.

    Args:
        params: the startup's settings (:class:`Params`); the defaults if omitted.
        periods: months to simulate, 2 to 60.
        seed: seed of the random draws (how many new clients sign up each month).

    Returns:
        One row per month (index ``month`` from 1) with ``client_a``, ``client_b``, ``others``
        and ``total`` (revenue in €), ``new_clients`` (sign-ups that month) and
        ``other_clients`` (small clients so far).

    >>> simulate(Params(), periods=100)
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 2 and 60 months (got 100).
    """
    params, periods, rng = _base.simulation_inputs(
        params, periods, seed, Params, PERIODS, "startup"
    )
    months = np.arange(1, periods + 1)
    a = params.a_spend * (1 + params.a_growth) ** (months - 1)
    if params.a_leaves_month:
        a[months >= params.a_leaves_month] = 0.0
    b = params.b_spend * (1 + params.b_growth) ** (months - 1)
    arrivals = rng.poisson(params.new_clients, periods)
    arrivals[0] = 0  # month 1: only the two major clients
    clients = np.cumsum(arrivals)
    others = clients * params.new_client_spend
    return pd.DataFrame(
        {
            "client_a": a,
            "client_b": b,
            "others": others.astype(float),
            "total": a + b + others,
            "new_clients": arrivals,
            "other_clients": clients,
        },
        index=pd.Index(months, name="month"),
    )


def check_data(data: object, params: object) -> None:
    """Refuse, in words, anything but a table from :func:`simulate` and its :class:`Params`.

    >>> check_data(simulate()[["client_a"]], Params())
    Traceback (most recent call last):
        ...
    ValueError: data must be the table returned by simulate() of the startup scenario (got 24
    rows, missing columns: client_b, others, total, new_clients, other_clients): run data =
    simulate(params) and pass that table.
    """
    _base.check_data(data, params, Params, DATA_COLUMNS, "startup")


def revenue_by_client(data: pd.DataFrame, month: int) -> pd.Series:
    """Revenue per client in one month (€), each small client on its own; clients at 0 left.

    >>> revenue_by_client(simulate(Params(new_clients=1.0), seed=1), month=2).round(0).to_dict()
    {'Client A': 30900.0, 'Client B': 10200.0, 'Small client 1': 1500.0}
    """
    row = data.loc[month]
    small = int(row["other_clients"])
    spend = row["others"] / small if small else 0.0
    names = [t("scenarios.startup.client.a"), t("scenarios.startup.client.b")] + [
        t("scenarios.startup.client.small", number=i) for i in range(1, small + 1)
    ]
    revenue = pd.Series([row["client_a"], row["client_b"]] + [spend] * small, index=names)
    return revenue[revenue > 0]


def period_kpis(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Month by month: revenue by client (€), growth of the total (NaN in month 1) and
    Client A's share of revenue.

    >>> kpis = period_kpis(simulate(Params(new_clients=0.0), periods=2), Params())
    >>> kpis[["growth", "a_share"]].round(4).values.tolist()
    [[nan, 0.75], [0.0275, 0.7518]]
    """
    check_data(data, params)
    revenue = data[["client_a", "client_b", "others", "total"]]
    shares = revenue_share_by_period(revenue[["client_a", "client_b", "others"]])
    return revenue.assign(growth=monthly_growth(data["total"]), a_share=shares["client_a"])


def summary(data: pd.DataFrame, params: Params) -> dict[str, float]:
    """The KPIs of the last month and of the whole period, and what happens when A leaves.

    Keys: those of :data:`KPIS` (latest and lowest monthly growth, HHI, Client A's growth since
    month 1 and share of revenue, all for the last month); ``months_down`` (months whose
    revenue fell); if Client A leaves within the period, ``growth_when_a_leaves`` (growth of
    that month), ``months_after_a_leaves`` and ``months_up_after_a_leaves`` (of those, months
    whose revenue did not fall), else NaN and 0; and ``periods``.

    >>> s = summary(simulate(Params(a_leaves_month=7)), Params(a_leaves_month=7))
    >>> round(s["growth_when_a_leaves"], 3), s["months_up_after_a_leaves"], s["periods"]
    (-0.541, 17, 24)
    """
    check_data(data, params)
    first, last = data.index[0], data.index[-1]
    growth = monthly_growth(data["total"])
    revenue = revenue_by_client(data, last)
    leaves = params.a_leaves_month
    after = growth.loc[leaves + 1 :] if leaves and leaves <= last else growth.iloc[:0]
    values = {
        "growth_latest": growth.iloc[-1],
        "growth_lowest": growth.min(),
        # Whole points: decimals of an index on a 0-10,000 scale are noise to a reader.
        "hhi": round(concentration(revenue).hhi),
        "a_growth": growth_rate(data.loc[last, "client_a"], data.loc[first, "client_a"]),
        "a_share": revenue_share(revenue).get(t("scenarios.startup.client.a"), 0.0),
        "growth_when_a_leaves": growth.loc[leaves] if leaves and leaves <= last else np.nan,
    }
    counts = {
        "months_down": int((growth < 0).sum()),
        "months_after_a_leaves": len(after),
        "months_up_after_a_leaves": int((after >= 0).sum()),
        "periods": len(data),
    }
    return {**{key: float(value) for key, value in values.items()}, **counts}


def targets(params: Params) -> dict[str, float]:
    """The targets of the startup's KPIs and of Client A's (fixed, see the constants).

    >>> targets(Params())["hhi"]
    1800.0
    """
    _base.check_params(params, Params, "startup")
    return {
        "growth_latest": GROWTH_TARGET,
        "growth_lowest": FLOOR_TARGET,
        "hhi": HHI_TARGET,
        "a_growth": A_GROWTH_TARGET,
        "a_share": A_SHARE_TARGET,
    }


def kpi_table(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The startup's KPIs (scope ``"business"``) and Client A's (scope ``"key_account"``).

    Args:
        data: the output of :func:`simulate`.
        params: the settings that produced it.

    Returns:
        A DataFrame with the columns of ``KPI_TABLE_COLUMNS``.

    >>> table = kpi_table(simulate(Params(a_leaves_month=7)), Params(a_leaves_month=7))
    >>> table[["scope", "status"]].values.tolist()[:2]
    [['business', 'on track'], ['business', 'off track']]
    """
    return _base.kpi_table_of("startup", KPIS, summary(data, params), targets(params))
