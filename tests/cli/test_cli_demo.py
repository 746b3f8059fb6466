"""End to end on the small demo branch: demo → kpi → backup → restore → check (cli.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from branchdesk.cli import main
from branchdesk.store.connection import connect


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["demo", "--scale", "small", "--db", str(path)]) == 0
    return path


def _kpi(cli, db: Path, fy: str = "2024") -> list[dict]:
    result = cli("kpi", "--fy", fy, "--db", str(db), "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_the_demo_kpi_sheet_shows_a_mix_of_achieved_and_not_achieved(cli, demo_db):
    rows = _kpi(cli, demo_db)
    statuses = {r["status"] for r in rows}
    assert {"achieved", "not_achieved"} <= statuses
    computed = {r["id"]: r for r in rows if r["numerator"] is not None}
    assert {"generic_share", "committee_coverage", "referral_visit_rate"} <= set(computed)
    assert all(r["previous"] is not None for r in computed.values())


def test_the_demo_is_the_same_for_the_same_seed(cli, demo_db, tmp_path):
    again = tmp_path / "again.db"
    assert cli("demo", "--scale", "small", "--db", str(again)).code == 0
    assert _kpi(cli, again) == _kpi(cli, demo_db)


def test_demo_refuses_an_existing_store(cli, demo_db):
    assert cli("demo", "--db", str(demo_db)).code == 2


def test_backup_restore_brings_back_the_earlier_figures(cli, demo_db, tmp_path):
    work = tmp_path / "work.db"
    assert cli("backup", "--db", str(demo_db), "-o", str(work)).code == 0
    before = _kpi(cli, work)
    copy = tmp_path / "copy.db"
    assert cli("backup", "--db", str(work), "-o", str(copy)).code == 0
    conn = connect(work)
    conn.execute("DELETE FROM generic_stats")
    conn.close()
    assert _kpi(cli, work) != before
    result = cli("restore", str(copy), "--db", str(work))
    assert result.code == 0, result.err
    assert _kpi(cli, work) == before
    assert list((work.parent / "backups").glob("work_restore_*.db"))


def test_check_on_the_demo_store_finds_it_sound(cli, demo_db):
    result = cli("check", "--db", str(demo_db))
    assert result.code == 0, result.out + result.err
    assert "integrity" not in result.err.lower()


def test_restore_refuses_a_file_that_is_not_a_store(cli, demo_db, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a store", encoding="utf-8")
    work = tmp_path / "w.db"
    cli("backup", "--db", str(demo_db), "-o", str(work))
    assert cli("restore", str(bogus), "--db", str(work)).code == 2


def test_dash_dash_demo_makes_the_demo_store_once_and_reuses_it(cli_process, isolated_home,
                                                                monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    first = cli_process("--demo", "--smoke-test")
    assert first.code == 0, first.err
    made = (isolated_home / "demo.db").stat().st_mtime_ns
    assert cli_process("--demo", "--smoke-test").code == 0
    assert (isolated_home / "demo.db").stat().st_mtime_ns == made
