"""The planner's table: the ranked candidates as ids (rows read in blocks, as every register list
is), with a check box per row on the 事業所記号 column for the hand-picked set."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from branchdesk.store.connection import Store
from branchdesk.store.queries import planner as queries
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.models.employers import municipality_text
from branchdesk.ui.models.id_table import CENTER, RIGHT, Column, IdTableModel, plain, thousands

#: Translation context of the column headers and cell words.
TR_CONTEXT = "PlannerColumns"
FIELD = {name: i for i, name in enumerate(queries.ROW_FIELDS)}
#: The ranking has one order (insured descending, then 事業所記号): no column sorts.
ORDER = ("rank", True)
Index = QModelIndex | QPersistentModelIndex


def declared_text(value: Any) -> str:
    """宣言中 for an employer with a standardised declaration in force, else nothing."""
    return QCoreApplication.translate("PlannerColumns", "Declared") if value else ""


def planner_columns(municipality_names: Mapping[str, str]) -> list[Column]:
    """事業所記号 (with the check box), name, municipality, industry, insured, declaration."""
    return [
        Column(QT_TRANSLATE_NOOP("PlannerColumns", "Employer symbol"), FIELD["symbol"]),
        Column(QT_TRANSLATE_NOOP("PlannerColumns", "Name"), FIELD["name"]),
        Column(QT_TRANSLATE_NOOP("PlannerColumns", "Municipality"), FIELD["municipality_code"],
               format=municipality_text(municipality_names)),
        Column(QT_TRANSLATE_NOOP("PlannerColumns", "Industry"), FIELD["industry"], format=plain),
        Column(QT_TRANSLATE_NOOP("PlannerColumns", "Insured"), FIELD["insured"], align=RIGHT,
               format=thousands),
        Column(QT_TRANSLATE_NOOP("PlannerColumns", "Health declaration"), FIELD["declared"],
               align=CENTER, format=declared_text),
    ]


class PlannerModel(IdTableModel):
    """Ranked candidate ids with a check box per row; ``checked`` is the hand-picked set (it
    may hold employers the current filters hide)."""

    #: The user checked or unchecked a row.
    checkedChanged = Signal()

    def __init__(self, reader: Callable[[], Store], municipality_names: Mapping[str, str],
                 parent: QObject | None = None) -> None:
        super().__init__(planner_columns(municipality_names), self._fetch, self._no_sort,
                         tr_context=TR_CONTEXT, order=ORDER, parent=parent)
        self._reader = reader
        self.day: date | None = None
        self.checked: set[int] = set()

    def _fetch(self, wanted: Sequence[int]) -> Mapping[int, tuple[Any, ...]]:
        if self.day is None:
            return {}
        return queries.candidate_rows(self._reader(), self.day, wanted)

    def _no_sort(self, key: str, ascending: bool) -> array[int]:
        return self.ids()

    def show_ranking(self, day: date, ids: queries.Ids) -> None:
        """Show the ranked ``ids`` of ``day`` (the checked set is kept)."""
        self.day = day
        self.set_ids(array("q", np.asarray(ids, dtype=np.int64).tobytes()))

    def set_checked(self, ids: Iterable[int]) -> None:
        """Replace the checked set (no ``checkedChanged``: the caller acts on it)."""
        self.checked = {int(i) for i in ids}
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])

    def toggle(self, row: int) -> None:
        """Check or uncheck ``row`` (Enter on a row, a click on its box)."""
        record_id = self.id_at(row)
        if record_id is None:
            return
        self.checked.symmetric_difference_update({record_id})
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cells as the register lists show them, and the check state of column 0."""
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            record_id = self.id_at(index.row())
            return (Qt.CheckState.Checked if record_id in self.checked
                    else Qt.CheckState.Unchecked)
        return super().data(index, role)

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A click on a row's check box."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column():
            return False
        wanted = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if (self.id_at(index.row()) in self.checked) != wanted:
            self.toggle(index.row())
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable; column 0 carries the check box."""
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
