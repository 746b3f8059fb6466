"""The detail pane of a register page: the record's fields as label / value rows, optional extra
lines (trainings, commendations), and its audit history below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from branchdesk.ui.widgets.history_view import Formats, HistoryView


class DetailPane(QWidget):
    """Fields, extra lines and history of one record (``clear`` when nothing is selected)."""

    def __init__(self, empty_text: str, fields_title: str, extra_title: str,
                 history_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.empty_text = empty_text
        self.heading = QLabel(empty_text)
        self.heading.setObjectName("detail_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        fields_box = QGroupBox(fields_title)
        self.fields = QFormLayout(fields_box)
        self.extra_box = QGroupBox(extra_title)
        self.extra = QLabel()
        self.extra.setObjectName("detail_extra")
        self.extra.setWordWrap(True)
        QVBoxLayout(self.extra_box).addWidget(self.extra)
        self.extra_box.setVisible(bool(extra_title))
        history_box = QGroupBox(history_title)
        self.history = HistoryView()
        QVBoxLayout(history_box).addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(fields_box)
        layout.addWidget(self.extra_box)
        layout.addWidget(history_box, 1)

    def show_record(self, heading: str, rows: Sequence[tuple[str, str]], extra: Sequence[str],
                    history: list[dict[str, Any]], labels: Mapping[str, str],
                    formats: Formats | None = None) -> None:
        """Show one record: a heading, (label, value) rows, extra lines and its history (field
        names from ``labels``, coded values through ``formats``)."""
        self.heading.setText(heading)
        self._clear_fields()
        for caption, value in rows:
            text = QLabel(value or "—")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields.addRow(QLabel(caption), text)
        self.extra.setText("\n".join(extra) if extra else "—")
        self.history.set_history(history, labels, formats)

    def clear(self) -> None:
        """Nothing selected."""
        self.heading.setText(self.empty_text)
        self._clear_fields()
        self.extra.setText("")
        self.history.set_history([], {})

    def _clear_fields(self) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)

    def values(self) -> dict[str, str]:
        """The rows shown, caption → value (for tests)."""
        shown = {}
        for row in range(self.fields.rowCount()):
            caption = self.fields.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self.fields.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if caption is not None and value is not None:
                label, text = caption.widget(), value.widget()
                if isinstance(label, QLabel) and isinstance(text, QLabel):
                    shown[label.text()] = text.text()
        return shown
