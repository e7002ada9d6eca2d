"""The course's editions: English at the site's root, French under ``fr/``, page for page.

Each edition is a Jupyter Book in its own folder of the repository (:data:`EDITION_FOLDERS`),
and the built site mirrors that layout: ``fr/book/kpi.md`` is published as
``fr/book/kpi.html``, next to ``book/kpi.html``. A page and its translation share one
*docname* (``book/kpi``), so the link from one to the other is computed, never mapped by hand.

A translated page records which English text it was translated from: the hash of the English
source (with the files it includes), in its front matter (``translation: english_sha256``) or,
for a notebook, in its metadata. When the English page changes, its translation is *stale*
until a translator carries the change over and stamps it again (``python -m lessons.editions
stamp fr/book/kpi.md``). ``python -m lessons.editions status`` lists what is missing or stale.

No Sphinx here: the extension :mod:`lessons.sphinx_i18n`, the tests and translators use it.

>>> counterpart_href("book/kpi", "en", "fr"), counterpart_href("book/kpi", "fr", "en")
('../fr/book/kpi.html', '../../book/kpi.html')
>>> counterpart_href("book/kpi", "en", "de")
Traceback (most recent call last):
    ...
ValueError: The course has no 'de' edition. Its editions: en (the repository root), fr (fr/).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "EDITION_FOLDERS",
    "SOURCE_SUFFIXES",
    "TocSlot",
    "TranslationState",
    "counterpart_href",
    "edition_dir",
    "english_commit_of",
    "included_files",
    "main",
    "notebook_dirs",
    "read_toc",
    "recorded_hash",
    "source_hash",
    "source_of",
    "stamp",
    "toc_differences",
    "translation_states",
]

#: Where each edition's book lives, relative to the repository root (and to the site's root).
EDITION_FOLDERS = {"en": "", "fr": "fr"}
#: The source file types of a page, in the order Jupyter Book looks for them.
SOURCE_SUFFIXES = (".md", ".ipynb")
#: The key of the translation record (front matter of a page, metadata of a notebook).
RECORD_KEY = "translation"

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_INCLUDE = re.compile(r"^[`:]{3,}\{include\}\s+(\S+)\s*$", re.M)


def _folder(lang: str) -> str:
    if lang not in EDITION_FOLDERS:
        known = ", ".join(
            f"{code} ({folder + '/' if folder else 'the repository root'})"
            for code, folder in EDITION_FOLDERS.items()
        )
        raise ValueError(f"The course has no {lang!r} edition. Its editions: {known}.")
    return EDITION_FOLDERS[lang]


def edition_dir(repo: Path, lang: str) -> Path:
    """The folder of one edition's book (``repo`` for English, ``repo/fr`` for French)."""
    folder = _folder(lang)
    return Path(repo) / folder if folder else Path(repo)


def notebook_dirs(repo: Path) -> list[Path]:
    """The notebook folder of each edition, English first (``notebooks``, ``fr/notebooks``)."""
    return [edition_dir(repo, lang) / "notebooks" for lang in EDITION_FOLDERS]


def counterpart_href(docname: str, from_lang: str, to_lang: str, suffix: str = ".html") -> str:
    """The relative URL from a page of one edition to the same page of another edition.

    Args:
        docname: the page's Sphinx docname, the same in every edition (``book/kpi``).
        from_lang: the edition of the page the link is on.
        to_lang: the edition the link leads to.
        suffix: the file suffix of a built page.

    Returns:
        A URL relative to the page, valid over http and from ``file://`` alike.
    """
    if not isinstance(docname, str) or not docname or docname.startswith("/"):
        raise ValueError(f"Expected a docname such as 'book/kpi' (got {docname!r}).")
    up = "../" * docname.count("/")
    here, there = _folder(from_lang) or ".", _folder(to_lang) or "."
    between = posixpath.relpath(there, here)
    prefix = "" if between == "." else between + "/"
    return f"{up}{prefix}{docname}{suffix}"


def source_of(book: Path, docname: str) -> Path | None:
    """The source file of a page in a book (``.md`` or ``.ipynb``), or ``None`` if absent."""
    for suffix in SOURCE_SUFFIXES:
        path = Path(book) / f"{docname}{suffix}"
        if path.is_file():
            return path
    return None


