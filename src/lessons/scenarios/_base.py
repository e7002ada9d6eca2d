"""The contract every scenario follows, and the one path from parameters to KPIs.

Every scenario module (``lessons/scenarios/<name>.py``) defines the same public names, with the
same signatures:

* ``Params``: a frozen dataclass deriving from :class:`ScenarioParams`, every field declared
  with :func:`param` (default, range, step, unit; its label is the catalog key
  ``scenarios.<name>.param.<field>``). Creating one checks every field (a number, finite, a
  whole number where the field is, inside its range; NumPy numbers are accepted) and then the
  combination (:meth:`ScenarioParams.check`), and refuses in words.
* ``PERIODS``: a :class:`Periods` (default number of periods, accepted range, unit).
* ``DATA_COLUMNS``: the columns ``simulate`` always writes, in order.
* ``simulate(params: Params | None = None, periods: int = PERIODS.default, seed: int = 0)
  -> DataFrame``: the raw data of the scenario, seeded, no I/O. ``None`` means ``Params()``.
* ``check_data(data, params)``: refuses, in words, a table that is not what ``simulate``
  returned, or settings of another scenario.
* ``period_kpis(data, params) -> DataFrame``: one row per period (index ``1 .. periods``, named
  after the period: ``month``, ``day``), the KPIs of each period and the figures a chart draws.
* ``summary(data, params) -> dict[str, float]``: the whole-period figures: every KPI of
  ``KPIS`` by its key, the figures the chart quotes, and ``periods`` (how many were simulated).
* ``targets(params) -> dict[str, float | Band]``: the target of every KPI of ``KPIS``, by its
  key. A target may depend on the settings (the restaurant's revenue per table is the turnover
  target times the average check): it is computed there, once. A KPI healthy inside a range
  (direction ``"band"``) has a :class:`lessons.kpis.Band` ``(low, high)`` as its target.
* ``KPIS``: the rows of the KPI table, as :class:`KpiSpec` (key, scope, unit, direction).
* ``kpi_table(data, params) -> DataFrame``: the KPIs against their targets, in the columns of
  :data:`KPI_TABLE_COLUMNS`, built by :func:`kpi_table_of`.

The chart of a scenario (``lessons.charts.<name>``) has ``plot(result) -> Figure`` and
``alt_text(result) -> str``, where ``result`` is the :class:`ScenarioRun` that :func:`run`
returns: the period KPIs, the summary, the targets and the settings, never the raw data to
compute them again. The live panel, the notebooks and the static site all go through
:func:`run`, the one path "parameters -> simulate -> KPIs".

The widgets build their controls from :func:`param_specs`, so a new field appears in the panel
with its unit and range without any widget code.

>>> result = run("restaurant")
>>> result.kpi_table["scope"].unique().tolist()
['business', 'key_account']
>>> run("restaurant", periods=3)
Traceback (most recent call last):
    ...
ValueError: periods must be between 7 and 365 evenings (got 3).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons.checks import is_number
from lessons.i18n import t
from lessons.kpis import BAND, Band, as_band, status

__all__ = [
    "KPI_TABLE_COLUMNS",
    "RATING_COLUMNS",
    "SCENARIOS",
    "KpiSpec",
    "ParamSpec",
    "Periods",
    "ScenarioParams",
    "ScenarioRun",
    "check_data",
    "check_params",
    "check_periods",
    "check_run",
    "check_seed",
    "compare_runs",
    "group_period_table",
    "group_summary",
    "kpi_row",
    "kpi_table_of",
    "kpi_texts",
    "load",
    "monthly_sums",
    "param",
    "param_specs",
    "rating_counts",
    "ratings_of",
    "run",
    "setting_texts",
    "shown_setting",
    "simulation_inputs",
]

#: The scenarios of the source text, in the order the course teaches them.
SCENARIOS = ("software_bank", "manufacturer", "startup", "consulting", "agency", "restaurant")

#: Columns of every ``kpi_table``: ``scope`` says whether the KPI measures the whole business
#: (``"business"``) or one key account (``"key_account"``) -- the distinction the course teaches.
KPI_TABLE_COLUMNS = ["kpi", "scope", "value", "target", "unit", "direction", "status"]

#: Columns counting the answers of a 1-5 survey, one per score, in scenarios that keep counts.
RATING_COLUMNS = tuple(f"rating_{score}" for score in range(1, 6))


@dataclass(frozen=True)
class ParamSpec:
    """How one parameter is shown and checked: label key, unit, range, step, default."""

    name: str
    label_key: str
    unit: str
    low: float
    high: float
    step: float
    default: Any
    kind: type

    @property
    def label(self) -> str:
        """The learner-facing label, in the current language."""
        return t(self.label_key)


def param(
    default: Any, *, low: float, high: float, step: float, unit: str, label: str | None = None
) -> Any:
    """Declare a scenario parameter: its default, accepted range ``[low, high]`` and unit.

    ``unit`` is shown next to the value ("€", "%", "min", "people"). Percentages are stored as
    fractions (0.25) and shown with unit ``"%"``. ``label`` is a key of the i18n catalog; by
    default ``scenarios.<scenario>.param.<field>``.
    """
    if not low <= default <= high:
        raise ValueError(f"default {default} outside [{low}, {high}] for {label}")
    return field(
        default=default,
        metadata={"low": low, "high": high, "step": step, "unit": unit, "label": label},
    )


def param_specs(params_class: type) -> list[ParamSpec]:
    """The :class:`ParamSpec` of every field of a scenario's ``Params`` class, in order."""
    scenario = params_class.__module__.rpartition(".")[2]
    specs = []
    for f in fields(params_class):
        if "unit" not in f.metadata:
            continue
        default = f.default if f.default is not MISSING else None
        specs.append(
            ParamSpec(
                name=f.name,
                label_key=f.metadata["label"] or f"scenarios.{scenario}.param.{f.name}",
                unit=f.metadata["unit"],
                low=f.metadata["low"],
                high=f.metadata["high"],
                step=f.metadata["step"],
                default=default,
                kind=type(default),
            )
        )
    return specs


