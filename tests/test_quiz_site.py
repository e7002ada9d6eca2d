"""The {quiz} directive's HTML, a real Sphinx build with it, and the exercise fragments."""

from __future__ import annotations

import dataclasses
import doctest
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from real_browser import launch, require_chromium

from lessons.quiz import CHAPTERS, final_assessment, questions_for
from lessons.sphinx_quiz import STATIC_DIR, quiz_html

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "book" / "exercises"


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_the_html_holds_every_question_of_the_chapter(chapter):
    questions = questions_for(chapter)
    soup = _soup(quiz_html(questions, serial=3))
    forms = soup.select("section.lq-quiz > form.lq-q")
    assert [f["data-lq-id"] for f in forms] == [q.id for q in questions]
    for form, q in zip(forms, questions, strict=True):
        assert form["data-lq-type"] == q.type
        legend = form.select_one("fieldset.lq-main > legend")
        assert q.text() in legend.get_text()
        assert form.select_one(".lq-feedback")["aria-live"] == "polite"
        assert form.select_one("details.lq-answer summary")  # works without JavaScript


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_every_input_has_a_label_and_ids_are_unique(chapter):
    soup = _soup(quiz_html(questions_for(chapter), serial=1))
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    for field in soup.select("input"):
        label = soup.select_one(f'label[for="{field["id"]}"]')
        assert label is not None and label.get_text(strip=True)
    for fieldset in soup.select("fieldset"):
        assert fieldset.find("legend", recursive=False) is not None


def test_the_html_declares_exactly_the_correct_answers_and_feedback_for_every_option():
    for chapter in CHAPTERS:
        soup = _soup(quiz_html(questions_for(chapter)))
        for q in questions_for(chapter):
            form = soup.select_one(f'form[data-lq-id="{q.id}"]')
            if q.type in ("single", "multiple"):
                assert set(form["data-lq-correct"].split()) == set(q.correct_options)
                for o in q.options:
                    kinds = {t["data-kind"] for t in form.select(f'template[data-for="{o.id}"]')}
                    assert kinds == ({"ok", "missed"} if o.correct else {"wrong"})
            elif q.type == "numeric":
                assert float(form["data-lq-answer"]) == pytest.approx(q.answer)
                assert float(form["data-lq-tolerance"]) == q.tolerance
            else:
                for item in q.items:
                    box = form.select_one(f'fieldset[data-lq-item="{item.id}"]')
                    assert box["data-lq-category"] == item.category
                    assert len(box.select("input[type=radio]")) == len(q.categories)


def test_wrong_option_feedback_links_to_the_section_to_reread():
    q = questions_for("kpi")[0]
    wrong = next(o for o in q.options if not o.correct)
    soup = _soup(quiz_html([q]))
    body = _soup(
        soup.select_one(f'template[data-kind="wrong"][data-for="{wrong.id}"]').decode_contents()
    )
    assert wrong.misconception["en"] in body.get_text()
    link = body.select_one(".lq-reread a")
    expected = f"{wrong.reread.page}.html" + (
        f"#{wrong.reread.anchor}" if wrong.reread.anchor else ""
    )
    assert link["href"] == expected


def test_every_text_is_escaped():
    q = questions_for("kpi")[0]
    evil = "<script>alert('x')</script> & <b>bold</b>"
    option = dataclasses.replace(q.options[0], text={"en": evil}, feedback={"en": evil})
    hostile = dataclasses.replace(q, prompt={"en": evil}, explanation={"en": evil},
                                  options=(option, *q.options[1:]))  # fmt: skip
    html = quiz_html([hostile])
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    soup = _soup(html)
    assert soup.find("script") is None and soup.find("b") is None
    assert evil in soup.select_one("legend").get_text()


def test_links_use_the_resolver_and_plain_text_when_there_is_no_target():
    q = questions_for("kpi")[0]
    html = quiz_html([q], link=lambda p: (None, None))
    assert _soup(html).select(".lq-reread a") == []
    html = quiz_html([q], link=lambda p: (f"../x/{p.page}.html", "Section X"))
    assert "Section X" in _soup(html).select_one(".lq-reread").get_text()


def test_an_empty_question_list_is_a_clear_error():
    with pytest.raises(ValueError, match=r"Give a chapter id such as 'kpi' or a non-empty list"):
        quiz_html([])


