"""The question bank: load it, check answers, score an attempt, draw the final assessment.

The questions are data, one JSON file per chapter in ``lessons/data/questions/`` (validated
against ``schema.json`` there by ``tests/test_quiz_bank.py``). Each learner-facing text is an
object keyed by language (``{"en": "..."}``): adding French means adding ``"fr"`` keys, with no
code change. Numeric answers are never typed by hand: a question declares the
:mod:`lessons.kpis` (or :mod:`lessons.accounts`) function and its arguments, and the answer is
computed when the bank is loaded.

Scoring rules (every question is worth 1 point):

* **single choice**: 1 for the correct option, 0 otherwise;
* **multiple choice**: (correct options ticked - wrong options ticked) / correct options,
  never below 0; full credit only for exactly the correct set;
* **numeric**: 1 when within the stated tolerance of the computed answer, 0 otherwise;
* **classification**: the share of items put in the right category (unsorted items count as
  wrong).

>>> q = question("agency-04")
>>> q.answer
4.0
>>> check_answer(q, 4.0).score
1.0
>>> check_answer("kpi-01", "z")
Traceback (most recent call last):
    ...
ValueError: 'z' is not an option of question kpi-01. The options are: a, b, c, d. ...
"""

from __future__ import annotations

import importlib
import json
import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from lessons.i18n import get_language, t

__all__ = [
    "CATEGORIES",
    "CHAPTERS",
    "PAGES",
    "QUESTION_TYPES",
    "WEAK_BELOW",
    "Feedback",
    "Item",
    "Option",
    "Pointer",
    "Question",
    "Report",
    "Result",
    "TopicScore",
    "chapter_title",
    "check_answer",
    "final_assessment",
    "load_bank",
    "localized",
    "parse_number",
    "question",
    "questions_for",
    "questions_table",
    "score_attempt",
]

#: Chapter ids of the quiz, in reading order, with the page each chapter's quiz sends you back
#: to (a Sphinx docname: the path without extension).
CHAPTERS: dict[str, str] = {
    "key-account": "book/key_account",
    "kpi": "book/kpi",
    "difference": "book/difference",
    "software-bank": "notebooks/scenario_software_bank",
    "manufacturer": "notebooks/scenario_manufacturer",
    "startup": "notebooks/scenario_startup",
    "consulting": "notebooks/scenario_consulting",
    "agency": "notebooks/scenario_agency",
    "restaurant": "notebooks/scenario_restaurant",
    "putting-together": "book/putting_together",
    "beyond": "book/beyond",
    "your-data": "notebooks/your_data",
}

#: Every page a "re-read" pointer may name (the chapters of ``_toc.yml``).
PAGES: frozenset[str] = frozenset(
    {
        *CHAPTERS.values(),
        "book/welcome",
        "notebooks/portfolio_explorer",
        "notebooks/kpi_builder",
        "notebooks/scorecard",
        "book/summary",
        "book/glossary",
    }
)

QUESTION_TYPES = ("single", "multiple", "numeric", "classification")

#: Categories of a classification question (codes; the labels come from the i18n catalog).
CATEGORIES = ("key_account", "kpi", "neither")

#: A topic scoring below this fraction of its points is "weak" and gets a pointer to re-read.
WEAK_BELOW = 0.7


def localized(text: Mapping[str, str], lang: str | None = None) -> str:
    """A bank text in ``lang`` (default: the current language), falling back to English.

    >>> localized({"en": "Key account", "fr": "Compte clé"}, "fr")
    'Compte clé'
    >>> localized({"fr": "Compte clé"})
    Traceback (most recent call last):
        ...
    KeyError: 'en'
    """
    return text.get(lang or get_language()) or text["en"]


_localized = localized


