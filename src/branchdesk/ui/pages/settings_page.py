"""設定: the branch, KPI targets per FY, the settings that change a figure, the display language,
the store's location, and backups (list, back up now, restore).

Each section lives in its own ``settings_*`` module; this page lays them out in one scrolling
column and refreshes them together. Settings that change a figure are kept in the store (every
PC agrees); preferences of this PC (the language) in ``settings.ini``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.settings_app import BranchSection, LanguageSection, StoreSection
from branchdesk.ui.pages.settings_backups import BackupsSection
from branchdesk.ui.pages.settings_figures import FiguresSection
from branchdesk.ui.pages.settings_targets import TargetsSection

#: Tables whose changes alter what the page shows: the settings, the KPI sheet's rows and
#: figures (the targets table shows values and statuses), and the store's branch.
SETTINGS_TABLES = frozenset({
    "settings", "kpi_sheet_rows", "store_info", "employers", "employer_registers",
    "employer_headcounts", "declarations", "committee_members", "generic_stats",
    "biosimilar_stats", "referral_cases",
})

#: Section attribute → the tables it shows (None: not from the store, always reloaded).
SECTION_TABLES: dict[str, frozenset[str] | None] = {
    "branch": frozenset({"store_info"}), "targets": SETTINGS_TABLES,
    "figures": frozenset({"settings"}), "backups": None,
}


class SettingsPage(Page):
    """Every setting of the branch and of this PC, in sections (see the module docstring)."""

    page_id = "settings"
    tables = SETTINGS_TABLES
    #: Emitted once every section has loaded after a refresh.
    loaded = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None, *,
                 today: date | None = None, settings: QSettings | None = None) -> None:
        super().__init__(context, parent)
        if settings is None:
            from branchdesk.ui.main_window import app_settings

            settings = app_settings()
        self.branch = BranchSection(context)
        self.store_section = StoreSection(context, settings)
        self.language = LanguageSection(context, settings)
        self.targets = TargetsSection(context, today or date.today())
        self.figures = FiguresSection(context)
        self.backups = BackupsSection(context)
        self._waiting = 0
        for section in (self.branch, self.targets, self.figures, self.backups):
            section.loaded.connect(self._section_loaded)
        self._build()

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Settings")

    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        top = QHBoxLayout()
        top_sections: tuple[QGroupBox, ...] = (self.branch, self.store_section, self.language)
        for section in top_sections:
            top.addWidget(section, 1)
        column.addLayout(top)
        sections: tuple[QGroupBox, ...] = (self.targets, self.figures, self.backups)
        for group in sections:
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self) -> None:
        """Reload every section from the store and the backups folder."""
        self._reload(SECTION_TABLES)

    def on_store_changed(self, tables: frozenset[str]) -> None:
        """Reload only the sections that show one of ``tables`` (unsaved edits elsewhere
        stay as they are)."""
        self._reload({name: shown for name, shown in SECTION_TABLES.items()
                      if shown is None or tables & shown})

    def _reload(self, sections: dict[str, frozenset[str] | None]) -> None:
        self._waiting = len(sections)
        for name in sections:
            getattr(self, name).reload()

    def _section_loaded(self) -> None:
        if self._waiting > 0:
            self._waiting -= 1
            if self._waiting == 0:
                self.loaded.emit()
