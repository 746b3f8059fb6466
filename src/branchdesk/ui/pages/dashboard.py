"""ダッシュボード: one card per row of the KPI sheet and four charts, for a FY and an as-of date.

The cards show ``kpi_sheet``'s rows exactly (the figures ``branchdesk kpi`` prints). The sheet
and the chart series are read off the GUI thread through ``context.jobs.run_read``, both asked
for at once (the sheet first, so the cards appear before the charts, and the charts reuse the
sheet's committee figures), once per FY / as-of change and after a write to a table they depend
on. An as-of before the FY starts is shown as the catalogue's message.

The charts (pyqtgraph, and with it numpy: ~0.35 s to import) are made once the cards are shown,
while the chart series are read: the import then neither delays the reads nor slows the sheet's
(a busy GUI thread holding the GIL slows a reader thread's row fetching ~3x).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.calendar import fy_end
from branchdesk.domain.errors import BranchdeskError, InputRejected
from branchdesk.domain.messages import message
from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import KpiRow, measurement_date
from branchdesk.store.queries import dashboard as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.base import Page
from branchdesk.ui.widgets.kpi_card import KpiCard
from branchdesk.ui.write import read

if TYPE_CHECKING:
    from branchdesk.ui.charts.biosimilar import BiosimilarRateChart
    from branchdesk.ui.charts.coverage import CoverageChart
    from branchdesk.ui.charts.generic import GenericShareChart
    from branchdesk.ui.charts.referral import ReferralChart

log = logging.getLogger("branchdesk.ui.dashboard")

#: Cards per row of the grid.
CARD_COLUMNS = 4
#: Typing a date waits this long before the sheet is recomputed.
DATE_DEBOUNCE_MS = 400
#: Every table a KPI figure or a chart reads.
KPI_TABLES = frozenset({
    "employers", "employer_registers", "employer_headcounts", "declarations",
    "committee_members", "generic_stats", "biosimilar_stats", "referral_cases",
    "kpi_sheet_rows", "settings",
})


class DashboardPage(Page):
    """The KPI cards and charts of one FY at one as-of date."""

    page_id = "dashboard"
    tables = KPI_TABLES
    #: Emitted once the cards and charts of a FY / as-of are shown.
    loaded = Signal()
    generic_chart: GenericShareChart
    biosimilar_chart: BiosimilarRateChart
    coverage_chart: CoverageChart
    referral_chart: ReferralChart

    def __init__(self, context: UiContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(context, parent)
        self.today = today or date.today()
        self.rows: list[KpiRow] = []
        self.charts_data: queries.Charts | None = None
        self.cards: dict[str, KpiCard] = {}
        self._shown: tuple[int, date] | None = None
        self._generation = 0
        self._rows_generation = -1
        self._pending_charts: tuple[int, queries.Charts] | None = None
        self._charts_made = False
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DEBOUNCE_MS)
        self._date_timer.timeout.connect(self.reload)
        self._build()

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Dashboard")

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addLayout(self._controls())
        self.message_label = QLabel()
        self.message_label.setObjectName("dashboard_message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #B3261E; font-weight: 600;")
        self.message_label.hide()
        outer.addWidget(self.message_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self.card_grid = QGridLayout()
        column.addLayout(self.card_grid)
        self.chart_grid = QGridLayout()
        column.addLayout(self.chart_grid)
        column.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.fy_combo = QComboBox()
        self.fy_combo.setObjectName("dashboard_fy")
        self.fy_combo.setAccessibleName(self.tr("Fiscal year"))
        self.fy_combo.currentIndexChanged.connect(lambda _: self.reload())
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setObjectName("dashboard_as_of")
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy/MM/dd")
        self.as_of_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.as_of_edit.setAccessibleName(self.tr("As-of date"))
        self.as_of_edit.dateChanged.connect(lambda _: self._date_timer.start())
        fy_label = QLabel(self.tr("&Fiscal year"))
        fy_label.setBuddy(self.fy_combo)
        as_of_label = QLabel(self.tr("&As of"))
        as_of_label.setBuddy(self.as_of_edit)
        self.measured_label = QLabel()
        self.measured_label.setObjectName("dashboard_measured")
        for widget in (fy_label, self.fy_combo, as_of_label, self.as_of_edit,
                       self.measured_label):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def make_charts(self) -> None:
        """Make the four charts (importing pyqtgraph) unless they exist."""
        if self._charts_made:
            return
        self._charts_made = True
        from branchdesk.ui.charts.biosimilar import BiosimilarRateChart
        from branchdesk.ui.charts.coverage import CoverageChart
        from branchdesk.ui.charts.generic import GenericShareChart
        from branchdesk.ui.charts.referral import ReferralChart

        self.generic_chart = GenericShareChart()
        self.biosimilar_chart = BiosimilarRateChart()
        self.coverage_chart = CoverageChart()
        self.referral_chart = ReferralChart()
        for index, chart in enumerate((self.generic_chart, self.biosimilar_chart,
                                       self.coverage_chart, self.referral_chart)):
            self.chart_grid.addWidget(chart, index // 2, index % 2)

    # --- choosing the FY and date ----------------------------------------------------------

    @property
    def fy(self) -> int | None:
        """The FY selected (None before the first refresh)."""
        value = self.fy_combo.currentData()
        return None if value is None else int(value)

    @property
    def as_of(self) -> date:
        """The as-of date selected."""
        qdate = self.as_of_edit.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_period(self, fy: int, as_of: date) -> None:
        """Select FY ``fy`` and ``as_of`` and show their figures (as a user would)."""
        self._fill_years(keep=fy)
        self.as_of_edit.blockSignals(True)
        self.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        self.as_of_edit.blockSignals(False)
        self.reload(force=True)

    def _fill_years(self, keep: int | None = None) -> None:
        self._show_years(*queries.fiscal_years(self.context.reader(), self.today), keep)

    def _show_years(self, years: list[int], default: int, keep: int | None = None) -> None:
        wanted = keep if keep is not None else self.fy
        if wanted is None:
            wanted = default
        if wanted not in years:
            years = sorted({*years, wanted}, reverse=True)
        self.fy_combo.blockSignals(True)
        self.fy_combo.clear()
        for fy in years:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=fy), fy)
        self.fy_combo.setCurrentIndex(years.index(wanted))
        self.fy_combo.blockSignals(False)

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the FY list, then recompute the sheet and charts (both reads asked for at
        once, off the GUI thread)."""
        self._generation += 1
        generation, today, keep, as_of = self._generation, self.today, self.fy, self.as_of

        def first(store: Store) -> tuple[list[int], int, int, Any]:
            years, default = queries.fiscal_years(store, today)
            fy = keep if keep is not None else default
            return years, default, fy, _or_refusal(lambda: queries.sheet(store, fy, as_of))

        def then(store: Store) -> Any:
            fy = keep if keep is not None else queries.fiscal_years(store, today)[1]
            return _or_refusal(lambda: queries.charts(store, fy, as_of))

        read(self.context, first, lambda found: self._first_loaded(generation, *found),
             self._failed)
        read(self.context, then, lambda data: self._charts_loaded(generation, data),
             self._failed)

    def _first_loaded(self, generation: int, years: list[int], default: int, fy: int,
                      rows: Any) -> None:
        if generation != self._generation:
            return
        self._show_years(years, default, keep=fy)
        self._shown = (fy, self.as_of)
        if isinstance(rows, InputRejected):
            self._show_problem(rows.render(self.context.lang))
        elif self._begin(fy, self.as_of):
            self._sheet_loaded(generation, rows)

    def reload(self, force: bool = False) -> None:
        """Compute the sheet and the charts of the selected FY and as-of date, unless they
        are already shown and nothing changed."""
        fy, as_of = self.fy, self.as_of
        if fy is None or (not force and self._shown == (fy, as_of)):
            return
        self._shown = (fy, as_of)
        self._generation += 1
        if not self._begin(fy, as_of):
            return
        generation = self._generation
        read(self.context, lambda store: queries.sheet(store, fy, as_of),
             lambda rows: self._sheet_loaded(generation, rows), self._failed)
        read(self.context, lambda store: queries.charts(store, fy, as_of),
             lambda data: self._charts_loaded(generation, data), self._failed)

    def _begin(self, fy: int, as_of: date) -> bool:
        """Show the measurement date of ``fy`` at ``as_of``; False (and the message) when
        ``as_of`` is before the FY."""
        try:
            day = measurement_date(fy, as_of)
        except InputRejected as e:
            self._show_problem(e.render(self.context.lang))
            return False
        self.message_label.hide()
        in_progress = (message("kpi_in_progress_mark", self.context.lang)
                       if fy_end(fy) > as_of else "")
        self.measured_label.setText(self.tr("Measured at {day}").format(day=day.isoformat())
                                    + in_progress)
        return True

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, BranchdeskError):
            self._show_problem(error.render(self.context.lang))
        else:
            self._show_problem(self.tr("The figures could not be computed."))

    def _show_problem(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()
        self.measured_label.clear()
        self.rows = []
        for card in self.cards.values():
            card.hide()
        self.loaded.emit()

    def _sheet_loaded(self, generation: int, rows: list[KpiRow]) -> None:
        if generation != self._generation:
            return  # a newer FY or date was chosen meanwhile
        self.rows = rows
        self._rows_generation = generation
        self._show_cards(rows)
        if not self._charts_made:  # after the cards are painted, while the charts are read
            QTimer.singleShot(0, self.make_charts)
        self._draw_charts()

    def _show_cards(self, rows: list[KpiRow]) -> None:
        for index, row in enumerate(rows):
            card = self.cards.get(row.kpi.id)
            if card is None:
                card = KpiCard(row, self.context.lang)
                self.cards[row.kpi.id] = card
                self.card_grid.addWidget(card, index // CARD_COLUMNS, index % CARD_COLUMNS)
            else:
                card.set_row(row)
            card.show()

    def _charts_loaded(self, generation: int, data: Any) -> None:
        if generation == self._generation and isinstance(data, queries.Charts):
            self._pending_charts = (generation, data)
            self._draw_charts()

    def _draw_charts(self) -> None:
        """Draw the chart series once they and the sheet of the same request are in (the
        targets come from the sheet's rows)."""
        pending = self._pending_charts
        if pending is None or pending[0] != self._rows_generation:
            return
        self._pending_charts = None
        data = self.charts_data = pending[1]
        self.make_charts()
        by_id = {row.kpi.id: row for row in self.rows}
        self.generic_chart.set_data(data.generic)
        self.biosimilar_chart.set_data(data.biosimilar)
        coverage = by_id.get("committee_coverage")
        self.coverage_chart.set_data(data.coverage, None if coverage is None else coverage.target)
        referral = by_id.get("referral_visit_rate")
        self.referral_chart.set_data(data.referral, data.fy - 1,
                                     None if referral is None else referral.target)
        self.loaded.emit()

    def timed_operations(self) -> dict[str, Callable[[], object]]:
        """What ``bench/bench_ui.py`` times: recomputing the sheet and charts of a FY."""
        fy, as_of = self.fy or self.today.year, self.as_of
        return {"other FY (sheet + charts)": lambda: self.set_period(fy - 1, as_of),
                "back (sheet + charts)": lambda: self.set_period(fy, as_of)}

    def card(self, kpi_id: str) -> KpiCard:
        """The card of KPI ``kpi_id`` (KeyError before the sheet was shown)."""
        return self.cards[kpi_id]


def _or_refusal(compute: Callable[[], Any]) -> Any:
    """``compute()``, or the ``InputRejected`` it raised (an as-of before the FY: shown as the
    page's message, not as an error dialog)."""
    try:
        return compute()
    except InputRejected as e:
        return e
