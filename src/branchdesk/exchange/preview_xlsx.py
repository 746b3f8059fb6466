"""The preview of an xlsx/xlsm package, streamed: the sheet XML inflated in chunks and cut into
``<row>`` elements, only the rows asked for parsed, the shared strings read only as far as those
rows need, date formats and the 1904 flag honoured."""

from __future__ import annotations

import itertools
import posixpath
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring, iterparse

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.model import Row
from branchdesk.exchange.preview_books import Book, SheetInfo
from branchdesk.exchange.safety import local_name, read_part, workbook_part

_CHUNK = 1 << 16
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)\b[^>]*>")
_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData>")
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: Built-in number formats that show a date or a time.
_DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_EPOCH_1900, _EPOCH_1904 = datetime(1899, 12, 30), datetime(1904, 1, 1)


class XlsxBook(Book):
    """An xlsx/xlsm package: sheets from workbook.xml, rows streamed from each sheet's XML."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(path)
        self.format = kind
        self.zip = zipfile.ZipFile(path)
        book = workbook_part(path, self.zip)
        root = read_part(path, self.zip, book)
        rels = _relationships(path, self.zip, book)
        self.parts: dict[str, str] = {}
        for element in root.iter():
            if local_name(element.tag) == "sheet":
                self._add_sheet(element, rels)
            elif local_name(element.tag) == "workbookPr":
                self.date1904 = element.get("date1904", "").lower() in ("1", "true")
        if not self.sheets:
            raise InputRejected("file_corrupt", path=str(path), detail="no sheets")
        styles = next((t for k, t in rels.values() if k == "styles"), None)
        self.date_styles = _date_styles(path, self.zip, styles)
        self.strings = _SharedStrings(
            self.zip, next((t for k, t in rels.values() if k == "sharedStrings"), None))

    def _add_sheet(self, element: Element, rels: dict[str, tuple[str, str]]) -> None:
        rel = next((v for k, v in element.attrib.items() if local_name(k) == "id"), "")
        kind, target = rels.get(rel, ("", ""))
        if kind != "worksheet":
            return  # chart and dialog sheets hold no cells
        name = element.get("name", "")
        self.parts[name] = target
        self.sheets.append(SheetInfo(name, element.get("state", "visible") != "visible"))

    def rows(self, sheet: str, first: int, count: int) -> list[Row]:
        """Rows of one sheet: the XML streamed up to the last row wanted."""
        part = self.parts[sheet]
        if part not in self.zip.namelist():
            raise InputRejected("file_corrupt", path=str(self.path), detail=f"no {part}")
        with self.zip.open(part) as stream:
            root, fragments = _row_fragments(stream, first, count)
        if not fragments or root is None:
            return []
        tree = fromstring(root.group(0) + b"".join(fragments) + b"</" + root.group(1) + b">")
        rows = [_cells(row, self) for row in tree if local_name(row.tag) == "row"]
        self.strings.resolve(rows)
        return _numbered(rows, first, count)

    def close(self) -> None:
        """Close the zip."""
        self.zip.close()


def _relationships(path: Path, zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type's last word, target part) of ``part``."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if rels_name not in zf.namelist():
        return found
    for rel in read_part(path, zf, rels_name):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return found


def _date_styles(path: Path, zf: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    """Indexes of the cell formats (``s``) that show a date or a time."""
    if part is None or part not in zf.namelist():
        return frozenset()
    root = read_part(path, zf, part)
    custom = {int(e.get("numFmtId", "0")): e.get("formatCode", "")
              for e in root.iter() if local_name(e.tag) == "numFmt"}
    xfs = next((e for e in root if local_name(e.tag) == "cellXfs"), None)
    if xfs is None:
        return frozenset()
    return frozenset(i for i, xf in enumerate(xfs)
                     if _is_date_format(int(xf.get("numFmtId", "0")), custom))


def _is_date_format(number: int, custom: dict[int, str]) -> bool:
    if number in custom:
        code = _FORMAT_NOISE.sub("", custom[number].split(";")[0]).casefold()
        return code != "general" and any(c in code for c in "ymdhse")
    return number in _DATE_FORMAT_IDS


def _row_fragments(stream: IO[bytes], first: int, count: int
                   ) -> tuple[re.Match[bytes] | None, list[bytes]]:
    """(the root's start tag, the ``<row>`` elements numbered ``first`` … as bytes)."""
    root: re.Match[bytes] | None = None
    buffer, number = b"", 0
    wanted: list[bytes] = []
    while chunk := stream.read(_CHUNK):
        buffer += chunk
        if root is None:
            root = _ROOT.search(buffer)
        starts = [m.start() for m in _ROW_START.finditer(buffer)]
        for start, end in itertools.pairwise(starts):
            number = _row_number(buffer, start, number)
            if number >= first + count:
                return root, wanted
            if number >= first:
                wanted.append(buffer[start:end])
        buffer = buffer[starts[-1]:] if starts else buffer[-256:]
    last = _DATA_END.search(buffer)
    if _ROW_START.match(buffer) and _row_number(buffer, 0, number) < first + count:
        number = _row_number(buffer, 0, number)
        if number >= first:
            wanted.append(buffer[: last.start() if last else len(buffer)])
    return root, wanted


def _row_number(buffer: bytes, start: int, previous: int) -> int:
    found = _ROW_NUMBER.search(buffer, start, buffer.find(b">", start))
    return int(found.group(1)) if found else previous + 1


def _numbered(rows: list[tuple[int | None, list[Any]]], first: int, count: int) -> list[Row]:
    """Row numbers filled in (rows without ``r`` follow the previous one), padded to none."""
    numbered: list[Row] = []
    previous = first - 1
    for number, cells in rows:
        previous = number if number is not None else previous + 1
        if first <= previous < first + count:
            numbered.append((previous, cells))
    return numbered


def _cells(row: Element, book: XlsxBook) -> tuple[int | None, list[Any]]:
    """One ``<row>``: its number and its cells, cell ``i`` in column ``i + 1``."""
    values: dict[int, Any] = {}
    column = 0
    for cell in row:
        if local_name(cell.tag) != "c":
            continue
        ref = cell.get("r", "").rstrip("0123456789")
        column = _column_number(ref) if ref else column + 1
        values[column] = _value(cell, book)
    width = max(values, default=0)
    number = row.get("r")
    return (int(number) if number else None), [values.get(c, "") for c in range(1, width + 1)]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Shared:
    """A shared-string cell, replaced by its text once the strings are read."""

    def __init__(self, index: int) -> None:
        self.index = index


def _value(cell: Element, book: XlsxBook) -> Any:
    kind = cell.get("t", "n")
    children = {local_name(c.tag): c for c in cell}
    text = children["v"].text or "" if "v" in children else ""
    if kind == "inlineStr":
        return _string_of(children["is"]) if "is" in children else ""
    if kind == "s":
        return _Shared(int(text)) if text.strip().isdigit() else ""
    if kind in ("str", "e") or not text:
        return text if kind == "str" else ""
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        return _iso_datetime(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return _serial_date(number, book.date1904) if int(cell.get("s", "0")) in book.date_styles \
        else number


def _iso_datetime(text: str) -> date | datetime | str:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return text
    return moment.date() if "T" not in text else moment


def _serial_date(serial: float, date1904: bool) -> date | datetime | float:
    if serial < 0 or serial > 2958465:
        return serial
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    if not date1904 and serial < 61:
        serial += 1  # Excel's 1900-02-29 that never was
    millis = round(serial * 86_400_000)  # Excel keeps times to the millisecond
    moment = epoch + timedelta(milliseconds=millis)
    return moment.date() if millis % 86_400_000 == 0 else moment


def _string_of(element: Element) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>`` and runs, phonetic readings left out."""
    parts: list[str] = []
    for child in element:
        name = local_name(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if local_name(t.tag) == "t")
    return "".join(parts)


class _SharedStrings:
    """The shared strings table, read lazily and only as far as the rows need."""

    def __init__(self, zf: zipfile.ZipFile, part: str | None) -> None:
        self.zip = zf
        self.part = part if part in zf.namelist() else None
        self.texts: list[str] = []

    def resolve(self, rows: list[tuple[int | None, list[Any]]]) -> None:
        """Replace every shared-string cell of ``rows`` by its text."""
        needed = max((c.index for _, cells in rows for c in cells if isinstance(c, _Shared)),
                     default=-1)
        self._read_to(needed)
        for _, cells in rows:
            for i, cell in enumerate(cells):
                if isinstance(cell, _Shared):
                    cells[i] = self.texts[cell.index] if cell.index < len(self.texts) else ""

    def _read_to(self, index: int) -> None:
        if index < len(self.texts) or self.part is None:
            return
        self.texts = []
        with self.zip.open(self.part) as stream:
            for _, element in iterparse(stream, events=("end",)):
                if local_name(element.tag) == "si":
                    self.texts.append(_string_of(element))
                    element.clear()
                    if len(self.texts) > index:
                        return
