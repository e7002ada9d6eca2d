"""Figure of the manufacturer: daily KPIs against their targets, daily noise vs the trend.

Top: the defect-free rate of each day (thin line, bad days marked) and its 10-day average
(thick line) against the target, with the key account's KPI (orders delivered in full) named
above it. Bottom: the average time per unit, the same way. A single bad day makes the daily
line dip; only a lasting change moves the average.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.parts import kpi_texts
from lessons.i18n import t
from lessons.scenarios import ScenarioRun, check_run
from lessons.scenarios.manufacturer import KPIS, WINDOW

__all__ = ["alt_text", "figure", "plot"]

_PHONE_HEIGHT = 6.0


def plot(result: ScenarioRun, *, phone: bool = False) -> Figure:
    """Daily defect-free rate and time per unit, their 10-day averages, targets, bad days.

    Args:
        result: ``lessons.scenarios.run("manufacturer", params)``.
        phone: quality on top and time per unit below it, in the phone type.

    Returns:
        A matplotlib Figure with two panels sharing the day axis.

    >>> from lessons.scenarios import run
    >>> [ax.get_title(loc="left") for ax in plot(run("manufacturer")).axes]
    ['Defect-free rate, day by day', 'Average time per unit, day by day']
    """
    kpis = check_run(result, "manufacturer").period_kpis
    days = kpis.index.to_numpy()
    bad = kpis["bad_day"].to_numpy()
    # Fixed margins, no layout engine: the live panel redraws this figure on every change.
    if phone:
        fig, (ax_q, ax_t) = style.phone_column(
            2, _PHONE_HEIGHT, left=0.86, top=1.2, bottom=0.5, row_gap=0.42
        )
    else:
        margins = {"left": 0.1, "right": 0.985, "bottom": 0.09, "top": 0.95, "hspace": 0.22}
        fig, (ax_q, ax_t) = style.new_figure(2, 1, width=9.0, height=5.6, margins=margins)

    panels = [(ax_q, "defect_free", "%", "quality"), (ax_t, "minutes", "min", "time")]
    for ax, kpi, unit, key in panels:
        column = "defect_free_rate" if kpi == "defect_free" else "minutes_per_unit"
        daily = kpis[column].to_numpy()
        # A plain thin line: a marker on each of the days is slow to draw and adds nothing.
        ax.plot(
            days,
            daily,
            color=style.PALETTE["other"],
            linewidth=1.0,
            label=t("charts.manufacturer.daily"),
        )
        if bad.any():
            ax.plot(
                days[bad],
                daily[bad],
                linestyle="none",
                marker="X",
                markersize=8,
                color=style.PALETTE["bad"],
                label=t("charts.manufacturer.bad_day"),
            )
        ax.plot(
            days,
            kpis[column + "_avg"],
            color=style.PALETTE["business"],
            linewidth=2.6,
            label=t("charts.manufacturer.average", days=WINDOW),
        )
        # The legend is the same for both panels: drawn once, on top (a legend is slow to
        # draw); the target of the lower panel is named on its line.
        style.add_target_line(ax, result.targets[kpi], unit, inline=ax is ax_t)
        style.panel_title(ax, t(f"charts.manufacturer.{key}_title"), phone=phone, loc="left")
        ax.set_ylabel(t(f"charts.manufacturer.{key}_axis"))
        style.format_axis(ax, unit)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        if ax is ax_q and not phone:
            ax.legend(loc="upper left", ncol=4, fontsize=9)
        low, high = ax.get_ylim()
        ticks = [v for v in ax.get_yticks() if low <= v <= high and (unit != "%" or v <= 1)]
        room = 0.35 if ax is ax_q and not phone else 0.1  # room for the legend
        ax.set_ylim(low, high + (high - low) * room)
        ax.set_yticks(ticks)  # no tick above 100 %: a rate cannot get there
    # The key account's KPI has no daily line: it is named above the plant's (on a phone,
    # above the panel's title: the two would not fit on one line).
    in_full = t("charts.manufacturer.in_full", **kpi_texts(result, KPIS))
    key_style = {"fontsize": 9, "color": style.PALETTE["key_account"]}
    if phone:
        # On a phone the legend (two rows of two) goes under it, above the panels.
        key_style["fontsize"] = style.PHONE_TYPE.text
        fig.text(
            0.02,
            1 - 0.06 / _PHONE_HEIGHT,
            style.wrap_to(in_full, style.PHONE_WIDTH - 0.1, style.PHONE_TYPE.text),
            va="top",
            **key_style,
        )
        fig.legend(
            handles=ax_q.get_lines(),
            loc="upper left",
            bbox_to_anchor=(0.0, 1 - 0.42 / _PHONE_HEIGHT),
            ncol=2,
            fontsize=style.PHONE_TYPE.text,
            handlelength=1.5,
            columnspacing=1.0,
            frameon=False,
        )
    else:
        ax_q.set_title(in_full, loc="right", fontweight="normal", **key_style)
    ax_t.set_xlabel(t("charts.manufacturer.day_axis"))
    ax_t.set_xlim(days[0] - 1.5, days[-1] + 1.5)
    style.share_x_grid([ax_q], ax_t)  # one day axis, at the bottom
    return fig


def alt_text(result: ScenarioRun) -> str:
    """What the figure shows, with its key numbers, for readers who cannot see it.

    >>> from lessons.scenarios import run
    >>> print(alt_text(run("manufacturer")))  # doctest: +ELLIPSIS
    Two charts over 60 working days. Top: the daily defect-free rate goes from 83.0 % to ...
    """
    kpis = check_run(result, "manufacturer").period_kpis
    s = result.summary
    count = s["bad_days"]
    bad = {0: "charts.manufacturer.alt.no_bad_day", 1: "charts.manufacturer.alt.one_bad_day"}
    average = kpis["defect_free_rate_avg"]
    if average.notna().any():
        average_text = t(
            "charts.manufacturer.alt.average",
            window=WINDOW,
            low=fmt.value(average.min(), "%"),
            high=fmt.value(average.max(), "%"),
        )
    else:
        average_text = t("charts.manufacturer.alt.no_average", window=WINDOW)
    return t(
        "charts.manufacturer.alt",
        **kpi_texts(result, KPIS),
        days=fmt.integer(s["periods"]),
        window=fmt.integer(s["window"]),
        rate_low=fmt.value(kpis["defect_free_rate"].min(), "%"),
        rate_high=fmt.value(kpis["defect_free_rate"].max(), "%"),
        bad=t(bad.get(count, "charts.manufacturer.alt.bad_days"), count=count),
        average=average_text,
        minutes_low=fmt.value(kpis["minutes_per_unit"].min(), "min"),
        minutes_high=fmt.value(kpis["minutes_per_unit"].max(), "min"),
    )


def figure(result: ScenarioRun) -> style.FigureDisplay:
    """The figure for a page: its wide and phone variants and its alt text, displayed as one
    ``<picture>`` (the phone variant on screens up to 600 px wide).

    >>> from lessons.scenarios import run
    >>> figure(run("manufacturer")).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(result), alt_text(result), phone=plot(result, phone=True))
