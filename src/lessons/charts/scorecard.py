"""The key-account scorecard: KPIs that measure key accounts, as a grid and as monthly trends.

:func:`plot_scorecard` draws one row per key account and one column per KPI, each cell with the
value, a status symbol and a status tint (never colour alone). :func:`plot_account_trend`
shows one account month by month: its revenue, and its on-time delivery rate against the
target with the status of each month. The numbers come from :mod:`lessons.scorecard`
(``account_scorecard``, ``account_monthly``) and the statuses from :mod:`lessons.kpis`.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.kpi import draw_kpi, sparse_ticks
from lessons.i18n import t
from lessons.kpis import check_history
from lessons.scorecard import SCORECARD_KPIS, account_rows, check_scorecard

__all__ = [
    "alt_text",
    "alt_text_account_trend",
    "alt_text_scorecard",
    "figure",
    "figure_account_trend",
    "figure_scorecard",
    "plot",
    "plot_account_trend",
    "plot_scorecard",
]

_STATUS_ORDER = ("on track", "at risk", "off track")
#: Light tints behind the cell text (the text itself stays dark, so contrast is kept).
_TINTS = ListedColormap(["#CDEBDD", "#F6E7B8", "#F7D3BE"])


def _target_text(row) -> str:
    arrow = "≥" if row["direction"] == "higher" else "≤"
    return f"{arrow} {fmt.value(row['target'], row['unit'])}"


def plot_scorecard(
    scorecard: pd.DataFrame,
    *,
    title: str | None = None,
    highlight=None,
    tolerance: float | None = None,
    ax=None,
    phone: bool = False,
) -> Figure:
    """The scorecard as a grid: accounts (rows) × KPIs (columns), value and status per cell.

    Args:
        scorecard: the output of :func:`lessons.scorecard.account_scorecard`.
        title: the chart title; a default one if ``None``.
        highlight: an account to outline (the one a panel has selected).
        tolerance: the "at risk" tolerance used, named in the subtitle.
        ax: draw into this axes instead of a new figure.
        phone: the phone variant (narrower, larger type); the wide one by default.

    >>> from lessons.samples import sample_account_history
    >>> from lessons.scorecard import account_scorecard
    >>> fig = plot_scorecard(account_scorecard(sample_account_history(seed=0)))
    >>> fig.axes[0].get_title()
    'Key-account scorecard: KPIs per account'
    >>> plot_scorecard(pd.DataFrame())
    Traceback (most recent call last):
        ...
    TypeError: plot_scorecard needs the table returned by lessons.scorecard.account_scorecard(...).
    """
    card = check_scorecard(scorecard, "plot_scorecard")
    accounts = list(dict.fromkeys(card["account"]))
    codes = [k for k in SCORECARD_KPIS if k in set(card["kpi"])]
    cells = {(r["account"], r["kpi"]): r for r in card.to_dict("records")}
    if phone:
        return _phone_scorecard(accounts, codes, cells, title, highlight, tolerance, ax)
    if ax is None:
        width, height = 7.2, 0.75 * len(accounts) + 1.9
        # Fixed margins, no layout engine (a live panel redraws the grid on every target
        # change): room for the longest account name at the left (a browser's font may be a
        # little wider, hence 15 %), the title and two-line headers above, the key below.
        names = max(style.text_inches(str(a), 11) for a in accounts) * 1.15 + 0.15
        margins = {
            "left": min(names, 0.45 * width) / width,
            "right": 1 - 0.1 / width,
            "top": 1 - 0.95 / height,
            "bottom": 0.5 / height,
        }
        fig, ax = style.new_figure(width=width, height=height, margins=margins)
    else:
        fig = ax.figure
    grid = [[_STATUS_ORDER.index(cells[(a, k)]["status"]) for k in codes] for a in accounts]
    ax.pcolormesh(grid, cmap=_TINTS, vmin=-0.5, vmax=2.5, edgecolors="white", linewidth=2)
    for i, account in enumerate(accounts):
        for j, code in enumerate(codes):
            row = cells[(account, code)]
            symbol = fmt.STATUS_SYMBOLS[row["status"]]
            ax.text(
                j + 0.5,
                i + 0.5,
                f"{symbol} {fmt.value(row['value'], row['unit'])}",
                ha="center",
                va="center",
                fontsize=10,
                color=style.PALETTE["ink"],
                fontweight="bold" if row["status"] != "on track" else "normal",
            )
    if highlight in accounts:
        i = accounts.index(highlight)
        ax.add_patch(
            Rectangle(
                (0, i),
                len(codes),
                1,
                fill=False,
                edgecolor=style.PALETTE["ink"],
                linewidth=2.2,
                clip_on=False,
            )
        )
    headers = [
        f"{t(f'charts.scorecard.short.{code}')}\n{_target_text(cells[(accounts[0], code)])}"
        for code in codes
    ]
    # Headers and account names as plain texts, not tick labels: tick objects are the slowest
    # part of a chart to build and draw, and this grid is redrawn on every target change.
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    top, left = ax.get_xaxis_transform(), ax.get_yaxis_transform()
    for j, header in enumerate(headers):
        ax.text(
            j + 0.5,
            1.015,
            header,
            transform=top,
            ha="center",
            va="bottom",
            fontsize=9,
            gid="header",
        )
    for i, account in enumerate(accounts):
        ax.text(
            -0.015,
            i + 0.5,
            str(account),
            transform=left,
            ha="right",
            va="center",
            fontsize=11,
            gid="account",
        )
    ax.set_ylim(len(accounts), 0)
    ax.set_xlim(0, len(codes))
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(_caption(tolerance), fontsize=9)
    # The title sits above the two-line headers (fixed margins do not move it there).
    ax.set_title(title or t("charts.scorecard.title"), fontweight="bold", pad=36)
    return fig


def _caption(tolerance: float | None, phone: bool = False) -> str:
    caption = t("charts.scorecard.legend")
    if tolerance is not None:
        caption += "\n" + t("charts.scorecard.tolerance", tolerance=fmt.percent(tolerance, 0))
    return (
        style.wrap_to(caption, style.PHONE_WIDTH - 0.2, style.PHONE_TYPE.small)
        if phone
        else caption
    )


#: The phone grid, in inches: a band for each account's name above its row of cells.
_PHONE_NAME, _PHONE_CELL, _PHONE_TOP, _PHONE_BOTTOM = 0.24, 0.46, 0.88, 0.62


def _phone_scorecard(accounts, codes, cells, title, highlight, tolerance, ax) -> Figure:
    """The scorecard on a phone: each account's name on a line of its own, its KPIs in a row
    of cells under it (value under its status symbol), the KPIs named once at the top.

    The wide grid's column of account names would leave each KPI a cell too narrow to read.
    """
    rows = len(accounts)
    height = _PHONE_TOP + rows * (_PHONE_NAME + _PHONE_CELL) + _PHONE_BOTTOM
    if ax is None:
        margins = style.inch_margins(
            style.PHONE_WIDTH, height, left=0.08, right=0.08, top=_PHONE_TOP, bottom=_PHONE_BOTTOM
        )
        fig, ax = style.new_figure(height=height, margins=margins, phone=True)
    else:
        fig = ax.figure
    # y grows downwards, one unit per cell height; each account takes its name band and a row.
    band = _PHONE_NAME / _PHONE_CELL
    step = band + 1
    for i, account in enumerate(accounts):
        top = i * step
        ax.text(
            0,
            top + band / 2,
            str(account),
            ha="left",
            va="center",
            fontsize=style.PHONE_TYPE.label,
            fontweight="bold",
            color=style.PALETTE["ink"],
            gid="account",
        )
        for j, code in enumerate(codes):
            row = cells[(account, code)]
            tint = _TINTS.colors[_STATUS_ORDER.index(row["status"])]
            ax.add_patch(
                Rectangle((j, top + band), 1, 1, facecolor=tint, edgecolor="white", linewidth=2)
            )
            ax.text(
                j + 0.5,
                top + band + 0.5,
                f"{fmt.STATUS_SYMBOLS[row['status']]}\n{fmt.value(row['value'], row['unit'])}",
                ha="center",
                va="center",
                fontsize=style.PHONE_TYPE.text,
                color=style.PALETTE["ink"],
                linespacing=1.15,
                fontweight="bold" if row["status"] != "on track" else "normal",
            )
        if account == highlight:
            ax.add_patch(
                Rectangle(
                    (0, top + band),
                    len(codes),
                    1,
                    fill=False,
                    edgecolor=style.PALETTE["ink"],
                    linewidth=2.2,
                    clip_on=False,
                )
            )
    heading = ax.get_xaxis_transform()
    for j, code in enumerate(codes):
        name = style.wrap(t(f"charts.scorecard.short.{code}"), 8)
        ax.text(
            j + 0.5,
            1.01,
            f"{name}\n{_target_text(cells[(accounts[0], code)])}",
            transform=heading,
            ha="center",
            va="bottom",
            fontsize=style.PHONE_TYPE.small,
            gid="header",
        )
    ax.set_xlim(0, len(codes))
    ax.set_ylim(rows * step, 0)
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(_caption(tolerance, phone=True), fontsize=style.PHONE_TYPE.small)
    ax.set_title(
        style.wrap_to(
            title or t("charts.scorecard.title"),
            style.PHONE_WIDTH - 0.2,
            style.PHONE_TYPE.title,
            bold=True,
        ),
        fontweight="bold",
        fontsize=style.PHONE_TYPE.title,
        pad=44,
    )
    return fig


def alt_text_scorecard(scorecard: pd.DataFrame, *, tolerance: float | None = None) -> str:
    """Describe :func:`plot_scorecard` with its statuses, account by account.

    >>> from lessons.samples import sample_account_history
    >>> from lessons.scorecard import account_scorecard
    >>> print(alt_text_scorecard(account_scorecard(sample_account_history(seed=0))))
    Scorecard of 4 key accounts on 5 KPIs. Vantor Retail Group: 1 on track, 1 at risk, 3 off
    track. Banque Méridienne: 5 on track, 0 at risk, 0 off track. Hollis Aerostructures: 3 on
    track, 0 at risk, 2 off track. Brightwell Health: 5 on track, 0 at risk, 0 off track.
    """
    card = check_scorecard(scorecard, "alt_text_scorecard")
    counts: dict = {}  # account -> status -> count, in the order of the table
    for account, status in zip(card["account"], card["status"], strict=True):
        counts.setdefault(account, Counter())[status] += 1
    parts = [
        t(
            "charts.scorecard.alt",
            n=fmt.integer(len(counts)),
            k=fmt.integer(card["kpi"].nunique()),
        )
    ]
    for account, count in counts.items():
        parts.append(
            t(
                "charts.scorecard.alt_account",
                account=account,
                on=fmt.integer(count["on track"]),
                risk=fmt.integer(count["at risk"]),
                off=fmt.integer(count["off track"]),
            )
        )
    if tolerance is not None:
        parts.append(t("charts.scorecard.tolerance", tolerance=fmt.percent(tolerance, 0)))
    return " ".join(parts)


def _account_rows(monthly: pd.DataFrame, account) -> pd.DataFrame:
    if not isinstance(monthly, pd.DataFrame) or not {"month", "account", "revenue"} <= set(monthly):
        raise TypeError(t("charts.scorecard.error.not_monthly"))
    return account_rows(monthly, account)


def _month_labels(months: pd.Series) -> list[str]:
    """Months as the learner's language writes them (``Mar 2024``); other periods as given."""
    return [fmt.month(m) if hasattr(m, "to_timestamp") else str(m) for m in months]


