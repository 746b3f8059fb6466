"""The outreach planner's queries: the ranking of employers without a committee member, and
what-ifs that equal the KPI engine once the chosen employers sign up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from planner_builder import (
    BY_HAND,
    COVERED,
    DAY,
    FY,
    RANKED,
    TOTAL,
    copy_store,
    declare,
    planner_branch,
    sign_up,
    write,
)

from branchdesk.domain.errors import ValueRejected
from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet, set_entry
from branchdesk.store.queries import planner


@pytest.fixture
def branch(tmp_path: Path) -> Iterator[Store]:
    """The hand-built branch of ``planner_builder``."""
    yield from planner_branch(tmp_path)


def sheet(store: Store, day: date = DAY) -> dict[str, KpiRow]:
    return {row.kpi.id: row for row in kpi_sheet(store, FY, day)}


def ranked_symbols(store: Store, **filters: object) -> list[str]:
    ranking = planner.candidates(store, DAY, **filters)  # type: ignore[arg-type]
    return [c.symbol for c in ranking.rows(store)]


# --- ranking -------------------------------------------------------------------------------


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, RANKED),
    ({"municipality": "131016"}, ["20000002", "9000009", "20000005"]),
    ({"industry": "建設業"}, ["20000003", "20000005"]),
    ({"min_insured": 100}, ["10000099", "20000002", "20000003", "9000009", "20000004"]),
    ({"max_insured": 80}, ["20000005", "20000010"]),
    ({"min_insured": 80, "max_insured": 120}, ["20000004", "20000005"]),
    ({"municipality": "131024", "industry": "建設業"}, ["20000003"]),
    ({"municipality": "999999"}, []),
])
def test_ranking_by_insured_then_symbol_with_filters(branch: Store, filters: dict[str, object],
                                                     expected: list[str]) -> None:
    assert ranked_symbols(branch, **filters) == expected


@pytest.mark.parametrize(("symbol", "why"), [
    ("20000001", "a member in office"),
    ("20000007", "a member appointed on the day counts at the day"),
    ("20000006", "lost: the register in force does not list it"),
    (BY_HAND, "entered by hand: in no register"),
])
def test_employers_that_are_no_candidates(branch: Store, symbol: str, why: str) -> None:
    assert symbol not in ranked_symbols(branch), why


@pytest.mark.parametrize(("symbol", "why"), [
    ("20000002", "a member whose 解嘱日 is the day counts as none"),
    ("20000004", "a member appointed the day after does not count yet"),
    ("20000005", "a member terminated before the day"),
])
def test_employers_whose_member_does_not_count_are_candidates(branch: Store, symbol: str,
                                                              why: str) -> None:
    assert symbol in ranked_symbols(branch), why


def test_rows_carry_the_register_in_force_and_the_declaration(branch: Store) -> None:
    rows = {c.symbol: c for c in planner.candidates(branch, DAY).rows(branch)}
    # 2025-03-31's counts, not the doubled ones of the 2025-09-30 register.
    assert rows["20000002"].insured == 300
    assert (rows["20000002"].name, rows["20000002"].municipality_code,
            rows["20000002"].industry) == ("ベータ製作所", "131016", "製造業")
    assert {s for s, c in rows.items() if c.declared} == {"20000004"}  # conventional and
    # withdrawn-on-the-day declarations do not count


def test_a_later_day_uses_the_later_register(branch: Store) -> None:
    later = planner.candidates(branch, date(2025, 10, 1))
    rows = {c.symbol: c.insured for c in later.rows(branch)}
    assert "20000003" not in rows  # the 2025-09-30 register no longer lists it
    assert rows["20000002"] == 600


def test_no_register_yet_gives_no_candidates(branch: Store) -> None:
    ranking = planner.candidates(branch, date(2024, 1, 1))
    assert len(ranking) == 0
    what_if = planner.coverage_of(ranking.figures, [])
    assert (what_if.total, what_if.now, what_if.after) == (0, None, None)


# --- coverage what-if = the KPI engine -----------------------------------------------------

SETS = {
    "none": [],
    "one": ["20000002"],
    "three tied at 300": ["20000002", "20000003", "9000009"],
    "every candidate": RANKED,
    "with a member or lost": ["20000001", "20000007", "20000006", "20000005"],
    "twice the same": ["20000010", "20000010"],
}


@pytest.mark.parametrize("name", [*SETS, "top 2", "top 4"])
def test_coverage_what_if_equals_the_kpi_engine_after_sign_up(branch: Store, tmp_path: Path,
                                                              name: str) -> None:
    if name.startswith("top"):
        ranking = planner.candidates(branch, DAY)
        symbols = [c.symbol for c in ranking.rows(branch, 0, int(name.split()[1]))]
    else:
        symbols = SETS[name]
    what_if = planner.coverage_what_if(branch, DAY, symbols)
    before = sheet(branch)
    assert (what_if.covered_now, what_if.total) == (COVERED, TOTAL)
    assert what_if.now == before["committee_coverage"].value
    assert what_if.employers_now == before["committee_employers"].value
    copy = copy_store(branch, tmp_path / "copy.db")
    try:
        sign_up(copy, symbols, DAY)
        after = sheet(copy)
    finally:
        copy.close()
    row = after["committee_coverage"]
    assert (what_if.covered_after, what_if.total) == (row.numerator, row.denominator)
    assert what_if.after == row.value
    assert what_if.employers_after == after["committee_employers"].value
    assert what_if.target == row.target == Fraction(1, 2)


def test_coverage_what_if_figures(branch: Store) -> None:
    what_if = planner.coverage_what_if(branch, DAY, ["20000002", "20000001", "20000003"])
    assert (what_if.chosen, what_if.added) == (3, 2)
    assert what_if.covered_after == COVERED + 600
    assert what_if.after == Fraction(COVERED + 600, TOTAL)


def test_an_unknown_symbol_is_rejected_by_name(branch: Store) -> None:
    with pytest.raises(ValueRejected) as caught:
        planner.coverage_what_if(branch, DAY, ["20000002", "12345678"])
    assert caught.value.code == "planner_symbol_unknown"
    assert "12345678" in caught.value.render("ja")


# --- declaration what-if -------------------------------------------------------------------


@pytest.mark.parametrize(("symbols", "added"), [
    ([], 0),
    (["20000002"], 1),
    (["20000004"], 0),                          # already declared (standard, in force)
    (["20000005", "20000010"], 2),              # conventional; withdrawn on the day
    (["20000006", "20000001", "20000003"], 1),  # lost; declared; one new
])
def test_declaration_what_if_equals_the_kpi_engine(branch: Store, tmp_path: Path,
                                                   symbols: list[str], added: int) -> None:
    what_if = planner.declaration_what_if(branch, DAY, FY, symbols)
    assert what_if.now == sheet(branch)["declarations"].value == 2
    assert what_if.after == what_if.now + added
    copy = copy_store(branch, tmp_path / "copy.db")
    try:
        declare(copy, symbols, DAY)
        assert sheet(copy)["declarations"].value == what_if.after
    finally:
        copy.close()


@pytest.mark.parametrize(("entry", "target"), [
    ({}, 3),                      # the count at 31 March of FY2024 (the withdrawal came later)
    ({"target": 12}, 12),         # the entered target wins
    ({"previous": 7}, 7),         # else the entered 前年度実績
    ({"target": 12, "previous": 7}, 12),
])
def test_declaration_target_as_the_kpi_sheet_resolves_it(branch: Store, entry: dict[str, int],
                                                         target: int) -> None:
    if entry:
        write(branch, set_entry, FY, "declarations", **entry)
    what_if = planner.declaration_what_if(branch, DAY, FY, ["20000002"])
    assert what_if.target == target == sheet(branch)["declarations"].target


def test_an_entered_coverage_target_is_used(branch: Store) -> None:
    write(branch, set_entry, FY, "committee_coverage", target=0.55)
    assert planner.coverage_what_if(branch, DAY, []).target == Fraction(55, 100)


@pytest.mark.parametrize("day", [date(2025, 3, 31), date(2026, 4, 1)])
def test_a_day_outside_the_fy_is_rejected(branch: Store, day: date) -> None:
    with pytest.raises(ValueRejected) as caught:
        planner.declaration_what_if(branch, day, FY, [])
    assert caught.value.code == "planner_day_outside_fy"
    assert day.isoformat() in caught.value.render("ja")


# --- how many reach a share ----------------------------------------------------------------


@pytest.mark.parametrize(("share", "filters", "expected"), [
    (Fraction(1, 4), {}, 0),                         # 27.7% already
    (Fraction(1, 2), {}, 2),                         # 540 + 600 = 1140 ≥ 975
    (Fraction(840, TOTAL), {}, 1),                   # a tie meets the share
    (Fraction(841, TOTAL), {}, 2),
    (0.6, {}, 3),
    (1.0, {}, 7),
    (Fraction(2, 5), {"municipality": "131024"}, 1),
    (Fraction(1, 2), {"municipality": "131024"}, None),  # 540 + 430 < 975
])
def test_top_n_for_a_coverage_share(branch: Store, share: Fraction | float,
                                    filters: dict[str, str], expected: int | None) -> None:
    assert planner.top_n_for(branch, DAY, share, **filters) == expected


def test_top_n_reaches_the_share_by_the_kpi_engine(branch: Store, tmp_path: Path) -> None:
    ranking = planner.candidates(branch, DAY)
    n = ranking.top_n_for(Fraction(9, 10))
    assert n == 5
    copy = copy_store(branch, tmp_path / "copy.db")
    try:
        sign_up(copy, [c.symbol for c in ranking.rows(branch, 0, n)], DAY)
        assert sheet(copy)["committee_coverage"].value >= Fraction(9, 10)
    finally:
        copy.close()


def test_industries_lists_each_once(branch: Store) -> None:
    assert planner.industries(branch) == sorted({"建設業", "製造業", "医療・福祉", "情報通信業",
                                                  "卸売業・小売業"})
