"""`kind: quarterly` imports: branch report workbooks (exchange.md §4) into a store's received
reports, through the same all-or-nothing transaction as every other import."""

from __future__ import annotations

from pathlib import Path

from branchdesk.exchange.importer.model import ImportOptions, ImportResult, SheetSummary
from branchdesk.exchange.quarterly import import_quarterly
from branchdesk.exchange.readers import open_sheets
from branchdesk.store.connection import Store

_REPORT_SHEETS = {"表紙", "KPI"}


def is_report(path: Path, options: ImportOptions) -> bool:
    """True when ``path`` is to be read as a quarterly report (by --kind or by its sheets)."""
    if options.kind is not None:
        return options.kind == "quarterly"
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    return {s.name for s in open_sheets(path)} >= _REPORT_SHEETS


def import_reports(store: Store, paths: list[Path], result: ImportResult) -> bool:
    """Store every report (caller's transaction); returns True when anything changed."""
    changed = False
    for path in paths:
        done = import_quarterly(store, path)
        changed = changed or done.result != "unchanged"
        result.sheets.append(SheetSummary(
            file=path.name, sheet="表紙", kind="quarterly", header_row=1,
            sha256=done.file_sha256, counts=done.counts))
    return changed
