"""The main window's menus and their actions, each with a keyboard shortcut or a mnemonic.

ファイル: 取込 (Ctrl+I: the import page's file dialog), 四半期報告 (Ctrl+R), バックアップ (Ctrl+B),
終了 (Ctrl+Q); 表示: one action per page (Ctrl+1 … Ctrl+9),
next / previous page (Ctrl+PgDown / Ctrl+PgUp), サイドバーとページの切り替え (F6);
ヘルプ: バージョン情報.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from branchdesk.ui.pages import registry

if TYPE_CHECKING:
    from branchdesk.ui.main_window import MainWindow

_MAX_PAGE_SHORTCUTS = 9


def _action(window: MainWindow, text: str, slot: Callable[[], object],
            shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Add the menus to ``window``'s menu bar; return the actions by name (``page:<id>`` for
    the page actions)."""
    actions: dict[str, QAction] = {}
    _file_menu(window, actions)
    _view_menu(window, actions)
    _help_menu(window, actions)
    return actions


def _file_menu(window: MainWindow, actions: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("menus", "&File"))
    actions["import"] = _action(window, QCoreApplication.translate("menus", "&Import files…"),
                                lambda: _on_page(window, "import", "choose_files"), "Ctrl+I")
    actions["report"] = _action(
        window, QCoreApplication.translate("menus", "&Quarterly report…"),
        lambda: window.show_page("report"), "Ctrl+R")
    menu.addAction(actions["import"])
    menu.addAction(actions["report"])
    menu.addSeparator()
    actions["backup"] = _action(window, QCoreApplication.translate("menus", "&Backup…"),
                                window.backup, "Ctrl+B")
    actions["quit"] = _action(window, QCoreApplication.translate("menus", "&Quit"),
                              window.close, "Ctrl+Q")
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    menu.addAction(actions["backup"])
    menu.addSeparator()
    menu.addAction(actions["quit"])


def _on_page(window: MainWindow, page_id: str, method: str) -> None:
    """Show page ``page_id`` and call its ``method`` (when the page has it)."""
    page = window.show_page(page_id)
    action = getattr(page, method, None)
    if callable(action):
        action()


def _view_menu(window: MainWindow, actions: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("menus", "&View"))
    group = QActionGroup(window)
    group.setExclusive(True)
    for number, entry in enumerate(registry.PAGES, start=1):
        shortcut = f"Ctrl+{number}" if number <= _MAX_PAGE_SHORTCUTS else None
        action = _action(window, entry.title(),
                         partial(window.show_page, entry.page_id), shortcut)
        action.setCheckable(True)
        group.addAction(action)
        menu.addAction(action)
        actions[f"page:{entry.page_id}"] = action
    menu.addSeparator()
    actions["next_page"] = _action(window, QCoreApplication.translate("menus", "&Next page"),
                                   lambda: window.step_page(1), "Ctrl+PgDown")
    actions["previous_page"] = _action(
        window, QCoreApplication.translate("menus", "&Previous page"),
        lambda: window.step_page(-1), "Ctrl+PgUp")
    actions["toggle_focus"] = _action(
        window, QCoreApplication.translate("menus", "Switch between &sidebar and page"),
        window.toggle_focus, "F6")
    for name in ("next_page", "previous_page", "toggle_focus"):
        menu.addAction(actions[name])


def _help_menu(window: MainWindow, actions: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("menus", "&Help"))
    actions["about"] = _action(window, QCoreApplication.translate("menus", "&About branchdesk"),
                               window.about)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    menu.addAction(actions["about"])
