"""Blank import templates (cli.md ``export template``): a filled template imports as it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.messages import CATALOGUE
from branchdesk.domain.messages import templates as template_messages
from branchdesk.exchange.columns import find_header
from branchdesk.exchange.fields import KINDS
from branchdesk.exchange.importer import ImportOptions, run_import
from branchdesk.exchange.readers import open_sheets
from branchdesk.exchange.templates import TEXT_TYPES, template_columns, write_template
from branchdesk.store.connection import create_store, open_store

#: One valid row per kind, as a user types it (header → cell), all synthetic.
ROWS: dict[str, dict[str, Any]] = {
    "employers": {
        "事業所記号": "31000001", "事業所名称": "鳥取商事株式会社",
        "事業所名称カナ": "トットリショウジ",
        "事業所整理記号": "とりあ", "事業所番号": "00012", "郵便番号": "680-0001",
        "所在地": "鳥取市東町1-1", "市区町村コード": "312011", "業態区分": "製造業",
        "被保険者数": 12, "被扶養者数": 5, "適用年月日": date(1998, 4, 1),
        "基準日": date(2025, 3, 31)},
    "declarations": {
        "事業所記号": "31000001", "宣言日": date(2024, 6, 1), "宣言区分": "標準", "状態": "宣言中",
        "宣言項目": "特定健診、特定保健指導", "カルテ提供日": date(2024, 7, 1),
        "健康経営優良法人": "なし", "担当者": "山田", "備考": "架空データ"},
    "committee": {
        "事業所記号": "31000001", "委員氏名": "佐藤花子", "委員氏名カナ": "サトウハナコ",
        "部署・役職": "総務課長", "委嘱日": date(2023, 4, 1), "電話番号": "0857-00-0000",
        "メールアドレス": "member@example.jp"},
    "referrals": {
        "対象者番号": "P0000001", "事業所記号": "31000001", "健診受診日": date(2024, 5, 10),
        "年齢": 45, "性別": "男", "収縮期血圧": 165, "拡張期血圧": 100, "空腹時血糖": 130,
        "HbA1c": 6.8, "LDLコレステロール": 180, "eGFR": 55.5, "尿蛋白": "2+",
        "一次勧奨日": date(2024, 7, 1)},
    "visits": {
        "対象者番号": "P0000001", "健診受診日": date(2024, 5, 10),
        "初回受診日": date(2024, 8, 1), "確認方法": "回答書"},
    "followups": {
        "対象者番号": "P0000001", "健診受診日": date(2024, 5, 10), "勧奨日": date(2024, 9, 1),
        "方法": "電話", "結果": "受診予定", "担当者": "鈴木"},
    "generic": {
        "診療年月": "2025/3", "集計単位": "市区町村", "コード": "312011", "名称": "鳥取市",
        "レセプト種別": "調剤", "後発医薬品数量": 1000, "先発医薬品数量": 250.5,
        "後発医薬品金額": 30000, "先発医薬品金額": 12000, "使用割合": 0.7997},
    "biosimilar": {
        "診療年月": "202503", "成分名": "インフリキシマブ", "医療機関コード": "3112345677",
        "バイオシミラー数量": 40, "先行バイオ医薬品数量": 60},
    "kpi_sheet": {
        "年度": 2024, "指標": "サービススタンダード達成率", "目標": 0.95, "実績": 0.97,
        "前年度実績": 0.96, "方向": "高いほど良い", "目標種別": "固定"},
}
#: What each kind needs in the store first (exchange.md §2: employers, then cases).
NEEDS = {"declarations": ("employers",), "committee": ("employers",),
         "referrals": ("employers",), "visits": ("employers", "referrals"),
         "followups": ("employers", "referrals")}
#: The table and one stored column that must hold the row's value after the import.
STORED = {"employers": ("employers", "symbol", "31000001"),
          "declarations": ("declarations", "kind", "standard"),
          "committee": ("committee_members", "name", "佐藤花子"),
          "referrals": ("referral_cases", "urine_protein", "2+"),
          "visits": ("referral_cases", "visit_source", "reply"),
          "followups": ("referral_actions", "method", "phone"),
          "generic": ("generic_stats", "claim_type", "dispensing"),
          "biosimilar": ("biosimilar_stats", "institution_code", "3112345677"),
          "kpi_sheet": ("kpi_sheet_rows", "kpi_id", "service_standard")}


def test_every_kind_has_a_valid_row_here() -> None:
    assert set(ROWS) == set(KINDS) == set(STORED)


def filled_template(kind: str, folder: Path) -> Path:
    """The kind's template with one row typed into row 3 by openpyxl, as a user would."""
    path = write_template(kind, folder / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[2]]
    for header, value in ROWS[kind].items():
        sheet.cell(row=3, column=headers.index(header) + 1, value=value)
    book.save(path)
    return path


