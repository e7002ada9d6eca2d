"""What losing one account does: revenue and concentration (HHI) before and after.

The numbers come from :func:`lessons.accounts.loss_impact`; this module only draws and
describes them, every number formatted by :mod:`lessons.format`. The names are re-exported by
:mod:`lessons.charts.accounts`, with the portfolio's other figures.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lessons import format as fmt
from lessons.accounts import HHI_HIGHLY_CONCENTRATED, LossImpact, check_result
from lessons.charts import style
from lessons.i18n import t

__all__ = ["alt_text_loss_impact", "figure_loss_impact", "plot_loss_impact"]

#: Fixed margins (no layout engine): the portfolio panel redraws this figure on every change.
_LOSS_MARGINS = {"left": 0.11, "right": 0.98, "bottom": 0.1, "top": 0.78, "wspace": 0.4}
_LOSS_PHONE_HEIGHT = 5.0
_LOSS_PHONE = style.inch_margins(
    style.PHONE_WIDTH,
    _LOSS_PHONE_HEIGHT,
    left=0.78,
    right=0.1,
    top=0.85,
    bottom=0.3,
    rows=2,
    row_gap=0.65,
)


def plot_loss_impact(
    impact: LossImpact, *, title: str | None = None, phone: bool = False
) -> Figure:
    """Revenue (left) and HHI concentration (right) before and after losing one account.

    Args:
        impact: the output of :func:`lessons.accounts.loss_impact`.
        title: the figure title; a default one naming the account if ``None``.
        phone: the phone variant (narrower, larger type); the wide one by default.

    >>> import pandas as pd
    >>> from lessons.accounts import loss_impact
    >>> impact = loss_impact(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100}), "Bank")
    >>> [ax.get_title() for ax in plot_loss_impact(impact).axes]
    ['Revenue (€)', 'Concentration (HHI)']
    >>> plot_loss_impact("Bank")
    Traceback (most recent call last):
        ...
    TypeError: plot_loss_impact needs the result of lessons.accounts.loss_impact(revenue,
    account)....
    """
    impact = check_result(impact, "loss", "plot_loss_impact")
    if phone:  # one panel above the other
        fig, (left, right) = style.new_figure(
            2, 1, height=_LOSS_PHONE_HEIGHT, margins=_LOSS_PHONE, phone=True
        )
    else:
        fig, (left, right) = style.new_figure(1, 2, width=7.0, height=3.4, margins=_LOSS_MARGINS)
    labels = [t("charts.accounts.loss.before"), t("charts.accounts.loss.after")]
    colors = [style.PALETTE["key_account"], style.PALETTE["business"]]
    revenue = [impact.total_before, impact.total_after]
    bars = left.bar(labels, revenue, color=colors, hatch=["", "//"], edgecolor="white")
    left.bar_label(bars, [fmt.money_compact(v) for v in revenue], fontsize=9)
    style.panel_title(left, t("charts.accounts.loss.revenue"), phone=phone, fontsize=11)
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.money_compact(v)))
    left.set_ylim(0, impact.total_before * 1.18)
    hhi = [impact.concentration_before.hhi, impact.concentration_after.hhi]
    bars = right.bar(labels, hhi, color=colors, hatch=["", "//"], edgecolor="white")
    right.bar_label(bars, [fmt.integer(v) for v in hhi], fontsize=9)
    right.axhline(
        HHI_HIGHLY_CONCENTRATED, color=style.PALETTE["bad"], linestyle="--", linewidth=1.2
    )
    right.text(
        0.5,
        HHI_HIGHLY_CONCENTRATED,
        t("charts.accounts.loss.hhi_reference", value=fmt.integer(HHI_HIGHLY_CONCENTRATED)),
        ha="center",
        va="bottom",
        fontsize=8,
        color=style.PALETTE["bad"],
    )
    style.panel_title(right, t("charts.accounts.loss.hhi"), phone=phone, fontsize=11)
    right.set_ylabel(t("charts.accounts.loss.hhi_unit"))
    right.set_ylim(0, max(*hhi, HHI_HIGHLY_CONCENTRATED) * 1.25)
    text = title or t(
        "charts.accounts.loss.title", account=impact.account, share=fmt.percent(impact.share_lost)
    )
    if phone:
        title = style.wrap_to(text, style.PHONE_WIDTH - 0.2, style.PHONE_TYPE.title, bold=True)
        fig.suptitle(title, fontweight="bold", fontsize=style.PHONE_TYPE.title)
    else:
        fig.suptitle(text, fontweight="bold")
    return fig


def alt_text_loss_impact(impact: LossImpact) -> str:
    """Describe :func:`plot_loss_impact` with its computed numbers.

    >>> import pandas as pd
    >>> from lessons.accounts import loss_impact
    >>> impact = loss_impact(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100}), "Bank")
    >>> print(alt_text_loss_impact(impact))
    Two bar charts. Losing Bank takes revenue from €1,000 to €400 (−60.0 %). Concentration (HHI)
    goes from 4,600 to 6,250; the largest remaining account, Retailer, then holds 75.0 % of revenue.
    """
    impact = check_result(impact, "loss", "alt_text_loss_impact")
    after = impact.concentration_after
    return t(
        "charts.accounts.loss.alt",
        account=impact.account,
        before=fmt.value(impact.total_before, "€"),
        after=fmt.value(impact.total_after, "€"),
        lost=fmt.percent(impact.share_lost),
        hhi_before=fmt.integer(impact.concentration_before.hhi),
        hhi_after=fmt.integer(after.hhi),
        largest=after.largest_account,
        largest_share=fmt.percent(after.largest_share),
    )


def figure_loss_impact(impact: LossImpact) -> style.FigureDisplay:
    """The loss of one account for a page: both variants and alt text."""
    return style.show(
        plot_loss_impact(impact),
        alt_text_loss_impact(impact),
        phone=plot_loss_impact(impact, phone=True),
    )
