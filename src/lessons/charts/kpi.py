"""A KPI against its target over time, with the status of every period.

Each period's marker has a **shape** for its status (circle on track, triangle at risk, cross
off track) as well as a colour, so the status reads without colour vision; the legend names
each status with its symbol and word. The statuses are computed by
:func:`lessons.kpis.status_series` and passed in: this module only draws. The table of the same
history, and the SMART findings, are built by :mod:`lessons.tables`.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.i18n import t
from lessons.kpis import check_history

__all__ = [
    "STATUS_MARKERS",
    "KPIView",
    "alt_text",
    "alt_text_kpi_vs_target",
    "draw_kpi",
    "figure",
    "figure_kpi_vs_target",
    "plot",
    "plot_kpi_vs_target",
    "sparse_ticks",
]

#: One marker shape per status (matplotlib codes): never colour alone.
STATUS_MARKERS = {"on track": "o", "at risk": "^", "off track": "X"}
#: Fixed margins (fractions of the 8 × 4 in figure): no layout engine, so a live panel redraws
#: it about three times faster. The bottom holds the period ticks, the axis label and the
#: one-row legend under it.
_MARGINS = {"left": 0.1, "right": 0.97, "bottom": 0.25, "top": 0.9}
#: The phone figure (3.6 in wide), its margins in inches: two title lines above, the period
#: ticks, the axis label and a two-row legend below.
_PHONE_HEIGHT = 4.1
_PHONE_MARGINS = style.inch_margins(
    style.PHONE_WIDTH, _PHONE_HEIGHT, left=0.86, right=0.12, top=0.5, bottom=1.3
)
#: A typed KPI name longer than this is shortened in the title (the alt text keeps it whole).
_TITLE_CHARS = 60


def _title(title: str | None) -> str:
    return title.strip() if title and title.strip() else t("charts.kpi.default_title")


def _short_title(title: str | None) -> str:
    """The title as drawn: one line that fits the figure (fixed margins clip nothing else)."""
    return textwrap.shorten(_title(title), _TITLE_CHARS, placeholder=" …")


def sparse_ticks(ax: Axes, labels, most: int = 4) -> None:
    """Label at most ``most`` of the x positions 0, 1, ... counted back from the last one
    (periods 3, 6, 9, 12; months Mar, Jun, Sep, Dec).

    Tick objects are the slowest part of a live chart to draw, and the table next to the chart
    gives every period's value.
    """
    labels = [str(label) for label in labels]
    step = max(1, math.ceil(len(labels) / most))
    positions = list(range(len(labels) - 1, -1, -step))[::-1]
    ax.set_xticks(positions, [labels[p] for p in positions])


def _target_text(target: float, unit: str, tolerance: float | None) -> str:
    if tolerance is None:
        return t("charts.target", value=fmt.value(target, unit))
    return t(
        "charts.kpi.target_tolerance",
        value=fmt.value(target, unit),
        tolerance=fmt.percent(tolerance, 0),
    )


@dataclass(frozen=True, eq=False)
class KPIView:
    """What a KPI-against-target figure and its alt text show, checked once.

    :func:`plot_kpi_vs_target` and :func:`alt_text_kpi_vs_target` take these same arguments
    (the figure also takes ``ax``), so the picture and its description never disagree.

    Attributes:
        values: KPI values indexed by period (e.g. 1..12), in ``unit`` (fractions for ``"%"``).
        target: the target, same unit; ``None`` draws the values alone (no target, no status).
        unit: ``"%"``, ``"€"``, ``"x"``, ``"min"``... (axis ticks and labels follow it).
        direction: ``"higher"`` or ``"lower"`` is better (said in the axis label).
        statuses: one status code per value (``"on track"``, ``"at risk"``, ``"off track"``),
            e.g. ``lessons.kpis.status_series(values, target, direction)``; ignored without a
            target.
        title: the chart title (the KPI's name); a generic title if ``None`` or empty.
        tolerance: the relative miss still called "at risk" (fraction), shown in the legend.

    >>> KPIView(pd.Series([0.9]), 0.95, "%", "higher", ["on track"]).statuses.tolist()
    ['on track']
    >>> KPIView([0.9], 0.95, "%", "higher")
    Traceback (most recent call last):
        ...
    TypeError: values must be a pandas Series indexed by period (got a list): ...
    """

    values: pd.Series
    target: float | None
    unit: str
    direction: str
    statuses: Iterable[str] | None = None
    title: str | None = None
    tolerance: float | None = None

    def __post_init__(self) -> None:
        values, statuses = check_history(
            self.values, None if self.target is None else self.statuses
        )
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "statuses", statuses)


def plot_kpi_vs_target(
    *view: Any, ax: Axes | None = None, phone: bool = False, **fields: Any
) -> Figure:
    """A line of the KPI per period, the target as a dashed line, one status marker per period.

    Args:
        view: the fields of :class:`KPIView`, in order or by name: ``values``, ``target``,
            ``unit``, ``direction``, ``statuses``, ``title``, ``tolerance``.
        ax: draw into this axes instead of a new figure.
        phone: the phone variant (narrower, larger type, legend on two rows); the wide one by
            default.

    Returns:
        The matplotlib Figure.

    >>> values = pd.Series([0.90, 0.94, 0.97], index=[1, 2, 3])
    >>> fig = plot_kpi_vs_target(values, 0.95, "%", "higher",
    ...                          ["off track", "at risk", "on track"], "On-time rate")
    >>> fig.axes[0].get_title(loc="left")
    'On-time rate'
    >>> plot_kpi_vs_target(values, 0.95, "%", "higher", ["fine"] * 3)
    Traceback (most recent call last):
        ...
    ValueError: 'fine' is not a status: use one of on track, at risk, off track ...
    """
    v = KPIView(*view, **fields)
    values, statuses, unit, target = v.values, v.statuses, v.unit, v.target
    if ax is None:
        if phone:
            fig, ax = style.new_figure(height=_PHONE_HEIGHT, margins=_PHONE_MARGINS, phone=True)
        else:
            fig, ax = style.new_figure(width=8.0, height=4.0, margins=_MARGINS)
    else:
        fig = ax.figure
    handles = draw_kpi(ax, values, target, unit, statuses, v.tolerance, phone=phone)
    # The catalog names the axis: the index name is a column code of the data, not a word.
    ax.set_xlabel(t("charts.kpi.x_axis"))
    better = t(f"charts.kpi.better.{v.direction}")
    ax.set_ylabel(t("charts.kpi.y_label", unit=unit or "–", better=better))
    title = _short_title(v.title)
    style.panel_title(ax, title, phone=phone, bold=True, loc="left")
    if handles and phone:
        # Under the axis label, two columns: the target (its name on two lines) and the
        # first status, then the other two.
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(-0.2, -0.3),
            ncol=2,
            borderaxespad=0,
            columnspacing=1.0,
            handlelength=1.6,
            fontsize=style.PHONE_TYPE.text,
            frameon=False,
        )
    elif handles:
        # One row under the axis label: never over the data, whatever its shape.
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncol=len(handles),
            borderaxespad=0,
            columnspacing=1.2,
        )
    return fig


def draw_kpi(
    ax: Axes,
    values: pd.Series,
    target,
    unit: str,
    statuses,
    tolerance,
    *,
    note: bool = True,
    phone: bool = False,
) -> list:
    """The line, the target and the status markers of one KPI (checked values); returns the
    legend handles. ``note=False`` leaves out the "no target" note; ``phone=True`` writes the
    target's name and the note on several short lines, for a phone figure."""
    x = list(range(len(values)))
    y = values.to_numpy(dtype=float)
    ax.plot(x, y, color=style.PALETTE["key_account"], linewidth=1.8, zorder=2)
    handles = []
    if target is not None:
        label = _target_text(target, unit, tolerance)
        style.add_target_line(ax, target, unit, label=style.wrap(label, 22) if phone else label)
        handles.append(
            Line2D(
                [],
                [],
                color=style.PALETTE["ink"],
                linestyle="--",
                label=ax.get_lines()[-1].get_label(),
            )
        )
    if statuses is None:
        ax.scatter(x, y, marker="o", s=40, color=style.PALETTE["other"], zorder=3)
        if note:
            text = t("charts.kpi.no_target")
            ax.text(
                0.01,
                0.97,
                style.wrap(text, 40) if phone else text,
                transform=ax.transAxes,
                va="top",
                color=style.PALETTE["ink"],
                fontsize=style.PHONE_TYPE.text if phone else 10,
            )
    else:
        for code, marker in STATUS_MARKERS.items():
            mask = (statuses == code).to_numpy()
            if not mask.any():
                continue
            ax.scatter(
                [p for p, m in zip(x, mask, strict=True) if m],
                y[mask],
                marker=marker,
                s=80,
                color=style.STATUS_COLORS[code],
                edgecolor="white",
                linewidth=0.8,
                zorder=3,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    marker=marker,
                    linestyle="",
                    markersize=9,
                    color=style.STATUS_COLORS[code],
                    label=fmt.status_label(code),
                )
            )
    sparse_ticks(ax, values.index)
    ax.set_xlim(-0.5, len(values) - 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    style.format_axis(ax, unit, compact=phone)  # short € labels in the narrow phone margin
    return handles


def alt_text_kpi_vs_target(*view: Any, **fields: Any) -> str:
    """A description of :func:`plot_kpi_vs_target` with its numbers, for screen readers.

    Args:
        view: the fields of :class:`KPIView`, as for :func:`plot_kpi_vs_target`.

    >>> values = pd.Series([0.90, 0.94, 0.97], index=[1, 2, 3])
    >>> print(alt_text_kpi_vs_target(values, 0.95, "%", "higher",
    ...                              ["off track", "at risk", "on track"], "On-time rate"))
    Line chart of On-time rate over 3 periods (higher is better), from 90.0 % in period 1 to 97.0 %
    in period 3. Dashed line: target 95.0 %. Periods on track: 1, at risk: 1, off track: 1. Latest
    status: on track.
    """
    v = KPIView(*view, **fields)
    values = v.values
    text = t(
        "charts.kpi.alt",
        title=_title(v.title),
        n=fmt.integer(len(values)),
        better=t(f"charts.kpi.better.{v.direction}"),
        first=fmt.value(float(values.iloc[0]), v.unit),
        first_period=values.index[0],
        last=fmt.value(float(values.iloc[-1]), v.unit),
        last_period=values.index[-1],
    )
    if v.statuses is None or v.target is None:
        return f"{text} {t('charts.kpi.alt_no_target')}"
    statuses = pd.Series(list(v.statuses))
    counts = statuses.value_counts()
    return " ".join(
        [
            text,
            t("charts.kpi.alt_target", target=_target_text(v.target, v.unit, v.tolerance)),
            t(
                "charts.kpi.alt_status",
                on=fmt.integer(counts.get("on track", 0)),
                risk=fmt.integer(counts.get("at risk", 0)),
                off=fmt.integer(counts.get("off track", 0)),
                latest=fmt.status_label(str(statuses.iloc[-1]), symbol=False),
            ),
        ]
    )


def figure_kpi_vs_target(*view: Any, **fields: Any) -> style.FigureDisplay:
    """A KPI against its target for a page: wide and phone variants and alt text, as one
    ``<picture>``.

    Args:
        view: the fields of :class:`KPIView`, as for :func:`plot_kpi_vs_target`.

    >>> values = pd.Series([0.90, 0.94, 0.97], index=[1, 2, 3])
    >>> shown = figure_kpi_vs_target(values, 0.95, "%", "higher",
    ...                              ["off track", "at risk", "on track"], "On-time rate")
    >>> shown.alt.startswith("Line chart of On-time rate"), shown.phone is not None
    (True, True)
    """
    return style.show(
        plot_kpi_vs_target(*view, **fields),
        alt_text_kpi_vs_target(*view, **fields),
        phone=plot_kpi_vs_target(*view, phone=True, **fields),
    )


#: The names every chart module exposes (``lessons.charts.load("kpi").plot``).
plot = plot_kpi_vs_target
alt_text = alt_text_kpi_vs_target
figure = figure_kpi_vs_target
