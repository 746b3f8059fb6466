"""`export quarterly`, `export register` and `consolidate` on the command line: exit codes."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import pytest
from report_builders import Builder, fill_branch

from branchdesk.cli import commands_export, main
from branchdesk.store.connection import create_store


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BRANCHDESK_HOME", str(tmp_path / "home"))

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)
    return run


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "b.db"
    store = create_store(path, "31")
    fill_branch(Builder(store))
    store.close()
    return path


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".~") or p.suffix == ".xlsx"]


def test_export_quarterly_writes_the_report_and_prints_its_path(cli, db, tmp_path):
    result = cli("export", "quarterly", "--fy", "2024", "--quarter", "4", "-o", str(tmp_path),
                 "--db", str(db))
    path = tmp_path / "四半期報告_31鳥取_2024Q4.xlsx"
    assert result.code == 0 and result.out.strip() == str(path) and path.exists()
    assert "データなし" in result.err  # the entered rows nobody filled in are named


@pytest.mark.parametrize(("fy", "quarter", "words"), [("2024", "5", "四半期 5"),
                                                      ("2024", "0", "四半期 0"),
                                                      ("1999", "1", "年度 1999")])
def test_an_unknown_fy_or_quarter_exits_2_and_writes_nothing(cli, db, tmp_path, fy, quarter,
                                                             words):
    out = tmp_path / "out"
    out.mkdir()
    result = cli("export", "quarterly", "--fy", fy, "--quarter", quarter, "-o", str(out),
                 "--db", str(db))
    assert result.code == 2 and words in result.err and not list(out.iterdir())


def test_an_output_that_cannot_be_written_exits_2_with_no_partial_file(cli, db, tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = cli("export", "quarterly", "--fy", "2024", "--quarter", "4", "-o",
                 str(blocker / "r.xlsx"), "--db", str(db))
    assert result.code == 2 and "出力先" in result.err and "Traceback" not in result.err
    assert blocker.read_text(encoding="utf-8").startswith("a file") and not _leftovers(tmp_path)


def test_an_output_of_the_wrong_type_exits_2(cli, db, tmp_path):
    result = cli("export", "quarterly", "--fy", "2024", "--quarter", "4", "-o",
                 str(tmp_path / "r.csv"), "--db", str(db))
    assert result.code == 2 and ".xlsx" in result.err and not (tmp_path / "r.csv").exists()


def test_export_on_a_missing_store_exits_3(cli, tmp_path):
    result = cli("export", "quarterly", "--fy", "2024", "--quarter", "4", "-o", str(tmp_path),
                 "--db", str(tmp_path / "none.db"))
    assert result.code == 3


def test_export_without_a_kind_exits_2_naming_the_kinds(cli, db):
    result = cli("export", "--db", str(db))
    assert result.code == 2 and "quarterly" in result.err and "register" in result.err


def test_export_register_cp932_refusal_exits_2_with_no_file(cli, tmp_path):
    path = tmp_path / "c.db"
    store = create_store(path, "31")
    Builder(store).employer("𠮷野家")
    store.close()
    out = tmp_path / "e.csv"
    result = cli("export", "register", "--name", "employers", "-o", str(out), "--encoding",
                 "cp932", "--db", str(path), "--lang", "en")
    assert result.code == 2 and "Row 2" in result.err and "事業所名称" in result.err
    assert not out.exists() and not _leftovers(tmp_path)


def test_export_register_writes_csv(cli, db, tmp_path):
    out = tmp_path / "e.csv"
    result = cli("export", "register", "--name", "employers", "-o", str(out), "--db", str(db))
    assert result.code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_consolidate_writes_a_provisional_national_workbook_and_lists_refusals(cli, db,
                                                                               tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    cli("export", "quarterly", "--fy", "2024", "--quarter", "4", "-o", str(reports), "--db",
        str(db))
    (reports / "memo.xlsx").write_bytes(b"not a workbook")
    (reports / "~$open.xlsx").write_bytes(b"Excel's lock file")
    out = tmp_path / "national.xlsx"
    result = cli("consolidate", str(reports), "-o", str(out))
    assert result.code == 0 and out.exists()
    assert "memo.xlsx" in result.err and "~$open" not in result.err
    assert "暫定" in result.err and "1/47" in result.err


def test_consolidate_with_nothing_usable_exits_2_and_writes_nothing(cli, tmp_path):
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_bytes(b"nothing")
    out = tmp_path / "national.xlsx"
    result = cli("consolidate", str(bogus), "-o", str(out))
    assert result.code == 2 and not out.exists()


def test_another_module_can_add_an_export_subcommand(cli, db):
    def add(p: argparse.ArgumentParser) -> None:
        p.add_argument("--kind", required=True)

    def run(args: argparse.Namespace) -> int:
        print("template for", args.kind)
        return 0

    commands_export.add_export_subcommand("template", (add, run, "write an import template"))
    try:
        result = cli("export", "template", "--kind", "employers", "--db", str(db))
    finally:
        del commands_export.EXPORT_SUBCOMMANDS["template"]
    assert result.code == 0 and result.out.strip() == "template for employers"
