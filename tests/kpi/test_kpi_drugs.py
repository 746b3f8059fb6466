"""Generic and biosimilar KPIs: month choice, ties, two conditions (domain.md §4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from branchdesk.store.kpi_sheet import set_entry


@pytest.mark.parametrize(
    ("generic", "brand", "status"),
    [(80, 20, "achieved"), (7999, 2001, "nearly"), (76, 24, "nearly"),
     (7599, 2401, "not_achieved")],
)
def test_generic_share_tie_at_eighty_percent_is_achieved(build, generic, brand, status):
    build.generic(202503, generic, brand)
    row = build.sheet(2024, "2025-06-01")["generic_share"]
    assert row.value == Fraction(generic, generic + brand)
    assert row.status == status


def test_generic_share_uses_march_when_imported_else_the_latest_month_up_to_the_as_of(build):
    build.generic(202501, 70, 30)
    build.generic(202502, 75, 25)
    assert build.sheet(2024, "2025-06-01")["generic_share"].period == "2025-02"
    assert build.sheet(2024, "2025-01-20")["generic_share"].period == "2025-01"
    build.generic(202503, 90, 10)
    build.generic(202504, 10, 90)  # FY2025: never used for FY2024
    row = build.sheet(2024, "2025-06-01")["generic_share"]
    assert (row.period, row.value) == ("2025-03", Fraction(9, 10))


def test_a_month_without_a_total_row_sums_the_claim_types_present(build):
    build.generic(202503, 50, 10, claim="medical")
    build.generic(202503, 30, 10, claim="dispensing")
    build.generic(202503, 999, 1, unit="municipality", code="311014")
    row = build.sheet(2024, "2025-06-01")["generic_share"]
    assert (row.numerator, row.denominator) == (80, 100)


def test_a_total_row_wins_over_the_parts(build):
    build.generic(202503, 50, 50, claim="medical")
    build.generic(202503, 81, 19)
    assert build.sheet(2024, "2025-06-01")["generic_share"].numerator == 81


@pytest.mark.parametrize(
    ("last_year", "this_year", "status"),
    [((85, 15), (84, 16), "not_achieved"),  # ≥ 80% but below last year's 85%
     ((85, 15), (85, 15), "achieved"),
     ((79, 21), (80, 20), "achieved"),  # last year under 80%: only the 80% condition
     ((85, 15), (78, 22), "not_achieved")],  # nearly on the first, not on the second
)
def test_generic_share_must_also_keep_last_years_same_month_when_that_was_eighty(
        build, last_year, this_year, status):
    build.generic(202403, *last_year)
    build.generic(202503, *this_year)
    assert build.sheet(2024, "2025-06-01")["generic_share"].status == status


def test_generic_amount_share_against_the_fixed_sixty_five_percent(build):
    build.generic(202503, 80, 20, amounts=(65, 35))
    row = build.sheet(2024, "2025-06-01")["generic_amount_share"]
    assert (row.value, row.status) == (Fraction(65, 100), "achieved")


def test_generic_amount_without_amounts_is_no_data(build):
    build.generic(202503, 80, 20)
    assert build.sheet(2024, "2025-06-01")["generic_amount_share"].status == "no_data"


def _ingredients(build, month, rates):
    for i, (bs, ref) in enumerate(rates):
        build.biosimilar(month, f"成分{i}", bs, ref)


def test_an_ingredient_at_exactly_eighty_percent_counts(build):
    _ingredients(build, 202501, [(80, 20), (79, 21), (0, 0), (1, 9)])
    build.biosimilar(202501, "成分1", 100, 0, institution="3111111111")  # institution rows ignored
    row = build.sheet(2024, "2025-06-01")["biosimilar_ingredients"]
    assert (row.numerator, row.denominator) == (1, 3)  # 成分2 has no quantity at all


def test_biosimilar_uses_january_and_the_target_of_the_fiscal_year(build):
    _ingredients(build, 202501, [(9, 1)] * 2 + [(1, 9)] * 8)  # 20%
    _ingredients(build, 202503, [(1, 9)] * 10)
    row = build.sheet(2024, "2025-06-01")["biosimilar_ingredients"]
    assert (row.period, row.value, row.target, row.status) == (
        "2025-01", Fraction(1, 5), Fraction(18, 100), "achieved")
    _ingredients(build, 202601, [(9, 1)] * 2 + [(1, 9)] * 8)
    row = build.sheet(2025, "2026-06-01")["biosimilar_ingredients"]
    assert (row.target, row.status) == (Fraction(21, 100), "nearly")  # 20/21 ≥ 95%
    with build.store.transaction():
        set_entry(build.store, 2025, "biosimilar_ingredients", target=0.25)
    assert build.sheet(2025, "2026-06-01")["biosimilar_ingredients"].status == "not_achieved"
