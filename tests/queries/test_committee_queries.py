"""The 健康保険委員 list's queries: search by employer and member name, in office or terminated
at a date, SQL sort, rows by ids, detail with events and history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pages_builder import branch_fixture, member, write

from branchdesk.store.connection import Store
from branchdesk.store.queries import committee as q
from branchdesk.store.registers import add_member_event, terminate_member, upsert_members


@pytest.fixture
def branch(tmp_path: Path) -> Iterator[Store]:
    """The small branch of ``pages_builder``."""
    yield from branch_fixture(tmp_path)


def names(store: Store, flt: q.MemberFilter) -> set[str]:
    ids = q.ids(store, flt)
    rows = q.rows_by_ids(store, ids)
    return {rows[i][2] for i in ids}


@pytest.mark.parametrize(("search", "expected"), [
    ("", {"佐藤　花子", "鈴木 一郎", "山田太郎", "高橋　次郎"}),
    ("佐藤花子", {"佐藤　花子"}),           # spaces in the stored name do not matter
    ("山田　太郎", {"山田太郎"}),           # nor in the query
    ("すずき", {"鈴木 一郎"}),              # hiragana finds the katakana kana
    ("タカハシ ジロウ", {"高橋　次郎"}),
    ("ｻﾝﾌﾟﾙ", {"佐藤　花子", "鈴木 一郎"}),  # the employer's name (half-width kana)
    ("10000005", {"高橋　次郎"}),           # the employer's symbol
    ("該当なし", set()),
    ("　", {"佐藤　花子", "鈴木 一郎", "山田太郎", "高橋　次郎"}),  # blanks search nothing
])
@pytest.mark.parametrize("warm", [False, True], ids=["sql_scan", "copy_in_memory"])
def test_search_matches_employer_and_member(branch: Store, search: str,
                                            expected: set[str], warm: bool) -> None:
    if warm:
        q.warm(branch)
    assert names(branch, q.MemberFilter(search=search)) == expected


def test_search_and_filters_follow_each_write(branch: Store) -> None:
    """What is kept in memory is dropped by a write: the list shows the store as it is."""
    in_office = q.MemberFilter(search="さとう", state="in_office", on=date(2025, 6, 1))
    q.warm(branch)
    assert names(branch, in_office) == {"佐藤　花子"}
    uid = branch.scalar("SELECT uid FROM committee_members WHERE name = '佐藤　花子'")
    write(branch, terminate_member, uid, date(2025, 5, 31), "retired")
    assert names(branch, in_office) == set()
    write(branch, upsert_members, [member("10000003", "佐藤　三郎", "2025-04-01",
                                          name_kana="サトウ　サブロウ")], source="import")
    assert names(branch, in_office) == {"佐藤　三郎"}
    assert names(branch, q.MemberFilter(search="サブロウ")) == {"佐藤　三郎"}


@pytest.mark.parametrize(("state", "on", "expected"), [
    ("in_office", date(2024, 9, 29), {"佐藤　花子", "鈴木 一郎", "山田太郎"}),
    ("in_office", date(2024, 9, 30), {"佐藤　花子", "山田太郎"}),  # gone on the 解嘱日
    ("in_office", date(2024, 10, 1), {"佐藤　花子", "山田太郎", "高橋　次郎"}),  # 委嘱日 counts
    ("terminated", date(2024, 9, 29), set()),
    ("terminated", date(2024, 9, 30), {"鈴木 一郎"}),
])
def test_in_office_and_terminated_follow_the_kpi_date_rule(branch: Store, state: str, on: date,
                                                           expected: set[str]) -> None:
    assert names(branch, q.MemberFilter(state=state, on=on)) == expected
    if state == "in_office":
        assert q.in_office_count(branch, on) == len(expected)


def test_appointment_period_filter(branch: Store) -> None:
    flt = q.MemberFilter(appointed_from=date(2024, 1, 1), appointed_to=date(2024, 12, 31))
    assert names(branch, flt) == {"山田太郎", "高橋　次郎"}


def test_an_unknown_state_is_refused(branch: Store) -> None:
    with pytest.raises(ValueError, match="state"):
        q.ids(branch, q.MemberFilter(state="retired"))


@pytest.mark.parametrize("column", q.COLUMN_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort_is_done_in_sql_by_every_column(branch: Store, column: str,
                                             descending: bool) -> None:
    ids = q.ids(branch, q.MemberFilter(), column, descending)
    rows = q.rows_by_ids(branch, ids)
    position = q.COLUMN_KEYS.index(column)
    keys = {"employer_name": dict(branch.query("SELECT name, name_kana FROM employers")),
            "name": dict(branch.query("SELECT name, name_kana FROM committee_members"))}
    values = [keys[column][rows[i][position]] if column in keys else rows[i][position]
              for i in ids]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=descending)
    assert len(ids) == 4


def test_detail_holds_events_and_the_termination_in_its_history(branch: Store) -> None:
    found = q.id_by_key(branch, "10000002", "山田 太郎", date(2024, 1, 15))
    assert found is not None
    uid = branch.scalar("SELECT uid FROM committee_members WHERE id = ?", (found,))
    write(branch, add_member_event, uid, "training", date(2024, 6, 1), "委員研修会")
    write(branch, terminate_member, uid, date(2025, 3, 31), "transferred")
    detail = q.detail(branch, found)
    assert detail is not None
    assert [(e.kind, e.on_date, e.title) for e in detail.events] == [
        ("training", "2024-06-01", "委員研修会")]
    assert (detail.values["terminated_on"], detail.values["termination_reason"]) == (
        "2025-03-31", "transferred")
    assert [entry["action"] for entry in detail.history] == ["insert", "update"]
    assert detail.history[1]["changes"]["termination_reason"] == [None, "transferred"]


def test_a_member_added_in_the_app_is_found_by_its_key(branch: Store) -> None:
    write(branch, upsert_members, [member("10000004", "伊藤　三郎", "2025-02-01")],
          source="app")
    found = q.id_by_key(branch, "10000004", "伊藤三郎", date(2025, 2, 1))
    detail = q.detail(branch, found or 0)
    assert detail is not None and detail.values["name"] == "伊藤　三郎"
    assert detail.history[-1]["changes"]["source"] == "app"
    assert q.count(branch) == 5
    assert q.fiscal_years(branch) == [2024, 2023, 2022]


def test_detail_of_a_missing_id_is_none(branch: Store) -> None:
    assert q.detail(branch, 999) is None
    assert q.id_by_key(branch, "10000001", "誰か", date(2022, 4, 1)) is None
