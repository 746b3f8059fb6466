"""Id sets behind the 事業所 list, read from SQL and kept per connection until the store
changes (Qt-free).

At 600,000 employers SQLite finds each piece fast through an index (every id in 事業所記号
order: ~30 ms inside SQLite; the lost employers, the declared ones, one municipality: a few ms)
but two things are slow: moving 600,000 ids into Python row by row (~150 ms), and letting SQL
combine a broad filter with a sort (500,000 active employers sorted: 0.5–1 s in a temporary
B-tree). So each piece is read once as one text (``group_concat`` → numpy, ~60 ms for 600,000
ids) and pieces are combined with numpy boolean masks in a few ms. Every value is dropped when
the store changes: another connection committed (``PRAGMA data_version``) or this one wrote
(``total_changes``).
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import numpy as np
import numpy.typing as npt

from branchdesk.store.connection import Store

Ids = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
T = TypeVar("T")

#: How many computed values one store keeps (orders, masks, headcounts) before the oldest goes.
MAX_ENTRIES = 32


def fetch_ids(conn: sqlite3.Connection, sql: str, params: Any = ()) -> Ids:
    """The ``id`` column of ``sql``, in its order, as an int64 array (read as one text).

    SQLite keeps a FROM-subquery's ORDER BY when the outer query uses an aggregate other than
    count/min/max (select.c, "omit ORDER BY" rule 4), so ``group_concat`` sees the rows in
    order. (A LIMIT would keep it too, but switches the sorter to a bounded heap: 5x slower.)
    """
    row = conn.execute(f"SELECT group_concat(id, ' ') FROM ({sql})", params).fetchone()
    return _parse(row[0] if row else None)


def fetch_pairs(conn: sqlite3.Connection, sql: str, params: Any = ()) -> npt.NDArray[np.int64]:
    """The integer columns ``a`` and ``b`` of ``sql`` as an (n, 2) int64 array; rows with a
    NULL are skipped (both texts are built in one pass over the same rows, so they align)."""
    row = conn.execute(
        f"SELECT group_concat(a, ' '), group_concat(b, ' ') FROM ({sql}) "
        "WHERE a IS NOT NULL AND b IS NOT NULL", params).fetchone()
    return np.stack((_parse(row[0]), _parse(row[1])), axis=1)


def _parse(text: str | None) -> Ids:
    if not text:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=" ")


def mask_of(ids: Ids, size: int) -> Mask:
    """A boolean mask of ``size`` entries, True at ``ids``."""
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
