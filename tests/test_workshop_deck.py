"""The workshop deck follows the trainer guide: the same blocks, at the same times, in the
three plans (90 minutes, 45 minutes, half a day); prompts are fragments, timings and notes are
speaker notes, and the live panels sit on their slides. Both editions: the English deck and
guide (``notebooks/workshop.ipynb``, ``book/trainer_guide.md``) and the French ones (under
``fr/``), each deck checked against its own guide; the French deck is the English deck's cells
(ids, slide types, metadata, code) with its text in French.

Reads the notebooks and the guides only (no kernel, no browser). The English 90-minute plan is
also read by ``tests/test_core_path.py``'s parser, which checks that each block is long enough
for its material (the material is the English pages'; the French plan keeps its times).
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from test_core_path import GUIDE, ROOT, material_minutes, plan

DECK = ROOT / "notebooks" / "workshop.ipynb"
#: Each edition's deck and the guide it follows.
EDITIONS = {
    "en": (DECK, GUIDE),
    "fr": (ROOT / "fr" / DECK.relative_to(ROOT), ROOT / "fr" / GUIDE.relative_to(ROOT)),
}
LANGS = pytest.mark.parametrize("lang", list(EDITIONS))
#: The prompts of the plan the deck reveals as fragments, by block start, in each language.
PROMPTS = {
    "en": {
        0: "What is wrong with this sentence?",
        23: "Which of these is the key account, and which are KPIs?",
        70: "Our largest customer loses money. Do we drop it?",
    },
    "fr": {
        0: "Qu'est-ce qui ne va pas dans cette phrase ?",
        23: "Lequel est le compte clé, et lesquels sont des KPI ?",
        70: "Notre plus gros client nous fait perdre de l'argent. Faut-il s'en séparer ?",
    },
}
_ROW = re.compile(r"^\| (\d):(\d\d) \| (\d+) \| (.+?) \| (.+?) \|$")
_NOTE = re.compile(r"^\*\*(\d:\d\d) · (\d+) min\.\*\*")


def _minute(clock: str) -> int:
    hours, minutes = clock.split(":")
    return 60 * int(hours) + int(minutes)


def _plain(text: str) -> str:
    """Text with French typography's no-break spaces as plain ones (the deck types them)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def deck_notebook(lang: str = "en") -> dict:
    return json.loads(EDITIONS[lang][0].read_text(encoding="utf-8"))


def deck_cells(lang: str = "en") -> list[dict]:
    return deck_notebook(lang)["cells"]


def _kind(cell: dict) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def deck_steps(cells: list[dict] | None = None, lang: str = "en") -> list[dict]:
    """The deck's slides that open a block: start minute, minutes, and the block's cells."""
    steps: list[dict] = []
    for cell in cells if cells is not None else deck_cells(lang):
        step = cell.get("metadata", {}).get("lessons")
        if _kind(cell) == "slide":
            assert step, f"a slide without its block (metadata lessons.step): {cell['source']!r}"
            steps.append(
                {"start": _minute(step["step"]), "minutes": step["minutes"], "cells": [cell]}
            )
        elif steps:
            steps[-1]["cells"].append(cell)
    return steps


def guide_text(lang: str = "en") -> str:
    return EDITIONS[lang][1].read_text(encoding="utf-8")


def guide_table(label: str, lang: str = "en") -> list[tuple[int, int, str, str]]:
    """The rows of the plan table under ``(label)=``: (start minute, minutes, activity, last)."""
    text = guide_text(lang).split(f"({label})=", 1)[1]
    text = re.split(r"^\(", text, maxsplit=1, flags=re.M)[0]
    rows = [_ROW.match(line) for line in text.splitlines()]
    return [(60 * int(m[1]) + int(m[2]), int(m[3]), m[4], m[5]) for m in rows if m]


def _contiguous(rows) -> None:
    for (start, minutes, *_), (next_start, *_rest) in itertools.pairwise(rows):
        assert start + minutes == next_start, f"the block at {start} min ends at {start + minutes}"


# ------------------------------------------------------------------ the 90-minute plan


def test_the_guide_s_plan_is_read_by_the_core_path_parser_too():
    assert [row[:2] for row in guide_table("trainer-plan")] == [row[:2] for row in plan()]


@LANGS
def test_the_deck_has_one_slide_per_block_of_the_90_minute_plan_at_the_same_times(lang):
    blocks = [(start, minutes) for start, minutes, _, _ in guide_table("trainer-plan", lang)]
    assert len(blocks) >= 8
    slides = [(s["start"], s["minutes"]) for s in deck_steps(lang=lang) if s["start"] < 90]
    assert slides == blocks


@LANGS
def test_every_block_has_speaker_notes_that_give_its_time(lang):
    for step in deck_steps(lang=lang):
        notes = [c for c in step["cells"] if _kind(c) == "notes"]
        assert len(notes) == 1, f"the block at {step['start']} min needs one notes cell"
        match = _NOTE.match("".join(notes[0]["source"]))
        assert match, f"the notes at {step['start']} min must open with '**h:mm · N min.**'"
        assert (_minute(match[1]), int(match[2])) == (step["start"], step["minutes"])


