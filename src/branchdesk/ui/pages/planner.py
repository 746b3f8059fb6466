"""訪問計画 (outreach planner): active employers without a committee member, ranked by insured
count, with what the committee coverage and the health-declaration count would become if the
checked ones signed up; the checked list exports to Excel as the visit plan.

The ranking is read off the GUI thread (``ui.write.read``: ~0.2 s on a large branch the first
time, a few ms once the store's figures are kept); the what-if of the checked set is array work
on the loaded figures, so checking a box updates the sentence at once. The "top N" box checks
the first N employers of the list shown (replacing the checks); a filter change keeps the
checks (a plan may span municipalities) and sets the box back to 0. Keyboard: Enter or Space
on a row checks it; every filter has a mnemonic.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.errors import BranchdeskError
from branchdesk.domain.messages import message
from branchdesk.exchange.plan_export import build_plan, write_plan
from branchdesk.store.queries.planner import rank_order
from branchdesk.ui.context import UiContext
from branchdesk.ui.errors import show_error
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.planner_load import (
    FilterLists,
    Filters,
    PlannerData,
    load,
    load_lists,
    top_n_line,
    what_if_lines,
)
from branchdesk.ui.pages.planner_model import PlannerModel
from branchdesk.ui.pages.register_page import add_labelled, combo
from branchdesk.ui.widgets.tables import row_table
from branchdesk.ui.write import read

#: A typed size bound waits this long before the list is ranked again.
FILTER_DEBOUNCE_MS = 250
#: The largest 被保険者数 bound the size boxes take.
MAX_SIZE = 10_000_000
_SAMPLES = ("88888888", "株式会社サンプル名称テキスト", "武蔵村山市", "サービス業（他に分類）",
            "123,456", "宣言中")


class PlannerPage(Page):
    """The ranked candidates, the what-if sentences and the export; see the module docstring."""

    page_id = "planner"
    tables = frozenset({"employers", "employer_registers", "employer_headcounts",
                        "declarations", "committee_members", "kpi_sheet_rows", "generic_stats"})
    #: Emitted once a ranking (or the reason there is none) is shown.
    loaded = Signal()
    #: Emitted with the path once a visit plan was written.
    exported = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(context, parent)
        self.today = today or date.today()
        self.data: PlannerData | None = None
        self._names: dict[str, str] = {}
        self._generation = 0
        self.model = PlannerModel(context.reader, self._names, self)
        self.model.checkedChanged.connect(self.update_what_if)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self._build()

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Outreach plan")

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addLayout(self._filter_bar())
        outer.addLayout(self._choice_bar())
        self.view = self._table()
        outer.addWidget(self.view, 1)
        self.coverage_label = self._sentence("planner_coverage", bold=True)
        self.declaration_label = self._sentence("planner_declarations", bold=True)
        self.top_n_label = self._sentence("planner_top_n_hint")
        self.status_label = self._sentence("planner_status")
        for label in (self.coverage_label, self.declaration_label, self.top_n_label,
                      self.status_label):
            outer.addWidget(label)

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.fy_combo = combo("planner_fy", [])
        self.fy_combo.setAccessibleName(self.tr("Fiscal year"))
        self.fy_combo.currentIndexChanged.connect(lambda _: self.reload())
        add_labelled(bar, self.tr("&Fiscal year"), self.fy_combo)
        self.measured_label = QLabel()
        self.measured_label.setObjectName("planner_measured")
        bar.addWidget(self.measured_label)
        self.municipality_combo = combo("planner_municipality", [(self.tr("All"), None)])
        self.industry_combo = combo("planner_industry", [(self.tr("All"), None)])
        for box, caption in ((self.municipality_combo, self.tr("&Municipality")),
                             (self.industry_combo, self.tr("&Industry"))):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda _: self.reload())
            add_labelled(bar, caption, box)
        self.min_size = self._size_box("planner_min_insured", self.tr("Fewest insured"))
        self.max_size = self._size_box("planner_max_insured", self.tr("Most insured"))
        add_labelled(bar, self.tr("In&sured from"), self.min_size)
        add_labelled(bar, self.tr("t&o"), self.max_size)
        bar.addStretch(1)
        return bar

    def _size_box(self, name: str, accessible: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(0, MAX_SIZE)
        box.setGroupSeparatorShown(True)
        box.setSpecialValueText(self.tr("No limit"))
        box.setAccessibleName(accessible)
        box.valueChanged.connect(lambda _: self._timer.start())
        return box

    def _choice_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.top_spin = QSpinBox()
        self.top_spin.setObjectName("planner_top_n")
        self.top_spin.setRange(0, 0)
        self.top_spin.setGroupSeparatorShown(True)
        self.top_spin.setSpecialValueText(self.tr("Hand-picked"))
        self.top_spin.setAccessibleName(self.tr("Check the top employers of the list"))
        self.top_spin.valueChanged.connect(self.check_top)
        add_labelled(bar, self.tr("Check the &top"), self.top_spin)
        bar.addWidget(QLabel(self.tr("employers")))
        self.clear_button = QPushButton(self.tr("&Uncheck all"))
        self.clear_button.clicked.connect(self.clear_checks)
        bar.addWidget(self.clear_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("planner_count")
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.export_button = QPushButton(self.tr("&Export to Excel…"))
        self.export_button.setObjectName("planner_export")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_dialog)
        bar.addWidget(self.export_button)
        return bar

    def _table(self) -> QTableView:
        view = row_table(self.model, "planner_table")
        view.setWordWrap(False)
        rows = view.verticalHeader()  # row numbers: the rank in the list shown
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        for column, sample in enumerate(_SAMPLES):
            header.resizeSection(column, view.fontMetrics().horizontalAdvance(sample) + 32)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the name
        # Keys, not ``activated``: a style that activates on a single click would toggle a
        # clicked check box twice.
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self.model.toggle(view.currentIndex().row()))
        return view

    def _sentence(self, name: str, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold:
            label.setStyleSheet("font-weight: 600;")
        return label

    # --- loading ---------------------------------------------------------------------------

    def filters(self) -> Filters:
        """The filters the widgets choose."""
        return Filters(self.municipality_combo.currentData(), self.industry_combo.currentData(),
                       self.min_size.value() or None, self.max_size.value() or None)

    def refresh(self) -> None:
        """Rank again (the store changed or the page is shown), then reload the filter lists."""
        self.reload()
        read(self.context, load_lists, self._lists_loaded, self._failed)

    def reload(self) -> None:
        """Rank the candidates of the chosen FY with the current filters (off the GUI thread)."""
        self._timer.stop()
        self._generation += 1
        generation, today, filters = self._generation, self.today, self.filters()
        fy = self.fy_combo.currentData()
        read(self.context, lambda store: load(store, fy, today, filters),
             lambda data: self._loaded(generation, data), self._failed)

    def _loaded(self, generation: int, data: PlannerData) -> None:
        if generation != self._generation:
            return  # other filters were chosen meanwhile
        self.data = data
        self._show_years(data.years, data.fy)
        self.measured_label.setText(self.tr("Measured at {day}").format(
            day=data.day.isoformat()))
        self.model.show_ranking(data.day, data.ranking.ids)
        self.model.set_checked(rank_order(data.figures, self.model.checked))
        self.top_spin.blockSignals(True)
        self.top_spin.setRange(0, len(data.ranking))
        self.top_spin.setValue(0)
        self.top_spin.blockSignals(False)
        self.top_n_label.setText(top_n_line(data, self.context.lang))
        self.update_what_if()
        self.loaded.emit()

    def _show_years(self, years: list[int], fy: int) -> None:
        self.fy_combo.blockSignals(True)
        self.fy_combo.clear()
        for year in years:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=year), year)
        self.fy_combo.setCurrentIndex(max(0, self.fy_combo.findData(fy)))
        self.fy_combo.blockSignals(False)

    def _lists_loaded(self, lists: FilterLists) -> None:
        self._names.clear()
        self._names.update((code, name) for code, name in lists.municipalities if name)
        self._fill(self.municipality_combo, [(f"{name}（{code}）" if name else code, code)
                                             for code, name in lists.municipalities])
        self._fill(self.industry_combo, [(name, name) for name in lists.industries])
        self.model.mark_stale()

    def _fill(self, box: QComboBox, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for text, value in items:
            box.addItem(text, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, BranchdeskError):
            self.coverage_label.setText(error.render(self.context.lang))
            self.declaration_label.clear()
        else:
            show_error(self, error, self.context.lang)
        self.loaded.emit()

    # --- checking and the what-if ----------------------------------------------------------

    def check_top(self, n: int) -> None:
        """Check the first ``n`` employers of the list shown (the others are unchecked)."""
        if self.data is not None:
            self.model.set_checked(self.data.ranking.top(n))
            self.update_what_if()

    def clear_checks(self) -> None:
        """Uncheck every employer."""
        self.top_spin.blockSignals(True)
        self.top_spin.setValue(0)
        self.top_spin.blockSignals(False)
        self.model.set_checked([])
        self.update_what_if()

    def update_what_if(self) -> None:
        """Show the what-if of the checked employers and their count."""
        data = self.data
        if data is None:
            return
        coverage, declarations = what_if_lines(data, self.model.checked, self.context.lang)
        self.coverage_label.setText(coverage)
        self.declaration_label.setText(declarations)
        self.count_label.setText(self.tr("{listed} listed, {checked} checked").format(
            listed=f"{len(data.ranking):,}", checked=f"{len(self.model.checked):,}"))
        self.export_button.setEnabled(bool(self.model.checked))

    # --- export ----------------------------------------------------------------------------

    def export_dialog(self) -> None:
        """Ask for the file, then write the visit plan of the checked employers."""
        if self.data is None or not self.model.checked:
            return
        day = QDate(self.data.day.year, self.data.day.month, self.data.day.day)
        suggested = self.tr("Visit plan {day}.xlsx").format(day=day.toString("yyyyMMdd"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the visit plan"), suggested,
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the visit plan of the checked employers to ``path`` (off the GUI thread);
        ``exported`` follows, or an error dialog."""
        data = self.data
        if data is None:
            return
        ids, day, fy = sorted(self.model.checked), data.day, data.fy
        read(self.context, lambda store: write_plan(build_plan(store, day, fy, ids), path),
             lambda count: self._exported(path, count), self._report)

    def _report(self, error: BaseException) -> None:
        show_error(self, error, self.context.lang)

    def _exported(self, path: Path, count: int) -> None:
        self.status_label.setText(message("planner_exported", self.context.lang,
                                          count=f"{count:,}", path=str(path)))
        self.exported.emit(path)
