"""Time every live panel: 30 control changes each, from the change to the updated output.

A change is timed from setting a control's value to the moment the panel's figure (and table)
hold the new render: the simulation, the KPIs, the chart and the PNG encoding all count. The
reference is a bare matplotlib figure of the same size and resolution, drawn and encoded to PNG
in the same run, so the ratio says what the course adds on top of the plotting floor.

Targets (issue 3): p95 <= 100 ms per change; median <= 1.5x the bare figure.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from lessons.charts.style import new_figure, to_png
from lessons.scenarios import SCENARIOS
from lessons.widgets import scenario_panel

CHANGES = 30
P95_TARGET_MS = 100.0
RATIO_TARGET = 1.5


def _factories() -> dict[str, Callable]:
    """Every panel of the course, by name (panels whose module is missing are reported)."""
    factories: dict[str, Callable] = {
        name: (lambda n=name: scenario_panel(n)) for name in SCENARIOS
    }
    optional = {
        "portfolio": ("lessons.widgets.portfolio", "portfolio_panel"),
        "kpi_builder": ("lessons.widgets.kpi_builder", "kpi_builder_panel"),
        "scorecard": ("lessons.widgets.scorecard", "scorecard_panel"),
    }
    for name, (module, function) in optional.items():
        try:
            factories[name] = getattr(__import__(module, fromlist=[function]), function)
        except (ImportError, AttributeError) as error:
            print(f"{name}: not benchmarked ({error})")
    return factories


def _numeric_controls(panel) -> list:
    return [c for c in panel.controls.values() if hasattr(c, "min") and hasattr(c, "max")]


def time_changes(panel, changes: int = CHANGES, seed: int = 0) -> list[float]:
    """Seconds per change, cycling through the numeric controls with seeded target values."""
    rng = np.random.default_rng(seed)
    controls = _numeric_controls(panel)
    if not controls:
        raise ValueError("panel has no numeric control to drive")
    seconds = []
    for i in range(changes):
        control = controls[i % len(controls)]
        steps = round((control.max - control.min) / control.step)
        value = control.min + control.step * int(rng.integers(0, steps + 1))
        if value == control.value:
            value = control.min if control.value != control.min else control.max
        before = panel.figure.value
        start = time.perf_counter()
        control.value = type(control.value)(value)
        seconds.append(time.perf_counter() - start)
        if panel.figure.value == before and not panel.message.value:
            raise RuntimeError(f"{type(panel).__name__}: change {i} did not update the figure")
    return seconds


def time_bare_figure(width: float, height: float, dpi: int, repeats: int = CHANGES) -> list[float]:
    """Seconds to draw a bare one-line matplotlib figure of the same size and encode it as PNG."""
    x = np.arange(24)
    seconds = []
    for i in range(repeats):
        start = time.perf_counter()
        fig, ax = new_figure(width=width, height=height)
        ax.plot(x, np.sin(x + i))
        to_png(fig, dpi=dpi)
        seconds.append(time.perf_counter() - start)
    return seconds


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def main() -> int:
    bare = time_bare_figure(9.0, 4.5, dpi=90)
    bare_median = statistics.median(bare)
    print(f"bare 9x4.5 in figure at 90 dpi: median {bare_median * 1e3:.1f} ms, "
          f"p95 {p95(bare) * 1e3:.1f} ms")  # fmt: skip
    print(f"{'panel':<14}{'median ms':>10}{'p95 ms':>9}{'x bare':>8}  verdict")
    failed = 0
    for name, factory in _factories().items():
        panel = factory()
        seconds = time_changes(panel)
        median, high = statistics.median(seconds), p95(seconds)
        ratio = median / bare_median
        ok = high * 1e3 <= P95_TARGET_MS and ratio <= RATIO_TARGET
        failed += not ok
        verdict = "ok" if ok else "MISSES TARGET"
        print(f"{name:<14}{median * 1e3:>10.1f}{high * 1e3:>9.1f}{ratio:>8.2f}  {verdict}")
    print(f"targets: p95 <= {P95_TARGET_MS:.0f} ms, median <= {RATIO_TARGET}x bare figure")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
