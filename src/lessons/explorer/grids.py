"""The grid of control values each panel offers on the static site.

A panel's grid crosses every control the site lets a learner move: each combination is one
state, computed when the site is built. The two controls that carry the panel's lesson (the
ones its notebook's "Live panel" prompt names, :attr:`Grid.lesson`) have at least seven steps;
every grid holds the live panel's default and the values the notebook's "What if" sections use
(:attr:`Grid.required`), and stays near 500 states or fewer, since each costs a render at
build time. Every other control of the live panel is listed in :attr:`Grid.fixed`: the site
shows it disabled, at its default, with the reason.

A state is addressed by the positions of the controls, read as one number (the last control
moves fastest): :meth:`Grid.index` and :meth:`Grid.positions`.

>>> grid("restaurant").size, grid("restaurant").lesson
(147, ('dining_time', 'arrivals'))
>>> grid("restaurant").values_at(grid("restaurant").default_index)["dining_time"]
90
>>> grid("bakery")
Traceback (most recent call last):
    ...
ValueError: There is no explorer named 'bakery'. Explorers: software_bank, manufacturer, ...
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lessons import accounts
from lessons.explorer.views import PORTFOLIO_DEFAULTS, ScorecardViews, builder_defaults
from lessons.i18n import t
from lessons.samples import load_sample_portfolio
from lessons.scenarios import SCENARIOS, load, param_specs

__all__ = [
    "EXPLORERS",
    "KPI_EXAMPLES",
    "TARGET_STEPS",
    "Control",
    "Grid",
    "KpiExample",
    "grid",
]


@dataclass(frozen=True)
class Control:
    """One control the site moves, and the values it steps through, in order.

    ``kind`` is ``"range"`` (a slider) or ``"select"`` (a list). A control whose values depend
    on other controls (the KPI builder's target follows the example's unit and the direction)
    names them in ``depends`` and gives its values for each of their combinations in ``by``
    (keyed by the tuple of their values); every such list has the same length.
    """

    name: str
    values: tuple = ()
    kind: str = "range"
    depends: tuple[str, ...] = ()
    by: Mapping[tuple, tuple] = field(default_factory=dict)

    @property
    def steps(self) -> int:
        """How many positions the control has."""
        return len(next(iter(self.by.values()))) if self.depends else len(self.values)

    def value(self, position: int, others: Mapping[str, Any]) -> Any:
        """The value at ``position``, given the values of the controls it depends on."""
        values = self.by[tuple(others[n] for n in self.depends)] if self.depends else self.values
        return values[position]

    def all_values(self) -> set:
        """Every value the control can take, whatever the others."""
        if not self.depends:
            return set(self.values)
        return {v for values in self.by.values() for v in values}


@dataclass(frozen=True)
class Grid:
    """The states of one panel on the site.

    Attributes:
        name: the explorer's name (``"restaurant"``, ``"portfolio"``...).
        controls: the controls the site moves, crossed (the last one moves fastest).
        fixed: the live panel's other controls, shown disabled at their default.
        default: the live panel's default value of each moved control.
        lesson: the two controls that carry the lesson (the notebook's "Live panel" prompt).
        required: values the notebook's what-ifs use, by control: the grid must hold them.
    """

    name: str
    controls: tuple[Control, ...]
    fixed: tuple[str, ...]
    default: Mapping[str, Any]
    lesson: tuple[str, str]
    required: Mapping[str, tuple] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """The number of states."""
        return math.prod(c.steps for c in self.controls)

    @property
    def strides(self) -> tuple[int, ...]:
        """How far one step of each control moves the state index."""
        strides, stride = [], 1
        for control in reversed(self.controls):
            strides.append(stride)
            stride *= control.steps
        return tuple(reversed(strides))

    def control(self, name: str) -> Control:
        """The moved control called ``name``."""
        for control in self.controls:
            if control.name == name:
                return control
        raise KeyError(name)

    def index(self, positions: tuple[int, ...]) -> int:
        """The state index of the controls at ``positions``."""
        return sum(p * s for p, s in zip(positions, self.strides, strict=True))

    def positions(self, index: int) -> tuple[int, ...]:
        """The position of every control in state ``index``."""
        if not 0 <= index < self.size:
            raise ValueError(f"state {index} is outside 0..{self.size - 1} of {self.name}")
        pairs = zip(self.strides, self.controls, strict=True)
        return tuple((index // stride) % control.steps for stride, control in pairs)

    def values_at(self, index: int) -> dict[str, Any]:
        """The value of every moved control in state ``index``."""
        values: dict[str, Any] = {}
        for control, position in zip(self.controls, self.positions(index), strict=True):
            values[control.name] = control.value(position, values)
        return values

    @property
    def default_index(self) -> int:
        """The state the page opens on: every control at the live panel's default."""
        positions, values = [], {}
        for control in self.controls:
            choices = (
                control.by[tuple(values[n] for n in control.depends)]
                if control.depends
                else control.values
            )
            positions.append(choices.index(self.default[control.name]))
            values[control.name] = self.default[control.name]
        return self.index(tuple(positions))

    def states(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every ``(index, values)`` of the grid, in index order."""
        for index in range(self.size):
            yield index, self.values_at(index)

    def spec(self) -> str:
        """The grid as text, for the cache key: any change to it rebuilds the states."""
        return repr(self)


# ------------------------------------------------------------------------- the six scenarios


def _scenario(
    name: str, controls: dict[str, tuple], lesson: tuple[str, str], required: dict
) -> Grid:
    specs = param_specs(load(name).Params)
    moved = tuple(Control(key, values) for key, values in controls.items())
    return Grid(
        name=name,
        controls=moved,
        fixed=tuple(s.name for s in specs if s.name not in controls),
        default={s.name: s.default for s in specs if s.name in controls},
        lesson=lesson,
        required=required,
    )


def _scenario_grids() -> dict[str, Grid]:
    return {
        # "Move the account manager's time, the bank's share of revenue and the renewal
        # month"; what-ifs: 4 and 8 hours a week, a 60 % share. Beyond 28 hours a week the
        # bank is as satisfied as it gets: more steps there would change nothing. Every state
        # is drawn twice (wide and phone) in each edition when the site is built, so the
        # grids cross the lesson's controls and only the other values a what-if uses.
        "software_bank": _scenario(
            "software_bank",
            {
                "manager_hours": (0.0, 4.0, 8.0, 12.0, 16.0, 20.0, 28.0),
                "bank_share": (0.15, 0.25, 0.35, 0.45, 0.6, 0.7, 0.8),
            },
            ("manager_hours", "bank_share"),
            {"manager_hours": (4.0, 8.0), "bank_share": (0.6,)},
        ),
        # One bad day is not a trend: the chance of a bad day against the drift; what-ifs: a
        # drift of 2 points, a target faster than the machine (refused).
        "manufacturer": _scenario(
            "manufacturer",
            {
                "bad_day_probability": (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3),
                "defect_drift": (-0.01, -0.005, 0.0, 0.005, 0.01, 0.015, 0.02),
                "target_minutes": (3.5, 4.5, 5.5),
            },
            ("bad_day_probability", "defect_drift"),
            {"defect_drift": (0.02,), "target_minutes": (3.5,)},
        ),
        # "Move the month Client A leaves ... and the flow of new clients"; what-ifs: month 7,
        # month 20, five new clients a month.
        "startup": _scenario(
            "startup",
            {
                "a_leaves_month": (0, 4, 7, 10, 13, 16, 20),
                "new_clients": (0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0),
            },
            ("a_leaves_month", "new_clients"),
            {"a_leaves_month": (7, 20), "new_clients": (5.0,)},
        ),
        # "Move the share staffed on the multinational from 25 % to 45 %"; what-ifs: 45 % and
        # 15 % of the firm, 95 % utilisation, the top of the band (80 %) with no overrun;
        # "what to notice" 3: a low overrun risk.
        "consulting": _scenario(
            "consulting",
            {
                "key_account_share": (0.05, 0.15, 0.2, 0.25, 0.3, 0.45, 0.6),
                "utilisation": (0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95),
                "overrun_risk": (0.0, 0.2),
            },
            ("key_account_share", "utilisation"),
            {
                "key_account_share": (0.45, 0.15),
                "utilisation": (0.95, 0.8),
                "overrun_risk": (0.0,),
            },
        ),
        # "Raise the high-profile client's conversion rate, or the margin"; what-ifs: a catchy
        # ad (8 % CTR, 0.4 % conversion), a 50 % margin, 20 % of the budget.
        "agency": _scenario(
            "agency",
            {
                "key_account_conversion": (0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02),
                "margin": (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6),
                "key_account_ctr": (0.04, 0.08),
                "key_account_share": (0.2, 0.5),
            },
            ("key_account_conversion", "margin"),
            {
                "key_account_conversion": (0.004,),
                "margin": (0.5,),
                "key_account_ctr": (0.08,),
                "key_account_share": (0.2,),
            },
        ),
        # "Shorten the dining time from 90 to 60 minutes"; what-ifs: 60 minutes, quiet
        # evenings (30 parties), 40 % of the staff's attention for the VIP. Each step changes
        # the seatings per table or the rush: past 90 minutes nobody is rushed, so only the
        # seatings change (two up to 105 minutes, one from 120).
        "restaurant": _scenario(
            "restaurant",
            {
                "dining_time": (30, 45, 60, 70, 80, 90, 120),
                "arrivals": (20, 30, 40, 50, 60, 80, 100),
                "vip_attention": (0.0, 0.15, 0.4),
            },
            ("dining_time", "arrivals"),
            {"dining_time": (60,), "arrivals": (30,), "vip_attention": (0.4,)},
        ),
    }


# ------------------------------------------------------------------------- portfolio explorer


def _portfolio_grid() -> Grid:
    portfolio = load_sample_portfolio()
    order = tuple(accounts.pareto_table(portfolio.set_index("account")["revenue"]).index)
    weights = [f"w_{c}" for c in accounts.CRITERIA]
    return Grid(
        name="portfolio",
        # "Move the four weights and watch the ranking ... choose a customer in 'Lose'": the
        # revenue weight (all of it: the revenue ranking again) crossed with every account.
        controls=(
            Control("w_revenue", (0.0, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0)),
            Control("remove", ("", *order), kind="select"),
        ),
        fixed=(*(w for w in weights if w != "w_revenue"), "a", "b", "top_n"),
        default={key: PORTFOLIO_DEFAULTS[key] for key in ("w_revenue", "remove")},
        lesson=("w_revenue", "remove"),
        required={"remove": ("Vantor Retail Group", "Banque Méridienne")},
    )


# ------------------------------------------------------------------------- KPI builder


@dataclass(frozen=True)
class KpiExample:
    """A KPI definition the site's KPI builder offers in place of typed texts.

    ``texts`` names the catalog key of each text field (name, formula, period, owner,
    objective); an empty key leaves the field empty, as a learner might.
    """

    key: str
    unit: str
    texts: Mapping[str, str]

    def text(self, field_name: str) -> str:
        """The field as written, in the current language."""
        key = self.texts.get(field_name, "")
        return t(key) if key else ""


_TEXT_FIELDS = ("name", "formula", "period", "owner", "objective")


def _example(key: str, unit: str, *, empty: tuple[str, ...] = (), base: str = "") -> KpiExample:
    prefix = base or f"explorer.kpi.{key}"
    texts = {f: ("" if f in empty else f"{prefix}.{f}") for f in _TEXT_FIELDS}
    return KpiExample(key, unit, texts)


#: The examples, the live panel's default first (the on-time rate with no owner yet); weak
#: ones fail SMART letters: no owner (A), a vague name with no period (S, T), a bare count
#: (nearly every letter), a target far below what has been achieved (A, achievable). Two
#: neighbours in the list never share a unit, so one step always changes the history shown
#: (the data depends on the unit): the draft and the complete on-time rate, the same data,
#: are two steps apart.
KPI_EXAMPLES = (
    _example("on_time_draft", "%", empty=("owner",), base="kpi_builder.default"),
    _example("revenue", "€"),
    _example("on_time", "%"),
    _example("handling_time", "min"),
    _example("satisfaction", "%", empty=("period",)),
    _example("roas", "x"),
    _example("deliveries", "items", empty=("formula", "period", "owner", "objective")),
)

#: The target's steps for each unit and direction (fractions for "%"); each holds the live
#: panel's default target for that unit and direction (``lessons.explorer.views.UNITS``) and
#: the notebook's values (90 % and 99 % on time; a 15-minute handling time).
TARGET_STEPS = {
    ("%", "higher"): (0.85, 0.88, 0.9, 0.92, 0.95, 0.97, 0.99),
    ("%", "lower"): (0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1),
    ("€", "higher"): (35_000.0, 40_000.0, 45_000.0, 50_000.0, 55_000.0, 60_000.0, 70_000.0),
    ("€", "lower"): (35_000.0, 40_000.0, 45_000.0, 50_000.0, 55_000.0, 60_000.0, 70_000.0),
    ("min", "higher"): (15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0),
    ("min", "lower"): (15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0),
    ("x", "higher"): (2.0, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0),
    ("x", "lower"): (2.0, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0),
    ("items", "higher"): (80.0, 100.0, 110.0, 120.0, 130.0, 150.0, 200.0),
    ("items", "lower"): (80.0, 100.0, 110.0, 120.0, 130.0, 150.0, 200.0),
}


def _kpi_builder_grid() -> Grid:
    live = builder_defaults()
    directions = ("higher", "lower")
    by = {
        (example.key, direction): TARGET_STEPS[(example.unit, direction)]
        for example in KPI_EXAMPLES
        for direction in directions
    }
    return Grid(
        name="kpi_builder",
        # "Type an owner and watch A pass ... move the target and watch the same months
        # change status; change the unit and the direction": an example KPI in place of the
        # typed texts, crossed with the target, the direction and the tolerance (none, or
        # the live panel's default).
        controls=(
            Control("example", tuple(e.key for e in KPI_EXAMPLES), kind="select"),
            Control("direction", directions, kind="select"),
            Control("target", depends=("example", "direction"), by=by),
            Control("tolerance", (0.0, 0.05)),
        ),
        fixed=(*_TEXT_FIELDS, "unit", "sample"),
        default={
            "example": KPI_EXAMPLES[0].key,
            **{key: live[key] for key in ("direction", "target", "tolerance")},
        },
        lesson=("example", "target"),
        required={"target": (0.9, 0.99, 15.0), "tolerance": (0.0,)},
    )


# ------------------------------------------------------------------------- scorecard


def _scorecard_grid() -> Grid:
    views = ScorecardViews()
    live, names = views.defaults, tuple(views.accounts)
    controls = (
        Control("account", names, kind="select"),
        Control("on_time_rate", (0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 1.0)),
        Control("revenue_share", (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.6)),
        Control("tolerance", (0.0, 0.05)),
    )
    return Grid(
        name="scorecard",
        # "Pick an account ...; move the targets and the 'at risk' tolerance": the on-time
        # target (85 % in "Targets are decisions") and the revenue-share ceiling (60 % and 10 %
        # in "What to notice"), for every account, with no tolerance or the default 5 %.
        controls=controls,
        fixed=("revenue_growth", "csat", "average_satisfaction"),
        default={key: live[key] for key in (c.name for c in controls)},
        lesson=("on_time_rate", "revenue_share"),
        required={"on_time_rate": (0.85,), "revenue_share": (0.6, 0.1), "tolerance": (0.0,)},
    )


#: Every explorer, in the order the course shows them.
EXPLORERS = (*SCENARIOS, "portfolio", "kpi_builder", "scorecard")


def grid(name: str) -> Grid:
    """The grid of the explorer ``name`` (one of :data:`EXPLORERS`)."""
    if name not in EXPLORERS:
        raise ValueError(t("explorer.error.unknown", name=name, names=", ".join(EXPLORERS)))
    if name in SCENARIOS:
        return _scenario_grids()[name]
    return {
        "portfolio": _portfolio_grid,
        "kpi_builder": _kpi_builder_grid,
        "scorecard": _scorecard_grid,
    }[name]()
