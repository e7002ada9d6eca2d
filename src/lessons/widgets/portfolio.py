"""The customer-portfolio explorer: who are the key accounts, and how much depends on them?

Controls: the weights of the four criteria of a key account (revenue, strategic value, growth
potential, engagement), the ABC cuts, the "top N" to read, and one customer to remove. Outputs:
the Pareto curve with ABC classes, the weighted-score ranking against the revenue ranking, the
ABC and concentration tables, the attractiveness × strength matrix and the impact of losing the
removed customer.

The panel only wires: every number comes from :mod:`lessons.accounts`, every figure from
:mod:`lessons.charts.accounts` and every table from :mod:`lessons.tables`. Each part is re-drawn
only when its own inputs change (the others come from a small cache), so a change costs one
figure.

It derives from :class:`lessons.widgets.panel.LivePanel`, the base every live panel shares:
``controls``, ``figure``, ``message``, ``set(**values)``, ``reset()``, one render per change,
and a refused input explained in the panel while the last good chart stays.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from lessons import accounts, tables
from lessons import format as fmt
from lessons.charts import accounts as charts
from lessons.i18n import t
from lessons.samples import load_sample_portfolio
from lessons.widgets.panel import GRID, Cache, LivePanel, row_html

__all__ = ["PortfolioPanel", "portfolio_panel"]


def _slider(value: float, low: float, high: float, step: float, label: str, percent: bool):
    return w.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        readout_format=".0%" if percent else ".1f",
        continuous_update=False,
        style={"description_width": "8.5em"},
        layout=w.Layout(width="100%"),
    )


class PortfolioPanel(LivePanel):
    """The portfolio explorer. ``panel.set(w_revenue=3, a=0.7)`` drives it from code.

    Controls: ``w_revenue``, ``w_strategic_value``, ``w_growth_potential``, ``w_engagement``
    (importance 0-10, normalised to 100 %), ``a`` and ``b`` (ABC cuts, fractions), ``top_n``
    (accounts), ``remove`` (an account name, or ``""`` for nobody).
    """

    def __init__(self, portfolio: pd.DataFrame | None = None, *, dpi: int = 90):
        self._prepare(dpi)
        self.portfolio = load_sample_portfolio() if portfolio is None else portfolio
        # Validate once, so a bad portfolio fails here with the accounts module's message.
        accounts.key_account_score(self.portfolio)
        revenue = self.portfolio.set_index("account")["revenue"]
        order = accounts.pareto_table(revenue).index
        self.defaults = {f"w_{c}": 5.0 for c in accounts.CRITERIA}
        self.defaults.update(a=0.80, b=0.95, top_n=3, remove="")
        self.controls = {
            f"w_{c}": _slider(
                5.0,
                0.0,
                10.0,
                0.5,
                t("portfolio.control.weight", criterion=accounts.criterion_label(c)),
                False,
            )
            for c in accounts.CRITERIA
        }
        self.controls["a"] = _slider(0.80, 0.50, 0.95, 0.05, t("portfolio.control.a"), True)
        self.controls["b"] = _slider(0.95, 0.55, 1.00, 0.05, t("portfolio.control.b"), True)
        self.controls["top_n"] = w.IntSlider(
            value=3,
            min=1,
            max=min(10, len(order)),
            step=1,
            description=t("portfolio.control.top_n"),
            continuous_update=False,
            style={"description_width": "8.5em"},
            layout=w.Layout(width="100%"),
        )
        self.controls["remove"] = w.Dropdown(
            options=[(t("portfolio.control.remove_none"), "")] + [(str(a), a) for a in order],
            value="",
            description=t("portfolio.control.remove"),
            style={"description_width": "8.5em"},
            layout=w.Layout(width="100%"),
        )
        self.weights = w.HTML()
        self.tables = w.HTML()
        self.matrix = w.HTML()
        self.loss = w.HTML()
        self._pareto = Cache()
        self._scores = Cache()
        self._matrix = Cache(8)
        self._loss = Cache(8)
        self._tables = Cache()
        self._last = {"pareto": "", "scores": ""}
        weights_box = w.VBox(
            [w.HTML(f"<strong>{t('portfolio.heading.weights')}</strong>")]
            + [self.controls[f"w_{c}"] for c in accounts.CRITERIA]
            + [self.weights]
        )
        classes_box = w.VBox(
            [w.HTML(f"<strong>{t('portfolio.heading.classes')}</strong>")]
            + [self.controls[k] for k in ("a", "b", "top_n", "remove")]
        )
        super().__init__(
            [
                w.Box([weights_box, classes_box], layout=GRID),
                self.reset_button,
                self.message,
                self.figure,
                self.tables,
                self.matrix,
                self.loss,
            ]
        )

    # -- data views ---------------------------------------------------------------------------

    def _view(self, remove) -> pd.DataFrame:
        """The portfolio as it would be without ``remove`` (all of it when ``None``)."""
        if remove is None:
            return self.portfolio
        return self.portfolio[self.portfolio["account"] != remove]

    def _revenue(self, remove) -> pd.Series:
        return self._view(remove).set_index("account")["revenue"]

    # -- parts --------------------------------------------------------------------------------

    def _pareto_part(self, a: float, b: float, top_n: int, remove) -> tuple[pd.DataFrame, str, str]:
        table = accounts.pareto_table(self._revenue(remove), a=a, b=b)
        # Read once: the figure, its alt text and the concentration table show the same numbers.
        readings = accounts.pareto_readings(table)
        title = None
        if remove is not None:
            title = t("portfolio.pareto.title_without", account=remove)
        fig = charts.plot_pareto(table, readings, title=title, thresholds=(a, b), top_n=top_n)
        alt = charts.alt_text_pareto(table, readings, thresholds=(a, b), top_n=top_n)
        return table, self.image(fig, alt), tables.concentration_html(readings)

    def _scores_part(self, weights: dict, remove) -> tuple[pd.DataFrame, str]:
        scores = accounts.key_account_score(self._view(remove), weights)
        normalised = _normalised(weights)
        # The weights are shown next to their sliders (and said in the alt text): the chart
        # leaves out its weights line, one long text less to draw on every change.
        fig = charts.plot_scores(scores)
        alt = charts.alt_text_scores(scores, weights=normalised)
        return scores, self.image(fig, alt)

    def _matrix_part(self, remove) -> str:
        matrix = accounts.portfolio_matrix(self._view(remove))
        fig = charts.plot_portfolio_matrix(matrix)
        return self.image(fig, charts.alt_text_portfolio_matrix(matrix))

    def _loss_part(self, remove) -> str:
        if remove is None:
            return f"<p><em>{t('portfolio.loss.hint')}</em></p>"
        impact = accounts.loss_impact(self._revenue(None), remove)
        fig = charts.plot_loss_impact(impact)
        image = self.image(fig, charts.alt_text_loss_impact(impact))
        return row_html(image, tables.loss_impact_html(impact))

    def _raw_weights(self) -> dict[str, float]:
        return {c: float(self.controls[f"w_{c}"].value) for c in accounts.CRITERIA}

    # -- render -------------------------------------------------------------------------------

    def render(self) -> list[str]:
        v = self.values()
        weights = self._raw_weights()
        a, b, top_n = float(v["a"]), float(v["b"]), int(v["top_n"])
        remove = v["remove"] or None  # "" (or None) means nobody
        if remove is not None and self._revenue(remove).sum() <= 0:
            # Nothing left to rank, score or share out: say so once, and what brings it back,
            # rather than one message per part (each blaming its own input, a weight slider).
            return [t("portfolio.error.nothing_left", account=remove)]
        problems: list[str] = []
        scores = None
        scores_key = None
        try:
            # Keyed by the normalised weights: (5, 5, 5, 5) and (2, 2, 2, 2) score alike.
            normalised = _normalised(weights)
        except ValueError as error:
            problems.append(t("portfolio.error.weights", why=str(error)))
            self.weights.value = f"<p>{html.escape(t('portfolio.weights.none'))}</p>"
        else:
            self.weights.value = tables.weights_html(normalised)
            scores_key = (tuple(round(normalised[c], 12) for c in accounts.CRITERIA), remove)
            try:
                scores, self._last["scores"] = self._scores.get(
                    scores_key, lambda: self._scores_part(weights, remove)
                )
            except ValueError as error:
                problems.append(str(error))
        try:
            if b <= a:
                raise ValueError(
                    t("portfolio.error.abc_order", a=fmt.percent(a, 0), b=fmt.percent(b, 0))
                )
            pareto_key = (a, b, top_n, remove)
            table, self._last["pareto"], concentration = self._pareto.get(
                pareto_key, lambda: self._pareto_part(a, b, top_n, remove)
            )
            # The ABC table does not depend on top_n: rebuilt only when its numbers change.
            self.tables.value = self._tables.get(
                (a, b, remove, scores_key),
                lambda: row_html(tables.abc_table_html(table, scores), concentration),
            )
        except ValueError as error:
            problems.append(str(error))
        self.figure.value = row_html(self._last["pareto"], self._last["scores"])
        try:
            self.matrix.value = self._matrix.get(remove, lambda: self._matrix_part(remove))
            self.loss.value = self._loss.get(remove, lambda: self._loss_part(remove))
        except ValueError as error:
            problems.append(str(error))
        return problems


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    """The weights as :func:`lessons.accounts.key_account_score` uses them (sum 1)."""
    return accounts.score_weights(weights)


def portfolio_panel(portfolio: pd.DataFrame | None = None, **options: Any) -> PortfolioPanel:
    """The live portfolio explorer, on the course's sample portfolio unless one is given.

    Args:
        portfolio: DataFrame with ``account``, ``revenue`` (€ per year), ``strategic_value``,
            ``growth_potential`` and ``engagement`` (1-5), as
            :func:`lessons.samples.load_sample_portfolio` returns.
        options: ``dpi`` of the figures (default 90).

    >>> panel = portfolio_panel()
    >>> sorted(panel.controls)[:3]
    ['a', 'b', 'remove']
    >>> panel.set(b=0.6)
    >>> "must be above the A/B cut" in panel.message.value
    True
    >>> portfolio_panel(pd.DataFrame({"account": ["X"]}))
    Traceback (most recent call last):
        ...
    ValueError: ...
    """
    return PortfolioPanel(portfolio, **options)
