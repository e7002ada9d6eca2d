"""Charts of your own data: the report figure, monthly revenue and its growth.

The Pareto curve is :func:`lessons.charts.accounts.plot_pareto` (one drawing of it in the
course); this module adds what only a real file has: the largest customers against the 10 %
major-customer and 15 % risk thresholds, and revenue month by month with its
month-over-month growth. Every function takes a :class:`lessons.yourdata.Report` (or its
series) and returns a Figure; each has an ``alt_text`` companion built from the same numbers.
Each ``plot`` takes ``phone=True`` for the phone variant (:data:`PHONE_WIDTH` wide, panels one
above the other, larger type, shorter names, fewer month ticks), and each has a ``figure``
companion giving a page both variants and the alt text as one ``<picture>``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.accounts import alt_text_pareto, plot_pareto
from lessons.i18n import t
from lessons.yourdata import MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, Report

__all__ = [
    "alt_text",
    "alt_text_monthly_revenue",
    "alt_text_top_customers",
    "figure",
    "figure_monthly_revenue",
    "figure_top_customers",
    "plot",
    "plot_monthly_revenue",
    "plot_top_customers",
]


def _check_report(report: object, function: str) -> Report:
    if not isinstance(report, Report):
        raise TypeError(
            t("yourdata.chart.error.report", function=function, type=type(report).__name__)
        )
    return report


#: Phone margins, inches. The largest customers: names of 14 characters on the left, the x
#: axis' label and a legend of three lines under the bars.
_TOP_PHONE = {"left": 1.3, "right": 0.15, "top": 0.5, "bottom": 1.75}
#: The Pareto curve's, as :func:`lessons.charts.accounts.plot_pareto` draws it on a phone
#: (its key of two lines under the x axis' label); its axes are 3.9 in high.
_PARETO_PHONE = {"left": 0.74, "right": 0.2, "top": 0.5, "bottom": 1.14, "axes": 3.9}


def _top_phone_height(bars: int) -> float:
    """Height of the phone chart of ``bars`` largest customers, inches."""
    return _TOP_PHONE["top"] + _TOP_PHONE["bottom"] + 0.3 * bars + 0.3


def _place(ax, bottom: float, height: float, margins: dict[str, float]) -> None:
    """Put ``ax`` in the band ``bottom`` .. ``bottom + height`` (inches from the figure's
    bottom) of a phone figure, inside the band's ``margins`` (inches)."""
    fig_height = ax.figure.get_size_inches()[1]
    ax.set_position(
        [
            margins["left"] / style.PHONE_WIDTH,
            (bottom + margins["bottom"]) / fig_height,
            (style.PHONE_WIDTH - margins["left"] - margins["right"]) / style.PHONE_WIDTH,
            (height - margins["top"] - margins["bottom"]) / fig_height,
        ]
    )


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def plot_top_customers(report: Report, *, top: int = 10, ax=None, phone: bool = False) -> Figure:
    """The ``top`` largest customers' shares of revenue, against the 10 % and 15 % lines.

    Bars above the 10 % line are major customers; above 15 %, a concentration risk. Bars are
    coloured by ABC class *and* labelled with their share, so colour is never the only cue.

    Args:
        report: from :func:`lessons.yourdata.analyze`.
        top: how many customers to show (largest first), 1 or more.
        ax: draw into this axes instead of a new figure.
        phone: the phone variant (names cut shorter, larger type, the legend under the bars).

    Returns:
        The matplotlib Figure.

    >>> from lessons.yourdata import analyze_file
    >>> report = analyze_file(b"c,a\\nBank,600\\nShop,300\\nCafe,100\\n", customer="c", amount="a")
    >>> plot_top_customers(report).axes[0].get_xlabel()
    'Share of total revenue'
    >>> plot_top_customers("report")
    Traceback (most recent call last):
        ...
    TypeError: plot_top_customers needs the report of lessons.yourdata.analyze(...) (got a str).
    """
    report = _check_report(report, "plot_top_customers")
    if not isinstance(top, int) or top < 1:
        raise ValueError(t("errors.not_positive", name="top", value=top, why=t("yourdata.why.top")))
    shares = (report.revenue.head(top) / report.total_revenue).iloc[::-1]
    classes = report.pareto["abc_class"].reindex(shares.index)
    if ax is None and phone:
        fig, ax = style.new_figure(height=_top_phone_height(len(shares)), margins={}, phone=True)
        _place(ax, 0.0, _top_phone_height(len(shares)), _TOP_PHONE)
    elif ax is None:
        fig, ax = style.new_figure(width=6.4, height=max(2.6, 0.34 * len(shares) + 1.4))
    else:
        fig = ax.figure
    text_size = style.PHONE_TYPE.text if phone else 8.5
    colors = [style.PALETTE["key_account"] if c == "A" else style.PALETTE["other"] for c in classes]
    # Names are the learner's text: "$" would start mathtext (and "$x^$" fails to draw).
    labels = [
        style.escape_mathtext(_short(str(name), 14 if phone else 28)) for name in shares.index
    ]
    bars = ax.barh(labels, shares.to_numpy(), color=colors)
    seen: set[bool] = set()
    for bar, cls in zip(bars, classes, strict=True):
        key = cls == "A"
        if key not in seen:  # one legend entry per colour
            bar.set_label(t("yourdata.chart.class_a" if key else "yourdata.chart.class_bc"))
            seen.add(key)
    for y, value in enumerate(shares.to_numpy()):
        ax.text(
            value,
            y,
            f" {fmt.percent(value)}",
            va="center",
            fontsize=text_size,
            color=style.PALETTE["ink"],
        )
    # The two thresholds of the chapter: a major customer, a concentration risk.
    for cut, key, color, dash, width in (
        (MAJOR_CUSTOMER_THRESHOLD, "major", "business", "--", 1.4),
        (RISK_THRESHOLD, "risk", "bad", ":", 1.6),
    ):
        label = t(f"yourdata.chart.{key}", value=fmt.percent(cut))
        ax.axvline(cut, color=style.PALETTE[color], linestyle=dash, linewidth=width, label=label)
    # room for the share written after the longest bar ("60.0 %" is wider on a phone)
    right = max(float(shares.max()) * (1.4 if phone else 1.18), RISK_THRESHOLD * 1.25)
    ax.set_xlim(0, right)
    ax.set_xlabel(t("yourdata.chart.top.x"))
    ax.set_ylabel("")
    ax.grid(axis="y", visible=False)
    style.format_axis(ax, "%", "x")
    if phone:
        ax.xaxis.set_major_locator(MaxNLocator(4))
    style.panel_title(ax, t("yourdata.chart.top.title", n=len(shares)), phone=phone, bold=True)
    if phone:
        # under the axis' label: the legend's top is this far below the axes, in inches
        below = 0.62 / (ax.get_position().height * fig.get_size_inches()[1])
        ax.legend(loc="upper left", bbox_to_anchor=(-0.5, -below), fontsize=text_size)
    else:
        ax.legend(loc="lower right", fontsize=8.5)
    return fig


