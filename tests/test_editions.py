"""The two editions stay in step: same pages, same structure, every text translated and current.

Two kinds of checks:

* **Completeness** (gated by :data:`FRENCH_EDITION_COMPLETE`): every English catalog key has its
  French text, every question-bank text its ``"fr"`` field, every page of the English table of
  contents its French page, every French page is current with its English page, no French page
  links to an English page, and the build no longer tolerates untranslated pages. Each one
  lists precisely what is missing. With the switch on (the default) they fail; with it off they
  report as xfail with the same lists (``pytest -rx`` shows them), and a test fails once nothing
  is missing any more, so the switch is turned on as soon as the translation is done.
* **Correctness** (always on): the French table of contents has the English structure, the
  French configuration mirrors the English one, French notebooks call ``set_language("fr")``,
  and in the built site every page declares its language, links to the same page in the other
  language (both ways), and a French page carries no English text and no English numbers
  outside code. The package's output paths (formatter, charts, tables, quiz, command line)
  write French numbers once ``set_language("fr")`` is called.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup, Comment
from real_browser import skip_or_fail

from lessons import format as fmt
from lessons import i18n
from lessons.editions import (
    EDITION_FOLDERS,
    TocSlot,
    counterpart_href,
    edition_dir,
    included_files,
    read_toc,
    recorded_hash,
    source_hash,
    source_of,
    stamp,
    toc_differences,
    translation_states,
)
from lessons.sphinx_i18n import theme_strings

#: The one switch of the completeness checks. True: the French edition is declared complete and
#: anything missing fails. While the translation is under way, set it to False: the same checks
#: then report what is missing as xfail (run `pytest tests/test_editions.py -rx` to read it).
FRENCH_EDITION_COMPLETE = True

REPO = Path(__file__).resolve().parents[1]
FR = edition_dir(REPO, "fr")
I18N = REPO / "src" / "lessons" / "data" / "i18n"
BANK = REPO / "src" / "lessons" / "data" / "questions"
SITE = Path(os.environ.get("SITE_ROOT", REPO)).resolve() / "_build" / "html"

SWITCH = (
    "\n\nThe French edition is declared complete (FRENCH_EDITION_COMPLETE = True in "
    "tests/test_editions.py). While the translation is under way, set it to False: these "
    "checks then report the same lists as xfail (pytest -rx)."
)


def report_missing(what: str, missing: list[str], fix: str, count: int | None = None) -> None:
    """Fail (edition declared complete) or xfail (under way) with the full list of ``missing``.

    ``count`` is the number of missing items when a line of ``missing`` groups several.
    """
    if not missing:
        return
    listed = "\n".join("  - " + m for m in missing)
    total = len(missing) if count is None else count
    message = f"{total} {what} missing or out of date in the French edition.\n{fix}\n{listed}"
    if FRENCH_EDITION_COMPLETE:
        pytest.fail(message + SWITCH, pytrace=False)
    pytest.xfail(message)


# --------------------------------------------------------------------------- what is missing


def catalog_files(lang: str, root: Path = I18N) -> dict[str, dict[str, str]]:
    """Each catalog file of a language: file name -> its keys and texts."""
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((root / lang).glob("*.json"))
    }


def missing_catalog_keys(root: Path = I18N) -> list[str]:
    """English catalog keys with no French text, one line per English file (count and keys)."""
    french = {key for texts in catalog_files("fr", root).values() for key in texts}
    lines = []
    for name, texts in catalog_files("en", root).items():
        lacking = [key for key in texts if key not in french]
        if lacking:
            lines.append(f"{name}: {len(lacking)} of {len(texts)} keys: {', '.join(lacking)}")
    return lines


def bank_texts(node: object, where: str = "") -> list[tuple[str, dict]]:
    """Every text field of a question-bank file (an object with an "en" key) and where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("en"), str):
            return [(where, node)]
        found = []
        for key, value in node.items():
            label = value.get("id", key) if isinstance(value, dict) else key
            found += bank_texts(value, f"{where}.{key}" if where else str(label))
        return found
    if isinstance(node, list):
        found = []
        for number, value in enumerate(node):
            label = value.get("id", number) if isinstance(value, dict) else number
            found += bank_texts(value, f"{where}[{label}]")
        return found
    return []


