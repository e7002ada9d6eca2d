"""Rendering a report: the text ``lessons analyze`` prints, and its JSON summary.

Numbers go through :mod:`lessons.format` in the learner's language. Text from the file
(customer names, the file name) is made safe for a terminal first: a control character
(an ANSI escape, a bell, a newline, a tab) or an invisible direction override (U+202E) could
rewrite or hide what the learner reads, so each is shown as a visible sign (``␛``, ``␇``,
``<U+202E>``). Columns are aligned by *display* width: an East Asian wide character or an
emoji takes two columns of a terminal, an accent combined with its letter none.

>>> terminal_text("ACME\\x1b[2J\\u202eevil")
'ACME␛[2J<U+202E>evil'
>>> display_width("Café"), display_width("東京"), display_width("e\\u0301")
(4, 4, 1)
>>> fit("Société Générale des Eaux du Sud", 12)
'Société Gén…'
"""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING, Any

import pandas as pd

from lessons import format as fmt
from lessons.i18n import t
from lessons.yourdata.messages import EXAMPLES, show_sep
from lessons.yourdata.rules import HHI_MAX, MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, TOP_FRACTIONS

if TYPE_CHECKING:
    from lessons.yourdata.analysis import Report

__all__ = ["NAME_WIDTH", "display_width", "fit", "report_dict", "report_text", "terminal_text"]

#: The widest a customer name is shown in the text report (terminal columns).
NAME_WIDTH = 34
_SHOWN = 20  # rows of each table in the text report


def terminal_text(text: object) -> str:
    """Text safe to print on a terminal: control characters and invisible formatting
    characters shown as visible signs; everything else as it is."""
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20:
            out.append(chr(0x2400 + code))  # the Unicode "control pictures": ␛ ␇ ␊ ␉
        elif code == 0x7F:
            out.append("␡")
        elif 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif unicodedata.category(ch) in ("Cf", "Zl", "Zp") and ch != "\u200d":
            # Direction overrides, zero-width and line separators; the zero-width joiner
            # stays, as it only glues emoji together.
            out.append(f"<U+{code:04X}>")
        else:
            out.append(ch)
    return "".join(out)


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes (wide characters 2, combining marks 0)."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (with ``…`` when cut)."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _table(head: list[str], rows: list[list[str]], right_from: int = 1) -> list[str]:
    """Rows of cells in aligned columns (text left, numbers right), two spaces apart."""
    cells = [[terminal_text(c) for c in row] for row in [head, *rows]]
    cells = [[fit(row[0], NAME_WIDTH), *row[1:]] for row in cells]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(head))]
    return [
        "  "
        + "  ".join(_pad(c, widths[i], right=i >= right_from) for i, c in enumerate(row)).rstrip()
        for row in cells
    ]


def _pairs(pairs: list[tuple[str, str]], indent: str = "") -> list[str]:
    """Label: value lines with the values in one column."""
    width = max(display_width(label) for label, _ in pairs) + 1
    return [f"{indent}{_pad(label + ':', width)} {value}" for label, value in pairs]


def _finite(x: float) -> float | None:
    """A number JSON can hold: NaN and infinity (which it cannot) become null."""
    x = float(x)
    return x if math.isfinite(x) else None


def report_dict(report: Report) -> dict[str, Any]:
    """The JSON summary of ``lessons analyze --json``: plain Python numbers and lists.

    Keys: ``file``, ``rows``, ``kind``, ``customers``, ``total_revenue`` (€), ``top_share``
    (fractions keyed ``"1%"``, ``"5%"``, ``"10%"``, ``"20%"``),
    ``customers_share_for_80pct``, ``hhi`` (0-10,000), ``largest_customer``,
    ``largest_share``, ``candidates`` (class A, largest first: key-account candidates) and
    ``notes`` (texts). A value that cannot be measured is ``null``, never ``NaN``.
    """
    return {
        "file": str(report.name),
        "rows": int(report.rows),
        "kind": str(report.kind),
        "customers": int(report.customers),
        "total_revenue": _finite(report.total_revenue),
        "top_share": {k: _finite(v) for k, v in report.top_share.items()},
        "customers_share_for_80pct": _finite(report.customers_share_for_80pct),
        "hhi": _finite(report.hhi),
        "largest_customer": str(report.largest_customer),
        "largest_share": _finite(report.largest_share),
        "candidates": [str(c) for c in report.candidates],
        "notes": [str(n) for n in report.notes],
    }


def _summary(report: Report) -> list[str]:
    pairs = [
        (t("yourdata.text.customers"), fmt.integer(report.customers)),
        (t("yourdata.text.total"), fmt.money(report.total_revenue, 2)),
    ]
    if report.refund_rows:
        rows, total = fmt.integer(report.refund_rows), fmt.money(report.refund_total, 2)
        pairs.append(
            (t("yourdata.text.refunds"), t("yourdata.text.refunds_value", rows=rows, total=total))
        )
    if report.excluded_customers:
        names = ", ".join(report.excluded_customers[:EXAMPLES])
        count = fmt.integer(len(report.excluded_customers))
        pairs.append(
            (
                t("yourdata.text.excluded"),
                t("yourdata.text.excluded_value", count=count, names=names),
            )
        )
    return _pairs(pairs)


