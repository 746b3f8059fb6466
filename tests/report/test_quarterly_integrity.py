"""Formula safety, determinism and tamper detection of the quarterly report."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from report_builders import Builder, fill_branch

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.quarterly import consolidate, export_quarterly, read_report

JST = timezone(timedelta(hours=9))
DANGEROUS = ["=1+2", "+81-3-0000", "-SUM(A1)", "@INDIRECT(\"A1\")", "\tタブ社", "\r改行社",
             "=HYPERLINK(\"http://example.invalid\",\"x\")"]


def _export(builder: Builder, path: Path, hour: int = 9) -> Path:
    made = datetime(2025, 4, 5, hour, 0, tzinfo=JST)
    return export_quarterly(builder.store, 2024, 4, path, created_at=made)[0]


@pytest.fixture
def dangerous_report(build: Builder, tmp_path: Path) -> Path:
    ids = [build.employer(name) for name in DANGEROUS]
    build.register("2025-03-31", dict.fromkeys(ids, 10))
    for n, employer in enumerate(ids):
        build.declaration(employer, f"2025-01-{10 + n}")
        build.member(employer, f"2025-02-{10 + n}")
    return _export(build, tmp_path / "r.xlsx")


def test_no_cell_is_a_formula_when_read_back_with_openpyxl(dangerous_report):
    book = openpyxl.load_workbook(dangerous_report)
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]


def test_the_sheet_xml_holds_no_formula_element(dangerous_report):
    with zipfile.ZipFile(dangerous_report) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 7
    assert not [s for s in sheets if re.search(r"<f[ >]", s)]


@pytest.mark.parametrize("sheet", ["健康宣言", "健康保険委員"])
def test_dangerous_employer_names_come_back_as_the_same_text(dangerous_report, sheet):
    rows = CalamineWorkbook.from_path(str(dangerous_report)).get_sheet_by_name(sheet).to_python()
    names = {r[1] for r in rows}
    assert set(DANGEROUS) <= names


def _sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()
                if re.fullmatch(r"xl/worksheets/sheet[2-7]\.xml", n)}


def test_the_same_store_gives_byte_identical_data_sheets(build, tmp_path):
    fill_branch(build)
    first = _export(build, tmp_path / "a.xlsx", hour=9)
    second = _export(build, tmp_path / "b.xlsx", hour=17)
    assert _sheet_xml(first) == _sheet_xml(second) and len(_sheet_xml(first)) == 6
    a, b = read_report(first), read_report(second)
    assert a.cover.digest == b.cover.digest
    assert a.cover.created_at != b.cover.created_at  # only 作成日時 differs


def test_a_change_in_the_store_changes_the_digest(build, tmp_path):
    fill_branch(build)
    before = read_report(_export(build, tmp_path / "a.xlsx")).cover.digest
    build.generic(202502, 1, 1)
    assert read_report(_export(build, tmp_path / "b.xlsx")).cover.digest != before


def _tamper(path: Path, sheet: str, cell: str, value: object) -> Path:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    out = path.with_name("tampered.xlsx")
    book.save(out)
    return out


@pytest.mark.parametrize(("sheet", "cell", "value"), [("KPI", "D15", 999), ("健康宣言", "B2", 7),
                                                      ("ジェネリック", "C9", "改ざん市")])
def test_an_edited_value_is_detected_and_the_file_refused(build, make_store, tmp_path, sheet,
                                                          cell, value):
    fill_branch(build)
    tampered = _tamper(_export(build, tmp_path / "r.xlsx"), sheet, cell, value)
    with pytest.raises(InputRejected) as refused:
        read_report(tampered)
    assert refused.value.code == "quarterly_tampered"
    other = make_store("32")
    fill_branch(other)
    national = consolidate([tampered, _export(other, tmp_path / "32.xlsx")])
    assert list(national.reports) == ["32"] and "31" in national.missing
    assert [(r.file, r.code) for r in national.refused] == [("tampered.xlsx",
                                                             "quarterly_tampered")]


def test_a_workbook_resaved_without_edits_still_verifies(build, tmp_path):
    fill_branch(build)
    resaved = _tamper(_export(build, tmp_path / "r.xlsx"), "表紙", "D1", None)
    assert read_report(resaved).cover.branch_code == "31"
