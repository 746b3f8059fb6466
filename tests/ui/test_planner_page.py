"""The 訪問計画 page on the small demo: the ranking and its filters, top N and hand-picked checks
changing the what-if sentence, the sentence equal to the KPI sheet once the employers sign up,
the Excel export, and every visible text in Japanese."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from fixtures_pages import WAIT_MS, close, open_page, reading, settle
from PySide6.QtCore import Qt

from branchdesk.domain.kpi.format import format_percent
from branchdesk.domain.messages import message
from branchdesk.exchange.plan_export import LIST_HEADER, SHEET
from branchdesk.store.connection import open_store
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries import planner
from branchdesk.store.registers import upsert_members
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.planner import PlannerPage

TODAY = date(2026, 11, 27)
#: The demo's latest FY with data, measured at its 31 March.
FY, DAY = 2025, date(2026, 3, 31)


@pytest.fixture
def page(qtbot, context: UiContext) -> Iterator[PlannerPage]:
    shown = open_page(qtbot, context, PlannerPage, today=TODAY)
    yield shown
    settle(context)
    close(shown.test_host)


def ranked(context: UiContext, **filters: object) -> list[int]:
    with reading(context) as store:
        return [int(i) for i in planner.candidates(store, DAY, **filters).ids]  # type: ignore[arg-type]


def symbols_of(context: UiContext, ids: list[int]) -> list[str]:
    with reading(context) as store:
        found = planner.candidate_rows(store, DAY, ids)
    return [found[i][0] for i in ids]


def expected_coverage(context: UiContext, ids: list[int]) -> str:
    with reading(context) as store:
        what_if = planner.coverage_what_if(store, DAY, symbols_of(context, ids))
    return message("planner_coverage_what_if", "ja", count=f"{len(ids):,}",
                   now=format_percent(what_if.now), after=format_percent(what_if.after),
                   target="50.0%", employers_now=f"{what_if.employers_now:,}",
                   employers_after=f"{what_if.employers_after:,}")


def test_the_list_is_the_ranking_of_the_default_fy(page: PlannerPage, context: UiContext,
                                                   qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    assert page.fy_combo.currentText() == "2025年度"
    assert page.measured_label.text() == "測定日 2026-03-31"
    assert list(page.model.ids()) == ranked(context)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "事業所記号"
    insured = [int(page.model.index(r, 4).data().replace(",", "")) for r in range(20)]
    assert insured == sorted(insured, reverse=True)
    assert page.coverage_label.text().startswith("事業所にチェックを付けるか")


@pytest.mark.parametrize("fy", [2024, 2026])
def test_another_fy_measures_at_its_own_date(qtbot, page: PlannerPage, context: UiContext,
                                             fy: int) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.fy_combo.setCurrentIndex(page.fy_combo.findData(fy))
    day = date(2025, 3, 31) if fy == 2024 else TODAY
    assert page.measured_label.text() == f"測定日 {day.isoformat()}"
    with reading(context) as store:
        assert list(page.model.ids()) == [int(i) for i in planner.candidates(store, day).ids]


def choose(qtbot, page: PlannerPage, box, value: object) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        box.setCurrentIndex(box.findData(value))


@pytest.mark.parametrize("which", ["municipality", "industry", "size", "all three"])
def test_filters_narrow_the_ranking(qtbot, page: PlannerPage, context: UiContext,
                                    which: str) -> None:
    settle(context)  # the filter lists are loaded
    filters: dict[str, object] = {}
    if which in ("municipality", "all three"):
        code = page.municipality_combo.itemData(1)
        choose(qtbot, page, page.municipality_combo, code)
        filters["municipality"] = code
    if which in ("industry", "all three"):
        choose(qtbot, page, page.industry_combo, "建設業")
        filters["industry"] = "建設業"
    if which in ("size", "all three"):
        page.min_size.setValue(10)
        with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
            page.max_size.setValue(49)
        filters.update(min_insured=10, max_insured=49)
    expected = ranked(context, **filters)
    assert 0 < len(expected) < len(ranked(context))
    assert list(page.model.ids()) == expected
    assert page.count_label.text() == f"表示 {len(expected):,} 件、チェック 0 件"


def test_top_n_checks_the_first_rows_and_states_the_what_if(page: PlannerPage,
                                                            context: UiContext) -> None:
    page.top_spin.setValue(40)
    top = ranked(context)[:40]
    assert page.model.checked == set(top)
    assert page.coverage_label.text() == expected_coverage(context, top)
    assert page.coverage_label.text().startswith("この40事業所で 健康保険委員カバー率 ")
    assert "健康宣言事業所数 " in page.declaration_label.text()
    assert page.export_button.isEnabled()
    page.top_spin.setValue(3)
    assert page.coverage_label.text() == expected_coverage(context, top[:3])


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return])
def test_a_key_on_a_row_hand_picks_it(qtbot, page: PlannerPage, context: UiContext,
                                      key: Qt.Key) -> None:
    before = page.coverage_label.text()
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(5, 1))
    qtbot.keyClick(page.view, key)
    picked = ranked(context)[5]
    assert page.model.checked == {picked}
    assert page.model.index(5, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert page.coverage_label.text() != before
    assert page.coverage_label.text() == expected_coverage(context, [picked])
    qtbot.keyClick(page.view, key)
    assert page.model.checked == set()
    assert page.coverage_label.text() == before


def test_a_click_on_the_box_adds_to_the_top_n(page: PlannerPage, context: UiContext) -> None:
    page.top_spin.setValue(2)
    page.model.setData(page.model.index(7, 0), Qt.CheckState.Checked.value,
                       Qt.ItemDataRole.CheckStateRole)
    ids = ranked(context)
    assert page.model.checked == {ids[0], ids[1], ids[7]}
    assert page.coverage_label.text() == expected_coverage(context, [ids[0], ids[1], ids[7]])
    page.clear_button.click()
    assert page.model.checked == set() and not page.export_button.isEnabled()


def test_the_top_n_hint_matches_the_ranking(page: PlannerPage, context: UiContext) -> None:
    with reading(context) as store:
        n = planner.top_n_for(store, DAY, planner.coverage_target(store, FY))
    hint = {None: message("planner_target_unreachable", "ja", target="50.0%"),
            0: message("planner_target_reached", "ja", target="50.0%")}
    assert page.top_n_label.text() == hint.get(n, message(
        "planner_top_n_reaches", "ja", n=f"{n:,}", target="50.0%"))


def test_export_writes_the_checked_employers(qtbot, page: PlannerPage, context: UiContext,
                                             tmp_path: Path) -> None:
    page.top_spin.setValue(10)
    path = tmp_path / "訪問計画.xlsx"
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        page.export_to(path)
    book = openpyxl.load_workbook(path)
    try:
        rows = [tuple(r) for r in book[SHEET].iter_rows(values_only=True)]
    finally:
        book.close()
    listed = rows[rows.index(LIST_HEADER) + 1:]
    assert [r[1] for r in listed] == symbols_of(context, ranked(context)[:10])
    coverage = next(r for r in rows if r[0] == "健康保険委員カバー率")
    shown = page.coverage_label.text()
    assert f"{coverage[1] * 100:.1f}% → {coverage[2] * 100:.1f}%" in shown
    assert str(path) in page.status_label.text()


def test_every_text_is_japanese(page: PlannerPage) -> None:
    assert untranslated_texts(page) == []
    page.top_spin.setValue(5)
    assert untranslated_texts(page) == []
    assert page.title() == "訪問計画"


def test_the_what_if_is_what_the_kpi_sheet_shows_after_sign_up(
        qtbot, small_demo_master: Path, make_context: Callable[..., UiContext],
        tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(small_demo_master, path)
    context = make_context(path)
    shown = open_page(qtbot, context, PlannerPage, today=TODAY)
    shown.top_spin.setValue(25)
    top = ranked(context)[:25]
    symbols = symbols_of(context, top)
    promised = shown.coverage_label.text().split(" → ")[1].split("（")[0]
    with open_store(path, write=True) as store, store.transaction():
        upsert_members(store, [{"symbol": s, "name": f"委員 {s}", "appointed_on": DAY}
                               for s in symbols], source="app")
    with reading(context) as store:
        row = {r.kpi.id: r for r in kpi_sheet(store, FY, TODAY)}["committee_coverage"]
    assert format_percent(row.value) == promised  # type: ignore[arg-type]
    with qtbot.waitSignal(shown.loaded, timeout=WAIT_MS):
        shown.refresh()  # the store changed: the page ranks again
    settle(context)
    assert not set(shown.model.ids()) & set(top)  # the signed-up employers left the list
    assert shown.model.checked == set()
    assert f"現在のカバー率 {promised}" in shown.coverage_label.text()
    close(shown.test_host)
