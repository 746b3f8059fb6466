"""A sheet whose workbook has large shared strings is read through several temporary workbooks of
growing size (``xlsx_groups``): the rows are exactly those calamine gives for the whole sheet, the
formula scan sees every slice, no temporary file outlives the reading (finished, closed midway or
failed), and an error in a later workbook reaches the caller after the rows before it."""

from __future__ import annotations

import itertools
import re
import threading
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from workbooks_readers import (
    forge_crc,
    rewrite_zip,
    write_openpyxl,
    write_xlsxwriter,
)

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import readers, safety, xlsx_groups, xlsx_stream
from branchdesk.exchange.readers import formula_cells, formulas_without_value, open_sheets
from branchdesk.exchange.safety import sheet_part
from branchdesk.exchange.xlsx_formulas import SliceScan
from branchdesk.exchange.xlsx_slices import SliceReader

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone: what is left there is seen."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    return folder


@pytest.fixture
def groups_written(monkeypatch: pytest.MonkeyPatch, temp_folder: Path) -> list[int]:
    """Slices of a few rows, every workbook taken for one with large shared strings; the list
    fills with the number of slices of each temporary workbook written."""
    monkeypatch.setattr(xlsx_stream, "FIRST_SLICE_BYTES", 150)
    monkeypatch.setattr(xlsx_stream, "SLICE_BYTES", 300)
    monkeypatch.setattr(xlsx_stream, "SHARED_STRINGS_LIMIT", -1)
    written: list[int] = []
    write = xlsx_groups.write_group

    def counted(slice_plan: Any, group: xlsx_groups.Group, *args: Any) -> int:
        size = write(slice_plan, group, *args)
        written.append(len(group.found))
        return size

    monkeypatch.setattr(xlsx_groups, "write_group", counted)
    return written


def register(rows: int) -> dict[tuple[int, int], Any]:
    """A register on every other row (each slice starts after a blank row), a formula with no
    value on every fifth, a column used now and then."""
    cells: dict[tuple[int, int], Any] = {(1, 1): "事業所記号", (1, 2): "事業所名称",
                                         (1, 3): "適用日", (1, 4): "被保険者数"}
    for i in range(rows):
        row = 3 + 2 * i
        cells |= {(row, 1): f"{31_000_000 + i:08d}", (row, 2): f"株式会社テスト{i % 37}",
                  (row, 3): date(2020, 4, 1 + i % 28), (row, 4): i}
        if i % 5 == 0:
            cells[(row, 5)] = f"=D{row}*2"
        if i % 9 == 0:
            cells[(row, 7)] = i % 2 == 0
    return cells


def _trimmed(cells: list[Any]) -> list[Any]:
    while cells and cells[-1] == "":
        cells = cells[:-1]
    return cells


def whole_sheet_rows(path: Path, name: str) -> list[tuple[int, list[Any]]]:
    """The rows calamine gives for the whole sheet at once (trailing blanks trimmed)."""
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_name(name)
    return [(n, _trimmed(c)) for n, c in readers._calamine_rows(sheet)]


def slice_reader(path: Path, name: str = "台帳") -> SliceReader:
    """A reader of sheet ``name`` with the formula scan, as the streamed rows make one."""
    with zipfile.ZipFile(path) as zf:
        part = sheet_part(path, zf, name)
    return SliceReader(xlsx_stream.plan(path, name, part), SliceScan())


