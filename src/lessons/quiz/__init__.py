"""The question bank: load it, check answers, score an attempt, draw the final assessment.

The questions are data, one JSON file per chapter in ``lessons/data/questions/``, validated
against ``schema.json`` there when they are loaded. Each learner-facing text is an object keyed
by language (``{"en": "..."}``): adding French means adding ``"fr"`` keys, with no code change.
Numeric answers are never typed by hand: a question declares the :mod:`lessons.kpis` (or
:mod:`lessons.accounts`) function and its arguments, and the answer is computed when the bank
is loaded.

The package, by role (every name below is importable from ``lessons.quiz``):

* :mod:`lessons.quiz.bank`: the files, their schema, the :class:`Question` objects, lookups;
* :mod:`lessons.quiz.checking`: scoring one answer (the rules are there) and its feedback;
* :mod:`lessons.quiz.assessment`: scoring a set of answers, the balanced final assessment;
* :mod:`lessons.quiz.numbers`: reading a number a learner typed.

The site's script (``lessons/static/quiz/quiz.js``) scores and reads numbers with the same
rules; both implementations run the tables of cases in ``lessons/data/quiz_cases/``.

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

from lessons.quiz.assessment import (
    CORE_CHAPTERS,
    MAX_PER_CHAPTER,
    MIN_PER_CORE,
    SCENARIO_CHAPTERS,
    WEAK_BELOW,
    Report,
    TopicScore,
    final_assessment,
    score_attempt,
    topic_scores,
)
from lessons.quiz.bank import (
    CATEGORIES,
    CHAPTERS,
    PAGES,
    QUESTION_TYPES,
    Item,
    Option,
    Pointer,
    Question,
    as_question,
    bank_files,
    chapter_title,
    check_chapter,
    display_args,
    load_bank,
    localized,
    question,
    questions_for,
    questions_table,
    read_bank,
    schema,
)
from lessons.quiz.checking import (
    Feedback,
    Result,
    check_answer,
    percent,
    points,
    score_choice,
    score_classification,
    score_numeric,
    verdict,
)
from lessons.quiz.numbers import READINGS, REASONS, NumberError, parse_number, reading_for

__all__ = [
    "CATEGORIES",
    "CHAPTERS",
    "CORE_CHAPTERS",
    "MAX_PER_CHAPTER",
    "MIN_PER_CORE",
    "PAGES",
    "QUESTION_TYPES",
    "READINGS",
    "REASONS",
    "SCENARIO_CHAPTERS",
    "WEAK_BELOW",
    "Feedback",
    "Item",
    "NumberError",
    "Option",
    "Pointer",
    "Question",
    "Report",
    "Result",
    "TopicScore",
    "as_question",
    "bank_files",
    "chapter_title",
    "check_answer",
    "check_chapter",
    "display_args",
    "final_assessment",
    "load_bank",
    "localized",
    "parse_number",
    "percent",
    "points",
    "question",
    "questions_for",
    "questions_table",
    "read_bank",
    "reading_for",
    "schema",
    "score_attempt",
    "score_choice",
    "score_classification",
    "score_numeric",
    "topic_scores",
    "verdict",
]
