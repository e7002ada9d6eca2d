"""Every number the prose of a scenario notebook quotes is glued from the computation.

A sentence such as "Turnover rises from 1.98 to 2.57" goes stale the day the model changes,
unless the numbers are pasted from the cell that computes them: ``glue("key", text,
display=False)`` in a code cell, with ``text`` already written by :mod:`lessons.format`, and
``{glue:text}`key``` in the markdown. This test reads the markdown cells of the six scenario
notebooks, the portfolio explorer, the scorecard and the KPI builder, and fails on any number
that is not glued and is not one of these, which are not quotes of a computation:

1. **glued**: inside ``{glue:text}`key``` (or ``{glue}`key```); the key must be glued, as a
   text, by a code cell of the same notebook;
2. **code or maths**: inside inline code, a fenced code block, ``$...$`` or ``$$...$$``;
3. **a reference**: inside a MyST role (``{doc}`../book/kpi```, ``{ref}`Strathern, 1997 <...>```),
   a link's address, a directive's opening line or its options (``:class: dropdown``) or an
   HTML tag;
4. **numbering**: a list item's or a question's number at the start of a line (``1.``,
   ``**2.**``);
5. **a year**: four digits from 1900 to 2099, without a thousands separator;
6. **a section of a text**: right after "section", "paragraph", "chapter", "§" or "IFRS"
   ("section 2.4", "IFRS 8, paragraph 34");
7. **the reading time** of the Prerequisites: "20 minutes" on the "Time to learn" or
   "About ... minutes" line;
8. **a setting the next code cell sets**: in the markdown cell right before a code cell, a
   number that is a numeric literal of that cell, as such or times 100 for a percentage
   ("…rushes every table to 60 minutes?" before ``replace(params, dining_time=60)``, "40 %"
   before ``vip_attention=0.4``). If the code changes, the heading fails here;
9. **an instruction to move a control**: in a sentence starting with an imperative verb
   (:data:`IMPERATIVES`), a value that one of the scenario's settings accepts (within its
   range, as the control shows it: 25 % for 0.25): "Shorten the dining time from 90 to 60
   minutes";
10. **a quote of the French source**, inside « », verbatim;
11. **the survey scale** the course's KPIs define (:func:`lessons.kpis.csat`,
    :func:`lessons.kpis.average_rating`): "from 1 to 5", "out of 5", "4 or 5";
12. **the first period**, "month 1" or "day 1": every scenario numbers its periods from 1;
13. **a fixed figure of the three explorer notebooks** (:data:`FIXED`): a scale, a threshold
    a standard sets, a cut or a target the learner is told to use, each by its phrase (the
    phrase, not the number, is accepted: the same number elsewhere on the page still fails).

Numbers written in words ("four weeks") are not detected; the chapters quote computed
figures in digits, glued.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from lessons.scenarios import SCENARIOS, load, param_specs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = {name: ROOT / "notebooks" / f"scenario_{name}.ipynb" for name in SCENARIOS}
EXPLORERS = ("portfolio_explorer", "scorecard", "kpi_builder")
NOTEBOOKS.update({name: ROOT / "notebooks" / f"{name}.ipynb" for name in EXPLORERS})

#: Rule 13: the phrases of the explorer notebooks that hold a fixed figure, and why it is one.
FIXED = {
    "portfolio_explorer": {
        r"10 % major-customer": "IFRS 8's disclosure threshold",
        r"\*\*10 %\s+of revenue\*\*": "IFRS 8's disclosure threshold",
        r"the 10 % line": "IFRS 8's disclosure threshold",
        r"above 10 % of revenue": "IFRS 8's disclosure threshold",
        r"bring 80 % of revenue": "class A's cut, set in the code (a=0.80)",
        r"not 20 %": "the 80/20 rule the chapter tests",
        r'"80/20"': "the name of the rule",
        r"0 to 10,000 scale": "the HHI's scale",
        r"\(10,000 /": "the HHI's scale",
        r"0-1 scale": "the score's scale",
        r"0-100 scale": "the score's scale",
        r"from 1 \(low\) to 5 \(high\)": "the rating scale",
        r"back to 100 %": "total profit, by definition",
        r"above 100 %": "total profit, by definition",
        r"every weight to 0": "an instruction",
        r"the top 3 by": "a question",
    },
    "scorecard": {
        r"rating \(1 to 5\)": "the rating scale",
        r"ceiling to 60 %, then lower it to 10 %": "an instruction",
        r"At 60 % nothing changes": "the instruction's first value",
        r"At 10 %": "the instruction's second value",
        r"tolerance to 0 %": "an instruction",
        r"misses 95 %": "the on-time target, set in the code",
    },
    "kpi_builder": {
        r"target to 0\.99, then to 0\.90": "an instruction",
        r"off track at 0\.99": "the instruction's first value",
        r"track at 0\.90": "the instruction's second value",
    },
}

#: Verbs that start an instruction to the learner to move a control (rule 9).
IMPERATIVES = ("Move", "Shorten", "Lengthen", "Lower", "Raise", "Set", "Try", "Drag", "Change")

GLUE_ROLE = re.compile(r"\{glue(?::text|:any)?\}`([^`]+)`")
ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
INLINE_CODE = re.compile(r"`[^`]*`")
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
INLINE_MATH = re.compile(r"\$[^$\n]+\$")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]*>")
FRENCH_QUOTE = re.compile(r"«[^»]*»", re.S)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
NUMBERING = re.compile(r"^(\s*)(\*\*)?\d+\.(\*\*)?(?=\s)", re.M)
YEAR = re.compile(r"(?<![\d,.])(19|20)\d\d(?!\d|[,.]\d)")
SECTION = re.compile(r"(section|paragraph|chapter|§|IFRS|ASC)\s+\d+([.-]\d+)*", re.I)
READING_TIME = re.compile(r"^- (\*\*Time to learn\*\*: |About )\d+ minutes", re.M)
SCALE = re.compile(r"from\s+1\s+to\s+5|out\s+of\s+5|\b4\s+or\s+5\b")
FIRST_PERIOD = re.compile(r"\b(month|day) 1(?!\d|[,.]\d)")
#: Fences whose content is prose (an admonition, an answer); any other fence is code.
PROSE_FENCES = ("{admonition}", "{note}", "{tip}", "{important}", "{warning}", "{dropdown}")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _without_code_fences(text: str) -> str:
    """The text with every fenced code block removed, and the fence lines and directive
    options of prose fences (admonitions) removed while their content is kept."""
    kept, fence = [], None
    for line in text.splitlines():
        opening = re.match(r"^\s*(`{3,}|:{3,})(.*)$", line)
        if fence is None and opening:
            info = opening.group(2).strip()
            fence = (opening.group(1), info.startswith(PROSE_FENCES))
            continue
        if fence is not None and line.strip() == fence[0]:
            fence = None
            continue
        if fence is not None and not fence[1]:
            continue  # code
        if fence is not None and re.match(r"^\s*:[a-z-]+:", line):
            continue  # a directive option
        kept.append(line)
    return "\n".join(kept)


def _literals(code: str) -> set[float]:
    """The numeric literals of a code cell, and each times 100 (a fraction shown as a %)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    numbers = {
        float(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    }
    return numbers | {round(n * 100, 9) for n in numbers}


def _accepted_settings(name: str) -> list[tuple[float, float]]:
    """The range of each setting of a scenario, as its control shows it (a % times 100); an
    explorer notebook names its settings in :data:`FIXED` instead."""
    if name not in SCENARIOS:
        return []
    ranges = []
    for spec in param_specs(load(name).Params):
        scale = 100 if spec.unit == "%" else 1
        ranges.append((spec.low * scale, spec.high * scale))
    return ranges


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def _instruction_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences that tell the learner to move a control are in ``text``."""
    spans = []
    for match in re.finditer(r"(?:^|(?<=[.!?:]\s)|(?<=\n))\s*([A-Z][a-z]+)[^.!?]*", text):
        if match.group(1) in IMPERATIVES:
            spans.append(match.span())
    return spans


def unglued_numbers(cells: list[dict], name: str) -> list[str]:
    """Every number of the markdown ``cells`` of scenario ``name``'s notebook that none of the
    module's rules accepts, as ``"cell N: <number> in: <its line>"``."""
    settings = _accepted_settings(name)
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = _without_code_fences(_source(cell))
        for pattern in (DISPLAY_MATH, GLUE_ROLE, ROLE, INLINE_CODE, INLINE_MATH):
            text = pattern.sub(" ", text)
        for pattern in (LINK_TARGET, HTML_TAG, FRENCH_QUOTE, READING_TIME, SECTION, SCALE):
            text = pattern.sub(" ", text)
        for phrase in FIXED.get(name, {}):
            text = re.sub(phrase, " ", text)
        text = NUMBERING.sub(r"\1", text)
        text = YEAR.sub(" ", text)
        text = FIRST_PERIOD.sub(" ", text)
        following = next((_source(c) for c in cells[index + 1 :] if c["cell_type"] == "code"), "")
        next_is_code = index + 1 < len(cells) and cells[index + 1]["cell_type"] == "code"
        literals = _literals(following) if next_is_code else set()
        instructions = _instruction_spans(text)
        for match in NUMBER.finditer(text):
            number = _value(match.group())
            if number in literals:
                continue  # rule 8: the setting the next cell sets
            inside = any(start <= match.start() < end for start, end in instructions)
            if inside and any(low <= number <= high for low, high in settings):
                continue  # rule 9: an instruction to move a control
            line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end())]
            found.append(f"cell {index}: {match.group()} in: {line.strip()}")
    return found


