"""Digital agency: the funnel of each group of campaigns, their CTR, and their ROAS vs break-even.

Left, the funnel per month (impressions → clicks → conversions, log scale) of the high-profile
client's campaigns and of the others, with the conversion rate between clicks and conversions.
Middle, click-through rate against the agency's target. Right, return on ad spend against the
break-even ROAS ``1 / margin``, with the clients' monthly gross profit after ad spend written
on each bar: the panel that shows a high CTR can lose the client money.

>>> from lessons.scenarios import run
>>> result = run("agency")
>>> len(plot(result).axes)
3
>>> alt_text(result)[:56]
'Three charts compare the high-profile client (key accoun'
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.parts import against_target, group_bars, group_colors, heading
from lessons.i18n import t
from lessons.scenarios import ScenarioRun, check_run
from lessons.scenarios.agency import GROUPS, MEASURES

__all__ = ["alt_text", "figure", "plot"]

_COLORS = group_colors(GROUPS)
_STAGES = ("impressions", "clicks", "conversions")
#: Height of the phone figure, inches: three panels stacked under the heading.
_PHONE_HEIGHT = 8.6


def _funnel(ax: Axes, s: dict[str, float], shown: dict[str, str], phone: bool) -> None:
    x = np.arange(len(_STAGES))
    conversions = [s[f"{group}_conversions"] for group in ("key_account", "others")]
    bottom = max(1.0, min(conversions) / 5)
    # On a phone the bars touch: each count written above its bar needs the whole width.
    half = 0.23 if phone else 0.2
    for offset, group in ((-half, "key_account"), (half, "others")):
        values = [s[f"{group}_{stage}"] for stage in _STAGES]
        bars = ax.bar(
            x + offset,
            values,
            width=2 * half,
            color=_COLORS[group],
            label=t(f"charts.agency.group.{group}").replace("\n", " "),
        )
        for bar, value, stage in zip(bars, values, _STAGES, strict=True):
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                max(value, bottom) * 1.15,
                shown[f"{group}_{stage}"],
                ha="center",
                va="bottom",
                fontsize=8,
            )
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())  # dozens of minor ticks: slow, and no help here
    # Plain "1 M", "10 k" labels: easier to read than 10⁶, and no slow math-text layout.
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt.number_compact(value)))
    ax.set_ylim(bottom, max(s[f"{g}_impressions"] for g in GROUPS) * 8)
    ax.set_xticks(x, [t(f"charts.agency.stage.{stage}") for stage in _STAGES])
    ax.set_ylabel(t("charts.agency.funnel.axis"))
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="x", visible=False)


def _shown(result: ScenarioRun) -> dict[str, str]:
    """Every number the figure writes, formatted: ``<group>_<measure>`` (counts short:
    ``2.5M``; profit with its sign; the KPIs against the agency's target, as in the KPI
    table), ``<measure>_target``, ``break_even``, ``margin`` and ``share``."""
    s, params = result.summary, result.params
    shown = {
        "share": fmt.value(params.key_account_share, "%"),
        "margin": fmt.value(params.margin, "%"),
        "break_even": fmt.value(s["break_even_roas"], "x"),
    }
    for measure in ("impressions", "clicks", "conversions"):
        shown.update({f"{g}_{measure}": fmt.number_compact(s[f"{g}_{measure}"]) for g in GROUPS})
    shown.update({f"{g}_profit": fmt.money(s[f"{g}_client_profit"], signed=True) for g in GROUPS})
    shown["profit_target"] = fmt.money(result.targets["agency_client_profit"], 0)
    for measure in ("ctr", "conversion", "roas"):
        # The KPIs of the table read as it does; the other clients' campaigns are context.
        unit = MEASURES[measure]
        values = {g: s[f"{g}_{measure}"] for g in ("key_account", "agency")}
        texts, shown[f"{measure}_target"] = against_target(
            values, result.targets[f"agency_{measure}"], unit
        )
        shown.update({f"{g}_{measure}": text for g, text in texts.items()})
        shown[f"others_{measure}"] = fmt.value(s[f"others_{measure}"], unit)
    return shown


def plot(result: ScenarioRun, *, phone: bool = False) -> Figure:
    """Funnel, CTR vs target and ROAS vs break-even, for each group of campaigns.

    Args:
        result: ``lessons.scenarios.run("agency", params)``.
        phone: for a phone, the funnel above the CTR above the ROAS, in a column as wide
            as :data:`~lessons.charts.style.PHONE_WIDTH`.

    Returns:
        A matplotlib Figure with three panels.

    >>> plot([])
    Traceback (most recent call last):
        ...
    TypeError: The agency chart draws what lessons.scenarios.run("agency", params) returns (got
    list): run the scenario first, then pass its result.
    """
    s = check_run(result, "agency").summary
    shown = _shown(result)
    # Fixed margins, no layout engine: the live panel redraws about twice as fast.
    if phone:
        # One panel above the other (the margins are set under the heading, below).
        fig, axes = style.new_figure(3, 1, height=_PHONE_HEIGHT, margins={}, phone=True)
    else:
        margins = {"left": 0.07, "right": 0.99, "bottom": 0.16, "top": 0.8, "wspace": 0.32}
        fig, axes = style.new_figure(1, 3, width=11.5, height=4.4, margins=margins)
    ax_funnel, ax_ctr, ax_roas = axes
    _funnel(ax_funnel, s, shown, phone)

    labels = [t(f"charts.agency.group.{g}") for g in GROUPS]
    colors = [_COLORS[g] for g in GROUPS]
    profits = {g: shown[f"{g}_profit"] for g in GROUPS}
    if phone:  # "−€49,299/month" is wider than a bar's room on a phone; "−€49.3K/month" is not
        for g in GROUPS:
            profit = s[f"{g}_client_profit"]
            profits[g] = ("+" if profit > 0 else "") + fmt.money_compact(profit)
    for ax, measure in ((ax_ctr, "ctr"), (ax_roas, "roas")):
        values = [s[f"{g}_{measure}"] for g in GROUPS]
        texts = [
            t(f"charts.agency.{measure}.bar", value=shown[f"{g}_{measure}"], profit=profits[g])
            for g in GROUPS
        ]
        if phone:  # narrower than the space between two bars, whatever the numbers
            # "/month" after an amount goes on its own line: the amount is then all a line holds
            texts = [
                style.wrap(text.replace(f"{profits[g]}/", f"{profits[g]}\n/"), 10)
                for g, text in zip(GROUPS, texts, strict=True)
            ]
        target = result.targets[f"agency_{measure}"]
        top = max(*values, target) * 1.15
        group_bars(
            ax,
            labels,
            values,
            colors,
            target,
            MEASURES[measure],
            texts,
            top=top,
            fontsize=8,
            from_bottom=phone,
        )
        ax.set_ylabel(t(f"charts.agency.{measure}.axis"))
    style.format_axis(ax_ctr, "%")
    titles = [t(f"charts.agency.{key}.title", **shown) for key in ("funnel", "ctr", "roas")]
    used = heading(fig, t("charts.agency.title", **shown), t("charts.agency.target"), phone=phone)
    if phone:
        # Between two panels: the group names of the upper one (two lines), then the title.
        style.stack_phone_panels(
            fig, axes, titles, top=used, left=0.8, bottom=0.42, below=0.45, y=1.02
        )
    else:
        for ax, title in zip(axes, titles, strict=True):
            ax.set_title(title, fontsize=11, y=1.02)
    return fig


def alt_text(result: ScenarioRun) -> str:
    """What :func:`plot` shows, in words, with the numbers of each group of campaigns."""
    check_run(result, "agency")
    return t("charts.agency.alt", **_shown(result))


def figure(result: ScenarioRun) -> style.FigureDisplay:
    """The figure for a page: its wide and phone variants and its alt text, displayed as one
    ``<picture>`` (the phone variant on screens up to 600 px wide).

    >>> from lessons.scenarios import run
    >>> figure(run("agency")).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(result), alt_text(result), phone=plot(result, phone=True))
