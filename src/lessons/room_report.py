"""A room's results in words: the terminal report and the HTML report of ``lessons room-report``.

Both read a :class:`lessons.room.Room` that :func:`lessons.room.gather` has aggregated and only
lay it out: every number through :mod:`lessons.format` in the current language, every name a
learner typed made safe (control characters shown as signs in a terminal, escaped in HTML).

>>> report_text("room")
Traceback (most recent call last):
    ...
TypeError: A room report needs the result of lessons.room.gather(...), got str.
"""

from __future__ import annotations

import html
from pathlib import Path

from lessons import format as fmt
from lessons.charts import room as room_chart
from lessons.charts.style import figure_html
from lessons.i18n import get_language, t
from lessons.quiz import WEAK_BELOW
from lessons.results import LearnerResult
from lessons.room import Room
from lessons.yourdata.render import display_width, fit, terminal_text

__all__ = ["BAR_WIDTH", "learner_label", "report_html", "report_text", "write_html"]

#: The longest bar of the terminal histogram, in characters.
BAR_WIDTH = 30
_NAME_WIDTH = 28
_PROMPT_WIDTH = 90


def _check(room: object) -> Room:
    if not isinstance(room, Room):
        raise TypeError(t("room.error.not_room", type=type(room).__name__))
    return room


def learner_label(result: LearnerResult) -> str:
    """The learner's name as typed, or the file's name when the learner gave none (raw text:
    escape it where it is shown)."""
    return result.name or t("room.report.no_name", file=result.path.name)


def _points(value: float) -> str:
    return fmt.number(value, 1)


def _share(fraction: float) -> str:
    return fmt.percent(fraction, 0)


def _topic_rows(room: Room) -> list[list[str]]:
    rows = []
    for topic in room.topics:
        per_learner = topic.points / topic.learners
        asked = topic.out_of // topic.learners
        rows.append(
            [
                topic.title,
                t("room.report.points_of", points=_points(per_learner), out_of=asked),
                _share(topic.fraction),
                t("room.report.weak") if topic.fraction < WEAK_BELOW else t("room.report.ok"),
            ]
        )
    return rows


def _bin_label(low: float, high: float) -> str:
    return f"{fmt.number(low, 0)}–{fmt.number(high, 0)}"


def _missed_rows(room: Room) -> list[list[str]]:
    rows = []
    for missed in room.most_missed():
        misconception = (
            t(
                "room.report.misconception",
                name=missed.misconception,
                count=fmt.integer(missed.misconception_count),
            )
            if missed.misconception
            else "–"
        )
        rows.append(
            [
                missed.question_id,
                missed.prompt,
                _points(missed.average),
                t(
                    "room.report.wrong_of",
                    wrong=fmt.integer(missed.wrong),
                    learners=fmt.integer(missed.learners),
                ),
                misconception,
            ]
        )
    return rows


