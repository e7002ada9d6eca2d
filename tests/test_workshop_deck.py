"""The workshop deck follows the trainer guide: the same blocks, at the same times, in the
three plans (90 minutes, 45 minutes, half a day); prompts are fragments, timings and notes are
speaker notes, and the live panels sit on their slides.

Reads ``notebooks/workshop.ipynb`` and ``book/trainer_guide.md`` only (no kernel, no browser).
The 90-minute plan is read by ``tests/test_core_path.py``'s parser, which also checks that each
block is long enough for its material.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from test_core_path import GUIDE, ROOT, material_minutes, plan

DECK = ROOT / "notebooks" / "workshop.ipynb"
_ROW = re.compile(r"^\| (\d):(\d\d) \| (\d+) \| (.+?) \| (.+?) \|$")
_NOTE = re.compile(r"^\*\*(\d:\d\d) · (\d+) min\.\*\*")


def _minute(clock: str) -> int:
    hours, minutes = clock.split(":")
    return 60 * int(hours) + int(minutes)


def deck_cells() -> list[dict]:
    return json.loads(DECK.read_text(encoding="utf-8"))["cells"]


def _kind(cell: dict) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def deck_steps(cells: list[dict] | None = None) -> list[dict]:
    """The deck's slides that open a block: start minute, minutes, and the block's cells."""
    steps: list[dict] = []
    for cell in cells if cells is not None else deck_cells():
        step = cell.get("metadata", {}).get("lessons")
        if _kind(cell) == "slide":
            assert step, f"a slide without its block (metadata lessons.step): {cell['source']!r}"
            steps.append(
                {"start": _minute(step["step"]), "minutes": step["minutes"], "cells": [cell]}
            )
        elif steps:
            steps[-1]["cells"].append(cell)
    return steps


def guide_table(label: str) -> list[tuple[int, int, str, str]]:
    """The rows of the plan table under ``(label)=``: (start minute, minutes, activity, last)."""
    text = GUIDE.read_text(encoding="utf-8").split(f"({label})=", 1)[1]
    text = re.split(r"^\(", text, maxsplit=1, flags=re.M)[0]
    rows = [_ROW.match(line) for line in text.splitlines()]
    return [(60 * int(m[1]) + int(m[2]), int(m[3]), m[4], m[5]) for m in rows if m]


def _contiguous(rows) -> None:
    for (start, minutes, *_), (next_start, *_rest) in itertools.pairwise(rows):
        assert start + minutes == next_start, f"the block at {start} min ends at {start + minutes}"


# ------------------------------------------------------------------ the 90-minute plan


def test_the_deck_has_one_slide_per_block_of_the_90_minute_plan_at_the_same_times():
    blocks = [(start, minutes) for start, minutes, _, _ in plan()]
    slides = [(s["start"], s["minutes"]) for s in deck_steps() if s["start"] < 90]
    assert slides == blocks


def test_every_block_has_speaker_notes_that_give_its_time():
    for step in deck_steps():
        notes = [c for c in step["cells"] if _kind(c) == "notes"]
        assert len(notes) == 1, f"the block at {step['start']} min needs one notes cell"
        match = _NOTE.match("".join(notes[0]["source"]))
        assert match, f"the notes at {step['start']} min must open with '**h:mm · N min.**'"
        assert (_minute(match[1]), int(match[2])) == (step["start"], step["minutes"])


def test_the_prompts_of_the_plan_are_fragments():
    prompts = {
        0: "What is wrong with this sentence?",
        23: "Which of these is the key account, and which are KPIs?",
        70: "Our largest customer loses money. Do we drop it?",
    }
    steps = {s["start"]: s for s in deck_steps()}
    for start, prompt in prompts.items():
        fragments = ["".join(c["source"]) for c in steps[start]["cells"] if _kind(c) == "fragment"]
        assert prompt in fragments, f"the block at {start} min does not reveal {prompt!r}"
        # the same prompt as the guide gives the trainer
        assert prompt.strip("?").split(",")[0] in GUIDE.read_text(encoding="utf-8")


def _panel_calls(step: dict) -> list[str]:
    return [
        "".join(c["source"])
        for c in step["cells"]
        if c["cell_type"] == "code" and re.search(r"_panel\(", "".join(c["source"]))
    ]


def test_the_live_panels_are_on_their_slides_and_nbval_ignores_their_output():
    steps = {s["start"]: s for s in deck_steps()}
    assert _panel_calls(steps[23]) == ['scenario_panel("software_bank")']
    groups = {re.search(r'"(\w+)"', call)[1] for call in _panel_calls(steps[44])}
    assert groups == {"startup", "consulting", "agency", "restaurant"}
    # the four groups' panels are sub-slides of the group block, one each
    subslides = [c for c in steps[44]["cells"] if _kind(c) == "subslide"]
    assert len(subslides) == 4
    for cell in deck_cells():
        if cell["cell_type"] == "code" and "_panel(" in "".join(cell["source"]):
            assert "nbval-ignore-output" in cell["metadata"].get("tags", [])


def test_the_deck_is_committed_executed_with_its_widget_state():
    cells = [c for c in deck_cells() if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in cells)
    nb = json.loads(DECK.read_text(encoding="utf-8"))
    assert nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]


def test_a_deck_that_skips_a_block_fails_the_comparison():
    cells = [c for c in deck_cells() if c["metadata"].get("lessons", {}).get("step") != "0:39"]
    slides = [(s["start"], s["minutes"]) for s in deck_steps(cells) if s["start"] < 90]
    assert slides != [(start, minutes) for start, minutes, _, _ in plan()]


# ------------------------------------------------------------------ 45 minutes and half a day


def test_the_45_minute_plan_runs_45_minutes_on_slides_of_the_deck():
    rows = guide_table("trainer-45")
    assert rows and rows[0][0] == 0
    _contiguous(rows)
    assert rows[-1][0] + rows[-1][1] == 45
    minutes = {s["start"]: s["minutes"] for s in deck_steps()}
    for _start, length, activity, slides in rows:
        named = [_minute(clock) for clock in re.findall(r"\d:\d\d", slides)]
        assert named, f"'{activity}' names no slide of the deck"
        missing = [n for n in named if n not in minutes]
        assert not missing, f"'{activity}': no slide of the deck starts at {missing} min"
        # a block may add questions to its slides, never squeeze them
        assert length >= sum(minutes[n] for n in named), activity


def test_the_half_day_plan_is_the_90_minute_plan_then_the_deck_s_second_part():
    rows = guide_table("trainer-half-day-plan")
    assert rows[0][:2] == (0, 90)
    _contiguous(rows)
    assert rows[-1][0] + rows[-1][1] <= 4 * 60
    second = [(s["start"], s["minutes"]) for s in deck_steps() if s["start"] >= 90]
    assert second == [(start, minutes) for start, minutes, _, _ in rows[1:]]


@pytest.mark.parametrize("row", guide_table("trainer-half-day-plan")[1:], ids=lambda r: r[2][:30])
def test_every_half_day_block_is_long_enough_for_its_material(row):
    _start, minutes, activity, material = row
    needed = material_minutes(material)
    assert minutes >= needed, f"'{activity}' plans {minutes} min for {needed:.1f} min of material"
