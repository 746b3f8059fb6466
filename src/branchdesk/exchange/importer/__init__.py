"""The import command's engine: ``run_import(store_path, paths, options, state)``."""

from branchdesk.exchange.importer.model import ImportOptions, ImportResult, SheetSummary
from branchdesk.exchange.importer.run import run_import

__all__ = ["ImportOptions", "ImportResult", "SheetSummary", "run_import"]
