"""Header detection and column mapping (exchange.md §1 header quirks, §2 step 1, §3 headers)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from workbooks_columns import EMPLOYER_HEADER, header, make_sheet

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.columns import (
    HeaderRejected,
    explain_no_header,
    find_header,
    load_mapping_file,
    normalize_header,
)
from branchdesk.exchange.fields import KINDS


@pytest.mark.parametrize(("text", "expected"), [
    ("被保険者数", "被保険者数"),
    ("被保険者数\n(人)", "被保険者数"),
    ("被保険者数（人）", "被保険者数"),
    ("被保険者数 [人]", "被保険者数"),
    ("後発医薬品金額【円】", "後発医薬品金額"),
    ("使用割合(%)", "使用割合"),
    ("事業所\u3000記号", "事業所記号"),
    (" 事業所記号 ", "事業所記号"),
    ("ＨｂＡ１ｃ", "hba1c"),
    ("eGFR", "egfr"),
    ("ﾌﾘｶﾞﾅ", "フリガナ"),
    ("被保険者数(人)(令和7年3月末)", "被保険者数"),
    ("(人)", "(人)"),  # a bracket alone is the header, not a suffix
])
def test_normalize_header(text: str, expected: str) -> None:
    assert normalize_header(text) == expected


def _canonical(kind: str) -> list[str]:
    return [f.header for f in KINDS[kind].fields]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_detected_by_its_canonical_headers(kind: str) -> None:
    match = header([_canonical(kind)])
    assert match is not None
    assert match.kind == kind
    assert match.header_row == 1
    assert set(match.columns) == {f.name for f in KINDS[kind].fields}
    assert match.unmapped == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_detected_by_its_required_headers_only(kind: str) -> None:
    required = [f.header for f in KINDS[kind].fields if f.needs_column]
    match = header([required], kind)
    assert match is not None and match.kind == kind


@pytest.mark.parametrize(("kind", "name", "synonym"), [
    (kind, f.name, synonym) for kind, spec in sorted(KINDS.items()) for f in spec.fields
    for synonym in f.synonyms
])
def test_every_synonym_maps_to_its_field(kind: str, name: str, synonym: str) -> None:
    row = [synonym if f.name == name else f.header for f in KINDS[kind].fields]
    match = header([row], kind)
    assert match is not None
    assert match.columns[name] == row.index(synonym)
    assert match.headers[name] == synonym


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_headers_and_synonyms_are_unique_within_a_kind(kind: str) -> None:
    texts = [normalize_header(t) for f in KINDS[kind].fields for t in (f.header, *f.synonyms)]
    assert len(texts) == len(set(texts))


def test_header_cells_with_line_breaks_units_and_full_width_letters() -> None:
    row = ["事業所\n記号", "事業所名称", "被保険者数\n(人)", "被扶養者数（人）", "ＨＰ"]
    match = header([row])
    assert match is not None and match.kind == "employers"
    assert match.columns == {"symbol": 0, "name": 1, "insured": 2, "dependents": 3}
    assert match.headers["insured"] == "被保険者数\n(人)"
    assert match.unmapped == ["ＨＰ"]


@pytest.mark.parametrize("title_rows", [0, 1, 15])
def test_up_to_15_title_rows_above_the_header(title_rows: int) -> None:
    titles = [["※ 事業所台帳（令和7年3月末）", None, None]] * (title_rows - 1)
    above = [["事業所台帳", None]] if title_rows else []
    match = header([*above, *titles, EMPLOYER_HEADER, ["12345678", "a", 1, None]])
    assert match is not None
    assert match.header_row == title_rows + 1


def test_a_header_below_row_16_is_not_found() -> None:
    rows = [["表題"]] * 16 + [EMPLOYER_HEADER]
    assert header(rows) is None


def test_a_sheet_without_a_header_matches_nothing() -> None:
    assert header([["メモ", "担当"], ["あとで確認", "山田"]]) is None


def test_a_row_missing_a_required_header_does_not_match() -> None:
    assert header([["事業所記号", "事業所名称"]], "employers") is None


@pytest.mark.parametrize(("rows", "expected"), [
    ([["基準日：令和7年3月31日"]], date(2025, 3, 31)),
    ([["基準日 2025/3/31"]], date(2025, 3, 31)),
    ([["基準日:R7.3.31"]], date(2025, 3, 31)),
    ([["事業所台帳（基準日 令和7年3月31日現在）"]], date(2025, 3, 31)),
    ([["基準日", "2025/3/31"]], date(2025, 3, 31)),
    ([["基準日：", None, "令和7年3月31日"]], date(2025, 3, 31)),
    ([["基準日", date(2025, 3, 31)]], date(2025, 3, 31)),
    ([["基準日", 45747.0]], date(2025, 3, 31)),  # an Excel serial
    ([["事業所台帳"], [None, "基準日：２０２５年３月３１日"]], date(2025, 3, 31)),
    ([["※基準日時点の被保険者数です"]], None),  # a note, not a date
    ([], None),
])
def test_the_base_date_title_row(rows: list[list[object]], expected: date | None) -> None:
    match = header([*rows, EMPLOYER_HEADER])
    assert match is not None
    assert match.base_date == expected
    assert match.problems == []


def test_a_base_date_title_row_that_is_no_date_is_reported() -> None:
    match = header([["基準日：令和7年2月30日"], EMPLOYER_HEADER])
    assert match is not None and match.base_date is None
    [problem] = match.problems
    assert (problem.code, problem.row, problem.column) == ("date_invalid", 1, "基準日")


AMBIGUOUS = [
    (["事業所記号", "宣言日", "宣言区分", "委員氏名", "委嘱日"], ("declarations", "committee")),
    (["対象者番号", "健診受診日", "初回受診日", "確認方法", "勧奨日", "方法"],
     ("visits", "followups")),
]


@pytest.mark.parametrize(("row", "kinds"), AMBIGUOUS)
def test_two_kinds_matching_equally_well_ask_for_kind(row: list[str],
                                                      kinds: tuple[str, str]) -> None:
    sheet = make_sheet([["一覧"], row, ["1"] * len(row)], file="mixed.csv")
    with pytest.raises(HeaderRejected) as info:
        find_header(sheet)
    problem = info.value.problem
    assert (problem.code, problem.file, problem.row) == ("kind_ambiguous", "mixed.csv", 2)
    assert "--kind" in problem.reason("ja")
    assert all(kind in problem.reason("ja") for kind in kinds)


@pytest.mark.parametrize(("row", "kinds"), AMBIGUOUS)
def test_the_kind_option_settles_an_ambiguous_sheet(row: list[str],
                                                    kinds: tuple[str, str]) -> None:
    for kind in kinds:
        match = header([row], kind)
        assert match is not None and match.kind == kind


def test_referrals_need_only_their_own_headers() -> None:
    match = header([["対象者番号", "健診受診日"]])
    assert match is not None and match.kind == "referrals"


def test_the_more_specific_kind_wins() -> None:
    match = header([["対象者番号", "健診受診日", "初回受診日", "確認方法"]])
    assert match is not None and match.kind == "visits"


def test_the_kind_option_restricts_detection() -> None:
    assert header([EMPLOYER_HEADER], "declarations") is None


def test_an_unknown_kind_is_rejected() -> None:
    with pytest.raises(InputRejected) as info:
        header([EMPLOYER_HEADER], "quarterly")
    assert info.value.code == "header_kind_unknown"
    assert "employers" in info.value.render("ja")


def test_a_workbook_of_generic_sheets_each_detected() -> None:
    branch = ["診療年月", "集計単位", "レセプト種別", "後発医薬品数量", "先発医薬品数量"]
    city = ["診療年月", "区分", "市区町村コード", "市区町村名", "後発品数量", "先発品数量"]
    for row in (branch, city):
        match = header([["ジェネリック医薬品使用状況"], row])
        assert match is not None and match.kind == "generic" and match.header_row == 2


def test_a_canonical_header_beats_a_synonym_for_the_same_field() -> None:
    match = header([["名称", "事業所記号", "事業所名称", "被保険者数"]])
    assert match is not None
    assert match.columns["name"] == 2
    assert match.unmapped == ["名称"]


def test_a_mapping_maps_an_unknown_header() -> None:
    rows = [["記号番号", "会社名", "加入者数"]]
    assert header(rows) is None
    mapping = {"記号番号": "symbol", "会社名": "事業所名称", "加入者数（人）": "insured"}
    match = header(rows, mapping=mapping)
    assert match is not None and match.kind == "employers"
    assert match.columns == {"symbol": 0, "name": 1, "insured": 2}


def test_a_mapping_overrides_detection() -> None:
    rows = [["事業所記号", "事業所名称", "被保険者数", "名称"]]
    match = header(rows, mapping={"名称": "name", "事業所名称": "無視"})
    assert match is not None
    assert match.columns["name"] == 3
    assert "事業所名称" in match.unmapped


def test_a_mapping_naming_no_field_of_the_kind_is_a_warning() -> None:
    match = header([[*EMPLOYER_HEADER, "FAX"]], "employers", mapping={"FAX": "fax_number"})
    assert match is not None
    [problem] = match.problems
    assert (problem.code, problem.column, problem.severity) == (
        "mapping_field_unknown", "FAX", "warning")


def test_explain_no_header_names_the_missing_required_headers() -> None:
    sheet = make_sheet([["表題"], ["事業所記号", "事業所名称", "備考"]])
    problem = explain_no_header(sheet, "employers")
    assert (problem.code, problem.row) == ("header_not_found", 2)
    assert problem.params["missing"] == "被保険者数"
    assert "被保険者数" in problem.reason("ja")


# --- mapping files -----------------------------------------------------------------------------


def test_load_mapping_from_json(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"記号番号": "symbol", "会社名": "事業所名称"}, ensure_ascii=False),
                    encoding="utf-8")
    assert load_mapping_file(path) == {"記号番号": "symbol", "会社名": "事業所名称"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_load_mapping_from_csv(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "map.csv"
    path.write_text("見出し,項目\n記号番号,symbol\n\n加入者数,被保険者数\n", encoding=encoding)
    assert load_mapping_file(path) == {"記号番号": "symbol", "加入者数": "被保険者数"}


def test_load_mapping_from_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["記号番号", "symbol"], ["会社名", "name"]):
        sheet.append(row)
    book.save(path)
    assert load_mapping_file(path) == {"記号番号": "symbol", "会社名": "name"}


@pytest.mark.parametrize(("name", "content", "code"), [
    ("map.txt", "a,b", "mapping_file_suffix"),
    ("map.json", "[1, 2]", "mapping_file_invalid"),
    ("map.json", "{not json", "mapping_file_unreadable"),
    ("map.csv", ",symbol\n", "mapping_file_invalid"),
])
def test_a_bad_mapping_file_is_rejected(tmp_path: Path, name: str, content: str,
                                        code: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputRejected) as info:
        load_mapping_file(path)
    assert info.value.code == code
    assert str(path) in info.value.render("ja")
