"""The quarterly report's entry points: export from a store, import into a store.

``import_quarterly`` is what the importer calls for ``--kind quarterly``; it writes inside the
caller's transaction when one is open (the importer's single transaction), else in its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.messages import message
from branchdesk.exchange.quarterly.build import build_report, file_name
from branchdesk.exchange.quarterly.model import Report
from branchdesk.exchange.quarterly.reader import read_report
from branchdesk.exchange.quarterly.writer import write_report
from branchdesk.store.connection import Store
from branchdesk.store.received import save_received


def export_quarterly(store: Store, fy: int, quarter: int, path: Path, *,
                     created_at: datetime | None = None) -> tuple[Path, Report]:
    """Build the report of ``quarter`` of FY ``fy`` and write it to ``path`` (an .xlsx, or a
    folder to write the form's file name into); returns where and what."""
    if not path.is_dir() and path.suffix.lower() != ".xlsx":
        raise InputRejected("quarterly_output_suffix", path=str(path))
    report = build_report(store, fy, quarter, created_at=created_at)
    target = path / file_name(report.cover) if path.is_dir() else path
    return write_report(report, target), report


@dataclass(frozen=True)
class QuarterlyImport:
    """What ``import_quarterly`` did: which report, and "added", "replaced" or "unchanged"."""

    file: str
    file_sha256: str
    branch_code: str
    fy: int
    quarter: int
    result: str
    kpi_rows: int

    @property
    def counts(self) -> dict[str, int]:
        """Counts for the import history (reports added / changed / unchanged, KPI rows)."""
        return {"added": int(self.result == "added"), "changed": int(self.result == "replaced"),
                "unchanged": int(self.result == "unchanged"), "kpi_rows": self.kpi_rows}

    def render(self, lang: str = "ja") -> str:
        """One line for the import summary."""
        return message("quarterly_imported", lang, branch=self.branch_code, fy=self.fy,
                       quarter=self.quarter, result=message("received_" + self.result, lang),
                       count=self.kpi_rows)


def import_quarterly(store: Store, path: Path) -> QuarterlyImport:
    """Import a branch's report workbook (``kind: quarterly``): verified, then stored as
    received rows; refuses (exit 2, nothing written) a workbook that is not an intact report."""
    report = read_report(path)
    received = report.received()
    if store.conn.in_transaction:
        result = save_received(store, received)
    else:
        with store.transaction():
            result = save_received(store, received)
    return QuarterlyImport(path.name, report.sha256, received.branch_code, received.fy,
                           received.quarter, result, len(received.kpis))
