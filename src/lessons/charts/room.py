"""Figure of a room's results: the distribution of total scores and the average per topic.

Left: how many learners scored in each tenth of the maximum. Right: the room's average share
of the points on each topic, with the line below which a topic is "weak" (the quiz's own rule,
:data:`lessons.quiz.WEAK_BELOW`). The chart draws a :class:`lessons.room.Room` the package
has already aggregated: no formula here.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from lessons import format as fmt
from lessons.charts.style import PALETTE, escape_mathtext, format_axis, new_figure
from lessons.i18n import t
from lessons.quiz import WEAK_BELOW
from lessons.room import Room

__all__ = ["alt_text", "plot"]


def plot(room: Room, *, phone: bool = False) -> Figure:
    """The distribution of total scores and the average per topic of a room.

    Args:
        room: :func:`lessons.room.gather` of the room's result files.
        phone: one column, for a narrow screen.

    Returns:
        A matplotlib Figure with two panels.
    """
    if phone:
        fig, (left, right) = new_figure(2, 1, width=3.6, height=6.4)
    else:
        fig, (left, right) = new_figure(1, 2, width=10.0, height=4.2)
    bins = room.distribution()
    labels = [fmt.number(low, 0) for low, _high, _n in bins]
    left.bar(
        range(len(bins)),
        [n for *_r, n in bins],
        color=PALETTE["key_account"],
        align="edge",
        width=0.9,
    )
    left.set_xticks(range(len(bins)), labels)
    left.set_xlabel(t("room.chart.total_axis", out_of=room.out_of))
    left.set_ylabel(t("room.chart.learners_axis"))
    left.set_title(t("room.chart.distribution"))
    left.yaxis.get_major_locator().set_params(integer=True)
    topics = list(reversed(room.topics))
    right.barh(
        [escape_mathtext(topic.title) for topic in topics],
        [topic.fraction for topic in topics],
        color=[
            PALETTE["bad"] if topic.fraction < WEAK_BELOW else PALETTE["good"] for topic in topics
        ],
    )
    right.axvline(WEAK_BELOW, color=PALETTE["ink"], linestyle="--", linewidth=1)
    right.set_xlim(0, 1)
    format_axis(right, "%", axis="x")
    right.set_title(t("room.chart.topics"))
    return fig


def alt_text(room: Room) -> str:
    """The figure in words: learners, average, the weakest and strongest topics."""
    ranked = sorted(room.topics, key=lambda topic: topic.fraction)
    return t(
        "room.chart.alt",
        learners=fmt.integer(len(room.learners)),
        average=fmt.number(room.average, 1),
        out_of=room.out_of,
        weakest=ranked[0].title,
        weakest_share=fmt.percent(ranked[0].fraction, 0),
        strongest=ranked[-1].title,
        strongest_share=fmt.percent(ranked[-1].fraction, 0),
    )
