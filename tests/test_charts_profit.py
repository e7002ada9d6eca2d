"""The cost-to-serve figure: profit next to revenue per customer, and the whale curve."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from lessons.accounts import profit_by_account, whale_curve, whale_readings
from lessons.charts.profit import alt_text, plot
from lessons.charts.style import to_png
from lessons.samples import sample_profit


@pytest.fixture(scope="module")
def sample():
    table = sample_profit()
    curve = whale_curve(table["profit"])
    return table, curve, whale_readings(curve)


def test_two_panels_side_by_side_or_stacked_on_a_phone(sample):
    wide = plot(*sample)
    narrow = plot(*sample, phone=True)
    (a, b), (c, d) = wide.axes, narrow.axes
    assert a.get_position().y0 == pytest.approx(b.get_position().y0, abs=0.05)  # side by side
    assert c.get_position().y0 > d.get_position().y1  # one above the other
    assert narrow.get_size_inches()[0] < wide.get_size_inches()[0]
    assert to_png(narrow)[:4] == b"\x89PNG"


def test_customers_are_listed_largest_revenue_first(sample):
    ax = plot(*sample).axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels[0] == "Vantor Retail Group" and len(labels) == 25
    assert ax.yaxis_inverted()


def test_the_chart_draws_the_readings_it_is_given_and_computes_none(sample):
    table, curve, readings = sample
    fake = dataclasses.replace(readings, peak_share=1.5, peak_count=3)
    texts = [text.get_text() for text in plot(table, curve, fake).axes[1].texts]
    assert any("150 %" in text and "3 most profitable" in text for text in texts)


def test_the_alt_text_says_what_the_figure_shows(sample):
    text = alt_text(*sample)
    assert "Vantor Retail Group" in text and "−€218,500" in text
    assert "17 most profitable" in text and "134 %" in text and "8 customers lose money" in text


def test_a_customer_name_with_a_dollar_sign_is_drawn_as_typed():
    accounts = pd.DataFrame(
        {
            "account": ["Cash $ Carry", "Other"],
            "revenue": [100_000, 50_000],
            "discount_rate": [0.0, 0.0],
            "manager_hours": [0, 0],
            "tailored_work": [0, 60_000],
        }
    )
    table = profit_by_account(accounts, gross_margin=0.5, hourly_cost=0)
    curve = whale_curve(table["profit"])
    fig = plot(table, curve, whale_readings(curve))
    assert fig.axes[0].get_yticklabels()[0].get_text() == r"Cash \$ Carry"
    to_png(fig)  # draws without a mathtext error


def test_a_table_without_profit_is_refused_with_what_to_pass(sample):
    table, curve, readings = sample
    with pytest.raises(ValueError, match="profit_by_account"):
        plot(table[["revenue"]], curve, readings)
