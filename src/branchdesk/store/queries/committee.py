"""The 健康保険委員 list: ids for a search, filters and sort (all in SQL), rows by ids, the detail
of one member with trainings, commendations and audit history (Qt-free).

The search matches the employer (事業所記号, name, kana: ``employers.search_key``) and the
member's name (``name_key``: NFKC, spaces removed) or kana (katakana or hiragana typed alike).
Member names are personal data: nothing here logs them.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from branchdesk.domain.normalize import normalize_key, search_key
from branchdesk.store.audit import history_of
from branchdesk.store.connection import Store
from branchdesk.store.queries import listing
from branchdesk.store.queries.declarations import employer_match

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

#: In office at :on (the KPI's rule: a 解嘱日 of D no longer counts at D).
IN_OFFICE = "m.appointed_on <= :on AND (m.terminated_on IS NULL OR m.terminated_on > :on)"
TERMINATED = "m.terminated_on IS NOT NULL AND m.terminated_on <= :on"
STATES = {"in_office": IN_OFFICE, "terminated": TERMINATED}


@dataclass(frozen=True)
class MemberFilter:
    """What the list shows: a search text and optional filters (None: no filter).

    ``state``: "in_office" or "terminated" at ``on`` (today when None); ``appointed_from`` /
    ``appointed_to``: the 委嘱日 range, inclusive.
    """

    search: str = ""
    state: str | None = None
    on: date | None = None
    appointed_from: date | None = None
    appointed_to: date | None = None


def _katakana(text: str) -> str:
    """Hiragana → katakana (the stored kana is katakana as imported)."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def where_clause(flt: MemberFilter) -> tuple[str, dict[str, Any]]:
    """The SQL condition and parameters of a filter (over ``m`` members, ``e`` employers)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    key = search_key(flt.search) if flt.search.strip() else ""
    if key:
        employer, values = employer_match(key)
        parts.append(f"({employer} OR instr(m.name_key, :name) > 0 "
                     "OR instr(replace(replace(m.name_kana, ' ', ''), '　', ''), :kana) > 0)")
        params.update(values, name=normalize_key(flt.search),
                      kana=_katakana(normalize_key(flt.search)))
    if flt.state is not None:
        if flt.state not in STATES:
            raise ValueError(f"state must be one of {tuple(STATES)}, got {flt.state!r}")
        parts.append(STATES[flt.state])
        params["on"] = (flt.on or date.today()).isoformat()
    listing.add_date_range((parts, params), "m.appointed_on", flt.appointed_from, flt.appointed_to)
    return " AND ".join(parts) or "1", params


def order_clause(column: str, descending: bool = False) -> str:
    """ORDER BY text for a column key of ``COLUMNS`` (ties by id, so the order is stable)."""
    return listing.order_clause(_ORDER_SQL, "m", column, descending)


def ids(store: Store, flt: MemberFilter, order: str = "appointed_on",
        descending: bool = True) -> array[int]:
    """Ids of the members matching ``flt``, sorted by column ``order``."""
    return listing.ids(store, _TABLE, "m", where_clause(flt), order_clause(order, descending))


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