def threads_end(reader: SliceReader) -> bool:
    """True once the reader's worker (which waits for its writer) has ended."""
    reader.thread.join(timeout=5)
    return not reader.thread.is_alive()


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("growth", [1, 4], ids=["equal workbooks", "growing workbooks"])
@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_rows_through_several_workbooks_are_those_of_the_whole_sheet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, groups_written: list[int],
        temp_folder: Path, writer: str, growth: int) -> None:
    monkeypatch.setattr(xlsx_groups, "GROWTH", growth)
    write = write_openpyxl if writer == "openpyxl" else write_xlsxwriter
    path = write(tmp_path / "台帳.xlsx", {"他": {(1, 1): "x"}, "台帳": register(120)})
    [sheet] = open_sheets(path, sheet="台帳")
    rows = [(n, _trimmed(c)) for n, c in sheet.rows()]
    assert rows == whole_sheet_rows(path, "台帳")
    assert [n for n, _ in rows] == list(range(1, 2 * 120 + 2))  # blank rows between slices
    assert rows[-1][1][:4] == ["31000119", "株式会社テスト8", date(2020, 4, 8), 119]
    assert len(groups_written) >= 3
    if growth > 1:
        assert groups_written[-2] > groups_written[1]
    if writer == "openpyxl":  # formulas without a cached value, found in every workbook
        assert set(formula_cells(sheet)) == formulas_without_value(path, "台帳") == {
            (3 + 2 * i, 5) for i in range(0, 120, 5)}
    assert list(temp_folder.iterdir()) == []  # removed when the last row was handed over


@pytest.mark.parametrize("taken", [0, 1, 12, 60], ids=["none", "the first", "a few", "most"])
def test_a_reader_closed_midway_stops_and_leaves_no_temporary_file(
        tmp_path: Path, groups_written: list[int], temp_folder: Path, taken: int) -> None:
    path = write_xlsxwriter(tmp_path / "台帳.xlsx", {"台帳": register(150)})
    reader = slice_reader(path)
    held = []
    for piece in itertools.islice(reader, taken):
        held.append(len(files_under(temp_folder)))
        assert piece.sheet is None or piece.sheet.start is not None
    reader.close()
    assert threads_end(reader)
    assert files_under(temp_folder) == [] and list(temp_folder.iterdir()) == []
    assert max(held, default=0) <= xlsx_groups.HELD  # never a file for every slice at once
    assert len(groups_written) >= (2 if taken >= 12 else 0)


def test_an_empty_sheet_gives_no_slice_and_no_file(tmp_path: Path, groups_written: list[int],
                                                   temp_folder: Path) -> None:
    path = write_xlsxwriter(tmp_path / "空.xlsx", {"台帳": {}, "他": {(1, 1): "x"}})
    reader = slice_reader(path)
    assert list(reader) == [] and groups_written == []
    assert threads_end(reader) and list(temp_folder.iterdir()) == []


def _damage_row(number: int) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        if name == SHEET:  # an unclosed <v>: the XML of that slice cannot be parsed
            data = re.sub(rb'(<row r="%d"[^>]*>)' % number, rb'\1<c r="A%d"><v>1</c>' % number,
                          data)
        return data
    return change


@pytest.mark.parametrize(("damage", "detail"), [
    ("a row calamine cannot parse", None),
    ("a sheet part failing its CRC at its end", f"{SHEET}: CRC"),
])
def test_an_error_in_a_later_workbook_comes_after_the_rows_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, groups_written: list[int],
        temp_folder: Path, damage: str, detail: str | None) -> None:
    monkeypatch.setattr(safety, "DEFER_BYTES", 2048)  # the sheet part is checked as it streams
    monkeypatch.setattr(xlsx_groups, "GROWTH", 2)
    source = write_xlsxwriter(tmp_path / "元.xlsx", {"台帳": register(150)})
    if detail is None:
        path = rewrite_zip(source, tmp_path / "壊れ.xlsx", _damage_row(3 + 2 * 140))
    else:
        path = forge_crc(source, SHEET)
    [sheet] = open_sheets(path)
    seen: list[int] = []
    with pytest.raises(InputRejected) as caught:
        for number, _ in sheet.rows():
            seen.append(number)
    assert caught.value.code == "file_corrupt"
    if detail is not None:
        assert caught.value.params["detail"] == detail
    assert seen == list(range(1, len(seen) + 1)) and seen[-1] > 3 + 2 * 100
    assert len(groups_written) >= 3  # the rows of the first workbooks were handed over first
    readers.release(sheet)
    assert _threads_end()
    assert files_under(temp_folder) == [] and list(temp_folder.iterdir()) == []


def _threads_end() -> bool:
    """True once no slice reader's threads are left (they end after handing their error)."""
    for _ in range(500):
        if not [t for t in threading.enumerate() if t.name.startswith("xlsx-")]:
            return True
        threading.Event().wait(0.01)
    return False
