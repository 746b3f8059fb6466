"""Writing the quarterly report workbook (exchange.md §4): 表紙 and the data sheets of the layout,
ready to print, with native charts on ジェネリック and 健康保険委員, and no formula anywhere.

The file appears only when complete (``atomic_output``). Data sheets depend on the store alone:
the same store gives byte-identical sheet XML; only 表紙 carries 作成日時.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from branchdesk.exchange.quarterly import layout as L
from branchdesk.exchange.quarterly.model import Cell, Cover, Report, SheetData
from branchdesk.exchange.quarterly.sheets import (
    Formats,
    chart_font,
    close_workbook,
    new_workbook,
    print_setup,
    set_widths,
    write_cell,
    write_header,
    write_rows,
)
from branchdesk.exchange.safe_write import atomic_output

CHART_COLUMN = 8  # charts stand to the right of the tables (column I)


def write_report(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` (.xlsx); nothing is left behind when writing fails."""
    with atomic_output(path) as temp:
        book = new_workbook(temp)
        book.set_properties({"title": _title(report.cover), "author": "branchdesk",
                             "created": datetime.combine(report.cover.data_date, time())})
        formats = Formats(book)
        _cover_sheet(book.add_worksheet(L.COVER_SHEET), report.cover, formats)
        for data in report.sheets:
            _data_sheet(book, data, report.cover, formats)
        close_workbook(book, path)
    return path


def _title(cover: Cover) -> str:
    return f"四半期報告 {cover.branch_name}支部 {cover.fy}年度 第{cover.quarter}四半期"


def cover_values(cover: Cover) -> dict[str, Cell]:
    """表紙's values by field name (``period`` is the 対象期間 text)."""
    return {"form": L.FORM, "branch_code": cover.branch_code, "branch_name": cover.branch_name,
            "insurer_number": cover.insurer_number, "fy": cover.fy, "quarter": cover.quarter,
            "period": f"{_ja_date(cover.period_start)}～{_ja_date(cover.period_end)}",
            "data_date": cover.data_date, "created_at": cover.created_at,
            "version": cover.version, "digest": cover.digest}


def _ja_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _cover_sheet(sheet: Worksheet, cover: Cover, formats: Formats) -> None:
    sheet.write_string(0, 0, _title(cover), formats.title)
    values = cover_values(cover)
    for i, (label, name) in enumerate(L.COVER_FIELDS):
        row = L.COVER_FIRST_ROW + i
        sheet.write_string(row, 0, label, formats.label)
        value = values[name]
        if isinstance(value, int):
            sheet.write_number(row, 1, value, formats.text)
        else:
            write_cell(sheet, row, 1, value, "date" if isinstance(value, date) else "text",
                       formats)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 72)
    print_setup(sheet, None, f"&L{_title(cover)}")


def _data_sheet(book: xlsxwriter.Workbook, data: SheetData, cover: Cover,
                formats: Formats) -> None:
    layout = L.BY_NAME[data.name]
    sheet = book.add_worksheet(data.name)
    write_header(sheet, 0, layout.summary_headers, formats)
    write_rows(sheet, 1, data.summary, layout.summary, formats)
    headers = [layout.summary_headers]
    list_row = L.list_header_row(layout, data)
    if layout.items is not None and list_row is not None:
        write_header(sheet, list_row, layout.item_headers, formats)
        write_rows(sheet, list_row + 1, data.items or [], layout.items, formats)
        headers.append(layout.item_headers)
    set_widths(sheet, headers, [*data.summary, *(data.items or [])])
    sheet.freeze_panes(1, 0)
    repeat = list_row if layout.repeat_list_header else 0
    print_setup(sheet, repeat, f"&L{_title(cover)}&R&A")
    if data.name == L.GENERIC.name:
        _generic_chart(book, sheet, data)
    elif data.name == L.COMMITTEE.name:
        _committee_chart(book, sheet, data)


def _has_numbers(data: SheetData, col: int) -> bool:
    return any(len(r) > col and isinstance(r[col], int | float) for r in data.summary)


def _series(name: str, sheet: str, col: int, last: int, **style: object) -> dict[str, object]:
    return {"name": name, "categories": [sheet, 1, 0, last, 0],
            "values": [sheet, 1, col, last, col], **style}


def _style(chart: object, title: str) -> None:
    chart.set_title({"name": title, "name_font": chart_font(11, True)})  # type: ignore[attr-defined]
    chart.set_legend({"position": "bottom", "font": chart_font()})  # type: ignore[attr-defined]
    chart.set_x_axis({"text_axis": True, "num_font": chart_font()})  # type: ignore[attr-defined]
    chart.set_y_axis({"num_format": "0%", "num_font": chart_font(),  # type: ignore[attr-defined]
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})


def _generic_chart(book: xlsxwriter.Workbook, sheet: Worksheet, data: SheetData) -> None:
    """Monthly quantity share of the FY, the same month of FY N−1, and the 80% line."""
    if not _has_numbers(data, 3):
        return
    last, name = len(data.summary), data.name
    chart = book.add_chart({"type": "line"})
    assert chart is not None
    chart.add_series(_series("数量シェア", name, 3, last, marker={"type": "circle"},
                             line={"color": "#1F4E78", "width": 2.25}))
    chart.add_series(_series("前年度同月", name, 5, last,
                             line={"color": "#A6A6A6", "dash_type": "dash"}))
    chart.add_series(_series("基準 80%", name, 6, last,
                             line={"color": "#C00000", "width": 1.5}))
    _style(chart, "ジェネリック医薬品使用割合（数量）")
    chart.set_size({"width": 620, "height": 320})
    sheet.insert_chart(0, CHART_COLUMN, chart)


def _committee_chart(book: xlsxwriter.Workbook, sheet: Worksheet, data: SheetData) -> None:
    """Coverage at the quarter's end and at the previous FY's end against the 50% target."""
    if not _has_numbers(data, 2):
        return
    last, name = len(data.summary), data.name
    chart = book.add_chart({"type": "column"})
    assert chart is not None
    chart.add_series(_series("カバー率", name, 2, last, fill={"color": "#2F75B5"},
                             data_labels={"value": True, "num_format": "0.0%",
                                          "font": chart_font()}))
    target = book.add_chart({"type": "line"})
    assert target is not None
    target.add_series(_series("目標", name, 6, last, line={"color": "#C00000", "width": 2},
                              marker={"type": "dash", "size": 12}))
    chart.combine(target)
    _style(chart, "健康保険委員カバー率")
    chart.set_size({"width": 480, "height": 300})
    sheet.insert_chart(0, CHART_COLUMN, chart)
