"""The dashboard's chart series: each reuses the KPI engine, so the point at the KPI's period is
the figure of the KPI sheet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from pages_builder import REGISTER_DATES, branch_fixture, sql, write

from branchdesk.domain.calendar import fy_months
from branchdesk.domain.errors import InputRejected
from branchdesk.store import kpi_queries
from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries import dashboard as q
from branchdesk.store.registers import terminate_member

GENERIC = ("INSERT INTO generic_stats(month, unit, code, claim_type, generic_qty, brand_qty) "
           "VALUES (?, 'branch', '', ?, ?, ?)")
BIOSIMILAR = ("INSERT INTO biosimilar_stats(month, ingredient, ingredient_key, institution_code, "
              "bs_qty, ref_qty) VALUES (?, ?, ?, '', ?, ?)")
CASE = ("INSERT INTO referral_cases(person_key, checkup_on, checkup_month, cohort_fy, visit_on) "
        "VALUES (?, ?, ?, ?, ?)")

@pytest.fixture
def branch(tmp_path: Path) -> Iterator[Store]:
    """The small branch of ``pages_builder``."""
    yield from branch_fixture(tmp_path)


def sheet_row(store: Store, kpi: str, fy: int, as_of: date):
    return {r.kpi.id: r for r in kpi_sheet(store, fy, as_of)}[kpi]


def add_generic(store: Store) -> None:
    """FY2023 and FY2024 months, share rising 1 point a month from 78%; 202410 from parts."""
    rows = []
    for i, month in enumerate([*fy_months(2023), *fy_months(2024)]):
        generic = 780 + 10 * i
        if month == 202410:
            rows += [(month, "medical", generic / 2, (1000 - generic) / 2),
                     (month, "dispensing", generic / 2, (1000 - generic) / 2)]
        else:
            rows.append((month, "total", generic, 1000 - generic))
    sql(store, GENERIC, rows)


@pytest.mark.parametrize(("as_of", "last_with_data"), [
    (date(2024, 4, 30), 202404),
    (date(2024, 10, 1), 202410),   # a month counts from its first day, as the KPI's does
    (date(2025, 3, 31), 202503),
    (date(2026, 1, 1), 202503),
])
def test_generic_months_up_to_the_as_of_month(branch: Store, as_of: date,
                                              last_with_data: int) -> None:
    add_generic(branch)
    chart = q.generic_chart(q.context_of(branch), 2024, as_of)
    shown = [m.month for m in chart.current if m.share is not None]
    assert shown == [m for m in fy_months(2024) if m <= last_with_data]
    assert [m.month for m in chart.previous if m.share is not None] == fy_months(2023)


def test_generic_point_of_the_kpi_month_is_the_kpi_value(branch: Store) -> None:
    add_generic(branch)
    as_of = date(2024, 11, 20)
    chart = q.generic_chart(q.context_of(branch), 2024, as_of)
    row = sheet_row(branch, "generic_share", 2024, as_of)
    assert row.period == "2024-11"
    point = next(m for m in chart.current if m.month == 202411)
    assert Fraction(point.numerator or 0) / Fraction(point.denominator or 1) == row.value


def test_a_month_without_a_total_row_sums_its_parts(branch: Store) -> None:
    add_generic(branch)
    chart = q.generic_chart(q.context_of(branch), 2024, date(2025, 3, 31))
    october = next(m for m in chart.current if m.month == 202410)
    assert (october.numerator, october.denominator) == (960.0, 1000.0)


def test_biosimilar_bars_are_those_of_the_kpi_month(branch: Store) -> None:
    sql(branch, BIOSIMILAR, [
        (202501, "甲", "甲", 80, 20),     # exactly 80%: reached
        (202501, "乙", "乙", 79, 21),
        (202501, "丙", "丙", 0, 0),       # no quantity: no rate, not counted by the KPI
        (202503, "甲", "甲", 10, 90),     # a later month the KPI does not use
    ])
    chart = q.biosimilar_chart(q.context_of(branch), 2024, date(2025, 6, 1))
    row = sheet_row(branch, "biosimilar_ingredients", 2024, date(2025, 6, 1))
    assert chart.month == 202501 and row.period == "2025-01"
    assert [(i.ingredient, i.reached, i.rate) for i in chart.ingredients] == [
        ("丙", False, None), ("乙", False, 0.79), ("甲", True, 0.8)]  # in ingredient_key order
    assert (row.numerator, row.denominator) == (1, 2)


def test_biosimilar_chart_without_data_is_empty(branch: Store) -> None:
    chart = q.biosimilar_chart(q.context_of(branch), 2024, date(2025, 6, 1))
    assert (chart.month, chart.ingredients) == (None, [])


@pytest.mark.parametrize("as_of", [date(2024, 9, 30), date(2024, 12, 1), date(2025, 6, 1)])
def test_coverage_points_equal_the_kpi_query_at_each_date(branch: Store, as_of: date) -> None:
    write(branch, terminate_member,
          branch.scalar("SELECT uid FROM committee_members WHERE name = '山田太郎'"),
          date(2024, 9, 30), "retired")  # leaves on a register date: not counted at it
    day = min(as_of, date(2025, 3, 31))
    points = q.coverage_series(branch, 2024, day)
    assert [p.day for p in points] == [d for d in REGISTER_DATES if d < day] + [day]
    for point in points:
        figures = kpi_queries.committee_at(branch, point.day)
        assert figures is not None
        assert (point.covered_insured, point.total_insured) == (figures.covered_insured,
                                                                figures.total_insured)
    row = sheet_row(branch, "committee_coverage", 2024, as_of)
    assert (points[-1].covered_insured, points[-1].total_insured, points[-1].measured) == (
        row.numerator, row.denominator, True)


def test_coverage_before_any_register_is_empty(branch: Store) -> None:
    assert q.coverage_series(branch, 2023, date(2023, 6, 1)) == []


def add_cohort(store: Store) -> None:
    """Cohort FY2023: 4 cases a month, 1 visited within the window, 1 visited too late."""
    rows = []
    for month in fy_months(2023):
        for n in range(4):
            day = date(month // 100, month % 100, 10)
            late = date.fromordinal(day.toordinal() + 400)
            visit = {0: day.isoformat(), 1: late.isoformat()}.get(n)
            rows.append((f"P{month}{n}", day.isoformat(), month, 2023, visit))
    sql(store, CASE, rows)


@pytest.mark.parametrize(("as_of", "final_months"), [
    (date(2024, 4, 1), 1),    # 202304 is final from 2023-04 + 10 + 2 months: 2024-04-01
    (date(2024, 12, 1), 9),
    (date(2025, 2, 28), 11),
    (date(2025, 3, 1), 12),
])
def test_referral_months_are_marked_final_by_the_kpi_rule(branch: Store, as_of: date,
                                                          final_months: int) -> None:
    add_cohort(branch)
    points = q.referral_series(q.context_of(branch), 2024, as_of)
    assert [p.month for p in points] == fy_months(2023)
    assert sum(p.final for p in points) == final_months
    assert all(p.final for p in points[:final_months])
    assert {(p.cases, p.visited) for p in points} == {(4, 1)}
    row = sheet_row(branch, "referral_visit_rate", 2024, as_of)
    assert row.value == Fraction(sum(p.visited for p in points), sum(p.cases for p in points))
    assert (row.status == "provisional") == (final_months < 12)


def test_charts_refuse_an_as_of_before_the_fy(branch: Store) -> None:
    with pytest.raises(InputRejected) as caught:
        q.charts(branch, 2025, date(2025, 3, 31))
    assert caught.value.code == "as_of_before_fy"
    assert "より前" in caught.value.render("ja")


def test_charts_bundle_every_series(branch: Store) -> None:
    add_generic(branch)
    add_cohort(branch)
    charts = q.charts(branch, 2024, date(2025, 5, 1))
    assert charts.measured_at == date(2025, 3, 31)
    assert len(charts.generic.current) == 12 and len(charts.referral) == 12
    assert charts.coverage[-1].measured
    assert q.sheet(branch, 2024, date(2025, 5, 1))[0].kpi.id == "service_standard"


@pytest.mark.parametrize(("today", "years", "default"), [
    (date(2025, 5, 1), [2025, 2024, 2023], 2024),   # latest data: the 2025-03-31 register
    (date(2024, 1, 1), [2023], 2023),
])
def test_fiscal_years_offered(branch: Store, today: date, years: list[int],
                              default: int) -> None:
    assert q.fiscal_years(branch, today) == (years, default)
