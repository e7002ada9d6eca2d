"""Sphinx extension: a ``quiz`` directive that renders a chapter's questions as plain HTML.

Write in a MyST page (``book/*.md``) or in a notebook's markdown cell::

    ```{quiz} kpi
    ```

and the chapter's questions from the bank (:mod:`lessons.quiz`) are rendered at build time as
accessible HTML: one form per question, a ``fieldset`` and ``legend`` per question (and per
item to sort), a ``label`` for every input, feedback written into an ``aria-live`` region. A
small self-written script (``_static/quiz/quiz.js``, shipped with the package, no CDN) checks
answers in the browser, so the quiz answers on the static site with no kernel and no network;
without JavaScript each question still has a "Show the answer" disclosure. Every text from the
bank is escaped. A "re-read" link points at the Sphinx label named in the bank when the book
defines it, else at the top of the page.

Options: ``:questions: kpi-01, kpi-04`` renders only those questions.

The final assessment, with a score per topic and links to re-read once every question is
answered (the same draw as :func:`lessons.quiz.final_assessment`)::

    ```{quiz} final
    :n: 20
    :seed: 0
    ```

>>> html = quiz_html(questions_for("kpi")[:1], serial=0)
>>> html.count("<fieldset"), 'aria-live="polite"' in html
(1, True)
>>> quiz_html([], serial=0)
Traceback (most recent call last):
    ...
ValueError: Give a chapter id such as 'kpi' or a non-empty list of questions (got []).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from lessons import format as fmt
from lessons.i18n import available_languages, t
from lessons.quiz import (
    CHAPTERS,
    REASONS,
    WEAK_BELOW,
    Pointer,
    Question,
    final_assessment,
    question,
    questions_for,
    reading_for,
)
from lessons.results import FORMAT, FORMAT_VERSION, course_version

__all__ = ["STATIC_DIR", "QuizDirective", "quiz_html", "quiz_node", "setup"]

#: The folder copied into the site's ``_static/`` (holds ``quiz/quiz.js`` and ``quiz/quiz.css``).
STATIC_DIR = Path(str(resources.files("lessons") / "static"))

#: A link resolver: pointer -> (href or None, link text or None).
Link = Callable[[Pointer], tuple[str | None, str | None]]

_JS_STRINGS = (
    "breakdown",
    "correct",
    "partial",
    "incorrect",
    "choose_first",
    "sort_first",
    "score",
    "check",
    "retry",
)


def _decimal_mark(lang: str) -> str:
    """The language's decimal mark, as lessons.format writes it: the script shows scores."""
    return fmt.number(0.5, 1, lang=lang)[1]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text(field: Any, lang: str) -> str:
    return field.get(lang) or field["en"]


def _default_link(pointer: Pointer) -> tuple[str | None, str | None]:
    href = f"{pointer.page}.html" + (f"#{pointer.anchor}" if pointer.anchor else "")
    return href, None


def _reread_html(pointer: Pointer | None, lang: str, link: Link) -> str:
    if pointer is None:
        return ""
    href, title = link(pointer)
    words = title or (
        f"{pointer.page_title} › {pointer.section_title}" if pointer.anchor else pointer.page_title
    )
    target = f'<a href="{_e(href)}">{_e(words)}</a>' if href else _e(words)
    return f' <span class="lq-reread">{_e(t("quiz.reread.link", lang=lang))} {target}</span>'


def _fb(kind: str, key: str, body: str) -> str:
    """Feedback kept inert in a <template> until the script shows it."""
    return f'<template class="lq-fb" data-kind="{kind}" data-for="{_e(key)}">{body}</template>'


def _fb_body(
    ok: bool,
    subject: str | None,
    text: str,
    lang: str,
    link: Link,
    misconception: str | None = None,
    pointer: Pointer | None = None,
) -> str:
    mark = "✓" if ok else "✗"
    head = f"<strong>{_e(subject)}</strong>: " if subject else ""
    mis = (
        f'<em class="lq-mis">{_e(t("quiz.misconception", lang=lang, name=misconception))}</em> '
        if misconception
        else ""
    )
    cls = "lq-ok" if ok else "lq-no"
    return (
        f'<p class="{cls}"><span aria-hidden="true">{mark}</span> {head}{mis}{_e(text)}'
        f"{'' if ok else _reread_html(pointer, lang, link)}</p>"
    )


