"""The course glossary: English and French terms side by side, loaded from one data file.

The terms live in ``lessons/data/glossary.json`` (one source of truth). This module loads and
checks them, and provides a Sphinx directive, ``glossary-table``, that renders them as a table
in the book. Every English term, French term and alias becomes a Sphinx glossary term, so a
chapter can link to its definition with ``{term}`Key Account```.

>>> entries = load_glossary()
>>> next(e.fr for e in entries if e.en == "Key Account")
'Compte Clé'
>>> parse_glossary({"entries": [{"id": "kpi", "en": "KPI"}]})
Traceback (most recent call last):
    ...
ValueError: Glossary entry 1 ('kpi') has no 'fr' field. Every entry needs: id, en, fr, ...
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from lessons.i18n import available_languages, get_language, t

__all__ = ["GlossaryEntry", "glossary_table_rows", "load_glossary", "parse_glossary", "setup"]

REQUIRED = ("id", "en", "fr", "definition")
OPTIONAL = ("aliases", "see", "definition_fr")


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary term.

    Args:
        id: short unique slug, used as the HTML anchor (``glossary-<id>``).
        en: the English term as shown in the table.
        fr: the French term (the source text's wording where it has one).
        definition: one or two plain English sentences.
        aliases: other spellings a chapter may use with ``{term}`` (e.g. ``"KPI"``).
        see: the page (Sphinx docname, e.g. ``"book/kpi"``) where the term is taught, or None.
        definition_fr: the same definition in French, or None (the French edition then shows
            the English one).
    """

    id: str
    en: str
    fr: str
    definition: str
    aliases: tuple[str, ...] = ()
    see: str | None = None
    definition_fr: str | None = None

    def definition_in(self, lang: str | None = None) -> str:
        """The definition in ``lang`` (default: the current language), English if none.

        >>> entry = GlossaryEntry("kpi", "KPI", "KPI", "A measure.", definition_fr="Une mesure.")
        >>> entry.definition_in("fr"), entry.definition_in("en")
        ('Une mesure.', 'A measure.')
        >>> entry.definition_in("xx")
        Traceback (most recent call last):
            ...
        ValueError: Unknown language 'xx'. Available languages: en, fr. Add a folder ...
        """
        lang = lang or get_language()
        if lang not in available_languages():
            # The catalog raises its own message for an unknown language: one wording for all.
            t("glossary.header.definition", lang=lang)
        return self.definition_fr if lang == "fr" and self.definition_fr else self.definition

    @property
    def names(self) -> tuple[str, ...]:
        """Every name under which the term can be referenced: English, French, aliases."""
        return (self.en, self.fr, *self.aliases)


