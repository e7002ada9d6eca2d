"""Consulting firm: the multinational's team, the other clients and the whole firm side by side.

Three panels of bars, one bar per group, each against the firm's target: revenue per
consultant (with the utilisation behind it written on the bar -- its counter-metric),
on-time project completion and client satisfaction. The key account is always blue, the whole
firm orange, the other clients grey.

>>> from lessons.scenarios.consulting import Params, simulate
>>> params = Params()
>>> data = simulate(params)
>>> fig = plot(data, params)
>>> len(fig.axes)
3
>>> alt_text(data, params)[:60]
'Three bar charts compare the multinational (key account) tea'
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from lessons import format as fmt
from lessons.charts.style import PALETTE, add_target_line, format_axis, new_figure
from lessons.i18n import t
from lessons.scenarios.consulting import TARGETS, WORKING_DAYS, Params, summary

__all__ = ["alt_text", "plot"]

_GROUPS = ("key_account", "others", "firm")
_COLORS = {
    "key_account": PALETTE["key_account"],
    "others": PALETTE["other"],
    "firm": PALETTE["business"],
}


def _targets(params: Params) -> dict[str, float]:
    rpc = params.day_rate * WORKING_DAYS * 12 * TARGETS["utilisation"]
    return {"revenue_per_consultant": rpc, "on_time": TARGETS["on_time"], "csat": TARGETS["csat"]}


#: Fixed margins instead of a layout engine: the live panel redraws about twice as fast.
_MARGINS = {"left": 0.1, "right": 0.99, "bottom": 0.17, "top": 0.8, "wspace": 0.45}


def plot(data: pd.DataFrame, params: Params) -> Figure:
    """Revenue per consultant, on-time completion and CSAT for each group, vs target.

    Args:
        data: the output of :func:`lessons.scenarios.consulting.simulate`.
        params: the settings that produced it.

    Returns:
        A matplotlib Figure with three panels.

    >>> plot([], Params())
    Traceback (most recent call last):
        ...
    TypeError: data must be the table returned by simulate() of the consulting scenario (got ...
    """
    s = summary(data, params)
    targets = _targets(params)
    fig, axes = new_figure(1, 3, width=11.0, height=4.2, margins=_MARGINS)
    labels = [t(f"charts.consulting.group.{g}") for g in _GROUPS]
    colors = [_COLORS[g] for g in _GROUPS]
    panels = [
        ("revenue_per_consultant", "€", "charts.consulting.rpc"),
        ("on_time", "%", "charts.consulting.on_time"),
        ("csat", "%", "charts.consulting.csat"),
    ]
    for ax, (column, unit, key) in zip(axes, panels, strict=True):
        values = [float(s.loc[g, column]) for g in _GROUPS]
        bars = ax.bar(labels, values, color=colors)
        add_target_line(ax, targets[column], unit)
        ax.set_title(
            t(key + ".title", target=fmt.value(targets[column], unit)), fontsize=11, y=1.02
        )
        ax.set_ylabel(t(key + ".axis"))
        format_axis(ax, unit, compact=True)
        ax.set_ylim(0, 1.0 if unit == "%" else max(*values, targets[column]) * 1.1)
        for bar, group, value in zip(bars, _GROUPS, values, strict=True):
            text = fmt.value(value, unit)
            if column == "revenue_per_consultant":
                used = fmt.value(float(s.loc[group, "utilisation"]), "%")
                text = t("charts.consulting.rpc.bar", value=text, utilisation=used)
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                value / 2,
                text,
                ha="center",
                va="center",
                fontsize=9,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
            )
        ax.tick_params(axis="x", labelsize=9)
        ax.grid(axis="x", visible=False)
    target_handle = Line2D(
        [], [], color=PALETTE["ink"], linestyle="--", label=t("charts.consulting.target")
    )
    fig.legend(handles=[target_handle], loc="upper right", fontsize=9)
    fig.suptitle(
        t("charts.consulting.title", share=fmt.value(params.key_account_share, "%")),
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    return fig


def alt_text(data: pd.DataFrame, params: Params) -> str:
    """What :func:`plot` shows, in words, with the numbers of each group."""
    s = summary(data, params)
    targets = _targets(params)
    return t(
        "charts.consulting.alt",
        share=fmt.value(params.key_account_share, "%"),
        rpc_ka=fmt.value(s.loc["key_account", "revenue_per_consultant"], "€"),
        rpc_others=fmt.value(s.loc["others", "revenue_per_consultant"], "€"),
        rpc_firm=fmt.value(s.loc["firm", "revenue_per_consultant"], "€"),
        rpc_target=fmt.value(targets["revenue_per_consultant"], "€"),
        util_firm=fmt.value(s.loc["firm", "utilisation"], "%"),
        on_time_ka=fmt.value(s.loc["key_account", "on_time"], "%"),
        on_time_others=fmt.value(s.loc["others", "on_time"], "%"),
        on_time_target=fmt.value(targets["on_time"], "%"),
        csat_ka=fmt.value(s.loc["key_account", "csat"], "%"),
        csat_others=fmt.value(s.loc["others", "csat"], "%"),
        csat_target=fmt.value(targets["csat"], "%"),
    )
