"""設定 › KPI targets per FY: the seven computed KPIs (domain.md §4) with their targets and the
entered 前年度実績, and the sheet's figures and statuses with them.

Targets the spec fixes (generic shares 80% / 65%, committee coverage 50%) and those that are
the previous year's value are shown read-only; the 健康宣言 count target and the biosimilar
target (per FY) are edited. A 前年度実績 may be entered for every row (it wins over the value
recomputed from the registers). ``set_entry`` cannot empty a field again, so a stored value
can be changed but not cleared. Saving is one write job on ``kpi_sheet_rows``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.calendar import fy_end, fy_start
from branchdesk.domain.kpi.catalogue import CATALOGUE, KpiDef
from branchdesk.domain.kpi.format import format_value
from branchdesk.domain.kpi.status import status_label
from branchdesk.domain.messages import message
from branchdesk.store import kpi_queries
from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet, set_entry
from branchdesk.store.queries.dashboard import fiscal_years
from branchdesk.ui.context import UiContext
from branchdesk.ui.write import read, write

#: The rows of the table: the computed KPIs, in sheet order.
KPIS: tuple[KpiDef, ...] = tuple(k for k in CATALOGUE if k.computed)
#: Targets a branch sets: the 健康宣言 count (else ≥ previous) and the biosimilar share,
#: "configurable per FY" (domain.md §4). The others are fixed or the previous year's value.
TARGET_EDITABLE = frozenset({"declarations", "biosimilar_ingredients"})
#: Decimals of a percent typed in (63.35%).
PERCENT_DECIMALS = 2
COUNT_MAX = 10_000_000
COLUMNS = 7
KPI_COL, TARGET_COL, RULE_COL, ENTERED_COL, PREVIOUS_COL, VALUE_COL, STATUS_COL = range(COLUMNS)


@dataclass(frozen=True)
class TargetRow:
    """One KPI: what is stored for the FY (None: nothing entered) and the sheet's row."""

    kpi: KpiDef
    stored_target: float | None
    stored_previous: float | None
    sheet: KpiRow


@dataclass(frozen=True)
class TargetsData:
    """The FYs offered, the FY shown, the day its figures are measured at, and its rows."""

    years: list[int]
    fy: int
    day: date
    rows: list[TargetRow]


def sheet_day(fy: int, today: date) -> date:
    """The day the FY's figures are shown at: today, within the FY's bounds."""
    return max(fy_start(fy), min(today, fy_end(fy)))


def load_targets(store: Store, fy: int | None, today: date) -> TargetsData:
    """The rows of FY ``fy`` (the latest FY with data when None), with the FYs to choose from
    (those with data and the next one, to set targets ahead)."""
    years, default = fiscal_years(store, today)
    years = sorted({*years, years[0] + 1}, reverse=True)
    chosen = default if fy is None else fy
    if chosen not in years:
        years = sorted({*years, chosen}, reverse=True)
    day = sheet_day(chosen, today)
    entered = kpi_queries.entered_rows(store, chosen)
    sheet = {row.kpi.id: row for row in kpi_sheet(store, chosen, day)}
    rows = [TargetRow(k, entered.get(k.id, {}).get("target"), entered.get(k.id, {}).get("previous"),
                      sheet[k.id]) for k in KPIS]
    return TargetsData(years, chosen, day, rows)


def save_targets(store: Store, fy: int, changes: dict[str, dict[str, float]]) -> int:
    """Store the changed targets and 前年度実績 of FY ``fy``; return how many fields changed."""
    for kpi_id, fields in changes.items():
        set_entry(store, fy, kpi_id, **fields)
    return sum(len(fields) for fields in changes.values())


def percent_to_fraction(points: float) -> float:
    """A percent typed in (21.5) as the stored fraction (0.215), without binary noise."""
    return float(Decimal(f"{points:.{PERCENT_DECIMALS}f}") / 100)


def _percent_spin(may_be_empty: bool) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(PERCENT_DECIMALS)
    spin.setSingleStep(0.1)
    spin.setRange(-0.01 if may_be_empty else 0.0, 100.0)
    spin.setSuffix("%")
    return spin


def _count_spin(may_be_empty: bool) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1 if may_be_empty else 0, COUNT_MAX)
    spin.setGroupSeparatorShown(True)
    return spin


