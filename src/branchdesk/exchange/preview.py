"""The import wizard's preview: a file's sheets, the first rows of one, and its detected header.

Streamed, never the whole file: a 600,000-row register shows its first rows in well under a
second. xlsx/xlsm sheets are read straight from the package (after ``safety.check_file``): the
sheet XML is inflated in chunks and cut into ``<row>`` elements, only the rows asked for are
parsed, and the shared strings are read only as far as those rows need. CSV files are decoded
from their first MiB with the readers' rules (strict UTF-8, else strict CP932; the whole file is
checked again by the import). Legacy .xls goes through ``readers.open_sheets`` (it has at most
65,536 rows). Cells come as the readers give them: text, float, bool, date/datetime for
date-formatted cells, "" when empty.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring, iterparse

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.normalize import cell_text
from branchdesk.exchange.columns import (
    HEADER_SCAN_ROWS,
    HeaderMatch,
    HeaderRejected,
    explain_no_header,
    find_header,
)
from branchdesk.exchange.model import Problem, RawSheet, Row
from branchdesk.exchange.readers import open_sheets
from branchdesk.exchange.safety import check_file, local_name, read_part, workbook_part

#: Rows a preview shows.
PREVIEW_ROWS = 50
_CSV_PREFIX = 1 << 20
_CHUNK = 1 << 16
_FORBIDDEN = {"utf-8": re.compile("[\x00\x80-\x9f]"),
              "cp932": re.compile("[\x00\x80-\x9f\ue000-\uf8ff]")}
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)\b[^>]*>")
_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData>")
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: Built-in number formats that show a date or a time.
_DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_EPOCH_1900, _EPOCH_1904 = datetime(1899, 12, 30), datetime(1904, 1, 1)


@dataclass(frozen=True)
class SheetInfo:
    """One worksheet of a file (a CSV file is one sheet named after the file)."""

    name: str
    hidden: bool = False


@dataclass(frozen=True)
class Preview:
    """What the wizard shows for one file.

    ``rows``: the first rows of ``sheet`` (Excel's numbering); ``match``: the header found in
    them (None when no kind matches); ``problem``: why there is none (two kinds match equally,
    or the chosen kind's required headers are missing); ``by_memory``: the kind was found only
    with a remembered mapping, so the import must name it.
    """

    path: Path
    format: str
    sheets: tuple[SheetInfo, ...]
    sheet: str
    rows: tuple[Row, ...]
    match: HeaderMatch | None = None
    problem: Problem | None = None
    by_memory: bool = False
    date1904: bool = False

    @property
    def kind(self) -> str | None:
        """The detected (or chosen) kind."""
        return self.match.kind if self.match else None

    def header_cells(self, row: int | None = None) -> list[tuple[int, str]]:
        """(0-based column, text) of each non-blank cell of row ``row`` (default: the header
        row found)."""
        wanted = row if row is not None else self.match.header_row if self.match else None
        for number, cells in self.rows:
            if number == wanted:
                return [(i, cell_text(c).strip()) for i, c in enumerate(cells)
                        if cell_text(c).strip()]
        return []

    def widest_row(self) -> int | None:
        """The row of the first 16 with the most non-blank cells (a guess at the header row
        when no kind's header is found)."""
        scanned = [(n, sum(1 for c in cells if cell_text(c).strip()))
                   for n, cells in self.rows if n <= HEADER_SCAN_ROWS]
        number, width = max(scanned, key=lambda item: item[1], default=(None, 0))
        return number if width else None


def preview_file(path: Path, *, sheet: str | None = None, kind: str | None = None,
                 mapping: Mapping[str, str] | None = None,
                 remembered: Mapping[str, Mapping[str, str]] | None = None,
                 nrows: int = PREVIEW_ROWS) -> Preview:
    """The preview of ``path``: its sheets, the first ``nrows`` rows of ``sheet`` (default: the
    first visible sheet whose header matches a kind, else the first visible one) and the header
    detected as the import would (``kind``, ``mapping`` and the ``remembered`` mappings per
    kind as in ``importer.collect``). Raises ``InputRejected`` for a file the import refuses."""
    book = _open(path)
    try:
        chosen = _choose_sheet(book, sheet, kind, mapping, remembered or {})
        rows = tuple(book.rows(chosen, 1, nrows))
    finally:
        book.close()
    base = Preview(path, book.format, tuple(book.sheets), chosen, rows, date1904=book.date1904)
    return detect(base, kind=kind, mapping=mapping, remembered=remembered)


def read_rows(path: Path, sheet: str, *, first: int = 1, count: int = PREVIEW_ROWS) -> list[Row]:
    """Rows ``first`` … ``first + count - 1`` (as Excel numbers them) of one sheet, streamed."""
    book = _open(path)
    try:
        return book.rows(sheet, first, count)
    finally:
        book.close()


def detect(preview: Preview, *, kind: str | None = None, mapping: Mapping[str, str] | None = None,
           remembered: Mapping[str, Mapping[str, str]] | None = None) -> Preview:
    """``preview`` with its header detected again from its rows (no file access)."""
    sheet = _raw(preview.path, preview.sheet, list(preview.rows), preview.date1904,
                 preview.format == "csv")
    match, problem, by_memory = _detect(sheet, kind, mapping, remembered or {})
    return replace(preview, match=match, problem=problem, by_memory=by_memory)


def _raw(path: Path, name: str, rows: list[Row], date1904: bool, from_csv: bool) -> RawSheet:
    return RawSheet(path=path, name=name, rows=lambda: iter(rows), date1904=date1904,
                    from_csv=from_csv)


def _detect(sheet: RawSheet, kind: str | None, mapping: Mapping[str, str] | None,
            remembered: Mapping[str, Mapping[str, str]]
            ) -> tuple[HeaderMatch | None, Problem | None, bool]:
    """The import's header detection (``importer.collect._match``), plus a last try of each
    remembered mapping when nothing matches without one."""
    if kind is not None:
        chosen = mapping or remembered.get(kind)
        found = _find(sheet, [kind], chosen)
        return found, None if found else explain_no_header(sheet, kind, mapping=chosen), False
    try:
        match = find_header(sheet)
    except HeaderRejected as e:
        return None, e.problem, False
    if match is not None:
        memory = remembered.get(match.kind)
        return (find_header(sheet, [match.kind], mapping=memory) or match) if memory else match, \
            None, False
    for name, memory in remembered.items():
        if memory and (found := _find(sheet, [name], memory)) is not None:
            return found, None, True
    return None, None, False


def _find(sheet: RawSheet, kinds: list[str], mapping: Mapping[str, str] | None
          ) -> HeaderMatch | None:
    try:
        return find_header(sheet, kinds, mapping=mapping or None)
    except HeaderRejected:
        return None


def _choose_sheet(book: _Book, sheet: str | None, kind: str | None,
                  mapping: Mapping[str, str] | None,
                  remembered: Mapping[str, Mapping[str, str]]) -> str:
    if sheet is not None:
        return book.select(sheet)
    visible = [s.name for s in book.sheets if not s.hidden] or [book.sheets[0].name]
    for name in visible:
        raw = _raw(book.path, name, book.rows(name, 1, HEADER_SCAN_ROWS), book.date1904,
                   book.format == "csv")
        if _detect(raw, kind, mapping, remembered)[0] is not None:
            return name
    return visible[0]


# --- files -------------------------------------------------------------------------------


class _Book:
    """An open file: its sheets and a way to read rows from one."""

    format = ""
    date1904 = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheets: list[SheetInfo] = []

    def rows(self, sheet: str, first: int, count: int) -> list[Row]:
        """Rows ``first`` … ``first + count - 1`` of ``sheet``."""
        raise NotImplementedError

    def select(self, name: str) -> str:
        """The sheet called ``name`` (exact, else ignoring case), as ``open_sheets`` picks."""
        names = [s.name for s in self.sheets]
        folded = [n for n in names if n.casefold() == name.casefold()]
        if self.format == "csv" or name in names or folded:
            return names[0] if self.format == "csv" else (name if name in names else folded[0])
        raise InputRejected("sheet_not_found", path=str(self.path), sheet=name,
                            sheets=", ".join(names))

    def close(self) -> None:
        """Release the file."""


def _open(path: Path) -> _Book:
    kind = check_file(path)
    if kind == "csv":
        return _CsvBook(path)
    if kind == "xls":
        return _LegacyBook(path)
    return _XlsxBook(path, kind)


def _window(rows: Iterator[Row], first: int, count: int) -> list[Row]:
    wanted: list[Row] = []
    for number, cells in rows:
        if number >= first + count:
            break
        if number >= first:
            wanted.append((number, cells))
    return wanted


class _LegacyBook(_Book):
    """A .xls workbook, through the import's own reader."""

    format = "xls"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.raw = {s.name: s for s in open_sheets(path)}
        self.sheets = [SheetInfo(s.name, s.hidden) for s in self.raw.values()]

    def rows(self, sheet: str, first: int, count: int) -> list[Row]:
        """Rows of one sheet (the reader loads the sheet once)."""
        return _window(self.raw[sheet].rows(), first, count)


class _CsvBook(_Book):
    """A CSV file: one sheet, decoded as the readers decode it."""

    format = "csv"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.sheets = [SheetInfo(path.name)]
        with path.open("rb") as f:
            head = f.read(_CSV_PREFIX)
            self.complete = not f.read(1)
        self.encoding, self.text = _decode_prefix(path, head, self.complete)

    def rows(self, sheet: str, first: int, count: int) -> list[Row]:
        """Records ``first`` … of the file: from the decoded prefix when it holds them."""
        text = self.text if self.complete else self.text[: self.text.rfind("\n") + 1]
        found = _window(_csv_records(io.StringIO(text)), first, count)
        if self.complete or (found and found[-1][0] == first + count - 1):
            return found
        errors = "replace"  # beyond the checked prefix: the import checks the whole file
        with self.path.open(encoding=self.encoding, errors=errors, newline="") as f:
            return _window(_csv_records(f), first, count)


def _decode_prefix(path: Path, head: bytes, complete: bool) -> tuple[str, str]:
    """(encoding, text) of a CSV file's first bytes: strict UTF-8, else strict CP932; else
    ``csv_encoding_unknown`` with the line where the decoding that went furthest failed."""
    failures = []
    for encoding in ("utf-8", "cp932"):
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=complete)
        except UnicodeDecodeError as e:
            failures.append(1 + head.count(b"\n", 0, e.start))
            continue
        bad = _FORBIDDEN[encoding].search(text)
        if bad is None:
            bom = encoding == "utf-8" and text.startswith("\ufeff")
            return ("utf-8-sig", text[1:]) if bom else (encoding, text)
        failures.append(1 + text.count("\n", 0, bad.start()))
    raise InputRejected("csv_encoding_unknown", path=str(path), line=max(failures))


def _csv_records(stream: IO[str]) -> Iterator[Row]:
    try:
        for number, cells in enumerate(csv.reader(stream), start=1):
            yield number, [c[1:] if c.startswith("'") else c for c in cells]
    except csv.Error:
        return  # a record cut by the end of the prefix


# --- xlsx / xlsm, streamed ---------------------------------------------------------------


class _XlsxBook(_Book):
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


def _cells(row: Element, book: _XlsxBook) -> tuple[int | None, list[Any]]:
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


def _value(cell: Element, book: _XlsxBook) -> Any:
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
