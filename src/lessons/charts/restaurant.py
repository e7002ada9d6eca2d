"""Restaurant: table turnover, revenue per table and ratings, evening by evening, vs target.

Three panels over the same evenings. The top two are the KPIs a chef is tempted to push (table
turnover, revenue per table); the bottom one is their counter-metric, the average rating,
drawn separately for the other guests and for the VIP (the key account), who dines on Friday
and Saturday.

>>> from lessons.scenarios import run
>>> result = run("restaurant")
>>> len(plot(result).axes)
3
>>> alt_text(result)[:56]
'Three line charts follow the restaurant over 28 evenings'
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.parts import heading, kpi_texts
from lessons.i18n import t
from lessons.scenarios import ScenarioRun, check_run
from lessons.scenarios.restaurant import KPIS

__all__ = ["alt_text", "figure", "plot"]

_PANELS = ("turnover", "revenue", "rating")
#: Height of the phone figure, inches: heading, legend, three panels.
_PHONE_HEIGHT = 8.6


def _shown(result: ScenarioRun) -> dict[str, str]:
    """Every number the figure writes, formatted: the KPIs and their ``<kpi>_target`` (as in
    the KPI table; ratings and turnover as plain numbers, the sentence names them), the other
    guests' rating, and the settings and counts the title and the alt text quote."""
    s, params = result.summary, result.params
    shown = kpi_texts(result, KPIS, {"turnover": "", "rating": "", "vip_rating": ""})
    others = fmt.value_and_target(s["others_rating"], result.targets["rating"], "")
    shown["others_rating"] = others[0]
    shown.update(
        periods=fmt.integer(s["periods"]),
        vip_evenings=fmt.integer(s["vip_evenings"]),
        turned_away=fmt.number(s["turned_away"], 1),
        tables=fmt.integer(params.tables),
        dining=fmt.integer(params.dining_time),
        arrivals=fmt.integer(params.arrivals),
    )
    return shown


def plot(result: ScenarioRun, *, phone: bool = False) -> Figure:
    """Turnover, revenue per table and ratings (others vs VIP) per evening, with targets.

    Args:
        result: ``lessons.scenarios.run("restaurant", params)``.
        phone: turnover, then revenue per table, then ratings, stacked; every title wrapped
            to the narrow width.

    Returns:
        A matplotlib Figure with three panels sharing the evenings on the x axis.

    >>> plot("data.csv")
    Traceback (most recent call last):
        ...
    TypeError: The restaurant chart draws what lessons.scenarios.run("restaurant", params)
    returns (got str): run the scenario first, then pass its result.
    """
    daily = check_run(result, "restaurant").period_kpis
    targets, shown = result.targets, _shown(result)
    # Fixed margins, no layout engine: the live panel redraws about twice as fast. On a phone
    # they are set at the end, once the titles are wrapped.
    if phone:
        fig, axes = style.new_figure(3, 1, height=_PHONE_HEIGHT, margins={}, phone=True)
    else:
        margins = {"left": 0.1, "right": 0.75, "bottom": 0.07, "top": 0.9, "hspace": 0.45}
        fig, axes = style.new_figure(3, 1, width=9.5, height=7.6, margins=margins)
    ax_turn, ax_rev, ax_rate = axes
    days = daily.index.to_numpy()
    business = style.PALETTE["business"]
    titles = [t(f"charts.restaurant.{key}.title", **shown) for key in _PANELS]

    ax_turn.plot(
        days,
        daily["turnover"],
        color=business,
        marker="o",
        markersize=3,
        label=t("charts.restaurant.line"),
    )
    style.add_target_line(ax_turn, targets["turnover"], label=t("charts.restaurant.target"))
    ax_turn.set_ylim(0, max(daily["turnover"].max(), targets["turnover"]) * 1.2)
    ax_turn.set_ylabel(t("charts.restaurant.turnover.axis"))

    revenue_target = targets["revenue_per_table"]
    ax_rev.plot(days, daily["revenue_per_table"], color=business, marker="o", markersize=3)
    style.add_target_line(ax_rev, revenue_target, "€", label="_")
    ax_rev.set_ylim(0, max(daily["revenue_per_table"].max(), revenue_target) * 1.2)
    style.format_axis(ax_rev, "€", compact=phone)  # short labels in the narrow phone margin
    ax_rev.set_ylabel(t("charts.restaurant.revenue.axis"))

    ax_rate.plot(days, daily["others_rating"], color=business, marker="o", markersize=3)
    vip = daily[daily["vip_visit"]]
    ax_rate.scatter(
        vip.index,
        vip["vip_rating"],
        color=style.PALETTE["key_account"],
        marker="D",
        s=36,
        zorder=3,
        label=t("charts.restaurant.rating.vip"),
    )
    target_text = t("charts.restaurant.rating.target", **shown)
    style.add_target_line(ax_rate, targets["rating"], "", label=target_text)
    ax_rate.axhline(
        targets["vip_rating"],
        color=style.PALETTE["key_account"],
        linestyle=":",
        linewidth=1.3,
        label=t("charts.restaurant.rating.vip_target", **shown),
    )
    ax_rate.set_ylim(1, 5.2)
    ax_rate.set_ylabel(t("charts.restaurant.rating.axis"))
    day_axis = t("charts.restaurant.day.axis")
    ax_rate.set_xlabel(style.wrap_to(day_axis, 2.7, style.PHONE_TYPE.label) if phone else day_axis)
    for ax in (ax_turn, ax_rev, ax_rate):
        ax.set_xlim(0.5, days[-1] + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(4))
    ax_rate.set_yticks([1, 2, 3, 4, 5])
    for ax in (ax_turn, ax_rev):
        ax.tick_params(labelbottom=False)
    # One legend for the figure: fewer artists to draw, so the live panel stays fast.
    handles = [*ax_turn.get_lines(), *ax_rate.get_lines()[2:], *ax_rate.collections]
    if not phone:
        for ax, text in zip(axes, titles, strict=True):
            ax.set_title(text, fontsize=11, loc="left", y=1.02)
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.76, 0.9), fontsize=9)
        heading(fig, t("charts.restaurant.title", **shown))
        return fig
    # On a phone: the legend under the heading, two entries a row; the panels under it, with
    # room between them for the next one's title.
    used = heading(fig, t("charts.restaurant.title", **shown), phone=True)
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, 1 - used / _PHONE_HEIGHT),
        ncol=2,
        fontsize=style.PHONE_TYPE.text,
        handlelength=1.5,
        columnspacing=0.8,
        frameon=False,
    )
    style.stack_phone_panels(
        fig, axes, titles, top=used + 0.72, left=0.74, bottom=0.66, below=0.12, loc="left", y=1.02
    )
    return fig


def alt_text(result: ScenarioRun) -> str:
    """What :func:`plot` shows, in words, with the KPIs over the whole period."""
    check_run(result, "restaurant")
    return t("charts.restaurant.alt", **_shown(result))


def figure(result: ScenarioRun) -> style.FigureDisplay:
    """The figure for a page: its wide and phone variants and its alt text, displayed as one
    ``<picture>`` (the phone variant on screens up to 600 px wide).

    >>> from lessons.scenarios import run
    >>> figure(run("restaurant")).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(result), alt_text(result), phone=plot(result, phone=True))
