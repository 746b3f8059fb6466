"""受診勧奨: cases, visits and 二次勧奨 actions (exchange.md §3 referrals, visits, followups)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from workbooks_columns import lines, validate

REFERRALS = ["対象者番号", "事業所記号", "健診受診日", "年齢", "性別", "収縮期血圧", "拡張期血圧",
             "空腹時血糖", "HbA1c", "LDLコレステロール", "eGFR", "尿蛋白", "一次勧奨日"]
VISITS = ["対象者番号", "健診受診日", "初回受診日", "確認方法"]
FOLLOWUPS = ["対象者番号", "健診受診日", "勧奨日", "方法", "結果", "担当者"]


def test_a_full_referral_row() -> None:
    row = ["P0001", "31000001", "2024/5/10", 52, "男", 182, "110", 165.5, "8.4", 190, 55.2,
           "＋＋", "2024/6/1"]
    result = validate([REFERRALS, row], "referrals")
    assert result.problems == []
    assert result.records == [{
        "person_key": "P0001", "symbol": "31000001", "checkup_on": date(2024, 5, 10), "age": 52,
        "sex": "M", "sbp": 182.0, "dbp": 110.0, "fpg": 165.5, "hba1c": 8.4, "ldl": 190.0,
        "egfr": 55.2, "urine_protein": "2+", "first_notice_on": date(2024, 6, 1)}]
    assert result.references == [()]  # an unknown employer is only a warning of the store


@pytest.mark.parametrize(("cell", "sex"), [
    ("男", "M"), ("女", "F"), (1.0, "M"), ("2", "F"), ("男性", "M"), ("F", "F"), (None, None),
])
def test_sex(cell: Any, sex: str | None) -> None:
    result = validate([["対象者番号", "健診受診日", "性別"], ["P1", "2024/5/10", cell]],
                      "referrals")
    assert result.records[0]["sex"] == sex


@pytest.mark.parametrize(("cell", "grade"), [
    ("−", "-"), ("－", "-"), ("-", "-"), ("±", "±"), ("+", "+"), ("＋", "+"), ("2+", "2+"),
    ("++", "2+"), ("＋＋", "2+"), ("3+", "3+"), ("+++", "3+"), (None, None),
])
def test_urine_protein_is_not_numeric(cell: Any, grade: str | None) -> None:
    result = validate([["対象者番号", "健診受診日", "尿蛋白"], ["P1", "2024/5/10", cell]],
                      "referrals")
    assert result.problems == []
    assert result.records[0]["urine_protein"] == grade


@pytest.mark.parametrize(("head", "cell", "code"), [
    ("性別", "不明", "cell_code_unknown"),
    ("尿蛋白", "陽性", "urine_protein_invalid"),
    ("年齢", "52.5", "int_not_integer"),
    ("HbA1c", "高値", "number_invalid"),
    ("事業所記号", "123", "employer_symbol_invalid"),
    ("一次勧奨日", "R1.4.30", "date_outside_era"),
])
def test_referral_values_are_validated(head: str, cell: Any, code: str) -> None:
    result = validate([["対象者番号", "健診受診日", head], ["P1", "2024/5/10", cell]], "referrals")
    assert lines(result.problems) == [(code, 2, head, cell)]


def test_missing_blood_values_are_missing() -> None:
    result = validate([["対象者番号", "健診受診日", "空腹時血糖"], ["P1", "2024/5/10", "－"]],
                      "referrals")
    assert result.records[0]["fpg"] is None


@pytest.mark.parametrize(("cell", "key"), [("P0001", "P0001"), ("Ｐ０００１", "P0001"),
                                          (" P 0001 ", "P0001"), (12345.0, "12345")])
def test_person_keys_are_normalised(cell: Any, key: str) -> None:
    result = validate([["対象者番号", "健診受診日"], [cell, "2024/5/10"]], "referrals")
    assert result.records[0]["person_key"] == key


def test_referrals_are_keyed_by_person_and_checkup() -> None:
    result = validate([["対象者番号", "健診受診日", "年齢"], ["P1", "2024/5/10", 50],
                       ["Ｐ1", "R6.5.10", 50], ["P1", "2023/5/10", 49]], "referrals")
    assert [p.code for p in result.problems] == ["row_duplicate_merged"]
    assert result.rows == [2, 4]


# --- visits ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("visit", "source", "expected"), [
    ("2024/7/1", "レセプト", "claim"),
    ("2024/7/1", "回答書", "reply"),
    ("2024/7/1", "本人申告", "self"),
    ("2024/7/1", None, "claim"),  # blank: レセプト
    (None, None, None),  # no visit: no source
])
def test_visit_sources(visit: Any, source: Any, expected: str | None) -> None:
    result = validate([VISITS, ["P1", "2024/5/10", visit, source]], "visits")
    assert result.problems == []
    assert result.records[0]["visit_source"] == expected


def test_a_visit_record_refers_to_its_case() -> None:
    result = validate([VISITS, ["P1", "2024/5/10", "2024/7/1", None]], "visits")
    assert result.records == [{"person_key": "P1", "checkup_on": date(2024, 5, 10),
                               "visit_on": date(2024, 7, 1), "visit_source": "claim"}]
    assert result.references == [(("referrals", ("P1", date(2024, 5, 10))),)]


def test_a_visit_before_the_checkup_is_kept_with_a_warning() -> None:
    result = validate([VISITS, ["P1", "2024/5/10", "2024/5/1", "本人申告"]], "visits")
    assert lines(result.problems) == [("cell_visit_before_checkup", 2, "初回受診日", "2024/5/1")]
    assert result.problems[0].severity == "warning"
    assert len(result.records) == 1


def test_a_visits_sheet_needs_the_first_visit_column() -> None:
    result = validate([["対象者番号", "健診受診日", "確認方法"], ["P1", "2024/5/10", "回答書"]])
    assert result.kind == "referrals"  # without 初回受診日 it is no visits sheet


# --- followups ---------------------------------------------------------------------------------


def test_a_followup_row() -> None:
    result = validate([FOLLOWUPS, ["P1", "2024/5/10", "2024/8/1", "電話", "受診予定", "保健師A"]],
                      "followups")
    assert result.problems == []
    assert result.records == [{"person_key": "P1", "checkup_on": date(2024, 5, 10),
                               "acted_on": date(2024, 8, 1), "method": "phone",
                               "result": "planned", "staff": "保健師A"}]
    assert result.references == [(("referrals", ("P1", date(2024, 5, 10))),)]


@pytest.mark.parametrize(("method", "code"), [
    ("文書", "letter"), ("郵送", "letter"), ("電話", "phone"), ("訪問", "visit"),
    ("事業所経由", "via_employer")])
def test_followup_methods(method: str, code: str) -> None:
    result = validate([FOLLOWUPS, ["P1", "2024/5/10", "2024/8/1", method, None, None]],
                      "followups")
    assert result.records[0]["method"] == code


@pytest.mark.parametrize(("result_cell", "code"), [
    ("受診済", "visited"), ("受診済み", "visited"), ("受診予定", "planned"), ("不在", "absent"),
    ("拒否", "refused"), ("その他", "other"), (None, None)])
def test_followup_results(result_cell: Any, code: str | None) -> None:
    result = validate([FOLLOWUPS, ["P1", "2024/5/10", "2024/8/1", "文書", result_cell, None]],
                      "followups")
    assert result.records[0]["result"] == code


@pytest.mark.parametrize(("row", "expected"), [
    (["P1", "2024/5/10", None, "文書", None, None], [("cell_required", 2, "勧奨日", "")]),
    (["P1", "2024/5/10", "2024/8/1", None, None, None], [("cell_required", 2, "方法", "")]),
    (["P1", "2024/5/10", "2024/8/1", "FAX", None, None],
     [("cell_code_unknown", 2, "方法", "FAX")]),
    (["P1", "2024/5/10", "2024/8/1", "文書", "受診", None],
     [("cell_code_unknown", 2, "結果", "受診")]),
])
def test_followup_rules(row: list[Any], expected: list[tuple[Any, ...]]) -> None:
    result = validate([FOLLOWUPS, row], "followups")
    assert lines(result.problems) == expected


def test_followups_are_keyed_by_case_date_and_method() -> None:
    result = validate([FOLLOWUPS, ["P1", "2024/5/10", "2024/8/1", "文書", "不在", None],
                       ["P1", "2024/5/10", "2024/8/1", "電話", "不在", None],
                       ["P1", "2024/5/10", "2024/8/1", "郵送", "拒否", None]], "followups")
    assert lines(result.errors) == [
        ("row_duplicate_key", 4, "対象者番号", "P1 / 2024-05-10 / 2024-08-01 / letter")]
