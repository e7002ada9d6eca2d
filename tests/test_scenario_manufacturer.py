"""The manufacturer: daily production, defect-free rate, time per unit, chart and panel.

What every scenario promises is in ``test_scenario_contract.py``; here, this scenario's own
numbers and lesson.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scenario_contract import valid_params

from lessons.charts.manufacturer import alt_text, plot
from lessons.scenarios import run
from lessons.scenarios.manufacturer import (
    BAD_DAY,
    TIME_SPREAD,
    Params,
    kpi_table,
    period_kpis,
    simulate,
    summary,
)
from lessons.widgets import scenario_panel

PERFECT = Params(defect_probability=0.0, bad_day_probability=0.0)

# Two days written by hand: 100 units each; day 1 has 10 defects (5 reworked, 5 scrapped).
TWO_DAYS = pd.DataFrame(
    {
        "units": [100, 100],
        "defective": [10, 0],
        "reworked": [5, 0],
        "scrapped": [5, 0],
        "defect_free": [90, 100],
        "sellable": [95, 100],
        "work_minutes": [400.0, 380.0],
        "time_factor": [1.0, 0.95],
        "bad_day": [True, False],
        "key_account_in_full": [False, True],
    },
    index=pd.Index([1, 2], name="day"),
)


# ------------------------------------------------------------------ simulate


def test_a_perfect_line_by_hand():
    data = simulate(PERFECT, periods=4)
    assert data["units"].tolist() == [400] * 4
    assert data[["defective", "reworked", "scrapped"]].to_numpy().sum() == 0
    assert data["sellable"].tolist() == [400] * 4
    assert not data["bad_day"].any() and data["key_account_in_full"].all()
    # Work time = units x cycle time x the day's factor, exactly.
    assert data["work_minutes"].tolist() == pytest.approx(
        (400 * 4.0 * data["time_factor"]).tolist()
    )
    assert np.all(np.abs(np.log(data["time_factor"])) < 6 * TIME_SPREAD)


def test_every_defect_reworked_means_nothing_scrapped_and_more_work():
    params = Params(defect_probability=0.2, rework_share=1.0, bad_day_probability=0.0)
    data = simulate(params, periods=10)
    assert (data["scrapped"] == 0).all() and (data["reworked"] == data["defective"]).all()
    assert (data["sellable"] == data["units"]).all()
    assert (data["defect_free"] == data["units"] - data["defective"]).all()
    expected = (data["units"] + data["reworked"]) * 4.0 * data["time_factor"]
    assert data["work_minutes"].tolist() == pytest.approx(expected.tolist())


def test_nothing_reworked_means_every_defect_scrapped():
    data = simulate(Params(defect_probability=0.2, rework_share=0.0), periods=10)
    assert (data["reworked"] == 0).all() and (data["scrapped"] == data["defective"]).all()


def test_bad_days_lose_a_quarter_of_output_and_run_slower():
    data = simulate(Params(bad_day_probability=0.3, defect_probability=0.0), periods=200)
    bad = data[data["bad_day"]]
    good = data[~data["bad_day"]]
    assert 30 < len(bad) < 90  # about 60 of 200 days
    assert (bad["units"] == 300).all() and (good["units"] == 400).all()
    assert bad["defective"].sum() > 0 and good["defective"].sum() == 0  # +10 points on bad days
    slow = bad["time_factor"] / BAD_DAY["slower"]
    assert np.all(np.abs(np.log(slow)) < 6 * TIME_SPREAD)


def test_a_drift_raises_defects_over_time():
    data = simulate(Params(defect_drift=0.02, bad_day_probability=0.0), periods=200, seed=1)
    first, last = data.head(50), data.tail(50)
    assert last["defective"].sum() > 3 * first["defective"].sum()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    params=valid_params("manufacturer"),
    periods=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
)
def test_counts_are_consistent(params, periods, seed):
    data = simulate(params, periods=periods, seed=seed)
    assert (data["defective"] <= data["units"]).all()
    assert (data["reworked"] <= data["defective"]).all()
    assert (data["sellable"] == data["defect_free"] + data["reworked"]).all()
    assert (data["work_minutes"] > 0).all()


# ------------------------------------------------------------------ parameters


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (dict(units_per_day=600, workers=4),
         r"Making 600 units a day at 4 min each takes 2,400 min of work, but 4 workers on an "
         r"8-hour shift give only 1,920 min\. Lower the output"),
        (dict(target_minutes=3.0),
         r"The target of 3 min per unit is below the cycle time of 4 min: no day can meet it"),
        (dict(key_account_order=500),
         r"The key account orders 500 units a day but the line starts only 400"),
        (dict(defect_probability=0.5),
         r"Defect probability per unit \(defect_probability\) must be between 0 % and 30 %"),
        (dict(workers=2.5), r"Workers \(8-hour shift\) \(workers\) must be a whole number"),
    ],
)  # fmt: skip
def test_invalid_parameters_and_combinations_are_refused_in_words(values, message):
    with pytest.raises(ValueError, match=message):
        Params(**values)


def test_limits_that_are_exactly_possible_are_accepted():
    Params(units_per_day=600, workers=5)  # 2,400 min needed, 2,400 available
    Params(target_minutes=4.0)  # a target equal to the cycle time can be met
    Params(key_account_order=400)


# ------------------------------------------------------------------ KPIs


def test_kpis_by_hand_on_two_days():
    s = summary(TWO_DAYS, Params())
    assert s["defect_free"] == pytest.approx(190 / 200)
    assert s["minutes"] == pytest.approx(780 / 195)
    assert s["in_full"] == 0.5
    assert (s["bad_days"], s["window"], s["periods"]) == (1, 2, 2)
    table = kpi_table(TWO_DAYS, Params())
    assert table["scope"].tolist() == ["business"] * 4 + ["key_account"]
    assert table["value"].tolist() == pytest.approx([0.95, 0.95, 4.0, 4.0, 0.5])
    # Targets 95 % defect-free, at most 4.5 min, 95 % in full.
    assert table["status"].tolist() == ["on track", "on track", "on track", "on track",
                                        "off track"]  # fmt: skip
    assert table["direction"].tolist() == ["higher", "higher", "lower", "lower", "higher"]
    assert table["kpi"].iloc[0] == "Defect-free rate, all 2 days"


def test_period_kpis_by_hand_on_two_days():
    kpis = period_kpis(TWO_DAYS, Params(), window=2)
    assert kpis["defect_free_rate"].tolist() == [0.9, 1.0]
    assert kpis["minutes_per_unit"].tolist() == pytest.approx([400 / 95, 3.8])
    assert np.isnan(kpis.loc[1, "defect_free_rate_avg"])
    assert kpis.loc[2, "defect_free_rate_avg"] == pytest.approx(0.95)
    assert kpis.loc[2, "minutes_per_unit_avg"] == pytest.approx(780 / 195)
    assert kpis["bad_day"].tolist() == [True, False]


def test_a_day_without_a_sellable_unit_has_no_time_per_unit():
    empty = TWO_DAYS.assign(sellable=[0, 100])
    kpis = period_kpis(empty, Params(), window=2)
    assert np.isnan(kpis.loc[1, "minutes_per_unit"]) and kpis.loc[2, "minutes_per_unit"] == 3.8


def test_one_bad_day_is_not_a_trend():
    """The aha: the daily rate dips on a bad day, the 10-day average hardly moves."""
    data = simulate(Params())
    kpis = period_kpis(data, Params()).dropna()
    bad = data.loc[kpis.index, "bad_day"]
    assert bad.any()
    daily_dip = kpis["defect_free_rate"].max() - kpis["defect_free_rate"].min()
    average_dip = kpis["defect_free_rate_avg"].max() - kpis["defect_free_rate_avg"].min()
    assert average_dip < daily_dip / 3


@pytest.mark.parametrize("seed", range(0, 200, 5))
def test_every_bad_day_falls_below_every_normal_day(seed):
    # The claim the chapter makes, checked on the default line over many seeds (it said "10
    # points or more below the target" while three of its five bad days fell less).
    s = run("manufacturer", seed=seed).summary
    if s["bad_days"]:
        assert s["bad_high"] < s["normal_low"]
        assert s["bad_low"] <= s["bad_high"] and s["normal_low"] <= s["normal_high"]


@pytest.mark.parametrize("seed", range(0, 200, 5))
def test_a_bad_day_moves_the_10_day_average_far_less_than_the_day(seed):
    kpis = run("manufacturer", seed=seed).period_kpis
    before = kpis["defect_free_rate_avg"].shift(1)
    bad = kpis["bad_day"] & before.notna()
    daily_fall = (before - kpis["defect_free_rate"])[bad]
    average_fall = (before - kpis["defect_free_rate_avg"])[bad]
    assert (daily_fall > 0).all()
    assert (average_fall < daily_fall / 5).all()


def test_the_ranges_of_the_summary_by_hand():
    params = Params(bad_day_probability=0.0)
    data = simulate(params, periods=3)
    data["defect_free"] = [380, 390, 400]  # of 400 units each: 95 %, 97.5 %, 100 %
    s = summary(data, params)
    assert (s["normal_low"], s["normal_high"]) == (0.95, 1.0)
    assert np.isnan(s["bad_low"]) and np.isnan(s["average_low"])  # no bad day; 3 < 10 days


def test_a_smaller_order_serves_the_key_account_even_on_bad_days():
    # The chapter's answer: lower the order to 250 units and every day is delivered in full.
    assert run("manufacturer").summary["in_full"] < 0.95
    assert run("manufacturer", Params(key_account_order=250)).summary["in_full"] == 1.0


# ------------------------------------------------------------------ chart


def test_plot_has_titles_labels_targets_and_bad_days():
    quality, time = plot(run("manufacturer")).axes
    assert quality.get_title(loc="left") == "Defect-free rate, day by day"
    assert quality.get_title(loc="right").startswith("Key account: order delivered in full on")
    assert "(%)" in quality.get_ylabel() and "Minutes" in time.get_ylabel()
    assert time.get_xlabel() == "Working day"
    labels = [t.get_text() for t in quality.get_legend().get_texts()]
    assert labels == ["Each day", "Bad day (breakdown)", "10-day average", "target 95.0 %"]
    assert max(quality.get_yticks()) <= 1.0


def test_alt_text_speaks_of_one_bad_day_or_none_and_of_too_few_days():
    text = alt_text(run("manufacturer", Params(bad_day_probability=0.0), periods=5))
    assert "There is no bad day" in text and "too few days for a 10-day average" in text
    assert "over the last 5 days" in text
    one = next(
        result
        for seed in range(50)
        if (result := run("manufacturer", periods=20, seed=seed)).summary["bad_days"] == 1
    )
    assert "There is 1 bad day (a breakdown)" in alt_text(one)


def test_alt_text_counts_the_bad_days():
    result = run("manufacturer")
    assert f"There are {int(result.data['bad_day'].sum())} bad days" in alt_text(result)


# ------------------------------------------------------------------ panel


def test_panel_renders_refuses_an_impossible_line_and_takes_edge_values():
    panel = scenario_panel("manufacturer")
    assert "<img" in panel.figure.value and "<table" in panel.table.value
    good = panel.figure.value
    panel.set(workers=1)
    assert "give only 480 min" in panel.message.value
    assert panel.figure.value == good
    panel.set(workers=100, defect_probability=0.3, bad_day_probability=0.3, defect_drift=0.02)
    assert panel.message.value == ""
    assert "Key account&#x27;s orders delivered in full" in panel.table.value


def test_the_chapters_sentences_hold_for_the_runs_it_shows():
    # The notebook glues its numbers; its words ("on track but the deliveries are not",
    # "hurt on exactly the bad days", "the average goes down", "more clearly") are checked
    # here on the very runs it shows.
    result = run("manufacturer", Params())
    status = result.kpi_table.set_index("kpi")["status"]
    assert (status.iloc[:4] == "on track").all() and status.iloc[4] != "on track"
    data = result.data
    assert not data.loc[~data["key_account_in_full"], "bad_day"].eq(False).any()
    drifting = run("manufacturer", Params(defect_drift=0.02))
    average = drifting.period_kpis["defect_free_rate_avg"].dropna()
    assert average.iloc[-1] < average.iloc[0] - 0.02
    s = drifting.summary
    assert s["defect_free_recent"] < s["defect_free"] < result.summary["defect_free"]
