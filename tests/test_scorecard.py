"""lessons.scorecard: KPIs per key account, by hand, with targets, statuses and bad inputs."""

import math

import numpy as np
import pandas as pd
import pytest

from lessons.kpis import STATUSES
from lessons.scorecard import (
    DEFAULT_TARGETS,
    HISTORY_COLUMNS,
    SCORECARD_COLUMNS,
    SCORECARD_KPIS,
    account_monthly,
    account_scorecard,
    sample_account_history,
    scorecard_wide,
)


def history(**changes):
    """Two accounts over four months (growth window 2: months 3-4 against months 1-2)."""
    data = {
        "month": [1, 2, 3, 4] * 2,
        "account": ["Bank"] * 4 + ["Hotel"] * 4,
        "revenue": [100, 100, 110, 120, 50, 50, 40, 40],
        "deliveries": [10, 10, 10, 10, 5, 5, 5, 5],
        "on_time": [10, 10, 9, 10, 5, 4, 3, 4],
        "satisfaction": [5, 4, 4, 5, 3, 4, 2, 3],
    }
    return pd.DataFrame(data | changes)


def value(card, account, kpi, column="value"):
    row = card[(card["account"] == account) & (card["kpi"] == kpi)]
    assert len(row) == 1
    return row[column].iloc[0]


def test_scorecard_by_hand():
    card = account_scorecard(history(), growth_window=2)
    assert list(card.columns) == SCORECARD_COLUMNS
    assert card["kpi"].tolist() == list(SCORECARD_KPIS) * 2
    assert card["account"].tolist() == ["Bank"] * 5 + ["Hotel"] * 5
    # Bank: growth (110 + 120) / (100 + 100) - 1 = 230 / 200 - 1 = 0.15
    assert value(card, "Bank", "revenue_growth") == pytest.approx(0.15)
    # Hotel: (40 + 40) / (50 + 50) - 1 = -0.2
    assert value(card, "Hotel", "revenue_growth") == pytest.approx(-0.2)
    # shares of the accounts' total: Bank 430 / (430 + 180) = 0.7049; Hotel 180 / 610
    assert value(card, "Bank", "revenue_share") == pytest.approx(430 / 610)
    assert value(card, "Hotel", "revenue_share") == pytest.approx(180 / 610)
    # CSAT: Bank 5, 4, 4, 5 -> 4 / 4 = 1.0; Hotel 3, 4, 2, 3 -> 1 / 4 = 0.25
    assert value(card, "Bank", "csat") == 1.0
    assert value(card, "Hotel", "csat") == 0.25
    # average: Bank 18 / 4 = 4.5; Hotel 12 / 4 = 3.0
    assert value(card, "Bank", "average_satisfaction") == 4.5
    assert value(card, "Hotel", "average_satisfaction") == 3.0
    # on time: Bank 39 / 40 = 0.975; Hotel 16 / 20 = 0.8
    assert value(card, "Bank", "on_time_rate") == pytest.approx(0.975)
    assert value(card, "Hotel", "on_time_rate") == pytest.approx(0.8)


def test_statuses_use_the_default_targets():
    card = account_scorecard(history(), growth_window=2)
    assert value(card, "Bank", "revenue_growth", "target") == DEFAULT_TARGETS["revenue_growth"]
    # 0.15 >= 0.05 on track; -0.2 < 0.05 far off
    assert value(card, "Bank", "revenue_growth", "status") == "on track"
    assert value(card, "Hotel", "revenue_growth", "status") == "off track"
    # share is a ceiling (lower is better): 0.70 > 0.25 off track; 0.295 > 0.25 x 1.05 off
    assert value(card, "Bank", "revenue_share", "direction") == "lower"
    assert value(card, "Bank", "revenue_share", "status") == "off track"
    # on time 0.975 >= 0.95 on track; 0.8 < 0.95 x 0.95 = 0.9025 off track
    assert value(card, "Bank", "on_time_rate", "status") == "on track"
    assert value(card, "Hotel", "on_time_rate", "status") == "off track"
    assert set(card["status"]) <= set(STATUSES)


def test_targets_and_tolerance_can_be_changed():
    # on time 0.8 against 0.82: missed by 0.02 / 0.82 = 2.4 % -> at risk within 5 %
    card = account_scorecard(history(), targets={"on_time_rate": 0.82}, growth_window=2)
    assert value(card, "Hotel", "on_time_rate", "target") == 0.82
    assert value(card, "Hotel", "on_time_rate", "status") == "at risk"
    # other targets keep their defaults
    assert value(card, "Hotel", "csat", "target") == DEFAULT_TARGETS["csat"]
    strict = account_scorecard(
        history(), targets={"on_time_rate": 0.82}, tolerance=0, growth_window=2
    )
    assert value(strict, "Hotel", "on_time_rate", "status") == "off track"


