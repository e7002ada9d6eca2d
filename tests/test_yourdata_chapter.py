"""The your-data chapter says only what the computation says: numbers glued, outputs checked."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "your_data.ipynb"
EXERCISES = ROOT / "book" / "exercises" / "your-data.md"


def cells(kind: str) -> list[str]:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


def test_every_glued_number_is_glued_by_a_cell():
    wanted = {k for text in cells("markdown") for k in re.findall(r"\{glue:text\}`(\w+)`", text)}
    glued = {k for text in cells("code") for k in re.findall(r'glue\("(\w+)"', text)}
    assert wanted, "the chapter quotes no computed number"
    assert wanted <= glued, sorted(wanted - glued)


def test_the_prose_types_no_figure_of_the_sample():
    # Figures of the sample (and the 10 % / 15 % lines) come from glue, never typed.
    prose = "\n".join(cells("markdown"))
    prose = re.sub(r"\{glue:text\}`\w+`", "", prose)
    prose = re.sub(r"```.*?```", "", prose, flags=re.S)
    for typed in ("2,400", "27 %", "15 of 40", "37.5 %", "10 %", "15 %", "18 months"):
        assert typed not in prose, typed


def test_class_a_is_headed_as_candidates():
    prose = "\n".join(cells("markdown"))
    assert "a class-A customer is a candidate, not automatically a key" in prose
    assert "Who are the key accounts?" not in prose
    assert "Montant TTC" not in "\n".join(cells("code"))


def test_the_exercise_outputs_are_what_the_code_gives():
    text = EXERCISES.read_text(encoding="utf-8")
    source = "\n".join(re.findall(r"```pycon\n(.*?)```", text, flags=re.S))
    test = doctest.DocTestParser().get_doctest(source, {}, "your-data", str(EXERCISES), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert test.examples, "the solution computes nothing"
