"""The slice workbooks are zip archives assembled by hand: zipfile must read them as valid
(sizes, CRCs, names) and calamine must read the same cells from them as from the workbook."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from workbooks_readers import write_xlsxwriter

from branchdesk.exchange.zip_stored import StoredZip


@pytest.mark.parametrize("fixed", [{}, {"a.xml": b"<a/>"}, {"日本語/部品.xml": b"x" * 5000,
                                                             "b": b""}])
@pytest.mark.parametrize("last", [b"", b"<row/>" * 1000])
def test_an_assembled_archive_is_a_valid_zip_holding_every_entry(fixed, last):
    data = StoredZip(fixed).archive("xl/worksheets/sheet1.xml", last)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None  # every CRC checks
        assert {i.filename: zf.read(i) for i in zf.infolist()} == {
            **fixed, "xl/worksheets/sheet1.xml": last}


def test_a_workbook_reassembled_reads_as_the_original(tmp_path: Path):
    cells = {(r, c): f"株式会社{r}-{c}" if c % 2 else r * c for r in range(1, 40)
             for c in range(1, 6)}
    path = write_xlsxwriter(tmp_path / "台帳.xlsx", {"台帳": cells})
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    data = StoredZip({n: v for n, v in parts.items() if n != sheet}).archive(sheet, parts[sheet])
    rebuilt = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("台帳")
    original = CalamineWorkbook.from_path(path).get_sheet_by_name("台帳")
    assert rebuilt.to_python() == original.to_python()
    assert rebuilt.to_python()[0][:2] == ["株式会社1-1", 2]
