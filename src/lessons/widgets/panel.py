"""The generic scenario panel: controls built from a scenario's parameters, one render per change.

The panel only wires: controls -> ``Params(...)`` -> :func:`lessons.explorer.views.scenario_view`
(:func:`lessons.scenarios.run`: simulation, KPIs, targets; ``lessons.charts.<name>.plot``; the
KPI table), the render path the site's explorer shares -> an ``<img>`` with alt text and an
HTML KPI table. A combination the scenario refuses (``ValueError``/``TypeError`` from ``Params``) is
explained in words inside the panel, and the last good chart stays.

The figure is sent as SVG by default (text kept as text): faster to produce than a PNG on every
change, about half the bytes, and sharp when zoomed on a phone or shown on a projector.

What a trainer waits for (``benchmarks/bench_lab.py``, key press to figure painted) is mostly
the Python render, so a panel keeps two things across changes: the sizes of the texts it has
already measured (:func:`measured_text`: matplotlib measures every label again on each SVG
save) and the outputs of the last states shown (a small cache: moving a slider back and forth
redraws nothing). A panel with such a cache also draws ahead: once a change is on screen,
while the trainer looks at it, it draws the next step of the same control in the same direction
into that cache (:meth:`LivePanel.prefetch`, run by the kernel's event loop after the change,
so it never delays the change itself), and the next press shows it at once.
"""

from __future__ import annotations

import asyncio
import gc
import html
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
from matplotlib.backends.backend_svg import RendererSVG

from lessons import charts, scenarios
from lessons import format as fmt
from lessons.charts.style import figure_html, reusing_figures
from lessons.explorer.views import Cache, Picture, row_html, scenario_view
from lessons.i18n import t
from lessons.scenarios import ParamSpec, param_specs

__all__ = [
    "GRID",
    "Cache",
    "LivePanel",
    "ScenarioPanel",
    "error_html",
    "make_control",
    "measured_text",
    "readout_format",
    "row_html",
    "scenario_panel",
]

#: Controls in as many columns as fit, each at least 340 px wide (a slider, its label and its
#: readout side by side in JupyterLab), one column on a phone (``min(340px, 100%)``).
GRID = w.Layout(
    display="grid",
    grid_template_columns="repeat(auto-fit, minmax(min(340px, 100%), 1fr))",
    grid_gap="4px 16px",
    width="100%",
)


def make_control(spec: ParamSpec) -> w.ValueWidget:
    """One control for one parameter: a slider in business units, or a checkbox."""
    description = f"{spec.label} ({fmt.unit_label(spec.unit)})" if spec.unit else spec.label
    common = {
        "value": spec.default,
        "description": description,
        "style": {"description_width": "initial"},
        "layout": w.Layout(width="100%"),
    }
    if spec.kind is bool:
        return w.Checkbox(indent=False, **common)
    if spec.kind is int:
        return w.IntSlider(
            min=int(spec.low),
            max=int(spec.high),
            step=int(spec.step),
            continuous_update=False,
            **common,
        )
    return w.FloatSlider(
        min=spec.low,
        max=spec.high,
        step=spec.step,
        readout_format=readout_format(spec.step, spec.unit == "%"),
        continuous_update=False,
        **common,
    )


def readout_format(step: float, percent: bool = False) -> str:
    """The slider readout (a d3 format) with as many decimals as the step needs.

    Args:
        step: the slider's step, in the value's own unit (a fraction for a percentage).
        percent: the value is a fraction read as a percentage (0.011 reads "1.1%").

    The digits are those :mod:`lessons.format` writes for the value at these decimals (the
    browser formats the readout, so the space before "%" is left out).

    >>> readout_format(0.001, percent=True), readout_format(0.05, percent=True)
    ('.1%', '.0%')
    >>> readout_format(0.5), readout_format(5)
    (',.1f', ',.0f')
    >>> readout_format(0)
    Traceback (most recent call last):
        ...
    ValueError: A slider step must be a positive number (got 0).
    """
    if not step > 0:
        raise ValueError(f"A slider step must be a positive number (got {step!r}).")
    scaled = round(step * 100, 9) if percent else step
    decimals = len(f"{scaled:.9g}".partition(".")[2].rstrip("0"))
    return f".{decimals}%" if percent else f",.{decimals}f"


