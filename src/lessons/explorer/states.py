"""Every state of a panel written as files the page loads on demand, cached by code and grid.

For one explorer, :func:`build` writes into ``<root>/<name>/``:

* ``f/<hash>.svg``: each distinct figure once (a state shares most figures with others), named
  after its content, compacted (:func:`compact_svg`);
* ``s/<index>.js``: one state, a call ``lessonsExplorer.receive(name, index, state)``: a script
  the page injects, which also works when the site is opened from disk (``file://``, where a
  browser refuses ``fetch``), holding the figures' file names and alt texts, the tables'
  HTML, the statuses a screen reader hears and, for a refused state, the message;
* ``page.json``: what the page itself needs (labels, value texts, the default state);
* ``key.txt``: the cache key (:func:`cache_key`): a hash of the package's sources and data,
  the library versions, the grid and the language. A build whose key matches the folder's
  does nothing.

States are drawn in a pool of processes (one per core) with the same code as the live panel
(:mod:`lessons.explorer.panels`, :mod:`lessons.explorer.views`).

>>> compact_svg(b'<svg>\\n <path d="M 0 1.234567 \\nL 2 3"/>\\n</svg>')
b'<svg><path d="M 0 1.23 L 2 3"/></svg>'
>>> cache_key("bakery", "en")
Traceback (most recent call last):
    ...
ValueError: There is no explorer named 'bakery'. Explorers: software_bank, manufacturer, ...
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from lessons.charts.style import to_svg
from lessons.explorer.grids import grid
from lessons.explorer.panels import SitePanel, site_panel
from lessons.explorer.views import Picture
from lessons.i18n import set_language, t

__all__ = [
    "FORMAT",
    "PanelBuild",
    "build",
    "cache_key",
    "compact_svg",
    "page_data",
    "render_state",
    "sources_digest",
]

#: Version of the files' layout: a change to it rebuilds every cache.
FORMAT = "1"
#: Inches to CSS pixels, as the course's inline figures are sized (100 px per inch).
_PX_PER_INCH = 100
#: Libraries whose version changes a drawing.
_LIBRARIES = ("matplotlib", "numpy", "pandas", "babel")

_PROLOG = re.compile(rb"\A<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?")
_METADATA = re.compile(rb"<metadata>.*?</metadata>\s*", re.S)
_BETWEEN_TAGS = re.compile(rb">\s*\n\s*<")
_GEOMETRY = re.compile(rb'(\s(?:d|x|y|points|transform)=")([^"]*)"')
_DECIMALS = re.compile(rb"(-?\d+\.\d\d)\d+")
_SPACES = re.compile(rb"\s+")
_FONT = re.compile(rb"font-family: ([^;\"]+)(; )?")


def compact_svg(svg: bytes) -> bytes:
    """A matplotlib SVG made smaller for the site, the same drawing.

    Drops the XML prolog and the metadata block, the indentation between tags, and every
    coordinate's decimals beyond the second (a hundredth of a point); writes the one font list
    once, in the file's style sheet, instead of on every text. Text content is left as it is.
    """
    svg = _PROLOG.sub(b"", svg)
    svg = _METADATA.sub(b"", svg)
    svg = _BETWEEN_TAGS.sub(b"><", svg)

    def geometry(match: re.Match) -> bytes:
        value = _SPACES.sub(b" ", _DECIMALS.sub(rb"\1", match[2])).strip()
        return match[1] + value + b'"'

    svg = _GEOMETRY.sub(geometry, svg)
    fonts = set(_FONT.findall(svg))
    if len({family for family, _ in fonts}) == 1 and b"</style>" in svg:
        family = next(iter(fonts))[0]
        svg = _FONT.sub(b"", svg).replace(b'style=""', b"")
        svg = svg.replace(b"</style>", b"text{font-family:" + family + b"}</style>", 1)
    return svg


#: Files that write the page, not a state: changing them redraws nothing.
_PAGE_ONLY = ("static/", "sphinx_", "explorer/page.py")


def sources_digest() -> str:
    """A hash of every source and data file of the package a state depends on, and of the
    versions of the libraries that draw (the site's JS, CSS and page writers left out)."""
    root = Path(str(resources.files("lessons")))
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (
            not path.is_file()
            or "__pycache__" in path.parts
            or path.suffix == ".pyc"
            or relative.startswith(_PAGE_ONLY)
        ):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    return digest.hexdigest()


def cache_key(name: str, lang: str, digest: str | None = None) -> str:
    """The key of an explorer's states: sources, grid, language and file format."""
    spec = grid(name).spec()
    text = "\0".join([FORMAT, name, lang, spec, digest or sources_digest()])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# ------------------------------------------------------------------------- one state


class _Figures:
    """Writes figures once, by content, and remembers the entry of each Picture it wrote."""

    def __init__(self, folder: Path):
        self.folder = folder / "f"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.entries: dict[int, tuple[Picture, dict]] = {}
        self.bytes_written = 0

    def _file(self, fig: Figure) -> tuple[str, int, int]:
        svg = compact_svg(to_svg(fig))
        name = hashlib.sha1(svg).hexdigest()[:16] + ".svg"
        path = self.folder / name
        if not path.exists():
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(svg)
            partial.replace(path)  # atomic: the other worker may write the same figure
            self.bytes_written += len(svg)
        width, height = fig.get_size_inches()
        return name, round(width * _PX_PER_INCH), round(height * _PX_PER_INCH)

    def entry(self, picture: Picture) -> dict:
        """``{"w": wide file, "x": width, "y": height, "a": alt}``, plus ``"p"``, ``"px"``,
        ``"py"`` for a phone variant."""
        known = self.entries.get(id(picture))
        if known is not None:
            return known[1]
        wide, width, height = self._file(picture.wide())
        entry: dict[str, Any] = {"w": wide, "x": width, "y": height, "a": picture.alt}
        phone = picture.phone()
        if phone is not None:
            entry["p"], entry["px"], entry["py"] = self._file(phone)
        # Keep the picture alive: its id must not be reused by another one.
        self.entries[id(picture)] = (picture, entry)
        return entry


def render_state(site: SitePanel, index: int, figures: _Figures) -> dict:
    """One state as the page reads it: ``f`` figure entries (``None``: keep, ``{}``: hide),
    ``h`` HTML parts (``None``: keep), ``s`` statuses, ``m`` the refusal message or ``None``."""
    drawn = site.draw(site.grid.values_at(index))
    entries = []
    for picture in drawn.figures:
        if picture is None:
            entries.append(None)
        elif picture is False:
            entries.append({})
        else:
            entries.append(figures.entry(picture))
    return {"f": entries, "h": drawn.html, "s": drawn.statuses, "m": drawn.message}


def _script(name: str, index: int, state: Mapping) -> str:
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    # U+2028 and U+2029 end a line in older JavaScript: written escaped, they are only text.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"lessonsExplorer.receive({json.dumps(name)},{index},{data});\n"


# ------------------------------------------------------------------------- the page's data


def page_data(site: SitePanel, default_state: Mapping) -> dict:
    """What the page of an explorer needs: its controls (labels, value texts, default
    positions), the fixed controls (label, shown value, reason), the slots, the strides that
    turn positions into a state number, the default state and the texts of the script."""
    g = site.grid
    positions = dict(zip((c.name for c in g.controls), g.positions(g.default_index), strict=True))
    controls = []
    for control in g.controls:
        entry: dict[str, Any] = {
            "name": control.name,
            "kind": control.kind,
            "label": site.label(control.name),
            "position": positions[control.name],
            "steps": control.steps,
        }
        if control.depends:
            entry["depends"] = list(control.depends)
            entry["texts_by"] = {
                ",".join(
                    str(g.control(d).values.index(v))
                    for d, v in zip(control.depends, key, strict=True)
                ): [
                    site.text(control.name, value, dict(zip(control.depends, key, strict=True)))
                    for value in values
                ]
                for key, values in control.by.items()
            }
        else:
            entry["texts"] = [site.text(control.name, value) for value in control.values]
        controls.append(entry)
    fixed = []
    for name in g.fixed:
        follows = site.fixed_follows(name)
        entry = {"name": name, "label": site.label(name)}
        if follows is None:
            value = site.fixed_value(name)
            entry["text"] = site.text(name, value)
            entry["reason"] = t("explorer.fixed.reason")
        else:
            options = g.control(follows).values
            entry["follows"] = follows
            entry["texts"] = [site.example_field(option, name) for option in options]
            entry["reason"] = t("explorer.fixed.reason_example")
        fixed.append(entry)
    return {
        "name": g.name,
        "title": site.title,
        "size": g.size,
        "strides": list(g.strides),
        "default": g.default_index,
        "controls": controls,
        "fixed": fixed,
        "slots": [list(slot) for slot in site.slots],
        "state": dict(default_state),
        "strings": {
            key: t(f"explorer.{key}")
            for key in (
                "intro",
                "noscript",
                "fixed.legend",
                "controls.legend",
                "change",
                "refused.title",
                "refused.keep",
            )
        }
        | {"load": t("explorer.error.load", url="{url}"), "region": t("charts.figure.region")},
    }


# ------------------------------------------------------------------------- the pool

_SITES: dict[tuple[str, str], tuple[SitePanel, _Figures]] = {}


def _worker(lang: str) -> None:
    set_language(lang)


def _site(name: str, lang: str, folder: Path) -> tuple[SitePanel, _Figures]:
    key = (name, str(folder))
    if key not in _SITES:
        set_language(lang)
        _SITES[key] = (site_panel(name), _Figures(folder))
    return _SITES[key]


def _render_chunk(name: str, lang: str, folder: str, indices: list[int]) -> dict:
    """Draw and write some states of one explorer (in a worker process)."""
    start = time.process_time()
    site, figures = _site(name, lang, Path(folder))
    before = figures.bytes_written
    states = Path(folder) / "s"
    written, default = 0, None
    for index in indices:
        state = render_state(site, index, figures)
        script = _script(name, index, state)
        (states / f"{index}.js").write_text(script, encoding="utf-8")
        written += len(script.encode())
        if index == site.grid.default_index:
            default = state
    extra = {}
    if default is not None:
        extra["page"] = page_data(site, default)
    return {
        "states": len(indices),
        "bytes": written + figures.bytes_written - before,
        "seconds": time.process_time() - start,
        **extra,
    }


@dataclass
class PanelBuild:
    """What :func:`build` did for one explorer.

    Attributes:
        name: the explorer.
        folder: where its files are.
        cached: True when the folder already held these states (nothing drawn).
        states: number of states.
        seconds: processor time spent drawing them (all workers), 0 when cached.
        bytes: bytes of its files (figures and states).
    """

    name: str
    folder: Path
    cached: bool
    states: int
    seconds: float
    bytes: int

    @property
    def page(self) -> dict:
        """The page's data (``page.json``)."""
        return json.loads((self.folder / "page.json").read_text(encoding="utf-8"))


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _chunks(size: int, workers: int) -> list[list[int]]:
    # Consecutive states share parts (the last control moves fastest): contiguous chunks keep
    # a worker's caches warm; a few chunks per worker balance the load.
    count = max(1, min(size, workers * 4))
    step = -(-size // count)
    return [list(range(i, min(size, i + step))) for i in range(0, size, step)]


def build(
    names: Iterable[str],
    root: Path,
    lang: str = "en",
    *,
    workers: int | None = None,
    log=print,
) -> dict[str, PanelBuild]:
    """Write the states of every explorer in ``names`` under ``root``, reusing a folder whose
    cache key matches; any other folder under ``root`` is removed (``root`` is the site's
    ``_explorer/``, which holds the explorers of the book). Returns a :class:`PanelBuild` per
    explorer.

    Args:
        names: explorers (:data:`lessons.explorer.grids.EXPLORERS`).
        root: the folder of all explorers (the site's ``_explorer/``).
        lang: the language of every text (the Sphinx ``language``).
        workers: processes drawing states (default: one per core).
        log: called with a line of progress.
    """
    names = list(dict.fromkeys(names))
    digest = sources_digest()
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.iterdir():  # an explorer no page uses any more, an interrupted build
        if stale.is_dir() and stale.name not in names:
            shutil.rmtree(stale, ignore_errors=True)
    results: dict[str, PanelBuild] = {}
    todo: dict[str, tuple[str, Path]] = {}
    for name in names:
        key = cache_key(name, lang, digest)
        folder = root / name
        stamp = folder / "key.txt"
        if (
            stamp.is_file()
            and stamp.read_text().strip() == key
            and (folder / "page.json").is_file()
        ):
            results[name] = PanelBuild(
                name, folder, True, grid(name).size, 0.0, _folder_bytes(folder)
            )
            continue
        partial = root / f".{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        (partial / "s").mkdir(parents=True)
        todo[name] = (key, partial)
    if not todo:
        return results
    workers = workers or os.cpu_count() or 1
    totals = {name: {"states": 0, "bytes": 0, "seconds": 0.0} for name in todo}
    pages: dict[str, dict] = {}
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker, initargs=(lang,)) as pool:
        futures = {
            pool.submit(_render_chunk, name, lang, str(partial), chunk): name
            for name, (_key, partial) in todo.items()
            for chunk in _chunks(grid(name).size, workers)
        }
        for future in as_completed(futures):
            name = futures[future]
            done = future.result()
            for field_name in ("states", "bytes", "seconds"):
                totals[name][field_name] += done[field_name]
            if "page" in done:
                pages[name] = done["page"]
    for name, (key, partial) in todo.items():
        (partial / "page.json").write_text(
            json.dumps(pages[name], ensure_ascii=False), encoding="utf-8"
        )
        (partial / "key.txt").write_text(key + "\n")
        folder = root / name
        shutil.rmtree(folder, ignore_errors=True)
        partial.replace(folder)
        figures = len(list((folder / "f").iterdir()))
        build_ = PanelBuild(
            name,
            folder,
            False,
            totals[name]["states"],
            totals[name]["seconds"],
            _folder_bytes(folder),
        )
        results[name] = build_
        log(
            f"explorer {name}: {build_.states} states, {figures} figures, "
            f"{build_.seconds:.1f} s of drawing, {build_.bytes / 1e6:.1f} MB"
        )
    return {name: results[name] for name in names}
