"""Builders of the files the reader and safety tests read: real workbooks, CSVs, hostile files.

Everything is written by the test itself (openpyxl, XlsxWriter, csv, zipfile, or raw bytes);
no binary fixtures. Synthetic data only.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

Cells = dict[tuple[int, int], Any]  # (row, column), both 1-based as Excel shows them


def write_xlsxwriter(path: Path, sheets: dict[str, Cells], *, options: dict[str, Any] | None = None,
                     hidden: tuple[str, ...] = (), very_hidden: tuple[str, ...] = ()) -> Path:
    """A workbook written by XlsxWriter; date and datetime values get a date format."""
    workbook = xlsxwriter.Workbook(str(path), options or {})
    date_format = workbook.add_format({"num_format": "yyyy/mm/dd"})
    for name, cells in sheets.items():
        sheet = workbook.add_worksheet(name)
        for (row, column), value in cells.items():
            if hasattr(value, "year"):
                sheet.write_datetime(row - 1, column - 1, value, date_format)
            else:
                sheet.write(row - 1, column - 1, value)
        if name in hidden:
            sheet.hide()
        if name in very_hidden:
            sheet.very_hidden()
    workbook.close()
    return path


def write_openpyxl(path: Path, sheets: dict[str, Cells], *, hidden: tuple[str, ...] = (),
                   very_hidden: tuple[str, ...] = (), date1904: bool = False) -> Path:
    """A workbook written by openpyxl: formulas get no cached value, as from any program."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    if date1904:
        workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for name, cells in sheets.items():
        sheet = workbook.create_sheet(name)
        for (row, column), value in cells.items():
            sheet.cell(row=row, column=column, value=value)
            if hasattr(value, "year"):
                sheet.cell(row=row, column=column).number_format = "yyyy/mm/dd"
        sheet.sheet_state = ("hidden" if name in hidden
                             else "veryHidden" if name in very_hidden else "visible")
    workbook.save(path)
    return path


WRITERS: dict[str, Callable[..., Path]] = {"xlsxwriter": write_xlsxwriter,
                                           "openpyxl": write_openpyxl}


def rewrite_zip(source: Path, target: Path, change: Callable[[str, bytes], bytes | None],
                extra: dict[str, bytes] | None = None) -> Path:
    """A copy of a zip with each entry passed through ``change`` (None drops it), plus ``extra``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def small_workbook(path: Path) -> Path:
    """A plain one-sheet workbook to start hostile variants from."""
    return write_xlsxwriter(path, {"台帳": {(1, 1): "事業所記号", (1, 2): "被保険者数",
                                           (2, 1): "12345678", (2, 2): 10}})


# --- CSV -----------------------------------------------------------------------------------------


def write_bytes(path: Path, data: bytes) -> Path:
    """A file holding exactly ``data``."""
    path.write_bytes(data)
    return path


# --- zip bombs and forged zips -------------------------------------------------------------------


def zip_with_zeros(path: Path, megabytes: int, base: Path | None = None) -> Path:
    """A zip (a copy of ``base``'s entries, if given) plus one entry of ``megabytes`` MB of zeros,
    streamed in 1 MB chunks: each MB deflates to about 1 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if base is not None:
            with zipfile.ZipFile(base) as old:
                for info in old.infolist():
                    zf.writestr(info.filename, old.read(info.filename))
        with zf.open("xl/worksheets/sheet9.xml", "w", force_zip64=True) as entry:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                entry.write(chunk)
    return path


def _central_records(data: bytes) -> list[int]:
    """Offsets of the central directory records of a zip without a comment."""
    count, _, start = struct.unpack_from("<HII", data, len(data) - 22 + 10)
    offsets, offset = [], start
    for _ in range(count):
        offsets.append(offset)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        offset += 46 + name_len + extra_len + comment_len
    return offsets


def forge_crc(path: Path, name: str) -> Path:
    """Rewrite the CRC-32 a zip declares for one entry (both headers); the bytes stay."""
    data = bytearray(path.read_bytes())
    for record in _central_records(bytes(data)):
        name_len = struct.unpack_from("<H", data, record + 28)[0]
        if data[record + 46: record + 46 + name_len].decode() == name:
            local = struct.unpack_from("<I", data, record + 42)[0]
            crc = struct.unpack_from("<I", data, record + 16)[0] ^ 0x5A5A5A5A
            struct.pack_into("<I", data, record + 16, crc)
            struct.pack_into("<I", data, local + 14, crc)
    path.write_bytes(bytes(data))
    return path


def forge_sizes(path: Path, declared: dict[str, int]) -> Path:
    """Rewrite the uncompressed sizes a zip declares for some entries (both headers)."""
    data = bytearray(path.read_bytes())
    for record in _central_records(bytes(data)):
        name_len = struct.unpack_from("<H", data, record + 28)[0]
        name = data[record + 46: record + 46 + name_len].decode()
        if name in declared:
            local = struct.unpack_from("<I", data, record + 42)[0]
            struct.pack_into("<I", data, record + 24, declared[name])
            struct.pack_into("<I", data, local + 22, declared[name])
    path.write_bytes(bytes(data))
    return path


def overlapping_zip(path: Path) -> Path:
    """Two central-directory entries pointing at the same compressed bytes (a "better zip bomb")."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.xml", bytes(range(256)) * 400)
    data = path.read_bytes()
    record = _central_records(data)[0]
    central, end = data[record:-22], bytearray(data[-22:])
    twin = central.replace(b"a.xml", b"b.xml")
    struct.pack_into("<HHI", end, 8, 2, 2, len(central) * 2)
    return write_bytes(path, data[:record] + central + twin + bytes(end))


def forge_entry_count(path: Path, count: int) -> Path:
    """Rewrite the entry count a zip's end record declares (the entries stay as they are)."""
    data = bytearray(path.read_bytes())
    struct.pack_into("<HH", data, len(data) - 22 + 8, count, count)
    return write_bytes(path, bytes(data))


def many_entries_zip(path: Path, count: int) -> Path:
    """A zip of ``count`` empty entries."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(f"part{i}.xml", b"")
    return path


# --- OLE compound files --------------------------------------------------------------------------

_END, _FREE, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(path: Path, streams: list[str]) -> Path:
    """A minimal OLE compound file (MS-CFB v3) whose directory lists ``streams`` (empty ones).

    Encrypted OOXML (a password-protected .xlsx) is such a file with EncryptionInfo and
    EncryptedPackage streams; a legacy .xls has a Workbook stream.
    """
    entries = [_directory_entry("Root Entry", 5, child=1 if streams else _NO_STREAM)]
    for i, name in enumerate(streams, start=1):
        entries.append(_directory_entry(name, 2, right=i + 1 if i < len(streams) else _NO_STREAM))
    entries += [bytes(128)] * (-len(entries) % 4)
    directory_sectors = len(entries) // 4
    fat = [_FAT_SECTOR] + [i + 1 for i in range(1, directory_sectors)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *[_FREE] * 108)
    return write_bytes(path, bytes(header) + struct.pack("<128I", *fat) + b"".join(entries))


def _directory_entry(name: str, kind: int, *, child: int = _NO_STREAM,
                     right: int = _NO_STREAM) -> bytes:
    entry = bytearray(128)
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    entry[0: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 0x44, _NO_STREAM, right, child)
    struct.pack_into("<II", entry, 0x74, _END, 0)
    return bytes(entry)
