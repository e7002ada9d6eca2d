"""From a path or an upload to text: the file's bytes, what they are, and their encoding.

* :func:`read_source` opens the file read-only, refuses what is not a regular file (a
  folder, a device such as ``/dev/zero``, a pipe) before reading, and reads at most
  :data:`~lessons.yourdata.rules.MAX_FILE_BYTES`;
* :func:`file_kind` tells a workbook from a text file by the content (its first bytes), not
  by the name: a PNG, a PDF, a Word document or a binary file renamed ``.csv`` is diagnosed;
* :func:`decode` finds the encoding: a BOM (UTF-8, UTF-16), UTF-8, Windows-1252, and a file
  that mixes UTF-8 and Windows-1252 lines (an export appended to by two programs), which is
  read line by line so that "Société" stays one customer.

>>> decode("Café;1\\n".encode("cp1252"), None, "x.csv").encoding
'cp1252'
>>> mixed = "Société;1\\n".encode() + "Société;2\\n".encode("cp1252")
>>> decoded = decode(mixed, None, "x.csv")
>>> decoded.data.decode(decoded.parser_encoding).splitlines()
['Société;1', 'Société;2']
>>> file_kind(b"\\x89PNG\\r\\n\\x1a\\n....", "ventes.csv")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: ventes.csv is a PNG image, not a table. ...
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lessons import format as fmt
from lessons.i18n import t
from lessons.yourdata.messages import DataError, option
from lessons.yourdata.rules import MAX_FILE_BYTES

__all__ = ["Decoded", "decode", "display_name", "file_kind", "read_source"]

# The first bytes of files people upload by mistake, and what each is (a catalog key).
_MAGIC = (
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!", "archive"),
    (b"\x7fELF", "program"),
    (b"SQLite format 3", "database"),
    (b"PAR1", "parquet"),
    (b"{\\rtf", "rtf"),
)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # old Office files: .xls, .doc, .msg
# A character of more than one byte in UTF-8: only UTF-8 text has these byte pairs often.
_UTF8_CHAR = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SHOWN_LINES = 5


@dataclass(frozen=True)
class Decoded:
    """The file's text as the CSV parser reads it, and how it was found.

    ``data`` is the original bytes when they can be parsed as they are, or the text written
    again in UTF-8 (a UTF-16 file, or lines in two encodings). ``encoding`` is what the report
    says (``"cp1252"``, ``"utf-16"``, ``"utf-8 + cp1252"``); ``parser_encoding`` is what the
    parser uses; ``notes`` are what the learner should know.
    """

    data: bytes
    encoding: str
    parser_encoding: str
    notes: tuple[str, ...] = ()


def display_name(source: Any, name: str | None) -> str:
    """The file's name as reports show it: no folders (they differ between machines)."""
    if name:
        return str(name)
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return t("yourdata.uploaded_file")


def _too_big(name: str, size: int | None, limit: int) -> DataError:
    shown = fmt.number(size / 1e6, 0) if size is not None else t("yourdata.more_than")
    return DataError(
        t(
            "yourdata.error.too_big",
            name=name,
            size=shown,
            limit=fmt.number(limit / 1e6, 0),
            option=option("max_bytes", 2 * limit),
        )
    )


