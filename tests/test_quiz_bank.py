"""The question bank as data: schema, ids, counts, correct answers, feedback, computed numbers."""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections import Counter
from importlib import import_module, resources
from pathlib import Path

import jsonschema
import pytest

from lessons import format as fmt
from lessons import quiz
from lessons.i18n import catalog

ROOT = Path(__file__).resolve().parents[1]
FOLDER = Path(str(resources.files("lessons") / "data" / "questions"))
SCHEMA = json.loads((FOLDER / "schema.json").read_text(encoding="utf-8"))
FILES = sorted(p for p in FOLDER.glob("*.json") if p.name != "schema.json")
BANK = quiz.load_bank()
CHOICE = [q for q in BANK if q.type in ("single", "multiple")]


def _raw(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _errors(data: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [e.message for e in validator.iter_errors(data)]


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_bank_file_matches_the_schema(path):
    assert _errors(_raw(path)) == []


def _mutated(change) -> dict:
    data = copy.deepcopy(_raw(FOLDER / "kpi.json"))
    change(data)
    return data


def _first(data: dict, qtype: str) -> dict:
    return next(q for q in data["questions"] if q["type"] == qtype)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda d: _first(d, "single")["options"][1].pop("misconception"),
            id="wrong-no-misconception",
        ),
        pytest.param(
            lambda d: _first(d, "single")["options"][1].pop("reread"), id="wrong-no-reread"
        ),
        pytest.param(lambda d: _first(d, "single")["options"][0].pop("feedback"), id="no-feedback"),
        pytest.param(lambda d: _first(d, "single")["prompt"].pop("en"), id="no-english"),
        pytest.param(lambda d: _first(d, "numeric").pop("compute"), id="numeric-no-compute"),
        pytest.param(lambda d: _first(d, "numeric").__setitem__("answer", 75), id="typed-answer"),
        pytest.param(
            lambda d: _first(d, "classification")["items"][0].__setitem__("category", "vip"),
            id="bad-category",
        ),
        pytest.param(lambda d: d["questions"][0].__setitem__("type", "essay"), id="bad-type"),
        pytest.param(lambda d: d.__setitem__("questions", d["questions"][:7]), id="fewer-than-8"),
        pytest.param(lambda d: d.__setitem__("chapter", "marketing"), id="unknown-chapter"),
        pytest.param(
            lambda d: d["questions"][0]["reread"].__setitem__("page", "kpi.md"), id="bad-page"
        ),
    ],
)
def test_the_schema_rejects_a_broken_file(change):
    assert _errors(_mutated(change)), "the schema accepted a broken bank file"


def test_ids_are_unique_and_prefixed_by_their_chapter():
    ids = [q.id for q in BANK]
    assert len(ids) == len(set(ids))
    for q in BANK:
        assert re.fullmatch(rf"{re.escape(q.chapter)}-\d\d", q.id)


def test_every_chapter_has_at_least_8_questions_and_80_in_all():
    counts = Counter(q.chapter for q in BANK)
    assert set(counts) == set(quiz.CHAPTERS)
    assert min(counts.values()) >= 8
    assert len(BANK) >= 80


def test_every_chapter_file_is_named_after_its_chapter_and_page():
    for path in FILES:
        data = _raw(path)
        assert data["chapter"] == path.stem
        assert data["page"] == quiz.CHAPTERS[path.stem]


def test_all_four_question_types_are_used():
    assert {q.type for q in BANK} == set(quiz.QUESTION_TYPES)


def test_correct_answers_are_not_always_the_same_letter():
    singles = Counter(next(iter(q.correct_options)) for q in BANK if q.type == "single")
    assert len(singles) >= 3 and max(singles.values()) < 0.5 * sum(singles.values())


@pytest.mark.parametrize("q", [q for q in BANK if q.type == "single"], ids=lambda q: q.id)
def test_single_choice_only_the_declared_option_scores(q):
    declared = {o.id for o in q.options if o.correct}
    assert len(declared) == 1
    scoring = {o.id for o in q.options if quiz.check_answer(q, o.id).score == 1.0}
    assert scoring == declared


