"""lessons.accounts: shares, Pareto/ABC, concentration, scores, matrix, loss impact, sample."""

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.accounts import (
    CRITERIA,
    QUADRANTS,
    SHARE_TOLERANCE,
    concentration,
    count_to_reach,
    criterion_label,
    exceeds,
    key_account_score,
    load_sample_portfolio,
    loss_impact,
    pareto_readings,
    pareto_table,
    portfolio_matrix,
    quadrant_label,
    reaches,
    revenue_by_account,
    revenue_share,
    revenue_share_by_period,
)


@pytest.fixture
def three():
    """Bank 600 €, Retailer 300 €, Hotel 100 € (shares 0.6, 0.3, 0.1)."""
    return pd.Series({"Bank": 600.0, "Retailer": 300.0, "Hotel": 100.0})


def portfolio(**columns):
    base = {
        "account": ["Big", "Partner", "Small"],
        "revenue": [900, 300, 100],
        "strategic_value": [2, 5, 1],
        "growth_potential": [1, 4, 3],
        "engagement": [2, 5, 1],
    }
    return pd.DataFrame(base | columns)


# --------------------------------------------------------------------------------------------
# revenue_by_account and revenue_share
# --------------------------------------------------------------------------------------------


def test_revenue_by_account_sums_and_sorts():
    sales = pd.DataFrame(
        {"account": ["B", "A", "B", "C", "A"], "revenue": [100, 300, 250, 50, -20]}
    )
    result = revenue_by_account(sales)
    # A: 300 - 20 = 280 (a refund line is allowed); B: 100 + 250 = 350; C: 50
    assert result.to_dict() == {"B": 350.0, "A": 280.0, "C": 50.0}
    assert list(result.index) == ["B", "A", "C"]
    assert result.index.name == "account" and result.name == "revenue"


def test_revenue_by_account_breaks_ties_by_name():
    sales = pd.DataFrame({"client": ["Zed", "Abe", "Max"], "eur": [10, 10, 30]})
    assert list(revenue_by_account(sales, account="client", amount="eur").index) == [
        "Max",
        "Abe",
        "Zed",
    ]


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "message"),
    [
        (
            pd.DataFrame({"client": ["A"], "eur": [1]}),
            {},
            ValueError,
            r'^transactions has no column "account", "revenue"\. Its columns are: "client", "eur"\.'
            r" Pass the right names",
        ),
        (
            pd.DataFrame({"account": ["A"], "eur": [1]}),
            {},
            ValueError,
            r'no column "revenue"\. Its columns are: "account", "eur"',
        ),
        (
            pd.DataFrame({"account": [], "revenue": []}),
            {},
            ValueError,
            r"^transactions is empty",
        ),
        ([("A", 1)], {}, TypeError, r"^transactions must be a pandas DataFrame \(got list\)"),
        (
            pd.DataFrame({"account": ["A", "B"], "revenue": [10, "1 500 €"]}),
            {},
            TypeError,
            r'^Column "revenue" must hold numbers, but in row 1 \(account B\) it holds '
            r"'1 500 €': remove currency signs",
        ),
        (
            pd.DataFrame({"account": ["A", "B"], "revenue": [10, np.nan]}),
            {},
            ValueError,
            r'^Column "revenue" has a missing value in row 1 \(account B\): fill it in',
        ),
        (
            pd.DataFrame({"account": ["A", None], "revenue": [10, 5]}),
            {},
            ValueError,
            r'^Column "account" has no customer name in row 1',
        ),
        (
            pd.DataFrame({"account": ["A", "A", "B"], "revenue": [10, -30, 5]}),
            {},
            ValueError,
            r'^The revenue of account "A" is negative \(-20 €\): revenue per account is 0 or '
            r"more\.",
        ),
    ],
)
def test_revenue_by_account_bad_input(data, kwargs, error, message):
    with pytest.raises(error, match=message):
        revenue_by_account(data, **kwargs)


def test_revenue_share_by_hand(three):
    # 600 / 1000 = 0.6; 300 / 1000 = 0.3; 100 / 1000 = 0.1
    assert revenue_share(three).to_dict() == pytest.approx(
        {"Bank": 0.6, "Retailer": 0.3, "Hotel": 0.1}
    )
    assert revenue_share({"x": 1, "y": 3}).tolist() == [0.25, 0.75]


