"""Every chart's phone variant reads on a 375-px phone: 3.6 in wide, no text under 8 pt (10.6 CSS
px in the phone's 343-px column), every text inside the figure and clear of the others.

Measured on what matplotlib really draws (tick labels outside the axis limits are not drawn),
for each chart with the settings the notebooks show and, for the scenarios, with any valid
settings (hypothesis). The browser tests (tests/browser/test_phone.py) check the same figures
as the site shows them.
"""

from __future__ import annotations

import itertools
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from test_scenario_contract import valid_params

from lessons import charts
from lessons.accounts import (
    key_account_score,
    loss_impact,
    pareto_table,
    portfolio_matrix,
    whale_curve,
    whale_readings,
)
from lessons.charts import accounts, kpi, profit, scorecard
from lessons.charts.style import PHONE_MIN_FONT, PHONE_WIDTH, FigureDisplay, to_svg
from lessons.i18n import set_language
from lessons.kpis import status_series
from lessons.samples import (
    load_sample_portfolio,
    sample_account_history,
    sample_kpi_history,
    sample_profit,
)
from lessons.scenarios import SCENARIOS, load, run
from lessons.scorecard import account_monthly, account_scorecard

#: Two texts may touch (a value written on its bar's box): overlaps under this many pixels
#: (at 100 dpi) in either direction are not counted.
TOUCH = 2.0

WHAT_IFS = {
    "software_bank": [{}, {"manager_hours": 4}],
    "manufacturer": [{}, {"defect_drift": 0.02}],
    "startup": [{}, {"a_leaves_month": 7}],
    "consulting": [{}],
    "agency": [{}],
    "restaurant": [{}],
}


def drawn_texts(fig: Figure) -> list[Text]:
    """The texts matplotlib draws when it renders ``fig`` (visible and not empty)."""
    drawn: list[Text] = []
    draw = Text.draw

    def record(self, renderer):
        drawn.append(self)
        return draw(self, renderer)

    FigureCanvasAgg(fig)
    with mock.patch.object(Text, "draw", record):
        fig.canvas.draw()
    return [text for text in drawn if text.get_visible() and text.get_text().strip()]


def layout_problems(fig: Figure) -> list[str]:
    """What would not read on a phone: small, clipped or overlapping texts."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    boxes = [(text, text.get_window_extent(renderer)) for text in texts]
    problems = []
    for text, box in boxes:
        name = repr(text.get_text()[:40])
        if text.get_fontsize() < PHONE_MIN_FONT:
            problems.append(f"{name} is {text.get_fontsize()} pt (at least {PHONE_MIN_FONT})")
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            problems.append(f"{name} sticks out of the figure ({box.bounds} of {width}×{height})")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        along = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if across > TOUCH and along > TOUCH:
            problems.append(f"{a.get_text()[:30]!r} overlaps {b.get_text()[:30]!r}")
    return problems


def smallest_svg_font(fig: Figure) -> float:
    """The smallest font size written in the figure's SVG, in points (its user unit)."""
    svg = to_svg(fig).decode("utf-8")
    return min(float(size) for size in re.findall(r"font-size:\s*([0-9.]+)px", svg))


def _portfolio_cases():
    portfolio = load_sample_portfolio()
    revenue = portfolio.set_index("account")["revenue"]
    table = pareto_table(revenue, a=0.80, b=0.95)
    weights = {"revenue": 0.4, "strategic_value": 0.2, "growth_potential": 0.2, "engagement": 0.2}
    scores = key_account_score(portfolio)
    return {
        "pareto": lambda: accounts.plot_pareto(table, thresholds=(0.8, 0.95), phone=True),
        "pareto top 5": lambda: accounts.plot_pareto(table, top_n=5, phone=True),
        "scores": lambda: accounts.plot_scores(scores, phone=True),
        "scores weighted": lambda: accounts.plot_scores(scores, weights=weights, phone=True),
        "matrix": lambda: accounts.plot_portfolio_matrix(portfolio_matrix(portfolio), phone=True),
        "loss": lambda: accounts.plot_loss_impact(
            loss_impact(revenue, "Vantor Retail Group"), phone=True
        ),
        "profit": lambda: profit.plot(*_profit_tables(), phone=True),
        "profit in French": lambda: _in_french(lambda: profit.plot(*_profit_tables(), phone=True)),
    }


def _profit_tables():
    table = sample_profit()
    curve = whale_curve(table["profit"])
    return table, curve, whale_readings(curve)


def _in_french(draw):
    """The figure drawn in French (other words, other line breaks), then English again."""
    set_language("fr")
    try:
        return draw()
    finally:
        set_language("en")


