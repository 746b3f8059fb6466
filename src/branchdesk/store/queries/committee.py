"""The 健康保険委員 list: ids for a search, filters and sort, rows by ids, the detail of one
member with trainings, commendations and audit history (Qt-free).

The search matches the employer (事業所記号, name, kana: the 事業所 list's own memoised search,
``employers.search_mask``) and the member's name (``name_key``: NFKC, spaces removed) or kana
(katakana or hiragana typed alike). As on the 事業所 list, each piece is read from SQL once per
version of the store and kept (``employer_sets.memo_of``; the pieces every register list has:
``listing``): the ids in each sort order, the members' employers and dates, their names and
kana in memory; a search or filter combines them with numpy masks (tens of ms at 75,000
members, where one SQL query joining the employers took ~400 ms). Member names are personal
data: nothing here logs them.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from branchdesk.domain.normalize import normalize_key, search_key
from branchdesk.store.audit import history_of
from branchdesk.store.connection import Store
from branchdesk.store.queries import employers, listing
from branchdesk.store.queries.employer_sets import (
    Ids,
    Mask,
    TextIndex,
    load_texts,
    memo_of,
    parse_ids,
    snapshot,
)

#: The list's columns, in display order: (key, SQL expression).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("symbol", "e.symbol"),
    ("employer_name", "e.name"),
    ("name", "m.name"),
    ("name_kana", "m.name_kana"),
    ("title", "m.title"),
    ("appointed_on", "m.appointed_on"),
    ("terminated_on", "m.terminated_on"),
    ("termination_reason", "m.termination_reason"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
_TABLE = "committee_members"
_ORDER_SQL = {**dict(COLUMNS), "employer_name": "COALESCE(e.name_kana, e.name)",
              "name": "COALESCE(m.name_kana, m.name)"}

STATES = ("in_office", "terminated")
#: In office at :on (the KPI's rule: a 解嘱日 of D no longer counts at D).
IN_OFFICE = "m.appointed_on <= :on AND (m.terminated_on IS NULL OR m.terminated_on > :on)"
#: A member not terminated, in the dates as numbers (YYYYMMDD).
_NEVER = 99_999_999


@dataclass(frozen=True)
class MemberFilter:
    """What the list shows: a search text and optional filters (None: no filter).

    ``state``: "in_office" (委嘱日 on or before ``on``, no 解嘱日 or one after it: the KPI's
    rule) or "terminated" (a 解嘱日 on or before ``on``), ``on`` being today when None;
    ``appointed_from`` / ``appointed_to``: the 委嘱日 range, inclusive.
    """

    search: str = ""
    state: str | None = None
    on: date | None = None
    appointed_from: date | None = None
    appointed_to: date | None = None


@dataclass(frozen=True)
class _Members:
    """Every member's dates as YYYYMMDD, indexed by member id (0 where no member has it)."""

    appointed: Ids
    terminated: Ids


def _katakana(text: str) -> str:
    """Hiragana → katakana (the stored kana is katakana as imported)."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def _day(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def order_clause(column: str, descending: bool = False) -> str:
    """ORDER BY text for a column key of ``COLUMNS`` (ties by id, so the order is stable)."""
    return listing.order_clause(_ORDER_SQL, "m", column, descending)


def ids(store: Store, flt: MemberFilter, order: str = "appointed_on",
        descending: bool = True) -> array[int]:
    """Ids of the members matching ``flt``, sorted by column ``order`` (ties by id in the same
    direction), as ``ORDER BY <column>, id`` sorts them."""
    clause = order_clause(order)  # refuses an unknown column
    if flt.state is not None and flt.state not in STATES:
        raise ValueError(f"state must be one of {STATES}, got {flt.state!r}")
    with snapshot(store):
        ordered = listing.ordered(store, _TABLE, "m", clause)
        masks = _masks(store, flt)
    return listing.select(ordered, masks, descending)


def _masks(store: Store, flt: MemberFilter) -> list[Mask]:
    """One mask (by member id) per part of the filter."""
    masks = []
    if flt.search.strip() and search_key(flt.search):
        masks.append(_search(store, flt.search))
    if (flt.state, flt.appointed_from, flt.appointed_to) != (None, None, None):
        members = _members(store)
        if flt.state is not None:
            day = _day(flt.on or date.today())
            masks.append((members.appointed <= day) & (members.terminated > day)
                         if flt.state == "in_office" else members.terminated <= day)
        if flt.appointed_from is not None:
            masks.append(members.appointed >= _day(flt.appointed_from))
        if flt.appointed_to is not None:
            masks.append(members.appointed <= _day(flt.appointed_to))
    return masks


def _search(store: Store, text: str) -> Mask:
    """Members whose employer the 事業所 search finds, or whose name or kana holds the text."""
    employer = listing.employer_search(store, _TABLE, text)
    found = np.zeros(len(listing.employer_of(store, _TABLE)), dtype=np.bool_)
    if employer is not None:
        found |= employer
    name = normalize_key(text)
    for column, needle in (("name_key", name), ("kana", _katakana(name))):
        found[_texts(store, column).matching(needle)] = True
    return found


def _members(store: Store) -> _Members:
    def compute() -> _Members:
        row = store.conn.execute(
            "SELECT group_concat(id, ' '), group_concat("
            "CAST(replace(appointed_on, '-', '') AS INTEGER), ' '), group_concat(COALESCE("
            f"CAST(replace(terminated_on, '-', '') AS INTEGER), {_NEVER}), ' ') "
            "FROM committee_members").fetchone()
        member_ids = parse_ids(row[0])
        size = len(listing.employer_of(store, _TABLE))  # the size of every mask over members
        columns = []
        for text in row[1:]:
            column = np.zeros(size, dtype=np.int64)
            column[member_ids] = parse_ids(text)
            columns.append(column)
        return _Members(*columns)
    return memo_of(store).get(store, ("members", "table"), compute)


def _texts(store: Store, column: str) -> TextIndex:
    """The members' ``name_key`` or kana (spaces removed) in memory."""
    sql = {"name_key": "SELECT id, name_key AS text FROM committee_members",
           "kana": "SELECT id, replace(replace(name_kana, ' ', ''), '　', '') AS text "
                   "FROM committee_members"}[column]
    return memo_of(store).get(store, ("members", column), lambda: load_texts(store.conn, sql))


