"""The generic scenario panel, driven with a tiny scenario made for the test."""

import re
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd
import pytest

from lessons.charts.style import new_figure
from lessons.scenarios._base import KpiSpec, Periods, ScenarioParams, param
from lessons.widgets import panel as panel_module


@dataclass(frozen=True)
class TinyParams(ScenarioParams):
    price: float = param(10.0, low=1.0, high=50.0, step=0.5, unit="€", label="format.table.value")
    units: int = param(5, low=1, high=20, step=1, unit="", label="format.table.kpi")
    share: float = param(0.2, low=0.0, high=1.0, step=0.05, unit="%", label="format.table.target")

    def check(self):
        if self.price * self.units > 500:
            raise ValueError("price × units must stay at or below €500 in this tiny test.")


CALLS = []


def _simulate(params=None, periods=3, seed=0):
    CALLS.append(params)
    revenue = params.price * params.units
    return pd.DataFrame({"month": range(1, periods + 1), "revenue": [revenue] * periods})


def _period_kpis(data, params):
    return data.set_index("month")


def _summary(data, params):
    return {"revenue": float(data["revenue"].iloc[-1]), "periods": len(data)}


def _plot(result):
    fig, ax = new_figure(width=3, height=2)
    ax.plot(result.period_kpis.index, result.period_kpis["revenue"])
    return fig


# The smallest module that follows the scenario contract (lessons.scenarios._base).
TINY = SimpleNamespace(
    __name__="tests.tiny",
    Params=TinyParams,
    PERIODS=Periods(default=3, low=1, high=12, unit="months"),
    KPIS=(KpiSpec("revenue", "business", "€", label="format.table.value"),),
    simulate=_simulate,
    period_kpis=_period_kpis,
    summary=_summary,
    targets=lambda params: {"revenue": 60.0},
)
TINY_CHART = SimpleNamespace(
    plot=_plot, alt_text=lambda result: f"Revenue {result.params.price * result.params.units}"
)


@pytest.fixture
def panel(monkeypatch):
    monkeypatch.setattr(panel_module.scenarios, "load", lambda name: TINY)
    monkeypatch.setattr(panel_module.charts, "load", lambda name: TINY_CHART)
    CALLS.clear()
    return panel_module.scenario_panel("tiny")


def test_controls_come_from_the_parameters_with_units_and_ranges(panel):
    price = panel.controls["price"]
    assert (price.min, price.max, price.step, price.value) == (1.0, 50.0, 0.5, 10.0)
    assert "(€)" in price.description
    assert panel.controls["share"].readout_format == ".0%"
    assert type(panel.controls["units"]).__name__ == "IntSlider"


def test_first_render_shows_figure_with_alt_text_and_the_kpi_table(panel):
    assert 'alt="Revenue 50.0"' in panel.figure.value
    assert re.search(r"<th scope='row'[^>]*>Value</th>", panel.table.value)  # the KPI's label
    assert "off track" in panel.table.value
    assert panel.message.value == ""


def test_one_render_per_change_and_per_batch(panel):
    CALLS.clear()
    panel.controls["price"].value = 12.0
    assert len(CALLS) == 1
    panel.set(price=13.0, units=6)
    assert len(CALLS) == 2
    assert CALLS[-1] == TinyParams(price=13.0, units=6, share=0.2)
    assert "on track" in panel.table.value


def test_refused_combination_is_explained_and_last_chart_stays(panel):
    panel.set(price=20.0, units=10)
    good_figure = panel.figure.value
    panel.set(price=50.0, units=20)
    assert "price × units must stay at or below €500" in panel.message.value
    assert "role='alert'" in panel.message.value
    assert panel.figure.value == good_figure


def test_reset_restores_defaults_in_one_render(panel):
    defaults = panel.figure.value
    panel.set(price=30.0, units=2, share=0.9)
    renders = panel.renders
    panel.reset_button.click()
    assert panel.renders == renders + 1
    assert panel.values() == {"price": 10.0, "units": 5, "share": 0.2}
    assert panel.figure.value == defaults
    assert panel.message.value == ""


