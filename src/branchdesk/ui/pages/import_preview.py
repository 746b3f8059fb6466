"""The import wizard's preview of one file: kind and sheet (both changeable), the header row, the
first rows as in the file, and the column mapping (source header → field, a combo per column)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.messages import message
from branchdesk.domain.normalize import cell_text
from branchdesk.exchange.columns import HEADER_SCAN_ROWS, resolve_field
from branchdesk.exchange.fields import KINDS
from branchdesk.exchange.model import Row
from branchdesk.ui.pages.import_state import FileEntry, named

#: The mapping value meaning "do not import this column" (``columns.IGNORE_VALUES``).
IGNORE = "ignore"


def shown(value: Any) -> str:
    """A cell as the preview shows it: dates in ISO form, integral numbers without ".0"."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return cell_text(value)


def _column_letters(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class PreviewPanel(QWidget):
    """Shows one ``FileEntry``; the user's changes come out as signals."""

    kind_chosen = Signal(object)  # str | None
    sheet_chosen = Signal(object)  # str | None
    mapping_edited = Signal(object)  # dict[str, str]
    header_row_chosen = Signal(int)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.entry: FileEntry | None = None
        self._filling = False
        self._build()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_combo = named(QComboBox(), "kind_combo")
        self.kind_combo.addItem(self.tr("Detect automatically"), None)
        for kind in KINDS:
            self.kind_combo.addItem(message("kind_" + kind, self.lang), kind)
        self.sheet_combo = named(QComboBox(), "sheet_combo")
        self.header_spin = named(QSpinBox(), "header_spin")
        self.header_spin.setRange(1, HEADER_SCAN_ROWS)
        for widget, name in ((self.kind_combo, self.tr("Kind of data")),
                             (self.sheet_combo, self.tr("Sheet to import")),
                             (self.header_spin, self.tr("Header row"))):
            widget.setAccessibleName(name)
            widget.setToolTip(name)
        self.kind_combo.activated.connect(
            lambda _: self._emit(self.kind_chosen, self.kind_combo.currentData()))
        self.sheet_combo.activated.connect(
            lambda _: self._emit(self.sheet_chosen, self.sheet_combo.currentData()))
        self.header_spin.valueChanged.connect(
            lambda value: self._emit(self.header_row_chosen, value))
        self.status = named(QLabel(), "preview_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._choices())
        layout.addWidget(self.status)
        layout.addWidget(self._tables(), 1)

    def _choices(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        side = QFormLayout()
        side.addRow(self.tr("Shee&t:"), self.sheet_combo)
        rows = QFormLayout()
        rows.addRow(self.tr("Header &row:"), self.header_spin)
        for part in (form, side, rows):
            bar.addLayout(part)
        bar.addStretch(1)
        return bar

    def _tables(self) -> QSplitter:
        self.rows_view = named(QTableWidget(), "preview_table")
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setAccessibleName(self.tr("First rows of the file"))
        self.mapping_view = named(QTableWidget(0, 2), "mapping_table")
        self.mapping_view.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Imported as")])
        self.mapping_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_view.setAccessibleName(self.tr("Column mapping"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._titled(self.tr("&Preview"), self.rows_view))
        splitter.addWidget(self._titled(self.tr("Column &mapping"), self.mapping_view))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _titled(self, title: str, view: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setBuddy(view)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return box

    def _emit(self, signal: Any, value: Any) -> None:
        if not self._filling:
            signal.emit(value)

    # --- showing an entry ------------------------------------------------------------------

    def clear(self) -> None:
        """Show nothing (no file chosen)."""
        self.entry = None
        self._filling = True
        self.sheet_combo.clear()
        self.kind_combo.setCurrentIndex(0)
        self._filling = False
        self.status.setText("")
        self.rows_view.clear()
        self.rows_view.setRowCount(0)
        self.rows_view.setColumnCount(0)
        self.mapping_view.setRowCount(0)

    def show_entry(self, entry: FileEntry) -> None:
        """Show ``entry``: its choices, status, first rows and mapping."""
        self.entry = entry
        preview = entry.preview
        self._filling = True
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(entry.kind)))
        self._fill_sheets(entry)
        self.header_spin.setValue(self._header_row(entry) or 1)
        self._filling = False
        self.status.setText(self._status(entry))
        self.show_rows(list(preview.rows) if preview else [])
        self._fill_mapping(entry)

    def _fill_sheets(self, entry: FileEntry) -> None:
        self.sheet_combo.clear()
        self.sheet_combo.addItem(self.tr("Every matching sheet"), None)
        preview = entry.preview
        for sheet in preview.sheets if preview else ():
            text = self.tr("{name} (hidden)").format(name=sheet.name) if sheet.hidden \
                else sheet.name
            self.sheet_combo.addItem(text, sheet.name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(entry.sheet)))
        self.sheet_combo.setEnabled(preview is not None and preview.format != "csv")

    def _header_row(self, entry: FileEntry) -> int | None:
        preview = entry.preview
        if preview is None:
            return None
        if entry.header_row is not None:
            return entry.header_row
        return preview.match.header_row if preview.match else preview.widest_row()

    def _status(self, entry: FileEntry) -> str:
        preview = entry.preview
        if entry.error is not None:
            render = getattr(entry.error, "render", None)
            return render(self.lang) if render else str(entry.error)
        if preview is None:
            return message("wizard_loading", self.lang, file=entry.path.name)
        if preview.match is None:
            if preview.problem is not None:
                return preview.problem.reason(self.lang)
            return message("wizard_no_header", self.lang)
        code = "wizard_detected_memory" if preview.by_memory else "wizard_detected"
        return message(code, self.lang, kind=message("kind_" + preview.match.kind, self.lang),
                       row=preview.match.header_row,
                       rows=preview.rows[-1][0] if preview.rows else 0)

    def show_rows(self, rows: list[Row]) -> None:
        """Fill the preview table; the row headers are Excel's row numbers."""
        width = max((len(cells) for _, cells in rows), default=0)
        self.rows_view.clear()
        self.rows_view.setRowCount(len(rows))
        self.rows_view.setColumnCount(width)
        self.rows_view.setHorizontalHeaderLabels(
            [self.tr("Column {letters}").format(letters=_column_letters(i)) for i in range(width)])
        self.rows_view.setVerticalHeaderLabels([str(number) for number, _ in rows])
        for r, (_, cells) in enumerate(rows):
            for c, value in enumerate(cells):
                text = shown(value)
                if text:
                    self.rows_view.setItem(r, c, QTableWidgetItem(text))
        self.rows_view.resizeColumnsToContents()

    def shown_numbers(self) -> list[int]:
        """The Excel row numbers of the rows on show."""
        return [int(self.rows_view.verticalHeaderItem(r).text())
                for r in range(self.rows_view.rowCount())]

    def select_row(self, number: int) -> bool:
        """Select and scroll to Excel row ``number``; False when it is not on show."""
        numbers = self.shown_numbers()
        if number not in numbers:
            return False
        row = numbers.index(number)
        self.rows_view.selectRow(row)
        self.rows_view.scrollToItem(self.rows_view.item(row, 0) or QTableWidgetItem(),
                                    QAbstractItemView.ScrollHint.PositionAtCenter)
        self.rows_view.setCurrentCell(row, 0)
        return True

    def show_window(self, sheet: str, rows: list[Row], number: int) -> None:
        """Show rows around ``number`` (of ``sheet``) and select it."""
        self.show_rows(rows)
        self.select_row(number)
        self.status.setText(message("wizard_window", self.lang, sheet=sheet, row=number))

    # --- the mapping -----------------------------------------------------------------------

    def _fill_mapping(self, entry: FileEntry) -> None:
        kind, preview = entry.shown_kind, entry.preview
        row = self._header_row(entry)
        cells = preview.header_cells(row) if preview and row else []
        self.mapping_view.setRowCount(len(cells) if kind else 0)
        if not kind or preview is None:
            return
        match = preview.match if preview.match and preview.match.header_row == row else None
        by_column = {c: f for f, c in match.columns.items()} if match else {}
        for r, (column, text) in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(self.tr("Column {letters}").format(letters=_column_letters(column)))
            self.mapping_view.setItem(r, 0, item)
            current = by_column.get(column) if match else self._guess(kind, text, entry.mapping)
            self.mapping_view.setCellWidget(r, 1, self._field_combo(kind, current))

    def _guess(self, kind: str, text: str, mapping: dict[str, str] | None) -> str | None:
        if mapping and text in mapping:
            value = mapping[text]
            return None if value == IGNORE else value
        found = resolve_field(KINDS[kind], text)
        return found if found in KINDS[kind].names else None

    def _field_combo(self, kind: str, current: str | None) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("(not imported)"), IGNORE)
        for spec in KINDS[kind].fields:
            box.addItem(spec.header, spec.name)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.setAccessibleName(self.tr("Field of this column"))
        box.activated.connect(lambda _: self._emit(self.mapping_edited, self.mapping()))
        return box

    def mapping(self) -> dict[str, str]:
        """Header text → field name (or ``IGNORE``) as the combos show it."""
        found: dict[str, str] = {}
        for r in range(self.mapping_view.rowCount()):
            item, box = self.mapping_view.item(r, 0), self.mapping_view.cellWidget(r, 1)
            if item is not None and isinstance(box, QComboBox):
                found[item.text()] = str(box.currentData())
        return found

    def field_combo(self, header: str) -> QComboBox | None:
        """The combo of the column headed ``header`` (for tests and keyboard users)."""
        for r in range(self.mapping_view.rowCount()):
            item = self.mapping_view.item(r, 0)
            box = self.mapping_view.cellWidget(r, 1)
            if item is not None and item.text() == header and isinstance(box, QComboBox):
                return box
        return None
