"""The preview's files: the base of an open file, and the CSV and legacy .xls ones (the
xlsx/xlsm package streams in ``preview_xlsx``)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.model import Row
from branchdesk.exchange.readers import open_sheets

_CSV_PREFIX = 1 << 20
_FORBIDDEN = {"utf-8": re.compile("[\x00\x80-\x9f]"),
              "cp932": re.compile("[\x00\x80-\x9f\ue000-\uf8ff]")}


@dataclass(frozen=True)
class SheetInfo:
    """One worksheet of a file (a CSV file is one sheet named after the file)."""

    name: str
    hidden: bool = False



class Book:
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


def rows_window(rows: Iterator[Row], first: int, count: int) -> list[Row]:
    """The rows numbered ``first`` … ``first + count - 1`` of ``rows`` (stops reading after)."""
    wanted: list[Row] = []
    for number, cells in rows:
        if number >= first + count:
            break
        if number >= first:
            wanted.append((number, cells))
    return wanted



class LegacyBook(Book):
    """A .xls workbook, through the import's own reader."""

    format = "xls"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.raw = {s.name: s for s in open_sheets(path)}
        self.sheets = [SheetInfo(s.name, s.hidden) for s in self.raw.values()]

    def rows(self, sheet: str, first: int, count: int) -> list[Row]:
        """Rows of one sheet (the reader loads the sheet once)."""
        return rows_window(self.raw[sheet].rows(), first, count)


class CsvBook(Book):
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
        found = rows_window(_csv_records(io.StringIO(text)), first, count)
        if self.complete or (found and found[-1][0] == first + count - 1):
            return found
        errors = "replace"  # beyond the checked prefix: the import checks the whole file
        with self.path.open(encoding=self.encoding, errors=errors, newline="") as f:
            return rows_window(_csv_records(f), first, count)


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


