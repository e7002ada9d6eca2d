"""Exercises by level: every chapter has a ★ recall, a ★★ apply and a ★★★ analyse exercise,
and at least one answered by reasoning with the numbers on the page, without code."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from lessons.quiz import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
FRAGMENTS = {p.stem: p for p in sorted((ROOT / "book" / "exercises").glob("*.md"))}
LEVELS = {"★": "Recall", "★★": "Apply", "★★★": "Analyse"}
TITLE = re.compile(r"^(?P<stars>★{1,3}) (?P<level>Recall|Apply|Analyse)(?P<no_code>, no code)?: \S")
_OPEN = re.compile(
    r"^```\{(?P<kind>exercise|exercise-start|solution|solution-start)\}\s*(?P<arg>.*)$"
)


@dataclass
class Exercise:
    label: str
    title: str
    statement: str
    solution: str

    @property
    def stars(self) -> str:
        match = TITLE.match(self.title)
        return match["stars"] if match else ""

    @property
    def no_code(self) -> bool:
        match = TITLE.match(self.title)
        return bool(match and match["no_code"])


def _block(lines: list[str], start: int, gated_end: str | None) -> tuple[str, int]:
    """The body of a directive opened at ``start``, and the index after it."""
    end_marker = f"```{{{gated_end}}}" if gated_end else "```"
    i = start + 1
    body = []
    if gated_end:  # skip the options and the closing fence of the start marker
        while lines[i].strip() != "```":
            i += 1
        i += 1
    while i < len(lines) and lines[i].strip() != end_marker:
        body.append(lines[i])
        i += 1
    return "\n".join(body), i + 1


def exercises(chapter: str) -> list[Exercise]:
    """The exercises of a chapter's fragment, with their titles, statements and solutions."""
    lines = FRAGMENTS[chapter].read_text(encoding="utf-8").splitlines()
    found: dict[str, Exercise] = {}
    order: list[str] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i].strip())
        if not match:
            i += 1
            continue
        kind = match["kind"]
        gated = "exercise-end" if kind == "exercise-start" else None
        gated = "solution-end" if kind == "solution-start" else gated
        body, after = _block(lines, i, gated)
        if kind.startswith("exercise"):
            label = re.search(r":label: (\S+)", "\n".join(lines[i : i + 3]))[1]
            found[label] = Exercise(label, match["arg"].strip(), body, "")
            order.append(label)
        else:
            found[match["arg"].strip()].solution = body
        i = after
    return [found[label] for label in order]


def level_counts() -> dict[str, Counter]:
    """How many exercises of each level every chapter has (★, ★★, ★★★)."""
    return {chapter: Counter(e.stars for e in exercises(chapter)) for chapter in FRAGMENTS}


def test_the_parser_sees_every_exercise_and_solution():
    for chapter, path in FRAGMENTS.items():
        labels = re.findall(r":label: (\S+)", path.read_text(encoding="utf-8"))
        found = exercises(chapter)
        assert [e.label for e in found] == labels
        assert all(e.statement.strip() and e.solution.strip() for e in found), chapter


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_every_exercise_title_shows_its_level(chapter):
    for exercise in exercises(chapter):
        match = TITLE.match(exercise.title)
        assert match, f"{exercise.label}: title {exercise.title!r} should read '★★ Apply: ...'"
        assert LEVELS[match["stars"]] == match["level"], exercise.label


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_every_chapter_has_the_three_levels(chapter):
    counts = level_counts()[chapter]
    missing = [f"{stars} {name}" for stars, name in LEVELS.items() if not counts[stars]]
    assert not missing, f"{chapter} has no exercise at level {', '.join(missing)}"


_NUMBER = re.compile(r"\d")


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_every_chapter_has_an_exercise_answered_without_code(chapter):
    reasoned = [e for e in exercises(chapter) if e.no_code]
    assert reasoned, f"{chapter}: no exercise titled '..., no code: ...'"
    for exercise in reasoned:
        assert "```" not in exercise.statement, f"{exercise.label}: a no-code exercise shows code"
        assert _NUMBER.search(exercise.statement), f"{exercise.label}: no number to reason with"
        # The answer is written out in words and numbers before any code that confirms it.
        prose = exercise.solution.split("```", 1)[0]
        assert len(prose.split()) >= 25 and _NUMBER.search(prose), exercise.label


def test_the_level_parser_fails_on_a_title_without_level():
    assert not TITLE.match("Apply: sort them")
    assert not TITLE.match("★★ Recall: the four features") or LEVELS["★★"] != "Recall"
    assert TITLE.match("★★★ Analyse, no code: a small whale")["no_code"]


def test_the_course_has_exercises_at_every_level():
    total = Counter()
    for counts in level_counts().values():
        total.update(counts)
    assert set(total) == set(LEVELS)
    assert sum(total.values()) >= 3 * len(CHAPTERS)