def warm(store: Store) -> None:
    """Read what a search needs into memory for this version of the store (the members'
    dates, names and kana, and the 事業所 search column): run off the GUI thread once the list
    is shown, so that the first search does not wait for it."""
    with snapshot(store):
        listing.employer_of(store, _TABLE)
        _members(store)
        for column in ("name_key", "kana"):
            _texts(store, column)
    employers.warm_search(store)


def count(store: Store) -> int:
    """How many members the store holds (in office or not)."""
    return listing.count(store, _TABLE)


def in_office_count(store: Store, on: date) -> int:
    """How many members are in office at ``on``."""
    return int(store.scalar(f"SELECT COUNT(*) FROM committee_members m WHERE {IN_OFFICE}",
                            {"on": on.isoformat()}))


def rows_by_ids(store: Store, wanted: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """The list's cells (in ``COLUMNS`` order) of the members ``wanted``, by id."""
    return listing.rows_by_ids(store, _TABLE, "m", COLUMNS, wanted)


@dataclass(frozen=True)
class MemberEvent:
    """A training attended or a commendation received."""

    kind: str
    on_date: str
    title: str


@dataclass(frozen=True)
class MemberDetail:
    """One member with the employer, events and audit history."""

    id: int
    uid: str
    symbol: str
    employer_name: str
    values: dict[str, Any]
    events: list[MemberEvent] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)


_DETAIL_FIELDS = ("name", "name_kana", "title", "phone", "email", "appointed_on",
                  "terminated_on", "termination_reason", "locally_edited", "created_at",
                  "changed_at")


def detail(store: Store, member_id: int) -> MemberDetail | None:
    """The member ``member_id`` (None when it is not stored)."""
    columns = ", ".join(f"m.{c}" for c in _DETAIL_FIELDS)
    row = store.conn.execute(
        f"SELECT m.uid, e.symbol, e.name, {columns} FROM committee_members m "
        "JOIN employers e ON e.id = m.employer_id WHERE m.id = ?", (member_id,)).fetchone()
    if row is None:
        return None
    events = [MemberEvent(r[0], r[1], r[2]) for r in store.query(
        "SELECT kind, on_date, title FROM member_events WHERE member_id = ? "
        "ORDER BY on_date, id", (member_id,))]
    return MemberDetail(member_id, row[0], row[1], row[2],
                        dict(zip(_DETAIL_FIELDS, tuple(row)[3:], strict=True)), events,
                        history_of(store, "committee_members", member_id))


def fiscal_years(store: Store) -> list[int]:
    """The FYs from the earliest to the latest appointed_on stored, newest first."""
    return listing.fiscal_years(store, _TABLE, "appointed_on")


def id_by_key(store: Store, symbol: str, name: str, appointed_on: date) -> int | None:
    """The id of the member (事業所記号, 氏名 as ``normalize_key`` compares it, 委嘱日), or None."""
    found = store.scalar(
        "SELECT m.id FROM committee_members m JOIN employers e ON e.id = m.employer_id "
        "WHERE e.symbol = ? AND m.name_key = ? AND m.appointed_on = ?",
        (symbol, normalize_key(name), appointed_on.isoformat()))
    return None if found is None else int(found)
