"""Valid employer rows staged in the store's temporary tables while a register is validated.

A 600,000-row register held as Python dicts takes most of a gigabyte; staged, it takes a fifth
of that in SQLite's memory, and the register write reads it set-wise (``store.registers
.apply_staged_register``). The stage lives on the import's own connection, outside its
transaction, and goes with the connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from branchdesk.exchange.columns import HeaderMatch
from branchdesk.exchange.fields import KINDS
from branchdesk.store.connection import Store
from branchdesk.store.registers.compare import ComparingStage
from branchdesk.store.registers.employers import FIELDS, register_stage
from branchdesk.store.registers.fresh import FreshFailed, FreshRegister, is_fresh
from branchdesk.store.registers.stage import Compared, RecordStage
from branchdesk.store.registers.tally import RegisterTally

#: Kinds whose valid rows are staged rather than kept in memory.
STAGED_KINDS = frozenset({"employers"})


#: Cell types whose parsed values are already as SQLite stores them (str, int, float or None).
_PLAIN_TYPES = frozenset({"text", "symbol", "code", "postal", "municipality", "office_number",
                          "int", "number"})


def _plain(match: HeaderMatch) -> frozenset[str]:
    """The fields of a register whose values need no conversion to be staged."""
    return frozenset(f.name for f in KINDS[match.kind].fields if f.type in _PLAIN_TYPES)


def _present(match: HeaderMatch) -> list[str]:
    """The employer fields a register's columns carry."""
    spec = KINDS[match.kind]
    return [f.name for f in spec.fields if f.record and f.name in match.columns
            and f.name in FIELDS]


class StageSink:
    """A ``validate_sheetwide.RecordSink`` writing to a ``RecordStage``.

    Search keys are not computed while staging: a register applied to a store that holds
    employers writes few of its rows, and those get theirs when written.
    """

    def __init__(self, store: Store, match: HeaderMatch) -> None:
        self.stage: RecordStage = register_stage(store, _present(match), compute="none")
        self.stage.plain = _plain(match)
        tally = None if match.base_date is None else RegisterTally(match.base_date)
        self.comparing = ComparingStage(store, self.stage, tally)

    def add(self, names: tuple[str, ...], columns: list[list[Any]], rows: list[int]) -> None:
        """Stage one chunk of records (compared with the stored employers meanwhile)."""
        self.comparing.add(dict(zip(names, columns, strict=True)))

    def fetch(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """Staged records, as stored (comparable with each other)."""
        return self.comparing.fetch(positions)

    def drop(self, positions: Sequence[int]) -> None:
        """Remove staged records."""
        self.comparing.delete(positions)

    def finish(self) -> None:
        """Every chunk staged: stop comparing (``ComparingStage.finish``)."""
        self.comparing.finish()

    def compared(self) -> dict[str, Compared]:
        """The stage's comparison by stage name, when it still holds (else empty)."""
        done = self.comparing.compared()
        return {} if done is None else {self.stage.name: done}

    def tally(self) -> RegisterTally | None:
        """The stage's tally against the store, when it still holds."""
        return self.comparing.settled_tally()


class FreshSink:
    """A ``RecordSink`` inserting a store's first register as it is read (``FreshRegister``).

    Comparing or dropping records (duplicate 事業所記号) raises ``FreshFailed``: the caller
    abandons the register and validates it again into a ``StageSink``.
    """

    def __init__(self, store: Store, match: HeaderMatch) -> None:
        self.register = FreshRegister(store, _present(match))
        self.register.stage.plain = _plain(match)

    def add(self, names: tuple[str, ...], columns: list[list[Any]], rows: list[int]) -> None:
        """Queue one chunk for the writer."""
        self.register.add(dict(zip(names, columns, strict=True)))

    def fetch(self, positions: Sequence[int]) -> list[dict[str, Any]]:
        """Not possible here: the register has duplicate keys."""
        raise FreshFailed()

    def drop(self, positions: Sequence[int]) -> None:
        """Nothing to drop; anything else is not possible here."""
        if positions:
            raise FreshFailed()


def stage_sink(store: Store | None, match: HeaderMatch, *, fresh: bool = False
               ) -> StageSink | FreshSink | None:
    """Where a sheet of ``match``'s kind puts its valid records: None (in memory), a stage,
    or, with ``fresh`` (the import's write transaction is open) and an empty store, straight
    into the store."""
    if store is None or match.kind not in STAGED_KINDS:
        return None
    if fresh and store.conn.in_transaction and is_fresh(store):
        return FreshSink(store, match)
    return StageSink(store, match)
