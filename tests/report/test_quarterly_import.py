"""``kind: quarterly``: a report imports back into a (head-office) store with every KPI figure."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from report_builders import fill_branch

from branchdesk.domain.errors import InputRejected
from branchdesk.exchange.quarterly import export_quarterly, import_quarterly
from branchdesk.store import migrations
from branchdesk.store.connection import create_store, open_store
from branchdesk.store.kpi_sheet import kpi_sheet
from branchdesk.store.received import received_branches, received_kpis


@pytest.fixture
def exported(build, tmp_path) -> Path:
    fill_branch(build)
    build.entered(2024, "website_visits", value=125420641, target=135000000)
    build.entered(2024, "single_bid_rate", value=0.107, target=0.15)
    return export_quarterly(build.store, 2024, 4, tmp_path / "r.xlsx")[0]


@pytest.fixture
def head_office(tmp_path):
    store = create_store(tmp_path / "honbu.db", "13")
    yield store
    store.close()


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b == pytest.approx(a, rel=1e-15))


def test_import_reproduces_every_kpi_figure_of_the_report(build, exported, head_office):
    summary = import_quarterly(head_office, exported)
    assert (summary.branch_code, summary.fy, summary.quarter, summary.result) == (
        "31", 2024, 4, "added")
    stored = received_kpis(head_office, "31", 2024, 4)
    expected = [r.to_json() for r in kpi_sheet(build.store, 2024, date(2025, 3, 31))]
    assert [k.kpi_id for k in stored] == [e["id"] for e in expected]
    for got, want in zip(stored, expected, strict=True):
        assert got.status == want["status"]
        for field in ("value", "numerator", "denominator", "target", "previous"):
            assert _close(want[field], getattr(got, field)), (want["id"], field)


def test_importing_the_same_report_again_changes_nothing(exported, head_office):
    import_quarterly(head_office, exported)
    again = import_quarterly(head_office, exported)
    assert again.result == "unchanged" and again.counts["unchanged"] == 1
    assert received_branches(head_office, 2024, 4) == ["31"]


def test_a_reissued_report_replaces_the_earlier_one(build, exported, head_office, tmp_path):
    import_quarterly(head_office, exported)
    build.entered(2024, "service_standard", value=1.0, target=1.0)
    reissued = export_quarterly(build.store, 2024, 4, tmp_path / "r2.xlsx")[0]
    assert import_quarterly(head_office, reissued).result == "replaced"
    rows = {k.kpi_id: k for k in received_kpis(head_office, "31", 2024, 4)}
    assert rows["service_standard"].value == 1.0 and rows["service_standard"].status == "achieved"


def test_import_writes_inside_the_callers_transaction(exported, head_office):
    with pytest.raises(RuntimeError), head_office.transaction():
        import_quarterly(head_office, exported)
        raise RuntimeError("the importer fails later in the same transaction")
    assert received_branches(head_office, 2024, 4) == []


def test_a_file_that_is_not_a_report_is_refused_and_nothing_written(head_office, tmp_path):
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputRejected) as refused:
        import_quarterly(head_office, bogus)
    assert refused.value.code == "quarterly_unreadable" and refused.value.exit_code == 2
    assert received_branches(head_office, 2024, 4) == []


def test_a_version_1_store_is_migrated_to_hold_received_reports(tmp_path):
    path = tmp_path / "old.db"
    create_store(path, "31").close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE received_kpi_rows")
    conn.execute("DROP TABLE received_reports")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_received_reports'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.scalar("PRAGMA user_version") == migrations.SCHEMA_VERSION >= 2
        assert received_branches(store, 2024, 4) == []


def test_the_import_command_detects_a_report_and_records_it_in_the_history(exported, tmp_path):
    from branchdesk.cli import main
    from branchdesk.store.imports import list_imports

    honbu = tmp_path / "honbu2.db"
    create_store(honbu, "13").close()
    assert main(["import", str(exported), "--db", str(honbu)]) == 0
    with open_store(honbu) as store:
        assert received_branches(store, 2024, 4) == ["31"]
        [entry] = list_imports(store)
    assert entry.kinds == ["quarterly"] and entry.result == "imported"
    assert main(["import", str(exported), "--db", str(honbu), "--kind", "quarterly"]) == 0
    with open_store(honbu) as store:
        assert list_imports(store)[0].result == "unchanged"