@pytest.mark.parametrize("q", [q for q in BANK if q.type == "multiple"], ids=lambda q: q.id)
def test_multiple_choice_only_the_declared_set_gets_full_credit(q):
    ids = [o.id for o in q.options]
    full = [
        set(subset)
        for n in range(1, len(ids) + 1)
        for subset in itertools.combinations(ids, n)
        if quiz.check_answer(q, list(subset)).score == 1.0
    ]
    assert full == [{o.id for o in q.options if o.correct}]


@pytest.mark.parametrize("q", [q for q in BANK if q.type == "classification"], ids=lambda q: q.id)
def test_classification_only_the_declared_sorting_gets_full_credit(q):
    declared = {i.id: i.category for i in q.items}
    assert quiz.check_answer(q, declared).score == 1.0
    for item in q.items:
        for other in set(q.categories) - {item.category}:
            assert quiz.check_answer(q, {**declared, item.id: other}).score < 1.0
    assert set(declared.values()) <= set(q.categories)


@pytest.mark.parametrize("q", CHOICE, ids=lambda q: q.id)
def test_every_option_has_feedback_and_every_wrong_one_names_a_misconception(q):
    for o in q.options:
        assert o.feedback["en"].strip(), f"{q.id} option {o.id} has no feedback"
        if not o.correct:
            assert o.misconception and o.misconception["en"].strip()
            assert o.reread is not None and o.reread.page in quiz.PAGES


def test_every_classification_item_and_numeric_question_has_wrong_answer_feedback():
    for q in BANK:
        for i in q.items:
            assert i.feedback["en"] and i.misconception["en"] and i.reread.page in quiz.PAGES
        if q.type == "numeric":
            assert q.wrong and q.wrong.misconception["en"] and q.wrong.feedback["en"]


@pytest.mark.parametrize("q", [q for q in BANK if q.type == "numeric"], ids=lambda q: q.id)
def test_numeric_answers_are_recomputed_with_the_package(q):
    spec = q.compute
    module = import_module(f"lessons.{spec['module']}")
    assert spec["function"] in module.__all__
    value = getattr(module, spec["function"])(**spec["args"])
    if "attribute" in spec:
        value = getattr(value, spec["attribute"])
    assert q.answer == pytest.approx(float(value) * q.scale)
    assert quiz.check_answer(q, float(value) * q.scale).score == 1.0
    # The tolerance is narrower than a typical slip (a 10 % error is never accepted).
    assert q.tolerance < 0.1 * abs(q.answer)


@pytest.mark.parametrize("q", [q for q in BANK if q.type == "numeric"], ids=lambda q: q.id)
def test_numeric_prompts_show_every_input(q):
    text = q.text()
    assert "{" not in text and "}" not in text
    for value in quiz.display_args(q.compute["args"]).values():
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = {fmt.number(value), fmt.percent(value, 0)}  # written by lessons.format
            assert any(s in text for s in shown), f"{q.id}: {value} missing from the prompt"
        else:
            assert str(value) in text


def test_no_numeric_answer_is_typed_in_the_bank_files():
    for path in FILES:
        for raw in _raw(path)["questions"]:
            assert "answer" not in raw


def _book_labels() -> set[str]:
    labels = set()
    for path in [*ROOT.glob("book/*.md"), *ROOT.glob("notebooks/*.ipynb")]:
        labels |= set(re.findall(r"^\(([a-z0-9-]+)\)=", path.read_text(encoding="utf-8"), re.M))
        labels |= set(re.findall(r'"\(([a-z0-9-]+)\)=', path.read_text(encoding="utf-8")))
    return labels


def _pointers() -> set[quiz.Pointer]:
    found = set()
    for q in BANK:
        found.add(q.reread)
        found |= {o.reread for o in q.options if o.reread}
        found |= {i.reread for i in q.items}
        if q.wrong and q.wrong.reread:
            found.add(q.wrong.reread)
    return found


def test_every_anchor_the_bank_points_to_is_a_label_of_the_book():
    anchors = {p.anchor for p in _pointers() if p.anchor}
    missing = anchors - _book_labels()
    assert not missing, f"labels to add to the chapters: {sorted(missing)}"


def test_every_anchor_lives_on_the_page_the_bank_names():
    for p in _pointers():
        if p.anchor and p.page.startswith("book/"):
            text = (ROOT / p.path).read_text(encoding="utf-8")
            assert f"({p.anchor})=" in text, f"{p.anchor} is not on {p.path}"