def _import(store: Path, files: list[Path]) -> None:
    result = run_import(store, files, ImportOptions())
    assert [(p.row, p.column, p.value, p.code) for p in result.problems] == []
    assert result.outcome == "imported"
    # a visit updates its case; every other kind adds its row
    assert [s.counts["added"] + s.counts["changed"] for s in result.sheets] == [1] * len(files)
    assert [s.counts["warnings"] for s in result.sheets] == [0] * len(files)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_filled_template_imports_without_a_single_problem(kind: str, tmp_path: Path) -> None:
    store = tmp_path / "branch.db"
    create_store(store, "31").close()
    needed = NEEDS.get(kind, ())
    if needed:
        _import(store, [filled_template(k, tmp_path) for k in needed])
    _import(store, [filled_template(kind, tmp_path)])
    table, column, expected = STORED[kind]
    with open_store(store) as opened:
        assert [r[0] for r in opened.query(f"SELECT {column} FROM {table}")] == [expected]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_template_header_is_detected_as_its_kind(kind: str, tmp_path: Path) -> None:
    sheet = open_sheets(write_template(kind, tmp_path / "t.xlsx"))[0]
    match = find_header(sheet)
    assert match is not None
    assert (match.kind, match.header_row, match.unmapped) == (kind, 2, [])
    assert set(match.columns) == set(KINDS[kind].names)
    assert match.base_date is None  # no 「基準日：」 title: the notes must not read as one
    assert sheet.name == KINDS[kind].title


def _sheet(kind: str, folder: Path, lang: str = "ja") -> Worksheet:
    book = openpyxl.load_workbook(write_template(kind, folder / "t.xlsx", lang))
    return book.worksheets[0]


def _column_of(sheet: Worksheet, header: str) -> str:
    return next(c.column_letter for c in sheet[2] if c.value == header)


def _validation(sheet: Worksheet, header: str) -> Any:
    letter = _column_of(sheet, header)
    found = [v for v in sheet.data_validations.dataValidation
             if str(v.sqref) == f"{letter}3:{letter}1048576"]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(("kind", "header", "values"), [
    ("declarations", "宣言区分", "標準,従来"),
    ("declarations", "状態", "宣言中,取下げ"),
    ("generic", "集計単位", "支部,市区町村,医療機関,薬局"),
    ("generic", "レセプト種別", "医科,DPC,歯科,調剤,計"),
    ("followups", "方法", "文書,電話,訪問,事業所経由"),
    ("followups", "結果", "受診済,受診予定,不在,拒否,その他"),
    ("referrals", "性別", "男,女"),
    ("referrals", "尿蛋白", "−,±,+,2+,3+"),
    ("visits", "確認方法", "レセプト,回答書,本人申告"),
    ("committee", "解嘱理由", "退職,異動,事業所喪失,本人申出"),
    ("kpi_sheet", "方向", "高いほど良い,低いほど良い"),
])
def test_coded_columns_offer_their_values_as_a_drop_down_list(
        kind: str, header: str, values: str, tmp_path: Path) -> None:
    rule = _validation(_sheet(kind, tmp_path), header)
    assert (rule.type, rule.formula1) == ("list", f'"{values}"')
    assert rule.allow_blank


def test_the_kpi_list_names_only_the_entered_kpis(tmp_path: Path) -> None:
    rule = _validation(_sheet("kpi_sheet", tmp_path), "指標")
    names = rule.formula1.strip('"').split(",")
    assert "サービススタンダード達成率" in names and len(names) == 14


@pytest.mark.parametrize(("kind", "header", "rule_type", "operator", "low"), [
    ("employers", "被保険者数", "whole", "greaterThanOrEqual", "0"),
    ("referrals", "年齢", "whole", "greaterThanOrEqual", "0"),
    ("generic", "後発医薬品数量", "decimal", "greaterThanOrEqual", "0"),
    ("biosimilar", "先行バイオ医薬品数量", "decimal", "greaterThanOrEqual", "0"),
    ("employers", "基準日", "date", None, "1"),  # between 1900/1/1 (serial 1) and 2100/12/31
    ("declarations", "宣言日", "date", None, "1"),
    ("kpi_sheet", "年度", "whole", None, "1990"),
])
def test_counts_quantities_dates_and_years_are_checked_as_they_are_typed(
        kind: str, header: str, rule_type: str, operator: str | None, low: str,
        tmp_path: Path) -> None:
    rule = _validation(_sheet(kind, tmp_path), header)
    assert (rule.type, rule.operator, rule.formula1) == (rule_type, operator, low)
    assert rule.showErrorMessage and rule.error  # the user is told why a value is refused


def _column_format(sheet: Worksheet, header: str) -> str:
    index = openpyxl.utils.column_index_from_string(_column_of(sheet, header))
    dims = [d for d in sheet.column_dimensions.values() if d.min <= index <= d.max]
    return str(dims[0].number_format)