@LANGS
def test_the_prompts_of_the_plan_are_fragments(lang):
    steps = {s["start"]: s for s in deck_steps(lang=lang)}
    for start, prompt in PROMPTS[lang].items():
        fragments = [
            _plain("".join(c["source"])) for c in steps[start]["cells"] if _kind(c) == "fragment"
        ]
        assert prompt in fragments, f"the block at {start} min does not reveal {prompt!r}"
        # the same prompt as the guide gives the trainer
        assert prompt.strip("?").split(",")[0] in guide_text(lang)


def _panel_calls(step: dict) -> list[str]:
    return [
        "".join(c["source"])
        for c in step["cells"]
        if c["cell_type"] == "code" and re.search(r"_panel\(", "".join(c["source"]))
    ]


@LANGS
def test_the_live_panels_are_on_their_slides_and_nbval_ignores_their_output(lang):
    steps = {s["start"]: s for s in deck_steps(lang=lang)}
    assert _panel_calls(steps[23]) == ['scenario_panel("software_bank")']
    groups = {re.search(r'"(\w+)"', call)[1] for call in _panel_calls(steps[44])}
    assert groups == {"startup", "consulting", "agency", "restaurant"}
    # the four groups' panels are sub-slides of the group block, one each
    subslides = [c for c in steps[44]["cells"] if _kind(c) == "subslide"]
    assert len(subslides) == 4
    for cell in deck_cells(lang):
        if cell["cell_type"] == "code" and "_panel(" in "".join(cell["source"]):
            assert "nbval-ignore-output" in cell["metadata"].get("tags", [])


@LANGS
def test_the_deck_is_committed_executed_with_its_widget_state(lang):
    cells = [c for c in deck_cells(lang) if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in cells)
    nb = deck_notebook(lang)
    assert nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]


_LANGUAGE_LINES = ["from lessons.i18n import set_language", 'set_language("fr")']


def _layout(cell: dict) -> tuple:
    """What the French deck keeps from the English one: id, type, slide type, block, tags."""
    meta = cell.get("metadata", {})
    return (cell["id"], cell["cell_type"], _kind(cell), meta.get("lessons"), meta.get("tags"))


def test_the_french_deck_is_the_english_deck_in_french():
    english, french = deck_cells("en"), deck_cells("fr")
    assert [_layout(c) for c in french] == [_layout(c) for c in english]
    imports, *_ = [c for c in french if c["cell_type"] == "code"]
    lines = [line for line in "".join(imports["source"]).splitlines() if line.strip()]
    assert lines[:2] == _LANGUAGE_LINES, "the French imports cell starts with set_language('fr')"
    for en_cell, fr_cell in zip(english, french, strict=True):
        en_text, fr_text = "".join(en_cell["source"]), "".join(fr_cell["source"])
        if fr_cell is imports:
            assert "\n".join(lines[2:]) == en_text
        elif fr_cell["cell_type"] == "code":
            assert fr_text == en_text, f"cell {fr_cell['id']}: the code is the English deck's"
        else:
            assert fr_text != en_text, f"cell {fr_cell['id']} is still in English: {en_text!r}"


def test_the_french_guide_s_three_plans_keep_the_english_times():
    for label in ("trainer-plan", "trainer-45", "trainer-half-day-plan"):
        english = [row[:2] for row in guide_table(label, "en")]
        assert english and [row[:2] for row in guide_table(label, "fr")] == english, label


def test_a_deck_that_skips_a_block_fails_the_comparison():
    cells = [c for c in deck_cells() if c["metadata"].get("lessons", {}).get("step") != "0:39"]
    slides = [(s["start"], s["minutes"]) for s in deck_steps(cells) if s["start"] < 90]
    assert slides != [(start, minutes) for start, minutes, _, _ in plan()]


# ------------------------------------------------------------------ 45 minutes and half a day


@LANGS
def test_the_45_minute_plan_runs_45_minutes_on_slides_of_the_deck(lang):
    rows = guide_table("trainer-45", lang)
    assert rows and rows[0][0] == 0
    _contiguous(rows)
    assert rows[-1][0] + rows[-1][1] == 45
    minutes = {s["start"]: s["minutes"] for s in deck_steps(lang=lang)}
    for _start, length, activity, slides in rows:
        named = [_minute(clock) for clock in re.findall(r"\d:\d\d", slides)]
        assert named, f"'{activity}' names no slide of the deck"
        missing = [n for n in named if n not in minutes]
        assert not missing, f"'{activity}': no slide of the deck starts at {missing} min"
        # a block may add questions to its slides, never squeeze them
        assert length >= sum(minutes[n] for n in named), activity


@LANGS
def test_the_half_day_plan_is_the_90_minute_plan_then_the_deck_s_second_part(lang):
    rows = guide_table("trainer-half-day-plan", lang)
    assert rows[0][:2] == (0, 90)
    _contiguous(rows)
    assert rows[-1][0] + rows[-1][1] <= 4 * 60
    second = [(s["start"], s["minutes"]) for s in deck_steps(lang=lang) if s["start"] >= 90]
    assert second == [(start, minutes) for start, minutes, _, _ in rows[1:]]


@pytest.mark.parametrize("row", guide_table("trainer-half-day-plan")[1:], ids=lambda r: r[2][:30])
def test_every_half_day_block_is_long_enough_for_its_material(row):
    _start, minutes, activity, material = row
    needed = material_minutes(material)
    assert minutes >= needed, f"'{activity}' plans {minutes} min for {needed:.1f} min of material"
