"""Hostile-file safety: what a file is, decided from its bytes before any parser sees it.

``check_file`` answers "xlsx", "xlsm", "xls" or "csv", or raises ``InputRejected`` with its own
code (exchange.md §2, last paragraph): a missing, empty or oversized file, a file that is not a
spreadsheet whatever its name says, a password-protected workbook, a truncated or corrupt zip,
and a zip bomb. The checks read the file at most once more than a reader would, so even a large
register is answered within a few seconds, and they never write anything.

Zip limits (a real 600,000-row × 12-column register is ~150 MB of XML at a ratio below 20):

- the file on disk is at most ``MAX_FILE_BYTES`` (1 GiB);
- at most ``MAX_ENTRIES`` (10,000) entries, each declaring at most ``MAX_ENTRY_BYTES`` (1 GiB)
  uncompressed, all together at most ``MAX_TOTAL_BYTES`` (2 GiB);
- an entry declaring more than ``RATIO_FLOOR_BYTES`` (1 MiB) expands at most ``MAX_RATIO``
  (200) times its compressed size;
- entries do not share compressed bytes (their compressed sizes fit in the file);
- only stored and deflated entries, none encrypted;
- each entry, inflated with a bound, gives exactly its declared size and CRC: declared sizes that
  lie are caught before a reader that trusts them inflates gigabytes.

``check_file`` runs all of them. ``inspect_file(path, defer_large=True)`` (the import's check:
a large sheet is not inflated twice) skips the last one for entries declaring more than
``DEFER_BYTES`` (16 MiB) and reports them as ``Checked.unverified``. The rule for those: no
reader inflates one without a bound. It runs ``verify_entries`` first (before calamine opens
the workbook), or inflates it no further than its declared size and compares size and CRC at
its end with the same codes (``xlsx_stream._Entry`` streaming a sheet, ``read_entry``).

An OLE compound file (a .xls, or an encrypted OOXML workbook) is judged by ``safety_ole``.
The package-part helpers below (``workbook_part``, ``sheet_part``, ``read_part``) read the small
XML parts of an xlsx with defusedxml (through ``read_entry``), for the format, the 1904 flag and
the formula check.
"""

from __future__ import annotations

import contextlib
import posixpath
import struct
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import inflate
from branchdesk.exchange.safety_ole import ole_kind

MAX_FILE_BYTES = 1 << 30
MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 1 << 30
MAX_TOTAL_BYTES = 2 << 30
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1 << 20
#: Package parts read into memory to decide the format ([Content_Types].xml, workbook.xml).
MAX_PART_BYTES = 64 << 20
#: Entries declaring more than this are left to the reader by ``inspect_file(defer_large=True)``.
DEFER_BYTES = 16 << 20

SNIFF_BYTES = 64 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV_SUFFIXES = (".csv",)

_MAGIC_LABELS = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
    (b"Rar!", "RAR"), (b"7z\xbc\xaf", "7Z"), (b"\x1f\x8b", "GZIP"), (b"MZ", "EXE"),
    (b"{\\rtf", "RTF"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsm",
}
_XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Checked:
    """What ``inspect_file`` found: the format, and the zip entries whose inflated size and CRC
    are still to be checked (each declares more than ``DEFER_BYTES``)."""

    kind: str
    unverified: frozenset[str] = frozenset()


def check_file(path: Path) -> str:
    """The format of ``path`` by its content: "xlsx", "xlsm", "xls" or "csv".

    Raises ``InputRejected`` (each cause its own code) for anything an import must not parse.
    A text file is taken as CSV only under a .csv name; its encoding is checked by the reader.
    Every zip entry is inflated (with a bound) and its size and CRC compared.
    """
    return inspect_file(path, defer_large=False).kind


def inspect_file(path: Path, *, defer_large: bool) -> Checked:
    """``check_file``, but with ``defer_large`` the entries declaring more than ``DEFER_BYTES``
    are not inflated: they come back as ``Checked.unverified`` (see the module's rule). Every
    other check runs on every entry."""
    size = _checked_size(path)
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path, size, defer_large)
    if head.startswith(OLE_MAGIC):
        return Checked(ole_kind(path, size))
    return Checked(_check_text(path, head))