def test_a_state_shown_before_is_shown_again_without_drawing(panel):
    first, table = panel.figure.value, panel.table.value
    panel.controls["price"].value = 12.0
    CALLS.clear()
    panel.controls["price"].value = 10.0
    assert CALLS == []  # nothing simulated or drawn
    assert (panel.figure.value, panel.table.value) == (first, table)
    panel.controls["price"].value = 12.5  # a new state is drawn
    assert len(CALLS) == 1 and "Revenue 62.5" in panel.figure.value


@pytest.mark.parametrize(
    ("step", "percent", "expected", "shown"),
    [
        (0.001, True, ".1%", "1.1 %"),
        (0.0005, True, ".2%", "1.05 %"),
        (0.05, True, ".0%", "5 %"),
        (0.5, False, ",.1f", "1.5"),
        (1, False, ",.0f", "1"),
    ],
)
def test_slider_readout_has_the_decimals_of_its_step(step, percent, expected, shown):
    from lessons import format as fmt

    readout = panel_module.readout_format(step, percent)
    assert readout == expected
    decimals = int(re.search(r"\.(\d+)", readout).group(1))
    # the digits the learner reads are the formatter's (the browser leaves out the space)
    value = float(shown.split()[0]) / (100 if percent else 1)
    text = fmt.percent(value, decimals) if percent else fmt.number(value, decimals)
    assert text == shown


def test_sub_percent_steps_read_apart_in_a_scenario_panel():
    agency = panel_module.scenario_panel("agency")
    formats = {
        c.description: c.readout_format for c in agency.controls.values() if "%" in c.description
    }
    assert any(f == ".1%" for f in formats.values()), formats


def test_measured_text_gives_the_same_svg_as_a_plain_save():
    from lessons import charts, scenarios
    from lessons.charts.style import to_svg

    run = scenarios.run("restaurant", None)
    plain = to_svg(charts.load("restaurant").plot(run))
    with panel_module.measured_text():
        cached = [to_svg(charts.load("restaurant").plot(run)) for _ in range(2)]
    assert cached == [plain, plain]


def test_unknown_control_is_a_clear_error(panel):
    expected = r"Unknown control\(s\) \['colour'\]: this panel has price"
    with pytest.raises(ValueError, match=expected):
        panel.set(colour="red")


def test_out_of_range_parameter_message_shows_units():
    with pytest.raises(ValueError, match=r"must be between 0 % and 100 % \(got 150 %\)"):
        TinyParams(share=1.5)
    with pytest.raises(TypeError, match="must be a number"):
        TinyParams(price="ten")


def test_figure_is_a_deterministic_svg_by_default_and_png_on_request(panel, monkeypatch):
    assert 'src="data:image/svg+xml;base64,' in panel.figure.value
    first = panel.figure.value
    panel.controls["units"].value = 6
    panel.controls["units"].value = 5
    assert panel.figure.value == first  # same settings, same bytes (nbval compares them)
    monkeypatch.setattr(panel_module.scenarios, "load", lambda name: TINY)
    monkeypatch.setattr(panel_module.charts, "load", lambda name: TINY_CHART)
    png = panel_module.scenario_panel("tiny", image_format="png")
    assert 'src="data:image/png;base64,' in png.figure.value


def test_renders_count_only_accepted_changes(panel):
    before = panel.renders
    panel.controls["price"].value = 11.0
    assert panel.renders == before + 1
    panel.set(price=50.0, units=20)  # refused: no render
    assert panel.renders == before + 1
    assert panel.last_render_seconds > 0


def test_garbage_collection_is_restored_after_a_render_even_if_it_fails(panel, monkeypatch):
    import gc

    assert gc.isenabled()

    def broken_plot(result):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(TINY_CHART, "plot", broken_plot)
    with pytest.raises(RuntimeError, match="chart failed"):
        panel.controls["price"].value = 12.0
    assert gc.isenabled()
