"""Key Account vs KPI: the package behind the course.

Everything the course shows is computed here: KPI formulas (:mod:`lessons.kpis`), key-account
identification and concentration (:mod:`lessons.accounts`), the key-account scorecard
(:mod:`lessons.scorecard`), one simulation per scenario (:mod:`lessons.scenarios`), charts
(:mod:`lessons.charts`), live panels (:mod:`lessons.widgets`), the question bank
(:mod:`lessons.quiz`) and your own customer file (:mod:`lessons.yourdata`). Data flows one way:
parameters -> simulation -> KPIs -> chart -> widget.

The top level stays small: the version, the language switch, and the modules above, each
imported on first use (so ``lessons.kpis.nps([9, 10, 3])`` works after ``import lessons``
without loading matplotlib or ipywidgets for a command-line run).

>>> import lessons
>>> lessons.kpis.break_even_roas(0.25)
4.0
>>> lessons.charting
Traceback (most recent call last):
    ...
AttributeError: module 'lessons' has no attribute 'charting'
"""

import importlib

from lessons.i18n import set_language, t

__version__ = "0.1.0"

_MODULES = ("accounts", "charts", "kpis", "quiz", "scenarios", "scorecard", "widgets", "yourdata")

__all__ = ["__version__", "set_language", "t", *_MODULES]


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f"lessons.{name}")
    raise AttributeError(f"module 'lessons' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
