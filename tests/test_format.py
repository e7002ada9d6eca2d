"""The one formatter: hand-written expectations in English and in French."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lessons import format as fmt
from lessons.i18n import set_language

NNBSP = "\u202f"  # narrow no-break space: French thousands
NBSP = "\u00a0"  # no-break space: French before % and €


@pytest.mark.parametrize(
    ("call", "english", "french"),
    [
        (lambda lang: fmt.number(1234.5, lang=lang), "1,234.5", f"1{NNBSP}234,5"),
        (lambda lang: fmt.number(2.0, lang=lang), "2", "2"),
        (lambda lang: fmt.number(0.125, 3, lang=lang), "0.125", "0,125"),
        (lambda lang: fmt.number(-3.5, lang=lang), "−3.5", "−3,5"),
        (lambda lang: fmt.number(12, signed=True, lang=lang), "+12", "+12"),
        (lambda lang: fmt.number(1234.5678, significant=4, lang=lang), "1,235", f"1{NNBSP}235"),
        (lambda lang: fmt.integer(12000.4, lang=lang), "12,000", f"12{NNBSP}000"),
        (lambda lang: fmt.money(12345.6, lang=lang), "€12,346", f"12{NNBSP}346{NBSP}€"),
        (lambda lang: fmt.money(-4949.2, lang=lang), "−€4,949", f"−4{NNBSP}949{NBSP}€"),
        (lambda lang: fmt.money(4.5, lang=lang), "€4.50", f"4,50{NBSP}€"),
        (lambda lang: fmt.money(1234.56, 2, lang=lang), "€1,234.56", f"1{NNBSP}234,56{NBSP}€"),
        (lambda lang: fmt.money(250, signed=True, lang=lang), "+€250", f"+250{NBSP}€"),
        (lambda lang: fmt.money_compact(250_000, lang=lang), "€250K", f"250{NBSP}k{NBSP}€"),
        (lambda lang: fmt.money_compact(1.5e6, lang=lang), "€1.5M", f"1,5{NBSP}M{NBSP}€"),
        (lambda lang: fmt.percent(0.256, lang=lang), "25.6 %", f"25,6{NBSP}%"),
        (lambda lang: fmt.percent(0.125, lang=lang), "12.5 %", f"12,5{NBSP}%"),
        (lambda lang: fmt.percent(-0.031, lang=lang), "−3.1 %", f"−3,1{NBSP}%"),
        (lambda lang: fmt.percent(0.15, None, lang=lang), "15 %", f"15{NBSP}%"),
        (lambda lang: fmt.times(3.25, lang=lang), "3.25×", "3,25×"),
        (lambda lang: fmt.date(dt.date(2024, 3, 5), lang=lang), "2024-03-05", "05/03/2024"),
        (lambda lang: fmt.month(pd.Period("2024-03", "M"), lang=lang), "Mar 2024", "mars 2024"),
        (lambda lang: fmt.status_label("on track", lang=lang), "✓ on track", "✓ dans la cible"),
    ],
)
def test_each_language_writes_numbers_its_own_way(call, english, french):
    assert call("en") == english
    assert call("fr") == french


def test_the_current_language_is_the_default():
    set_language("fr")
    try:
        assert fmt.percent(0.5) == f"50,0{NBSP}%"
    finally:
        set_language("en")
    assert fmt.percent(0.5) == "50.0 %"


@pytest.mark.parametrize("missing", [float("nan"), None, np.nan])
def test_a_value_that_was_not_measured_is_a_dash(missing):
    assert fmt.value(missing, "%") == fmt.DASH
    assert fmt.money(missing) == fmt.DASH
    assert fmt.number(missing) == fmt.DASH


def test_zero_never_carries_a_sign():
    assert fmt.money(-0.001) == "€0.00"
    assert fmt.percent(-0.00001) == "0.0 %"
    assert fmt.number(-0.0001) == "0"


def test_numpy_numbers_are_numbers():
    assert fmt.money(np.float32(150.0)) == "€150"
    assert fmt.integer(np.int64(3)) == "3"


@pytest.mark.parametrize("bad", ["12", True, [1], object()])
def test_a_non_number_is_refused_in_words(bad):
    with pytest.raises(TypeError, match="The formatter needs a number"):
        fmt.number(bad)


def test_an_unknown_language_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="use one of en, fr"):
        fmt.money(3, lang="de")


def test_two_different_numbers_never_read_the_same():
    assert fmt.value_and_target(139.6, 140.0, "€") == ("€139.60", "€140.00")
    assert fmt.value_and_target(0.9496, 0.95, "%") == ("94.96 %", "95.00 %")
    assert fmt.value_and_target(4.0, 4.0, "/ 5") == ("4 / 5", "4 / 5")


def test_kpi_table_escapes_text_and_labels_each_cell():
    row = dict(
        kpi="<script>x</script>", scope="key_account", value=139.6, target=140.0, unit="€",
        direction="higher", status="at risk",
    )  # fmt: skip
    html = fmt.kpi_table_html(pd.DataFrame([row]), caption="A & B")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "A &amp; B" in html
    assert "data-label='Status'" in html and "! at risk" in html
    assert "€139.60" in html and "≥ €140.00" in html
    french = fmt.kpi_table_html(pd.DataFrame([row]), lang="fr")
    assert "data-label='Statut'" in french and "le compte clé" in french
