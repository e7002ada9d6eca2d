"""What one state of a panel shows: the one render path of the live panels and of the site.

A live panel in JupyterLab (:mod:`lessons.widgets`) and the site's explorer
(:mod:`lessons.explorer.states`) turn the same settings into the same figures, alt texts and
tables through these functions: settings -> :mod:`lessons.scenarios` / :mod:`lessons.accounts`
/ :mod:`lessons.kpis` / :mod:`lessons.scorecard` -> :mod:`lessons.charts` -> :mod:`lessons.tables`.
They differ only in how a figure reaches the learner: the panel writes it into an ``<img>``
on every change, the explorer writes it once as a file that the page swaps in.

A figure is handed over as a :class:`Picture`: how to draw it, and its alt text. Nothing is
drawn until the caller asks (``picture.wide()``, ``picture.phone()``), so a panel that keeps
the last image of a part draws nothing it does not show. No ipywidgets here.

>>> view = scenario_view("restaurant", None)
>>> list(view.statuses)[0]
'Table turnover (parties per table per evening)'
>>> view.picture.alt[:30]
'Three line charts follow the r'
>>> scenario_view("bakery", None)
Traceback (most recent call last):
    ...
ValueError: There is no scenario named 'bakery'. Scenarios: software_bank, manufacturer, ...
"""

from __future__ import annotations

import html
import inspect
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lessons import accounts, charts, kpis, scenarios, scorecard, tables
from lessons import format as fmt
from lessons.charts import accounts as account_charts
from lessons.charts import kpi as kpi_chart
from lessons.charts import scorecard as scorecard_chart
from lessons.i18n import t
from lessons.samples import load_sample_portfolio, sample_account_history, sample_kpi_history
from lessons.scenarios import ScenarioParams, ScenarioRun

__all__ = [
    "PORTFOLIO_DEFAULTS",
    "UNITS",
    "Cache",
    "KpiBuilderView",
    "Picture",
    "PortfolioView",
    "PortfolioViews",
    "ScenarioView",
    "ScorecardView",
    "ScorecardViews",
    "accepts_phone",
    "builder_defaults",
    "builder_history",
    "kpi_builder_view",
    "row_html",
    "scenario_view",
    "unit_spec",
]


class Cache:
    """A tiny least-recently-used cache of rendered parts (figure HTML by input key)."""

    def __init__(self, size: int = 32):
        self.size = size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = make()
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


_ROW = "<div style='display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start'>{}</div>"
_CELL = "<div style='flex:1 1 400px;min-width:0'>{}</div>"


def row_html(*parts: str) -> str:
    """Several HTML blocks side by side, wrapping below each other on a narrow screen."""
    return _ROW.format("".join(_CELL.format(part) for part in parts))


@cache
def accepts_phone(plot: Callable[..., Figure]) -> bool:
    """True when a chart function can draw its phone variant (``plot(..., phone=True)``).

    >>> accepts_phone(lambda result, phone=False: None), accepts_phone(lambda result: None)
    (True, False)
    """
    try:
        return "phone" in inspect.signature(plot).parameters
    except (TypeError, ValueError):  # a builtin or a C function: no phone variant
        return False


@dataclass(frozen=True, eq=False)
class Picture:
    """One figure of a panel state: the chart function and its arguments, and the alt text.

    ``wide()`` draws the figure as every screen gets it; ``phone()`` the variant for a narrow
    screen, or ``None`` when the chart has none (its ``plot`` takes no ``phone`` argument).
    """

    plot: Callable[..., Figure]
    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    alt: str = ""

    def wide(self) -> Figure:
        """The figure, drawn for a wide screen."""
        return self.plot(*self.args, **self.kwargs)

    def phone(self) -> Figure | None:
        """The figure drawn for a phone, if the chart draws one."""
        if not accepts_phone(self.plot):
            return None
        return self.plot(*self.args, **self.kwargs, phone=True)


def _statuses(table: pd.DataFrame, label: str = "kpi") -> dict[str, str]:
    return dict(zip(table[label].astype(str), table["status"], strict=True))


# ----------------------------------------------------------------------------- scenarios


