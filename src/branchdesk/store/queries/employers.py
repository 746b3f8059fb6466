"""The 事業所 register as the desktop app lists it: ordered ids for a search, filters and sort,
the visible rows by ids, and the detail of one employer (Qt-free).

A search normalises the query with ``domain.normalize.search_key`` and looks for it in the stored
``employers.search_key`` column (事業所記号, name and kana; width, kana and case insensitive): in
the column's copy in memory once ``warm_search`` made one for this version of the store (~15 ms),
else by SQLite's scan of the column's index (~80 ms). A query of digits only is a 事業所記号 being
typed and is matched as a prefix of ``symbol`` through its unique index (no scan). Figures "now"
use the latest employer register: an employer is lost when its 喪失日 is on or before that
register's date, its size is that register's 被保険者数. How the pieces are read and combined
fast: ``employer_sets``.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from branchdesk.domain.normalize import search_key
from branchdesk.store.audit import history_of
from branchdesk.store.connection import Store
from branchdesk.store.queries.employer_sets import (
    Ids,
    Mask,
    TextIndex,
    all_of,
    fetch_ids,
    fetch_pairs,
    load_texts,
    mask_of,
    memo_of,
    snapshot,
)
from branchdesk.store.registers.common import chunks

#: What the list sorts by: a column of ``employers``, or ``insured`` (the latest register's
#: 被保険者数). Ties are broken by id in the same direction.
SORT_KEYS = ("symbol", "name", "name_kana", "municipality_code", "insured", "lost_on")
#: The fields of a ``rows_by_ids`` tuple, in order.
ROW_FIELDS = ("symbol", "name", "name_kana", "municipality_code", "insured", "lost_on",
              "industry")
#: Size bands of the latest register's 被保険者数: key → (fewest, most or None).
SIZE_BANDS: dict[str, tuple[int, int | None]] = {
    "1-9": (1, 9), "10-49": (10, 49), "50-299": (50, 299), "300+": (300, None),
}
STATUSES = ("active", "lost")
#: Employers with a standardised declaration in force at :on (the KPI's rule, domain.md §4).
DECLARED = ("SELECT DISTINCT employer_id AS id FROM declarations WHERE kind = 'standard' "
            "AND declared_on <= :on AND (withdrawn_on IS NULL OR withdrawn_on > :on)")
#: Employers with a committee member in office at :on.
WITH_MEMBER = ("SELECT DISTINCT employer_id AS id FROM committee_members WHERE appointed_on <= :on"
               " AND (terminated_on IS NULL OR terminated_on > :on)")
_NONE: Ids = np.empty(0, dtype=np.int64)
#: The memo key of the search column's copy in memory.
_TEXTS = ("search_texts",)


@dataclass(frozen=True)
class EmployerFilters:
    """The filters of the list (None: no filter).

    ``status``: "active" or "lost" relative to the latest register; ``declared`` / ``has_member``:
    True for employers with a standardised declaration in force / a committee member in office
    at ``on`` (today when None), False for those without; ``municipality_code``: one 市区町村コード;
    ``size_band``: a key of ``SIZE_BANDS`` (employers the latest register does not list have none).
    """

    status: str | None = None
    declared: bool | None = None
    has_member: bool | None = None
    municipality_code: str | None = None
    size_band: str | None = None
    on: date | None = None

    def check(self) -> None:
        """Raise ``ValueError`` for a status or size band this module does not know."""
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")
        if self.size_band is not None and self.size_band not in SIZE_BANDS:
            raise ValueError(f"size band must be one of {tuple(SIZE_BANDS)}, "
                             f"got {self.size_band!r}")


@dataclass(frozen=True)
class LatestRegister:
    """The newest employer register: its id and date (both None when there is none)."""

    id: int | None
    as_of: str | None


def latest_register(store: Store) -> LatestRegister:
    """The newest employer register of the store."""
    row = store.conn.execute(
        "SELECT id, as_of FROM employer_registers ORDER BY as_of DESC LIMIT 1").fetchone()
    return LatestRegister(None, None) if row is None else LatestRegister(int(row[0]), row[1])


def ids(store: Store, *, search: str = "", filters: EmployerFilters | None = None,
        order: tuple[str, bool] = ("symbol", True)) -> array[int]:
    """Ids of the employers matching ``search`` and ``filters``, sorted by ``order`` =
    (one of ``SORT_KEYS``, ascending) with ties by id in the same direction, exactly as
    ``ORDER BY <column>, id`` would (NULLs first when ascending); by ``insured`` employers the
    latest register does not list come last either way. Raises ``ValueError`` for an unknown
    column, status or size band.
    """
    flt = filters or EmployerFilters()
    key, ascending = order
    if key not in SORT_KEYS:
        raise ValueError(f"unknown column {key!r}; expected one of {SORT_KEYS}")
    flt.check()
    with snapshot(store):
        head, tail = memo_of(store).get(store, ("order", key), lambda: _ordered(store, key))
        mask = all_of([*_search_masks(store, search), *_filter_masks(store, flt)])
    if mask is not None:
        head, tail = head[mask[head]], tail[mask[tail]]
    if not ascending:
        head, tail = head[::-1], tail[::-1]
    return array("q", np.concatenate((head, tail)).tobytes())


def _ordered(store: Store, key: str) -> tuple[Ids, Ids]:
    """Every employer id in ``key`` order: (ordered, those without a value that go last)."""
    if key == "insured":
        return _by_insured(store)
    return fetch_ids(store.conn, f"SELECT id FROM employers ORDER BY {key}, id"), _NONE


def _by_insured(store: Store) -> tuple[Ids, Ids]:
    insured = _insured(store)
    every = np.sort(memo_of(store).get(store, ("order", "symbol"),
                                       lambda: _ordered(store, "symbol"))[0])
    listed = every[insured[every] >= 0]
    ranked = listed[np.argsort(insured[listed], kind="stable")]
    return ranked, every[insured[every] < 0]


def _size(store: Store) -> int:
    """Mask size: the highest employer id + 1 (for this version of the store)."""
    return memo_of(store).get(store, ("size",), lambda: int(
        store.scalar("SELECT COALESCE(MAX(id), 0) FROM employers")) + 1)


def _insured(store: Store) -> npt.NDArray[np.int64]:
    """被保険者数 of the latest register by employer id (-1: not listed)."""
    def compute() -> npt.NDArray[np.int64]:
        values = np.full(_size(store), -1, dtype=np.int64)
        register = latest_register(store).id
        pairs = fetch_pairs(store.conn, "SELECT employer_id AS a, insured AS b FROM "
                            "employer_headcounts WHERE register_id = ?", (register,))
        values[pairs[:, 0]] = pairs[:, 1]
        return values
    return memo_of(store).get(store, ("insured",), compute)


def _id_mask(store: Store, key: tuple[Any, ...], sql: str, params: Any = ()) -> Mask:
    """The mask of the ids ``sql`` selects, kept under ``key`` until the store changes."""
    return memo_of(store).get(store, key, lambda: mask_of(
        fetch_ids(store.conn, sql, params), _size(store)))


def _search_masks(store: Store, search: str) -> list[Mask]:
    mask = search_mask(store, search)
    return [] if mask is None else [mask]


def search_mask(store: Store, search: str) -> Mask | None:
    """The mask (by employer id) of the employers ``search`` finds, as ``ids`` searches; None
    for a search of nothing (whitespace only). Kept per search until the store changes."""
    key = search_key(search)
    return _search_mask(store, key) if key else None


def _filter_masks(store: Store, flt: EmployerFilters) -> list[Mask]:
    """One mask per active filter."""
    masks = []
    if flt.status is not None:
        reference = latest_register(store).as_of or "9999-12-31"  # no register: any 喪失日
        lost = _id_mask(store, ("lost", reference), "SELECT id FROM employers "
                        "WHERE lost_on <= ?", (reference,))
        masks.append(lost if flt.status == "lost" else ~lost)
    on = (flt.on or date.today()).isoformat()
    for name, wanted, sql in (("declared", flt.declared, DECLARED),
                              ("member", flt.has_member, WITH_MEMBER)):
        if wanted is not None:
            found = _id_mask(store, (name, on), sql, {"on": on})
            masks.append(found if wanted else ~found)
    if flt.municipality_code is not None:
        masks.append(_id_mask(store, ("municipality", flt.municipality_code),
                              "SELECT id FROM employers WHERE municipality_code = ?",
                              (flt.municipality_code,)))
    if flt.size_band is not None:
        low, high = SIZE_BANDS[flt.size_band]
        insured = _insured(store)
        masks.append((insured >= low) & (insured <= (high or np.iinfo(np.int64).max)))
    return masks


def _search_mask(store: Store, key: str) -> Mask:
    """Employers whose search column holds ``key``; digits only: 事業所記号 starting with it
    (through the unique index, no scan)."""
    if key.isascii() and key.isdigit():
        high = key[:-1] + chr(ord(key[-1]) + 1)
        return _id_mask(store, ("search", key), "SELECT id FROM employers "
                        "WHERE symbol >= ? AND symbol < ?", (key, high))
    texts: TextIndex | None = memo_of(store).peek(store, _TEXTS)
    if texts is None:
        return _id_mask(store, ("search", key), "SELECT id FROM employers "
                        "WHERE instr(search_key, ?) > 0", (key,))
    return memo_of(store).get(store, ("search", key),
                              lambda: mask_of(texts.matching(key), _size(store)))


def warm_search(store: Store) -> None:
    """Keep the search column in memory for this version of the store (~0.25 s at 600,000
    employers, ~35 MB), so that searches take ~15 ms instead of a scan of ~80 ms. Run it off
    the GUI thread once the list is shown; it does nothing when the copy is current."""
    with snapshot(store):
        memo_of(store).get(store, _TEXTS, lambda: load_texts(
            store.conn, "SELECT id, search_key AS text FROM employers "
            "INDEXED BY employers_search"))  # the narrow index: half the pages of the table


def count(store: Store) -> int:
    """How many employers the store holds (active or lost)."""
    return int(store.scalar("SELECT COUNT(*) FROM employers"))


def rows_by_ids(store: Store, wanted: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """The list's fields (``ROW_FIELDS`` order) of the employers ``wanted``, by id; the
    被保険者数 is the latest register's (None when it does not list the employer). One query
    per block of at most 500 ids."""
    register = latest_register(store).id
    found: dict[int, tuple[Any, ...]] = {}
    cursor = store.conn.cursor()
    cursor.row_factory = None
    for batch in chunks(list(wanted)):
        marks = ", ".join("?" * len(batch))
        rows = cursor.execute(
            "SELECT e.id, e.symbol, e.name, e.name_kana, e.municipality_code, h.insured, "
            "e.lost_on, e.industry FROM employers e LEFT JOIN employer_headcounts h "
            f"ON h.register_id = ? AND h.employer_id = e.id WHERE e.id IN ({marks})",
            [register, *batch])
        found.update((row[0], tuple(row[1:])) for row in rows)
    return found


def municipalities(store: Store) -> list[tuple[str, str]]:
    """(市区町村コード, name) of every municipality the employers are in, in code order; the name
    comes from the latest month of municipality generic figures ("" when unknown)."""
    return memo_of(store).get(store, ("municipalities",), lambda: _municipalities(store))


def _municipalities(store: Store) -> list[tuple[str, str]]:
    codes = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT municipality_code FROM employers WHERE municipality_code IS NOT NULL "
        "ORDER BY municipality_code")]
    month = store.scalar("SELECT MAX(month) FROM generic_stats WHERE unit = 'municipality'")
    names = {} if month is None else {r[0]: r[1] for r in store.conn.execute(
        "SELECT code, MAX(name) FROM generic_stats WHERE month = ? AND unit = 'municipality' "
        "GROUP BY code", (month,))}
    return [(code, names.get(code) or "") for code in codes]


@dataclass(frozen=True)
class Headcount:
    """One register's figures of an employer."""

    as_of: str
    insured: int
    dependents: int | None


