"""The detail pane of the 事業所 page: one employer's fields, 被保険者数 per register,
健康宣言, 健康保険委員, contacts and audit history, each on its own tab.

Names of committee members are shown here (the employer's own record inside the app); nothing
of them is logged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain import enums
from branchdesk.store.queries.employers import EmployerDetail
from branchdesk.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "EmployerDetail"

#: The fields of the 基本情報 tab, and the names the audit history uses for them.
FIELD_LABELS: dict[str, str] = {
    "symbol": QT_TRANSLATE_NOOP("EmployerDetail", "Employer symbol"),
    "name": QT_TRANSLATE_NOOP("EmployerDetail", "Name"),
    "name_kana": QT_TRANSLATE_NOOP("EmployerDetail", "Kana"),
    "seiri_kigo": QT_TRANSLATE_NOOP("EmployerDetail", "Reference symbol"),
    "office_number": QT_TRANSLATE_NOOP("EmployerDetail", "Office number"),
    "postal_code": QT_TRANSLATE_NOOP("EmployerDetail", "Postal code"),
    "address": QT_TRANSLATE_NOOP("EmployerDetail", "Address"),
    "municipality_code": QT_TRANSLATE_NOOP("EmployerDetail", "Municipality"),
    "industry": QT_TRANSLATE_NOOP("EmployerDetail", "Industry"),
    "applied_on": QT_TRANSLATE_NOOP("EmployerDetail", "Applied on"),
    "lost_on": QT_TRANSLATE_NOOP("EmployerDetail", "Lost on"),
    "locally_edited": QT_TRANSLATE_NOOP("EmployerDetail", "Edited in the app"),
}
_HEADERS: dict[str, list[str]] = {
    "headcounts": [QT_TRANSLATE_NOOP("EmployerDetail", "Register date"),
                   QT_TRANSLATE_NOOP("EmployerDetail", "Insured"),
                   QT_TRANSLATE_NOOP("EmployerDetail", "Dependents")],
    "declarations": [QT_TRANSLATE_NOOP("EmployerDetail", "Declared on"),
                     QT_TRANSLATE_NOOP("EmployerDetail", "Kind"),
                     QT_TRANSLATE_NOOP("EmployerDetail", "Status"),
                     QT_TRANSLATE_NOOP("EmployerDetail", "Withdrawn on"),
                     QT_TRANSLATE_NOOP("EmployerDetail", "Reason"),
                     QT_TRANSLATE_NOOP("EmployerDetail", "Certification"),
                     QT_TRANSLATE_NOOP("EmployerDetail", "Contact person")],
    "members": [QT_TRANSLATE_NOOP("EmployerDetail", "Member name"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Kana"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Department / title"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Phone"),
                QT_TRANSLATE_NOOP("EmployerDetail", "E-mail"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Appointed on"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Terminated on"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Reason")],
    "contacts": [QT_TRANSLATE_NOOP("EmployerDetail", "Date"),
                 QT_TRANSLATE_NOOP("EmployerDetail", "Kind"),
                 QT_TRANSLATE_NOOP("EmployerDetail", "Staff"),
                 QT_TRANSLATE_NOOP("EmployerDetail", "Subject"),
                 QT_TRANSLATE_NOOP("EmployerDetail", "Outcome"),
                 QT_TRANSLATE_NOOP("EmployerDetail", "Next action")],
    "history": [QT_TRANSLATE_NOOP("EmployerDetail", "When"),
                QT_TRANSLATE_NOOP("EmployerDetail", "User"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Action"),
                QT_TRANSLATE_NOOP("EmployerDetail", "Changes")],
}
_TABS = (("fields", QT_TRANSLATE_NOOP("EmployerDetail", "Details")),
         ("headcounts", QT_TRANSLATE_NOOP("EmployerDetail", "Insured by register")),
         ("declarations", QT_TRANSLATE_NOOP("EmployerDetail", "Health declarations")),
         ("members", QT_TRANSLATE_NOOP("EmployerDetail", "Committee members")),
         ("contacts", QT_TRANSLATE_NOOP("EmployerDetail", "Contacts")),
         ("history", QT_TRANSLATE_NOOP("EmployerDetail", "Change history")))
_ACTIONS = {"insert": QT_TRANSLATE_NOOP("EmployerDetail", "Added"),
            "update": QT_TRANSLATE_NOOP("EmployerDetail", "Changed"),
            "delete": QT_TRANSLATE_NOOP("EmployerDetail", "Deleted")}


def tr(text: str) -> str:
    """``text`` in the UI language (context ``EmployerDetail``)."""
    return QCoreApplication.translate(CONTEXT, text)


def local_time(stamp: str) -> str:
    """An audit time stamp (UTC, ISO) in local time, to the second."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _thousands(value: Any) -> str:
    return "" if value is None else f"{int(value):,}"