def alt_text_top_customers(report: Report, *, top: int = 10) -> str:
    """Describe :func:`plot_top_customers` with its numbers.

    >>> from lessons.yourdata import analyze_file
    >>> report = analyze_file(b"c,a\\nBank,600\\nShop,300\\nCafe,100\\n", customer="c", amount="a")
    >>> print(alt_text_top_customers(report))
    Bar chart of the 3 largest customers' shares of revenue: Bank 60.0 %, Shop 30.0 %, Cafe 10.0 %.
    3 at or above the 10.0 % major-customer line, 2 at or above the 15.0 % risk line.
    """
    report = _check_report(report, "alt_text_top_customers")
    shares = report.revenue.head(top) / report.total_revenue
    listed = ", ".join(f"{name} {fmt.percent(v)}" for name, v in shares.head(5).items())
    return t(
        "yourdata.chart.top.alt",
        n=len(shares),
        listed=listed,
        major=int((shares >= MAJOR_CUSTOMER_THRESHOLD).sum()),
        risk=int((shares >= RISK_THRESHOLD).sum()),
        major_line=fmt.percent(MAJOR_CUSTOMER_THRESHOLD),
        risk_line=fmt.percent(RISK_THRESHOLD),
    )


def plot_monthly_revenue(
    monthly: pd.Series,
    growth: pd.Series | None = None,
    *,
    title: str | None = None,
    phone: bool = False,
) -> Figure:
    """Revenue per month (bars, €) and, below, its month-over-month growth (bars, %).

    Months with refunds larger than sales show below zero; a growth that cannot be computed
    (the first month, or after an empty month) is left blank and marked "–".

    Args:
        monthly: revenue in € per month (a Series indexed by month start), as in
            ``Report.monthly_revenue``.
        growth: month-over-month growth as fractions (``Report.monthly_growth``), optional.
        title: the chart title; a default one if ``None``.
        phone: the phone variant (narrower, larger type, a tick every few months).

    Returns:
        The matplotlib Figure.

    >>> months = pd.date_range("2024-01-01", periods=3, freq="MS")
    >>> fig = plot_monthly_revenue(pd.Series([100.0, 120.0, 90.0], index=months))
    >>> fig.axes[0].get_ylabel()
    'Revenue (€)'
    >>> plot_monthly_revenue(pd.Series([], dtype=float))
    Traceback (most recent call last):
        ...
    ValueError: The monthly revenue is empty: map a date column to see revenue month by month.
    """
    if not isinstance(monthly, pd.Series) or monthly.empty:
        raise ValueError(t("yourdata.chart.error.no_months"))
    labels = [fmt.month(m) if hasattr(m, "strftime") else str(m) for m in monthly.index]
    x = np.arange(len(monthly))
    rows = 2 if growth is not None else 1
    if phone:
        height = 2.3 * rows + 1.3 * rows + 0.1
        # room under each panel for the rotated month names, above each for a two-line title
        fig, axes = style.phone_column(
            rows, height, left=1.0, right=0.15, top=0.6, bottom=0.8, row_gap=1.3
        )
    else:
        fig, axes = style.new_figure(rows, 1, width=9.0, height=3.2 * rows + 0.6)
    axes = axes if rows == 2 else [axes]
    top = axes[0]
    values = monthly.to_numpy(dtype=float)
    top.bar(
        x,
        values,
        color=[style.PALETTE["business"] if v >= 0 else style.PALETTE["bad"] for v in values],
    )
    top.set_ylabel(t("yourdata.chart.monthly.y"))
    style.format_axis(top, "€")
    monthly_title = title or t("yourdata.chart.monthly.title", n=len(monthly))
    style.panel_title(top, monthly_title, phone=phone, bold=True)
    every = max(1, math.ceil(len(x) / (4 if phone else 12)))
    for ax in axes:
        ax.set_xticks(x[::every], labels[::every], rotation=45, ha="right")
        ax.grid(axis="x", visible=False)
    if growth is not None:
        low = axes[1]
        g = growth.reindex(monthly.index).to_numpy(dtype=float)
        shown = np.nan_to_num(g, nan=0.0)
        low.bar(
            x,
            shown,
            color=[style.PALETTE["good"] if v >= 0 else style.PALETTE["bad"] for v in shown],
        )
        for xi, gi in zip(x, g, strict=True):
            if math.isnan(gi):
                low.text(xi, 0, "–", ha="center", va="bottom", color=style.PALETTE["ink"])
        low.axhline(0, color=style.PALETTE["ink"], linewidth=0.8)
        low.set_ylabel(t("yourdata.chart.growth.y"))
        style.format_axis(low, "%")
        style.panel_title(low, t("yourdata.chart.growth.title"), phone=phone, bold=True)
    axes[-1].set_xlabel(t("yourdata.chart.monthly.x"))
    return fig


