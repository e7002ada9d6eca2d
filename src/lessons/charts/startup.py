"""Figure of the startup: revenue by client, month-over-month growth, Client A's share.

Top: monthly revenue stacked by client (Client A, the key account, at the bottom). Middle: the
growth KPI, month-over-month growth of total revenue, against its target. Bottom: Client A's
share of revenue. The month Client A leaves is marked on all three.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.parts import kpi_texts
from lessons.i18n import t
from lessons.scenarios import ScenarioRun, check_run
from lessons.scenarios.startup import KPIS

__all__ = ["alt_text", "figure", "plot"]

_PHONE_HEIGHT = 7.6


def plot(result: ScenarioRun, *, phone: bool = False) -> Figure:
    """Revenue by client (stacked), monthly growth vs target, and Client A's share.

    Args:
        result: ``lessons.scenarios.run("startup", params)``.
        phone: True draws the three month-by-month panels in one narrow column.

    Returns:
        A matplotlib Figure with three panels sharing the month axis.

    >>> from lessons.scenarios import run
    >>> [ax.get_title() for ax in plot(run("startup")).axes]
    ['Revenue by client', 'The growth KPI: month-over-month revenue growth',
     "Client A's share of revenue"]
    """
    kpis = check_run(result, "startup").period_kpis
    months = kpis.index.to_numpy()
    # Fixed margins, no layout engine: the live panel redraws this figure on every change.
    if phone:
        fig, (ax_rev, ax_growth, ax_share) = style.phone_column(
            3, _PHONE_HEIGHT, left=0.86, top=0.82, bottom=0.5, row_gap=0.6
        )
    else:
        margins = {"left": 0.1, "right": 0.985, "bottom": 0.07, "top": 0.96, "hspace": 0.25}
        fig, (ax_rev, ax_growth, ax_share) = style.new_figure(
            3, 1, width=9.0, height=7.5, margins=margins
        )

    # Stacked areas: each client's band starts where the one below it ends.
    tops = kpis[["client_a", "client_b", "others"]].cumsum(axis=1).to_numpy()
    bottoms = np.column_stack([np.zeros(len(months)), tops[:, :-1]])
    colors = [style.PALETTE["key_account"], style.PALETTE["accent"], style.PALETTE["other"]]
    for i, (color, key) in enumerate(zip(colors, ["client_a", "client_b", "others"], strict=True)):
        ax_rev.fill_between(
            months,
            bottoms[:, i],
            tops[:, i],
            step="mid",
            color=color,
            label=t(f"charts.startup.{key}"),
        )
    ax_rev.set_ylim(0, kpis["total"].max() * (1.1 if phone else 1.3))
    style.panel_title(ax_rev, t("charts.startup.revenue_title"), phone=phone)
    ax_rev.set_ylabel(t("charts.startup.revenue_axis"))
    style.format_axis(ax_rev, "€", compact=True)

    growth = kpis["growth"].to_numpy()
    bar_colors = np.where(growth < 0, style.PALETTE["bad"], style.PALETTE["business"])
    ax_growth.bar(
        months[1:], growth[1:], color=bar_colors[1:], width=0.8, label=t("charts.startup.growth")
    )
    ax_growth.axhline(0, color=style.PALETTE["ink"], linewidth=0.8)
    style.add_target_line(ax_growth, result.targets["growth_latest"], "%", inline=True)
    style.panel_title(ax_growth, t("charts.startup.growth_title"), phone=phone)
    ax_growth.set_ylabel(t("charts.startup.growth_axis"))
    style.format_axis(ax_growth, "%")
    low, high = ax_growth.get_ylim()
    ax_growth.set_ylim(low, high + (high - low) * 0.3)

    ax_share.plot(
        months,
        kpis["a_share"],
        color=style.PALETTE["key_account"],
        linewidth=2.4,
        marker="o",
        markersize=3,
        label=t("charts.startup.a_share"),
    )
    share_target = result.targets["a_share"]
    style.add_target_line(
        ax_share,
        share_target,
        "%",
        label=t("charts.startup.half", value=fmt.value(share_target, "%")),
        inline=True,
    )
    ax_share.set_ylim(0, 1.15)
    style.panel_title(ax_share, t("charts.startup.share_title"), phone=phone)
    ax_share.set_ylabel(t("charts.startup.share_axis"))
    ax_share.set_xlabel(t("charts.startup.month_axis"))
    style.format_axis(ax_share, "%")

    leaves = result.params.a_leaves_month
    for ax in (ax_rev, ax_growth, ax_share):
        if leaves and leaves <= months[-1]:
            # Named once, in the top legend; the same dotted line marks the month below.
            label = t("charts.startup.a_leaves", month=leaves) if ax is ax_rev else None
            ax.axvline(
                leaves - 0.5, color=style.PALETTE["ink"], linestyle=":", linewidth=1.5, label=label
            )
        ax.set_xlim(months[0] - 0.5, months[-1] + 0.5)
    # One legend, for the stacked clients; the lower panels' lines are named by their titles
    # and their targets on the lines (legends are slow to draw in a live panel). On a phone it
    # sits above the panels, two entries a row.
    if phone:
        handles, labels = ax_rev.get_legend_handles_labels()
        fig.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(0.0, 1.0),
            ncol=2,
            fontsize=style.PHONE_TYPE.text,
            handlelength=1.2,
            handletextpad=0.5,
            columnspacing=0.8,
            frameon=False,
        )
    else:
        ax_rev.legend(loc="upper right", ncol=4, fontsize=9)
    for ax in (ax_rev, ax_growth):
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax_share.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    # The three panels share the month axis: ticks and labels once, at the bottom.
    style.share_x_grid([ax_rev, ax_growth], ax_share)
    return fig


def alt_text(result: ScenarioRun) -> str:
    """What the figure shows, with its key numbers, for readers who cannot see it.

    >>> from lessons.scenarios import run
    >>> print(alt_text(run("startup")))  # doctest: +ELLIPSIS
    Three charts over 24 months. Top: revenue by client goes from €40,000 in month 1 to ...
    """
    kpis = check_run(result, "startup").period_kpis
    s = result.summary
    first, last = kpis.index[0], kpis.index[-1]
    leaves = result.params.a_leaves_month
    if leaves and leaves <= last:
        after = s["months_after_a_leaves"]
        story = t(
            "charts.startup.alt.leaves" if after else "charts.startup.alt.leaves_last",
            month=leaves,
            drop=fmt.value(s["growth_when_a_leaves"], "%"),
            up=s["months_up_after_a_leaves"],
            after=after,
        )
    else:
        story = t("charts.startup.alt.stays", down=s["months_down"], last=last)
    return t(
        "charts.startup.alt",
        **kpi_texts(result, KPIS, {"hhi": ""}),
        months=fmt.integer(s["periods"]),
        total_first=fmt.value(kpis.loc[first, "total"], "€"),
        first=first,
        total_last=fmt.value(kpis.loc[last, "total"], "€"),
        last=last,
        story=story,
        share_first=fmt.value(kpis.loc[first, "a_share"], "%"),
    )


def figure(result: ScenarioRun) -> style.FigureDisplay:
    """The figure for a page: its wide and phone variants and its alt text, displayed as one
    ``<picture>`` (the phone variant on screens up to 600 px wide).

    >>> from lessons.scenarios import run
    >>> figure(run("startup")).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(result), alt_text(result), phone=plot(result, phone=True))