@dataclass(frozen=True)
class Pointer:
    """Where to re-read: a page of the book and, optionally, a section label on it.

    ``anchor`` is a Sphinx label (``(kpi-smart)=`` in the chapter); the site links to it when
    it exists and to the top of the page otherwise.
    """

    page: str
    anchor: str | None = None

    @property
    def path(self) -> str:
        """The source file of the page, e.g. ``book/kpi.md`` or ``notebooks/your_data.ipynb``."""
        suffix = ".md" if self.page.startswith("book/") else ".ipynb"
        return self.page + suffix

    @property
    def page_title(self) -> str:
        """The title of the page, in the current language."""
        return t(f"quiz.page.{self.page.split('/')[-1]}")

    @property
    def section_title(self) -> str | None:
        """The name of the section, in the current language (``None`` for a whole page)."""
        return t(f"quiz.section.{self.anchor}") if self.anchor else None

    def describe(self) -> str:
        """A one-line pointer a learner can follow: page title, section and file."""
        where = self.path + (f"#{self.anchor}" if self.anchor else "")
        if self.anchor:
            return t(
                "quiz.reread.section", page=self.page_title, section=self.section_title, path=where
            )
        return t("quiz.reread.page", page=self.page_title, path=where)


@dataclass(frozen=True)
class Option:
    """One option of a single- or multiple-choice question."""

    id: str
    text: Mapping[str, str]
    correct: bool
    feedback: Mapping[str, str]
    misconception: Mapping[str, str] | None = None
    reread: Pointer | None = None


@dataclass(frozen=True)
class Item:
    """One item of a classification question and the category it belongs to."""

    id: str
    text: Mapping[str, str]
    category: str
    feedback: Mapping[str, str]
    misconception: Mapping[str, str]
    reread: Pointer


