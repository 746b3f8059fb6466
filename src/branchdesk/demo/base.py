"""Shared machinery of the demo generator: seeded random streams, dates as day numbers, the
timeline of registers and months, and the bulk writer.

Dates are handled as proleptic ordinals (``date.toordinal()``) in numpy arrays; 0 stands for
"no date" (NULL). Every random draw comes from a stream derived from the seed and the name of
the part that draws it, so adding draws to one part never shifts another.
"""

from __future__ import annotations

import random
import secrets
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cache
from itertools import islice

import numpy as np

from branchdesk.domain.calendar import add_months, fy_end, fy_start, quarter_end
from branchdesk.store.audit import max_id, record_inserts

#: No date (NULL) in a day-number array.
NO_DAY = 0
_ISO_FIRST = date(1940, 1, 1).toordinal()
_ISO_LAST = date(2100, 12, 31).toordinal()


def rng_for(seed: int, part: str) -> np.random.Generator:
    """The numpy random stream of one part of the demo (deterministic from ``seed``)."""
    return np.random.default_rng([seed, zlib.crc32(part.encode("utf-8"))])


def py_random(rng: np.random.Generator) -> random.Random:
    """A stdlib ``Random`` seeded from ``rng`` (faster for scalar draws in loops)."""
    return random.Random(int(rng.integers(2**62)))


def day(d: date) -> int:
    """A date as a day number."""
    return d.toordinal()


@cache
def _iso_table() -> np.ndarray:
    """ISO texts of every day from 1940 to 2100, index 0 being None (``NO_DAY``)."""
    table = [None] + [date.fromordinal(d).isoformat() for d in range(_ISO_FIRST, _ISO_LAST)]
    return np.array(table, dtype=object)


def iso(days: np.ndarray | Sequence[int]) -> list[str | None]:
    """Day numbers as ISO texts (None for ``NO_DAY``)."""
    arr = np.asarray(days, dtype=np.int64)
    present = arr != NO_DAY
    if present.any() and (arr[present].min() < _ISO_FIRST or arr[present].max() >= _ISO_LAST):
        raise ValueError("demo date out of range")
    index = np.where(present, arr - _ISO_FIRST + 1, 0)
    return list(_iso_table()[index])


def iso1(d: int) -> str | None:
    """One day number as ISO text."""
    return None if d == NO_DAY else date.fromordinal(d).isoformat()


class Timeline:
    """The demo's calendar: quarterly registers, months and fiscal-year ends of the range."""

    def __init__(self, fy_from: int, fy_to: int) -> None:
        self.fy_from = fy_from
        self.fy_to = fy_to
        self.fys = list(range(fy_from, fy_to + 1))
        self.registers = [quarter_end(fy, q) for fy in self.fys for q in (1, 2, 3, 4)]
        self.register_days = np.array([day(d) for d in self.registers], dtype=np.int64)
        self.start = day(fy_start(fy_from))
        self.end = day(fy_end(fy_to))
        first = fy_from * 100 + 4
        self.months = [add_months(first, i) for i in range(12 * len(self.fys))]

    @property
    def n_registers(self) -> int:
        """How many quarterly registers the range holds."""
        return len(self.registers)

    def fy_end_register(self, k: int) -> int:
        """The register index dated on the last day of the range's ``k``-th fiscal year."""
        return 4 * k + 3

    def register_index(self, days: np.ndarray) -> np.ndarray:
        """Index of the latest register dated on or before each day (−1 before the first)."""
        return np.searchsorted(self.register_days, days, side="right") - 1


def batched(rows: Iterable[Sequence[object]], size: int) -> Iterator[list[Sequence[object]]]:
    """``rows`` in lists of at most ``size``."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class Writer:
    """Bulk inserts: rows go to a TEMP staging table with ``executemany`` and then into the
    register table with one ``INSERT … SELECT`` per chunk (cheaper than ``executemany`` into
    the indexed table), and each call is audited as one write operation (``store.audit``).

    The ``uid`` of every row is this store's random 64-bit prefix plus a counter, so the uid
    indexes grow at their end instead of at random places (random uids cost ~4 µs a row more
    at 600,000 rows); uids stay globally unique (random prefix per store) and 32 hex digits like
    the schema's default. ``created_at``/``changed_at`` are the generation's start time, given
    once instead of computed per row.
    """

    def __init__(self, conn: sqlite3.Connection, chunk: int = 50_000) -> None:
        self.conn = conn
        self.chunk = chunk
        self.prefix = secrets.token_hex(8)
        self.counter = 0
        self.counts: dict[str, int] = {}
        self.stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

    def insert(self, table: str, columns: Sequence[str],
               rows: Iterable[Sequence[object]]) -> int:
        """Insert ``rows`` (tuples in ``columns`` order) in order; the first row's id.

        Ids follow the order of ``rows`` (the tables have INTEGER PRIMARY KEY ids).
        """
        before = max_id(self.conn, table)
        names = ", ".join(columns)
        stage = f"temp.demo_stage_{table}"
        self.conn.execute(f"DROP TABLE IF EXISTS {stage}")
        self.conn.execute(f"CREATE TABLE {stage} ({names})")
        marks = ", ".join("?" for _ in columns)
        for batch in batched(rows, self.chunk):
            self.conn.execute(f"DELETE FROM {stage}")
            self.conn.executemany(f"INSERT INTO {stage} ({names}) VALUES ({marks})", batch)
            self.conn.execute(
                f"INSERT INTO main.{table} (uid, created_at, changed_at, {names}) "
                f"SELECT printf('%s%016x', ?, ? + rowid), ?, ?, {names} FROM {stage} "
                "ORDER BY rowid", (self.prefix, self.counter, self.stamp, self.stamp))
            self.counter += len(batch)
            self.counts[table] = self.counts.get(table, 0) + len(batch)
        self.conn.execute(f"DROP TABLE {stage}")
        record_inserts(self.conn, table, before, {"source": "demo"})
        return before + 1

    def count(self, table: str, n: int) -> None:
        """Record ``n`` rows written to ``table`` by plain SQL."""
        self.counts[table] = self.counts.get(table, 0) + n