# --------------------------------------------------------------------------- tables of contents


@dataclass(frozen=True)
class TocSlot:
    """One page in a table of contents: where it sits, not what it is called.

    Args:
        docname: the page (``book/kpi``).
        part: the index of its part (0 for the first caption), ``None`` for the root page.
        parent: the page it is a section of, ``None`` for a chapter.
    """

    docname: str
    part: int | None
    parent: str | None


def _docname(entry: str) -> str:
    for suffix in SOURCE_SUFFIXES:
        if entry.endswith(suffix):
            return entry[: -len(suffix)]
    return entry


def read_toc(toc_path: Path) -> list[TocSlot]:
    """Every page of a Jupyter Book ``_toc.yml`` (``jb-book`` format), in reading order.

    >>> read_toc(Path("no/_toc.yml"))
    Traceback (most recent call last):
        ...
    ValueError: No table of contents at no/_toc.yml: each edition's book needs a _toc.yml.
    """
    toc_path = Path(toc_path)
    if not toc_path.is_file():
        raise ValueError(
            f"No table of contents at {toc_path}: each edition's book needs a _toc.yml."
        )
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8")) or {}
    if "root" not in toc:
        raise ValueError(f"{toc_path} has no 'root' page: the first page of the book.")
    slots = [TocSlot(_docname(toc["root"]), None, None)]

    def walk(entries: list[Any], part: int | None, parent: str | None) -> None:
        for entry in entries or []:
            if not isinstance(entry, dict) or "file" not in entry:
                raise ValueError(
                    f"{toc_path}: every entry must be a 'file:' (got {entry!r}); the editions "
                    "are compared page by page."
                )
            name = _docname(entry["file"])
            slots.append(TocSlot(name, part, parent))
            walk(entry.get("sections", []), part, name)

    for number, part in enumerate(toc.get("parts", [])):
        walk(part.get("chapters", []), number, None)
    walk(toc.get("chapters", []), None, None)
    return slots


def _place(slot: TocSlot) -> tuple[int | None, str | None]:
    return slot.part, slot.parent


def toc_differences(english: list[TocSlot], other: list[TocSlot]) -> dict[str, list[str]]:
    """How a translation's table of contents departs from the English one.

    Returns:
        ``{"missing": [...], "extra": [...], "moved": [...]}``: English pages absent from the
        translation, pages of the translation absent from English, and pages present in both
        but in another part, under another parent or in another order. Empty lists when the
        two have the same structure.

    >>> en = [TocSlot("a", None, None), TocSlot("b", 0, None), TocSlot("c", 0, "b")]
    >>> toc_differences(en, [TocSlot("a", None, None), TocSlot("c", 0, None)])["moved"]
    ['c: English has it in part 1 under b, the translation in part 1 as a chapter']
    """
    mine = {s.docname: s for s in other}
    theirs = {s.docname: s for s in english}

    def where(slot: TocSlot) -> str:
        part = "as the root page" if slot.part is None else f"in part {slot.part + 1}"
        return f"{part} {'under ' + slot.parent if slot.parent else 'as a chapter'}"

    moved = [
        f"{s.docname}: English has it {where(s)}, the translation {where(mine[s.docname])}"
        for s in english
        if s.docname in mine
        and (s.part, s.parent) != (mine[s.docname].part, mine[s.docname].parent)
    ]
    shared = [s.docname for s in english if s.docname in mine]
    order = [s.docname for s in other if s.docname in theirs]
    if shared != order and not moved:
        moved.append(f"the pages come in another order: English {shared}, translation {order}")
    return {
        "missing": [s.docname for s in english if s.docname not in mine],
        "extra": [s.docname for s in other if s.docname not in theirs],
        "moved": moved,
    }


# --------------------------------------------------------------------------- source hashes


def included_files(path: Path) -> list[Path]:
    """The files a MyST page pulls in with ``{include}``, recursively, in order."""
    path = Path(path)
    if path.suffix != ".md" or not path.is_file():
        return []
    found: list[Path] = []
    for target in _INCLUDE.findall(path.read_text(encoding="utf-8")):
        child = (path.parent / target).resolve()
        if child.is_file() and child not in found:
            found.append(child)
            found.extend(c for c in included_files(child) if c not in found)
    return found


