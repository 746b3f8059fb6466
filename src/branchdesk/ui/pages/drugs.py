"""ジェネリック・バイオシミラー: monthly generic figures per unit, lowest shares first (the outreach
list of municipalities, institutions and pharmacies), and biosimilar replacement per ingredient."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.calendar import month_label
from branchdesk.domain.enums import GENERIC_UNIT, label
from branchdesk.domain.kpi.format import format_percent
from branchdesk.store.connection import Store
from branchdesk.store.kpi_measures import generic_share_of_month
from branchdesk.store.queries import drugs as queries
from branchdesk.store.queries.dashboard import MonthShare, context_of
from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.row_model import Column, RowListModel
from branchdesk.ui.write import read

#: Rows measured when the columns are fitted to their contents.
RESIZE_ROWS = 100


def quantity(value: Any) -> str:
    """A quantity or amount with thousands separators ("—" when unknown)."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def share(value: Any) -> str:
    """A share as the KPI sheet shows it (half up, one decimal)."""
    return format_percent(value)


def _table(model: RowListModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(False)  # the query's order (lowest first) until a header is clicked
    view.horizontalHeader().setSectionsClickable(True)
    view.horizontalHeader().sectionClicked.connect(lambda col: _sort_clicked(view, col))
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    # Size columns from the first rows only: measuring 20,000 institutions stalls the GUI.
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_ROWS)
    return view