def _concentration(report: Report) -> list[str]:
    pairs = [
        (t("yourdata.text.top_share", top=fmt.percent(fraction, None)), fmt.percent(share))
        for fraction, share in zip(TOP_FRACTIONS, report.top_share.values(), strict=True)
    ]
    pairs.append((t("yourdata.text.share_for_80"), fmt.percent(report.customers_share_for_80pct)))
    pairs.append((t("yourdata.text.hhi", most=fmt.integer(HHI_MAX)), fmt.integer(report.hhi)))
    flag = (
        "yourdata.text.flag_risk"
        if report.concentration_risk
        else "yourdata.text.flag_major"
        if report.major_customer
        else "yourdata.text.flag_ok"
    )
    largest = t(
        "yourdata.text.largest",
        customer=report.largest_customer,
        share=fmt.percent(report.largest_share),
    )
    limits = {"major": fmt.percent(MAJOR_CUSTOMER_THRESHOLD), "risk": fmt.percent(RISK_THRESHOLD)}
    return [
        t("yourdata.text.concentration"),
        *_pairs(pairs, "  "),
        f"  {largest} {t(flag, **limits)}",
    ]


def _candidates(report: Report) -> list[str]:
    # Class A is the top of the ranking: the first len(candidates) customers of `revenue`.
    top = report.revenue.iloc[: min(len(report.candidates), _SHOWN)]
    rows = [
        [str(name), fmt.money(value, 2), fmt.percent(value / report.total_revenue)]
        for name, value in top.items()
    ]
    lines = [
        t("yourdata.text.candidates", count=fmt.integer(len(report.candidates))),
        t("yourdata.text.candidates_why"),
        *_table(
            [t("yourdata.panel.customer"), t("yourdata.panel.revenue"), t("yourdata.panel.share")],
            rows,
        ),
    ]
    if len(report.candidates) > _SHOWN:
        lines.append(t("yourdata.text.more", count=fmt.integer(len(report.candidates) - _SHOWN)))
    return lines


def _scores(report: Report) -> list[str]:
    rows = [
        [str(name), fmt.integer(row["rank"]), fmt.number(row["score"], 1)]
        for name, row in report.scores.head(10).iterrows()
    ]
    head = [t("yourdata.panel.customer"), t("yourdata.panel.rank"), t("yourdata.panel.score")]
    return [t("yourdata.text.scores"), *_table(head, rows)]


def _monthly(report: Report) -> list[str]:
    growth = report.monthly_growth
    rows = []
    for month, value in report.monthly_revenue.tail(12).items():
        g = growth[month] if growth is not None else float("nan")
        rows.append([fmt.month(month), fmt.money(value, 2), fmt.percent(g, signed=True)])
    head = [t("yourdata.text.month"), t("yourdata.panel.revenue"), t("yourdata.panel.growth")]
    return [t("yourdata.text.monthly"), *_table(head, rows)]


def _candidate_growth(report: Report) -> list[str]:
    table = report.candidate_growth
    before, now = (fmt.month(pd.Timestamp(m)) for m in table.attrs["months"])
    rows = [
        [
            str(name),
            fmt.money(row["previous_month"], 2),
            fmt.money(row["last_month"], 2),
            fmt.percent(row["growth"], signed=True),
        ]
        for name, row in table.head(_SHOWN).iterrows()
    ]
    head = [t("yourdata.panel.customer"), before, now, t("yourdata.panel.growth")]
    return [t("yourdata.text.ka_growth", previous=before, last=now), *_table(head, rows)]


def report_text(report: Report) -> str:
    """The readable report, as ``lessons analyze`` prints it; safe for any terminal."""
    lines = [
        t("yourdata.text.title", name=report.name),
        t(
            "yourdata.text.read",
            rows=fmt.integer(report.rows),
            kind=t(f"yourdata.kind.{report.kind}"),
            sep=show_sep(report.detected.get("sep")),
            decimal=report.detected.get("decimal"),
            encoding=report.detected.get("encoding") or "-",
        ),
    ]
    if report.notes:
        lines += ["", t("yourdata.text.notes"), *(f"  - {note}" for note in report.notes)]
    lines += ["", *_summary(report), "", *_concentration(report), "", *_candidates(report)]
    if report.scores is not None:
        lines += ["", *_scores(report)]
    if report.monthly_revenue is not None:
        lines += ["", *_monthly(report)]
    if report.candidate_growth is not None:
        lines += ["", *_candidate_growth(report)]
    # Every line once more through the filter: notes and labels quote the file's text too.
    return "\n".join(terminal_text(line) for line in lines)
