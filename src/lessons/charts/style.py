"""The one visual style of the course, and the helpers every chart module uses.

* Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness
  (Okabe & Ito, *Color Universal Design*, 2008). Status is never shown by colour alone: each
  status also has a symbol and a word.
* Figures are created with :func:`new_figure` (a ``matplotlib.figure.Figure`` not registered
  with pyplot, so nothing is displayed twice and nothing leaks between panels).
* Every chart draws two variants of each figure: the wide one (``plot(...)``, the desktop
  layout) and the phone one (``plot(..., phone=True)``): :data:`PHONE_WIDTH` inches wide, so
  that on a 375-px phone (a 343-px column) one point of type is about 1.3 CSS px, panels that
  sit side by side stacked, no text under :data:`PHONE_MIN_FONT` points (10.6 CSS px there).
* :func:`picture_html` puts the two variants in one ``<picture>``: the browser shows the
  phone one on screens up to 600 px wide (:data:`PHONE_MEDIA`), the wide one elsewhere, with
  the same alt text. Each chart module's ``figure(...)`` returns a :class:`FigureDisplay`
  holding both variants and the alt text, which a notebook cell displays as that
  ``<picture>``; :func:`figure_html` gives an ``<img>`` (or, given a phone variant, the
  ``<picture>``) as a string for widgets.
* Live panels redraw on every control change, so their charts are built for speed
  (measured by ``benchmarks/bench_panels.py``): fixed margins instead of the constrained
  layout engine (``new_figure(margins=...)``: the engine draws the whole figure once more on
  every save), few ticks, and SVG output with text kept as text (:func:`to_svg`): faster to
  write than a PNG, about half the bytes, and sharp at any zoom, on a projector or a phone.
* A live panel draws the same chart again and again: inside :func:`reusing_figures`, a chart's
  ``new_figure(...)`` hands back the figure it built last time, emptied of what the chart drew,
  so its axes and tick objects (most of the cost of a fresh figure) are built once. The chart
  code is the same either way: ``plot(run)`` stays the one way to draw a figure, and the
  picture is the same as a fresh one (tested on every chart of the live panels, SVG bytes).
"""

from __future__ import annotations

import base64
import html
import io
import re
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from matplotlib.axes import Axes
from matplotlib.category import UnitData
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import Formatter, FuncFormatter, NullLocator, ScalarFormatter

from lessons import format as fmt
from lessons.i18n import t
from lessons.palette import GRID_COLOR, PALETTE, SERIES, STATUS_COLORS

__all__ = [
    "PALETTE",
    "PHONE_MEDIA",
    "PHONE_MIN_FONT",
    "PHONE_TYPE",
    "PHONE_WIDTH",
    "SERIES",
    "STATUS_COLORS",
    "FigureDisplay",
    "StepTicks",
    "TypeScale",
    "add_target_line",
    "escape_mathtext",
    "figure_html",
    "format_axis",
    "inch_margins",
    "localize_ticks",
    "new_figure",
    "panel_title",
    "phone_column",
    "phone_title",
    "picture_html",
    "reusing_figures",
    "share_x_grid",
    "show",
    "stack_phone_panels",
    "text_inches",
    "to_png",
    "to_svg",
    "wrap",
    "wrap_to",
]

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
# Fixed margins: the titles also sit at a fixed height, so matplotlib does not measure every
# tick label to lift them on each draw (nothing is drawn above the axes of these charts).
_RC_FIXED = {**_RC, "axes.titley": 1.0}
#: Text stays text in an SVG (the browser draws it with the first font it has from the
#: list written in the file, ending in ``sans-serif``); a fixed salt keeps the element ids,
#: so the bytes are the same on every run (nbval compares stored outputs).
_SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "lessons"}
_IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}

#: Width of every phone figure, in inches. A phone 375 px wide gives the page's column 343 px;
#: a figure 3.6 in (259.2 pt) wide shown there draws one point as 1.32 CSS px.
PHONE_WIDTH = 3.6
#: The screens that get the phone variant (the site's phone breakpoint).
PHONE_MEDIA = "(max-width: 600px)"
#: Smallest type in a phone figure, in points: 10.6 CSS px in a 343-px column.
PHONE_MIN_FONT = 8.0


