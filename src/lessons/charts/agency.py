"""Digital agency: the funnel of each group of campaigns, their CTR, and their ROAS vs break-even.

Left, the funnel per month (impressions → clicks → conversions, log scale) of the high-profile
client's campaigns and of the others. Middle, click-through rate against the agency's target.
Right, return on ad spend against the break-even ROAS ``1 / margin``, with the monthly gross
profit after ad spend written on each bar: the panel that shows a high CTR can lose money.

>>> from lessons.scenarios.agency import Params, simulate
>>> params = Params()
>>> data = simulate(params)
>>> len(plot(data, params).axes)
3
>>> alt_text(data, params)[:56]
'Three charts compare the high-profile client (key accoun'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, NullLocator

from lessons import format as fmt
from lessons.charts.style import PALETTE, add_target_line, format_axis, new_figure
from lessons.i18n import t
from lessons.scenarios.agency import TARGETS, Params, summary

__all__ = ["alt_text", "plot"]

_GROUPS = ("key_account", "others", "agency")
_COLORS = {
    "key_account": PALETTE["key_account"],
    "others": PALETTE["other"],
    "agency": PALETTE["business"],
}
_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}


def _funnel(ax, s: pd.DataFrame) -> None:
    stages = ["impressions", "clicks", "conversions"]
    x = np.arange(len(stages))
    bottom = max(1.0, float(s.loc[["key_account", "others"], "conversions"].min()) / 5)
    for offset, group in ((-0.2, "key_account"), (0.2, "others")):
        values = [float(s.loc[group, stage]) for stage in stages]
        bars = ax.bar(
            x + offset,
            values,
            width=0.4,
            color=_COLORS[group],
            label=t(f"charts.agency.group.{group}").replace("\n", " "),
        )
        for bar, value in zip(bars, values, strict=True):
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                max(value, bottom) * 1.15,
                fmt.number_compact(value),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())  # dozens of minor ticks: slow, and no help here
    # Plain "1 M", "10 k" labels: easier to read than 10⁶, and no slow math-text layout.
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt.number_compact(value)))
    ax.set_ylim(bottom, float(s["impressions"].max()) * 8)
    ax.set_xticks(x, [t(f"charts.agency.stage.{stage}") for stage in stages])
    ax.set_ylabel(t("charts.agency.funnel.axis"))
    ax.set_title(t("charts.agency.funnel.title"), fontsize=11, y=1.02)
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="x", visible=False)


def _bars(ax, s: pd.DataFrame, column: str, unit: str, target: float, texts: list[str]) -> None:
    values = [float(s.loc[g, column]) for g in _GROUPS]
    bars = ax.bar(
        [t(f"charts.agency.group.{g}") for g in _GROUPS],
        values,
        color=[_COLORS[g] for g in _GROUPS],
    )
    add_target_line(ax, target, unit)
    top = max(*values, target) * 1.15
    ax.set_ylim(0, top)
    for bar, value, text in zip(bars, values, texts, strict=True):
        ax.text(
            bar.get_x() + bar.get_width() / 2,
            max(value * 0.35, top * 0.1),
            text,
            ha="center",
            va="center",
            fontsize=8,
            bbox=_BOX,
        )
    ax.tick_params(axis="x", labelsize=9)
    ax.grid(axis="x", visible=False)


def plot(data: pd.DataFrame, params: Params) -> Figure:
    """Funnel, CTR vs target and ROAS vs break-even, for each group of campaigns.

    Args:
        data: the output of :func:`lessons.scenarios.agency.simulate`.
        params: the settings that produced it.

    Returns:
        A matplotlib Figure with three panels.

    >>> plot([], Params())
    Traceback (most recent call last):
        ...
    TypeError: data must be the table returned by simulate() of the agency scenario (got ...
    """
    s = summary(data, params)
    # Fixed margins, no layout engine: the live panel redraws about twice as fast.
    margins = {"left": 0.07, "right": 0.99, "bottom": 0.16, "top": 0.8, "wspace": 0.32}
    fig, (ax_funnel, ax_ctr, ax_roas) = new_figure(1, 3, width=11.5, height=4.4, margins=margins)
    _funnel(ax_funnel, s)

    ctr_texts = [fmt.value(float(s.loc[g, "ctr"]), "%") for g in _GROUPS]
    _bars(ax_ctr, s, "ctr", "%", TARGETS["ctr"], ctr_texts)
    format_axis(ax_ctr, "%")
    if ax_ctr.get_ylim()[1] < 0.05:  # whole percents would repeat "2 %" on a small scale
        ax_ctr.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value * 100:.1f} %"))
    ax_ctr.set_ylabel(t("charts.agency.ctr.axis"))
    ax_ctr.set_title(
        t("charts.agency.ctr.title", target=fmt.value(TARGETS["ctr"], "%")), fontsize=11, y=1.02
    )

    break_even = float(s.loc["agency", "break_even_roas"])
    roas_texts = [
        t(
            "charts.agency.roas.bar",
            roas=fmt.value(float(s.loc[g, "roas"]), "x"),
            profit=fmt.money(float(s.loc[g, "profit"]), signed=True),
        )
        for g in _GROUPS
    ]
    _bars(ax_roas, s, "roas", "x", break_even, roas_texts)
    ax_roas.set_ylabel(t("charts.agency.roas.axis"))
    ax_roas.set_title(
        t(
            "charts.agency.roas.title",
            break_even=fmt.value(break_even, "x"),
            margin=fmt.value(params.margin, "%"),
        ),
        fontsize=11,
        y=1.02,
    )
    handle = Line2D([], [], color=PALETTE["ink"], linestyle="--", label=t("charts.agency.target"))
    fig.legend(handles=[handle], loc="upper right", fontsize=9)
    fig.suptitle(
        t("charts.agency.title", share=fmt.value(params.key_account_share, "%")),
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    return fig


def alt_text(data: pd.DataFrame, params: Params) -> str:
    """What :func:`plot` shows, in words, with the numbers of each group of campaigns."""
    s = summary(data, params)

    def v(group: str, column: str, unit: str) -> str:
        return fmt.value(float(s.loc[group, column]), unit)

    return t(
        "charts.agency.alt",
        share=fmt.value(params.key_account_share, "%"),
        impressions_ka=fmt.number_compact(float(s.loc["key_account", "impressions"])),
        clicks_ka=fmt.number_compact(float(s.loc["key_account", "clicks"])),
        conversions_ka=fmt.number_compact(float(s.loc["key_account", "conversions"])),
        impressions_others=fmt.number_compact(float(s.loc["others", "impressions"])),
        clicks_others=fmt.number_compact(float(s.loc["others", "clicks"])),
        conversions_others=fmt.number_compact(float(s.loc["others", "conversions"])),
        ctr_ka=v("key_account", "ctr", "%"),
        ctr_others=v("others", "ctr", "%"),
        ctr_agency=v("agency", "ctr", "%"),
        ctr_target=fmt.value(TARGETS["ctr"], "%"),
        roas_ka=v("key_account", "roas", "x"),
        roas_others=v("others", "roas", "x"),
        roas_agency=v("agency", "roas", "x"),
        break_even=v("agency", "break_even_roas", "x"),
        margin=fmt.value(params.margin, "%"),
        profit_ka=fmt.money(float(s.loc["key_account", "profit"]), signed=True),
        profit_agency=fmt.money(float(s.loc["agency", "profit"]), signed=True),
    )