@dataclass(frozen=True)
class Question:
    """One question of the bank (see the module docstring for the scoring rules).

    Numeric questions carry ``answer`` (computed from ``compute`` with :mod:`lessons.kpis`),
    ``tolerance``, ``unit``, ``decimals`` and ``wrong`` (the feedback for a wrong number).
    """

    id: str
    chapter: str
    type: str
    prompt: Mapping[str, str]
    explanation: Mapping[str, str]
    reread: Pointer
    options: tuple[Option, ...] = ()
    items: tuple[Item, ...] = ()
    categories: tuple[str, ...] = ()
    compute: Mapping[str, Any] | None = None
    answer: float | None = None
    tolerance: float | None = None
    scale: float = 1.0
    unit: str = ""
    decimals: int = 2
    wrong: Option | None = None

    def looks_like_fraction(self, value: float) -> bool:
        """True when ``value`` is the right rate typed as a fraction where % is asked (0.05, 5)."""
        return (
            self.answer is not None
            and self.scale == 100
            and abs(value * 100 - self.answer) <= float(self.tolerance or 0)
        )

    def text(self, lang: str | None = None) -> str:
        """The question as the learner reads it, numbers filled in from its inputs."""
        template = _localized(self.prompt, lang)
        if self.compute is None:
            return template
        return template.format_map(_display_args(self.compute["args"]))

    def explanation_text(self, lang: str | None = None) -> str:
        """Why the correct answer is correct, in ``lang`` (default: the current language)."""
        return _localized(self.explanation, lang)

    @property
    def correct_options(self) -> frozenset[str]:
        """Ids of the correct options (empty for numeric and classification questions)."""
        return frozenset(o.id for o in self.options if o.correct)

    def option(self, option_id: str) -> Option:
        """The option with this id (``KeyError`` if there is none)."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    def shown_answer(self) -> str:
        """The numeric answer rounded as shown to a learner, with its unit (e.g. ``'20.0 %'``)."""
        if self.answer is None:
            raise ValueError(t("quiz.error.not_numeric", id=self.id, type=self.type))
        return f"{self.answer:,.{self.decimals}f} {self.unit}".strip()


def _display_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """Arguments as placeholders of a prompt: lists as '5, 4, 3', mappings as their values."""
    shown: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, Mapping):
            shown.update(value)
        elif isinstance(value, list):
            shown[name] = ", ".join(str(v) for v in value)
        else:
            shown[name] = value
    return shown


# --------------------------------------------------------------------------- loading


def _bank_files() -> list[Any]:
    folder = resources.files("lessons") / "data" / "questions"
    return sorted(
        (p for p in folder.iterdir() if p.name.endswith(".json") and p.name != "schema.json"),
        key=lambda p: p.name,
    )


def _pointer(raw: Mapping[str, Any], where: str) -> Pointer:
    page = raw.get("page")
    if page not in PAGES:
        raise ValueError(
            f"{where}: the page {page!r} to re-read is not a page of the book. "
            f"Known pages: {', '.join(sorted(PAGES))}."
        )
    return Pointer(page=page, anchor=raw.get("anchor"))


def _compute(spec: Mapping[str, Any], scale: float, where: str) -> float:
    """Call ``lessons.<module>.<function>(**args)`` (and read ``attribute``) times ``scale``."""
    module = importlib.import_module(f"lessons.{spec['module']}")
    function = getattr(module, spec["function"], None)
    if function is None or spec["function"] not in getattr(module, "__all__", ()):
        raise ValueError(
            f"{where}: lessons.{spec['module']} has no public function {spec['function']!r}."
        )
    value = function(**spec["args"])
    if "attribute" in spec:
        value = getattr(value, spec["attribute"])
    return float(value) * scale


def _question(raw: Mapping[str, Any], chapter: str, where: str) -> Question:
    where = f"{where}, question {raw.get('id')!r}"
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        raise ValueError(f"{where}: unknown type {qtype!r} (use one of {QUESTION_TYPES}).")
    if not str(raw["id"]).startswith(chapter + "-"):
        raise ValueError(f"{where}: question ids of this file start with {chapter + '-'!r}.")
    common = dict(
        id=raw["id"],
        chapter=chapter,
        type=qtype,
        prompt=raw["prompt"],
        explanation=raw["explanation"],
        reread=_pointer(raw["reread"], where),
    )
    if qtype in ("single", "multiple"):
        options = tuple(
            Option(
                id=o["id"],
                text=o["text"],
                correct=o["correct"],
                feedback=o["feedback"],
                misconception=o.get("misconception"),
                reread=_pointer(o["reread"], where) if "reread" in o else None,
            )
            for o in raw["options"]
        )
        ids = [o.id for o in options]
        correct = [o for o in options if o.correct]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{where}: option ids repeat ({ids}).")
        if qtype == "single" and len(correct) != 1:
            raise ValueError(f"{where}: a single-choice question needs exactly 1 correct option.")
        if qtype == "multiple" and not 1 <= len(correct) < len(options):
            raise ValueError(
                f"{where}: a multiple-choice question needs correct and wrong options."
            )
        for o in options:
            if not o.correct and (o.misconception is None or o.reread is None):
                raise ValueError(
                    f"{where}: wrong option {o.id!r} needs a misconception and reread."
                )
        return Question(**common, options=options)
    if qtype == "numeric":
        args = raw["compute"]["args"]
        try:
            raw["prompt"]["en"].format_map(_display_args(args))
        except (KeyError, ValueError, IndexError) as error:
            raise ValueError(
                f"{where}: the prompt's placeholders do not match args: {error}."
            ) from None
        wrong = raw["wrong"]
        return Question(
            **common,
            compute=raw["compute"],
            answer=_compute(raw["compute"], raw["scale"], where),
            tolerance=float(raw["tolerance"]),
            scale=float(raw["scale"]),
            unit=raw["unit"],
            decimals=raw["decimals"],
            wrong=Option(
                id="wrong",
                text={"en": ""},
                correct=False,
                feedback=wrong["feedback"],
                misconception=wrong["misconception"],
                reread=_pointer(wrong["reread"], where),
            ),
        )
    categories = tuple(raw["categories"])
    items = tuple(
        Item(
            id=i["id"],
            text=i["text"],
            category=i["category"],
            feedback=i["feedback"],
            misconception=i["misconception"],
            reread=_pointer(i["reread"], where),
        )
        for i in raw["items"]
    )
    if len({i.id for i in items}) != len(items):
        raise ValueError(f"{where}: item ids repeat.")
    for i in items:
        if i.category not in categories:
            raise ValueError(f"{where}: item {i.id!r} is in {i.category!r}, not a category.")
    return Question(**common, items=items, categories=categories)


@cache
def load_bank() -> tuple[Question, ...]:
    """Every question of the bank, chapter by chapter in reading order, checked.

    Returns:
        A tuple of :class:`Question`, numeric answers computed with :mod:`lessons.kpis`.

    Raises:
        ValueError: a file names the wrong chapter, an id repeats, a question has no correct
            answer, a page to re-read is unknown... (the message names the file and question).
    """
    by_chapter: dict[str, list[Question]] = {}
    seen: set[str] = set()
    for path in _bank_files():
        raw = json.loads(path.read_text(encoding="utf-8"))
        chapter = path.name.removesuffix(".json")
        where = f"questions/{path.name}"
        if raw.get("chapter") != chapter or chapter not in CHAPTERS:
            raise ValueError(f"{where}: the file name and 'chapter' must be a chapter id.")
        if raw.get("page") != CHAPTERS[chapter]:
            raise ValueError(f"{where}: 'page' must be {CHAPTERS[chapter]!r}.")
        questions = [_question(q, chapter, where) for q in raw["questions"]]
        for q in questions:
            if q.id in seen:
                raise ValueError(f"{where}: the question id {q.id!r} is used twice.")
            seen.add(q.id)
        by_chapter[chapter] = questions
    return tuple(q for chapter in CHAPTERS for q in by_chapter.get(chapter, []))


def _chapter_id(chapter: object) -> str:
    if not isinstance(chapter, str) or chapter not in CHAPTERS:
        raise ValueError(t("quiz.error.unknown_chapter", value=chapter, known=", ".join(CHAPTERS)))
    return chapter


def questions_for(chapter: str) -> list[Question]:
    """The questions of one chapter, in the bank's order.

    Args:
        chapter: a chapter id such as ``"kpi"`` (see :data:`CHAPTERS`).

    >>> [q.id for q in questions_for("kpi")][:3]
    ['kpi-01', 'kpi-02', 'kpi-03']
    >>> questions_for("KPIs")
    Traceback (most recent call last):
        ...
    ValueError: 'KPIs' is not a chapter id of the quiz. Use one of: key-account, kpi, ...
    """
    chapter = _chapter_id(chapter)
    return [q for q in load_bank() if q.chapter == chapter]


def questions_table(questions: Sequence[Question]) -> pd.DataFrame:
    """One row per question: number, id, topic (chapter title) and type, for a quick overview.

    >>> questions_table(questions_for("kpi")[:2]).columns.tolist()
    ['#', 'id', 'Topic', 'type']
    >>> questions_table(["kpi-01"])
    Traceback (most recent call last):
        ...
    TypeError: Expected a question such as lessons.quiz.question('kpi-03') (got 'kpi-01' ...
    """
    rows = []
    for number, q in enumerate(questions, start=1):
        if not isinstance(q, Question):
            raise TypeError(t("quiz.error.not_question_object", value=q, type=type(q).__name__))
        rows.append(
            {
                "#": number,
                "id": q.id,
                t("quiz.table.topic"): chapter_title(q.chapter),
                "type": q.type,
            }
        )
    return pd.DataFrame(rows)


def question(question_id: str) -> Question:
    """The question with this id, e.g. ``question("kpi-03")``."""
    for q in load_bank():
        if q.id == question_id:
            return q
    raise ValueError(t("quiz.error.unknown_question", value=question_id))


def chapter_title(chapter: str) -> str:
    """The title of a chapter's page, in the current language (``'What is a KPI'``)."""
    return Pointer(CHAPTERS[_chapter_id(chapter)]).page_title


def parse_number(text: str) -> float:
    """Read a number typed by a learner: ``"20"``, ``"20.5"``, ``"20,5"``, ``"1,800"``, ``"20 %"``.

    The same rules as the site's quiz script: units and spaces are ignored; a comma is a
    decimal comma unless it separates thousands (``1,800``) or a dot is also present.

    >>> parse_number("12,5 %"), parse_number("1,800"), parse_number("€ 4,800,000")
    (12.5, 1800.0, 4800000.0)
    >>> parse_number("twelve")
    Traceback (most recent call last):
        ...
    ValueError: 'twelve' is not a number. Type a number, for example 12.5.
    """
    if not isinstance(text, str):
        raise TypeError(t("quiz.error.parse_type", value=text, type=type(text).__name__))
    s = re.sub(r"[^0-9.,\-]", "", text)
    if ("," in s and "." in s) or re.fullmatch(r"-?\d{1,3}(,\d{3})+", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".", 1)
    if not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)", s):
        raise ValueError(t("quiz.error.parse", value=text))
    return float(s)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Feedback:
    """One line of feedback: what was right or which misconception, and where to re-read."""

    ok: bool
    text: str
    misconception: str | None = None
    reread: Pointer | None = None
    subject: str | None = None


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

    def lines(self) -> list[str]:
        """The feedback as plain sentences, ready to print."""
        out = []
        for f in self.feedback:
            head = f"{f.subject}: " if f.subject else ""
            mis = t("quiz.misconception", name=f.misconception) + " " if f.misconception else ""
            tail = " " + f.reread.describe() if f.reread and not f.ok else ""
            out.append(f"{'✓' if f.ok else '✗'} {head}{mis}{f.text}{tail}")
        return out


