"""The question bank: its files, their schema, and the questions they hold.

One JSON file per chapter in ``lessons/data/questions/``, each validated against
``schema.json`` there when it is read, then checked for what a schema cannot say (ids that
repeat, a single-choice question with two correct options, a page to re-read that is not in
the book). Numeric answers are never typed: a question names a public :mod:`lessons.kpis` (or
:mod:`lessons.accounts`) function and its arguments, and the answer is computed here.

>>> q = question("agency-04")
>>> q.answer, q.unit
(4.0, '×')
>>> question("agency-99")
Traceback (most recent call last):
    ...
ValueError: There is no question with id 'agency-99'. Ids look like 'kpi-03': ...
"""

from __future__ import annotations

import importlib
import json
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd

from lessons import format as fmt
from lessons.i18n import get_language, t

__all__ = [
    "CATEGORIES",
    "CHAPTERS",
    "PAGES",
    "QUESTION_TYPES",
    "Item",
    "Option",
    "Pointer",
    "Question",
    "as_question",
    "bank_files",
    "chapter_title",
    "check_chapter",
    "display_args",
    "load_bank",
    "localized",
    "question",
    "questions_for",
    "questions_table",
    "read_bank",
    "schema",
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
    """One question of the bank (the scoring rules are in :mod:`lessons.quiz.checking`).

    Numeric questions carry ``answer`` (computed from ``compute`` with :mod:`lessons.kpis`),
    ``tolerance``, ``unit``, ``decimals`` and ``wrong`` (the feedback for a wrong number), and
    may name ``other_scale``: the factor by which a correct value on another legitimate scale
    differs from the one asked (0.68 on the 0–1 HHI scale is 6,800 on the 0–10,000 scale),
    with ``other_scale_feedback`` saying so. ``transfer`` marks a question that applies the
    course's distinction to a business the course has not shown.
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
    other_scale: float | None = None
    other_scale_feedback: Mapping[str, str] | None = None
    transfer: bool = False

    @property
    def other_scale_factor(self) -> float | None:
        """The factor of a right value typed on another scale, or ``None`` if there is none.

        A percentage asked (``scale`` 100) has one implicitly: the rate as a fraction (0.05
        for 5 %) is off by 100. A question may declare another (``other_scale``).
        """
        if self.other_scale is not None:
            return self.other_scale
        return 100.0 if self.answer is not None and self.scale == 100 else None

    def text(self, lang: str | None = None) -> str:
        """The question as the learner reads it, numbers filled in from its inputs.

        Numbers are written by :mod:`lessons.format` in the language (``€540,000`` in English,
        ``540 000`` in French), whatever format spec the prompt gives them (``{current:,}``).
        """
        template = localized(self.prompt, lang)
        if self.compute is None:
            return template
        shown = {k: _Shown(v, lang) for k, v in display_args(self.compute["args"]).items()}
        return template.format_map(shown)

    def explanation_text(self, lang: str | None = None) -> str:
        """Why the correct answer is correct, in ``lang`` (default: the current language)."""
        return localized(self.explanation, lang)

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

    def shown_answer(self, lang: str | None = None) -> str:
        """The numeric answer rounded as shown to a learner, with its unit (e.g. ``'20.0 %'``).

        Written by :mod:`lessons.format` in ``lang`` (default: the current language).
        """
        if self.answer is None:
            raise ValueError(t("quiz.error.not_numeric", id=self.id, type=self.type))
        if self.unit == "%":  # the answer is in percent; the formatter takes a fraction
            return fmt.percent(self.answer / 100, self.decimals, lang=lang)
        unit = "x" if self.unit == "×" else self.unit
        return fmt.value(self.answer, unit, decimals=self.decimals, lang=lang)


class _Shown:
    """A prompt's number, formatted by :mod:`lessons.format` whatever its format spec says.

    ``{margin:.0%}`` gives a percentage with that many decimals; any other spec (``{x:,}``,
    ``{x}``) gives the number with the language's grouping and decimal mark.
    """

    def __init__(self, value: Any, lang: str | None):
        self.value = value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        if not isinstance(self.value, int | float) or isinstance(self.value, bool):
            return format(self.value, spec)
        if spec.endswith("%"):
            decimals = int(spec[1:-1]) if spec.startswith(".") else 1
            return fmt.percent(self.value, decimals, lang=self.lang)
        return fmt.number(self.value, lang=self.lang)


def display_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """A numeric question's arguments as the placeholders of its prompt.

    Lists read as ``'5, 4, 3'``; a mapping (revenue by account) gives one placeholder per key.

    >>> display_args({"ratings": [5, 4, 3], "revenue_by_account": {"a": 10, "b": 5}})
    {'ratings': '5, 4, 3', 'a': 10, 'b': 5}
    >>> display_args([5, 4])
    Traceback (most recent call last):
        ...
    TypeError: A numeric question's args are a mapping name -> value (got [5, 4] of type list).
    """
    if not isinstance(args, Mapping):
        raise TypeError(t("quiz.error.args_type", value=args, type=type(args).__name__))
    shown: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, Mapping):
            shown.update(value)
        elif isinstance(value, list):
            shown[name] = ", ".join(fmt.number(v) for v in value)
        else:
            shown[name] = value
    return shown


# --------------------------------------------------------------------------- reading the files


def _folder() -> Any:
    return resources.files("lessons") / "data" / "questions"


def bank_files() -> list[Any]:
    """The bank's chapter files (every ``*.json`` of the folder except the schema), by name."""
    return sorted(
        (p for p in _folder().iterdir() if p.name.endswith(".json") and p.name != "schema.json"),
        key=lambda p: p.name,
    )


@cache
def schema() -> dict[str, Any]:
    """The JSON schema every chapter file must match (``data/questions/schema.json``)."""
    return json.loads((_folder() / "schema.json").read_text(encoding="utf-8"))


def _field(path: Iterable[Any]) -> str:
    """A JSON path as a learner-readable field: ``options[1].misconception``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(error: jsonschema.ValidationError) -> str:
    """The schema's complaint, with a long offending value shortened (``[{...}, ...]``)."""
    if error.validator in ("minItems", "maxItems") and isinstance(error.instance, list):
        return t(
            f"quiz.error.schema_{error.validator}",
            count=len(error.instance),
            limit=error.validator_value,
        )
    return error.message.replace(repr(error.instance), reprlib.repr(error.instance))


def _schema_message(error: jsonschema.ValidationError, raw: Any, where: str) -> str:
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, Mapping):
        missing = [k for k in error.validator_value if k not in error.instance]
        path += missing[:1]
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = raw.get("questions") if isinstance(raw, Mapping) else None
        entry = questions[path[1]] if isinstance(questions, list) else None
        qid = entry.get("id") if isinstance(entry, Mapping) else None
        field = _field(path[2:]) or "(the question itself)"
        return t(
            "quiz.error.schema_question",
            where=where,
            id=qid if qid is not None else f"number {path[1] + 1}",
            field=field,
            problem=_problem(error),
        )
    return t(
        "quiz.error.schema_file",
        where=where,
        field=_field(path) or "(the file itself)",
        problem=_problem(error),
    )