def _choice(q: Question, base: str, lang: str, link: Link) -> tuple[str, str, str, str]:
    kind = "radio" if q.type == "single" else "checkbox"
    hint = t("quiz.ui.select_one" if q.type == "single" else "quiz.ui.select_all", lang=lang)
    inputs, templates = [], []
    for o in q.options:
        oid = f"{base}-{o.id}"
        inputs.append(
            f'<div class="lq-opt"><input type="{kind}" id="{oid}" name="{base}" '
            f'value="{_e(o.id)}"><label for="{oid}">{_e(_text(o.text, lang))}</label></div>'
        )
        subject = _text(o.text, lang) if q.type == "multiple" else None
        if o.correct:
            templates.append(
                _fb("ok", o.id, _fb_body(True, subject, _text(o.feedback, lang), lang, link))
            )
            missed = t("quiz.missed", lang=lang, text=_text(o.feedback, lang))
            templates.append(
                _fb("missed", o.id, _fb_body(False, subject, missed, lang, link, None, q.reread))
            )
        else:
            body = _fb_body(
                False,
                subject,
                _text(o.feedback, lang),
                lang,
                link,
                _text(o.misconception, lang),
                o.reread,
            )
            templates.append(_fb("wrong", o.id, body))
    correct = " ".join(sorted(q.correct_options))
    answer = "; ".join(_text(o.text, lang) for o in q.options if o.correct)
    body = f'<p class="lq-hint">{_e(hint)}</p><div class="lq-options">{"".join(inputs)}</div>'
    return body, "".join(templates), f'data-lq-correct="{_e(correct)}"', answer


def _numeric(q: Question, base: str, lang: str, link: Link) -> tuple[str, str, str, str]:
    label = t("quiz.ui.your_answer", lang=lang)
    unit = f' <span class="lq-unit">{_e(q.unit)}</span>' if q.unit else ""
    body = (
        f'<div class="lq-num"><label for="{base}-x">{_e(label)}'
        f"{' (' + _e(t('quiz.ui.unit', lang=lang, unit=q.unit)) + ')' if q.unit else ''}"
        f'</label> <input type="text" inputmode="decimal" autocomplete="off" id="{base}-x" '
        f'name="{base}" size="12">{unit}</div>'
    )
    expected = t("quiz.numeric.expected", lang=lang, answer=q.shown_answer(lang))
    wrong = q.wrong
    templates = _fb("ok", "x", _fb_body(True, None, _text(q.explanation, lang), lang, link))
    if wrong is not None:
        text = f"{expected} {_text(wrong.feedback, lang)}"
        mis = _text(wrong.misconception, lang) if wrong.misconception else None
        templates += _fb("wrong", "x", _fb_body(False, None, text, lang, link, mis, wrong.reread))
    factor = q.other_scale_factor
    if factor is not None and q.other_scale_feedback is not None:
        text = f"{expected} {_text(q.other_scale_feedback, lang)}"
        templates += _fb("scale", "x", _fb_body(False, None, text, lang, link, None, q.reread))
    elif factor is not None:
        mis = t("quiz.numeric.fraction_misconception", lang=lang)
        text = f"{expected} " + t("quiz.numeric.fraction", lang=lang)
        templates += _fb("scale", "x", _fb_body(False, None, text, lang, link, mis, q.reread))
    attrs = (
        f'data-lq-answer="{q.answer!r}" data-lq-tolerance="{q.tolerance!r}" '
        f'data-lq-unit="{_e(q.unit)}"'
        + (f' data-lq-other-factor="{factor!r}"' if factor is not None else "")
    )
    return body, templates, attrs, q.shown_answer(lang)


def _classification(q: Question, base: str, lang: str, link: Link) -> tuple[str, str, str, str]:
    rows, templates, answer = [], [], []
    for i in q.items:
        iid = f"{base}-{i.id}"
        radios = "".join(
            f'<span class="lq-cat"><input type="radio" id="{iid}-{c}" name="{iid}" value="{c}">'
            f'<label for="{iid}-{c}">{_e(t(f"quiz.category.{c}", lang=lang))}</label></span>'
            for c in q.categories
        )
        item_text = _text(i.text, lang)
        rows.append(
            f'<fieldset class="lq-item" data-lq-item="{_e(i.id)}" data-lq-category='
            f'"{_e(i.category)}"><legend>{_e(item_text)}</legend>{radios}</fieldset>'
        )
        templates.append(
            _fb("ok", i.id, _fb_body(True, item_text, _text(i.feedback, lang), lang, link))
        )
        expected = t(
            "quiz.classification.expected",
            lang=lang,
            category=t(f"quiz.category.{i.category}", lang=lang),
        )
        text = f"{expected} {_text(i.feedback, lang)}"
        mis = _text(i.misconception, lang)
        templates.append(
            _fb("wrong", i.id, _fb_body(False, item_text, text, lang, link, mis, i.reread))
        )
        answer.append(f"{item_text} → {t(f'quiz.category.{i.category}', lang=lang)}")
    hint = f'<p class="lq-hint">{_e(t("quiz.ui.sort_items", lang=lang))}</p>'
    return hint + "".join(rows), "".join(templates), "", "; ".join(answer)


