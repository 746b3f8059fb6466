"""健康宣言 forms: add, edit and withdraw a declaration (register API: ``upsert_declarations``,
``withdraw_declaration``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from branchdesk.domain.enums import DECLARATION_KIND, label
from branchdesk.store.connection import Store
from branchdesk.store.queries.declarations import DeclarationDetail
from branchdesk.store.registers import (
    DeclarationRecord,
    upsert_declarations,
    withdraw_declaration,
)
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.common import employer_fields
from branchdesk.ui.forms.form import FieldProblem, FormDialog, Work

TABLES = frozenset({"declarations"})


class DeclarationForm(FormDialog):
    """Add a declaration (``detail`` None) or edit one (its keys, 事業所記号 and 宣言日, fixed)."""

    def __init__(self, context: UiContext, detail: DeclarationDetail | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Add a health declaration") if detail is None
                            else self.tr("Edit a health declaration"))
        self.detail = detail
        #: (事業所記号, 宣言日) of the declaration written, once ``build`` succeeded.
        self.key: tuple[str, date] | None = None
        values = {} if detail is None else detail.values
        fixed = detail is not None
        self.symbol_edit, self.employer_label = employer_fields(
            self, (self.tr("&Employer symbol"), self.tr("Employer name")), detail)
        self.declared_edit = self.date_line(self.tr("&Declaration date"), "declared_on",
                                            values.get("declared_on"), read_only=fixed)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind")
        for code in DECLARATION_KIND:
            self.kind_combo.addItem(label(DECLARATION_KIND, code, context.lang), code)
        self.kind_combo.setCurrentIndex(list(DECLARATION_KIND).index(
            values.get("kind") or "standard"))
        self.row(self.tr("&Kind"), self.kind_combo)
        self.items_edit = QPlainTextEdit("\n".join([] if detail is None else detail.items))
        self.items_edit.setObjectName("items")
        self.items_edit.setPlaceholderText(self.tr("One item and its target per line"))
        self.items_edit.setTabChangesFocus(True)
        self.row(self.tr("Declared &items"), self.items_edit)
        self.karte_edit = self.date_line(self.tr("Karte &given on"), "karte_on",
                                         values.get("karte_on"))
        self.karte_again_edit = self.date_line(self.tr("Karte given &again on"),
                                               "karte_again_on", values.get("karte_again_on"))
        self.certification_edit = self.line(self.tr("&Certification"), "certification",
                                            values.get("certification") or "")
        self.contact_edit = self.line(self.tr("Contact &person"), "contact_person",
                                      values.get("contact_person") or "")
        self.note_edit = self.line(self.tr("&Note"), "note", values.get("note") or "")

    def build(self) -> tuple[Work, frozenset[str]]:
        """The declaration as a record; refuses a second declaration of the same date."""
        employer = self.employer_of(self.symbol_edit)
        declared_on = self.date_of(self.declared_edit, required=True)
        assert declared_on is not None
        if self.detail is None:
            self._check_new(employer.id, employer.symbol, declared_on)
        items = [line.strip() for line in self.items_edit.toPlainText().splitlines()
                 if line.strip()]
        record: DeclarationRecord = {
            "symbol": employer.symbol, "declared_on": declared_on,
            "kind": str(self.kind_combo.currentData()), "items": items or None,
            "karte_on": self.date_of(self.karte_edit),
            "karte_again_on": self.date_of(self.karte_again_edit),
            "certification": self.text_of(self.certification_edit),
            "contact_person": self.text_of(self.contact_edit),
            "note": self.text_of(self.note_edit)}
        self.key = (employer.symbol, declared_on)
        return (lambda store: upsert_declarations(store, [record], source="app")), TABLES

    def _check_new(self, employer_id: int, symbol: str, declared_on: date) -> None:
        exists = self.context.reader().scalar(
            "SELECT 1 FROM declarations WHERE employer_id = ? AND declared_on = ?",
            (employer_id, declared_on.isoformat()))
        if exists:
            raise FieldProblem(self.tr("Employer {symbol} already has a declaration dated "
                                       "{day}; edit that one instead.").format(
                symbol=symbol, day=declared_on.isoformat()), self.declared_edit)


class WithdrawForm(FormDialog):
    """Withdraw (取下げ) a declaration: the date and the reason."""

    def __init__(self, context: UiContext, detail: DeclarationDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Withdraw a health declaration"))
        self.detail = detail
        self.row(self.tr("Employer"), QLabel(f"{detail.symbol} {detail.employer_name}"))
        self.row(self.tr("Declaration date"), QLabel(str(detail.values["declared_on"])))
        self.withdrawn_edit = self.date_line(self.tr("&Withdrawal date"), "withdrawn_on",
                                             detail.values.get("withdrawn_on"))
        self.reason_edit: QLineEdit = self.line(self.tr("&Reason"), "withdrawal_reason",
                                                detail.values.get("withdrawal_reason") or "")

    def build(self) -> tuple[Work, frozenset[str]]:
        """The withdrawal; a date before the declaration is refused by the register API."""
        withdrawn_on = self.date_of(self.withdrawn_edit, required=True)
        assert withdrawn_on is not None
        reason = self.text_of(self.reason_edit)
        symbol = self.detail.symbol
        declared_on = date.fromisoformat(str(self.detail.values["declared_on"]))

        def work(store: Store) -> object:
            return withdraw_declaration(store, symbol, declared_on, withdrawn_on, reason)

        return work, TABLES
