"""改変検出: the SHA-256 over the data sheets' values (exchange.md §4).

For each data sheet in sheet order: its name, then each row's cell values as text joined by tabs;
all lines joined by line feeds and hashed as UTF-8. Numbers are in their shortest round-trip
decimal form (integral values without ".0"), dates ISO 8601, empty cells empty. Trailing empty
cells of a row and trailing empty rows of a sheet are dropped, so a workbook read back (where a
reader pads rows to the sheet's width) hashes as it was written. A number is taken at the 16
significant digits a workbook holds. It detects edits, not forgery.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from branchdesk.exchange.quarterly.layout import BY_NAME, grid
from branchdesk.exchange.quarterly.model import Cell, Grid, Report


def number_text(value: float | int) -> str:
    """The shortest round-trip decimal of ``value`` as a workbook stores it (%.16G)."""
    if isinstance(value, int):
        return str(value)
    stored = float(f"{value:.16G}")
    if stored.is_integer() and abs(stored) < 2**53:
        return str(int(stored))
    return repr(stored)


def cell_text(value: Cell | datetime | bool) -> str:
    """One cell as the digest sees it."""
    if type(value) is str:  # the common case first: the digest reads every cell of 47 reports
        return value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return number_text(value)


def _row_text(row: Sequence[Cell]) -> str:
    cells = [cell_text(v) for v in row]
    while cells and cells[-1] == "":
        cells.pop()
    return "\t".join(cells)


def sheet_lines(name: str, rows: Grid) -> list[str]:
    """The sheet's lines: its name, then one line per row, trailing empty rows dropped."""
    lines = [_row_text(r) for r in rows]
    while lines and lines[-1] == "":
        lines.pop()
    return [name, *lines]


def digest(sheets: Iterable[tuple[str, Grid]]) -> str:
    """The hex SHA-256 of the data sheets ``(name, rows)`` in order."""
    lines = [line for name, rows in sheets for line in sheet_lines(name, rows)]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def report_digest(report: Report) -> str:
    """The digest of a report's data sheets, laid out as the writer lays them out."""
    return digest((s.name, grid(BY_NAME[s.name], s)) for s in report.sheets)
