"""Key-account charts: figures with titles and labels, alt texts with the computed numbers."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lessons import tables
from lessons.accounts import (
    QUADRANTS,
    concentration,
    key_account_score,
    loss_impact,
    pareto_readings,
    pareto_table,
    portfolio_matrix,
    quadrant_label,
)
from lessons.charts import accounts as charts
from lessons.samples import load_sample_portfolio

# Shares 50 %, 30 %, 15 %, 5 %: two accounts (50 % of them) reach 80 % of revenue;
# HHI = 2,500 + 900 + 225 + 25 = 3,650.
FOUR = pd.Series({"Bank": 500.0, "Retailer": 300.0, "Hotel": 150.0, "Cafe": 50.0})
# Big is the largest by revenue, Partner the strongest on every other criterion.
TWO = pd.DataFrame(
    {
        "account": ["Big", "Partner"],
        "revenue": [900, 300],
        "strategic_value": [2, 5],
        "growth_potential": [1, 4],
        "engagement": [2, 5],
    }
)


def _line(ax, label_start):
    return next(line for line in ax.get_lines() if line.get_label().startswith(label_start))


def test_pareto_has_title_labels_and_draws_the_computed_80_percent_reading():
    fig = charts.plot_pareto(pareto_table(FOUR))
    ax = fig.axes[0]
    assert isinstance(fig, Figure)
    assert ax.get_title() == "Who brings the revenue? Pareto curve of 4 accounts"
    assert ax.get_xlabel() == "Share of accounts, largest first"
    assert ax.get_ylabel() == "Cumulative share of revenue"
    reading = _line(ax, "80 % of revenue")
    assert list(reading.get_xdata()) == [0, 0.5, 0.5]
    assert reading.get_label() == "80 % of revenue: 50 % of accounts (computed)"
    curve = _line(ax, "Cumulative share")
    assert list(curve.get_xdata()) == [0, 0.25, 0.5, 0.75, 1.0]
    assert list(curve.get_ydata()) == pytest.approx([0, 0.5, 0.8, 0.95, 1.0])


def test_pareto_shades_one_band_per_class_and_draws_given_cuts_and_top_n():
    table = pareto_table(FOUR, a=0.5, b=0.8)  # A: Bank; B: Retailer; C: Hotel, Cafe
    ax = charts.plot_pareto(table, thresholds=(0.5, 0.8), top_n=2).axes[0]
    assert [p.get_x() for p in ax.patches] == pytest.approx([0.0, 0.25, 0.5])
    texts = [t.get_text() for t in ax.texts]
    assert {"A", "B", "C", "A/B cut 50 %", "B/C cut 80 %"} <= set(texts)
    assert _line(ax, "Top 2 accounts").get_label() == "Top 2 accounts: 80 % of revenue"


def test_pareto_alt_text_gives_the_computed_numbers():
    text = charts.alt_text_pareto(pareto_table(FOUR), thresholds=(0.8, 0.95), top_n=3)
    assert "Pareto curve of 4 accounts" in text
    assert "the largest 50 % of accounts bring 80 % of revenue" in text
    assert "HHI 3,650" in text
    assert "Classes: A 2 accounts (80.0 % of revenue), B 1, C 1" in text
    assert "Class A closes at 80 % of revenue, class B at 95 %." in text
    assert "The top 3 accounts bring 95.0 %." in text


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10_000), min_size=2, max_size=30))
def test_pareto_reading_is_always_the_one_lessons_accounts_computes(amounts):
    revenue = pd.Series(amounts, index=[f"c{i}" for i in range(len(amounts))], dtype=float)
    ax = charts.plot_pareto(pareto_table(revenue)).axes[0]
    expected = concentration(revenue).customers_share_for(0.8)
    assert _line(ax, "80 % of revenue").get_xdata()[1] == pytest.approx(expected)


def test_pareto_figure_and_alt_text_read_what_they_are_given_and_keep_no_memory():
    table = pareto_table(FOUR)
    readings = pareto_readings(table)
    assert charts.alt_text_pareto(table, readings) == charts.alt_text_pareto(table)
    # No cache in the chart: a table edited in place is read again when no readings are given.
    table.loc["Cafe", "revenue"] = 0.0
    table.loc["Bank", "revenue"] = 550.0
    assert "HHI 3,650" not in charts.alt_text_pareto(table)
    assert "HHI 3,650" in charts.alt_text_pareto(table, readings)  # what it was given
    assert not hasattr(charts, "_READS")
    with pytest.raises(TypeError, match="needs the readings of a Pareto table"):
        charts.plot_pareto(table, {"hhi": 3650})


def test_pareto_is_fast_to_redraw():
    ax = charts.plot_pareto(pareto_table(FOUR), thresholds=(0.8, 0.95), top_n=2).axes[0]
    assert ax.figure.get_layout_engine() is None  # fixed margins: no extra layout draw per save
    assert len(ax.get_xticks()) <= 5 and len(ax.get_yticks()) <= 5
    assert ax.get_legend() is None  # one text as the key: drawn several times faster
    key = next(t.get_text() for t in ax.texts if "80 % of revenue" in t.get_text())
    assert "◆ Top 20 % of accounts" in key and "■ Top 2 accounts: 80 % of revenue" in key


def test_pareto_refuses_anything_but_a_pareto_table():
    with pytest.raises(TypeError, match=r"plot_pareto needs the table returned by lessons\.acc"):
        charts.plot_pareto(FOUR)
    with pytest.raises(ValueError, match="abc_class"):
        charts.plot_pareto(pd.DataFrame({"revenue": [1.0]}))


def test_matrix_labels_quadrants_and_names_the_largest_and_most_attractive():
    matrix = portfolio_matrix(load_sample_portfolio())
    fig = charts.plot_portfolio_matrix(matrix, label_top=2)
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts}
    # The corner names are the catalog's labels, word for word (the chapter glues the same).
    assert {quadrant_label(code) for code in QUADRANTS} <= texts
    # largest two by revenue and most attractive two
    assert {"Vantor Retail Group", "Banque Méridienne", "Brightwell Health"} <= texts
    assert ax.get_xlabel() == "Our strength with the account (0 to 1)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Key account (2)", "Develop (4)", "Maintain (1)", "Opportunistic (18)"]


def test_matrix_alt_text_names_where_the_largest_account_sits():
    text = charts.alt_text_portfolio_matrix(portfolio_matrix(TWO))
    assert "Scatter chart of 2 accounts" in text
    assert "Accounts per quadrant: Key account 1 (Partner); Develop 0; Maintain 1;" in text
    assert "The largest account by revenue, Big, sits in the Maintain quadrant" in text
    assert "(attractiveness 0.42, strength 0.62)" in text


def test_scores_chart_joins_revenue_rank_to_score_rank_and_marks_the_largest():
    scores = key_account_score(TWO)
    fig = charts.plot_scores(scores, weights={"revenue": 0.5, "engagement": 0.5})
    ax = fig.axes[0]
    lines = {tuple(line.get_ydata()): line.get_linewidth() for line in ax.get_lines()}
    assert lines[(1, 2)] == 3  # Big: first by revenue, second by score, thick
    assert (2, 1) in lines  # Partner climbs
    texts = [t.get_text() for t in ax.texts]
    partner, big = scores.loc["Partner", "score"], scores.loc["Big", "score"]
    assert f"#1 Partner ({partner:.0f})" in texts and f"#2 Big ({big:.0f})" in texts
    assert "weights: Revenue 50 %, Engagement 50 %" in texts
    assert [t.get_text() for t in ax.texts if t.get_gid() == "column"] == [
        "Rank by revenue",
        "Rank by weighted score (score 0–100)",
    ]
    assert fig.get_layout_engine() is None  # fixed margins: no extra layout draw per save


def test_scores_alt_text_says_the_biggest_customer_is_not_first():
    scores = key_account_score(TWO)
    partner, big = scores.loc["Partner", "score"], scores.loc["Big", "score"]
    text = charts.alt_text_scores(scores)
    assert f"First by score: Partner (score {partner:.0f}, revenue rank 2)" in text
    assert f"The largest account by revenue, Big, ranks 2 by score (score {big:.0f})" in text


def test_loss_impact_chart_and_alt_text_use_the_computed_impact():
    impact = loss_impact(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100}), "Bank")
    fig = charts.plot_loss_impact(impact)
    revenue, hhi = fig.axes
    assert [p.get_height() for p in revenue.patches] == [1000.0, 400.0]
    assert [p.get_height() for p in hhi.patches] == pytest.approx([4600.0, 6250.0])
    assert fig.get_suptitle() == "If we lose Bank (60.0 % of revenue)"
    text = charts.alt_text_loss_impact(impact)
    assert "from €1,000 to €400 (−60.0 %)" in text
    assert "from 4,600 to 6,250" in text
    assert "Retailer, then holds 75.0 % of revenue" in text


def test_loss_impact_refuses_a_name_instead_of_an_impact():
    with pytest.raises(TypeError, match=r"needs the result of\s+lessons\.accounts\.loss_impact"):
        charts.plot_loss_impact("Bank")


def test_tables_escape_account_names():
    revenue = pd.Series({"<script>alert(1)</script>": 600.0, "A&B": 400.0})
    table = pareto_table(revenue)
    abc = tables.abc_table_html(table)
    assert "<script>" not in abc
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in abc and "A&amp;B" in abc
    conc = tables.concentration_html(pareto_readings(table))
    assert "<script>" not in conc and "5,200" in conc  # 3,600 + 1,600
    loss = tables.loss_impact_html(loss_impact(revenue, "A&B"))
    assert "A&amp;B" in loss and "<script>" not in loss


def test_result_tables_label_every_cell_for_a_phone():
    table = pareto_table(FOUR)
    scores = key_account_score(
        pd.DataFrame(
            {
                "account": FOUR.index,
                "revenue": FOUR.to_numpy(),
                "strategic_value": [1, 5, 3, 2],
                "growth_potential": [1, 5, 3, 2],
                "engagement": [1, 5, 3, 2],
            }
        )
    )
    texts = [
        tables.abc_table_html(table, scores),
        tables.concentration_html(pareto_readings(table)),
        tables.loss_impact_html(loss_impact(FOUR, "Bank")),
        tables.history_table_html(pd.Series([0.9, 0.95], index=[1, 2]), "%", ["at risk"] * 2),
    ]
    for text in texts:
        cells = text.count("<td")
        assert cells and text.count("<td data-label=") == cells
        assert "class='lessons-table" in text and "role='region'" in text
    assert "data-label='Score rank'" in texts[0] and "€500" in texts[0]


def test_abc_table_lists_the_first_rows_and_counts_the_rest():
    table = pareto_table(load_sample_portfolio().set_index("account")["revenue"])
    text = tables.abc_table_html(table, limit=5)
    assert text.count("<tr>") == 1 + 5  # header and five accounts
    assert "… and 20 more accounts" in text


def test_weights_html_shows_normalised_weights_in_percent():
    text = tables.weights_html({"revenue": 0.125, "strategic_value": 0.875})
    assert "Revenue 12 %, Strategic value 88 %" in text


def test_charts_draw_figures_only():
    html_builders = {"abc_table_html", "concentration_html", "loss_impact_html", "weights_html"}
    assert not html_builders & set(dir(charts))
    from lessons.charts import kpi, scorecard

    assert not {"history_table_html", "smart_findings_html"} & set(dir(kpi))
    assert "scorecard_table_html" not in dir(scorecard)


# --------------------------------------------------------------------------------------------
# What the chapter says agrees with what the charts draw
# --------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
# The HHI, the thresholds and the matrix moved from the first chapter to Going further (issue 11).
CHAPTER = (ROOT / "book" / "beyond.md").read_text(encoding="utf-8")


def _glued(notebook: str) -> dict:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return {
        output["metadata"]["scrapbook"]["name"]: output["data"]
        for cell in cells
        for output in cell.get("outputs", [])
        if "scrapbook" in output.get("metadata", {})
    }


def test_the_chapter_and_the_chart_name_the_quadrants_the_same():
    # Failed before: the chapter described the boxes in words of its own while the chart
    # wrote KEY ACCOUNT, DEVELOP, ... in capitals. Now both come from the catalog.
    keys = re.findall(r"\{glue:text\}`\.\./notebooks/portfolio_explorer\.ipynb::(\w+):s`", CHAPTER)
    keys = [key for key in keys if key.startswith("quadrant_")]
    codes = {f"quadrant_{code.replace(' ', '_')}": code for code in QUADRANTS}
    assert sorted(keys) == sorted(codes)
    glued = _glued("portfolio_explorer.ipynb")
    for key, code in codes.items():
        assert glued[key]["application/papermill.record/text/plain"] == repr(quadrant_label(code))
    ax = charts.plot_portfolio_matrix(portfolio_matrix(load_sample_portfolio())).axes[0]
    assert {quadrant_label(code) for code in QUADRANTS} <= {t.get_text() for t in ax.texts}


def test_the_hhi_line_of_the_loss_chart_is_a_reference_not_a_rule():
    # Failed before: the chart said "(US rule)" where the chapter says "never as a rule".
    impact = loss_impact(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100}), "Bank")
    texts = [t.get_text() for t in charts.plot_loss_impact(impact).axes[1].texts]
    label = next(text for text in texts if text.startswith("1,800"))
    assert "rule" not in label.lower()
    assert "US merger guidelines, 2023" in label and "a reference" in label
    assert "never as a rule" in CHAPTER
    assert "disclosure threshold" in CHAPTER and "major-customer rule" not in CHAPTER
    beyond = (ROOT / "book" / "beyond.md").read_text(encoding="utf-8")
    assert "a disclosure threshold, not a rule for choosing\nkey accounts" in beyond


def test_the_course_reads_the_hhi_on_one_scale_from_0_to_10000():
    # Failed before: the chapter defined the HHI on 0 to 1 and the rest of the course used
    # 0 to 10,000. The 0-1 form is named as the same index divided by 10,000.
    assert "(customer's share of revenue, in %)²" in CHAPTER
    assert "from 0 to 10,000" in CHAPTER and "equivalent, normalised form" in CHAPTER
    assert "runs from close to 0 (revenue spread over very" not in CHAPTER
    assert (
        concentration(pd.Series({"a": 1, "b": 1, "c": 1, "d": 1})).hhi == 2_500
    )  # "2,500 for four"
