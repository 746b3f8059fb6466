"""設定 › backups: the automatic and manual backups beside the store, "back up now", restore.

"Back up now" is the File menu's backup (``backup_before(store, "manual")`` on the reader
thread: a consistent copy while the app keeps working). A restore replaces the store file, so
it runs through ``JobRunner.run_on_path(..., close_reader=True)`` after the GUI thread's reader
is closed; the job declares every table of the store, so every page shows the restored figures
once it is done. The current store is kept as a backup first (``store.backup.restore``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.errors import BranchdeskError
from branchdesk.domain.messages import message
from branchdesk.store.backup import BackupInfo, backup_before, backups_dir, list_backups, restore
from branchdesk.store.connection import Store
from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.settings_app import open_folder
from branchdesk.ui.write import read

COLUMNS = 4
WHEN_COL, REASON_COL, SIZE_COL, FILE_COL = range(COLUMNS)
_MB = 1024 * 1024


def store_tables(store: Store) -> frozenset[str]:
    """Every table of the store (those of ``store/schema.py`` and of later migrations)."""
    rows = store.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite_%'")
    return frozenset(str(r["name"]) for r in rows)


def size_text(size: int) -> str:
    """A file size in MB with one decimal (KB below 1 MB)."""
    if size < _MB:
        return f"{size / 1024:,.0f} KB"
    return f"{size / _MB:,.1f} MB"


def taken_text(info: BackupInfo) -> str:
    """When the backup was taken, to the second."""
    return info.taken_at.strftime("%Y-%m-%d %H:%M:%S")


class BackupsSection(QGroupBox):
    """The list of backups (newest first), Back up now, Restore…, Open folder."""

    loaded = Signal()
    backed_up = Signal(object)
    restored = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.backups: list[BackupInfo] = []
        self.question: QMessageBox | None = None
        self.setTitle(self.tr("Backups"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Taken before every import, restore and schema migration, and "
                              "whenever you back up; kept in the backups folder beside the "
                              "store. A restore keeps the current store as a backup first."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self._table())
        layout.addLayout(self._buttons())

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("backups_table")
        self.table.setHorizontalHeaderLabels([self.tr("Taken at"), self.tr("Reason"),
                                              self.tr("Size"), self.tr("File")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE_COL, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 7)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self.ask_restore())
        return self.table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_button.setObjectName("backup_restore")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.ask_restore)
        self.folder_button = QPushButton(self.tr("Open backups f&older"))
        self.folder_button.clicked.connect(lambda: open_folder(self.folder))
        self.message_label = QLabel()
        self.message_label.setObjectName("backups_message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            row.addWidget(button)
        row.addWidget(self.message_label, 1)
        return row

    @property
    def folder(self) -> Path:
        """The backups folder beside the store."""
        return backups_dir(self.context.store_path)

    # --- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        """List the backups (a folder listing: on the GUI thread)."""
        self.backups = list_backups(self.context.store_path)
        self.table.setRowCount(len(self.backups))
        for index, info in enumerate(self.backups):
            texts = (taken_text(info), self._reason(info.reason), size_text(info.size),
                     info.path.name)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == SIZE_COL:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, item)
        self._selection_changed()
        self.loaded.emit()

    def _reason(self, reason: str) -> str:
        reasons = {"import": self.tr("Before an import"), "restore": self.tr("Before a restore"),
                   "migration": self.tr("Before a schema migration"),
                   "manual": self.tr("Backed up by hand")}
        return reasons.get(reason, reason)

    def selected(self) -> BackupInfo | None:
        """The backup selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select(self, path: Path) -> None:
        """Select the backup at ``path`` in the list."""
        for index, info in enumerate(self.backups):
            if info.path == path:
                self.table.selectRow(index)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # --- back up now -----------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Write a manual backup into the backups folder (the File menu's backup)."""
        self.backup_button.setEnabled(False)
        jobs = self.context.jobs
        if jobs is None:
            read(self.context, lambda store: backup_before(store, "manual"), self._backed_up,
                 self._failed)
            return
        job = jobs.run_read(lambda store, _state: backup_before(store, "manual"),
                            title=self.tr("Writing a backup…"), show_errors=False)
        job.finished.connect(self._backed_up)
        job.failed.connect(self._failed)

    def _backed_up(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.reload()
        self.select(path)
        self._say(message("backup_written", self.context.lang, path=str(path)))
        self.backed_up.emit(path)

    # --- restore ---------------------------------------------------------------------------

    def ask_restore(self) -> QMessageBox | None:
        """Ask to confirm restoring the selected backup, naming its date (non-blocking)."""
        info = self.selected()
        if info is None:
            self._say(message("backup_none_selected", self.context.lang))
            return None
        text = message("restore_confirm", self.context.lang, taken_at=taken_text(info),
                       reason=self._reason(info.reason), size=size_text(info.size))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore a backup"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("restore_question")
        accept = box.addButton(self.tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        accept.clicked.connect(lambda: self.restore(info))
        box.finished.connect(lambda _: setattr(self, "question", None))
        self.question = box
        box.open()
        return box

    def restore(self, info: BackupInfo) -> None:
        """Put ``info`` in place of the store (the current store kept as a backup first);
        afterwards every page is told that every table changed."""
        tables = store_tables(self.context.reader())
        self.context.close()
        self._set_busy(True)
        jobs = self.context.jobs
        if jobs is None:
            self._restore_here(info)
            return
        job = jobs.run_on_path(lambda path, _state: restore(path, info.path),
                               title=self.tr("Restoring the backup…"), tables=tables,
                               cancellable=False, show_errors=False, close_reader=True)
        job.finished.connect(lambda kept: self._restored(info, kept))
        job.failed.connect(self._failed)

    def _restore_here(self, info: BackupInfo) -> None:
        try:
            kept = restore(self.context.store_path, info.path)
        except Exception as e:  # shown as the runner would show it
            self._failed(e)
            return
        self._restored(info, kept)

    def _restored(self, info: BackupInfo, kept: Path) -> None:
        self._set_busy(False)
        self.reload()
        self._say(message("restore_finished", self.context.lang, taken_at=taken_text(info),
                          kept=str(kept)))
        self.restored.emit(kept)

    # --- common ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, BranchdeskError):
            self._say(error.render(self.context.lang))
        elif self.context.jobs is not None:
            self.context.jobs.report(error)
        else:
            raise error

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