@dataclass(frozen=True)
class EmployerDetail:
    """One employer: its fields, headcount history (oldest first), declarations (newest first),
    committee members (in office first, then by 委嘱日, newest first), contacts (newest first)
    and audit history (oldest first). Lists of dicts are keyed by column name."""

    id: int
    fields: dict[str, Any]
    headcounts: list[Headcount] = field(default_factory=list)
    declarations: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)


_FIELDS = ("uid", "symbol", "name", "name_kana", "seiri_kigo", "office_number", "postal_code",
           "address", "municipality_code", "industry", "applied_on", "lost_on", "locally_edited",
           "created_at", "changed_at")
_DECLARATION_FIELDS = ("id", "declared_on", "kind", "status", "withdrawn_on",
                       "withdrawal_reason", "items", "karte_on", "karte_again_on",
                       "certification", "contact_person", "note")
_MEMBER_FIELDS = ("id", "name", "name_kana", "title", "phone", "email", "appointed_on",
                  "terminated_on", "termination_reason")
_CONTACT_FIELDS = ("id", "contact_on", "kind", "staff", "title", "outcome", "next_action")


def detail(store: Store, employer_id: int) -> EmployerDetail | None:
    """The employer ``employer_id`` with everything the detail pane shows (None when unknown)."""
    row = store.conn.execute(f"SELECT {', '.join(_FIELDS)} FROM employers WHERE id = ?",
                             (employer_id,)).fetchone()
    if row is None:
        return None
    return EmployerDetail(
        employer_id, dict(zip(_FIELDS, tuple(row), strict=True)),
        headcounts=_headcounts(store, employer_id),
        declarations=_records(store, "declarations", _DECLARATION_FIELDS, employer_id,
                              "declared_on DESC, id DESC"),
        members=_records(store, "committee_members", _MEMBER_FIELDS, employer_id,
                         "terminated_on IS NOT NULL, appointed_on DESC, id DESC"),
        contacts=_records(store, "contacts", _CONTACT_FIELDS, employer_id,
                          "contact_on DESC, id DESC"),
        history=history_of(store, "employers", employer_id))


def _headcounts(store: Store, employer_id: int) -> list[Headcount]:
    rows = store.conn.execute(
        "SELECT r.as_of, h.insured, h.dependents FROM employer_headcounts h "
        "JOIN employer_registers r ON r.id = h.register_id WHERE h.employer_id = ? "
        "ORDER BY r.as_of", (employer_id,))
    return [Headcount(r[0], int(r[1]), r[2]) for r in rows]


def _records(store: Store, table: str, columns: Sequence[str], employer_id: int,
             order: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE employer_id = ? ORDER BY {order}",
        (employer_id,))
    return [dict(zip(columns, tuple(r), strict=True)) for r in rows]
