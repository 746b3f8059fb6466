"""取込: the import wizard (issue 6). Pick files (button, Ctrl+O) or drop them on the page → for
each, the detected kind, sheet and header row with its first rows (streamed) → the column mapping,
editable and remembered per kind → a check with the list of problems (click one to see its row;
save the list as .xlsx) → the import as a job (progress after 600 ms, Cancel leaves the store
as it was) → a summary per sheet. Everything goes through the command line's ``run_import``."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.errors import BranchdeskError, Cancelled, InputRejected
from branchdesk.domain.jobs import TaskState
from branchdesk.domain.messages import message
from branchdesk.exchange.importer import ImportOptions, ImportResult, run_import
from branchdesk.exchange.model import Problem
from branchdesk.exchange.preview import detect, preview_file, read_rows
from branchdesk.store.connection import Store
from branchdesk.store.imports import save_mapping
from branchdesk.ui.context import UiContext
from branchdesk.ui.jobs import Job
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.import_preview import PreviewPanel
from branchdesk.ui.pages.import_results import ProblemsView, SummaryView
from branchdesk.ui.pages.import_state import (
    IMPORT_TABLES,
    BackgroundReader,
    FileEntry,
    accepted_files,
    import_options,
    mappings_to_save,
    named,
    remembered_mappings,
)

log = logging.getLogger("branchdesk.ui.import")

#: Rows loaded around a problem that is not among the previewed rows.
WINDOW_ROWS = 41


def _import(files: list[Path], options: ImportOptions, store_path: Path,
            state: TaskState) -> ImportResult:
    """The job: the command line's import of ``files`` into the store at ``store_path``."""
    return run_import(store_path, files, options, state)


def _save_mappings(mappings: dict[str, dict[str, str]], store: Store, state: TaskState) -> None:
    """The job after a successful import: remember the user's mapping per kind."""
    for kind, mapping in mappings.items():
        save_mapping(store, kind, mapping)


