"""Agency scenario: hand-computed funnel, the aha, refusals, KPI table, chart, panel.

What every scenario promises is in ``test_scenario_contract.py``; here, this scenario's own
numbers and lesson.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scenario_contract import valid_params

from lessons.charts import agency as chart
from lessons.scenarios import run
from lessons.scenarios.agency import (
    CPM,
    Params,
    expected,
    kpi_table,
    period_kpis,
    simulate,
    summary,
)
from lessons.widgets import scenario_panel


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
    spend = [s[f"{group}_spend"] for group in ("key_account", "others", "agency")]
    assert spend == [25_000, 25_000, 50_000]
    assert s["key_account_impressions"] == pytest.approx(2_500_000, rel=0.04)
    assert s["key_account_ctr"] == pytest.approx(0.04, abs=0.001)
    assert s["others_conversion"] == pytest.approx(0.03, abs=0.002)
    # ROAS = 1,000 × CTR × conversion × basket / CPM: 2.4 and 3.6; break-even 1 / 30 %.
    assert s["key_account_roas"] == pytest.approx(2.4, rel=0.05)
    assert s["others_roas"] == pytest.approx(3.6, rel=0.05)
    assert s["break_even_roas"] == pytest.approx(10 / 3)
    # The clients' gross profit: 30 % of the revenue minus the ads, per month.
    assert s["agency_client_profit"] == pytest.approx(0.3 * s["agency_revenue"] - 50_000)


def test_monthly_figures_add_up_to_the_summary():
    params = Params()
    data = simulate(params, periods=6, seed=3)
    kpis, s = period_kpis(data, params), summary(data, params)
    assert kpis["agency_clicks"].mean() == pytest.approx(s["agency_clicks"])
    month_1 = data[data["month"] == 1]
    assert kpis.loc[1, "agency_ctr"] == month_1["clicks"].sum() / month_1["impressions"].sum()


def test_the_aha_a_high_ctr_below_break_even_loses_money():
    params = Params()
    table = kpi_table(simulate(params), params).set_index(["scope", "kpi"])
    key = table.loc["key_account"]
    ctr = key[key.index.str.startswith("Click-through")].iloc[0]
    roas = key[key.index.str.startswith("Return on ad spend")].iloc[0]
    profit = key[key.index.str.startswith("High-profile client's gross profit")].iloc[0]
    assert ctr["status"] == "on track"  # twice the target...
    assert roas["status"] == "off track" and roas["target"] == pytest.approx(10 / 3)
    assert profit["value"] < 0  # ...and each month the campaigns lose the client money


def test_the_profit_is_named_as_the_clients_money_not_the_agencys():
    # Failed before: "Gross profit after ad spend" read as the agency's profit, while it is the
    # advertisers' margin on the sales the campaigns bring, minus what they paid for the ads.
    result = run("agency")
    assert not {"agency_profit", "key_account_profit"} & set(result.summary)
    rows = result.kpi_table[result.kpi_table["kpi"].str.contains("profit")]
    assert len(rows) == 2 and rows["kpi"].str.contains("client", case=False).all()
    assert "their money, not the agency's" in chart.alt_text(result)


def test_kpis_measure_campaigns_not_clients_budget_shift_moves_the_agency_ctr():
    low, high = Params(key_account_share=0.2), Params(key_account_share=0.8)
    ctr_low = summary(simulate(low, periods=24), low)["agency_ctr"]
    ctr_high = summary(simulate(high, periods=24), high)["agency_ctr"]
    # No campaign changed; only the mix: 0.2 × 4 % + 0.8 × 2 % vs 0.8 × 4 % + 0.2 × 2 %.
    assert ctr_low == pytest.approx(0.024, abs=0.001)
    assert ctr_high == pytest.approx(0.036, abs=0.001)


@settings(max_examples=30, deadline=None)
@given(params=valid_params("agency"), periods=st.integers(1, 24), seed=st.integers(0, 2**32 - 1))
def test_the_funnel_narrows(params, periods, seed):
    data = simulate(params, periods=periods, seed=seed)
    assert (data["clicks"] <= data["impressions"]).all()
    assert (data["conversions"] <= data["clicks"]).all()
    assert ((data["revenue"] > 0) == (data["conversions"] > 0)).all()


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


def test_the_roas_target_is_the_break_even_of_the_margin():
    params = Params(margin=0.5)
    table = kpi_table(simulate(params), params)
    assert table["scope"].value_counts().to_dict() == {"business": 4, "key_account": 4}
    roas = table[table["kpi"].str.startswith("Return on ad spend")]
    assert roas["target"].tolist() == [2.0, 2.0]  # break-even = 1 / 50 %
    assert roas["unit"].tolist() == ["x", "x"]


def test_plot_and_alt_text():
    result = run("agency")
    fig = chart.plot(result)
    assert len(fig.axes) == 3 and "50.0 %" in fig.get_suptitle()
    assert fig.axes[0].get_yscale() == "log"
    assert "conversion rate 1.0 % and 3.0 %" in fig.axes[0].get_title()
    s = result.summary
    text = chart.alt_text(result)
    assert f"{s['key_account_roas']:.2f}×" in text
    assert "break-even ROAS of 3.33×" in text
    assert f"{s['key_account_ctr'] * 100:.1f} %" in text


def test_panel_renders_and_takes_edge_values():
    panel = scenario_panel("agency")
    assert "<img" in panel.figure.value and "<tr>" in panel.table.value
    panel.set(monthly_budget=5_000.0, key_account_share=0.95, key_account_ctr=0.001, margin=0.9)
    assert panel.message.value == ""
    assert "high-profile client" in panel.table.value


def test_the_chapters_sentences_hold_for_the_runs_it_shows():
    # The notebook glues its numbers; its words ("excellent for display and good for search",
    # "every month", "just above break-even") are checked here on the very runs it shows.
    from lessons.scenarios.agency import CTR_BENCHMARKS

    base = run("agency")
    s = base.summary
    assert CTR_BENCHMARKS["display"] < CTR_BENCHMARKS["search"] < Params().key_account_ctr
    assert (base.period_kpis["key_account_client_profit"] < 0).all()  # every month
    assert s["others_client_profit"] > 0 and s["others_ctr"] < s["key_account_ctr"]
    catchy = run("agency", Params(key_account_ctr=0.08, key_account_conversion=0.004)).summary
    assert catchy["agency_ctr"] > s["agency_ctr"]
    assert catchy["key_account_roas"] < s["key_account_roas"] < s["break_even_roas"]
    assert catchy["key_account_client_profit"] < s["key_account_client_profit"] < 0
    assert run("agency", Params(margin=0.5)).summary["key_account_client_profit"] > 0
    shifted = run("agency", Params(key_account_share=0.2)).summary
    assert shifted["agency_ctr"] < s["agency_ctr"]
    assert 1 <= shifted["agency_roas"] / shifted["break_even_roas"] < 1.05
