"""Checking one answer: the score, the verdict and the feedback, option by option.

Scoring rules (every question is worth 1 point):

* **single choice**: 1 for the correct option, 0 otherwise;
* **multiple choice**: (correct options ticked - wrong options ticked) / correct options,
  never below 0; full credit only for exactly the correct set;
* **numeric**: 1 when within the stated tolerance of the computed answer, 0 otherwise; a right
  value on another scale (the rate as a fraction where a percentage is asked) scores 0 but is
  named as such;
* **classification**: the share of items put in the right category (unsorted items count as
  wrong).

The pure functions :func:`score_choice`, :func:`score_numeric`, :func:`score_classification`,
:func:`verdict` and :func:`percent` are the ones the site's script (``static/quiz/quiz.js``)
implements too; both run the table of cases ``data/quiz_cases/scoring.json``. Each returns
*pieces*: ``(kind, key)`` pairs naming which feedback to show (``("ok", "b")``,
``("missed", "c")``, ``("wrong", "i2")``, ``("scale", "x")``).

>>> check_answer("agency-04", 4.0).score
1.0
>>> check_answer("kpi-01", "z")
Traceback (most recent call last):
    ...
ValueError: 'z' is not an option of question kpi-01. The options are: a, b, c, d. ...
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lessons.i18n import t
from lessons.quiz.bank import Item, Option, Pointer, Question, as_question, localized

__all__ = [
    "TOLERANCE_SLACK",
    "Feedback",
    "Result",
    "check_answer",
    "percent",
    "points",
    "score_choice",
    "score_classification",
    "score_numeric",
    "verdict",
]

#: Added to every tolerance so that a value typed exactly at the edge (20.5 for 20 ± 0.5)
#: is not refused by floating-point rounding.
TOLERANCE_SLACK = 1e-9

Piece = tuple[str, str]


def percent(fraction: float) -> int:
    """A share from 0 to 1 as a whole percentage, halves rounded up (as JavaScript rounds).

    >>> percent(0.125), percent(0.6), percent(2 / 3)
    (13, 60, 67)
    """
    return math.floor(100 * fraction + 0.5)


def points(value: float) -> float:
    """Points rounded to 2 decimals, halves rounded up (as the site shows them).

    >>> points(2.625), points(1 / 3)
    (2.63, 0.33)
    """
    return math.floor(100 * value + 0.5) / 100


def verdict(score: float) -> tuple[str, int]:
    """The verdict of a score: ``("correct" | "partial" | "incorrect", percent)``.

    >>> verdict(1.0), verdict(0.6), verdict(0.0)
    (('correct', 100), ('partial', 60), ('incorrect', 0))
    """
    if score >= 1:
        return "correct", 100
    if score > 0:
        return "partial", percent(score)
    return "incorrect", 0


def score_choice(
    options: Sequence[str], correct: Collection[str], ticked: Collection[str], *, multiple: bool
) -> tuple[float, list[Piece]]:
    """Score ticked options: (right ticks - wrong ticks) / correct options, at least 0.

    Args:
        options: the option ids in the order shown.
        correct: the ids of the correct options.
        ticked: the ids ticked (a repeated id counts once).
        multiple: True for a multiple-choice question (correct options left unticked are
            reported as ``missed``).

    Returns:
        The score and one piece per ticked option (``ok`` or ``wrong``) and, for multiple
        choice, per missed correct option, in the order of ``options``.

    >>> score_choice("abcd", {"a", "c"}, {"a", "b"}, multiple=True)
    (0.0, [('ok', 'a'), ('wrong', 'b'), ('missed', 'c')])
    """
    pieces: list[Piece] = []
    hits = misses = 0
    for option in options:
        right = option in correct
        if option in ticked and right:
            hits += 1
            pieces.append(("ok", option))
        elif option in ticked:
            misses += 1
            pieces.append(("wrong", option))
        elif right and multiple:
            pieces.append(("missed", option))
    return max(0.0, (hits - misses) / len(correct)), pieces


def score_numeric(
    value: float, answer: float, tolerance: float, other_factor: float | None = None
) -> tuple[float, list[Piece]]:
    """Score a number: 1 within ``tolerance`` of ``answer``, else 0.

    Args:
        value: the number given, in the question's unit.
        answer: the computed answer; ``tolerance``: the accepted distance, in the same unit.
        other_factor: when ``value * other_factor`` is within tolerance, the right value was
            given on another scale (a fraction where % is asked: 100) and the piece says so.

    >>> score_numeric(20.5, 20.0, 0.5), score_numeric(0.2, 20.0, 0.5, 100)
    ((1.0, [('ok', 'x')]), (0.0, [('scale', 'x')]))
    """
    if abs(value - answer) <= tolerance + TOLERANCE_SLACK:
        return 1.0, [("ok", "x")]
    if other_factor and abs(value * other_factor - answer) <= tolerance + TOLERANCE_SLACK:
        return 0.0, [("scale", "x")]
    return 0.0, [("wrong", "x")]


def score_classification(
    items: Sequence[tuple[str, str]], placed: Mapping[str, str]
) -> tuple[float, list[Piece]]:
    """Score a sorting: the share of items placed in their category (unsorted = wrong).

    Args:
        items: ``(item id, right category)`` pairs, in the order shown.
        placed: item id -> category chosen (items left out are unsorted).

    >>> score_classification([("i1", "kpi"), ("i2", "neither")], {"i1": "kpi"})
    (0.5, [('ok', 'i1'), ('wrong', 'i2')])
    """
    pieces = [("ok" if placed.get(i) == c else "wrong", i) for i, c in items]
    return sum(kind == "ok" for kind, _ in pieces) / len(items), pieces


@dataclass(frozen=True)
class Feedback:
    """One line of feedback: what was right or which misconception, and where to re-read.

    ``kind`` and ``key`` are the piece it answers (``"wrong"``, ``"b"``), as on the site.
    """

    ok: bool
    text: str
    misconception: str | None = None
    reread: Pointer | None = None
    subject: str | None = None
    kind: str = ""
    key: str = ""


@dataclass(frozen=True)
class Result:
    """The outcome of one answer: ``score`` from 0 to 1, ``correct`` only for full credit."""

    question: Question
    answer: Any
    score: float
    feedback: tuple[Feedback, ...]

    @property
    def correct(self) -> bool:
        """True when the answer earned full credit."""
        return self.score >= 1.0

    @property
    def answered(self) -> bool:
        """False when the question was left unanswered."""
        return self.answer is not None

    @property
    def pieces(self) -> list[Piece]:
        """``(kind, key)`` of each feedback line, as the site's script returns them."""
        return [(f.kind, f.key) for f in self.feedback]

    @property
    def verdict(self) -> tuple[str, int]:
        """``("correct" | "partial" | "incorrect", percent)``: see :func:`verdict`."""
        return verdict(self.score)

    def lines(self) -> list[str]:
        """The feedback as plain sentences, ready to print."""
        out = []
        for f in self.feedback:
            head = f"{f.subject}: " if f.subject else ""
            mis = t("quiz.misconception", name=f.misconception) + " " if f.misconception else ""
            tail = " " + f.reread.describe() if f.reread and not f.ok else ""
            out.append(f"{'✓' if f.ok else '✗'} {head}{mis}{f.text}{tail}")
        return out


