"""Readers of the import pipeline: every sheet of a workbook or a CSV file as ``RawSheet`` rows.

``open_sheets`` runs ``safety.inspect_file`` first, so no parser sees a hostile file (a part
declaring over ``safety.DEFER_BYTES`` has its size and CRC checked as it streams, or before
calamine opens the workbook). Workbooks (.xlsx, .xlsm and legacy .xls) are read with calamine.
An xlsx/xlsm sheet streams: each call of its ``rows()`` reads the sheet in slices of whole rows
that a worker thread parses ahead (``xlsx_stream``), so a 600,000-row register never sits in
memory whole and its parsing overlaps with the caller's work; ``row_count`` is set once a
reading has reached the end. A legacy .xls sheet (at most 65,536 rows), or an xlsx sheet whose
part cannot be found through the workbook's relationships, is loaded whole on the first call
and kept. Errors found while loading or streaming (a damaged part, a password, a part larger
than declared) are raised by ``rows()`` as ``InputRejected``.

Row numbers are Excel's, 1-based, leading blank rows included; cell ``i`` of a row is in column
``i + 1``. Workbook cells come as calamine gives them: str ("" when empty), float or int, bool,
date/datetime for date-formatted cells (calamine applies the 1904 flag itself), time/timedelta,
and the cached value of a formula. An error cell (#DIV/0!) reads as "". A formula without a
cached value also reads as "": ``formula_cells`` says where those are. Trailing empty cells of a
row may be missing (a row is as wide as its slice's widest row); they read as blank either way.

A real legacy .xls (BIFF8 in an OLE compound file) goes through calamine like the others; its
``date1904`` is always False (calamine applies the flag to date cells itself), and formulas
without values do not exist there. Tests cannot write one, so only its refusals are tested.

CSV files are comma-separated text, decoded strictly as UTF-8 (with or without BOM), else
strictly as CP932 (``csv_read``: a CP932 file is decoded and checked as its rows are read); rows
are records counted from 1 as Excel shows them, cells are always str, and one leading apostrophe
(branchdesk's formula protection on export, exchange.md §4) is removed.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import zipfile
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from branchdesk.domain.errors import BranchdeskError, InputRejected
from branchdesk.exchange import inflate, safety
from branchdesk.exchange.csv_read import csv_encoding, csv_sheet
from branchdesk.exchange.model import RawSheet, Row
from branchdesk.exchange.row_blocks import Block, Reading
from branchdesk.exchange.safety import Checked, inspect_file, sheet_part, workbook_date1904
from branchdesk.exchange.xlsx_formulas import SliceScan, formulas_without_value
from branchdesk.exchange.xlsx_slices import SliceReader
from branchdesk.exchange.xlsx_stream import SheetMeta, SlicePlan, plan, xlsx_sheets

__all__ = ["csv_encoding", "formula_cells", "formulas_without_value", "open_sheets", "release"]

_CHECKED: dict[tuple[str, int, int, int], Checked] = {}
#: Rows of a streamed reading kept so that a re-read right after a header scan continues it.
REPLAY_ROWS = 64
#: Names under which calamine opens a file by path; any other name is opened from its bytes.
_CALAMINE_SUFFIXES = {"xlsx": (".xlsx", ".xlsm", ".xltx", ".xltm"), "xlsm": (".xlsx", ".xlsm"),
                      "xls": (".xls",)}


def open_sheets(path: Path, *, sheet: str | None = None) -> list[RawSheet]:
    """Every worksheet of ``path`` in workbook order (a CSV file is one sheet).

    Hidden and very hidden sheets come with ``hidden=True``. ``sheet`` picks one sheet by name
    (exact, else ignoring case) and raises ``InputRejected("sheet_not_found")`` listing the
    sheets when there is none; a CSV file ignores it. Raises ``InputRejected`` for a file that
    ``inspect_file`` rejects or that calamine cannot open.
    """
    checked = _checked(path)
    if checked.kind == "csv":
        return [csv_sheet(path)]
    sheets = _workbook_sheets(path, checked)
    return sheets if sheet is None else [_select(path, sheets, sheet)]


def _checked(path: Path) -> Checked:
    """``inspect_file(path, defer_large=True)``, remembered for the same file (path, size,
    modification time): an import opens each file twice (for its kind, then for its rows) and
    the check inflates every part of a workbook but the large ones it leaves unverified."""
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:
        return inspect_file(path, defer_large=True)  # it says what is wrong
    if key not in _CHECKED:
        if len(_CHECKED) >= 16:
            _CHECKED.clear()
        _CHECKED[key] = inspect_file(path, defer_large=True)
    return _CHECKED[key]


def formula_cells(sheet: RawSheet) -> Collection[tuple[int, int]]:
    """(row, column) of the formula cells without a cached value of ``sheet`` (empty for CSV
    and .xls).

    For a sheet that streams, the set fills as ``rows()`` reads: a slice's cells are in it
    before the first of its rows is yielded, so a caller working through the rows in order sees
    every cell of the rows it has. Otherwise the sheet's XML is scanned now, once.
    """
    if isinstance(sheet.rows, _SheetRows) and sheet.rows.streams:
        return sheet.rows.formulas
    if sheet.from_csv:
        return set()
    return formulas_without_value(sheet.path, sheet.name)


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
    """Calamine's errors (and panics), and those of the sheet's package when it is cut into
    slices, as ``InputRejected``: the file is damaged or locked."""
    try:
        yield
    except BranchdeskError:
        raise
    except PasswordError as e:
        raise InputRejected("file_encrypted", path=str(path)) from e
    except (CalamineError, zipfile.BadZipFile, *inflate.ERRORS, EOFError) as e:
        raise InputRejected("file_corrupt", path=str(path), detail=str(e)) from e
    except BaseException as e:  # pyo3's PanicException derives from BaseException
        if type(e).__name__ != "PanicException":
            raise
        raise InputRejected("file_corrupt", path=str(path), detail=str(e)) from e


class _Book:
    """One workbook: its sheets (``SheetMeta``), and the calamine workbook of those loaded whole.

    An xlsx/xlsm workbook lists its sheets from its workbook part; calamine opens it only to
    load a sheet whole (its shared strings can be large), after the entries ``inspect_file``
    left unverified are checked (calamine trusts declared sizes). A .xls is opened at once.
    """

    def __init__(self, path: Path, checked: Checked) -> None:
        self.path = path
        self.kind = checked.kind
        self.unverified = checked.unverified
        self.workbook: CalamineWorkbook | None = None
        if self.kind == "xls":
            self.workbook = self._open()
            self.metadata = [SheetMeta(m.name, m.typ == SheetTypeEnum.WorkSheet,
                                       m.visible == SheetVisibleEnum.Visible)
                             for m in self.workbook.sheets_metadata]
        else:
            self.metadata = xlsx_sheets(path)
        if not self.metadata:  # Excel never saves a workbook without sheets
            raise InputRejected("file_corrupt", path=str(path), detail="no sheets")
        self.loaded: dict[str, CalamineSheet] = {}

    def _open(self) -> CalamineWorkbook:
        safety.verify_entries(self.path, self.unverified)  # once: the workbook is kept
        with _calamine_errors(self.path):
            if self.path.suffix.lower() in _CALAMINE_SUFFIXES[self.kind]:
                return CalamineWorkbook.from_path(self.path)
            with self.path.open("rb") as f:  # calamine picks its reader by a known suffix
                return CalamineWorkbook.from_filelike(f)

    def sheet(self, name: str) -> CalamineSheet:
        """The sheet ``name``, loaded whole once."""
        if name not in self.loaded:
            if self.workbook is None:
                self.workbook = self._open()
            with _calamine_errors(self.path):
                self.loaded[name] = self.workbook.get_sheet_by_name(name)
        return self.loaded[name]


class _SheetRows:
    """``RawSheet.rows`` of one workbook sheet: streamed in slices, or loaded whole.

    ``formulas`` fills with the formula cells without a value as a streamed reading goes. A
    streamed reading stopped within its first ``REPLAY_ROWS`` rows (a header scan) is kept:
    the next call replays those rows and continues it, so header detection and validation read
    the file once.
    """

    def __init__(self, book: _Book, owner: RawSheet) -> None:
        self.book = book
        self.owner = owner
        self.formulas: set[tuple[int, int]] = set()
        self.live: Reading | None = None  # a reading handed out no further than ``head``
        self.head: list[Row] = []

    @functools.cached_property
    def slices(self) -> SlicePlan | None:
        """How the sheet is cut (read when first needed: it copies the shared strings)."""
        return _slice_plan(self.book, self.owner.name)

    @property
    def streams(self) -> bool:
        """True when the sheet is read in slices."""
        return self.slices is not None

    def __call__(self) -> Iterator[Row]:
        if self.slices is not None:
            return self._replayed(self.slices)
        sheet = self.book.sheet(self.owner.name)
        end = sheet.end
        self.owner.row_count = end[0] + 1 if end is not None else 0
        return _calamine_rows(sheet)

    def release(self) -> None:
        """Stop a reading kept for replay (its worker and slices)."""
        if self.live is not None:
            self.live.close()
        self.live, self.head = None, []

    def blocks(self) -> Iterator[Block]:
        """A streamed sheet's rows as blocks (one per slice): what a call gives, without a
        Python step per row. A reading kept after a header scan goes on from its head."""
        if self.slices is None:
            raise ValueError("only a streamed sheet is read in blocks")
        live, head = self.live, self.head
        self.live, self.head = None, []
        if live is None:
            yield from Reading(self._blocks(self.slices)).rest()
            return
        if head:
            yield head[0][0], [cells for _, cells in head]
        yield from live.rest()

    def _replayed(self, slices: SlicePlan) -> Iterator[Row]:
        if self.live is None:
            self.live, self.head = Reading(self._blocks(slices)), []
        live, index = self.live, 0
        while True:
            if index < len(self.head):
                yield self.head[index]
            elif self.live is not live:  # another caller took the reading on: read again
                yield from itertools.islice(Reading(self._blocks(slices)).rows(), index, None)
                return
            else:
                row = live.next_row()
                if row is None:
                    self.live, self.head = None, []
                    return
                if len(self.head) < REPLAY_ROWS:
                    self.head.append(row)
                else:  # past the head: this caller owns the rest of the reading
                    self.live, self.head = None, []
                    yield row
                    yield from live.rows()
                    return
                yield row
            index += 1

    def _blocks(self, slices: SlicePlan) -> Iterator[Block]:
        """The rows of every slice, a block per slice; rows no slice holds (blank ones between
        slices) as a block of blank rows."""
        last = 0
        reader = SliceReader(slices, SliceScan())
        with contextlib.closing(reader), _calamine_errors(self.book.path):
            for piece in reader:
                self.formulas.update(piece.found)
                if piece.sheet is None:
                    continue
                start: tuple[int, int] = piece.sheet.start
                rows: list[list[Any]] = piece.sheet.to_python(skip_empty_area=True)
                piece.sheet = None
                width = start[1] + (len(rows[0]) if rows else 0)
                if start[0] > last:
                    yield last + 1, [[""] * width for _ in range(last, start[0])]
                if start[1]:
                    pad: list[Any] = [""] * start[1]
                    rows = [pad + cells for cells in rows]
                yield start[0] + 1, rows
                last = start[0] + len(rows)
        self.owner.row_count = last


def release(sheet: RawSheet) -> None:
    """Let go of a reading of ``sheet`` kept for replay (call it for a sheet not used further)."""
    if isinstance(sheet.rows, _SheetRows):
        sheet.rows.release()


def _slice_plan(book: _Book, name: str) -> SlicePlan | None:
    """How to stream sheet ``name`` of an xlsx/xlsm; None for a .xls or an unusual package."""
    if book.kind == "xls":
        return None
    try:
        with zipfile.ZipFile(book.path) as zf:
            part = sheet_part(book.path, zf, name)
        return plan(book.path, name, part)
    except (InputRejected, KeyError, zipfile.BadZipFile):
        return None  # calamine finds it its own way: load it whole


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


def _workbook_sheets(path: Path, checked: Checked) -> list[RawSheet]:
    book = _Book(path, checked)
    date1904 = checked.kind != "xls" and workbook_date1904(path)
    sheets = []
    for meta in book.metadata:
        if not meta.worksheet:
            continue  # chart and dialog sheets hold no cells
        raw = RawSheet(path=path, name=meta.name, rows=_no_rows, date1904=date1904,
                       hidden=not meta.visible)
        raw.rows = _SheetRows(book, raw)
        sheets.append(raw)
    return sheets
