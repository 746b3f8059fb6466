"""Helpers of the referral page tests: open the page on the small demo store (made standalone
inside a plain widget, the runner's ``changed`` connected as the main window connects it), and
read the store as a second process would."""

from __future__ import annotations

from datetime import date
from typing import Any

from fixtures_pages import WAIT_MS, open_page, settle
from PySide6.QtCore import Qt

from branchdesk.store.connection import open_store
from branchdesk.ui.context import UiContext
from branchdesk.ui.pages.referrals import ReferralsPage

#: The demo's data ends 2026-03-31; every open case of it is on the list at this date.
TODAY = date(2026, 11, 27)


def open_referrals(qtbot: Any, context: UiContext, today: date = TODAY) -> ReferralsPage:
    """The page, shown, with its worklist loaded."""
    return open_page(qtbot, context, ReferralsPage, today=today)


def stored(context: UiContext, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read through a fresh read-only connection."""
    with open_store(context.store_path) as store:
        return [tuple(r) for r in store.query(sql, params)]


def shown_column(page: ReferralsPage, column: int, rows: int) -> list[str]:
    """The texts of ``column`` on the first ``rows`` rows of the worklist."""
    model = page.worklist.model
    return [model.index(r, column).data() for r in range(min(rows, model.rowCount()))]


def press_enter(qtbot: Any, widget: Any) -> None:
    """Press Enter in ``widget`` (a key event, as a user types it)."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def record_by_keyboard(qtbot: Any, page: ReferralsPage, *, method_steps: int,
                       result_steps: int, staff: str) -> None:
    """From the selected row: Enter in the list, arrows in the method and result combos, the
    staff name typed, Enter; waits until the list was read again."""
    panel = page.worklist.panel
    press_enter(qtbot, page.worklist.view)
    assert panel.method_combo.hasFocus()
    for _ in range(method_steps):
        qtbot.keyClick(panel.method_combo, Qt.Key.Key_Down)
    qtbot.keyClick(panel.method_combo, Qt.Key.Key_Tab)
    for _ in range(result_steps):
        qtbot.keyClick(panel.result_combo, Qt.Key.Key_Down)
    qtbot.keyClick(panel.result_combo, Qt.Key.Key_Tab)
    assert panel.staff_edit.hasFocus()
    panel.staff_edit.selectAll()
    qtbot.keyClicks(panel.staff_edit, staff)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        press_enter(qtbot, panel.staff_edit)
    settle(page.context)
