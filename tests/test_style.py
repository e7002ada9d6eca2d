"""The shared chart style: value formats, percentage ticks, KPI table escaping."""

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lessons.charts.style import format_axis, format_value, new_figure


def _tick_labels(low: float, high: float) -> list[str]:
    fig, ax = new_figure()
    ax.set_ylim(low, high)
    format_axis(ax, "%")
    FigureCanvasAgg(fig).draw()
    return [label.get_text() for label in ax.get_yticklabels()]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0.0, 1.0, ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]),
        (0.94, 0.97, ["94.0 %", "94.5 %", "95.0 %", "95.5 %", "96.0 %", "96.5 %", "97.0 %"]),
    ],
)
def test_percentage_ticks_have_the_decimals_their_step_needs(low, high, expected):
    labels = _tick_labels(low, high)
    assert labels == expected
    assert len(set(labels)) == len(labels)


def test_money_and_rates_read_as_a_learner_expects():
    assert format_value(-4949.2, "€") == "−€4,949"
    assert format_value(0.1234, "%") == "12.3 %"
    assert format_value(float("nan"), "€") == "–"
