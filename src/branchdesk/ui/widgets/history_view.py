"""A record's audit history as a table: when, who, what, and each field's old → new value.

Field names are shown through a label mapping the page gives (Japanese by the .ts file); values
as stored. Sensitive tables never reach this view (their audit holds field names only anyway).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from branchdesk.ui.i18n import QT_TRANSLATE_NOOP

_ACTIONS = {
    "insert": QT_TRANSLATE_NOOP("HistoryView", "Added"),
    "update": QT_TRANSLATE_NOOP("HistoryView", "Changed"),
    "delete": QT_TRANSLATE_NOOP("HistoryView", "Deleted"),
}
_ADDED_BY = {
    "import": QT_TRANSLATE_NOOP("HistoryView", "Added by an import"),
    "app": QT_TRANSLATE_NOOP("HistoryView", "Added in the app"),
    "demo": QT_TRANSLATE_NOOP("HistoryView", "Added by the demo generator"),
}


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` (a bare name lupdate finds, typed for mypy)."""
    return QCoreApplication.translate(context, text)


def local_time(stamp: str) -> str:
    """A stored UTC stamp (2025-04-01T00:30:00.123Z) in local time, to the minute."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y/%m/%d %H:%M")


def _value(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def _shown(show: Callable[[Any], str], value: Any) -> str:
    return "—" if value is None or value == "" else show(value)


Formats = Mapping[str, Callable[[Any], str]]


def describe(entry: Mapping[str, Any], labels: Mapping[str, str],
             formats: Formats | None = None) -> str:
    """What one audit entry changed, in words; ``formats`` shows coded values by label."""
    changes = entry.get("changes") or {}
    if entry["action"] == "insert":
        return translate("HistoryView", _ADDED_BY.get(str(changes.get("source", "")), "Added"))
    if entry["action"] == "delete":
        return translate("HistoryView", "Deleted")
    parts = []
    for field, pair in changes.items():
        name = labels.get(field, field)
        shown = (formats or {}).get(field, _value)
        if isinstance(pair, list) and len(pair) == 2:
            parts.append(f"{name}: {_shown(shown, pair[0])} → {_shown(shown, pair[1])}")
        else:
            parts.append(name)
    return "、".join(parts)


class HistoryView(QTableWidget):
    """The audit entries of one record, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("history_view")
        self.setHorizontalHeaderLabels([self.tr("When"), self.tr("User"), self.tr("Action"),
                                        self.tr("Details")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setWordWrap(True)

    def set_history(self, entries: list[dict[str, Any]], labels: Mapping[str, str],
                    formats: Formats | None = None) -> None:
        """Show ``entries`` (``store.audit.history_of``) with field names from ``labels`` and
        coded values through ``formats``."""
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            action = translate("HistoryView", _ACTIONS.get(entry["action"], entry["action"]))
            cells = (local_time(entry["at"]), entry["user"], action,
                     describe(entry, labels, formats))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def texts(self) -> list[list[str]]:
        """Every cell's text, row by row (for tests and copying)."""
        return [[_text(self.item(r, c)) for c in range(self.columnCount())]
                for r in range(self.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()
