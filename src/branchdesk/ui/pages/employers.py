"""The 事業所 page: search as you type, filters, the register's table (ids in SQL order, rows
fetched in blocks) and the detail pane of the selected employer.

Keyboard: Ctrl+F focuses the search; Enter in the search moves to the table; Enter (or a double
click) on a row opens its detail at once, while moving through rows updates it after a short
pause. The ids of a search, filter or sort are read off the GUI thread (``ui.write.read``: the
job runner's reader, whose store keeps the pieces in memory, see
``store/queries/employer_sets.py``; tens of ms at 600,000 employers); once ids are shown, a second
read keeps the search column in memory for the next searches. The visible rows and the detail
are short reads on the GUI thread's store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEventLoop, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.store.connection import Store
from branchdesk.store.queries import employers as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.errors import show_error
from branchdesk.ui.models.employers import employer_model
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.employer_detail import EmployerDetailPane
from branchdesk.ui.widgets.tables import row_table
from branchdesk.ui.write import read

#: Wait this long after the last keystroke before searching.
SEARCH_DEBOUNCE_MS = 150
#: Moving through rows shows the detail once the current row rests this long.
DETAIL_DELAY_MS = 80
#: Initial column widths: the text each column should show whole.
_SAMPLES = ("88888888", "株式会社サンプル名称テキスト", "サンプルメイショウテキス",
            "武蔵村山市", "123,456", "2024-03-31")


class EmployersPage(Page):
    """The employer register; see the module docstring."""

    page_id = "employers"
    tables = frozenset({"employers", "employer_registers", "employer_headcounts",
                        "declarations", "committee_members", "contacts", "generic_stats"})
    #: Emitted once the ids of a refresh, search, filter or sort are shown.
    loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._names: dict[str, str] = {}
        self._total = 0
        self._generation = self._shown_generation = 0
        self._first_row_wanted = False
        self._build_filters()
        self.model = employer_model(context.reader, None, self._names, self)
        self.model.orderChanged.connect(lambda _key, _ascending: self.apply_search())
        self.view = self._build_view()
        # After the view's own reset handlers (connected by setModel), which clear the current.
        self._kept: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.detail = EmployerDetailPane(context.lang)
        self.detail.municipality_names = self._names
        self._build_layout()
        self._search_timer = self._timer(SEARCH_DEBOUNCE_MS, self.apply_search)
        self._detail_timer = self._timer(DETAIL_DELAY_MS, self.show_current_detail)
        self._connect()

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Employers")

    # --- building --------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("employerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by employer symbol, name or kana"))
        self.search.setToolTip(self.tr("Ctrl+F: search. Width, kana and case do not matter."))
        self.status_filter = self._combo([(None, self.tr("All")), ("active", self.tr("Active")),
                                          ("lost", self.tr("Lost"))])
        self.declared_filter = self._combo([(None, self.tr("All")),
                                            (True, self.tr("Declared")),
                                            (False, self.tr("Not declared"))])
        self.member_filter = self._combo([(None, self.tr("All")),
                                          (True, self.tr("With a member")),
                                          (False, self.tr("Without a member"))])
        self.municipality_filter = self._combo([(None, self.tr("All"))])
        self.size_filter = self._combo([(None, self.tr("All")), ("1-9", self.tr("1 to 9")),
                                        ("10-49", self.tr("10 to 49")),
                                        ("50-299", self.tr("50 to 299")),
                                        ("300+", self.tr("300 or more"))])
        self.count_label = QLabel()
        self.count_label.setObjectName("employerCount")

    @staticmethod
    def _combo(items: Sequence[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _build_view(self) -> QTableView:
        view = row_table(self.model, "employerTable")
        view.setWordWrap(False)
        rows = view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, sample in enumerate(_SAMPLES):
            header.resizeSection(column, view.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # the model re-queries the ids sorted in SQL
        return view

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.search, 3)
        row.addWidget(self.count_label)
        filters = QHBoxLayout()
        for text, combo in ((self.tr("Status"), self.status_filter),
                            (self.tr("Health declaration"), self.declared_filter),
                            (self.tr("Committee member"), self.member_filter),
                            (self.tr("Municipality"), self.municipality_filter),
                            (self.tr("Insured"), self.size_filter)):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def _timer(self, ms: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now_and_go_to_table)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(lambda _i: self.apply_search())
        self.view.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._detail_timer.start())
        self.view.activated.connect(lambda _index: self.open_detail())
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)

    def _filter_combos(self) -> list[QComboBox]:
        return [self.status_filter, self.declared_filter, self.member_filter,
                self.municipality_filter, self.size_filter]

    # --- queries ---------------------------------------------------------------------------

    def filters(self) -> queries.EmployerFilters:
        """The filters the widgets choose."""
        return queries.EmployerFilters(
            status=self.status_filter.currentData(), declared=self.declared_filter.currentData(),
            has_member=self.member_filter.currentData(),
            municipality_code=self.municipality_filter.currentData(),
            size_band=self.size_filter.currentData())

    def refresh(self) -> None:
        """Reload municipalities, counts, ids and the detail (the selected employer is kept)."""
        self._read_ids(lambda store: (queries.municipalities(store), queries.count(store)))

    def apply_search(self) -> None:
        """Read the ids for the search text, filters and order now (the selected employer is
        kept); they are shown when the read is done (``loaded``)."""
        self._read_ids(lambda store: None)

    def _read_ids(self, also: Any) -> None:
        """Read ``also(store)`` and the ids off the GUI thread and show them unless a newer read
        was asked for meanwhile."""
        self._search_timer.stop()
        self._generation += 1
        generation, search, flt = self._generation, self.search.text(), self.filters()
        order = self.model.order()

        def work(store: Store) -> tuple[Any, Any]:
            return also(store), queries.ids(store, search=search, filters=flt, order=order)

        read(self.context, work, lambda found: self._ids_read(generation, *found),
             self._failed)

    def _ids_read(self, generation: int, extra: Any, ids: Any) -> None:
        """Show the ids read, then keep the search column in memory for the next searches
        (a second read, nothing to do when the copy is current)."""
        if generation != self._generation:
            return
        if extra is not None:
            municipalities, self._total = extra
            self._load_municipalities(municipalities)
            self.model.mark_stale()
        self._shown_generation = generation
        self.model.set_ids(ids)
        self._select_first_row_if_wanted()
        self.loaded.emit()
        read(self.context, queries.warm_search, lambda _: None, self._failed)

    def _failed(self, error: BaseException) -> None:
        if self.context.jobs is None:  # else the job runner has shown it
            self._report(error)

    def _load_municipalities(self, items: Sequence[tuple[str, str]]) -> None:
        self._names.clear()
        self._names.update((code, name) for code, name in items if name)
        combo = self.municipality_filter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for code, name in items:
            combo.addItem(f"{name}（{code}）" if name else code, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("Matching {0} / total {1}").format(
            f"{self.model.rowCount():,}", f"{self._total:,}"))

    def _remember_selection(self) -> None:
        self._kept = self.selected_id()

    def _restore_selection(self) -> None:
        """After new ids (search, filter, sort, refresh): the count, and the employer that was
        selected if it is still listed (else an empty detail pane)."""
        self._show_count()
        row = -1 if self._kept is None else self.model.row_of(self._kept)
        if row < 0:
            self._detail_timer.stop()
            self.detail.show_detail(None)
            return
        self._select(row)

    def _report(self, error: BaseException) -> None:
        show_error(self, error, self.context.lang)

    # --- selection and detail --------------------------------------------------------------

    def selected_id(self) -> int | None:
        """The id of the current row (None when there is none)."""
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def show_current_detail(self) -> None:
        """Show the current row's employer in the detail pane."""
        self._detail_timer.stop()
        record_id = self.selected_id()
        try:
            detail = None if record_id is None else queries.detail(self.context.reader(),
                                                                   record_id)
        except Exception as e:
            self._report(e)
            return
        self.detail.show_detail(detail)

    def open_detail(self) -> None:
        """Show the current row's detail now and move the focus to it (Enter on a row)."""
        self.show_current_detail()
        self.detail.tabs.setFocus()

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_now_and_go_to_table(self) -> None:
        """Enter in the search: search now and move to the table (its first row once shown)."""
        self._first_row_wanted = True
        self.apply_search()
        self.view.setFocus()

    def _select_first_row_if_wanted(self) -> None:
        if self._first_row_wanted and self.model.rowCount() \
                and not self.view.currentIndex().isValid():
            self._select(0)
        self._first_row_wanted = False

    # --- timed operations (bench/bench_employers_ui.py) ------------------------------------

    def wait_loaded(self, timeout_ms: int = 30_000) -> bool:
        """Process events until the last read asked for is shown (bench and tests); True
        when it is."""
        if self._shown_generation != self._generation:
            loop = QEventLoop()
            timer = QTimer(loop)
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            self.loaded.connect(loop.quit)
            timer.start(timeout_ms)
            loop.exec()  # ``loaded`` comes only for the newest read
            self.loaded.disconnect(loop.quit)
        return self._shown_generation == self._generation

    def search_for(self, text: str) -> int:
        """Type ``text`` in the search and search at once (no debounce); the match count once
        the ids are shown."""
        self.search.setText(text)
        self.apply_search()
        self.wait_loaded()
        return self.model.rowCount()

    def timed_operations(self) -> dict[str, Callable[[], object]]:
        """What ``bench/bench_ui.py`` times on this page (after the debounce, reads included)."""
        header = self.view.horizontalHeader()
        return {
            "search 3 chars": lambda: self.search_for("製作所"),
            "search 1 char": lambda: self.search_for("山"),
            "search 1 char 田": lambda: self.search_for("田"),
            "search refined 田 → 田中": lambda: self.search_for("田中"),  # right after 田
            "clear search": lambda: self.search_for(""),
            "jump to last row": self.jump_to_last_row,
            "employer detail": lambda: self.select_row(self.model.rowCount() // 2),
            "sort by name": lambda: header.setSortIndicator(1, Qt.SortOrder.AscendingOrder),
            "sort by kana": lambda: header.setSortIndicator(2, Qt.SortOrder.AscendingOrder),
            "sort by symbol": lambda: header.setSortIndicator(0, Qt.SortOrder.AscendingOrder),
        }

    def select_row(self, row: int) -> int | None:
        """Make ``row`` current, scroll to it and show its detail at once; its id."""
        self._select(row)
        self.show_current_detail()
        return self.selected_id()

    def jump_to_last_row(self) -> QModelIndex:
        """Make the last row current and scroll to the bottom (Ctrl+End); its index."""
        last = self.model.rowCount() - 1
        if last < 0:
            return QModelIndex()
        self._select(last)
        self.view.scrollToBottom()
        return self.model.index(last, 0)
