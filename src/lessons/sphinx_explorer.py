"""Sphinx extension: an ``explorer`` directive, a course panel that answers on the static site.

Write in a notebook's markdown cell (its "Live panel" section) or a MyST page::

    ```{explorer} restaurant
    ```

and the page shows the restaurant panel as native, labelled controls (``<input type="range">``
and ``<select>``), its figure and its KPI table. Every state of the panel's grid
(:mod:`lessons.explorer.grids`) is computed while the site is built, by the package, with the
code the live panel runs (:mod:`lessons.explorer.views`), and written under
``_build/html/_explorer/<name>/`` (:mod:`lessons.explorer.states`); in the browser a small
self-written script (``_static/explorer/explorer.js``) only loads the state the controls point
at. The states are cached by a hash of the package and the grid: a rebuild with nothing
changed draws nothing. They are drawn in the Sphinx config's ``language``.

On a page with an explorer and no ipywidgets view left (the live panel's cell is tagged
``remove-output``), the widget manager MyST-NB would add for the notebook's stored widget state
(require.js, embed-amd.js and the state script) is not shipped: about 4 MB less to load.

Known explorers: :data:`lessons.explorer.grids.EXPLORERS`. An unknown name is a build error
that lists them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from lessons.explorer.grids import grid
from lessons.explorer.page import explorer_html
from lessons.explorer.states import PanelBuild, build, cache_key, sources_digest
from lessons.i18n import available_languages
from lessons.sphinx_quiz import STATIC_DIR

__all__ = ["ExplorerDirective", "explorer_node", "setup"]

_LOG = logging.getLogger(__name__)
#: The folder of every explorer's files, at the root of the site.
FOLDER = "_explorer"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class explorer_node(nodes.General, nodes.Element):
    """Placeholder for an explorer, written once its states exist."""


def _language(app: Any) -> str:
    lang = (getattr(app.config, "language", None) or "en").split("_")[0]
    return lang if lang in available_languages() else "en"


def _docs(env: Any) -> dict[str, dict[str, str]]:
    """Explorers by page: ``{docname: {name: cache key when the page was read}}``."""
    if not hasattr(env, "lessons_explorers"):
        env.lessons_explorers = {}
    return env.lessons_explorers


class ExplorerDirective(SphinxDirective):
    """``{explorer} <name>``: the panel ``name`` with its precomputed states."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[Any]:
        name = self.arguments[0].strip()
        try:
            grid(name)
        except ValueError as error:
            raise self.error(str(error)) from None
        node = explorer_node()
        node["name"] = name
        node["serial"] = self.env.new_serialno("lessons-explorer")
        key = cache_key(name, _language(self.env.app), _digest(self.env.app))
        _docs(self.env).setdefault(self.env.docname, {})[name] = key
        return [node]


def _digest(app: Any) -> str:
    # One hash of the package per build: every directive and check of this build shares it.
    if not hasattr(app, "_lessons_sources_digest"):
        app._lessons_sources_digest = sources_digest()
    return app._lessons_sources_digest


def _purge(app: Any, env: Any, docname: str) -> None:
    _docs(env).pop(docname, None)


def _merge(app: Any, env: Any, docnames: set, other: Any) -> None:
    for docname in docnames:
        if docname in _docs(other):
            _docs(env)[docname] = _docs(other)[docname]


def _outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Pages whose explorers' states changed since they were read: they are read and written
    again, since their HTML holds the default state's figures."""
    lang, digest = _language(app), _digest(app)
    return [
        docname
        for docname, keys in _docs(env).items()
        if any(cache_key(name, lang, digest) != key for name, key in keys.items())
    ]


def _drop_widget_manager(app: Any, doctree: Any) -> None:
    """On a page whose explorer replaces the live panel's snapshot, ship no widget manager."""
    if next(iter(doctree.findall(explorer_node)), None) is None:
        return
    if any(_WIDGET_VIEW in raw.astext() for raw in doctree.findall(nodes.raw)):
        return  # another widget is still shown on the page: it needs the manager
    docname = app.env.docname
    metadata = getattr(app.env, "nb_metadata", {}).get(docname, {})
    js_files = metadata.get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets_")]:
        del js_files[key]


def _build_states(app: Any, env: Any) -> None:
    if app.builder.format != "html":
        return
    names = sorted({name for keys in _docs(env).values() for name in keys})
    if not names:
        return
    root = Path(app.outdir) / FOLDER
    app._lessons_explorers = build(names, root, _language(app), log=_LOG.info)


def _visit_html(translator: Any, node: explorer_node) -> None:
    app = translator.builder.app
    built: dict[str, PanelBuild] = getattr(app, "_lessons_explorers", {})
    name = node["name"]
    if name not in built:  # the states were built before this page was read (rebuild)
        _build_states(app, app.env)
        built = app._lessons_explorers
    docname = translator.builder.current_docname
    base = posixpath.relpath(f"{FOLDER}/{name}", posixpath.dirname(docname) or ".") + "/"
    translator.body.append(explorer_html(built[name].page, base=base, serial=node["serial"]))
    raise nodes.SkipNode


def _skip(translator: Any, node: explorer_node) -> None:
    raise nodes.SkipNode


def _add_static_path(app: Any) -> None:
    if str(STATIC_DIR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC_DIR))


def _add_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is not None and next(iter(doctree.findall(explorer_node)), None) is not None:
        app.add_css_file("explorer/explorer.css")
        app.add_js_file("explorer/explorer.js", defer="defer")


def setup(app: Any) -> dict[str, Any]:
    """Register the ``explorer`` directive, its node, its hooks and its JS/CSS."""
    app.add_node(
        explorer_node,
        html=(_visit_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("explorer", ExplorerDirective)
    app.connect("builder-inited", _add_static_path)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    # After MyST-NB has stored the page's scripts (while the notebook was parsed).
    app.connect("doctree-read", _drop_widget_manager)
    app.connect("env-updated", _build_states)
    app.connect("html-page-context", _add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
