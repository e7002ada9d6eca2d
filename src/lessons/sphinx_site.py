"""Sphinx fixes that keep a learner's browser console clean (listed in ``extra_extensions``).

Sphinx 7.4 writes an inline ``<script>`` twice when an extension registers it after the builder
started: the builder keeps it under the file name ``None``, then re-adds it from the registry
under ``""``, and the two never compare equal. sphinx-thebe registers its settings that way
(``const THEBE_JS_URL = ...``), so every page of a Jupyter Book 1 site declares the constant
twice and the browser reports ``Identifier 'THEBE_JS_URL' has already been declared``. This
extension drops the second copy of any identical script before the page is written.

The theme's sidebar opens a chapter's sections with a ``<summary>`` that holds only a chevron
icon, so a screen reader announces an unnamed control (axe: summary-name, serious). Each such
``<summary>`` gets an ``aria-label`` naming the chapter (:func:`name_toc_toggles`).

On a phone, tables of three columns or more reflow into labelled rows (``_css/course.css``):
each cell shows its column's header before its value, read from the cell's ``data-label``.
:func:`label_table_cells` writes those labels (and ``scope`` on header cells) into every table
of a page as it is written: the prose tables Sphinx renders, the pandas tables of the
notebooks, the course's own result tables (which already carry them).

A folded code cell (the ``hide-input`` tag) opens with a ``<summary>`` that MyST-NB labels
"Toggle hidden content" while it shows "Show code cell source": a name that does not contain
the visible text (axe: label-content-name-mismatch, serious), and words a learner does not
need. :func:`fold_toggle_html` writes the toggle without the label, and a folded input reads
"Show code" / "Hide code" in the book's language (from the catalog).

It also keeps the site's own assets current: when no page changed, Sphinx stops before copying
static and extra files, so an edited ``_css/course.css`` or a new widget bundle from
``scripts/widget_js.sh`` would never reach ``_build/html``. Marking the root page as outdated
makes every build reach the copy step (one page re-read, well under a second).

>>> from types import SimpleNamespace as Script
>>> first = Script(filename=None, priority=500, attributes={"body": "const A = 1"})
>>> again = Script(filename="", priority=500, attributes={"body": "const A = 1"})
>>> other = Script(filename="doctools.js", priority=200, attributes={})
>>> [s.filename for s in unique_scripts([other, first, again])]
['doctools.js', None]
>>> unique_scripts(["doctools.js"])
Traceback (most recent call last):
    ...
TypeError: Expected a Sphinx script object (got 'doctools.js'): pass the page's script_files.
"""

from __future__ import annotations

import html
import re
from typing import Any

from myst_nb.sphinx_ import HideCodeCellNode  # MyST-NB's node for a folded code cell

from lessons.format import REFLOW_CLASS, REFLOW_COLUMNS
from lessons.i18n import t

__all__ = [
    "fold_toggle_html",
    "label_table_cells",
    "name_toc_toggles",
    "setup",
    "unique_scripts",
]

# <li class="... has-children ..."><a ...>Chapter title</a><details><summary> (theme markup)
_TOGGLE = re.compile(
    r'(<li class="[^"]*has-children[^"]*"><a [^>]*>(?P<title>.*?)</a>\s*<details[^>]*>\s*)'
    r"<summary>",
    re.S,
)


def _script_key(script: Any) -> tuple[Any, ...]:
    try:
        attributes = sorted(script.attributes.items())
        return (script.filename or "", script.priority, *attributes)
    except AttributeError:
        raise TypeError(
            f"Expected a Sphinx script object (got {script!r}): pass the page's script_files."
        ) from None


def unique_scripts(scripts: list[Any]) -> list[Any]:
    """Return ``scripts`` without repeats, keeping the first of each (order unchanged).

    Args:
        scripts: the page's script objects (``filename``, ``priority``, ``attributes``); a
            missing file name (``None``) and an empty one (``""``) both mean an inline script.

    Returns:
        A new list holding each distinct script once.
    """
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    return kept


