"""The key-account scorecard: its charts and its live panel."""

import pandas as pd
import pytest

from lessons import tables
from lessons.charts import scorecard as chart
from lessons.kpis import status_series
from lessons.scorecard import (
    DEFAULT_TARGETS,
    account_monthly,
    account_scorecard,
    sample_account_history,
)
from lessons.widgets.scorecard import scorecard_panel

HISTORY = sample_account_history(seed=0)
CARD = account_scorecard(HISTORY)
MONTHLY = account_monthly(HISTORY)


@pytest.fixture(scope="module")
def shared_panel():
    return scorecard_panel()


@pytest.fixture
def panel(shared_panel):
    shared_panel.reset()
    return shared_panel


def _cell_texts(fig, gid=None):
    """The texts of the grid: its cells, or its ``"header"`` or ``"account"`` labels."""
    return [t.get_text() for t in fig.axes[0].texts if t.get_gid() == gid]


def test_grid_has_one_cell_per_account_and_kpi_with_symbol_and_value():
    fig = chart.plot_scorecard(CARD)
    texts = _cell_texts(fig)
    assert len(texts) == len(CARD) == 20
    first = CARD.iloc[0]
    symbol = {"on track": "✓", "at risk": "!", "off track": "✗"}[first["status"]]
    assert texts[0].startswith(symbol)
    assert _cell_texts(fig, "account") == list(dict.fromkeys(CARD["account"]))
    headers = _cell_texts(fig, "header")
    assert fig.get_layout_engine() is None  # fixed margins: no extra layout draw per save
    assert headers[-1] == "On time\n≥ 95.0 %" and headers[1] == "Revenue share\n≤ 25.0 %"


def test_grid_outlines_the_selected_account_and_names_the_tolerance():
    fig = chart.plot_scorecard(CARD, highlight="Hollis Aerostructures", tolerance=0.1)
    ax = fig.axes[0]
    outline = [p for p in ax.patches if not p.get_fill()]
    assert len(outline) == 1 and outline[0].get_y() == 2  # third account, from the top
    assert "At risk = missed by at most 10 % of the target." in ax.get_xlabel()


def test_grid_alt_text_counts_statuses_per_account():
    text = chart.alt_text_scorecard(CARD)
    for account in dict.fromkeys(CARD["account"]):
        counts = CARD.loc[CARD["account"] == account, "status"].value_counts()
        assert (
            f"{account}: {counts.get('on track', 0)} on track, "
            f"{counts.get('at risk', 0)} at risk, {counts.get('off track', 0)} off track."
        ) in text


def test_trend_shows_revenue_and_on_time_rate_against_target():
    rows = MONTHLY[MONTHLY["account"] == "Banque Méridienne"]
    statuses = status_series(rows["on_time_rate"], 0.95)
    fig = chart.plot_account_trend(MONTHLY, "Banque Méridienne", statuses, 0.95)
    revenue, on_time = fig.axes
    assert [p.get_height() for p in revenue.patches] == rows["revenue"].tolist()
    # Four month ticks, counted back from the last month (the live panel redraws fast), written
    # by lessons.format in the learner's language.
    ticks = [t.get_text() for t in revenue.get_xticklabels()]
    assert ticks == ["Mar 2024", "Jun 2024", "Sep 2024", "Dec 2024"]
    assert revenue.yaxis.get_major_formatter()(150_000, 0) == "€150K"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "target 95.0 %" and "✓ on track" in legend
    assert on_time.get_title() == "On-time deliveries"
    assert fig.get_suptitle() == "Banque Méridienne"
    text = chart.alt_text_account_trend(MONTHLY, "Banque Méridienne", statuses, 0.95)
    on = int((statuses == "on track").sum())
    assert f"on track against the 95.0 % target in {on} of 12 months" in text


