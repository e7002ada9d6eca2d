"""The repeat-customer rate: the source's "number of repeat customers" as a KPI."""

from __future__ import annotations

import pandas as pd
import pytest

from lessons.kpis import kpi_label, repeat_customer_rate


def test_repeat_customer_rate_by_hand():
    # 60 customers bought this quarter; 18 of them bought at least twice: 18 / 60 = 30 %.
    assert repeat_customer_rate(repeat_customers=18, customers=60) == pytest.approx(0.30)
    assert repeat_customer_rate(repeat_customers=0, customers=5) == 0.0
    assert repeat_customer_rate(repeat_customers=5, customers=5) == 1.0


def test_one_value_per_period_for_series():
    repeat = pd.Series({"Q1": 12, "Q2": 15})
    customers = pd.Series({"Q1": 48, "Q2": 50})
    rates = repeat_customer_rate(repeat, customers)
    assert rates.to_dict() == {"Q1": pytest.approx(0.25), "Q2": pytest.approx(0.30)}


@pytest.mark.parametrize(
    ("repeat", "customers", "error", "message"),
    [
        (70, 60, ValueError, r"repeat_customers cannot be larger than customers \(got 70 and 60\)"),
        (3, 0, ValueError, r"customers must be greater than 0 \(got 0\)"),
        (-1, 10, ValueError, r"repeat_customers cannot be negative \(got -1\)"),
        ("12", 40, TypeError, r"repeat_customers must be a number \(got '12'"),
    ],
)
def test_bad_counts_get_a_message(repeat, customers, error, message):
    with pytest.raises(error, match=message):
        repeat_customer_rate(repeat, customers)


def test_it_has_a_name_for_learners():
    assert kpi_label("repeat_customer_rate") == "Repeat-customer rate"
