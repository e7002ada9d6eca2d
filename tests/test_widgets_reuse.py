"""A live panel redraws the figure it kept (``reusing_figures``): the picture must be the same
as a figure drawn from scratch by the chart's ``plot``, byte for byte (SVG), on every chart a
live panel draws, after many different states."""

import random

import ipywidgets as w
import pytest

from lessons import accounts, charts, scenarios
from lessons.charts.style import figure_html, reusing_figures, to_svg
from lessons.explorer.views import PortfolioViews, scenario_view
from lessons.i18n import set_language
from lessons.scenarios._base import param_specs
from lessons.widgets.kpi_builder import kpi_builder_panel
from lessons.widgets.panel import scenario_panel
from lessons.widgets.portfolio import portfolio_panel
from lessons.widgets.scorecard import scorecard_panel


def _states(name: str, count: int, seed: int = 1) -> list:
    """The defaults, then ``count - 1`` random accepted settings of scenario ``name``."""
    module, rng = scenarios.load(name), random.Random(seed)
    states = [None]
    while len(states) < count:
        values = {}
        for spec in param_specs(module.Params):
            if spec.kind is bool:
                values[spec.name] = rng.random() < 0.5
                continue
            steps = round((spec.high - spec.low) / spec.step)
            values[spec.name] = spec.kind(round(spec.low + spec.step * rng.randint(0, steps), 9))
        try:
            states.append(module.Params(**values))
        except (ValueError, TypeError):
            continue
    return states


@pytest.mark.slow  # ten full redraws of each scenario: `make test`, not the quick tier
@pytest.mark.parametrize("name", scenarios.SCENARIOS)
def test_a_reused_figure_is_the_picture_a_new_one_gives(name):
    chart, pool = charts.load(name), {}
    states = _states(name, 5)
    for params in states + states[::-1]:
        run = scenarios.run(name, params)
        fresh = to_svg(chart.plot(run))
        with reusing_figures(pool):
            reused = chart.plot(run)
            assert to_svg(reused) == fresh, params
    assert len(pool) == 1  # one figure, drawn again each time


def test_categories_follow_the_labels_of_the_next_chart():
    chart, pool, run = charts.load("consulting"), {}, scenarios.run("consulting", None)
    try:
        with reusing_figures(pool):
            to_svg(chart.plot(run))
            set_language("fr")  # other group names on the bars
            reused = to_svg(chart.plot(run))
        assert reused == to_svg(chart.plot(run))
    finally:
        set_language("en")


def test_a_scenario_panel_shows_what_a_new_figure_shows():
    panel = scenario_panel("restaurant")
    sliders = [c for c in panel.controls.values() if isinstance(c, w.FloatSlider | w.IntSlider)]
    for control in sliders[:3]:
        control.value = control.min + 2 * control.step
    params = panel.module.Params(**panel.values())
    view = scenario_view("restaurant", params)
    fresh = figure_html(view.picture.wide(), view.picture.alt, image_format="svg")
    assert panel.figure.value == fresh
    assert panel.renders >= 4


def test_the_portfolio_panel_shows_what_new_figures_show():
    panel = portfolio_panel()
    for remove in panel.views.order[:3]:
        panel.set(remove=remove, w_revenue=2.0 + len(remove) % 5, a=0.7)
    fresh = PortfolioViews(None, lambda p: figure_html(p.wide(), p.alt, image_format="svg"))
    weights = {c: panel.controls[f"w_{c}"].value for c in accounts.CRITERIA}
    view = fresh.view(weights, 0.7, 0.95, 3, panel.views.order[2])
    for part in (view.pareto, view.scores_figure, view.matrix, view.loss):
        assert part in panel.figure.value + panel.matrix.value + panel.loss.value


@pytest.mark.parametrize("make", [kpi_builder_panel, scorecard_panel])
def test_other_panels_show_what_new_figures_show(make):
    panel = make()
    sliders = [c for c in panel.controls.values() if isinstance(c, w.FloatSlider | w.IntSlider)]
    for control in sliders[:2]:
        for steps in (1, 3, 2):
            control.value = control.min + steps * control.step
    fresh = make()
    fresh.draw = lambda picture: fresh.image(picture.wide(), picture.alt)  # new figures only
    fresh.set(**panel.values())
    assert panel.figure.value == fresh.figure.value