def name_toc_toggles(toc_html: str) -> str:
    """Give each sidebar ``<summary>`` (a chapter's sections toggle) the chapter's name.

    Args:
        toc_html: the sidebar navigation HTML written by pydata-sphinx-theme.

    Returns:
        The same HTML, each toggle labelled "Sections of <chapter>" for screen readers.

    >>> out = name_toc_toggles('<li class="toctree-l1 has-children"><a href="kpi.html">'
    ...     "What is a KPI?</a><details><summary><span></span></summary></details></li>")
    >>> re.search(r"<summary[^>]*>", out).group()
    '<summary aria-label="Sections of What is a KPI?">'
    >>> name_toc_toggles(None)
    Traceback (most recent call last):
        ...
    TypeError: Expected the sidebar HTML as a string (got None).
    """
    if not isinstance(toc_html, str):
        raise TypeError(f"Expected the sidebar HTML as a string (got {toc_html!r}).")

    def label(match: re.Match) -> str:
        title = html.unescape(re.sub(r"<[^>]+>", "", match["title"])).strip()
        name = html.escape(t("sphinx_site.toc_toggle", title=title), quote=True)
        return f'{match[1]}<summary aria-label="{name}">'

    return _TOGGLE.sub(label, toc_html)


# A table with no table inside it; scripts and styles are left as they are (a widget's stored
# state holds HTML tables as JSON text).
_TABLE = re.compile(r"<table\b(?:(?!<table\b).)*?</table>", re.S | re.I)
_VERBATIM = re.compile(r"(<(script|style)\b.*?</\2>)", re.S | re.I)
_SECTION = re.compile(r"<(thead|tbody|tfoot)\b[^>]*>(.*?)</\1>", re.S | re.I)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S | re.I)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S | re.I)
_SPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d+)""", re.I)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.I | re.S)


def _text(cell_html: str) -> str:
    """What a header cell says, as plain text (tags dropped, entities read, spaces joined)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell_html)).split())


def _span(attributes: str) -> int:
    found = _SPAN.search(attributes)
    return max(1, int(found.group(1))) if found else 1


def _headers(head_html: str) -> list[str]:
    """The label of each column: the texts of the header rows above it, joined."""
    labels: dict[int, list[str]] = {}
    for row in _ROW.findall(head_html):
        column = 0
        for _tag, attributes, content in _CELL.findall(row):
            for offset in range(_span(attributes)):
                if (text := _text(content)) and offset == 0:
                    labels.setdefault(column, []).append(text)
                column += 1
    width = max(labels, default=-1) + 1
    return [" ".join(labels.get(column, [])) for column in range(width)]


def _label_row(row: str, headers: list[str], *, head: bool) -> str:
    column = 0

    def cell(match: re.Match) -> str:
        nonlocal column
        tag, attributes, content = match.groups()
        label = headers[column] if column < len(headers) else ""
        column += _span(attributes)
        if tag.lower() == "th" and "scope=" not in attributes.lower():
            attributes += ' scope="col"' if head else ' scope="row"'
        if not head and label and "data-label=" not in attributes.lower():
            attributes += f' data-label="{html.escape(label, quote=True)}"'
        return f"<{tag}{attributes}>{content}</{tag}>"

    return _CELL.sub(cell, row)


def _label_table(table: str) -> str:
    head = re.search(r"<thead\b[^>]*>(.*?)</thead>", table, re.S | re.I)
    if head is None:
        return table
    headers = _headers(head.group(1))

    def section(match: re.Match) -> str:
        is_head = match.group(1).lower() == "thead"
        return _ROW.sub(lambda row: _label_row(row.group(), headers, head=is_head), match.group())

    table = _SECTION.sub(section, table)
    if len(headers) < REFLOW_COLUMNS:
        return table
    opening = re.match(r"<table\b[^>]*>", table, re.I).group()
    if REFLOW_CLASS in opening:
        return table
    found = _CLASS.search(opening)
    if found:
        marked = opening[: found.end(2)] + f" {REFLOW_CLASS}" + opening[found.end(2) :]
    else:
        marked = opening[:-1] + f' class="{REFLOW_CLASS}">'
    return marked + table[len(opening) :]


