"""Sphinx fixes that keep a learner's browser console clean (listed in ``extra_extensions``).

Sphinx 7.4 writes an inline ``<script>`` twice when an extension registers it after the builder
started: the builder keeps it under the file name ``None``, then re-adds it from the registry
under ``""``, and the two never compare equal. sphinx-thebe registers its settings that way
(``const THEBE_JS_URL = ...``), so every page of a Jupyter Book 1 site declares the constant
twice and the browser reports ``Identifier 'THEBE_JS_URL' has already been declared``. This
extension drops the second copy of any identical script before the page is written.

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

from typing import Any

__all__ = ["setup", "unique_scripts"]


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


def _drop_repeated_scripts(app: Any, pagename: str, templatename: str, context: dict, doctree):
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = unique_scripts(scripts)


def _always_copy_assets(app: Any, env: Any, added: set, changed: set, removed: set) -> list:
    return [env.config.root_doc]


def setup(app: Any) -> dict[str, Any]:
    """Connect the hooks: drop repeated inline scripts, always copy the site's assets."""
    app.connect("html-page-context", _drop_repeated_scripts)
    app.connect("env-get-outdated", _always_copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