def test_the_extension_ships_its_script_and_style():
    js = (STATIC_DIR / "quiz" / "quiz.js").read_text(encoding="utf-8")
    css = (STATIC_DIR / "quiz" / "quiz.css").read_text(encoding="utf-8")
    assert "http" not in js  # nothing fetched from the network
    assert "data-lq-correct" in js and ".lq-quiz" in css


def test_the_final_assessment_html_carries_topics_for_the_breakdown():
    drawn = final_assessment(n=20, seed=0)
    soup = _soup(quiz_html(drawn, breakdown=True))
    section = soup.select_one("section.lq-quiz")
    topics = json.loads(section["data-lq-topics"])
    assert list(topics) == [c for c in CHAPTERS if c in {q.chapter for q in drawn}]
    assert float(section["data-lq-weak-below"]) == 0.7
    assert [f["data-lq-topic"] for f in soup.select("form")] == [q.chapter for q in drawn]
    assert section.select_one(".lq-breakdown")["aria-live"] == "polite"
    assert _soup(quiz_html(drawn)).select_one(".lq-breakdown") is None


# ------------------------------------------------------------------ a real Sphinx build

# Each chapter at its real page (book/*.md or notebooks/*.ipynb), as the lead will wire it.
MD_CHAPTERS = [c for c, page in CHAPTERS.items() if page.startswith("book/")]
NB_CHAPTERS = [c for c, page in CHAPTERS.items() if page.startswith("notebooks/")]


def _footer(chapter: str, prefix: str) -> str:
    return (
        f"## Quiz\n\n```{{quiz}} {chapter}\n```\n\n"
        f"## Exercises\n\n```{{include}} {prefix}exercises/{chapter}.md\n```\n"
    )


GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([^`]+)`")


def _glued_stand_ins(fragment: Path):
    """A code cell whose outputs glue every key the chapter's exercises read (the real notebook
    glues them when it runs; this book is not executed)."""
    prefix = "application/papermill.record/"
    outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={prefix + "text/plain": f"'{key}'"},
            metadata={"scrapbook": {"name": key, "mime_prefix": prefix}},
        )
        for key in sorted(set(GLUE_ROLE.findall(fragment.read_text(encoding="utf-8"))))
    ]
    return nbformat.v4.new_code_cell("# glued by the real notebook", outputs=outputs)


@pytest.fixture(scope="module")
def built_book(tmp_path_factory) -> Path:
    """A tiny book: the quiz and exercises of every chapter id, from .md pages and notebooks."""
    root = tmp_path_factory.mktemp("quizbook")
    (root / "book").mkdir()
    (root / "notebooks").mkdir()
    shutil.copytree(EXERCISES, root / "book" / "exercises")
    (root / "_config.yml").write_text(
        "title: Quiz test\nonly_build_toc_files: true\n"
        "execute:\n  execute_notebooks: 'off'\n"
        "parse:\n  myst_enable_extensions: [colon_fence, dollarmath]\n"
        "sphinx:\n  extra_extensions: [lessons.sphinx_site, sphinx_exercise, lessons.sphinx_quiz]\n"
        "  config:\n    language: en\n",
        encoding="utf-8",
    )
    toc = ["format: jb-book", "root: book/intro", "chapters:"]
    (root / "book" / "intro.md").write_text(
        "# Intro\n\n(kpi-smart)=\n## SMART KPIs\n\nA label the bank points to.\n", encoding="utf-8"
    )
    (root / "book" / "final.md").write_text(
        "# Final\n\n```{quiz} final\n:n: 20\n:seed: 0\n```\n", encoding="utf-8"
    )
    toc.append("  - file: book/final")
    for chapter in MD_CHAPTERS:
        text = f"# Chapter {chapter}\n\nText.\n\n" + _footer(chapter, "")
        (root / f"{CHAPTERS[chapter]}.md").write_text(text, encoding="utf-8")
        toc.append(f"  - file: {CHAPTERS[chapter]}")
    for chapter in NB_CHAPTERS:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.metadata["language_info"] = {"name": "python"}
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# Scenario {chapter}"),
            _glued_stand_ins(EXERCISES / f"{chapter}.md"),
            nbformat.v4.new_markdown_cell(_footer(chapter, "../book/")),
        ]
        nbformat.write(nb, root / f"{CHAPTERS[chapter]}.ipynb")
        toc.append(f"  - file: {CHAPTERS[chapter]}")
    (root / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root), "-W", "-n"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return root / "_build" / "html"


