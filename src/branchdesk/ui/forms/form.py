"""What the register forms share: a form dialog whose OK validates every field, shows the first
problem inline in Japanese (the catalogue's message naming the value and the rule), and writes
through the register API in one transaction (``ui.write.write``) before it closes.

Nothing is written while a field is invalid; a rule the register API enforces (a withdrawal
before the declaration, a declaration while another is in force) comes back as its
``InputRejected`` and is shown the same way, with the store unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.dates import parse_date
from branchdesk.domain.errors import BranchdeskError, InputRejected, ValueRejected
from branchdesk.domain.identifiers import validate_employer_symbol
from branchdesk.domain.normalize import clean_text
from branchdesk.store.connection import Store
from branchdesk.store.queries.declarations import EmployerRef, employer_by_symbol
from branchdesk.ui.context import UiContext
from branchdesk.ui.write import write

Work = Callable[[Store], Any]
#: A Japanese-style mnemonic after a caption: "(&D)".
_MNEMONIC = re.compile(r"\(&\w\)")


class FieldProblem(Exception):
    """A field's value broke a rule: the message to show and the widget to focus."""

    def __init__(self, text: str, widget: QWidget | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.widget = widget


class FormDialog(QDialog):
    """A form with an inline error line; subclasses add rows and implement ``build``."""

    #: Emitted with the register API's ``Changes`` once the write committed.
    written = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("form_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B3261E; font-weight: 600;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    # --- building the form -----------------------------------------------------------------

    def line(self, caption: str, name: str, text: str = "", *, placeholder: str = "",
             read_only: bool = False) -> QLineEdit:
        """Add a text row; its caption is the buddy of the field (Alt+letter reaches it)."""
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setReadOnly(read_only)
        self.row(caption, edit)
        return edit

    def date_line(self, caption: str, name: str, value: date | str | None = None, *,
                  read_only: bool = False) -> QLineEdit:
        """Add a date row: 2025-04-01, 2025/4/1, R7.4.1, 令和7年4月1日 … are all read."""
        text = value.isoformat() if isinstance(value, date) else (value or "")
        return self.line(caption, name, text, read_only=read_only,
                         placeholder=self.tr("e.g. 2025-04-01 or R7.4.1"))

    def row(self, caption: str, widget: QWidget) -> None:
        """Add ``widget`` under ``caption``."""
        label = QLabel(caption)
        label.setBuddy(widget)
        self.form.addRow(label, widget)

    # --- reading fields --------------------------------------------------------------------

    def caption_of(self, widget: QWidget) -> str:
        """The caption of a field without its mnemonic ("宣言日(&D)" → 宣言日, "&Name" → Name)."""
        label = self.form.labelForField(widget)
        if not isinstance(label, QLabel):
            return ""
        return _MNEMONIC.sub("", label.text()).replace("&", "")

    def text_of(self, edit: QLineEdit, *, required: bool = False) -> str | None:
        """A text field trimmed (None when blank; a problem when blank and required)."""
        text = clean_text(edit.text())
        if text is None and required:
            raise FieldProblem(self.tr("{field} is required (it cannot be blank).")
                               .format(field=self.caption_of(edit)), edit)
        return text

    def date_of(self, edit: QLineEdit, *, required: bool = False) -> date | None:
        """A date field read by the domain's date rules; the rule's message names the field."""
        try:
            value = parse_date(edit.text())
        except ValueRejected as e:
            raise FieldProblem(f"{self.caption_of(edit)}: {e.render(self.context.lang)}",
                               edit) from e
        if value is None and required:
            self.text_of(edit, required=True)
        return value

    def employer_of(self, edit: QLineEdit) -> EmployerRef:
        """The employer of a 事業所記号 field (its format, then its presence in the store)."""
        try:
            symbol = validate_employer_symbol(edit.text())
        except ValueRejected as e:
            raise FieldProblem(e.render(self.context.lang), edit) from e
        found = employer_by_symbol(self.context.reader(), symbol)
        if found is None:
            raise FieldProblem(InputRejected("employer_unknown", symbol=symbol)
                               .render(self.context.lang), edit)
        return found

    # --- submitting ------------------------------------------------------------------------

    def build(self) -> tuple[Work, frozenset[str]]:
        """Read and check the fields; return the write and the tables it touches."""
        raise NotImplementedError

    def submit(self) -> None:
        """Check the fields, then write; the dialog closes only once the write committed."""
        try:
            work, tables = self.build()
        except FieldProblem as problem:
            self.show_problem(problem.text, problem.widget)
            return
        self.error_label.hide()
        self.buttons.setEnabled(False)
        write(self.context, work, title=self.windowTitle(), tables=tables,
              done=self._written, failed=self._failed)

    def show_problem(self, text: str, widget: QWidget | None = None) -> None:
        """Show ``text`` under the form and put the cursor in the field at fault."""
        self.error_label.setText(text)
        self.error_label.show()
        self.buttons.setEnabled(True)
        if widget is not None:
            widget.setFocus()

    def _written(self, result: Any) -> None:
        self.written.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, BranchdeskError):
            self.show_problem(error.render(self.context.lang))
        else:
            self.show_problem(self.tr("The change could not be saved; nothing was written."))
