"""Exit codes and messages of cli.md for init, kpi and bad stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchdesk import __version__


def test_version_prints_the_version(cli_process):
    result = cli_process("--version")
    assert result.code == 0 and __version__ in result.out


def test_init_makes_a_store_and_refuses_to_overwrite_it(cli, tmp_path):
    db = tmp_path / "b.db"
    assert cli("init", "--branch", "31", "--db", str(db)).code == 0
    again = cli("init", "--branch", "31", "--db", str(db))
    assert again.code == 2 and "既に" in again.err
    assert db.exists()


@pytest.mark.parametrize("branch", ["48", "00", "ab", "131"])
def test_init_rejects_an_unknown_branch_code(cli, tmp_path, branch):
    result = cli("init", "--branch", branch, "--db", str(tmp_path / "x.db"))
    assert result.code == 2 and branch in result.err
    assert not (tmp_path / "x.db").exists()


def _bad_store(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "bad.db"
    if kind == "directory":
        path.mkdir()
    elif kind == "text":
        path.write_text("事業所記号,名称\n", encoding="utf-8")
    elif kind == "garbage":
        path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    return path


@pytest.mark.parametrize(("kind", "words"), [("missing", "ストアがありません"),
                                             ("directory", "フォルダ"),
                                             ("text", "SQLite"),
                                             ("garbage", "破損")])
def test_a_store_that_cannot_be_used_exits_3_with_one_line(cli, tmp_path, kind, words):
    result = cli("kpi", "--db", str(_bad_store(tmp_path, kind)))
    assert result.code == 3
    assert words in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_kpi_json_lists_every_row_with_the_fields_of_cli_md(cli, tmp_path):
    db = tmp_path / "b.db"
    cli("init", "--branch", "31", "--db", str(db))
    result = cli("kpi", "--fy", "2024", "--as-of", "2025-06-01", "--db", str(db),
                 "--format", "json")
    rows = json.loads(result.out)
    assert result.code == 0 and len(rows) == 21
    assert set(rows[0]) == {"id", "name", "unit", "value", "numerator", "denominator", "target",
                            "previous", "status", "measured_at", "period", "in_progress"}
    assert {r["status"] for r in rows} == {"no_data"}  # an empty store: nothing to measure


@pytest.mark.parametrize(("as_of", "words"), [("2024-02-30", "2024-02-30"),
                                              ("2024-03-31", "年度の開始"),
                                              ("令和元年4月30日", "令和")])
def test_kpi_rejects_a_bad_as_of_date_with_exit_2(cli, tmp_path, as_of, words):
    db = tmp_path / "b.db"
    cli("init", "--branch", "31", "--db", str(db))
    result = cli("kpi", "--fy", "2024", "--as-of", as_of, "--db", str(db))
    assert result.code == 2 and words in result.err


def test_english_messages_with_lang_en(cli, tmp_path):
    result = cli("kpi", "--db", str(tmp_path / "none.db"), "--lang", "en")
    assert result.code == 3 and "No store" in result.err


def test_kpi_table_shows_statuses_in_japanese(cli, tmp_path):
    db = tmp_path / "b.db"
    cli("init", "--branch", "13", "--db", str(db))
    result = cli("kpi", "--fy", "2024", "--as-of", "2025-06-01", "--db", str(db))
    assert result.code == 0
    assert "東京" in result.out and "データなし" in result.out and "2024年度" in result.out