@pytest.mark.parametrize(("kind", "header", "number_format"), [
    ("employers", "事業所記号", "@"), ("employers", "市区町村コード", "@"),
    ("employers", "郵便番号", "@"), ("employers", "事業所番号", "@"),
    ("biosimilar", "医療機関コード", "@"), ("committee", "電話番号", "@"),
    ("referrals", "尿蛋白", "@"), ("generic", "診療年月", "@"),
    ("employers", "適用年月日", "yyyy/m/d"), ("followups", "勧奨日", "yyyy/m/d"),
])
def test_codes_are_text_so_leading_zeros_survive_and_dates_show_japanese_style(
        kind: str, header: str, number_format: str, tmp_path: Path) -> None:
    assert _column_format(_sheet(kind, tmp_path), header) == number_format


def test_required_headers_stand_out_and_a_legend_says_so(tmp_path: Path) -> None:
    sheet = _sheet("employers", tmp_path)
    styles = {c.value: (c.font.b, c.fill.fgColor.rgb) for c in sheet[2] if c.value}
    required = {h for h, (bold, _) in styles.items() if bold}
    assert required == {"事業所記号", "事業所名称", "被保険者数", "基準日"}
    assert {fill for _, fill in styles.values()} == {"FFFCE4D6", "FFEDEDED"}
    assert any("必須" in str(c.value) and "3行目" in str(c.value) for c in sheet[1])
    assert sheet.freeze_panes == "A3"


@pytest.mark.parametrize(("kind", "header", "words"), [
    ("employers", "事業所記号", ("【必須】", "キー", "8桁")),
    ("employers", "適用年月日", ("任意", "2025/3/31", "令和7年3月31日")),
    ("declarations", "宣言区分", ("【必須】", "標準、従来")),
    ("declarations", "状態", ("宣言中、取下げ", "空欄は「宣言中」")),
    ("generic", "レセプト種別", ("キー", "空欄は「計」")),
    ("visits", "確認方法", ("空欄は「レセプト」",)),
])
def test_the_note_row_explains_each_column(kind: str, header: str, words: tuple[str, ...],
                                           tmp_path: Path) -> None:
    sheet = _sheet(kind, tmp_path)
    note = str(sheet[f"{_column_of(sheet, header)}1"].value)
    assert all(word in note for word in words), note


def test_every_cell_of_the_template_is_in_the_japanese_font(tmp_path: Path) -> None:
    sheet = _sheet("referrals", tmp_path)
    assert {c.font.name for row in sheet.iter_rows(max_row=2) for c in row if c.value} == {
        "游ゴシック"}


def test_english_notes_keep_the_japanese_headers(tmp_path: Path) -> None:
    sheet = _sheet("employers", tmp_path, lang="en")
    assert sheet["A2"].value == "事業所記号"
    assert "[required]" in str(sheet["A1"].value)


def test_template_columns_follow_the_kind_in_order() -> None:
    columns = template_columns("followups")
    assert [c.spec.header for c in columns] == [f.header for f in KINDS["followups"].fields]
    assert [c.key for c in columns] == [True, True, True, True, False, False]
    assert all(c.spec.type in TEXT_TYPES or c.spec.type in ("date", "code") for c in columns)


@pytest.mark.parametrize(("kind", "name", "code"), [
    ("quarterly", "t.xlsx", "template_kind_unknown"),
    ("employer", "t.xlsx", "template_kind_unknown"),
    ("employers", "t.csv", "template_suffix"),
    ("employers", "missing/t.xlsx", "output_folder_missing"),
])
def test_a_bad_kind_or_path_is_refused_and_writes_nothing(
        kind: str, name: str, code: str, tmp_path: Path) -> None:
    with pytest.raises(InputRejected) as caught:
        write_template(kind, tmp_path / name)
    assert caught.value.code == code
    assert list(tmp_path.rglob("*")) == []


def test_the_template_messages_are_in_the_catalogue() -> None:
    """Fails until ``messages/__init__.py`` imports ``templates`` into the catalogue."""
    assert set(template_messages.MESSAGES) <= set(CATALOGUE)


@pytest.mark.parametrize(("kind", "name", "exit_code"), [
    ("committee", "委員.xlsx", 0),
    ("quarterly", "q.xlsx", 2),
    ("committee", "委員.csv", 2),
])
def test_export_template_on_the_command_line(kind: str, name: str, exit_code: int,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import branchdesk.cli.template_command  # noqa: F401  (registers ``export template``)
    from branchdesk.cli.main import main

    monkeypatch.setenv("BRANCHDESK_HOME", str(tmp_path / "home"))
    output = tmp_path / "out" / name
    output.parent.mkdir()
    code = main(["export", "template", "--kind", kind, "-o", str(output)])
    out, err = capsys.readouterr()
    assert code == exit_code
    assert output.exists() == (exit_code == 0)
    if exit_code == 0:
        assert out.strip() == str(output)
        assert openpyxl.load_workbook(output).sheetnames == ["健康保険委員"]
    else:
        assert kind in err or name in err
