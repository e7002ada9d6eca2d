"""The software company and its banking client: simulation, KPIs, chart and panel."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lessons.charts.software_bank import alt_text, plot
from lessons.kpis import STATUSES, csat
from lessons.scenarios._base import KPI_TABLE_COLUMNS, param_specs
from lessons.scenarios.software_bank import (
    Params,
    bank_mean_rating,
    kpi_table,
    kpi_values,
    renewal_probability,
    rolling_csat,
    simulate,
)
from lessons.widgets import scenario_panel

# A tiny company: €100,000 a month, the bank 40 %, others +2 % a month, renewal after month 3.
TINY = dict(monthly_revenue=100_000.0, bank_share=0.4, others_growth=0.02, renewal_month=3,
            renewal_uplift=0.1)  # fmt: skip
CARED_FOR = Params(manager_hours=40.0, **TINY)
NEGLECTED = Params(manager_hours=0.0, **TINY)


def params_strategy():
    """Any Params within the declared ranges."""
    specs = param_specs(Params)
    return st.fixed_dictionaries(
        {
            s.name: st.integers(int(s.low), int(s.high))
            if s.kind is int
            else st.floats(s.low, s.high, allow_nan=False)
            for s in specs
        }
    ).map(lambda values: Params(**values))


# ------------------------------------------------------------------ model curves, by hand


def test_bank_mean_rating_rises_with_effort_with_diminishing_returns():
    assert bank_mean_rating(0) == 2.5
    assert bank_mean_rating(10) == pytest.approx(2.5 + 2.3 * (1 - math.exp(-1)))
    assert bank_mean_rating(20) - bank_mean_rating(10) < bank_mean_rating(10) - bank_mean_rating(0)


def test_renewal_probability_by_hand():
    assert renewal_probability(0.6) == 0.5
    assert renewal_probability(0.8) == pytest.approx(1 / (1 + math.exp(-2)))
    assert renewal_probability(0.3) == pytest.approx(1 / (1 + math.exp(3)))


# ------------------------------------------------------------------ simulate


def test_revenue_by_hand_when_the_bank_renews():
    data = simulate(CARED_FOR, periods=5)
    others = [60_000 * 1.02**k for k in range(5)]
    assert data["others_revenue"].tolist() == pytest.approx(others)
    assert data["bank_revenue"].tolist() == [40_000, 40_000, 40_000, 44_000, 44_000]
    assert data["total_revenue"].tolist() == pytest.approx(
        [b + o for b, o in zip(data["bank_revenue"], others, strict=True)]
    )
    assert data.loc[1, "bank_share"] == pytest.approx(0.4)
    assert bool(data.loc[3, "renewed"]) is True
    assert data["bank_active"].all()


def test_the_renewal_reads_the_banks_csat_of_its_last_three_months():
    data = simulate(CARED_FOR, periods=5)
    ratings = data.attrs["ratings"]
    window = ratings[(ratings["client"] == "bank") & ratings["month"].between(1, 3)]
    assert len(window) == 30  # 10 people at the bank x 3 months
    expected = renewal_probability(csat(window["rating"]))
    assert data.loc[3, "renewal_probability"] == pytest.approx(expected)
    assert data["renewal_probability"].notna().sum() == 1


def test_a_neglected_bank_leaves_and_stops_answering_the_survey():
    data = simulate(NEGLECTED, periods=5)
    assert data.loc[3, "renewal_probability"] < 0.5
    assert bool(data.loc[3, "renewed"]) is False
    assert data["bank_revenue"].tolist() == [40_000, 40_000, 40_000, 0, 0]
    assert data["bank_active"].tolist() == [True, True, True, False, False]
    ratings = data.attrs["ratings"]
    assert ratings.loc[ratings["client"] == "bank", "month"].max() == 3
    assert (ratings["client"] == "others").sum() == 5 * 30


def test_no_renewal_inside_a_short_simulation():
    data = simulate(Params(renewal_month=12), periods=6)
    assert data["renewal_probability"].isna().all()
    assert data["bank_revenue"].nunique() == 1


def test_same_seed_same_data_other_seed_other_ratings():
    a, b = simulate(Params(), seed=7), simulate(Params(), seed=7)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a.attrs["ratings"], b.attrs["ratings"])
    c = simulate(Params(), seed=8)
    assert not np.array_equal(a.attrs["ratings"]["rating"], c.attrs["ratings"]["rating"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=params_strategy(), periods=st.integers(2, 60), seed=st.integers(0, 2**32 - 1))
def test_never_negative_and_ratings_on_the_scale(params, periods, seed):
    data = simulate(params, periods=periods, seed=seed)
    assert (data[["bank_revenue", "others_revenue", "total_revenue"]] >= 0).all().all()
    assert data["bank_share"].between(0, 1).all()
    ratings = data.attrs["ratings"]["rating"]
    assert ratings.between(1, 5).all() and (ratings == ratings.round()).all()
    table = kpi_table(data, params)
    assert set(table["status"]) <= set(STATUSES)
    assert f"over {periods} months" in alt_text(data, params)


def test_bad_periods_are_refused_in_words():
    with pytest.raises(ValueError, match=r"periods must be between 2 and 120 months \(got 1\)"):
        simulate(Params(), periods=1)
    with pytest.raises(TypeError, match=r"periods must be a number \(got '24' of type str\)"):
        simulate(Params(), periods="24")


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (dict(bank_share=0.9), ValueError,
         r"Bank's share of revenue \(bank_share\) must be between 5 % and 80 % \(got 90 %\)"),
        (dict(manager_hours=-1.0), ValueError, r"between 0 h/week and 40 h/week \(got −1 h/week\)"),
        (dict(renewal_month=2), ValueError, r"must be between 3 and 21 \(got 2\)"),
        (dict(renewal_month=12.5), ValueError, r"renewal_month\) must be a whole number"),
        (dict(monthly_revenue="a lot"), TypeError, r"must be a number \(got 'a lot' of type str\)"),
        (dict(others_growth=float("nan")), ValueError, r"must be a finite number"),
    ],
)  # fmt: skip
def test_invalid_parameters_are_refused_with_their_message(values, error, message):
    with pytest.raises(error, match=message):
        Params(**values)


def test_params_are_frozen():
    with pytest.raises(AttributeError):
        Params().bank_share = 0.5  # type: ignore[misc]


# ------------------------------------------------------------------ KPIs


def test_kpis_by_hand_when_the_bank_renews():
    data = simulate(CARED_FOR, periods=5)
    values = kpi_values(data)
    total_last = 44_000 + 60_000 * 1.02**4
    assert values[("growth", "business")] == pytest.approx(total_last / 100_000 - 1)
    assert values[("nrr", "business")] == pytest.approx(1.04)  # +€4,000 bank expansion
    assert values[("growth", "key_account")] == pytest.approx(0.10)
    assert values[("nrr", "key_account")] == pytest.approx(1.10)
    ratings = data.attrs["ratings"]
    recent = ratings[ratings["month"] >= 3]
    assert values[("csat", "business")] == pytest.approx(csat(recent["rating"]))
    bank = recent[recent["client"] == "bank"]
    assert values[("csat", "key_account")] == pytest.approx(csat(bank["rating"]))


def test_kpis_by_hand_when_the_bank_leaves():
    data = simulate(NEGLECTED, periods=5)
    values = kpi_values(data)
    assert values[("nrr", "business")] == pytest.approx(0.6)  # €40,000 of €100,000 churned
    assert values[("nrr", "key_account")] == 0.0
    assert values[("growth", "key_account")] == -1.0
    ratings = data.attrs["ratings"]
    bank = ratings[ratings["client"] == "bank"]
    assert values[("csat", "key_account")] == pytest.approx(csat(bank["rating"]))  # months 1-3


def test_kpi_table_has_the_contract_columns_both_scopes_and_statuses():
    table = kpi_table(simulate(Params()), Params())
    assert table.columns.tolist() == KPI_TABLE_COLUMNS
    assert table["scope"].tolist() == ["business"] * 3 + ["key_account"] * 3
    assert set(table["status"]) <= set(STATUSES)
    assert set(table["direction"]) == {"higher"}
    assert table["kpi"].str.contains("Bank").sum() == 3


def test_the_same_kpi_at_two_scopes_can_disagree():
    """The aha: neglect the bank and the company's CSAT looks fine while the bank's does not."""
    params = Params(manager_hours=6.0)
    table = kpi_table(simulate(params), params).set_index(["scope", "kpi"])
    business = table.xs("business")
    bank = table.xs("key_account")
    assert business["status"].iloc[2] == "on track"  # CSAT of the whole company
    assert bank["status"].iloc[2] == "off track"  # CSAT of the bank alone
    assert bank["status"].iloc[1] == "off track"  # the bank's net revenue retention (it left)


def test_rolling_csat_is_the_csat_of_the_last_three_months():
    data = simulate(Params(), periods=6)
    sat = rolling_csat(data)
    ratings = data.attrs["ratings"]
    window = ratings[ratings["month"].between(3, 5)]
    assert sat.loc[5, "business"] == pytest.approx(csat(window["rating"]))
    assert sat.loc[5, "bank"] == pytest.approx(csat(window.loc[window.client == "bank", "rating"]))
    assert sat.loc[1, "bank"] == pytest.approx(
        csat(ratings.loc[(ratings.month == 1) & (ratings.client == "bank"), "rating"])
    )


def test_kpi_table_of_nothing_is_refused():
    with pytest.raises(ValueError, match="data is empty"):
        kpi_table(pd.DataFrame(), Params())


# ------------------------------------------------------------------ chart


def test_plot_has_titles_labels_with_units_and_legends():
    fig = plot(simulate(Params()), Params())
    assert isinstance(fig, Figure)
    revenue, satisfaction = fig.axes
    assert revenue.get_title() == "Revenue by client"
    assert "(€)" in revenue.get_ylabel() and revenue.get_xlabel() == "Month"
    assert "CSAT" in satisfaction.get_ylabel()
    labels = [t.get_text() for t in revenue.get_legend().get_texts()]
    assert "The bank (key account)" in labels and any("renews" in x for x in labels)
    assert any("target" in t.get_text() for t in satisfaction.get_legend().get_texts())


def test_alt_text_gives_the_key_numbers():
    params = Params(manager_hours=0.0)
    data = simulate(params)
    text = alt_text(data, params)
    values = kpi_values(data)
    assert "35.0 %" in text and "€500,000" in text
    assert "does not renew at the end of month 12" in text
    assert f"{values[('csat', 'key_account')] * 100:.1f} %" in text
    assert f"{values[('csat', 'business')] * 100:.1f} %" in text


# ------------------------------------------------------------------ panel


def test_panel_renders_and_takes_edge_values():
    panel = scenario_panel("software_bank")
    assert "<img" in panel.figure.value and "<table" in panel.table.value
    assert "Bank&#x27;s satisfaction" in panel.table.value
    panel.set(manager_hours=0.0, bank_share=0.8, renewal_month=21)
    assert panel.message.value == ""
    assert "does not renew at the end of month 21" in panel.figure.value
    panel.reset()
    assert panel.values()["manager_hours"] == 20.0
