"""The one formatter: every number, amount, percentage, date and status a learner reads.

Charts, panels, tables, the command line, the site and the messages all format through this
module, in the learner's language (:func:`lessons.i18n.get_language`, or ``lang=``). The
digits, separators and the place of the currency sign come from the Unicode CLDR data through
Babel, so French output is written the French way (``1 234,56 €``, ``12,5 %``) by the locale,
never by replacing characters in English output. No matplotlib here: chart modules use these
functions for their ticks and labels.

House rules, the same in every language:

* a value that could not be measured is shown as :data:`DASH` (``–``), never ``nan``;
* a negative number carries the typographic minus :data:`MINUS` (``−€4,949``, ``−3.5 %``);
* money: whole euros from €100, cents below (``€12,346``, ``€4.50``);
* percentages are given as fractions (0.256) and shown with one decimal (``25.6 %``). In
  English the course writes a space before ``%`` (the ISO 80000 convention); in French the
  locale does (a no-break space).

>>> money(12345.6), money(-4949.2), money(4.5)
('€12,346', '−€4,949', '€4.50')
>>> money(1234.56, 2, lang="fr") == "1\\u202f234,56\\xa0€"
True
>>> percent(0.256), percent(0.125, lang="fr") == "12,5\\xa0%"
('25.6 %', True)
>>> value(7.5, "min"), value(3.25, "x"), value(float("nan"), "%")
('7.5 min', '3.25×', '–')
>>> number("12")
Traceback (most recent call last):
    ...
TypeError: The formatter needs a number (got '12' of type str).
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import math
import numbers as _numbers
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, wraps
from typing import Any, Concatenate, ParamSpec

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
)

from lessons.i18n import available_languages, catalog, get_language, t
from lessons.palette import PALETTE, STATUS_COLORS

__all__ = [
    "DASH",
    "MINUS",
    "REFLOW_CLASS",
    "REFLOW_COLUMNS",
    "STATUS_SYMBOLS",
    "band",
    "date",
    "html_table",
    "integer",
    "kpi_table_html",
    "listing",
    "locale_of",
    "money",
    "money_compact",
    "month",
    "number",
    "number_compact",
    "ordinal",
    "percent",
    "plain",
    "status_label",
    "times",
    "unit_label",
    "value",
    "value_and_target",
]

#: What a value that could not be measured shows (an en dash), in every language.
DASH = "–"
#: The typographic minus sign, for every negative number a learner reads.
MINUS = "\u2212"
#: The symbol of each status code: a status is never colour alone.
STATUS_SYMBOLS = {"on track": "✓", "at risk": "!", "off track": "✗"}

#: The CLDR locale of each course language.
_LOCALES = {"en": "en", "fr": "fr_FR"}
#: House percentage patterns where the course departs from CLDR (English: a space before %).
_PERCENT_PATTERNS = {"en": "#,##0 %"}
_CURRENCY = "EUR"
_STATUS_KEYS = {"on track": "on_track", "at risk": "at_risk", "off track": "off_track"}
_DATE_PATTERNS = {"en": "yyyy-MM-dd", "fr": "dd/MM/yyyy"}


def locale_of(lang: str | None = None) -> str:
    """The Babel locale of a course language (the current one by default).

    >>> locale_of("fr"), locale_of("en")
    ('fr_FR', 'en')
    >>> locale_of("xx")
    Traceback (most recent call last):
        ...
    ValueError: The formatter knows no language 'xx': use one of en, fr.
    """
    lang = lang or get_language()
    if lang not in _LOCALES:
        raise ValueError(t("format.error.language", value=lang, known=", ".join(_LOCALES)))
    return _LOCALES[lang]


def _real(x: object) -> float:
    if x is None:
        return math.nan
    if isinstance(x, bool) or not isinstance(x, _numbers.Real):
        raise TypeError(t("format.error.not_a_number", value=x, type=type(x).__name__))
    return float(x)


def _special(x: float) -> str | None:
    """The text of a value that is not an ordinary finite number, else None."""
    if math.isnan(x):
        return DASH
    if math.isinf(x):
        return "∞" if x > 0 else MINUS + "∞"
    return None


_P = ParamSpec("_P")


def _any_value(
    write: Callable[Concatenate[float, _P], str],
) -> Callable[Concatenate[object, _P], str]:
    """The formatter ``write`` of ordinary numbers, given any value: ``None`` and NaN read
    :data:`DASH`, an infinity ``∞``, and what is not a number raises ``TypeError``. Every
    number formatter goes through it, so the house rules for those values hold everywhere."""

    @wraps(write)
    def formatted(x: object, /, *args: _P.args, **kwargs: _P.kwargs) -> str:
        value = _real(x)
        return _special(value) or write(value, *args, **kwargs)

    return formatted


def _signed(x: float, text: str, signed: bool) -> str:
    """``text`` (the formatted absolute value) with its sign; a value that rounds to zero has
    none (``0.0 %``, not ``−0.0 %``)."""
    if not re.search(r"[1-9]", text):
        return text
    if x < 0:
        return MINUS + text
    return "+" + text if signed and x > 0 else text


def _fraction_pattern(decimals: int, optional: bool = False) -> str:
    """The decimal part of a number pattern: ``0.00`` (fixed) or ``0.##`` (up to)."""
    if decimals <= 0:
        return "0"
    return "0." + ("#" if optional else "0") * decimals


