"""The 健康宣言 page: list, search, filters, SQL sort, detail with history, and the add, edit and
withdraw forms with their inline Japanese messages (nothing written on a refusal)."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures_pages import (
    WAIT_MS,
    close,
    fill,
    open_page,
    press_ok,
    reading,
    settle,
    type_text,
)
from PySide6.QtCore import Qt

from branchdesk.domain.messages import message
from branchdesk.store.queries import declarations as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.declaration_forms import DeclarationForm, WithdrawForm
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.declarations import DeclarationsPage


@pytest.fixture
def page(qtbot, context: UiContext):
    shown = open_page(qtbot, context, DeclarationsPage)
    yield shown
    settle(context)
    close(shown.test_host)


def shown_ids(page: DeclarationsPage) -> list[int]:
    return list(page.model.ids())


def stored(context: UiContext, sql: str, params: tuple = ()) -> list[tuple]:
    with reading(context) as store:
        return [tuple(r) for r in store.query(sql, params)]


def test_the_list_holds_every_declaration_newest_first(page: DeclarationsPage,
                                                       context: UiContext, qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    with reading(context) as store:
        expected = list(queries.ids(store, queries.DeclarationFilter(), "declared_on", True))
        total = queries.count(store)
    assert shown_ids(page) == expected
    assert page.count_label.text() == f"{total:,}件中 {total:,}件"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "事業所記号"


@pytest.mark.parametrize("pick", ["symbol", "name_part", "kana_hiragana"])
def test_search_as_you_type(qtbot, page: DeclarationsPage, context: UiContext,
                            pick: str) -> None:
    symbol, name, kana = stored(context, "SELECT e.symbol, e.name, e.name_kana FROM employers e "
                                "JOIN declarations d ON d.employer_id = e.id LIMIT 1")[0]
    text = {"symbol": symbol, "name_part": name[-4:],
            "kana_hiragana": "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c
                                     for c in (kana or name)[:4])}[pick]
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        type_text(qtbot, page.search_edit, text)
    with reading(context) as store:
        expected = list(queries.ids(store, queries.DeclarationFilter(search=text),
                                    "declared_on", True))
    assert shown_ids(page) == expected and expected
    row = page.model.row_of(expected[0])
    assert page.model.values(row) is not None


@pytest.mark.parametrize(("combo", "value", "column", "text"), [
    ("status_combo", "withdrawn", 4, "取下げ"),
    ("status_combo", "active", 4, "宣言中"),
    ("kind_combo", "conventional", 3, "従来"),
])
def test_filters_show_only_matching_rows(qtbot, page: DeclarationsPage, combo: str,
                                         value: str, column: int, text: str) -> None:
    box = getattr(page, combo)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        box.setCurrentIndex(box.findData(value))
    assert page.model.rowCount() > 0
    cells = {page.model.index(r, column).data() for r in range(page.model.rowCount())}
    assert cells == {text}


def test_fiscal_year_filter(qtbot, page: DeclarationsPage) -> None:
    index = page.fy_combo.findData(2024)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.fy_combo.setCurrentIndex(index)
    days = {page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    assert days and all("2024-04-01" <= d <= "2025-03-31" for d in days)


@pytest.mark.parametrize(("column", "key"), [(0, "symbol"), (2, "declared_on"),
                                             (1, "employer_name")])
def test_a_header_click_sorts_in_sql(qtbot, page: DeclarationsPage, context: UiContext,
                                     column: int, key: str) -> None:
    header = page.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + _section_centre(header, column))
    ascending = page.model.order()[1]
    assert page.model.order()[0] == key
    with reading(context) as store:
        expected = list(queries.ids(store, queries.DeclarationFilter(), key, not ascending))
    assert shown_ids(page) == expected


def _section_centre(header, column: int):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                  header.height() // 2)


def free_employer(context: UiContext) -> tuple[str, str]:
    """An active employer with no declaration at all."""
    return stored(context, "SELECT symbol, name FROM employers WHERE lost_on IS NULL AND id NOT "
                  "IN (SELECT employer_id FROM declarations) ORDER BY id DESC LIMIT 1")[0]


def test_add_appears_in_the_list_and_the_history(qtbot, page: DeclarationsPage,
                                                 context: UiContext) -> None:
    symbol, name = free_employer(context)
    form = page.open_add()
    assert isinstance(form, DeclarationForm)
    fill(qtbot, form, symbol=symbol, declared_on="R7.6.1", contact_person="総務課 試験")
    form.items_edit.setPlainText("健診受診率 100%\n保健指導実施率 80%\n運動 週2回")
    press_ok(qtbot, form, expect_write=True)
    with reading(context) as store:
        new_id = queries.id_by_key(store, symbol, date(2025, 6, 1))
    assert new_id is not None and new_id in shown_ids(page)
    assert page.selected_id() == new_id
    assert page.pane.heading.text() == f"{symbol} {name}"
    assert page.pane.values()["担当者"] == "総務課 試験"
    history = page.pane.history.texts()
    assert [row[2:] for row in history] == [["登録", "画面で登録"]]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"declared_on": "2025-02-30"}, "宣言日: 存在しない日付です: 2025-02-30"),
    ({"declared_on": "R1.4.30"}, "宣言日: " + message("date_outside_era", "ja", value="R1.4.30",
                                                      era="令和", first="2019-05-01", last="")),
    ({"declared_on": ""}, "宣言日は必須です（空欄にはできません）。"),
    ({"symbol": "12AB"}, message("employer_symbol_invalid", "ja", value="12AB")),
    ({"symbol": "99999999"}, message("employer_unknown", "ja", symbol="99999999")),
    ({"karte_on": "先月"}, "カルテ提供日: " + message("date_unreadable", "ja", value="先月")),
])
def test_an_invalid_field_is_shown_in_japanese_and_nothing_is_written(
        qtbot, page: DeclarationsPage, context: UiContext, fields: dict[str, str],
        expected: str) -> None:
    symbol, _ = free_employer(context)
    before = stored(context, "SELECT COUNT(*), (SELECT COUNT(*) FROM audit) FROM declarations")
    form = page.open_add()
    fill(qtbot, form, **{"symbol": symbol, "declared_on": "2025-06-01", **fields})
    press_ok(qtbot, form, expect_write=False)
    assert form.isVisible()
    assert form.error_label.isVisible()
    assert form.error_label.text() == expected
    assert stored(context, "SELECT COUNT(*), (SELECT COUNT(*) FROM audit) FROM declarations") \
        == before


def select_declaration(qtbot, page: DeclarationsPage, context: UiContext, sql: str) -> int:
    record_id = stored(context, sql)[0][0]
    assert page.select_id(record_id)
    return int(record_id)


def test_a_withdrawal_before_the_declaration_is_refused_in_japanese(
        qtbot, page: DeclarationsPage, context: UiContext) -> None:
    record_id = select_declaration(qtbot, page, context, "SELECT id FROM declarations WHERE "
                                   "status = 'active' ORDER BY declared_on DESC LIMIT 1")
    detail = page.detail
    day = date.fromisoformat(detail.values["declared_on"])
    earlier = date.fromordinal(day.toordinal() - 1).isoformat()
    form = page.open_end()
    assert isinstance(form, WithdrawForm)
    fill(qtbot, form, withdrawn_on=earlier, withdrawal_reason="誤登録")
    press_ok(qtbot, form, expect_write=False)
    assert form.error_label.text() == message(
        "declaration_withdrawal_date", "ja", symbol=detail.symbol,
        declared_on=day.isoformat(), withdrawn_on=earlier)
    assert stored(context, "SELECT status, withdrawn_on FROM declarations WHERE id = ?",
                  (record_id,)) == [("active", None)]


def test_withdraw_then_edit_are_in_the_list_and_history(qtbot, page: DeclarationsPage,
                                                        context: UiContext) -> None:
    record_id = select_declaration(qtbot, page, context, "SELECT id FROM declarations WHERE "
                                   "status = 'active' ORDER BY declared_on LIMIT 1")
    day = date.fromisoformat(page.detail.values["declared_on"])
    later = date.fromordinal(day.toordinal() + 30).isoformat()
    form = page.open_end()
    fill(qtbot, form, withdrawn_on=later, withdrawal_reason="事業所の申出")
    press_ok(qtbot, form, expect_write=True)
    assert page.selected_id() == record_id
    row = page.model.row_of(record_id)
    assert page.model.index(row, 4).data() == "取下げ"
    assert page.model.index(row, 5).data() == later
    last = page.pane.history.texts()[-1]
    assert last[2] == "変更"
    assert f"取下げ日: — → {later}" in last[3] and "状態: 宣言中 → 取下げ" in last[3]
    form = page.open_edit()
    fill(qtbot, form, note="再宣言の予定あり")
    press_ok(qtbot, form, expect_write=True)
    assert page.pane.history.texts()[-1][3] == "備考: — → 再宣言の予定あり"
    assert page.pane.values()["画面で変更済み"] == "はい（取込で上書きされます）"


def test_every_visible_text_is_japanese(qtbot, page: DeclarationsPage,
                                        context: UiContext) -> None:
    assert untranslated_texts(page) == []
    assert page.title() == "健康宣言"
    select_declaration(qtbot, page, context, "SELECT id FROM declarations LIMIT 1")
    for form in (page.open_add(), page.open_edit(), page.open_end()):
        assert form is not None
        assert untranslated_texts(form, allow={"OK"}) == [], type(form).__name__
        form.reject()
