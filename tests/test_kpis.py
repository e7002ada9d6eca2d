"""lessons.kpis: every formula against a hand-computed value, every bad input with its message."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons import kpis
from lessons.kpis import (
    KPI,
    STATUSES,
    Direction,
    SmartFinding,
    average_rating,
    average_time_per_unit,
    break_even_roas,
    click_through_rate,
    conversion_rate,
    csat,
    defect_free_rate,
    growth_rate,
    kpi_label,
    monthly_growth,
    net_revenue_retention,
    nps,
    on_time_rate,
    retention_rate,
    return_on_ad_spend,
    revenue_per_consultant,
    revenue_per_table,
    smart_check,
    smart_score,
    status,
    status_band,
    status_series,
    table_turnover_rate,
)

# --------------------------------------------------------------------------------------------
# Formulas against hand-computed values
# --------------------------------------------------------------------------------------------

HAND_COMPUTED = [
    # (130 - 100) / 100 = 0.30
    (growth_rate, {"current": 130, "previous": 100}, 0.30),
    # (90 - 120) / 120 = -30 / 120 = -0.25
    (growth_rate, {"current": 90, "previous": 120}, -0.25),
    # 0 -> everything lost: (0 - 50) / 50 = -1
    (growth_rate, {"current": 0, "previous": 50}, -1.0),
    # 485 / 500 = 0.97
    (defect_free_rate, {"good_units": 485, "total_units": 500}, 0.97),
    # 450 min / 90 units = 5 min per unit
    (average_time_per_unit, {"total_time": 450, "units": 90}, 5.0),
    # 18 / 24 = 0.75
    (on_time_rate, {"on_time": 18, "completed": 24}, 0.75),
    # 2,400,000 € / 16 consultants = 150,000 €
    (revenue_per_consultant, {"revenue": 2_400_000, "consultants": 16}, 150_000.0),
    # 12.5 FTE are allowed: 1,000,000 / 12.5 = 80,000
    (revenue_per_consultant, {"revenue": 1_000_000, "consultants": 12.5}, 80_000.0),
    # 60 / 2,000 = 0.03
    (conversion_rate, {"conversions": 60, "visitors": 2_000}, 0.03),
    # 150 / 10,000 = 0.015
    (click_through_rate, {"clicks": 150, "impressions": 10_000}, 0.015),
    # 36,000 / 9,000 = 4
    (return_on_ad_spend, {"revenue": 36_000, "ad_spend": 9_000}, 4.0),
    # 1 / 0.4 = 2.5
    (break_even_roas, {"margin": 0.4}, 2.5),
    # a 100 % margin breaks even at 1 € per €
    (break_even_roas, {"margin": 1}, 1.0),
    # 4,200 € / 28 tables = 150 €
    (revenue_per_table, {"revenue": 4_200, "tables": 28}, 150.0),
    # 70 parties / 28 tables = 2.5
    (table_turnover_rate, {"parties_served": 70, "tables": 28}, 2.5),
    # 38 / 40 = 0.95
    (retention_rate, {"retained": 38, "at_start": 40}, 0.95),
    # (200,000 + 30,000 - 10,000 - 20,000) / 200,000 = 200,000 / 200,000 = 1.0
    (
        net_revenue_retention,
        {"start": 200_000, "expansion": 30_000, "contraction": 10_000, "churn": 20_000},
        1.0,
    ),
    # (80 + 0 - 4 - 16) / 80 = 60 / 80 = 0.75
    (net_revenue_retention, {"start": 80, "expansion": 0, "contraction": 4, "churn": 16}, 0.75),
]


@pytest.mark.parametrize(("func", "kwargs", "expected"), HAND_COMPUTED)
def test_formula_matches_hand_computation(func, kwargs, expected):
    result = func(**kwargs)
    assert isinstance(result, float)
    assert result == pytest.approx(expected, rel=1e-12)


def test_csat_is_the_share_of_4_and_5():
    # ratings 5, 4, 4, 3, 2, 1, 5, 3: four of eight are 4 or 5 -> 4 / 8 = 0.5
    assert csat([5, 4, 4, 3, 2, 1, 5, 3]) == 0.5
    # a 3 is not satisfied, a 4 is: 1 / 2
    assert csat(pd.Series([3, 4])) == 0.5
    assert csat(np.array([1, 2, 3])) == 0.0
    assert csat((5,)) == 1.0


def test_nps_promoters_minus_detractors():
    # 10 answers: promoters (9-10) = 10, 9, 9 -> 3 = 30 %; detractors (0-6) = 6, 5, 0, 2 -> 4
    # = 40 %; passives 7, 8, 8. NPS = 30 - 40 = -10
    assert nps([10, 9, 9, 7, 8, 8, 6, 5, 0, 2]) == pytest.approx(-10.0)
    # 7 and 8 are passives: neither promoters nor detractors
    assert nps([7, 8]) == 0.0
    assert nps([9, 10]) == 100.0
    assert nps([6, 0]) == -100.0


def test_average_rating():
    # (5 + 3 + 4 + 4 + 2) / 5 = 18 / 5 = 3.6
    assert average_rating([5, 3, 4, 4, 2]) == pytest.approx(3.6)
    assert average_rating(pd.Series([4.5, 3.5])) == 4.0


def test_numpy_scalars_are_accepted():
    # 3 / 4 = 0.75 with NumPy integer and float types
    assert defect_free_rate(np.int64(3), np.float64(4)) == 0.75
    assert growth_rate(np.float32(110), np.int32(100)) == pytest.approx(0.1, rel=1e-6)


def test_monthly_growth_keeps_the_index_and_starts_with_nan():
    months = pd.period_range("2024-01", periods=4, freq="M")
    revenue = pd.Series([200.0, 250.0, 200.0, 200.0], index=months)
    growth = monthly_growth(revenue)
    # Feb: (250 - 200) / 200 = 0.25; Mar: (200 - 250) / 250 = -0.2; Apr: 0
    assert math.isnan(growth.iloc[0])
    assert growth.iloc[1:].tolist() == pytest.approx([0.25, -0.2, 0.0])
    assert growth.index.equals(months)
    assert growth.name == "monthly_growth"


def test_monthly_growth_accepts_a_list_and_a_single_month():
    assert monthly_growth([100, 150]).iloc[1] == 0.5
    single = monthly_growth([100])
    assert len(single) == 1 and math.isnan(single.iloc[0])
    # the last month may be 0: growth into it is -100 %
    assert monthly_growth([100, 0]).iloc[1] == -1.0


# --------------------------------------------------------------------------------------------
# Vectorised use
# --------------------------------------------------------------------------------------------


def test_series_in_series_out_with_the_same_index():
    days = pd.date_range("2024-03-01", periods=3, freq="D")
    good = pd.Series([95, 90, 100], index=days)
    total = pd.Series([100, 100, 100], index=days)
    rate = defect_free_rate(good, total)
    assert isinstance(rate, pd.Series)
    assert rate.index.equals(days)
    assert rate.tolist() == pytest.approx([0.95, 0.90, 1.0])
    assert rate.name == "defect_free_rate"


def test_a_scalar_next_to_a_series_is_used_for_every_element():
    revenue = pd.Series([3_000, 4_500], index=["Fri", "Sat"])
    # 3,000 / 20 = 150; 4,500 / 20 = 225
    assert revenue_per_table(revenue, 20).tolist() == [150.0, 225.0]
    assert table_turnover_rate(40, pd.Series([20, 16])).tolist() == [2.0, 2.5]


def test_lists_and_arrays_give_arrays():
    result = click_through_rate([10, 20], np.array([1_000, 1_000]))
    assert isinstance(result, np.ndarray)
    assert result.tolist() == pytest.approx([0.01, 0.02])


def test_vectorised_growth_and_nrr():
    # (110 - 100) / 100 = 0.1; (90 - 100) / 100 = -0.1
    assert growth_rate([110, 90], 100).tolist() == pytest.approx([0.1, -0.1])
    # (100 + 10 - 0 - 5) / 100 = 1.05; (50 + 0 - 10 - 0) / 50 = 0.8
    nrr = net_revenue_retention(pd.Series([100, 50]), pd.Series([10, 0]), [0, 10], [5, 0])
    assert nrr.tolist() == pytest.approx([1.05, 0.8])


def test_vectorised_errors_name_the_element():
    impressions = pd.Series([100, 100], index=["Mon", "Tue"])
    with pytest.raises(ValueError, match=r"clicks\[Tue\] cannot be larger than impressions\[Tue\]"):
        click_through_rate(pd.Series([5, 150], index=["Mon", "Tue"]), impressions)
    with pytest.raises(ValueError, match=r"total_units\[1\] must be greater than 0 \(got 0\)"):
        defect_free_rate([1, 0], [2, 0])
    with pytest.raises(ValueError, match=r"good_units\[1\] must be a finite number \(got nan\)"):
        defect_free_rate([1, float("nan")], 10)
    with pytest.raises(
        TypeError, match=r"good_units\[0\] must be a number \(got 'x' of type str\)"
    ):
        defect_free_rate(["x"], 10)


def test_series_of_different_lengths_or_indexes_are_refused():
    with pytest.raises(ValueError, match=r"clicks has 2 values but impressions has 3"):
        click_through_rate([1, 2], [10, 10, 10])
    with pytest.raises(ValueError, match=r"do not cover the same periods.*impressions\.reindex"):
        click_through_rate(pd.Series([1, 2], index=[0, 1]), pd.Series([5, 5], index=[1, 2]))


def test_empty_and_two_dimensional_inputs():
    with pytest.raises(ValueError, match=r"^clicks is empty: give at least one value\.$"):
        click_through_rate([], [])
    with pytest.raises(
        ValueError, match=r"one column of values \(got an array of shape \(2, 2\)\)"
    ):
        click_through_rate(np.ones((2, 2)), 10)


def test_nullable_missing_value_is_refused():
    with pytest.raises(ValueError, match=r"revenue\[1\] must be a finite number \(got <NA>\)"):
        revenue_per_table(pd.Series([100, None], dtype="Int64"), 10)


# --------------------------------------------------------------------------------------------
# Bad inputs and their messages
# --------------------------------------------------------------------------------------------

BAD_INPUTS = [
    (
        return_on_ad_spend,
        {"revenue": 5_000, "ad_spend": 0},
        ValueError,
        r"^ad_spend must be greater than 0 \(got 0\): ROAS divides revenue by ad spend\.$",
    ),
    (
        return_on_ad_spend,
        {"revenue": -1, "ad_spend": 10},
        ValueError,
        r"^revenue cannot be negative \(got -1\)",
    ),
    (
        growth_rate,
        {"current": 10, "previous": 0},
        ValueError,
        r"previous must be greater than 0 \(got 0\): growth is measured relative",
    ),
    (growth_rate, {"current": -10, "previous": 5}, ValueError, r"current cannot be negative"),
    (
        growth_rate,
        {"current": float("nan"), "previous": 5},
        ValueError,
        r"current must be a finite number \(got nan\)",
    ),
    (
        growth_rate,
        {"current": float("inf"), "previous": 5},
        ValueError,
        r"current must be a finite number \(got inf\)",
    ),
    (
        growth_rate,
        {"current": "10", "previous": 5},
        TypeError,
        r"current must be a number \(got '10' of type str\)",
    ),
    (growth_rate, {"current": None, "previous": 5}, TypeError, r"got None of type NoneType"),
    (growth_rate, {"current": True, "previous": 5}, TypeError, r"got True of type bool"),
    (
        defect_free_rate,
        {"good_units": 101, "total_units": 100},
        ValueError,
        r"^good_units cannot be larger than total_units \(got 101 and 100\): good units are "
        r"part of the units produced\.$",
    ),
    (defect_free_rate, {"good_units": 1, "total_units": -4}, ValueError, r"total_units must be"),
    (
        average_time_per_unit,
        {"total_time": 100, "units": 0},
        ValueError,
        r"units must be greater than 0 \(got 0\)",
    ),
    (
        average_time_per_unit,
        {"total_time": -3, "units": 2},
        ValueError,
        r"total_time cannot be negative \(got -3\): a time spent is 0 or more\.",
    ),
    (
        on_time_rate,
        {"on_time": 21, "completed": 20},
        ValueError,
        r"on_time cannot be larger than completed \(got 21 and 20\)",
    ),
    (
        revenue_per_consultant,
        {"revenue": 10, "consultants": 0},
        ValueError,
        r"consultants must be greater than 0 \(got 0\)",
    ),
    (
        conversion_rate,
        {"conversions": 11, "visitors": 10},
        ValueError,
        r"conversions cannot be larger than visitors \(got 11 and 10\)",
    ),
    (
        click_through_rate,
        {"clicks": 120, "impressions": 100},
        ValueError,
        r"^clicks cannot be larger than impressions \(got 120 and 100\): every click comes "
        r"from an impression of the ad\.$",
    ),
    (
        click_through_rate,
        {"clicks": 1.5, "impressions": 0.0},
        ValueError,
        r"impressions must be greater than 0 \(got 0\)",
    ),
    (
        break_even_roas,
        {"margin": 0},
        ValueError,
        r"^margin must be a fraction greater than 0 and at most 1 \(got 0\): "
        r"write 25 % as 0\.25\.$",
    ),
    (break_even_roas, {"margin": 25}, ValueError, r"\(got 25\): write 25 % as 0\.25"),
    (break_even_roas, {"margin": -0.1}, ValueError, r"\(got -0\.1\)"),
    (
        revenue_per_table,
        {"revenue": 100, "tables": 0},
        ValueError,
        r"tables must be greater than 0 \(got 0\): revenue is shared out over the tables",
    ),
    (
        table_turnover_rate,
        {"parties_served": -1, "tables": 10},
        ValueError,
        r"parties_served cannot be negative \(got -1\)",
    ),
    (
        retention_rate,
        {"retained": 51, "at_start": 50},
        ValueError,
        r"retained cannot be larger than at_start \(got 51 and 50\).*do not count new customers",
    ),
    (retention_rate, {"retained": 0, "at_start": 0}, ValueError, r"at_start must be greater"),
    (
        net_revenue_retention,
        {"start": 100, "expansion": 0, "contraction": 60, "churn": 50},
        ValueError,
        r"contraction \+ churn \(110 €\) cannot be larger than the revenue at the start "
        r"\(100 €, at start\)",
    ),
    (
        net_revenue_retention,
        {"start": 100, "expansion": -5, "contraction": 0, "churn": 0},
        ValueError,
        r"expansion cannot be negative \(got -5\)",
    ),
    (
        net_revenue_retention,
        {"start": 100, "expansion": 0, "contraction": 0, "churn": -1},
        ValueError,
        r"churn cannot be negative \(got -1\): churn is revenue lost .* positive amount",
    ),
    (
        net_revenue_retention,
        {"start": 0, "expansion": 0, "contraction": 0, "churn": 0},
        ValueError,
        r"start must be greater than 0 \(got 0\)",
    ),
]


@pytest.mark.parametrize(("func", "kwargs", "error", "message"), BAD_INPUTS)
def test_bad_input_is_explained(func, kwargs, error, message):
    with pytest.raises(error, match=message):
        func(**kwargs)


@pytest.mark.parametrize(
    ("func", "ratings", "error", "message"),
    [
        (csat, [5, 0], ValueError, r"^ratings\[1\] must be between 1 and 5 \(got 0\)\.$"),
        (csat, [5.5], ValueError, r"ratings\[0\] must be between 1 and 5 \(got 5\.5\)"),
        (csat, [], ValueError, r"^ratings is empty: give at least one value\.$"),
        (csat, 4, TypeError, r"ratings must be a list, array or pandas Series of values \(got 4\)"),
        (csat, "45", TypeError, r"got '45'"),
        (csat, [4, None], ValueError, r"ratings\[1\] must be a finite number \(got None\)"),
        (csat, [4, "5"], TypeError, r"ratings\[1\] must be a number \(got '5' of type str\)"),
        (average_rating, [4, 6], ValueError, r"ratings\[1\] must be between 1 and 5 \(got 6\)"),
        (average_rating, [], ValueError, r"ratings is empty"),
        (
            average_rating,
            pd.Series([4, np.nan], index=["ann", "bob"]),
            ValueError,
            r"ratings\[bob\] must be a finite number \(got nan\)",
        ),
        (nps, [10, 11], ValueError, r"^scores\[1\] must be between 0 and 10 \(got 11\)\.$"),
        (nps, [-1], ValueError, r"scores\[0\] must be between 0 and 10 \(got -1\)"),
        (nps, [8.5], ValueError, r"^scores\[0\] must be a whole number \(got 8\.5\)\.$"),
        (nps, [], ValueError, r"scores is empty"),
        (nps, 9, TypeError, r"scores must be a list, array or pandas Series"),
    ],
)
def test_bad_ratings_are_explained(func, ratings, error, message):
    with pytest.raises(error, match=message):
        func(ratings)


def test_generators_of_ratings_work():
    assert csat(r for r in [5, 1]) == 0.5


@pytest.mark.parametrize(
    ("series", "error", "message"),
    [
        (
            [100, 0, 50],
            ValueError,
            r"^series\[1\] is 0, so the growth of the next month cannot be computed",
        ),
        (
            pd.Series([0.0, 10.0], index=["Jan", "Feb"]),
            ValueError,
            r"^series\[Jan\] is 0",
        ),
        ([100, -5], ValueError, r"series\[1\] cannot be negative \(got -5\)"),
        ([], ValueError, r"^series is empty"),
        ([100, np.nan], ValueError, r"series\[1\] must be a finite number \(got nan\)"),
        (100, TypeError, r"series must be a list, array or pandas Series of values \(got 100\)"),
        (["100", "120"], TypeError, r"series\[0\] must be a number \(got '100' of type str\)"),
    ],
)
def test_monthly_growth_bad_input(series, error, message):
    with pytest.raises(error, match=message):
        monthly_growth(series)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10**9)


@given(data=st.data(), whole=st.integers(min_value=1, max_value=10**9))
def test_part_of_whole_rates_are_fractions(data, whole):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    for func in (defect_free_rate, on_time_rate, conversion_rate, click_through_rate):
        rate = func(part, whole)
        assert 0.0 <= rate <= 1.0
        assert rate * whole == pytest.approx(part, rel=1e-9, abs=1e-6)


@given(
    previous=st.floats(min_value=0.01, max_value=1e9),
    current=st.floats(min_value=0, max_value=1e9),
)
def test_growth_rate_recovers_current(previous, current):
    # 1 + g loses digits when current is tiny next to previous: tolerance scales with previous
    rebuilt = previous * (1 + growth_rate(current, previous))
    assert rebuilt == pytest.approx(current, rel=1e-9, abs=1e-12 * previous)


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=200))
def test_nps_bounds_and_identity(scores):
    value = nps(scores)
    assert -100 <= value <= 100
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    assert value == pytest.approx(100 * (promoters - detractors) / len(scores))


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=200))
def test_csat_and_average_rating_bounds(ratings):
    assert 0 <= csat(ratings) <= 1
    assert 1 <= average_rating(ratings) <= 5
    assert csat(ratings) == pytest.approx(sum(r >= 4 for r in ratings) / len(ratings))


@given(st.lists(st.floats(min_value=1, max_value=1e6), min_size=2, max_size=30))
def test_monthly_growth_rebuilds_the_series(values):
    growth = monthly_growth(values)
    rebuilt = [values[0]]
    for g in growth.iloc[1:]:
        rebuilt.append(rebuilt[-1] * (1 + g))
    assert rebuilt == pytest.approx(values, rel=1e-6)


# --------------------------------------------------------------------------------------------
# Status against a target
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "direction", "tolerance", "expected"),
    [
        # higher is better, target 100, tolerance 5 %: at risk from 95 up to (not incl.) 100
        (100, 100, "higher", 0.05, "on track"),
        (120, 100, "higher", 0.05, "on track"),
        (99.99, 100, "higher", 0.05, "at risk"),
        (95, 100, "higher", 0.05, "at risk"),  # missed by exactly 5 % -> still at risk
        (94.99, 100, "higher", 0.05, "off track"),
        # a rate: target 0.95, 5 % of it is 0.0475 -> at risk down to 0.9025
        (0.9025, 0.95, "higher", 0.05, "at risk"),
        (0.9024, 0.95, "higher", 0.05, "off track"),
        # lower is better, target 5 min: at risk up to 5.25 min
        (5, 5, "lower", 0.05, "on track"),
        (4, 5, "lower", 0.05, "on track"),
        (5.25, 5, "lower", 0.05, "at risk"),
        (5.26, 5, "lower", 0.05, "off track"),
        # zero tolerance: any miss is off track
        (99.99, 100, "higher", 0, "off track"),
        # target 0 has no relative tolerance
        (0, 0, "higher", 0.05, "on track"),
        (-0.01, 0, "higher", 0.05, "off track"),
        # a negative target (growth of -10 % accepted): 5 % of |-0.1| = 0.005
        (-0.104, -0.1, "higher", 0.05, "at risk"),
        (-0.11, -0.1, "higher", 0.05, "off track"),
        # Direction members are accepted
        (6, 5, Direction.LOWER, 0.5, "at risk"),
    ],
)
def test_status_boundaries(value, target, direction, tolerance, expected):
    assert status(value, target, direction, tolerance) == expected


def test_status_default_is_higher_with_5_percent():
    assert status(95, 100) == "at risk"
    assert status(94, 100) == "off track"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"direction": "up"}, ValueError, r'direction must be "higher" or "lower" \(got \'up\'\)'),
        ({"tolerance": 5}, ValueError, r"^tolerance must be between 0 and 1 \(got 5\.0\)\.$"),
        ({"tolerance": -0.1}, ValueError, r"tolerance must be between 0 and 1"),
        ({"value": "high"}, TypeError, r"value must be a number \(got 'high' of type str\)"),
        ({"target": float("nan")}, ValueError, r"target must be a finite number \(got nan\)"),
        ({"target": None}, TypeError, r"target must be a number \(got None"),
    ],
)
def test_status_bad_input(kwargs, error, message):
    args = {"value": 1.0, "target": 1.0} | kwargs
    with pytest.raises(error, match=message):
        status(**args)


def test_status_series_keeps_index_and_accepts_a_target_series():
    months = pd.period_range("2024-01", periods=3, freq="M")
    values = pd.Series([5.5, 5.1, 4.0], index=months)
    result = status_series(values, target=5, direction="lower")
    assert result.index.equals(months)
    assert result.tolist() == ["off track", "at risk", "on track"]
    targets = pd.Series([6, 5, 3], index=months)
    assert status_series(values, targets, "lower").tolist() == ["on track", "at risk", "off track"]
    assert status_series([1, 2], 2).tolist() == ["off track", "on track"]


def test_status_series_bad_input():
    with pytest.raises(TypeError, match=r"values must be a list, array or pandas Series"):
        status_series(3, 3)
    with pytest.raises(ValueError, match=r"values has 2 values but target has 3"):
        status_series([1, 2], [1, 2, 3])


@given(
    target=st.floats(min_value=-1e6, max_value=1e6),
    a=st.floats(min_value=-1e6, max_value=1e6),
    b=st.floats(min_value=-1e6, max_value=1e6),
    tolerance=st.floats(min_value=0, max_value=1),
)
def test_a_better_value_never_gets_a_worse_status(target, a, b, tolerance):
    low, high = sorted((a, b))
    rank = {code: i for i, code in enumerate(STATUSES)}
    assert (
        rank[status(high, target, "higher", tolerance)]
        <= rank[status(low, target, "higher", tolerance)]
    )
    assert (
        rank[status(low, target, "lower", tolerance)]
        <= rank[status(high, target, "lower", tolerance)]
    )


# --------------------------------------------------------------------------------------------
# Status of a KPI that is healthy inside a band (billable utilisation)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Band 70-80 %, tolerance 5 % of the nearer edge: 0.7 x 0.95 = 0.665, 0.8 x 1.05 = 0.84.
        (0.75, "on track"),
        (0.70, "on track"),  # both edges belong to the band
        (0.80, "on track"),
        (0.7 * 0.95, "at risk"),
        (0.68, "at risk"),
        (0.82, "at risk"),
        (0.84, "at risk"),
        (0.664, "off track"),
        (0.841, "off track"),
        (0.95, "off track"),  # 95 % billed: no slack left, off track however high revenue is
        (0.30, "off track"),
    ],
)
def test_status_band_by_hand(value, expected):
    assert status_band(value, 0.70, 0.80) == expected
    assert status(value, (0.70, 0.80), "band") == expected
    assert status_series([value], (0.70, 0.80), "band").tolist() == [expected]


def test_status_band_tolerance_and_a_band_of_one_value():
    # Tolerance 10 %: at risk from 63 % (0.7 x 0.9) and up to 88 % (0.8 x 1.1).
    assert status_band(0.63, 0.70, 0.80, tolerance=0.10) == "at risk"
    assert status_band(0.88, 0.70, 0.80, tolerance=0.10) == "at risk"
    assert status_band(0.62, 0.70, 0.80, tolerance=0.10) == "off track"
    # No tolerance: outside is off track. A band of one value is a target to hit exactly.
    assert status_band(0.81, 0.70, 0.80, tolerance=0) == "off track"
    assert status_band(5, 5, 5) == "on track" and status_band(5.3, 5, 5) == "off track"
    # Rounding noise on an edge is on the edge, not outside.
    assert status_band(0.1 + 0.7, 0.70, 0.80) == "on track"


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        (0.8, TypeError, r"^A band target must be two numbers, \(low, high\) \(got 0\.8\)"),
        ("70-80", TypeError, r"A band target must be two numbers"),
        ((0.7, 0.8, 0.9), TypeError, r"A band target must be two numbers"),
        ((0.8, 0.7), ValueError, r"lower edge must not be above its upper edge \(got 0\.8 and"),
        ((0.7, float("nan")), ValueError, r"high must be a finite number \(got nan\)"),
        ((None, 0.8), TypeError, r"low must be a number \(got None"),
    ],
)
def test_a_band_that_is_not_low_then_high_is_refused_in_words(target, error, message):
    with pytest.raises(error, match=message):
        status(0.75, target, "band")
    with pytest.raises(error, match=message):
        status_series([0.75], target, "band")


@given(
    a=st.floats(min_value=-1e6, max_value=1e6),
    b=st.floats(min_value=-1e6, max_value=1e6),
    value=st.floats(min_value=-1e6, max_value=1e6),
    step=st.floats(min_value=0, max_value=1e6),
    tolerance=st.floats(min_value=0, max_value=1),
)
def test_moving_away_from_the_band_never_gets_a_better_status(a, b, value, step, tolerance):
    low, high = sorted((a, b))
    rank = {code: i for i, code in enumerate(STATUSES)}
    inside = status_band(value, low, high, tolerance)
    if value >= high:
        assert rank[status_band(value + step, low, high, tolerance)] >= rank[inside]
    if value <= low:
        assert rank[status_band(value - step, low, high, tolerance)] >= rank[inside]
    assert status_band((low + high) / 2, low, high, tolerance) == "on track"


def test_every_kpi_function_has_a_label():
    kpi_functions = [
        name
        for name in kpis.formulas.__all__
        if name.islower() and callable(getattr(kpis, name)) and name != "kpi_label"
    ]
    # the 17 of the foundation issue + utilisation_rate + repeat_customer_rate (issue 11)
    assert len(kpi_functions) == 19
    assert tuple(sorted(kpi_functions)) == kpis.KPI_FUNCTIONS
    for name in kpi_functions:
        assert kpi_label(name)
    with pytest.raises(ValueError, match=r"'speed' is not a KPI of lessons\.kpis"):
        kpi_label("speed")


def test_the_package_exposes_every_public_name_of_its_modules():
    modules = (kpis.formulas, kpis.targets, kpis.smart)
    assert sorted(kpis.__all__) == sorted(name for m in modules for name in m.__all__)
    assert all(getattr(kpis, name) is getattr(m, name) for m in modules for name in m.__all__)
    assert kpis.nps([10, 9, 3]) == pytest.approx(100 / 3)  # lessons.kpis.<name> still works


# --------------------------------------------------------------------------------------------
# KPI definitions and SMART
# --------------------------------------------------------------------------------------------


def make_kpi(**changes):
    fields = {
        "name": "On-time delivery rate to key accounts",
        "formula": "deliveries on time / deliveries",
        "unit": "%",
        "direction": "higher",
        "target": 0.95,
        "period": "monthly, through 2025",
        "owner": "Head of logistics",
        "objective": "keep key accounts loyal",
    }
    return KPI(**(fields | changes))


def letters(findings, ok):
    return [f.letter for f in findings if f.ok is ok]


def test_a_complete_kpi_passes_every_letter():
    findings = smart_check(make_kpi())
    assert [f.letter for f in findings] == ["S", "M", "A", "R", "T"]
    assert all(f.ok for f in findings)
    assert smart_score(findings) == 5
    assert findings[2].message == "A (assignable): Head of logistics is accountable for it."


@pytest.mark.parametrize(
    ("changes", "letter", "message"),
    [
        ({"name": ""}, "S", r"^S: the KPI has no name"),
        ({"name": "   "}, "S", r"^S: the KPI has no name"),
        ({"name": "Good performance"}, "S", r'^S: "Good performance" is too vague'),
        ({"name": "Quality"}, "S", r'^S: "Quality" is too vague'),
        ({"formula": ""}, "M", r"^M: not measurable yet, missing: a formula\."),
        ({"unit": "", "target": None}, "M", r"missing: a unit, a target\."),
        ({"owner": ""}, "A", r"^A \(assignable\): nobody owns this KPI"),
        ({"objective": ""}, "R", r"^R: no objective given"),
        ({"period": ""}, "T", r"^T: no period"),
    ],
)
def test_each_missing_piece_fails_its_letter(changes, letter, message):
    findings = smart_check(make_kpi(**changes))
    failing = [f for f in findings if not f.ok]
    assert [f.letter for f in failing] == [letter]
    assert re.search(message, failing[0].message)
    assert smart_score(findings) == 4


def test_a_specific_name_with_a_vague_word_passes():
    assert smart_check(make_kpi(name="Product quality: defect-free rate of line 2"))[0].ok


@pytest.mark.parametrize(
    "name",
    [
        "On-time delivery rate to key accounts",
        "Revenue per consultant",
        "Defect-free rate of line 2",
        "Average handling time of a support ticket",
        "Net Promoter Score of our key accounts",
        "Share of company revenue from the bank",
    ],
)
def test_a_specific_name_says_what_is_measured_and_of_what_or_whom(name):
    finding = smart_check(make_kpi(name=name))[0]
    assert (
        finding.ok and finding.message == f'S: "{name}" names what is measured and of what or whom.'
    )


@pytest.mark.parametrize(
    "name",
    [
        "Deliveries",  # failed before: a bare count passed S
        "Delivery rate",  # a measure, but of what or whom?
        "On-time delivery rate",  # "on-time" is one word, not the linking word "on"
        "Deliveries to",  # a linking word with nothing after it
        "Performance of the team",  # of whom, but what is measured?
    ],
)
def test_a_name_without_what_and_of_whom_fails_specific(name):
    finding = smart_check(make_kpi(name=name))[0]
    assert finding.letter == "S" and not finding.ok
    assert finding.message.startswith(f'S: "{name}" does not say both what is measured and')
    assert "on-time delivery rate to key accounts" in finding.message


def test_a_percentage_kpi_shows_its_thresholds_as_percentages():
    # Failed before: "flagged beyond 1.456" for an on-time rate of 95 % (1.5 x a best of 97 %).
    finding = smart_check(make_kpi(target=0.95), history=[0.90, 0.9705])[3]
    assert finding.letter == "A" and finding.ok
    assert finding.message == (
        "A (achievable): the target 95.0 % is within reach of the best value so far (97.0 %; "
        "flagged beyond 145.6 %)."
    )
    euros = smart_check(make_kpi(unit="€", target=60_000), history=[40_000, 50_000])[3]
    assert "the target €60,000" in euros.message and "flagged beyond €75,000" in euros.message


def test_achievability_higher_is_better():
    # best so far 0.6; 1.5 x 0.6 = 0.9 is the limit
    at_limit = smart_check(make_kpi(target=0.9), history=[0.4, 0.6, 0.5])
    assert letters(at_limit, False) == []
    assert at_limit[3].letter == "A" and "within reach" in at_limit[3].message
    too_far = smart_check(make_kpi(target=0.95), history=[0.4, 0.6, 0.5])
    assert letters(too_far, False) == ["A"]
    message = next(f.message for f in too_far if not f.ok)
    assert message.startswith("A (achievable): the target 95.0 % is more than 1.5 times")
    assert "best value so far (60.0 %)" in message and "above 90.0 %" in message
    assert smart_score(too_far) == 4


def test_achievability_lower_is_better():
    # best (lowest) so far 6 min; 6 / 1.5 = 4 min is the limit
    kpi = make_kpi(direction="lower", target=4, unit="min", name="Average time per unit")
    assert letters(smart_check(kpi, history=pd.Series([7, 6, 8])), False) == []
    kpi = make_kpi(direction="lower", target=3.9, unit="min", name="Average time per unit")
    findings = smart_check(kpi, history=np.array([7, 6, 8]))
    assert letters(findings, False) == ["A"]
    assert "far below the best (lowest) value so far (6 min): below 4 min" in findings[3].message


def test_achievability_needs_a_target_and_a_valid_history():
    findings = smart_check(make_kpi(target=None), history=[1, 2])
    assert [f.letter for f in findings].count("A") == 1
    with pytest.raises(TypeError, match=r"history must be a list, array or pandas Series"):
        smart_check(make_kpi(), history=0.9)
    with pytest.raises(ValueError, match=r"^history is empty"):
        smart_check(make_kpi(), history=[])


def test_kpi_definition_is_validated_and_frozen():
    kpi = make_kpi(target=1)
    assert kpi.target == 1.0 and kpi.direction is Direction.HIGHER
    with pytest.raises(AttributeError):
        kpi.target = 2  # type: ignore[misc]
    with pytest.raises(ValueError, match=r"direction must be \"higher\" or \"lower\""):
        make_kpi(direction="more")
    with pytest.raises(TypeError, match=r"^owner must be text \(got None\)"):
        make_kpi(owner=None)
    with pytest.raises(TypeError, match=r"target must be a number \(got '95%' of type str\)"):
        make_kpi(target="95%")


def test_smart_bad_input():
    with pytest.raises(TypeError, match=r"smart_check needs a KPI definition"):
        smart_check({"name": "x"})
    with pytest.raises(TypeError, match=r"smart_score needs the findings returned by smart_check"):
        smart_score(SmartFinding("S", True, "x"))
    with pytest.raises(TypeError, match=r"\(got 3\)"):
        smart_score(3)
    assert smart_score([]) == 0


def test_a_letter_passes_only_if_all_its_findings_pass():
    findings = [
        SmartFinding("A", True, "owner"),
        SmartFinding("A", False, "too far"),
        SmartFinding("T", True, "period"),
    ]
    assert smart_score(findings) == 1


def test_utilisation_rate_hand_computed_and_bounds():
    # 150 billed of 200 available days: 150 / 200 = 0.75
    assert kpis.utilisation_rate(150, 200) == pytest.approx(0.75)
    assert kpis.utilisation_rate(0, 200) == 0.0
    with pytest.raises(
        ValueError, match=r"billed cannot be larger than available \(got 210 and 200\)"
    ):
        kpis.utilisation_rate(210, 200)
    with pytest.raises(ValueError, match=r"available must be greater than 0 \(got 0\)"):
        kpis.utilisation_rate(0, 0)
