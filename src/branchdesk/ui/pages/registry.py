"""The pages of the sidebar, in order: an id, where the class lives, and the sidebar label.

Pages are found by import path so that each lives in its own module and is imported only when
first shown. A page whose module does not exist (yet) is replaced by a placeholder, with a log
line; any other import error is a bug and propagates.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from branchdesk.ui.i18n import QT_TRANSLATE_NOOP
from branchdesk.ui.pages.base import Page

log = logging.getLogger("branchdesk.ui.pages")


@dataclass(frozen=True)
class PageEntry:
    """One registered page: ``page_id``, ``"module:Class"``, English source of its label."""

    page_id: str
    target: str
    label: str

    def title(self) -> str:
        """The sidebar label in the UI language (before the page itself is made)."""
        return QCoreApplication.translate("registry", self.label)


PAGES: list[PageEntry] = [
    PageEntry("dashboard", "branchdesk.ui.pages.dashboard:DashboardPage",
              QT_TRANSLATE_NOOP("registry", "Dashboard")),
    PageEntry("employers", "branchdesk.ui.pages.employers:EmployersPage",
              QT_TRANSLATE_NOOP("registry", "Employers")),
    PageEntry("declarations", "branchdesk.ui.pages.declarations:DeclarationsPage",
              QT_TRANSLATE_NOOP("registry", "Health declarations")),
    PageEntry("committee", "branchdesk.ui.pages.committee:CommitteePage",
              QT_TRANSLATE_NOOP("registry", "Committee members")),
    PageEntry("drugs", "branchdesk.ui.pages.drugs:DrugsPage",
              QT_TRANSLATE_NOOP("registry", "Generics and biosimilars")),
    PageEntry("referrals", "branchdesk.ui.pages.referrals:ReferralsPage",
              QT_TRANSLATE_NOOP("registry", "Checkup referrals")),
    PageEntry("planner", "branchdesk.ui.pages.planner:PlannerPage",
              QT_TRANSLATE_NOOP("registry", "Outreach plan")),
    PageEntry("import", "branchdesk.ui.pages.import_page:ImportPage",
              QT_TRANSLATE_NOOP("registry", "Import")),
    PageEntry("report", "branchdesk.ui.pages.report_page:ReportPage",
              QT_TRANSLATE_NOOP("registry", "Quarterly report")),
    PageEntry("settings", "branchdesk.ui.pages.settings_page:SettingsPage",
              QT_TRANSLATE_NOOP("registry", "Settings")),
]


def entry(page_id: str) -> PageEntry:
    """The registered page ``page_id`` (KeyError when there is none)."""
    for e in PAGES:
        if e.page_id == page_id:
            return e
    raise KeyError(page_id)


def load_page_class(target: str) -> type[Page] | None:
    """The class at ``"package.module:Class"``; None when the module does not exist."""
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != module_name:
            raise  # the module exists but imports something missing: a real bug
        log.info("page module %s not found: showing a placeholder", module_name)
        return None
    cls = getattr(module, class_name)
    if not (isinstance(cls, type) and issubclass(cls, Page)):
        raise TypeError(f"{target} is not a Page")
    return cls
