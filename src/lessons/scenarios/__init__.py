"""One simulation per example of the source text, each in its own module.

See :mod:`lessons.scenarios._base` for the contract every scenario module follows.

>>> SCENARIOS[:2]
('software_bank', 'manufacturer')
>>> load("bakery")
Traceback (most recent call last):
    ...
ValueError: There is no scenario named 'bakery'. Scenarios: software_bank, manufacturer, ...
"""

import importlib
from types import ModuleType

from lessons.i18n import t
from lessons.scenarios._base import KPI_TABLE_COLUMNS, ParamSpec, ScenarioParams, param_specs

__all__ = ["KPI_TABLE_COLUMNS", "SCENARIOS", "ParamSpec", "ScenarioParams", "load", "param_specs"]

#: The scenarios of the source text, in the order the course teaches them.
SCENARIOS = ("software_bank", "manufacturer", "startup", "consulting", "agency", "restaurant")


def load(name: str) -> ModuleType:
    """The module of one scenario (``Params``, ``simulate``, ``kpi_table``)."""
    if name not in SCENARIOS:
        raise ValueError(t("scenarios.error.unknown", name=name, names=", ".join(SCENARIOS)))
    return importlib.import_module(f"lessons.scenarios.{name}")
