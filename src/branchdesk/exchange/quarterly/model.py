"""The quarterly report in memory: the cover's fields and each data sheet's rows of cells.

The writer lays these out, the digest hashes them, and the reader rebuilds them from a workbook,
so all three agree on what a sheet holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: One cell: text, a number, a date, or empty.
Cell = str | int | float | date | None
Grid = list[list[Cell]]


class Pct(float):
    """A fraction shown as a percent (0.891 → 89.1%); digests and readers see a plain float."""

    __slots__ = ()


class MonthCell(date):
    """A 診療年月 as the first day of the month, shown as 2025年3月."""

    __slots__ = ()

    @classmethod
    def of(cls, month: int) -> MonthCell:
        """The cell of a YYYYMM month."""
        return cls(month // 100, month % 100, 1)


@dataclass
class Cover:
    """The fields of 表紙 (exchange.md §4)."""

    branch_code: str
    branch_name: str
    insurer_number: str
    fy: int
    quarter: int
    period_start: date
    period_end: date
    data_date: date
    created_at: str
    version: str
    digest: str = ""


@dataclass
class SheetData:
    """One data sheet: its summary rows and, for sheets with a list, the list's rows."""

    name: str
    summary: Grid
    items: Grid | None = None


@dataclass
class Report:
    """A whole quarterly report: the cover and the data sheets in sheet order."""

    cover: Cover
    sheets: list[SheetData] = field(default_factory=list)

    def sheet(self, name: str) -> SheetData:
        """The data sheet called ``name``."""
        return next(s for s in self.sheets if s.name == name)
