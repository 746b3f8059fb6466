"""Hostile-file safety for OLE compound files (MS-CFB): a legacy .xls, or a password-protected
OOXML workbook (Excel wraps an encrypted .xlsx in one). The directory is read by walking the FAT
with bounds, never trusting a sector number, so a crafted file cannot make it loop or read past
the end.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from branchdesk.domain.errors import InputRejected


def ole_kind(path: Path, size: int) -> str:
    """"xls" for an OLE compound file holding a workbook stream; ``InputRejected`` for an
    encrypted OOXML package, a damaged file or another OLE document."""
    try:
        with path.open("rb") as f:
            names = {name.casefold() for name in _ole_stream_names(f, size)}
    except (struct.error, ValueError) as e:
        raise InputRejected("file_corrupt", path=str(path), detail=f"OLE: {e}") from e
    if names & {"encryptedpackage", "encryptioninfo"}:
        raise InputRejected("file_encrypted", path=str(path))
    if names & {"workbook", "book"}:
        return "xls"
    raise InputRejected("not_spreadsheet", path=str(path), content="OLE2")


_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE


def _ole_stream_names(f: BinaryIO, size: int) -> list[str]:
    """Names in the directory of an OLE compound file (MS-CFB), walking its FAT with bounds."""
    header = f.read(512)
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError(f"sector shift {shift}")
    sector = 1 << shift
    fat_ids = _fat_sector_ids(f, header, sector, size)
    fat = b"".join(_read_sector(f, i, sector) for i in fat_ids)
    fat_entries = struct.unpack(f"<{len(fat) // 4}I", fat[: len(fat) // 4 * 4])
    names: list[str] = []
    current, budget = struct.unpack_from("<I", header, 0x30)[0], size // sector + 1
    while current < len(fat_entries) and budget > 0:
        names.extend(_directory_names(_read_sector(f, current, sector)))
        current, budget = fat_entries[current], budget - 1
    return names


def _fat_sector_ids(f: BinaryIO, header: bytes, sector: int, size: int) -> list[int]:
    ids = [i for i in struct.unpack_from("<109I", header, 0x4C) if i < _END]
    difat, budget = struct.unpack_from("<I", header, 0x44)[0], size // sector + 1
    per_sector = sector // 4 - 1
    while difat < _END and budget > 0:
        block = struct.unpack(f"<{per_sector + 1}I", _read_sector(f, difat, sector))
        ids.extend(i for i in block[:per_sector] if i < _END)
        difat, budget = block[per_sector], budget - 1
    return ids


def _read_sector(f: BinaryIO, index: int, sector: int) -> bytes:
    f.seek((index + 1) * sector)
    data = f.read(sector)
    if len(data) != sector:
        raise ValueError(f"sector {index} beyond the end of the file")
    return data


def _directory_names(block: bytes) -> list[str]:
    names = []
    for offset in range(0, len(block), 128):
        length = struct.unpack_from("<H", block, offset + 0x40)[0]
        if 2 <= length <= 64 and block[offset + 0x42] in (1, 2, 5):
            names.append(block[offset: offset + length - 2].decode("utf-16-le", "replace"))
    return names
