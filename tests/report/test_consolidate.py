"""Consolidation of branch reports: each KPI by its own rule, inconsistent inputs refused."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from report_builders import Builder, fill_branch

from branchdesk.domain.identifiers import BRANCHES, insurer_number
from branchdesk.exchange.quarterly import (
    build_report,
    consolidate,
    export_quarterly,
    write_national,
    write_report,
)
from branchdesk.exchange.registers_export import export_register

JST = timezone(timedelta(hours=9))


def _branch(b: Builder, generic: tuple[int, int], insured: list[tuple[int, bool]],
            declared: int, bios: dict[str, tuple[int, int]], cases: tuple[int, int],
            website: int) -> None:
    """A branch whose FY2024 Q4 figures are exactly the arguments."""
    employers = [b.employer() for _ in insured]
    b.register("2025-03-31", {e: n for e, (n, _) in zip(employers, insured, strict=True)})
    for e, (_, member) in zip(employers, insured, strict=True):
        if member:
            b.member(e, "2024-05-01")
    for e in employers[:declared]:
        b.declaration(e, "2024-06-01")
    b.generic(202503, *generic)
    for name, (bs, ref) in bios.items():
        b.biosimilar(202501, name, bs, ref)
    total, visited = cases
    for n in range(total):
        b.case("2023-06-01", visit_on="2023-07-01" if n < visited else None)
    b.entered(2024, "website_visits", value=website, target=150)


def _export(b: Builder, path: Path, quarter: int = 4) -> Path:
    return export_quarterly(b.store, 2024, quarter, path,
                            created_at=datetime(2025, 4, 5, tzinfo=JST))[0]


@pytest.fixture
def two_branches(make_store, tmp_path) -> list[Path]:
    a, b = make_store("31"), make_store("32")
    _branch(a, (90, 10), [(10, True), (90, False)], 1, {"X": (70, 30), "Y": (90, 10)}, (2, 1),
            100)
    _branch(b, (100, 300), [(1000, True), (5, False), (5, False)], 2,
            {"X": (100, 0), "Y": (0, 100), "Z": (50, 50)}, (8, 8), 200)
    return [_export(a, tmp_path / "a.xlsx"), _export(b, tmp_path / "b.xlsx")]


@pytest.mark.parametrize(("kpi", "value", "numerator", "denominator"), [
    ("generic_share", 190 / 500, 190, 500),            # average of rates would be 0.575
    ("committee_coverage", 1010 / 1110, 1010, 1110),    # average of rates would be 0.55
    ("referral_visit_rate", 9 / 10, 9, 10),              # average of rates would be 0.75
    ("biosimilar_ingredients", 1 / 3, 1, 3),             # Σ num ÷ Σ den would be 0.4
    ("declarations", 3, None, None),
    ("committee_employers", 2, None, None),
])
def test_each_kpi_is_combined_by_its_own_rule(two_branches, kpi, value, numerator, denominator):
    figure = consolidate(two_branches).figures[kpi]
    assert figure.value == pytest.approx(value)
    assert (figure.numerator, figure.denominator) == (numerator, denominator)
    assert figure.branches == 2 and figure.provisional


def test_biosimilar_sums_each_ingredients_quantities_first(two_branches):
    ingredients = consolidate(two_branches).ingredients
    assert [(i.name, i.bs_qty, i.ref_qty, i.reached) for i in ingredients] == [
        ("X", 170, 30, True), ("Y", 90, 110, False), ("Z", 50, 50, False)]


def test_branches_at_80_percent_generic_share_are_counted(two_branches):
    assert consolidate(two_branches).generic_reached == (1, 2)


def test_entered_rows_are_listed_per_branch_and_never_combined(two_branches, tmp_path):
    national = consolidate(two_branches)
    assert national.figures["website_visits"].value is None
    assert [national.branch_kpi(b, "website_visits").value for b in ("31", "32")] == [100, 200]
    out = write_national(national, tmp_path / "national.xlsx")
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("ホームページアクセス数")
    listed = {r[0]: r[2] for r in rows.to_python() if r[0] in ("31", "32", "33")}
    assert listed == {"31": 100, "32": 200, "33": ""}


def test_missing_branches_are_listed_and_the_national_figures_marked_provisional(
        two_branches, tmp_path):
    national = consolidate(two_branches)
    assert national.missing == [b for b in BRANCHES if b not in ("31", "32")]
    book = CalamineWorkbook.from_path(str(write_national(national, tmp_path / "n.xlsx")))
    overview = book.get_sheet_by_name("全国集計").to_python()
    generic = next(r for r in overview if r[0] == "generic_share")
    assert generic[6] == "暫定" and "2/47" in generic[7]
    missing = book.get_sheet_by_name("未提出支部").to_python()[1:]
    assert [r[0] for r in missing] == national.missing


def test_all_47_branches_give_a_final_national_figure(build, tmp_path):
    fill_branch(build)
    report = build_report(build.store, 2024, 4)
    for code, name in BRANCHES.items():
        cover = dataclasses.replace(report.cover, branch_code=code, branch_name=name,
                                    insurer_number=insurer_number(code))
        write_report(dataclasses.replace(report, cover=cover), tmp_path / f"r{code}.xlsx")
    national = consolidate([tmp_path])
    assert not national.provisional and not national.refused
    generic = national.figures["generic_share"]
    assert generic.value == pytest.approx(0.81) and generic.denominator == 47 * 100
    assert not generic.provisional and national.generic_reached == (47, 47)


def test_a_copy_of_the_same_report_counts_once(two_branches, tmp_path):
    copy = tmp_path / "copy.xlsx"
    shutil.copy(two_branches[0], copy)
    national = consolidate([*two_branches, copy])
    assert sorted(national.reports) == ["31", "32"]
    assert [(r.file, r.code) for r in national.refused] == [("copy.xlsx",
                                                             "consolidate_duplicate_copy")]
    assert national.figures["declarations"].value == 3


def test_two_different_reports_of_one_branch_are_both_refused(two_branches, make_store,
                                                              tmp_path):
    other = make_store("31", "other31.db")
    fill_branch(other)
    second = _export(other, tmp_path / "second31.xlsx")
    national = consolidate([*two_branches, second])
    assert list(national.reports) == ["32"] and "31" in national.missing
    assert {(r.file, r.code) for r in national.refused} == {
        ("a.xlsx", "consolidate_duplicate_branch"),
        ("second31.xlsx", "consolidate_duplicate_branch")}


def test_a_report_of_another_quarter_is_refused(two_branches, make_store, tmp_path):
    other = make_store("33")
    fill_branch(other)
    q3 = _export(other, tmp_path / "q3.xlsx", quarter=3)
    national = consolidate([*two_branches, q3])
    assert (national.fy, national.quarter) == (2024, 4)
    refusal = national.refused[0]
    assert (refusal.file, refusal.code, refusal.branch) == ("q3.xlsx", "consolidate_other_period",
                                                           "33")
    assert "2024年度第3四半期" in refusal.reason()


def test_a_workbook_of_another_form_is_refused(two_branches, build, tmp_path):
    register = tmp_path / "employers.xlsx"
    export_register(build.store, "employers", register)
    national = consolidate([*two_branches, register])
    assert [(r.file, r.code) for r in national.refused] == [("employers.xlsx",
                                                             "quarterly_wrong_form")]
    assert "BD-QR v1" in national.refused[0].reason()


def test_refused_files_are_listed_in_the_national_workbook(two_branches, tmp_path):
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_bytes(b"PK\x03\x04 broken")
    out = write_national(consolidate([*two_branches, bogus]), tmp_path / "n.xlsx")
    refused = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("除外ファイル").to_python()
    assert refused[1][0] == "bogus.xlsx" and "読めません" in refused[1][4]
