"""受診勧奨: cases, visits, actions, purging, and the portable store that holds none."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.connection import Store
from branchdesk.store.registers import add_actions, purge_cohorts, set_visits, upsert_cases

CHECKUP = date(2025, 3, 15)  # month 202503, cohort FY2024


def case(person: str = "P0001", checkup_on: date = CHECKUP, **fields: Any) -> dict[str, Any]:
    return {"person_key": person, "checkup_on": checkup_on, "sbp": 182.0, "hba1c": 8.5,
            **fields}


def write(store: Store, call: Any, *args: Any, **kwargs: Any) -> Any:
    with store.transaction():
        return call(store, *args, **kwargs)


def test_cases_get_their_checkup_month_and_cohort(store):
    changes = write(store, upsert_cases, [case(), case("P0002", date(2025, 4, 1))],
                    source="import")
    assert changes.added == [("P0001", CHECKUP), ("P0002", date(2025, 4, 1))]
    rows = store.query("SELECT checkup_month, cohort_fy FROM referral_cases ORDER BY person_key")
    assert [tuple(r) for r in rows] == [(202503, 2024), (202504, 2025)]


def test_person_keys_match_after_normalisation(store):
    write(store, upsert_cases, [case("Ｐ０００１")], source="import")
    changes = write(store, upsert_cases, [case("P0001 ")], source="import")
    assert changes.unchanged == [("P0001", CHECKUP)]


@pytest.mark.parametrize(("call", "args"), [
    (upsert_cases, ([case()],)),
    (set_visits, ([{"person_key": "P0001", "checkup_on": CHECKUP, "visit_on": CHECKUP}],)),
    (add_actions, ([{"person_key": "P0001", "checkup_on": CHECKUP, "acted_on": CHECKUP,
                     "method": "letter"}],)),
])
def test_a_portable_store_refuses_referral_data(portable_store, call, args):
    kwargs = {"source": "import"} if call is upsert_cases else {}
    with portable_store.transaction(), pytest.raises(InputRejected) as error:
        call(portable_store, *args, **kwargs)
    assert error.value.code == "portable_no_referrals"
    assert portable_store.scalar("SELECT COUNT(*) FROM referral_cases") == 0


@pytest.mark.parametrize(("call", "row"), [
    (set_visits, {"person_key": "P9999", "checkup_on": CHECKUP, "visit_on": date(2025, 5, 1)}),
    (set_visits, {"person_key": "P0001", "checkup_on": date(2025, 3, 16), "visit_on": None}),
    (add_actions, {"person_key": "P9999", "checkup_on": CHECKUP, "acted_on": date(2025, 5, 1),
                   "method": "phone"}),
])
def test_visits_and_actions_for_an_unknown_case_are_refused(store, call, row):
    write(store, upsert_cases, [case()], source="import")
    with store.transaction(), pytest.raises(InputRejected) as error:
        call(store, [row])
    assert error.value.code == "case_unknown"
    assert error.value.params["person_key"] == row["person_key"]


@pytest.mark.parametrize(("visit_on", "source", "stored_source", "warned"), [
    (date(2025, 6, 1), None, "claim", False),     # blank 確認方法 means レセプト
    (date(2025, 6, 1), "reply", "reply", False),
    (date(2025, 3, 1), "self", "self", True),     # before the checkup: kept, warned
    (None, None, None, False),                    # cleared
])
def test_visits_are_stored_and_early_ones_warned(store, visit_on, source, stored_source, warned):
    write(store, upsert_cases, [case()], source="import")
    changes = write(store, set_visits, [{"person_key": "P0001", "checkup_on": CHECKUP,
                                         "visit_on": visit_on, "visit_source": source}])
    row = store.conn.execute("SELECT visit_on, visit_source FROM referral_cases").fetchone()
    assert tuple(row) == (visit_on and visit_on.isoformat(), stored_source)
    assert [w.code for w in changes.warnings] == (["visit_before_checkup"] if warned else [])
    if warned:
        assert "2025-03-01" in changes.warnings[0].render("ja")


def test_actions_are_keyed_by_case_date_and_method(store):
    write(store, upsert_cases, [case()], source="import")
    action = {"person_key": "P0001", "checkup_on": CHECKUP, "acted_on": date(2025, 5, 1),
              "method": "phone", "result": "absent", "staff": "佐藤"}
    first = write(store, add_actions, [action, {**action, "method": "letter"}])
    again = write(store, add_actions, [{**action, "result": "planned"}])
    assert len(first.added) == 2
    assert again.changed == [("P0001", CHECKUP, date(2025, 5, 1), "phone")]
    assert store.scalar("SELECT COUNT(*) FROM referral_actions") == 2


def test_purging_removes_old_cohorts_and_their_actions_entirely(store):
    write(store, upsert_cases, [case("OLD", date(2019, 6, 1)), case("NEW", date(2024, 6, 1))],
          source="import")
    write(store, add_actions, [{"person_key": "OLD", "checkup_on": date(2019, 6, 1),
                                "acted_on": date(2019, 9, 1), "method": "visit"}])
    removed = write(store, purge_cohorts, 2020)
    assert removed == 1
    assert [r[0] for r in store.query("SELECT person_key FROM referral_cases")] == ["NEW"]
    assert store.scalar("SELECT COUNT(*) FROM referral_actions") == 0


def test_the_audit_keeps_no_health_values(store):
    write(store, upsert_cases, [case(sbp=182.0)], source="import")
    write(store, upsert_cases, [case(sbp=176.0)], source="import")
    changes = [json.loads(r[0]) for r in store.query(
        "SELECT changes FROM audit WHERE table_name = 'referral_cases' AND action = 'update'")]
    assert changes == [{"sbp": "*"}]


def test_an_unknown_employer_on_a_case_is_a_warning(store, register):
    register(date(2025, 3, 31), ["31000001"])
    rows = [case(symbol="31000001"), case("P0002", symbol="31999999")]
    changes = write(store, upsert_cases, rows, source="import")
    assert [w.params["symbol"] for w in changes.warnings] == ["31999999"]
    rows = store.query("SELECT employer_id IS NOT NULL FROM referral_cases ORDER BY person_key")
    assert [r[0] for r in rows] == [1, 0]
