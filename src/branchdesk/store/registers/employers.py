"""事業所 (employers): the dated full register, its headcount history, and app edits.

A register dated D (exchange.md §2) adds or updates every employer it lists, keeps each one's
headcount at D in ``employer_headcounts`` (one ``employer_registers`` row per date), reactivates a
listed employer lost before D, and marks lost at D every employer active at D that it does not
list. A register older than the newest one stored only adds its history (and employers not yet
known) and marks nothing lost. Nothing is ever deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import Any, Required, TypedDict

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.normalize import search_key, search_keys
from branchdesk.store.audit import max_id, record_inserts
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    Key,
    RegisterTable,
    employer_ids,
    field_groups,
    key_text,
    now,
    require_transaction,
    unique_rows,
    upsert,
)
from branchdesk.store.registers.stage import Compared, Compute, RecordStage, write_stage
from branchdesk.store.registers.tally import ACTIVE, RegisterTally


class EmployerRecord(TypedDict, total=False):
    """One employer row; a missing field is a column the input does not have."""

    symbol: Required[str]
    name: str
    name_kana: str | None
    seiri_kigo: str | None
    office_number: str | None
    postal_code: str | None
    address: str | None
    municipality_code: str | None
    industry: str | None
    applied_on: date | None
    insured: int
    dependents: int | None


#: The fields of an employer (not its key, lost status or headcounts).
FIELDS = ("name", "name_kana", "seiri_kigo", "office_number", "postal_code", "address",
          "municipality_code", "industry", "applied_on")
HEADCOUNT_FIELDS = ("insured", "dependents")
#: The share (percent) of active employers a register may mark lost without ``confirm_lost``.
LOST_LIMIT_PERCENT = 10

EMPLOYERS = RegisterTable(
    "employers", key=("symbol",), fields=FIELDS, required=("name",), local_flag=True,
    computed={"search_key": "bd_search_key({name}, {name_kana}, {symbol})"},
    computed_py={"search_key": (("name", "name_kana", "symbol"), search_keys)})
#: What a staged register carries besides the employers' fields: each one's headcounts.
HEADCOUNT_COLUMNS = {"insured": "INTEGER", "dependents": "INTEGER"}

#: Employers active at :d (``tally.ACTIVE``).
_ACTIVE = ACTIVE
_NOT_LISTED = "NOT EXISTS (SELECT 1 FROM temp.bd_listed l WHERE l.symbol = e.symbol)"


def apply_register(store: Store, as_of: date, rows: Sequence[EmployerRecord], *,
                   confirm_lost: bool, listed_symbols_extra: Collection[str] = frozenset()
                   ) -> Changes:
    """Apply a full employer register dated ``as_of`` (caller's transaction).

    ``listed_symbols_extra``: symbols of rows skipped as invalid whose 事業所記号 parsed; they
    count as listed (not lost) and nothing else is written for them. Refuses with
    ``register_too_many_lost`` when more than 10% of the employers active at ``as_of`` would
    be marked lost, unless ``confirm_lost``; nothing is written then. Reactivated employers are
    in ``changed`` too; ``history`` names employers whose headcount at ``as_of`` was written.
    An employer first seen in a register older than the newest stored one is added as lost at
    the next register's date, since that register (and every later one) does not list it.
    """
    require_transaction(store)
    rows_list, _ = unique_rows(list(rows), [r["symbol"] for r in rows])
    records: list[EmployerRecord] = rows_list  # type: ignore[assignment]
    _check_headcounts(records)
    stages: list[RecordStage] = []
    try:
        for present, positions in field_groups(EMPLOYERS, records, HEADCOUNT_FIELDS).items():
            stages.append(register_stage(store, present))
            stages[-1].add_rows([records[p] for p in positions])
        return apply_staged_register(store, as_of, stages, confirm_lost=confirm_lost,
                                     listed_symbols_extra=listed_symbols_extra)
    finally:
        for stage in stages:
            stage.drop()


def register_stage(store: Store, present: Sequence[str], compute: Compute = "carried"
                   ) -> RecordStage:
    """An empty stage for register rows carrying the fields ``present`` (and headcounts);
    ``compute``: how their search keys are computed (``RecordStage``)."""
    return RecordStage(store, EMPLOYERS, [f for f in FIELDS if f in present], HEADCOUNT_COLUMNS,
                       compute)


def apply_staged_register(store: Store, as_of: date, stages: Sequence[RecordStage], *,
                          confirm_lost: bool, listed_symbols_extra: Collection[str] = frozenset(),
                          tick: Callable[[], None] | None = None,
                          compared: Mapping[str, Compared] | None = None,
                          tally: RegisterTally | None = None) -> Changes:
    """``apply_register`` for rows already staged (``register_stage``), one stage per set of
    fields; symbols must be unique across the stages. ``tick`` runs between the chunks of the
    employers' comparison and writes: the caller's cancel point. ``compared``: by stage name,
    stages already compared with ``employers`` as it is now (``Compared``); ``tally``: the
    only stage's ``RegisterTally`` against the store as it is now."""
    require_transaction(store)
    _check_staged_headcounts(stages)
    register_functions(store)
    newest = store.scalar("SELECT MAX(as_of) FROM employer_registers")
    current = newest is None or as_of.isoformat() >= newest
    if (current and tally is not None and len(stages) == 1
            and tally.settles(as_of, stages[0].size)):
        return _apply_settled(store, as_of, stages[0], tally, tick,
                              (compared or {}).get(stages[0].name))
    _stage_listed(store, stages, listed_symbols_extra)
    try:
        lost = _lost_candidates(store, as_of) if current else []
        _check_lost(store, as_of, len(lost), confirm_lost)
        changes = Changes()
        stamp = now()
        for stage in stages:
            done = (compared or {}).get(stage.name)
            changes.merge(write_stage(
                store, stage, stage.keys("symbol") if done is None else done.keys,
                source="import", update_existing=current, stamp=stamp, tick=tick,
                found=None if done is None else done.found))
        if current:
            _record_reactivated(changes, _reactivate(store, as_of))
            changes.lost = _mark_lost(store, as_of, lost)
        else:
            _lose_from_next_register(store, as_of, changes.added)
        changes.history = _write_history(store, as_of)
    finally:
        store.conn.execute("DROP TABLE IF EXISTS temp.bd_listed")
    return changes


def _apply_settled(store: Store, as_of: date, stage: RecordStage, tally: RegisterTally,
                   tick: Callable[[], None] | None, done: Compared | None) -> Changes:
    """A current register that ``tally`` settles: its employers' fields are written, its
    register row's totals kept up; nothing is lost, reactivated or added to the history."""
    changes = write_stage(store, stage, stage.keys("symbol") if done is None else done.keys,
                          source="import", stamp=now(), tick=tick,
                          found=None if done is None else done.found)
    register_row_for(store.conn, as_of, tally.staged, tally.insured)
    return changes


def edit_employer(store: Store, symbol: str, fields: dict[str, Any]) -> Changes:
    """Edit an employer's fields in the app (marks it locally edited when something changed).

    Never changes the key, the lost status or the headcount history.
    """
    for name in fields:
        if name not in FIELDS:
            raise InputRejected("employer_field_not_editable", field=name)
    register_functions(store)
    return upsert(store, EMPLOYERS, [{"symbol": symbol, **fields}], [symbol], source="app",
                  missing_error=lambda key: InputRejected("employer_unknown", symbol=key))


def add_employer(store: Store, record: EmployerRecord) -> Changes:
    """Add one employer entered by hand (locally edited; in no register, so in no KPI).

    Refuses a symbol already stored and headcounts (they come only with a register).
    """
    for name in HEADCOUNT_FIELDS:
        if name in record:
            raise InputRejected("employer_headcount_by_register", symbol=record["symbol"])
    if employer_ids(store, [record["symbol"]]):
        raise InputRejected("employer_exists", symbol=record["symbol"])
    register_functions(store)
    return upsert(store, EMPLOYERS, [_fields_of(record)], [record["symbol"]], source="app")


def register_functions(store: Store) -> None:
    """Give the connection the SQL function the search column is computed with."""
    store.conn.create_function("bd_search_key", 3, search_key, deterministic=True)


def _fields_of(record: EmployerRecord) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in HEADCOUNT_FIELDS}


