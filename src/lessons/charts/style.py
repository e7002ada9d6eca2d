"""The one visual style of the course, and the helpers every chart module uses.

* Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness
  (Okabe & Ito, *Color Universal Design*, 2008). Status is never shown by colour alone: each
  status also has a symbol and a word.
* Figures are created with :func:`new_figure` (a ``matplotlib.figure.Figure`` not registered
  with pyplot, so nothing is displayed twice and nothing leaks between panels).
* :func:`show` displays a figure with real alt text on the site and in JupyterLab;
  :func:`figure_html` gives the same ``<img>`` as a string for widgets, as PNG or as SVG.
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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.category import UnitData
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter, NullLocator, ScalarFormatter

from lessons import format as fmt
from lessons.i18n import t
from lessons.palette import GRID_COLOR, PALETTE, SERIES, STATUS_COLORS

__all__ = [
    "PALETTE",
    "SERIES",
    "STATUS_COLORS",
    "FigureDisplay",
    "StepTicks",
    "add_target_line",
    "escape_mathtext",
    "figure_html",
    "format_axis",
    "localize_ticks",
    "new_figure",
    "reusing_figures",
    "share_x_grid",
    "show",
    "to_png",
    "to_svg",
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


def new_figure(
    nrows: int = 1,
    ncols: int = 1,
    *,
    width: float = 9.0,
    height: float = 4.5,
    margins: dict[str, float] | None = None,
) -> tuple[Figure, Axes | list[Axes]]:
    """A new figure in the course style, ``width`` × ``height`` inches, and its axes.

    Args:
        nrows, ncols: the grid of axes.
        width, height: size in inches.
        margins: fixed margins as fractions of the figure (the arguments of
            ``Figure.subplots_adjust``: left, right, bottom, top, wspace, hspace). Without
            them the constrained layout engine places the axes, which is convenient but costs
            an extra draw on every save: live charts give fixed margins.

    Returns ``(fig, ax)`` for one panel, ``(fig, [ax, ...])`` (flat list) for several.

    >>> fig, ax = new_figure()
    >>> fig.get_size_inches().tolist(), fig.get_layout_engine() is not None
    ([9.0, 4.5], True)
    >>> fig, axes = new_figure(1, 2, margins={"left": 0.1, "right": 0.98})
    >>> fig.get_layout_engine() is None, float(axes[0].get_position().x0)
    (True, 0.1)
    >>> new_figure(margins={"middle": 0.5})
    Traceback (most recent call last):
        ...
    ValueError: Unknown margin(s) ['middle']: use left, right, bottom, top, wspace, hspace.
    """
    if margins is not None:
        unknown = sorted(set(margins) - set(_MARGINS))
        if unknown:
            raise ValueError(t("charts.error.margins", names=unknown, known=", ".join(_MARGINS)))
    pool = _POOL.get()
    key = (nrows, ncols, float(width), float(height), tuple(sorted((margins or {}).items())))
    if pool is not None and margins is not None and key in pool:
        fig, flat = pool[key]
        if _empty(fig):
            return fig, (flat[0] if len(flat) == 1 else flat)
    with matplotlib.rc_context(_RC if margins is None else _RC_FIXED):
        fig = Figure(figsize=(width, height), layout="constrained" if margins is None else None)
        if margins is not None:
            fig.subplots_adjust(**margins)
        axes = fig.subplots(nrows, ncols, squeeze=False)
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


def figure_html(fig: Figure, alt: str, dpi: int = 100, image_format: str = "png") -> str:
    """An ``<img>`` element holding the figure inline (a data URI), with escaped alt text.

    Args:
        fig: the figure.
        alt: what the figure shows, in words (required).
        dpi: pixels per inch of a PNG (an SVG has no resolution).
        image_format: ``"png"`` or ``"svg"`` (sharp at any zoom, faster: live panels).

    >>> fig, ax = new_figure(width=2, height=1)
    >>> html_text = figure_html(fig, 'Revenue of "Client A"')
    >>> 'alt="Revenue of &quot;Client A&quot;"' in html_text
    True
    >>> 'src="data:image/svg+xml;base64,' in figure_html(fig, "Revenue", image_format="svg")
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
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(t("charts.error.no_alt"))
    if image_format not in _IMAGE_TYPES:
        raise ValueError(t("charts.error.image_format", value=image_format))
    image = to_svg(fig) if image_format == "svg" else to_png(fig, dpi=dpi)
    data = base64.b64encode(image).decode("ascii")
    # On a phone a wide figure shrunk to the screen is unreadable: it keeps a readable minimum
    # width and its box scrolls sideways (reachable by keyboard); on a wide screen it fills the
    # column up to its natural size (100 px per inch).
    natural = round(fig.get_size_inches()[0] * 100)
    region = html.escape(t("charts.figure.region"), quote=True)
    return (
        f'<div class="lessons-figure-box" role="region" tabindex="0" aria-label="{region}" '
        'style="overflow-x:auto;max-width:100%">'
        f'<img class="lessons-figure" alt="{html.escape(alt.strip())}" '
        f'src="data:{_IMAGE_TYPES[image_format]};base64,{data}" '
        f'style="display:block;width:100%;min-width:{min(natural, _PHONE_MIN_WIDTH)}px;'
        f'max-width:{natural}px;height:auto;" /></div>'
    )


#: Narrowest a figure is drawn (px) before its box scrolls sideways: text stays readable.
_PHONE_MIN_WIDTH = 540


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


def escape_mathtext(text: object) -> str:
    r"""User text made safe for a matplotlib label: ``$`` would start mathtext (and a lone
    ``$x^$`` makes drawing fail), so it is escaped; everything else is drawn as typed.

    >>> print(escape_mathtext("Client $x^$"))
    Client \$x^\$
    """
    return str(text).replace("$", r"\$")
