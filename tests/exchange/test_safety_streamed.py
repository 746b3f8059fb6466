"""A large worksheet part is checked while it is read, not inflated once more up front.

``safety.inspect_file(defer_large=True)`` (what ``open_sheets`` runs) leaves the parts declaring
more than ``safety.DEFER_BYTES`` unverified; the streamed reading bounds and checks the sheet
part itself, the parts copied into each slice are read bounded and checked, and a sheet loaded
whole is verified before calamine opens the workbook. A lying part is refused with the code the
up-front check gives, and an import that meets one changes nothing. ``DEFER_BYTES`` is set to a
few KB so that small synthetic workbooks stand for large ones.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from workbooks_readers import (
    forge_crc,
    forge_sizes,
    rewrite_zip,
    write_xlsxwriter,
)

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import readers, safety, validate, xlsx_stream
from branchdesk.exchange.importer import ImportOptions, run_import
from branchdesk.exchange.model import RawSheet
from branchdesk.exchange.readers import open_sheets
from branchdesk.exchange.safety import check_file, inspect_file, verify_entries
from branchdesk.store.connection import create_store, open_store

DEFER = 2048
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
RELS = "xl/_rels/workbook.xml.rels"
EMPLOYER_HEADERS = ["事業所記号", "事業所名称", "事業所名称カナ", "市区町村コード", "被保険者数",
                    "基準日"]


@pytest.fixture
def small_defer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts over 2 KB are left to the reader (the attribute ``_check_zip`` reads)."""
    monkeypatch.setattr(safety, "DEFER_BYTES", DEFER)


@pytest.fixture
def whole_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sheets loaded whole by calamine, as one the streamed reader cannot plan is."""
    monkeypatch.setattr(readers, "_slice_plan", lambda book, name: None)


@pytest.fixture
def tiny_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slices of a few rows each, inflated 1 KB at a time: rows are handed out long before
    the sheet part ends (as in a register of hundreds of MB)."""
    monkeypatch.setattr(xlsx_stream, "FIRST_SLICE_BYTES", 150)
    monkeypatch.setattr(xlsx_stream, "SLICE_BYTES", 300)
    monkeypatch.setattr(xlsx_stream, "_READ_BLOCK", 1024)


# --- builders ------------------------------------------------------------------------------------


def register(path: Path, compression: str = "deflated", rows: int = 120) -> Path:
    """A one-sheet register whose sheet and shared strings parts are each several KB."""
    cells: dict[tuple[int, int], Any] = {(1, 1): "事業所記号", (1, 2): "事業所名称",
                                         (1, 3): "被保険者数"}
    for r in range(2, rows + 2):
        cells |= {(r, 1): f"{31_000_000 + r:08d}", (r, 2): f"株式会社テスト{r}", (r, 3): r}
    write_xlsxwriter(path, {"台帳": cells})
    return stored(path) if compression == "stored" else path