@dataclass(frozen=True, eq=False)
class ScenarioView:
    """One state of a scenario panel: the run, its figure and its KPI table (HTML)."""

    result: ScenarioRun
    picture: Picture
    table: str

    @property
    def statuses(self) -> dict[str, str]:
        """The status code of each KPI of the table, by its label."""
        return _statuses(self.result.kpi_table)


def scenario_view(
    scenario: str | ModuleType,
    params: ScenarioParams | None,
    *,
    chart: Any = None,
    periods: int | None = None,
    seed: int = 0,
) -> ScenarioView:
    """What a scenario panel shows for some settings, through :func:`lessons.scenarios.run`.

    Args:
        scenario: a scenario name or module (``lessons.scenarios.load(name)``).
        params: its settings (``None``: the defaults).
        chart: the chart module (default: ``lessons.charts.load(name)``).
        periods, seed: of the simulation (``None``: the scenario's default periods).
    """
    module = scenarios.load(scenario) if isinstance(scenario, str) else scenario
    chart = chart or charts.load(module.__name__.rpartition(".")[2])
    result = scenarios.run(module, params, periods=periods, seed=seed)
    picture = Picture(chart.plot, (result,), alt=chart.alt_text(result))
    table = fmt.kpi_table_html(result.kpi_table, caption=t("widgets.kpis.caption"))
    return ScenarioView(result, picture, table)


# ----------------------------------------------------------------------------- portfolio


@dataclass(frozen=True, eq=False)
class PortfolioView:
    """One state of the portfolio explorer. A part that could not be made is ``None`` (the
    panel keeps showing its last good one) and ``problems`` says why, in words.

    Attributes:
        weights: the weights normalised to sum 1, or ``None`` if refused.
        weights_html: the weights as the panel lists them.
        pareto_table, readings, scores: what the figures and tables show (or ``None``).
        pareto, scores_figure, matrix, loss: what ``show`` returned for each figure; ``loss``
            is ``None`` when nobody is removed.
        tables: the ABC and concentration tables (HTML) side by side.
        loss_html: the loss table, or a hint to choose an account to remove.
        problems: messages for the learner; empty when every part was made.
    """

    weights: dict[str, float] | None = None
    weights_html: str = ""
    pareto_table: pd.DataFrame | None = None
    readings: accounts.ParetoReadings | None = None
    scores: pd.DataFrame | None = None
    pareto: Any = None
    scores_figure: Any = None
    tables: str | None = None
    matrix: Any = None
    loss: Any = None
    loss_html: str | None = None
    problems: list[str] = field(default_factory=list)


#: The portfolio explorer's controls at rest: equal weights (0-10 each), the 80 % and 95 % ABC
#: cuts, the top 3, nobody removed.
PORTFOLIO_DEFAULTS = {
    **{f"w_{c}": 5.0 for c in accounts.CRITERIA},
    "a": 0.80,
    "b": 0.95,
    "top_n": 3,
    "remove": "",
}


