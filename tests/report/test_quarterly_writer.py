"""The quarterly report workbook: sheets, columns, figures, lists and print settings."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from report_builders import MEMBER_NAMES, PERSON_KEYS, Builder, fill_branch

from branchdesk.domain.kpi.status import status_label
from branchdesk.exchange.quarterly import build_report, export_quarterly
from branchdesk.exchange.quarterly import layout as L
from branchdesk.store.kpi_sheet import kpi_sheet

SHEET_ORDER = ["表紙", "KPI", "ジェネリック", "バイオシミラー", "健康宣言", "健康保険委員",
               "受診勧奨"]


@pytest.fixture
def report_file(build: Builder, tmp_path: Path) -> Path:
    fill_branch(build)
    path, _ = export_quarterly(build.store, 2024, 4, tmp_path)
    return path


def _values(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}


def _trim(row: list[object]) -> list[object]:
    while row and row[-1] in ("", None):
        row = row[:-1]
    return row


def test_the_file_gets_the_forms_name_when_written_into_a_folder(report_file):
    assert report_file.name == "四半期報告_31鳥取_2024Q4.xlsx"


def test_every_sheet_is_present_in_the_forms_order(report_file):
    assert CalamineWorkbook.from_path(str(report_file)).sheet_names == SHEET_ORDER


@pytest.mark.parametrize("layout", L.SHEETS, ids=lambda s: s.name)
def test_every_sheet_starts_with_its_header_row_and_a_list_follows_one_empty_row(
        report_file, layout):
    rows = _values(report_file)[layout.name]
    assert _trim(rows[0]) == layout.summary_headers
    if layout.items is not None:
        blank = next(i for i, r in enumerate(rows) if not _trim(r))
        assert _trim(rows[blank + 1]) == layout.item_headers


def test_the_kpi_sheet_columns_are_the_forms(report_file):
    assert _trim(_values(report_file)["KPI"][0]) == [
        "指標ID", "指標", "目標", "実績", "分子", "分母", "前年度実績", "達成状況", "測定時点",
        "備考"]


def _same(got: object, want: object) -> bool:
    if want is None:
        return got in ("", None)
    return got == pytest.approx(want, rel=1e-15)


def test_kpi_figures_equal_the_kpi_sheet_at_the_quarters_last_day(build, tmp_path):
    fill_branch(build)
    build.entered(2024, "reexamination_amount", value=9908.5, previous=8472)
    build.entered(2024, "mail_application_rate", value=0.958, target=0.95)
    build.generic(202503, 1, 2, unit="branch", claim="total", code="31")  # share 82/121
    path, _ = export_quarterly(build.store, 2024, 4, tmp_path)
    expected = kpi_sheet(build.store, 2024, date(2025, 3, 31))
    rows = _values(path)["KPI"][1:]
    assert [r[0] for r in rows] == [e.kpi.id for e in expected]
    for row, want in zip(rows, expected, strict=True):
        plain = want.to_json()
        for col, key in ((2, "target"), (3, "value"), (4, "numerator"), (5, "denominator"),
                         (6, "previous")):
            assert _same(row[col], plain[key]), (want.kpi.id, key, row[col], plain[key])
        assert row[7] == status_label(want.status)


def test_the_cover_names_the_branch_period_and_data_date(report_file):
    cover = {r[0]: r[1] for r in _values(report_file)["表紙"][2:]}
    assert cover["様式"] == "BD-QR v1" and cover["支部コード"] == "31" and cover["支部名"] == "鳥取"
    assert cover["保険者番号"] == "01310010" and cover["年度"] == 2024 and cover["四半期"] == 4
    assert cover["データ基準日"] == date(2025, 3, 31)
    assert cover["対象期間"] == "2025年1月1日～2025年3月31日"
    created = datetime.fromisoformat(cover["作成日時"])
    assert created.utcoffset().total_seconds() == 9 * 3600
    assert len(cover["改変検出"]) == 64


def test_a_quarter_without_data_says_no_data_and_never_zero(build, tmp_path):
    path, _ = export_quarterly(build.store, 2024, 1, tmp_path / "empty.xlsx")
    sheets = _values(path)
    assert {r[7] for r in sheets["KPI"][1:]} == {"データなし"}
    assert all(r[3] == "" for r in sheets["KPI"][1:])  # no value, certainly not 0
    for name in ("ジェネリック", "バイオシミラー", "受診勧奨"):
        assert sheets[name][1][0] == "データなし"
    assert _trim(sheets["健康宣言"][1]) == ["データなし"] * 5


def test_the_declaration_summary_adds_up(build, report_file):
    opening, new, withdrawn, other, closing = _values(report_file)["健康宣言"][1][:5]
    assert (opening, new, withdrawn, other, closing) == (3, 1, 1, 1, 2)
    assert opening + new - withdrawn - other == closing
    assert closing == build.sheet(2024, "2025-03-31")["declarations"].value


def _list(rows: list[list[object]]) -> list[list[object]]:
    blank = next(i for i, r in enumerate(rows) if not _trim(r))
    return [_trim(r) for r in rows[blank + 2:] if _trim(r)]


def test_new_declarations_are_listed_by_date_then_symbol(build, tmp_path):
    late, early_b, early_a = (build.employer(symbol=s) for s in ("1000003", "1000002", "1000001"))
    build.register("2025-03-31", {late: 5, early_b: 5, early_a: 5})
    build.declaration(late, "2025-03-01")
    build.declaration(early_b, "2025-01-10", kind="conventional")
    build.declaration(early_a, "2025-01-10")
    path, _ = export_quarterly(build.store, 2024, 4, tmp_path / "r.xlsx")
    listed = _list(_values(path)["健康宣言"])
    assert [(r[0], r[2], r[3]) for r in listed] == [
        ("1000001", date(2025, 1, 10), "標準"), ("1000002", date(2025, 1, 10), "従来"),
        ("1000003", date(2025, 3, 1), "標準")]


def test_committee_changes_are_employer_rows_by_date_without_member_names(report_file):
    listed = _list(_values(report_file)["健康保険委員"])
    assert listed == [["00000003", "鳥取商事", "委嘱", date(2025, 1, 20)],
                      ["00000004", "有限会社かきく", "解嘱", date(2025, 2, 28)]]


def test_the_committee_summary_shows_the_quarter_and_the_previous_fy_end(report_file):
    summary = _values(report_file)["健康保険委員"][1:3]
    assert _trim(summary[0]) == ["当四半期末", date(2025, 3, 31), 0.3, 30, 100, 2, 0.5]
    assert _trim(summary[1]) == ["前年度末", date(2024, 3, 31), 0.2, 20, 100, 1, 0.5]


def test_municipalities_are_listed_lowest_share_first(report_file):
    listed = _list(_values(report_file)["ジェネリック"])
    assert [r[2] for r in listed] == ["鳥取市", "米子市", "岩美町"]
    assert listed[2][3:6] == [10, 2, pytest.approx(10 / 12)]  # parts summed without a 計 row


def test_biosimilar_lists_the_kpis_month_with_the_80_percent_mark(report_file):
    rows = [_trim(r) for r in _values(report_file)["バイオシミラー"][1:]]
    assert rows == [["インフリキシマブ", 85, 15, 0.85, "○"], ["エタネルセプト", 10, 90, 0.1],
                    ["リツキシマブ", 0, 0]]


def test_referral_months_count_second_referrals_up_to_the_data_date(report_file):
    rows = [_trim(r) for r in _values(report_file)["受診勧奨"][1:]]
    assert [r[:4] for r in rows] == [[date(2023, 4, 1), 1, 1, 1], [date(2023, 5, 1), 1, 1, 0],
                                     [date(2023, 6, 1), 1, 1, 1], [date(2023, 7, 1), 1, 0, 0]]
    assert {r[5] for r in rows} == {"確定"}


def test_no_member_name_or_person_key_appears_anywhere(report_file):
    with zipfile.ZipFile(report_file) as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                       if n.endswith(".xml"))
    for secret in (*MEMBER_NAMES, *(n.replace("　", "") for n in MEMBER_NAMES), *PERSON_KEYS):
        assert secret not in text


@pytest.mark.parametrize("name", SHEET_ORDER)
def test_every_sheet_prints_a4_landscape_one_page_wide(report_file, name):
    sheet = openpyxl.load_workbook(report_file)[name]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0


@pytest.mark.parametrize(("name", "titles"), [("KPI", "$1:$1"), ("ジェネリック", "$1:$1"),
                                              ("健康宣言", "$1:$4"), ("健康保険委員", "$1:$5"),
                                              ("受診勧奨", "$1:$1")])
def test_header_rows_repeat_on_every_printed_page(report_file, name, titles):
    assert openpyxl.load_workbook(report_file)[name].print_title_rows == titles


def test_every_font_is_japanese_and_numbers_and_dates_have_japanese_formats(report_file):
    book = openpyxl.load_workbook(report_file)
    with zipfile.ZipFile(report_file) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert "Calibri" not in styles and styles.count('<name val="游ゴシック"/>') >= 5
    kpi = book["KPI"]
    generic = next(r for r in kpi.iter_rows(min_row=2) if r[0].value == "generic_share")
    assert generic[3].number_format == "0.0%" and generic[3].value == pytest.approx(0.81)
    assert book["健康宣言"]["C5"].number_format == 'yyyy"年"m"月"d"日"'
    assert book["ジェネリック"]["A2"].number_format == 'yyyy"年"m"月"'


@pytest.mark.parametrize(("status", "fill"), [("達成", "FFC6EFCE"), ("概ね達成", "FFFFEB9C"),
                                              ("未達成", "FFFFC7CE")])
def test_statuses_are_told_apart_by_fill(build, tmp_path, status, fill):
    fill_branch(build)
    build.entered(2024, "lifestyle_checkup_rate", target=0.6,
                  value={"達成": 0.61, "概ね達成": 0.58, "未達成": 0.4}[status])
    path, _ = export_quarterly(build.store, 2024, 4, tmp_path / "r.xlsx")
    kpi = openpyxl.load_workbook(path)["KPI"]
    row = next(r for r in kpi.iter_rows(min_row=2) if r[0].value == "lifestyle_checkup_rate")
    assert row[7].value == status and row[7].fill.fgColor.rgb == fill


def test_the_generic_and_committee_sheets_carry_native_charts(report_file):
    book = openpyxl.load_workbook(report_file)
    assert [len(book[n]._charts) for n in SHEET_ORDER] == [0, 0, 1, 0, 0, 1, 0]
    with zipfile.ZipFile(report_file) as archive:
        generic = archive.read("xl/charts/chart1.xml").decode()
    assert generic.count("<c:ser>") == 3 and "ジェネリック!$G$2:$G$5" in generic


def test_build_report_refuses_an_unknown_quarter(build):
    from branchdesk.domain.errors import InputRejected

    with pytest.raises(InputRejected) as refused:
        build_report(build.store, 2024, 5)
    assert refused.value.code == "quarterly_quarter_invalid"


def test_columns_are_wide_enough_for_japanese_text(report_file):
    from branchdesk.domain.textwidth import display_width

    kpi = openpyxl.load_workbook(report_file)["KPI"]
    longest = max(display_width(str(c.value)) for c in kpi["B"])
    assert longest > len(max((str(c.value) for c in kpi["B"]), key=len))  # wide characters
    assert kpi.column_dimensions["B"].width >= longest
