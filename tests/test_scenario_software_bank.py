"""The software company and its banking client: the model by hand, its KPIs, chart and panel.

What every scenario promises (ranges, seeds, columns, the KPI table, the chart's contract) is in
``test_scenario_contract.py``; here, this scenario's own numbers and lesson.
"""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scenario_contract import valid_params

from lessons import format as fmt
from lessons.charts.software_bank import alt_text, plot
from lessons.kpis import csat
from lessons.scenarios import run
from lessons.scenarios.software_bank import (
    Params,
    bank_mean_rating,
    check_data,
    kpi_table,
    period_kpis,
    renewal_probability,
    simulate,
    summary,
)
from lessons.widgets import scenario_panel

# A tiny company: €100,000 a month, the bank 40 %, others +2 % a month, renewal after month 3.
TINY = dict(monthly_revenue=100_000.0, bank_share=0.4, others_growth=0.02, renewal_month=3,
            renewal_uplift=0.1)  # fmt: skip
CARED_FOR = Params(manager_hours=40.0, **TINY)
NEGLECTED = Params(manager_hours=0.0, **TINY)


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
    s = summary(data, Params(renewal_month=12))
    assert math.isnan(s["renewed"]) and math.isnan(s["renewal_probability"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    params=valid_params("software_bank"), periods=st.integers(2, 60), seed=st.integers(0, 2**32 - 1)
)
def test_the_share_is_a_fraction_and_ratings_are_whole_stars(params, periods, seed):
    data = simulate(params, periods=periods, seed=seed)
    assert data["bank_share"].between(0, 1).all()
    ratings = data.attrs["ratings"]["rating"]
    assert ratings.between(1, 5).all() and (ratings == ratings.round()).all()


def test_a_table_that_lost_its_survey_answers_is_refused_in_words():
    data = simulate()
    data.attrs = {}
    message = r"data has lost the survey answers .*\(data.copy\(\) keeps them\)"
    with pytest.raises(ValueError, match=message):
        check_data(data, Params())


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (dict(bank_share=0.9), ValueError,
         r"Bank's share of revenue \(bank_share\) must be between 5 % and 80 % \(got 90 %\)"),
        (dict(manager_hours=-1.0), ValueError, r"between 0 h/week and 40 h/week \(got −1 h/week\)"),
        (dict(renewal_month=12.5), ValueError, r"renewal_month\) must be a whole number"),
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
    s = summary(data, CARED_FOR)
    total_last = 44_000 + 60_000 * 1.02**4
    assert s["growth"] == pytest.approx(total_last / 100_000 - 1)
    assert s["nrr"] == pytest.approx(1.04)  # +€4,000 bank expansion
    assert s["bank_growth"] == pytest.approx(0.10)
    assert s["bank_nrr"] == pytest.approx(1.10)
    assert s["renewed"] == 1.0 and s["periods"] == 5
    ratings = data.attrs["ratings"]
    recent = ratings[ratings["month"] >= 3]
    assert s["csat"] == pytest.approx(csat(recent["rating"]))
    bank = recent[recent["client"] == "bank"]
    assert s["bank_csat"] == pytest.approx(csat(bank["rating"]))


def test_kpis_by_hand_when_the_bank_leaves():
    data = simulate(NEGLECTED, periods=5)
    s = summary(data, NEGLECTED)
    assert s["nrr"] == pytest.approx(0.6)  # €40,000 of €100,000 churned
    assert s["bank_nrr"] == 0.0
    assert s["bank_growth"] == -1.0
    assert s["renewed"] == 0.0
    ratings = data.attrs["ratings"]
    bank = ratings[ratings["client"] == "bank"]
    assert s["bank_csat"] == pytest.approx(csat(bank["rating"]))  # its months 1-3


def test_kpi_table_names_the_bank_in_its_own_kpis():
    table = kpi_table(simulate(), Params())
    assert table["scope"].tolist() == ["business"] * 3 + ["key_account"] * 3
    assert table["kpi"].str.contains("Bank").sum() == 3
    assert table["kpi"].iloc[0] == "Revenue growth, month 1 → 24"


def test_the_same_kpi_at_two_scopes_can_disagree():
    """The aha: neglect the bank and the company's CSAT looks fine while the bank's does not."""
    params = Params(manager_hours=6.0)
    table = kpi_table(simulate(params), params).set_index(["scope", "kpi"])
    business = table.xs("business")
    bank = table.xs("key_account")
    assert business["status"].iloc[2] == "on track"  # CSAT of the whole company
    assert bank["status"].iloc[2] == "off track"  # CSAT of the bank alone
    assert bank["status"].iloc[1] == "off track"  # the bank's net revenue retention (it left)


def test_period_csat_is_the_csat_of_the_last_three_months():
    data = simulate(Params(), periods=6)
    kpis = period_kpis(data, Params())
    ratings = data.attrs["ratings"]
    window = ratings[ratings["month"].between(3, 5)]
    assert kpis.loc[5, "csat"] == pytest.approx(csat(window["rating"]))
    bank_window = window.loc[window.client == "bank", "rating"]
    assert kpis.loc[5, "bank_csat"] == pytest.approx(csat(bank_window))
    assert kpis.loc[1, "bank_csat"] == pytest.approx(
        csat(ratings.loc[(ratings.month == 1) & (ratings.client == "bank"), "rating"])
    )
    assert kpis["bank_revenue"].tolist() == data["bank_revenue"].tolist()


def test_once_the_bank_has_left_it_has_no_csat():
    kpis = period_kpis(simulate(NEGLECTED, periods=5), NEGLECTED)
    assert kpis["bank_csat"].isna().tolist() == [False, False, False, True, True]


# ------------------------------------------------------------------ chart


def test_plot_has_titles_labels_with_units_and_legends():
    revenue, satisfaction = plot(run("software_bank")).axes
    assert revenue.get_title() == "Revenue by client"
    assert "(€)" in revenue.get_ylabel() and revenue.get_xlabel() == "Month"
    assert "CSAT" in satisfaction.get_ylabel()
    labels = [t.get_text() for t in revenue.get_legend().get_texts()]
    assert "The bank (key account)" in labels and any("renews" in x for x in labels)
    assert any("target" in t.get_text() for t in satisfaction.get_legend().get_texts())


def test_a_renewal_after_the_simulated_months_is_not_drawn():
    result = run("software_bank", Params(renewal_month=12), periods=6)
    revenue, _ = plot(result).axes
    assert not [line for line in revenue.lines if line.get_linestyle() == ":"]
    assert "falls after the simulated months" in alt_text(result)


def test_alt_text_tells_the_renewal_and_the_key_numbers():
    result = run("software_bank", Params(manager_hours=0.0))
    text = alt_text(result)
    assert "35.0 %" in text and "€500,000" in text
    assert "does not renew at the end of month 12" in text
    assert fmt.percent(result.data.loc[12, "renewal_probability"]) in text


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


def test_the_bank_growth_at_its_target_reads_as_its_target():
    """Float noise (0.10000000000000017) must not show as '10.000000 %' to a learner."""
    panel = scenario_panel("software_bank")
    assert "10.000000" not in panel.table.value


def test_the_chapters_sentences_hold_for_the_runs_it_shows():
    # The notebook glues its numbers; its words ("off track", "on track, higher than",
    # "barely more likely than not", "deeper") are checked here on the very runs it shows.
    base, neglected = run("software_bank"), run("software_bank", Params(manager_hours=4))
    status = neglected.kpi_table.set_index("kpi")["status"]
    assert (status.iloc[:2] == "off track").all() and status.iloc[2] == "on track"
    assert neglected.summary["csat"] > base.summary["csat"]
    assert neglected.summary["renewed"] == 0.0
    close = run("software_bank", Params(manager_hours=8))
    close_status = close.kpi_table.set_index("kpi")["status"]
    revenue_rows = [0, 1, 3, 4]  # growth and net revenue retention, company and bank
    assert (close_status.iloc[revenue_rows] == "on track").all()
    assert close_status.iloc[5] == "off track"
    assert 0.5 < close.summary["renewal_probability"] < 0.6
    big = run("software_bank", Params(manager_hours=4, bank_share=0.6)).summary
    assert big["growth"] < neglected.summary["growth"] and big["nrr"] < neglected.summary["nrr"]
