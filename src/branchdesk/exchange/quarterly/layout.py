"""The fixed layout of the quarterly report 「BD-QR v1」 (exchange.md §4): sheets, their columns
in order, and how a sheet's summary and list are laid out in rows.

Every data sheet starts with its summary's header row in row 1; a sheet with a list has one empty
row after the summary, then the list's header row and its rows. Headers are part of the form (they
are Japanese in every language of the app) and part of the digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from branchdesk.exchange.quarterly.model import Grid, SheetData

FORM = "BD-QR v1"
COVER_SHEET = "表紙"
NO_DATA = "データなし"
#: 協会けんぽ began in October 2008; a report before FY2008 or far ahead is a typing error.
FY_RANGE = (2008, 2099)

#: How a column's cells are shown. "value" is a KPI value: a percent or a count by its row.
Kind = Literal["text", "int", "number", "percent", "date", "month", "status", "mark", "value"]


@dataclass(frozen=True)
class Column:
    """One column: its header and how its cells are shown."""

    header: str
    kind: Kind = "text"


@dataclass(frozen=True)
class SheetLayout:
    """A data sheet: the summary's columns and, where it has one, the list's columns.

    ``repeat_list_header``: print titles run from row 1 through the list's header row (the
    summary is short); otherwise only row 1 repeats.
    """

    name: str
    summary: tuple[Column, ...]
    items: tuple[Column, ...] | None = None
    repeat_list_header: bool = False

    @property
    def summary_headers(self) -> list[str]:
        """The summary's headers in order."""
        return [c.header for c in self.summary]

    @property
    def item_headers(self) -> list[str]:
        """The list's headers in order (empty without a list)."""
        return [c.header for c in self.items or ()]


def _cols(*spec: tuple[str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(h, k) for h, k in spec)


KPI = SheetLayout("KPI", _cols(
    ("指標ID", "text"), ("指標", "text"), ("目標", "value"), ("実績", "value"),
    ("分子", "number"), ("分母", "number"), ("前年度実績", "value"), ("達成状況", "status"),
    ("測定時点", "text"), ("備考", "text")))
GENERIC = SheetLayout(
    "ジェネリック",
    _cols(("診療年月", "month"), ("後発数量", "number"), ("先発数量", "number"),
          ("数量シェア", "percent"), ("金額シェア", "percent"), ("前年度同月シェア", "percent"),
          ("基準（80%）", "percent")),
    _cols(("診療年月", "month"), ("市区町村コード", "text"), ("市区町村名", "text"),
          ("後発数量", "number"), ("先発数量", "number"), ("数量シェア", "percent")))
BIOSIMILAR = SheetLayout("バイオシミラー", _cols(
    ("成分名", "text"), ("BS数量", "number"), ("先行数量", "number"), ("置換率", "percent"),
    ("80%以上", "mark")))
DECLARATIONS = SheetLayout(
    "健康宣言",
    _cols(("期首", "int"), ("新規", "int"), ("取下げ", "int"), ("その他（喪失等）", "int"),
          ("期末", "int")),
    _cols(("事業所記号", "text"), ("事業所名称", "text"), ("宣言日", "date"),
          ("宣言区分", "text")),
    repeat_list_header=True)
COMMITTEE = SheetLayout(
    "健康保険委員",
    _cols(("時点", "text"), ("基準日", "date"), ("カバー率", "percent"),
          ("分子（委嘱事業所の被保険者数）", "int"), ("分母（全事業所の被保険者数）", "int"),
          ("委嘱事業所数", "int"), ("目標", "percent")),
    _cols(("事業所記号", "text"), ("事業所名称", "text"), ("区分", "text"), ("日付", "date")),
    repeat_list_header=True)
REFERRAL = SheetLayout("受診勧奨", _cols(
    ("健診受診月", "month"), ("該当者数", "int"), ("二次勧奨実施数", "int"),
    ("10か月以内受診者数", "int"), ("受診率", "percent"), ("集計状況", "text")))

#: The data sheets in sheet order (表紙 comes first and is not a data sheet).
SHEETS: tuple[SheetLayout, ...] = (KPI, GENERIC, BIOSIMILAR, DECLARATIONS, COMMITTEE, REFERRAL)
BY_NAME = {s.name: s for s in SHEETS}

#: The rows of 表紙, label → field of ``Cover``, in order.
COVER_FIELDS: tuple[tuple[str, str], ...] = (
    ("様式", "form"), ("支部コード", "branch_code"), ("支部名", "branch_name"),
    ("保険者番号", "insurer_number"), ("年度", "fy"), ("四半期", "quarter"),
    ("対象期間", "period"), ("データ基準日", "data_date"), ("作成日時", "created_at"),
    ("branchdesk version", "version"), ("改変検出", "digest"))
#: The first row of 表紙's label/value pairs (row 1 holds the title, row 2 is empty).
COVER_FIRST_ROW = 2


def grid(layout: SheetLayout, data: SheetData) -> Grid:
    """The sheet's rows as written: summary header and rows, then (with a list) one empty row,
    the list's header and its rows."""
    rows: Grid = [list(layout.summary_headers), *data.summary]
    if layout.items is not None:
        rows.append([])
        rows.append(list(layout.item_headers))
        rows.extend(data.items or [])
    return rows


def list_header_row(layout: SheetLayout, data: SheetData) -> int | None:
    """The 0-based row of the list's header (None without a list)."""
    if layout.items is None:
        return None
    return 1 + len(data.summary) + 1


def split_grid(layout: SheetLayout, rows: Grid) -> SheetData | None:
    """A read sheet back into summary and list (None when the headers are not the form's)."""
    if not rows or _trim(rows[0]) != layout.summary_headers:
        return None
    body = rows[1:]
    if layout.items is None:
        return SheetData(layout.name, [r for r in body if _trim(r)])
    blank = next((i for i, r in enumerate(body) if not _trim(r)), None)
    if blank is None or blank + 1 >= len(body):
        return None
    if _trim(body[blank + 1]) != layout.item_headers:
        return None
    items = [r for r in body[blank + 2:] if _trim(r)]
    return SheetData(layout.name, body[:blank], items)


def _trim(row: Sequence[object]) -> list[object]:
    """A row without its trailing empty cells."""
    end = len(row)
    while end and row[end - 1] in (None, ""):
        end -= 1
    return list(row[:end])
