"""Figure of the startup: revenue by client, month-over-month growth, Client A's share.

Top: monthly revenue stacked by client (Client A, the key account, at the bottom). Middle: the
growth KPI, month-over-month growth of total revenue, against its target. Bottom: Client A's
share of revenue. The month Client A leaves is marked on all three.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.accounts import revenue_share
from lessons.charts.style import PALETTE, add_target_line, format_axis, new_figure, share_x_grid
from lessons.i18n import t
from lessons.kpis import monthly_growth
from lessons.scenarios.startup import (
    A_SHARE_TARGET,
    GROWTH_TARGET,
    HHI_TARGET,
    Params,
    kpi_values,
    monthly_kpis,
)

__all__ = ["alt_text", "plot"]


def plot(data: pd.DataFrame, params: Params) -> Figure:
    """Revenue by client (stacked), monthly growth vs target, and Client A's share.

    Args:
        data: the output of :func:`lessons.scenarios.startup.simulate`.
        params: the settings that produced it.

    Returns:
        A matplotlib Figure with three panels sharing the month axis.

    >>> from lessons.scenarios.startup import simulate
    >>> fig = plot(simulate(Params()), Params())
    >>> [ax.get_title() for ax in fig.axes]
    ['Revenue by client', 'The growth KPI: month-over-month revenue growth',
     "Client A's share of revenue"]
    >>> plot(pd.DataFrame(), Params())
    Traceback (most recent call last):
        ...
    ValueError: data is empty: give at least one value.
    """
    if data.empty:
        raise ValueError(t("errors.empty", name="data"))
    kpis = monthly_kpis(data)
    months = data.index.to_numpy()
    # Fixed margins, no layout engine: the live panel redraws this figure on every change.
    margins = {"left": 0.1, "right": 0.985, "bottom": 0.07, "top": 0.96, "hspace": 0.25}
    fig, (ax_rev, ax_growth, ax_share) = new_figure(3, 1, width=9.0, height=7.5, margins=margins)

    a = data["client_a"].to_numpy()
    ab = a + data["client_b"].to_numpy()
    total = data["total"].to_numpy()
    layers = [
        (0, a, PALETTE["key_account"], "client_a"),
        (a, ab, PALETTE["accent"], "client_b"),
        (ab, total, PALETTE["other"], "others"),
    ]
    for low, high, color, key in layers:
        ax_rev.fill_between(
            months, low, high, step="mid", color=color, label=t(f"charts.startup.{key}")
        )
    ax_rev.set_ylim(0, total.max() * 1.3)
    ax_rev.set_title(t("charts.startup.revenue_title"))
    ax_rev.set_ylabel(t("charts.startup.revenue_axis"))
    format_axis(ax_rev, "€", compact=True)

    growth = kpis["growth"].to_numpy()
    colors = np.where(growth < 0, PALETTE["bad"], PALETTE["business"])
    ax_growth.bar(
        months[1:], growth[1:], color=colors[1:], width=0.8, label=t("charts.startup.growth")
    )
    ax_growth.axhline(0, color=PALETTE["ink"], linewidth=0.8)
    add_target_line(ax_growth, GROWTH_TARGET, "%", inline=True)
    ax_growth.set_title(t("charts.startup.growth_title"))
    ax_growth.set_ylabel(t("charts.startup.growth_axis"))
    format_axis(ax_growth, "%")
    low, high = ax_growth.get_ylim()
    ax_growth.set_ylim(low, high + (high - low) * 0.3)

    ax_share.plot(
        months,
        kpis["a_share"],
        color=PALETTE["key_account"],
        linewidth=2.4,
        marker="o",
        markersize=3,
        label=t("charts.startup.a_share"),
    )
    add_target_line(
        ax_share,
        A_SHARE_TARGET,
        "%",
        label=t("charts.startup.half", value=fmt.value(A_SHARE_TARGET, "%")),
        inline=True,
    )
    ax_share.set_ylim(0, 1.15)
    ax_share.set_title(t("charts.startup.share_title"))
    ax_share.set_ylabel(t("charts.startup.share_axis"))
    ax_share.set_xlabel(t("charts.startup.month_axis"))
    format_axis(ax_share, "%")

    leaves = params.a_leaves_month
    for ax in (ax_rev, ax_growth, ax_share):
        if leaves and leaves <= months[-1]:
            # Named once, in the top legend; the same dotted line marks the month below.
            label = t("charts.startup.a_leaves", month=leaves) if ax is ax_rev else None
            ax.axvline(
                leaves - 0.5, color=PALETTE["ink"], linestyle=":", linewidth=1.5, label=label
            )
        ax.set_xlim(months[0] - 0.5, months[-1] + 0.5)
    # One legend, for the stacked clients; the lower panels' lines are named by their titles
    # and their targets on the lines (legends are slow to draw in a live panel).
    ax_rev.legend(loc="upper right", ncol=4, fontsize=9)
    for ax in (ax_rev, ax_growth):
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax_share.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    # The three panels share the month axis: ticks and labels once, at the bottom.
    share_x_grid([ax_rev, ax_growth], ax_share)
    return fig


def alt_text(data: pd.DataFrame, params: Params) -> str:
    """What the figure shows, with its key numbers, for readers who cannot see it.

    >>> from lessons.scenarios.startup import simulate
    >>> print(alt_text(simulate(Params()), Params()))  # doctest: +ELLIPSIS
    Three charts over 24 months. Top: revenue by client goes from €40,000 in month 1 to ...
    """
    values = kpi_values(data)
    first, last = data.index[0], data.index[-1]
    growth = monthly_growth(data["total"])
    share_first = revenue_share(data.loc[first, ["client_a", "client_b", "others"]])["client_a"]
    leaves = params.a_leaves_month
    if leaves and leaves <= last:
        after = growth.loc[leaves + 1 :]
        story = t(
            "charts.startup.alt.leaves" if len(after) else "charts.startup.alt.leaves_last",
            month=leaves,
            drop=fmt.value(growth.loc[leaves], "%") if leaves > first else "–",
            up=int((after >= 0).sum()),
            after=len(after),
        )
    else:
        story = t(
            "charts.startup.alt.stays",
            down=int((growth < 0).sum()),
            months=int(growth.notna().sum()),
        )
    return t(
        "charts.startup.alt",
        months=len(data),
        total_first=fmt.value(data.loc[first, "total"], "€"),
        first=first,
        total_last=fmt.value(data.loc[last, "total"], "€"),
        last=last,
        story=story,
        growth_last=fmt.value(values["growth_latest"], "%"),
        growth_low=fmt.value(values["growth_lowest"], "%"),
        target=fmt.value(GROWTH_TARGET, "%"),
        share_first=fmt.value(share_first, "%"),
        share_last=fmt.value(values["a_share"], "%"),
        hhi=f"{values['hhi']:,.0f}",
        hhi_target=f"{HHI_TARGET:,.0f}",
    )
