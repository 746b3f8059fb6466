"""What the 健康宣言 and 健康保険委員 lists share (Qt-free): the ORDER BY of a column key, the
sorted ids of a search and filters, the total, the cells of a page of ids and the fiscal years
stored.

Each register names its table and alias (``declarations d``, ``committee_members m``); the
employer of a row is always ``employers e`` joined on ``<alias>.employer_id``. Table, alias and
SQL expressions are the callers' constants, never user input.

The ids of a list are pieces kept per version of the store (``employer_sets.memo_of``), as on
the 事業所 list: every id in each sort order, each record's employer, the ids each filter keeps;
a search by employer reuses the 事業所 list's own search (``employers.search_mask``, from its
copy of the search column in memory), so no query joins 600,000 employers to a search. They are
combined with numpy masks: tens of ms where one SQL query took 0.1–0.7 s.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from branchdesk.domain.calendar import fy_of
from branchdesk.store.connection import Store
from branchdesk.store.queries import employers
from branchdesk.store.queries.employer_sets import (
    Ids,
    Mask,
    all_of,
    fetch_ids,
    fetch_pairs,
    mask_of,
    memo_of,
)
from branchdesk.store.registers.common import chunks

#: An ordering that reads the employer (so the query must join ``employers e``).
_EMPLOYER = re.compile(r"\be\.")


def add_date_range(where: tuple[list[str], dict[str, Any]], column: str,
                   first: date | None, last: date | None) -> None:
    """Add to ``where`` (condition parts, parameters) ``first <= column <= last`` (each bound
    left out when None), as ``:from`` and ``:to``."""
    parts, params = where
    if first is not None:
        parts.append(f"{column} >= :from")
        params["from"] = first.isoformat()
    if last is not None:
        parts.append(f"{column} <= :to")
        params["to"] = last.isoformat()


def order_clause(order_sql: Mapping[str, str], alias: str, column: str,
                 descending: bool = False) -> str:
    """ORDER BY text for a column key of ``order_sql`` (key → SQL expression); ties by
    ``<alias>.id``, so the order is stable. Raises ValueError on an unknown key."""
    if column not in order_sql:
        raise ValueError(f"unknown column {column!r}; expected one of {tuple(order_sql)}")
    way = "DESC" if descending else "ASC"
    return f"{order_sql[column]} {way}, {alias}.id {way}"


def ordered(store: Store, table: str, alias: str, ordering: str) -> Ids:
    """Every id of ``table`` (as ``alias``) in the ORDER BY text ``ordering``; kept until the
    store changes."""
    def compute() -> Ids:
        # CROSS JOIN keeps the register's rows outside: tens of thousands of lookups, never a
        # scan of 600,000 employers.
        join = f"CROSS JOIN employers e ON e.id = {alias}.employer_id" \
            if _EMPLOYER.search(ordering) else ""
        return fetch_ids(store.conn, f"SELECT {alias}.id AS id FROM {table} {alias} {join} "
                                     f"ORDER BY {ordering}")
    return memo_of(store).get(store, ("listing", table, "order", ordering), compute)


def employer_of(store: Store, table: str) -> Ids:
    """Each row's ``employer_id`` by row id (0 where ``table`` has no such id); its length is
    the size of every mask over the rows. Kept until the store changes."""
    import numpy as np

    def compute() -> Ids:
        pairs = fetch_pairs(store.conn, f"SELECT id AS a, employer_id AS b FROM {table}")
        values = np.zeros(int(pairs[:, 0].max()) + 1 if len(pairs) else 1, dtype=np.int64)
        values[pairs[:, 0]] = pairs[:, 1]
        return values
    return memo_of(store).get(store, ("listing", table, "employer"), compute)


def employer_search(store: Store, table: str, text: str) -> Mask | None:
    """The rows whose employer the 事業所 search of ``text`` finds (None: ``text`` searches
    for nothing)."""
    found = employers.search_mask(store, text)
    return None if found is None else found[employer_of(store, table)]


def where_mask(store: Store, table: str, alias: str,
               where: tuple[str, dict[str, Any]]) -> Mask | None:
    """The rows of ``table`` (as ``alias``) the condition on its own columns keeps (None for
    the condition "1"); kept until the store changes."""
    condition, params = where
    if condition == "1":
        return None
    size = len(employer_of(store, table))
    key = ("listing", table, "where", condition, tuple(sorted(params.items())))
    return memo_of(store).get(store, key, lambda: mask_of(fetch_ids(
        store.conn, f"SELECT {alias}.id AS id FROM {table} {alias} WHERE {condition}", params),
        size))


def select(ordered_ids: Ids, masks: Sequence[Mask | None], descending: bool) -> array[int]:
    """The ids of ``ordered_ids`` every mask keeps, reversed when ``descending`` (an ORDER BY
    with ties by id reverses exactly)."""
    mask = all_of([m for m in masks if m is not None])
    chosen = ordered_ids if mask is None else ordered_ids[mask[ordered_ids]]
    return array("q", (chosen[::-1] if descending else chosen).tobytes())


def count(store: Store, table: str) -> int:
    """How many rows ``table`` holds."""
    return int(store.scalar(f"SELECT COUNT(*) FROM {table}"))


def rows_by_ids(store: Store, table: str, alias: str, columns: Sequence[tuple[str, str]],
                wanted: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """The cells (the SQL expressions of ``columns``, in order) of the rows ``wanted``, by id."""
    select = ", ".join(sql for _, sql in columns)
    found: dict[int, tuple[Any, ...]] = {}
    for batch in chunks(list(wanted)):
        marks = ", ".join("?" * len(batch))
        for row in store.conn.execute(
                f"SELECT {alias}.id, {select} FROM {table} {alias} JOIN employers e "
                f"ON e.id = {alias}.employer_id WHERE {alias}.id IN ({marks})", batch):
            found[int(row[0])] = tuple(row[1:])
    return found


def fiscal_years(store: Store, table: str, column: str) -> list[int]:
    """The FYs from the earliest to the latest ``column`` (an ISO date) of ``table``, newest
    first (empty when the table is)."""
    first, last = store.conn.execute(
        f"SELECT MIN({column}), MAX({column}) FROM {table}").fetchone()
    if first is None:
        return []
    return list(range(fy_of(date.fromisoformat(last)), fy_of(date.fromisoformat(first)) - 1, -1))
