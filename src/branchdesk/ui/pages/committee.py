"""健康保険委員: the members list with search (事業所記号, 事業所名, 氏名, カナ) and filters
(在任中 / 解嘱済, the FY of the 委嘱日), a detail pane with trainings, commendations and the
audit history, and the forms that add, edit and terminate a member. Names are personal data:
never logged."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from branchdesk.domain.calendar import fy_end, fy_start
from branchdesk.domain.enums import TERMINATION_REASON, label
from branchdesk.store.connection import Store
from branchdesk.store.queries import committee as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.form import FormDialog
from branchdesk.ui.forms.member_forms import MemberForm, TerminateForm
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.models.id_table import Column, plain
from branchdesk.ui.pages.register_page import RegisterPage, add_labelled, combo
from branchdesk.ui.widgets.detail_pane import DetailPane

#: Column headers (English source; Japanese from the .ts file, context MemberColumns).
HEADERS = {
    "symbol": QT_TRANSLATE_NOOP("MemberColumns", "Employer symbol"),
    "employer_name": QT_TRANSLATE_NOOP("MemberColumns", "Employer name"),
    "name": QT_TRANSLATE_NOOP("MemberColumns", "Name"),
    "name_kana": QT_TRANSLATE_NOOP("MemberColumns", "Name in kana"),
    "title": QT_TRANSLATE_NOOP("MemberColumns", "Department and title"),
    "appointed_on": QT_TRANSLATE_NOOP("MemberColumns", "Appointed on"),
    "terminated_on": QT_TRANSLATE_NOOP("MemberColumns", "Terminated on"),
    "termination_reason": QT_TRANSLATE_NOOP("MemberColumns", "Reason for termination"),
}


class CommitteePage(RegisterPage):
    """The 健康保険委員 register."""

    page_id = "committee"
    tables = frozenset({"committee_members", "member_events", "employers"})
    query_module = queries
    sort_in_job = True  # by employer symbol or name: a join over 75,000 members (~0.2 s)

    def __init__(self, context: UiContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        self.today = today or date.today()
        super().__init__(context, parent)

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Committee members")

    def labels(self) -> dict[str, str]:
        """Field captions (also the history's field names)."""
        return {
            "symbol": self.tr("Employer symbol"), "employer_name": self.tr("Employer name"),
            "employer_id": self.tr("Employer"), "name": self.tr("Name"),
            "name_kana": self.tr("Name in kana"), "title": self.tr("Department and title"),
            "phone": self.tr("Phone"), "email": self.tr("E-mail"),
            "appointed_on": self.tr("Appointed on"), "terminated_on": self.tr("Terminated on"),
            "termination_reason": self.tr("Reason for termination"),
        }

    def columns(self) -> list[Column]:
        """The list's columns, each sorted in SQL by its query key."""
        lang = self.context.lang
        formats = {"termination_reason": lambda v: label(TERMINATION_REASON, v, lang)}
        return [Column(HEADERS[key], i, format=formats.get(key, plain), sort_key=key)
                for i, key in enumerate(queries.COLUMN_KEYS)]

    def columns_context(self) -> str:
        """The translation context of the headers."""
        return "MemberColumns"

    def default_order(self) -> tuple[str, bool]:
        """Latest appointments first."""
        return "appointed_on", True

    def search_placeholder(self) -> str:
        """The search box's hint."""
        return self.tr("Search by employer symbol, employer name, member name or kana (Ctrl+F)")

    def end_label(self) -> str:
        """The terminate button."""
        return self.tr("&Terminate…")

    # --- filters ---------------------------------------------------------------------------

    def add_filters(self, bar: QHBoxLayout) -> None:
        """In office or terminated (today), and the FY of the 委嘱日."""
        self.state_combo = combo("state_filter", [
            (self.tr("All"), None), (self.tr("In office"), "in_office"),
            (self.tr("Terminated"), "terminated")])
        self.fy_combo = combo("fy_filter", [(self.tr("All years"), None)])
        for box, caption, name in (
                (self.state_combo, self.tr("&Status"), self.tr("In office or terminated")),
                (self.fy_combo, self.tr("&Year"), self.tr("Fiscal year of the appointment"))):
            box.setAccessibleName(name)
            box.setToolTip(name)
            box.currentIndexChanged.connect(lambda _: self.refresh())
            add_labelled(bar, caption, box)

    def refresh(self) -> None:
        """Update the FY choices, then the list."""
        chosen = self.fy_combo.currentData()
        years = queries.fiscal_years(self.context.reader())
        self.fy_combo.blockSignals(True)
        self.fy_combo.clear()
        self.fy_combo.addItem(self.tr("All years"), None)
        for fy in years:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=fy), fy)
        self.fy_combo.setCurrentIndex(max(0, self.fy_combo.findData(chosen)))
        self.fy_combo.blockSignals(False)
        super().refresh()

    def current_filter(self) -> queries.MemberFilter:
        """The search text and filters as a query filter."""
        fy = self.fy_combo.currentData()
        return queries.MemberFilter(
            search=self.search_edit.text(), state=self.state_combo.currentData(), on=self.today,
            appointed_from=None if fy is None else fy_start(int(fy)),
            appointed_to=None if fy is None else fy_end(int(fy)))

    # --- detail ----------------------------------------------------------------------------

    def make_detail(self) -> QWidget:
        """The detail pane."""
        self.pane = DetailPane(self.tr("Select a member to see the details and history."),
                               self.tr("Committee member"),
                               self.tr("Trainings and commendations"),
                               self.tr("History of changes"))
        return self.pane

    def show_detail(self, detail: queries.MemberDetail | None) -> None:
        """Show one member (or nothing)."""
        if detail is None:
            self.pane.clear()
            return
        names, values = self.labels(), detail.values
        reason = label(TERMINATION_REASON, values.get("termination_reason"), self.context.lang)
        keys = ("name", "name_kana", "title", "phone", "email", "appointed_on",
                "terminated_on")
        rows = [(names[k], "" if values.get(k) is None else str(values[k])) for k in keys]
        rows.append((names["termination_reason"], reason))
        if values.get("locally_edited"):
            rows.append((self.tr("Edited in the app"), self.tr("Yes (an import overwrites it)")))
        kinds = {"training": self.tr("Training"), "commendation": self.tr("Commendation")}
        events = [f"{e.on_date} {kinds.get(e.kind, e.kind)}: {e.title}" for e in detail.events]
        lang = self.context.lang
        formats = {"termination_reason": lambda v: label(TERMINATION_REASON, v, lang)}
        self.pane.show_record(f"{detail.symbol} {detail.employer_name}", rows, events,
                              detail.history, names, formats)

    # --- forms -----------------------------------------------------------------------------

    def add_form(self) -> FormDialog:
        """Add a member."""
        return MemberForm(self.context)

    def edit_form(self, detail: Any) -> FormDialog:
        """Edit the selected member."""
        return MemberForm(self.context, detail)

    def end_form(self, detail: Any) -> FormDialog:
        """Terminate the selected member."""
        return TerminateForm(self.context, detail)

    def id_of_written(self, store: Store, form: FormDialog) -> int | None:
        """The member the form wrote (a new one is found by its key)."""
        if isinstance(form, MemberForm) and form.key is not None:
            return queries.id_by_key(store, *form.key)
        return self.selected_id()
