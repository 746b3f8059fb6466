"""Employer registers (exchange.md §3 employers, §2 updating records and skipped rows)."""

from __future__ import annotations

from datetime import date

import pytest
from workbooks_columns import AS_OF, EMPLOYER_HEADER, employers, lines, validate

FULL = ["事業所記号", "事業所名称", "事業所名称カナ", "事業所整理記号", "事業所番号", "郵便番号",
        "所在地", "市区町村コード", "業態区分", "被保険者数", "被扶養者数", "適用年月日", "基準日"]


def test_a_full_row_becomes_an_employer_record() -> None:
    row = ["31000001", "鳥取商事株式会社", "トットリショウジ", "とりあ", "00012", "680-0001",
           "鳥取市東町1-1", "312011", "製造業", "1,234", 567, "H10.4.1", "令和7年3月31日"]
    result = validate([FULL, row], "employers")
    assert result.problems == []
    assert result.records == [{
        "symbol": "31000001", "name": "鳥取商事株式会社", "name_kana": "トットリショウジ",
        "seiri_kigo": "とりあ", "office_number": "00012", "postal_code": "6800001",
        "address": "鳥取市東町1-1", "municipality_code": "312011", "industry": "製造業",
        "insured": 1234, "dependents": 567, "applied_on": date(1998, 4, 1),
    }]
    assert result.rows == [2]
    assert result.base_date == date(2025, 3, 31)
    assert result.references == [()]


def test_absent_columns_are_absent_and_blank_cells_clear() -> None:
    head = [*EMPLOYER_HEADER, "所在地", "被扶養者数"]
    result = employers(["31000001", "鳥取商事", 3, AS_OF, "", "秘匿"], head=head)
    assert result.records == [{"symbol": "31000001", "name": "鳥取商事", "insured": 3,
                               "address": None, "dependents": None}]


@pytest.mark.parametrize(("head", "synonyms"), [
    (["記号", "事業所名", "被保険者数", "基準日"], {}),
    (["記号", "名称", "被保険者数", "カナ名称", "整理記号", "〒", "住所", "団体コード", "業種",
      "適用日"], {"基準日": None}),
])
def test_synonyms(head: list[str], synonyms: dict[str, None]) -> None:
    cells = {"記号": "31000001", "事業所名": "a", "名称": "a", "被保険者数": 1, "基準日": AS_OF,
             "カナ名称": "ア", "整理記号": "あ", "〒": "680-0001", "住所": "鳥取市",
             "団体コード": "312011", "業種": "建設業", "適用日": "2001/4/1"}
    title = [["基準日：令和7年3月31日"]] if "基準日" in synonyms else []
    result = validate([*title, head, [cells[h] for h in head]], "employers")
    assert result.problems == []
    assert len(result.records[0]) == len(head) - ("基準日" in head)


@pytest.mark.parametrize(("field", "cell", "code"), [
    ("事業所名称", None, "cell_required"),
    ("事業所名称", "  ", "cell_required"),
    ("被保険者数", None, "cell_required"),
    ("被保険者数", "-", "cell_required"),  # a missing mark is no headcount
    ("事業所記号", "ABC", "employer_symbol_invalid"),
    ("事業所記号", 123456.0, "employer_symbol_invalid"),
])
def test_required_fields(field: str, cell: object, code: str) -> None:
    row = dict(zip(EMPLOYER_HEADER, ["31000001", "鳥取商事", 3, AS_OF], strict=True))
    row[field] = cell
    result = employers(list(row.values()))
    assert [(p.code, p.column) for p in result.errors] == [(code, field)]
    assert result.records == []
    assert result.invalid_rows == 1


@pytest.mark.parametrize(("field", "cell", "code"), [
    ("郵便番号", "680-001", "postal_code_invalid"),
    ("事業所番号", "123456", "office_number_invalid"),
    ("市区町村コード", "312012", "municipality_check_digit"),
    ("市区町村コード", "991016", "municipality_code_prefecture"),
    ("適用年月日", "R1.4.30", "date_outside_era"),
    ("被扶養者数", "1.5", "int_not_integer"),
])
def test_optional_fields_are_validated(field: str, cell: object, code: str) -> None:
    result = employers(["31000001", "鳥取商事", 3, AS_OF, cell], head=[*EMPLOYER_HEADER, field])
    assert lines(result.errors) == [(code, 2, field, str(cell))]


@pytest.mark.parametrize(("title", "column", "expected"), [
    ("基準日：令和7年3月31日", [None, None], date(2025, 3, 31)),
    (None, ["2025/3/31", "R7.3.31"], date(2025, 3, 31)),
    (None, ["2025/3/31", None], date(2025, 3, 31)),  # one date given, the file shares it
    ("基準日 2025/3/31", ["2025/3/31", None], date(2025, 3, 31)),
])
def test_the_base_date_from_the_column_or_the_title(title: str | None, column: list[str | None],
                                                     expected: date) -> None:
    rows = [["31000001", "a", 1, column[0]], ["31000002", "b", 2, column[1]]]
    result = validate([*([[title]] if title else []), EMPLOYER_HEADER, *rows], "employers")
    assert result.problems == []
    assert result.base_date == expected
    assert len(result.records) == 2


@pytest.mark.parametrize(("title", "column", "code"), [
    (None, [None, None], "cell_base_date_missing"),
    (None, ["2025/3/31", "2024/3/31"], "cell_base_date_mixed"),
    ("基準日：令和6年3月31日", ["2025/3/31", "2025/3/31"], "cell_base_date_conflict"),
])
def test_one_base_date_per_file_is_required(title: str | None, column: list[str | None],
                                            code: str) -> None:
    rows = [["31000001", "a", 1, column[0]], ["31000002", "b", 2, column[1]]]
    result = validate([*([[title]] if title else []), EMPLOYER_HEADER, *rows], "employers")
    [problem] = result.sheet_errors
    assert (problem.code, problem.row) == (code, None)
    assert result.base_date is None


def test_a_register_without_base_date_column_needs_the_title_row() -> None:
    result = employers(["31000001", "a", 1], head=["事業所記号", "事業所名称", "被保険者数"])
    assert [p.code for p in result.sheet_errors] == ["cell_base_date_missing"]
    assert "基準日" in result.sheet_errors[0].reason("ja")


def test_symbols_of_invalid_rows_that_parsed_stay_listed() -> None:
    result = employers(["31000001", "a", 1, AS_OF], ["31000002", None, 2, AS_OF],
                       ["31000003", "c", "多数", AS_OF], ["x", "d", 4, AS_OF],
                       [None, "合計", 7, None])
    assert result.rows == [2]
    assert result.listed_symbols_extra == {"31000002", "31000003"}
    assert result.invalid_rows == 3
    assert result.total_skipped == 1
