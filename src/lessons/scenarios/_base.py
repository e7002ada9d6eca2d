"""What every scenario module shares: parameters with units and ranges, validated on creation.

A scenario module (``lessons/scenarios/<name>.py``) defines

* ``Params``: a frozen dataclass deriving from :class:`ScenarioParams`, every field declared
  with :func:`param` (default, range, step, unit, label key in the i18n catalog);
* ``simulate(params=Params(), periods=..., seed=0) -> pandas.DataFrame``: the raw data of the
  scenario, seeded, no I/O;
* ``kpi_table(data, params) -> pandas.DataFrame``: the scenario's KPIs computed from that data
  with :mod:`lessons.kpis`, in the columns of :data:`KPI_TABLE_COLUMNS`.

The widgets build their controls from :func:`param_specs`, so a new field appears in the panel
with its unit and range without any widget code.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons.i18n import t
from lessons.kpis import status

__all__ = [
    "KPI_TABLE_COLUMNS",
    "ParamSpec",
    "ScenarioParams",
    "check_data",
    "check_periods",
    "kpi_row",
    "param",
    "param_specs",
    "shown_setting",
]

#: Columns of every ``kpi_table``: ``scope`` says whether the KPI measures the whole business
#: (``"business"``) or one key account (``"key_account"``) -- the distinction the course teaches.
KPI_TABLE_COLUMNS = ["kpi", "scope", "value", "target", "unit", "direction", "status"]


@dataclass(frozen=True)
class ParamSpec:
    """How one parameter is shown and checked: label key, unit, range, step, default."""

    name: str
    label_key: str
    unit: str
    low: float
    high: float
    step: float
    default: Any
    kind: type

    @property
    def label(self) -> str:
        """The learner-facing label, in the current language."""
        return t(self.label_key)


def param(default: Any, *, low: float, high: float, step: float, unit: str, label: str) -> Any:
    """Declare a scenario parameter: its default, accepted range ``[low, high]`` and unit.

    ``label`` is a key of the i18n catalog; ``unit`` is shown next to the value ("€", "%",
    "min", "people"). Percentages are stored as fractions (0.25) and shown with unit ``"%"``.
    """
    if not low <= default <= high:
        raise ValueError(f"default {default} outside [{low}, {high}] for {label}")
    return field(
        default=default,
        metadata={"low": low, "high": high, "step": step, "unit": unit, "label": label},
    )


def param_specs(params_class: type) -> list[ParamSpec]:
    """The :class:`ParamSpec` of every field of a scenario's ``Params`` class, in order."""
    specs = []
    for f in fields(params_class):
        if "label" not in f.metadata:
            continue
        default = f.default if f.default is not MISSING else None
        specs.append(
            ParamSpec(
                name=f.name,
                label_key=f.metadata["label"],
                unit=f.metadata["unit"],
                low=f.metadata["low"],
                high=f.metadata["high"],
                step=f.metadata["step"],
                default=default,
                kind=type(default),
            )
        )
    return specs


def shown_setting(x: float, unit: str) -> str:
    """A setting as the learner sees it next to its control: ``15 %``, ``4 h``, ``20``."""
    if unit == "%":
        return fmt.percent(x, None)
    if unit == "€":  # a setting is a round amount: €5, not €5.00
        return fmt.money(x, 0 if float(x).is_integer() else 2)
    return fmt.value(x, unit)


@dataclass(frozen=True)
class ScenarioParams:
    """Base of every scenario's parameters: checks type and range of each field on creation."""

    def __post_init__(self) -> None:
        for spec in param_specs(type(self)):
            value = getattr(self, spec.name)
            name = f"{spec.label} ({spec.name})"
            if spec.kind is bool:
                if not isinstance(value, bool):
                    raise TypeError(t("errors.not_boolean", name=name, value=value))
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(
                    t("errors.not_a_number", name=name, value=value, type=type(value).__name__)
                )
            if not math.isfinite(value):
                raise ValueError(t("errors.not_finite", name=name, value=value))
            if spec.kind is int and value != int(value):
                raise ValueError(t("errors.not_integer", name=name, value=value))
            if not spec.low <= value <= spec.high:
                raise ValueError(
                    t(
                        "errors.out_of_range",
                        name=name,
                        low=shown_setting(spec.low, spec.unit),
                        high=shown_setting(spec.high, spec.unit),
                        unit="",
                        value=shown_setting(value, spec.unit),
                    )
                )
        self.check()

    def check(self) -> None:
        """Checks that involve several fields (override; raise ``ValueError`` in words)."""


def check_periods(periods: object, low: int, high: int, unit: str) -> int:
    """The number of periods to simulate: a whole number from ``low`` to ``high``.

    >>> check_periods(12, 2, 60, "months")
    12
    >>> check_periods(100, 2, 60, "months")
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 2 and 60 months (got 100).
    """
    if isinstance(periods, bool) or not isinstance(periods, int | np.integer):
        raise TypeError(
            t("errors.not_a_number", name="periods", value=periods, type=type(periods).__name__)
        )
    if not low <= periods <= high:
        raise ValueError(
            t(
                "errors.out_of_range",
                name="periods",
                low=low,
                high=high,
                unit=f" {unit}",
                value=periods,
            )
        )
    return int(periods)


def check_data(data: object, params: object, params_class: type, columns, scenario: str) -> None:
    """``data`` must be the table ``simulate`` returned and ``params`` the scenario's Params.

    ``columns`` are the columns ``simulate`` always writes; ``scenario`` names the module in
    the message (e.g. ``"restaurant"``).
    """
    if not isinstance(params, params_class):
        raise TypeError(t("scenarios.error.params", scenario=scenario, value=type(params).__name__))
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            t("scenarios.error.data_type", scenario=scenario, value=type(data).__name__)
        )
    missing = [column for column in columns if column not in data.columns]
    if missing or data.empty:
        raise ValueError(
            t(
                "scenarios.error.data",
                scenario=scenario,
                missing=", ".join(missing) or "–",
                rows=len(data),
            )
        )


def kpi_row(
    kpi: str, scope: str, value: float, target: float, unit: str, direction: str = "higher"
) -> dict:
    """One row of a ``kpi_table``, its status computed with :func:`lessons.kpis.status`.

    A value that could not be measured (NaN, e.g. no order from the key account yet) is
    "off track": an unmeasured KPI is not on track.

    >>> kpi_row("CSAT", "key_account", 0.93, 0.95, "%")["status"]
    'at risk'
    >>> kpi_row("Minutes per unit", "business", float("nan"), 4.5, "min", "lower")["status"]
    'off track'
    """
    value = float(value)
    return {
        "kpi": kpi,
        "scope": scope,
        "value": value,
        "target": target,
        "unit": unit,
        "direction": direction,
        "status": "off track" if math.isnan(value) else status(value, target, direction),
    }
