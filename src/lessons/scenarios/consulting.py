"""Consulting firm: a multinational key account and the firm-wide KPIs (source, section 2.2).

The source: in a consulting firm the key account may be "a large multinational that
contributes significantly to revenue", while the firm's KPIs are client satisfaction, project
completion time and revenue per consultant. This simulation shows why the two are different
things: staffing the multinational generously makes *that client* happier, and can cost the
*firm* revenue per consultant, on-time delivery and the satisfaction of every other client.

The model, month by month, for two teams -- the consultants dedicated to the key account and
the rest of the firm:

* the multinational's work needs :data:`KEY_ACCOUNT_NEED` (25 %) of the firm's consultants and
  the other clients' work the remaining 75 %. A team larger than its clients' need bills only
  the work there is (the extra consultants stand by); a smaller team bills at full capacity and
  its projects slip, each by the factor ``need / team``;
* a consultant bills ``utilisation`` × :data:`WORKING_DAYS` days a month; the multinational
  pays the day rate minus its volume discount;
* projects are :data:`PROJECT_DAYS` consultant-days each. A project is late with probability
  ``overrun_risk``, more when the team runs above the healthy band of utilisation,
  :data:`UTILISATION_BAND` (70-80 %: above it no slack is left; the risk doubles at 95 %), or
  is understaffed. Late projects take longer than the planned :data:`PLANNED_WEEKS` weeks;
* every month each client team answers a 1-5 satisfaction survey. Ratings fall with late
  projects; the key account's rise with the attention of a team larger than its need.

Utilisation is a KPI with a **band**, not a "higher is better" one: below the band consultants
sit idle, above it they are overloaded and projects slip. Its status is on track inside the
band, at risk just outside and off track beyond (:func:`lessons.kpis.status_band`).

Typical values: a day rate of €800-1,500 and a healthy billable utilisation of 70-80 % are
illustrative values for a mid-sized European firm, not figures from a survey; so are the
volume discount, the overrun risk and the constants below.

>>> data = simulate(Params(), periods=12, seed=1)
>>> sorted(data["team"].unique())
['key_account', 'others']
>>> Params(consultants=10, key_account_share=0.04)
Traceback (most recent call last):
    ...
ValueError: With 10 consultants and 4 % of them on the key account, nobody would ...
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons import kpis
from lessons.i18n import t
from lessons.kpis import Band
from lessons.scenarios import _base
from lessons.scenarios._base import RATING_COLUMNS, KpiSpec, Periods, ScenarioParams, param

__all__ = [
    "DATA_COLUMNS",
    "GROUPS",
    "KEY_ACCOUNT_NEED",
    "KPIS",
    "MEASURES",
    "PERIODS",
    "PLANNED_UTILISATION",
    "PLANNED_WEEKS",
    "PROJECT_DAYS",
    "RESPONDENTS",
    "TARGETS",
    "UTILISATION_BAND",
    "WORKING_DAYS",
    "Params",
    "check_data",
    "expected",
    "kpi_table",
    "period_kpis",
    "simulate",
    "summary",
    "targets",
    "team_sizes",
]

#: Billable working days in a month.
WORKING_DAYS = 20
#: Share of the firm's consultants the multinational's work needs (illustrative).
KEY_ACCOUNT_NEED = 0.25
#: Consultant-days of one project (illustrative: two consultants for three weeks).
PROJECT_DAYS = 30
#: Planned duration of a project in weeks; late projects take longer.
PLANNED_WEEKS = 6.0
#: Survey answers per team and month (several stakeholders of the multinational answer; the
#: other clients' answers are pooled).
RESPONDENTS = {"key_account": 4, "others": 8}
#: The healthy band of billable utilisation (illustrative): below it consultants sit idle,
#: above it no slack is left and projects overrun more often (see :func:`expected`).
UTILISATION_BAND = Band(0.70, 0.80)
#: Utilisation at which the overrun risk of a project has doubled (the top of the slider).
_RISK_DOUBLED_AT = 0.95
#: The utilisation the partners plan revenue at: the middle of the band.
PLANNED_UTILISATION = 0.75
#: Management targets of the firm (illustrative). Utilisation is healthy inside its band;
#: revenue per consultant is targeted at the planned utilisation and the list day rate (see
#: :func:`targets`).
TARGETS = {
    "utilisation": UTILISATION_BAND,
    "on_time": 0.80,
    "completion_weeks": 6.5,
    "csat": 0.75,
}

_TEAMS = ("key_account", "others")
_RATING_SD = 0.8

#: Months simulated: 12 by default, 3 to 60.
PERIODS = Periods(default=12, low=3, high=60, unit="months")

#: The columns of the table :func:`simulate` returns.
DATA_COLUMNS = (
    "month",
    "team",
    "consultants",
    "available_days",
    "billed_days",
    "revenue",
    "projects",
    "on_time",
    "project_weeks",
    *RATING_COLUMNS,
)

#: The groups the KPIs are computed for: the multinational's team, the other clients' team and
#: the whole firm; and the KPIs of each, with their unit. A figure of the summary is named
#: ``<group>_<measure>``.
GROUPS = ("key_account", "others", "firm")
MEASURES = {
    "revenue_per_consultant": "€",
    "utilisation": "%",
    "on_time": "%",
    "completion_weeks": "weeks",
    "csat": "%",
}

#: Which way is better for each measure: utilisation is healthy inside its band.
_DIRECTIONS = {"completion_weeks": "lower", "utilisation": kpis.BAND}

#: The firm's KPIs, then the same KPIs for the multinational's team.
KPIS = tuple(
    KpiSpec(f"{group}_{measure}", scope, unit, _DIRECTIONS.get(measure, "higher"))
    for scope, group in (("business", "firm"), ("key_account", "key_account"))
    for measure, unit in MEASURES.items()
)


@dataclass(frozen=True)
class Params(ScenarioParams):
    """Settings of the consulting firm (illustrative defaults, see the module docstring).

    Attributes:
        consultants: consultants in the firm (people), 5 to 200.
        key_account_share: share of the consultants dedicated to the multinational, 0-80 %.
            Its work needs 25 %: above that the team has slack, below it is overstretched.
        utilisation: share of a consultant's working days billed when there is work, 50-95 %.
            Above the healthy band (80 %) there is no slack left and projects overrun more
            often.
        day_rate: list price of one consultant-day in €, 300 to 3,000.
        key_account_discount: volume discount on the day rate granted to the multinational,
            0-40 %.
        overrun_risk: chance that a normally staffed project finishes late, 0-60 %.

    >>> Params().day_rate
    1000.0
    >>> Params(utilisation=1.2)
    Traceback (most recent call last):
        ...
    ValueError: Billable utilisation (utilisation) must be between 50 % and 95 % (got 120 %).
    """

    consultants: int = param(40, low=5, high=200, step=1, unit="people")
    key_account_share: float = param(0.25, low=0.0, high=0.8, step=0.05, unit="%")
    utilisation: float = param(0.75, low=0.5, high=0.95, step=0.05, unit="%")
    day_rate: float = param(1000.0, low=300.0, high=3000.0, step=50.0, unit="€")
    key_account_discount: float = param(0.1, low=0.0, high=0.4, step=0.05, unit="%")
    overrun_risk: float = param(0.2, low=0.0, high=0.6, step=0.05, unit="%")

    def check(self) -> None:
        """The multinational's team needs at least one consultant once rounded to people.

        The other clients always keep someone: the share is at most 80 % of at least 5.
        """
        key, _ = team_sizes(self)
        if key < 1:
            raise ValueError(
                t(
                    "scenarios.consulting.error.empty_team",
                    consultants=fmt.integer(self.consultants),
                    share=_base.shown_setting(self.key_account_share, "%"),
                )
            )


def team_sizes(params: Params) -> tuple[int, int]:
    """Consultants on the key account and on the other clients (whole people).

    >>> team_sizes(Params(consultants=40, key_account_share=0.3))
    (12, 28)
    """
    key = math.floor(params.consultants * params.key_account_share + 0.5)  # half rounds up
    return key, params.consultants - key


def expected(params: Params) -> pd.DataFrame:
    """The average month of each team, without randomness: what :func:`simulate` draws around.

    Returns one row per team with ``consultants``, ``need`` (consultants the clients' work
    needs), ``billed_days``, ``revenue`` (€), ``projects`` (completed per month),
    ``late_probability`` and ``mean_rating`` (1-5).

    >>> row = expected(Params(overrun_risk=0.0)).set_index("team").loc["others"]
    >>> float(row["billed_days"]), float(row["late_probability"])
    (450.0, 0.0)
    """
    key, others = team_sizes(params)
    size = np.array([key, others], dtype=float)
    need = params.consultants * np.array([KEY_ACCOUNT_NEED, 1 - KEY_ACCOUNT_NEED])
    working = np.minimum(size, need)
    billed = working * WORKING_DAYS * params.utilisation
    rate = params.day_rate * np.array([1 - params.key_account_discount, 1.0])
    load = np.maximum(need / size, 1.0)  # > 1: more work than people, projects slip
    # Above the band no slack is left: the overrun risk grows, x2 at 95 % utilisation.
    ceiling = UTILISATION_BAND.high
    no_slack = 1 + max(0.0, params.utilisation - ceiling) / (_RISK_DOUBLED_AT - ceiling)
    on_time = (1 - min(1.0, params.overrun_risk * no_slack)) / load
    attention = np.array([min(1.0, max(0.0, size[0] / need[0] - 1) / 0.5), 0.0])
    mean_rating = np.clip(2.5 + 2.0 * on_time + 0.8 * attention, 1, 5)
    return pd.DataFrame(
        {
            "team": list(_TEAMS),
            "consultants": size.astype(int),
            "need": need,
            "billed_days": billed,
            "revenue": billed * rate,
            "projects": billed / PROJECT_DAYS,
            "late_probability": 1 - on_time,
            "load": load,
            "mean_rating": mean_rating,
        }
    )


def simulate(
    params: Params | None = None, periods: int = PERIODS.default, seed: int = 0
) -> pd.DataFrame:
    """Simulate ``periods`` months of the firm, one row per month and team.

    Args:
        params: the firm's settings (:class:`Params`); the defaults if omitted.
        periods: months to simulate, 3 to 60.
        seed: seed of the random draws (same seed, same data).

    Returns:
        A DataFrame with columns ``month`` (1..periods), ``team`` ("key_account" or
        "others"), ``consultants``, ``available_days``, ``billed_days``, ``revenue`` (€),
        ``projects`` (completed), ``on_time`` (of those, completed on time), ``project_weeks``
        (sum of their durations in weeks) and ``rating_1`` .. ``rating_5`` (survey answers
        with that score).

    >>> simulate(Params(), periods=12).groupby("team")["billed_days"].sum().to_dict()
    {'key_account': 1800.0, 'others': 5400.0}
    >>> simulate(Params(), periods=0)
    Traceback (most recent call last):
        ...
    ValueError: periods must be between 3 and 60 months (got 0).
    """
    params, periods, rng = _base.simulation_inputs(
        params, periods, seed, Params, PERIODS, "consulting"
    )
    base = expected(params)
    months = np.repeat(np.arange(1, periods + 1), 2)
    team = np.tile(np.arange(2), periods)
    billed = base["billed_days"].to_numpy()[team]
    # Projects are delivered as the billed days accumulate: whole projects each month.
    cumulative = np.cumsum(billed.reshape(periods, 2), axis=0) / PROJECT_DAYS
    done = np.diff(np.floor(cumulative + 1e-9), axis=0, prepend=0).ravel().astype(int)
    late = rng.binomial(done, base["late_probability"].to_numpy()[team])
    overrun = rng.gamma(np.maximum(late, 1e-12), 0.35 * base["load"].to_numpy()[team])
    weeks = PLANNED_WEEKS * (0.95 * (done - late) + late + overrun * (late > 0))
    respondents = np.array([RESPONDENTS[name] for name in _TEAMS])[team]
    counts = _base.rating_counts(rng, base["mean_rating"].to_numpy()[team], _RATING_SD, respondents)
    data = pd.DataFrame(
        {
            "month": months,
            "team": np.array(_TEAMS)[team],
            "consultants": base["consultants"].to_numpy()[team],
            "available_days": base["consultants"].to_numpy()[team] * WORKING_DAYS,
            "billed_days": billed,
            "revenue": base["revenue"].to_numpy()[team],
            "projects": done,
            "on_time": done - late,
            "project_weeks": weeks,
        }
    )
    for score, column in enumerate(RATING_COLUMNS, start=1):
        data[column] = counts[:, score - 1]
    return data


def check_data(data: object, params: object) -> None:
    """Refuse, in words, anything but a table from :func:`simulate` and its :class:`Params`.

    >>> check_data(simulate().head(0), Params())
    Traceback (most recent call last):
        ...
    ValueError: data must be the table returned by simulate() of the consulting scenario (got 0
    rows, missing columns: –): run data = simulate(params) and pass that table.
    """
    _base.check_data(data, params, Params, DATA_COLUMNS, "consulting")


#: The columns added up before the KPIs of a group (a team, or the firm) are computed: all but
#: the month and the team.
_SUMMED = DATA_COLUMNS[2:]


def _group_kpis(sums: np.ndarray, months: int) -> dict[str, np.ndarray]:
    """The KPIs of rows of summed data (each row ``months`` months of one group), with
    :mod:`lessons.kpis`: one array per measure of :data:`MEASURES`.

    Revenue per consultant is per year: the revenue of the months, scaled to 12, over the
    consultants of one month. A row without a completed project has no on-time rate and no
    completion time (NaN).
    """
    column = {name: sums[:, i] for i, name in enumerate(_SUMMED)}
    out = {
        "revenue_per_consultant": kpis.revenue_per_consultant(
            column["revenue"] * 12 / months, column["consultants"] / months
        ),
        "utilisation": kpis.utilisation_rate(column["billed_days"], column["available_days"]),
        "on_time": np.full(len(sums), np.nan),
        "completion_weeks": np.full(len(sums), np.nan),
    }
    done = column["projects"] > 0
    if done.any():
        projects = column["projects"][done]
        out["on_time"][done] = kpis.on_time_rate(column["on_time"][done], projects)
        out["completion_weeks"][done] = kpis.average_time_per_unit(
            column["project_weeks"][done], projects
        )
    counts = sums[:, len(_SUMMED) - len(RATING_COLUMNS) :]
    out["csat"] = np.array([kpis.csat(_base.ratings_of(row)) for row in counts])
    return out


def period_kpis(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The KPIs of each month, for each group: one row per month, columns
    ``<group>_<measure>`` (groups :data:`GROUPS`, measures :data:`MEASURES`).

    >>> kpis = period_kpis(simulate(Params(overrun_risk=0.0)), Params(overrun_risk=0.0))
    >>> kpis.loc[1, ["key_account_on_time", "firm_utilisation"]].tolist()
    [1.0, 0.75]
    """
    check_data(data, params)
    months, sums = _base.monthly_sums(data, "team", _TEAMS, _SUMMED, "firm")
    return _base.group_period_table(months, sums, _group_kpis)