def missing_bank_texts() -> list[str]:
    """Question-bank texts with no "fr" field, one line per chapter file (count and places)."""
    lines = []
    for path in sorted(BANK.glob("*.json")):
        if path.name == "schema.json":
            continue
        texts = bank_texts(json.loads(path.read_text(encoding="utf-8")))
        lacking = [where for where, text in texts if not str(text.get("fr", "")).strip()]
        if lacking:
            lines.append(f"{path.name}: {len(lacking)} of {len(texts)} texts: {', '.join(lacking)}")
    return lines


def english_toc() -> list[TocSlot]:
    return read_toc(REPO / "_toc.yml")


def french_toc() -> list[TocSlot]:
    return read_toc(FR / "_toc.yml")


def missing_pages() -> list[str]:
    """Pages of the English table of contents without their French page (file or toc entry)."""
    listed = {s.docname for s in french_toc()}
    lines = []
    for slot in english_toc():
        english = source_of(REPO, slot.docname)
        french = source_of(FR, slot.docname)
        if french is None:
            lines.append(f"{slot.docname}: no fr/{english.relative_to(REPO)}")
        elif slot.docname not in listed:
            lines.append(f"{slot.docname}: fr/{french.relative_to(FR)} is not in fr/_toc.yml")
    return lines


def stale_pages() -> list[str]:
    """French pages translated from an older English version, or with no record of it."""
    return [
        s.message(REPO) for s in translation_states(REPO, "fr") if s.state in ("stale", "unstamped")
    ]


