"""The string catalog: complete in English, data-only to extend, clear on misuse."""

import re
from pathlib import Path

import pytest

from lessons import i18n

SRC = Path(__file__).resolve().parents[1] / "src" / "lessons"
# A literal key passed to t(...); a prefix completed at run time ("charts.scope." + scope) ends
# with a dot and is checked by the tests of the module that builds it.
KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_.]*[a-z0-9_])["']""")


def test_every_key_used_in_code_exists_in_english():
    used = {key for path in SRC.rglob("*.py") for key in KEY_CALL.findall(path.read_text())}
    missing = sorted(used - set(i18n.catalog("en")))
    assert not missing, f"keys used in code but missing from the English catalog: {missing}"


def test_every_translation_uses_the_same_placeholders_as_english():
    english = i18n.catalog("en")
    for lang in i18n.available_languages():
        for key, text in i18n.catalog(lang).items():
            assert key in english, f"{lang}: {key} is not an English key"
            assert i18n.placeholders(text) == i18n.placeholders(english[key]), (lang, key)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match=r"Unknown language 'de'\. Available languages: en"):
        i18n.set_language("de")


def test_missing_key_names_the_key():
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        i18n.t("no.such.key")


def test_set_language_round_trip():
    i18n.set_language("en")
    assert i18n.get_language() == "en"
    assert i18n.t("i18n.example", name="NPS") == "KPI: NPS"
