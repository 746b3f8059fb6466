"""What a staged employer register finds in the store, tallied chunk by chunk as it is staged.

A re-imported register mostly lists every active employer again with the headcounts already
stored for its date. ``RegisterTally`` counts, for each staged chunk, the listed employers that
are stored, active, lost, and whose stored headcount at the register's date equals the staged
one (on ``compare.ComparingStage``'s writer thread, while the next chunk is validated). When
every count says so, ``settles`` proves that applying the register marks no employer lost,
reactivates none and writes no headcount — what the set-wise statements of
``employers.apply_staged_register`` would otherwise find out over the whole register.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from branchdesk.store.registers.stage import RecordStage

#: Employers active at :d: not lost by then, and applied (when known) on or before it.
ACTIVE = ("(e.lost_on IS NULL OR e.lost_on > :d) "
          "AND (e.applied_on IS NULL OR e.applied_on <= :d)")


@dataclass
class RegisterTally:
    """Counts over a register's staged rows (dated ``as_of``) against the store as it is."""

    as_of: date
    register_id: int | None = None
    active: int = 0  # employers active at as_of
    headcounts: int = 0  # headcounts stored for as_of
    started: bool = False
    staged: int = 0
    insured: int = 0
    stored: int = 0  # staged rows whose 事業所記号 is stored
    active_listed: int = 0  # … of an employer active at as_of
    lost_listed: int = 0  # … of an employer lost on or before as_of
    same_history: int = 0  # … whose stored headcount at as_of equals the staged one

    def _start(self, conn: sqlite3.Connection) -> None:
        params = {"d": self.as_of.isoformat()}
        row = conn.execute("SELECT id FROM employer_registers WHERE as_of = :d",
                           params).fetchone()
        self.register_id = None if row is None else row[0]
        self.active = conn.execute(f"SELECT COUNT(*) FROM employers e WHERE {ACTIVE}",
                                   params).fetchone()[0]
        self.headcounts = conn.execute(
            "SELECT COUNT(*) FROM employer_headcounts WHERE register_id = ?",
            (self.register_id,)).fetchone()[0]
        self.started = True

    def add_range(self, stage: RecordStage, first: int, last: int) -> None:
        """Count the staged rows at positions ``first`` … ``last`` (a register stage)."""
        if not self.started:
            self._start(stage.conn)
        row = stage.conn.execute(
            f"SELECT COUNT(*), COALESCE(SUM(s.insured), 0), COUNT(e.id), "
            f"COALESCE(SUM(e.id IS NOT NULL AND {ACTIVE}), 0), "
            "COALESCE(SUM(e.lost_on IS NOT NULL AND e.lost_on <= :d), 0), "
            "COALESCE(SUM(h.employer_id IS NOT NULL AND h.insured IS s.insured "
            "AND h.dependents IS s.dependents), 0) "
            f"FROM temp.{stage.name} s LEFT JOIN main.employers e ON e.symbol = s.symbol "
            "LEFT JOIN main.employer_headcounts h ON h.register_id = :r "
            "AND h.employer_id = e.id WHERE s.rowid BETWEEN :first AND :last",
            {"d": self.as_of.isoformat(), "r": self.register_id, "first": first,
             "last": last}).fetchone()
        self.staged += row[0]
        self.insured += row[1]
        self.stored += row[2]
        self.active_listed += row[3]
        self.lost_listed += row[4]
        self.same_history += row[5]

    def settles(self, as_of: date, staged: int) -> bool:
        """True when a current register dated ``as_of`` of these ``staged`` rows (unique
        事業所記号, none deleted since tallied) adds no employer, marks none lost, reactivates
        none and leaves every headcount at ``as_of`` as it is."""
        return (as_of == self.as_of and self.register_id is not None and staged > 0
                and self.staged == staged == self.stored == self.same_history == self.headcounts
                and self.active_listed == self.active and self.lost_listed == 0)
