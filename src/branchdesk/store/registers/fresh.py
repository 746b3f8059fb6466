"""The first employer register of an empty store, inserted while it is still being read.

A store's first register adds every employer it lists and nothing else happens: no employer is
compared, changed, marked lost or reactivated. So each chunk can go to ``employers`` as soon as
it is validated: ``FreshRegister`` stages it (``stage.RecordStage``) and a writer thread copies it
into ``employers`` with one statement (SQLite releases the GIL for the whole statement) while the
caller validates the next chunk; the two never use the connection at the same time. ``apply``
then writes the register row and the headcounts from the stage. Everything happens in the
caller's transaction, under a savepoint: ``abandon`` undoes it (a duplicate 事業所記号 in the file,
say: the caller then stages the register the usual way), and so does a rollback.

The result equals ``apply_register`` on an empty store: every employer added, in file order,
with its uid, search key and headcount; one audit entry for the insert, one for the register.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from branchdesk.store.audit import max_id, record_inserts
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import Changes, Key, now, require_transaction
from branchdesk.store.registers.employers import register_row_for, register_stage
from branchdesk.store.registers.stage import Inserter

_SAVEPOINT = "bd_fresh"
_DONE = (-1, -1)


class FreshFailed(Exception):
    """The first register cannot be written this way (a duplicate 事業所記号, or the writer
    failed): ``abandon`` it and apply the register the usual way."""


def is_fresh(store: Store) -> bool:
    """True when the store holds no employer and no register yet."""
    return (store.scalar("SELECT 1 FROM employers LIMIT 1") is None
            and store.scalar("SELECT 1 FROM employer_registers LIMIT 1") is None)


class FreshRegister:
    """Employers of a store's first register, written chunk by chunk (``add``) on a writer
    thread; ``finish`` waits for it, ``apply`` writes the register, ``abandon`` undoes all.

    ``present``: the employer fields the file carries.
    """

    def __init__(self, store: Store, present: Sequence[str]) -> None:
        require_transaction(store)
        self.conn = store.conn
        self.conn.execute(f"SAVEPOINT {_SAVEPOINT}")
        self.stage = register_stage(store, present, compute="insert")
        self.before = max_id(self.conn, "employers")
        self.insert = Inserter(self.conn, self.stage, "import", now(), every=True)
        self.ranges: queue.Queue[tuple[int, int]] = queue.Queue()
        self.idle = threading.Event()
        self.idle.set()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._write, name="fresh-register", daemon=True)
        self.thread.start()

    def add(self, values: Mapping[str, Sequence[Any]]) -> None:
        """Stage one chunk of employers given column-wise (symbol, the present fields, insured
        and dependents) and have the writer insert it; ``FreshFailed`` once the writer failed.
        """
        self._wait()
        first = self.stage.size
        self.stage.add(values)
        if self.stage.size > first:
            self.idle.clear()
            self.ranges.put((first, self.stage.size - 1))

    def _wait(self) -> None:
        """Until the writer is done with the connection; ``FreshFailed`` if it failed."""
        self.idle.wait()
        if self.error is not None:
            raise FreshFailed() from self.error

    def _write(self) -> None:
        while (item := self.ranges.get()) != _DONE:
            try:
                if self.error is None:
                    self.insert(*item)
            except BaseException as error:  # a duplicate key, a full disk …
                self.error = error
            finally:
                self.idle.set()

    def _stop(self) -> None:
        self.idle.wait()
        self.ranges.put(_DONE)
        self.thread.join()

    def finish(self) -> None:
        """Wait until every chunk is written; ``FreshFailed`` when the writer failed."""
        self._stop()
        if self.error is not None:
            raise FreshFailed() from self.error

    def abandon(self) -> None:
        """Stop the writer and undo everything written so far."""
        if self.thread.is_alive():
            self._stop()
        self.conn.execute(f"ROLLBACK TO {_SAVEPOINT}")
        self.conn.execute(f"RELEASE {_SAVEPOINT}")

    def symbols(self) -> list[str]:
        """The 事業所記号 written, in file order (after ``finish``)."""
        return [k for k in self.stage.keys("symbol") if k is not None]

    def apply(self, as_of: date) -> Changes:
        """The register row of ``as_of`` and every headcount (after ``finish``)."""
        first, last, count = self.conn.execute(
            "SELECT MIN(id), MAX(id), COUNT(*) FROM employers WHERE id > ?",
            (self.before,)).fetchone()
        if count != self.stage.size or (count and (first, last) != (self.before + 1,
                                                                    self.before + count)):
            raise RuntimeError("employers were written beside the first register")
        record_inserts(self.conn, "employers", self.before, {"source": "import"})
        listed, insured = self.conn.execute(
            f"SELECT COUNT(*), COALESCE(SUM(insured), 0) FROM temp.{self.stage.name}").fetchone()
        register = register_row_for(self.conn, as_of, listed, insured)
        self.conn.execute(f"INSERT INTO employer_headcounts SELECT ?, ? + rowid + 1, insured, "
                          f"dependents FROM temp.{self.stage.name} ORDER BY rowid",
                          (register, self.before))
        symbols = self.symbols()
        self.stage.drop()
        self.conn.execute(f"RELEASE {_SAVEPOINT}")
        added: list[Key] = list(symbols)
        history: list[Key] = list(sorted(symbols))
        return Changes(added=added, history=history)