def _as_question(q: Question | str) -> Question:
    if isinstance(q, Question):
        return q
    if isinstance(q, str):
        return question(q)
    raise TypeError(t("quiz.error.not_a_question", value=q, type=type(q).__name__))


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


def _check_single(q: Question, answer: object) -> tuple[float, list[Feedback]]:
    chosen = q.option(_option_id(q, answer))
    fb = _option_feedback(chosen, ticked=True)
    return (1.0 if chosen.correct else 0.0), [fb]


def _option_feedback(o: Option, *, ticked: bool) -> Feedback:
    text = _localized(o.text)
    if o.correct and ticked:
        return Feedback(True, _localized(o.feedback), subject=text)
    if o.correct:  # a correct option left unticked
        return Feedback(False, t("quiz.missed", text=_localized(o.feedback)), subject=text)
    return Feedback(
        False,
        _localized(o.feedback),
        misconception=_localized(o.misconception or {"en": ""}),
        reread=o.reread,
        subject=text,
    )


def _check_multiple(q: Question, answer: object) -> tuple[float, list[Feedback]]:
    if isinstance(answer, str) or not isinstance(answer, Iterable) or isinstance(answer, Mapping):
        raise TypeError(
            t("quiz.error.multiple_type", id=q.id, value=answer, type=type(answer).__name__)
        )
    ticked = {_option_id(q, a) for a in answer}
    right = q.correct_options
    hits, false_ticks = len(ticked & right), len(ticked - right)
    score = max(0.0, (hits - false_ticks) / len(right))
    feedback = [
        _option_feedback(o, ticked=o.id in ticked) for o in q.options if o.id in ticked or o.correct
    ]
    return score, feedback


