"""受診勧奨: the 二次勧奨 worklist (open cases most severe first, an inline panel that records an
action in a few keystrokes) and the visit rate per cohort and checkup month (集計中 marked).

The worklist is read when the page opens; the cohort table when its tab is first shown (and
again after a write that changes cases or settings). Person keys and values are personal data:
nothing here logs them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.referrals_cohort import ReferralCohorts
from branchdesk.ui.pages.referrals_worklist import ReferralWorklist

#: Writes to these tables change the cohort figures (actions do not).
COHORT_TABLES = frozenset({"referral_cases", "settings"})


class ReferralsPage(Page):
    """Two tabs: the 二次勧奨 worklist and 受診率（コホート）."""

    page_id = "referrals"
    tables = frozenset({"referral_cases", "referral_actions", "employers", "settings"})
    #: Emitted once the worklist was (re)read and shown.
    loaded = Signal()
    #: Emitted once the cohort table was (re)read and shown.
    cohorts_loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(context, parent)
        self.today = today or date.today()
        self.worklist = ReferralWorklist(context, self.today)
        self.cohorts = ReferralCohorts(context, self.today)
        self.worklist.loaded.connect(self.loaded)
        self.cohorts.loaded.connect(self.cohorts_loaded)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("referrals_tabs")
        self.tabs.addTab(self.worklist, self.tr("Secondary referral &worklist"))
        self.tabs.addTab(self.cohorts, self.tr("&Visit rate by cohort"))
        self.tabs.currentChanged.connect(lambda _: self._cohorts_if_shown())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Checkup referrals")

    def refresh(self) -> None:
        """Re-read the worklist, and the cohort table if its tab is shown."""
        self.worklist.refresh()
        self.cohorts.stale = True
        self._cohorts_if_shown()

    def on_store_changed(self, tables: frozenset[str]) -> None:
        """Re-read the worklist after a write it shows; the cohorts only when cases or
        settings changed (an action does not move a rate)."""
        if tables & self.tables:
            self.worklist.refresh()
        if tables & COHORT_TABLES:
            self.cohorts.stale = True
            self._cohorts_if_shown()

    def show_cohorts(self) -> None:
        """Switch to the cohort tab (read when stale)."""
        self.tabs.setCurrentWidget(self.cohorts)
        self._cohorts_if_shown()

    def _cohorts_if_shown(self) -> None:
        if self.tabs.currentWidget() is self.cohorts and self.cohorts.stale:
            self.cohorts.refresh()

    def timed_operations(self) -> dict[str, Callable[[], object]]:
        """What ``bench/bench_ui.py`` times on this page."""
        return {"worklist": self.worklist.refresh,
                "no action for 60 days": lambda: self.worklist.days_spin.setValue(
                    60 if self.worklist.days_spin.value() != 60 else 30),
                "cohort table": self.cohorts.refresh}
