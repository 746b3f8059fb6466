"""The 二次勧奨 worklist tab: open cases most severe first (``store.queries.referrals``), the
"N 日以上対応なし" spin box, a cohort filter, and the inline action panel below the list.

The ordered ids are read off the GUI thread (one scan of the cases); the rows the view shows
are fetched in blocks on the GUI thread (``IdTableModel``). After an action is recorded the list
is read again and the selection moves on: to the row after the case when it is still open, else
to the case that followed it (the case has left the list).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.enums import FOLLOWUP_METHOD, FOLLOWUP_RESULT, label
from branchdesk.domain.kpi.format import round_half_up
from branchdesk.store.connection import Store
from branchdesk.store.queries import referrals as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.models.id_table import RIGHT, Column, IdTableModel, plain
from branchdesk.ui.pages.referrals_panel import ReferralActionPanel
from branchdesk.ui.widgets.tables import row_table, sizable_columns
from branchdesk.ui.write import read

#: Translation context of the column headers and value names.
COLUMNS_CONTEXT = "ReferralColumns"
#: Short names of the 二次 values (the "Meets" column).
VALUE_NAMES = {
    "sbp": QT_TRANSLATE_NOOP("ReferralColumns", "Systolic"),
    "dbp": QT_TRANSLATE_NOOP("ReferralColumns", "Diastolic"),
    "fpg": QT_TRANSLATE_NOOP("ReferralColumns", "Glucose"),
    "hba1c": QT_TRANSLATE_NOOP("ReferralColumns", "HbA1c"),
}
#: Rows measured when the columns are fitted to their contents (once, on the first load:
#: measuring 100 rows of 15 columns costs ~60 ms of the 300 ms the page may take to open).
RESIZE_ROWS = 20
_F = queries.WorklistRow._fields


def _value(v: Any) -> str:
    return "" if v is None else format(float(v), "g")


def _meets(keys: Any) -> str:
    return "・".join(QCoreApplication.translate(COLUMNS_CONTEXT, VALUE_NAMES[k]) for k in keys)


#: Column headers by ``WorklistRow`` field (English source; context ReferralColumns).
HEADERS = {
    "person_key": QT_TRANSLATE_NOOP("ReferralColumns", "Person key"),
    "severity": QT_TRANSLATE_NOOP("ReferralColumns", "Severity"),
    "qualifying": QT_TRANSLATE_NOOP("ReferralColumns", "Meets"),
    "sbp": QT_TRANSLATE_NOOP("ReferralColumns", "Systolic BP"),
    "dbp": QT_TRANSLATE_NOOP("ReferralColumns", "Diastolic BP"),
    "fpg": QT_TRANSLATE_NOOP("ReferralColumns", "Fasting glucose"),
    "hba1c": QT_TRANSLATE_NOOP("ReferralColumns", "HbA1c"),
    "checkup_on": QT_TRANSLATE_NOOP("ReferralColumns", "Checkup date"),
    "days_since_checkup": QT_TRANSLATE_NOOP("ReferralColumns", "Days since checkup"),
    "age": QT_TRANSLATE_NOOP("ReferralColumns", "Age"),
    "symbol": QT_TRANSLATE_NOOP("ReferralColumns", "Employer symbol"),
    "employer_name": QT_TRANSLATE_NOOP("ReferralColumns", "Employer name"),
    "last_action_on": QT_TRANSLATE_NOOP("ReferralColumns", "Last action"),
    "last_method": QT_TRANSLATE_NOOP("ReferralColumns", "Method"),
    "last_result": QT_TRANSLATE_NOOP("ReferralColumns", "Result"),
}
#: Fields sorted in SQL when their header is clicked (``queries.ORDERS`` keys).
SORTABLE = frozenset({"person_key", "severity", "sbp", "dbp", "fpg", "hba1c", "checkup_on",
                      "age"})
_NUMERIC = frozenset({"severity", "sbp", "dbp", "fpg", "hba1c", "days_since_checkup", "age"})
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def columns(lang: str) -> list[Column]:
    """The worklist's columns over ``WorklistRow``, in the order of ``HEADERS``."""
    formats: dict[str, Callable[[Any], str]] = {
        "severity": lambda v: str(round_half_up(v, 2)), "qualifying": _meets,
        "sbp": _value, "dbp": _value, "fpg": _value, "hba1c": _value,
        "days_since_checkup": lambda v: f"{v:,}",
        "last_method": lambda v: label(FOLLOWUP_METHOD, v, lang),
        "last_result": lambda v: label(FOLLOWUP_RESULT, v, lang)}
    return [Column(header, _F.index(field), RIGHT if field in _NUMERIC else _LEFT,
                   formats.get(field, plain), field if field in SORTABLE else None)
            for field, header in HEADERS.items()]