#: Sizes of texts an SVG save has measured, by (text, font, maths): the same in every save.
_TEXT_SIZES: dict[tuple, tuple[float, float, float]] = {}
_TEXT_SIZES_MAX = 4096
_MEASURE_SVG = RendererSVG.get_text_width_height_descent


def _measure_once(renderer, text, prop, ismath):
    # A copy: FontProperties hashes its current (mutable) state.
    key = (text, prop.copy(), ismath)
    size = _TEXT_SIZES.get(key)
    if size is None:
        if len(_TEXT_SIZES) >= _TEXT_SIZES_MAX:
            _TEXT_SIZES.clear()
        size = _TEXT_SIZES[key] = _MEASURE_SVG(renderer, text, prop, ismath)
    return size


@contextmanager
def measured_text() -> Iterator[None]:
    """SVG saves inside the block reuse the text sizes measured by earlier saves.

    Matplotlib keeps its text measures per renderer, and an SVG save makes a new renderer:
    every tick label, title and legend entry is measured again with FreeType on every change
    (a fifth to a third of a save). An SVG is drawn at 72 dpi whatever the figure, so a text's
    size depends only on the text, its font and whether it is maths: measured once, kept.
    The bytes written are the same as without the block.

    >>> from lessons.charts.style import new_figure, to_svg
    >>> fig, ax = new_figure(width=2, height=1, margins={"left": 0.2})
    >>> plain = to_svg(fig)
    >>> with measured_text():
    ...     first, again = to_svg(fig), to_svg(fig)
    >>> first == again == plain, RendererSVG.get_text_width_height_descent is _MEASURE_SVG
    (True, True)
    """
    RendererSVG.get_text_width_height_descent = _measure_once
    try:
        yield
    finally:
        RendererSVG.get_text_width_height_descent = _MEASURE_SVG


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's garbage collector paused for a render, and the render's own objects (still in
    the youngest generation) freed right after: see :meth:`LivePanel.update`."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.collect(1)


#: Seconds between a change sent and drawing ahead: the kernel's messages for the change (the
#: figure, the table) leave first, without the drawing holding the interpreter.
_AHEAD_DELAY = 0.03


