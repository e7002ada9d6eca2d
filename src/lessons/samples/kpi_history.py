"""A seeded sample history of one KPI, so a KPI being drafted can be shown against its target.

The KPI builder lets a learner define a KPI (name, formula, target, period, owner). There is no
real data behind a KPI typed in a workshop, so the panel shows a plausible history instead:
values that start on the worse side of a typical level and improve towards it, with noise. The
history is *illustrative*: it is there to show what "value vs target over time, with a status"
looks like, not to forecast anything.

This module computes only (no widget, no plotting). It used to be ``lessons.kpi_history``,
which still re-exports it.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from lessons.checks import finite_number
from lessons.i18n import t
from lessons.kpis.targets import Direction, as_direction

__all__ = ["sample_kpi_history"]

#: How far (relative to the level) the first period starts on the worse side of it.
START_GAP = 0.12
#: Where the trend ends, relative to the level, on the better side of it.
END_GAP = 0.02
#: Standard deviation of the period-to-period noise, relative to the level.
NOISE = 0.035


def sample_kpi_history(
    level: float,
    direction: Direction | str = "higher",
    periods: int = 12,
    seed: int = 0,
    *,
    unit: str = "",
) -> pd.Series:
    """A seeded, illustrative history of a KPI that improves towards ``level``.

    The trend starts 12 % of ``level`` on the worse side (below it when higher is better,
    above it when lower is better) and ends 2 % on the better side; each period adds noise with
    a standard deviation of 3.5 % of ``level``. Values never go below 0, and never above 1
    when ``unit`` is ``"%"`` (rates are fractions).

    The history does not depend on any target: a target is chosen, the data is what it is.
    Compare the same history with different targets to see the statuses change.

    Args:
        level: the level the KPI reaches by the end, in its unit (a fraction for ``"%"``).
        direction: ``"higher"`` or ``"lower"`` is better.
        periods: number of periods, 2 to 60 (12 = one year of months).
        seed: seed of the random draw; the same seed gives the same history.
        unit: the KPI's unit; ``"%"`` keeps values between 0 and 1.

    Returns:
        A Series named ``"value"``, indexed by period number 1..``periods`` (index name
        ``"period"``).

    >>> history = sample_kpi_history(0.95, "higher", unit="%")
    >>> len(history), history.index[0], history.index[-1]
    (12, 1, 12)
    >>> bool(history.iloc[0] < 0.95) and bool((history <= 1).all())
    True
    >>> sample_kpi_history(0.95, "up")
    Traceback (most recent call last):
        ...
    ValueError: direction must be "higher" or "lower" (got 'up'): say whether a higher or a lower
    value is better for this KPI.
    """
    level = finite_number("level", level)
    direction = as_direction(direction)
    if isinstance(periods, bool) or not isinstance(periods, numbers.Integral):
        raise TypeError(t("errors.not_integer", name="periods", value=periods))
    if not 2 <= periods <= 60:
        raise ValueError(
            t("errors.out_of_range", name="periods", low=2, high=60, unit="", value=periods)
        )
    scale = abs(level) if level != 0 else 1.0
    sign = 1.0 if direction is Direction.HIGHER else -1.0
    trend = level + sign * scale * np.linspace(-START_GAP, END_GAP, periods)
    noise = np.random.default_rng(seed).normal(0.0, NOISE * scale, periods)
    values = trend + noise
    if level >= 0:
        values = np.maximum(values, 0.0)
    if unit == "%":
        values = np.clip(values, 0.0, 1.0)
    index = pd.Index(range(1, periods + 1), name="period")
    return pd.Series(values, index=index, name="value")