@dataclass(frozen=True)
class TypeScale:
    """Font sizes of one variant of a figure, in points, by role."""

    title: float  #: a panel's title
    label: float  #: axis labels
    tick: float  #: tick labels
    text: float  #: texts on the data (values on bars, a target's name), legends
    small: float  #: notes and keys


#: The phone figures' type: large enough for 10 CSS px in a 343-px column, small enough that
#: a title of about 40 characters fits on one line of a 3.6-in figure.
PHONE_TYPE = TypeScale(title=10.0, label=9.0, tick=8.5, text=8.5, small=PHONE_MIN_FONT)

_RC_PHONE = {
    **_RC_FIXED,
    "font.size": PHONE_TYPE.label,
    "axes.titlesize": PHONE_TYPE.title,
    "axes.labelsize": PHONE_TYPE.label,
    "xtick.labelsize": PHONE_TYPE.tick,
    "ytick.labelsize": PHONE_TYPE.tick,
    "legend.fontsize": PHONE_TYPE.text,
    "figure.titlesize": PHONE_TYPE.title + 0.5,
}


def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    *,
    width: float | None = None,
    height: float = 4.5,
    margins: dict[str, float] | None = None,
    phone: bool = False,
    height_ratios: list[float] | None = None,
) -> tuple[Figure, Axes | list[Axes]]:
    """A new figure in the course style, ``width`` × ``height`` inches, and its axes.

    Args:
        nrows, ncols: the grid of axes.
        width, height: size in inches; the width is 9 in by default, :data:`PHONE_WIDTH` for
            a phone figure.
        margins: fixed margins as fractions of the figure (the arguments of
            ``Figure.subplots_adjust``: left, right, bottom, top, wspace, hspace; see
            :func:`inch_margins` to give them in inches). Without them the constrained layout
            engine places the axes, which is convenient but costs an extra draw on every save:
            live charts give fixed margins.
        phone: the phone variant: :data:`PHONE_WIDTH` wide by default, tick labels and
            legends in the phone type (:data:`PHONE_TYPE`).
        height_ratios: relative heights of the rows (all equal by default).

    Returns ``(fig, ax)`` for one panel, ``(fig, [ax, ...])`` (flat list) for several.

    >>> fig, ax = new_figure()
    >>> fig.get_size_inches().tolist(), fig.get_layout_engine() is not None
    ([9.0, 4.5], True)
    >>> fig, axes = new_figure(1, 2, margins={"left": 0.1, "right": 0.98})
    >>> fig.get_layout_engine() is None, float(axes[0].get_position().x0)
    (True, 0.1)
    >>> fig, ax = new_figure(height=3, margins={}, phone=True)
    >>> fig.get_size_inches().tolist(), ax.xaxis.get_ticklabels()[0].get_fontsize()
    ([3.6, 3.0], 8.5)
    >>> new_figure(margins={"middle": 0.5})
    Traceback (most recent call last):
        ...
    ValueError: Unknown margin(s) ['middle']: use left, right, bottom, top, wspace, hspace.
    """
    if margins is not None:
        unknown = sorted(set(margins) - set(_MARGINS))
        if unknown:
            raise ValueError(t("charts.error.margins", names=unknown, known=", ".join(_MARGINS)))
    if width is None:
        width = PHONE_WIDTH if phone else 9.0
    pool = _POOL.get()
    key = (
        nrows,
        ncols,
        float(width),
        float(height),
        phone,
        tuple(height_ratios or ()),
        tuple(sorted((margins or {}).items())),
    )
    if pool is not None and margins is not None and key in pool:
        fig, flat = pool[key]
        if _empty(fig):
            return fig, (flat[0] if len(flat) == 1 else flat)
    rc = _RC_PHONE if phone else _RC if margins is None else _RC_FIXED
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width, height), layout="constrained" if margins is None else None)
        if margins is not None:
            fig.subplots_adjust(**margins)
        ratios = {"height_ratios": height_ratios} if height_ratios else {}
        axes = fig.subplots(nrows, ncols, squeeze=False, gridspec_kw=ratios)
    flat = [ax for row in axes for ax in row]
    if pool is not None and margins is not None:
        pool[key] = (fig, flat)
    return fig, (flat[0] if len(flat) == 1 else flat)


_MARGINS = ("left", "right", "bottom", "top", "wspace", "hspace")

#: The figures :func:`new_figure` may hand back, by grid, size and margins (None: build new).
_POOL: ContextVar[dict | None] = ContextVar("lessons_figure_pool", default=None)


