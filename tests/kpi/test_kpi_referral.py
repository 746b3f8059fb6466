"""The 10-month referral visit rate: window edges, cohorts, provisional months (domain.md §4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from branchdesk.store.settings import set_setting


@pytest.mark.parametrize(
    ("visit_on", "counted"),
    [("2023-06-10", True), ("2024-03-31", True), ("2024-04-01", False),
     ("2023-06-09", False), (None, False)],
)
def test_a_visit_counts_from_the_checkup_day_to_the_last_day_of_month_m_plus_9(
        build, visit_on, counted):
    build.case("2023-06-10", visit_on)  # M = 2023-06, M+9 = 2024-03
    row = build.sheet(2024, "2025-06-01")["referral_visit_rate"]
    assert (row.numerator, row.denominator) == (1 if counted else 0, 1)


def test_the_report_of_fy_n_uses_cohort_n_minus_1_and_compares_with_n_minus_2(build):
    build.case("2022-05-01", "2022-06-01")  # cohort FY2022: 1 of 2
    build.case("2022-05-02")
    build.case("2023-05-01", "2023-06-01")  # cohort FY2023: 2 of 3
    build.case("2023-05-02", "2023-07-01")
    build.case("2023-05-03")
    build.case("2024-05-01", "2024-06-01")  # cohort FY2024: not in the FY2024 report
    row = build.sheet(2024, "2025-06-01")["referral_visit_rate"]
    assert (row.value, row.previous, row.period) == (Fraction(2, 3), Fraction(1, 2),
                                                     "cohort FY2023")
    assert row.status == "achieved"


@pytest.mark.parametrize(("as_of", "status"), [("2025-02-28", "provisional"),
                                               ("2025-03-01", "achieved")])
def test_a_cohort_becomes_final_on_the_first_day_of_month_m_plus_10_plus_lag(build, as_of, status):
    # The last checkup month of cohort FY2023 is 2024-03; final from 2025-03-01 (10 + 2 months).
    build.case("2024-03-15", "2024-04-01")
    build.case("2022-06-01")
    row = build.sheet(2024, as_of)["referral_visit_rate"]
    assert row.status == status


def test_a_status_compared_against_a_provisional_cohort_is_provisional(build):
    build.case("2023-05-01", "2023-06-01")
    build.case("2022-05-01")
    with build.store.transaction():
        set_setting(build.store, "claims_lag_months", 12)  # now cohort FY2022 is not final either
    assert build.sheet(2024, "2025-03-31")["referral_visit_rate"].status == "provisional"


def test_the_window_and_the_counted_sources_are_settings(build):
    build.case("2023-06-10", "2024-02-01", source="self")
    with build.store.transaction():
        set_setting(build.store, "referral_window_months", 6)  # window ends 2023-11-30
    assert build.sheet(2024, "2025-06-01")["referral_visit_rate"].numerator == 0
    with build.store.transaction():
        set_setting(build.store, "referral_window_months", 10)
        set_setting(build.store, "referral_visit_sources", ["claim", "reply"])
    assert build.sheet(2024, "2025-06-01")["referral_visit_rate"].numerator == 0
