"""Writing validated sheets to the store, in dependency order, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.importer.collect import SheetPlan
from branchdesk.exchange.importer.model import ImportOptions
from branchdesk.exchange.importer.staging import FreshSink, StageSink
from branchdesk.store import registers
from branchdesk.store.connection import Store
from branchdesk.store.registers import Changes
from branchdesk.store.registers.employers import apply_staged_register

Writer = Callable[[Store, SheetPlan, ImportOptions], Changes]
#: Called between the chunks of a large write (the cancel point).
Tick = Callable[[], None]


def _employers(store: Store, plan: SheetPlan, options: ImportOptions,
               tick: Tick | None = None) -> Changes:
    as_of = plan.result.base_date or plan.match.base_date
    if as_of is None:
        raise InputRejected("import_base_date_missing", file=plan.path.name)
    sink = plan.result.sink
    if isinstance(sink, FreshSink):
        return sink.register.apply(as_of)
    if isinstance(sink, StageSink):
        return apply_staged_register(
            store, as_of, [sink.stage], confirm_lost=options.confirm_lost,
            listed_symbols_extra=plan.result.listed_symbols_extra, tick=tick,
            compared=sink.compared(), tally=sink.tally())
    return registers.apply_register(
        store, as_of, plan.result.records,  # type: ignore[arg-type]
        confirm_lost=options.confirm_lost,
        listed_symbols_extra=plan.result.listed_symbols_extra)


def _declarations(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.upsert_declarations(store, plan.result.records,  # type: ignore[arg-type]
                                         source="import")


def _committee(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.upsert_members(store, plan.result.records,  # type: ignore[arg-type]
                                    source="import")


def _generic(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.replace_generic(store, plan.result.records)  # type: ignore[arg-type]


def _biosimilar(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.replace_biosimilar(store, plan.result.records)  # type: ignore[arg-type]


def _referrals(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.upsert_cases(store, plan.result.records,  # type: ignore[arg-type]
                                  source="import")


def _visits(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.set_visits(store, plan.result.records)  # type: ignore[arg-type]


def _followups(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.add_actions(store, plan.result.records)  # type: ignore[arg-type]


def _kpi_sheet(store: Store, plan: SheetPlan, options: ImportOptions) -> Changes:
    return registers.upsert_kpi_rows(store, plan.result.records)


WRITERS: dict[str, Writer] = {
    "employers": _employers, "declarations": _declarations, "committee": _committee,
    "generic": _generic, "biosimilar": _biosimilar, "referrals": _referrals,
    "visits": _visits, "followups": _followups, "kpi_sheet": _kpi_sheet,
}


def write_plan(store: Store, plan: SheetPlan, options: ImportOptions,
               tick: Tick | None = None) -> Changes:
    """Write one validated sheet; returns what changed. ``tick`` runs between the chunks of a
    staged register's write."""
    if plan.match.kind == "employers":
        return _employers(store, plan, options, tick)
    return WRITERS[plan.match.kind](store, plan, options)


def summary_counts(plan: SheetPlan, changes: Changes) -> dict[str, Any]:
    """The one-line summary's figures for a sheet."""
    result = plan.result
    counts = changes.counts()
    counts.update(rows=result.rows_read, skipped_invalid=result.invalid_rows,
                  skipped_blank=result.blank_skipped, skipped_total=result.total_skipped,
                  skipped_other_branch=result.other_branch_skipped,
                  duplicates_merged=result.duplicates_merged)
    return counts
