"""The KPI builder, its chart (KPI vs target with status) and its sample history."""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons import tables
from lessons.charts import kpi as chart
from lessons.kpi_history import sample_kpi_history
from lessons.kpis import KPI, smart_check, status_series
from lessons.widgets.kpi_builder import UNITS, kpi_builder_panel

VALUES = pd.Series([0.90, 0.94, 0.97], index=pd.Index([1, 2, 3], name="period"))
STATUSES = ["off track", "at risk", "on track"]


@pytest.fixture
def panel():
    return kpi_builder_panel()


# -- the chart ---------------------------------------------------------------------------------


def test_chart_has_title_labels_target_line_and_one_marker_shape_per_status():
    fig = chart.plot_kpi_vs_target(VALUES, 0.95, "%", "higher", STATUSES, "On-time rate")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "On-time rate"
    assert ax.get_xlabel() == "Measurement period"
    assert ax.get_ylabel() == "Value (%), higher is better"
    target = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [list(line.get_ydata()) for line in target] == [[0.95, 0.95]]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["target 95.0 %", "✓ on track", "! at risk", "✗ off track"]
    shapes = {h.get_marker() for h in ax.get_legend().legend_handles[1:]}
    assert shapes == {"o", "^", "X"}  # status is never colour alone


def test_chart_is_fast_to_redraw_and_shortens_a_long_name():
    name = "Share of key-account orders delivered complete and on time, every region " * 2
    fig = chart.plot_kpi_vs_target(VALUES, 0.95, "%", "higher", STATUSES, name)
    assert fig.get_layout_engine() is None  # fixed margins: no extra layout draw per save
    title = fig.axes[0].get_title(loc="left")
    assert title.endswith("…") and len(title) <= 60 and title.startswith("Share of key-account")
    assert len(fig.axes[0].get_xticks()) <= 5


def test_chart_without_target_shows_values_and_says_there_is_no_status():
    ax = chart.plot_kpi_vs_target(VALUES, None, "%", "higher", None, "Churn").axes[0]
    assert "No target" in ax.texts[0].get_text()
    assert ax.get_legend() is None
    text = chart.alt_text_kpi_vs_target(VALUES, None, "%", "higher")
    assert "There is no target, so no period has a status." in text


def test_chart_alt_text_gives_the_numbers_and_status_counts():
    text = chart.alt_text_kpi_vs_target(
        VALUES, 0.95, "%", "higher", STATUSES, "On-time rate", tolerance=0.05
    )
    assert "from 90.0 % in period 1 to 97.0 % in period 3" in text
    assert "target 95.0 % (at risk within 5 %)" in text
    assert "Periods on track: 1, at risk: 1, off track: 1. Latest status: on track." in text


def test_chart_refuses_unknown_statuses_and_wrong_lengths():
    with pytest.raises(ValueError, match=r"'fine' is not a status: use one of on track"):
        chart.plot_kpi_vs_target(VALUES, 0.95, "%", "higher", ["fine"] * 3)
    with pytest.raises(ValueError, match="statuses has 2 values but values has 3"):
        chart.plot_kpi_vs_target(VALUES, 0.95, "%", "higher", STATUSES[:2])
    with pytest.raises(TypeError, match="values must be a pandas Series indexed by period"):
        chart.plot_kpi_vs_target([0.9, 0.95], 0.95, "%", "higher", STATUSES[:2])


def test_findings_html_escapes_typed_text_and_marks_each_letter():
    kpi = KPI("<img src=x onerror=alert(1)>", "a / b", "%", "higher", 0.5, "", "", "")
    text = tables.smart_findings_html(smart_check(kpi), score=2)
    assert "<img" not in text and "&lt;img src=x" in text
    assert text.count("✓") + text.count("✗") == len(smart_check(kpi))
    assert "SMART check: 2 of 5 letters pass" in text


# -- the sample history ------------------------------------------------------------------------


def test_history_is_seeded_and_shaped_as_documented():
    a = sample_kpi_history(0.95, "higher", seed=3, unit="%")
    b = sample_kpi_history(0.95, "higher", seed=3, unit="%")
    c = sample_kpi_history(0.95, "higher", seed=4, unit="%")
    pd.testing.assert_series_equal(a, b)
    assert not a.equals(c)
    assert a.index.tolist() == list(range(1, 13)) and a.index.name == "period"


