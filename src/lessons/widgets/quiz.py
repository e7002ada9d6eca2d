"""A live quiz panel (ipywidgets): one question at a time, a running score, retry and restart.

Wiring only: answers are checked by :func:`lessons.quiz.check_answer` and the running score
is :func:`lessons.quiz.score_attempt` of the answers given so far. The panel can also be driven
from code (:meth:`QuizPanel.submit`), which is how the self-assessment notebook shows a worked
attempt and how the tests click through it.

>>> panel = quiz_panel("agency")
>>> panel.current.id, panel.submit("d").score
('agency-01', 1.0)
>>> panel.next(); panel.current.id
'agency-02'
>>> panel.submit(1.5).correct, panel.report().score
(True, 2.0)
>>> quiz_panel("marketing")
Traceback (most recent call last):
    ...
ValueError: 'marketing' is not a chapter id of the quiz. Use one of: key-account, kpi, ...
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from lessons import format as fmt
from lessons.i18n import t
from lessons.quiz import (
    Question,
    Report,
    Result,
    check_answer,
    final_assessment,
    localized,
    parse_number,
    percent,
    points,
    question,
    questions_for,
    score_attempt,
)
from lessons.results import save_result

__all__ = ["QuizPanel", "feedback_html", "quiz_panel"]

_FULL = w.Layout(width="100%")

# The verdict colours of the site's quiz.css: at least 4.5:1 contrast on white.
_COLOURS = {"correct": "#1a7f37", "partial": "#8a5a00", "incorrect": "#b42318"}


def _e(text: object) -> str:
    return html.escape(str(text))


def feedback_html(result: Result) -> str:
    """The verdict and one line per option/item, escaped, wrong ones with the section to re-read."""
    kind, share = result.verdict
    colour = _COLOURS[kind]
    text = t(f"quiz.ui.{kind}", percent=share)
    lines = [f"<p style='font-weight:700;color:{colour};margin:0'>{_e(text)}</p>"]
    for f in result.feedback:
        mark = "✓" if f.ok else "✗"
        subject = f"<strong>{_e(f.subject)}</strong>: " if f.subject else ""
        mis = (
            f"<em>{_e(t('quiz.misconception', name=f.misconception))}</em> "
            if f.misconception
            else ""
        )
        where = f" <span>{_e(f.reread.describe())}</span>" if f.reread and not f.ok else ""
        lines.append(f"<p style='margin:2px 0'>{mark} {subject}{mis}{_e(f.text)}{where}</p>")
    return (
        "<div role='status' aria-live='polite' style='border-left:4px solid #888;"
        f"padding:4px 8px'>{''.join(lines)}</div>"
    )


def _message_html(text: str) -> str:
    return (
        f"<div role='alert' style='border-left:4px solid #B34700;padding:4px 8px'>{_e(text)}</div>"
    )


def _free_path(folder: Path, seed: int) -> Path:
    """``my-result-<seed>.json`` in ``folder``, or ``-2``, ``-3``… when it is taken."""
    path = folder / f"my-result-{seed}.json"
    number = 2
    while path.exists():
        path = folder / f"my-result-{seed}-{number}.json"
        number += 1
    return path


class QuizPanel(w.VBox):
    """One question at a time with Check, Try again, Next and Start over; score kept running.

    With ``seed`` (the final assessment's draw, :func:`lessons.quiz.final_assessment`), a name
    field and "Save my result" appear under the score: once every question is answered, the
    button writes a result file (:mod:`lessons.results`) next to the notebook.
    """

    def __init__(self, questions: Sequence[Question], *, seed: int | None = None):
        self.questions = list(questions)
        self.seed = seed
        self.answers: dict[str, Any] = {}
        self.index = 0
        self.header = w.HTML()
        self.prompt = w.HTML(layout=_FULL)
        self.area = w.VBox(layout=_FULL)
        self.feedback = w.HTML(layout=_FULL)
        self.score = w.HTML()
        self.check_button = w.Button(description=t("quiz.ui.check"), button_style="primary")
        self.retry_button = w.Button(description=t("quiz.ui.retry"))
        self.next_button = w.Button(description=t("quiz.ui.next"))
        self.restart_button = w.Button(description=t("quiz.ui.restart"))
        self.check_button.on_click(lambda _b: self._on_check())
        self.retry_button.on_click(lambda _b: self.retry())
        self.next_button.on_click(lambda _b: self.next())
        self.restart_button.on_click(lambda _b: self.restart())
        buttons = w.HBox(
            [self.check_button, self.retry_button, self.next_button, self.restart_button],
            layout=w.Layout(flex_flow="row wrap"),
        )
        children = [self.header, self.prompt, self.area, buttons, self.feedback, self.score]
        self.name = w.Text(description=t("results.ui.name_label"), layout=_FULL)
        self.name.style.description_width = "initial"
        self.save_button = w.Button(description=t("results.ui.save"), icon="download")
        self.save_button.on_click(lambda _b: self._on_save())
        self.saved = w.HTML(layout=_FULL)
        if seed is not None:
            children += [self.name, self.save_button, self.saved]
        super().__init__(children, layout=_FULL)
        self._show()

    # ------------------------------------------------------------------ state
    @property
    def current(self) -> Question:
        """The question on screen."""
        return self.questions[self.index]

    def report(self) -> Report:
        """The attempt so far, scored by :func:`lessons.quiz.score_attempt`."""
        return score_attempt(self.questions, self.answers)

    # ------------------------------------------------------------------ actions
    def submit(self, answer: Any) -> Result:
        """Answer the current question from code (same shapes as ``check_answer``) and show it."""
        result = check_answer(self.current, answer)
        self.answers[self.current.id] = answer
        self._set_inputs(answer)
        self.feedback.value = feedback_html(result)
        self._show_score()
        return result

    def save(self, folder: str | Path | None = None) -> Path:
        """Write the result file ``my-result-<seed>.json`` (``-2``, ``-3``… if taken) and return
        its path; an existing file is never overwritten.

        Args:
            folder: where to write it (default: the notebook's folder, the kernel's working
                folder).

        Raises:
            ValueError: the panel has no seed, or a question is still unanswered.
        """
        if self.seed is None:
            raise ValueError(t("results.error.no_seed"))
        report = self.report()
        answered = sum(r.answered for r in report.results)
        if answered < report.out_of:
            raise ValueError(t("results.ui.incomplete", answered=answered, count=report.out_of))
        path = _free_path(Path.cwd() if folder is None else Path(folder), self.seed)
        return save_result(
            self.questions, self.answers, path, seed=self.seed, name=self.name.value or None
        )

    def _on_save(self) -> None:
        try:
            path = self.save()
        except (OSError, ValueError) as error:
            self.saved.value = _message_html(t("results.ui.save_error", reason=error))
            return
        self.saved.value = f"<p role='status'>{_e(t('results.ui.saved', path=path.name))}</p>"

    def retry(self) -> None:
        """Clear the current question's answer so it can be tried again."""
        self.answers.pop(self.current.id, None)
        self._show()

    def next(self) -> None:
        """Go to the next question (wraps to the first after the last)."""
        self.index = (self.index + 1) % len(self.questions)
        self._show()

    def restart(self) -> None:
        """Forget every answer and start from the first question."""
        self.answers.clear()
        self.index = 0
        self._show()

    # ------------------------------------------------------------------ wiring
    def _on_check(self) -> None:
        answer = self._read_inputs()
        if isinstance(answer, str) and self.current.type != "single":
            self.feedback.value = _message_html(answer)
            return
        if answer is None:
            self.feedback.value = _message_html(t("quiz.ui.choose_first"))
            return
        try:
            self.submit(answer)
        except (TypeError, ValueError) as error:
            self.feedback.value = _message_html(str(error))

    def _show(self) -> None:
        q = self.current
        number = t("quiz.ui.question_of", number=self.index + 1, count=len(self.questions))
        self.header.value = f"<strong>{_e(number)}</strong>"
        hint = {
            "single": "quiz.ui.select_one",
            "multiple": "quiz.ui.select_all",
            "classification": "quiz.ui.sort_items",
        }.get(q.type)
        unit = f" ({_e(t('quiz.ui.unit', unit=q.unit))})" if q.type == "numeric" and q.unit else ""
        self.prompt.value = (
            f"<p style='font-weight:600;margin:0'>{_e(q.text())}</p>"
            + (f"<p style='margin:0'><em>{_e(t(hint))}</em></p>" if hint else "")
            + (f"<p style='margin:0'>{_e(t('quiz.ui.your_answer'))}{unit}</p>" if unit else "")
        )
        self.area.children = self._inputs(q)
        self.feedback.value = ""
        if q.id in self.answers:
            self.submit(self.answers[q.id])
        self._show_score()

    def _show_score(self) -> None:
        report = self.report()
        answered = sum(r.answered for r in report.results)
        text = t(
            "quiz.ui.score",
            score=fmt.number(points(report.score)),
            answered=answered,
            count=report.out_of,
        )
        if answered == report.out_of:
            text = t(
                "quiz.panel.finished",
                score=fmt.number(points(report.score)),
                count=report.out_of,
                percent=percent(report.fraction),
            )
        self.score.value = f"<p role='status' aria-live='polite'><strong>{_e(text)}</strong></p>"
        self.save_button.disabled = answered < report.out_of

    def _inputs(self, q: Question) -> list[w.Widget]:
        if q.type == "single":
            options = [(localized(o.text), o.id) for o in q.options]
            return [w.RadioButtons(options=options, value=None, layout=_FULL)]
        if q.type == "multiple":
            return [
                w.Checkbox(description=localized(o.text), indent=False, value=False, layout=_FULL)
                for o in q.options
            ]
        if q.type == "numeric":
            return [w.Text(placeholder=fmt.number(12.5), layout=w.Layout(width="12em"))]
        categories = [(t(f"quiz.category.{c}"), c) for c in q.categories]
        return [
            w.HBox(
                [
                    w.HTML(_e(localized(i.text)), layout=w.Layout(width="45%", min_width="12em")),
                    w.ToggleButtons(options=categories, value=None),
                ],
                layout=w.Layout(flex_flow="row wrap", width="100%"),
            )
            for i in q.items
        ]

    def _read_inputs(self) -> Any:
        q, children = self.current, self.area.children
        if q.type == "single":
            return children[0].value
        if q.type == "multiple":
            ticked = [o.id for o, box in zip(q.options, children, strict=True) if box.value]
            return ticked or None
        if q.type == "numeric":
            text = children[0].value.strip()
            if not text:
                return None
            try:
                return parse_number(text, unit=q.unit)
            except ValueError as error:
                return str(error)
        placed = {i.id: row.children[1].value for i, row in zip(q.items, children, strict=True)}
        if any(v is None for v in placed.values()):
            return t("quiz.ui.sort_first")
        return placed

    def _set_inputs(self, answer: Any) -> None:
        q, children = self.current, self.area.children
        if q.type == "single":
            children[0].value = answer
        elif q.type == "multiple":
            for o, box in zip(q.options, children, strict=True):
                box.value = o.id in set(answer)
        elif q.type == "numeric":
            children[0].value = fmt.number(answer, significant=6)
        else:
            for i, row in zip(q.items, children, strict=True):
                row.children[1].value = answer.get(i.id)


def quiz_panel(
    chapter_or_questions: str | Sequence[Question | str], *, seed: int | None = None
) -> QuizPanel:
    """A live quiz panel for a chapter id (``"kpi"``) or a list of questions (or their ids).

    Args:
        chapter_or_questions: a chapter id from :data:`lessons.quiz.CHAPTERS`, or questions
            such as those of :func:`lessons.quiz.final_assessment`.
        seed: the seed those questions were drawn with (``final_assessment(n, seed)``): the
            panel then offers "Save my result". Other questions are refused.

    Returns:
        A :class:`QuizPanel` (an ipywidgets ``VBox``) to display in a notebook.
    """
    if isinstance(chapter_or_questions, str):
        questions = questions_for(chapter_or_questions)
    else:
        questions = [q if isinstance(q, Question) else question(q) for q in chapter_or_questions]
    if not questions:
        raise ValueError(t("quiz.panel.empty", value=chapter_or_questions))
    if seed is not None:
        drawn = [q.id for q in final_assessment(len(questions), seed)]
        if [q.id for q in questions] != drawn:
            raise ValueError(t("results.error.not_the_draw", seed=seed, n=len(questions)))
    return QuizPanel(questions, seed=seed)
