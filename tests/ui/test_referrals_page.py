"""The 受診勧奨 page on the small demo store: the worklist on screen in the query's order (most
severe first), an action recorded by keyboard that reaches the store and moves the list on,
refusals in Japanese, the cohort table equal to the KPI engine with 集計中 months marked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures_pages import WAIT_MS, close, settle
from fixtures_referrals import (
    TODAY,
    open_referrals,
    press_enter,
    record_by_keyboard,
    shown_column,
    stored,
)
from PySide6.QtCore import Qt

from branchdesk.domain.dates import parse_date
from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.kpi.format import format_percent
from branchdesk.domain.messages import message
from branchdesk.store.connection import open_store
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries import referrals as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.main_window import app_settings
from branchdesk.ui.pages.referrals import ReferralsPage
from branchdesk.ui.pages.referrals_panel import STAFF_KEY

PERSON, LAST_ACTION, METHOD, RESULT = 0, 12, 13, 14


@pytest.fixture
def page(qtbot: Any, context: UiContext) -> Iterator[ReferralsPage]:
    shown = open_referrals(qtbot, context)
    shown.window().activateWindow()
    qtbot.waitUntil(lambda: shown.window().isActiveWindow(), timeout=WAIT_MS)
    yield shown
    settle(context)
    close(shown.test_host)  # type: ignore[attr-defined]


def expected_rows(context: UiContext, days: int = 30) -> list[queries.WorklistRow]:
    with open_store(context.store_path) as store:
        return queries.worklist(store, TODAY, days)


def date_problem(text: str) -> str:
    """What the domain's date rules say about ``text`` ("" when it reads as a date)."""
    try:
        parse_date(text)
    except ValueRejected as e:
        return e.render("ja")
    return ""


def actions_of(context: UiContext, case_id: int) -> list[tuple[Any, ...]]:
    return stored(context, "SELECT acted_on, method, result, staff FROM referral_actions "
                  "WHERE case_id = ? ORDER BY acted_on", (case_id,))


def test_the_worklist_shows_the_open_cases_most_severe_first(page: ReferralsPage,
                                                             context: UiContext) -> None:
    expected = expected_rows(context)
    assert expected, "the demo store has open 二次勧奨 cases"
    assert list(page.worklist.model.ids()) == [r.case_id for r in expected]
    assert shown_column(page, PERSON, 30) == [r.person_key for r in expected[:30]]
    severities = [r.severity for r in expected]
    assert severities == sorted(severities, reverse=True)
    assert page.worklist.count_label.text() == f"{len(expected):,}件"
    assert page.worklist.selected_id() == expected[0].case_id
    assert expected[0].person_key in page.worklist.panel.case_label.text()


def test_a_longer_no_action_period_shortens_the_list(qtbot: Any, page: ReferralsPage,
                                                     context: UiContext) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.worklist.days_spin.setValue(400)  # the demo's actions end 2026-03-31
    expected = expected_rows(context, 400)
    assert list(page.worklist.model.ids()) == [r.case_id for r in expected]
    assert len(expected) < len(expected_rows(context))


def test_an_action_recorded_by_keyboard_reaches_the_store_and_the_case_leaves(
        qtbot: Any, page: ReferralsPage, context: UiContext) -> None:
    view = page.worklist.view
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the second most severe case
    before = list(page.worklist.model.ids())
    case_id, following = before[1], before[2]
    assert page.worklist.selected_id() == case_id
    record_by_keyboard(qtbot, page, method_steps=1, result_steps=2, staff="Sato")
    assert actions_of(context, case_id)[-1] == (TODAY.isoformat(), "phone", "planned", "Sato")
    assert page.worklist.model.row_of(case_id) == -1  # acted on today: off the list
    assert page.worklist.selected_id() == following
    assert view.hasFocus()
    assert page.worklist.panel.message_label.text() == message(
        "worklist_recorded", "ja", acted_on=TODAY.isoformat(), method="電話")
    assert app_settings().value(STAFF_KEY) == "Sato"


