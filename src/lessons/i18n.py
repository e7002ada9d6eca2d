"""Every learner-facing string of the package, in one catalog keyed by language.

The catalog is data: ``lessons/data/i18n/<language>/*.json``, each file a flat object mapping
a dotted key (``"kpis.error.zero_denominator"``) to a text with ``{placeholders}``. Files are
split by module only so that they stay readable; a key may appear in one file only. Adding a
language means adding a folder of JSON files: no code changes.

>>> t("i18n.example", name="churn")
'KPI: churn'
>>> t("i18n.example", lang="xx", name="churn")
Traceback (most recent call last):
    ...
ValueError: Unknown language 'xx'. Available languages: en, fr. Add a folder ...
"""

from __future__ import annotations

import json
import string
from functools import cache
from importlib import resources

__all__ = ["available_languages", "catalog", "get_language", "set_language", "t"]

DEFAULT_LANGUAGE = "en"
_current = DEFAULT_LANGUAGE


def _root():
    return resources.files("lessons") / "data" / "i18n"


@cache
def available_languages() -> tuple[str, ...]:
    """Languages that have a folder in the catalog, sorted (``('en',)`` today)."""
    return tuple(sorted(p.name for p in _root().iterdir() if p.is_dir()))


def _check_language(lang: str) -> str:
    if not isinstance(lang, str) or lang not in available_languages():
        raise ValueError(
            f"Unknown language {lang!r}. Available languages: "
            f"{', '.join(available_languages())}. Add a folder lessons/data/i18n/{lang}/ "
            "to translate the course."
        )
    return lang


@cache
def catalog(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All strings of one language, merged from its JSON files.

    Raises ``ValueError`` if two files define the same key, so a translation can never
    silently shadow another one.
    """
    _check_language(lang)
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in sorted(_root().joinpath(lang).iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(
                    f"The text key {key!r} is defined twice: in {origin[key]} and {path.name}."
                )
            merged[key] = text
            origin[key] = path.name
    return merged


def set_language(lang: str) -> None:
    """Choose the language of every string the package produces from now on."""
    global _current
    _current = _check_language(lang)


def get_language() -> str:
    """The language currently in use (``'en'`` unless :func:`set_language` changed it)."""
    return _current


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a catalog text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for ``key`` in ``lang`` (default: the current language), filled with ``values``.

    A key missing from a translation falls back to English, so a partly translated language
    still works; a key missing from English is a bug and raises ``KeyError``.
    """
    lang = _check_language(lang or _current)
    text = catalog(lang).get(key)
    if text is None:
        text = catalog(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"No text for {key!r} in the catalog (lessons/data/i18n/).")
    return text.format(**values) if values else text