@pytest.mark.parametrize(
    ("revenue", "error", "message"),
    [
        (pd.Series({"A": 0, "B": 0}), ValueError, r"^revenue_by_account adds up to 0 €"),
        (pd.Series(dtype=float), ValueError, r"^revenue_by_account is empty"),
        (
            pd.Series({"A": 5, "B": -1}),
            ValueError,
            r'^The revenue of account "B" is negative \(-1 €\)',
        ),
        (
            pd.Series([5, 6, 7], index=["A", "B", "A"]),
            ValueError,
            r"^Some accounts appear more than once: A\. Give one row per account",
        ),
        (
            pd.DataFrame({"account": ["A"], "revenue": [1]}),
            TypeError,
            r"must be revenue per account \(a Series\), not a whole table with columns account, "
            r"revenue: use revenue_by_account\(table\) first",
        ),
        ([1, 2], TypeError, r"must be a pandas Series of revenue indexed by account \(got list\)"),
        (
            pd.Series({"A": 5, "B": float("inf")}),
            ValueError,
            r'"revenue" in row 1 \(account B\) must be a finite number \(got inf\)',
        ),
        (
            pd.Series({"A": 5, "B": "lots"}),
            TypeError,
            r"in row 1 \(account B\) it holds 'lots'",
        ),
    ],
)
def test_revenue_share_bad_input(revenue, error, message):
    with pytest.raises(error, match=message):
        revenue_share(revenue)


# --------------------------------------------------------------------------------------------
# Pareto table and ABC classes
# --------------------------------------------------------------------------------------------


def test_pareto_table_by_hand():
    revenue = pd.Series({"D": 100, "A": 500, "C": 150, "B": 250})
    table = pareto_table(revenue)
    assert list(table.index) == ["A", "B", "C", "D"]
    assert list(table.columns) == ["revenue", "rank", "share", "cumulative_share", "abc_class"]
    assert table["rank"].tolist() == [1, 2, 3, 4]
    # shares 500/1000, 250/1000, 150/1000, 100/1000; cumulative 0.5, 0.75, 0.9, 1.0
    assert table["share"].tolist() == pytest.approx([0.5, 0.25, 0.15, 0.1])
    assert table["cumulative_share"].tolist() == pytest.approx([0.5, 0.75, 0.9, 1.0])
    # before C the cumulative share is 0.75 < 0.8, so C (which crosses 80 %) is still A;
    # before D it is 0.90, not below 0.80 but below 0.95 -> B
    assert table["abc_class"].tolist() == ["A", "A", "A", "B"]


def test_the_account_whose_predecessors_reach_a_exactly_is_b():
    # cumulative before the third = 500 + 300 = 800 = 0.8 x 1000: not below a -> B;
    # before the fourth 0.95 x 1000 = 950, not below b -> C
    revenue = pd.Series({"w": 500, "x": 300, "y": 150, "z": 50})
    assert pareto_table(revenue)["abc_class"].tolist() == ["A", "A", "B", "C"]


def test_custom_thresholds_and_ties():
    revenue = pd.Series({"b": 25, "a": 25, "d": 25, "c": 25})
    table = pareto_table(revenue, a=0.5, b=0.75)
    # ties in name order; before: 0, 0.25, 0.5, 0.75 -> A, A, B, C
    assert list(table.index) == ["a", "b", "c", "d"]
    assert table["abc_class"].tolist() == ["A", "A", "B", "C"]


def test_cumulative_share_ends_exactly_at_one():
    revenue = pd.Series({f"c{i}": 0.1 for i in range(10)})
    assert pareto_table(revenue)["cumulative_share"].iloc[-1] == 1.0


def test_zero_revenue_accounts_come_last_as_c():
    table = pareto_table(pd.Series({"a": 10, "zero": 0}), b=1.0)
    assert table.loc["zero", "abc_class"] == "C"
    assert table.loc["zero", "rank"] == 2


