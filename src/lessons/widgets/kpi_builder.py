"""The KPI builder: write a KPI, see which SMART letters it passes, and see it against a target.

A number becomes a KPI only with an objective, a target, a period and an owner. The learner
types each part; the panel shows the SMART findings letter by letter
(:func:`lessons.kpis.smart_check`) and 12 periods of an illustrative history
(:func:`lessons.samples.kpi_history.sample_kpi_history`) against the target, each period with its
status (:func:`lessons.kpis.status_series`).

The history depends on the unit, the direction and the sample number only, never on the
target: move the target and the same data changes status. The panel only wires: what it shows
comes from :func:`lessons.explorer.views.kpi_builder_view`, the render path the site's explorer
shares.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from lessons import kpis
from lessons.explorer.views import (
    UNITS,
    builder_defaults,
    builder_history,
    kpi_builder_view,
    unit_spec,
)
from lessons.i18n import t
from lessons.widgets.panel import GRID, Cache, LivePanel

__all__ = ["UNITS", "KPIBuilderPanel", "kpi_builder_panel", "unit_spec"]


_TEXT = {"style": {"description_width": "initial"}, "layout": w.Layout(width="100%")}


class KPIBuilderPanel(LivePanel):
    """The live KPI builder. ``panel.set(owner="Logistics lead", target=0.97)`` drives it.

    Controls: ``name``, ``formula``, ``unit``, ``direction``, ``target``, ``period``, ``owner``,
    ``objective`` (texts and choices), ``tolerance`` (the relative miss still "at risk") and
    ``sample`` (which illustrative history). Outputs: ``findings`` (SMART, letter by letter),
    ``figure`` (12 periods vs target, with status) and ``table`` (the same, as a table).
    """

    def __init__(self, *, dpi: int = 90):
        self._prepare(dpi)
        self.defaults = builder_defaults()
        d = self.defaults
        text = {
            key: w.Text(
                value=d[key],
                description=t(f"kpi_builder.control.{key}"),
                placeholder=t(f"kpi_builder.placeholder.{key}"),
                **_TEXT,
            )
            for key in ("name", "formula", "period", "owner", "objective")
        }
        self.controls = {"name": text["name"], "formula": text["formula"]}
        self.controls["unit"] = w.Dropdown(
            options=[(t(f"kpi_builder.unit.{k}"), k) for k in UNITS],
            value=d["unit"],
            description=t("kpi_builder.control.unit"),
            **_TEXT,
        )
        self.controls["direction"] = w.ToggleButtons(
            options=[
                (t("kpi_builder.direction.higher"), "higher"),
                (t("kpi_builder.direction.lower"), "lower"),
            ],
            value=d["direction"],
            description=t("kpi_builder.control.direction"),
            style={"description_width": "initial", "button_width": "auto"},
        )
        spec = UNITS[d["unit"]]
        self.controls["target"] = w.BoundedFloatText(
            value=d["target"],
            min=spec["min"],
            max=spec["max"],
            step=spec["step"],
            description=t("kpi_builder.control.target", unit=t("kpi_builder.target_unit.%")),
            **_TEXT,
        )
        for key in ("period", "owner", "objective"):
            self.controls[key] = text[key]
        self.controls["tolerance"] = w.FloatSlider(
            value=d["tolerance"],
            min=0.0,
            max=0.20,
            step=0.01,
            readout_format=".0%",
            description=t("kpi_builder.control.tolerance"),
            continuous_update=False,
            **_TEXT,
        )
        self.controls["sample"] = w.IntSlider(
            value=d["sample"],
            min=0,
            max=9,
            step=1,
            description=t("kpi_builder.control.sample"),
            continuous_update=False,
            **_TEXT,
        )
        self.controls["unit"].observe(self._on_unit, names="value")
        self.controls["direction"].observe(self._on_unit, names="value")
        self.findings = w.HTML()
        self.table = w.HTML()
        self._histories = Cache()
        self._figures = Cache()
        self._last_figure = ""
        super().__init__(
            [
                w.HTML(f"<p>{html.escape(t('kpi_builder.heading'))}</p>"),
                w.Box(list(self.controls.values()), layout=GRID),
                w.HTML(f"<p><small>{html.escape(t('kpi_builder.heading.more'))}</small></p>"),
                self.reset_button,
                self.message,
                self.findings,
                self.figure,
                self.table,
            ]
        )

    def _apply_unit(self, unit: str, direction: str) -> None:
        """Give the target control the range, step and default target of ``unit``."""
        spec = unit_spec(unit, direction)
        target = self.controls["target"]
        target.min, target.max = -1e18, 1e18  # widen first so value and bounds never clash
        target.value = spec["target"]
        target.min, target.max, target.step = spec["min"], spec["max"], spec["step"]
        target.description = t(
            "kpi_builder.control.target", unit=t(f"kpi_builder.target_unit.{unit}")
        )

    def _on_unit(self, _change: dict) -> None:
        """A new unit or direction brings its own target range and default target (one
        render)."""
        if not self.muted:
            with self._batch():
                self._apply_unit(self.controls["unit"].value, self.controls["direction"].value)

    def set(self, **values: Any) -> None:
        """Set several controls at once (one render); a new unit or direction is applied
        first, so a target given with it is kept."""
        unit, direction = values.pop("unit", None), values.pop("direction", None)
        if unit is None and direction is None:
            super().set(**values)
            return
        with self._batch():
            if unit is not None:
                self.controls["unit"].value = unit
            if direction is not None:
                self.controls["direction"].value = direction
            self._apply_unit(self.controls["unit"].value, self.controls["direction"].value)
            if values:
                super().set(**values)

    def _on_change(self, change: dict) -> None:
        if change.get("owner") in (self.controls["unit"], self.controls["direction"]):
            return  # handled by _on_unit, which renders once
        super()._on_change(change)

    def kpi(self) -> kpis.KPI:
        """The KPI as currently typed."""
        v = self.values()
        return kpis.KPI(
            name=v["name"],
            formula=v["formula"],
            unit=v["unit"],
            direction=v["direction"],
            target=float(v["target"]),
            period=v["period"],
            owner=v["owner"],
            objective=v["objective"],
        )

    def history(self):
        """The illustrative history for the current unit, direction and sample (cached)."""
        v = self.values()
        key = (v["unit"], v["direction"], int(v["sample"]))
        return self._histories.get(key, lambda: builder_history(*key))

    def render(self) -> list[str]:
        v = self.values()
        kpi = self.kpi()
        tolerance = float(v["tolerance"])
        view = kpi_builder_view(kpi, self.history(), tolerance)
        self.findings.value = view.findings_html
        if view.problems:
            return view.problems
        key = (
            kpi.name.strip(),
            kpi.unit,
            kpi.direction.value,
            kpi.target,
            tolerance,
            int(v["sample"]),
        )
        picture = view.picture
        self.figure.value = self._figures.get(key, lambda: self.draw(picture))
        self.table.value = view.table
        return []


def kpi_builder_panel(**options: Any) -> KPIBuilderPanel:
    """The live KPI builder, starting from an on-time delivery rate with no owner yet.

    >>> panel = kpi_builder_panel()
    >>> "✗</strong> A (assignable)" in panel.findings.value
    True
    >>> panel.set(owner="Logistics lead")
    >>> "5 of 5" in panel.findings.value
    True
    >>> panel.set(name="   ")
    >>> "Give the KPI a name" in panel.message.value
    True
    """
    return KPIBuilderPanel(**options)
