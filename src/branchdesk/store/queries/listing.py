"""What the 健康宣言 and 健康保険委員 lists share (Qt-free): the ORDER BY of a column key, the
sorted ids of a filter (joining employers only when needed), the total, the cells of a page of
ids and the fiscal years stored.

Each register names its table and alias (``declarations d``, ``committee_members m``); the
employer of a row is always ``employers e`` joined on ``<alias>.employer_id``. Table, alias and
SQL expressions are the callers' constants, never user input.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from branchdesk.domain.calendar import fy_of
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import chunks

#: A condition or ordering that reads the employer (so the query must join ``employers e``).
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


def ids(store: Store, table: str, alias: str, where: tuple[str, dict[str, Any]],
        ordering: str) -> array[int]:
    """Ids of the rows of ``table`` (as ``alias``) matching ``where`` (condition, parameters),
    sorted by the ORDER BY text ``ordering``."""
    condition, params = where
    cursor = store.conn.cursor()
    cursor.row_factory = None
    # Join employers only when the search or the sort reads them: 75,000 random lookups into a
    # 600,000-row table cost more than the rest of the query.
    join = (f"JOIN employers e ON e.id = {alias}.employer_id"
            if _EMPLOYER.search(f"{condition} {ordering}") else "")
    rows = cursor.execute(
        f"SELECT {alias}.id FROM {table} {alias} {join} WHERE {condition} ORDER BY {ordering}",
        params)
    return array("q", (r[0] for r in rows))


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
