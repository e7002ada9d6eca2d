"""Result files and a room's report: hand-computed averages, refusals naming the file, safe names.

The room is three learners on ``final_assessment(n=5, seed=3)``, one question per chapter:
software-bank-03 (multiple: a, b, e), beyond-06 (single: d), key-account-04 (classification),
kpi-04 (single: c), difference-06 (single: d).

* Ana answers all five right: 5 points.
* Bob ticks a, b (2 of 3 right, none wrong: 2/3), answers a to beyond-06 (0), sorts 3 of the 5
  items right (3/5), c to kpi-04 (1) and a to difference-06 (0): 2/3 + 3/5 + 1 = 34/15.
* Chloé ticks a, c on software-bank-03 ((1 - 1)/3 = 0) and answers nothing else: 0.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from lessons import cli
from lessons.i18n import set_language
from lessons.quiz import final_assessment
from lessons.results import (
    FORMAT,
    check_record,
    course_version,
    read_result,
    result_record,
    save_result,
)
from lessons.room import gather
from lessons.room_report import report_html, report_text

SEED, N = 3, 5
KA = {"i1": "key_account", "i2": "kpi", "i3": "neither", "i4": "kpi", "i5": "neither"}
ANA = {
    "software-bank-03": ["a", "b", "e"],
    "beyond-06": "d",
    "key-account-04": KA,
    "kpi-04": "c",
    "difference-06": "d",
}
BOB = {
    "software-bank-03": ["a", "b"],
    "beyond-06": "a",
    "key-account-04": dict(KA, i3="kpi", i5="kpi"),
    "kpi-04": "c",
    "difference-06": "a",
}
CHLOE = {"software-bank-03": ["a", "c"]}


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def room_files(tmp_path) -> list[Path]:
    drawn = final_assessment(n=N, seed=SEED)
    return [
        save_result(drawn, ANA, tmp_path / "ana.json", seed=SEED, name="Ana"),
        save_result(drawn, BOB, tmp_path / "bob.json", seed=SEED, name="Bob"),
        save_result(drawn, CHLOE, tmp_path / "chloe.json", seed=SEED, name="Chloé"),
    ]


def _write(path: Path, record: object) -> Path:
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_the_question_draw_is_the_one_the_hand_computation_assumes():
    assert [q.id for q in final_assessment(n=N, seed=SEED)] == list(ANA)


def test_a_record_holds_the_layout_and_the_points_the_page_shows():
    record = result_record(final_assessment(n=N, seed=SEED), BOB, seed=SEED, name="  Bob ")
    assert list(record) == [
        "format",
        "format_version",
        "course_version",
        "assessment",
        "seed",
        "n",
        "name",
        "language",
        "questions",
        "answers",
        "topics",
        "total",
    ]
    assert record["name"] == "Bob" and record["format"] == FORMAT
    assert record["course_version"] == course_version()
    assert record["total"] == {"score": 2.27, "out_of": 5}  # 34/15 = 2.2667 as the page shows
    assert record["topics"]["software-bank"] == {"score": 0.67, "out_of": 1}
    assert record["topics"]["key-account"] == {"score": 0.6, "out_of": 1}
    schema = json.loads(
        (Path(__file__).parents[1] / "src/lessons/data/result_schema.json").read_text()
    )
    jsonschema.Draft202012Validator(schema).validate(record)
    assert check_record(record, "bob.json") is record


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"seed": "three"}, "'seed' must be a whole number"),
        ({"answers": {"kpi-04": None}}, "'kpi-04' is not an answer"),
        ({"n": 0}, "'n' is too small (at least 1)"),
        ({"extra": 1}, "'extra' is not a field of a result file"),
        ({"format": "csv"}, "its 'format' is not 'lessons-result'"),
        ({"format_version": 9}, "layout version 9"),
    ],
)
def test_a_malformed_record_is_refused_naming_the_file_and_the_field(change, words):
    record = dict(result_record(["kpi-04"], {}, seed=0), **change)
    with pytest.raises(ValueError, match=r"^ana\.json ") as error:
        check_record(record, "ana.json")
    assert words in str(error.value)


def test_a_missing_field_is_named():
    record = result_record(["kpi-04"], {}, seed=0)
    del record["seed"]
    with pytest.raises(ValueError, match="'seed' is missing"):
        check_record(record, "x.json")


def test_a_result_file_is_scored_again_and_an_edited_score_is_noticed(room_files, tmp_path):
    bob = read_result(room_files[1])
    assert bob.report.score == pytest.approx(34 / 15)
    assert not bob.edited
    record = json.loads(room_files[1].read_text())
    record["total"]["score"] = 5
    edited = read_result(_write(tmp_path / "bob-edited.json", record))
    assert edited.edited and edited.report.score == pytest.approx(34 / 15)


def test_save_result_never_overwrites(room_files):
    before = _digest(room_files[0])
    with pytest.raises(ValueError, match="already exists and is kept as it is"):
        save_result(final_assessment(n=N, seed=SEED), {}, room_files[0], seed=SEED)
    assert _digest(room_files[0]) == before


def test_the_room_averages_are_the_hand_computed_ones(room_files):
    room = gather(room_files)
    assert len(room.learners) == 3 and room.out_of == 5 and room.seed == SEED
    assert room.totals == pytest.approx([5, 34 / 15, 0])
    assert room.average == pytest.approx((5 + 34 / 15) / 3)
    shares = {topic.chapter: topic.fraction for topic in room.topics}
    assert shares == pytest.approx(
        {
            "key-account": (1 + 3 / 5) / 3,
            "kpi": 2 / 3,
            "difference": 1 / 3,
            "software-bank": (1 + 2 / 3) / 3,
            "beyond": 1 / 3,
        }
    )
    assert list(shares) == ["key-account", "kpi", "difference", "software-bank", "beyond"]
    counts = [count for *_bounds, count in room.distribution()]
    assert counts == [1, 0, 0, 0, 1, 0, 0, 0, 0, 1]  # 0, 2.27 in [2, 2.5), 5 in the top bin
    missed = room.most_missed()
    assert [m.question_id for m in missed] == [
        "beyond-06",
        "difference-06",
        "key-account-04",
        "software-bank-03",
        "kpi-04",
    ]
    assert missed[0].wrong == 2 and missed[0].average == pytest.approx(1 / 3)
    assert missed[0].misconception  # Bob's wrong option names its misconception
    assert missed[0].misconception_count == 1  # Chloé left it unanswered: no misconception


def test_refused_files_are_named_with_what_to_do_and_no_file_is_modified(room_files, tmp_path):
    other_seed = save_result(final_assessment(n=N, seed=4), {}, tmp_path / "s4.json", seed=4)
    record = json.loads(room_files[0].read_text())
    other_version = _write(tmp_path / "v0.json", dict(record, course_version="0.0.1+bank.x"))
    not_json = tmp_path / "broken.json"
    not_json.write_text("{oops", encoding="utf-8")
    wrong_format = _write(tmp_path / "table.json", [1, 2])
    bad_draw = _write(tmp_path / "draw.json", dict(record, questions=record["questions"][::-1]))
    files = [*room_files, other_seed, other_version, not_json, wrong_format, bad_draw]
    files.append(tmp_path / "absent.json")
    before = {p: _digest(p) for p in files if p.exists()}
    room = gather(files)
    assert len(room.learners) == 3
    messages = {r.path.name: r.message for r in room.refused}
    assert set(messages) == {
        "s4.json",
        "v0.json",
        "broken.json",
        "table.json",
        "draw.json",
        "absent.json",
    }
    for name, message in messages.items():
        assert name in message
    assert "seed 4" in messages["s4.json"] and "separate room-report" in messages["s4.json"]
    assert "0.0.1+bank.x" in messages["v0.json"] and course_version() in messages["v0.json"]
    assert "not valid JSON" in messages["broken.json"]
    assert "seed 3 does not draw" in messages["draw.json"]
    assert {p: _digest(p) for p in before} == before


def test_the_majority_draw_wins_and_a_duplicate_is_counted_once(room_files, tmp_path):
    drawn = final_assessment(n=N, seed=4)
    lone = save_result(drawn, {}, tmp_path / "first.json", seed=4, name="Lone")
    copy = tmp_path / "ana-again.json"
    copy.write_bytes(room_files[0].read_bytes())
    room = gather([lone, *room_files, copy])
    assert room.seed == SEED and len(room.learners) == 3
    assert [r.path.name for r in room.refused] == ["first.json"]
    assert any("ana-again.json" in note and "ana.json" in note for note in room.notes)


def test_no_usable_file_is_an_error_with_every_message(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match=r"Not one of the files(.|\n)*bad\.json"):
        gather([bad])


def _named(tmp_path: Path, name: str) -> Path:
    drawn = final_assessment(n=N, seed=SEED)
    return save_result(drawn, ANA, tmp_path / "odd.json", seed=SEED, name=name)


def test_names_are_safe_in_the_terminal_and_in_html(tmp_path):
    odd = _named(tmp_path, "Eve\x1b[2J<script>alert(1)</script>\u202e")
    room = gather([odd])
    text = report_text(room)
    assert "\x1b" not in text and "\u202e" not in text and "␛[2J" in text
    page = report_html(room)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'alt="Two charts of the room' in page and "data:image/png;base64," in page


def test_the_terminal_report_reads_the_room(room_files):
    text = report_text(gather(room_files))
    assert "3 learner(s), final assessment with seed 3 (5 questions)" in text
    assert "Average total: 2.4 out of 5 (48 %)." in text  # (5 + 2.27) / 3 = 2.42
    assert "1. beyond-06" in text and "Misconception:" in text
    assert "Bob" in text and "2.3 / 5" in text


def test_room_report_command_in_french_writes_html_and_refuses_bad_files(
    room_files, tmp_path, capsys
):
    bad = tmp_path / "bad.json"
    bad.write_text("nope", encoding="utf-8")
    out = tmp_path / "room.html"
    code = cli.main(
        ["--lang", "fr", "room-report", *map(str, room_files), str(bad), "--html", str(out)]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "Score total moyen : 2,4 sur 5" in printed and "bad.json" in printed
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Moyenne par thème" in page
    assert cli.main(["room-report", str(bad)]) == cli.BAD_INPUT
    assert "bad.json" in capsys.readouterr().err
    assert cli.main(["room-report", str(room_files[0]), "--html", str(room_files[0])]) == 2
    assert "one of the result files" in capsys.readouterr().err
