"""XlsxWriter helpers shared by the quarterly report and the national workbook: Japanese fonts
on every format, formula-safe cell writing, East-Asian-width column widths, print settings.

Text is always written with ``write_string`` in a workbook opened with ``strings_to_formulas``
off, so text beginning with =, +, -, @, a tab or a carriage return stays text; no formula is
ever written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.textwidth import display_width
from branchdesk.exchange.quarterly.layout import Column, Kind
from branchdesk.exchange.quarterly.model import Cell, MonthCell, Pct

FONT = "游ゴシック"
#: Every format starts from these: a Japanese font (charset 128 = Shift_JIS, family 3 = modern)
#: and no theme scheme, so Excel does not fall back to the theme's Calibri.
BASE_FONT = {"font_name": FONT, "font_size": 10, "font_charset": 128, "font_family": 3,
             "font_scheme": "none"}
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MONTH_FORMAT = 'yyyy"年"m"月"'
#: 達成 / 概ね達成 / 未達成 are told apart by fill and font colour (and stay readable in grey).
STATUS_STYLES: dict[str, dict[str, object]] = {
    "達成": {"bg_color": "#C6EFCE", "font_color": "#006100", "bold": True},
    "概ね達成": {"bg_color": "#FFEB9C", "font_color": "#7F6000", "bold": True},
    "未達成": {"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True},
    "集計中": {"bg_color": "#DDEBF7", "font_color": "#1F4E78"},
}
MIN_WIDTH, MAX_WIDTH, MAX_HEADER_WIDTH = 6, 60, 18


def new_workbook(path: Path) -> xlsxwriter.Workbook:
    """A workbook that never turns text into formulas, URLs or numbers."""
    return xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "default_format_properties": dict(BASE_FONT)})


def close_workbook(book: xlsxwriter.Workbook, target: Path) -> None:
    """Close (and so write) the workbook; a file that cannot be created is exit 2."""
    try:
        book.close()
    except (FileCreateError, OSError) as e:
        raise InputRejected("output_not_writable", path=str(target), detail=str(e)) from e


class Formats:
    """The formats of one workbook, made once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        border = {"border": 1, "border_color": "#A6A6A6", "valign": "top"}
        self.text = book.add_format(border)
        self.header = book.add_format({**border, "bold": True, "bg_color": "#D9E1F2",
                                       "text_wrap": True, "align": "center"})
        self.integer = book.add_format({**border, "num_format": "#,##0"})
        self.decimal = book.add_format({**border, "num_format": "#,##0.00"})
        self.percent = book.add_format({**border, "num_format": "0.0%"})
        self.date = book.add_format({**border, "num_format": DATE_FORMAT, "align": "left"})
        self.month = book.add_format({**border, "num_format": MONTH_FORMAT, "align": "left"})
        self.mark = book.add_format({**border, "align": "center"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.label = book.add_format({**border, "bold": True, "bg_color": "#F2F2F2"})
        self.status = {label: book.add_format({**border, "align": "center", **style})
                       for label, style in STATUS_STYLES.items()}
        self.status_plain = book.add_format({**border, "align": "center"})

    def for_text(self, kind: Kind, value: str) -> Format:
        """The format of a text cell of a column of ``kind``."""
        if kind == "status":
            return self.status.get(value, self.status_plain)
        return self.mark if kind in ("mark", "status") else self.text

    def for_number(self, kind: Kind, value: float | int) -> Format:
        """The format of a number cell of a column of ``kind``."""
        if isinstance(value, Pct) or kind == "percent":
            return self.percent
        if kind == "text":
            return self.text  # General: a year or an age without a thousands separator
        if isinstance(value, int) or float(value).is_integer():
            return self.integer
        return self.decimal


def write_cell(sheet: Worksheet, row: int, col: int, value: Cell, kind: Kind,
               formats: Formats) -> None:
    """One cell, typed: text as text (never a formula), numbers, dates with Japanese formats."""
    if value is None or value == "":
        sheet.write_blank(row, col, None, formats.text)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, formats.for_text(kind, value))
    elif isinstance(value, date):
        fmt = formats.month if isinstance(value, MonthCell) or kind == "month" else formats.date
        day = value.date() if isinstance(value, datetime) else value
        sheet.write_datetime(row, col, datetime.combine(day, time()), fmt)
    else:
        sheet.write_number(row, col, value, formats.for_number(kind, value))


def write_header(sheet: Worksheet, row: int, headers: Sequence[str], formats: Formats) -> None:
    """A header row."""
    for col, text in enumerate(headers):
        sheet.write_string(row, col, text, formats.header)


def write_rows(sheet: Worksheet, first: int, rows: Sequence[Sequence[Cell]],
               columns: Sequence[Column], formats: Formats) -> None:
    """Rows of cells under a header, each column shown by its kind."""
    kinds = [c.kind for c in columns]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            write_cell(sheet, first + r, c, value, kinds[c] if c < len(kinds) else "text",
                       formats)


def shown_width(value: Cell) -> int:
    """About how many columns a cell takes as shown (East Asian wide characters count 2)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return display_width(value)
    if isinstance(value, MonthCell):
        return 9
    if isinstance(value, date):
        return 12
    if isinstance(value, Pct):
        return 6
    return len(f"{value:,.2f}") if isinstance(value, float) and not value.is_integer() \
        else len(f"{int(value):,}")


def set_widths(sheet: Worksheet, headers: Sequence[Sequence[str]],
               rows: Sequence[Sequence[Cell]], sample: int = 3000) -> None:
    """Column widths that fit the headers (wrapped beyond a limit) and the first rows."""
    widths: dict[int, int] = {}
    for header in headers:
        for c, text in enumerate(header):
            widths[c] = max(widths.get(c, 0), min(MAX_HEADER_WIDTH, display_width(text)))
    for row in rows[:sample]:
        for c, value in enumerate(row):
            widths[c] = max(widths.get(c, 0), shown_width(value))
    for c, width in widths.items():
        sheet.set_column(c, c, max(MIN_WIDTH, min(MAX_WIDTH, width + 2)))


def print_setup(sheet: Worksheet, repeat_through: int | None, header: str) -> None:
    """A4 landscape, one page wide, rows 1..``repeat_through`` (0-based) repeated."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(header)
    sheet.set_footer("&C&P / &N")
    if repeat_through is not None:
        sheet.repeat_rows(0, repeat_through)


def chart_font(size: int = 9, bold: bool = False) -> dict[str, Any]:
    """A chart text font (charts do not inherit cell formats)."""
    return {"name": FONT, "size": size, "bold": bold}
