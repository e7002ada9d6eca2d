"""The HTML of an explorer on a page: labelled native controls, the outputs, the script's data.

Everything here is written at build time from the data :func:`lessons.explorer.states.page_data`
prepared: the labels, every value text (``aria-valuetext`` and the visible ``<output>``), the
default state's figures and tables. The page's script (``_static/explorer/explorer.js``) only
picks another state's files when a control moves. Every text is escaped; the tables' HTML
comes escaped from :mod:`lessons.format` and :mod:`lessons.tables`.

>>> page = {"name": "demo", "title": "Explore", "strides": [1], "default": 0, "size": 2,
...         "controls": [{"name": "x", "kind": "range", "label": "Price <€>", "position": 0,
...                       "steps": 2, "texts": ["€1", "€2"]}],
...         "fixed": [], "slots": [["html", "table"]], "state": {"f": [], "h": ["<p>1</p>"],
...         "s": {}, "m": None}, "strings": {"intro": "i", "noscript": "n", "change": "c",
...         "fixed.legend": "f", "controls.legend": "Controls", "refused.title": "r",
...         "refused.keep": "k", "load": "l", "region": "Figure"}}
>>> html = explorer_html(page, base="../_explorer/demo/", serial=0)
>>> 'aria-valuetext="€1"' in html, "Price &lt;€&gt;" in html
(True, True)
>>> explorer_html({}, base="", serial=0)
Traceback (most recent call last):
    ...
ValueError: explorer_html needs the page data of lessons.explorer.states.page_data (missing: ...
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["PHONE_MEDIA", "explorer_html", "figure_html"]

#: Where a figure's phone variant applies (the course's phone breakpoint).
PHONE_MEDIA = "(max-width: 599px)"
#: Narrowest a wide figure is drawn (px) before its box scrolls sideways: text stays readable.
_MIN_WIDTH = 540
_KEYS = (
    "name",
    "title",
    "size",
    "strides",
    "default",
    "controls",
    "fixed",
    "slots",
    "state",
    "strings",
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def figure_html(entry: Mapping[str, Any] | None, base: str) -> str:
    """The ``<picture>`` of one figure entry of a state (``""`` when the slot is hidden)."""
    if not entry:
        return ""
    width, height = entry["x"], entry["y"]
    source = ""
    if entry.get("p"):
        source = (
            f'<source media="{PHONE_MEDIA}" srcset="{_e(base + "f/" + entry["p"])}" '
            f'width="{entry["px"]}" height="{entry["py"]}">'
        )
    style = f"--lx-w:{width}px;--lx-min:{min(width, _MIN_WIDTH)}px"
    return (
        f'<picture>{source}<img class="lessons-figure" src="{_e(base + "f/" + entry["w"])}" '
        f'alt="{_e(entry["a"])}" width="{width}" height="{height}" style="{style}"></picture>'
    )


def _control(control: Mapping[str, Any], prefix: str, texts: list[str]) -> str:
    cid = f"{prefix}-{control['name']}"
    label = f'<label for="{cid}">{_e(control["label"])}</label>'
    position = control["position"]
    if control["kind"] == "select":
        options = "".join(
            f'<option value="{i}"{" selected" if i == position else ""}>{_e(text)}</option>'
            for i, text in enumerate(texts)
        )
        field = f'<select id="{cid}" data-lx-control="{_e(control["name"])}">{options}</select>'
    else:
        text = texts[position]
        field = (
            f'<input type="range" id="{cid}" data-lx-control="{_e(control["name"])}" min="0" '
            f'max="{control["steps"] - 1}" step="1" value="{position}" '
            f'aria-valuetext="{_e(text)}">'
            f'<output for="{cid}" aria-hidden="true">{_e(text)}</output>'
        )
    return f'<div class="lx-control lx-{control["kind"]}">{label}{field}</div>'


def _texts(control: Mapping[str, Any], positions: Mapping[str, int]) -> list[str]:
    if "texts" in control:
        return control["texts"]
    key = ",".join(str(positions[name]) for name in control["depends"])
    return control["texts_by"][key]


def explorer_html(page: Mapping[str, Any], *, base: str, serial: int) -> str:
    """The explorer's section for a page.

    Args:
        page: :func:`lessons.explorer.states.page_data` of the explorer.
        base: URL of the explorer's folder relative to the page (``../_explorer/restaurant/``).
        serial: a number unique within the page (ids of the controls).
    """
    missing = [key for key in _KEYS if key not in page]
    if missing:
        raise ValueError(
            "explorer_html needs the page data of lessons.explorer.states.page_data "
            f"(missing: {', '.join(missing)})."
        )
    prefix = f"lx{serial}"
    strings = page["strings"]
    positions = {c["name"]: c["position"] for c in page["controls"]}
    moved = "".join(_control(c, prefix, _texts(c, positions)) for c in page["controls"])
    fixed = ""
    if page["fixed"]:
        reasons: dict[str, str] = {}
        rows = []
        for item in page["fixed"]:
            reason_id = reasons.setdefault(item["reason"], f"{prefix}-why{len(reasons)}")
            if "follows" in item:
                value = item["texts"][positions[item["follows"]]]
                follows = f' data-lx-follows="{_e(item["follows"])}"'
            else:
                value, follows = item["text"], ""
            fid = f"{prefix}-fixed-{item['name']}"
            rows.append(
                f'<div class="lx-control lx-fixed-control"><label for="{fid}">'
                f'{_e(item["label"])}</label><input type="text" id="{fid}" value="{_e(value)}" '
                f'disabled aria-describedby="{reason_id}" data-lx-fixed="{_e(item["name"])}"'
                f"{follows}></div>"
            )
        notes = "".join(
            f'<p class="lx-reason" id="{rid}">{_e(reason)}</p>' for reason, rid in reasons.items()
        )
        fixed = (
            f'<fieldset class="lx-fixed"><legend>{_e(strings["fixed.legend"])}</legend>'
            f"{notes}{''.join(rows)}</fieldset>"
        )
    state = page["state"]
    slots, figures, parts = [], iter(state["f"]), iter(state["h"])
    for number, (kind, name) in enumerate(page["slots"]):
        if kind == "figure":
            entry = next(figures)
            phone = " lx-phone" if entry and entry.get("p") else ""
            hidden = "" if entry else " hidden"
            slots.append(
                f'<div class="lx-slot lx-figure lessons-figure-box{phone}" data-lx-slot="{number}"'
                f' data-lx-part="{_e(name)}" role="region" tabindex="0" '
                f'aria-label="{_e(strings["region"])}"{hidden}>{figure_html(entry, base)}</div>'
            )
        else:
            slots.append(
                f'<div class="lx-slot lx-html" data-lx-slot="{number}" data-lx-part="{_e(name)}">'
                f"{next(parts) or ''}</div>"
            )
    config = {key: page[key] for key in ("name", "strides", "default", "size", "controls", "fixed")}
    config["slots"] = [kind for kind, _ in page["slots"]]
    config["strings"] = strings
    config["statuses"] = state["s"]
    data = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<section class="lx" id="{prefix}" data-lx="{_e(page["name"])}" '
        f'data-lx-base="{_e(base)}" data-lx-shown="{page["default"]}" '
        f'aria-labelledby="{prefix}-title">'
        f'<p class="lx-title" id="{prefix}-title"><strong>{_e(page["title"])}</strong></p>'
        f'<p class="lx-intro">{_e(strings["intro"])}</p>'
        f'<noscript><p class="lx-noscript">{_e(strings["noscript"])}</p></noscript>'
        f'<script type="application/json" class="lx-config">{data}</script>'
        f'<fieldset class="lx-controls"><legend>{_e(strings["controls.legend"])}</legend>'
        f"{moved}</fieldset>{fixed}"
        '<p class="lx-status" role="status" aria-live="polite"></p>'
        '<div class="lx-message" role="alert"></div>'
        f'<div class="lx-outputs">{"".join(slots)}</div></section>'
    )
