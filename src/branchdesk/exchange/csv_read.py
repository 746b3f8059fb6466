"""CSV files of the import pipeline as ``RawSheet`` rows, their encoding decided and checked.

A CSV file is UTF-8 (with or without BOM) when the whole file decodes as UTF-8 strictly with
no character that is never text (``_UTF8_FORBIDDEN``); else it is CP932 when the whole file
decodes as CP932 strictly with none of ``_CP932_FORBIDDEN``; else it is refused with
``csv_encoding_unknown`` and the line where the decoding that went furthest failed.

The UTF-8 verdict is reached when the file is opened, so that ``RawSheet.encoding`` is known
before its rows are read (a CP932 file fails it within its first non-ASCII bytes). A CP932 file
is decoded once: its first read (``_DECODE_CHUNK`` bytes, the whole of a small file) is decoded
and checked when the file is opened and kept; the rest is decoded and checked as its rows are
read, so a failure there is raised by the row iteration, with the same line number
``csv_encoding`` gives. The importer holds one transaction per import, so that error leaves the
store as it was. The UTF-8 check searches the text for forbidden characters only in reads that
hold a byte their encoding starts with (NUL, 0xC2).

csv.reader gets the lines ``open(..., newline="")`` would give, cut from the decoded blocks
(``_Cp932Lines``: ``str.splitlines`` unless a block holds a character only it splits at), and
rows skip ``_unguarded`` while no block read so far held an apostrophe.

Rows are records counted from 1 as Excel shows them, cells are always str, and one leading
apostrophe (branchdesk's formula protection on export, exchange.md §4) is removed.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple, Protocol

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.model import RawSheet, Row

__all__ = ["csv_encoding", "csv_sheet"]

#: Never text in a CSV from head office: NUL and C1 controls; after CP932 also the private use
#: area, where bytes that are not Shift_JIS characters (0xA0, 0xFD–0xFF) and user-defined
#: characters (外字) land, and where Latin-1 text read as CP932 usually does.
_UTF8_FORBIDDEN = re.compile("[\x00\x80-\x9f]")
_CP932_FORBIDDEN = re.compile("[\x00\x80-\x9f\ue000-\uf8ff]")
#: The forbidden characters of CP932 and those ``str.splitlines`` splits at but universal
#: newlines do not (\x85 is forbidden already): one search finds both.
_CP932_SCAN = re.compile("[\x00\x80-\x9f\ue000-\uf8ff\x0b\x0c\x1c-\x1e\u2028\u2029]")
#: Bytes a UTF-8 forbidden character's encoding starts with (NUL, and 0xC2 of U+0080–U+00BF).
_UTF8_MARKS = (b"\x00", b"\xc2")
_DECODE_CHUNK = 1 << 20


class _Undecodable(Exception):
    """The text fails its encoding at ``line``: a strict decoding error or a forbidden character."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _Rule(NamedTuple):
    """What decoded text must not hold, and how it is searched."""

    forbidden: re.Pattern[str]
    scan: re.Pattern[str]  # ``forbidden``, or it and the characters only splitlines splits at
    marks: tuple[bytes, ...] = ()  # when set: a read without any of them needs no search


_UTF8 = _Rule(_UTF8_FORBIDDEN, _UTF8_FORBIDDEN, _UTF8_MARKS)
_CP932 = _Rule(_CP932_FORBIDDEN, _CP932_SCAN)


class _Head(NamedTuple):
    """The first read of a CP932 file (with the final decoding when that was all of it),
    decoded and checked when the file was opened."""

    blocks: list[tuple[str, bool]]
    end: int  # the offset reading goes on from; -1 when the file is whole in ``blocks``
    state: tuple[bytes, int]  # the decoder's state at ``end``
    line: int  # the line number at ``end``


