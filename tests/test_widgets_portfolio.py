"""The portfolio explorer: renders, one render per change, refused inputs explained."""

import pandas as pd
import pytest

from lessons.accounts import (
    key_account_score,
    load_sample_portfolio,
    loss_impact,
    pareto_table,
)
from lessons.widgets.portfolio import portfolio_panel

SMALL = pd.DataFrame(
    {
        "account": ["Bank", "<script>alert(1)</script>", "Hotel & Spa", "Cafe"],
        "revenue": [500, 300, 150, 50],
        "strategic_value": [2, 5, 3, 1],
        "growth_potential": [1, 4, 3, 2],
        "engagement": [2, 5, 2, 1],
    }
)


@pytest.fixture(scope="module")
def sample_panel():
    return portfolio_panel()


@pytest.fixture
def panel():
    return portfolio_panel(SMALL)


def _numeric(panel):
    return {k: c for k, c in panel.controls.items() if hasattr(c, "min")}


def test_first_render_shows_both_charts_tables_and_weights(sample_panel):
    panel = sample_panel
    panel.reset()
    assert panel.figure.value.count("<img") == 2
    assert 'alt="Pareto curve of 25 accounts' in panel.figure.value
    assert 'alt="Slope chart of the top 8 accounts' in panel.figure.value
    assert "ABC classes (by revenue)" in panel.tables.value
    assert "Herfindahl–Hirschman index" in panel.tables.value
    assert "Revenue 25 %, Strategic value 25 %, Growth potential 25 %, Engagement 25 %" in (
        panel.weights.value
    )
    assert panel.matrix.value.count("<img") == 1
    assert panel.message.value == ""


def test_the_biggest_customer_is_not_the_first_key_account(sample_panel):
    portfolio = load_sample_portfolio()
    scores = key_account_score(portfolio)
    largest = portfolio.loc[portfolio["revenue"].idxmax(), "account"]
    assert scores.index[0] != largest
    assert f"First by score: {scores.index[0]}" in sample_panel.figure.value
    assert f"The largest account by revenue, {largest}, ranks" in sample_panel.figure.value


def test_one_render_per_change_per_batch_and_per_reset(panel):
    before = panel.renders
    panel.controls["w_revenue"].value = 8.0
    assert panel.renders == before + 1
    panel.set(a=0.6, b=0.9, top_n=2)
    assert panel.renders == before + 2
    panel.reset_button.click()
    assert panel.renders == before + 3
    assert panel.values()["a"] == 0.8 and panel.values()["w_revenue"] == 5.0


def test_every_numeric_control_changes_the_figure(panel):
    for name, control in _numeric(panel).items():
        panel.reset()
        before = panel.figure.value
        control.value = control.max if control.value != control.max else control.min
        assert panel.figure.value != before or panel.message.value, name


def test_b_not_above_a_is_explained_and_the_last_chart_stays(panel):
    panel.set(a=0.7, b=0.9)
    good = panel.figure.value
    panel.set(b=0.65)
    assert "The B/C cut (65 %) must be above the A/B cut (70 %)" in panel.message.value
    assert "role='alert'" in panel.message.value
    assert panel.figure.value == good
    panel.set(b=0.95)
    assert panel.message.value == ""
    assert panel.figure.value != good


def test_all_weights_zero_is_explained_and_the_last_score_chart_stays(panel):
    good = panel.figure.value
    panel.set(w_revenue=0, w_strategic_value=0, w_growth_potential=0, w_engagement=0)
    assert "weights are all 0" in panel.message.value
    assert "Move at least one weight slider above 0" in panel.message.value
    assert panel.figure.value == good
    assert "none yet" in panel.weights.value
    panel.set(w_engagement=2)
    assert panel.message.value == ""
    assert "Engagement 100 %" in panel.weights.value


def test_weights_are_shown_normalised(panel):
    panel.set(w_revenue=6, w_strategic_value=2, w_growth_potential=2, w_engagement=0)
    assert "Revenue 60 %, Strategic value 20 %, Growth potential 20 %, Engagement 0 %" in (
        panel.weights.value
    )


def test_removing_a_customer_shows_the_computed_loss(panel):
    panel.set(remove="Bank")
    impact = loss_impact(SMALL.set_index("account")["revenue"], "Bank")
    assert "Losing Bank: €500 a year, 50.0 % of revenue" in panel.loss.value
    assert f"{impact.concentration_after.hhi:,.0f}" in panel.loss.value
    assert "Pareto curve without Bank" not in panel.figure.value  # title is in the image only
    assert 'alt="Pareto curve of 3 accounts' in panel.figure.value
    panel.set(remove=None)
    assert "Choose a customer" in panel.loss.value


def test_customer_names_are_escaped_everywhere(panel):
    panel.set(remove="Hotel & Spa")
    for part in (panel.figure, panel.tables, panel.matrix, panel.loss, panel.message):
        assert "<script>" not in part.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel.tables.value
    assert "Hotel &amp; Spa" in panel.loss.value


def test_concentration_table_uses_lessons_accounts(panel):
    table = pareto_table(SMALL.set_index("account")["revenue"])
    assert table["share"].iloc[0] == 0.5
    assert "50.0 %" in panel.tables.value  # largest share
    assert "3,650" in panel.tables.value  # HHI: 2,500 + 900 + 225 + 25


def test_unknown_control_is_a_clear_error(panel):
    with pytest.raises(ValueError, match=r"Unknown control\(s\) \['colour'\]: this panel has"):
        panel.set(colour="red")


def test_a_bad_portfolio_fails_with_the_accounts_message():
    with pytest.raises(ValueError, match="portfolio"):
        portfolio_panel(pd.DataFrame({"account": ["X"], "revenue": [1]}))


@pytest.mark.parametrize(
    ("portfolio", "remove"),
    [
        (SMALL.head(1), "Bank"),  # the only account removed: an empty portfolio
        (SMALL.head(2).assign(revenue=[500, 0]), "Bank"),  # what is left brings 0 €
    ],
)
def test_removing_every_account_with_revenue_says_so_not_to_move_a_weight(portfolio, remove):
    # Failed before: the panel said "Move at least one weight slider above 0".
    panel = portfolio_panel(portfolio)
    good = (panel.figure.value, panel.tables.value, panel.matrix.value)
    panel.set(remove=remove)
    text = panel.message.value
    assert text.count("role='alert'") == 1
    assert "No account with revenue is left without Bank" in text
    assert "Choose “nobody (keep every customer)” in “Lose”, or press Reset." in text
    assert "weight slider" not in text
    assert (panel.figure.value, panel.tables.value, panel.matrix.value) == good
    panel.reset()
    assert panel.message.value == ""


def test_a_weight_message_is_only_for_weights(panel):
    panel.set(w_revenue=0, w_strategic_value=0, w_growth_potential=0, w_engagement=0)
    assert panel.message.value.count("role='alert'") == 1
    assert "Move at least one weight slider above 0" in panel.message.value
