"""Translations: Qt's own (``qtbase_<lang>``) and every ``resources/translations/*_<lang>.qm``.

Source strings are English; English therefore needs no translator. ``untranslated_texts`` is
the test helper every page's test uses: it lists the visible strings of a widget tree that
hold Latin letters but no Japanese, so a string that lacks its translation fails a test.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from branchdesk import paths

log = logging.getLogger("branchdesk.ui")

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; translate it later with
    ``QCoreApplication.translate(context, text)`` (Qt's own returns ``object`` to mypy)."""
    return text

#: Letters that make a string Japanese: kana, kanji, and the full-width forms.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffef\u3000-\u303f]")
_LATIN = re.compile(r"[A-Za-z]")
_TAGS = re.compile(r"<[^>]+>|&[a-z]+;")
#: File paths (POSIX or Windows), e-mail addresses and URLs are data, not UI text.
_DATA = re.compile(r"(?:[A-Za-z]:)?[\\/]\S*|\S+@\S+|\w+://\S+|\S+\.(?:db|xlsx|csv|log|ini)\b")
#: Codes a Japanese UI writes in Latin letters too.
ALLOWED_WORDS = frozenset({
    "FY", "ID", "No", "KPI", "CSV", "Excel", "SQLite", "branchdesk", "DPC", "BS", "HbA1c", "LDL",
    "eGFR", "PDF", "OS", "Qt", "Ctrl", "Shift", "Alt", "Tab", "Enter", "Esc", "F", "pt", "mg",
    "dL", "mL", "mmHg", "kg", "cm", "min", "ms", "s", "KB", "MB", "GB",
})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def translation_files(lang: str) -> list[Path]:
    """The .qm files to load for ``lang``: Qt's qtbase first, then branchdesk's own."""
    if lang == "en":
        return []
    files = []
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qtbase = qt_dir / f"qtbase_{lang}.qm"
    if qtbase.is_file():
        files.append(qtbase)
    folder = paths.resources_dir() / "translations"
    if folder.is_dir():
        files.extend(sorted(folder.glob(f"*_{lang}.qm")))
    return files


def install_translators(app: QCoreApplication, lang: str) -> list[Path]:
    """Replace the app's translators by those of ``lang``; return the files loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    loaded = []
    for path in translation_files(lang):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(path)
        else:
            log.warning("translation file could not be loaded: %s", path.name)
    return loaded


def is_untranslated(text: str, allow: Iterable[str] = ()) -> bool:
    """True when ``text`` shows Latin words (beyond the allowed codes) and no Japanese."""
    if not text or _JAPANESE.search(text):
        return False
    plain = _DATA.sub(" ", _TAGS.sub(" ", text))
    allowed = ALLOWED_WORDS | frozenset(allow)
    words = (w for w in _WORD.findall(plain) if w not in allowed)  # "HbA1c"
    return any(w.rstrip("0123456789") not in allowed for w in words)  # "FY2024", "F6"


def untranslated_texts(widget: QWidget, allow: Iterable[str] = ()) -> list[str]:
    """The strings of ``widget`` and its descendants (window titles, labels, buttons, actions,
    menu titles, tab texts, list items, combo items, model headers, placeholders, tooltips)
    that hold Latin letters but no Japanese; ``allow`` adds words to ``ALLOWED_WORDS``."""
    allow = frozenset(allow)
    found = []
    for text in _texts_of_tree(widget):
        if is_untranslated(text, allow) and text not in found:
            found.append(text)
    return found


def _texts_of_tree(root: QWidget) -> Iterator[str]:
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        yield from _texts_of(widget)


def _texts_of(widget: QWidget) -> Iterator[str]:
    yield widget.toolTip()
    if widget.isWindow():
        yield widget.windowTitle()
    for action in widget.actions():
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
    for kind, texts in _KIND_TEXTS:
        if isinstance(widget, kind):
            yield from texts(widget)


def _label(w: QLabel) -> Iterator[str]:
    yield w.text()


def _button(w: QAbstractButton) -> Iterator[str]:
    yield w.text()


def _line_edit(w: QLineEdit) -> Iterator[str]:
    yield w.placeholderText()


def _group(w: QGroupBox) -> Iterator[str]:
    yield w.title()


def _menu(w: QMenu) -> Iterator[str]:
    yield w.title()


def _tabs(w: QTabWidget) -> Iterator[str]:
    for i in range(w.count()):
        yield w.tabText(i)
        yield w.tabToolTip(i)


def _combo(w: QComboBox) -> Iterator[str]:
    for i in range(w.count()):
        yield w.itemText(i)
    yield w.placeholderText()


def _list(w: QListWidget) -> Iterator[str]:
    for i in range(w.count()):
        item = w.item(i)
        yield item.text()
        yield item.toolTip()


def _view_headers(w: QAbstractItemView) -> Iterator[str]:
    model = w.model()
    if model is None or isinstance(w, QListWidget):
        return
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield value


def _main_window(w: QMainWindow) -> Iterator[str]:
    for action in w.menuBar().actions():
        yield action.text()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield menu.title()
            yield from (a.text() for a in menu.actions())


_KIND_TEXTS: tuple[tuple[type, Callable[[Any], Iterator[str]]], ...] = (
    (QLabel, _label), (QAbstractButton, _button), (QLineEdit, _line_edit), (QGroupBox, _group),
    (QMenu, _menu), (QTabWidget, _tabs), (QComboBox, _combo), (QListWidget, _list),
    (QAbstractItemView, _view_headers), (QMainWindow, _main_window),
)
