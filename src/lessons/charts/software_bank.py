"""Figure of the software company and its banking client: revenue by client, CSAT by scope.

Left: monthly revenue stacked by client (the bank, the key account, at the bottom) with the
renewal month marked. Right: customer satisfaction (CSAT over the last 3 months) for the bank
alone and for the whole company, against the target: the same KPI at two scopes.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts.style import PALETTE, add_target_line, format_axis, new_figure
from lessons.i18n import t
from lessons.scenarios.software_bank import CSAT_TARGET, Params, kpi_values, rolling_csat

__all__ = ["alt_text", "plot"]


def plot(data: pd.DataFrame, params: Params) -> Figure:
    """Revenue by client (stacked bars) and CSAT of the bank vs the whole company.

    Args:
        data: the output of :func:`lessons.scenarios.software_bank.simulate`.
        params: the settings that produced it.

    Returns:
        A matplotlib Figure with two panels.

    >>> from lessons.scenarios.software_bank import simulate
    >>> fig = plot(simulate(Params()), Params())
    >>> [ax.get_title() for ax in fig.axes]
    ['Revenue by client', 'Satisfaction: the bank vs the whole company']
    >>> plot(pd.DataFrame(), Params())
    Traceback (most recent call last):
        ...
    ValueError: data is empty: give at least one value.
    """
    if data.empty:
        raise ValueError(t("errors.empty", name="data"))
    # Fixed margins, no layout engine: the live panel redraws this figure on every change.
    margins = {"left": 0.1, "right": 0.985, "bottom": 0.12, "top": 0.92, "wspace": 0.3}
    fig, (ax_rev, ax_sat) = new_figure(1, 2, width=10.0, height=4.2, margins=margins)
    months = data.index.to_numpy()

    # Two step areas rather than one bar per month: the same picture, far fewer artists to draw.
    bank = data["bank_revenue"].to_numpy()
    total = data["total_revenue"].to_numpy()
    ax_rev.fill_between(
        months,
        0,
        bank,
        step="mid",
        color=PALETTE["key_account"],
        label=t("charts.software_bank.bank"),
    )
    ax_rev.fill_between(
        months,
        bank,
        total,
        step="mid",
        color=PALETTE["other"],
        label=t("charts.software_bank.others"),
    )
    renewal = params.renewal_month
    if renewal in data.index:
        renewed = bool(data.loc[renewal, "renewed"])
        key = "renewed" if renewed else "lost"
        ax_rev.axvline(
            renewal + 0.5,
            color=PALETTE["ink"],
            linestyle=":",
            linewidth=1.5,
            label=t(f"charts.software_bank.{key}", month=renewal),
        )
    ax_rev.set_title(t("charts.software_bank.revenue_title"))
    ax_rev.set_xlabel(t("charts.software_bank.month_axis"))
    ax_rev.set_ylabel(t("charts.software_bank.revenue_axis"))
    format_axis(ax_rev, "€", compact=True)
    ax_rev.yaxis.set_major_locator(MaxNLocator(nbins=5))  # long € labels: fewer of them
    ax_rev.set_xlim(months[0] - 0.5, months[-1] + 0.5)
    ax_rev.set_ylim(0, total.max() * 1.35)
    ax_rev.legend(loc="upper left", fontsize=9)

    sat = rolling_csat(data)
    ax_sat.plot(
        months,
        sat["bank"],
        color=PALETTE["key_account"],
        linewidth=2.2,
        marker="o",
        markersize=3,
        label=t("charts.software_bank.bank_csat"),
    )
    ax_sat.plot(
        months,
        sat["business"],
        color=PALETTE["business"],
        linewidth=2.2,
        linestyle="--",
        label=t("charts.software_bank.business_csat"),
    )
    add_target_line(ax_sat, CSAT_TARGET, "%")
    ax_sat.set_xlim(months[0] - 0.5, months[-1] + 0.5)
    ax_sat.set_ylim(0, 1.32)
    ax_sat.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax_sat.set_title(t("charts.software_bank.csat_title"))
    ax_sat.set_xlabel(t("charts.software_bank.month_axis"))
    ax_sat.set_ylabel(t("charts.software_bank.csat_axis"))
    format_axis(ax_sat, "%")
    ax_sat.legend(loc="upper left", ncol=2, fontsize=9)
    return fig


def alt_text(data: pd.DataFrame, params: Params) -> str:
    """What the figure shows, with its key numbers, for readers who cannot see it.

    >>> from lessons.scenarios.software_bank import simulate
    >>> print(alt_text(simulate(Params()), Params()))  # doctest: +ELLIPSIS
    Two charts over 24 months. Left: monthly revenue by client; the bank brings 35.0 % ...
    """
    values = kpi_values(data)
    first, last = data.index[0], data.index[-1]
    renewal = params.renewal_month
    if renewal in data.index:
        outcome = t(
            "charts.software_bank.alt.renewed"
            if bool(data.loc[renewal, "renewed"])
            else "charts.software_bank.alt.lost",
            month=renewal,
            probability=fmt.value(data.loc[renewal, "renewal_probability"], "%"),
        )
    else:
        outcome = t("charts.software_bank.alt.no_renewal", month=renewal)
    return t(
        "charts.software_bank.alt",
        months=len(data),
        share_first=fmt.value(data.loc[first, "bank_share"], "%"),
        first=first,
        last=last,
        share_last=fmt.value(data.loc[last, "bank_share"], "%"),
        total_first=fmt.value(data.loc[first, "total_revenue"], "€"),
        total_last=fmt.value(data.loc[last, "total_revenue"], "€"),
        outcome=outcome,
        csat_bank=fmt.value(values[("csat", "key_account")], "%"),
        csat_business=fmt.value(values[("csat", "business")], "%"),
        target=fmt.value(CSAT_TARGET, "%"),
    )
