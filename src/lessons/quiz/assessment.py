"""Scoring a set of answers, and drawing the balanced, seeded final assessment.

Topics are chapters: :data:`CORE_CHAPTERS` are the three ideas the course teaches (what a key
account is, what a KPI is, and the difference between them), :data:`SCENARIO_CHAPTERS` the six
business examples; the other chapters (putting it together, beyond the source, your own data)
are topics of their own.

>>> report = score_attempt(["kpi-01", "kpi-05"], {"kpi-01": "a"})
>>> report.score, report.out_of, report.weak_topics
(1.0, 2, ['kpi'])
"""

from __future__ import annotations

import numbers
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons import format as fmt
from lessons.i18n import t
from lessons.quiz.bank import CHAPTERS, Pointer, Question, as_question, chapter_title, load_bank
from lessons.quiz.checking import Feedback, Result, check_answer, percent, points

__all__ = [
    "CORE_CHAPTERS",
    "MAX_PER_CHAPTER",
    "MIN_PER_CORE",
    "SCENARIO_CHAPTERS",
    "WEAK_BELOW",
    "Report",
    "TopicScore",
    "final_assessment",
    "score_attempt",
    "topic_scores",
]

#: A topic scoring below this fraction of its points is "weak" and gets a pointer to re-read.
WEAK_BELOW = 0.7

#: The chapters of the three ideas the course teaches: key accounts, KPIs, the difference.
CORE_CHAPTERS = ("key-account", "kpi", "difference")

#: The six business examples of the source.
SCENARIO_CHAPTERS = (
    "software-bank",
    "manufacturer",
    "startup",
    "consulting",
    "agency",
    "restaurant",
)

#: Questions drawn from each core chapter once ``n`` allows it (see :func:`final_assessment`).
MIN_PER_CORE = 2

#: At most this many questions from any one chapter, unless ``n`` is too large to allow it.
MAX_PER_CHAPTER = 3


@dataclass(frozen=True)
class TopicScore:
    """Points earned on one chapter's questions."""

    chapter: str
    score: float
    out_of: int

    @property
    def fraction(self) -> float:
        """Share of the points earned, from 0 to 1."""
        return self.score / self.out_of

    @property
    def weak(self) -> bool:
        """True when below :data:`WEAK_BELOW`: re-read this chapter."""
        return self.fraction < WEAK_BELOW


@dataclass(frozen=True)
class Report:
    """The score of an attempt, overall and per topic, with what to re-read."""

    results: tuple[Result, ...]
    by_topic: Mapping[str, TopicScore] = field(default_factory=dict)

    @property
    def score(self) -> float:
        """Points earned (each question is worth 1)."""
        return round(sum(r.score for r in self.results), 10)

    @property
    def out_of(self) -> int:
        """Points available: the number of questions."""
        return len(self.results)

    @property
    def fraction(self) -> float:
        """Share of the points earned, from 0 to 1."""
        return self.score / self.out_of

    @property
    def weak_topics(self) -> list[str]:
        """Chapter ids scoring below :data:`WEAK_BELOW`, in reading order."""
        return [c for c, s in self.by_topic.items() if s.weak]

    def pointers(self) -> dict[str, list[Pointer]]:
        """For each weak topic: its chapter page, then the sections the misses point to."""
        out: dict[str, list[Pointer]] = {}
        for chapter in self.weak_topics:
            found = [Pointer(CHAPTERS[chapter])]
            for r in self.results:
                if r.question.chapter != chapter:
                    continue
                for f in r.feedback:
                    if f.reread and not f.ok and f.reread not in found:
                        found.append(f.reread)
            out[chapter] = found
        return out

    def table(self) -> pd.DataFrame:
        """One row per topic: chapter, questions, points, percent, and what to re-read."""
        rows = []
        for chapter, s in self.by_topic.items():
            rows.append(
                {
                    t("quiz.table.topic"): chapter_title(chapter),
                    t("quiz.table.questions"): s.out_of,
                    t("quiz.table.points"): points(s.score),
                    t("quiz.table.percent"): percent(s.fraction),
                    t("quiz.table.reread"): (
                        Pointer(CHAPTERS[chapter]).path if s.weak else t("quiz.table.ok")
                    ),
                }
            )
        return pd.DataFrame(rows)

    def summary(self) -> str:
        """The score in words, then one line per weak topic with its pointer."""
        lines = [
            t(
                "quiz.report.score",
                score=fmt.number(points(self.score)),
                out_of=self.out_of,
                percent=percent(self.fraction),
            )
        ]
        pointers = self.pointers()
        if not pointers:
            lines.append(t("quiz.report.no_weak"))
        for chapter, found in pointers.items():
            lines.append(t("quiz.report.weak", topic=chapter_title(chapter)))
            lines.extend("  " + p.describe() for p in found)
        return "\n".join(lines)


