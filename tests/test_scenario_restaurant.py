"""Restaurant scenario: hand-computed evenings, Goodhart, refusals, KPI table, chart, panel.

What every scenario promises is in ``test_scenario_contract.py``; here, this scenario's own
numbers and lesson.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scenario_contract import valid_params

from lessons import format as fmt
from lessons.charts import restaurant as chart
from lessons.scenarios import run
from lessons.scenarios.restaurant import (
    Params,
    kpi_table,
    mean_ratings,
    period_kpis,
    seatings_per_table,
    simulate,
    summary,
)
from lessons.widgets import scenario_panel

RATINGS = [f"rating_{s}" for s in range(1, 6)]


def test_seatings_by_hand():
    # (240 + 15) / (90 + 15) = 2.4 -> 2 whole meals; with 60-minute meals 255 / 75 = 3.4 -> 3.
    assert seatings_per_table(Params()) == 2
    assert seatings_per_table(Params(dining_time=60)) == 3
    # A meal that exactly fills the service fits once.
    assert seatings_per_table(Params(service_hours=1.0, dining_time=60)) == 1


def test_a_full_week_by_hand():
    data = simulate(Params(arrivals=300), periods=7, seed=0)
    # Always more guests than seats: 20 tables × 2 seatings, except Friday and Saturday when
    # the VIP keeps one table all evening: 19 × 2 + the VIP = 39 parties.
    assert data["served"].tolist() == [40, 40, 40, 40, 39, 39, 40]
    assert data["vip_visit"].tolist() == [False] * 4 + [True, True, False]
    assert (data["served"] + data["turned_away"] - data["vip_visit"] == data["arrivals"]).all()
    assert (data[RATINGS].sum(axis=1) == data["served"] - data["vip_visit"]).all()
    s = summary(data, Params(arrivals=300))
    assert (s["vip_evenings"], s["periods"]) == (2, 7)
    assert s["turnover"] == pytest.approx(278 / 7 / 20)
    vip = period_kpis(data, Params())["vip_rating"]
    assert vip.isna().tolist() == [True] * 4 + [False, False, True]


def test_mean_ratings_by_hand():
    params = Params(dining_time=60, vip_attention=0.2)
    others, vip = mean_ratings(params, [False, True], np.array([0.0, 0.5]))
    # Rushed by 1/3 of the 90 minutes expected: 4.5 - 2.4 / 3 = 3.7. On the VIP's evening
    # the staff's attention costs 1.2 × 0.2 and the queue at the door 0.4 × 0.5.
    assert others.tolist() == pytest.approx([3.7, 3.26])
    # The VIP: 3.0 + (5.0 - 3.0) × (1 - e^(-0.2 / 0.1)) = 4.7293, minus a quarter of what the
    # rush (0.8) and the queue (0.2 on the second evening) cost the others.
    care = 3.0 + 2.0 * (1 - np.exp(-2.0))
    assert vip.tolist() == pytest.approx([care - 0.25 * 0.8, care - 0.25 * 1.0])


def _vip_evenings(params: Params, periods: int = 364, seed: int = 1):
    """The VIP's mean rating and the other guests' on the VIP's evenings, over a year."""
    kpis = run("restaurant", params, periods, seed).period_kpis
    evenings = kpis[kpis["vip_visit"]]
    return evenings["vip_rating"].mean(), evenings["others_rating"].mean()


@pytest.mark.parametrize("attention", [0.15, 0.2, 0.3, 0.4, 0.5])
def test_a_vip_looked_after_rates_the_evening_above_the_other_guests(attention):
    # Failed before: the VIP's rating was fixed at 3.6 + 3 × attention, so the guest who gets
    # special treatment was the least satisfied (3.9 against 4.2 at the default 15 %).
    params = Params(vip_attention=attention)
    others, vip = mean_ratings(params, [True], np.array([0.3]))
    assert vip[0] > others[0] + 0.2
    vip_rating, others_rating = _vip_evenings(params)
    assert vip_rating > others_rating + 0.2


