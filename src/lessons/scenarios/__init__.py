"""One simulation per example of the source text, each in its own module.

See :mod:`lessons.scenarios._base` for the contract every scenario module follows.
"""

from lessons.scenarios._base import KPI_TABLE_COLUMNS, ParamSpec, ScenarioParams, param_specs

__all__ = ["KPI_TABLE_COLUMNS", "ParamSpec", "ScenarioParams", "param_specs"]