def glued_records(name: str) -> list[tuple[str, str]]:
    """(key, text/plain as stored) of every glue of the notebook's code cells, in order."""
    records = []
    for cell in _cells(NOTEBOOKS[name]):
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                data = output["data"]
                text = data.get("application/papermill.record/text/plain", data.get("text/plain"))
                records.append((record["name"], text or ""))
    return records


def used_keys(name: str) -> set[str]:
    """The keys the notebook's markdown pastes with a glue role."""
    return {
        match.group(1).split(":")[0]
        for cell in _cells(NOTEBOOKS[name])
        if cell["cell_type"] == "markdown"
        for match in GLUE_ROLE.finditer(_source(cell))
    }


@pytest.mark.parametrize("name", [*SCENARIOS, *EXPLORERS])
def test_every_number_of_the_prose_is_glued_from_the_computation(name):
    assert unglued_numbers(_cells(NOTEBOOKS[name]), name) == []


@pytest.mark.parametrize("name", [*SCENARIOS, *EXPLORERS])
def test_every_pasted_key_is_glued_once_as_a_text_written_by_the_formatter(name):
    records = glued_records(name)
    keys = [key for key, _ in records]
    assert sorted({key for key in keys if keys.count(key) > 1}) == []  # a build warning
    glued = dict(records)
    missing = sorted(used_keys(name) - set(glued))
    assert missing == [], f"pasted but never glued (re-execute the notebook?): {missing}"
    for key in used_keys(name):
        # A str glued with display=False: its text/plain is its repr, quoted.
        assert glued[key][:1] in "'\"", (key, glued[key])


