"""Checks before the main window opens, and the dialog that offers the backups.

``check_at_start`` opens the store read-only (missing, not a store, newer than the app and
unreadable stores are refused there), probes the writer's lock (held by another writer: the app
opens read-only and says so in a banner), and runs ``PRAGMA quick_check`` only after an unclean
shutdown: a ``-wal`` file that is still there, non-empty, before any connection of ours was
opened, while nobody holds the writer's lock. (SQLite removes the ``-wal`` file when the last
connection closes cleanly; a full integrity check of a 400 MB store costs about a second, so it
is not run on every start. A ``-journal`` file left by an import killed while it wrote a store's
first register in rollback-journal mode needs no check: SQLite rolls it back when the store is
first opened, and the store is as before the import.) A store with a problem is never opened
for writing: the dialog offers 復元 from a backup (or, for a missing store, 新規作成 for a branch)
or 終了.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.errors import BranchdeskError, StoreUnusable
from branchdesk.domain.identifiers import BRANCHES
from branchdesk.store.backup import BackupInfo, list_backups, restore
from branchdesk.store.connection import create_store, open_store
from branchdesk.store.lock import WriterLock
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger("branchdesk.ui.startup")

_REASONS = {
    "import": QT_TRANSLATE_NOOP("startup", "before an import"),
    "restore": QT_TRANSLATE_NOOP("startup", "before a restore"),
    "migration": QT_TRANSLATE_NOOP("startup", "before a format update"),
    "manual": QT_TRANSLATE_NOOP("startup", "manual"),
}


@dataclass
class StartupCheck:
    """What the start-up checks found: a blocking problem, a lock held by another writer."""

    path: Path
    problem: StoreUnusable | None = None
    locked_by: StoreUnusable | None = None
    backups: list[BackupInfo] = field(default_factory=list)
    quick_checked: bool = False

    @property
    def usable(self) -> bool:
        """True when the main window may open (perhaps read-only)."""
        return self.problem is None

    @property
    def read_only(self) -> bool:
        """True when another writer holds the lock: the app can read but not write."""
        return self.locked_by is not None


def wal_left_over(path: Path) -> bool:
    """True when the store's ``-wal`` file exists and is not empty."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def check_at_start(path: Path) -> StartupCheck:
    """Run the start-up checks on the store at ``path`` (see the module docstring)."""
    path = Path(path)
    check = StartupCheck(path, backups=list_backups(path))
    unclean = wal_left_over(path)  # looked at before any connection could checkpoint it
    if path.is_file():
        check.locked_by = _probe_lock(path)
    if unclean and check.locked_by is None and path.is_file():
        check.quick_checked = True
        check.problem = quick_check(path)
    if check.problem is None:
        check.problem = _open_problem(path)
    log.info("start-up check: problem=%s locked=%s quick_check=%s",
             check.problem.code if check.problem else None, check.read_only,
             check.quick_checked)
    return check


def _open_problem(path: Path) -> StoreUnusable | None:
    """What ``open_store`` refuses (missing, not a store, newer, unreadable), if anything."""
    try:
        open_store(path).close()
    except StoreUnusable as e:
        return e
    return None


def _probe_lock(path: Path) -> StoreUnusable | None:
    lock = WriterLock(path)
    try:
        lock.acquire()
    except StoreUnusable as e:
        return e
    except OSError as e:  # a read-only folder: nobody can write there, we can still read
        log.info("writer's lock not probed: %s", type(e).__name__)
        return None
    lock.release()
    return None