@pytest.mark.parametrize(
    ("a", "b", "error", "message"),
    [
        (80, 95, ValueError, r"^a must be a fraction greater than 0 and at most 1 \(got 80\)"),
        (0, 0.9, ValueError, r"^a must be a fraction greater than 0"),
        (0.8, 1.5, ValueError, r"^b must be a fraction greater than 0 and at most 1 \(got 1\.5\)"),
        (0.9, 0.8, ValueError, r"^a \(0\.9\) must be smaller than b \(0\.8\)"),
        (0.8, 0.8, ValueError, r"must be smaller than b"),
        ("80%", 0.95, TypeError, r"^a must be a number \(got '80%' of type str\)"),
        (0.8, float("nan"), ValueError, r"^b must be a fraction"),
    ],
)
def test_pareto_thresholds_bad_input(three, a, b, error, message):
    with pytest.raises(error, match=message):
        pareto_table(three, a=a, b=b)


# --------------------------------------------------------------------------------------------
# Concentration
# --------------------------------------------------------------------------------------------


def test_concentration_by_hand(three):
    c = concentration(three)
    # HHI = 60^2 + 30^2 + 10^2 = 3600 + 900 + 100 = 4600
    assert c.hhi == pytest.approx(4600)
    assert c.n_accounts == 3 and c.total == 1000
    assert c.largest_account == "Bank" and c.largest_share == pytest.approx(0.6)


def test_hhi_extremes():
    # four equal accounts: 4 x 25^2 = 2500 = 10,000 / 4
    assert concentration(pd.Series({"a": 1, "b": 1, "c": 1, "d": 1})).hhi == 2500
    # one account has it all
    assert concentration(pd.Series({"a": 7})).hhi == 10_000
    assert concentration(pd.Series({"a": 7, "b": 0})).hhi == 10_000


def test_top_share_by_hand():
    c = concentration(pd.Series({"A": 50, "B": 30, "C": 15, "D": 5}))
    # ceil(0.2 x 4) = 1 account -> 0.5; ceil(0.5 x 4) = 2 -> 0.8; ceil(0.51 x 4) = 3 -> 0.95
    assert c.top_share(0.2) == pytest.approx(0.5)
    assert c.top_share(0.5) == pytest.approx(0.8)
    assert c.top_share(0.51) == pytest.approx(0.95)
    assert c.top_share(1) == 1.0
    assert c.top_n_share(3) == pytest.approx(0.95)
    assert c.top_n_share(10) == 1.0


def test_top_share_is_not_fooled_by_floating_point():
    # 0.7 x 10 = 7.000000000000001 in floating point; the top 70 % are 7 accounts, not 8
    c = concentration(pd.Series({f"c{i}": 1 for i in range(10)}))
    assert c.top_share(0.7) == pytest.approx(0.7)


def test_customers_share_for_by_hand():
    c = concentration(pd.Series({"A": 50, "B": 30, "C": 15, "D": 5}))
    # cumulative 0.5, 0.8, 0.95, 1.0: 0.5 needs 1 of 4; 0.8 needs 2 of 4; 0.81 needs 3 of 4
    assert c.customers_share_for(0.5) == 0.25
    assert c.customers_share_for(0.8) == 0.5
    assert c.customers_share_for(0.81) == 0.75
    assert c.customers_share_for(1.0) == 1.0


@pytest.mark.parametrize(
    ("method", "value", "error", "message"),
    [
        ("top_share", 0, ValueError, r"^fraction must be a fraction greater than 0 and at most 1"),
        ("top_share", 1.5, ValueError, r"\(got 1\.5\)"),
        ("top_share", "20%", TypeError, r"^fraction must be a number \(got '20%'"),
        ("customers_share_for", 80, ValueError, r"^target must be a fraction .* \(got 80\)"),
        ("top_n_share", 0, ValueError, r"^n must be a whole number of accounts, 1 or more"),
        ("top_n_share", 2.5, ValueError, r"\(got 2\.5\)"),
        ("top_n_share", "3", ValueError, r"\(got 3\)"),
    ],
)
def test_concentration_methods_bad_input(three, method, value, error, message):
    with pytest.raises(error, match=message):
        getattr(concentration(three), method)(value)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

