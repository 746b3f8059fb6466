"""設定: a KPI target, a 前年度実績 or a figure-changing setting changed on the page changes the
KPI sheet (read afresh from the store); the language goes to settings.ini; "back up now" adds
a backup; a restore brings back the earlier figures on the page and on the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures_admin import (
    FY2025_END,
    TODAY,
    accept_button,
    cancel_button,
    click,
    copy_store,
    ini_file,
    sheet,
)
from fixtures_pages import WAIT_MS, close, open_page, settle
from PySide6.QtCore import QSettings

from branchdesk.domain.kpi.status import status_label
from branchdesk.store.backup import list_backups
from branchdesk.store.connection import open_store
from branchdesk.store.settings import get_settings
from branchdesk.ui.context import UiContext
from branchdesk.ui.i18n import untranslated_texts
from branchdesk.ui.main_window import LANGUAGE_KEY
from branchdesk.ui.pages.dashboard import DashboardPage
from branchdesk.ui.pages.settings_page import SettingsPage
from branchdesk.ui.pages.settings_targets import KPIS, STATUS_COL


@pytest.fixture
def store_path(small_demo_master: Path, tmp_path: Path) -> Path:
    return copy_store(small_demo_master, tmp_path / "store")


@pytest.fixture
def own_context(store_path: Path, make_context: Callable[..., UiContext]) -> UiContext:
    return make_context(store_path)


@pytest.fixture
def ini(tmp_path: Path) -> QSettings:
    return ini_file(tmp_path)


@pytest.fixture
def page(qtbot, own_context: UiContext, ini: QSettings):
    shown = open_page(qtbot, own_context, SettingsPage, today=TODAY, settings=ini)
    yield shown
    settle(own_context)
    close(shown.parentWidget())


def status_cell(page: SettingsPage, kpi_id: str) -> str:
    row = [k.id for k in KPIS].index(kpi_id)
    return page.targets.table.item(row, STATUS_COL).text()


def save_targets(qtbot, page: SettingsPage) -> None:
    with qtbot.waitSignal(page.targets.saved, timeout=WAIT_MS):
        click(qtbot, page.targets.save_button)
    settle(page.context)


def save_settings(qtbot, page: SettingsPage) -> None:
    with qtbot.waitSignal(page.figures.saved, timeout=WAIT_MS):
        click(qtbot, page.figures.save_button)
    settle(page.context)


def test_the_page_shows_the_branch_the_store_and_fy2025(page: SettingsPage,
                                                       store_path: Path) -> None:
    assert (page.branch.code_label.text(), page.branch.name_label.text()) == ("31", "鳥取")
    assert page.store_section.folder == store_path.parent
    assert page.backups.folder == store_path.parent / "backups"
    assert page.targets.fy == 2025
    rows = sheet(store_path, 2025, FY2025_END)
    for kpi in KPIS:
        assert status_cell(page, kpi.id) == status_label(rows[kpi.id].status, "ja")


@pytest.mark.parametrize(("kpi_id", "field", "shown", "before", "after"), [
    ("declarations", "target", 870, "nearly", "achieved"),              # 877 vs 910 → 870
    ("biosimilar_ingredients", "target", 30.0, "achieved", "not_achieved"),  # 26.3% vs 30%
    ("committee_employers", "previous", 2900, "achieved", "not_achieved"),   # 2,799 vs 2,900
    ("committee_coverage", "previous", 55.0, "achieved", "achieved"),   # fixed 50%: unchanged
])
def test_a_target_or_previous_value_changes_the_kpi_sheet(
        qtbot, page: SettingsPage, store_path: Path, kpi_id: str, field: str,
        shown: float, before: str, after: str) -> None:
    assert sheet(store_path, 2025, FY2025_END)[kpi_id].status == before
    boxes = page.targets.targets if field == "target" else page.targets.previous
    boxes[kpi_id].widget.setValue(shown)
    save_targets(qtbot, page)
    row = sheet(store_path, 2025, FY2025_END)[kpi_id]
    stored = float(row.previous if field == "previous" else row.target or 0)
    assert stored == pytest.approx(shown / 100 if row.kpi.is_ratio else shown)
    assert row.status == after
    assert status_cell(page, kpi_id) == status_label(after, "ja")
    assert "保存しました（1 件）" in page.targets.message_label.text()


def test_saving_unchanged_targets_writes_nothing(qtbot, page: SettingsPage,
                                                 store_path: Path) -> None:
    with open_store(store_path) as store:
        before = store.scalar("SELECT COUNT(*) FROM kpi_sheet_rows")
    click(qtbot, page.targets.save_button)
    settle(page.context)
    assert page.targets.message_label.text() == "変更はありません"
    with open_store(store_path) as store:
        assert store.scalar("SELECT COUNT(*) FROM kpi_sheet_rows") == before


def test_a_target_for_another_fy_goes_to_that_fy(qtbot, page: SettingsPage,
                                                 store_path: Path) -> None:
    with qtbot.waitSignal(page.targets.loaded, timeout=WAIT_MS):
        page.targets.fy_combo.setCurrentIndex(page.targets.fy_combo.findData(2024))
    assert sheet(store_path, 2024, FY2025_END)["declarations"].status == "achieved"  # 692 ≥ 670
    page.targets.targets["declarations"].widget.setValue(700)
    save_targets(qtbot, page)
    assert sheet(store_path, 2024, FY2025_END)["declarations"].status == "nearly"
    assert sheet(store_path, 2025, FY2025_END)["declarations"].target == 910


@pytest.mark.parametrize(("key", "shown", "kpi_id", "check"), [
    ("nearly_ratio", 97.0, "declarations",          # 877 / 910 = 96.4%: no longer 概ね達成
     lambda before, after: (before.status, after.status) == ("nearly", "not_achieved")),
    ("referral_window_months", 6, "referral_visit_rate",   # fewer months, fewer visits
     lambda before, after: after.value < before.value),
    ("claims_lag_months", 12, "referral_visit_rate",       # cohort not final at 31 March
     lambda before, after: (before.status, after.status) == ("achieved", "provisional")),
])
def test_a_figure_setting_changes_the_kpi_sheet(qtbot, page: SettingsPage, store_path: Path,
                                                key: str, shown: float, kpi_id: str,
                                                check: Callable[..., bool]) -> None:
    before = sheet(store_path, 2025, FY2025_END)[kpi_id]
    page.figures.spins[key].setValue(shown)
    save_settings(qtbot, page)
    with open_store(store_path) as store:
        stored = get_settings(store)[key]
    assert stored == pytest.approx(shown / 100 if key == "nearly_ratio" else shown)
    after = sheet(store_path, 2025, FY2025_END)[kpi_id]
    assert check(before, after)
    assert status_cell(page, kpi_id) == status_label(after.status, "ja")


def test_a_threshold_is_stored_and_shown_again(qtbot, page: SettingsPage, store_path: Path,
                                               own_context: UiContext, ini: QSettings) -> None:
    page.figures.spins["secondary_hba1c"].setValue(9.1)
    save_settings(qtbot, page)
    with open_store(store_path) as store:
        assert get_settings(store)["secondary_hba1c"] == 9.1
    again = open_page(qtbot, own_context, SettingsPage, today=TODAY, settings=ini)
    assert again.figures.spins["secondary_hba1c"].value() == pytest.approx(9.1)
    close(again.parentWidget())


def test_saving_one_section_keeps_unsaved_edits_in_the_other(qtbot, page: SettingsPage,
                                                             store_path: Path) -> None:
    page.figures.spins["claims_lag_months"].setValue(5)
    page.targets.targets["declarations"].widget.setValue(870)
    save_targets(qtbot, page)
    assert page.figures.spins["claims_lag_months"].value() == 5   # still shown, not saved
    with open_store(store_path) as store:
        assert get_settings(store)["claims_lag_months"] == 2
    page.targets.previous["committee_employers"].widget.setValue(2900)
    save_settings(qtbot, page)
    assert page.targets.previous["committee_employers"].value() == 2900
    assert page.targets.targets["declarations"].value() == 870
    assert sheet(store_path, 2025, FY2025_END)["committee_employers"].previous == 2576


def test_no_visit_source_is_refused_and_nothing_is_saved(qtbot, page: SettingsPage,
                                                         store_path: Path) -> None:
    for check in page.figures.sources.values():
        check.setChecked(False)
    click(qtbot, page.figures.save_button)
    settle(page.context)
    assert "1つ以上選んでください" in page.figures.message_label.text()
    with open_store(store_path) as store:
        assert get_settings(store)["referral_visit_sources"] == ["claim", "reply", "self"]


@pytest.mark.parametrize(("lang", "shown"), [("en", "英語"), ("ja", "日本語")])
def test_the_language_goes_to_settings_ini_for_the_next_start(
        qtbot, page: SettingsPage, own_context: UiContext, ini: QSettings, lang: str,
        shown: str) -> None:
    combo = page.language.combo
    combo.setCurrentIndex(1 - combo.findData(lang))
    combo.setCurrentIndex(combo.findData(lang))
    assert QSettings(ini.fileName(), QSettings.Format.IniFormat).value(LANGUAGE_KEY) == lang
    assert shown in page.language.note.text() and "次回の起動" in page.language.note.text()
    again = open_page(qtbot, own_context, SettingsPage, today=TODAY, settings=ini)
    assert again.language.combo.currentData() == lang
    close(again.parentWidget())


def back_up(qtbot, page: SettingsPage) -> Path:
    with qtbot.waitSignal(page.backups.backed_up, timeout=WAIT_MS) as signal:
        click(qtbot, page.backups.backup_button)
    settle(page.context)
    return Path(signal.args[0])


def test_back_up_now_adds_a_backup_to_the_list(qtbot, page: SettingsPage,
                                               store_path: Path) -> None:
    assert page.backups.table.rowCount() == 0
    for count in (1, 2):
        path = back_up(qtbot, page)
        assert path.is_file() and path.parent == store_path.parent / "backups"
        assert page.backups.table.rowCount() == count
        assert page.backups.selected() is not None
        assert page.backups.selected().path == path
        assert page.backups.table.item(0, 1).text() == "手動"
    assert [b.path for b in list_backups(store_path)] == [b.path for b in page.backups.backups]


def test_restore_asks_first_and_cancel_keeps_the_store(qtbot, page: SettingsPage,
                                                       store_path: Path) -> None:
    path = back_up(qtbot, page)
    page.targets.targets["declarations"].widget.setValue(870)
    save_targets(qtbot, page)
    box = page.backups.ask_restore()
    assert box is not None
    taken = page.backups.backups[0].taken_at.strftime("%Y-%m-%d %H:%M:%S")
    assert taken in box.text() and path == page.backups.selected().path
    click(qtbot, cancel_button(box))
    settle(page.context)
    assert sheet(store_path, 2025, FY2025_END)["declarations"].target == 870


def test_restore_brings_back_the_earlier_figures_everywhere(qtbot, page: SettingsPage,
                                                            own_context: UiContext,
                                                            store_path: Path) -> None:
    dashboard = open_page(qtbot, own_context, DashboardPage, today=TODAY)
    with qtbot.waitSignal(dashboard.loaded, timeout=WAIT_MS):
        dashboard.set_period(2025, FY2025_END)
    earlier = [r.to_json() for r in sheet(store_path, 2025, FY2025_END).values()]
    assert dashboard.card("declarations").status_label.text() == "概ね達成"
    back_up(qtbot, page)

    page.targets.targets["declarations"].widget.setValue(870)
    save_targets(qtbot, page)
    page.figures.spins["referral_window_months"].setValue(6)
    save_settings(qtbot, page)
    qtbot.waitUntil(lambda: dashboard.card("declarations").status_label.text() == "達成",
                    timeout=WAIT_MS)
    assert [r.to_json() for r in sheet(store_path, 2025, FY2025_END).values()] != earlier

    box = page.backups.ask_restore()
    assert box is not None
    with qtbot.waitSignals([page.backups.restored, dashboard.loaded], timeout=WAIT_MS):
        click(qtbot, accept_button(box))
    settle(own_context)
    assert [r.to_json() for r in sheet(store_path, 2025, FY2025_END).values()] == earlier
    assert dashboard.card("declarations").status_label.text() == "概ね達成"
    assert page.targets.targets["declarations"].value() == 910
    assert page.figures.spins["referral_window_months"].value() == 10
    assert status_cell(page, "declarations") == "概ね達成"
    reasons = [page.backups.table.item(i, 1).text() for i in range(page.backups.table.rowCount())]
    assert sorted(reasons) == sorted(["復元前", "手動"])
    assert "復元しました" in page.backups.message_label.text()
    close(dashboard.parentWidget())


def test_every_visible_text_is_japanese(qtbot, page: SettingsPage) -> None:
    assert untranslated_texts(page) == []
    back_up(qtbot, page)
    box = page.backups.ask_restore()
    assert box is not None
    assert untranslated_texts(page) == []
    click(qtbot, cancel_button(box))


def test_the_next_start_opens_the_store_and_language_chosen_here(
        qtbot, own_context: UiContext, tmp_path: Path) -> None:
    from branchdesk.ui.app import start_preferences
    from branchdesk.ui.main_window import app_settings

    shown = open_page(qtbot, own_context, SettingsPage, today=TODAY, settings=app_settings())
    other = tmp_path / "seminar.db"
    shown.store_section.set_next_store(other)
    shown.language.combo.setCurrentIndex(shown.language.combo.findData("en"))
    assert str(other) in shown.store_section.next_label.text()
    assert start_preferences(None, None) == (other, "en")
    assert start_preferences(tmp_path / "given.db", "ja") == (tmp_path / "given.db", "ja")
    shown.store_section.set_next_store(None)  # back to the default store
    assert start_preferences(None, None)[0] != other
    close(shown.parentWidget())
