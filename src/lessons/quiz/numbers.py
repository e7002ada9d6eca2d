"""Numbers typed by a learner: read every ordinary way of writing one, refuse what is unclear.

The site's quiz script (``static/quiz/quiz.js``, ``readNumber``) follows the same rules, and
both are tested against one table of cases, ``data/quiz_cases/numbers.json``.

What is read (the value is the same whichever reading, unless said otherwise):

* digits with one decimal separator, a dot or a comma: ``12.5``, ``12,5``, ``.5``, ``0,125``;
* thousands grouped by three with spaces (normal, no-break U+00A0, narrow no-break U+202F,
  thin or figure spaces), commas or dots, then an optional decimal part: ``1 234,5``,
  ``1 234.5``, ``1,234.5``, ``1.234,5``, ``4,800,000``, ``1.234.567``. When both a comma and a
  dot appear, the last one is the decimal separator and the other must group by three;
* scientific notation, a dot or a comma in the mantissa: ``1e5``, ``1.5E-3``, ``2,5e3``;
* one sign before the number, ``+`` or ``-``, including the typographic minus (U+2212) and
  the hyphen and dash characters (U+2010 to U+2015): ``−20 %`` is -20;
* a ``%`` after the number, a ``€`` or ``$`` before or after it, and the question's own unit
  after it (``3 min``, ``4.5 / 5``; for ``×``, also ``x``).

The one ambiguous form, and the rule: **a single separator followed by exactly three digits,
after one to three digits that do not start with 0** (``1,800``, ``12.500``). The English
reading (``reading="en"``) takes the comma as a thousands separator and the dot as the decimal
point: ``1,800`` is 1800 and ``1.800`` is 1.8. The French reading (``reading="fr"``) takes the
comma as the decimal comma and the dot as a thousands separator: ``1,800`` is 1.8 and
``1.800`` is 1800. The reading is that of the page's language (French for ``fr``, English
otherwise); ``0,125`` (leading 0) and ``1,8`` or ``1,8000`` (not three digits) are decimals in
both readings, and every other form above reads the same in both.

What is refused, with a message that says why and shows the accepted forms (``reason``):
nothing typed (``empty``); no digit (``not_a_number``); two numbers or a range such as
``20 to 25``, ``12-5`` or ``3/4`` (``two_numbers``); words or signs around a number, such as
``12 apples`` (``extra_text``); a misplaced or repeated sign, such as ``--1`` or ``5-``
(``sign``); separators out of place, such as ``1.2.3``, ``1,23.5`` or ``20 25``
(``separators``); a number too large to hold (``not_finite``).

>>> parse_number("1 234,5 €"), parse_number("−20 %"), parse_number("1.5E-3")
(1234.5, -20.0, 0.0015)
>>> parse_number("1,800"), parse_number("1,800", reading="fr")
(1800.0, 1.8)
>>> parse_number("20 to 25")
Traceback (most recent call last):
    ...
lessons.quiz.numbers.NumberError: “20 to 25” holds two numbers (or a range): type one number. ...
"""

from __future__ import annotations

import math
import re

from lessons.i18n import get_language, t

__all__ = [
    "COMMA_DECIMAL_LANGUAGES",
    "READINGS",
    "REASONS",
    "NumberError",
    "parse_number",
    "reading_for",
]

#: The two readings of the ambiguous form (see the module docstring).
READINGS = ("en", "fr")

#: Languages whose pages read ``1,800`` as 1.8 (the comma is their decimal separator).
COMMA_DECIMAL_LANGUAGES = frozenset({"fr"})

#: Why a text is refused, in the order the checks run.
REASONS = (
    "empty",
    "not_a_number",
    "two_numbers",
    "extra_text",
    "sign",
    "separators",
    "not_finite",
)

# Every dash a keyboard or a word processor may put in front of a number reads as a minus.
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d]")
_SPACES = re.compile("[ \t\n\r\u00a0\u2007\u2009\u202f]+")
_SCIENTIFIC = re.compile(r"([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)[eE]([+-]?[0-9]+)")
_PLAIN = re.compile(r"[0-9.,]+(?: [0-9.,]+)*")
_SPACE_GROUPS = re.compile(r"([0-9]{1,3}(?: [0-9]{3})+)(?:([.,])([0-9]*))?")
_AMBIGUOUS_INTEGER = re.compile(r"[1-9][0-9]{0,2}")
_THREE_DIGITS = re.compile(r"[0-9]{3}")
_DIGIT = re.compile(r"[0-9]")


class NumberError(ValueError):
    """A typed text that is not one clear number; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, text: str, reason: str, part: str = ""):
        self.text = text
        self.reason = reason
        self.part = part
        message = t(f"quiz.number.{reason}", value=text, part=part)
        super().__init__(f"{message} {t('quiz.number.accepted')}")


def reading_for(lang: str | None = None) -> str:
    """The reading of ``1,800`` for a language: ``'fr'`` for comma-decimal languages, else ``'en'``.

    >>> reading_for("fr"), reading_for("en"), reading_for("de")
    ('fr', 'en', 'en')
    """
    return "fr" if (lang or get_language()) in COMMA_DECIMAL_LANGUAGES else "en"


def _unit_pattern(unit: str) -> str | None:
    """A regex for the question's unit typed after the number, spaces anywhere (``/5``)."""
    chars = [c for c in unit if not c.isspace()]
    if not chars or "".join(chars) in ("%", "€", "$"):
        return None
    if chars == ["×"]:
        return "[×xX]"
    return r"\s*".join(re.escape(c) for c in chars)


