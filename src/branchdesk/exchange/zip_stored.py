"""A stored (uncompressed) zip archive assembled in memory in one pass.

Each slice of a large sheet becomes a small workbook for calamine: the same few package parts
(``StoredZip``'s fixed entries) plus the slice's XML. ``zipfile`` would copy each slice into a
growing buffer and checksum it with zlib; here the fixed entries are laid out once and each
archive is one ``bytes.join`` of them, the slice's header, the slice and the directory, with the
checksum from ``inflate.crc32`` (zlib-ng's, several times faster).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

from branchdesk.exchange import inflate

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_DATE = 0x21  # 1980-01-01
_UTF8_NAMES = 0x0800


class StoredZip:
    """Archives holding ``fixed`` (name → bytes) and one more entry given per ``archive`` call."""

    def __init__(self, fixed: Mapping[str, bytes]) -> None:
        self.local = bytearray()
        self.central: list[bytes] = []
        for name, data in fixed.items():
            self._add(name, data, inflate.crc32(data))
        self.prefix = bytes(self.local)

    def _add(self, name: str, data: bytes, crc: int) -> None:
        """Lay a fixed entry out after the ones before."""
        encoded, flags = _name(name)
        header = _LOCAL.pack(0x04034B50, 20, flags, 0, 0, _DOS_DATE, crc, len(data), len(data),
                             len(encoded), 0) + encoded
        self.central.append(_CENTRAL.pack(
            0x02014B50, 20, 20, flags, 0, 0, _DOS_DATE, crc, len(data), len(data), len(encoded),
            0, 0, 0, 0, 0, len(self.local)) + encoded)
        self.local += header + data

    def archive(self, name: str, data: bytes) -> bytes:
        """The archive of the fixed entries and ``name`` holding ``data``."""
        encoded, flags = _name(name)
        crc, offset = inflate.crc32(data), len(self.prefix)
        header = _LOCAL.pack(0x04034B50, 20, flags, 0, 0, _DOS_DATE, crc, len(data), len(data),
                             len(encoded), 0) + encoded
        central = [*self.central, _CENTRAL.pack(
            0x02014B50, 20, 20, flags, 0, 0, _DOS_DATE, crc, len(data), len(data), len(encoded),
            0, 0, 0, 0, 0, offset) + encoded]
        directory = b"".join(central)
        start = offset + len(header) + len(data)
        end = _END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0)
        return b"".join((self.prefix, header, data, directory, end))


def _name(name: str) -> tuple[bytes, int]:
    """The entry name as stored, and the flag that says it is UTF-8 (when it is not ASCII)."""
    return (name.encode(), 0) if name.isascii() else (name.encode(), _UTF8_NAMES)
