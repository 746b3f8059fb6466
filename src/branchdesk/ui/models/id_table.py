"""A table model over a register that holds ids, not rows (the shape of Anki's browser model).

The model keeps the ordered ids of a search (``array('q')``; ``rowCount`` is their number) and
fetches the rows the view asks for in blocks of ``BLOCK_SIZE`` ids into a small LRU cache.
Sorting asks the store for new ids: at once through the ``ids_query`` callback, or, when the
model has none, by emitting ``orderChanged`` for its page to read the ids off the GUI thread and
hand them in; a search or filter hands in new ids (``set_ids``); after a write the cache is marked
stale (``mark_stale``) and visible rows are read again on the next paint. A failed fetch shows
empty cells: ``data`` never raises.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

log = logging.getLogger("branchdesk.ui.models")

#: Rows fetched per query (one ``WHERE id IN (…)`` of at most this many ids).
BLOCK_SIZE = 256
#: Blocks kept in the cache (a screen shows a few dozen rows: 16 blocks cover scrolling back).
MAX_BLOCKS = 16
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

#: (ids) → {id: row tuple}; ids missing from the answer show empty cells.
RowsFetch = Callable[[Sequence[int]], Mapping[int, tuple[Any, ...]]]
#: (sort key, ascending) → the ordered ids of the current search and filters.
IdsQuery = Callable[[str, bool], array]
Index = QModelIndex | QPersistentModelIndex


def plain(value: Any) -> str:
    """A cell's text: "" for None, else ``str(value)``."""
    return "" if value is None else str(value)


def thousands(value: Any) -> str:
    """An integer with thousands separators ("" for None)."""
    return "" if value is None else f"{int(value):,}"


@dataclass(frozen=True)
class Column:
    """One column: English header source (translated in the model's context), the position of
    its value in the row tuple, alignment, formatter, and the sort key passed to the ids query
    (None: not sortable)."""

    header: str
    index: int
    align: Qt.AlignmentFlag = LEFT
    format: Callable[[Any], str] = field(default=plain)
    sort_key: str | None = None


class IdTableModel(QAbstractTableModel):
    """Ordered ids of a register, rows fetched on demand in blocks; see the module docstring."""

    #: The record id of a row (``data(index, ID_ROLE)``).
    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    #: An ids query started by ``sort`` failed (the error; the ids are unchanged).
    queryFailed = Signal(object)
    #: ``sort`` chose a new order (key, ascending) and the model has no ``ids_query``: the
    #: page reads the ids in that order (``order()``) and hands them to ``set_ids``.
    orderChanged = Signal(str, bool)

    def __init__(self, columns: Sequence[Column], rows: RowsFetch, ids_query: IdsQuery | None, *,
                 tr_context: str, order: tuple[str, bool], block_size: int = BLOCK_SIZE,
                 max_blocks: int = MAX_BLOCKS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows = rows
        self._ids_query = ids_query
        self._tr_context = tr_context
        self._order = order
        self._block_size = block_size
        self._max_blocks = max_blocks
        self._ids: array = array("q")
        self._cache: OrderedDict[int, Mapping[int, tuple[Any, ...]]] = OrderedDict()
        self._loaded = False

    # --- ids -------------------------------------------------------------------------------

    def set_ids(self, ids: array) -> None:
        """Show ``ids`` (in their order); the cache starts empty."""
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self._loaded = True
        self.endResetModel()

    def requery(self) -> None:
        """Ask ``ids_query`` for the ids in the current order and show them (errors propagate);
        without an ``ids_query``, ask the page through ``orderChanged``."""
        if self._ids_query is None:
            self.orderChanged.emit(*self._order)
            return
        self.set_ids(self._ids_query(*self._order))

    def ids(self) -> array:
        """The ordered ids shown."""
        return self._ids

    def id_at(self, row: int) -> int | None:
        """The id on ``row`` (None outside the rows)."""
        return int(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id`` (-1 when it is not shown)."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def values(self, row: int) -> tuple[Any, ...] | None:
        """The fetched row tuple of ``row`` (None when absent or unreadable)."""
        record_id = self.id_at(row)
        if record_id is None:
            return None
        return self._block(row // self._block_size).get(record_id)

    # --- order -----------------------------------------------------------------------------

    def order(self) -> tuple[str, bool]:
        """(sort key, ascending) the ids are in."""
        return self._order

    def column_of_key(self, key: str) -> int:
        """The column sorted by ``key`` (-1 when none is)."""
        return next((i for i, c in enumerate(self._columns) if c.sort_key == key), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query the ids sorted by ``column`` (the store sorts; see ``requery``); a column
        without a sort key, or the order already shown, is ignored. Before the first ids are
        shown only the order is remembered."""
        if not 0 <= column < len(self._columns) or self._columns[column].sort_key is None:
            return
        key = self._columns[column].sort_key
        assert key is not None
        wanted = (key, order == Qt.SortOrder.AscendingOrder)
        if wanted == self._order and self._loaded:
            return  # QTableView.sortByColumn asks twice; ``requery`` re-reads on purpose
        self._order = wanted
        if not self._loaded:
            return
        try:
            self.requery()
        except Exception as e:  # shown by the page; the view keeps the old ids
            log.warning("sorting by %s failed: %s", key, type(e).__name__)
            self.queryFailed.emit(e)

    # --- cache -----------------------------------------------------------------------------

    def mark_stale(self) -> None:
        """Forget the fetched rows (after a write); the visible ones are read again."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self._columns) - 1))

    def on_store_changed(self, tables: frozenset[str] = frozenset()) -> None:
        """A write touched the store: mark the fetched rows stale."""
        self.mark_stale()

    def _block(self, block: int) -> Mapping[int, tuple[Any, ...]]:
        cached = self._cache.get(block)
        if cached is not None:
            self._cache.move_to_end(block)
            return cached
        start = block * self._block_size
        wanted = self._ids[start:start + self._block_size]
        try:
            fetched = self._rows(wanted)
        except Exception as e:  # empty cells; tried again once the cache is marked stale
            log.warning("rows %d-%d could not be read: %s", start, start + len(wanted) - 1,
                        type(e).__name__)
            fetched = {}
        self._cache[block] = fetched
        while len(self._cache) > self._max_blocks:
            self._cache.popitem(last=False)
        return fetched

    # --- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """The number of ids (0 under a valid parent: a table has no children)."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The number of columns (0 under a valid parent)."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, alignment or the row's id; None for anything else or on failure."""
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == self.ID_ROLE:
            return self.id_at(index.row())
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = self.values(index.row())
        if values is None:
            return None
        try:
            return column.format(values[column.index])
        except Exception as e:  # a formatter bug must not break painting
            log.warning("column %s could not be formatted: %s", column.header, type(e).__name__)
            return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Translated column headers; row numbers (from 1) on the vertical header."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return QCoreApplication.translate(self._tr_context,
                                                  self._columns[section].header)
            return None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and enabled, never editable (edits go through forms and jobs)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
