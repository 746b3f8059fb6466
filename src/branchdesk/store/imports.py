"""The import history and the column mappings remembered per kind."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from branchdesk.store.connection import Store
from branchdesk.store.lock import os_user


@dataclass(frozen=True)
class ImportEntry:
    """One recorded import (one command, possibly several files)."""

    id: int
    at: str
    user: str
    files: list[dict[str, Any]]
    kinds: list[str]
    counts: dict[str, int]
    result: str


def record_import(store: Store, files: list[dict[str, Any]], counts: dict[str, int],
                  result: str) -> int:
    """Record an import (caller's transaction): files with name, SHA-256, kind and counts."""
    kinds = sorted({str(f.get("kind")) for f in files})
    cursor = store.conn.execute(
        "INSERT INTO imports(at, os_user, files, kinds, counts, result) VALUES (?, ?, ?, ?, ?, ?)",
        (datetime.now().astimezone().isoformat(timespec="seconds"), os_user(),
         json.dumps(files, ensure_ascii=False), json.dumps(kinds), json.dumps(counts), result),
    )
    return int(cursor.lastrowid or 0)


def list_imports(store: Store, limit: int = 20) -> list[ImportEntry]:
    """The newest ``limit`` imports, newest first."""
    rows = store.query("SELECT * FROM imports ORDER BY id DESC LIMIT ?", (limit,))
    return [ImportEntry(r["id"], r["at"], r["os_user"], json.loads(r["files"]),
                        json.loads(r["kinds"]), json.loads(r["counts"]), r["result"])
            for r in rows]


def get_mapping(store: Store, kind: str) -> dict[str, str]:
    """The column mapping (header → field) remembered for ``kind`` (empty if none)."""
    value = store.scalar("SELECT mapping FROM column_mappings WHERE kind = ?", (kind,))
    return dict(json.loads(value)) if value else {}


def save_mapping(store: Store, kind: str, mapping: dict[str, str]) -> None:
    """Remember a column mapping for ``kind`` (caller's transaction)."""
    store.conn.execute(
        "INSERT INTO column_mappings(kind, mapping, changed_at) VALUES (?, ?, ?) "
        "ON CONFLICT(kind) DO UPDATE SET mapping = excluded.mapping, "
        "changed_at = excluded.changed_at",
        (kind, json.dumps(mapping, ensure_ascii=False),
         datetime.now().astimezone().isoformat(timespec="seconds")),
    )
