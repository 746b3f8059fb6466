"""健康宣言: the declarations list with search (事業所記号, 事業所名, カナ) and filters (宣言中 /
取下げ, 標準 / 従来, the FY of the 宣言日), a detail pane with the audit history, and the forms
that add, edit and withdraw a declaration."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from branchdesk.domain.calendar import fy_end, fy_start
from branchdesk.domain.enums import DECLARATION_KIND, DECLARATION_STATUS, label
from branchdesk.store.connection import Store
from branchdesk.store.queries import declarations as queries
from branchdesk.ui.forms.declaration_forms import DeclarationForm, WithdrawForm
from branchdesk.ui.forms.form import FormDialog
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.models.id_table import Column, plain
from branchdesk.ui.pages.register_page import RegisterPage, add_labelled, combo
from branchdesk.ui.widgets.detail_pane import DetailPane

#: Column headers (English source; Japanese from the .ts file, context DeclarationColumns).
HEADERS = {
    "symbol": QT_TRANSLATE_NOOP("DeclarationColumns", "Employer symbol"),
    "employer_name": QT_TRANSLATE_NOOP("DeclarationColumns", "Employer name"),
    "declared_on": QT_TRANSLATE_NOOP("DeclarationColumns", "Declaration date"),
    "kind": QT_TRANSLATE_NOOP("DeclarationColumns", "Kind"),
    "status": QT_TRANSLATE_NOOP("DeclarationColumns", "Status"),
    "withdrawn_on": QT_TRANSLATE_NOOP("DeclarationColumns", "Withdrawal date"),
    "karte_on": QT_TRANSLATE_NOOP("DeclarationColumns", "Karte given on"),
    "certification": QT_TRANSLATE_NOOP("DeclarationColumns", "Certification"),
}


class DeclarationsPage(RegisterPage):
    """The 健康宣言 register."""

    page_id = "declarations"
    tables = frozenset({"declarations", "employers"})
    query_module = queries

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Health declarations")

    def labels(self) -> dict[str, str]:
        """Field captions (also the history's field names)."""
        return {
            "symbol": self.tr("Employer symbol"), "employer_name": self.tr("Employer name"),
            "employer_id": self.tr("Employer"), "declared_on": self.tr("Declaration date"),
            "kind": self.tr("Kind"), "status": self.tr("Status"),
            "withdrawn_on": self.tr("Withdrawal date"),
            "withdrawal_reason": self.tr("Withdrawal reason"),
            "items": self.tr("Declared items"), "karte_on": self.tr("Karte given on"),
            "karte_again_on": self.tr("Karte given again on"),
            "certification": self.tr("Certification"),
            "contact_person": self.tr("Contact person"), "note": self.tr("Note"),
        }

    def columns(self) -> list[Column]:
        """The list's columns, each sorted in SQL by its query key."""
        lang = self.context.lang
        formats = {"kind": lambda v: label(DECLARATION_KIND, v, lang),
                   "status": lambda v: label(DECLARATION_STATUS, v, lang)}
        return [Column(HEADERS[key], i, format=formats.get(key, plain), sort_key=key)
                for i, key in enumerate(queries.COLUMN_KEYS)]

    def columns_context(self) -> str:
        """The translation context of the headers."""
        return "DeclarationColumns"

    def default_order(self) -> tuple[str, bool]:
        """Newest declarations first."""
        return "declared_on", True

    def search_placeholder(self) -> str:
        """The search box's hint."""
        return self.tr("Search by employer symbol, name or kana (Ctrl+F)")

    def end_label(self) -> str:
        """The withdraw button."""
        return self.tr("&Withdraw…")

    # --- filters ---------------------------------------------------------------------------

    def add_filters(self, bar: QHBoxLayout) -> None:
        """Status, kind and the FY of the 宣言日."""
        lang = self.context.lang
        everything = (self.tr("All"), None)
        self.status_combo = combo("status_filter", [everything, *(
            (label(DECLARATION_STATUS, c, lang), c) for c in DECLARATION_STATUS)])
        self.kind_combo = combo("kind_filter", [everything, *(
            (label(DECLARATION_KIND, c, lang), c) for c in DECLARATION_KIND)])
        self.fy_combo = combo("fy_filter", [(self.tr("All years"), None)])
        for box, caption, name in (
                (self.status_combo, self.tr("&Status"), self.tr("Status")),
                (self.kind_combo, self.tr("&Kind"), self.tr("Kind")),
                (self.fy_combo, self.tr("&Year"), self.tr("Fiscal year of the declaration"))):
            box.setAccessibleName(name)
            box.setToolTip(name)
            box.currentIndexChanged.connect(lambda _: self.refresh())
            add_labelled(bar, caption, box)

    def refresh(self) -> None:
        """Update the FY choices, then the list."""
        self._fill_years()
        super().refresh()

    def _fill_years(self) -> None:
        chosen = self.fy_combo.currentData()
        years = queries.fiscal_years(self.context.reader())
        self.fy_combo.blockSignals(True)
        self.fy_combo.clear()
        self.fy_combo.addItem(self.tr("All years"), None)
        for fy in years:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=fy), fy)
        self.fy_combo.setCurrentIndex(max(0, self.fy_combo.findData(chosen)))
        self.fy_combo.blockSignals(False)

    def current_filter(self) -> queries.DeclarationFilter:
        """The search text and filters as a query filter."""
        fy = self.fy_combo.currentData()
        return queries.DeclarationFilter(
            search=self.search_edit.text(), status=self.status_combo.currentData(),
            kind=self.kind_combo.currentData(),
            declared_from=None if fy is None else fy_start(int(fy)),
            declared_to=None if fy is None else fy_end(int(fy)))

    # --- detail ----------------------------------------------------------------------------

    def make_detail(self) -> QWidget:
        """The detail pane."""
        self.pane = DetailPane(self.tr("Select a declaration to see its details and history."),
                               self.tr("Declaration"), self.tr("Declared items"),
                               self.tr("History of changes"))
        return self.pane

    def show_detail(self, detail: queries.DeclarationDetail | None) -> None:
        """Show one declaration (or nothing)."""
        if detail is None:
            self.pane.clear()
            return
        names, values, lang = self.labels(), detail.values, self.context.lang
        shown = {**values, "kind": label(DECLARATION_KIND, values["kind"], lang),
                 "status": label(DECLARATION_STATUS, values["status"], lang)}
        keys = ("declared_on", "kind", "status", "withdrawn_on", "withdrawal_reason",
                "karte_on", "karte_again_on", "certification", "contact_person", "note")
        rows = [(names[k], "" if shown.get(k) is None else str(shown[k])) for k in keys]
        if values.get("locally_edited"):
            rows.append((self.tr("Edited in the app"), self.tr("Yes (an import overwrites it)")))
        formats = {"kind": lambda v: label(DECLARATION_KIND, v, lang),
                   "status": lambda v: label(DECLARATION_STATUS, v, lang)}
        self.pane.show_record(f"{detail.symbol} {detail.employer_name}", rows, detail.items,
                              detail.history, names, formats)

    # --- forms -----------------------------------------------------------------------------

    def add_form(self) -> FormDialog:
        """Add a declaration."""
        return DeclarationForm(self.context)

    def edit_form(self, detail: Any) -> FormDialog:
        """Edit the selected declaration."""
        return DeclarationForm(self.context, detail)

    def end_form(self, detail: Any) -> FormDialog:
        """Withdraw the selected declaration."""
        return WithdrawForm(self.context, detail)

    def id_of_written(self, store: Store, form: FormDialog) -> int | None:
        """The declaration the form wrote (a new one is found by its key)."""
        if isinstance(form, DeclarationForm) and form.key is not None:
            return queries.id_by_key(store, *form.key)
        return self.selected_id()