def _validate(raw: Any, where: str) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ValueError(_schema_message(errors[0], raw, where))


def _pointer(raw: Mapping[str, Any], where: str) -> Pointer:
    page = raw.get("page")
    if page not in PAGES:
        raise ValueError(
            t("quiz.error.bad_page", where=where, page=page, known=", ".join(sorted(PAGES)))
        )
    return Pointer(page=page, anchor=raw.get("anchor"))


def _compute(spec: Mapping[str, Any], scale: float, where: str) -> float:
    """Call ``lessons.<module>.<function>(**args)`` (and read ``attribute``) times ``scale``."""
    module = importlib.import_module(f"lessons.{spec['module']}")
    function = getattr(module, spec["function"], None)
    if function is None or spec["function"] not in getattr(module, "__all__", ()):
        raise ValueError(
            t("quiz.error.no_function", where=where, module=spec["module"], name=spec["function"])
        )
    value = function(**spec["args"])
    if "attribute" in spec:
        value = getattr(value, spec["attribute"])
    return float(value) * scale


def _options(raw: Mapping[str, Any], qtype: str, where: str) -> tuple[Option, ...]:
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
        raise ValueError(t("quiz.error.repeated_ids", where=where, what="option", ids=ids))
    if qtype == "single" and len(correct) != 1:
        raise ValueError(t("quiz.error.single_correct", where=where, count=len(correct)))
    if qtype == "multiple" and not 1 <= len(correct) < len(options):
        raise ValueError(t("quiz.error.multiple_correct", where=where))
    return options