def _strip_affixes(s: str, unit: str) -> tuple[str, str]:
    """The sign and the bare number, once unit, %, currency and sign are taken off."""
    unit_pattern = _unit_pattern(unit)
    if unit_pattern:
        s = re.sub(rf" ?(?:{unit_pattern})$", "", s, flags=re.IGNORECASE)
    s = re.sub(r" ?%$", "", s)
    currency = re.search(r" ?[€$]$", s)
    if currency:
        s = s[: currency.start()]
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = s[0], s[1:].lstrip()
    if not currency and s[:1] in ("€", "$"):
        s = s[1:].lstrip()
    if not sign and s[:1] in ("+", "-"):
        sign, s = s[0], s[1:].lstrip()
    return sign, s


def _grouped(int_part: str, separator: str) -> bool:
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(separator)}[0-9]{{3}})+", int_part) is not None


def _plain(core: str, reading: str, text: str) -> str:
    """Digits, separators and spaces as a decimal string Python and JavaScript both read."""
    if " " in core:
        m = _SPACE_GROUPS.fullmatch(core)
        if not m:
            raise NumberError(text, "separators")
        return m[1].replace(" ", "") + (f".{m[3]}" if m[3] else "")
    comma, dot = "," in core, "." in core
    if comma and dot:
        decimal = "," if core.rfind(",") > core.rfind(".") else "."
        group = "." if decimal == "," else ","
        if core.count(decimal) != 1:
            raise NumberError(text, "separators")
        int_part, fraction = core.split(decimal)
        if not _grouped(int_part, group):
            raise NumberError(text, "separators")
        return int_part.replace(group, "") + (f".{fraction}" if fraction else "")
    if comma or dot:
        separator = "," if comma else "."
        parts = core.split(separator)
        if len(parts) > 2:
            if _grouped(core, separator):
                return core.replace(separator, "")
            raise NumberError(text, "separators")
        int_part, fraction = parts
        groups = (separator == ",") == (reading == "en")
        if groups and _AMBIGUOUS_INTEGER.fullmatch(int_part) and _THREE_DIGITS.fullmatch(fraction):
            return int_part + fraction
        return (int_part or "0") + (f".{fraction}" if fraction else "")
    return core


def parse_number(text: str, unit: str = "", reading: str | None = None) -> float:
    """Read a number typed by a learner (the rules are in the module docstring).

    Args:
        text: what the learner typed, e.g. ``"12,5 %"`` or ``"€1,500"``.
        unit: the question's unit, which may follow the number (``"min"``, ``"/ 5"``).
        reading: ``"en"`` or ``"fr"``, how to read ``1,800`` (default: the current language's).

    Returns:
        The number, as a float.

    Raises:
        NumberError: a ``ValueError`` whose message says what was wrong and which forms are
            accepted, and whose ``reason`` is one of :data:`REASONS`.
        TypeError: ``text`` is not a string.

    >>> parse_number("4.33 / 5", unit="/ 5"), parse_number("€4,800,000"), parse_number("1e5")
    (4.33, 4800000.0, 100000.0)
    >>> parse_number("1.2.3")
    Traceback (most recent call last):
        ...
    lessons.quiz.numbers.NumberError: In “1.2.3” the separators are out of place: ...
    """
    if not isinstance(text, str):
        raise TypeError(t("quiz.error.parse_type", value=text, type=type(text).__name__))
    if reading is None:
        reading = reading_for()
    if reading not in READINGS:
        raise ValueError(t("quiz.error.reading", value=reading, known=", ".join(READINGS)))
    s = _SPACES.sub(" ", _DASHES.sub("-", text)).strip()
    if not s:
        raise NumberError(text, "empty")
    sign, core = _strip_affixes(s, unit)
    if not _DIGIT.search(core):
        raise NumberError(text, "not_a_number")
    scientific = _SCIENTIFIC.fullmatch(core)
    if scientific:
        number = f"{sign}{scientific[1].replace(',', '.')}e{scientific[2]}"
    elif _PLAIN.fullmatch(core):
        number = sign + _plain(core, reading, text)
    else:
        runs = [run for run in re.findall(r"[0-9.,]+", core) if _DIGIT.search(run)]
        rest = " ".join(re.sub(r"[0-9.,]+", " ", core).split())
        if len(runs) > 1:
            raise NumberError(text, "two_numbers")
        if re.fullmatch(r"[ +-]*", rest):
            raise NumberError(text, "sign")
        raise NumberError(text, "extra_text", part=rest)
    value = float(number)
    if not math.isfinite(value):
        raise NumberError(text, "not_finite")
    return value
