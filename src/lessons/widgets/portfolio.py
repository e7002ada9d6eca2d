"""The customer-portfolio explorer: who are the key accounts, and how much depends on them?

Controls: the weights of the four criteria of a key account (revenue, strategic value, growth
potential, engagement), the ABC cuts, the "top N" to read, and one customer to remove. Outputs:
the Pareto curve with ABC classes, the weighted-score ranking against the revenue ranking, the
ABC and concentration tables, the attractiveness × strength matrix and the impact of losing the
removed customer.

The panel only wires: every number comes from :mod:`lessons.accounts`, every figure and table
from :mod:`lessons.charts.accounts`. Each part is re-drawn only when its own inputs change
(the others come from a small cache), so a change costs one figure.

:class:`LivePanel` is the small base the course's topic panels share (portfolio, KPI builder,
scorecard): ``controls``, ``figure``, ``message``, ``set(**values)``, ``reset()``, one render
per change, and a refused input explained in the panel while the last good chart stays.
"""

from __future__ import annotations

import html
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
import pandas as pd

from lessons import accounts
from lessons.charts import accounts as charts
from lessons.charts.style import figure_html
from lessons.i18n import t
from lessons.widgets._panel import error_html

__all__ = ["LivePanel", "PortfolioPanel", "portfolio_panel"]

_GRID = w.Layout(
    display="grid",
    grid_template_columns="repeat(auto-fit, minmax(260px, 1fr))",
    grid_gap="4px 16px",
    width="100%",
)
_ROW = "<div style='display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start'>{}</div>"
_CELL = "<div style='flex:1 1 400px;min-width:0'>{}</div>"


def row_html(*parts: str) -> str:
    """Several HTML blocks side by side, wrapping below each other on a narrow screen."""
    return _ROW.format("".join(_CELL.format(part) for part in parts))


class _Cache:
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


