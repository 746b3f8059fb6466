"""The 健康宣言 list: ids for a search, filters and sort (all in SQL), rows by ids, the detail
of one declaration with its audit history (Qt-free).

The search matches the employer's ``search_key`` (事業所記号, name and kana, insensitive to
width, kana and case: ``domain.normalize.search_key``): it is the 事業所 page's own search, so it
finds what that page finds. How the ids are combined fast: ``listing``.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from branchdesk.store.audit import history_of
from branchdesk.store.connection import Store
from branchdesk.store.queries import employers, listing
from branchdesk.store.queries.employer_sets import snapshot

#: The list's columns, in display order: (key, SQL expression).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("symbol", "e.symbol"),
    ("employer_name", "e.name"),
    ("declared_on", "d.declared_on"),
    ("kind", "d.kind"),
    ("status", "d.status"),
    ("withdrawn_on", "d.withdrawn_on"),
    ("karte_on", "d.karte_on"),
    ("certification", "d.certification"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
_TABLE = "declarations"
#: How each column sorts (names in 五十音 order through the kana where there is one).
_ORDER_SQL = {**dict(COLUMNS), "employer_name": "COALESCE(e.name_kana, e.name)"}


@dataclass(frozen=True)
class DeclarationFilter:
    """What the list shows: a search text and optional filters (None: no filter).

    ``status``: "active" (宣言中) or "withdrawn" (取下げ); ``kind``: "standard" or
    "conventional"; ``declared_from`` / ``declared_to``: the 宣言日 range, inclusive.
    """

    search: str = ""
    status: str | None = None
    kind: str | None = None
    declared_from: date | None = None
    declared_to: date | None = None


def filter_clause(flt: DeclarationFilter) -> tuple[str, dict[str, Any]]:
    """The SQL condition and parameters of the filters but the search (over ``d`` alone)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    for name, column in (("status", "d.status"), ("kind", "d.kind")):
        if getattr(flt, name) is not None:
            parts.append(f"{column} = :{name}")
            params[name] = getattr(flt, name)
    listing.add_date_range((parts, params), "d.declared_on", flt.declared_from, flt.declared_to)
    return " AND ".join(parts) or "1", params


def warm(store: Store) -> None:
    """Read what a search needs into memory for this version of the store (each declaration's
    employer and the 事業所 search column): run off the GUI thread once the list is shown."""
    with snapshot(store):
        listing.employer_of(store, _TABLE)
    employers.warm_search(store)


def order_clause(column: str, descending: bool = False) -> str:
    """ORDER BY text for a column key of ``COLUMNS`` (ties by id, so the order is stable)."""
    return listing.order_clause(_ORDER_SQL, "d", column, descending)


def ids(store: Store, flt: DeclarationFilter, order: str = "declared_on",
        descending: bool = True) -> array[int]:
    """Ids of the declarations matching ``flt`` (the search: the employer as the 事業所 list
    finds it), sorted by column ``order`` with ties by id in the same direction."""
    clause = order_clause(order)
    with snapshot(store):
        ordered = listing.ordered(store, _TABLE, "d", clause)
        masks = [listing.employer_search(store, _TABLE, flt.search),
                 listing.where_mask(store, _TABLE, "d", filter_clause(flt))]
    return listing.select(ordered, masks, descending)


def count(store: Store) -> int:
    """How many declarations the store holds."""
    return listing.count(store, _TABLE)


def rows_by_ids(store: Store, wanted: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """The list's cells (in ``COLUMNS`` order) of the declarations ``wanted``, by id."""
    return listing.rows_by_ids(store, _TABLE, "d", COLUMNS, wanted)


@dataclass(frozen=True)
class DeclarationDetail:
    """One declaration with its employer, its items and its audit history."""

    id: int
    uid: str
    symbol: str
    employer_name: str
    values: dict[str, Any]
    items: list[str]
    history: list[dict[str, Any]] = field(default_factory=list)


_DETAIL_FIELDS = ("declared_on", "kind", "status", "withdrawn_on", "withdrawal_reason", "items",
                  "karte_on", "karte_again_on", "certification", "contact_person", "note",
                  "locally_edited", "created_at", "changed_at")


def detail(store: Store, declaration_id: int) -> DeclarationDetail | None:
    """The declaration ``declaration_id`` (None when it is not stored)."""
    columns = ", ".join(f"d.{c}" for c in _DETAIL_FIELDS)
    row = store.conn.execute(
        f"SELECT d.uid, e.symbol, e.name, {columns} FROM declarations d "
        "JOIN employers e ON e.id = d.employer_id WHERE d.id = ?", (declaration_id,)).fetchone()
    if row is None:
        return None
    values = dict(zip(_DETAIL_FIELDS, tuple(row)[3:], strict=True))
    return DeclarationDetail(declaration_id, row[0], row[1], row[2], values,
                             parse_items(values["items"]),
                             history_of(store, "declarations", declaration_id))


def parse_items(text: str | None) -> list[str]:
    """The 宣言項目 as lines: a stored JSON array, or text as given (one item per line)."""
    if not text:
        return []
    try:
        parsed = json.loads(text)
    except ValueError:
        return [line for line in text.splitlines() if line.strip()]
    if isinstance(parsed, list):
        return [str(item) for item in parsed]
    return [str(parsed)]


@dataclass(frozen=True)
class EmployerRef:
    """An employer as the edit dialogs show it next to the 事業所記号 typed."""

    id: int
    symbol: str
    name: str
    lost_on: str | None


def employer_by_symbol(store: Store, symbol: str) -> EmployerRef | None:
    """The employer with 事業所記号 ``symbol`` (None when it is not stored)."""
    row = store.conn.execute("SELECT id, symbol, name, lost_on FROM employers WHERE symbol = ?",
                             (symbol,)).fetchone()
    return None if row is None else EmployerRef(int(row[0]), row[1], row[2], row[3])


def id_by_key(store: Store, symbol: str, declared_on: date) -> int | None:
    """The id of the declaration (事業所記号, 宣言日), or None."""
    found = store.scalar("SELECT d.id FROM declarations d JOIN employers e ON e.id = "
                         "d.employer_id WHERE e.symbol = ? AND d.declared_on = ?",
                         (symbol, declared_on.isoformat()))
    return None if found is None else int(found)


def fiscal_years(store: Store) -> list[int]:
    """The FYs from the earliest to the latest declared_on stored, newest first."""
    return listing.fiscal_years(store, _TABLE, "declared_on")
