"""Figure of what key accounts cost: profit next to revenue per customer, and the whale curve.

Left: every customer, largest revenue at the top, with two bars: its revenue and its profit
once its cost to serve is paid (a loss goes left of zero). Right: the whale curve, cumulative
profit as a share of total profit, customers ranked from the most to the least profitable; it
climbs above 100 % and falls back. The chart draws tables computed by
:func:`lessons.accounts.profit_by_account`, :func:`lessons.accounts.whale_curve` and
:func:`lessons.accounts.whale_readings`: no formula here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from lessons import checks
from lessons import format as fmt
from lessons.accounts.profit import WhaleReadings
from lessons.charts.style import PALETTE, escape_mathtext, format_axis, new_figure
from lessons.i18n import t

__all__ = ["alt_text", "plot"]

_TABLE = ("revenue", "profit", "revenue_rank")
_CURVE = ("profit", "cumulative_share", "customer_share")


def _checked(table: pd.DataFrame, curve: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = checks.table(table, "table", _TABLE, t("profit.hint.table"))
    curve = checks.table(curve, "curve", _CURVE, t("profit.hint.curve"))
    return table.sort_values("revenue_rank"), curve


def plot(
    table: pd.DataFrame, curve: pd.DataFrame, readings: WhaleReadings, *, phone: bool = False
) -> Figure:
    """Revenue and profit per customer, and the whale curve of cumulative profit.

    Args:
        table: :func:`lessons.accounts.profit_by_account` (revenue, profit, revenue_rank).
        curve: :func:`lessons.accounts.whale_curve` of the same profits.
        readings: :func:`lessons.accounts.whale_readings` of that curve (the peak is marked).
        phone: one column, for a narrow screen: the two panels one above the other.

    Returns:
        A matplotlib Figure with two panels.

    >>> from lessons.accounts import whale_curve, whale_readings
    >>> from lessons.samples import sample_profit
    >>> table = sample_profit()
    >>> curve = whale_curve(table["profit"])
    >>> [ax.get_title() for ax in plot(table, curve, whale_readings(curve)).axes]
    ['Revenue and profit per customer', 'The whale curve: cumulative profit']
    >>> plot(table[["revenue"]], curve, whale_readings(curve))
    Traceback (most recent call last):
        ...
    ValueError: table has no column "profit", "revenue_rank". Its columns are: "revenue". Pass the
    table that profit_by_account returns.
    """
    table, curve = _checked(table, curve)
    rows, cols = (2, 1) if phone else (1, 2)
    width, height = (4.6, 11.0) if phone else (9.0, 6.0)
    fig, (bars, whale) = new_figure(rows, cols, width=width, height=height)
    _bars(bars, table, phone)
    _whale(whale, curve, readings)
    return fig


def _bars(ax, table: pd.DataFrame, phone: bool) -> None:
    y = np.arange(len(table))
    height = 0.4
    loss = (table["profit"] < 0).to_numpy()
    ax.barh(y - height / 2, table["revenue"], height, color=PALETTE["secondary"])
    ax.barh(
        y + height / 2,
        table["profit"],
        height,
        color=np.where(loss, PALETTE["bad"], PALETTE["key_account"]),
    )
    ax.axvline(0, color=PALETTE["ink"], linewidth=0.8)
    ax.set_yticks(y, [escape_mathtext(name) for name in table.index], fontsize=8 if phone else 9)
    ax.invert_yaxis()  # the largest customer at the top
    ax.set_title(t("profit.chart.bars_title"))
    ax.set_xlabel(t("profit.chart.bars_axis"))
    format_axis(ax, "€", axis="x", compact=True)
    keys = [("secondary", "revenue"), ("key_account", "profit"), ("bad", "loss")]
    ax.legend(
        handles=[Patch(color=PALETTE[c], label=t(f"profit.chart.{k}")) for c, k in keys],
        loc="lower right",
    )


def _whale(ax, curve: pd.DataFrame, readings: WhaleReadings) -> None:
    x = np.concatenate([[0.0], curve["customer_share"].to_numpy()])
    y = np.concatenate([[0.0], curve["cumulative_share"].to_numpy()])
    ax.plot(x, y, color=PALETTE["key_account"], marker="o", markersize=3, linewidth=2)
    ax.axhline(1.0, color=PALETTE["ink"], linestyle="--", linewidth=1.2)
    ax.text(0.02, 1.02, t("profit.chart.total"), va="bottom", fontsize=9, color=PALETTE["ink"])
    peak_x = curve["customer_share"].iloc[readings.peak_count - 1]
    ax.annotate(
        t(
            "profit.chart.peak",
            share=fmt.percent(readings.peak_share, 0),
            count=fmt.integer(readings.peak_count),
            total=fmt.integer(readings.n_accounts),
        ),
        xy=(peak_x, readings.peak_share),
        xytext=(0.25, readings.peak_share * 0.55),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": PALETTE["ink"]},
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, max(1.1, readings.peak_share * 1.15))
    ax.set_title(t("profit.chart.whale_title"))
    ax.set_xlabel(t("profit.chart.whale_x"))
    ax.set_ylabel(t("profit.chart.whale_y"))
    format_axis(ax, "%", axis="x")
    format_axis(ax, "%")


def alt_text(table: pd.DataFrame, curve: pd.DataFrame, readings: WhaleReadings) -> str:
    """What the figure shows, in words, with its numbers (through :mod:`lessons.format`).

    >>> from lessons.accounts import whale_curve, whale_readings
    >>> from lessons.samples import sample_profit
    >>> table = sample_profit()
    >>> curve = whale_curve(table["profit"])
    >>> print(alt_text(table, curve, whale_readings(curve)))  # doctest: +ELLIPSIS
    Revenue and profit of 25 customers, largest revenue first. The largest, Vantor Retail Group,
    brings €2,150,000 of revenue and −€218,500 of profit. ... the 17 most profitable customers
    earn 134 % of total profit; 8 customers lose money...
    """
    table, curve = _checked(table, curve)
    largest = table.iloc[0]
    return t(
        "profit.chart.alt",
        n=fmt.integer(len(table)),
        largest=table.index[0],
        revenue=fmt.money(largest["revenue"], 0),
        profit=fmt.money(largest["profit"], 0),
        count=fmt.integer(readings.peak_count),
        share=fmt.percent(readings.peak_share, 0),
        losers=fmt.integer(readings.loss_makers),
        total=fmt.money(readings.total_profit, 0),
    )