def csv_encoding(path: Path) -> str:
    """"utf-8-sig", "utf-8" or "cp932": the first that decodes the whole file strictly.

    Raises ``InputRejected("csv_encoding_unknown")`` with the line where the decoding that
    went furthest failed. The file is decoded in chunks, never held whole in memory.
    """
    utf8_line = _utf8_line(path)
    if utf8_line is None:
        return "utf-8-sig" if _has_bom(path) else "utf-8"
    try:
        with path.open("rb") as f:
            for _ in _checked_blocks(f, _decoder("cp932"), _CP932):
                pass
    except _Undecodable as e:
        raise _refused(path, utf8_line, e) from e
    return "cp932"


def csv_sheet(path: Path) -> RawSheet:
    """The one sheet of the CSV file ``path``, its encoding decided (see the module).

    Raises ``InputRejected("csv_encoding_unknown")`` for a file refused within its first read;
    its ``rows()`` raise it for a CP932 file that fails further on, and
    ``InputRejected("csv_malformed")`` with the record's number for a record csv refuses.
    """
    utf8_line = _utf8_line(path)
    if utf8_line is None:
        encoding = "utf-8-sig" if _has_bom(path) else "utf-8"
        return _sheet(path, encoding, lambda: _Utf8Lines(path, encoding), 0)
    head = _cp932_head(path, utf8_line)
    return _sheet(path, "cp932", lambda: _Cp932Lines(path, head), utf8_line)


def _sheet(path: Path, encoding: str, source: Callable[[], _Lines], utf8_line: int) -> RawSheet:
    def rows() -> Iterator[Row]:
        return _csv_rows(path, source, utf8_line)

    return RawSheet(path=path, name=path.name, rows=rows, from_csv=True, encoding=encoding)


def _refused(path: Path, utf8_line: int, failed: _Undecodable) -> InputRejected:
    return InputRejected("csv_encoding_unknown", path=str(path), line=max(utf8_line, failed.line))


