"""Collecting a quarter's report from the store (exchange.md §4).

Every KPI figure comes from ``kpi_sheet`` at the quarter's last day (or, for the details behind
a figure, from the same engine's ``measure``); the lists and summaries around them come from
``store.report_queries``. No member names and no person keys are read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

from branchdesk import __version__
from branchdesk.domain.calendar import (
    fy_end,
    month_of,
    quarter_end,
    quarter_start,
)
from branchdesk.domain.enums import DECLARATION_KIND, label
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.identifiers import BRANCHES, insurer_number
from branchdesk.domain.kpi.catalogue import GENERIC_THRESHOLD, KpiDef
from branchdesk.domain.kpi.status import ratio, status_label
from branchdesk.exchange.quarterly import layout as L
from branchdesk.exchange.quarterly.digest import report_digest
from branchdesk.exchange.quarterly.model import Cell, Cover, Grid, MonthCell, Pct, Report, SheetData
from branchdesk.store import kpi_queries as q
from branchdesk.store import report_queries as rq
from branchdesk.store.connection import Store
from branchdesk.store.kpi_measures import (
    Context,
    generic_share_of_month,
    measure,
    month_is_final,
)
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet
from branchdesk.store.settings import get_settings

JST = timezone(timedelta(hours=9), "JST")


def check_period(fy: int, quarter: int) -> None:
    """Refuse (exit 2) an unknown fiscal year or quarter."""
    first, last = L.FY_RANGE
    if not first <= fy <= last:
        raise InputRejected("quarterly_fy_invalid", fy=fy, first=first, last=last)
    if quarter not in (1, 2, 3, 4):
        raise InputRejected("quarterly_quarter_invalid", quarter=quarter)


def build_report(store: Store, fy: int, quarter: int, *,
                 created_at: datetime | None = None) -> Report:
    """The report of ``quarter`` of FY ``fy``, measured at the quarter's last day."""
    check_period(fy, quarter)
    day = quarter_end(fy, quarter)
    rows = {r.kpi.id: r for r in kpi_sheet(store, fy, day)}
    ctx = Context(store, store.branch_code, get_settings(store))
    sheets = [
        SheetData(L.KPI.name, [kpi_cells(r) for r in rows.values()]),
        _generic(ctx, fy, day),
        _biosimilar(ctx, fy, day),
        _declarations(store, fy, quarter),
        _committee(ctx, fy, quarter, rows),
        _referral(ctx, fy, day),
    ]
    report = Report(_cover(store.branch_code, fy, quarter, created_at), sheets)
    report.cover.digest = report_digest(report)
    return report


def _cover(branch: str, fy: int, quarter: int, created_at: datetime | None) -> Cover:
    made = (created_at or datetime.now(JST)).astimezone(JST)
    return Cover(branch, BRANCHES[branch], insurer_number(branch), fy, quarter,
                 quarter_start(fy, quarter), quarter_end(fy, quarter), quarter_end(fy, quarter),
                 made.isoformat(timespec="seconds"), __version__)


def file_name(cover: Cover) -> str:
    """The form's file name: 四半期報告_31鳥取_2024Q4.xlsx."""
    return f"四半期報告_{cover.branch_code}{cover.branch_name}_{cover.fy}Q{cover.quarter}.xlsx"


# --- KPI ------------------------------------------------------------------------------------


def kpi_value(kpi: KpiDef, value: Fraction | int | float | None) -> Cell:
    """A KPI value as a cell: a percent for % rows, an integer count, else a decimal."""
    if value is None:
        return None
    if kpi.is_ratio:
        return Pct(float(value))
    if isinstance(value, int) or (isinstance(value, Fraction) and value.denominator == 1):
        return int(value)
    return float(value)


