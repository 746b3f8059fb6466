"""The 事業所 page on the small demo: the model passes qtmodeltester, search shows the count and
rows, sorting and filters re-query the store, the detail pane follows the selection, the
keyboard works, and every visible string is Japanese. The generic ``IdTableModel`` is checked on
a dict register: rows in blocks, stale marking, sorting, failures that never raise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fixtures_employers import COLUMNS, DictRows, dict_model, dict_rows, employers_page
from PySide6.QtCore import QPoint, Qt

from branchdesk.store import registers
from branchdesk.store.queries import employers as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.models import BLOCK_SIZE, IdTableModel
from branchdesk.ui.pages.employers import SEARCH_DEBOUNCE_MS, EmployersPage

__all__ = ["dict_model", "dict_rows", "employers_page"]  # fixtures used by name

SYMBOL = queries.ROW_FIELDS.index("symbol")


@pytest.fixture
def page(employers_page: EmployersPage) -> EmployersPage:
    """The page once its first ids are shown (they are read off the GUI thread)."""
    assert employers_page.wait_loaded()
    return employers_page


def shown_symbols(page: EmployersPage, rows: int = 5) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(min(rows, page.model.rowCount()))]


def expected_symbols(context: UiContext, rows: int = 5, **kwargs: Any) -> list[str]:
    reader = context.reader()
    ids = list(queries.ids(reader, **kwargs)[:rows])
    found = queries.rows_by_ids(reader, ids)
    return [found[i][SYMBOL] for i in ids]


# --- the model -------------------------------------------------------------------------------

def test_employer_model_passes_qtmodeltester(page: EmployersPage, qtmodeltester: Any) -> None:
    assert page.model.rowCount() == 13_000
    qtmodeltester.check(page.model)


def test_empty_and_loaded_dict_models_pass_qtmodeltester(dict_model: IdTableModel,
                                                         qtmodeltester: Any) -> None:
    qtmodeltester.check(dict_model)
    dict_model.requery()
    qtmodeltester.check(dict_model)


def test_rows_are_fetched_in_blocks_and_cached(dict_model: IdTableModel,
                                               dict_rows: DictRows) -> None:
    dict_model.requery()
    assert dict_rows.requests == []
    assert dict_model.index(0, 1).data() == "事業所1"
    assert dict_model.index(BLOCK_SIZE - 1, 2).data() == f"{BLOCK_SIZE * 3:,}"
    assert [len(r) for r in dict_rows.requests] == [BLOCK_SIZE]
    assert dict_model.index(1999, 0).data() == "00002000"
    assert len(dict_rows.requests) == 2 and max(map(len, dict_rows.requests)) <= BLOCK_SIZE


def test_a_failed_fetch_shows_empty_cells_until_marked_stale(dict_model: IdTableModel,
                                                             dict_rows: DictRows) -> None:
    dict_model.requery()
    dict_rows.failing = True
    assert dict_model.index(0, 0).data() is None
    assert dict_model.index(1, 0).data() is None
    assert len(dict_rows.requests) == 1  # not retried on every paint
    dict_rows.failing = False
    dict_model.mark_stale()
    assert dict_model.index(0, 0).data() == "00000001"


def test_stale_rows_are_read_again_after_a_write(dict_model: IdTableModel,
                                                 dict_rows: DictRows) -> None:
    dict_model.requery()
    assert dict_model.index(0, 1).data() == "事業所1"
    dict_rows.rows[1] = ("00000001", "改称後", 3)
    assert dict_model.index(0, 1).data() == "事業所1"
    dict_model.on_store_changed(frozenset({"employers"}))
    assert dict_model.index(0, 1).data() == "改称後"


@pytest.mark.parametrize(("column", "order", "first"), [
    (0, Qt.SortOrder.DescendingOrder, 2000),
    (2, Qt.SortOrder.AscendingOrder, 1),
    (2, Qt.SortOrder.DescendingOrder, 2000),
    (1, Qt.SortOrder.DescendingOrder, 1),  # no sort key: ignored, the ids stay
])
def test_sort_requeries_the_ids(dict_model: IdTableModel, column: int, order: Qt.SortOrder,
                                first: int) -> None:
    dict_model.requery()
    dict_model.sort(column, order)
    assert dict_model.id_at(0) == first
    assert dict_model.data(dict_model.index(0, 0), IdTableModel.ID_ROLE) == first


def test_sort_before_the_first_ids_only_remembers_the_order(dict_model: IdTableModel) -> None:
    dict_model.sort(2, Qt.SortOrder.DescendingOrder)
    assert dict_model.rowCount() == 0
    assert dict_model.order() == ("insured", False)


def test_a_failing_sort_keeps_the_ids_and_reports(dict_model: IdTableModel, qtbot: Any) -> None:
    dict_model.requery()

    def failing(key: str, ascending: bool) -> Any:
        raise OSError("gone")
    dict_model._ids_query = failing
    with qtbot.waitSignal(dict_model.queryFailed, timeout=1000) as blocker:
        dict_model.sort(0, Qt.SortOrder.DescendingOrder)
    assert isinstance(blocker.args[0], OSError)
    assert dict_model.id_at(0) == 1


def test_headers_are_translated_in_the_model_context(dict_model: IdTableModel) -> None:
    assert [dict_model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        c.header for c in COLUMNS]  # no translation in this context: the source text
    assert dict_model.headerData(0, Qt.Orientation.Vertical) == "1"


# --- the page --------------------------------------------------------------------------------

def test_page_opens_with_counts_and_first_rows(page: EmployersPage,
                                               context: UiContext) -> None:
    assert page.title() == "事業所"
    assert page.count_label.text() == "該当 13,000 件 / 全 13,000 件"
    assert shown_symbols(page) == expected_symbols(context)
    assert not page.view.grab().isNull()


@pytest.mark.parametrize("text", ["株式", "ｶﾌﾞｼｷ", "さーびす", "1", "存在しない名前"])
def test_search_shows_the_count_and_rows(page: EmployersPage, context: UiContext,
                                         text: str) -> None:
    count = page.search_for(text)
    assert count == len(queries.ids(context.reader(), search=text))
    assert page.count_label.text() == f"該当 {count:,} 件 / 全 13,000 件"
    assert shown_symbols(page) == expected_symbols(context, search=text)


def test_typing_searches_after_the_debounce(page: EmployersPage, qtbot: Any,
                                            context: UiContext) -> None:
    qtbot.keyClicks(page.search, "12")  # QTest types ASCII only
    assert page.model.rowCount() == 13_000  # not yet: the debounce runs
    expected = len(queries.ids(context.reader(), search="12"))
    assert expected < 13_000
    qtbot.waitUntil(lambda: page.model.rowCount() == expected,
                    timeout=SEARCH_DEBOUNCE_MS * 20)


def test_sort_by_header_click_round_trip(page: EmployersPage, qtbot: Any,
                                         context: UiContext) -> None:
    header = page.view.horizontalHeader()

    def click(section: int) -> None:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(section) + 5, 5))

    for section, order in ((4, ("insured", True)), (4, ("insured", False)), (0, ("symbol", True))):
        click(section)
        assert page.model.order() == order
        assert page.wait_loaded()
        assert shown_symbols(page) == expected_symbols(context, order=order)


@pytest.mark.parametrize(("combo", "value", "filters"), [
    ("status_filter", "lost", {"status": "lost"}),
    ("declared_filter", True, {"declared": True}),
    ("member_filter", False, {"has_member": False}),
    ("size_filter", "300+", {"size_band": "300+"}),
    ("municipality_filter", "312011", {"municipality_code": "312011"}),
])
def test_filters_requery(page: EmployersPage, context: UiContext, combo: str,
                         value: Any, filters: dict[str, Any]) -> None:
    widget = getattr(page, combo)
    index = widget.findData(value)
    assert index > 0
    widget.setCurrentIndex(index)
    assert page.wait_loaded()
    flt = queries.EmployerFilters(**filters)
    expected = len(queries.ids(context.reader(), filters=flt))
    assert 0 < expected < 13_000
    assert page.model.rowCount() == expected
    assert shown_symbols(page) == expected_symbols(context, filters=flt)


def test_selecting_a_row_fills_the_detail_pane(page: EmployersPage, qtbot: Any,
                                               context: UiContext) -> None:
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    row = page.view.currentIndex().row()
    record_id = page.model.id_at(row)
    assert record_id is not None
    detail = queries.detail(context.reader(), record_id)
    assert detail is not None
    qtbot.waitUntil(lambda: page.detail.values["symbol"].text()
                    == detail.fields["symbol"], timeout=2000)
    assert page.detail.values["name"].text() == detail.fields["name"]
    headcounts = page.detail.tables["headcounts"]
    assert headcounts.rowCount() == len(detail.headcounts)
    assert headcounts.item(0, 0).text() == detail.headcounts[-1].as_of  # newest first


def test_searches_are_read_off_the_gui_thread_and_only_the_last_is_shown(
        page: EmployersPage, context: UiContext) -> None:
    page.search.setText("株式")
    page.apply_search()
    assert page.model.rowCount() == 13_000  # still the whole list: the read runs meanwhile
    page.search.setText("ｻｰﾋﾞｽ")
    page.apply_search()
    assert page.wait_loaded()
    expected = len(queries.ids(context.reader(), search="ｻｰﾋﾞｽ"))
    assert page.model.rowCount() == expected < 13_000
    assert page.count_label.text() == f"該当 {expected:,} 件 / 全 13,000 件"


def test_enter_in_the_search_moves_to_the_first_row(page: EmployersPage, qtbot: Any) -> None:
    page.activateWindow()
    page.focus_search()
    page.search.setText("株式")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.view.currentIndex().row() == 0
    assert page.selected_id() == page.model.id_at(0)


def test_enter_opens_the_detail_at_once(page: EmployersPage, qtbot: Any) -> None:
    page.search_for("株式")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    last = page.model.rowCount() - 1
    assert page.view.currentIndex().row() == last
    assert page.detail.values["symbol"].text() == page.model.index(
        last, 0).data()
    assert page.detail.tabs.hasFocus()


def test_ctrl_f_focuses_the_search(page: EmployersPage, qtbot: Any) -> None:
    page.activateWindow()
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus, timeout=2000)
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_the_selected_employer_stays_selected_through_a_sort(
        page: EmployersPage) -> None:
    record_id = page.select_row(42)
    page.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert page.wait_loaded()
    assert page.selected_id() == record_id
    assert page.model.row_of(record_id) != 42


def test_the_detail_shows_the_change_history(page: EmployersPage, qtbot: Any,
                                             context: UiContext) -> None:
    record_id = page.select_row(0)
    symbol = page.model.index(0, 0).data()
    assert context.jobs is not None

    def rename(store: Any, state: Any) -> None:
        registers.edit_employer(store, symbol, {"name": "改称テスト株式会社"})

    with qtbot.waitSignal(page.loaded, timeout=20_000):  # the write, then the new ids
        context.jobs.run(rename, title="", tables=frozenset({"employers"}))
    assert page.selected_id() == record_id
    assert page.model.index(0, 1).data() == "改称テスト株式会社"
    page.show_current_detail()
    history = page.detail.tables["history"]
    assert history.item(0, 2).text() == "変更"
    assert "改称テスト株式会社" in history.item(0, 3).text()
    assert "事業所名" in history.item(0, 3).text()


def test_every_visible_string_is_japanese(page: EmployersPage) -> None:
    page.select_row(0)
    page.declared_filter.setCurrentIndex(1)
    assert page.wait_loaded()
    assert untranslated_texts(page) == []


def test_english_when_asked(page: EmployersPage, english: Any) -> None:
    other = EmployersPage(page.context)
    try:
        assert other.title() == "Employers"
        assert other.model.headerData(0, Qt.Orientation.Horizontal) == "Employer symbol"
    finally:
        other.deleteLater()


def test_declared_filter_counts_like_the_kpi(page: EmployersPage,
                                             context: UiContext) -> None:
    """Declared today ∧ active = the 健康宣言 KPI's employers at today (same in-force rule)."""
    from branchdesk.store.report_queries import declared_employers

    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))
    page.declared_filter.setCurrentIndex(1)
    assert page.wait_loaded()
    expected = declared_employers(context.reader(), date.today())
    assert expected is not None
    assert page.model.rowCount() == len(expected)
