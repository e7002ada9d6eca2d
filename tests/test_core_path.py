"""The core path reads in the time it claims; the trainer's plan fits its material; the map of
the source text to the course is complete and points at pages that exist.

Reading time is measured from the pages by ``scripts/reading_time.py``: words at 200 a minute,
one minute per figure or panel snapshot, and the questions of the visible quizzes (see its
docstring). Exercises are practice on top of the core path, measured apart.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import reading_time  # noqa: E402

SEED = Path("/work/shared/seeds/000_846ccbf9dad44f46.txt")
SCENARIOS = [p.stem for p in (ROOT / "notebooks").glob("scenario_*.ipynb")]


def _core_reading() -> reading_time.Reading:
    total = reading_time.Reading()
    for page in reading_time.core_path():
        total.add(reading_time.read_page(page))
    return total


def _claimed_minutes() -> int:
    (caption,) = [c for c in reading_time.toc_parts() if c.startswith("Core path")]
    return int(re.fullmatch(r"Core path \((\d+) min\)", caption)[1])


def test_the_measure_counts_words_figures_and_questions():
    # 400 words (2 min), one figure (1 min), one question of the bank (its words and 0.25).
    page = "# Title\n\n" + "word " * 398 + "\n\n```{figure} x.png\n```\n\n```{quiz} kpi\n"
    page += ":questions: kpi-01\n```\n"
    reading = reading_time.read_markdown(page, ROOT / "book")
    assert (reading.words, reading.figures, reading.questions) == (399, 1, ["kpi-01"])
    expected = 399 / 200 + 1 + reading_time.question_minutes("kpi-01")
    assert reading.minutes == pytest.approx(expected)
    assert reading_time.question_minutes("kpi-01") > reading_time.QUESTION_MINUTES


def test_collapsed_content_and_exercises_are_not_core_reading():
    page = (
        "Three words here.\n\n````{admonition} More\n:class: dropdown\n"
        + "hidden " * 50
        + "\n```{quiz} kpi\n:questions: kpi-02\n```\n````\n"
    )
    reading = reading_time.read_markdown(page, ROOT / "book")
    assert reading.words == 3 and reading.questions == [] and reading.more_questions == ["kpi-02"]
    included = reading_time.read_markdown("```{include} exercises/kpi.md\n```\n", ROOT / "book")
    assert included.words == 0 and included.exercise_words > 50
    assert included.exercises == ["kpi-ex1", "kpi-ex2", "kpi-ex3", "kpi-ex4"]


def test_the_core_path_reads_in_the_time_the_sidebar_claims():
    reading = _core_reading()
    claimed = _claimed_minutes()
    assert claimed <= 30
    assert reading.minutes <= claimed, (
        f"the core path takes {reading.minutes:.1f} min ({reading.words} words, "
        f"{reading.figures + reading.panels} figures, {len(reading.questions)} questions), "
        f"more than the {claimed} min the sidebar and the welcome page promise"
    )


def test_the_welcome_page_marks_the_core_path_with_the_same_figure():
    text = (ROOT / "book" / "welcome.md").read_text(encoding="utf-8")
    assert f"## The core path: {_claimed_minutes()} minutes" in text
    assert f"under {_claimed_minutes()} minutes" in text
    for page in reading_time.core_path()[1:]:
        link = page.removeprefix("book/") if page.startswith("book/") else f"../{page}"
        assert f"{{doc}}`{link}`" in text, f"the welcome page does not list {page}"


def test_the_core_path_is_definitions_difference_one_scenario_and_quizzes():
    core = reading_time.core_path()
    assert core[:4] == ["book/welcome", "book/key_account", "book/kpi", "book/difference"]
    assert sum(Path(p).name in SCENARIOS for p in core) == 1
    assert _core_reading().questions, "the core path has no quiz"


def test_every_other_teaching_part_is_marked_going_further():
    for caption in reading_time.toc_parts():
        assert caption in ("", "Reference") or caption.startswith(("Core path", "Going further"))


# ------------------------------------------------------------------ the trainer's plan

GUIDE = ROOT / "book" / "trainer_guide.md"
_ROW = re.compile(r"^\| (\d):(\d\d) \| (\d+) \| (.+?) \| (.+?) \|(.*)\|$")


def plan() -> list[tuple[int, int, str, str]]:
    """The 90-minute plan's rows: (start minute, minutes, activity, material)."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("(trainer-plan)=", 1)[1].split("(trainer-panels)=", 1)[0]
    rows = [_ROW.match(line) for line in section.splitlines()]
    return [(60 * int(m[1]) + int(m[2]), int(m[3]), m[4], m[5]) for m in rows if m]


def material_minutes(cell: str) -> float:
    """Minutes a room needs for the material of one block (panels shown live)."""
    if cell.strip() == "none":
        return 0.0
    readings = []
    for role, target in re.findall(r"\{(doc|ref)\}`([^`]+)`", cell):
        if role == "doc":
            page = str((ROOT / "book" / target).resolve().relative_to(ROOT))
            readings.append(reading_time.read_page(page).room_minutes)
        else:
            page = _page_of_label(target)
            readings.append(reading_time.read_section(page, target).room_minutes)
    assert readings, f"no page or section in the material {cell!r}"
    return max(readings) if cell.startswith("one of:") else sum(readings)