_RENDERERS = {
    "single": _choice,
    "multiple": _choice,
    "numeric": _numeric,
    "classification": _classification,
}


def quiz_html(
    questions: Sequence[Question],
    *,
    serial: int = 0,
    lang: str = "en",
    link: Link | None = None,
    breakdown: bool = False,
    seed: int | None = None,
) -> str:
    """Render questions as one accessible HTML quiz (escaped; checked in the browser by quiz.js).

    Args:
        questions: the questions to show, in order (e.g. ``questions_for("kpi")``).
        serial: a number unique within the page, so two quizzes on a page get distinct ids.
        lang: language of the texts (falls back to English where a text is not translated).
        link: turns a :class:`~lessons.quiz.Pointer` into ``(href, link text)``; the default
            links to ``<page>.html#<anchor>`` relative to the site root.
        breakdown: once every question is answered, show the score per topic (chapter) and a
            link to re-read each topic below 70 % (for the final assessment).
        seed: the seed of the final assessment's draw: with ``breakdown``, the learner can
            then download a result file (:mod:`lessons.results`) once every question is
            answered; the page writes the seed, the questions, the course version and the
            language as data attributes, and the script fills in the answers.

    Returns:
        The HTML of a ``<section class="lq-quiz">`` with one ``<form>`` per question.
    """
    if not questions:
        raise ValueError(t("quiz.error.no_questions", lang=lang, value=list(questions)))
    link = link or _default_link
    strings = {key: t(f"quiz.ui.{key}", lang=lang) for key in _JS_STRINGS}
    for column in ("topic", "points", "percent", "reread", "ok"):
        strings[f"col_{column}"] = t(f"quiz.table.{column}", lang=lang)
    for reason in (*REASONS, "accepted"):
        strings[f"number_{reason}"] = t(
            f"quiz.number.{reason}", lang=lang, value="{value}", part="{part}"
        )
    strings["incomplete"] = t(
        "results.ui.incomplete", lang=lang, answered="{answered}", count="{count}"
    )
    count = len(questions)
    topics_attr = ""
    if breakdown:
        topics = {}
        asked = {q.chapter for q in questions}
        for chapter in (c for c in CHAPTERS if c in asked):
            pointer = Pointer(CHAPTERS[chapter])
            topics[chapter] = {"title": pointer.page_title, "href": link(pointer)[0] or ""}
        topics_attr = (
            f' data-lq-topics="{_e(json.dumps(topics, ensure_ascii=False))}"'
            f' data-lq-weak-below="{WEAK_BELOW!r}"'
        )
    result_attr = ""
    if breakdown and seed is not None:
        ids = " ".join(q.id for q in questions)
        result_attr = (
            f' data-lq-format="{FORMAT}" data-lq-format-version="{FORMAT_VERSION}"'
            f' data-lq-seed="{int(seed)}" data-lq-questions="{_e(ids)}"'
            f' data-lq-course-version="{_e(course_version())}" data-lq-lang="{_e(lang)}"'
        )
    parts = [
        f'<section class="lq-quiz" id="lq{serial}" aria-label="{_e(t("quiz.ui.title", lang=lang))}"'
        f' data-lq-strings="{_e(json.dumps(strings, ensure_ascii=False))}"'
        f' data-lq-count="{count}" data-lq-reading="{reading_for(lang)}"'
        f' data-lq-decimal="{_e(_decimal_mark(lang))}"{topics_attr}{result_attr}>',
        f'<p class="lq-intro">{_e(t("quiz.ui.intro", lang=lang, count=count))}</p>',
        f'<noscript><p class="lq-intro">{_e(t("quiz.ui.no_script", lang=lang))}</p></noscript>',
        '<p class="lq-score" role="status" aria-live="polite"></p>',
    ]
    for number, q in enumerate(questions, start=1):
        base = f"lq{serial}-{q.id}"
        body, templates, attrs, answer = _RENDERERS[q.type](q, base, lang, link)
        legend = t("quiz.ui.question_of", lang=lang, number=number, count=count)
        parts.append(
            f'<form class="lq-q" id="{base}" data-lq-id="{_e(q.id)}" data-lq-type="{q.type}" '
            f'data-lq-topic="{_e(q.chapter)}" {attrs} novalidate>'
            f'<fieldset class="lq-main"><legend><span class="lq-n">{_e(legend)}</span> '
            f"{_e(q.text(lang))}</legend>{body}</fieldset>"
            f'<div class="lq-actions"><button type="submit" class="lq-check">'
            f"{_e(strings['check'])}</button></div>"
            f'<div class="lq-feedback" role="status" aria-live="polite"></div>{templates}'
            f'<details class="lq-answer"><summary>{_e(t("quiz.ui.show_answer", lang=lang))}'
            f"</summary><p><strong>{_e(answer)}</strong></p><p>{_e(q.explanation_text(lang))}"
            f"</p>{_reread_html(q.reread, lang, link)}</details></form>"
        )
    if breakdown:
        parts.append('<div class="lq-breakdown" role="status" aria-live="polite"></div>')
    if result_attr:
        parts.append(_download_html(serial, lang, count))
    parts.append("</section>")
    return "\n".join(parts)


