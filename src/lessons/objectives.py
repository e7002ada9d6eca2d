"""Learning objectives: what each page teaches, as data (``lessons/data/objectives.json``).

Each page that teaches has two to four objectives, written once as verb phrases that complete
both "By the end of this chapter you will be able to …" and, in the page's summary, "You can
now …". A page that is the live companion of others (the portfolio explorer, the KPI builder,
the scorecard, the examples page) *shows* objectives that other pages own. A question of the
bank names the objective it checks (its ``"objective"`` field); an exercise names it in a
``% objective: <id>`` line. The ``{objectives}`` directive (:mod:`lessons.sphinx_objectives`)
renders them on the site.

>>> [o.id for o in objectives_for("kpi")][:2]
['kpi.define', 'kpi.align']
>>> objective("kpi.define").page
'book/kpi'
>>> objectives_for("marketing")
Traceback (most recent call last):
    ...
ValueError: No objectives for 'marketing'. Pages with objectives: key-account, kpi, ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from lessons.i18n import get_language, t

__all__ = [
    "Objective",
    "all_objectives",
    "check_objectives",
    "exercise_objectives",
    "load_objectives",
    "objective",
    "objectives_file",
    "objectives_for",
    "objectives_text",
    "page_keys",
    "question_objectives",
]

_ID = re.compile(r"^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$")
_EXERCISE = re.compile(r":label: (?P<label>\S+)\n(?:.*\n){0,3}?% objective: (?P<objective>\S+)")


@dataclass(frozen=True)
class Objective:
    """One learning objective: its id (``kpi.define``), the page that owns it, its text."""

    id: str
    page: str
    text: Mapping[str, str]

    def phrase(self, lang: str | None = None) -> str:
        """The verb phrase in ``lang`` (default: the current language), falling back to English."""
        return self.text.get(lang or get_language()) or self.text["en"]


def objectives_file() -> Any:
    """The data file (a resource path): a build that reads it depends on it."""
    return resources.files("lessons") / "data" / "objectives.json"


@cache
def load_objectives() -> dict[str, Any]:
    """The objectives file, checked by :func:`check_objectives`: page key -> entry."""
    return check_objectives(json.loads(objectives_file().read_text(encoding="utf-8"))["pages"])


def check_objectives(pages: dict[str, Any]) -> dict[str, Any]:
    """Check the ``pages`` of an objectives file and return them unchanged.

    Each page owns 2 to 4 objectives (``"objectives"``) or shows 2 to 4 owned by other pages
    (``"shows"``); ids read ``<page key>.<name>`` and are unique; every text has English.

    >>> check_objectives({"kpi": {"page": "book/kpi", "shows": ["kpi.nothing", "kpi.other"]}})
    Traceback (most recent call last):
        ...
    ValueError: Page 'kpi' of objectives.json shows objectives no page owns: kpi.nothing, kpi.other.
    """
    owned: dict[str, str] = {}
    for key, entry in pages.items():
        if ("objectives" in entry) == ("shows" in entry):
            raise ValueError(t("objectives.error.own_or_show", page=key))
        for raw in entry.get("objectives", []):
            if not _ID.match(raw["id"]) or not raw["id"].startswith(key + "."):
                raise ValueError(t("objectives.error.id", page=key, id=raw["id"]))
            if raw["id"] in owned or not raw["text"].get("en", "").strip():
                raise ValueError(t("objectives.error.duplicate", page=key, id=raw["id"]))
            owned[raw["id"]] = entry["page"]
        count = len(entry.get("objectives", entry.get("shows", [])))
        if not 2 <= count <= 4:
            raise ValueError(t("objectives.error.count", page=key, count=count))
    for key, entry in pages.items():
        unknown = [i for i in entry.get("shows", []) if i not in owned]
        if unknown:
            raise ValueError(t("objectives.error.unknown_shown", page=key, ids=", ".join(unknown)))
    return pages


def page_keys() -> tuple[str, ...]:
    """The keys of the pages that show objectives, in file order."""
    return tuple(load_objectives())


@cache
def all_objectives() -> dict[str, Objective]:
    """Every objective by id, in reading order."""
    found = {}
    for entry in load_objectives().values():
        for raw in entry.get("objectives", []):
            found[raw["id"]] = Objective(raw["id"], entry["page"], raw["text"])
    return found


def objective(objective_id: str) -> Objective:
    """One objective by id (``ValueError`` with the known ids when there is none)."""
    try:
        return all_objectives()[objective_id]
    except KeyError:
        known = ", ".join(all_objectives())
        raise ValueError(t("objectives.error.unknown", id=objective_id, known=known)) from None


def objectives_for(key: str) -> list[Objective]:
    """The objectives a page shows, owned or borrowed, by its key (``kpi``, ``scorecard``)."""
    pages = load_objectives()
    if key not in pages:
        raise ValueError(t("objectives.error.no_page", page=key, known=", ".join(pages)))
    entry = pages[key]
    ids = [raw["id"] for raw in entry.get("objectives", [])] or entry["shows"]
    return [objective(i) for i in ids]


def objectives_text(key: str, options: Mapping[str, str] | None = None) -> str:
    """The text the ``{objectives}`` directive shows for a page, as plain text.

    >>> objectives_text("kpi", {"recall": ""}).splitlines()[0]
    'You can now:'
    """
    recall = options is not None and "recall" in options
    head = t("objectives.recall" if recall else "objectives.intro")
    return "\n".join([head, *(f"- {o.phrase()}" for o in objectives_for(key))])


def question_objectives() -> dict[str, str]:
    """The objective each question of the bank names: question id -> objective id."""
    folder = resources.files("lessons") / "data" / "questions"
    found = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".json") and path.name != "schema.json":
            for raw in json.loads(path.read_text(encoding="utf-8"))["questions"]:
                found[raw["id"]] = raw.get("objective", "")
    return found


def exercise_objectives(text: str) -> dict[str, str]:
    """The objective each exercise of an exercise file names: label -> objective id.

    The ``% objective: <id>`` comment line follows the exercise's ``:label:`` line (a MyST
    comment: the site does not show it).

    >>> exercise_objectives("```{exercise}\\n:label: kpi-ex1\\n\\n% objective: kpi.define\\n")
    {'kpi-ex1': 'kpi.define'}
    """
    return {m["label"]: m["objective"] for m in _EXERCISE.finditer(text)}