def _dropped(data: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


class ImportPage(Page):
    """The import wizard (see the module docstring)."""

    page_id = "import"
    tables = frozenset({"column_mappings"})

    previewed = Signal(object)  # FileEntry
    checked = Signal(object)  # ImportResult of a check (dry run)
    imported = Signal(object)  # ImportResult of an import (imported, unchanged or rejected)
    stopped = Signal(object)  # the error that ended a check or an import (Cancelled too)
    window_shown = Signal(int)  # the row shown and selected after a problem was clicked

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lang = context.lang
        self.entries: list[FileEntry] = []
        self.job: Job | None = None
        self.reader = BackgroundReader(self)
        self.reader.done.connect(self._read_done, Qt.ConnectionType.QueuedConnection)
        self.setAcceptDrops(True)
        self._build()

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Import")

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.panel = PreviewPanel(self.lang)
        self.panel.kind_chosen.connect(self._kind_chosen)
        self.panel.sheet_chosen.connect(self._sheet_chosen)
        self.panel.header_row_chosen.connect(self._header_row_chosen)
        self.panel.mapping_edited.connect(self._mapping_edited)
        self.problems = ProblemsView(self.lang)
        self.problems.activated.connect(self.show_problem)
        self.problems.saved.connect(lambda path: self._say(
            message("wizard_problems_saved", self.lang, path=str(path))))
        self.summary = SummaryView(self.lang)
        self.tabs = named(QTabWidget(), "result_tabs")
        self.tabs.addTab(self.problems, self.tr("Problems"))
        self.tabs.addTab(self.summary, self.tr("Summary"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_bar())
        layout.addWidget(self._body(), 1)
        layout.addLayout(self._action_bar())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.choose_files,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _file_bar(self) -> QHBoxLayout:
        self.choose_button = named(QPushButton(self.tr("&Choose files…")), "choose_files")
        self.choose_button.setToolTip(self.tr("Choose the files to import (Ctrl+O)"))
        self.choose_button.clicked.connect(self.choose_files)
        self.remove_button = named(QPushButton(self.tr("&Drop from the list")), "remove_file")
        self.remove_button.clicked.connect(self.remove_current)
        hint = QLabel(self.tr("Or drop .xlsx, .xlsm or .csv files on this page."))
        bar = QHBoxLayout()
        for widget in (self.choose_button, self.remove_button, hint):
            bar.addWidget(widget)
        bar.addStretch(1)
        return bar

    def _body(self) -> QSplitter:
        self.file_list = named(QListWidget(), "file_list")
        self.file_list.setAccessibleName(self.tr("Files to import"))
        self.file_list.currentRowChanged.connect(self._file_selected)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.file_list)
        top.addWidget(self.panel)
        top.setStretchFactor(1, 4)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        return body

    def _action_bar(self) -> QHBoxLayout:
        self.skip_box = named(
            QCheckBox(self.tr("Import the valid rows and &skip the invalid ones")), "skip_invalid")
        self.check_button = named(QPushButton(self.tr("C&heck")), "check")
        self.check_button.setToolTip(self.tr("Validate every row without writing anything"))
        self.check_button.clicked.connect(self.check)
        self.import_button = named(QPushButton(self.tr("&Import")), "import")
        self.import_button.clicked.connect(lambda: self.start_import())
        self.status = named(QLabel(), "import_status")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        for widget in (self.skip_box, self.check_button, self.import_button):
            bar.addWidget(widget)
        return bar

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- files -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for files (Ctrl+O) and add them."""
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose the files to import"), "",
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.csv)"))
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Add ``paths`` (files of the accepted kinds; a file already listed is read again)
        and preview each in the background; the last one is shown."""
        added = accepted_files([Path(p) for p in paths])
        for path in added:
            entry = self._entry_of(path)
            if entry is None:
                entry = FileEntry(path)
                self.entries.append(entry)
                self.file_list.addItem(path.name)
            entry.preview, entry.error = None, None
            self._update_item(entry)
            self._request_preview(entry)
        if added:
            self.file_list.setCurrentRow(self.entries.index(self._entry_of(added[-1])))  # type: ignore[arg-type]

    def _entry_of(self, path: Path) -> FileEntry | None:
        return next((e for e in self.entries if e.path.resolve() == path.resolve()), None)

    def current_entry(self) -> FileEntry | None:
        """The file on show."""
        row = self.file_list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def remove_current(self) -> None:
        """Take the file on show off the list."""
        row = self.file_list.currentRow()
        if 0 <= row < len(self.entries):
            del self.entries[row]
            self.file_list.takeItem(row)
            if not self.entries:
                self.panel.clear()

    def _file_selected(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.panel.show_entry(self.entries[row])

    def _update_item(self, entry: FileEntry) -> None:
        item = self.file_list.item(self.entries.index(entry))
        if entry.error is not None:
            state = self.tr("cannot be read")
        elif entry.preview is None:
            state = self.tr("reading…")
        elif entry.shown_kind is None:
            state = self.tr("kind unknown")
        else:
            state = message("kind_" + entry.shown_kind, self.lang)
        item.setText(f"{entry.path.name} — {state}")

    # --- previews (background) -------------------------------------------------------------

    def _request_preview(self, entry: FileEntry) -> None:
        entry.request += 1
        remembered = remembered_mappings(self.context.reader())
        work = partial(preview_file, entry.path, sheet=entry.sheet, kind=entry.kind,
                       mapping=entry.mapping, remembered=remembered)
        self.reader.submit(("preview", entry, entry.request), work)

    def _read_done(self, token: tuple[object, ...], result: object,
                   error: Exception | None) -> None:
        if token[0] == "preview":
            self._preview_done(token[1], token[2], result, error)  # type: ignore[arg-type]
        elif token[0] == "window" and error is None:
            entry, sheet, number = token[1], str(token[2]), int(token[3])  # type: ignore[call-overload]
            if entry is self.current_entry():
                self.panel.show_window(sheet, result, number)  # type: ignore[arg-type]
                self.window_shown.emit(number)
        elif error is not None:
            self._say(error.render(self.lang) if isinstance(error, BranchdeskError)
                      else str(error))

    def _preview_done(self, entry: FileEntry, request: int, result: object,
                      error: Exception | None) -> None:
        if entry not in self.entries or request != entry.request:
            return  # a newer preview was asked for, or the file was removed
        if error is not None and not isinstance(error, BranchdeskError):
            log.warning("preview failed: %s", type(error).__name__)
        entry.error = error
        entry.preview = result if error is None else None  # type: ignore[assignment]
        self._update_item(entry)
        if entry is self.current_entry():
            self.panel.show_entry(entry)
        self.previewed.emit(entry)

    def _kind_chosen(self, kind: str | None) -> None:
        entry = self.current_entry()
        if entry is not None:
            entry.kind, entry.mapping, entry.header_row = kind, None, None
            self._request_preview(entry)

    def _sheet_chosen(self, sheet: str | None) -> None:
        entry = self.current_entry()
        if entry is not None:
            entry.sheet, entry.header_row = sheet, None
            self._request_preview(entry)

    def _header_row_chosen(self, row: int) -> None:
        entry = self.current_entry()
        if entry is not None and entry.preview is not None:
            entry.header_row = row
            self.panel.show_entry(entry)

    def _mapping_edited(self, mapping: dict[str, str]) -> None:
        entry = self.current_entry()
        if entry is None or entry.preview is None or entry.shown_kind is None:
            return
        entry.kind, entry.mapping = entry.shown_kind, mapping
        entry.preview = detect(entry.preview, kind=entry.kind, mapping=mapping)
        if entry.preview.match is not None:
            entry.header_row = None
        self._update_item(entry)
        self.panel.show_entry(entry)

    # --- problems --------------------------------------------------------------------------

    def show_problem(self, problem: Problem) -> None:
        """Show the row of ``problem``: selected in the preview when it is there, else a
        window of rows around it is read (in the background)."""
        entry = next((e for e in self.entries if e.path.name == problem.file), None)
        if entry is None:
            return
        self.file_list.setCurrentRow(self.entries.index(entry))
        preview = entry.preview
        if problem.row is None or preview is None:
            return
        sheet = preview.sheet if preview.format == "csv" else problem.sheet or preview.sheet
        if sheet == preview.sheet and self.panel.select_row(problem.row):
            self.window_shown.emit(problem.row)
            return
        first = max(1, problem.row - WINDOW_ROWS // 2)
        self.reader.submit(("window", entry, sheet, problem.row),
                           partial(read_rows, entry.path, sheet, first=first, count=WINDOW_ROWS))

    # --- check and import (jobs) -----------------------------------------------------------

    def check(self) -> Job | None:
        """Validate every file as the import would, writing nothing."""
        return self._start(dry_run=True)

    def start_import(self, *, confirm_lost: bool = False) -> Job | None:
        """Import every file in one transaction (after the store's automatic backup)."""
        return self._start(dry_run=False, confirm_lost=confirm_lost)

    def _start(self, *, dry_run: bool, confirm_lost: bool = False) -> Job | None:
        if self.job is not None or self.context.jobs is None:
            return None
        try:
            options = import_options(self.entries, dry_run=dry_run, confirm_lost=confirm_lost,
                                     skip_invalid=self.skip_box.isChecked())
        except InputRejected as e:
            self._say(e.render(self.lang))
            return None
        files = [e.path for e in self.entries]
        title = message("wizard_checking" if dry_run else "wizard_importing", self.lang)
        job = self.context.jobs.run_on_path(
            partial(_import, files, options), title=title, show_errors=False,
            tables=frozenset() if dry_run else IMPORT_TABLES)
        job.finished.connect(lambda result: self._finished(result, options))
        job.failed.connect(lambda error: self._failed(error, options))
        job.done.connect(self._job_done)
        self.job = job
        self._busy(True)
        self._say(title + "…")
        return job

    def _busy(self, busy: bool) -> None:
        for widget in (self.check_button, self.import_button, self.choose_button,
                       self.remove_button):
            widget.setEnabled(not busy)

    def _job_done(self) -> None:
        self.job = None
        self._busy(False)

    def _finished(self, result: ImportResult, options: ImportOptions) -> None:
        self.problems.show_problems(result.problems)
        text = self._outcome(result, options)
        self.summary.show_result(result, text)
        self._say(text)
        self.tabs.setCurrentWidget(self.problems if result.errors else self.summary)
        if options.dry_run:
            self.checked.emit(result)
            return
        if result.outcome in ("imported", "unchanged"):
            self._remember_mappings()
        self.imported.emit(result)

    def _outcome(self, result: ImportResult, options: ImportOptions) -> str:
        errors, warnings = len(result.errors), len(result.problems) - len(result.errors)
        if options.dry_run:
            code = "wizard_check_ok" if not errors else \
                "wizard_check_skips" if options.skip_invalid else "wizard_check_errors"
            return message(code, self.lang, errors=errors, warnings=warnings)
        if result.outcome == "imported":
            return message("wizard_imported", self.lang, backup=str(result.backup or ""))
        if result.outcome == "unchanged":
            return message("wizard_unchanged", self.lang)
        return message("wizard_rejected", self.lang, errors=errors)

    def _remember_mappings(self) -> None:
        mappings = mappings_to_save(self.entries)
        if mappings and self.context.jobs is not None:
            self.context.jobs.run(partial(_save_mappings, mappings), title="",
                                  tables=frozenset({"column_mappings"}))

    def _failed(self, error: BaseException, options: ImportOptions) -> None:
        self.stopped.emit(error)
        if isinstance(error, Cancelled):
            self._say(message("wizard_cancelled", self.lang))
        elif isinstance(error, InputRejected) and error.code == "register_too_many_lost":
            self._ask_confirm_lost(error, options)
        else:
            reason = error.render(self.lang) if isinstance(error, BranchdeskError) \
                else type(error).__name__
            self._say(message("wizard_failed", self.lang, reason=reason))
            if self.context.jobs is not None:
                self.context.jobs.report(error)

    def _ask_confirm_lost(self, error: InputRejected, options: ImportOptions) -> QMessageBox:
        text = message("wizard_confirm_lost", self.lang, reason=error.render(self.lang))
        self._say(error.render(self.lang))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Mark employers lost?"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirm_lost_box")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self._start(
            dry_run=options.dry_run, confirm_lost=True) if button is yes else None)
        box.open()
        return box

    # --- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a drag holding spreadsheet files."""
        if accepted_files(_dropped(event.mimeData())):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting the drag while it moves over the page."""
        if accepted_files(_dropped(event.mimeData())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Add the dropped files."""
        paths = accepted_files(_dropped(event.mimeData()))
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()
