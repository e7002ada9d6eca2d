"""The customer-portfolio explorer: who are the key accounts, and how much depends on them?

Controls: the weights of the four criteria of a key account (revenue, strategic value, growth
potential, engagement), the ABC cuts, the "top N" to read, and one customer to remove. Outputs:
the Pareto curve with ABC classes, the weighted-score ranking against the revenue ranking, the
ABC and concentration tables, the attractiveness × strength matrix and the impact of losing the
removed customer.

The panel only wires: every part comes from :class:`lessons.explorer.views.PortfolioViews` (the
render path the site's explorer shares), whose numbers come from :mod:`lessons.accounts`,
figures from :mod:`lessons.charts.accounts` and tables from :mod:`lessons.tables`. Each part is
re-drawn only when its own inputs change (the others come from a small cache), so a change
costs one figure.

It derives from :class:`lessons.widgets.panel.LivePanel`, the base every live panel shares:
``controls``, ``figure``, ``message``, ``set(**values)``, ``reset()``, one render per change,
and a refused input explained in the panel while the last good chart stays.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from lessons import accounts
from lessons.explorer.views import PORTFOLIO_DEFAULTS, Picture, PortfolioViews, row_html
from lessons.i18n import t
from lessons.widgets.panel import GRID, LivePanel, readout_format

__all__ = ["PortfolioPanel", "portfolio_panel"]


def _slider(value: float, low: float, high: float, step: float, label: str, percent: bool):
    return w.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        readout_format=readout_format(step, percent),
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
        self.views = PortfolioViews(portfolio, self._show)
        self.portfolio = self.views.portfolio
        order = self.views.order
        self.defaults = dict(PORTFOLIO_DEFAULTS)
        self.controls = {
            f"w_{c}": _slider(
                PORTFOLIO_DEFAULTS[f"w_{c}"],
                0.0,
                10.0,
                0.5,
                t("portfolio.control.weight", criterion=accounts.criterion_label(c)),
                False,
            )
            for c in accounts.CRITERIA
        }
        d = self.defaults
        self.controls["a"] = _slider(d["a"], 0.50, 0.95, 0.05, t("portfolio.control.a"), True)
        self.controls["b"] = _slider(d["b"], 0.55, 1.00, 0.05, t("portfolio.control.b"), True)
        self.controls["top_n"] = w.IntSlider(
            value=d["top_n"],
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

    def _show(self, picture: Picture) -> str:
        return self.draw(picture)

    def _view(self, values: dict[str, Any]):
        """The views' outputs for some control values (drawn, or taken from their caches)."""
        weights = {c: float(values[f"w_{c}"]) for c in accounts.CRITERIA}
        remove = values["remove"] or None  # "" (or None) means nobody
        a, b, top_n = float(values["a"]), float(values["b"]), int(values["top_n"])
        return self.views.view(weights, a, b, top_n, remove)

    def warm(self, values: dict[str, Any]) -> None:
        """Draw the figures and tables of ``values`` into the views' caches, showing nothing."""
        self._view(values)

    def render(self) -> list[str]:
        view = self._view(self.values())
        if not view.weights_html:  # no account left: the one message says what brings one back
            return view.problems
        self.weights.value = view.weights_html
        for part, shown in (("pareto", view.pareto), ("scores", view.scores_figure)):
            if shown is not None:
                self._last[part] = shown
        if view.tables is not None:
            self.tables.value = view.tables
        self.figure.value = row_html(self._last["pareto"], self._last["scores"])
        if view.matrix is not None:
            self.matrix.value = view.matrix
        if view.loss_html is not None:
            self.loss.value = (
                view.loss_html if view.loss is None else row_html(view.loss, view.loss_html)
            )
        return view.problems


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
