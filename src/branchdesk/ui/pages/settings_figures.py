"""設定 › settings that change a figure (``domain.settings.SETTINGS``): the 概ね達成 ratio, the
visit window and claims lag, the visit sources that count, the 二次勧奨 thresholds, how long
referral cases are kept. They live in the store, so every PC and every report agrees.

Each number has a spin box limited to the setting's range; Save validates every value with
``validate_setting`` and writes the changed ones in one job on ``settings`` (the dashboard and
the KPI sheet recompute with them).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.enums import VISIT_SOURCE, label
from branchdesk.domain.errors import BranchdeskError, ValueRejected
from branchdesk.domain.messages import message
from branchdesk.domain.settings import SETTINGS, SettingDef, defaults, validate_setting
from branchdesk.store.connection import Store
from branchdesk.store.settings import get_settings, set_setting
from branchdesk.ui.context import UiContext
from branchdesk.ui.write import read, write

#: Settings shown in percent (0.95 → 95%).
PERCENT_KEYS = frozenset({"nearly_ratio"})
SOURCES_KEY = "referral_visit_sources"
FLOAT_DECIMALS = 1
SPIN_WIDTH = 140


def save_settings(store: Store, values: dict[str, Any]) -> int:
    """Store ``values`` (validated again by ``set_setting``); return how many were written."""
    for key, value in values.items():
        set_setting(store, key, value)
    return len(values)


def spin_for(definition: SettingDef, suffix: str = "") -> QSpinBox | QDoubleSpinBox:
    """A spin box limited to the setting's range (percent for ``PERCENT_KEYS``)."""
    low = definition.minimum if definition.minimum is not None else 0
    high = definition.maximum if definition.maximum is not None else 10**6
    spin: QSpinBox | QDoubleSpinBox
    if definition.type is int:
        spin = QSpinBox()
        spin.setRange(int(low), int(high))
    else:
        spin = _float_spin(definition, low, high)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(SPIN_WIDTH)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setObjectName(f"setting_{definition.key}")
    return spin


def _float_spin(definition: SettingDef, low: float, high: float) -> QDoubleSpinBox:
    scale = 100 if definition.key in PERCENT_KEYS else 1
    spin = QDoubleSpinBox()
    spin.setDecimals(FLOAT_DECIMALS)
    spin.setRange(low * scale, high * scale)
    spin.setSingleStep(1.0 if scale == 100 or high > 20 else 0.1)
    return spin


def shown_value(definition: SettingDef, value: Any) -> float | int:
    """The stored value as its spin box shows it."""
    if definition.key in PERCENT_KEYS:
        return float(value) * 100
    return int(value) if definition.type is int else float(value)


def stored_value(definition: SettingDef, shown: float | int) -> Any:
    """The spin box's value as it is stored (a fraction for percents, no binary noise)."""
    if definition.key in PERCENT_KEYS:
        return float(Decimal(f"{shown:.{FLOAT_DECIMALS}f}") / 100)
    if definition.type is int:
        return int(shown)
    return float(Decimal(f"{shown:.{FLOAT_DECIMALS}f}"))