def untranslated_pages_tolerated() -> list[str]:
    """The English build's setting that lets an English page lack its French page."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    mode = config["sphinx"]["config"].get("lessons_untranslated", "error")
    if mode == "error":
        return []
    return [
        f"_config.yml sets lessons_untranslated: {mode}; set it to error (or remove it) so "
        "that an English page without its French page fails the build"
    ]


# --------------------------------------------------------------------------- completeness


def grouped_count(lines: list[str]) -> int:
    """The total of "<file>: N of M ..." lines."""
    return sum(int(re.search(r": (\d+) of \d+ ", line)[1]) for line in lines)


def test_every_english_catalog_key_has_its_french_text():
    missing = missing_catalog_keys()
    report_missing(
        "catalog keys",
        missing,
        "Add each key, translated, to the file of the same name in src/lessons/data/i18n/fr/.",
        grouped_count(missing),
    )


def test_every_question_bank_text_has_its_french_field():
    missing = missing_bank_texts()
    report_missing(
        "question-bank texts",
        missing,
        'Add a "fr" field next to each "en" text of src/lessons/data/questions/<file>.',
        grouped_count(missing),
    )


def test_every_page_of_the_english_book_has_its_french_page():
    report_missing(
        "pages",
        missing_pages(),
        "Translate book/X.md into fr/book/X.md (notebooks/X.ipynb into fr/notebooks/X.ipynb), "
        "list it in fr/_toc.yml at the same place, then: python -m lessons.editions stamp FILE.",
    )


def test_every_french_page_translates_the_current_english_page():
    report_missing(
        "page translations",
        stale_pages(),
        "Carry the English changes over into the French page, then stamp it.",
    )


def test_the_build_no_longer_tolerates_untranslated_pages():
    report_missing(
        "build settings",
        untranslated_pages_tolerated(),
        "Once every page is translated, a page without its counterpart must fail the build.",
    )


def test_the_completeness_switch_says_what_the_translation_is():
    missing = (
        missing_catalog_keys()
        + missing_bank_texts()
        + missing_pages()
        + stale_pages()
        + untranslated_pages_tolerated()
    )
    if not FRENCH_EDITION_COMPLETE and not missing:
        pytest.fail(
            "Nothing is missing from the French edition any more: set FRENCH_EDITION_COMPLETE "
            "= True in tests/test_editions.py, so that a gap fails from now on.",
            pytrace=False,
        )


def test_the_completeness_report_lists_what_is_missing(tmp_path):
    """The reporting itself: a French file with one of two keys is reported with the other."""
    for lang, texts in {"en": {"x.a": "A", "x.b": "B"}, "fr": {"x.a": "Un A"}}.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.json").write_text(json.dumps(texts), encoding="utf-8")
    missing = missing_catalog_keys(tmp_path)
    assert missing == ["x.json: 1 of 2 keys: x.b"]
    outcome = pytest.fail.Exception if FRENCH_EDITION_COMPLETE else pytest.xfail.Exception
    with pytest.raises(outcome, match=r"1 catalog keys missing[\s\S]*x\.json: 1 of 2 keys: x\.b"):
        report_missing("catalog keys", missing, "fix")


def test_a_bank_text_without_french_is_found():
    bank = {
        "questions": [
            {
                "id": "kpi-01",
                "prompt": {"en": "Why?"},
                "options": [{"id": "a", "text": {"en": "Because", "fr": "Parce que"}}],
            }
        ]
    }
    assert [where for where, t in bank_texts(bank) if "fr" not in t] == ["questions[kpi-01].prompt"]


# --------------------------------------------------------------------------- structure


def test_french_catalog_keys_are_english_keys_kept_in_the_same_file():
    english = {key: name for name, texts in catalog_files("en").items() for key in texts}
    misplaced = [
        f"fr/{name}: {key} ("
        + (f"English keeps it in {english[key]}" if key in english else "no such English key")
        + ")"
        for name, texts in catalog_files("fr").items()
        for key in texts
        if english.get(key) != name
    ]
    assert not misplaced, "French keys out of place:\n" + "\n".join(misplaced)


def test_the_french_table_of_contents_has_the_english_structure():
    found = toc_differences(english_toc(), french_toc())
    problems = [f"not in the English book: {d}" for d in found["extra"]] + found["moved"]
    assert not problems, (
        "fr/_toc.yml must list the English pages in the same parts, order and nesting:\n"
        + "\n".join("  - " + p for p in problems)
    )
    english_parts = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))["parts"]
    french_parts = yaml.safe_load((FR / "_toc.yml").read_text(encoding="utf-8"))["parts"]
    assert len(french_parts) <= len(english_parts)


def test_a_moved_or_foreign_page_is_a_structure_difference():
    english = [
        TocSlot("w", None, None),
        TocSlot("a", 0, None),
        TocSlot("b", 1, None),
        TocSlot("c", 2, None),
    ]
    french = [
        TocSlot("w", None, None),
        TocSlot("a", 0, None),
        TocSlot("b", 0, None),
        TocSlot("z", 1, None),
    ]
    found = toc_differences(english, french)
    assert found["missing"] == ["c"] and found["extra"] == ["z"]
    assert found["moved"] == [
        "b: English has it in part 2 as a chapter, the translation in part 1 as a chapter"
    ]


def test_a_translation_may_leave_out_a_whole_part_while_under_way():
    english = [TocSlot("w", None, None), TocSlot("a", 0, None), TocSlot("b", 1, None)]
    french = [TocSlot("w", None, None), TocSlot("b", 0, None)]
    found = toc_differences(english, french)
    assert found == {"missing": ["a"], "extra": [], "moved": []}


def test_every_french_source_file_is_a_page_or_included_by_one():
    pages = [source_of(FR, s.docname) for s in french_toc()]
    assert all(pages), f"fr/_toc.yml lists pages without a file: {french_toc()}"
    used = {p.resolve() for p in pages} | {i for p in pages for i in included_files(p)}
    # what fr/_config.yml keeps out of the book on purpose (the workshop deck, as in English)
    excluded = _config(FR / "_config.yml")["exclude_patterns"]
    sources = [
        p
        for p in FR.rglob("*")
        if p.suffix in (".md", ".ipynb")
        and "_build" not in p.parts
        and not any(fnmatch(p.relative_to(FR).as_posix(), pattern) for pattern in excluded)
    ]
    orphans = [p for p in sources if p.resolve() not in used]
    # A fragment translated ahead of the page that includes it (that page not translated yet)
    # is work under way, reported with the rest of what is missing, not a stray file.
    waiting = set()
    listed = {s.docname for s in french_toc()}
    for slot in english_toc():
        page = source_of(REPO, slot.docname)
        if slot.docname in listed or page is None:
            continue
        # A page translated before a page it glues from (not listable until then).
        waiting |= {p for p in orphans if p.resolve() == (FR / page.relative_to(REPO)).resolve()}
        for included in included_files(page):
            twin = FR / included.relative_to(REPO.resolve())
            waiting |= {p for p in orphans if p.resolve() == twin.resolve()}
    stray = sorted(str(p.relative_to(REPO)) for p in orphans if p not in waiting)
    assert not stray, f"French files that no page of fr/_toc.yml shows: {stray}"
    report_missing(
        "French pages and fragments waiting to be listed (a page they need is not translated)",
        sorted(str(p.relative_to(REPO)) for p in waiting),
        "translate the pages they include or glue from, then list them in fr/_toc.yml",
    )


def notebook_language_problems(path: Path) -> list[str]:
    """Why a French notebook would not speak French: no set_language("fr") in its imports cell."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    importing = next(
        (c for c in code if re.search(r"^\s*(from|import) lessons", c.source, re.M)), None
    )
    if importing is None:
        return [f"{path.name}: no cell imports lessons"]
    if not re.search(r"""\bset_language\(\s*["']fr["']\s*\)""", importing.source):
        return [f'{path.name}: its imports cell does not call set_language("fr")']
    return []


