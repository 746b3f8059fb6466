"""The 健康保険委員 page: list, search by employer and member, in office / terminated, detail with
history; add, edit and terminate with inline Japanese messages; a termination leaves 'in office'
and lowers the committee coverage on the dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures_pages import WAIT_MS, close, fill, open_page, press_ok, reading, settle, type_text
from PySide6.QtCore import Qt

from branchdesk.domain.kpi.format import format_value
from branchdesk.domain.messages import message
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries import committee as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.forms.member_forms import MemberForm, TerminateForm
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.committee import CommitteePage
from branchdesk.ui.pages.dashboard import DashboardPage

TODAY = date(2026, 11, 27)


@pytest.fixture
def page(qtbot, context: UiContext):
    shown = open_page(qtbot, context, CommitteePage, today=TODAY)
    yield shown
    settle(context)
    close(shown.test_host)


def stored(context: UiContext, sql: str, params: tuple = ()) -> list[tuple]:
    with reading(context) as store:
        return [tuple(r) for r in store.query(sql, params)]


def test_the_list_holds_every_member(page: CommitteePage, context: UiContext,
                                     qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    with reading(context) as store:
        total = queries.count(store)
        expected = list(queries.ids(store, queries.MemberFilter(), "appointed_on", True))
    assert list(page.model.ids()) == expected
    assert page.count_label.text() == f"{total:,}件中 {total:,}件"
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "委員氏名"


@pytest.mark.parametrize("pick", ["name_without_space", "kana_in_hiragana", "symbol"])
def test_search_by_member_or_employer(qtbot, page: CommitteePage, context: UiContext,
                                      pick: str) -> None:
    name, kana, symbol = stored(context, "SELECT m.name, m.name_kana, e.symbol FROM "
                                "committee_members m JOIN employers e ON e.id = m.employer_id "
                                "WHERE m.name_kana IS NOT NULL LIMIT 1")[0]
    text = {"name_without_space": "".join(name.split()),
            "kana_in_hiragana": "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c
                                        for c in "".join(kana.split())),
            "symbol": symbol}[pick]
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        type_text(qtbot, page.search_edit, text)
    shown = {page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    if pick != "symbol":
        assert shown == {name} or name in shown
    with reading(context) as store:
        assert list(page.model.ids()) == list(queries.ids(
            store, queries.MemberFilter(search=text), "appointed_on", True))


def test_in_office_and_terminated_filters(qtbot, page: CommitteePage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.state_combo.setCurrentIndex(page.state_combo.findData("terminated"))
    terminated = {page.model.index(r, 6).data() for r in range(page.model.rowCount())}
    assert terminated and all(d and d <= TODAY.isoformat() for d in terminated)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.state_combo.setCurrentIndex(page.state_combo.findData("in_office"))
    in_office = {page.model.index(r, 6).data() for r in range(page.model.rowCount())}
    assert all(d == "" or d > TODAY.isoformat() for d in in_office)


@pytest.mark.parametrize(("column", "key"), [(0, "symbol"), (1, "employer_name"),
                                             (3, "name_kana")])
def test_a_header_click_sorts_off_the_gui_thread(qtbot, page: CommitteePage,
                                                 context: UiContext, column: int,
                                                 key: str) -> None:
    before = list(page.model.ids())
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        assert page.model.order() == (key, True)
        assert list(page.model.ids()) == before  # the ids are read meanwhile
    with reading(context) as store:
        expected = list(queries.ids(store, queries.MemberFilter(), key, False))
    assert list(page.model.ids()) == expected != before


def free_employer(context: UiContext) -> str:
    return stored(context, "SELECT symbol FROM employers WHERE lost_on IS NULL AND id NOT IN "
                  "(SELECT employer_id FROM committee_members) ORDER BY id DESC LIMIT 1")[0][0]


def test_add_appears_in_the_list_and_the_history(qtbot, page: CommitteePage,
                                                 context: UiContext) -> None:
    symbol = free_employer(context)
    form = page.open_add()
    assert isinstance(form, MemberForm)
    fill(qtbot, form, symbol=symbol, name="試験　花子", name_kana="シケン　ハナコ",
         title="総務課", appointed_on="2026-04-01")
    press_ok(qtbot, form, expect_write=True)
    with reading(context) as store:
        new_id = queries.id_by_key(store, symbol, "試験花子", date(2026, 4, 1))
    assert new_id is not None and page.selected_id() == new_id
    assert page.pane.values()["委員氏名"] == "試験　花子"
    assert [row[2:] for row in page.pane.history.texts()] == [["登録", "画面で登録"]]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"name": ""}, "委員氏名は必須です（空欄にはできません）。"),
    ({"appointed_on": "2026-02-29"}, "委嘱日: 存在しない日付です: 2026-02-29"),
    ({"symbol": "1234"}, message("employer_symbol_invalid", "ja", value="1234")),
])
def test_an_invalid_member_is_shown_in_japanese_and_nothing_is_written(
        qtbot, page: CommitteePage, context: UiContext, fields: dict[str, str],
        expected: str) -> None:
    before = stored(context, "SELECT COUNT(*), (SELECT COUNT(*) FROM audit) "
                    "FROM committee_members")
    form = page.open_add()
    fill(qtbot, form, **{"symbol": free_employer(context), "name": "試験　一郎",
                         "appointed_on": "2026-04-01", **fields})
    press_ok(qtbot, form, expect_write=False)
    assert form.isVisible() and form.error_label.text() == expected
    assert stored(context, "SELECT COUNT(*), (SELECT COUNT(*) FROM audit) "
                  "FROM committee_members") == before


def covered_member(context: UiContext) -> tuple[int, int]:
    """(member id, insured) of the only member in office at 2026-03-31 of an employer listed in
    that day's register, appointed before 2026-03-01."""
    return stored(context, """
        SELECT MIN(m.id), h.insured FROM committee_members m
        JOIN employer_headcounts h ON h.employer_id = m.employer_id
        JOIN employer_registers r ON r.id = h.register_id AND r.as_of = '2026-03-31'
        WHERE m.appointed_on <= '2026-03-31'
          AND (m.terminated_on IS NULL OR m.terminated_on > '2026-03-31') AND h.insured > 0
        GROUP BY m.employer_id HAVING COUNT(*) = 1 AND MAX(m.appointed_on) < '2026-03-01'
        ORDER BY h.insured DESC LIMIT 1""")[0]


