"""Compatibility: the KPI builder's sample history now lives in :mod:`lessons.samples`.

>>> from lessons.kpi_history import sample_kpi_history
>>> len(sample_kpi_history(0.95, unit="%"))
12
"""

from lessons.samples.kpi_history import sample_kpi_history

__all__ = ["sample_kpi_history"]
