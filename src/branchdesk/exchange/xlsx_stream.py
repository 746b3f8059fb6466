"""A large xlsx worksheet cut into slices of whole rows, for calamine to parse one at a time.

python-calamine parses a whole sheet before it gives the first row: 600,000 rows cost seconds
and hundreds of MB at once, and nothing else can happen meanwhile. Here the sheet's XML is
inflated as a stream and cut, just before a ``<row r="…">`` start tag, into worksheet documents
made of the original sheet's opening (``<dimension>`` removed), a slice of its rows and the
closing tags; ``xlsx_slices`` has calamine parse them on a worker thread, each with the package
parts calamine reads (``SlicePlan.copies``: content types, relationships, workbook, styles,
shared strings).

The sheet's part is inflated no further than its declared size, and its size and CRC are
checked at its end (``safety.inspect_file`` leaves a large part to be checked so, as it streams);
the copied parts are read through ``safety.read_entry``, bounded and checked likewise.

Every cell carries its row and column in its ``r`` attribute, so calamine puts each one where
the whole sheet would. A slice always starts at a row that names its number; a sheet whose rows
do not is one slice. A comment, CDATA section or processing instruction is never cut. Parts
after ``</sheetData>`` (merged cells, validations) are left out: cell values do not depend on
them. ``xlsx_sheets`` lists a workbook's sheets from its workbook part, without calamine.
"""

from __future__ import annotations

import posixpath
import re
import struct
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import inflate
from branchdesk.exchange.safety import (
    local_name,
    read_entry,
    read_part,
    relationship_id,
    workbook_part,
)

#: XML per slice (inflated). The first slice is small so that the header is found at once; each
#: next one twice the last up to ``SLICE_BYTES``, and near the end half of what is left.
SLICE_BYTES = 8 << 20
FIRST_SLICE_BYTES = 1 << 20
#: Shared strings above this size are not copied into each slice workbook (they would be parsed
#: again with each one): the slices go into a few temporary workbooks of growing size instead
#: (``xlsx_groups``), each listing its slices as sheets.
SHARED_STRINGS_LIMIT = 1 << 20
_READ_BLOCK = 8 << 20
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)worksheet[\s>]")
_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData(\s[^>]*)?(/?)>")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*/>")
_MARKUP = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<?", b"?>"))
_LOCAL_HEADER = 30
_RAW_BLOCK = 2 << 20
_NUMBERED = re.compile(rb'\sr="\d')
_NAME_ENDS = (b" ", b">", b"/", b"\t", b"\r", b"\n")
_PART_TYPES = ("/styles", "/sharedStrings")


@dataclass(frozen=True)
class SlicePlan:
    """How to cut one sheet: its part in the zip, the package parts each slice workbook holds
    (``copies``), the workbook part and its relationships part, and the shared strings' size."""

    path: Path
    sheet: str
    part: str
    copies: dict[str, bytes]
    book: str
    rels: str
    strings: int

    @property
    def shared(self) -> bool:
        """True when the slices go into temporary workbooks of their own (big shared strings, and a
        workbook part and relationships to list them in)."""
        return self.strings > SHARED_STRINGS_LIMIT and {self.book, self.rels} <= set(self.copies)


def plan(path: Path, sheet: str, part: str) -> SlicePlan:
    """The plan of ``sheet`` (zip part ``part``) of the xlsx/xlsm at ``path``; KeyError when
    the zip has no part of that exact name. The copies are read with a bound and checked."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if part not in names:  # calamine matches part names ignoring case, zipfile does not
            raise KeyError(part)
        book = workbook_part(path, zf)
        folder, name = posixpath.split(book)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        wanted = {"[Content_Types].xml", "_rels/.rels", book, rels,
                  posixpath.join(folder, "styles.xml"), posixpath.join(folder, "sharedStrings.xml")}
        wanted |= _typed_targets(path, zf, folder, rels) if rels in names else set()
        copies = {n: read_entry(path, zf.getinfo(n)) for n in sorted(wanted & names)
                  if n != part}  # bounded and checked: a large one may be unverified
    strings = max((len(v) for k, v in copies.items() if k.endswith("sharedStrings.xml")),
                  default=0)
    return SlicePlan(path, sheet, part, copies, book, rels, strings)


def _typed_targets(path: Path, zf: zipfile.ZipFile, folder: str, rels: str) -> set[str]:
    """Targets of the workbook's styles and shared-strings relationships."""
    found = set()
    for rel in read_part(path, zf, rels):
        target = rel.get("Target", "")
        if local_name(rel.tag) == "Relationship" and rel.get("Type", "").endswith(_PART_TYPES):
            found.add(target.lstrip("/") if target.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, target)))
    return found


