"""Agency scenario: hand-computed funnel, randomness, refusals, KPI table, chart, panel."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lessons.charts import agency as chart
from lessons.kpis import STATUSES
from lessons.scenarios import KPI_TABLE_COLUMNS, param_specs
from lessons.scenarios.agency import CPM, Params, expected, kpi_table, simulate, summary
from lessons.widgets import scenario_panel


def _params_strategy():
    fields = {}
    for spec in param_specs(Params):
        fields[spec.name] = st.floats(spec.low, spec.high, allow_nan=False)
    return st.builds(Params, **fields)


def test_expected_funnel_by_hand():
    rows = expected(Params()).set_index("campaigns")
    # €25,000 at €10 per 1,000 impressions = 2.5 M impressions for each half of the budget.
    assert CPM == 10.0
    assert rows["impressions"].tolist() == [2_500_000.0, 2_500_000.0]
    # Key account: 4 % CTR -> 100,000 clicks, 1 % conversion -> 1,000 orders × €60.
    assert rows.loc["key_account", ["clicks", "conversions", "revenue"]].tolist() == pytest.approx(
        [100_000, 1_000, 60_000]
    )
    # Others: 2 % -> 50,000 clicks, 3 % -> 1,500 orders × €60.
    assert rows.loc["others", ["clicks", "conversions", "revenue"]].tolist() == pytest.approx(
        [50_000, 1_500, 90_000]
    )


def test_simulated_funnel_converges_to_the_hand_computed_rates():
    params = Params()
    s = summary(simulate(params, periods=60, seed=2), params)
    assert (s["spend"] == [25_000, 25_000, 50_000]).all()
    assert s.loc["key_account", "impressions"] == pytest.approx(2_500_000, rel=0.04)
    assert s.loc["key_account", "ctr"] == pytest.approx(0.04, abs=0.001)
    assert s.loc["others", "conversion"] == pytest.approx(0.03, abs=0.002)
    # ROAS = 1,000 × CTR × conversion × basket / CPM: 2.4 and 3.6; break-even 1 / 30 %.
    assert s.loc["key_account", "roas"] == pytest.approx(2.4, rel=0.05)
    assert s.loc["others", "roas"] == pytest.approx(3.6, rel=0.05)
    assert s.loc["agency", "break_even_roas"] == pytest.approx(10 / 3)


def test_the_aha_a_high_ctr_below_break_even_loses_money():
    params = Params()
    table = kpi_table(simulate(params), params).set_index(["scope", "kpi"])
    key = table.loc["key_account"]
    ctr = key[key.index.str.startswith("Click-through")].iloc[0]
    roas = key[key.index.str.startswith("Return on ad spend")].iloc[0]
    profit = key[key.index.str.startswith("Gross profit")].iloc[0]
    assert ctr["status"] == "on track"  # twice the target...
    assert roas["status"] == "off track" and roas["target"] == pytest.approx(10 / 3)
    assert profit["value"] < 0  # ...and each month the campaigns lose money


def test_kpis_measure_campaigns_not_clients_budget_shift_moves_the_agency_ctr():
    low, high = Params(key_account_share=0.2), Params(key_account_share=0.8)
    ctr_low = summary(simulate(low, periods=24), low).loc["agency", "ctr"]
    ctr_high = summary(simulate(high, periods=24), high).loc["agency", "ctr"]
    # No campaign changed; only the mix: 0.2 × 4 % + 0.8 × 2 % vs 0.8 × 4 % + 0.2 × 2 %.
    assert ctr_low == pytest.approx(0.024, abs=0.001)
    assert ctr_high == pytest.approx(0.036, abs=0.001)


def test_same_seed_same_data_other_seed_other_data():
    pd.testing.assert_frame_equal(simulate(seed=5), simulate(seed=5))
    assert not simulate(seed=5).equals(simulate(seed=6))


@settings(max_examples=40, deadline=None)
@given(params=_params_strategy(), periods=st.integers(1, 24), seed=st.integers(0, 2**32 - 1))
def test_never_negative_and_the_funnel_narrows(params, periods, seed):
    data = simulate(params, periods=periods, seed=seed)
    assert (data.select_dtypes("number") >= 0).all().all()
    assert (data["clicks"] <= data["impressions"]).all()
    assert (data["conversions"] <= data["clicks"]).all()
    assert ((data["revenue"] > 0) == (data["conversions"] > 0)).all()
    assert kpi_table(data, params)["value"].notna().all()


def test_bad_parameters_are_refused_with_their_message():
    with pytest.raises(ValueError, match=r"Gross margin \(margin\) must be between 5 % and 90 %"):
        Params(margin=1.5)
    with pytest.raises(ValueError, match=r"between 5 % and 95 % \(got 100 %\)"):
        Params(key_account_share=1.0)
    with pytest.raises(
        ValueError, match=r"Average basket \(average_basket\) must be between €5 and €500"
    ):
        Params(average_basket=0.0)
    with pytest.raises(ValueError, match=r"conversion rate .* must be a finite number"):
        Params(key_account_conversion=float("nan"))
    with pytest.raises(TypeError, match=r"click-through rate \(key_account_ctr\) must be a number"):
        Params(key_account_ctr="4 %")


def test_periods_outside_the_range_are_refused():
    with pytest.raises(ValueError, match=r"periods must be between 1 and 60 months \(got 0\)"):
        simulate(periods=0)


def test_kpi_table_has_the_contract_columns_both_scopes_and_known_statuses():
    params = Params(margin=0.5)
    table = kpi_table(simulate(params), params)
    assert list(table.columns) == KPI_TABLE_COLUMNS
    assert table["scope"].value_counts().to_dict() == {"business": 4, "key_account": 4}
    assert set(table["status"]) <= set(STATUSES)
    roas = table[table["kpi"].str.startswith("Return on ad spend")]
    assert roas["target"].tolist() == [2.0, 2.0]  # break-even = 1 / 50 %
    assert roas["unit"].tolist() == ["x", "x"]


def test_plot_and_alt_text():
    params = Params()
    data = simulate(params)
    fig = chart.plot(data, params)
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    assert "50.0 %" in fig.get_suptitle()
    assert all(ax.get_title() and ax.get_ylabel() for ax in fig.axes)
    assert fig.axes[0].get_yscale() == "log"
    s = summary(data, params)
    text = chart.alt_text(data, params)
    assert f"{s.loc['key_account', 'roas']:.2f}×" in text
    assert "break-even ROAS of 3.33×" in text
    assert f"{s.loc['key_account', 'ctr'] * 100:.1f} %" in text


def test_panel_renders_and_takes_edge_values():
    panel = scenario_panel("agency")
    assert "<img" in panel.figure.value and "<tr>" in panel.table.value
    panel.set(monthly_budget=5_000.0, key_account_share=0.95, key_account_ctr=0.001, margin=0.9)
    assert panel.message.value == ""
    assert "high-profile client" in panel.table.value


def test_kpis_and_charts_refuse_data_that_did_not_come_from_simulate():
    with pytest.raises(ValueError, match=r"agency scenario \(got 0 rows, missing columns: –\)"):
        kpi_table(simulate().head(0), Params())
    from lessons.scenarios.restaurant import Params as RestaurantParams

    with pytest.raises(TypeError, match=r"lessons.scenarios.agency.Params \(got Params\)"):
        chart.plot(simulate(), RestaurantParams())
