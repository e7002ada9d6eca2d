"""The key-account scorecard panel: KPIs that measure key accounts, with targets you set.

Key accounts and KPIs are not mutually exclusive: KPIs measure key accounts too (the course's
source, section 2). The panel shows the four key accounts of the sample history on five KPIs
(:func:`lessons.scorecard.account_scorecard`), each against a target the learner sets, and one
account month by month (:func:`lessons.scorecard.account_monthly`). Moving a target re-draws
only the grid; the month-by-month figure depends on the account alone. The panel only wires:
what it shows comes from :class:`lessons.explorer.views.ScorecardViews`, the render path the
site's explorer shares.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from lessons.explorer.views import Cache, ScorecardViews, row_html
from lessons.i18n import t
from lessons.widgets.panel import GRID, LivePanel, readout_format

__all__ = ["TARGET_CONTROLS", "ScorecardPanel", "scorecard_panel"]

#: One slider per KPI target: (low, high, step, shown as %).
TARGET_CONTROLS = {
    "revenue_growth": (-0.10, 0.30, 0.01, True),
    "revenue_share": (0.05, 0.60, 0.01, True),
    "csat": (0.50, 1.00, 0.01, True),
    "average_satisfaction": (3.0, 5.0, 0.1, False),
    "on_time_rate": (0.80, 1.00, 0.01, True),
}

_STYLE = {"style": {"description_width": "8em"}, "layout": w.Layout(width="100%")}


class ScorecardPanel(LivePanel):
    """The live key-account scorecard. ``panel.set(on_time_rate=0.9, account="...")``.

    Controls: ``account`` (the account shown month by month and outlined in the grid), one
    target per KPI (``revenue_growth``, ``revenue_share``, ``csat``,
    ``average_satisfaction``, ``on_time_rate``; fractions except the 1-5 rating) and
    ``tolerance`` (the relative miss still "at risk").
    """

    def __init__(self, history: pd.DataFrame | None = None, *, seed: int = 0, dpi: int = 90):
        self._prepare(dpi)
        self.views = ScorecardViews(history, seed=seed)
        self.history, self.monthly = self.views.history, self.views.monthly
        names = self.views.accounts
        self.defaults = self.views.defaults
        self.controls: dict[str, w.ValueWidget] = {
            "account": w.Dropdown(
                options=[(str(a), a) for a in names],
                value=names[0],
                description=t("scorecard_panel.control.account"),
                **_STYLE,
            )
        }
        for code, (low, high, step, percent) in TARGET_CONTROLS.items():
            self.controls[code] = w.FloatSlider(
                value=self.defaults[code],
                min=low,
                max=high,
                step=step,
                readout_format=readout_format(step, percent),
                continuous_update=False,
                description=t(f"scorecard_panel.control.{code}"),
                **_STYLE,
            )
        self.controls["tolerance"] = w.FloatSlider(
            value=self.defaults["tolerance"],
            min=0.0,
            max=0.20,
            step=0.01,
            readout_format=".0%",
            continuous_update=False,
            description=t("scorecard_panel.control.tolerance"),
            **_STYLE,
        )
        self.table = w.HTML()
        self._grids = Cache()
        self._trends = Cache()
        self._last = {"grid": "", "trend": ""}
        super().__init__(
            [
                w.HTML(f"<p>{html.escape(t('scorecard_panel.heading'))}</p>"),
                w.Box(list(self.controls.values()), layout=GRID),
                self.reset_button,
                self.message,
                self.figure,
                self.table,
            ]
        )

    def scorecard(self, targets: dict[str, float], tolerance: float) -> pd.DataFrame:
        """The scorecard for these targets: the same as ``account_scorecard(history, targets,
        tolerance)``, without recomputing the KPI values."""
        return self.views.scorecard(targets, tolerance)

    def render(self) -> list[str]:
        v = self.values()
        account, tolerance = v["account"], float(v["tolerance"])
        targets = {code: float(v[code]) for code in TARGET_CONTROLS}
        view = self.views.view(account, targets, tolerance)
        key = (account, tolerance, tuple(targets.values()))
        grid, trend = view.grid, view.trend
        self._last["grid"] = self._grids.get(key, lambda: self.draw(grid))
        self._last["trend"] = self._trends.get(account, lambda: self.draw(trend))
        self.figure.value = row_html(self._last["grid"], self._last["trend"])
        self.table.value = view.table
        return []


def scorecard_panel(history: pd.DataFrame | None = None, **options: Any) -> ScorecardPanel:
    """The live key-account scorecard, on the seeded sample history unless one is given.

    Args:
        history: a monthly history as :func:`lessons.scorecard.account_scorecard` takes it.
        options: ``seed`` of the sample history (default 0), ``dpi`` of the figures (90).

    >>> panel = scorecard_panel()
    >>> panel.controls["account"].value
    'Vantor Retail Group'
    >>> panel.set(on_time_rate=0.85)
    >>> "on track" in panel.table.value
    True
    """
    return ScorecardPanel(history, **options)