def plot_account_trend(
    monthly: pd.DataFrame,
    account,
    on_time_statuses=None,
    on_time_target: float | None = None,
    *,
    tolerance: float | None = None,
    phone: bool = False,
) -> Figure:
    """One key account month by month: revenue (left), on-time rate vs target (right).

    Without a target, the right panel shows the monthly on-time rate alone (a panel does this
    so that moving a target re-draws only the scorecard grid).

    Args:
        monthly: the output of :func:`lessons.scorecard.account_monthly`.
        account: the account to show.
        on_time_statuses: the status of each month's on-time rate, e.g.
            ``lessons.kpis.status_series(rates, target)``; ignored without a target.
        on_time_target: the on-time delivery target (fraction), or ``None``.
        tolerance: the "at risk" tolerance, named in the legend.
        phone: the phone variant (narrower, panels stacked, larger type); the wide one by
            default.

    >>> from lessons.kpis import status_series
    >>> from lessons.samples import sample_account_history
    >>> from lessons.scorecard import account_monthly
    >>> monthly = account_monthly(sample_account_history(seed=0))
    >>> rates = monthly[monthly["account"] == "Banque Méridienne"]["on_time_rate"]
    >>> fig = plot_account_trend(monthly, "Banque Méridienne", status_series(rates, 0.95), 0.95)
    >>> [ax.get_title() for ax in fig.axes]
    ['Monthly revenue (€)', 'On-time deliveries']
    >>> plot_account_trend(monthly, "Bnak", [], 0.95)
    Traceback (most recent call last):
        ...
    ValueError: "Bnak" is not one of the key accounts: Banque Méridienne, ...
    """
    rows = _account_rows(monthly, account)
    labels = _month_labels(rows["month"])
    # Fixed margins (no layout engine): the panel redraws this figure on every account change.
    if phone:  # revenue above, on-time rate under it, the legend at the bottom
        fig, (left, right) = style.phone_column(
            2, 6.0, left=0.72, right=0.25, top=0.62, bottom=0.95, row_gap=0.6
        )
    else:
        margins = {"left": 0.1, "right": 0.98, "top": 0.82, "bottom": 0.24, "wspace": 0.38}
        fig, (left, right) = style.new_figure(1, 2, width=8.0, height=3.4, margins=margins)
    left.bar(range(len(rows)), rows["revenue"].to_numpy(), color=style.PALETTE["key_account"])
    sparse_ticks(left, labels)
    left.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.money_compact(v)))
    style.panel_title(left, t("charts.scorecard.trend.revenue"), phone=phone, fontsize=11)
    left.set_ylabel("€")
    rates = pd.Series(rows["on_time_rate"].to_numpy(), index=pd.Index(labels, name="month"))
    title = t("charts.scorecard.trend.on_time")
    right.set_ylabel(t("charts.kpi.y_label", unit="%", better=t("charts.kpi.better.higher")))
    if on_time_target is None:
        draw_kpi(right, rates, None, "%", None, None, note=False, phone=phone)
        right.set_xlabel(t("charts.scorecard.trend.see_grid"), fontsize=8.5)
    else:
        rates, statuses = check_history(rates, on_time_statuses)
        handles = draw_kpi(right, rates, on_time_target, "%", statuses, tolerance, phone=phone)
        # One row along the bottom of the figure, under both x axes (two on a phone).
        fig.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.01),
            ncol=2 if phone else len(handles),
            fontsize=8.5,
            borderaxespad=0,
            frameon=not phone,
        )
    style.panel_title(right, title, phone=phone, fontsize=11)
    for ax in (left, right):
        ax.tick_params(axis="x", labelsize=8)
    size = {"fontsize": style.PHONE_TYPE.title + 0.5} if phone else {}
    fig.suptitle(str(account), fontweight="bold", **size)
    return fig