def _soon(callback) -> bool:
    """Run ``callback`` once the kernel has sent what the current change produced.

    In a kernel a control's change is handled inside its event loop: the callback is queued
    behind it, :data:`_AHEAD_DELAY` later. Outside a loop (a script, a test, the site's
    build) nothing is queued and False is returned.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return False
    loop.call_later(_AHEAD_DELAY, callback)
    return True


def _state_key(values: dict[str, Any]) -> tuple:
    """The cache key of some settings: a slider's float steps (0.1 + 0.2) rounded away, so the
    state drawn ahead and the value the browser sends are the same key."""
    return tuple((k, round(v, 9) if isinstance(v, float) else v) for k, v in values.items())


def error_html(error: Exception | str) -> str:
    """A refused input explained in words, in an alert box (text escaped)."""
    return (
        "<div role='alert' style='border-left:4px solid #B34700;padding:4px 8px'>"
        f"<strong>{html.escape(t('widgets.error.title'))}</strong> "
        f"{html.escape(str(error))}<br>{html.escape(t('widgets.error.keep'))}</div>"
    )


class LivePanel(w.VBox):
    """Base of every live panel: controls -> :meth:`render` -> outputs, one render per change.

    A subclass calls :meth:`_prepare` first (it creates ``reset_button``, ``message`` and
    ``figure``), fills ``self.controls`` (name -> widget) and ``self.defaults`` (name -> value),
    then calls ``LivePanel.__init__(self, body)`` with its widgets; it implements
    :meth:`render`, which draws the outputs and returns the problems to explain (or raises
    ``ValueError``/``TypeError`` with a learner-facing message) to refuse the settings. A
    refused setting is explained in ``message`` and the last good outputs stay.

    Attributes: ``controls``, ``figure`` (HTML widget holding the ``<img>``), ``message``,
    ``renders`` (accepted renders so far: a change can leave the picture the same, so tests and
    the benchmark count on it) and ``last_render_seconds``.
    """

    def _prepare(self, dpi: int = 90, image_format: str = "svg") -> None:
        self.dpi = dpi
        self.image_format = image_format
        self.renders = 0
        self.last_render_seconds = float("nan")
        self._depth = 0
        self.reset_button = w.Button(
            description=t("widgets.reset"), tooltip=t("widgets.reset.tooltip"), icon="undo"
        )
        self.reset_button.on_click(lambda _: self.reset())
        self.message = w.HTML()
        self.figure = w.HTML()
        # One figure kept per chart function, emptied and drawn again on the next change.
        self._reused: dict[object, dict] = {}
        # Drawing ahead: the settings last shown, the ones expected next, how many were drawn.
        self._shown: dict[str, Any] | None = None
        self._ahead: dict[str, Any] | None = None
        self.prefetched = 0

    def __init__(self, body: list[w.Widget]):
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        super().__init__(body, layout=w.Layout(width="100%"))
        self.update()

    @property
    def muted(self) -> bool:
        """True while a batch of changes is being applied (render once, at its end)."""
        return self._depth > 0

    @contextmanager
    def _batch(self):
        """Change several controls and render once at the end (batches may nest)."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if not self._depth:
            self.update()

    def _on_change(self, _change: dict) -> None:
        if not self.muted:
            self.update()

    def values(self) -> dict[str, Any]:
        """Current control values by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set several controls at once (one render)."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(
                t("widgets.error.unknown_control", unknown=unknown, known=", ".join(self.controls))
            )
        with self._batch():
            for key, value in values.items():
                self.controls[key].value = value

    def reset(self) -> None:
        """Every control back to its default (one render)."""
        self.set(**self.defaults)

    def update(self) -> bool:
        """Recompute and redraw; return False (and explain) if the settings were refused.

        A figure is thousands of small objects in reference cycles. Left to itself, Python's
        garbage collector moves them to its oldest generation while the figure is drawn, then
        every few changes scans the whole heap (all of pandas and matplotlib) to free them: a
        pause of tens of ms. So collection is paused during a render (and restored after,
        even on an error), and the render's own objects, still in the youngest generation,
        are freed right after: about 3 ms, the same on every change.
        """
        start = time.perf_counter()
        with _collection_paused():
            try:
                problems = self.render() or []
            except (ValueError, TypeError) as error:
                problems = [str(error)]
        self.message.value = "".join(error_html(problem) for problem in problems)
        if not problems:
            self.renders += 1
            self.last_render_seconds = time.perf_counter() - start
            values = self.values()
            self._ahead = self.next_values(self._shown, values)
            self._shown = values
            if self._ahead is not None and type(self).warm is not LivePanel.warm:
                _soon(lambda ahead=self._ahead: self.prefetch(ahead))
        return not problems

    def next_values(
        self, before: dict[str, Any] | None, now: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The settings one more step of the control that just moved, the same way: what a
        trainer stepping through a range (or a list) shows next. None when not one control
        moved, it is a tick box, or it reached an end.

        >>> panel = scenario_panel("restaurant")
        >>> before = panel.values()
        >>> panel.next_values(before, {**before, "tables": 21})["tables"]
        22
        >>> panel.next_values(before, before) is None
        True
        """
        if before is None:
            return None
        moved = [name for name in now if now[name] != before.get(name)]
        if len(moved) != 1 or isinstance(now[moved[0]], bool):
            return None
        name = moved[0]
        control = self.controls[name]
        if isinstance(control, w.Dropdown):  # the next option the same way down the list
            options = [o[1] if isinstance(o, tuple) else o for o in control.options]
            if before[name] not in options or now[name] not in options:
                return None
            at = options.index(now[name])
            ahead_at = at + (1 if at > options.index(before[name]) else -1)
            if not 0 <= ahead_at < len(options):
                return None
            return {**now, name: options[ahead_at]}
        if not isinstance(now[name], int | float):
            return None
        ahead = now[name] + (now[name] - before[name])
        if not control.min <= ahead <= control.max:
            return None
        return {**now, name: type(now[name])(round(ahead, 9))}

    def prefetch(self, values: dict[str, Any]) -> bool:
        """Draw ahead: the outputs of ``values`` into the panel's cache (:meth:`warm`), unless
        a newer change came first. True if it drew; settings the panel refuses are skipped."""
        if values != self._ahead:
            return False  # the trainer has moved on: another state is ahead now
        self._ahead = None
        try:
            with _collection_paused():
                self.warm(values)
        except Exception:  # drawing ahead only saves time: the next change draws (or explains)
            return False
        self.prefetched += 1
        return True

    def warm(self, values: dict[str, Any]) -> None:
        """Draw the outputs of ``values`` into the panel's caches, showing nothing. A panel
        that does not implement it keeps no cache, and nothing is drawn ahead for it."""
        raise NotImplementedError

    def image(self, fig, alt: str) -> str:
        """The figure as an ``<img>`` with alt text, in the panel's format (SVG by default)."""
        with measured_text():
            return figure_html(fig, alt, dpi=self.dpi, image_format=self.image_format)

    def draw(self, picture: Picture) -> str:
        """``picture`` drawn as an ``<img>``: the figure this panel drew last time for the same
        chart is emptied and drawn again (:func:`lessons.charts.style.reusing_figures`), which
        gives the same picture as a new figure in about half the time."""
        with reusing_figures(self._reused.setdefault(picture.plot, {})):
            return self.image(picture.wide(), picture.alt)

    def render(self) -> list[str] | None:  # pragma: no cover - every panel overrides it
        """Redraw the outputs; return the problems to explain (empty when all went well)."""
        raise NotImplementedError