def label_table_cells(page_html: str) -> str:
    """Label every body cell of every table with its column's header, for the phone reflow.

    Each ``<td>``/``<th>`` of a table's body gets ``data-label`` (the header above it, as
    plain text; colspans counted), header cells get ``scope`` (``col`` in the head, ``row``
    in the body), and a table of :data:`lessons.format.REFLOW_COLUMNS` columns or more gets
    the class :data:`lessons.format.REFLOW_CLASS`. Labels already there are kept; tables
    without a ``<thead>``, tables holding another table, and anything inside ``<script>`` or
    ``<style>`` are left as they are.

    Args:
        page_html: the HTML of a page's body.

    Returns:
        The same HTML with the tables labelled.

    >>> out = label_table_cells('<table class="table"><thead><tr><th></th><th><p>Key</p></th>'
    ...     '<th>KPI</th></tr></thead><tbody><tr><th>what</th><td>a <b>customer</b></td>'
    ...     '<td>a value</td></tr></tbody></table>')
    >>> for tag in re.findall(r"<table[^>]*>|<t[hd](?: [^>]*)?>", out):
    ...     print(tag)
    <table class="table lessons-reflow">
    <th scope="col">
    <th scope="col">
    <th scope="col">
    <th scope="row">
    <td data-label="Key">
    <td data-label="KPI">
    >>> "a <b>customer</b>" in out
    True
    >>> label_table_cells(None)
    Traceback (most recent call last):
        ...
    TypeError: Expected the page's HTML as a string (got None).
    """
    if not isinstance(page_html, str):
        raise TypeError(f"Expected the page's HTML as a string (got {page_html!r}).")
    parts = _VERBATIM.split(page_html)
    # split() with two groups gives [text, block, tag name, text, block, tag name, ...]
    for index in range(0, len(parts), 3):
        parts[index] = _TABLE.sub(lambda m: _label_table(m.group()), parts[index])
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)


def _label_tables(app: Any, pagename: str, templatename: str, context: dict, doctree):
    if isinstance(context.get("body"), str):
        context["body"] = label_table_cells(context["body"])


def fold_toggle_html(classes: str, show: str, hide: str) -> str:
    """The opening of a folded code cell: a ``<details>`` whose toggle is named by its text.

    >>> print(fold_toggle_html("above-input", "Show code", "Hide code"))
    <details class="admonition hide above-input">
    <summary>
    <p class="collapsed admonition-title">Show code</p>
    <p class="expanded admonition-title">Hide code</p>
    </summary>
    <BLANKLINE>
    """
    return (
        f'<details class="admonition hide {html.escape(classes)}">\n<summary>\n'
        f'<p class="collapsed admonition-title">{html.escape(show)}</p>\n'
        f'<p class="expanded admonition-title">{html.escape(hide)}</p>\n</summary>\n'
    )


def _visit_fold(translator: Any, node: Any) -> None:
    show, hide = node["prompt_show"], node["prompt_hide"]
    if "above-input" in node["classes"]:  # a folded input, not folded outputs
        show, hide = t("sphinx_site.show_code"), t("sphinx_site.hide_code")
    translator.body.append(fold_toggle_html(" ".join(node["classes"]), show, hide))


def _depart_fold(translator: Any, node: Any) -> None:
    translator.body.append("</details>\n")


def _label_sidebar_toggles(app: Any, pagename: str, templatename: str, context: dict, doctree):
    generate = context.get("generate_toctree_html")
    if callable(generate) and not getattr(generate, "_labels_toggles", False):

        def labelled(*args: Any, **kwargs: Any) -> Any:
            produced = generate(*args, **kwargs)
            text = name_toc_toggles(str(produced))
            if isinstance(produced, str):
                return text
            # The theme hands back a BeautifulSoup: rebuild one with its parser named.
            return type(produced)(text, "html.parser")

        labelled._labels_toggles = True
        context["generate_toctree_html"] = labelled


def _drop_repeated_scripts(app: Any, pagename: str, templatename: str, context: dict, doctree):
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = unique_scripts(scripts)


def _always_copy_assets(app: Any, env: Any, added: set, changed: set, removed: set) -> list:
    return [env.config.root_doc]


def setup(app: Any) -> dict[str, Any]:
    """Connect the hooks: unique scripts, labelled table cells, named sidebar toggles, assets
    always copied."""
    app.connect("html-page-context", _drop_repeated_scripts)
    app.connect("html-page-context", _label_tables)
    # after pydata-sphinx-theme (priority 500) has put its sidebar function in the context
    app.connect("html-page-context", _label_sidebar_toggles, priority=900)
    app.connect("env-get-outdated", _always_copy_assets)
    app.add_node(HideCodeCellNode, override=True, html=(_visit_fold, _depart_fold))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