def test_a_termination_before_the_appointment_is_refused(qtbot, page: CommitteePage,
                                                         context: UiContext) -> None:
    member_id, _ = covered_member(context)
    assert page.select_id(member_id)
    appointed = page.detail.values["appointed_on"]
    earlier = date.fromordinal(date.fromisoformat(appointed).toordinal() - 1).isoformat()
    form = page.open_end()
    assert isinstance(form, TerminateForm)
    fill(qtbot, form, terminated_on=earlier)
    press_ok(qtbot, form, expect_write=False)
    assert form.error_label.text() == message("member_terminated_before_appointed", "ja",
                                              terminated_on=earlier, appointed_on=appointed)
    assert stored(context, "SELECT terminated_on FROM committee_members WHERE id = ?",
                  (member_id,)) == [(None,)]


def test_terminate_leaves_in_office_and_lowers_coverage_on_the_dashboard(
        qtbot, page: CommitteePage, context: UiContext) -> None:
    dashboard = open_page(qtbot, context, DashboardPage, today=TODAY)
    with qtbot.waitSignal(dashboard.loaded, timeout=WAIT_MS):
        dashboard.set_period(2025, date(2026, 3, 31))
    coverage_before = next(r for r in dashboard.rows if r.kpi.id == "committee_coverage")
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.state_combo.setCurrentIndex(page.state_combo.findData("in_office"))
    member_id, insured = covered_member(context)
    assert page.select_id(member_id)
    form = page.open_end()
    fill(qtbot, form, terminated_on="2026-03-01")
    form.reason_combo.setCurrentIndex(form.reason_combo.findData("transferred"))
    press_ok(qtbot, form, expect_write=True)
    settle(context)
    assert page.model.row_of(member_id) == -1  # no longer in office
    assert page.detail is None
    with reading(context) as store:
        rows = {r.kpi.id: r for r in kpi_sheet(store, 2025, date(2026, 3, 31))}
    after = rows["committee_coverage"]
    assert after.numerator == coverage_before.numerator - insured
    card = dashboard.card("committee_coverage")
    assert card.value_label.text() == format_value(after.kpi, after.value)
    assert f"分子 {after.numerator:,} " in card.toolTip()
    assert dashboard.coverage_chart.points()["測定日"][0][1] == pytest.approx(
        float(after.value) * 100)
    close(dashboard.test_host)


def test_terminated_member_shows_reason_and_history(qtbot, page: CommitteePage,
                                                    context: UiContext) -> None:
    member_id = stored(context, "SELECT id FROM committee_members WHERE terminated_on IS NULL "
                       "ORDER BY id LIMIT 1")[0][0]
    assert page.select_id(member_id)
    form = page.open_end()
    fill(qtbot, form, terminated_on="2026-05-31")
    press_ok(qtbot, form, expect_write=True)
    assert page.pane.values()["解嘱理由"] == "退職"
    assert page.pane.history.texts()[-1][3] == "解嘱日: — → 2026-05-31、解嘱理由: — → 退職"
    form = page.open_edit()
    fill(qtbot, form, title="人事部 部長")
    press_ok(qtbot, form, expect_write=True)
    assert page.pane.history.texts()[-1][3].startswith("部署・役職: ")


def test_every_visible_text_is_japanese(qtbot, page: CommitteePage, context: UiContext) -> None:
    assert untranslated_texts(page) == []
    assert page.title() == "健康保険委員"
    assert page.select_id(page.model.id_at(0) or 0)
    for form in (page.open_add(), page.open_edit(), page.open_end()):
        assert form is not None
        assert untranslated_texts(form, allow={"OK"}) == [], type(form).__name__
        form.reject()