class FiguresSection(QGroupBox):
    """The figure-changing settings with their ranges, Save and back to the defaults."""

    loaded = Signal()
    saved = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.values: dict[str, Any] = {}
        self.spins: dict[str, QAbstractSpinBox] = {}
        self.sources: dict[str, QCheckBox] = {}
        self.setTitle(self.tr("Settings that change the figures"))
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Kept in the store: every PC and every report uses the same "
                              "values. Ranges are shown in each field's tooltip."))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for definition in SETTINGS:
            field = self._sources() if definition.type is list else self._spin(definition)
            caption = QLabel(self._caption(definition))
            caption.setBuddy(field)
            caption.setToolTip(field.toolTip())
            form.addRow(caption, field)
        layout.addLayout(form)
        layout.addLayout(self._buttons())

    def _caption(self, definition: SettingDef) -> str:
        title = definition.title_en if self.context.lang == "en" else definition.title_ja
        return title + (self.tr(" (assumed)") if definition.assumed else "")

    def _spin(self, definition: SettingDef) -> QAbstractSpinBox:
        spin = spin_for(definition, self._suffix(definition.key))
        low, high = (shown_value(definition, v) for v in (definition.minimum or 0,
                                                           definition.maximum or 0))
        tip = self.tr("From {low} to {high}; default {default}").format(
            low=low, high=high, default=shown_value(definition, definition.default))
        if definition.assumed:
            tip += "\n" + self.tr("The spec assumes this value; change it to the branch's "
                                  "actual delay.")
        spin.setToolTip(tip)
        self.spins[definition.key] = spin
        return spin

    def _suffix(self, key: str) -> str:
        suffixes = {
            "nearly_ratio": "%", "referral_window_months": self.tr(" months"),
            "claims_lag_months": self.tr(" months"), "secondary_sbp": " mmHg",
            "secondary_dbp": " mmHg", "secondary_fpg": " mg/dL", "secondary_hba1c": "%",
            "referral_retention_fy": self.tr(" fiscal years"),
        }
        return suffixes.get(key, "")

    def _sources(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for code in VISIT_SOURCE:
            check = QCheckBox(label(VISIT_SOURCE, code, self.context.lang))
            check.setObjectName(f"source_{code}")
            self.sources[code] = check
            row.addWidget(check)
        row.addStretch(1)
        box.setToolTip(self.tr("A first visit confirmed by these counts as a visit."))
        box.setFocusProxy(next(iter(self.sources.values())))
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save se&ttings"))
        self.save_button.setObjectName("settings_save")
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QPushButton(self.tr("&Defaults"))
        self.defaults_button.setToolTip(self.tr("Show the spec's defaults (saved with Save)."))
        self.defaults_button.clicked.connect(lambda: self.show_values(defaults()))
        self.message_label = QLabel()
        self.message_label.setObjectName("settings_message")
        self.message_label.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.defaults_button)
        row.addWidget(self.message_label, 1)
        return row

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the settings stored (defaults where none) off the GUI thread; fields edited
        but not saved keep their edits."""
        pending = self.pending()
        read(self.context, get_settings, lambda values: self._loaded(values, pending),
             self._failed)

    def pending(self) -> dict[str, Any]:
        """The fields edited since the last load, in stored form."""
        if not self.values:
            return {}
        return {k: v for k, v in self.shown().items() if v != self.values.get(k)}

    def _loaded(self, values: dict[str, Any], pending: dict[str, Any]) -> None:
        self.values = dict(values)
        self.show_values({**values, **pending})
        self.loaded.emit()

    def show_values(self, values: dict[str, Any]) -> None:
        """Put ``values`` into the fields (nothing is saved)."""
        for definition in SETTINGS:
            value = values[definition.key]
            if definition.type is list:
                for code, check in self.sources.items():
                    check.setChecked(code in value)
            else:
                spin: Any = self.spins[definition.key]
                spin.setValue(shown_value(definition, value))

    def shown(self) -> dict[str, Any]:
        """Every setting as the fields show it, in stored form."""
        values: dict[str, Any] = {}
        for definition in SETTINGS:
            if definition.type is list:
                values[definition.key] = [c for c, check in self.sources.items()
                                          if check.isChecked()]
            else:
                spin: Any = self.spins[definition.key]
                values[definition.key] = stored_value(definition, spin.value())
        return values

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Validate every field and write the changed ones (one job on ``settings``)."""
        try:
            changed = self._validated_changes()
        except ValueRejected as e:
            self.message_label.setText(e.render(self.context.lang))
            return
        if not changed:
            self.message_label.setText(message("settings_unchanged", self.context.lang))
            return
        self.save_button.setEnabled(False)
        write(self.context, lambda store: save_settings(store, changed),
              title=self.tr("Saving the settings…"), tables=frozenset({"settings"}),
              done=self._saved, failed=self._failed)

    def _validated_changes(self) -> dict[str, Any]:
        shown = self.shown()
        if not shown[SOURCES_KEY]:
            raise ValueRejected("settings_sources_empty")
        checked = {key: validate_setting(key, value) for key, value in shown.items()}
        return {key: value for key, value in checked.items() if value != self.values.get(key)}

    def _saved(self, count: int) -> None:
        self.save_button.setEnabled(True)
        self.message_label.setText(message("settings_saved", self.context.lang, count=count))
        if self.context.jobs is None:
            self.reload()
        self.saved.emit(count)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, BranchdeskError):
            self.message_label.setText(error.render(self.context.lang))
        else:
            self.message_label.setText(self.tr("The settings could not be read or saved."))
        self.loaded.emit()
