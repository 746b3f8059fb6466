"""Contacts and seminar attendance."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.registers import add_contact, add_seminar_attendance


@pytest.fixture(autouse=True)
def employers(register: Any) -> None:
    register(date(2024, 3, 31), ["31000001"])


def test_a_contact_is_recorded_with_its_employer(store):
    with store.transaction():
        changes = add_contact(store, contact_on=date(2024, 5, 1), kind="visit",
                              symbol="31000001", staff="佐藤", outcome="宣言を検討")
    row = store.conn.execute("SELECT uid, kind, outcome FROM contacts").fetchone()
    assert changes.added == [row["uid"]]
    assert (row["kind"], row["outcome"]) == ("visit", "宣言を検討")


def test_seminar_attendance_is_recorded_once_and_updated(store):
    with store.transaction():
        seminar = add_contact(store, contact_on=date(2024, 6, 1), kind="seminar",
                              title="健康経営セミナー").added[0]
        first = add_seminar_attendance(store, seminar, "31000001", "健康宣言")
        same = add_seminar_attendance(store, seminar, "31000001", "健康宣言")
        more = add_seminar_attendance(store, seminar, "31000001", "健康宣言, 委員")
    assert (len(first.added), same.nothing_changed, len(more.changed)) == (1, True, 1)
    assert store.scalar("SELECT signed_up FROM seminar_attendance") == "健康宣言, 委員"


@pytest.mark.parametrize(("kind", "symbol", "code"), [
    ("call", "31000001", "contact_not_seminar"),
    ("seminar", "31999999", "employer_unknown"),
])
def test_attendance_needs_a_seminar_and_a_stored_employer(store, kind, symbol, code):
    with store.transaction():
        contact = add_contact(store, contact_on=date(2024, 6, 1), kind=kind).added[0]
    with store.transaction(), pytest.raises(InputRejected) as error:
        add_seminar_attendance(store, contact, symbol)
    assert error.value.code == code


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"kind": "letter"}, "register_code_unknown"),
    ({"kind": "call", "symbol": "31999999"}, "employer_unknown"),
])
def test_contacts_that_break_a_rule_are_refused(store, kwargs, code):
    with store.transaction(), pytest.raises(InputRejected) as error:
        add_contact(store, contact_on=date(2024, 6, 1), **kwargs)
    assert error.value.code == code
    assert store.scalar("SELECT COUNT(*) FROM contacts") == 0