@settings(max_examples=30, deadline=None)
@given(
    level=st.floats(min_value=0.01, max_value=1e6),
    direction=st.sampled_from(["higher", "lower"]),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_history_is_never_negative_and_improves_towards_the_level(level, direction, seed):
    history = sample_kpi_history(level, direction, periods=24, seed=seed)
    assert (history >= 0).all()
    first, last = history.iloc[:6].mean(), history.iloc[-6:].mean()
    assert (last > first) if direction == "higher" else (last < first)


def test_history_of_a_rate_stays_between_0_and_1():
    history = sample_kpi_history(0.99, "higher", periods=60, seed=1, unit="%")
    assert history.between(0, 1).all()


def test_history_bad_inputs_are_explained():
    with pytest.raises(ValueError, match=r'direction must be "higher" or "lower" \(got \'up\'\)'):
        sample_kpi_history(1.0, "up")
    with pytest.raises(TypeError, match="level must be a number"):
        sample_kpi_history("95 %")
    with pytest.raises(ValueError, match="periods must be between 2 and 60"):
        sample_kpi_history(1.0, periods=1)
    with pytest.raises(ValueError, match="level must be a finite number"):
        sample_kpi_history(np.nan)


# -- the panel ---------------------------------------------------------------------------------


def test_default_kpi_has_no_owner_so_it_fails_assignable(panel):
    assert "SMART check: 4 of 5 letters pass" in panel.findings.value
    assert "nobody owns this KPI" in panel.findings.value
    assert panel.figure.value.count("<img") == 1
    assert 'alt="Line chart of On-time delivery rate to key accounts over 12 periods' in (
        panel.figure.value
    )
    assert panel.table.value.count("<th scope='col'") == 13  # "period" + 12 periods


def test_the_achievability_limit_of_a_rate_reads_as_a_percentage(panel):
    # Failed before: the findings said "flagged beyond 1.456" for a target of 95 %.
    text = panel.findings.value
    assert "the target 95.0 % is within reach of the best value so far (" in text
    assert re.search(r"flagged beyond 1[0-9]{2}\.[0-9] %\)", text)
    assert not re.search(r"beyond 1\.[0-9]{3}\b", text)
    panel.set(unit="min", direction="lower", target=10.0)
    assert re.search(
        r"the target 10 min is far below the best \(lowest\) value so far \([0-9.]+ min\)",
        panel.findings.value,
    )


def test_a_one_word_name_fails_specific_in_the_panel(panel):
    panel.set(name="Deliveries", owner="Logistics lead")
    assert "SMART check: 4 of 5 letters pass" in panel.findings.value
    assert "does not say both what is measured and of what or whom" in panel.findings.value
    panel.set(name="Deliveries to key accounts per week")
    assert "SMART check: 5 of 5 letters pass" in panel.findings.value


def test_an_owner_makes_it_a_kpi(panel):
    panel.set(owner="Logistics lead")
    assert "SMART check: 5 of 5 letters pass" in panel.findings.value
    assert "Logistics lead" in panel.findings.value


def test_one_render_per_change_per_batch_per_unit_change_and_per_reset(panel):
    before = panel.renders
    panel.controls["target"].value = 0.9
    panel.controls["unit"].value = "min"
    panel.set(direction="lower", owner="Ops")
    panel.set(unit="€", target=60_000.0)
    panel.reset_button.click()
    assert panel.renders == before + 5
    assert panel.values()["unit"] == "%" and panel.values()["owner"] == ""


def test_a_new_unit_brings_its_target_range(panel):
    panel.controls["unit"].value = "min"
    target = panel.controls["target"]
    assert (target.value, target.min, target.max, target.step) == (30.0, 0.0, 240.0, 1.0)
    assert "minutes" in target.description
    panel.set(unit="€", target=60_000.0)
    assert target.value == 60_000.0 and target.max == UNITS["€"]["max"]


def test_the_target_moves_the_statuses_not_the_data(panel):
    history = panel.history()
    panel.set(target=0.5)
    assert panel.history().equals(history)
    assert "off track" not in panel.table.value and "at risk" not in panel.table.value
    panel.set(target=1.0)
    expected = status_series(history, 1.0, "higher", 0.05)
    assert panel.table.value.count("✗ off track") == (expected == "off track").sum()


def test_every_numeric_control_changes_the_figure(panel):
    for name, control in panel.controls.items():
        if not hasattr(control, "min"):
            continue
        panel.reset()
        before = panel.figure.value
        control.value = control.max if control.value != control.max else control.min
        assert panel.figure.value != before, name


def test_empty_name_is_explained_and_the_last_chart_stays(panel):
    good = panel.figure.value
    panel.set(name="   ")
    assert "Give the KPI a name" in panel.message.value
    assert "role='alert'" in panel.message.value
    assert panel.figure.value == good
    assert "the KPI has no name" in panel.findings.value
    panel.set(name="Defect-free rate")
    assert panel.message.value == ""


def test_html_typed_in_a_name_is_escaped(panel):
    panel.set(name="<b>Churn</b> & <script>x</script>", owner="<i>me</i>")
    for part in (panel.findings, panel.figure, panel.table, panel.message):
        assert "<script>" not in part.value and "<b>Churn" not in part.value
    assert "&lt;b&gt;Churn&lt;/b&gt; &amp; &lt;script&gt;" in panel.findings.value
    assert "&lt;i&gt;me&lt;/i&gt;" in panel.findings.value


def test_a_lower_is_better_rate_gets_a_history_and_target_near_zero(panel):
    before = panel.renders
    panel.controls["direction"].value = "lower"
    assert panel.renders == before + 1
    assert panel.controls["target"].value == 0.05
    history = panel.history()
    assert history.max() < 0.2 and history.iloc[0] > history.iloc[-1] - 0.05
    panel.set(direction="higher", target=0.9)
    assert panel.controls["target"].value == 0.9
    assert panel.renders == before + 2
