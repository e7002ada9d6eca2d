"""Each panel as the site shows it: labels, the text of every control value, and one state drawn.

A :class:`SitePanel` pairs a panel's :class:`~lessons.explorer.grids.Grid` with the render path
of its live panel (:mod:`lessons.explorer.views`): :meth:`SitePanel.draw` turns the values of
the moved controls into the figures (:class:`~lessons.explorer.views.Picture`), the HTML parts
and the statuses that the page shows, exactly as the live panel would for the same settings
(the fixed controls at their default). Every text is written here, at build time, through the
catalog and :mod:`lessons.format`, in the current language: the page's script formats nothing.

>>> site = site_panel("restaurant")
>>> site.label("dining_time"), site.text("dining_time", 60), site.text("tables", 20)
('Average dining time', '60 min', '20 tables')
>>> drawn = site.draw(site.grid.values_at(site.grid.default_index))
>>> [kind for kind, _ in site.slots], drawn.message
(['figure', 'html'], None)
>>> site_panel("bakery")
Traceback (most recent call last):
    ...
ValueError: There is no explorer named 'bakery'. Explorers: software_bank, manufacturer, ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lessons import accounts, kpis, scenarios
from lessons import format as fmt
from lessons.explorer.grids import KPI_EXAMPLES, Grid, grid
from lessons.explorer.views import (
    PORTFOLIO_DEFAULTS,
    Picture,
    PortfolioViews,
    ScorecardViews,
    builder_defaults,
    builder_history,
    kpi_builder_view,
    scenario_view,
)
from lessons.i18n import catalog, t
from lessons.scenarios import SCENARIOS, param_specs, shown_setting

__all__ = ["Drawn", "SitePanel", "site_panel"]

#: What a figure slot holds in a state that hides it (the portfolio's loss chart when nobody
#: is removed); ``None`` keeps what the page shows (a refused state).
HIDDEN = False


@dataclass
class Drawn:
    """What one state shows, slot by slot (see :attr:`SitePanel.slots`).

    Attributes:
        figures: for each figure slot, a Picture, ``None`` (keep the shown one: a refused
            state) or ``False`` (hide it).
        html: for each HTML slot, its HTML, or ``None`` (keep).
        statuses: what a screen reader hears when it changes, by label ("Table turnover" ->
            "on track").
        message: why these settings were refused, in words (``None`` when they were not).
    """

    figures: list[Any] = field(default_factory=list)
    html: list[str | None] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    message: str | None = None


def _status_words(statuses: Mapping[str, str]) -> dict[str, str]:
    return {label: fmt.status_label(code, symbol=False) for label, code in statuses.items()}


class SitePanel:
    """One panel on the site: its grid, the label and value texts of its controls, its draw.

    Attributes:
        grid: the states (:func:`lessons.explorer.grids.grid`).
        slots: the page's outputs in order, as ``(kind, name)``, kind ``"figure"`` or
            ``"html"``.
        title: the explorer's heading.
    """

    slots: tuple[tuple[str, str], ...] = ()

    def __init__(self, grid: Grid):
        self.grid = grid
        self.title = t("explorer.title")

    def label(self, name: str) -> str:  # pragma: no cover - every panel overrides it
        """The label of control ``name`` (moved or fixed)."""
        raise NotImplementedError

    def text(self, name: str, value: Any, others: Mapping[str, Any] | None = None) -> str:
        """How ``value`` of control ``name`` reads: an option, or a slider's valuetext.

        ``others`` gives the values of the controls it depends on (the KPI builder's target
        reads in the unit of the chosen example).
        """
        raise NotImplementedError  # pragma: no cover - every panel overrides it

    def fixed_value(self, name: str) -> Any:  # pragma: no cover - every panel overrides it
        """The value a fixed control keeps on the site (the live panel's default)."""
        raise NotImplementedError

    def fixed_follows(self, name: str) -> str | None:
        """The moved control whose value a fixed field shows (``None``: it shows its own)."""
        return None

    def draw(self, values: Mapping[str, Any]) -> Drawn:  # pragma: no cover - overridden
        """What the state with these moved-control values shows."""
        raise NotImplementedError


class ScenarioSite(SitePanel):
    """A scenario's panel: its parameters, one figure and the KPI table."""

    slots = (("figure", "chart"), ("html", "kpis"))

    def __init__(self, name: str):
        super().__init__(grid(name))
        self.name = name
        self.module = scenarios.load(name)
        self.specs = {spec.name: spec for spec in param_specs(self.module.Params)}

    def label(self, name: str) -> str:
        return self.specs[name].label

    def text(self, name: str, value: Any, others: Mapping[str, Any] | None = None) -> str:
        key = f"explorer.value.{self.name}.{name}"
        if f"{key}.{value}" in catalog("en"):  # a value with its own words (0 = never)
            return t(f"{key}.{value}")
        if key in catalog("en"):  # a count whose unit is a word of its own ("20 tables")
            return t(key, value=fmt.integer(value))
        return shown_setting(value, self.specs[name].unit)

    def fixed_value(self, name: str) -> Any:
        return self.specs[name].default

    def draw(self, values: Mapping[str, Any]) -> Drawn:
        try:
            params = self.module.Params(**values)
        except (TypeError, ValueError) as error:
            return Drawn([None], [None], message=str(error))
        view = scenario_view(self.module, params)
        return Drawn([view.picture], [view.table], _status_words(view.statuses))


class PortfolioSite(SitePanel):
    """The portfolio explorer: weights, "remove one account", four figures and the tables."""

    slots = (
        ("html", "weights"),
        ("figure", "pareto"),
        ("figure", "scores"),
        ("html", "tables"),
        ("figure", "matrix"),
        ("figure", "loss"),
        ("html", "loss"),
    )

    def __init__(self):
        super().__init__(grid("portfolio"))
        # Every part is kept: a state shares most of its parts with others (the matrix depends
        # on the removed account only), and each is drawn once.
        self.views = PortfolioViews(None, lambda picture: picture, cache_size=10_000)

    def label(self, name: str) -> str:
        if name.startswith("w_"):
            criterion = accounts.criterion_label(name[2:])
            return t("portfolio.control.weight", criterion=criterion)
        return t(f"portfolio.control.{name}")

    def text(self, name: str, value: Any, others: Mapping[str, Any] | None = None) -> str:
        if name == "remove":
            return str(value) if value else t("portfolio.control.remove_none")
        if name.startswith("w_"):
            return t("explorer.value.weight", value=fmt.number(value, None))
        if name == "top_n":
            return t("explorer.value.top_n", value=fmt.integer(value))
        return fmt.percent(value, 0)

    def fixed_value(self, name: str) -> Any:
        return PORTFOLIO_DEFAULTS[name]

    def draw(self, values: Mapping[str, Any]) -> Drawn:
        settings = {**PORTFOLIO_DEFAULTS, **values}
        weights = {c: float(settings[f"w_{c}"]) for c in accounts.CRITERIA}
        remove = settings["remove"] or None
        view = self.views.view(weights, settings["a"], settings["b"], settings["top_n"], remove)
        if not view.weights_html:
            return Drawn([None] * 4, [None] * 3, message=" ".join(view.problems))
        figures = [view.pareto, view.scores_figure, view.matrix]
        figures.append(HIDDEN if view.loss is None else view.loss)
        statuses = {}
        if view.scores is not None:
            top = view.scores.sort_values("rank").index[:3]
            for rank, account in enumerate(top, start=1):
                statuses[t("explorer.status.score_rank", rank=fmt.integer(rank))] = str(account)
        if view.readings is not None:
            hhi = view.readings.concentration.hhi
            statuses[t("explorer.status.hhi")] = fmt.integer(round(hhi))
        return Drawn(
            figures,
            [view.weights_html, view.tables, view.loss_html],
            statuses,
            " ".join(view.problems) or None,
        )


class KpiBuilderSite(SitePanel):
    """The KPI builder: an example KPI in place of typed texts, its target and direction."""

    slots = (("html", "findings"), ("figure", "chart"), ("html", "history"))

    def __init__(self):
        super().__init__(grid("kpi_builder"))
        self.live = builder_defaults()
        self.examples = {example.key: example for example in KPI_EXAMPLES}

    def label(self, name: str) -> str:
        if name in ("example", "target"):
            return t(f"explorer.control.{name}")
        return t(f"kpi_builder.control.{name}")

    def text(self, name: str, value: Any, others: Mapping[str, Any] | None = None) -> str:
        if name == "example":
            return t(f"explorer.kpi.{value}.option")
        if name == "target":
            return shown_setting(value, self.examples[(others or {})["example"]].unit)
        if name == "direction":
            return t(f"kpi_builder.direction.{value}")
        if name == "tolerance":
            return fmt.percent(value, 0)
        if name == "unit":
            return t(f"kpi_builder.unit.{value}")
        if name == "sample":
            return t("explorer.value.sample", value=fmt.integer(value + 1))
        raise KeyError(name)

    def fixed_value(self, name: str) -> Any:
        return self.live[name]

    def fixed_follows(self, name: str) -> str | None:
        return None if name == "sample" else "example"

    def example_field(self, example: str, name: str) -> str:
        """What the fixed field ``name`` shows for an example (its text, or its unit)."""
        chosen = self.examples[example]
        return self.text("unit", chosen.unit) if name == "unit" else chosen.text(name)

    def kpi(self, values: Mapping[str, Any]) -> kpis.KPI:
        """The KPI of a state: the example's texts and unit, the state's direction and target."""
        example = self.examples[values["example"]]
        return kpis.KPI(
            name=example.text("name"),
            formula=example.text("formula"),
            unit=example.unit,
            direction=values["direction"],
            target=float(values["target"]),
            period=example.text("period"),
            owner=example.text("owner"),
            objective=example.text("objective"),
        )

    def draw(self, values: Mapping[str, Any]) -> Drawn:
        kpi = self.kpi(values)
        history = builder_history(kpi.unit, kpi.direction.value, self.live["sample"])
        view = kpi_builder_view(kpi, history, float(values["tolerance"]))
        if view.problems:
            return Drawn([None], [view.findings_html, None], message=" ".join(view.problems))
        counts = view.statuses.value_counts()
        statuses = {t("explorer.status.smart"): t("explorer.value.smart", score=view.score)}
        for code in ("on track", "at risk", "off track"):
            label = t("explorer.status.periods", status=fmt.status_label(code, symbol=False))
            statuses[label] = fmt.integer(int(counts.get(code, 0)))
        return Drawn([view.picture], [view.findings_html, view.table], statuses)


class ScorecardSite(SitePanel):
    """The key-account scorecard: the account, two targets and the tolerance."""

    slots = (("figure", "grid"), ("figure", "trend"), ("html", "scorecard"))

    def __init__(self):
        super().__init__(grid("scorecard"))
        self.views = ScorecardViews()
        # The trend depends on the account alone: one Picture per account, drawn once.
        self._trends: dict[Any, Picture] = {}

    def label(self, name: str) -> str:
        return t(f"scorecard_panel.control.{name}")

    def text(self, name: str, value: Any, others: Mapping[str, Any] | None = None) -> str:
        if name == "account":
            return str(value)
        if name == "average_satisfaction":
            return fmt.value(value, "/5")
        return shown_setting(value, "%")

    def fixed_value(self, name: str) -> Any:
        return self.views.defaults[name]

    def draw(self, values: Mapping[str, Any]) -> Drawn:
        settings = {**self.views.defaults, **values}
        account = settings.pop("account")
        tolerance = float(settings.pop("tolerance"))
        view = self.views.view(account, settings, tolerance)
        trend = self._trends.setdefault(account, view.trend)
        return Drawn([view.grid, trend], [view.table], _status_words(view.statuses))


def site_panel(name: str) -> SitePanel:
    """The panel ``name`` as the site shows it, in the current language."""
    grid(name)  # refuses an unknown name, listing the known ones
    if name in SCENARIOS:
        return ScenarioSite(name)
    return {"portfolio": PortfolioSite, "kpi_builder": KpiBuilderSite, "scorecard": ScorecardSite}[
        name
    ]()
