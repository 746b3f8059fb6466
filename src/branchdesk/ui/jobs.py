"""Long work off the GUI thread: one writer thread, one reader thread, results by signal.

``JobRunner.run(fn, title=...)`` runs ``fn(store, state)`` on the writer thread, inside one
transaction of the store opened for writing; ``run_read(fn)`` runs it on the reader thread on
a read-only store. Results and errors come back on the GUI thread (``Job.finished`` /
``Job.failed``); after a write that succeeded, ``changed`` names the tables the job declared.

The writer's connection, and with it the writer's lock, is opened lazily by the first write
job and released as soon as no write job is queued: between writes the command line (an
import, a restore) can take the lock. The reader's connection needs no lock and stays open
until ``close``. A progress dialog appears only when a job with a title runs longer than
``DIALOG_DELAY_MS``; its Cancel asks the job to stop (``TaskState.check`` raises
``Cancelled``) and the transaction rolls back. A read job's running query is interrupted too.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from branchdesk.domain.errors import BranchdeskError, Cancelled
from branchdesk.domain.jobs import TaskState
from branchdesk.domain.messages import CATALOGUE, message
from branchdesk.store.connection import Store, open_store

log = logging.getLogger("branchdesk.ui.jobs")

#: A job shows its progress dialog only after running this long (Anki's progress.py).
DIALOG_DELAY_MS = 600
POLL_MS = 100
_STEPS = 1000
#: SQLite virtual-machine steps between two looks at a read job's cancel flag.
_INTERRUPT_STEPS = 20_000

JobFn = Callable[[Store, TaskState], Any]
PathJobFn = Callable[[Path, TaskState], Any]


class Job(QObject):
    """One submitted piece of work: its title, state, and the result or error once done."""

    finished = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, title: str, *, write: bool, tables: frozenset[str] = frozenset(),
                 cancellable: bool = True, show_errors: bool = True) -> None:
        super().__init__()
        self.title = title
        self.write = write
        self.tables = tables
        self.cancellable = cancellable
        self.show_errors = show_errors
        self.state = TaskState()
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_done = False

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point."""
        self.state.cancel()


