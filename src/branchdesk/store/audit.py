"""The audit history: inserts per write operation, updates and deletes per record (triggers).

An insert row names the table, the first id and, in ``changes``, the count and last id of the
rows one statement added (ids of one INSERT are consecutive); its ``record_uid`` is the first
row's uid. Updates and deletes are written by the triggers of ``schema.py``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from branchdesk.store.connection import Store
from branchdesk.store.lock import os_user

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def max_id(conn: sqlite3.Connection, table: str) -> int:
    """The highest id of ``table`` (0 when empty): take it before an insert."""
    return int(conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0])


def record_inserts(conn: sqlite3.Connection, table: str, before: int,
                   note: dict[str, Any] | None = None, *,
                   span: tuple[int, int, int] | None = None) -> int:
    """Audit the rows of ``table`` added since ``max_id`` was ``before``; returns their count.

    ``span``: their (first id, last id, count) when the caller knows them (counting the rows
    reads every page they fill)."""
    first, last, count = span or conn.execute(
        f"SELECT MIN(id), MAX(id), COUNT(*) FROM {table} WHERE id > ?", (before,)).fetchone()
    if not count:
        return 0
    uid = conn.execute(f"SELECT uid FROM {table} WHERE id = ?", (first,)).fetchone()[0]
    changes = {"count": count, "last_id": last, **(note or {})}
    conn.execute(
        "INSERT INTO audit(at, os_user, table_name, record_id, record_uid, action, changes) "
        f"VALUES ({_NOW}, ?, ?, ?, ?, 'insert', ?)",
        (os_user(), table, first, uid, json.dumps(changes, ensure_ascii=False)))
    return int(count)


def history_of(store: Store, table: str, record_id: int) -> list[dict[str, Any]]:
    """Every audit entry that concerns one record, oldest first (its insert included)."""
    rows = store.query(
        "SELECT at, os_user, action, changes FROM audit WHERE table_name = ? AND ("
        "record_id = ? OR (action = 'insert' AND record_id <= ? AND "
        "json_extract(changes, '$.last_id') >= ?)) ORDER BY id",
        (table, record_id, record_id, record_id))
    return [{"at": r["at"], "user": r["os_user"], "action": r["action"],
             "changes": json.loads(r["changes"]) if r["changes"] else None} for r in rows]
