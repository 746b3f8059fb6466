"""The entered rows of the KPI sheet (kind ``kpi_sheet``), keyed (年度, 指標 id).

An entered row holds a target, a result and a previous value (% values as fractions). A row of a
computed KPI may carry a target or a previous value but never a result: that comes from the
registers (domain.md §5).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.kpi.catalogue import BY_ID, COMPUTED_IDS
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import Changes, Key, RegisterTable, upsert

KPI_ROWS = RegisterTable("kpi_sheet_rows", key=("fy", "kpi_id"),
                         fields=("target", "value", "previous", "note"))


def upsert_kpi_rows(store: Store, rows: Sequence[Mapping[str, Any]]) -> Changes:
    """Add or update entered KPI rows from an import (caller's transaction).

    Rows are mappings with ``fy`` and ``kpi_id`` and any of target, value, previous, note.
    Refuses an unknown id (``kpi_unknown``) and a result for a computed id
    (``kpi_computed_value``). Keys are (fy, kpi_id).
    """
    for row in rows:
        if row["kpi_id"] not in BY_ID:
            raise InputRejected("kpi_unknown", kpi=row["kpi_id"])
        if row.get("value") is not None and row["kpi_id"] in COMPUTED_IDS:
            raise InputRejected("kpi_computed_value", kpi=row["kpi_id"])
    keys: list[Key] = [(row["fy"], row["kpi_id"]) for row in rows]
    return upsert(store, KPI_ROWS, rows, keys, source="import")
