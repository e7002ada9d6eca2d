"""Pieces the scenario charts share: KPI texts, bars comparing groups, a figure heading.

Every chart writes its KPIs as the KPI table does (:func:`lessons.format.value_and_target`:
a value and its target never read the same unless they are). The consulting firm and the
agency compare the same three groups (the key account, the other clients, the whole business)
KPI by KPI; the restaurant, the firm and the agency head their figure with the settings
shown. Drawn here once, in the course style (:mod:`.style`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from lessons import format as fmt
from lessons.charts.style import PALETTE, PHONE_TYPE, PHONE_WIDTH, add_target_line, wrap_to

# Charts write their KPIs as the KPI table and the pages do: one function, in the scenarios.
from lessons.scenarios import kpi_texts

__all__ = ["BAR_TEXT_BOX", "against_target", "group_bars", "group_colors", "heading", "kpi_texts"]

#: A white box behind a number written on a bar, so it reads over any colour.
BAR_TEXT_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}


def group_colors(groups: Sequence[str]) -> dict[str, str]:
    """The colour of each of the three groups the firm and the agency compare: the key account
    in its colour, the other clients grey, the whole business (the last group) orange.

    >>> group_colors(("key_account", "others", "firm")) == {"key_account": PALETTE["key_account"],
    ...     "others": PALETTE["other"], "firm": PALETTE["business"]}
    True
    """
    key_account, others, whole = groups
    return {
        key_account: PALETTE["key_account"],
        others: PALETTE["other"],
        whole: PALETTE["business"],
    }


def against_target(
    values: Mapping[str, float], target: float, unit: str
) -> tuple[dict[str, str], str]:
    """Several values compared with one target, as a chart writes them: each value, and the
    target with as many decimals as the closest value needed.

    >>> against_target({"a": 139.6, "b": 250.0}, 140.0, "€")
    ({'a': '€139.60', 'b': '€250'}, '€140.00')
    """
    texts, target_text = {}, ""
    for key, value in values.items():
        texts[key], shown = fmt.value_and_target(value, target, unit)
        if len(shown) > len(target_text):
            target_text = shown
    return texts, target_text


def group_bars(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    colors: Sequence[str],
    target: float,
    unit: str,
    texts: Sequence[str],
    *,
    top: float | None = None,
    fontsize: float = 9,
    from_bottom: bool = False,
) -> None:
    """One bar per group with its text written on it, and the target as a dashed line.

    Args:
        ax: the axes to draw on.
        labels, values, colors, texts: per group, its name under the bar, its value, its
            colour and the text written on the bar (already formatted).
        target: the value of the dashed line, in the unit of ``values``.
        unit: the unit of the target's name ("%", "€"...).
        top: the top of the value axis; by default a little above the highest bar or target.
        fontsize: of the texts on the bars.
        from_bottom: each text starts near the bottom of its bar and grows upwards, instead of
            being centred low on it: a text of many lines (a phone's) then never reaches below
            the axis onto the group names.

    >>> from lessons.charts.style import new_figure
    >>> fig, ax = new_figure(margins={})
    >>> group_bars(ax, ["A", "B"], [0.5, 0.7], ["red", "blue"], 0.6, "%", ["50 %", "70 %"])
    >>> [text.get_text() for text in ax.texts], [round(float(y), 2) for y in ax.get_ylim()]
    (['50 %', '70 %'], [0.0, 0.77])
    """
    values = [float(value) for value in values]
    bars = ax.bar(list(labels), values, color=list(colors))
    add_target_line(ax, target, unit)
    top = max(*values, target) * 1.1 if top is None else top
    ax.set_ylim(0, top)
    for bar, value, text in zip(bars, values, texts, strict=True):
        ax.text(
            bar.get_x() + bar.get_width() / 2,
            max(value * 0.3, top * 0.04) if from_bottom else max(value * 0.4, top * 0.12),
            text,
            ha="center",
            va="bottom" if from_bottom else "center",
            fontsize=fontsize,
            bbox=BAR_TEXT_BOX,
        )
    ax.tick_params(axis="x", labelsize=9)
    ax.grid(axis="x", visible=False)


def heading(
    fig: Figure, title: str, target_label: str | None = None, *, phone: bool = False
) -> float:
    """The figure's title, at its top left; with ``target_label``, a legend naming the dashed
    target lines of every panel, at its top right (on a phone, under the title, which is
    wrapped to the figure's width).

    Returns:
        The height the heading takes at the top of the figure, in inches (a phone figure
        starts its first panel under it).

    >>> from lessons.charts.style import new_figure
    >>> fig, ax = new_figure(height=6, margins={}, phone=True)
    >>> heading(fig, "Consulting firm with 25.0 % of its consultants on the multinational",
    ...         "target (dashed line)", phone=True)
    0.73
    >>> print(fig.get_suptitle())
    Consulting firm with 25.0 % of its consultants
    on the multinational
    """
    handle = Line2D([], [], color=PALETTE["ink"], linestyle="--", label=target_label)
    if not phone:
        if target_label is not None:
            fig.legend(handles=[handle], loc="upper right", fontsize=9)
        fig.suptitle(title, fontweight="bold", x=0.01, ha="left")
        return 0.0
    height = fig.get_size_inches()[1]
    title = wrap_to(title, PHONE_WIDTH - 0.25, PHONE_TYPE.title, bold=True)
    lines = title.count("\n") + 1
    fig.suptitle(
        title,
        fontweight="bold",
        fontsize=PHONE_TYPE.title,
        x=0.02,
        y=1 - 0.06 / height,
        ha="left",
        va="top",
    )
    used = 0.1 + lines * 0.18
    if target_label is not None:
        fig.legend(
            handles=[handle],
            loc="upper left",
            bbox_to_anchor=(0.0, 1 - used / height),
            fontsize=PHONE_TYPE.text,
            frameon=False,
            borderaxespad=0.2,
        )
        used += 0.27
    return round(used, 2)