def test_a_neglected_vip_rates_below_the_others_and_attention_has_diminishing_returns():
    vip_rating, others_rating = _vip_evenings(Params(vip_attention=0.0))
    assert vip_rating < others_rating - 1.0  # a VIP served like anyone is disappointed
    attention = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
    vip = [mean_ratings(Params(vip_attention=a), [True], [0.0])[1][0] for a in attention]
    gains = np.diff(vip)
    assert (gains > 0).all() and (np.diff(gains) < 0).all()


def test_the_other_guests_pay_for_the_attention_the_vip_gets():
    # The key account and the restaurant-wide KPI move in opposite directions.
    years = {a: run("restaurant", Params(vip_attention=a), 364, 1).summary for a in (0.15, 0.4)}
    assert years[0.4]["vip_rating"] > years[0.15]["vip_rating"] + 0.2
    assert years[0.4]["others_rating"] < years[0.15]["others_rating"] - 0.05


def test_revenue_per_table_converges_to_served_times_check():
    params = Params(arrivals=300)
    s = summary(simulate(params, periods=365, seed=1), params)
    # ~39.7 parties × €70 per evening over 20 tables, the VIP's €105 on their evenings.
    served = (5 * 40 + 2 * 38) / 7
    expected = (served * 70 + 2 / 7 * 105) / 20
    assert s["revenue_per_table"] == pytest.approx(expected, rel=0.02)


def test_goodhart_rushing_tables_lifts_turnover_and_sinks_the_rating():
    calm, rushed = Params(), Params(dining_time=60)
    s0, s1 = summary(simulate(calm), calm), summary(simulate(rushed), rushed)
    assert s1["turnover"] > s0["turnover"] + 0.4
    assert s1["revenue_per_table"] > s0["revenue_per_table"]
    assert s1["others_rating"] < s0["others_rating"] - 0.4


def test_rushing_hurts_the_vip_less_thanks_to_the_reserved_table():
    calm, rushed = _vip_evenings(Params()), _vip_evenings(Params(dining_time=60))
    vip_loss, others_loss = calm[0] - rushed[0], calm[1] - rushed[1]
    assert 0 < vip_loss < others_loss / 2
    assert rushed[0] > rushed[1] + 0.5  # the rushed VIP still rates above the rushed others


def test_rushing_an_empty_room_brings_nobody():
    calm, rushed = Params(arrivals=25), Params(arrivals=25, dining_time=60)
    s0, s1 = summary(simulate(calm), calm), summary(simulate(rushed), rushed)
    assert s1["turnover"] == s0["turnover"]
    assert s1["others_rating"] < s0["others_rating"]


def test_an_evenings_rating_is_the_mean_of_its_guests_stars():
    data = simulate(periods=7, seed=2)
    day = data.iloc[0]
    stars = np.repeat(np.arange(1, 6), day[RATINGS].to_numpy().astype(int))
    assert period_kpis(data, Params()).loc[1, "others_rating"] == pytest.approx(stars.mean())


@settings(max_examples=30, deadline=None)
@given(
    params=valid_params("restaurant"), periods=st.integers(7, 60), seed=st.integers(0, 2**32 - 1)
)
def test_never_above_capacity_and_the_vip_rates_on_the_scale(params, periods, seed):
    data = simulate(params, periods=periods, seed=seed)
    assert (data["served"] <= data["capacity"]).all()
    assert data["vip_rating"][data["vip_visit"]].between(1, 5).all()


def test_bad_parameters_are_refused_with_their_message():
    with pytest.raises(ValueError, match=r"Tables \(tables\) must be between 4 and 80 \(got 2\)"):
        Params(tables=2)
    with pytest.raises(ValueError, match=r"Average dining time \(dining_time\) must be a whole"):
        Params(dining_time=90.5)
    with pytest.raises(ValueError, match=r"between 0 % and 50 % \(got 60 %\)"):
        Params(vip_attention=0.6)
    with pytest.raises(TypeError, match=r"Average check per party \(average_check\) must be a"):
        Params(average_check=None)


def test_a_meal_longer_than_the_service_is_refused_in_words():
    expected = (
        r"A meal of 75 min does not fit in a service of 1 h \(60 min\): shorten the dining "
        r"time or lengthen the service\."
    )
    with pytest.raises(ValueError, match=expected):
        Params(service_hours=1.0, dining_time=75)


