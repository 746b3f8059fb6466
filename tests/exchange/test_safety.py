"""Hostile-file safety: every file is judged by its bytes before any parser sees it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from workbooks_readers import (
    forge_entry_count,
    forge_sizes,
    many_entries_zip,
    ole_file,
    overlapping_zip,
    rewrite_zip,
    small_workbook,
    write_bytes,
    write_openpyxl,
    zip_with_zeros,
)

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import safety
from branchdesk.exchange.readers import open_sheets
from branchdesk.exchange.safety import check_file

MACRO_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
SHEET_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _macro_enabled(tmp: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        return data.replace(SHEET_TYPE, MACRO_TYPE) if name == "[Content_Types].xml" else data

    return rewrite_zip(small_workbook(tmp / "base.xlsx"), tmp / "マクロ付き.xlsm", change)


ACCEPTED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "xlsx by XlsxWriter": (lambda tmp: small_workbook(tmp / "台帳.xlsx"), "xlsx"),
    "xlsx by openpyxl": (lambda tmp: write_openpyxl(tmp / "台帳.xlsx", {"S": {(1, 1): "x"}}),
                         "xlsx"),
    "xlsm": (_macro_enabled, "xlsm"),
    "xlsx named .xls": (lambda tmp: small_workbook(tmp / "古い名前.xls"), "xlsx"),
    "csv": (lambda tmp: write_bytes(tmp / "台帳.csv", "記号,名称\n1,株式会社\n".encode()), "csv"),
    "csv with upper-case suffix": (lambda tmp: write_bytes(tmp / "A.CSV", b"a,b\n"), "csv"),
    "OLE with a Workbook stream": (lambda tmp: ole_file(tmp / "old.xls", ["Workbook"]), "xls"),
}


@pytest.mark.parametrize("case", ACCEPTED, ids=str)
def test_a_real_spreadsheet_is_recognised_by_its_content(tmp_path, case):
    build, expected = ACCEPTED[case]
    assert check_file(build(tmp_path)) == expected


def _truncated(tmp: Path) -> Path:
    data = small_workbook(tmp / "full.xlsx").read_bytes()
    return write_bytes(tmp / "途中まで.xlsx", data[: len(data) // 2])


def _damaged(tmp: Path) -> Path:
    data = bytearray(small_workbook(tmp / "full.xlsx").read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 30  # inside the sheet's deflated bytes
    data[start: start + 40] = bytes(40)
    return write_bytes(tmp / "壊れた.xlsx", bytes(data))


def _word_like(tmp: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        word = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        return data.replace(SHEET_TYPE, word) if name == "[Content_Types].xml" else data

    return rewrite_zip(small_workbook(tmp / "base.xlsx"), tmp / "文書.xlsx", change)


def _ods_like(tmp: Path) -> Path:
    return rewrite_zip(small_workbook(tmp / "base.xlsx"), tmp / "表.xlsx",
                       lambda name, data: None if name == "[Content_Types].xml" else data,
                       extra={"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})


def _zip_bomb(tmp: Path) -> Path:
    return zip_with_zeros(tmp / "bomb.xlsx", 64, base=small_workbook(tmp / "base.xlsx"))


def _declared_huge_entry(tmp: Path) -> Path:
    path = zip_with_zeros(tmp / "huge.xlsx", 0, base=small_workbook(tmp / "base.xlsx"))
    return forge_sizes(path, {"xl/styles.xml": 1_500_000_000})


def _declared_huge_total(tmp: Path) -> Path:
    path = rewrite_zip(small_workbook(tmp / "base.xlsx"), tmp / "total.xlsx", lambda n, d: d,
                       extra={f"xl/media/image{i}.bin": os.urandom(5 << 20) for i in range(3)})
    return forge_sizes(path, {f"xl/media/image{i}.bin": 900_000_000 for i in range(3)})


def _lying_size(tmp: Path) -> Path:
    path = rewrite_zip(small_workbook(tmp / "base.xlsx"), tmp / "liar.xlsx", lambda n, d: d,
                       extra={"xl/media/big.bin": bytes(2 << 20)})
    return forge_sizes(path, {"xl/media/big.bin": 1000})


REJECTED: dict[str, tuple[Callable[[Path], Path], str, dict[str, object]]] = {
    "empty file": (lambda tmp: write_bytes(tmp / "空.xlsx", b""), "file_empty", {}),
    "empty csv": (lambda tmp: write_bytes(tmp / "空.csv", b""), "file_empty", {}),
    "missing file": (lambda tmp: tmp / "ない.xlsx", "input_file_missing", {}),
    "a folder": (lambda tmp: tmp, "input_file_missing", {}),
    "text renamed .xlsx": (lambda tmp: write_bytes(tmp / "名簿.xlsx", "事業所記号,名称\n".encode()),
                           "not_spreadsheet", {"content": "text"}),
    "PDF renamed .xlsx": (lambda tmp: write_bytes(tmp / "報告.xlsx", b"%PDF-1.7\n%\xe2\xe3\n1 0"),
                          "not_spreadsheet", {"content": "PDF"}),
    "PNG named .csv": (lambda tmp: write_bytes(tmp / "図.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
                       "not_spreadsheet", {"content": "PNG"}),
    "binary named .csv": (lambda tmp: write_bytes(tmp / "bin.csv", b"a,b\n\x00\x01\x02\x03"),
                          "not_spreadsheet", {"content": "binary"}),
    "HTML named .xls": (lambda tmp: write_bytes(
        tmp / "出力.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
        "not_spreadsheet", {"content": "HTML"}),
    "text named .xls": (lambda tmp: write_bytes(tmp / "古い.xls", b"just some text\n"),
                        "not_spreadsheet", {"content": "text"}),
    "CSV text named .txt": (lambda tmp: write_bytes(tmp / "a.txt", b"a,b\n1,2\n"),
                            "not_spreadsheet", {"content": "text"}),
    "Word-like package named .xlsx": (_word_like, "not_spreadsheet", {"content": "ZIP"}),
    "OpenDocument named .xlsx": (_ods_like, "not_spreadsheet", {"content": "ODS"}),
    "OLE without a workbook": (lambda tmp: ole_file(tmp / "doc.xls", ["WordDocument"]),
                               "not_spreadsheet", {"content": "OLE2"}),
    "UTF-16 csv": (lambda tmp: write_bytes(tmp / "u16.csv", "記号,名称\n".encode("utf-16")),
                   "csv_encoding_unknown", {}),
    "truncated xlsx": (_truncated, "file_truncated", {}),
    "damaged xlsx": (_damaged, "file_corrupt", {}),
    "encrypted OOXML named .xlsx": (lambda tmp: ole_file(
        tmp / "秘密.xlsx", ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]),
        "file_encrypted", {}),
    "zip bomb (ratio)": (_zip_bomb, "zip_bomb_ratio", {"entry": "xl/worksheets/sheet9.xml"}),
    "entry declaring 1.5 GB": (_declared_huge_entry, "zip_bomb_entry_size",
                               {"entry": "xl/styles.xml"}),
    "entries declaring 2.7 GB": (_declared_huge_total, "zip_bomb_total_size", {}),
    "entries sharing bytes": (lambda tmp: overlapping_zip(tmp / "twins.xlsx"), "zip_bomb_overlap",
                              {}),
    "entry larger than declared": (_lying_size, "zip_bomb_size_mismatch",
                                   {"entry": "xl/media/big.bin"}),
    "10,001 entries": (lambda tmp: many_entries_zip(tmp / "many.xlsx", 10_001),
                       "zip_bomb_entries", {"count": 10_001}),
    "end record declaring 60,000 entries": (lambda tmp: forge_entry_count(
        small_workbook(tmp / "forged.xlsx"), 60_000), "zip_bomb_entries", {"count": 60_000}),
}


@pytest.mark.parametrize("case", REJECTED, ids=str)
def test_a_hostile_or_broken_file_is_rejected_with_its_own_code_and_nothing_is_left(tmp_path,
                                                                                   case):
    build, code, params = REJECTED[case]
    path = build(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    for attempt in (check_file, open_sheets):
        with pytest.raises(InputRejected) as caught:
            attempt(path)
        assert caught.value.code == code
        assert caught.value.exit_code == 2
        assert params.items() <= caught.value.params.items()
    assert sorted(tmp_path.rglob("*")) == before  # no temporary or partial files


@pytest.mark.parametrize("case", ["zip bomb (ratio)", "entry declaring 1.5 GB",
                                  "entries sharing bytes"])
def test_a_zip_bomb_is_refused_in_well_under_a_second(tmp_path, case):
    path = REJECTED[case][0](tmp_path)
    start = time.perf_counter()
    with pytest.raises(InputRejected):
        check_file(path)
    assert time.perf_counter() - start < 0.5


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "巨大.csv"
    with path.open("wb") as f:  # sparse: no gigabyte is written
        f.truncate(safety.MAX_FILE_BYTES + 1)
    with pytest.raises(InputRejected) as caught:
        check_file(path)
    assert caught.value.code == "file_too_large"
    assert caught.value.params["limit_mb"] == 1024


@pytest.mark.parametrize("case", ["truncated xlsx", "encrypted OOXML named .xlsx",
                                  "PDF renamed .xlsx", "zip bomb (ratio)"])
def test_the_message_names_the_file_in_japanese_and_english(tmp_path, case):
    path = REJECTED[case][0](tmp_path)
    with pytest.raises(InputRejected) as caught:
        check_file(path)
    japanese, english = caught.value.render("ja"), caught.value.render("en")
    assert str(path) in japanese and str(path) in english
    assert japanese != english and any("\u3040" <= ch <= "\u30ff" for ch in japanese)


def test_a_real_workbook_passes_the_zip_limits_with_room_to_spare(tmp_path):
    rows = {(r, c): f"株式会社サンプル{r}-{c}" if c % 2 else r * c
            for r in range(1, 2001) for c in range(1, 13)}
    path = write_openpyxl(tmp_path / "register.xlsx", {"台帳": rows})
    assert check_file(path) == "xlsx"
