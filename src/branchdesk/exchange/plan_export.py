"""The visit plan (訪問計画) as an .xlsx workbook: the what-if figures in a header block, then the
chosen employers in rank order with the coverage reached row by row.

Employer data only: no committee member and no contact person is named. Text is written as
text (``sheets.new_workbook``: never a formula), the file appears only once complete
(``atomic_output``). Percentages are the exact figures rounded half up to 0.1 point
(``domain.kpi.format``), so the workbook shows what the planner page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
from xlsxwriter.worksheet import Worksheet

from branchdesk.domain.identifiers import BRANCHES
from branchdesk.domain.kpi.format import round_half_up
from branchdesk.exchange.quarterly.layout import Kind
from branchdesk.exchange.quarterly.model import Cell, Pct
from branchdesk.exchange.quarterly.sheets import (
    Formats,
    close_workbook,
    new_workbook,
    set_widths,
    write_cell,
    write_header,
)
from branchdesk.exchange.safe_write import atomic_output
from branchdesk.store.connection import Store
from branchdesk.store.queries import planner
from branchdesk.store.queries.employers import municipalities

SHEET = "訪問計画"
SUMMARY_HEADER = ("項目", "現在", "実施後", "目標")
LIST_HEADER = ("順位", "事業所記号", "事業所名称", "市区町村コード", "市区町村", "業態",
               "被保険者数", "健康宣言（標準化）", "累計被保険者数", "累計カバー率")
LIST_KINDS: tuple[Kind, ...] = ("int", "text", "text", "text", "text", "text", "int", "mark",
                                "int", "percent")


@dataclass(frozen=True)
class VisitPlan:
    """What the workbook holds: the chosen candidates in rank order and the what-ifs."""

    branch_code: str
    day: date
    fy: int
    rows: list[planner.Candidate]
    coverage: planner.CoverageWhatIf
    declarations: planner.DeclarationWhatIf
    municipality_names: dict[str, str]


def build_plan(store: Store, day: date, fy: int, ids: Iterable[int]) -> VisitPlan:
    """The plan of the employers ``ids`` at ``day`` (FY ``fy``): those that are candidates
    (active, no member in office), in rank order, with the what-ifs of exactly them."""
    planner.check_day(day, fy)
    figures = planner.figures_at(store, day)
    ranked = planner.rank_order(figures, np.fromiter(ids, dtype=np.int64))
    wanted = [int(i) for i in ranked]
    found = planner.candidate_rows(store, day, wanted)
    rows = [planner.Candidate(*found[i]) for i in wanted]
    return VisitPlan(
        store.branch_code, day, fy, rows,
        planner.coverage_of(figures, ranked, planner.coverage_target(store, fy)),
        planner.declarations_of(figures, fy, ranked, planner.declaration_target(store, fy)),
        {code: name for code, name in municipalities(store) if name})


def export_plan(store: Store, path: Path, day: date, fy: int, symbols: Iterable[str]) -> int:
    """Write the plan of the employers ``symbols`` to ``path`` (.xlsx); the row count."""
    return write_plan(build_plan(store, day, fy, planner.ids_of_symbols(store, symbols)), path)


def write_plan(plan: VisitPlan, path: Path) -> int:
    """Write ``plan`` to ``path`` (.xlsx, replaced only once complete); the row count."""
    with atomic_output(path) as temp:
        book = new_workbook(temp)
        formats = Formats(book)
        sheet = book.add_worksheet(SHEET)
        first = _write_summary(sheet, plan, formats)
        rows = _list_rows(plan)
        write_header(sheet, first, LIST_HEADER, formats)
        for r, row in enumerate(rows, start=first + 1):
            for c, value in enumerate(row):
                write_cell(sheet, r, c, value, LIST_KINDS[c], formats)
        set_widths(sheet, [LIST_HEADER], rows)
        sheet.freeze_panes(first + 1, 0)
        sheet.autofilter(first, 0, first + len(rows), len(LIST_HEADER) - 1)
        close_workbook(book, path)
    return len(rows)


def percent(value: Fraction | None) -> Pct | None:
    """An exact share as the cell value shown: rounded half up to 0.1 point."""
    return None if value is None else Pct(float(round_half_up(value, 3)))


def summary_rows(plan: VisitPlan) -> list[tuple[str, Cell, Cell, Cell]]:
    """The header block: (item, now, after, target) rows."""
    cov, dec = plan.coverage, plan.declarations
    return [
        ("健康保険委員カバー率", percent(cov.now), percent(cov.after), percent(cov.target)),
        ("委員のいる事業所の被保険者数", cov.covered_now, cov.covered_after, None),
        ("全適用事業所の被保険者数", cov.total, cov.total, None),
        ("健康保険委員委嘱事業所数", cov.employers_now, cov.employers_after, None),
        ("健康宣言事業所数", dec.now, dec.after,
         None if dec.target is None else _count(dec.target)),
    ]


def _count(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _write_summary(sheet: Worksheet, plan: VisitPlan, formats: Formats) -> int:
    """Title, branch, date and the what-if block; the row where the list's header goes."""
    sheet.write_string(0, 0, f"訪問計画（{plan.fy}年度）", formats.title)
    facts: list[tuple[str, Cell, Kind]] = [
        ("支部", f"{plan.branch_code} {BRANCHES.get(plan.branch_code, '')}".strip(), "text"),
        ("測定日", plan.day, "date"),
        ("対象事業所数", len(plan.rows), "int"),
    ]
    for r, (label, value, kind) in enumerate(facts, start=2):
        sheet.write_string(r, 0, label, formats.label)
        write_cell(sheet, r, 1, value, kind, formats)
    top = 2 + len(facts) + 1
    write_header(sheet, top, SUMMARY_HEADER, formats)
    summary = summary_rows(plan)
    for r, row in enumerate(summary, start=top + 1):
        sheet.write_string(r, 0, row[0], formats.label)
        for c, value in enumerate(row[1:], start=1):
            write_cell(sheet, r, c, value, "percent" if isinstance(value, Pct) else "int",
                       formats)
    return top + len(summary) + 2


def _list_rows(plan: VisitPlan) -> list[Sequence[Cell]]:
    """One row per employer, with the insured and coverage reached through that row."""
    covered, total = plan.coverage.covered_now, plan.coverage.total
    rows: list[Sequence[Cell]] = []
    for rank, row in enumerate(plan.rows, start=1):
        covered += row.insured
        share = Fraction(covered, total) if total else None
        rows.append((rank, row.symbol, row.name, row.municipality_code,
                     plan.municipality_names.get(row.municipality_code or "", ""),
                     row.industry, row.insured, "宣言中" if row.declared else "",
                     covered, percent(share)))
    return rows