def test_french_notebooks_call_set_language_in_their_imports_cell():
    problems = [
        p
        for nb in sorted((FR / "notebooks").glob("*.ipynb"))
        for p in notebook_language_problems(nb)
    ]
    assert not problems, "\n".join(problems)


def test_the_notebook_language_check_sees_a_missing_call(tmp_path):
    good, bad = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    good.cells = [
        nbformat.v4.new_code_cell('from lessons.i18n import set_language\nset_language("fr")')
    ]
    bad.cells = [nbformat.v4.new_code_cell("from lessons.kpis import conversion_rate")]
    nbformat.write(good, tmp_path / "good.ipynb")
    nbformat.write(bad, tmp_path / "bad.ipynb")
    assert notebook_language_problems(tmp_path / "good.ipynb") == []
    assert notebook_language_problems(tmp_path / "bad.ipynb") == [
        'bad.ipynb: its imports cell does not call set_language("fr")'
    ]


def _config(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_french_config_mirrors_the_english_one():
    """Same extensions and settings; paths one folder up; the shared JavaScript at the root."""
    en, fr = _config(REPO / "_config.yml"), _config(FR / "_config.yml")
    differ = {"title", "author", "exclude_patterns"}
    assert {k: v for k, v in en.items() if k not in differ | {"sphinx"}} == {
        k: v for k, v in fr.items() if k not in differ | {"sphinx"}
    }
    assert fr["sphinx"]["extra_extensions"] == en["sphinx"]["extra_extensions"], (
        "fr/_config.yml must list the same extensions as _config.yml (in the same order)"
    )
    en_conf, fr_conf = en["sphinx"]["config"], fr["sphinx"]["config"]
    assert fr_conf["language"] == "fr" and en_conf["language"] == "en"
    up = "../"
    assert fr_conf["templates_path"] == [up + p for p in en_conf["templates_path"]]
    assert fr_conf["html_static_path"] == [up + p for p in en_conf["html_static_path"]]
    assert fr_conf["mathjax_path"] == up + en_conf["mathjax_path"]
    assert fr_conf["nb_ipywidgets_js"] == {
        up + k: v for k, v in en_conf["nb_ipywidgets_js"].items()
    }
    assert fr_conf["html_extra_path"] == [], "the French site uses the English site's extra files"
    assert fr_conf["html_favicon"] == up + en_conf["html_favicon"]
    shared = {
        "html_favicon",
        "language",
        "templates_path",
        "html_static_path",
        "mathjax_path",
        "nb_ipywidgets_js",
        "html_extra_path",
        "lessons_untranslated",
    }
    assert {k: v for k, v in fr_conf.items() if k not in shared} == {
        k: v for k, v in en_conf.items() if k not in shared
    }


# --------------------------------------------------------------------------- page hashes


def test_a_translation_is_stale_once_its_english_page_changes(tmp_path):
    (tmp_path / "book" / "exercises").mkdir(parents=True)
    (tmp_path / "fr" / "book").mkdir(parents=True)
    english = tmp_path / "book" / "kpi.md"
    english.write_text("# KPI\n\n```{include} exercises/kpi.md\n```\n", encoding="utf-8")
    (tmp_path / "book" / "exercises" / "kpi.md").write_text("Exercise 1\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/kpi\n", encoding="utf-8")
    french = tmp_path / "fr" / "book" / "kpi.md"
    french.write_text("---\nhtml_meta:\n  description: KPI\n---\n# Le KPI\n", encoding="utf-8")

    assert [s.state for s in translation_states(tmp_path)] == ["unstamped"]
    digest = stamp(french, tmp_path)
    assert digest == source_hash(english) == recorded_hash(french)
    assert "description: KPI" in french.read_text(encoding="utf-8"), "other front matter kept"
    assert [s.state for s in translation_states(tmp_path)] == ["current"]

    (tmp_path / "book" / "exercises" / "kpi.md").write_text("Exercise 1, reworded\n", "utf-8")
    (state,) = translation_states(tmp_path)
    assert state.state == "stale", "a change in an included file changes the page"
    assert state.message(tmp_path).startswith(
        "fr/book/kpi.md was translated from an older English version of book/kpi.md: update it"
    )
    stamp(french, tmp_path)
    assert french.read_text(encoding="utf-8").count("english_sha256") == 1


def test_a_stale_page_names_the_commit_it_was_translated_from(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    (tmp_path / "book").mkdir()
    (tmp_path / "fr" / "book").mkdir(parents=True)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/kpi\n", encoding="utf-8")
    (tmp_path / "book" / "kpi.md").write_text("# KPI\n", encoding="utf-8")
    (tmp_path / "fr" / "book" / "kpi.md").write_text("# Le KPI\n", encoding="utf-8")
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    stamp(tmp_path / "fr" / "book" / "kpi.md", tmp_path)
    (tmp_path / "book" / "kpi.md").write_text("# KPI, reworded\n", encoding="utf-8")
    (state,) = translation_states(tmp_path)
    assert re.search(r"git diff [0-9a-f]{10} -- book/kpi\.md", state.message(tmp_path))


def test_counterparts_are_computed_both_ways_for_every_depth():
    assert counterpart_href("search", "en", "fr") == "fr/search.html"
    assert counterpart_href("search", "fr", "en") == "../search.html"
    assert counterpart_href("book/exercises/x", "fr", "en") == "../../../book/exercises/x.html"
    assert set(EDITION_FOLDERS) == {"en", "fr"}


# --------------------------------------------------------------------------- French output


def test_the_formatter_follows_set_language():
    i18n.set_language("fr")
    try:
        assert fmt.money(1234.56, 2) == "1\u202f234,56\xa0€"
        assert fmt.percent(0.125) == "12,5\xa0%"
        assert fmt.number(0.5, 1) == "0,5"
    finally:
        i18n.set_language("en")
    assert fmt.money(1234.56, 2) == "€1,234.56"


ENGLISH_NUMBER = re.compile(r"€\d[\d,.]*|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+\.\d+\s?[%€]")


def english_numbers(text: str) -> list[str]:
    """Numbers written the English way in ``text`` (``€1,234``, ``12.5 %``, ``1,234``).

    >>> english_numbers("1 234,5 € et 12,5 % ; 12.5 % ou €1,234")
    ['12.5 %', '€1,234']
    """
    return [m.group() for m in ENGLISH_NUMBER.finditer(text)]


def test_charts_tables_and_quiz_write_french_numbers_after_set_language():
    import matplotlib.pyplot as plt
    import pandas as pd

    from lessons.charts.style import localize_ticks
    from lessons.quiz import question
    from lessons.tables import history_table_html

    i18n.set_language("fr")
    try:
        fig, ax = plt.subplots()
        ax.plot([0, 1, 2], [0.5, 1.5, 2.5])
        localize_ticks(fig)
        fig.canvas.draw()
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        plt.close(fig)
        assert any("," in t for t in ticks) and not any("." in t for t in ticks), ticks
        table = BeautifulSoup(
            history_table_html(pd.Series([1234.5, 0.25]), "€"), "html.parser"
        ).get_text(" ")
        assert "1\u202f234" in table and not english_numbers(table), table
        q = question("difference-08")
        assert "," in q.shown_answer() and not english_numbers(q.text()), q.text()
    finally:
        i18n.set_language("en")


def test_the_command_line_reports_in_french_numbers(capsys):
    from lessons.cli import main

    sample = REPO / "src" / "lessons" / "data" / "sample_transactions_fr.csv"
    code = main(
        [
            "--lang",
            "fr",
            "analyze",
            str(sample),
            "--customer",
            "Client",
            "--amount",
            "Montant HT",
            "--date",
            "Date",
        ]
    )
    out, err = capsys.readouterr()
    i18n.set_language("en")
    assert code == 0, err
    assert "1\u202f572\u202f006,00\xa0€" in out, out[:600]
    wrong = english_numbers(out)
    assert not wrong, f"English-format numbers in the French report: {wrong}\n{out[:1500]}"


# --------------------------------------------------------------------------- the built site

pytest_book = pytest.mark.book


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").is_file() or not (SITE / "fr" / "index.html").is_file():
        skip_or_fail(f"No built site with both editions in {SITE}: run `make book` first.")
    return SITE


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_pages(site: Path, lang: str) -> list[Path]:
    """The pages of one edition's built site that Sphinx wrote from a source (and its index)."""
    root = site / EDITION_FOLDERS[lang] if EDITION_FOLDERS[lang] else site
    toc = english_toc() if lang == "en" else french_toc()
    return [root / f"{s.docname}.html" for s in toc] + [
        root / "search.html",
        root / "genindex.html",
    ]


def resolve(page: Path, href: str) -> Path:
    return (page.parent / unquote(urlsplit(href).path)).resolve()


@pytest_book
@pytest.mark.parametrize("lang", list(EDITION_FOLDERS))
def test_every_page_declares_its_language(site, lang):
    wrong = [
        f"{p.relative_to(site)}: lang={soup(p).html.get('lang')!r}"
        for p in built_pages(site, lang)
        if soup(p).html.get("lang") != lang
    ]
    assert not wrong, f'pages of the {lang} edition without <html lang="{lang}">: {wrong}'


@pytest_book
@pytest.mark.parametrize("lang", list(EDITION_FOLDERS))
def test_the_language_link_leads_to_the_same_page_in_the_other_edition(site, lang):
    other = next(o for o in EDITION_FOLDERS if o != lang)
    problems = []
    for page in built_pages(site, lang):
        where = page.relative_to(site).as_posix()
        switches = soup(page).select(".lessons-edition-switch")
        if len(switches) != 1:
            problems.append(f"{where}: {len(switches)} language links (one expected)")
            continue
        (switch,) = switches
        docname = page.relative_to(site / EDITION_FOLDERS[lang]).with_suffix("").as_posix()
        expected = site / EDITION_FOLDERS[other] / f"{docname}.html"
        if switch.name != "a":
            if lang != "en" or expected.is_file():
                problems.append(
                    f"{where}: a notice instead of a link to {expected.relative_to(site)}"
                )
            continue
        target = resolve(page, switch["href"])
        if target != expected.resolve() or not target.is_file():
            problems.append(
                f"{where}: links to {switch['href']}, not to {expected.relative_to(site)}"
            )
            continue
        name = i18n.t("sphinx_i18n.switch.link", lang=other)
        if (
            switch.get("hreflang") != other
            or switch.get("lang") != other
            or switch.get_text(strip=True) != name
        ):
            problems.append(f"{where}: the link is not named {name!r} with hreflang/lang {other}")
        back = soup(target).select_one("a.lessons-edition-switch")
        if back is None or resolve(target, back["href"]) != page.resolve():
            problems.append(f"{where}: its counterpart does not link back to it")
        alternates = {
            a["hreflang"]: resolve(page, a["href"])
            for a in soup(page).select("link[rel=alternate]")
        }
        if alternates.get(other) != target or alternates.get(lang) != page.resolve():
            problems.append(f"{where}: <link rel=alternate hreflang> are {alternates}")
    assert not problems, "\n".join(problems)


# English function words that a French sentence never contains (" the ", " and ", " of "...).
STOP_WORDS = re.compile(
    r"\b(the|and|of|with|to|is|are|for|this|that|from|your|you|by|which|what)\b", re.I
)
# Text a French page may show in English, each with the reason (proper names, source titles).
ALLOWED_ENGLISH: list[tuple[str, str]] = [
    (r"^[a-z]+(-[a-z]+)*-\d{2}$", "a question's id (your-data-03): an identifier, as in code"),
]
VERBATIM = ["script", "style", "code", "pre", "kbd", "samp", "template", "noscript", "math"]
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-bs-title")


def visible_texts(page_soup: BeautifulSoup) -> list[str]:
    """A page's text outside code, with what is marked as English (lang="en") left out."""
    copy = BeautifulSoup(str(page_soup), "html.parser")
    for tag in copy(VERBATIM) + copy.select('[lang="en"]'):
        tag.decompose()
    texts = [s for s in copy.find_all(string=True) if not isinstance(s, Comment)]
    texts += [tag[a] for tag in copy.find_all(True) for a in ATTRIBUTES if tag.get(a)]
    return [" ".join(t.split()) for t in texts if t.strip()]


def english_in(texts: list[str]) -> list[str]:
    """The texts that hold English function words, unless allowed.

    >>> english_in(["Le client et la banque", "Read the chapter", "Pour les formateurs"])
    ['Read the chapter']
    """
    allowed = [re.compile(pattern) for pattern, _reason in ALLOWED_ENGLISH]
    return [t for t in texts if STOP_WORDS.search(t) and not any(a.search(t) for a in allowed)]


@pytest_book
def test_french_pages_carry_no_english_text_outside_code(site):
    found = {
        p.relative_to(site).as_posix(): english_in(visible_texts(soup(p)))
        for p in built_pages(site, "fr")
    }
    found = {page: texts for page, texts in found.items() if texts}
    assert not found, (
        'English text on French pages (translate it, or mark it lang="en"):\n'
        + "\n".join(
            f"  {page}: {len(texts)}: " + " | ".join(t[:90] for t in texts[:12])
            for page, texts in found.items()
        )
    )


@pytest_book
def test_french_pages_carry_no_english_theme_string(site):
    english = [e for e in theme_strings()]
    found = [
        f"{p.relative_to(site)}: {e}"
        for p in built_pages(site, "fr")
        for e in english
        if e in p.read_text(encoding="utf-8")
    ]
    assert not found, found


@pytest_book
def test_french_pages_write_numbers_the_french_way(site):
    found = {
        p.relative_to(site).as_posix(): [
            n for t in visible_texts(soup(p)) for n in english_numbers(t)
        ]
        for p in built_pages(site, "fr")
    }
    found = {page: numbers for page, numbers in found.items() if numbers}
    assert not found, f"English-format numbers on French pages: {found}"


@pytest_book
def test_french_pages_load_every_script_style_and_image_from_the_site(site):
    missing = []
    for page in built_pages(site, "fr"):
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup(page).find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", url, re.I):
                    continue
                target = resolve(page, url)
                if not target.is_relative_to(site.resolve()) or not target.exists():
                    missing.append(f"{page.relative_to(site)}: {tag} {url}")
    assert not missing, "\n".join(missing)


@pytest_book
def test_the_french_edition_shares_the_widget_javascript_of_the_site(site):
    """One copy of the widget manager and MathJax: the French site points at the root's."""
    assert not (site / "fr" / "ipywidgets-offline").exists()
    assert not (site / "fr" / "mathjax").exists()
    config = _config(FR / "_config.yml")["sphinx"]["config"]
    for path in [config["mathjax_path"], *config["nb_ipywidgets_js"]]:
        # Sphinx writes these under _static/ of the French site, published in fr/
        target = (site / "fr" / "_static" / path).resolve()
        assert target.is_file(), f"{path} from the French pages is not a file of the site"


@pytest_book
def test_french_search_uses_the_french_stemmer(site):
    options = (site / "fr" / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert re.search(r"LANGUAGE:\s*'fr'", options), options
    index = (site / "fr" / "searchindex.js").read_text(encoding="utf-8")
    # "rentabilité" is indexed by its French stem, which "rentable" shares
    assert '"rentabl"' in index


@pytest_book
def test_the_quiz_of_a_french_page_answers_in_french(site):
    sections = [s for p in built_pages(site, "fr") for s in soup(p).select("section.lq-quiz")]
    assert sections, "no quiz on the French pages"
    french = {k: i18n.t(f"quiz.ui.{k}", lang="fr") for k in ("check", "correct", "incorrect")}
    for section in sections:
        strings = json.loads(section["data-lq-strings"])
        assert {k: strings[k] for k in french} == french
        assert section["data-lq-reading"] == "fr" and section["data-lq-decimal"] == ","
        assert section["aria-label"] == i18n.t("quiz.ui.title", lang="fr")


@pytest_book
def test_french_pages_link_to_no_english_page(site):
    links = [
        f"{p.relative_to(site)}: {a.get_text(' ', strip=True)} -> {a['href']}"
        for p in built_pages(site, "fr")
        for a in soup(p).select("a.lessons-other-edition")
    ]
    report_missing(
        "links to English pages",
        links,
        "A link from a French page to a page not translated yet leads to the English page.",
    )


def test_every_french_toc_page_has_an_english_page():
    """The build refuses a French page without an English page; the same rule, without a build."""
    english = {s.docname for s in english_toc()}
    foreign = [s.docname for s in french_toc() if s.docname not in english]
    assert not foreign, f"French pages with no English page: {foreign}"


# --------------------------------------------------------------------------- the build itself


def _book(root: Path, lang: str, pages: dict[str, str], extra: str = "") -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(
        f"title: T\nonly_build_toc_files: true\nexclude_patterns: ['fr/*']\n"
        "sphinx:\n  extra_extensions: [lessons.sphinx_i18n]\n"
        f"  config:\n    language: {lang}\n{extra}",
        encoding="utf-8",
    )
    names = list(pages)
    toc = [f"format: jb-book\nroot: {names[0]}"] + (["chapters:"] if names[1:] else [])
    toc += [f"  - file: {name}" for name in names[1:]]
    (root / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    for name, text in pages.items():
        (root / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.md").write_text(text, encoding="utf-8")


def _build(root: Path, out: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root), "-W", "-n"]
    if out is not None:
        command += ["--path-output", str(out)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_the_build_links_counterparts_and_refuses_a_page_without_one(tmp_path):
    english = {"book/a": "# Page A\n", "book/b": "(b-label)=\n# Page B\n"}
    french = {"book/a": "# Page A en français\n\nVoir {doc}`b` et {ref}`b-label`.\n"}
    _book(tmp_path, "en", english, "    lessons_untranslated: notice\n")
    _book(tmp_path / "fr", "fr", french)
    run = _build(tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    run = _build(tmp_path / "fr", tmp_path / "_build" / "fr")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    site, fr_site = tmp_path / "_build" / "html", tmp_path / "_build" / "fr" / "_build" / "html"

    a, b = soup(site / "book" / "a.html"), soup(site / "book" / "b.html")
    assert a.select_one("a.lessons-edition-switch")["href"] == "../fr/book/a.html"
    assert b.select_one("span.lessons-edition-switch.is-pending") is not None
    fr_a = soup(fr_site / "book" / "a.html")
    assert fr_a.html["lang"] == "fr"
    assert fr_a.select_one("a.lessons-edition-switch")["href"] == "../../book/a.html"
    to_english = fr_a.select("a.lessons-other-edition")
    assert [x["href"] for x in to_english] == ["../../book/b.html", "../../book/b.html#b-label"]
    assert all(x["hreflang"] == "en" and "(page en anglais)" in x.get_text() for x in to_english)

    _book(tmp_path / "fr", "fr", {**french, "book/c": "# Une page sans page anglaise\n"})
    run = _build(tmp_path / "fr", tmp_path / "_build" / "fr")
    assert run.returncode != 0
    assert "have no en page: book/c" in run.stdout + run.stderr

    _book(tmp_path, "en", english, "    lessons_untranslated: error\n")
    run = _build(tmp_path)
    assert run.returncode != 0
    assert "have no fr page: book/b" in run.stdout + run.stderr
