"""The one visual style of the course, and the helpers every chart module uses.

* Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness
  (Okabe & Ito, *Color Universal Design*, 2008). Status is never shown by colour alone: each
  status also has a symbol and a word.
* Figures are created with :func:`new_figure` (a ``matplotlib.figure.Figure`` not registered
  with pyplot, so nothing is displayed twice and nothing leaks between panels).
* :func:`show` displays a figure with real alt text on the site and in JupyterLab;
  :func:`figure_html` gives the same ``<img>`` as a string for widgets.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lessons.i18n import t

__all__ = [
    "PALETTE",
    "STATUS_COLORS",
    "STATUS_SYMBOLS",
    "FigureDisplay",
    "add_target_line",
    "figure_html",
    "format_axis",
    "format_value",
    "kpi_table_html",
    "new_figure",
    "show",
    "status_label",
    "to_png",
]

#: Okabe–Ito colours by role. Key account and business are always the same two colours.
PALETTE = {
    "key_account": "#0072B2",  # blue
    "business": "#E69F00",  # orange
    "other": "#999999",  # grey
    "accent": "#CC79A7",  # reddish purple
    "secondary": "#56B4E9",  # sky blue
    "good": "#009E73",  # bluish green
    "bad": "#D55E00",  # vermillion
    "neutral": "#F0E442",  # yellow
    "ink": "#222222",
}
#: A cycle for series with no role (several clients, several accounts).
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]

STATUS_COLORS = {"on track": "#007A5A", "at risk": "#8A5A00", "off track": "#B34700"}
STATUS_SYMBOLS = {"on track": "✓", "at risk": "!", "off track": "✗"}
_STATUS_KEYS = {"on track": "on_track", "at risk": "at_risk", "off track": "off_track"}

_RC = {
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "legend.fontsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES),
}


def new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = 9.0, height: float = 4.5
) -> tuple[Figure, Axes | list[Axes]]:
    """A new figure in the course style, ``width`` × ``height`` inches, and its axes.

    Returns ``(fig, ax)`` for one panel, ``(fig, [ax, ...])`` (flat list) for several.

    >>> fig, ax = new_figure()
    >>> fig.get_size_inches().tolist()
    [9.0, 4.5]
    """
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    flat = [ax for row in axes for ax in row]
    return fig, (flat[0] if len(flat) == 1 else flat)


def format_value(value: float | None, unit: str) -> str:
    """A number as a learner reads it, by unit: ``%`` (fraction), ``€``, ``x``, or any unit.

    >>> format_value(0.256, "%")
    '25.6 %'
    >>> format_value(12345.6, "€")
    '€12,346'
    >>> format_value(3.25, "x")
    '3.25×'
    >>> format_value(7.5, "min")
    '7.5 min'
    >>> format_value(float("nan"), "%")
    '–'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "%":
        return f"{value * 100:.1f} %"
    if unit == "€":
        return f"€{value:,.0f}" if abs(value) >= 100 else f"€{value:,.2f}"
    if unit == "x":
        return f"{value:.2f}×"
    if unit in ("", "points", "pts"):
        return f"{value:,.2f}".rstrip("0").rstrip(".") + (f" {unit}" if unit else "")
    return f"{value:,.2f}".rstrip("0").rstrip(".") + f" {unit}"


def format_axis(ax: Axes, unit: str, axis: str = "y") -> None:
    """Tick labels in the unit of the data (``%`` for fractions, ``€`` with thousands)."""
    if unit == "%":
        formatter = FuncFormatter(lambda v, _: f"{v * 100:.0f} %")
    elif unit == "€":
        formatter = FuncFormatter(lambda v, _: f"€{v:,.0f}")
    else:
        return
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def add_target_line(ax: Axes, target: float, unit: str = "", label: str | None = None) -> None:
    """A dashed horizontal line at ``target`` with its value in the legend label."""
    text = label or t("charts.target", value=format_value(target, unit))
    ax.axhline(target, color=PALETTE["ink"], linestyle="--", linewidth=1.3, label=text)


