"""Key-account figures: Pareto curve with ABC classes, portfolio matrix, score vs revenue.

Every number drawn here comes from :mod:`lessons.accounts` (``pareto_table``,
``pareto_readings``, ``key_account_score``, ``portfolio_matrix``); this module
only draws and describes, with every number formatted by :mod:`lessons.format`. Each ``plot_*``
returns a Figure; each ``alt_text_*`` describes the same figure with its computed numbers. The
tables a panel shows next to these figures are built by :mod:`lessons.tables`. The loss of one
account is drawn by :mod:`lessons.charts.loss` (its names are also here, where the portfolio
pages find the other figures).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator

from lessons import format as fmt
from lessons import tables
from lessons.accounts import (
    HHI_HIGHLY_CONCENTRATED,
    QUADRANTS,
    ParetoReadings,
    check_result,
    pareto_readings,
    quadrant_label,
)
from lessons.charts import style
from lessons.charts.loss import alt_text_loss_impact, figure_loss_impact, plot_loss_impact
from lessons.i18n import t

__all__ = [
    "HHI_HIGHLY_CONCENTRATED",
    "alt_text",
    "alt_text_loss_impact",
    "alt_text_pareto",
    "alt_text_portfolio_matrix",
    "alt_text_scores",
    "figure",
    "figure_loss_impact",
    "figure_pareto",
    "figure_portfolio_matrix",
    "figure_scores",
    "plot",
    "plot_loss_impact",
    "plot_pareto",
    "plot_portfolio_matrix",
    "plot_scores",
    "weights_text",
]

#: Fixed margins of the live charts (fractions of the figure): no layout engine, whose extra
#: measuring draw on every save made the portfolio panel about three times slower.
_PARETO_MARGINS = {"left": 0.13, "right": 0.95, "bottom": 0.12, "top": 0.92}
#: Phone figures: the same charts 3.6 in wide, margins set in inches.
#: On a phone: how far under the axes the key starts (under the x axis' label), and the room
#: the figure keeps for a key of three one-line entries, inches.
_PHONE_KEY, _PHONE_KEY_ROOM = 0.52, 0.62
_PARETO_PHONE_HEIGHT = 4.4 + _PHONE_KEY_ROOM
_PARETO_PHONE = style.inch_margins(
    style.PHONE_WIDTH,
    _PARETO_PHONE_HEIGHT,
    left=0.74,
    right=0.2,
    top=0.5,
    bottom=_PHONE_KEY + _PHONE_KEY_ROOM,
)
_SCORES_MARGINS = {"left": 0.05, "right": 0.99, "bottom": 0.08, "top": 0.86}
_MATRIX_MARGINS = {"left": 0.11, "right": 0.97, "bottom": 0.25, "top": 0.93}
_MATRIX_PHONE = style.inch_margins(
    style.PHONE_WIDTH, 5.0, left=0.62, right=0.1, top=0.55, bottom=1.35
)
#: Five ticks on a 0-100 % axis: fewer tick objects to draw, the tables give the exact shares.
_QUARTERS = [0.0, 0.25, 0.5, 0.75, 1.0]
_HALVES = [0.0, 0.5, 1.0]

_CLASS_COLORS = {
    "A": style.PALETTE["key_account"],
    "B": style.PALETTE["secondary"],
    "C": style.PALETTE["other"],
}
_QUADRANT_STYLE = {
    "key account": (style.PALETTE["key_account"], "o"),
    "develop": (style.PALETTE["good"], "^"),
    "maintain": (style.PALETTE["business"], "s"),
    "opportunistic": (style.PALETTE["other"], "D"),
}


def _readings(
    table: pd.DataFrame, readings: ParetoReadings | None, function: str
) -> ParetoReadings:
    """The readings a caller computed once (a panel), or those of ``table`` (a notebook)."""
    check_result(table, "pareto", function)
    if readings is None:
        return pareto_readings(table)
    if not isinstance(readings, ParetoReadings):
        raise TypeError(t("tables.error.readings", function=function))
    return readings


def _key(ax, entries: list[tuple[str, str]], y: float = 0.02, *, phone: bool = False) -> None:
    """A key of a few entries as one text at the lower right: ``(symbol, words)`` per line.

    The symbol repeats the shape drawn (◆ ■ markers, ╌ dashes, ━ a thick line), so the key
    reads without colour; one text draws several times faster than a legend, which counts in
    a live panel. On a phone the narrower axes have no free corner: the key goes under them,
    at the figure's left edge, :data:`_PHONE_KEY` inches below the axes (the figure leaves
    :data:`_PHONE_KEY_ROOM` inches for it).
    """
    if phone:
        entries = [
            (symbol, style.wrap_to(words, 3.0, style.PHONE_TYPE.small)) for symbol, words in entries
        ]
    text = "\n".join(f"{symbol} {words}" for symbol, words in entries)
    look = {"ma": "left", "color": style.PALETTE["ink"], "bbox": _KEY_BOX}
    if phone:
        ax.annotate(
            text,
            xy=(0.03, 0),
            xycoords=("figure fraction", "axes fraction"),
            xytext=(0, -_PHONE_KEY * 72),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=style.PHONE_TYPE.small,
            linespacing=1.35,
            **look,
        )
        return
    ax.text(
        0.98,
        y,
        text,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=8.5,
        linespacing=1.5,
        **look,
    )


_KEY_BOX = {"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "#cccccc"}


def _mark(ax: Axes, x: float, y: float, marker: str, color: str, label: str) -> None:
    """One reading on the Pareto curve: a marker of its own shape, named in the key."""
    ax.plot(
        [x], [y], marker=marker, color=style.PALETTE[color], linestyle="", markersize=7, label=label
    )


# --------------------------------------------------------------------------------------------
# Pareto curve
# --------------------------------------------------------------------------------------------


def plot_pareto(
    table: pd.DataFrame,
    readings: ParetoReadings | None = None,
    *,
    title: str | None = None,
    thresholds: tuple[float, float] | None = None,
    top_n: int | None = None,
    ax: Axes | None = None,
    phone: bool = False,
) -> Figure:
    """The Pareto (cumulative share) curve of revenue, with ABC class bands.

    The x axis is the share of accounts, largest first; the y axis the share of revenue they
    bring together. The dotted lines read the curve at 80 % of revenue: how many accounts it
    really takes here, computed, next to what the "80/20 rule" would assume. The diagonal is
    what equal accounts would give.

    Args:
        table: the output of :func:`lessons.accounts.pareto_table`.
        readings: its :func:`lessons.accounts.pareto_readings` (a panel computes them once for
            the figure, the alt text and the concentration table); computed if ``None``.
        title: the chart title; a default one if ``None``.
        thresholds: optional ``(a, b)`` used to build the table, drawn as the class cuts.
        top_n: optionally mark the share of revenue of the ``top_n`` largest accounts.
        ax: draw into this axes instead of a new figure.
        phone: the phone variant (narrower, larger type); the wide one by default.

    Returns:
        The matplotlib Figure.

    >>> from lessons.accounts import pareto_table
    >>> revenue = pd.Series({"Bank": 600.0, "Retailer": 250.0, "Hotel": 100.0, "Cafe": 50.0})
    >>> fig = plot_pareto(pareto_table(revenue))
    >>> fig.axes[0].get_xlabel()
    'Share of accounts, largest first'
    >>> plot_pareto(revenue)
    Traceback (most recent call last):
        ...
    TypeError: plot_pareto needs the table returned by lessons.accounts.pareto_table(...) ...
    """
    reads = _readings(table, readings, "plot_pareto")
    conc = reads.concentration
    n = conc.n_accounts
    if ax is None:
        margins, height = (_PARETO_PHONE, _PARETO_PHONE_HEIGHT) if phone else (_PARETO_MARGINS, 4.4)
        fig, ax = style.new_figure(
            width=_width(phone, 6.4), height=height, margins=margins, phone=phone
        )
    else:
        fig = ax.figure
    small = style.PHONE_TYPE.small if phone else 8.5
    x = np.concatenate([[0.0], table["rank"].to_numpy() / n])
    y = np.concatenate([[0.0], table["cumulative_share"].to_numpy(dtype=float)])
    for label in "ABC":
        ranks = table.loc[table["abc_class"] == label, "rank"]
        if ranks.empty:
            continue
        left, right = (ranks.min() - 1) / n, ranks.max() / n
        ax.axvspan(left, right, color=_CLASS_COLORS[label], alpha=0.13, linewidth=0)
        ax.text(
            (left + right) / 2,
            0.03,
            label,
            ha="center",
            va="bottom",
            fontsize=13,
            fontweight="bold",
            color=style.PALETTE["ink"],
        )
    ax.plot(
        [0, 1],
        [0, 1],
        color=style.PALETTE["other"],
        linestyle=":",
        linewidth=1.2,
        label=t("charts.accounts.pareto.equal"),
    )
    # The diagonal and the curve are named where they are drawn (the curve by the axis label):
    # a legend of three readings instead of five draws faster in a live panel.
    ax.text(
        0.8,
        0.78,
        t("charts.accounts.pareto.equal"),
        rotation=45,
        rotation_mode="anchor",
        transform_rotates_text=True,
        ha="right",
        va="top",
        fontsize=small,
        color=style.PALETTE["ink"],
    )
    ax.plot(
        x,
        y,
        color=style.PALETTE["key_account"],
        linewidth=2,
        marker="o",
        markersize=3.5,
        label=t("charts.accounts.pareto.curve"),
    )
    x80, y80 = reads.accounts_for_reference, reads.reference_share
    reading = t(
        "charts.accounts.pareto.reference",
        share=fmt.percent(y80, 0),
        accounts=fmt.percent(x80, 0),
    )
    top_label = None
    ax.plot(
        [0, x80, x80],
        [y80, y80, 0],
        color=style.PALETTE["bad"],
        linestyle="--",
        linewidth=1.3,
        label=reading,
    )
    top20 = t(
        "charts.accounts.pareto.top20",
        accounts=fmt.percent(reads.reference_accounts, 0),
        share=fmt.percent(reads.top_accounts_share, 0),
    )
    _mark(ax, reads.reference_accounts, reads.top_accounts_share, "D", "accent", top20)
    if top_n is not None:
        k = min(int(top_n), n)
        share = conc.top_n_share(k)
        top_label = t("charts.accounts.pareto.top_n", n=fmt.integer(k), share=fmt.percent(share, 0))
        _mark(ax, k / n, share, "s", "good", top_label)
    if thresholds is not None:
        for name, cut in zip(("a", "b"), thresholds, strict=True):
            ax.axhline(cut, color=style.PALETTE["ink"], linewidth=0.8, alpha=0.5)
            ax.text(
                1.0,
                cut,
                t(f"charts.accounts.pareto.cut_{name}", value=fmt.percent(cut, 0)),
                ha="right",
                va="bottom",
                fontsize=small,
                color=style.PALETTE["ink"],
            )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xticks(_QUARTERS)
    ax.set_yticks(_HALVES)  # the cut lines and the 80 % reading are labelled where drawn
    ax.set_xlabel(t("charts.accounts.pareto.x"))
    ax.set_ylabel(t("charts.accounts.pareto.y"))
    style.format_axis(ax, "%", "x")
    style.format_axis(ax, "%", "y")
    _title(ax, title or t("charts.accounts.pareto.title", n=fmt.integer(n)), phone)
    entries = [("╌╌", reading), ("◆", top20)] + ([("■", top_label)] if top_label else [])
    _key(ax, entries, y=0.1, phone=phone)
    return fig


def _width(phone: bool, wide: float) -> float:
    return style.PHONE_WIDTH if phone else wide


def _title(ax: Axes, text: str, phone: bool, **options) -> None:
    """A chart's bold title; on a phone in the phone type, wrapped to the figure's width."""
    style.panel_title(ax, text, phone=phone, bold=True, **options)


def alt_text_pareto(
    table: pd.DataFrame,
    readings: ParetoReadings | None = None,
    *,
    thresholds: tuple[float, float] | None = None,
    top_n: int | None = None,
) -> str:
    """Describe :func:`plot_pareto` with its computed numbers (arguments as for the figure).

    >>> from lessons.accounts import pareto_table
    >>> revenue = pd.Series({"Bank": 600.0, "Retailer": 250.0, "Hotel": 100.0, "Cafe": 50.0})
    >>> print(alt_text_pareto(pareto_table(revenue)))
    Pareto curve of 4 accounts: the largest 50 % of accounts bring 80 % of revenue (the "80/20 rule"
    would say 20 %); the top 20 % of accounts (1) bring 60.0 %. Classes: A 2 accounts (85.0 % of
    revenue), B 1, C 1. HHI 4,350.
    """
    r = _readings(table, readings, "alt_text_pareto")
    conc = r.concentration
    parts = []
    if thresholds is not None:
        a, b = thresholds
        parts.append(
            t(
                "charts.accounts.pareto.alt_cuts",
                a=fmt.percent(a, 0),
                b=fmt.percent(b, 0),
            )
        )
    if top_n is not None:
        k = min(int(top_n), conc.n_accounts)
        parts.append(
            t(
                "charts.accounts.pareto.alt_top_n",
                n=fmt.integer(k),
                share=fmt.percent(conc.top_n_share(k)),
            )
        )
    text = t(
        "charts.accounts.pareto.alt",
        n=fmt.integer(conc.n_accounts),
        share=fmt.percent(r.reference_share, 0),
        x80=fmt.percent(r.accounts_for_reference, 0),
        accounts=fmt.percent(r.reference_accounts, 0),
        y20=fmt.percent(r.top_accounts_share),
        k20=fmt.integer(r.top_accounts),
        a=fmt.integer(r.class_counts["A"]),
        a_share=fmt.percent(r.class_shares["A"]),
        b=fmt.integer(r.class_counts["B"]),
        c=fmt.integer(r.class_counts["C"]),
        hhi=fmt.integer(conc.hhi),
    )
    return " ".join([text, *parts])


# --------------------------------------------------------------------------------------------
# Portfolio matrix
# --------------------------------------------------------------------------------------------


def _labelled(matrix: pd.DataFrame, label_top: int) -> list:
    """The accounts named on the matrix: the largest by revenue and the most attractive."""
    by_revenue = matrix.sort_values("revenue", ascending=False, kind="stable").index[:label_top]
    by_attr = matrix.sort_values("attractiveness", ascending=False, kind="stable").index[:label_top]
    return list(dict.fromkeys([*by_revenue, *by_attr]))


def plot_portfolio_matrix(
    matrix: pd.DataFrame,
    *,
    title: str | None = None,
    attractiveness_cut: float = 0.5,
    strength_cut: float = 0.5,
    label_top: int = 4,
    ax=None,
    phone: bool = False,
) -> Figure:
    """Accounts on our strength (x) × their attractiveness (y), bubble area ∝ revenue.

    Quadrants are labelled in their corners with the names of
    :func:`lessons.accounts.quadrant_label` (the chapter's table glues the same names); each
    quadrant has its own marker shape and colour.
    The ``label_top`` largest accounts by revenue and the ``label_top`` most attractive ones are
    named.

    Args:
        matrix: the output of :func:`lessons.accounts.portfolio_matrix`.
        title: the chart title; a default one if ``None``.
        attractiveness_cut, strength_cut: the cuts used to build the matrix (lines drawn there).
        label_top: how many accounts to name from each ranking.
        ax: draw into this axes instead of a new figure.
        phone: the phone variant (narrower, larger type); the wide one by default.

    >>> from lessons.accounts import portfolio_matrix
    >>> from lessons.samples import load_sample_portfolio
    >>> fig = plot_portfolio_matrix(portfolio_matrix(load_sample_portfolio()))
    >>> fig.axes[0].get_ylabel()
    'Account attractiveness (0 to 1)'
    >>> plot_portfolio_matrix(None)
    Traceback (most recent call last):
        ...
    TypeError: plot_portfolio_matrix needs the table returned by
    lessons.accounts.portfolio_matrix(...) ...
    """
    matrix = check_result(matrix, "matrix", "plot_portfolio_matrix")
    if ax is None:
        margins = _MATRIX_PHONE if phone else _MATRIX_MARGINS
        height = 5.0 if phone else 4.8
        fig, ax = style.new_figure(
            width=_width(phone, 6.4), height=height, margins=margins, phone=phone
        )
    else:
        fig = ax.figure
    largest = float(matrix["revenue"].max()) or 1.0
    # Marker areas are in points²: on the narrower phone axes the bubbles shrink with them.
    sizes = (30 + 900 * matrix["revenue"].to_numpy(dtype=float) / largest) * (0.45 if phone else 1)
    handles = []
    for code in QUADRANTS:
        mask = (matrix["quadrant"] == code).to_numpy()
        if not mask.any():
            continue
        color, marker = _QUADRANT_STYLE[code]
        ax.scatter(
            matrix["strength"][mask],
            matrix["attractiveness"][mask],
            s=sizes[mask],
            marker=marker,
            color=color,
            alpha=0.55,
            edgecolor=style.PALETTE["ink"],
            linewidth=0.6,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                linestyle="",
                markersize=8,
                color=color,
                alpha=0.7,
                markeredgecolor=style.PALETTE["ink"],
                label=f"{quadrant_label(code)} ({fmt.integer(mask.sum())})",
            )
        )
    ax.axvline(strength_cut, color=style.PALETTE["ink"], linewidth=0.8, alpha=0.6)
    ax.axhline(attractiveness_cut, color=style.PALETTE["ink"], linewidth=0.8, alpha=0.6)
    corners = {
        "key account": (0.99, 0.99, "right", "top"),
        "develop": (0.01, 0.99, "left", "top"),
        "maintain": (0.99, 0.01, "right", "bottom"),
        "opportunistic": (0.01, 0.01, "left", "bottom"),
    }
    for code, (cx, cy, ha, va) in corners.items():
        ax.text(
            cx,
            cy,
            quadrant_label(code),
            ha=ha,
            va=va,
            fontsize=style.PHONE_TYPE.text if phone else 9,
            fontweight="bold",
            color=_QUADRANT_STYLE[code][0],
            alpha=0.9,
        )
    # On a phone fewer names, each level with its bubble and clear of it: the narrower axes
    # leave no room for eight.
    named = _labelled(matrix, min(label_top, 2) if phone else label_top)
    radii = dict(zip(matrix.index, np.sqrt(sizes) / 2, strict=True))
    for i, account in enumerate(named):
        row = matrix.loc[account]
        # Names of accounts near the right edge go to the left of their bubble: the margins
        # are fixed, so a name past the axes would be cut.
        ha = "right" if row["strength"] > (0.55 if phone else 0.7) else "left"
        if phone:
            gap = radii[account] + 3
            if 0.25 < row["strength"] < 0.75:  # centred under the bubble
                ha, offset, va = "center", (0, -gap), "top"
            else:  # beside it, on the side away from the edge
                offset, va = ((-gap if ha == "right" else gap), 0), "center"
        else:
            offset, va = ((7, 6) if i % 2 == 0 else (7, -11)), "baseline"
            if ha == "right":
                offset = (-12, offset[1])
        ax.annotate(
            str(account),
            (row["strength"], row["attractiveness"]),
            xytext=offset,
            textcoords="offset points",
            fontsize=8,
            color=style.PALETTE["ink"],
            ha=ha,
            va=va,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel(t("charts.accounts.matrix.x"))
    ax.set_ylabel(t("charts.accounts.matrix.y"))
    _title(ax, title or t("charts.accounts.matrix.title"), phone)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2 if phone else -0.13),
        ncol=2 if phone else 4,
        fontsize=8.5,
        title=t("charts.accounts.matrix.legend"),
        title_fontsize=8.5,
        handletextpad=0.2,
        columnspacing=1.0,
    )
    return fig


def alt_text_portfolio_matrix(matrix: pd.DataFrame, *, title: str | None = None) -> str:
    """Describe :func:`plot_portfolio_matrix` with its computed numbers.

    >>> from lessons.accounts import portfolio_matrix
    >>> from lessons.samples import load_sample_portfolio
    >>> print(alt_text_portfolio_matrix(portfolio_matrix(load_sample_portfolio())))
    Scatter chart of 25 accounts by our strength (x) and their attractiveness (y), bubble size by
    revenue. Accounts per quadrant: Key account 2 (Banque Méridienne, Hollis Aerostructures);
    Develop 4; Maintain 1; Opportunistic 18. The largest account by revenue, Vantor Retail Group,
    sits in the Maintain quadrant (attractiveness 0.42, strength 0.62).
    """
    matrix = check_result(matrix, "matrix", "alt_text_portfolio_matrix")
    counts = matrix["quadrant"].value_counts()
    parts = []
    for code in QUADRANTS:
        n = fmt.integer(counts.get(code, 0))
        names = matrix.index[matrix["quadrant"] == code].tolist()[:5]
        if code == QUADRANTS[0] and names:
            names_text = ", ".join(map(str, names))
            parts.append(
                t(
                    "charts.accounts.matrix.alt_names",
                    quadrant=quadrant_label(code),
                    n=n,
                    names=names_text,
                )
            )
        else:
            parts.append(t("charts.accounts.matrix.alt_count", quadrant=quadrant_label(code), n=n))
    largest = matrix["revenue"].idxmax()
    row = matrix.loc[largest]
    return t(
        "charts.accounts.matrix.alt",
        n=fmt.integer(len(matrix)),
        counts="; ".join(parts),
        largest=largest,
        quadrant=quadrant_label(row["quadrant"]),
        attractiveness=fmt.number(row["attractiveness"], 2),
        strength=fmt.number(row["strength"], 2),
    )


# --------------------------------------------------------------------------------------------
# Weighted score vs revenue ranking
# --------------------------------------------------------------------------------------------


def plot_scores(
    score_table: pd.DataFrame,
    *,
    title: str | None = None,
    top: int = 8,
    weights=None,
    ax=None,
    phone: bool = False,
) -> Figure:
    """Rank by weighted score (right) against rank by revenue (left) for the top accounts.

    Each line joins one account's revenue rank to its score rank: a line that climbs is an
    account the score values more than its revenue says; the largest customer is drawn in the
    key-account colour with a thick line.

    Args:
        score_table: the output of :func:`lessons.accounts.key_account_score`.
        title: the chart title; a default one naming the normalised weights if ``None``.
        top: how many accounts to show (the best by score).
        weights: the normalised weights (dict over criteria), shown under the title.
        ax: draw into this axes instead of a new figure.
        phone: the phone variant (narrower, larger type); the wide one by default.

    >>> from lessons.accounts import key_account_score
    >>> from lessons.samples import load_sample_portfolio
    >>> fig = plot_scores(key_account_score(load_sample_portfolio()))
    >>> fig.axes[0].get_ylabel()
    'Rank (1 = first)'
    >>> plot_scores(pd.DataFrame())
    Traceback (most recent call last):
        ...
    ValueError: plot_scores needs the table returned by lessons.accounts.key_account_score(...) ...
    """
    scores = check_result(score_table, "scores", "plot_scores")
    shown = scores.sort_values("rank").head(top)
    largest = scores["revenue_rank"].idxmin()
    if ax is None:
        margins = _SCORES_MARGINS
        if phone:
            # Room above for the title and the weights (two lines each), below for the names
            # of the two columns (two lines).
            top_room = 0.5 + (0.34 if weights else 0)
            margins = style.inch_margins(
                style.PHONE_WIDTH,
                4.8 + _PHONE_KEY_ROOM,
                left=0.3,
                right=0.05,
                top=top_room,
                bottom=0.5 + _PHONE_KEY_ROOM,  # the columns' names, then the key
            )
        height = 4.8 + _PHONE_KEY_ROOM if phone else 4.4
        fig, ax = style.new_figure(
            width=_width(phone, 6.4), height=height, margins=margins, phone=phone
        )
    else:
        fig = ax.figure
    # The largest customer is always drawn, even when it is not among the top by score.
    drawn = [*shown.index, *([] if largest in shown.index else [largest])]
    for account in drawn:
        left, right = int(scores.loc[account, "revenue_rank"]), int(scores.loc[account, "rank"])
        is_largest = account == largest
        if is_largest:
            color, dash = style.PALETTE["key_account"], "-"
        elif right == left:
            color, dash = style.PALETTE["other"], "-"
        else:
            color, dash = (
                (style.PALETTE["good"], "-") if right < left else (style.PALETTE["business"], "--")
            )
        ax.plot(
            [0, 1],
            [left, right],
            color=color,
            linestyle=dash,
            linewidth=3 if is_largest else 1.6,
            marker="o",
            markersize=5,
        )
        size = style.PHONE_TYPE.small if phone else 8.5
        ax.text(-0.04, left, f"#{fmt.integer(left)}", ha="right", va="center", fontsize=size)
        score = fmt.number(scores.loc[account, "score"], 0)
        ax.text(
            1.04,
            right,
            f"#{fmt.integer(right)} {account} ({score})",
            ha="left",
            va="center",
            fontsize=size,
            fontweight="bold" if is_largest else "normal",
        )
    bottom = int(max(scores.loc[drawn, "revenue_rank"].max(), scores.loc[drawn, "rank"].max(), top))
    ax.set_ylim(bottom + 0.7, 0.3)
    # On a phone the names at the right take most of the width: the slopes get the rest.
    ax.set_xlim(-0.3, 2.75) if phone else ax.set_xlim(-0.25, 2.1)
    # The two columns are named by plain texts under them, not tick labels: tick objects are
    # the slowest part of a chart to draw, and a live panel redraws this one on every change.
    for x, key in ((0, "by_revenue"), (1, "by_score")):
        name = t(f"charts.accounts.scores.{key}")
        ax.text(
            x,
            -0.02,
            style.wrap(name, 10 if x == 0 else 24) if phone else name,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            gid="column",
            **({"fontsize": style.PHONE_TYPE.label} if phone else {}),
        )
    ax.set_ylabel(t("charts.accounts.scores.y"))
    ax.grid(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    _key(
        ax,
        [
            ("━━", t("charts.accounts.scores.largest", account=largest)),
            ("──", t("charts.accounts.scores.climbs")),
            ("╌╌", t("charts.accounts.scores.drops")),
        ],
        phone=phone,
    )
    _title(
        ax,
        title or t("charts.accounts.scores.title", top=fmt.integer(min(top, len(scores)))),
        phone,
        pad=(30 if phone else 16) if weights else 6,
    )
    if weights:
        ax.text(
            0.5,
            1.01,
            style.wrap_to(weights_text(weights), 3.2, style.PHONE_TYPE.small)
            if phone
            else weights_text(weights),
            transform=ax.transAxes,
            ha="center",
            va="bottom",
            fontsize=style.PHONE_TYPE.small if phone else 8.5,
            color=style.PALETTE["ink"],
        )
    return fig


def weights_text(weights: dict) -> str:
    """Normalised weights as one line, e.g. ``'weights: Revenue 40 %, Strategic value 20 %…'``.

    >>> weights_text({"revenue": 0.5, "engagement": 0.5})
    'weights: Revenue 50 %, Engagement 50 %'
    """
    return t("charts.accounts.scores.weights", weights=tables.weights_text(weights))


def alt_text_scores(score_table: pd.DataFrame, *, weights=None, top: int = 8) -> str:
    """Describe :func:`plot_scores` with its computed numbers.

    >>> from lessons.accounts import key_account_score
    >>> from lessons.samples import load_sample_portfolio
    >>> print(alt_text_scores(key_account_score(load_sample_portfolio())))
    Slope chart of the top 8 accounts by weighted score against their revenue rank. First by score:
    Banque Méridienne (score 88, revenue rank 2). The largest account by revenue, Vantor Retail
    Group, ranks 13 by score (score 38).
    """
    scores = check_result(score_table, "scores", "alt_text_scores")
    first = scores.sort_values("rank").index[0]
    largest = scores["revenue_rank"].idxmin()
    text = t(
        "charts.accounts.scores.alt",
        top=fmt.integer(min(top, len(scores))),
        first=first,
        first_score=fmt.number(scores.loc[first, "score"], 0),
        first_revenue_rank=fmt.integer(scores.loc[first, "revenue_rank"]),
        largest=largest,
        largest_rank=fmt.integer(scores.loc[largest, "rank"]),
        largest_score=fmt.number(scores.loc[largest, "score"], 0),
    )
    return f"{text} {weights_text(weights)}." if weights else text


# --------------------------------------------------------------------------------------------
# Figures for a page: both variants and the alt text
# --------------------------------------------------------------------------------------------


def figure_pareto(
    table: pd.DataFrame,
    readings: ParetoReadings | None = None,
    *,
    thresholds: tuple[float, float] | None = None,
    top_n: int | None = None,
) -> style.FigureDisplay:
    """The Pareto curve for a page: wide and phone variants and alt text, as one ``<picture>``.

    >>> from lessons.accounts import pareto_table
    >>> revenue = pd.Series({"Bank": 600.0, "Retailer": 250.0, "Hotel": 100.0, "Cafe": 50.0})
    >>> shown = figure_pareto(pareto_table(revenue))
    >>> shown.alt[:27], shown.phone is not None
    ('Pareto curve of 4 accounts:', True)
    """
    options = {"thresholds": thresholds, "top_n": top_n}
    return style.show(
        plot_pareto(table, readings, **options),
        alt_text_pareto(table, readings, **options),
        phone=plot_pareto(table, readings, **options, phone=True),
    )


def figure_portfolio_matrix(
    matrix: pd.DataFrame, *, attractiveness_cut: float = 0.5, strength_cut: float = 0.5
) -> style.FigureDisplay:
    """The portfolio matrix for a page: both variants and alt text, as one ``<picture>``."""
    cuts = {"attractiveness_cut": attractiveness_cut, "strength_cut": strength_cut}
    return style.show(
        plot_portfolio_matrix(matrix, **cuts),
        alt_text_portfolio_matrix(matrix),
        phone=plot_portfolio_matrix(matrix, **cuts, phone=True),
    )


def figure_scores(score_table: pd.DataFrame, *, top: int = 8, weights=None) -> style.FigureDisplay:
    """The score-vs-revenue slope chart for a page: both variants and alt text."""
    options = {"top": top, "weights": weights}
    return style.show(
        plot_scores(score_table, **options),
        alt_text_scores(score_table, **options),
        phone=plot_scores(score_table, **options, phone=True),
    )


#: The names every chart module exposes (``lessons.charts.load("accounts").plot``).
plot = plot_pareto
alt_text = alt_text_pareto
figure = figure_pareto
