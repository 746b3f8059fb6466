"""The slices of a sheet with large shared strings, as sheets of a few temporary workbooks.

calamine parses a workbook's shared strings each time it opens it (≈ 0.4 s for 48 MB), so
``xlsx_slices`` does not wrap such a sheet's slices one by one: ``Groups`` writes them as the
sheets ``bd_slice0``, … of temporary stored workbooks (the package parts of
``SlicePlan.copies``, the workbook part and its relationships listing the slices) in a folder
of the system's temporary folder. The first workbook holds the first few slices, so the first
rows are parsed after one reading of the shared strings, not after the whole sheet is cut and
written; each next one about ``GROWTH`` times as much XML as the one before, so a sheet of
hundreds of MB makes a handful of them (each costs one more reading of the shared strings, on
threads that have time for it: the caller validating the rows is slower).

A thread of its own cuts and writes them, ahead of the parsing and at most ``HELD`` at a time
(one parsed, the next written or waiting), and opens each after it is written — except the
first, which the parsing thread opens while the second is written, so that the two readings of
the shared strings run side by side. Each workbook is closed and its file removed once its slices
are parsed; ``Groups.close`` stops the writing and removes whatever is left.
"""

from __future__ import annotations

import contextlib
import itertools
import posixpath
import queue
import re
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from branchdesk.exchange import xlsx_stream
from branchdesk.exchange.xlsx_stream import SlicePlan

#: The first workbook holds about this many times ``xlsx_stream.FIRST_SLICE_BYTES`` of XML:
#: writing a few MB costs little next to the reading of the shared strings, and the caller then
#: has rows enough to work on while the second is written and read.
FIRST_GROUP = 4
#: Each next workbook holds about this many times as much XML as the one before.
GROWTH = 4
#: Workbooks written and not yet removed, at most (each holds the shared strings once parsed).
HELD = 2
_WAIT_S = 0.2
#: The slices of a reading: each one's worksheet document and what ``inspect`` found in it.
Documents = Generator[tuple[bytes, Any], None, None]


class Group:
    """One temporary workbook: its file, what ``inspect`` found in each of its slices, and
    calamine's workbook once opened (by whichever thread gets to it first)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[Any] = []
        self.lock = threading.Lock()
        self.book: CalamineWorkbook | None = None

    def sheets(self) -> Iterator[tuple[Any, Any]]:
        """Each slice's parsed sheet (None when it holds no cell) and what ``inspect`` found."""
        book = self._open()
        for index, found in enumerate(self.found):
            sheet = book.get_sheet_by_name(slice_name(index))
            yield (sheet if sheet.start is not None else None), found

    def open_ahead(self) -> None:
        """Open the workbook unless it is being opened; a failure is met again (and raised)
        by ``sheets`` on the parsing thread."""
        if not self.lock.acquire(blocking=False):
            return
        try:
            with contextlib.suppress(BaseException):  # calamine panics derive from it
                self._load()
        finally:
            self.lock.release()

    def close(self) -> None:
        """Close calamine's workbook (waiting for an opening under way) and remove the file."""
        with self.lock:
            if self.book is not None:
                self.book.close()
                self.book = None
            self.path.unlink(missing_ok=True)

    def _open(self) -> CalamineWorkbook:
        with self.lock:
            return self._load()

    def _load(self) -> CalamineWorkbook:
        """calamine's workbook, opened now if need be (the lock held)."""
        if self.book is None:
            self.book = CalamineWorkbook.from_path(self.path)
        return self.book


