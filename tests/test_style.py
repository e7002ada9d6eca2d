"""The shared chart style: tick labels from the one formatter, in the learner's language."""

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lessons.charts.style import format_axis, new_figure, to_svg
from lessons.i18n import set_language


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


def test_every_default_tick_label_follows_the_language():
    """An axis no chart formatted still reads 0,2 in French once the figure is saved."""
    fig, ax = new_figure(margins={})
    ax.plot([0, 1.5], [0, 2.5])
    set_language("fr")
    try:
        to_svg(fig)
        labels = [label.get_text() for label in ax.get_xticklabels()]
    finally:
        set_language("en")
    assert "0,2" in labels and not any("." in label for label in labels)
