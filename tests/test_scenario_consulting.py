"""Consulting scenario: hand-computed months, randomness, refusals, KPI table, chart, panel."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lessons.charts import consulting as chart
from lessons.kpis import STATUSES
from lessons.scenarios import KPI_TABLE_COLUMNS, param_specs
from lessons.scenarios.consulting import Params, expected, kpi_table, simulate, summary
from lessons.widgets import scenario_panel

RATINGS = [f"rating_{s}" for s in range(1, 6)]


def _params_strategy():
    fields = {}
    for spec in param_specs(Params):
        if spec.kind is int:
            fields[spec.name] = st.integers(int(spec.low), int(spec.high))
        else:
            fields[spec.name] = st.floats(spec.low, spec.high, allow_nan=False)
    return st.fixed_dictionaries(fields)


def _valid(values):
    try:
        return Params(**values)
    except ValueError:
        assume(False)


# A firm of 40: 10 consultants on the multinational (its exact need), 30 on the others.
NO_RISK = Params(overrun_risk=0.0)


def test_default_month_by_hand():
    data = simulate(NO_RISK, periods=12, seed=0)
    key = data[data["team"] == "key_account"].iloc[0]
    others = data[data["team"] == "others"].iloc[0]
    # 10 people × 20 days × 75 % = 150 billed days, at €1,000 minus 10 % = €900 a day.
    assert (key["consultants"], key["billed_days"], key["revenue"]) == (10, 150.0, 135_000.0)
    # 30 × 20 × 75 % = 450 days at €1,000.
    assert (others["billed_days"], others["revenue"]) == (450.0, 450_000.0)
    # 30-day projects: 5 a month for the multinational, 15 for the others.
    assert key["projects"] == 5 and others["projects"] == 15
    # No overrun risk and no overload: every project on time, in 95 % of the planned 6 weeks.
    assert (data["on_time"] == data["projects"]).all()
    assert data["project_weeks"].to_numpy() == pytest.approx(data["projects"] * 6 * 0.95)


def test_kpis_of_the_default_firm_by_hand():
    data = simulate(NO_RISK, periods=12, seed=0)
    s = summary(data, NO_RISK)
    # (135,000 + 450,000) € a month × 12 / 40 consultants.
    assert s.loc["firm", "revenue_per_consultant"] == pytest.approx(175_500)
    assert s.loc["key_account", "revenue_per_consultant"] == pytest.approx(162_000)
    assert s.loc["firm", "utilisation"] == pytest.approx(0.75)
    assert s.loc["firm", "on_time"] == 1.0
    assert s.loc["firm", "completion_weeks"] == pytest.approx(5.7)


def test_overstaffing_the_key_account_idles_its_team_and_overloads_the_rest():
    params = Params(key_account_share=0.4, overrun_risk=0.0)
    rows = expected(params).set_index("team")
    # 16 people for a need of 10: only 10 × 15 days are billed.
    assert rows.loc["key_account", "billed_days"] == 150.0
    # 24 people for a need of 30: load 1.25, so only 1 / 1.25 = 80 % of projects on time.
    assert rows.loc["others", "load"] == pytest.approx(1.25)
    assert rows.loc["others", "late_probability"] == pytest.approx(0.2)
    data = simulate(params, periods=60, seed=4)
    assert summary(data, params).loc["others", "on_time"] == pytest.approx(0.8, abs=0.05)


def test_no_slack_above_80_percent_utilisation_doubles_overruns_at_95():
    rows = expected(Params(utilisation=0.95, overrun_risk=0.2)).set_index("team")
    assert rows.loc["others", "late_probability"] == pytest.approx(0.4)


def test_the_aha_serving_the_key_account_better_costs_the_firm():
    base, generous = Params(), Params(key_account_share=0.45)
    s0 = summary(simulate(base, periods=60), base)
    s1 = summary(simulate(generous, periods=60), generous)
    assert s1.loc["key_account", "csat"] > s0.loc["key_account", "csat"] + 0.1
    assert s1.loc["firm", "revenue_per_consultant"] < s0.loc["firm", "revenue_per_consultant"]
    assert s1.loc["others", "on_time"] < s0.loc["others", "on_time"] - 0.1
    assert s1.loc["others", "csat"] < s0.loc["others", "csat"] - 0.1


def test_same_seed_same_data_other_seed_other_data():
    pd.testing.assert_frame_equal(simulate(seed=3), simulate(seed=3))
    assert not simulate(seed=3).equals(simulate(seed=4))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(values=_params_strategy(), periods=st.integers(3, 24), seed=st.integers(0, 2**32 - 1))
def test_never_negative_and_counts_consistent(values, periods, seed):
    params = _valid(values)
    data = simulate(params, periods=periods, seed=seed)
    numeric = data.select_dtypes("number")
    assert (numeric >= 0).all().all()
    assert (data["on_time"] <= data["projects"]).all()
    assert (data["billed_days"] <= data["available_days"]).all()
    respondents = data[RATINGS].sum(axis=1)
    assert set(respondents) <= {4, 8}
    table = kpi_table(data, params)
    assert table["value"].notna().all()


def test_out_of_range_and_wrong_type_are_refused_with_their_message():
    with pytest.raises(
        ValueError, match=r"must be between 5 people and 200 people \(got 3 people\)"
    ):
        Params(consultants=3)
    with pytest.raises(ValueError, match=r"must be between 0 % and 80 % \(got 90 %\)"):
        Params(key_account_share=0.9)
    with pytest.raises(ValueError, match=r"Day rate \(day_rate\) must be between €300 and €3,000"):
        Params(day_rate=5000.0)
    with pytest.raises(ValueError, match=r"Consultants \(consultants\) must be a whole number"):
        Params(consultants=12.5)
    with pytest.raises(
        TypeError, match=r"Overrun risk per project \(overrun_risk\) must be a number"
    ):
        Params(overrun_risk="high")


def test_a_team_of_nobody_is_refused_in_words():
    with pytest.raises(ValueError, match="nobody would work for the multinational"):
        Params(consultants=10, key_account_share=0.0)
    expected_message = (
        r"With 5 consultants and 5 % of them on the key account, nobody would work for the "
        r"multinational \(the share rounds to 0 people\): raise the share or the number"
    )
    with pytest.raises(ValueError, match=expected_message):
        Params(consultants=5, key_account_share=0.05)
    Params(consultants=5, key_account_share=0.1)  # 0.5 person rounds up to one: accepted


def test_periods_outside_the_range_are_refused():
    with pytest.raises(ValueError, match=r"periods must be between 3 and 60 months \(got 2\)"):
        simulate(periods=2)
    with pytest.raises(TypeError, match=r"periods must be a number \(got .12. of type"):
        simulate(periods="12")


def test_kpi_table_has_the_contract_columns_both_scopes_and_known_statuses():
    params = Params()
    table = kpi_table(simulate(params), params)
    assert list(table.columns) == KPI_TABLE_COLUMNS
    assert table["scope"].value_counts().to_dict() == {"business": 5, "key_account": 5}
    assert set(table["status"]) <= set(STATUSES)
    assert set(table["direction"]) == {"higher", "lower"}
    row = table[table["kpi"].str.startswith("Revenue per consultant")].iloc[0]
    # Target: €1,000 × 240 days × 75 % target utilisation; the discount keeps it short.
    assert (row["target"], row["scope"], row["status"]) == (180_000.0, "business", "at risk")


def test_plot_and_alt_text():
    params = Params(key_account_share=0.45)
    data = simulate(params)
    fig = chart.plot(data, params)
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    assert "45.0 %" in fig.get_suptitle()
    assert all(ax.get_title() and ax.get_ylabel() for ax in fig.axes)
    text = chart.alt_text(data, params)
    s = summary(data, params)
    assert f"€{s.loc['firm', 'revenue_per_consultant']:,.0f}" in text
    assert f"{s.loc['key_account', 'csat'] * 100:.1f} %" in text


def test_panel_renders_and_takes_edge_values():
    panel = scenario_panel("consulting")
    assert "<img" in panel.figure.value and "<tr>" in panel.table.value
    panel.set(consultants=5, key_account_share=0.05, utilisation=0.95, overrun_risk=0.6)
    assert "nobody would work for the multinational" in panel.message.value
    panel.set(consultants=200, key_account_share=0.8)
    assert panel.message.value == ""
    assert "multinational" in panel.table.value
    assert np.isfinite(panel.last_render_seconds)


def test_kpis_and_charts_refuse_data_that_did_not_come_from_simulate():
    with pytest.raises(ValueError, match=r"of the consulting scenario \(got 24 rows, missing "
                                         r"columns: revenue\)"):  # fmt: skip
        kpi_table(simulate().drop(columns="revenue"), Params())
    with pytest.raises(TypeError, match=r"lessons.scenarios.consulting.Params \(got dict\)"):
        kpi_table(simulate(), {"consultants": 40})
    with pytest.raises(TypeError, match=r"consulting scenario \(got list\)"):
        chart.alt_text([], Params())