@contextmanager
def reusing_figures(pool: dict) -> Iterator[dict]:
    """Inside the block, :func:`new_figure` (fixed margins) reuses the figures kept in ``pool``.

    ``pool`` is the caller's (a dict, empty at first), one per chart function: the first call
    builds the figure and keeps it; the next ones with the same grid, size and margins get it
    back emptied of every line, patch, text, legend, title and label the chart drew, its data
    limits and colour cycle reset, so the chart draws it as new. Tick and axes objects stay:
    they are most of what a fresh figure costs. A figure whose axes hold categories (units)
    numbers its categories again from the next chart's names (as a new axes does); one with
    other units (dates) is built again. One figure of a kind is kept: save it before asking for
    the next.

    >>> pool = {}
    >>> with reusing_figures(pool):
    ...     first, ax = new_figure(width=3, height=2, margins={"left": 0.2})
    ...     _ = ax.plot([1, 2], [3, 4]), ax.set_title("one")
    ...     again, ax = new_figure(width=3, height=2, margins={"left": 0.2})
    >>> again is first, len(ax.lines), ax.get_title()
    (True, 0, '')
    >>> new_figure(width=3, height=2, margins={"left": 0.2})[0] is first  # outside: a new one
    False
    """
    token = _POOL.set(pool)
    try:
        yield pool
    finally:
        _POOL.reset(token)


def _empty(fig: Figure) -> bool:
    """Take out of ``fig`` what a chart draws; False if it cannot be reused (categories)."""
    axes = fig.axes
    axes_units = [axis.units for ax in axes for axis in (ax.xaxis, ax.yaxis) if axis.have_units()]
    if any(not isinstance(units, UnitData) for units in axes_units):
        return False  # dates or other units: not worth the risk, a new figure
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.have_units():
                # Categories (bars by name) numbered again from 0 in the next chart's order.
                axis.set_units(UnitData())
        for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images]:
            artist.remove()
        ax.containers.clear()
        if ax.legend_ is not None:
            ax.legend_.remove()
        for loc in ("left", "center", "right"):
            ax.set_title("", loc=loc)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_prop_cycle(color=SERIES)  # a fresh axes starts the course's colours again
        ax.relim()  # no data left: the next chart's data set the limits, as on a new axes
        ax.set_autoscale_on(True)
    # A suptitle is updated in place by the next fig.suptitle(...): it stays, emptied.
    title = getattr(fig, "_suptitle", None)
    for artist in [*fig.legends, *fig.texts, *fig.lines, *fig.patches, *fig.images]:
        if artist is not title:
            artist.remove()
    if title is not None:
        title.set_text("")
    return True


def inch_margins(
    width: float,
    height: float,
    *,
    left: float,
    right: float,
    top: float,
    bottom: float,
    rows: int = 1,
    columns: int = 1,
    row_gap: float = 0.0,
    column_gap: float = 0.0,
) -> dict[str, float]:
    """Fixed margins given in inches, as the fractions :func:`new_figure` takes.

    A phone figure is laid out in inches (room for a line of tick labels, a title, a legend
    under the axes); matplotlib wants fractions of the figure, and gaps between panels as
    fractions of a panel's mean size.

    Args:
        width, height: the figure's size, inches.
        left, right, top, bottom: the space between each edge of the figure and the axes,
            inches.
        rows, columns: the grid of axes.
        row_gap, column_gap: the space between two rows, two columns of axes, inches.

    >>> inch_margins(4, 5, left=0.5, right=0.1, top=0.5, bottom=0.5, rows=2, row_gap=0.8)
    {'left': 0.125, 'right': 0.975, 'top': 0.9, 'bottom': 0.1, 'wspace': 0.0, 'hspace': 0.5}
    >>> inch_margins(3.6, 2, left=1, right=1, top=1.5, bottom=0.5)
    Traceback (most recent call last):
        ...
    ValueError: Margins of 2 in leave no room for the axes in a figure 2 in high.
    """
    for name, size, used, gaps in (
        ("width", width, left + right, (columns - 1) * column_gap),
        ("height", height, top + bottom, (rows - 1) * row_gap),
    ):
        if used + gaps >= size:
            raise ValueError(
                t(
                    "charts.error.inch_margins",
                    used=fmt.number(used + gaps),
                    size=fmt.number(size),
                    side=t("charts.side.high" if name == "height" else "charts.side.wide"),
                )
            )
    panel_width = (width - left - right - (columns - 1) * column_gap) / columns
    panel_height = (height - top - bottom - (rows - 1) * row_gap) / rows
    return {
        "left": left / width,
        "right": 1 - right / width,
        "top": 1 - top / height,
        "bottom": bottom / height,
        "wspace": column_gap / panel_width,
        "hspace": row_gap / panel_height,
    }