def test_charts_refuse_what_is_not_a_scorecard_or_an_account():
    with pytest.raises(TypeError, match=r"needs the table returned by lessons\.scorecard"):
        chart.plot_scorecard(MONTHLY)
    with pytest.raises(ValueError, match='"Bnak" is not one of the key accounts: Banque M'):
        chart.plot_account_trend(MONTHLY, "Bnak", [], 0.95)
    with pytest.raises(ValueError, match='"Bnak" is not one of the key accounts'):
        tables.scorecard_table_html(CARD, "Bnak")


def test_table_escapes_account_names():
    history = HISTORY.replace({"account": {"Brightwell Health": "<b>Bright</b> & Co"}})
    card = account_scorecard(history)
    text = tables.scorecard_table_html(card, "<b>Bright</b> & Co")
    assert "<b>Bright" not in text and "&lt;b&gt;Bright&lt;/b&gt; &amp; Co" in text


def test_panel_renders_grid_trend_and_the_selected_accounts_table(panel):
    assert panel.figure.value.count("<img") == 2
    assert 'alt="Scorecard of 4 key accounts on 5 KPIs.' in panel.figure.value
    assert "KPIs of Vantor Retail Group" in panel.table.value
    assert panel.message.value == ""


def test_panel_one_render_per_change_and_per_reset(panel):
    before = panel.renders
    panel.controls["csat"].value = 0.6
    panel.set(account="Banque Méridienne", on_time_rate=0.9)
    panel.reset_button.click()
    assert panel.renders == before + 3
    assert panel.values()["on_time_rate"] == DEFAULT_TARGETS["on_time_rate"]


def test_panel_targets_change_statuses_as_lessons_scorecard_says(panel):
    panel.set(account="Hollis Aerostructures", on_time_rate=0.85)
    card = account_scorecard(
        HISTORY, targets={**DEFAULT_TARGETS, "on_time_rate": 0.85}, tolerance=0.05
    )
    row = card[(card["account"] == "Hollis Aerostructures") & (card["kpi"] == "on_time_rate")]
    assert row["status"].item() == "on track"
    assert "KPIs of Hollis Aerostructures" in panel.table.value
    assert panel.table.value.count("✓ on track") == (
        card.loc[card["account"] == "Hollis Aerostructures", "status"].eq("on track").sum()
    )


def test_every_numeric_control_changes_the_figure(panel):
    for name, control in panel.controls.items():
        if not hasattr(control, "min"):
            continue
        panel.reset()
        before = panel.figure.value
        control.value = control.max if control.value != control.max else control.min
        assert panel.figure.value != before, name


def test_panel_on_another_history():
    history = HISTORY[HISTORY["account"].isin(["Banque Méridienne", "Brightwell Health"])]
    other = scorecard_panel(pd.DataFrame(history))
    assert other.controls["account"].options == (
        ("Banque Méridienne", "Banque Méridienne"),
        ("Brightwell Health", "Brightwell Health"),
    )
    assert 'alt="Scorecard of 2 key accounts' in other.figure.value


def test_a_target_redraws_the_grid_only_and_the_account_redraws_the_trend(panel):
    def images():
        return panel.figure.value.split("<img")[1:]

    grid, trend = images()
    panel.set(on_time_rate=0.9)
    new_grid, same_trend = images()
    assert new_grid != grid and same_trend == trend
    panel.set(account="Brightwell Health")
    assert images()[1] != trend
    assert "Brightwell Health month by month" in images()[1]


@pytest.mark.parametrize(
    ("targets", "tolerance"),
    [
        ({}, 0.05),
        ({"on_time_rate": 0.85, "csat": 0.5}, 0.0),
        ({"revenue_growth": -0.1, "revenue_share": 0.1, "average_satisfaction": 4.5}, 0.2),
    ],
)
def test_panel_scorecard_is_exactly_lessons_scorecard(panel, targets, tolerance):
    goals = {**DEFAULT_TARGETS, **targets}
    expected = account_scorecard(HISTORY, targets=goals, tolerance=tolerance)
    pd.testing.assert_frame_equal(panel.scorecard(goals, tolerance), expected)