def verify_entries(path: Path, names: Collection[str]) -> None:
    """Inflate the entries ``names`` of the zip at ``path`` (each no further than its declared
    size + 1 byte) and compare size and CRC, as ``check_file`` does: ``InputRejected``
    ("zip_bomb_size_mismatch" or "file_corrupt") when one differs."""
    if not names:
        return
    with _zip_errors(path), zipfile.ZipFile(path) as zf, path.open("rb") as raw:
        infos = [info for info in zf.infolist() if info.filename in names]
        if {info.filename for info in infos} != set(names):
            raise InputRejected("file_corrupt", path=str(path), detail="entry missing")
        for info in infos:
            _check_inflated(path, raw, info)


def read_entry(path: Path, info: zipfile.ZipInfo) -> bytes:
    """The content of the entry ``info`` of the zip at ``path``, inflated no further than its
    declared size + 1 byte; size and CRC compared as ``check_file`` does."""
    blocks: list[bytes] = []
    with _zip_errors(path), path.open("rb") as raw:
        _check_inflated(path, raw, info, blocks)
    return b"".join(blocks)


def _checked_size(path: Path) -> int:
    if not path.is_file():
        raise InputRejected("input_file_missing", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputRejected("file_empty", path=str(path))
    if size > MAX_FILE_BYTES:
        raise InputRejected("file_too_large", path=str(path), size_mb=size >> 20,
                            limit_mb=MAX_FILE_BYTES >> 20)
    return size


def _not_spreadsheet(path: Path, content: str) -> InputRejected:
    return InputRejected("not_spreadsheet", path=str(path), content=content)


# --- zip (xlsx, xlsm) --------------------------------------------------------------------------


def _check_zip(path: Path, size: int, defer_large: bool) -> Checked:
    count = _declared_entry_count(path, size)
    if count > MAX_ENTRIES:  # refused before zipfile builds an object per entry
        raise InputRejected("zip_bomb_entries", path=str(path), count=count, limit=MAX_ENTRIES)
    with _zip_errors(path), zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        _check_entries(path, infos, size)
        deferred = {i.filename for i in infos if defer_large and i.file_size > DEFER_BYTES}
        with path.open("rb") as raw:
            for info in infos:
                if info.filename not in deferred:
                    _check_inflated(path, raw, info)
        return Checked(_ooxml_format(path, zf), frozenset(deferred))


@contextlib.contextmanager
def _zip_errors(path: Path) -> Iterator[None]:
    """The errors of a damaged zip (zipfile's, zlib's, a short read) as ``file_corrupt``."""
    try:
        yield
    except (zipfile.BadZipFile, zipfile.LargeZipFile, *inflate.ERRORS, EOFError, struct.error,
            OSError) as e:
        raise InputRejected("file_corrupt", path=str(path), detail=str(e)) from e


def _declared_entry_count(path: Path, size: int) -> int:
    """The entry count of the end-of-central-directory record (zip64 too), within the last
    22–65,557 bytes; a zip cut short has lost that record."""
    with path.open("rb") as f:
        f.seek(max(0, size - (22 + 0xFFFF)))
        tail = f.read()
        end = tail.rfind(b"PK\x05\x06")
        if end < 0 or len(tail) - end < 22:
            raise InputRejected("file_truncated", path=str(path))
        count: int = struct.unpack_from("<H", tail, end + 10)[0]
        locator = tail.rfind(b"PK\x06\x07", 0, end)
        if count != 0xFFFF or locator < 0 or end - locator != 20:
            return count
        f.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
        record = f.read(56)
    if len(record) < 56 or record[:4] != b"PK\x06\x06":
        raise InputRejected("file_corrupt", path=str(path), detail="zip64 end record")
    zip64_count: int = struct.unpack_from("<Q", record, 32)[0]
    return zip64_count


def _check_entries(path: Path, infos: list[zipfile.ZipInfo], size: int) -> None:
    """Reject a zip whose declared entries are too many, too large, too compressed or overlap."""
    if len(infos) > MAX_ENTRIES:
        raise InputRejected("zip_bomb_entries", path=str(path), count=len(infos),
                            limit=MAX_ENTRIES)
    for info in infos:
        _check_entry(path, info, size)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise InputRejected("zip_bomb_total_size", path=str(path), size_mb=total >> 20,
                            limit_mb=MAX_TOTAL_BYTES >> 20)
    if sum(info.compress_size for info in infos) > size:
        raise InputRejected("zip_bomb_overlap", path=str(path))


def _check_entry(path: Path, info: zipfile.ZipInfo, size: int) -> None:
    if info.flag_bits & 0x1:
        raise InputRejected("file_encrypted", path=str(path))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputRejected("file_corrupt", path=str(path),
                            detail=f"{info.filename}: compression method {info.compress_type}")
    if info.file_size > MAX_ENTRY_BYTES:
        raise InputRejected("zip_bomb_entry_size", path=str(path), entry=info.filename,
                            size_mb=info.file_size >> 20, limit_mb=MAX_ENTRY_BYTES >> 20)
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        raise InputRejected("zip_bomb_ratio", path=str(path), entry=info.filename,
                            ratio=int(ratio), limit=MAX_RATIO)
    if info.header_offset + info.compress_size > size:
        raise InputRejected("zip_bomb_overlap", path=str(path))


def _check_inflated(path: Path, raw: BinaryIO, info: zipfile.ZipInfo,
                    keep: list[bytes] | None = None) -> None:
    """Inflate one entry (never more than its declared size + 1 byte) and compare size and CRC;
    the inflated blocks go to ``keep`` when given."""
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise InputRejected("file_corrupt", path=str(path), detail=f"{info.filename}: header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    raw.seek(info.header_offset + 30 + name_len + extra_len)
    produced, crc = _inflate_bounded(raw, info, keep)
    if produced > info.file_size:
        raise InputRejected("zip_bomb_size_mismatch", path=str(path), entry=info.filename)
    if produced != info.file_size or crc != info.CRC:
        raise InputRejected("file_corrupt", path=str(path), detail=f"{info.filename}: CRC")


def _inflate_bounded(raw: BinaryIO, info: zipfile.ZipInfo,
                     keep: list[bytes] | None = None) -> tuple[int, int]:
    """Bytes and CRC-32 of an entry's content, stopping once it passes its declared size."""
    limit = info.file_size + 1
    inflater = inflate.decompressobj() if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced, crc, pending = info.compress_size, 0, 0, b""
    while produced < limit:
        if not pending:
            pending = raw.read(min(left, 1 << 16)) if left > 0 else b""
            if not pending:
                break
            left -= len(pending)
        if inflater is None:
            data, pending = pending, b""
        else:  # at most 4 MiB out per call, whatever the ratio
            data = inflater.decompress(pending, min(limit - produced, 1 << 22))
            pending = inflater.unconsumed_tail
        produced, crc = produced + len(data), inflate.crc32(data, crc)
        if keep is not None:
            keep.append(data)
        if inflater is not None and inflater.eof:
            break
    return produced, crc


def _ooxml_format(path: Path, zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "[Content_Types].xml" not in names:
        is_ods = "mimetype" in names and \
            read_entry(path, zf.getinfo("mimetype")).strip() == _ODS_MIMETYPE
        raise _not_spreadsheet(path, "ODS" if is_ods else "ZIP")
    for override in read_part(path, zf, "[Content_Types].xml").iter(f"{_CT_NS}Override"):
        kind = override.get("ContentType", "")
        part = override.get("PartName", "").lstrip("/")
        if kind == _XLSB_TYPE:
            raise _not_spreadsheet(path, "XLSB")
        if kind in _WORKBOOK_TYPES:
            if part not in names:
                raise InputRejected("file_corrupt", path=str(path), detail=f"no {part}")
            return _WORKBOOK_TYPES[kind]
    raise _not_spreadsheet(path, "ZIP")


def workbook_part(path: Path, zf: zipfile.ZipFile) -> str:
    """The zip name of the workbook part of an xlsx/xlsm (usually ``xl/workbook.xml``)."""
    for override in read_part(path, zf, "[Content_Types].xml").iter(f"{_CT_NS}Override"):
        if override.get("ContentType", "") in _WORKBOOK_TYPES:
            return override.get("PartName", "").lstrip("/")
    raise _not_spreadsheet(path, "ZIP")


def read_part(path: Path, zf: zipfile.ZipFile, name: str) -> Element:
    """Parse one small package part with defusedxml (no entities, no DTDs); corrupt → rejected."""
    try:
        info = zf.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise InputRejected("zip_bomb_entry_size", path=str(path), entry=name,
                                size_mb=info.file_size >> 20, limit_mb=MAX_PART_BYTES >> 20)
        root: Element = fromstring(read_entry(path, info))
        return root
    except (KeyError, ParseError, DefusedXmlException, zipfile.BadZipFile) as e:
        raise InputRejected("file_corrupt", path=str(path), detail=f"{name}: {e}") from e


# --- package parts (xlsx, xlsm) ----------------------------------------------------------------


def local_name(tag: str) -> str:
    """An XML tag or attribute name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def workbook_date1904(path: Path) -> bool:
    """Whether an xlsx/xlsm counts serial dates from 1904 (``<workbookPr date1904="1"/>``)."""
    with zipfile.ZipFile(path) as zf:
        root = read_part(path, zf, workbook_part(path, zf))
    for element in root:
        if local_name(element.tag) == "workbookPr":
            return element.get("date1904", "").lower() in ("1", "true")
    return False


def sheet_part(path: Path, zf: zipfile.ZipFile, sheet_name: str) -> str:
    """The zip name of a sheet's XML part, found through workbook.xml and its relationships
    (a target naming the part in another case is the part, as Excel and calamine read it)."""
    book = workbook_part(path, zf)
    sheets = [s for s in read_part(path, zf, book).iter() if local_name(s.tag) == "sheet"]
    ids = [relationship_id(s) for s in sheets if s.get("name") == sheet_name]
    if not ids:
        raise InputRejected("sheet_not_found", path=str(path), sheet=sheet_name,
                            sheets=", ".join(s.get("name", "") for s in sheets))
    folder, name = posixpath.split(book)
    rels = read_part(path, zf, posixpath.join(folder, "_rels", name + ".rels"))
    for rel in rels:
        target = rel.get("Target", "")
        if rel.get("Id") == ids[0] and target:
            part = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            return _entry_named(zf, part)
    raise InputRejected("file_corrupt", path=str(path), detail=f"no part for sheet {sheet_name}")


def _entry_named(zf: zipfile.ZipFile, part: str) -> str:
    """``part`` as the zip spells it (ignoring case when it has no entry of that exact name)."""
    names = zf.namelist()
    if part in names:
        return part
    return next((n for n in names if n.casefold() == part.casefold()), part)


def relationship_id(sheet: Element) -> str | None:
    """The ``r:id`` of a workbook's ``<sheet>`` element (whatever its prefix)."""
    return next((v for k, v in sheet.attrib.items() if local_name(k) == "id"), None)


# --- text (csv) ---------------------------------------------------------------------------------


def _check_text(path: Path, head: bytes) -> str:
    for magic, label in _MAGIC_LABELS:
        if head.startswith(magic):
            raise _not_spreadsheet(path, label)
    is_csv_name = path.suffix.lower() in CSV_SUFFIXES
    if head.startswith(_UTF16_BOMS) and is_csv_name:
        raise InputRejected("csv_encoding_unknown", path=str(path), line=1)
    if b"\x00" in head:
        raise _not_spreadsheet(path, "binary")
    if not is_csv_name:
        raise _not_spreadsheet(path, _text_label(head))
    return "csv"


def _text_label(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<table" in start:
        return "HTML"
    return "XML" if start.startswith(b"<?xml") else "text"
