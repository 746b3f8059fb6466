"""Helpers of the import wizard's tests: an empty branch store, employer registers written the way
head office sends them (a 基準日 title row above the header), and the page driven as a user would.

Synthetic data only.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from fixtures_pages import WAIT_MS, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from branchdesk.exchange.importer import ImportResult
from branchdesk.store.connection import create_store
from branchdesk.ui.context import UiContext
from branchdesk.ui.jobs import Job
from branchdesk.ui.pages.import_page import ImportPage
from branchdesk.ui.pages.import_state import FileEntry

HEADER = ["事業所記号", "事業所名称", "被保険者数", "適用年月日"]
TITLE = "基準日：令和7年3月31日"
_LEFT = Qt.MouseButton.LeftButton


def empty_store(folder: Path) -> Path:
    """A new store of branch 31 (鳥取) with no data."""
    path = folder / "branch.db"
    create_store(path, "31").close()
    return path


def employer_rows(count: int, *, start: int = 1, header: Sequence[str] = HEADER,
                  applied: str = "2010/4/1") -> list[list[Any]]:
    """The header and ``count`` employers (symbols 31000001 …)."""
    rows: list[list[Any]] = [list(header)]
    for i in range(start, start + count):
        rows.append([f"31{i:06d}", f"株式会社テスト{i}", 10 + i % 7, applied])
    return rows


def write_register(path: Path, rows: Sequence[Sequence[Any]], *, title: str = TITLE) -> Path:
    """An .xlsx (openpyxl) or .csv (CP932) register: the title row, a blank row, then ``rows``
    (so the header is row 3 and data start at row 4)."""
    lines: list[Sequence[Any]] = [[title], [], *rows]
    if path.suffix == ".csv":
        with path.open("w", encoding="cp932", newline="") as f:
            csv.writer(f).writerows(lines)
        return path
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "事業所台帳"
    for line in lines:
        sheet.append(list(line))
    book.save(path)
    return path


def open_import_page(qtbot: Any, context: UiContext) -> ImportPage:
    """The page inside a plain host widget, shown; the runner's ``changed`` connected."""
    host = QWidget()
    qtbot.addWidget(host)
    page = ImportPage(context, host)
    page.test_host = host  # type: ignore[attr-defined] - keeps the parent (and page) alive
    host.resize(1200, 800)
    host.show()
    if context.jobs is not None:
        context.jobs.changed.connect(page.on_store_changed)
    page.refresh()
    return page


def choose(qtbot: Any, page: ImportPage, path: Path) -> FileEntry:
    """Add ``path`` as if chosen in the file dialog; wait for its preview."""
    with qtbot.waitSignal(page.previewed, timeout=WAIT_MS) as blocker:
        page.add_files([path])
    entry: FileEntry = blocker.args[0]
    return entry


def pick(qtbot: Any, page: ImportPage, box: QComboBox, data: object, *,
         reloads: bool) -> None:
    """Choose the item holding ``data`` in ``box`` as a user would (``activated``)."""
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)
    if reloads:
        with qtbot.waitSignal(page.previewed, timeout=WAIT_MS):
            box.activated.emit(index)
    else:
        box.activated.emit(index)


def run_check(qtbot: Any, page: ImportPage) -> ImportResult:
    """Click 検証 and wait for its result."""
    with qtbot.waitSignal(page.checked, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(page.check_button, _LEFT)
    settle(page.context)
    result: ImportResult = blocker.args[0]
    return result


def run_import(qtbot: Any, page: ImportPage) -> ImportResult:
    """Click 取込 and wait for its result (and the mapping it remembers)."""
    with qtbot.waitSignal(page.imported, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(page.import_button, _LEFT)
    settle(page.context)
    result: ImportResult = blocker.args[0]
    return result


def start_import(page: ImportPage) -> Job:
    """Start the import job and return it (for a test that cancels it)."""
    job = page.start_import()
    assert job is not None, page.status.text()
    return job


def scalar(path: Path, sql: str) -> Any:
    """One value read with a plain connection."""
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def employer_names(path: Path) -> list[tuple[str, str]]:
    """(symbol, name) of every employer, by symbol."""
    with sqlite3.connect(path) as conn:
        return list(conn.execute("SELECT symbol, name FROM employers ORDER BY symbol"))
