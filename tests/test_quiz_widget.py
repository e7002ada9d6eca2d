"""The live quiz panel, driven the way a learner clicks it and the way the notebook drives it."""

from __future__ import annotations

import ipywidgets as w
import pytest

from lessons.quiz import final_assessment, question, questions_for
from lessons.widgets.quiz import QuizPanel, feedback_html, quiz_panel


def _go_to(panel: QuizPanel, question_id: str) -> None:
    while panel.current.id != question_id:
        panel.next()


def _right(question_id: str) -> str:
    return next(iter(question(question_id).correct_options))


def _wrong(question_id: str) -> str:
    return next(o.id for o in question(question_id).options if not o.correct)


def test_the_panel_shows_the_first_question_and_an_empty_score():
    panel = quiz_panel("kpi")
    assert isinstance(panel, w.VBox)
    assert "Question 1 of 9" in panel.header.value
    assert questions_for("kpi")[0].text() in panel.prompt.value
    assert "Score: 0 / 0 answered (9 questions)." in panel.score.value


def test_clicking_check_scores_the_selection_and_keeps_a_running_score():
    panel = quiz_panel("kpi")
    _go_to(panel, "kpi-01")
    panel.area.children[0].value = _right("kpi-01")
    panel.check_button.click()
    assert "Correct." in panel.feedback.value
    assert "Score: 1 / 1 answered" in panel.score.value
    panel.next_button.click()
    assert panel.current.id == "kpi-02"
    boxes = panel.area.children
    for option, box in zip(panel.current.options, boxes, strict=True):
        box.value = option.correct and option.id != sorted(panel.current.correct_options)[0]
    panel.check_button.click()  # 4 of 5 right options, no wrong one: 0.8
    assert "Partly right: 80 % of the point." in panel.feedback.value
    assert "Score: 1.8 / 2 answered" in panel.score.value


def test_retry_clears_the_answer_and_the_score_of_that_question():
    panel = quiz_panel("kpi")
    panel.submit(_wrong("kpi-01"))
    assert "Not quite." in panel.feedback.value and "Score: 0 / 1 answered" in panel.score.value
    panel.retry_button.click()
    assert panel.feedback.value == ""
    assert panel.area.children[0].value is None
    assert "Score: 0 / 0 answered" in panel.score.value
    panel.submit(_right("kpi-01"))
    assert "Score: 1 / 1 answered" in panel.score.value


def test_restart_forgets_every_answer():
    panel = quiz_panel("kpi")
    panel.submit(_right("kpi-01"))
    panel.next()
    panel.restart_button.click()
    assert panel.current.id == "kpi-01" and panel.answers == {}
    assert "Score: 0 / 0 answered" in panel.score.value


def test_coming_back_to_an_answered_question_shows_its_answer_and_feedback():
    panel = quiz_panel("kpi")
    panel.submit(_right("kpi-01"))
    for _ in range(len(panel.questions)):
        panel.next()
    assert panel.current.id == "kpi-01"
    assert panel.area.children[0].value == _right("kpi-01")
    assert "Correct." in panel.feedback.value


def test_check_without_an_answer_asks_for_one():
    panel = quiz_panel("kpi")
    panel.check_button.click()
    assert "Choose an answer first." in panel.feedback.value
    assert panel.answers == {}


def test_numeric_text_is_parsed_and_a_bad_number_is_explained_in_the_panel():
    panel = quiz_panel("kpi")
    _go_to(panel, "kpi-07")
    panel.area.children[0].value = "75,0 %"
    panel.check_button.click()
    assert "Correct." in panel.feedback.value
    panel.retry()
    panel.area.children[0].value = "seventy"
    panel.check_button.click()
    assert "“seventy” is not a number" in panel.feedback.value
    assert "Accepted forms" in panel.feedback.value
    assert "kpi-07" not in panel.answers


def test_classification_needs_every_item_sorted_then_gives_partial_credit():
    panel = quiz_panel("kpi")
    _go_to(panel, "kpi-06")
    rows = panel.area.children
    rows[0].children[1].value = panel.current.items[0].category
    panel.check_button.click()
    assert "Sort every item first." in panel.feedback.value
    for item, row in zip(panel.current.items, rows, strict=True):
        row.children[1].value = item.category
    wrong = "neither" if panel.current.items[0].category != "neither" else "kpi"
    rows[0].children[1].value = wrong
    panel.check_button.click()
    assert "Partly right: 80 % of the point." in panel.feedback.value


def test_the_panel_report_is_the_scored_attempt():
    questions = final_assessment(n=20, seed=0)
    panel = quiz_panel(questions)
    first = questions[0]
    if first.type == "numeric":
        panel.submit(first.answer)
    report = panel.report()
    assert report.out_of == 20
    assert [r.question.id for r in report.results] == [q.id for q in questions]


def test_a_list_of_ids_works_and_bad_input_is_explained():
    panel = quiz_panel(["kpi-01", "agency-04"])
    assert [q.id for q in panel.questions] == ["kpi-01", "agency-04"]
    with pytest.raises(ValueError, match=r"Give a chapter id such as 'kpi' or a non-empty list"):
        quiz_panel([])
    with pytest.raises(ValueError, match=r"'KPIs' is not a chapter id of the quiz"):
        quiz_panel("KPIs")
    with pytest.raises(TypeError, match=r"takes an option id such as 'b'"):
        quiz_panel("kpi").submit(1)


def test_feedback_html_escapes_the_bank_text():
    result = quiz_panel("kpi").submit(_wrong("kpi-01"))
    html = feedback_html(result)
    assert "Misconception:" in html and "aria-live" in html
    assert "<script" not in html
