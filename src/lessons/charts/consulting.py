"""Consulting firm: the multinational's team, the other clients and the whole firm side by side.

Three panels of bars, one bar per group, each against the firm's target: revenue per
consultant (with the utilisation behind it written on the bar -- its counter-metric),
on-time project completion (with the average completion time) and client satisfaction. The
key account is always blue, the whole firm orange, the other clients grey.

>>> from lessons.scenarios import run
>>> result = run("consulting")
>>> len(plot(result).axes)
3
>>> alt_text(result)[:60]
'Three bar charts compare the multinational (key account) tea'
"""

from __future__ import annotations

from matplotlib.figure import Figure

from lessons import format as fmt
from lessons.charts import style
from lessons.charts.parts import against_target, group_bars, group_colors, heading
from lessons.i18n import t
from lessons.scenarios import ScenarioRun, check_run
from lessons.scenarios.consulting import GROUPS, MEASURES

__all__ = ["alt_text", "figure", "plot"]

_COLORS = group_colors(GROUPS)
#: Each panel: the KPI it draws, and the KPI written with it on each bar (or None).
_PANELS = (
    ("revenue_per_consultant", "utilisation"),
    ("on_time", "completion_weeks"),
    ("csat", None),
)

#: Fixed margins instead of a layout engine: the live panel redraws about twice as fast.
_MARGINS = {"left": 0.1, "right": 0.99, "bottom": 0.17, "top": 0.8, "wspace": 0.45}
#: Height of the phone figure, inches: three panels stacked under the heading.
_PHONE_HEIGHT = 8.2


def plot(result: ScenarioRun, *, phone: bool = False) -> Figure:
    """Revenue per consultant, on-time completion and CSAT for each group, vs target.

    Args:
        result: ``lessons.scenarios.run("consulting", params)``.
        phone: the three KPIs' bars one under another, each group named on two lines
            (otherwise: side by side).

    Returns:
        A matplotlib Figure with three panels.

    >>> plot([])
    Traceback (most recent call last):
        ...
    TypeError: The consulting chart draws what lessons.scenarios.run("consulting", params)
    returns (got list): run the scenario first, then pass its result.
    """
    s = check_run(result, "consulting").summary
    shown = _shown(result)
    if phone:
        # One panel above the other: each keeps the width of the screen for its three bars.
        fig, axes = style.new_figure(3, 1, height=_PHONE_HEIGHT, margins={}, phone=True)
    else:
        fig, axes = style.new_figure(1, 3, width=11.0, height=4.2, margins=_MARGINS)
    text_size = style.PHONE_TYPE.text if phone else 9
    labels = [t(f"charts.consulting.group.{g}") for g in GROUPS]
    colors = [_COLORS[g] for g in GROUPS]
    for ax, (measure, behind) in zip(axes, _PANELS, strict=True):
        unit = MEASURES[measure]
        texts = [shown[f"{measure}_{g}"] for g in GROUPS]
        if behind is not None:
            texts = [
                t(f"charts.consulting.{measure}.bar", value=text, behind=shown[f"{behind}_{g}"])
                for text, g in zip(texts, GROUPS, strict=True)
            ]
        target = result.targets[f"firm_{measure}"]
        values = [s[f"{g}_{measure}"] for g in GROUPS]
        top = 1.0 if unit == "%" else None
        group_bars(ax, labels, values, colors, target, unit, texts, top=top, fontsize=text_size)
        ax.set_ylabel(t(f"charts.consulting.{measure}.axis"))
        style.format_axis(ax, unit, compact=True)
    titles = [t(f"charts.consulting.{measure}.title", **shown) for measure, _ in _PANELS]
    heading_text = t("charts.consulting.title", share=shown["share"])
    used = heading(fig, heading_text, t("charts.consulting.target"), phone=phone)
    if phone:
        # Between two panels: the group names of the upper one (two lines), then the title.
        style.stack_phone_panels(
            fig, axes, titles, top=used, left=0.78, bottom=0.42, below=0.45, y=1.02
        )
    else:
        for ax, title in zip(axes, titles, strict=True):
            ax.set_title(title, fontsize=11, y=1.02)
    return fig


def _shown(result: ScenarioRun) -> dict[str, str]:
    """Every number the figure writes, formatted: ``<measure>_<group>``, ``<measure>_target``
    (the firm's and the multinational's against the firm's target, as in the KPI table) and
    ``share`` (of the consultants on the multinational)."""
    s = result.summary
    shown = {"share": fmt.value(result.params.key_account_share, "%")}
    for measure, unit in MEASURES.items():
        # The KPIs of the table read as it does; the other clients' team is context.
        values = {group: s[f"{group}_{measure}"] for group in ("key_account", "firm")}
        texts, target = against_target(values, result.targets[f"firm_{measure}"], unit)
        shown[f"{measure}_target"] = target
        shown.update({f"{measure}_{group}": text for group, text in texts.items()})
        shown[f"{measure}_others"] = fmt.value(s[f"others_{measure}"], unit)
    return shown


def alt_text(result: ScenarioRun) -> str:
    """What :func:`plot` shows, in words, with the numbers of each group."""
    check_run(result, "consulting")
    return t("charts.consulting.alt", **_shown(result))


def figure(result: ScenarioRun) -> style.FigureDisplay:
    """The figure for a page: its wide and phone variants and its alt text, displayed as one
    ``<picture>`` (the phone variant on screens up to 600 px wide).

    >>> from lessons.scenarios import run
    >>> figure(run("consulting")).html().startswith('<picture class="lessons-picture">')
    True
    """
    return style.show(plot(result), alt_text(result), phone=plot(result, phone=True))
