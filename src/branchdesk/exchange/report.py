"""The error report of an import: one line per problem, as .xlsx or .csv (exchange.md §2.3).

Columns: ファイル, シート, 行 (as Excel shows it), 列 (the header as in the file), 値, 内容 (the
rule in Japanese), 区分 (エラー / 警告). Text is always written as text, never as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.messages import message
from branchdesk.domain.textwidth import display_width
from branchdesk.exchange.model import Problem
from branchdesk.exchange.safe_write import atomic_output, csv_guard

HEADER_CODES = ("report_col_file", "report_col_sheet", "report_col_row", "report_col_column",
                "report_col_value", "report_col_reason", "report_col_severity")
FONT = "游ゴシック"


def report_rows(problems: Sequence[Problem], lang: str = "ja") -> list[list[str | int]]:
    """The report as rows of cells (header first)."""
    rows: list[list[str | int]] = [[message(c, lang) for c in HEADER_CODES]]
    for p in problems:
        rows.append([p.file, p.sheet, "" if p.row is None else p.row, p.column or "",
                     "" if p.value is None else str(p.value), p.reason(lang),
                     message("severity_" + p.severity, lang)])
    return rows


def write_report(problems: Sequence[Problem], path: Path, lang: str = "ja") -> Path:
    """Write the report to ``path`` (.xlsx or .csv, by its suffix)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputRejected("report_suffix", path=str(path))
    rows = report_rows(problems, lang)
    with atomic_output(path) as temp:
        if suffix == ".csv":
            _write_csv(rows, temp)
        else:
            _write_xlsx(rows, temp, message("report_sheet", lang))
    return path


def _write_csv(rows: list[list[str | int]], path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        for row in rows:
            writer.writerow([csv_guard(c) if isinstance(c, str) else c for c in row])


def _write_xlsx(rows: list[list[str | int]], path: Path, sheet_name: str) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_urls": False,
                                           "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_name)
    text = book.add_format({"font_name": FONT, "font_size": 10})
    head = book.add_format({"font_name": FONT, "font_size": 10, "bold": True,
                            "bg_color": "#DDEBF7", "border": 1})
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            fmt = head if r == 0 else text
            if isinstance(cell, int):
                sheet.write_number(r, c, cell, fmt)
            else:
                sheet.write_string(r, c, cell, fmt)
    for c in range(len(rows[0])):
        width = max(display_width(str(row[c])) for row in rows[:2000])
        sheet.set_column(c, c, min(80, width + 2))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows) - 1, len(rows[0]) - 1)
    book.close()
