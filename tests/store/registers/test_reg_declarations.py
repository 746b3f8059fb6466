"""健康宣言: one declaration in force at a time, re-declaration after withdrawal, app edits."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.connection import Store
from branchdesk.store.registers import upsert_declarations, withdraw_declaration

SYMBOL = "31000001"
D1, D2 = date(2023, 4, 1), date(2024, 4, 1)


@pytest.fixture(autouse=True)
def employers(register: Any) -> None:
    register(date(2024, 3, 31), [SYMBOL, "31000002"])


def declare(store: Store, rows: list[dict[str, Any]], source: str = "import") -> Any:
    with store.transaction():
        return upsert_declarations(store, rows, source=source)  # type: ignore[arg-type]


def row(declared_on: date, **fields: Any) -> dict[str, Any]:
    return {"symbol": SYMBOL, "declared_on": declared_on, "kind": "standard", **fields}


def stored(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.query(
        "SELECT declared_on, status, withdrawn_on FROM declarations ORDER BY declared_on")]


def test_blank_status_means_in_force(store):
    changes = declare(store, [row(D1, status=None)])
    assert changes.added == [(SYMBOL, D1)]
    assert stored(store) == [(D1.isoformat(), "active", None)]


@pytest.mark.parametrize("withdrawn_on", [date(2023, 10, 1), D2])  # before, or on, the new date
def test_declaring_again_after_a_withdrawal_keeps_both_rows(store, withdrawn_on):
    declare(store, [row(D1, status="withdrawn", withdrawn_on=withdrawn_on,
                        withdrawal_reason="担当者退職")])
    changes = declare(store, [row(D2)])
    assert changes.added == [(SYMBOL, D2)]
    assert stored(store) == [(D1.isoformat(), "withdrawn", withdrawn_on.isoformat()),
                             (D2.isoformat(), "active", None)]


@pytest.mark.parametrize("earlier", [
    {},                                                          # in force
    {"status": "withdrawn", "withdrawn_on": date(2024, 4, 2)},   # withdrawn after the new date
])
def test_a_new_declaration_while_one_is_in_force_is_refused(store, earlier):
    declare(store, [row(D1, **earlier)])
    with store.transaction(), pytest.raises(InputRejected) as error:
        upsert_declarations(store, [row(D2)], source="import")
    assert error.value.code == "declaration_in_force"
    assert error.value.params == {"symbol": SYMBOL, "declared_on": D2.isoformat(),
                                  "in_force_since": D1.isoformat()}


def test_withdrawal_and_redeclaration_in_one_file_are_accepted(store):
    declare(store, [row(D1)])
    changes = declare(store, [row(D1, status="withdrawn", withdrawn_on=D2), row(D2)])
    assert changes.changed == [(SYMBOL, D1)] and changes.added == [(SYMBOL, D2)]


def test_an_earlier_declaration_added_later_must_be_withdrawn_too(store):
    declare(store, [row(D2)])
    with store.transaction(), pytest.raises(InputRejected) as error:
        upsert_declarations(store, [row(D1)], source="import")
    assert error.value.code == "declaration_in_force"


@pytest.mark.parametrize(("fields", "code"), [
    ({"status": "withdrawn", "withdrawn_on": date(2023, 3, 31)}, "declaration_withdrawal_date"),
    ({"status": "withdrawn"}, "declaration_withdrawal_date"),
    ({"status": "active", "withdrawn_on": D2}, "declaration_withdrawn_on_active"),
    ({"kind": "premium"}, "register_code_unknown"),
    ({"kind": None}, "register_field_required"),
    ({"symbol": "31999999"}, "employer_unknown"),
])
def test_declarations_that_break_a_rule_are_refused(store, fields, code):
    with store.transaction(), pytest.raises(InputRejected) as error:
        upsert_declarations(store, [row(D1, **fields)], source="import")
    assert error.value.code == code
    assert stored(store) == []


def test_withdrawing_in_the_app_marks_the_record_locally_edited(store):
    declare(store, [row(D1)])
    with store.transaction():
        changes = withdraw_declaration(store, SYMBOL, D1, D2, "本人申出")
    assert changes.changed == [(SYMBOL, D1)]
    assert store.scalar("SELECT locally_edited FROM declarations") == 1
    assert stored(store) == [(D1.isoformat(), "withdrawn", D2.isoformat())]
    # Head office's file still says 宣言中: it wins, and the summary says it overwrote an edit.
    again = declare(store, [row(D1, status=None, withdrawn_on=None)])
    assert again.locally_edited_overwritten == [(SYMBOL, D1)]
    assert stored(store) == [(D1.isoformat(), "active", None)]


@pytest.mark.parametrize(("symbol", "declared_on", "withdrawn_on", "code"), [
    (SYMBOL, D2, date(2025, 1, 1), "declaration_unknown"),
    (SYMBOL, D1, date(2023, 1, 1), "declaration_withdrawal_date"),
])
def test_withdraw_declaration_refuses(store, symbol, declared_on, withdrawn_on, code):
    declare(store, [row(D1)])
    with store.transaction(), pytest.raises(InputRejected) as error:
        withdraw_declaration(store, symbol, declared_on, withdrawn_on, None)
    assert error.value.code == code


def test_reimporting_the_same_declarations_writes_nothing(store):
    rows = [row(D1, items=["健診受診率", "運動"], certification="2025 中小規模")]
    declare(store, rows)
    audit = store.scalar("SELECT COUNT(*) FROM audit")
    changes = declare(store, rows)
    assert changes.nothing_changed and changes.unchanged == [(SYMBOL, D1)]
    assert store.scalar("SELECT COUNT(*) FROM audit") == audit
    assert store.scalar("SELECT items FROM declarations") == '["健診受診率", "運動"]'
