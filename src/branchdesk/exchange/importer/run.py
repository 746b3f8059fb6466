"""An import from start to end (exchange.md §2): read and validate every file, check references,
then write everything in one transaction after an automatic backup — or nothing at all."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from branchdesk.domain.errors import InputRejected, StoreUnusable
from branchdesk.domain.jobs import TaskState, null_state
from branchdesk.exchange.importer import staging
from branchdesk.exchange.importer.apply import summary_counts, write_plan
from branchdesk.exchange.importer.collect import SheetPlan, expand, plan_file
from branchdesk.exchange.importer.model import (
    KIND_ORDER,
    SENSITIVE_KINDS,
    ImportOptions,
    ImportResult,
    SheetSummary,
)
from branchdesk.exchange.importer.quarterly import import_reports, is_report
from branchdesk.exchange.importer.refs import check_references
from branchdesk.store.backup import backup_before, rotate_import_backups
from branchdesk.store.connection import Store, open_store
from branchdesk.store.imports import get_mapping, record_import
from branchdesk.store.journal import rollback_journal
from branchdesk.store.registers import Changes

log = logging.getLogger("branchdesk.import")
#: The GIL switch interval while importing (``_quick_switching``).
SWITCH_INTERVAL_S = 0.0002


def run_import(store_path: Path, paths: list[Path], options: ImportOptions,
               state: TaskState | None = None) -> ImportResult:
    """Import ``paths`` into the store at ``store_path``; see ``ImportResult.outcome``.

    Unless it is a dry run, one write transaction spans the whole import (a store's first
    register is written while it is read): it commits at the end of ``_write`` and is rolled
    back on a rejection, a cancel or any error.
    """
    state = state or null_state()
    with _quick_switching(), open_store(store_path, write=not options.dry_run) as store:
        result = ImportResult()
        files = expand(paths)
        reports = [f for f in files if is_report(f, options)]
        fresh = not options.dry_run and staging.is_fresh(store)
        with rollback_journal(store, fresh) as bulk:
            if bulk:  # others cannot read the store while it is written: back it up now
                result.backup = backup_before(store, "import", rotate=False)
            if not options.dry_run:
                _begin(store)
            try:
                _run(store, files, reports, options, result, state)
            finally:
                if store.conn.in_transaction:
                    store.conn.execute("ROLLBACK")
                _settle_backup(store, result)
    log.info("import %s: %d sheets", result.outcome, len(result.sheets))
    return result


def _run(store: Store, files: list[Path], reports: list[Path], options: ImportOptions,
         result: ImportResult, state: TaskState) -> None:
    """Read, check and (unless refused) write everything, in the transaction begun."""
    plans = _read_all(store, [f for f in files if f not in reports], options, result, state)
    _refuse_sensitive_in_portable(store, plans)
    result.problems.extend(check_references(store, plans, drop=options.skip_invalid))
    if result.errors and not options.skip_invalid:
        log.info("import rejected: %d problems", len(result.errors))
        return
    _write(store, plans, reports, options, result, state)


def _settle_backup(store: Store, result: ImportResult) -> None:
    """Keep a backup taken before the import only if the import changed the store."""
    if result.backup is None or result.outcome == "imported":
        if result.backup is not None:
            rotate_import_backups(store.path)
        return
    result.backup.unlink(missing_ok=True)
    result.backup = None


@contextlib.contextmanager
def _quick_switching() -> Iterator[None]:
    """Hand the GIL over more often while importing: the slice parser and the register writer
    run on threads of their own and need it only for moments, but each moment waits for the
    validating thread to yield it (every 5 ms by default; a 600,000-row register then spends
    seconds waiting). Restored afterwards."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _begin(store: Store) -> None:
    """The import's write transaction (``Store.transaction``'s, held across the import)."""
    try:
        store.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise StoreUnusable("store_busy", path=str(store.path)) from e


def _read_all(store: Store, files: list[Path], options: ImportOptions, result: ImportResult,
              state: TaskState) -> list[SheetPlan]:
    kinds = [options.kind] if options.kind else list(KIND_ORDER)
    mappings = {k: get_mapping(store, k) for k in kinds}
    plans: list[SheetPlan] = []
    for index, path in enumerate(files):
        state.set_progress(0.6 * index / len(files), path.name)
        plans.extend(plan_file(path, options, mappings, store.branch_code, result.problems,
                               state, store=store, fresh=not options.dry_run))
    for plan in plans:
        result.problems.extend(plan.result.problems)
    return sorted(plans, key=lambda p: KIND_ORDER.get(p.match.kind, 9))


def _refuse_sensitive_in_portable(store: Store, plans: list[SheetPlan]) -> None:
    if store.portable and any(p.match.kind in SENSITIVE_KINDS for p in plans):
        raise InputRejected("portable_no_referrals")


def _write(store: Store, plans: list[SheetPlan], reports: list[Path], options: ImportOptions,
           result: ImportResult, state: TaskState) -> None:
    """Write every plan and commit (the transaction is open), or, for a dry run, write and
    roll back."""
    if options.dry_run:
        _apply(store, plans, reports, options, result, state, keep=False)
        result.outcome = "dry_run"
        return
    changed = _apply(store, plans, reports, options, result, state, keep=True)
    if changed and result.backup is None:
        state.set_progress(0.95, "progress_backup")
        result.backup = backup_before(store, "import", rotate=False)  # the committed state
    state.check()
    result.outcome = "imported" if changed else "unchanged"
    result.import_id = record_import(
        store, [s.as_json() for s in result.sheets],
        {"problems": len(result.problems), "errors": len(result.errors)}, result.outcome)
    store.conn.execute("COMMIT")


def _apply(store: Store, plans: list[SheetPlan], reports: list[Path], options: ImportOptions,
           result: ImportResult, state: TaskState, *, keep: bool) -> bool:
    """Write every plan; returns True when anything changed. A dry run rolls back after."""
    if not keep:
        store.conn.execute("BEGIN")
    changed = False
    try:
        changed = import_reports(store, reports, result)
        for index, plan in enumerate(plans):
            state.check()
            state.set_progress(0.6 + 0.35 * index / max(1, len(plans)), f"kind_{plan.match.kind}")
            changes = write_plan(store, plan, options, tick=state.check)
            changed = changed or not changes.nothing_changed
            result.sheets.append(_summary(plan, changes))
    finally:
        if not keep:
            store.conn.execute("ROLLBACK")
    return changed


def _summary(plan: SheetPlan, changes: Changes) -> SheetSummary:
    return SheetSummary(
        file=plan.path.name, sheet=plan.sheet.name, kind=plan.match.kind,
        header_row=plan.match.header_row, sha256=plan.sha256,
        counts=summary_counts(plan, changes), percent_reading=plan.result.percent_reading,
        base_date=plan.result.base_date or plan.match.base_date,
        overwritten_local_edits=[str(k) for k in changes.locally_edited_overwritten])