def _sort_clicked(view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    ascending = not (header.sortIndicatorSection() == column
                     and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder)
    order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
    header.setSortIndicatorShown(True)
    header.setSortIndicator(column, order)
    view.model().sort(column, order)


class DrugsPage(Page):
    """Two tabs: generic figures by unit and month, biosimilars by ingredient and month."""

    page_id = "drugs"
    tables = frozenset({"generic_stats", "biosimilar_stats"})
    #: Emitted after a list was (re)loaded.
    loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._generation = 0
        self.generic_model = RowListModel(self._generic_columns(), self)
        self.biosimilar_model = RowListModel(self._biosimilar_columns(), self)
        tabs = QTabWidget()
        tabs.setObjectName("drugs_tabs")
        tabs.addTab(self._generic_tab(), self.tr("&Generic drugs"))
        tabs.addTab(self._biosimilar_tab(), self.tr("&Biosimilars"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.tabs = tabs

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Generics and biosimilars")

    # --- layout ----------------------------------------------------------------------------

    def _generic_columns(self) -> list[Column]:
        return [
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Generic share (quantity)"), lambda r: r.qty_share, share, True),
            Column(self.tr("Generic quantity"), lambda r: r.generic_qty, quantity, True),
            Column(self.tr("Brand quantity (with a generic)"), lambda r: r.brand_qty,
                   quantity, True),
            Column(self.tr("Generic share (amount)"), lambda r: r.amount_share, share, True),
            Column(self.tr("Generic amount"), lambda r: r.generic_amount, quantity, True),
            Column(self.tr("Brand amount (with a generic)"), lambda r: r.brand_amount,
                   quantity, True),
        ]

    def _biosimilar_columns(self) -> list[Column]:
        return [
            Column(self.tr("Ingredient"), lambda r: r.ingredient),
            Column(self.tr("Replacement rate"), lambda r: r.rate, share, True),
            Column(self.tr("80% or more"), lambda r: r.reached,
                   lambda v: self.tr("Yes") if v else self.tr("No")),
            Column(self.tr("Biosimilar quantity"), lambda r: r.bs_qty, quantity, True),
            Column(self.tr("Reference quantity"), lambda r: r.ref_qty, quantity, True),
            Column(self.tr("Institutions reporting"), lambda r: r.institutions, quantity, True),
            Column(self.tr("Institutions at 80% or more"), lambda r: r.institutions_reached,
                   quantity, True),
        ]

    def _generic_tab(self) -> QWidget:
        tab = QWidget()
        controls = QHBoxLayout()
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("drugs_unit")
        for code in GENERIC_UNIT:
            self.unit_combo.addItem(label(GENERIC_UNIT, code, self.context.lang), code)
        self.unit_combo.setCurrentIndex(list(GENERIC_UNIT).index("municipality"))
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("drugs_month")
        self.min_spin = QDoubleSpinBox()
        self.min_spin.setObjectName("drugs_min_quantity")
        self.min_spin.setRange(0, 1e9)
        self.min_spin.setDecimals(0)
        self.min_spin.setSingleStep(100)
        self.min_spin.setGroupSeparatorShown(True)
        self.min_spin.setKeyboardTracking(False)
        for text, widget in ((self.tr("&Unit"), self.unit_combo),
                             (self.tr("&Month"), self.month_combo),
                             (self.tr("Minimum &quantity"), self.min_spin)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
        controls.addStretch(1)
        self.unit_combo.currentIndexChanged.connect(lambda _: self.load_generic())
        self.month_combo.currentIndexChanged.connect(lambda _: self.load_generic())
        self.min_spin.valueChanged.connect(lambda _: self.load_generic())
        self.generic_summary = QLabel()
        self.generic_summary.setObjectName("drugs_generic_summary")
        self.generic_view = _table(self.generic_model, "drugs_generic_table")
        layout = QVBoxLayout(tab)
        layout.addLayout(controls)
        layout.addWidget(self.generic_summary)
        layout.addWidget(self.generic_view, 1)
        return tab

    def _biosimilar_tab(self) -> QWidget:
        tab = QWidget()
        controls = QHBoxLayout()
        self.bio_month_combo = QComboBox()
        self.bio_month_combo.setObjectName("drugs_bio_month")
        caption = QLabel(self.tr("M&onth"))
        caption.setBuddy(self.bio_month_combo)
        controls.addWidget(caption)
        controls.addWidget(self.bio_month_combo)
        controls.addStretch(1)
        self.bio_month_combo.currentIndexChanged.connect(lambda _: self.load_biosimilar())
        self.biosimilar_summary = QLabel()
        self.biosimilar_summary.setObjectName("drugs_biosimilar_summary")
        self.biosimilar_view = _table(self.biosimilar_model, "drugs_biosimilar_table")
        layout = QVBoxLayout(tab)
        layout.addLayout(controls)
        layout.addWidget(self.biosimilar_summary)
        layout.addWidget(self.biosimilar_view, 1)
        return tab

    def timed_operations(self) -> dict[str, Callable[[], object]]:
        """What ``bench/bench_ui.py`` times: each unit's list of the chosen month."""
        return {"institutions": lambda: self.show_unit("institution"),
                "pharmacies": lambda: self.show_unit("pharmacy"),
                "municipalities": lambda: self.show_unit("municipality"),
                "biosimilars": self.load_biosimilar}

    def show_unit(self, code: str) -> None:
        """Choose the unit ``code`` (支部, 市区町村 …) and read its list."""
        index = self.unit_combo.findData(code)
        if index == self.unit_combo.currentIndex():
            self.load_generic()
        else:
            self.unit_combo.setCurrentIndex(index)  # loads through currentIndexChanged

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the months (keeping the ones chosen) and both lists."""
        store = self.context.reader()
        _fill_months(self.month_combo, queries.generic_months(store))
        _fill_months(self.bio_month_combo, queries.biosimilar_months(store))
        self.load_generic()
        self.load_biosimilar()

    @property
    def unit(self) -> str:
        """The unit chosen (支部, 市区町村, 医療機関 or 薬局)."""
        return str(self.unit_combo.currentData())

    def load_generic(self) -> None:
        """Read the chosen unit's figures of the chosen month, lowest share first."""
        month = self.month_combo.currentData()
        if month is None:
            self.generic_model.set_rows([])
            self.generic_summary.setText(self.tr("No generic figures have been imported."))
            return
        unit, minimum = self.unit, self.min_spin.value()
        self._generation += 1
        generation = self._generation

        def work(store: Store) -> tuple[list[queries.UnitFigures], MonthShare]:
            rows = queries.unit_figures(store, unit, int(month), min_quantity=minimum)
            found = generic_share_of_month(context_of(store), int(month))
            branch = MonthShare(int(month), None if found is None else float(found.numerator or 0),
                                None if found is None else float(found.denominator or 0))
            return rows, branch

        read(self.context, work, lambda result: self._generic_loaded(generation, *result))

    def _generic_loaded(self, generation: int, rows: list[queries.UnitFigures],
                        branch: MonthShare) -> None:
        if generation != self._generation:
            return
        self.generic_model.set_rows(rows)
        self.generic_view.horizontalHeader().setSortIndicatorShown(False)
        self.generic_view.resizeColumnsToContents()
        self.generic_summary.setText(self.tr(
            "{month}: branch generic share {share} (the KPI's figure). {count} rows, lowest "
            "share first.").format(month=month_label(branch.month), share=share(branch.share),
                                   count=f"{len(rows):,}"))
        self.loaded.emit()

    def load_biosimilar(self) -> None:
        """Read the ingredients of the chosen month, lowest replacement first."""
        month = self.bio_month_combo.currentData()
        if month is None:
            self.biosimilar_model.set_rows([])
            self.biosimilar_summary.setText(self.tr("No biosimilar figures have been imported."))
            return
        read(self.context, lambda store: queries.ingredient_figures(store, int(month)),
             lambda rows: self._biosimilar_loaded(int(month), rows))

    def _biosimilar_loaded(self, month: int, rows: list[queries.IngredientFigures]) -> None:
        if self.bio_month_combo.currentData() != month:
            return
        self.biosimilar_model.set_rows(rows)
        self.biosimilar_view.horizontalHeader().setSortIndicatorShown(False)
        self.biosimilar_view.resizeColumnsToContents()
        reached = sum(1 for r in rows if r.reached)
        counted = sum(1 for r in rows if r.rate is not None)
        self.biosimilar_summary.setText(self.tr(
            "{month}: {reached} of {count} ingredients at 80% or more").format(
                month=month_label(month), reached=reached, count=counted))
        self.loaded.emit()


def _fill_months(combo: QComboBox, months: list[int]) -> None:
    """Months newest first, keeping the one chosen when it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for month in months:
        combo.addItem(month_label(month), month)
    index = months.index(chosen) if chosen in months else 0
    combo.setCurrentIndex(index if months else -1)
    combo.blockSignals(False)
