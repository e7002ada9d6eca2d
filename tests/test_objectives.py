"""Learning objectives: on every page that teaches, checked by its quiz or exercises, recalled
in its summary; every question and exercise names an objective that exists."""

from __future__ import annotations

import copy
import json
import re
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from lessons.objectives import (
    all_objectives,
    check_objectives,
    exercise_objectives,
    load_objectives,
    objectives_for,
    question_objectives,
)
from lessons.quiz import load_bank

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import reading_time  # noqa: E402  (the pages' parser: which quizzes and exercises a page shows)

#: Pages of _toc.yml that do not teach, and why they have no objectives.
NOT_TEACHING = {
    "book/welcome": "orientation: how to read the course",
    "book/summary": "a recap of the chapters and a cheat sheet",
    "notebooks/self_assessment": "the final assessment of every chapter's objectives",
    "book/glossary": "reference",
    "book/trainer_guide": "reference for trainers",
    "book/references": "reference",
}
PAGES = [page for pages in reading_time.toc_parts().values() for page in pages]
TEACHING = [page for page in PAGES if page not in NOT_TEACHING]
KEY_OF = {entry["page"]: key for key, entry in load_objectives().items()}
EXERCISES = sorted((ROOT / "book" / "exercises").glob("*.md"))
EXERCISE_OBJECTIVES = {
    label: objective
    for path in EXERCISES
    for label, objective in exercise_objectives(path.read_text(encoding="utf-8")).items()
}
QUESTION_OBJECTIVES = question_objectives()


def _sources(page: str) -> list[str]:
    """The MyST text of a page: the file, or a notebook's markdown cells in order."""
    md, nb = ROOT / f"{page}.md", ROOT / f"{page}.ipynb"
    if md.exists():
        return [md.read_text(encoding="utf-8")]
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _directives(text: str) -> list[tuple[str, bool]]:
    """Every ``{objectives} key`` directive of a text, with whether it is the recall."""
    found = re.finditer(r"^```\{objectives\} (\S+)\n((?::[\w-]+:.*\n)*)```", text, re.M)
    return [(m[1], ":recall:" in m[2]) for m in found]


def test_the_objectives_file_is_valid_and_every_page_has_two_to_four():
    pages = load_objectives()
    for key in pages:
        assert 2 <= len(objectives_for(key)) <= 4, key
    assert len(all_objectives()) == sum(len(e.get("objectives", [])) for e in pages.values())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["kpi"]["objectives"].pop() and p["kpi"]["objectives"].pop(), "shows 1"),
        (lambda p: p["kpi"]["objectives"][0].__setitem__("id", "kpi.Define"), "must read"),
        (lambda p: p["kpi"]["objectives"][1].__setitem__("id", "kpi.define"), "twice"),
        (lambda p: p["scorecard"]["shows"].append("kpi.dance"), "no page owns: kpi.dance"),
        (lambda p: p["kpi"].__setitem__("shows", ["kpi.define"]), "not both"),
    ],
)
def test_a_broken_objectives_file_is_refused_with_the_page_named(change, message):
    pages = copy.deepcopy(load_objectives())
    change(pages)
    with pytest.raises(ValueError, match=message):
        check_objectives(pages)


def test_every_question_names_an_objective_that_exists():
    known = set(all_objectives())
    assert set(QUESTION_OBJECTIVES) == {q.id for q in load_bank()}
    unknown = {qid: obj for qid, obj in QUESTION_OBJECTIVES.items() if obj not in known}
    assert not unknown, f"questions naming an unknown objective: {unknown}"


