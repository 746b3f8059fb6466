"""Writing head office's national workbook from a consolidation.

Sheets: 全国集計 (every KPI's national figure, then what the consolidation covers), one sheet per
KPI (its national figure, then the 47 branches), バイオシミラー成分別, 未提出支部 and 除外ファイル.
The same formula-safe, print-ready formats as the branch report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from branchdesk.domain.calendar import quarter_end
from branchdesk.domain.identifiers import BRANCHES
from branchdesk.domain.kpi.catalogue import CATALOGUE, KpiDef
from branchdesk.domain.kpi.status import status_label
from branchdesk.exchange.quarterly.consolidate import National, NationalFigure
from branchdesk.exchange.quarterly.layout import Column, Kind
from branchdesk.exchange.quarterly.model import Cell, Grid, Pct
from branchdesk.exchange.quarterly.sheets import (
    Formats,
    close_workbook,
    new_workbook,
    print_setup,
    set_widths,
    write_header,
    write_rows,
)
from branchdesk.exchange.safe_write import atomic_output

SUMMARY_SHEET = "全国集計"
INGREDIENT_SHEET = "バイオシミラー成分別"
MISSING_SHEET = "未提出支部"
REFUSED_SHEET = "除外ファイル"
GENERIC_BRANCHES_ID = "generic_share_branches_80"


def _cols(*spec: tuple[str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(h, k) for h, k in spec)


OVERVIEW = _cols(("指標ID", "text"), ("指標", "text"), ("全国値", "value"), ("分子合計", "number"),
                 ("分母合計", "number"), ("集計支部数", "int"), ("区分", "text"), ("備考", "text"))
ABOUT = _cols(("項目", "text"), ("内容", "text"))
FIGURE = OVERVIEW[2:]
BRANCH_ROWS = _cols(("支部コード", "text"), ("支部名", "text"), ("実績", "value"),
                    ("分子", "number"), ("分母", "number"), ("目標", "value"),
                    ("達成状況", "status"), ("測定時点", "text"), ("備考", "text"))
INGREDIENTS = _cols(("成分名", "text"), ("BS数量合計", "number"), ("先行数量合計", "number"),
                    ("置換率", "percent"), ("80%以上", "mark"), ("報告支部数", "int"))
MISSING = _cols(("支部コード", "text"), ("支部名", "text"), ("状況", "text"))
REFUSED = _cols(("ファイル", "text"), ("支部コード", "text"), ("年度", "int"), ("四半期", "int"),
                ("理由", "text"))


def write_national(national: National, path: Path) -> Path:
    """Write the national workbook to ``path``; nothing is left behind when writing fails."""
    with atomic_output(path) as temp:
        book = new_workbook(temp)
        formats = Formats(book)
        title = f"全国集計 {national.fy}年度 第{national.quarter}四半期"

        def table(name: str, blocks: Sequence[tuple[tuple[Column, ...], Grid]]) -> None:
            _table_sheet(book.add_worksheet(name), blocks, formats, title)

        table(SUMMARY_SHEET, [(OVERVIEW, overview_rows(national)), (ABOUT, about_rows(national))])
        for kpi in CATALOGUE:
            table(sheet_name(kpi), [(FIGURE, [figure_cells(kpi, national.figures[kpi.id])[2:]]),
                                    (BRANCH_ROWS, branch_rows(national, kpi))])
        table(INGREDIENT_SHEET, [(INGREDIENTS, [
            [i.name, i.bs_qty, i.ref_qty, _share(i.bs_qty, i.ref_qty), "○" if i.reached else "",
             i.branches] for i in national.ingredients])])
        table(MISSING_SHEET, [(MISSING, missing_rows(national))])
        table(REFUSED_SHEET, [(REFUSED, [[r.file, r.branch, r.fy, r.quarter, r.reason()]
                                         for r in national.refused])])
        close_workbook(book, path)
    return path


def _table_sheet(sheet: Worksheet, blocks: Sequence[tuple[tuple[Column, ...], Grid]],
                 formats: Formats, title: str) -> None:
    """Tables one under another, one empty row between them; row 1 is the first header."""
    row = 0
    for columns, rows in blocks:
        write_header(sheet, row, [c.header for c in columns], formats)
        write_rows(sheet, row + 1, rows, columns, formats)
        row += len(rows) + 2
    set_widths(sheet, [[c.header for c in cols] for cols, _ in blocks],
               [r for _, rows in blocks for r in rows])
    sheet.freeze_panes(1, 0)
    print_setup(sheet, 0, f"&L{title}&R&A")


def sheet_name(kpi: KpiDef) -> str:
    """A KPI's sheet: its Japanese name within Excel's 31 characters."""
    return kpi.name_ja[:31]


def _share(part: float, other: float) -> Pct | None:
    return Pct(part / (part + other)) if part + other > 0 else None


def _value(kpi: KpiDef, value: float | None) -> Cell:
    if value is None:
        return None
    if kpi.is_ratio:
        return Pct(value)
    return int(value) if float(value).is_integer() else value


def figure_cells(kpi: KpiDef, figure: NationalFigure) -> list[Cell]:
    """A KPI's row of 全国集計."""
    combined = kpi.computed
    kind = ("暫定" if figure.provisional else "確定") if combined else "支部別"
    return [kpi.id, kpi.name_ja, _value(kpi, figure.value), figure.numerator,
            figure.denominator, figure.branches, kind, "、".join(figure.notes)]


def overview_rows(national: National) -> Grid:
    """Every KPI's national figure, with the ≥ 80% generic branch count after generic_share."""
    rows: Grid = []
    for kpi in CATALOGUE:
        rows.append(figure_cells(kpi, national.figures[kpi.id]))
        if kpi.id == "generic_share":
            reached, counted = national.generic_reached
            rows.append([GENERIC_BRANCHES_ID, "ジェネリック医薬品使用割合80%以上の支部数",
                         reached, reached, counted, counted,
                         "暫定" if national.provisional or counted < len(BRANCHES) else "確定",
                         f"{counted} 支部のうち"])
    return rows


def about_rows(national: National) -> Grid:
    """What the consolidation covers."""
    missing = national.missing
    return [["年度", f"{national.fy}年度"], ["四半期", f"第{national.quarter}四半期"],
            ["データ基準日", quarter_end(national.fy, national.quarter).isoformat()],
            ["集計した支部数", f"{len(national.reports)} / {len(BRANCHES)}"],
            ["全国値の区分", "暫定（未提出・除外の支部あり）" if missing else "確定"],
            ["未提出・除外の支部", "、".join(f"{b}{BRANCHES[b]}" for b in missing) or "なし"],
            ["除外したファイル", f"{len(national.refused)} 件"]]


def branch_rows(national: National, kpi: KpiDef) -> Grid:
    """The 47 branches' reported rows of one KPI (未提出 where a branch is missing)."""
    rows: Grid = []
    for branch, name in BRANCHES.items():
        row = national.branch_kpi(branch, kpi.id)
        if row is None:
            rows.append([branch, name, None, None, None, None, "未提出"])
            continue
        rows.append([branch, name, _value(kpi, row.value), row.numerator, row.denominator,
                     _value(kpi, row.target), status_label(row.status, "ja"), row.period or "",
                     row.note or ""])
    return rows


def missing_rows(national: National) -> Grid:
    """Branches without a report in the consolidation, and whether a file was refused."""
    refused = {r.branch for r in national.refused if r.branch}
    return [[b, BRANCHES[b], "除外（「除外ファイル」参照）" if b in refused else "未提出"]
            for b in national.missing]

