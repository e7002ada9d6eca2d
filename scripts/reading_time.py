"""How long the course takes to read, computed from its pages (not guessed).

One measure, used by the core-path claim ("30 minutes") and by the trainer guide's plan
(tests/test_core_path.py recomputes both):

* **prose**: the words a learner sees, at 200 words a minute: MyST Markdown pages and notebook
  markdown cells, markdown tables, visible code (a cell folded behind "Show code" is not read),
  and the words of a notebook's output tables and printed values;
* **figures**: one minute per figure (a chart, or the snapshot of a live panel);
* **quiz**: each question shown (not inside a collapsed "More questions" box) costs its words
  (prompt, options or items to sort, and the explanation shown once answered) at 200 words a
  minute, plus a quarter of a minute to choose and check, and half a minute more to work out
  a numeric answer;
* collapsed content (solutions, answers in a dropdown, "More questions") is not counted;
  exercises are measured apart (``exercise_minutes``): the core path reads and answers the quiz,
  the exercises are practice on top.

A live panel shown to a room (trainer guide) costs :data:`PANEL_MINUTES` on top of its
snapshot: the trainer moves a few controls and points at the aha.

Run ``python scripts/reading_time.py`` for the table of every page.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_MINUTE = 200
FIGURE_MINUTES = 1.0
QUESTION_MINUTES = 0.25
NUMERIC_MINUTES = 0.5
PANEL_MINUTES = 3.0

_FENCE = re.compile(r"^(?P<mark>`{3,}|:{3,})\s*(?:\{(?P<name>[\w-]+)\})?\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
_WORD = re.compile(r"[^\s|*#>`]*[0-9A-Za-zÀ-ÿ€][^\s|*#>`]*")
_COLLAPSING = {"solution", "dropdown"}
_MARKERS = {"exercise-start", "exercise-end", "solution-start", "solution-end"}


@dataclass
class Reading:
    """What one page (or one section of it) asks of a reader."""

    words: int = 0
    figures: int = 0
    panels: int = 0
    questions: list[str] = field(default_factory=list)
    more_questions: list[str] = field(default_factory=list)
    exercise_words: int = 0
    exercises: list[str] = field(default_factory=list)

    def add(self, other: Reading) -> None:
        self.words += other.words
        self.figures += other.figures
        self.panels += other.panels
        self.questions += other.questions
        self.more_questions += other.more_questions
        self.exercise_words += other.exercise_words
        self.exercises += other.exercises

    @property
    def quiz_minutes(self) -> float:
        return sum(question_minutes(q) for q in self.questions)

    @property
    def minutes(self) -> float:
        """Reading, figures (panel snapshots included) and the quiz: the learner's time."""
        return (
            self.words / WORDS_PER_MINUTE
            + FIGURE_MINUTES * (self.figures + self.panels)
            + self.quiz_minutes
        )

    @property
    def exercise_minutes(self) -> float:
        return self.exercise_words / WORDS_PER_MINUTE

    @property
    def room_minutes(self) -> float:
        """The same material shown live to a room: each panel demonstrated on top."""
        return self.minutes + PANEL_MINUTES * self.panels


def words(text: str) -> int:
    """Words a reader sees in a line of MyST Markdown (roles keep their link text)."""
    text = _ROLE.sub(lambda m: _role_text(m.group(1)), text)
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags in markdown cells
    return len(_WORD.findall(text))


def _role_text(inner: str) -> str:
    if "<" in inner:
        return inner.split("<", 1)[0]
    if "::" in inner:  # a glued value
        return "value"
    return inner.rsplit("/", 1)[-1].replace("_", " ").replace("-", " ")


@cache
def _question(qid: str):
    from lessons.quiz import question

    return question(qid)


def question_minutes(qid: str) -> float:
    """Time to read, answer and check one question of the bank."""
    q = _question(qid)
    parts = [q.text(), q.explanation_text()]
    parts += [o.text["en"] for o in q.options] + [i.text["en"] for i in q.items]
    extra = NUMERIC_MINUTES if q.type == "numeric" else 0.0
    return sum(words(p) for p in parts) / WORDS_PER_MINUTE + QUESTION_MINUTES + extra


