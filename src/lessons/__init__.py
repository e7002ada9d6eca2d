"""Key Account vs KPI: the package behind the course.

Everything the course shows is computed here: KPI formulas (:mod:`lessons.kpis`), key-account
identification and concentration (:mod:`lessons.accounts`), one simulation per scenario
(:mod:`lessons.scenarios`), charts (:mod:`lessons.charts`), live panels
(:mod:`lessons.widgets`) and the question bank (:mod:`lessons.quiz`). Data flows one way:
parameters -> simulation -> KPIs -> chart -> widget.

The top level exposes a small surface; import the rest from its module.
"""

from lessons.i18n import set_language, t

__version__ = "0.1.0"

__all__ = ["__version__", "set_language", "t"]
