"""Live panels (ipywidgets): controls -> simulation -> KPIs -> chart. Wiring only.

Import a panel from its module, e.g. ``from lessons.widgets.panel import scenario_panel``;
the most used are re-exported here.
"""

from lessons.widgets.panel import ScenarioPanel, scenario_panel

__all__ = ["ScenarioPanel", "scenario_panel"]
