"""Id sets behind the 事業所 list, read from SQL and kept per connection until the store
changes (Qt-free).

At 600,000 employers SQLite finds each piece fast through an index (every id in 事業所記号
order: ~30 ms inside SQLite; the lost employers, the declared ones, one municipality: a few ms)
but two things are slow: moving 600,000 ids into Python row by row (~150 ms), and letting SQL
combine a broad filter with a sort (500,000 active employers sorted: 0.5–1 s in a temporary
B-tree). So each piece is read once as one text (``group_concat`` → numpy, ~60 ms for 600,000
ids) and pieces are combined with numpy boolean masks in a few ms. A text column searched as
you type is kept whole in memory (``TextIndex``: one numpy array of UTF-16 code units, searched
in ~15 ms where SQLite's ``instr`` scan of 600,000 rows takes ~80 ms). Every value is dropped
when the store changes: another connection committed (``PRAGMA data_version``) or this one
wrote (``total_changes``).

numpy is imported on first use, not with this module: the dashboard keeps its figures in the
same per-store memo and is drawn before anything needs numpy.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from branchdesk.store.connection import Store

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Ids = npt.NDArray[np.int64]
    Mask = npt.NDArray[np.bool_]
    Units = npt.NDArray[np.uint16]
else:  # annotations only: the real types need numpy, which is imported on first use
    Ids = Mask = Units = Any

T = TypeVar("T")

#: How many computed values one store keeps (orders, masks, headcounts) before the oldest goes.
MAX_ENTRIES = 32
_NEWLINE = 10


def fetch_ids(conn: sqlite3.Connection, sql: str, params: Any = ()) -> Ids:
    """The ``id`` column of ``sql``, in its order, as an int64 array (read as one text).

    SQLite keeps a FROM-subquery's ORDER BY when the outer query uses an aggregate other than
    count/min/max (select.c, "omit ORDER BY" rule 4), so ``group_concat`` sees the rows in
    order. (A LIMIT would keep it too, but switches the sorter to a bounded heap: 5x slower.)
    """
    row = conn.execute(f"SELECT group_concat(id, ' ') FROM ({sql})", params).fetchone()
    return parse_ids(row[0] if row else None)


def fetch_pairs(conn: sqlite3.Connection, sql: str, params: Any = ()) -> npt.NDArray[np.int64]:
    """The integer columns ``a`` and ``b`` of ``sql`` as an (n, 2) int64 array; rows with a
    NULL are skipped (both texts are built in one pass over the same rows, so they align)."""
    import numpy as np

    row = conn.execute(
        f"SELECT group_concat(a, ' '), group_concat(b, ' ') FROM ({sql}) "
        "WHERE a IS NOT NULL AND b IS NOT NULL", params).fetchone()
    return np.stack((parse_ids(row[0]), parse_ids(row[1])), axis=1)


def parse_ids(text: str | None) -> Ids:
    """Integers separated by spaces (a ``group_concat``) as an int64 array."""
    import numpy as np

    if not text:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=" ")


def mask_of(ids: Ids, size: int) -> Mask:
    """A boolean mask of ``size`` entries, True at ``ids``."""
    import numpy as np

    mask = np.zeros(size, dtype=np.bool_)
    mask[ids] = True
    return mask


def all_of(masks: Sequence[Mask]) -> Mask | None:
    """The conjunction of ``masks`` (None when there are none: nothing filters)."""
    if not masks:
        return None
    result = masks[0].copy()
    for mask in masks[1:]:
        result &= mask
    return result


@dataclass(frozen=True)
class TextIndex:
    """One text per row, all in one array of UTF-16 code units, each row's text ending with a
    newline (texts hold none: ``load_texts`` turns one into a space, which no search key holds).
    ``matching`` finds a substring with a few vectorised passes instead of a scan row by row."""

    ids: Ids
    units: Units
    starts: Ids

    def matching(self, needle: str) -> Ids:
        """Ids of the rows whose text contains ``needle`` (every row for ""), in text order;
        SQLite's ``instr(text, needle) > 0`` finds the same rows."""
        import numpy as np

        wanted = np.frombuffer(needle.encode("utf-16-le"), dtype=np.uint16)
        if not len(wanted):
            return self.ids.copy()
        if _NEWLINE in wanted or len(wanted) > len(self.units):
            return self.ids[:0].copy()
        at = np.flatnonzero(self.units[:len(self.units) - len(wanted) + 1] == wanted[0])
        for offset in range(1, len(wanted)):
            at = at[self.units[at + offset] == wanted[offset]]
        rows = np.searchsorted(self.starts, at, side="right") - 1
        if len(rows):  # positions ascend, so a row's repeated matches are neighbours
            rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
        return self.ids[rows]


def load_texts(conn: sqlite3.Connection, sql: str, params: Any = ()) -> TextIndex:
    """The ``id`` and ``text`` columns of ``sql`` as a ``TextIndex`` (a NULL text is "")."""
    import numpy as np

    ids, text = conn.execute(
        "SELECT group_concat(id, ' '), group_concat(replace(COALESCE(text, ''), char(10), ' ')"
        f" || char(10), '') FROM ({sql})", params).fetchone()
    units = np.frombuffer((text or "").encode("utf-16-le"), dtype=np.uint16)
    ends = np.flatnonzero(units == _NEWLINE)
    row_ids = parse_ids(ids)
    if len(ends) != len(row_ids):
        raise ValueError(f"{len(row_ids)} ids but {len(ends)} texts")
    starts = np.concatenate((np.zeros(1, dtype=np.int64), ends[:-1] + 1)) if len(ends) \
        else ends.astype(np.int64)
    return TextIndex(row_ids, units, starts)


@contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """One read transaction, so that every query inside sees the same version of the store
    (WAL) and ``data_version`` names it; inside a transaction already open, nothing to do."""
    conn = store.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # starts the read
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def data_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes when any connection commits a change to the store (this one included)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


class StoreMemo:
    """Values computed from one store, valid until the store changes (least recent dropped
    beyond ``MAX_ENTRIES``)."""

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, store: Store, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key``, computed by ``compute()`` when not kept for this version."""
        self._check(store)
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        value = compute()
        self._values[key] = value
        while len(self._values) > MAX_ENTRIES:
            self._values.popitem(last=False)
        return value

    def peek(self, store: Store, key: Hashable) -> Any:
        """The value of ``key`` if kept for this version, else None (nothing is computed)."""
        self._check(store)
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]
        return None

    def kept(self, store: Store) -> list[tuple[Hashable, Any]]:
        """Every (key, value) kept for the store's current version."""
        self._check(store)
        return list(self._values.items())

    def _check(self, store: Store) -> None:
        version = data_version(store.conn)
        if version != self._version:
            self._values.clear()
            self._version = version

    def clear(self) -> None:
        """Forget every value (they are recomputed on next use)."""
        self._values.clear()
        self._version = None


_MEMOS: WeakKeyDictionary[Store, StoreMemo] = WeakKeyDictionary()


def memo_of(store: Store) -> StoreMemo:
    """The memo of ``store`` (one per open store; gone with it)."""
    memo = _MEMOS.get(store)
    if memo is None:
        memo = _MEMOS[store] = StoreMemo()
    return memo
