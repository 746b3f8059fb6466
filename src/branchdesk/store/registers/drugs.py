"""ジェネリック / バイオシミラー statistics from head office: replaced per month (and unit).

Importing generic rows replaces, for every (診療年月, 集計単位) pair they contain, the stored rows
of that pair; biosimilar rows replace the stored rows of every 診療年月 they contain
(exchange.md §3). The replacement is written as a difference: stale rows are removed, new ones
added, differing ones updated, and equal ones left untouched — a re-issued month that equals the
stored one writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Required, TypedDict

from branchdesk.domain.enums import CLAIM_TYPE, GENERIC_UNIT
from branchdesk.domain.normalize import normalize_key
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    Key,
    RegisterTable,
    check_code,
    require_transaction,
    unique_rows,
    upsert,
)


class GenericRecord(TypedDict, total=False):
    """One generic-drug row (quantities and amounts; None is a suppressed, missing value)."""

    month: Required[int]
    unit: Required[str]
    code: str | None
    claim_type: str | None
    name: str | None
    generic_qty: float | None
    brand_qty: float | None
    generic_amount: float | None
    brand_amount: float | None


class BiosimilarRecord(TypedDict, total=False):
    """One biosimilar row per ingredient, optionally per institution (None/"" = branch total)."""

    month: Required[int]
    ingredient: Required[str]
    institution_code: str | None
    bs_qty: float | None
    ref_qty: float | None


GENERIC = RegisterTable(
    "generic_stats", key=("month", "unit", "code", "claim_type"),
    fields=("name", "generic_qty", "brand_qty", "generic_amount", "brand_amount"))
BIOSIMILAR = RegisterTable(
    "biosimilar_stats", key=("month", "ingredient_key", "institution_code"),
    fields=("ingredient", "bs_qty", "ref_qty"), required=("ingredient",))


def replace_generic(store: Store, rows: Sequence[GenericRecord]) -> Changes:
    """Replace the stored rows of every (month, unit) pair in ``rows`` (caller's transaction).

    Keys are (month, unit, code, claim_type); a None code is "" and a None claim type 計.
    """
    table_rows = [_generic_row(r) for r in rows]
    keys: list[Key] = [tuple(r[c] for c in GENERIC.key) for r in table_rows]
    groups = sorted({(r["month"], r["unit"]) for r in table_rows})
    return _replace(store, GENERIC, table_rows, keys, ("month", "unit"), groups)


def replace_biosimilar(store: Store, rows: Sequence[BiosimilarRecord]) -> Changes:
    """Replace the stored rows of every month in ``rows`` (caller's transaction).

    Keys are (month, normalised ingredient, institution code or "").
    """
    table_rows = [_biosimilar_row(r) for r in rows]
    keys: list[Key] = [tuple(r[c] for c in BIOSIMILAR.key) for r in table_rows]
    groups = sorted({(r["month"],) for r in table_rows})
    return _replace(store, BIOSIMILAR, table_rows, keys, ("month",), groups)


def _generic_row(record: GenericRecord) -> dict[str, Any]:
    row: dict[str, Any] = dict(record)
    row["code"] = record.get("code") or ""
    row["claim_type"] = record.get("claim_type") or "total"
    check_code(GENERIC_UNIT, "unit", row["unit"])
    check_code(CLAIM_TYPE, "claim_type", row["claim_type"])
    return row


def _biosimilar_row(record: BiosimilarRecord) -> dict[str, Any]:
    row: dict[str, Any] = dict(record)
    row["institution_code"] = record.get("institution_code") or ""
    row["ingredient_key"] = normalize_key(record["ingredient"])
    return row


def _replace(store: Store, table: RegisterTable, rows: list[dict[str, Any]], keys: list[Key],
             group_columns: tuple[str, ...], groups: list[tuple[Any, ...]]) -> Changes:
    """Remove the stored rows of ``groups`` that ``rows`` do not hold, then upsert ``rows``."""
    require_transaction(store)
    rows_u, keys_u = unique_rows(rows, keys)
    wanted = set(keys_u)
    where = " AND ".join(f"{c} = ?" for c in group_columns)
    stale: list[tuple[int, Key]] = []
    for group in groups:
        for row in store.conn.execute(
                f"SELECT id, {', '.join(table.key)} FROM {table.name} WHERE {where}", group):
            key = tuple(row[1:])
            if key not in wanted:
                stale.append((int(row[0]), key))
    store.conn.executemany(f"DELETE FROM {table.name} WHERE id = ?", ((i,) for i, _ in stale))
    changes = upsert(store, table, rows_u, keys_u, source="import")
    changes.removed = [key for _, key in stale]
    return changes