class ReferralWorklist(QWidget):
    """The worklist tab; see the module docstring."""

    #: Emitted once a (re)read list is shown.
    loaded = Signal()

    def __init__(self, context: UiContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.criteria: queries.Criteria | None = None
        self._generation = 0
        self._sized = False
        #: (case id, id of the case after it, its row) of the action just recorded.
        self._after_write: tuple[int, int | None, int] | None = None
        self.model = IdTableModel(columns(context.lang), self._fetch_rows, self._ids_query,
                                  tr_context=COLUMNS_CONTEXT, order=("severity", False),
                                  parent=self)
        self.panel = ReferralActionPanel(context, today)
        self.panel.recorded.connect(self._recorded)
        layout = QVBoxLayout(self)
        layout.addLayout(self._controls())
        layout.addWidget(self._view(), 1)
        layout.addWidget(self.panel)
        # After the view's own reset handling (it clears the selection), never before it.
        self._kept: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)

    # --- layout ----------------------------------------------------------------------------

    def _controls(self) -> QHBoxLayout:
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("no_action_days")
        self.days_spin.setRange(0, 3650)
        self.days_spin.setValue(queries.DEFAULT_NO_ACTION_DAYS)
        self.days_spin.setSuffix(self.tr(" days or more"))
        self.days_spin.setKeyboardTracking(False)
        self.days_spin.setToolTip(self.tr("Cases with a secondary referral action within this "
                                          "many days are left off the list"))
        self.cohort_combo = QComboBox()
        self.cohort_combo.setObjectName("worklist_cohort")
        self.cohort_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.cohort_combo.addItem(self.tr("All"), None)
        self.count_label = QLabel()
        self.count_label.setObjectName("worklist_count")
        bar = QHBoxLayout()
        for caption, widget in ((self.tr("&No action for"), self.days_spin),
                                (self.tr("C&heckups of"), self.cohort_combo)):
            text = QLabel(caption)
            text.setBuddy(widget)
            bar.addWidget(text)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.days_spin.valueChanged.connect(lambda _: self.refresh())
        self.cohort_combo.currentIndexChanged.connect(lambda _: self.refresh())
        return bar

    def _view(self) -> QTableView:
        view = row_table(self.model, "worklist_table")
        header = sizable_columns(view, RESIZE_ROWS)
        header.setSortIndicator(self.model.column_of_key("severity"),
                                Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.activated.connect(lambda _: self.panel.focus_fields())
        self.view = view
        return view

    # --- loading ---------------------------------------------------------------------------

    @property
    def cohort_fy(self) -> int | None:
        """The cohort FY chosen (None: every cohort)."""
        data = self.cohort_combo.currentData()
        return None if data is None else int(data)

    def refresh(self) -> None:
        """Read the open cases' ids (off the GUI thread) and show them."""
        self._generation += 1
        generation, days, fy = self._generation, self.days_spin.value(), self.cohort_fy
        order, ascending = self.model.order()

        def work(store: Store) -> tuple[queries.Criteria, array[int], list[int]]:
            crit = queries.criteria(store, self.today, days, cohort_fy=fy)
            return (crit, queries.worklist_ids(store, crit, order, not ascending),
                    queries.cohort_years(store))

        read(self.context, work, lambda result: self._loaded(generation, *result))

    def _loaded(self, generation: int, crit: queries.Criteria, ids: array[int],
                years: list[int]) -> None:
        if generation != self._generation:
            return
        self._fill_years(years)
        keep = self.selected_id()  # the model reset clears the selection
        self.criteria = crit
        self.model.set_ids(ids)
        self._select_after_load(keep)
        self.count_label.setText(self.tr("{count} open cases").format(count=f"{len(ids):,}"))
        if not self._sized and len(ids):
            self._sized = True  # later reads keep the widths (and any the user dragged)
            self.view.resizeColumnsToContents()
        self.loaded.emit()

    def _fill_years(self, years: list[int]) -> None:
        chosen = self.cohort_combo.currentData()
        self.cohort_combo.blockSignals(True)
        self.cohort_combo.clear()
        self.cohort_combo.addItem(self.tr("All"), None)
        for fy in years:
            self.cohort_combo.addItem(self.tr("FY{fy}").format(fy=fy), fy)
        self.cohort_combo.setCurrentIndex(max(0, self.cohort_combo.findData(chosen)))
        self.cohort_combo.blockSignals(False)

    def _select_after_load(self, keep: int | None) -> None:
        """After a write: the row after the case, or the case that followed it; otherwise the
        case selected before, or the first (most severe) row."""
        row = 0
        if self._after_write is not None:
            case_id, next_id, old_row = self._after_write
            self._after_write = None
            still = self.model.row_of(case_id)
            following = self.model.row_of(next_id) if next_id is not None else -1
            row = still + 1 if still >= 0 else following if following >= 0 else old_row
        elif keep is not None and self.model.row_of(keep) >= 0:
            row = self.model.row_of(keep)
        self.select_row(min(row, self.model.rowCount() - 1))

    def _fetch_rows(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        if self.criteria is None:
            return {}
        return dict(queries.rows_by_ids(self.context.reader(), ids, self.criteria))

    def _ids_query(self, key: str, ascending: bool) -> array[int]:
        """The model's re-query on a header click: same criteria, new order."""
        if self.criteria is None:
            return array("q")
        return queries.worklist_ids(self.context.reader(), self.criteria, key, not ascending)

    # --- selection -------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        """The case id of the selected row (None when nothing is selected)."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def selected_case(self) -> queries.WorklistRow | None:
        """The selected case's row."""
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return cast(queries.WorklistRow | None, self.model.values(rows[0].row()))

    def select_row(self, row: int) -> None:
        """Select ``row`` (nothing when the list is empty) and show it."""
        if row < 0:
            self.view.clearSelection()
            self._show_selected()
            return
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self._show_selected()

    def _remember_selection(self) -> None:
        self._kept = self.selected_id()

    def _restore_selection(self) -> None:
        """New ids (a read or a header click): keep the case selected before if still there."""
        row = -1 if self._kept is None else self.model.row_of(self._kept)
        self.select_row(row)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        self.panel.set_case(self.selected_case())

    def _recorded(self, case_id: int, changes: Any) -> None:
        """An action was committed: read the list again and move to the next row."""
        row = self.model.row_of(case_id)
        next_id = self.model.id_at(row + 1) if row >= 0 else None
        self._after_write = (case_id, next_id, max(row, 0))
        if self.context.jobs is None or getattr(changes, "nothing_changed", False):
            self.refresh()  # otherwise the runner's ``changed`` refreshes the page
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
