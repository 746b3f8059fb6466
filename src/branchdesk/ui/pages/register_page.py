"""What the 健康宣言 and 健康保険委員 pages share: a search box (debounced), filters, a list of
ids sorted in SQL, a detail pane with the record's audit history, and the edit buttons.

Subclasses say which queries, columns, filters, detail and forms they use. The ids of a search
are read off the GUI thread (``ui.write.read``); the visible rows and one record's detail are
short reads on the GUI thread's read-only store. The list's model is the shell's
``IdTableModel``: a header click re-queries the ids in SQL, on the GUI thread through
``_ids_query`` (a few tens of ms) or, for a page with ``sort_in_job``, off it like a search.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.store.connection import Store
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.form import FormDialog
from branchdesk.ui.models.id_table import Column, IdTableModel
from branchdesk.ui.pages.base import Page
from branchdesk.ui.widgets.tables import row_table, sizable_columns
from branchdesk.ui.write import read

#: Rows measured when the columns are fitted to their contents.
RESIZE_ROWS = 200
#: The search runs this long after the last keystroke.
SEARCH_DEBOUNCE_MS = 250


def add_labelled(bar: QHBoxLayout, caption: str, widget: QWidget) -> None:
    """Add ``widget`` to a filter bar after its caption (the caption's mnemonic reaches it)."""
    label = QLabel(caption)
    label.setBuddy(widget)
    bar.addWidget(label)
    bar.addWidget(widget)


def combo(name: str, items: Sequence[tuple[str, Any]]) -> QComboBox:
    """A filter combo: (label, value) items, the first selected."""
    box = QComboBox()
    box.setObjectName(name)
    for text, value in items:
        box.addItem(text, value)
    return box


class RegisterQueries(Protocol):
    """What a register's query module provides (``store.queries.declarations``, ``.committee``)."""

    def ids(self, store: Store, flt: Any, order: str, descending: bool, /) -> array[int]:
        """Ids for the filter and order."""

    def rows_by_ids(self, store: Store, wanted: Sequence[int], /) -> dict[int, tuple[Any, ...]]:
        """List cells by id."""

    def detail(self, store: Store, record_id: int, /) -> Any:
        """One record's detail (None when gone)."""

    def count(self, store: Store, /) -> int:
        """How many records the register holds."""

    def warm(self, store: Store, /) -> None:
        """Read what a search needs into memory (nothing to do when it is current)."""


class RegisterPage(Page):
    """A searchable, filterable register list with a detail pane; see the module docstring."""

    #: Emitted once a search, filter, sort or refresh is shown.
    loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        key, descending = self.default_order()
        self.model = IdTableModel(self.columns(), self._fetch_rows,
                                  None if self.sort_in_job else self._ids_query,
                                  tr_context=self.columns_context(), order=(key, not descending),
                                  parent=self)
        self.model.orderChanged.connect(lambda _key, _ascending: self.refresh())
        self.detail: Any = None
        self._generation = 0
        self._select_after: int | None = None
        self._columns_fitted = False
        self._reselect: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        # After the view's own reset handling (it clears the selection), never before it.
        self.model.modelReset.connect(self._model_reset)

    # --- what subclasses provide -----------------------------------------------------------

    #: The register's query module (ids, rows, detail and count of its records).
    query_module: RegisterQueries
    #: Sort on a header click off the GUI thread (as a search), for registers whose first
    #: sort by a column takes longer than a click should wait.
    sort_in_job = False

    def columns(self) -> list[Column]:
        """The list's columns (sort keys as the query module knows them)."""
        raise NotImplementedError

    def columns_context(self) -> str:
        """The translation context of the column headers."""
        raise NotImplementedError

    def default_order(self) -> tuple[str, bool]:
        """(column key, descending) of the first sort."""
        raise NotImplementedError

    def add_filters(self, bar: QHBoxLayout) -> None:
        """Add the filter widgets; each calls ``schedule_search`` when it changes."""

    def current_filter(self) -> Any:
        """The filter of the query module from the search text and filter widgets."""
        raise NotImplementedError

    def query_ids(self, store: Store, flt: Any, order: str, descending: bool) -> array[int]:
        """Ids for the filter and order."""
        return self.query_module.ids(store, flt, order, descending)

    def query_rows(self, store: Store, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """List cells by id."""
        return self.query_module.rows_by_ids(store, ids)

    def query_detail(self, store: Store, record_id: int) -> Any:
        """One record's detail (None when gone)."""
        return self.query_module.detail(store, record_id)

    def total(self, store: Store) -> int:
        """How many records the register holds."""
        return self.query_module.count(store)

    def after_load(self) -> None:
        """Once new ids are shown: read what the next search needs into memory, off the GUI
        thread (nothing to do when it is current), so that it answers at once."""
        read(self.context, self.query_module.warm, lambda _: None)

    def make_detail(self) -> QWidget:
        """The detail pane."""
        raise NotImplementedError

    def show_detail(self, detail: Any) -> None:
        """Show ``detail`` (None: nothing selected) in the detail pane."""
        raise NotImplementedError

    def add_form(self) -> FormDialog:
        """The form that adds a record."""
        raise NotImplementedError

    def edit_form(self, detail: Any) -> FormDialog:
        """The form that edits ``detail``."""
        raise NotImplementedError

    def end_form(self, detail: Any) -> FormDialog:
        """The form that withdraws or terminates ``detail``."""
        raise NotImplementedError

    def id_of_written(self, store: Store, form: FormDialog) -> int | None:
        """The id of the record a form wrote (to select it after the list reloads)."""
        return self.selected_id()

    def search_placeholder(self) -> str:
        """The search box's hint."""
        return ""

    def end_label(self) -> str:
        """The caption of the withdraw / terminate button."""
        return ""

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.search_placeholder())
        self.search_edit.textChanged.connect(lambda _: self.schedule_search())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_edit.setFocus)
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        self.add_filters(bar)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        bar.addWidget(self.count_label)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addLayout(self._buttons())
        splitter = QSplitter()
        splitter.addWidget(self._view())
        splitter.addWidget(self.make_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.end_button = QPushButton(self.end_label())
        for name, button, slot in (("add", self.add_button, self.open_add),
                                   ("edit", self.edit_button, self.open_edit),
                                   ("end", self.end_button, self.open_end)):
            button.setObjectName(f"{name}_button")
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        self._enable_buttons()
        return row

    def _view(self) -> QTableView:
        view = row_table(self.model, "list")
        header = sizable_columns(view, RESIZE_ROWS)
        key, ascending = self.model.order()
        header.setSortIndicator(self.model.column_of_key(key), Qt.SortOrder.AscendingOrder
                                if ascending else Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.doubleClicked.connect(lambda _: self.open_edit())
        self.view = view
        return view

    # --- loading ---------------------------------------------------------------------------

    def schedule_search(self) -> None:
        """Search again once typing pauses."""
        self._timer.start()

    def refresh(self) -> None:
        """Read the ids for the current search, filters and order (off the GUI thread)."""
        self._timer.stop()
        self._generation += 1
        generation, flt = self._generation, self.current_filter()
        order, ascending = self.model.order()
        keep = self._select_after if self._select_after is not None else self.selected_id()

        def work(store: Store) -> tuple[array[int], int]:
            return self.query_ids(store, flt, order, not ascending), self.total(store)

        read(self.context, work, lambda result: self._ids_loaded(generation, keep, *result))

    def _ids_loaded(self, generation: int, keep: int | None, ids: array[int],
                    total: int) -> None:
        if generation != self._generation:
            return
        if self._select_after is not None:  # a form wrote a record while the ids were read
            keep, self._select_after = self._select_after, None
        self._reselect = keep
        self.model.set_ids(ids)
        self.count_label.setText(self.tr("{shown} of {total}").format(
            shown=f"{len(ids):,}", total=f"{total:,}"))
        if not self._columns_fitted and len(ids):
            # Once: measuring 200 rows' texts costs ~50 ms, and widths that change with every
            # search would make the columns jump under the user's eyes.
            self._columns_fitted = True
            self.view.resizeColumnsToContents()
        self.loaded.emit()
        self.after_load()

    def _fetch_rows(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        return self.query_rows(self.context.reader(), ids)

    def _ids_query(self, key: str, ascending: bool) -> array[int]:
        """The model's re-query on a header click: same search and filters, new order."""
        return self.query_ids(self.context.reader(), self.current_filter(), key, not ascending)

    def _model_reset(self) -> None:
        """New ids (a search or a sort): select the record wanted, or the one shown before."""
        keep = self._reselect if self._reselect is not None else getattr(self.detail, "id",
                                                                          None)
        self._reselect = None
        if keep is None or not self.select_id(keep):
            self.detail = None
            self.show_detail(None)
            self._enable_buttons()

    def search_now(self, text: str) -> None:
        """Search for ``text`` at once (as when the debounce ends)."""
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)
        self.refresh()

    def timed_operations(self) -> dict[str, Callable[[], object]]:
        """What ``bench/bench_ui.py`` times on this page (after the debounce, jobs included)."""
        first = self.model.id_at(0)
        return {
            "search 3 chars": lambda: self.search_now("株式会"),
            "search 1 char": lambda: self.search_now("山"),
            "clear search": lambda: self.search_now(""),
            "sort by employer name": lambda: self.model.sort(1, Qt.SortOrder.AscendingOrder),
            "sort by symbol": lambda: self.model.sort(0, Qt.SortOrder.AscendingOrder),
            "detail": lambda: first is not None and self.select_id(first),
        }

    # --- selection and detail --------------------------------------------------------------

    def selected_id(self) -> int | None:
        """The id of the selected record (None when nothing is selected)."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> bool:
        """Select the record ``record_id`` if the list shows it; True when it does."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self._load_detail(record_id)
        return True

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        record_id = self.selected_id()
        if record_id is None:
            self.detail = None
            self.show_detail(None)
            self._enable_buttons()
        elif self.detail is None or getattr(self.detail, "id", None) != record_id:
            self._load_detail(record_id)

    def _load_detail(self, record_id: int) -> None:
        self.detail = self.query_detail(self.context.reader(), record_id)
        self.show_detail(self.detail)
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        has = self.detail is not None
        self.edit_button.setEnabled(has)
        self.end_button.setEnabled(has)

    # --- forms -----------------------------------------------------------------------------

    def open_add(self) -> FormDialog:
        """Open the add form (returned so that tests can fill it)."""
        return self._open(self.add_form())

    def open_edit(self) -> FormDialog | None:
        """Open the edit form of the selected record."""
        return self._open(self.edit_form(self.detail)) if self.detail is not None else None

    def open_end(self) -> FormDialog | None:
        """Open the withdraw / terminate form of the selected record."""
        return self._open(self.end_form(self.detail)) if self.detail is not None else None

    def _open(self, form: FormDialog) -> FormDialog:
        form.setParent(self, form.windowFlags())
        form.written.connect(lambda _: self._written(form))
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def _written(self, form: FormDialog) -> None:
        """After a form's write: select its record once the list reloads. With a job runner
        the reload comes from ``on_store_changed``; without one, from here."""
        self._select_after = self.id_of_written(self.context.reader(), form)
        if self.context.jobs is None:
            self.refresh()