def alt_text_monthly_revenue(monthly: pd.Series, growth: pd.Series | None = None) -> str:
    """Describe :func:`plot_monthly_revenue` with its numbers.

    >>> months = pd.date_range("2024-01-01", periods=3, freq="MS")
    >>> print(alt_text_monthly_revenue(pd.Series([100.0, 120.0, 90.0], index=months)))
    Bar chart of revenue for 3 months, Jan 2024 to Mar 2024: lowest €90 (Mar 2024), highest €120
    (Feb 2024), last month €90.
    """
    if not isinstance(monthly, pd.Series) or monthly.empty:
        raise ValueError(t("yourdata.chart.error.no_months"))
    text = t(
        "yourdata.chart.monthly.alt",
        n=len(monthly),
        first=fmt.month(monthly.index[0]),
        last=fmt.month(monthly.index[-1]),
        low=fmt.money(monthly.min(), 0),
        low_month=fmt.month(monthly.idxmin()),
        high=fmt.money(monthly.max(), 0),
        high_month=fmt.month(monthly.idxmax()),
        final=fmt.money(monthly.iloc[-1], 0),
    )
    if growth is not None and growth.notna().any():
        valid = growth.dropna()
        text += " " + t(
            "yourdata.chart.growth.alt",
            up=int((valid > 0).sum()),
            down=int((valid < 0).sum()),
            final=fmt.percent(float(growth.iloc[-1])),
        )
    return text


