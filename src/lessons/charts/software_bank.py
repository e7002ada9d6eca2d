"""Figure of the software company and its banking client: revenue by client, CSAT by scope.

Left: monthly revenue stacked by client (the bank, the key account, at the bottom) with the
renewal month marked. Right: customer satisfaction (CSAT over the last 3 months) for the bank
alone and for the whole company, against the target: the same KPI at two scopes.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.parts import kpi_texts
from lessons.i18n import t
from lessons.scenarios import ScenarioRun, check_run
from lessons.scenarios.software_bank import KPIS

__all__ = ["alt_text", "figure", "plot"]


def plot(result: ScenarioRun, *, phone: bool = False) -> Figure:
    """Revenue by client (stacked) and CSAT of the bank vs the whole company.

    Args:
        result: ``lessons.scenarios.run("software_bank", params)``.
        phone: revenue above satisfaction, its legend in one column.

    Returns:
        A matplotlib Figure with two panels.

    >>> from lessons.scenarios import run
    >>> [ax.get_title() for ax in plot(run("software_bank")).axes]
    ['Revenue by client', 'Satisfaction: the bank vs the whole company']
    >>> plot(run("startup"))
    Traceback (most recent call last):
        ...
    TypeError: The software_bank chart draws what lessons.scenarios.run("software_bank", params)
    returns (got the run of startup): run the scenario first, then pass its result.
    """
    kpis = check_run(result, "software_bank").period_kpis
    fig, (ax_rev, ax_sat) = _figure(phone)
    months = kpis.index.to_numpy()
    legend = style.PHONE_TYPE.text if phone else 9

    # Two step areas rather than one bar per month: the same picture, far fewer artists to draw.
    bank = kpis["bank_revenue"].to_numpy()
    total = kpis["total_revenue"].to_numpy()
    layers = [(0, bank, "key_account", "bank"), (bank, total, "other", "others")]
    for low, high, color, key in layers:
        ax_rev.fill_between(
            months,
            low,
            high,
            step="mid",
            color=style.PALETTE[color],
            label=t(f"charts.software_bank.{key}"),
        )
    renewal = result.params.renewal_month
    if renewal <= months[-1]:
        key = "renewed" if result.summary["renewed"] else "lost"
        ax_rev.axvline(
            renewal + 0.5,
            color=style.PALETTE["ink"],
            linestyle=":",
            linewidth=1.5,
            label=t(f"charts.software_bank.{key}", month=renewal),
        )
    style.panel_title(ax_rev, t("charts.software_bank.revenue_title"), phone=phone)
    ax_rev.set_ylabel(t("charts.software_bank.revenue_axis"))
    style.format_axis(ax_rev, "€", compact=True)
    ax_rev.yaxis.set_major_locator(MaxNLocator(nbins=4 if phone else 5))  # long € labels
    # Room above the bands for the legend: one column of three entries on a phone.
    ax_rev.set_ylim(0, total.max() * (1.65 if phone else 1.35))
    ax_rev.legend(loc="upper left", fontsize=legend)

    lines = [("bank_csat", "key_account", "-", "o"), ("csat", "business", "--", None)]
    for column, color, dash, marker in lines:
        ax_sat.plot(
            months,
            kpis[column],
            color=style.PALETTE[color],
            linewidth=2.2,
            linestyle=dash,
            marker=marker,
            markersize=3,
            label=t(f"charts.software_bank.{column}"),
        )
    style.add_target_line(ax_sat, result.targets["csat"], "%")
    ax_sat.set_ylim(0, 1.55 if phone else 1.32)
    ax_sat.set_yticks([0, 0.25, 0.5, 0.75, 1.0] if phone else [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    title, axis = t("charts.software_bank.csat_title"), t("charts.software_bank.csat_axis")
    style.panel_title(ax_sat, title, phone=phone)
    ax_sat.set_ylabel(style.wrap(axis, 20) if phone else axis)
    style.format_axis(ax_sat, "%")
    ax_sat.legend(loc="upper left", ncol=1 if phone else 2, fontsize=legend)
    for ax in (ax_rev, ax_sat):
        ax.set_xlim(months[0] - 0.5, months[-1] + 0.5)
    if phone:
        # Stacked on the same months: one month axis, under the lower panel.
        ax_sat.set_xlabel(t("charts.software_bank.month_axis"))
        style.share_x_grid([ax_rev], ax_sat)
    else:
        for ax in (ax_rev, ax_sat):
            ax.set_xlabel(t("charts.software_bank.month_axis"))
    return fig


def _figure(phone: bool) -> tuple[Figure, list[Axes]]:
    """The two panels side by side, or on a phone one above the other.

    Fixed margins, no layout engine: the live panel redraws this figure on every change.
    """
    if not phone:
        margins = {"left": 0.1, "right": 0.985, "bottom": 0.12, "top": 0.92, "wspace": 0.3}
        return style.new_figure(1, 2, width=10.0, height=4.2, margins=margins)
    return style.phone_column(2, 5.9, left=0.9, top=0.3, bottom=0.5, row_gap=0.55)


def alt_text(result: ScenarioRun) -> str:
    """What the figure shows, with its key numbers, for readers who cannot see it.

    >>> from lessons.scenarios import run
    >>> print(alt_text(run("software_bank")))  # doctest: +ELLIPSIS
    Two charts over 24 months. Left: monthly revenue by client; the bank brings 35.0 % ...
    """
    kpis = check_run(result, "software_bank").period_kpis
    s = result.summary
    first, last = kpis.index[0], kpis.index[-1]
    renewal = result.params.renewal_month
    if renewal <= last:
        outcome = t(
            "charts.software_bank.alt.renewed" if s["renewed"] else "charts.software_bank.alt.lost",
            month=renewal,
            probability=fmt.value(s["renewal_probability"], "%"),
        )
    else:
        outcome = t("charts.software_bank.alt.no_renewal", month=renewal)
    return t(
        "charts.software_bank.alt",
        **kpi_texts(result, KPIS),
        months=fmt.integer(s["periods"]),
        share_first=fmt.value(kpis.loc[first, "bank_share"], "%"),
        first=first,
        last=last,
        share_last=fmt.value(kpis.loc[last, "bank_share"], "%"),
        total_first=fmt.value(kpis.loc[first, "total_revenue"], "€"),
        total_last=fmt.value(kpis.loc[last, "total_revenue"], "€"),
        outcome=outcome,
    )


def figure(result: ScenarioRun) -> style.FigureDisplay:
    """The figure for a page: its wide and phone variants and its alt text, displayed as one
    ``<picture>`` (the phone variant on screens up to 600 px wide).

    >>> from lessons.scenarios import run
    >>> figure(run("software_bank")).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(result), alt_text(result), phone=plot(result, phone=True))