def test_company_revenue_gives_the_share_of_the_whole_company():
    # each month the company makes 1,000 €: 4,000 € in all; Bank 430 / 4000 = 0.1075
    card = account_scorecard(history(company_revenue=[1000] * 8), growth_window=2)
    assert value(card, "Bank", "revenue_share") == pytest.approx(430 / 4000)
    assert value(card, "Bank", "revenue_share", "status") == "on track"


def test_order_of_rows_does_not_matter():
    shuffled = history().sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(
        account_scorecard(shuffled, growth_window=2), account_scorecard(history(), growth_window=2)
    )


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "message"),
    [
        (
            history().drop(columns=["satisfaction"]),
            {},
            ValueError,
            r'^history has no column "satisfaction"\. Its columns are: "month", "account", '
            r'"revenue", "deliveries", "on_time"\. A history needs: month, account',
        ),
        (history().iloc[0:0], {}, ValueError, r"^history is empty"),
        ([1, 2], {}, TypeError, r"^history must be a pandas DataFrame .* \(got list\)"),
        (
            history(on_time=[10, 11, 9, 10, 5, 4, 3, 4]),
            {},
            ValueError,
            r"^on_time cannot be larger than deliveries: Bank in month 2 has 11 on time out of "
            r"10 deliveries\.$",
        ),
        (
            history(satisfaction=[5, 4, 4, 5, 3, 4, 0, 3]),
            {},
            ValueError,
            r"^satisfaction must be a rating from 1 to 5, but Hotel in month 3 has 0\.$",
        ),
        (
            history(revenue=[100, -1, 110, 120, 50, 50, 40, 40]),
            {},
            ValueError,
            r"^revenue cannot be negative: Bank in month 2 has -1\.$",
        ),
        (
            history(revenue=[100, "n/a", 110, 120, 50, 50, 40, 40]),
            {},
            TypeError,
            r'^Column "revenue" must hold numbers, but in row 1 \(account Bank\) it holds \'n/a\'',
        ),
        (
            history(month=[1, 1, 3, 4, 1, 2, 3, 4]),
            {},
            ValueError,
            r"^Bank has more than one row for month 1",
        ),
        (
            history(account=["Bank", None] + ["Bank"] * 2 + ["Hotel"] * 4),
            {},
            ValueError,
            r'^Column "account" is empty in row 1',
        ),
        (
            history(),
            {},
            ValueError,
            r"^Bank has 4 months of history, but growth over 6 months needs 12: add months",
        ),
        (
            history(revenue=[0, 0, 110, 120, 50, 50, 40, 40]),
            {"growth_window": 2},
            ValueError,
            r"^Bank had no revenue in the 2 months before the last 2: growth from 0 €",
        ),
        (
            history(deliveries=[0] * 4 + [5] * 4, on_time=[0] * 4 + [5] * 4),
            {"growth_window": 2},
            ValueError,
            r"^Bank has no deliveries in the history",
        ),
        (
            history(company_revenue=[1000, 1000, 1000, 1000, 1000, 999, 1000, 1000]),
            {"growth_window": 2},
            ValueError,
            r"^company_revenue must be the same on every row of a month .* month 2 has",
        ),
        (
            history(company_revenue=[100] * 8),
            {"growth_window": 2},
            ValueError,
            r"^In month 1, company_revenue \(100 €\) is smaller than the revenue of the key "
            r"accounts \(150 €\)",
        ),
        (
            history(),
            {"growth_window": 0},
            ValueError,
            r"^growth_window must be greater than 0 \(got 0\)",
        ),
        (history(), {"growth_window": 1.5}, ValueError, r"^growth_window must be a whole number"),
        (history(), {"growth_window": "2"}, TypeError, r"^growth_window must be a number"),
        (
            history(),
            {"targets": {"nps": 30}},
            ValueError,
            r"^targets has unknown KPIs 'nps'\. The scorecard's KPIs are: revenue_growth",
        ),
        (history(), {"targets": [0.9]}, TypeError, r"^targets must be a dict such as"),
        (
            history(),
            {"targets": {"csat": "80%"}},
            TypeError,
            r"targets\['csat'\] must be a number \(got '80%'",
        ),
        (history(), {"tolerance": 2}, ValueError, r"^tolerance must be between 0 and 1"),
        (
            history(month=[1, "Feb", 3, 4, 1, 2, 3, 4]),
            {},
            TypeError,
            r"^The months cannot be put in order",
        ),
    ],
)
def test_bad_history_is_explained(data, kwargs, error, message):
    with pytest.raises(error, match=message):
        account_scorecard(data, **kwargs)


