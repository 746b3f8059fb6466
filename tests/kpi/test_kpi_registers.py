"""Declarations and committee KPIs: who counts at the measurement date (domain.md §4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from branchdesk.domain.errors import InputRejected
from branchdesk.store.kpi_sheet import set_entry


@pytest.mark.parametrize(
    ("withdrawn_on", "counts"),
    [("2025-03-31", False), ("2025-04-01", True), (None, True), ("2025-03-30", False)],
)
def test_a_declaration_withdrawn_on_the_measurement_date_no_longer_counts(build, withdrawn_on,
                                                                           counts):
    e = build.employer()
    build.register("2025-03-31", {e: 10})
    build.declaration(e, "2024-06-01", withdrawn_on=withdrawn_on)
    assert build.sheet(2024, "2025-06-01")["declarations"].value == (1 if counts else 0)


def test_a_declaration_dated_on_the_measurement_date_counts_and_a_conventional_one_never(build):
    a, b, c = build.employer(), build.employer(), build.employer()
    build.register("2025-03-31", {a: 5, b: 5, c: 5})
    build.declaration(a, "2025-03-31")
    build.declaration(b, "2025-04-01")
    build.declaration(c, "2024-04-01", kind="conventional")
    assert build.sheet(2024, "2025-06-01")["declarations"].value == 1


def test_only_employers_listed_in_the_latest_register_on_or_before_the_date_count(build):
    listed, lost, later = build.employer(), build.employer(), build.employer()
    build.register("2024-12-31", {listed: 5, lost: 5})
    build.register("2025-03-31", {listed: 5})
    build.register("2025-06-30", {listed: 5, later: 5})
    for e in (listed, lost, later):
        build.declaration(e, "2024-05-01")
    assert build.sheet(2024, "2025-12-01")["declarations"].value == 1


def test_declarations_compare_with_the_branch_target_when_set_else_the_previous_year(build):
    employers = [build.employer() for _ in range(20)]
    build.register("2024-03-31", dict.fromkeys(employers, 1))
    build.register("2025-03-31", dict.fromkeys(employers, 1))
    for e in employers[:19]:
        build.declaration(e, "2023-06-01")
    build.declaration(employers[19], "2024-06-01")
    row = build.sheet(2024, "2025-06-01")["declarations"]
    assert (row.value, row.previous, row.status) == (20, 19, "achieved")
    with build.store.transaction():
        set_entry(build.store, 2024, "declarations", target=21)
    row = build.sheet(2024, "2025-06-01")["declarations"]
    assert (row.target, row.status) == (21, "nearly")  # 20 ≥ 95% of 21
    with build.store.transaction():
        set_entry(build.store, 2024, "declarations", target=22)
    assert build.sheet(2024, "2025-06-01")["declarations"].status == "not_achieved"


def _coverage_store(build, terminated_on=None, appointed_on="2024-04-01"):
    a, b = build.employer(), build.employer()
    build.register("2025-03-31", {a: 50, b: 50})
    build.member(a, appointed_on, terminated_on)
    return build.sheet(2024, "2025-06-01")


def test_coverage_at_exactly_fifty_percent_meets_the_target(build):
    row = _coverage_store(build)["committee_coverage"]
    assert (row.numerator, row.denominator, row.value) == (50, 100, Fraction(1, 2))
    assert row.status == "achieved"


@pytest.mark.parametrize(
    ("appointed_on", "terminated_on", "covered"),
    [("2025-03-31", None, 50), ("2025-04-01", None, 0), ("2024-04-01", "2025-03-31", 0),
     ("2024-04-01", "2025-04-01", 50)],
)
def test_members_count_from_their_appointment_until_the_day_before_their_termination(
        build, appointed_on, terminated_on, covered):
    sheet = _coverage_store(build, terminated_on, appointed_on)
    assert sheet["committee_coverage"].numerator == covered
    assert sheet["committee_employers"].value == (1 if covered else 0)


def test_coverage_uses_the_insured_count_of_the_register_in_force(build):
    a, b = build.employer(), build.employer()
    build.register("2025-03-31", {a: 30, b: 70})
    build.register("2025-04-30", {a: 90, b: 10})
    build.member(a, "2024-04-01")
    row = build.sheet(2024, "2025-12-01")["committee_coverage"]
    assert (row.numerator, row.denominator, row.status) == (30, 100, "not_achieved")


def test_members_at_an_employer_no_longer_listed_do_not_count(build):
    a, b = build.employer(), build.employer()
    build.register("2025-03-31", {b: 40})
    build.member(a, "2024-04-01")
    row = build.sheet(2024, "2025-06-01")["committee_coverage"]
    assert (row.numerator, row.denominator) == (0, 40)


def test_committee_employers_compares_with_the_previous_fiscal_year(build):
    a, b = build.employer(), build.employer()
    build.register("2024-03-31", {a: 1, b: 1})
    build.register("2025-03-31", {a: 1, b: 1})
    build.member(a, "2023-04-01")
    build.member(b, "2023-04-01", "2024-06-30")
    row = build.sheet(2024, "2025-06-01")["committee_employers"]
    assert (row.value, row.previous, row.status) == (1, 2, "not_achieved")


def test_no_register_means_no_data_not_zero(build):
    sheet = build.sheet(2024, "2025-06-01")
    assert sheet["committee_coverage"].status == "no_data"
    assert sheet["declarations"].status == "no_data"


def test_an_as_of_before_the_fiscal_year_is_rejected(build):
    with pytest.raises(InputRejected) as e:
        build.sheet(2024, "2024-03-31")
    assert e.value.code == "as_of_before_fy"


def test_a_fiscal_year_still_running_is_in_progress_and_measured_at_the_as_of_date(build):
    a = build.employer()
    build.register("2024-03-31", {a: 1})
    build.register("2024-09-30", {a: 1})
    sheet = build.sheet(2024, "2024-10-15")
    row = sheet["declarations"]
    assert row.in_progress and row.measured_at.isoformat() == "2024-10-15"
    assert not build.sheet(2024, "2025-04-01")["declarations"].in_progress