def shown_setting(x: float, unit: str) -> str:
    """A setting as the learner sees it next to its control: ``15 %``, ``4 h``, ``20``."""
    if unit == "%":
        return fmt.percent(x, None)
    if unit == "€":  # a setting is a round amount: €5, not €5.00
        return fmt.money(x, 0 if float(x).is_integer() else 2)
    return fmt.value(x, unit)


def setting_texts(params: ScenarioParams) -> dict[str, str]:
    """Every setting of ``params`` as the learner sees it next to its control, by field name:
    what a page quotes when it describes the scenario (``{"dining_time": "90 min", ...}``).

    >>> from lessons.scenarios.restaurant import Params
    >>> texts = setting_texts(Params())
    >>> texts["dining_time"], texts["vip_attention"], texts["average_check"]
    ('90 min', '15 %', '€70')
    >>> setting_texts({"tables": 20})
    Traceback (most recent call last):
        ...
    TypeError: setting_texts needs the settings of a scenario, made with Params(...) (got dict).
    """
    if not isinstance(params, ScenarioParams):
        raise TypeError(t("scenarios.error.setting_texts", value=type(params).__name__))
    return {
        spec.name: shown_setting(getattr(params, spec.name), spec.unit)
        for spec in param_specs(type(params))
    }


def _python_number(value: object) -> object:
    """A NumPy number as the Python number it stands for: ``np.float32(0.2)`` is 0.2.

    A 32-bit float holds 0.2 as 0.200000003; read back through its shortest text it is the
    number the learner typed, so a setting at the edge of its range (0.8) stays inside it.
    """
    if isinstance(value, np.floating):
        return float(str(value)) if value.dtype.itemsize < 8 else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