amounts = st.one_of(
    st.integers(min_value=0, max_value=20),  # small integers: many ties
    st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False),
)
revenues = (
    st.lists(amounts, min_size=1, max_size=40)
    .filter(lambda xs: sum(xs) > 0)
    .map(lambda xs: pd.Series(xs, index=[f"client {i:02d}" for i in range(len(xs))]))
)
fractions = st.floats(min_value=1e-6, max_value=1.0)


@settings(deadline=None)  # a busy machine must not fail a correct property
@given(revenues)
def test_shares_sum_to_one(revenue):
    assert revenue_share(revenue).sum() == pytest.approx(1.0, abs=1e-9)


@settings(deadline=None)  # a busy machine must not fail a correct property
@given(revenues, st.data())
def test_pareto_invariants(revenue, data):
    a = data.draw(st.floats(min_value=0.05, max_value=0.9))
    b = data.draw(st.floats(min_value=a + 0.01, max_value=1.0))
    table = pareto_table(revenue, a=a, b=b)
    cumulative = table["cumulative_share"].to_numpy()
    assert cumulative[-1] == 1.0
    assert np.all(np.diff(cumulative) >= 0)
    assert np.all(np.diff(table["revenue"].to_numpy()) <= 0)
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    classes = "".join(table["abc_class"])
    assert classes == "".join(sorted(classes)), "classes must run A..., B..., C..."
    assert classes[0] == "A"


@settings(deadline=None)  # a busy machine must not fail a correct property
@given(revenues)
def test_hhi_within_bounds(revenue):
    c = concentration(revenue)
    assert 10_000 / c.n_accounts - 1e-6 <= c.hhi <= 10_000 + 1e-6


@settings(deadline=None)  # a busy machine must not fail a correct property
@given(revenues, fractions, fractions)
def test_top_share_monotone_in_fraction(revenue, f1, f2):
    c = concentration(revenue)
    low, high = sorted((f1, f2))
    assert c.top_share(low) <= c.top_share(high)
    assert c.top_share(low) >= c.largest_share - 1e-12


@settings(deadline=None)  # a busy machine must not fail a correct property
@given(revenues, fractions)
def test_customers_share_for_inverts_top_share(revenue, target):
    c = concentration(revenue)
    fraction = c.customers_share_for(target)
    assert reaches(c.top_share(fraction), target)
    k = round(fraction * c.n_accounts)
    if k > 1:
        # one account fewer falls short of the target
        assert not reaches(c.top_n_share(k - 1), target)


# --------------------------------------------------------------------------------------------
# Ties at a cut: one rule (lessons.accounts.reaches) in every cut, checked against exact sums
# --------------------------------------------------------------------------------------------

#: Cuts as a learner sets them: the sliders move in steps of 5 %, a typed cut has 2 decimals.
cuts = st.integers(min_value=1, max_value=99).map(lambda p: p / 100)
#: The same price for everyone (a subscription): a sum of floats misses the exact cut by 1e-16.
prices = st.sampled_from([0.1, 1 / 3, 9.99, 19.99, 49.0, 99.0, 1234.56]) | st.floats(0.01, 1e6)


def exact_count(amounts, cut):
    """The oracle: how many accounts, largest first, until the exact cumulative share >= cut."""
    total, running = sum(amounts), 0
    for k, amount in enumerate(sorted(amounts, reverse=True), start=1):
        running += amount
        if Fraction(running, total) >= Fraction(str(cut)):
            return k
    return len(amounts)


def equal_customers(n, price):
    return pd.Series({f"customer {i:03d}": price for i in range(n)})


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=400), prices, cuts)
def test_n_customers_paying_the_same_put_exactly_ceil_cut_n_in_class_a(n, price, a):
    table = pareto_table(equal_customers(n, price), a=a, b=1.0)
    expected = math.ceil(Fraction(str(a)) * n)  # exact: 0.8 x 10 is 8, never 9
    assert (table["abc_class"] == "A").sum() == expected
    c = concentration(equal_customers(n, price))
    assert c.customers_share_for(a) == expected / n
    assert c.top_count(a) == expected
    assert c.top_share(a) == pytest.approx(expected / n)


