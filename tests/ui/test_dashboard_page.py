"""The dashboard: each card shows exactly the KPI sheet's row (the figures `branchdesk kpi`
prints), the FY and as-of date recompute it, the charts hold the series, and an as-of before
the FY is a Japanese message."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures_pages import WAIT_MS, close, open_page, reading

from branchdesk.domain.kpi.format import format_value
from branchdesk.domain.kpi.status import status_label
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.dashboard import DashboardPage
from branchdesk.ui.widgets.kpi_card import STATUS_COLOURS, figures_line

TODAY = date(2026, 11, 27)


@pytest.fixture
def page(qtbot, context: UiContext):
    shown = open_page(qtbot, context, DashboardPage, today=TODAY)
    yield shown
    close(shown.parentWidget())


def set_period(qtbot, page: DashboardPage, fy: int, as_of: date) -> None:
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.set_period(fy, as_of)


@pytest.mark.parametrize(("fy", "as_of"), [
    (2025, date(2026, 6, 30)),    # a final year
    (2025, date(2025, 10, 15)),   # in progress: cohorts provisional, later months missing
    (2023, date(2024, 5, 31)),
])
def test_every_card_shows_the_kpi_sheet_row(qtbot, page: DashboardPage, context: UiContext,
                                            fy: int, as_of: date) -> None:
    set_period(qtbot, page, fy, as_of)
    with reading(context) as store:
        rows = kpi_sheet(store, fy, as_of)
    assert [r.kpi.id for r in page.rows] == [r.kpi.id for r in rows]
    for row in rows:
        card = page.card(row.kpi.id)
        assert card.isVisible()
        assert card.value_label.text() == format_value(row.kpi, row.value)
        assert card.status_label.text() == status_label(row.status, "ja")
        assert card.target_label.text().endswith(format_value(row.kpi, row.target))
        assert card.previous_label.text().endswith(format_value(row.kpi, row.previous))
        assert STATUS_COLOURS[row.status] in card.status_label.styleSheet()
        assert figures_line(row) in card.toolTip()
        assert row.measured_at.isoformat() in card.toolTip()


def test_the_tooltip_tells_numerator_denominator_period_and_date(qtbot,
                                                                 page: DashboardPage) -> None:
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    tip = page.card("committee_coverage").toolTip()
    row = next(r for r in page.rows if r.kpi.id == "committee_coverage")
    assert f"分子 {row.numerator:,} ÷ 分母 {row.denominator:,} = " in tip
    assert "被保険者数" in tip and "測定日: 2026-03-31" in tip
    referral = page.card("referral_visit_rate")
    assert "2024年度健診分" in referral.toolTip()


def test_changing_the_fy_recomputes_the_cards(qtbot, page: DashboardPage,
                                              context: UiContext) -> None:
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    before = page.card("declarations").value_label.text()
    index = page.fy_combo.findData(2024)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.fy_combo.setCurrentIndex(index)
    with reading(context) as store:
        row = {r.kpi.id: r for r in kpi_sheet(store, 2024, date(2026, 6, 30))}["declarations"]
    after = page.card("declarations").value_label.text()
    assert after == format_value(row.kpi, row.value) and after != before
    assert page.measured_label.text() == "測定日 2025-03-31"


def test_a_new_as_of_date_recomputes_once_typing_pauses(qtbot, page: DashboardPage) -> None:
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.as_of_edit.setDate(date(2025, 9, 30))
    assert page.measured_label.text() == "測定日 2025-09-30（年度途中）"
    assert all(r.in_progress for r in page.rows)


def test_the_charts_hold_the_series(qtbot, page: DashboardPage) -> None:
    set_period(qtbot, page, 2025, date(2025, 10, 15))
    generic = page.generic_chart.points()
    assert len(generic["2024年度"]) == 12 and len(generic["2025年度"]) == 7  # April to October
    bars = page.biosimilar_chart.points()
    assert len(bars["80%以上"]) + len(bars["80%未満"]) == 19
    coverage = page.coverage_chart.points()
    assert len(coverage["カバー率"]) >= 2 and len(coverage["測定日"]) == 1
    referral = page.referral_chart.points()
    assert len(referral["確定"]) + len(referral["集計中"]) == 12
    assert referral["集計中"], "months not yet final are drawn as provisional"


def test_an_as_of_before_the_fy_is_a_message_not_a_crash(qtbot, page: DashboardPage) -> None:
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    page.set_period(2025, date(2025, 3, 31))
    assert page.message_label.isVisible()
    assert page.message_label.text() == ("基準日 2025-03-31 は 2025年度の開始（2025年4月1日）"
                                         "より前です")
    assert not any(card.isVisible() for card in page.cards.values())
    set_period(qtbot, page, 2025, date(2025, 4, 1))
    assert not page.message_label.isVisible()
    assert page.card("generic_share").isVisible()


def test_every_visible_text_is_japanese(qtbot, page: DashboardPage) -> None:
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    assert untranslated_texts(page) == []
    assert page.title() == "ダッシュボード"


def test_english_shows_english_labels(qtbot, english, small_demo) -> None:
    from branchdesk.ui.jobs import JobRunner

    context = UiContext(small_demo, "en", JobRunner(small_demo, "en"))
    try:
        page = open_page(qtbot, context, DashboardPage, today=TODAY)
        set_period(qtbot, page, 2025, date(2026, 6, 30))
        row = next(r for r in page.rows if r.kpi.id == "generic_share")
        card = page.card("generic_share")
        assert card.name_label.text() == "Generic drug share (quantity)"
        assert card.status_label.text() == status_label(row.status, "en")
        assert "Numerator" in card.toolTip() and page.title() == "Dashboard"
        close(page.test_host)
    finally:
        assert context.jobs is not None
        context.jobs.close()
        context.close()


@pytest.mark.parametrize(("fy", "as_of"), [(2025, date(2026, 6, 30)), (2024, date(2024, 11, 1))])
def test_the_coverage_chart_agrees_with_the_card_and_the_kpi_query(
        qtbot, page: DashboardPage, context: UiContext, fy: int, as_of: date) -> None:
    from branchdesk.store.kpi_queries import committee_at

    set_period(qtbot, page, fy, as_of)
    row = next(r for r in page.rows if r.kpi.id == "committee_coverage")
    assert page.charts_data is not None
    points = page.charts_data.coverage
    assert points[-1].measured and points[-1].day == row.measured_at
    assert (points[-1].covered_insured, points[-1].total_insured) == (row.numerator,
                                                                      row.denominator)
    assert page.coverage_chart.points()["測定日"][0][1] == pytest.approx(float(row.value) * 100)
    with reading(context) as store:
        for point in points:
            figures = committee_at(store, point.day)
            assert figures is not None
            assert (point.covered_insured, point.total_insured) == (figures.covered_insured,
                                                                    figures.total_insured)


def test_going_back_to_a_fy_shows_the_same_figures(qtbot, page: DashboardPage) -> None:
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    first = [page.card(r.kpi.id).value_label.text() for r in page.rows]
    coverage = page.coverage_chart.points()
    set_period(qtbot, page, 2024, date(2026, 6, 30))
    assert [page.card(r.kpi.id).value_label.text() for r in page.rows] != first
    set_period(qtbot, page, 2025, date(2026, 6, 30))
    assert [page.card(r.kpi.id).value_label.text() for r in page.rows] == first
    assert page.coverage_chart.points() == coverage