def test_every_page_and_section_has_a_title_in_the_catalog():
    english = catalog("en")
    for page in quiz.PAGES:
        assert f"quiz.page.{page.split('/')[-1]}" in english
    for p in _pointers():
        if p.anchor:
            assert f"quiz.section.{p.anchor}" in english


def test_french_can_be_added_as_data_only():
    # A bank text keyed by language: a French entry is picked when asked, English otherwise.
    text = {"en": "Which sentence best describes a key account?", "fr": "Quelle phrase ...?"}
    assert quiz.localized(text, "fr") == "Quelle phrase ...?"
    assert quiz.localized(text, "de") == text["en"]
    assert quiz.localized({"en": "only English"}, "fr") == "only English"
    assert SCHEMA["$defs"]["text"]["propertyNames"]["pattern"] == "^[a-z]{2}$"


def test_a_broken_bank_is_refused_with_the_file_and_question_named(tmp_path):
    data = _raw(FOLDER / "kpi.json")
    single = _first(data, "single")
    for option in single["options"]:
        option["correct"] = False
    (tmp_path / "kpi.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"questions/kpi.json, question '{single['id']}'"):
        quiz.read_bank([tmp_path / "kpi.json"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda d: _first(d, "single")["options"][1].pop("misconception"),
            r"question 'kpi-01', field options\[1\].misconception: 'misconception' is a required",
            id="wrong-no-misconception",
        ),
        pytest.param(
            lambda d: _first(d, "numeric").pop("compute"),
            r"question 'kpi-07', field compute: 'compute' is a required property",
            id="numeric-no-compute",
        ),
        pytest.param(
            lambda d: _first(d, "numeric").__setitem__("answer", 75),
            r"question 'kpi-07', field \(the question itself\): Additional properties are not "
            r"allowed \('answer' was unexpected\)",
            id="typed-answer",
        ),
        pytest.param(
            lambda d: _first(d, "classification")["items"][0].__setitem__("category", "vip"),
            r"question 'kpi-06', field items\[0\].category: 'vip' is not one of",
            id="bad-category",
        ),
        pytest.param(
            lambda d: _first(d, "single")["prompt"].pop("en"),
            r"question 'kpi-01', field prompt.en: 'en' is a required property",
            id="no-english",
        ),
        pytest.param(
            lambda d: d.__setitem__("questions", d["questions"][:7]),
            r"field questions: it has 7 entries, and at least 8 are needed",
            id="fewer-than-8",
        ),
        pytest.param(
            lambda d: d["questions"][2].__setitem__("transfer", "yes"),
            r"question 'kpi-03', field transfer: 'yes' is not of type 'boolean'",
            id="transfer-not-boolean",
        ),
    ],
)
def test_the_bank_is_validated_against_the_schema_when_it_loads(tmp_path, change, message):
    path = tmp_path / "kpi.json"
    path.write_text(json.dumps(_mutated(change)), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^questions/kpi.json, .*" + message):
        quiz.read_bank([path])


def test_a_file_that_is_not_json_is_refused_with_its_name(tmp_path):
    path = tmp_path / "kpi.json"
    path.write_text('{"chapter": "kpi",', encoding="utf-8")
    with pytest.raises(ValueError, match=r"questions/kpi.json is not valid JSON \(Expecting"):
        quiz.read_bank([path])


# ---------------------------------------------------------- questions that test understanding

SINGLES = [q for q in BANK if q.type == "single"]


def _lengths(q) -> tuple[int, list[int]]:
    key = next(len(o.text["en"]) for o in q.options if o.correct)
    return key, [len(o.text["en"]) for o in q.options if not o.correct]


def test_the_right_option_is_not_the_longest_by_habit():
    # Strictly longest by characters of the English text: a learner who always picks the
    # longest option must not pass. Before the rewrite: 45 of 51 (88 %).
    cued = [q.id for q in SINGLES if _lengths(q)[0] > max(_lengths(q)[1])]
    share = len(cued) / len(SINGLES)
    assert share <= 0.35, f"{share:.0%} of single-choice keys are the longest option: {cued}"


def test_the_right_option_is_not_the_shortest_by_habit_either():
    cued = [q.id for q in SINGLES if _lengths(q)[0] < min(_lengths(q)[1])]
    share = len(cued) / len(SINGLES)
    assert share <= 0.35, f"{share:.0%} of single-choice keys are the shortest option: {cued}"


@pytest.mark.parametrize("q", SINGLES, ids=lambda q: q.id)
def test_no_option_is_a_throwaway(q):
    # A one-word distractor next to a full sentence ('The chef', 'CTR is useless') is
    # rejected on sight; every option is at least 40 % as long as the longest.
    lengths = [len(o.text["en"]) for o in q.options]
    assert min(lengths) >= 0.4 * max(lengths), f"{q.id}: option lengths {lengths}"


_VERDICT = re.compile(r"^(right|yes|correct)\b[.:!,]?\s*", re.I)


def _reason(text: str) -> list[str]:
    return _VERDICT.sub("", text).split()


def test_a_right_answer_says_why_it_is_right():
    bare = []
    for q in BANK:
        right = [o for o in q.options if o.correct]
        bare += [f"{q.id}/{o.id}" for o in right if len(_reason(o.feedback["en"])) < 5]
        bare += [f"{q.id}/{i.id}" for i in q.items if len(_reason(i.feedback["en"])) < 5]
        if q.type == "numeric" and len(q.explanation["en"].split()) < 4:
            bare.append(f"{q.id}/explanation")
    assert not bare, f"feedback that only says 'right' without the reason: {bare}"


TRANSFER = [q for q in BANK if q.transfer]
# Words that mark the course's own cases: a transfer question is set somewhere else.
COURSE_CASES = re.compile(
    r"Client [AB]\b|banking client|\bthe bank\b|manufacturer|startup|consulting firm|"
    r"\bthe agency\b|restaurant|\bVIP\b|multinational|\bchef\b",
    re.I,
)


def test_at_least_a_third_of_the_questions_apply_the_distinction_to_a_new_case():
    share = len(TRANSFER) / len(BANK)
    assert share >= 1 / 3, f"only {len(TRANSFER)} of {len(BANK)} questions are marked transfer"
    for chapter in quiz.CORE_CHAPTERS:
        assert any(q.chapter == chapter for q in TRANSFER), f"no transfer question in {chapter}"


@pytest.mark.parametrize("q", TRANSFER, ids=lambda q: q.id)
def test_a_transfer_question_is_set_in_a_business_the_course_has_not_shown(q):
    assert not COURSE_CASES.search(q.text()), f"{q.id} is set in one of the course's own cases"


def test_the_bank_never_calls_the_normalised_hhi_scale_a_misconception():
    # The course computes the HHI on 0-10,000; 0-1 (shares as fractions) is the same index on
    # another scale, the one book/key_account.md writes the formula with.
    for q in BANK:
        texts = [q.prompt["en"], q.explanation["en"]]
        mistakes = [o.misconception["en"] for o in (*q.options, q.wrong) if o and o.misconception]
        mistakes += [i.misconception["en"] for i in q.items]
        for text in mistakes:
            assert "fraction" not in text.lower() or "rate" in text.lower(), (q.id, text)
        if q.type == "numeric" and "HHI" in " ".join(texts):
            assert q.other_scale == 10_000 and q.other_scale_feedback, q.id
            result = quiz.check_answer(q, q.answer / 10_000)
            assert result.pieces == [("scale", "x")] and result.feedback[0].misconception is None
            assert "correct scale" in result.feedback[0].text


def test_the_startup_question_agrees_with_the_simulation():
    # startup-05's key: 'one steep fall, then growth back on track from a much lower revenue'.
    from lessons.scenarios.startup import Params, kpi_table, period_kpis, simulate

    q = quiz.question("startup-05")
    assert "month 7" in q.text()
    params = Params(a_leaves_month=7)
    data = simulate(params)
    growth = period_kpis(data, params)["growth"]
    assert growth.loc[7] < -0.5  # the fall: more than half of revenue in one month
    assert (growth.loc[8:] > 0).all()  # then revenue grows every month
    table = kpi_table(data, params)
    assert table.iloc[0]["status"] == "on track"  # the latest growth is back on track
    with_a = simulate(Params())
    assert data["total"].iloc[-1] < 0.7 * with_a["total"].iloc[-1]  # from a much lower level