def test_with_no_period_the_case_stays_and_shows_its_action(qtbot: Any, page: ReferralsPage,
                                                            context: UiContext) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.worklist.days_spin.setValue(0)
    page.worklist.select_row(0)
    case_id = page.worklist.selected_id()
    assert case_id is not None
    record_by_keyboard(qtbot, page, method_steps=2, result_steps=1, staff="Ito")
    row = page.worklist.model.row_of(case_id)
    assert row == 0  # still open, still the most severe
    texts = [page.worklist.model.index(row, c).data() for c in (LAST_ACTION, METHOD, RESULT)]
    assert texts == [TODAY.isoformat(), "訪問", "受診済"]
    assert page.worklist.selected_id() == page.worklist.model.id_at(1)  # moved to the next row
    assert actions_of(context, case_id)[-1] == (TODAY.isoformat(), "visit", "visited", "Ito")


def test_the_staff_name_is_remembered_for_the_next_session(qtbot: Any, context: UiContext,
                                                           page: ReferralsPage) -> None:
    app_settings().setValue(STAFF_KEY, "Kato")
    second = open_referrals(qtbot, context)
    assert second.worklist.panel.staff_edit.text() == "Kato"
    close(second.test_host)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("date_text", "code"), [
    ("2020-01-01", "worklist_before_checkup"),
    ("2026-11-28", "worklist_in_future"),
    ("", "worklist_date_required"),
    ("2026-02-30", "worklist_date_invalid"),
])
def test_a_refused_action_is_explained_in_japanese_and_nothing_is_written(
        qtbot: Any, page: ReferralsPage, context: UiContext, date_text: str, code: str) -> None:
    panel = page.worklist.panel
    case = page.worklist.selected_case()
    assert case is not None
    before = stored(context, "SELECT COUNT(*) FROM referral_actions")
    panel.date_edit.clear()
    qtbot.keyClicks(panel.date_edit, date_text)
    press_enter(qtbot, panel.date_edit)
    settle(context)
    assert panel.message_label.text() == message(
        code, "ja", acted_on=date_text, checkup_on=case.checkup_on.isoformat(),
        today=TODAY.isoformat(), reason=date_problem(date_text))
    assert stored(context, "SELECT COUNT(*) FROM referral_actions") == before
    assert page.worklist.selected_id() == case.case_id


def test_the_cohort_table_is_the_kpi_engines_with_provisional_months_marked(
        qtbot: Any, page: ReferralsPage, context: UiContext) -> None:
    with qtbot.waitSignal(page.cohorts_loaded, timeout=WAIT_MS):
        page.show_cohorts()
    cohorts = page.cohorts
    with open_store(context.store_path) as store:
        tables = queries.cohort_table(store, TODAY)
        kpi = next(r for r in kpi_sheet(store, 2025, TODAY) if r.kpi.id == "referral_visit_rate")
    assert cohorts.cohort_combo.count() == len(tables) and cohorts.cohort_combo.currentData() \
        == tables[0].cohort_fy
    cohorts.cohort_combo.setCurrentIndex(cohorts.cohort_combo.findData(2024))  # FY2025's KPI
    model = cohorts.model
    lines = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert len(lines) == 13 and lines[-1][0] == "年度計"
    assert lines[-1][1:4] == [f"{kpi.denominator:,}", f"{kpi.numerator:,}",
                              format_percent(kpi.value)]
    newest = tables[0]
    cohorts.cohort_combo.setCurrentIndex(0)
    states = [model.index(r, 4).data() for r in range(12)]
    assert states == ["確定" if m.final else "集計中" for m in newest.months]
    assert "集計中" in states and "確定" in states  # FY2025 checkups: Dec–Mar not final yet
    assert model.index(12, 4).data() == "集計中"


def test_every_visible_text_is_japanese(qtbot: Any, page: ReferralsPage) -> None:
    assert page.title() == "受診勧奨"
    assert [page.tabs.tabText(i) for i in range(2)] == ["二次勧奨(&W)", "受診率（コホート）(&V)"]
    assert untranslated_texts(page) == []
    with qtbot.waitSignal(page.cohorts_loaded, timeout=WAIT_MS):
        page.show_cohorts()
    assert untranslated_texts(page) == []


def test_the_sidebar_entry_opens_this_page(qtbot: Any, main_window: Any) -> None:
    main_window.show_page("referrals")
    page = main_window.pages["referrals"]
    assert isinstance(page, ReferralsPage)
    qtbot.waitUntil(lambda: page.worklist.model.rowCount() > 0, timeout=WAIT_MS)