class Groups:
    """The temporary workbooks of one reading, written on a thread ahead of the parsing.

    Iterate for each ``Group`` in sheet order; each is closed when the next is asked for (or
    the iteration ends). Errors of the writing (the cutting's included) are raised by the
    iteration after the groups written before them. ``close`` stops the writing, waits for
    it and removes every file; ``stop`` (the reader's) ends both writing and iteration.
    """

    def __init__(self, slice_plan: SlicePlan, documents: Documents,
                 stop: threading.Event) -> None:
        self.plan = slice_plan
        self.documents = documents
        self.stop = stop
        self.halt = threading.Event()  # set by ``close``: the parsing ended
        self.folder = Path(tempfile.mkdtemp(prefix="branchdesk-slices-"))
        self.slots = threading.Semaphore(HELD)
        self.ready: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.made: list[Group] = []
        self.thread = threading.Thread(target=self._write, name="xlsx-groups", daemon=True)
        self.thread.start()

    def __iter__(self) -> Iterator[Group]:
        while not self._halted():
            try:
                kind, item = self.ready.get(timeout=_WAIT_S)
            except queue.Empty:
                continue
            if kind == "end":
                return
            if kind == "error":
                raise item
            try:
                yield item
            finally:
                item.close()
                self.slots.release()

    def close(self) -> None:
        """Stop the writing, wait for it, close every workbook and remove the folder."""
        self.halt.set()
        self.thread.join()
        for group in self.made:
            group.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _halted(self) -> bool:
        return self.halt.is_set() or self.stop.is_set()

    def _write(self) -> None:
        try:
            with contextlib.closing(self.documents):
                self._write_groups()
            self.ready.put(("end", None))
        except BaseException as error:  # handed to the parsing thread, which raises it
            self.ready.put(("error", error))

    def _write_groups(self) -> None:
        """Write the groups one after the other, each as soon as a slot is free."""
        limit = FIRST_GROUP * xlsx_stream.FIRST_SLICE_BYTES
        for index in itertools.count():
            if not self._slot():
                return
            first = next(self.documents, None)
            if first is None or self._halted():
                return
            group = Group(self.folder / f"slices{index}.xlsx")
            self.made.append(group)
            size = write_group(self.plan, group, itertools.chain([first], self.documents),
                               limit, self._halted)
            del first
            if self._halted():
                return
            self.ready.put(("group", group))
            if index:  # the first is opened by the parsing thread, meanwhile the next written
                group.open_ahead()
            limit = GROWTH * max(limit, size)

    def _slot(self) -> bool:
        """Wait for a slot; False when halted meanwhile."""
        while not self._halted():
            if self.slots.acquire(timeout=_WAIT_S):
                return True
        return False


# --- one temporary workbook ------------------------------------------------------------------


def slice_name(index: int) -> str:
    """The sheet name of slice ``index`` of a temporary workbook."""
    return f"bd_slice{index}"


_SHEETS = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheets\b[^>]*>.*?</\1sheets>", re.S)
_SHEET_ID_ATTR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*?\s([\w.-]+:id)=")
_RELS_END = re.compile(rb"</((?:[A-Za-z_][\w.-]*:)?)Relationships>")


def write_group(slice_plan: SlicePlan, group: Group, documents: Iterable[tuple[bytes, Any]],
                limit: int, halted: Callable[[], bool]) -> int:
    """Write slices of ``documents`` into ``group``'s stored workbook, one after the other,
    until their XML reaches ``limit`` bytes (or ``halted()``); then the package parts of
    ``slice_plan.copies``, the workbook part and its relationships listing them. Appends what
    ``inspect`` found in each to ``group.found``; returns the XML's size."""
    size = 0
    folder = posixpath.dirname(slice_plan.book)
    with zipfile.ZipFile(group.path, "w", zipfile.ZIP_STORED) as zf:
        for document, result in documents:
            zf.writestr(posixpath.join(folder, "worksheets", slice_name(len(group.found)) + ".xml"),
                        document)
            group.found.append(result)
            size += len(document)
            del document
            if size >= limit or halted():
                break
        book, rels = _slice_package(slice_plan, len(group.found))
        for name, data in slice_plan.copies.items():
            zf.writestr(name, book if name == slice_plan.book else rels
                        if name == slice_plan.rels else data)
    return size


def _slice_package(slice_plan: SlicePlan, count: int) -> tuple[bytes, bytes]:
    """The workbook part listing ``count`` slice sheets, and its relationships part."""
    original = slice_plan.copies[slice_plan.book]
    sheets = _SHEETS.search(original)
    attribute = _SHEET_ID_ATTR.search(original)
    if sheets is None or attribute is None:
        raise zipfile.BadZipFile("workbook part without sheets")
    prefix, rid = sheets.group(1), attribute.group(1)
    listed = b"".join(b'<%ssheet name="%s" sheetId="%d" %s="bdSlice%d"/>' % (
        prefix, slice_name(i).encode(), i + 1, rid, i) for i in range(count))
    book = original[:sheets.start()] + b"<%ssheets>%s</%ssheets>" % (prefix, listed, prefix) \
        + original[sheets.end():]
    kind = _worksheet_type(slice_plan)
    relations = b"".join(b'<Relationship Id="bdSlice%d" Type="%s" Target="worksheets/%s.xml"/>'
                         % (i, kind, slice_name(i).encode()) for i in range(count))
    rels = slice_plan.copies[slice_plan.rels]
    end = _RELS_END.search(rels)
    if end is None:
        raise zipfile.BadZipFile("relationships part without its end")
    return book, rels[:end.start()] + relations + rels[end.start():]


def _worksheet_type(slice_plan: SlicePlan) -> bytes:
    """The relationship type of the sliced sheet (transitional or strict OOXML)."""
    found = re.search(rb'Type="([^"]*/worksheet)"', slice_plan.copies[slice_plan.rels])
    return found.group(1) if found else \
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
