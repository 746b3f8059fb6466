"""Japanese by default, English on request; Qt's own dialogs in Japanese; no string left
untranslated (the helper every page's test uses, and the .ts files themselves)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from branchdesk import paths
from branchdesk.ui.i18n import is_untranslated, translation_files, untranslated_texts
from branchdesk.ui.main_window import MainWindow
from branchdesk.ui.startup import StartupDialog, check_at_start

TRANSLATIONS = paths.resources_dir() / "translations"


@pytest.mark.parametrize(("text", "untranslated"), [
    ("Employers", True),
    ("<b>Total</b>", True),
    ("Search…", True),
    ("事業所", False),
    ("事業所 ID", False),
    ("FY2024", False),
    ("ID", False),
    ("80%", False),
    ("12,345", False),
    ("/tmp/branch/demo.db", False),
    (r"C:\Users\clerk\branchdesk.db", False),
    ("Ctrl+1", False),
    ("", False),
])
def test_which_texts_count_as_untranslated(text: str, untranslated: bool) -> None:
    assert is_untranslated(text) is untranslated


def test_the_helper_finds_english_labels_buttons_and_tooltips(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    layout.addWidget(QLabel("保存しました"))
    layout.addWidget(QLabel("Saved"))
    button = QPushButton("削除")
    button.setToolTip("Delete the record")
    layout.addWidget(button)
    assert untranslated_texts(widget) == ["Saved", "Delete the record"]
    assert untranslated_texts(widget, allow={"Saved", "Delete", "the", "record"}) == []


def test_the_shell_shows_only_japanese(main_window: MainWindow, qtbot) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    assert main_window.jobs.wait_idle(10)
    assert untranslated_texts(main_window.menuBar()) == []
    shell = [main_window.sidebar, main_window.statusBar(), main_window.banner]
    assert [t for w in shell for t in untranslated_texts(w)] == []
    assert "支部業務デスク" in main_window.windowTitle()


def test_the_startup_dialog_is_japanese(tmp_path: Path, qtbot) -> None:
    dialog = StartupDialog(check_at_start(tmp_path / "missing.db"), "ja")
    qtbot.addWidget(dialog)
    assert untranslated_texts(dialog) == []


def test_english_on_request(english, make_context, small_demo: Path, qtbot) -> None:
    context = make_context(small_demo, "en")
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert context.jobs is not None and context.jobs.wait_idle(10)
    assert window.sidebar.item(0).text() == "Dashboard"
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Help"]
    assert window.branch_label.text() == "Branch 31 鳥取"
    assert window.counts_label.text().startswith("Employers ")
    window.close()


@pytest.mark.parametrize(("lang", "yes", "no"), [("ja", "はい", "いいえ"), ("en", "Yes", "No")])
def test_qt_standard_buttons_follow_the_language(qapp, qtbot, lang: str, yes: str,
                                                 no: str) -> None:
    from branchdesk.ui.i18n import install_translators

    install_translators(qapp, lang)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "", "",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        assert yes in box.button(QMessageBox.StandardButton.Yes).text()
        assert no in box.button(QMessageBox.StandardButton.No).text()
    finally:
        install_translators(qapp, "ja")


def test_qtbase_and_every_branchdesk_translation_are_loaded() -> None:
    names = [p.name for p in translation_files("ja")]
    assert names[0] == "qtbase_ja.qm"
    assert "shell_ja.qm" in names
    assert translation_files("en") == []


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*_ja.ts")), ids=lambda p: p.name)
def test_every_source_string_has_its_japanese_translation(ts: Path) -> None:
    missing = []
    for msg in ET.parse(ts).iter("message"):
        translation = msg.find("translation")
        assert translation is not None
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            missing.append(msg.findtext("source"))
    assert missing == []
    qm = ts.with_suffix(".qm")
    assert qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime - 1
