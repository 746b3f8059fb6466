"""Helpers of the dashboard, drugs, declarations and committee page tests.

Pages are made standalone (a plain parent QWidget, as the main window would host them) on the
shell's ``context`` fixture; the job runner's ``changed`` is connected to the page as the main
window connects it, so a form's write refreshes the list.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from branchdesk.store.connection import Store, open_store
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.form import FormDialog
from branchdesk.ui.pages.base import Page

P = TypeVar("P", bound=Page)
WAIT_MS = 20_000


def _reserve_none_references() -> None:
    """Stopgap for a PySide6 6.12.0 bug on Python 3.11 that ``ui.qtfix`` guards for ``True``
    only: every call of a C++ method returning void (``setText``, ``show`` …) takes one
    reference away from ``None`` (about 5,300 in a bare interpreter), so a test process that
    shows the dashboard ten times aborts with "none_dealloc". Measured, then applied only
    when present, as ``qtfix`` does for ``True``; to move into ``qtfix`` (reported)."""
    if sys.version_info >= (3, 12):
        return
    probe = QObject()  # no QApplication yet at import time: a plain QObject
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    if sys.getrefcount(None) < before:
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_reserve_none_references()


def open_page(qtbot: Any, context: UiContext, cls: Callable[..., P], **kwargs: Any) -> P:
    """Make a page inside a plain widget, show it, and wait for its first load."""
    host = QWidget()
    qtbot.addWidget(host)
    page = cls(context, host, **kwargs)
    page.test_host = host  # type: ignore[attr-defined] - keeps the parent (and page) alive
    host.resize(1200, 800)
    host.show()
    if context.jobs is not None:
        context.jobs.changed.connect(page.on_store_changed)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.refresh()
    settle(context)
    return page


def settle(context: UiContext) -> None:
    """Let every queued job finish and deliver."""
    if context.jobs is not None:
        assert context.jobs.wait_idle(WAIT_MS / 1000)


def reading(context: UiContext) -> Store:
    """A fresh read-only store on the context's file (the caller closes it)."""
    return open_store(context.store_path)


def press_ok(qtbot: Any, form: FormDialog, *, expect_write: bool) -> None:
    """Click OK; with ``expect_write`` wait until the write committed and the form closed."""
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    if expect_write:
        with qtbot.waitSignal(form.written, timeout=WAIT_MS):
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        settle(form.context)
    else:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        settle(form.context)


def fill(qtbot: Any, form: FormDialog, **texts: str) -> None:
    """Type into the form's line edits, found by object name."""
    from PySide6.QtWidgets import QLineEdit

    for name, text in texts.items():
        edit = form.findChild(QLineEdit, name)
        assert edit is not None, name
        edit.clear()
        type_text(qtbot, edit, text)


def type_text(qtbot: Any, edit: Any, text: str) -> None:
    """Type ``text`` into a line edit: key clicks for ASCII; Japanese is inserted as an input
    method commits it (QTest can only click ASCII keys)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def close(widget: QWidget) -> None:
    """Close and schedule deletion (deterministic teardown)."""
    widget.close()
    widget.deleteLater()