def _check_headcounts(records: Sequence[EmployerRecord]) -> None:
    for record in records:
        if record.get("insured") is None:
            raise InputRejected("register_field_required", table="employer_headcounts",
                                field="insured", key=key_text(record["symbol"]))


def _check_staged_headcounts(stages: Sequence[RecordStage]) -> None:
    for stage in stages:
        position = store_scalar(stage, "SELECT MIN(rowid) FROM temp.{} WHERE insured IS NULL")
        if position is not None:
            raise InputRejected("register_field_required", table="employer_headcounts",
                                field="insured", key=key_text(stage.fetch([position])[0]["symbol"]))


def store_scalar(stage: RecordStage, sql: str) -> Any:
    """The first column of the first row of ``sql`` with ``{}`` the stage's table name."""
    row = stage.conn.execute(sql.format(stage.name)).fetchone()
    return None if row is None else row[0]


def _stage_listed(store: Store, stages: Sequence[RecordStage], extra: Collection[str]) -> None:
    """temp.bd_listed: every listed symbol; ``on_register`` rows carry a headcount."""
    conn = store.conn
    conn.execute("DROP TABLE IF EXISTS temp.bd_listed")
    conn.execute("CREATE TEMP TABLE bd_listed (symbol TEXT PRIMARY KEY, on_register INTEGER, "
                 "insured INTEGER, dependents INTEGER) WITHOUT ROWID")
    for stage in stages:
        conn.execute("INSERT INTO temp.bd_listed SELECT symbol, 1, insured, dependents "
                     f"FROM temp.{stage.name}")
    conn.executemany("INSERT OR IGNORE INTO temp.bd_listed VALUES (?, 0, NULL, NULL)",
                     ((s,) for s in extra))


