"""報告: write the quarterly report to head office (exchange.md §4) from the app.

The page calls what ``branchdesk export quarterly`` calls (``export_quarterly``), so the
workbook is the command line's, personal data excluded by that function. Before writing, the
KPI sheet at the quarter's last day is read and a KPI with no data or a provisional cohort
(集計中) is named in a warning the user continues past or cancels. The export runs on the
reader thread with a progress dialog (after 600 ms) whose Cancel leaves no file behind (the
writer writes to a temporary name and renames it into place).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.calendar import fy_of, quarter_end, quarter_of, quarter_start
from branchdesk.domain.errors import BranchdeskError, Cancelled
from branchdesk.domain.identifiers import BRANCHES, insurer_number
from branchdesk.domain.jobs import TaskState
from branchdesk.domain.kpi.catalogue import KpiDef
from branchdesk.domain.messages import message
from branchdesk.exchange.quarterly import export_quarterly
from branchdesk.exchange.quarterly.build import file_name
from branchdesk.exchange.quarterly.model import Cover, Report
from branchdesk.store.connection import Store
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries.dashboard import fiscal_years
from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.base import Page
from branchdesk.ui.write import read

#: settings.ini key of the folder the last report was written to.
FOLDER_KEY = "report/folder"


@dataclass(frozen=True)
class Choices:
    """What the selectors offer: FYs newest first, the default FY and quarter, the branch."""

    years: list[int]
    fy: int
    quarter: int
    branch_code: str


@dataclass(frozen=True)
class ReportCheck:
    """The KPIs of the quarter's sheet with no data and those still provisional (集計中)."""

    no_data: list[KpiDef] = field(default_factory=list)
    provisional: list[KpiDef] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when every KPI has a final figure."""
        return not (self.no_data or self.provisional)


def default_period(today: date, latest_fy: int) -> tuple[int, int]:
    """The latest quarter completed before ``today``; Q4 of ``latest_fy`` (the latest FY with
    data) when that quarter lies in a later FY, which holds no data yet."""
    fy, quarter = fy_of(today), quarter_of(today) - 1
    if quarter == 0:
        fy, quarter = fy - 1, 4
    return (latest_fy, 4) if fy > latest_fy else (fy, quarter)


def period_choices(store: Store, today: date) -> Choices:
    """The FYs with data (as the dashboard lists them) and the default period."""
    years, latest = fiscal_years(store, today)
    fy, quarter = default_period(today, latest)
    if fy not in years:
        years = sorted({*years, fy}, reverse=True)
    return Choices(years, fy, quarter, store.branch_code)


def check_quarter(store: Store, fy: int, quarter: int) -> ReportCheck:
    """The KPIs of FY ``fy`` measured at the quarter's last day that have no data or are
    provisional (the report's KPI sheet is this sheet)."""
    rows = kpi_sheet(store, fy, quarter_end(fy, quarter))
    return ReportCheck([r.kpi for r in rows if r.status == "no_data"],
                       [r.kpi for r in rows if r.status == "provisional"])


def default_file_name(branch_code: str, fy: int, quarter: int) -> str:
    """The form's file name (四半期報告_31鳥取_2024Q4.xlsx), as ``export quarterly`` names it."""
    day = quarter_end(fy, quarter)
    cover = Cover(branch_code, BRANCHES[branch_code], insurer_number(branch_code), fy, quarter,
                  quarter_start(fy, quarter), day, day, "", "")
    return file_name(cover)


def write_quarterly(store: Store, state: TaskState, fy: int, quarter: int,
                    target: Path) -> tuple[Path, Report]:
    """Run ``export_quarterly`` (the command line's function) into ``target``."""
    state.set_progress(0.0, "report_building")
    state.check()
    return export_quarterly(store, fy, quarter, target)


def default_folder() -> Path:
    """The user's documents folder (the home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class ReportPage(Page):
    """FY and quarter, output folder and file name, Export, and the file written."""

    page_id = "report"
    tables = frozenset({"employer_registers", "generic_stats", "kpi_sheet_rows",
                        "declarations", "committee_members"})
    #: Emitted once the selectors are filled.
    loaded = Signal()
    #: Emitted with the path of the workbook written.
    exported = Signal(object)
    #: Emitted when an export ends without a file (cancelled, refused, or failed).
    stopped = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None, *,
                 today: date | None = None, settings: QSettings | None = None) -> None:
        super().__init__(context, parent)
        self.today = today or date.today()
        self._settings = settings
        self.branch_code = ""
        self.written: Path | None = None
        self.folder_to_open: Path | None = None
        self.question: QMessageBox | None = None
        self._name_edited = False
        self._build()

    def title(self) -> str:
        """The sidebar label."""
        return self.tr("Quarterly report")

    @property
    def settings(self) -> QSettings:
        """settings.ini (made on first use)."""
        if self._settings is None:
            from branchdesk.ui.main_window import app_settings

            self._settings = app_settings()
        return self._settings

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Writes the quarterly report to head office (form BD-QR v1) from the store, "
            "measured at the quarter's last day. It holds no member names and no person keys."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        outer.addLayout(self._form())
        outer.addLayout(self._actions())
        self.message_label = QLabel()
        self.message_label.setObjectName("report_message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message_label)
        outer.addStretch(1)

    def _form(self) -> QFormLayout:
        form = QFormLayout()  # a label with & gets its field as buddy
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fy_combo = _combo("report_fy")
        self.quarter_combo = _combo("report_quarter")
        for quarter, text in enumerate(self._quarter_texts(), start=1):
            self.quarter_combo.addItem(text, quarter)
        self.fy_combo.currentIndexChanged.connect(lambda _: self._period_changed())
        self.quarter_combo.currentIndexChanged.connect(lambda _: self._period_changed())
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("report_name")
        self.name_edit.textEdited.connect(lambda _: setattr(self, "_name_edited", True))
        self.name_edit.returnPressed.connect(self.export)
        form.addRow(self.tr("Fiscal &year"), self.fy_combo)
        form.addRow(self.tr("&Quarter"), self.quarter_combo)
        form.addRow(self.tr("Output fol&der"), self._folder_row())
        form.addRow(self.tr("File &name"), self.name_edit)
        return form

    def _quarter_texts(self) -> list[str]:
        return [self.tr("Q1 (April–June)"), self.tr("Q2 (July–September)"),
                self.tr("Q3 (October–December)"), self.tr("Q4 (January–March)")]

    def _folder_row(self) -> QWidget:
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder_edit = QLineEdit(str(self._remembered_folder()))
        self.folder_edit.setObjectName("report_folder")
        self.folder_edit.returnPressed.connect(self.export)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        folder_row.setFocusProxy(self.folder_edit)
        return folder_row

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("&Write report"))
        self.export_button.setObjectName("report_export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.open_folder_button = QPushButton(self.tr("&Open folder"))
        self.open_folder_button.setObjectName("report_open_folder")
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        row.addWidget(self.export_button)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        return row

    def _remembered_folder(self) -> Path:
        value = self.settings.value(FOLDER_KEY)
        folder = Path(str(value)) if value else None
        return folder if folder is not None and folder.is_dir() else default_folder()

    # --- choosing the period ---------------------------------------------------------------

    @property
    def fy(self) -> int | None:
        """The FY selected (None before the first refresh)."""
        value = self.fy_combo.currentData()
        return None if value is None else int(value)

    @property
    def quarter(self) -> int:
        """The quarter selected (1–4)."""
        return int(self.quarter_combo.currentData())

    def refresh(self) -> None:
        """Re-read the FYs with data and the branch (off the GUI thread)."""
        today = self.today
        read(self.context, lambda store: period_choices(store, today), self._choices_loaded,
             self._refresh_failed)

    def _refresh_failed(self, error: BaseException) -> None:
        self._failed(error)
        self.loaded.emit()

    def _choices_loaded(self, choices: Choices) -> None:
        self.branch_code = choices.branch_code
        first = self.fy is None
        fy, quarter = (choices.fy, choices.quarter) if first else (self.fy or 0, self.quarter)
        self.fy_combo.blockSignals(True)
        self.fy_combo.clear()
        for year in choices.years:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=year), year)
        self.fy_combo.blockSignals(False)
        self.set_period(fy, quarter)
        self.loaded.emit()

    def set_period(self, fy: int, quarter: int) -> None:
        """Select FY ``fy`` (added to the list when missing) and ``quarter``."""
        index = self.fy_combo.findData(fy)
        if index < 0:
            self.fy_combo.addItem(self.tr("FY{fy}").format(fy=fy), fy)
            index = self.fy_combo.count() - 1
        self.fy_combo.setCurrentIndex(index)
        self.quarter_combo.setCurrentIndex(quarter - 1)
        self._period_changed()

    def _period_changed(self) -> None:
        if self.fy is None or not self.branch_code or self._name_edited:
            return
        self.name_edit.setText(default_file_name(self.branch_code, self.fy, self.quarter))

    def browse(self) -> None:
        """Choose the output folder in the system's folder dialog."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output folder"),
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def target(self) -> Path | None:
        """The file to write, or None (with the reason shown) when folder or name is wrong."""
        folder = Path(self.folder_edit.text().strip())
        name = self.name_edit.text().strip()
        if not folder.is_dir():
            self._show(message("report_folder_missing", self.context.lang, path=str(folder)))
            return None
        if not name.lower().endswith(".xlsx") or Path(name).name != name:
            self._show(message("report_name_suffix", self.context.lang, name=name))
            return None
        return folder / name

    # --- exporting -------------------------------------------------------------------------

    def export(self) -> None:
        """Check the period's KPIs, warn when some have no data or are provisional, then
        write the workbook (asking first before replacing a file)."""
        target = self.target()
        if target is None or self.fy is None:
            return
        self.message_label.clear()
        if target.exists():
            self._ask(message("report_replace", self.context.lang, path=str(target)),
                      self.tr("&Replace"), lambda: self._check(target))
        else:
            self._check(target)

    def _check(self, target: Path) -> None:
        fy, quarter = self.fy or 0, self.quarter
        self.export_button.setEnabled(False)
        read(self.context, lambda store: check_quarter(store, fy, quarter),
             lambda found: self._checked(target, fy, quarter, found), self._export_failed)

    def _checked(self, target: Path, fy: int, quarter: int, found: ReportCheck) -> None:
        if found.clean:
            self._export(target, fy, quarter)
            return
        self._ask(self._warning_text(fy, quarter, found), self.tr("&Write anyway"),
                  lambda: self._export(target, fy, quarter), warning=True)

    def _warning_text(self, fy: int, quarter: int, found: ReportCheck) -> str:
        lang = self.context.lang
        separator = ", " if lang == "en" else "、"
        lines = []
        for code, kpis in (("report_check_no_data", found.no_data),
                           ("report_check_provisional", found.provisional)):
            if kpis:
                names = separator.join(k.name(lang) for k in kpis)
                lines.append(message(code, lang, count=len(kpis), kpis=names))
        lines.append(message("report_check_question", lang, fy=fy, quarter=quarter))
        return "\n\n".join(lines)

    def _ask(self, text: str, accept_text: str, on_accept: Callable[[], None], *,
             warning: bool = False) -> QMessageBox:
        """A window-modal question that does not block: ``on_accept`` runs on the accept
        button; Cancel (the default) does nothing more."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
        box = QMessageBox(icon, self.tr("Quarterly report"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("report_question")
        accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        accept.clicked.connect(on_accept)
        box.rejected.connect(self._question_cancelled)
        box.finished.connect(lambda _: setattr(self, "question", None))
        self.question = box
        box.open()
        return box

    def _question_cancelled(self) -> None:
        self.export_button.setEnabled(True)
        self.stopped.emit()

    def _export(self, target: Path, fy: int, quarter: int) -> None:
        self.export_button.setEnabled(False)
        self.settings.setValue(FOLDER_KEY, str(target.parent))

        def work(store: Store, state: TaskState) -> tuple[Path, Report]:
            return write_quarterly(store, state, fy, quarter, target)

        jobs = self.context.jobs
        if jobs is None:
            read(self.context, lambda store: work(store, TaskState()), self._written,
                 self._export_failed)
            return
        job = jobs.run_read(work, title=self.tr("Writing the quarterly report…"),
                            show_errors=False)
        job.finished.connect(self._written)
        job.failed.connect(self._export_failed)

    def _written(self, result: tuple[Path, Report]) -> None:
        path, report = result
        self.written = path
        self.folder_to_open = path.parent
        self.open_folder_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self._show(message("report_written", self.context.lang, path=str(path),
                           data_date=report.cover.data_date.isoformat()))
        self.exported.emit(path)

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self._show(message("report_cancelled", self.context.lang))
        else:
            self._failed(error)
        self.stopped.emit()

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, BranchdeskError):
            self._show(error.render(self.context.lang))
        elif self.context.jobs is not None:
            self.context.jobs.report(error)
        else:
            raise error

    def _show(self, text: str) -> None:
        self.message_label.setText(text)

    def open_folder(self) -> None:
        """Open the folder of the workbook written in the system's file manager."""
        if self.folder_to_open is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder_to_open)))
