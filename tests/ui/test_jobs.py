"""The job runner: progress dialog after 600 ms, cancel rolls back, errors reach the dialog
mapper, ``changed`` after writes, the writer's lock held only while writing, reads off the
GUI thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from branchdesk.domain.errors import Cancelled, StoreUnusable, ValueRejected
from branchdesk.domain.jobs import TaskState
from branchdesk.logsetup import log_path, setup_logging
from branchdesk.store.connection import Store, create_store, open_store
from branchdesk.store.lock import WriterLock
from branchdesk.ui.jobs import DIALOG_DELAY_MS, JobRunner


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.db"
    create_store(path, "31").close()
    return path


@pytest.fixture
def runner(store_path: Path, qtbot) -> Iterator[JobRunner]:
    parent = QWidget()
    qtbot.addWidget(parent)
    jobs = JobRunner(store_path, "ja")
    jobs.dialog_parent = parent
    yield jobs
    jobs.close()


def _employers(path: Path) -> int:
    with open_store(path) as store:
        return int(store.scalar("SELECT COUNT(*) FROM employers"))


def _insert_then_wait(release: threading.Event):
    def work(store: Store, state: TaskState) -> str:
        store.conn.execute("INSERT INTO employers (symbol, name) VALUES ('1', '甲商事')")
        state.set_progress(0.5, "途中")
        while not release.wait(0.01):
            state.check()
        return "done"
    return work


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def test_progress_dialog_appears_only_after_the_delay(runner: JobRunner, qtbot) -> None:
    release = threading.Event()
    started = time.monotonic()
    job = runner.run(_insert_then_wait(release), title="事業所を登録しています")
    qtbot.wait(DIALOG_DELAY_MS // 2)
    assert runner.progress_dialog(job) is None
    qtbot.waitUntil(lambda: runner.progress_dialog(job) is not None, timeout=3000)
    assert time.monotonic() - started >= DIALOG_DELAY_MS / 1000
    dialog = runner.progress_dialog(job)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "途中" in dialog.labelText(), timeout=2000)
    with qtbot.waitSignal(job.finished, timeout=3000) as result:
        release.set()
    assert result.args == ["done"]
    assert runner.progress_dialog(job) is None


def test_a_short_job_never_shows_the_dialog(runner: JobRunner, qtbot) -> None:
    job = runner.run(lambda store, state: 1, title="短い処理")
    with qtbot.waitSignal(job.done, timeout=3000):
        pass
    qtbot.wait(DIALOG_DELAY_MS + 200)
    assert runner.progress_dialog(job) is None


def test_cancel_leaves_the_store_unchanged(runner: JobRunner, store_path: Path, qtbot) -> None:
    messages: list[str] = []
    runner.status.connect(messages.append)
    job = runner.run(_insert_then_wait(threading.Event()), title="事業所を登録しています",
                     tables=frozenset({"employers"}))
    qtbot.waitUntil(lambda: runner.progress_dialog(job) is not None, timeout=3000)
    dialog = runner.progress_dialog(job)
    assert dialog is not None
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "キャンセル"
    with qtbot.assertNotEmitted(runner.changed), \
            qtbot.waitSignal(job.failed, timeout=3000) as failed:
        cancel.click()
    assert isinstance(failed.args[0], Cancelled)
    assert _employers(store_path) == 0
    assert messages == ["処理を中止しました。データは変更されていません。"]
    assert not _message_boxes()


def test_changed_names_the_tables_after_a_write(runner: JobRunner, store_path: Path,
                                                qtbot) -> None:
    def add(store: Store, state: TaskState) -> None:
        store.conn.execute("INSERT INTO employers (symbol, name) VALUES ('1', '甲商事')")

    with qtbot.waitSignal(runner.changed, timeout=3000) as changed:
        runner.run(add, title="登録", tables=frozenset({"employers"}))
    assert changed.args == [frozenset({"employers"})]
    assert _employers(store_path) == 1


@pytest.mark.parametrize(("error", "expected"), [
    (ValueRejected("branch_code_invalid", value="99"), "99"),
    (StoreUnusable("store_busy", path="x.db"), "x.db"),
])
def test_typed_errors_reach_the_dialog_in_japanese(runner: JobRunner, store_path: Path, qtbot,
                                                    error: Exception, expected: str) -> None:
    def fail(store: Store, state: TaskState) -> None:
        store.conn.execute("INSERT INTO employers (symbol, name) VALUES ('1', '甲商事')")
        raise error

    with qtbot.assertNotEmitted(runner.changed):
        job = runner.run(fail, title="登録", tables=frozenset({"employers"}))
        qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=3000)
    box = _message_boxes()[0]
    assert box.text() == error.render("ja")  # type: ignore[attr-defined]
    assert expected in box.text()
    assert job.error is error
    assert _employers(store_path) == 0  # the job's transaction rolled back
    box.close()


@pytest.fixture
def log_file() -> Iterator[Path]:
    """The app's log set up afresh in the test's data folder."""
    root = logging.getLogger("branchdesk")
    saved = root.handlers[:]
    root.handlers.clear()
    setup_logging()
    yield log_path()
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = saved


def test_unexpected_errors_are_logged_and_shown_with_the_log_path(runner: JobRunner, qtbot,
                                                                 log_file: Path) -> None:
    def boom(store: Store, state: TaskState) -> None:
        raise RuntimeError("bug in a job")

    seen: list[BaseException] = []
    runner.error_handler = seen.append
    with qtbot.waitSignal(runner.run_read(boom).done, timeout=3000):
        pass
    assert isinstance(seen[0], RuntimeError)
    runner.error_handler = None
    runner.run_read(boom)
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=3000)
    box = _message_boxes()[0]
    assert str(log_file) in box.text()
    assert "bug in a job" in log_file.read_text(encoding="utf-8")
    box.close()


def test_the_writers_lock_is_held_only_while_writing(runner: JobRunner, store_path: Path,
                                                     qtbot) -> None:
    release = threading.Event()
    job = runner.run(_insert_then_wait(release), title="")
    qtbot.waitUntil(lambda: job.state.progress[0] == 0.5, timeout=3000)  # inside the job
    with pytest.raises(StoreUnusable) as refused:
        WriterLock(store_path).acquire()
    assert refused.value.code == "store_locked"
    with qtbot.waitSignal(job.done, timeout=3000):
        release.set()
    lock = WriterLock(store_path)  # the command line can write again
    lock.acquire()
    lock.release()


def test_a_read_job_leaves_the_gui_responsive_and_can_be_interrupted(runner: JobRunner,
                                                                     qtbot) -> None:
    endless = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
               "SELECT COUNT(*) FROM n")
    job = runner.run_read(lambda store, state: store.scalar(endless))
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(300)
    assert len(ticks) >= 10  # the GUI thread kept running its timers
    started = time.monotonic()
    with qtbot.waitSignal(job.failed, timeout=3000) as failed:
        job.cancel()
    timer.stop()
    assert isinstance(failed.args[0], Cancelled)
    assert time.monotonic() - started < 1.0


def test_the_excepthook_logs_and_shows_the_log_path(qtbot, log_file: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from branchdesk.ui.errors import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook("ja")
    error = RuntimeError("uncaught in a slot")
    sys.excepthook(RuntimeError, error, None)
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=3000)
    box = _message_boxes()[0]
    assert box.windowTitle() == "予期しないエラー"
    assert "予期しないエラーが発生しました" in box.text() and str(log_file) in box.text()
    assert "uncaught in a slot" in log_file.read_text(encoding="utf-8")
    box.close()


def _open_and_insert(path: Path, state: TaskState) -> int:
    with open_store(path, write=True) as store, store.transaction():  # takes the writer's lock
        store.conn.execute("INSERT INTO employers (symbol, name) VALUES ('2', '乙工業')")
    return 1


def test_a_job_that_opens_the_store_itself_runs_after_earlier_writes(
        runner: JobRunner, store_path: Path, qtbot) -> None:
    release = threading.Event()
    first = runner.run(_insert_then_wait(release), title="")
    second = runner.run_on_path(_open_and_insert, title="", tables=frozenset({"employers"}),
                                close_reader=True)
    qtbot.waitUntil(lambda: first.state.progress[0] == 0.5, timeout=3000)
    with qtbot.waitSignal(runner.changed, timeout=5000) as changed:
        release.set()
        qtbot.waitUntil(lambda: second.is_done, timeout=5000)
    assert second.error is None  # the runner's own connection no longer held the lock
    assert changed.args[0] == frozenset({"employers"})
    assert _employers(store_path) == 2
