"""A learner's result file: the final assessment's answers, kept by them, read by a trainer.

The site's final assessment and the notebook's quiz panel offer "Download my result": a small
JSON file that holds the format, the course version, the seed and size of the draw, the
questions asked, the answers given, the score per topic and an optional name. Nothing is sent
anywhere: the learner hands the file to the trainer, who gathers a room with
``lessons room-report FILE…`` (:mod:`lessons.room`).

The trainer's side never trusts the scores written in a file: :func:`read_result` checks the
file against its schema, draws the same questions from the seed, and scores the answers again
with the package's own rules (:func:`lessons.quiz.score_attempt`).

>>> from lessons.quiz import final_assessment
>>> asked = final_assessment(n=5, seed=3)
>>> record = result_record(asked, {}, seed=3, name="Ana")
>>> record["format"], record["n"], record["total"]
('lessons-result', 5, {'score': 0.0, 'out_of': 5})
>>> check_record(dict(record, seed="three"), "ana.json")
Traceback (most recent call last):
    ...
ValueError: ana.json is not a result file of this course: 'seed' must be a whole number ...
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from lessons import __version__
from lessons.i18n import get_language, t
from lessons.quiz import Question, Report, final_assessment, points, score_attempt
from lessons.quiz.bank import as_question

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_RESULT_BYTES",
    "LearnerResult",
    "check_record",
    "course_version",
    "read_result",
    "result_record",
    "save_result",
]

#: The ``format`` field of every result file.
FORMAT = "lessons-result"
#: The version of the file's layout (not of the course).
FORMAT_VERSION = 1
#: A result file is a few kilobytes; anything far larger is not one.
MAX_RESULT_BYTES = 1_000_000


@cache
def course_version() -> str:
    """The course's version as a result file records it: the package version and the bank's hash.

    Two learners can be compared only if they answered the same questions with the same
    right answers: the hash changes whenever a question of the bank changes.

    >>> course_version().startswith(__version__ + "+bank.")
    True
    """
    digest = hashlib.sha256()
    folder = resources.files("lessons") / "data" / "questions"
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".json"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{__version__}+bank.{digest.hexdigest()[:12]}"


@cache
def _schema() -> dict[str, Any]:
    path = resources.files("lessons") / "data" / "result_schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def result_record(
    questions: Sequence[Question | str],
    answers: Mapping[str, Any],
    *,
    seed: int,
    name: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The content of a result file for an attempt at the final assessment.

    Args:
        questions: the questions drawn, in the order asked (:func:`lessons.quiz.final_assessment`).
        answers: question id -> answer, in the shapes ``check_answer`` accepts.
        seed: the seed of the draw.
        name: the learner's name, optional (free text, kept as typed).
        lang: the language the learner answered in (the current language if omitted).

    Returns:
        A dict ready for ``json.dump``: it passes :func:`check_record`. Points are rounded
        to 2 decimals as the page shows them (:func:`lessons.quiz.points`), so the site's
        script writes the same numbers without a formula of its own.
    """
    asked = [as_question(q) for q in questions]
    report = score_attempt(asked, {k: v for k, v in answers.items() if v is not None})
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "course_version": course_version(),
        "assessment": "final",
        "seed": seed,
        "n": len(asked),
        "name": (name or "").strip() or None,
        "language": lang or get_language(),
        "questions": [q.id for q in asked],
        "answers": {q.id: _plain(answers[q.id]) for q in asked if answers.get(q.id) is not None},
        "topics": {
            chapter: {"score": points(s.score), "out_of": s.out_of}
            for chapter, s in report.by_topic.items()
        },
        "total": {"score": points(report.score), "out_of": report.out_of},
    }


def _plain(answer: Any) -> Any:
    """An answer as JSON holds it (tuples as lists, numpy numbers as floats)."""
    if isinstance(answer, Mapping):
        return {str(k): str(v) for k, v in answer.items()}
    if isinstance(answer, (list, tuple)):
        return [str(a) for a in answer]
    if isinstance(answer, str):
        return answer
    return float(answer)


