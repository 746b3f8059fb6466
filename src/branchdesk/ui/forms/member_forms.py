"""健康保険委員 forms: add, edit and terminate a member (register API: ``upsert_members``,
``terminate_member``). Member names are personal data: nothing here logs them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from branchdesk.domain.enums import TERMINATION_REASON, label
from branchdesk.domain.normalize import normalize_key
from branchdesk.store.connection import Store
from branchdesk.store.queries.committee import MemberDetail
from branchdesk.store.registers import MemberRecord, terminate_member, upsert_members
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.common import employer_fields
from branchdesk.ui.forms.form import FieldProblem, FormDialog, Work

TABLES = frozenset({"committee_members"})


class MemberForm(FormDialog):
    """Add a member (``detail`` None) or edit one (its key, 事業所記号, 氏名 and 委嘱日, fixed)."""

    def __init__(self, context: UiContext, detail: MemberDetail | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Add a committee member") if detail is None
                            else self.tr("Edit a committee member"))
        self.detail = detail
        #: (事業所記号, 氏名, 委嘱日) of the member written, once ``build`` succeeded.
        self.key: tuple[str, str, date] | None = None
        values = {} if detail is None else detail.values
        fixed = detail is not None
        self.symbol_edit, self.employer_label = employer_fields(
            self, (self.tr("&Employer symbol"), self.tr("Employer name")), detail)
        self.name_edit = self.line(self.tr("&Name"), "name", values.get("name") or "",
                                   read_only=fixed)
        self.kana_edit = self.line(self.tr("Name in &kana"), "name_kana",
                                   values.get("name_kana") or "")
        self.title_edit = self.line(self.tr("&Department and title"), "title",
                                    values.get("title") or "")
        self.phone_edit = self.line(self.tr("&Phone"), "phone", values.get("phone") or "")
        self.email_edit = self.line(self.tr("E-&mail"), "email", values.get("email") or "")
        self.appointed_edit = self.date_line(self.tr("&Appointed on"), "appointed_on",
                                             values.get("appointed_on"), read_only=fixed)

    def build(self) -> tuple[Work, frozenset[str]]:
        """The member as a record; refuses adding one already stored (same key)."""
        employer = self.employer_of(self.symbol_edit)
        name = self.text_of(self.name_edit, required=True)
        appointed_on = self.date_of(self.appointed_edit, required=True)
        assert name is not None and appointed_on is not None
        if self.detail is None:
            self._check_new(employer.id, name, appointed_on)
        record: MemberRecord = {
            "symbol": employer.symbol, "name": name, "appointed_on": appointed_on,
            "name_kana": self.text_of(self.kana_edit), "title": self.text_of(self.title_edit),
            "phone": self.text_of(self.phone_edit), "email": self.text_of(self.email_edit)}
        self.key = (employer.symbol, name, appointed_on)
        return (lambda store: upsert_members(store, [record], source="app")), TABLES

    def _check_new(self, employer_id: int, name: str, appointed_on: date) -> None:
        exists = self.context.reader().scalar(
            "SELECT 1 FROM committee_members WHERE employer_id = ? AND name_key = ? "
            "AND appointed_on = ?", (employer_id, normalize_key(name), appointed_on.isoformat()))
        if exists:
            raise FieldProblem(self.tr("This member is already stored with the appointment "
                                       "date {day}; edit that record instead.").format(
                day=appointed_on.isoformat()), self.name_edit)


class TerminateForm(FormDialog):
    """Terminate (解嘱) a member: the date and the reason (退職, 異動, 事業所喪失, 本人申出)."""

    def __init__(self, context: UiContext, detail: MemberDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Terminate a committee member"))
        self.detail = detail
        values = detail.values
        self.row(self.tr("Employer"), QLabel(f"{detail.symbol} {detail.employer_name}"))
        self.row(self.tr("Name"), QLabel(str(values["name"])))
        self.row(self.tr("Appointed on"), QLabel(str(values["appointed_on"])))
        self.terminated_edit = self.date_line(self.tr("&Terminated on"), "terminated_on",
                                              values.get("terminated_on"))
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("termination_reason")
        for code in TERMINATION_REASON:
            self.reason_combo.addItem(label(TERMINATION_REASON, code, context.lang), code)
        reason = values.get("termination_reason")
        if reason in TERMINATION_REASON:
            self.reason_combo.setCurrentIndex(list(TERMINATION_REASON).index(reason))
        self.row(self.tr("&Reason"), self.reason_combo)

    def build(self) -> tuple[Work, frozenset[str]]:
        """The termination; a date before the appointment is refused by the register API."""
        terminated_on = self.date_of(self.terminated_edit, required=True)
        assert terminated_on is not None
        reason = str(self.reason_combo.currentData())
        uid = self.detail.uid

        def work(store: Store) -> object:
            return terminate_member(store, uid, terminated_on, reason)

        return work, TABLES
