"""Shared shapes of the import pipeline: raw sheets from the readers, problems for the report.

A file moving through an import: ``readers.open_sheets`` yields ``RawSheet`` objects →
``columns`` finds the header row and maps headers to fields of a kind → ``kinds`` validate rows
into typed records or ``Problem`` lines → ``importer`` writes all records in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from branchdesk.domain.messages import message

#: One data row: its row number as Excel (or a CSV line count) shows it, and its cells.
Row = tuple[int, list[Any]]


@dataclass
class RawSheet:
    """One sheet of one file, before its header is known. ``rows()`` may be called again."""

    path: Path
    name: str  # the sheet name; for CSV the file name
    rows: Callable[[], Iterator[Row]]
    hidden: bool = False
    date1904: bool = False
    from_csv: bool = False
    encoding: str | None = None  # CSV only: "utf-8", "utf-8-sig" or "cp932"
    row_count: int | None = None  # when the reader knows it cheaply


Severity = Literal["error", "warning"]


@dataclass
class Problem:
    """One line of the error report: where, what value, which rule."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "error"

    def reason(self, lang: str = "ja") -> str:
        """The rule's message in ``lang``."""
        return message(self.code, lang, **{"value": self.value, **self.params})