def _quiz_ids(arg: str, options: dict[str, str]) -> list[str]:
    from lessons.quiz import final_assessment, questions_for

    if arg == "final":
        n, seed = int(options.get("n", 20)), int(options.get("seed", 0))
        return [q.id for q in final_assessment(n, seed)]
    wanted = [s.strip() for s in options.get("questions", "").split(",") if s.strip()]
    return wanted or [q.id for q in questions_for(arg)]


def read_markdown(text: str, base: Path, *, collapsed: bool = False) -> Reading:
    """Measure MyST Markdown; ``base`` is the folder that relative includes start from."""
    reading = Reading()
    lines = text.splitlines()
    stack: list[tuple[str, str | None, bool]] = []  # (closing mark, directive, collapsed)
    in_exercise = in_solution = False
    i = 0
    while i < len(lines):
        line = lines[i]
        hidden = collapsed or in_solution or any(c for _, _, c in stack)
        fence = _FENCE.match(line.strip())
        if fence and stack and fence["name"] is None and not fence["arg"]:
            mark = fence["mark"]
            if mark[0] == stack[-1][0][0] and len(mark) >= len(stack[-1][0]):
                stack.pop()
                i += 1
                continue
        if fence and (fence["name"] or not stack or stack[-1][1] is not None):
            name, arg = fence["name"], fence["arg"].strip()
            options, j = {}, i + 1
            while j < len(lines) and (opt := _OPTION.match(lines[j].strip())):
                options[opt["key"]] = opt["value"].strip()
                j += 1
            if name in _MARKERS:
                in_exercise = name == "exercise-start" or (in_exercise and name != "exercise-end")
                in_solution = name == "solution-start" or (in_solution and name != "solution-end")
                i = _skip_block(lines, j, fence["mark"])
                continue
            if name == "quiz":
                ids = _quiz_ids(arg, options)
                if hidden:
                    reading.more_questions += ids
                else:
                    reading.questions += ids
                i = _skip_block(lines, j, fence["mark"])
                continue
            if name == "include":
                path = (base / arg).resolve()
                inner = read_markdown(path.read_text(encoding="utf-8"), path.parent)
                if "exercises" in path.parts:
                    inner = _as_exercises(inner, path)
                reading.add(inner)
                i = _skip_block(lines, j, fence["mark"])
                continue
            if name == "objectives":
                from lessons.objectives import objectives_text

                if not hidden:
                    reading.words += words(objectives_text(arg, options))
                i = _skip_block(lines, j, fence["mark"])
                continue
            if name in ("figure", "image"):
                reading.figures += 0 if hidden else 1
            classes = options.get("class", "").split()
            collapses = name in _COLLAPSING or "dropdown" in classes
            stack.append((fence["mark"], name, collapses))
            if name == "admonition" and arg and not (hidden or collapses):
                reading.words += words(arg)
            i = j
            continue
        if not hidden and not re.match(r"^\s*(\([\w-]+\)=|\|?\s*:?-{3,})", line):
            if in_exercise or any(name == "exercise" for _, name, _ in stack):
                reading.exercise_words += words(line)
            else:
                reading.words += words(line)
        i += 1
    return reading


def _skip_block(lines: list[str], start: int, mark: str) -> int:
    """Index after the closing fence of a directive whose body is not read as prose."""
    return next((j + 1 for j in range(start, len(lines)) if lines[j].strip() == mark), len(lines))


