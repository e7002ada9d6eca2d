"""The startup with Client A and Client B: revenue, growth KPI, concentration, chart, panel.

What every scenario promises is in ``test_scenario_contract.py``; here, this scenario's own
numbers and lesson.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_scenario_contract import valid_params

from lessons import format as fmt
from lessons.charts.startup import alt_text, plot
from lessons.scenarios import run
from lessons.scenarios.startup import (
    Params,
    kpi_table,
    period_kpis,
    revenue_by_client,
    simulate,
    summary,
)
from lessons.widgets import scenario_panel

ONLY_A_AND_B = Params(new_clients=0.0)


# ------------------------------------------------------------------ simulate


def test_two_clients_by_hand():
    data = simulate(ONLY_A_AND_B, periods=3)
    assert data["client_a"].tolist() == pytest.approx([30_000, 30_900, 31_827])
    assert data["client_b"].tolist() == pytest.approx([10_000, 10_200, 10_404])
    assert data["others"].tolist() == [0, 0, 0]
    assert data["total"].tolist() == pytest.approx([40_000, 41_100, 42_231])


def test_client_a_pays_nothing_from_the_month_it_leaves():
    data = simulate(Params(new_clients=0.0, a_leaves_month=2), periods=3)
    assert data["client_a"].tolist() == [30_000, 0, 0]
    never = simulate(Params(a_leaves_month=0), periods=36)
    assert (never["client_a"] > 0).all()


def test_new_clients_start_in_month_2_and_each_pays_its_spend():
    data = simulate(Params(new_clients=3.0, new_client_spend=2_000.0), periods=24, seed=5)
    assert data.loc[1, "new_clients"] == 0
    assert (data["other_clients"] == data["new_clients"].cumsum()).all()
    assert (data["others"] == data["other_clients"] * 2_000).all()
    assert data["other_clients"].iloc[-1] > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=valid_params("startup"), seed=st.integers(0, 2**32 - 1))
@example(params=Params(a_leaves_month=2), seed=0)
@example(params=Params(a_leaves_month=36), seed=0)
def test_revenue_never_vanishes_and_kpis_are_always_computable(params, seed):
    result = run("startup", params, periods=36, seed=seed)
    assert "Three charts over 36 months" in alt_text(result)
    assert (result.data["total"] > 0).all()  # Client B or the new clients keep some revenue
    assert result.period_kpis["a_share"].between(0, 1).all()
    assert 0 < result.summary["hhi"] <= 10_000


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (dict(a_spend=5_000.0, b_spend=10_000.0), ValueError,
         r"Client A is the key account .* must be larger than Client B's "
         r"\(got A €5,000, B €10,000\)\. Raise A's spend or lower B's"),
        (dict(a_spend=10_000.0, b_spend=10_000.0), ValueError, r"must be larger than Client B's"),
        (dict(a_leaves_month=40), ValueError,
         r"Month Client A leaves \(0 = never\) \(a_leaves_month\) must be between 0 and 36"),
        (dict(a_leaves_month=1), ValueError,
         r"Client A cannot leave in month 1: it is a client from month 1\. Choose 0 \(it never "
         r"leaves\) or a month from 2"),
        (dict(a_growth=0.2), ValueError, r"must be between −5 % and 10 % \(got 20 %\)"),
        (dict(new_clients=True), TypeError, r"must be a number \(got True of type bool\)"),
    ],
)  # fmt: skip
def test_invalid_parameters_are_refused_with_their_message(values, error, message):
    with pytest.raises(error, match=message):
        Params(**values)


# ------------------------------------------------------------------ KPIs


def test_kpis_by_hand_when_client_a_leaves():
    params = Params(new_clients=0.0, a_leaves_month=3)
    data = simulate(params, periods=4)
    # Totals: 40,000; 41,100; 10,404 (B only); 10,612.08.
    s = summary(data, params)
    assert s["growth_latest"] == pytest.approx(0.02)
    assert s["growth_lowest"] == pytest.approx(10_404 / 41_100 - 1)
    assert s["growth_when_a_leaves"] == s["growth_lowest"]
    after = s["months_after_a_leaves"], s["months_up_after_a_leaves"], s["months_down"]
    assert after == (1, 1, 1)
    assert s["hhi"] == pytest.approx(10_000)  # one client left: all revenue on B
    assert s["a_growth"] == -1.0
    assert s["a_share"] == 0.0
    table = kpi_table(data, params)
    assert table["scope"].tolist() == ["business"] * 3 + ["key_account"] * 2
    assert table["status"].tolist() == ["off track", "off track", "off track", "off track",
                                        "on track"]  # fmt: skip
    assert table["unit"].tolist() == ["%", "%", "points", "%", "%"]


def test_hhi_and_share_by_hand_with_two_clients():
    data = simulate(ONLY_A_AND_B, periods=2)
    a, b = 30_900 / 41_100, 10_200 / 41_100
    s = summary(data, ONLY_A_AND_B)
    assert s["hhi"] == round(10_000 * (a**2 + b**2))  # shown in whole points
    assert s["a_share"] == pytest.approx(a)
    assert np.isnan(s["growth_when_a_leaves"]) and s["months_after_a_leaves"] == 0
    kpis = period_kpis(data, ONLY_A_AND_B)
    assert kpis["a_share"].tolist() == pytest.approx([0.75, a])
    assert kpis["total"].tolist() == pytest.approx([40_000, 41_100])


def test_revenue_by_client_lists_each_small_client_and_drops_those_who_left():
    data = simulate(Params(new_clients=2.0, a_leaves_month=3), periods=6, seed=4)
    revenue = revenue_by_client(data, 6)
    assert "Client A" not in revenue.index
    assert len(revenue) == 1 + data.loc[6, "other_clients"]
    assert revenue.sum() == pytest.approx(data.loc[6, "total"])


def test_growth_looks_healthy_until_the_key_account_leaves():
    """The aha: the same growth KPI, before and after Client A leaves in month 7."""
    stays = kpi_table(simulate(Params()), Params())
    leaves_params = Params(a_leaves_month=7)
    leaves_data = simulate(leaves_params)
    leaves = kpi_table(leaves_data, leaves_params)
    assert stays["status"].iloc[:2].tolist() == ["on track", "on track"]
    growth = period_kpis(leaves_data, leaves_params)["growth"]
    assert growth.loc[7] < -0.4
    assert (growth.drop(7).dropna() >= 0).all()
    # By month 24 the latest growth is on track again: only the worst month shows the loss.
    assert leaves["status"].iloc[:2].tolist() == ["on track", "off track"]


# ------------------------------------------------------------------ chart


def test_plot_has_three_panels_with_titles_labels_and_the_departure_marked():
    revenue, growth, share = plot(run("startup", Params(a_leaves_month=7))).axes
    assert "(€)" in revenue.get_ylabel() and share.get_xlabel() == "Month"
    assert growth.get_title().startswith("The growth KPI")
    labels = [t.get_text() for t in revenue.get_legend().get_texts()]
    assert "Client A leaves (month 7)" in labels
    for ax in (revenue, growth, share):  # the departure is marked on every panel
        assert any(line.get_linestyle() == ":" and line.get_xdata()[0] == 6.5 for line in ax.lines)
    bars = [p for p in growth.patches if p.get_height() < 0]
    assert len(bars) == 1 and np.isclose(bars[0].get_x() + bars[0].get_width() / 2, 7)


def test_alt_text_gives_the_key_numbers():
    result = run("startup", Params(a_leaves_month=7))
    text = alt_text(result)
    drop = result.period_kpis["growth"].loc[7]
    assert f"Client A leaves in month 7: growth that month is {fmt.percent(drop)}" in text
    assert "€40,000" in text and "75.0 %" in text
    assert "revenue rises in 17 of the 17 following months" in text
    stays = alt_text(run("startup"))
    assert "Client A stays for the whole period; total revenue falls in 0 of the months" in stays
    assert "the last month shown" in alt_text(run("startup", Params(a_leaves_month=24)))


# ------------------------------------------------------------------ panel


def test_panel_renders_and_takes_edge_values():
    panel = scenario_panel("startup")
    assert "<img" in panel.figure.value and "<table" in panel.table.value
    # The harshest case: A leaves in month 2, no new client, B as small as allowed.
    panel.set(a_leaves_month=2, new_clients=0.0, b_spend=1_000.0, b_growth=-0.05, a_spend=200_000.0)
    assert panel.message.value == ""
    assert "Client A leaves in month 2" in panel.figure.value
    panel.set(a_spend=1_000.0)  # A no larger than B: refused in words, last chart kept
    assert "must be larger than Client B" in panel.message.value


def test_the_chapters_sentences_hold_for_the_runs_it_shows():
    # The notebook glues its numbers; its words ("on track", "above", "without a single
    # decline", "growth again, every month", "already lower") are checked on its runs.
    base = run("startup")
    s, status = base.summary, base.kpi_table.set_index("kpi")["status"]
    assert status["Monthly revenue growth, month 24"] == "on track"
    assert s["hhi"] > base.targets["hhi"]
    leaves = run("startup", Params(a_leaves_month=7))
    growth = leaves.period_kpis["growth"]
    assert (growth.loc[2:6] >= 0).all() and (growth.loc[8:] > 0).all()
    assert leaves.kpi_table.loc[0, "status"] == "on track"  # the latest growth, month 24
    shares = leaves.period_kpis["a_share"]
    assert (shares.loc[1:6] > 0.5).all()  # "above half in the first months"
    late = run("startup", Params(a_leaves_month=20)).period_kpis["growth"]
    assert (late.loc[2:19] >= 0).all() and late.loc[20] < -0.3
    spread = run("startup", Params(a_leaves_month=7, new_clients=5))
    assert spread.period_kpis.loc[6, "a_share"] < shares.loc[6]
    assert leaves.summary["growth_when_a_leaves"] < spread.summary["growth_when_a_leaves"] < 0


def test_the_course_never_calls_share_or_hhi_a_leading_indicator():
    # Failed before: the chapter called Client A's share and the HHI "leading" indicators.
    # They measure exposure now; a leading indicator predicts a later outcome.
    root = Path(__file__).resolve().parents[1]
    cells = json.loads((root / "notebooks" / "scenario_startup.ipynb").read_text())["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "they are **leading** indicators" not in text
    assert "not *leading* indicators" in text and "**risk indicators**" in text
