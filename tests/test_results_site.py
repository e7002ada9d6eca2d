"""On the built test book, in Chromium: answer the final assessment, download the result, and
give the file to ``lessons room-report``; the file has the layout of ``result_record``."""

from __future__ import annotations

import json

import pytest
from test_quiz_site import browser_page, built_book  # noqa: F401 (fixtures of the test book)

from lessons import cli
from lessons.i18n import set_language
from lessons.quiz import final_assessment
from lessons.results import check_record, read_result, result_record

# The test book is built once, by the worker of the quiz-site tests.


def _answer(page, q) -> object:
    form = page.locator(f'form[data-lq-id="{q.id}"]')
    if q.type == "single":
        form.locator('input[value="b"]').check()
        given = "b"
    elif q.type == "multiple":
        wanted = sorted(q.correct_options)
        for option in wanted:
            form.locator(f'input[value="{option}"]').check()
        given = [o.id for o in q.options if o.id in wanted]
    elif q.type == "numeric":
        form.locator("input").fill(str(q.answer).replace(".", ","))
        given = q.answer
    else:
        for item in q.items:
            form.locator(f"#lq0-{q.id}-{item.id}-neither").check()
        given = {item.id: "neither" for item in q.items}
    form.locator("button.lq-check").click()
    return given


@pytest.mark.browser
@pytest.mark.slow
def test_download_my_result_gives_a_file_room_report_reads(browser_page, tmp_path, capsys):  # noqa: F811
    set_language("en")
    page, errors, port = browser_page
    page.goto(f"http://127.0.0.1:{port}/book/final.html")
    drawn = final_assessment(n=20, seed=0)
    ready = page.locator(".lq-result-ready")
    given = {}
    for q in drawn:
        assert ready.is_hidden()  # the download waits for every answer
        given[q.id] = _answer(page, q)
    assert ready.is_visible()
    name = 'Zoé <b>"x"</b>\u202e'
    page.locator(".lq-name").fill(name)
    with page.expect_download() as info:
        page.locator("button.lq-download").click()
    download = info.value
    assert download.suggested_filename == "my-result-0.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    record = json.loads(path.read_text(encoding="utf-8"))
    check_record(record, path.name)
    expected = result_record(drawn, given, seed=0, name=name, lang="en")
    assert record == expected  # same fields, order, answers and points as the package writes
    assert list(record) == list(expected)
    result = read_result(path)
    assert not result.edited and result.name == name
    out = tmp_path / "room.html"
    assert cli.main(["room-report", str(path), "--html", str(out)]) == 0
    text = capsys.readouterr().out
    assert "1 learner(s), final assessment with seed 0 (20 questions)" in text
    assert "Zoé <b>" in text and "\u202e" not in text
    assert "Zoé &lt;b&gt;&quot;x&quot;&lt;/b&gt;" in out.read_text(encoding="utf-8")
    assert errors == []
