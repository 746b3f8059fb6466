"""The audit history as the triggers write it: old → new for registers, names only for referrals."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from branchdesk.store.connection import Store
from branchdesk.store.lock import os_user

if TYPE_CHECKING:
    from conftest import StoreRows


def audit_rows(store: Store, table: str) -> list[dict[str, Any]]:
    """The audit rows of ``table``, oldest first, with ``changes`` decoded."""
    rows = store.query("SELECT * FROM audit WHERE table_name = ? ORDER BY id", (table,))
    return [{**dict(r), "changes": json.loads(r["changes"]) if r["changes"] else None}
            for r in rows]


def history_text(store: Store) -> str:
    """Everything the audit holds but its timestamps and uids (which are no record values)."""
    rows = store.query("SELECT table_name, action, os_user, changes FROM audit")
    return json.dumps([tuple(r) for r in rows], ensure_ascii=False)


def update(store: Store, table: str, row_id: int, **values: Any) -> None:
    """UPDATE one row in a committed transaction."""
    sets = ", ".join(f"{column} = ?" for column in values)
    with store.transaction() as conn:
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))


def uid_of(store: Store, table: str, row_id: int) -> str:
    """The uid of a row."""
    return str(store.scalar(f"SELECT uid FROM {table} WHERE id = ?", (row_id,)))


def make_row(rows: StoreRows, table: str) -> int:
    """One row of ``table`` (its employer too, where it needs one)."""
    if table == "referral_cases":
        return rows.referral("P0001", "2024-06-01", sbp=182.0, hba1c=8.6)
    if table == "referral_actions":
        return rows.action(rows.referral("P0001", "2024-06-01"), "2024-07-01")
    if table == "generic_stats":
        return rows.generic(202404, 800.0, 200.0)
    employer = rows.employer("10000001", name="旧名称商事")
    if table == "employers":
        return employer
    if table == "declarations":
        return rows.declaration(employer, "2024-05-01")
    return rows.member(employer, "2024-04-01")


def test_an_insert_through_the_register_api_is_recorded_once_per_operation(
        store: Store) -> None:
    from branchdesk.store.registers import add_employer, upsert_declarations

    with store.transaction():
        add_employer(store, {"symbol": "10000001", "name": "旧名称商事"})
        add_employer(store, {"symbol": "10000002", "name": "新星商店"})
        upsert_declarations(store, [
            {"symbol": s, "declared_on": date(2024, 5, 1), "kind": "standard"}
            for s in ("10000001", "10000002")], source="import")
    employers = audit_rows(store, "employers")
    assert [(r["action"], r["record_uid"]) for r in employers] == [
        ("insert", uid_of(store, "employers", 1)), ("insert", uid_of(store, "employers", 2))]
    [declared] = audit_rows(store, "declarations")
    assert (declared["record_id"], declared["changes"]["count"],
            declared["changes"]["last_id"]) == (1, 2, 2)
    assert declared["os_user"] == os_user() and declared["at"].startswith("20")
    assert "旧名称商事" not in history_text(store)


@pytest.mark.parametrize(("table", "values", "expected"), [
    ("employers", {"name": "新名称商事"}, {"name": ["旧名称商事", "新名称商事"]}),
    ("employers", {"lost_on": "2025-03-31", "name": "旧名称商事"},
     {"lost_on": [None, "2025-03-31"]}),  # an unchanged field is not listed
    ("declarations", {"status": "withdrawn", "withdrawn_on": "2024-10-01"},
     {"status": ["active", "withdrawn"], "withdrawn_on": [None, "2024-10-01"]}),
    ("committee_members", {"terminated_on": "2025-03-31", "termination_reason": "retired"},
     {"terminated_on": [None, "2025-03-31"], "termination_reason": [None, "retired"]}),
    ("generic_stats", {"generic_qty": 810.5}, {"generic_qty": [800.0, 810.5]}),
])
def test_update_records_old_and_new_values(
        store: Store, rows: StoreRows, table: str, values: dict[str, Any],
        expected: dict[str, Any]) -> None:
    row_id = make_row(rows, table)
    update(store, table, row_id, **values)
    last = audit_rows(store, table)[-1]
    assert last["action"] == "update"
    assert last["record_uid"] == uid_of(store, table, row_id)
    assert last["changes"] == expected


def test_update_that_changes_nothing_is_not_recorded(store: Store, rows: StoreRows) -> None:
    employer = rows.employer("10000001", name="旧名称商事")
    update(store, "employers", employer, name="旧名称商事")
    assert audit_rows(store, "employers") == []


@pytest.mark.parametrize(("table", "values"), [
    ("referral_cases", {"sbp": 151.25, "hba1c": 7.125}),
    ("referral_cases", {"visit_on": "2031-07-19", "visit_source": "self"}),
    ("referral_cases", {"person_key": "P-SECRET-77"}),
    ("referral_actions", {"result": "refused", "staff": "職員ひみつ"}),
])
def test_referral_update_records_field_names_never_values(
        store: Store, rows: StoreRows, table: str, values: dict[str, Any]) -> None:
    row_id = make_row(rows, table)
    before = dict(store.query(f"SELECT * FROM {table} WHERE id = ?", (row_id,))[0])
    update(store, table, row_id, **values)
    last = audit_rows(store, table)[-1]
    assert last["action"] == "update"
    assert last["changes"] == dict.fromkeys(values, "*")
    history = history_text(store)
    for column, new in values.items():
        assert str(new) not in history
        if before[column] is not None:
            assert str(before[column]) not in history


def test_referral_delete_records_no_values(store: Store, rows: StoreRows) -> None:
    case = rows.referral("P-GONE-42", "2024-06-01", sbp=182.0)
    rows.action(case, "2024-07-01")
    with store.transaction() as conn:
        conn.execute("DELETE FROM referral_cases WHERE id = ?", (case,))  # cascades to actions
    deletes = [r for t in ("referral_cases", "referral_actions") for r in audit_rows(store, t)
               if r["action"] == "delete"]
    assert [(r["table_name"], r["changes"]) for r in deletes] == [
        ("referral_cases", None), ("referral_actions", None)]
    history = history_text(store)
    assert "P-GONE-42" not in history and "182" not in history


def test_register_delete_records_the_old_values(store: Store, rows: StoreRows) -> None:
    employer = rows.employer("10000001", name="旧名称商事")
    with store.transaction() as conn:
        conn.execute("DELETE FROM employers WHERE id = ?", (employer,))
    last = audit_rows(store, "employers")[-1]
    assert last["action"] == "delete"
    assert last["changes"]["symbol"] == "10000001"
    assert last["changes"]["name"] == "旧名称商事"


def test_rolled_back_change_leaves_no_audit(store: Store, rows: StoreRows) -> None:
    employer = rows.employer("10000001", name="旧名称商事")
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("UPDATE employers SET name = '途中' WHERE id = ?", (employer,))
        raise RuntimeError("cancelled half-way")
    assert audit_rows(store, "employers") == []
