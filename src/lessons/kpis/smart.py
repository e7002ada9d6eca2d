"""What makes a number a KPI: its definition (:class:`KPI`) and a SMART check of it.

A number becomes a KPI only with an objective, a target, a period and an owner.
:func:`smart_check` reads a definition letter by letter and says, for each letter, what passes
or what is missing; :func:`smart_score` counts the letters that pass.

>>> kpi = KPI("On-time delivery rate to key accounts", "on-time deliveries / deliveries", "%",
...           "higher", 0.95, "monthly", "Logistics lead", "keep key accounts")
>>> smart_score(smart_check(kpi))
5
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lessons import checks
from lessons.format import number, value, value_and_target
from lessons.i18n import t
from lessons.kpis.targets import RELATIVE_SLACK, Direction, Values, as_direction

__all__ = [
    "ACHIEVABLE_FACTOR",
    "KPI",
    "SMART_LETTERS",
    "SmartFinding",
    "smart_check",
    "smart_score",
]

#: A target is flagged as not achievable when it is more than this factor beyond the best
#: value of the history (see :func:`smart_check`).
ACHIEVABLE_FACTOR = 1.5


@dataclass(frozen=True)
class KPI:
    """The definition of a KPI: what is measured, how, against which target, when, by whom.

    Fields may be left empty (``""``, ``target=None``) while a KPI is being drafted:
    :func:`smart_check` says what is missing.

    Attributes:
        name: what is measured, e.g. "Defect-free rate of line 2".
        formula: how it is computed, in words, e.g. "good units / units produced".
        unit: "%", "€", "min", ... (rates are stored as fractions and shown as %).
        direction: ``"higher"`` or ``"lower"`` is better.
        target: the value to reach, in the unit (a fraction for "%"), or ``None``.
        period: how often it is measured and by when, e.g. "monthly, for 2025".
        owner: who is accountable for it, e.g. "Production manager".
        objective: the business objective it serves, e.g. "fewer returns".

    >>> KPI("CTR", "clicks / impressions", "%", "higher", 0.02, "weekly", "Ads team").direction
    <Direction.HIGHER: 'higher'>
    >>> KPI("CTR", "clicks / impressions", "%", "sideways", 0.02, "weekly", "Ads team")
    Traceback (most recent call last):
        ...
    ValueError: direction must be "higher" or "lower" (got 'sideways'): say whether a higher or a
    lower value is better for this KPI.
    """

    name: str
    formula: str
    unit: str
    direction: Direction | str
    target: float | None
    period: str
    owner: str
    objective: str = ""

    def __post_init__(self) -> None:
        for field_name in ("name", "formula", "unit", "period", "owner", "objective"):
            value = getattr(self, field_name)
            if not isinstance(value, str):
                raise TypeError(t("kpis.error.not_text", name=field_name, value=value))
        object.__setattr__(self, "direction", as_direction(self.direction))
        if self.target is not None:
            object.__setattr__(self, "target", checks.finite_number("target", self.target))


@dataclass(frozen=True)
class SmartFinding:
    """One finding of :func:`smart_check`: the SMART letter, whether it passes, and why.

    >>> finding = smart_check(KPI("CTR", "clicks / impressions", "%", "higher", 0.02, "", ""))[-1]
    >>> finding.letter, finding.ok
    ('T', False)
    """

    letter: str
    ok: bool
    message: str


SMART_LETTERS = ("S", "M", "A", "R", "T")


def _words(text: str) -> list[str]:
    """The words of a name, lower case; a hyphen or an apostrophe stays inside a word
    ("on-time", "defect-free"), anything else separates words."""
    kept = "".join(c if c.isalnum() or c in "-'’" else " " for c in text.lower())
    return [w.strip("-'’") for w in kept.split() if w.strip("-'’")]


def _catalog_words(key: str) -> set[str]:
    return {w.strip().lower() for w in t(key).split(",") if w.strip()}


def _specific(name: str) -> str:
    """Which S finding a name gets: ``"s.ok"``, ``"s.no_name"``, ``"s.vague"`` or
    ``"s.not_specific"`` (see :func:`smart_check`)."""
    words = _words(name)
    if not words:
        return "s.no_name"
    vague, links = (
        _catalog_words("kpis.smart.vague_words"),
        _catalog_words("kpis.smart.scope_words"),
    )
    content = [w not in vague and w not in links for w in words]
    if not any(content):
        return "s.vague"
    # What is measured (a content word), a linking word, then of what or whom (a content word).
    for i, word in enumerate(words):
        if word in links and any(content[:i]) and any(content[i + 1 :]):
            return "s.ok"
    return "s.not_specific"


def smart_check(kpi: KPI, history: Values | None = None) -> list[SmartFinding]:
    """Check a KPI definition against SMART, letter by letter, with a reason for each finding.

    SMART comes from G. T. Doran, "There's a S.M.A.R.T. way to write management's goals and
    objectives", *Management Review* 70(11), 1981, pp. 35-36. Doran's letters were Specific,
    Measurable, **Assignable** (say who does it), Realistic and Time-related. Later usage,
    including the course's source text, reads A as **Achievable** and R as **Relevant**.
    This check follows Doran for A and checks achievability under A too, and reads R as
    Relevant:

    * **S** -- the name says **what is measured and of what or whom**: a word that names the
      quantity, a linking word ("of", "to", "per", "for", ... from the catalog list
      ``kpis.smart.scope_words``) and a word after it that names the object or the people:
      "On-time delivery rate **to** key accounts", "Revenue **per** consultant", "Defect-free
      rate **of** line 2". A bare count ("Deliveries") or a measure with no object ("Delivery
      rate") fails, and so does a name made only of vague words ("Good performance");
    * **M** -- there is a formula, a unit and a numeric target;
    * **A** -- there is an owner (Doran's *assignable*); and, if a ``history`` is given, the
      target is not far beyond the best value achieved so far: more than
      :data:`ACHIEVABLE_FACTOR` (1.5) times the best for higher-is-better, or below the best
      divided by 1.5 for lower-is-better, is flagged (*achievable*);
    * **R** -- it names the objective it serves;
    * **T** -- it has a period.

    Args:
        kpi: the definition to check.
        history: optional past values of the KPI (list, array or Series), same unit as target.

    Returns:
        Findings in S, M, A, R, T order; a letter may have several (A: owner and achievability).
        Score them with :func:`smart_score`.

    >>> kpi = KPI("Defect-free rate of line 2", "good units / units produced", "%", "higher",
    ...           0.99, "monthly", owner="", objective="fewer returns")
    >>> [(f.letter, f.ok) for f in smart_check(kpi, history=[0.95, 0.97])]
    [('S', True), ('M', True), ('A', False), ('A', True), ('R', True), ('T', True)]
    >>> print(smart_check(KPI("Good performance", "", "", "higher", None, "", ""))[0].message)
    S: "Good performance" is too vague: name what is measured, e.g. "defect-free rate of line 2".
    >>> smart_check("revenue")
    Traceback (most recent call last):
        ...
    TypeError: smart_check needs a KPI definition, e.g. KPI(name=..., formula=..., ...) (got
    'revenue').
    """
    if not isinstance(kpi, KPI):
        raise TypeError(t("kpis.error.not_a_kpi", value=kpi))
    findings: list[SmartFinding] = []

    def add(letter: str, ok: bool, key: str, **values: Any) -> None:
        findings.append(SmartFinding(letter, ok, t(f"kpis.smart.{key}", **values)))

    name = kpi.name.strip()
    key = _specific(name)
    add("S", key == "s.ok", key, name=name)

    missing = [
        t(f"kpis.smart.m.part.{part}")
        for part, present in (
            ("formula", kpi.formula.strip()),
            ("unit", kpi.unit.strip()),
            ("target", kpi.target is not None),
        )
        if not present
    ]
    if missing:
        add("M", False, "m.missing", missing=", ".join(missing))
    else:
        add("M", True, "m.ok", formula=kpi.formula.strip(), unit=kpi.unit.strip())

    if kpi.owner.strip():
        add("A", True, "a.owner_ok", owner=kpi.owner.strip())
    else:
        add("A", False, "a.no_owner")
    direction = as_direction(kpi.direction)
    if history is not None and kpi.target is not None:
        past = checks.finite_array("history", history) if checks.is_array_like(history) else None
        if past is None:
            raise TypeError(t("kpis.error.need_collection", name="history", value=history))
        target = kpi.target
        if direction is Direction.HIGHER:
            best = float(past.max())
            limit = best + (ACHIEVABLE_FACTOR - 1) * abs(best)
            gap = target - limit
        else:
            best = float(past.min())
            limit = best - (1 - 1 / ACHIEVABLE_FACTOR) * abs(best)
            gap = limit - target
        # Beyond the limit by more than rounding: the slack every comparison with a target has.
        too_far = gap > RELATIVE_SLACK * max(1.0, abs(limit))
        shown_target, shown_limit = value_and_target(target, limit, kpi.unit.strip())
        values = {
            "target": shown_target,
            "best": value(best, kpi.unit.strip()),
            "limit": shown_limit,
            "factor": number(ACHIEVABLE_FACTOR),
        }
        if too_far:
            add("A", False, f"a.too_far_{direction.value}", **values)
        else:
            add("A", True, "a.achievable", **values)

    if kpi.objective.strip():
        add("R", True, "r.ok", objective=kpi.objective.strip())
    else:
        add("R", False, "r.no_objective")

    if kpi.period.strip():
        add("T", True, "t.ok", period=kpi.period.strip())
    else:
        add("T", False, "t.no_period")
    return findings


def smart_score(findings: Sequence[SmartFinding]) -> int:
    """How many of the five SMART letters pass: a letter passes if all its findings are ok.

    Args:
        findings: the list returned by :func:`smart_check`.

    Returns:
        An integer from 0 to 5.

    >>> kpi = KPI("On-time delivery rate to key accounts", "on-time deliveries / deliveries",
    ...           "%", "higher", 0.95, "monthly", "Logistics lead", "keep key accounts")
    >>> smart_score(smart_check(kpi))
    5
    >>> smart_score(smart_check(KPI("Performance", "", "", "higher", None, "", "")))
    0
    >>> smart_score(["S"])
    Traceback (most recent call last):
        ...
    TypeError: smart_score needs the findings returned by smart_check (got 'S').
    """
    if isinstance(findings, SmartFinding | str) or not isinstance(findings, Iterable):
        raise TypeError(t("kpis.error.not_findings", value=findings))
    findings = list(findings)
    for finding in findings:
        if not isinstance(finding, SmartFinding):
            raise TypeError(t("kpis.error.not_findings", value=finding))
    passed = {
        letter
        for letter in SMART_LETTERS
        if any(f.letter == letter for f in findings)
        and all(f.ok for f in findings if f.letter == letter)
    }
    return len(passed)