def _option_id(q: Question, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(
            t("quiz.error.option_type", id=q.id, value=value, type=type(value).__name__)
        )
    if value not in {o.id for o in q.options}:
        raise ValueError(
            t("quiz.error.unknown_option", id=q.id, value=value, known=_listed(q.options))
        )
    return value


def _listed(entries: Iterable[Option | Item]) -> str:
    return ", ".join(e.id for e in entries)


def _option_feedback(q: Question, kind: str, option_id: str) -> Feedback:
    o = q.option(option_id)
    subject = localized(o.text)
    if kind == "ok":
        return Feedback(True, localized(o.feedback), subject=subject, kind=kind, key=o.id)
    if kind == "missed":
        text = t("quiz.missed", text=localized(o.feedback))
        return Feedback(False, text, reread=q.reread, subject=subject, kind=kind, key=o.id)
    return Feedback(
        False,
        localized(o.feedback),
        misconception=localized(o.misconception or {"en": ""}),
        reread=o.reread,
        subject=subject,
        kind=kind,
        key=o.id,
    )


def _check_choice(q: Question, answer: object) -> tuple[float, list[Feedback]]:
    if q.type == "single":
        ticked = {_option_id(q, answer)}
    elif isinstance(answer, str | Mapping) or not isinstance(answer, Iterable):
        raise TypeError(
            t("quiz.error.multiple_type", id=q.id, value=answer, type=type(answer).__name__)
        )
    else:
        ticked = {_option_id(q, a) for a in answer}
    score, pieces = score_choice(
        [o.id for o in q.options], q.correct_options, ticked, multiple=q.type == "multiple"
    )
    return score, [_option_feedback(q, kind, key) for kind, key in pieces]


def _check_numeric(q: Question, answer: object) -> tuple[float, list[Feedback]]:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise TypeError(
            t("quiz.error.numeric_type", id=q.id, value=answer, type=type(answer).__name__)
        )
    value = float(answer)
    if not math.isfinite(value):
        raise ValueError(t("errors.not_finite", name=f"The answer to {q.id}", value=value))
    score, [(kind, _)] = score_numeric(
        value, float(q.answer or 0), float(q.tolerance or 0), q.other_scale_factor
    )
    if kind == "ok":
        return score, [Feedback(True, localized(q.explanation), kind=kind, key="x")]
    text = t("quiz.numeric.expected", answer=q.shown_answer())
    if kind == "scale" and q.other_scale_feedback is not None:
        hint = localized(q.other_scale_feedback)
        return score, [Feedback(False, f"{text} {hint}", reread=q.reread, kind=kind, key="x")]
    if kind == "scale":
        hint = t("quiz.numeric.fraction")
        mis = t("quiz.numeric.fraction_misconception")
        return score, [
            Feedback(
                False, f"{text} {hint}", misconception=mis, reread=q.reread, kind=kind, key="x"
            )
        ]
    wrong = q.wrong or Option("wrong", {"en": ""}, False, {"en": ""})
    return score, [
        Feedback(
            False,
            f"{text} {localized(wrong.feedback)}".strip(),
            misconception=localized(wrong.misconception or {"en": ""}) or None,
            reread=wrong.reread or q.reread,
            kind=kind,
            key="x",
        )
    ]


def _check_classification(q: Question, answer: object) -> tuple[float, list[Feedback]]:
    if not isinstance(answer, Mapping):
        raise TypeError(
            t("quiz.error.classification_type", id=q.id, value=answer, type=type(answer).__name__)
        )
    known = {i.id for i in q.items}
    for item_id, category in answer.items():
        if item_id not in known:
            raise ValueError(
                t("quiz.error.unknown_item", id=q.id, value=item_id, known=_listed(q.items))
            )
        if category not in q.categories:
            raise ValueError(
                t(
                    "quiz.error.unknown_category",
                    id=q.id,
                    value=category,
                    known=", ".join(q.categories),
                )
            )
    score, pieces = score_classification([(i.id, i.category) for i in q.items], answer)
    feedback = []
    for (kind, _), i in zip(pieces, q.items, strict=True):
        subject = localized(i.text)
        if kind == "ok":
            feedback.append(
                Feedback(True, localized(i.feedback), subject=subject, kind=kind, key=i.id)
            )
            continue
        expected = t("quiz.classification.expected", category=t(f"quiz.category.{i.category}"))
        feedback.append(
            Feedback(
                False,
                f"{expected} {localized(i.feedback)}",
                misconception=localized(i.misconception),
                reread=i.reread,
                subject=subject,
                kind=kind,
                key=i.id,
            )
        )
    return score, feedback


_CHECKERS = {
    "single": _check_choice,
    "multiple": _check_choice,
    "numeric": _check_numeric,
    "classification": _check_classification,
}


def check_answer(q: Question | str, answer: Any) -> Result:
    """Score one answer and explain it.

    Args:
        q: a :class:`~lessons.quiz.bank.Question` or its id (``"kpi-03"``).
        answer: single choice, an option id (``"b"``); multiple choice, a list of option ids
            (``["a", "c"]``); numeric, a number in the question's unit (``20`` for 20 %);
            classification, a mapping item id -> category (``{"i1": "kpi"}``).

    Returns:
        A :class:`Result`: ``score`` from 0 to 1 and one :class:`Feedback` per option ticked or
        missed (per item for a classification), wrong ones naming the misconception and the
        section to re-read.

    Raises:
        TypeError: the answer has the wrong shape for the question type.
        ValueError: an unknown option, item or category, or a number that is not finite.

    >>> sorted(check_answer("kpi-02", ["a", "b", "c", "d", "f"]).pieces)[:2]
    [('missed', 'g'), ('ok', 'a')]
    >>> check_answer("kpi-02", ["a", "b", "c", "d", "f"]).score  # (4 right - 1 wrong) / 5
    0.6
    >>> check_answer("kpi-02", "a")
    Traceback (most recent call last):
        ...
    TypeError: Question kpi-02 takes several options: give a list of option ids such as ...
    """
    q = as_question(q)
    score, feedback = _CHECKERS[q.type](q, answer)
    return Result(question=q, answer=answer, score=round(score, 10), feedback=tuple(feedback))