@dataclass(frozen=True)
class ScenarioParams:
    """Base of every scenario's parameters: checks type and range of each field on creation.

    A field is stored as the Python type of its default (a NumPy number becomes an ``int`` or
    a ``float``), so settings compare, hash and print the same however they were given.
    """

    def __post_init__(self) -> None:
        for spec in param_specs(type(self)):
            value = _python_number(getattr(self, spec.name))
            name = f"{spec.label} ({spec.name})"
            if spec.kind is bool:
                if not isinstance(value, bool):
                    raise TypeError(t("errors.not_boolean", name=name, value=value))
                object.__setattr__(self, spec.name, value)
                continue
            if not is_number(value):
                raise TypeError(
                    t("errors.not_a_number", name=name, value=value, type=type(value).__name__)
                )
            if not math.isfinite(value):
                raise ValueError(t("errors.not_finite", name=name, value=value))
            if spec.kind is int and value != int(value):
                raise ValueError(t("errors.not_integer", name=name, value=value))
            if not spec.low <= value <= spec.high:
                raise ValueError(
                    t(
                        "errors.out_of_range",
                        name=name,
                        low=shown_setting(spec.low, spec.unit),
                        high=shown_setting(spec.high, spec.unit),
                        unit="",
                        value=shown_setting(value, spec.unit),
                    )
                )
            object.__setattr__(self, spec.name, spec.kind(value))
        self.check()

    def check(self) -> None:
        """Checks that involve several fields (override; raise ``ValueError`` in words)."""


def check_periods(periods: object, low: int, high: int, unit: str) -> int:
    """The number of periods to simulate: a whole number from ``low`` to ``high``.

    >>> check_periods(12, 2, 60, "months")
    12
    >>> check_periods(100, 2, 60, "months")
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 2 and 60 months (got 100).
    """
    if isinstance(periods, bool) or not isinstance(periods, int | np.integer):
        raise TypeError(
            t("errors.not_a_number", name="periods", value=periods, type=type(periods).__name__)
        )
    if not low <= periods <= high:
        raise ValueError(
            t(
                "errors.out_of_range",
                name="periods",
                low=fmt.integer(low),
                high=fmt.integer(high),
                unit=f" {fmt.unit_label(unit)}",
                value=fmt.plain(periods),
            )
        )
    return int(periods)


@dataclass(frozen=True)
class Periods:
    """How many periods a scenario simulates: its default, the accepted range and their unit.

    >>> Periods(default=24, low=2, high=120, unit="months").check(np.int64(12))
    12
    """

    default: int
    low: int
    high: int
    unit: str

    def check(self, periods: object) -> int:
        """``periods`` as an ``int``, or a ``TypeError``/``ValueError`` in words."""
        return check_periods(periods, self.low, self.high, self.unit)


def check_seed(seed: object) -> int:
    """The seed of the random draws: a whole number, 0 or more (NumPy integers too).

    >>> check_seed(np.int64(3))
    3
    >>> check_seed(-1)
    Traceback (most recent call last):
        ...
    ValueError: seed must be a whole number, 0 or more (got -1): the same seed always gives the
    same simulation, so pick any such number (0, 1, 42...).
    """
    if isinstance(seed, bool | np.bool_) or not isinstance(seed, int | np.integer):
        raise TypeError(t("scenarios.error.seed", value=fmt.plain(seed)))
    if seed < 0:
        raise ValueError(t("scenarios.error.seed", value=fmt.plain(seed)))
    return int(seed)


def check_params(params: object, params_class: type, scenario: str) -> None:
    """``params`` must be the ``Params`` of ``scenario`` (a ``TypeError`` in words otherwise).

    >>> from lessons.scenarios.restaurant import Params
    >>> check_params(Params(), Params, "restaurant")
    >>> check_params({"tables": 20}, Params, "restaurant")
    Traceback (most recent call last):
        ...
    TypeError: params must be the settings of the restaurant scenario,
    lessons.scenarios.restaurant.Params (got dict): create them with Params(...).
    """
    if not isinstance(params, params_class):
        kind = type(params)
        # Another scenario's settings are also called Params: name them in full.
        got = (
            f"{kind.__module__}.{kind.__name__}"
            if isinstance(params, ScenarioParams)
            else kind.__name__
        )
        raise TypeError(t("scenarios.error.params", scenario=scenario, value=got))


