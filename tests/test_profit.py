"""Cost to serve, profit per account and the whale curve, against hand-computed values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.accounts import (
    account_profit,
    cost_to_serve,
    pareto_table,
    profit_by_account,
    whale_curve,
    whale_readings,
)
from lessons.samples import (
    SAMPLE_GROSS_MARGIN,
    load_sample_costs,
    load_sample_portfolio,
    sample_profit,
)


def test_cost_to_serve_adds_its_four_parts():
    # 10 % of 200,000 = 20,000; 150 h x 80 = 12,000; tailored 5,000; standard service 3,000.
    cost = cost_to_serve(
        200_000,
        discount_rate=0.10,
        manager_hours=150,
        hourly_cost=80,
        tailored_work=5_000,
        service_cost=3_000,
    )
    assert cost == pytest.approx(40_000)


def test_account_profit_is_gross_margin_minus_cost_to_serve():
    # 30 % of 200,000 = 60,000 earned; 40,000 spent serving it: 20,000 of profit.
    profit = account_profit(
        200_000,
        gross_margin=0.30,
        discount_rate=0.10,
        manager_hours=150,
        hourly_cost=80,
        tailored_work=5_000,
        service_cost=3_000,
    )
    assert profit == pytest.approx(20_000)
    # The same account with a 25 % discount loses money: 60,000 - (50,000 + 20,000) = -10,000.
    assert account_profit(
        200_000,
        gross_margin=0.30,
        discount_rate=0.25,
        manager_hours=150,
        hourly_cost=80,
        tailored_work=5_000,
        service_cost=3_000,
    ) == pytest.approx(-10_000)


def test_series_in_series_out_with_the_same_index():
    revenue = pd.Series({"Bank": 500_000.0, "Shop": 20_000.0})
    hours = pd.Series({"Bank": 400.0, "Shop": 0.0})
    cost = cost_to_serve(revenue, discount_rate=0.04, manager_hours=hours, hourly_cost=80)
    assert isinstance(cost, pd.Series)
    assert cost.to_dict() == {"Bank": pytest.approx(52_000), "Shop": pytest.approx(800)}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"discount_rate": 1.5}, ValueError, r"discount_rate must be between 0 and 1 \(got 1.5\)"),
        ({"manager_hours": -1}, ValueError, r"manager_hours cannot be negative \(got -1\)"),
        ({"tailored_work": "a lot"}, TypeError, r"tailored_work must be a number \(got 'a lot'"),
        ({"hourly_cost": float("nan")}, ValueError, r"hourly_cost must be a finite number"),
    ],
)
def test_bad_inputs_are_named_with_their_value(kwargs, error, message):
    with pytest.raises(error, match=message):
        cost_to_serve(100_000, **kwargs)


def test_a_margin_written_in_percent_is_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"gross_margin must be between 0 and 1 \(got 35\).*0.05"):
        account_profit(100_000, gross_margin=35)


TINY = pd.DataFrame(
    {
        "account": ["Big", "Small"],
        "revenue": [1_000_000, 50_000],
        "discount_rate": [0.20, 0.0],
        "manager_hours": [1_000, 0],
        "tailored_work": [150_000, 0],
    }
)


def test_profit_by_account_by_hand():
    table = profit_by_account(TINY, gross_margin=0.40, hourly_cost=100, service_cost=1_000)
    big, small = table.loc["Big"], table.loc["Small"]
    # Big: 400,000 earned; 200,000 discount + 100,000 of manager time + 150,000 + 1,000.
    assert big["gross_profit"] == pytest.approx(400_000)
    assert big["cost_to_serve"] == pytest.approx(451_000)
    assert big["profit"] == pytest.approx(-51_000)
    # Small: 20,000 earned, only the standard service to pay.
    assert small["profit"] == pytest.approx(19_000)
    assert table.index.tolist() == ["Small", "Big"]  # the most profitable first
    assert table["revenue_rank"].to_dict() == {"Small": 2, "Big": 1}
    parts = ["discounts", "account_management", "tailored_work", "service"]
    assert table[parts].sum(axis=1).tolist() == pytest.approx(table["cost_to_serve"].tolist())


def test_profit_by_account_refuses_a_missing_column_and_repeated_accounts():
    with pytest.raises(ValueError, match=r'no column "tailored_work".*load_sample_costs'):
        profit_by_account(TINY.drop(columns="tailored_work"), gross_margin=0.4, hourly_cost=1)
    twice = pd.concat([TINY, TINY.iloc[[0]]])
    with pytest.raises(ValueError, match="Big"):
        profit_by_account(twice, gross_margin=0.4, hourly_cost=1)
    bad = TINY.assign(manager_hours=[1_000, "n/a"])
    with pytest.raises(TypeError, match=r'"manager_hours".*Small.*n/a'):
        profit_by_account(bad, gross_margin=0.4, hourly_cost=1)


def test_the_whale_curve_by_hand():
    # Ranked A, B (equal profits: by name), D (0), C (-20); total profit 100.
    curve = whale_curve(pd.Series({"C": -20.0, "B": 60.0, "D": 0.0, "A": 60.0}))
    assert curve.index.tolist() == ["A", "B", "D", "C"]
    assert curve["cumulative_profit"].tolist() == [60, 120, 120, 100]
    assert curve["cumulative_share"].tolist() == pytest.approx([0.6, 1.2, 1.2, 1.0])
    assert curve["customer_share"].tolist() == [0.25, 0.5, 0.75, 1.0]
    readings = whale_readings(curve)
    assert (readings.peak_share, readings.peak_count) == (pytest.approx(1.2), 2)
    assert (readings.loss_makers, readings.losses, readings.total_profit) == (1, 20.0, 100.0)


def test_no_whale_curve_without_a_profit():
    with pytest.raises(ValueError, match=r"add up to -20 €.*no curve to draw"):
        whale_curve(pd.Series({"A": 10.0, "B": -30.0}))
    with pytest.raises(TypeError, match="profit"):
        whale_curve([10.0, 20.0])


@settings(max_examples=60, deadline=None)
@given(
    # Whole euros: profits of accounts, not rounding noise of 1e-291 €.
    st.lists(st.integers(min_value=-1_000_000, max_value=1_000_000), min_size=1, max_size=30)
    .map(lambda xs: [float(x) for x in xs])
    .filter(lambda xs: sum(xs) > 0)
)
def test_a_whale_curve_ends_at_one_and_peaks_above_it_only_with_loss_makers(profits):
    series = pd.Series(profits, index=[f"c{i:02d}" for i in range(len(profits))])
    curve = whale_curve(series)
    readings = whale_readings(curve)
    assert curve["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert readings.peak_share >= 1.0 - 1e-9
    if readings.loss_makers:
        assert readings.peak_share > 1.0
    else:
        assert readings.peak_share == pytest.approx(1.0)
    assert np.all(np.diff(curve["profit"].to_numpy()) <= 0)  # most profitable first


def test_the_sample_makes_the_point_of_the_chapter():
    table = sample_profit()
    portfolio = load_sample_portfolio().set_index("account")
    assert set(table.index) == set(portfolio.index) == set(load_sample_costs()["account"])
    largest = pareto_table(portfolio["revenue"]).index[0]
    # The biggest customer by revenue is the one that loses the most once served.
    assert table.index[-1] == largest and table.loc[largest, "profit"] < 0
    readings = whale_readings(whale_curve(table["profit"]))
    assert 1.2 < readings.peak_share < 1.5 and readings.loss_makers >= 5
    gross = SAMPLE_GROSS_MARGIN * portfolio["revenue"].sum()
    assert table["profit"].sum() == pytest.approx(gross - table["cost_to_serve"].sum())