def save_result(
    questions: Sequence[Question | str],
    answers: Mapping[str, Any],
    path: str | Path,
    *,
    seed: int,
    name: str | None = None,
) -> Path:
    """Write a result file (UTF-8 JSON) and return its path; an existing file is not overwritten.

    >>> save_result(["kpi-01"], {}, Path("/nonexistent-folder/r.json"), seed=0)
    Traceback (most recent call last):
        ...
    ValueError: Cannot write the result file /nonexistent-folder/r.json: the folder does not ...
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ValueError(t("results.error.no_folder", path=path))
    if path.exists():
        raise ValueError(t("results.error.exists", path=path))
    record = result_record(questions, answers, seed=seed, name=name)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(top level)"


def _rule(error: jsonschema.ValidationError) -> str:
    """What the schema asks of the field, in the learner's language."""
    expected = error.validator_value
    key = f"results.rule.{error.validator}"
    if error.validator == "type" and isinstance(expected, str):
        key = f"results.rule.type.{expected}"
    try:
        return t(key, value=json.dumps(expected, ensure_ascii=False)[:80])
    except KeyError:
        return t("results.rule.other")


def _field(error: jsonschema.ValidationError) -> str:
    """The field a schema error is about (the missing or unexpected one, for those rules)."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in instance]
        return ", ".join(missing) or "?"
    if error.validator == "additionalProperties" and error.validator_value is False:
        allowed = error.schema.get("properties", {})
        return ", ".join(sorted(str(k) for k in instance if k not in allowed)) or "?"
    if error.absolute_path:
        return str(error.absolute_path[-1])
    return "?"


def check_record(record: Any, label: str) -> dict[str, Any]:
    """Check a decoded result file against its schema; return it or raise with what is wrong.

    Args:
        record: what ``json.load`` gave.
        label: how to name the file in a message (its path).
    """
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(t("results.error.not_result", file=label, format=FORMAT))
    if record.get("format_version") != FORMAT_VERSION:
        raise ValueError(
            t(
                "results.error.format_version",
                file=label,
                found=record.get("format_version"),
                expected=FORMAT_VERSION,
            )
        )
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        raise ValueError(
            t(
                "results.error.schema",
                file=label,
                field=_field(first),
                where=_where(first),
                rule=_rule(first),
            )
        )
    return record


@dataclass(frozen=True)
class LearnerResult:
    """One learner's result file, read and scored again by the package."""

    path: Path
    name: str | None
    seed: int
    course_version: str
    questions: tuple[Question, ...]
    answers: Mapping[str, Any]
    report: Report
    stated_total: float

    @property
    def edited(self) -> bool:
        """True when the score written in the file is not what its answers earn."""
        return not math.isclose(self.stated_total, points(self.report.score), abs_tol=1e-6)


def read_result(path: str | Path) -> LearnerResult:
    """Read one result file, check it and score its answers again; the file is only read.

    Raises:
        ValueError: a message naming the file: missing, unreadable, not JSON, not a result
            file, another layout, or answers that do not fit the questions drawn by its seed.
    """
    path = Path(path)
    label = str(path)
    if not path.is_file():
        raise ValueError(t("results.error.missing", file=label))
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_RESULT_BYTES + 1)
    except OSError as error:
        raise ValueError(t("results.error.unreadable", file=label, reason=error.strerror)) from None
    if len(raw) > MAX_RESULT_BYTES:
        raise ValueError(t("results.error.too_big", file=label))
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(t("results.error.not_json", file=label, reason=str(error))) from None
    check_record(record, label)
    try:
        drawn = final_assessment(n=record["n"], seed=record["seed"])
    except ValueError as error:
        raise ValueError(t("results.error.draw", file=label, reason=str(error))) from None
    if [q.id for q in drawn] != record["questions"]:
        raise ValueError(t("results.error.other_draw", file=label, seed=record["seed"]))
    answers = record["answers"]
    try:
        report = score_attempt(drawn, answers)
    except (TypeError, ValueError) as error:
        raise ValueError(t("results.error.answers", file=label, reason=str(error))) from None
    return LearnerResult(
        path=path,
        name=record.get("name"),
        seed=record["seed"],
        course_version=record["course_version"],
        questions=tuple(drawn),
        answers=answers,
        report=report,
        stated_total=float(record["total"]["score"]),
    )