def alt_text_account_trend(
    monthly: pd.DataFrame, account, on_time_statuses=None, on_time_target=None
) -> str:
    """Describe :func:`plot_account_trend` with its numbers.

    >>> from lessons.samples import sample_account_history
    >>> from lessons.scorecard import account_monthly
    >>> monthly = account_monthly(sample_account_history(seed=0))
    >>> text = alt_text_account_trend(monthly, "Banque Méridienne", ["on track"] * 12, 0.95)
    >>> text.startswith("Banque Méridienne month by month: revenue from €")
    True
    """
    rows = _account_rows(monthly, account)
    labels = _month_labels(rows["month"])
    values = {
        "account": account,
        "first": fmt.value(float(rows["revenue"].iloc[0]), "€"),
        "first_month": labels[0],
        "last": fmt.value(float(rows["revenue"].iloc[-1]), "€"),
        "last_month": labels[-1],
    }
    if on_time_target is None:
        rates = rows["on_time_rate"]
        return t(
            "charts.scorecard.trend.alt_no_target",
            low=fmt.value(float(rates.min()), "%"),
            high=fmt.value(float(rates.max()), "%"),
            **values,
        )
    statuses = pd.Series(list(on_time_statuses))
    return t(
        "charts.scorecard.trend.alt",
        target=fmt.value(on_time_target, "%"),
        on=fmt.integer((statuses == "on track").sum()),
        n=fmt.integer(len(rows)),
        **values,
    )


