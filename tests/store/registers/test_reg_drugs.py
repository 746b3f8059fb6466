"""Generic and biosimilar statistics: replaced per (month, unit) / per month, no stale rows."""

from __future__ import annotations

from typing import Any

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.connection import Store
from branchdesk.store.registers import replace_biosimilar, replace_generic


def generic(month: int, unit: str = "municipality", code: str = "312011",
            claim_type: str | None = None, qty: float | None = 80.0) -> dict[str, Any]:
    return {"month": month, "unit": unit, "code": code, "claim_type": claim_type,
            "generic_qty": qty, "brand_qty": 20.0}


def put_generic(store: Store, rows: list[dict[str, Any]]) -> Any:
    with store.transaction():
        return replace_generic(store, rows)  # type: ignore[arg-type]


def generic_keys(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.query(
        "SELECT month, unit, code, claim_type FROM generic_stats ORDER BY month, unit, code")]


def test_a_reissued_month_leaves_no_stale_rows_and_keeps_other_months(store):
    put_generic(store, [generic(202403, code="312011"), generic(202403, code="312029"),
                        generic(202404, code="312011")])
    changes = put_generic(store, [generic(202403, code="312011", qty=81.0)])
    assert changes.removed == [(202403, "municipality", "312029", "total")]
    assert changes.changed == [(202403, "municipality", "312011", "total")]
    assert generic_keys(store) == [(202403, "municipality", "312011", "total"),
                                   (202404, "municipality", "312011", "total")]


def test_a_month_replaced_for_one_unit_keeps_the_other_units(store):
    put_generic(store, [generic(202403, unit="branch", code=""), generic(202403)])
    changes = put_generic(store, [generic(202403, code="312029")])
    assert changes.removed == [(202403, "municipality", "312011", "total")]
    assert (202403, "branch", "", "total") in generic_keys(store)


def test_reimporting_equal_rows_writes_nothing(store):
    rows = [generic(202403, claim_type=c) for c in ("medical", "dpc", "total")]
    put_generic(store, rows)
    audit = store.scalar("SELECT COUNT(*) FROM audit")
    ids = store.query("SELECT id, changed_at FROM generic_stats ORDER BY id")
    changes = put_generic(store, rows)
    assert changes.nothing_changed and len(changes.unchanged) == 3
    assert store.scalar("SELECT COUNT(*) FROM audit") == audit
    assert store.query("SELECT id, changed_at FROM generic_stats ORDER BY id") == ids


def test_suppressed_values_are_missing_not_zero(store):
    put_generic(store, [generic(202403, qty=None)])
    assert store.scalar("SELECT generic_qty IS NULL FROM generic_stats") == 1


@pytest.mark.parametrize(("field", "value"), [("unit", "country"), ("claim_type", "rx")])
def test_unknown_codes_are_refused(store, field, value):
    with store.transaction(), pytest.raises(InputRejected) as error:
        replace_generic(store, [{**generic(202403), field: value}])  # type: ignore[list-item]
    assert error.value.code == "register_code_unknown"
    assert error.value.params["value"] == value


def bio(month: int, ingredient: str, code: str | None = None, bs: float = 8.0) -> dict[str, Any]:
    return {"month": month, "ingredient": ingredient, "institution_code": code,
            "bs_qty": bs, "ref_qty": 2.0}


def test_biosimilar_rows_are_replaced_per_month_with_normalised_ingredients(store):
    with store.transaction():
        replace_biosimilar(store, [bio(202401, "インスリン グラルギン"),
                                   bio(202401, "エタネルセプト"), bio(202402, "エタネルセプト")])
    with store.transaction():
        changes = replace_biosimilar(store, [bio(202401, "インスリン　グラルギン", bs=9.0)])
    assert changes.changed == [(202401, "インスリングラルギン", "")]
    assert changes.removed == [(202401, "エタネルセプト", "")]
    rows = store.query("SELECT month, ingredient, bs_qty FROM biosimilar_stats ORDER BY month")
    assert [tuple(r) for r in rows] == [(202401, "インスリン　グラルギン", 9.0),
                                        (202402, "エタネルセプト", 8.0)]


def test_branch_total_and_institution_rows_are_distinct(store):
    with store.transaction():
        changes = replace_biosimilar(store, [bio(202401, "エタネルセプト"),
                                             bio(202401, "エタネルセプト", "3110112345")])
    assert len(changes.added) == 2