def stored(path: Path) -> Path:
    """The same zip with every entry stored (not deflated)."""
    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def entry_bytes(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def forge(path: Path, name: str, forgery: str) -> Path:
    """``path`` with entry ``name`` lying in one of the ways of ``FORGERIES``."""
    size = len(entry_bytes(path, name))
    if forgery == "wrong CRC":
        return forge_crc(path, name)
    declared = size - 200 if forgery == "larger than declared" else size + 200
    return forge_sizes(path, {name: declared})


#: forgery → (code, params the refusal carries besides the path).
FORGERIES: dict[str, tuple[str, dict[str, str]]] = {
    "larger than declared": ("zip_bomb_size_mismatch", {"entry": "{entry}"}),
    "smaller than declared": ("file_corrupt", {"detail": "{entry}: CRC"}),
    "wrong CRC": ("file_corrupt", {"detail": "{entry}: CRC"}),
}


def assert_refused(caught: pytest.ExceptionInfo[InputRejected], forgery: str, entry: str) -> None:
    code, params = FORGERIES[forgery]
    assert caught.value.code == code and caught.value.exit_code == 2
    assert {k: v.format(entry=entry) for k, v in params.items()}.items() \
        <= caught.value.params.items()


def case_insensitive_target(path: Path, target: Path) -> Path:
    """A copy whose relationships name the sheet part in another case: Excel and calamine find
    it (they match part names ignoring case), and so does the streamed reader."""
    def change(name: str, data: bytes) -> bytes:
        if name != RELS:
            return data
        return data.replace(b'Target="worksheets/sheet1.xml"', b'Target="Worksheets/Sheet1.xml"')

    return rewrite_zip(path, target, change)


def streams(sheet: RawSheet) -> bool:
    """Whether the sheet is read in slices (else calamine loads it whole)."""
    assert isinstance(sheet.rows, readers._SheetRows)
    return sheet.rows.streams


def whole_sheet_rows(path: Path) -> list[tuple[int, list[Any]]]:
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_name("台帳")
    return list(readers._calamine_rows(sheet))


# --- the streamed path ---------------------------------------------------------------------------


@pytest.mark.parametrize("compression", ["deflated", "stored"])
@pytest.mark.parametrize("entry", [SHEET, STRINGS])
@pytest.mark.parametrize("forgery", FORGERIES)
@pytest.mark.usefixtures("small_defer")
def test_a_large_part_that_lies_is_refused_while_the_sheet_is_read(tmp_path: Path, forgery: str,
                                                                   entry: str,
                                                                   compression: str) -> None:
    path = forge(register(tmp_path / "台帳.xlsx", compression), entry, forgery)
    checked = inspect_file(path, defer_large=True)
    assert checked.kind == "xlsx" and entry in checked.unverified  # left to the reader
    [sheet] = open_sheets(path)
    with pytest.raises(InputRejected) as caught:
        list(sheet.rows())
    assert_refused(caught, forgery, entry)
    for full_check in (check_file, lambda p: verify_entries(p, checked.unverified)):
        with pytest.raises(InputRejected) as up_front:  # the same answer as checking first
            full_check(path)
        assert_refused(up_front, forgery, entry)


@pytest.mark.parametrize("compression", ["deflated", "stored"])
@pytest.mark.usefixtures("small_defer")
def test_the_sheet_stream_never_hands_out_more_than_the_part_declares(tmp_path: Path,
                                                                      compression: str) -> None:
    path = register(tmp_path / "台帳.xlsx", compression)
    xml = entry_bytes(path, SHEET)
    declared = len(xml) // 2
    forge_sizes(path, {SHEET: declared})
    handed: list[bytes] = []
    with pytest.raises(InputRejected) as caught, xlsx_stream._Entry(path, SHEET) as stream:
        while block := stream.read(1000):
            handed.append(block)
    assert caught.value.params["entry"] == SHEET
    assert len(b"".join(handed)) > declared - 1000  # what was handed out is what was declared
    assert xml[:declared].startswith(b"".join(handed))


@pytest.mark.usefixtures("small_defer", "tiny_slices")
def test_rows_read_before_the_lie_is_found_all_lie_within_the_declared_size(tmp_path: Path,
                                                                             ) -> None:
    path = register(tmp_path / "台帳.xlsx")
    xml = entry_bytes(path, SHEET)
    declared = len(xml) // 2
    forge_sizes(path, {SHEET: declared})
    last_declared = xml.count(b"</row>", 0, declared)  # rows 1… whose end tag is declared
    [sheet] = open_sheets(path)
    assert streams(sheet)
    seen: list[int] = []
    with pytest.raises(InputRejected) as caught:
        for number, _ in sheet.rows():
            seen.append(number)
    assert caught.value.code == "zip_bomb_size_mismatch"
    assert seen and max(seen) <= last_declared < 121  # streamed, and stopped at the bound


@pytest.mark.parametrize("compression", ["deflated", "stored"])
@pytest.mark.usefixtures("tiny_slices")
def test_a_valid_large_sheet_streams_and_reads_as_after_the_full_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compression: str) -> None:
    path = register(tmp_path / "台帳.xlsx", compression)
    twin = Path(shutil.copy(path, tmp_path / "写し.xlsx"))
    assert check_file(twin) == "xlsx"
    assert inspect_file(twin, defer_large=True).unverified == frozenset()  # 16 MiB: none
    expected = list(open_sheets(twin)[0].rows())
    monkeypatch.setattr(safety, "DEFER_BYTES", DEFER)
    unverified = inspect_file(path, defer_large=True).unverified
    assert {SHEET, STRINGS} <= unverified and "[Content_Types].xml" not in unverified
    [sheet] = open_sheets(path)
    assert streams(sheet)
    rows = list(sheet.rows())
    assert rows == expected and len(rows) == 121
    assert [(n, c[:3]) for n, c in rows] == [(n, c[:3]) for n, c in whole_sheet_rows(path)]


# --- the whole-load path -------------------------------------------------------------------------