def figure_scorecard(
    scorecard: pd.DataFrame, *, highlight=None, tolerance: float | None = None
) -> style.FigureDisplay:
    """The scorecard grid for a page: wide and phone variants and alt text, as one
    ``<picture>``.

    >>> from lessons.samples import sample_account_history
    >>> from lessons.scorecard import account_scorecard
    >>> figure_scorecard(account_scorecard(sample_account_history(seed=0))).alt[:30]
    'Scorecard of 4 key accounts on'
    """
    options = {"highlight": highlight, "tolerance": tolerance}
    return style.show(
        plot_scorecard(scorecard, **options),
        alt_text_scorecard(scorecard, tolerance=tolerance),
        phone=plot_scorecard(scorecard, **options, phone=True),
    )


def figure_account_trend(
    monthly: pd.DataFrame,
    account,
    on_time_statuses=None,
    on_time_target: float | None = None,
    *,
    tolerance: float | None = None,
) -> style.FigureDisplay:
    """One key account month by month for a page: both variants and alt text."""
    args = (monthly, account, on_time_statuses, on_time_target)
    return style.show(
        plot_account_trend(*args, tolerance=tolerance),
        alt_text_account_trend(*args),
        phone=plot_account_trend(*args, tolerance=tolerance, phone=True),
    )


#: The names every chart module exposes (``lessons.charts.load("scorecard").plot``).
plot = plot_scorecard
alt_text = alt_text_scorecard
figure = figure_scorecard