def simulation_inputs(
    params: object, periods: object, seed: object, params_class: type, spec: Periods, scenario: str
) -> tuple[Any, int, np.random.Generator]:
    """What every ``simulate`` starts with: the settings (``None``: the defaults), the number of
    periods and the seeded random generator, each checked."""
    params = params_class() if params is None else params
    check_params(params, params_class, scenario)
    return params, spec.check(periods), np.random.default_rng(check_seed(seed))


def check_data(data: object, params: object, params_class: type, columns, scenario: str) -> None:
    """``data`` must be the table ``simulate`` returned and ``params`` the scenario's Params.

    ``columns`` are the columns ``simulate`` always writes; ``scenario`` names the module in
    the message (e.g. ``"restaurant"``).
    """
    check_params(params, params_class, scenario)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            t("scenarios.error.data_type", scenario=scenario, value=type(data).__name__)
        )
    missing = [column for column in columns if column not in data.columns]
    if missing or data.empty:
        raise ValueError(
            t(
                "scenarios.error.data",
                scenario=scenario,
                missing=", ".join(missing) or "–",
                rows=len(data),
            )
        )


def ratings_of(counts: pd.DataFrame | np.ndarray) -> np.ndarray:
    """Every survey answer counted by score, as scores 1..5: ``counts`` is one row of five
    counts (scores 1 to 5), or a table with the columns :data:`RATING_COLUMNS` (all its rows).

    >>> ratings_of([0, 0, 1, 2, 0]).tolist()
    [3, 4, 4]
    >>> ratings_of(pd.DataFrame([[1, 0, 0, 0, 0], [0, 0, 0, 0, 1]], columns=RATING_COLUMNS))
    array([1, 5])
    """
    if isinstance(counts, pd.DataFrame):
        counts = counts[list(RATING_COLUMNS)].to_numpy().sum(axis=0)
    return np.repeat(np.arange(1, 6), np.asarray(counts, dtype=int))


