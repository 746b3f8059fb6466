"""Readers of the import pipeline: every sheet of a workbook or a CSV file as ``RawSheet`` rows.

``open_sheets`` runs ``safety.check_file`` first, so no parser sees a hostile file. Workbooks
(.xlsx, .xlsm and legacy .xls) are read with python-calamine; a sheet is loaded on the first call
of its ``rows()`` and kept for the next calls (a 600,000-row sheet costs seconds to load), so
drop the ``RawSheet`` to free it. Errors found while loading (a damaged part, a password) are
raised by ``rows()`` as ``InputRejected``.

Row numbers are Excel's, 1-based, leading blank rows included; cell ``i`` of a row is in column
``i + 1``. Workbook cells come as calamine gives them: str ("" when empty), float or int, bool,
date/datetime for date-formatted cells (calamine applies the 1904 flag itself), time/timedelta,
and the cached value of a formula. An error cell (#DIV/0!) reads as "". A formula without a
cached value also reads as "": ask ``formulas_without_value`` where those are.

A real legacy .xls (BIFF8 in an OLE compound file) goes through calamine like the others; its
``date1904`` is always False (calamine applies the flag to date cells itself), and formulas
without values do not exist there. Tests cannot write one, so only its refusals are tested.

CSV files are comma-separated text, decoded strictly as UTF-8 (with or without BOM), else
strictly as CP932; rows are records counted from 1 as Excel shows them, cells are always str, and
one leading apostrophe (branchdesk's formula protection on export, exchange.md §4) is removed.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse
from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from branchdesk.domain.errors import BranchdeskError, InputRejected
from branchdesk.exchange.model import RawSheet, Row
from branchdesk.exchange.safety import check_file, local_name, sheet_part, workbook_date1904

#: Names under which calamine opens a file by path; any other name is opened from its bytes.
_CALAMINE_SUFFIXES = {"xlsx": (".xlsx", ".xlsm", ".xltx", ".xltm"), "xlsm": (".xlsx", ".xlsm"),
                      "xls": (".xls",)}


def open_sheets(path: Path, *, sheet: str | None = None) -> list[RawSheet]:
    """Every worksheet of ``path`` in workbook order (a CSV file is one sheet).

    Hidden and very hidden sheets come with ``hidden=True``. ``sheet`` picks one sheet by name
    (exact, else ignoring case) and raises ``InputRejected("sheet_not_found")`` listing the
    sheets when there is none; a CSV file ignores it. Raises ``InputRejected`` for a file that
    ``check_file`` rejects or that calamine cannot open.
    """
    kind = check_file(path)
    if kind == "csv":
        return [_csv_sheet(path)]
    sheets = _workbook_sheets(path, kind)
    return sheets if sheet is None else [_select(path, sheets, sheet)]


def _select(path: Path, sheets: list[RawSheet], name: str) -> RawSheet:
    exact = [s for s in sheets if s.name == name]
    folded = [s for s in sheets if s.name.casefold() == name.casefold()]
    if exact or folded:
        return (exact or folded)[0]
    raise InputRejected("sheet_not_found", path=str(path), sheet=name,
                        sheets=", ".join(s.name for s in sheets))


# --- workbooks (calamine) ------------------------------------------------------------------------


@contextlib.contextmanager
def _calamine_errors(path: Path) -> Iterator[None]:
    """Calamine's errors (and panics) as ``InputRejected``: the file is damaged or locked."""
    try:
        yield
    except BranchdeskError:
        raise
    except PasswordError as e:
        raise InputRejected("file_encrypted", path=str(path)) from e
    except CalamineError as e:
        raise InputRejected("file_corrupt", path=str(path), detail=str(e)) from e
    except BaseException as e:  # pyo3's PanicException derives from BaseException
        if type(e).__name__ != "PanicException":
            raise
        raise InputRejected("file_corrupt", path=str(path), detail=str(e)) from e


class _Book:
    """One open calamine workbook and the sheets loaded from it so far."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        with _calamine_errors(path):
            if path.suffix.lower() in _CALAMINE_SUFFIXES[kind]:
                self.workbook = CalamineWorkbook.from_path(path)
            else:  # calamine picks its reader by a known suffix; by content otherwise
                with path.open("rb") as f:
                    self.workbook = CalamineWorkbook.from_filelike(f)
        if not self.workbook.sheets_metadata:  # Excel never saves a workbook without sheets
            raise InputRejected("file_corrupt", path=str(path), detail="no sheets")
        self.loaded: dict[str, CalamineSheet] = {}

    def sheet(self, name: str) -> CalamineSheet:
        """The sheet ``name``, loaded once."""
        if name not in self.loaded:
            with _calamine_errors(self.path):
                self.loaded[name] = self.workbook.get_sheet_by_name(name)
        return self.loaded[name]


class _SheetRows:
    """``RawSheet.rows`` of one workbook sheet; sets the sheet's ``row_count`` once loaded."""

    def __init__(self, book: _Book, owner: RawSheet) -> None:
        self.book = book
        self.owner = owner

    def __call__(self) -> Iterator[Row]:
        sheet = self.book.sheet(self.owner.name)
        end = sheet.end
        self.owner.row_count = end[0] + 1 if end is not None else 0
        return _calamine_rows(sheet)


