"""The ジェネリック・バイオシミラー page: figures per unit and month, lowest share first (the
outreach list), the branch's share equal to the KPI's, and biosimilars per ingredient."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures_pages import WAIT_MS, close, open_page, reading, settle
from PySide6.QtCore import Qt

from branchdesk.domain.kpi.format import format_percent, format_value
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.queries import drugs as queries
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.drugs import DrugsPage


@pytest.fixture
def page(qtbot, context: UiContext):
    shown = open_page(qtbot, context, DrugsPage)
    settle(context)
    yield shown
    settle(context)
    close(shown.test_host)


def choose(qtbot, page: DrugsPage, combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        if combo.currentIndex() == index:
            combo.currentIndexChanged.emit(index)  # chosen already: as if chosen again
        else:
            combo.setCurrentIndex(index)


def column(page: DrugsPage, index: int) -> list[str]:
    model = page.generic_model
    return [model.index(r, index).data() for r in range(model.rowCount())]


def test_municipalities_of_the_latest_month_lowest_share_first(
        page: DrugsPage, context: UiContext, qtmodeltester) -> None:
    qtmodeltester.check(page.generic_model)
    qtmodeltester.check(page.biosimilar_model)
    month = page.month_combo.currentData()
    with reading(context) as store:
        assert month == queries.generic_months(store)[0]
        expected = queries.unit_figures(store, "municipality", month)
    assert column(page, 0) == [r.code for r in expected]
    assert column(page, 2) == [format_percent(r.qty_share) for r in expected]
    shares = [r.qty_share for r in expected if r.qty_share is not None]
    assert shares == sorted(shares)
    assert page.generic_model.headerData(2, Qt.Orientation.Horizontal) == "使用割合（数量）"


def test_the_branch_share_shown_is_the_kpi_figure(qtbot, page: DrugsPage,
                                                 context: UiContext) -> None:
    with reading(context) as store:
        row = {r.kpi.id: r for r in kpi_sheet(store, 2025, date(2026, 6, 30))}["generic_share"]
    month = int(row.period.replace("-", ""))
    choose(qtbot, page, page.month_combo, month)
    assert format_value(row.kpi, row.value) in page.generic_summary.text()
    assert page.generic_summary.text().startswith(f"{row.period}診療分: 支部の使用割合（数量）")


@pytest.mark.parametrize(("unit", "minimum"), [("institution", 0), ("institution", 5000),
                                               ("pharmacy", 0), ("branch", 0)])
def test_every_unit_and_the_minimum_quantity(qtbot, page: DrugsPage, context: UiContext,
                                            unit: str, minimum: int) -> None:
    choose(qtbot, page, page.unit_combo, unit)
    if minimum:
        with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
            page.min_spin.setValue(minimum)
    with reading(context) as store:
        expected = queries.unit_figures(store, unit, page.month_combo.currentData(),
                                        min_quantity=minimum)
    assert page.generic_model.rowCount() == len(expected) > 0
    assert column(page, 0)[:50] == [r.code for r in expected[:50]]


def test_a_header_click_sorts_highest_first(qtbot, page: DrugsPage) -> None:
    header = page.generic_view.horizontalHeader()
    header.sectionClicked.emit(2)  # lowest first already: the click turns it around
    header.sectionClicked.emit(2)
    shares = [page.generic_model.row_at(r).qty_share for r in range(page.generic_model.rowCount())]
    known = [s for s in shares if s is not None]
    assert known == sorted(known, reverse=True)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_biosimilars_per_ingredient(qtbot, page: DrugsPage, context: UiContext) -> None:
    month = page.bio_month_combo.currentData()
    with reading(context) as store:
        expected = queries.ingredient_figures(store, month)
    model = page.biosimilar_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        r.ingredient for r in expected]
    assert {model.index(r, 2).data() for r in range(model.rowCount())} <= {"はい", "いいえ"}
    reached = sum(r.reached for r in expected)
    assert f"のうち{reached}成分が80%以上" in page.biosimilar_summary.text()


def test_every_visible_text_is_japanese(page: DrugsPage) -> None:
    assert untranslated_texts(page) == []
    assert page.title() == "ジェネリック・バイオシミラー"