def _lost_candidates(store: Store, as_of: date) -> list[str]:
    rows = store.conn.execute(
        f"SELECT e.symbol FROM employers e WHERE {_ACTIVE} AND {_NOT_LISTED} ORDER BY e.symbol",
        {"d": as_of.isoformat()})
    return [r[0] for r in rows]


def _check_lost(store: Store, as_of: date, count: int, confirm_lost: bool) -> None:
    if count == 0 or confirm_lost:
        return
    active = int(store.scalar(f"SELECT COUNT(*) FROM employers e WHERE {_ACTIVE}",
                              {"d": as_of.isoformat()}))
    if count * 100 > LOST_LIMIT_PERCENT * active:  # exact: 10% itself is allowed
        raise InputRejected("register_too_many_lost", count=count, active=active,
                            percent=round(100 * count / active, 1), as_of=as_of.isoformat())


def _mark_lost(store: Store, as_of: date, lost: list[str]) -> list[Key]:
    if lost:
        store.conn.execute(
            f"UPDATE employers AS e SET lost_on = :d, changed_at = :t "
            f"WHERE {_ACTIVE} AND {_NOT_LISTED}", {"d": as_of.isoformat(), "t": now()})
    return list(lost)


def _reactivate(store: Store, as_of: date) -> list[str]:
    rows = store.conn.execute(
        "UPDATE employers SET lost_on = NULL, changed_at = :t "
        "WHERE lost_on IS NOT NULL AND lost_on <= :d AND EXISTS (SELECT 1 FROM temp.bd_listed l "
        "WHERE l.symbol = employers.symbol AND l.on_register) RETURNING symbol",
        {"d": as_of.isoformat(), "t": now()}).fetchall()
    return sorted(r[0] for r in rows)


