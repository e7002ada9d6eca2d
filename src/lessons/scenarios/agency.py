"""Digital marketing agency: a high-profile client and the agency's campaign KPIs (section 2.3).

The source: the agency's key account may be "a high-profile client for whom it runs several
advertising campaigns", while its KPIs -- conversion rate, click-through rate, return on ad
spend -- "measure the effectiveness of the agency's campaigns without focusing on one
specific client". This simulation makes both points visible:

* **A high click-through rate is not profit.** Ads pay for themselves only when the return on
  ad spend (ROAS, € of revenue per € of ads) reaches the break-even ROAS, ``1 / margin``
  (:func:`lessons.kpis.break_even_roas`). The high-profile client's campaigns are set to a
  CTR twice that of the other campaigns and a low conversion rate: they lose money.
* **KPIs measure campaigns, not clients.** The agency-wide CTR, conversion rate and ROAS mix
  every campaign; moving budget towards the key account changes them even if no campaign
  changes.

Whose money? The sales the campaigns bring are the **clients'** (the advertisers'): the
profit figure here, ``client_profit``, is the clients' gross profit on those sales minus
what they paid for the ads. The agency's own income (its fee or commission) is not
modelled: a client whose campaigns lose money is a key account at risk, whatever the
agency earns on its budget.

The model, month by month, for two groups of campaigns (the high-profile client's, and the
other clients'): ads are bought per thousand impressions at :data:`CPM` € on average (the
price varies ±10 % from month to month); each impression is clicked with probability CTR;
each click converts with the conversion rate; each conversion brings the average basket
(orders vary around it). The other clients' campaigns use :data:`OTHERS`.

Typical values. Google Ads click-through rates averaged across industries, as published by
WordStream ("Google Ads Benchmarks for Your Industry") and still quoted in 2023 benchmark
compilations: 3.17 % on the search network, 0.46 % on the display network. Benchmarks depend
on the channel and the industry: compare a campaign with its own channel. Every other value of
this module (CPM, conversion rates, basket, margin, the other campaigns) is illustrative.

>>> data = simulate(Params(), periods=12, seed=1)
>>> sorted(data["campaigns"].unique())
['key_account', 'others']
>>> Params(margin=0)
Traceback (most recent call last):
    ...
ValueError: Gross margin (margin) must be between 5 % and 90 % (got 0 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from lessons import kpis
from lessons.scenarios import _base
from lessons.scenarios._base import KpiSpec, Periods, ScenarioParams, param

__all__ = [
    "CPM",
    "CTR_BENCHMARKS",
    "DATA_COLUMNS",
    "GROUPS",
    "KPIS",
    "MEASURES",
    "OTHERS",
    "PERIODS",
    "TARGETS",
    "Params",
    "check_data",
    "expected",
    "kpi_table",
    "period_kpis",
    "simulate",
    "summary",
    "targets",
]

#: Average price of 1,000 impressions in € (illustrative).
CPM = 10.0
#: Google Ads click-through rates averaged across industries, by network (WordStream, "Google
#: Ads Benchmarks for Your Industry", still quoted in 2023 benchmark compilations): context
#: for a campaign's CTR, which depends on the channel.
CTR_BENCHMARKS = {"search": 0.0317, "display": 0.0046}
#: The other clients' campaigns (illustrative, search-like).
OTHERS = {"ctr": 0.02, "conversion": 0.03}
#: The agency's targets for CTR and conversion rate (illustrative). The ROAS target is the
#: break-even ROAS, ``1 / margin``, and the clients' profit from the ads must not be below
#: 0 € (see :func:`targets`).
TARGETS = {"ctr": 0.02, "conversion": 0.02, "client_profit": 0.0}

_CAMPAIGNS = ("key_account", "others")
#: Orders vary around the average basket: each order's value is Gamma-distributed with
#: shape 4 (coefficient of variation 50 %).
_BASKET_SHAPE = 4.0

#: Months simulated: 12 by default, 1 to 60.
PERIODS = Periods(default=12, low=1, high=60, unit="months")

#: The columns of the table :func:`simulate` returns.
DATA_COLUMNS = ("month", "campaigns", "spend", "impressions", "clicks", "conversions", "revenue")

#: The groups of campaigns the figures are computed for: the high-profile client's, the other
#: clients' and the whole agency's; and the figures of each, with their unit (counts and € per
#: month on average). A figure of the summary is named ``<group>_<measure>``.
GROUPS = ("key_account", "others", "agency")
MEASURES = {
    "spend": "€",
    "impressions": "",
    "clicks": "",
    "conversions": "",
    "revenue": "€",
    "client_profit": "€",
    "ctr": "%",
    "conversion": "%",
    "roas": "x",
}

#: The agency's campaign KPIs, then the same KPIs for the high-profile client's campaigns.
KPIS = tuple(
    KpiSpec(f"{group}_{measure}", scope, MEASURES[measure])
    for scope, group in (("business", "agency"), ("key_account", "key_account"))
    for measure in ("ctr", "conversion", "roas", "client_profit")
)


@dataclass(frozen=True)
class Params(ScenarioParams):
    """Settings of the agency (illustrative defaults, see the module docstring for sources).

    Attributes:
        monthly_budget: ad spend managed per month, all clients, in €, 5,000 to 500,000.
        key_account_share: share of that budget spent on the high-profile client, 5-95 %.
        key_account_ctr: click-through rate of the high-profile client's ads, 0.1-15 %.
        key_account_conversion: share of their clicks that buy, 0.1-15 %.
        average_basket: average order value in €, 5 to 500 (all clients, one sector).
        margin: gross margin on those orders, 5-90 %; break-even ROAS is ``1 / margin``.

    >>> Params().key_account_ctr
    0.04
    >>> Params(key_account_ctr="4 %")
    Traceback (most recent call last):
        ...
    TypeError: High-profile client: click-through rate (key_account_ctr) must be a number ...
    """

    monthly_budget: float = param(50_000.0, low=5_000.0, high=500_000.0, step=5_000.0, unit="€")
    key_account_share: float = param(0.5, low=0.05, high=0.95, step=0.05, unit="%")
    key_account_ctr: float = param(0.04, low=0.001, high=0.15, step=0.001, unit="%")
    key_account_conversion: float = param(0.01, low=0.001, high=0.15, step=0.001, unit="%")
    average_basket: float = param(60.0, low=5.0, high=500.0, step=5.0, unit="€")
    margin: float = param(0.3, low=0.05, high=0.9, step=0.05, unit="%")


def expected(params: Params) -> pd.DataFrame:
    """The average month of each group of campaigns, without randomness.

    Returns one row per group (``key_account``, ``others``) with ``spend`` (€),
    ``impressions``, ``clicks``, ``conversions`` and ``revenue`` (€).

    >>> expected(Params()).set_index("campaigns")["revenue"].round(2).to_dict()
    {'key_account': 60000.0, 'others': 90000.0}
    """
    share = params.key_account_share
    spend = params.monthly_budget * np.array([share, 1 - share])
    ctr = np.array([params.key_account_ctr, OTHERS["ctr"]])
    conversion = np.array([params.key_account_conversion, OTHERS["conversion"]])
    impressions = spend / CPM * 1000
    clicks = impressions * ctr
    conversions = clicks * conversion
    return pd.DataFrame(
        {
            "campaigns": list(_CAMPAIGNS),
            "spend": spend,
            "ctr": ctr,
            "conversion": conversion,
            "impressions": impressions,
            "clicks": clicks,
            "conversions": conversions,
            "revenue": conversions * params.average_basket,
        }
    )


def simulate(
    params: Params | None = None, periods: int = PERIODS.default, seed: int = 0
) -> pd.DataFrame:
    """Simulate ``periods`` months of campaigns, one row per month and group of campaigns.

    Args:
        params: the agency's settings (:class:`Params`); the defaults if omitted.
        periods: months to simulate, 1 to 60.
        seed: seed of the random draws (same seed, same data).

    Returns:
        A DataFrame with columns ``month`` (1..periods), ``campaigns`` ("key_account" for the
        high-profile client, "others"), ``spend`` (€), ``impressions``, ``clicks``,
        ``conversions`` and ``revenue`` (€). Counts are whole numbers; nothing is negative.

    >>> simulate(Params(), periods=3)["spend"].tolist()
    [25000.0, 25000.0, 25000.0, 25000.0, 25000.0, 25000.0]
    >>> simulate(Params(), periods=100)
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 1 and 60 months (got 100).
    """
    params, periods, rng = _base.simulation_inputs(params, periods, seed, Params, PERIODS, "agency")
    base = expected(params)
    group = np.tile(np.arange(2), periods)
    spend = base["spend"].to_numpy()[group]
    # The price varies from month to month; centred so that impressions average spend / CPM.
    cpm = CPM * rng.lognormal(0.1**2 / 2, 0.1, len(group))
    impressions = np.floor(spend / cpm * 1000).astype(np.int64)
    clicks = rng.binomial(impressions, base["ctr"].to_numpy()[group])
    conversions = rng.binomial(clicks, base["conversion"].to_numpy()[group])
    shape = np.maximum(conversions * _BASKET_SHAPE, 1e-12)
    revenue = rng.gamma(shape, params.average_basket / _BASKET_SHAPE) * (conversions > 0)
    return pd.DataFrame(
        {
            "month": np.repeat(np.arange(1, periods + 1), 2),
            "campaigns": np.array(_CAMPAIGNS)[group],
            "spend": spend,
            "impressions": impressions,
            "clicks": clicks,
            "conversions": conversions,
            "revenue": revenue,
        }
    )


def check_data(data: object, params: object) -> None:
    """Refuse, in words, anything but a table from :func:`simulate` and its :class:`Params`.

    >>> check_data(simulate()["spend"], Params())  # one column of it is not the table
    Traceback (most recent call last):
        ...
    TypeError: data must be the table returned by simulate() of the agency scenario (got
    Series): run data = simulate(params) and pass that table.
    """
    _base.check_data(data, params, Params, DATA_COLUMNS, "agency")


#: The columns added up before the figures of a group are computed: all but the month and
#: the group.
_SUMMED = DATA_COLUMNS[2:]


def _group_figures(sums: np.ndarray, months: int, margin: float) -> dict[str, np.ndarray]:
    """The figures of :data:`MEASURES` for rows of summed data (each ``months`` months of one
    group), the KPIs computed with :mod:`lessons.kpis`.

    Counts, spend, revenue and the clients' profit are per month on average. The conversion
    rate of a row without a click is 0 (nobody could buy).
    """
    total = {name: sums[:, i] for i, name in enumerate(_SUMMED)}
    figures = {name: values / months for name, values in total.items()}
    # The clients' gross profit on the sales the campaigns brought, minus what the ads cost
    # them: the advertisers' money, not the agency's.
    figures["client_profit"] = (total["revenue"] * margin - total["spend"]) / months
    figures["ctr"] = kpis.click_through_rate(total["clicks"], total["impressions"])
    figures["conversion"] = np.zeros(len(sums))
    clicked = total["clicks"] > 0
    if clicked.any():
        figures["conversion"][clicked] = kpis.conversion_rate(
            total["conversions"][clicked], total["clicks"][clicked]
        )
    figures["roas"] = kpis.return_on_ad_spend(total["revenue"], total["spend"])
    return figures


def period_kpis(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The figures of each month, for each group: one row per month, columns
    ``<group>_<measure>`` (groups :data:`GROUPS`, measures :data:`MEASURES`).

    >>> kpis = period_kpis(simulate(), Params())
    >>> kpis["agency_spend"].tolist()[:2], kpis.index.name
    ([50000.0, 50000.0], 'month')
    """
    check_data(data, params)
    months, sums = _base.monthly_sums(data, "campaigns", _CAMPAIGNS, _SUMMED, "agency")
    return _base.group_period_table(months, sums, partial(_group_figures, margin=params.margin))


