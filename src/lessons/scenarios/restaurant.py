"""Restaurant: the VIP guest (key account) and the chef's KPIs (source, section 2.4).

The source's analogy: the key account is "the VIP client who frequents the restaurant and
receives special treatment"; the chef's KPIs are the average customer rating, revenue per
table and table turnover, which "give an overview of the restaurant's performance beyond the
satisfaction of the key account alone".

This simulation adds the lesson every KPI dashboard needs: **Goodhart's law** ("when a measure
becomes a target, it ceases to be a good measure"). Shorten the dining time to push table
turnover up and the rating of the other guests goes down -- which is why turnover is paired
with the rating as a *counter-metric*. And it only helps on evenings when guests are turned
away: with free tables, rushing people brings nobody new.

The model, one row per day (one dinner service a day):

* a table can be used ``floor((service + reset) / (dining + reset))`` times, with
  :data:`RESET_MINUTES` to clear and lay it again;
* parties asking for a table arrive at random (Poisson, mean ``arrivals``); those beyond the
  capacity are turned away;
* the VIP dines on :data:`VIP_WEEKDAYS` (Friday and Saturday), keeps a reserved table the
  whole evening, orders :data:`VIP_CHECK_FACTOR` times the average check and gets
  ``vip_attention`` of the staff's attention -- attention the other tables lose that evening;
* every party served leaves a 1-5 rating (a comment card with the bill). Other guests rate
  lower when rushed (dining shorter than the :data:`COMFORT_MINUTES` they expect), when the
  staff is busy with the VIP, and when the room is overbooked. The VIP expects special
  treatment: looked after, they rate the evening higher than anyone (:data:`VIP_RATING`);
  neglected, lower. Their reserved table shields them: a rushed kitchen or a crowded room
  costs them a quarter of what it costs the other guests. The other guests pay for the
  attention the VIP gets.

Typical values: a 90-minute dinner, two seatings per table and an average check of €70 per
party are illustrative values for a sit-down restaurant, not survey figures. Turnover depends
on the format (fast casual turns tables several times per service, fine dining about once):
compare a restaurant with its own kind.

>>> data = simulate(Params(), periods=28)
>>> int(data["vip_visit"].sum())
8
>>> Params(service_hours=1.0, dining_time=75)
Traceback (most recent call last):
    ...
ValueError: A meal of 75 min does not fit in a service of 1 h (60 min): shorten ...
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons import kpis
from lessons.i18n import t
from lessons.scenarios import _base
from lessons.scenarios._base import RATING_COLUMNS, KpiSpec, Periods, ScenarioParams, param

__all__ = [
    "COMFORT_MINUTES",
    "DATA_COLUMNS",
    "KPIS",
    "PERIODS",
    "RESET_MINUTES",
    "TARGETS",
    "VIP_CHECK_FACTOR",
    "VIP_RATING",
    "VIP_WEEKDAYS",
    "Params",
    "check_data",
    "kpi_table",
    "mean_ratings",
    "period_kpis",
    "seatings_per_table",
    "simulate",
    "summary",
    "targets",
]

#: Minutes to clear and lay a table between two parties (illustrative).
RESET_MINUTES = 15
#: Length of dinner the guests of this restaurant expect, in minutes (illustrative).
COMFORT_MINUTES = 90
#: Days of the week the VIP dines (0 = Monday): Friday and Saturday.
VIP_WEEKDAYS = (4, 5)
#: The VIP's check compared with the average check (illustrative).
VIP_CHECK_FACTOR = 1.5
#: The chef's targets (illustrative). Revenue per table is targeted at the turnover target
#: times the average check (see :func:`targets`).
TARGETS = {"turnover": 2.0, "rating": 4.0, "vip_rating": 4.5}

#: How guests rate the evening, before rounding to stars (illustrative). ``others``: the
#: other guests' mean with nothing wrong, what rushing (the share of the expected dinner cut),
#: the staff's attention to the VIP and an overbooked room (the share turned away) each cost.
OTHERS_RATING = {"base": 4.5, "rush": 2.4, "busy_staff": 1.2, "crowd": 0.4}
#: The VIP's mean rating with no attention at all (``neglected``: a VIP served like anyone is
#: disappointed) and fully looked after (``looked_after``); attention closes the gap with
#: diminishing returns, ``attention_scale`` closing two thirds of it. The reserved table
#: shields the VIP: rushing and crowding cost them ``shield`` (a quarter) of what they cost
#: the others. ``spread``: a regular who knows the house rates more consistently.
VIP_RATING = {
    "neglected": 3.0,
    "looked_after": 5.0,
    "attention_scale": 0.1,
    "shield": 0.25,
    "spread": 0.5,
}

_RATING_SD = 0.7
_CHECK_SHAPE = 4.0  # checks vary around the average (coefficient of variation 50 %)

#: Evenings simulated: 28 by default (four weeks), 7 to 365.
PERIODS = Periods(default=28, low=7, high=365, unit="evenings")

#: The columns of the table :func:`simulate` returns.
DATA_COLUMNS = (
    "day",
    "vip_visit",
    "arrivals",
    "capacity",
    "served",
    "turned_away",
    "revenue",
    "vip_revenue",
    *RATING_COLUMNS,
    "vip_rating",
)

#: The chef's KPIs for the whole restaurant, then the VIP's own.
KPIS = (
    KpiSpec("turnover", "business", "parties/table"),
    KpiSpec("revenue_per_table", "business", "€"),
    KpiSpec("rating", "business", "/ 5"),
    KpiSpec("vip_rating", "key_account", "/ 5"),
    KpiSpec("vip_table_revenue", "key_account", "€"),
)


@dataclass(frozen=True)
class Params(ScenarioParams):
    """Settings of the restaurant (illustrative defaults, see the module docstring).

    Attributes:
        tables: tables in the dining room, 4 to 80.
        service_hours: length of the dinner service in hours, 1 to 8.
        dining_time: minutes a party stays at its table, 30 to 180.
        vip_attention: share of the staff's attention given to the VIP's table on the
            evenings they dine, 0-50 %.
        arrivals: parties asking for a table per evening, on average, 5 to 300.
        average_check: what a party spends on average, in €, 10 to 400.

    >>> Params().dining_time
    90
    >>> Params(tables=2)
    Traceback (most recent call last):
        ...
    ValueError: Tables (tables) must be between 4 and 80 (got 2).
    """

    tables: int = param(20, low=4, high=80, step=1, unit="")
    service_hours: float = param(4.0, low=1.0, high=8.0, step=0.5, unit="h")
    dining_time: int = param(90, low=30, high=180, step=5, unit="min")
    vip_attention: float = param(0.15, low=0.0, high=0.5, step=0.05, unit="%")
    arrivals: int = param(50, low=5, high=300, step=5, unit="parties")
    average_check: float = param(70.0, low=10.0, high=400.0, step=5.0, unit="€")

    def check(self) -> None:
        """A meal must fit in the service: at least one seating per table."""
        if self.dining_time > self.service_hours * 60:
            raise ValueError(
                t(
                    "scenarios.restaurant.error.meal_too_long",
                    dining=fmt.integer(self.dining_time),
                    hours=fmt.number(self.service_hours),
                    minutes=fmt.number(self.service_hours * 60),
                )
            )


def seatings_per_table(params: Params) -> int:
    """How many parties one table can host in a service (whole meals only).

    >>> seatings_per_table(Params(service_hours=4.0, dining_time=90))
    2
    >>> seatings_per_table(Params(service_hours=4.0, dining_time=60))
    3
    """
    minutes = params.service_hours * 60
    return math.floor((minutes + RESET_MINUTES) / (params.dining_time + RESET_MINUTES) + 1e-9)


def mean_ratings(params: Params, vip_day, excess) -> tuple[np.ndarray, np.ndarray]:
    """Average rating (before rounding to stars) of the other guests and of the VIP.

    Args:
        params: the settings.
        vip_day: per day, True if the VIP dines.
        excess: per day, parties turned away as a share of the capacity (0 if none).

    Returns:
        ``(others, vip)``, two arrays of means between 1 and 5 (see :data:`OTHERS_RATING`
        and :data:`VIP_RATING`).

    >>> others, vip = mean_ratings(Params(), [True], np.array([0.0]))
    >>> round(float(others[0]), 2), round(float(vip[0]), 2)
    (4.32, 4.55)
    """
    rush = max(0.0, 1 - params.dining_time / COMFORT_MINUTES)
    busy = params.vip_attention * np.asarray(vip_day, dtype=float)
    crowd = np.minimum(1.0, np.asarray(excess, dtype=float))
    o, v = OTHERS_RATING, VIP_RATING
    strain = o["rush"] * rush + o["crowd"] * crowd  # what a rushed, crowded evening costs
    others = o["base"] - strain - o["busy_staff"] * busy
    care = 1 - np.exp(-params.vip_attention / v["attention_scale"])
    vip = v["neglected"] + (v["looked_after"] - v["neglected"]) * care - v["shield"] * strain
    return np.clip(others, 1, 5), np.clip(vip, 1, 5)


def simulate(
    params: Params | None = None, periods: int = PERIODS.default, seed: int = 0
) -> pd.DataFrame:
    """Simulate ``periods`` evenings (day 1 is a Monday), one row per evening.

    Args:
        params: the restaurant's settings (:class:`Params`); the defaults if omitted.
        periods: evenings to simulate, 7 to 365.
        seed: seed of the random draws (same seed, same data).

    Returns:
        A DataFrame with columns ``day``, ``vip_visit`` (bool), ``arrivals`` (parties who
        asked for a table), ``capacity``, ``served`` (parties seated, the VIP included),
        ``turned_away``, ``revenue`` (€, all tables), ``vip_revenue`` (€, 0 without VIP),
        ``rating_1`` .. ``rating_5`` (other guests' ratings with that score) and
        ``vip_rating`` (the VIP's rating, 0 when absent). Nothing is negative.

    >>> simulate(Params(arrivals=300), periods=7)["capacity"].tolist()
    [40, 40, 40, 40, 39, 39, 40]
    >>> simulate(Params(), periods=3)
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 7 and 365 evenings (got 3).
    """
    params, periods, rng = _base.simulation_inputs(
        params, periods, seed, Params, PERIODS, "restaurant"
    )
    day = np.arange(1, periods + 1)
    vip = np.isin((day - 1) % 7, VIP_WEEKDAYS)
    seatings = seatings_per_table(params)
    # On VIP evenings one table is kept for the VIP all evening.
    capacity = np.where(vip, (params.tables - 1) * seatings, params.tables * seatings)
    # The VIP's draws come first, so that changing the room changes the VIP's evenings only
    # through what the room does to them (their mean rating), not through other random draws.
    vip_noise = rng.normal(0.0, VIP_RATING["spread"], periods)
    vip_check = params.average_check * VIP_CHECK_FACTOR
    vip_revenue = rng.gamma(_CHECK_SHAPE, vip_check / _CHECK_SHAPE, periods) * vip
    arrivals = rng.poisson(params.arrivals, periods)
    served_others = np.minimum(arrivals, capacity)
    turned_away = arrivals - served_others
    revenue = rng.gamma(
        np.maximum(served_others * _CHECK_SHAPE, 1e-12), params.average_check / _CHECK_SHAPE
    ) * (served_others > 0)
    mean_others, mean_vip = mean_ratings(params, vip, turned_away / capacity)
    counts = _base.rating_counts(rng, mean_others, _RATING_SD, served_others)
    vip_rating = np.clip(np.rint(mean_vip + vip_noise), 1, 5) * vip
    data = pd.DataFrame(
        {
            "day": day,
            "vip_visit": vip,
            "arrivals": arrivals,
            "capacity": capacity + vip,
            "served": served_others + vip,
            "turned_away": turned_away,
            "revenue": revenue + vip_revenue,
            "vip_revenue": vip_revenue,
        }
    )
    for score, column in enumerate(RATING_COLUMNS, start=1):
        data[column] = counts[:, score - 1]
    data["vip_rating"] = vip_rating.astype(int)
    return data


def check_data(data: object, params: object) -> None:
    """Refuse, in words, anything but a table from :func:`simulate` and its :class:`Params`.

    >>> check_data(simulate().drop(columns=["vip_visit", "vip_rating"]), Params())
    Traceback (most recent call last):
        ...
    ValueError: data must be the table returned by simulate() of the restaurant scenario (got 28
    rows, missing columns: vip_visit, vip_rating): run data = simulate(params) and pass that
    table.
    """
    _base.check_data(data, params, Params, DATA_COLUMNS, "restaurant")


def period_kpis(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The KPIs of each evening: ``vip_visit``, ``turnover``, ``revenue_per_table``,
    ``others_rating`` and ``vip_rating`` (NaN on evenings without the VIP), indexed by ``day``.

    >>> period_kpis(simulate(Params(arrivals=300), periods=7), Params())["turnover"].tolist()
    [2.0, 2.0, 2.0, 2.0, 1.95, 1.95, 2.0]
    """
    check_data(data, params)
    counts = data[list(RATING_COLUMNS)].to_numpy()
    others = [kpis.average_rating(_base.ratings_of(row)) if row.sum() else np.nan for row in counts]
    vip = data["vip_visit"].to_numpy()
    return pd.DataFrame(
        {
            "vip_visit": vip,
            "turnover": kpis.table_turnover_rate(data["served"].to_numpy(), params.tables),
            "revenue_per_table": kpis.revenue_per_table(data["revenue"].to_numpy(), params.tables),
            "others_rating": others,
            "vip_rating": np.where(vip, data["vip_rating"].to_numpy(), np.nan),
        },
        index=pd.Index(data["day"].to_numpy(), name="day"),
    )


def summary(data: pd.DataFrame, params: Params) -> dict[str, float]:
    """The restaurant's KPIs over the whole simulation, computed with :mod:`lessons.kpis`.

    Keys: ``turnover`` (parties per table per evening), ``revenue_per_table`` (€ per table per
    evening), ``rating`` (all guests, VIP included), ``others_rating``, ``vip_rating``,
    ``vip_table_revenue`` (€ the VIP's table brings per VIP evening), ``turned_away`` (parties
    per evening), ``vip_evenings`` and ``periods``.

    >>> s = summary(simulate(), Params())
    >>> s["vip_evenings"], s["periods"]
    (8, 28)
    """
    check_data(data, params)
    evenings = len(data)
    vip_rows = data[data["vip_visit"]]
    others = _base.ratings_of(data)
    vip = vip_rows["vip_rating"].to_numpy()
    values = {
        "turnover": kpis.table_turnover_rate(data["served"].sum() / evenings, params.tables),
        "revenue_per_table": kpis.revenue_per_table(
            data["revenue"].sum() / evenings, params.tables
        ),
        "rating": kpis.average_rating(np.concatenate([others, vip])),
        "others_rating": kpis.average_rating(others),
        "vip_rating": kpis.average_rating(vip),
        "vip_table_revenue": kpis.revenue_per_table(vip_rows["vip_revenue"].sum(), len(vip_rows)),
        "turned_away": data["turned_away"].mean(),
    }
    counts = {"vip_evenings": len(vip_rows), "periods": evenings}
    return {**{key: float(value) for key, value in values.items()}, **counts}


def targets(params: Params) -> dict[str, float]:
    """The chef's targets. Revenue per table is targeted at the turnover target times the
    average check, for every table and for the VIP's.

    >>> targets(Params(average_check=70.0))["revenue_per_table"]
    140.0
    """
    _base.check_params(params, Params, "restaurant")
    revenue = TARGETS["turnover"] * params.average_check
    return {**TARGETS, "revenue_per_table": revenue, "vip_table_revenue": revenue}


def kpi_table(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The chef's KPIs for the whole restaurant and the VIP's own, with status against target.

    >>> table = kpi_table(simulate(Params()), Params())
    >>> table.groupby("scope").size().to_dict()
    {'business': 3, 'key_account': 2}
    """
    return _base.kpi_table_of("restaurant", KPIS, summary(data, params), targets(params))