class ValueBox:
    """A spin box for a target or a 前年度実績 of one KPI: percent points or a count. With no
    ``initial`` value, the value one step below zero shows "—" (nothing entered); once there is
    a value it can be changed but not emptied (``set_entry`` keeps a stored field)."""

    def __init__(self, kpi: KpiDef, initial: float | None, empty_text: str) -> None:
        self.kpi = kpi
        self.widget: QAbstractSpinBox = self._spin(initial is None, empty_text)
        self.set(initial)
        self.initial = self.value()

    def _spin(self, may_be_empty: bool, empty_text: str) -> QAbstractSpinBox:
        spin = _percent_spin(may_be_empty) if self.kpi.is_ratio else _count_spin(may_be_empty)
        spin.setSpecialValueText(empty_text if may_be_empty else "")
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def set(self, value: float | None) -> None:
        """Show ``value`` (a fraction for % rows; None: "—")."""
        spin: Any = self.widget
        if value is None:
            spin.setValue(spin.minimum())
        elif self.kpi.is_ratio:
            spin.setValue(float(value) * 100)
        else:
            spin.setValue(round(value))

    def value(self) -> float | None:
        """The value shown (a fraction for % rows), None for "—"."""
        spin: Any = self.widget
        if spin.value() < 0:
            return None
        if self.kpi.is_ratio:
            return percent_to_fraction(spin.value())
        return float(spin.value())

    def changed(self) -> bool:
        """True when the value shown differs from the one shown after loading."""
        return self.value() != self.initial


