"""The main window: a sidebar of pages, the pages (made on first show), menus, status bar.

Window geometry and the last page are kept in ``settings.ini`` in the user's data folder
(``QSettings`` in INI format, never the registry), with the start-up preferences the settings
page writes (language, store). After a write, the job runner's ``changed`` reaches the page on
screen at once; hidden pages get it when they are next shown. Excel and CSV files dropped
anywhere on the window (a search box included) go to the 取込 page (``add_files``).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import __version__, paths
from branchdesk.domain.errors import StoreUnusable
from branchdesk.store.queries.status import StatusCounts, status_counts
from branchdesk.ui.context import UiContext
from branchdesk.ui.jobs import JobRunner
from branchdesk.ui.menus import build_menus
from branchdesk.ui.pages import registry
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.placeholder import PlaceholderPage

log = logging.getLogger("branchdesk.ui")

#: Preference keys in ``settings.ini`` (written by the settings page): the UI language, used when
#: ``--lang`` is not given, and the store opened when neither ``--db`` nor ``--demo`` is.
LANGUAGE_KEY = "ui/language"
STORE_KEY = "store/path"
LANGUAGES = ("ja", "en")
#: Files a drop on the window hands to the import page, and that page's id.
DROPPED_SUFFIXES = frozenset({".xlsx", ".xlsm", ".csv"})
IMPORT_PAGE = "import"
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
#: Tables whose changes alter the status bar's counts.
STATUS_TABLES = frozenset({"employers", "declarations", "committee_members"})
_PATH_WIDTH = 360
_SIDEBAR_MIN_WIDTH = 170
_SIDEBAR_PADDING = 28
_SIDEBAR_FONT_SCALE = 1.15
_SIDEBAR_STYLE = ("QListWidget#sidebar { border: none; border-right: 1px solid #c8c8c8; "
                  "outline: 0; background: #f4f6f9; }"
                  "QListWidget#sidebar::item { padding: 9px 12px; }"
                  "QListWidget#sidebar::item:selected { background: #1f5fa8; color: white; }")


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def app_settings() -> QSettings:
    """The app's preferences: ``settings.ini`` in ``paths.data_dir()``."""
    path = paths.data_dir() / "settings.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def last_page_of(settings: QSettings) -> str:
    """The page shown when the app was last closed (the dashboard the first time)."""
    ids = [e.page_id for e in registry.PAGES]
    page_id = str(settings.value("window/last_page", ids[0]))
    return page_id if page_id in ids else ids[0]


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local Excel / CSV files (``DROPPED_SUFFIXES``, any case) among dragged ``mime``."""
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in files if path.suffix.lower() in DROPPED_SUFFIXES]


def preferred_language(settings: QSettings) -> str | None:
    """``LANGUAGE_KEY`` when it names a language of the app ("ja" or "en"), else None."""
    value = settings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def preferred_store(settings: QSettings) -> Path | None:
    """``STORE_KEY`` as a path (``~`` expanded), None when it is not set or blank."""
    value = settings.value(STORE_KEY)
    if not isinstance(value, str) or not value.strip():
        return None
    return Path(value.strip()).expanduser()


class MainWindow(QMainWindow):
    """The main window of the app (see the module docstring)."""

    def __init__(self, context: UiContext, *, settings: QSettings | None = None,
                 locked_by: StoreUnusable | None = None, remember: bool = True,
                 first_page: str | None = None) -> None:
        """``first_page`` is shown (and starts reading) before the status bar's counts are
        read: at launch the dashboard's reads then go first on the reader thread."""
        super().__init__()
        if context.jobs is None:
            raise ValueError("the main window needs a job runner")
        self.context = context
        self.jobs: JobRunner = context.jobs
        self.settings = settings if settings is not None else app_settings()
        self.remember = remember
        self.pages: dict[str, Page] = {}
        self.counts: StatusCounts | None = None
        self._stale: dict[str, set[str]] = {}
        self.setObjectName("main_window")
        self.setAcceptDrops(True)
        self._build(locked_by)
        self.actions_by_name = build_menus(self)
        self._build_status_bar()
        self.jobs.dialog_parent = self
        self.jobs.changed.connect(self.on_store_changed)
        self.jobs.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._restore_settings()
        if first_page is not None:
            self.show_page(first_page)
        self.refresh_status()

    # --- layout ----------------------------------------------------------------------------

    def _build(self, locked_by: StoreUnusable | None) -> None:
        self.sidebar = self._sidebar()
        self.stack = QStackedWidget()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = self._banner(locked_by)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.setWindowTitle(self.tr("Branch desk"))

    def _sidebar(self) -> QListWidget:
        sidebar = QListWidget()
        sidebar.setObjectName("sidebar")
        font = sidebar.font()
        font.setPointSizeF(font.pointSizeF() * _SIDEBAR_FONT_SCALE)
        sidebar.setFont(font)
        sidebar.setStyleSheet(_SIDEBAR_STYLE)
        for e in registry.PAGES:
            sidebar.addItem(e.title())
        width = sidebar.sizeHintForColumn(0) + 2 * sidebar.frameWidth() + _SIDEBAR_PADDING
        sidebar.setFixedWidth(max(width, _SIDEBAR_MIN_WIDTH))
        sidebar.currentRowChanged.connect(self._sidebar_row_changed)
        return sidebar

    def _banner(self, locked_by: StoreUnusable | None) -> QLabel:
        banner = QLabel()
        banner.setObjectName("read_only_banner")
        banner.setWordWrap(True)
        banner.setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; padding: 6px; }")
        if locked_by is not None:
            banner.setText(self.tr("Read-only: another user is writing to the store. You can "
                                   "look things up; saving works once they are done.")
                           + "\n" + locked_by.render(self.context.lang))
        banner.setVisible(locked_by is not None)
        return banner

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.path_label = QLabel()
        self.path_label.setObjectName("status_path")
        store = str(self.context.store_path)
        self.path_label.setText(self.tr("Store: {path}").format(path=QFontMetrics(
            self.font()).elidedText(store, Qt.TextElideMode.ElideMiddle, _PATH_WIDTH)))
        self.path_label.setToolTip(store)
        self.branch_label = QLabel()
        self.branch_label.setObjectName("status_branch")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("status_counts")
        for i, label in enumerate((self.path_label, self.branch_label, self.counts_label)):
            if i:
                bar.addPermanentWidget(_separator())
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)

    # --- pages -----------------------------------------------------------------------------

    def show_page(self, page_id: str) -> Page:
        """Show page ``page_id`` (made and refreshed on its first show) and return it."""
        page = self.pages.get(page_id)
        first = page is None
        if page is None:
            page = self._make_page(page_id)
        self.stack.setCurrentWidget(page)
        row = [e.page_id for e in registry.PAGES].index(page_id)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
        self.actions_by_name[f"page:{page_id}"].setChecked(True)
        self._update_title()
        if first:
            page.refresh()
        elif self._stale.get(page_id):
            page.on_store_changed(frozenset(self._stale.pop(page_id)))
        return page

    def _make_page(self, page_id: str) -> Page:
        e = registry.entry(page_id)
        cls = registry.load_page_class(e.target)
        page = PlaceholderPage(self.context, page_id, e.title()) if cls is None \
            else cls(self.context)
        page.setObjectName(f"page_{page_id}")
        for edit in page.findChildren(QLineEdit):  # they would take a dropped file as text
            edit.installEventFilter(self)
        self.pages[page_id] = page
        self.stack.addWidget(page)
        return page

    def current_page_id(self) -> str | None:
        """The id of the page on screen."""
        for page_id, page in self.pages.items():
            if page is self.stack.currentWidget():
                return page_id
        return None

    def step_page(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) page, wrapping around."""
        ids = [e.page_id for e in registry.PAGES]
        current = self.current_page_id()
        index = ids.index(current) if current in ids else 0
        self.show_page(ids[(index + step) % len(ids)])

    def toggle_focus(self) -> None:
        """Move the keyboard focus between the sidebar and the page (F6)."""
        page = self.stack.currentWidget()
        if self.sidebar.hasFocus() and page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)
            page.focusNextChild()
        else:
            self.sidebar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _sidebar_row_changed(self, row: int) -> None:
        if 0 <= row < len(registry.PAGES):
            self.show_page(registry.PAGES[row].page_id)

    def on_store_changed(self, tables: frozenset[str]) -> None:
        """A write changed ``tables``: tell the page on screen, remember it for the others."""
        current = self.current_page_id()
        for page_id, page in self.pages.items():
            if not tables & page.tables:
                continue
            if page_id == current:
                page.on_store_changed(tables)
            else:
                self._stale.setdefault(page_id, set()).update(tables)
        if tables & STATUS_TABLES:
            self.refresh_status()

    # --- dropped files ---------------------------------------------------------------------

    def drop_files(self, files: list[Path]) -> Page:
        """Show the import page and hand it ``files`` (when it takes files: ``add_files``)."""
        page = self.show_page(IMPORT_PAGE)
        add_files = getattr(page, "add_files", None)
        if callable(add_files):
            add_files(list(files))
        else:
            log.info("the import page takes no files yet: %d dropped", len(files))
        return page

    def _drag(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        """Accept a drag of Excel / CSV files, and take them on the drop; False otherwise."""
        files = dropped_files(event.mimeData())
        if not files:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            self.drop_files(files)
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept Excel and CSV files dragged over the window."""
        if not self._drag(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting them while they move."""
        if not self._drag(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped files go to the import page."""
        if not self._drag(event):
            super().dropEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dragged onto a page's text box go to the import page too (not into the box)."""
        if event.type() in _DRAG_EVENTS and isinstance(
                event, QDragEnterEvent | QDragMoveEvent | QDropEvent):
            return self._drag(event)
        return super().eventFilter(watched, event)

    # --- status bar and title --------------------------------------------------------------

    def refresh_status(self) -> None:
        """Count employers, declarations in force and members in office (on the reader)."""
        job = self.jobs.run_read(lambda store, _state: status_counts(store, date.today()))
        job.finished.connect(self._show_counts)

    def _show_counts(self, counts: StatusCounts) -> None:
        self.counts = counts
        self.branch_label.setText(self.tr("Branch {code} {name}").format(
            code=counts.branch_code, name=counts.branch_name))
        self.counts_label.setText(self.tr(
            "Employers {employers:,} · declarations in force {declarations:,} · "
            "committee members in office {members:,}").format(
            employers=counts.employers, declarations=counts.declarations_in_force,
            members=counts.members_in_office))
        self._update_title()

    def _update_title(self) -> None:
        parts = [self.tr("Branch desk")]
        if self.counts is not None:
            parts.append(self.tr("{name} branch").format(name=self.counts.branch_name))
        current = self.current_page_id()
        if current is not None:
            parts.append(self.pages[current].title())
        self.setWindowTitle(" — ".join(parts))

    # --- menu commands ---------------------------------------------------------------------

    def backup(self) -> None:
        """Write a backup of the store into ``backups/`` (a job; the copy is consistent)."""
        from branchdesk.store.backup import backup_before

        job = self.jobs.run_read(lambda store, _state: backup_before(store, "manual"),
                                 title=self.tr("Writing a backup…"))
        job.finished.connect(lambda path: self._info(
            self.tr("Backup"), self.tr("The backup was written to:\n{path}").format(path=path)))

    def about(self) -> None:
        """Show the version and where the store, settings and logs are."""
        self._info(self.tr("About branchdesk"), self.tr(
            "branchdesk {version}\nStore: {store}\nSettings: {settings}\nLogs: {logs}").format(
            version=__version__, store=self.context.store_path,
            settings=self.settings.fileName(), logs=paths.log_dir()))

    def _info(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()
        return box

    # --- settings --------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def last_page(self) -> str:
        """The page shown when the app was last closed (the dashboard the first time)."""
        return last_page_of(self.settings)

    def save_settings(self) -> None:
        """Remember the geometry and the page on screen."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        current = self.current_page_id()
        if current is not None:
            self.settings.setValue("window/last_page", current)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the settings; ask first when a write is still running."""
        if self.jobs.writing and not self._confirm_stop():
            event.ignore()
            return
        if self.remember:
            self.save_settings()
        self.jobs.cancel_all()
        super().closeEvent(event)

    def _confirm_stop(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Work in progress"),
            self.tr("A change is still being saved. Stop it (nothing is changed) and quit?"))
        return answer == QMessageBox.StandardButton.Yes