def _kpi_cases():
    history = sample_kpi_history(0.95, "higher", periods=12, seed=0, unit="%")
    statuses = status_series(history, 0.95, "higher", tolerance=0.05)
    args = (history, 0.95, "%", "higher", statuses, "On-time delivery rate to key accounts")
    long_name = "A KPI name typed in the builder that runs on far longer than any title should"
    card = account_scorecard(sample_account_history(seed=0))
    monthly = account_monthly(sample_account_history(seed=0))
    rates = monthly[monthly["account"] == "Hollis Aerostructures"]["on_time_rate"]
    trend = (monthly, "Hollis Aerostructures", status_series(rates, 0.95, tolerance=0.05), 0.95)
    return {
        "kpi": lambda: kpi.plot_kpi_vs_target(*args, tolerance=0.05, phone=True),
        "kpi no target": lambda: kpi.plot_kpi_vs_target(
            history, None, "%", "higher", title=long_name, phone=True
        ),
        "scorecard": lambda: scorecard.plot_scorecard(card, tolerance=0.05, phone=True),
        "scorecard highlight": lambda: scorecard.plot_scorecard(
            card, highlight="Banque Méridienne", phone=True
        ),
        "account trend": lambda: scorecard.plot_account_trend(*trend, tolerance=0.05, phone=True),
        "account trend no target": lambda: scorecard.plot_account_trend(
            monthly, "Hollis Aerostructures", phone=True
        ),
    }


CASES = {
    **{
        f"{name} {settings or 'defaults'}": (
            lambda name=name, settings=settings: charts.load(name).plot(
                run(name, load(name).Params(**settings)), phone=True
            )
        )
        for name, cases in WHAT_IFS.items()
        for settings in cases
    },
    **_portfolio_cases(),
    **_kpi_cases(),
}


@pytest.mark.parametrize("case", CASES)
def test_the_phone_variant_is_as_wide_as_a_phone_figure_and_reads_there(case):
    fig = CASES[case]()
    assert fig.get_size_inches()[0] == pytest.approx(PHONE_WIDTH)
    assert layout_problems(fig) == []
    # 8 pt at 3.6 in shown 343 px wide is 10.6 CSS px: what the browser test measures.
    assert smallest_svg_font(fig) * 343 / (PHONE_WIDTH * 72) >= 10


@pytest.mark.slow  # ten random settings drawn per scenario: `make test`, not the quick tier
@pytest.mark.parametrize("name", SCENARIOS)
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # a failure shows its settings; no slow shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_scenario_phone_figure_reads_whatever_the_settings(name, data):
    params = data.draw(valid_params(name))
    fig = charts.load(name).plot(run(name, params), phone=True)
    assert layout_problems(fig) == [], params


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_page_figure_holds_both_variants_with_one_alt_text(name):
    result = run(name)
    shown = charts.load(name).figure(result)
    assert isinstance(shown, FigureDisplay)
    assert shown.alt == charts.load(name).alt_text(result)
    assert shown.fig.get_size_inches()[0] > PHONE_WIDTH
    assert shown.phone.get_size_inches()[0] == pytest.approx(PHONE_WIDTH)
    html = shown.html()
    assert html.count('<source media="(max-width: 600px)"') == 1
    assert html.count("data:image/svg+xml;base64,") == 2
    assert html.count("alt=") == 1


def test_the_wide_variant_is_the_default():
    result = run("restaurant")
    assert to_svg(charts.load("restaurant").plot(result)) == to_svg(
        charts.load("restaurant").plot(result, phone=False)
    )


def test_the_portfolio_figures_for_a_page_carry_their_phone_variant():
    portfolio = load_sample_portfolio()
    revenue = portfolio.set_index("account")["revenue"]
    shown = [
        accounts.figure_pareto(pareto_table(revenue)),
        accounts.figure_scores(key_account_score(portfolio)),
        accounts.figure_portfolio_matrix(portfolio_matrix(portfolio)),
        accounts.figure_loss_impact(loss_impact(revenue, "Vantor Retail Group")),
        profit.figure(*_profit_tables()),
    ]
    for display in shown:
        assert display.phone.get_size_inches()[0] == pytest.approx(PHONE_WIDTH)
        assert display.fig.get_size_inches()[0] > PHONE_WIDTH
        assert "<picture" in display.html()


def test_a_figure_without_a_phone_variant_keeps_its_scroll_box():
    fig = Figure(figsize=(9, 4))
    html = FigureDisplay(fig, "A wide chart").html()
    assert html.startswith('<div class="lessons-figure-box" role="region" tabindex="0"')
    assert "min-width:540px" in html and "<picture" not in html