def kpi_cells(row: KpiRow) -> list[Cell]:
    """One row of the KPI sheet, in the layout's column order."""
    kpi = row.kpi
    return [kpi.id, kpi.name_ja, kpi_value(kpi, row.target), kpi_value(kpi, row.value),
            row.numerator, row.denominator, kpi_value(kpi, row.previous),
            status_label(row.status, "ja"), period_text(row), "、".join(_notes(row))]


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_COHORT = re.compile(r"^cohort FY(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def period_text(row: KpiRow) -> str:
    """The period a figure was measured on, as people read it (2025年3月診療分 …)."""
    period = row.period
    if m := _MONTH.match(period):
        return f"{int(m[1])}年{int(m[2])}月診療分"
    if m := _COHORT.match(period):
        return f"{m[1]}年度健診分"
    if m := _DAY.match(period):
        return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日時点"
    if period.startswith("FY"):
        return f"{period[2:]}年度"
    return period


def _notes(row: KpiRow) -> list[str]:
    notes = []
    if not row.kpi.computed:
        notes.append("入力値")
    if "generic_same_month" in row.conditions:
        notes.append("前年度同月の値以上も条件")
    if row.status == "provisional":
        notes.append("集計中（確定前の値）")
    if row.in_progress:
        notes.append("年度途中")
    return notes


# --- ジェネリック / バイオシミラー ----------------------------------------------------------------


def _pct(part: float | int | None, whole: float | int | None) -> Pct | None:
    value = None if part is None or whole is None else ratio(part, whole)
    return None if value is None else Pct(float(value))


def _share(ctx: Context, month: int, amounts: bool = False) -> Pct | None:
    found = generic_share_of_month(ctx, month, amounts)
    return None if found is None else Pct(float(found.value))


def _generic(ctx: Context, fy: int, day: date) -> SheetData:
    first, last = fy * 100 + 4, month_of(day)
    summary: Grid = []
    for month in q.generic_months(ctx.store, ctx.branch, first, last):
        figures = q.generic_figures(ctx.store, ctx.branch, month)
        qty = (None, None) if figures is None else (figures.generic_qty, figures.brand_qty)
        summary.append([MonthCell.of(month), *qty, _share(ctx, month),
                        _share(ctx, month, amounts=True), _share(ctx, month - 100),
                        Pct(GENERIC_THRESHOLD)])
    latest = rq.latest_municipality_month(ctx.store, first, last)
    items: Grid = [] if latest is None else [
        [MonthCell.of(m.month), m.code, m.name, m.generic_qty, m.brand_qty,
         _pct(*(m.share_parts or (None, None)))]
        for m in rq.municipality_shares(ctx.store, latest)]
    return SheetData(L.GENERIC.name, summary or [[L.NO_DATA]], items)


def _biosimilar(ctx: Context, fy: int, day: date) -> SheetData:
    found = measure(ctx, "biosimilar_ingredients", fy, day, day)
    if found is None:
        return SheetData(L.BIOSIMILAR.name, [[L.NO_DATA]])
    reached = set(found.detail["reached"])
    rows: Grid = [[name, bs, ref, _pct(bs, bs + ref), "○" if name in reached else ""]
                  for name, bs, ref in q.biosimilar_totals(ctx.store, found.detail["month"])]
    return SheetData(L.BIOSIMILAR.name, rows)


# --- 健康宣言 / 健康保険委員 ---------------------------------------------------------------------


def previous_quarter_end(fy: int, quarter: int) -> date:
    """The last day of the quarter before (31 March of FY N−1 for Q1)."""
    return quarter_end(fy, quarter - 1) if quarter > 1 else fy_end(fy - 1)


def _declarations(store: Store, fy: int, quarter: int) -> SheetData:
    first, last = quarter_start(fy, quarter), quarter_end(fy, quarter)
    flow = rq.declaration_flow(store, previous_quarter_end(fy, quarter), last)
    summary: list[Cell] = [L.NO_DATA] * 5 if flow is None else [
        L.NO_DATA if flow.opening is None else flow.opening, flow.new, flow.withdrawn,
        flow.other, flow.closing]
    items: Grid = [[d.symbol, d.name, d.declared_on, label(DECLARATION_KIND, d.kind)]
                   for d in rq.declarations_between(store, first, last)]
    return SheetData(L.DECLARATIONS.name, [summary], items)


def _committee(ctx: Context, fy: int, quarter: int, rows: dict[str, KpiRow]) -> SheetData:
    day = quarter_end(fy, quarter)
    coverage, employers = rows["committee_coverage"], rows["committee_employers"]
    target = kpi_value(coverage.kpi, coverage.target)
    current: list[Cell] = [
        "当四半期末", day, kpi_value(coverage.kpi, coverage.value), coverage.numerator,
        coverage.denominator, kpi_value(employers.kpi, employers.value)]
    summary: Grid = [[*_filled(current), target],
                     [*_filled(_committee_previous(ctx, fy, day, coverage, employers)), target]]
    items: Grid = [[c.symbol, c.name, "委嘱" if c.kind == "appointed" else "解嘱", c.day]
                   for c in rq.committee_changes(ctx.store, quarter_start(fy, quarter), day)]
    return SheetData(L.COMMITTEE.name, summary, items)


def _committee_previous(ctx: Context, fy: int, day: date, coverage: KpiRow,
                        employers: KpiRow) -> list[Cell]:
    """The previous FY-end row: the KPI sheet's previous values, with the numerator and
    denominator of the engine's measurement where that is what the previous value is."""
    prev_day = fy_end(fy - 1)
    measured = measure(ctx, "committee_coverage", fy - 1, prev_day, day)
    parts: tuple[Cell, Cell] = (None, None)
    if measured is not None and measured.value == coverage.previous:
        parts = (measured.numerator, measured.denominator)
    return ["前年度末", prev_day, kpi_value(coverage.kpi, coverage.previous), *parts,
            kpi_value(employers.kpi, employers.previous)]


def _filled(row: list[Cell]) -> list[Cell]:
    return [L.NO_DATA if v is None else v for v in row]


# --- 受診勧奨 -------------------------------------------------------------------------------------


def _referral(ctx: Context, fy: int, day: date) -> SheetData:
    window = int(ctx.settings["referral_window_months"])
    lag = int(ctx.settings["claims_lag_months"])
    months = rq.referral_months(ctx.store, fy - 1, window, ctx.settings["referral_visit_sources"],
                                day)
    rows: Grid = [[MonthCell.of(m.month), m.cases, m.followed_up, m.visited,
                   _pct(m.visited, m.cases),
                   "確定" if month_is_final(m.month, day, window, lag) else "集計中"]
                  for m in months]
    return SheetData(L.REFERRAL.name, rows or [[L.NO_DATA]])
