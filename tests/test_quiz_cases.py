"""The shared tables of cases (data/quiz_cases/), run by Python; tests/js/ runs them in quiz.js.

Scoring cases go through :func:`lessons.quiz.check_answer` on a question built from the case's
shape (so the feedback the learner reads follows the same pieces as the site), and through the
pure functions the site's script mirrors. Number cases go through
:func:`lessons.quiz.parse_number`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from lessons import quiz
from lessons.quiz import (
    NumberError,
    Option,
    Pointer,
    Question,
    Result,
    check_answer,
    parse_number,
    percent,
    points,
    score_choice,
    score_classification,
    score_numeric,
    topic_scores,
)

CASES = Path(str(resources.files("lessons") / "data" / "quiz_cases"))
SCORING = json.loads((CASES / "scoring.json").read_text(encoding="utf-8"))
NUMBERS = json.loads((CASES / "numbers.json").read_text(encoding="utf-8"))["cases"]
HERE = Pointer("book/kpi")


def _text(name: str) -> dict[str, str]:
    return {"en": name}


def _question(qtype: str, chapter: str = "kpi", **fields) -> Question:
    """A question of the given shape, its texts placeholders (only the shape is scored)."""
    return Question(
        id=f"{chapter}-99",
        chapter=chapter,
        type=qtype,
        prompt=_text("?"),
        explanation=_text("because"),
        reread=HERE,
        **fields,
    )


def _choice_question(case: dict) -> Question:
    options = tuple(
        Option(
            id=o,
            text=_text(f"option {o}"),
            correct=o in case["correct"],
            feedback=_text(f"feedback {o}"),
            misconception=None if o in case["correct"] else _text(f"misconception {o}"),
            reread=None if o in case["correct"] else HERE,
        )
        for o in case["options"]
    )
    return _question("multiple" if case["multiple"] else "single", options=options)


def _numeric_question(case: dict) -> Question:
    factor = case["other_factor"]
    return _question(
        "numeric",
        answer=case["answer"],
        tolerance=case["tolerance"],
        scale=100.0 if factor == 100 else 1.0,
        other_scale=factor if factor not in (None, 100) else None,
        other_scale_feedback=_text("other scale") if factor == 10000 else None,
        wrong=Option("wrong", _text(""), False, _text("wrong"), _text("slip"), HERE),
    )


def _classification_question(case: dict) -> Question:
    items = tuple(
        quiz.Item(i, _text(f"item {i}"), c, _text("fb"), _text("mis"), HERE)
        for i, c in case["items"]
    )
    return _question("classification", items=items, categories=quiz.CATEGORIES)


def _pieces(pieces) -> list[list[str]]:
    return [list(p) for p in pieces]


def test_the_tables_are_thorough():
    assert len(SCORING["choice"]) >= 15 and len(SCORING["numeric"]) >= 15
    assert len(SCORING["classification"]) >= 8 and len(SCORING["breakdown"]) >= 3
    assert {c["multiple"] for c in SCORING["choice"]} == {True, False}
    assert len(NUMBERS) >= 60
    refused = {c["refused"] for c in NUMBERS if "refused" in c}
    assert refused == set(quiz.REASONS), "every reason a text can be refused has a case"
    assert {c.get("reading", "en") for c in NUMBERS} == set(quiz.READINGS)


@pytest.mark.parametrize("case", SCORING["choice"], ids=lambda c: c["name"])
def test_choice_cases(case):
    score, pieces = score_choice(
        case["options"], set(case["correct"]), set(case["ticked"]), multiple=case["multiple"]
    )
    assert score == pytest.approx(case["score"], abs=1e-12)
    assert _pieces(pieces) == case["pieces"]
    q = _choice_question(case)
    answer = case["ticked"] if case["multiple"] else case["ticked"][0]
    result = check_answer(q, answer)
    assert result.score == pytest.approx(case["score"], abs=1e-9)
    assert _pieces(result.pieces) == case["pieces"]
    assert result.verdict == (case["verdict"], case["percent"])
    for f in result.feedback:  # the line matches its piece: which option, right or not
        assert f.ok == (f.kind == "ok")
        assert f.subject == f"option {f.key}"
        assert (f.misconception is not None) == (f.kind == "wrong")


@pytest.mark.parametrize("case", SCORING["numeric"], ids=lambda c: c["name"])
def test_numeric_cases(case):
    score, pieces = score_numeric(
        case["value"], case["answer"], case["tolerance"], case["other_factor"]
    )
    assert (score, _pieces(pieces)) == (case["score"], case["pieces"])
    result = check_answer(_numeric_question(case), case["value"])
    assert (result.score, _pieces(result.pieces)) == (case["score"], case["pieces"])
    assert result.verdict[0] == case["verdict"]
    [line] = result.feedback
    if case["pieces"] == [["scale", "x"]] and case["other_factor"] == 100:
        assert "multiply by 100" in line.text and line.misconception
    elif case["pieces"] == [["scale", "x"]]:
        assert line.text.endswith("other scale") and line.misconception is None
    elif not line.ok:
        assert line.misconception == "slip"


@pytest.mark.parametrize("case", SCORING["classification"], ids=lambda c: c["name"])
def test_classification_cases(case):
    score, pieces = score_classification([tuple(i) for i in case["items"]], case["placed"])
    assert score == pytest.approx(case["score"], abs=1e-12)
    assert _pieces(pieces) == case["pieces"]
    result = check_answer(_classification_question(case), case["placed"])
    assert _pieces(result.pieces) == case["pieces"]
    assert result.verdict == (case["verdict"], case["percent"])


@pytest.mark.parametrize(("fraction", "expected"), SCORING["percent"])
def test_percent_cases(fraction, expected):
    assert percent(fraction) == expected


@pytest.mark.parametrize(("value", "expected"), SCORING["points"])
def test_points_cases(value, expected):
    assert points(value) == expected


@pytest.mark.parametrize("case", SCORING["breakdown"], ids=lambda c: c["name"])
def test_breakdown_cases(case):
    assert case["weak_below"] == quiz.WEAK_BELOW
    results = [
        Result(
            question=_question("single", chapter=topic),
            answer="a",
            score=score,
            feedback=(),
        )
        for topic, score in case["entries"]
    ]
    found = {
        chapter: {
            "points": points(s.score),
            "asked": s.out_of,
            "percent": percent(s.fraction),
            "weak": s.weak,
        }
        for chapter, s in topic_scores(results).items()
    }
    assert found == case["topics"]


@pytest.mark.parametrize("case", NUMBERS, ids=lambda c: repr(c["text"]) + c.get("reading", ""))
def test_number_cases(case):
    kwargs = {"unit": case.get("unit", ""), "reading": case.get("reading", "en")}
    if "value" in case:
        assert parse_number(case["text"], **kwargs) == case["value"]
        return
    with pytest.raises(NumberError) as caught:
        parse_number(case["text"], **kwargs)
    assert caught.value.reason == case["refused"]
    assert caught.value.part == case.get("part", "")
    message = str(caught.value)
    assert "Accepted forms: 12.5" in message  # every refusal shows what is accepted
    if case["text"].strip():
        assert case["text"] in message  # and quotes what was typed
