"""What every import must tolerate (exchange.md §1), one test per quirk, on built sheets."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from workbooks_columns import AS_OF, EMPLOYER_HEADER, employers, lines, validate

from branchdesk.domain.messages import message

APPLIED = [*EMPLOYER_HEADER, "適用年月日"]
GENERIC = ["診療年月", "集計単位", "レセプト種別", "後発医薬品数量", "先発医薬品数量"]


def _applied(cell: Any, **options: Any) -> Any:
    result = employers(["12345678", "鳥取商事", 5, AS_OF, cell], head=APPLIED, **options)
    return result.records[0]["applied_on"] if result.records else result.problems[0].code


@pytest.mark.parametrize(("cell", "expected"), [
    (date(2024, 4, 1), date(2024, 4, 1)),
    (datetime(2024, 4, 1, 0, 0), date(2024, 4, 1)),
    (45383.0, date(2024, 4, 1)),  # an Excel serial
    (45383, date(2024, 4, 1)),
    ("2024/4/1", date(2024, 4, 1)),
    ("2024-04-01", date(2024, 4, 1)),
    ("20240401", date(2024, 4, 1)),
    (20240401.0, date(2024, 4, 1)),  # a number 19000101–21001231 is YYYYMMDD
    ("R6.4.1", date(2024, 4, 1)),
    ("R06.04.01", date(2024, 4, 1)),
    ("R06/04/01", date(2024, 4, 1)),
    ("令和6年4月1日", date(2024, 4, 1)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("H31.4.30", date(2019, 4, 30)),
    ("平成31年4月30日", date(2019, 4, 30)),
    ("S60.4.1", date(1985, 4, 1)),
    ("昭和60年4月1日", date(1985, 4, 1)),
    ("Ｒ６．４．１", date(2024, 4, 1)),
    ("２０２４／４／１", date(2024, 4, 1)),
    ("H31.5.1", "date_outside_era"),
    ("R1.4.30", "date_outside_era"),
    ("2023/2/29", "date_invalid"),
    ("来月", "date_unreadable"),
    (None, None),
])
def test_dates(cell: Any, expected: Any) -> None:
    assert _applied(cell) == expected


def test_serials_honour_the_1904_flag() -> None:
    assert _applied(43921.0, date1904=True) == date(2024, 4, 1)
    assert _applied(43921.0) == date(2020, 3, 31)


def test_digits_in_a_csv_are_never_serials() -> None:
    assert _applied("45383", csv=True) == "date_unreadable"
    assert _applied("20240401", csv=True) == date(2024, 4, 1)


def _month(cell: Any) -> Any:
    result = validate([GENERIC, [cell, "支部", "計", 10, 5]], "generic")
    return result.records[0]["month"] if result.records else result.problems[0].code


@pytest.mark.parametrize(("cell", "expected"), [
    (202404, 202404),
    (202404.0, 202404),
    ("202404", 202404),
    ("2024/04", 202404),
    ("2024年4月", 202404),
    ("R6.4", 202404),
    ("令和6年4月", 202404),
    ("令和6年4月診療分", 202404),
    (date(2024, 4, 15), 202404),
    ("2024/4/15", 202404),
    ("H31.4", 201904),
    ("R1.5", 201905),
    ("H31.5", "month_outside_era"),
    ("R1.4", "month_outside_era"),
    ("2024/13", "month_invalid"),
])
def test_months(cell: Any, expected: Any) -> None:
    assert _month(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    (1234.0, 1234.0), (1234, 1234.0), ("1,234", 1234.0), ("１２３", 123.0), ("1,234.5", 1234.5),
    (" 12 ", 12.0), ("12人", "number_invalid"), ("-3", "number_below_minimum"),
])
def test_numbers(cell: Any, expected: Any) -> None:
    result = validate([GENERIC, [202404, "支部", "計", cell, 5]], "generic")
    got = result.records[0]["generic_qty"] if result.records else result.problems[0].code
    assert got == expected


@pytest.mark.parametrize(("cell", "expected"), [
    (12.0, 12), ("1,234", 1234), ("１２", 12), ("12.5", "int_not_integer"),
    ("-1", "int_below_minimum"), ("十二", "number_invalid"),
])
def test_counts_are_whole_numbers_at_least_zero(cell: Any, expected: Any) -> None:
    result = employers(["12345678", "鳥取商事", cell, AS_OF])
    got = result.records[0]["insured"] if result.records else result.problems[0].code
    assert got == expected


@pytest.mark.parametrize("mark", [None, "", " ", "-", "－", "−", "‐", "ー", "ｰ", "*", "＊", "秘匿"])
def test_missing_values_in_numeric_fields_are_missing_never_zero(mark: Any) -> None:
    result = validate([GENERIC, [202404, "支部", "計", mark, 5]], "generic")
    assert result.problems == []
    assert result.records[0]["generic_qty"] is None


def test_missing_marks_are_not_missing_in_text_fields() -> None:
    result = employers(["12345678", "－", 3, AS_OF])
    assert result.records[0]["name"] == "－"


def _shares(cells: list[Any], head: str = "使用割合", **options: Any) -> tuple[list[Any], Any]:
    rows = [[202404 + i, "支部", "計", 836, 164, c] for i, c in enumerate(cells)]
    result = validate([[*GENERIC, head], *rows], "generic", **options)
    assert result.errors == []
    return [r["month"] for r in result.records], result.percent_reading


@pytest.mark.parametrize(("cells", "head", "percent", "reading"), [
    ([0.836, 0.9], "使用割合", None, "fractions"),
    ([83.6, 90], "使用割合", None, "points"),
    ([0.836, 90], "使用割合", None, "points"),  # one column, one reading
    ([0.5, 0.9], "使用割合(%)", None, "points"),
    ([0.5, 0.9], "使用割合（％）", None, "points"),
    (["83.6%", 0.9], "使用割合", None, "fractions"),  # a % sign is points and does not vote
    ([83.6, 90], "使用割合", "fractions", "fractions"),  # --percent overrides
])
def test_percentages_are_read_one_way_per_column(cells: list[Any], head: str,
                                                 percent: str | None, reading: str) -> None:
    _, readings = _shares(cells, head, percent=percent)
    assert readings == {head: reading}


def test_text_is_trimmed_and_half_width_kana_kept() -> None:
    head = [*EMPLOYER_HEADER, "事業所名称カナ"]
    result = employers(["12345678", "\u3000鳥取商事 ", 3, AS_OF, " ﾄｯﾄﾘｼｮｳｼﾞ"], head=head)
    assert result.records[0]["name"] == "鳥取商事"
    assert result.records[0]["name_kana"] == "ﾄｯﾄﾘｼｮｳｼﾞ"


# --- leading zeros -----------------------------------------------------------------------------


def _symbols(*cells: Any, **options: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    result = employers(*[[c, "鳥取商事", 1, AS_OF] for c in cells], **options)
    return [r["symbol"] for r in result.records], lines(result.problems)


def test_a_7_digit_symbol_is_padded_when_every_other_value_has_8_digits() -> None:
    symbols, problems = _symbols("12345678", 23456789.0, 1234567.0)
    assert symbols == ["12345678", "23456789", "01234567"]
    assert problems == [("cell_symbol_padded", 4, "事業所記号", "1234567")]


@pytest.mark.parametrize(("cells", "options"), [
    (("12345678", 1234567.0, 2345678.0), {}),  # two 7-digit values: not certain
    (("12345678", "1234567"), {}),  # text keeps its zeros: a real 7-digit symbol
    ((1234567.0,), {}),  # no other value to compare with
    (("1234567", 2345678.0, "12345678"), {}),
])
def test_a_7_digit_symbol_is_kept_otherwise(cells: tuple[Any, ...],
                                            options: dict[str, Any]) -> None:
    symbols, problems = _symbols(*cells, **options)
    assert symbols == [str(int(float(c))) for c in cells]
    assert problems == []


def test_a_7_digit_symbol_in_a_csv_is_padded_when_every_other_value_has_8_digits() -> None:
    symbols, problems = _symbols("12345678", "1234567", csv=True)
    assert symbols == ["12345678", "01234567"]
    assert [p[0] for p in problems] == ["cell_symbol_padded"]


@pytest.mark.parametrize(("head", "cell", "field", "expected", "code"), [
    ("郵便番号", 600001.0, "postal_code", "0600001", "cell_postal_padded"),
    ("郵便番号", "680-0001", "postal_code", "6800001", None),
    ("郵便番号", "〒6800001", "postal_code", "6800001", None),
    ("事業所番号", 123.0, "office_number", "00123", "cell_office_number_padded"),
    ("事業所番号", "12345", "office_number", "12345", None),
    ("市区町村コード", 1100.0, "municipality_code", "01100", "cell_municipality_padded"),
    ("市区町村コード", 13101.0, "municipality_code", "13101", None),  # the legal 5-digit form
    ("市区町村コード", "131016", "municipality_code", "131016", None),
])
def test_leading_zeros_restored_where_certain(head: str, cell: Any, field: str, expected: str,
                                              code: str | None) -> None:
    result = employers(["12345678", "鳥取商事", 1, AS_OF, cell], head=[*EMPLOYER_HEADER, head])
    assert result.records[0][field] == expected
    assert [p.code for p in result.problems] == ([code] if code else [])
    assert all(p.severity == "warning" for p in result.problems)


@pytest.mark.parametrize(("cell", "expected", "codes"), [
    (110113719.0, "0110113719", ["cell_institution_padded"]),
    ("3114012341", "3114012341", []),
    (110113718.0, None, ["institution_code_format"]),  # the padded code fails its check
    ("3114012342", None, ["institution_code_check"]),
])
def test_a_9_digit_institution_code_is_padded_only_when_the_check_digit_passes(
        cell: Any, expected: str | None, codes: list[str]) -> None:
    head = ["診療年月", "成分名", "医療機関コード", "BS数量", "先行品数量"]
    result = validate([head, [202404, "インスリン", cell, 1, 1]], "biosimilar")
    assert [p.code for p in result.problems] == codes
    assert [r["institution_code"] for r in result.records] == ([expected] if expected else [])


# --- rows --------------------------------------------------------------------------------------


def test_blank_rows_anywhere_are_skipped() -> None:
    result = employers([None, "", "  "], ["12345678", "a", 1, AS_OF], [], [None] * 4,
                       ["23456789", "b", 2, AS_OF], ["", "\u3000"])
    assert result.rows == [3, 6]
    assert result.blank_skipped == 4
    assert result.problems == []
    assert result.rows_read == 6


@pytest.mark.parametrize("label", ["合計", "計", "総計", "小計", "合 計", "【合計】", "(小計)"])
def test_total_rows_are_skipped_wherever_they_stand(label: str) -> None:
    result = employers([None, label, 3, None], ["12345678", "a", 1, AS_OF],
                       [label, None, 1, None], ["23456789", "b", 2, AS_OF],
                       ["", label, 3, AS_OF])
    assert result.rows == [3, 5]
    assert result.total_skipped == 3
    assert result.problems == []


def test_a_total_label_in_a_row_with_a_valid_key_is_data() -> None:
    result = employers(["12345678", "合計", 1, AS_OF])
    assert result.records[0]["name"] == "合計"
    assert result.total_skipped == 0


def test_a_row_without_key_and_without_total_label_is_an_error() -> None:
    result = employers([None, "鳥取商事", 1, AS_OF])
    assert lines(result.problems) == [("cell_required", 2, "事業所記号", "")]
    assert result.records == []


def test_kei_as_a_claim_type_is_data_not_a_total() -> None:
    result = validate([GENERIC, [202404, "支部", "計", 10, 5], [None, None, "計", 30, 15]],
                      "generic")
    assert [(r["claim_type"], r["generic_qty"]) for r in result.records] == [("total", 10.0)]
    assert result.total_skipped == 0
    assert [p.code for p in result.problems] == ["cell_required", "cell_required"]


def test_a_formula_without_cached_value_is_an_error() -> None:
    result = employers(["12345678", "a", "", AS_OF], ["23456789", "b", 2, AS_OF],
                       formula_cells={(2, 3), (3, 9)})
    assert lines(result.problems) == [("cell_formula_without_value", 2, "被保険者数", "")]
    assert result.problems[0].reason("ja") == (
        "数式の計算結果がありません。Excelで開いて保存してください")
    assert result.rows == [3]


def test_a_row_of_formulas_without_values_is_not_blank() -> None:
    result = employers(["", "", "", ""], ["23456789", "b", 2, AS_OF],
                       formula_cells={(2, 1), (2, 2), (2, 3), (2, 4)})
    assert [p.code for p in result.problems] == ["cell_formula_without_value"] * 4
    assert result.blank_skipped == 0
    assert result.rows == [3]


def test_exact_duplicate_rows_are_merged_with_a_warning() -> None:
    result = employers(["12345678", "a", 1, AS_OF], ["23456789", "b", 2, AS_OF],
                       [12345678.0, "a ", "1", AS_OF])
    assert result.rows == [2, 3]
    assert result.duplicates_merged == 1
    assert lines(result.problems) == [("row_duplicate_merged", 4, "事業所記号", "12345678")]
    assert result.problems[0].severity == "warning"
    assert "2行目" in result.problems[0].reason("ja")


def test_the_same_key_with_other_values_is_an_error_naming_both_rows() -> None:
    result = employers(["12345678", "a", 1, AS_OF], ["23456789", "b", 2, AS_OF],
                       ["12345678", "a", 5, AS_OF])
    assert result.rows == [3]
    assert lines(result.problems) == [("row_duplicate_key", 4, "事業所記号", "12345678")]
    text = result.problems[0].reason("ja")
    assert "2行目" in text and "12345678" in text
    assert result.listed_symbols_extra == {"12345678"}


def test_each_problem_names_the_header_as_in_the_file_and_renders_the_value() -> None:
    head = ["事業所\n記号", "事業所名称", "被保険者数（人）", "基準日"]
    result = employers(["1234", "a", "多数", AS_OF], head=head)
    assert lines(result.problems) == [
        ("employer_symbol_invalid", 2, "事業所\n記号", "1234"),
        ("number_invalid", 2, "被保険者数（人）", "多数"),
    ]
    for problem in result.problems:
        assert problem.value and problem.value in problem.reason("ja")
        assert problem.reason("ja") == message(problem.code, "ja", **problem.params)