class TargetsSection(QGroupBox):
    """A FY selector, the seven KPIs' targets and 前年度実績, and Save."""

    loaded = Signal()
    saved = Signal(int)

    def __init__(self, context: UiContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.data: TargetsData | None = None
        self.targets: dict[str, ValueBox] = {}
        self.previous: dict[str, ValueBox] = {}
        self._generation = 0
        self.setTitle(self.tr("KPI targets"))
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.fy_combo = QComboBox()
        self.fy_combo.setObjectName("targets_fy")
        self.fy_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fy_combo.currentIndexChanged.connect(lambda _: self.reload(self.fy))
        fy_label = QLabel(self.tr("Fiscal &year"))
        fy_label.setBuddy(self.fy_combo)
        self.day_label = QLabel()
        for widget in (fy_label, self.fy_combo, self.day_label):
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self._table())
        layout.addLayout(self._buttons())

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(len(KPIS), COLUMNS)
        self.table.setObjectName("targets_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("KPI"), self.tr("Target"), self.tr("How the target is set"),
            self.tr("Previous year (entered)"), self.tr("Previous year (used)"),
            self.tr("Value"), self.tr("Status")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(RULE_COL,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        rows_height = self.table.verticalHeader().defaultSectionSize() * (len(KPIS) + 1)
        self.table.setMinimumHeight(rows_height + 2 * self.table.frameWidth() + 8)
        return self.table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save targets"))
        self.save_button.setObjectName("targets_save")
        self.save_button.clicked.connect(self.save)
        self.message_label = QLabel()
        self.message_label.setObjectName("targets_message")
        self.message_label.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.message_label, 1)
        return row

    # --- loading ---------------------------------------------------------------------------

    @property
    def fy(self) -> int | None:
        """The FY selected (None before the first load)."""
        value = self.fy_combo.currentData()
        return None if value is None else int(value)

    def reload(self, fy: int | None = None) -> None:
        """Read FY ``fy`` (the one selected, or the latest with data) off the GUI thread;
        fields of that FY edited but not saved keep their edits."""
        self._generation += 1
        generation, today = self._generation, self.today
        chosen = fy if fy is not None else self.fy
        pending = self.changes() if self.data is not None and chosen == self.data.fy else {}
        read(self.context, lambda store: load_targets(store, chosen, today),
             lambda data: self._loaded(generation, data, pending), self._failed)

    def _loaded(self, generation: int, data: TargetsData,
                pending: dict[str, dict[str, float]] | None = None) -> None:
        if generation != self._generation:
            return
        self.data = data
        self.fy_combo.blockSignals(True)
        self.fy_combo.clear()
        for fy in data.years:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=fy), fy)
        self.fy_combo.setCurrentIndex(data.years.index(data.fy))
        self.fy_combo.blockSignals(False)
        self.day_label.setText(self.tr("Figures as of {day}").format(day=data.day.isoformat()))
        for index, row in enumerate(data.rows):
            self._show_row(index, row)
        for kpi_id, fields in (pending or {}).items():
            for field, value in fields.items():
                boxes = self.targets if field == "target" else self.previous
                boxes[kpi_id].set(value)
        self.loaded.emit()

    def _show_row(self, index: int, row: TargetRow) -> None:
        kpi, lang = row.kpi, self.context.lang
        self._text(index, KPI_COL, kpi.name(lang))
        self._text(index, RULE_COL, self._rule(kpi))
        if kpi.id in TARGET_EDITABLE:
            target = self._box(index, TARGET_COL, ValueBox(kpi, self._initial_target(row),
                                                           self.tr("—")), "target")
            target.widget.setToolTip(self._target_tip(kpi))
            self.targets[kpi.id] = target
        else:
            self._text(index, TARGET_COL, format_value(kpi, row.sheet.target), right=True)
        previous = self._box(index, ENTERED_COL, ValueBox(kpi, row.stored_previous,
                                                          self.tr("—")), "previous")
        previous.widget.setToolTip(self.tr(
            "Entered previous-year figure; it replaces the one recomputed from the registers. "
            "— : nothing entered."))
        self.previous[kpi.id] = previous
        self._text(index, PREVIOUS_COL, format_value(kpi, row.sheet.previous), right=True)
        self._text(index, VALUE_COL, format_value(kpi, row.sheet.value), right=True)
        self._text(index, STATUS_COL, status_label(row.sheet.status, lang))

    def _box(self, row: int, column: int, box: ValueBox, field: str) -> ValueBox:
        box.widget.setObjectName(f"{field}_{box.kpi.id}")
        self.table.setCellWidget(row, column, box.widget)
        return box

    @staticmethod
    def _initial_target(row: TargetRow) -> float | None:
        """The stored target; for the biosimilar row the spec's default of the FY when none
        is stored (the 健康宣言 count has none: "—" compares with the previous year)."""
        if row.stored_target is not None or row.kpi.id != "biosimilar_ingredients":
            return row.stored_target
        return None if row.sheet.target is None else float(row.sheet.target)

    def _text(self, row: int, column: int, text: str, *, right: bool = False) -> None:
        item = QTableWidgetItem(text)
        if right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, column, item)

    def _rule(self, kpi: KpiDef) -> str:
        rules = {
            "referral_visit_rate": self.tr("At least the previous cohort's value"),
            "declarations": self.tr("The branch's target; without one, at least the previous "
                                    "year's count"),
            "generic_share": self.tr("80% or more, and at least the same month of the previous "
                                     "year where that was 80% or more (fixed)"),
            "generic_amount_share": self.tr("65% or more (fixed, national FY2029 goal)"),
            "biosimilar_ingredients": self.tr("Set per fiscal year (18% until FY2024, 21% "
                                              "from FY2025 unless changed)"),
            "committee_coverage": self.tr("50% or more (fixed)"),
            "committee_employers": self.tr("At least the previous year's count"),
        }
        return rules.get(kpi.id, "")

    def _target_tip(self, kpi: KpiDef) -> str:
        if kpi.is_ratio:
            return self.tr("Target in percent (21 = 21%)")
        return self.tr("Target count; — : compare with the previous year's count")

    def _failed(self, error: BaseException) -> None:
        from branchdesk.domain.errors import BranchdeskError

        if isinstance(error, BranchdeskError):
            self.message_label.setText(error.render(self.context.lang))
        else:
            self.message_label.setText(self.tr("The targets could not be read."))
        self.save_button.setEnabled(True)
        self.loaded.emit()

    # --- saving ----------------------------------------------------------------------------

    def changes(self) -> dict[str, dict[str, float]]:
        """The fields changed since loading, by KPI id (``set_entry``'s keyword arguments)."""
        found: dict[str, dict[str, float]] = {}
        for field, boxes in (("target", self.targets), ("previous", self.previous)):
            for kpi_id, box in boxes.items():
                value = box.value()
                if box.changed() and value is not None:
                    found.setdefault(kpi_id, {})[field] = value
        return found

    def save(self) -> None:
        """Write the changed fields of the FY shown (one write job on ``kpi_sheet_rows``)."""
        changes, fy = self.changes(), self.fy
        if fy is None:
            return
        if not changes:
            self.message_label.setText(message("settings_unchanged", self.context.lang))
            return
        self.save_button.setEnabled(False)
        write(self.context, lambda store: save_targets(store, fy, changes),
              title=self.tr("Saving the targets…"), tables=frozenset({"kpi_sheet_rows"}),
              done=lambda count: self._saved(fy, count), failed=self._failed)

    def _saved(self, fy: int, count: int) -> None:
        self.save_button.setEnabled(True)
        self.message_label.setText(message("targets_saved", self.context.lang, fy=fy,
                                           count=count))
        if self.context.jobs is None:
            self.reload()
        self.saved.emit(count)
