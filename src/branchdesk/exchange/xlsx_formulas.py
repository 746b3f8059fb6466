"""Formula cells without a cached value in an xlsx sheet, found by scanning its XML.

A program that writes formulas and never calculates them leaves cells that calamine reads as
empty (exchange.md §1: 「数式の計算結果がありません」). ``formulas_without_value`` streams a
sheet's XML once; ``SliceScan`` does the same for the slices ``xlsx_stream`` cuts, one slice at
a time, in order.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse

from branchdesk.exchange.safety import local_name, sheet_part

_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData[\s/>]")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?v>)",
                    re.S)
_INLINE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?is[\s/>]")
_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_TEXT_TYPE = re.compile(rb'\st="str"')
_NAME_ENDS = (b" ", b">", b"/", b"\t", b"\r", b"\n")
_SCAN_CHUNK = 8 << 20


def formulas_without_value(path: Path, sheet_name: str) -> set[tuple[int, int]]:
    """(row, column), 1-based, of each formula cell of a sheet that has no cached value.

    Such cells come from a program that wrote formulas and never calculated them; calamine reads
    them as empty. The sheet's XML is streamed once, whole rows at a time; blocks before the
    first closing ``</f>`` cost one byte search, and a formula whose ``<f>`` is followed by a
    non-empty ``<v>`` costs a few more. Only xlsx/xlsm can be checked; other files give an
    empty set (a .xls stores each formula's result). An empty ``<v>`` counts as no value unless
    the cell says its result is text (``t="str"``).
    """
    if not zipfile.is_zipfile(path):
        return set()
    with zipfile.ZipFile(path) as zf:
        part = sheet_part(path, zf, sheet_name)
        with zf.open(part) as stream:
            found = _scan_formulas(stream)
        if found is None:  # some formula cell has no r="A1" reference: count positions
            with zf.open(part) as stream:
                return _parse_formulas(stream)
        return found


def _scan_formulas(stream: IO[bytes]) -> set[tuple[int, int]] | None:
    """The fast scan over whole rows of the XML; None when a formula cell has no reference."""
    scan = _FormulaScan()
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        block = tail + chunk
        cut = block.rfind(b"row>") + 4  # after a row's end tag: no cell spans the cut
        if cut < 4:
            tail = block
            continue
        scan.feed(block, cut)
        tail = block[cut:]
    scan.feed(tail, len(tail))
    return None if scan.positional else scan.found


class _FormulaScan:
    """State of the fast scan: the cells' namespace prefix, and whether formulas were seen.

    Formula cells are looked at from the first block holding a closing ``</f>``: every formula
    group has one (a shared formula's master precedes the cells that refer to it).
    """

    def __init__(self) -> None:
        self.found: set[tuple[int, int]] = set()
        self.prefix: bytes | None = None
        self.active = False
        self.positional = False

    def feed(self, block: bytes, end: int) -> None:
        """Scan ``block[:end]``, which holds whole rows."""
        if self.prefix is None:
            start = _SHEET_DATA.search(block, 0, end)
            if start is None:
                return
            self.prefix = start.group(1) or b""
        if not self.active:
            self.active = find_rare(block, b"</" + self.prefix + b"f>", end) >= 0
        opener = b"<" + self.prefix + b"f"
        at = block.find(opener, 0, end) if self.active else -1
        while at >= 0 and not self.positional:
            after = at + len(opener)
            if block[after: after + 1] in _NAME_ENDS and not self._cached(block, after):
                self._record(block, at)
            at = block.find(opener, after, end)

    def _cached(self, block: bytes, after: int) -> bool:
        """The common case, cheaply: ``<f …>…</f>`` or ``<f …/>`` followed by ``<v>`` + a value."""
        tag = block.find(b"<", after)
        if block.startswith(b"</", tag):
            tag = block.find(b"<", tag + 2)
        value = b"<" + (self.prefix or b"") + b"v>"
        first = tag + len(value)
        return block.startswith(value, tag) and block[first: first + 1] not in (b"<", b"")

    def _record(self, block: bytes, at: int) -> None:
        cell = _enclosing_cell(block, at, self.prefix or b"")
        if cell is None:
            return  # a formula outside the cells
        ref = _REF.search(cell, 0, cell.find(b">"))
        if ref is None:
            self.positional = True
        elif not _has_cached_value(cell):
            self.found.add((int(ref.group(2)), _column_number(ref.group(1))))


#: Occurrences of "f" that are not the tag looked for, before ``find_rare`` gives up on them.
_RARE_MISSES = 64


def find_rare(block: bytes, tag: bytes, end: int) -> int:
    """``block.find(tag, 0, end)`` for a tag ending in ``f>``, found through its "f": a byte
    that sheet XML rarely holds outside formulas, searched for with memchr (~20 times faster
    than the search for the whole tag, whose ">" is everywhere). After ``_RARE_MISSES``
    other "f"s, the plain search."""
    offset = len(tag) - 2
    at, misses = block.find(b"f", offset, end), 0
    while at >= 0:
        if block.startswith(tag, at - offset) and at + 2 <= end:
            return at - offset
        misses += 1
        if misses > _RARE_MISSES:
            return block.find(tag, at - offset, end)
        at = block.find(b"f", at + 1, end)
    return -1


def _enclosing_cell(block: bytes, at: int, prefix: bytes) -> bytes | None:
    """The ``<c>…</c>`` element around the formula tag at ``at``, or None if it is in no cell.

    ``<f>`` is a cell's first child, so the cell's start tag ends right before it.
    """
    start = block.rfind(b"<" + prefix + b"c", max(0, at - 1024), at)
    if start < 0 or block[start + len(prefix) + 2: start + len(prefix) + 3] not in _NAME_ENDS:
        return None
    tag_end = block.find(b">", start, at)
    if tag_end < 0 or block[tag_end - 1] == ord("/") or block[tag_end + 1: at].strip():
        return None
    close = block.find(b"</" + prefix + b"c>", at)
    return block[start:close] if close >= 0 else None


def _has_cached_value(cell: bytes) -> bool:
    if _INLINE.search(cell):
        return True
    value = _VALUE.search(cell)
    if value is None:
        return False
    return bool(value.group(1)) or bool(_TEXT_TYPE.search(cell, 0, cell.find(b">")))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _parse_formulas(stream: IO[bytes]) -> set[tuple[int, int]]:
    """The slow path: parse every cell, counting positions where ``r`` attributes are missing."""
    found: set[tuple[int, int]] = set()
    row = column = 0
    for event, element in iterparse(stream, events=("start", "end")):
        name = local_name(element.tag)
        if event == "start" and name == "row":
            row, column = int(element.get("r") or row + 1), 0
        elif event == "start" and name == "c":
            letters = element.get("r", "").rstrip("0123456789")
            column = _column_number(letters.encode()) if letters else column + 1
        elif event == "end" and name in ("c", "row"):
            if name == "c" and _cell_lacks_value(element):
                found.add((row, column))
            element.clear()
    return found


def _cell_lacks_value(cell: Element) -> bool:
    children = {local_name(child.tag): child for child in cell}
    if "f" not in children or "is" in children:
        return False
    value = children.get("v")
    return value is None or (not value.text and cell.get("t") != "str")


class SliceScan:
    """``formulas_without_value`` over the slices of one reading of a sheet, fed in order.

    Each call takes one slice (a whole worksheet document of whole rows; the first one holds
    the ``<sheetData>`` tag) and returns the cells found in it. A slice with a formula cell
    that names no reference is parsed cell by cell: its first row always names its number.
    """

    def __init__(self) -> None:
        self.scan = _FormulaScan()

    def __call__(self, document: bytes, first: bool) -> set[tuple[int, int]]:
        self.scan.feed(document, len(document))
        found, self.scan.found = self.scan.found, set()
        if self.scan.positional:
            self.scan.positional = False
            return _parse_formulas(io.BytesIO(document))
        return found