def monthly_sums(
    data: pd.DataFrame, by: str, groups: Iterable[str], columns: Iterable[str], whole: str
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Some columns added up by month for each group of rows, and for all groups together.

    Args:
        data: a table with a ``month`` column and a column ``by`` naming each row's group.
        groups: the groups (values of ``by``).
        columns: the columns to add up.
        whole: the name of all groups together (``"firm"``).

    Returns:
        The months (sorted), and for each group and ``whole`` an array of months × columns.

    >>> rows = pd.DataFrame({"month": [1, 1, 2], "team": ["a", "b", "a"], "x": [1, 2, 3]})
    >>> months, sums = monthly_sums(rows, "team", ["a", "b"], ["x"], "all")
    >>> months.tolist(), sums["b"].tolist(), sums["all"].tolist()
    ([1, 2], [[2.0], [0.0]], [[3.0], [3.0]])
    """
    months, month_row = np.unique(data["month"].to_numpy(), return_inverse=True)
    values = data[list(columns)].to_numpy(dtype=float)
    group = data[by].to_numpy()
    sums = {}
    for name in groups:
        rows = group == name
        sums[name] = np.zeros((len(months), values.shape[1]))
        np.add.at(sums[name], month_row[rows], values[rows])
    sums[whole] = sum(sums[name] for name in groups)
    return months, sums


def group_period_table(
    months: np.ndarray, sums: Mapping[str, np.ndarray], figures: Callable[..., dict]
) -> pd.DataFrame:
    """The figures of each group month by month, from :func:`monthly_sums`: one row per
    month, columns ``<group>_<figure>``. ``figures(rows, months)`` computes the figures of
    rows of sums that each add up ``months`` months.

    >>> def mean(rows, months):
    ...     return {"x": rows[:, 0] / months}
    >>> sums = {"a": np.array([[2.0], [4.0]]), "all": np.array([[3.0], [5.0]])}
    >>> group_period_table(np.array([1, 2]), sums, mean).to_dict("list")
    {'a_x': [2.0, 4.0], 'all_x': [3.0, 5.0]}
    >>> group_summary(np.array([1, 2]), sums, mean)
    {'a_x': 3.0, 'all_x': 4.0, 'periods': 2}
    """
    columns = {
        f"{group}_{name}": values
        for group, rows in sums.items()
        for name, values in figures(rows, 1).items()
    }
    return pd.DataFrame(columns, index=pd.Index(months, name="month"))


def group_summary(
    months: np.ndarray, sums: Mapping[str, np.ndarray], figures: Callable[..., dict]
) -> dict[str, float]:
    """The figures of each group over all the months, from :func:`monthly_sums`: keys
    ``<group>_<figure>`` (see :func:`group_period_table`), and ``periods``."""
    summary = {
        f"{group}_{name}": float(values[0])
        for group, rows in sums.items()
        for name, values in figures(rows.sum(axis=0, keepdims=True), len(months)).items()
    }
    return {**summary, "periods": len(months)}


def rating_counts(
    rng: np.random.Generator, mean: np.ndarray, spread: float, respondents: np.ndarray
) -> np.ndarray:
    """Answers to a 1-5 survey, counted by score: one row per group of respondents.

    Each answer is a mean rating plus normal noise of standard deviation ``spread``, rounded to
    a whole score and kept within 1-5. Row ``i`` has ``respondents[i]`` answers around
    ``mean[i]``. Returns an integer array of shape ``(rows, 5)``: counts of scores 1 to 5.

    >>> rng = np.random.default_rng(0)
    >>> rating_counts(rng, np.array([4.0, 2.0]), 0.7, np.array([3, 0])).sum(axis=1).tolist()
    [3, 0]
    """
    mean = np.asarray(mean, dtype=float)
    respondents = np.asarray(respondents)
    width = int(respondents.max(initial=0))
    draws = np.clip(np.rint(rng.normal(mean[:, None], spread, (len(mean), width))), 1, 5)
    answered = np.arange(width)[None, :] < respondents[:, None]
    return np.stack([((draws == score) & answered).sum(axis=1) for score in range(1, 6)], axis=1)


class KpiSpec(NamedTuple):
    """One row of a scenario's KPI table: which figure of the summary, whose, in what unit.

    ``key`` names the KPI in the summary and the targets, and its label in the catalog
    (``scenarios.<name>.kpi.<key>``, unless ``label`` gives another key); ``scope`` is
    ``"business"`` or ``"key_account"``; ``direction`` says whether ``"higher"`` or
    ``"lower"`` is better, or ``"band"`` for a KPI healthy inside a range (its target is then a
    :class:`lessons.kpis.Band`).
    """

    key: str
    scope: str
    unit: str
    direction: str = "higher"
    label: str | None = None


def kpi_row(
    kpi: str,
    scope: str,
    value: float,
    target: float | Band,
    unit: str,
    direction: str = "higher",
) -> dict:
    """One row of a ``kpi_table``, its status computed with :func:`lessons.kpis.status`.

    A value that could not be measured (NaN, e.g. no order from the key account yet) is
    "off track": an unmeasured KPI is not on track. With ``direction="band"`` the target is a
    :class:`lessons.kpis.Band` ``(low, high)``, kept as such in the row.

    >>> kpi_row("CSAT", "key_account", 0.93, 0.95, "%")["status"]
    'at risk'
    >>> kpi_row("Minutes per unit", "business", float("nan"), 4.5, "min", "lower")["status"]
    'off track'
    >>> row = kpi_row("Utilisation", "business", 0.95, (0.70, 0.80), "%", "band")
    >>> row["target"], row["status"]
    (Band(low=0.7, high=0.8), 'off track')
    """
    value = float(value)
    target = as_band(target) if direction == BAND else float(target)
    return {
        "kpi": kpi,
        "scope": scope,
        "value": value,
        "target": target,
        "unit": unit,
        "direction": direction,
        "status": "off track" if math.isnan(value) else status(value, target, direction),
    }


def kpi_table_of(
    scenario: str,
    specs: Iterable[KpiSpec],
    summary: Mapping[str, float],
    targets: Mapping[str, float],
) -> pd.DataFrame:
    """The KPI table of a scenario: one row per spec, its value from ``summary`` and its target
    from ``targets``, in the columns of :data:`KPI_TABLE_COLUMNS`.

    A label may quote the whole numbers of the summary (``{periods}``: "all 60 days").

    >>> spec = KpiSpec("turnover", "business", "parties/table")
    >>> table = kpi_table_of("restaurant", [spec], {"turnover": 1.9}, {"turnover": 2.0})
    >>> table.loc[0, ["kpi", "value", "target", "status"]].to_dict()
    {'kpi': 'Table turnover (parties per table per evening)', 'value': 1.9, 'target': 2.0,
     'status': 'at risk'}
    >>> kpi_table_of("restaurant", [spec], {"turnover": 1.9}, {})
    Traceback (most recent call last):
        ...
    KeyError: "The restaurant scenario has no target for the KPI 'turnover'."
    """
    counts = {key: fmt.integer(value) for key, value in summary.items() if isinstance(value, int)}
    rows = []
    for spec in specs:
        if spec.key not in targets:
            raise KeyError(f"The {scenario} scenario has no target for the KPI {spec.key!r}.")
        label = t(spec.label or f"scenarios.{scenario}.kpi.{spec.key}", **counts)
        value, target = summary[spec.key], targets[spec.key]
        rows.append(kpi_row(label, spec.scope, value, target, spec.unit, spec.direction))
    return pd.DataFrame(rows, columns=KPI_TABLE_COLUMNS)


def load(name: str) -> ModuleType:
    """The module of one scenario (``Params``, ``simulate``, ``summary``, ``kpi_table``...).

    >>> load("bakery")
    Traceback (most recent call last):
        ...
    ValueError: There is no scenario named 'bakery'. Scenarios: software_bank, manufacturer, ...
    """
    if name not in SCENARIOS:
        raise ValueError(t("scenarios.error.unknown", name=name, names=", ".join(SCENARIOS)))
    return importlib.import_module(f"lessons.scenarios.{name}")


@dataclass(frozen=True, eq=False)
class ScenarioRun:
    """One pass of "parameters -> simulation -> KPIs": what a chart, a panel or a page shows.

    Attributes:
        scenario: the scenario's name (``"restaurant"``).
        params: the settings.
        seed: the seed of the random draws.
        data: the raw simulated table (``simulate``), for notebooks that look at it.
        period_kpis: the KPIs of each period (``period_kpis``).
        summary: the whole-period figures (``summary``), every KPI among them.
        targets: the target of every KPI (``targets``).
        kpi_table: the KPIs against their targets, with status (``kpi_table``).
    """

    scenario: str
    params: ScenarioParams
    seed: int
    data: pd.DataFrame
    period_kpis: pd.DataFrame
    summary: dict[str, float]
    targets: dict[str, float]
    kpi_table: pd.DataFrame


def run(
    scenario: str | ModuleType,
    params: ScenarioParams | None = None,
    periods: int | None = None,
    seed: int = 0,
) -> ScenarioRun:
    """Simulate a scenario and compute its KPIs: the one path every panel, page and chart uses.

    Args:
        scenario: a name of :data:`SCENARIOS` (or the scenario's module).
        params: its settings (``None``: the defaults).
        periods: how many periods to simulate (``None``: the scenario's default).
        seed: seed of the random draws, a whole number from 0 (same seed, same result).

    Returns:
        A :class:`ScenarioRun`.

    >>> result = run("startup", seed=1)
    >>> result.period_kpis.index.name, len(result.period_kpis), result.summary["periods"]
    ('month', 24, 24)
    >>> run("startup", seed=-1)
    Traceback (most recent call last):
        ...
    ValueError: seed must be a whole number, 0 or more (got -1): the same seed always gives the
    same simulation, so pick any such number (0, 1, 42...).
    """
    module = load(scenario) if isinstance(scenario, str) else scenario
    name = module.__name__.rpartition(".")[2]
    params = module.Params() if params is None else params
    periods = module.PERIODS.default if periods is None else periods
    data = module.simulate(params, periods, seed)
    summary = module.summary(data, params)
    targets = module.targets(params)
    return ScenarioRun(
        scenario=name,
        params=params,
        seed=int(seed),
        data=data,
        period_kpis=module.period_kpis(data, params),
        summary=summary,
        targets=targets,
        kpi_table=kpi_table_of(name, module.KPIS, summary, targets),
    )


def kpi_texts(
    result: ScenarioRun,
    specs: Iterable[KpiSpec] | None = None,
    units: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Each KPI of a run as the KPI table writes it: ``<key>`` and ``<key>_target``, through
    :func:`lessons.format.value_and_target` (a value and its target never read the same unless
    they are). What a chart, an alt text or a page's prose quotes.

    Args:
        result: what :func:`run` returned.
        specs: the KPIs to write (default: all the scenario's ``KPIS``).
        units: another unit for some KPIs in the text (``""`` where the sentence names it:
            "1.98 parties per table").

    >>> texts = kpi_texts(run("restaurant"), units={"turnover": ""})
    >>> texts["revenue_per_table"], texts["revenue_per_table_target"], texts["turnover"]
    ('€139.61', '€140.00', '1.98')
    """
    specs = load(result.scenario).KPIS if specs is None else specs
    units = units or {}
    texts = {}
    for spec in specs:
        unit = units.get(spec.key, spec.unit)
        value, target = result.summary[spec.key], result.targets[spec.key]
        texts[spec.key], texts[f"{spec.key}_target"] = fmt.value_and_target(value, target, unit)
    return texts


def compare_runs(runs: Iterable[ScenarioRun], keys: Iterable[str], setting: str) -> pd.DataFrame:
    """Figures of several runs side by side: one row per key of their summaries, one column
    per run, named by its value of ``setting`` as the learner sees it ("90 min", "60 min").

    Args:
        runs: what :func:`run` returned, for the same scenario with different settings.
        keys: keys of the summaries to show, in order.
        setting: the name of the setting that differs between the runs.

    >>> from dataclasses import replace
    >>> base = run("restaurant")
    >>> rushed = run("restaurant", replace(base.params, dining_time=60))
    >>> compare_runs([base, rushed], ["turnover"], "dining_time").round(2)
              90 min  60 min
    turnover    1.98    2.57
    >>> compare_runs([base], ["turnover"], "tables_count")
    Traceback (most recent call last):
        ...
    ValueError: The restaurant scenario has no setting 'tables_count'. Its settings: tables,
    service_hours, dining_time, vip_attention, arrivals, average_check.
    """
    runs, keys = list(runs), list(keys)
    columns = {}
    for result in runs:
        texts = setting_texts(result.params)
        if setting not in texts:
            raise ValueError(
                t(
                    "scenarios.error.no_setting",
                    scenario=result.scenario,
                    value=setting,
                    names=", ".join(texts),
                )
            )
        columns[texts[setting]] = [result.summary[key] for key in keys]
    return pd.DataFrame(columns, index=keys)


def check_run(result: object, scenario: str) -> ScenarioRun:
    """``result`` must be the :class:`ScenarioRun` of ``scenario`` (what a chart draws).

    >>> check_run(pd.DataFrame(), "agency")
    Traceback (most recent call last):
        ...
    TypeError: The agency chart draws what lessons.scenarios.run("agency", params) returns (got
    DataFrame): run the scenario first, then pass its result.
    """
    if isinstance(result, ScenarioRun) and result.scenario == scenario:
        return result
    got = (
        f"the run of {result.scenario}"
        if isinstance(result, ScenarioRun)
        else type(result).__name__
    )
    raise TypeError(t("scenarios.error.run", scenario=scenario, value=got))
