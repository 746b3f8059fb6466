"""Quarterly reports received from branches (``kind: quarterly``; tables of migration m002).

A store that receives reports is usually head office's: a store made with ``init`` on its PC
(any branch code; it holds no registers of its own, or holds its own branch's registers, which
these rows never mix with). Each branch, FY and quarter has at most one report; importing a
re-issued report replaces the earlier one, and importing the same report again changes nothing.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date

from branchdesk.store.connection import Store
from branchdesk.store.registers.common import now


@dataclass(frozen=True)
class ReceivedKpi:
    """One KPI row as a branch reported it (ratios as fractions, counts as numbers)."""

    kpi_id: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    previous: float | None
    status: str
    period: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReceivedReport:
    """A branch's report: what its 表紙 says, the file it came in, and its KPI rows."""

    branch_code: str
    fy: int
    quarter: int
    form: str
    data_date: date
    created_at: str
    version: str
    digest: str
    file_name: str
    file_sha256: str
    kpis: tuple[ReceivedKpi, ...]


def save_received(store: Store, report: ReceivedReport) -> str:
    """Store a received report (caller's transaction): "added", "replaced" or "unchanged"
    (the same report, by its 改変検出 digest, is already stored: nothing is written)."""
    key = (report.branch_code, report.fy, report.quarter)
    stored = store.conn.execute(
        "SELECT id, digest FROM received_reports WHERE branch_code = ? AND fy = ? AND quarter = ?",
        key).fetchone()
    if stored is not None and stored["digest"] == report.digest:
        return "unchanged"
    if stored is not None:
        store.conn.execute("DELETE FROM received_kpi_rows WHERE report_id = ?", (stored["id"],))
        store.conn.execute("DELETE FROM received_reports WHERE id = ?", (stored["id"],))
    report_id = _insert_report(store, report)
    store.conn.executemany(
        "INSERT INTO received_kpi_rows(report_id, branch_code, fy, quarter, position, kpi_id, "
        "value, numerator, denominator, target, previous, status, period, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(report_id, *key, pos, *astuple(k)) for pos, k in enumerate(report.kpis)])
    return "added" if stored is None else "replaced"


def _insert_report(store: Store, report: ReceivedReport) -> int:
    stamp = now()
    cursor = store.conn.execute(
        "INSERT INTO received_reports(branch_code, fy, quarter, form, data_date, "
        "report_created_at, report_version, digest, file_name, file_sha256, created_at, "
        "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (report.branch_code, report.fy, report.quarter, report.form,
         report.data_date.isoformat(), report.created_at, report.version, report.digest,
         report.file_name, report.file_sha256, stamp, stamp))
    return int(cursor.lastrowid or 0)


def received_kpis(store: Store, branch_code: str, fy: int, quarter: int) -> list[ReceivedKpi]:
    """The KPI rows a branch reported for a quarter, in the report's order (empty if none)."""
    rows = store.conn.execute(
        "SELECT kpi_id, value, numerator, denominator, target, previous, status, period, note "
        "FROM received_kpi_rows WHERE branch_code = ? AND fy = ? AND quarter = ? "
        "ORDER BY position", (branch_code, fy, quarter)).fetchall()
    return [ReceivedKpi(*r) for r in rows]


def received_branches(store: Store, fy: int, quarter: int) -> list[str]:
    """The branch codes whose report for the quarter is stored, in code order."""
    rows = store.conn.execute(
        "SELECT branch_code FROM received_reports WHERE fy = ? AND quarter = ? "
        "ORDER BY branch_code", (fy, quarter)).fetchall()
    return [str(r[0]) for r in rows]