class LivePanel(w.VBox):
    """Base of a live panel: controls -> :meth:`render` -> figure HTML; one render per change.

    Subclasses call :meth:`_prepare` first (it creates ``reset_button``, ``message`` and
    ``figure``), fill ``self.controls`` and ``self.defaults``, then call ``super().__init__``
    with the body widgets; they implement :meth:`render`, which raises ``ValueError`` or
    ``TypeError`` (with a learner-facing message) to refuse the current settings.

    Attributes: ``controls`` (dict name -> widget), ``figure`` (HTML widget holding the
    ``<img>``), ``message`` (HTML widget, empty unless something was refused), ``renders``
    (how many renders so far) and ``last_render_seconds``.
    """

    def _prepare(self, dpi: int = 90) -> None:
        self.dpi = dpi
        self.renders = 0
        self.last_render_seconds = float("nan")
        self._muted = False
        self._depth = 0
        self.reset_button = w.Button(
            description=t("widgets.reset"), tooltip=t("widgets.reset.tooltip"), icon="undo"
        )
        self.reset_button.on_click(lambda _: self.reset())
        self.message = w.HTML()
        self.figure = w.HTML()
        self._layouts: dict[Hashable, list] = {}

    def __init__(self, body: list[w.Widget]):
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        super().__init__(body, layout=w.Layout(width="100%"))
        self.update()

    @contextmanager
    def _batch(self):
        """Change several controls and render once at the end (batches may nest)."""
        self._depth += 1
        self._muted = True
        try:
            yield
        finally:
            self._depth -= 1
            self._muted = self._depth > 0
        if not self._muted:
            self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._muted:
            self.update()

    def values(self) -> dict[str, Any]:
        """Current control values by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set several controls at once (one render)."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(
                t(
                    "portfolio.error.unknown_control",
                    unknown=unknown,
                    known=", ".join(self.controls),
                )
            )
        with self._batch():
            for key, value in values.items():
                self.controls[key].value = value

    def reset(self) -> None:
        """Every control back to its default (one render)."""
        self.set(**self.defaults)

    def update(self) -> bool:
        """Recompute and redraw; return False (and explain) if the settings were refused."""
        start = time.perf_counter()
        self.renders += 1
        try:
            problems = self.render() or []
        except (ValueError, TypeError) as error:
            problems = [str(error)]
        self.message.value = "".join(error_html(p) for p in problems)
        self.last_render_seconds = time.perf_counter() - start
        return not problems

    def image(self, fig, alt: str, layout: Hashable) -> str:
        """The figure as an ``<img>``, reusing the axes positions of the first figure of kind
        ``layout``.

        Constrained layout measures every text before drawing; the panel's figures keep the
        same frame from one change to the next, so the positions found for the first one are
        reused, which saves that measuring pass on every later change.
        """
        frozen = self._layouts.get(layout)
        if frozen is not None and len(frozen) == len(fig.axes):
            fig.set_layout_engine("none")
            for ax, position in zip(fig.axes, frozen, strict=True):
                ax.set_position(position)
        html_img = figure_html(fig, alt, dpi=self.dpi)
        if frozen is None:
            self._layouts[layout] = [ax.get_position() for ax in fig.axes]
        return html_img

    def render(self) -> list[str] | None:  # pragma: no cover - every panel overrides it
        """Redraw the outputs; return the problems to explain (empty when all went well)."""
        raise NotImplementedError


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
        self.portfolio = accounts.load_sample_portfolio() if portfolio is None else portfolio
        # Validate once, so a bad portfolio fails here with the accounts module's message.
        accounts.key_account_score(self.portfolio)
        revenue = self.portfolio.set_index("account")["revenue"]
        order = accounts.pareto_table(revenue).index
        self.defaults = {f"w_{c}": 5.0 for c in accounts.CRITERIA}
        self.defaults.update(a=0.80, b=0.95, top_n=3, remove="")
        self.controls = {
            f"w_{c}": _slider(
                5.0, 0.0, 10.0, 0.5,
                t("portfolio.control.weight", criterion=accounts.criterion_label(c)), False,
            )
            for c in accounts.CRITERIA
        }  # fmt: skip
        self.controls["a"] = _slider(0.80, 0.50, 0.95, 0.05, t("portfolio.control.a"), True)
        self.controls["b"] = _slider(0.95, 0.55, 1.00, 0.05, t("portfolio.control.b"), True)
        self.controls["top_n"] = w.IntSlider(
            value=3, min=1, max=min(10, len(order)), step=1,
            description=t("portfolio.control.top_n"), continuous_update=False,
            style={"description_width": "8.5em"}, layout=w.Layout(width="100%"),
        )  # fmt: skip
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
        self._pareto = _Cache()
        self._scores = _Cache()
        self._matrix = _Cache(8)
        self._loss = _Cache(8)
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
                w.Box([weights_box, classes_box], layout=_GRID),
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
        title = None
        if remove is not None:
            title = t("portfolio.pareto.title_without", account=remove)
        fig = charts.plot_pareto(table, title=title, thresholds=(a, b), top_n=top_n)
        alt = charts.alt_text_pareto(table, thresholds=(a, b), top_n=top_n)
        return table, self.image(fig, alt, "pareto"), charts.concentration_html(table)

    def _scores_part(self, weights: dict, remove) -> tuple[pd.DataFrame, str]:
        scores = accounts.key_account_score(self._view(remove), weights)
        normalised = _normalised(weights)
        fig = charts.plot_scores(scores, weights=normalised)
        alt = charts.alt_text_scores(scores, weights=normalised)
        return scores, self.image(fig, alt, "scores")

    def _matrix_part(self, remove) -> str:
        matrix = accounts.portfolio_matrix(self._view(remove))
        fig = charts.plot_portfolio_matrix(matrix)
        return figure_html(fig, charts.alt_text_portfolio_matrix(matrix), dpi=self.dpi)

    def _loss_part(self, remove) -> str:
        if remove is None:
            return f"<p><em>{t('portfolio.loss.hint')}</em></p>"
        impact = accounts.loss_impact(self._revenue(None), remove)
        fig = charts.plot_loss_impact(impact)
        image = figure_html(fig, charts.alt_text_loss_impact(impact), dpi=self.dpi)
        return row_html(image, charts.loss_impact_html(impact))

    def _raw_weights(self) -> dict[str, float]:
        return {c: float(self.controls[f"w_{c}"].value) for c in accounts.CRITERIA}

    # -- render -------------------------------------------------------------------------------

    def render(self) -> list[str]:
        v = self.values()
        weights = self._raw_weights()
        a, b, top_n = float(v["a"]), float(v["b"]), int(v["top_n"])
        remove = v["remove"] or None  # "" (or None) means nobody
        problems: list[str] = []
        scores = None
        try:
            scores, self._last["scores"] = self._scores.get(
                (tuple(weights.values()), remove), lambda: self._scores_part(weights, remove)
            )
            self.weights.value = charts.weights_html(_normalised(weights))
        except ValueError as error:
            problems.append(t("portfolio.error.weights", why=str(error)))
            self.weights.value = f"<p>{html.escape(t('portfolio.weights.none'))}</p>"
        try:
            if b <= a:
                raise ValueError(
                    t("portfolio.error.abc_order", a=f"{a * 100:.0f} %", b=f"{b * 100:.0f} %")
                )
            table, self._last["pareto"], concentration = self._pareto.get(
                (a, b, top_n, remove), lambda: self._pareto_part(a, b, top_n, remove)
            )
            self.tables.value = row_html(charts.abc_table_html(table, scores), concentration)
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
            :func:`lessons.accounts.load_sample_portfolio` returns.
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
