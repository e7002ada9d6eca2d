"""Sphinx extension: an ``objectives`` directive that shows a page's learning objectives.

Near the top of a page (a MyST page or a notebook's markdown cell)::

    ```{objectives} kpi
    ```

renders a "What you will learn" box: "By the end of this chapter you will be able to:" and
the page's objectives from ``lessons/data/objectives.json`` (:mod:`lessons.objectives`). In
the page's summary, the same directive with ``:recall:`` lists them again after "You can
now:". One source for both, so a translation is written once.

>>> [n.tagname for n in objectives_nodes("kpi", recall=False, lang="en")]
['admonition']
>>> objectives_nodes("kpi", recall=True, lang="en")[0].astext()
'You can now:'
>>> objectives_nodes("marketing", recall=False, lang="en")
Traceback (most recent call last):
    ...
ValueError: No objectives for 'marketing'. Pages with objectives: key-account, kpi, ...
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from lessons.i18n import available_languages, t
from lessons.objectives import objectives_file, objectives_for

__all__ = ["ObjectivesDirective", "objectives_nodes", "setup"]


def objectives_nodes(key: str, *, recall: bool, lang: str) -> list[nodes.Node]:
    """The docutils nodes of a page's objectives: a titled box, or the summary's recall list.

    Args:
        key: the page key in ``objectives.json`` (``kpi``, ``scorecard``).
        recall: ``True`` in the summary ("You can now:"), ``False`` at the top of the page.
        lang: language of the texts (English where a text is not translated).

    Returns:
        ``[admonition]`` for the box, ``[paragraph, bullet_list]`` for the recall.
    """
    found = objectives_for(key)
    items = nodes.bullet_list()
    for o in found:
        items += nodes.list_item("", nodes.paragraph(text=o.phrase(lang)))
    head = nodes.paragraph(text=t("objectives.recall" if recall else "objectives.intro", lang=lang))
    if recall:
        head["classes"].append("objectives-recall")
        return [head, items]
    box = nodes.admonition(classes=["objectives", "note"])
    box += nodes.title(text=t("objectives.title", lang=lang))
    box += head
    box += items
    return [box]


class ObjectivesDirective(SphinxDirective):
    """``{objectives} <page key>``: the page's objectives; ``:recall:`` for its summary."""

    required_arguments = 1
    has_content = False
    option_spec = {"recall": directives.flag}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        lang = (getattr(self.config, "language", None) or "en").split("_")[0]
        lang = lang if lang in available_languages() else "en"
        try:
            found = objectives_nodes(
                self.arguments[0].strip(), recall="recall" in self.options, lang=lang
            )
        except ValueError as error:
            raise self.error(t("objectives.error.directive", lang=lang, error=error)) from None
        self.env.note_dependency(str(objectives_file()))
        return found


def setup(app: Any) -> dict[str, Any]:
    """Register the ``objectives`` directive (``sphinx.extra_extensions`` in ``_config.yml``)."""
    app.add_directive("objectives", ObjectivesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