def _page_of_label(label: str) -> str:
    for path in (ROOT / "book").glob("*.md"):
        if f"({label})=" in path.read_text(encoding="utf-8"):
            return f"book/{path.stem}"
    raise AssertionError(f"no page defines the label {label}")


def test_the_plan_is_read_from_the_guide():
    rows = plan()
    assert len(rows) >= 8
    assert material_minutes("{doc}`kpi`") == pytest.approx(
        reading_time.read_page("book/kpi").minutes
    )


def test_the_plan_runs_90_minutes_without_gaps():
    rows = plan()
    assert rows[0][0] == 0
    for (start, minutes, _, _), (next_start, *_rest) in itertools.pairwise(rows):
        assert start + minutes == next_start, (
            f"the block at {start} min does not end at {next_start}"
        )
    assert rows[-1][0] + rows[-1][1] == 90


@pytest.mark.parametrize("row", plan(), ids=lambda r: r[2][:30])
def test_every_block_is_long_enough_for_its_material(row):
    _start, minutes, activity, material = row
    needed = material_minutes(material)
    assert minutes >= math.ceil(needed - 1e-9), (
        f"'{activity}' plans {minutes} min for material that takes {needed:.1f} min"
    )


def test_a_block_too_short_for_its_material_would_fail():
    assert material_minutes("{doc}`../notebooks/scenario_software_bank`") > 5


# ------------------------------------------------------------------ the source map


def _seed_sections() -> list[tuple[str, int]]:
    """The source's sections, each with its number of paragraphs."""
    keys = {
        "Compte Clé vs.": "Title",
        "Définir": "Title",
        "1.1": "1.1",
        "1.2": "1.2",
        "Quelle est la différence": "What is the difference",
        "Exemples": "Examples",
        "2.1": "2.1",
        "2.2": "2.2",
        "2.3": "2.3",
        "2.4": "2.4",
    }
    sections: list[list] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.endswith("."):
            sections[-1][1] += 1
            continue
        key = next(v for k, v in keys.items() if line.startswith(k))
        if not sections or sections[-1][0] != key:
            sections.append([key, 0])
    return [(key, count) for key, count in sections]


def _map_rows() -> list[tuple[str, str]]:
    text = GUIDE.read_text(encoding="utf-8").split("(trainer-source-map)=", 1)[1]
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ")]
    rows = [r for r in rows if len(r) >= 3 and r[0] != "| source section"]
    return [(r[0].removeprefix("| "), r[-1].removesuffix(" |")) for r in rows]


_MAP_KEYS = (
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "Title",
    "What is the difference",
    "Examples",
)


def _section_key(section: str) -> str:
    """The source section a row of the map names ("2.1 Start-up" and "2.1" are both 2.1)."""
    return next(k for k in _MAP_KEYS if section.startswith(k))


@pytest.mark.skipif(not SEED.exists(), reason="the source text is not on this machine")
def test_every_paragraph_of_the_source_has_a_row_in_the_map():
    rows = _map_rows()
    counts: dict[str, int] = {}
    for section, _taught in rows:
        key = _section_key(section)
        counts[key] = counts.get(key, 0) + 1
    expected = dict(_seed_sections())
    assert sum(expected.values()) == 25
    assert counts == expected


def test_every_row_of_the_map_points_at_pages_and_sections_that_exist():
    pages = {p for ps in reading_time.toc_parts().values() for p in ps}
    labels = {
        label
        for page in pages
        if page.startswith("book/")
        for label in re.findall(r"^\(([\w-]+)\)=", (ROOT / f"{page}.md").read_text("utf-8"), re.M)
    }
    for section, taught in _map_rows():
        targets = re.findall(r"\{(doc|ref)\}`([^`]+)`", taught)
        assert targets, f"{section}: taught nowhere"
        for role, target in targets:
            if role == "ref":
                assert target in labels, f"{section}: no section labelled {target}"
            else:
                page = str((ROOT / "book" / target).resolve().relative_to(ROOT))
                assert page in pages, f"{section}: {target} is not a page of the book"


# ------------------------------------------------------------------ reading without code

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FOLDED = {"hide-input", "remove-input", "remove-cell"}


def _code_cells(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_is_folded_unless_it_shows_the_formula(path):
    for number, cell in enumerate(_code_cells(path), start=1):
        tags = _tags(cell)
        assert tags & (FOLDED | {"formula"}), f"{path.name}, code cell {number}: tag hide-input"
        assert not (tags & FOLDED and "formula" in tags), f"{path.name}, cell {number}: both"


def _kpi_names(path: Path) -> set[str]:
    from lessons import kpis

    return set(kpis.__all__)


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.stem in SCENARIOS], ids=lambda p: p.stem
)
def test_every_scenario_notebook_shows_its_key_kpi_computed_by_lessons_kpis(path):
    formulas = ["".join(c["source"]) for c in _code_cells(path) if "formula" in _tags(c)]
    assert formulas, f"{path.name}: no visible cell tagged formula"
    calls = {name for src in formulas for name in re.findall(r"\b([a-z_]+)\(", src)}
    assert calls & _kpi_names(path), f"{path.name}: the formula cell calls no lessons.kpis function"


def test_the_folding_check_sees_an_untagged_cell(tmp_path):
    cell = {"cell_type": "code", "metadata": {}, "source": ["x = 1"]}
    assert not _tags(cell) & (FOLDED | {"formula"})