def _headline(room: Room) -> list[str]:
    return [
        t(
            "room.report.learners",
            learners=fmt.integer(len(room.learners)),
            seed=room.seed,
            n=room.out_of,
            version=room.course_version,
        ),
        t(
            "room.report.average",
            average=_points(room.average),
            out_of=room.out_of,
            share=_share(room.average / room.out_of),
        ),
    ]


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def report_text(room: Room) -> str:
    """The room's report for a terminal: headline, topics, histogram, most missed, learners.

    Args:
        room: :func:`lessons.room.gather` of the room's result files.

    Returns:
        Plain text, one line each, names made safe for a terminal.
    """
    room = _check(room)
    lines = _headline(room)
    lines += ["", t("room.report.topics_title")]
    rows = _topic_rows(room)
    width = max(display_width(row[0]) for row in rows)
    for title, points, share, flag in rows:
        lines.append(f"  {_pad(title, width)}  {points:>12}  {share:>6}  {flag}")
    lines += ["", t("room.report.distribution_title", out_of=room.out_of)]
    bins = room.distribution()
    most = max(count for *_range, count in bins) or 1
    labels = [_bin_label(low, high) for low, high, _count in bins]
    label_width = max(display_width(label) for label in labels)
    for label, (_low, _high, count) in zip(labels, bins, strict=True):
        bar = "█" * round(BAR_WIDTH * count / most)
        lines.append(f"  {label:>{label_width}} │{bar} {fmt.integer(count) if count else ''}")
    missed = _missed_rows(room)
    lines += ["", t("room.report.missed_title")]
    if not missed:
        lines.append("  " + t("room.report.none_missed"))
    for number, (qid, prompt, average, wrong, misconception) in enumerate(missed, start=1):
        lines.append(f"  {number}. {qid} — {fit(prompt, _PROMPT_WIDTH)}")
        lines.append("     " + t("room.report.missed_line", average=average, wrong=wrong))
        if misconception != "–":
            lines.append(f"     {misconception}")
    lines += ["", t("room.report.learners_title")]
    for result in room.learners:
        name = fit(terminal_text(learner_label(result)), _NAME_WIDTH)
        total = t("room.report.points_of", points=_points(result.report.score), out_of=room.out_of)
        lines.append(f"  {_pad(name, _NAME_WIDTH)}  {total:>12}")
    if room.refused:
        lines += ["", t("room.report.refused_title", count=fmt.integer(len(room.refused)))]
        lines += ["  " + terminal_text(r.message) for r in room.refused]
    if room.notes:
        lines += ["", t("room.report.notes_title")]
        lines += ["  " + terminal_text(note) for note in room.notes]
    return "\n".join(lines)


def _list_html(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def report_html(room: Room, *, dpi: int = 100) -> str:
    """The room's report as a standalone HTML page (the chart inline, every text escaped).

    Args:
        room: :func:`lessons.room.gather` of the room's result files.
        dpi: pixels per inch of the chart.

    Returns:
        A complete HTML document in the current language, with no outside resource.
    """
    room = _check(room)
    fig = room_chart.plot(room)
    title = t("room.report.title")
    head = [t("room.report.topic"), t("room.report.average_col"), t("room.report.share"), ""]
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        "".join(f"<p>{html.escape(line)}</p>" for line in _headline(room)),
        figure_html(fig, room_chart.alt_text(room), dpi=dpi),
        fmt.html_table(head, _topic_rows(room), caption=t("room.report.topics_title")),
    ]
    missed = _missed_rows(room)
    if missed:
        missed_head = [
            t("room.report.question"),
            t("room.report.prompt"),
            t("room.report.average_col"),
            t("room.report.wrong"),
            t("room.report.misconception_col"),
        ]
        parts.append(
            fmt.html_table(
                missed_head, missed, caption=t("room.report.missed_title"), numeric_from=2
            )
        )
    learners = [
        [learner_label(r), _points(r.report.score), _share(r.report.fraction)]
        for r in room.learners
    ]
    parts.append(
        fmt.html_table(
            [t("room.report.learner"), t("room.report.total"), t("room.report.share")],
            learners,
            caption=t("room.report.learners_title"),
        )
    )
    if room.refused:
        parts.append(
            f"<h2>{html.escape(t('room.report.refused_title', count=len(room.refused)))}</h2>"
        )
        parts.append(_list_html([r.message for r in room.refused]))
    if room.notes:
        parts.append(f"<h2>{html.escape(t('room.report.notes_title'))}</h2>")
        parts.append(_list_html(list(room.notes)))
    lang = html.escape(get_language(), quote=True)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;"
        "padding:0 1rem;color:#222}caption{margin:1rem 0 .3rem}</style></head><body><main>"
        + "\n".join(parts)
        + "</main></body></html>\n"
    )


def write_html(room: Room, out: str | Path, inputs: list[Path]) -> Path:
    """Write :func:`report_html` to ``out``; refuse to write over one of the result files."""
    out = Path(out)
    if any(out.resolve() == Path(p).resolve() for p in inputs):
        raise ValueError(t("room.error.out_is_input", path=out))
    if not out.parent.is_dir():
        raise ValueError(t("results.error.no_folder", path=out))
    out.write_text(report_html(room), encoding="utf-8")
    return out