def test_ten_customers_at_the_same_price_give_eight_a_and_80_percent_for_80_percent():
    # Failed before: the running sum after eight is 0.7999999999999999 < 0.8, so the ninth
    # customer was put in class A and "9 of 10 customers make 80 %" was shown.
    revenue = equal_customers(10, 19.99)
    assert pareto_table(revenue)["abc_class"].tolist() == ["A"] * 8 + ["B"] * 2
    readings = pareto_readings(pareto_table(revenue))
    assert readings.accounts_for_reference == 0.8
    assert readings.class_counts == {"A": 8, "B": 2, "C": 0}
    assert readings.top_accounts == 2 and readings.top_accounts_share == pytest.approx(0.2)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=20_000), min_size=1, max_size=40).filter(
        lambda xs: sum(xs) > 0
    ),
    cuts,
    cuts,
)
def test_every_cut_agrees_with_exact_arithmetic(amounts, a, b):
    # Whole euros (or cents) up to a total of 800,000: distinct exact shares differ by more
    # than SHARE_TOLERANCE, so the float rule must give the exact answer every time.
    a, b = sorted((a, b))
    if a == b:
        b = 1.0
    revenue = pd.Series(amounts, index=[f"c{i:02d}" for i in range(len(amounts))], dtype=float)
    classes = pareto_table(revenue, a=a, b=b)["abc_class"]
    n_a, n_b = exact_count(amounts, a), exact_count(amounts, b)
    assert classes.tolist() == ["A"] * n_a + ["B"] * (n_b - n_a) + ["C"] * (len(amounts) - n_b)
    c = concentration(revenue)
    assert c.customers_share_for(a) == n_a / len(amounts)
    top = math.ceil(Fraction(str(a)) * len(amounts))
    assert c.top_share(a) == pytest.approx(
        float(Fraction(sum(sorted(amounts, reverse=True)[:top]), sum(amounts)))
    )


def test_the_rule_of_every_cut_is_one_tolerance():
    assert reaches(0.8 - SHARE_TOLERANCE / 2, 0.8) and not reaches(0.8 - 2 * SHARE_TOLERANCE, 0.8)
    assert exceeds(0.8 + 2 * SHARE_TOLERANCE, 0.8) and not exceeds(0.8 + SHARE_TOLERANCE / 2, 0.8)
    assert count_to_reach(np.cumsum([0.1] * 10), 0.8) == 8
    # An HHI a hair above 1,800 through rounding is not "above 1,800".
    exactly_1800 = concentration(pd.Series(dict(zip("abcdef", [2, 2, 2, 2, 1, 1], strict=True))))
    assert exactly_1800.hhi == pytest.approx(1800) and not exactly_1800.highly_concentrated


# --------------------------------------------------------------------------------------------
# Loss impact
# --------------------------------------------------------------------------------------------


def test_loss_impact_by_hand(three):
    impact = loss_impact(three, "Bank")
    # lose 600 of 1000: share 0.6; remaining 300/400 = 0.75, 100/400 = 0.25;
    # HHI after = 75^2 + 25^2 = 5625 + 625 = 6250
    assert impact.revenue_lost == 600 and impact.share_lost == pytest.approx(0.6)
    assert impact.total_before == 1000 and impact.total_after == 400
    assert impact.new_shares.to_dict() == pytest.approx({"Retailer": 0.75, "Hotel": 0.25})
    assert impact.concentration_before.hhi == pytest.approx(4600)
    assert impact.concentration_after.hhi == pytest.approx(6250)
    assert impact.concentration_after.largest_account == "Retailer"


def test_loss_impact_bad_input(three):
    with pytest.raises(
        ValueError,
        match=r'^"Bnak" is not an account of this portfolio\. Accounts include: Bank, Retailer, '
        r"Hotel\. Check the spelling",
    ):
        loss_impact(three, "Bnak")
    many = pd.Series({f"c{i}": 100 - i for i in range(12)})
    with pytest.raises(ValueError, match=r"include: c0, c1, c2, c3, c4, \.\.\. \(12 in all\)"):
        loss_impact(many, "x")
    with pytest.raises(ValueError, match=r'^"Solo" is the only account'):
        loss_impact(pd.Series({"Solo": 5}), "Solo")
    with pytest.raises(ValueError, match=r'^Without "A" the remaining accounts bring 0 €'):
        loss_impact(pd.Series({"A": 5, "B": 0}), "A")