def plot(report: Report, *, phone: bool = False) -> Figure:
    """The report figure: the Pareto curve (left) and the largest customers' shares (right);
    on a phone (``phone=True``) one above the other.

    >>> from lessons.yourdata import analyze_file
    >>> report = analyze_file(b"c,a\\nBank,600\\nShop,300\\nCafe,100\\n", customer="c", amount="a")
    >>> len(plot(report).axes)
    2
    """
    report = _check_report(report, "plot")
    if phone:
        lower = _top_phone_height(min(10, len(report.revenue)))
        upper = _PARETO_PHONE["top"] + _PARETO_PHONE["axes"] + _PARETO_PHONE["bottom"]
        fig, (left, right) = style.new_figure(2, 1, height=upper + lower, margins={}, phone=True)
        _place(left, lower, upper, _PARETO_PHONE)
        _place(right, 0.0, lower, _TOP_PHONE)
    else:
        fig, (left, right) = style.new_figure(1, 2, width=12.0, height=4.8)
    plot_pareto(report.pareto, ax=left, phone=phone)
    plot_top_customers(report, ax=right, phone=phone)
    return fig


def alt_text(report: Report) -> str:
    """Describe :func:`plot`: the Pareto curve's reading, then the largest customers."""
    report = _check_report(report, "alt_text")
    return alt_text_pareto(report.pareto) + " " + alt_text_top_customers(report)


def figure(report: Report) -> style.FigureDisplay:
    """The report figure for a page: wide and phone variants and alt text, as one ``<picture>``.

    >>> from lessons.yourdata import analyze_file
    >>> report = analyze_file(b"c,a\\nBank,600\\nShop,300\\nCafe,100\\n", customer="c", amount="a")
    >>> figure(report).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(report), alt_text(report), phone=plot(report, phone=True))


def figure_top_customers(report: Report, *, top: int = 10) -> style.FigureDisplay:
    """The largest customers' shares for a page: both variants and alt text."""
    return style.show(
        plot_top_customers(report, top=top),
        alt_text_top_customers(report, top=top),
        phone=plot_top_customers(report, top=top, phone=True),
    )


def figure_monthly_revenue(
    monthly: pd.Series, growth: pd.Series | None = None, *, title: str | None = None
) -> style.FigureDisplay:
    """Revenue month by month (and its growth) for a page: both variants and alt text."""
    return style.show(
        plot_monthly_revenue(monthly, growth, title=title),
        alt_text_monthly_revenue(monthly, growth),
        phone=plot_monthly_revenue(monthly, growth, title=title, phone=True),
    )