def summary(data: pd.DataFrame, params: Params) -> dict[str, float]:
    """The KPIs of each group over the whole simulation, computed with :mod:`lessons.kpis`.

    Keys ``<group>_<measure>`` for the groups :data:`GROUPS` (``key_account``, ``others``,
    ``firm``) and the measures :data:`MEASURES`: ``revenue_per_consultant`` (€ per year),
    ``utilisation``, ``on_time``, ``completion_weeks`` and ``csat``; and ``periods``.

    >>> s = summary(simulate(Params(overrun_risk=0.0)), Params(overrun_risk=0.0))
    >>> s["firm_revenue_per_consultant"], s["firm_on_time"], s["periods"]
    (175500.0, 1.0, 12)
    """
    check_data(data, params)
    months, sums = _base.monthly_sums(data, "team", _TEAMS, _SUMMED, "firm")
    return _base.group_summary(months, sums, _group_kpis)


def targets(params: Params) -> dict[str, float]:
    """The firm's targets, the same for the multinational's team.

    Utilisation is healthy inside :data:`UTILISATION_BAND`; revenue per consultant is
    targeted at the planned utilisation and the list day rate:
    ``day_rate × 20 days × 12 months × 75 %`` (€180,000 a year at €1,000 a day).

    >>> targets(Params())["key_account_revenue_per_consultant"]
    180000.0
    >>> targets(Params())["firm_utilisation"]
    Band(low=0.7, high=0.8)
    """
    _base.check_params(params, Params, "consulting")
    rpc = params.day_rate * WORKING_DAYS * 12 * PLANNED_UTILISATION
    shared = {"revenue_per_consultant": rpc, **TARGETS}
    return {f"{group}_{m}": shared[m] for group in ("firm", "key_account") for m in MEASURES}


def kpi_table(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The firm's KPIs and the same KPIs for the key account, with status against target.

    >>> table = kpi_table(simulate(Params()), Params())
    >>> table.groupby("scope").size().to_dict()
    {'business': 5, 'key_account': 5}
    """
    return _base.kpi_table_of("consulting", KPIS, summary(data, params), targets(params))