class EmployerDetailPane(QWidget):
    """One employer in tabs; ``show_detail(None)`` shows the hint to pick a row."""

    def __init__(self, lang: str = "ja", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.municipality_names: Mapping[str, str] = {}
        self.heading = QLabel()
        self.heading.setObjectName("employerHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.values: dict[str, QLabel] = {}
        self.tables: dict[str, QTableWidget] = {}
        self.tabs.addTab(self._fields_tab(), tr(_TABS[0][1]))
        for key, title in _TABS[1:]:
            self.tables[key] = self._table(_HEADERS[key])
            self.tabs.addTab(self.tables[key], tr(title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.show_detail(None)

    def _fields_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        for key, label in FIELD_LABELS.items():
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(tr(label), value)
        return page

    @staticmethod
    def _table(headers: Sequence[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([tr(h) for h in headers])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def show_detail(self, detail: EmployerDetail | None) -> None:
        """Show ``detail`` (None: nothing selected)."""
        if detail is None:
            self.heading.setText(QCoreApplication.translate(
                "EmployerDetail", "Select an employer to see its details."))
            for label in self.values.values():
                label.clear()
            for table in self.tables.values():
                table.setRowCount(0)
            return
        fields = detail.fields
        self.heading.setText(f"<b>{_escape(fields['name'])}</b>　{_escape(fields['symbol'])}")
        self._fill_fields(fields)
        self._fill("headcounts", [(h.as_of, _thousands(h.insured), _thousands(h.dependents))
                                  for h in reversed(detail.headcounts)], right=(1, 2))
        self._fill("declarations", [self._declaration(d) for d in detail.declarations])
        self._fill("members", [self._member(m) for m in detail.members])
        self._fill("contacts", [self._contact(c) for c in detail.contacts])
        self._fill("history", [self._history(h) for h in reversed(detail.history)])

    def _fill_fields(self, fields: Mapping[str, Any]) -> None:
        shown = dict(fields)
        code = fields.get("municipality_code")
        if code and self.municipality_names.get(code):
            shown["municipality_code"] = f"{self.municipality_names[code]}（{code}）"
        shown["locally_edited"] = (QCoreApplication.translate("EmployerDetail", "Yes")
                                   if fields.get("locally_edited")
                                   else QCoreApplication.translate("EmployerDetail", "No"))
        shown["lost_on"] = (fields.get("lost_on")
                            or QCoreApplication.translate("EmployerDetail", "Active"))
        for key, label in self.values.items():
            label.setText(_text(shown.get(key)))

    def _fill(self, key: str, rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> None:
        table = self.tables[key]
        table.setUpdatesEnabled(False)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c in right:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        table.setUpdatesEnabled(True)

    def _label(self, table: dict[str, tuple[str, str]]) -> Callable[[Any], str]:
        return lambda code: enums.label(table, code, self.lang)

    def _declaration(self, d: Mapping[str, Any]) -> list[str]:
        return [_text(d["declared_on"]), self._label(enums.DECLARATION_KIND)(d["kind"]),
                self._label(enums.DECLARATION_STATUS)(d["status"]), _text(d["withdrawn_on"]),
                _text(d["withdrawal_reason"]), _text(d["certification"]),
                _text(d["contact_person"])]

    def _member(self, m: Mapping[str, Any]) -> list[str]:
        return [_text(m["name"]), _text(m["name_kana"]), _text(m["title"]), _text(m["phone"]),
                _text(m["email"]), _text(m["appointed_on"]), _text(m["terminated_on"]),
                self._label(enums.TERMINATION_REASON)(m["termination_reason"])]

    def _contact(self, c: Mapping[str, Any]) -> list[str]:
        return [_text(c["contact_on"]), self._label(enums.CONTACT_KIND)(c["kind"]),
                _text(c["staff"]), _text(c["title"]), _text(c["outcome"]),
                _text(c["next_action"])]

    def _history(self, h: Mapping[str, Any]) -> list[str]:
        action = h["action"]
        return [local_time(h["at"]), _text(h["user"]), tr(_ACTIONS.get(action, action)),
                describe_changes(action, h["changes"])]


def describe_changes(action: str, changes: Any) -> str:
    """One line for an audit entry: "名称: 旧 → 新" per changed field; for an insert the
    number of records the operation added."""
    if not isinstance(changes, dict):
        return ""
    if action == "insert":
        count = int(changes.get("count", 1))
        return QCoreApplication.translate(
            "EmployerDetail", "{0} record(s) added in one operation").format(f"{count:,}")
    parts = []
    for key, value in changes.items():
        label = tr(FIELD_LABELS[key]) if key in FIELD_LABELS else key
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{label}: {_text(value[0])} → {_text(value[1])}")
        else:
            parts.append(f"{label}: {_text(value)}")
    return "、".join(parts)


def _escape(value: Any) -> str:
    return (_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
