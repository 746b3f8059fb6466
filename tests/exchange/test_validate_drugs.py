"""ジェネリック and バイオシミラー statistics (exchange.md §3 generic, biosimilar)."""

from __future__ import annotations

from typing import Any

import pytest
from workbooks_columns import lines, validate

GENERIC = ["診療年月", "集計単位", "コード", "名称", "レセプト種別", "後発医薬品数量",
           "先発医薬品数量", "後発医薬品金額", "先発医薬品金額", "使用割合"]
SHORT = ["診療年月", "集計単位", "コード", "名称", "レセプト種別", "後発医薬品数量",
         "先発医薬品数量"]
BIOSIMILAR = ["診療年月", "成分名", "医療機関コード", "バイオシミラー数量", "先行バイオ医薬品数量"]
TOTTORI_CITY = "312011"
CHIYODA = "131016"
TOTTORI_CLINIC = "3114012341"  # 鳥取, 医科


def _generic(*rows: list[Any], head: list[str] = SHORT, **options: Any) -> Any:
    return validate([head, *rows], "generic", **options)


def test_a_full_generic_row() -> None:
    row = ["令和6年4月", "支部", "", "鳥取支部", "計", "1,000", 250, 5000.5, "2000", "80%"]
    result = _generic(row, head=GENERIC)
    assert result.problems == []
    assert result.records == [{
        "month": 202404, "unit": "branch", "code": None, "name": "鳥取支部",
        "claim_type": "total", "generic_qty": 1000.0, "brand_qty": 250.0,
        "generic_amount": 5000.5, "brand_amount": 2000.0,
    }]
    assert result.references == [()]


@pytest.mark.parametrize(("cell", "code"), [
    ("支部", "branch"), ("市区町村", "municipality"), ("医療機関", "institution"),
    ("薬局", "pharmacy"), ("保険薬局", "pharmacy"), ("市区町村別", "municipality"),
])
def test_units(cell: str, code: str) -> None:
    codes = {"branch": "", "municipality": TOTTORI_CITY, "institution": TOTTORI_CLINIC,
             "pharmacy": _pharmacy()}
    result = _generic([202404, cell, codes[code], None, "計", 1, 1])
    assert result.problems == []
    assert result.records[0]["unit"] == code


def _pharmacy() -> str:
    from branchdesk.domain.identifiers import luhn_check_digit

    return "314401234" + str(luhn_check_digit("314401234"))


def test_an_unknown_unit_lists_the_valid_ones() -> None:
    result = _generic([202404, "都道府県", "", None, "計", 1, 1])
    [problem] = result.problems
    assert (problem.code, problem.column, problem.value) == ("cell_code_unknown", "集計単位",
                                                            "都道府県")
    assert "支部、市区町村、医療機関、薬局" in problem.reason("ja")


@pytest.mark.parametrize(("cell", "code"), [
    ("医科", "medical"), ("DPC", "dpc"), ("ｄｐｃ", "dpc"), ("歯科", "dental"),
    ("調剤", "dispensing"), ("計", "total"), ("合計", "total"), (None, "total"), ("", "total"),
])
def test_claim_types_with_blank_as_total(cell: Any, code: str) -> None:
    result = _generic([202404, "支部", "", None, cell, 1, 1])
    assert result.records[0]["claim_type"] == code


def test_a_claim_type_column_absent_leaves_the_field_absent() -> None:
    head = ["診療年月", "集計単位", "後発医薬品数量", "先発医薬品数量"]
    result = _generic([202404, "支部", 1, 2], head=head)
    assert result.records == [{"month": 202404, "unit": "branch", "code": None,
                               "generic_qty": 1.0, "brand_qty": 2.0}]


@pytest.mark.parametrize(("unit", "code", "name", "kept"), [
    ("支部", "", "鳥取", True),
    ("支部", "31", None, True),
    ("支部", 31.0, None, True),
    ("支部", "", None, True),
    ("支部", "32", "島根", False),
    ("支部", "00", "全国", False),
    ("支部", "", "全国", False),
    ("支部", "", "東京支部", False),
    ("支部", "全国", None, False),
    ("市区町村", TOTTORI_CITY, "鳥取市", True),
    ("市区町村", CHIYODA, "千代田区", False),
    ("市区町村", 13101.0, "千代田区", False),
    ("医療機関", TOTTORI_CLINIC, None, True),
    ("医療機関", "0110113719", None, False),
    ("医療機関", 110113719.0, None, False),
])
def test_rows_of_other_branches_and_prefectures_are_skipped(unit: str, code: Any,
                                                            name: str | None,
                                                            kept: bool) -> None:
    result = _generic([202404, unit, code, name, "計", 1, 1], [202404, "支部", "", None, "医科",
                                                              2, 2])
    assert result.errors == []
    assert len(result.records) == (2 if kept else 1)
    assert result.other_branch_skipped == (0 if kept else 1)