# --------------------------------------------------------------------------------------------
# Key-account score
# --------------------------------------------------------------------------------------------


def test_key_account_score_by_hand():
    scores = key_account_score(portfolio())
    # Partner: revenue 300/900 = 1/3; strategic (5-1)/4 = 1; growth (4-1)/4 = 0.75;
    #          engagement 1 -> (1/3 + 1 + 0.75 + 1) / 4 = 3.0833 / 4 = 0.7708 -> 77.08
    # Big:     1 + 0.25 + 0 + 0.25 = 1.5 / 4 = 0.375 -> 37.5
    # Small:   1/9 + 0 + 0.5 + 0 = 0.6111 / 4 = 0.1528 -> 15.28
    assert list(scores.index) == ["Partner", "Big", "Small"]
    assert scores["score"].tolist() == pytest.approx([77.0833, 37.5, 15.2778], abs=1e-4)
    assert scores["rank"].tolist() == [1, 2, 3]
    assert scores.loc["Partner", "growth_potential_norm"] == 0.75
    assert scores.loc["Big", "revenue_norm"] == 1.0


def test_weights_are_normalised_and_missing_ones_count_zero():
    p = portfolio()
    once = key_account_score(p, weights={"revenue": 1, "engagement": 1})
    twice = key_account_score(p, weights={"revenue": 2, "engagement": 2, "strategic_value": 0})
    pd.testing.assert_frame_equal(once, twice)
    # revenue only: the largest account scores 100, Partner 300/900 -> 33.33
    revenue_only = key_account_score(p, weights={"revenue": 5})
    assert revenue_only["score"].tolist() == pytest.approx([100, 100 / 3, 100 / 9])
    assert revenue_only.index[0] == "Big"


@pytest.mark.parametrize(
    ("weights", "error", "message"),
    [
        (
            {"revenue": 0, "engagement": 0},
            ValueError,
            r"^weights are all 0: give at least one criterion a weight above 0\.$",
        ),
        ({}, ValueError, r"weights are all 0"),
        (
            {"revenue": -1, "engagement": 2},
            ValueError,
            r"^weights\['revenue'\] cannot be negative \(got -1\): a weight says how much",
        ),
        (
            {"size": 1},
            ValueError,
            r"^weights has unknown criteria 'size'\. The criteria are: revenue, strategic_value, "
            r"growth_potential, engagement\.$",
        ),
        ([1, 1, 1, 1], TypeError, r"^weights must be a dict of weights over revenue"),
        ({"revenue": "high"}, TypeError, r"weights\['revenue'\] must be a number \(got 'high'"),
        ({"revenue": float("nan")}, ValueError, r"weights\['revenue'\] must be a finite number"),
    ],
)
def test_weights_bad_input(weights, error, message):
    with pytest.raises(error, match=message):
        key_account_score(portfolio(), weights=weights)


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            portfolio().drop(columns=["engagement", "growth_potential"]),
            ValueError,
            r'^portfolio has no column "growth_potential", "engagement"\. Its columns are: '
            r'"account", "revenue", "strategic_value"\. Rename your columns',
        ),
        (portfolio().iloc[0:0], ValueError, r"^portfolio is empty"),
        (
            portfolio(engagement=[2, 6, 1]),
            ValueError,
            r'^Column "engagement" must be a score from 1 to 5, but account "Partner" has 6: '
            r"use 1 \(lowest\) to 5 \(highest\)\.$",
        ),
        (portfolio(strategic_value=[0, 1, 1]), ValueError, r'account "Big" has 0'),
        (
            portfolio(revenue=[900, -300, 100]),
            ValueError,
            r'^The revenue of account "Partner" is negative \(-300 €\)',
        ),
        (portfolio(revenue=[0, 0, 0]), ValueError, r"^portfolio adds up to 0 €"),
        (
            portfolio(account=["Big", "Big", "Small"]),
            ValueError,
            r"^Some accounts appear more than once: Big",
        ),
        (
            portfolio(growth_potential=[1, None, 3]),
            ValueError,
            r'^Column "growth_potential" has a missing value in row 1 \(account Partner\)',
        ),
        ("portfolio.csv", TypeError, r"^portfolio must be a pandas DataFrame \(got str\)"),
    ],
)
def test_portfolio_bad_input(data, error, message):
    with pytest.raises(error, match=message):
        key_account_score(data)
    with pytest.raises(error, match=message):
        portfolio_matrix(data)