class ScenarioPanel(LivePanel):
    """A live panel for one scenario. ``panel.set(name=value, ...)`` drives it from code.

    Controls are built from the scenario's ``Params`` (units, ranges, defaults); outputs are the
    scenario chart (``figure``) and its KPI table (``table``).

    Options: ``periods`` and ``seed`` of the simulation; ``image_format`` ``"svg"`` (default)
    or ``"png"``, and ``dpi`` (pixels per inch, PNG only).
    """

    def __init__(
        self,
        name: str,
        *,
        periods: int | None = None,
        seed: int = 0,
        dpi: int = 90,
        image_format: str = "svg",
    ):
        self._prepare(dpi, image_format)
        self.name = name
        self.module = scenarios.load(name)
        self.chart = charts.load(name)
        self.periods = periods
        self.seed = seed
        self.specs = param_specs(self.module.Params)
        self.controls = {spec.name: make_control(spec) for spec in self.specs}
        self.defaults = {spec.name: spec.default for spec in self.specs}
        self.table = w.HTML()
        # The outputs of the last states shown, by settings: a slider moved back, or the
        # "reset" button, shows them again without drawing. The state ahead is drawn into it.
        self._outputs = Cache(32)
        body = [
            w.Box(list(self.controls.values()), layout=GRID),
            self.reset_button,
            self.message,
            self.figure,
            self.table,
        ]
        LivePanel.__init__(self, body)

    def values(self) -> dict[str, Any]:
        """Current control values, typed as the parameters expect."""
        return {spec.name: spec.kind(self.controls[spec.name].value) for spec in self.specs}

    def outputs(self, params: Any) -> tuple[str, str]:
        """The figure (``<img>`` with alt text) and the KPI table (HTML) for some settings:
        what a render shows, through :func:`lessons.explorer.views.scenario_view`, the path
        the site's explorer takes too."""
        view = scenario_view(
            self.module, params, chart=self.chart, periods=self.periods, seed=self.seed
        )
        return self.draw(view.picture), view.table

    def render(self) -> list[str]:
        values = self.values()
        params = self.module.Params(**values)  # refuses a bad combination, in words
        key = _state_key(values)
        self.figure.value, self.table.value = self._outputs.get(key, lambda: self.outputs(params))
        return []

    def warm(self, values: dict[str, Any]) -> None:
        """Draw the outputs of ``values`` into the cache (the figure and the KPI table)."""
        params = self.module.Params(**values)
        self._outputs.get(_state_key(values), lambda: self.outputs(params))


def scenario_panel(name: str, **options: Any) -> ScenarioPanel:
    """The live panel of one scenario, e.g. ``scenario_panel("restaurant")``."""
    return ScenarioPanel(name, **options)