class PortfolioViews:
    """The parts of the portfolio explorer for one portfolio, each made once per input.

    Args:
        portfolio: as :func:`lessons.samples.load_sample_portfolio` returns (the default).
        show: turns a :class:`Picture` into what the caller shows (the live panel: an
            ``<img>``; the site: figure files). Its result is cached with the part.
        cache_size: parts kept of each kind (``None``: the live panel's few).
    """

    def __init__(
        self,
        portfolio: pd.DataFrame | None,
        show: Callable[[Picture], Any],
        *,
        cache_size: int | None = None,
    ):
        self.portfolio = load_sample_portfolio() if portfolio is None else portfolio
        # Validate once, so a bad portfolio fails here with the accounts module's message.
        accounts.key_account_score(self.portfolio)
        self.show = show
        self.order = list(accounts.pareto_table(self.revenue(None)).index)
        # The live panel keeps the last few parts (fewer for the per-account ones, which
        # change only with the account removed); the site's build keeps them all.
        size, per_account = (32, 8) if cache_size is None else (cache_size, cache_size)
        self._pareto = Cache(size)
        self._scores = Cache(size)
        self._matrix = Cache(per_account)
        self._loss = Cache(per_account)
        self._tables = Cache(size)

    def without(self, remove: object) -> pd.DataFrame:
        """The portfolio as it would be without ``remove`` (all of it when ``None``)."""
        if remove is None:
            return self.portfolio
        return self.portfolio[self.portfolio["account"] != remove]

    def revenue(self, remove: object) -> pd.Series:
        """Revenue by account, without ``remove``."""
        return self.without(remove).set_index("account")["revenue"]

    def pareto(self, a: float, b: float, top_n: int, remove: object):
        """``(pareto table, readings, shown figure, concentration HTML)``, cached."""

        def make():
            table = accounts.pareto_table(self.revenue(remove), a=a, b=b)
            # Read once: the figure, its alt text and the concentration table show the same.
            readings = accounts.pareto_readings(table)
            title = None if remove is None else t("portfolio.pareto.title_without", account=remove)
            options = {"thresholds": (a, b), "top_n": top_n}
            alt = account_charts.alt_text_pareto(table, readings, **options)
            picture = Picture(
                account_charts.plot_pareto, (table, readings), {"title": title, **options}, alt
            )
            return table, readings, self.show(picture), tables.concentration_html(readings)

        return self._pareto.get((a, b, top_n, remove), make)

    def scores(self, weights: Mapping[str, float], remove: object):
        """``(score table, shown figure)`` for raw weights (keyed by the normalised ones)."""
        normalised = accounts.score_weights(weights)
        key = (tuple(round(normalised[c], 12) for c in accounts.CRITERIA), remove)

        def make():
            scores = accounts.key_account_score(self.without(remove), dict(weights))
            # The weights are shown next to their controls (and said in the alt text): the
            # chart leaves out its weights line, one long text less to draw on every change.
            alt = account_charts.alt_text_scores(scores, weights=normalised)
            return scores, self.show(Picture(account_charts.plot_scores, (scores,), alt=alt))

        return key, self._scores.get(key, make)

    def matrix(self, remove: object) -> Any:
        """The shown attractiveness × strength matrix without ``remove``."""

        def make():
            matrix = accounts.portfolio_matrix(self.without(remove))
            alt = account_charts.alt_text_portfolio_matrix(matrix)
            return self.show(Picture(account_charts.plot_portfolio_matrix, (matrix,), alt=alt))

        return self._matrix.get(remove, make)

    def loss(self, remove: object) -> tuple[Any, str]:
        """``(shown loss figure, loss table HTML)``; ``(None, hint)`` when nobody is removed."""

        def make():
            if remove is None:
                return None, f"<p><em>{t('portfolio.loss.hint')}</em></p>"
            impact = accounts.loss_impact(self.revenue(None), remove)
            alt = account_charts.alt_text_loss_impact(impact)
            shown = self.show(Picture(account_charts.plot_loss_impact, (impact,), alt=alt))
            return shown, tables.loss_impact_html(impact)

        return self._loss.get(remove, make)

    def view(
        self, weights: Mapping[str, float], a: float, b: float, top_n: int, remove: object
    ) -> PortfolioView:
        """Every part for these settings: raw ``weights`` by criterion (0-10), the ABC cuts
        ``a`` < ``b`` (fractions), ``top_n`` accounts to read, ``remove`` an account or
        ``None``."""
        if remove is not None and self.revenue(remove).sum() <= 0:
            # Nothing left to rank, score or share out: say so once, and what brings it back,
            # rather than one message per part (each blaming its own input, a weight slider).
            return PortfolioView(problems=[t("portfolio.error.nothing_left", account=remove)])
        parts: dict[str, Any] = {"problems": []}
        problems = parts["problems"]
        scores_key = None
        try:
            normalised = accounts.score_weights(weights)
        except ValueError as error:
            problems.append(t("portfolio.error.weights", why=str(error)))
            parts["weights_html"] = f"<p>{html.escape(t('portfolio.weights.none'))}</p>"
        else:
            parts["weights"] = normalised
            parts["weights_html"] = tables.weights_html(normalised)
            try:
                scores_key, (parts["scores"], parts["scores_figure"]) = self.scores(weights, remove)
            except ValueError as error:
                problems.append(str(error))
        try:
            if b <= a:
                raise ValueError(
                    t("portfolio.error.abc_order", a=fmt.percent(a, 0), b=fmt.percent(b, 0))
                )
            table, readings, parts["pareto"], concentration = self.pareto(a, b, top_n, remove)
            parts["pareto_table"], parts["readings"] = table, readings
            scores = parts.get("scores")
            # The ABC table does not depend on top_n: rebuilt only when its numbers change.
            parts["tables"] = self._tables.get(
                (a, b, remove, scores_key),
                lambda: row_html(tables.abc_table_html(table, scores), concentration),
            )
        except ValueError as error:
            problems.append(str(error))
        try:
            parts["matrix"] = self.matrix(remove)
            parts["loss"], parts["loss_html"] = self.loss(remove)
        except ValueError as error:
            problems.append(str(error))
        return PortfolioView(**parts)


