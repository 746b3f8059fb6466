"""健康宣言 (health declarations), keyed (事業所記号, 宣言日).

An employer has at most one declaration in force at a time: a later declaration needs every
earlier one withdrawn on or before its 宣言日. Declaring again after a withdrawal is a new row;
the withdrawn one is kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Required, TypedDict

from branchdesk.domain.enums import DECLARATION_KIND, DECLARATION_STATUS
from branchdesk.domain.errors import InputRejected
from branchdesk.store.connection import Store
from branchdesk.store.registers.common import (
    Changes,
    RegisterTable,
    Source,
    check_code,
    chunks,
    employer_ids,
    unique_rows,
    upsert,
)


class DeclarationRecord(TypedDict, total=False):
    """One declaration; a missing field is a column the input does not have.

    ``items`` is text as given, or a list (stored as a JSON array).
    """

    symbol: Required[str]
    declared_on: Required[date]
    kind: str
    status: str | None
    withdrawn_on: date | None
    withdrawal_reason: str | None
    items: str | list[Any] | None
    karte_on: date | None
    karte_again_on: date | None
    certification: str | None
    contact_person: str | None
    note: str | None


FIELDS = ("kind", "status", "withdrawn_on", "withdrawal_reason", "items", "karte_on",
          "karte_again_on", "certification", "contact_person", "note")
DECLARATIONS = RegisterTable("declarations", key=("employer_id", "declared_on"), fields=FIELDS,
                             required=("kind",), defaults={"status": "active"}, local_flag=True)

#: A declaration's state for the in-force rule: (status, withdrawn_on).
_State = tuple[str, date | None]


def upsert_declarations(store: Store, rows: Sequence[DeclarationRecord], *,
                        source: Source) -> Changes:
    """Add or update declarations (caller's transaction); keys are (symbol, declared_on).

    Refuses an unknown employer (``employer_unknown``), a withdrawal without a date or dated
    before the declaration, a withdrawal date on a declaration in force, and a declaration
    while an earlier one is in force (``declaration_in_force``).
    """
    return _write(store, rows, source)


def withdraw_declaration(store: Store, symbol: str, declared_on: date, withdrawn_on: date,
                         reason: str | None) -> Changes:
    """Withdraw a stored declaration in the app (取下げ with date and reason)."""
    row: DeclarationRecord = {"symbol": symbol, "declared_on": declared_on,
                              "status": "withdrawn", "withdrawn_on": withdrawn_on,
                              "withdrawal_reason": reason}
    stored = store.scalar(
        "SELECT 1 FROM declarations d JOIN employers e ON e.id = d.employer_id "
        "WHERE e.symbol = ? AND d.declared_on = ?", (symbol, declared_on.isoformat()))
    if stored is None:
        raise InputRejected("declaration_unknown", symbol=symbol,
                            declared_on=declared_on.isoformat())
    return _write(store, [row], "app")


def _write(store: Store, rows: Sequence[DeclarationRecord], source: Source) -> Changes:
    keyed, keys = unique_rows(list(rows), [(r["symbol"], r["declared_on"]) for r in rows])
    records: list[DeclarationRecord] = keyed  # type: ignore[assignment]
    ids = employer_ids(store, [r["symbol"] for r in records])
    for record in records:
        if record["symbol"] not in ids:
            raise InputRejected("employer_unknown", symbol=record["symbol"])
        check_code(DECLARATION_KIND, "kind", record.get("kind"))
        check_code(DECLARATION_STATUS, "status", record.get("status"))
    _check_in_force(store, records, ids)
    table_rows = [{"employer_id": ids[r["symbol"]],
                   **{k: v for k, v in r.items() if k != "symbol"}} for r in records]
    return upsert(store, DECLARATIONS, table_rows, keys, source=source)


def _check_in_force(store: Store, records: list[DeclarationRecord],
                    ids: Mapping[str, int]) -> None:
    """Check every touched employer's declarations, stored merged with the new values."""
    merged = _stored_states(store, sorted({ids[r["symbol"]] for r in records}))
    for record in records:
        declared = record["declared_on"]
        states = merged.setdefault(record["symbol"], {})
        old_status, old_withdrawn = states.get(declared, ("active", None))
        status = record.get("status", old_status) or "active"
        withdrawn_on = record.get("withdrawn_on", old_withdrawn)
        _check_withdrawal(record["symbol"], declared, status, withdrawn_on)
        states[declared] = (status, withdrawn_on)
    for symbol, states in merged.items():
        _check_sequence(symbol, sorted(states.items()))


def _check_withdrawal(symbol: str, declared_on: date, status: str,
                      withdrawn_on: date | None) -> None:
    params = {"symbol": symbol, "declared_on": declared_on.isoformat(),
              "withdrawn_on": "" if withdrawn_on is None else withdrawn_on.isoformat()}
    if status == "withdrawn" and (withdrawn_on is None or withdrawn_on < declared_on):
        raise InputRejected("declaration_withdrawal_date", **params)
    if status == "active" and withdrawn_on is not None:
        raise InputRejected("declaration_withdrawn_on_active", **params)


def _check_sequence(symbol: str, states: list[tuple[date, _State]]) -> None:
    """Each declaration must be withdrawn on or before the next one's 宣言日."""
    for (earlier, (status, withdrawn_on)), (later, _) in itertools.pairwise(states):
        if status != "withdrawn" or withdrawn_on is None or withdrawn_on > later:
            raise InputRejected("declaration_in_force", symbol=symbol,
                                declared_on=later.isoformat(), in_force_since=earlier.isoformat())


def _stored_states(store: Store, employer_ids_: list[int]) -> dict[str, dict[date, _State]]:
    """The stored declarations of some employers: symbol → 宣言日 → (status, 取下げ日)."""
    states: dict[str, dict[date, _State]] = {}
    for batch in chunks(employer_ids_):
        marks = ", ".join("?" * len(batch))
        for symbol, declared, status, withdrawn in store.conn.execute(
                "SELECT e.symbol, d.declared_on, d.status, d.withdrawn_on FROM declarations d "
                f"JOIN employers e ON e.id = d.employer_id WHERE d.employer_id IN ({marks})",
                batch):
            withdrawn_on = None if withdrawn is None else date.fromisoformat(withdrawn)
            states.setdefault(symbol, {})[date.fromisoformat(declared)] = (status, withdrawn_on)
    return states