def _as_exercises(inner: Reading, path: Path) -> Reading:
    """An included exercise file: its prose is practice, not reading of the lesson."""
    text = path.read_text(encoding="utf-8")
    inner.exercise_words += inner.words
    inner.words = 0
    inner.exercises += re.findall(r":label: (\S+)", text)
    return inner


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def read_notebook(path: Path) -> Reading:
    """Measure a notebook as the site shows it: folded code is not read, outputs are."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    reading = Reading()
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        tags = _tags(cell)
        if "remove-cell" in tags:
            continue
        if cell["cell_type"] == "markdown":
            reading.add(read_markdown(source, path.parent))
            continue
        if cell["cell_type"] != "code":
            continue
        if not tags & {"hide-input", "remove-input"}:
            reading.words += sum(words(line) for line in source.splitlines())
        if "remove-output" in tags or "hide-output" in tags:
            continue
        for output in cell.get("outputs", []):
            _read_output(output, reading)
    return reading


def _read_output(output: dict, reading: Reading) -> None:
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data:
        reading.panels += 1
        return
    if "image/png" in data or "image/svg+xml" in data:
        reading.figures += 1
        return
    html = "".join(data.get("text/html", ""))
    if html:
        reading.figures += len(re.findall(r"<img\b|<svg\b", html))
        if "<table" in html:
            reading.words += words(re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S))
        return
    if output.get("output_type") == "stream":
        reading.words += words("".join(output.get("text", "")))
    elif "text/plain" in data:
        reading.words += words("".join(data["text/plain"]))


def read_page(docname: str) -> Reading:
    """Measure one page of the book by its docname (``book/kpi``, ``notebooks/scorecard``)."""
    md, nb = ROOT / f"{docname}.md", ROOT / f"{docname}.ipynb"
    if md.exists():
        return read_markdown(md.read_text(encoding="utf-8"), md.parent)
    if nb.exists():
        return read_notebook(nb)
    raise ValueError(f"No page {docname!r}: neither {md.name} nor {nb.name} exists.")


def section_text(docname: str, label: str) -> str:
    """The MyST source of a labelled section of a prose page, to the next heading of its level."""
    lines = (ROOT / f"{docname}.md").read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip() == f"({label})="), None)
    if start is None:
        raise ValueError(f"No label ({label})= on {docname}.md.")
    heading = next(n for n in range(start, len(lines)) if lines[n].startswith("#"))
    level = len(lines[heading]) - len(lines[heading].lstrip("#"))
    end = next(
        (
            n
            for n in range(heading + 1, len(lines))
            if lines[n].startswith("#") and len(lines[n]) - len(lines[n].lstrip("#")) <= level
        ),
        len(lines),
    )
    while end > start and re.match(r"^\([\w-]+\)=$", lines[end - 1].strip() or "x"):
        end -= 1  # a label just before the next heading belongs to it
    return "\n".join(lines[start:end])


def read_section(docname: str, label: str) -> Reading:
    """Measure one labelled section of a prose page."""
    return read_markdown(section_text(docname, label), ROOT / Path(docname).parent)


def toc_parts() -> dict[str, list[str]]:
    """The pages of ``_toc.yml`` by part caption (the root page under ``""``), in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts: dict[str, list[str]] = {"": [toc["root"]]}

    def walk(entries: list[dict], into: list[str]) -> None:
        for entry in entries:
            into.append(entry["file"])
            walk(entry.get("sections", []), into)

    for part in toc["parts"]:
        walk(part["chapters"], parts.setdefault(part["caption"], []))
    return parts


def core_path() -> list[str]:
    """The welcome page and the pages of the part whose caption starts with "Core path"."""
    parts = toc_parts()
    core = [caption for caption in parts if caption.startswith("Core path")]
    if len(core) != 1:
        raise ValueError(f"_toc.yml needs one part captioned 'Core path …' (found {core}).")
    return parts[""] + parts[core[0]]


def raw_words(docname: str) -> int:
    """Every word of a page's source prose (markdown cells of a notebook), as `wc -w` counts."""
    md, nb = ROOT / f"{docname}.md", ROOT / f"{docname}.ipynb"
    if md.exists():
        return len(md.read_text(encoding="utf-8").split())
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    return sum(len("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    total = Reading()
    print(f"{'page':40} {'words':>6} {'fig':>4} {'panel':>5} {'quiz':>5} {'min':>6} {'ex.min':>6}")
    for caption, pages in toc_parts().items():
        print(f"-- {caption or 'root'}")
        for page in pages:
            r = read_page(page)
            total.add(r)
            print(
                f"{page:40} {r.words:6} {r.figures:4} {r.panels:5} {len(r.questions):5} "
                f"{r.minutes:6.1f} {r.exercise_minutes:6.1f}"
            )
    core = Reading()
    for page in core_path() if any(c.startswith("Core path") for c in toc_parts()) else []:
        core.add(read_page(page))
    questions = len(core.questions)
    print(f"core path: {core.minutes:.1f} min ({core.words} words, {questions} questions)")
    print(f"whole course: {total.minutes:.1f} min, exercises {total.exercise_minutes:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