# ----------------------------------------------------------------------------- KPI builder

#: Units the KPI builder offers: the level the sample history reaches, the default target, and
#: the target control's range and step (all in the unit; fractions for "%"). A rate where
#: lower is better (a defect or churn rate) sits near 0, hence its own level and target.
UNITS = {
    "%": {
        "level": 0.95,
        "target": 0.95,
        "min": 0.0,
        "max": 1.0,
        "step": 0.01,
        "lower": {"level": 0.05, "target": 0.05},
    },
    "€": {"level": 50_000.0, "target": 50_000.0, "min": 0.0, "max": 500_000.0, "step": 500.0},
    "min": {"level": 30.0, "target": 30.0, "min": 0.0, "max": 240.0, "step": 1.0},
    "x": {"level": 4.0, "target": 4.0, "min": 0.0, "max": 20.0, "step": 0.1},
    "items": {"level": 120.0, "target": 120.0, "min": 0.0, "max": 2_000.0, "step": 1.0},
}


def unit_spec(unit: str, direction: str = "higher") -> dict[str, float]:
    """Level, default target and target range of ``unit`` for ``direction``.

    >>> unit_spec("%", "lower")["target"], unit_spec("%")["target"]
    (0.05, 0.95)
    """
    spec = {k: v for k, v in UNITS[unit].items() if k != "lower"}
    if direction == "lower":
        spec.update(UNITS[unit].get("lower", {}))
    return spec


def builder_defaults() -> dict[str, Any]:
    """The KPI builder's controls at rest: an on-time delivery rate with no owner yet."""
    return {
        "name": t("kpi_builder.default.name"),
        "formula": t("kpi_builder.default.formula"),
        "unit": "%",
        "direction": "higher",
        "target": UNITS["%"]["target"],
        "period": t("kpi_builder.default.period"),
        "owner": "",
        "objective": t("kpi_builder.default.objective"),
        "tolerance": 0.05,
        "sample": 0,
    }


def builder_history(unit: str, direction: str, sample: int, periods: int = 12) -> pd.Series:
    """The KPI builder's illustrative history for a unit, a direction and a sample number."""
    level = unit_spec(unit, direction)["level"]
    return sample_kpi_history(level, direction, periods, int(sample), unit=unit)


@dataclass(frozen=True, eq=False)
class KpiBuilderView:
    """One state of the KPI builder: the SMART findings, and the KPI against its target.

    ``picture``, ``statuses`` and ``table`` are ``None`` when ``problems`` says why the KPI
    cannot be drawn (it has no name).
    """

    kpi: kpis.KPI
    history: pd.Series
    findings: list
    score: int
    findings_html: str
    statuses: pd.Series | None = None
    picture: Picture | None = None
    table: str | None = None
    problems: list[str] = field(default_factory=list)