def _record_reactivated(changes: Changes, reactivated: list[str]) -> None:
    """Reactivated employers were written: they move from ``unchanged`` to ``changed``."""
    changes.reactivated = list(reactivated)
    moved = set(reactivated) - set(changes.changed) - set(changes.added)
    if moved:
        changes.unchanged = [k for k in changes.unchanged if k not in moved]
        changes.changed.extend(k for k in reactivated if k in moved)


def _lose_from_next_register(store: Store, as_of: date, added: list[Key]) -> None:
    """Employers first seen in an older register: lost at the next register's date."""
    if not added:
        return
    next_as_of = store.scalar("SELECT MIN(as_of) FROM employer_registers WHERE as_of > ?",
                              (as_of.isoformat(),))
    store.conn.executemany("UPDATE employers SET lost_on = ? WHERE symbol = ?",
                           ((next_as_of, symbol) for symbol in added))


def _write_history(store: Store, as_of: date) -> list[Key]:
    """The register row and its headcounts; only rows that differ are written."""
    register_id = _register_row(store, as_of)
    params = {"r": register_id}
    if store.scalar("SELECT 1 FROM employer_headcounts WHERE register_id = ? LIMIT 1",
                    (register_id,)) is None:  # a new register date: every headcount is new
        store.conn.execute("INSERT INTO employer_headcounts SELECT :r, e.id, l.insured, "
                           "l.dependents FROM temp.bd_listed l JOIN employers e "
                           "ON e.symbol = l.symbol WHERE l.on_register", params)
        return [r[0] for r in store.conn.execute(
            "SELECT symbol FROM temp.bd_listed WHERE on_register")]
    stale = ("FROM employer_headcounts h JOIN employers e ON e.id = h.employer_id "
             "WHERE h.register_id = :r AND NOT EXISTS (SELECT 1 FROM temp.bd_listed l "
             "WHERE l.symbol = e.symbol AND l.on_register)")
    removed = [r[0] for r in store.conn.execute(f"SELECT e.symbol {stale}", params)]
    if removed:
        store.conn.execute(f"DELETE FROM employer_headcounts WHERE register_id = :r AND "
                           f"employer_id IN (SELECT h.employer_id {stale})", params)
    differing = ("FROM temp.bd_listed l JOIN employers e ON e.symbol = l.symbol "
                 "LEFT JOIN employer_headcounts h ON h.register_id = :r AND h.employer_id = e.id "
                 "WHERE l.on_register AND (h.employer_id IS NULL OR h.insured IS NOT l.insured "
                 "OR h.dependents IS NOT l.dependents)")
    written = [r[0] for r in store.conn.execute(f"SELECT l.symbol {differing}", params)]
    if written:
        store.conn.execute("INSERT OR REPLACE INTO employer_headcounts "
                           f"SELECT :r, e.id, l.insured, l.dependents {differing}", params)
    return sorted(removed) + written


def _register_row(store: Store, as_of: date) -> int:
    """The ``employer_registers`` row of ``as_of`` with this register's totals."""
    listed, insured = store.conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(insured), 0) FROM temp.bd_listed WHERE on_register"
    ).fetchone()
    return register_row_for(store.conn, as_of, listed, insured)


def register_row_for(conn: sqlite3.Connection, as_of: date, listed: int, insured: int) -> int:
    """The id of the ``employer_registers`` row of ``as_of``, added or updated to the totals
    ``listed`` and ``insured`` (an added row is audited)."""
    before = max_id(conn, "employer_registers")
    row = conn.execute(
        "INSERT INTO employer_registers (as_of, listed, insured_total, changed_at) "
        "VALUES (:d, :n, :i, :t) ON CONFLICT (as_of) DO UPDATE SET listed = :n, "
        "insured_total = :i, changed_at = :t WHERE listed IS NOT :n OR insured_total IS NOT :i "
        "RETURNING id", {"d": as_of.isoformat(), "n": listed, "i": insured, "t": now()},
    ).fetchone()
    record_inserts(conn, "employer_registers", before)
    if row is not None:
        return int(row[0])
    return int(conn.execute("SELECT id FROM employer_registers WHERE as_of = ?",
                            (as_of.isoformat(),)).fetchone()[0])