def wrap(text: str, chars: int) -> str:
    """``text`` on lines of at most ``chars`` characters (broken at spaces), for a title or a
    legend entry of a narrow figure: the words stay those of the wide figure.

    >>> print(wrap("The growth KPI: month-over-month revenue growth", 34))
    The growth KPI: month-over-month
    revenue growth
    """
    return "\n".join(
        textwrap.fill(line, chars, break_long_words=False, break_on_hyphens=False)
        for line in str(text).split("\n")
    )


def phone_column(rows: int, height: float, **inches: float) -> tuple[Figure, Axes | list[Axes]]:
    """A phone figure of ``rows`` panels one above the other, its margins in inches.

    What most phone variants draw on: :data:`PHONE_WIDTH` wide, fixed margins, the phone
    type. ``inches`` are the margins :func:`inch_margins` takes (``left``, ``top``,
    ``bottom``, ``row_gap``; ``right`` is 0.1 unless given). Returns what :func:`new_figure`
    returns.

    >>> fig, axes = phone_column(2, 5.0, left=0.9, top=0.3, bottom=0.5, row_gap=0.55)
    >>> fig.get_size_inches().tolist(), round(float(axes[0].get_position().x0), 3)
    ([3.6, 5.0], 0.25)
    """
    margins = inch_margins(PHONE_WIDTH, height, rows=rows, **{"right": 0.1, **inches})
    return new_figure(rows, 1, height=height, margins=margins, phone=True)


def wrap_to(text: str, inches: float, size: float, *, bold: bool = False) -> str:
    """``text`` broken at spaces into lines no wider than ``inches`` at ``size`` points.

    Measured with matplotlib's font (DejaVu Sans, wider than the sans-serif fonts phones
    draw SVG text with, so a line that fits here fits there). Line breaks already in the text
    are kept; a single word wider than the space stays on its own line.

    Args:
        text: the text (a title, a label) as the wide figure writes it.
        inches: the width available.
        size: the font size, points.
        bold: the text is drawn bold.

    >>> print(wrap_to("Average time per unit, day by day", 2.0, 10))
    Average time per unit,
    day by day
    >>> wrap_to("Revenue", 0, 10)
    Traceback (most recent call last):
        ...
    ValueError: A text cannot be wrapped to 0 in: give a width greater than 0.
    """
    if not inches > 0:
        raise ValueError(t("charts.error.wrap_width", inches=fmt.number(inches)))
    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_inches(candidate, size, bold=bold) > inches:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=4096)
