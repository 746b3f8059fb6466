"""The import wizard's preview (exchange/preview.py): the first rows of a sheet streamed, equal to
what the import's reader gives; the sheet and header the import would find; CSV decoded by the
readers' rules from the file's start. Files written by the tests; synthetic data only."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from workbooks_readers import WRITERS, write_openpyxl, write_xlsxwriter

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.preview import detect, preview_file, read_rows
from branchdesk.exchange.readers import open_sheets

REGISTER = ["事業所記号", "事業所名称", "被保険者数", "基準日"]


def trimmed(rows: Any) -> list[tuple[int, list[Any]]]:
    """Rows with trailing blank cells cut and blank rows left out (calamine pads rows to the
    sheet's width and yields blank rows; the preview does neither)."""
    found = []
    for number, cells in rows:
        cells = list(cells)
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            found.append((number, cells))
    return found


def reader_rows(path: Path, sheet: str, last: int) -> list[tuple[int, list[Any]]]:
    """The import reader's rows 1 … ``last``, trimmed."""
    raw = next(s for s in open_sheets(path) if s.name == sheet)
    return trimmed((n, c) for n, c in raw.rows() if n <= last)


def register_cells(count: int, *, top: int = 3) -> dict[tuple[int, int], Any]:
    cells: dict[tuple[int, int], Any] = {(1, 1): "事業所台帳（テスト用）", (top, 2): None}
    cells.update({(top, c): h for c, h in enumerate(REGISTER, start=1)})
    for i in range(count):
        cells.update({(top + 1 + i, 1): f"31{i:06d}", (top + 1 + i, 2): f"株式会社テスト{i}",
                      (top + 1 + i, 3): 10 + i, (top + 1 + i, 4): date(2025, 3, 31)})
    return {k: v for k, v in cells.items() if v is not None}


@pytest.mark.parametrize("writer", WRITERS)
def test_the_first_rows_equal_what_the_import_reads(tmp_path, writer):
    cells = register_cells(80)
    cells.update({(2, 6): True, (5, 7): 1.25, (6, 7): datetime(2019, 5, 1, 9, 30),
                  (7, 8): "  空白付き　"})
    path = WRITERS[writer](tmp_path / "台帳.xlsx", {"表紙": {(1, 1): "表紙"}, "台帳": cells})
    preview = preview_file(path, nrows=30)
    assert preview.sheet == "台帳"  # the first sheet whose header matches a kind
    assert trimmed(preview.rows) == reader_rows(path, "台帳", 30)
    assert preview.kind == "employers" and preview.match is not None
    assert preview.match.header_row == 3


@pytest.mark.parametrize("flag", [True, False])
def test_dates_follow_the_workbooks_1904_flag(tmp_path, flag):
    path = write_xlsxwriter(tmp_path / "mac.xlsx", {"S": {(1, 1): date(2024, 4, 1),
                                                         (1, 2): 45383}},
                            options={"date_1904": flag})
    preview = preview_file(path)
    assert preview.rows[0][1] == [date(2024, 4, 1), 45383]


def test_hidden_sheets_are_listed_flagged_and_skipped_unless_asked_for(tmp_path):
    sheets = {"隠し": register_cells(3), "見える": {(1, 1): "x"}, "台帳": register_cells(2)}
    path = write_openpyxl(tmp_path / "隠し.xlsx", sheets, hidden=("隠し",))
    preview = preview_file(path)
    assert [(s.name, s.hidden) for s in preview.sheets] == [
        ("隠し", True), ("見える", False), ("台帳", False)]
    assert preview.sheet == "台帳"
    assert preview_file(path, sheet="隠し").sheet == "隠し"


@pytest.mark.parametrize(("asked", "shown"), [("台帳", "台帳"), ("DATA", "data")])
def test_a_sheet_is_picked_by_name_ignoring_case_as_the_import_does(tmp_path, asked, shown):
    path = write_openpyxl(tmp_path / "b.xlsx", {"台帳": register_cells(1), "data": {(1, 1): 1}})
    assert preview_file(path, sheet=asked).sheet == shown


def test_a_sheet_that_is_not_there_is_refused_with_the_sheets_listed(tmp_path):
    path = write_openpyxl(tmp_path / "b.xlsx", {"台帳": register_cells(1)})
    with pytest.raises(InputRejected) as caught:
        preview_file(path, sheet="ない")
    assert caught.value.code == "sheet_not_found" and caught.value.params["sheets"] == "台帳"


def test_a_window_deep_in_a_sheet_is_read_with_excel_row_numbers(tmp_path):
    path = write_xlsxwriter(tmp_path / "長い.xlsx", {"台帳": register_cells(400)})
    window = read_rows(path, "台帳", first=300, count=5)
    assert [n for n, _ in window] == [300, 301, 302, 303, 304]
    assert trimmed(window) == reader_rows(path, "台帳", 304)[-5:]


PACKAGE = {
    "[Content_Types].xml":
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><x:sheets><x:sheet name="手書き" sheetId="1" r:id="rId1"/>'
        '</x:sheets></x:workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/s.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/sharedStrings.xml":
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main"><si><t>事業所名称</t><rPh sb="0" eb="5"><t>ジギョウショメイショウ</t></rPh></si>'
        '<si><r><t>株式会社</t></r><r><rPr><b/></rPr><t>山陰</t></r></si></sst>',
    "xl/worksheets/s.xml":
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><x:sheetData>'
        '<x:row><x:c t="inlineStr"><x:is><x:t>事業所記号</x:t></x:is></x:c><x:c t="s"><x:v>0'
        '</x:v></x:c><x:c t="inlineStr"><x:is><x:t>被保険者数</x:t></x:is></x:c></x:row>'
        '<x:row><x:c><x:v>31000001</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c><x:f>1+2'
        '</x:f><x:v>3</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v>'
        '</x:c></x:row></x:sheetData></x:worksheet>',
}


def test_a_hand_written_package_reads_as_the_import_reads_it(tmp_path):
    path = tmp_path / "手書き.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in PACKAGE.items():
            zf.writestr(name, text.encode())
    preview = preview_file(path)
    assert trimmed(preview.rows) == [
        (1, ["事業所記号", "事業所名称", "被保険者数"]),
        (2, [31000001.0, "株式会社山陰", 3.0, True])]
    assert trimmed(preview.rows) == reader_rows(path, "手書き", 2)


@pytest.mark.parametrize(("encoding", "bom"), [("cp932", b""), ("utf-8", b""),
                                               ("utf-8", b"\xef\xbb\xbf")])
def test_a_csv_is_decoded_as_the_readers_decode_it(tmp_path, encoding, bom):
    text = "基準日：令和7年3月31日\n\n事業所記号,事業所名称,被保険者数\n'31000001,ｶﾌﾞｼｷ,12\n"
    path = tmp_path / "台帳.csv"
    path.write_bytes(bom + text.encode(encoding))
    preview = preview_file(path)
    assert trimmed(preview.rows) == reader_rows(path, "台帳.csv", 9)
    assert preview.rows[-1] == (4, ["31000001", "ｶﾌﾞｼｷ", "12"])
    assert preview.match is not None and preview.match.header_row == 3
    assert preview.match.base_date == date(2025, 3, 31)


def test_a_csv_preview_reads_only_the_start_of_the_file(tmp_path):
    path = tmp_path / "壊れ.csv"
    head = "事業所記号,事業所名称,被保険者数\n" + "31000001,株式会社テスト,12\n" * 60_000
    path.write_bytes(head.encode("utf-8") + b"\xff\xfe broken tail\n")
    with pytest.raises(InputRejected):
        open_sheets(path)  # the import decodes the whole file and refuses it
    preview = preview_file(path)
    assert len(preview.rows) == 50 and preview.kind == "employers"


@pytest.mark.parametrize(("data", "line"), [
    ("事業所記号,名称\n".encode("utf-16"), 1),
    (b"symbol,name\n31000001,caf\xe9\n", 2),
])
def test_a_csv_that_is_neither_utf8_nor_cp932_is_refused_with_the_line(tmp_path, data, line):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(InputRejected) as caught:
        preview_file(path)
    assert (caught.value.code, caught.value.params["line"]) == ("csv_encoding_unknown", line)


def test_a_file_that_is_not_a_spreadsheet_is_refused_before_any_parser(tmp_path):
    path = tmp_path / "偽物.xlsx"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    with pytest.raises(InputRejected) as caught:
        preview_file(path)
    assert caught.value.code == "not_spreadsheet"


HEADERS_TWO_KINDS = ["対象者番号", "健診受診日", "初回受診日", "確認方法", "勧奨日", "方法"]


@pytest.mark.parametrize(("header", "kind", "found", "problem"), [
    (REGISTER, None, "employers", None),
    (["記号", "社名", "被保険者数", "基準日"], None, None, None),
    (["記号", "社名", "被保険者数", "基準日"], "employers", None, "header_not_found"),
    (HEADERS_TWO_KINDS, None, None, "kind_ambiguous"),
    (HEADERS_TWO_KINDS, "visits", "visits", None),
])
def test_the_header_is_detected_as_the_import_detects_it(tmp_path, header, kind, found,
                                                          problem):
    cells = {(2, c): h for c, h in enumerate(header, start=1)}
    path = write_openpyxl(tmp_path / "h.xlsx", {"S": cells})
    preview = preview_file(path, kind=kind)
    assert preview.kind == found
    assert (preview.problem.code if preview.problem else None) == problem


def test_a_remembered_mapping_finds_the_kind_when_nothing_else_does(tmp_path):
    cells = {(1, c): h for c, h in enumerate(["記号", "社名", "被保険者数", "基準日"], start=1)}
    path = write_openpyxl(tmp_path / "h.xlsx", {"S": cells})
    remembered = {"employers": {"社名": "name"}}
    preview = preview_file(path, remembered=remembered)
    assert preview.kind == "employers" and preview.by_memory
    assert preview.match is not None and preview.match.columns["name"] == 1
    again = detect(preview, kind="employers", mapping={"社名": "ignore", "記号": "symbol"})
    assert again.match is None and again.problem is not None
    assert again.problem.code == "header_not_found"