@dataclass(frozen=True)
class SheetMeta:
    """A sheet as a workbook lists it: its name, whether it holds cells (a worksheet, not a
    chart, dialog or macro sheet), and whether it is visible (not hidden or very hidden)."""

    name: str
    worksheet: bool
    visible: bool


def xlsx_sheets(path: Path) -> list[SheetMeta]:
    """The sheets of an xlsx/xlsm in workbook order, from its workbook part and relationships
    (the kind of a sheet is the type of its relationship, as calamine reads it)."""
    with zipfile.ZipFile(path) as zf:
        book = workbook_part(path, zf)
        sheets = [s for s in read_part(path, zf, book).iter() if local_name(s.tag) == "sheet"]
        folder, name = posixpath.split(book)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        rels = read_part(path, zf, rels_part) if rels_part in zf.namelist() else None
    types = {rel.get("Id"): rel.get("Type", "") for rel in (rels if rels is not None else [])}
    return [SheetMeta(s.get("name", ""),
                      types.get(relationship_id(s), "/worksheet").endswith("/worksheet"),
                      s.get("state", "visible") not in ("hidden", "veryHidden"))
            for s in sheets]


# --- cutting the XML ---------------------------------------------------------------------------


class Cutter:
    """The sheet XML, inflated block by block and cut into worksheet documents of whole rows."""

    def __init__(self, slice_plan: SlicePlan, first: int) -> None:
        self.plan = slice_plan
        self.target = self.size = first
        self.opening = b""
        self.closing = b""
        self.row_tag = b"<row"

    def documents(self, stop: threading.Event) -> Iterator[bytes]:
        """Each slice as a whole worksheet document."""
        with _Entry(self.plan.path, self.plan.part) as stream:
            buffer = self._head(stream)
            if buffer is None:  # no rows; the rest is still checked (size, CRC)
                while not stop.is_set() and stream.read(_READ_BLOCK):
                    pass
                return
            blocks: list[bytes | memoryview] = [buffer]  # what is read and not yet cut
            size, ended = len(buffer), False
            while not stop.is_set():
                if size < self.target and not ended:
                    block = stream.read(_READ_BLOCK)
                    blocks.append(block)
                    size += len(block)
                    ended = not block
                    continue
                buffer = b"".join(blocks)  # each byte is copied here and once into a slice
                cut = self._cut(buffer) if size >= self.target else 0
                if cut > 0:
                    yield b"".join((self.opening, memoryview(buffer)[:cut], self.closing))
                    blocks, size = [memoryview(buffer)[cut:]], size - cut
                    self.target = self._next_target(size + stream.room)
                elif ended:
                    end = _data_end(buffer)
                    if end > 0:
                        yield b"".join((self.opening, memoryview(buffer)[:end], self.closing))
                    return
                else:  # nowhere to cut yet: wait for twice as much, not for every block
                    blocks, self.target = [buffer], 2 * size

    def _next_target(self, left: int) -> int:
        """The next slice's size: twice the last one up to ``SLICE_BYTES`` (the first rows
        reach the validation at once), and half of what is ``left`` near the end (the last
        rows are not parsed long after the others, while the rest of the import waits)."""
        self.size = min(SLICE_BYTES, 2 * self.size)
        return max(FIRST_SLICE_BYTES, min(self.size, left // 2))

    def _head(self, stream: Any) -> bytes | None:
        """Read up to ``<sheetData>``; the rest of what was read, or None for an empty sheet."""
        head = b""
        while (match := _DATA.search(head)) is None:
            block = stream.read(_READ_BLOCK)
            if not block:
                return None
            head += block
        if match.group(3):  # <sheetData/>
            return None
        root = _ROOT.search(head, 0, match.start())
        qualified = (root.group(1) if root else b"") + b"worksheet"
        prefix = match.group(1)
        self.opening = _DIMENSION.sub(b"", head[: match.end()])
        self.closing = b"</" + prefix + b"sheetData></" + qualified + b">"
        self.row_tag = b"<" + prefix + b"row"
        return head[match.end():]

    def _cut(self, buffer: bytes) -> int:
        """Where to cut ``buffer``: before its first row start tag from ``target`` on that names
        its row and is in no comment, CDATA section or processing instruction; 0 for nowhere."""
        at = buffer.find(self.row_tag, self.target)
        while at > 0:
            after = at + len(self.row_tag)
            close = buffer.find(b">", after)
            if buffer[after: after + 1] in _NAME_ENDS and close > 0 and \
                    _NUMBERED.search(buffer, after, close) and not _has_markup(buffer, at):
                return at
            at = buffer.find(self.row_tag, after)
        return 0


def _has_markup(buffer: bytes, end: int) -> bool:
    """True when a comment, CDATA section or processing instruction is still open at ``end``
    (or ``<!`` starts something else): cutting there could cut inside it.

    The buffer starts outside any of them (at a cut); each one found is skipped to its end.
    "!" and "?" are rare in sheet XML and "<" is everywhere, so the rare one is searched for.
    """
    at = 0
    while (start := _markup_start(buffer, at, end)) >= 0:
        closer = next((c for o, c in _MARKUP if buffer.startswith(o, start)), None)
        close = buffer.find(closer, start + 2) if closer else -1
        if close < 0 or close + len(closer or b"") > end:
            return True
        at = close + len(closer or b"")
    return False


def _markup_start(buffer: bytes, at: int, end: int) -> int:
    """Where the first ``<!`` or ``<?`` from ``at`` (before ``end``) starts; -1 if none."""
    first = -1
    for mark in (b"!", b"?"):
        found = buffer.find(mark, max(at, 1), end)
        while found > 0 and buffer[found - 1] != 0x3C:  # not after "<"
            found = buffer.find(mark, found + 1, end)
        if found > 0 and (first < 0 or found - 1 < first):
            first = found - 1
    return first


def _data_end(buffer: bytes) -> int:
    """Where the rows of the last buffer end (its ``</sheetData>``)."""
    end = buffer.rfind(b"sheetData>")
    return buffer.rfind(b"</", 0, end) if end > 0 else len(buffer)


class _Entry:
    """One zip entry's bytes, inflated straight (zipfile's per-read bookkeeping is not
    paid), checked as they come: ``safety.inspect_file`` may have left a large sheet unverified.

    No more than the declared size is ever handed out (more → ``zip_bomb_size_mismatch``), and
    at the end the size and the CRC-32 of what came are compared with the declared ones
    (``file_corrupt``), as ``safety.check_file`` would have done up front.
    """

    def __init__(self, path: Path, part: str) -> None:
        with zipfile.ZipFile(path) as zf:
            self.info = zf.getinfo(part)
        self.path = path
        self.file = path.open("rb")
        self.file.seek(self.info.header_offset)
        header = self.file.read(_LOCAL_HEADER)
        if header[:4] != b"PK\x03\x04":
            self.file.close()
            raise zipfile.BadZipFile(f"no local header for {part}")
        name, extra = struct.unpack("<HH", header[26:30])
        self.file.seek(self.info.header_offset + _LOCAL_HEADER + name + extra)
        self.left = self.info.compress_size
        self.room = self.info.file_size  # inflated bytes still to come
        self.crc = 0
        deflated = self.info.compress_type == zipfile.ZIP_DEFLATED
        self.inflate = inflate.decompressobj() if deflated else None

    def read(self, size: int) -> bytes:
        """Up to ``size`` inflated bytes; b"" at the end (once size and CRC are checked)."""
        data = self._next(max(1, min(size, self.room + 1)))  # at most one byte too many
        if len(data) > self.room:
            raise InputRejected("zip_bomb_size_mismatch", path=str(self.path),
                                entry=self.info.filename)
        if not data and (self.room or self.crc != self.info.CRC):
            raise InputRejected("file_corrupt", path=str(self.path),
                                detail=f"{self.info.filename}: CRC")
        self.room -= len(data)
        self.crc = inflate.crc32(data, self.crc)
        return data

    def _next(self, size: int) -> bytes:
        """Up to ``size`` inflated bytes (never 0 bytes but at the end)."""
        if self.inflate is None:
            data = self.file.read(min(size, self.left))
            self.left -= len(data)
            return data
        while True:
            if self.inflate.unconsumed_tail:
                data = self.inflate.decompress(self.inflate.unconsumed_tail, size)
            elif self.left > 0:
                compressed = self.file.read(min(_RAW_BLOCK, self.left))
                if not compressed:
                    raise zipfile.BadZipFile("truncated entry")
                self.left -= len(compressed)
                data = self.inflate.decompress(compressed, size)
            else:
                return self.inflate.flush()
            if data:
                return data

    def __enter__(self) -> _Entry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()
