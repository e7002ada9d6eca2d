"""French texts that came after the French catalog: the site explorers' example KPIs, the unit
names of the scenarios' settings, the KPI chart's axis and the whale chart's labels."""

from __future__ import annotations

import pandas as pd
import pytest
from test_charts_phone import drawn_texts

from lessons import format as fmt
from lessons import kpis, scenarios
from lessons.accounts import whale_curve, whale_readings
from lessons.charts import kpi as kpi_chart
from lessons.charts import profit
from lessons.explorer.grids import KPI_EXAMPLES, TARGET_STEPS
from lessons.explorer.views import builder_history
from lessons.i18n import get_language, set_language
from lessons.samples import sample_profit

#: Units French writes as English does: symbols and words the two languages share.
SHARED_UNITS = {"%", "€", "x", "h", "min", "/ 5", "points"}


@pytest.fixture
def language():
    """Switch the catalog to a language for one test, then back to what it was."""
    before = get_language()
    yield set_language
    set_language(before)


def _smart_letters(example, direction: str, target: float) -> list[tuple[str, bool]]:
    kpi = kpis.KPI(
        name=example.text("name"),
        formula=example.text("formula"),
        unit=example.unit,
        direction=direction,
        target=target,
        period=example.text("period"),
        owner=example.text("owner"),
        objective=example.text("objective"),
    )
    findings = kpis.smart_check(kpi, builder_history(example.unit, direction, 0))
    return [(finding.letter, finding.ok) for finding in findings]


def test_the_example_kpis_pass_the_same_smart_letters_in_french_and_english(language):
    """The KPI builder's examples are written to fail given letters (no owner, a vague name, a
    bare count): the French texts must fail the same ones, or the French page teaches another
    lesson than the English."""
    cases = [
        (example, direction, target)
        for example in KPI_EXAMPLES
        for direction in ("higher", "lower")
        for target in TARGET_STEPS[(example.unit, direction)]
    ]
    verdicts = {}
    for lang in ("en", "fr"):
        language(lang)
        verdicts[lang] = [_smart_letters(*case) for case in cases]
    differ = [
        (case[0].key, case[1], case[2], en, fr)
        for case, en, fr in zip(cases, verdicts["en"], verdicts["fr"], strict=True)
        if en != fr
    ]
    assert not differ, differ
    # The weak examples stay weak in French: the draft has no owner (A), the satisfaction has
    # no scope and no period (S, T); the complete on-time rate passes every letter.
    language("fr")
    failed = {
        example.key: [letter for letter, ok in _smart_letters(example, "higher", 0.95) if not ok]
        for example in KPI_EXAMPLES
        if example.unit == "%"
    }
    assert failed == {"on_time_draft": ["A"], "on_time": [], "satisfaction": ["S", "T"]}


def _scenario_units() -> set[str]:
    units = set()
    for name in scenarios.SCENARIOS:
        module = scenarios.load(name)
        units |= {spec.unit for spec in scenarios.param_specs(module.Params)}
        units |= {spec.unit for spec in module.KPIS}
        units.add(module.PERIODS.unit)
    return units - {""}


def test_every_worded_unit_of_the_scenarios_has_a_french_name():
    """A setting written "50 parties" on a French page: each unit code that is an English word
    needs its ``format.unit.<code>`` French text."""
    untranslated = sorted(
        code for code in _scenario_units() - SHARED_UNITS if fmt.unit_label(code, "fr") == code
    )
    assert not untranslated, f"units with no French name: {untranslated}"


def test_the_restaurants_settings_read_in_french(language):
    language("fr")
    texts = scenarios.setting_texts(scenarios.run("restaurant").params)
    assert texts["arrivals"] == "50 tablées"
    manufacturer = scenarios.setting_texts(scenarios.run("manufacturer").params)
    assert manufacturer["units_per_day"] == "400 unités/jour"
    assert manufacturer["workers"] == "5 personnes"


def test_the_kpi_charts_x_axis_is_named_by_the_catalog_not_by_the_data(language):
    """The index name is a code of the data ("period"): "Mesure period" on a French chart."""
    values = pd.Series([0.90, 0.94, 0.97], index=pd.RangeIndex(1, 4, name="period"))
    statuses = ["off track", "at risk", "on track"]
    language("fr")
    french = kpi_chart.plot_kpi_vs_target(values, 0.95, "%", "higher", statuses, "Taux")
    assert french.axes[0].get_xlabel() == "Période de mesure"
    language("en")
    renamed = values.rename_axis("mois")
    english = kpi_chart.plot_kpi_vs_target(renamed, 0.95, "%", "higher", statuses, "Rate")
    assert english.axes[0].get_xlabel() == "Measurement period"


@pytest.mark.parametrize("phone", [False, True], ids=["wide", "phone"])
def test_the_whale_chart_in_french_keeps_its_texts_inside_the_figure(language, phone):
    """French titles and labels are longer than English ones: none may run off the figure's
    edge, and the legend stays inside its panel (not over the customers' names)."""
    language("fr")
    table = sample_profit()
    curve = whale_curve(table["profit"])
    fig = profit.plot(table, curve, whale_readings(curve), phone=phone)
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    outside = [
        (text.get_text()[:40], box.bounds)
        for text in texts
        for box in [text.get_window_extent(renderer)]
        if box.x0 < 0 or box.y0 < 0 or box.x1 > width or box.y1 > height
    ]
    assert not outside, f"texts off the {width}×{height} figure: {outside}"
    bars = fig.axes[0]
    legend, panel = bars.get_legend().get_window_extent(renderer), bars.get_window_extent(renderer)
    assert panel.x0 <= legend.x0 and legend.x1 <= panel.x1, (legend.bounds, panel.bounds)
