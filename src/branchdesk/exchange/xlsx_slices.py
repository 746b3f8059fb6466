"""The worker that parses the slices ``xlsx_stream`` cuts, ahead of the caller.

``SliceReader`` runs one reading of a sheet on a thread: it cuts the sheet's XML
(``xlsx_stream.Cutter``), wraps each slice in a small stored workbook of its own and has
calamine parse it (calamine releases the GIL while it parses), and hands the parsed sheets over
one at a time, so that at most two are held. A workbook whose shared strings are large
(``SlicePlan.shared``) has every slice written as a sheet of one temporary workbook instead, so
that calamine reads the shared strings once; the file is removed when the reading ends.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import posixpath
import queue
import re
import shutil
import tempfile
import threading
import weakref
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from branchdesk.exchange import xlsx_stream
from branchdesk.exchange.xlsx_stream import Cutter, SlicePlan

_WAIT_S = 0.2
#: What the worker runs on each slice's XML (the formula scan): (document, first) → result.
Inspect = Callable[[bytes, bool], Any]


@dataclass
class Slice:
    """One parsed slice: calamine's sheet (None when the slice holds no cell) and the result
    of ``inspect`` on its XML."""

    sheet: Any
    found: Any


# --- the worker --------------------------------------------------------------------------------

#: Readers whose worker may still run: stopped at exit, so their temporary files go too.
_READERS: weakref.WeakSet[SliceReader] = weakref.WeakSet()


@atexit.register
def _stop_workers() -> None:
    for reader in list(_READERS):
        reader.close()
        reader.thread.join(timeout=5)


class SliceReader:
    """The slices of one reading of a sheet, parsed ahead on a worker thread.

    Iterate it for ``Slice`` values in sheet order; ``close`` stops the worker (also called when
    the iteration ends). ``inspect(document, first)`` runs on the worker for every slice's XML.
    Errors of the worker (calamine's included) are raised by the iteration.
    """

    def __init__(self, slice_plan: SlicePlan, inspect: Inspect | None = None) -> None:
        self.plan = slice_plan
        self.inspect = inspect
        self.stop = threading.Event()
        self.ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
        self.thread = threading.Thread(target=self._work, name="xlsx-slices", daemon=True)
        _READERS.add(self)
        self.thread.start()

    def __iter__(self) -> Iterator[Slice]:
        try:
            while True:
                kind, item = self.ready.get()
                if kind == "end":
                    return
                if kind == "error":
                    raise item
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker: it drops what it holds after the slice it is parsing, if any."""
        self.stop.set()
        with contextlib.suppress(queue.Empty):
            self.ready.get_nowait()

    def _work(self) -> None:
        try:
            if self.plan.shared:
                self._work_shared()
            else:
                self._work_each()
            self._put("end", None)
        except BaseException as error:  # calamine panics derive from BaseException
            self._put("error", error)

    def _documents(self) -> Iterator[tuple[bytes, Any]]:
        """Each slice's document and what ``inspect`` found in it."""
        cutter = Cutter(self.plan, xlsx_stream.FIRST_SLICE_BYTES)
        for index, document in enumerate(cutter.documents(self.stop)):
            yield document, self.inspect(document, index == 0) if self.inspect else None

    def _work_each(self) -> None:
        """Each slice in its own small workbook, parsed as soon as it is cut."""
        for document, found in self._documents():
            if self.stop.is_set() or not self._put("slice", Slice(self._parse(document), found)):
                return

    def _parse(self, document: bytes) -> Any:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
            for name, data in self.plan.copies.items():
                zf.writestr(name, data)
            zf.writestr(self.plan.part, document)
        del document
        buffer.seek(0)
        workbook = CalamineWorkbook.from_filelike(buffer)
        sheet = workbook.get_sheet_by_name(self.plan.sheet)
        workbook.close()
        return sheet if sheet.start is not None else None

    def _work_shared(self) -> None:
        """Every slice as a sheet of one temporary workbook with the shared strings once."""
        folder = Path(tempfile.mkdtemp(prefix="branchdesk-slices-"))
        try:
            found = _write_slices(self.plan, self._documents(), folder / "slices.xlsx")
            if self.stop.is_set():
                return
            workbook = CalamineWorkbook.from_path(folder / "slices.xlsx")
            try:
                for index, result in enumerate(found):
                    sheet = workbook.get_sheet_by_name(_slice_name(index))
                    piece = Slice(sheet if sheet.start is not None else None, result)
                    if self.stop.is_set() or not self._put("slice", piece):
                        return
            finally:
                workbook.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _put(self, kind: str, item: Any) -> bool:
        """Hand ``item`` over; False when the reader was closed meanwhile."""
        while not self.stop.is_set():
            try:
                self.ready.put((kind, item), timeout=_WAIT_S)
                return True
            except queue.Full:
                continue
        return False


# --- one temporary workbook for every slice -------------------------------------------------


def _slice_name(index: int) -> str:
    return f"bd_slice{index}"


_SHEETS = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheets\b[^>]*>.*?</\1sheets>", re.S)
_SHEET_ID_ATTR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*?\s([\w.-]+:id)=")
_RELS_END = re.compile(rb"</((?:[A-Za-z_][\w.-]*:)?)Relationships>")


def _write_slices(slice_plan: SlicePlan, documents: Iterator[tuple[bytes, Any]],
                  target: Path) -> list[Any]:
    """Write every slice into the stored workbook ``target`` (the package parts of
    ``slice_plan.copies``, its workbook and relationships listing the slices as sheets
    ``bd_slice0``, …); returns what ``inspect`` found in each."""
    found: list[Any] = []
    folder = posixpath.dirname(slice_plan.book)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        for index, (document, result) in enumerate(documents):
            zf.writestr(posixpath.join(folder, "worksheets", _slice_name(index) + ".xml"),
                        document)
            found.append(result)
        book, rels = _slice_package(slice_plan, len(found))
        for name, data in slice_plan.copies.items():
            zf.writestr(name, book if name == slice_plan.book else rels
                        if name == slice_plan.rels else data)
    return found


def _slice_package(slice_plan: SlicePlan, count: int) -> tuple[bytes, bytes]:
    """The workbook part listing ``count`` slice sheets, and its relationships part."""
    original = slice_plan.copies[slice_plan.book]
    sheets = _SHEETS.search(original)
    attribute = _SHEET_ID_ATTR.search(original)
    if sheets is None or attribute is None:
        raise zipfile.BadZipFile("workbook part without sheets")
    prefix, rid = sheets.group(1), attribute.group(1)
    listed = b"".join(b'<%ssheet name="%s" sheetId="%d" %s="bdSlice%d"/>' % (
        prefix, _slice_name(i).encode(), i + 1, rid, i) for i in range(count))
    book = original[:sheets.start()] + b"<%ssheets>%s</%ssheets>" % (prefix, listed, prefix) \
        + original[sheets.end():]
    kind = _worksheet_type(slice_plan)
    relations = b"".join(b'<Relationship Id="bdSlice%d" Type="%s" Target="worksheets/%s.xml"/>'
                         % (i, kind, _slice_name(i).encode()) for i in range(count))
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
