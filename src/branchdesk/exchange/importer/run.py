"""An import from start to end (exchange.md §2): read and validate every file, check references,
then write everything in one transaction after an automatic backup — or nothing at all."""

from __future__ import annotations

import logging
from pathlib import Path

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.jobs import TaskState, null_state
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
from branchdesk.store.backup import backup_before
from branchdesk.store.connection import Store, open_store
from branchdesk.store.imports import get_mapping, record_import
from branchdesk.store.registers import Changes

log = logging.getLogger("branchdesk.import")


def run_import(store_path: Path, paths: list[Path], options: ImportOptions,
               state: TaskState | None = None) -> ImportResult:
    """Import ``paths`` into the store at ``store_path``; see ``ImportResult.outcome``."""
    state = state or null_state()
    with open_store(store_path, write=not options.dry_run) as store:
        result = ImportResult()
        files = expand(paths)
        reports = [f for f in files if is_report(f, options)]
        plans = _read_all(store, [f for f in files if f not in reports], options, result, state)
        _refuse_sensitive_in_portable(store, plans)
        result.problems.extend(check_references(store, plans, drop=options.skip_invalid))
        if result.errors and not options.skip_invalid:
            log.info("import rejected: %d problems", len(result.errors))
            return result
        _write(store, plans, reports, options, result, state)
    log.info("import %s: %d sheets", result.outcome, len(result.sheets))
    return result


def _read_all(store: Store, files: list[Path], options: ImportOptions, result: ImportResult,
              state: TaskState) -> list[SheetPlan]:
    kinds = [options.kind] if options.kind else list(KIND_ORDER)
    mappings = {k: get_mapping(store, k) for k in kinds}
    plans: list[SheetPlan] = []
    for index, path in enumerate(files):
        state.set_progress(0.6 * index / len(files), path.name)
        plans.extend(plan_file(path, options, mappings, store.branch_code, result.problems,
                               state))
    for plan in plans:
        result.problems.extend(plan.result.problems)
    return sorted(plans, key=lambda p: KIND_ORDER.get(p.match.kind, 9))


def _refuse_sensitive_in_portable(store: Store, plans: list[SheetPlan]) -> None:
    if store.portable and any(p.match.kind in SENSITIVE_KINDS for p in plans):
        raise InputRejected("portable_no_referrals")


def _write(store: Store, plans: list[SheetPlan], reports: list[Path], options: ImportOptions,
           result: ImportResult, state: TaskState) -> None:
    if options.dry_run:
        _apply(store, plans, reports, options, result, state, keep=False)
        result.outcome = "dry_run"
        return
    with store.transaction():
        changed = _apply(store, plans, reports, options, result, state, keep=True)
        if changed:
            state.set_progress(0.95, "backup")
            result.backup = backup_before(store, "import")  # the committed state, before ours
        state.check()
        result.outcome = "imported" if changed else "unchanged"
        result.import_id = record_import(
            store, [s.as_json() for s in result.sheets],
            {"problems": len(result.problems), "errors": len(result.errors)},
            result.outcome)


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
            state.set_progress(0.6 + 0.35 * index / max(1, len(plans)), plan.match.kind)
            changes = write_plan(store, plan, options)
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
