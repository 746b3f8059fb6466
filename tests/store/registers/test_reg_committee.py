"""健康保険委員: keys by normalised name, termination, events; lost employers keep members."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.connection import Store
from branchdesk.store.registers import (
    add_member_event,
    terminate_member,
    upsert_members,
)

SYMBOL = "31000001"
APPOINTED = date(2023, 4, 1)


@pytest.fixture(autouse=True)
def employers(register: Any) -> None:
    register(date(2024, 3, 31), [SYMBOL, "31000002"])


def members(store: Store, rows: list[dict[str, Any]], source: str = "import") -> Any:
    with store.transaction():
        return upsert_members(store, rows, source=source)  # type: ignore[arg-type]


def member(name: str = "山田 太郎", **fields: Any) -> dict[str, Any]:
    return {"symbol": SYMBOL, "name": name, "appointed_on": APPOINTED, **fields}


def uid(store: Store) -> str:
    return str(store.scalar("SELECT uid FROM committee_members"))


@pytest.mark.parametrize("again", ["山田　太郎", "山田太郎", " 山田 太郎 ", "山田\u3000\u3000太郎"])
def test_the_name_key_ignores_spaces_of_any_width(store, again):
    members(store, [member("山田 太郎", title="総務課長")])
    changes = members(store, [member(again)])
    assert store.scalar("SELECT COUNT(*) FROM committee_members") == 1
    assert changes.added == []
    assert changes.changed == [(SYMBOL, "山田太郎", APPOINTED)]
    assert store.scalar("SELECT name FROM committee_members") == again  # shown as given
    assert store.scalar("SELECT title FROM committee_members") == "総務課長"


def test_a_member_appointed_again_is_a_new_record(store):
    members(store, [member(terminated_on=date(2024, 3, 31), termination_reason="transferred")])
    changes = members(store, [member(appointed_on=date(2025, 4, 1))])
    assert len(changes.added) == 1
    assert store.scalar("SELECT COUNT(*) FROM committee_members") == 2


def test_terminating_a_member_in_the_app(store):
    members(store, [member()])
    with store.transaction():
        changes = terminate_member(store, uid(store), date(2024, 9, 30), "retired")
    assert changes.changed == [(SYMBOL, "山田太郎", APPOINTED)]
    row = store.conn.execute("SELECT terminated_on, termination_reason, locally_edited "
                             "FROM committee_members").fetchone()
    assert tuple(row) == ("2024-09-30", "retired", 1)


@pytest.mark.parametrize(("call", "code"), [
    (lambda s, u: terminate_member(s, u, date(2023, 3, 31), "retired"),
     "member_terminated_before_appointed"),
    (lambda s, u: terminate_member(s, u, date(2024, 3, 31), "fired"), "register_code_unknown"),
    (lambda s, u: terminate_member(s, "nope", date(2024, 3, 31), None), "member_unknown"),
    (lambda s, u: upsert_members(s, [member(terminated_on=date(2023, 1, 1))], source="import"),
     "member_terminated_before_appointed"),
    (lambda s, u: upsert_members(s, [{**member(), "symbol": "31999999"}], source="import"),
     "employer_unknown"),
    (lambda s, u: add_member_event(s, u, "party", date(2024, 1, 1), "x"),
     "register_code_unknown"),
    (lambda s, u: add_member_event(s, "nope", "training", date(2024, 1, 1), "x"),
     "member_unknown"),
])
def test_member_writes_that_break_a_rule_are_refused(store, call, code):
    members(store, [member()])
    with store.transaction(), pytest.raises(InputRejected) as error:
        call(store, uid(store))
    assert error.value.code == code
    assert store.scalar("SELECT terminated_on FROM committee_members") is None


def test_members_at_a_lost_employer_are_not_terminated(store, register):
    members(store, [member()])
    register(date(2024, 6, 30), ["31000002"], confirm_lost=True)
    assert store.scalar("SELECT lost_on FROM employers WHERE symbol = ?", (SYMBOL,)) is not None
    assert store.scalar("SELECT terminated_on FROM committee_members") is None


def test_the_same_event_twice_is_recorded_once(store):
    members(store, [member()])
    with store.transaction():
        first = add_member_event(store, uid(store), "training", date(2024, 7, 1), "委員研修会")
        second = add_member_event(store, uid(store), "training", date(2024, 7, 1), "委員研修会")
    assert len(first.added) == 1 and second.nothing_changed
    assert store.scalar("SELECT COUNT(*) FROM member_events") == 1
