"""The notebook quiz panel's "Save my result": a file next to the notebook, never over one."""

from __future__ import annotations

import json

import pytest

from lessons.quiz import final_assessment
from lessons.results import read_result
from lessons.widgets.quiz import quiz_panel


def _answer_all(panel) -> None:
    for q in panel.questions:
        shapes = {"single": "a", "multiple": ["a"], "numeric": 1.0}
        panel.submit(shapes.get(q.type) or {i.id: "kpi" for i in q.items})
        panel.next()


def test_the_panel_saves_once_complete_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    panel = quiz_panel(final_assessment(n=5, seed=3), seed=3)
    assert panel.save_button.disabled
    with pytest.raises(ValueError, match=r"Answer every question .*\(0 of 5 answered\)"):
        panel.save()
    _answer_all(panel)
    assert not panel.save_button.disabled
    panel.name.value = "Ana"
    panel.save_button.click()
    assert "my-result-3.json" in panel.saved.value
    first = tmp_path / "my-result-3.json"
    before = first.read_bytes()
    second = panel.save()
    assert second.name == "my-result-3-2.json" and first.read_bytes() == before
    result = read_result(second)
    assert result.name == "Ana" and result.report.score == panel.report().score
    assert json.loads(first.read_text())["answers"] == json.loads(second.read_text())["answers"]


def test_a_panel_without_seed_has_no_save_and_a_wrong_draw_is_refused():
    chapter = quiz_panel("kpi")
    assert chapter.save_button not in chapter.children
    final = quiz_panel(final_assessment(n=5, seed=3), seed=3)
    assert final.save_button in final.children
    with pytest.raises(ValueError, match="not the final assessment drawn with seed 1"):
        quiz_panel(final_assessment(n=5, seed=3), seed=1)
