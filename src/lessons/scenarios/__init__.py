"""One simulation per example of the source text, each in its own module.

See :mod:`lessons.scenarios._base` for the contract every scenario module follows, and
:func:`run`, the one path from settings to KPIs that panels, pages and charts use.

>>> SCENARIOS[:2]
('software_bank', 'manufacturer')
>>> run("restaurant").kpi_table.columns.tolist() == KPI_TABLE_COLUMNS
True
"""

from lessons.scenarios._base import (
    KPI_TABLE_COLUMNS,
    SCENARIOS,
    KpiSpec,
    ParamSpec,
    Periods,
    ScenarioParams,
    ScenarioRun,
    check_run,
    compare_runs,
    kpi_texts,
    load,
    param_specs,
    run,
    setting_texts,
    shown_setting,
)

__all__ = [
    "KPI_TABLE_COLUMNS",
    "SCENARIOS",
    "KpiSpec",
    "ParamSpec",
    "Periods",
    "ScenarioParams",
    "ScenarioRun",
    "check_run",
    "compare_runs",
    "kpi_texts",
    "load",
    "param_specs",
    "run",
    "setting_texts",
    "shown_setting",
]