@cache
def _pattern(kind: str, loc: str, decimals: int, optional: bool = False) -> str:
    """A CLDR number pattern of ``loc`` for ``kind`` with ``decimals`` fraction digits.

    The locale's own pattern is kept (where the sign and the spaces go) and only its digits
    part is changed, so French amounts stay ``1 234,5 €``.
    """
    locale = Locale.parse(loc)
    if kind == "percent":
        base = _PERCENT_PATTERNS.get(loc.split("_")[0]) or locale.percent_formats[None].pattern
    else:
        base = locale.currency_formats["standard"].pattern
    base = base.split(";")[0]  # the positive pattern: the course writes its own minus sign
    return re.sub(r"0(\.0+)?", _fraction_pattern(decimals, optional), base, count=1)


@_any_value
def number(
    x: float,
    decimals: int | None = None,
    *,
    significant: int | None = None,
    signed: bool = False,
    lang: str | None = None,
) -> str:
    """A number with the locale's grouping and decimal mark.

    Args:
        x: the number.
        decimals: exactly this many decimals; ``None`` (default) up to two, trailing zeros
            dropped (``2.5``, ``3``).
        significant: instead of ``decimals``, round to this many significant digits (whole
            numbers are never rounded below the unit: ``12,346`` stays ``12,346``).
        signed: write ``+`` before a positive number (a change, a growth).
        lang: the language (default: the current one).

    >>> number(1234.5), number(2.0), number(0.125, 3), number(-3, signed=True)
    ('1,234.5', '2', '0.125', '−3')
    >>> number(1234.5678, significant=4), number(0.012345, significant=2)
    ('1,235', '0.012')
    >>> number(1234.5, lang="fr") == "1\\u202f234,5"
    True
    """
    if significant is not None:
        magnitude = math.floor(math.log10(abs(x))) + 1 if x else 1
        decimals = max(0, significant - magnitude)
        pattern = "#,##0" + _fraction_pattern(decimals, optional=True)[1:]
    elif decimals is None:
        pattern = "#,##0.##"
    else:
        pattern = "#,##0" + _fraction_pattern(decimals)[1:]
    return _signed(x, format_decimal(abs(x), format=pattern, locale=locale_of(lang)), signed)


@_any_value
def integer(x: float, *, lang: str | None = None) -> str:
    """A count, rounded to a whole number, with the locale's grouping (``12,000``)."""
    return number(round(x), 0, lang=lang)


@_any_value
def number_compact(x: float, *, lang: str | None = None) -> str:
    """A count a few characters wide (3 significant digits): ``2.5M``, ``99K``, ``912``.

    >>> number_compact(2_456_451), number_compact(98_547), number_compact(912)
    ('2.46M', '98.5K', '912')
    """
    amount = abs(x)
    if amount < 1000:
        return number(x, 0, lang=lang)
    text = format_compact_decimal(
        amount, locale=locale_of(lang), fraction_digits=_compact_digits(amount)
    )
    return _signed(x, text, False)


