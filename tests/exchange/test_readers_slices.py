"""Streamed xlsx sheets: read in many tiny slices, a sheet gives exactly the rows calamine gives for
the whole sheet (numbers, columns, types, blank rows), and the formula cells the scan finds."""

from __future__ import annotations

import itertools
import re
import threading
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from workbooks_readers import rewrite_zip, write_openpyxl, write_xlsxwriter

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import readers, xlsx_stream
from branchdesk.exchange.readers import formula_cells, formulas_without_value, open_sheets
from branchdesk.exchange.safety import sheet_part


@pytest.fixture(params=["a workbook per slice", "temporary workbooks of slices"])
def tiny_slices(monkeypatch, request):
    """Slices of a few rows each: every sheet below is cut many times. Each test runs twice:
    slices parsed one by one (small shared strings), and slices written into a few temporary
    workbooks (large shared strings)."""
    monkeypatch.setattr(xlsx_stream, "FIRST_SLICE_BYTES", 150)
    monkeypatch.setattr(xlsx_stream, "SLICE_BYTES", 300)
    shared = request.param == "temporary workbooks of slices"
    monkeypatch.setattr(xlsx_stream, "SHARED_STRINGS_LIMIT", -1 if shared else 1 << 30)


def _trimmed(cells: list) -> list:
    while cells and cells[-1] == "":
        cells = cells[:-1]
    return cells


def whole_sheet_rows(path: Path, name: str) -> list[tuple[int, list]]:
    """The rows as calamine gives them for the whole sheet at once (trailing blanks trimmed)."""
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_name(name)
    return [(n, _trimmed(c)) for n, c in readers._calamine_rows(sheet)]


def streamed_rows(path: Path, name: str, *, cut: bool = True) -> list[tuple[int, list]]:
    """The rows as the streaming reader gives them; ``cut``: the sheet must be cut at least
    three times (else it must be one slice)."""
    [sheet] = open_sheets(path, sheet=name)
    assert sheet.rows.streams  # type: ignore[attr-defined]
    rows = [(n, _trimmed(c)) for n, c in sheet.rows()]
    count = slice_count(path, name)
    assert count >= 3 if cut else count == 1
    return rows


def slice_count(path: Path, name: str) -> int:
    with zipfile.ZipFile(path) as zf:
        part = sheet_part(path, zf, name)
    cutter = xlsx_stream.Cutter(xlsx_stream.plan(path, name, part), xlsx_stream.FIRST_SLICE_BYTES)
    return sum(1 for _ in cutter.documents(threading.Event()))


def _register(rows: int, first_row: int = 1, first_column: int = 1) -> dict:
    cells: dict[tuple[int, int], object] = {(first_row, first_column): "事業所台帳",
                                            (first_row + 2, first_column): "事業所記号",
                                            (first_row + 2, first_column + 1): "事業所名称",
                                            (first_row + 2, first_column + 2): "適用日"}
    for i in range(rows):
        row = first_row + 3 + i + i // 7  # a blank row after every seventh
        cells[(row, first_column)] = f"{31000000 + i:08d}"
        if i % 5:
            cells[(row, first_column + 1)] = f"株式会社テスト{i}"
        if i % 3 == 0:
            cells[(row, first_column + 2)] = date(2020, 4, 1 + i % 28)
        if i % 11 == 0:
            cells[(row, first_column + 4)] = i * 1.5  # a column used now and then
    return cells


@pytest.mark.parametrize("writer", ["xlsxwriter", "xlsxwriter_inline", "openpyxl"])
@pytest.mark.parametrize(("first_row", "first_column"), [(1, 1), (4, 3)])
def test_many_slices_give_the_rows_of_the_whole_sheet(tmp_path, tiny_slices, writer, first_row,
                                                      first_column):
    cells = _register(60, first_row, first_column)
    path = tmp_path / "台帳.xlsx"
    if writer == "openpyxl":
        write_openpyxl(path, {"台帳": cells, "他": {(1, 1): "x"}})
    else:
        options = {"constant_memory": True} if writer == "xlsxwriter_inline" else None
        write_xlsxwriter(path, {"他": {(1, 1): "x"}, "台帳": cells}, options=options)
    assert streamed_rows(path, "台帳") == whole_sheet_rows(path, "台帳")


def test_the_row_count_is_set_when_a_reading_reaches_the_end(tmp_path, tiny_slices):
    path = write_xlsxwriter(tmp_path / "台帳.xlsx", {"台帳": _register(30)})
    sheet = open_sheets(path)[0]
    rows = list(sheet.rows())
    assert sheet.row_count == rows[-1][0] == len(rows)
    assert [n for n, _ in rows] == list(range(1, len(rows) + 1))


def test_types_survive_the_slicing(tmp_path, tiny_slices):
    workbook = xlsxwriter.Workbook(str(tmp_path / "型.xlsx"))
    sheet = workbook.add_worksheet("型")
    dates = workbook.add_format({"num_format": "yyyy/mm/dd hh:mm"})
    for i in range(40):
        sheet.write_row(i, 0, [f"文字{i}", i, i + 0.5, True, f"{i:08d}"])
        sheet.write_datetime(i, 5, datetime(2024, 4, 1, 9, i % 60), dates)
    workbook.close()
    assert streamed_rows(tmp_path / "型.xlsx", "型") == whole_sheet_rows(tmp_path / "型.xlsx", "型")
    rows = dict(streamed_rows(tmp_path / "型.xlsx", "型"))
    assert rows[40] == ["文字39", 39, 39.5, True, "00000039", datetime(2024, 4, 1, 9, 39)]


