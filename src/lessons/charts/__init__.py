"""Matplotlib figures for the course: data in, Figure out, one visual style.

:mod:`lessons.charts.style` holds the shared style (colour-blind-safe palette, target lines,
value formatting, the KPI table and the figure-with-alt-text display). Each topic or scenario has
its own module (``lessons.charts.restaurant`` ...) exposing ``plot(...) -> Figure`` and
``alt_text(...) -> str``.
"""

import importlib
from types import ModuleType

__all__ = ["load"]


def load(name: str) -> ModuleType:
    """The chart module of a scenario or topic, e.g. ``load("restaurant")``."""
    try:
        return importlib.import_module(f"lessons.charts.{name}")
    except ModuleNotFoundError as error:
        raise ValueError(f"There is no chart module named {name!r}.") from error
