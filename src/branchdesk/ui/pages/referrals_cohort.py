"""The 受診率（コホート） tab: per cohort FY and checkup month, the cases, the visits within the
window, the rate (half up, one decimal) and whether the month is final or still 集計中; the
cohort's total is the KPI engine's ``referral_visit_rate`` (``queries.referrals.cohort_table``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.calendar import month_label
from branchdesk.domain.kpi.format import format_percent
from branchdesk.store.queries.referrals import CohortTable, cohort_table
from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.row_model import Column, Index, RowListModel
from branchdesk.ui.write import read

#: Text colour of the months (and totals) not final yet.
PROVISIONAL_COLOUR = "#6b6b6b"


@dataclass(frozen=True)
class CohortLine:
    """One line of the table: a checkup month, or the cohort's total."""

    label: str
    cases: int
    visited: int
    rate: Fraction | None
    provisional: bool


class CohortModel(RowListModel):
    """The cohort's lines; the total in bold, months not yet final in grey."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As ``RowListModel``, plus the font of the total and the colour of 集計中 months."""
        if index.isValid() and role == Qt.ItemDataRole.FontRole and \
                index.row() == self.rowCount() - 1:
            font = QFont()
            font.setBold(True)
            return font
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and \
                self.row_at(index.row()).provisional:
            return QColor(PROVISIONAL_COLOUR)
        return super().data(index, role)


class ReferralCohorts(QWidget):
    """The cohort tab; see the module docstring."""

    #: Emitted once the cohorts were (re)read and shown.
    loaded = Signal()

    def __init__(self, context: UiContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.tables: list[CohortTable] = []
        self.stale = True
        self._generation = 0
        self.model = CohortModel(self._columns(), self)
        self.cohort_combo = QComboBox()
        self.cohort_combo.setObjectName("cohort_fy")
        self.cohort_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.cohort_combo.currentIndexChanged.connect(lambda _: self._show())
        caption = QLabel(self.tr("Co&hort"))
        caption.setBuddy(self.cohort_combo)
        bar = QHBoxLayout()
        bar.addWidget(caption)
        bar.addWidget(self.cohort_combo)
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("cohort_summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self._view(), 1)

    def _columns(self) -> list[Column]:
        final, provisional = self.tr("Final"), self.tr("Provisional")
        return [
            Column(self.tr("Checkup month"), lambda r: r.label),
            Column(self.tr("Cases"), lambda r: r.cases, lambda v: f"{v:,}", True),
            Column(self.tr("Visited within the window"), lambda r: r.visited,
                   lambda v: f"{v:,}", True),
            Column(self.tr("Visit rate"), lambda r: r.rate, format_percent, True),
            Column(self.tr("State"), lambda r: r.provisional,
                   lambda v: provisional if v else final),
        ]

    def _view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("cohort_table")
        view.setModel(self.model)
        view.setSortingEnabled(False)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        self.view = view
        return view

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every cohort at today's date (off the GUI thread) and show the one chosen."""
        self._generation += 1
        generation, today = self._generation, self.today
        self.stale = False
        read(self.context, lambda store: cohort_table(store, today),
             lambda tables: self._loaded(generation, tables))

    def _loaded(self, generation: int, tables: list[CohortTable]) -> None:
        if generation != self._generation:
            return
        chosen = self.cohort_combo.currentData()
        self.tables = tables
        self.cohort_combo.blockSignals(True)
        self.cohort_combo.clear()
        for table in tables:
            self.cohort_combo.addItem(self.tr("Checkups of FY{fy}").format(fy=table.cohort_fy),
                                      table.cohort_fy)
        self.cohort_combo.setCurrentIndex(max(0, self.cohort_combo.findData(chosen)))
        self.cohort_combo.blockSignals(False)
        self._show()
        self.loaded.emit()

    def shown_table(self) -> CohortTable | None:
        """The cohort chosen (None when the store holds no case)."""
        fy = self.cohort_combo.currentData()
        return next((t for t in self.tables if t.cohort_fy == fy), None)

    def _show(self) -> None:
        table = self.shown_table()
        if table is None:
            self.model.set_rows([])
            self.summary.setText(self.tr("No referral cases have been imported."))
            return
        lines = [CohortLine(month_label(m.month), m.cases, m.visited, m.rate, not m.final)
                 for m in table.months]
        lines.append(CohortLine(self.tr("Cohort total"), table.cases, table.visited,
                                table.rate, table.provisional))
        self.model.set_rows(lines)
        self.summary.setText(self._summary(table))

    def _summary(self, table: CohortTable) -> str:
        text = self.tr(
            "Checkups of FY{cohort} (the visit-rate KPI of FY{fy}): {rate}, {visited} of "
            "{cases} cases visited a doctor within {window} months of the checkup month."
            ).format(cohort=table.cohort_fy, fy=table.cohort_fy + 1,
                     rate=format_percent(table.rate), visited=f"{table.visited:,}",
                     cases=f"{table.cases:,}", window=table.window_months)
        if table.provisional:
            text += " " + self.tr("Provisional: some checkup months are not final yet.")
        return text
