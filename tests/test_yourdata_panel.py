"""Tests of the "your data" panel and charts: wiring, errors in words, escaping."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lessons.charts import yourdata as charts
from lessons.widgets.yourdata import report_html, yourdata_panel
from lessons.yourdata import analyze_file, sample_file


@pytest.fixture(scope="module")
def sample_report():
    return analyze_file(sample_file(), customer="Client", amount="Montant HT", date="Date")


@pytest.fixture
def panel():
    return yourdata_panel(dpi=40)


def test_panel_starts_with_the_bundled_sample(panel):
    assert panel.report.customers == 40
    assert panel.mapping() == {
        "customer": "Client",
        "amount": "Montant HT",
        "date": "Date",
        "strategic_value": None,
        "growth_potential": None,
        "engagement": None,
    }
    assert "Banque Lumière" in panel.tables.value
    assert '<img class="lessons-figure" alt="Pareto curve of 40' in panel.figure.value
    assert 'alt="Bar chart of revenue for 18 months' in panel.monthly.value
    assert panel.message.value == ""


def test_uploaded_file_is_mapped_guessed_and_analysed(panel):
    content = b"Nom client,Montant,engagement\nA,100,5\nB,300,1\nC,600,3\n"
    panel._on_upload({"new": [{"name": "mine.csv", "content": memoryview(content)}]})
    assert panel.mapping()["customer"] == "Nom client"
    assert panel.mapping()["engagement"] == "engagement"
    assert panel.mapping()["date"] is None
    assert panel.report.customers == 3 and panel.report.scores is not None
    assert panel.monthly.value == ""  # no date column, no monthly chart
    assert "mine.csv" in panel.source.value


def test_a_bad_file_is_explained_and_the_last_report_stays(panel):
    before = panel.tables.value
    assert not panel.load(b"customer;amount\nA;ten\nB;2\n", "bad.csv")
    assert "row 2: &#x27;ten&#x27;" in panel.message.value
    assert "role='alert'" in panel.message.value
    assert panel.tables.value == before and panel.report.customers == 40


def test_empty_upload_is_explained(panel):
    assert not panel.load(b"", "empty.csv")
    assert "empty.csv is empty" in panel.message.value


def test_changing_the_mapping_then_analyze(panel):
    panel.load(b"who;what;amount\nA;x;10\nB;y;30\nB;y;5\n", "two.csv")
    panel.columns["customer"].value = "what"
    panel.analyze_button.click()
    assert panel.report.revenue.to_dict() == {"y": 35.0, "x": 10.0}
    panel.columns["amount"].value = "who"
    panel.analyze_button.click()
    assert "not amounts" in panel.message.value
    assert panel.report.revenue.to_dict() == {"y": 35.0, "x": 10.0}


def test_separator_option_reads_the_header_again(panel):
    panel.load(b"customer|amount\nA|1\nB|3\n", "pipe.csv")
    assert panel.report.customers == 2
    panel.options["sep"].value = ";"
    assert list(panel.columns["customer"].options) == ["customer|amount"]


def test_excel_upload(panel):
    buffer = io.BytesIO()
    pd.DataFrame({"Client": ["A", "B"], "CA": [10.0, 30.0]}).to_excel(buffer, index=False)
    assert panel.load(buffer.getvalue(), "ventes.xlsx", mapping={"amount": "CA"})
    assert panel.report.largest_customer == "B"


def test_names_from_the_file_are_escaped(panel):
    content = b'customer,amount\n<script>alert(1)</script>,10\n"<b>B</b>",30\n'
    assert panel.load(content, "<i>x</i>.csv")
    page = panel.tables.value + panel.source.value
    assert "<script>" not in page and "<b>B" not in page and "<i>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_report_html_has_every_section(sample_report):
    page = report_html(sample_report)
    for text in (
        "Revenue share of the top 1 %",
        "Share of customers making 80 %",
        "Herfindahl-Hirschman index (0-10,000)",
        "! risk: at least 15.0 %",
        "Key-account candidates by revenue: class A (15; 15 shown)",
        "a candidate, not automatically a key account",
        "over the last two months",
    ):
        assert text in page


def test_report_figure_has_pareto_and_top_customers(sample_report):
    fig = charts.plot(sample_report)
    left, right = fig.axes[:2]
    assert left.get_xlabel() == "Share of accounts, largest first"
    assert right.get_xlabel() == "Share of total revenue"
    assert len(right.patches) == 10
    text = charts.alt_text(sample_report)
    assert "Pareto curve of 40 accounts" in text and "Banque Lumière 27.1 %" in text


def test_monthly_chart_and_alt_text(sample_report):
    fig = charts.plot_monthly_revenue(sample_report.monthly_revenue, sample_report.monthly_growth)
    top, low = fig.axes
    assert len(top.patches) == 18 and len(low.patches) == 18
    assert top.get_ylabel() == "Revenue (€)"
    alt = charts.alt_text_monthly_revenue(
        sample_report.monthly_revenue, sample_report.monthly_growth
    )
    assert alt.startswith("Bar chart of revenue for 18 months, Jan 2024 to Jun 2025")
    assert "month-over-month growth" in alt


def test_chart_inputs_are_checked():
    with pytest.raises(TypeError, match=r"plot needs the report of lessons\.yourdata\.analyze"):
        charts.plot(pd.Series([1.0]))
    with pytest.raises(ValueError, match=r"The monthly revenue is empty: map a date column"):
        charts.alt_text_monthly_revenue(pd.Series([], dtype=float))


def test_a_name_matplotlib_reads_as_maths_is_drawn_as_typed(panel):
    content = b"customer,amount\n$x^$,60\n$100 & co,30\nPlain,10\n"
    assert panel.load(content, "maths.csv"), panel.message.value
    assert panel.report.largest_customer == "$x^$"
    labels = [t.get_text() for t in charts.plot(panel.report).axes[1].get_yticklabels()]
    assert r"\$x^\$" in labels and r"\$100 & co" in labels


def test_a_failed_load_leaves_every_output_as_it_was(panel, monkeypatch):
    before = (panel.report, panel.tables.value, panel.figure.value, panel.monthly.value)

    def broken(report):
        raise RuntimeError("the figure could not be drawn")

    monkeypatch.setattr(charts, "plot", broken)
    assert not panel.load(b"customer,amount\nA,60\nB,40\n", "new.csv")
    assert (panel.report, panel.tables.value, panel.figure.value, panel.monthly.value) == before
    assert "the figure could not be drawn" in panel.message.value
    assert "still the last one that worked (sample_transactions_fr.csv)" in panel.message.value


def test_notes_are_shown_and_escaped(panel):
    content = b"customer;amount\n<b>A</b>;10\nB;5\nTotal;15\n"
    assert panel.load(content, "totals.csv")
    assert "Left out 1 total row(s)" in panel.tables.value
    assert "<b>A" not in panel.tables.value


def test_excel_sheets_are_offered_and_an_empty_first_sheet_is_explained(panel):
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer) as writer:
        pd.DataFrame().to_excel(writer, sheet_name="Notes", index=False)
        pd.DataFrame({"Client": ["A", "B"], "CA": [10.0, 30.0]}).to_excel(
            writer, sheet_name="Ventes", index=False
        )
    assert not panel.load(buffer.getvalue(), "ventes.xlsx")
    assert "“Sheet: Ventes” in the panel" in panel.message.value
    menu = panel.options["sheet"]
    assert menu.layout.display is None and [v for _, v in menu.options] == [None, "Notes", "Ventes"]
    menu.value = "Ventes"
    panel.columns["amount"].value = "CA"
    assert panel.analyze() and panel.report.largest_customer == "B"
    panel.load(b"customer;amount\nA;1\nB;3\n", "plain.csv")
    assert menu.layout.display == "none"