def quick_check(path: Path) -> StoreUnusable | None:
    """``PRAGMA quick_check`` through a read-only connection, which never checkpoints the
    ``-wal`` file into a store that may be damaged; ``store_damaged`` when it fails."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as e:
        log.warning("quick_check skipped: %s", type(e).__name__)
        return None
    try:
        lines = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.OperationalError as e:
        if "unable to open" in str(e):
            return None  # cannot check here; open_store will say what is wrong
        lines = [str(e)]
    except sqlite3.DatabaseError as e:
        lines = [str(e)]
    finally:
        conn.close()
    if lines == ["ok"]:
        return None
    return StoreUnusable("store_damaged", path=str(path), detail="; ".join(lines[:3]))


def restore_backup(store_path: Path, backup: Path) -> None:
    """Put ``backup`` in place of the store (the current one is kept as a backup first); a
    missing store is simply replaced by a copy (backups are single, consistent files)."""
    if store_path.exists():
        restore(store_path, backup)
        return
    store_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{store_path.name}.", dir=store_path.parent)
    os.close(handle)
    try:
        shutil.copyfile(backup, temp)
        os.replace(temp, store_path)
    finally:
        Path(temp).unlink(missing_ok=True)


def _tr(text: str) -> str:
    return QCoreApplication.translate("startup", text)


def backup_label(info: BackupInfo) -> str:
    """One line of the backup list: time, reason, size."""
    reason = _tr(_REASONS.get(info.reason, info.reason))
    size = f"{info.size / 1_000_000:,.1f} MB"
    return f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {reason}  {size}"


class StartupDialog(QDialog):
    """The store cannot be opened: say why, list the backups, offer 復元 / 新規作成 / 終了.

    Accepted once a backup was restored or a store created (the caller checks again)."""

    def __init__(self, check: StartupCheck, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.lang = lang
        self.error: BaseException | None = None
        self.missing = check.problem is not None and check.problem.code == "store_missing"
        self.setWindowTitle(self.tr("The store cannot be opened"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        message = QLabel(check.problem.render(lang) if check.problem else "")
        message.setObjectName("problem")
        message.setWordWrap(True)
        layout.addWidget(message)
        self.backups = self._backup_list(layout)
        self.branches = self._branch_choice(layout)
        self._buttons(layout)

    def _backup_list(self, layout: QVBoxLayout) -> QListWidget:
        title = (self.tr("Backups (newest first):") if self.check.backups
                 else self.tr("There are no backups of this store."))
        layout.addWidget(QLabel(title))
        backups = QListWidget()
        for info in self.check.backups:
            item = QListWidgetItem(backup_label(info))
            item.setToolTip(str(info.path))
            backups.addItem(item)
        backups.setVisible(bool(self.check.backups))
        if self.check.backups:
            backups.setCurrentRow(0)
        layout.addWidget(backups)
        return backups

    def _branch_choice(self, layout: QVBoxLayout) -> QComboBox:
        branches = QComboBox()
        for code, name in BRANCHES.items():
            branches.addItem(f"{code} {name}", code)
        missing = self.missing
        if missing:
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Or make a new store for the branch:")))
            row.addWidget(branches, 1)
            layout.addLayout(row)
        branches.setVisible(missing)
        return branches

    def _buttons(self, layout: QVBoxLayout) -> None:
        box = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setEnabled(bool(self.check.backups))
        self.restore_button.clicked.connect(self.restore_selected)
        box.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button = QPushButton(self.tr("&New store"))
        self.create_button.clicked.connect(self.create_new)
        box.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button.setVisible(self.missing)  # after addButton, which shows it
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.reject)
        box.addButton(quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(box)

    def restore_selected(self) -> bool:
        """Restore the selected backup; True on success (the dialog is then accepted)."""
        row = self.backups.currentRow()
        if row < 0:
            return False
        return self._attempt(lambda: restore_backup(self.check.path,
                                                    self.check.backups[row].path))

    def create_new(self) -> bool:
        """Make an empty store for the chosen branch; True on success."""
        code = str(self.branches.currentData())
        return self._attempt(lambda: create_store(self.check.path, code).close())

    def _attempt(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except BranchdeskError as e:
            from branchdesk.ui.errors import show_error

            self.error = e
            show_error(self, e, self.lang)
            return False
        self.accept()
        return True


def resolve_at_start(path: Path, lang: str, parent: QWidget | None = None) -> StartupCheck | None:
    """Check the store; while it has a problem, show the dialog. None when the user quits."""
    while True:
        check = check_at_start(path)
        if check.usable:
            return check
        dialog = StartupDialog(check, lang, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
