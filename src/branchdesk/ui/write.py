"""Reads and writes of the register pages, through the job runner when the context has one.

``read`` runs a query off the GUI thread (``JobRunner.run_read``); ``write`` runs a register
write inside one transaction on the writer thread (``JobRunner.run``), which then announces the
tables it touched with ``changed``. Without a runner (a page made standalone), both run here,
synchronously: the write on its own ``open_store(path, write=True)`` inside
``store.transaction()``, closed afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from branchdesk.domain.errors import BranchdeskError
from branchdesk.store.connection import Store, open_store
from branchdesk.ui.context import UiContext

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def read(context: UiContext, work: Callable[[Store], Any], done: Done,
         failed: Failed | None = None) -> None:
    """Run ``work(store)`` on a read-only store and hand its result to ``done`` (GUI thread);
    an error goes to ``failed`` (and, with a runner, to its error dialog when unexpected)."""
    jobs = context.jobs
    if jobs is None:
        _call(lambda: work(context.reader()), done, failed)
        return
    job = jobs.run_read(lambda store, state: work(store))
    job.finished.connect(done)
    if failed is not None:
        job.failed.connect(failed)


def write(context: UiContext, work: Callable[[Store], Any], *, title: str,
          tables: frozenset[str], done: Done, failed: Failed) -> None:
    """Run the register write ``work(store)`` in one transaction; ``done(result)`` after it
    committed, ``failed(error)`` after it rolled back. Errors are the caller's to show (the
    dialogs show them inline); an unexpected error also goes to the runner's error dialog,
    which logs it."""
    jobs = context.jobs
    if jobs is None:
        _call(lambda: _write_here(context, work), done, failed)
        return
    job = jobs.run(lambda store, state: work(store), title=title, tables=tables,
                   cancellable=False, show_errors=False)
    job.finished.connect(done)
    job.failed.connect(lambda error: _failed_write(context, error, failed))


def _failed_write(context: UiContext, error: BaseException, failed: Failed) -> None:
    if not isinstance(error, BranchdeskError) and context.jobs is not None:
        context.jobs.report(error)
    failed(error)


def _write_here(context: UiContext, work: Callable[[Store], Any]) -> Any:
    store = open_store(context.store_path, write=True)
    try:
        with store.transaction():
            return work(store)
    finally:
        store.close()


def _call(work: Callable[[], Any], done: Done, failed: Failed | None) -> None:
    try:
        result = work()
    except Exception as e:  # handed to the page, as the runner would
        if failed is None:
            raise
        failed(e)
        return
    done(result)