def _page(html_root: Path, chapter: str) -> BeautifulSoup:
    return _soup((html_root / f"{CHAPTERS[chapter]}.html").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_the_directive_renders_in_pages_and_notebooks(built_book, chapter):
    page = _page(built_book, chapter)
    forms = page.select("section.lq-quiz form.lq-q")
    assert [f["data-lq-id"] for f in forms] == [q.id for q in questions_for(chapter)]
    scripts = [s.get("src", "") for s in page.select("script")]
    styles = [s.get("href", "") for s in page.select("link[rel=stylesheet]")]
    assert any("_static/quiz/quiz.js" in s for s in scripts)
    assert any("_static/quiz/quiz.css" in s for s in styles)


@pytest.mark.slow
def test_the_final_assessment_renders_the_seeded_draw(built_book):
    page = _soup((built_book / "book" / "final.html").read_text(encoding="utf-8"))
    forms = page.select("section.lq-quiz form.lq-q")
    assert [f["data-lq-id"] for f in forms] == [q.id for q in final_assessment(n=20, seed=0)]
    topics = json.loads(page.select_one("section.lq-quiz")["data-lq-topics"])
    assert topics["kpi"]["href"] == "kpi.html"  # links resolved relative to this page


@pytest.mark.slow
def test_the_build_ships_the_assets_and_only_loads_them_where_needed(built_book):
    assert (built_book / "_static" / "quiz" / "quiz.js").is_file()
    assert (built_book / "_static" / "quiz" / "quiz.css").is_file()
    intro = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert "quiz.js" not in intro


@pytest.mark.slow
def test_reread_links_resolve_to_labels_and_fall_back_to_pages(built_book):
    page = _page(built_book, "kpi")
    hrefs = {
        a["href"]
        for a in page.select(".lq-quiz template")
        for a in _soup(a.decode_contents()).select("a")
    }
    assert "intro.html#kpi-smart" in hrefs  # the label exists in this test book
    assert "difference.html" in hrefs  # label not defined in this book: link to its page


@pytest.mark.slow
@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_exercises_and_collapsed_solutions_render_from_the_fragment(built_book, chapter):
    page = _page(built_book, chapter)
    exercises = page.select("div.exercise")
    solutions = page.select("div.solution")
    assert len(exercises) >= 2 and len(solutions) == len(exercises)
    assert all("dropdown" in s["class"] for s in solutions)
    ids = {e.get("id") for e in exercises}
    assert {f"{chapter}-ex1", f"{chapter}-ex2"} <= ids


# ------------------------------------------------------------------ the fragments themselves

FRAGMENTS = sorted(EXERCISES.glob("*.md"))
PYCON = re.compile(r"```pycon\n(.*?)```", re.S)


def test_there_is_one_fragment_per_chapter_id():
    assert {p.stem for p in FRAGMENTS} == set(CHAPTERS)


@pytest.mark.parametrize("path", FRAGMENTS, ids=lambda p: p.stem)
def test_fragment_labels_solutions_and_gating(path):
    text = path.read_text(encoding="utf-8")
    labels = re.findall(r":label: (\S+)", text)
    assert len(labels) >= 2
    assert labels == [f"{path.stem}-ex{n}" for n in range(1, len(labels) + 1)]
    for label in labels:
        solution = re.search(rf"```{{solution(?:-start)?}} {label}\n:class: dropdown\n", text)
        assert solution, f"{label}: solution missing or not a dropdown"
    # Gated form whenever an exercise contains code.
    for block in re.split(r"```\{exercise(?:-start)?\}", text)[1:]:
        body = block.split("```{solution", 1)[0]
        if "```python" in body or "```pycon" in body:
            assert "```{exercise-end}" in body


@pytest.mark.parametrize("path", FRAGMENTS, ids=lambda p: p.stem)
def test_solution_numbers_are_what_the_package_computes(path):
    blocks = PYCON.findall(path.read_text(encoding="utf-8"))
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    names: dict = {}  # one page's blocks run in order, as a reader runs them
    for number, block in enumerate(blocks):
        test = doctest.DocTestParser().get_doctest(
            block, names, f"{path.stem}[{number}]", str(path), 0
        )
        runner = doctest.DocTestRunner(optionflags=flags)
        runner.run(test, clear_globs=False)
        names = test.globs
        assert runner.failures == 0, f"{path.name}: a solution's number no longer matches"


def test_the_required_exercises_exist():
    text = {p.stem: p.read_text(encoding="utf-8") for p in FRAGMENTS}
    assert "key_account_score" in text["key-account"]  # decide key accounts beyond revenue
    assert "SMART" in text["kpi"] and "owner" in text["kpi"]  # rewrite a vague KPI
    assert "Goodhart" in text["restaurant"] and "counter-metric" in text["restaurant"]
    assert "return_on_ad_spend" in text["agency"]  # compute scenario KPIs from a small table


# ------------------------------------------------------------------ in a real browser


@pytest.fixture(scope="module")
def browser_page(built_book):
    """The built test book served on 127.0.0.1, opened in Debian's chromium at 375 px wide."""
    require_chromium()
    import functools
    import http.server
    import threading

    from playwright import sync_api

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"http://127.0.0.1:{server.server_port}/book/kpi.html")
        yield page, errors, server.server_port
        browser.close()
    server.shutdown()