def _calamine_rows(sheet: CalamineSheet) -> Iterator[Row]:
    """Rows numbered as in Excel, each padded on the left so cell ``i`` is column ``i + 1``."""
    start = sheet.start
    if start is None:  # an empty sheet
        return
    pad: list[Any] = [""] * start[1]
    # iter_rows yields blank rows above the first used one, but starts at its first used column
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        yield number, (pad + cells if pad else cells)


def _no_rows() -> Iterator[Row]:
    return iter(())


def _workbook_sheets(path: Path, kind: str) -> list[RawSheet]:
    book = _Book(path, kind)
    date1904 = kind != "xls" and workbook_date1904(path)
    sheets = []
    for meta in book.workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # chart and dialog sheets hold no cells
        raw = RawSheet(path=path, name=meta.name, rows=_no_rows, date1904=date1904,
                       hidden=meta.visible != SheetVisibleEnum.Visible)
        raw.rows = _SheetRows(book, raw)
        sheets.append(raw)
    return sheets


# --- formulas without a cached value -------------------------------------------------------------

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
            self.active = block.find(b"</" + self.prefix + b"f>", 0, end) >= 0
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


# --- CSV ----------------------------------------------------------------------------------------

#: Never text in a CSV from head office: NUL and C1 controls; after CP932 also the private use
#: area, where bytes that are not Shift_JIS characters (0xA0, 0xFD–0xFF) and user-defined
#: characters (外字) land, and where Latin-1 text read as CP932 usually does.
_UTF8_FORBIDDEN = re.compile("[\x00\x80-\x9f]")
_CP932_FORBIDDEN = re.compile("[\x00\x80-\x9f\ue000-\uf8ff]")
_DECODE_CHUNK = 1 << 20


def csv_encoding(path: Path) -> str:
    """"utf-8-sig", "utf-8" or "cp932": the first that decodes the whole file strictly.

    Raises ``InputRejected("csv_encoding_unknown")`` with the line where the decoding that
    went furthest failed. The file is decoded in chunks, never held whole in memory.
    """
    failures = []
    for encoding, forbidden in (("utf-8", _UTF8_FORBIDDEN), ("cp932", _CP932_FORBIDDEN)):
        line = _first_undecodable_line(path, encoding, forbidden)
        if line is None:
            return "utf-8-sig" if encoding == "utf-8" and _has_bom(path) else encoding
        failures.append(line)
    raise InputRejected("csv_encoding_unknown", path=str(path), line=max(failures))


def _has_bom(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(3) == codecs.BOM_UTF8


def _first_undecodable_line(path: Path, encoding: str, forbidden: re.Pattern[str]) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line = 1
    with path.open("rb") as f:
        while True:
            chunk = f.read(_DECODE_CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                return line + chunk.count(b"\n", 0, max(e.start, 0))
            bad = forbidden.search(text)
            if bad:
                return line + text.count("\n", 0, bad.start())
            if not chunk:
                return None
            line += text.count("\n")


def _csv_sheet(path: Path) -> RawSheet:
    encoding = csv_encoding(path)

    def rows() -> Iterator[Row]:
        return _csv_rows(path, encoding)

    return RawSheet(path=path, name=path.name, rows=rows, from_csv=True, encoding=encoding)


def _csv_rows(path: Path, encoding: str) -> Iterator[Row]:
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as f:
            for number, cells in enumerate(csv.reader(f), start=1):
                yield number, _unguarded(cells)
    except csv.Error as e:
        raise InputRejected("csv_malformed", path=str(path), row=number + 1,
                            detail=str(e)) from e
    except UnicodeDecodeError as e:  # the file changed since its encoding was checked
        raise InputRejected("csv_encoding_unknown", path=str(path), line=number + 1) from e


def _unguarded(cells: list[str]) -> list[str]:
    """Cells with one leading apostrophe removed (exchange.md §4: branchdesk's CSV guard)."""
    if "\x1f'" not in "\x1f" + "\x1f".join(cells):  # one C-speed search per row
        return cells
    return [cell[1:] if cell.startswith("'") else cell for cell in cells]
