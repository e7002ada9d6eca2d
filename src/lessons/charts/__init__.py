"""Matplotlib figures for the course: what to show in, Figure out, one visual style.

:mod:`lessons.charts.style` holds the shared style (colour-blind-safe palette, target lines,
value formatting, the figure-with-alt-text display). Each topic or scenario has its own module
(``lessons.charts.restaurant`` ...) exposing ``plot(...) -> Figure`` and ``alt_text(...) -> str``.
A scenario's chart takes the :class:`lessons.scenarios.ScenarioRun` that
:func:`lessons.scenarios.run` returns (its period KPIs, summary, targets and settings) and only
draws: no formula here. :mod:`lessons.charts.parts` holds what the scenario charts share.

>>> load("restaurant").__name__
'lessons.charts.restaurant'
>>> load("bakery")
Traceback (most recent call last):
    ...
ValueError: There is no chart named 'bakery': the scenario charts are software_bank,
manufacturer, startup, consulting, agency, restaurant.
"""

import importlib
from types import ModuleType

from lessons.i18n import t
from lessons.scenarios import SCENARIOS

__all__ = ["load"]


def load(name: str) -> ModuleType:
    """The chart module of a scenario or topic, e.g. ``load("restaurant")``."""
    try:
        return importlib.import_module(f"lessons.charts.{name}")
    except ModuleNotFoundError as error:
        raise ValueError(
            t("charts.error.unknown", name=name, names=", ".join(SCENARIOS))
        ) from error
