"""The main window: sidebar, lazy pages, keyboard, status bar, settings, menus, smoke test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QMessageBox

from branchdesk import __version__
from branchdesk.store.connection import Store, open_store
from branchdesk.store.queries.status import status_counts
from branchdesk.ui import app as app_module
from branchdesk.ui.main_window import MainWindow
from branchdesk.ui.pages import registry
from branchdesk.ui.pages.base import Page
from branchdesk.ui.pages.placeholder import PlaceholderPage
from branchdesk.ui.pages.registry import PAGES, PageEntry, load_page_class

SIDEBAR = ["ダッシュボード", "事業所", "健康宣言", "健康保険委員", "ジェネリック・バイオシミラー",
           "受診勧奨", "訪問計画", "取込", "四半期報告", "設定"]


class RecordingPage(Page):
    """A page for these tests: counts refreshes and the changes it was told about."""

    page_id = "recording"
    tables = frozenset({"employers"})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.refreshed = 0
        self.told: list[frozenset[str]] = []

    def title(self) -> str:
        return "記録"

    def refresh(self) -> None:
        self.refreshed += 1

    def on_store_changed(self, tables: frozenset[str]) -> None:
        self.told.append(tables)


@pytest.fixture
def with_recording_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two recording pages added to the registry (one for on-screen, one hidden)."""
    extra = [PageEntry("rec_a", f"{__name__}:RecordingPage", "A"),
             PageEntry("rec_b", f"{__name__}:RecordingPage", "B")]
    monkeypatch.setattr(registry, "PAGES", [*PAGES, *extra])


def test_the_sidebar_lists_the_pages_in_japanese(main_window: MainWindow) -> None:
    labels = [main_window.sidebar.item(i).text() for i in range(main_window.sidebar.count())]
    assert labels == SIDEBAR
    assert [e.page_id for e in PAGES] == ["dashboard", "employers", "declarations",
                                          "committee", "drugs", "referrals", "planner",
                                          "import", "report", "settings"]


def test_pages_are_made_on_first_show_only(main_window: MainWindow) -> None:
    assert main_window.pages == {}
    main_window.show_page("committee")
    assert list(main_window.pages) == ["committee"]
    assert main_window.sidebar.currentRow() == 3
    assert main_window.windowTitle().endswith(main_window.pages["committee"].title())