def _download_html(serial: int, lang: str, count: int) -> str:
    """The name field and the download button, hidden until every question is answered."""
    field = f"lq{serial}-name"
    return (
        f'<div class="lq-result"><p class="lq-result-wait">'
        f"{_e(t('results.ui.incomplete', lang=lang, answered=0, count=count))}</p>"
        f'<div class="lq-result-ready" hidden><label for="{field}">'
        f"{_e(t('results.ui.name_label', lang=lang))}</label> "
        f'<input type="text" id="{field}" class="lq-name" maxlength="120" autocomplete="name">'
        f' <button type="button" class="lq-download">{_e(t("results.ui.download", lang=lang))}'
        f'</button><p class="lq-hint">{_e(t("results.ui.download_hint", lang=lang))}</p>'
        "</div></div>"
    )


# --------------------------------------------------------------------------- Sphinx wiring


def _language(app: Any) -> str:
    lang = (getattr(app.config, "language", None) or "en").split("_")[0]
    return lang if lang in available_languages() else "en"


class quiz_node(nodes.General, nodes.Element):
    """Placeholder for a quiz, rendered at write time once every label of the book is known."""


class QuizDirective(SphinxDirective):
    """``{quiz} <chapter-id>``: the chapter's questions; ``{quiz} final``: the final assessment."""

    required_arguments = 1
    has_content = False
    option_spec = {  # noqa: RUF012 (docutils API)
        "questions": directives.unchanged,
        "n": directives.positive_int,
        "seed": directives.nonnegative_int,
    }

    def run(self) -> list[Any]:
        chapter = self.arguments[0].strip()
        folder = resources.files("lessons") / "data" / "questions"
        node = quiz_node()
        node["chapter"] = chapter
        node["serial"] = self.env.new_serialno("lessons-quiz")
        if chapter == "final":
            try:
                drawn = final_assessment(self.options.get("n", 20), self.options.get("seed", 0))
            except (TypeError, ValueError) as error:
                raise self.error(str(error)) from None
            for name in CHAPTERS:
                self.env.note_dependency(str(folder / f"{name}.json"))
            node["ids"] = [q.id for q in drawn]
            node["seed"] = self.options.get("seed", 0)
            return [node]
        try:
            questions = questions_for(chapter)
        except ValueError as error:
            raise self.error(f"{error} Or 'final' for the final assessment.") from None
        wanted = [s.strip() for s in self.options.get("questions", "").split(",") if s.strip()]
        known = {q.id for q in questions}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise self.error(
                f"{', '.join(unknown)}: not questions of chapter {chapter!r} "
                f"(its questions: {', '.join(sorted(known))})."
            )
        self.env.note_dependency(str(folder / f"{chapter}.json"))
        node["ids"] = wanted or [q.id for q in questions]
        return [node]


def _visit_html(translator: Any, node: quiz_node) -> None:
    builder = translator.builder
    docname = builder.current_docname
    std = builder.env.get_domain("std")

    def link(pointer: Pointer) -> tuple[str | None, str | None]:
        if pointer.anchor and pointer.anchor in std.labels:
            target, label_id, _title = std.labels[pointer.anchor]
            return builder.get_relative_uri(docname, target) + "#" + label_id, None
        if pointer.page in builder.env.all_docs:
            return builder.get_relative_uri(docname, pointer.page) or "#", None
        return None, None

    questions = [question(i) for i in node["ids"]]
    lang = _language(builder.app)
    html = quiz_html(
        questions,
        serial=node["serial"],
        lang=lang,
        link=link,
        breakdown=node["chapter"] == "final",
        seed=node.get("seed"),
    )
    translator.body.append(html)
    raise nodes.SkipNode


def _skip(translator: Any, node: quiz_node) -> None:
    raise nodes.SkipNode


def _add_static_path(app: Any) -> None:
    if str(STATIC_DIR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC_DIR))


def _add_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is not None and next(iter(doctree.findall(quiz_node)), None) is not None:
        app.add_css_file("quiz/quiz.css")
        app.add_js_file("quiz/quiz.js", defer="defer")


def setup(app: Any) -> dict[str, Any]:
    """Register the ``quiz`` directive, its node and its JS/CSS (``sphinx.extra_extensions``)."""
    app.add_node(
        quiz_node,
        html=(_visit_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("quiz", QuizDirective)
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