def kpi_builder_view(kpi: kpis.KPI, history: pd.Series, tolerance: float) -> KpiBuilderView:
    """What the KPI builder shows for a KPI definition, its history and a tolerance.

    Args:
        kpi: the KPI as written (:class:`lessons.kpis.KPI`).
        history: its values per period (:func:`builder_history`).
        tolerance: the relative miss of the target still "at risk" (0.05 = 5 %).
    """
    findings = kpis.smart_check(kpi, history=history)
    score = kpis.smart_score(findings)
    findings_html = tables.smart_findings_html(findings, score)
    base = {"kpi": kpi, "history": history, "findings": findings, "score": score}
    if not kpi.name.strip():
        return KpiBuilderView(
            **base, findings_html=findings_html, problems=[t("kpi_builder.error.no_name")]
        )
    statuses = kpis.status_series(history, kpi.target, kpi.direction.value, tolerance)
    args = (history, kpi.target, kpi.unit, kpi.direction.value, statuses, kpi.name.strip())
    picture = Picture(
        kpi_chart.plot_kpi_vs_target,
        args,
        {"tolerance": tolerance},
        kpi_chart.alt_text_kpi_vs_target(*args, tolerance=tolerance),
    )
    table = row_html(tables.history_table_html(history, kpi.unit, statuses))
    return KpiBuilderView(
        **base, findings_html=findings_html, statuses=statuses, picture=picture, table=table
    )


# ----------------------------------------------------------------------------- scorecard


@dataclass(frozen=True, eq=False)
class ScorecardView:
    """One state of the scorecard panel: the scorecard, its grid and the account's trend."""

    card: pd.DataFrame
    grid: Picture
    trend: Picture
    table: str

    @property
    def statuses(self) -> dict[str, str]:
        """The status code of every (account, KPI) cell, by ``"account, KPI label"``."""
        labels = self.card["account"].astype(str) + ", " + self.card["label"].astype(str)
        return dict(zip(labels, self.card["status"], strict=True))


class ScorecardViews:
    """The key-account scorecard of one history, re-read against any targets.

    The KPI values do not depend on the targets: they are computed once, and each state only
    re-reads them against its targets with :func:`lessons.kpis.status_series`.

    Args:
        history: a monthly history as :func:`lessons.scorecard.account_scorecard` takes it
            (default: the seeded sample, ``seed``).
    """

    def __init__(self, history: pd.DataFrame | None = None, *, seed: int = 0):
        self.history = sample_account_history(seed=seed) if history is None else history
        self.monthly = scorecard.account_monthly(self.history)
        self.values = scorecard.account_scorecard(self.history)
        direction = self.values["direction"].to_numpy()
        self._rows = {d: np.flatnonzero(direction == d) for d in ("higher", "lower")}
        self._value_array = self.values["value"].to_numpy(dtype=float)
        self.accounts = list(dict.fromkeys(self.values["account"]))
        #: The panel's controls at rest: the first account, the default targets, 5 % "at risk".
        self.defaults = {
            "account": self.accounts[0],
            **scorecard.DEFAULT_TARGETS,
            "tolerance": 0.05,
        }

    def scorecard(self, targets: Mapping[str, float], tolerance: float) -> pd.DataFrame:
        """The scorecard for these targets: the same as ``account_scorecard(history, targets,
        tolerance)``, without recomputing the KPI values."""
        card = self.values.copy()
        goals = card["kpi"].map(targets).astype(float)
        card["target"] = goals
        # One status_series call per direction (each row with its own target), not per KPI.
        status = card["status"].to_numpy(dtype=object, copy=True)
        goals = goals.to_numpy()
        for direction, rows in self._rows.items():
            if len(rows):
                status[rows] = kpis.status_series(
                    self._value_array[rows], goals[rows], direction, tolerance
                ).to_numpy()
        card["status"] = status
        return card

    def view(self, account: object, targets: Mapping[str, float], tolerance: float):
        """The scorecard, its grid (``account`` outlined), the account's trend and its table."""
        card = self.scorecard(targets, tolerance)
        grid = Picture(
            scorecard_chart.plot_scorecard,
            (card,),
            {"highlight": account, "tolerance": tolerance},
            scorecard_chart.alt_text_scorecard(card, tolerance=tolerance),
        )
        trend = Picture(
            scorecard_chart.plot_account_trend,
            (self.monthly, account),
            alt=scorecard_chart.alt_text_account_trend(self.monthly, account),
        )
        return ScorecardView(card, grid, trend, tables.scorecard_table_html(card, account))
