"""Helpers of the report and settings page tests.

The settings tests write (targets, settings, backups, restore), so each gets its own copy of
the small demo store in its ``tmp_path``; settings.ini is a file in ``tmp_path`` too.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from branchdesk.store.connection import open_store
from branchdesk.store.kpi_sheet import KpiRow, kpi_sheet

#: "Today" of the tests: the demo store holds FY2022–FY2025.
TODAY = date(2026, 11, 27)
#: The day FY2025's figures are shown at on that day (its last day).
FY2025_END = date(2026, 3, 31)


def copy_store(master: Path, folder: Path) -> Path:
    """A private copy of the demo store in ``folder`` (its backups go beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    shutil.copyfile(master, path)
    return path


def ini_file(folder: Path) -> QSettings:
    """A settings.ini of the test's own."""
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def sheet(path: Path, fy: int, as_of: date) -> dict[str, KpiRow]:
    """The KPI sheet read afresh from the store file, by KPI id."""
    with open_store(path) as store:
        return {row.kpi.id: row for row in kpi_sheet(store, fy, as_of)}


def click(qtbot: Any, button: QAbstractButton) -> None:
    """Click ``button`` with the mouse."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def accept_button(box: QMessageBox) -> QAbstractButton:
    """The button of ``box`` that goes on (its AcceptRole button)."""
    found = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    assert len(found) == 1
    return found[0]


def cancel_button(box: QMessageBox) -> QAbstractButton:
    """The Cancel button of ``box``."""
    button = box.button(QMessageBox.StandardButton.Cancel)
    assert button is not None
    return button
