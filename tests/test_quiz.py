"""lessons.quiz: checking answers (partial credit), scoring a set, the seeded final assessment."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons import quiz
from lessons.quiz import (
    CHAPTERS,
    check_answer,
    final_assessment,
    parse_number,
    question,
    questions_for,
    score_attempt,
)

# Tiny named fixtures: one question of each type, with their declared answers.
SINGLE = question("kpi-01")  # correct: the definition
MULTIPLE = question("kpi-02")  # SMART: five correct words, two wrong
NUMERIC = question("kpi-07")  # CSAT of 8 ratings = 75 %
SORTING = question("kpi-06")  # five items


def _right(q):
    return next(iter(q.correct_options))


def _wrong_options(q):
    return [o.id for o in q.options if not o.correct]


# ------------------------------------------------------------------ single choice


def test_single_choice_scores_one_or_zero():
    assert check_answer(SINGLE, _right(SINGLE)).score == 1.0
    result = check_answer(SINGLE, _wrong_options(SINGLE)[0])
    assert result.score == 0.0 and not result.correct


def test_a_wrong_option_explains_the_misconception_and_where_to_reread():
    wrong = SINGLE.option(_wrong_options(SINGLE)[0])
    [line] = check_answer(SINGLE, wrong.id).lines()
    assert line.startswith("✗")
    assert f"Misconception: {wrong.misconception['en']}." in line
    assert wrong.reread.path in line


def test_a_question_id_works_as_well_as_the_question():
    assert check_answer("kpi-01", _right(SINGLE)).score == 1.0


# ------------------------------------------------------------------ multiple choice


def test_multiple_choice_partial_credit_rule():
    right = sorted(MULTIPLE.correct_options)  # 5 correct options
    wrong = _wrong_options(MULTIPLE)  # 2 wrong options
    assert len(right) == 5 and len(wrong) == 2
    assert check_answer(MULTIPLE, right).score == 1.0
    assert check_answer(MULTIPLE, right[:4]).score == pytest.approx(4 / 5)
    assert check_answer(MULTIPLE, [*right[:4], wrong[0]]).score == pytest.approx(3 / 5)
    assert check_answer(MULTIPLE, [*right, *wrong]).score == pytest.approx(3 / 5)
    assert check_answer(MULTIPLE, [right[0], *wrong]).score == 0.0  # never below 0
    assert check_answer(MULTIPLE, wrong).score == 0.0


def test_multiple_choice_feedback_covers_ticked_and_missed_options():
    right = sorted(MULTIPLE.correct_options)
    wrong = _wrong_options(MULTIPLE)
    result = check_answer(MULTIPLE, [right[0], wrong[0]])
    assert len(result.feedback) == 1 + 1 + 4  # one right tick, one wrong tick, four missed
    assert sum(f.ok for f in result.feedback) == 1
    assert any(f.misconception for f in result.feedback)


@given(st.sets(st.sampled_from([o.id for o in MULTIPLE.options])))
def test_multiple_choice_score_is_between_0_and_1_and_full_only_for_the_exact_set(ticked):
    if not ticked:
        return
    score = check_answer(MULTIPLE, sorted(ticked)).score
    assert 0.0 <= score <= 1.0
    assert (score == 1.0) == (ticked == set(MULTIPLE.correct_options))


def test_multiple_choice_ignores_a_repeated_tick():
    right = sorted(MULTIPLE.correct_options)
    assert check_answer(MULTIPLE, [right[0], right[0]]).score == pytest.approx(1 / 5)


# ------------------------------------------------------------------ numeric


def test_numeric_answer_within_tolerance():
    assert NUMERIC.answer == pytest.approx(75.0)
    assert NUMERIC.tolerance == 0.5
    assert check_answer(NUMERIC, 75).score == 1.0
    assert check_answer(NUMERIC, 75.5).score == 1.0
    assert check_answer(NUMERIC, 74.4).score == 0.0
    assert check_answer(NUMERIC, 3.9).score == 0.0  # the mean rating, the named misconception


def test_numeric_wrong_answer_gives_the_answer_and_the_misconception():
    [line] = check_answer(NUMERIC, 3.9).lines()
    assert "The answer is 75.0 %." in line
    assert NUMERIC.wrong.misconception["en"] in line


def test_numeric_answer_typed_as_a_fraction_is_named_as_such():
    result = check_answer(NUMERIC, 0.75)
    assert result.score == 0.0
    assert "fraction" in result.feedback[0].misconception
    assert "multiply by 100" in result.feedback[0].text


def test_numeric_accepts_integers_and_numpy_numbers():
    import numpy as np

    assert check_answer(NUMERIC, np.float64(75.0)).score == 1.0
    assert check_answer(NUMERIC, np.int64(75)).score == 1.0


# ------------------------------------------------------------------ classification


def test_classification_partial_credit_is_the_share_of_items_sorted_right():
    declared = {i.id: i.category for i in SORTING.items}
    assert check_answer(SORTING, declared).score == 1.0
    one_wrong = {**declared, "i1": "neither" if declared["i1"] != "neither" else "kpi"}
    assert check_answer(SORTING, one_wrong).score == pytest.approx(4 / 5)
    partial = {k: v for k, v in declared.items() if k in ("i1", "i2")}
    assert check_answer(SORTING, partial).score == pytest.approx(2 / 5)  # unsorted = wrong
    assert check_answer(SORTING, {}).score == 0.0


def test_classification_feedback_names_the_right_category():
    declared = {i.id: i.category for i in SORTING.items}
    item = SORTING.items[0]
    other = "neither" if item.category != "neither" else "kpi"
    result = check_answer(SORTING, {**declared, item.id: other})
    bad = [f for f in result.feedback if not f.ok]
    assert len(bad) == 1 and bad[0].subject == item.text["en"]
    assert bad[0].misconception == item.misconception["en"] and bad[0].reread == item.reread


# ------------------------------------------------------------------ bad answers


@pytest.mark.parametrize(
    ("q", "answer", "error", "message"),
    [
        (SINGLE, ["a"], TypeError, r"Question kpi-01 takes an option id such as 'b' \(got \['a'\]"),
        (SINGLE, 1, TypeError, r"takes an option id such as 'b' \(got 1 of type int\)"),
        (
            SINGLE,
            "z",
            ValueError,
            r"'z' is not an option of question kpi-01. The options are: a, b, c, d",
        ),
        (SINGLE, "A", ValueError, r"'A' is not an option"),
        (MULTIPLE, "a", TypeError, r"takes several options: give a list of option ids"),
        (MULTIPLE, {"a": True}, TypeError, r"takes several options"),
        (MULTIPLE, ["a", "q"], ValueError, r"'q' is not an option of question kpi-02"),
        (
            NUMERIC,
            "75",
            TypeError,
            r"takes a number in its unit, such as 12.5 \(got '75' of type str\)",
        ),
        (NUMERIC, True, TypeError, r"takes a number in its unit"),
        (NUMERIC, float("nan"), ValueError, r"must be a finite number \(got nan\)"),
        (SORTING, ["kpi"], TypeError, r"takes a mapping item -> category"),
        (
            SORTING,
            {"i9": "kpi"},
            ValueError,
            r"'i9' is not an item of question kpi-06. The items are: i1",
        ),
        (
            SORTING,
            {"i1": "KPI"},
            ValueError,
            r"'KPI' is not a category of question kpi-06. Use one of: key_account, kpi, ",
        ),
    ],
)
def test_bad_answers_raise_clear_messages(q, answer, error, message):
    with pytest.raises(error, match=message):
        check_answer(q, answer)


def test_unknown_question_and_chapter_are_clear_errors():
    with pytest.raises(ValueError, match=r"There is no question with id 'kpi-99'. Ids look like"):
        check_answer("kpi-99", "a")
    with pytest.raises(TypeError, match=r"Expected a question or a question id such as 'kpi-03'"):
        check_answer(42, "a")
    with pytest.raises(ValueError, match=r"'KPI' is not a chapter id of the quiz. Use one of: key"):
        questions_for("KPI")


# ------------------------------------------------------------------ parse_number
# The rules are run case by case from data/quiz_cases/numbers.json (tests/test_quiz_cases.py).


def test_parse_number_reads_the_question_unit_and_refuses_text_it_does_not_know():
    assert parse_number("3 min", unit="min") == 3.0
    with pytest.raises(ValueError, match=r"In “3 min”, “min” is not part of a number"):
        parse_number("3 min", unit="%")
    with pytest.raises(TypeError, match=r"Expected the text typed by the learner \(got 3"):
        parse_number(3)
    with pytest.raises(ValueError, match=r"reading must be one of en, fr \(got 'de'\)"):
        parse_number("1,800", reading="de")


# ------------------------------------------------------------------ scoring a set


def test_score_attempt_totals_topics_and_weak_topic_pointers():
    asked = [question("kpi-01"), question("kpi-07"), question("agency-04"), question("agency-05")]
    answers = {"kpi-01": _right(SINGLE), "kpi-07": 75, "agency-04": 2.5}  # agency-05 unanswered
    report = score_attempt(asked, answers)
    assert report.score == 2.0 and report.out_of == 4 and report.fraction == 0.5
    assert list(report.by_topic) == ["kpi", "agency"]
    assert report.by_topic["kpi"].fraction == 1.0 and report.by_topic["agency"].fraction == 0.0
    assert report.weak_topics == ["agency"]
    pointers = report.pointers()
    assert list(pointers) == ["agency"]
    assert pointers["agency"][0] == quiz.Pointer(CHAPTERS["agency"])
    assert not report.results[3].answered


def test_report_summary_and_table_name_the_weak_topic_and_its_chapter():
    report = score_attempt(["kpi-01", "agency-04"], {"kpi-01": _right(SINGLE), "agency-04": 2})
    summary = report.summary()
    assert summary.startswith("Score: 1 / 2 (50 %).")
    assert "Weak topic (below 70 %): A digital marketing agency." in summary
    assert "notebooks/scenario_agency.ipynb" in summary
    table = report.table()
    assert list(table["Re-read"]) == ["—", "notebooks/scenario_agency.ipynb"]
    assert list(table["Score (%)"]) == [100, 0]


def test_a_topic_at_exactly_70_percent_is_not_weak():
    assert not quiz.TopicScore("kpi", 7.0, 10).weak
    assert quiz.TopicScore("kpi", 6.9, 10).weak


def test_score_attempt_refuses_answers_to_questions_not_asked():
    with pytest.raises(
        ValueError, match=r"You answered 'kpi-02', which is not among the questions"
    ):
        score_attempt(["kpi-01"], {"kpi-02": "a"})
    with pytest.raises(TypeError, match=r"Answers must be a mapping question id -> answer"):
        score_attempt(["kpi-01"], ["a"])
    with pytest.raises(ValueError, match=r"questions is empty"):
        score_attempt([], {})


# ------------------------------------------------------------------ final assessment


def test_final_assessment_is_reproducible_for_a_seed():
    first = [q.id for q in final_assessment(n=20, seed=0)]
    assert first == [q.id for q in final_assessment(n=20, seed=0)]
    assert first != [q.id for q in final_assessment(n=20, seed=1)]
    assert len(first) == len(set(first)) == 20


def test_every_seeded_draw_is_balanced():
    # 500 seeds: every chapter asked, at least two questions on each of key accounts, KPIs and
    # the difference, at most three from any one chapter (so from any one scenario).
    lowest = dict.fromkeys(quiz.CORE_CHAPTERS, 20)
    for seed in range(500):
        drawn = final_assessment(n=20, seed=seed)
        counts = Counter(q.chapter for q in drawn)
        assert set(counts) == set(CHAPTERS), seed
        assert max(counts.values()) <= quiz.MAX_PER_CHAPTER, (seed, counts)
        for chapter in quiz.CORE_CHAPTERS:
            lowest[chapter] = min(lowest[chapter], counts[chapter])
        assert len({q.id for q in drawn}) == 20
    assert lowest == dict.fromkeys(quiz.CORE_CHAPTERS, quiz.MIN_PER_CORE)


def test_seed_0_was_unbalanced_before_and_is_balanced_now():
    counts = Counter(q.chapter for q in final_assessment(n=20, seed=0))
    assert min(counts[c] for c in quiz.CORE_CHAPTERS) >= 2
    assert max(counts[c] for c in quiz.SCENARIO_CHAPTERS) <= 3


def test_a_short_assessment_starts_with_the_core_then_other_topics():
    drawn = final_assessment(n=5, seed=3)
    chapters = [q.chapter for q in drawn]
    assert len(set(chapters)) == 5
    assert set(quiz.CORE_CHAPTERS) <= set(chapters)
    assert Counter(q.chapter for q in final_assessment(n=15, seed=3)) == Counter(
        {**dict.fromkeys(CHAPTERS, 1), **dict.fromkeys(quiz.CORE_CHAPTERS, 2)}
    )


def test_the_whole_bank_can_be_drawn():
    drawn = final_assessment(n=len(quiz.load_bank()), seed=0)
    assert {q.id for q in drawn} == {q.id for q in quiz.load_bank()}


@pytest.mark.parametrize(
    ("n", "seed", "error", "message"),
    [
        (0, 0, ValueError, r"between 1 and \d+ \(got 0\)"),
        (10_000, 0, ValueError, r"between 1 and \d+ \(got 10000\)"),
        (2.5, 0, TypeError, r"n must be a whole number \(got 2.5\)"),
        (20, "x", TypeError, r"seed must be a whole number \(got x\)"),
    ],
)
def test_final_assessment_refuses_bad_sizes_and_seeds(n, seed, error, message):
    with pytest.raises(error, match=message):
        final_assessment(n=n, seed=seed)


def test_questions_table_lists_the_drawn_questions():
    drawn = final_assessment(n=20, seed=0)
    table = quiz.questions_table(drawn)
    assert list(table["id"]) == [q.id for q in drawn]
    assert list(table["#"]) == list(range(1, 21))
