"""The status of a KPI value against its target: on track, at risk or off track.

A status is a code (the same in every language); :func:`lessons.format.status_label` gives the
words a learner reads, with a symbol so that a status is never colour alone.

Most KPIs are better higher (revenue) or lower (time per unit). Some are healthy inside a
**band**: a consultant's billable utilisation should be neither idle nor overloaded. Their
target is a :class:`Band` ``(low, high)`` and their direction :data:`BAND`.

>>> status(0.93, target=0.95)
'at risk'
>>> status_series([0.97, 0.93, 0.80], target=0.95).tolist()
['on track', 'at risk', 'off track']
>>> status(0.95, target=Band(0.70, 0.80), direction="band")
'off track'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple, TypeAlias

import numpy as np
import pandas as pd

from lessons import checks
from lessons.i18n import t

__all__ = [
    "BAND",
    "RELATIVE_SLACK",
    "STATUSES",
    "Band",
    "Direction",
    "Values",
    "as_band",
    "as_direction",
    "at_risk_limit",
    "check_history",
    "status",
    "status_band",
    "status_series",
]

#: The three statuses a KPI can have against its target, best first. These are codes (the
#: same in every language); :func:`lessons.format.status_label` gives the text a learner reads.
STATUSES = ("on track", "at risk", "off track")

#: Floating-point slack of every comparison with a target, relative to the target (at least
#: to 1): a value exactly on a boundary (0.95 x target, or the target itself) computed with
#: rounding errors of 1e-16 is read as on the boundary, never pushed to the worse side.
RELATIVE_SLACK = 1e-9

#: One value or one value per period: a number, a list, a NumPy array or a pandas Series.
Values: TypeAlias = float | Sequence[float] | np.ndarray | pd.Series


class Direction(StrEnum):
    """Which way is better for a KPI: ``"higher"`` (revenue, CSAT) or ``"lower"`` (time per unit).

    A ``Direction`` is a string, so ``Direction.HIGHER == "higher"``; functions accept either.

    >>> Direction("lower")
    <Direction.LOWER: 'lower'>
    """

    HIGHER = "higher"
    LOWER = "lower"


#: The direction of a KPI that is healthy inside a band (its target is a :class:`Band`).
BAND = "band"


class Band(NamedTuple):
    """The healthy range of a KPI, from ``low`` to ``high`` (both included), in its unit.

    >>> Band(0.70, 0.80).high
    0.8
    """

    low: float
    high: float


def as_band(target: object) -> Band:
    """``target`` as a :class:`Band`: two finite numbers, the lower one first.

    >>> as_band((0.7, 0.8))
    Band(low=0.7, high=0.8)
    >>> as_band((0.8, 0.7))
    Traceback (most recent call last):
        ...
    ValueError: The band's lower edge must not be above its upper edge (got 0.8 and 0.7): give
    the band as (low, high), e.g. (0.70, 0.80).
    """
    if isinstance(target, str) or not isinstance(target, Sequence | np.ndarray) or len(target) != 2:
        raise TypeError(t("kpis.error.band_pair", value=target))
    low = checks.finite_number("low", target[0])
    high = checks.finite_number("high", target[1])
    if low > high:
        raise ValueError(t("kpis.error.band_order", low=low, high=high))
    return Band(low, high)


def as_direction(direction: object) -> Direction:
    """``direction`` as a :class:`Direction`, or the message a learner reads.

    >>> as_direction("higher")
    <Direction.HIGHER: 'higher'>
    >>> as_direction("up")
    Traceback (most recent call last):
        ...
    ValueError: direction must be "higher" or "lower" (got 'up'): say whether a higher or a lower
    value is better for this KPI.
    """
    if isinstance(direction, str) and direction in set(Direction):
        return Direction(direction)
    raise ValueError(t("kpis.error.direction", value=direction))


def _tolerance(tolerance: object) -> float:
    tolerance = checks.finite_number("tolerance", tolerance)
    if not 0 <= tolerance <= 1:
        raise ValueError(
            t("errors.out_of_range", name="tolerance", low=0, high=1, unit="", value=tolerance)
        )
    return tolerance


def _status_arrays(
    values: np.ndarray, target: np.ndarray, direction: Direction, tolerance: float
) -> np.ndarray:
    gap = target - values if direction is Direction.HIGHER else values - target
    slack = RELATIVE_SLACK * np.maximum(1.0, np.abs(target))
    allowed = tolerance * np.abs(target) + slack
    return np.where(gap <= slack, STATUSES[0], np.where(gap <= allowed, STATUSES[1], STATUSES[2]))


def _band_arrays(values: np.ndarray, low: float, high: float, tolerance: float) -> np.ndarray:
    # How far each value lies outside the band, towards the nearer edge (0 inside it); the
    # "at risk" allowance is relative to that edge, as :func:`status` is to its target.
    below, above = low - values, values - high
    edge = np.where(below > 0, abs(low), abs(high))
    gap = np.maximum(np.maximum(below, above), 0.0)
    slack = RELATIVE_SLACK * np.maximum(1.0, edge)
    allowed = tolerance * edge + slack
    return np.where(gap <= slack, STATUSES[0], np.where(gap <= allowed, STATUSES[1], STATUSES[2]))


def status_band(value: float, low: float, high: float, tolerance: float = 0.05) -> str:
    """Whether a KPI that is healthy inside a band is ``"on track"``, ``"at risk"`` or
    ``"off track"``.

    The rule, with ``edge`` the edge of the band the value is nearer to:

    * **on track** inside the band, edges included (``low <= value <= high``);
    * **at risk** outside it by at most ``tolerance`` relative to that edge: with the default
      5 %, a band of 70-80 % is at risk from 66.5 % and up to 84 %;
    * **off track** further out.

    Args:
        value: the measured KPI value.
        low, high: the edges of the healthy band, in the unit of ``value``.
        tolerance: the relative miss still called "at risk", a fraction from 0 to 1.

    Returns:
        One of :data:`STATUSES`.

    >>> status_band(0.75, 0.70, 0.80), status_band(0.83, 0.70, 0.80), status_band(0.5, 0.7, 0.8)
    ('on track', 'at risk', 'off track')
    >>> status_band(0.75, 0.80, 0.70)
    Traceback (most recent call last):
        ...
    ValueError: The band's lower edge must not be above its upper edge (got 0.8 and 0.7): give
    the band as (low, high), e.g. (0.70, 0.80).
    """
    value = checks.finite_number("value", value)
    band = as_band((low, high))
    result = _band_arrays(np.array([value]), band.low, band.high, _tolerance(tolerance))
    return str(result[0])


def at_risk_limit(
    target: float, direction: Direction | str = "higher", tolerance: float = 0.05
) -> float:
    """Where "at risk" ends and "off track" begins, by :func:`status`'s rule: the target
    missed by ``tolerance`` of itself (below it when higher is better, above it when lower is).

    >>> round(at_risk_limit(0.95), 6), at_risk_limit(15, "lower", tolerance=0.1)
    (0.9025, 16.5)
    """
    target = checks.finite_number("target", target)
    allowed = _tolerance(tolerance) * abs(target)
    return target - allowed if as_direction(direction) is Direction.HIGHER else target + allowed


def status(
    value: float,
    target: float | Band,
    direction: Direction | str = "higher",
    tolerance: float = 0.05,
) -> str:
    """Whether a KPI value is ``"on track"``, ``"at risk"`` or ``"off track"`` against its target.

    The rule, with ``gap`` = how far the value falls short of the target (``target - value``
    when higher is better, ``value - target`` when lower is better):

    * **on track** if the target is met (``gap <= 0``);
    * **at risk** if it is missed by at most ``tolerance`` relative to the target
      (``gap <= tolerance * |target|``): with the default 5 %, a target of 0.95 is at risk
      down to 0.9025;
    * **off track** otherwise. A target of 0 has no relative tolerance: any miss is off track.

    Each comparison allows :data:`RELATIVE_SLACK` for floating-point rounding. With
    ``direction="band"`` the target is a :class:`Band` ``(low, high)`` and the rule is that of
    :func:`status_band`.

    Args:
        value: the measured KPI value.
        target: the target value, in the same unit (a ``(low, high)`` band for ``"band"``).
        direction: ``"higher"`` (default) or ``"lower"`` is better, or ``"band"``.
        tolerance: the relative miss still called "at risk", a fraction from 0 to 1.

    Returns:
        One of :data:`STATUSES` (a code; show it with :func:`lessons.format.status_label`).

    >>> status(0.96, target=0.95)
    'on track'
    >>> status(0.91, target=0.95)
    'at risk'
    >>> status(6.0, target=5.0, direction="lower")
    'off track'
    >>> status(0.9, target=0.95, direction="up")
    Traceback (most recent call last):
        ...
    ValueError: direction must be "higher" or "lower" (got 'up'): say whether a higher or a lower
    value is better for this KPI.
    """
    if direction == BAND:
        band = as_band(target)
        return status_band(value, band.low, band.high, tolerance)
    value = checks.finite_number("value", value)
    target = checks.finite_number("target", target)
    result = _status_arrays(
        np.array([value]), np.array([target]), as_direction(direction), _tolerance(tolerance)
    )
    return str(result[0])


def status_series(
    values: Values,
    target: Values,
    direction: Direction | str = "higher",
    tolerance: float = 0.05,
) -> pd.Series:
    """:func:`status` of each value of a series (e.g. each month), as a Series of codes.

    Args:
        values: pandas Series (or list/array) of KPI values.
        target: one target for every period, or a series of targets of the same length; with
            ``direction="band"``, one :class:`Band` ``(low, high)`` for every period.
        direction: ``"higher"`` or ``"lower"`` is better, or ``"band"``.
        tolerance: the relative miss still called "at risk", from 0 to 1.

    Returns:
        A Series of status codes with the index of ``values``, named ``"status"``.

    >>> status_series(pd.Series([0.97, 0.93, 0.80]), target=0.95).tolist()
    ['on track', 'at risk', 'off track']
    >>> status_series([], target=0.95)
    Traceback (most recent call last):
        ...
    ValueError: values is empty: give at least one value.
    """
    if not checks.is_array_like(values):
        raise TypeError(t("kpis.error.need_collection", name="values", value=values))
    if direction == BAND:
        band = as_band(target)
        v = checks.Values(values=values)
        codes = _band_arrays(v["values"], band.low, band.high, _tolerance(tolerance))
    else:
        v = checks.Values(values=values, target=target)
        codes = _status_arrays(
            v["values"], v["target"], as_direction(direction), _tolerance(tolerance)
        )
    index = v.index if v.index is not None else pd.RangeIndex(len(codes))
    return pd.Series(codes, index=index, name="status", dtype=object)


def check_history(values: object, statuses: object = None) -> tuple[pd.Series, pd.Series | None]:
    """A KPI history and its statuses as a chart or a table shows them, checked.

    Args:
        values: KPI values, a pandas Series indexed by period (e.g. 1..12, or months).
        statuses: ``None``, or one status code per value (e.g. from :func:`status_series`).

    Returns:
        ``values``, and the statuses as a Series on the same index (or ``None``).

    >>> values, statuses = check_history(pd.Series([0.9, 0.97]), ["at risk", "on track"])
    >>> statuses.tolist()
    ['at risk', 'on track']
    >>> check_history(pd.Series([0.9]), ["fine"])
    Traceback (most recent call last):
        ...
    ValueError: 'fine' is not a status: use one of on track, at risk, off track ...
    """
    if not isinstance(values, pd.Series):
        raise TypeError(t("kpis.error.history.not_series", value=type(values).__name__))
    if values.empty:
        raise ValueError(t("errors.empty", name="values"))
    if statuses is None:
        return values, None
    if not isinstance(statuses, Iterable) or isinstance(statuses, str):
        raise TypeError(t("kpis.error.need_collection", name="statuses", value=statuses))
    codes = list(statuses)
    if len(codes) != len(values):
        raise ValueError(t("kpis.error.history.length", n_values=len(values), n=len(codes)))
    unknown = sorted({str(c) for c in codes} - set(STATUSES))
    if unknown:
        raise ValueError(
            t("kpis.error.history.status", value=unknown[0], statuses=", ".join(STATUSES))
        )
    return values, pd.Series(codes, index=values.index, dtype=object)
