"""The quarterly report to head office (exchange.md §4): build, write, read back, import,
and consolidate many into national figures."""

from branchdesk.exchange.quarterly.build import build_report, file_name
from branchdesk.exchange.quarterly.consolidate import National, consolidate, input_files
from branchdesk.exchange.quarterly.national import write_national
from branchdesk.exchange.quarterly.reader import ReadReport, read_report
from branchdesk.exchange.quarterly.service import (
    QuarterlyImport,
    export_quarterly,
    import_quarterly,
)
from branchdesk.exchange.quarterly.writer import write_report

__all__ = [
    "National", "QuarterlyImport", "ReadReport", "build_report", "consolidate",
    "export_quarterly", "file_name", "import_quarterly", "input_files", "read_report",
    "write_national", "write_report",
]
