"""A register stage compared with its table while it is still being filled.

Re-importing a register mostly finds its rows unchanged, and comparing 600,000 staged rows
with the stored ones takes a good part of a second once the file is read. ``ComparingStage``
compares each chunk on a writer thread as soon as it is staged (SQLite releases the GIL for the
whole statement) while the caller validates the next one; the two never use the connection at
the same time (the same rule as ``fresh.FreshRegister``). ``compared`` then hands the result to
``write_stage`` — only while the connection has changed nothing since (``total_changes``) and
inside the transaction that was open when the stage was made, so no other connection can have
written either. Otherwise it is None and the stage is compared the usual way. A
``tally.RegisterTally`` given is kept up on the same thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from branchdesk.store.connection import Store
from branchdesk.store.registers.common import Key
from branchdesk.store.registers.stage import Compared, Found, RecordStage, classify_range
from branchdesk.store.registers.tally import RegisterTally

_DONE = (-1, -1)


class ComparingStage:
    """A ``RecordStage`` whose chunks a writer thread compares with the table (``add``);
    ``finish`` waits for it, ``compared`` gives the result while it still holds."""

    def __init__(self, store: Store, stage: RecordStage, tally: RegisterTally | None = None
                 ) -> None:
        self.conn = store.conn
        self.stage = stage
        self.tally = tally
        self.deleted = False
        self.valid = store.conn.in_transaction  # the write lock is ours until the import ends
        self.keys: list[Key | None] = []
        self.found: list[Found] = []
        self.changes: int | None = None
        self.ranges: queue.Queue[tuple[int, int]] = queue.Queue()
        self.idle = threading.Event()
        self.idle.set()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._compare, name="compare-register",
                                       daemon=True)
        if self.valid:
            self.thread.start()

    def add(self, values: Mapping[str, Sequence[Any]]) -> None:
        """Stage one chunk given column-wise and have the writer compare it."""
        self.idle.wait()
        self.changes = None
        first = self.stage.size
        self.stage.add(values)
        self.keys.extend(values[self.stage.table.key[0]])
        if self.valid and self.stage.size > first:
            self.idle.clear()
            self.ranges.put((first, self.stage.size - 1))

    def fetch(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """Staged records (``RecordStage.fetch``)."""
        self.idle.wait()
        self.changes = None
        return self.stage.fetch(positions)

    def delete(self, positions: Sequence[int]) -> None:
        """Drop staged records (``RecordStage.delete``)."""
        self.idle.wait()
        self.changes = None
        self.stage.delete(positions)
        self.deleted = self.deleted or bool(positions)
        for position in positions:
            self.keys[position] = None

    def _compare(self) -> None:
        while (item := self.ranges.get()) != _DONE:
            try:
                if self.error is None:
                    self.found.extend(classify_range(self.stage, *item))
                    if self.tally is not None:
                        self.tally.add_range(self.stage, *item)
            except BaseException as error:  # compared the usual way then
                self.error = error
            finally:
                self.idle.set()

    def finish(self) -> None:
        """Stop the writer once every chunk is compared; the connection's changes from here
        on void the result."""
        if self.thread.is_alive():
            self.idle.wait()
            self.ranges.put(_DONE)
            self.thread.join()
        self.changes = self.conn.total_changes

    def compared(self) -> Compared | None:
        """The comparison, when nothing was written since ``finish``; else None."""
        if (not self.valid or self.error is not None or self.changes is None
                or self.changes != self.conn.total_changes or not self.conn.in_transaction
                or len(self.keys) != self.stage.size):
            return None
        return Compared(self.keys, self.found)

    def settled_tally(self) -> RegisterTally | None:
        """The ``RegisterTally`` of every staged row, while ``compared`` holds and no row was
        deleted; else None."""
        if self.tally is None or self.deleted or self.compared() is None:
            return None
        return self.tally