def text_inches(text: str, size: float, *, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``size`` points, in inches, in matplotlib's font: fixed
    margins and wrapped titles are sized with it instead of a layout engine.

    >>> round(text_inches("Revenue", 10), 2), text_inches("Revenue", 10, bold=True) > 0.6
    (0.6, True)
    """
    weight = "bold" if bold else "normal"
    width, _, _ = _TEXT_PATH.get_text_width_height_descent(
        text, FontProperties(size=size, weight=weight), ismath=False
    )
    return width / 72


_TEXT_PATH = TextToPath()


def panel_title(ax: Axes, text: str, *, phone: bool = False, bold: bool = False, **style) -> None:
    """A panel's title: as ``style`` says in a wide figure; in a phone figure in the phone
    type, wrapped to the axes' width (:func:`phone_title`; a ``fontsize`` given is the wide
    figure's and is not used there).

    >>> fig, ax = new_figure(margins={})
    >>> panel_title(ax, "Revenue by client", fontsize=11)
    >>> ax.title.get_fontsize(), ax.title.get_fontweight()
    (11.0, 'normal')
    """
    if phone:
        style.pop("fontsize", None)
        phone_title(ax, text, bold=bold, **style)
    else:
        ax.set_title(text, **({"fontweight": "bold"} if bold else {}), **style)


def stack_phone_panels(
    fig: Figure,
    axes: list[Axes],
    titles: list[str],
    *,
    top: float,
    left: float,
    bottom: float,
    below: float,
    right: float = 0.1,
    **style,
) -> None:
    """Place phone panels one above the other, each under its title wrapped to the width.

    The room between two panels is the upper one's x tick labels (``below``) and the lower
    one's title, as many lines as the longest title takes once wrapped.

    Args:
        fig, axes: a phone figure and its axes, in one column.
        titles: each panel's title, as the wide figure writes it.
        top: inches above the first panel's title (the figure's heading, a legend).
        left, right, bottom: the other margins, inches.
        below: inches under each upper panel for its tick labels and axis label.
        style: more arguments of ``Axes.set_title`` (``loc``, ``y``).

    >>> fig, axes = new_figure(2, 1, height=5, margins={}, phone=True)
    >>> stack_phone_panels(fig, axes, ["Revenue", "A title long enough to need two lines "
    ...                    "on a phone"], top=0.3, left=0.7, bottom=0.5, below=0.4)
    >>> [ax.get_title().count("\\n") for ax in axes], round(float(axes[0].get_position().y1), 3)
    ([0, 1], 0.848)
    """
    width, height = fig.get_size_inches()
    size = PHONE_TYPE.title
    wrapped = [wrap_to(text, width - left - right, size) for text in titles]
    lines = max(text.count("\n") + 1 for text in wrapped)
    room = 0.12 + 0.17 * lines
    fig.subplots_adjust(
        **inch_margins(
            width,
            height,
            left=left,
            right=right,
            top=top + room,
            bottom=bottom,
            rows=len(axes),
            row_gap=below + room,
        )
    )
    for ax, text in zip(axes, wrapped, strict=True):
        ax.set_title(text, fontsize=size, **style)


def phone_title(ax: Axes, text: str, *, bold: bool = False, **style) -> None:
    """A panel's title in a phone figure: the phone type, wrapped to the axes' width.

    Args:
        ax: the axes, already at its final position (fixed margins set).
        text: the title as the wide figure writes it.
        bold: bold title (the figure's main title).
        style: more arguments of ``Axes.set_title`` (``loc``, ``pad``...).

    >>> fig, ax = new_figure(height=3, margins=inch_margins(3.6, 3, left=1.1, right=0.5,
    ...                      top=0.5, bottom=0.5), phone=True)
    >>> phone_title(ax, "Average time per unit, day by day")
    >>> print(ax.get_title())
    Average time per unit,
    day by day
    """
    width = ax.get_position().width * ax.figure.get_size_inches()[0]
    size = style.pop("fontsize", PHONE_TYPE.title)
    ax.set_title(
        wrap_to(text, width, size, bold=bold),
        fontsize=size,
        fontweight="bold" if bold else "normal",
        **style,
    )


class StepTicks(Formatter):
    """Tick labels with as many decimals as the tick step needs, from :mod:`lessons.format`.

    A fixed ``.0f`` would label a 0.5 % step "94 %, 94 %, 95 %…"; here the step decides
    (94.5 %, 20 %; 0.5, 1.0, 1.5), in the learner's language.

    Args:
        percent: the values are fractions shown as percentages.

    >>> StepTicks().format_ticks([0, 0.5, 1.0]), StepTicks(percent=True).format_ticks([0.9, 0.95])
    (['0.0', '0.5', '1.0'], ['90 %', '95 %'])
    """

    def __init__(self, percent: bool = False):
        self.percent = percent

    def _text(self, value: float, decimals: int) -> str:
        return fmt.percent(value, decimals) if self.percent else fmt.number(value, decimals)

    def format_ticks(self, values) -> list[str]:
        scale = 100 if self.percent else 1
        ordered = sorted(values)
        step = (ordered[1] - ordered[0]) * scale if len(ordered) > 1 else 1.0
        decimals = 0
        while decimals < 3 and abs(round(step, decimals) - step) > 1e-9 * max(1.0, abs(step)):
            decimals += 1
        return [self._text(value, decimals) for value in values]

    def __call__(self, value: float, pos: int | None = None) -> str:
        scaled = value * (100 if self.percent else 1)
        return self._text(value, 0 if abs(scaled - round(scaled)) < 1e-9 else 1)


def format_axis(ax: Axes, unit: str, axis: str = "y", *, compact: bool = False) -> None:
    """Tick labels in the unit of the data (``%`` for fractions, ``€`` with thousands).

    ``compact=True`` writes euros short (``€250K``, ``€1.5M``): a label stays a few characters
    wide whatever the amount, so a chart with fixed margins never clips it. Every label comes
    from :mod:`lessons.format`, in the learner's language.

    >>> fig, ax = new_figure(margins={})
    >>> format_axis(ax, "€", compact=True)
    >>> [ax.yaxis.get_major_formatter()(v) for v in (0, 2_500, 250_000, 1_500_000, -2e6)]
    ['€0', '€2.5K', '€250K', '€1.5M', '−€2M']
    """
    if unit == "%":
        formatter = StepTicks(percent=True)
    elif unit == "€":
        formatter = FuncFormatter(
            (lambda v, _: fmt.money_compact(v)) if compact else (lambda v, _: fmt.money(v, 0))
        )
    else:
        formatter = StepTicks()
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def localize_ticks(fig: Figure) -> None:
    """Every tick label still written by matplotlib's default formatter is given the course's
    (:class:`StepTicks`), so numbers on every axis follow the learner's language (``0,5`` in
    French) without each chart having to ask. Charts call it through :func:`to_svg` and
    :func:`to_png`.
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(StepTicks())


