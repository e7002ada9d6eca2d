"""Key Performance Indicators: one function per KPI the course uses, SMART checks and status.

A KPI is "a measurable value that shows how effectively a business reaches its objectives"
(the course's source, section 1.2). This module holds every KPI formula of the course, in one
place, each checked against a hand-computed value in ``tests/test_kpis.py``.

Conventions
-----------
* Rates are **fractions**: ``0.25`` means 25 %. The only exception is :func:`nps`, which is
  conventionally a score from -100 to 100.
* Scalars give a ``float``. The rate functions are also **vectorised**: give a
  ``pandas.Series`` (or a list / NumPy array) for one or both arguments and you get one value
  per element, as a ``Series`` (index kept) or an array. A scalar next to a series is used for
  every element (``revenue_per_table(daily_revenue, tables=20)``). Two series must have the
  same length, and two ``Series`` the same index.
* Every bad input (empty, NaN, negative, zero denominator, a count larger than what it counts,
  a rating off the scale, a text instead of a number) raises ``ValueError`` or ``TypeError``
  with a message from the catalog that says what was wrong and what is accepted.

>>> click_through_rate(clicks=30, impressions=1_000)
0.03
>>> click_through_rate(clicks=[3, 5], impressions=[100, 100])
array([0.03, 0.05])
>>> status(0.93, target=0.95)
'at risk'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from lessons import checks
from lessons.format import number, plain
from lessons.i18n import t

__all__ = [
    "ACHIEVABLE_FACTOR",
    "KPI",
    "STATUSES",
    "Direction",
    "SmartFinding",
    "average_rating",
    "average_time_per_unit",
    "break_even_roas",
    "click_through_rate",
    "conversion_rate",
    "csat",
    "defect_free_rate",
    "growth_rate",
    "kpi_label",
    "monthly_growth",
    "net_revenue_retention",
    "nps",
    "on_time_rate",
    "retention_rate",
    "return_on_ad_spend",
    "revenue_per_consultant",
    "revenue_per_table",
    "smart_check",
    "smart_score",
    "status",
    "status_series",
    "table_turnover_rate",
    "utilisation_rate",
]

#: The three statuses a KPI can have against its target, best first. These are codes (the
#: same in every language); :func:`lessons.format.status_label` gives the text a learner reads.
STATUSES = ("on track", "at risk", "off track")

#: A target is flagged as not achievable when it is more than this factor beyond the best
#: value of the history (see :func:`smart_check`).
ACHIEVABLE_FACTOR = 1.5


class Direction(StrEnum):
    """Which way is better for a KPI: ``"higher"`` (revenue, CSAT) or ``"lower"`` (time per unit).

    A ``Direction`` is a string, so ``Direction.HIGHER == "higher"``; functions accept either.

    >>> Direction("lower")
    <Direction.LOWER: 'lower'>
    """

    HIGHER = "higher"
    LOWER = "lower"


def _ratio(
    kpi: str,
    num_name: str,
    num: object,
    den_name: str,
    den: object,
    *,
    part_of_whole: bool,
) -> Any:
    """``num / den`` after the checks every rate needs; ``why`` texts come from the catalog."""
    v = checks.Values(**{num_name: num, den_name: den})
    v.non_negative(num_name, t(f"kpis.why.{kpi}.numerator"))
    v.positive(den_name, t(f"kpis.why.{kpi}.denominator"))
    if part_of_whole:
        v.at_most(num_name, den_name, t(f"kpis.why.{kpi}.part"))
    return v.result(v[num_name] / v[den_name], name=kpi)


def _ratings(name: str, ratings: object, low: int, high: int, *, whole: bool) -> np.ndarray:
    """Validated ratings on the scale ``low``..``high`` as a float array."""
    if checks.is_number(ratings) or isinstance(ratings, str):
        raise TypeError(t("kpis.error.need_collection", name=name, value=ratings))
    if isinstance(ratings, Iterable) and not checks.is_array_like(ratings):
        ratings = list(ratings)
    arr = checks.finite_array(name, ratings)
    labels = list(ratings.index) if isinstance(ratings, pd.Series) else range(len(arr))
    for label, x in zip(labels, arr, strict=True):
        if not low <= x <= high:
            raise ValueError(
                t(
                    "errors.out_of_range",
                    name=f"{name}[{label}]",
                    low=low,
                    high=high,
                    unit="",
                    value=plain(x),
                )
            )
        if whole and not float(x).is_integer():
            raise ValueError(t("errors.not_integer", name=f"{name}[{label}]", value=plain(x)))
    return arr


# --------------------------------------------------------------------------------------------
# Growth
# --------------------------------------------------------------------------------------------


def growth_rate(current, previous):
    """Growth from ``previous`` to ``current`` as a fraction: ``(current - previous) / previous``.

    Args:
        current: value of this period (e.g. revenue in €), 0 or more.
        previous: value of the period before, greater than 0 (growth from nothing is undefined).

    Returns:
        The growth as a fraction (0.25 = +25 %); a Series/array if given series.

    >>> growth_rate(current=125_000, previous=100_000)
    0.25
    >>> growth_rate(current=80, previous=100)
    -0.2
    >>> growth_rate(current=50, previous=0)
    Traceback (most recent call last):
        ...
    ValueError: previous must be greater than 0 (got 0): growth is measured relative to the previous
    value, so it cannot start from nothing.
    """
    v = checks.Values(current=current, previous=previous)
    v.non_negative("current", t("kpis.why.growth_rate.numerator"))
    v.positive("previous", t("kpis.why.growth_rate.denominator"))
    return v.result((v["current"] - v["previous"]) / v["previous"], name="growth_rate")


def monthly_growth(series):
    """Month-over-month growth of a monthly series, as fractions; the first month is NaN.

    The series must have one row per month, in time order (for instance revenue in € with a
    ``PeriodIndex`` of months). Growth of month *m* is ``(x[m] - x[m-1]) / x[m-1]``.

    Args:
        series: pandas Series (or list/array) of monthly values, 0 or more; every month but the
            last must be greater than 0, since the next month's growth divides by it.

    Returns:
        A Series with the same index, named ``"monthly_growth"``.

    >>> monthly_growth(pd.Series([100.0, 110.0, 99.0], index=["Jan", "Feb", "Mar"])).round(3)
    Jan      NaN
    Feb    0.1
    Mar   -0.1
    Name: monthly_growth, dtype: float64
    >>> monthly_growth([100, 0, 50])
    Traceback (most recent call last):
        ...
    ValueError: series[1] is 0, so the growth of the next month cannot be computed (it would divide
    by 0). Month-over-month growth needs every month but the last to be greater than 0.
    """
    if checks.is_number(series) or isinstance(series, str):
        raise TypeError(t("kpis.error.need_collection", name="series", value=series))
    if not isinstance(series, pd.Series):
        series = pd.Series(list(series), dtype=object)
    arr = checks.finite_array("series", series)
    labels = list(series.index)
    negative = np.flatnonzero(arr < 0)
    if negative.size:
        i = int(negative[0])
        raise ValueError(
            t(
                "errors.negative",
                name=f"series[{labels[i]}]",
                value=plain(arr[i]),
                why=t("kpis.why.monthly_growth.negative"),
            )
        )
    zero = np.flatnonzero(arr[:-1] == 0)
    if zero.size:
        raise ValueError(t("kpis.error.growth_from_zero", name=f"series[{labels[int(zero[0])]}]"))
    growth = np.full(len(arr), np.nan)
    growth[1:] = (arr[1:] - arr[:-1]) / arr[:-1]
    return pd.Series(growth, index=series.index, name="monthly_growth")


# --------------------------------------------------------------------------------------------
# Quality, productivity, delivery
# --------------------------------------------------------------------------------------------


def defect_free_rate(good_units, total_units):
    """Share of units made without a defect: ``good_units / total_units``.

    Args:
        good_units: units without defect (count), between 0 and ``total_units``.
        total_units: units produced (count), greater than 0.

    Returns:
        A fraction between 0 and 1 (Series/array if given series).

    >>> defect_free_rate(good_units=970, total_units=1_000)
    0.97
    >>> defect_free_rate(good_units=1_010, total_units=1_000)
    Traceback (most recent call last):
        ...
    ValueError: good_units cannot be larger than total_units (got 1010 and 1000): good units are
    part of the units produced.
    """
    return _ratio(
        "defect_free_rate", "good_units", good_units, "total_units", total_units, part_of_whole=True
    )


def average_time_per_unit(total_time, units):
    """Average production time per unit: ``total_time / units`` (lower is better).

    Args:
        total_time: time spent (in minutes, or any time unit: the answer has the same), 0 or more.
        units: units produced (count), greater than 0.

    Returns:
        Time per unit, in the unit of ``total_time``.

    >>> average_time_per_unit(total_time=480, units=96)
    5.0
    >>> average_time_per_unit(total_time=480, units=0)
    Traceback (most recent call last):
        ...
    ValueError: units must be greater than 0 (got 0): the time is shared out over the units
    produced; with no unit there is no time per unit.
    """
    return _ratio(
        "average_time_per_unit", "total_time", total_time, "units", units, part_of_whole=False
    )


def on_time_rate(on_time, completed):
    """Share of projects or deliveries completed on time: ``on_time / completed``.

    Args:
        on_time: items completed by their due date (count), between 0 and ``completed``.
        completed: items completed (count), greater than 0.

    Returns:
        A fraction between 0 and 1.

    >>> on_time_rate(on_time=17, completed=20)
    0.85
    >>> on_time_rate(on_time=-1, completed=20)
    Traceback (most recent call last):
        ...
    ValueError: on_time cannot be negative (got -1): it counts items completed on time.
    """
    return _ratio("on_time_rate", "on_time", on_time, "completed", completed, part_of_whole=True)


def utilisation_rate(billed, available):
    """Billable utilisation: ``billed / available`` days (or hours) of the same people.

    The counter-metric of :func:`revenue_per_consultant`: revenue per head can rise simply
    because people are overbooked, and utilisation shows it.

    Args:
        billed: days billed to clients, between 0 and ``available``.
        available: days the consultants could work, greater than 0.

    Returns:
        A fraction between 0 and 1.

    >>> utilisation_rate(billed=150, available=200)
    0.75
    >>> utilisation_rate(billed=210, available=200)
    Traceback (most recent call last):
        ...
    ValueError: billed cannot be larger than available (got 210 and 200): days billed are part of
    the days available.
    """
    return _ratio("utilisation_rate", "billed", billed, "available", available, part_of_whole=True)


def revenue_per_consultant(revenue, consultants):
    """Revenue per consultant: ``revenue / consultants`` (€ per consultant over the period).

    Args:
        revenue: revenue of the period in €, 0 or more.
        consultants: number of consultants (full-time equivalents may be fractional), > 0.

    Returns:
        € per consultant.

    >>> revenue_per_consultant(revenue=1_800_000, consultants=12)
    150000.0
    >>> revenue_per_consultant(revenue=1_800_000, consultants=0)
    Traceback (most recent call last):
        ...
    ValueError: consultants must be greater than 0 (got 0): revenue is shared out over the
    consultants.
    """
    return _ratio(
        "revenue_per_consultant",
        "revenue",
        revenue,
        "consultants",
        consultants,
        part_of_whole=False,
    )


# --------------------------------------------------------------------------------------------
# Customers: satisfaction, recommendation, retention
# --------------------------------------------------------------------------------------------


def csat(ratings):
    """Customer satisfaction (CSAT): the share of ratings of 4 or 5 on a 1-5 scale.

    Args:
        ratings: a list, array or Series of ratings, each between 1 and 5.

    Returns:
        A fraction between 0 and 1 (0.8 = 80 % of customers satisfied).

    >>> csat([5, 4, 3, 5, 2])
    0.6
    >>> csat([5, 4, 6])
    Traceback (most recent call last):
        ...
    ValueError: ratings[2] must be between 1 and 5 (got 6).
    """
    arr = _ratings("ratings", ratings, 1, 5, whole=False)
    return float(np.mean(arr >= 4))


def nps(scores):
    """Net Promoter Score: % of promoters (9-10) minus % of detractors (0-6), from -100 to 100.

    Unlike the other rates, NPS is a score in points, not a fraction: that is how it is
    published and compared.

    Args:
        scores: whole-number answers to "how likely are you to recommend us?", each 0 to 10.

    Returns:
        A number between -100 and 100.

    >>> nps([10, 9, 8, 7, 6, 3, 10, 9, 9, 0])
    20.0
    >>> nps([10, 11])
    Traceback (most recent call last):
        ...
    ValueError: scores[1] must be between 0 and 10 (got 11).
    """
    arr = _ratings("scores", scores, 0, 10, whole=True)
    return float(100 * (np.mean(arr >= 9) - np.mean(arr <= 6)))


def average_rating(ratings):
    """The mean of ratings on a 1-5 scale (e.g. stars left by restaurant guests).

    Args:
        ratings: a list, array or Series of ratings, each between 1 and 5.

    Returns:
        A number between 1 and 5.

    >>> average_rating([5, 4, 4, 3])
    4.0
    >>> average_rating([])
    Traceback (most recent call last):
        ...
    ValueError: ratings is empty: give at least one value.
    """
    return float(np.mean(_ratings("ratings", ratings, 1, 5, whole=False)))


def retention_rate(retained, at_start):
    """Customer retention: share of the customers at the start still customers at the end.

    Args:
        retained: customers of the start still active at the end (count), 0 to ``at_start``.
            New customers won during the period are not counted.
        at_start: customers at the start of the period (count), greater than 0.

    Returns:
        A fraction between 0 and 1.

    >>> retention_rate(retained=45, at_start=50)
    0.9
    >>> retention_rate(retained=55, at_start=50)
    Traceback (most recent call last):
        ...
    ValueError: retained cannot be larger than at_start (got 55 and 50): only customers present at
    the start can be retained; do not count new customers.
    """
    return _ratio("retention_rate", "retained", retained, "at_start", at_start, part_of_whole=True)


def net_revenue_retention(start, expansion, contraction, churn):
    """Net revenue retention: ``(start + expansion - contraction - churn) / start``.

    Measures how revenue from the customers you had at the start evolved, new customers
    excluded; above 1 means existing customers grow faster than you lose them.

    Args:
        start: recurring revenue from existing customers at the start, in €, greater than 0.
        expansion: extra revenue from those customers (upsell) in €, 0 or more.
        contraction: revenue lost through downgrades in €, 0 or more.
        churn: revenue lost through customers who left in €, 0 or more.
            ``contraction + churn`` cannot exceed ``start``.

    Returns:
        A fraction (1.05 = 105 %).

    >>> net_revenue_retention(start=100_000, expansion=15_000, contraction=5_000, churn=3_000)
    1.07
    >>> net_revenue_retention(start=0, expansion=0, contraction=0, churn=0)
    Traceback (most recent call last):
        ...
    ValueError: start must be greater than 0 (got 0): net revenue retention compares to the revenue
    at the start.
    """
    v = checks.Values(start=start, expansion=expansion, contraction=contraction, churn=churn)
    v.positive("start", t("kpis.why.net_revenue_retention.start"))
    for name in ("expansion", "contraction", "churn"):
        v.non_negative(name, t(f"kpis.why.net_revenue_retention.{name}"))
    lost = v["contraction"] + v["churn"]
    bad = np.flatnonzero(lost > v["start"] * (1 + 1e-12))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            t(
                "kpis.error.lost_more_than_start",
                lost=plain(lost[i]),
                start=plain(v["start"][i]),
                where=v.where("start", i),
            )
        )
    value = (v["start"] + v["expansion"] - lost) / v["start"]
    return v.result(value, name="net_revenue_retention")


# --------------------------------------------------------------------------------------------
# Marketing: funnel and return on ad spend
# --------------------------------------------------------------------------------------------


def conversion_rate(conversions, visitors):
    """Share of visitors (or clicks) who convert (buy, sign up): ``conversions / visitors``.

    Args:
        conversions: visitors who converted (count), between 0 and ``visitors``.
        visitors: visitors or clicks reaching the page (count), greater than 0.

    Returns:
        A fraction between 0 and 1.

    >>> conversion_rate(conversions=45, visitors=1_500)
    0.03
    >>> conversion_rate(conversions=45, visitors=0)
    Traceback (most recent call last):
        ...
    ValueError: visitors must be greater than 0 (got 0): the conversion rate divides conversions by
    visitors.
    """
    return _ratio(
        "conversion_rate", "conversions", conversions, "visitors", visitors, part_of_whole=True
    )


def click_through_rate(clicks, impressions):
    """Click-through rate (CTR): ``clicks / impressions``.

    Args:
        clicks: clicks on the ad (count), between 0 and ``impressions``.
        impressions: times the ad was shown (count), greater than 0.

    Returns:
        A fraction between 0 and 1 (0.02 = 2 %).

    >>> click_through_rate(clicks=250, impressions=10_000)
    0.025
    >>> click_through_rate(clicks=120, impressions=100)
    Traceback (most recent call last):
        ...
    ValueError: clicks cannot be larger than impressions (got 120 and 100): every click comes from
    an impression of the ad.
    """
    return _ratio(
        "click_through_rate", "clicks", clicks, "impressions", impressions, part_of_whole=True
    )


def return_on_ad_spend(revenue, ad_spend):
    """Return on ad spend (ROAS): revenue earned per € of advertising, ``revenue / ad_spend``.

    Args:
        revenue: revenue attributed to the ads in €, 0 or more.
        ad_spend: money spent on the ads in €, greater than 0.

    Returns:
        € of revenue per € spent (4.0 means 4 € back for 1 €); compare with
        :func:`break_even_roas`.

    >>> return_on_ad_spend(revenue=20_000, ad_spend=5_000)
    4.0
    >>> return_on_ad_spend(revenue=5_000, ad_spend=0)
    Traceback (most recent call last):
        ...
    ValueError: ad_spend must be greater than 0 (got 0): ROAS divides revenue by ad spend.
    """
    return _ratio(
        "return_on_ad_spend", "revenue", revenue, "ad_spend", ad_spend, part_of_whole=False
    )


def break_even_roas(margin):
    """The ROAS at which ads exactly pay for themselves: ``1 / margin``.

    With a gross margin of 25 %, each € of revenue leaves 0.25 € to pay for ads, so ads
    break even at 4 € of revenue per € spent. Below that ROAS the campaign loses money,
    however good its click-through rate looks.

    Args:
        margin: gross margin as a fraction, greater than 0 and at most 1.

    Returns:
        € of revenue needed per € of ad spend.

    >>> break_even_roas(margin=0.25)
    4.0
    >>> break_even_roas(margin=25)
    Traceback (most recent call last):
        ...
    ValueError: margin must be a fraction greater than 0 and at most 1 (got 25): write 25 % as 0.25.
    """
    v = checks.Values(margin=margin)
    bad = np.flatnonzero((v["margin"] <= 0) | (v["margin"] > 1))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            t(
                "kpis.error.margin_range",
                name=v.where("margin", i),
                value=plain(v["margin"][i]),
            )
        )
    return v.result(1 / v["margin"], name="break_even_roas")


# --------------------------------------------------------------------------------------------
# Restaurant
# --------------------------------------------------------------------------------------------


def revenue_per_table(revenue, tables):
    """Revenue per table over a period: ``revenue / tables`` (€ per table).

    Args:
        revenue: revenue of the period (a service, a day) in €, 0 or more.
        tables: tables in the dining room (count), greater than 0.

    Returns:
        € per table.

    >>> revenue_per_table(revenue=3_600, tables=20)
    180.0
    >>> revenue_per_table(revenue=3_600, tables=-2)
    Traceback (most recent call last):
        ...
    ValueError: tables must be greater than 0 (got -2): revenue is shared out over the tables of the
    room.
    """
    return _ratio("revenue_per_table", "revenue", revenue, "tables", tables, part_of_whole=False)


def table_turnover_rate(parties_served, tables):
    """Table turnover: parties served per table over a period, ``parties_served / tables``.

    Args:
        parties_served: groups of guests seated during the period (count), 0 or more.
        tables: tables in the dining room (count), greater than 0.

    Returns:
        Parties per table (2.5 = each table was used two and a half times).

    >>> table_turnover_rate(parties_served=50, tables=20)
    2.5
    >>> table_turnover_rate(parties_served="50", tables=20)
    Traceback (most recent call last):
        ...
    TypeError: parties_served must be a number (got '50' of type str).
    """
    return _ratio(
        "table_turnover_rate",
        "parties_served",
        parties_served,
        "tables",
        tables,
        part_of_whole=False,
    )


# --------------------------------------------------------------------------------------------
# Status of a value against its target
# --------------------------------------------------------------------------------------------


def _direction(direction: object) -> Direction:
    try:
        return Direction(direction)
    except ValueError:
        raise ValueError(t("kpis.error.direction", value=direction)) from None


def _tolerance(tolerance: object) -> float:
    tolerance = checks.finite_number("tolerance", tolerance)
    if not 0 <= tolerance <= 1:
        raise ValueError(
            t("errors.out_of_range", name="tolerance", low=0, high=1, unit="", value=tolerance)
        )
    return tolerance


def _status_arrays(
    values: np.ndarray, target: np.ndarray, direction: Direction, tolerance: float
) -> np.ndarray:
    gap = target - values if direction is Direction.HIGHER else values - target
    # A tiny slack so that a value exactly on the boundary (e.g. 0.95 x target) is not pushed
    # to the worse status by floating-point rounding.
    slack = 1e-9 * np.maximum(1.0, np.abs(target))
    allowed = tolerance * np.abs(target) + slack
    return np.where(gap <= slack, STATUSES[0], np.where(gap <= allowed, STATUSES[1], STATUSES[2]))


def status(value, target, direction="higher", tolerance=0.05) -> str:
    """Whether a KPI value is ``"on track"``, ``"at risk"`` or ``"off track"`` against its target.

    The rule, with ``gap`` = how far the value falls short of the target (``target - value``
    when higher is better, ``value - target`` when lower is better):

    * **on track** if the target is met (``gap <= 0``);
    * **at risk** if it is missed by at most ``tolerance`` relative to the target
      (``gap <= tolerance * |target|``): with the default 5 %, a target of 0.95 is at risk
      down to 0.9025;
    * **off track** otherwise. A target of 0 has no relative tolerance: any miss is off track.

    Args:
        value: the measured KPI value.
        target: the target value, in the same unit.
        direction: ``"higher"`` (default) or ``"lower"`` is better.
        tolerance: the relative miss still called "at risk", a fraction from 0 to 1.

    Returns:
        One of :data:`STATUSES` (a code; show it with :func:`lessons.format.status_label`).

    >>> status(0.96, target=0.95)
    'on track'
    >>> status(0.91, target=0.95)
    'at risk'
    >>> status(6.0, target=5.0, direction="lower")
    'off track'
    >>> status(0.9, target=0.95, direction="up")
    Traceback (most recent call last):
        ...
    ValueError: direction must be "higher" or "lower" (got 'up'): say whether a higher or a lower
    value is better for this KPI.
    """
    value = checks.finite_number("value", value)
    target = checks.finite_number("target", target)
    result = _status_arrays(
        np.array([value]), np.array([target]), _direction(direction), _tolerance(tolerance)
    )
    return str(result[0])


def status_series(values, target, direction="higher", tolerance=0.05) -> pd.Series:
    """:func:`status` of each value of a series (e.g. each month), as a Series of codes.

    Args:
        values: pandas Series (or list/array) of KPI values.
        target: one target for every period, or a series of targets of the same length.
        direction: ``"higher"`` or ``"lower"`` is better.
        tolerance: the relative miss still called "at risk", from 0 to 1.

    Returns:
        A Series of status codes with the index of ``values``, named ``"status"``.

    >>> status_series(pd.Series([0.97, 0.93, 0.80]), target=0.95).tolist()
    ['on track', 'at risk', 'off track']
    >>> status_series([], target=0.95)
    Traceback (most recent call last):
        ...
    ValueError: values is empty: give at least one value.
    """
    if not checks.is_array_like(values):
        raise TypeError(t("kpis.error.need_collection", name="values", value=values))
    v = checks.Values(values=values, target=target)
    codes = _status_arrays(v["values"], v["target"], _direction(direction), _tolerance(tolerance))
    index = v.index if v.index is not None else pd.RangeIndex(len(codes))
    return pd.Series(codes, index=index, name="status", dtype=object)


def kpi_label(function_name: str) -> str:
    """The learner-facing name of a KPI function of this module, in the current language.

    >>> kpi_label("return_on_ad_spend")
    'Return on ad spend (ROAS)'
    >>> kpi_label("happiness")
    Traceback (most recent call last):
        ...
    ValueError: 'happiness' is not a KPI of lessons.kpis. Known KPIs: average_rating, ...
    """
    if function_name not in _KPI_FUNCTIONS:
        raise ValueError(
            t("kpis.error.unknown_kpi", value=function_name, known=", ".join(_KPI_FUNCTIONS))
        )
    return t(f"kpis.name.{function_name}")


# --------------------------------------------------------------------------------------------
# KPI definitions and the SMART check
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KPI:
    """The definition of a KPI: what is measured, how, against which target, when, by whom.

    Fields may be left empty (``""``, ``target=None``) while a KPI is being drafted:
    :func:`smart_check` says what is missing.

    Attributes:
        name: what is measured, e.g. "Defect-free rate of line 2".
        formula: how it is computed, in words, e.g. "good units / units produced".
        unit: "%", "€", "min", ... (rates are stored as fractions and shown as %).
        direction: ``"higher"`` or ``"lower"`` is better.
        target: the value to reach, in the unit (a fraction for "%"), or ``None``.
        period: how often it is measured and by when, e.g. "monthly, for 2025".
        owner: who is accountable for it, e.g. "Production manager".
        objective: the business objective it serves, e.g. "fewer returns".

    >>> KPI("CTR", "clicks / impressions", "%", "higher", 0.02, "weekly", "Ads team").direction
    <Direction.HIGHER: 'higher'>
    >>> KPI("CTR", "clicks / impressions", "%", "sideways", 0.02, "weekly", "Ads team")
    Traceback (most recent call last):
        ...
    ValueError: direction must be "higher" or "lower" (got 'sideways'): say whether a higher or a
    lower value is better for this KPI.
    """

    name: str
    formula: str
    unit: str
    direction: Direction | str
    target: float | None
    period: str
    owner: str
    objective: str = ""

    def __post_init__(self) -> None:
        for field_name in ("name", "formula", "unit", "period", "owner", "objective"):
            value = getattr(self, field_name)
            if not isinstance(value, str):
                raise TypeError(t("kpis.error.not_text", name=field_name, value=value))
        object.__setattr__(self, "direction", _direction(self.direction))
        if self.target is not None:
            object.__setattr__(self, "target", checks.finite_number("target", self.target))


@dataclass(frozen=True)
class SmartFinding:
    """One finding of :func:`smart_check`: the SMART letter, whether it passes, and why.

    >>> finding = smart_check(KPI("CTR", "clicks / impressions", "%", "higher", 0.02, "", ""))[-1]
    >>> finding.letter, finding.ok
    ('T', False)
    """

    letter: str
    ok: bool
    message: str


SMART_LETTERS = ("S", "M", "A", "R", "T")


def _words(text: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split() if w]


def _vague_words() -> set[str]:
    return {w.strip().lower() for w in t("kpis.smart.vague_words").split(",") if w.strip()}


def smart_check(kpi: KPI, history=None) -> list[SmartFinding]:
    """Check a KPI definition against SMART, letter by letter, with a reason for each finding.

    SMART comes from G. T. Doran, "There's a S.M.A.R.T. way to write management's goals and
    objectives", *Management Review* 70(11), 1981, pp. 35-36. Doran's letters were Specific,
    Measurable, **Assignable** (say who does it), Realistic and Time-related. Later usage,
    including the course's source text, reads A as **Achievable** and R as **Relevant**.
    This check follows Doran for A and checks achievability under A too, and reads R as
    Relevant:

    * **S** -- the name is given and is not made only of vague words ("performance", "good");
    * **M** -- there is a formula, a unit and a numeric target;
    * **A** -- there is an owner (Doran's *assignable*); and, if a ``history`` is given, the
      target is not far beyond the best value achieved so far: more than
      :data:`ACHIEVABLE_FACTOR` (1.5) times the best for higher-is-better, or below the best
      divided by 1.5 for lower-is-better, is flagged (*achievable*);
    * **R** -- it names the objective it serves;
    * **T** -- it has a period.

    Args:
        kpi: the definition to check.
        history: optional past values of the KPI (list, array or Series), same unit as target.

    Returns:
        Findings in S, M, A, R, T order; a letter may have several (A: owner and achievability).
        Score them with :func:`smart_score`.

    >>> kpi = KPI("Defect-free rate", "good units / units produced", "%", "higher", 0.99,
    ...           "monthly", owner="", objective="fewer returns")
    >>> [(f.letter, f.ok) for f in smart_check(kpi, history=[0.95, 0.97])]
    [('S', True), ('M', True), ('A', False), ('A', True), ('R', True), ('T', True)]
    >>> print(smart_check(KPI("Good performance", "", "", "higher", None, "", ""))[0].message)
    S: "Good performance" is too vague: name what is measured, e.g. "defect-free rate of line 2".
    >>> smart_check("revenue")
    Traceback (most recent call last):
        ...
    TypeError: smart_check needs a KPI definition, e.g. KPI(name=..., formula=..., ...) (got
    'revenue').
    """
    if not isinstance(kpi, KPI):
        raise TypeError(t("kpis.error.not_a_kpi", value=kpi))
    findings: list[SmartFinding] = []

    def add(letter: str, ok: bool, key: str, **values: object) -> None:
        findings.append(SmartFinding(letter, ok, t(f"kpis.smart.{key}", **values)))

    name = kpi.name.strip()
    if not name:
        add("S", False, "s.no_name")
    elif set(_words(name)) <= _vague_words():
        add("S", False, "s.vague", name=name)
    else:
        add("S", True, "s.ok", name=name)

    missing = [
        t(f"kpis.smart.m.part.{part}")
        for part, present in (
            ("formula", kpi.formula.strip()),
            ("unit", kpi.unit.strip()),
            ("target", kpi.target is not None),
        )
        if not present
    ]
    if missing:
        add("M", False, "m.missing", missing=", ".join(missing))
    else:
        add("M", True, "m.ok", formula=kpi.formula.strip(), unit=kpi.unit.strip())

    if kpi.owner.strip():
        add("A", True, "a.owner_ok", owner=kpi.owner.strip())
    else:
        add("A", False, "a.no_owner")
    if history is not None and kpi.target is not None:
        past = checks.finite_array("history", history) if checks.is_array_like(history) else None
        if past is None:
            raise TypeError(t("kpis.error.need_collection", name="history", value=history))
        target = kpi.target
        if kpi.direction is Direction.HIGHER:
            best = float(past.max())
            limit = best + (ACHIEVABLE_FACTOR - 1) * abs(best)
            too_far = target > limit * (1 + 1e-12) if limit > 0 else target > limit
        else:
            best = float(past.min())
            limit = best - (1 - 1 / ACHIEVABLE_FACTOR) * abs(best)
            too_far = target < limit * (1 - 1e-12) if limit > 0 else target < limit
        values = {
            "target": number(target, significant=4),
            "best": number(best, significant=4),
            "limit": number(limit, significant=4),
            "factor": number(ACHIEVABLE_FACTOR, significant=4),
        }
        if too_far:
            add("A", False, f"a.too_far_{kpi.direction.value}", **values)
        else:
            add("A", True, "a.achievable", **values)

    if kpi.objective.strip():
        add("R", True, "r.ok", objective=kpi.objective.strip())
    else:
        add("R", False, "r.no_objective")

    if kpi.period.strip():
        add("T", True, "t.ok", period=kpi.period.strip())
    else:
        add("T", False, "t.no_period")
    return findings


def smart_score(findings: Sequence[SmartFinding]) -> int:
    """How many of the five SMART letters pass: a letter passes if all its findings are ok.

    Args:
        findings: the list returned by :func:`smart_check`.

    Returns:
        An integer from 0 to 5.

    >>> kpi = KPI("On-time delivery rate", "on-time deliveries / deliveries", "%", "higher",
    ...           0.95, "monthly", "Logistics lead", "keep key accounts")
    >>> smart_score(smart_check(kpi))
    5
    >>> smart_score(smart_check(KPI("Performance", "", "", "higher", None, "", "")))
    0
    >>> smart_score(["S"])
    Traceback (most recent call last):
        ...
    TypeError: smart_score needs the findings returned by smart_check (got 'S').
    """
    if isinstance(findings, SmartFinding | str) or not isinstance(findings, Iterable):
        raise TypeError(t("kpis.error.not_findings", value=findings))
    findings = list(findings)
    for finding in findings:
        if not isinstance(finding, SmartFinding):
            raise TypeError(t("kpis.error.not_findings", value=finding))
    passed = {
        letter
        for letter in SMART_LETTERS
        if any(f.letter == letter for f in findings)
        and all(f.ok for f in findings if f.letter == letter)
    }
    return len(passed)


_KPI_FUNCTIONS = tuple(
    sorted(
        [
            "average_rating",
            "average_time_per_unit",
            "break_even_roas",
            "click_through_rate",
            "conversion_rate",
            "csat",
            "defect_free_rate",
            "growth_rate",
            "monthly_growth",
            "net_revenue_retention",
            "nps",
            "on_time_rate",
            "retention_rate",
            "return_on_ad_spend",
            "revenue_per_consultant",
            "revenue_per_table",
            "table_turnover_rate",
            "utilisation_rate",
        ]
    )
)
