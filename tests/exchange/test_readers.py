"""Readers: every sheet with Excel's row numbers, visibility, dates, formulas, and CSV encodings."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from workbooks_readers import (
    WRITERS,
    ole_file,
    rewrite_zip,
    small_workbook,
    write_bytes,
    write_openpyxl,
    write_xlsxwriter,
)

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import xlsx_formulas
from branchdesk.exchange.readers import formulas_without_value, open_sheets

HEADER = ["事業所記号", "事業所名称", "被保険者数"]


def _rows(sheet) -> dict[int, list]:
    return dict(sheet.rows())


def _register_cells(first_column: int = 1) -> dict[tuple[int, int], object]:
    """Header in row 5 after 4 empty rows; data in rows 6, 8 and 11 with blank rows between."""
    cells: dict[tuple[int, int], object] = {}
    lines = {5: HEADER, 6: ["10000001", "株式会社あおば", 12], 8: ["10000002", "有限会社ひかり", 3],
             11: ["10000003", "合同会社みなと", 7]}
    for row, values in lines.items():
        for offset, value in enumerate(values):
            cells[(row, first_column + offset)] = value
    return cells


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("first_column", [1, 3])
def test_rows_keep_excel_row_numbers_and_columns_despite_leading_and_inner_blank_rows(
        tmp_path, writer, first_column):
    path = WRITERS[writer](tmp_path / "台帳.xlsx", {"台帳": _register_cells(first_column)})
    rows = _rows(open_sheets(path)[0])
    pad = [""] * (first_column - 1)
    assert [n for n, cells in rows.items() if any(c != "" for c in cells)] == [5, 6, 8, 11]
    assert rows[5][: first_column + 2] == pad + HEADER
    assert rows[8][: first_column + 2] == [*pad, "10000002", "有限会社ひかり", 3]
    assert rows[11][first_column + 1] == 7
    assert all(cell == "" for n in (1, 2, 3, 4, 7, 9, 10) for cell in rows[n])


def test_rows_can_be_read_again_and_the_row_count_is_known_after_the_first_read(tmp_path):
    path = write_xlsxwriter(tmp_path / "台帳.xlsx", {"台帳": _register_cells()})
    sheet = open_sheets(path)[0]
    first = list(sheet.rows())
    assert sheet.row_count == 11
    assert list(sheet.rows()) == first


def test_merged_title_cells_above_the_header_keep_their_rows(tmp_path):
    workbook = xlsxwriter.Workbook(str(tmp_path / "題名付き.xlsx"))
    sheet = workbook.add_worksheet("一覧")
    bold = workbook.add_format({"bold": True})
    sheet.merge_range("A1:C1", "事業所台帳（令和7年3月31日現在）", bold)
    sheet.merge_range("A2:C2", "※ 架空のデータです")
    sheet.write_row(3, 0, HEADER)
    sheet.write_row(4, 0, ["10000001", "株式会社あおば", 12])
    workbook.close()
    rows = _rows(open_sheets(tmp_path / "題名付き.xlsx")[0])
    assert rows[1] == ["事業所台帳（令和7年3月31日現在）", "", ""]
    assert rows[2][0] == "※ 架空のデータです"
    assert rows[3] == ["", "", ""]
    assert rows[4] == HEADER
    assert rows[5] == ["10000001", "株式会社あおば", 12]


@pytest.mark.parametrize("writer", WRITERS)
def test_hidden_and_very_hidden_sheets_are_returned_flagged_in_workbook_order(tmp_path, writer):
    sheets = {"表紙": {(1, 1): "a"}, "非表示": {(1, 1): "b"}, "完全非表示": {(1, 1): "c"},
              "支部別": {(1, 1): "d"}}
    path = WRITERS[writer](tmp_path / "ブック.xlsx", sheets, hidden=("非表示",),
                           very_hidden=("完全非表示",))
    found = [(s.name, s.hidden) for s in open_sheets(path)]
    assert found == [("表紙", False), ("非表示", True), ("完全非表示", True), ("支部別", False)]


@pytest.mark.parametrize(("asked", "expected"), [("市区町村別", "市区町村別"), ("非表示", "非表示"),
                                                 ("summary", "Summary")])
def test_sheet_picks_one_sheet_by_name_hidden_ones_too(tmp_path, asked, expected):
    sheets = {"支部別": {(1, 1): "a"}, "市区町村別": {(1, 1): "b"}, "非表示": {(1, 1): "c"},
              "Summary": {(1, 1): "d"}}
    path = write_xlsxwriter(tmp_path / "ブック.xlsx", sheets, hidden=("非表示",))
    picked = open_sheets(path, sheet=asked)
    assert [s.name for s in picked] == [expected]
    assert _rows(picked[0])[1] == [sheets[expected][(1, 1)]]


def test_a_sheet_that_is_not_there_is_refused_with_the_sheets_listed(tmp_path):
    sheets = {"支部別": {(1, 1): 1}, "医療機関別": {(1, 1): 2}}
    path = write_xlsxwriter(tmp_path / "ブック.xlsx", sheets)
    with pytest.raises(InputRejected) as caught:
        open_sheets(path, sheet="市区町村別")
    assert caught.value.code == "sheet_not_found"
    message = caught.value.render("ja")
    assert "市区町村別" in message and "支部別" in message and "医療機関別" in message
    with pytest.raises(InputRejected) as caught:
        formulas_without_value(path, "市区町村別")
    assert caught.value.code == "sheet_not_found"


def test_an_empty_sheet_has_no_rows_and_chart_sheets_are_not_listed(tmp_path):
    workbook = xlsxwriter.Workbook(str(tmp_path / "グラフ.xlsx"))
    workbook.add_worksheet("空")
    data = workbook.add_worksheet("データ")
    data.write_column(0, 0, [1, 2, 3])
    chart = workbook.add_chart({"type": "line"})
    chart.add_series({"values": "=データ!$A$1:$A$3"})
    workbook.add_chartsheet("グラフ").set_chart(chart)
    workbook.close()
    sheets = open_sheets(tmp_path / "グラフ.xlsx")
    assert [s.name for s in sheets] == ["空", "データ"]
    assert list(sheets[0].rows()) == []
    assert sheets[0].row_count == 0


@pytest.mark.parametrize("writer", WRITERS)
def test_date_cells_come_back_as_dates_and_general_numbers_as_numbers(tmp_path, writer):
    cells = {(1, 1): date(2024, 4, 1), (1, 2): datetime(2019, 5, 1, 9, 30), (1, 3): 45383}
    path = WRITERS[writer](tmp_path / "日付.xlsx", {"日付": cells})
    row = _rows(open_sheets(path)[0])[1]
    assert row[0] == date(2024, 4, 1) and not isinstance(row[0], str)
    assert row[1] == datetime(2019, 5, 1, 9, 30)
    assert row[2] == 45383


@pytest.mark.parametrize(("writer", "flag"), [("xlsxwriter", True), ("xlsxwriter", False),
                                              ("openpyxl", True), ("openpyxl", False)])
def test_the_1904_flag_is_read_and_date_cells_stay_right_under_it(tmp_path, writer, flag):
    cells = {(1, 1): date(2024, 4, 1)}
    if writer == "xlsxwriter":
        path = write_xlsxwriter(tmp_path / "mac.xlsx", {"S": cells}, options={"date_1904": flag})
    else:
        path = write_openpyxl(tmp_path / "mac.xlsx", {"S": cells}, date1904=flag)
    sheet = open_sheets(path)[0]
    assert sheet.date1904 is flag
    assert _rows(sheet)[1][0] == date(2024, 4, 1)


def test_a_formula_with_a_cached_value_reads_as_that_value_and_is_not_reported(tmp_path):
    workbook = xlsxwriter.Workbook(str(tmp_path / "計算済み.xlsx"))
    sheet = workbook.add_worksheet("集計")
    sheet.write_row(0, 0, ["後発", "先発", "割合", "判定"])
    sheet.write_row(1, 0, [80, 20])
    sheet.write_formula("C2", "=A2/(A2+B2)", None, 0.8)
    sheet.write_formula("D2", '=IF(C2>=0.8,"達成","未達")', None, "達成")
    workbook.close()
    path = tmp_path / "計算済み.xlsx"
    assert _rows(open_sheets(path)[0])[2] == [80, 20, 0.8, "達成"]
    assert formulas_without_value(path, "集計") == set()


def _uncalculated(tmp: Path) -> Path:
    cells = {(1, 1): "数量", (1, 2): "倍", (2, 1): 5, (2, 2): "=A2*2", (100, 4): "=SUM(A1:A99)",
             (3, 1): 7, (3, 2): 14}
    return write_openpyxl(tmp / "未計算.xlsx", {"計算": cells, "別": {(1, 1): "=1+1"}})


@pytest.mark.parametrize("chunk", [xlsx_formulas._SCAN_CHUNK, 64, 7])
def test_a_formula_without_a_cached_value_is_reported_at_its_row_and_column(
        tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(xlsx_formulas, "_SCAN_CHUNK", chunk)  # blocks cut across rows and tags
    path = _uncalculated(tmp_path)
    assert formulas_without_value(path, "計算") == {(2, 2), (100, 4)}
    assert formulas_without_value(path, "別") == {(1, 1)}
    rows = _rows(open_sheets(path, sheet="計算")[0])
    assert rows[3][:2] == [7, 14]
    assert all(cell == "" for cell in rows[2][1:])  # calamine shows the formula as empty


def test_formula_cells_without_references_are_found_by_counting_positions(tmp_path):
    source = _uncalculated(tmp_path)

    def strip_references(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            data = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", data)
            data = re.sub(rb'<row r="(1|2|3)"', b"<row", data)
        return data

    path = rewrite_zip(source, tmp_path / "参照なし.xlsx", strip_references)
    assert formulas_without_value(path, "計算") == {(2, 2), (100, 1)}


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          + '<{p}worksheet xmlns{ns}="' + _MAIN + '" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><{p}sheetData>{rows}'
          + "</{p}sheetData>{ext}</{p}worksheet>")
FORMULA_CELLS = {  # rows of sheetData → the cells reported
    "cached": ('<{p}row r="2"><{p}c r="B2"><{p}f>A2+1</{p}f><{p}v>3</{p}v></{p}c></{p}row>', set()),
    "no v": ('<{p}row r="2"><{p}c r="B2"><{p}f>A2+1</{p}f></{p}c></{p}row>', {(2, 2)}),
    "empty v": ('<{p}row r="2"><{p}c r="B2"><{p}f>A2+1</{p}f><{p}v/></{p}c></{p}row>', {(2, 2)}),
    "empty text result": ('<{p}row r="2"><{p}c r="B2" t="str"><{p}f>""</{p}f><{p}v></{p}v></{p}c>'
                          "</{p}row>", set()),
    "shared": ('<{p}row r="2"><{p}c r="B2"><{p}f t="shared" ref="B2:B4" si="0">A2+1</{p}f>'
               '<{p}v>3</{p}v></{p}c></{p}row><{p}row r="3"><{p}c r="B3"><{p}f t="shared" si="0"/>'
               '<{p}v>4</{p}v></{p}c></{p}row><{p}row r="4"><{p}c r="B4"><{p}f t="shared" si="0"/>'
               "</{p}c></{p}row>", {(4, 2)}),
    "inline string result": ('<{p}row r="2"><{p}c r="B2" t="inlineStr"><{p}f>"a"</{p}f><{p}is>'
                             "<{p}t>a</{p}t></{p}is></{p}c></{p}row>", set()),
    "formula text with >": ('<{p}row r="2"><{p}c r="C2"><{p}f>IF(A2>1,1,0)</{p}f></{p}c>'
                            "</{p}row>", {(2, 3)}),
    "indented": ('<{p}row r="2">\n <{p}c r="AB2">\n  <{p}f>A2</{p}f>\n  <{p}v>1</{p}v>\n'
                 ' </{p}c>\n</{p}row>\n<{p}row r="3">\n <{p}c r="AB3">\n  <{p}f>A2</{p}f>\n'
                 " </{p}c>\n</{p}row>", {(3, 28)}),
    "empty cells around": ('<{p}row r="9"><{p}c r="A9"/><{p}c r="B9" s="1"/><{p}c r="C9">'
                           '<{p}f>A9</{p}f></{p}c><{p}c r="D9"/></{p}row>', {(9, 3)}),
}
_EXT = ('<{p}extLst><{p}ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}"><x14:dataValidations '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        "<x14:dataValidation><x14:formula1><xm:f>リスト!$A$1:$A$5</xm:f></x14:formula1>"
        "<xm:sqref>E2:E9</xm:sqref></x14:dataValidation></x14:dataValidations></{p}ext>"
        "</{p}extLst>")


@pytest.mark.parametrize("prefix", ["", "x:"])
@pytest.mark.parametrize("case", FORMULA_CELLS, ids=str)
def test_formula_cells_are_judged_by_their_cached_value_whatever_the_xml_style(tmp_path, prefix,
                                                                                case):
    rows, expected = FORMULA_CELLS[case]
    xml = _SHEET.format(p=prefix, ns=":x" if prefix else "", rows=rows.format(p=prefix),
                        ext=_EXT.format(p=prefix))

    def replace_sheet(name: str, data: bytes) -> bytes:
        return xml.encode() if name == "xl/worksheets/sheet1.xml" else data

    path = rewrite_zip(small_workbook(tmp_path / "base.xlsx"), tmp_path / "手書き.xlsx",
                       replace_sheet)
    assert formulas_without_value(path, "台帳") == expected


def test_formulas_of_a_csv_or_an_xls_are_not_checked(tmp_path):
    path = write_bytes(tmp_path / "a.csv", b"a,=1+1\n")
    assert formulas_without_value(path, "a.csv") == set()


# --- workbooks that calamine refuses --------------------------------------------------------------


def test_an_ole_file_with_a_damaged_workbook_stream_is_refused_as_corrupt(tmp_path):
    path = ole_file(tmp_path / "古い形式.xls", ["Workbook"])
    with pytest.raises(InputRejected) as caught:
        for sheet in open_sheets(path):
            list(sheet.rows())
    assert caught.value.code == "file_corrupt"
    assert "古い形式.xls" in caught.value.render("ja")


def test_a_workbook_under_another_name_is_read_by_its_content(tmp_path):
    path = write_xlsxwriter(tmp_path / "本部から.xls", {"台帳": _register_cells()})
    assert _rows(open_sheets(path)[0])[6][:2] == ["10000001", "株式会社あおば"]


# --- CSV ------------------------------------------------------------------------------------------

CSV_TEXT = "事業所記号,事業所名称,被保険者数\r\n10000001,株式会社ｻﾝﾌﾟﾙ・髙橋商店,12\r\n"


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                                    ("cp932", "cp932"), ("shift_jis", "cp932")])
def test_a_japanese_csv_decodes_right_in_each_accepted_encoding(tmp_path, encoding, expected):
    text = CSV_TEXT if encoding != "shift_jis" else CSV_TEXT.replace("髙", "高")
    path = write_bytes(tmp_path / "台帳.csv", text.encode(encoding))
    sheet = open_sheets(path)[0]
    assert (sheet.from_csv, sheet.encoding, sheet.name) == (True, expected, "台帳.csv")
    rows = _rows(sheet)
    assert rows[1] == HEADER
    assert rows[2][1] == text.splitlines()[1].split(",")[1]


@pytest.mark.parametrize(("data", "line"), [
    ("Müller,café\nZürich,Genève\n".encode("latin-1"), 1),
    ("名前\nÅngström,São Paulo\n".encode("latin-1", "replace"), 2),
    (b"a,b\n" + bytes(range(0x80, 0x100)) * 4 + b"\n", 2),
    ("事業所,名称\n".encode("euc-jp") + b"\x8e", 1),
    ("一行目\n二行目\n".encode() + "三行目,株式会社\n".encode("cp932"), 3),
])
def test_a_csv_that_is_neither_utf8_nor_cp932_is_refused_not_imported_as_mojibake(tmp_path, data,
                                                                                  line):
    path = write_bytes(tmp_path / "文字化け.csv", data)
    with pytest.raises(InputRejected) as caught:
        open_sheets(path)
    assert caught.value.code == "csv_encoding_unknown"
    assert caught.value.params["line"] == line


def test_csv_rows_are_records_counted_as_excel_shows_them_and_cells_are_text(tmp_path):
    text = '記号,名称,備考\n\n10000001,"株式会社\nあおば",\n10000002,ひかり,"a,b"\n'
    rows = _rows(open_sheets(write_bytes(tmp_path / "複数行.csv", text.encode()))[0])
    assert rows == {1: ["記号", "名称", "備考"], 2: [], 3: ["10000001", "株式会社\nあおば", ""],
                    4: ["10000002", "ひかり", "a,b"]}


def test_the_apostrophe_of_branchdesks_csv_guard_is_removed_once(tmp_path):
    text = "名称,式\n'=SUM(A1),'-3\n''quoted,plain\n"
    rows = _rows(open_sheets(write_bytes(tmp_path / "保護.csv", text.encode("utf-8-sig")))[0])
    assert rows[2] == ["=SUM(A1)", "-3"]
    assert rows[3] == ["'quoted", "plain"]


def test_a_csv_field_beyond_the_csv_limit_is_refused_with_its_row(tmp_path):
    path = write_bytes(tmp_path / "長い.csv", b"a,b\n1,2\n" + b"x" * 200_000 + b",1\n")
    with pytest.raises(InputRejected) as caught:
        list(open_sheets(path)[0].rows())
    assert (caught.value.code, caught.value.params["row"]) == ("csv_malformed", 3)


def test_sheet_is_ignored_for_a_csv_file(tmp_path):
    path = write_bytes(tmp_path / "台帳.csv", b"a,b\n")
    assert [s.name for s in open_sheets(path, sheet="支部別")] == ["台帳.csv"]