def _check_numeric(q: Question, answer: object) -> tuple[float, list[Feedback]]:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise TypeError(
            t("quiz.error.numeric_type", id=q.id, value=answer, type=type(answer).__name__)
        )
    value = float(answer)
    if not math.isfinite(value):
        raise ValueError(t("errors.not_finite", name=f"The answer to {q.id}", value=value))
    if abs(value - float(q.answer or 0)) <= float(q.tolerance or 0) + 1e-9:
        return 1.0, [Feedback(True, _localized(q.explanation))]
    text = t("quiz.numeric.expected", answer=q.shown_answer())
    if q.looks_like_fraction(value):
        # The commonest slip: the rate as a fraction (0.05) where a percentage (5) is asked.
        mis = t("quiz.numeric.fraction_misconception")
        hint = t("quiz.numeric.fraction")
        return 0.0, [Feedback(False, f"{text} {hint}", misconception=mis, reread=q.reread)]
    if q.wrong is not None:
        text += " " + _localized(q.wrong.feedback)
    wrong = q.wrong or Option("wrong", {"en": ""}, False, {"en": ""})
    misconception = _localized(wrong.misconception or {"en": ""})
    return 0.0, [Feedback(False, text, misconception=misconception, reread=wrong.reread)]


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
    feedback, right = [], 0
    for i in q.items:
        placed = answer.get(i.id)
        subject = _localized(i.text)
        if placed == i.category:
            right += 1
            feedback.append(Feedback(True, _localized(i.feedback), subject=subject))
        else:
            expected = t("quiz.classification.expected", category=t(f"quiz.category.{i.category}"))
            feedback.append(
                Feedback(
                    False,
                    f"{expected} {_localized(i.feedback)}",
                    misconception=_localized(i.misconception),
                    reread=i.reread,
                    subject=subject,
                )
            )
    return right / len(q.items), feedback


_CHECKERS = {
    "single": _check_single,
    "multiple": _check_multiple,
    "numeric": _check_numeric,
    "classification": _check_classification,
}