def _numeric(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    try:
        raw["prompt"]["en"].format_map(display_args(raw["compute"]["args"]))
    except (KeyError, ValueError, IndexError) as error:
        raise ValueError(t("quiz.error.placeholders", where=where, error=error)) from None
    wrong = raw["wrong"]
    other = raw.get("other_scale")
    return dict(
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
        other_scale=float(other["factor"]) if other else None,
        other_scale_feedback=other["feedback"] if other else None,
    )


def _items(raw: Mapping[str, Any], where: str) -> tuple[Item, ...]:
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
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise ValueError(t("quiz.error.repeated_ids", where=where, what="item", ids=ids))
    for i in items:
        if i.category not in raw["categories"]:
            raise ValueError(
                t("quiz.error.item_category", where=where, item=i.id, value=i.category)
            )
    return items


def _question(raw: Mapping[str, Any], chapter: str, where: str) -> Question:
    where = f"{where}, question {raw['id']!r}"
    if not raw["id"].startswith(chapter + "-"):
        raise ValueError(t("quiz.error.id_prefix", where=where, prefix=chapter + "-"))
    common = dict(
        id=raw["id"],
        chapter=chapter,
        type=raw["type"],
        prompt=raw["prompt"],
        explanation=raw["explanation"],
        reread=_pointer(raw["reread"], where),
        transfer=bool(raw.get("transfer", False)),
    )
    if raw["type"] in ("single", "multiple"):
        return Question(**common, options=_options(raw, raw["type"], where))
    if raw["type"] == "numeric":
        return Question(**common, **_numeric(raw, where))
    return Question(**common, items=_items(raw, where), categories=tuple(raw["categories"]))


def read_bank(paths: Sequence[Any]) -> tuple[Question, ...]:
    """Read, validate and check chapter files; the questions in reading order.

    Args:
        paths: chapter files (``pathlib.Path`` or importlib resources), e.g. :func:`bank_files`.

    Returns:
        A tuple of :class:`Question`, numeric answers computed with :mod:`lessons.kpis`.

    Raises:
        ValueError: a file is not JSON, does not match the schema, names the wrong chapter,
            repeats an id, has a question with no correct answer or a page to re-read that is
            not in the book. The message names the file, the question id and the field.

    >>> import json, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> kpi = next(p for p in bank_files() if p.name == "kpi.json")
    >>> data = json.loads(kpi.read_text(encoding="utf-8"))
    >>> del data["questions"][0]["options"][1]["misconception"]
    >>> _ = (folder / "kpi.json").write_text(json.dumps(data), encoding="utf-8")
    >>> read_bank([folder / "kpi.json"])
    Traceback (most recent call last):
        ...
    ValueError: questions/kpi.json, question 'kpi-01', field options[1].misconception: ...
    """
    by_chapter: dict[str, list[Question]] = {}
    seen: set[str] = set()
    for path in paths:
        where = f"questions/{Path(str(path)).name}"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(t("quiz.error.not_json", where=where, error=error)) from None
        _validate(raw, where)
        chapter = Path(str(path)).name.removesuffix(".json")
        if raw["chapter"] != chapter or chapter not in CHAPTERS:
            raise ValueError(t("quiz.error.file_chapter", where=where, chapter=raw["chapter"]))
        if raw["page"] != CHAPTERS[chapter]:
            raise ValueError(t("quiz.error.file_page", where=where, page=CHAPTERS[chapter]))
        questions = [_question(q, chapter, where) for q in raw["questions"]]
        for q in questions:
            if q.id in seen:
                raise ValueError(t("quiz.error.id_twice", where=where, id=q.id))
            seen.add(q.id)
        by_chapter[chapter] = questions
    return tuple(q for chapter in CHAPTERS for q in by_chapter.get(chapter, []))


@cache
def load_bank() -> tuple[Question, ...]:
    """Every question of the bank, chapter by chapter in reading order, validated and checked.

    Read once and cached; see :func:`read_bank` for what is checked and the errors.

    >>> len(load_bank()) >= 80, load_bank()[0].id
    (True, 'key-account-01')
    """
    return read_bank(bank_files())


# --------------------------------------------------------------------------- looking questions up


def check_chapter(chapter: object) -> str:
    """``chapter`` if it is a chapter id of the quiz, else a ``ValueError`` listing them.

    >>> check_chapter("kpi")
    'kpi'
    >>> check_chapter("KPIs")
    Traceback (most recent call last):
        ...
    ValueError: 'KPIs' is not a chapter id of the quiz. Use one of: key-account, kpi, ...
    """
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
    chapter = check_chapter(chapter)
    return [q for q in load_bank() if q.chapter == chapter]


def question(question_id: str) -> Question:
    """The question with this id, e.g. ``question("kpi-03")`` (``ValueError`` if unknown)."""
    for q in load_bank():
        if q.id == question_id:
            return q
    raise ValueError(t("quiz.error.unknown_question", value=question_id))


def as_question(q: Question | str) -> Question:
    """A :class:`Question` given itself or its id.

    >>> as_question("kpi-01").type
    'single'
    >>> as_question(3)
    Traceback (most recent call last):
        ...
    TypeError: Expected a question or a question id such as 'kpi-03' (got 3 of type int).
    """
    if isinstance(q, Question):
        return q
    if isinstance(q, str):
        return question(q)
    raise TypeError(t("quiz.error.not_a_question", value=q, type=type(q).__name__))


def chapter_title(chapter: str) -> str:
    """The title of a chapter's page, in the current language (``'What is a KPI'``)."""
    return Pointer(CHAPTERS[check_chapter(chapter)]).page_title


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
