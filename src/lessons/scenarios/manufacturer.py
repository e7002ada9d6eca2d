"""A manufacturer's production KPIs: defect-free rate and average time per unit, day by day.

The source text's example (section 2): "a manufacturing company may have a KPI related to
production efficiency: the percentage of products made without defects, or the average time
needed to produce one unit". These KPIs measure a process; no customer is in sight. To show
the contrast, the plant also has a key account (a large customer, say a carmaker) that orders a
fixed number of units a day; its KPI is whether each day's order was delivered in full.

The model, one row per working day (day 1 is the first):

* The line starts ``units_per_day`` units. Each is defective with ``defect_probability``,
  which drifts by ``defect_drift`` every 20 working days (a month) -- a real trend.
* A share ``rework_share`` of the defective units is reworked into good units (taking one more
  cycle time each); the rest is scrapped. Reworked units are sellable but not *defect-free*:
  the defect-free rate counts units right the first time.
* Work time is ``(units + reworked) * cycle_time`` times a daily factor
  ``exp(N(0, 0.03))``: days are never exactly alike.
* With probability ``bad_day_probability`` a day is a *bad day* (a machine breaks down):
  a quarter of the output is lost to downtime, the defect probability rises by 10 points and
  the cycle time by 30 %. On the default line a bad day is an outlier: its defect-free rate
  falls below that of every normal day (``tests/test_scenario_manufacturer.py`` checks it
  over many seeds), while the 10-day average, which spreads each day over ten, barely moves.
  One bad day is an event, not a trend: compare the daily values with the 10-day average.
* The key account's order is served first from the sellable units of the day; the order is
  delivered in full when there are enough.

The bad-day effects are illustrative values chosen to make the mechanism visible.

>>> data = simulate(Params(defect_probability=0.0, bad_day_probability=0.0), periods=3)
>>> data[["units", "defective", "sellable"]].values.tolist()
[[400, 0, 400], [400, 0, 400], [400, 0, 400]]
>>> Params(target_minutes=3.0)
Traceback (most recent call last):
    ...
ValueError: The target of 3 min per unit is below the cycle time of 4 min: no day can meet it,
since every unit takes at least the cycle time. Set the target at or above the cycle time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons.i18n import t
from lessons.kpis import average_time_per_unit, defect_free_rate, on_time_rate
from lessons.scenarios import _base
from lessons.scenarios._base import KpiSpec, Periods, ScenarioParams, param

__all__ = [
    "BAD_DAY",
    "DATA_COLUMNS",
    "KPIS",
    "ON_TIME_TARGET",
    "PERIODS",
    "SHIFT_MINUTES",
    "WINDOW",
    "Params",
    "check_data",
    "kpi_table",
    "period_kpis",
    "simulate",
    "summary",
    "targets",
]

#: Minutes of work one person gives in a day (one 8-hour shift).
SHIFT_MINUTES = 480
#: What a bad day does: share of output lost, extra defect probability, slower cycle.
BAD_DAY = {"output_lost": 0.25, "extra_defects": 0.10, "slower": 1.30}
#: Spread of the daily time factor (log-normal), so no two days take exactly the same time.
TIME_SPREAD = 0.03
#: Days in the rolling average that separates a trend from one bad day.
WINDOW = 10
#: Target for the key account's orders delivered in full (illustrative).
ON_TIME_TARGET = 0.95

#: Working days simulated: 60 by default (three months), 1 to 500.
PERIODS = Periods(default=60, low=1, high=500, unit="days")

#: The columns of the table :func:`simulate` returns (its index is the working day, from 1).
DATA_COLUMNS = (
    "units",
    "defective",
    "reworked",
    "scrapped",
    "defect_free",
    "sellable",
    "work_minutes",
    "time_factor",
    "bad_day",
    "key_account_in_full",
)

#: The plant's KPIs over all days and over the last days, then its key account's.
KPIS = (
    KpiSpec("defect_free", "business", "%"),
    KpiSpec("defect_free_recent", "business", "%"),
    KpiSpec("minutes", "business", "min", "lower"),
    KpiSpec("minutes_recent", "business", "min", "lower"),
    KpiSpec("in_full", "key_account", "%"),
)


@dataclass(frozen=True)
class Params(ScenarioParams):
    """Settings of the production line.

    Typical values (illustrative unless a source is named):

    * ``defect_probability``: 3 %. For scale, the Six Sigma convention counts 66,807 defects
      per million opportunities (6.7 %) for a "3 sigma" process and 6,210 (0.6 %) for
      "4 sigma" (Motorola's table, with its 1.5 sigma shift).
    * ``cycle_time``: 4 minutes of work per unit, ``units_per_day`` 400, ``workers`` 5 on one
      8-hour shift (2,400 minutes available for 1,600 needed).
    * ``rework_share``: half of the defective units can be repaired.
    * ``bad_day_probability``: 5 %, about one bad day a month.
    * ``key_account_order``: 300 units a day, three quarters of the output.
    * Targets: 95 % defect-free, 4.5 minutes per unit.

    >>> Params(units_per_day=600, workers=4)
    Traceback (most recent call last):
        ...
    ValueError: Making 600 units a day at 4 min each takes 2,400 min of work, but 4 workers on an
    8-hour shift give only 1,920 min. Lower the output or the cycle time, or add workers.
    """

    units_per_day: int = param(400, low=50, high=2000, step=10, unit="units/day")
    workers: int = param(5, low=1, high=100, step=1, unit="people")
    cycle_time: float = param(4.0, low=0.5, high=30.0, step=0.5, unit="min")
    defect_probability: float = param(0.03, low=0.0, high=0.30, step=0.005, unit="%")
    defect_drift: float = param(0.0, low=-0.01, high=0.02, step=0.0025, unit="%")
    rework_share: float = param(0.5, low=0.0, high=1.0, step=0.05, unit="%")
    bad_day_probability: float = param(0.05, low=0.0, high=0.30, step=0.01, unit="%")
    key_account_order: int = param(300, low=0, high=2000, step=10, unit="units/day")
    target_defect_free: float = param(0.95, low=0.80, high=1.0, step=0.005, unit="%")
    target_minutes: float = param(4.5, low=0.5, high=60.0, step=0.1, unit="min")

    def check(self) -> None:
        """Refuse settings no real line could run, or a target no day could meet."""
        needed = self.units_per_day * self.cycle_time
        available = self.workers * SHIFT_MINUTES
        if needed > available:
            raise ValueError(
                t(
                    "scenarios.manufacturer.error.capacity",
                    units=fmt.integer(self.units_per_day),
                    cycle=fmt.number(self.cycle_time),
                    needed=fmt.integer(needed),
                    workers=fmt.integer(self.workers),
                    available=fmt.integer(available),
                )
            )
        if self.target_minutes < self.cycle_time:
            raise ValueError(
                t(
                    "scenarios.manufacturer.error.target_below_cycle",
                    target=fmt.number(self.target_minutes),
                    cycle=fmt.number(self.cycle_time),
                )
            )
        if self.key_account_order > self.units_per_day:
            raise ValueError(
                t(
                    "scenarios.manufacturer.error.order_above_output",
                    order=fmt.integer(self.key_account_order),
                    units=fmt.integer(self.units_per_day),
                )
            )


def simulate(
    params: Params | None = None, periods: int = PERIODS.default, seed: int = 0
) -> pd.DataFrame:
    """Day-by-day production: units, defects, rework, work time and the key account's order.

    Args:
        params: the line's settings (:class:`Params`); the defaults if omitted.
        periods: working days to simulate, 1 to 500.
        seed: seed of the random draws (bad days, defects, rework, time).

    Returns:
        One row per day (index ``day`` from 1) with the counts ``units`` (started),
        ``defective``, ``reworked``, ``scrapped``, ``defect_free`` (right first time),
        ``sellable`` (defect-free + reworked), ``work_minutes``, ``time_factor`` (the day's
        multiplier of the cycle time), ``bad_day`` and ``key_account_in_full`` (booleans).

    >>> simulate(Params(), periods=0)
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 1 and 500 days (got 0).
    """
    params, periods, rng = _base.simulation_inputs(
        params, periods, seed, Params, PERIODS, "manufacturer"
    )
    days = np.arange(1, periods + 1)
    bad = rng.random(periods) < params.bad_day_probability

    units = np.where(
        bad, np.rint(params.units_per_day * (1 - BAD_DAY["output_lost"])), params.units_per_day
    ).astype(np.int64)
    drift = params.defect_probability + params.defect_drift * (days - 1) / 20
    p_defect = np.clip(drift + np.where(bad, BAD_DAY["extra_defects"], 0.0), 0.0, 1.0)
    defective = rng.binomial(units, p_defect)
    reworked = rng.binomial(defective, params.rework_share)
    scrapped = defective - reworked
    sellable = units - scrapped

    time_factor = np.exp(rng.normal(0.0, TIME_SPREAD, periods)) * np.where(
        bad, BAD_DAY["slower"], 1.0
    )
    work_minutes = (units + reworked) * params.cycle_time * time_factor

    return pd.DataFrame(
        {
            "units": units,
            "defective": defective,
            "reworked": reworked,
            "scrapped": scrapped,
            "defect_free": units - defective,
            "sellable": sellable,
            "work_minutes": work_minutes,
            "time_factor": time_factor,
            "bad_day": bad,
            "key_account_in_full": sellable >= params.key_account_order,
        },
        index=pd.Index(days, name="day"),
    )


def check_data(data: object, params: object) -> None:
    """Refuse, in words, anything but a table from :func:`simulate` and its :class:`Params`.

    >>> check_data(simulate(), None)
    Traceback (most recent call last):
        ...
    TypeError: params must be the settings of the manufacturer scenario,
    lessons.scenarios.manufacturer.Params (got NoneType): create them with Params(...).
    """
    _base.check_data(data, params, Params, DATA_COLUMNS, "manufacturer")


def _per_unit(minutes: pd.Series, units: pd.Series) -> pd.Series:
    """Minutes per sellable unit where there are units; NaN where a day (or window) has none."""
    result = pd.Series(np.nan, index=minutes.index)
    has_units = units.notna() & (units > 0)
    if has_units.any():
        result[has_units] = average_time_per_unit(minutes[has_units], units[has_units])
    return result


def period_kpis(data: pd.DataFrame, params: Params, window: int = WINDOW) -> pd.DataFrame:
    """Each day's defect-free rate and time per unit, their average over ``window`` days, and
    whether the day was a bad day.

    The averages pool the days (total defect-free units / total units), so a day with more
    units weighs more. They start once ``window`` days exist (NaN before). A day with no
    sellable unit has no time per unit (NaN).

    >>> kpis = period_kpis(simulate(Params(bad_day_probability=0.0), periods=12), Params())
    >>> kpis.columns.tolist()
    ['defect_free_rate', 'defect_free_rate_avg', 'minutes_per_unit', 'minutes_per_unit_avg',
     'bad_day']
    """
    check_data(data, params)
    rolled = data[["defect_free", "units", "work_minutes", "sellable"]].rolling(window).sum()
    rate_avg = pd.Series(np.nan, index=data.index)
    done = rolled["units"].notna()
    if done.any():
        rate_avg[done] = defect_free_rate(
            rolled.loc[done, "defect_free"], rolled.loc[done, "units"]
        )
    return pd.DataFrame(
        {
            "defect_free_rate": defect_free_rate(data["defect_free"], data["units"]),
            "defect_free_rate_avg": rate_avg,
            "minutes_per_unit": _per_unit(data["work_minutes"], data["sellable"]),
            "minutes_per_unit_avg": _per_unit(rolled["work_minutes"], rolled["sellable"]),
            "bad_day": data["bad_day"].to_numpy(),
        },
        index=data.index,
    )


def summary(data: pd.DataFrame, params: Params) -> dict[str, float]:
    """The KPIs of the period: defect-free rate and time per unit over all days and over the
    last :data:`WINDOW` days (``_recent``), and the key account's orders delivered in full.

    Keys: those of :data:`KPIS`, then the range of the daily defect-free rate on normal days
    (``normal_low``, ``normal_high``) and on bad days (``bad_low``, ``bad_high``; NaN with no
    bad day), the range of its :data:`WINDOW`-day average (``average_low``,
    ``average_high``; NaN in a run shorter than the window), ``bad_days`` (how many),
    ``window`` (days in the recent figures: :data:`WINDOW`, or fewer in a short run) and
    ``periods``. A time per unit that cannot be computed (no sellable unit) is NaN.

    >>> s = summary(simulate(), Params())
    >>> round(s["defect_free"], 3), s["bad_days"], s["window"], s["periods"]
    (0.962, 5, 10, 60)
    >>> round(s["normal_low"], 3), round(s["bad_high"], 3)  # every bad day below every normal day
    (0.95, 0.883)
    """
    check_data(data, params)
    recent = data.tail(WINDOW)
    totals = {
        name: part[["defect_free", "units", "work_minutes", "sellable"]].sum()
        for name, part in (("", data), ("_recent", recent))
    }
    values = {}
    for suffix, total in totals.items():
        values["defect_free" + suffix] = defect_free_rate(total["defect_free"], total["units"])
        values["minutes" + suffix] = (
            average_time_per_unit(total["work_minutes"], total["sellable"])
            if total["sellable"] > 0
            else np.nan
        )
    values["in_full"] = on_time_rate(int(data["key_account_in_full"].sum()), len(data))
    daily = period_kpis(data, params)
    bad = daily["bad_day"].to_numpy()
    for name, days in (("normal", ~bad), ("bad", bad), ("average", slice(None))):
        column = "defect_free_rate_avg" if name == "average" else "defect_free_rate"
        rates = daily.loc[days, column]
        values[f"{name}_low"], values[f"{name}_high"] = rates.min(), rates.max()
    counts = {"bad_days": int(bad.sum()), "window": len(recent), "periods": len(data)}
    return {**{key: float(value) for key, value in values.items()}, **counts}


def targets(params: Params) -> dict[str, float]:
    """The targets: the plant's come from the settings, the key account's is fixed.

    >>> targets(Params(target_minutes=5.0))["minutes_recent"]
    5.0
    """
    _base.check_params(params, Params, "manufacturer")
    return {
        "defect_free": params.target_defect_free,
        "defect_free_recent": params.target_defect_free,
        "minutes": params.target_minutes,
        "minutes_recent": params.target_minutes,
        "in_full": ON_TIME_TARGET,
    }


def kpi_table(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The plant's KPIs (scope ``"business"``) and its key account's delivery KPI.

    Args:
        data: the output of :func:`simulate`.
        params: the settings that produced it (the targets come from there).

    Returns:
        A DataFrame with the columns of ``KPI_TABLE_COLUMNS``. A time per unit that cannot be
        computed (no sellable unit at all) is shown as off track.

    >>> table = kpi_table(simulate(Params()), Params())
    >>> table[["scope", "unit", "direction"]].values.tolist()[:3]
    [['business', '%', 'higher'], ['business', '%', 'higher'], ['business', 'min', 'lower']]
    """
    return _base.kpi_table_of("manufacturer", KPIS, summary(data, params), targets(params))
