"""The glossary: one data file, checked on load, rendered by a Sphinx directive."""

import json
import unicodedata
from pathlib import Path

import pytest

from lessons.glossary import GlossaryEntry, glossary_table_rows, load_glossary, parse_glossary

ROOT = Path(__file__).resolve().parents[1]

# The pages a glossary entry may point to: the fixed chapter names of the course (TEAM.md).
COURSE_PAGES = {
    *(
        f"book/{name}"
        for name in (
            "welcome",
            "key_account",
            "kpi",
            "difference",
            "putting_together",
            "beyond",
            "summary",
            "glossary",
            "trainer_guide",
            "references",
        )
    ),
    *(
        f"notebooks/{name}"
        for name in (
            "portfolio_explorer",
            "kpi_builder",
            "scenario_software_bank",
            "scenario_manufacturer",
            "scenario_startup",
            "scenario_consulting",
            "scenario_agency",
            "scenario_restaurant",
            "scorecard",
            "your_data",
            "self_assessment",
        )
    ),
}


def entry(**fields):
    base = {"id": "kpi", "en": "KPI", "fr": "Indicateur", "definition": "A measure."}
    return base | fields


def nfc(text):
    return unicodedata.normalize("NFC", text)


# --- the course's own data -----------------------------------------------------------------


def test_every_french_term_of_the_source_is_in_the_glossary():
    french = {nfc(e.fr).casefold() for e in load_glossary()}
    for term in (
        "Compte Clé",
        "Indicateur Clé de Performance (KPI)",
        "compte stratégique",
        "gestionnaire de compte dédié",
        "taux de fidélisation des clients",
        "taux de conversion",
        "taux de clics",
        "retour sur dépenses publicitaires",
        "taux de rotation des tables",
        "note moyenne des clients",
        "revenus par consultant",
        "revenus par table",
        "croissance mensuelle des revenus",
        "temps d'achèvement des projets",
        "ambassadeur de la marque",
        "conseiller de confiance",
        "productivité des employés",
    ):
        assert nfc(term).casefold() in french, term


def test_entries_are_sorted_and_point_to_course_pages():
    entries = load_glossary()
    assert [e.en.casefold() for e in entries] == sorted(e.en.casefold() for e in entries)
    bad = {e.id: e.see for e in entries if e.see not in COURSE_PAGES}
    assert not bad, f"glossary entries pointing outside the course: {bad}"


def test_table_rows_keep_english_french_and_definition_together():
    rows = dict((en, (fr, d)) for en, fr, d in glossary_table_rows(load_glossary()))
    assert rows["Return on ad spend (ROAS)"][0] == "retour sur dépenses publicitaires"
    assert "divided by" in rows["Table turnover rate"][1]


# --- validation: a broken file is explained, never half-loaded ------------------------------


def test_valid_minimal_glossary():
    (only,) = parse_glossary({"entries": [entry(aliases=["K"], see="book/kpi")]})
    assert only == GlossaryEntry("kpi", "KPI", "Indicateur", "A measure.", ("K",), "book/kpi")
    assert only.names == ("KPI", "Indicateur", "K")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], r"must be a JSON object with an \"entries\" list \(got a list\)"),
        ({"entries": []}, r"'entries' list is empty"),
        ({"entries": ["KPI"]}, r"entry 1 must be a JSON object .*got 'KPI'"),
        ({"entries": [{"id": "x", "en": "X", "fr": "X"}]}, r"entry 1 \('x'\) has no 'definition'"),
        ({"entries": [entry(colour="red")]}, r"unknown field\(s\) colour\. Allowed fields"),
        ({"entries": [entry(fr="  ")]}, r"'fr' must be a non-empty text \(got '  '\)"),
        ({"entries": [entry(aliases="KPI")]}, r"'aliases' must be a list of texts"),
        ({"entries": [entry(), entry(en="Other", fr="Autre")]}, r"entry 2 .* reuses the id 'kpi'"),
        (
            {"entries": [entry(), entry(id="k2", en="Other", fr="autre", aliases=["kpi"])]},
            r"the name 'kpi' is already used by the entry 'kpi'",
        ),
    ],
)
def test_bad_glossary_is_a_clear_error(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_glossary(raw)


def test_same_name_in_two_cases_within_one_entry_is_allowed():
    (only,) = parse_glossary({"entries": [entry(aliases=["kpi"])]})
    assert only.aliases == ("kpi",)


def test_bad_json_file_names_the_line(tmp_path):
    path = tmp_path / "glossary.json"
    path.write_text('{"entries": [\n  {"id": "x",}\n]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"not valid JSON \(line 2: "):
        load_glossary(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"does not exist\. Give the path of a JSON file"):
        load_glossary(tmp_path / "nope.json")


def test_loading_does_not_modify_the_file(tmp_path):
    path = tmp_path / "g.json"
    text = json.dumps({"entries": [entry(en="Zeta"), entry(id="a", en="Alpha", fr="Alpha FR")]})
    path.write_text(text, encoding="utf-8")
    assert [e.en for e in load_glossary(path)] == ["Alpha", "Zeta"]
    assert path.read_text(encoding="utf-8") == text


# --- the Sphinx directive -------------------------------------------------------------------


@pytest.mark.slow
def test_directive_renders_table_terms_and_links(tmp_path):
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    (src / "book").mkdir(parents=True)
    (src / "notebooks").mkdir()
    (src / "conf.py").write_text("extensions = ['lessons.glossary']\n", encoding="utf-8")
    pages = ["book/glossary", *sorted(COURSE_PAGES - {"book/glossary"})]
    (src / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n"
        + "".join(f"   {p}\n" for p in pages)
        + "\nSee :term:`Compte Clé`, :term:`KPI` and :term:`table turnover`.\n",
        encoding="utf-8",
    )
    for page in pages:
        title = page.split("/")[1].replace("_", " ").title()
        body = ".. glossary-table::\n" if page == "book/glossary" else "Text.\n"
        (src / f"{page}.rst").write_text(f"{title}\n{'=' * len(title)}\n\n{body}", "utf-8")
    out = tmp_path / "out"
    app = Sphinx(
        src,
        src,
        out,
        tmp_path / "doctrees",
        "html",
        status=None,
        warning=None,
        warningiserror=True,
        freshenv=True,
    )
    app.config.nitpicky = True
    app.build()
    html = (out / "book" / "glossary.html").read_text(encoding="utf-8")
    assert "<th" in html and "Français" in html
    assert 'id="glossary-key-account"' in html
    assert "retour sur dépenses publicitaires" in html
    assert 'href="key_account.html"' in html  # the "Taught in" column links to the chapter
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="book/glossary.html#glossary-key-account"' in index
    assert 'href="book/glossary.html#glossary-kpi"' in index
    assert 'href="book/glossary.html#glossary-table-turnover"' in index