def test_the_schema_refuses_a_question_without_an_objective():
    folder = resources.files("lessons") / "data" / "questions"
    schema = json.loads((folder / "schema.json").read_text(encoding="utf-8"))
    data = json.loads((folder / "kpi.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(data))
    data["questions"][0].pop("objective")
    assert list(validator.iter_errors(data)), "a question without an objective was accepted"


def test_every_exercise_names_an_objective_that_exists():
    known = set(all_objectives())
    for path in EXERCISES:
        text = path.read_text(encoding="utf-8")
        labels = re.findall(r":label: (\S+)", text)
        named = exercise_objectives(text)
        assert set(named) == set(labels), f"{path.name}: exercises without '% objective: <id>'"
        unknown = {label: obj for label, obj in named.items() if obj not in known}
        assert not unknown, f"{path.name}: unknown objectives {unknown}"


def test_the_exercise_parser_sees_a_missing_objective():
    text = "```{exercise} ★ Recall: x\n:label: kpi-ex1\n\nNo objective line.\n```\n"
    assert exercise_objectives(text) == {}


@pytest.mark.parametrize("page", TEACHING)
def test_every_teaching_page_shows_its_objectives_near_the_top(page):
    assert page in KEY_OF, f"{page} teaches but has no entry in objectives.json"
    sources = _sources(page)
    key = KEY_OF[page]
    top = "\n".join(sources[:3]) if page.startswith("notebooks/") else sources[0]
    if page.startswith("book/"):  # before the first section
        top = top.split("\n## ", 1)[0]
    assert (key, False) in _directives(top), f"{page}: add ```{{objectives}} {key}``` near the top"


@pytest.mark.parametrize("page", TEACHING)
def test_every_teaching_page_recalls_its_objectives_in_its_summary(page):
    text = "\n".join(_sources(page))
    summary = re.split(r"^## (?:In short|Summary)\s*$", text, flags=re.M)
    assert len(summary) > 1, f"{page}: no 'In short' or 'Summary' section"
    assert (KEY_OF[page], True) in _directives(summary[-1]), f"{page}: recall with :recall:"


def _checks(page: str) -> set[str]:
    """Objectives checked on a page: by the questions it renders and the exercises it includes."""
    reading = reading_time.read_page(page)
    questions = {QUESTION_OBJECTIVES[q] for q in reading.questions + reading.more_questions}
    return questions | {EXERCISE_OBJECTIVES[e] for e in reading.exercises}


@pytest.mark.parametrize("page", TEACHING)
def test_every_objective_of_a_page_is_checked_on_that_page(page):
    wanted = {o.id for o in objectives_for(KEY_OF[page])}
    unchecked = wanted - _checks(page)
    assert not unchecked, f"{page}: no question or exercise on the page checks {sorted(unchecked)}"


def test_every_objective_is_checked_somewhere():
    checked = set(QUESTION_OBJECTIVES.values()) | set(EXERCISE_OBJECTIVES.values())
    assert not set(all_objectives()) - checked


@pytest.mark.parametrize("page", reading_time.core_path()[1:])
def test_on_the_core_path_the_visible_quiz_or_an_exercise_checks_every_objective(page):
    reading = reading_time.read_page(page)
    checked = {QUESTION_OBJECTIVES[q] for q in reading.questions}
    checked |= {EXERCISE_OBJECTIVES[e] for e in reading.exercises}
    wanted = {o.id for o in objectives_for(KEY_OF[page])}
    assert wanted <= checked, f"{page}: {sorted(wanted - checked)} not checked on the core path"


def test_a_page_checked_by_nothing_would_fail():
    # The check above is not vacuous: a page without its quiz and exercises checks nothing.
    empty = reading_time.read_markdown("# A page\n\nText only.\n", ROOT / "book")
    assert not empty.questions and not empty.exercises


def test_every_page_quiz_shows_the_whole_chapter_bank_once():
    # A core page shows a few questions and folds the rest: none is lost, none repeated.
    bank = {}
    for q in load_bank():
        bank.setdefault(q.chapter, []).append(q.id)
    for chapter, ids in bank.items():
        page = next(e["page"] for k, e in load_objectives().items() if k == chapter)
        reading = reading_time.read_page(page)
        shown = reading.questions + reading.more_questions
        assert sorted(q for q in shown if q in ids) == sorted(ids), page
        assert len(shown) == len(set(shown)), f"{page} shows a question twice"