# --------------------------------------------------------------------------------------------
# Portfolio matrix
# --------------------------------------------------------------------------------------------


def test_portfolio_matrix_by_hand():
    matrix = portfolio_matrix(portfolio())
    # Partner: attractiveness (growth 0.75 + strategic 1 + revenue 1/3) / 3 = 0.6944;
    #          strength (engagement 1 + revenue proxy 1/3) / 2 = 0.6667 -> key account
    # Big:     attractiveness (0 + 0.25 + 1) / 3 = 0.4167; strength (0.25 + 1) / 2 = 0.625
    #          -> maintain
    # Small:   attractiveness (0.5 + 0 + 1/9) / 3 = 0.2037; strength (0 + 1/9) / 2 = 0.0556
    #          -> opportunistic
    assert list(matrix.columns) == ["revenue", "attractiveness", "strength", "quadrant"]
    assert matrix.loc["Partner", "attractiveness"] == pytest.approx(0.69444, abs=1e-5)
    assert matrix.loc["Partner", "strength"] == pytest.approx(2 / 3)
    assert matrix.loc["Big", "attractiveness"] == pytest.approx(0.41667, abs=1e-5)
    assert matrix.loc["Big", "strength"] == pytest.approx(0.625)
    assert matrix["quadrant"].to_dict() == {
        "Partner": "key account",
        "Big": "maintain",
        "Small": "opportunistic",
    }


def test_portfolio_matrix_uses_share_of_wallet_when_given():
    matrix = portfolio_matrix(portfolio(share_of_wallet=[0.9, 0.1, 0.2]))
    # Partner strength: (1 + 0.1) / 2 = 0.55; Big: (0.25 + 0.9) / 2 = 0.575
    assert matrix.loc["Partner", "strength"] == pytest.approx(0.55)
    assert matrix.loc["Big", "strength"] == pytest.approx(0.575)


def test_portfolio_matrix_develop_quadrant_and_cuts():
    matrix = portfolio_matrix(portfolio(), strength_cut=0.7)
    # Partner is attractive (0.69 >= 0.5) but its strength 0.67 is below 0.7 -> develop
    assert matrix.loc["Partner", "quadrant"] == "develop"
    weights = portfolio_matrix(portfolio(), attractiveness_weights={"growth_potential": 1})
    # growth only: Small (3 -> 0.5) reaches the cut exactly and counts as high
    assert weights.loc["Small", "attractiveness"] == 0.5
    assert weights.loc["Small", "quadrant"] == "develop"


def test_portfolio_matrix_bad_input():
    with pytest.raises(ValueError, match=r"^strength_cut must be a fraction from 0 to 1 \(got 2\)"):
        portfolio_matrix(portfolio(), strength_cut=2)
    with pytest.raises(ValueError, match=r"^strength_weights has unknown criteria 'revenue'"):
        portfolio_matrix(portfolio(), strength_weights={"revenue": 1})
    with pytest.raises(ValueError, match=r"^attractiveness_weights are all 0"):
        portfolio_matrix(portfolio(), attractiveness_weights={"revenue": 0})
    with pytest.raises(
        ValueError,
        match=r'^Column "share_of_wallet" must be a fraction from 0 to 1, but account "Big" has '
        r"40: write 40 % as 0\.4\.$",
    ):
        portfolio_matrix(portfolio(share_of_wallet=[40, 0.1, 0.2]))


def test_labels():
    assert [quadrant_label(q) for q in QUADRANTS] == [
        "Key account",
        "Develop",
        "Maintain",
        "Opportunistic",
    ]
    assert [criterion_label(c) for c in CRITERIA] == [
        "Revenue",
        "Strategic value",
        "Growth potential",
        "Engagement",
    ]
    with pytest.raises(ValueError, match=r"^'star' is not a quadrant"):
        quadrant_label("star")
    with pytest.raises(ValueError, match=r"^'size' is not a criterion"):
        criterion_label("size")