def status_label(status: str) -> str:
    """Symbol and word of a status, e.g. ``'✓ on track'`` (never colour alone)."""
    if status not in _STATUS_KEYS:
        raise ValueError(f"Unknown status {status!r}: expected one of {', '.join(_STATUS_KEYS)}.")
    return f"{STATUS_SYMBOLS[status]} {t('charts.status.' + _STATUS_KEYS[status])}"


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure rendered as PNG bytes (what panels and the site show)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def figure_html(fig: Figure, alt: str, dpi: int = 100) -> str:
    """An ``<img>`` element holding the figure inline, with escaped alt text.

    >>> fig, ax = new_figure(width=2, height=1)
    >>> figure_html(fig, 'Revenue of "Client A"')[:64]
    '<img class="lessons-figure" alt="Revenue of &quot;Client A&quot;'
    >>> figure_html(fig, "  ")
    Traceback (most recent call last):
        ...
    ValueError: Every figure needs alt text that describes what it shows (got an empty text).
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(t("charts.error.no_alt"))
    data = base64.b64encode(to_png(fig, dpi=dpi)).decode("ascii")
    return (
        f'<img class="lessons-figure" alt="{html.escape(alt.strip())}" '
        f'src="data:image/png;base64,{data}" style="max-width:100%;height:auto;" />'
    )


@dataclass
class FigureDisplay:
    """What :func:`show` returns: renders as an image with alt text in notebooks and on the site.

    Its plain-text form is the alt text, so text-only readers (and nbval) see the description.
    """

    fig: Figure
    alt: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": figure_html(self.fig, self.alt), "text/plain": self.alt}


def show(fig: Figure, alt: str) -> FigureDisplay:
    """Display ``fig`` with alt text; end a notebook cell with ``show(fig, alt_text(...))``."""
    figure_html(fig, alt)  # validate now, so a missing alt fails where it is written
    return FigureDisplay(fig, alt)


_CELL = "padding:4px 8px;text-align:{align}"


def _cell(tag: str, text: str, align: str = "left", extra: str = "", scope: str = "") -> str:
    scope_attr = f" scope='{scope}'" if scope else ""
    style = _CELL.format(align=align) + extra
    return f"<{tag}{scope_attr} style='{style}'>{html.escape(text)}</{tag}>"


def kpi_table_html(table, caption: str | None = None) -> str:
    """A KPI table (columns kpi, scope, value, target, unit, direction, status) as HTML.

    Every text is escaped; status shows symbol, word and colour.

    >>> import pandas as pd
    >>> row = dict(kpi="<b>ROAS</b>", scope="business", value=3.0, target=4.0, unit="x",
    ...            direction="higher", status="off track")
    >>> html_text = kpi_table_html(pd.DataFrame([row]))
    >>> "&lt;b&gt;ROAS&lt;/b&gt;" in html_text and "✗ off track" in html_text
    True
    """
    keys = ["kpi", "scope", "value", "target", "status"]
    header = "".join(_cell("th", t("charts.table." + k), scope="col") for k in keys)
    rows = []
    for row in _records(table):
        arrow = "≥" if row["direction"] == "higher" else "≤"
        color = STATUS_COLORS.get(row["status"], PALETTE["ink"])
        cells = [
            _cell("th", str(row["kpi"]), scope="row"),
            _cell("td", t("charts.scope." + row["scope"])),
            _cell("td", format_value(row["value"], row["unit"]), "right"),
            _cell("td", f"{arrow} {format_value(row['target'], row['unit'])}", "right"),
            _cell("td", status_label(row["status"]), extra=f";color:{color};font-weight:bold"),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = ""
    if caption:
        cap = f"<caption style='text-align:left;font-weight:bold'>{html.escape(caption)}</caption>"
    # A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
    label = html.escape(caption or t("charts.table.region"))
    return (
        f"<div style='overflow-x:auto' tabindex='0' role='region' aria-label='{label}'>"
        "<table class='lessons-kpi-table' style='border-collapse:collapse'>"
        f"{cap}<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _records(table) -> Iterable[dict]:
    return table.to_dict("records") if hasattr(table, "to_dict") else list(table)
