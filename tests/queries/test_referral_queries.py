"""The 二次勧奨 worklist and the cohort table (domain.md §3.5, §4) on a hand-built branch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from referrals_builder import ReferralBranch, day

from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries import referrals as q

AS_OF = date(2025, 6, 30)


@pytest.fixture
def branch(tmp_path: Path) -> Iterator[ReferralBranch]:
    built = ReferralBranch(tmp_path / "referrals.db")
    try:
        yield built
    finally:
        built.store.close()


def listed(branch: ReferralBranch, as_of: date = AS_OF, **kwargs: Any) -> list[str]:
    """The person keys on the worklist, in order."""
    return [r.person_key for r in q.worklist(branch.store, as_of, **kwargs)]


@pytest.mark.parametrize(("values", "qualifies"), [
    ({"sbp": 180.0}, True), ({"sbp": 179.9}, False),
    ({"dbp": 110.0}, True), ({"dbp": 109.0}, False),
    ({"fpg": 160.0}, True), ({"fpg": 159.0}, False),
    ({"hba1c": 8.4}, True), ({"hba1c": 8.3}, False),
    ({"sbp": 150.0, "dbp": 95.0, "fpg": 130.0, "hba1c": 7.0, "ldl": 250.0}, False),
])
def test_a_value_exactly_at_its_threshold_qualifies(
        branch: ReferralBranch, values: dict[str, Any], qualifies: bool) -> None:
    person, _ = branch.case("2024-10-01", **values)
    assert listed(branch) == ([person] if qualifies else [])


@pytest.mark.parametrize("values", [
    {}, {"sbp": None, "dbp": None, "fpg": None, "hba1c": None},
    {"sbp": None, "dbp": 80.0, "fpg": None, "hba1c": 5.5},
])
def test_a_missing_value_never_qualifies(
        branch: ReferralBranch, values: dict[str, Any]) -> None:
    branch.case("2024-10-01", **values)
    assert listed(branch) == []


def test_the_thresholds_are_the_settings(branch: ReferralBranch) -> None:
    person, _ = branch.case("2024-10-01", sbp=175.0)
    assert listed(branch) == []
    branch.setting("secondary_sbp", 170)
    assert listed(branch) == [person]


@pytest.mark.parametrize(("visit_on", "source", "still_listed"), [
    ("2024-10-20", "claim", False),   # a confirmed visit after the checkup
    ("2024-10-01", "reply", False),   # on the checkup day itself
    ("2025-06-01", "self", False),    # after the 10-month window: still a visit
    ("2024-09-30", "claim", True),    # before the checkup: kept, not counted
])
def test_a_case_with_a_confirmed_visit_leaves_the_list(
        branch: ReferralBranch, visit_on: str, source: str, still_listed: bool) -> None:
    key = branch.case("2024-10-01", hba1c=9.0)
    branch.visit(key, visit_on, source)
    assert listed(branch) == ([key[0]] if still_listed else [])


def test_a_visit_from_a_source_the_settings_do_not_count_leaves_the_case_listed(
        branch: ReferralBranch) -> None:
    key = branch.case("2024-10-01", hba1c=9.0)
    branch.visit(key, "2024-11-01", "self")
    branch.setting("referral_visit_sources", ["claim", "reply"])
    assert listed(branch) == [key[0]]


@pytest.mark.parametrize(("acted_on", "days", "still_listed"), [
    ("2025-06-30", 30, False),  # today
    ("2025-06-01", 30, False),  # 29 days ago
    ("2025-05-31", 30, True),   # exactly 30 days ago: "30 日以上対応なし"
    ("2024-12-01", 30, True),
    ("2025-05-16", 60, False),  # 45 days ago, N = 60
    ("2025-06-30", 0, True),    # N = 0: every case, whatever its actions
])
def test_a_recent_action_keeps_a_case_off_and_an_old_one_does_not(
        branch: ReferralBranch, acted_on: str, days: int, still_listed: bool) -> None:
    key = branch.case("2024-10-01", sbp=185.0)
    branch.action(key, acted_on)
    assert listed(branch, no_action_days=days) == ([key[0]] if still_listed else [])


def test_most_severe_first_ties_by_the_older_checkup(branch: ReferralBranch) -> None:
    hba1c = branch.case("2024-10-01", hba1c=9.24)           # 9.24 / 8.4 = 1.10
    sbp_new = branch.case("2024-12-01", sbp=198.0)          # 198 / 180 = 1.10
    sbp_old = branch.case("2024-05-01", sbp=198.0, dbp=70.0)
    glucose = branch.case("2024-07-01", fpg=320.0, sbp=None)  # 320 / 160 = 2.00
    mild = branch.case("2024-04-10", dbp=110.0, sbp=179.0)   # 110 / 110 = 1.00
    rows = q.worklist(branch.store, AS_OF)
    assert [r.person_key for r in rows] == [glucose[0], sbp_old[0], hba1c[0], sbp_new[0],
                                           mild[0]]
    assert [round(r.severity, 2) for r in rows] == [2.0, 1.1, 1.1, 1.1, 1.0]


def test_a_row_carries_the_employer_the_qualifying_values_and_the_last_action(
        branch: ReferralBranch) -> None:
    key = branch.case("2024-10-01", symbol="20000002", age=61, sbp=182.0, dbp=112.0, fpg=100.0)
    branch.action(key, "2024-11-10", "letter", "absent", "担当A")
    branch.action(key, "2024-12-05", "phone", "planned", "担当A")
    (row,) = q.worklist(branch.store, AS_OF)
    assert (row.symbol, row.employer_name, row.age) == ("20000002", "サンプル運輸有限会社", 61)
    assert row.qualifying == ("sbp", "dbp")
    assert (row.last_action_on, row.last_method, row.last_result) == (
        day("2024-12-05"), "phone", "planned")
    assert row.days_since_checkup == (AS_OF - day("2024-10-01")).days
    assert row.case_id == branch.case_id(key)


def test_cases_without_an_employer_still_show(branch: ReferralBranch) -> None:
    key = branch.case("2024-10-01", symbol=None, sbp=190.0)
    (row,) = q.worklist(branch.store, AS_OF)
    assert (row.person_key, row.symbol, row.employer_name) == (key[0], None, None)


def test_a_checkup_after_the_as_of_date_and_other_cohorts_are_left_out(
        branch: ReferralBranch) -> None:
    fy2023 = branch.case("2024-03-15", sbp=190.0)
    fy2024 = branch.case("2024-04-15", sbp=190.0)
    branch.case("2025-07-01", sbp=190.0)  # after the as-of date
    assert listed(branch) == [fy2023[0], fy2024[0]]
    assert listed(branch, cohort_fy=2024) == [fy2024[0]]
    assert q.cohort_years(branch.store) == [2025, 2024, 2023]


@pytest.mark.parametrize(("order", "descending", "expected"), [
    ("age", False, ["b", "a", "none"]),
    ("age", True, ["a", "b", "none"]),
    ("checkup_on", True, ["none", "b", "a"]),
    ("sbp", True, ["a", "none", "b"]),
])
def test_other_orders_keep_unknown_values_last(
        branch: ReferralBranch, order: str, descending: bool, expected: list[str]) -> None:
    keys = {"a": branch.case("2024-05-01", age=70, sbp=200.0),
            "b": branch.case("2024-06-01", age=40, hba1c=9.0),
            "none": branch.case("2024-07-01", age=None, sbp=190.0)}
    crit = q.criteria(branch.store, AS_OF)
    ids = q.worklist_ids(branch.store, crit, order, descending)
    by_id = {branch.case_id(k): name for name, k in keys.items()}
    assert [by_id[i] for i in ids] == expected


# --- the cohort table ---------------------------------------------------------------------


def cohort_2024(branch: ReferralBranch) -> None:
    """Cohort FY2024: 2 of 3 cases of 2024-04 visited within the window, 1 of 1 of 2025-03
    (3 of 4 in all); one case in cohort FY2023."""
    branch.visit(branch.case("2024-04-10", sbp=120.0), "2024-05-01")
    branch.visit(branch.case("2024-04-20"), "2025-01-31")  # M+9 = 2025-01: the last day counts
    branch.visit(branch.case("2024-04-25"), "2025-02-01")  # after the window
    branch.visit(branch.case("2025-03-03"), "2025-03-10", "self")
    branch.case("2023-06-01")  # cohort FY2023


@pytest.mark.parametrize("as_of", ["2025-04-01", "2026-02-28", "2026-03-01", "2026-06-30"])
def test_the_cohort_total_is_the_kpi_engines_referral_visit_rate(
        branch: ReferralBranch, as_of: str) -> None:
    cohort_2024(branch)
    day_ = day(as_of)
    (table,) = q.cohort_table(branch.store, day_, [2024])
    row = next(r for r in kpi_sheet(branch.store, 2025, day_) if r.kpi.id == "referral_visit_rate")
    assert (table.rate, table.visited, table.cases) == (row.value, row.numerator,
                                                        row.denominator)
    assert table.rate == Fraction(3, 4)
    assert table.provisional == (row.status == "provisional")
    assert sum(m.cases for m in table.months) == table.cases


@pytest.mark.parametrize(("as_of", "final_through"), [
    ("2025-03-31", None),
    ("2025-04-01", 202404),      # the first day of month 2024-04 + 10 + 2 (claims lag)
    ("2025-06-30", 202406),
    ("2025-07-01", 202407),
    ("2026-02-28", 202502),
    ("2026-03-01", 202503),      # the whole cohort is final
])
def test_months_are_final_from_the_first_day_of_month_m_plus_10_plus_lag(
        branch: ReferralBranch, as_of: str, final_through: int | None) -> None:
    cohort_2024(branch)
    (table,) = q.cohort_table(branch.store, day(as_of), [2024])
    final = [m.month for m in table.months if m.final]
    assert final == [m.month for m in table.months
                     if final_through is not None and m.month <= final_through]
    assert table.provisional == (final_through != 202503)


def test_the_months_of_a_cohort_with_their_counts_and_rates(branch: ReferralBranch) -> None:
    cohort_2024(branch)
    tables = q.cohort_table(branch.store, day("2026-06-30"))
    assert [t.cohort_fy for t in tables] == [2024, 2023]
    months = {m.month: m for m in tables[0].months}
    assert len(months) == 12
    assert (months[202404].cases, months[202404].visited, months[202404].rate) == (
        3, 2, Fraction(2, 3))
    assert (months[202503].cases, months[202503].visited) == (1, 1)
    assert (months[202410].cases, months[202410].rate) == (0, None)


def test_a_cohort_whose_fy_has_not_begun_is_not_listed(branch: ReferralBranch) -> None:
    cohort_2024(branch)
    branch.case("2025-05-01")
    assert [t.cohort_fy for t in q.cohort_table(branch.store, day("2025-03-31"))] == [2024, 2023]
    assert q.cohort_table(branch.store, day("2025-03-31"), [2026]) == []
