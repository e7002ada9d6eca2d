"""Every KPI formula of the course, one function each, checked against hand-computed values.

See :mod:`lessons.kpis` for the conventions (rates are fractions, scalars give a float, series
give one value per element, bad input gives a message in words).

>>> on_time_rate(on_time=17, completed=20)
0.85
>>> revenue_per_table(revenue=[3_600, 4_000], tables=20)
array([180., 200.])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from lessons import checks
from lessons.format import plain
from lessons.i18n import t
from lessons.kpis.targets import Values

__all__ = [
    "KPI_FUNCTIONS",
    "Rate",
    "Ratings",
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
    "repeat_customer_rate",
    "retention_rate",
    "return_on_ad_spend",
    "revenue_per_consultant",
    "revenue_per_table",
    "table_turnover_rate",
    "utilisation_rate",
]

#: What a rate function returns: a float for numbers, an array for lists and arrays, a Series
#: (index kept) for a Series.
Rate: TypeAlias = float | np.ndarray | pd.Series
#: Ratings or scores: a list, an array or a Series of numbers on the scale of the KPI.
Ratings: TypeAlias = Sequence[float] | np.ndarray | pd.Series


def _ratio(kpi: str, part_of_whole: bool, pair: dict[str, object]) -> Any:
    """``numerator / denominator`` after the checks every rate needs (texts from the catalog)."""
    (num_name, _), (den_name, _) = pair.items()
    v = checks.Values(**pair)
    v.non_negative(num_name, t(f"kpis.why.{kpi}.numerator"))
    v.positive(den_name, t(f"kpis.why.{kpi}.denominator"))
    if part_of_whole:
        v.at_most(num_name, den_name, t(f"kpis.why.{kpi}.part"))
    return v.result(v[num_name] / v[den_name], name=kpi)


def _share(kpi: str, **pair: object) -> Any:
    """A part of a whole (``good_units`` of ``total_units``): the part cannot exceed the whole."""
    return _ratio(kpi, True, pair)


def _per(kpi: str, **pair: object) -> Any:
    """An amount per unit of something else (revenue per table): any ratio of the two."""
    return _ratio(kpi, False, pair)


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


def growth_rate(current: Values, previous: Values) -> Rate:
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


def monthly_growth(series: Ratings) -> pd.Series:
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


def defect_free_rate(good_units: Values, total_units: Values) -> Rate:
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
    return _share("defect_free_rate", good_units=good_units, total_units=total_units)


def average_time_per_unit(total_time: Values, units: Values) -> Rate:
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
    return _per("average_time_per_unit", total_time=total_time, units=units)


def on_time_rate(on_time: Values, completed: Values) -> Rate:
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
    return _share("on_time_rate", on_time=on_time, completed=completed)


def utilisation_rate(billed: Values, available: Values) -> Rate:
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
    return _share("utilisation_rate", billed=billed, available=available)


def revenue_per_consultant(revenue: Values, consultants: Values) -> Rate:
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
    return _per("revenue_per_consultant", revenue=revenue, consultants=consultants)


# --------------------------------------------------------------------------------------------
# Customers: satisfaction, recommendation, retention
# --------------------------------------------------------------------------------------------


def csat(ratings: Ratings) -> float:
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


def nps(scores: Ratings) -> float:
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


def average_rating(ratings: Ratings) -> float:
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


def retention_rate(retained: Values, at_start: Values) -> Rate:
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
    return _share("retention_rate", retained=retained, at_start=at_start)


def repeat_customer_rate(repeat_customers: Values, customers: Values) -> Rate:
    """Share of the period's customers who bought more than once: ``repeat_customers / customers``.

    The source's example of a KPI aligned with customer satisfaction is "the number of repeat
    customers" (section 1.2): satisfied customers come back. As a share of all customers, it
    compares across periods and businesses of different sizes.

    Args:
        repeat_customers: customers who bought at least twice in the period (count), 0 to
            ``customers``.
        customers: customers who bought at least once in the period (count), greater than 0.

    Returns:
        A fraction between 0 and 1.

    >>> repeat_customer_rate(repeat_customers=18, customers=60)
    0.3
    >>> repeat_customer_rate(repeat_customers=70, customers=60)
    Traceback (most recent call last):
        ...
    ValueError: repeat_customers cannot be larger than customers (got 70 and 60): a repeat customer
    is one of the period's customers, counted once.
    """
    return _share("repeat_customer_rate", repeat_customers=repeat_customers, customers=customers)


def net_revenue_retention(
    start: Values, expansion: Values, contraction: Values, churn: Values
) -> Rate:
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


def conversion_rate(conversions: Values, visitors: Values) -> Rate:
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
    return _share("conversion_rate", conversions=conversions, visitors=visitors)


def click_through_rate(clicks: Values, impressions: Values) -> Rate:
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
    return _share("click_through_rate", clicks=clicks, impressions=impressions)


def return_on_ad_spend(revenue: Values, ad_spend: Values) -> Rate:
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
    return _per("return_on_ad_spend", revenue=revenue, ad_spend=ad_spend)


def break_even_roas(margin: Values) -> Rate:
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


def revenue_per_table(revenue: Values, tables: Values) -> Rate:
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
    return _per("revenue_per_table", revenue=revenue, tables=tables)


def table_turnover_rate(parties_served: Values, tables: Values) -> Rate:
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
    return _per("table_turnover_rate", parties_served=parties_served, tables=tables)


def kpi_label(function_name: str) -> str:
    """The learner-facing name of a KPI function of this module, in the current language.

    >>> kpi_label("return_on_ad_spend")
    'Return on ad spend (ROAS)'
    >>> kpi_label("happiness")
    Traceback (most recent call last):
        ...
    ValueError: 'happiness' is not a KPI of lessons.kpis. Known KPIs: average_rating, ...
    """
    if function_name not in KPI_FUNCTIONS:
        raise ValueError(
            t("kpis.error.unknown_kpi", value=function_name, known=", ".join(KPI_FUNCTIONS))
        )
    return t(f"kpis.name.{function_name}")


#: The names of the KPI functions of this module, sorted (see :func:`kpi_label`).
KPI_FUNCTIONS = tuple(sorted(name for name in __all__ if name.islower() and name != "kpi_label"))