class JobRunner(QObject):
    """Runs store work on a writer and a reader thread; see the module docstring."""

    changed = Signal(object)
    status = Signal(str)
    _delivered = Signal(object)

    def __init__(self, store_path: Path, lang: str = "ja", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self.lang = lang
        self.dialog_parent: QWidget | None = None
        self.error_handler: Callable[[BaseException], None] | None = None
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="branchdesk-writer")
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="branchdesk-reader")
        self._write_store: Store | None = None
        self._read_store: Store | None = None
        self._lock = threading.Lock()
        self._pending_writes = 0
        self._running: list[Job] = []
        self._dialogs: dict[Job, QProgressDialog] = {}
        self._closed = False
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # --- submitting ------------------------------------------------------------------------

    def run(self, fn: JobFn, *, title: str, tables: frozenset[str] = frozenset(),
            cancellable: bool = True, transaction: bool = True,
            show_errors: bool = True) -> Job:
        """Run the write ``fn(store, state)`` on the writer thread (inside one transaction
        unless ``transaction=False``, for work that opens its own); ``tables`` are those it
        may change, announced by ``changed`` after it succeeded."""
        job = Job(title, write=True, tables=frozenset(tables), cancellable=cancellable,
                  show_errors=show_errors)
        with self._lock:
            self._pending_writes += 1
        self._start(job)
        self._writer.submit(self._execute_write, job, fn, transaction)
        return job

    def run_on_path(self, fn: PathJobFn, *, title: str, tables: frozenset[str] = frozenset(),
                    cancellable: bool = True, show_errors: bool = True,
                    close_reader: bool = False) -> Job:
        """Run ``fn(store_path, state)`` on the writer thread with no connection of the runner's
        own holding the writer's lock: for work that opens the store itself (an import, which
        takes its own backup and transaction) or replaces its file (a restore, with
        ``close_reader=True`` so that the reader thread's connection is closed first; the
        caller closes the GUI thread's ``UiContext`` reader). Queued after earlier writes."""
        job = Job(title, write=True, tables=frozenset(tables), cancellable=cancellable,
                  show_errors=show_errors)
        with self._lock:
            self._pending_writes += 1
        self._start(job)
        self._writer.submit(self._execute_on_path, job, fn, close_reader)
        return job

    def run_read(self, fn: JobFn, *, title: str = "", cancellable: bool = True,
                 show_errors: bool = True) -> Job:
        """Run the read ``fn(store, state)`` on the reader thread (read-only store); a
        progress dialog appears after ``DIALOG_DELAY_MS`` only when ``title`` is given."""
        job = Job(title, write=False, cancellable=cancellable, show_errors=show_errors)
        self._start(job)
        self._reader.submit(self._execute_read, job, fn)
        return job

    def _start(self, job: Job) -> None:
        if self._closed:
            raise RuntimeError("the job runner is closed")
        self._running.append(job)
        if job.title:
            timer = QTimer(job)
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5% early
            timer.timeout.connect(lambda: self._show_progress(job))
            timer.start(DIALOG_DELAY_MS)

    @property
    def busy(self) -> bool:
        """True while a submitted job has not been delivered yet."""
        return bool(self._running)

    @property
    def writing(self) -> bool:
        """True while a write job has not been delivered yet."""
        return any(job.write for job in self._running)

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Process events until every job is delivered (for tests, benchmarks, smoke tests)."""
        deadline = time.monotonic() + timeout_s
        while self._running and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        QCoreApplication.processEvents()
        return not self._running

    # --- on the worker threads -------------------------------------------------------------

    def _execute_write(self, job: Job, fn: JobFn, transaction: bool) -> None:
        try:
            store = self._writing_store()
            if transaction:
                with store.transaction():
                    job.result = fn(store, job.state)
            else:
                job.result = fn(store, job.state)
        except BaseException as e:  # delivered to the GUI thread, never lost
            job.error = e
        finally:
            self._release_writer_if_idle()
        self._delivered.emit(job)

    def _execute_on_path(self, job: Job, fn: PathJobFn, close_reader: bool) -> None:
        try:
            self._close_write_store()
            if close_reader:
                self._reader.submit(self._close_read_store).result()
            job.result = fn(self.store_path, job.state)
        except BaseException as e:
            job.error = e
        finally:
            self._release_writer_if_idle()
        self._delivered.emit(job)

    def _execute_read(self, job: Job, fn: JobFn) -> None:
        try:
            if self._read_store is None:
                self._read_store = open_store(self.store_path)
            with _interruptible(self._read_store, job.state):
                job.result = fn(self._read_store, job.state)
        except BaseException as e:
            job.error = _as_cancelled(e, job.state)
        self._delivered.emit(job)

    def _writing_store(self) -> Store:
        if self._write_store is None:
            self._write_store = open_store(self.store_path, write=True)
        return self._write_store

    def _release_writer_if_idle(self) -> None:
        with self._lock:
            self._pending_writes -= 1
            idle = self._pending_writes == 0
        if idle and self._write_store is not None:
            self._write_store.close()
            self._write_store = None

    # --- back on the GUI thread ------------------------------------------------------------

    def _deliver(self, job: Job) -> None:
        job.is_done = True
        if job in self._running:
            self._running.remove(job)
        self._close_progress(job)
        if self._closed:
            return
        if job.error is None:
            self._succeeded(job)
        else:
            self._failed(job, job.error)
        job.done.emit()

    def _succeeded(self, job: Job) -> None:
        nothing = bool(getattr(job.result, "nothing_changed", False))
        if job.write and job.tables and not nothing:
            self.changed.emit(job.tables)
        job.finished.emit(job.result)

    def _failed(self, job: Job, error: BaseException) -> None:
        if isinstance(error, BranchdeskError):
            log.info("job ended with %s", error.code)
        job.failed.emit(error)
        if isinstance(error, Cancelled):
            self.status.emit(message("cancelled", self.lang))
        elif job.show_errors:
            self.report(error)

    def report(self, error: BaseException) -> None:
        """Hand ``error`` to the dialog mapper (or to ``error_handler`` when one is set)."""
        if self.error_handler is not None:
            self.error_handler(error)
            return
        from branchdesk.ui.errors import show_error

        show_error(self.dialog_parent, error, self.lang)

    # --- the progress dialog ---------------------------------------------------------------

    def progress_dialog(self, job: Job) -> QProgressDialog | None:
        """The progress dialog of ``job`` while it is shown."""
        return self._dialogs.get(job)

    def _show_progress(self, job: Job) -> None:
        if job.is_done or self._closed:
            return
        cancel = self.tr("Cancel") if job.cancellable else ""
        dialog = QProgressDialog(job.title, cancel, 0, 0, self.dialog_parent)
        dialog.setWindowTitle(self.tr("Working"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if not job.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(lambda: self._cancel_from_dialog(job))
        timer = QTimer(dialog)
        timer.timeout.connect(lambda: self._poll(job, dialog))
        timer.start(POLL_MS)
        self._dialogs[job] = dialog
        dialog.show()

    def _poll(self, job: Job, dialog: QProgressDialog) -> None:
        fraction, text = job.state.progress
        if fraction > 0 and dialog.maximum() == 0:
            dialog.setRange(0, _STEPS)
        if dialog.maximum():
            dialog.setValue(int(fraction * _STEPS))
        if job.state.cancelled:
            dialog.setLabelText(self.tr("Stopping…"))
        elif text:
            shown = message(text, self.lang) if text in CATALOGUE else text
            dialog.setLabelText(f"{job.title}\n{shown}")

    def _cancel_from_dialog(self, job: Job) -> None:
        job.cancel()
        dialog = self._dialogs.get(job)
        if dialog is not None:
            dialog.setLabelText(self.tr("Stopping…"))
            dialog.show()  # QProgressDialog hides itself on cancel; keep it until the stop

    def _close_progress(self, job: Job) -> None:
        dialog = self._dialogs.pop(job, None)
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    # --- closing ---------------------------------------------------------------------------

    def cancel_all(self) -> None:
        """Ask every running job to stop."""
        for job in list(self._running):
            job.cancel()

    def close(self) -> None:
        """Cancel running jobs, wait for the threads, close both connections (idempotent)."""
        if self._closed:
            return
        self.cancel_all()
        self._closed = True
        self._writer.submit(self._close_write_store)
        self._reader.submit(self._close_read_store)
        self._writer.shutdown(wait=True)
        self._reader.shutdown(wait=True)
        for job in list(self._dialogs):
            self._close_progress(job)
        self._running.clear()

    def _close_write_store(self) -> None:
        if self._write_store is not None:
            self._write_store.close()
            self._write_store = None

    def _close_read_store(self) -> None:
        if self._read_store is not None:
            self._read_store.close()
            self._read_store = None


@contextlib.contextmanager
def _interruptible(store: Store, state: TaskState) -> Iterator[None]:
    """Let a cancel interrupt the running query (read jobs only: an interrupted write would
    roll its transaction back under the ``Store.transaction`` that still expects it)."""
    store.conn.set_progress_handler(lambda: 1 if state.cancelled else 0, _INTERRUPT_STEPS)
    try:
        yield
    finally:
        store.conn.set_progress_handler(None, 0)


def _as_cancelled(error: BaseException, state: TaskState) -> BaseException:
    if state.cancelled and isinstance(error, sqlite3.OperationalError) \
            and "interrupt" in str(error):
        return Cancelled()
    return error
