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

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from branchdesk.domain.normalize import cell_text
from branchdesk.exchange.columns import (
    HEADER_SCAN_ROWS,
    HeaderMatch,
    HeaderRejected,
    explain_no_header,
    find_header,
)
from branchdesk.exchange.model import Problem, RawSheet, Row
from branchdesk.exchange.preview_books import Book, CsvBook, LegacyBook, SheetInfo
from branchdesk.exchange.preview_xlsx import XlsxBook
from branchdesk.exchange.safety import check_file

#: Rows a preview shows.
PREVIEW_ROWS = 50


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


def _choose_sheet(book: Book, sheet: str | None, kind: str | None,
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

def _open(path: Path) -> Book:
    kind = check_file(path)
    if kind == "csv":
        return CsvBook(path)
    if kind == "xls":
        return LegacyBook(path)
    return XlsxBook(path, kind)