# ------------------------------------------------------------------ the rule itself


def _rule_on(markdown: str, code: str = "x = 1") -> list[str]:
    cells = [
        {"cell_type": "markdown", "source": [markdown]},
        {"cell_type": "code", "source": [code], "outputs": []},
    ]
    return unglued_numbers(cells, "restaurant")


@pytest.mark.parametrize(
    "markdown",
    [
        "Turnover rises from 1.98 to 2.57 parties per table.",
        "Revenue per table: €181.",
        "The VIP rates the evening 4.5 out of 5, from only 8 visits.",
        "A 4 % CTR is excellent.",
        "The model says the rate falls 10 points or more.",
        "Revenue in month 24 is €80,000.",
        "The VIP rates 4 out of 5 on day 12.",
    ],
)
def test_the_rule_refuses_a_typed_figure(markdown):
    assert _rule_on(markdown) != []


@pytest.mark.parametrize(
    ("markdown", "code"),
    [
        ("Turnover rises from {glue:text}`a` to {glue:text}`b`.", "x = 1"),
        ("The source (section 2.4) says so; see {doc}`../book/kpi`.", "x = 1"),
        ("1. first\n2. second\n\n**3.** a question", "x = 1"),
        ("The 2023 guidelines.", "x = 1"),
        ("- About 20 minutes.", "x = 1"),
        ("### … the chef rushes every table to 60 minutes?", "replace(p, dining_time=60)"),
        ("### … the VIP gets 40 % of the staff's attention?", "replace(p, vip_attention=0.4)"),
        ("Shorten the dining time from 90 to 60 minutes and watch.", "x = 1"),
        ("Call `run(seed=3)`; $x_1 = 2$.", "x = 1"),
        ("```python\ny = 12\n```", "x = 1"),
        ("```{admonition} Answer\n:class: dropdown\nIt is {glue:text}`k`.\n```", "x = 1"),
        ("Guests rate from 1 to 5; CSAT counts the 4 or 5 out of 5.", "x = 1"),
        ("Revenue in month 1, and on day 1.", "x = 1"),
        ("« un chiffre d'affaires de 10 % »", "x = 1"),
    ],
)
def test_the_rule_accepts_what_is_not_a_quote_of_a_computation(markdown, code):
    assert _rule_on(markdown, code) == []


def test_an_instruction_only_names_values_a_setting_accepts():
    # Tables go from 4 to 80: "Move the tables to 500" is not a setting, it is a typed figure.
    assert _rule_on("Move the tables to 500 and watch.") != []
    # A heading that no longer matches its code fails: the setting changed, the text did not.
    assert _rule_on("### … rushes to 60 minutes?", "replace(p, dining_time=45)") != []


def test_a_fixed_phrase_accepts_its_number_only_there():
    text = "Three customers pass the 10 % line; 10 % more are typed.\n"
    found = unglued_numbers([{"cell_type": "markdown", "source": [text]}], "portfolio_explorer")
    assert len(found) == 1 and found[0].startswith("cell 0: 10 in:") and "10 % more" in found[0]