def check_answer(q: Question | str, answer: Any) -> Result:
    """Score one answer and explain it.

    Args:
        q: a :class:`Question` or its id (``"kpi-03"``).
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

    >>> sorted(question("kpi-02").correct_options)
    ['a', 'b', 'd', 'f', 'g']
    >>> check_answer("kpi-02", ["a", "b", "c", "d", "f"]).score  # (4 right - 1 wrong) / 5
    0.6
    >>> check_answer("kpi-02", "a")
    Traceback (most recent call last):
        ...
    TypeError: Question kpi-02 takes several options: give a list of option ids such as ...
    """
    q = _as_question(q)
    score, feedback = _CHECKERS[q.type](q, answer)
    return Result(question=q, answer=answer, score=round(score, 10), feedback=tuple(feedback))


def _unanswered(q: Question) -> Result:
    return Result(
        question=q,
        answer=None,
        score=0.0,
        feedback=(Feedback(False, t("quiz.unanswered"), reread=q.reread),),
    )


# --------------------------------------------------------------------------- scoring a set


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
                    t("quiz.table.points"): round(s.score, 2),
                    t("quiz.table.percent"): round(100 * s.fraction),
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
                score=f"{round(self.score, 2):g}",
                out_of=self.out_of,
                percent=round(100 * self.fraction),
            )
        ]
        pointers = self.pointers()
        if not pointers:
            lines.append(t("quiz.report.no_weak"))
        for chapter, found in pointers.items():
            lines.append(t("quiz.report.weak", topic=chapter_title(chapter)))
            lines.extend("  " + p.describe() for p in found)
        return "\n".join(lines)


def score_attempt(questions: Sequence[Question | str], answers: Mapping[str, Any]) -> Report:
    """Score a set of answers to a set of questions (unanswered questions score 0).

    Args:
        questions: the questions asked (objects or ids), e.g. from :func:`final_assessment`.
        answers: question id -> answer, in the shapes :func:`check_answer` accepts.

    Returns:
        A :class:`Report` with the total, the per-topic breakdown and pointers for weak topics.

    >>> report = score_attempt(["kpi-01", "kpi-05"], {"kpi-01": "a"})
    >>> report.score, report.out_of, report.weak_topics
    (1.0, 2, ['kpi'])
    >>> score_attempt(["kpi-01"], {"kpi-99": "a"})
    Traceback (most recent call last):
        ...
    ValueError: You answered 'kpi-99', which is not among the questions asked (kpi-01). ...
    """
    if not isinstance(answers, Mapping):
        raise TypeError(t("quiz.error.answers_type", value=answers, type=type(answers).__name__))
    asked = [_as_question(q) for q in questions]
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
    by_topic: dict[str, TopicScore] = {}
    for chapter in CHAPTERS:
        mine = [r for r in results if r.question.chapter == chapter]
        if mine:
            by_topic[chapter] = TopicScore(chapter, sum(r.score for r in mine), len(mine))
    return Report(results=results, by_topic=by_topic)


def final_assessment(n: int = 20, seed: int = 0) -> list[Question]:
    """Draw ``n`` questions across all topics, the same ones for the same ``seed``.

    Every chapter gets at least one question (when ``n`` is at least the number of
    chapters); the rest are drawn uniformly from the remaining questions; the order is shuffled.

    Args:
        n: number of questions, from 1 to the size of the bank.
        seed: seed of ``numpy.random.default_rng``.

    >>> [q.id for q in final_assessment(3, seed=1)] == [q.id for q in final_assessment(3, seed=1)]
    True
    >>> final_assessment(n=0)
    Traceback (most recent call last):
        ...
    ValueError: The number of questions must be between 1 and 105 (got 0).
    """
    bank = load_bank()
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(t("errors.not_integer", name="n", value=n))
    if not 1 <= n <= len(bank):
        raise ValueError(t("quiz.error.n_range", high=len(bank), value=n))
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(t("errors.not_integer", name="seed", value=seed))
    rng = np.random.default_rng(int(seed))
    chapters = [c for c in CHAPTERS if any(q.chapter == c for q in bank)]
    if n < len(chapters):
        chapters = [chapters[i] for i in sorted(rng.choice(len(chapters), n, replace=False))]
    chosen: list[Question] = []
    for chapter in chapters:
        pool = [q for q in bank if q.chapter == chapter]
        chosen.append(pool[int(rng.integers(len(pool)))])
    taken = {q.id for q in chosen}
    rest = [q for q in bank if q.id not in taken]
    extra = rng.choice(len(rest), n - len(chosen), replace=False)
    chosen.extend(rest[int(i)] for i in extra)
    return [chosen[int(i)] for i in rng.permutation(len(chosen))]
