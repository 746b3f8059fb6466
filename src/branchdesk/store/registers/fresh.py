"""The first employer register of an empty store, inserted while it is still being read.

A store's first register adds every employer it lists and nothing else happens: no employer is
compared, changed, marked lost or reactivated. So each chunk can go to the store as soon as it
is validated: ``FreshRegister`` stages it (``stage.RecordStage``) and a writer thread copies it
into ``employers``, and its headcounts into ``employer_headcounts``, with one statement each
(SQLite releases the GIL for the whole statement), then empties the stage, while the caller
validates the next chunk; the two never use the connection at the same time. The headcounts
name the register row ``apply`` adds at the end (the next id of ``employer_registers``: the
import holds the write lock, so nobody else adds one), with the transaction's foreign-key checks
deferred until then. Everything happens in the caller's transaction, under a savepoint:
``abandon`` undoes it (a duplicate 事業所記号 in the file, say: the caller then stages the
register the usual way), and so does a rollback.

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
from branchdesk.store.walflush import WalFlusher

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
        self.register_id = max_id(self.conn, "employer_registers") + 1
        self.conn.execute("PRAGMA defer_foreign_keys = ON")  # the register row comes last
        self.insert = Inserter(self.conn, self.stage, "import", now(), every=True)
        self.headcounts = (
            f"INSERT INTO employer_headcounts SELECT {self.register_id}, "
            f"{self.before + 1} + rowid, insured, dependents FROM temp.{self.stage.name} "
            f"ORDER BY rowid")
        self.wal = WalFlusher(store.path)
        self.symbols: list[str] = []
        self.insured = self.inserted = 0
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
        self.symbols.extend(values["symbol"])
        self.insured += sum(filter(None, values.get("insured", ())))
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
                    self._copy(*item)
            except BaseException as error:  # a duplicate key, a full disk …
                self.error = error
            finally:
                self.idle.set()
            self.wal.request()  # on a thread of its own: the next chunk need not wait

    def _copy(self, first: int, last: int) -> None:
        """Employers and headcounts of the staged positions ``first`` … ``last`` (the whole
        stage), then an empty stage for the next chunk."""
        self.inserted += self.insert(first, last)
        self.conn.execute(self.headcounts)
        self.conn.execute(f"DELETE FROM temp.{self.stage.name}")

    def _stop(self) -> None:
        self.idle.wait()
        self.ranges.put(_DONE)
        self.thread.join()
        self.wal.close()

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
        self.conn.execute("PRAGMA defer_foreign_keys = OFF")

    def apply(self, as_of: date) -> Changes:
        """The register row of ``as_of``, which the headcounts name (after ``finish``)."""
        count = self.stage.size
        span = self.conn.execute(  # two subqueries: each a seek, where one query scans
            "SELECT (SELECT MIN(id) FROM employers WHERE id > :b), "
            "(SELECT MAX(id) FROM employers WHERE id > :b)", {"b": self.before}).fetchone()
        # Ids are unique: the range holds exactly the rows inserted when it is as long.
        if self.inserted != count or (count and tuple(span) != (self.before + 1,
                                                                 self.before + count)):
            raise RuntimeError("employers were written beside the first register")
        record_inserts(self.conn, "employers", self.before, {"source": "import"},
                       span=(self.before + 1, self.before + count, count) if count else None)
        register = register_row_for(self.conn, as_of, count, self.insured)
        if register != self.register_id:
            raise RuntimeError("a register was written beside the first one")
        self.conn.execute("PRAGMA defer_foreign_keys = OFF")
        self.stage.drop()
        self.conn.execute(f"RELEASE {_SAVEPOINT}")
        added: list[Key] = [*self.symbols]
        history: list[Key] = [*sorted(self.symbols)]
        return Changes(added=added, history=history)