def _form(page, question_id):
    return page.locator(f'form[data-lq-id="{question_id}"]')


def _feedback(form) -> str:
    return form.locator(".lq-feedback").inner_text()


@pytest.mark.browser
@pytest.mark.slow
def test_the_quiz_answers_on_click_with_partial_credit_like_python(browser_page):
    from lessons.quiz import check_answer, question

    page, errors, _port = browser_page
    single = question("kpi-01")
    wrong = next(o for o in single.options if not o.correct)
    form = _form(page, "kpi-01")
    form.locator(f'input[value="{wrong.id}"]').check()
    form.locator("button.lq-check").click()
    assert "Not quite." in _feedback(form)
    assert wrong.misconception["en"] in _feedback(form)

    ticked = ["a", "b", "c", "d", "f"]
    expected = round(100 * check_answer("kpi-02", ticked).score)
    form = _form(page, "kpi-02")
    for option_id in ticked:
        form.locator(f'input[value="{option_id}"]').check()
    form.locator("button.lq-check").click()
    assert f"Partly right: {expected} % of the point." in _feedback(form)

    form = _form(page, "kpi-07")
    form.locator("input").fill("0,75")
    form.locator("button.lq-check").click()
    assert "multiply by 100" in _feedback(form)
    form.locator("input").fill("75 %")
    form.locator("button.lq-check").click()
    assert "Correct." in _feedback(form)

    form = _form(page, "kpi-06")
    for item in question("kpi-06").items:
        form.locator(f"#lq0-kpi-06-{item.id}-{item.category}").check()
    form.locator("button.lq-check").click()
    assert "Correct." in _feedback(form)
    assert "Score: 2.6 / 4 answered (9 questions)." in page.locator(".lq-score").inner_text()
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_quiz_works_with_the_keyboard_and_fits_a_phone(browser_page):
    page, errors, _port = browser_page
    form = _form(page, "kpi-05")
    form.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _feedback(form).strip()
    form.locator("button.lq-retry").focus()
    page.keyboard.press("Enter")
    assert _feedback(form).strip() == ""
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_final_assessment_shows_a_breakdown_with_links_to_reread(browser_page):
    from lessons.quiz import score_attempt

    page, errors, port = browser_page
    page.goto(f"http://127.0.0.1:{port}/book/final.html")
    drawn = final_assessment(n=20, seed=0)
    answers = {}
    for q in drawn:
        form = _form(page, q.id)
        if q.type in ("single", "multiple"):
            form.locator("input").first.check()
            answers[q.id] = "a" if q.type == "single" else ["a"]
        elif q.type == "numeric":
            form.locator("input").fill(str(q.answer))
            answers[q.id] = q.answer
        else:
            for item in q.items:
                form.locator(f"#lq0-{q.id}-{item.id}-kpi").check()
            answers[q.id] = {item.id: "kpi" for item in q.items}
        assert page.locator(".lq-breakdown table").count() == 0  # only once all are answered
        form.locator("button.lq-check").click()
    assert page.locator(".lq-breakdown table").count() == 1
    report = score_attempt(drawn, answers)
    rows = page.locator(".lq-breakdown tbody tr")
    assert rows.count() == len(report.by_topic)
    links = page.locator(".lq-breakdown tbody a")
    assert links.count() == len(report.weak_topics)
    for chapter, topic in report.by_topic.items():
        row = page.locator(".lq-breakdown tbody tr", has_text=topic_title(chapter)).first
        assert row.locator("td").nth(1).inner_text() == str(round(100 * topic.fraction))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert errors == []


def topic_title(chapter: str) -> str:
    from lessons.quiz import chapter_title

    return chapter_title(chapter)
