"""The generic scenario panel: controls built from a scenario's parameters, one render per change.

The panel only wires: controls -> ``Params(...)`` -> ``simulate`` -> ``kpi_table`` ->
``lessons.charts.<name>.plot`` -> an ``<img>`` with alt text and an HTML KPI table. A combination
the scenario refuses (``ValueError``/``TypeError`` from ``Params``) is explained in words inside
the panel, and the last good chart stays.

The figure is sent as SVG by default (text kept as text): faster to produce than a PNG on every
change, about half the bytes, and sharp when zoomed on a phone or shown on a projector.
"""

from __future__ import annotations

import gc
import html
import time
from contextlib import contextmanager
from typing import Any

import ipywidgets as w

from lessons import charts, scenarios
from lessons.charts.style import figure_html, kpi_table_html
from lessons.i18n import t
from lessons.scenarios._base import ParamSpec, param_specs

__all__ = ["ScenarioPanel", "error_html", "make_control", "scenario_panel"]

_GRID = w.Layout(
    display="grid",
    grid_template_columns="repeat(auto-fit, minmax(260px, 1fr))",
    grid_gap="4px 16px",
    width="100%",
)


def make_control(spec: ParamSpec) -> w.ValueWidget:
    """One control for one parameter: a slider in business units, or a checkbox."""
    description = f"{spec.label} ({spec.unit})" if spec.unit else spec.label
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
            min=int(spec.low), max=int(spec.high), step=int(spec.step),
            continuous_update=False, **common,
        )  # fmt: skip
    readout = ".0%" if spec.unit == "%" else _readout(spec.step)
    return w.FloatSlider(
        min=spec.low, max=spec.high, step=spec.step,
        readout_format=readout, continuous_update=False, **common,
    )  # fmt: skip


def error_html(error: Exception | str) -> str:
    """A refused input explained in words, in an alert box (text escaped)."""
    return (
        "<div role='alert' style='border-left:4px solid #B34700;padding:4px 8px'>"
        f"<strong>{html.escape(t('widgets.error.title'))}</strong> "
        f"{html.escape(str(error))}<br>{html.escape(t('widgets.error.keep'))}</div>"
    )


def _readout(step: float) -> str:
    decimals = max(0, len(f"{step:g}".partition(".")[2]))
    return f",.{decimals}f"


class ScenarioPanel(w.VBox):
    """A live panel for one scenario. ``panel.set(name=value, ...)`` drives it from code.

    Attributes: ``controls`` (dict name -> widget), ``figure`` and ``table`` (HTML widgets),
    ``message`` (HTML widget, empty unless the last change was refused), ``last_render_seconds``,
    ``renders`` (how many times figure and table were redrawn; a benchmark counts on it, since
    a change can leave the picture the same).

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
        self.name = name
        self.module = scenarios.load(name)
        self.chart = charts.load(name)
        self.periods = periods
        self.seed = seed
        self.dpi = dpi
        self.image_format = image_format
        self.specs = param_specs(self.module.Params)
        self.controls = {spec.name: make_control(spec) for spec in self.specs}
        self.reset_button = w.Button(
            description=t("widgets.reset"), tooltip=t("widgets.reset.tooltip"), icon="undo"
        )
        self.message = w.HTML()
        self.figure = w.HTML()
        self.table = w.HTML()
        self.last_render_seconds = float("nan")
        self.renders = 0
        self._muted = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        super().__init__(
            [
                w.Box(list(self.controls.values()), layout=_GRID),
                self.reset_button,
                self.message,
                self.figure,
                self.table,
            ],
            layout=w.Layout(width="100%"),
        )
        self.update()

    @contextmanager
    def _batch(self):
        """Change several controls and render once at the end."""
        self._muted = True
        try:
            yield
        finally:
            self._muted = False
        self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._muted:
            self.update()

    def values(self) -> dict[str, Any]:
        """Current control values, typed as the parameters expect."""
        return {spec.name: spec.kind(self.controls[spec.name].value) for spec in self.specs}

    def set(self, **values: Any) -> None:
        """Set several controls at once (one render)."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(
                f"Unknown control(s) {unknown}: this panel has {', '.join(self.controls)}."
            )
        with self._batch():
            for key, value in values.items():
                self.controls[key].value = value

    def reset(self) -> None:
        """Every control back to its default (one render)."""
        with self._batch():
            for spec in self.specs:
                self.controls[spec.name].value = spec.default

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
        enabled = gc.isenabled()
        gc.disable()
        try:
            done = self._render()
        finally:
            if enabled:
                gc.enable()
        gc.collect(1)
        if done:
            self.last_render_seconds = time.perf_counter() - start
        return done

    def _render(self) -> bool:
        try:
            params = self.module.Params(**self.values())
        except (ValueError, TypeError) as error:
            self.message.value = error_html(error)
            return False
        kwargs = {"seed": self.seed}
        if self.periods is not None:
            kwargs["periods"] = self.periods
        data = self.module.simulate(params, **kwargs)
        table = self.module.kpi_table(data, params)
        fig = self.chart.plot(data, params)
        alt = self.chart.alt_text(data, params)
        self.figure.value = figure_html(fig, alt, dpi=self.dpi, image_format=self.image_format)
        self.table.value = kpi_table_html(table, caption=t("widgets.kpis.caption"))
        self.message.value = ""
        self.renders += 1
        return True


def scenario_panel(name: str, **options: Any) -> ScenarioPanel:
    """The live panel of one scenario, e.g. ``scenario_panel("restaurant")``."""
    return ScenarioPanel(name, **options)
