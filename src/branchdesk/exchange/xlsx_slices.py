"""The worker that parses the slices ``xlsx_stream`` cuts, ahead of the caller.

``SliceReader`` runs one reading of a sheet on a thread: it cuts the sheet's XML
(``xlsx_stream.Cutter``), wraps each slice in a small stored workbook of its own and has
calamine parse it (calamine releases the GIL while it parses), and hands the parsed sheets over
one at a time, so that at most two are held. A workbook whose shared strings are large
(``SlicePlan.shared``) has its slices written as sheets of a few temporary workbooks of growing
size instead (``xlsx_groups``), so that calamine reads the shared strings a few times, not once
per slice, and the first rows come after the first slice is written, not the whole sheet; the
files are removed as their slices are parsed, and when the reading ends.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import queue
import threading
import weakref
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any

from python_calamine import CalamineWorkbook

from branchdesk.exchange import xlsx_stream
from branchdesk.exchange.xlsx_groups import Groups
from branchdesk.exchange.xlsx_stream import Cutter, SlicePlan
from branchdesk.exchange.zip_stored import StoredZip

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

    def _documents(self) -> Generator[tuple[bytes, Any], None, None]:
        """Each slice's document and what ``inspect`` found in it."""
        cutter = Cutter(self.plan, xlsx_stream.FIRST_SLICE_BYTES)
        for index, document in enumerate(cutter.documents(self.stop)):
            yield document, self.inspect(document, index == 0) if self.inspect else None

    def _work_each(self) -> None:
        """Each slice in its own small workbook, parsed as soon as it is cut."""
        zipper = StoredZip(self.plan.copies)
        for document, found in self._documents():
            sheet = self._parse(zipper, document)
            if self.stop.is_set() or not self._put("slice", Slice(sheet, found)):
                return

    def _parse(self, zipper: StoredZip, document: bytes) -> Any:
        buffer = io.BytesIO(zipper.archive(self.plan.part, document))
        del document
        workbook = CalamineWorkbook.from_filelike(buffer)
        sheet = workbook.get_sheet_by_name(self.plan.sheet)
        workbook.close()
        return sheet if sheet.start is not None else None

    def _work_shared(self) -> None:
        """The slices as sheets of a few temporary workbooks, written ahead (``xlsx_groups``)."""
        with contextlib.closing(Groups(self.plan, self._documents(), self.stop)) as groups:
            for group in groups:
                for sheet, found in group.sheets():
                    if self.stop.is_set() or not self._put("slice", Slice(sheet, found)):
                        return

    def _put(self, kind: str, item: Any) -> bool:
        """Hand ``item`` over; False when the reader was closed meanwhile."""
        while not self.stop.is_set():
            try:
                self.ready.put((kind, item), timeout=_WAIT_S)
                return True
            except queue.Full:
                continue
        return False
