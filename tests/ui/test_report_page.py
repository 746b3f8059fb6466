"""報告: the page writes the command line's quarterly workbook (read back with openpyxl, its KPI
figures are the KPI sheet's at the quarter's end), warns about KPIs with no data or a
provisional cohort before writing (Cancel writes nothing), and names the folder it opens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from fixtures_admin import TODAY, accept_button, cancel_button, click, ini_file, sheet
from fixtures_pages import WAIT_MS, close, open_page, settle

from branchdesk.domain.calendar import quarter_end
from branchdesk.domain.kpi.catalogue import BY_ID
from branchdesk.domain.kpi.status import status_label
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.pages.report_page import ReportPage, default_period

#: Columns of the workbook's KPI sheet (exchange.md §4): 指標ID … 実績 … 達成状況.
ID_COL, VALUE_COL, STATUS_COL = 0, 3, 7


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def page(qtbot, context: UiContext, tmp_path: Path, out: Path):
    shown = open_page(qtbot, context, ReportPage, today=TODAY, settings=ini_file(tmp_path))
    shown.folder_edit.setText(str(out))
    yield shown
    settle(context)
    close(shown.parentWidget())


def workbook_kpis(path: Path) -> dict[str, tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["KPI"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    return {str(r[ID_COL]): r for r in rows if r[ID_COL]}


def export_and_wait(qtbot, page: ReportPage) -> None:
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        click(qtbot, page.export_button)


def wait_question(qtbot, page: ReportPage):
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.question is not None, timeout=WAIT_MS)
    assert page.question is not None
    return page.question


@pytest.mark.parametrize(("today", "latest", "expected"), [
    (date(2025, 11, 27), 2025, (2025, 2)),   # Q3 is running: Q2 is the latest completed
    (date(2026, 1, 5), 2025, (2025, 3)),
    (date(2026, 4, 10), 2025, (2025, 4)),    # a new FY: Q4 of the one before
    (date(2026, 11, 27), 2025, (2025, 4)),   # FY2026 holds no data yet: Q4 of FY2025
    (date(2026, 11, 27), 2026, (2026, 2)),
])
def test_the_default_is_the_latest_completed_quarter(today: date, latest: int,
                                                     expected: tuple[int, int]) -> None:
    assert default_period(today, latest) == expected


def test_the_page_opens_on_the_latest_quarter_with_the_forms_file_name(page: ReportPage) -> None:
    assert (page.fy, page.quarter) == (2025, 4)
    assert page.name_edit.text() == "四半期報告_31鳥取_2025Q4.xlsx"
    page.set_period(2024, 3)
    assert page.name_edit.text() == "四半期報告_31鳥取_2024Q3.xlsx"
    assert not page.open_folder_button.isEnabled()


@pytest.mark.parametrize(("fy", "quarter"), [(2025, 4), (2024, 4), (2023, 4)])
def test_export_writes_the_quarters_kpi_figures(qtbot, page: ReportPage, context: UiContext,
                                               out: Path, fy: int, quarter: int) -> None:
    page.set_period(fy, quarter)
    export_and_wait(qtbot, page)
    path = out / f"四半期報告_31鳥取_{fy}Q{quarter}.xlsx"
    assert page.written == path and path.is_file()
    assert page.question is None  # every KPI final: no warning
    expected = sheet(context.store_path, fy, quarter_end(fy, quarter))
    written = workbook_kpis(path)
    assert set(written) == set(expected)
    for kpi_id, row in expected.items():
        value = written[kpi_id][VALUE_COL]
        if row.value is None:
            assert value is None
        else:
            assert value == pytest.approx(float(row.value), rel=1e-12)
        assert written[kpi_id][STATUS_COL] == status_label(row.status, "ja")
    assert page.folder_to_open == out
    assert page.open_folder_button.isEnabled()
    assert str(path) in page.message_label.text()


@pytest.mark.parametrize(("fy", "quarter", "named", "status"), [
    (2025, 2, ["referral_visit_rate"], "集計中"),
    (2026, 2, ["generic_share", "generic_amount_share", "biosimilar_ingredients",
               "service_standard"], "データなし"),
])
def test_a_warning_names_the_kpis_and_cancel_writes_nothing(qtbot, page: ReportPage, out: Path,
                                                           fy: int, quarter: int,
                                                           named: list[str],
                                                           status: str) -> None:
    page.set_period(fy, quarter)
    box = wait_question(qtbot, page)
    for kpi_id in named:
        assert BY_ID[kpi_id].name_ja in box.text()
    assert status in box.text()
    assert untranslated_texts(page) == []
    with qtbot.waitSignal(page.stopped, timeout=WAIT_MS):
        click(qtbot, cancel_button(box))
    settle(page.context)
    assert list(out.iterdir()) == []
    assert page.written is None
    assert page.export_button.isEnabled()


def test_going_on_past_the_warning_writes_the_provisional_figures(qtbot, page: ReportPage,
                                                                  out: Path) -> None:
    page.set_period(2025, 2)
    box = wait_question(qtbot, page)
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        click(qtbot, accept_button(box))
    written = workbook_kpis(out / "四半期報告_31鳥取_2025Q2.xlsx")
    assert written["referral_visit_rate"][STATUS_COL] == "集計中"


def test_an_existing_file_is_replaced_only_when_confirmed(qtbot, page: ReportPage,
                                                          out: Path) -> None:
    path = out / "四半期報告_31鳥取_2025Q4.xlsx"
    path.write_bytes(b"an earlier file")
    box = wait_question(qtbot, page)
    assert str(path) in box.text()
    click(qtbot, cancel_button(box))
    settle(page.context)
    assert path.read_bytes() == b"an earlier file"
    box = wait_question(qtbot, page)
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        click(qtbot, accept_button(box))
    assert len(workbook_kpis(path)) == len(BY_ID)  # a real workbook now


@pytest.mark.parametrize(("folder", "name", "says"), [
    ("missing", None, "出力先のフォルダがありません"),
    (None, "report.csv", ".xlsx で終わる名前"),
    (None, "sub/report.xlsx", ".xlsx で終わる名前"),
])
def test_a_wrong_folder_or_name_is_refused_before_anything_runs(
        qtbot, page: ReportPage, out: Path, folder: str | None, name: str | None,
        says: str) -> None:
    if folder is not None:
        page.folder_edit.setText(str(out / folder))
    if name is not None:
        page.name_edit.setText(name)
    click(qtbot, page.export_button)
    settle(page.context)
    assert says in page.message_label.text()
    assert page.question is None
    assert list(out.iterdir()) == []


def test_the_output_folder_is_remembered_for_the_next_time(qtbot, page: ReportPage,
                                                           context: UiContext,
                                                           tmp_path: Path, out: Path) -> None:
    export_and_wait(qtbot, page)
    again = open_page(qtbot, context, ReportPage, today=TODAY, settings=ini_file(tmp_path))
    assert again.folder_edit.text() == str(out)
    close(again.parentWidget())


def test_every_visible_text_is_japanese(qtbot, page: ReportPage) -> None:
    assert untranslated_texts(page) == []
    export_and_wait(qtbot, page)
    assert untranslated_texts(page) == []
