"""`branchdesk import` end to end: summaries, all-or-nothing, backups, history (exchange.md §2)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from import_helpers import employer_rows, store_digest, write_xlsx

from branchdesk.cli import main
from branchdesk.domain.errors import Cancelled, InputRejected
from branchdesk.domain.jobs import TaskState
from branchdesk.exchange.importer import ImportOptions, run_import
from branchdesk.store.backup import list_backups
from branchdesk.store.connection import open_store


def _import(store_path: Path, *files: Path, **options: object):
    return run_import(store_path, list(files), ImportOptions(**options))  # type: ignore[arg-type]


def _count(store_path: Path, table: str) -> int:
    with open_store(store_path) as store:
        return int(store.scalar(f"SELECT COUNT(*) FROM {table}"))


def _rows(store_path: Path, table: str) -> list[tuple]:
    with open_store(store_path) as store:
        return [tuple(r) for r in store.query(f"SELECT * FROM {table} ORDER BY id")]


def test_a_register_with_a_title_row_imports_with_a_summary_and_a_backup(store_path, tmp_path):
    file = write_xlsx(tmp_path / "台帳.xlsx", employer_rows(5), title="事業所台帳（令和7年3月末）")
    result = _import(store_path, file)
    assert result.outcome == "imported" and result.exit_code == 0
    [sheet] = result.sheets
    assert (sheet.kind, sheet.header_row, sheet.counts["added"]) == ("employers", 3, 5)
    assert _count(store_path, "employers") == 5
    assert [b.reason for b in list_backups(store_path)] == ["import"]


def test_reimporting_the_same_file_changes_nothing_and_writes_no_backup(store_path, tmp_path):
    file = write_xlsx(tmp_path / "台帳.xlsx", employer_rows(5))
    _import(store_path, file)
    before = _rows(store_path, "employers")
    again = _import(store_path, file)
    assert again.outcome == "unchanged" and again.sheets[0].counts["unchanged"] == 5
    assert _rows(store_path, "employers") == before  # changed_at untouched too
    assert len(list_backups(store_path)) == 1
    with open_store(store_path) as store:
        assert store.scalar("SELECT result FROM imports ORDER BY id DESC LIMIT 1") == "unchanged"
    assert _count(store_path, "audit") == 2  # the first import's register and employers


def test_one_bad_row_rejects_the_file_and_leaves_the_store_as_it_was(store_path, tmp_path):
    rows = employer_rows(3)
    rows[2][0] = "31A0002"  # row 3 in Excel: not 7–8 digits
    file = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = store_digest(store_path)
    result = _import(store_path, file)
    assert result.outcome == "rejected" and result.exit_code == 2
    [problem] = result.errors
    assert (problem.row, problem.column, problem.value) == (3, "事業所記号", "31A0002")
    assert "事業所記号" in problem.reason("ja")
    assert store_digest(store_path) == before
    assert list_backups(store_path) == []


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(store_path, tmp_path):
    rows = employer_rows(3)
    rows[2][4] = -1
    result = _import(store_path, write_xlsx(tmp_path / "r.xlsx", rows), skip_invalid=True)
    assert result.outcome == "imported" and len(result.errors) == 1
    assert _count(store_path, "employers") == 2


def test_a_dry_run_reports_what_would_change_and_writes_nothing(store_path, tmp_path):
    before = store_digest(store_path)
    result = _import(store_path, write_xlsx(tmp_path / "r.xlsx", employer_rows(4)), dry_run=True)
    assert result.outcome == "dry_run" and result.sheets[0].counts["added"] == 4
    assert store_digest(store_path) == before


def test_files_of_one_command_are_written_in_dependency_order(store_path, tmp_path):
    members = write_xlsx(tmp_path / "a_committee.xlsx", [
        ["事業所記号", "委員氏名", "委嘱日"], ["31000001", "山田 太郎", "令和6年4月1日"]])
    employers = write_xlsx(tmp_path / "b_employers.xlsx", employer_rows(2))
    result = _import(store_path, members, employers)
    assert [s.kind for s in result.sheets] == ["employers", "committee"]
    assert _count(store_path, "committee_members") == 1


def test_a_member_of_an_employer_found_nowhere_is_an_error_naming_the_row(store_path, tmp_path):
    members = write_xlsx(tmp_path / "c.xlsx", [
        ["事業所記号", "委員氏名", "委嘱日"], ["31009999", "山田 太郎", "2024/4/1"]])
    result = _import(store_path, members)
    assert result.outcome == "rejected"
    [problem] = result.errors
    assert (problem.code, problem.row, problem.value) == ("reference_unknown_employer", 2,
                                                          "31009999")


def test_a_folder_imports_its_files_but_not_excel_lock_files(store_path, tmp_path):
    folder = tmp_path / "届いたファイル"
    folder.mkdir()
    write_xlsx(folder / "employers.xlsx", employer_rows(2))
    (folder / "~$employers.xlsx").write_bytes(b"lock")
    result = _import(store_path, folder)
    assert result.outcome == "imported" and len(result.sheets) == 1


def test_a_register_losing_over_ten_percent_needs_confirm_lost(store_path, tmp_path):
    _import(store_path, write_xlsx(tmp_path / "a.xlsx", employer_rows(20, as_of="2025/3/31")))
    smaller = write_xlsx(tmp_path / "b.xlsx", employer_rows(15, as_of="2025/6/30"))
    with pytest.raises(InputRejected) as refused:
        _import(store_path, smaller)
    assert refused.value.code == "register_too_many_lost"
    result = _import(store_path, smaller, confirm_lost=True)
    assert result.sheets[0].counts["lost"] == 5


def test_a_cancelled_import_leaves_the_store_unchanged(store_path, tmp_path):
    file = write_xlsx(tmp_path / "r.xlsx", employer_rows(50))
    before = store_digest(store_path)
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled):
        run_import(store_path, [file], ImportOptions(), state)
    assert store_digest(store_path) == before


def test_referrals_are_refused_in_a_portable_store(tmp_path):
    from branchdesk.store.connection import create_store

    path = tmp_path / "laptop.db"
    create_store(path, "31", portable=True).close()
    cases = write_xlsx(tmp_path / "cases.xlsx", [
        ["対象者番号", "健診受診日", "収縮期血圧"], ["P0000000001", "2024/6/1", 182]])
    assert main(["import", str(cases), "--db", str(path)]) == 2
    assert _count(path, "referral_cases") == 0


def test_the_command_line_prints_a_line_per_sheet_and_writes_the_report(store_path, tmp_path,
                                                                        capsys):
    rows = employer_rows(2)
    rows[1][4] = "多数"
    report = tmp_path / "errors.xlsx"
    code = main(["import", str(write_xlsx(tmp_path / "r.xlsx", rows)), "--db", str(store_path),
                 "--report", str(report)])
    err = capsys.readouterr().err
    assert code == 2 and "被保険者数" in err and "変更されていません" in err
    sheet = openpyxl.load_workbook(report).active
    assert [c.value for c in sheet[1]][:6] == ["ファイル", "シート", "行", "列", "値", "内容"]
    assert sheet.cell(2, 3).value == 2 and sheet.cell(2, 5).value == "多数"


def test_history_lists_the_imports(store_path, tmp_path, capsys):
    main(["import", str(write_xlsx(tmp_path / "r.xlsx", employer_rows(2))), "--db",
          str(store_path)])
    capsys.readouterr()
    assert main(["history", "--db", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "r.xlsx" in out and "事業所台帳" in out