def test_formula_cells_are_known_before_their_rows_are_read(tmp_path, tiny_slices):
    cells = {(r, 1): r for r in range(1, 41)} | {(r, 2): f"=A{r}*2" for r in range(5, 41, 6)}
    path = write_openpyxl(tmp_path / "未計算.xlsx", {"計算": cells})
    sheet = open_sheets(path)[0]
    live = formula_cells(sheet)
    seen = set()
    for number, row in sheet.rows():
        if row[1:2] == [""] and number % 6 == 5:
            assert (number, 2) in live  # the cell of this row is in the set already
        seen.add(number)
    assert set(live) == formulas_without_value(path, "計算") == {(r, 2) for r in range(5, 41, 6)}


def _strip_row_numbers(pattern: bytes):
    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            data = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", data)
            data = re.sub(pattern, b"<row", data)
        return data
    return change


@pytest.mark.parametrize(("pattern", "cut"), [
    (rb'<row r="\d+"', False),  # no row names its number: one slice
    (rb'<row r="\d*[13579]"', True),  # odd rows do not: cut before even ones only
])
def test_rows_without_numbers_are_never_the_first_of_a_slice(tmp_path, tiny_slices, pattern,
                                                              cut):
    cells = {(r, c): f"{r}-{c}" for r in range(1, 50) for c in (1, 2)}
    source = write_xlsxwriter(tmp_path / "元.xlsx", {"S": cells})
    path = rewrite_zip(source, tmp_path / "番号なし.xlsx", _strip_row_numbers(pattern))
    assert streamed_rows(path, "S", cut=cut) == whole_sheet_rows(path, "S")


def test_a_comment_inside_the_rows_is_not_cut(tmp_path, tiny_slices):
    cells = {(r, 1): f"値{r}" for r in range(1, 40)}
    source = write_xlsxwriter(tmp_path / "元.xlsx", {"S": cells})

    def comment(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            data = data.replace(b'<row r="10"',
                                b'<!-- <row r="99"><c r="A99"/></row> --><row r="10"')
        return data

    path = rewrite_zip(source, tmp_path / "注釈.xlsx", comment)
    assert streamed_rows(path, "S") == whole_sheet_rows(path, "S")
    assert dict(streamed_rows(path, "S"))[9] == ["値9"]


def _readings() -> int:
    """Readings under way: their workers (a reading may have a writer thread too)."""
    return sum(1 for thread in threading.enumerate() if thread.name == "xlsx-slices")


def _threads_back_to(count: int) -> bool:
    deadline = time.monotonic() + 5
    while threading.active_count() > count and time.monotonic() < deadline:
        time.sleep(0.01)
    return threading.active_count() == count


def test_a_header_scan_and_the_full_read_after_it_read_the_file_once(tmp_path, tiny_slices):
    path = write_xlsxwriter(tmp_path / "台帳.xlsx", {"台帳": _register(200)})
    sheet = open_sheets(path)[0]
    before = threading.active_count()
    head = list(itertools.islice(sheet.rows(), 16))  # what find_header does
    assert _readings() == 1  # the reading is kept, its worker waits
    rows = list(sheet.rows())
    assert rows[:16] == head and [n for n, _ in rows] == list(range(1, len(rows) + 1))
    assert [(n, _trimmed(c)) for n, c in rows] == whole_sheet_rows(path, "台帳")
    assert _threads_back_to(before)


def test_a_reading_kept_for_replay_is_released(tmp_path, tiny_slices):
    path = write_xlsxwriter(tmp_path / "台帳.xlsx", {"台帳": _register(200)})
    sheet = open_sheets(path)[0]
    before = threading.active_count()
    rows = sheet.rows()
    assert [next(rows)[0] for _ in range(3)] == [1, 2, 3]
    rows.close()  # type: ignore[attr-defined]
    readers.release(sheet)
    assert _threads_back_to(before)
    assert [n for n, _ in itertools.islice(sheet.rows(), 3)] == [1, 2, 3]  # a new reading
    readers.release(sheet)


def test_a_damaged_row_deep_in_the_sheet_is_refused_as_corrupt(tmp_path, tiny_slices):
    source = write_xlsxwriter(tmp_path / "元.xlsx", {"S": {(r, 1): r for r in range(1, 60)}})

    def damage(name: str, data: bytes) -> bytes:
        return data.replace(b'<row r="50"', b'<row r="50"><c r="A50"><v>1</c>') \
            if name.startswith("xl/worksheets/") else data

    path = rewrite_zip(source, tmp_path / "壊れ.xlsx", damage)
    rows = open_sheets(path)[0].rows()
    with pytest.raises(InputRejected) as caught:
        list(rows)
    assert caught.value.code == "file_corrupt"