def test_the_revenue_target_is_the_turnover_target_times_the_check():
    params = Params()
    table = kpi_table(simulate(params), params)
    assert table["scope"].value_counts().to_dict() == {"business": 3, "key_account": 2}
    targets = dict(zip(table["kpi"], table["target"], strict=True))
    assert targets["Revenue per table per evening"] == 140.0  # 2 seatings × €70
    # The VIP's table hosts one party an evening: far below what a table should bring.
    vip_table = table[table["kpi"].str.startswith("Revenue of the VIP")].iloc[0]
    assert vip_table["status"] == "off track"


def test_plot_and_alt_text():
    result = run("restaurant", Params(dining_time=60))
    fig = chart.plot(result)
    assert len(fig.axes) == 3 and "60-minute" in fig.get_suptitle()
    assert fig.axes[2].get_xlabel().startswith("Evening")
    s = result.summary
    text = chart.alt_text(result)
    assert f"averages {fmt.value(s['turnover'], '')} parties" in text
    assert f"rate the restaurant {fmt.value(s['others_rating'], '')} out of 5" in text
    assert f"with {fmt.number(s['turned_away'], 1)} parties turned away" in text
    assert "28 evenings" in text


def test_panel_renders_and_takes_edge_values():
    panel = scenario_panel("restaurant")
    assert "<img" in panel.figure.value and "<tr>" in panel.table.value
    panel.set(service_hours=1.0, dining_time=180)
    assert "does not fit in a service of 1 h" in panel.message.value
    panel.set(tables=80, service_hours=8.0, dining_time=30, arrivals=300, vip_attention=0.5)
    assert panel.message.value == ""
    assert "VIP" in panel.table.value


def test_the_room_changes_the_vips_evenings_only_through_what_it_does_to_them():
    # The VIP's random draws come first: a room that turns nobody away and does not rush
    # anyone leaves the VIP's ratings as they were, whatever else changes.
    base = simulate(Params(arrivals=10), seed=3)
    other_room = simulate(Params(arrivals=10, tables=30, average_check=120.0), seed=3)
    assert base["turned_away"].sum() == other_room["turned_away"].sum() == 0
    assert base["vip_rating"].tolist() == other_room["vip_rating"].tolist()
    year, rushed = (simulate(Params(arrivals=10, dining_time=d), 364, 3) for d in (90, 45))
    assert rushed["vip_rating"].sum() < year["vip_rating"].sum()


def test_the_chapters_sentences_hold_for_the_runs_it_shows():
    # The notebook glues its numbers; the words around them ("above", "on track", "much
    # less", "opposite directions") are checked here on the very runs it shows.
    base = run("restaurant")
    s = base.summary
    status = dict(zip(base.kpi_table["kpi"], base.kpi_table["status"], strict=True))
    assert s["vip_rating"] > s["others_rating"]
    assert status["Revenue of the VIP's table per VIP evening"] == "off track"
    rushed = run("restaurant", Params(dining_time=60))
    r = rushed.summary
    rushed_status = rushed.kpi_table.set_index("kpi")["status"]
    assert (rushed_status.iloc[:2] == "on track").all()  # turnover and revenue per table
    assert r["others_rating"] < rushed.targets["rating"] < s["others_rating"]
    assert 0 < s["vip_rating"] - r["vip_rating"] < (s["others_rating"] - r["others_rating"]) / 2
    calm, hurried = (run("restaurant", Params(arrivals=30, dining_time=d)) for d in (90, 60))
    assert abs(hurried.summary["turnover"] - calm.summary["turnover"]) < 0.05
    assert hurried.summary["others_rating"] < calm.summary["others_rating"] - 0.4
    neglected, pampered = (run("restaurant", Params(vip_attention=a)) for a in (0.0, 0.4))
    n, p = neglected.summary, pampered.summary
    assert n["vip_rating"] < n["others_rating"] - 1 and n["others_rating"] > s["others_rating"]
    assert p["vip_rating"] > s["vip_rating"] and p["others_rating"] < s["others_rating"]