@pytest.mark.parametrize("row", [
    [202404, "支部", "", "合計", "計", 3, 3],
    [202404, "市区町村", "", "合計", "計", 3, 3],
    ["総計", None, None, None, None, 3, 3],
    [None, None, None, "小計", "医科", 3, 3],
])
def test_generic_total_rows_are_skipped(row: list[Any]) -> None:
    result = _generic([202404, "支部", "", "鳥取", "計", 1, 1], row)
    assert result.problems == []
    assert result.rows == [2]
    assert result.total_skipped == 1


def test_a_skipped_other_branch_row_reports_nothing() -> None:
    result = _generic([202404, "支部", "13", "東京", "計", "多数", -1])
    assert result.problems == [] and result.records == []
    assert result.other_branch_skipped == 1


@pytest.mark.parametrize(("unit", "code", "error"), [
    ("市区町村", "", "cell_generic_code_required"),
    ("医療機関", None, "cell_generic_code_required"),
    ("市区町村", "312012", "municipality_check_digit"),
    ("医療機関", "3114012342", "institution_code_check"),
    ("支部", "99", "branch_code_invalid"),
])
def test_the_code_is_checked_by_unit(unit: str, code: Any, error: str) -> None:
    result = _generic([202404, unit, code, "x", "計", 1, 1])
    assert lines(result.problems) == [(error, 2, "コード", "" if code is None else code)]


def test_the_branch_code_is_a_parameter() -> None:
    result = _generic([202404, "市区町村", CHIYODA, "千代田区", "計", 1, 1], branch="13")
    assert [r["code"] for r in result.records] == [CHIYODA]


@pytest.mark.parametrize(("share", "warned"), [
    ("83.6%", False), (83.6, False), (0.836, False), (83.64, False), (83.7, True), (80, True),
    (None, False), ("秘匿", False),
])
def test_the_share_is_checked_against_the_quantities(share: Any, warned: bool) -> None:
    result = _generic([202404, "支部", "", None, "計", 836, 164, None, None, share], head=GENERIC)
    assert [p.code for p in result.problems] == (["cell_generic_share_mismatch"] if warned
                                                else [])
    assert len(result.records) == 1
    if warned:
        assert result.problems[0].severity == "warning"
        assert "83.60%" in result.problems[0].reason("ja")


def test_quantities_are_required_columns_but_may_be_suppressed() -> None:
    result = _generic([202404, "市区町村", TOTTORI_CITY, "鳥取市", "計", "*", "秘匿"])
    assert result.problems == []
    assert (result.records[0]["generic_qty"], result.records[0]["brand_qty"]) == (None, None)


def test_the_key_treats_a_blank_claim_type_as_total() -> None:
    result = _generic([202404, "支部", "", None, None, 1, 1],
                      [202404, "支部", "31", None, "計", 2, 1])
    assert lines(result.errors) == [("row_duplicate_key", 3, "診療年月",
                                     "202404 / branch /  / total")]


# --- biosimilar --------------------------------------------------------------------------------


def test_a_biosimilar_row() -> None:
    result = validate([BIOSIMILAR, ["R6.4", "インスリン グラルギン", None, "1,200", "＊"]],
                      "biosimilar")
    assert result.problems == []
    assert result.records == [{"month": 202404, "ingredient": "インスリン グラルギン",
                               "institution_code": None, "bs_qty": 1200.0, "ref_qty": None}]


def test_biosimilar_synonyms() -> None:
    head = ["診療年月", "成分", "医療機関コード", "BS数量", "先行品数量"]
    result = validate([head, [202404, "エタネルセプト", TOTTORI_CLINIC, 1, 2]], "biosimilar")
    assert result.records[0]["institution_code"] == TOTTORI_CLINIC
    head = ["診療年月", "成分名", "バイオ後続品数量", "先行品数量"]
    result = validate([head, [202404, "エタネルセプト", 1, 2]], "biosimilar")
    assert result.records == [{"month": 202404, "ingredient": "エタネルセプト", "bs_qty": 1.0,
                               "ref_qty": 2.0}]


@pytest.mark.parametrize(("cells", "codes"), [
    ([None, "a", None, 1, 1], ["cell_required"]),
    ([202404, None, None, 1, 1], ["cell_required"]),
    ([202404, "a", "12345", 1, 1], ["institution_code_format"]),
    ([202404, "a", None, -1, 1], ["number_below_minimum"]),
])
def test_biosimilar_rules(cells: list[Any], codes: list[str]) -> None:
    result = validate([BIOSIMILAR, cells], "biosimilar")
    assert [p.code for p in result.problems] == codes


def test_a_biosimilar_total_row_is_skipped() -> None:
    result = validate([BIOSIMILAR, [202404, "エタネルセプト", None, 1, 1],
                       [202404, "合計", None, 10, 20]], "biosimilar")
    assert result.rows == [2]
    assert result.total_skipped == 1


def test_biosimilar_key_compares_normalised_ingredient_names() -> None:
    result = validate([BIOSIMILAR, [202404, "インスリン　グラルギン", None, 1, 1],
                       [202404, "インスリングラルギン", None, 1, 1],
                       [202404, "インスリングラルギン", TOTTORI_CLINIC, 1, 1]], "biosimilar")
    assert [p.code for p in result.errors] == ["row_duplicate_key"]
    assert result.rows == [4]
