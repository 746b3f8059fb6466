"""Real small files through the readers, header detection and validation (exchange.md §1)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from workbooks_columns import lines

from branchdesk.exchange.columns import find_header
from branchdesk.exchange.validate import SheetResult, validate_sheet

readers = pytest.importorskip("branchdesk.exchange.readers",
                              reason="the readers module is being written by a colleague")


def _import(path: Path, **options: object) -> list[SheetResult]:
    results = []
    for sheet in readers.open_sheets(path):
        match = find_header(sheet)
        if match is None or sheet.hidden:
            continue
        formulas = set() if sheet.from_csv else readers.formulas_without_value(path, sheet.name)
        results.append(validate_sheet(sheet, match, branch="31", formula_cells=formulas,
                                      **options))  # type: ignore[arg-type]
    return results


def test_an_employer_workbook_as_head_office_sends_it(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "事業所台帳"
    sheet.append(["事業所台帳（鳥取支部）"])
    sheet.merge_cells("A1:E1")
    sheet.append(["基準日：令和7年3月31日"])
    sheet.append(["※ 被保険者数は基準日現在"])
    sheet.append(["事業所記号", "事業所名称", "被保険者数\n(人)", "適用年月日", "郵便番号"])
    sheet.append(["31000001", "鳥取商事", 12, datetime(2001, 4, 1), "680-0001"])
    sheet.append([])
    sheet.append([1000002, "ｱｲｳ工業", 3, "H13.4.1", 600001])
    sheet.append(["31000003", "米子物産", "=1+1", 20010401, None])
    sheet.append([None, "合計", 15, None, None])
    memo = book.create_sheet("メモ")
    memo.append(["担当", "山田"])
    path = tmp_path / "register.xlsx"
    book.save(path)

    [result] = _import(path)
    assert result.kind == "employers"
    assert result.base_date == date(2025, 3, 31)
    assert result.rows == [5, 7]
    assert [r["symbol"] for r in result.records] == ["31000001", "01000002"]
    assert result.records[1] == {"symbol": "01000002", "name": "ｱｲｳ工業", "insured": 3,
                                 "applied_on": date(2001, 4, 1), "postal_code": "0600001"}
    assert lines(result.problems) == [
        ("cell_symbol_padded", 7, "事業所記号", "1000002"),
        ("cell_postal_padded", 7, "郵便番号", "600001"),
        ("cell_formula_without_value", 8, "被保険者数\n(人)", ""),
    ]
    assert (result.blank_skipped, result.total_skipped) == (1, 1)
    assert result.listed_symbols_extra == {"31000003"}


def test_serials_of_a_1904_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.append(["事業所記号", "事業所名称", "被保険者数", "基準日", "適用年月日"])
    sheet.append(["31000001", "鳥取商事", 1, "2025/3/31", 43921])
    path = tmp_path / "mac.xlsx"
    book.save(path)
    [result] = _import(path)
    assert result.records[0]["applied_on"] == date(2024, 4, 1)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_a_csv_exported_by_branchdesk_comes_back_unchanged(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "committee.csv"
    path.write_text(
        "事業所記号,委員氏名,委嘱日,部署・役職,電話番号\n"
        "31000001,山田 太郎,20230401,'=総務課,'-\n"
        "31000002,鈴木 花子,R5.4.1,''=x,'+81-857\n"
        "31000003,佐藤 一郎,45383,,\n", encoding=encoding, newline="")
    [result] = _import(path)
    assert result.kind == "committee"
    assert [(r["title"], r["phone"]) for r in result.records] == [("=総務課", "-"),
                                                                 ("'=x", "+81-857")]
    assert lines(result.problems) == [("date_unreadable", 4, "委嘱日", "45383")]