# --------------------------------------------------------------------------------------------
# The sample portfolio tells the story the course needs
# --------------------------------------------------------------------------------------------


def test_sample_portfolio_shape_and_validity():
    sample = load_sample_portfolio()
    assert list(sample.columns) == [
        "account",
        "sector",
        "revenue",
        "strategic_value",
        "growth_potential",
        "engagement",
    ]
    assert len(sample) == 25 and sample["account"].is_unique
    assert (sample["revenue"] > 0).all()
    for column in CRITERIA[1:]:
        assert sample[column].between(1, 5).all()
    # valid for every function of the module
    key_account_score(sample)
    portfolio_matrix(sample)


def test_the_largest_customer_is_not_the_key_account():
    sample = load_sample_portfolio()
    largest = sample.loc[sample["revenue"].idxmax(), "account"]
    scores = key_account_score(sample)
    assert scores.index[0] != largest
    assert scores.loc[largest, "rank"] > 5
    assert portfolio_matrix(sample).loc[largest, "quadrant"] != "key account"


def test_the_sample_is_concentrated_but_not_exactly_80_20():
    c = concentration(revenue_by_account(load_sample_portfolio()))
    top_20 = c.top_share(0.2)
    assert 0.6 < top_20 < 0.75  # the top 5 of 25 bring about 69 %
    assert c.customers_share_for(0.8) != 0.2  # 8 of 25 accounts (32 %) make 80 %
    assert 1_000 < c.hhi < 1_500
    assert not math.isclose(top_20, 0.8)


# --- revenue_share_by_period ------------------------------------------------------------------


def test_revenue_share_by_period_hand_computed():
    # month 1: 30 / (30 + 10 + 60) = 0.3; month 2: 60 / (60 + 20 + 20) = 0.6
    months = pd.DataFrame({"A": [30.0, 60.0], "B": [10.0, 20.0], "others": [60.0, 20.0]})
    shares = revenue_share_by_period(months)
    assert shares["A"].tolist() == pytest.approx([0.3, 0.6])
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0, 1.0])


@settings(deadline=None)  # a busy machine must not fail a correct property
@given(
    st.lists(
        st.lists(st.floats(0, 1e7, allow_nan=False), min_size=3, max_size=3).filter(
            lambda row: sum(row) > 1e-3
        ),
        min_size=1,
        max_size=12,
    )
)
def test_revenue_share_by_period_rows_add_up_to_one_and_match_revenue_share(rows):
    frame = pd.DataFrame(rows, columns=["A", "B", "C"])
    shares = revenue_share_by_period(frame)
    assert np.allclose(shares.sum(axis=1), 1.0)
    first = revenue_share(frame.iloc[0].rename_axis("account"))
    assert np.allclose(shares.iloc[0].to_numpy(), first.to_numpy())


def test_revenue_share_by_period_bad_inputs():
    with pytest.raises(ValueError, match=r"period 1 adds up to 0 €"):
        revenue_share_by_period(pd.DataFrame({"A": [1.0, 0.0], "B": [1.0, 0.0]}))
    with pytest.raises(ValueError, match=r'The revenue of account "B" is negative'):
        revenue_share_by_period(pd.DataFrame({"A": [1.0], "B": [-1.0]}))
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        revenue_share_by_period([1, 2])


def test_sample_generators_live_in_lessons_samples_and_old_names_still_work():
    from lessons import accounts, kpi_history, samples, scorecard

    assert accounts.load_sample_portfolio is samples.load_sample_portfolio
    assert scorecard.sample_account_history is samples.sample_account_history
    assert kpi_history.sample_kpi_history is samples.sample_kpi_history
    first = samples.load_sample_portfolio()
    first.loc[0, "revenue"] = -1  # a learner's edit of one copy never reaches the next
    assert (samples.load_sample_portfolio()["revenue"] > 0).all()


def test_the_package_exposes_every_public_name_of_its_modules():
    from lessons import accounts

    modules = (accounts.revenue, accounts.risk, accounts.portfolio, accounts.profit)
    names = [name for m in modules for name in m.__all__]
    assert sorted(accounts.__all__) == sorted([*names, "load_sample_portfolio"])
    assert all(getattr(accounts, name) is getattr(m, name) for m in modules for name in m.__all__)