def _page_text(path: Path, text: str) -> str:
    """What a translation follows: a notebook's cell types and sources (never its outputs)."""
    if path.suffix != ".ipynb":
        return text.replace("\r\n", "\n")
    cells = json.loads(text).get("cells", [])
    return json.dumps(
        [(c.get("cell_type"), "".join(c.get("source", ""))) for c in cells], ensure_ascii=False
    )


def _digest(parts: list[str]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8"))
        sha.update(b"\0")
    return sha.hexdigest()[:16]


def source_hash(path: Path) -> str:
    """A short hash of what a translator translates: the page and every file it includes.

    >>> source_hash(Path("no/such/page.md"))
    Traceback (most recent call last):
        ...
    ValueError: No page at no/such/page.md to hash: give an .md or .ipynb file of the book.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"No page at {path} to hash: give an .md or .ipynb file of the book.")
    files = [path, *included_files(path)]
    return _digest([_page_text(f, f.read_text(encoding="utf-8")) for f in files])


def _read_record(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        record = json.loads(text).get("metadata", {}).get(RECORD_KEY)
    else:
        match = _FRONT_MATTER.match(text)
        record = (yaml.safe_load(match[1]) or {}).get(RECORD_KEY) if match else None
    return record if isinstance(record, dict) else {}


def recorded_hash(path: Path) -> str | None:
    """The English hash a translated page was stamped with, or ``None`` if it has none."""
    value = _read_record(Path(path)).get("english_sha256")
    return str(value) if value else None


def _record_block(of: str, digest: str) -> str:
    return f"{RECORD_KEY}:\n  of: {of}\n  english_sha256: {digest}\n"


def stamp(path: Path, repo: Path, lang: str = "fr") -> str:
    """Record in a translated page the hash of its English page as it is now; return the hash.

    Run it once the translation says what the English page says. The page's other front
    matter (or notebook metadata) is kept.

    >>> stamp(Path("fr/book/none.md"), Path("."))
    Traceback (most recent call last):
        ...
    ValueError: No page at fr/book/none.md to stamp: give a page of the fr edition (fr/...).
    """
    path, repo = Path(path), Path(repo)
    book = edition_dir(repo, lang).resolve()
    if not path.is_file() or not path.resolve().is_relative_to(book):
        raise ValueError(
            f"No page at {path} to stamp: give a page of the {lang} edition ({_folder(lang)}/...)."
        )
    relative = path.resolve().relative_to(book)
    docname = _docname(relative.as_posix())
    english = source_of(edition_dir(repo, "en"), docname)
    if english is None:
        raise ValueError(
            f"{path} has no English page {docname}.md or .ipynb: a translated page keeps the "
            "English page's name and folder."
        )
    digest = source_hash(english)
    of = english.resolve().relative_to(Path(repo).resolve()).as_posix()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        nb = json.loads(text)
        nb.setdefault("metadata", {})[RECORD_KEY] = {"of": of, "english_sha256": digest}
        path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return digest
    match = _FRONT_MATTER.match(text)
    if match is None:
        text = f"---\n{_record_block(of, digest)}---\n{text}"
    else:
        others = re.sub(rf"^{RECORD_KEY}:\n(?:[ \t]+.*\n)*", "", match[1], flags=re.M)
        text = f"---\n{others}{_record_block(of, digest)}---\n{text[match.end() :]}"
    path.write_text(text, encoding="utf-8")
    return digest


def english_commit_of(repo: Path, english: Path, digest: str, limit: int = 200) -> str | None:
    """The most recent commit in which the English page had hash ``digest`` (git), or None."""
    repo = Path(repo).resolve()
    rel = Path(english).resolve().relative_to(repo).as_posix()
    try:
        log = subprocess.run(
            ["git", "-C", str(repo), "log", f"-{limit}", "--format=%H", "--", rel],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None

    def show(commit: str, path: str) -> str | None:
        shown = subprocess.run(
            ["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, text=True
        )
        return shown.stdout if shown.returncode == 0 else None

    for commit in log:
        text = show(commit, rel)
        if text is None:
            continue
        parts = [_page_text(Path(rel), text)]
        for target in _INCLUDE.findall(text) if rel.endswith(".md") else []:
            child = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            included = show(commit, child)
            if included is not None:
                parts.append(_page_text(Path(child), included))
        if _digest(parts) == digest:
            return commit
    return None


@dataclass(frozen=True)
class TranslationState:
    """Where one English page stands in another edition.

    Args:
        docname: the page (``book/kpi``).
        state: ``"current"`` (stamped with the English page as it is), ``"stale"`` (stamped
            with an older English version), ``"unstamped"`` (no record), ``"missing"``.
        english: the English source file.
        translation: the translated file, ``None`` when missing.
    """

    docname: str
    state: str
    english: Path
    translation: Path | None

    def message(self, repo: Path) -> str:
        """What a translator reads about this page, with the command that fixes it."""
        repo = Path(repo).resolve()
        en = self.english.resolve().relative_to(repo).as_posix()
        if self.translation is None:
            return f"{self.docname}: no translation of {en} yet"
        fr = self.translation.resolve().relative_to(repo).as_posix()
        fix = f"then run: python -m lessons.editions stamp {fr}"
        if self.state == "unstamped":
            return f"{fr} records no English version ({RECORD_KEY}: english_sha256): {fix}"
        if self.state == "stale":
            recorded = recorded_hash(self.translation) or ""
            commit = english_commit_of(repo, self.english, recorded)
            files = " ".join(
                [
                    en,
                    *(
                        p.resolve().relative_to(repo).as_posix()
                        for p in included_files(self.english)
                    ),
                ]
            )
            since = (
                f" (see what changed: git diff {commit[:10]} -- {files})"
                if commit
                else " (its recorded English version is not in the last commits)"
            )
            return (
                f"{fr} was translated from an older English version of {en}: update it{since}; "
                + fix
            )
        return f"{fr}: up to date with {en}"


def translation_states(repo: Path, lang: str = "fr") -> list[TranslationState]:
    """The state of every page of the English table of contents in edition ``lang``."""
    repo = Path(repo)
    en_book, book = edition_dir(repo, "en"), edition_dir(repo, lang)
    states = []
    for slot in read_toc(en_book / "_toc.yml"):
        english = source_of(en_book, slot.docname)
        if english is None:
            raise ValueError(
                f"The English table of contents lists {slot.docname}, which has no .md or "
                ".ipynb file."
            )
        translated = source_of(book, slot.docname)
        if translated is None:
            state = "missing"
        else:
            recorded = recorded_hash(translated)
            state = (
                "unstamped"
                if recorded is None
                else "current"
                if recorded == source_hash(english)
                else "stale"
            )
        states.append(TranslationState(slot.docname, state, english, translated))
    return states


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """``python -m lessons.editions status [LANG]`` or ``stamp FILE...``; exit 1 if not current."""
    args = list(sys.argv[1:] if argv is None else argv)
    repo = Path.cwd()
    if args[:1] == ["stamp"] and len(args) > 1:
        for name in args[1:]:
            try:
                digest = stamp(Path(name), repo)
            except ValueError as error:
                print(f"stamp: {error}", file=sys.stderr)
                return 2
            print(f"{name}: stamped with the English version {digest}")
        return 0
    if args[:1] == ["status"] and len(args) <= 2:
        lang = args[1] if len(args) == 2 else "fr"
        try:
            states = translation_states(repo, lang)
        except ValueError as error:
            print(f"status: {error}", file=sys.stderr)
            return 2
        counts: dict[str, int] = {}
        for s in states:
            counts[s.state] = counts.get(s.state, 0) + 1
            print(f"{s.state:>9}  {s.message(repo)}")
        summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
        print(f"{lang}: {len(states)} pages in the English table of contents: {summary}")
        return 0 if counts.get("current", 0) == len(states) else 1
    print(
        "usage: python -m lessons.editions status [LANG]\n"
        "       python -m lessons.editions stamp FILE...   (run from the repository root)",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
