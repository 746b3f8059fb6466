"""The status bar's counts: active employers, declarations in force, members in office."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from branchdesk.store.connection import Store, create_store
from branchdesk.store.queries.status import status_counts


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = create_store(tmp_path / "s.db", "31")
    with s.transaction() as conn:
        conn.executemany("INSERT INTO employers (symbol, name, lost_on) VALUES (?, ?, ?)", [
            ("1", "甲", None), ("2", "乙", "2024-06-30"), ("3", "丙", None)])
        conn.executemany(
            "INSERT INTO declarations (employer_id, declared_on, kind, withdrawn_on) "
            "VALUES (?, ?, ?, ?)", [
                (1, "2023-04-01", "standard", None),
                (2, "2023-05-01", "conventional", "2024-06-30"),
                (3, "2024-10-01", "standard", None)])
        conn.executemany(
            "INSERT INTO committee_members (employer_id, name, name_key, appointed_on, "
            "terminated_on) VALUES (?, ?, ?, ?, ?)", [
                (1, "山田", "山田", "2022-04-01", None),
                (1, "田中", "田中", "2022-04-01", "2024-03-31"),
                (3, "佐藤", "佐藤", "2024-07-01", None)])
    yield s
    s.close()


@pytest.mark.parametrize(("day", "employers", "declarations", "members"), [
    (date(2023, 4, 1), 3, 1, 2),     # the first declaration counts on its 宣言日
    (date(2024, 3, 31), 3, 2, 1),    # a member leaves on the day of 解嘱
    (date(2024, 6, 30), 2, 1, 1),    # lost and withdrawn on the day: no longer counted
    (date(2024, 10, 1), 2, 2, 2),
])
def test_counts_follow_the_dates(store: Store, day: date, employers: int, declarations: int,
                                 members: int) -> None:
    counts = status_counts(store, day)
    assert (counts.employers, counts.declarations_in_force, counts.members_in_office) == (
        employers, declarations, members)


def test_branch_code_and_name(store: Store) -> None:
    counts = status_counts(store, date(2025, 1, 1))
    assert (counts.branch_code, counts.branch_name) == ("31", "鳥取")
