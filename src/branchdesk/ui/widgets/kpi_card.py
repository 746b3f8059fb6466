"""One KPI of the sheet as a card: value, target, previous, status label and colour, and a
tooltip telling how the figure is computed (numerator, denominator, period, measurement date).

Every figure is ``format_value`` of the ``KpiRow`` the card shows: the card computes nothing.
The status is always written out (達成, 未達成 …); the colour only repeats it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from branchdesk.domain.kpi.format import format_value
from branchdesk.domain.kpi.status import status_label
from branchdesk.domain.messages import CATALOGUE, message
from branchdesk.store.kpi_sheet import KpiRow
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP

#: Background colour per status (white text on each: contrast ≥ 4.5:1).
STATUS_COLOURS = {
    "achieved": "#1E7B3A",
    "nearly": "#8A5A00",
    "not_achieved": "#B3261E",
    "provisional": "#2B5FA8",
    "no_data": "#6B6B6B",
    "no_target": "#4F5B66",
}

#: How each computed KPI is computed, where the catalogue has no ``explain_<id>`` message yet.
_EXPLAIN = {
    "generic_amount_share": QT_TRANSLATE_NOOP(
        "KpiCard", "The branch's {period} claims: generic amount ÷ (generic amount + "
        "amount of brand drugs with a generic)"),
    "biosimilar_ingredients": QT_TRANSLATE_NOOP(
        "KpiCard", "Branch totals of {period}: ingredients whose biosimilar quantity ÷ "
        "(biosimilar + reference quantity) is 80% or more ÷ ingredients with any quantity"),
    "declarations": QT_TRANSLATE_NOOP(
        "KpiCard", "Active employers with a standardised health declaration in force at "
        "{period}"),
    "committee_employers": QT_TRANSLATE_NOOP(
        "KpiCard", "Active employers with at least one committee member in office at {period}"),
    "referral_visit_rate": QT_TRANSLATE_NOOP(
        "KpiCard", "{period}: cases with a confirmed medical visit within the window after "
        "the checkup ÷ all referral cases of the cohort"),
}


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` (a bare name lupdate finds, typed for mypy)."""
    return QCoreApplication.translate(context, text)


def period_text(period: str) -> str:
    """A row's ``period`` for people: "FY2025" → 2025年度, "cohort FY2024" → 2024年度健診分."""
    if period.startswith("cohort FY"):
        text = translate("KpiCard", "Checkups of FY{fy}")
        return text.format(fy=period.removeprefix("cohort FY"))
    if period.startswith("FY"):
        return translate("KpiCard", "FY{fy}").format(fy=period.removeprefix("FY"))
    return period


def explanation(row: KpiRow, lang: str) -> str:
    """How the row's value is computed, or that it is entered."""
    if not row.kpi.computed:
        return translate("KpiCard", "Entered on the KPI sheet (typed in or imported)")
    code = f"explain_{row.kpi.id}"
    period = period_text(row.period)
    if code in CATALOGUE:
        return message(code, lang, period=period)
    return translate("KpiCard", _EXPLAIN.get(row.kpi.id, "")).format(period=period)


def _number(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figures_line(row: KpiRow) -> str:
    """"numerator ÷ denominator = value" for ratios, or the count, or the entered value."""
    shown = format_value(row.kpi, row.value)
    if row.numerator is not None and row.denominator is not None:
        text = translate("KpiCard", "Numerator {numerator} ÷ denominator {denominator} = {value}")
        return text.format(numerator=_number(row.numerator),
                           denominator=_number(row.denominator), value=shown)
    return translate("KpiCard", "Value: {value}").format(value=shown)


def tooltip(row: KpiRow, lang: str) -> str:
    """The card's tooltip: name, how it is computed, the figures, the period and the date."""
    mark = message("kpi_in_progress_mark", lang) if row.in_progress else ""
    target = format_value(row.kpi, row.target)
    previous = format_value(row.kpi, row.previous)
    lines = [row.kpi.name(lang), explanation(row, lang), figures_line(row),
             translate("KpiCard", "Target: {target}").format(target=target),
             translate("KpiCard", "Previous year: {previous}").format(previous=previous),
             translate("KpiCard", "Period: {period}").format(period=period_text(row.period)),
             translate("KpiCard", "Measured at: {day}").format(day=row.measured_at) + mark,
             translate("KpiCard", "Status: {status}").format(
                 status=status_label(row.status, lang))]
    if "generic_same_month" in row.conditions:
        lines.insert(4, translate("KpiCard", "Two conditions: 80% or more, and at least the "
                                             "same month of the previous year"))
    return "\n".join(lines)


class KpiCard(QFrame):
    """A card for one ``KpiRow``; ``set_row`` shows another row (same KPI, new figures)."""

    def __init__(self, row: KpiRow, lang: str = "ja", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName(f"kpi_card_{row.kpi.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # tooltips and names reachable by keyboard
        self.name_label = self._label("name", word_wrap=True)
        self.value_label = self._label("value")
        self.value_label.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.status_label = self._label("status")
        self.target_label = self._label("target")
        self.previous_label = self._label("previous")
        self.period_label = self._label("period")
        self._layout()
        self.set_row(row)

    def _label(self, name: str, *, word_wrap: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(word_wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return label

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.addWidget(self.name_label, 0, 0, 1, 2)
        grid.addWidget(self.value_label, 1, 0)
        grid.addWidget(self.status_label, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.target_label, 2, 0)
        grid.addWidget(self.previous_label, 2, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.period_label, 3, 0, 1, 2)
        self.name_label.setMinimumHeight(self.fontMetrics().height() * 2)
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def set_row(self, row: KpiRow) -> None:
        """Show ``row``'s figures, status and tooltip."""
        self.row = row
        lang = self.lang
        self.name_label.setText(row.kpi.name(lang))
        self.value_label.setText(format_value(row.kpi, row.value))
        self.status_label.setText(status_label(row.status, lang))
        self.status_label.setStyleSheet(
            f"background: {STATUS_COLOURS.get(row.status, '#6B6B6B')}; color: white; "
            "border-radius: 8px; padding: 2px 8px; font-weight: 600;")
        self.target_label.setText(f"{message('kpi_col_target', lang)} "
                                  f"{format_value(row.kpi, row.target)}")
        self.previous_label.setText(f"{message('kpi_col_previous', lang)} "
                                    f"{format_value(row.kpi, row.previous)}")
        mark = message("kpi_in_progress_mark", lang) if row.in_progress else ""
        self.period_label.setText(period_text(row.period) + mark)
        text = tooltip(row, lang)
        self.setToolTip(text)
        self.setAccessibleName(f"{row.kpi.name(lang)} {self.value_label.text()} "
                               f"{self.status_label.text()}")
        self.setAccessibleDescription(text)
