"""The import wizard's results: the list of problems (file, sheet, row, column, value, reason in
the catalogue's words; saved as .xlsx with ``write_report``) and the summary per sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.messages import message
from branchdesk.exchange.importer import ImportResult, SheetSummary
from branchdesk.exchange.model import Problem
from branchdesk.exchange.report import report_rows, write_report
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.pages.import_state import named

Index = QModelIndex | QPersistentModelIndex
#: The report's column that holds the reason (内容): it takes the spare width.
REASON_COLUMN = 5


class ProblemModel(QAbstractTableModel):
    """Problems as the report's rows, rendered only when shown (an import may have many)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.problems: list[Problem] = []
        self.headers = [str(h) for h in report_rows([], lang)[0]]
        self._cache: dict[int, list[str | int]] = {}

    def set_problems(self, problems: Sequence[Problem]) -> None:
        """Replace the problems shown."""
        self.beginResetModel()
        self.problems = list(problems)
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per problem."""
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The report's columns."""
        return 0 if parent.isValid() else len(self.headers)

    def row(self, index: int) -> list[str | int]:
        """The report's cells of problem ``index``."""
        if index not in self._cache:
            self._cache[index] = report_rows([self.problems[index]], self.lang)[1]
        return self._cache[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text (the reason also as tooltip)."""
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self.row(index.row())[index.column()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The report's column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None


class ProblemsView(QWidget):
    """The list of problems; ``activated`` names the one clicked, ``saved`` the file written."""

    activated = Signal(object)  # Problem
    saved = Signal(object)  # Path

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.model = ProblemModel(lang)
        self.view = named(QTableView(), "problems_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setAccessibleName(self.tr("Problems found"))
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.count_label = named(QLabel(), "problems_count")
        self.save_button = named(QPushButton(self.tr("Save the &list of problems…")),
                                 "save_problems")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.ask_and_save)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Show ``problems`` (errors and warnings, as the import found them)."""
        self.model.set_problems(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        self.count_label.setText(self.tr("{errors} errors, {warnings} warnings").format(
            errors=f"{errors:,}", warnings=f"{len(problems) - errors:,}") if problems else "")
        self.save_button.setEnabled(bool(problems))
        header = self.view.horizontalHeader()
        fit, stretch = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, stretch if column == REASON_COLUMN else fit)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.problems[index.row()])

    def ask_and_save(self) -> None:
        """Ask where, then save the list as .xlsx."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the list of problems"), message("report_sheet", self.lang)
            + ".xlsx", self.tr("Excel workbook (*.xlsx)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> Path:
        """Write the list to ``path`` (.xlsx or .csv) with the report's columns."""
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        write_report(self.model.problems, path, self.lang)
        self.saved.emit(path)
        return path


#: Columns of the summary: (English source, context SummaryView; the counts' keys added up).
SUMMARY_COUNTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (QT_TRANSLATE_NOOP("SummaryView", "Added"), ("added",)),
    (QT_TRANSLATE_NOOP("SummaryView", "Changed"), ("changed",)),
    (QT_TRANSLATE_NOOP("SummaryView", "Unchanged"), ("unchanged",)),
    (QT_TRANSLATE_NOOP("SummaryView", "Marked lost"), ("lost",)),
    (QT_TRANSLATE_NOOP("SummaryView", "Removed"), ("removed",)),
    (QT_TRANSLATE_NOOP("SummaryView", "Skipped"),
     ("skipped_invalid", "skipped_total", "skipped_other_branch")),
)


class SummaryView(QWidget):
    """What an import did (or a check would do): one line per sheet, the outcome, the backup."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.outcome = named(QLabel(), "summary_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = named(QTableWidget(0, 4 + len(SUMMARY_COUNTS)), "summary_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Sheet"), self.tr("Kind"), self.tr("Header row")]
            + [QCoreApplication.translate("SummaryView", label) for label, _ in SUMMARY_COUNTS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Summary per sheet"))
        self.notes = named(QLabel(), "summary_notes")
        self.notes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outcome)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)

    def show_result(self, result: ImportResult, text: str) -> None:
        """One line per sheet of ``result``, with ``text`` as the outcome."""
        self.outcome.setText(text)
        self.table.setRowCount(len(result.sheets))
        for r, sheet in enumerate(result.sheets):
            for c, value in enumerate(self._cells(sheet)):
                item = QTableWidgetItem(value)
                if c >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        overwritten = [k for s in result.sheets for k in s.overwritten_local_edits]
        self.notes.setText(message("wizard_overwritten", self.lang, count=len(overwritten),
                                   keys=", ".join(overwritten[:20])) if overwritten else "")

    def _cells(self, sheet: SheetSummary) -> list[str]:
        counts = [sum(sheet.counts.get(key, 0) for key in keys) for _, keys in SUMMARY_COUNTS]
        return [sheet.file, sheet.sheet, message("kind_" + sheet.kind, self.lang),
                str(sheet.header_row)] + [f"{n:,}" for n in counts]

    def counts(self, row: int) -> dict[str, str]:
        """The counts of summary line ``row`` by English column title (for tests)."""
        items = [self.table.item(row, 4 + i) for i in range(len(SUMMARY_COUNTS))]
        return {label: item.text() if item else ""
                for (label, _), item in zip(SUMMARY_COUNTS, items, strict=True)}