def summary(data: pd.DataFrame, params: Params) -> dict[str, float]:
    """Totals and KPIs of each group over the whole simulation.

    Keys ``<group>_<measure>`` for the groups :data:`GROUPS` (``key_account``: the
    high-profile client's campaigns, ``others``, ``agency``: all campaigns) and the measures of
    :data:`MEASURES`: ``spend``, ``impressions``, ``clicks``, ``conversions``, ``revenue`` and
    ``client_profit`` (the clients' gross profit on the sales minus their ad spend, €) per
    month on average, ``ctr``, ``conversion``
    and ``roas``; then ``break_even_roas`` (:func:`lessons.kpis.break_even_roas`) and
    ``periods``.

    >>> s = summary(simulate(), Params())
    >>> s["agency_spend"], round(s["break_even_roas"], 2), s["periods"]
    (50000.0, 3.33, 12)
    """
    check_data(data, params)
    months, sums = _base.monthly_sums(data, "campaigns", _CAMPAIGNS, _SUMMED, "agency")
    summary = _base.group_summary(months, sums, partial(_group_figures, margin=params.margin))
    return {**summary, "break_even_roas": float(kpis.break_even_roas(params.margin))}


def targets(params: Params) -> dict[str, float]:
    """The agency's targets, the same for the high-profile client's campaigns: the ROAS
    target is the break-even ROAS ``1 / margin``.

    >>> targets(Params(margin=0.5))["key_account_roas"]
    2.0
    """
    _base.check_params(params, Params, "agency")
    shared = {**TARGETS, "roas": float(kpis.break_even_roas(params.margin))}
    return {
        f"{g}_{measure}": target
        for g in ("agency", "key_account")
        for measure, target in shared.items()
    }


def kpi_table(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The agency's campaign KPIs and the same KPIs for the high-profile client's campaigns.

    >>> table = kpi_table(simulate(Params()), Params())
    >>> table.groupby("scope").size().to_dict()
    {'business': 4, 'key_account': 4}
    """
    return _base.kpi_table_of("agency", KPIS, summary(data, params), targets(params))
