"""The import wizard (取込): preview, mapping remembered per kind, check with the list of problems
(click one to see its row, save it as .xlsx), import with its summary, and Cancel that leaves the
store as it was. Real workbooks written by the tests; a real store per test."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from fixtures_import import (
    HEADER,
    TITLE,
    choose,
    employer_names,
    employer_rows,
    empty_store,
    open_import_page,
    pick,
    run_check,
    run_import,
    scalar,
    start_import,
    write_register,
)
from fixtures_pages import WAIT_MS, close, settle
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from branchdesk.domain.errors import Cancelled
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.import_page import ImportPage


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return empty_store(tmp_path)


@pytest.fixture
def page(qtbot, store: Path, make_context: Callable[..., UiContext]):
    shown = open_import_page(qtbot, make_context(store))
    yield shown
    settle(shown.context)
    shown.reader.wait()
    close(shown.test_host)


def click_problem(qtbot, page: ImportPage, row: int) -> int:
    """Click line ``row`` of the list of problems; the Excel row shown in the preview."""
    view = page.problems.view
    rect = view.visualRect(page.problems.model.index(row, 0))
    with qtbot.waitSignal(page.window_shown, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return int(blocker.args[0])


def selected_excel_row(page: ImportPage) -> int:
    table = page.panel.rows_view
    return int(table.verticalHeaderItem(table.currentRow()).text())


@pytest.mark.parametrize(("bad_cell", "value", "column"), [
    (0, "31AB0002", "事業所記号"),
    (3, "2024/2/30", "適用年月日"),
])
def test_one_bad_row_is_shown_with_its_row_and_column_then_the_fixed_file_imports(
        qtbot, page: ImportPage, store: Path, tmp_path: Path, bad_cell: int, value: str,
        column: str) -> None:
    rows = employer_rows(5)
    rows[2][bad_cell] = value  # the 2nd employer: Excel row 5 (title, blank, header above)
    path = write_register(tmp_path / "台帳.xlsx", rows)
    choose(qtbot, page, path)

    result = run_check(qtbot, page)
    assert [(p.row, p.column, p.value) for p in result.errors] == [(5, column, value)]
    line = [page.problems.model.data(page.problems.model.index(0, c)) for c in range(7)]
    assert line[:5] == ["台帳.xlsx", "事業所台帳", "5", column, value]
    assert line[6] == "エラー" and line[5]  # the rule, in Japanese
    assert "エラーが 1 件" in page.status.text()
    assert click_problem(qtbot, page, 0) == 5 and selected_excel_row(page) == 5

    rejected = run_import(qtbot, page)
    assert rejected.outcome == "rejected" and scalar(store, "SELECT COUNT(*) FROM employers") == 0
    assert scalar(store, "SELECT COUNT(*) FROM imports") == 0

    write_register(path, employer_rows(5))  # fixed, and chosen again
    choose(qtbot, page, path)
    done = run_import(qtbot, page)
    assert done.outcome == "imported" and done.backup is not None and done.backup.exists()
    assert page.summary.counts(0) == {"Added": "5", "Changed": "0", "Unchanged": "0",
                                      "Marked lost": "0", "Removed": "0", "Skipped": "0"}
    assert "取り込みました" in page.summary.outcome.text()
    assert employer_names(store)[1] == ("31000002", "株式会社テスト2")
    assert len(employer_names(store)) == 5


def test_cancel_during_a_large_import_leaves_the_store_unchanged(
        qtbot, page: ImportPage, store: Path, tmp_path: Path) -> None:
    small = write_register(tmp_path / "first.csv", employer_rows(3))
    choose(qtbot, page, small)
    assert run_import(qtbot, page).outcome == "imported"
    page.remove_current()
    watcher = sqlite3.connect(store)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    before = employer_names(store)

    big = write_register(tmp_path / "big.csv", employer_rows(30_000, applied="2011/4/1"))
    choose(qtbot, page, big)
    with qtbot.waitSignal(page.stopped, timeout=WAIT_MS) as blocker:
        job = start_import(page)
        qtbot.waitUntil(lambda: job.state.progress[0] > 0, timeout=WAIT_MS)
        job.cancel()
    settle(page.context)

    assert isinstance(blocker.args[0], Cancelled)
    assert page.status.text() == "取込を取り消しました。ストアは変更されていません。"
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    assert employer_names(store) == before
    assert scalar(store, "SELECT COUNT(*) FROM imports") == 1
    watcher.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_preview_shows_the_first_rows_the_kind_and_the_header_row(
        qtbot, page: ImportPage, tmp_path: Path, suffix: str) -> None:
    path = write_register(tmp_path / f"register{suffix}", employer_rows(120))
    entry = choose(qtbot, page, path)

    table = page.panel.rows_view
    numbers = page.panel.shown_numbers()
    assert numbers[0] == 1 and numbers[-1] == 50 and len(numbers) <= 50
    assert table.item(0, 0).text() == TITLE
    header_at = numbers.index(3)
    assert [table.item(header_at, c).text() for c in range(4)] == HEADER
    assert table.item(numbers.index(4), 0).text() == "31000001"
    assert entry.preview is not None and entry.preview.kind == "employers"
    assert page.panel.status.text().startswith("種類: 事業所台帳　見出し: 3行目")
    assert page.panel.mapping() == {"事業所記号": "symbol", "事業所名称": "name",
                                    "被保険者数": "insured", "適用年月日": "applied_on"}
    assert page.file_list.item(0).text() == f"register{suffix} — 事業所台帳"


def test_a_mapping_set_by_hand_is_remembered_for_the_kind_and_prefilled_next_time(
        qtbot, page: ImportPage, store: Path, tmp_path: Path) -> None:
    header = ["記号", "社名", "被保険者数", "適用年月日"]  # 社名 is no synonym of 事業所名称
    first = write_register(tmp_path / "april.xlsx", employer_rows(4, header=header))
    choose(qtbot, page, first)
    assert page.panel.status.text().startswith("見出し行が見つかりません")
    pick(qtbot, page, page.panel.kind_combo, "employers", reloads=True)
    assert page.panel.header_spin.value() == 3
    name_box = page.panel.field_combo("社名")
    assert name_box is not None and name_box.currentData() == "ignore"
    pick(qtbot, page, name_box, "name", reloads=False)
    assert page.panel.status.text().startswith("種類: 事業所台帳　見出し: 3行目")
    assert run_import(qtbot, page).outcome == "imported"
    assert employer_names(store)[0] == ("31000001", "株式会社テスト1")

    page.remove_current()
    second = write_register(tmp_path / "may.xlsx", employer_rows(6, header=header))
    entry = choose(qtbot, page, second)
    assert entry.preview is not None and entry.preview.by_memory
    assert "前回の列の対応" in page.panel.status.text()
    prefilled = page.panel.field_combo("社名")
    assert prefilled is not None and prefilled.currentText() == "事業所名称"
    assert run_import(qtbot, page).outcome == "imported"
    assert len(employer_names(store)) == 6


@pytest.mark.parametrize("name", ["problems.xlsx", "problems"])
def test_the_list_of_problems_is_saved_as_a_workbook_with_the_error_row(
        qtbot, page: ImportPage, tmp_path: Path, name: str) -> None:
    rows = employer_rows(3)
    rows[3][2] = "-5"
    choose(qtbot, page, write_register(tmp_path / "台帳.csv", rows))
    run_check(qtbot, page)
    saved = page.problems.save_to(tmp_path / name)
    assert saved.suffix == ".xlsx" and "エラー一覧を保存しました" in page.status.text()
    book = openpyxl.load_workbook(saved)
    lines = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert lines[0][:5] == ["ファイル", "シート", "行", "列", "値"]
    assert lines[1][:5] == ["台帳.csv", "台帳.csv", 6, "被保険者数", "-5"]
    assert lines[1][6] == "エラー" and len(lines) == 2


def test_a_problem_beyond_the_preview_loads_the_rows_around_it(
        qtbot, page: ImportPage, tmp_path: Path) -> None:
    rows = employer_rows(150)
    rows[120][0] = "abc"  # Excel row 123
    choose(qtbot, page, write_register(tmp_path / "long.xlsx", rows))
    run_check(qtbot, page)
    assert click_problem(qtbot, page, 0) == 123
    assert selected_excel_row(page) == 123
    assert page.panel.rows_view.item(page.panel.rows_view.currentRow(), 0).text() == "abc"
    assert "123 行目付近" in page.panel.status.text()


def test_every_visible_text_is_japanese_after_a_check(
        qtbot, page: ImportPage, tmp_path: Path) -> None:
    rows = employer_rows(3)
    rows[1][3] = "2024/13/1"
    choose(qtbot, page, write_register(tmp_path / "台帳.xlsx", rows))
    run_check(qtbot, page)
    page.tabs.setCurrentIndex(1)
    assert untranslated_texts(page) == []
    assert page.title() == "取込"


@pytest.mark.parametrize(("names", "listed"), [
    (["a.xlsx", "b.csv", "notes.txt", "~$a.xlsx"], ["a.xlsx", "b.csv"]),
    (["report.pdf"], []),
])
def test_dropped_spreadsheets_are_added_and_other_files_ignored(
        qtbot, page: ImportPage, tmp_path: Path, names: list[str], listed: list[str]) -> None:
    paths = []
    for name in names:
        path = tmp_path / name
        if path.suffix in (".xlsx", ".csv"):
            write_register(path, employer_rows(2))
        else:
            path.write_text("x")
        paths.append(path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    for _ in listed:
        qtbot.waitUntil(lambda: all(not e.loading for e in page.entries), timeout=WAIT_MS)
    assert [e.path.name for e in page.entries] == listed
    assert event.isAccepted() == bool(listed)


def test_files_with_different_choices_are_not_imported_together(
        qtbot, page: ImportPage, store: Path, tmp_path: Path) -> None:
    choose(qtbot, page, write_register(tmp_path / "a.xlsx", employer_rows(2)))
    choose(qtbot, page, write_register(tmp_path / "b.xlsx", employer_rows(2, start=3)))
    pick(qtbot, page, page.panel.kind_combo, "employers", reloads=True)
    assert page.start_import() is None
    assert "別に取り込んで" in page.status.text() and "b.xlsx" in page.status.text()
    assert scalar(store, "SELECT COUNT(*) FROM employers") == 0


def test_a_file_that_is_not_a_spreadsheet_says_why_and_blocks_the_import(
        qtbot, page: ImportPage, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    entry = choose(qtbot, page, path)
    assert entry.error is not None
    assert page.file_list.item(0).text() == "fake.xlsx — 読み込めません"
    assert page.panel.status.text()  # the reader's message
    assert page.check() is None and "fake.xlsx" in page.status.text()


def test_a_register_that_marks_many_lost_asks_first_then_counts_them_in_the_summary(
        qtbot, page: ImportPage, store: Path, tmp_path: Path) -> None:
    choose(qtbot, page, write_register(tmp_path / "march.xlsx", employer_rows(20)))
    assert run_import(qtbot, page).outcome == "imported"
    page.remove_current()
    choose(qtbot, page, write_register(tmp_path / "april.xlsx", employer_rows(10)))
    with qtbot.waitSignal(page.stopped, timeout=WAIT_MS):
        page.start_import()
    settle(page.context)
    box = page.findChild(QMessageBox, "confirm_lost_box")
    assert box is not None and "10" in box.text()
    assert scalar(store, "SELECT COUNT(*) FROM employers WHERE lost_on IS NOT NULL") == 0

    with qtbot.waitSignal(page.imported, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    settle(page.context)
    assert blocker.args[0].outcome == "imported"
    assert page.summary.counts(0) == {"Added": "0", "Changed": "0", "Unchanged": "10",
                                      "Marked lost": "10", "Removed": "0", "Skipped": "0"}
    assert scalar(store, "SELECT COUNT(*) FROM employers WHERE lost_on IS NOT NULL") == 10