def _has_bom(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(3) == codecs.BOM_UTF8


def _decoder(encoding: str) -> codecs.IncrementalDecoder:
    return codecs.getincrementaldecoder(encoding)("strict")


def _utf8_line(path: Path) -> int | None:
    """None when the whole file is UTF-8 without a forbidden character, else the line where
    that fails."""
    try:
        with path.open("rb") as f:
            for _ in _checked_blocks(f, _decoder("utf-8"), _UTF8):
                pass
    except _Undecodable as e:
        return e.line
    return None


def _checked_blocks(f: BinaryIO, decoder: codecs.IncrementalDecoder, rule: _Rule,
                    line: int = 1) -> Iterator[tuple[str, bool]]:
    """(text, plain) of each read of ``f`` from where it is to its end, the last being the
    decoder's final text; ``line`` is the line number where ``f`` is. Each text is decoded
    strictly and searched with ``rule``; ``plain`` is False when ``rule.scan`` found a
    character only splitlines splits at. Raises ``_Undecodable`` at the first failure."""
    while True:
        before = decoder.getstate()[0] if rule.marks else b""
        chunk = f.read(_DECODE_CHUNK)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as e:
            raise _Undecodable(line + chunk.count(b"\n", 0, max(e.start, 0))) from e
        if rule.marks and not any(m in before or m in chunk for m in rule.marks):
            yield text, True
        else:
            yield text, _plain(text, rule, line)
        if not chunk:
            return
        line += text.count("\n")


def _plain(text: str, rule: _Rule, line: int) -> bool:
    """True when ``rule.scan`` finds nothing in ``text``; raises ``_Undecodable`` at its first
    forbidden character, ``line`` being the line number where ``text`` starts."""
    hit = rule.scan.search(text)
    if hit is None:
        return True
    bad = rule.forbidden.search(text, hit.start())
    if bad is not None:
        raise _Undecodable(line + text.count("\n", 0, bad.start()))
    return False


def _cp932_head(path: Path, utf8_line: int) -> _Head:
    """The file's first read decoded as CP932 and checked, and the final decoding too when
    that read was the whole file. Raises ``InputRejected("csv_encoding_unknown")``."""
    decoder = _decoder("cp932")
    with path.open("rb") as f:
        blocks = _checked_blocks(f, decoder, _CP932)
        try:
            head = [next(blocks)]
            end = f.tell()
            if end >= os.fstat(f.fileno()).st_size:
                head.extend(blocks)
                end = -1
        except _Undecodable as e:
            raise _refused(path, utf8_line, e) from e
    line = 1 + sum(text.count("\n") for text, _ in head)
    return _Head(head, end, decoder.getstate(), line)


def _cp932_blocks(path: Path, head: _Head) -> Generator[tuple[str, bool], None, None]:
    """(text, plain) of the whole file: the head, then the rest decoded and checked."""
    yield from head.blocks
    if head.end < 0:
        return
    decoder = _decoder("cp932")
    decoder.setstate(head.state)
    with path.open("rb") as f:
        f.seek(head.end)
        yield from _checked_blocks(f, decoder, _CP932, head.line)


class _Lines(Protocol):
    """The lines of a CSV file for csv.reader, and whether any read so far has an apostrophe."""

    lines: Iterator[str]
    apostrophe: bool

    def close(self) -> None:
        """Close the file."""


class _Utf8Lines:
    """The lines of a UTF-8 file, checked when it was opened (the apostrophe is not looked for)."""

    apostrophe = True

    def __init__(self, path: Path, encoding: str) -> None:
        self.file = path.open(encoding=encoding, newline="")
        self.lines: Iterator[str] = self.file

    def close(self) -> None:
        """Close the file."""
        self.file.close()


class _Cp932Lines:
    """The lines of a CP932 file as ``open(..., newline="")`` gives them, from its blocks
    decoded and checked one by one (``_cp932_blocks``), cut anywhere: a line is carried over to
    the next block until its end is seen, and a "\r" ending a block waits for the "\n" that
    may follow. ``apostrophe`` turns True once a block read so far holds an apostrophe."""

    def __init__(self, path: Path, head: _Head) -> None:
        self.blocks = _cp932_blocks(path, head)
        self.apostrophe = False
        # chained in C: no Python call per line
        self.lines: Iterator[str] = itertools.chain.from_iterable(self._pieces())

    def close(self) -> None:
        """Close the file."""
        self.blocks.close()

    def _pieces(self) -> Iterator[Iterable[str]]:
        pending: list[str] = []
        plain = True
        for text, text_plain in self.blocks:
            self.apostrophe = self.apostrophe or "'" in text
            plain = plain and text_plain
            end = len(text) - 1 if text.endswith("\r") else len(text)
            last = text.rfind("\n", 0, end)
            cut = max(last, text.rfind("\r", last + 1, end)) + 1
            if not cut:
                pending.append(text)
                continue
            pending.append(text[:cut])
            yield _split("".join(pending), plain)
            pending, plain = [text[cut:]], text_plain
        yield _split("".join(pending), plain)


def _split(text: str, plain: bool) -> Iterable[str]:
    """Lines of ``text`` with their ends; splitlines (fast) unless it would split elsewhere."""
    return text.splitlines(keepends=True) if plain else io.StringIO(text, newline="")


def _csv_rows(path: Path, source: Callable[[], _Lines], utf8_line: int) -> Iterator[Row]:
    number = 0
    try:
        with contextlib.closing(source()) as opened:
            for number, cells in enumerate(csv.reader(opened.lines), start=1):
                yield number, (_unguarded(cells) if opened.apostrophe else cells)
    except csv.Error as e:
        raise InputRejected("csv_malformed", path=str(path), row=number + 1,
                            detail=str(e)) from e
    except _Undecodable as e:
        raise _refused(path, utf8_line, e) from e
    except UnicodeDecodeError as e:  # a UTF-8 file changed since its encoding was checked
        raise InputRejected("csv_encoding_unknown", path=str(path), line=number + 1) from e


def _unguarded(cells: list[str]) -> list[str]:
    """Cells with one leading apostrophe removed (exchange.md §4: branchdesk's CSV guard)."""
    if "\x1f'" not in "\x1f" + "\x1f".join(cells):  # one C-speed search per row
        return cells
    return [cell[1:] if cell.startswith("'") else cell for cell in cells]
