"""Figure of what key accounts cost: profit next to revenue per customer, and the whale curve.

First panel: every customer, largest revenue at the top, with two bars: its revenue and its
profit once its cost to serve is paid (a loss goes left of zero). Second panel: the whale curve,
cumulative profit as a share of total profit, customers ranked from the most to the least
profitable; it climbs above 100 % and falls back. The wide figure puts the panels side by side;
the phone one (``plot(..., phone=True)``, :data:`~lessons.charts.style.PHONE_WIDTH` wide) stacks
them, with each customer's name wrapped on up to two lines. The chart draws tables computed by
:func:`lessons.accounts.profit_by_account`, :func:`lessons.accounts.whale_curve` and
:func:`lessons.accounts.whale_readings`: no formula here."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from lessons import checks
from lessons import format as fmt
from lessons.accounts.profit import WhaleReadings
from lessons.charts import style
from lessons.i18n import t

__all__ = ["alt_text", "figure", "plot"]

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
    if phone:
        return _phone(table, curve, readings)
    fig, (bars, whale) = style.new_figure(1, 2, width=9.0, height=6.0)
    _bars(bars, table)
    bars.set_title(t("profit.chart.bars_title"))
    whale.set_title(t("profit.chart.whale_title"))
    _whale(whale, curve, readings)
    return fig


#: Phone layout, inches: a row of the bar panel per customer (its name on up to two lines),
#: the whale curve's panel, the names' column, and rows of room under the last customer
#: for the legend.
_PHONE_ROW = 0.36
_PHONE_WHALE = 2.8
_PHONE_NAMES = 1.15
_PHONE_LEGEND_ROWS = 3.4


def _phone(table: pd.DataFrame, curve: pd.DataFrame, readings: WhaleReadings) -> Figure:
    """The two panels one above the other, 3.6 in wide: names wrapped, three money ticks."""
    bars_height = _PHONE_ROW * (len(table) + _PHONE_LEGEND_ROWS)
    height = bars_height + _PHONE_WHALE + 2.3
    fig, (bars, whale) = style.new_figure(
        2, 1, height=height, margins={}, phone=True, height_ratios=[bars_height, _PHONE_WHALE]
    )
    titles = [t("profit.chart.bars_title"), t("profit.chart.whale_title")]
    style.stack_phone_panels(
        fig, [bars, whale], titles, top=0.1, left=_PHONE_NAMES, right=0.3, bottom=0.75, below=0.8
    )
    _bars(bars, table, names_width=_PHONE_NAMES - 0.1)
    bars.set_ylim(len(table) - 0.5 + _PHONE_LEGEND_ROWS, -0.5)  # the legend under the bars
    bars.xaxis.set_major_locator(MaxNLocator(3))
    _whale(whale, curve, readings, phone=True)
    whale.xaxis.set_major_locator(MaxNLocator(4))
    return fig


def _bars(ax, table: pd.DataFrame, *, names_width: float | None = None) -> None:
    """Two bars per customer; on a phone (``names_width`` inches) names wrap on two lines."""
    y = np.arange(len(table))
    height = 0.4
    loss = (table["profit"] < 0).to_numpy()
    ax.barh(y - height / 2, table["revenue"], height, color=style.PALETTE["secondary"])
    ax.barh(
        y + height / 2,
        table["profit"],
        height,
        color=np.where(loss, style.PALETTE["bad"], style.PALETTE["key_account"]),
    )
    ax.axvline(0, color=style.PALETTE["ink"], linewidth=0.8)
    names = [style.escape_mathtext(name) for name in table.index]
    if names_width is None:
        ax.set_yticks(y, names, fontsize=9)
    else:
        size = style.PHONE_TYPE.small
        ax.set_yticks(y, [style.wrap_to(name, names_width, size) for name in names], fontsize=size)
    ax.invert_yaxis()  # the largest customer at the top
    ax.set_xlabel(t("profit.chart.bars_axis"))
    style.format_axis(ax, "€", axis="x", compact=True)
    keys = [("secondary", "revenue"), ("key_account", "profit"), ("bad", "loss")]
    ax.legend(
        handles=[Patch(color=style.PALETTE[c], label=t(f"profit.chart.{k}")) for c, k in keys],
        loc="lower right",
    )


def _whale(ax, curve: pd.DataFrame, readings: WhaleReadings, *, phone: bool = False) -> None:
    x = np.concatenate([[0.0], curve["customer_share"].to_numpy()])
    y = np.concatenate([[0.0], curve["cumulative_share"].to_numpy()])
    ax.plot(x, y, color=style.PALETTE["key_account"], marker="o", markersize=3, linewidth=2)
    ax.axhline(1.0, color=style.PALETTE["ink"], linestyle="--", linewidth=1.2)
    size = style.PHONE_TYPE.text if phone else 9
    width = ax.get_position().width * ax.figure.get_size_inches()[0]  # inches
    if not phone:  # on a phone the curve would cross it: the y axis's label says as much
        ax.text(
            0.02, 1.02, t("profit.chart.total"), va="bottom", fontsize=9, color=style.PALETTE["ink"]
        )
    peak_x = curve["customer_share"].iloc[readings.peak_count - 1]
    peak = t(
        "profit.chart.peak",
        share=fmt.percent(readings.peak_share, 0),
        count=fmt.integer(readings.peak_count),
        total=fmt.integer(readings.n_accounts),
    )
    start = (0.3, 0.15) if phone else (0.25, 0.55)
    if phone:  # the catalog's lines are for the wide panel: wrap again, inside the panel
        peak = style.wrap_to(peak.replace("\n", " "), (1 - start[0]) * width - 0.05, size)
    ax.annotate(
        peak,
        xy=(peak_x, readings.peak_share),
        xytext=(start[0], readings.peak_share * start[1]),
        fontsize=size,
        arrowprops={"arrowstyle": "->", "color": style.PALETTE["ink"]},
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, max(1.1, readings.peak_share * 1.15))
    labels = [t("profit.chart.whale_x"), t("profit.chart.whale_y")]
    if phone:  # axis labels wrapped to the panel's width and height
        width, height = (ax.get_position().size * ax.figure.get_size_inches()).tolist()
        labels = [
            style.wrap_to(labels[0], width, style.PHONE_TYPE.label),
            style.wrap_to(labels[1], height, style.PHONE_TYPE.label),
        ]
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    style.format_axis(ax, "%", axis="x")
    style.format_axis(ax, "%")


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


def figure(
    table: pd.DataFrame, curve: pd.DataFrame, readings: WhaleReadings
) -> style.FigureDisplay:
    """The profit chart for a page: the wide and the phone variants and the alt text.

    >>> from lessons.accounts import whale_curve, whale_readings
    >>> from lessons.samples import sample_profit
    >>> table = sample_profit()
    >>> curve = whale_curve(table["profit"])
    >>> shown = figure(table, curve, whale_readings(curve))
    >>> float(shown.phone.get_size_inches()[0]), shown.alt.startswith("Revenue and profit of 25")
    (3.6, True)
    """
    return style.show(
        plot(table, curve, readings),
        alt_text(table, curve, readings),
        phone=plot(table, curve, readings, phone=True),
    )