def _unanswered(q: Question) -> Result:
    return Result(
        question=q,
        answer=None,
        score=0.0,
        feedback=(Feedback(False, t("quiz.unanswered"), reread=q.reread),),
    )


def score_attempt(questions: Sequence[Question | str], answers: Mapping[str, Any]) -> Report:
    """Score a set of answers to a set of questions (unanswered questions score 0).

    Args:
        questions: the questions asked (objects or ids), e.g. from :func:`final_assessment`.
        answers: question id -> answer, in the shapes
            :func:`~lessons.quiz.checking.check_answer` accepts.

    Returns:
        A :class:`Report` with the total, the per-topic breakdown and pointers for weak topics.

    >>> score_attempt(["kpi-01"], {"kpi-99": "a"})
    Traceback (most recent call last):
        ...
    ValueError: You answered 'kpi-99', which is not among the questions asked (kpi-01). ...
    """
    if not isinstance(answers, Mapping):
        raise TypeError(t("quiz.error.answers_type", value=answers, type=type(answers).__name__))
    asked = [as_question(q) for q in questions]
    if not asked:
        raise ValueError(t("errors.empty", name="questions"))
    ids = [q.id for q in asked]
    for answered in answers:
        if answered not in ids:
            raise ValueError(
                t(
                    "quiz.error.not_asked",
                    value=answered,
                    known=", ".join(ids[:5]) + "…" * (len(ids) > 5),
                )
            )
    results = tuple(
        check_answer(q, answers[q.id]) if answers.get(q.id) is not None else _unanswered(q)
        for q in asked
    )
    return Report(results=results, by_topic=topic_scores(results))


def topic_scores(results: Sequence[Result]) -> dict[str, TopicScore]:
    """Points per chapter, chapters in reading order, points added in the order asked.

    >>> results = [check_answer("kpi-01", "a"), check_answer("agency-04", 2.5)]
    >>> {c: (s.score, s.out_of, s.weak) for c, s in topic_scores(results).items()}
    {'kpi': (1.0, 1, False), 'agency': (0.0, 1, True)}
    """
    by_topic: dict[str, TopicScore] = {}
    for chapter in CHAPTERS:
        mine = [r for r in results if r.question.chapter == chapter]
        if mine:
            by_topic[chapter] = TopicScore(chapter, sum(r.score for r in mine), len(mine))
    return by_topic


def _check_whole(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(t("errors.not_integer", name=name, value=value))
    return int(value)


def final_assessment(n: int = 20, seed: int = 0) -> list[Question]:
    """Draw ``n`` questions across all topics, balanced, the same ones for the same ``seed``.

    The draw, in rounds: one question from each core chapter (:data:`CORE_CHAPTERS`), then one
    from each other chapter in a random order, then a second one from each core chapter; the
    rest uniformly from the remaining questions of chapters that have fewer than
    :data:`MAX_PER_CHAPTER` questions drawn. The order is shuffled. So with ``n = 20`` every
    chapter is asked, each core chapter at least twice and no chapter more than three times;
    a shorter draw keeps the first rounds (``n = 5``: the three core chapters and two others),
    and a draw too large for the cap fills up from every chapter.

    Args:
        n: number of questions, from 1 to the size of the bank.
        seed: seed of ``numpy.random.default_rng``.

    Returns:
        A list of ``n`` distinct questions.

    >>> [q.id for q in final_assessment(3, seed=1)] == [q.id for q in final_assessment(3, seed=1)]
    True
    >>> final_assessment(n=0)
    Traceback (most recent call last):
        ...
    ValueError: The number of questions must be between 1 and ... (got 0).
    """
    bank = load_bank()
    n = _check_whole("n", n)
    if not 1 <= n <= len(bank):
        raise ValueError(t("quiz.error.n_range", high=len(bank), value=n))
    rng = np.random.default_rng(_check_whole("seed", seed))
    chapters = [c for c in CHAPTERS if any(q.chapter == c for q in bank)]
    core = [c for c in CORE_CHAPTERS if c in chapters]
    others = [c for c in chapters if c not in core]
    rounds = core + [others[int(i)] for i in rng.permutation(len(others))]
    rounds += core * (MIN_PER_CORE - 1)
    chosen: list[Question] = []
    taken: set[str] = set()
    drawn: Counter[str] = Counter()

    def take(pool: list[Question]) -> None:
        q = pool[int(rng.integers(len(pool)))]
        chosen.append(q)
        taken.add(q.id)
        drawn[q.chapter] += 1

    for chapter in rounds[:n]:
        take([q for q in bank if q.chapter == chapter and q.id not in taken])
    while len(chosen) < n:
        rest = [q for q in bank if q.id not in taken]
        take([q for q in rest if drawn[q.chapter] < MAX_PER_CHAPTER] or rest)
    return [chosen[int(i)] for i in rng.permutation(len(chosen))]