def read_source(source: Any, *, max_bytes: int = MAX_FILE_BYTES, name: str | None = None) -> bytes:
    """The bytes of the file (a path, an open file or the content itself), read-only.

    Args:
        source: a path (text or :class:`~pathlib.Path`), a binary file object, or bytes.
        max_bytes: read at most this many bytes; a larger file is refused with a message.
        name: the name messages use (default: the file's own name).

    Returns:
        the content, as bytes.

    Raises:
        DataError: the file is missing, a folder, a device or a pipe, unreadable (no
            permission, locked by another program) or larger than ``max_bytes``.

    >>> read_source("/dev/zero")
    Traceback (most recent call last):
        ...
    lessons.yourdata.DataError: /dev/zero is not a regular file (it is a device or a pipe, \
which could be read forever). Give the path of a .csv or .xlsx file.
    """
    shown = display_name(source, name)
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) > max_bytes:
            raise _too_big(shown, len(source), max_bytes)
        return bytes(source)
    if hasattr(source, "read"):
        data = _read_capped(source, max_bytes)
        if data is None:
            raise _too_big(shown, None, max_bytes)
        return data
    if not isinstance(source, (str, os.PathLike)):
        raise DataError(t("yourdata.error.bad_source", type=type(source).__name__))
    path = Path(source)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataError(t("yourdata.error.missing_file", path=str(path), cwd=os.getcwd())) from None
    except OSError as error:
        raise _os_error(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError(t("yourdata.error.not_a_file", path=str(path)))
    if not stat.S_ISREG(info.st_mode):
        # A device or a FIFO has no end (or blocks until a writer comes): never read one.
        raise DataError(t("yourdata.error.not_regular", path=str(path)))
    if info.st_size > max_bytes:
        raise _too_big(shown, info.st_size, max_bytes)
    try:
        with path.open("rb") as handle:
            data = _read_capped(handle, max_bytes, info.st_size)
    except OSError as error:
        raise _os_error(path, error) from None
    if data is None:  # the file grew while it was read
        raise _too_big(shown, None, max_bytes)
    return data


def _read_capped(handle: Any, limit: int, expected: int = 0) -> bytes | None:
    """All of ``handle`` if it holds at most ``limit`` bytes, else ``None``.

    Read in pieces: ``read(limit)`` would reserve the whole limit in memory at once.
    """
    parts, total = [], 0
    piece = max(expected + 1, 1)
    while True:
        chunk = handle.read(min(piece, limit + 1 - total))
        if not chunk:
            break
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        parts.append(bytes(chunk))
        total += len(chunk)
        if total > limit:
            return None
        piece = 16 * 2**20
    return b"".join(parts) if len(parts) != 1 else parts[0]


def _os_error(path: Path, error: OSError) -> DataError:
    if isinstance(error, PermissionError):
        return DataError(t("yourdata.error.permission", path=str(path)))
    return DataError(t("yourdata.error.os_error", path=str(path), detail=error.strerror or error))


def file_kind(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """``"excel"`` or ``"csv"``, decided by the content, and a note if the name says otherwise.

    Raises:
        DataError: the content is an image, a PDF, an archive, an old ``.xls`` or Word file,
            a program, or binary data (NUL bytes that are not UTF-16 text).
    """
    lower = name.lower()
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DataError(
                t("yourdata.error.binary_kind", name=name, what=t(f"yourdata.kind.{what}"))
            )
    if data.startswith(_OLE):
        raise DataError(t("yourdata.error.old_office", name=name))
    if data.startswith(_ZIP):
        head = data[:65536]
        named_excel = lower.endswith((".xlsx", ".xlsm"))
        if b"word/" in head and b"xl/" not in head:
            raise DataError(t("yourdata.error.word", name=name))
        if not named_excel and b"xl/" not in head:
            raise DataError(t("yourdata.error.zip", name=name))
        notes = (
            () if lower.endswith((".xlsx", ".xlsm")) else (t("yourdata.note.named_csv", name=name),)
        )
        return "excel", notes
    sample = data[:4096]
    if sample.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<table")):
        raise DataError(t("yourdata.error.html", name=name))
    if (
        b"\x00" in sample
        and _utf16_without_bom(sample) is None
        and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ):
        raise DataError(t("yourdata.error.binary", name=name))
    notes = ()
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        notes = (t("yourdata.note.named_excel", name=name),)
    return "csv", notes


def _utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if every other byte is NUL, as in UTF-16 text."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _lines_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_SHOWN_LINES])
    return shown + (
        t("yourdata.and_more", count=len(numbers) - _SHOWN_LINES)
        if len(numbers) > _SHOWN_LINES
        else ""
    )


def _classify_lines(data: bytes) -> tuple[list[int], list[int]]:
    """Line numbers (1-based) of non-ASCII lines that are valid UTF-8, and of those that are not."""
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
        else:
            utf8.append(number)
    return utf8, other


def _per_line(data: bytes, fallback: str) -> bytes:
    """The text again in UTF-8, each line decoded in its own encoding (UTF-8, else ``fallback``)."""
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode(fallback, errors="replace"))
    return "\n".join(lines).encode("utf-8")


def _single_byte(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"  # decodes any byte: the last resort, never fails
    return "cp1252"


def decode(data: bytes, encoding: str | None, name: str) -> Decoded:
    """The encoding given (checked) or detected, and the text the parser will read.

    Args:
        data: the file's bytes; encoding: e.g. ``"utf-8"``, ``"cp1252"``, or ``None`` to
            detect it; name: the file name for messages.

    Returns:
        a :class:`Decoded`.

    Raises:
        DataError: an unknown encoding, or bytes the encoding given cannot read.
    """
    if encoding:
        return _given(data, encoding, name)
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[3:], data, "utf-8-sig", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _utf16(data, "utf-16", name)
    bomless = _utf16_without_bom(data[:4096])
    if bomless:
        return _utf16(data, bomless, name)
    return _utf8(data, data, "utf-8", name)


def _utf8(body: bytes, data: bytes, label: str, name: str) -> Decoded:
    """UTF-8 if it reads; else Windows-1252, or both mixed line by line."""
    if body.isascii():
        return Decoded(data, label, label)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(data, label, label)
    fallback = _single_byte(body)
    if _UTF8_CHAR.search(body) is None:  # no UTF-8 character anywhere: one encoding
        return Decoded(data, fallback, fallback)
    utf8, other = _classify_lines(data)
    if not utf8:
        return Decoded(data, fallback, fallback)
    note = t(
        "yourdata.note.mixed_encoding",
        name=name,
        other=fallback,
        lines=_lines_text(other),
        count=len(other),
        utf8=_lines_text(utf8),
    )
    return Decoded(_per_line(body, fallback), f"utf-8 + {fallback}", "utf-8", (note,))


def _utf16(data: bytes, codec: str, name: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise DataError(t("yourdata.error.bad_utf16", name=name)) from None
    return Decoded(text.lstrip("\ufeff").encode("utf-8"), "utf-16", "utf-8")


def _given(data: bytes, encoding: str, name: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise DataError(
            t("yourdata.error.unknown_encoding", encoding=encoding, detect=option("encoding", None))
        ) from None
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        return _utf16(data, codec, name)
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        utf8, other = _classify_lines(data) if codec == "utf-8" else ([], [])
        hint = ""
        if utf8 and other:
            hint = t(
                "yourdata.hint.mixed", lines=_lines_text(other), detect=option("encoding", None)
            )
        raise DataError(
            t(
                "yourdata.error.wrong_encoding",
                name=name,
                encoding=encoding,
                line=line,
                byte=data[error.start : error.start + 1].hex(),
                cp1252=option("encoding", "cp1252"),
                detect=option("encoding", None),
            )
            + hint
        ) from None
    label = "utf-8-sig" if codec == "utf-8" and data.startswith(codecs.BOM_UTF8) else codec
    notes: tuple[str, ...] = ()
    if not codec.startswith("utf") and _UTF8_CHAR.search(data):
        utf8, _ = _classify_lines(data)
        if utf8:
            notes = (
                t(
                    "yourdata.note.utf8_lines",
                    name=name,
                    encoding=encoding,
                    lines=_lines_text(utf8),
                    detect=option("encoding", None),
                ),
            )
    return Decoded(data, label, label, notes)
