"""健康宣言 and 健康保険委員 rows (exchange.md §3 declarations, committee)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from workbooks_columns import lines, validate

DECLARATIONS = ["事業所記号", "宣言日", "宣言区分", "状態", "取下げ日", "取下げ理由", "宣言項目",
                "カルテ提供日", "カルテ再提供日", "健康経営優良法人", "担当者", "備考"]
SHORT = ["事業所記号", "宣言日", "宣言区分", "状態", "取下げ日"]
COMMITTEE = ["事業所記号", "委員氏名", "委員氏名カナ", "部署・役職", "委嘱日", "解嘱日", "解嘱理由",
             "電話番号", "メールアドレス"]


def _declarations(*rows: list[Any], head: list[str] = SHORT) -> Any:
    return validate([head, *rows], "declarations")


def test_a_full_declaration_row() -> None:
    row = ["31000001", "R6.4.1", "標準", "取下げ", "2025/3/1", "廃業", "健診受診率、保健指導実施率",
           "2024/3/1", None, "2025 中小規模", "総務課 山田", "電話で確認"]
    result = _declarations(row, head=DECLARATIONS)
    assert result.problems == []
    assert result.records == [{
        "symbol": "31000001", "declared_on": date(2024, 4, 1), "kind": "standard",
        "status": "withdrawn", "withdrawn_on": date(2025, 3, 1), "withdrawal_reason": "廃業",
        "items": ["健診受診率", "保健指導実施率"], "karte_on": date(2024, 3, 1),
        "karte_again_on": None, "certification": "2025 中小規模", "contact_person": "総務課 山田",
        "note": "電話で確認"}]
    assert result.references == [(("employers", "31000001"),)]


@pytest.mark.parametrize(("cell", "kind"), [
    ("標準", "standard"), ("従来", "conventional"), ("標準化", "standard"),
    ("従来型", "conventional"),
])
def test_declaration_kinds(cell: str, kind: str) -> None:
    result = _declarations(["31000001", "2024/4/1", cell, None, None])
    assert result.records[0]["kind"] == kind


@pytest.mark.parametrize(("cell", "status"), [
    ("宣言中", "active"), (None, "active"), ("", "active"), ("取下げ", "withdrawn"),
    ("取下", "withdrawn"), ("取り下げ", "withdrawn"),
])
def test_declaration_status_blank_is_in_force(cell: Any, status: str) -> None:
    withdrawn = "2025/1/1" if status == "withdrawn" else None
    result = _declarations(["31000001", "2024/4/1", "標準", cell, withdrawn])
    assert result.problems == []
    assert result.records[0]["status"] == status


@pytest.mark.parametrize(("row", "expected"), [
    (["31000001", "2024/4/1", "標準", "取下げ", None],
     [("cell_withdrawal_date_required", 2, "取下げ日", "")]),
    (["31000001", "2024/4/1", "標準", "宣言中", "2025/1/1"],
     [("cell_withdrawn_while_active", 2, "取下げ日", "2025/1/1")]),
    (["31000001", "2024/4/1", "標準", "取下げ", "2024/3/1"],
     [("cell_withdrawn_before_declared", 2, "取下げ日", "2024/3/1")]),
    (["31000001", "2024/4/1", "独自", None, None],
     [("cell_code_unknown", 2, "宣言区分", "独自")]),
    (["31000001", "2024/4/1", None, None, None], [("cell_required", 2, "宣言区分", "")]),
    (["31000001", None, "標準", None, None], [("cell_required", 2, "宣言日", "")]),
    (["3100001x", "2024/4/1", "標準", None, None],
     [("employer_symbol_invalid", 2, "事業所記号", "3100001x")]),
])
def test_declaration_rules(row: list[Any], expected: list[tuple[Any, ...]]) -> None:
    result = _declarations(row)
    assert lines(result.problems) == expected
    assert result.records == []


def test_a_withdrawal_without_status_column_needs_the_date_column() -> None:
    result = _declarations(["31000001", "2024/4/1", "標準", "取下げ"],
                           head=["事業所記号", "宣言日", "宣言区分", "状態"])
    assert lines(result.problems) == [("cell_withdrawal_date_required", 2, "状態", "取下げ")]


@pytest.mark.parametrize(("cell", "items"), [
    ("健診受診率、保健指導実施率、運動", ["健診受診率", "保健指導実施率", "運動"]),
    ("健診受診率,食生活/こころ・休養", ["健診受診率", "食生活", "こころ・休養"]),
    ("健診受診率\n保健指導実施率\r\nたばこ", ["健診受診率", "保健指導実施率", "たばこ"]),
    ("健診受診率，アルコール／運動", ["健診受診率", "アルコール", "運動"]),
    ("、運動、、", ["運動"]),
    (None, None),
])
def test_declaration_items_are_split(cell: Any, items: list[str] | None) -> None:
    result = _declarations(["31000001", "2024/4/1", "標準", cell],
                           head=["事業所記号", "宣言日", "宣言区分", "宣言項目"])
    assert result.records[0]["items"] == items


def test_declarations_are_keyed_by_symbol_and_date() -> None:
    result = _declarations(["31000001", "2024/4/1", "標準", None, None],
                           ["31000001", "2025/4/1", "標準", None, None],
                           ["31000001", "R6.4.1", "従来", None, None])
    assert lines(result.errors) == [
        ("row_duplicate_key", 4, "事業所記号", "31000001 / 2024-04-01")]
    assert result.rows == [3]


# --- committee ---------------------------------------------------------------------------------


def test_a_full_committee_row() -> None:
    row = ["31000001", "山田\u3000太郎", "ヤマダ タロウ", "総務課長", "2023/4/1", "2025/3/31",
           "退職", "0857-00-0000", "yamada@example.jp"]
    result = validate([COMMITTEE, row], "committee")
    assert result.problems == []
    assert result.records == [{
        "symbol": "31000001", "name": "山田\u3000太郎", "name_kana": "ヤマダ タロウ",
        "title": "総務課長", "appointed_on": date(2023, 4, 1), "terminated_on": date(2025, 3, 31),
        "termination_reason": "retired", "phone": "0857-00-0000", "email": "yamada@example.jp"}]
    assert result.references == [(("employers", "31000001"),)]


def test_committee_synonyms() -> None:
    head = ["事業所記号", "氏名", "フリガナ", "役職", "委嘱日"]
    result = validate([head, ["31000001", "山田", "ヤマダ", "部長", "2023/4/1"]], "committee")
    assert set(result.records[0]) == {"symbol", "name", "name_kana", "title", "appointed_on"}


@pytest.mark.parametrize(("cell", "reason"), [
    ("退職", "retired"), ("異動", "transferred"), ("事業所喪失", "employer_lost"),
    ("本人申出", "own_request"), ("本人申し出", "own_request"), (None, None),
])
def test_termination_reasons(cell: Any, reason: str | None) -> None:
    head = ["事業所記号", "委員氏名", "委嘱日", "解嘱理由"]
    result = validate([head, ["31000001", "山田", "2023/4/1", cell]], "committee")
    assert result.records[0]["termination_reason"] == reason


@pytest.mark.parametrize(("row", "expected"), [
    (["31000001", "山田", "2023/4/1", "2023/3/31"],
     [("cell_terminated_before_appointed", 2, "解嘱日", "2023/3/31")]),
    (["31000001", None, "2023/4/1", None], [("cell_required", 2, "委員氏名", "")]),
    (["31000001", "山田", None, None], [("cell_required", 2, "委嘱日", "")]),
])
def test_committee_rules(row: list[Any], expected: list[tuple[Any, ...]]) -> None:
    result = validate([["事業所記号", "委員氏名", "委嘱日", "解嘱日"], row], "committee")
    assert lines(result.problems) == expected


def test_committee_members_are_keyed_by_normalised_name() -> None:
    head = ["事業所記号", "委員氏名", "委嘱日", "部署・役職"]
    result = validate([head, ["31000001", "山田　太郎", "2023/4/1", "課長"],
                       ["31000001", "山田 太郎", "2023/4/1", "部長"],
                       ["31000001", "山田 花子", "2023/4/1", "部長"]], "committee")
    assert [p.code for p in result.errors] == ["row_duplicate_key"]
    assert result.rows == [4]