@pytest.mark.parametrize(("key", "page_id"), [
    (Qt.Key.Key_1, "dashboard"), (Qt.Key.Key_2, "employers"), (Qt.Key.Key_3, "declarations"),
    (Qt.Key.Key_4, "committee"), (Qt.Key.Key_5, "drugs"),
])
def test_ctrl_digit_shows_each_page(main_window: MainWindow, qtbot, key: Qt.Key,
                                    page_id: str) -> None:
    with qtbot.waitActive(main_window):
        main_window.show()
        main_window.activateWindow()
    main_window.sidebar.setFocus()
    qtbot.keyClick(main_window.sidebar, key, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_id() == page_id
    assert main_window.actions_by_name[f"page:{page_id}"].isChecked()


def test_the_sidebar_is_keyboard_navigable(main_window: MainWindow, qtbot) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_page("dashboard")
    main_window.sidebar.setFocus()
    qtbot.keyClick(main_window.sidebar, Qt.Key.Key_Down)
    assert main_window.current_page_id() == "employers"
    qtbot.keyClick(main_window.sidebar, Qt.Key.Key_End)
    assert main_window.current_page_id() == "settings"
    main_window.step_page(1)  # Ctrl+PgDown wraps around
    assert main_window.current_page_id() == "dashboard"


def test_menus_and_shortcuts_are_japanese(main_window: MainWindow) -> None:
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles == ["ファイル(&F)", "表示(&V)", "ヘルプ(&H)"]
    actions = main_window.actions_by_name
    assert actions["backup"].text() == "バックアップ(&B)…"
    assert actions["quit"].shortcut().toString() == "Ctrl+Q"
    assert actions["page:drugs"].shortcut().toString() == "Ctrl+5"
    assert actions["about"].text() == "バージョン情報(&A)"
    assert (actions["import"].text(), actions["import"].shortcut().toString()) == \
        ("取込(&I)…", "Ctrl+I")
    assert (actions["report"].text(), actions["report"].shortcut().toString()) == \
        ("四半期報告(&R)…", "Ctrl+R")


def test_the_file_menu_opens_the_import_dialog_and_the_report_page(
        main_window: MainWindow, qtbot) -> None:
    seen: list[str] = []

    def close_the_dialog() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.reject()

    main_window.show()
    timer = QTimer()
    timer.timeout.connect(close_the_dialog)
    timer.start(50)
    main_window.actions_by_name["import"].trigger()
    timer.stop()
    assert main_window.current_page_id() == "import"
    assert seen == ["取り込むファイルを選択"]
    main_window.actions_by_name["report"].trigger()
    assert main_window.current_page_id() == "report"


def _reader(path: Path) -> Store:
    return open_store(path)


def test_the_status_bar_shows_path_branch_and_counts(main_window: MainWindow, qtbot,
                                                     small_demo: Path) -> None:
    # The counts are read off the GUI thread.
    qtbot.waitUntil(lambda: main_window.counts is not None, timeout=10_000)
    with _reader(small_demo) as store:
        expected = status_counts(store, date.today())
    assert main_window.path_label.toolTip() == str(small_demo)
    assert main_window.branch_label.text() == "鳥取支部（31）"
    counts = main_window.counts_label.text()
    assert f"事業所 {expected.employers:,}" in counts
    assert f"宣言中の健康宣言 {expected.declarations_in_force:,}" in counts
    assert f"委嘱中の健康保険委員 {expected.members_in_office:,}" in counts
    assert "鳥取支部" in main_window.windowTitle()


def test_a_write_updates_the_status_bar_and_the_pages_that_show_the_table(
        with_recording_pages: None, main_window: MainWindow, qtbot) -> None:
    on_screen = main_window.show_page("rec_a")
    hidden = main_window.show_page("rec_b")
    main_window.show_page("rec_a")
    qtbot.waitUntil(lambda: main_window.counts is not None, timeout=10_000)
    before = main_window.counts.employers if main_window.counts else 0

    def add(store: Store, state) -> None:
        store.conn.execute("INSERT INTO employers (symbol, name) VALUES ('99999999', '新規商事')")

    with qtbot.waitSignal(main_window.jobs.changed, timeout=5000):
        main_window.jobs.run(add, title="登録", tables=frozenset({"employers"}))
    assert main_window.jobs.wait_idle(10)
    assert main_window.counts is not None and main_window.counts.employers == before + 1
    assert isinstance(on_screen, RecordingPage) and isinstance(hidden, RecordingPage)
    assert on_screen.told == [frozenset({"employers"})]
    assert hidden.told == []  # told when it is shown again, not before
    main_window.show_page("rec_b")
    assert hidden.told == [frozenset({"employers"})]
    assert hidden.refreshed == 1


def test_geometry_and_last_page_are_remembered(main_window: MainWindow, context, qtbot,
                                               ui_home: Path) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.resize(760, 560)  # within the offscreen screen (800×600)
    main_window.show_page("declarations")
    main_window.close()
    ini = ui_home / "settings.ini"
    assert ini.is_file()
    assert QSettings(str(ini), QSettings.Format.IniFormat).value("window/last_page") == \
        "declarations"
    again = MainWindow(context)
    qtbot.addWidget(again)
    assert again.last_page() == "declarations"
    assert (again.width(), again.height()) == (760, 560)
    again.close()


def test_a_missing_page_module_becomes_a_placeholder(main_window: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ghost = PageEntry("ghost", "branchdesk.ui.pages.not_written_yet:GhostPage", "Ghost")
    monkeypatch.setattr(registry, "PAGES", [*PAGES, ghost])
    assert load_page_class(ghost.target) is None
    page = main_window._make_page("ghost")
    assert isinstance(page, PlaceholderPage)
    assert page.findChild(QLabel, "placeholder").text() == "このページは準備中です。"


@pytest.mark.parametrize(("target", "error"), [
    ("branchdesk.ui.pages.base:UiContext", TypeError),       # not a Page
    ("branchdesk.ui.pages.base:NoSuchClass", AttributeError),
])
def test_a_broken_registration_is_an_error_not_a_placeholder(target: str,
                                                             error: type[Exception]) -> None:
    with pytest.raises(error):
        load_page_class(target)


def test_backup_from_the_menu_writes_a_copy(main_window: MainWindow, small_demo: Path,
                                            qtbot) -> None:
    main_window.actions_by_name["backup"].trigger()
    assert main_window.jobs.wait_idle(30)
    copies = list((small_demo.parent / "backups").glob("demo_manual_*.db"))
    assert len(copies) == 1
    box = _visible_box()
    assert "バックアップを作成しました" in box.text() and str(copies[0]) in box.text()
    box.close()


def test_about_names_the_version(main_window: MainWindow) -> None:
    main_window.actions_by_name["about"].trigger()
    box = _visible_box()
    assert __version__ in box.text() and "settings.ini" in box.text()
    box.close()


def _visible_box() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_smoke_test_shows_every_page_and_prints_timings(small_demo: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        ui_home: Path) -> None:
    assert app_module.run(small_demo, smoke_test=True) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("launch -> dashboard interactive: ") and out[0].endswith(" ms")
    shown = [line.split(":")[0].split()[-1] for line in out[1:]]
    assert shown == [e.page_id for e in PAGES]
    assert not (ui_home / "settings.ini").exists()  # a smoke test leaves no preferences


class ImportStub(Page):
    """Stands in for the import page: keeps the files it is given."""

    page_id = "import"

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.files: list[list[Path]] = []

    def title(self) -> str:
        return "取込"

    def add_files(self, paths: list[Path]) -> None:
        self.files.append(paths)


@pytest.fixture
def with_import_stub(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import page replaced by ``ImportStub``."""
    monkeypatch.setattr(registry, "PAGES", [
        PageEntry(e.page_id, f"{__name__}:ImportStub", e.label) if e.page_id == "import" else e
        for e in PAGES])


def _drag_files(target, names: list[str], tmp_path: Path) -> tuple[bool, bool]:
    """Drag ``names`` (files in ``tmp_path``) over ``target`` and drop them, as a file
    manager does; (the drag was accepted, the drop was accepted)."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name)) for name in names])
    mime.setText("\n".join(names))  # file managers offer the names as text too
    none, plain = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, none, plain)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, none, plain)
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


@pytest.mark.parametrize(("names", "taken"), [
    (["register.xlsx"], ["register.xlsx"]),
    (["a.XLSM", "notes.txt", "b.csv"], ["a.XLSM", "b.csv"]),   # only Excel and CSV, any case
])
@pytest.mark.parametrize("where", ["window", "search_box"])
def test_files_dropped_on_the_window_go_to_the_import_page(
        with_import_stub: None, main_window: MainWindow, tmp_path: Path, names: list[str],
        taken: list[str], where: str) -> None:
    target = main_window
    if where == "search_box":
        target = main_window.show_page("employers").findChild(QLineEdit, "employerSearch")
    before = target.text() if where == "search_box" else ""
    assert _drag_files(target, names, tmp_path) == (True, True)
    assert main_window.current_page_id() == "import"
    assert main_window.pages["import"].files == [[tmp_path / name for name in taken]]
    if where == "search_box":
        assert target.text() == before  # the file did not become search text


def test_other_files_are_not_taken(with_import_stub: None, main_window: MainWindow,
                                   tmp_path: Path) -> None:
    main_window.show_page("dashboard")
    assert _drag_files(main_window, ["photo.png", "readme.txt"], tmp_path) == (False, False)
    assert main_window.current_page_id() == "dashboard"
    assert "import" not in main_window.pages


def test_a_drop_before_the_import_page_exists_shows_it(main_window: MainWindow,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "PAGES", [
        PageEntry(e.page_id, "branchdesk.ui.pages.no_such_page:ImportPage", e.label)
        if e.page_id == "import" else e for e in PAGES])
    assert _drag_files(main_window, ["register.csv"], tmp_path) == (True, True)
    assert main_window.current_page_id() == "import"
    assert isinstance(main_window.pages["import"], PlaceholderPage)
