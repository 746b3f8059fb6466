"""The one place errors become dialogs.

Typed errors (``BranchdeskError``) are rendered in the UI language by the message catalogue;
anything else is logged with its traceback and shown with the path of the log file. Boxes are
opened window-modal without blocking the caller (``QMessageBox.open``), so a job's failure
never stalls the event loop and tests can read the box.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from branchdesk.domain.errors import (
    BranchdeskError,
    Cancelled,
    ConsistencyProblems,
    InputRejected,
    StoreUnusable,
)
from branchdesk.domain.messages import message
from branchdesk.logsetup import log_unexpected
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger("branchdesk.ui")

Icon = QMessageBox.Icon
_open_boxes: set[QMessageBox] = set()

#: Error type → (dialog icon, English source of the box's title).
_KINDS: tuple[tuple[type[BranchdeskError], Icon, str], ...] = (
    (Cancelled, Icon.Information, QT_TRANSLATE_NOOP("errors", "Cancelled")),
    (InputRejected, Icon.Warning, QT_TRANSLATE_NOOP("errors", "Input rejected")),
    (StoreUnusable, Icon.Critical, QT_TRANSLATE_NOOP("errors", "The store cannot be used")),
    (ConsistencyProblems, Icon.Warning, QT_TRANSLATE_NOOP("errors", "Consistency problems")),
    (BranchdeskError, Icon.Warning, QT_TRANSLATE_NOOP("errors", "Error")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def describe(error: BaseException, lang: str) -> tuple[Icon, str, str]:
    """(icon, title, text) of the dialog for ``error``; unexpected errors are logged here."""
    if isinstance(error, BranchdeskError):
        for kind, icon, title in _KINDS:
            if isinstance(error, kind):
                return icon, _tr(title), error.render(lang)
    path = log_unexpected(error)
    title = QCoreApplication.translate("errors", "Unexpected error")
    return Icon.Critical, title, message("unexpected", lang, log=str(path))


def show_error(parent: QWidget | None, error: BaseException, lang: str) -> QMessageBox:
    """Open the dialog for ``error`` (window-modal, non-blocking) and return it."""
    icon, title, text = describe(error, lang)
    if isinstance(error, BranchdeskError):
        log.info("shown to the user: %s", error.code)  # the code only, never the values
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error_box")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if parent is None:  # nothing owns a parentless box: keep it alive until it is closed
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
    return box


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_excepthook(lang: str, parent: Callable[[], QWidget | None] = lambda: None) -> None:
    """Log every uncaught exception and show it with the log's path (``parent()`` gives the
    window to attach the box to). ``KeyboardInterrupt`` keeps Python's default."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            previous(kind, error, tb)
            return
        try:
            show_error(parent(), error.with_traceback(tb), lang)
        except Exception:  # the dialog itself failed: keep the default report
            previous(kind, error, tb)

    sys.excepthook = hook
