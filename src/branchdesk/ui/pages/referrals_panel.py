"""The inline 二次勧奨 action panel of the referral worklist: date (today by default), method,
result, staff (the last name used is remembered in settings.ini); Enter in any field records the
action for the selected case as a write job (``add_actions``).

Checks before anything is written (messages from ``domain.messages.worklist``): a case is
selected, the date reads as a date, it is neither before the checkup nor after today, the staff
name is not too long. Person keys and values never go to a log.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from branchdesk.domain.dates import parse_date
from branchdesk.domain.enums import FOLLOWUP_METHOD, FOLLOWUP_RESULT, label
from branchdesk.domain.errors import BranchdeskError, ValueRejected
from branchdesk.domain.messages import message
from branchdesk.domain.normalize import clean_text
from branchdesk.store.connection import Store
from branchdesk.store.queries.referrals import WorklistRow
from branchdesk.store.registers.common import Changes
from branchdesk.store.registers.referrals import ActionRecord, add_actions
from branchdesk.ui.context import UiContext
from branchdesk.ui.main_window import app_settings
from branchdesk.ui.write import write

#: Where the last staff name is kept in settings.ini.
STAFF_KEY = "referrals/staff"
#: The longest staff name accepted.
STAFF_LIMIT = 50
#: The tables an action write touches.
TABLES = frozenset({"referral_actions"})
_ERROR_STYLE = "color: #B3261E; font-weight: 600;"


class Invalid(Exception):
    """A field broke a rule: the message to show and the widget to focus."""

    def __init__(self, text: str, widget: QWidget | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.widget = widget


class ReferralActionPanel(QGroupBox):
    """The fields of one 二次勧奨 action and the Record button; see the module docstring."""

    #: Emitted with (case id, ``Changes``) once an action was committed.
    recorded = Signal(int, object)

    def __init__(self, context: UiContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Record a secondary referral action"))
        self.setObjectName("referral_action_panel")
        self.context = context
        self.today = today
        self.case: WorklistRow | None = None
        self._error_shown = False
        self._build()
        self.set_case(None)

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.context.lang
        self.case_label = QLabel()
        self.case_label.setObjectName("referral_case")
        self.date_edit = QLineEdit(self.today.isoformat())
        self.date_edit.setObjectName("action_date")
        self.date_edit.setPlaceholderText(self.tr("e.g. 2025-04-01 or R7.4.1"))
        self.method_combo = _combo("action_method", [
            (label(FOLLOWUP_METHOD, c, lang), c) for c in FOLLOWUP_METHOD])
        self.result_combo = _combo("action_result", [(self.tr("Not entered"), None), *(
            (label(FOLLOWUP_RESULT, c, lang), c) for c in FOLLOWUP_RESULT)])
        self.staff_edit = QLineEdit(str(app_settings().value(STAFF_KEY, "") or ""))
        self.staff_edit.setObjectName("action_staff")
        self.record_button = QPushButton(self.tr("&Record"))
        self.record_button.setObjectName("record_action")
        self.record_button.setToolTip(self.tr("Enter in any field records the action"))
        self.record_button.clicked.connect(self.submit)
        self.message_label = QLabel()
        self.message_label.setObjectName("action_message")
        self.message_label.setWordWrap(True)
        self._lay_out()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(self.case_label, 0, 0, 1, 10)
        fields = ((self.tr("Action &date"), self.date_edit),
                  (self.tr("&Method"), self.method_combo),
                  (self.tr("Res&ult"), self.result_combo),
                  (self.tr("Sta&ff"), self.staff_edit))
        for i, (caption, widget) in enumerate(fields):
            text = QLabel(caption)
            text.setBuddy(widget)
            grid.addWidget(text, 1, 2 * i)
            grid.addWidget(widget, 1, 2 * i + 1)
        grid.addWidget(self.record_button, 1, 8)
        grid.addWidget(self.message_label, 2, 0, 1, 10)
        grid.setColumnStretch(9, 1)
        self.staff_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 12)
        for first, second in ((self.date_edit, self.method_combo),
                              (self.method_combo, self.result_combo),
                              (self.result_combo, self.staff_edit),
                              (self.staff_edit, self.record_button)):
            QWidget.setTabOrder(first, second)

    # --- the case --------------------------------------------------------------------------

    def set_case(self, case: WorklistRow | None) -> None:
        """Show the case the next action is for (None: nothing selected); a problem shown
        for the case before is cleared, a confirmation stays."""
        self.case = case
        if self._error_shown:
            self.show_message("")
        if case is None:
            self.case_label.setText(self.tr("Select a case in the list."))
            return
        employer = " ".join(x for x in (case.symbol, case.employer_name) if x) or "—"
        self.case_label.setText(self.tr(
            "Person key {person} · checkup {day} · {employer}").format(
                person=case.person_key, day=case.checkup_on.isoformat(), employer=employer))

    def focus_fields(self) -> None:
        """Put the cursor in the method (the date is usually today's)."""
        self.method_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter (or Return) in any field records the action."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    # --- recording -------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the fields, then record the action as a write job."""
        if not self.isEnabled():
            return
        try:
            record = self.build()
        except Invalid as problem:
            self.show_message(problem.text, error=True)
            if problem.widget is not None:
                problem.widget.setFocus()
            return
        case = self.case
        assert case is not None
        app_settings().setValue(STAFF_KEY, record.get("staff") or "")
        self.setEnabled(False)
        write(self.context, lambda store: _record(store, record),
              title=self.tr("Record a secondary referral action"), tables=TABLES,
              done=lambda changes: self._done(case.case_id, record, changes),
              failed=self._failed)

    def build(self) -> ActionRecord:
        """The action of the fields for the selected case (``Invalid`` on a broken rule)."""
        lang = self.context.lang
        case = self.case
        if case is None:
            raise Invalid(message("worklist_no_case", lang))
        acted_on = self._date()
        if acted_on < case.checkup_on:
            raise Invalid(message("worklist_before_checkup", lang, acted_on=acted_on.isoformat(),
                                  checkup_on=case.checkup_on.isoformat()), self.date_edit)
        if acted_on > self.today:
            raise Invalid(message("worklist_in_future", lang, acted_on=acted_on.isoformat(),
                                  today=self.today.isoformat()), self.date_edit)
        return {"person_key": case.person_key, "checkup_on": case.checkup_on,
                "acted_on": acted_on, "method": str(self.method_combo.currentData()),
                "result": self.result_combo.currentData(), "staff": self._staff()}

    def _date(self) -> date:
        lang = self.context.lang
        try:
            acted_on = parse_date(self.date_edit.text())
        except ValueRejected as e:
            raise Invalid(message("worklist_date_invalid", lang, reason=e.render(lang)),
                          self.date_edit) from e
        if acted_on is None:
            raise Invalid(message("worklist_date_required", lang), self.date_edit)
        return acted_on

    def _staff(self) -> str | None:
        staff = clean_text(self.staff_edit.text())
        if staff is not None and len(staff) > STAFF_LIMIT:
            raise Invalid(message("worklist_staff_too_long", self.context.lang,
                                  limit=STAFF_LIMIT, length=len(staff)), self.staff_edit)
        return staff

    def _done(self, case_id: int, record: ActionRecord, changes: Changes) -> None:
        self.setEnabled(True)
        code = ("worklist_recorded" if changes.added else
                "worklist_updated" if changes.changed else "worklist_unchanged")
        self.show_message(message(code, self.context.lang,
                                  acted_on=record["acted_on"].isoformat(),
                                  method=label(FOLLOWUP_METHOD, record["method"],
                                               self.context.lang)))
        self.recorded.emit(case_id, changes)

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        lang = self.context.lang
        text = (error.render(lang) if isinstance(error, BranchdeskError)
                else message("worklist_not_saved", lang))
        self.show_message(text, error=True)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` under the fields (in red for a problem)."""
        self._error_shown = error
        self.message_label.setStyleSheet(_ERROR_STYLE if error else "")
        self.message_label.setText(text)


def _record(store: Store, record: ActionRecord) -> Changes:
    return add_actions(store, [record])


def _combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for text, value in items:
        box.addItem(text, value)
    return box