def _compact_digits(amount: float) -> int:
    """Fraction digits that give a compact number (K, M, bn) 3 significant digits."""
    magnitude = int(math.log10(amount))
    return max(0, 3 - (magnitude - 3 * (magnitude // 3) + 1))


@_any_value
def money(
    x: float, decimals: int | None = None, *, signed: bool = False, lang: str | None = None
) -> str:
    """An amount in euros: whole euros from €100, cents below, unless ``decimals`` is given.

    >>> money(140), money(99.5), money(1234.567, 2), money(250, signed=True)
    ('€140', '€99.50', '€1,234.57', '+€250')
    """
    if decimals is None:
        decimals = 0 if abs(x) >= 100 else 2
    loc = locale_of(lang)
    text = format_currency(
        abs(x),
        _CURRENCY,
        format=_pattern("currency", loc, decimals),
        locale=loc,
        currency_digits=False,
    )
    return _signed(x, text, signed)


@_any_value
def money_compact(x: float, *, lang: str | None = None) -> str:
    """An amount a few characters wide, for axis ticks and bar labels (3 significant digits).

    >>> money_compact(2_500), money_compact(250_000), money_compact(-2e6), money_compact(950)
    ('€2.5K', '€250K', '−€2M', '€950')
    """
    amount = abs(x)
    if amount < 1000:
        return _signed(x, money(amount, 0, lang=lang), False)
    text = format_compact_currency(
        amount, _CURRENCY, locale=locale_of(lang), fraction_digits=_compact_digits(amount)
    )
    return _signed(x, text, False)


@_any_value
def percent(
    fraction: float, decimals: int | None = 1, *, signed: bool = False, lang: str | None = None
) -> str:
    """A fraction as a percentage: ``0.256`` -> ``25.6 %`` (one decimal by default; ``None``:
    up to two, trailing zeros dropped, for a setting such as ``15 %``).

    >>> percent(0.256), percent(0.5, 0), percent(-0.031), percent(0.05, signed=True)
    ('25.6 %', '50 %', '−3.1 %', '+5.0 %')
    >>> percent(0.15, None), percent(0.125, None), percent(None)
    ('15 %', '12.5 %', '–')
    """
    loc = locale_of(lang)
    pattern = _pattern("percent", loc, 2 if decimals is None else decimals, decimals is None)
    # A pattern holding % multiplies by 100 itself.
    text = format_decimal(abs(fraction), format=pattern, locale=loc)
    return _signed(fraction, text, signed)


@_any_value
def times(x: float, decimals: int = 2, *, lang: str | None = None) -> str:
    """A multiple, such as a return on ad spend: ``3.25×``."""
    return number(x, decimals, lang=lang) + "×"


@_any_value
def ordinal(x: float, *, lang: str | None = None) -> str:
    """A rank as the language writes it: ``13th``, ``21st`` in English; ``1er``, ``13e`` in
    French (the masculine ``1er``, as for a rank of a customer, *un client*).

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    >>> ordinal(1, lang="fr"), ordinal(13, lang="fr")
    ('1er', '13e')
    """
    n = round(x)
    if locale_of(lang).startswith("fr"):
        return f"{n}er" if n == 1 else f"{n}e"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def listing(items: Iterable[object], *, lang: str | None = None) -> str:
    """Items in a sentence, joined the way the language does (``A, B and C``, ``A, B et C``).

    >>> listing(["Arbor", "Gridline", "Kestrel"]), listing(["A", "B"], lang="fr")
    ('Arbor, Gridline and Kestrel', 'A et B')
    >>> listing(["only"])
    'only'
    """
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('format.and', lang=lang)} {words[-1]}"


def unit_label(unit: str, lang: str | None = None) -> str:
    """The learner-facing name of a unit code, in the language (``"min"``, ``"parties/table"``).

    Units are codes in the package (the KPI tables carry them); their text comes from the
    catalog key ``format.unit.<code>`` when a language names it, else the code itself.

    >>> unit_label("min"), unit_label("")
    ('min', '')
    """
    if not unit:
        return ""
    key = f"format.unit.{unit}"
    lang = lang or get_language()
    texts = catalog(lang) if lang in available_languages() else {}
    return texts.get(key) or catalog("en").get(key) or unit


def value(x: object, unit: str, *, decimals: int | None = None, lang: str | None = None) -> str:
    """A number in its unit, as the KPI tables carry it: ``%`` (a fraction), ``€``, ``x``, or
    any other unit written after the number.

    >>> value(0.256, "%"), value(12345.6, "€"), value(4.25, "/ 5"), value(None, "€")
    ('25.6 %', '€12,346', '4.25 / 5', '–')
    """
    if x is None:
        return DASH
    if unit == "%":
        return percent(x, 1 if decimals is None else decimals, lang=lang)
    if unit == "€":
        return money(x, decimals, lang=lang)
    if unit == "x":
        return times(x, 2 if decimals is None else decimals, lang=lang)
    text = number(x, decimals, lang=lang)
    label = unit_label(unit, lang)
    return f"{text} {label}" if label and text != DASH else text


def band(low: object, high: object, unit: str, *, lang: str | None = None) -> str:
    """A healthy range, its unit written once: ``70–80 %`` (``70–80 %`` in French too).

    The edges are written as a setting is (``70 %``, not ``70.0 %``). A unit written after
    the number appears once, at the end; a currency sign written before it stays on both
    edges (``€100–€200``, ``100–200 €`` in French).

    >>> band(0.70, 0.80, "%"), band(4, 6.5, "weeks"), band(100, 200, "€")
    ('70–80 %', '4–6.5 weeks', '€100–€200')
    >>> band(100, 200, "€", lang="fr") == "100–200\xa0€"
    True
    >>> band("70", 0.8, "%")
    Traceback (most recent call last):
        ...
    TypeError: The formatter needs a number (got '70' of type str).
    """
    if unit == "%":
        edges = [percent(edge, None, lang=lang) for edge in (low, high)]
    else:
        edges = [value(edge, unit, lang=lang) for edge in (low, high)]
    # What follows the last digit of the upper edge is the unit; write it once.
    suffix = re.sub(r"^.*\d", "", edges[1])
    if suffix and edges[0].endswith(suffix):
        edges[0] = edges[0][: -len(suffix)]
    return "–".join(edges)


def value_and_target(
    x: float, target: float | tuple[float, float], unit: str, *, lang: str | None = None
) -> tuple[str, str]:
    """A value and its target, with enough decimals that two different numbers never read
    the same (``€139.60`` and ``€140``, not ``€140`` and ``€140`` next to an "at risk").

    A target that is a pair ``(low, high)`` (a tuple, such as :class:`lessons.kpis.Band`) is a
    band (:func:`band`); the value then has enough decimals not to read as the edge it is
    nearer to, unless it is that edge.

    >>> value_and_target(139.6, 140.0, "€")
    ('€139.60', '€140.00')
    >>> value_and_target(150.0, 140.0, "€")
    ('€150', '€140')
    >>> value_and_target(0.1 * 3, 0.3, "%")  # 0.30000000000000004: rounding noise, not a gap
    ('30.0 %', '30.0 %')
    >>> value_and_target(0.75, (0.70, 0.80), "%"), value_and_target(0.8004, (0.70, 0.80), "%")
    (('75.0 %', '70–80 %'), ('80.04 %', '70–80 %'))
    """
    if isinstance(target, tuple):
        low, high = target
        edge = low if x is not None and x < (low + high) / 2 else high
        return value_and_target(x, edge, unit, lang=lang)[0], band(low, high, unit, lang=lang)
    shown = value(x, unit, lang=lang), value(target, unit, lang=lang)
    if x is None or target is None or math.isclose(x, target, rel_tol=1e-9) or shown[0] != shown[1]:
        return shown
    start = {"%": 1, "€": 1}.get(unit, 2)  # cents come after whole euros
    for decimals in range(start + 1, start + 6):
        shown = (
            value(x, unit, decimals=decimals, lang=lang),
            value(target, unit, decimals=decimals, lang=lang),
        )
        if shown[0] != shown[1]:
            break
    return shown


def plain(x: object) -> str:
    """A value inside a message about an argument, as the learner wrote it in code: ``0`` not
    ``0.0``, ``1500`` not ``1.5e+03``; anything that is not a number as ``repr``.

    >>> plain(0.0), plain(1500.0), plain(0.25), plain("abc")
    ('0', '1500', '0.25', "'abc'")
    """
    if isinstance(x, bool) or not isinstance(x, _numbers.Real):
        return repr(x)
    x = float(x)
    if math.isfinite(x) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def date(day: _dt.date | Any, *, lang: str | None = None) -> str:
    """A day: ISO in English (``2024-03-05``), DD/MM/YYYY in French (``05/03/2024``)."""
    lang = lang or get_language()
    return format_date(
        _as_date(day), _DATE_PATTERNS.get(lang, "yyyy-MM-dd"), locale=locale_of(lang)
    )


def month(day: _dt.date | Any, *, lang: str | None = None, full: bool = False) -> str:
    """A month: ``Mar 2024`` (``March 2024`` with ``full=True``); ``mars 2024`` in French."""
    pattern = "MMMM yyyy" if full else "MMM yyyy"
    return format_date(_as_date(day), pattern, locale=locale_of(lang))


def _as_date(day: Any) -> _dt.date:
    if isinstance(day, _dt.datetime):
        return day.date()
    if isinstance(day, _dt.date):
        return day
    to_timestamp = getattr(day, "to_timestamp", None)  # a pandas Period
    if to_timestamp is not None:
        return to_timestamp().date()
    raise TypeError(t("format.error.not_a_date", value=day, type=type(day).__name__))


def status_label(code: str, *, symbol: bool = True, lang: str | None = None) -> str:
    """The text of a status code: symbol and word (``✓ on track``), never colour alone.

    >>> status_label("at risk"), status_label("on track", symbol=False)
    ('! at risk', 'on track')
    >>> status_label("fine")
    Traceback (most recent call last):
        ...
    ValueError: 'fine' is not a status. The statuses are: on track, at risk, off track.
    """
    if code not in _STATUS_KEYS:
        raise ValueError(t("format.error.status", value=code, statuses=", ".join(_STATUS_KEYS)))
    word = t("format.status." + _STATUS_KEYS[code], lang=lang)
    return f"{STATUS_SYMBOLS[code]} {word}" if symbol else word


# --------------------------------------------------------------------------------------------
# HTML tables
# --------------------------------------------------------------------------------------------

_PAD = "padding:4px 8px"
#: Tables of at least this many columns reflow on a phone into labelled rows: the site's style
#: sheet stacks the cells of each row under one another, each after its column's header (its
#: ``data-label``). Narrower tables wrap their text instead.
REFLOW_COLUMNS = 3
#: The class that marks a table for that reflow (``_css/course.css``).
REFLOW_CLASS = "lessons-reflow"
#: Cells that never split over two lines ("≥ 2.0 %", "✗ off track").
NOWRAP = "white-space:nowrap"


def _cell(tag: str, text: object, align: str, label: str, style: str = "", scope: str = "") -> str:
    attrs = f" scope='{scope}'" if scope else ""
    if label:
        attrs += f" data-label='{_html.escape(label, quote=True)}'"
    css = ";".join(part for part in (_PAD, f"text-align:{align}", style) if part)
    return f"<{tag}{attrs} style='{css}'>{_html.escape(str(text))}</{tag}>"


def html_table(
    head: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    numeric_from: int = 1,
    row_headers: bool = True,
    css_class: str = "lessons-table",
    styles: Iterable[Sequence[str]] | None = None,
    region: str | None = None,
    reflow: bool | None = None,
) -> str:
    """A table of plain texts as accessible HTML; every text is escaped here.

    Args:
        head: the column headers.
        rows: one sequence of cell texts per row (already formatted with this module).
        caption: the table's caption (also its region's name).
        numeric_from: columns from this index on are right-aligned (numbers).
        row_headers: the first cell of each row is its header (``<th scope='row'>``).
        css_class: the table's class.
        styles: extra CSS per cell, parallel to ``rows`` (for example a status colour).
        region: the name of the scroll region when there is no caption.
        reflow: whether the table reflows into labelled rows on a phone (:data:`REFLOW_CLASS`,
            using each cell's ``data-label``); by default when it has :data:`REFLOW_COLUMNS`
            columns or more.

    >>> text = html_table(["Customer", "Share"], [["<b>A</b>", "60.0 %"]])
    >>> "&lt;b&gt;A&lt;/b&gt;" in text, "data-label='Share'" in text
    (True, True)
    >>> "lessons-reflow" in text, "lessons-reflow" in html_table(["KPI", "Value", "Target"], [])
    (False, True)
    """
    rows = [list(row) for row in rows]
    styles = [list(s) for s in styles] if styles is not None else [[""] * len(r) for r in rows]
    header = "".join(
        _cell("th", h, "right" if i >= numeric_from else "left", "", scope="col")
        for i, h in enumerate(head)
    )
    body = []
    for row, row_styles in zip(rows, styles, strict=True):
        cells = []
        for i, text in enumerate(row):
            align = "right" if i >= numeric_from else "left"
            label = head[i] if i < len(head) else ""
            style = row_styles[i] if i < len(row_styles) else ""
            if i == 0 and row_headers:
                cells.append(_cell("th", text, align, label, style, scope="row"))
            else:
                cells.append(_cell("td", text, align, label, style))
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = ""
    if caption:
        cap = f"<caption style='text-align:left;font-weight:bold'>{_html.escape(caption)}</caption>"
    # A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
    name = _html.escape(caption or region or t("format.table.region"), quote=True)
    if reflow is None:
        reflow = len(head) >= REFLOW_COLUMNS
    reflows = f" {REFLOW_CLASS}" if reflow else ""
    return (
        f"<div class='lessons-table-box' tabindex='0' role='region' aria-label='{name}' "
        "style='overflow-x:auto'>"
        f"<table class='{css_class}{reflows}' style='border-collapse:collapse'>"
        f"{cap}<thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _records(table: Any) -> list[dict]:
    return table.to_dict("records") if hasattr(table, "to_dict") else list(table)


def kpi_table_html(table: Any, caption: str | None = None, *, lang: str | None = None) -> str:
    """A KPI table (columns kpi, scope, value, target, unit, direction, status) as HTML.

    Every text is escaped; the status shows symbol, word and colour. A value and a target that
    differ are never shown as the same number (see :func:`value_and_target`). A KPI with
    direction ``"band"`` has a ``(low, high)`` target, shown as the band (``70–80 %``).

    >>> import pandas as pd
    >>> row = dict(kpi="<b>ROAS</b>", scope="business", value=3.0, target=4.0, unit="x",
    ...            direction="higher", status="off track")
    >>> html_text = kpi_table_html(pd.DataFrame([row]))
    >>> "&lt;b&gt;ROAS&lt;/b&gt;" in html_text and "✗ off track" in html_text
    True
    """
    keys = ["kpi", "scope", "value", "target", "status"]
    head = [t("format.table." + key, lang=lang) for key in keys]
    rows, styles = [], []
    for row in _records(table):
        arrow = {"higher": "≥ ", "lower": "≤ "}.get(row["direction"], "")
        shown, target = value_and_target(row["value"], row["target"], row["unit"], lang=lang)
        color = STATUS_COLORS.get(row["status"], PALETTE["ink"])
        rows.append(
            [
                row["kpi"],
                t("format.scope." + row["scope"], lang=lang),
                shown,
                f"{arrow}{target}",
                status_label(row["status"], lang=lang),
            ]
        )
        styles.append(
            ["", "", NOWRAP, NOWRAP, f"{NOWRAP};text-align:left;color:{color};font-weight:bold"]
        )
    return html_table(
        head,
        rows,
        caption=caption,
        numeric_from=2,
        css_class="lessons-table lessons-kpi-table",
        styles=styles,
        region=t("format.table.kpi_region", lang=lang),
    )