def test_scorecard_wide():
    card = account_scorecard(history(), growth_window=2)
    grid = scorecard_wide(card)
    assert grid.index.tolist() == ["Bank", "Hotel"]
    assert grid.columns.tolist() == list(SCORECARD_KPIS)
    assert grid.loc["Hotel", "on_time_rate"] == "off track"
    assert scorecard_wide(card, "value").loc["Bank", "csat"] == 1.0
    with pytest.raises(ValueError, match=r'^values must be "status" or "value" \(got \'x\'\)'):
        scorecard_wide(card, "x")
    with pytest.raises(TypeError, match=r"^scorecard_wide needs the table returned by"):
        scorecard_wide(history())


def test_account_monthly_by_hand():
    monthly = account_monthly(history())
    bank = monthly[monthly["account"] == "Bank"]
    # growth: NaN, 0, (110 - 100) / 100 = 0.1, (120 - 110) / 110 = 0.0909
    assert math.isnan(bank["monthly_growth"].iloc[0])
    assert bank["monthly_growth"].iloc[1:].tolist() == pytest.approx([0.0, 0.1, 10 / 110])
    assert bank["on_time_rate"].tolist() == pytest.approx([1.0, 1.0, 0.9, 1.0])
    hotel = monthly[monthly["account"] == "Hotel"]
    # the first Hotel month is NaN too: growth never runs across two accounts
    assert math.isnan(hotel["monthly_growth"].iloc[0])


def test_account_monthly_month_without_deliveries_is_nan():
    monthly = account_monthly(
        history(deliveries=[0, 10, 10, 10, 5, 5, 5, 5], on_time=[0, 10, 9, 10, 5, 4, 3, 4])
    )
    assert math.isnan(monthly["on_time_rate"].iloc[0])
    assert monthly["on_time_rate"].iloc[1] == 1.0


# --------------------------------------------------------------------------------------------
# Sample history
# --------------------------------------------------------------------------------------------


def test_sample_history_is_deterministic_and_valid():
    a = sample_account_history(seed=7)
    pd.testing.assert_frame_equal(a, sample_account_history(seed=7))
    assert not a.equals(sample_account_history(seed=8))
    assert set(HISTORY_COLUMNS) <= set(a.columns)
    assert (a["revenue"] >= 0).all() and (a["on_time"] <= a["deliveries"]).all()
    assert a["satisfaction"].between(1, 5).all()
    assert str(a["month"].iloc[0]) == "2024-01"
    assert len(sample_account_history(months=24)) == 4 * 24


@pytest.mark.parametrize("seed", range(5))
def test_sample_history_tells_its_story(seed):
    card = account_scorecard(sample_account_history(seed=seed))
    # the largest account shrinks and is less satisfied; the bank grows and is satisfied
    assert value(card, "Vantor Retail Group", "revenue_growth") < 0
    assert value(card, "Vantor Retail Group", "average_satisfaction", "status") != "on track"
    assert value(card, "Banque Méridienne", "revenue_growth", "status") == "on track"
    assert value(card, "Brightwell Health", "revenue_growth") > 0.1
    assert card["account"].iloc[0] == "Vantor Retail Group"  # still the largest by revenue
    assert value(card, "Hollis Aerostructures", "on_time_rate", "status") != "on track"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"months": 1}, ValueError, r"^months must be between 2 and 60 \(got 1\)\.$"),
        ({"months": 2.5}, TypeError, r"^months must be a whole number"),
        ({"seed": -1}, ValueError, r"^seed must be a whole number, 0 or more \(got -1\)"),
        ({"seed": "a"}, ValueError, r"seed must be a whole number"),
        ({"start": "January"}, ValueError, r"^start must be a month such as \"2024-01\""),
    ],
)
def test_sample_history_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        sample_account_history(**kwargs)


def test_sample_revenue_is_a_minority_of_company_revenue():
    h = sample_account_history(seed=0)
    per_month = h.groupby("month").agg(
        accounts=("revenue", "sum"), company=("company_revenue", "first")
    )
    assert np.all(per_month["accounts"] < per_month["company"])