def add_target_line(
    ax: Axes, target: float, unit: str = "", label: str | None = None, *, inline: bool = False
) -> None:
    """A dashed horizontal line at ``target``, named with its value.

    The name goes to the legend, or with ``inline=True`` on the line itself, at its right end:
    one text instead of a legend, which a live chart redraws several times faster.

    >>> fig, ax = new_figure(margins={})
    >>> add_target_line(ax, 0.95, "%", inline=True)
    >>> ax.lines[0].get_label(), ax.texts[0].get_text()
    ('_target', 'target 95.0 %')
    """
    text = label or t("charts.target", value=fmt.value(target, unit))
    line_label = "_target" if inline else text
    ax.axhline(target, color=PALETTE["ink"], linestyle="--", linewidth=1.3, label=line_label)
    if inline:
        ax.text(
            0.99,
            target,
            text,
            transform=ax.get_yaxis_transform(),
            ha="right",
            va="bottom",
            fontsize=9,
            color=PALETTE["ink"],
            bbox=_TEXT_BOX,
        )


#: A white box behind a text drawn over data, so it stays readable.
_TEXT_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def share_x_grid(upper: Iterable[Axes], bottom: Axes) -> None:
    """Axes stacked above ``bottom`` on the same x axis: its limits and vertical grid lines,
    no ticks of their own.

    Tick objects are the slowest part of drawing a chart; the upper axes of a column show no x
    tick labels anyway, so their grid lines are drawn as one line collection instead. Call it
    once ``bottom`` has its final x limits.

    >>> fig, (top, low) = new_figure(2, 1, margins={})
    >>> low.set_xlim(0, 60)
    (0.0, 60.0)
    >>> share_x_grid([top], low)
    >>> [float(x) for x in top.get_xlim()], len(top.get_xticks())
    ([0.0, 60.0], 0)
    >>> len(top.collections[0].get_segments())  # grid lines at 0, 10, ... 60
    7
    """
    low, high = sorted(bottom.get_xlim())
    ticks = [x for x in bottom.get_xticks() if low <= x <= high]
    for ax in upper:
        ax.set_xlim(bottom.get_xlim())
        ax.xaxis.set_major_locator(NullLocator())
        ax.xaxis.set_minor_locator(NullLocator())
        lines = LineCollection(
            [[(x, 0), (x, 1)] for x in ticks],
            transform=ax.get_xaxis_transform(),
            colors=GRID_COLOR,
            linewidths=0.8,
            alpha=0.3,
            zorder=1.5,
        )
        ax.add_collection(lines, autolim=False)


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure rendered as PNG bytes, ``dpi`` pixels per inch.

    >>> fig, ax = new_figure(width=2, height=1)
    >>> to_png(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    localize_ticks(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def to_svg(fig: Figure) -> bytes:
    """The figure as SVG bytes: text kept as text, the same bytes on every run.

    The size is the figure's, in points (72 per inch); there is no resolution to choose.
    (A figure under the constrained layout engine may move its axes by a rounding error from
    one save to the next; its first save is the same in every fresh run.)

    >>> fig, ax = new_figure(width=2, height=1, margins={"left": 0.2})
    >>> svg = to_svg(fig)
    >>> b'width="144pt" height="72pt"' in svg, svg == to_svg(fig)
    (True, True)
    """
    localize_ticks(fig)
    buffer = io.BytesIO()
    with matplotlib.rc_context(_SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def figure_html(
    fig: Figure,
    alt: str,
    dpi: int = 100,
    image_format: str = "png",
    *,
    phone: Figure | None = None,
) -> str:
    """The figure as HTML with escaped alt text, inline (data URIs): an ``<img>``, or with a
    phone variant the ``<picture>`` of :func:`picture_html`.

    Args:
        fig: the figure (the wide variant).
        alt: what the figure shows, in words (required).
        dpi: pixels per inch of a PNG (an SVG has no resolution).
        image_format: ``"png"`` or ``"svg"`` (sharp at any zoom, faster: live panels); with a
            phone variant both are SVG.
        phone: the phone variant of the same figure (``plot(..., phone=True)``), or ``None``.

    >>> fig, ax = new_figure(width=2, height=1)
    >>> html_text = figure_html(fig, 'Revenue of "Client A"')
    >>> 'alt="Revenue of &quot;Client A&quot;"' in html_text
    True
    >>> 'src="data:image/svg+xml;base64,' in figure_html(fig, "Revenue", image_format="svg")
    True
    >>> figure_html(fig, "Revenue", phone=fig).startswith("<picture")
    True
    >>> figure_html(fig, "  ")
    Traceback (most recent call last):
        ...
    ValueError: Every figure needs alt text that describes what it shows (got an empty text).
    >>> figure_html(fig, "Revenue", image_format="jpg")
    Traceback (most recent call last):
        ...
    ValueError: Unknown image format 'jpg': use 'png' or 'svg'.
    """
    alt = _checked_alt(alt)
    if image_format not in _IMAGE_TYPES:
        raise ValueError(t("charts.error.image_format", value=image_format))
    if phone is not None:
        return picture_html(fig, alt, phone)
    image = to_svg(fig) if image_format == "svg" else to_png(fig, dpi=dpi)
    data = base64.b64encode(image).decode("ascii")
    # One wide figure and no phone variant: shrunk to a phone it would be unreadable, so it
    # keeps a readable minimum width and its box scrolls sideways (reachable by keyboard); on
    # a wide screen it fills the column up to its natural size (100 px per inch).
    natural = round(fig.get_size_inches()[0] * 100)
    region = html.escape(t("charts.figure.region"), quote=True)
    return (
        f'<div class="lessons-figure-box" role="region" tabindex="0" aria-label="{region}" '
        'style="overflow-x:auto;max-width:100%">'
        f'<img class="lessons-figure" alt="{html.escape(alt)}" '
        f'src="data:{_IMAGE_TYPES[image_format]};base64,{data}" '
        f'style="display:block;width:100%;min-width:{min(natural, _PHONE_MIN_WIDTH)}px;'
        f'max-width:{natural}px;height:auto;" /></div>'
    )


#: Narrowest a figure with no phone variant is drawn (px) before its box scrolls sideways.
_PHONE_MIN_WIDTH = 540
#: CSS px per inch of a figure at its natural size on a wide screen.
_PX_PER_INCH = 100
_SVG_WIDTH = re.compile(rb'<svg[^>]*\swidth="([0-9.]+)pt"')


def _checked_alt(alt: object) -> str:
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(t("charts.error.no_alt"))
    return alt.strip()


def _source(image: Figure | bytes | str) -> tuple[str, float | None]:
    """An image's URL for HTML, and its natural width in CSS px when it can be known."""
    if isinstance(image, str):
        return image, None
    if isinstance(image, Figure):
        svg, inches = to_svg(image), float(image.get_size_inches()[0])
    elif isinstance(image, bytes) and (found := _SVG_WIDTH.search(image[:2000])):
        svg, inches = image, float(found.group(1)) / 72
    else:
        raise TypeError(t("charts.error.picture_source", got=type(image).__name__))
    data = base64.b64encode(svg).decode("ascii")
    return f"data:image/svg+xml;base64,{data}", inches * _PX_PER_INCH


def picture_html(
    wide: Figure | bytes | str,
    alt: str,
    phone: Figure | bytes | str | None = None,
    *,
    natural_width: float | None = None,
) -> str:
    """A figure's wide and phone variants in one ``<picture>``: the browser shows the phone
    one on screens up to 600 px wide (:data:`PHONE_MEDIA`), the wide one elsewhere.

    Both variants share the ``<img>``'s alt text. It fills the column up to the wide figure's
    natural size (100 px per inch) and never scrolls sideways: the phone variant is drawn for
    the phone's column.

    Args:
        wide, phone: each a matplotlib Figure (written inline as an SVG data URI), the bytes
            of an SVG (inline too), or the URL of an SVG file (a static site's states), as a
            ``str``, written as given (escaped). Without ``phone``, the wide figure is shown
            everywhere.
        alt: what the figure shows, in words (required); the same for both variants.
        natural_width: the wide figure's natural width in CSS px, when ``wide`` is a URL
            (taken from the figure or the SVG otherwise); without it the image fills the
            column.

    Returns:
        The HTML text.

    >>> fig, ax = new_figure(width=2, height=1, margins={})
    >>> text = picture_html("wide.svg", 'Revenue of "A"', "phone.svg", natural_width=900)
    >>> text.startswith('<picture class="lessons-picture"><source media="(max-width: 600px)" ')
    True
    >>> 'srcset="phone.svg"' in text, 'alt="Revenue of &quot;A&quot;" src="wide.svg"' in text
    (True, True)
    >>> 'style="display:block;width:100%;max-width:900px;height:auto;"></picture>' in text
    True
    >>> 'max-width:200px' in picture_html(fig, "Revenue", to_svg(fig))
    True
    >>> picture_html(fig, "Revenue", phone=fig.axes[0])
    Traceback (most recent call last):
        ...
    TypeError: A picture's image is a matplotlib Figure, the bytes of an SVG or the URL of an SVG
    file (got Axes).
    """
    alt = _checked_alt(alt)
    wide_url, natural = _source(wide)
    natural = natural_width if natural_width is not None else natural
    source = ""
    if phone is not None:
        phone_url, _ = _source(phone)
        source = (
            f'<source media="{PHONE_MEDIA}" srcset="{html.escape(phone_url, quote=True)}" '
            'type="image/svg+xml">'
        )
    limit = f"max-width:{round(natural)}px;" if natural else "max-width:100%;"
    return (
        f'<picture class="lessons-picture">{source}'
        f'<img class="lessons-figure" alt="{html.escape(alt)}" '
        f'src="{html.escape(wide_url, quote=True)}" '
        f'style="display:block;width:100%;{limit}height:auto;"></picture>'
    )


@dataclass
class FigureDisplay:
    """A figure to display, with its alt text and, when it has one, its phone variant.

    It renders as HTML in notebooks and on the site: the ``<picture>`` of
    :func:`picture_html` (both variants as SVG) when there is a phone variant, the ``<img>`` of
    :func:`figure_html` otherwise. Its plain-text form is the alt text, so text-only readers
    (and nbval) see the description. Each chart module's ``figure(...)`` returns one.

    >>> fig, ax = new_figure(width=2, height=1, margins={})
    >>> shown = FigureDisplay(fig, "Revenue by month", fig)
    >>> shown.html().startswith('<picture class="lessons-picture"><source media=')
    True
    >>> shown._repr_mimebundle_()["text/plain"]
    'Revenue by month'
    """

    fig: Figure
    alt: str
    phone: Figure | None = None

    def html(self) -> str:
        """The HTML that displays the figure (``<picture>`` with a phone variant)."""
        if self.phone is not None:
            return picture_html(self.fig, self.alt, self.phone)
        return figure_html(self.fig, self.alt)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.alt}


def show(fig: Figure, alt: str, phone: Figure | None = None) -> FigureDisplay:
    """Display ``fig`` with alt text (and its phone variant, when given); end a notebook cell
    with ``show(fig, alt_text(...))``, or with a chart module's ``figure(...)``, which gives
    both variants."""
    _checked_alt(alt)  # validate now, so a missing alt fails where it is written
    return FigureDisplay(fig, alt, phone)


def escape_mathtext(text: object) -> str:
    r"""User text made safe for a matplotlib label: ``$`` would start mathtext (and a lone
    ``$x^$`` makes drawing fail), so it is escaped; everything else is drawn as typed.

    >>> print(escape_mathtext("Client $x^$"))
    Client \$x^\$
    """
    return str(text).replace("$", r"\$")
