"""Restaurant: table turnover, revenue per table and ratings, evening by evening, vs target.

Three panels over the same evenings. The top two are the KPIs a chef is tempted to push (table
turnover, revenue per table); the bottom one is their counter-metric, the average rating,
drawn separately for the other guests and for the VIP (the key account), who dines on Friday
and Saturday.

>>> from lessons.scenarios.restaurant import Params, simulate
>>> params = Params()
>>> data = simulate(params)
>>> len(plot(data, params).axes)
3
>>> alt_text(data, params)[:56]
'Three line charts follow the restaurant over 28 evenings'
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts.style import PALETTE, add_target_line, format_axis, new_figure
from lessons.i18n import t
from lessons.scenarios.restaurant import TARGETS, Params, daily_kpis, summary

__all__ = ["alt_text", "plot"]


def plot(data: pd.DataFrame, params: Params) -> Figure:
    """Turnover, revenue per table and ratings (others vs VIP) per evening, with targets.

    Args:
        data: the output of :func:`lessons.scenarios.restaurant.simulate`.
        params: the settings that produced it.

    Returns:
        A matplotlib Figure with three panels sharing the evenings on the x axis.

    >>> plot([], Params())
    Traceback (most recent call last):
        ...
    TypeError: data must be the table returned by simulate() of the restaurant scenario (got ...
    """
    daily = daily_kpis(data, params)
    s = summary(data, params)
    # Fixed margins, no layout engine: the live panel redraws about twice as fast.
    margins = {"left": 0.1, "right": 0.75, "bottom": 0.07, "top": 0.9, "hspace": 0.45}
    fig, (ax_turn, ax_rev, ax_rate) = new_figure(3, 1, width=9.5, height=7.6, margins=margins)
    days = daily["day"]
    business = PALETTE["business"]

    ax_turn.plot(
        days,
        daily["turnover"],
        color=business,
        marker="o",
        markersize=3,
        label=t("charts.restaurant.line"),
    )
    add_target_line(ax_turn, TARGETS["turnover"], label=t("charts.restaurant.target"))
    ax_turn.set_ylim(0, max(daily["turnover"].max(), TARGETS["turnover"]) * 1.2)
    ax_turn.set_ylabel(t("charts.restaurant.turnover.axis"))
    ax_turn.set_title(
        t(
            "charts.restaurant.turnover.title",
            value=fmt.value(s["turnover"], ""),
            target=fmt.value(TARGETS["turnover"], ""),
        ),
        fontsize=11,
        loc="left",
        y=1.02,
    )

    revenue_target = TARGETS["turnover"] * params.average_check
    ax_rev.plot(days, daily["revenue_per_table"], color=business, marker="o", markersize=3)
    add_target_line(ax_rev, revenue_target, "€", label="_")
    ax_rev.set_ylim(0, max(daily["revenue_per_table"].max(), revenue_target) * 1.2)
    format_axis(ax_rev, "€")
    ax_rev.set_ylabel(t("charts.restaurant.revenue.axis"))
    ax_rev.set_title(
        t(
            "charts.restaurant.revenue.title",
            value=fmt.value(s["revenue_per_table"], "€"),
            target=fmt.value(revenue_target, "€"),
        ),
        fontsize=11,
        loc="left",
        y=1.02,
    )

    ax_rate.plot(days, daily["others_rating"], color=business, marker="o", markersize=3)
    vip = daily[daily["vip_visit"]]
    ax_rate.scatter(
        vip["day"],
        vip["vip_rating"],
        color=PALETTE["key_account"],
        marker="D",
        s=36,
        zorder=3,
        label=t("charts.restaurant.rating.vip"),
    )
    target_text = t("charts.restaurant.rating.target", value=TARGETS["rating"])
    add_target_line(ax_rate, TARGETS["rating"], "", label=target_text)
    ax_rate.axhline(
        TARGETS["vip_rating"],
        color=PALETTE["key_account"],
        linestyle=":",
        linewidth=1.3,
        label=t("charts.restaurant.rating.vip_target", value=TARGETS["vip_rating"]),
    )
    ax_rate.set_ylim(1, 5.2)
    ax_rate.set_ylabel(t("charts.restaurant.rating.axis"))
    ax_rate.set_xlabel(t("charts.restaurant.day.axis"))
    ax_rate.set_title(
        t(
            "charts.restaurant.rating.title",
            others=fmt.value(s["others_rating"], ""),
            vip=fmt.value(s["vip_rating"], ""),
        ),
        fontsize=11,
        loc="left",
        y=1.02,
    )
    for ax in (ax_turn, ax_rev, ax_rate):
        ax.set_xlim(0.5, days.iloc[-1] + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(4))
    ax_rate.set_yticks([1, 2, 3, 4, 5])
    for ax in (ax_turn, ax_rev):
        ax.tick_params(labelbottom=False)
    # One legend for the figure: fewer artists to draw, so the live panel stays fast.
    handles = [*ax_turn.get_lines(), *ax_rate.get_lines()[2:], *ax_rate.collections]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.76, 0.9), fontsize=9)
    fig.suptitle(
        t(
            "charts.restaurant.title",
            dining=params.dining_time,
            tables=params.tables,
            arrivals=params.arrivals,
        ),
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    return fig


def alt_text(data: pd.DataFrame, params: Params) -> str:
    """What :func:`plot` shows, in words, with the KPIs over the whole period."""
    s = summary(data, params)
    return t(
        "charts.restaurant.alt",
        evenings=len(data),
        tables=params.tables,
        dining=params.dining_time,
        turnover=fmt.value(s["turnover"], ""),
        turnover_target=fmt.value(TARGETS["turnover"], ""),
        revenue=fmt.value(s["revenue_per_table"], "€"),
        revenue_target=fmt.value(TARGETS["turnover"] * params.average_check, "€"),
        turned_away=f"{s['turned_away']:.1f}",
        others=fmt.value(s["others_rating"], ""),
        rating_target=fmt.value(TARGETS["rating"], ""),
        vip=fmt.value(s["vip_rating"], ""),
        vip_target=fmt.value(TARGETS["vip_rating"], ""),
        vip_evenings=int(s["vip_evenings"]),
    )