@pytest.mark.parametrize("forgery", FORGERIES)
@pytest.mark.usefixtures("small_defer", "whole_load")
def test_a_sheet_loaded_whole_is_verified_before_calamine_opens_the_workbook(tmp_path: Path,
                                                                             forgery: str) -> None:
    path = forge(register(tmp_path / "base.xlsx"), SHEET, forgery)
    assert SHEET in inspect_file(path, defer_large=True).unverified
    [sheet] = open_sheets(path)
    assert not streams(sheet)
    with pytest.raises(InputRejected) as caught:
        list(sheet.rows())
    assert_refused(caught, forgery, SHEET)  # calamine's own error would be file_corrupt


@pytest.mark.parametrize("whole", [True, False])
@pytest.mark.usefixtures("small_defer")
def test_a_sheet_part_named_in_another_case_reads_as_calamine_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole: bool) -> None:
    if whole:
        monkeypatch.setattr(readers, "_slice_plan", lambda book, name: None)
    path = case_insensitive_target(register(tmp_path / "base.xlsx"), tmp_path / "台帳.xlsx")
    assert SHEET in inspect_file(path, defer_large=True).unverified
    [sheet] = open_sheets(path)
    assert streams(sheet) is not whole
    rows = list(sheet.rows())
    assert rows == whole_sheet_rows(path) and rows[1][1][:2] == ["31000002", "株式会社テスト2"]
    assert readers.formula_cells(sheet) == set()


# --- an import -----------------------------------------------------------------------------------


def employer_register(path: Path, count: int) -> Path:
    rows: list[list[Any]] = [EMPLOYER_HEADERS]
    rows += [[f"3100{i:04d}", f"株式会社テスト{i}", f"テスト{i}", "312011", 12, "2025/3/31"]
             for i in range(1, count + 1)]
    cells = {(r, c): value for r, row in enumerate(rows, start=1)
             for c, value in enumerate(row, start=1)}
    return write_xlsxwriter(path, {"事業所": cells})


def contents(store_path: Path) -> dict[str, list[str]]:
    """Every table's rows (as text, sorted): what an import could change."""
    with open_store(store_path) as store:
        tables = [r[0] for r in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(repr(tuple(r)) for r in store.query(f"SELECT * FROM {t}"))
                for t in tables}


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "branch.db"
    create_store(path, "31").close()
    return path


@pytest.mark.parametrize("held", [0, 5], ids=["empty store", "store with a register"])
@pytest.mark.usefixtures("small_defer", "tiny_slices")
def test_an_import_whose_sheet_fails_its_crc_is_refused_and_leaves_the_store_as_it_was(
        tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch, held: int) -> None:
    if held:
        run_import(store_path, [employer_register(tmp_path / "前回.xlsx", held)], ImportOptions())
    before = contents(store_path)
    path = forge_crc(employer_register(tmp_path / "台帳.xlsx", 150), SHEET)
    assert SHEET in inspect_file(path, defer_large=True).unverified
    monkeypatch.setattr(validate, "CHUNK_ROWS", 40)  # rows are staged before the CRC is known
    with pytest.raises(InputRejected) as caught:  # found after the header, while validating
        run_import(store_path, [path], ImportOptions())
    assert caught.value.code == "file_corrupt" and caught.value.exit_code == 2
    assert caught.value.params["detail"] == f"{SHEET}: CRC"
    assert contents(store_path) == before


@pytest.mark.usefixtures("small_defer")
def test_a_part_found_lying_at_the_header_scan_rejects_the_import(tmp_path: Path,
                                                                   store_path: Path) -> None:
    path = forge_crc(employer_register(tmp_path / "台帳.xlsx", 150), SHEET)
    before = contents(store_path)
    result = run_import(store_path, [path], ImportOptions())  # the whole part in one block
    assert result.outcome == "rejected" and result.exit_code == 2
    assert "file_corrupt" in [p.code for p in result.errors]
    assert contents(store_path) == before


@pytest.mark.usefixtures("small_defer", "tiny_slices")
def test_the_same_register_with_its_crc_intact_imports_every_row(tmp_path: Path,
                                                                  store_path: Path) -> None:
    path = employer_register(tmp_path / "台帳.xlsx", 150)
    assert SHEET in inspect_file(path, defer_large=True).unverified
    result = run_import(store_path, [path], ImportOptions())
    assert result.outcome == "imported" and result.sheets[0].counts["added"] == 150
    assert len(contents(store_path)["employers"]) == 150
