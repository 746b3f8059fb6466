"""設定 › the branch of the store, where the store is, and the display language.

The branch is the store's for good (a branch change is a new store, ``branchdesk init``), so it
is shown read-only. The language is a preference of this PC: it goes to ``settings.ini`` under
``LANGUAGE_KEY`` and applies from the next start; so does the store chosen to open at the next
start (``STORE_KEY``; ``--db`` on the command line still wins).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.identifiers import BRANCHES, insurer_number
from branchdesk.domain.messages import message
from branchdesk.ui.context import UiContext
from branchdesk.ui.main_window import LANGUAGE_KEY, STORE_KEY
from branchdesk.ui.write import read

LANGUAGES = ("ja", "en")


def open_folder(folder: Path) -> bool:
    """Open ``folder`` in the system's file manager."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def selectable(label: QLabel) -> QLabel:
    """``label`` with its text selectable by mouse and keyboard (paths, codes)."""
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class BranchSection(QGroupBox):
    """The store's branch code, name and insurer number (read-only)."""

    loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setTitle(self.tr("Branch"))
        self.setToolTip(self.tr(
            "A store belongs to one branch for good. For another branch, make a new store "
            "(branchdesk init --branch CODE --db PATH) and open the app on it."))
        form = QFormLayout(self)
        self.code_label = self._row(form, self.tr("Branch code"), "branch_code")
        self.name_label = self._row(form, self.tr("Branch name"), "branch_name")
        self.insurer_label = self._row(form, self.tr("Insurer number"), "insurer_number")

    @staticmethod
    def _row(form: QFormLayout, caption: str, name: str) -> QLabel:
        label = selectable(QLabel())
        label.setObjectName(name)
        form.addRow(caption, label)
        return label

    def reload(self) -> None:
        """Read the store's branch."""
        read(self.context, lambda store: store.branch_code, self._loaded,
             lambda _error: self.loaded.emit())

    def _loaded(self, code: str) -> None:
        self.code_label.setText(code)
        self.name_label.setText(BRANCHES.get(code, ""))
        self.insurer_label.setText(insurer_number(code) if code in BRANCHES else "")
        self.loaded.emit()


class StoreSection(QGroupBox):
    """Where the store is, a button opening its folder, and the store of the next start."""

    def __init__(self, context: UiContext, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.setTitle(self.tr("Store location"))
        layout = QVBoxLayout(self)
        self.path_label = selectable(QLabel(str(context.store_path)))
        self.path_label.setObjectName("store_path")
        self.next_label = QLabel()
        self.next_label.setObjectName("store_next")
        for label in (self.path_label, self.next_label):
            label.setWordWrap(True)
            layout.addWidget(label)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open the store's fold&er"))
        self.open_button.setObjectName("store_open_folder")
        self.open_button.clicked.connect(lambda: open_folder(self.folder))
        self.choose_button = QPushButton(self.tr("Open another store at the next &start…"))
        self.choose_button.clicked.connect(self._choose)
        self.default_button = QPushButton(self.tr("Use the &default store"))
        self.default_button.clicked.connect(lambda: self.set_next_store(None))
        for button in (self.open_button, self.choose_button, self.default_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self._show_next()

    @property
    def folder(self) -> Path:
        """The folder "open folder" opens: the store's."""
        return self.context.store_path.parent

    def set_next_store(self, path: Path | None) -> None:
        """Open ``path`` at the next start when no --db is given (None: the default store)."""
        if path is None:
            self.settings.remove(STORE_KEY)
        else:
            self.settings.setValue(STORE_KEY, str(path))
        self.settings.sync()
        self._show_next()

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Store to open at the next start"), str(self.folder),
            self.tr("branchdesk store (*.db)"))
        if name:
            self.set_next_store(Path(name))

    def _show_next(self) -> None:
        chosen = self.settings.value(STORE_KEY)
        text = (self.tr("At the next start: {path}").format(path=chosen) if chosen
                else self.tr("At the next start: the default store"))
        self.next_label.setText(text + "\n" + self.tr("--db PATH on the command line wins."))


class LanguageSection(QGroupBox):
    """日本語 / English for the next start, kept in settings.ini."""

    def __init__(self, context: UiContext, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.setTitle(self.tr("Display language"))
        layout = QHBoxLayout(self)
        self.combo = QComboBox()
        self.combo.setObjectName("language")
        self.combo.addItem(self.tr("Japanese"), "ja")
        self.combo.addItem(self.tr("English"), "en")
        caption = QLabel(self.tr("&Language"))
        caption.setBuddy(self.combo)
        self.note = QLabel(self.tr("Applies from the next start."))
        self.note.setObjectName("language_note")
        self.note.setWordWrap(True)
        layout.addWidget(caption)
        layout.addWidget(self.combo)
        layout.addWidget(self.note, 1)
        self.combo.setCurrentIndex(LANGUAGES.index(self.stored()))
        self.combo.currentIndexChanged.connect(lambda _: self.choose(self.combo.currentData()))

    def stored(self) -> str:
        """The language of the next start: settings.ini's, else the one running now."""
        value = str(self.settings.value(LANGUAGE_KEY, self.context.lang))
        return value if value in LANGUAGES else "ja"

    def choose(self, lang: str) -> None:
        """Keep ``lang`` for the next start and say so."""
        self.settings.setValue(LANGUAGE_KEY, lang)
        self.settings.sync()
        self.note.setText(message("language_saved", self.context.lang,
                                  language=self.combo.currentText()))