def _text(value: Any, where: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(t("glossary.error.not_text", where=where, field=field, value=value))
    return value.strip()


def parse_glossary(raw: Any) -> list[GlossaryEntry]:
    """Check the content of a glossary file and return its entries sorted by English term.

    Args:
        raw: the decoded JSON, an object with an ``"entries"`` list.

    Returns:
        The entries, sorted alphabetically (case-insensitive) by English term.

    Raises:
        ValueError: with a message naming the entry and the field at fault when a field is
            missing, empty or unknown, or when an id or a name is used twice.

    >>> [e.en for e in parse_glossary({"entries": [
    ...     {"id": "b", "en": "KPI", "fr": "KPI", "definition": "A measure."},
    ...     {"id": "a", "en": "Key Account", "fr": "Compte Clé", "definition": "A client."}]})]
    ['Key Account', 'KPI']
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise ValueError(t("glossary.error.no_entries", kind=type(raw).__name__))
    if not raw["entries"]:
        raise ValueError(t("errors.empty", name="The glossary's 'entries' list"))
    entries: list[GlossaryEntry] = []
    seen_ids: set[str] = set()
    seen_names: dict[str, str] = {}
    for number, item in enumerate(raw["entries"], start=1):
        if not isinstance(item, dict):
            raise ValueError(t("glossary.error.not_object", number=number, value=item))
        label = item.get("id", "?")
        where = t("glossary.where", number=number, id=label)
        for field in REQUIRED:
            if field not in item:
                raise ValueError(
                    t(
                        "glossary.error.missing",
                        where=where,
                        field=field,
                        required=", ".join(REQUIRED),
                    )
                )
        unknown = sorted(set(item) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            allowed = ", ".join(REQUIRED + OPTIONAL)
            raise ValueError(
                t("glossary.error.unknown", where=where, fields=", ".join(unknown), allowed=allowed)
            )
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list):
            raise ValueError(t("glossary.error.aliases", where=where, value=aliases))
        see = item.get("see")
        french_definition = item.get("definition_fr")
        entry = GlossaryEntry(
            id=_text(item["id"], where, "id"),
            en=_text(item["en"], where, "en"),
            fr=_text(item["fr"], where, "fr"),
            definition=_text(item["definition"], where, "definition"),
            aliases=tuple(_text(a, where, "aliases") for a in aliases),
            see=None if see is None else _text(see, where, "see"),
            definition_fr=None
            if french_definition is None
            else _text(french_definition, where, "definition_fr"),
        )
        if entry.id in seen_ids:
            raise ValueError(t("glossary.error.duplicate_id", where=where, id=entry.id))
        seen_ids.add(entry.id)
        own = {name.casefold(): name for name in reversed(entry.names)}
        for key, name in own.items():
            if key in seen_names:
                raise ValueError(
                    t(
                        "glossary.error.duplicate_name",
                        where=where,
                        name=name,
                        other=seen_names[key],
                    )
                )
            seen_names[key] = entry.id
        entries.append(entry)
    return sorted(entries, key=lambda e: e.en.casefold())


def load_glossary(path: str | Path | None = None) -> list[GlossaryEntry]:
    """Read and check a glossary JSON file (default: the course's own ``data/glossary.json``).

    Args:
        path: a JSON file with the same shape as the course's glossary, or None.

    Returns:
        The checked entries, sorted by English term.

    >>> load_glossary("no/such/file.json")
    Traceback (most recent call last):
        ...
    ValueError: The glossary file 'no/such/file.json' does not exist. ...
    """
    if path is None:
        text = resources.files("lessons").joinpath("data", "glossary.json").read_text("utf-8")
        source = "lessons/data/glossary.json"
    else:
        file = Path(path)
        if not file.is_file():
            raise ValueError(t("glossary.error.no_file", path=str(path)))
        text = file.read_text(encoding="utf-8")
        source = str(path)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            t("glossary.error.bad_json", path=source, line=error.lineno, reason=error.msg)
        ) from None
    return parse_glossary(raw)


def glossary_table_rows(
    entries: list[GlossaryEntry], lang: str | None = None
) -> list[tuple[str, str, str]]:
    """The plain-text rows of the glossary table: (English, French, definition).

    Args:
        entries: the glossary entries, e.g. from :func:`load_glossary`.
        lang: the language of the definitions (default: the current language).

    >>> glossary_table_rows(load_glossary())[0][0]
    'ABC analysis'
    >>> glossary_table_rows(load_glossary(), lang="fr")[0][2][:30]
    'Le classement des clients par '
    """
    return [(e.en, e.fr, e.definition_in(lang)) for e in entries]


# --- Sphinx ---------------------------------------------------------------------------------
# Imported lazily so that the package works without Sphinx (notebooks, tests of the loader).


def _build_table(directive: Any, entries: list[GlossaryEntry]) -> Any:
    from docutils import nodes
    from sphinx import addnodes

    env = directive.env
    std = env.get_domain("std")
    headers = [
        t("glossary.header.en"),
        t("glossary.header.fr"),
        t("glossary.header.definition"),
        t("glossary.header.see"),
    ]
    table = nodes.table(classes=["glossary-table", "colwidths-given"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (20, 22, 43, 15):
        group += nodes.colspec(colwidth=width)

    def row(cells: list[Any]) -> Any:
        line = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if isinstance(cell, nodes.Element) else nodes.paragraph(text=cell)
            line += entry
        return line

    head = nodes.thead()
    head += row(headers)
    group += head
    body = nodes.tbody()
    for item in entries:
        anchor = f"glossary-{item.id}"
        term = nodes.paragraph()
        if get_language() != "en":
            # Marked lang="en" (docutils writes no lang attribute itself) so that screen
            # readers, and the test looking for English words on French pages, know the
            # English column is English on purpose.
            term += nodes.raw(
                "", f'<strong lang="en">{html.escape(item.en)}</strong>', format="html"
            )
        else:
            term += nodes.strong(text=item.en)
        term["ids"].append(anchor)
        french = nodes.paragraph()
        french += nodes.emphasis(text=item.fr)
        french["lang"] = "fr"
        registered: set[str] = set()
        for name in item.names:
            for variant in (name, name.lower()):
                if variant not in registered:
                    std.note_object("term", variant, anchor, location=term)
                    registered.add(variant)
        link = nodes.paragraph()
        if item.see:
            ref = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="doc",
                reftarget="/" + item.see,
                refexplicit=False,
                refwarn=True,
                refdoc=env.docname,
            )
            ref += nodes.inline(text=item.see)
            link += ref
        body += row([term, french, item.definition_in(), link])
    group += body
    return table


def setup(app: Any) -> dict[str, Any]:
    """Register the ``glossary-table`` directive with Sphinx (listed in ``extra_extensions``)."""
    from sphinx.util.docutils import SphinxDirective

    class GlossaryTable(SphinxDirective):
        """Render the course glossary (``lessons/data/glossary.json``) as a table."""

        has_content = False

        def run(self) -> list[Any]:
            entries = load_glossary()
            glossary_file = resources.files("lessons").joinpath("data", "glossary.json")
            self.env.note_dependency(str(glossary_file))
            return [_build_table(self, entries)]

    app.add_directive("glossary-table", GlossaryTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
